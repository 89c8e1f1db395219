/*
 * internal.h - what the files of app/vote/ share: the runtime in app->vote
 * (per-programme limiters, the recent numbers, the batch queue) and the
 * helpers to load a programme's vote settings.
 */
#ifndef PX_APP_VOTE_INTERNAL_H
#define PX_APP_VOTE_INTERNAL_H

#include <pthread.h>

#include "app/vote/vote.h"
#include "core/ratelimit.h"

#define VOTE_RT_PROGRAMMES 32
#define VOTE_RT_KEYS 16384
#define VOTE_RECENT_NUMBERS 4096
#define VOTE_RECENT_WINDOW_US (600LL * 1000000)
#define VOTE_BATCH_MAX 512

#define VOTE_RT_CANDIDATES 1024

/* A candidate's votes a minute over the last hour, for the velocity rule. */
struct vote_velocity {
	int64_t candidate;
	int64_t minute;          /* the minute of the newest bucket */
	uint32_t per_minute[60]; /* by minute % 60 */
};

/* The limiters of one programme, made from its settings on first use. */
struct vote_prog_rt {
	int64_t programme_id;
	struct vote_settings settings;
	struct rl_limiter address, net;     /* over: ask for a fresh code */
	struct rl_limiter q_address, q_net; /* over: quarantine */
	struct vote_velocity velocity[VOTE_RT_CANDIDATES];
	int nvelocity;
};

#define VOTE_SESSION_CACHE 16384 /* a power of two */
#define VOTE_SESSION_CACHE_US 1000000 /* a session read is kept this long */

/*
 * A voter session as read from the table, kept a second: a voter's ballots
 * come in runs, and each would otherwise read the table first.
 */
struct vote_session_entry {
	char token_hash[65];
	char voter_hash[72];
	int64_t verified_at, expires_at, read_at;
	char flag[32];
};

struct vote_runtime {
	struct app *app;
	pthread_mutex_t slock;      /* guards sessions */
	struct vote_session_entry *sessions; /* direct-mapped by the token hash */
	pthread_mutex_t lock; /* guards everything below but the queue */
	struct vote_prog_rt *progs[VOTE_RT_PROGRAMMES];
	int nprogs;
	struct rl_limiter otp_address;
	struct { int64_t number, at_us; } recent[VOTE_RECENT_NUMBERS];
	int recent_next;
	/* the batch queue */
	pthread_mutex_t qlock;
	pthread_cond_t qcond;
	struct vote_ballot *head, *tail;
	bool stopping;
	bool running;
	pthread_t writer;
};

/* The vote settings of a programme's template text (the defaults when it has none). */
int vote_settings_of_config(const char *config, struct vote_settings *s, struct px_err *err);

/* The programme's limiters (made on first use from its settings); NULL on failure. Hold rt->lock. */
struct vote_prog_rt *vote_rt_programme(struct vote_runtime *rt, int64_t programme_id, struct px_err *err);

/*
 * Count one vote for candidate at now_us; true when it passes
 * velocity_factor x the candidate's baseline (its mean a minute over the
 * previous hour, at least velocity_floor). Hold rt->lock.
 */
bool vote_rt_velocity(struct vote_prog_rt *p, int64_t candidate, int64_t now_us);

/*
 * Would this number complete a run of `run` numbers within +-10 of each
 * other verified in the last ten minutes? vote_rt_verified() adds a number
 * once its code is right (wrong codes add nothing). Hold rt->lock.
 */
bool vote_rt_sequential(struct vote_runtime *rt, const char *phone, int run);
void vote_rt_verified(struct vote_runtime *rt, const char *phone);

/* The ballots queued are committed by vote_batch_commit() (cast.c) on the writer thread. */
void vote_batch_commit(struct app *app, struct vote_ballot *batch);

/* The network of an address: "a.b.c" of IPv4, the first four groups of IPv6. */
void vote_address_net(const char *address, char out[48]);

/* Add n (may be negative) to the running tally of (programme, candidate, state, rule); rule "" for none. */
int vote_tally_add(struct store_conn *c, int64_t programme_id, int64_t candidate, const char *state, const char *rule,
		   int64_t n, struct px_err *err);

#define VOTE_PSEUDONYM_HEX 32

/*
 * The voter as the published log shows them: the first 32 hex digits of
 * SHA-256("pingxuan-vote:<programme>:<voter hash>"), one pseudonym per
 * programme, so logs of two programmes cannot be joined on it.
 */
void vote_pseudonym(int64_t programme_id, const char *voter_hash, char out[VOTE_PSEUDONYM_HEX + 1]);

/*
 * A vote's line in its batch's hash: "receipt|programme|track|candidate|
 * pseudonym|day|state at casting\n" (state "counted" or "quarantined").
 * Returns its length; the published log carries every field of it.
 */
int vote_batch_line(char *buf, size_t cap, const char *receipt, int64_t programme_id, const char *track,
		    int64_t candidate, const char *pseudonym, const char *day, const char *cast_state);

#endif
