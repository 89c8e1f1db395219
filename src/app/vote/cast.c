/*
 * cast.c - casting votes. vote_cast_submit() runs on the request's thread:
 * it finds the voter session, applies the rate limits (over them, a voter
 * must verify a fresh code: "code_required", never a silent block) and the
 * burst rules of the quarantine, then queues the ballot. The writer thread
 * (runtime.c) hands the queued ballots to vote_batch_commit(), which stores
 * them in one transaction per programme - each ballot all or none, checked
 * against the caps, which unique indexes on the vote table keep for every
 * node - and appends one audit record carrying the batch's hash. Only then
 * is each ballot's `done` called: an acknowledged vote is committed.
 */
#include "app/vote/internal.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/programme/programme.h"
#include "app/tx.h"
#include "core/chain.h"

static struct store_sql Q_SESSION = STORE_SQL(
	"SELECT voter_hash, verified_at, coalesce(flag_rule, ''), expires_at FROM vote_session "
	"WHERE token_hash = $1 AND expires_at > $2");

/* ---- on the request's thread ---- */

struct session_arg {
	const unsigned char *key; /* the token's key in the cache (vote_session_key) */
	const char *token_hash;   /* the token's SHA-256, as stored: made only when the cache misses */
	char voter_hash[72];
	int64_t verified_at;
	char flag[32];
	int64_t expires_at;
	struct vote_runtime *rt;
};

_Static_assert(VOTE_SESSION_KEY_BYTES == crypto_shorthash_siphashx24_BYTES &&
		       sizeof(((struct vote_runtime *)0)->session_key) == crypto_shorthash_siphashx24_KEYBYTES,
	       "the session cache's key is a SipHash-128 of the token");

static struct vote_session_entry *session_slot(struct vote_runtime *rt, const unsigned char *key)
{
	uint64_t i;
	memcpy(&i, key, sizeof(i));
	return &rt->sessions[i & (VOTE_SESSION_CACHE - 1)];
}

/* The session from this node's memory: true when held and not expired. */
static bool session_cached(struct vote_runtime *rt, struct session_arg *a)
{
	bool hit;
	pthread_mutex_lock(&rt->slock);
	const struct vote_session_entry *e = session_slot(rt, a->key);
	int64_t now = store_now_us();
	hit = e->read_at && !sodium_memcmp(e->key, a->key, VOTE_SESSION_KEY_BYTES) && e->expires_at > now &&
	      now - e->read_at < VOTE_SESSION_CACHE_US;
	if (hit) {
		snprintf(a->voter_hash, sizeof(a->voter_hash), "%s", e->voter_hash);
		snprintf(a->flag, sizeof(a->flag), "%s", e->flag);
		a->verified_at = e->verified_at;
	}
	pthread_mutex_unlock(&rt->slock);
	return hit;
}

static int session_in_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct session_arg *a = arg;
	int rc = store_get(c, &Q_SESSION, err, "ti:bibi", a->token_hash, store_now_us(), a->voter_hash,
			   sizeof(a->voter_hash), &a->verified_at, a->flag, sizeof(a->flag), &a->expires_at);
	if (rc == STORE_DONE)
		return px_err_set(err, PX_EUNAUTH, "voter_session_required", "phone",
				  "verify a mobile number with a code first");
	if (rc < 0)
		return rc;
	struct vote_runtime *rt = a->rt;
	pthread_mutex_lock(&rt->slock);
	struct vote_session_entry *e = session_slot(rt, a->key);
	memcpy(e->key, a->key, VOTE_SESSION_KEY_BYTES);
	snprintf(e->voter_hash, sizeof(e->voter_hash), "%s", a->voter_hash);
	snprintf(e->flag, sizeof(e->flag), "%s", a->flag);
	e->verified_at = a->verified_at;
	e->expires_at = a->expires_at;
	e->read_at = store_now_us();
	pthread_mutex_unlock(&rt->slock);
	return 0;
}

/* Rate limits and burst rules, under rt->lock: 0 (maybe a rule hit in b), or "code_required". */
static int limits(struct vote_prog_rt *p, struct vote_ballot *b, int64_t verified_at, struct px_err *err)
{
	char net[48];
	int64_t now = store_now_us();
	bool fresh = now - verified_at < (int64_t)VOTE_FRESH_S * 1000000;

	vote_address_net(b->address, net);
	if (rl_limiter_wait(&p->address, b->address, now) || rl_limiter_wait(&p->net, net, now)) {
		if (!fresh)
			return px_err_set(err, PX_EFORBIDDEN, "code_required", "code",
					  "many votes come from your network: verify your number with a new code");
	} else {
		rl_limiter_take(&p->address, b->address, now, NULL, NULL);
		rl_limiter_take(&p->net, net, now, NULL, NULL);
	}
	if (!b->rule[0] && rl_limiter_take(&p->q_address, b->address, now, NULL, NULL)) {
		snprintf(b->rule, sizeof(b->rule), "address_burst");
		snprintf(b->reason, sizeof(b->reason), "more than %d votes an hour from one address",
			 p->settings.quarantine_address_per_hour);
	}
	if (!b->rule[0] && rl_limiter_take(&p->q_net, net, now, NULL, NULL)) {
		snprintf(b->rule, sizeof(b->rule), "net_burst");
		snprintf(b->reason, sizeof(b->reason), "more than %d votes an hour from one network",
			 p->settings.quarantine_net_per_hour);
	}
	for (int i = 0; i < b->ncandidates; i++)
		if (vote_rt_velocity(p, b->candidates[i], now) && !b->rule[0]) {
			snprintf(b->rule, sizeof(b->rule), "velocity");
			snprintf(b->reason, sizeof(b->reason),
				 "candidate %lld got more than %d times its votes a minute of the last hour",
				 (long long)b->candidates[i], p->settings.velocity_factor);
		}
	return 0;
}

