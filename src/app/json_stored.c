/*
 * json_stored.c - is stored JSON text already the answer's bytes? (see
 * json_stored.h). One pass over the text, no allocation: strings must carry
 * only the escapes json_compact() writes, numbers must be printed as jansson
 * prints what it reads of them (a real is read with strtod and printed again
 * to compare), keys must increase so that none repeats (jansson would keep
 * one of two).
 */
#include "app/json_stored.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app/json_writer.h"

#define INT_DIGITS_MAX 18 /* longer integers are left to jansson (its range, its errors) */

static const char *value_end(const char *p, const char *end, int depth);

static int upper_hex(unsigned char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* An escape json_compact() writes: the named ones, \u00XX (upper case) for the other controls but NUL. */
static size_t escape_len(const unsigned char *s, const unsigned char *e)
{
	int lo, c;
	if (e - s < 2)
		return 0;
	if (s[1] == '"' || s[1] == '\\' || s[1] == 'b' || s[1] == 'f' || s[1] == 'n' || s[1] == 'r' || s[1] == 't')
		return 2;
	if (s[1] != 'u' || e - s < 6 || s[2] != '0' || s[3] != '0' || (s[4] != '0' && s[4] != '1') ||
	    (lo = upper_hex(s[5])) < 0)
		return 0;
	c = (s[4] - '0') * 16 + lo;
	return c && c != '\b' && c != '\f' && c != '\n' && c != '\r' && c != '\t' ? 6 : 0;
}

/* After the closing quote of the string at p. */
static const char *string_end(const char *p, const char *end)
{
	const unsigned char *s = (const unsigned char *)p + 1, *e = (const unsigned char *)end;
	size_t k;
	while (s < e) {
		s += jw_plain_len(s, (size_t)(e - s));
		if (s < e && *s == '"')
			return (const char *)s + 1;
		if (s >= e || *s != '\\' || !(k = escape_len(s, e)))
			return NULL;
		s += k;
	}
	return NULL;
}

static const char *digits(const char *s, const char *end)
{
	const char *d = s;
	while (s < end && *s >= '0' && *s <= '9')
		s++;
	return s > d ? s : NULL;
}

/* JSON's number grammar; an integer kept short, a real printed back the same. */
static const char *number_end(const char *p, const char *end)
{
	const char *s = p + (p < end && *p == '-');
	char text[32], again[32];
	bool real = false;
	double d;

	if (s >= end || *s < '0' || *s > '9')
		return NULL;
	s = *s == '0' ? s + 1 : digits(s, end);
	if (s < end && *s == '.') {
		real = true;
		if (!(s = digits(s + 1, end)))
			return NULL;
	}
	if (s < end && (*s == 'e' || *s == 'E')) {
		real = true;
		s += s + 1 < end && (s[1] == '+' || s[1] == '-') ? 2 : 1;
		if (!(s = digits(s, end)))
			return NULL;
	}
	size_t n = (size_t)(s - p);
	if (!real) /* "-0" reads as 0 */
		return n - (*p == '-') <= INT_DIGITS_MAX && !(n == 2 && p[1] == '0') ? s : NULL;
	if (n >= sizeof(text))
		return NULL;
	memcpy(text, p, n);
	text[n] = '\0';
	errno = 0;
	d = strtod(text, NULL);
	return !errno && jw_real_text(d, again) == n && !memcmp(again, text, n) ? s : NULL;
}

/* Raw keys in strictly increasing byte order. */
static bool key_after(const char *prev, size_t prev_len, const char *key, size_t key_len)
{
	size_t n = prev_len < key_len ? prev_len : key_len;
	int c = memcmp(prev, key, n);
	return c < 0 || (c == 0 && prev_len < key_len);
}

static const char *object_end(const char *p, const char *end, int depth)
{
	const char *s = p + 1, *prev = NULL, *k;
	size_t prev_len = 0;

	if (s < end && *s == '}')
		return s + 1;
	while (s < end && *s == '"') {
		k = s;
		if (!(s = string_end(s, end)) || (prev && !key_after(prev, prev_len, k, (size_t)(s - k))))
			return NULL;
		prev = k;
		prev_len = (size_t)(s - k);
		if (s >= end || *s != ':' || !(s = value_end(s + 1, end, depth)) || s >= end)
			return NULL;
		if (*s == '}')
			return s + 1;
		if (*s++ != ',')
			return NULL;
	}
	return NULL;
}

static const char *array_end(const char *p, const char *end, int depth)
{
	const char *s = p + 1;
	if (s < end && *s == ']')
		return s + 1;
	while ((s = value_end(s, end, depth)) && s < end) {
		if (*s == ']')
			return s + 1;
		if (*s++ != ',')
			return NULL;
	}
	return NULL;
}

static const char *word_end(const char *p, const char *end, const char *word, size_t n)
{
	return (size_t)(end - p) >= n && !memcmp(p, word, n) ? p + n : NULL;
}

static const char *value_end(const char *p, const char *end, int depth)
{
	if (p >= end)
		return NULL;
	switch (*p) {
	case '"':
		return string_end(p, end);
	case '{':
		return depth < JSON_STORED_DEPTH ? object_end(p, end, depth + 1) : NULL;
	case '[':
		return depth < JSON_STORED_DEPTH ? array_end(p, end, depth + 1) : NULL;
	case 't':
		return word_end(p, end, "true", 4);
	case 'f':
		return word_end(p, end, "false", 5);
	case 'n':
		return word_end(p, end, "null", 4);
	default:
		return number_end(p, end);
	}
}

bool json_stored_compact(const char *text, size_t n)
{
	return text && n && (text[0] == '{' || text[0] == '[') && value_end(text, text + n, 0) == text + n;
}

/* After the string at s, in text already checked: its closing quote is the first one after an even run of '\\'. */
static const char *string_skip(const char *s, const char *end)
{
	const char *q = s;
	for (;;) {
		const char *b;
		if (!(q = memchr(q + 1, '"', (size_t)(end - q - 1))))
			return end;
		for (b = q; b[-1] == '\\'; b--)
			;
		if ((q - b) % 2 == 0)
			return q + 1;
	}
}

/* After the value at s, in text already checked. */
static const char *skip_value(const char *s, const char *end)
{
	int depth = 0;
	while (s < end) {
		char c = *s;
		if (c == '"') {
			s = string_skip(s, end);
		} else if (c == '{' || c == '[') {
			depth++;
			s++;
			continue;
		} else if (c == '}' || c == ']') {
			depth--;
			s++;
		} else if (c == ',' || c == ':') { /* inside a container */
			s++;
			continue;
		} else {
			while (s < end && *s != ',' && *s != '}' && *s != ']')
				s++;
		}
		if (depth <= 0)
			return s;
	}
	return end;
}

bool json_stored_next(const char **p, const char *end, struct json_member *m)
{
	const char *s = *p;
	if (s < end && *s == ',')
		s++;
	if (s >= end || *s != '"')
		return false;
	m->key = s;
	s = skip_value(s, end);
	m->key_len = (size_t)(s - m->key);
	m->val = s + 1; /* past ':' */
	s = skip_value(m->val, end);
	m->val_len = (size_t)(s - m->val);
	*p = s;
	return true;
}
