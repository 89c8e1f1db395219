/*
 * demo_campaign.c - the Shenzhen 2015 quality month (深质强办〔2015〕17号) in
 * `pingxuan demo`: the city's office and the 26 participating units of
 * attachment 1 as accounts, the campaign opened from its template, one
 * planned activity per unit from attachment 1 (approved for the public
 * calendar), the coordinators, activity reports and summaries submitted -
 * most on time, some late (迟报), one nil report (无可报告), one returned and
 * resubmitted, a few missing - and the reminders sent.
 *
 * The campaign's dates are in 2015 while the award's demo runs in 2025 on
 * the same rehearsal clock, which only an office holding every programme
 * may move through the API; so this demo plays the units through the use
 * cases with the date set on the server's app directly, and restores it.
 */
#include "cli/demo_campaign.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/campaign/bulletin.h"
#include "app/campaign/campaign.h"
#include "app/campaign/media.h"
#include "app/people/account.h"
#include "app/programme/programme.h"
#include "app/programme/template.h"
#include "app/reporting/reporting.h"
#include "cli/demo_script.h"
#include "core/date.h"
#include "util/file.h"

#define SZ "440300"
#define TEMPLATE_MAX_BYTES (1 << 20)
#define NUNITS 26

struct demo_unit {
	const char *login, *unit, *title, *focus, *starts, *ends, *place;
	const char *coordinators_on, *activities_on, *summary_on; /* NULL: never submits */
};

static const struct demo_unit units[NUNITS] = {
	{ "sz-fgw", "市发展改革委", "2015深圳国际BT领袖峰会", "质量提升", "2015-09-23", "2015-09-25", "深圳会展中心",
	  "2015-08-07", "2015-09-29", "2015-10-14" },
	{ "sz-jmxxw", "市经贸信息委", "深圳市质量标杆企业经验交流活动", "质量提升", "2015-09-16", "2015-09-16",
	  "华为技术公司", "2015-08-07", "2015-09-29", "2015-10-14" },
	{ "sz-czw", "市财政委", "经费保障质量提升行动", "质量提升", "2015-09-01", "2015-09-30", "市财政委",
	  "2015-08-07", "nil", "2015-10-14" },
	{ "sz-kcw", "市科技创新委", "“品质铸就品牌”深创赛创业辅导公益活动", "群众性质量活动", "2015-09-11",
	  "2015-09-11", "国家技术转移南方中心展厅", "2015-08-07", "2015-09-29", "2015-10-14" },
	{ "sz-rjw", "市人居环境委", "“绿韵悠扬”环保故事演讲比赛", "质量宣传", "2015-09-18", "2015-09-18", "市民中心",
	  "2015-08-07", "2015-09-29", "2015-10-14" },
	{ "sz-jtw", "市交通运输委", "公交出行宣传周和“无车日”活动", "质量宣传", "2015-09-16", "2015-09-22", "全市",
	  "2015-08-07", "2015-10-08", "2015-10-14" },
	{ "sz-wjw", "市卫生和人口计生委", "深圳市医院护理品管圈活动比赛", "群众性质量活动", "2015-09-08", "2015-09-08",
	  "市卫生和人口计生委", "2015-08-07", "2015-09-29", "2015-10-14" },
	{ "sz-scjgw", "市市场和质量监管委", "知识产权执法维权“护航”专项行动", "质量整治", "2015-09-01", "2015-09-30",
	  "全市产品制造集中地和专业市场", "2015-08-07", "2015-09-29", "2015-10-14" },
	{ "sz-rsj", "市人力资源和社会保障局", "新引进人才租房补贴政策宣传活动", "质量宣传", "2015-09-12", "2015-09-12",
	  "深圳市人才交流服务中心", "2015-08-07", "2015-09-29", "2015-10-16" },
	{ "sz-jyj", "市教育局", "卓越绩效管理工作研讨会", "质量提升", "2015-09-24", "2015-09-24", "石岩公学",
	  "2015-08-07", "2015-09-29", "2015-10-14" },
	{ "sz-wtlyj", "市文体旅游局", "“理性消费、快乐出游”旅游公益宣传活动", "质量宣传", "2015-09-20", "2015-09-30",
	  "深圳广电集团移动电视", "2015-08-07", "2015-09-29", "2015-10-14" },
	{ "sz-zjj", "市住建局", "深圳市住宅产业化专项培训", "质量提升", "2015-09-17", "2015-09-17", "市住建局",
	  "2015-08-07", "2015-09-29", "2015-10-14" },
	{ "sz-swj", "市水务局", "在建水务工程质量检查", "质量整治", "2015-09-07", "2015-09-25", "市、区在建水务工程",
	  "2015-08-12", "2015-09-29", "2015-10-14" },
	{ "sz-jrb", "市金融办", "“深圳市金融创新奖”评选申报动员", "质量提升", "2015-09-15", "2015-09-15", "市金融办",
	  "2015-08-07", "2015-09-29", "2015-10-14" },
	{ "sz-qhj", "市前海管理局", "前海现代服务业综合试点政策宣讲会", "质量宣传", "2015-09-22", "2015-09-22",
	  "前海管理局", NULL, "2015-09-29", "2015-10-14" },
	{ "sz-ciq", "深圳出入境检验检疫局", "执法打假专项行动", "质量整治", "2015-09-01", "2015-09-30", "深圳各口岸",
	  "2015-08-07", "2015-09-29", "2015-10-14" },
	{ "sz-gzw", "深圳市国资委", "深粮集团秋季粮库开放日", "群众性质量活动", "2015-09-26", "2015-09-26",
	  "平湖粮食储备库", "2015-08-07", NULL, NULL },
	{ "sz-futian", "福田区", "“关注质量、关爱生活，质量成就未来”主题活动", "质量宣传", "2015-09-10", "2015-09-10",
	  "福田区", "2015-08-07", "2015-09-29", "2015-10-14" },
	{ "sz-luohu", "罗湖区", "“质量安全”进社区活动", "群众性质量活动", "2015-09-12", "2015-09-20", "罗湖区各社区",
	  "2015-08-07", "2015-09-29", "2015-10-14" },
	{ "sz-yantian", "盐田区", "绿色施工培训及样板工程观摩", "质量提升", "2015-09-15", "2015-09-15", "盐田区",
	  "2015-08-07", "2015-09-29", "2015-10-14" },
	{ "sz-baoan", "宝安区", "机器人产业标准联盟发起活动", "质量提升", "2015-09-18", "2015-09-18", "宝安区",
	  "2015-08-07", "2015-09-29", "2015-10-14" },
	{ "sz-longgang", "龙岗区", "全国时尚眼镜产业知名品牌示范区宣传口号征集", "质量宣传", "2015-09-01",
	  "2015-09-30", "龙岗区", "2015-08-07", "2015-10-08", "2015-10-14" },
	{ "sz-guangming", "光明新区", "首席质量官培训", "质量提升", "2015-09-21", "2015-09-21", "光明新区",
	  "2015-08-07", "2015-09-29", "2015-10-14" },
	{ "sz-pingshan", "坪山新区", "质量与创新论坛", "群众性质量活动", "2015-09-25", "2015-09-25", "坪山新区",
	  "2015-08-07", "2015-09-29", "2015-10-19" },
	{ "sz-longhua", "龙华新区", "“质量提升，标准先行”系列活动", "质量提升", "2015-09-08", "2015-09-28",
	  "龙华新区", "2015-08-07", "2015-09-29", "2015-10-14" },
	{ "sz-dapeng", "大鹏新区", "新区质量人才培训", "质量提升", "2015-09-17", "2015-09-17", "大鹏新区",
	  "2015-08-07", "2015-09-29", "2015-10-14" },
};

