/*
 * internal.h - what the NQI use cases share (not for other modules): one
 * checked row of an import or a recording, the columns of each kind, the
 * checks of a row with and without the register, and the writes.
 */
#ifndef PX_APP_NQI_INTERNAL_H
#define PX_APP_NQI_INTERNAL_H

#include <stdint.h>

#include "app/nqi/nqi.h"
#include "core/date.h"

#define NQI_NCOLS 5
#define NQI_MAX_FAULTS 200

struct nqi_row {
	uint32_t line;
	int32_t day;    /* services: served on */
	int8_t kind;    /* services: index in nqi_kinds */
	int8_t chain;   /* index in nqi_chains; services: -1 for the enterprise's */
	uint8_t kinds;  /* institutions: one bit per index in nqi_kinds */
	uint8_t bad;    /* a field is faulty: the register's checks pass it by */
	char uscc[19];  /* the institution or enterprise; services: the institution */
	char uscc2[19]; /* services: the enterprise */
	char region[7]; /* services: the enterprise's, found in the register */
	char *name;     /* institutions and enterprises (owned) */
	int64_t inst_id, ent_id; /* services: found in the register */
};

/* The columns of each kind, in nqi.h's order; NULL past the last. */
extern const char *const nqi_columns[3][NQI_NCOLS];

/* Append a fault {line, column, code, message} unless NQI_MAX_FAULTS are there. */
void nqi_fault(json_t *faults, size_t line, const char *column, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* The checks that need no database, from the row's fields f (by column), into w; faults appended. */
int nqi_check_fields(enum nqi_what what, const char *const f[NQI_NCOLS], size_t line, px_date today,
		     struct nqi_row *w, json_t *faults);

/* Per transaction: what the register checks remember (institutions by USCC, regions). */
struct nqi_lookup;
struct nqi_lookup *nqi_lookup_new(void);
void nqi_lookup_free(struct nqi_lookup *l);

/* The checks against the register of rows [from, to): duplicates, regions in scope, parties known. */
int nqi_check_register(struct store_conn *c, const struct app_actor *actor, enum nqi_what what,
		       struct nqi_row *rows, size_t from, size_t to, struct nqi_lookup *l, json_t *faults,
		       struct px_err *err);

/* Duplicates inside the file (by USCC; institutions and enterprises). */
int nqi_check_duplicates(enum nqi_what what, const struct nqi_row *rows, size_t n, json_t *faults);

/*
 * Write rows [from, to) of an import (import_id, 0 for none), counts of
 * services included; *last receives the id of the last row written.
 */
int nqi_write_rows(struct store_conn *c, const struct app *app, const struct app_actor *actor, enum nqi_what what,
		   const struct nqi_row *rows, size_t from, size_t to, int64_t import_id, int64_t *last,
		   struct px_err *err);

/* Subtract the counts of rows [from, to) (an import undone). */
int nqi_uncount_rows(struct store_conn *c, const struct nqi_row *rows, size_t from, size_t to, struct px_err *err);

/* The lower and upper division codes inside a region prefix ("3702": 370200, 370299). */
void nqi_region_bounds(const char *prefix, char lo[7], char hi[7]);

/* The smallest text above every text starting with q (q with its last byte raised; "" for ""). */
void nqi_prefix_end(const char *q, char *out, size_t cap);

/*
 * The division bounds a reader sees: the filter's region when given (PX_ENOTFOUND, field
 * "region", outside the reader's) or the reader's own (PX_EFORBIDDEN for no staff).
 */
int nqi_scope_bounds(const struct app_actor *actor, const char *region, char lo[7], char hi[7], struct px_err *err);

/* PX_EINVAL unknown_kind / unknown_chain for a filter naming no kind or chain. */
int nqi_check_catalogue(const struct nqi_filter *f, struct px_err *err);

#endif
