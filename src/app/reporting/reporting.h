/*
 * reporting.h - the reporting engine: an office asks a set of units (accounts
 * of the member role) for a report by a deadline, with a form given as data;
 * each unit drafts, submits - or says explicitly that it has nothing to
 * report (无可报告, a nil report) - and the office may return a submission
 * with a reason, after which the unit resubmits. Every version is kept. A
 * submission after the deadline is accepted and marked late (迟报), never
 * refused. The office sees per unit whether it submitted, on time, was
 * returned or is missing, with the deadline's date and the working days left
 * on the official calendar, and reminds the units that have not submitted,
 * before and after the deadline, in-app and by SMS to the unit's contact
 * (联络员) when a gateway is configured.
 *
 * Requests belong to the region of the office that opened them (app/scope.h,
 * kind "report-requests"); a unit reaches only requests it is asked in (404
 * otherwise). A programme family (the quality-month campaign) opens its
 * requests with reporting_request_insert inside its own transaction.
 *
 * Every function returning JSON through `out` gives the caller a new
 * reference; `content`/`form` arguments are borrowed.
 */
#ifndef PX_APP_REPORTING_H
#define PX_APP_REPORTING_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "app/app.h"
#include "core/date.h"

#define REPORTING_MAX_UNITS 200
#define REPORTING_REMIND_WORKDAYS 3 /* reminders before the deadline start this many working days ahead */
#define REPORTING_FILE_MAX (10u << 20)
#define REPORTING_FILES_PER_REQUEST 10

/*
 * A form definition: {"fields": [{key, type, label?, required?, max?, fields?}]}
 * with type one of text, textarea, int, date, bool, links (http(s) URLs),
 * files (ids of files the unit uploaded to the request), items (a list of
 * objects, each checked against the nested "fields"). 0, or PX_EINVAL
 * "bad_form" naming the path of the fault.
 */
int reporting_form_check(const json_t *form, struct px_err *err);

/*
 * Check `content` (an object) against `form`: unknown keys, missing
 * required fields (not for a `draft`, which may be incomplete), wrong types.
 * The file ids met are appended to `files` (a JSON array of integers, may
 * be NULL). PX_EINVAL "invalid_content" or "missing_field" naming the field
 * ("activities[2].held_on").
 */
int reporting_form_validate(const json_t *form, const json_t *content, json_t *files, bool draft, struct px_err *err);

struct reporting_new {
	int64_t programme_id; /* 0: none */
	const char *region;   /* the owning office's region */
	const char *code, *title;
	const char *opens_on; /* may be NULL */
	const char *due_on;
	const json_t *form;
	const int64_t *units; /* account ids of the member role */
	size_t nunits;
};

/* Insert a request and its units inside the caller's write transaction (audited "report.request"). */
int reporting_request_insert(struct store_conn *c, const struct app_actor *actor, const struct reporting_new *n,
			     int64_t now_us, int64_t *id, struct px_err *err);

/*
 * Add units to an open request inside the caller's write transaction (units
 * already asked are left as they are; each must be a member account of the
 * request's region: "unknown_unit"). *added: how many were new. Audited
 * "report.units" when any was.
 */
int reporting_units_add(struct store_conn *c, const struct app_actor *actor, int64_t request_id, const char *region,
			const int64_t *units, size_t n, int *added, struct px_err *err);

/*
 * Open a request of the office's own region (the units must be active member
 * accounts inside it: "unknown_unit"). *out: as reporting_request_json.
 */
int reporting_request_create(struct app *app, const struct app_actor *actor, const struct reporting_new *n,
			     json_t **out, struct px_err *err);

/*
 * A request as its office or one of its units sees it: title, form, the
 * deadline {due_on, workdays_left, workdays_overdue} and, for a unit, its
 * own current state.
 */
int reporting_request_json(struct app *app, const struct app_actor *actor, int64_t id, json_t **out,
			   struct px_err *err);

/* The requests of a programme (office: all; unit: those it is asked in). */
int reporting_requests_of_programme(struct app *app, const struct app_actor *actor, int64_t programme_id,
				    json_t **out, struct px_err *err);

/* Keep `content` as the unit's draft (a new version unless the latest is a draft). */
int reporting_save_draft(struct app *app, const struct app_actor *actor, int64_t request_id, const json_t *content,
			 json_t **out, struct px_err *err);

/*
 * Submit: a new version in state submitted (resubmitted after a return),
 * marked late when today is after the due date. `nil` submits a nil report
 * (content must then be absent or empty). PX_ECONFLICT "already_submitted"
 * while a submitted version awaits the office.
 */
int reporting_submit(struct app *app, const struct app_actor *actor, int64_t request_id, const json_t *content,
		     bool nil, json_t **out, struct px_err *err);

/* The office returns the unit's current submission: "nothing_to_return" unless submitted. */
int reporting_return(struct app *app, const struct app_actor *actor, int64_t request_id, int64_t unit,
		     const char *reason, json_t **out, struct px_err *err);

