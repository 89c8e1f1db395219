/*
 * register.h - registration for the brand ranking (报名征集, 2022-07-18 to
 * 2022-08-10 in Guangzhou) and the district bureaus' view of it.
 *
 * A registration is one engine application (one per applicant and
 * programme: the application table's own rule) that lists the 1 to
 * section.max_tracks tracks the applicant chose (ranking_track): a brand is
 * a candidate in those tracks only. It states the brand, its industry (a
 * GB/T 4754-2017 section; the organisation's own when not given) and carries
 * the attestation that the materials are true, accurate, lawful and valid
 * (承诺申报材料的真实、准确、合法和有效). It is submitted as it is made: the
 * registration is online confirmation.
 */
#ifndef PX_APP_RANKING_REGISTER_H
#define PX_APP_RANKING_REGISTER_H

#include <jansson.h>
#include <stdbool.h>

#include "app/app.h"

#define RANKING_MAX_CHOICE 8

struct ranking_registration {
	int64_t organisation_id;
	const char *tracks[RANKING_MAX_CHOICE]; /* track codes in the applicant's order */
	size_t ntracks;                          /* as given (too many are refused) */
	const char *industry;                    /* NULL: the organisation's */
	const char *brand, *description, *contact;
	bool attest;
};

/*
 * Register: the applicant account bound to the organisation, or for an
 * organisation without an account its district bureau or the office. In the
 * registration stage (wrong_stage) within its window: before its opening
 * date "registration_not_open", after its closing date (or extension)
 * "stage_closed", both naming the date. Errors: "no_track",
 * "too_many_tracks" (field "tracks"), "unknown_track" / "duplicate_track"
 * ("tracks[i]"), "truth_attestation_missing" ("attest"), "invalid_industry",
 * "invalid_text", "region_outside_programme", 404 for an organisation the
 * actor may not act for, PX_ECONFLICT "application_exists". *out is the
 * registration as ranking_registration_json() shows it. Audited as
 * "ranking.register".
 */
int ranking_register(struct app *app, const struct app_actor *actor, int64_t programme_id,
		     const struct ranking_registration *req, json_t **out, struct px_err *err);

/*
 * The registrations of a programme the actor may see: the office and the
 * leadership group all, a district bureau those of its district (member
 * units on a panel read the candidates through their sheet, panel.h);
 * `track` (NULL: all) keeps those that chose it; 404 for anyone else.
 * *out {programme, districts: [{region, name, bureau, phone, registrations}],
 * registrations: [...]}.
 */
int ranking_registrations_json(struct app *app, const struct app_actor *actor, int64_t programme_id,
			       const char *track, json_t **out, struct px_err *err);

/* One registration with its tracks; 404 unless the actor may see the application. */
int ranking_registration_json(struct app *app, const struct app_actor *actor, int64_t application_id,
			      json_t **out, struct px_err *err);

#endif
