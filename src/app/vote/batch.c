/*
 * batch.c - the group commit of the vote: the writer thread (runtime.c)
 * hands over the ballots queued since its last batch; they are stored in one
 * transaction per programme, each ballot all or none after the checks (the
 * vote stage is current and its window open, the candidates stand in the
 * track, the voter has not voted for them today - stored, or earlier in the
 * batch - and stays within the track's daily cap). The checks ask the caps
 * the writer keeps in memory (caps.c: each voter's votes of the day, read
 * once a day on first sight), not the database vote by vote. The batch's
 * votes are then inserted together: one statement on PostgreSQL (rows from
 * a JSON array, the one round trip that matters there), one a row on SQLite,
 * with no read before them. The caps are also unique indexes
 * (vote_once_a_day, vote_track_slot), so two nodes on one database cannot
 * pass them together: a row that meets a vote another node committed is
 * skipped (ON CONFLICT DO NOTHING), the memory is dropped and the batch
 * rolled back and run again (PX_EBUSY, store_tx), when the voters' fresh
 * reads see that vote and refuse that ballot as they should, the others
 * going through. The running tally takes one upsert per (candidate, state,
 * rule) of the batch. Each batch appends one audit record ("vote.batch")
 * carrying the SHA-256 of its votes' lines, so the audit chain covers every
 * vote. Each ballot's `done` runs after the commit (or the failure) of its
 * batch.
 */
#include "app/vote/internal.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/programme/programme.h"
#include "app/programme/stage_window.h"
#include "app/tx.h"

static struct store_sql Q_INSERT = STORE_SQL(
	"INSERT INTO vote (programme_id, track_code, application_id, voter_hash, day, slot, receipt, state, rule, reason, "
	"batch_id, cast_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)");
/*
 * PostgreSQL only (the one statement of pingxuan that is not common SQL, chosen by the store's
 * dialect): a whole batch in one INSERT from a JSON array of rows, in their order.
 */
static struct store_sql Q_INSERT_PG = STORE_SQL(
	"INSERT INTO vote (programme_id, track_code, application_id, voter_hash, day, slot, receipt, state, rule, reason, "
	"batch_id, cast_at) SELECT $1, x.track, x.candidate, x.voter, $2, x.slot, x.receipt, x.state, x.rule, x.reason, "
	"$3, $4 FROM json_to_recordset($5::json) AS x(n bigint, track text, candidate bigint, voter text, slot bigint, "
	"receipt text, state text, rule text, reason text) ORDER BY x.n ON CONFLICT DO NOTHING RETURNING id");
/* PostgreSQL only: the batch's additions to the running tally in one statement, rows in key order. */
static struct store_sql Q_TALLY_PG = STORE_SQL(
	"INSERT INTO vote_tally (programme_id, application_id, state, rule, votes) SELECT $1, x.candidate, x.state, x.rule, "
	"x.votes FROM json_to_recordset($2::json) AS x(candidate bigint, state text, rule text, votes bigint) "
	"ORDER BY x.candidate, x.state, x.rule "
	"ON CONFLICT (programme_id, application_id, state, rule) DO UPDATE SET votes = vote_tally.votes + excluded.votes");
static struct store_sql Q_BATCH_NEW = STORE_SQL(
	"INSERT INTO vote_batch (programme_id, votes, hash, committed_at) VALUES ($1, 0, '', $2) RETURNING id");
static struct store_sql Q_BATCH_SET = STORE_SQL("UPDATE vote_batch SET votes = $1, hash = $2 WHERE id = $3");

void vote_pseudonym(int64_t programme_id, const char *voter_hash, char out[VOTE_PSEUDONYM_HEX + 1])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	char in[160];
	int n = snprintf(in, sizeof(in), "pingxuan-vote:%lld:%s", (long long)programme_id, voter_hash);
	crypto_hash_sha256(h, (const unsigned char *)in, (unsigned long long)n);
	sodium_bin2hex(out, VOTE_PSEUDONYM_HEX + 1, h, VOTE_PSEUDONYM_HEX / 2);
}

