/*
 * demo_script.c - the demo programme, stage by stage, through the HTTP API
 * (see demo_script.h). Each stage is one function in the table below; the
 * dates are those of the template, set on the rehearsal clock. Scores follow
 * each applicant's "quality" in the population file, with a small
 * deterministic difference between reviewers.
 */
#include "cli/demo_script.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli/demo_http.h"
#include "util/file.h"

#define MAX_APPS 64

struct demo {
	const char *url;
	FILE *log;
	json_t *pop;
	struct demo_client office, leader, applicant, member;
	struct demo_client county[8];
	int64_t pid;
	int napps;
	struct {
		int64_t id;
		char region[8];
		char track[16];
		double quality;
		bool submitted;
		bool owned;
	} apps[MAX_APPS];
};

static const struct {
	const char *region, *login;
} counties[8] = {
	{ "441802", "qingcheng" }, { "441803", "qingxin" }, { "441881", "yingde" }, { "441882", "lianzhou" },
	{ "441821", "fogang" }, { "441823", "yangshan" }, { "441825", "lianshan" }, { "441826", "liannan" },
};

static const char *const departments[] = { "应急管理", "人力资源社会保障", "生态环境", "税务",
					   "食品安全", "产品质量", "信用监管" };

const char *const demo_stages[] = { "application", "county", "qualification", "material", "shortlist",
				    "onsite", "deliberation", "proposed", "approval", "publication", NULL };

static char sms_log[4200];

const char *demo_sms_log(void)
{
	return sms_log[0] ? sms_log : NULL;
}

void demo_sms_log_set(const char *path)
{
	snprintf(sms_log, sizeof(sms_log), "%s", path ? path : "");
}

int demo_stage_index(const char *name)
{
	for (int i = 0; demo_stages[i]; i++)
		if (!strcmp(demo_stages[i], name))
			return i;
	return -1;
}

static struct demo_client *county_of(struct demo *d, const char *region)
{
	for (int i = 0; i < 8; i++)
		if (!strcmp(counties[i].region, region))
			return &d->county[i];
	return NULL;
}

static int clock_set(struct demo *d, const char *today, struct px_err *err)
{
	return demo_set_clock(&d->office, today, err);
}

static int advance(struct demo *d, const char *today, const char *to, struct px_err *err)
{
	json_t *b = json_pack("{s:s}", "to", to);
	int rc = clock_set(d, today, err);
	if (!rc)
		rc = demo_callf(&d->office, "POST", b, 200, NULL, err, "/api/v1/programmes/%lld/advance", (long long)d->pid);
	json_decref(b);
	if (!rc)
		fprintf(d->log, "  %s: stage %s\n", today, to);
	return rc;
}

/* A small but well-formed PDF standing for the evidence bundle. */
static const char evidence_pdf[] =
	"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
	"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

static json_t *form_fields(const char *form, json_t *o)
{
	json_t *f;
	if (!strcmp(form, "individual"))
		return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "position", json_string_value(json_object_get(o, "position")),
				 "mobile", "13800138000", "education", "大学本科", "deeds", "长期从事质量管理工作，主导推行卓越绩效模式。",
				 "achievements", "主持完成质量改进项目多项，经验在行业内推广。", "unit_opinion", "同意推荐");
	f = json_pack("{s:s, s:s, s:I, s:I, s:s, s:s, s:s, s:I}", "contact", "质量部 张经理", "contact_mobile", "13800138000",
		      "employees", json_integer_value(json_object_get(o, "employees")), "revenue_10k",
		      json_integer_value(json_object_get(o, "revenue_10k")), "quality_system", "GB/T 19001、GB/T 19580 卓越绩效管理",
		      "introduction", "本组织依法设立，主体业务正常运行，质量管理机构健全。", "practice",
		      "推行卓越绩效模式，建立质量数据分析与持续改进机制，经验具有复制推广价值。", "self_score",
		      json_integer_value(json_object_get(o, "self_score")));
	if (!strcmp(form, "manufacturing")) {
		json_object_set_new(f, "main_products", json_string("电子元器件及精密部件"));
		json_object_set_new(f, "sampling_pass_rate", json_real(99.5));
	} else if (!strcmp(form, "service")) {
		json_object_set_new(f, "services", json_string("现代物流与供应链服务"));
		json_object_set_new(f, "customer_satisfaction", json_real(96.8));
	} else {
		json_object_set_new(f, "qualification_grade", json_string("一级"));
		json_object_set_new(f, "major_projects", json_string("清远市重点工程项目多项"));
	}
	return f;
}

