/*
 * training.h - chief quality officer training (培训千名首席质量官,
 * 湘市监办发〔2022〕71号 三(三)), a register beside the programmes.
 *
 * An office or county bureau organises a course at its level (province,
 * city, county) with sessions (day, start, place, hours) and a completion
 * rule (the share of hours attended, the pass mark of the assessment). It
 * enrols people for their enterprises (USCC); each gets a ticket. Attendance
 * is taken by the organiser, or by the trainee checking in with the ticket
 * and the six-digit code shown at the session, which changes every 30
 * seconds; checking in more than 15 minutes after the start is late. A
 * person enrolled after a session was never expected at it (core/training.h).
 * Completion issues a certificate with a public verification code. Mobile
 * numbers are kept as keyed hashes and masked copies. docs/training.md.
 */
#ifndef PX_APP_TRAINING_H
#define PX_APP_TRAINING_H

#include <jansson.h>

#include "app/app.h"

#define TRAINING_LATE_AFTER_MIN 15
#define TRAINING_TARGET 1000

/*
 * Whether the actor organises a course owned by region `owner`: the CLI, or
 * an office or county bureau whose region holds it. The one rule every
 * organiser's step checks (404 to anyone else).
 */
bool training_organises(const struct app_actor *actor, const char *owner);

/* {title, level, region?, share_pct, pass_score, sessions: [{date, starts "HH:MM", place, hours}]} */
int training_course_create(struct app *app, const struct app_actor *actor, json_t *req, int64_t *id,
			   struct px_err *err);
/* The course with its sessions, trainees (mobile masked) and attendance; its organiser's staff only. */
int training_course_get(struct app *app, const struct app_actor *actor, int64_t id, json_t **out, struct px_err *err);
/* The courses in the actor's scope: {courses: [...]}. */
int training_course_list(struct app *app, const struct app_actor *actor, json_t **out, struct px_err *err);

/* {name, mobile, uscc, org_name, region}: the trainee with its ticket. */
int training_enrol(struct app *app, const struct app_actor *actor, int64_t course, json_t *req, json_t **out,
		   struct px_err *err);
/* The organiser marks a trainee at a session (seq): present, late, absent, excused. */
int training_mark(struct app *app, const struct app_actor *actor, int64_t course, int seq, int64_t trainee,
		  const char *mark, struct px_err *err);
/* The code shown at a session now: {code, valid_for}. */
int training_code(struct app *app, const struct app_actor *actor, int64_t course, int seq, json_t **out,
		  struct px_err *err);
/* Self check-in, no sign-in: {ticket, code} for today's session of the ticket's course: {mark, session}. */
int training_checkin(struct app *app, const char *ticket, const char *code, json_t **out, struct px_err *err);
/* The assessment score 0..100 of a trainee. */
int training_score(struct app *app, const struct app_actor *actor, int64_t course, int64_t trainee, int score,
		   struct px_err *err);
/* Evaluate every trainee after the last session; certificates for those complete: {completed: [...], not: [...]} */
int training_complete(struct app *app, const struct app_actor *actor, int64_t course, json_t **out,
		      struct px_err *err);
/* Public verification of a completion certificate. */
int training_verify(struct app *app, const char *code, json_t **out, struct px_err *err);
/* Trainees completed, per city, toward TRAINING_TARGET in the actor's scope. */
int training_stats(struct app *app, const struct app_actor *actor, json_t **out, struct px_err *err);

#endif
