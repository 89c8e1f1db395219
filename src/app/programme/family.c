/*
 * family.c - finding a template's family in the table and asking it what
 * the engine cannot know (see family.h). The engine includes no family: the
 * table is linked in from app/families.c.
 */
#include "app/programme/family.h"

#include <stdio.h>
#include <string.h>

#include "util/fill.h"

const struct family *family_find(const char *name)
{
	for (int i = 0; families[i]; i++)
		if (!strcmp(families[i]->name, name))
			return families[i];
	return NULL;
}

static const char *default_text(const struct family *fam, const char *key)
{
	for (const struct family_text *t = fam ? fam->texts : NULL; t && t->key; t++)
		if (!strcmp(t->key, key))
			return t->text;
	return NULL;
}

json_t *family_section(const char *tpl_json, size_t len)
{
	json_t *root = json_loadb(tpl_json, len, 0, NULL), *s = NULL;
	if (root && json_is_object(json_object_get(root, "section")))
		s = json_incref(json_object_get(root, "section"));
	json_decref(root);
	return s;
}

int family_check_template(const struct template *t, const char *tpl_json, size_t len, struct px_err *err)
{
	const struct family *fam = family_find(t->kind);
	char field[64];

	if (!fam)
		return px_err_set(err, PX_EINVAL, "bad_template", "kind", "no programme family '%s' (known: %s)",
				  t->kind, families[0]->name);
	for (int i = 0; i < t->ntexts; i++)
		if (!default_text(fam, t->texts[i].key)) {
			snprintf(field, sizeof(field), "texts.%s", t->texts[i].key);
			return px_err_set(err, PX_EINVAL, "bad_template", field, "the family '%s' has no text '%s'",
					  fam->name, t->texts[i].key);
		}
	json_t *section = family_section(tpl_json, len);
	int rc = 0;
	if (fam->check_section)
		rc = fam->check_section(section, err);
	else if (section)
		rc = px_err_set(err, PX_EINVAL, "bad_template", "section", "the family '%s' takes no section",
				fam->name);
	json_decref(section);
	return rc;
}

family_exit_fn family_exit(const struct template *t, enum stage_kind k)
{
	const struct family *fam = family_find(t->kind);
	return fam && (unsigned)k < STAGE_NKINDS ? fam->exit_checks[k] : NULL;
}

const char *family_text(const struct template *t, const char *key)
{
	const char *s = template_text(t, key);
	if (!s)
		s = default_text(family_find(t->kind), key);
	return s ? s : "";
}

size_t family_text_fill(const struct template *t, const char *key, const char *const *vars, char *out, size_t cap)
{
	return fill_text(family_text(t, key), vars, out, cap);
}