/* Draft, form, internal notice, attestation, evidence, submission; ineligible ones stay drafts. */
static int apply_one(struct demo *d, struct demo_client *c, json_t *who, const char *track, const char *form,
		     int64_t applicant_id, struct px_err *err)
{
	json_t *b, *out = NULL, *f;
	int64_t aid;
	int rc;

	b = json_pack("{s:s, s:s, s:I}", "track", track, "form", form, !strcmp(track, "individual") ? "person" : "organisation",
		      (json_int_t)applicant_id);
	rc = demo_callf(c, "POST", b, 201, &out, err, "/api/v1/programmes/%lld/applications", (long long)d->pid);
	json_decref(b);
	if (rc)
		return rc;
	aid = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	f = form_fields(form, who);
	rc = demo_callf(c, "PUT", f, 200, NULL, err, "/api/v1/applications/%lld/form", (long long)aid);
	json_decref(f);
	b = json_pack("{s:s, s:s, s:s}", "from", "2025-09-08", "to", "2025-09-12", "note", "单位内部公告栏公示");
	if (!rc)
		rc = demo_callf(c, "POST", b, 200, NULL, err, "/api/v1/applications/%lld/internal-notice", (long long)aid);
	json_decref(b);
	b = json_pack("{s:b}", "no_record", 1);
	if (!rc)
		rc = demo_callf(c, "POST", b, 200, NULL, err, "/api/v1/applications/%lld/attest", (long long)aid);
	json_decref(b);
	char path[96];
	snprintf(path, sizeof(path), "/api/v1/applications/%lld/documents", (long long)aid);
	if (!rc)
		rc = demo_upload(c, path, "申报表及证实性材料.pdf", evidence_pdf, sizeof(evidence_pdf) - 1, 201, err);
	if (rc)
		return rc;
	struct px_err serr = { 0 };
	int i = d->napps++;
	d->apps[i].id = aid;
	snprintf(d->apps[i].region, sizeof(d->apps[i].region), "%s", json_string_value(json_object_get(who, "region")));
	snprintf(d->apps[i].track, sizeof(d->apps[i].track), "%s", track);
	/* the demo applicant's own firm is among the best, so its account has a whole story to show */
	d->apps[i].quality = i == 0 ? 0.93 : json_number_value(json_object_get(who, "quality"));
	rc = demo_callf(c, "POST", NULL, 200, NULL, &serr, "/api/v1/applications/%lld/submit", (long long)aid);
	if (rc && !strcmp(serr.key, "ineligible")) {
		fprintf(d->log, "    %s: not submitted, ineligible (%s)\n",
			json_string_value(json_object_get(who, "name")), serr.field);
		return 0;
	}
	if (rc && err)
		*err = serr;
	d->apps[i].submitted = !rc;
	return rc;
}

