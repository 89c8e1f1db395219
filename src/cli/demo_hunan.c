/*
 * demo_hunan.c - the demo of the Hunan registers (湘市监办发〔2022〕71号): the
 * 湖南名品 certification played through the API. The province office
 * (430000) opens it; 120 enterprises of the 14 cities (市州) apply; each
 * city bureau recommends its own; the double-random draw gives every
 * application three of twelve experts; the bar certifies every applicant at
 * or above it (100 of them, the target); one certificate is suspended with
 * its reason. The rehearsal date is moved to 2022 for the story and put
 * back where the award's demo left it.
 */
#include "cli/demo_families.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/people/account.h"
#include "cli/demo_http.h"
#include "cli/demo_script.h"

#define HN_APPS 120
#define HN_EXPERTS 12
#define HN_TEMPLATE "hunan-famous-products-2022"

/* The 14 市州: the bureau's login, name and code, and a county where its enterprises are. */
static const struct {
	const char *login, *name, *code, *county, *town;
} cities[] = {
	{ "hn-changsha", "长沙市", "430100", "430102", "长沙" },   { "hn-zhuzhou", "株洲市", "430200", "430202", "株洲" },
	{ "hn-xiangtan", "湘潭市", "430300", "430302", "湘潭" },   { "hn-hengyang", "衡阳市", "430400", "430405", "衡阳" },
	{ "hn-shaoyang", "邵阳市", "430500", "430502", "邵阳" },   { "hn-yueyang", "岳阳市", "430600", "430602", "岳阳" },
	{ "hn-changde", "常德市", "430700", "430702", "常德" },    { "hn-zhangjiajie", "张家界市", "430800", "430802", "张家界" },
	{ "hn-yiyang", "益阳市", "430900", "430902", "益阳" },     { "hn-chenzhou", "郴州市", "431000", "431002", "郴州" },
	{ "hn-yongzhou", "永州市", "431100", "431102", "永州" },   { "hn-huaihua", "怀化市", "431200", "431202", "怀化" },
	{ "hn-loudi", "娄底市", "431300", "431302", "娄底" },      { "hn-xiangxi", "湘西土家族苗族自治州", "433100", "433101", "湘西" },
};
#define HN_CITIES (sizeof(cities) / sizeof(cities[0]))

static const char *const products[] = { "湘绣", "茶叶", "工程机械", "陶瓷", "烟花", "米粉", "轨道交通装备", "竹木制品",
					"腊味", "电子元器件" };

static const char evidence_pdf[] =
	"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
	"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

struct hn {
	const char *url;
	FILE *log;
	struct demo_client office, clock, bureau[HN_CITIES];
	long long pid;
	long long app[HN_APPS];
	int tenths[HN_APPS]; /* the panel's total in tenths of a point */
};

/* ---- seeding ---- */

static int hn_seed(struct app *app, const char *data_dir, struct px_err *err)
{
	int64_t id;
	int rc;
	char login[16];
	(void)data_dir;
	struct account_new office = { "hn-office", "湖南省市场监管局 质量发展处", DEMO_PASSWORD, "office",
				      "湖南省市场监督管理局", "430000" };
	struct account_new clock = { "rehearsal", "演练日期管理员", DEMO_PASSWORD, "office", "演练环境", "000000" };
	if ((rc = account_create(app, &app_actor_cli, &office, &id, err)) ||
	    (rc = account_create(app, &app_actor_cli, &clock, &id, err)))
		return rc;
	for (size_t i = 0; i < HN_CITIES; i++) {
		char display[64], unit[96];
		snprintf(display, sizeof(display), "%s市场监管局", cities[i].name);
		snprintf(unit, sizeof(unit), "%s市场监督管理局", cities[i].name);
		struct account_new b = { cities[i].login, display, DEMO_PASSWORD, "county", unit, cities[i].code };
		if ((rc = account_create(app, &app_actor_cli, &b, &id, err)))
			return rc;
	}
	for (int i = 1; i <= HN_EXPERTS; i++) {
		snprintf(login, sizeof(login), "hnx%02d", i);
		struct account_new e = { login, login, DEMO_PASSWORD, "expert", "湖南名品评审专家库", "430000" };
		if ((rc = account_create(app, &app_actor_cli, &e, &id, err)))
			return rc;
	}
	return 0;
}

