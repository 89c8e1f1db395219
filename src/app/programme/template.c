/*
 * template.c - parsing and validating programme templates (see template.h).
 *
 * Validation is strict: an unknown key is an error (a misspelt
 * "notice_workday" must not silently become "no notice"), every value is
 * range-checked, dates are real dates, stages are in date order, quotas name
 * known tracks, and every track's forms exist. Errors carry the JSON path.
 */
#include "app/programme/template.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ctx {
	struct px_err *err;
	char path[128];
};

static int fail(struct ctx *c, const char *key, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int fail(struct ctx *c, const char *key, const char *fmt, ...)
{
	char field[192];
	va_list ap;
	snprintf(field, sizeof(field), "%s%s%s", c->path, c->path[0] && key ? "." : "", key ? key : "");
	va_start(ap, fmt);
	px_err_vset(c->err, PX_EINVAL, "bad_template", field, fmt, ap);
	va_end(ap);
	return PX_EINVAL;
}

/* Every key of obj must be in allowed (NULL-terminated). */
static int only_keys(struct ctx *c, json_t *obj, const char *const *allowed)
{
	const char *k;
	json_t *v;
	if (!json_is_object(obj))
		return fail(c, NULL, "%s", "must be an object");
	json_object_foreach(obj, k, v) {
		const char *const *a = allowed;
		while (*a && strcmp(*a, k))
			a++;
		if (!*a)
			return fail(c, k, "unknown key '%s'", k);
	}
	return 0;
}

static int get_str(struct ctx *c, json_t *obj, const char *key, bool required, char *buf, size_t cap)
{
	json_t *v = json_object_get(obj, key);
	if (!v) {
		if (required)
			return fail(c, key, "%s", "is required");
		buf[0] = '\0';
		return 0;
	}
	if (!json_is_string(v) || !json_string_length(v))
		return fail(c, key, "%s", "must be a non-empty string");
	if (json_string_length(v) >= cap)
		return fail(c, key, "%s", "is too long");
	memcpy(buf, json_string_value(v), json_string_length(v) + 1);
	return 0;
}

static int get_int(struct ctx *c, json_t *obj, const char *key, bool required, int64_t min, int64_t max,
		   int64_t dflt, int64_t *out)
{
	json_t *v = json_object_get(obj, key);
	char range[64];
	if (!v) {
		if (required)
			return fail(c, key, "%s", "is required");
		*out = dflt;
		return 0;
	}
	snprintf(range, sizeof(range), "%lld..%lld", (long long)min, (long long)max);
	if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max)
		return fail(c, key, "must be an integer in %s", range);
	*out = json_integer_value(v);
	return 0;
}

static int get_intv(struct ctx *c, json_t *obj, const char *key, bool required, int min, int max,
		    int dflt, int *out)
{
	int64_t v;
	int rc = get_int(c, obj, key, required, min, max, dflt, &v);
	if (!rc)
		*out = (int)v;
	return rc;
}

static int get_bool(struct ctx *c, json_t *obj, const char *key, bool dflt, bool *out)
{
	json_t *v = json_object_get(obj, key);
	if (!v) {
		*out = dflt;
		return 0;
	}
	if (!json_is_boolean(v))
		return fail(c, key, "%s", "must be true or false");
	*out = json_is_true(v);
	return 0;
}

static int get_date(struct ctx *c, json_t *obj, const char *key, px_date *out)
{
	char buf[16];
	int rc = get_str(c, obj, key, false, buf, sizeof(buf));
	*out = 0;
	if (rc || !buf[0])
		return rc;
	if (date_parse(buf, strlen(buf), out))
		return fail(c, key, "'%s' is not a date YYYY-MM-DD", buf);
	return 0;
}

/* Enter obj[key] (or array element) for nested error paths. */
static void push(struct ctx *c, const char *key, int index, size_t *saved)
{
	size_t n = strlen(c->path);
	*saved = n;
	if (index >= 0)
		snprintf(c->path + n, sizeof(c->path) - n, "%s%s[%d]", n ? "." : "", key, index);
	else
		snprintf(c->path + n, sizeof(c->path) - n, "%s%s", n ? "." : "", key);
}

static void pop(struct ctx *c, size_t saved)
{
	c->path[saved] = '\0';
}

/* ---- forms ---- */