static int stage_application(struct demo *d, struct px_err *err)
{
	json_t *orgs = json_object_get(d->pop, "organisations"), *persons = json_object_get(d->pop, "persons");
	json_t *o, *out = NULL;
	size_t i;
	int rc = 0;

	json_array_foreach(json_object_get(d->pop, "past_winners"), i, o) {
		json_t *b = json_pack("{s:O, s:O, s:O, s:O, s:O}", "family", json_object_get(o, "family"), "year",
				      json_object_get(o, "year"), "uscc", json_object_get(o, "uscc"), "track",
				      json_object_get(o, "track"), "source", json_object_get(o, "source"));
		rc = demo_call(&d->office, "POST", "/api/v1/past-winners", b, 201, NULL, err);
		json_decref(b);
		if (rc)
			return rc;
	}
	json_array_foreach(orgs, i, o) {
		/* the first is the demo applicant's own firm; the counties register the others (paper applications) */
		struct demo_client *c = i == 0 ? &d->applicant : county_of(d, json_string_value(json_object_get(o, "region")));
		json_t *b = json_pack("{s:O, s:O, s:O, s:O, s:O}", "uscc", json_object_get(o, "uscc"), "name",
				      json_object_get(o, "name"), "industry", json_object_get(o, "industry"), "region",
				      json_object_get(o, "region"), "founded_on", json_object_get(o, "founded_on"));
		/* an applicant's own registration is answered 202 alike; what it got is read from /applicants/mine */
		rc = demo_call(c, "POST", "/api/v1/organisations", b, i == 0 ? 202 : 201, i == 0 ? NULL : &out, err);
		json_decref(b);
		if (!rc && i == 0)
			rc = demo_call(c, "GET", "/api/v1/applicants/mine", NULL, 200, &out, err);
		if (!rc)
			rc = apply_one(d, c, o, "organisation", json_string_value(json_object_get(o, "form")),
				       json_integer_value(json_object_get(i == 0 ? json_object_get(out, "organisation") : out,
									  "id")), err);
		json_decref(out);
		out = NULL;
		if (rc)
			return rc;
	}
	json_array_foreach(persons, i, o) {
		struct demo_client *c = county_of(d, json_string_value(json_object_get(o, "region")));
		json_t *b = json_pack("{s:O, s:O, s:O, s:O, s:O}", "id_number", json_object_get(o, "id_number"), "name",
				      json_object_get(o, "name"), "employer", json_object_get(o, "employer"), "region",
				      json_object_get(o, "region"), "quality_since", json_object_get(o, "quality_since"));
		rc = demo_call(c, "POST", "/api/v1/persons", b, 201, &out, err);
		json_decref(b);
		if (!rc)
			rc = apply_one(d, c, o, "individual", "individual", json_integer_value(json_object_get(out, "id")), err);
		json_decref(out);
		out = NULL;
		if (rc)
			return rc;
	}
	int n = 0;
	for (int k = 0; k < d->napps; k++)
		n += d->apps[k].submitted;
	fprintf(d->log, "  %d applications submitted by %zu organisations and %zu individuals\n", n,
		json_array_size(orgs), json_array_size(persons));
	return 0;
}

/* A candidate by value (quality or score), best first after sorting. */
struct ranked {
	double value;
	int64_t id;
	int track; /* 0 organisation, 1 individual */
};

static int by_quality_desc(const void *a, const void *b)
{
	double x = ((const struct ranked *)a)->value, y = ((const struct ranked *)b)->value;
	return (x < y) - (x > y);
}

/* Each county checks its submitted applications and consults the departments. */
static int county_checks(struct demo *d, struct px_err *err)
{
	int rc = 0;
	for (int k = 0; !rc && k < d->napps; k++) {
		if (!d->apps[k].submitted)
			continue;
		struct demo_client *c = county_of(d, d->apps[k].region);
		json_t *b = json_pack("{s:s, s:s}", "result", "pass", "note", "材料完整、真实");
		rc = demo_callf(c, "POST", b, 200, NULL, err, "/api/v1/applications/%lld/county-check", (long long)d->apps[k].id);
		json_decref(b);
		for (size_t j = 0; !rc && j < sizeof(departments) / sizeof(departments[0]); j++) {
			b = json_pack("{s:s, s:s, s:s}", "department", departments[j], "verdict", "no_objection", "text",
				      "经核查，近3年无相关不良记录");
			rc = demo_callf(c, "POST", b, 201, NULL, err, "/api/v1/applications/%lld/opinions", (long long)d->apps[k].id);
			json_decref(b);
		}
	}
	return rc;
}

