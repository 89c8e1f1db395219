/*
 * orgname.c - the matching rule of organisation names (see orgname.h): a
 * table of what is dropped or rewritten, applied left to right.
 */
#include "core/orgname.h"

#include <stddef.h>
#include <string.h>

void orgname_key(const char *name, char out[ORGNAME_KEY_MAX])
{
	static const struct {
		const char *from, *to;
	} map[] = {
		{ " ", "" }, { "\t", "" }, { "\xe3\x80\x80", "" }, /* U+3000 ideographic space */
		{ "\xef\xbc\x88", "(" }, { "\xef\xbc\x89", ")" },  /* （ ） */
		{ "\r", "" }, { "\n", "" },
	};
	size_t o = 0;
	while (*name && o + 4 < ORGNAME_KEY_MAX) {
		size_t i = 0, n = 0;
		while (i < sizeof(map) / sizeof(map[0]) && strncmp(name, map[i].from, n = strlen(map[i].from)))
			i++;
		if (i < sizeof(map) / sizeof(map[0])) {
			for (const char *t = map[i].to; *t; t++)
				out[o++] = *t;
			name += n;
		} else {
			out[o++] = *name++;
		}
	}
	out[o] = '\0';
}
