/*
 * json_out.c - the compact JSON text of an answer (see json.h): the bytes
 * json_dumps(v, JSON_COMPACT) writes, written straight into one growing
 * buffer. jansson's dumper checks every container for loops through a
 * hashtable of printed addresses and iterates strings code point by code
 * point; on the answers of a list that was a third of a request. Reals are
 * left to jansson (its %.17g and ".0" rules), so that every byte is the same.
 */
#include "app/json.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define DEPTH_MAX 2048 /* jansson's JSON_PARSER_MAX_DEPTH: deeper values are refused alike */

struct out {
	char *p;
	size_t len, cap;
	bool failed;
};

static bool grow(struct out *o, size_t n)
{
	size_t cap = o->cap ? o->cap : 4096;
	char *p;
	if (o->failed)
		return false;
	while (cap - o->len < n + 1)
		cap *= 2;
	if (cap == o->cap)
		return true;
	if (!(p = realloc(o->p, cap))) {
		o->failed = true;
		return false;
	}
	o->p = p;
	o->cap = cap;
	return true;
}

static inline void put(struct out *o, const char *s, size_t n)
{
	if (o->cap - o->len <= n && !grow(o, n)) /* room for n and the final NUL, most often there */
		return;
	memcpy(o->p + o->len, s, n);
	o->len += n;
}

/* Length of the valid UTF-8 sequence at s (at most n bytes), 0 when it is not one. */
static size_t utf8_seq(const unsigned char *s, size_t n)
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

/* A string between quotes: '"', '\\' and control characters escaped as jansson does; invalid UTF-8 fails. */
static void put_string(struct out *o, const char *str, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, k;
	char *w;

	if (n > (SIZE_MAX - 2) / 6 || !grow(o, n * 6 + 2)) /* each byte escaped at most to six */
		return;
	w = o->p + o->len;
	*w++ = '"';
	while (i < n) {
		unsigned char c = s[i];
		if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
			*w++ = (char)c;
			i++;
		} else if (c >= 0xe1 && c <= 0xec && i + 2 < n && (s[i + 1] & 0xc0) == 0x80 && (s[i + 2] & 0xc0) == 0x80) {
			w[0] = (char)c; /* the common three bytes (U+1000..U+CFFF: CJK), valid without further checks */
			w[1] = (char)s[i + 1];
			w[2] = (char)s[i + 2];
			w += 3;
			i += 3;
		} else if (c >= 0x80) {
			if (!(k = utf8_seq(s + i, n - i))) {
				o->failed = true;
				return;
			}
			memcpy(w, s + i, k);
			w += k;
			i += k;
		} else {
			const char *named = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\b' ? "\\b" : c == '\f' ? "\\f" :
					    c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : NULL;
			if (named) {
				memcpy(w, named, 2);
				w += 2;
			} else {
				memcpy(w, "\\u00", 4);
				w[4] = hex[c >> 4];
				w[5] = hex[c & 15];
				w += 6;
			}
			i++;
		}
	}
	*w++ = '"';
	o->len = (size_t)(w - o->p);
}

static void put_int(struct out *o, json_int_t v)
{
	char b[24], *e = b + sizeof(b), *p = e;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	put(o, p, (size_t)(e - p));
}

static void put_real(struct out *o, const json_t *v)
{
	char *t = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	if (!t) {
		o->failed = true;
		return;
	}
	put(o, t, strlen(t));
	free(t);
}

static void put_value(struct out *o, const json_t *v, int depth);

static void put_object(struct out *o, const json_t *v, int depth)
{
	const char *key;
	json_t *item;
	bool first = true;

	put(o, "{", 1);
	json_object_foreach((json_t *)v, key, item) {
		if (!first)
			put(o, ",", 1);
		first = false;
		put_string(o, key, strlen(key));
		put(o, ":", 1);
		put_value(o, item, depth + 1);
	}
	put(o, "}", 1);
}

static void put_value(struct out *o, const json_t *v, int depth)
{
	if (o->failed || depth > DEPTH_MAX || !v) {
		o->failed = true;
		return;
	}
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		put_object(o, v, depth);
		break;
	case JSON_ARRAY:
		put(o, "[", 1);
		for (size_t i = 0; i < json_array_size(v); i++) {
			if (i)
				put(o, ",", 1);
			put_value(o, json_array_get(v, i), depth + 1);
		}
		put(o, "]", 1);
		break;
	case JSON_STRING:
		put_string(o, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		put_int(o, json_integer_value(v));
		break;
	case JSON_REAL:
		put_real(o, v);
		break;
	case JSON_TRUE:
		put(o, "true", 4);
		break;
	case JSON_FALSE:
		put(o, "false", 5);
		break;
	case JSON_NULL:
		put(o, "null", 4);
		break;
	}
}

char *json_compact(const json_t *v, size_t *len)
{
	struct out o = { 0 };
	put_value(&o, v, 0);
	if (o.failed || !grow(&o, 0)) {
		free(o.p);
		return NULL;
	}
	o.p[o.len] = '\0';
	if (len)
		*len = o.len;
	return o.p;
}
