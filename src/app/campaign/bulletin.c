/*
 * bulletin.c - the campaign's bulletin and materials volume (bulletin.h):
 * gathering what they are compiled from (each read a use case of its own),
 * the office's edits, and issuing with the number and the content's hash.
 */
#include "app/campaign/bulletin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/campaign/compile.h"
#include "app/campaign/internal.h"
#include "app/campaign/media.h"
#include "app/input.h"
#include "app/json.h"
#include "app/reporting/reporting.h"
#include "app/tx.h"
#include "core/chain.h"

static struct store_sql Q_DOC = STORE_SQL(
	"SELECT title, overview, closing, coalesce(number, ''), coalesce(issued_on, ''), coalesce(content, ''), "
	"coalesce(sha256, '') FROM campaign_document WHERE programme_id = $1 AND kind = $2");
static struct store_sql Q_EDIT = STORE_SQL(
	"INSERT INTO campaign_document (programme_id, kind, title, overview, closing, updated_at) "
	"VALUES ($1, $2, coalesce($3, ''), coalesce($4, ''), coalesce($5, ''), $6) ON CONFLICT (programme_id, kind) "
	"DO UPDATE SET title = coalesce($3, campaign_document.title), overview = coalesce($4, campaign_document.overview), "
	"closing = coalesce($5, campaign_document.closing), updated_at = $6");
static struct store_sql Q_ISSUE = STORE_SQL(
	"UPDATE campaign_document SET number = $1, issued_on = $2, content = $3, sha256 = $4, issued_at = $5 "
	"WHERE programme_id = $6 AND kind = $7");

struct doc {
	char title[256], number[80], issued_on[11], sha[65];
	char *overview, *closing, *content; /* malloc'd, NULL when absent */
	char organiser[160], camp_title[160];
	json_t *section;
};

static void doc_free(struct doc *d)
{
	free(d->overview);
	free(d->closing);
	free(d->content);
	json_decref(d->section);
	memset(d, 0, sizeof(*d));
}

struct doc_args {
	struct app *app;
	const struct app_actor *actor;
	int64_t pid;
	const char *kind;
	bool write;
	struct doc d;
	const char *title, *overview, *closing, *number, *on; /* edit, issue */
	const json_t *compiled;                               /* issue */
	json_t *res;
};

/* Load the campaign and its document row; the office acts, its leadership reads. */
static int load_doc(struct store_conn *c, struct doc_args *a, struct px_err *err)
{
	struct camp k;
	int rc = camp_load(c, a->pid, &k, err);
	if (rc)
		return rc;
	bool leader = a->actor->kind == ACTOR_ACCOUNT && a->actor->role == ROLE_LEADER;
	if (!camp_is_office(&k, a->actor) && (a->write || !leader))
		rc = px_err_set(err, PX_EFORBIDDEN, "office_only", NULL, "the office compiles the campaign's documents");
	doc_free(&a->d);
	snprintf(a->d.organiser, sizeof(a->d.organiser), "%s", k.organiser);
	snprintf(a->d.camp_title, sizeof(a->d.camp_title), "%s", k.title);
	a->d.section = json_incref(k.section);
	camp_release(&k);
	if (rc || (rc = store_get(c, &Q_DOC, err, "it:bssbbsb", a->pid, a->kind, a->d.title, sizeof(a->d.title),
				  &a->d.overview, &a->d.closing, a->d.number, sizeof(a->d.number), a->d.issued_on,
				  sizeof(a->d.issued_on), &a->d.content, a->d.sha, sizeof(a->d.sha))) < 0)
		return rc;
	return 0;
}

static int load_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	return load_doc(c, arg, err);
}

static bool kind_ok(const char *kind, struct px_err *err)
{
	if (kind && (!strcmp(kind, "bulletin") || !strcmp(kind, "volume")))
		return true;
	px_err_set(err, PX_ENOTFOUND, "not_found", "kind", "no campaign document '%s'", kind ? kind : "");
	return false;
}

