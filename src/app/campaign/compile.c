/*
 * compile.c - the blocks of the campaign's bulletin and materials volume
 * (compile.h), in the order 深质强办〔2015〕17号 asks the office to report
 * to the city leaders: the overall figures, the activities by focus, each
 * unit's work, typical cases, the late and missing units, the next steps.
 */
#include "app/campaign/compile.h"

#include <stdio.h>
#include <string.h>

static void block(json_t *blocks, const char *kind, const char *text)
{
	json_array_append_new(blocks, json_pack("{s:s, s:s}", "kind", kind, "text", text));
}

/* A table block as the official-document writers read it: "head" and "rows" of strings. */
static void table(json_t *blocks, json_t *head, json_t *rows)
{
	json_array_append_new(blocks, json_pack("{s:s, s:o, s:o}", "kind", "table", "head", head, "rows", rows));
}

/* "（一）" … "（九十九）": the numbering of second-level headings (GB/T 9704 结构层次序数). */
static void heading2(json_t *blocks, int n, const char *text)
{
	static const char *const d[] = { "", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
	char num[32], line[512];
	if (n < 10)
		snprintf(num, sizeof(num), "%s", d[n]);
	else
		snprintf(num, sizeof(num), "%s十%s", n / 10 > 1 ? d[n / 10 % 10] : "", d[n % 10]);
	snprintf(line, sizeof(line), "（%s）%s", num, text);
	block(blocks, "heading2", line);
}

static json_t *str_int(json_int_t v)
{
	char b[24];
	snprintf(b, sizeof(b), "%lld", (long long)v);
	return json_string(b);
}

static const json_t *request_of(const struct compile_in *in, const char *code)
{
	const json_t *r;
	size_t i;
	json_array_foreach(in->requests, i, r)
		if (!strcmp(json_string_value(json_object_get(r, "code")), code))
			return r;
	return NULL;
}

/* The activity report entries of all units, by activity id ("12" -> {held, participants ...}). */
static json_t *reports_by_activity(const struct compile_in *in)
{
	const json_t *r = request_of(in, "activities"), *u, *a;
	json_t *map = json_object();
	size_t i, j;
	char key[24];
	json_array_foreach(json_object_get(json_object_get(r, "contents"), "units"), i, u)
		json_array_foreach(json_object_get(json_object_get(u, "content"), "activities"), j, a) {
			snprintf(key, sizeof(key), "%lld", (long long)json_integer_value(json_object_get(a, "activity")));
			json_object_set(map, key, (json_t *)a);
		}
	return map;
}

static json_int_t total(const json_t *r, const char *key)
{
	return json_integer_value(json_object_get(json_object_get(json_object_get(r, "status"), "totals"), key));
}

static void overview(const struct compile_in *in, const json_t *reports, json_t *blocks)
{
	const json_t *sum = request_of(in, "summary") ? request_of(in, "summary") : json_array_get(in->requests, 0);
	json_int_t planned = (json_int_t)json_array_size(in->activities), approved = 0, held = 0, people = 0;
	const json_t *a;
	const char *k;
	size_t i;
	char text[1024];
	json_array_foreach(in->activities, i, a)
		approved += !strcmp(json_string_value(json_object_get(a, "state")), "approved");
	json_object_foreach((json_t *)reports, k, a) {
		held += json_is_true(json_object_get(a, "held"));
		people += json_integer_value(json_object_get(a, "participants"));
	}
	snprintf(text, sizeof(text),
		 "本次“质量月”活动以“%s”为主题。应报送总结的单位%lld个，已报送%lld个（按时%lld个，迟报%lld个，无可报告%lld个），"
		 "未报送%lld个。各单位共计划活动%lld项，经审核发布%lld项，已报告举办%lld项，参与%lld人次；宣传报道%zu篇（次）。",
		 json_string_value(json_object_get(in->section, "theme")), total(sum, "expected"), total(sum, "submitted"),
		 total(sum, "on_time"), total(sum, "late"), total(sum, "nil"), total(sum, "missing"), planned, approved,
		 held, people, json_array_size(json_object_get(in->media, "media")));
	block(blocks, "para", in->overview && *in->overview ? in->overview : text);
	json_t *rows = json_array();
	json_array_foreach(in->requests, i, a)
		json_array_append_new(rows, json_pack("[s, o, o, o, o, o, o]", json_string_value(json_object_get(a, "title")),
						       str_int(total(a, "expected")), str_int(total(a, "submitted")),
						       str_int(total(a, "on_time")), str_int(total(a, "late")),
						       str_int(total(a, "nil")), str_int(total(a, "missing"))));
	table(blocks, json_pack("[s, s, s, s, s, s, s]", "报送事项", "应报", "已报", "按时", "迟报", "无可报告", "未报"), rows);
}

/* "单位：活动（日期，地点），已举办，参与N人次" */
static void activity_line(const json_t *a, const json_t *reports, char *out, size_t cap)
{
	char key[24];
	snprintf(key, sizeof(key), "%lld", (long long)json_integer_value(json_object_get(a, "id")));
	const json_t *r = json_object_get(reports, key);
	snprintf(out, cap, "%s：%s（%s，%s）%s", json_string_value(json_object_get(a, "unit_name")),
		 json_string_value(json_object_get(a, "title")), json_string_value(json_object_get(a, "starts_on")),
		 json_string_value(json_object_get(a, "place")),
		 !r ? "，尚未报告。" : json_is_true(json_object_get(r, "held")) ? "，已举办。" : "，未举办。");
	if (r && json_integer_value(json_object_get(r, "participants"))) {
		size_t n = strlen(out);
		snprintf(out + n, cap - n, "参与%lld人次。", (long long)json_integer_value(json_object_get(r, "participants")));
	}
}

static void by_focus(const struct compile_in *in, const json_t *reports, json_t *blocks)
{
	const json_t *f, *a;
	size_t i, j;
	char line[1024];
	json_array_foreach(json_object_get(in->section, "focuses"), i, f) {
		heading2(blocks, (int)i + 1, json_string_value(f));
		int n = 0;
		json_array_foreach(in->activities, j, a)
			if (!strcmp(json_string_value(json_object_get(a, "focus")), json_string_value(f)) &&
			    !strcmp(json_string_value(json_object_get(a, "state")), "approved")) {
				activity_line(a, reports, line, sizeof(line));
				block(blocks, "para", line);
				n++;
			}
		if (!n)
			block(blocks, "para", "无。");
	}
}

static void by_unit(const struct compile_in *in, const json_t *reports, json_t *blocks)
{
	const json_t *u, *a, *s, *sum = json_object_get(json_object_get(request_of(in, "summary"), "contents"), "units");
	size_t i, j;
	char line[1024];
	json_array_foreach(json_object_get(in->section, "units"), i, u) {
		const char *name = json_string_value(json_object_get(u, "name"));
		size_t before = json_array_size(blocks);
		heading2(blocks, (int)i + 1, name);
		json_array_foreach(in->activities, j, a)
			if (!strcmp(json_string_value(json_object_get(a, "unit_name")), name)) {
				activity_line(a, reports, line, sizeof(line));
				block(blocks, "para", line);
			}
		json_array_foreach(sum, j, s)
			if (!strcmp(json_string_value(json_object_get(s, "name")), name) &&
			    json_is_string(json_object_get(json_object_get(s, "content"), "summary")))
				block(blocks, "para", json_string_value(json_object_get(json_object_get(s, "content"), "summary")));
		if (json_array_size(blocks) == before + 1)
			block(blocks, "para", "未报送活动情况。");
	}
}

static void typical_cases(const struct compile_in *in, json_t *blocks)
{
	const json_t *u, *r = request_of(in, "activities");
	size_t i;
	char line[9000];
	int n = 0;
	json_array_foreach(json_object_get(json_object_get(r, "contents"), "units"), i, u) {
		const char *c = json_string_value(json_object_get(json_object_get(u, "content"), "typical_case"));
		if (!c || !*c)
			continue;
		snprintf(line, sizeof(line), "%s：%s", json_string_value(json_object_get(u, "name")), c);
		block(blocks, "para", line);
		n++;
	}
	if (!n)
		block(blocks, "para", "无。");
}

/* Names of the units of a status table with `flag` set, joined by 、 */
static json_t *names_with(const json_t *r, const char *flag)
{
	const json_t *u;
	size_t i;
	char out[4096] = "";
	json_array_foreach(json_object_get(json_object_get(r, "status"), "units"), i, u)
		if (json_is_true(json_object_get(u, flag))) {
			size_t n = strlen(out);
			snprintf(out + n, sizeof(out) - n, "%s%s", n ? "、" : "", json_string_value(json_object_get(u, "name")));
		}
	return json_string(*out ? out : "无");
}

static void late_and_missing(const struct compile_in *in, json_t *blocks)
{
	const json_t *r;
	size_t i;
	json_t *rows = json_array();
	json_array_foreach(in->requests, i, r)
		json_array_append_new(rows, json_pack("[s, o, o]", json_string_value(json_object_get(r, "title")),
						       names_with(r, "late"), names_with(r, "missing")));
	table(blocks, json_pack("[s, s, s]", "报送事项", "迟报单位", "未报送单位"), rows);
}

json_t *compile_bulletin(const struct compile_in *in)
{
	json_t *blocks = json_array(), *reports = reports_by_activity(in);
	block(blocks, "heading1", "一、总体情况");
	overview(in, reports, blocks);
	block(blocks, "heading1", "二、各重点活动开展情况");
	by_focus(in, reports, blocks);
	block(blocks, "heading1", "三、各单位活动情况");
	by_unit(in, reports, blocks);
	block(blocks, "heading1", "四、典型案例");
	typical_cases(in, blocks);
	block(blocks, "heading1", "五、迟报、未报送单位");
	late_and_missing(in, blocks);
	block(blocks, "heading1", "六、下一步工作");
	block(blocks, "para", in->closing && *in->closing ? in->closing : "（待市质量强市办填写）");
	json_decref(reports);
	return blocks;
}

json_t *compile_volume(const struct compile_in *in)
{
	json_t *blocks = json_array();
	const json_t *m;
	size_t i;
	char line[1200];
	static const char *const parts[][2] = { { "photo", "二、图片资料" }, { "video", "三、视频资料" }, { "text", "四、文字资料" } };
	block(blocks, "heading1", "一、宣传报道");
	json_array_foreach(json_object_get(in->media, "media"), i, m) {
		const char *link = json_string_value(json_object_get(m, "link"));
		snprintf(line, sizeof(line), "%s《%s》（%s，计划%s%s%s）", json_string_value(json_object_get(m, "outlet")),
			 json_string_value(json_object_get(m, "title")),
			 !strcmp(json_string_value(json_object_get(m, "kind")), "interview") ? "采访" : "报道",
			 json_string_value(json_object_get(m, "planned_on")), link ? "，刊发：" : "", link ? link : "");
		block(blocks, "para", line);
	}
	for (size_t p = 0; p < 3; p++) {
		int n = 0;
		block(blocks, "heading1", parts[p][1]);
		json_array_foreach(json_object_get(in->media, "materials"), i, m) {
			if (strcmp(json_string_value(json_object_get(m, "kind")), parts[p][0]))
				continue;
			heading2(blocks, ++n, json_string_value(json_object_get(m, "title")));
			if (json_is_string(json_object_get(m, "file")))
				json_array_append_new(blocks, json_pack("{s:s, s:O}", "kind", "image", "image", json_object_get(m, "file")));
			if (json_is_string(json_object_get(m, "body")))
				block(blocks, "para", json_string_value(json_object_get(m, "body")));
			if (json_is_string(json_object_get(m, "link")))
				block(blocks, "para", json_string_value(json_object_get(m, "link")));
		}
	}
	return blocks;
}
