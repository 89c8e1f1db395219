/*
 * application_form.c - the application form: values checked against the
 * template's form definition by a table of validators, one per field type;
 * mobile numbers stored as {"masked", "hash"} and shown masked (see apply.h).
 */
#include "app/programme/apply.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/json_stored.h"
#include "app/json_writer.h"
#include "app/tx.h"
#include "app/input.h"
#include "app/secret.h"
#include "core/ident.h"

static struct store_sql Q_SET_FORM = STORE_SQL(
	"UPDATE application SET form = $1, updated_at = $2 WHERE id = $3");

/* What a validator needs besides the value: the connection for keyed hashes. */
struct field_ctx {
	struct store_conn *c;
	const struct tpl_field *f;
};

/*
 * A validator checks v and returns the value to store (new reference) in
 * *stored, or fails with an error naming the field.
 */
typedef int (*field_check)(struct field_ctx *x, json_t *v, json_t **stored, struct px_err *err);

static int wrong_type(const struct tpl_field *f, const char *want, struct px_err *err)
{
	return px_err_set(err, PX_EINVAL, "wrong_type", f->key, "'%s' must be %s", f->key, want);
}

static int check_text_common(struct field_ctx *x, json_t *v, json_t **stored, bool multiline, struct px_err *err)
{
	const struct tpl_field *f = x->f;
	if (!json_is_string(v))
		return wrong_type(f, "a string", err);
	const char *s = json_string_value(v);
	size_t n = json_string_length(v);
	if (strlen(s) != n || (int64_t)n > f->max)
		return px_err_set(err, PX_EINVAL, "too_long", f->key, "'%s' must be at most %lld bytes", f->key,
				  (long long)f->max);
	int rc = multiline ? input_textarea(s, (size_t)f->max, f->key, err) : input_line(s, (size_t)f->max, f->key, err);
	if (rc)
		return rc;
	*stored = json_incref(v);
	return 0;
}

static int check_text(struct field_ctx *x, json_t *v, json_t **stored, struct px_err *err)
{
	return check_text_common(x, v, stored, false, err);
}

static int check_textarea(struct field_ctx *x, json_t *v, json_t **stored, struct px_err *err)
{
	return check_text_common(x, v, stored, true, err);
}

static int out_of_range(const struct tpl_field *f, int64_t min, int64_t max, int scale, struct px_err *err)
{
	if (scale == 1)
		return px_err_set(err, PX_EINVAL, "out_of_range", f->key, "'%s' must be in %lld..%lld", f->key,
				  (long long)min, (long long)max);
	return px_err_set(err, PX_EINVAL, "out_of_range", f->key, "'%s' must be in %lld.%02lld..%lld.%02lld", f->key,
			  (long long)(min / 100), (long long)(min % 100), (long long)(max / 100), (long long)(max % 100));
}

static int check_integer(struct field_ctx *x, json_t *v, json_t **stored, struct px_err *err)
{
	const struct tpl_field *f = x->f;
	if (!json_is_integer(v))
		return wrong_type(f, "an integer", err);
	if (json_integer_value(v) < f->min || json_integer_value(v) > f->max)
		return out_of_range(f, f->min, f->max, 1, err);
	*stored = json_incref(v);
	return 0;
}

/* A number with at most two decimals, compared in hundredths (the template's bounds are in hundredths). */
static int check_decimal(struct field_ctx *x, json_t *v, json_t **stored, struct px_err *err)
{
	const struct tpl_field *f = x->f;
	double d, h;
	if (!json_is_number(v))
		return wrong_type(f, "a number", err);
	d = json_number_value(v);
	h = d * 100.0;
	if (!isfinite(d) || fabs(h) > 9e15 || fabs(h - round(h)) > 1e-6)
		return px_err_set(err, PX_EINVAL, "too_precise", f->key, "'%s' takes at most two decimals", f->key);
	if ((int64_t)llround(h) < f->min || (int64_t)llround(h) > f->max)
		return out_of_range(f, f->min, f->max, 100, err);
	*stored = json_incref(v);
	return 0;
}

