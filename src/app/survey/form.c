/*
 * form.c - a survey's form as data (survey.h): the definition an office
 * gives (indicators with unit and direction, management systems, further
 * questions in the reporting engine's form format) and an enterprise's
 * answer, or a benchmark's levels, checked against it.
 */
#include "app/survey/internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "app/input.h"
#include "app/reporting/reporting.h"
#include "core/benchmark.h"
#include "core/helpdesk.h"

#define LEVEL_ABS_MAX 1e12

static int bad_form(struct px_err *err, const char *path, const char *what)
{
	return px_err_set(err, PX_EINVAL, "bad_form", path, "form %s: %s", path, what);
}

static bool good_key(const char *k)
{
	return k && *k && strlen(k) <= 32 && strspn(k, "abcdefghijklmnopqrstuvwxyz0123456789_") == strlen(k);
}

static bool good_line(const json_t *v, size_t min, size_t max)
{
	const char *s = json_string_value(v);
	return s && strlen(s) >= min && strlen(s) <= max && !strpbrk(s, "\r\n\t");
}

/* A key not met before in the list of objects up to index i. */
static bool unique_key(const json_t *list, size_t i, const char *key)
{
	for (size_t j = 0; j < i; j++)
		if (!strcmp(key, json_string_value(json_object_get(json_array_get(list, j), "key"))))
			return false;
	return true;
}

static int check_indicator(const json_t *list, size_t i, struct px_err *err)
{
	const json_t *ind = json_array_get(list, i), *min = json_object_get(ind, "min"), *max = json_object_get(ind, "max");
	const char *key = json_string_value(json_object_get(ind, "key")), *field = json_string_value(json_object_get(ind, "field"));
	enum benchmark_dir dir;
	char path[48];
	snprintf(path, sizeof(path), "indicators[%zu]", i);
	if (!json_is_object(ind) || !good_key(key) || !unique_key(list, i, key))
		return bad_form(err, path, "each indicator has its own key of a-z, 0-9 and _");
	if (!good_line(json_object_get(ind, "label"), 1, 100) || !good_line(json_object_get(ind, "unit"), 0, 20))
		return bad_form(err, path, "an indicator has a label and a unit (\"\" for none)");
	if (benchmark_dir_parse(json_string_value(json_object_get(ind, "direction")), &dir))
		return bad_form(err, path, "the direction is \"higher\" or \"lower\"");
	if (json_object_get(ind, "field") && !helpdesk_field_find(field))
		return bad_form(err, path, "the field is one of the help desk's nine");
	if ((min && !json_is_number(min)) || (max && !json_is_number(max)) ||
	    (min && max && json_number_value(min) > json_number_value(max)))
		return bad_form(err, path, "min and max are numbers, min not above max");
	return 0;
}

static int check_systems(const json_t *systems, struct px_err *err)
{
	char path[48];
	size_t i;
	json_t *s;
	if (!systems)
		return 0;
	if (!json_is_array(systems) || json_array_size(systems) > SURVEY_MAX_SYSTEMS)
		return bad_form(err, "systems", "a list of at most 20 systems");
	json_array_foreach(systems, i, s) {
		const char *key = json_string_value(json_object_get(s, "key"));
		snprintf(path, sizeof(path), "systems[%zu]", i);
		if (!good_key(key) || !unique_key(systems, i, key) || !good_line(json_object_get(s, "label"), 1, 100))
			return bad_form(err, path, "each system has its own key and a label");
	}
	return 0;
}

int survey_form_check(const json_t *form, struct px_err *err)
{
	const json_t *ind = json_object_get(form, "indicators"), *fields = json_object_get(form, "fields");
	const char *key;
	json_t *v;
	int rc;
	if (!json_is_object(form))
		return bad_form(err, "form", "must be an object");
	json_object_foreach((json_t *)form, key, v)
		if (strcmp(key, "indicators") && strcmp(key, "systems") && strcmp(key, "fields"))
			return bad_form(err, "form", "has indicators, systems and fields only");
	if (!json_is_array(ind) || !json_array_size(ind) || json_array_size(ind) > SURVEY_MAX_INDICATORS)
		return bad_form(err, "indicators", "a list of 1 to 30 indicators");
	for (size_t i = 0; i < json_array_size(ind); i++)
		if ((rc = check_indicator(ind, i, err)))
			return rc;
	if ((rc = check_systems(json_object_get(form, "systems"), err)))
		return rc;
	if (!fields)
		return 0;
	json_t *wrapped = json_pack("{s:O}", "fields", fields);
	rc = reporting_form_check(wrapped, err);
	json_decref(wrapped);
	return rc;
}

const json_t *survey_indicator(const json_t *form, const char *key)
{
	size_t i;
	json_t *ind;
	json_array_foreach(json_object_get(form, "indicators"), i, ind)
		if (key && !strcmp(key, json_string_value(json_object_get(ind, "key"))))
			return ind;
	return NULL;
}