/* Every county with checked applications publishes its notice. */
static int county_notices(struct demo *d, struct px_err *err)
{
	int rc = 0;
	for (int i = 0; !rc && i < 8; i++) {
		struct px_err e2 = { 0 };
		int r2 = demo_callf(&d->county[i], "POST", NULL, 201, NULL, &e2, "/api/v1/programmes/%lld/county-notice",
				    (long long)d->pid);
		if (r2 && strcmp(e2.key, "nothing_to_notify")) {
			*err = e2;
			rc = r2;
		}
	}
	return rc;
}

/* County i recommends its best within its quota, per track. */
static int county_recommends(struct demo *d, int i, json_t *prog, struct px_err *err)
{
	json_t *list = json_array(), *q, *quota = NULL;
	size_t qi;
	int rc = 0;

	json_array_foreach(json_object_get(prog, "quotas"), qi, q)
		if (!strcmp(json_string_value(json_object_get(q, "region")), counties[i].region))
			quota = json_object_get(q, "slots");
	for (int t = 0; t < 2; t++) {
		const char *track = t ? "individual" : "organisation";
		struct ranked c[MAX_APPS];
		int n = 0, slots = (int)json_integer_value(json_object_get(quota, track));
		for (int k = 0; k < d->napps; k++)
			if (d->apps[k].submitted && !strcmp(d->apps[k].region, counties[i].region) &&
			    !strcmp(d->apps[k].track, track))
				c[n++] = (struct ranked){ d->apps[k].quality, d->apps[k].id, t };
		qsort(c, (size_t)n, sizeof(c[0]), by_quality_desc);
		for (int k = 0; k < n && k < slots; k++)
			json_array_append_new(list, json_integer(c[k].id));
	}
	if (!json_array_size(list)) {
		json_decref(list);
		return 0;
	}
	json_t *b = json_pack("{s:o}", "applications", list);
	rc = demo_callf(&d->county[i], "POST", b, 200, NULL, err, "/api/v1/programmes/%lld/recommendations",
			(long long)d->pid);
	json_decref(b);
	return rc;
}

/* An objection from the public, answered on the calendar's deadlines and found unfounded. */
static int public_objection(struct demo *d, struct px_err *err)
{
	json_t *o = NULL, *b = json_pack("{s:s, s:s, s:s}", "name", "王某", "contact", "13912345678", "text",
					 "反映该企业2023年曾发生产品质量投诉，请核查。");
	struct demo_client anon;
	int rc = demo_anonymous(&anon, d->url, err);
	if (!rc)
		rc = demo_callf(&anon, "POST", b, 201, &o, err, "/api/v1/applications/%lld/objections", (long long)d->apps[1].id);
	demo_logout(&anon);
	json_decref(b);
	int64_t oid = json_integer_value(json_object_get(o, "id"));
	json_decref(o);
	b = json_pack("{s:s}", "text", "经复核，该投诉已依法处理，不属于质量事故。");
	json_t *dec = json_pack("{s:s, s:b, s:s}", "outcome", "unfounded", "breaks_eligibility", 0, "decision",
				"经集体审议，异议不成立，继续参评。");
	if (!rc)
		rc = demo_callf(&d->office, "POST", NULL, 200, NULL, err, "/api/v1/objections/%lld/forward", (long long)oid);
	if (!rc)
		rc = demo_callf(county_of(d, d->apps[1].region), "POST", b, 200, NULL, err, "/api/v1/objections/%lld/reply",
				(long long)oid);
	if (!rc)
		rc = demo_callf(&d->office, "POST", dec, 200, NULL, err, "/api/v1/objections/%lld/decide", (long long)oid);
	json_decref(b);
	json_decref(dec);
	return rc;
}

