/*
 * demo_hunan_survey.c - the demo of the Hunan quality status survey and the
 * local summaries (湘市监办发〔2022〕71号 三(四), 四(三)), after the other
 * Hunan demos and with their accounts: the province office surveys thirty
 * hydraulic-component makers of the construction-machinery industry (four
 * key indicators, management systems), records an international benchmark
 * product and a 湖南名品 holder as benchmarks, reads the comparison and its
 * common weaknesses, and turns two gaps into help-desk problems; then it
 * requests each city's local summary and typical cases by 30 November, which
 * most cities send on time, two late.
 */
#include "cli/demo_families.h"

#include <stdint.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/people/account.h"
#include "app/people/applicant.h"
#include "app/survey/survey.h"
#include "core/date.h"
#include "cli/demo_http.h"
#include "cli/demo_script.h"

#define SV_ENTERPRISES 30
#define SV_CITIES 14

static const char *const cities[SV_CITIES][3] = {
	{ "长沙", "430100", "430104" }, { "株洲", "430200", "430211" }, { "湘潭", "430300", "430304" },
	{ "衡阳", "430400", "430407" }, { "邵阳", "430500", "430503" }, { "岳阳", "430600", "430603" },
	{ "常德", "430700", "430703" }, { "张家界", "430800", "430811" }, { "益阳", "430900", "430903" },
	{ "郴州", "431000", "431003" }, { "永州", "431100", "431103" }, { "怀化", "431200", "431202" },
	{ "娄底", "431300", "431302" }, { "湘西", "433100", "433101" },
};

static const char FORM[] =
	"{\"indicators\": ["
	"{\"key\": \"mtbf\", \"label\": \"平均无故障工作时间\", \"unit\": \"h\", \"direction\": \"higher\", \"field\": \"quality_management\"},"
	"{\"key\": \"leakage\", \"label\": \"内泄漏量\", \"unit\": \"mL/min\", \"direction\": \"lower\", \"field\": \"standardisation\"},"
	"{\"key\": \"efficiency\", \"label\": \"容积效率\", \"unit\": \"%\", \"direction\": \"higher\", \"field\": \"quality_innovation\", \"min\": 0, \"max\": 100},"
	"{\"key\": \"defect\", \"label\": \"出厂不合格率\", \"unit\": \"%\", \"direction\": \"lower\", \"field\": \"quality_management\", \"min\": 0, \"max\": 100}],"
	"\"systems\": [{\"key\": \"iso9001\", \"label\": \"ISO 9001 质量管理体系\"}, {\"key\": \"iatf16949\", \"label\": \"IATF 16949 汽车质量管理体系\"},"
	"{\"key\": \"iso14001\", \"label\": \"ISO 14001 环境管理体系\"}]}";

/* Enterprise i's answer: levels spread around the benchmarks, so that some indicators are common weaknesses. */
static json_t *answer_of(int i)
{
	json_t *sys = json_pack("[s]", "iso9001");
	if (i % 3 == 0)
		json_array_append_new(sys, json_string("iatf16949"));
	if (i % 4 == 1)
		json_array_append_new(sys, json_string("iso14001"));
	return json_pack("{s:[s, s], s:{s:i, s:f, s:f, s:f}, s:o}", "standards", "GB/T 7935-2005",
			 i % 5 ? "JB/T 10829-2008" : "ISO 4413:2010", "indicators", "mtbf", 5000 + (i * 337) % 4000, "leakage",
			 1.6 + (double)((i * 7) % 20) / 20.0, "efficiency", 93.0 + (double)((i * 3) % 5), "defect",
			 0.05 + (double)((i * 11) % 15) / 100.0, "systems", sys);
}

/* The survey, defined by the province (the CLI acts for it before the server starts). */
static int define(struct app *app, int64_t *survey, struct px_err *err)
{
	json_t *form = json_loads(FORM, 0, NULL);
	json_t *b = json_pack("{s:s, s:s, s:i, s:o}", "title", "2022年湖南省工程机械液压件质量状况大调查", "industry",
			      "工程机械液压元件", "weakness_pct", 60, "form", form);
	int rc = survey_create(app, &app_actor_cli, b, survey, err);
	json_decref(b);
	return rc;
}

/*
 * Before serving: the survey; the enterprises' applicant accounts, each with
 * its organisation and its answer (given through the use cases as the
 * enterprise itself, which spares thirty sign-ins); a member account per city
 * for the summaries.
 */
