/*
 * rubric_sheet.c - the check of one expert's score sheet against a rubric:
 * points for every leaf item exactly once, within the item's maximum, and
 * nothing else. A sheet that passes has a total that cannot exceed the rubric's
 * total, which is what aggregation (score.h) relies on.
 */
#include "core/rubric.h"


static int mark_fault(const struct rubric *r, const struct rubric_mark *m, bool seen[],
		      struct px_err *err)
{
	char a[RUBRIC_POINTS_BUFSZ], b[RUBRIC_POINTS_BUFSZ];
	const struct rubric_item *it = rubric_find(r, m->code);

	if (!it)
		return px_err_set(err, PX_EINVAL, "sheet_unknown_item", m->code ? m->code : "",
				  "no item '%.40s' in the rubric", m->code ? m->code : "");
	if (!rubric_item_is_leaf(it))
		return px_err_set(err, PX_EINVAL, "sheet_not_leaf", it->code,
				  "item '%s' is scored through its sub-items", it->code);
	size_t i = (size_t)(it - r->items);
	if (seen[i])
		return px_err_set(err, PX_EINVAL, "sheet_duplicate_item", it->code,
				  "item '%s' is scored twice", it->code);
	seen[i] = true;
	if (m->points < 0 || m->points > it->points)
		return px_err_set(err, PX_EINVAL, "sheet_points_out_of_range", it->code,
				  "points of '%s' must be between 0 and %s, got '%s'", it->code,
				  rubric_points_format(it->points, a),
				  rubric_points_format(m->points, b));
	return 0;
}

int rubric_sheet_check(const struct rubric *r, const struct rubric_mark *marks, size_t n,
		       int32_t *total, struct px_err *err)
{
	bool seen[RUBRIC_MAX_ITEMS] = { false };
	int64_t sum = 0;
	int rc;

	if (n > r->nleaves)
		return px_err_set(err, PX_EINVAL, "sheet_too_many_marks", "",
				  "the rubric has %zu leaf items, the sheet scores %zu", r->nleaves,
				  n);
	for (size_t i = 0; i < n; i++) {
		if ((rc = mark_fault(r, &marks[i], seen, err)))
			return rc;
		sum += marks[i].points;
	}
	for (size_t i = 0; i < r->n; i++)
		if (rubric_item_is_leaf(&r->items[i]) && !seen[i])
			return px_err_set(err, PX_EINVAL, "sheet_missing_item", r->items[i].code,
					  "item '%s' has no points", r->items[i].code);
	*total = (int32_t)sum;
	return 0;
}