/* A level of indicator `ind`: a finite number within its bounds. */
static int check_level(const json_t *ind, const json_t *v, const char *path, struct px_err *err)
{
	const json_t *min = json_object_get(ind, "min"), *max = json_object_get(ind, "max");
	double x = json_number_value(v);
	if (!json_is_number(v) || !isfinite(x) || fabs(x) > LEVEL_ABS_MAX || (min && x < json_number_value(min)) ||
	    (max && x > json_number_value(max)))
		return px_err_set(err, PX_EINVAL, "invalid_indicator", path, "'%s' is a number within the indicator's bounds",
				  path);
	return 0;
}

/* {key: number} against the indicators; `all`: every indicator must be there. */
static int check_levels(const json_t *form, const json_t *levels, bool all, struct px_err *err)
{
	char path[64];
	const char *key;
	json_t *v;
	size_t i;
	int rc;
	if (!json_is_object(levels))
		return px_err_set(err, PX_EINVAL, "invalid_content", "indicators", "'indicators' is an object of levels");
	json_object_foreach((json_t *)levels, key, v) {
		const json_t *ind = survey_indicator(form, key);
		snprintf(path, sizeof(path), "indicators.%.40s", key);
		if (!ind)
			return px_err_set(err, PX_EINVAL, "unknown_indicator", path, "no indicator '%s' in the survey", path);
		if ((rc = check_level(ind, v, path, err)))
			return rc;
	}
	json_array_foreach(json_object_get(form, "indicators"), i, v) {
		key = json_string_value(json_object_get(v, "key"));
		snprintf(path, sizeof(path), "indicators.%s", key);
		if (all && !json_object_get(levels, key))
			return px_err_set(err, PX_EINVAL, "missing_indicator", path, "'%s' is required", path);
	}
	return 0;
}

int survey_levels_check(const json_t *form, const json_t *levels, struct px_err *err)
{
	int rc = check_levels(form, levels, false, err);
	if (!rc && !json_object_size(levels))
		return px_err_set(err, PX_EINVAL, "missing_field", "levels", "a benchmark has at least one level");
	return rc;
}

static int check_standards(const json_t *list, struct px_err *err)
{
	char path[32];
	size_t i;
	json_t *v;
	if (!list)
		return 0;
	if (!json_is_array(list) || json_array_size(list) > SURVEY_MAX_STANDARDS)
		return px_err_set(err, PX_EINVAL, "invalid_standard", "standards", "at most 20 standards");
	json_array_foreach(list, i, v) {
		snprintf(path, sizeof(path), "standards[%zu]", i);
		if (!good_line(v, 1, 80))
			return px_err_set(err, PX_EINVAL, "invalid_standard", path, "'%s' is a standard's number, 1..80 bytes",
					  path);
	}
	return 0;
}

static int check_systems_held(const json_t *form, const json_t *list, struct px_err *err)
{
	char path[32];
	size_t i, j;
	json_t *v, *s;
	if (!list)
		return 0;
	if (!json_is_array(list) || json_array_size(list) > SURVEY_MAX_SYSTEMS)
		return px_err_set(err, PX_EINVAL, "invalid_content", "systems", "'systems' is a list of system keys");
	json_array_foreach(list, i, v) {
		bool known = false;
		snprintf(path, sizeof(path), "systems[%zu]", i);
		json_array_foreach(json_object_get(form, "systems"), j, s)
			known = known || (json_is_string(v) && !strcmp(json_string_value(v), json_string_value(json_object_get(s, "key"))));
		for (j = 0; j < i && known; j++)
			known = !json_equal(v, json_array_get(list, j));
		if (!known)
			return px_err_set(err, PX_EINVAL, "unknown_system", path, "'%s' is no system of the survey, or twice",
					  path);
	}
	return 0;
}

int survey_content_check(const json_t *form, const json_t *content, struct px_err *err)
{
	const char *key;
	json_t *v;
	int rc;
	if (!json_is_object(content))
		return px_err_set(err, PX_EINVAL, "invalid_content", "content", "the answer is an object");
	json_object_foreach((json_t *)content, key, v)
		if (strcmp(key, "standards") && strcmp(key, "indicators") && strcmp(key, "systems") &&
		    (strcmp(key, "fields") || !json_object_get(form, "fields")))
			return px_err_set(err, PX_EINVAL, "invalid_content", key, "'%s' is not a part of the survey", key);
	if ((rc = check_standards(json_object_get(content, "standards"), err)) ||
	    (rc = check_levels(form, json_object_get(content, "indicators"), true, err)) ||
	    (rc = check_systems_held(form, json_object_get(content, "systems"), err)))
		return rc;
	if (!json_object_get(form, "fields"))
		return 0;
	json_t *defn = json_pack("{s:O}", "fields", json_object_get(form, "fields"));
	json_t *answers = json_object_get(content, "fields");
	json_t *empty = answers ? NULL : json_object();
	rc = reporting_form_validate(defn, answers ? answers : empty, NULL, false, err);
	json_decref(defn);
	json_decref(empty);
	return rc;
}

void survey_number(double v, char *out, size_t cap)
{
	snprintf(out, cap, "%.4f", benchmark_round(v));
	char *dot = strchr(out, '.');
	if (!dot)
		return;
	char *end = out + strlen(out) - 1;
	while (end > dot && *end == '0')
		*end-- = '\0';
	if (end == dot)
		*end = '\0';
}
