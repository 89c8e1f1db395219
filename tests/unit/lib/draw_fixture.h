/*
 * draw_fixture.h - instances for the draw's tests: a pool of names that
 * outlives the draw_input pointing into it, and a seeded generator of random
 * instances (a 64-bit LCG, so instances are the same on every machine),
 * and the helpers and instances the tests share. Header-only: each test
 * program includes it once, after cmocka.h.
 */
#ifndef PX_TEST_DRAW_FIXTURE_H
#define PX_TEST_DRAW_FIXTURE_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/draw.h"
#include "util/err.h"

#define FX_NAME 24
#define FX_MAX_LIST 8

struct fx_app {
	char id[FX_NAME], applicant[FX_NAME], org[FX_NAME], region[FX_NAME];
	char fields[FX_MAX_LIST][FX_NAME];
	const char *fieldp[FX_MAX_LIST];
};

struct fx_expert {
	char id[FX_NAME], employer[FX_NAME], region[FX_NAME];
	char fields[FX_MAX_LIST][FX_NAME], conflicts[FX_MAX_LIST][FX_NAME];
	const char *fieldp[FX_MAX_LIST], *conflictp[FX_MAX_LIST];
};

struct fx {
	struct fx_app *a;
	struct fx_expert *e;
	struct draw_application *apps;
	struct draw_expert *experts;
	struct draw_input in;
};

static inline void fx_name(char *dst, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static inline void fx_name(char *dst, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(dst, FX_NAME, fmt, ap);
	va_end(ap);
}

static inline void fx_init(struct fx *f, size_t na, size_t ne)
{
	memset(f, 0, sizeof(*f));
	f->a = calloc(na, sizeof(*f->a));
	f->e = calloc(ne, sizeof(*f->e));
	f->apps = calloc(na, sizeof(*f->apps));
	f->experts = calloc(ne, sizeof(*f->experts));
	for (size_t i = 0; i < na; i++) {
		struct fx_app *a = &f->a[i];
		for (size_t j = 0; j < FX_MAX_LIST; j++)
			a->fieldp[j] = a->fields[j];
		f->apps[i] = (struct draw_application){ a->id, a->applicant, a->org, a->region,
							 a->fieldp, 0, 0 };
	}
	for (size_t i = 0; i < ne; i++) {
		struct fx_expert *e = &f->e[i];
		for (size_t j = 0; j < FX_MAX_LIST; j++) {
			e->fieldp[j] = e->fields[j];
			e->conflictp[j] = e->conflicts[j];
		}
		f->experts[i] = (struct draw_expert){ e->id, e->employer, e->region, e->fieldp, 0,
						      e->conflictp, 0 };
	}
	f->in = (struct draw_input){ f->apps, na, f->experts, ne, 1, 1, false, false };
}

static inline void fx_free(struct fx *f)
{
	free(f->a);
	free(f->e);
	free(f->apps);
	free(f->experts);
	memset(f, 0, sizeof(*f));
}

/* Application i: id, organisation (= applicant), region, fields given as "F1,F2". */
static inline void fx_app(struct fx *f, size_t i, const char *id, const char *org, const char *region,
			  const char *fields)
{
	struct fx_app *a = &f->a[i];
	fx_name(a->id, "%s", id);
	fx_name(a->applicant, "%s", org);
	fx_name(a->org, "%s", org);
	fx_name(a->region, "%s", region);
	f->apps[i].n_fields = 0;
	for (const char *p = fields; p && *p;) {
		size_t n = strcspn(p, ",");
		fx_name(a->fields[f->apps[i].n_fields++], "%.*s", (int)n, p);
		p += n + (p[n] == ',');
	}
}

/* Expert i: id, employer, region, fields and conflicts as "X,Y". */
static inline void fx_expert(struct fx *f, size_t i, const char *id, const char *employer,
			     const char *region, const char *fields, const char *conflicts)
{
	struct fx_expert *e = &f->e[i];
	fx_name(e->id, "%s", id);
	fx_name(e->employer, "%s", employer);
	fx_name(e->region, "%s", region);
	f->experts[i].n_fields = 0;
	for (const char *p = fields; p && *p;) {
		size_t n = strcspn(p, ",");
		fx_name(e->fields[f->experts[i].n_fields++], "%.*s", (int)n, p);
		p += n + (p[n] == ',');
	}
	f->experts[i].n_conflicts = 0;
	for (const char *p = conflicts; p && *p;) {
		size_t n = strcspn(p, ",");
		fx_name(e->conflicts[f->experts[i].n_conflicts++], "%.*s", (int)n, p);
		p += n + (p[n] == ',');
	}
}

/* ---- random instances ---- */

struct fx_lcg {
	uint64_t s;
};

static inline uint32_t fx_rand(struct fx_lcg *g, uint32_t n)
{
	g->s = g->s * 6364136223846793005ull + 1442695040888963407ull;
	return (uint32_t)((g->s >> 33) % n);
}

struct fx_shape {
	size_t na, ne;
	unsigned orgs, employers, regions, fields;
	unsigned app_fields, expert_fields; /* at most, at least 1 */
	unsigned conflicts;                 /* at most, per expert */
	unsigned panel_min, panel_max;      /* per application */
};

/*
 * A random instance of the shape. Employers are organisations O0, O1 ... so
 * that "own organisation" happens; conflicts name organisations or applicants.
 */
static inline void fx_random(struct fx *f, const struct fx_shape *s, uint64_t seed)
{
	struct fx_lcg g = { seed * 2654435761u + 1 };
	char buf[FX_NAME];
	fx_init(f, s->na, s->ne);
	for (size_t i = 0; i < s->na; i++) {
		struct fx_app *a = &f->a[i];
		fx_name(a->id, "A%zu", i);
		fx_name(a->org, "O%u", fx_rand(&g, s->orgs));
		fx_name(a->applicant, "P%zu", i);
		fx_name(a->region, "R%u", fx_rand(&g, s->regions));
		size_t n = 1 + fx_rand(&g, s->app_fields);
		for (size_t j = 0; j < n; j++)
			fx_name(a->fields[j], "F%u", fx_rand(&g, s->fields));
		f->apps[i].n_fields = n;
		f->apps[i].panel = s->panel_min + fx_rand(&g, s->panel_max - s->panel_min + 1);
	}
	for (size_t i = 0; i < s->ne; i++) {
		struct fx_expert *e = &f->e[i];
		fx_name(e->id, "E%zu", i);
		fx_name(e->employer, "O%u", fx_rand(&g, s->employers));
		fx_name(e->region, "R%u", fx_rand(&g, s->regions));
		size_t n = 1 + fx_rand(&g, s->expert_fields);
		for (size_t j = 0; j < n; j++)
			fx_name(e->fields[j], "F%u", fx_rand(&g, s->fields));
		f->experts[i].n_fields = n;
		n = s->conflicts ? fx_rand(&g, s->conflicts + 1) : 0;
		for (size_t j = 0; j < n; j++) {
			if (fx_rand(&g, 2))
				fx_name(buf, "O%u", fx_rand(&g, s->orgs));
			else
				fx_name(buf, "P%u", fx_rand(&g, (uint32_t)s->na));
			fx_name(e->conflicts[j], "%s", buf);
		}
		f->experts[i].n_conflicts = n;
	}
}


/* ---- shared by the draw's tests ---- */

static const unsigned char seed0[DRAW_SEED_BYTES] = {
	0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15,
	16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
};

static inline void seed_n(unsigned char seed[DRAW_SEED_BYTES], uint32_t n)
{
	draw_derive_seed(seed0, n, seed);
}

/* Ids of the panel of application `app` (by id), comma-separated. */
static inline const char *panel_ids(const struct draw_input *in, const struct draw_result *r,
				    const char *app)
{
	static char buf[256];
	size_t len = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < r->n_panels; i++) {
		const struct draw_panel *p = &r->panels[i];
		if (strcmp(in->apps[p->app].id, app))
			continue;
		for (unsigned j = 0; j < p->n; j++)
			len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s", j ? "," : "",
						in->experts[p->expert[j]].id);
	}
	return buf;
}

