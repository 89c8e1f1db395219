/*
 * demo_ranking.c - the Guangzhou 2022 quality-brand ranking in `pingxuan
 * demo` (cli/demo_families.h): the city office, the eleven district bureaus
 * of the notice's attachment 2, one account of each of the ten member units
 * of the promotion group and seven judges; sixty fictional applicants
 * (data/demo/guangzhou-2022-population.json) registered by their district
 * bureaus in one or two tracks; the public vote (网络人气冲榜) over its ten
 * days with some thirty thousand ballots of synthetic voters, some of them
 * fraud that ends in quarantine and the office's decision
 * (demo_ranking_vote.c); scored by both panels and played to the published
 * lists, whose composite carries the valid vote counts. The rehearsal date
 * is one for the whole server, so a provincial office account (holding both
 * Qingyuan's and Guangzhou's programme) moves it to 2022 and back.
 */
#include "cli/demo_ranking.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "app/people/account.h"
#include "app/programme/programme.h"
#include "cli/demo_http.h"
#include "cli/demo_ranking_vote.h"
#include "cli/demo_script.h"
#include "util/file.h"

#define TEMPLATE_MAX_BYTES (1 << 20)

#define GZ_DISTRICTS 11
#define GZ_MEMBERS 10
#define GZ_JUDGES 7

static const struct {
	const char *login, *region, *unit;
} districts[GZ_DISTRICTS] = {
	{ "gz-yuexiu", "440104", "越秀区市场监管局" },   { "gz-tianhe", "440106", "天河区市场监管局" },
	{ "gz-haizhu", "440105", "海珠区市场监管局" },   { "gz-liwan", "440103", "荔湾区市场监管局" },
	{ "gz-huangpu", "440112", "黄埔区市场监管局" },  { "gz-baiyun", "440111", "白云区市场监管局" },
	{ "gz-huadu", "440114", "花都区市场监管局" },    { "gz-conghua", "440117", "从化区市场监管局" },
	{ "gz-panyu", "440113", "番禺区市场监管局" },    { "gz-nansha", "440115", "南沙区市场监管局" },
	{ "gz-zengcheng", "440118", "增城区市场监管局" },
};

static const char *const units[GZ_MEMBERS] = {
	"广州市工业和信息化局", "广州市农业农村局", "广州市商务局", "广州市国资委", "广州市住建局",
	"广州市卫健委",         "广州市环保局",     "广州市科技局", "广州市文广旅局", "广州市市场监管局",
};

static const char *const criteria[] = { "brand_strategy", "social_responsibility", "economic_results",
					"performance_excellence", "quality_culture" };

/* The server the demo runs in: its vote is cast in process (demo_ranking_vote.c); the city office's account. */
static struct app *demo_app;
static int64_t office_id;

static int add(struct app *app, const char *login, const char *name, const char *role, const char *unit,
	       const char *region, struct px_err *err)
{
	struct account_new a = { login, name, DEMO_PASSWORD, role, unit, region };
	int64_t id;
	int rc = account_create(app, &app_actor_cli, &a, &id, err);
	if (!rc && !strcmp(login, "gzoffice"))
		office_id = id;
	return rc;
}

int demo_ranking_seed(struct app *app, const char *data_dir, struct px_err *err)
{
	char login[16], name[64];
	int rc;
	(void)data_dir;
	demo_app = app;
	if ((rc = add(app, "gzoffice", "广州市质量强市办 欧工", "office", "广州市质量强市工作领导小组办公室", "440100",
		      err)) ||
	    (rc = add(app, "gdoffice", "广东省质量强省办 演练日期", "office", "广东省质量强省工作领导小组办公室",
		      "440000", err)))
		return rc;
	for (int i = 0; i < GZ_DISTRICTS; i++)
		if ((rc = add(app, districts[i].login, districts[i].unit, "county", districts[i].unit, districts[i].region,
			      err)))
			return rc;
	for (int i = 0; i < GZ_MEMBERS; i++) {
		snprintf(login, sizeof(login), "gz-m%02d", i + 1);
		snprintf(name, sizeof(name), "%s 推介小组成员", units[i]);
		if ((rc = add(app, login, name, "member", units[i], "440100", err)))
			return rc;
	}
	for (int i = 0; i < GZ_JUDGES; i++) {
		snprintf(login, sizeof(login), "gz-e%02d", i + 1);
		snprintf(name, sizeof(name), "质量品牌评审专家%d", i + 1);
		if ((rc = add(app, login, name, "expert", "广州质量品牌专家评审小组", "440100", err)))
			return rc;
	}
	return 0;
}