static int check_date(struct field_ctx *x, json_t *v, json_t **stored, struct px_err *err)
{
	px_date d;
	if (!json_is_string(v))
		return wrong_type(x->f, "a date YYYY-MM-DD", err);
	int rc = input_date(json_string_value(v), x->f->key, &d, err);
	if (!rc)
		*stored = json_incref(v);
	return rc;
}

static int check_mobile(struct field_ctx *x, json_t *v, json_t **stored, struct px_err *err)
{
	char mobile[IDENT_MOBILE_LEN + 1], masked[IDENT_MOBILE_LEN + 1], hash[SECRET_HASH_HEX + 1];
	int rc;
	if (!json_is_string(v))
		return wrong_type(x->f, "a mobile number", err);
	if (!ident_mobile_check(json_string_value(v), json_string_length(v), mobile, err)) {
		if (err)
			snprintf(err->field, sizeof(err->field), "%s", x->f->key);
		return PX_EINVAL;
	}
	if ((rc = secret_ident_hash(x->c, "mobile", mobile, hash, err)))
		return rc;
	ident_mask_span(mobile, strlen(mobile), 3, 4, masked, sizeof(masked));
	*stored = json_pack("{s:s, s:s}", "masked", masked, "hash", hash);
	return *stored ? 0 : px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
}

static int check_enum(struct field_ctx *x, json_t *v, json_t **stored, struct px_err *err)
{
	const struct tpl_field *f = x->f;
	if (!json_is_string(v))
		return wrong_type(f, "one of the options", err);
	for (int i = 0; i < f->noptions; i++)
		if (!strcmp(f->options[i], json_string_value(v))) {
			*stored = json_incref(v);
			return 0;
		}
	return px_err_set(err, PX_EINVAL, "not_an_option", f->key, "'%s' is not an option of '%s'",
			  json_string_value(v), f->key);
}

static int check_boolean(struct field_ctx *x, json_t *v, json_t **stored, struct px_err *err)
{
	if (!json_is_boolean(v))
		return wrong_type(x->f, "true or false", err);
	*stored = json_incref(v);
	return 0;
}

static const field_check checks[] = {
	[TPL_TEXT] = check_text,       [TPL_TEXTAREA] = check_textarea, [TPL_INTEGER] = check_integer,
	[TPL_DECIMAL] = check_decimal, [TPL_DATE] = check_date,         [TPL_MOBILE] = check_mobile,
	[TPL_ENUM] = check_enum,       [TPL_BOOL] = check_boolean,
};

static const struct tpl_field *field_of(const struct tpl_form *form, const char *key)
{
	for (int i = 0; i < form->nfields; i++)
		if (!strcmp(form->fields[i].key, key))
			return &form->fields[i];
	return NULL;
}

/* Validate every member of `in` into a new object *out (caller owns it). */
static int form_validate(struct store_conn *c, const struct tpl_form *form, json_t *in, json_t **out,
			 struct px_err *err)
{
	json_t *res = json_object(), *v;
	const char *key;
	int rc = 0;

	if (!json_is_object(in)) {
		rc = px_err_set(err, PX_EINVAL, "wrong_type", "fields", "the form is a JSON object of fields");
		goto out;
	}
	json_object_foreach(in, key, v) {
		const struct tpl_field *f = field_of(form, key);
		json_t *stored = NULL;
		if (!f) {
			rc = px_err_set(err, PX_EINVAL, "unknown_field", key, "form '%s' has no field '%s'", form->code,
					key);
			goto out;
		}
		if (json_is_null(v))
			continue; /* cleared */
		struct field_ctx x = { c, f };
		if ((rc = checks[f->type](&x, v, &stored, err)))
			goto out;
		json_object_set_new(res, key, stored);
	}
out:
	if (rc)
		json_decref(res);
	else
		*out = res;
	return rc;
}

