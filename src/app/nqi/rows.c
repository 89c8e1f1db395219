/*
 * rows.c - checking one row of the NQI records (internal.h), the same for an
 * imported file and a recording through the API: the fields alone (USCC
 * with its check character, names, division codes, kinds, chains, dates),
 * then against the register (divisions inside the actor's region, USCCs
 * not yet registered, the institution and enterprise of a service known and
 * the kind one the institution gives).
 */
#include "app/nqi/internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/scope.h"
#include "core/access.h"
#include "core/ident.h"
#include "core/nqi.h"

const char *const nqi_columns[3][NQI_NCOLS] = {
	{ "uscc", "name", "region", "kinds", NULL },
	{ "uscc", "name", "region", "chain", NULL },
	{ "date", "kind", "institution", "enterprise", "chain" },
};

static struct store_sql Q_REGION = STORE_SQL("SELECT code FROM region WHERE code = $1");
static struct store_sql Q_INST = STORE_SQL("SELECT id, kinds FROM nqi_institution WHERE uscc = $1");
static struct store_sql Q_ENT = STORE_SQL("SELECT id, region, chain FROM nqi_enterprise WHERE uscc = $1");

void nqi_fault(json_t *faults, size_t line, const char *column, const char *code, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	if (json_array_size(faults) >= NQI_MAX_FAULTS)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	json_array_append_new(faults, json_pack("{s:I, s:s, s:s, s:s}", "line", (json_int_t)line, "column", column,
						"code", code, "message", msg));
}

static void check_uscc(const char *s, const char *column, size_t line, char out[19], json_t *faults)
{
	if (!ident_uscc_check(s, strlen(s), NULL, NULL))
		nqi_fault(faults, line, column, "invalid_uscc", "'%.40s' is not a unified social credit code", s);
	snprintf(out, 19, "%s", s);
}

/* A ';'-separated list of service kinds into a bit mask; 0 when one is unknown or none given. */
static uint8_t kinds_mask(const char *s)
{
	uint8_t mask = 0;
	char buf[200];
	snprintf(buf, sizeof(buf), "%s", s);
	for (char *p = buf, *end; *p; p = end) {
		end = p + strcspn(p, ";");
		if (*end)
			*end++ = '\0';
		const struct nqi_item *k = nqi_kind_find(p);
		if (!k)
			return 0;
		mask |= (uint8_t)(1u << (k - nqi_kinds));
	}
	return mask;
}

static void check_party(enum nqi_what what, const char *const f[NQI_NCOLS], size_t line, struct nqi_row *w,
			json_t *faults)
{
	check_uscc(f[0], "uscc", line, w->uscc, faults);
	size_t n = strlen(f[1]);
	if (!n || n >= 200)
		nqi_fault(faults, line, "name", "missing_field", "a name of 1 to 199 bytes");
	else if (!(w->name = strdup(f[1])))
		nqi_fault(faults, line, "name", "out_of_memory", "out of memory");
	if (!access_region_valid(f[2]))
		nqi_fault(faults, line, "region", "unknown_region", "'%.20s' is not a division code", f[2]);
	snprintf(w->region, sizeof(w->region), "%s", f[2]);
	if (what == NQI_INSTITUTIONS) {
		if (!(w->kinds = kinds_mask(f[3])))
			nqi_fault(faults, line, "kinds", "unknown_kind", "'%.60s' is not a list of service kinds", f[3]);
		return;
	}
	const struct nqi_item *ch = nqi_chain_find(f[3]);
	if (!ch)
		nqi_fault(faults, line, "chain", "unknown_chain", "no industry chain '%.40s'", f[3]);
	w->chain = (int8_t)(ch ? ch - nqi_chains : -1);
}

static void check_service(const char *const f[NQI_NCOLS], size_t line, px_date today, struct nqi_row *w,
			  json_t *faults)
{
	px_date day = 0;
	if (date_parse(f[0], strlen(f[0]), &day))
		nqi_fault(faults, line, "date", "invalid_date", "'%.20s' is not a date (YYYY-MM-DD)", f[0]);
	else if (day > today || day < date_from_ymd(2000, 1, 1))
		nqi_fault(faults, line, "date", "out_of_range", "'%s' is not between 2000-01-01 and today", f[0]);
	w->day = day;
	const struct nqi_item *k = nqi_kind_find(f[1]);
	if (!k)
		nqi_fault(faults, line, "kind", "unknown_kind", "no service kind '%.40s'", f[1]);
	w->kind = (int8_t)(k ? k - nqi_kinds : -1);
	check_uscc(f[2], "institution", line, w->uscc, faults);
	check_uscc(f[3], "enterprise", line, w->uscc2, faults);
	const struct nqi_item *ch = *f[4] ? nqi_chain_find(f[4]) : NULL;
	if (*f[4] && !ch)
		nqi_fault(faults, line, "chain", "unknown_chain", "no industry chain '%.40s'", f[4]);
	w->chain = (int8_t)(ch ? ch - nqi_chains : -1);
}