struct gz {
	const char *url;
	FILE *log;
	struct demo_client office, province, bureau[GZ_DISTRICTS];
	json_t *pop;
	int64_t pid;
	json_t *apps; /* application ids, in population order */
	json_t *tracks; /* the template's track codes */
	char vote_opens[11], vote_closes[11]; /* the template's vote stage */
};

static int clock_to(struct gz *g, const char *today, struct px_err *err)
{
	return demo_set_clock(&g->province, today, err);
}

static int advance(struct gz *g, const char *to, struct px_err *err)
{
	json_t *b = json_pack("{s:s}", "to", to);
	int rc = demo_callf(&g->office, "POST", b, 200, NULL, err, "/api/v1/programmes/%lld/advance", (long long)g->pid);
	json_decref(b);
	return rc;
}

static struct demo_client *bureau_of(struct gz *g, const char *region)
{
	for (int i = 0; i < GZ_DISTRICTS; i++)
		if (!strcmp(districts[i].region, region))
			return &g->bureau[i];
	return &g->bureau[0];
}

/* Each district bureau registers its applicants (paper registrations) in their tracks. */
static int registrations(struct gz *g, struct px_err *err)
{
	json_t *o, *out = NULL;
	size_t i;
	int rc = 0;
	json_array_foreach(json_object_get(g->pop, "organisations"), i, o) {
		struct demo_client *c = bureau_of(g, json_string_value(json_object_get(o, "region")));
		json_t *b = json_pack("{s:O, s:O, s:O, s:O, s:O}", "uscc", json_object_get(o, "uscc"), "name",
				      json_object_get(o, "name"), "industry", json_object_get(o, "industry"), "region",
				      json_object_get(o, "region"), "founded_on", json_object_get(o, "founded_on"));
		rc = demo_call(c, "POST", "/api/v1/organisations", b, 201, &out, err);
		json_decref(b);
		if (rc)
			return rc;
		b = json_pack("{s:O, s:O, s:O, s:s, s:s, s:b}", "organisation", json_object_get(out, "id"), "tracks",
			      json_object_get(o, "tracks"), "brand", json_object_get(o, "brand"), "description",
			      "坚持质量品牌战略，履行社会责任，推行卓越绩效管理，培育质量文化", "contact", "品牌负责人",
			      "attest", 1);
		json_decref(out);
		out = NULL;
		rc = demo_callf(c, "POST", b, 201, &out, err, "/api/v1/programmes/%lld/ranking/registrations",
				(long long)g->pid);
		json_decref(b);
		if (rc)
			return rc;
		json_array_append(g->apps, json_object_get(out, "id"));
		json_decref(out);
		out = NULL;
	}
	fprintf(g->log, "  %zu brands registered by the eleven district bureaus\n", json_array_size(g->apps));
	return 0;
}

/* The accounts of the panels, by login prefix, in login order. */
static int seat(struct gz *g, const char *panel, const char *prefix, struct px_err *err)
{
	json_t *list = NULL, *a, *ids = json_array();
	size_t i;
	int rc = demo_call(&g->office, "GET", "/api/v1/accounts", NULL, 200, &list, err);
	if (!rc) {
		json_array_foreach(json_object_get(list, "accounts"), i, a)
			if (!strncmp(json_string_value(json_object_get(a, "login")), prefix, strlen(prefix)))
				json_array_append(ids, json_object_get(a, "id"));
		json_t *b = json_pack("{s:O}", "accounts", ids);
		rc = demo_callf(&g->office, "PUT", b, 200, NULL, err, "/api/v1/programmes/%lld/ranking/panels/%s",
				(long long)g->pid, panel);
		json_decref(b);
	}
	json_decref(ids);
	json_decref(list);
	return rc;
}

/* A sheet near the brand's quality, varied per member (20 points per criterion). */
static json_t *sheet(double quality, int member, size_t app)
{
	json_t *s = json_object();
	for (size_t k = 0; k < 5; k++) {
		int v = (int)(quality * 200) + (int)((member * 7 + app * 13 + k * 5) % 31) - 15;
		v = v < 0 ? 0 : v > 200 ? 200 : v;
		json_object_set_new(s, criteria[k], json_real(v / 10.0));
	}
	return s;
}

static int score_all(struct gz *g, const char *login, int member, struct px_err *err)
{
	struct demo_client c = { 0 };
	json_t *v;
	size_t i;
	int rc = demo_login(&c, g->url, login, DEMO_PASSWORD, err);
	json_array_foreach(g->apps, i, v) {
		if (rc)
			break;
		double q = json_real_value(json_object_get(json_array_get(json_object_get(g->pop, "organisations"), i),
							   "quality"));
		json_t *b = json_pack("{s:O, s:o}", "application", v, "scores", sheet(q, member, i));
		rc = demo_callf(&c, "POST", b, 201, NULL, err, "/api/v1/programmes/%lld/ranking/scores",
				(long long)g->pid);
		json_decref(b);
	}
	demo_logout(&c);
	return rc;
}

