/*
 * pdf_document.c - a plain document for bulletins and notices: title,
 * subtitle, paragraphs, an optional table and right-aligned closing lines
 * (issuer, date), on numbered A4 pages in either orientation.
 */
#include "report/pdf.h"

#include <stdio.h>
#include <string.h>

#include "report/pdf_text.h"
#include "report/text.h"

static const struct report_style title_style = {
	.family = REPORT_SERIF, .size = 20, .bold = true, .align = PANGO_ALIGN_CENTER, .after = 6,
};
static const struct report_style sub_style = {
	.family = REPORT_SANS, .size = 11, .align = PANGO_ALIGN_CENTER, .after = 16,
};
static const struct report_style para_style = {
	.family = REPORT_SERIF, .size = 12, .align = PANGO_ALIGN_LEFT, .indent = 2,
	.spacing = 1.5, .after = 6,
};
static const struct report_style closing_style = {
	.family = REPORT_SERIF, .size = 12, .align = PANGO_ALIGN_RIGHT, .after = 4,
};

static int check_paras(const char *name, const char *const *p, size_t n, size_t *total,
		       struct px_err *err)
{
	char field[64];
	int rc;

	if (n && !p)
		return px_err_set(err, PX_EINVAL, "report_missing_field", name, "missing %s", name);
	for (size_t i = 0; i < n; i++) {
		snprintf(field, sizeof(field), "%s[%zu]", name, i);
		if ((rc = report_check_text(field, p[i], REPORT_PARA_MAX,
					    REPORT_TEXT_MULTILINE | REPORT_TEXT_OPTIONAL, err)))
			return rc;
		*total += p[i] ? strlen(p[i]) : 0;
	}
	return 0;
}

/* Bytes of the table's cells (checked, so each is bounded). */
static size_t table_bytes(const struct report_table *t)
{
	size_t n = 0;

	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < t->ncols; c++) {
			const char *s = report_table_cell(t, r, c);
			n += s ? strlen(s) : 0;
		}
	return n;
}

static int check(const struct report_doc *doc, struct px_err *err)
{
	size_t total = 0;
	int rc;

	if (!doc)
		return px_err_set(err, PX_EINVAL, "report_missing_field", "doc", "missing document");
	if ((rc = report_check_text("title", doc->title, REPORT_LINE_MAX, 0, err)) ||
	    (rc = report_check_text("subtitle", doc->subtitle, REPORT_LINE_MAX,
				    REPORT_TEXT_OPTIONAL, err)))
		return rc;
	if (doc->nparas > REPORT_PARAS_MAX || doc->nclosing > REPORT_PARAS_MAX - doc->nparas)
		return px_err_set(err, PX_ETOOBIG, "report_field_too_long", "paras",
				  "more than %d paragraphs", REPORT_PARAS_MAX);
	if ((rc = check_paras("paras", doc->paras, doc->nparas, &total, err)) ||
	    (rc = check_paras("closing", doc->closing, doc->nclosing, &total, err)))
		return rc;
	if (doc->table) {
		if ((rc = report_table_check(doc->table, false, err)))
			return rc;
		total += table_bytes(doc->table);
	}
	if (total > REPORT_PDF_TEXT_MAX)
		return px_err_set(err, PX_ETOOBIG, "report_document_too_large", "",
				  "document text exceeds %d bytes", REPORT_PDF_TEXT_MAX);
	return 0;
}

int report_pdf_document(const char *path, const struct report_doc *doc, struct px_err *err)
{
	static const double margins[4] = { 64, 64, 64, 64 };
	struct report_pdf d;
	double w = REPORT_A4_SHORT, h = REPORT_A4_LONG;
	int rc;

	if ((rc = check(doc, err)))
		return rc;
	if (doc->landscape) {
		w = REPORT_A4_LONG;
		h = REPORT_A4_SHORT;
	}
	if ((rc = report_pdf_begin(&d, path, w, h, margins, doc->title, NULL, err)))
		return rc;
	d.numbered = true;
	report_pdf_flow(&d, &title_style, doc->title);
	if (!report_text_empty(doc->subtitle))
		report_pdf_flow(&d, &sub_style, doc->subtitle);
	for (size_t i = 0; i < doc->nparas; i++)
		report_pdf_flow(&d, &para_style, doc->paras[i]);
	if (doc->table) {
		report_pdf_skip(&d, 8);
		if ((rc = report_pdf_table(&d, doc->table, err))) {
			report_pdf_abort(&d);
			return rc;
		}
	}
	if (doc->nclosing)
		report_pdf_skip(&d, 18);
	for (size_t i = 0; i < doc->nclosing; i++)
		report_pdf_flow(&d, &closing_style, doc->closing[i]);
	return report_pdf_end(&d, err);
}
