/*
 * pdf_review.c - the material review report (材料评审报告) of one applicant:
 * heading, programme, applicant and track, the table of rubric categories
 * with their points and the reviewers' mean, a 合计 row, the aggregated
 * score, the number of reviewers and their disagreement, then the quality
 * improvement suggestions (质量改进建议) flowing over as many A4 pages as they
 * need, each page numbered. The labels are the layout's; every value comes
 * from struct report_review.
 */
#include "report/pdf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/pdf_text.h"
#include "report/text.h"

#define POINTS_MAX 1000000000LL   /* hundredths: bound of every points value */
#define REVIEWERS_MAX 1000
#define NCOLS 4

static const struct report_style heading_style = {
	.family = REPORT_SERIF, .size = 22, .bold = true, .align = PANGO_ALIGN_CENTER, .after = 6,
};
static const struct report_style sub_style = {
	.family = REPORT_SANS, .size = 12, .align = PANGO_ALIGN_CENTER, .after = 18,
};
static const struct report_style info_style = {
	.family = REPORT_SANS, .size = 11, .align = PANGO_ALIGN_LEFT, .after = 4,
};
static const struct report_style section_style = {
	.family = REPORT_SANS, .size = 13, .bold = true, .align = PANGO_ALIGN_LEFT, .after = 8,
};
static const struct report_style para_style = {
	.family = REPORT_SERIF, .size = 12, .align = PANGO_ALIGN_LEFT, .indent = 2,
	.spacing = 1.5, .after = 6,
};
static const struct report_style sign_style = {
	.family = REPORT_SERIF, .size = 12, .align = PANGO_ALIGN_RIGHT, .after = 4,
};

static const struct report_column columns[NCOLS] = {
	{ "代码", 8, REPORT_COL_TEXT, 0 },
	{ "评审项目", 30, REPORT_COL_TEXT, 0 },
	{ "分值", 10, REPORT_COL_DECIMAL, 2 },
	{ "平均得分", 12, REPORT_COL_DECIMAL, 2 },
};

/* The cells of the score table and the text they point to. */
struct score_table {
	const char *cells[(REPORT_REVIEW_ITEMS_MAX + 1) * NCOLS];
	char points[REPORT_REVIEW_ITEMS_MAX + 1][2][REPORT_POINTS_LEN];
	struct report_table table;
};

static bool points_ok(int64_t v)
{
	return v >= 0 && v <= POINTS_MAX;
}

static int check_item(const struct report_review_item *it, size_t i, struct px_err *err)
{
	char field[64];
	int rc;

	snprintf(field, sizeof(field), "items[%zu].code", i);
	if ((rc = report_check_text(field, it->code, REPORT_CODE_MAX, 0, err)))
		return rc;
	snprintf(field, sizeof(field), "items[%zu].name", i);
	if ((rc = report_check_text(field, it->name, REPORT_NAME_MAX, 0, err)))
		return rc;
	if (!points_ok(it->max_points) || it->mean_points < 0 || it->mean_points > it->max_points) {
		snprintf(field, sizeof(field), "items[%zu].mean_points", i);
		return px_err_set(err, PX_EINVAL, "report_bad_points", field,
				  "points of item %zu are negative, too large or over its maximum", i);
	}
	return 0;
}

static int check(const struct report_review *r, struct px_err *err)
{
	char field[64];
	size_t total = 0;
	int rc;

	if (!r)
		return px_err_set(err, PX_EINVAL, "report_missing_field", "review", "missing review");
	if ((rc = report_check_text("heading", r->heading, REPORT_NAME_MAX, 0, err)) ||
	    (rc = report_check_text("programme", r->programme, REPORT_NAME_MAX, 0, err)) ||
	    (rc = report_check_text("applicant", r->applicant, REPORT_NAME_MAX, 0, err)) ||
	    (rc = report_check_text("track", r->track, REPORT_NAME_MAX, 0, err)) ||
	    (rc = report_check_text("method", r->method, REPORT_NAME_MAX, REPORT_TEXT_OPTIONAL,
				    err)) ||
	    (rc = report_check_text("sd_note", r->sd_note, REPORT_LINE_MAX, REPORT_TEXT_OPTIONAL,
				    err)) ||
	    (rc = report_check_text("signer", r->signer, REPORT_NAME_MAX, REPORT_TEXT_OPTIONAL,
				    err)) ||
	    (rc = report_check_date("date", r->date, err)))
		return rc;
	if (!r->items || r->nitems == 0 || r->nitems > REPORT_REVIEW_ITEMS_MAX)
		return px_err_set(err, PX_EINVAL, "report_bad_table", "items",
				  "a review report lists 1 to %d categories", REPORT_REVIEW_ITEMS_MAX);
	for (size_t i = 0; i < r->nitems; i++)
		if ((rc = check_item(&r->items[i], i, err)))
			return rc;
	if (!points_ok(r->score) || !points_ok(r->sd))
		return px_err_set(err, PX_EINVAL, "report_bad_points", "score",
				  "score or deviation negative or too large");
	if (r->reviewers < 1 || r->reviewers > REVIEWERS_MAX)
		return px_err_set(err, PX_EINVAL, "report_bad_reviewers", "reviewers",
				  "%d reviewers is outside 1 to %d", r->reviewers, REVIEWERS_MAX);
	if (r->nsuggestions > REPORT_PARAS_MAX || (r->nsuggestions && !r->suggestions))
		return px_err_set(err, PX_EINVAL, "report_bad_table", "suggestions",
				  "at most %d suggestion paragraphs", REPORT_PARAS_MAX);
	for (size_t i = 0; i < r->nsuggestions; i++) {
		snprintf(field, sizeof(field), "suggestions[%zu]", i);
		if ((rc = report_check_text(field, r->suggestions[i], REPORT_PARA_MAX,
					    REPORT_TEXT_MULTILINE, err)))
			return rc;
		if ((total += strlen(r->suggestions[i])) > REPORT_PDF_TEXT_MAX)
			return px_err_set(err, PX_ETOOBIG, "report_document_too_large", "suggestions",
					  "suggestions exceed %d bytes", REPORT_PDF_TEXT_MAX);
	}
	return 0;
}