/* The unit whose activity report the office returns once (then resubmitted). */
#define RETURNED 6 /* 市卫生和人口计生委 */

static struct app *demo_app;
static int64_t unit_ids[NUNITS];

int demo_campaign_seed(struct app *app, const char *data_dir, struct px_err *err)
{
	(void)data_dir;
	demo_app = app;
	struct account_new o = { "szoffice", "深圳市质量强市办 胡工", DEMO_PASSWORD, "office",
				  "深圳市质量强市工作领导小组办公室", SZ };
	int64_t id;
	int rc = account_create(app, &app_actor_cli, &o, &id, err);
	for (int i = 0; i < NUNITS && !rc; i++) {
		struct account_new u = { units[i].login, units[i].unit, DEMO_PASSWORD, "member", units[i].unit, SZ };
		rc = account_create(app, &app_actor_cli, &u, &unit_ids[i], err);
	}
	return rc;
}

static struct app_actor unit_actor(int i)
{
	struct app_actor a = { .kind = ACTOR_ACCOUNT, .id = unit_ids[i], .role = ROLE_MEMBER };
	snprintf(a.region, sizeof(a.region), SZ);
	snprintf(a.login, sizeof(a.login), "%s", units[i].login);
	return a;
}

static void set_day(const char *ymd)
{
	px_date d = 0;
	if (ymd)
		date_parse(ymd, strlen(ymd), &d);
	__atomic_store_n(&demo_app->today_override, (int32_t)d, __ATOMIC_RELEASE);
}

