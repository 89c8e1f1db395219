/*
 * params.c - the checks of the brand value register's inputs (internal.h):
 * a round's published method and parameters, an enterprise's data against
 * its round, and the core input and kept result built from them. Every
 * fault names its field ("years[2].revenue", "assets[1].return_bp").
 */
#include "app/brandvalue/internal.h"

#include <stdio.h>
#include <string.h>

#include "app/input.h"

/* An integer member of o in [min, max]: missing_field or out_of_range naming field. */
static int get_int(const json_t *o, const char *key, const char *field, int64_t min, int64_t max, int64_t *out,
		   struct px_err *err)
{
	json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v))
		return px_err_set(err, PX_EINVAL, "missing_field", field, "'%s' is required", field);
	if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max)
		return px_err_set(err, PX_EINVAL, "out_of_range", field, "'%s' must be an integer in %lld..%lld", field,
				  (long long)min, (long long)max);
	*out = json_integer_value(v);
	return 0;
}

static int asset_index(const char *code)
{
	for (int i = 0; code && brandvalue_asset_codes[i]; i++)
		if (!strcmp(brandvalue_asset_codes[i], code))
			return i;
	return -1;
}

/* The round's assets: [{code, return_bp}], each known once. */
static int check_assets(const json_t *req, json_t *params, struct px_err *err)
{
	json_t *assets = json_object_get(req, "assets"), *v, *kept = json_array();
	char field[48];
	bool seen[BV_MAX_ASSETS] = { false };
	size_t i;
	int rc = 0;
	if (!json_is_array(assets) || json_array_size(assets) > BV_MAX_ASSETS)
		rc = px_err_set(err, PX_EINVAL, "out_of_range", "assets", "assets: a list of at most %d", BV_MAX_ASSETS);
	json_array_foreach(rc ? NULL : assets, i, v) {
		const char *code = json_string_value(json_object_get(v, "code"));
		int k = asset_index(code);
		int64_t ret = 0;
		snprintf(field, sizeof(field), "assets[%zu].code", i);
		if (k < 0)
			rc = px_err_set(err, PX_EINVAL, "unknown_asset", field, "no contributory asset '%s'", code ? code : "");
		else if (seen[k])
			rc = px_err_set(err, PX_EINVAL, "duplicate_asset", field, "asset '%s' twice", code);
		snprintf(field, sizeof(field), "assets[%zu].return_bp", i);
		if (rc || (rc = get_int(v, "return_bp", field, 0, BV_BP, &ret, err)))
			break;
		seen[k] = true;
		json_array_append_new(kept, json_pack("{s:s, s:I}", "code", code, "return_bp", (json_int_t)ret));
	}
	json_object_set_new(params, "assets", kept);
	return rc;
}

int brandvalue_round_check(const json_t *req, struct bv_round_req *out, struct px_err *err)
{
	int64_t first = 0, years = 0, tax = 0, base = 0, premium = 0, growth = 0;
	int rc;
	memset(out, 0, sizeof(*out));
	out->title = json_string_value(json_object_get(req, "title"));
	out->method = json_string_value(json_object_get(req, "method"));
	if ((rc = input_line(out->title, 200, "title", err)))
		return rc;
	if (!brandvalue_method_known(out->method))
		return px_err_set(err, PX_EINVAL, "unknown_method", "method", "no method '%s'",
				  out->method ? out->method : "");
	if ((rc = get_int(req, "first_year", "first_year", 2000, 2100, &first, err)) ||
	    (rc = get_int(req, "years", "years", 1, BV_MAX_YEARS, &years, err)) ||
	    (rc = get_int(req, "tax_bp", "tax_bp", 0, BV_BP, &tax, err)) ||
	    (rc = get_int(req, "discount_base_bp", "discount_base_bp", 1, BV_BP, &base, err)) ||
	    (rc = get_int(req, "premium_max_bp", "premium_max_bp", 0, BV_BP - base, &premium, err)) ||
	    (rc = get_int(req, "growth_bp", "growth_bp", -BV_BP, BV_BP, &growth, err)))
		return rc;
	if (growth >= base)
		return px_err_set(err, PX_EINVAL, "bv_growth", "growth_bp", "growth %lld must be below the discount base %lld",
				  (long long)growth, (long long)base);
	out->first_year = (int)first;
	out->years = (int)years;
	out->params = json_pack("{s:I, s:I, s:I, s:I}", "tax_bp", (json_int_t)tax, "discount_base_bp", (json_int_t)base,
				"premium_max_bp", (json_int_t)premium, "growth_bp", (json_int_t)growth);
	if ((rc = check_assets(req, out->params, err))) {
		json_decref(out->params);
		out->params = NULL;
	}
	return rc;
}

