/*
 * expert.h - the expert pool (评审员库): import from a CSV file, list, and
 * removal for breaking discipline (清强市办〔2025〕20号 十(四): "一经发现以上行为，立即取消
 * 其评审员资格").
 *
 * An expert has a code (the pool's own reference, e.g. E017, which is what
 * draws publish), a name, an employer, a region, fields (e.g. GB/T 4754
 * section letters) and declared conflicts: USCCs of organisations or
 * employer names. An expert may be bound to an account of role expert, which
 * is how they sign in to see and score their assignments. Each office keeps
 * its own pool: an imported expert is owned by the importing office's region
 * (app/scope.h), listed, removed and drawn only inside it. The expert's own
 * region may be another (an expert of another city may sit on a Qingyuan
 * panel when Qingyuan's office imports them).
 *
 * An expert whose employer is, by the matching rule of core/orgname.h, the
 * name of an applicant organisation belongs to that organisation (own
 * organisation: never drawn for it; see draw_stage.h).
 */
#ifndef PX_APP_EXPERT_H
#define PX_APP_EXPERT_H

#include <jansson.h>
#include <stddef.h>

#include "app/app.h"

#define EXPERT_CSV_MAX (4u << 20)   /* bytes of an import */
#define EXPERT_MAX_ROWS 2000        /* experts in one import */
#define EXPERT_MAX_CONFLICTS 64     /* declared conflicts per expert */
#define EXPERT_MAX_FIELDS 32

/*
 * Import experts from CSV text with the header
 *     code,name,employer,region,fields,conflicts[,login]
 * (any column order; fields and conflicts ';'-separated). Every row is
 * checked; on any fault nothing is imported: PX_EINVAL "invalid_rows" and
 * *rows receives [{line, column, code, message} ...] (up to 100). Row codes:
 * invalid_code, duplicate_code, expert_exists, invalid_text, unknown_region,
 * invalid_field, too_many_fields, invalid_uscc, too_many_conflicts,
 * unknown_login, not_expert_account, login_bound. Office only. *out is
 * {imported, experts: [codes]}; the caller owns *out and *rows.
 */
int expert_import(struct app *app, const struct app_actor *actor, const char *csv, size_t len, json_t **out,
		  json_t **rows, struct px_err *err);

/* The pool with conflicts and active assignment counts (office). *out {experts: [...]}. */
int expert_list(struct app *app, const struct app_actor *actor, json_t **out, struct px_err *err);

/*
 * Remove an expert for breaking discipline (reason 1..2000 bytes): the
 * expert is deactivated (never drawn again), and each of their active
 * assignments in a review stage that is still running is withdrawn (state
 * "removed", its review if any no longer counts) and replaced by a recorded
 * replacement draw. Office only; PX_ECONFLICT "already_removed". *out lists
 * the replacements.
 */
int expert_remove(struct app *app, const struct app_actor *actor, int64_t expert_id, const char *reason,
		  json_t **out, struct px_err *err);

/* The expert bound to an account, 0 when none (inside the caller's transaction). */
int expert_of_account(struct store_conn *c, int64_t account_id, int64_t *expert_id, struct px_err *err);

#endif
