/*
 * account.h - accounts: create, list, read, change password, authenticate.
 *
 * An account has a login, a display name, a role and is bound to a unit
 * (found or created by name, of the kind the role implies) and a region.
 * Passwords are hashed with argon2id (libsodium crypto_pwhash_str) and never
 * stored, logged or audited in clear.
 */
#ifndef PX_APP_ACCOUNT_H
#define PX_APP_ACCOUNT_H

#include <jansson.h>

#include "app/app.h"

#define ACCOUNT_PASSWORD_MIN 10
#define ACCOUNT_PASSWORD_MAX 128

struct account_new {
	const char *login;        /* 3..64 of [a-z0-9._-] */
	const char *display_name; /* 1..64 bytes of UTF-8 */
	const char *password;     /* ACCOUNT_PASSWORD_MIN..MAX bytes */
	const char *role;         /* office|leader|county|member|expert|applicant */
	const char *unit;         /* unit name, 1..128 bytes */
	const char *region;       /* six-digit code present in the region table */
};

/*
 * Create an account. Allowed to the CLI and to office accounts for regions
 * inside their own. *id receives the new id. Audited as "account.create".
 */
int account_create(struct app *app, const struct app_actor *actor, const struct account_new *req,
		   int64_t *id, struct px_err *err);

/* One account as JSON {id, login, display_name, role, unit, region, active}; caller owns *out. */
int account_get(struct app *app, const struct app_actor *actor, int64_t id, json_t **out,
		struct px_err *err);

/* The accounts the actor may see (region scope), as a JSON array; caller owns *out. */
int account_list(struct app *app, const struct app_actor *actor, json_t **out, struct px_err *err);

/*
 * Set the password of `login`: the CLI, the account itself (which must give
 * its current password in `old`), or an office account whose region contains it.
 */
int account_passwd(struct app *app, const struct app_actor *actor, const char *login,
		   const char *old, const char *password, struct px_err *err);

/*
 * Check a login and password; on success fill *out as that account. A wrong
 * login and a wrong password fail alike (PX_EUNAUTH, "bad_credentials") and
 * take the same time.
 */
int account_authenticate(struct app *app, const char *login, const char *password,
			 struct app_actor *out, struct px_err *err);

/* Load an account as an actor (sessions use this); PX_EUNAUTH if gone or inactive. */
int account_actor(struct store_conn *c, int64_t id, struct app_actor *out, struct px_err *err);

/* Validation shared with the HTTP layer. */
int account_check_password(const char *password, const char *field, struct px_err *err);

/* How many accounts exist (init uses this to create the first office account once). */
int account_count(struct app *app, int64_t *n, struct px_err *err);

#endif
