/*
 * json_writer.h - JSON text written as it goes, without a tree: the answers
 * that are read most (one application, a programme's list) are written
 * straight from the rows into one growing buffer. The bytes are those
 * json_compact() writes for the same values (strings escaped alike, reals
 * printed as jansson prints them), so an answer written either way is the
 * same answer.
 *
 * jw_ is the writer's prefix. A writer starts zeroed (`struct jw w = { 0 };`)
 * and puts commas itself: open a container, then give values (in an object,
 * each after its jw_key()), then close it. Errors are sticky: out of memory,
 * invalid UTF-8, nesting deeper than JW_DEPTH_MAX or an unbalanced close
 * mark the writer failed, and jw_finish() then answers NULL.
 */
#ifndef PX_APP_JSON_WRITER_H
#define PX_APP_JSON_WRITER_H

#include <jansson.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define JW_DEPTH_MAX 63

struct jw {
	char *p;
	size_t len, cap;
	bool failed, after_key;
	int depth;
	uint64_t first; /* bit d: the container open at depth d has no member yet */
};

/* Empty the writer for another attempt, keeping its buffer. */
void jw_reset(struct jw *w);
/* The text written (caller frees; NUL-terminated), *len its length; NULL when failed or unbalanced. Resets w. */
char *jw_finish(struct jw *w, size_t *len);
/* Free what w holds (after a failure, or when the text is not wanted). */
void jw_free(struct jw *w);

void jw_object(struct jw *w);
void jw_object_end(struct jw *w);
void jw_array(struct jw *w);
void jw_array_end(struct jw *w);
/*
 * The key of the next value in the open object, a string literal of the
 * program's own (its quotes added at compile time; a literal needing an
 * escape would be copied unescaped): jw_key(w, "id").
 */
#define jw_key(w, literal) jw_key_raw((w), "\"" literal "\"", sizeof(literal) + 1)
/*
 * The same for a name that is not a literal: printable ASCII without '"' or
 * '\\' (anything else fails the writer; a key from data goes through jw_json).
 */
void jw_key_name(struct jw *w, const char *key);
/* A key already written as a JSON string (n bytes, with its quotes), copied as it is. */
void jw_key_raw(struct jw *w, const char *key, size_t n);

void jw_string(struct jw *w, const char *s);
void jw_stringn(struct jw *w, const char *s, size_t n);
/* s, or null when s is NULL. */
void jw_string_or_null(struct jw *w, const char *s);
void jw_int(struct jw *w, int64_t v);
void jw_bool(struct jw *w, bool v);
void jw_null(struct jw *w);
/* A real as jansson prints it: %.17g, ".0" added to a whole number, the exponent without '+' or leading zeros. */
void jw_real(struct jw *w, double v);
/* n bytes of text that is already one valid JSON value in the writer's form, copied as they are. */
void jw_raw(struct jw *w, const char *text, size_t n);
/* A jansson value, as json_compact() writes it. */
void jw_json(struct jw *w, const json_t *v);

/* Length of the valid UTF-8 sequence at s (at most n bytes), 0 when it is not one (cut, overlong, a surrogate). */
size_t jw_utf8_len(const unsigned char *s, size_t n);
/* Length of the prefix of s (n bytes) a JSON string carries unescaped: printable ASCII but '"' and '\\', valid UTF-8. */
size_t jw_plain_len(const unsigned char *s, size_t n);
/* The text jw_real() writes for v into b (at least 32 bytes); its length. */
size_t jw_real_text(double v, char b[32]);

#endif
