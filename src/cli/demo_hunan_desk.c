/*
 * demo_hunan_desk.c - the demo of the Hunan help desk and chief quality
 * officer training (湘市监办发〔2022〕71号 三(三), 三(四)), played through
 * the API after the 湖南名品 demo and with its accounts (hn-office, the 14
 * city bureaus, the rehearsal clock): fifteen service providers, eighty
 * enterprises, 240 problems in the nine fields over the autumn of 2022 -
 * answered, visited, resolved and rated, some left overdue - and the
 * province's 高级培训班 with sixty trainees from every city, attendance by
 * the organiser, scores and completion.
 */
#include "cli/demo_families.h"

#include <stdint.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/people/account.h"
#include "cli/demo_http.h"
#include "cli/demo_script.h"

#define HD_PROVIDERS 15
#define HD_ENTERPRISES 80
#define HD_PROBLEMS 240
#define HD_TRAINEES 60

static const char *const cities[][3] = {
	{ "长沙", "430100", "430102" }, { "株洲", "430200", "430202" }, { "湘潭", "430300", "430302" },
	{ "衡阳", "430400", "430405" }, { "邵阳", "430500", "430502" }, { "岳阳", "430600", "430602" },
	{ "常德", "430700", "430702" }, { "张家界", "430800", "430802" }, { "益阳", "430900", "430902" },
	{ "郴州", "431000", "431002" }, { "永州", "431100", "431102" }, { "怀化", "431200", "431202" },
	{ "娄底", "431300", "431302" }, { "湘西", "433100", "433101" },
};
#define HD_CITIES (sizeof(cities) / sizeof(cities[0]))

static const char *const fields[] = { "quality_management", "quality_safety", "standardisation", "metrology",
				      "accreditation_testing", "certification", "quality_innovation",
				      "intellectual_property", "brand_building" };
static const char *const titles[] = { "质量管理体系运行不畅", "产品抽检不合格整改", "企业标准缺少关键指标",
				      "计量器具未按期检定", "检测能力不足需外协", "认证证书到期换证",
				      "工艺改进缺少方法", "商标被仿冒", "品牌定位不清晰" };

struct desk {
	FILE *log;
	struct demo_client office, clock, provider[HD_PROVIDERS], anyone;
	long long org[HD_ENTERPRISES], provider_id[HD_PROVIDERS];
	char today[11];
};

static int desk_seed(struct app *app, const char *data_dir, struct px_err *err)
{
	char login[16];
	int64_t id;
	int rc = 0;
	(void)data_dir;
	for (int i = 0; i < HD_PROVIDERS && !rc; i++) {
		snprintf(login, sizeof(login), "hnp%02d", i + 1);
		struct account_new p = { login, login, DEMO_PASSWORD, "expert", "湖南省质量基础设施服务机构", "430000" };
		rc = account_create(app, &app_actor_cli, &p, &id, err);
	}
	return rc;
}

static int set_clock(struct desk *d, const char *today, struct px_err *err)
{
	return demo_set_clock(&d->clock, today, err);
}

/* Providers: the province's institute for every field, then one per city for three fields each. */
static int providers(struct desk *d, struct px_err *err)
{
	int rc = 0;
	for (int i = 0; i < HD_PROVIDERS && !rc; i++) {
		char login[16], name[96];
		json_t *f = json_array(), *out = NULL;
		snprintf(login, sizeof(login), "hnp%02d", i + 1);
		for (size_t k = 0; k < 9; k++)
			if (!i || k % 5 == (size_t)i % 5 || k % 7 == (size_t)i % 7)
				json_array_append_new(f, json_string(fields[k]));
		if (!i)
			snprintf(name, sizeof(name), "湖南省产商品质量检验研究院");
		else
			snprintf(name, sizeof(name), "%s市质量技术服务中心", cities[(size_t)(i - 1) % HD_CITIES][0]);
		json_t *b = json_pack("{s:s, s:s, s:s, s:o, s:s}", "name", name, "kind", i % 4 == 3 ? "expert" : "institution",
				      "region", i ? cities[(size_t)(i - 1) % HD_CITIES][1] : "430000", "fields", f, "login", login);
		if (!(rc = demo_call(&d->office, "POST", "/api/v1/helpdesk/providers", b, 201, &out, err)))
			d->provider_id[i] = (long long)json_integer_value(json_object_get(out, "id"));
		json_decref(b);
		json_decref(out);
		if (!rc)
			rc = demo_login(&d->provider[i], d->office.base, login, DEMO_PASSWORD, err);
	}
	return rc;
}

static int enterprises(struct desk *d, struct px_err *err)
{
	int rc = 0;
	for (int i = 0; i < HD_ENTERPRISES && !rc; i++) {
		const char *const *c = cities[(size_t)i % HD_CITIES];
		char uscc[19], name[160];
		json_t *out = NULL;
		demo_uscc(c[2], 5000 + i, uscc);
		snprintf(name, sizeof(name), "%s第%d精密制造有限公司", c[0], i + 1);
		json_t *b = json_pack("{s:s, s:s, s:s, s:s, s:s}", "uscc", uscc, "name", name, "industry", "C", "region", c[2],
				      "founded_on", "2010-03-01");
		if (!(rc = demo_call(&d->office, "POST", "/api/v1/organisations", b, 201, &out, err)))
			d->org[i] = (long long)json_integer_value(json_object_get(out, "id"));
		json_decref(b);
		json_decref(out);
	}
	return rc;
}

