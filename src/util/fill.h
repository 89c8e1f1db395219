/*
 * fill.h - placeholders in a text that is data (a template's or a
 * register's texts), never a printf format: each "{name}" whose name is one
 * of the given variables becomes its value; everything else is copied.
 */
#ifndef PX_UTIL_FILL_H
#define PX_UTIL_FILL_H

#include <stddef.h>

/*
 * Fill src into out (cut to cap, NUL-terminated); vars are name, value
 * pairs ended by NULL. Returns the length written.
 */
size_t fill_text(const char *src, const char *const *vars, char *out, size_t cap);

#endif
