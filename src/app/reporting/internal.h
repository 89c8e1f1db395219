/*
 * internal.h - what the files of app/reporting/ share: a loaded request and
 * the rule of who reaches it.
 */
#ifndef PX_APP_REPORTING_INTERNAL_H
#define PX_APP_REPORTING_INTERNAL_H

#include "app/reporting/reporting.h"
#include "store/store.h"

struct rq {
	int64_t id, programme_id;
	char region[8];
	char code[32];
	char title[256];
	char opens_on[11], due_on[11];
	json_t *form; /* owned: rq_release() */
	bool office;  /* the actor runs it (its office, or the CLI) */
	bool unit;    /* the actor is one of its units */
};

enum rq_need {
	RQ_SEE,    /* the office, the leadership of its region, or one of its units */
	RQ_OFFICE, /* the office (or the CLI) */
	RQ_UNIT,   /* one of its units */
};

/* Load request id for the actor: 404 when the actor may not see it, 403 when it sees it but may not act. */
int rq_load(struct store_conn *c, const struct app_actor *actor, int64_t id, enum rq_need need, struct rq *out,
	    struct px_err *err);
void rq_release(struct rq *q);

/* The unit's display name (its unit's name), into out. */
int rq_unit_name(struct store_conn *c, int64_t account, char *out, size_t cap, struct px_err *err);

#endif