static const struct {
	const char *name;
	enum tpl_field_type type;
} field_types[] = {
	{ "text", TPL_TEXT }, { "textarea", TPL_TEXTAREA }, { "integer", TPL_INTEGER },
	{ "decimal", TPL_DECIMAL }, { "date", TPL_DATE }, { "mobile", TPL_MOBILE },
	{ "enum", TPL_ENUM }, { "boolean", TPL_BOOL },
};

static int parse_field(struct ctx *c, json_t *o, struct tpl_field *f)
{
	static const char *const keys[] = { "key", "label", "type", "required", "min", "max", "options", NULL };
	char type[16];
	json_t *opts, *v;
	size_t i;
	int rc;

	if ((rc = only_keys(c, o, keys)) || (rc = get_str(c, o, "key", true, f->key, sizeof(f->key))) ||
	    (rc = get_str(c, o, "label", true, f->label, sizeof(f->label))) ||
	    (rc = get_str(c, o, "type", true, type, sizeof(type))) ||
	    (rc = get_bool(c, o, "required", true, &f->required)))
		return rc;
	for (i = 0; i < sizeof(field_types) / sizeof(field_types[0]); i++)
		if (!strcmp(type, field_types[i].name))
			break;
	if (i == sizeof(field_types) / sizeof(field_types[0]))
		return fail(c, "type", "unknown field type '%s'", type);
	f->type = field_types[i].type;
	switch (f->type) {
	case TPL_TEXT:
	case TPL_TEXTAREA:
		rc = get_int(c, o, "max", true, 1, 20000, 0, &f->max);
		f->min = 0;
		break;
	case TPL_INTEGER:
		if (!(rc = get_int(c, o, "min", true, INT32_MIN, INT32_MAX, 0, &f->min)))
			rc = get_int(c, o, "max", true, f->min, INT64_MAX / 100, 0, &f->max);
		break;
	case TPL_DECIMAL: /* bounds as integers here; values carry two decimals */
		if (!(rc = get_int(c, o, "min", true, 0, INT32_MAX, 0, &f->min)))
			rc = get_int(c, o, "max", true, f->min, INT64_MAX / 100, 0, &f->max);
		f->min *= 100;
		f->max *= 100;
		break;
	default:
		break;
	}
	if (rc)
		return rc;
	opts = json_object_get(o, "options");
	if (f->type == TPL_ENUM) {
		if (!json_is_array(opts) || !json_array_size(opts) || json_array_size(opts) > TPL_MAX_OPTIONS)
			return fail(c, "options", "%s", "an enum needs 1 to 16 options");
		json_array_foreach(opts, i, v) {
			if (!json_is_string(v) || json_string_length(v) >= sizeof(f->options[0]))
				return fail(c, "options", "%s", "options must be short strings");
			memcpy(f->options[i], json_string_value(v), json_string_length(v) + 1);
		}
		f->noptions = (int)json_array_size(opts);
	} else if (opts) {
		return fail(c, "options", "%s", "only enum fields have options");
	}
	return 0;
}

static int parse_forms(struct ctx *c, json_t *forms, struct template *t)
{
	static const char *const keys[] = { "title", "label", "attachment", "fields", NULL };
	const char *code;
	json_t *form;
	size_t saved, s2, i;
	int rc = 0;

	if (!json_is_object(forms) || !json_object_size(forms) || json_object_size(forms) > TPL_MAX_FORMS)
		return fail(c, "forms", "%s", "must be an object of 1 to 16 forms");
	json_object_foreach(forms, code, form) {
		struct tpl_form *f = &t->forms[t->nforms++];
		json_t *fields, *fo;
		push(c, "forms", -1, &saved);
		push(c, code, -1, &s2);
		if (strlen(code) >= sizeof(f->code)) {
			rc = fail(c, NULL, "%s", "form code too long");
			goto out;
		}
		memcpy(f->code, code, strlen(code) + 1);
		if ((rc = only_keys(c, form, keys)) || (rc = get_str(c, form, "title", true, f->title, sizeof(f->title))) ||
		    (rc = get_str(c, form, "label", false, f->label, sizeof(f->label))) ||
		    (rc = get_intv(c, form, "attachment", false, 0, 99, 0, &f->attachment)))
			goto out;
		if (!f->label[0])
			memcpy(f->label, f->code, sizeof(f->code));
		fields = json_object_get(form, "fields");
		if (!json_is_array(fields) || !json_array_size(fields) || json_array_size(fields) > TPL_MAX_FIELDS) {
			rc = fail(c, "fields", "%s", "must be an array of 1 to 48 fields");
			goto out;
		}
		json_array_foreach(fields, i, fo) {
			size_t s3;
			push(c, "fields", (int)i, &s3);
			rc = parse_field(c, fo, &f->fields[i]);
			for (size_t j = 0; !rc && j < i; j++)
				if (!strcmp(f->fields[j].key, f->fields[i].key))
					rc = fail(c, "key", "duplicate field key '%s'", f->fields[i].key);
			pop(c, s3);
			if (rc)
				goto out;
		}
		f->nfields = (int)json_array_size(fields);
		pop(c, saved);
	}
	return 0;
out:
	return rc;
}