/* Every version of a unit's submissions, oldest first (office, or the unit itself). */
int reporting_versions_json(struct app *app, const struct app_actor *actor, int64_t request_id, int64_t unit,
			    json_t **out, struct px_err *err);

/*
 * What the units reported, for compiling a document: per unit whose latest
 * version stands submitted (or resubmitted) {unit, name, nil, late,
 * submitted_on, content}, in the order of the units. The office (and
 * leadership) only.
 */
int reporting_contents_json(struct app *app, const struct app_actor *actor, int64_t request_id, json_t **out,
			    struct px_err *err);

/*
 * The status table: per unit {unit, name, state, submitted, on_time, late,
 * nil, returned, missing, versions, submitted_on, reminders} and the totals
 * {expected, submitted, on_time, late, nil, returned, missing}.
 */
int reporting_status_json(struct app *app, const struct app_actor *actor, int64_t request_id, json_t **out,
			  struct px_err *err);

/*
 * Remind the units that have not submitted (or whose submission was
 * returned): "before" the due date, "after" it. `only_due`: only when a
 * reminder is due by the rule (from REPORTING_REMIND_WORKDAYS working days
 * before the deadline on, each working day); a unit is reminded once a day
 * per channel. After the transaction commits, when the app has an SMS gateway
 * (app->sms, template "reminder" with the parameters title, due_on, days
 * and text), each unit reminded that has a contact number is also sent an
 * SMS, at most one per unit, request and day; each SMS sent is recorded
 * (channel "sms", in a transaction of its own; the number never appears in
 * a record or a log). *out: {sent: [{unit, kind, message, sms}], channel
 * ("sms" when a gateway is configured, else "app"), sms: {sent, failed,
 * no_number, already}}.
 */
int reporting_remind(struct app *app, const struct app_actor *actor, int64_t request_id, bool only_due, json_t **out,
		     struct px_err *err);

/*
 * Each unit's contact (联络员): a name and the mobile number to which
 * reminders are sent by SMS. The number is sealed (app/secret.h) and every
 * answer shows it masked (138****8000). The office of the unit's region sets
 * it, and so does the unit itself; another unit gets PX_EFORBIDDEN
 * "not_your_unit", an office of another region PX_ENOTFOUND "unknown_unit".
 * *out: {unit, contact: {name, mobile} | null}.
 */
#define REPORTING_CONTACT_NAME_MAX 32
int reporting_contact_set(struct app *app, const struct app_actor *actor, int64_t unit, const char *name,
			  const char *mobile, json_t **out, struct px_err *err);
int reporting_contact_get(struct app *app, const struct app_actor *actor, int64_t unit, json_t **out,
			  struct px_err *err);
/* Set a contact inside the caller's write transaction (the caller authorised it): "invalid_text", "invalid_mobile". */
int reporting_contact_put(struct store_conn *c, const struct app_actor *actor, int64_t unit, const char *name,
			  const char *mobile, int64_t now_us, struct px_err *err);
/* *out: {name, mobile (masked)} or NULL when the unit has no contact. Inside the caller's transaction. */
int reporting_contact_json(struct store_conn *c, int64_t unit, json_t **out, struct px_err *err);
/* The clear number to send to ("" when none), inside the caller's transaction; never log it. */
int reporting_contact_number(struct store_conn *c, int64_t unit, char out[12], struct px_err *err);

/* A unit's todo: its requests with deadline and state, and its reminders, newest first. */
int reporting_mine_json(struct app *app, const struct app_actor *actor, json_t **out, struct px_err *err);

struct reporting_file {
	const char *tmp_path; /* a complete temporary file on the file system of files_dir */
	const char *name;
	const char *sha256;
	int64_t size;
};

/* A photo (JPEG or PNG) the unit attaches to its reports ("not_image"); *out: the files as an array. */
int reporting_files_add(struct app *app, const struct app_actor *actor, int64_t request_id,
			const struct reporting_file *files, size_t n, json_t **out, struct px_err *err);

/*
 * Keep one photo in the file store: *mime becomes "image/jpeg" or
 * "image/png" by its first bytes ("not_image" otherwise), and the file is
 * linked to its place by SHA-256. For other uploads of photos (a family's
 * archive); no database work.
 */
int reporting_photo_keep(const char *files_dir, const struct reporting_file *f, const char **mime, struct px_err *err);

/* May the actor upload to the request now? (before the body is read) */
int reporting_may_upload(struct app *app, const struct app_actor *actor, int64_t request_id, struct px_err *err);

struct reporting_file_info {
	char name[201];
	char mime[32];
	char path[4200];
};

/* A file for download: the office of the request, or its unit. */
int reporting_file_open(struct app *app, const struct app_actor *actor, int64_t id, struct reporting_file_info *out,
			struct px_err *err);

/* The deadline view {due_on, workdays_left, workdays_overdue, overdue} of a due date, seen on `today`. */
json_t *reporting_deadline_json(const struct app *app, const char *due_on, px_date today);

#endif
