/*
 * register.h - certificates as a register: a certificate with a validity
 * period (valid_from .. valid_to, both days included) has a status that
 * changes only through the moves below, each with its reason and date, kept
 * as an event and audited:
 *
 *	valid     --suspend-->   suspended  --reinstate--> valid
 *	valid | suspended --revoke--> revoked    (撤销: withdrawn for a fault)
 *	valid | suspended --cancel--> cancelled  (注销: given up by the holder)
 *	valid | suspended --(the day after valid_to)--> expired
 *
 * Expiry needs nobody: every read computes the status from the date
 * (core/validity.h), so a
 * certificate past its valid_to answers "expired" everywhere on that day;
 * register_expire_due() (run by the housekeeping pass) then records the
 * move with its event and audit record. Revoked, cancelled and expired are
 * final. The public register lists every certificate that has a validity
 * period, searchable by number, holder name and region, with a
 * verification link (<public_url>/register/<code>) and its QR code.
 */
#ifndef PX_APP_REGISTER_H
#define PX_APP_REGISTER_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "app/app.h"
#include "core/date.h"

#define REGISTER_PER_PAGE 20
#define REGISTER_PER_PAGE_MAX 100
#define REGISTER_REASON_MAX 500

/* What a family issues (inside its transaction). */
struct register_entry {
	int64_t application_id, programme_id;
	const char *no;       /* the certificate number */
	const char *holder;   /* the organisation's name */
	const char *product;  /* what is certified (may be NULL) */
	const char *track;    /* the track code */
	const char *region;   /* the holder's division */
	int64_t score;        /* hundredths, or -1 for none */
	px_date valid_from, valid_to;
};

/*
 * Insert a valid certificate with a new verification code and its "issue"
 * event, audited as "certificate.issue" (inside the caller's write
 * transaction). *id receives its id.
 */
int register_issue(struct store_conn *c, const struct app_actor *actor, const struct register_entry *e,
		   px_date today, int64_t *id, struct px_err *err);

/*
 * Move certificate id by `action` ("suspend", "reinstate", "revoke",
 * "cancel") with a reason (required, one line of at most
 * REGISTER_REASON_MAX bytes), dated today: the office of the programme's
 * region. PX_EINVAL "bad_action"; PX_ECONFLICT "wrong_status" when the
 * move does not start from the certificate's status on that day;
 * PX_ENOTFOUND for another region. *out is the entry with its events.
 */
int register_change(struct app *app, const struct app_actor *actor, int64_t id, const char *action,
		    const char *reason, json_t **out, struct px_err *err);

/* The entry with its events, for the office of its region. Caller owns *out. */
int register_get(struct app *app, const struct app_actor *actor, int64_t id, json_t **out, struct px_err *err);

struct register_query {
	const struct app_actor *actor;  /* with programme_id: staff of the programme's region */
	const char *no, *name, *region; /* each NULL or "" for any; region: a division and below */
	const char *sort;               /* "no" (default), "holder", "valid_to" */
	int64_t programme_id;           /* 0: every programme (the public); else one (the office: with scores) */
	int64_t page, per_page;         /* 1-based; per_page 1..REGISTER_PER_PAGE_MAX */
};

/*
 * One page of the register: {total, page, per_page, entries: [...]}. The
 * public sees every entry; one programme's (with the review scores) only
 * staff of its region (PX_ENOTFOUND otherwise). PX_EINVAL "bad_sort",
 * "bad_page", "bad_region" for a malformed filter.
 */
int register_search(struct app *app, const struct register_query *q, json_t **out, struct px_err *err);

/*
 * The public check of a verification code: the entry with its status on
 * today and its events (no personal data), or PX_ENOTFOUND
 * "certificate_not_found".
 */
int register_verify(struct app *app, const char *code, json_t **out, struct px_err *err);

/* The QR code (SVG) of a certificate's verification link; PX_ENOTFOUND as register_verify. */
int register_qr(struct app *app, const char *code, char **svg, size_t *len, struct px_err *err);

/*
 * Record the expiry of every valid or suspended certificate whose valid_to
 * is before today (one write transaction; an event and an audit record
 * "certificate.expire" each). *n receives how many.
 */
int register_expire_due(struct app *app, long long *n, struct px_err *err);

#endif
