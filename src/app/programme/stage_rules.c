/*
 * stage_rules.c - exit checks per stage kind. A kind without a check may be
 * left whenever the office decides; the dates of the template are shown, not
 * enforced, because offices do extend deadlines - but a notice period, once
 * published, must run its full length.
 */
#include "app/programme/stage_rules.h"

#include "app/programme/decision.h"
#include "app/programme/notice.h"
#include "app/review/results.h"

typedef int (*exit_check)(struct app *app, struct store_conn *c, const struct programme *p,
			  const struct tpl_stage *s, struct px_err *err);

/* Every notice published in this stage has ended (the list was shown its full period). */
static int notices_ended(struct app *app, struct store_conn *c, const struct programme *p,
			 const struct tpl_stage *s, struct px_err *err)
{
	return notice_require_ended(app, c, p->id, s->code, err);
}

static const exit_check checks[] = {
	[TPL_STAGE_RECOMMENDATION] = notices_ended,
	[TPL_STAGE_QUALIFICATION] = notices_ended,
	[TPL_STAGE_NOTICE] = notices_ended,
	/* a review stage closes with every review in, and computes its results */
	[TPL_STAGE_REVIEW] = results_close_review,
	/* the decision stages close once their decision is recorded */
	[TPL_STAGE_SHORTLIST] = decision_exit_check,
	[TPL_STAGE_DELIBERATION] = decision_exit_check,
	[TPL_STAGE_APPROVAL] = decision_exit_check,
};

int stage_exit_check(struct app *app, struct store_conn *c, const struct programme *p,
		     const struct tpl_stage *s, struct px_err *err)
{
	if ((size_t)s->kind < sizeof(checks) / sizeof(checks[0]) && checks[s->kind])
		return checks[s->kind](app, c, p, s, err);
	return 0;
}
