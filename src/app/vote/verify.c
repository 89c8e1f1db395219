/*
 * verify.c - verify-tally: recompute every published count of a vote from
 * its published log and check it against the audit chain. The chain is
 * walked in order: a "vote.batch" record names a batch and the SHA-256 of
 * its votes' lines, recomputed here from the log; a "vote.quarantine.*"
 * record moves the votes it names; a "vote.snapshot" record carries the
 * counts that were published, compared with the counts of the votes seen so
 * far in their states at that point. At the end every vote's state must be
 * the one the log shows, and every vote must belong to a batch in the chain.
 */
#include "app/vote/internal.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/tx.h"

static struct store_sql Q_RECORDS = STORE_SQL(
	"SELECT seq, action, object, payload FROM audit WHERE action IN ('vote.batch', 'vote.snapshot', "
	"'vote.quarantine.release', 'vote.quarantine.confirm') ORDER BY seq");

struct lv {
	int64_t id, batch, candidate;
	char receipt[VOTE_RECEIPT_LEN + 1], track[32], voter[VOTE_PSEUDONYM_HEX + 1], day[11], rule[32], state[16];
	const char *run; /* the state replayed from the chain; NULL before its batch */
};

struct walk {
	int64_t programme_id;
	struct lv *votes;   /* by id */
	struct lv **by_batch; /* by (batch, id) */
	size_t n;
	struct vote_tally_report *r;
};

