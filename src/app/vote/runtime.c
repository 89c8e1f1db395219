/*
 * runtime.c - the vote's state in the memory of a node: the limiters of
 * each programme (rate limits that ask for a fresh code, and the burst
 * rules of the quarantine), the per-address limiter of code requests, the
 * numbers verified in the last ten minutes (the sequential-number rule can
 * only look at numbers before they are hashed; only the rule hit is kept),
 * and the writer thread that takes queued ballots in batches (group commit).
 */
#include "app/vote/internal.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "app/tx.h"

static struct store_sql Q_CONFIG = STORE_SQL("SELECT config FROM programme WHERE id = $1");

void vote_random_token(char out[VOTE_TOKEN_HEX + 1])
{
	unsigned char b[VOTE_TOKEN_HEX / 2];
	randombytes_buf(b, sizeof(b));
	sodium_bin2hex(out, VOTE_TOKEN_HEX + 1, b, sizeof(b));
}

void vote_address_net(const char *address, char out[48])
{
	const char *p = address;
	int parts = strchr(address, ':') ? 4 : 3, seen = 0;
	char sep = strchr(address, ':') ? ':' : '.';
	size_t n = 0;
	while (p[n] && n < 47) {
		if (p[n] == sep && ++seen == parts)
			break;
		n++;
	}
	memcpy(out, p, n);
	out[n] = '\0';
}

int vote_settings_of_config(const char *config, struct vote_settings *s, struct px_err *err)
{
	json_t *root = json_loads(config, 0, NULL);
	json_t *vote = json_object_get(json_object_get(root, "section"), "vote");
	int rc = vote_settings_parse(vote, s, err);
	json_decref(root);
	return rc;
}

struct config_arg {
	int64_t id;
	char *config;
};

static int config_in_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct config_arg *a = arg;
	int rc = store_get(c, &Q_CONFIG, err, "i:s", a->id, &a->config);
	if (rc == STORE_DONE)
		return px_err_set(err, PX_ENOTFOUND, "no_programme", "programme", "no programme %lld", (long long)a->id);
	return rc < 0 ? rc : 0;
}

static int limiter(struct rl_limiter *l, int64_t interval_us, int burst, struct px_err *err)
{
	unsigned char secret[KEYTAB_SECRET_BYTES];
	const struct rl_rate rate = { interval_us < 1 ? 1 : interval_us, (uint32_t)burst };
	randombytes_buf(secret, sizeof(secret));
	return rl_limiter_init(l, &rate, VOTE_RT_KEYS, secret, err);
}

static void prog_free(struct vote_prog_rt *p)
{
	rl_limiter_release(&p->address);
	rl_limiter_release(&p->net);
	rl_limiter_release(&p->q_address);
	rl_limiter_release(&p->q_net);
	vote_caps_free(p->caps);
	free(p);
}

struct vote_prog_rt *vote_rt_programme(struct vote_runtime *rt, int64_t programme_id, struct px_err *err)
{
	struct config_arg a = { programme_id, NULL };
	struct vote_prog_rt *p;
	const struct vote_settings *s;

	for (int i = 0; i < rt->nprogs; i++)
		if (rt->progs[i]->programme_id == programme_id)
			return rt->progs[i];
	if (rt->nprogs == VOTE_RT_PROGRAMMES) {
		px_err_set(err, PX_EBUSY, "vote_busy", NULL, "too many programmes voting at once");
		return NULL;
	}
	if (app_tx(rt->app, STORE_TX_READ, config_in_tx, &a, err))
		return NULL;
	if (!(p = calloc(1, sizeof(*p)))) {
		free(a.config);
		px_err_set(err, PX_ENOMEM, "out_of_memory", NULL, "out of memory");
		return NULL;
	}
	p->programme_id = programme_id;
	s = &p->settings;
	if (vote_settings_of_config(a.config, &p->settings, err) ||
	    limiter(&p->address, (int64_t)s->address_interval_s * 1000000, s->address_burst, err) ||
	    limiter(&p->net, (int64_t)s->net_interval_s * 1000000, s->net_burst, err) ||
	    limiter(&p->q_address, 3600LL * 1000000 / s->quarantine_address_per_hour, s->quarantine_address_per_hour, err) ||
	    limiter(&p->q_net, 3600LL * 1000000 / s->quarantine_net_per_hour, s->quarantine_net_per_hour, err)) {
		free(a.config);
		prog_free(p);
		return NULL;
	}
	free(a.config);
	rt->progs[rt->nprogs++] = p;
	return p;
}

