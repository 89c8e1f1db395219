/*
 * certificate.h - certificates of the winners (牌匾和证书, 清强市办〔2025〕20号 八) and
 * their public verification.
 *
 * At the publication stage the office issues one certificate per winner:
 * a number <certificate_prefix>-<year>-<ORG|IND>-<nnn> (nnn counted per
 * applicant kind, in the order of the ranking), a random verification code
 * of 12 characters of the RFC 4648 base32 alphabet in groups of four
 * (ABCD-EFGH-JKLM, 60 bits), and the PDF stored by its SHA-256 in files_dir.
 * Anyone may check a code; the PDF is served to the winner's applicant
 * account and to the office.
 */
#ifndef PX_APP_CERTIFICATE_H
#define PX_APP_CERTIFICATE_H

#include <jansson.h>
#include <stddef.h>

#include "app/app.h"

#define CERTIFICATE_CODE_LEN 12
#define CERTIFICATE_PDF_MAX (32u << 20)

/*
 * Issue the certificates of the winners that have none (office, stage kind
 * "publication") in one write transaction, then render the PDFs still
 * missing after its commit (no transaction open while cairo draws) and
 * record their hashes in a second short one. *out {programme,
 * certificates: [...]} lists every certificate of the programme.
 */
int certificate_issue(struct app *app, const struct app_actor *actor, int64_t programme_id, json_t **out,
		      struct px_err *err);

/*
 * Public check of a verification code (case and dashes do not matter):
 * {valid, no, holder, award, programme, issued_on, sha256}, or PX_ENOTFOUND
 * "certificate_not_found".
 */
int certificate_verify(struct app *app, const char *code, json_t **out, struct px_err *err);

/*
 * The PDF of a certificate for the owner of the application or the office
 * (PX_ENOTFOUND for anyone else). *pdf (malloc'd) and *len are the caller's;
 * name receives "<no>.pdf". A PDF not rendered yet is rendered
 * first (outside any transaction); PX_EINTERNAL "pdf_unavailable" when it
 * still cannot be made, PX_EIO "file_corrupt" when the stored file does not match its hash.
 */
int certificate_pdf(struct app *app, const struct app_actor *actor, int64_t certificate_id, char **pdf, size_t *len,
		    char name[64], struct px_err *err);

/*
 * The winners of a programme for the public, once it has reached its
 * publication stage (PX_ENOTFOUND "not_published" before).
 */
int certificate_winners(struct app *app, int64_t programme_id, json_t **out, struct px_err *err);

/*
 * The public verification URL of a code, the page a certificate's QR code
 * opens: "<public_url>/verify/<code>" (serve --public-url), or the path alone
 * without a public URL. Truncated to n bytes.
 */
void certificate_verify_url(const struct app *app, const char *code, char *out, size_t n);

/*
 * The certificates of a programme for its office: {programme, certificates:
 * [{id, no, code, application, holder, track, award, issued_on, sha256, pdf,
 * verify_url}]}; PX_ENOTFOUND for another region's programme.
 */
int certificate_list(struct app *app, const struct app_actor *actor, int64_t programme_id, json_t **out,
		     struct px_err *err);

/*
 * The QR code (SVG) of a code's verification URL, for anyone;
 * PX_ENOTFOUND "certificate_not_found" for an unknown code.
 */
int certificate_qr(struct app *app, const char *code, char **svg, size_t *len, struct px_err *err);

/* A new random verification code ("ABCD-EFGH-JKLM"). */
void certificate_code_new(char out[CERTIFICATE_CODE_LEN + 3]);

/* Normalise a verification code into out ("ABCD-EFGH-JKLM"); false when it cannot be one. */
bool certificate_code_normalise(const char *in, char out[CERTIFICATE_CODE_LEN + 3]);

#endif
