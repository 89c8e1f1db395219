/*
 * stage_rules.h - what must hold before a programme leaves a stage, as a
 * table by stage kind (stage_rules.c). A check returns 0 or an error naming
 * what is still open ("notice_running", "reviews_missing" ...).
 */
#ifndef PX_APP_STAGE_RULES_H
#define PX_APP_STAGE_RULES_H

#include "app/programme/programme.h"

int stage_exit_check(struct app *app, struct store_conn *c, const struct programme *p,
		     const struct tpl_stage *s, struct px_err *err);

#endif
