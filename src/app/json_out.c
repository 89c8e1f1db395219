/*
 * json_out.c - the compact JSON text of an answer (see json.h): the bytes
 * json_dumps(v, JSON_COMPACT) writes, written straight into one growing
 * buffer by the JSON writer (json_writer.c). jansson's dumper checks every
 * container for loops through a hashtable of printed addresses and iterates
 * strings code point by code point; on the answers of a list that was a third
 * of a request.
 */
#include "app/json.h"

#include "app/json_writer.h"

char *json_compact(const json_t *v, size_t *len)
{
	struct jw w = { 0 };
	jw_json(&w, v);
	return jw_finish(&w, len);
}
