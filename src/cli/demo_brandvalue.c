/*
 * demo_brandvalue.c - the demo of the brand value evaluation (企业品牌价值测评)
 * of the Qingdao 2022 quality month: the city office opens a round by the
 * multi-period excess earnings method (GB/T 29188-2012 / ISO 10668) with its
 * published parameters, twelve enterprises of the city's districts register
 * and submit five forecast years each, the office computes and ranks them,
 * and each report PDF is drawn, on the rehearsal date of September 2022
 * (the "rehearsal" account of the Hunan demo moves it and puts it back). The first enterprise's data are the worked
 * example of docs/brand-value.md (38,648,769 yuan).
 */
#include "cli/demo_families.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/people/account.h"
#include "cli/demo_http.h"
#include "cli/demo_script.h"

#define BV_ENTERPRISES 12

static const struct {
	const char *name, *region;
	long long revenue;  /* yuan, the first forecast year */
	int growth_bp, margin_bp, role_bp, premium_bp;
} enterprises[BV_ENTERPRISES] = {
	{ "青岛华岳精密机械有限公司", "370211", 100000000, 0, 1500, 4000, 200 },
	{ "青岛海澜家电科技股份有限公司", "370212", 2400000000LL, 600, 1100, 3500, 100 },
	{ "青岛崂韵茶业有限公司", "370212", 86000000, 900, 2200, 5500, 400 },
	{ "青岛港湾啤酒酿造有限公司", "370203", 1250000000LL, 400, 1600, 4500, 150 },
	{ "青岛胶州湾轮胎有限公司", "370281", 960000000, 500, 900, 2500, 250 },
	{ "青岛即墨服饰集团有限公司", "370215", 410000000, 300, 1200, 3800, 300 },
	{ "青岛李村食品有限公司", "370213", 230000000, 700, 1400, 4200, 350 },
	{ "青岛城阳轨道装备有限公司", "370214", 1780000000LL, 800, 1000, 2000, 100 },
	{ "青岛平度葡萄酒庄有限公司", "370283", 64000000, 1000, 2500, 6000, 500 },
	{ "青岛莱西花生油有限公司", "370285", 150000000, 400, 1300, 4600, 450 },
	{ "青岛市南海洋生物科技有限公司", "370202", 320000000, 1200, 1800, 3000, 300 },
	{ "青岛西海岸智能装备有限公司", "370211", 540000000, 900, 1250, 2800, 200 },
};

static int bv_seed(struct app *app, const char *data_dir, struct px_err *err)
{
	struct account_new office = { "qd-bvoffice", "青岛市市场监督管理局", DEMO_PASSWORD, "office",
				      "青岛市市场监督管理局（品牌价值测评）", "370200" };
	char login[24];
	int64_t id;
	int rc = account_create(app, &app_actor_cli, &office, &id, err);
	(void)data_dir;
	for (int i = 0; i < BV_ENTERPRISES && !rc; i++) {
		snprintf(login, sizeof(login), "qd-bv%02d", i + 1);
		struct account_new e = { login, enterprises[i].name, DEMO_PASSWORD, "applicant", enterprises[i].name,
					 enterprises[i].region };
		rc = account_create(app, &app_actor_cli, &e, &id, err);
	}
	return rc;
}

static json_t *round_body(void)
{
	return json_pack("{s:s, s:i, s:i, s:s, s:i, s:i, s:i, s:i, s:[{s:s, s:i}, {s:s, s:i}, {s:s, s:i}, {s:s, s:i}]}",
			 "title", "2022年青岛市企业品牌价值测评", "first_year", 2023, "years", 5, "method", "mpeem",
			 "tax_bp", 2500, "discount_base_bp", 1000, "premium_max_bp", 500, "growth_bp", 300, "assets", "code",
			 "working_capital", "return_bp", 500, "code", "fixed_assets", "return_bp", 700, "code", "workforce",
			 "return_bp", 1000, "code", "other_intangibles", "return_bp", 1200);
}

