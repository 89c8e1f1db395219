/*
 * helpdesk.h - the quality-problem help desk (解决万个质量管理难题,
 * 湘市监办发〔2022〕71号 三(四)), a register beside the programmes.
 *
 * The office keeps its service providers (institutions and experts, each
 * acting through a bound expert-role account) with the area and the fields
 * they serve. An enterprise records a problem in one of the nine fields
 * (core/helpdesk.h), or the office turns the suggestions of an application's
 * review report into problems in one step; each problem is routed to a
 * provider at once and carries its service levels as dates on the official
 * calendar: first response and resolution, in working days. The provider
 * responds, records its one-to-one diagnosis visits (一对一) and resolves;
 * the enterprise rates the resolution (1-5 and a comment) through a link
 * that needs no sign-in, which the solver never sees and cannot use, and may
 * reopen within HELPDESK_REOPEN_WORKDAYS working days. docs/helpdesk.md.
 *
 * Scope (app/scope.h): providers are owned by their office's region;
 * problems by the enterprise's county, read by the staff whose region holds
 * it, by the provider it is routed to and by the enterprise's own account.
 * Every change is audited.
 */
#ifndef PX_APP_HELPDESK_H
#define PX_APP_HELPDESK_H

#include <jansson.h>

#include "app/app.h"

struct store_conn;

struct helpdesk_provider_new {
	const char *name;     /* 1..160 bytes */
	const char *kind;     /* "institution" | "expert" */
	const char *region;   /* the area it serves, inside the office's region */
	json_t *fields;       /* array of field codes (core/helpdesk.h), 1..9 */
	const char *login;    /* the expert-role account acting for it, optional */
};

/* Add a provider (office). Errors: invalid_field, unknown_login, login_not_expert, PX_ECONFLICT login_taken. */
int helpdesk_provider_add(struct app *app, const struct app_actor *actor, const struct helpdesk_provider_new *req,
			  int64_t *id, struct px_err *err);

/* The providers in the actor's scope with their open and overdue problems: {providers:[...]}. */
int helpdesk_provider_list(struct app *app, const struct app_actor *actor, json_t **out, struct px_err *err);

struct helpdesk_problem_new {
	int64_t organisation;  /* 0: the applicant account's own organisation */
	const char *field;
	const char *title;     /* 1..200 bytes */
	const char *detail;    /* 1..8000 bytes */
};

/* Record and route a problem; *out is the problem as helpdesk_problem_get answers it. */
int helpdesk_problem_add(struct app *app, const struct app_actor *actor, const struct helpdesk_problem_new *req,
			 json_t **out, struct px_err *err);

/*
 * The suggestions of an application's review report (results_report) become
 * problems of field `field`, one per suggestion, routed; a suggestion already
 * turned into a problem is skipped. Office only. *out: {problems:[ids], skipped:n}.
 */
int helpdesk_from_review(struct app *app, const struct app_actor *actor, int64_t application, const char *field,
			 json_t **out, struct px_err *err);

/*
 * A problem from another register's finding in one step (a survey's gap:
 * app/survey/survey.h survey_gap_origin): inside one write transaction,
 * `origin` checks the actor and describes the problem as
 * {organisation, region, field, title, detail, ref}; the problem is recorded
 * and routed as any other (source "enterprise", audited helpdesk.record with
 * the ref), and `ref` links it back to the finding. The office or the
 * enterprise itself. PX_ECONFLICT "already_a_problem" when the finding is a
 * problem already; invalid_field. *out: the problem as helpdesk_problem_get.
 */
typedef int (*helpdesk_origin_fn)(struct store_conn *c, const struct app_actor *actor, void *arg, json_t **origin,
				  struct px_err *err);
int helpdesk_from_origin(struct app *app, const struct app_actor *actor, helpdesk_origin_fn origin, void *arg,
			 json_t **out, struct px_err *err);

/* One problem with its visits (and, for the enterprise and the staff, the rating link). */
int helpdesk_problem_get(struct app *app, const struct app_actor *actor, int64_t id, json_t **out,
			 struct px_err *err);

struct helpdesk_filter {
	const char *state;   /* NULL: any */
	const char *field;   /* NULL: any */
	bool overdue;        /* only those past a due date */
	int64_t offset, limit;
};

/* The problems the actor may read, newest first: {total, problems:[...]} */
int helpdesk_problem_list(struct app *app, const struct app_actor *actor, const struct helpdesk_filter *f,
			  json_t **out, struct px_err *err);

/* The provider's steps. what: "respond" (text), "visit" (date, findings, advice), "resolve" (text). */
struct helpdesk_step {
	const char *what;
	const char *text;      /* response or resolution, or the visit's findings */
	const char *advice;    /* visit */
	const char *date;      /* visit, YYYY-MM-DD, not after today */
};
int helpdesk_problem_step(struct app *app, const struct app_actor *actor, int64_t id, const struct helpdesk_step *st,
			  json_t **out, struct px_err *err);

/* The office routes a problem to another provider of its scope. */
int helpdesk_problem_assign(struct app *app, const struct app_actor *actor, int64_t id, int64_t provider,
			    json_t **out, struct px_err *err);

/*
 * Through the rating link (no sign-in): rate a resolved problem (score 1..5,
 * comment) or reopen it (reason) before its reopen date. The actor is whoever
 * holds the link; the solver's own account (and its provider's) is refused
 * with PX_EFORBIDDEN "rater_is_solver". Errors: rating_link_unknown (404),
 * not_resolved, already_rated, reopen_closed.
 */
int helpdesk_rate(struct app *app, const struct app_actor *actor, const char *token, int score, const char *comment,
		  struct px_err *err);
int helpdesk_reopen(struct app *app, const struct app_actor *actor, const char *token, const char *reason,
		    struct px_err *err);

/*
 * Statistics in the actor's scope: totals toward the target of 10,000, and
 * counts by field, by city (市州) and by provider: recorded, resolved,
 * overdue, mean rating.
 */
int helpdesk_stats(struct app *app, const struct app_actor *actor, json_t **out, struct px_err *err);

#endif