static int stage_county(struct demo *d, struct px_err *err)
{
	json_t *prog = NULL;
	int rc = advance(d, "2025-09-26", "county", err);

	if (!rc && !(rc = county_checks(d, err)) && !(rc = clock_set(d, "2025-09-29", err)) &&
	    !(rc = county_notices(d, err)) && !(rc = clock_set(d, "2025-10-13", err)))
		rc = demo_callf(&d->office, "GET", NULL, 200, &prog, err, "/api/v1/programmes/%lld", (long long)d->pid);
	for (int i = 0; !rc && i < 8; i++)
		rc = county_recommends(d, i, prog, err);
	json_decref(prog);
	if (!rc && !(rc = clock_set(d, "2025-10-14", err)))
		rc = public_objection(d, err);
	if (!rc)
		fprintf(d->log, "  counties checked, consulted 7 departments, notified and recommended within quota\n");
	return rc;
}

static bool recommended(struct demo *d, int k, struct px_err *err)
{
	json_t *a = NULL;
	bool yes = false;
	if (!demo_callf(&d->office, "GET", NULL, 200, &a, err, "/api/v1/applications/%lld", (long long)d->apps[k].id))
		yes = !strcmp(json_string_value(json_object_get(a, "state")) ?: "", "recommended");
	json_decref(a);
	return yes;
}

static int stage_qualification(struct demo *d, struct px_err *err)
{
	int rc = advance(d, "2025-10-27", "qualification", err), accepted = 0;
	for (int k = 0; !rc && k < d->napps; k++) {
		if (!d->apps[k].submitted || !recommended(d, k, err))
			continue;
		json_t *b = json_pack("{s:s, s:s}", "result", "accept", "reason", "符合申报条件，材料完整");
		rc = demo_callf(&d->office, "POST", b, 200, NULL, err, "/api/v1/applications/%lld/qualification",
				(long long)d->apps[k].id);
		json_decref(b);
		accepted += !rc;
	}
	/* the demo applicant is asked for more and answers */
	json_t *s = NULL, *b = json_pack("{s:s}", "request", "请补充近3年产品质量监督抽查报告。");
	if (!rc && d->apps[0].submitted)
		rc = demo_callf(&d->office, "POST", b, 201, &s, err, "/api/v1/applications/%lld/supplements",
				(long long)d->apps[0].id);
	json_decref(b);
	b = json_pack("{s:s}", "answer", "已补充2022—2024年抽查报告，见附件。");
	if (!rc && s)
		rc = demo_callf(&d->applicant, "POST", b, 200, NULL, err, "/api/v1/supplements/%lld/answer",
				(long long)json_integer_value(json_object_get(s, "id")));
	json_decref(b);
	json_decref(s);
	if (!rc)
		rc = demo_callf(&d->office, "POST", NULL, 201, NULL, err, "/api/v1/programmes/%lld/acceptance-notice",
				(long long)d->pid);
	if (!rc)
		fprintf(d->log, "  %d applications accepted; the acceptance list is notified for 5 working days\n", accepted);
	return rc;
}

/* The expert pool as CSV, with an account per expert (e001 ...). */
static char *pool_csv(struct demo *d)
{
	json_t *e;
	size_t i, cap = 16384, len = 0;
	char *buf = malloc(cap);
	if (!buf)
		return NULL;
	len += (size_t)snprintf(buf, cap, "code,name,employer,region,fields,conflicts,login\n");
	json_array_foreach(json_object_get(d->pop, "experts"), i, e) {
		char fields[128] = "", conflicts[256] = "";
		json_t *v;
		size_t j;
		json_array_foreach(json_object_get(e, "fields"), j, v)
			snprintf(fields + strlen(fields), sizeof(fields) - strlen(fields), "%s%s", j ? ";" : "",
				 json_string_value(v));
		json_array_foreach(json_object_get(e, "conflicts"), j, v)
			snprintf(conflicts + strlen(conflicts), sizeof(conflicts) - strlen(conflicts), "%s%s", j ? ";" : "",
				 json_string_value(v));
		if (len + 512 > cap)
			break;
		len += (size_t)snprintf(buf + len, cap - len, "%s,%s,%s,%s,%s,%s,e%03zu\n",
					json_string_value(json_object_get(e, "code")), json_string_value(json_object_get(e, "name")),
					json_string_value(json_object_get(e, "employer")),
					json_string_value(json_object_get(e, "region")), fields, conflicts, i + 1);
	}
	return buf;
}