/* Each request of the programme with its status table and what the units reported. */
static int gather_requests(struct doc_args *a, json_t **out, struct px_err *err)
{
	json_t *list = NULL, *r;
	size_t i;
	int rc = reporting_requests_of_programme(a->app, a->actor, a->pid, &list, err);
	*out = json_array();
	json_array_foreach(json_object_get(list, "requests"), i, r) {
		json_t *st = NULL, *ct = NULL;
		int64_t id = json_integer_value(json_object_get(r, "id"));
		if (rc || (rc = reporting_status_json(a->app, a->actor, id, &st, err)) ||
		    (rc = reporting_contents_json(a->app, a->actor, id, &ct, err))) {
			json_decref(st);
			break;
		}
		json_array_append_new(*out, json_pack("{s:I, s:O, s:O, s:o, s:o}", "request", (json_int_t)id, "code",
						      json_object_get(r, "code"), "title", json_object_get(r, "title"),
						      "status", st, "contents", ct));
	}
	json_decref(list);
	return rc;
}

/* The document as compiled now, in the shape of the official-document struct. */
static int compile_now(struct doc_args *a, json_t **out, struct px_err *err)
{
	json_t *reqs = NULL, *acts = NULL, *media = NULL;
	char title[512], today[11];
	bool bulletin = !strcmp(a->kind, "bulletin");
	int rc = gather_requests(a, &reqs, err);
	if (!rc)
		rc = campaign_activities_json(a->app, a->actor, a->pid, &acts, err);
	if (!rc)
		rc = campaign_media_json(a->app, a->actor, a->pid, &media, err);
	if (!rc) {
		struct compile_in in = { a->d.section, reqs, json_object_get(acts, "activities"), media,
					 a->d.overview ? a->d.overview : "", a->d.closing ? a->d.closing : "" };
		snprintf(title, sizeof(title), bulletin ? "关于%s开展情况的通报" : "%s宣传报道资料汇编", a->d.camp_title);
		date_format(app_today(a->app), today);
		*out = json_pack("{s:s, s:s, s:s, s:s, s:o, s:s, s:s, s:s}", "kind", a->kind, "issuer", a->d.organiser,
				 "title", a->d.title[0] ? a->d.title : title, "recipients",
				 bulletin ? "市质量强市工作领导小组各成员单位：" : "", "blocks",
				 bulletin ? compile_bulletin(&in) : compile_volume(&in), "signer", a->d.organiser, "date",
				 today, "number", "");
	}
	json_decref(reqs);
	json_decref(acts);
	json_decref(media);
	return rc;
}

static int answer(struct doc_args *a, json_t **out, struct px_err *err)
{
	int rc = 0;
	if (a->d.content && *a->d.content) {
		*out = json_parse_stored(a->d.content);
		json_object_set_new(*out, "sha256", json_string(a->d.sha));
		json_object_set_new(*out, "issued", json_true());
	} else if (!(rc = compile_now(a, out, err))) {
		json_object_set_new(*out, "issued", json_false());
		json_object_set_new(*out, "overview", json_string(a->d.overview ? a->d.overview : ""));
		json_object_set_new(*out, "closing", json_string(a->d.closing ? a->d.closing : ""));
	}
	return rc;
}

int campaign_document_json(struct app *app, const struct app_actor *actor, int64_t programme_id, const char *kind,
			   json_t **out, struct px_err *err)
{
	struct doc_args a = { .app = app, .actor = actor, .pid = programme_id, .kind = kind };
	int rc = kind_ok(kind, err) ? app_tx(app, STORE_TX_READ, load_tx, &a, err) : PX_ENOTFOUND;
	if (!rc)
		rc = answer(&a, out, err);
	doc_free(&a.d);
	return rc;
}

static int edit_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct doc_args *a = arg;
	int rc = load_doc(c, a, err);
	if (rc)
		return rc;
	if (a->d.content && *a->d.content)
		return px_err_set(err, PX_ECONFLICT, "already_issued", NULL, "issued as %s on %s", a->d.number, a->d.issued_on);
	if ((rc = store_run(c, &Q_EDIT, err, "itttti", a->pid, a->kind, a->title, a->overview, a->closing,
			    app_now_us(a->app))))
		return rc;
	return audit_record(c, a->actor, "campaign.edit", "programme", a->pid, json_pack("{s:s}", "kind", a->kind), err);
}

