/*
 * demo_ranking_vote.c - the Guangzhou demo's public vote (demo_ranking_vote.h),
 * played through the vote's own paths, so that every cap, receipt, batch
 * hash and audit record is real:
 *
 *  - numbers: every voter's mobile number lies in the 154 segment, which
 *    has not been allocated to any mobile operator: the numbers are
 *    fictional, and the demo's gateway sends nothing anyway. They are stored as
 *    keyed hashes as always; the clear ones live in this process only (and
 *    in the demo's SMS log, as any code sent by the `file` gateway).
 *  - sessions: each number asks a code (vote_code_request) through the
 *    demo's SMS gateway (the `file` driver, cmd_demo.c), the code is read
 *    back from the gateway's log and entered (vote_session_open), as a phone
 *    would: the sessions carry the device cookie and the rules decided at
 *    verification. Nothing is written into the vote's tables by hand.
 *  - addresses: 198.18.0.0/15, the block set aside for benchmarks (RFC 2544),
 *    one address a voter of the public, spread over some 450 networks.
 *  - ballots: each day a voter of the public votes with a probability of
 *    their own (0.7 to 1), in a track drawn by the tracks' popularity, for one to three
 *    brands drawn by a skewed popularity (a few brands popular, most not),
 *    often a second ballot in another track. A day's ballots are all
 *    submitted at once (vote_cast_submit), so the writer commits them in its
 *    batches (group commit); the day is over when every `done` has run.
 *  - fraud: a 刷票 studio casting the gathered codes of 80 numbers from one
 *    address for one brand (address_burst past 300 votes an hour), a phone
 *    farm of 24 numbers on one device cookie (device_shared from the fourth),
 *    a block of 40 consecutive numbers verified together (sequential_numbers
 *    from the fifth). A family of five sharing a tablet trips the device
 *    rule too: the office releases those votes and confirms the rest through
 *    the quarantine's endpoint (vote_quarantine_decide).
 * Each day ends with the office's snapshot of the counts (the template
 * publishes daily). The draws are seeded, so the demo votes the same way
 * each time; the rate rules count real time, so the quarantine's figures
 * may move by a vote or two between runs.
 */
#include "cli/demo_ranking_vote.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/vote/vote.h"
#include "core/date.h"
#include "util/file.h"

#define N_PUBLIC 2000
#define N_FAMILY 5
#define N_FARM 24
#define N_RUN 40
#define N_STUDIO 80
#define N_VOTERS (N_PUBLIC + N_FAMILY + N_FARM + N_RUN + N_STUDIO)
#define MAX_TRACKS 8
#define MAX_CANDIDATES 256
#define SEGMENT 15400000000LL /* 154 0000 0000: a segment not allocated to any mobile operator */
#define DECIDE_CHUNK 500      /* votes one decision names at most (app/vote/quarantine.c) */

enum group { G_PUBLIC, G_FAMILY, G_FARM, G_RUN, G_STUDIO };

/* The rules the figures are kept for, in the order printed. */
static const char *const rules[] = { "address_burst", "net_burst", "device_shared", "sequential_numbers", "velocity" };
#define NRULES (sizeof(rules) / sizeof(rules[0]))

/* How the public spreads its ballots over the tracks, by track code (others: 1). */
static const struct {
	const char *code;
	double weight;
} track_pull[] = { { "online", 2.4 }, { "consumer", 2.0 }, { "leading", 1.6 }, { "tech", 1.2 }, { "heritage", 1.0 } };

struct voter {
	enum group group;
	int64_t number;
	char phone[12];
	char home[20]; /* the address the code is asked from */
	char cast[20]; /* the address the ballots come from */
	char device[VOTE_TOKEN_HEX + 1];
	char code[VOTE_CODE_DIGITS + 1];
	char token[VOTE_TOKEN_HEX + 1];
	double activity;
};