int nqi_check_fields(enum nqi_what what, const char *const f[NQI_NCOLS], size_t line, px_date today,
		     struct nqi_row *w, json_t *faults)
{
	size_t before = json_array_size(faults);
	w->line = (uint32_t)line;
	if (what == NQI_SERVICES)
		check_service(f, line, today, w, faults);
	else
		check_party(what, f, line, w, faults);
	return json_array_size(faults) > before ? PX_EINVAL : 0;
}

/* ---- the register ---- */

#define LOOKUP_SLOTS_MIN 1024

struct lookup_slot {
	char uscc[19];
	uint8_t kinds;
	int64_t id; /* 0 while the slot is free; -1: not in the register */
};

struct nqi_lookup {
	struct lookup_slot *slots;
	size_t cap, used;
	char regions[64][7];
	bool region_ok[64];
	size_t nregions;
};

struct nqi_lookup *nqi_lookup_new(void)
{
	struct nqi_lookup *l = calloc(1, sizeof(*l));
	if (l && !(l->slots = calloc(LOOKUP_SLOTS_MIN, sizeof(*l->slots)))) {
		free(l);
		return NULL;
	}
	if (l)
		l->cap = LOOKUP_SLOTS_MIN;
	return l;
}

void nqi_lookup_free(struct nqi_lookup *l)
{
	if (l)
		free(l->slots);
	free(l);
}

