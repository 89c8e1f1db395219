/*
 * internal.h - what the files of app/vote/ share: the runtime in app->vote
 * (per-programme limiters, the recent numbers, the batch queue) and the
 * helpers to load a programme's vote settings.
 */
#ifndef PX_APP_VOTE_INTERNAL_H
#define PX_APP_VOTE_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>

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

#define VOTE_CAPS_VOTERS 262144 /* voters of a day kept in memory; past it the table starts again */
#define VOTE_CAPS_CANDIDATES_US 1000000 /* candidates read again after a second (another node's writes) */

struct vote_caps;
struct caps_voter;

/* The limiters of one programme, made from its settings on first use. */
struct vote_prog_rt {
	int64_t programme_id;
	struct vote_settings settings;
	struct rl_limiter address, net;     /* over: ask for a fresh code */
	struct rl_limiter q_address, q_net; /* over: quarantine */
	struct vote_velocity velocity[VOTE_RT_CANDIDATES];
	int nvelocity;
	struct vote_caps *caps; /* the writer thread's alone (caps.c) */
};

#define VOTE_SESSION_CACHE 16384 /* a power of two */
#define VOTE_SESSION_CACHE_US 1000000 /* a session read is kept this long */

#define VOTE_SESSION_KEY_BYTES 16 /* crypto_shorthash_siphashx24_BYTES */

/*
 * A voter session as read from the table, kept a second: a voter's ballots
 * come in runs, and each would otherwise read the table first. Found by
 * the token's SipHash-128 under the node's random key (a SHA-256 of the
 * token, as the table stores it, is made only when the cache misses).
 */
struct vote_session_entry {
	unsigned char key[VOTE_SESSION_KEY_BYTES];
	char voter_hash[72];
	int64_t verified_at, expires_at, read_at;
	char flag[32];
};

#define VOTE_COUNTS_MAX_AGE_US 1000000 /* a kept counts answer is rendered again after this */

/* The public counts answer of one programme as last rendered (counts.c). */
struct vote_counts_entry {
	int64_t programme_id;
	uint64_t version;                /* bumped after each batch of the programme that stored votes */
	uint64_t key_version, key_other; /* what the kept answer was rendered under */
	int64_t born_us;
	char *body;                      /* NULL: none kept */
	json_t *doc;                     /* the kept answer of live counts, to add a batch to; NULL otherwise */
	bool daily;                      /* the kept answer is a daily snapshot's */
	bool inflight;                   /* a batch of the programme is being stored */
	int64_t read_us;                 /* the last read */
	size_t len;
	char etag[24];
};

struct vote_runtime {
	struct app *app;
	_Atomic uint64_t quiet; /* this node's vote commits that change no counts (batches, codes, sessions) */
	pthread_mutex_t clock;  /* guards counts */
	struct vote_counts_entry counts[VOTE_RT_PROGRAMMES];
	int ncounts;
	pthread_mutex_t slock;      /* guards sessions */
	unsigned char session_key[16]; /* crypto_shorthash_siphashx24_KEYBYTES, random per node */
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

/*
 * The caps in the writer's memory (caps.c); only the writer thread calls these.
 * vote_caps_new: NULL when out of memory; vote_caps_free frees all.
 * vote_caps_forget: drop everything (a batch failed or met another node's vote).
 * vote_caps_day: start the day's voters afresh when the day changed (or the table is full).
 * vote_caps_voter: the voter's votes of the day, read from the table on first sight; owned by caps.
 * vote_caps_candidates: the candidates standing, read again (*read true) unless read under the
 * same vote_other_writes() `gen` less than VOTE_CAPS_CANDIDATES_US ago (vote_caps_candidates_stale:
 * read them at the next call).
 */
struct vote_caps *vote_caps_new(void);
void vote_caps_free(struct vote_caps *caps);
void vote_caps_forget(struct vote_caps *caps);
void vote_caps_candidates_stale(struct vote_caps *caps);
void vote_caps_day(struct vote_caps *caps, const char *day);
int vote_caps_voter(struct vote_caps *caps, struct store_conn *c, int64_t programme_id, const char *voter_hash,
		    struct caps_voter **out, struct px_err *err);
int vote_caps_candidates(struct vote_caps *caps, struct store_conn *c, int64_t programme_id, uint64_t gen,
			 int64_t now_us, bool *read, struct px_err *err);
/* Does the candidate stand in the track? Has the voter voted for it today? The voter's votes in the track today. */
bool vote_caps_stands(const struct vote_caps *caps, int64_t candidate, const char *track);
bool vote_caps_voted(const struct caps_voter *v, int64_t candidate);
/* The voter's pseudonym in this programme (vote_pseudonym), kept with the voter. */
const char *vote_caps_pseudonym(const struct caps_voter *v);
int64_t vote_caps_in_track(const struct caps_voter *v, const char *track);
/* Add a vote the batch takes (undone by vote_caps_forget when the batch fails). */
int vote_caps_add(struct caps_voter *v, int64_t candidate, const char *track, struct px_err *err);

/*
 * The writes committed by this node but the vote's own that change no counts nor candidates
 * (batches, codes, sessions): answers kept in memory are keyed by it (counts.c).
 */
uint64_t vote_other_writes(struct vote_runtime *rt);

/*
 * The writer around each batch of a programme (counts.c): vote_counts_begin before it,
 * vote_counts_end after it with whether it committed and the counted votes it stored per candidate
 * (candidates[i] got n[i], k of them): the kept live answer takes them and its text and ETag are
 * made again (no read of the database), or it is rendered afresh when read in the last second.
 */
void vote_counts_begin(struct vote_runtime *rt, int64_t programme_id);
void vote_counts_end(struct vote_runtime *rt, int64_t programme_id, bool committed, const int64_t *candidates,
		     const int64_t *n, size_t k);

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
