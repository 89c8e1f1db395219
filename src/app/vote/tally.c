/*
 * tally.c - what the vote publishes, read from the vote table and its
 * running tally (vote_tally, kept by the transactions that cast and decide
 * votes): receipts
 * (counted, quarantined or invalid), the exclusion report (received, excluded per rule, valid), the candidates of
 * a track in the order shuffled for one voter, and vote_valid_counts() for
 * a family's composite. Valid means counted: quarantined and invalid votes
 * are kept but never counted.
 */
#include "app/vote/internal.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "app/tx.h"
#include "core/chain.h"

#define CANDIDATE_NAME "coalesce(o.name, p.name, '')"
#define CANDIDATE_JOIN "LEFT JOIN organisation o ON o.id = a.organisation_id LEFT JOIN person p ON p.id = a.person_id "

static struct store_sql Q_RECEIPT = STORE_SQL(
	"SELECT v.receipt, v.programme_id, v.track_code, v.application_id, " CANDIDATE_NAME ", v.day, v.state "
	"FROM vote v JOIN application a ON a.id = v.application_id " CANDIDATE_JOIN "WHERE v.receipt = $1");
static struct store_sql Q_PROGRAMME = STORE_SQL("SELECT id FROM programme WHERE id = $1");
static struct store_sql Q_CONFIG = STORE_SQL("SELECT config FROM programme WHERE id = $1");
static struct store_sql Q_TALLY = STORE_SQL(
	"SELECT a.id, t.track_code, " CANDIDATE_NAME ", coalesce(v.state, ''), coalesce(v.rule, ''), coalesce(v.votes, 0) "
	"FROM application a JOIN application_track t ON t.application_id = a.id " CANDIDATE_JOIN
	"LEFT JOIN vote_tally v ON v.programme_id = a.programme_id "
	"AND v.application_id = a.id WHERE a.programme_id = $1 AND a.submitted_at IS NOT NULL "
	"AND a.state NOT IN ('draft', 'withdrawn', 'rejected', 'disqualified', 'not_recommended') "
	"ORDER BY t.track_code, a.id");
static struct store_sql Q_VALID = STORE_SQL(
	"SELECT a.id, coalesce(sum(v.votes), 0) FROM application a "
	"JOIN application_track t ON t.application_id = a.id AND t.track_code = $2 LEFT JOIN vote_tally v "
	"ON v.programme_id = a.programme_id AND v.application_id = a.id AND v.state = 'counted' "
	"WHERE a.programme_id = $1 AND a.submitted_at IS NOT NULL "
	"AND a.state NOT IN ('draft', 'withdrawn', 'rejected', 'disqualified', 'not_recommended') "
	"GROUP BY a.id ORDER BY a.id");
static struct store_sql Q_CANDIDATES = STORE_SQL(
	"SELECT a.id, " CANDIDATE_NAME " FROM application a "
	"JOIN application_track t ON t.application_id = a.id AND t.track_code = $2 " CANDIDATE_JOIN
	"WHERE a.programme_id = $1 AND a.submitted_at IS NOT NULL "
	"AND a.state NOT IN ('draft', 'withdrawn', 'rejected', 'disqualified', 'not_recommended') ORDER BY a.id");

static struct store_sql Q_TALLY_ADD = STORE_SQL(
	"INSERT INTO vote_tally (programme_id, application_id, state, rule, votes) VALUES ($1, $2, $3, $4, $5) "
	"ON CONFLICT (programme_id, application_id, state, rule) DO UPDATE SET votes = vote_tally.votes + excluded.votes");

int vote_tally_add(struct store_conn *c, int64_t programme_id, int64_t candidate, const char *state, const char *rule,
		   int64_t n, struct px_err *err)
{
	return store_run(c, &Q_TALLY_ADD, err, "iitti", programme_id, candidate, state, rule, n);
}

static int no_programme(int64_t id, struct px_err *err)
{
	return px_err_set(err, PX_ENOTFOUND, "no_programme", "id", "no programme %lld", (long long)id);
}

struct receipt_arg {
	const char *receipt;
	json_t *out;
};

static int receipt_in_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct receipt_arg *a = arg;
	char code[VOTE_RECEIPT_LEN + 1], track[32], name[256], day[11], state[16];
	int64_t programme, candidate;
	int rc = store_get(c, &Q_RECEIPT, err, "t:bibibbb", a->receipt, code, sizeof(code), &programme, track,
			   sizeof(track), &candidate, name, sizeof(name), day, sizeof(day), state, sizeof(state));
	if (rc == STORE_DONE)
		return px_err_set(err, PX_ENOTFOUND, "no_such_receipt", "code", "no vote has the receipt '%s'",
				  a->receipt);
	if (rc < 0)
		return rc;
	a->out = json_pack("{s:s, s:I, s:s, s:{s:I, s:s}, s:s, s:s}", "receipt", code, "programme",
			   (json_int_t)programme, "track", track, "candidate", "id", (json_int_t)candidate, "name",
			   name, "day", day, "state", state);
	return 0;
}

int vote_receipt_json(struct app *app, const char *receipt, json_t **out, struct px_err *err)
{
	struct receipt_arg a = { receipt, NULL };
	*out = NULL;
	if (strlen(receipt) != VOTE_RECEIPT_LEN)
		return px_err_set(err, PX_ENOTFOUND, "no_such_receipt", "code", "no vote has the receipt '%s'", receipt);
	return app_tx_json(app, STORE_TX_READ, receipt_in_tx, &a, &a.out, out, err);
}

