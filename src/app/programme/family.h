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

#include <jansson.h>
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

/*
 * A family's own part of a template: the object under the template's
 * "section" key (the vote's caps, a campaign's units ...), which the engine
 * keeps as it is. 0 when it is valid; PX_EINVAL "bad_template" naming the
 * key ("section.vote.per_day") otherwise. section is NULL when the template
 * has none.
 */
typedef int (*family_section_fn)(const json_t *section, struct px_err *err);

struct family {
	const char *name;                         /* the template's "kind": "award" */
	const char *title;                        /* 政府质量奖 */
	family_exit_fn exit_checks[STAGE_NKINDS]; /* by stage kind; NULL: the office decides */
	const struct family_text *texts;          /* default texts, ended by { NULL, NULL } */
	family_section_fn check_section;          /* NULL: the family takes no "section" */
};

/* The table of families, ended by NULL (app/families.c). */
extern const struct family *const families[];

/* The family of that name, NULL when there is none. */
const struct family *family_find(const char *name);

/*
 * Whether a parsed template can run: its kind names a family, each of its
 * "texts" replaces a text that family has, and its "section" (in the
 * template text tpl_json) is one the family accepts. PX_EINVAL
 * "bad_template" (field "kind", "texts.<key>" or "section...") otherwise.
 */
int family_check_template(const struct template *t, const char *tpl_json, size_t len, struct px_err *err);

/*
 * The "section" object of a programme's template text, parsed; NULL when it
 * has none. The caller owns the reference (json_decref).
 */
json_t *family_section(const char *tpl_json, size_t len);

/* The exit check of t's family for stages of kind k; NULL when there is none. */
family_exit_fn family_exit(const struct template *t, enum stage_kind k);

/*
 * A text of a programme run from t: the template's "texts" entry for key,
 * else its family's default; "" for a key neither knows. Borrowed from t or
 * static.
 */
const char *family_text(const struct template *t, const char *key);

/*
 * family_text() with its placeholders filled: each "{name}" whose name is
 * one of vars (name, value pairs, ended by NULL) becomes the value; other
 * text is copied. Written to out (cut to cap, NUL-terminated); returns the
 * length written. No printf: a template's text is data, never a format.
 */
size_t family_text_fill(const struct template *t, const char *key, const char *const *vars, char *out, size_t cap);

#endif
