/*
 * xlsx_recommend.c - the recommendation summary of a county (附件8,
 * recommend.h) as a report_table: fixed columns and widths, generated 序号
 * and 推荐排序 cells, the subtitle with the recommending unit and the date,
 * and the footer lines a filler signs.
 */
#include "report/recommend.h"

#include <stdio.h>
#include <stdlib.h>

#include "report/xlsx.h"

#define NUM_LEN 24 /* one generated number and its NUL */
#define RANK_MAX 9999
#define BLANK "            "

static const struct report_column recommend_cols[REPORT_RECOMMEND_COLS] = {
	{ "序号", 6, REPORT_COL_INTEGER, 0 },
	{ "县（市、区）", 12, REPORT_COL_TEXT, 0 },
	{ "申报类别", 10, REPORT_COL_TEXT, 0 },
	{ "申报单位/个人名称", 32, REPORT_COL_TEXT, 0 },
	{ "统一社会信用代码/身份证号（脱敏）", 24, REPORT_COL_TEXT, 0 },
	{ "所属行业", 16, REPORT_COL_TEXT, 0 },
	{ "联系人", 10, REPORT_COL_TEXT, 0 },
	{ "联系电话（脱敏）", 16, REPORT_COL_TEXT, 0 },
	{ "推荐排序", 8, REPORT_COL_INTEGER, 0 },
	{ "备注", 20, REPORT_COL_TEXT, 0 },
};

static const char notes_line[] =
	"说明：1. 申报类别填写“组织奖”或“个人奖”；2. 推荐排序为本县（市、区）推荐的先后次序，"
	"1 为最优先；3. 证件号码和联系电话脱敏填写。";

static int check_item(const struct report_recommendation *it, size_t i, struct px_err *err)
{
	static const struct {
		const char *name;
		size_t off, max;
		unsigned flags;
	} fields[] = {
#define F(m, max, fl) { #m, offsetof(struct report_recommendation, m), max, fl }
		F(county, REPORT_NAME_MAX, REPORT_TEXT_REQUIRED),
		F(name, REPORT_NAME_MAX, REPORT_TEXT_REQUIRED),
		F(id_masked, REPORT_CODE_MAX, REPORT_TEXT_REQUIRED),
		F(industry, REPORT_NAME_MAX, REPORT_TEXT_OPTIONAL),
		F(contact, REPORT_NAME_MAX, REPORT_TEXT_REQUIRED),
		F(phone_masked, REPORT_CODE_MAX, REPORT_TEXT_REQUIRED),
		F(note, REPORT_LINE_MAX, REPORT_TEXT_OPTIONAL),
#undef F
	};
	char field[64];
	int rc;

	for (size_t f = 0; f < sizeof(fields) / sizeof(fields[0]); f++) {
		const char *s = *(const char *const *)((const char *)it + fields[f].off);

		snprintf(field, sizeof(field), "items[%zu].%s", i, fields[f].name);
		if ((rc = report_check_text(field, s, fields[f].max, fields[f].flags, err)))
			return rc;
	}
	if (it->track != REPORT_TRACK_ORG && it->track != REPORT_TRACK_PERSON) {
		snprintf(field, sizeof(field), "items[%zu].track", i);
		return px_err_set(err, PX_EINVAL, "report_bad_track", field,
				  "track %d is neither organisation nor person", (int)it->track);
	}
	if (it->rank < 1 || it->rank > RANK_MAX) {
		snprintf(field, sizeof(field), "items[%zu].rank", i);
		return px_err_set(err, PX_EINVAL, "report_bad_rank", field,
				  "rank %d is outside 1 to %d", it->rank, RANK_MAX);
	}
	return 0;
}

