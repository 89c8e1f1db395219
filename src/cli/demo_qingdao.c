/*
 * demo_qingdao.c - the demo of Qingdao's 2022 quality month (青岛 2022 质量月启动报道): the
 * launch of 28 September 2022 - a few of the city's honours imported into
 * the honours register and the 好品山东 list published - and the ten key
 * quality works (十大质量提升重点活动) announced there, each with its lead
 * unit, co-units and milestones to the end of 2022. The lead units report
 * their progress through the reporting engine on two dates (14 October, 15
 * November) and mark milestones done; others are left open, and overdue.
 * Played through the API with the rehearsal clock of the Hunan demo, which
 * goes back where it was found.
 */
#include "cli/demo_families.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/people/account.h"
#include "cli/demo_http.h"
#include "cli/demo_script.h"

#define QD_UNITS 5
#define QD_WORKS 10
#define QD_MS 3

/* The lead units with an account: member units of the city's leading group (成员单位), at the city's level. */
static const char *const units[QD_UNITS][3] = {
	{ "qd-scjg", "青岛市市场监督管理局", "370200" }, { "qd-cy", "青岛市城阳区人民政府", "370200" },
	{ "qd-bz", "青岛日报报业集团", "370200" },       { "qd-gx", "青岛市工业和信息化局", "370200" },
	{ "qd-kj", "青岛市科学技术局", "370200" },
};

struct ms_def {
	const char *title, *due_on;
	int step;            /* 1: done by 2022-10-14, 2: by 2022-11-15, 0: left open */
	const char *done_on; /* when done */
	int percent;         /* an open milestone reported on at step 2 with this progress (0: not reported) */
};

struct work_def {
	const char *title;
	int lead; /* index in units, -1: named only */
	const char *lead_name;
	const char *co[5];
	struct ms_def ms[QD_MS];
};

static const struct work_def works[QD_WORKS] = {
	{ "开展2022年青岛市“质量月”系列主题活动", 0, NULL, { "各区市人民政府", "青岛日报报业集团" },
	  { { "举办“质量月”主题活动", "2022-09-28", 1, "2022-09-28", 0 },
	    { "报送“质量月”活动总结", "2022-10-31", 2, "2022-10-28", 0 } } },
	{ "推进“全国质量强市示范城市”法制化建设", 0, NULL, { "青岛市司法局" },
	  { { "启动《青岛市品牌建设促进条例》立法工作", "2022-10-31", 0, NULL, 0 },
	    { "编制《青岛市贯彻落实质量强国建设纲要实施意见》", "2022-11-30", 0, NULL, 60 } } },
	{ "开展国家质量基础设施观摩活动", 1, NULL, { "青岛市市场监督管理局" },
	  { { "组织政府质量奖获奖企业、高端品牌企业赴总部基地观摩", "2022-10-28", 2, "2022-10-26", 0 } } },
	{ "开展企业品牌价值测评工作", -1, "青岛市民营经济（中小企业）发展工作领导小组办公室", { "青岛市市场监督管理局" },
	  { { "印发测评工作方案", "2022-10-14", 1, "2022-10-12", 0 },
	    { "发布首届企业品牌价值评价结果", "2022-12-20", 0, NULL, 0 } } },
	{ "启动首届青岛国际品质生活博览会招展工作", 2, NULL, { "青岛市商务局", "青岛市贸促会" },
	  { { "宣布启动全球招展", "2022-09-28", 1, "2022-09-28", 0 },
	    { "完成400家左右品牌企业招展", "2022-11-10", 0, NULL, 70 },
	    { "举办首届青岛国际品质生活博览会", "2022-12-16", 0, NULL, 0 } } },
	{ "出台《质量基础设施（NQI）助力24条产业链高质量发展行动方案》", 3, NULL,
	  { "青岛市科学技术局", "青岛市市场监督管理局" },
	  { { "行动方案征求意见", "2022-10-20", 2, "2022-10-25", 0 }, { "行动方案印发", "2022-11-30", 0, NULL, 40 } } },
	{ "举办首届青岛市质量创新大赛", 4, NULL, { "青岛市总工会", "青岛市市场监督管理局" },
	  { { "发布大赛通知", "2022-10-10", 1, "2022-10-09", 0 }, { "完成评审并公布结果", "2022-12-15", 0, NULL, 0 } } },
	{ "实施“品牌伙伴成长计划”和“品牌领军人才提升计划”", 3, NULL, { "青岛市市场监督管理局" },
	  { { "首批“品牌伙伴”结对", "2022-11-11", 0, NULL, 0 }, { "举办品牌领军人才培训班", "2022-12-09", 0, NULL, 0 } } },
	{ "开展“质量关乎你我他”全民质量素质提升行动", 0, NULL,
	  { "青岛市住房和城乡建设局", "青岛市交通运输局", "青岛市水务管理局", "青岛市农业农村局" },
	  { { "举办“检验检测机构开放日”", "2022-10-21", 2, "2022-10-21", 0 },
	    { "“质量大讲堂”系列讲座", "2022-12-23", 0, NULL, 0 } } },
	{ "开展市场监管领域“服务型执法”专项行动", 0, NULL, { "各区市市场监督管理局" },
	  { { "印发专项行动方案", "2022-10-14", 1, "2022-10-13", 0 }, { "“五送”活动阶段总结", "2022-11-14", 0, NULL, 0 } } },
};

