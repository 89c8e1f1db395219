/*
 * forms_view.c - the application forms of a programme's template as JSON,
 * so that the UI renders each form (types, limits, required) from the same
 * definition the server validates against (app/award/... form checks).
 */
#include "app/programme/forms_view.h"

#include "app/programme/programme.h"
#include "app/programme/template.h"
#include "store/store.h"

static const char *const type_names[] = {
	[TPL_TEXT] = "text",       [TPL_TEXTAREA] = "textarea", [TPL_INTEGER] = "integer",
	[TPL_DECIMAL] = "decimal", [TPL_DATE] = "date",         [TPL_MOBILE] = "mobile",
	[TPL_ENUM] = "enum",       [TPL_BOOL] = "boolean",
};

static json_t *field_json(const struct tpl_field *f)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:b}", "key", f->key, "label", f->label, "type", type_names[f->type],
			      "required", f->required);
	if (!o)
		return NULL;
	switch (f->type) {
	case TPL_TEXT:
	case TPL_TEXTAREA:
	case TPL_INTEGER:
		json_object_set_new(o, "min", json_integer(f->min));
		json_object_set_new(o, "max", json_integer(f->max));
		break;
	case TPL_DECIMAL: /* held in hundredths */
		json_object_set_new(o, "min", json_real((double)f->min / 100));
		json_object_set_new(o, "max", json_real((double)f->max / 100));
		break;
	case TPL_ENUM: {
		json_t *opts = json_array();
		for (int i = 0; i < f->noptions; i++)
			json_array_append_new(opts, json_string(f->options[i]));
		json_object_set_new(o, "options", opts);
		break;
	}
	default:
		break;
	}
	return o;
}

int forms_view_json(struct app *app, int64_t programme, json_t **out, struct px_err *err)
{
	struct store_conn *c = store_acquire(app->st);
	struct programme p;
	int rc = programme_load(c, programme, &p, err);

	*out = NULL;
	if (rc)
		goto out;
	json_t *forms = json_object();
	for (int i = 0; i < p.tpl->nforms; i++) {
		const struct tpl_form *f = &p.tpl->forms[i];
		json_t *fields = json_array();
		for (int k = 0; k < f->nfields; k++)
			json_array_append_new(fields, field_json(&f->fields[k]));
		json_object_set_new(forms, f->code, json_pack("{s:s, s:i, s:o}", "title", f->title, "attachment",
							      f->attachment, "fields", fields));
	}
	*out = json_pack("{s:I, s:o}", "programme", (json_int_t)programme, "forms", forms);
	programme_release(&p);
	if (!*out)
		rc = px_err_set(err, PX_ENOMEM, "out_of_memory", NULL, "out of memory");
out:
	store_release(c);
	return rc;
}