static void build_table(const struct report_review *r, struct score_table *s)
{
	int64_t max_sum = 0, mean_sum = 0;
	size_t n = r->nitems;

	for (size_t i = 0; i < n; i++) {
		const struct report_review_item *it = &r->items[i];

		report_points(it->max_points, s->points[i][0]);
		report_points(it->mean_points, s->points[i][1]);
		s->cells[i * NCOLS + 0] = it->code;
		s->cells[i * NCOLS + 1] = it->name;
		s->cells[i * NCOLS + 2] = s->points[i][0];
		s->cells[i * NCOLS + 3] = s->points[i][1];
		max_sum += it->max_points;
		mean_sum += it->mean_points;
	}
	report_points(max_sum, s->points[n][0]);
	report_points(mean_sum, s->points[n][1]);
	s->cells[n * NCOLS + 0] = NULL;
	s->cells[n * NCOLS + 1] = "合计";
	s->cells[n * NCOLS + 2] = s->points[n][0];
	s->cells[n * NCOLS + 3] = s->points[n][1];
	s->table = (struct report_table){ .cols = columns, .ncols = NCOLS, .cells = s->cells,
					  .nrows = n + 1 };
}

/* One "label：value" line. */
static void info(struct report_pdf *d, const char *label, const char *value)
{
	char line[REPORT_LINE_MAX + 128];

	snprintf(line, sizeof(line), "%s：%s", label, value);
	report_pdf_flow(d, &info_style, line);
}

static int draw(struct report_pdf *d, const struct report_review *r, struct score_table *s,
		struct px_err *err)
{
	char num[REPORT_POINTS_LEN], line[REPORT_NAME_MAX + 64], date[REPORT_DATE_ZH_LEN];
	int rc;

	report_pdf_flow(d, &heading_style, r->heading);
	report_pdf_flow(d, &sub_style, r->programme);
	info(d, "申报单位/个人", r->applicant);
	info(d, "申报类别", r->track);
	snprintf(line, sizeof(line), "%d", r->reviewers);
	info(d, "评审员人数", line);
	report_pdf_skip(d, 10);

	report_pdf_flow(d, &section_style, "一、评审得分");
	build_table(r, s);
	if ((rc = report_pdf_table(d, &s->table, err)))
		return rc;
	report_points(r->score, num);
	if (report_text_empty(r->method))
		info(d, "综合得分", num);
	else {
		snprintf(line, sizeof(line), "%s（%s）", num, r->method);
		info(d, "综合得分", line);
	}
	report_points(r->sd, num);
	info(d, "评分离散度（标准差）", num);
	if (!report_text_empty(r->sd_note))
		info(d, "说明", r->sd_note);
	report_pdf_skip(d, 10);

	report_pdf_flow(d, &section_style, "二、质量改进建议");
	for (size_t i = 0; i < r->nsuggestions; i++)
		report_pdf_flow(d, &para_style, r->suggestions[i]);
	if (r->nsuggestions == 0)
		report_pdf_flow(d, &para_style, "无。");
	report_pdf_skip(d, 24);

	if (!report_text_empty(r->signer))
		report_pdf_flow(d, &sign_style, r->signer);
	report_date_zh(r->date, date);
	report_pdf_flow(d, &sign_style, date);
	return 0;
}

int report_pdf_review_report(const char *path, const struct report_review *r,
			     struct px_err *err)
{
	static const double margins[4] = { 64, 64, 64, 64 };
	struct score_table *s;
	struct report_pdf d;
	char iso[32], day[11];
	int rc;

	if ((rc = check(r, err)))
		return rc;
	if (!(s = calloc(1, sizeof(*s))))
		return px_err_set(err, PX_ENOMEM, NULL, "", "out of memory for a review report");
	date_format(r->date, day);
	snprintf(iso, sizeof(iso), "%sT00:00:00", day);
	if ((rc = report_pdf_begin(&d, path, REPORT_A4_SHORT, REPORT_A4_LONG, margins, r->heading,
				   iso, err)))
		goto out_free;
	d.numbered = true;
	if ((rc = draw(&d, r, s, err))) {
		report_pdf_abort(&d);
		goto out_free;
	}
	rc = report_pdf_end(&d, err);
out_free:
	free(s);
	return rc;
}