/* ---- helpers ---- */

static int set_clock(struct hn *h, const char *today, struct px_err *err)
{
	return demo_set_clock(&h->clock, today, err);
}

static int advance(struct hn *h, const char *to, struct px_err *err)
{
	json_t *b = json_pack("{s:s}", "to", to);
	int rc = demo_callf(&h->office, "POST", b, 200, NULL, err, "/api/v1/programmes/%lld/advance", h->pid);
	json_decref(b);
	if (!rc)
		fprintf(h->log, "  湖南名品: stage %s\n", to);
	return rc;
}

/* The panel total of application i: one in six falls below the bar of 80. */
static int total_of(int i)
{
	return i % 6 == 5 ? 700 + (i * 13) % 95 : 800 + (i * 37) % 170;
}

/* ---- the story ---- */

/* Enterprise i of city i % 14: registered, its application filled with the four indicators, submitted. */
static int apply_one(struct hn *h, int i, struct px_err *err)
{
	size_t city = (size_t)i % HN_CITIES;
	const char *product = products[(size_t)i % (sizeof(products) / sizeof(products[0]))];
	char uscc[19], name[160], path[96];
	json_t *b, *out = NULL;
	int rc;

	demo_uscc(cities[city].county, 1000 + i, uscc);
	snprintf(name, sizeof(name), "%s%s%s有限公司", cities[city].town, product, i < 14 ? "集团" : "实业");
	if (i >= 28)
		snprintf(name, sizeof(name), "%s第%d%s有限公司", cities[city].town, i, product);
	b = json_pack("{s:s, s:s, s:s, s:s, s:s}", "uscc", uscc, "name", name, "industry", "C", "region",
		      cities[city].county, "founded_on", "2008-05-01");
	rc = demo_call(&h->office, "POST", "/api/v1/organisations", b, 201, &out, err);
	json_decref(b);
	if (rc)
		return rc;
	b = json_pack("{s:s, s:s, s:O}", "track", "product", "form", "famous_product", "organisation",
		      json_object_get(out, "id"));
	json_decref(out);
	rc = demo_callf(&h->office, "POST", b, 201, &out, err, "/api/v1/programmes/%lld/applications", h->pid);
	json_decref(b);
	if (rc)
		return rc;
	h->app[i] = (long long)json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	char brand[64];
	snprintf(brand, sizeof(brand), "%s牌%s", cities[city].town, product);
	b = json_pack("{s:s, s:s, s:s, s:f, s:s, s:f, s:s, s:s}", "product", brand, "brand", brand, "quality_level",
		      "执行国家标准及团体标准，近三年监督抽查合格率100%", "market_share", 5.0 + (double)(i % 30),
		      "brand_awareness", "获评湖南省知名品牌，品牌价值评价结果良好", "customer_satisfaction",
		      88.0 + (double)(i % 12), "contact", "质量部 李经理", "contact_mobile", "13800138000");
	rc = demo_callf(&h->office, "PUT", b, 200, NULL, err, "/api/v1/applications/%lld/form", h->app[i]);
	json_decref(b);
	b = json_pack("{s:s, s:s, s:s}", "from", "2022-07-04", "to", "2022-07-08", "note", "企业内部公告栏公示");
	if (!rc)
		rc = demo_callf(&h->office, "POST", b, 200, NULL, err, "/api/v1/applications/%lld/internal-notice",
				h->app[i]);
	json_decref(b);
	b = json_pack("{s:b}", "no_record", 1);
	if (!rc)
		rc = demo_callf(&h->office, "POST", b, 200, NULL, err, "/api/v1/applications/%lld/attest", h->app[i]);
	json_decref(b);
	snprintf(path, sizeof(path), "/api/v1/applications/%lld/documents", h->app[i]);
	if (!rc)
		rc = demo_upload(&h->office, path, "四项指标证实性材料.pdf", evidence_pdf, sizeof(evidence_pdf) - 1, 201, err);
	if (!rc)
		rc = demo_callf(&h->office, "POST", NULL, 200, NULL, err, "/api/v1/applications/%lld/submit", h->app[i]);
	h->tenths[i] = total_of(i);
	return rc;
}

