/*
 * app.h - the use cases' shared context.
 *
 * A `struct app` is what every use case receives: the store and the
 * configuration. A `struct app_actor` is who is acting: an account (with role,
 * unit and region), the public, or the command line (trusted: an operator
 * with access to the database file). Use cases authorise the actor
 * themselves, per resource, through core/access.h, so the CLI and the HTTP
 * handlers share one set of rules.
 */
#ifndef PX_APP_H
#define PX_APP_H

#include <stdbool.h>
#include <stdint.h>

#include "core/access.h"
#include "store/store.h"
#include "util/err.h"

struct app_config {
	int64_t session_idle_us;     /* a session unused this long expires */
	int64_t session_absolute_us; /* a session this old expires however used */
	uint64_t work_file_max;      /* serve --work-max-mb: a ceiling on contests' cap per work file, 0: none */
};

#define APP_SESSION_IDLE_DEFAULT_S (30 * 60)
#define APP_SESSION_ABSOLUTE_DEFAULT_S (12 * 3600)

struct calendar;
struct sms_gateway;
struct vote_runtime;

struct app {
	struct store *st;
	struct app_config cfg;
	const struct calendar *cal; /* the official working-day calendar (borrowed) */
	const char *data_dir;       /* shipped facts: rubrics, templates */
	const char *files_dir;      /* uploaded and generated files, by SHA-256 */
	bool clock_settable;        /* rehearsal mode: the office may set "today" */
	const char *public_url;     /* base URL the public reaches (QR codes of certificates), or NULL */
	int32_t today_override;     /* px_date, 0 = the real date (Asia/Shanghai) */
	struct sms_gateway *sms;    /* the SMS gateway (serve --sms), or NULL: no codes are sent */
	struct vote_runtime *vote;  /* the public vote's runtime (app/vote/vote.h), or NULL */
};

enum app_actor_kind { ACTOR_PUBLIC, ACTOR_ACCOUNT, ACTOR_CLI };

struct app_actor {
	enum app_actor_kind kind;
	int64_t id;          /* account id (ACTOR_ACCOUNT) */
	enum px_role role;   /* ROLE_NONE for the public and the CLI */
	int64_t unit_id;
	char region[8];
	char login[72];
};

extern const struct app_actor app_actor_public;
extern const struct app_actor app_actor_cli;

/* "account:12", "cli" or "public", for the audit log (never personal data). */
void app_actor_label(const struct app_actor *a, char out[32]);

/* Today in China (UTC+8), or the rehearsal date when one is set. */
int32_t app_today(const struct app *app);

/*
 * The instant of a recorded act (submitted_at, decided_at ...), microseconds
 * since the Unix epoch: the real time, moved onto the rehearsal date when one
 * is set, so instants and dates agree and keep their order within a day.
 * Sessions and the audit chain keep the real clock (store_now_us).
 */
int64_t app_now_us(const struct app *app);

/* The store's write generation (store_generation): public answers kept in memory are keyed by it. */
uint64_t app_generation(const struct app *app);

/* true for the CLI and for an account of the given role. */
bool app_actor_is(const struct app_actor *a, enum px_role role);

#endif
