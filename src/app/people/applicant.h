/*
 * applicant.h - who applies: organisations (by unified social credit code)
 * and individuals (by resident ID number), and the winners of earlier years
 * that the win ban needs.
 *
 * An applicant account registers its own organisation or person and is bound
 * to it (one applicant identity per account); a county bureau may register
 * applicants of its county, and the office applicants inside its region, on
 * their behalf (paper applications). Resident ID and mobile numbers are
 * stored only as keyed hashes and masked copies (app/secret.h) and are never
 * returned in clear, not even to the person who gave them.
 */
#ifndef PX_APP_APPLICANT_H
#define PX_APP_APPLICANT_H

#include <jansson.h>

#include "app/app.h"

struct organisation_new {
	const char *uscc;       /* GB 32100-2015, checked with its check character */
	const char *name;       /* 1..160 bytes */
	const char *industry;   /* GB/T 4754-2017 section letter A..T */
	const char *region;     /* county-level division code */
	const char *founded_on; /* YYYY-MM-DD, not after today */
};

struct person_new {
	const char *id_number;     /* GB 11643-1999, birth date not after today */
	const char *name;          /* 1..64 bytes */
	const char *employer;      /* 1..160 bytes */
	const char *region;        /* county-level division code */
	const char *quality_since; /* first day of quality work, after birth, not after today */
	const char *mobile;        /* optional */
};

struct past_winner_new {
	const char *family;    /* programme family, e.g. qingyuan-quality-award */
	int year;
	const char *uscc;      /* exactly one of uscc and id_number */
	const char *id_number;
	const char *track;
	const char *source;    /* where the fact comes from (a notice, a decision) */
};

/*
 * Register an organisation / a person. Errors: "invalid_uscc" and
 * "invalid_resident_id" with the reason, "invalid_industry",
 * "unknown_region", "region_not_county", "bad_date", "date_in_future",
 * PX_ECONFLICT "account_has_applicant", PX_EFORBIDDEN outside the actor's
 * region; for staff also PX_ECONFLICT "organisation_exists" /
 * "person_exists". An applicant account registering for itself an identity
 * registered already gets 0 and *id 0: nothing is bound, the attempt is
 * recorded for the owner (app/people/registration.h), so that the answer is
 * the same whether or not the number is registered (the HTTP layer answers
 * applicants 202 without the record either way). Audited without the
 * numbers in clear.
 */
int organisation_create(struct app *app, const struct app_actor *actor, const struct organisation_new *req,
			int64_t *id, struct px_err *err);
int person_create(struct app *app, const struct app_actor *actor, const struct person_new *req, int64_t *id,
		  struct px_err *err);

/* One organisation / person as JSON for those who may see it (404 otherwise); caller owns *out. */
int organisation_get(struct app *app, const struct app_actor *actor, int64_t id, json_t **out,
		     struct px_err *err);
int person_get(struct app *app, const struct app_actor *actor, int64_t id, json_t **out, struct px_err *err);

/*
 * Record a winner of an earlier year (the office). The record is kept by the
 * office's region (app/scope.h) and bars applicants of that region's
 * programmes only. Audited as "past_winner.add".
 */
int past_winner_add(struct app *app, const struct app_actor *actor, const struct past_winner_new *req,
		    int64_t *id, struct px_err *err);

/* The past winners the office's region keeps, numbers masked; *out {past_winners: [...]} is the caller's. */
int past_winner_list(struct app *app, const struct app_actor *actor, json_t **out, struct px_err *err);

/*
 * Remove a past-winner record entered in error (reason 1..2000 bytes) by the
 * office that keeps it; another region's record is PX_ENOTFOUND. The row is
 * kept, marked removed, and no longer counts. Audited as "past_winner.remove".
 */
int past_winner_remove(struct app *app, const struct app_actor *actor, int64_t id, const char *reason,
		       struct px_err *err);

/*
 * Correct a past-winner record in place (the fields of past_winner_add, and
 * why: reason 1..2000 bytes) by the office that keeps it; another region's
 * record, or a removed one, is PX_ENOTFOUND. The win ban counts the new
 * values from then on. Audited as "past_winner.correct" with the old and the
 * new values (identifiers as the USCC and the masked ID number).
 */
int past_winner_correct(struct app *app, const struct app_actor *actor, int64_t id,
			const struct past_winner_new *req, const char *reason, struct px_err *err);

/*
 * The identity bound to the applicant account: *out {organisation: {...} |
 * null, person: {...} | null} as organisation_get / person_get answer them,
 * the caller's. Other actors PX_EFORBIDDEN.
 */
int applicant_mine(struct app *app, const struct app_actor *actor, json_t **out, struct px_err *err);

/* The GB/T 4754-2017 section name of a letter ("制造业" for "C"), or "" when unknown. */
const char *applicant_industry_name(const char *letter);

/* "9144180*********X1": a USCC masked for public lists (first 6 and last 2 kept). */
void applicant_mask_uscc(const char *uscc, char *out, size_t cap);

/* May the actor act for applicants of `region` (register, edit on behalf)? */
bool applicant_staff_may_act(const struct app_actor *actor, const char *region);

#endif
