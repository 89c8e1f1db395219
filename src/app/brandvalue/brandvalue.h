/*
 * brandvalue.h - the brand value evaluation register (企业品牌价值测评,
 * docs/brand-value.md): an office opens a round, choosing the method among
 * those core/brandvalue.h computes and publishing its parameters (tax rate,
 * the base of the discount rate and the most an enterprise's brand risk
 * premium may add, terminal growth, the required return of each
 * contributory asset); an enterprise (applicant account bound to its
 * organisation by USCC) submits its data for the round's forecast years;
 * the office computes every value, ranked; each enterprise gets a report
 * PDF (rendered after the commit, stored by SHA-256).
 *
 * Rounds are owned by the region of the office that opens them
 * (app/scope.h): an account of another region meets them as absent (404).
 * Rates are basis points, money yuan, as in core/brandvalue.h. Every
 * returned json_t belongs to the caller.
 */
#ifndef PX_APP_BRANDVALUE_H
#define PX_APP_BRANDVALUE_H

#include <jansson.h>
#include <stddef.h>

#include "app/app.h"

#define BRANDVALUE_PDF_MAX (8u << 20)

/*
 * Open a round (office). req: {title, first_year, years, method ("mpeem" |
 * "mpeem_mid_year"), tax_bp, discount_base_bp, premium_max_bp, growth_bp,
 * assets: [{code, return_bp}]} with codes of brandvalue_asset_codes. Keys:
 * missing_field, out_of_range, invalid_text, unknown_method, unknown_asset,
 * duplicate_asset, bv_growth (growth not below the discount base). *out as
 * brandvalue_round_get. Audited "brandvalue.open".
 */
int brandvalue_round_open(struct app *app, const struct app_actor *actor, const json_t *req, json_t **out,
			  struct px_err *err);

/*
 * The rounds the actor sees: staff those of their region, an applicant
 * those whose region holds its organisation. {rounds: [{id, title, year
 * span, method, state, submissions}]}.
 */
int brandvalue_round_list(struct app *app, const struct app_actor *actor, json_t **out, struct px_err *err);

/*
 * One round with its published parameters; for an applicant also "mine":
 * its own submission or null. 404 outside the actor's region.
 */
int brandvalue_round_get(struct app *app, const struct app_actor *actor, int64_t id, json_t **out,
			 struct px_err *err);

/*
 * The enterprise submits (or replaces) its data for an open round. req:
 * {years: [{year, revenue, margin_bp}] one per forecast year in order,
 * assets: {code: share_bp}, brand_role_bp, risk_premium_bp}. Keys with the
 * field at fault: missing_field, out_of_range ("years[2].revenue" ...),
 * wrong_year, years_mismatch, unknown_asset ("assets.x"), and core/brandvalue's
 * own; PX_EINVAL "no_organisation" before the organisation is registered;
 * PX_ECONFLICT "round_computed" once computed. *out as brandvalue_submission_get.
 * Audited "brandvalue.submit".
 */
int brandvalue_submit(struct app *app, const struct app_actor *actor, int64_t round_id, const json_t *req,
		      json_t **out, struct px_err *err);

/*
 * Compute every submission's value (office of the round's region), rank
 * them (highest value first; equal values share a rank), close the round
 * to submissions, then render each report PDF after the commit. *out as
 * brandvalue_results. Audited "brandvalue.compute".
 */
int brandvalue_compute(struct app *app, const struct app_actor *actor, int64_t round_id, json_t **out,
		       struct px_err *err);

/* The ranked results: {round, results: [{rank, submission, uscc, name, region, value}]}. Staff of the region. */
int brandvalue_results(struct app *app, const struct app_actor *actor, int64_t round_id, json_t **out,
		       struct px_err *err);

/*
 * One submission with its data and, once computed, its result year by
 * year: the staff of the round's region and the enterprise that made it.
 */
int brandvalue_submission_get(struct app *app, const struct app_actor *actor, int64_t id, json_t **out,
			      struct px_err *err);

/*
 * The report PDF of a computed submission (rendered now when the render
 * after the compute did not happen): *pdf malloc'd, the caller frees;
 * name the attachment's file name. PX_ECONFLICT "not_computed" before.
 */
int brandvalue_report_pdf(struct app *app, const struct app_actor *actor, int64_t id, char **pdf, size_t *len,
			  char name[64], struct px_err *err);

#endif