/* ---- tracks, rules ---- */

static int parse_tracks(struct ctx *c, json_t *arr, struct template *t)
{
	static const char *const keys[] = { "code", "name", "applicant", "cap", "rubric", "rubric_total", "forms", NULL };
	json_t *o, *fv;
	size_t i, j, saved;
	char applicant[16];
	int rc;

	if (!json_is_array(arr) || !json_array_size(arr) || json_array_size(arr) > TPL_MAX_TRACKS)
		return fail(c, "tracks", "%s", "must be an array of 1 to 8 tracks");
	json_array_foreach(arr, i, o) {
		struct tpl_track *tr = &t->tracks[i];
		push(c, "tracks", (int)i, &saved);
		if ((rc = only_keys(c, o, keys)) || (rc = get_str(c, o, "code", true, tr->code, sizeof(tr->code))) ||
		    (rc = get_str(c, o, "name", true, tr->name, sizeof(tr->name))) ||
		    (rc = get_str(c, o, "applicant", true, applicant, sizeof(applicant))) ||
		    (rc = get_intv(c, o, "cap", true, 0, 1000, 0, &tr->cap)) ||
		    (rc = get_str(c, o, "rubric", true, tr->rubric, sizeof(tr->rubric))) ||
		    (rc = get_intv(c, o, "rubric_total", true, 1, 100000, 0, &tr->rubric_total)))
			return rc;
		if (!strcmp(applicant, "organisation"))
			tr->applicant = TPL_ORGANISATION;
		else if (!strcmp(applicant, "person"))
			tr->applicant = TPL_PERSON;
		else
			return fail(c, "applicant", "'%s' is neither organisation nor person", applicant);
		for (j = 0; j < i; j++)
			if (!strcmp(t->tracks[j].code, tr->code))
				return fail(c, "code", "duplicate track '%s'", tr->code);
		fv = json_object_get(o, "forms");
		if (!json_is_array(fv) || !json_array_size(fv) || json_array_size(fv) > TPL_MAX_FORMS)
			return fail(c, "forms", "%s", "must list the track's forms");
		json_array_foreach(fv, j, o) {
			if (!json_is_string(o) || !template_form(t, json_string_value(o)))
				return fail(c, "forms", "'%s' is not a form of this template",
					    json_is_string(o) ? json_string_value(o) : "?");
			snprintf(tr->forms[j], sizeof(tr->forms[j]), "%s", json_string_value(o));
		}
		tr->nforms = (int)json_array_size(fv);
		pop(c, saved);
	}
	t->ntracks = (int)json_array_size(arr);
	return 0;
}

static const struct {
	const char *name;
	enum tpl_rule_kind kind;
	const char *value_key;
	int min, max;
} rule_kinds[] = {
	{ "operating_years", TPL_RULE_OPERATING_YEARS, "min", 0, 100 },
	{ "quality_work_years", TPL_RULE_QUALITY_WORK_YEARS, "min", 0, 60 },
	{ "no_record", TPL_RULE_NO_RECORD, "years", 1, 20 },
	{ "win_ban", TPL_RULE_WIN_BAN, "cycles", 0, 20 },
};

