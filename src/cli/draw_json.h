/*
 * draw_json.h - the JSON side of `pingxuan draw` and `pingxuan verify-draw`:
 * reading a draw's input (format in docs/draw.md, "Input file") into a
 * struct draw_input, and printing JSON. The published form of a result is
 * app/draw_doc.h's draw_doc_result_json().
 */
#ifndef PX_CLI_DRAW_JSON_H
#define PX_CLI_DRAW_JSON_H

#include <jansson.h>

#include "core/draw.h"
#include "util/err.h"

/* Input files larger than this are refused. */
#define CLI_DRAW_MAX_FILE (64u << 20)

/*
 * A draw input read from a file. Every string points into `root`, and the
 * arrays belong to the document: keep it until the draw is done, then
 * cli_draw_doc_release().
 */
struct cli_draw_doc {
	json_t *root;
	struct draw_application *apps;
	struct draw_expert *experts;
	const char **pool;    /* the fields and conflicts lists */
	struct draw_input in;
};

/*
 * Read and check an input file. Errors name the file or the member at fault:
 * PX_EIO "io_error" (cannot read), PX_ETOOBIG "too_large", PX_EINVAL
 * "invalid_json" (field "FILE:LINE:COLUMN"), PX_EINVAL "invalid_draw_input"
 * (field e.g. "experts[3].employer", message "missing"). Values are checked
 * further by draw_run(). On error *doc is left empty.
 */
int cli_draw_load(const char *path, struct cli_draw_doc *doc, struct px_err *err);

void cli_draw_doc_release(struct cli_draw_doc *doc);

/*
 * Read a JSON file of at most `max` bytes (duplicate keys refused). On
 * success *out is a new reference the caller owns; errors as above.
 */
int cli_json_read_file(const char *path, size_t max, json_t **out, struct px_err *err);

/* Print a JSON value to stdout, indented, with a final newline. CLI_OK or CLI_FAIL. */
int cli_json_print(const json_t *v);

#endif
