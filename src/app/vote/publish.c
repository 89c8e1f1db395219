/*
 * publish.c - the vote's publication: the valid counts by the template's
 * policy (live, or the day's snapshot once its hour has come, taken by the
 * first read after it: 感动重庆 2023 published at 18:00 and hid live counts),
 * snapshots (each hashed into the audit chain as "vote.snapshot", its counts
 * in the record, so verify-tally can check every published figure), and
 * the pseudonymised vote log, downloadable once the vote stage is over.
 */
#include "app/vote/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/programme/programme.h"
#include "app/tx.h"
#include "core/chain.h"

#define CANDIDATE_WHERE                                                                                          \
	"a.programme_id = $1 AND a.submitted_at IS NOT NULL "                                                    \
	"AND a.state NOT IN ('draft', 'withdrawn', 'rejected', 'disqualified', 'not_recommended')"

static struct store_sql Q_CONFIG = STORE_SQL("SELECT config FROM programme WHERE id = $1");
static struct store_sql Q_VALID_ALL = STORE_SQL(
	"SELECT a.id, t.track_code, coalesce(sum(v.votes), 0) FROM application a "
	"JOIN application_track t ON t.application_id = a.id LEFT JOIN vote_tally v "
	"ON v.programme_id = a.programme_id AND v.application_id = a.id AND v.state = 'counted' WHERE " CANDIDATE_WHERE
	" GROUP BY a.id, t.track_code ORDER BY t.track_code, a.id");
static struct store_sql Q_NAMES = STORE_SQL(
	"SELECT a.id, coalesce(o.name, p.name, '') FROM application a LEFT JOIN organisation o ON o.id = a.organisation_id "
	"LEFT JOIN person p ON p.id = a.person_id WHERE " CANDIDATE_WHERE);
static struct store_sql Q_SNAP_LATEST = STORE_SQL(
	"SELECT id, day, taken_at, counts, sha256 FROM vote_snapshot WHERE programme_id = $1 ORDER BY id DESC LIMIT 1");
static struct store_sql Q_SNAP_PUT = STORE_SQL(
	"INSERT INTO vote_snapshot (programme_id, day, taken_at, counts, sha256) VALUES ($1, $2, $3, $4, $5) RETURNING id");

static int valid_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	json_t *tracks = arg, *list;
	const char *track = store_col_text(s, 1);
	(void)err;
	if (!(list = json_object_get(tracks, track))) {
		list = json_array();
		json_object_set_new(tracks, track, list);
	}
	json_array_append_new(list, json_pack("{s:I, s:I}", "id", (json_int_t)store_col_int(s, 0), "valid",
					      (json_int_t)store_col_int(s, 2)));
	return 0;
}

/* The valid counts now: {"<track>": [{"id", "valid"}, ...]}. */
static int counts_now(struct store_conn *c, int64_t programme_id, json_t **out, struct px_err *err)
{
	*out = json_object();
	return store_each(c, &Q_VALID_ALL, valid_row, *out, err, "i", programme_id);
}

struct snap {
	int64_t id, taken_at;
	char day[11];
	char sha256[65];
	json_t *counts;
};

static int snapshot_put(struct store_conn *c, struct app *app, const struct app_actor *actor, int64_t programme_id,
			struct snap *s, struct px_err *err)
{
	char *text;
	int rc;

	if ((rc = counts_now(c, programme_id, &s->counts, err)))
		return rc;
	if (!(text = json_dumps(s->counts, JSON_COMPACT | JSON_SORT_KEYS)))
		return px_err_set(err, PX_ENOMEM, "out_of_memory", NULL, "out of memory");
	chain_hex_sha256(text, strlen(text), s->sha256);
	date_format(app_today(app), s->day);
	s->taken_at = app_now_us(app);
	rc = store_get(c, &Q_SNAP_PUT, err, "ititt:i", programme_id, s->day, s->taken_at, text, s->sha256, &s->id);
	free(text);
	if (rc < 0)
		return rc;
	return audit_record(c, actor, "vote.snapshot", "programme", programme_id,
			    json_pack("{s:I, s:s, s:s, s:O}", "snapshot", (json_int_t)s->id, "day", s->day, "sha256",
				      s->sha256, "counts", s->counts),
			    err);
}

static int snapshot_latest(struct store_conn *c, int64_t programme_id, struct snap *s, struct px_err *err)
{
	char *counts = NULL;
	int rc = store_get(c, &Q_SNAP_LATEST, err, "i:ibisb", programme_id, &s->id, s->day, sizeof(s->day),
			   &s->taken_at, &counts, s->sha256, sizeof(s->sha256));
	if (rc == STORE_ROW)
		s->counts = json_loads(counts, 0, NULL);
	free(counts);
	return rc;
}

static json_t *snapshot_json(const struct snap *s)
{
	return json_pack("{s:I, s:s, s:I, s:s}", "id", (json_int_t)s->id, "day", s->day, "taken_at",
			 (json_int_t)s->taken_at, "sha256", s->sha256);
}