static int draw_for(struct demo *d, const char *stage, struct px_err *err)
{
	json_t *b = json_pack("{s:s}", "stage", stage), *c = NULL;
	int rc = demo_callf(&d->office, "POST", b, 201, &c, err, "/api/v1/programmes/%lld/draws", (long long)d->pid);
	json_decref(b);
	if (!rc) {
		/* the office keeps the seed of the answer sealed and supplies it at the run */
		json_t *run = json_pack("{s:O}", "seed", json_object_get(c, "seed"));
		rc = demo_callf(&d->office, "POST", run, 200, NULL, err, "/api/v1/draws/%lld/run",
				(long long)json_integer_value(json_object_get(c, "id")));
		json_decref(run);
	}
	if (!rc)
		fprintf(d->log, "  %s: reviewers drawn (commitment %.16s… and inputs hash %.16s… published first, "
			"seed revealed after)\n", stage, json_string_value(json_object_get(c, "seed_commit")),
			json_string_value(json_object_get(c, "inputs_hash")));
	json_decref(c);
	return rc;
}

static double quality_of(struct demo *d, int64_t id)
{
	for (int k = 0; k < d->napps; k++)
		if (d->apps[k].id == id)
			return d->apps[k].quality;
	return 0.6;
}

static double points_of(json_t *v)
{
	return json_is_string(v) ? strtod(json_string_value(v), NULL) : json_number_value(v);
}

/* Every expert scores what they were drawn for: quality, nudged by the reviewer and the stage. */
static int review_all(struct demo *d, double stage_shift, struct px_err *err)
{
	size_t nexp = json_array_size(json_object_get(d->pop, "experts"));
	int rc = 0, done = 0;
	for (size_t i = 0; !rc && i < nexp; i++) {
		struct demo_client e;
		json_t *mine = NULL, *x;
		char login[32];
		size_t j;
		snprintf(login, sizeof(login), "e%03zu", i + 1);
		if ((rc = demo_login(&e, d->url, login, DEMO_PASSWORD, err)))
			break;
		rc = demo_call(&e, "GET", "/api/v1/reviews/mine", NULL, 200, &mine, err);
		json_array_foreach(json_object_get(mine, "assignments"), j, x) {
			if (rc || !json_is_null(json_object_get(x, "review")))
				continue;
			json_t *rubric = json_object_get(json_object_get(mine, "rubrics"),
							 json_string_value(json_object_get(x, "rubric")));
			int64_t aid = json_integer_value(json_object_get(json_object_get(x, "application"), "id"));
			double ratio = quality_of(d, aid) + stage_shift + ((double)((i * 7 + (size_t)aid * 3) % 9) - 4) / 100;
			ratio = ratio < 0.2 ? 0.2 : ratio > 0.98 ? 0.98 : ratio;
			json_t *scores = json_object(), *it;
			size_t k;
			json_array_foreach(json_object_get(rubric, "items"), k, it) {
				if (!json_is_true(json_object_get(it, "leaf")))
					continue;
				double pts = (double)(int)(points_of(json_object_get(it, "points")) * ratio * 10) / 10;
				json_object_set_new(scores, json_string_value(json_object_get(it, "code")), json_real(pts));
			}
			json_t *b = json_pack("{s:o, s:s, s:s, s:b}", "scores", scores, "opinion",
					      "材料真实完整，质量管理体系运行有效。", "suggestions",
					      "建议进一步加强质量数据分析，完善持续改进机制。", "integrity", 1);
			rc = demo_callf(&e, "POST", b, 201, NULL, err, "/api/v1/assignments/%lld/review",
					(long long)json_integer_value(json_object_get(x, "assignment")));
			json_decref(b);
			done += !rc;
		}
		json_decref(mine);
		demo_logout(&e);
	}
	if (!rc)
		fprintf(d->log, "  %d reviews submitted on the rubrics\n", done);
	return rc;
}

