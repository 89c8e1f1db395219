/*
 * sms_file.c - the `file` SMS driver, for the demo and the tests: each
 * message becomes one JSON line {"phone","template","params","at"} appended
 * to the file of the "path" setting (created 0600 if absent), so a test
 * reads the code it was sent. Nothing leaves the machine. One write() per
 * line on an O_APPEND descriptor keeps lines whole under concurrent sends.
 */
#include "app/sms/sms_driver.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct file_state {
	int fd;
};

static int file_open(const json_t *cfg, void **state, struct px_err *err)
{
	static const char *const keys[] = { "driver", "path", "templates", NULL };
	const char *path;
	struct file_state *s;
	int rc;

	if ((rc = sms_cfg_known_keys(cfg, keys, err)) || (rc = sms_cfg_string(cfg, "path", NULL, &path, err)))
		return rc;
	if (!(s = malloc(sizeof(*s))))
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	s->fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (s->fd < 0) {
		rc = px_err_set(err, PX_EIO, "sms_config", "sms.path", "cannot open '%s': %s", path,
				strerror(errno));
		free(s);
		return rc;
	}
	*state = s;
	return 0;
}

static int file_send(void *state, const char *phone, const char *template_key, const json_t *params,
		     struct px_err *err)
{
	struct file_state *s = state;
	char at[32];
	time_t now = time(NULL);
	struct tm tm;
	int rc = 0;

	gmtime_r(&now, &tm);
	strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%SZ", &tm);
	json_t *p = params ? json_incref((json_t *)params) : json_object();
	json_t *line = json_pack("{s:s, s:s, s:o, s:s}", "phone", phone, "template", template_key, "params",
				 p, "at", at);
	char *text = line ? json_dumps(line, JSON_COMPACT) : NULL;
	json_decref(line);
	if (!text)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	size_t n = strlen(text);
	text[n] = '\n'; /* json_dumps leaves room for its NUL: the newline takes its place */
	ssize_t w = write(s->fd, text, n + 1);
	if (w != (ssize_t)(n + 1))
		rc = px_err_set(err, PX_EIO, "sms_failed", NULL, "the file SMS gateway cannot write: %s",
				w < 0 ? strerror(errno) : "short write");
	free(text);
	return rc;
}

static void file_close(void *state)
{
	struct file_state *s = state;
	close(s->fd);
	free(s);
}

const struct sms_driver sms_file_driver = {
	.name = "file",
	.open = file_open,
	.send = file_send,
	.close = file_close,
};
