/*
 * helpdesk.h - the pure rules of the quality-problem help desk (解决万个质量
 * 管理难题, 湘市监办发〔2022〕71号 三(四)): the nine fields a problem belongs
 * to, the service levels counted in working days on the official calendar,
 * and the routing of a problem to the service provider that takes it.
 *
 * Pure: no I/O, no allocation. docs/helpdesk.md tells the procedure.
 */
#ifndef PX_CORE_HELPDESK_H
#define PX_CORE_HELPDESK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/date.h"
#include "util/err.h"

/* The nine fields of the document, in its order. */
struct helpdesk_field {
	const char *code; /* quality_management ... */
	const char *name; /* 质量管理 ... */
};
extern const struct helpdesk_field helpdesk_fields[];
extern const size_t helpdesk_nfields;

/* The field of that code, NULL when there is none. */
const struct helpdesk_field *helpdesk_field_find(const char *code);

/* Service levels, in working days. */
#define HELPDESK_RESPOND_WORKDAYS 2   /* first response */
#define HELPDESK_RESOLVE_WORKDAYS 20  /* resolution */
#define HELPDESK_REOPEN_WORKDAYS 10   /* the enterprise may reopen a resolved problem */

/*
 * The last day of a service level of n working days for something that
 * happened on `day`: the count starts on the first working day after it (the
 * day itself never counts, as for every period the seeds set), so a problem
 * recorded on Thursday 2022-09-29 with 2 working days is due on Saturday
 * 2022-10-08, a 调休 working day after the National Day holiday. Errors as
 * calendar_end_of_period.
 */
int helpdesk_due(const struct calendar *cal, px_date day, int n, px_date *due, struct px_err *err);

/* Overdue: past its due date on `today` and not done (done_on 0 = not yet). */
bool helpdesk_overdue(px_date today, px_date due, px_date done_on);

/* A provider the router may choose. */
struct helpdesk_provider {
	int64_t id;
	const char *region;  /* the area it serves: a province, a city or a county code */
	const char *fields;  /* its field codes, separated by ';' */
	int open;            /* problems it holds that are not resolved */
};

/*
 * The provider for a problem of `field` from an enterprise in county
 * `region`: among those serving the field in an area containing the region,
 * the one of the smallest area (county before city before province), then
 * the fewest open problems, then the lowest id. -1 when none serves it.
 */
int helpdesk_route(const struct helpdesk_provider *p, size_t n, const char *field, const char *region);

#endif