int vote_batch_line(char *buf, size_t cap, const char *receipt, int64_t programme_id, const char *track,
		    int64_t candidate, const char *pseudonym, const char *day, const char *cast_state)
{
	int n = snprintf(buf, cap, "%s|%lld|%s|%lld|%s|%s|%s\n", receipt, (long long)programme_id, track,
			 (long long)candidate, pseudonym, day, cast_state);
	return n < 0 || (size_t)n >= cap ? (int)cap - 1 : n;
}

/* Crockford's base32: no I, L, O, U. */
static void receipt_new(char out[VOTE_RECEIPT_LEN + 1])
{
	static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
	unsigned char b[VOTE_RECEIPT_LEN];
	randombytes_buf(b, sizeof(b));
	for (int i = 0; i < VOTE_RECEIPT_LEN; i++)
		out[i] = alphabet[b[i] & 31];
	out[VOTE_RECEIPT_LEN] = '\0';
}

/* A vote checked and waiting for the batch's insert: candidate i of ballot b. */
struct pending {
	struct vote_ballot *b;
	int i;
	int64_t slot;
};

struct batch_tx {
	struct app *app;
	bool pg;                     /* the store speaks PostgreSQL: set-based statements */
	struct vote_caps *caps;      /* the programme's caps in memory (caps.c) */
	uint64_t gen;                /* vote_other_writes() when the attempt began */
	bool cands_read;             /* the candidates were read in this attempt */
	bool touched;                /* an attempt added to caps: a rerun starts them afresh */
	int64_t programme_id;
	struct vote_ballot *ballots; /* of this programme, linked by next */
	struct vote_settings settings;
	int64_t batch_id, votes;
	char day[11];
	struct pending *rows;        /* the batch's votes so far (capacity: every candidate of every ballot) */
	size_t nrows;
	char hash[2 * crypto_hash_sha256_BYTES + 1];
};

/* A refusal of one ballot: kept in the ballot, the batch goes on. */
static int refuse(struct vote_ballot *b, int code, const char *key, const char *field, const char *msg)
{
	b->rc = px_err_set(&b->err, code, key, field, "%s", msg);
	return 0;
}

/*
 * Check the ballot against the caps in memory (the votes of the day stored and those taken earlier in
 * this batch) and add its votes to them; 0 with b->rc set when refused, < 0 on a database failure.
 */
static int check(struct store_conn *c, struct batch_tx *t, struct vote_ballot *b, int64_t *slot,
		 const char **pseudonym, struct px_err *err)
{
	struct caps_voter *v;
	int64_t count;
	int rc;

	for (int i = 0; i < b->ncandidates; i++) {
		if (vote_caps_stands(t->caps, b->candidates[i], b->track))
			continue;
		/* one that entered since the read (another process, another node): read them again, once a batch */
		if (!t->cands_read) {
			vote_caps_candidates_stale(t->caps);
			if ((rc = vote_caps_candidates(t->caps, c, t->programme_id, t->gen, store_now_us(), &t->cands_read,
						       err)))
				return rc;
		}
		if (!vote_caps_stands(t->caps, b->candidates[i], b->track))
			return refuse(b, PX_EINVAL, "not_a_candidate", "candidates",
				      "a candidate does not stand in this track");
	}
	if ((rc = vote_caps_voter(t->caps, c, t->programme_id, b->voter_hash, &v, err)))
		return rc;
	for (int i = 0; i < b->ncandidates; i++)
		if (vote_caps_voted(v, b->candidates[i]))
			return refuse(b, PX_ECONFLICT, "already_voted", "candidates",
				      "you have voted for this candidate today");
	count = vote_caps_in_track(v, b->track);
	if (count + b->ncandidates > t->settings.per_track_per_day)
		return refuse(b, PX_ECONFLICT, "track_daily_cap", "track",
			      "this ballot would pass the votes a voter may cast in this track today");
	*slot = count + 1;
	*pseudonym = vote_caps_pseudonym(v);
	t->touched = true;
	for (int i = 0; i < b->ncandidates; i++)
		if ((rc = vote_caps_add(v, b->candidates[i], b->track, err)))
			return rc;
	return 0;
}