static int check_list(const struct report_recommend_list *l, struct px_err *err)
{
	int rc;

	if (!l || (l->n && !l->items) || l->n > REPORT_RECOMMEND_MAX)
		return px_err_set(err, PX_EINVAL, "report_bad_table", "items",
				  "a summary holds 0 to %d recommendations", REPORT_RECOMMEND_MAX);
	if ((rc = report_check_text("programme", l->programme, REPORT_NAME_MAX,
				    REPORT_TEXT_REQUIRED, err)) ||
	    (rc = report_check_text("recommender", l->recommender, REPORT_NAME_MAX,
				    REPORT_TEXT_REQUIRED, err)) ||
	    (rc = report_check_date("date", l->date, err)) ||
	    (rc = report_check_text("filled_by", l->filled_by, REPORT_NAME_MAX,
				    REPORT_TEXT_OPTIONAL, err)) ||
	    (rc = report_check_text("filled_phone", l->filled_phone, REPORT_CODE_MAX,
				    REPORT_TEXT_OPTIONAL, err)))
		return rc;
	for (size_t i = 0; i < l->n; i++)
		if ((rc = check_item(&l->items[i], i, err)))
			return rc;
	return 0;
}

static void fill_row(const struct report_recommendation *it, size_t i, const char **row,
		     char *nums)
{
	snprintf(nums, NUM_LEN, "%zu", i + 1);
	snprintf(nums + NUM_LEN, NUM_LEN, "%d", it->rank);
	row[0] = nums;
	row[1] = it->county;
	row[2] = it->track == REPORT_TRACK_ORG ? "组织奖" : "个人奖";
	row[3] = it->name;
	row[4] = it->id_masked;
	row[5] = it->industry;
	row[6] = it->contact;
	row[7] = it->phone_masked;
	row[8] = nums + NUM_LEN;
	row[9] = it->note;
}

int report_recommend_build(const struct report_recommend_list *l,
			   struct report_recommend_table *out, struct px_err *err)
{
	char date[11];
	int rc;

	*out = (struct report_recommend_table){ 0 };
	if ((rc = check_list(l, err)))
		return rc;
	if (l->n) {
		out->cells = calloc(l->n * REPORT_RECOMMEND_COLS, sizeof(*out->cells));
		out->numbers = malloc(l->n * 2 * NUM_LEN);
		if (!out->cells || !out->numbers) {
			report_recommend_release(out);
			return px_err_set(err, PX_ENOMEM, NULL, "", "out of memory building a summary");
		}
	}
	for (size_t i = 0; i < l->n; i++)
		fill_row(&l->items[i], i, out->cells + i * REPORT_RECOMMEND_COLS,
			 out->numbers + i * 2 * NUM_LEN);
	date_format(l->date, date);
	snprintf(out->title, sizeof(out->title), "%s推荐名单汇总表", l->programme);
	snprintf(out->subtitle, sizeof(out->subtitle), "推荐单位（盖章）：%s        日期：%s",
		 l->recommender, date);
	snprintf(out->footer_line, sizeof(out->footer_line), "填报人：%s        联系电话：%s",
		 report_text_empty(l->filled_by) ? BLANK : l->filled_by,
		 report_text_empty(l->filled_phone) ? BLANK : l->filled_phone);
	out->footer[0] = out->footer_line;
	out->footer[1] = notes_line;
	out->table = (struct report_table){
		.sheet = "推荐名单汇总表",
		.title = out->title,
		.subtitle = out->subtitle,
		.cols = recommend_cols,
		.ncols = REPORT_RECOMMEND_COLS,
		.cells = out->cells,
		.nrows = l->n,
		.footer = out->footer,
		.nfooter = 2,
		.landscape = true,
	};
	return 0;
}

void report_recommend_release(struct report_recommend_table *t)
{
	free(t->cells);
	free(t->numbers);
	t->cells = NULL;
	t->numbers = NULL;
	t->table.cells = NULL;
	t->table.nrows = 0;
}

int report_xlsx_recommendations(const char *path, const struct report_recommend_list *l,
				struct px_err *err)
{
	struct report_recommend_table t;
	int rc;

	if ((rc = report_recommend_build(l, &t, err)))
		return rc;
	rc = report_xlsx_table(path, &t.table, err);
	report_recommend_release(&t);
	return rc;
}