/* The provider's client of a problem's answer, NULL when unassigned. */
static struct demo_client *provider_of(struct desk *d, json_t *p)
{
	long long id = (long long)json_integer_value(json_object_get(json_object_get(p, "provider"), "id"));
	for (int i = 0; i < HD_PROVIDERS; i++)
		if (d->provider_id[i] == id)
			return &d->provider[i];
	return NULL;
}

/* Problem i: recorded; then, by i, answered, visited, resolved and rated, or left open (some overdue). */
static int problem(struct desk *d, int i, struct px_err *err)
{
	size_t f = (size_t)(i * 7) % 9;
	json_t *out = NULL, *b = json_pack("{s:I, s:s, s:s, s:s}", "organisation", (json_int_t)d->org[i % HD_ENTERPRISES],
					   "field", fields[f], "title", titles[f], "detail",
					   "企业自查发现问题，影响产品一致性和客户满意度，希望得到一对一指导。");
	int rc = demo_call(&d->office, "POST", "/api/v1/problems", b, 201, &out, err);
	json_decref(b);
	struct demo_client *p = rc ? NULL : provider_of(d, out);
	long long id = rc ? 0 : (long long)json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	if (rc || !p || i % 6 == 5)
		return rc; /* unassigned, or never answered: overdue by the end of the story */
	b = json_pack("{s:s, s:s, s:s, s:s}", "text", "已受理，安排专家对接。", "date", d->today, "findings",
		      "现场查看生产过程与记录，问题主要在过程控制。", "advice", "建立关键工序控制点，开展内部培训。");
	if ((rc = demo_callf(p, "POST", b, 200, NULL, err, "/api/v1/problems/%lld/respond", id)) || i % 6 == 4 ||
	    (rc = demo_callf(p, "POST", b, 200, NULL, err, "/api/v1/problems/%lld/visit", id)) || i % 6 == 3 ||
	    (rc = demo_callf(p, "POST", b, 200, &out, err, "/api/v1/problems/%lld/resolve", id))) {
		json_decref(b);
		return rc;
	}
	json_decref(b);
	json_decref(out);
	if (i % 6 == 2)
		return 0; /* resolved, not yet rated */
	if ((rc = demo_callf(&d->office, "GET", NULL, 200, &out, err, "/api/v1/problems/%lld", id)))
		return rc;
	b = json_pack("{s:i, s:s}", "score", 3 + i % 3, "comment", "专家指导具体，问题已解决。");
	rc = demo_callf(&d->anyone, "POST", b, 200, NULL, err, "/api/v1/ratings/%s",
			json_string_value(json_object_get(out, "rate_token")));
	json_decref(b);
	json_decref(out);
	return rc;
}

static int problems(struct desk *d, struct px_err *err)
{
	static const char *const days[] = { "2022-09-05", "2022-09-19", "2022-10-10", "2022-10-24", "2022-11-07", "2022-11-21" };
	int rc = 0;
	for (int i = 0; i < HD_PROBLEMS && !rc; i++) {
		if (i % (HD_PROBLEMS / 6) == 0) {
			snprintf(d->today, sizeof(d->today), "%s", days[i / (HD_PROBLEMS / 6)]);
			rc = set_clock(d, d->today, err);
		}
		if (!rc)
			rc = problem(d, i, err);
	}
	return rc;
}

