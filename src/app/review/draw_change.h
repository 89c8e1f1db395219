/*
 * draw_change.h - what changed between the input a draw committed to and the
 * input built again at its run, in words the office can act on (docs/draw.md,
 * "Commitment"). Used for the message of draw_inputs_changed.
 */
#ifndef PX_APP_DRAW_CHANGE_H
#define PX_APP_DRAW_CHANGE_H

#include <jansson.h>
#include <stddef.h>

/*
 * Describe the first difference between two draw inputs (the format of
 * docs/draw.md, "Input file"): the stage's rules, then applications, then
 * experts, each by id, e.g. "expert 'E11' joined the pool". Writes a
 * NUL-terminated phrase of at most size - 1 bytes into buf; a generic phrase
 * when committed is NULL or no difference is found member by member.
 */
void draw_change_describe(const json_t *committed, const json_t *now, char *buf, size_t size);

#endif