static const char *rule_reason(const char *rule)
{
	if (!strcmp(rule, "device_shared"))
		return "many voters verified on one device";
	if (!strcmp(rule, "sequential_numbers"))
		return "the number was verified in a run of sequential numbers";
	return rule;
}

int vote_cast_submit(struct app *app, struct vote_ballot *b, struct px_err *err)
{
	struct vote_runtime *rt = app->vote;
	char th[CHAIN_HEX_LEN + 1];
	struct vote_prog_rt *p;
	int rc;

	if (!rt)
		return px_err_set(err, PX_EBUSY, "vote_unavailable", NULL, "the vote is not running on this server");
	if (b->ncandidates < 1 || b->ncandidates > VOTE_MAX_CANDIDATES)
		return px_err_set(err, PX_EINVAL, "bad_ballot", "candidates", "a ballot names 1 to %d candidates",
				  VOTE_MAX_CANDIDATES);
	for (int i = 0; i < b->ncandidates; i++)
		for (int j = 0; j < i; j++)
			if (b->candidates[i] == b->candidates[j])
				return px_err_set(err, PX_EINVAL, "bad_ballot", "candidates",
						  "candidate %lld named twice", (long long)b->candidates[i]);
	if (strlen(b->token) != VOTE_TOKEN_HEX)
		return px_err_set(err, PX_EUNAUTH, "voter_session_required", "phone",
				  "verify a mobile number with a code first");
	unsigned char key[VOTE_SESSION_KEY_BYTES];
	crypto_shorthash_siphashx24(key, (const unsigned char *)b->token, VOTE_TOKEN_HEX, rt->session_key);
	struct session_arg s = { key, th, "", 0, "", 0, rt };
	if (!session_cached(rt, &s)) {
		chain_hex_sha256(b->token, VOTE_TOKEN_HEX, th);
		if ((rc = app_tx(app, STORE_TX_READ, session_in_tx, &s, err)))
			return rc;
	}
	snprintf(b->voter_hash, sizeof(b->voter_hash), "%s", s.voter_hash);
	b->rule[0] = b->reason[0] = '\0';
	if (s.flag[0]) {
		snprintf(b->rule, sizeof(b->rule), "%s", s.flag);
		snprintf(b->reason, sizeof(b->reason), "%s", rule_reason(s.flag));
	}
	pthread_mutex_lock(&rt->lock);
	p = vote_rt_programme(rt, b->programme_id, err);
	rc = p ? limits(p, b, s.verified_at, err) : (err ? err->code : PX_ENOTFOUND);
	pthread_mutex_unlock(&rt->lock);
	if (rc)
		return rc;
	b->next = NULL;
	pthread_mutex_lock(&rt->qlock);
	if (rt->stopping) {
		pthread_mutex_unlock(&rt->qlock);
		return px_err_set(err, PX_EBUSY, "vote_unavailable", NULL, "the server is stopping");
	}
	if (rt->tail)
		rt->tail->next = b;
	else
		rt->head = b;
	rt->tail = b;
	pthread_cond_signal(&rt->qcond);
	pthread_mutex_unlock(&rt->qlock);
	return 0;
}

struct waiter {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	bool done;
};

static void wake(struct vote_ballot *b)
{
	struct waiter *w = b->ctx;
	pthread_mutex_lock(&w->lock);
	w->done = true;
	pthread_cond_signal(&w->cond);
	pthread_mutex_unlock(&w->lock);
}

int vote_cast_wait(struct app *app, struct vote_ballot *b, struct px_err *err)
{
	struct waiter w = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, false };
	int rc;
	b->done = wake;
	b->ctx = &w;
	if ((rc = vote_cast_submit(app, b, err)))
		return rc;
	pthread_mutex_lock(&w.lock);
	while (!w.done)
		pthread_cond_wait(&w.cond, &w.lock);
	pthread_mutex_unlock(&w.lock);
	if (b->rc && err)
		*err = b->err;
	return b->rc;
}