static int panels(struct gz *g, struct px_err *err)
{
	char login[16];
	int rc;
	if ((rc = seat(g, "promotion", "gz-m", err)) || (rc = seat(g, "expert", "gz-e", err)))
		return rc;
	for (int i = 0; i < GZ_MEMBERS && !rc; i++) {
		snprintf(login, sizeof(login), "gz-m%02d", i + 1);
		rc = score_all(g, login, i, err);
	}
	for (int i = 0; i < GZ_JUDGES && !rc; i++) {
		snprintf(login, sizeof(login), "gz-e%02d", i + 1);
		rc = score_all(g, login, GZ_MEMBERS + i, err);
	}
	if (!rc)
		fprintf(g->log, "  the promotion group (10) and the expert panel (7) scored every brand\n");
	return rc;
}

/*
 * The programme, from the shipped template with one change for the demo: its ten days of vote pass
 * in a few seconds of real time, and the velocity rule compares a brand's votes of this real minute
 * with its own last real hour, so every popular brand would look like a surge. The rule's floor is
 * raised out of reach for the demo's programme (tests/api/t1050-vote shows the rule); every other
 * setting is the template's.
 */
static int create(struct gz *g, const char *data_dir, struct px_err *err)
{
	char path[4200], *text = NULL, *tpl = NULL;
	size_t len;
	json_t *t = NULL, *vote;
	int rc;

	snprintf(path, sizeof(path), "%s/templates/guangzhou-top100-brands-2022.json", data_dir);
	if ((rc = file_read(path, TEMPLATE_MAX_BYTES, &text, &len, err)))
		return rc;
	if (!(t = json_loadb(text, len, 0, NULL)) || !(vote = json_object_get(json_object_get(t, "section"), "vote"))) {
		rc = px_err_set(err, PX_EINVAL, "bad_template", "section.vote", "'%s' has no vote settings", path);
		goto out;
	}
	json_object_set_new(vote, "velocity_floor", json_integer(1000000));
	struct app_actor office = { .kind = ACTOR_ACCOUNT, .id = office_id, .role = ROLE_OFFICE, .region = "440100",
				    .login = "gzoffice" };
	if (!(tpl = json_dumps(t, JSON_COMPACT)))
		rc = px_err_set(err, PX_ENOMEM, "out_of_memory", NULL, "out of memory");
	else /* as the city office, as POST /api/v1/programmes would */
		rc = programme_create(demo_app, &office, tpl, strlen(tpl), &g->pid, err);
	json_t *x;
	size_t i;
	json_array_foreach(json_object_get(t, "tracks"), i, x)
		json_array_append(g->tracks, json_object_get(x, "code"));
	json_array_foreach(json_object_get(t, "stages"), i, x)
		if (!strcmp(json_string_value(json_object_get(x, "kind")) ?: "", "vote")) {
			snprintf(g->vote_opens, sizeof(g->vote_opens), "%s", json_string_value(json_object_get(x, "opens")) ?: "");
			snprintf(g->vote_closes, sizeof(g->vote_closes), "%s",
				 json_string_value(json_object_get(x, "closes")) ?: "");
		}
out:
	free(tpl);
	free(text);
	json_decref(t);
	return rc;
}

/* The public vote: the candidates are the registrations, standing in each track they chose. */
static int vote(struct gz *g, struct px_err *err)
{
	const char *codes[8];
	struct demo_vote_candidate c[256];
	size_t ntracks = json_array_size(g->tracks) < 8 ? json_array_size(g->tracks) : 8, i, k, n = 0;
	json_t *v, *tr;

	for (size_t t = 0; t < ntracks; t++)
		codes[t] = json_string_value(json_array_get(g->tracks, t));
	json_array_foreach(g->apps, i, v) {
		json_t *o = json_array_get(json_object_get(g->pop, "organisations"), i);
		json_array_foreach(json_object_get(o, "tracks"), k, tr)
			for (size_t t = 0; t < ntracks && n < 256; t++)
				if (!strcmp(codes[t], json_string_value(tr) ?: ""))
					c[n++] = (struct demo_vote_candidate){ json_integer_value(v), (int)t,
									       json_real_value(json_object_get(o, "quality")) };
	}
	struct demo_vote_play p = { demo_app, &g->office, &g->province, g->pid, codes, (int)ntracks, c, n,
				    g->vote_opens, g->vote_closes, demo_sms_log(), g->log };
	return demo_ranking_vote(&p, err);
}

