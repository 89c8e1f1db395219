/*
 * export.c - the lists of a programme as tables (see export.h). Each list is
 * one row of the table below: its SQL (one bound parameter, the programme)
 * and its columns. Scores are stored in hundredths and shown with two
 * decimals; dates of instants are shown in China time; codes are shown by
 * their labels (tracks, forms and stages from the template, states from the
 * programme family's texts, family.h), so an office reads 组织奖, 制造业, 获奖.
 */
#include "app/programme/export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/programme/family.h"
#include "app/programme/programme.h"
#include "app/tx.h"
#include "core/date.h"

/* how a stored value is shown: codes become the labels a person reads */
enum cell_format { AS_TEXT, AS_HUNDREDTHS, AS_DAY, AS_TRACK, AS_FORM, AS_STATE, AS_STAGE, AS_ASSIGNMENT };

struct export_col {
	const char *header;
	double width;
	enum report_col_type type;
	enum cell_format format;
};

struct export_def {
	const char *name;
	const char *sheet;
	const char *title;
	struct store_sql q;
	struct export_col cols[EXPORT_MAX_COLS];
};

#define APPLICANT_NAME "coalesce(o.name, p.name, '')"
#define APPLICANT_ID "coalesce(o.uscc, p.id_masked, '')"
#define APPLICANT_JOINS \
	"LEFT JOIN organisation o ON o.id = a.organisation_id LEFT JOIN person p ON p.id = a.person_id " \
	"LEFT JOIN region rg ON rg.code = a.region "