static int stage_material(struct demo *d, struct px_err *err)
{
	int rc = advance(d, "2025-11-10", "material", err);
	char *csv = pool_csv(d);
	json_t *b = json_pack("{s:s}", "csv", csv ? csv : "");
	if (!rc)
		rc = demo_call(&d->office, "POST", "/api/v1/experts/import", b, 201, NULL, err);
	json_decref(b);
	free(csv);
	if (!rc)
		rc = draw_for(d, "material", err);
	if (!rc)
		rc = review_all(d, 0.0, err);
	return rc;
}

/* The office keeps the best by material score, within the template's maxima. */
static int stage_shortlist(struct demo *d, struct px_err *err)
{
	json_t *res = NULL, *r, *list = json_array();
	size_t i;
	int rc = advance(d, "2025-11-24", "shortlist", err), taken[2] = { 0, 0 };
	const int max[2] = { 8, 15 };
	if (!rc)
		rc = demo_callf(&d->office, "GET", NULL, 200, &res, err, "/api/v1/programmes/%lld/results?stage=material",
				(long long)d->pid);
	struct ranked c[MAX_APPS];
	int n = 0;
	json_array_foreach(json_object_get(res, "results"), i, r) {
		int64_t id = json_integer_value(json_object_get(r, "application"));
		int t = strcmp(json_string_value(json_object_get(r, "track")) ?: "", "individual") == 0;
		if (n < MAX_APPS)
			c[n++] = (struct ranked){ strtod(json_string_value(json_object_get(r, "score")) ?: "0", NULL), id, t };
	}
	qsort(c, (size_t)n, sizeof(c[0]), by_quality_desc);
	for (int k = 0; k < n; k++) {
		if (taken[c[k].track] >= max[c[k].track])
			continue;
		taken[c[k].track]++;
		json_array_append_new(list, json_integer(c[k].id));
	}
	json_t *b = json_pack("{s:O, s:s}", "applications", list, "minutes", "按照“好中选优”原则确定现场评审名单。");
	if (!rc)
		rc = demo_callf(&d->office, "POST", b, 201, NULL, err, "/api/v1/programmes/%lld/shortlist", (long long)d->pid);
	if (!rc)
		fprintf(d->log, "  %zu applications go on site; the others receive their review feedback\n", json_array_size(list));
	json_decref(b);
	json_decref(list);
	json_decref(res);
	return rc;
}

static int stage_onsite(struct demo *d, struct px_err *err)
{
	int rc = advance(d, "2025-11-26", "onsite", err);
	if (!rc)
		rc = draw_for(d, "onsite", err);
	if (!rc)
		rc = review_all(d, 0.02, err);
	return rc;
}

/* The leadership group proposes every placed candidate of the ranking. */
static int stage_deliberation(struct demo *d, struct px_err *err)
{
	json_t *rank = NULL, *t, *e, *list = json_array();
	size_t i, j;
	int rc = advance(d, "2025-12-08", "deliberation", err);
	if (!rc)
		rc = demo_callf(&d->leader, "GET", NULL, 200, &rank, err, "/api/v1/programmes/%lld/ranking", (long long)d->pid);
	json_array_foreach(json_object_get(rank, "tracks"), i, t)
		json_array_foreach(json_object_get(t, "entries"), j, e)
			if (json_is_true(json_object_get(e, "placed")))
				json_array_append(list, json_object_get(e, "application"));
	json_t *b = json_pack("{s:O, s:s}", "applications", list, "minutes",
			      "2025年12月9日清远市质量强市工作领导小组集体审议，同意拟奖建议名单。");
	if (!rc)
		rc = demo_callf(&d->leader, "POST", b, 201, NULL, err, "/api/v1/programmes/%lld/deliberation", (long long)d->pid);
	if (!rc)
		fprintf(d->log, "  the leadership group proposes %zu winners\n", json_array_size(list));
	json_decref(b);
	json_decref(list);
	json_decref(rank);
	return rc;
}