static int parse_rules(struct ctx *c, json_t *elig, struct template *t)
{
	static const char *const keys[] = { "organisation", "individual", NULL };
	static const char *const groups[2] = { "organisation", "individual" };
	size_t saved, s2, i, k;
	json_t *arr, *o;
	int rc;

	push(c, "eligibility", -1, &saved);
	if ((rc = only_keys(c, elig, keys)))
		return rc;
	for (int g = 0; g < 2; g++) {
		arr = json_object_get(elig, groups[g]);
		if (!arr)
			continue;
		if (!json_is_array(arr) || json_array_size(arr) > TPL_MAX_RULES)
			return fail(c, groups[g], "%s", "must be an array of at most 8 rules");
		json_array_foreach(arr, i, o) {
			struct tpl_rule *r = &t->rules[g][i];
			const char *allowed[4] = { "rule", "label", NULL, NULL };
			push(c, groups[g], (int)i, &s2);
			if ((rc = get_str(c, o, "rule", true, r->name, sizeof(r->name))))
				return rc;
			for (k = 0; k < sizeof(rule_kinds) / sizeof(rule_kinds[0]); k++)
				if (!strcmp(rule_kinds[k].name, r->name))
					break;
			if (k == sizeof(rule_kinds) / sizeof(rule_kinds[0]))
				return fail(c, "rule", "unknown rule '%s'", r->name);
			allowed[2] = rule_kinds[k].value_key;
			r->kind = rule_kinds[k].kind;
			if ((rc = only_keys(c, o, allowed)) ||
			    (rc = get_intv(c, o, rule_kinds[k].value_key, true, rule_kinds[k].min,
					   rule_kinds[k].max, 0, &r->value)) ||
			    (rc = get_str(c, o, "label", true, r->label, sizeof(r->label))))
				return rc;
			pop(c, s2);
		}
		t->nrules[g] = (int)json_array_size(arr);
	}
	pop(c, saved);
	return 0;
}

/* ---- stages ---- */

const char *template_stage_kind_name(enum tpl_stage_kind k)
{
	return stage_kind_name((enum stage_kind)k);
}

const char *template_applicant_name(enum tpl_applicant a)
{
	return a == TPL_PERSON ? "person" : "organisation";
}

static int parse_stage(struct ctx *c, json_t *o, struct template *t, struct tpl_stage *s)
{
	static const char *const keys[] = { "code", "kind", "title", "opens", "closes", "notice_workdays",
					    "supplement_workdays", "internal_notice_workdays", "panel_size",
					    "max_load", "constraints", "max", "consult", NULL };
	static const char *const ckeys[] = { "field_match", "different_region", NULL };
	json_t *v, *x;
	const char *k;
	size_t i, saved;
	int rc;

	if ((rc = only_keys(c, o, keys)) || (rc = get_str(c, o, "code", true, s->code, sizeof(s->code))) ||
	    (rc = get_str(c, o, "kind", true, s->kind_name, sizeof(s->kind_name))) ||
	    (rc = get_str(c, o, "title", true, s->title, sizeof(s->title))) ||
	    (rc = get_date(c, o, "opens", &s->opens)) || (rc = get_date(c, o, "closes", &s->closes)) ||
	    (rc = get_intv(c, o, "notice_workdays", false, 1, 60, 0, &s->notice_workdays)) ||
	    (rc = get_intv(c, o, "supplement_workdays", false, 1, 60, 0, &s->supplement_workdays)) ||
	    (rc = get_intv(c, o, "internal_notice_workdays", false, 1, 60, 0, &s->internal_notice_workdays)) ||
	    (rc = get_intv(c, o, "panel_size", false, 1, 15, 0, &s->panel_size)) ||
	    (rc = get_intv(c, o, "max_load", false, 1, 1000, 0, &s->max_load)))
		return rc;
	enum stage_kind kind;
	if (!stage_kind_parse(s->kind_name, &kind))
		return fail(c, "kind", "unknown stage kind '%s'", s->kind_name);
	s->kind = (enum tpl_stage_kind)kind;
	if (s->opens && s->closes && s->closes < s->opens)
		return fail(c, "closes", "%s", "closes before it opens");
	if (s->kind == TPL_STAGE_REVIEW && (!s->panel_size || !s->max_load))
		return fail(c, "panel_size", "%s", "a review stage needs panel_size and max_load");
	if (s->kind == TPL_STAGE_NOTICE && !s->notice_workdays)
		return fail(c, "notice_workdays", "%s", "a notice stage needs notice_workdays");
	if ((v = json_object_get(o, "constraints"))) {
		push(c, "constraints", -1, &saved);
		if ((rc = only_keys(c, v, ckeys)) || (rc = get_bool(c, v, "field_match", false, &s->field_match)) ||
		    (rc = get_bool(c, v, "different_region", false, &s->different_region)))
			return rc;
		pop(c, saved);
	}
	if ((v = json_object_get(o, "max"))) {
		push(c, "max", -1, &saved);
		if (!json_is_object(v))
			return fail(c, NULL, "%s", "must map track codes to limits");
		json_object_foreach(v, k, x) {
			int ti = template_track_index(t, k);
			if (ti < 0)
				return fail(c, k, "'%s' is not a track", k);
			if ((rc = get_intv(c, v, k, true, 0, 10000, 0, &s->shortlist_max[ti])))
				return rc;
		}
		pop(c, saved);
	}
	if ((v = json_object_get(o, "consult"))) {
		if (!json_is_array(v) || json_array_size(v) > TPL_MAX_CONSULT)
			return fail(c, "consult", "%s", "must be an array of at most 12 departments");
		json_array_foreach(v, i, x) {
			if (!json_is_string(x) || json_string_length(x) >= sizeof(s->consult[0]))
				return fail(c, "consult", "%s", "departments are short strings");
			memcpy(s->consult[i], json_string_value(x), json_string_length(x) + 1);
		}
		s->nconsult = (int)json_array_size(v);
	}
	return 0;
}