/* Check a ballot and add its votes to the batch's rows and hash; its receipts are made here. */
static int take_ballot(struct store_conn *c, struct batch_tx *t, struct vote_ballot *b, crypto_hash_sha256_state *h,
		       struct px_err *err)
{
	const char *voter = "";
	char line[256];
	int64_t slot = 0;
	int rc;

	b->rc = 0;
	rc = check(c, t, b, &slot, &voter, err);
	if (rc || b->rc)
		return rc;
	snprintf(b->state, sizeof(b->state), "%s", b->rule[0] ? "quarantined" : "counted");
	for (int i = 0; i < b->ncandidates; i++) {
		receipt_new(b->receipts[i]);
		t->rows[t->nrows++] = (struct pending){ b, i, slot + i };
		int len = vote_batch_line(line, sizeof(line), b->receipts[i], t->programme_id, b->track, b->candidates[i],
					  voter, t->day, b->state);
		crypto_hash_sha256_update(h, (const unsigned char *)line, (unsigned long long)len);
	}
	return 0;
}

static int by_tally_key(const void *x, const void *y)
{
	const struct pending *a = x, *b = y;
	int64_t ca = a->b->candidates[a->i], cb = b->b->candidates[b->i];
	int d;
	if (ca != cb)
		return ca < cb ? -1 : 1;
	if ((d = strcmp(a->b->state, b->b->state)))
		return d;
	return strcmp(a->b->rule, b->b->rule);
}

/*
 * Add the batch's votes to the running tally, one row per (candidate, state, rule), in the order
 * of that key, so that batches of two nodes lock the tally's rows in one order (no deadlock).
 * Sorts t->rows: after the insert and the hash, which keep the batch's order.
 */
static int tally_rows(struct store_conn *c, struct batch_tx *t, struct px_err *err)
{
	json_t *groups = t->pg ? json_array() : NULL;
	int rc = 0;

	qsort(t->rows, t->nrows, sizeof(*t->rows), by_tally_key);
	for (size_t k = 0, n; k < t->nrows && !rc; k += n) {
		for (n = 1; k + n < t->nrows && !by_tally_key(&t->rows[k], &t->rows[k + n]); n++)
			;
		const struct vote_ballot *b = t->rows[k].b;
		if (groups)
			json_array_append_new(groups, json_pack("{s:I, s:s, s:s, s:I}", "candidate",
								(json_int_t)b->candidates[t->rows[k].i], "state", b->state,
								"rule", b->rule, "votes", (json_int_t)n));
		else
			rc = vote_tally_add(c, t->programme_id, b->candidates[t->rows[k].i], b->state, b->rule, (int64_t)n,
					    err);
	}
	if (groups && json_array_size(groups)) {
		char *text = json_dumps(groups, JSON_COMPACT);
		rc = text ? store_run(c, &Q_TALLY_PG, err, "it", t->programme_id, text)
			  : px_err_set(err, PX_ENOMEM, "out_of_memory", NULL, "out of memory");
		free(text);
	}
	json_decref(groups);
	return rc;
}

static int count_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	(void)s;
	(void)err;
	(*(size_t *)arg)++;
	return 0;
}

/*
 * Insert the batch's rows: one statement on PostgreSQL (a row skipped on conflict), one a row on
 * SQLite (in process, no round trips; a plain INSERT, the unique violation undoing that statement
 * only: RETURNING would cost SQLite a temporary table a row). A row refused is a vote another node
 * committed since this node read the voter: PX_EBUSY, and store_tx runs the batch again; the rerun
 * drops the caps in memory, and the voter's fresh read refuses that ballot.
 */
