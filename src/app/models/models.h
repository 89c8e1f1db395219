/*
 * models.h - the ten advanced quality-management models (推广十个先进质量管理
 * 模式, 湘市监办发〔2022〕71号): an office chooses up to ten from the
 * enterprises pingxuan already knows as winners (any programme's
 * certificates) or honoured (the honours register's quality awards), gives
 * each its model's name and method, and records how it is promoted -
 * 巡回演讲 (lecture tour), 新闻宣传 (news), 专栏版画 (column), 编印资料
 * (publication): date, place, audience or reach. The showcase is public.
 */
#ifndef PX_APP_MODELS_H
#define PX_APP_MODELS_H

#include <jansson.h>

#include "app/app.h"

#define MODELS_MAX 10

/* The enterprises the office may choose from, in its region: {candidates: [{uscc, name, source, what}]}. */
int models_candidates(struct app *app, const struct app_actor *actor, json_t **out, struct px_err *err);

/* Choose one: {uscc, model_name, summary}; it must be a candidate. 409 models_full past ten. */
int models_choose(struct app *app, const struct app_actor *actor, json_t *req, int64_t *id, struct px_err *err);

/* A promotion of a model: {kind, date, place, reach, note}. */
int models_promote(struct app *app, const struct app_actor *actor, int64_t id, json_t *req, struct px_err *err);

/* The public showcase: every model with its promotions, newest first; region NULL: all. */
int models_showcase(struct app *app, const char *region, json_t **out, struct px_err *err);

#endif
