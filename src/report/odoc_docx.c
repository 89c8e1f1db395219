/* placeholder */
#include "report/odoc.h"
int odoc_write_docx(const struct odoc *d, const char *path, struct px_err *err)
{
	(void)d; (void)path;
	return px_err_set(err, PX_EINTERNAL, "report_docx_failed", "", "todo");
}
