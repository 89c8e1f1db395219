/*
 * vote.h - the public vote (网络人气冲榜), an engine piece usable by any
 * programme whose current stage is of kind `vote`: candidates are the
 * programme's applications in a track (docs/vote.md).
 *
 *  - one-time codes: vote_code_request() sends a 6-digit code to a mobile
 *    number through the SMS gateway (app/sms/sms.h); vote_session_open()
 *    checks it and opens a voter session bound to the number's keyed hash;
 *  - casting: vote_cast_submit() queues a ballot; a writer thread commits
 *    the queued ballots in batches (group commit, one audit record carrying
 *    each batch's hash) and then calls each ballot's `done`;
 *  - quarantine: suspicious votes are kept with a rule and a reason and
 *    counted only when the office releases them;
 *  - publication: counts, the exclusion report, receipts.
 * The runtime (rate limits, the recent numbers for the sequential rule, the
 * batch queue) lives in app->vote, made by vote_runtime_start().
 */
#ifndef PX_APP_VOTE_H
#define PX_APP_VOTE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "app/app.h"

#define VOTE_CODE_DIGITS 6
#define VOTE_CODE_TTL_S 300        /* a code lives five minutes */
#define VOTE_CODE_ATTEMPTS 5       /* wrong entries before a code is dead */
#define VOTE_CODE_INTERVAL_S 60    /* one code a minute to a number */
#define VOTE_TOKEN_HEX 64
#define VOTE_RECEIPT_LEN 12
#define VOTE_MAX_CANDIDATES 32     /* candidates in one ballot */
#define VOTE_SESSION_TTL_S (2 * 3600)
#define VOTE_FRESH_S 120           /* a session this recently verified passes the rate limits */

/* The vote's settings: the template's "section": {"vote": {...}}, else the defaults. */
struct vote_settings {
	int per_candidate_per_day; /* 1: one vote per candidate per voter per day */
	int per_track_per_day;     /* N votes per track per voter per day */
	int codes_per_day;         /* codes sent to one number a day */
	int address_burst;         /* votes from one address before a fresh code is asked for */
	int address_interval_s;    /* ... then one every this many seconds */
	int net_burst;             /* the same for one /24 (IPv4) or /64 (IPv6) */
	int net_interval_s;
	int quarantine_address_per_hour; /* votes of one address past this are quarantined */
	int quarantine_net_per_hour;
	int device_voters_max;     /* voters on one device cookie before the next are quarantined */
	int sequential_run;        /* numbers verified within +-10 of each other in 10 min */
	int velocity_factor;       /* a candidate's votes this minute past factor x its baseline ... */
	int velocity_floor;        /* ... (its mean a minute over the last hour, at least the floor) */
	bool live;                 /* live counts; false: the daily snapshot only */
	int publish_hour;          /* the snapshot's hour (China time) when not live */
};

void vote_settings_default(struct vote_settings *s);
/*
 * Read the "vote" object of a template's section (NULL: the defaults) into
 * *s. PX_EINVAL "bad_template" naming "section.vote.<key>" for an unknown
 * key or a value out of range; a family's check_section calls it.
 */
int vote_settings_parse(const json_t *vote, struct vote_settings *s, struct px_err *err);

/* A fresh random token (a cookie): 32 random bytes in hex. */
void vote_random_token(char out[VOTE_TOKEN_HEX + 1]);

/* Start the runtime (limiters, the batch writer) in app->vote; vote_runtime_stop() ends it. */
int vote_runtime_start(struct app *app, struct px_err *err);
void vote_runtime_stop(struct app *app);

/*
 * Send a code to `phone` (a mainland mobile number), asked from `address`.
 * Throttled per number (one a minute, codes_per_day a day: PX_ELIMIT
 * "code_too_soon", "code_daily_limit") and per address (PX_ELIMIT
 * "rate_limited"); *retry_after_s says how long to wait. PX_EBUSY
 * "sms_unavailable" without a gateway. The number is stored only as its
 * keyed hash, the code only as a keyed hash.
 */
int vote_code_request(struct app *app, const char *phone, const char *address, int64_t *retry_after_s,
		      struct px_err *err);

/*
 * Check the code sent to `phone` and open a voter session: token (the
 * cookie, 64 hex) into `token`. `device` is the device cookie (may be ""),
 * kept only as its hash. Errors: PX_EUNAUTH "code_invalid" (no code, used,
 * or wrong: the attempt is counted), "code_expired"; PX_ELIMIT
 * "code_attempts_exhausted".
 */
int vote_session_open(struct app *app, const char *phone, const char *code, const char *device,
		      char token[VOTE_TOKEN_HEX + 1], struct px_err *err);

