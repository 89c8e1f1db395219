/*
 * otp.c - proving a mobile number: a 6-digit one-time code sent through the
 * SMS gateway, and the voter session opened when it is entered. Numbers and
 * codes are stored only as keyed hashes (app/secret.h). Sending is
 * throttled per number in the database (one a minute, codes_per_day a day:
 * every node sees the same row) and per address in memory; a code expires
 * after five minutes, serves once, and dies after five wrong entries. The
 * number in clear exists only in this request and the node's recent list
 * of the sequential-number rule.
 */
#include "app/vote/internal.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/secret.h"
#include "app/sms/sms.h"
#include "app/tx.h"
#include "core/chain.h"
#include "core/ident.h"

static struct store_sql Q_CODE_GET = STORE_SQL(
	"SELECT code_hash, sent_at, expires_at, attempts, used, sent_day, sent_count FROM vote_code WHERE phone_hash = $1");
static struct store_sql Q_CODE_PUT = STORE_SQL(
	"INSERT INTO vote_code (phone_hash, code_hash, sent_at, expires_at, attempts, used, sent_day, sent_count) "
	"VALUES ($1, $2, $3, $4, 0, 0, $5, $6) ON CONFLICT (phone_hash) DO UPDATE SET code_hash = excluded.code_hash, "
	"sent_at = excluded.sent_at, expires_at = excluded.expires_at, attempts = 0, used = 0, "
	"sent_day = excluded.sent_day, sent_count = excluded.sent_count");
static struct store_sql Q_CODE_ATTEMPT = STORE_SQL("UPDATE vote_code SET attempts = attempts + 1 WHERE phone_hash = $1");
static struct store_sql Q_CODE_USED = STORE_SQL("UPDATE vote_code SET used = 1 WHERE phone_hash = $1");
static struct store_sql Q_DEVICE_VOTERS = STORE_SQL(
	"SELECT count(DISTINCT voter_hash) FROM vote_session WHERE device_hash = $1 AND voter_hash <> $2");
static struct store_sql Q_SESSION_PUT = STORE_SQL(
	"INSERT INTO vote_session (token_hash, voter_hash, device_hash, verified_at, expires_at, flag_rule) "
	"VALUES ($1, $2, $3, $4, $5, $6)");
static struct store_sql Q_SESSION_CLEAN = STORE_SQL("DELETE FROM vote_session WHERE expires_at < $1");

struct code_row {
	char code_hash[SECRET_HASH_HEX + 1];
	int64_t sent_at, expires_at, attempts, used, sent_count;
	char sent_day[11];
};

static int code_get(struct store_conn *c, const char *phone_hash, struct code_row *row, struct px_err *err)
{
	memset(row, 0, sizeof(*row));
	return store_get(c, &Q_CODE_GET, err, "t:biiiibi", phone_hash, row->code_hash, sizeof(row->code_hash),
			 &row->sent_at, &row->expires_at, &row->attempts, &row->used, row->sent_day,
			 sizeof(row->sent_day), &row->sent_count);
}

/* The keyed hash under which a code is kept: bound to the number's hash. */
static int code_hash(struct store_conn *c, const char *phone_hash, const char *code, char out[SECRET_HASH_HEX + 1],
		     struct px_err *err)
{
	char v[SECRET_HASH_HEX + 16];
	snprintf(v, sizeof(v), "%s:%s", phone_hash, code);
	return secret_ident_hash(c, "vote_code", v, out, err);
}

struct request_tx {
	struct app *app;
	const char *phone;
	const char *code;
	int codes_per_day;
	int64_t retry_after_s;
};

static int request_in_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct request_tx *t = arg;
	char ph[SECRET_HASH_HEX + 1], ch[SECRET_HASH_HEX + 1], today[11];
	struct code_row row;
	int64_t now = store_now_us(), count = 1;
	int rc;

	date_format(app_today(t->app), today);
	if ((rc = secret_ident_hash(c, "mobile", t->phone, ph, err)) || (rc = code_get(c, ph, &row, err)) < 0)
		return rc;
	if (rc == STORE_ROW && now - row.sent_at < (int64_t)VOTE_CODE_INTERVAL_S * 1000000) {
		t->retry_after_s = VOTE_CODE_INTERVAL_S - (now - row.sent_at) / 1000000;
		return px_err_set(err, PX_ELIMIT, "code_too_soon", "phone",
				  "a code was sent to this number less than a minute ago");
	}
	if (rc == STORE_ROW && !strcmp(row.sent_day, today)) {
		if (row.sent_count >= t->codes_per_day) {
			t->retry_after_s = 3600;
			return px_err_set(err, PX_ELIMIT, "code_daily_limit", "phone",
					  "this number has had %d codes today", t->codes_per_day);
		}
		count = row.sent_count + 1;
	}
	if ((rc = code_hash(c, ph, t->code, ch, err)))
		return rc;
	return store_run(c, &Q_CODE_PUT, err, "ttiiti", ph, ch, now, now + (int64_t)VOTE_CODE_TTL_S * 1000000, today,
			 count);
}

int vote_code_request(struct app *app, const char *phone, const char *address, int64_t *retry_after_s,
		      struct px_err *err)
{
	struct vote_runtime *rt = app->vote;
	char number[IDENT_MOBILE_LEN + 1], code[VOTE_CODE_DIGITS + 1];
	struct vote_settings s;
	int64_t wait = 0;
	int rc;

