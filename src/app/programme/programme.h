/*
 * programme.h - the programme engine: a programme is created from a template
 * for a year and moves only forward through the template's stages, one at a
 * time, each move checked by core/stage.h and the family (family.h) and audited.
 */
#ifndef PX_APP_PROGRAMME_H
#define PX_APP_PROGRAMME_H

#include <jansson.h>

#include "app/app.h"
#include "app/programme/template.h"

struct programme {
	int64_t id;
	int year;
	char region[8];
	int stage_seq;          /* 1-based index of the current stage; 0 before the first */
	const struct template *tpl; /* shared, read-only (template_cache.h): programme_release() gives it back */
};

/*
 * Create a programme from template text (validated by template_parse). The
 * office must hold the template's region. Stages, tracks and quotas are
 * copied into their tables. Audited as "programme.create".
 */
int programme_create(struct app *app, const struct app_actor *actor, const char *tpl_json, size_t len,
		     int64_t *id, struct px_err *err);

/* Read a programme (inside the caller's transaction). PX_ENOTFOUND when absent. */
int programme_load(struct store_conn *c, int64_t id, struct programme *out, struct px_err *err);
void programme_release(struct programme *p);

/* The current stage, or NULL before the first. */
const struct tpl_stage *programme_stage(const struct programme *p);
/* 0 when the current stage is `code`; else PX_ECONFLICT "wrong_stage" naming both. */
int programme_require_stage(const struct programme *p, const char *code, struct px_err *err);
/* true when the programme is at or past stage `code`. */
bool programme_reached(const struct programme *p, const char *code);

/*
 * Move to the next stage, which must be `to` (no skipping, no going back):
 * closes the current stage, runs its exit check, opens the next. Only an
 * office whose region contains the programme's. Audited.
 */
int programme_advance(struct app *app, const struct app_actor *actor, int64_t id, const char *to,
		      struct px_err *err);

/* Public views. Caller owns *out. */
int programme_json(struct app *app, int64_t id, json_t **out, struct px_err *err);
int programme_list_json(struct app *app, json_t **out, struct px_err *err);

/* May this actor manage (office) the programme? */
bool programme_is_office(const struct programme *p, const struct app_actor *actor);

/*
 * The region whose applications the actor sees in the programme's county
 * lists: a county's own, "" (all) for the office and for the leadership group
 * of the programme's region, NULL for anyone else.
 */
const char *programme_county_scope(const struct programme *p, const struct app_actor *actor);

#endif
