/*
 * json_writer.c - JSON text written as it goes (see json_writer.h): one
 * growing buffer, commas placed by a bit per open container, strings escaped
 * as jansson's compact dump escapes them ('"', '\\', the named controls, the
 * other controls as \u00XX, UTF-8 kept and checked), reals printed by
 * jansson's rules. json_compact() (json_out.c) writes a jansson tree through
 * jw_json(), so the two can never differ.
 */
#include "app/json_writer.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JSON_DEPTH_MAX 2048 /* jansson's dump refuses values nested deeper */

static bool grow(struct jw *w, size_t n)
{
	size_t cap = w->cap ? w->cap : 4096;
	char *p;
	if (w->failed)
		return false;
	while (cap - w->len < n + 1)
		cap *= 2;
	if (cap == w->cap)
		return true;
	if (!(p = realloc(w->p, cap))) {
		w->failed = true;
		return false;
	}
	w->p = p;
	w->cap = cap;
	return true;
}

static inline void put(struct jw *w, const char *s, size_t n)
{
	if (w->cap - w->len <= n && !grow(w, n)) /* room for n and the final NUL, most often there */
		return;
	memcpy(w->p + w->len, s, n);
	w->len += n;
}

static inline uint64_t bit(int depth)
{
	return 1ULL << (depth & 63);
}

/* Before a value or a key: the comma when the open container already has a member. */
static inline void sep(struct jw *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (!w->depth)
		return;
	if (w->first & bit(w->depth))
		w->first &= ~bit(w->depth);
	else
		put(w, ",", 1);
}

void jw_reset(struct jw *w)
{
	w->len = 0;
	w->failed = w->after_key = false;
	w->depth = 0;
	w->first = 0;
}

char *jw_finish(struct jw *w, size_t *len)
{
	char *text = NULL;
	if (w->depth || w->after_key)
		w->failed = true;
	if (grow(w, 0)) {
		w->p[w->len] = '\0';
		text = w->p;
		if (len)
			*len = w->len;
		w->p = NULL;
		w->cap = 0;
	}
	jw_free(w);
	return text;
}

void jw_free(struct jw *w)
{
	free(w->p);
	w->p = NULL;
	w->cap = 0;
	jw_reset(w);
}

static void open_container(struct jw *w, const char *c)
{
	sep(w);
	put(w, c, 1);
	if (++w->depth > JW_DEPTH_MAX) {
		w->failed = true;
		return;
	}
	w->first |= bit(w->depth);
}

static void close_container(struct jw *w, const char *c)
{
	if (w->depth <= 0 || w->after_key) {
		w->failed = true;
		return;
	}
	put(w, c, 1);
	w->depth--;
}

void jw_object(struct jw *w)
{
	open_container(w, "{");
}

void jw_object_end(struct jw *w)
{
	close_container(w, "}");
}

void jw_array(struct jw *w)
{
	open_container(w, "[");
}

void jw_array_end(struct jw *w)
{
	close_container(w, "]");
}

size_t jw_utf8_len(const unsigned char *s, size_t n)
{
	size_t k = s[0] < 0xc2 ? 0 : s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : s[0] < 0xf5 ? 4 : 0;
	if (!k || k > n)
		return 0;
	for (size_t i = 1; i < k; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	if ((k == 3 && s[0] == 0xe0 && s[1] < 0xa0) || (k == 3 && s[0] == 0xed && s[1] > 0x9f) ||
	    (k == 4 && s[0] == 0xf0 && s[1] < 0x90) || (k == 4 && s[0] == 0xf4 && s[1] > 0x8f))
		return 0; /* overlong, a surrogate, beyond U+10FFFF */
	return k;
}

/* A control character, '"' or '\\' escaped as jansson does; w has room for six bytes. */
static char *escape(char *w, unsigned char c)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *named = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\b' ? "\\b" : c == '\f' ? "\\f" :
			    c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : NULL;
	if (named) {
		memcpy(w, named, 2);
		return w + 2;
	}
	memcpy(w, "\\u00", 4);
	w[4] = hex[c >> 4];
	w[5] = hex[c & 15];
	return w + 6;
}