static int insert_rows(struct store_conn *c, struct batch_tx *t, struct px_err *err)
{
	int64_t now = app_now_us(t->app);
	size_t inserted = 0;
	int rc = 0;

	if (!t->nrows)
		return 0;
	if (t->pg) {
		json_t *rows = json_array();
		for (size_t k = 0; k < t->nrows; k++) {
			const struct vote_ballot *b = t->rows[k].b;
			json_array_append_new(rows, json_pack("{s:I, s:s, s:I, s:s, s:I, s:s, s:s, s:s?, s:s?}", "n",
							      (json_int_t)k, "track", b->track, "candidate",
							      (json_int_t)b->candidates[t->rows[k].i], "voter", b->voter_hash,
							      "slot", (json_int_t)t->rows[k].slot, "receipt",
							      b->receipts[t->rows[k].i], "state", b->state, "rule",
							      b->rule[0] ? b->rule : NULL, "reason", b->reason[0] ? b->reason : NULL));
		}
		char *text = json_dumps(rows, JSON_COMPACT);
		json_decref(rows);
		if (!text)
			return px_err_set(err, PX_ENOMEM, "out_of_memory", NULL, "out of memory");
		rc = store_each(c, &Q_INSERT_PG, count_row, &inserted, err, "itiit", t->programme_id, t->day, t->batch_id,
				now, text);
		free(text);
	} else {
		for (size_t k = 0; k < t->nrows && !rc; k++) {
			const struct vote_ballot *b = t->rows[k].b;
			int i = t->rows[k].i;
			rc = store_run(c, &Q_INSERT, err, "itittittttii", t->programme_id, b->track, b->candidates[i],
				       b->voter_hash, t->day, t->rows[k].slot, b->receipts[i], b->state,
				       b->rule[0] ? b->rule : NULL, b->reason[0] ? b->reason : NULL, t->batch_id, now);
			inserted += !rc;
		}
		if (rc == PX_ECONFLICT && (!err || !strcmp(err->key, "duplicate"))) /* counted short below */
			rc = 0;
	}
	if (rc)
		return rc;
	if (inserted != t->nrows)
		return px_err_set(err, PX_EBUSY, "db_busy", NULL, "a vote was committed at the same time elsewhere");
	t->votes = (int64_t)inserted;
	return 0;
}

static int open_stage(struct store_conn *c, struct batch_tx *t, struct px_err *err)
{
	struct programme p;
	const struct tpl_stage *s;
	int rc = programme_load(c, t->programme_id, &p, err);
	if (rc)
		return rc;
	s = programme_stage(&p);
	rc = s && s->kind == TPL_STAGE_VOTE ? 0
					    : px_err_set(err, PX_ECONFLICT, "vote_not_open", NULL,
							 "the programme is not at a vote stage");
	if (!rc) /* the stage's closing date (or the office's extension) ends the vote */
		rc = stage_window_require_open(t->app, c, &p, s->code, err);
	programme_release(&p);
	return rc;
}

static int batch_in_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct batch_tx *t = arg;
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_state h;
	int rc;

	t->votes = 0;
	t->nrows = 0;
	if (t->touched) /* a rerun: what the last attempt added was not stored */
		vote_caps_forget(t->caps);
	t->touched = false;
	t->gen = vote_other_writes(t->app->vote);
	date_format(app_today(t->app), t->day);
	vote_caps_day(t->caps, t->day);
	if ((rc = open_stage(c, t, err)) ||
	    (rc = vote_caps_candidates(t->caps, c, t->programme_id, t->gen, store_now_us(), &t->cands_read, err)))
		return rc;
	if ((rc = store_get(c, &Q_BATCH_NEW, err, "ii:i", t->programme_id, store_now_us(), &t->batch_id)) < 0)
		return rc;
	crypto_hash_sha256_init(&h);
	for (struct vote_ballot *b = t->ballots; b; b = b->next)
		if ((rc = take_ballot(c, t, b, &h, err)))
			return rc;
	if ((rc = insert_rows(c, t, err)) || (rc = tally_rows(c, t, err)))
		return rc;
	crypto_hash_sha256_final(&h, digest);
	sodium_bin2hex(t->hash, sizeof(t->hash), digest, sizeof(digest));
	if ((rc = store_run(c, &Q_BATCH_SET, err, "iti", t->votes, t->hash, t->batch_id)))
		return rc;
	return audit_record(c, &app_actor_public, "vote.batch", "vote_batch", t->batch_id,
			    json_pack("{s:I, s:I, s:s, s:s}", "programme", (json_int_t)t->programme_id, "votes",
				      (json_int_t)t->votes, "sha256", t->hash, "day", t->day),
			    err);
}

