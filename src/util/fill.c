/*
 * fill.c - "{name}" placeholders filled from name, value pairs (fill.h).
 */
#include "util/fill.h"

#include <string.h>

size_t fill_text(const char *src, const char *const *vars, char *out, size_t cap)
{
	size_t n = 0;

	if (!cap)
		return 0;
	while (*src && n + 1 < cap) {
		const char *end = *src == '{' ? strchr(src, '}') : NULL;
		const char *value = NULL;
		for (size_t i = 0; end && vars[i]; i += 2)
			if (strlen(vars[i]) == (size_t)(end - src - 1) && !strncmp(vars[i], src + 1, (size_t)(end - src - 1)))
				value = vars[i + 1];
		if (!value) {
			out[n++] = *src++;
			continue;
		}
		for (; *value && n + 1 < cap; value++)
			out[n++] = *value;
		src = end + 1;
	}
	out[n] = '\0';
	return n;
}
