/*
 * sms.h - the SMS gateway through which one-time codes and reminders reach
 * voters' phones, behind a table of drivers (sms.c): one row per service a
 * deployment can contract (the `file` driver here writes each message to a
 * file for the demo and the tests).
 *
 * A gateway is opened from a JSON config file:
 *	{"driver": "file", "path": "var/sms.log",
 *	 "templates": {"otp": "您的投票验证码为${code}，5分钟内有效。"}}
 * `templates` maps the keys callers use ("otp", "reminder") to what the
 * service needs (a template code for a cloud service, the text for `file`).
 * A gateway is safe to use from several threads at once.
 */
#ifndef PX_APP_SMS_H
#define PX_APP_SMS_H

#include <jansson.h>

#include "util/err.h"

struct sms_gateway;

/* spec: a JSON config file path; {"driver":"file","path":"var/sms.log"} | {"driver":"aliyun",...} */
int sms_open(const char *config_path, struct sms_gateway **out, struct px_err *err);
/* template: a key of the config's "templates" ("otp", "reminder"); params: {"code":"123456"} */
int sms_send(struct sms_gateway *g, const char *phone, const char *template_key, const json_t *params, struct px_err *err);
void sms_close(struct sms_gateway *g);
/* the driver table, one row per driver (sms.c): name + open/send/close */

/* One driver: open reads its part of the config (borrowed), state is its own. */
struct sms_driver {
	const char *name;
	int (*open)(const json_t *config, void **state, struct px_err *err);
	int (*send)(void *state, const char *phone, const char *template_text, const json_t *params,
		    struct px_err *err);
	void (*close)(void *state);
};

#endif