/* A few of the city's honours the launch named (fictional codes), and the 好品山东 entries. */
static const char *const honours[][6] = {
	{ "370214", "青岛啤酒股份有限公司", "china_quality_award_nomination", "2021", "第四届中国质量奖提名奖", "中国质量奖评选表彰结果" },
	{ "370214", "中车青岛四方机车车辆股份有限公司", "china_quality_award_nomination", "2021", "第四届中国质量奖提名奖", "中国质量奖评选表彰结果" },
	{ "370203", "青岛超银中学", "china_quality_award_nomination", "2021", "第四届中国质量奖提名奖", "中国质量奖评选表彰结果" },
	{ "370211", "青岛新前湾集装箱码头有限责任公司", "mayor_quality_award", "2021", "青岛市市长质量奖", "青岛市人民政府决定" },
	{ "370212", "青岛雷神科技股份有限公司", "mayor_quality_award", "2021", "青岛市市长质量奖", "青岛市人民政府决定" },
	{ "370212", "海尔集团公司", "haopin_shandong", "2022", "海尔", "第一批“好品山东”品牌名单" },
	{ "370202", "海信集团控股股份有限公司", "haopin_shandong", "2022", "海信", "第一批“好品山东”品牌名单" },
	{ "370214", "青岛啤酒股份有限公司", "haopin_shandong", "2022", "青岛啤酒", "第一批“好品山东”品牌名单" },
};
#define QD_HONOURS (sizeof(honours) / sizeof(honours[0]))

struct qd {
	FILE *log;
	struct demo_client office, clock, unit[QD_UNITS];
	long long account[QD_UNITS], work[QD_WORKS], request[QD_WORKS][QD_MS];
};

static int qd_seed(struct app *app, const char *data_dir, struct px_err *err)
{
	struct account_new staff[] = {
		{ "qd-office", "青岛市质量办", DEMO_PASSWORD, "office", "青岛市质量工作领导小组办公室", "370200" },
		{ "qd-leader", "青岛市质量工作领导小组", DEMO_PASSWORD, "leader", "青岛市质量工作领导小组", "370200" },
	};
	int64_t id;
	int rc = 0;
	(void)data_dir;
	for (size_t i = 0; i < 2 && !rc; i++) {
		rc = account_create(app, &app_actor_cli, &staff[i], &id, err);
		/* the story contest (demo_contest.c) seeds the same Qingdao office first */
		if (rc && i == 0 && err && !strcmp(err->key, "login_taken")) {
			px_err_clear(err);
			rc = 0;
		}
	}
	for (int i = 0; i < QD_UNITS && !rc; i++) {
		struct account_new u = { units[i][0], units[i][1], DEMO_PASSWORD, "member", units[i][1], units[i][2] };
		rc = account_create(app, &app_actor_cli, &u, &id, err);
	}
	return rc;
}