int campaign_document_edit(struct app *app, const struct app_actor *actor, int64_t programme_id, const char *kind,
			   const char *title, const char *overview, const char *closing, json_t **out,
			   struct px_err *err)
{
	struct doc_args a = { .app = app, .actor = actor, .pid = programme_id, .kind = kind, .write = true,
			      .title = title, .overview = overview, .closing = closing };
	int rc = kind_ok(kind, err) ? 0 : PX_ENOTFOUND;
	/* "" clears an edit: the compiled overview (or title) comes back */
	if (!rc && ((title && *title && (rc = input_line(title, 200, "title", err))) ||
		    (overview && *overview && (rc = input_textarea(overview, INPUT_TEXT_MAX, "overview", err))) ||
		    (closing && *closing && (rc = input_textarea(closing, INPUT_TEXT_MAX, "closing", err)))))
		return rc;
	if (!rc && !(rc = app_tx(app, STORE_TX_WRITE, edit_tx, &a, err)) &&
	    !(rc = app_tx(app, STORE_TX_READ, load_tx, &a, err)))
		rc = answer(&a, out, err);
	doc_free(&a.d);
	return rc;
}

static int issue_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct doc_args *a = arg;
	char sha[CHAIN_HEX_LEN + 1], *text = NULL;
	int rc = load_doc(c, a, err);
	if (rc)
		return rc;
	if (a->d.content && *a->d.content)
		return px_err_set(err, PX_ECONFLICT, "already_issued", NULL, "issued as %s on %s", a->d.number, a->d.issued_on);
	if (!(text = json_dump_sorted(a->compiled)))
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	chain_hex_sha256(text, strlen(text), sha);
	if (!(rc = store_run(c, &Q_EDIT, err, "itnnni", a->pid, a->kind, app_now_us(a->app))) &&
	    !(rc = store_run(c, &Q_ISSUE, err, "ttttiit", a->number, a->on, text, sha, app_now_us(a->app), a->pid, a->kind)))
		rc = audit_record(c, a->actor, "campaign.issue", "programme", a->pid,
				  json_pack("{s:s, s:s, s:s, s:s}", "kind", a->kind, "number", a->number, "issued_on", a->on,
					    "sha256", sha),
				  err);
	free(text);
	return rc;
}

int campaign_document_issue(struct app *app, const struct app_actor *actor, int64_t programme_id, const char *kind,
			    const char *number, const char *issued_on, json_t **out, struct px_err *err)
{
	struct doc_args a = { .app = app, .actor = actor, .pid = programme_id, .kind = kind, .write = true,
			      .number = number, .on = issued_on };
	json_t *doc = NULL;
	px_date d;
	int rc = kind_ok(kind, err) ? 0 : PX_ENOTFOUND;
	if (!rc && ((rc = input_line(number, 64, "number", err)) || (rc = input_date(issued_on, "issued_on", &d, err))))
		return rc;
	if (!rc)
		rc = app_tx(app, STORE_TX_READ, load_tx, &a, err);
	if (!rc && a.d.content && *a.d.content)
		rc = px_err_set(err, PX_ECONFLICT, "already_issued", NULL, "issued as %s on %s", a.d.number, a.d.issued_on);
	if (!rc && !(rc = compile_now(&a, &doc, err))) {
		json_object_set_new(doc, "number", json_string(number));
		json_object_set_new(doc, "date", json_string(issued_on));
		a.compiled = doc;
		if (!(rc = app_tx(app, STORE_TX_WRITE, issue_tx, &a, err)) &&
		    !(rc = app_tx(app, STORE_TX_READ, load_tx, &a, err)))
			rc = answer(&a, out, err);
	}
	json_decref(doc);
	doc_free(&a.d);
	return rc;
}
