/*
 * audit.c - appending to and verifying the hash-chained audit log.
 *
 * Verification walks the rows in seq order and checks, for each: that seq is
 * the next number (a gap means a deleted row, a repeat cannot happen under
 * the primary key), that payload_hash is the hash of payload (an edited
 * payload), that prev is the hash of the row before (a deleted, inserted or
 * moved row) and that hash is the hash of the row (any edited column). The
 * head must then name the last row (rows cut off the end).
 */
#include "app/audit.h"
#include "app/tx.h"

#include <inttypes.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct store_sql Q_BUMP_HEAD = STORE_SQL(
	"UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash");
static struct store_sql Q_SET_HEAD = STORE_SQL("UPDATE audit_head SET hash = $1 WHERE id = 1");
static struct store_sql Q_INSERT = STORE_SQL(
	"INSERT INTO audit (seq, at, actor, action, object, payload, payload_hash, prev, hash) "
	"VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)");
static struct store_sql Q_HEAD = STORE_SQL("SELECT seq, hash FROM audit_head WHERE id = 1");
static struct store_sql Q_ALL = STORE_SQL(
	"SELECT seq, at, actor, action, object, payload, payload_hash, prev, hash "
	"FROM audit ORDER BY seq");

int audit_append(struct store_conn *c, const struct app_actor *actor, const char *action,
		 const char *object, json_t *payload, struct px_err *err)
{
	struct store_stmt *s;
	char actor_s[32], payload_hash[CHAIN_HEX_LEN + 1], prev[CHAIN_HEX_LEN + 1],
		hash[CHAIN_HEX_LEN + 1];
	char *text = NULL;
	int64_t seq;
	int rc;

	text = payload ? json_dumps(payload, JSON_COMPACT | JSON_SORT_KEYS) : strdup("{}");
	if (!text)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	rc = store_prepare(c, &Q_BUMP_HEAD, &s, err);
	if (rc)
		goto out;
	rc = store_step(s, err);
	if (rc != STORE_ROW) {
		store_reset(s);
		rc = rc < 0 ? rc : px_err_set(err, PX_EINTERNAL, "audit_head_missing", NULL,
					      "audit head row is missing");
		goto out;
	}
	seq = store_col_int(s, 0);
	snprintf(prev, sizeof(prev), "%s", store_col_text(s, 1));
	store_reset(s);

	app_actor_label(actor, actor_s);
	chain_hex_sha256(text, strlen(text), payload_hash);
	struct chain_link link = { seq, store_now_us(), actor_s, action, object, payload_hash, prev };
	chain_link_hash(&link, hash);

	rc = store_run(c, &Q_INSERT, err, "iittttttt", seq, link.at, actor_s, action, object, text,
		       (const char *)payload_hash, (const char *)prev, (const char *)hash);
	if (!rc)
		rc = store_run(c, &Q_SET_HEAD, err, "t", (const char *)hash);
out:
	free(text);
	return rc;
}

int audit_record(struct store_conn *c, const struct app_actor *actor, const char *action, const char *kind,
		 int64_t id, json_t *payload, struct px_err *err)
{
	char object[64];
	snprintf(object, sizeof(object), "%s:%" PRId64, kind, id);
	int rc = audit_append(c, actor, action, object, payload, err);
	json_decref(payload);
	return rc;
}

int audit_head_get(struct app *app, struct audit_head *out, struct px_err *err)
{
	struct store_conn *c = store_acquire(app->st);
	struct store_stmt *s;
	int rc = store_prepare(c, &Q_HEAD, &s, err);
	if (rc)
		goto out;
	rc = store_step(s, err);
	if (rc == STORE_ROW) {
		out->seq = store_col_int(s, 0);
		snprintf(out->hash, sizeof(out->hash), "%s", store_col_text(s, 1));
		rc = 0;
	} else if (rc == STORE_DONE) {
		rc = px_err_set(err, PX_EINTERNAL, "audit_head_missing", NULL, "audit head row is missing");
	}
	store_reset(s);
out:
	store_release(c);
	return rc;
}