static int parse_stages(struct ctx *c, json_t *arr, struct template *t)
{
	size_t i, saved;
	json_t *o;
	int rc;

	if (!json_is_array(arr) || json_array_size(arr) < 1 || json_array_size(arr) > TPL_MAX_STAGES)
		return fail(c, "stages", "%s", "must be an array of 1 to 16 stages");
	json_array_foreach(arr, i, o) {
		struct tpl_stage *s = &t->stages[i];
		push(c, "stages", (int)i, &saved);
		if ((rc = parse_stage(c, o, t, s)))
			return rc;
		for (size_t j = 0; j < i; j++) {
			if (!strcmp(t->stages[j].code, s->code))
				return fail(c, "code", "duplicate stage '%s'", s->code);
			if (t->stages[j].opens && s->opens && s->opens < t->stages[j].opens)
				return fail(c, "opens", "%s", "stages must open in order");
		}
		pop(c, saved);
	}
	t->nstages = (int)json_array_size(arr);
	enum stage_kind kinds[TPL_MAX_STAGES];
	for (int k = 0; k < t->nstages; k++)
		kinds[k] = (enum stage_kind)t->stages[k].kind;
	int bad = stage_order_fault(kinds, t->nstages);
	if (bad >= 0) {
		push(c, "stages", bad, &saved);
		return fail(c, "kind", "a '%s' stage cannot stand here: stages run application, recommendation, "
			    "qualification, review, deliberation, approval, publication", t->stages[bad].kind_name);
	}
	return 0;
}

static int parse_quotas(struct ctx *c, json_t *arr, struct template *t)
{
	size_t i, saved;
	json_t *o;
	const char *k;
	json_t *v;
	int rc;

	if (!arr)
		return 0;
	if (!json_is_array(arr) || json_array_size(arr) > TPL_MAX_QUOTAS)
		return fail(c, "quotas", "%s", "must be an array of at most 64 regions");
	json_array_foreach(arr, i, o) {
		struct tpl_quota *q = &t->quotas[i];
		push(c, "quotas", (int)i, &saved);
		if (!json_is_object(o))
			return fail(c, NULL, "%s", "must be an object");
		if ((rc = get_str(c, o, "region", true, q->region, sizeof(q->region))) ||
		    (rc = get_str(c, o, "name", false, q->name, sizeof(q->name))))
			return rc;
		if (strlen(q->region) != 6 || strspn(q->region, "0123456789") != 6)
			return fail(c, "region", "'%s' is not a six-digit division code", q->region);
		for (size_t j = 0; j < i; j++)
			if (!strcmp(t->quotas[j].region, q->region))
				return fail(c, "region", "duplicate quota for '%s'", q->region);
		json_object_foreach(o, k, v) {
			if (!strcmp(k, "region") || !strcmp(k, "name"))
				continue;
			int ti = template_track_index(t, k);
			if (ti < 0)
				return fail(c, k, "unknown key '%s' (not a track)", k);
			if ((rc = get_intv(c, o, k, true, 0, 1000, 0, &q->slots[ti])))
				return rc;
		}
		pop(c, saved);
	}
	t->nquotas = (int)json_array_size(arr);
	return 0;
}