/* The forecast years: exactly the round's, in order, each {year, revenue, margin_bp}. */
static int check_years(const struct bv_round *r, const json_t *req, json_t *data, struct px_err *err)
{
	json_t *years = json_object_get(req, "years"), *v, *kept = json_array();
	char field[48];
	size_t i;
	int rc = 0;
	json_object_set_new(data, "years", kept);
	if (!json_is_array(years))
		return px_err_set(err, PX_EINVAL, "missing_field", "years", "'years' is required");
	if (json_array_size(years) != (size_t)r->years)
		return px_err_set(err, PX_EINVAL, "years_mismatch", "years", "the round asks for %d years, not %zu", r->years,
				  json_array_size(years));
	json_array_foreach(years, i, v) {
		int64_t year = 0, revenue = 0, margin = 0;
		snprintf(field, sizeof(field), "years[%zu].year", i);
		if ((rc = get_int(v, "year", field, 0, 9999, &year, err)))
			break;
		if (year != r->first_year + (int64_t)i) {
			rc = px_err_set(err, PX_EINVAL, "wrong_year", field, "forecast year %zu is %d, not %lld", i + 1,
					r->first_year + (int)i, (long long)year);
			break;
		}
		snprintf(field, sizeof(field), "years[%zu].revenue", i);
		if ((rc = get_int(v, "revenue", field, 0, BV_MAX_YUAN, &revenue, err)))
			break;
		snprintf(field, sizeof(field), "years[%zu].margin_bp", i);
		if ((rc = get_int(v, "margin_bp", field, -BV_BP, BV_BP, &margin, err)))
			break;
		json_array_append_new(kept, json_pack("{s:I, s:I, s:I}", "year", (json_int_t)year, "revenue",
						      (json_int_t)revenue, "margin_bp", (json_int_t)margin));
	}
	return rc;
}

/* The assets' shares of revenue: {code: share_bp} for codes the round publishes; absent ones are 0. */
static int check_shares(const struct bv_round *r, const json_t *req, json_t *data, struct px_err *err)
{
	json_t *shares = json_object_get(req, "assets"), *v, *kept = json_object(), *a;
	const char *code;
	char field[48];
	size_t i;
	int rc = 0;
	json_object_set_new(data, "assets", kept);
	if (shares && !json_is_object(shares))
		return px_err_set(err, PX_EINVAL, "wrong_type", "assets", "assets: an object of shares by asset");
	json_object_foreach(shares, code, v) {
		bool published = false;
		json_array_foreach(json_object_get(r->params, "assets"), i, a)
			published = published || !strcmp(json_string_value(json_object_get(a, "code")), code);
		snprintf(field, sizeof(field), "assets.%.32s", code);
		if (!published)
			return px_err_set(err, PX_EINVAL, "unknown_asset", field, "the round charges no asset '%s'", code);
		if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 10 * BV_BP)
			return px_err_set(err, PX_EINVAL, "out_of_range", field, "'%s' must be an integer in 0..100000", field);
		json_object_set(kept, code, v);
	}
	return rc;
}

