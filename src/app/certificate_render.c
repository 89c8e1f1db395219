/*
 * certificate_render.c - the certificate's PDF (see certificate_render.h).
 * The report module's PDF writer is not part of this tree yet: the function
 * says so with a stable key rather than producing a stand-in document.
 */
#include "app/certificate_render.h"

int certificate_render(const struct certificate_doc *doc, char **pdf, size_t *len, struct px_err *err)
{
	*pdf = NULL;
	*len = 0;
	return px_err_set(err, PX_EINTERNAL, "pdf_unavailable", "pdf",
			  "the certificate PDF of '%s' cannot be made: no PDF renderer is built in", doc->no);
}
