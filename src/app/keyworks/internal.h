/*
 * internal.h - what the key works register's files share
 * (app/keyworks/keyworks.h): its texts, a work's owning row inside a
 * transaction, and one work as JSON.
 */
#ifndef PX_APP_KEYWORKS_INTERNAL_H
#define PX_APP_KEYWORKS_INTERNAL_H

#include "app/keyworks/keyworks.h"
#include "core/date.h"
#include "store/store.h"

/* data/keyworks/texts.json, parsed (*out is the caller's); read before a transaction opens. */
int kw_texts(const struct app *app, json_t **out, struct px_err *err);

/* The string at `key` of a texts object, "" when absent (borrowed). */
const char *kw_text(const json_t *texts, const char *key);

struct kw_work {
	int64_t id, lead_account, programme;
	char owner_region[8];
	char title[256];
};

/*
 * Load work `id` for the actor: PX_ENOTFOUND when absent or outside the
 * actor's region (app/scope.h).
 */
int kw_work_load(struct store_conn *c, const struct app_actor *actor, int64_t id, struct kw_work *w,
		 struct px_err *err);

/* Work `id` with its milestones, seen on `today`, into *out. */
int kw_work_json(struct store_conn *c, const struct app *app, int64_t id, px_date today, json_t **out,
		 struct px_err *err);

/* A milestone's deadline view: the reporting engine's (working days on the official calendar). */
json_t *kw_deadline_json(const struct app *app, const char *due_on, px_date today);

#endif