/* One candidate's line of the report, found or made in the track's array. */
static json_t *candidate_of(json_t *tracks, const char *track, int64_t id, const char *name)
{
	json_t *list = json_object_get(tracks, track), *last;
	if (!list) {
		list = json_array();
		json_object_set_new(tracks, track, list);
	}
	last = json_array_get(list, json_array_size(list) - 1);
	if (last && json_integer_value(json_object_get(last, "id")) == id)
		return last;
	last = json_pack("{s:I, s:s, s:I, s:I, s:I, s:{}, s:I}", "id", (json_int_t)id, "name", name, "received", 0,
			 "quarantined", 0, "invalid", 0, "excluded", "valid", 0);
	json_array_append_new(list, last);
	return last;
}

static void add(json_t *obj, const char *key, int64_t n)
{
	json_object_set_new(obj, key, json_integer(json_integer_value(json_object_get(obj, key)) + n));
}

static int tally_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	json_t *tracks = arg, *cand;
	const char *state = store_col_text(s, 3), *rule = store_col_text(s, 4);
	int64_t n = store_col_int(s, 5);
	(void)err;
	cand = candidate_of(tracks, store_col_text(s, 1), store_col_int(s, 0), store_col_text(s, 2));
	if (!*state || !n)
		return 0;
	add(cand, "received", n);
	if (!strcmp(state, "counted")) {
		add(cand, "valid", n);
		return 0;
	}
	add(cand, state, n);
	add(json_object_get(cand, "excluded"), *rule ? rule : "invalid", n);
	return 0;
}

struct tally_arg {
	int64_t id;
	json_t *out;
};

static int tally_in_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct tally_arg *a = arg;
	int64_t found;
	int rc = store_get(c, &Q_PROGRAMME, err, "i:i", a->id, &found);
	if (rc == STORE_DONE)
		return no_programme(a->id, err);
	if (rc < 0)
		return rc;
	a->out = json_object();
	return store_each(c, &Q_TALLY, tally_row, a->out, err, "i", a->id);
}

int vote_exclusions_json(struct app *app, int64_t programme_id, json_t **out, struct px_err *err)
{
	struct tally_arg a = { programme_id, NULL };
	json_t *tracks = NULL;
	int rc = app_tx_json(app, STORE_TX_READ, tally_in_tx, &a, &a.out, &tracks, err);
	*out = rc ? NULL : json_pack("{s:I, s:o}", "programme", (json_int_t)programme_id, "tracks", tracks);
	return rc;
}

struct valid_arg {
	vote_count_fn fn;
	void *arg;
};

static int valid_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct valid_arg *a = arg;
	(void)err;
	return a->fn(store_col_int(s, 0), store_col_int(s, 1), a->arg);
}

int vote_valid_counts(struct store_conn *c, int64_t programme_id, const char *track, vote_count_fn fn, void *arg,
		      struct px_err *err)
{
	struct valid_arg a = { fn, arg };
	return store_each(c, &Q_VALID, valid_row, &a, err, "it", programme_id, track);
}

struct shuffle_arg {
	int64_t id;
	const char *track;
	unsigned char key[crypto_shorthash_KEYBYTES];
	struct vote_settings settings;
	json_t *out;
};

static int shuffle_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct shuffle_arg *a = arg;
	int64_t id = store_col_int(s, 0);
	unsigned char h[crypto_shorthash_BYTES];
	uint64_t k = 0;
	(void)err;
	crypto_shorthash(h, (const unsigned char *)&id, sizeof(id), a->key);
	memcpy(&k, h, sizeof(k));
	json_array_append_new(a->out, json_pack("{s:I, s:s, s:I}", "id", (json_int_t)id, "name", store_col_text(s, 1),
						"order", (json_int_t)(k >> 12)));
	return 0;
}

static int cmp_order(const void *x, const void *y)
{
	json_int_t a = json_integer_value(json_object_get(*(json_t *const *)x, "order"));
	json_int_t b = json_integer_value(json_object_get(*(json_t *const *)y, "order"));
	return a < b ? -1 : a > b;
}

static int candidates_in_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct shuffle_arg *a = arg;
	char *config = NULL;
	int rc = store_get(c, &Q_CONFIG, err, "i:s", a->id, &config);
	if (rc == STORE_DONE)
		return no_programme(a->id, err);
	if (rc < 0)
		return rc;
	rc = vote_settings_of_config(config, &a->settings, err);
	free(config);
	if (rc)
		return rc;
	a->out = json_array();
	return store_each(c, &Q_CANDIDATES, shuffle_row, a, err, "it", a->id, a->track);
}

int vote_candidates_json(struct app *app, int64_t programme_id, const char *track, const char *token,
			 json_t **out, struct px_err *err)
{
	struct shuffle_arg a = { programme_id, track, { 0 }, { 0 }, NULL };
	json_t *list = NULL, *items[512], *v;
	size_t n = 0, i;
	int rc;

	/* the order is a keyed hash of each candidate under the voter's token: the same for one voter */
	if (token && strlen(token) == VOTE_TOKEN_HEX)
		crypto_generichash(a.key, sizeof(a.key), (const unsigned char *)token, VOTE_TOKEN_HEX, NULL, 0);
	else
		randombytes_buf(a.key, sizeof(a.key));
	if ((rc = app_tx_json(app, STORE_TX_READ, candidates_in_tx, &a, &a.out, &list, err)))
		return rc;
	json_array_foreach(list, i, v)
		if (n < sizeof(items) / sizeof(items[0]))
			items[n++] = json_incref(v);
	qsort(items, n, sizeof(items[0]), cmp_order);
	*out = json_array();
	for (i = 0; i < n; i++) {
		json_object_del(items[i], "order");
		json_array_append_new(*out, items[i]);
	}
	json_decref(list);
	*out = json_pack("{s:I, s:s, s:i, s:o}", "programme", (json_int_t)programme_id, "track", track,
			 "per_track_per_day", a.settings.per_track_per_day, "candidates", *out);
	return 0;
}
