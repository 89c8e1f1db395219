/*
 * demo_contest.c - the demo of the 第一届“品质青岛”故事大赛 (Qingdao's quality
 * month, 2022) played through the API: the city's office opens the contest;
 * 23 speeches, 20 essays and 24 visual works are entered (the speeches and
 * films with a stand-in video file, the photos and animations with small
 * images drawn here); six experts drawn double-random score them on the
 * category's rubric; judging gives 21 / 18 / 22 winners with their prizes;
 * the winners are published and the gallery fills. The rehearsal date is
 * moved to 2022 for the story and put back afterwards.
 */
#include "cli/demo_families.h"

#include <cairo.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/people/account.h"
#include "cli/demo_http.h"
#include "cli/demo_script.h"

#define QD_TEMPLATE "qingdao-story-contest-2022"
#define QD_EXPERTS 6
#define QD_MAX 24

/* The categories: entries, the rubric's items with their maxima, the forms in turn. */
static const struct {
	const char *code, *name;
	int entries;
	const char *items[4];
	int max[4];
	const char *forms[4];
} cats[] = {
	{ "speech", "演讲", 23, { "content", "expression", "presence", "effect" }, { 40, 30, 20, 10 }, { "speech" } },
	{ "essay", "征文", 20, { "theme", "content", "writing", "originality" }, { 30, 30, 25, 15 }, { "essay" } },
	{ "visual", "视觉艺术", 24, { "theme", "artistry", "technique", "creativity" }, { 35, 30, 20, 15 },
	  { "photo", "film", "animation", "short_video" } },
};
#define QD_CATS (sizeof(cats) / sizeof(cats[0]))

static const char *const themes[] = { "码头", "车间", "实验室", "社区", "田间", "工地", "医院", "课堂" };

/* A stand-in video: an MP4 file type box and filler (recognised as video/mp4, not playable). */
static const unsigned char stand_in_head[24] = { 0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm',
						 0, 0, 2,    0,    'i', 's', 'o', 'm', 'i', 's', 'o', '2' };

struct qd {
	const char *url;
	FILE *log;
	struct demo_client office, clock;
	long long pid;
	long long entry[QD_CATS][QD_MAX];
};

struct png_buf {
	unsigned char *data;
	size_t len, cap;
};

/* ---- seeding ---- */

static int qd_seed(struct app *app, const char *data_dir, struct px_err *err)
{
	struct account_new office = { "qd-office", "青岛市质量工作领导小组办公室", DEMO_PASSWORD, "office",
				      "青岛市质量工作领导小组办公室", "370200" };
	struct account_new clock = { "qd-clock", "演练日期管理员（青岛）", DEMO_PASSWORD, "office", "演练环境", "000000" };
	char login[16];
	int64_t id;
	int rc;
	(void)data_dir;
	if ((rc = demo_account_shared(app, &office, err)) ||
	    (rc = account_create(app, &app_actor_cli, &clock, &id, err)))
		return rc;
	for (int i = 1; i <= QD_EXPERTS && !rc; i++) {
		snprintf(login, sizeof(login), "qdx%02d", i);
		struct account_new e = { login, login, DEMO_PASSWORD, "expert", "青岛市质量专家库", "370200" };
		rc = account_create(app, &app_actor_cli, &e, &id, err);
	}
	return rc;
}

/* ---- the works ---- */

static cairo_status_t png_write(void *closure, const unsigned char *data, unsigned int len)
{
	struct png_buf *b = closure;
	if (b->len + len > b->cap) {
		size_t cap = (b->len + len) * 2;
		unsigned char *m = realloc(b->data, cap);
		if (!m)
			return CAIRO_STATUS_NO_MEMORY;
		b->data = m;
		b->cap = cap;
	}
	memcpy(b->data + b->len, data, len);
	b->len += len;
	return CAIRO_STATUS_SUCCESS;
}

