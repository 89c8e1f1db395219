/*
 * family.c - the campaign's row of the family table and the check of its
 * template section: the theme, the logo, the slogans (附件3), the focuses,
 * the participating units (附件1: member units and districts), the
 * city-wide activities, the media campaign (附件2) and the reporting
 * requests with their deadlines and forms. A campaign has no stage exit
 * checks: the office moves it on.
 */
#include "app/campaign/family.h"

#include <stdio.h>
#include <string.h>

#include "app/reporting/reporting.h"
#include "core/date.h"

#define MAX_UNITS 200
#define MAX_LIST 32

static const struct family_text texts[] = {
	{ "activity.planned", "已计划" },
	{ "activity.approved", "已审核发布" },
	{ NULL, NULL },
};

static int bad(struct px_err *err, const char *field, const char *what)
{
	return px_err_set(err, PX_EINVAL, "bad_template", field, "%s: %s", field, what);
}

static bool short_string(const json_t *v, size_t max)
{
	return json_is_string(v) && json_string_length(v) > 0 && json_string_length(v) <= max;
}

static bool is_date(const json_t *v)
{
	px_date d;
	return json_is_string(v) && !date_parse(json_string_value(v), json_string_length(v), &d);
}

/* An array of 1..max non-empty strings. */
static int strings(const json_t *s, const char *key, size_t max, struct px_err *err)
{
	json_t *a = json_object_get(s, key), *v;
	size_t i;
	char field[48];
	snprintf(field, sizeof(field), "section.%s", key);
	if (!json_is_array(a) || !json_array_size(a) || json_array_size(a) > max)
		return bad(err, field, "must be a list of texts");
	json_array_foreach(a, i, v)
		if (!short_string(v, 256))
			return bad(err, field, "each entry is a text");
	return 0;
}

static int check_units(const json_t *s, struct px_err *err)
{
	json_t *a = json_object_get(s, "units"), *u;
	size_t i;
	if (!json_is_array(a) || !json_array_size(a) || json_array_size(a) > MAX_UNITS)
		return bad(err, "section.units", "must list 1 to 200 units");
	json_array_foreach(a, i, u) {
		const char *kind = json_string_value(json_object_get(u, "kind"));
		if (!short_string(json_object_get(u, "name"), 128) || !kind ||
		    (strcmp(kind, "member") && strcmp(kind, "district")))
			return bad(err, "section.units", "each unit has a name and a kind (member or district)");
		for (size_t j = 0; j < i; j++)
			if (json_equal(json_object_get(u, "name"), json_object_get(json_array_get(a, j), "name")))
				return bad(err, "section.units", "a unit is listed twice");
	}
	return 0;
}

static int check_city(const json_t *s, struct px_err *err)
{
	json_t *a = json_object_get(s, "city_activities"), *x;
	size_t i;
	if (!a)
		return 0;
	if (!json_is_array(a) || json_array_size(a) > MAX_LIST)
		return bad(err, "section.city_activities", "must be a list");
	json_array_foreach(a, i, x)
		if (!short_string(json_object_get(x, "title"), 256) || !is_date(json_object_get(x, "starts_on")) ||
		    !is_date(json_object_get(x, "ends_on")) || !short_string(json_object_get(x, "organisers"), 512))
			return bad(err, "section.city_activities", "each has a title, starts_on, ends_on and organisers");
	return 0;
}

static int check_requests(const json_t *s, struct px_err *err)
{
	json_t *a = json_object_get(s, "requests"), *x;
	size_t i;
	if (!json_is_array(a) || !json_array_size(a) || json_array_size(a) > 8)
		return bad(err, "section.requests", "must list 1 to 8 requests");
	json_array_foreach(a, i, x) {
		json_t *opens = json_object_get(x, "opens_on");
		if (!short_string(json_object_get(x, "code"), 31) || !short_string(json_object_get(x, "title"), 200) ||
		    !is_date(json_object_get(x, "due_on")) || (opens && !is_date(opens)))
			return bad(err, "section.requests", "each has a code, a title and a due_on date");
		struct px_err form_err = { 0 };
		if (reporting_form_check(json_object_get(x, "form"), &form_err))
			return bad(err, "section.requests", form_err.msg);
	}
	return 0;
}

static int check_section(const json_t *s, struct px_err *err)
{
	static const char *const keys[] = { "theme", "logo", "logo_note", "slogans", "focuses", "units",
					    "city_activities", "media", "requests", NULL };
	const char *k;
	json_t *v;
	int rc;

	if (!json_is_object(s))
		return bad(err, "section", "a campaign's template has a section");
	json_object_foreach((json_t *)s, k, v) {
		int i = 0;
		while (keys[i] && strcmp(keys[i], k))
			i++;
		if (!keys[i])
			return px_err_set(err, PX_EINVAL, "bad_template", "section", "section: unknown key '%s'", k);
	}
	if (!short_string(json_object_get(s, "theme"), 128))
		return bad(err, "section.theme", "the campaign's theme is required");
	if (json_object_get(s, "logo") && !short_string(json_object_get(s, "logo"), 128))
		return bad(err, "section.logo", "a path under the data directory");
	if ((rc = strings(s, "slogans", MAX_LIST, err)) || (rc = strings(s, "focuses", 8, err)) ||
	    (rc = check_units(s, err)) || (rc = check_city(s, err)) || (rc = check_requests(s, err)))
		return rc;
	return 0;
}

const struct family campaign_family = {
	.name = "campaign",
	.title = "质量月活动",
	.exit_checks = { NULL },
	.texts = texts,
	.check_section = check_section,
};