static int survey_seed(struct app *app, const char *data_dir, struct px_err *err)
{
	char login[32], name[160], uscc[19], unit[128];
	int64_t id, org, survey = 0;
	px_date answered_on;
	date_parse("2022-11-15", 10, &answered_on);
	/* the answers are dated in the story's autumn, then the date goes back */
	int32_t saved = __atomic_exchange_n(&app->today_override, (int32_t)answered_on, __ATOMIC_ACQ_REL);
	int rc = define(app, &survey, err);
	(void)data_dir;
	for (int i = 0; i < SV_ENTERPRISES && !rc; i++) {
		const char *const *c = cities[i % SV_CITIES];
		json_t *content = answer_of(i), *out = NULL;
		snprintf(login, sizeof(login), "hnsv%02d", i + 1);
		snprintf(name, sizeof(name), "%s第%d液压件有限公司", c[0], i + 1);
		struct account_new a = { login, login, DEMO_PASSWORD, "applicant", name, c[2] };
		struct app_actor self = { .kind = ACTOR_ACCOUNT, .role = ROLE_APPLICANT };
		snprintf(self.region, sizeof(self.region), "%s", c[2]);
		snprintf(self.login, sizeof(self.login), "%s", login);
		demo_uscc(c[2], 7000 + i, uscc);
		struct organisation_new o = { uscc, name, "C", c[2], "2009-05-01" };
		if (!(rc = account_create(app, &app_actor_cli, &a, &self.id, err)) &&
		    !(rc = organisation_create(app, &self, &o, &org, err)))
			rc = survey_answer(app, &self, survey, content, &out, err);
		json_decref(content);
		json_decref(out);
	}
	for (int i = 0; i < SV_CITIES && !rc; i++) {
		snprintf(login, sizeof(login), "hnsum-%s", cities[i][1]);
		snprintf(unit, sizeof(unit), "%s质量品牌提升行动联络组", cities[i][0]);
		struct account_new m = { login, unit, DEMO_PASSWORD, "member", unit, cities[i][1] };
		rc = account_create(app, &app_actor_cli, &m, &id, err);
	}
	__atomic_store_n(&app->today_override, saved, __ATOMIC_RELEASE);
	return rc;
}

struct sv {
	FILE *log;
	struct demo_client office, clock, one;
	long long survey;
	json_t *cmp; /* the comparison */
};

/* An international benchmark product, and a 湖南名品 holder (a winner already in pingxuan) with its recorded levels. */
static int benchmarks(struct sv *s, struct px_err *err)
{
	json_t *cand = NULL;
	json_t *intl = json_pack("{s:s, s:s, s:s, s:s, s:{s:i, s:f, s:i, s:f}}", "kind", "international", "name",
				 "国际知名品牌同类液压泵", "source", "企业公开技术资料与第三方比对试验（2022）", "standard",
				 "ISO 4413:2010", "levels", "mtbf", 8000, "leakage", 2.0, "efficiency", 95, "defect", 0.3);
	int rc = demo_callf(&s->office, "POST", intl, 201, NULL, err, "/api/v1/surveys/%lld/benchmarks", s->survey);
	json_decref(intl);
	if (rc || (rc = demo_call(&s->office, "GET", "/api/v1/models/candidates", NULL, 200, &cand, err)))
		return rc;
	json_t *first = json_array_get(json_object_get(cand, "candidates"), 0);
	if (first) {
		json_t *win = json_pack("{s:s, s:s, s:s, s:O, s:{s:i, s:f, s:i, s:f}}", "kind", "winner", "name",
					json_string_value(json_object_get(first, "name")), "source", "湖南名品认定（2022）",
					"uscc", json_object_get(first, "uscc"), "levels", "mtbf", 7000, "leakage", 2.4,
					"efficiency", 96, "defect", 0.2);
		rc = demo_callf(&s->office, "POST", win, 201, NULL, err, "/api/v1/surveys/%lld/benchmarks", s->survey);
		json_decref(win);
	}
	json_decref(cand);
	return rc;
}

/* The answer number of the n-th surveyed enterprise (answers are numbered in the order given). */
static long long answer_no(struct sv *s, int n)
{
	return (long long)json_integer_value(json_object_get(json_array_get(json_object_get(s->cmp, "enterprises"), (size_t)n), "answer"));
}

