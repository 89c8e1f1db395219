/*
 * family.h - what makes a programme family (the award, the brand ranking,
 * the registers ...) different from the engine it runs on, as one record per
 * family: the checks that must hold before a stage of each kind is left, and
 * the texts its notices and documents use unless the template says
 * otherwise. The engine reaches a family only through this record; the
 * records are listed in one table, families[] (app/families.c), and a
 * template names its family with its "kind" (docs/templates.md).
 */
#ifndef PX_APP_FAMILY_H
#define PX_APP_FAMILY_H

#include <stdbool.h>

#include "app/programme/template.h"
#include "core/stage.h"
#include "util/err.h"

struct app;
struct programme;
struct store_conn;

/*
 * An exit check runs inside the transaction that moves the programme on:
 * 0 when the stage may be left, else an error naming what is still open
 * ("notice_running", "reviews_missing", "decision_missing" ...).
 */
typedef int (*family_exit_fn)(struct app *app, struct store_conn *c, const struct programme *p,
			      const struct tpl_stage *s, struct px_err *err);

/* A text of the family, by key ("notice.recommendation" ...), zh-CN. */
struct family_text {
	const char *key;
	const char *text;
};

struct family {
	const char *name;                         /* the template's "kind": "award" */
	const char *title;                        /* 政府质量奖 */
	family_exit_fn exit_checks[STAGE_NKINDS]; /* by stage kind; NULL: the office decides */
	const struct family_text *texts;          /* default texts, ended by { NULL, NULL } */
};

/* The table of families, ended by NULL (app/families.c). */
extern const struct family *const families[];

/* The family of that name, NULL when there is none. */
const struct family *family_find(const char *name);

/*
 * Whether a parsed template can run: its kind names a family and each of its
 * "texts" replaces a text that family has. PX_EINVAL "bad_template" (field
 * "kind" or "texts.<key>") otherwise.
 */
int family_check_template(const struct template *t, struct px_err *err);

/* The exit check of t's family for stages of kind k; NULL when there is none. */
family_exit_fn family_exit(const struct template *t, enum stage_kind k);

/*
 * A text of a programme run from t: the template's "texts" entry for key,
 * else its family's default; "" for a key neither knows. Borrowed from t or
 * static.
 */
const char *family_text(const struct template *t, const char *key);

#endif
