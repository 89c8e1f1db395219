/* src/app/sms/sms.h */
struct sms_gateway;
/* config_path: a JSON config file: {"driver":"file","path":"var/sms.log"} | {"driver":"aliyun",...} */
int sms_open(const char *config_path, struct sms_gateway **out, struct px_err *err);
/* template_key: a key of the config's "templates" ("otp", "reminder"); params: {"code":"123456"} */
int sms_send(struct sms_gateway *g, const char *phone, const char *template_key, const json_t *params, struct px_err *err);
void sms_close(struct sms_gateway *g);