/* The units' contacts (联络员), imported by the office as the board's CSV; the numbers are made up. */
static int contacts(int64_t pid, struct px_err *err)
{
	static const char *const family[] = { "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "林" };
	static const char *const given[] = { "伟", "静", "强", "敏", "磊", "丽", "军" };
	size_t cap = NUNITS * 128 + 64;
	char *csv = malloc(cap);
	size_t n = 0;
	json_t *out = NULL, *rows = NULL;
	if (!csv)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	n += (size_t)snprintf(csv, 64, "unit,name,mobile\n");
	for (int i = 0; i < NUNITS; i++)
		n += (size_t)snprintf(csv + n, cap - n, "%s,%s%s,139%08d\n", units[i].unit, family[i % 13], given[i % 7],
				      20150800 + 37 * i);
	int rc = campaign_contacts_import(demo_app, &app_actor_cli, pid, csv, n, &out, &rows, err);
	free(csv);
	json_decref(out);
	json_decref(rows);
	return rc;
}

static int create(const char *data_dir, int64_t *pid, struct px_err *err)
{
	char path[4200], *text = NULL;
	size_t len;
	json_t *out = NULL;
	snprintf(path, sizeof(path), "%s/templates/shenzhen-quality-month-2015.json", data_dir);
	int rc = file_read(path, TEMPLATE_MAX_BYTES, &text, &len, err);
	if (!rc)
		rc = programme_create(demo_app, &app_actor_cli, text, len, pid, err);
	free(text);
	set_day("2015-08-03");
	if (!rc)
		rc = campaign_open_requests(demo_app, &app_actor_cli, *pid, &out, err);
	json_decref(out);
	return rc ? rc : contacts(*pid, err);
}

/* Each unit plans its activity of attachment 1; the office approves all but the last two. */
static int plan_all(int64_t pid, int64_t *activity, struct px_err *err)
{
	int rc = 0;
	for (int i = 0; i < NUNITS && !rc; i++) {
		struct app_actor a = unit_actor(i);
		struct campaign_plan p = { units[i].title, units[i].focus, units[i].starts, units[i].ends, units[i].place,
					   units[i].unit, "", "按照深质强办〔2015〕17号附件1组织开展。", 200 + 37 * i };
		json_t *o = NULL;
		if (!(rc = campaign_activity_plan(demo_app, &a, pid, &p, &o, err)))
			activity[i] = json_integer_value(json_object_get(o, "id"));
		json_decref(o);
		if (!rc && i < NUNITS - 2 && !(rc = campaign_activity_approve(demo_app, &app_actor_cli, activity[i], &o, err)))
			json_decref(o);
	}
	return rc;
}

static json_t *content_of(const char *code, int i, int64_t activity)
{
	if (!strcmp(code, "coordinators"))
		return json_pack("{s:[{s:s, s:s, s:s}]}", "coordinators", "name", "联络员", "position", "科长", "office_tel",
				 "0755-83070000");
	if (!strcmp(code, "activities"))
		return json_pack("{s:[{s:I, s:b, s:s, s:i, s:[s]}], s:s}", "activities", "activity", (json_int_t)activity,
				 "held", 1, "held_on", units[i].starts, "participants", 300 + 41 * i, "media",
				 "https://www.sznews.com/", "typical_case", "活动统一标注“质量月”标识和“质量成就未来”口号。");
	return json_pack("{s:s, s:[{s:s, s:i}]}", "summary", "本单位按照深质强办〔2015〕17号要求组织开展“质量月”活动。",
			 "figures", "label", "活动场次", "value", 3 + i % 5);
}

/* Submit request `code` for every unit whose date (day_of) is `day`. */
static int submit_on(int64_t request, const char *code, const char *day, const int64_t *activity, struct px_err *err)
{
	int rc = 0;
	set_day(day);
	for (int i = 0; i < NUNITS && !rc; i++) {
		const char *on = !strcmp(code, "coordinators") ? units[i].coordinators_on
				 : !strcmp(code, "activities") ? units[i].activities_on : units[i].summary_on;
		bool nil = on && !strcmp(on, "nil");
		if (!on || (nil ? strcmp(day, "2015-09-29") : strcmp(on, day)))
			continue;
		struct app_actor a = unit_actor(i);
		json_t *c = nil ? NULL : content_of(code, i, activity[i]), *o = NULL;
		rc = reporting_submit(demo_app, &a, request, c, nil, &o, err);
		json_decref(c);
		json_decref(o);
	}
	return rc;
}

static int remind(int64_t request, const char *day, struct px_err *err)
{
	json_t *o = NULL;
	set_day(day);
	int rc = reporting_remind(demo_app, &app_actor_cli, request, true, &o, err);
	json_decref(o);
	return rc;
}

static int request_id(int64_t pid, const char *code, int64_t *id, struct px_err *err)
{
	json_t *o = NULL, *r;
	size_t i;
	int rc = reporting_requests_of_programme(demo_app, &app_actor_cli, pid, &o, err);
	*id = 0;
	json_array_foreach(json_object_get(o, "requests"), i, r)
		if (!rc && !strcmp(json_string_value(json_object_get(r, "code")), code))
			*id = json_integer_value(json_object_get(r, "id"));
	json_decref(o);
	return rc ? rc : *id ? 0 : px_err_set(err, PX_EINTERNAL, NULL, NULL, "no request '%s'", code);
}

static int story(int64_t pid, const int64_t *activity, struct px_err *err)
{
	int64_t coord, acts, summ;
	json_t *o = NULL;
	struct app_actor w = unit_actor(RETURNED);
	int rc = request_id(pid, "coordinators", &coord, err);
	if (rc || (rc = request_id(pid, "activities", &acts, err)) || (rc = request_id(pid, "summary", &summ, err)) ||
	    (rc = submit_on(coord, "coordinators", "2015-08-07", activity, err)) ||
	    (rc = remind(coord, "2015-08-11", err)) || (rc = submit_on(coord, "coordinators", "2015-08-12", activity, err)) ||
	    (rc = remind(acts, "2015-09-28", err)) || (rc = submit_on(acts, "activities", "2015-09-29", activity, err)))
		return rc;
	set_day("2015-09-30");
	if ((rc = reporting_return(demo_app, &app_actor_cli, acts, unit_ids[RETURNED],
				   "请补充活动参与人数的来源和现场照片说明", &o, err)))
		return rc;
	json_decref(o);
	o = NULL;
	if ((rc = submit_on(acts, "activities", "2015-10-08", activity, err)))
		return rc;
	json_t *c = content_of("activities", RETURNED, activity[RETURNED]);
	rc = reporting_submit(demo_app, &w, acts, c, false, &o, err);
	json_decref(c);
	json_decref(o);
	if (rc || (rc = submit_on(summ, "summary", "2015-10-14", activity, err)) ||
	    (rc = remind(summ, "2015-10-16", err)) || (rc = submit_on(summ, "summary", "2015-10-16", activity, err)))
		return rc;
	return submit_on(summ, "summary", "2015-10-19", activity, err);
}

/* The media campaign of 附件2, and the bulletin issued by the office. */
static int media_and_bulletin(int64_t pid, struct px_err *err)
{
	static const char *const items[][4] = {
		{ "深圳卫视深视新闻", "interview", "“深圳品牌故事”专栏采访", "2015-08-20" },
		{ "深圳特区报", "report", "深圳品牌系列报道之一：从深圳产品到深圳品牌", "2015-09-08" },
		{ "深圳商报", "report", "深圳品牌系列报道之二：标准引领质量提升", "2015-09-15" },
	};
	json_t *o = NULL, *p = NULL;
	int rc = 0;
	for (size_t i = 0; i < 3 && !rc; i++) {
		rc = campaign_media_plan(demo_app, &app_actor_cli, pid, items[i][0], items[i][1], items[i][2], items[i][3], &o, err);
		if (!rc && i)
			rc = campaign_media_publish(demo_app, &app_actor_cli, json_integer_value(json_object_get(o, "id")),
						    items[i][3], "https://www.sznews.com/", &p, err);
		json_decref(o);
		json_decref(p);
		o = p = NULL;
	}
	set_day("2015-10-23");
	if (!rc)
		rc = campaign_document_edit(demo_app, &app_actor_cli, pid, "bulletin", NULL, NULL,
					    "各单位要认真总结“质量月”活动经验，把活动中形成的好做法转化为长效机制，"
					    "持续推进深圳质量深圳标准建设。",
					    &o, err);
	json_decref(o);
	o = NULL;
	if (!rc)
		rc = campaign_document_issue(demo_app, &app_actor_cli, pid, "bulletin", "深质强办〔2015〕30号", "2015-10-23", &o,
					     err);
	json_decref(o);
	return rc;
}

int demo_campaign_run(const char *url, const char *data_dir, FILE *log, struct px_err *err)
{
	int64_t pid = 0, activity[NUNITS] = { 0 };
	int32_t saved = __atomic_load_n(&demo_app->today_override, __ATOMIC_ACQUIRE);
	int rc = create(data_dir, &pid, err);
	if (!rc)
		rc = plan_all(pid, activity, err);
	if (!rc)
		rc = story(pid, activity, err);
	if (!rc)
		rc = media_and_bulletin(pid, err);
	__atomic_store_n(&demo_app->today_override, saved, __ATOMIC_RELEASE);
	if (!rc && log) {
		fprintf(log, "  Shenzhen 2015 quality month: programme %lld, %s/api/v1/programmes/%lld/activity-calendar\n",
			(long long)pid, url, (long long)pid);
		fprintf(log, "  logins: szoffice (office), sz-futian, sz-luohu ... (26 units), password %s\n",
			DEMO_PASSWORD);
	}
	return rc;
}
