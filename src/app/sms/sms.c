/*
 * sms.c - the SMS gateway: the table of drivers, opening a gateway from its
 * JSON config, and the `file` driver, which appends each message as one JSON
 * line ({"at", "phone", "template", "text", "params"}) to a file, for the
 * demo and the tests. The line is written with one write(2) on a file opened
 * O_APPEND, so concurrent senders never interleave.
 */
#include "app/sms/sms.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "app/sms/sms_driver.h"
#include "util/file.h"

#define SMS_CONFIG_MAX (64 * 1024)

struct sms_gateway {
	const struct sms_driver *driver;
	void *state;
	json_t *templates; /* key -> template text or code */
};

struct file_state {
	int fd;
};

static int file_open(const json_t *config, void **state, struct px_err *err)
{
	const char *path = json_string_value(json_object_get(config, "path"));
	struct file_state *f;

	if (!path || !*path)
		return px_err_set(err, PX_EINVAL, "bad_sms_config", "path", "the file driver needs a 'path'");
	if (!(f = calloc(1, sizeof(*f))))
		return px_err_set(err, PX_ENOMEM, "out_of_memory", NULL, "out of memory");
	f->fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (f->fd < 0) {
		int e = errno;
		free(f);
		return px_err_set(err, PX_EIO, "sms_unavailable", "path", "cannot open '%s': %s", path, strerror(e));
	}
	*state = f;
	return 0;
}

static int file_send(void *state, const char *phone, const char *template_text, const json_t *params,
		     struct px_err *err)
{
	struct file_state *f = state;
	struct timeval tv;
	json_t *line;
	char *text;
	int rc = 0;

	gettimeofday(&tv, NULL);
	line = json_pack("{s:I, s:s, s:s, s:O}", "at", (json_int_t)tv.tv_sec * 1000000 + tv.tv_usec, "phone", phone,
			 "text", template_text, "params", (json_t *)params);
	text = line ? json_dumps(line, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(line);
	if (!text)
		return px_err_set(err, PX_ENOMEM, "out_of_memory", NULL, "out of memory");
	size_t n = strlen(text);
	text[n] = '\n'; /* replaces the NUL: written by length */
	if (write(f->fd, text, n + 1) != (ssize_t)(n + 1))
		rc = px_err_set(err, PX_EIO, "sms_failed", NULL, "cannot write the message: %s", strerror(errno));
	free(text);
	return rc;
}

static void file_close(void *state)
{
	struct file_state *f = state;
	if (f) {
		close(f->fd);
		free(f);
	}
}

static const struct sms_driver drivers[] = {
	{ "file", file_open, file_send, file_close },
	/* the cloud drivers (aliyun, tencent, http) */
	{ "aliyun", sms_aliyun_open, sms_aliyun_send, sms_aliyun_close },
	{ "tencent", sms_tencent_open, sms_tencent_send, sms_tencent_close },
	{ "http", sms_http_open, sms_http_send, sms_http_close },
};

static const struct sms_driver *driver_find(const char *name)
{
	for (size_t i = 0; i < sizeof(drivers) / sizeof(drivers[0]); i++)
		if (!strcmp(drivers[i].name, name))
			return &drivers[i];
	return NULL;
}

int sms_open(const char *config_path, struct sms_gateway **out, struct px_err *err)
{
	struct sms_gateway *g = NULL;
	json_t *config = NULL;
	json_error_t jerr;
	char *text = NULL;
	size_t len;
	int rc;

	*out = NULL;
	if ((rc = file_read(config_path, SMS_CONFIG_MAX, &text, &len, err)))
		return rc;
	config = json_loadb(text, len, 0, &jerr);
	free(text);
	if (!json_is_object(config)) {
		rc = px_err_set(err, PX_EINVAL, "bad_sms_config", NULL, "'%s' is not a JSON object", config_path);
		goto out;
	}
	const char *name = json_string_value(json_object_get(config, "driver"));
	const struct sms_driver *d = name ? driver_find(name) : NULL;
	if (!d) {
		rc = px_err_set(err, PX_EINVAL, "bad_sms_config", "driver", "unknown SMS driver '%s'", name ? name : "");
		goto out;
	}
	if (!(g = calloc(1, sizeof(*g)))) {
		rc = px_err_set(err, PX_ENOMEM, "out_of_memory", NULL, "out of memory");
		goto out;
	}
	g->driver = d;
	g->templates = json_object_get(config, "templates");
	g->templates = json_is_object(g->templates) ? json_incref(g->templates) : json_object();
	if ((rc = d->open(config, &g->state, err))) {
		json_decref(g->templates);
		free(g);
		goto out;
	}
	*out = g;
out:
	json_decref(config);
	return rc;
}

int sms_send(struct sms_gateway *g, const char *phone, const char *template_key, const json_t *params,
	     struct px_err *err)
{
	const char *tpl;
	if (!g)
		return px_err_set(err, PX_EBUSY, "sms_unavailable", NULL, "no SMS gateway is configured");
	tpl = json_string_value(json_object_get(g->templates, template_key));
	return g->driver->send(g->state, phone, tpl ? tpl : template_key, params, err);
}

void sms_close(struct sms_gateway *g)
{
	if (!g)
		return;
	g->driver->close(g->state);
	json_decref(g->templates);
	free(g);
}
