/*
 * campaign.h - the quality-month campaign (深质强办〔2015〕17号) on the
 * reporting engine: the office opens the campaign's reporting requests
 * (coordinators, activity reports, summary) to the participating units that
 * have accounts of the member role; units plan their activities (title,
 * focus, dates, place, organiser, co-organisers, description, expected
 * audience), the office approves them, and approved activities appear on
 * the public activity calendar with the campaign's logo and slogan.
 *
 * Units are matched to accounts by the name of the account's unit, inside
 * the programme's region. Returned JSON belongs to the caller.
 */
#ifndef PX_APP_CAMPAIGN_H
#define PX_APP_CAMPAIGN_H

#include <jansson.h>

#include "app/app.h"

/*
 * Open the template's requests not yet opened, each to every participating
 * unit with a member account; requests opened earlier are given the units
 * that have an account since. *out: {requests: [{id, code, due_on,
 * units_added}], units_without_account: [names]}. Office of the programme
 * only. "no_unit_accounts" when no unit has an account yet.
 */
int campaign_open_requests(struct app *app, const struct app_actor *actor, int64_t programme_id, json_t **out,
			   struct px_err *err);

/* The campaign as anyone sees it: theme, slogans, focuses, units, city-wide activities, media, deadlines. */
int campaign_json(struct app *app, int64_t programme_id, json_t **out, struct px_err *err);

/*
 * The logo's file and MIME type: the one the office uploaded, else the
 * shipped placeholder named by the template (data directory).
 */
int campaign_logo_path(struct app *app, int64_t programme_id, char *path, size_t cap, char mime[32],
		       struct px_err *err);

struct reporting_file;

/* The office uploads the campaign's logo (JPEG or PNG: "not_image"); audited "campaign.logo". */
int campaign_logo_set(struct app *app, const struct app_actor *actor, int64_t programme_id,
		      const struct reporting_file *file, struct px_err *err);

/* May the actor upload the logo? (before the body is read) */
int campaign_logo_may_set(struct app *app, const struct app_actor *actor, int64_t programme_id, struct px_err *err);

struct campaign_plan {
	const char *title, *focus, *starts_on, *ends_on, *place, *organiser, *co_organisers, *description;
	int64_t audience;
};

/* A unit plans an activity ("unknown_focus", "bad_dates" ...). *out: the activity. */
int campaign_activity_plan(struct app *app, const struct app_actor *actor, int64_t programme_id,
			   const struct campaign_plan *plan, json_t **out, struct px_err *err);

/* The activities planned: the office and leadership see all, a unit its own. */
int campaign_activities_json(struct app *app, const struct app_actor *actor, int64_t programme_id, json_t **out,
			     struct px_err *err);

/* The office approves a planned activity for the public calendar. */
int campaign_activity_approve(struct app *app, const struct app_actor *actor, int64_t id, json_t **out,
			      struct px_err *err);

/*
 * The office imports the contacts (联络员) of the campaign's units from CSV:
 * columns unit, name, mobile (or 单位, 联络员, 手机), a unit by its name in
 * the template's list, matched to its member account. Each faulty line is
 * listed in *rows and nothing is written ("invalid_rows"). *out: {imported}.
 */
#define CAMPAIGN_CONTACTS_CSV_MAX (64u << 10)
int campaign_contacts_import(struct app *app, const struct app_actor *actor, int64_t programme_id, const char *csv,
			     size_t len, json_t **out, json_t **rows, struct px_err *err);

/* The public activity calendar: city-wide and approved activities by date, each with the logo and theme. */
int campaign_calendar_json(struct app *app, int64_t programme_id, json_t **out, struct px_err *err);

#endif
