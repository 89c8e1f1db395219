/*
 * apply.h - the applicant's side of an award (清强市办〔2025〕20号, step 1 申报): create
 * a draft application, fill in the form of the template, record the
 * internal public notice and the no-record attestation, upload evidence
 * (app/document.h), submit; and the views of applications for everyone
 * allowed to see them.
 *
 * Who edits: the applicant account bound to the organisation or person; for
 * applicants without an account (paper applications) the county of their
 * region or the office. When: a draft while the programme is in its
 * application stage; an application the county returned (state `returned`)
 * also during the county stage, until it is submitted again.
 */
#ifndef PX_APP_APPLY_H
#define PX_APP_APPLY_H

#include <jansson.h>

#include "app/programme/application.h"
#include "app/programme/programme.h"

struct application_new {
	const char *track;        /* a track code of the template */
	const char *form;         /* a form of that track */
	int64_t organisation_id;  /* exactly one of the two, matching the track's applicant kind */
	int64_t person_id;
};

/*
 * Create a draft. Errors: "wrong_stage", "unknown_track",
 * "wrong_applicant_kind", "form_not_in_track", 404 for an applicant the
 * actor may not act for, "region_outside_programme", PX_ECONFLICT
 * "application_exists". Audited as "application.create".
 */
int application_create(struct app *app, const struct app_actor *actor, int64_t programme_id,
		       const struct application_new *req, int64_t *id, struct px_err *err);

/*
 * Replace the form's fields with `fields` (borrowed), validated against the
 * template form: unknown keys are refused ("unknown_field" naming the key),
 * each value by its type (application_form.c). Required fields may still be
 * missing: submission checks completeness. Mobile numbers are stored as a
 * keyed hash and a masked copy. Audited as "application.form" (field names
 * only).
 */
int application_form_put(struct app *app, const struct app_actor *actor, int64_t id, json_t *fields,
			 struct px_err *err);

/*
 * Record the applicant's internal public notice (公示) from `from` to `to`
 * (YYYY-MM-DD): it must have ended by today and have lasted at least the
 * application stage's internal_notice_workdays working days on the official
 * calendar ("notice_too_short" naming both counts). `note` (optional, <= 500
 * bytes) says where it was posted.
 */
int application_internal_notice(struct app *app, const struct app_actor *actor, int64_t id, const char *from,
				const char *to, const char *note, struct px_err *err);

/* Give (true) or withdraw (false) the no-accident / no-violation attestation. */
int application_attest(struct app *app, const struct app_actor *actor, int64_t id, bool no_record,
		       struct px_err *err);

/*
 * Submit (draft or returned -> submitted): every required field filled
 * ("form_incomplete" naming the field), at least one evidence PDF
 * ("evidence_missing"), the internal notice recorded
 * ("internal_notice_missing"), the attestation given ("attestation_missing").
 * Then the eligibility rules of the template are evaluated
 * (core/eligibility.h) and one row per rule stored; a failing rule keeps the
 * application where it is and answers PX_ECONFLICT "ineligible" naming the
 * rule (the stored rows show every reason).
 */
int application_submit(struct app *app, const struct app_actor *actor, int64_t id, struct px_err *err);

/*
 * One application with its applicant, form (personal numbers masked),
 * documents, eligibility, recommendation, and for staff the opinions of the
 * consulted departments and a summary of objections: the JSON text of the
 * answer, written without a tree (application_view.c). 404 unless
 * application_readable(). Caller frees *text; *len is its length.
 */
int application_get_text(struct app *app, const struct app_actor *actor, int64_t id, char **text, size_t *len,
			 struct px_err *err);

/*
 * The applications of a programme the actor may see (county: its county;
 * office: all; applicant: its own), filtered by state and region when those
 * are not NULL: the answer's text {"applications": [...]}. Caller frees
 * *text; *len is its length.
 */
int application_list_text(struct app *app, const struct app_actor *actor, int64_t programme_id, const char *state,
			  const char *region, char **text, size_t *len, struct px_err *err);

/* ---- shared by the apply use cases (apply.c) ---- */

/*
 * Load the application and its programme inside the caller's transaction
 * and check the actor may see it (404 otherwise). On success the caller
 * releases *p with programme_release().
 */
int apply_load(struct store_conn *c, const struct app_actor *actor, int64_t id, struct application *a,
	       struct programme *p, struct px_err *err);

/* May the actor edit the applicant's side of this application? */
bool apply_may_edit(const struct app_actor *actor, const struct application *a);

/*
 * The application is open for the applicant: draft during the application
 * stage, returned during the application or county stage. PX_ECONFLICT
 * "wrong_state" / "wrong_stage" otherwise.
 */
int apply_require_open(const struct programme *p, const struct application *a, struct px_err *err);

/* The first stage of kind `application` of the template, or NULL. */
const struct tpl_stage *apply_stage(const struct template *t);

/* ---- the form (application_form.c) ---- */

/* The first required field of `form` missing from the stored fields, or NULL. */
const char *application_form_missing(const struct tpl_form *form, json_t *stored);

/* The stored fields as shown: mobile numbers by their masked copy. Caller owns the result. */
json_t *application_form_view(json_t *stored);
struct jw;
/*
 * The same view of the stored form text written by the JSON
 * writer: copied member by member when it is as this program stores it
 * (json_stored.h), else read by jansson and written as application_form_view()
 * shows it ({} when it does not parse).
 */
void application_form_write(struct jw *w, const char *stored);

#endif
