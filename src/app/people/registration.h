/*
 * registration.h - attempts to register an identity that is registered
 * already, and how its owner learns of them.
 *
 * An applicant account registering an organisation (by USCC) or a person (by
 * resident ID number) is answered alike whether or not the identifier is
 * registered already: otherwise the answer would let anyone with an account
 * test who is registered (issue: registration oracles). When it is, nothing
 * is bound to the account; the attempt is recorded instead, and the owner of
 * the identity learns of it here: the applicant account the record is bound
 * to, and the county and office of the record's region. The account that
 * tried finds its own registration through applicant_mine() (applicant.h)
 * and, having none, turns to its county. Staff registering on paper are
 * answered 409 (they register inside their own region and are audited), and
 * their attempt is recorded alike, so that the owner's region learns when an
 * office of another region meets one of its registrations.
 */
#ifndef PX_APP_REGISTRATION_H
#define PX_APP_REGISTRATION_H

#include <jansson.h>

#include "app/app.h"

/*
 * Record that the actor (an applicant account) tried to register the
 * organisation `organisation_id` or the person `person_id` (the other 0)
 * under `name` and `region`; audited as "<kind>.claim" on the record, without
 * identifiers in clear. Runs in the caller's transaction.
 */
int registration_attempt_record(struct store_conn *c, const struct app_actor *actor, int64_t organisation_id,
				int64_t person_id, const char *name, const char *region, struct px_err *err);

/*
 * The attempts the actor is told of, oldest first: *out {attempts: [{id, at,
 * kind, record, record_name, claimed_name, claimed_region}]} (staff also see
 * the trying account's id as "account"), the caller's. An applicant: those on
 * the identity bound to its account; a county or office: those on records of
 * its region. Others PX_EFORBIDDEN.
 */
int registration_attempt_list(struct app *app, const struct app_actor *actor, json_t **out, struct px_err *err);

#endif