/* A ballot: one voter, one track, one or more candidates, all or none. */
struct vote_ballot {
	/* in */
	int64_t programme_id;
	char track[32];
	int64_t candidates[VOTE_MAX_CANDIDATES];
	int ncandidates;
	char token[VOTE_TOKEN_HEX + 1]; /* the voter session cookie */
	char address[48];               /* the client address (never stored) */
	/* set by vote_cast_submit: the voter and the rule hit, if any */
	char voter_hash[72];
	char rule[32];
	char reason[128];
	/* out, when done: rc 0 and the receipts, or rc < 0 and err */
	int rc;
	struct px_err err;
	char receipts[VOTE_MAX_CANDIDATES][VOTE_RECEIPT_LEN + 1];
	char state[16]; /* "counted" or "quarantined" */
	void (*done)(struct vote_ballot *b);
	void *ctx;
	struct vote_ballot *next; /* the queue's */
};

/*
 * Check the ballot's voter session and rate limits, then queue it: 0 when
 * queued (b->done runs later, on the writer thread, after the batch's commit
 * or failure; b must live until then), or an error now (done is not called):
 * PX_EUNAUTH "voter_session_required", PX_EFORBIDDEN "code_required" (over
 * a rate limit: verify a fresh code), PX_EINVAL "bad_ballot".
 */
int vote_cast_submit(struct app *app, struct vote_ballot *b, struct px_err *err);

/* vote_cast_submit and wait for the batch (the CLI, the demo). */
int vote_cast_wait(struct app *app, struct vote_ballot *b, struct px_err *err);

/* Public views; caller owns *out. */
int vote_receipt_json(struct app *app, const char *receipt, json_t **out, struct px_err *err);
int vote_counts_json(struct app *app, int64_t programme_id, json_t **out, struct px_err *err);
/*
 * The counts answer of vote_counts_json as JSON text with its ETag ("\"<16 hex>\""), kept ready per
 * programme (counts.c): the writer adds each batch's counted votes to it; another write of the node
 * or a second's age has it rendered afresh. The caller frees *body.
 */
int vote_counts_text(struct app *app, int64_t programme_id, char **body, size_t *len, char etag[24],
		     struct px_err *err);
int vote_exclusions_json(struct app *app, int64_t programme_id, json_t **out, struct px_err *err);
/* The candidates of a track in the order shuffled for this voter token (may be ""). */
int vote_candidates_json(struct app *app, int64_t programme_id, const char *track, const char *token,
			 json_t **out, struct px_err *err);

/* The office: the quarantine, and its decision on some votes ("release" or "confirm"), audited. */
int vote_quarantine_json(struct app *app, const struct app_actor *actor, int64_t programme_id, json_t **out,
			 struct px_err *err);
/* The office's monitor: votes a minute per track and state over the last hour ({track, minute (unix s), state, votes}). */
int vote_monitor_json(struct app *app, const struct app_actor *actor, int64_t programme_id, json_t **out,
		      struct px_err *err);
int vote_quarantine_decide(struct app *app, const struct app_actor *actor, int64_t programme_id,
			   const int64_t *votes, int nvotes, const char *action, const char *reason,
			   json_t **out, struct px_err *err);

/*
 * Take a snapshot of the valid counts now (the office, or the CLI): stored,
 * hashed, and its counts carried by the audit record "vote.snapshot".
 * Under the daily policy, vote_counts_json() takes the day's snapshot by
 * itself at the first read after publish_hour.
 */
int vote_snapshot_take(struct app *app, const struct app_actor *actor, int64_t programme_id, json_t **out,
		       struct px_err *err);

/*
 * The pseudonymised vote log (one JSON object a line, see log.c), once the
 * programme has moved past its last vote stage: PX_ECONFLICT
 * "vote_not_closed" before. *out (malloc'd, NUL-terminated) is the caller's.
 */
int vote_log(struct app *app, int64_t programme_id, char **out, size_t *len, struct px_err *err);

struct vote_tally_report {
	int64_t votes, batches, decisions, snapshots;
	int64_t problems;       /* 0: every published count is recomputed from the log */
	char first[256];        /* the first problem found */
	bool chain_intact;
};

/*
 * Check a published vote log against the audit chain: the chain is intact,
 * every batch's hash is recomputed from the log's lines, the office's
 * decisions replayed in chain order give each vote's state in the log, and
 * every published snapshot equals the counts recomputed at its place in the
 * chain. 0 when the check ran (see report->problems); an error when it
 * could not (a malformed log: PX_EINVAL "bad_vote_log").
 */
int vote_verify_tally(struct app *app, int64_t programme_id, const char *log, size_t len,
		      struct vote_tally_report *report, struct px_err *err);

/*
 * For the ranking's composite: call fn(application_id, valid votes, arg) for
 * each candidate of the track (valid = counted; quarantined and invalid
 * votes excluded), inside the caller's transaction c. fn returns 0 to go on.
 */
typedef int (*vote_count_fn)(int64_t application_id, int64_t valid, void *arg);
int vote_valid_counts(struct store_conn *c, int64_t programme_id, const char *track, vote_count_fn fn,
		      void *arg, struct px_err *err);

#endif
