/*
 * internal.h - what the brand value register's files share (brandvalue.h):
 * its texts, the contributory assets and methods it knows, the checks of a
 * round's parameters and of an enterprise's data (both kept as JSON), the
 * core input built from them, and the round's row.
 */
#ifndef PX_APP_BRANDVALUE_INTERNAL_H
#define PX_APP_BRANDVALUE_INTERNAL_H

#include <jansson.h>
#include <stdbool.h>

#include "app/brandvalue/brandvalue.h"
#include "core/brandvalue.h"
#include "store/store.h"

/* A text a person reads (labels of the report, names of assets and methods), zh-CN; "" when unknown. */
const char *brandvalue_text(const char *key);

/* The contributory assets a round may charge, by code (working_capital ...), ended by NULL. */
extern const char *const brandvalue_asset_codes[];

/* Is `method` one the register computes ("mpeem", "mpeem_mid_year")? */
bool brandvalue_method_known(const char *method);

/*
 * Check a round's request (brandvalue_round_open) and build the params kept
 * with it: {tax_bp, discount_base_bp, premium_max_bp, growth_bp, assets:
 * [{code, return_bp}]}; *first_year, *years and *method (borrowed from req)
 * returned beside.
 */
struct bv_round_req {
	const char *title, *method;
	int first_year, years;
	json_t *params; /* owned */
};
int brandvalue_round_check(const json_t *req, struct bv_round_req *out, struct px_err *err);

/* A round as the register reads it. params is owned (json_decref). */
struct bv_round {
	int64_t id;
	char owner_region[8], title[256], method[24], state[12];
	int first_year, years;
	int64_t opened_on, computed_on;
	json_t *params;
};
/* Load round id: STORE_ROW, STORE_DONE when absent, or a negative error. */
int brandvalue_round_load(struct store_conn *c, int64_t id, struct bv_round *r, struct px_err *err);
void brandvalue_round_release(struct bv_round *r);
/* May the actor read round r? Staff of its region, an applicant whose organisation it holds; else PX_ENOTFOUND. */
int brandvalue_round_readable(struct store_conn *c, const struct app_actor *actor, const struct bv_round *r,
			      struct px_err *err);

/* The round's public answer (without "mine"). */
json_t *brandvalue_round_json(const struct bv_round *r);

/* Check an enterprise's data against the round; *data the normalised copy kept (owned). */
int brandvalue_data_check(const struct bv_round *r, const json_t *req, json_t **data, struct px_err *err);

/* The input core/brandvalue computes from a round's params and a checked data object. */
void brandvalue_input(const struct bv_round *r, const json_t *data, struct bv_input *in);

/* The result kept with a submission: charges, years, terminal, value. */
json_t *brandvalue_result_json(const struct bv_input *in, const struct bv_result *res);

/* Render and keep the report PDF of every computed submission of the round that has none (outside any transaction). */
void brandvalue_render_round(struct app *app, int64_t round_id);

/* A percentage of basis points, "12.00%". */
void brandvalue_pct(int64_t bp, char *out, size_t cap);

#endif
