/*
 * doc.c - the comparison as a workbook (survey.h): one row per enterprise
 * and indicator, with the enterprise's level, the benchmark's, the gap and
 * whether the indicator is a common weakness of the industry; headings from
 * the survey's texts. src/report/ writes it.
 */
#include "app/survey/internal.h"

#include <stdlib.h>
#include <string.h>

static void doc_text(struct survey_doc *d, const char *key, const char *const *vars)
{
	char buf[512];
	survey_text(key, vars, buf, sizeof(buf));
	json_array_append_new(d->data, json_string(buf));
}

static const char *last(struct survey_doc *d)
{
	return json_string_value(json_array_get(d->data, json_array_size(d->data) - 1));
}

static void add_num(struct survey_doc *d, json_t *v)
{
	char buf[32] = "";
	if (json_is_number(v))
		survey_number(json_number_value(v), buf, sizeof(buf));
	json_array_append_new(d->data, json_string(buf));
}

static void columns(struct survey_doc *d)
{
	static const char *const keys[] = { "doc.enterprise", "doc.uscc", "doc.indicator", "doc.unit", "doc.value",
					    "doc.target", "doc.gap", "doc.gap_pct", "doc.weakness" };
	static const double widths[] = { 30, 22, 20, 8, 12, 12, 10, 10, 10 };
	for (size_t i = 0; i < 9; i++) {
		doc_text(d, keys[i], NULL);
		d->cols[i] = (struct report_column){ .header = last(d), .width = widths[i],
						     .type = i >= 4 && i <= 7 ? REPORT_COL_DECIMAL : REPORT_COL_TEXT,
						     .decimals = 4 };
	}
}

/* One row per enterprise and indicator: the cells as strings kept in d->data, indexed into d->cells. */
static int rows(struct survey_doc *d, const json_t *cmp, struct px_err *err)
{
	json_t *e, *g, *ind = json_object_get(cmp, "indicators");
	size_t i, j, n = 0, start = json_array_size(d->data);
	json_array_foreach(json_object_get(cmp, "enterprises"), i, e)
		n += json_array_size(json_object_get(e, "gaps"));
	if (n > REPORT_ROWS_MAX)
		return px_err_set(err, PX_EINVAL, "too_many_rows", NULL, "the comparison has too many rows for a sheet");
	json_array_foreach(json_object_get(cmp, "enterprises"), i, e) {
		json_array_foreach(json_object_get(e, "gaps"), j, g) {
			const char *key = json_string_value(json_object_get(g, "key"));
			json_t *def = NULL, *x;
			size_t k;
			json_array_foreach(ind, k, x)
				if (!strcmp(key, json_string_value(json_object_get(x, "key"))))
					def = x;
			json_array_append(d->data, json_object_get(e, "name"));
			json_array_append(d->data, json_object_get(e, "uscc"));
			json_array_append(d->data, json_object_get(def, "label"));
			json_array_append(d->data, json_object_get(def, "unit"));
			add_num(d, json_object_get(g, "value"));
			add_num(d, json_object_get(g, "target"));
			add_num(d, json_object_get(g, "gap"));
			add_num(d, json_object_get(g, "gap_pct"));
			if (json_is_true(json_object_get(def, "common_weakness")))
				doc_text(d, "doc.yes", NULL);
			else
				json_array_append_new(d->data, json_string(""));
		}
	}
	d->cells = calloc(n * 9 + 1, sizeof(*d->cells));
	if (!d->cells)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	for (size_t c = 0; c < n * 9; c++)
		d->cells[c] = json_string_value(json_array_get(d->data, start + c));
	d->table.cells = d->cells;
	d->table.nrows = n;
	return 0;
}

int survey_comparison_doc(struct app *app, const struct app_actor *actor, int64_t id, int64_t benchmark,
			  struct survey_doc *doc, struct px_err *err)
{
	json_t *cmp = NULL;
	memset(doc, 0, sizeof(*doc));
	int rc = survey_comparison(app, actor, id, benchmark, &cmp, err);
	if (rc)
		return rc;
	doc->data = json_array();
	json_t *chosen = json_object_get(cmp, "benchmark");
	char best[128];
	survey_text("doc.best", NULL, best, sizeof(best));
	const char *vars[] = { "survey", json_string_value(json_object_get(json_object_get(cmp, "survey"), "title")),
			       "industry", json_string_value(json_object_get(json_object_get(cmp, "survey"), "industry")),
			       "benchmark", json_is_object(chosen) ? json_string_value(json_object_get(chosen, "name")) : best,
			       NULL };
	survey_text("doc.title", vars, doc->title, sizeof(doc->title));
	survey_text("doc.subtitle", vars, doc->subtitle, sizeof(doc->subtitle));
	columns(doc);
	doc_text(doc, "doc.sheet", NULL);
	doc->table = (struct report_table){ .sheet = last(doc), .title = doc->title, .subtitle = doc->subtitle,
					    .cols = doc->cols, .ncols = 9, .landscape = true };
	rc = rows(doc, cmp, err);
	json_decref(cmp);
	if (rc)
		survey_doc_release(doc);
	return rc;
}

void survey_doc_release(struct survey_doc *doc)
{
	free(doc->cells);
	json_decref(doc->data);
	doc->cells = NULL;
	doc->data = NULL;
}
