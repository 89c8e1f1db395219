/*
 * forms_view.h - a programme's application forms as clients render them:
 * each field with its label, type, limits and options, as the template
 * declares them (data/templates/, docs/templates.md).
 */
#ifndef PX_APP_PROGRAMME_FORMS_VIEW_H
#define PX_APP_PROGRAMME_FORMS_VIEW_H

#include <jansson.h>

#include "app/app.h"

/*
 * {programme, forms: {code: {title, attachment, fields: [{key, label, type,
 * required, min?, max?, options?}]}}}. For text fields min/max are bytes;
 * for numbers values (decimals as numbers with two places). *out is the
 * caller's. Errors: those of loading the programme (404).
 */
int forms_view_json(struct app *app, int64_t programme, json_t **out, struct px_err *err);

#endif
