/*
 * demo_ranking_vote.h - the public vote (网络人气冲榜) of the Guangzhou demo
 * (demo_ranking.c): some two thousand synthetic voters prove their numbers
 * with codes from the demo's SMS gateway and cast about 30,000 ballots over
 * the vote's days through the vote's own casting path, some of them in
 * patterns the quarantine catches; the office then decides the quarantine.
 */
#ifndef PX_CLI_DEMO_RANKING_VOTE_H
#define PX_CLI_DEMO_RANKING_VOTE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cli/demo_http.h"
#include "util/err.h"

struct app;

/* A candidate of the vote: its application, the index of its track in `tracks`, its quality (0..1). */
struct demo_vote_candidate {
	int64_t id;
	int track;
	double quality;
};

struct demo_vote_play {
	struct app *app;            /* the demo's server, whose vote runtime and SMS gateway are running */
	struct demo_client *office; /* the programme's office: the daily snapshots, the quarantine */
	struct demo_client *clock;  /* an office that moves the rehearsal date */
	int64_t programme_id;       /* at its `vote` stage */
	const char *const *tracks;  /* the track codes */
	int ntracks;
	const struct demo_vote_candidate *candidates;
	size_t ncandidates;
	const char *first_day, *last_day; /* the vote's window, YYYY-MM-DD */
	const char *sms_log;        /* the `file` gateway's log, where the codes are read */
	FILE *log;                  /* progress lines */
};

/*
 * Play the vote day by day from first_day to last_day (the rehearsal date
 * moved each day, left on last_day), then the office's decision on the
 * quarantine. 0, or the first error.
 */
int demo_ranking_vote(const struct demo_vote_play *p, struct px_err *err);

/*
 * Once the programme has moved past its vote stage: its published vote log
 * (vote_log) checked against the audit chain (vote_verify_tally), as
 * `pingxuan verify-tally` does; the result to log. PX_EINTERNAL
 * "tally_mismatch" naming the first difference.
 */
int demo_ranking_vote_verify(struct app *app, int64_t programme_id, FILE *log, struct px_err *err);

#endif