static int recommend_all(struct hn *h, struct px_err *err)
{
	int rc = 0;
	for (int i = 0; i < HN_APPS && !rc; i++) {
		json_t *b = json_pack("{s:b, s:s}", "recommend", 1, "opinion", "经审核，申报材料真实，同意推荐");
		rc = demo_callf(&h->bureau[(size_t)i % HN_CITIES], "POST", b, 200, NULL, err,
				"/api/v1/certification/applications/%lld/recommendation", h->app[i]);
		json_decref(b);
	}
	return rc;
}

static int import_experts(struct hn *h, struct px_err *err)
{
	static const char *const employers[] = { "湖南大学", "中南大学", "湘潭大学", "湖南师范大学", "长沙理工大学",
						  "湖南省产商品质量检验研究院" };
	char csv[2048];
	size_t n = (size_t)snprintf(csv, sizeof(csv), "code,name,employer,region,fields,conflicts,login\n");
	for (int i = 1; i <= HN_EXPERTS && n < sizeof(csv); i++)
		n += (size_t)snprintf(csv + n, sizeof(csv) - n, "HN%02d,湖南名品专家%02d,%s,430100,C,,hnx%02d\n", i, i,
				      employers[(i - 1) % 6], i);
	json_t *b = json_pack("{s:s}", "csv", csv);
	int rc = demo_call(&h->office, "POST", "/api/v1/experts/import", b, 201, NULL, err);
	json_decref(b);
	return rc;
}

/* The panel total of an application, by its id. */
static int tenths_of(const struct hn *h, long long id)
{
	for (int i = 0; i < HN_APPS; i++)
		if (h->app[i] == id)
			return h->tenths[i];
	return 0;
}

/* One expert reviews every assignment: the four indicators adding up to the application's total. */
static int review_as(struct hn *h, int expert, int *count, struct px_err *err)
{
	struct demo_client e;
	json_t *mine = NULL, *x;
	char login[16];
	size_t i;
	int rc;
	snprintf(login, sizeof(login), "hnx%02d", expert);
	if ((rc = demo_login(&e, h->url, login, DEMO_PASSWORD, err)))
		return rc;
	rc = demo_call(&e, "GET", "/api/v1/reviews/mine", NULL, 200, &mine, err);
	json_array_foreach(json_object_get(mine, "assignments"), i, x) {
		if (rc)
			break;
		int t = tenths_of(h, (long long)json_integer_value(json_object_get(json_object_get(x, "application"), "id")));
		double a = (double)(t / 4) / 10.0, d = (double)(t - 3 * (t / 4)) / 10.0;
		json_t *b = json_pack("{s:{s:f, s:f, s:f, s:f}, s:s, s:s, s:b}", "scores", "quality_level", a,
				      "market_share", a, "brand_awareness", a, "customer_satisfaction", d, "opinion",
				      "四项指标材料齐全，证据充分。", "suggestions", "建议持续提升品牌影响力。", "integrity", 1);
		rc = demo_callf(&e, "POST", b, 201, NULL, err, "/api/v1/assignments/%lld/review",
				(long long)json_integer_value(json_object_get(x, "assignment")));
		json_decref(b);
		(*count)++;
	}
	json_decref(mine);
	demo_logout(&e);
	return rc;
}

static int draw_and_review(struct hn *h, struct px_err *err)
{
	json_t *b = json_pack("{s:s}", "stage", "material"), *d = NULL;
	int rc = demo_callf(&h->office, "POST", b, 201, &d, err, "/api/v1/programmes/%lld/draws", h->pid), reviews = 0;
	json_decref(b);
	if (rc)
		return rc;
	b = json_pack("{s:O}", "seed", json_object_get(d, "seed"));
	rc = demo_callf(&h->office, "POST", b, 200, NULL, err, "/api/v1/draws/%lld/run",
			(long long)json_integer_value(json_object_get(d, "id")));
	json_decref(b);
	json_decref(d);
	for (int i = 1; i <= HN_EXPERTS && !rc; i++)
		rc = review_as(h, i, &reviews, err);
	if (!rc)
		fprintf(h->log, "  湖南名品: double-random draw, %d reviews by %d experts\n", reviews, HN_EXPERTS);
	return rc;
}