static int parse_scoring(struct ctx *c, json_t *o, struct template *t)
{
	static const char *const keys[] = { "aggregation", "trim", "weights", "bar", "tie_break",
					    "applicant_limit", NULL };
	static const char *const wkeys[] = { "material", "onsite", NULL };
	size_t saved, s2, i;
	json_t *v, *x;
	int rc;

	push(c, "scoring", -1, &saved);
	if ((rc = only_keys(c, o, keys)) ||
	    (rc = get_str(c, o, "aggregation", true, t->aggregation, sizeof(t->aggregation))) ||
	    (rc = get_intv(c, o, "trim", false, 0, 5, 0, &t->trim)) ||
	    (rc = get_intv(c, o, "bar", false, 0, 10000, 0, &t->bar)) ||
	    (rc = get_intv(c, o, "applicant_limit", false, 0, 100, 1, &t->applicant_limit)))
		return rc;
	if (strcmp(t->aggregation, "mean") && strcmp(t->aggregation, "median") &&
	    strcmp(t->aggregation, "trimmed_mean") && strcmp(t->aggregation, "normalised"))
		return fail(c, "aggregation", "unknown aggregation '%s'", t->aggregation);
	v = json_object_get(o, "weights");
	push(c, "weights", -1, &s2);
	if ((rc = only_keys(c, v, wkeys)) || (rc = get_intv(c, v, "material", true, 0, 1000, 0, &t->weight_material)) ||
	    (rc = get_intv(c, v, "onsite", true, 0, 1000, 0, &t->weight_onsite)))
		return rc;
	if (t->weight_material + t->weight_onsite != 1000)
		return fail(c, NULL, "%s", "weights are per mille and must sum to 1000");
	pop(c, s2);
	v = json_object_get(o, "tie_break");
	if (v && (!json_is_array(v) || json_array_size(v) > TPL_MAX_TIE_KEYS))
		return fail(c, "tie_break", "%s", "must be an array of at most 6 keys");
	json_array_foreach(v, i, x) {
		if (!json_is_string(x) || json_string_length(x) >= sizeof(t->tie_break[0]))
			return fail(c, "tie_break", "%s", "keys are short strings");
		memcpy(t->tie_break[i], json_string_value(x), json_string_length(x) + 1);
	}
	t->ntie = v ? (int)json_array_size(v) : 0;
	pop(c, saved);
	return 0;
}

/* "texts": {key: text} replacing the family's default wording (keys checked by family.c). */
static int parse_texts(struct ctx *c, json_t *o, struct template *t)
{
	const char *k;
	json_t *v;
	size_t saved;

	if (!o)
		return 0;
	if (!json_is_object(o) || json_object_size(o) > TPL_MAX_TEXTS)
		return fail(c, "texts", "%s", "must be an object of at most 32 texts");
	push(c, "texts", -1, &saved);
	json_object_foreach(o, k, v) {
		struct tpl_text *x = &t->texts[t->ntexts];
		if (!json_is_string(v) || strlen(k) >= sizeof(x->key) || json_string_length(v) >= sizeof(x->text))
			return fail(c, k, "%s", "must be a string of at most 255 bytes");
		snprintf(x->key, sizeof(x->key), "%s", k);
		snprintf(x->text, sizeof(x->text), "%s", json_string_value(v));
		t->ntexts++;
	}
	pop(c, saved);
	return 0;
}

const char *template_text(const struct template *t, const char *key)
{
	for (int i = 0; i < t->ntexts; i++)
		if (!strcmp(t->texts[i].key, key))
			return t->texts[i].text;
	return NULL;
}