static int stage_proposed(struct demo *d, struct px_err *err)
{
	int rc = advance(d, "2025-12-11", "proposed", err);
	if (!rc)
		rc = demo_callf(&d->office, "POST", NULL, 201, NULL, err, "/api/v1/programmes/%lld/proposed-notice",
				(long long)d->pid);
	return rc;
}

static int stage_approval(struct demo *d, struct px_err *err)
{
	int rc = advance(d, "2025-12-18", "approval", err);
	json_t *b = json_pack("{s:s, s:s, s:s}", "document_no", "清府函〔2025〕188号", "approved_on", "2025-12-24",
			      "minutes", "市人民政府审定同意。");
	if (!rc)
		rc = clock_set(d, "2025-12-24", err);
	if (!rc)
		rc = demo_callf(&d->office, "POST", b, 201, NULL, err, "/api/v1/programmes/%lld/approval", (long long)d->pid);
	json_decref(b);
	return rc;
}

static int stage_publication(struct demo *d, struct px_err *err)
{
	json_t *out = NULL;
	int rc = advance(d, "2025-12-29", "publication", err);
	if (!rc)
		rc = demo_callf(&d->office, "POST", NULL, 201, &out, err, "/api/v1/programmes/%lld/certificates",
				(long long)d->pid);
	json_t *first = json_array_get(json_object_get(out, "certificates"), 0);
	if (!rc)
		fprintf(d->log, "  %zu certificates issued; verify one at %s/api/v1/certificates/verify/%s\n",
			json_array_size(json_object_get(out, "certificates")), d->url,
			json_string_value(json_object_get(first, "code")) ?: "");
	json_decref(out);
	return rc;
}

static int (*const stages[])(struct demo *d, struct px_err *err) = {
	stage_application, stage_county, stage_qualification, stage_material, stage_shortlist,
	stage_onsite, stage_deliberation, stage_proposed, stage_approval, stage_publication,
};

int demo_script_run(const char *url, const char *data_dir, int until, FILE *log, struct px_err *err)
{
	struct demo d = { .url = url, .log = log };
	char path[4200], *text = NULL;
	size_t len;
	json_t *p = NULL;
	int rc;

	snprintf(path, sizeof(path), "%s/demo/qingyuan-2025-population.json", data_dir);
	if ((rc = file_read(path, 4 << 20, &text, &len, err)))
		return rc;
	d.pop = json_loadb(text, len, 0, NULL);
	free(text);
	if (!d.pop)
		return px_err_set(err, PX_EINVAL, "bad_demo_data", "file", "'%s' is not JSON", path);
	if ((rc = demo_login(&d.office, url, "office", DEMO_PASSWORD, err)) ||
	    (rc = demo_login(&d.leader, url, "leader", DEMO_PASSWORD, err)) ||
	    (rc = demo_login(&d.applicant, url, "applicant", DEMO_PASSWORD, err)))
		goto out;
	for (int i = 0; i < 8; i++)
		if ((rc = demo_login(&d.county[i], url, counties[i].login, DEMO_PASSWORD, err)))
			goto out;
	json_t *b = json_pack("{s:s}", "template", "qingyuan-quality-award-2025");
	rc = demo_call(&d.office, "POST", "/api/v1/programmes", b, 201, &p, err);
	json_decref(b);
	if (rc)
		goto out;
	d.pid = json_integer_value(json_object_get(p, "id"));
	fprintf(log, "programme %lld: %s\n", (long long)d.pid, json_string_value(json_object_get(p, "title")));
	if ((rc = advance(&d, "2025-09-22", "application", err)))
		goto out;
	for (int s = 0; s <= until && !rc; s++)
		rc = stages[s](&d, err);
out:
	json_decref(p);
	json_decref(d.pop);
	demo_logout(&d.office);
	demo_logout(&d.leader);
	demo_logout(&d.applicant);
	for (int i = 0; i < 8; i++)
		demo_logout(&d.county[i]);
	return rc;
}
