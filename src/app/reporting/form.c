/*
 * form.c - a reporting request's form, as data: checking the definition an
 * office or a template gives, and checking a unit's content against it
 * (see reporting.h for the field types).
 */
#include "app/reporting/reporting.h"

#include <stdio.h>
#include <string.h>

#include "app/input.h"

#define FORM_MAX_FIELDS 32
#define FORM_MAX_ITEMS 100
#define FORM_MAX_LINKS 20
#define FORM_TEXT_MAX 200
#define FORM_DEPTH 2

static const char *const types[] = { "text", "textarea", "int", "date", "bool", "links", "files", "items", NULL };

static bool known_type(const char *t)
{
	for (int i = 0; types[i]; i++)
		if (!strcmp(types[i], t))
			return true;
	return false;
}

static int bad_form(struct px_err *err, const char *path, const char *what)
{
	return px_err_set(err, PX_EINVAL, "bad_form", path, "form %s: %s", path, what);
}

static int check_fields(const json_t *fields, int depth, const char *at, struct px_err *err)
{
	char path[128];
	size_t i;
	json_t *f;

	if (!json_is_array(fields) || !json_array_size(fields) || json_array_size(fields) > FORM_MAX_FIELDS)
		return bad_form(err, at, "'fields' is an array of 1 to 32 fields");
	json_array_foreach(fields, i, f) {
		const char *key = json_string_value(json_object_get(f, "key"));
		const char *type = json_string_value(json_object_get(f, "type"));
		json_t *sub = json_object_get(f, "fields");
		snprintf(path, sizeof(path), "%s[%zu]", at, i);
		if (!key || !*key || strlen(key) > 32 || !type || !known_type(type))
			return bad_form(err, path, "each field has a key and a known type");
		for (size_t j = 0; j < i; j++)
			if (!strcmp(key, json_string_value(json_object_get(json_array_get(fields, j), "key"))))
				return bad_form(err, path, "duplicate key");
		if (!strcmp(type, "items")) {
			int rc;
			if (depth >= FORM_DEPTH)
				return bad_form(err, path, "items nest at most two deep");
			if ((rc = check_fields(sub, depth + 1, path, err)))
				return rc;
		} else if (sub) {
			return bad_form(err, path, "only items have nested fields");
		}
	}
	return 0;
}

int reporting_form_check(const json_t *form, struct px_err *err)
{
	if (!json_is_object(form))
		return bad_form(err, "form", "must be an object");
	return check_fields(json_object_get(form, "fields"), 1, "fields", err);
}

static int invalid(struct px_err *err, const char *path, const char *what)
{
	return px_err_set(err, PX_EINVAL, "invalid_content", path, "'%s' %s", path, what);
}

static bool is_url(const char *s)
{
	return s && (!strncmp(s, "https://", 8) || !strncmp(s, "http://", 7)) && strlen(s) <= 500 &&
	       !strpbrk(s, " \t\r\n\"<>");
}

static int check_fields_of(const json_t *fields, const json_t *obj, json_t *files, bool draft, const char *at,
			   struct px_err *err);

static int check_value(const json_t *f, const json_t *v, json_t *files, bool draft, const char *path, struct px_err *err)
{
	const char *type = json_string_value(json_object_get(f, "type"));
	json_int_t max = json_integer_value(json_object_get(f, "max"));
	char sub[300];
	size_t i;
	json_t *x;
	px_date d;

	if (!strcmp(type, "text") || !strcmp(type, "textarea")) {
		size_t cap = max > 0 ? (size_t)max : (!strcmp(type, "text") ? FORM_TEXT_MAX : INPUT_TEXT_MAX);
		if (!json_is_string(v))
			return invalid(err, path, "is text");
		return !strcmp(type, "text") ? input_line(json_string_value(v), cap, path, err)
					     : input_textarea(json_string_value(v), cap, path, err);
	}
	if (!strcmp(type, "int"))
		return json_is_integer(v) && json_integer_value(v) >= 0 && (max <= 0 || json_integer_value(v) <= max)
			       ? 0
			       : invalid(err, path, "is a whole number in range");
	if (!strcmp(type, "date"))
		return json_is_string(v) && !date_parse(json_string_value(v), json_string_length(v), &d)
			       ? 0
			       : invalid(err, path, "is a date YYYY-MM-DD");
	if (!strcmp(type, "bool"))
		return json_is_boolean(v) ? 0 : invalid(err, path, "is true or false");
	if (!json_is_array(v) || json_array_size(v) > FORM_MAX_ITEMS)
		return invalid(err, path, "is a list of at most 100");
	json_array_foreach(v, i, x) {
		int rc = 0;
		snprintf(sub, sizeof(sub), "%s[%zu]", path, i);
		if (!strcmp(type, "links"))
			rc = i < FORM_MAX_LINKS && is_url(json_string_value(x)) ? 0 : invalid(err, sub, "is an http(s) link");
		else if (!strcmp(type, "files"))
			rc = json_is_integer(x) && json_integer_value(x) > 0 ? (files ? json_array_append(files, x) : 0)
									     : invalid(err, sub, "is a file id");
		else
			rc = check_fields_of(json_object_get(f, "fields"), x, files, draft, sub, err);
		if (rc)
			return rc;
	}
	return 0;
}

static int check_fields_of(const json_t *fields, const json_t *obj, json_t *files, bool draft, const char *at,
			   struct px_err *err)
{
	char path[256];
	const char *key;
	size_t i;
	json_t *f, *v;

	if (!json_is_object(obj))
		return invalid(err, at[0] ? at : "content", "is an object");
	json_object_foreach((json_t *)obj, key, v) {
		bool known = false;
		json_array_foreach(fields, i, f)
			known = known || !strcmp(key, json_string_value(json_object_get(f, "key")));
		snprintf(path, sizeof(path), "%s%s%s", at, at[0] ? "." : "", key);
		if (!known)
			return invalid(err, path, "is not a field of the form");
	}
	json_array_foreach(fields, i, f) {
		key = json_string_value(json_object_get(f, "key"));
		v = json_object_get(obj, key);
		snprintf(path, sizeof(path), "%s%s%s", at, at[0] ? "." : "", key);
		if (!v || json_is_null(v)) {
			if (!draft && json_is_true(json_object_get(f, "required")))
				return px_err_set(err, PX_EINVAL, "missing_field", path, "'%s' is required", path);
			continue;
		}
		int rc = check_value(f, v, files, draft, path, err);
		if (rc)
			return rc;
	}
	return 0;
}

int reporting_form_validate(const json_t *form, const json_t *content, json_t *files, bool draft, struct px_err *err)
{
	return check_fields_of(json_object_get(form, "fields"), content, files, draft, "", err);
}