static inline bool on_panel(const struct draw_input *in, const struct draw_result *r,
			    const char *app, const char *expert)
{
	char list[260];
	snprintf(list, sizeof(list), ",%s,", panel_ids(in, r, app));
	char needle[64];
	snprintf(needle, sizeof(needle), ",%s,", expert);
	return strstr(list, needle) != NULL;
}

/* Run and validate; fail the test on error. */
static inline void run_ok(const struct draw_input *in, const unsigned char *seed,
			  struct draw_result *r)
{
	struct px_err err = { 0 };
	int rc = draw_run(in, seed, r, &err);
	if (rc)
		fail_msg("draw_run: %s: %s: %s", err.key, err.field, err.msg);
	rc = draw_validate(in, r, &err);
	if (rc)
		fail_msg("draw_validate: %s: %s", err.field, err.msg);
}

/*
 * Six applications, eight experts. E1 works for O1 (applicant of A1 and A4),
 * E3/E4 share employer U1, E6/E7 share U3, E2 declared a conflict with O3,
 * E8 with the applicant P5.
 */
static inline void small_instance(struct fx *f)
{
	fx_init(f, 6, 8);
	fx_app(f, 0, "A1", "O1", "R1", "F1");
	fx_app(f, 1, "A2", "O2", "R2", "F1,F2");
	fx_app(f, 2, "A3", "O3", "R1", "F2");
	fx_app(f, 3, "A4", "O1", "R2", "F1,F3");
	fx_app(f, 4, "A5", "O4", "R3", "F3");
	fx_app(f, 5, "A6", "O5", "R1", "F2,F3");
	snprintf(f->a[4].applicant, FX_NAME, "P5");
	f->apps[5].panel = 3;
	fx_expert(f, 0, "E1", "O1", "R2", "F1,F2", "");
	fx_expert(f, 1, "E2", "O2", "R3", "F2,F3", "O3");
	fx_expert(f, 2, "E3", "U1", "R1", "F1,F3", "");
	fx_expert(f, 3, "E4", "U1", "R2", "F2", "");
	fx_expert(f, 4, "E5", "U2", "R3", "F1,F2,F3", "");
	fx_expert(f, 5, "E6", "U3", "R1", "F3", "");
	fx_expert(f, 6, "E7", "U3", "R2", "F1,F3", "");
	fx_expert(f, 7, "E8", "U4", "R3", "F1,F2", "P5");
	f->in.panel = 2;
	f->in.max_load = 3;
	f->in.field_match = true;
	f->in.other_region = true;
}

/* One application A1 of O1 in R1 with field F1, panel 3, five candidates:
   X1 is excluded by the constraint under test, Y1..Y4 are not. */
static inline void one_excluded(struct fx *f)
{
	fx_init(f, 1, 5);
	fx_app(f, 0, "A1", "O1", "R1", "F1");
	fx_expert(f, 0, "X1", "U0", "R2", "F1", "");
	fx_expert(f, 1, "Y1", "U1", "R2", "F1", "");
	fx_expert(f, 2, "Y2", "U2", "R2", "F1", "");
	fx_expert(f, 3, "Y3", "U3", "R2", "F1", "");
	fx_expert(f, 4, "Y4", "U4", "R2", "F1", "");
	f->in.panel = 3;
	f->in.max_load = 1;
}

#endif