/* The province's 高级培训班: four sessions, sixty trainees of every city, marks, scores, completion. */
static int training(struct desk *d, struct px_err *err)
{
	static const char *const days[] = { "2022-10-17", "2022-10-18", "2022-10-19", "2022-10-20" };
	json_t *sessions = json_array(), *out = NULL, *b;
	for (int s = 0; s < 4; s++)
		json_array_append_new(sessions, json_pack("{s:s, s:s, s:s, s:i}", "date", days[s], "starts", s % 2 ? "14:00" : "09:00",
							  "place", "湖南省市场监督管理局培训中心", "hours", 4));
	b = json_pack("{s:s, s:i, s:i, s:o}", "title", "2022年湖南省首席质量官高级培训班", "share_pct", 75, "pass_score", 60,
		      "sessions", sessions);
	int rc = set_clock(d, "2022-10-10", err);
	if (rc || (rc = demo_call(&d->office, "POST", "/api/v1/courses", b, 201, &out, err))) {
		json_decref(b);
		return rc;
	}
	json_decref(b);
	long long course = (long long)json_integer_value(json_object_get(out, "id")), trainee[HD_TRAINEES];
	json_decref(out);
	static const char *const surnames = "王李张刘陈杨黄赵周吴";
	for (int i = 0; i < HD_TRAINEES && !rc; i++) {
		const char *const *c = cities[(size_t)i % HD_CITIES];
		char name[32], mobile[24], uscc[19], org[160];
		snprintf(name, sizeof(name), "%.3s工%d", surnames + 3 * (i % 10), i + 1);
		snprintf(mobile, sizeof(mobile), "139%08d", 7310000 + i);
		demo_uscc(c[2], 5000 + i % HD_ENTERPRISES, uscc);
		snprintf(org, sizeof(org), "%s第%d精密制造有限公司", c[0], i % HD_ENTERPRISES + 1);
		b = json_pack("{s:s, s:s, s:s, s:s, s:s}", "name", name, "mobile", mobile, "uscc", uscc, "org_name", org,
			      "region", c[2]);
		if (!(rc = demo_callf(&d->office, "POST", b, 201, &out, err, "/api/v1/courses/%lld/trainees", course)))
			trainee[i] = (long long)json_integer_value(json_object_get(out, "id"));
		json_decref(b);
		json_decref(out);
	}
	for (int s = 0; s < 4 && !rc; s++) {
		rc = set_clock(d, days[s], err);
		for (int i = 0; i < HD_TRAINEES && !rc; i++) {
			const char *m = (i + s) % 11 == 0 ? "absent" : (i * s) % 13 == 7 ? "late" : i % 17 == 3 && s == 2 ? "excused" : "present";
			b = json_pack("{s:I, s:s}", "trainee", (json_int_t)trainee[i], "mark", m);
			rc = demo_callf(&d->office, "POST", b, 200, NULL, err, "/api/v1/courses/%lld/sessions/%d/attendance", course, s + 1);
			json_decref(b);
		}
	}
	for (int i = 0; i < HD_TRAINEES && !rc; i++) {
		b = json_pack("{s:I, s:i}", "trainee", (json_int_t)trainee[i], "score", 52 + (i * 17) % 45);
		rc = demo_callf(&d->office, "POST", b, 200, NULL, err, "/api/v1/courses/%lld/scores", course);
		json_decref(b);
	}
	if (rc || (rc = set_clock(d, "2022-10-21", err)) ||
	    (rc = demo_callf(&d->office, "POST", NULL, 200, &out, err, "/api/v1/courses/%lld/completion", course)))
		return rc;
	fprintf(d->log, "  首席质量官高级培训班: %zu of %d trainees completed\n",
		json_array_size(json_object_get(out, "completed")), HD_TRAINEES);
	json_decref(out);
	return 0;
}

static int desk_story(struct desk *d, struct px_err *err)
{
	json_t *out = NULL;
	int rc;
	if ((rc = providers(d, err)) || (rc = enterprises(d, err)) || (rc = problems(d, err)) ||
	    (rc = set_clock(d, "2022-12-05", err)) ||
	    (rc = demo_call(&d->office, "GET", "/api/v1/helpdesk/stats", NULL, 200, &out, err)))
		return rc;
	json_t *total = json_object_get(out, "total");
	fprintf(d->log, "  帮扶: %lld problems, %lld resolved, %lld overdue, toward %lld\n",
		(long long)json_integer_value(json_object_get(total, "recorded")),
		(long long)json_integer_value(json_object_get(total, "resolved")),
		(long long)json_integer_value(json_object_get(total, "overdue")),
		(long long)json_integer_value(json_object_get(out, "target")));
	json_decref(out);
	return training(d, err);
}

static int desk_run(const char *url, const char *data_dir, FILE *log, struct px_err *err)
{
	struct desk *d = calloc(1, sizeof(*d));
	json_t *clock = NULL;
	int rc;
	(void)data_dir;
	if (!d)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	d->log = log;
	if (!(rc = demo_login(&d->office, url, "hn-office", DEMO_PASSWORD, err)) &&
	    !(rc = demo_login(&d->clock, url, "rehearsal", DEMO_PASSWORD, err)) &&
	    !(rc = demo_anonymous(&d->anyone, url, err)) &&
	    !(rc = demo_call(&d->clock, "GET", "/api/v1/clock", NULL, 200, &clock, err))) {
		rc = desk_story(d, err);
		/* the rehearsal date goes back where the earlier demos left it */
		if (!rc)
			rc = set_clock(d, json_string_value(json_object_get(clock, "today")), err);
		fprintf(log, "  logins: hn-office (province office), hnp01 … hnp%02d (service providers); /checkin, /rate/<link>\n",
			HD_PROVIDERS);
	}
	json_decref(clock);
	for (int i = 0; i < HD_PROVIDERS; i++)
		demo_logout(&d->provider[i]);
	demo_logout(&d->anyone);
	demo_logout(&d->clock);
	demo_logout(&d->office);
	free(d);
	return rc;
}

int demo_hunan_desk_seed(struct app *app, const char *data_dir, struct px_err *err)
{
	return desk_seed(app, data_dir, err);
}

int demo_hunan_desk_run(const char *url, const char *data_dir, FILE *log, struct px_err *err)
{
	return desk_run(url, data_dir, log, err);
}