/* Enterprise i's five years: the worked example for the first, steady growth for the others. */
static json_t *data_body(int i)
{
	static const long long example[] = { 100000000, 108000000, 116640000, 124800000, 131040000 };
	json_t *years = json_array();
	long long revenue = enterprises[i].revenue;
	for (int t = 0; t < 5; t++) {
		if (t)
			revenue += revenue * enterprises[i].growth_bp / 10000;
		if (!i)
			revenue = example[t];
		json_array_append_new(years, json_pack("{s:i, s:I, s:i}", "year", 2023 + t, "revenue", (json_int_t)revenue,
						       "margin_bp", enterprises[i].margin_bp));
	}
	return json_pack("{s:o, s:{s:i, s:i, s:i, s:i}, s:i, s:i}", "years", years, "assets", "working_capital", 2000,
			 "fixed_assets", 3000 - (i % 4) * 500, "workforce", 500 + (i % 3) * 100, "other_intangibles",
			 i ? 300 : 0, "brand_role_bp", enterprises[i].role_bp, "risk_premium_bp", enterprises[i].premium_bp);
}

/* Enterprise i logs in, registers its organisation and submits its data. */
static int enterprise(const char *url, long long round, int i, struct px_err *err)
{
	struct demo_client c = { 0 };
	char login[24], uscc[19];
	snprintf(login, sizeof(login), "qd-bv%02d", i + 1);
	demo_uscc(enterprises[i].region, 7100 + i, uscc);
	int rc = demo_login(&c, url, login, DEMO_PASSWORD, err);
	json_t *org = json_pack("{s:s, s:s, s:s, s:s, s:s}", "uscc", uscc, "name", enterprises[i].name, "industry", "C",
				"region", enterprises[i].region, "founded_on", "2005-06-01");
	json_t *data = data_body(i);
	if (!rc && !(rc = demo_call(&c, "POST", "/api/v1/organisations", org, 202, NULL, err)))
		rc = demo_callf(&c, "POST", data, 201, NULL, err, "/api/v1/brand-value-rounds/%lld/submissions", round);
	json_decref(org);
	json_decref(data);
	demo_logout(&c);
	return rc;
}

/* The round played on the rehearsal date of the quality month (September 2022). */
static int bv_story(const char *url, struct demo_client *office, FILE *log, struct px_err *err)
{
	json_t *body = round_body(), *out = NULL;
	long long round = 0;
	int rc = demo_call(office, "POST", "/api/v1/brand-value-rounds", body, 201, &out, err);
	if (!rc)
		round = (long long)json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	out = NULL;
	for (int i = 0; i < BV_ENTERPRISES && !rc; i++)
		rc = enterprise(url, round, i, err);
	if (!rc && !(rc = demo_callf(office, "POST", NULL, 200, &out, err, "/api/v1/brand-value-rounds/%lld/compute", round))) {
		json_t *first = json_array_get(json_object_get(out, "results"), 0);
		fprintf(log, "  品牌价值测评: %zu enterprises computed and ranked; first %s, %lld yuan\n",
			json_array_size(json_object_get(out, "results")), json_string_value(json_object_get(first, "name")),
			(long long)json_integer_value(json_object_get(first, "value")));
	}
	json_decref(body);
	json_decref(out);
	return rc;
}

static int bv_run(const char *url, const char *data_dir, FILE *log, struct px_err *err)
{
	struct demo_client office = { 0 }, clock = { 0 };
	json_t *was = NULL;
	(void)data_dir;
	int rc = demo_login(&office, url, "qd-bvoffice", DEMO_PASSWORD, err);
	if (!rc && !(rc = demo_login(&clock, url, "rehearsal", DEMO_PASSWORD, err)) &&
	    !(rc = demo_call(&clock, "GET", "/api/v1/clock", NULL, 200, &was, err)) &&
	    !(rc = demo_set_clock(&clock, "2022-09-20", err))) {
		rc = bv_story(url, &office, log, err);
		/* the rehearsal date goes back where the earlier demos left it */
		if (!rc)
			rc = demo_set_clock(&clock, json_string_value(json_object_get(was, "today")), err);
		fprintf(log, "  logins: qd-bvoffice (Qingdao office), qd-bv01 … qd-bv%02d (enterprises)\n", BV_ENTERPRISES);
	}
	json_decref(was);
	demo_logout(&clock);
	demo_logout(&office);
	return rc;
}

int demo_brandvalue_seed(struct app *app, const char *data_dir, struct px_err *err)
{
	return bv_seed(app, data_dir, err);
}

int demo_brandvalue_run(const char *url, const char *data_dir, FILE *log, struct px_err *err)
{
	return bv_run(url, data_dir, log, err);
}
