/*
 * application.h - applications to a programme: the record, its states and
 * who may see it. Use cases of every stage (apply, county, qualification,
 * review, objections ...) move applications between states only through
 * application_move(), which checks the state it leaves and audits the move.
 *
 * States, in the order of the procedure of 清强市办〔2025〕20号:
 *   draft -> submitted -> county_checked -> recommended -> accepted
 *         -> shortlisted -> proposed -> winner
 * with the exits: returned (county sends back for completion; the applicant
 * resubmits), not_recommended, rejected (qualification), not_shortlisted,
 * not_proposed, disqualified (a verified objection that breaks an
 * eligibility condition), withdrawn.
 */
#ifndef PX_APP_APPLICATION_H
#define PX_APP_APPLICATION_H

#include <jansson.h>
#include <stdbool.h>

#include "app/app.h"

#define APPLICATION_STATE_MAX 20

struct application {
	int64_t id;
	int64_t programme_id;
	char track[32];
	char form[32];
	int64_t organisation_id; /* 0 for a person */
	int64_t person_id;       /* 0 for an organisation */
	char region[8];
	char state[APPLICATION_STATE_MAX];
	char name[160];          /* the organisation's or person's name */
	int64_t owner_account;   /* the applicant account bound to it, 0 if none */
	int64_t created_by;
	int64_t submitted_at;
	char programme_region[8];
};

/* Known states, for validation. */
bool application_state_known(const char *state);

/*
 * The columns application_row() reads, from APPLICATION_TABLES (aliases a,
 * g the programme, o, p the applicant): a query that needs more of the
 * application or its applicant selects these first and its own after them.
 */
#define APPLICATION_COLUMNS                                                                                  \
	"a.id, a.programme_id, a.track_code, a.form_code, coalesce(a.organisation_id, 0), "                   \
	"coalesce(a.person_id, 0), a.region, a.state, coalesce(o.name, p.name, ''), "                          \
	"coalesce(o.account_id, p.account_id, 0), coalesce(a.created_by, 0), coalesce(a.submitted_at, 0), " \
	"g.region"
#define APPLICATION_NCOLUMNS 13
#define APPLICATION_TABLES                                                                              \
	"application a JOIN programme g ON g.id = a.programme_id "                                      \
	"LEFT JOIN organisation o ON o.id = a.organisation_id LEFT JOIN person p ON p.id = a.person_id"

/* The application of the current row of a query selecting APPLICATION_COLUMNS first. */
void application_row(struct store_stmt *s, struct application *a);

/* Load one application (inside the caller's transaction). PX_ENOTFOUND when absent. */
int application_load(struct store_conn *c, int64_t id, struct application *out, struct px_err *err);

/*
 * May the actor see this application? The applicant who owns it; the office
 * and leadership of the programme's region; the county of its region; member
 * units inside the programme's region. Experts see applications only through
 * their assignments (checked by the review use cases).
 */
bool application_visible(const struct app_actor *actor, const struct application *a);

/*
 * application_visible, and for a member unit also consulted on it
 * (app_scope_member_reads): what every use case asks before it shows an
 * application or anything of it. Fails closed (false) on a database error.
 * Runs in the caller's transaction.
 */
bool application_readable(struct store_conn *c, const struct app_actor *actor, const struct application *a);

/* Is the actor the applicant who owns it? */
bool application_owned_by(const struct app_actor *actor, const struct application *a);

/*
 * Move to state `to` if the current state is one of `from` (NULL-terminated);
 * else PX_ECONFLICT "wrong_state" naming the current state. Audited as
 * "application.<to>" with `reason` (may be NULL) in the payload.
 */
int application_move(struct store_conn *c, const struct app_actor *actor, struct application *a,
		     const char *const *from, const char *to, const char *reason, struct px_err *err);

/*
 * Load and application_move() each of ids[0..n) from state `from` to `to`,
 * appending each id to `moved` (a JSON array); stops at the first failure.
 */
int application_move_ids(struct store_conn *c, const struct app_actor *actor, const int64_t *ids, size_t n,
			 const char *from, const char *to, const char *reason, json_t *moved, struct px_err *err);

/* The application as JSON for those allowed to see it. Caller owns the result. */
json_t *application_json(const struct application *a);
struct jw;
/* The same members (not the braces) written by the JSON writer, in the same order. */
void application_write(struct jw *w, const struct application *a);

#endif
