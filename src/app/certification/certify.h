/*
 * certify.h - the use cases of the 湖南名品 certification: the city bureau's
 * (市州) recommendation, the threshold applied by the province, the count
 * against the target, and the exit checks of its stages (family.c).
 */
#ifndef PX_APP_CERTIFICATION_CERTIFY_H
#define PX_APP_CERTIFICATION_CERTIFY_H

#include <jansson.h>
#include <stdbool.h>

#include "app/app.h"
#include "app/programme/programme.h"
#include "app/programme/template.h"
#include "core/date.h"

#define CERTIFICATION_OPINION_MAX 1000
#define CERTIFICATION_KIND "certification" /* the templates' "kind" */

struct certification_rules {
	int64_t bar;        /* hundredths of a point */
	int64_t target;
	int validity_years;
};

/*
 * The rules of a template's "section" object: PX_EINVAL "bad_template"
 * naming the key (section.bar ...) when it is not one a certification runs.
 */
int certification_rules_of(const json_t *section, struct certification_rules *out, struct px_err *err);


/*
 * The last day of a validity of `years` from `from`: the day before the same
 * date `years` later (a 29 February start ends on 28 February).
 */
px_date certification_valid_until(px_date from, int years);

/*
 * The city bureau (a county-level account bound to a 市州 code) recommends
 * a submitted application of its city (the city itself or a county under
 * it) or not, with an opinion, during the programme's recommendation
 * stage. PX_ENOTFOUND for an application of another city or of no
 * certification; PX_ECONFLICT "wrong_stage", "wrong_state". *out is
 * {id, state, opinion}.
 */
int certification_recommend(struct app *app, const struct app_actor *actor, int64_t application_id, bool recommend,
			    const char *opinion, json_t **out, struct px_err *err);

/* The applications of the city bureau's city in a programme: {applications: [...]}. */
int certification_city_list(struct app *app, const struct app_actor *actor, int64_t programme_id, json_t **out,
			    struct px_err *err);

/*
 * Apply the bar (office, certification stage): every application in
 * review whose score is at or above the bar is certified (state winner)
 * and gets a certificate valid from today for validity_years; the others
 * are not (not_proposed). PX_ECONFLICT "score_missing" when a reviewed
 * application has no score. *out as certification_summary().
 */
int certification_certify(struct app *app, const struct app_actor *actor, int64_t programme_id, json_t **out,
			  struct px_err *err);

/*
 * {programme, bar, target, certified, valid, applications: [{id, name,
 * region, state, score, certified, certificate}]}: the count against the
 * target, for the office, the leadership group and the city bureaus.
 */
int certification_summary(struct app *app, const struct app_actor *actor, int64_t programme_id, json_t **out,
			  struct px_err *err);

/* Exit checks (family.h): every application decided by its city, the recommended ones taken into review. */
int certification_close_recommendation(struct app *app, struct store_conn *c, const struct programme *p,
				       const struct tpl_stage *s, struct px_err *err);
/* The bar was applied: no application is left in review. */
int certification_close_certification(struct app *app, struct store_conn *c, const struct programme *p,
				      const struct tpl_stage *s, struct px_err *err);

#endif