static int name_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	(void)err;
	char key[24];
	snprintf(key, sizeof(key), "%lld", (long long)store_col_int(s, 0));
	json_object_set_new(arg, key, json_string(store_col_text(s, 1)));
	return 0;
}

/* Names into every {"id"} of counts. */
static int with_names(struct store_conn *c, int64_t programme_id, json_t *counts, struct px_err *err)
{
	json_t *names = json_object(), *list, *v;
	const char *track;
	size_t i;
	int rc = store_each(c, &Q_NAMES, name_row, names, err, "i", programme_id);
	json_object_foreach(counts, track, list)
		json_array_foreach(list, i, v) {
			char key[24];
			snprintf(key, sizeof(key), "%lld", (long long)json_integer_value(json_object_get(v, "id")));
			const char *name = json_string_value(json_object_get(names, key));
			json_object_set_new(v, "name", json_string(name ? name : ""));
		}
	json_decref(names);
	return rc;
}

struct counts_arg {
	struct app *app;
	int64_t id;
	bool may_write; /* second pass: take the day's snapshot when due */
	bool due;       /* first pass found it due */
	json_t *out;
};

static int counts_in_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct counts_arg *a = arg;
	struct vote_settings set;
	struct snap s = { 0 };
	char *config = NULL, today[11];
	int rc = store_get(c, &Q_CONFIG, err, "i:s", a->id, &config);
	int64_t hour = ((app_now_us(a->app) / 1000000 + 8 * 3600) % 86400) / 3600;

	if (rc == STORE_DONE)
		return px_err_set(err, PX_ENOTFOUND, "no_programme", "id", "no programme %lld", (long long)a->id);
	rc = rc < 0 ? rc : vote_settings_of_config(config, &set, err);
	free(config);
	if (rc)
		return rc;
	if (set.live) {
		if ((rc = counts_now(c, a->id, &s.counts, err)) || (rc = with_names(c, a->id, s.counts, err)))
			goto out;
		a->out = json_pack("{s:I, s:s, s:O}", "programme", (json_int_t)a->id, "policy", "live", "tracks", s.counts);
		goto out;
	}
	date_format(app_today(a->app), today);
	if ((rc = snapshot_latest(c, a->id, &s, err)) < 0)
		goto out;
	/* due: past the hour, and no snapshot of today taken at or after it (an earlier one does not count) */
	a->due = hour >= set.publish_hour &&
		 (rc == STORE_DONE || strcmp(s.day, today) ||
		  ((s.taken_at / 1000000 + 8 * 3600) % 86400) / 3600 < set.publish_hour);
	if (a->due && a->may_write) {
		json_decref(s.counts);
		s.counts = NULL;
		if ((rc = snapshot_put(c, a->app, &app_actor_public, a->id, &s, err)))
			goto out;
		rc = STORE_ROW;
	}
	if (rc == STORE_DONE) {
		a->out = json_pack("{s:I, s:s, s:i, s:n, s:{}}", "programme", (json_int_t)a->id, "policy", "daily",
				   "publish_hour", set.publish_hour, "snapshot", "tracks");
		rc = 0;
		goto out;
	}
	if ((rc = with_names(c, a->id, s.counts, err)))
		goto out;
	a->out = json_pack("{s:I, s:s, s:i, s:o, s:O}", "programme", (json_int_t)a->id, "policy", "daily",
			   "publish_hour", set.publish_hour, "snapshot", snapshot_json(&s), "tracks", s.counts);
out:
	json_decref(s.counts);
	return rc < 0 ? rc : 0;
}

int vote_counts_json(struct app *app, int64_t programme_id, json_t **out, struct px_err *err)
{
	struct counts_arg a = { app, programme_id, false, false, NULL };
	int rc = app_tx_json(app, STORE_TX_READ, counts_in_tx, &a, &a.out, out, err);
	if (rc || !a.due)
		return rc;
	json_decref(*out);
	*out = a.out = NULL;
	a.may_write = true;
	return app_tx_json(app, STORE_TX_WRITE, counts_in_tx, &a, &a.out, out, err);
}

struct take_arg {
	struct app *app;
	const struct app_actor *actor;
	int64_t id;
	json_t *out;
};

static int take_in_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct take_arg *a = arg;
	struct programme p;
	struct snap s = { 0 };
	int rc = programme_load(c, a->id, &p, err);
	if (rc)
		return rc;
	if (!programme_is_office(&p, a->actor))
		rc = px_err_set(err, PX_ENOTFOUND, "no_programme", "id", "no programme %lld", (long long)a->id);
	programme_release(&p);
	if (!rc && !(rc = snapshot_put(c, a->app, a->actor, a->id, &s, err)))
		a->out = json_pack("{s:I, s:o, s:O}", "programme", (json_int_t)a->id, "snapshot", snapshot_json(&s),
				   "tracks", s.counts);
	json_decref(s.counts);
	return rc;
}

int vote_snapshot_take(struct app *app, const struct app_actor *actor, int64_t programme_id, json_t **out,
		       struct px_err *err)
{
	struct take_arg a = { app, actor, programme_id, NULL };
	return app_tx_json(app, STORE_TX_WRITE, take_in_tx, &a, &a.out, out, err);
}