static bool broken(struct audit_report *r, int64_t seq, const char *code, const char *what)
{
	r->first_bad = seq;
	r->code = code;
	snprintf(r->problem, sizeof(r->problem), "%s", what);
	return true;
}

/* Check one row against its predecessor's hash; false while intact. */
static bool check_row(struct store_stmt *s, int64_t expect_seq, const char *prev_hash,
		      struct audit_report *r)
{
	char h[CHAIN_HEX_LEN + 1];
	size_t plen;
	int64_t seq = store_col_int(s, 0);
	const char *payload = store_col_textn(s, 5, &plen);

	if (seq != expect_seq)
		return broken(r, seq > expect_seq ? expect_seq : seq, "audit_row_missing",
			      "row missing or out of order (deleted)");
	chain_hex_sha256(payload, plen, h);
	if (strcmp(h, store_col_text(s, 6)))
		return broken(r, seq, "audit_payload_edited", "payload does not match its hash (edited)");
	if (strcmp(prev_hash, store_col_text(s, 7)))
		return broken(r, seq, "audit_prev_mismatch",
			      "prev does not match the previous row (row deleted, inserted or moved)");
	struct chain_link link = { seq, store_col_int(s, 1), store_col_text(s, 2), store_col_text(s, 3),
				   store_col_text(s, 4), store_col_text(s, 6), store_col_text(s, 7) };
	chain_link_hash(&link, h);
	if (strcmp(h, store_col_text(s, 8)))
		return broken(r, seq, "audit_hash_mismatch", "hash does not match the row's content (edited)");
	return false;
}

/* Walking the chain: the report so far, the row expected next and the hash it must link to. */
struct walk {
	struct audit_report *r;
	int64_t expect;
	char prev[CHAIN_HEX_LEN + 1];
};

static int walk_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct walk *w = arg;
	(void)err;
	w->r->rows++;
	if (check_row(s, w->expect, w->prev, w->r))
		return 1; /* stop at the first broken row */
	snprintf(w->prev, sizeof(w->prev), "%s", store_col_text(s, 8));
	w->expect++;
	return 0;
}

static int verify_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct walk w = { arg, 1, CHAIN_GENESIS };
	struct audit_report *r = w.r;
	int rc;

	memset(r, 0, sizeof(*r));
	if ((rc = store_each(c, &Q_ALL, walk_row, &w, err, "")) < 0 ||
	    (rc = store_get(c, &Q_HEAD, err, ":ib", &r->head.seq, r->head.hash, sizeof(r->head.hash))) < 0)
		return rc;
	if (!r->first_bad && (r->head.seq != w.expect - 1 || strcmp(r->head.hash, w.prev))) {
		r->first_bad = w.expect;
		r->code = "audit_head_mismatch";
		snprintf(r->problem, sizeof(r->problem),
			 "the head names row %" PRId64 " but the chain ends at row %" PRId64
			 " (rows removed from the end, or head edited)",
			 r->head.seq, w.expect - 1);
	}
	return 0;
}

int audit_verify(struct app *app, struct audit_report *r, struct px_err *err)
{
	return app_tx(app, STORE_TX_READ, verify_tx, r, err);
}

/* One verification at a time per server: the walk reads every row. */
static atomic_flag verifying = ATOMIC_FLAG_INIT;

int audit_verify_office(struct app *app, const struct app_actor *actor, struct audit_report *r, struct px_err *err)
{
	if (!app_actor_is(actor, ROLE_OFFICE))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "the audit chain is verified by an office");
	if (atomic_flag_test_and_set(&verifying))
		return px_err_set(err, PX_ELIMIT, "audit_verify_running", NULL,
				  "a verification of the audit chain is running, try again when it ends");
	int rc = audit_verify(app, r, err);
	atomic_flag_clear(&verifying);
	return rc;
}
