/*
 * input.c - shared input checks of the award use cases (see input.h).
 */
#include "app/input.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"

static struct store_sql Q_REGION = STORE_SQL("SELECT name FROM region WHERE code = $1");
static struct store_sql Q_HAS_CHILDREN = STORE_SQL("SELECT count(*) FROM region WHERE parent = $1");

/*
 * Code points a name on a public notice must not hold: they are invisible or
 * reorder the text around them, so "ABC" could display as another name
 * (Unicode TR#9 explicit formatting, TR#36 3.1): C1 controls, zero-width
 * characters, bidirectional marks, embeddings, overrides and isolates.
 */
static const struct {
	uint32_t lo, hi;
} spoofing[] = {
	{ 0x0080, 0x009F }, /* C1 controls */
	{ 0x061C, 0x061C }, /* Arabic letter mark */
	{ 0x200B, 0x200F }, /* zero-width space, (non-)joiner, LRM, RLM */
	{ 0x202A, 0x202E }, /* embeddings and overrides */
	{ 0x2060, 0x2064 }, /* word joiner, invisible operators */
	{ 0x2066, 0x2069 }, /* isolates */
	{ 0xFEFF, 0xFEFF }, /* zero-width no-break space */
};

/* The code point at s[*i] (UTF-8 already validated by the JSON parser); advances *i. */
static uint32_t next_code_point(const unsigned char *s, size_t n, size_t *i)
{
	uint32_t c = s[(*i)++];
	int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
	c &= more == 3 ? 0x07 : more == 2 ? 0x0F : more == 1 ? 0x1F : 0x7F;
	while (more-- > 0 && *i < n)
		c = c << 6 | (s[(*i)++] & 0x3F);
	return c;
}

/*
 * Does s[0..n) hold a control or spoofing character (line breaks and tabs
 * allowed when multiline)?
 */
static bool has_control(const char *s, size_t n, bool multiline)
{
	for (size_t i = 0; i < n;) {
		uint32_t c = next_code_point((const unsigned char *)s, n, &i);
		if ((c < 0x20 && !(multiline && (c == '\n' || c == '\r' || c == '\t'))) || c == 0x7f)
			return true;
		for (size_t k = 0; k < sizeof(spoofing) / sizeof(spoofing[0]); k++)
			if (c >= spoofing[k].lo && c <= spoofing[k].hi)
				return true;
	}
	return false;
}

static int text_check(const char *s, size_t max, const char *field, bool multiline, struct px_err *err)
{
	size_t n = s ? strlen(s) : 0;
	if (n == 0 || n > max)
		return px_err_set(err, PX_EINVAL, "invalid_text", field, "%s must be 1 to %zu bytes", field, max);
	if (has_control(s, n, multiline))
		return px_err_set(err, PX_EINVAL, "invalid_text", field, "%s holds a control, invisible or direction-changing character", field);
	return 0;
}

int input_line(const char *s, size_t max, const char *field, struct px_err *err)
{
	return text_check(s, max, field, false, err);
}

int input_textarea(const char *s, size_t max, const char *field, struct px_err *err)
{
	return text_check(s, max, field, true, err);
}

int input_date(const char *s, const char *field, px_date *out, struct px_err *err)
{
	if (!s || date_parse(s, strlen(s), out))
		return px_err_set(err, PX_EINVAL, "bad_date", field, "'%s' is not a date YYYY-MM-DD",
				  s ? s : "");
	return 0;
}

int input_past_date(const char *s, const char *field, px_date today, px_date *out, struct px_err *err)
{
	int rc = input_date(s, field, out, err);
	if (!rc && *out > today)
		rc = px_err_set(err, PX_EINVAL, "date_in_future", field, "'%s' is after today", s);
	return rc;
}

int input_region_name(struct store_conn *c, const char *code, char *out, size_t cap, struct px_err *err)
{
	struct store_stmt *s;
	int rc = store_prepare(c, &Q_REGION, &s, err);
	if (rc)
		return rc;
	store_bind_text(s, 1, code);
	rc = store_step(s, err);
	snprintf(out, cap, "%s", rc == STORE_ROW ? store_col_text(s, 0) : code);
	store_reset(s);
	return rc < 0 ? rc : 0;
}

int input_county_region(struct store_conn *c, const char *code, const char *field, struct px_err *err)
{
	struct store_stmt *s;
	int rc;

	if (!code || !access_region_valid(code) || !strcmp(code, "000000"))
		return px_err_set(err, PX_EINVAL, "unknown_region", field, "'%s' is not a division code",
				  code ? code : "");
	if ((rc = store_prepare(c, &Q_REGION, &s, err)))
		return rc;
	store_bind_text(s, 1, code);
	rc = store_step(s, err);
	store_reset(s);
	if (rc < 0)
		return rc;
	if (rc != STORE_ROW)
		return px_err_set(err, PX_EINVAL, "unknown_region", field, "unknown region code '%s'", code);
	/* a prefecture-level city without counties (东莞 441900, 中山 442000, 儋州 460400) is the lowest level */
	int64_t children = 0;
	if (!strcmp(code + 4, "00") && (rc = store_get(c, &Q_HAS_CHILDREN, err, "t:i", code, &children)) < 0)
		return rc;
	if (children)
		return px_err_set(err, PX_EINVAL, "region_not_county", field,
				  "'%s' is a city or province: give the county, district or county-level city", code);
	return 0;
}

int input_ids(json_t *obj, const char *key, int64_t **ids, size_t *n, struct px_err *err)
{
	json_t *arr = json_object_get(obj, key), *v;
	size_t i, count;
	char field[48];

	*ids = NULL;
	*n = 0;
	if (!arr)
		return px_err_set(err, PX_EINVAL, "missing_field", key, "'%s' is required", key);
	if (!json_is_array(arr) || json_array_size(arr) > INPUT_MAX_IDS)
		return px_err_set(err, PX_EINVAL, "wrong_type", key,
				  "'%s' must be an array of at most %d application ids", key, INPUT_MAX_IDS);
	count = json_array_size(arr);
	*ids = calloc(count + 1, sizeof(**ids));
	if (!*ids)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	json_array_foreach(arr, i, v) {
		snprintf(field, sizeof(field), "%.24s[%zu]", key, i);
		if (!json_is_integer(v) || json_integer_value(v) <= 0) {
			free(*ids);
			*ids = NULL;
			return px_err_set(err, PX_EINVAL, "wrong_type", field, "'%s' must be a positive integer id",
					  field);
		}
		for (size_t j = 0; j < i; j++)
			if ((*ids)[j] == json_integer_value(v)) {
				free(*ids);
				*ids = NULL;
				return px_err_set(err, PX_EINVAL, "duplicate_application", field,
						  "application %" JSON_INTEGER_FORMAT " is listed twice",
						  json_integer_value(v));
			}
		(*ids)[i] = json_integer_value(v);
	}
	*n = count;
	return 0;
}

int input_text(const char *s, size_t max, const char *field, struct px_err *err)
{
	size_t n = s ? strlen(s) : 0;
	if (n == 0)
		return px_err_set(err, PX_EINVAL, "missing_field", field, "'%s' is required", field);
	if (n > max)
		return px_err_set(err, PX_EINVAL, "too_long", field, "'%s' must be at most %zu bytes", field, max);
	if (has_control(s, n, true))
		return px_err_set(err, PX_EINVAL, "invalid_text", field, "'%s' holds a control character", field);
	return 0;
}
