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

#endif