int brandvalue_data_check(const struct bv_round *r, const json_t *req, json_t **data, struct px_err *err)
{
	int64_t role = 0, premium = 0;
	struct bv_input in;
	struct bv_result res;
	int rc;
	*data = json_object();
	if (!json_is_object(req))
		rc = px_err_set(err, PX_EINVAL, "wrong_type", NULL, "the data is an object");
	else if (!(rc = check_years(r, req, *data, err)) && !(rc = check_shares(r, req, *data, err)) &&
		 !(rc = get_int(req, "brand_role_bp", "brand_role_bp", 0, BV_BP, &role, err)))
		rc = get_int(req, "risk_premium_bp", "risk_premium_bp", 0,
			     json_integer_value(json_object_get(r->params, "premium_max_bp")), &premium, err);
	if (!rc) {
		json_object_set_new(*data, "brand_role_bp", json_integer(role));
		json_object_set_new(*data, "risk_premium_bp", json_integer(premium));
		brandvalue_input(r, *data, &in);
		rc = bv_compute(&in, &res, err); /* what the method itself refuses */
	}
	if (rc) {
		json_decref(*data);
		*data = NULL;
	}
	return rc;
}

static int32_t param(const json_t *o, const char *key)
{
	return (int32_t)json_integer_value(json_object_get(o, key));
}

void brandvalue_input(const struct bv_round *r, const json_t *data, struct bv_input *in)
{
	json_t *y, *a, *shares = json_object_get(data, "assets");
	size_t i;
	memset(in, 0, sizeof(*in));
	json_array_foreach(json_object_get(data, "years"), i, y) {
		if (i >= BV_MAX_YEARS)
			break;
		in->revenue[i] = json_integer_value(json_object_get(y, "revenue"));
		in->margin_bp[i] = param(y, "margin_bp");
		in->years = (int)i + 1;
	}
	json_array_foreach(json_object_get(r->params, "assets"), i, a) {
		const char *code = json_string_value(json_object_get(a, "code"));
		if (i >= BV_MAX_ASSETS)
			break;
		in->assets[i] = (struct bv_asset){ code, param(shares, code), param(a, "return_bp") };
		in->nassets = (int)i + 1;
	}
	in->tax_bp = param(r->params, "tax_bp");
	in->brand_role_bp = param(data, "brand_role_bp");
	in->discount_bp = param(r->params, "discount_base_bp") + param(data, "risk_premium_bp");
	in->growth_bp = param(r->params, "growth_bp");
	in->mid_year = !strcmp(r->method, "mpeem_mid_year");
}

json_t *brandvalue_result_json(const struct bv_input *in, const struct bv_result *res)
{
	json_t *years = json_array();
	char factor[32];
	for (int t = 0; t < res->years; t++) {
		const struct bv_year *y = &res->year[t];
		snprintf(factor, sizeof(factor), "%.6f", y->factor);
		json_array_append_new(years, json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:s, s:I}", "revenue",
						       (json_int_t)y->revenue, "margin_bp", (json_int_t)in->margin_bp[t],
						       "profit", (json_int_t)y->profit, "nopat", (json_int_t)y->nopat,
						       "charges", (json_int_t)y->charges, "excess", (json_int_t)y->excess,
						       "brand", (json_int_t)y->brand, "factor", factor, "present",
						       (json_int_t)y->present));
	}
	return json_pack("{s:I, s:I, s:I, s:I, s:o, s:I, s:I, s:I}", "charge_bp", (json_int_t)res->charge_bp,
			 "discount_bp", (json_int_t)in->discount_bp, "growth_bp", (json_int_t)in->growth_bp,
			 "brand_role_bp", (json_int_t)in->brand_role_bp, "years", years, "terminal",
			 (json_int_t)res->terminal, "terminal_present", (json_int_t)res->terminal_present, "value",
			 (json_int_t)res->value);
}

void brandvalue_pct(int64_t bp, char *out, size_t cap)
{
	snprintf(out, cap, "%s%lld.%02lld%%", bp < 0 ? "-" : "", (long long)(bp < 0 ? -bp : bp) / 100,
		 (long long)(bp < 0 ? -bp : bp) % 100);
}