static int survey_story(struct sv *s, struct px_err *err)
{
	json_t *list = NULL;
	int rc = demo_call(&s->office, "GET", "/api/v1/surveys", NULL, 200, &list, err);
	if (!rc)
		s->survey = (long long)json_integer_value(json_object_get(json_array_get(json_object_get(list, "surveys"), 0), "id"));
	json_decref(list);
	if (rc || (rc = benchmarks(s, err)) ||
	    (rc = demo_callf(&s->office, "GET", NULL, 200, &s->cmp, err, "/api/v1/surveys/%lld/comparison", s->survey)) ||
	    (rc = demo_callf(&s->office, "POST", NULL, 201, NULL, err, "/api/v1/surveys/%lld/answers/%lld/gaps/mtbf/problem",
			     s->survey, answer_no(s, 0))) ||
	    (rc = demo_callf(&s->office, "POST", NULL, 201, NULL, err,
			     "/api/v1/surveys/%lld/answers/%lld/gaps/leakage/problem", s->survey, answer_no(s, 2))))
		return rc;
	fprintf(s->log, "  质量状况调查: %zu enterprises answered, %zu common weaknesses (行业通病), 2 gaps made problems\n",
		json_array_size(json_object_get(s->cmp, "enterprises")), json_array_size(json_object_get(s->cmp, "weaknesses")));
	return 0;
}

/* The local summaries: requested on 21 November; five cities on time, two late, the others missing. */
static int summaries(struct sv *s, struct px_err *err)
{
	char login[32];
	json_t *out = NULL;
	long long request;
	int rc = demo_set_clock(&s->clock, "2022-11-21", err);
	if (rc || (rc = demo_call(&s->office, "POST", "/api/v1/targets/summaries", NULL, 201, &out, err)))
		return rc;
	request = (long long)json_integer_value(json_object_get(out, "request"));
	json_decref(out);
	for (int i = 0; i < 7 && !rc; i++) {
		if (i == 5 && (rc = demo_set_clock(&s->clock, "2022-12-01", err)))
			break;
		json_t *b = json_pack("{s:{s:s, s:[{s:s, s:s}]}}", "content", "summary",
				      "本市质量品牌提升行动开展情况总结：组织企业参加质量状况调查，开展一对一质量诊断。", "cases",
				      "title", "液压件企业对标提升", "text", "对照标杆找差距，内泄漏量降低三成。");
		snprintf(login, sizeof(login), "hnsum-%s", cities[i][1]);
		if (!(rc = demo_login(&s->one, s->office.base, login, DEMO_PASSWORD, err)))
			rc = demo_callf(&s->one, "POST", b, 201, NULL, err, "/api/v1/report-requests/%lld/submission", request);
		demo_logout(&s->one);
		json_decref(b);
	}
	if (!rc)
		fprintf(s->log, "  本地总结: requested from 14 cities, due 2022-11-30; 5 on time, 2 late (迟报), 7 missing\n");
	return rc;
}

static int survey_run(const char *url, const char *data_dir, FILE *log, struct px_err *err)
{
	struct sv *s = calloc(1, sizeof(*s));
	json_t *clock = NULL;
	int rc;
	(void)data_dir;
	if (!s)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	s->log = log;
	if (!(rc = demo_login(&s->office, url, "hn-office", DEMO_PASSWORD, err)) &&
	    !(rc = demo_login(&s->clock, url, "rehearsal", DEMO_PASSWORD, err)) &&
	    !(rc = demo_call(&s->clock, "GET", "/api/v1/clock", NULL, 200, &clock, err))) {
		if (!(rc = demo_set_clock(&s->clock, "2022-11-15", err)) && !(rc = survey_story(s, err)))
			rc = summaries(s, err);
		/* the rehearsal date goes back where the earlier demos left it */
		if (!rc)
			rc = demo_set_clock(&s->clock, json_string_value(json_object_get(clock, "today")), err);
		fprintf(log, "  logins: hnsv01 … hnsv%02d (surveyed enterprises), hnsum-430100 … (city summaries)\n",
			SV_ENTERPRISES);
	}
	json_decref(clock);
	json_decref(s->cmp);
	demo_logout(&s->clock);
	demo_logout(&s->office);
	free(s);
	return rc;
}

int demo_hunan_survey_seed(struct app *app, const char *data_dir, struct px_err *err)
{
	return survey_seed(app, data_dir, err);
}

int demo_hunan_survey_run(const char *url, const char *data_dir, FILE *log, struct px_err *err)
{
	return survey_run(url, data_dir, log, err);
}