/* The bar applied, the count against the target; one certificate suspended to show the register's moves. */
static int certify(struct hn *h, struct px_err *err)
{
	json_t *out = NULL, *b;
	int rc = demo_callf(&h->office, "POST", NULL, 200, &out, err, "/api/v1/programmes/%lld/certification", h->pid);
	if (rc)
		return rc;
	fprintf(h->log, "  湖南名品: bar %s, %lld certified against the target of %lld\n",
		json_string_value(json_object_get(out, "bar")), (long long)json_integer_value(json_object_get(out, "certified")),
		(long long)json_integer_value(json_object_get(out, "target")));
	json_decref(out);
	if ((rc = set_clock(h, "2023-03-15", err)) ||
	    (rc = demo_callf(&h->office, "GET", NULL, 200, &out, err, "/api/v1/programmes/%lld/register?per_page=1", h->pid)))
		return rc;
	b = json_pack("{s:s, s:s}", "action", "suspend", "reason", "产品质量监督抽查不合格，责令整改");
	rc = demo_callf(&h->office, "POST", b, 200, NULL, err, "/api/v1/certificates/%lld/status",
			(long long)json_integer_value(json_object_get(json_array_get(json_object_get(out, "entries"), 0), "id")));
	json_decref(b);
	json_decref(out);
	return rc;
}

static int hn_story(struct hn *h, struct px_err *err)
{
	json_t *b = json_pack("{s:s}", "template", HN_TEMPLATE), *out = NULL;
	int rc = demo_call(&h->office, "POST", "/api/v1/programmes", b, 201, &out, err);
	json_decref(b);
	if (rc)
		return rc;
	h->pid = (long long)json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	if ((rc = set_clock(h, "2022-07-15", err)) || (rc = advance(h, "application", err)) ||
	    (rc = import_experts(h, err)))
		return rc;
	for (int i = 0; i < HN_APPS && !rc; i++)
		rc = apply_one(h, i, err);
	if (rc || (rc = advance(h, "city", err)) || (rc = recommend_all(h, err)) || (rc = advance(h, "material", err)) ||
	    (rc = set_clock(h, "2022-09-20", err)) || (rc = draw_and_review(h, err)) ||
	    (rc = advance(h, "certification", err)) || (rc = set_clock(h, "2022-10-20", err)) || (rc = certify(h, err)))
		return rc;
	return advance(h, "publication", err);
}

static int hn_run(const char *url, const char *data_dir, FILE *log, struct px_err *err)
{
	struct hn *h = calloc(1, sizeof(*h));
	struct timespec t0, t1;
	json_t *clock = NULL;
	size_t signed_in = 0;
	int rc;
	(void)data_dir;
	if (!h)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	h->url = url;
	h->log = log;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((rc = demo_login(&h->office, url, "hn-office", DEMO_PASSWORD, err)))
		goto out_free;
	if ((rc = demo_login(&h->clock, url, "rehearsal", DEMO_PASSWORD, err)))
		goto out_office;
	for (; signed_in < HN_CITIES && !rc; signed_in++)
		rc = demo_login(&h->bureau[signed_in], url, cities[signed_in].login, DEMO_PASSWORD, err);
	if (rc)
		signed_in--;
	else if (!(rc = demo_call(&h->clock, "GET", "/api/v1/clock", NULL, 200, &clock, err))) {
		rc = hn_story(h, err);
		/* put the date back where the award's story left it */
		const char *was = json_string_value(json_object_get(clock, "today"));
		if (!rc && was)
			rc = set_clock(h, was, err);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (!rc)
			fprintf(log, "  湖南名品: played in %.1f s\n",
				(double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
		if (!rc)
			fprintf(log, "  湖南名品 logins: hn-office (湖南省, 430000), hn-changsha … hn-xiangxi (the 14 市州 bureaus), "
				     "hnx01 … hnx%02d (experts); public register: %s/register\n", HN_EXPERTS, url);
	}
	json_decref(clock);
	for (size_t i = 0; i < signed_in; i++)
		demo_logout(&h->bureau[i]);
	demo_logout(&h->clock);
out_office:
	demo_logout(&h->office);
out_free:
	free(h);
	return rc;
}

/* The row of demo_families[] (declared in cli/demo_families.h). */
int demo_hunan_seed(struct app *app, const char *data_dir, struct px_err *err)
{
	return hn_seed(app, data_dir, err);
}

int demo_hunan_run(const char *url, const char *data_dir, FILE *log, struct px_err *err)
{
	return hn_run(url, data_dir, log, err);
}