/* A 320 x 180 picture of work i: a colour of its own, its title. */
static int draw_png(int i, const char *title, struct png_buf *out, struct px_err *err)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 320, 180);
	cairo_t *cr = cairo_create(s);
	double h = fmod(i * 0.13, 1.0);
	cairo_set_source_rgb(cr, 0.35 + 0.5 * h, 0.55 - 0.3 * h, 0.75 - 0.4 * h);
	cairo_paint(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_arc(cr, 60 + 200 * h, 70, 30, 0, 2 * M_PI);
	cairo_fill(cr);
	cairo_select_font_face(cr, "Noto Sans CJK SC", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
	cairo_set_font_size(cr, 22);
	cairo_move_to(cr, 16, 150);
	cairo_show_text(cr, title);
	cairo_surface_flush(s);
	memset(out, 0, sizeof(*out));
	cairo_status_t st = cairo_surface_write_to_png_stream(s, png_write, out);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS) {
		free(out->data);
		return px_err_set(err, PX_EINTERNAL, NULL, NULL, "demo image: %s", cairo_status_to_string(st));
	}
	return 0;
}

static int upload_work(struct qd *q, long long id, const char *form, int i, const char *title, struct px_err *err)
{
	char path[96];
	int rc;
	snprintf(path, sizeof(path), "/api/v1/contest/entries/%lld/works", id);
	if (!strcmp(form, "photo") || !strcmp(form, "animation")) {
		struct png_buf b;
		if ((rc = draw_png(i, title, &b, err)))
			return rc;
		rc = demo_upload(&q->office, path, "作品.png", b.data, b.len, 201, err);
		free(b.data);
		return rc;
	}
	unsigned char video[24 + 2048];
	memcpy(video, stand_in_head, sizeof(stand_in_head));
	memset(video + 24, i & 0xff, sizeof(video) - 24);
	return demo_upload(&q->office, path, "作品.mp4", video, sizeof(video), 201, err);
}

/* ---- entries ---- */

/* The entrant of entry i of category k, registered by the office (a paper entry): its id in *who. */
static int entrant(struct qd *q, size_t k, int i, long long *who, struct px_err *err)
{
	json_t *b, *out = NULL;
	char name[96], idn[24] = "";
	int n = (int)k * 100 + i + 1, rc;
	if (!strcmp(cats[k].code, "visual")) {
		char uscc[19];
		demo_uscc("370212", 7000 + n, uscc);
		snprintf(name, sizeof(name), "青岛%s影像文化传媒有限公司第%d工作室", themes[i % 8], n);
		b = json_pack("{s:s, s:s, s:s, s:s, s:s}", "uscc", uscc, "name", name, "industry", "R", "region", "370212",
			      "founded_on", "2016-04-01");
		rc = demo_call(&q->office, "POST", "/api/v1/organisations", b, 201, &out, err);
	} else {
		/* a resident ID of 市北区 born 1990-01-01 with sequence n, its check character computed */
		static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
		int sum = 0;
		snprintf(idn, sizeof(idn), "37020319900101%03d", n % 1000);
		for (int d = 0; d < 17; d++)
			sum += (idn[d] - '0') * w[d];
		idn[17] = "10X98765432"[sum % 11];
		idn[18] = '\0';
		snprintf(name, sizeof(name), "讲述者%03d", n);
		b = json_pack("{s:s, s:s, s:s, s:s, s:s}", "id_number", idn, "name", name, "employer", "青岛市某企业", "region",
			      "370203", "quality_since", "2014-03-01");
		rc = demo_call(&q->office, "POST", "/api/v1/persons", b, 201, &out, err);
	}
	json_decref(b);
	*who = rc ? 0 : (long long)json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	return rc;
}

static int enter_one(struct qd *q, size_t k, int i, struct px_err *err)
{
	const char *form = cats[k].forms[cats[k].forms[1] ? i % 4 : 0];
	char title[96], text[512];
	long long who = 0, id;
	json_t *b, *out = NULL;
	int rc = entrant(q, k, i, &who, err);
	if (rc)
		return rc;
	b = json_pack("{s:s, s:s, s:I}", "track", cats[k].code, "form", form,
		      strcmp(cats[k].code, "visual") ? "person" : "organisation", (json_int_t)who);
	rc = demo_callf(&q->office, "POST", b, 201, &out, err, "/api/v1/programmes/%lld/applications", q->pid);
	json_decref(b);
	if (rc)
		return rc;
	id = q->entry[k][i] = (long long)json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	snprintf(title, sizeof(title), "%s里的质量故事 %d", themes[i % 8], i + 1);
	snprintf(text, sizeof(text), "在%s一线，一群普通劳动者用日复一日的坚守诠释“质量第一”。第%d篇。", themes[i % 8], i + 1);
	b = json_pack("{s:s, s:s, s:s}", "title", title, "author", "品质青岛故事讲述团队", "description",
		      "讲述质量管理、质量提升和品牌创建中的人和事。");
	if (!strcmp(form, "essay"))
		json_object_set_new(b, "body", json_string(text));
	rc = demo_callf(&q->office, "PUT", b, 200, NULL, err, "/api/v1/applications/%lld/form", id);
	json_decref(b);
	if (!rc && strcmp(form, "essay"))
		rc = upload_work(q, id, form, (int)k * 31 + i, title, err);
	if (!rc)
		rc = demo_callf(&q->office, "POST", NULL, 200, NULL, err, "/api/v1/contest/entries/%lld/submit", id);
	return rc;
}