static struct export_def defs[] = {
	{ "applicants", "申报名单", "申报名单 Applicants",
	  STORE_SQL("SELECT a.id, a.track_code, a.form_code, " APPLICANT_NAME ", " APPLICANT_ID ", "
		    "coalesce(rg.name, a.region), a.state, coalesce(a.submitted_at, 0) FROM application a "
		    APPLICANT_JOINS "WHERE a.programme_id = $1 ORDER BY a.region, a.id"),
	  { { "编号 No.", 8, REPORT_COL_INTEGER, AS_TEXT }, { "奖项 Track", 14, REPORT_COL_TEXT, AS_TRACK },
	    { "申报表 Form", 14, REPORT_COL_TEXT, AS_FORM }, { "名称 Name", 36, REPORT_COL_TEXT, AS_TEXT },
	    { "代码/证件（脱敏） Identifier", 24, REPORT_COL_TEXT, AS_TEXT },
	    { "县（市、区） County", 18, REPORT_COL_TEXT, AS_TEXT }, { "状态 State", 16, REPORT_COL_TEXT, AS_STATE },
	    { "提交日期 Submitted", 14, REPORT_COL_DATE, AS_DAY } } },
	{ "recommendations", "推荐名单", "推荐名单汇总 Recommendations",
	  STORE_SQL("SELECT coalesce(rg.name, r.region), r.track_code, r.rank, " APPLICANT_NAME ", " APPLICANT_ID
		    ", a.state FROM recommendation r JOIN application a ON a.id = r.application_id "
		    APPLICANT_JOINS "WHERE a.programme_id = $1 ORDER BY r.region, r.track_code, r.rank"),
	  { { "县（市、区） County", 18, REPORT_COL_TEXT, AS_TEXT }, { "奖项 Track", 14, REPORT_COL_TEXT, AS_TRACK },
	    { "推荐排序 Rank", 10, REPORT_COL_INTEGER, AS_TEXT }, { "名称 Name", 36, REPORT_COL_TEXT, AS_TEXT },
	    { "代码/证件（脱敏） Identifier", 24, REPORT_COL_TEXT, AS_TEXT }, { "状态 State", 16, REPORT_COL_TEXT, AS_STATE } } },
	{ "assignments", "评审分配", "评审员分配 Reviewer assignments",
	  STORE_SQL("SELECT s.stage_code, a.id, " APPLICANT_NAME ", e.code, e.name, e.employer, s.state, s.draw_id "
		    "FROM assignment s JOIN application a ON a.id = s.application_id JOIN expert e ON e.id = s.expert_id "
		    APPLICANT_JOINS "WHERE a.programme_id = $1 ORDER BY s.stage_code, a.id, e.code"),
	  { { "阶段 Stage", 20, REPORT_COL_TEXT, AS_STAGE }, { "申报编号 Application", 10, REPORT_COL_INTEGER, AS_TEXT },
	    { "申报人 Applicant", 36, REPORT_COL_TEXT, AS_TEXT }, { "评审员编号 Expert", 10, REPORT_COL_TEXT, AS_TEXT },
	    { "评审员 Name", 14, REPORT_COL_TEXT, AS_TEXT }, { "工作单位 Employer", 28, REPORT_COL_TEXT, AS_TEXT },
	    { "状态 State", 10, REPORT_COL_TEXT, AS_ASSIGNMENT }, { "抽取批次 Draw", 8, REPORT_COL_INTEGER, AS_TEXT } } },
	{ "scores", "评审得分", "评审得分 Scores",
	  STORE_SQL("SELECT r.stage_code, a.id, a.track_code, " APPLICANT_NAME ", r.score FROM stage_result r "
		    "JOIN application a ON a.id = r.application_id " APPLICANT_JOINS
		    "WHERE a.programme_id = $1 ORDER BY r.stage_code, a.track_code, r.score DESC, a.id"),
	  { { "阶段 Stage", 20, REPORT_COL_TEXT, AS_STAGE }, { "申报编号 Application", 10, REPORT_COL_INTEGER, AS_TEXT },
	    { "奖项 Track", 14, REPORT_COL_TEXT, AS_TRACK }, { "申报人 Applicant", 36, REPORT_COL_TEXT, AS_TEXT },
	    { "得分（百分制） Score", 14, REPORT_COL_DECIMAL, AS_HUNDREDTHS } } },
	{ "winners", "获奖名单", "获奖名单 Winners",
	  STORE_SQL("SELECT a.track_code, " APPLICANT_NAME ", coalesce(rg.name, a.region), coalesce(c.no, ''), "
		    "coalesce(c.issued_on, '') FROM application a " APPLICANT_JOINS
		    "LEFT JOIN certificate c ON c.application_id = a.id "
		    "WHERE a.programme_id = $1 AND a.state = 'winner' ORDER BY a.track_code, c.no, a.id"),
	  { { "奖项 Track", 14, REPORT_COL_TEXT, AS_TRACK }, { "名称 Name", 36, REPORT_COL_TEXT, AS_TEXT },
	    { "县（市、区） County", 18, REPORT_COL_TEXT, AS_TEXT }, { "证书编号 Certificate", 24, REPORT_COL_TEXT, AS_TEXT },
	    { "颁发日期 Issued", 14, REPORT_COL_DATE, AS_TEXT } } },
};

const char *const export_lists[] = { "applicants", "recommendations", "assignments", "scores", "winners", NULL };

/* The label of a code in a list cell; the code itself when nothing names it. */
static const char *label_of(const struct template *t, enum cell_format f, const char *raw)
{
	char key[64];
	int i;
	const char *s = NULL;

	switch (f) {
	case AS_TRACK:
		i = template_track_index(t, raw);
		s = i >= 0 ? t->tracks[i].name : NULL;
		break;
	case AS_FORM:
		s = template_form(t, raw) ? template_form(t, raw)->label : NULL;
		break;
	case AS_STAGE:
		s = template_stage(t, raw) ? template_stage(t, raw)->title : NULL;
		break;
	case AS_STATE:
	case AS_ASSIGNMENT:
		snprintf(key, sizeof(key), "%s.%s", f == AS_STATE ? "state" : "assignment", raw);
		s = family_text(t, key);
		break;
	default:
		break;
	}
	return s && s[0] ? s : raw;
}