/* Bytes copied as they are: printable ASCII but '"' and '\\'. */
static const bool plain[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

/* Eight bytes all printable ASCII but '"' and '\\'? (no byte >= 0x80, < 0x20, '"' or '\\') */
static inline bool plain8(const unsigned char *s)
{
	uint64_t x, q, b;
	memcpy(&x, s, 8);
	q = x ^ (ONES * '"');
	b = x ^ (ONES * '\\');
	return !((x | ((x - ONES * 0x20) & ~x) | ((q - ONES) & ~q) | ((b - ONES) & ~b)) & HIGHS);
}

/* The lead byte of three whose continuation bytes may be any (U+1000..U+FFFF but the surrogates: CJK among them). */
static inline bool lead3(unsigned char c)
{
	return c >= 0xe1 && c <= 0xef && c != 0xed;
}

static inline size_t plain_len(const unsigned char *s, size_t n)
{
	size_t i = 0, k;
	while (i < n) {
		unsigned char c = s[i];
		if (plain[c]) {
			i += i + 8 <= n && plain8(s + i) ? 8 : 1;
		} else if (lead3(c) && i + 2 < n && (s[i + 1] & 0xc0) == 0x80 && (s[i + 2] & 0xc0) == 0x80) {
			i += 3;
		} else if (c >= 0x80 && (k = jw_utf8_len(s + i, n - i))) {
			i += k;
		} else {
			break;
		}
	}
	return i;
}

size_t jw_plain_len(const unsigned char *s, size_t n)
{
	return plain_len(s, n);
}

/* A string between quotes; invalid UTF-8 fails the writer. */
static void put_string(struct jw *w, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, k;
	char *o;

	if (n > (SIZE_MAX - 2) / 6 || (w->cap - w->len <= n * 6 + 2 && !grow(w, n * 6 + 2)))
		return; /* each byte escaped at most to six */
	o = w->p + w->len;
	*o++ = '"';
	while (i < n) {
		k = plain_len(s + i, n - i);
		memcpy(o, s + i, k);
		o += k;
		i += k;
		if (i == n)
			break;
		if (s[i] >= 0x80) {
			w->failed = true;
			return;
		}
		o = escape(o, s[i++]);
	}
	*o++ = '"';
	w->len = (size_t)(o - w->p);
}

void jw_key_name(struct jw *w, const char *key)
{
	size_t n = strlen(key);
	char *o;

	sep(w);
	if (w->cap - w->len <= n + 3 && !grow(w, n + 3))
		return;
	o = w->p + w->len;
	*o++ = '"';
	for (size_t i = 0; i < n; i++) { /* a literal of the program: copied, checked plain */
		if (!plain[(unsigned char)key[i]]) {
			w->failed = true;
			return;
		}
		o[i] = key[i];
	}
	o += n;
	memcpy(o, "\":", 2);
	w->len = (size_t)(o + 2 - w->p);
	w->after_key = true;
}

void jw_key_raw(struct jw *w, const char *key, size_t n)
{
	sep(w);
	put(w, key, n);
	put(w, ":", 1);
	w->after_key = true;
}

void jw_stringn(struct jw *w, const char *s, size_t n)
{
	sep(w);
	put_string(w, s, n);
}

void jw_string(struct jw *w, const char *s)
{
	jw_stringn(w, s, strlen(s));
}

void jw_string_or_null(struct jw *w, const char *s)
{
	if (s)
		jw_string(w, s);
	else
		jw_null(w);
}

static void put_int(struct jw *w, int64_t v)
{
	char b[24], *e = b + sizeof(b), *p = e;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	put(w, p, (size_t)(e - p));
}

void jw_int(struct jw *w, int64_t v)
{
	sep(w);
	put_int(w, v);
}

void jw_bool(struct jw *w, bool v)
{
	sep(w);
	put(w, v ? "true" : "false", v ? 4 : 5);
}

void jw_null(struct jw *w)
{
	sep(w);
	put(w, "null", 4);
}

size_t jw_real_text(double v, char b[32])
{
	int n = isfinite(v) ? snprintf(b, 32, "%.17g", v) : 0;
	size_t len = n > 0 && n < 32 ? (size_t)n : 0;
	char *e, *from;

	b[len] = '\0';
	if (!len)
		return 0;
	if (!strchr(b, '.') && !strchr(b, 'e') && len + 2 < 32) { /* a whole number stays a real: "2.0" */
		memcpy(b + len, ".0", 3);
		len += 2;
	}
	if ((e = strchr(b, 'e'))) { /* "1e+300" -> "1e300", "1e-07" -> "1e-7" */
		char *to = e + 1;
		from = to + 1;
		if (*to == '-')
			to++;
		while (*from == '0')
			from++;
		if (from != to) {
			memmove(to, from, len + 1 - (size_t)(from - b));
			len -= (size_t)(from - to);
		}
	}
	return len;
}

void jw_real(struct jw *w, double v)
{
	char b[32];
	size_t n = jw_real_text(v, b);
	sep(w);
	if (!n)
		w->failed = true;
	else
		put(w, b, n);
}

void jw_raw(struct jw *w, const char *text, size_t n)
{
	sep(w);
	put(w, text, n);
}

static void put_value(struct jw *w, const json_t *v, int depth);

static void put_container(struct jw *w, const json_t *v, int depth)
{
	const char *key;
	json_t *item;
	bool first = true;

	if (json_is_object(v)) {
		put(w, "{", 1);
		json_object_foreach((json_t *)v, key, item) {
			if (!first)
				put(w, ",", 1);
			first = false;
			put_string(w, key, strlen(key));
			put(w, ":", 1);
			put_value(w, item, depth + 1);
		}
		put(w, "}", 1);
		return;
	}
	put(w, "[", 1);
	for (size_t i = 0; i < json_array_size(v); i++) {
		if (i)
			put(w, ",", 1);
		put_value(w, json_array_get(v, i), depth + 1);
	}
	put(w, "]", 1);
}

/* A jansson value, its own commas written here (no bit per level: it may nest as deep as jansson allows). */
static void put_value(struct jw *w, const json_t *v, int depth)
{
	char b[32];
	size_t n;

	if (w->failed || depth > JSON_DEPTH_MAX || !v) {
		w->failed = true;
		return;
	}
	switch (json_typeof(v)) {
	case JSON_OBJECT:
	case JSON_ARRAY:
		put_container(w, v, depth);
		break;
	case JSON_STRING:
		put_string(w, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		put_int(w, (int64_t)json_integer_value(v));
		break;
	case JSON_REAL:
		if (!(n = jw_real_text(json_real_value(v), b)))
			w->failed = true;
		else
			put(w, b, n);
		break;
	case JSON_TRUE:
		put(w, "true", 4);
		break;
	case JSON_FALSE:
		put(w, "false", 5);
		break;
	case JSON_NULL:
		put(w, "null", 4);
		break;
	}
}

void jw_json(struct jw *w, const json_t *v)
{
	sep(w);
	put_value(w, v, 0);
}