static size_t hash_of(const char *s)
{
	size_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static struct lookup_slot *slot_of(struct nqi_lookup *l, const char *uscc)
{
	size_t i = hash_of(uscc) & (l->cap - 1);
	while (l->slots[i].id && strcmp(l->slots[i].uscc, uscc))
		i = (i + 1) & (l->cap - 1);
	return &l->slots[i];
}

/* Grow the table to twice its size when it is half full; false when out of memory. */
static bool lookup_room(struct nqi_lookup *l)
{
	if (l->used * 2 < l->cap)
		return true;
	struct nqi_lookup bigger = { .cap = l->cap * 2 };
	if (!(bigger.slots = calloc(bigger.cap, sizeof(*bigger.slots))))
		return false;
	for (size_t i = 0; i < l->cap; i++)
		if (l->slots[i].id)
			*slot_of(&bigger, l->slots[i].uscc) = l->slots[i];
	free(l->slots);
	l->slots = bigger.slots;
	l->cap = bigger.cap;
	return true;
}

/* The institution of that USCC (its id, or -1), remembered for the rest of the transaction. */
static int institution(struct store_conn *c, struct nqi_lookup *l, const char *uscc, struct lookup_slot **out,
		       struct px_err *err)
{
	struct lookup_slot *s = slot_of(l, uscc);
	if (!s->id) {
		char kinds[200] = "";
		int64_t id = -1;
		int rc = store_get(c, &Q_INST, err, "t:ib", uscc, &id, kinds, sizeof(kinds));
		if (rc < 0)
			return rc;
		if (!lookup_room(l))
			return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
		s = slot_of(l, uscc);
		snprintf(s->uscc, sizeof(s->uscc), "%s", uscc);
		s->id = id;
		s->kinds = kinds_mask(kinds);
		l->used++;
	}
	*out = s;
	return 0;
}

/* Is the division in the region table and inside the actor's region? Remembered. */
static int region_ok(struct store_conn *c, const struct app_actor *actor, struct nqi_lookup *l, const char *code,
		     bool *ok, struct px_err *err)
{
	for (size_t i = 0; i < l->nregions; i++)
		if (!strcmp(l->regions[i], code)) {
			*ok = l->region_ok[i];
			return 0;
		}
	char found[8];
	int rc = store_get(c, &Q_REGION, err, "t:b", code, found, sizeof(found));
	if (rc < 0)
		return rc;
	*ok = rc == STORE_ROW && app_actor_in_region(actor, code, NULL);
	if (l->nregions < 64) {
		snprintf(l->regions[l->nregions], 7, "%s", code);
		l->region_ok[l->nregions++] = *ok;
	}
	return 0;
}

static struct store_sql Q_INST_EXISTS = STORE_SQL("SELECT id FROM nqi_institution WHERE uscc = $1");
static struct store_sql Q_ENT_EXISTS = STORE_SQL("SELECT id FROM nqi_enterprise WHERE uscc = $1");

static int check_party_row(struct store_conn *c, const struct app_actor *actor, enum nqi_what what,
			   struct nqi_row *w, struct nqi_lookup *l, json_t *faults, struct px_err *err)
{
	bool ok;
	int64_t id;
	int rc = region_ok(c, actor, l, w->region, &ok, err);
	if (rc)
		return rc;
	if (!ok)
		nqi_fault(faults, w->line, "region", "unknown_region", "'%s' is not a division of your region", w->region);
	rc = store_get(c, what == NQI_INSTITUTIONS ? &Q_INST_EXISTS : &Q_ENT_EXISTS, err, "t:i", w->uscc, &id);
	if (rc == STORE_ROW)
		nqi_fault(faults, w->line, "uscc", "duplicate_row", "'%s' is in the register already", w->uscc);
	return rc < 0 ? rc : 0;
}

static int check_service_row(struct store_conn *c, const struct app_actor *actor, struct nqi_row *w,
			     struct nqi_lookup *l, json_t *faults, struct px_err *err)
{
	struct lookup_slot *inst = NULL;
	char region[8] = "", chain[48] = "";
	int rc = institution(c, l, w->uscc, &inst, err);
	if (rc)
		return rc;
	w->inst_id = inst->id;
	if (inst->id < 0)
		nqi_fault(faults, w->line, "institution", "unknown_institution", "no service institution '%s'", w->uscc);
	else if (w->kind >= 0 && !(inst->kinds & (1u << w->kind)))
		nqi_fault(faults, w->line, "kind", "kind_not_offered", "the institution gives no '%s' services",
			  nqi_kinds[w->kind].code);
	w->ent_id = -1;
	rc = store_get(c, &Q_ENT, err, "t:ibb", w->uscc2, &w->ent_id, region, sizeof(region), chain, sizeof(chain));
	if (rc < 0)
		return rc;
	if (rc != STORE_ROW || !app_actor_in_region(actor, region, NULL)) {
		nqi_fault(faults, w->line, "enterprise", "unknown_enterprise", "no enterprise '%s' in your region", w->uscc2);
		return 0;
	}
	snprintf(w->region, sizeof(w->region), "%.6s", region);
	const struct nqi_item *ch = nqi_chain_find(chain);
	if (w->chain < 0 && ch)
		w->chain = (int8_t)(ch - nqi_chains);
	return 0;
}

int nqi_check_register(struct store_conn *c, const struct app_actor *actor, enum nqi_what what,
		       struct nqi_row *rows, size_t from, size_t to, struct nqi_lookup *l, json_t *faults,
		       struct px_err *err)
{
	for (size_t i = from; i < to; i++) {
		if (rows[i].bad)
			continue;
		int rc = what == NQI_SERVICES ? check_service_row(c, actor, &rows[i], l, faults, err)
					      : check_party_row(c, actor, what, &rows[i], l, faults, err);
		if (rc)
			return rc;
	}
	return 0;
}

static int by_uscc(const void *a, const void *b)
{
	const struct nqi_row *x = *(const struct nqi_row *const *)a, *y = *(const struct nqi_row *const *)b;
	int d = strcmp(x->uscc, y->uscc);
	return d ? d : (x->line > y->line) - (x->line < y->line);
}

int nqi_check_duplicates(enum nqi_what what, const struct nqi_row *rows, size_t n, json_t *faults)
{
	if (what == NQI_SERVICES || n < 2)
		return 0;
	const struct nqi_row **at = malloc(n * sizeof(*at));
	if (!at)
		return PX_ENOMEM;
	for (size_t i = 0; i < n; i++)
		at[i] = &rows[i];
	qsort(at, n, sizeof(*at), by_uscc);
	for (size_t i = 1; i < n; i++)
		if (!strcmp(at[i]->uscc, at[i - 1]->uscc))
			nqi_fault(faults, at[i]->line, "uscc", "duplicate_row", "the same USCC as line %u",
				  (unsigned)at[i - 1]->line);
	free(at);
	return 0;
}

void nqi_region_bounds(const char *prefix, char lo[7], char hi[7])
{
	size_t n = strlen(prefix);
	for (size_t i = 0; i < 6; i++) {
		lo[i] = i < n ? prefix[i] : '0';
		hi[i] = i < n ? prefix[i] : '9';
	}
	lo[6] = hi[6] = '\0';
}

void nqi_prefix_end(const char *q, char *out, size_t cap)
{
	size_t n = (size_t)snprintf(out, cap, "%s", q ? q : "");
	if (n >= cap)
		n = cap - 1;
	while (n && (unsigned char)out[n - 1] == 0xff)
		out[--n] = '\0';
	if (n)
		out[n - 1] = (char)((unsigned char)out[n - 1] + 1);
}