static void problem(struct walk *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(struct walk *w, const char *fmt, ...)
{
	va_list ap;
	if (w->r->problems++)
		return;
	va_start(ap, fmt);
	vsnprintf(w->r->first, sizeof(w->r->first), fmt, ap);
	va_end(ap);
}

static void copy(char *dst, size_t cap, json_t *line, const char *key)
{
	const char *v = json_string_value(json_object_get(line, key));
	snprintf(dst, cap, "%s", v ? v : "");
}

static int parse_log(const char *log, size_t len, struct walk *w, struct px_err *err)
{
	size_t cap = 0, line_no = 0;
	for (const char *p = log, *end = log + len; p < end; line_no++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		json_t *line = n ? json_loadb(p, n, 0, NULL) : NULL;
		p += n + 1;
		if (!n)
			continue;
		if (!json_is_object(line) || !json_is_integer(json_object_get(line, "id"))) {
			json_decref(line);
			return px_err_set(err, PX_EINVAL, "bad_vote_log", "log", "line %zu is not a vote", line_no + 1);
		}
		if (w->n == cap) {
			cap = cap ? cap * 2 : 1024;
			struct lv *t = realloc(w->votes, cap * sizeof(*t));
			if (!t) {
				json_decref(line);
				return px_err_set(err, PX_ENOMEM, "out_of_memory", NULL, "out of memory");
			}
			w->votes = t;
		}
		struct lv *v = &w->votes[w->n++];
		memset(v, 0, sizeof(*v));
		v->id = json_integer_value(json_object_get(line, "id"));
		v->batch = json_integer_value(json_object_get(line, "batch"));
		v->candidate = json_integer_value(json_object_get(line, "candidate"));
		copy(v->receipt, sizeof(v->receipt), line, "receipt");
		copy(v->track, sizeof(v->track), line, "track");
		copy(v->voter, sizeof(v->voter), line, "voter");
		copy(v->day, sizeof(v->day), line, "day");
		copy(v->rule, sizeof(v->rule), line, "rule");
		copy(v->state, sizeof(v->state), line, "state");
		json_decref(line);
		if (w->n > 1 && v->id <= v[-1].id)
			return px_err_set(err, PX_EINVAL, "bad_vote_log", "log", "line %zu is out of order", line_no + 1);
	}
	return 0;
}

static int by_batch(const void *a, const void *b)
{
	const struct lv *x = *(struct lv *const *)a, *y = *(struct lv *const *)b;
	if (x->batch != y->batch)
		return x->batch < y->batch ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static struct lv *vote_by_id(struct walk *w, int64_t id)
{
	size_t lo = 0, hi = w->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (w->votes[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < w->n && w->votes[lo].id == id ? &w->votes[lo] : NULL;
}

static void on_batch(struct walk *w, int64_t batch, json_t *payload)
{
	unsigned char digest[crypto_hash_sha256_BYTES];
	char hex[2 * crypto_hash_sha256_BYTES + 1], line[256];
	crypto_hash_sha256_state h;
	size_t lo = 0, hi = w->n;
	int64_t count = 0;

	while (lo < hi) { /* the first vote of the batch */
		size_t mid = (lo + hi) / 2;
		if (w->by_batch[mid]->batch < batch)
			lo = mid + 1;
		else
			hi = mid;
	}
	crypto_hash_sha256_init(&h);
	for (; lo < w->n && w->by_batch[lo]->batch == batch; lo++, count++) {
		struct lv *v = w->by_batch[lo];
		const char *cast = v->rule[0] ? "quarantined" : "counted";
		int n = vote_batch_line(line, sizeof(line), v->receipt, w->programme_id, v->track, v->candidate, v->voter,
					v->day, cast);
		crypto_hash_sha256_update(&h, (const unsigned char *)line, (unsigned long long)n);
		v->run = cast;
	}
	crypto_hash_sha256_final(&h, digest);
	sodium_bin2hex(hex, sizeof(hex), digest, sizeof(digest));
	w->r->batches++;
	if (count != json_integer_value(json_object_get(payload, "votes")))
		problem(w, "batch %lld: the chain records %lld votes, the log has %lld", (long long)batch,
			(long long)json_integer_value(json_object_get(payload, "votes")), (long long)count);
	else if (strcmp(hex, json_string_value(json_object_get(payload, "sha256")) ?: ""))
		problem(w, "batch %lld: the log's votes do not hash to the chain's %s", (long long)batch,
			json_string_value(json_object_get(payload, "sha256")));
}

static void on_decision(struct walk *w, const char *action, json_t *payload)
{
	const char *to = strstr(action, "release") ? "counted" : "invalid";
	json_t *id;
	size_t i;
	w->r->decisions++;
	json_array_foreach(json_object_get(payload, "votes"), i, id) {
		struct lv *v = vote_by_id(w, json_integer_value(id));
		if (!v || !v->run)
			problem(w, "a decision names vote %lld, absent from the log", (long long)json_integer_value(id));
		else
			v->run = to;
	}
}

static void on_snapshot(struct walk *w, json_t *payload)
{
	json_t *counts = json_object_get(payload, "counts"), *list, *c, *seen = json_object();
	int64_t listed = 0, total = 0;
	const char *track;
	size_t i;
	char key[24];

	w->r->snapshots++;
	for (size_t k = 0; k < w->n; k++)
		total += w->votes[k].run && !strcmp(w->votes[k].run, "counted");
	json_object_foreach(counts, track, list)
		json_array_foreach(list, i, c) {
			int64_t id = json_integer_value(json_object_get(c, "id")), mine = 0;
			int64_t published = json_integer_value(json_object_get(c, "valid"));
			for (size_t k = 0; k < w->n; k++)
				mine += w->votes[k].candidate == id && w->votes[k].run &&
					!strcmp(w->votes[k].run, "counted");
			snprintf(key, sizeof(key), "%lld", (long long)id);
			if (!json_object_get(seen, key)) /* a brand listed in each of its tracks is counted once */
				listed += published;
			json_object_set_new(seen, key, json_true());
			if (mine != published)
				problem(w, "snapshot %lld: candidate %lld published %lld valid votes, the log gives %lld",
					(long long)json_integer_value(json_object_get(payload, "snapshot")), (long long)id,
					(long long)published, (long long)mine);
		}
	json_decref(seen);
	if (listed != total)
		problem(w, "snapshot %lld: published %lld valid votes in all, the log gives %lld",
			(long long)json_integer_value(json_object_get(payload, "snapshot")), (long long)listed,
			(long long)total);
}

static int record_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct walk *w = arg;
	const char *action = store_col_text(s, 1), *object = store_col_text(s, 2);
	json_t *payload = json_loads(store_col_text(s, 3), 0, NULL);
	char mine[40];
	(void)err;

	snprintf(mine, sizeof(mine), "programme:%lld", (long long)w->programme_id);
	if (!strcmp(action, "vote.batch")) {
		if (json_integer_value(json_object_get(payload, "programme")) == w->programme_id &&
		    !strncmp(object, "vote_batch:", 11))
			on_batch(w, strtoll(object + 11, NULL, 10), payload);
	} else if (!strcmp(object, mine)) {
		if (!strcmp(action, "vote.snapshot"))
			on_snapshot(w, payload);
		else
			on_decision(w, action, payload);
	}
	json_decref(payload);
	return 0;
}

static int records_in_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	return store_each(c, &Q_RECORDS, record_row, arg, err, "");
}

int vote_verify_tally(struct app *app, int64_t programme_id, const char *log, size_t len,
		      struct vote_tally_report *report, struct px_err *err)
{
	struct walk w = { programme_id, NULL, NULL, 0, report };
	struct audit_report chain;
	int rc;

	memset(report, 0, sizeof(*report));
	if ((rc = audit_verify(app, &chain, err)))
		return rc;
	report->chain_intact = chain.first_bad == 0;
	if (!report->chain_intact)
		problem(&w, "the audit chain is broken at %lld: %s", (long long)chain.first_bad, chain.problem);
	if ((rc = parse_log(log, len, &w, err)))
		goto out;
	report->votes = (int64_t)w.n;
	if (w.n && !(w.by_batch = malloc(w.n * sizeof(*w.by_batch)))) {
		rc = px_err_set(err, PX_ENOMEM, "out_of_memory", NULL, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < w.n; i++)
		w.by_batch[i] = &w.votes[i];
	if (w.n)
		qsort(w.by_batch, w.n, sizeof(*w.by_batch), by_batch);
	if ((rc = app_tx(app, STORE_TX_READ, records_in_tx, &w, err)))
		goto out;
	for (size_t i = 0; i < w.n; i++) {
		struct lv *v = &w.votes[i];
		if (!v->run)
			problem(&w, "vote %lld: its batch %lld is not in the chain", (long long)v->id, (long long)v->batch);
		else if (strcmp(v->run, v->state))
			problem(&w, "vote %lld: the chain gives '%s', the log shows '%s'", (long long)v->id, v->run,
				v->state);
	}
out:
	free(w.votes);
	free(w.by_batch);
	return rc;
}