bool vote_rt_velocity(struct vote_prog_rt *p, int64_t candidate, int64_t now_us)
{
	struct vote_velocity *v = NULL;
	int64_t minute = now_us / 60000000, total = 0, floor = p->settings.velocity_floor;

	for (int i = 0; i < p->nvelocity && !v; i++)
		if (p->velocity[i].candidate == candidate)
			v = &p->velocity[i];
	if (!v) {
		if (p->nvelocity == VOTE_RT_CANDIDATES)
			return false; /* more candidates than the table: the rule rests, the others hold */
		v = &p->velocity[p->nvelocity++];
		memset(v, 0, sizeof(*v));
		v->candidate = candidate;
		v->minute = minute;
	}
	for (int64_t m = v->minute + 1; m <= minute && m <= v->minute + 60; m++)
		v->per_minute[m % 60] = 0;
	if (minute > v->minute)
		v->minute = minute;
	for (int i = 0; i < 60; i++)
		if (i != minute % 60)
			total += v->per_minute[i];
	int64_t baseline = total / 59 > floor ? total / 59 : floor;
	uint32_t now = ++v->per_minute[minute % 60];
	return (int64_t)now > baseline * p->settings.velocity_factor;
}

bool vote_rt_sequential(struct vote_runtime *rt, const char *phone, int run)
{
	int64_t n = strtoll(phone, NULL, 10), now = store_now_us();
	int near = 1;

	for (int i = 0; i < VOTE_RECENT_NUMBERS; i++) {
		if (!rt->recent[i].number || now - rt->recent[i].at_us > VOTE_RECENT_WINDOW_US)
			continue;
		int64_t d = rt->recent[i].number - n;
		if (d != 0 && d >= -10 && d <= 10)
			near++;
	}
	return near >= run;
}

void vote_rt_verified(struct vote_runtime *rt, const char *phone)
{
	int64_t n = strtoll(phone, NULL, 10), now = store_now_us();
	for (int i = 0; i < VOTE_RECENT_NUMBERS; i++)
		if (rt->recent[i].number == n) { /* once in the list: a number verified again counts once */
			rt->recent[i].at_us = now;
			return;
		}
	rt->recent[rt->recent_next].number = n;
	rt->recent[rt->recent_next].at_us = now;
	rt->recent_next = (rt->recent_next + 1) % VOTE_RECENT_NUMBERS;
}

/* The writer: take what is queued (at most VOTE_BATCH_MAX), commit it as one batch, repeat. */
static void *writer_main(void *arg)
{
	struct vote_runtime *rt = arg;
	for (;;) {
		struct vote_ballot *batch, *last;
		int n = 1;
		pthread_mutex_lock(&rt->qlock);
		while (!rt->head && !rt->stopping)
			pthread_cond_wait(&rt->qcond, &rt->qlock);
		if (!rt->head) {
			pthread_mutex_unlock(&rt->qlock);
			break;
		}
		batch = last = rt->head;
		while (last->next && n < VOTE_BATCH_MAX) {
			last = last->next;
			n++;
		}
		rt->head = last->next;
		if (!rt->head)
			rt->tail = NULL;
		last->next = NULL;
		pthread_mutex_unlock(&rt->qlock);
		vote_batch_commit(rt->app, batch);
	}
	return NULL;
}

int vote_runtime_start(struct app *app, struct px_err *err)
{
	struct vote_runtime *rt = calloc(1, sizeof(*rt));
	if (!rt)
		return px_err_set(err, PX_ENOMEM, "out_of_memory", NULL, "out of memory");
	rt->app = app;
	if (!(rt->sessions = calloc(VOTE_SESSION_CACHE, sizeof(*rt->sessions)))) {
		free(rt);
		return px_err_set(err, PX_ENOMEM, "out_of_memory", NULL, "out of memory");
	}
	randombytes_buf(rt->session_key, sizeof(rt->session_key));
	pthread_mutex_init(&rt->slock, NULL);
	pthread_mutex_init(&rt->clock, NULL);
	pthread_mutex_init(&rt->lock, NULL);
	pthread_mutex_init(&rt->qlock, NULL);
	pthread_cond_init(&rt->qcond, NULL);
	if (limiter(&rt->otp_address, 60LL * 1000000, 10, err)) {
		free(rt->sessions);
		free(rt);
		return err ? err->code : PX_ENOMEM;
	}
	if (pthread_create(&rt->writer, NULL, writer_main, rt)) {
		rl_limiter_release(&rt->otp_address);
		free(rt->sessions);
		free(rt);
		return px_err_set(err, PX_EIO, "vote_unavailable", NULL, "cannot start the vote writer");
	}
	rt->running = true;
	app->vote = rt;
	return 0;
}

void vote_runtime_stop(struct app *app)
{
	struct vote_runtime *rt = app->vote;
	if (!rt)
		return;
	pthread_mutex_lock(&rt->qlock);
	rt->stopping = true;
	pthread_cond_broadcast(&rt->qcond);
	pthread_mutex_unlock(&rt->qlock);
	if (rt->running)
		pthread_join(rt->writer, NULL);
	for (int i = 0; i < rt->nprogs; i++)
		prog_free(rt->progs[i]);
	rl_limiter_release(&rt->otp_address);
	free(rt->sessions);
	for (int i = 0; i < rt->ncounts; i++) {
		free(rt->counts[i].body);
		json_decref(rt->counts[i].doc);
	}
	pthread_mutex_destroy(&rt->slock);
	pthread_mutex_destroy(&rt->clock);
	pthread_mutex_destroy(&rt->lock);
	pthread_mutex_destroy(&rt->qlock);
	pthread_cond_destroy(&rt->qcond);
	free(rt);
	app->vote = NULL;
}
