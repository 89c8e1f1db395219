/*
 * internal.h - what the contest's use cases share: the programme loaded with
 * its section and rules, the works of an entry as JSON, the published flag.
 */
#ifndef PX_APP_CONTEST_INTERNAL_H
#define PX_APP_CONTEST_INTERNAL_H

#include "app/contest/contest.h"
#include "store/store.h"

struct contest_ctx {
	struct programme p;
	json_t *section; /* the template's section, owned */
	struct contest_rules rules;
};

/* Load a contest (PX_ENOTFOUND "not_contest" for another family); contest_release() after. */
int contest_load(struct store_conn *c, int64_t programme_id, struct contest_ctx *x, struct px_err *err);
void contest_release(struct contest_ctx *x);

/* The works of an entry: [{id, kind, mime, name, size, url}], appended to `into`. */
int contest_works_of(struct store_conn *c, int64_t application_id, json_t *into, struct px_err *err);

/* Has the contest's gallery been published? */
int contest_published(struct store_conn *c, int64_t programme_id, bool *yes, struct px_err *err);

/* The name of a prize code ("first" -> 一等奖), "" when unknown. */
const char *contest_prize_name(const struct contest_rules *r, const char *code);

/* The name of a work kind as the template spells it ("video" ...). */
const char *contest_work_name(enum contest_work w);

#endif