/* The honours the launch named, imported whole, and the 好品山东 list published. */
static int qd_honours(struct qd *q, struct px_err *err)
{
	char csv[8192] = "uscc,name,region,kind,level,year,title,source\n", uscc[19];
	size_t used = strlen(csv);
	json_t *out = NULL;
	for (size_t i = 0; i < QD_HONOURS; i++) {
		demo_uscc(honours[i][0], 7000 + (int)(i < 7 ? i : 0), uscc);
		int n = snprintf(csv + used, sizeof(csv) - used, "%s,%s,%s,%s,,%s,%s,%s\n", uscc, honours[i][1],
				 honours[i][0], honours[i][2], honours[i][3], honours[i][4], honours[i][5]);
		if (n < 0 || (size_t)n >= sizeof(csv) - used)
			return px_err_set(err, PX_ETOOBIG, NULL, NULL, "demo honours do not fit");
		used += (size_t)n;
	}
	json_t *b = json_pack("{s:s}", "csv", csv);
	int rc = demo_call(&q->office, "POST", "/api/v1/honours/import", b, 201, NULL, err);
	json_decref(b);
	b = json_pack("{s:s, s:s, s:i}", "title", "青岛市入选第一批“好品山东”品牌企业名单", "kind", "haopin_shandong", "year",
		      2022);
	if (!rc)
		rc = demo_call(&q->office, "POST", "/api/v1/honour-lists", b, 201, &out, err);
	json_decref(b);
	if (!rc)
		fprintf(q->log, "  荣誉: %zu honours imported, 好品山东 list of %lld published\n", QD_HONOURS,
			(long long)json_integer_value(json_object_get(out, "count")));
	json_decref(out);
	return rc;
}

static json_t *work_body(const struct qd *q, const struct work_def *w)
{
	json_t *co = json_array(), *ms = json_array();
	for (int k = 0; k < 5 && w->co[k]; k++)
		json_array_append_new(co, json_string(w->co[k]));
	for (int k = 0; k < QD_MS && w->ms[k].title; k++)
		json_array_append_new(ms, json_pack("{s:s, s:s}", "title", w->ms[k].title, "due_on", w->ms[k].due_on));
	json_t *b = json_pack("{s:s, s:o, s:o}", "title", w->title, "co_units", co, "milestones", ms);
	if (w->lead >= 0)
		json_object_set_new(b, "lead", json_integer(q->account[w->lead]));
	else
		json_object_set_new(b, "lead_name", json_string(w->lead_name));
	return b;
}

/* The ten works, as announced at the launch; the ids of the lead units' accounts first. */
static int qd_works(struct qd *q, struct px_err *err)
{
	json_t *out = NULL, *a;
	size_t i;
	int rc = demo_call(&q->office, "GET", "/api/v1/accounts", NULL, 200, &out, err);
	json_array_foreach(json_object_get(out, "accounts"), i, a)
		for (int u = 0; u < QD_UNITS; u++)
			if (!strcmp(json_string_value(json_object_get(a, "login")), units[u][0]))
				q->account[u] = (long long)json_integer_value(json_object_get(a, "id"));
	json_decref(out);
	for (int w = 0; w < QD_WORKS && !rc; w++) {
		json_t *b = work_body(q, &works[w]);
		out = NULL;
		rc = demo_call(&q->office, "POST", "/api/v1/keyworks", b, 201, &out, err);
		json_decref(b);
		q->work[w] = (long long)json_integer_value(json_object_get(out, "id"));
		json_array_foreach(json_object_get(out, "milestones"), i, a)
			if (i < QD_MS)
				q->request[w][i] = (long long)json_integer_value(json_object_get(a, "request"));
		json_decref(out);
	}
	return rc;
}