struct sim {
	const struct demo_vote_play *p;
	uint64_t rng;
	struct voter *v;
	double pull[MAX_TRACKS];
	double popularity[MAX_CANDIDATES];
	int64_t studio_brand, farm_brand, run_brand;
	struct vote_ballot *b; /* a day's ballots */
	int nb;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int pending;
	int64_t ballots, votes, counted, quarantined, refused, by_rule[NRULES], released, confirmed, snapshots;
	struct px_err refusal; /* the first ballot refused, if any */
};

static uint64_t draw(struct sim *s) /* splitmix64 */
{
	uint64_t z = (s->rng += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static double uniform(struct sim *s)
{
	return (double)(draw(s) >> 11) * 0x1.0p-53;
}

/* ---- the voters ---- */

static enum group group_of(int i)
{
	if (i < N_PUBLIC)
		return G_PUBLIC;
	if ((i -= N_PUBLIC) < N_FAMILY)
		return G_FAMILY;
	if ((i -= N_FAMILY) < N_FARM)
		return G_FARM;
	return i - N_FARM < N_RUN ? G_RUN : G_STUDIO;
}

/* Is n within +-10 of a number given so far, or of the consecutive block? Such a number would make a run. */
static bool near_taken(const struct sim *s, int upto, int64_t n, int64_t block)
{
	if (n >= block - 10 && n <= block + N_RUN + 10)
		return true;
	for (int i = 0; i < upto; i++)
		if (s->v[i].number && llabs(s->v[i].number - n) <= 10)
			return true;
	return false;
}

/* An address of the public: 198.18.0.0 - 198.19.199.255 (198.19.200-255 are the fraud's). */
static void public_address(struct sim *s, char out[20])
{
	int net = (int)(draw(s) % 456), host = 1 + (int)(draw(s) % 254);
	snprintf(out, 20, "198.%d.%d.%d", net < 256 ? 18 : 19, net < 256 ? net : net - 256, host);
}

static void make_voters(struct sim *s)
{
	int64_t block = SEGMENT + 100 + (int64_t)(draw(s) % 99990000);
	char tablet[VOTE_TOKEN_HEX + 1], farm[VOTE_TOKEN_HEX + 1];
	vote_random_token(tablet);
	vote_random_token(farm);
	for (int i = 0, run = 0; i < N_VOTERS; i++) {
		struct voter *v = &s->v[i];
		v->group = group_of(i);
		if (v->group == G_RUN)
			v->number = block + run++;
		else
			do
				v->number = SEGMENT + (int64_t)(draw(s) % 100000000);
			while (near_taken(s, i, v->number, block));
		snprintf(v->phone, sizeof(v->phone), "%lld", (long long)v->number);
		public_address(s, v->home);
		if (v->group == G_FAMILY) /* the family's home network */
			snprintf(v->home, sizeof(v->home), "198.19.202.15");
		snprintf(v->cast, sizeof(v->cast), "%s",
			 v->group == G_STUDIO ? "198.19.200.7" : v->group == G_FARM ? "198.19.201.9" : v->home);
		if (v->group == G_FAMILY || v->group == G_FARM)
			memcpy(v->device, v->group == G_FAMILY ? tablet : farm, sizeof(v->device));
		else
			vote_random_token(v->device);
		v->activity = 0.7 + 0.3 * uniform(s);
	}
}

struct by_number {
	int64_t number;
	int voter;
};

static int by_number(const void *a, const void *b)
{
	int64_t x = ((const struct by_number *)a)->number, y = ((const struct by_number *)b)->number;
	return x < y ? -1 : x > y;
}

/* The codes the gateway wrote, each to its voter (the last code sent to a number wins). */
static int read_codes(struct sim *s, struct px_err *err)
{
	struct by_number *sorted = malloc(sizeof(*sorted) * N_VOTERS), key = { 0, 0 };
	char *text = NULL, *line, *next;
	size_t len;
	int rc = sorted ? file_read(s->p->sms_log, 64 << 20, &text, &len, err)
			: px_err_set(err, PX_ENOMEM, "out_of_memory", NULL, "out of memory");
	if (rc)
		goto out;
	for (int i = 0; i < N_VOTERS; i++)
		sorted[i] = (struct by_number){ s->v[i].number, i };
	qsort(sorted, N_VOTERS, sizeof(*sorted), by_number);
	for (line = text; line && *line; line = next) {
		if ((next = strchr(line, '\n')))
			*next++ = '\0';
		json_t *j = json_loads(line, 0, NULL);
		const char *phone = json_string_value(json_object_get(j, "phone"));
		const char *code = json_string_value(json_object_get(json_object_get(j, "params"), "code"));
		key.number = phone ? strtoll(phone, NULL, 10) : 0;
		struct by_number *hit = code ? bsearch(&key, sorted, N_VOTERS, sizeof(*sorted), by_number) : NULL;
		if (hit)
			snprintf(s->v[hit->voter].code, sizeof(s->v[hit->voter].code), "%s", code);
		json_decref(j);
	}
out:
	free(text);
	free(sorted);
	return rc;
}

/* Every voter asks a code, reads it from the SMS log and enters it: a voter session each. */
static int verify_all(struct sim *s, struct px_err *err)
{
	int64_t wait;
	int rc = 0;
	for (int i = 0; i < N_VOTERS && !rc; i++)
		rc = vote_code_request(s->p->app, s->v[i].phone, s->v[i].home, &wait, err);
	if (rc || (rc = read_codes(s, err)))
		return rc;
	for (int i = 0; i < N_VOTERS && !rc; i++)
		rc = vote_session_open(s->p->app, s->v[i].phone, s->v[i].code, s->v[i].device, s->v[i].token, err);
	return rc;
}

/* ---- what they vote for ---- */

/* The brands' popularity: ranked within the track by quality and a draw, weighted 1/rank (a few lead). */
static void popularity(struct sim *s)
{
	const struct demo_vote_play *p = s->p;
	double score[MAX_CANDIDATES];
	for (size_t i = 0; i < p->ncandidates; i++)
		score[i] = p->candidates[i].quality + 0.4 * uniform(s);
	for (size_t i = 0; i < p->ncandidates; i++) {
		int rank = 1;
		for (size_t j = 0; j < p->ncandidates; j++)
			if (p->candidates[j].track == p->candidates[i].track && score[j] > score[i])
				rank++;
		s->popularity[i] = 1.0 / (rank * (0.6 + 0.4 * rank));
	}
	for (int t = 0; t < p->ntracks; t++) {
		s->pull[t] = 1;
		for (size_t k = 0; k < sizeof(track_pull) / sizeof(track_pull[0]); k++)
			if (!strcmp(track_pull[k].code, p->tracks[t]))
				s->pull[t] = track_pull[k].weight;
	}
}

/* The least popular brand of the track named (the first track when none is): the fraud's client. */
static int64_t weakest(const struct sim *s, const char *track)
{
	const struct demo_vote_play *p = s->p;
	int64_t id = 0;
	double least = 2;
	int t = 0;
	for (int i = 0; i < p->ntracks; i++)
		if (!strcmp(p->tracks[i], track))
			t = i;
	for (size_t i = 0; i < p->ncandidates; i++)
		if (p->candidates[i].track == t && s->popularity[i] < least) {
			least = s->popularity[i];
			id = p->candidates[i].id;
		}
	return id ? id : p->candidates[0].id;
}

static int pick_track(struct sim *s, int except)
{
	double total = 0, x;
	for (int t = 0; t < s->p->ntracks; t++)
		total += t == except ? 0 : s->pull[t];
	x = uniform(s) * total;
	for (int t = 0; t < s->p->ntracks; t++) {
		if (t == except)
			continue;
		if ((x -= s->pull[t]) < 0)
			return t;
	}
	return except == 0 ? 1 % s->p->ntracks : 0;
}

static struct vote_ballot *ballot(struct sim *s, const struct voter *v, int track)
{
	struct vote_ballot *b = &s->b[s->nb++];
	memset(b, 0, sizeof(*b));
	b->programme_id = s->p->programme_id;
	snprintf(b->track, sizeof(b->track), "%s", s->p->tracks[track]);
	memcpy(b->token, v->token, sizeof(b->token));
	snprintf(b->address, sizeof(b->address), "%s", v->cast);
	return b;
}

/* Is the brand `avoid`, or named by the day's earlier ballot of the voter (one vote a brand a day)? */
static bool avoided(const struct vote_ballot *earlier, int64_t avoid, int64_t id)
{
	for (int i = 0; earlier && i < earlier->ncandidates; i++)
		if (earlier->candidates[i] == id)
			return true;
	return id == avoid;
}

/* A ballot in the track for one to three of its brands, by popularity (never `avoid` nor one of `earlier`). */
static struct vote_ballot *public_ballot(struct sim *s, const struct voter *v, int track, int64_t avoid,
					 const struct vote_ballot *earlier)
{
	const struct demo_vote_play *p = s->p;
	double u = uniform(s), total = 0;
	int want = u < 0.6 ? 1 : u < 0.88 ? 2 : 3, open = 0;
	bool taken[MAX_CANDIDATES] = { false };
	struct vote_ballot *b = ballot(s, v, track);

	for (size_t i = 0; i < p->ncandidates; i++)
		if (p->candidates[i].track == track && !(taken[i] = avoided(earlier, avoid, p->candidates[i].id))) {
			total += s->popularity[i];
			open++;
		}
	want = want < open ? want : open;
	while (b->ncandidates < want) { /* a draw past the last brand (rounding) is drawn again */
		double x = uniform(s) * total;
		for (size_t i = 0; i < p->ncandidates; i++) {
			if (p->candidates[i].track != track || taken[i])
				continue;
			if ((x -= s->popularity[i]) < 0) {
				taken[i] = true;
				total -= s->popularity[i];
				b->candidates[b->ncandidates++] = p->candidates[i].id;
				break;
			}
		}
	}
	if (b->ncandidates)
		return b;
	s->nb--; /* a track with no brand to choose */
	return NULL;
}

static int track_of(const struct sim *s, int64_t candidate)
{
	for (size_t i = 0; i < s->p->ncandidates; i++)
		if (s->p->candidates[i].id == candidate)
			return s->p->candidates[i].track;
	return 0;
}

/* The day's ballots: the public by its habits, the fraud for its client every day. */
static void make_day(struct sim *s)
{
	s->nb = 0;
	for (int i = 0; i < N_VOTERS; i++) {
		const struct voter *v = &s->v[i];
		int64_t client = v->group == G_STUDIO ? s->studio_brand : v->group == G_FARM ? s->farm_brand
											   : s->run_brand;
		if (v->group == G_PUBLIC || v->group == G_FAMILY) {
			if (uniform(s) >= v->activity)
				continue;
			int t = pick_track(s, -1);
			int64_t avoid = v->group == G_FAMILY ? s->farm_brand : 0;
			const struct vote_ballot *first = public_ballot(s, v, t, avoid, NULL);
			if (uniform(s) < 0.6)
				public_ballot(s, v, pick_track(s, t), avoid, first);
			continue;
		}
		struct vote_ballot *b = ballot(s, v, track_of(s, client));
		b->candidates[b->ncandidates++] = client;
	}
}

/* ---- casting ---- */

static void ballot_done(struct vote_ballot *b)
{
	struct sim *s = b->ctx;
	pthread_mutex_lock(&s->lock);
	if (--s->pending == 0)
		pthread_cond_signal(&s->cond);
	pthread_mutex_unlock(&s->lock);
}

static void count_ballot(struct sim *s, const struct vote_ballot *b)
{
	s->ballots++;
	if (b->rc) {
		if (!s->refused++)
			s->refusal = b->err;
		return;
	}
	s->votes += b->ncandidates;
	if (strcmp(b->state, "quarantined")) {
		s->counted += b->ncandidates;
		return;
	}
	s->quarantined += b->ncandidates;
	for (size_t r = 0; r < NRULES; r++)
		if (!strcmp(b->rule, rules[r]))
			s->by_rule[r] += b->ncandidates;
}

/* Submit every ballot of the day at once (the writer batches them), then wait for the last `done`. */
static void cast_day(struct sim *s)
{
	for (int i = 0; i < s->nb; i++) {
		struct vote_ballot *b = &s->b[i];
		b->done = ballot_done;
		b->ctx = s;
		struct px_err e = { 0 };
		pthread_mutex_lock(&s->lock);
		s->pending++;
		pthread_mutex_unlock(&s->lock);
		int rc = vote_cast_submit(s->p->app, b, &e); /* 0: queued, b is the writer's until done */
		if (rc) {
			pthread_mutex_lock(&s->lock);
			s->pending--;
			pthread_mutex_unlock(&s->lock);
			b->rc = rc;
			b->err = e;
		}
	}
	pthread_mutex_lock(&s->lock);
	while (s->pending)
		pthread_cond_wait(&s->cond, &s->lock);
	pthread_mutex_unlock(&s->lock);
	for (int i = 0; i < s->nb; i++)
		count_ballot(s, &s->b[i]);
}

static int play_days(struct sim *s, struct px_err *err)
{
	const struct demo_vote_play *p = s->p;
	px_date first, last;
	char day[11];
	int rc = 0;
	if (date_parse(p->first_day, strlen(p->first_day), &first) || date_parse(p->last_day, strlen(p->last_day), &last))
		return px_err_set(err, PX_EINVAL, "bad_date", "day", "'%s' .. '%s'", p->first_day, p->last_day);
	for (px_date d = first; d <= last && !rc; d++) {
		date_format(d, day);
		if ((rc = demo_set_clock(p->clock, day, err)))
			break;
		make_day(s);
		cast_day(s);
		rc = demo_callf(p->office, "POST", NULL, 201, NULL, err, "/api/v1/programmes/%lld/vote/snapshots",
				(long long)p->programme_id);
		s->snapshots += !rc;
	}
	return rc;
}

/* ---- the office's decision ---- */

static int decide(struct sim *s, const char *action, const char *reason, json_t *ids, int64_t *n, struct px_err *err)
{
	int rc = 0;
	for (size_t at = 0; at < json_array_size(ids) && !rc; at += DECIDE_CHUNK) {
		json_t *chunk = json_array();
		for (size_t i = at; i < at + DECIDE_CHUNK && i < json_array_size(ids); i++)
			json_array_append(chunk, json_array_get(ids, i));
		int64_t k = (int64_t)json_array_size(chunk);
		json_t *b = json_pack("{s:o, s:s, s:s}", "votes", chunk, "action", action, "reason", reason);
		rc = demo_callf(s->p->office, "POST", b, 200, NULL, err, "/api/v1/programmes/%lld/vote/quarantine",
				(long long)s->p->programme_id);
		json_decref(b);
		*n += rc ? 0 : k;
	}
	return rc;
}

/*
 * The office reviews the queue: the device rule's hits for brands other than the phone farm's are a
 * family's tablet (checked by telephone) and are released; the rest is confirmed invalid.
 */
static int review_quarantine(struct sim *s, struct px_err *err)
{
	json_t *out = NULL, *v, *release, *confirm;
	size_t i;
	int rc;
	while (!(rc = demo_callf(s->p->office, "GET", NULL, 200, &out, err, "/api/v1/programmes/%lld/vote/quarantine",
				 (long long)s->p->programme_id))) {
		json_t *votes = json_object_get(out, "votes");
		if (!json_array_size(votes))
			break;
		release = json_array();
		confirm = json_array();
		json_array_foreach(votes, i, v) {
			bool family = !strcmp(json_string_value(json_object_get(v, "rule")) ?: "", "device_shared") &&
				      json_integer_value(json_object_get(v, "candidate")) != s->farm_brand;
			json_array_append(family ? release : confirm, json_object_get(v, "id"));
		}
		rc = decide(s, "release", "同一家庭共用平板电脑投票，经电话核实，予以计入", release, &s->released, err);
		if (!rc)
			rc = decide(s, "confirm", "刷票：同一地址、同一设备或连号批量投票，确认无效", confirm, &s->confirmed, err);
		json_decref(release);
		json_decref(confirm);
		json_decref(out);
		out = NULL;
		if (rc)
			break;
	}
	json_decref(out);
	return rc;
}

/* ---- the whole vote ---- */

static void report(const struct sim *s, double seconds)
{
	FILE *log = s->p->log;
	fprintf(log, "  网络人气冲榜 %s … %s: %d numbers (154 segment, fictional) verified by SMS code; "
		     "%lld ballots, %lld votes cast in %.1f s\n",
		s->p->first_day, s->p->last_day, N_VOTERS, (long long)s->ballots, (long long)s->votes, seconds);
	fprintf(log, "  votes quarantined: %lld (", (long long)s->quarantined);
	for (size_t r = 0, shown = 0; r < NRULES; r++)
		if (s->by_rule[r])
			fprintf(log, "%s%s %lld", shown++ ? ", " : "", rules[r], (long long)s->by_rule[r]);
	fprintf(log, "); the office released %lld, confirmed %lld invalid; %lld votes counted; %lld daily snapshots\n",
		(long long)s->released, (long long)s->confirmed, (long long)(s->counted + s->released),
		(long long)s->snapshots);
	if (s->refused)
		fprintf(log, "  ballots refused: %lld (first: %s)\n", (long long)s->refused, s->refusal.key);
}

int demo_ranking_vote(const struct demo_vote_play *p, struct px_err *err)
{
	struct sim s = { .p = p, .rng = 20220815 };
	struct timespec t0, t1;
	int rc;

	if (!p->sms_log || p->ntracks < 2 || p->ntracks > MAX_TRACKS || !p->ncandidates ||
	    p->ncandidates > MAX_CANDIDATES)
		return px_err_set(err, PX_EINVAL, "bad_demo_data", "vote", "the demo's vote needs an SMS log and candidates");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	s.v = calloc(N_VOTERS, sizeof(*s.v));
	s.b = calloc(2 * N_VOTERS, sizeof(*s.b));
	if (!s.v || !s.b) {
		rc = px_err_set(err, PX_ENOMEM, "out_of_memory", NULL, "out of memory");
		goto out;
	}
	pthread_mutex_init(&s.lock, NULL);
	pthread_cond_init(&s.cond, NULL);
	make_voters(&s);
	popularity(&s);
	s.studio_brand = weakest(&s, "online");
	s.farm_brand = weakest(&s, "consumer");
	s.run_brand = weakest(&s, "tech");
	if (!(rc = verify_all(&s, err)) && !(rc = play_days(&s, err)) && !(rc = review_quarantine(&s, err))) {
		clock_gettime(CLOCK_MONOTONIC, &t1);
		report(&s, (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	}
	pthread_mutex_destroy(&s.lock);
	pthread_cond_destroy(&s.cond);
out:
	free(s.v);
	free(s.b);
	return rc;
}

int demo_ranking_vote_verify(struct app *app, int64_t programme_id, FILE *log, struct px_err *err)
{
	struct vote_tally_report rep;
	char *text = NULL;
	size_t len = 0;
	int rc = vote_log(app, programme_id, &text, &len, err);
	if (!rc)
		rc = vote_verify_tally(app, programme_id, text, len, &rep, err);
	free(text);
	if (rc)
		return rc;
	if (rep.problems || !rep.chain_intact)
		return px_err_set(err, PX_EINTERNAL, "tally_mismatch", "vote", "the vote log does not match: %s", rep.first);
	fprintf(log, "  verify-tally: the published vote log (%lld votes, %lld batches, %lld decisions, %lld snapshots) "
		     "matches the audit chain\n",
		(long long)rep.votes, (long long)rep.batches, (long long)rep.decisions, (long long)rep.snapshots);
	return 0;
}
