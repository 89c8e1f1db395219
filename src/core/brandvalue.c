/*
 * brandvalue.c - the multi-period excess earnings method (brandvalue.h,
 * docs/brand-value.md): checks the inputs, then walks the forecast years in
 * order, rounding each published amount to the yuan.
 */
#include "core/brandvalue.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static int64_t yuan(double v)
{
	return (int64_t)(v < 0 ? -floor(-v + 0.5) : floor(v + 0.5));
}

static bool in_range(int32_t v, int32_t lo, int32_t hi)
{
	return v >= lo && v <= hi;
}

static int check(const struct bv_input *in, struct px_err *err)
{
	char field[32];

	if (in->years < 1 || in->years > BV_MAX_YEARS)
		return px_err_set(err, PX_EINVAL, "bv_years", "years", "between 1 and %d forecast years, not %d",
				  BV_MAX_YEARS, in->years);
	for (int t = 0; t < in->years; t++) {
		snprintf(field, sizeof(field), "revenue[%d]", t);
		if (in->revenue[t] < 0 || in->revenue[t] > BV_MAX_YUAN)
			return px_err_set(err, PX_EINVAL, "bv_revenue", field, "revenue out of range");
		snprintf(field, sizeof(field), "margin[%d]", t);
		if (!in_range(in->margin_bp[t], -BV_BP, BV_BP))
			return px_err_set(err, PX_EINVAL, "bv_margin", field, "a margin is between -100%% and 100%%");
	}
	if (in->nassets < 0 || in->nassets > BV_MAX_ASSETS)
		return px_err_set(err, PX_EINVAL, "bv_rate", "assets", "at most %d contributory assets", BV_MAX_ASSETS);
	for (int k = 0; k < in->nassets; k++) {
		snprintf(field, sizeof(field), "assets[%d]", k);
		if (!in_range(in->assets[k].share_bp, 0, 10 * BV_BP) || !in_range(in->assets[k].return_bp, 0, BV_BP))
			return px_err_set(err, PX_EINVAL, "bv_rate", field, "asset share or return out of range");
	}
	if (!in_range(in->tax_bp, 0, BV_BP))
		return px_err_set(err, PX_EINVAL, "bv_rate", "tax", "a tax rate is between 0 and 100%%");
	if (!in_range(in->brand_role_bp, 0, BV_BP))
		return px_err_set(err, PX_EINVAL, "bv_rate", "brand_role", "a brand role is between 0 and 100%%");
	if (!in_range(in->discount_bp, 1, BV_BP))
		return px_err_set(err, PX_EINVAL, "bv_rate", "discount", "a discount rate is above 0 and at most 100%%");
	if (in->growth_bp < -BV_BP || in->growth_bp >= in->discount_bp)
		return px_err_set(err, PX_EINVAL, "bv_growth", "growth",
				  "the terminal growth must stay below the discount rate");
	return 0;
}

int bv_compute(const struct bv_input *in, struct bv_result *out, struct px_err *err)
{
	int rc = check(in, err);
	if (rc)
		return rc;
	memset(out, 0, sizeof(*out));
	out->years = in->years;

	const double r = in->discount_bp / (double)BV_BP, g = in->growth_bp / (double)BV_BP;
	const double tax = in->tax_bp / (double)BV_BP, role = in->brand_role_bp / (double)BV_BP;
	double charge = 0, sum = 0, last = 0;
	for (int k = 0; k < in->nassets; k++)
		charge += (in->assets[k].share_bp / (double)BV_BP) * (in->assets[k].return_bp / (double)BV_BP);
	out->charge_bp = (int32_t)yuan(charge * BV_BP);

	for (int t = 0; t < in->years; t++) {
		struct bv_year *y = &out->year[t];
		double rev = (double)in->revenue[t];
		double profit = rev * (in->margin_bp[t] / (double)BV_BP);
		double nopat = profit * (1 - tax);
		double charges = rev * charge;
		double brand = (nopat - charges) * role;
		y->factor = 1 / pow(1 + r, in->mid_year ? t + 0.5 : t + 1);
		y->revenue = in->revenue[t];
		y->profit = yuan(profit);
		y->nopat = yuan(nopat);
		y->charges = yuan(charges);
		y->excess = yuan(nopat - charges);
		y->brand = yuan(brand);
		y->present = yuan(brand * y->factor);
		sum += brand * y->factor;
		last = brand;
	}
	double terminal = last * (1 + g) / (r - g);
	double terminal_present = terminal * out->year[in->years - 1].factor;
	out->terminal = yuan(terminal);
	out->terminal_present = yuan(terminal_present);
	out->value = yuan(sum + terminal_present);
	return 0;
}