/* Milestone k of work w at a step: the lead unit reports (done, or its progress) and marks it done. */
static int qd_progress(struct qd *q, int w, int k, int step, struct px_err *err)
{
	const struct ms_def *m = &works[w].ms[k];
	bool done = m->step == step, report = done || (step == 2 && m->percent);
	struct demo_client *c = works[w].lead >= 0 ? &q->unit[works[w].lead] : &q->office;
	int rc = 0;
	if (!report)
		return 0;
	if (q->request[w][k]) {
		json_t *content = json_pack("{s:s, s:i, s:b}", "progress", done ? "已按计划完成，相关材料已归档。" : "正在推进，按计划开展。",
					    "percent", done ? 100 : m->percent, "done", done);
		if (done)
			json_object_set_new(content, "done_on", json_string(m->done_on));
		json_t *b = json_pack("{s:o}", "content", content);
		rc = demo_callf(c, "POST", b, 201, NULL, err, "/api/v1/report-requests/%lld/submission", q->request[w][k]);
		json_decref(b);
	}
	if (!rc && done) {
		json_t *b = json_pack("{s:s}", "done_on", m->done_on);
		rc = demo_callf(c, "POST", b, 200, NULL, err, "/api/v1/keyworks/%lld/milestones/%d/done", q->work[w], k + 1);
		json_decref(b);
	}
	return rc;
}

static int qd_step(struct qd *q, int step, const char *today, struct px_err *err)
{
	int rc = demo_set_clock(&q->clock, today, err);
	for (int w = 0; w < QD_WORKS && !rc; w++)
		for (int k = 0; k < QD_MS && works[w].ms[k].title && !rc; k++)
			rc = qd_progress(q, w, k, step, err);
	return rc;
}

static int qd_story(struct qd *q, struct px_err *err)
{
	json_t *out = NULL;
	int rc;
	if ((rc = demo_set_clock(&q->clock, "2022-09-28", err)) || (rc = qd_honours(q, err)) || (rc = qd_works(q, err)) ||
	    (rc = qd_step(q, 1, "2022-10-14", err)) || (rc = qd_step(q, 2, "2022-11-15", err)) ||
	    (rc = demo_call(&q->office, "GET", "/api/v1/keywork-board", NULL, 200, &out, err)))
		return rc;
	json_t *t = json_object_get(out, "totals");
	fprintf(q->log, "  重点工作 on 2022-11-15: %lld works, %lld milestones, %lld done, %lld overdue\n",
		(long long)json_integer_value(json_object_get(t, "works")),
		(long long)json_integer_value(json_object_get(t, "milestones")),
		(long long)json_integer_value(json_object_get(t, "done")),
		(long long)json_integer_value(json_object_get(t, "overdue")));
	json_decref(out);
	return 0;
}

static int qd_login(struct qd *q, const char *url, struct px_err *err)
{
	int rc = demo_login(&q->office, url, "qd-office", DEMO_PASSWORD, err);
	if (!rc)
		rc = demo_login(&q->clock, url, "rehearsal", DEMO_PASSWORD, err);
	for (int i = 0; i < QD_UNITS && !rc; i++)
		rc = demo_login(&q->unit[i], url, units[i][0], DEMO_PASSWORD, err);
	return rc;
}

static int qd_run(const char *url, const char *data_dir, FILE *log, struct px_err *err)
{
	struct qd *q = calloc(1, sizeof(*q));
	json_t *clock = NULL;
	int rc;
	(void)data_dir;
	if (!q)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	q->log = log;
	if (!(rc = qd_login(q, url, err)) && !(rc = demo_call(&q->clock, "GET", "/api/v1/clock", NULL, 200, &clock, err))) {
		rc = qd_story(q, err);
		/* the rehearsal date goes back where the earlier demos left it */
		if (!rc)
			rc = demo_set_clock(&q->clock, json_string_value(json_object_get(clock, "today")), err);
		fprintf(log, "  logins: qd-office (质量办), qd-leader (领导小组), qd-scjg qd-cy qd-bz qd-gx qd-kj (牵头单位)\n");
	}
	json_decref(clock);
	for (int i = 0; i < QD_UNITS; i++)
		demo_logout(&q->unit[i]);
	demo_logout(&q->clock);
	demo_logout(&q->office);
	free(q);
	return rc;
}

int demo_qingdao_seed(struct app *app, const char *data_dir, struct px_err *err)
{
	return qd_seed(app, data_dir, err);
}

int demo_qingdao_run(const char *url, const char *data_dir, FILE *log, struct px_err *err)
{
	return qd_run(url, data_dir, log, err);
}
