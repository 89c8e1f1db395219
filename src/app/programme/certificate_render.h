/*
 * certificate_render.h - the PDF of an award certificate (证书), the one
 * place the certificate use cases ask for it.
 *
 * The PDF is drawn by src/report/ (A4 landscape, Chinese fonts embedded).
 */
#ifndef PX_APP_CERTIFICATE_RENDER_H
#define PX_APP_CERTIFICATE_RENDER_H

#include <stddef.h>

#include "util/err.h"

/* What a certificate shows. All strings UTF-8, borrowed. */
struct certificate_doc {
	const char *no;        /* QYZLJ-2025-ORG-001 */
	const char *code;      /* the public verification code, ABCD-EFGH-JKLM */
	const char *holder;    /* the organisation's or person's name */
	const char *award;     /* 组织奖 / 个人奖 */
	const char *programme; /* 2025年清远市政府质量奖 */
	const char *issuer;    /* 清远市人民政府 */
	const char *issued_on; /* YYYY-MM-DD */
	const char *body;      /* the wording, from the family's text "certificate.body" */
	const char *verify;    /* the verification line, from "certificate.verify" */
	const char *url;       /* the public verification URL, printed as a QR code */
};

/* Render the PDF: *pdf (malloc'd, the caller frees) of *len bytes. */
int certificate_render(const struct certificate_doc *doc, char **pdf, size_t *len, struct px_err *err);

#endif