/* ---- review ---- */

/* The panel total of entry i, in tenths: 95.0 down by one point per entry. */
static int tenths_of(const struct qd *q, long long id, size_t *cat)
{
	for (size_t k = 0; k < QD_CATS; k++)
		for (int i = 0; i < cats[k].entries; i++)
			if (q->entry[k][i] == id) {
				*cat = k;
				return 950 - 10 * i;
			}
	*cat = 0;
	return 600;
}

static json_t *sheet(size_t k, int t)
{
	json_t *s = json_object();
	int left = t;
	for (int j = 0; j < 4; j++) {
		int give = j == 3 ? left : cats[k].max[j] * t / 100;
		json_object_set_new(s, cats[k].items[j], json_real((double)give / 10.0));
		left -= give;
	}
	return s;
}

static int review_as(struct qd *q, int expert, int *count, struct px_err *err)
{
	struct demo_client e;
	json_t *mine = NULL, *x;
	char login[16];
	size_t i, k;
	int rc;
	snprintf(login, sizeof(login), "qdx%02d", expert);
	if ((rc = demo_login(&e, q->url, login, DEMO_PASSWORD, err)))
		return rc;
	rc = demo_call(&e, "GET", "/api/v1/reviews/mine", NULL, 200, &mine, err);
	json_array_foreach(json_object_get(mine, "assignments"), i, x) {
		if (rc)
			break;
		int t = tenths_of(q, (long long)json_integer_value(json_object_get(json_object_get(x, "application"), "id")), &k);
		json_t *b = json_pack("{s:o, s:s, s:s, s:b}", "scores", sheet(k, t), "opinion", "主题鲜明，真实感人。",
				      "suggestions", "可进一步凝练故事细节。", "integrity", 1);
		rc = demo_callf(&e, "POST", b, 201, NULL, err, "/api/v1/assignments/%lld/review",
				(long long)json_integer_value(json_object_get(x, "assignment")));
		json_decref(b);
		(*count)++;
	}
	json_decref(mine);
	demo_logout(&e);
	return rc;
}

static int draw_and_review(struct qd *q, struct px_err *err)
{
	char csv[1024];
	size_t n = (size_t)snprintf(csv, sizeof(csv), "code,name,employer,region,fields,conflicts,login\n");
	json_t *b, *d = NULL;
	int rc, reviews = 0;
	static const char *const employers[] = { "青岛大学", "中国海洋大学", "青岛科技大学", "青岛日报社", "青岛市广播电视台",
						  "青岛市质量发展促进会" };
	for (int i = 1; i <= QD_EXPERTS && n < sizeof(csv); i++)
		n += (size_t)snprintf(csv + n, sizeof(csv) - n, "QD%02d,故事大赛评委%02d,%s,370200,R,,qdx%02d\n", i, i,
				      employers[i - 1], i);
	b = json_pack("{s:s}", "csv", csv);
	rc = demo_call(&q->office, "POST", "/api/v1/experts/import", b, 201, NULL, err);
	json_decref(b);
	b = json_pack("{s:s}", "stage", "review");
	if (!rc)
		rc = demo_callf(&q->office, "POST", b, 201, &d, err, "/api/v1/programmes/%lld/draws", q->pid);
	json_decref(b);
	if (rc)
		return rc;
	b = json_pack("{s:O}", "seed", json_object_get(d, "seed"));
	rc = demo_callf(&q->office, "POST", b, 200, NULL, err, "/api/v1/draws/%lld/run",
			(long long)json_integer_value(json_object_get(d, "id")));
	json_decref(b);
	json_decref(d);
	for (int i = 1; i <= QD_EXPERTS && !rc; i++)
		rc = review_as(q, i, &reviews, err);
	if (!rc)
		fprintf(q->log, "  故事大赛: double-random draw, %d reviews by %d experts\n", reviews, QD_EXPERTS);
	return rc;
}