static char *format_cell(const struct template *t, const char *raw, enum cell_format f)
{
	char buf[32];
	if (f == AS_HUNDREDTHS) {
		long long v = strtoll(raw, NULL, 10);
		snprintf(buf, sizeof(buf), "%s%lld.%02lld", v < 0 ? "-" : "", llabs(v) / 100, llabs(v) % 100);
		return strdup(buf);
	}
	if (f == AS_DAY) {
		long long us = strtoll(raw, NULL, 10);
		if (us <= 0)
			return strdup("");
		date_format((px_date)((us / 1000000 + 8 * 3600) / 86400), buf);
		return strdup(buf);
	}
	return strdup(label_of(t, f, raw));
}

void export_release(struct export_table *e)
{
	for (size_t i = 0; e->cells && i < e->t.nrows * e->t.ncols; i++)
		free(e->cells[i]);
	free(e->cells);
	memset(e, 0, sizeof(*e));
}

struct build_args {
	const struct app_actor *actor;
	int64_t programme_id;
	struct export_def *d;
	size_t ncols, cap;
	struct export_table *out;
	const struct template *tpl; /* labels of codes, while the row loop runs */
};

/* One row of the list: its cells formatted as the column says. */
static int add_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct build_args *b = arg;
	struct export_table *out = b->out;
	if ((out->t.nrows + 1) * b->ncols > b->cap) {
		size_t ncap = b->cap ? b->cap * 2 : 64 * b->ncols;
		char **nc = realloc(out->cells, ncap * sizeof(*nc));
		if (!nc)
			return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
		out->cells = nc;
		b->cap = ncap;
	}
	for (size_t k = 0; k < b->ncols; k++)
		out->cells[out->t.nrows * b->ncols + k] = format_cell(b->tpl, store_col_text(s, (int)k), b->d->cols[k].format);
	out->t.nrows++;
	return 0;
}

static int build_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct build_args *b = arg;
	struct export_table *out = b->out;
	struct export_def *d = b->d;
	struct programme p = { 0 };
	int rc;

	export_release(out); /* an earlier attempt's */
	b->cap = 0;
	if ((rc = programme_load(c, b->programme_id, &p, err)))
		goto out;
	if (!programme_is_office(&p, b->actor)) {
		rc = px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "only the programme's office exports its lists");
		goto out;
	}
	b->tpl = p.tpl;
	if ((rc = store_each(c, &d->q, add_row, b, err, "i", b->programme_id)))
		goto out;
	for (size_t k = 0; k < b->ncols; k++)
		out->cols[k] = (struct report_column){ d->cols[k].header, d->cols[k].width, d->cols[k].type, 2 };
	snprintf(out->title, sizeof(out->title), "%s %s", p.tpl->title, d->title);
	snprintf(out->sheet, sizeof(out->sheet), "%s", d->sheet);
	out->t.sheet = out->sheet;
	out->t.title = out->title;
	out->t.cols = out->cols;
	out->t.ncols = b->ncols;
	out->t.cells = (const char *const *)out->cells;
out:
	programme_release(&p);
	return rc;
}

int export_build(struct app *app, const struct app_actor *actor, int64_t programme_id, const char *what,
		 struct export_table *out, struct px_err *err)
{
	struct build_args b = { actor, programme_id, NULL, 0, 0, out };
	int rc;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < sizeof(defs) / sizeof(defs[0]) && !b.d; i++)
		if (!strcmp(defs[i].name, what))
			b.d = &defs[i];
	if (!b.d)
		return px_err_set(err, PX_EINVAL, "unknown_list", "what", "no list '%s'", what);
	while (b.ncols < EXPORT_MAX_COLS && b.d->cols[b.ncols].header)
		b.ncols++;
	if ((rc = app_tx(app, STORE_TX_READ, build_tx, &b, err)))
		export_release(out);
	return rc;
}
