/*
 * h_downloads.c - the documents offices file and hand out, made on request
 * from the same data as their JSON views:
 *   GET /api/v1/programmes/{id}/recommendations.xlsx   the recommendation summary
 *       table (附件8 推荐名单汇总表): a county its own, the office all counties
 *   GET /api/v1/applications/{id}/review-report.pdf?stage=   the review report
 *       (材料评审报告) with the improvement suggestions: the applicant who owns
 *       it and the office
 * Both are drawn by src/report/ into a private temporary file and sent as an
 * attachment.
 */
#include "http/handlers.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/award/county.h"
#include "app/review/results.h"
#include "core/date.h"
#include "http/json_in.h"
#include "report/pdf.h"
#include "report/recommend.h"
#include "util/file.h"

#define DOWNLOAD_MAX (32 << 20)

/* "12.34" (or a JSON number) as hundredths. */
static int64_t hundredths(json_t *v)
{
	double x = json_is_string(v) ? strtod(json_string_value(v), NULL) : json_number_value(v);
	return (int64_t)(x * 100 + (x < 0 ? -0.5 : 0.5));
}

static const char *str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

typedef int (*render_fn)(const char *path, void *arg, struct px_err *err);

/* Render into a temporary file and answer with its bytes. */
static void send_rendered(struct http_req *r, render_fn render, void *arg, const char *type, const char *filename)
{
	char path[] = "/tmp/px-download-XXXXXX", *data = NULL;
	struct px_err err = { 0 };
	size_t len = 0;
	int fd = mkstemp(path);

	if (fd < 0)
		return http_reply_errorf(r, PX_EIO, "tmp_failed", NULL, "cannot create a temporary file");
	close(fd);
	if (render(path, arg, &err) || file_read(path, DOWNLOAD_MAX, &data, &len, &err)) {
		unlink(path);
		return (void)http_fail(r, &err);
	}
	unlink(path);
	http_reply_bytes(r, 200, type, filename, data, len);
}

struct recommend_arg {
	json_t *table;
	const struct app_actor *actor;
	px_date today;
};

static int render_recommendations(const char *path, void *p, struct px_err *err)
{
	struct recommend_arg *a = p;
	json_t *rows = json_object_get(a->table, "rows"), *row;
	size_t i, n = json_array_size(rows);
	struct report_recommendation *items = calloc(n ? n : 1, sizeof(*items));
	int rc;

	if (!items)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	json_array_foreach(rows, i, row) {
		items[i] = (struct report_recommendation){
			.county = str(row, "county"),
			.track = strcmp(str(row, "track"), "individual") ? REPORT_TRACK_ORG : REPORT_TRACK_PERSON,
			.name = str(row, "name"),
			.id_masked = str(row, "identifier_masked"),
			.industry = str(row, "industry"),
			.contact = str(row, "contact")[0] ? str(row, "contact") : "—",
			.phone_masked = str(row, "contact_mobile_masked")[0] ? str(row, "contact_mobile_masked") : "—",
			.rank = (int)json_integer_value(json_object_get(row, "rank")),
			.note = str(row, "note"),
		};
	}
	const char *who = n ? str(json_array_get(rows, 0), "county") : "";
	struct report_recommend_list l = {
		.programme = str(a->table, "title"),
		.recommender = a->actor->role == ROLE_COUNTY && who[0] ? who : str(a->table, "recommender"),
		.date = a->today,
		.items = items,
		.n = n,
	};
	rc = report_xlsx_recommendations(path, &l, err);
	free(items);
	return rc;
}

void h_recommendations_xlsx(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	json_t *table;

	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (county_recommendations_json(http_app(r), http_actor(r), id, &table, &err))
		return (void)http_fail(r, &err);
	struct recommend_arg a = { table, http_actor(r), app_today(http_app(r)) };
	send_rendered(r, render_recommendations, &a,
		      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "recommendations.xlsx");
	json_decref(table);
}

struct review_arg {
	json_t *rep;
	px_date today;
};

static int render_review(const char *path, void *p, struct px_err *err)
{
	struct review_arg *a = p;
	json_t *cats = json_object_get(a->rep, "categories"), *sug = json_object_get(a->rep, "suggestions"), *v;
	size_t i, nc = json_array_size(cats), ns = json_array_size(sug);
	struct report_review_item *items = calloc(nc ? nc : 1, sizeof(*items));
	const char **texts = calloc(ns ? ns : 1, sizeof(*texts));
	char heading[96];
	int rc;

	if (!items || !texts) {
		rc = px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
		goto out;
	}
	json_array_foreach(cats, i, v)
		items[i] = (struct report_review_item){ str(v, "item"), str(v, "name"), hundredths(json_object_get(v, "max")),
							hundredths(json_object_get(v, "mean")) };
	json_array_foreach(sug, i, v)
		texts[i] = json_is_string(v) ? json_string_value(v) : str(v, "text");
	snprintf(heading, sizeof(heading), "%s报告", str(a->rep, "stage_title")[0] ? str(a->rep, "stage_title") : "评审");
	json_t *app = json_object_get(a->rep, "application");
	struct report_review rv = {
		.heading = heading,
		.programme = str(json_object_get(a->rep, "programme"), "title"),
		.applicant = str(app, "name"),
		.track = str(app, "award"),
		.items = items,
		.nitems = nc,
		.score = hundredths(json_object_get(a->rep, "score")),
		.reviewers = (int)json_integer_value(json_object_get(a->rep, "reviewers")),
		.sd = json_is_null(json_object_get(a->rep, "sd")) ? 0 : hundredths(json_object_get(a->rep, "sd")),
		.suggestions = texts,
		.nsuggestions = ns,
		.signer = str(a->rep, "signer"),
		.date = a->today,
	};
	rc = report_pdf_review_report(path, &rv, err);
out:
	free(items);
	free(texts);
	return rc;
}

void h_review_report_pdf(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	json_t *rep;

	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (results_report(http_app(r), http_actor(r), id, http_query(r, "stage"), &rep, &err))
		return (void)http_fail(r, &err);
	struct review_arg a = { rep, app_today(http_app(r)) };
	send_rendered(r, render_review, &a, "application/pdf", "review-report.pdf");
	json_decref(rep);
}