/* ---- the story ---- */

static int advance(struct qd *q, const char *to, const char *today, struct px_err *err)
{
	json_t *b = json_pack("{s:s}", "to", to);
	int rc = demo_set_clock(&q->clock, today, err);
	if (!rc)
		rc = demo_callf(&q->office, "POST", b, 200, NULL, err, "/api/v1/programmes/%lld/advance", q->pid);
	json_decref(b);
	return rc;
}

static int judge_and_publish(struct qd *q, struct px_err *err)
{
	json_t *out = NULL, *c;
	size_t i;
	int rc = demo_callf(&q->office, "POST", NULL, 200, &out, err, "/api/v1/programmes/%lld/contest/judging", q->pid);
	if (rc)
		return rc;
	fprintf(q->log, "  故事大赛: judged");
	json_array_foreach(json_object_get(out, "categories"), i, c)
		fprintf(q->log, " %s %lld/%lld", json_string_value(json_object_get(c, "name")),
			(long long)json_integer_value(json_object_get(c, "placed")),
			(long long)json_integer_value(json_object_get(c, "entries")));
	fprintf(q->log, "\n");
	json_decref(out);
	if ((rc = advance(q, "publication", "2022-09-26", err)))
		return rc;
	return demo_callf(&q->office, "POST", NULL, 200, NULL, err, "/api/v1/programmes/%lld/contest/publication", q->pid);
}

static int qd_story(struct qd *q, struct px_err *err)
{
	json_t *b = json_pack("{s:s}", "template", QD_TEMPLATE), *out = NULL;
	int rc = demo_call(&q->office, "POST", "/api/v1/programmes", b, 201, &out, err);
	json_decref(b);
	if (rc)
		return rc;
	q->pid = (long long)json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	if ((rc = advance(q, "application", "2022-06-10", err)))
		return rc;
	for (size_t k = 0; k < QD_CATS && !rc; k++)
		for (int i = 0; i < cats[k].entries && !rc; i++)
			rc = enter_one(q, k, i, err);
	if (rc || (rc = advance(q, "review", "2022-08-16", err)) || (rc = draw_and_review(q, err)) ||
	    (rc = advance(q, "judging", "2022-09-13", err)))
		return rc;
	return judge_and_publish(q, err);
}

static int qd_run(const char *url, const char *data_dir, FILE *log, struct px_err *err)
{
	struct qd *q = calloc(1, sizeof(*q));
	struct timespec t0, t1;
	json_t *clock = NULL;
	int rc;
	(void)data_dir;
	if (!q)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	q->url = url;
	q->log = log;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((rc = demo_login(&q->office, url, "qd-office", DEMO_PASSWORD, err)))
		goto out_free;
	if ((rc = demo_login(&q->clock, url, "qd-clock", DEMO_PASSWORD, err)))
		goto out_office;
	if (!(rc = demo_call(&q->clock, "GET", "/api/v1/clock", NULL, 200, &clock, err))) {
		rc = qd_story(q, err);
		const char *was = json_string_value(json_object_get(clock, "today"));
		if (!rc && was)
			rc = demo_set_clock(&q->clock, was, err);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (!rc)
			fprintf(log, "  故事大赛: played in %.1f s; logins: qd-office (青岛市, 370200), qdx01 … qdx%02d (experts); "
				     "gallery: %s/contests/%lld\n",
				(double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, QD_EXPERTS, url, q->pid);
	}
	json_decref(clock);
	demo_logout(&q->clock);
out_office:
	demo_logout(&q->office);
out_free:
	free(q);
	return rc;
}

/* The row of demo_families[] (declared in cli/demo_families.h). */
int demo_contest_seed(struct app *app, const char *data_dir, struct px_err *err)
{
	return qd_seed(app, data_dir, err);
}

int demo_contest_run(const char *url, const char *data_dir, FILE *log, struct px_err *err)
{
	return qd_run(url, data_dir, log, err);
}
