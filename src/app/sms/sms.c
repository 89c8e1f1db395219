/*
 * sms.c - the SMS gateway (see sms.h): read the JSON config, pick the
 * driver it names from the table below, check numbers before any driver
 * sees them. Drivers live one per file (sms_<name>.c, sms_driver.h).
 * sms.h declares only the three calls: jansson and util/err.h come first.
 * Without a gateway (app.sms NULL: serve ran without --sms) sms_send()
 * answers sms_failed.
 */
#include <jansson.h>

#include "util/err.h"

#include "app/sms/sms.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "app/sms/sms_driver.h"
#include "core/ident.h"
#include "util/file.h"

static const struct sms_driver *const drivers[] = {
	&sms_file_driver,
	&sms_aliyun_driver,
	&sms_tencent_driver,
	&sms_http_driver,
};

struct sms_gateway {
	const struct sms_driver *drv;
	void *state;
};

static int load_config(const char *path, json_t **out, struct px_err *err)
{
	char *text = NULL;
	size_t len;
	json_error_t je;
	struct px_err e = { 0 };
	int rc = file_read(path, SMS_CONFIG_MAX, &text, &len, &e);
	if (rc)
		return px_err_set(err, rc, "sms_config", "sms", "cannot read the SMS config: %s", e.msg);
	*out = json_loadb(text, len, 0, &je);
	free(text);
	if (!*out || !json_is_object(*out)) {
		json_decref(*out);
		*out = NULL;
		return px_err_set(err, PX_EINVAL, "sms_config", "sms",
				  "the SMS config '%s' is not a JSON object (line %d: %s)", path, je.line,
				  je.text);
	}
	return 0;
}

int sms_open(const char *config_path, struct sms_gateway **out, struct px_err *err)
{
	json_t *cfg = NULL;
	const char *name;
	struct sms_gateway *g = NULL;
	int rc;

	*out = NULL;
	if (sodium_init() < 0) /* the signature nonces are random */
		return px_err_set(err, PX_EINTERNAL, NULL, NULL, "libsodium cannot start");
	if ((rc = load_config(config_path, &cfg, err)))
		return rc;
	if ((rc = sms_cfg_string(cfg, "driver", NULL, &name, err)))
		goto out;
	for (size_t i = 0; i < sizeof(drivers) / sizeof(drivers[0]); i++)
		if (!strcmp(drivers[i]->name, name)) {
			if (!(g = calloc(1, sizeof(*g)))) {
				rc = px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
				goto out;
			}
			g->drv = drivers[i];
		}
	if (!g) {
		rc = px_err_set(err, PX_EINVAL, "sms_config", "sms.driver",
				"unknown driver '%s' (file, aliyun, tencent or http)", name);
		goto out;
	}
	if ((rc = g->drv->open(cfg, &g->state, err))) {
		free(g);
		goto out;
	}
	*out = g;
out:
	json_decref(cfg);
	return rc;
}

int sms_send(struct sms_gateway *g, const char *phone, const char *template_key, const json_t *params, struct px_err *err)
{
	char digits[IDENT_MOBILE_LEN + 1];
	struct px_err e = { 0 };
	if (!g)
		return px_err_set(err, PX_EBUSY, "sms_failed", NULL, "no SMS gateway is configured (serve --sms CONFIG)");
	if (!phone || !ident_mobile_check(phone, strlen(phone), digits, &e))
		return px_err_set(err, PX_EINVAL, "invalid_mobile", "phone", "%s",
				  phone ? e.msg : "a mobile number is required");
	if (!template_key || !*template_key)
		return px_err_set(err, PX_EINVAL, "sms_template_unknown", "template", "a template is required");
	if (params && !json_is_object(params))
		return px_err_set(err, PX_EINVAL, "invalid", "params", "params must be an object");
	return g->drv->send(g->state, digits, template_key, params, err);
}

void sms_close(struct sms_gateway *g)
{
	if (!g)
		return;
	g->drv->close(g->state);
	free(g);
}
