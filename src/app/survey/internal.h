/*
 * internal.h - what the survey's files share (app/survey/survey.h): the
 * form definition and the answers checked against it, the loading of a
 * survey, and its texts.
 */
#ifndef PX_APP_SURVEY_INTERNAL_H
#define PX_APP_SURVEY_INTERNAL_H

#include "app/survey/survey.h"

/* Check a survey's form definition: 0 or PX_EINVAL "bad_form" naming the path. */
int survey_form_check(const json_t *form, struct px_err *err);

/* Check an answer against the form (the keys of survey_answer). */
int survey_content_check(const json_t *form, const json_t *content, struct px_err *err);

/* Check benchmark levels {key: number} against the form: 1 or more known indicators. */
int survey_levels_check(const json_t *form, const json_t *levels, struct px_err *err);

/* The indicator of that key in the form, NULL when none. */
const json_t *survey_indicator(const json_t *form, const char *key);

/* A survey row: its owner and its form (the caller's reference). */
struct survey_row {
	int64_t id;
	char owner[8];
	char title[256], industry[256];
	int64_t weakness_pct;
	json_t *form;
};

/* Load survey `id` (PX_ENOTFOUND when absent or, for staff, outside the actor's scope). */
int survey_load(struct store_conn *c, const struct app_actor *actor, int64_t id, struct survey_row *row,
		struct px_err *err);

/* The organisation of an applicant account: 0 (and *org 0) when it has none. */
int survey_own_organisation(struct store_conn *c, const struct app_actor *actor, int64_t *org, char region[8],
			    struct px_err *err);

/* A text of the survey's table ("" for an unknown key), its "{name}" placeholders filled from vars. */
size_t survey_text(const char *key, const char *const *vars, char *out, size_t cap);

/* A number as text with at most four decimals and no trailing zeros ("92.5", "0.3", "12"). */
void survey_number(double v, char *out, size_t cap);

#endif