const char *application_form_missing(const struct tpl_form *form, json_t *stored)
{
	for (int i = 0; i < form->nfields; i++)
		if (form->fields[i].required && !json_object_get(stored, form->fields[i].key))
			return form->fields[i].key;
	return NULL;
}

json_t *application_form_view(json_t *stored)
{
	json_t *out = json_object(), *v;
	const char *key;
	json_object_foreach(stored, key, v) {
		json_t *masked = json_is_object(v) ? json_object_get(v, "masked") : NULL;
		json_object_set(out, key, masked ? masked : v);
	}
	return out;
}

/* A stored member's shown value: its masked copy when it is an object holding one. */
static void member_view(struct jw *w, const struct json_member *m)
{
	const char *p = m->val + 1, *end = m->val + m->val_len;
	struct json_member inner;
	if (m->val[0] == '{')
		while (json_stored_next(&p, end, &inner))
			if (inner.key_len == 8 && !memcmp(inner.key, "\"masked\"", 8)) {
				jw_raw(w, inner.val, inner.val_len);
				return;
			}
	jw_raw(w, m->val, m->val_len);
}

void application_form_write(struct jw *w, const char *stored)
{
	size_t n = strlen(stored);
	const char *p = stored + 1, *end = stored + n;
	struct json_member m;

	if (!json_stored_compact(stored, n) || stored[0] != '{') { /* not as this program writes it: read it */
		json_error_t je;
		json_t *form = json_loads(stored, 0, &je), *view = application_form_view(form);
		jw_json(w, view);
		json_decref(view);
		json_decref(form);
		return;
	}
	jw_object(w);
	while (json_stored_next(&p, end, &m)) {
		jw_key_raw(w, m.key, m.key_len);
		member_view(w, &m);
	}
	jw_object_end(w);
}

struct form_args {
	const struct app_actor *actor;
	int64_t id;
	json_t *fields;
};

/* Store the validated fields and audit which were given (never their values). */
static int store_form(struct store_conn *c, const struct form_args *f, const char *form_code, json_t *stored,
		      struct px_err *err)
{
	json_t *keys, *v;
	const char *key;
	char *text = json_dumps(stored, JSON_COMPACT | JSON_SORT_KEYS);
	int rc;
	if (!text)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	rc = store_run(c, &Q_SET_FORM, err, "tii", (const char *)text, store_now_us(), f->id);
	free(text);
	if (rc)
		return rc;
	keys = json_array();
	json_object_foreach(stored, key, v)
		json_array_append_new(keys, json_string(key));
	json_t *payload = json_pack("{s:s, s:o}", "form", form_code, "fields", keys);
	return audit_record(c, f->actor, "application.form", "application", f->id, payload, err);
}

static int form_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct form_args *f = arg;
	struct application a;
	struct programme p = { 0 };
	json_t *stored = NULL;
	const struct tpl_form *form;
	int rc;

	if ((rc = apply_load(c, f->actor, f->id, &a, &p, err)))
		goto out;
	if (!apply_may_edit(f->actor, &a)) {
		rc = px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "only the applicant edits its application");
		goto out;
	}
	form = template_form(p.tpl, a.form);
	if ((rc = apply_require_open(&p, &a, err)))
		goto out;
	if (!form)
		rc = px_err_set(err, PX_EINTERNAL, NULL, "form", "form '%s' vanished from the template", a.form);
	else if (!(rc = form_validate(c, form, f->fields, &stored, err)))
		rc = store_form(c, f, a.form, stored, err);
out:
	json_decref(stored);
	programme_release(&p);
	return rc;
}

int application_form_put(struct app *app, const struct app_actor *actor, int64_t id, json_t *fields,
			 struct px_err *err)
{
	struct form_args f = { actor, id, fields };
	return app_tx(app, STORE_TX_WRITE, form_tx, &f, err);
}