	*retry_after_s = 0;
	if (!app->sms || !rt)
		return px_err_set(err, PX_EBUSY, "sms_unavailable", NULL, "no SMS gateway is configured");
	if (!ident_mobile_check(phone, strlen(phone), number, NULL))
		return px_err_set(err, PX_EINVAL, "invalid_mobile", "phone", "not a mainland mobile number");
	pthread_mutex_lock(&rt->lock);
	rc = rl_limiter_take(&rt->otp_address, address && *address ? address : "unknown", store_now_us(), &wait, err);
	pthread_mutex_unlock(&rt->lock);
	if (rc) {
		*retry_after_s = (wait + 999999) / 1000000;
		return px_err_set(err, PX_ELIMIT, "rate_limited", NULL,
				  "too many codes asked from this address: try again in %lld seconds",
				  (long long)*retry_after_s);
	}
	vote_settings_default(&s);
	snprintf(code, sizeof(code), "%06u", (unsigned)randombytes_uniform(1000000));
	struct request_tx t = { app, number, code, s.codes_per_day, 0 };
	if ((rc = app_tx(app, STORE_TX_WRITE, request_in_tx, &t, err))) {
		*retry_after_s = t.retry_after_s;
		return rc;
	}
	if (app->vote) /* a code changes no counts: the kept counts answers hold (counts.c) */
		atomic_fetch_add(&app->vote->quiet, 1);
	json_t *params = json_pack("{s:s}", "code", code);
	rc = sms_send(app->sms, number, "otp", params, err);
	json_decref(params);
	sodium_memzero(code, sizeof(code));
	return rc;
}

struct session_tx {
	const char *phone, *code, *device_hash, *token_hash, *flag;
	int device_voters_max;
	int outcome; /* 0 ok, else the error to report after the attempt is committed */
	struct px_err why;
};

static int session_in_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct session_tx *t = arg;
	char ph[SECRET_HASH_HEX + 1], ch[SECRET_HASH_HEX + 1];
	struct code_row row;
	int64_t now = store_now_us(), others = 0;
	const char *flag = t->flag;
	int rc;

	t->outcome = 0;
	if ((rc = secret_ident_hash(c, "mobile", t->phone, ph, err)) || (rc = code_get(c, ph, &row, err)) < 0)
		return rc;
	if (rc == STORE_DONE || row.used) {
		t->outcome = px_err_set(&t->why, PX_EUNAUTH, "code_invalid", "code", "no code is waiting for this number");
		return 0;
	}
	if (row.attempts >= VOTE_CODE_ATTEMPTS) {
		t->outcome = px_err_set(&t->why, PX_ELIMIT, "code_attempts_exhausted", "code",
					"too many wrong codes: ask for a new one");
		return 0;
	}
	if (row.expires_at < now) {
		t->outcome = px_err_set(&t->why, PX_EUNAUTH, "code_expired", "code", "the code has expired");
		return 0;
	}
	if ((rc = code_hash(c, ph, t->code, ch, err)))
		return rc;
	if (sodium_memcmp(ch, row.code_hash, SECRET_HASH_HEX)) {
		t->outcome = px_err_set(&t->why, PX_EUNAUTH, "code_invalid", "code", "wrong code");
		return store_run(c, &Q_CODE_ATTEMPT, err, "t", ph);
	}
	if (!flag && t->device_hash &&
	    (rc = store_get(c, &Q_DEVICE_VOTERS, err, "tt:i", t->device_hash, ph, &others)) < 0)
		return rc;
	if (!flag && others >= t->device_voters_max)
		flag = "device_shared";
	if ((rc = store_run(c, &Q_CODE_USED, err, "t", ph)) || (rc = store_run(c, &Q_SESSION_CLEAN, err, "i", now)))
		return rc;
	return store_run(c, &Q_SESSION_PUT, err, "tttiit", t->token_hash, ph, t->device_hash, now,
			 now + (int64_t)VOTE_SESSION_TTL_S * 1000000, flag);
}

int vote_session_open(struct app *app, const char *phone, const char *code, const char *device,
		      char token[VOTE_TOKEN_HEX + 1], struct px_err *err)
{
	struct vote_runtime *rt = app->vote;
	char number[IDENT_MOBILE_LEN + 1], th[CHAIN_HEX_LEN + 1], dh[CHAIN_HEX_LEN + 1];
	struct vote_settings s;
	bool seq;
	int rc;

	if (!rt)
		return px_err_set(err, PX_EBUSY, "vote_unavailable", NULL, "the vote is not running on this server");
	if (!ident_mobile_check(phone, strlen(phone), number, NULL))
		return px_err_set(err, PX_EINVAL, "invalid_mobile", "phone", "not a mainland mobile number");
	if (strlen(code) != VOTE_CODE_DIGITS || strspn(code, "0123456789") != VOTE_CODE_DIGITS)
		return px_err_set(err, PX_EINVAL, "bad_code", "code", "a code is %d digits", VOTE_CODE_DIGITS);
	vote_settings_default(&s);
	vote_random_token(token);
	chain_hex_sha256(token, VOTE_TOKEN_HEX, th);
	if (device && *device)
		chain_hex_sha256(device, strlen(device), dh);
	struct session_tx t = { number, code, device && *device ? dh : NULL, th, NULL, s.device_voters_max, 0, { 0 } };
	pthread_mutex_lock(&rt->lock);
	seq = vote_rt_sequential(rt, number, s.sequential_run);
	pthread_mutex_unlock(&rt->lock);
	t.flag = seq ? "sequential_numbers" : NULL;
	if ((rc = app_tx(app, STORE_TX_WRITE, session_in_tx, &t, err)))
		return rc;
	atomic_fetch_add(&rt->quiet, 1); /* nor does a session */
	if (t.outcome) {
		if (err)
			*err = t.why;
		return t.outcome;
	}
	pthread_mutex_lock(&rt->lock);
	vote_rt_verified(rt, number);
	pthread_mutex_unlock(&rt->lock);
	return 0;
}