int template_parse(const char *text, size_t len, struct template **out, struct px_err *err)
{
	static const char *const keys[] = { "id", "family", "year", "kind", "title", "title_en", "document",
					    "organiser", "issuer", "region", "cycle_years", "fees", "tracks",
					    "forms", "eligibility", "stages", "quotas", "scoring", "objections",
					    "publication", "texts", "section", NULL };
	static const char *const okeys[] = { "forward_workdays", "reply_workdays", NULL };
	static const char *const pkeys[] = { "lists", "certificate_prefix", NULL };
	struct ctx c = { .err = err };
	struct template *t;
	json_error_t je;
	json_t *root, *v;
	size_t saved;
	bool entries;
	int rc;

	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	if (!root)
		return px_err_set(err, PX_EINVAL, "bad_template", "", "not JSON: line %d: %s", je.line, je.text);
	/* a family that takes no entries (a campaign) has no tracks, forms, rules, scoring or objections */
	entries = json_object_get(root, "tracks") || json_object_get(root, "forms") ||
		  json_object_get(root, "scoring") || json_object_get(root, "eligibility");
	t = calloc(1, sizeof(*t));
	if (!t) {
		json_decref(root);
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	}
	if ((rc = only_keys(&c, root, keys)) || (rc = get_str(&c, root, "id", true, t->id, sizeof(t->id))) ||
	    (rc = get_str(&c, root, "family", true, t->family, sizeof(t->family))) ||
	    (rc = get_str(&c, root, "kind", true, t->kind, sizeof(t->kind))) ||
	    (rc = parse_texts(&c, json_object_get(root, "texts"), t)) ||
	    (rc = get_intv(&c, root, "year", true, 2000, 2100, 0, &t->year)) ||
	    (rc = get_str(&c, root, "title", true, t->title, sizeof(t->title))) ||
	    (rc = get_str(&c, root, "organiser", true, t->organiser, sizeof(t->organiser))) ||
	    (rc = get_str(&c, root, "issuer", true, t->issuer, sizeof(t->issuer))) ||
	    (rc = get_str(&c, root, "region", true, t->region, sizeof(t->region))) ||
	    (rc = get_intv(&c, root, "cycle_years", false, 1, 10, 1, &t->cycle_years)) ||
	    (entries && (rc = parse_forms(&c, json_object_get(root, "forms"), t))) ||
	    (entries && (rc = parse_tracks(&c, json_object_get(root, "tracks"), t))) ||
	    (entries && (rc = parse_rules(&c, json_object_get(root, "eligibility"), t))) ||
	    (rc = parse_stages(&c, json_object_get(root, "stages"), t)) ||
	    (rc = parse_quotas(&c, json_object_get(root, "quotas"), t)) ||
	    (entries && (rc = parse_scoring(&c, json_object_get(root, "scoring"), t))))
		goto out;
	v = json_object_get(root, "objections");
	push(&c, "objections", -1, &saved);
	if ((entries || v) &&
	    ((rc = only_keys(&c, v, okeys)) ||
	     (rc = get_intv(&c, v, "forward_workdays", true, 1, 30, 0, &t->objection_forward_workdays)) ||
	     (rc = get_intv(&c, v, "reply_workdays", true, 1, 30, 0, &t->objection_reply_workdays))))
		goto out;
	pop(&c, saved);
	v = json_object_get(root, "publication");
	push(&c, "publication", -1, &saved);
	if (v && ((rc = only_keys(&c, v, pkeys)) ||
		  (rc = get_str(&c, v, "certificate_prefix", false, t->certificate_prefix,
				sizeof(t->certificate_prefix)))))
		goto out;
	pop(&c, saved);
	if (!t->certificate_prefix[0])
		snprintf(t->certificate_prefix, sizeof(t->certificate_prefix), "PX");
	*out = t;
	t = NULL;
out:
	free(t);
	json_decref(root);
	return rc;
}

int template_track_index(const struct template *t, const char *code)
{
	for (int i = 0; i < t->ntracks; i++)
		if (!strcmp(t->tracks[i].code, code))
			return i;
	return -1;
}

const struct tpl_form *template_form(const struct template *t, const char *code)
{
	for (int i = 0; i < t->nforms; i++)
		if (!strcmp(t->forms[i].code, code))
			return &t->forms[i];
	return NULL;
}

int template_stage_index(const struct template *t, const char *code)
{
	for (int i = 0; i < t->nstages; i++)
		if (!strcmp(t->stages[i].code, code))
			return i;
	return -1;
}

const struct tpl_stage *template_stage(const struct template *t, const char *code)
{
	int i = template_stage_index(t, code);
	return i < 0 ? NULL : &t->stages[i];
}

const struct tpl_quota *template_quota(const struct template *t, const char *region)
{
	for (int i = 0; i < t->nquotas; i++)
		if (!strcmp(t->quotas[i].region, region))
			return &t->quotas[i];
	return NULL;
}

bool template_track_has_form(const struct tpl_track *tr, const char *form)
{
	for (int i = 0; i < tr->nforms; i++)
		if (!strcmp(tr->forms[i], form))
			return true;
	return false;
}
