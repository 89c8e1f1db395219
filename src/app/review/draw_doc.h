/*
 * draw_doc.h - a draw as the application stores and publishes it: the input
 * in the JSON format of docs/draw.md ("Input file", the format `pingxuan
 * draw` and `pingxuan verify-draw` read) and the result in the published
 * format ("Result"). draw_doc_load() turns a stored input into the structs of
 * core/draw.h; draw_doc_result_json() and draw_doc_result_load() write and
 * read results, so that a replacement draw can start from the assignment as
 * it stands.
 */
#ifndef PX_APP_DRAW_DOC_H
#define PX_APP_DRAW_DOC_H

#include <jansson.h>

#include "core/draw.h"
#include "util/err.h"

/*
 * A draw input held in memory. Strings point into `root`; the arrays are the
 * document's. Release with draw_doc_release().
 */
struct draw_doc {
	json_t *root;
	struct draw_application *apps;
	struct draw_expert *experts;
	const char **pool; /* the fields and conflicts lists */
	struct draw_input in;
};

/*
 * Read an input document (a new reference to root is taken). Checks the
 * shape (PX_EINVAL "invalid_draw_input" naming the member); draw_run()
 * checks the values. On error *d is empty.
 */
int draw_doc_load(json_t *root, struct draw_doc *d, struct px_err *err);
void draw_doc_release(struct draw_doc *d);

/* The published form of a result (as `pingxuan draw` prints it). New reference, NULL when out of memory. */
json_t *draw_doc_result_json(const struct draw_input *in, const struct draw_result *r);

/*
 * Rebuild a result of `in` from its published form: panels by application,
 * loads counted from the panels, the largest load, the commitment and the
 * inputs hash as published. Experts of the input that sit on no panel may be
 * missing from `loads`. Errors: PX_EINVAL "draw_invalid" (an unknown
 * application or expert, a missing panel). Release *r with
 * draw_result_release().
 */
int draw_doc_result_load(const struct draw_input *in, json_t *result, struct draw_result *r, struct px_err *err);

#endif
