/*
 * targets.h - the target dashboard of the provincial upgrade (十百千万,
 * 湘市监办发〔2022〕71号): 10 quality-management models, 100 certified famous
 * products, 1,000 trained chief quality officers and 10,000 solved quality
 * problems, counted from the registers themselves for a region and each
 * division under it (province → city → county), so the figures always match
 * the registers.
 */
#ifndef PX_APP_TARGETS_H
#define PX_APP_TARGETS_H

#include <jansson.h>

#include "app/app.h"

/*
 * The figures of `region` (NULL: the actor's own; it must lie in the actor's
 * scope, 404 otherwise) and of each division directly under it:
 * {region, name, targets: {models, certified, trained, solved}, totals: {...},
 *  children: [{region, name, certified, trained, solved}]}. Staff only.
 */
int targets_json(struct app *app, const struct app_actor *actor, const char *region, json_t **out, struct px_err *err);

/*
 * The office of a province requests this year's local summaries and typical
 * cases (本地总结与典型案例, 湘市监办发〔2022〕71号 四(三)) through the
 * reporting engine: one request, due 30 November of the year (today's), to
 * a member account of each city (市州) of the province; requesting again
 * adds the cities that have an account since. A submission after the
 * deadline is marked late (迟报) by the engine. *out: {request, year,
 * due_on, cities: [{region, name, unit}], units_added}. Errors:
 * PX_EFORBIDDEN "province_only"; PX_ECONFLICT "no_city_accounts" when no
 * city has a member account.
 */
int targets_request_summaries(struct app *app, const struct app_actor *actor, json_t **out, struct px_err *err);

#endif