/* After the batch: its counted votes, per candidate, into the kept counts answer (counts.c). */
static void counted(struct vote_runtime *rt, const struct batch_tx *t, bool committed)
{
	int64_t *cands = calloc(t->nrows + 1, sizeof(*cands)), *n = calloc(t->nrows + 1, sizeof(*n));
	size_t k = 0;

	/* the rows are in tally order (candidate, state, rule): a candidate's counted votes are together */
	for (size_t r = 0; committed && cands && n && r < t->nrows; r++) {
		const struct vote_ballot *b = t->rows[r].b;
		if (strcmp(b->state, "counted"))
			continue;
		if (!k || cands[k - 1] != b->candidates[t->rows[r].i])
			cands[k++] = b->candidates[t->rows[r].i];
		n[k - 1]++;
	}
	if (cands && n)
		vote_counts_end(rt, t->programme_id, committed, cands, n, k);
	else /* out of memory: a candidate no answer shows, so that the kept answer is rendered afresh */
		vote_counts_end(rt, t->programme_id, committed, (int64_t[]){ 0 }, (int64_t[]){ 0 }, 1);
	free(cands);
	free(n);
}

/* The programme's settings and caps (made on first use); NULL with err set on failure. */
static struct vote_prog_rt *programme_of(struct app *app, struct batch_tx *t, struct px_err *err)
{
	struct vote_runtime *rt = app->vote;
	struct vote_prog_rt *p;

	pthread_mutex_lock(&rt->lock);
	p = vote_rt_programme(rt, t->programme_id, err);
	if (p)
		t->settings = p->settings;
	pthread_mutex_unlock(&rt->lock);
	if (p && !p->caps && !(p->caps = vote_caps_new())) { /* p->caps is the writer's: no lock */
		px_err_set(err, PX_ENOMEM, "out_of_memory", NULL, "out of memory");
		return NULL;
	}
	if (p)
		t->caps = p->caps;
	return p;
}

/* Commit the ballots of one programme (linked by next) and answer each. */
static void commit_programme(struct app *app, struct vote_ballot *ballots)
{
	struct batch_tx t = { .app = app, .programme_id = ballots->programme_id, .ballots = ballots };
	struct px_err err = { 0 };
	size_t cap = 0;
	int rc;

	for (struct vote_ballot *b = ballots; b; b = b->next)
		cap += (size_t)b->ncandidates;
	t.pg = !strcmp(store_driver_of(app->st)->dialect, "pg");
	if (!programme_of(app, &t, &err))
		rc = err.code ? err.code : PX_EIO;
	else if (!(t.rows = calloc(cap, sizeof(*t.rows))))
		rc = px_err_set(&err, PX_ENOMEM, "out_of_memory", NULL, "out of memory");
	else {
		vote_counts_begin(app->vote, t.programme_id);
		rc = app_tx(app, STORE_TX_WRITE, batch_in_tx, &t, &err);
		if (!rc) /* the batch's commit changed no counts but its programme's (counts.c) */
			atomic_fetch_add(&app->vote->quiet, 1);
		counted(app->vote, &t, !rc);
	}
	if (t.caps && rc)
		vote_caps_forget(t.caps);
	free(t.rows);
	for (struct vote_ballot *b = ballots, *next; b; b = next) {
		next = b->next;
		if (rc) {
			b->rc = rc;
			b->err = err;
		}
		b->done(b);
	}
}

void vote_batch_commit(struct app *app, struct vote_ballot *batch)
{
	while (batch) {
		struct vote_ballot *mine = NULL, **tail = &mine, *rest = NULL, **rtail = &rest;
		int64_t pid = batch->programme_id;
		for (struct vote_ballot *b = batch, *next; b; b = next) {
			next = b->next;
			b->next = NULL;
			if (b->programme_id == pid) {
				*tail = b;
				tail = &b->next;
			} else {
				*rtail = b;
				rtail = &b->next;
			}
		}
		commit_programme(app, mine);
		batch = rest;
	}
}