/* The five lists and the valid votes they carry (a brand in two tracks carries its votes in both: counted once). */
static void show_lists(struct gz *g, json_t *lists)
{
	json_t *tr, *e, *seen = json_object();
	size_t i, j;
	json_int_t votes = 0, entries = 0;
	char key[24];
	json_array_foreach(json_object_get(lists, "tracks"), i, tr)
		json_array_foreach(json_object_get(tr, "entries"), j, e) {
			snprintf(key, sizeof(key), "%lld", (long long)json_integer_value(json_object_get(e, "application")));
			if (!json_object_get(seen, key))
				votes += json_integer_value(json_object_get(e, "votes"));
			json_object_set_new(seen, key, json_true());
			entries++;
		}
	json_decref(seen);
	fprintf(g->log, "  five lists published (%lld places, the composite on %lld valid votes): "
			"%s/api/v1/programmes/%lld/ranking/lists (.xlsx alike)\n"
			"  logins: gzoffice, gz-tianhe … (district bureaus), gz-m01 … gz-m10, gz-e01 … gz-e07\n",
		(long long)entries, (long long)votes, g->url, (long long)g->pid);
}

static int play(struct gz *g, const char *data_dir, struct px_err *err)
{
	json_t *p = NULL, *lists = NULL;
	int rc = create(g, data_dir, err);
	if (rc || (rc = demo_callf(&g->office, "GET", NULL, 200, &p, err, "/api/v1/programmes/%lld", (long long)g->pid)))
		return rc;
	fprintf(g->log, "programme %lld: %s\n", (long long)g->pid, json_string_value(json_object_get(p, "title")));
	json_decref(p);
	if ((rc = clock_to(g, "2022-07-18", err)) || (rc = advance(g, "registration", err)) ||
	    (rc = registrations(g, err)) || (rc = clock_to(g, g->vote_opens, err)) || (rc = advance(g, "vote", err)) ||
	    (rc = vote(g, err)) || (rc = advance(g, "review", err)) ||
	    (rc = demo_ranking_vote_verify(demo_app, g->pid, g->log, err)) || (rc = panels(g, err)) ||
	    (rc = clock_to(g, "2022-09-01", err)) || (rc = advance(g, "publication", err)))
		return rc;
	rc = demo_callf(&g->office, "POST", NULL, 201, &lists, err, "/api/v1/programmes/%lld/ranking/publish",
			(long long)g->pid);
	if (!rc)
		show_lists(g, lists);
	json_decref(lists);
	return rc;
}

int demo_ranking_run(const char *url, const char *data_dir, FILE *log, struct px_err *err)
{
	struct gz g = { .url = url, .log = log };
	char path[4200], *text = NULL, today[16] = "";
	json_t *clock = NULL;
	size_t len;
	int rc;

	snprintf(path, sizeof(path), "%s/demo/guangzhou-2022-population.json", data_dir);
	if ((rc = file_read(path, 4 << 20, &text, &len, err)))
		return rc;
	g.pop = json_loadb(text, len, 0, NULL);
	free(text);
	if (!g.pop)
		return px_err_set(err, PX_EINVAL, "bad_demo_data", "file", "'%s' is not JSON", path);
	g.apps = json_array();
	g.tracks = json_array();
	if ((rc = demo_login(&g.office, url, "gzoffice", DEMO_PASSWORD, err)) ||
	    (rc = demo_login(&g.province, url, "gdoffice", DEMO_PASSWORD, err)) ||
	    (rc = demo_call(&g.province, "GET", "/api/v1/clock", NULL, 200, &clock, err)))
		goto out;
	snprintf(today, sizeof(today), "%s", json_string_value(json_object_get(clock, "today")) ?: "");
	for (int i = 0; i < GZ_DISTRICTS && !rc; i++)
		rc = demo_login(&g.bureau[i], url, districts[i].login, DEMO_PASSWORD, err);
	if (!rc)
		rc = play(&g, data_dir, err);
	/* the other programmes' date back as it was */
	if (!rc && today[0])
		rc = clock_to(&g, today, err);
out:
	json_decref(clock);
	json_decref(g.apps);
	json_decref(g.tracks);
	json_decref(g.pop);
	demo_logout(&g.office);
	demo_logout(&g.province);
	for (int i = 0; i < GZ_DISTRICTS; i++)
		demo_logout(&g.bureau[i]);
	return rc;
}
