/*
 * audit.h - the tamper-evident audit log.
 *
 * Every use case that changes state calls audit_append() inside its own
 * transaction, so the change and its record commit or vanish together. Rows
 * are linked by core/chain.h; the head (last seq and hash) lives in
 * audit_head, whose update serialises appenders on both drivers.
 */
#ifndef PX_APP_AUDIT_H
#define PX_APP_AUDIT_H

#include <jansson.h>
#include <stdint.h>

#include "app/app.h"
#include "core/chain.h"

/*
 * Append one row: `action` like "account.create", `object` like "account:7",
 * `payload` the change as JSON (borrowed; serialised compact with sorted
 * keys; must hold no personal data in clear). Call inside a write transaction.
 * Its first statement, `UPDATE audit_head ... RETURNING`, takes the head row's
 * lock until commit: on PostgreSQL in READ COMMITTED (STORE_TX_WRITE) a
 * concurrent appender - on this node or another - waits and then reads the
 * new head, so seqs stay 1..N without forks; under STORE_TX_SERIAL it fails
 * with PX_EBUSY instead, which store_tx() retries.
 */
int audit_append(struct store_conn *c, const struct app_actor *actor, const char *action,
		 const char *object, json_t *payload, struct px_err *err);

/*
 * audit_append() on the object "<kind>:<id>"; takes `payload` (a new
 * reference, released here).
 */
int audit_record(struct store_conn *c, const struct app_actor *actor, const char *action, const char *kind,
		 int64_t id, json_t *payload, struct px_err *err);

struct audit_head {
	int64_t seq;
	char hash[CHAIN_HEX_LEN + 1];
};

int audit_head_get(struct app *app, struct audit_head *out, struct px_err *err);

struct audit_report {
	int64_t rows;        /* rows checked */
	int64_t first_bad;   /* seq (or position) of the first broken row, 0 when intact */
	char problem[160];   /* what is wrong with it */
	const char *code;    /* the same as a stable key: audit_row_missing, audit_payload_edited,
				audit_prev_mismatch, audit_hash_mismatch, audit_head_mismatch; NULL when intact */
	struct audit_head head;
};

/*
 * Recompute the whole chain. Returns 0 when the chain was read (intact or
 * not: see report->first_bad), or an error when it could not be read.
 */
int audit_verify(struct app *app, struct audit_report *report, struct px_err *err);

/*
 * audit_verify() for an office account (the web UI's audit page): the
 * chain is one for the whole deployment and its head is public, so any
 * office may verify it, whatever its region; anyone else is PX_EFORBIDDEN.
 * The walk streams the rows in one read transaction (constant memory); one
 * verification runs at a time per server, a second meanwhile is PX_ELIMIT
 * "audit_verify_running".
 */
int audit_verify_office(struct app *app, const struct app_actor *actor, struct audit_report *report,
			struct px_err *err);

#endif
