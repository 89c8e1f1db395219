/*
 * certificate_render.c - the certificate's PDF (see certificate_render.h),
 * drawn by report/pdf.h (A4 landscape, Noto CJK fonts embedded) into a
 * private temporary file and read back, so that the certificate use case
 * stores it by SHA-256 like every other file.
 */
#include "app/programme/certificate_render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/date.h"
#include "report/pdf.h"
#include "util/file.h"

#define CERTIFICATE_MAX_BYTES (8 << 20)

int certificate_render(const struct certificate_doc *doc, char **pdf, size_t *len, struct px_err *err)
{
	char path[64] = "/tmp/px-certificate-XXXXXX";
	struct report_certificate c;
	px_date issued;
	int fd, rc;

	*pdf = NULL;
	*len = 0;
	if (!doc->issued_on || date_parse(doc->issued_on, strlen(doc->issued_on), &issued))
		return px_err_set(err, PX_EINVAL, "bad_date", "issued_on", "certificate date '%s' is not a date",
				  doc->issued_on ? doc->issued_on : "");
	c = (struct report_certificate){
		.title = doc->programme, .award = doc->award, .holder = doc->holder, .body = doc->body,
		.issuer = doc->issuer, .issued_on = issued, .number = doc->no, .verify_line = doc->verify,
		.qr_text = doc->url,
	};
	if ((fd = mkstemp(path)) < 0)
		return px_err_set(err, PX_EIO, "tmp_failed", NULL, "cannot create a temporary file");
	close(fd);
	rc = report_pdf_certificate(path, &c, err);
	if (!rc)
		rc = file_read(path, CERTIFICATE_MAX_BYTES, pdf, len, err);
	unlink(path);
	return rc;
}
