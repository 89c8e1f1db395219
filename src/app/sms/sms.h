/*
 * sms.h - the SMS gateway through which one-time codes and reminders reach
 * voters' phones, behind a table of drivers (sms.c). A gateway is safe to
 * use from several threads at once; sms_send with no gateway (NULL) answers
 * PX_EBUSY "sms_unavailable".
 */
#ifndef PX_APP_SMS_H
#define PX_APP_SMS_H

#include <jansson.h>

#include "util/err.h"

/* src/app/sms/sms.h */
struct sms_gateway;
/* spec: a JSON config file path; {"driver":"file","path":"var/sms.log"} | {"driver":"aliyun",...} */
int sms_open(const char *config_path, struct sms_gateway **out, struct px_err *err);
/* template: a key of the config's "templates" ("otp", "reminder"); params: {"code":"123456"} */
int sms_send(struct sms_gateway *g, const char *phone, const char *template_key, const json_t *params, struct px_err *err);
void sms_close(struct sms_gateway *g);
/* the driver table, one row per driver (sms.c): name + open/send/close */

#endif
