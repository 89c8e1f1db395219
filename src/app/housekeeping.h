/*
 * housekeeping.h - remove what nobody will use again: sessions past their
 * idle or absolute lifetime (a session is otherwise deleted only when it is
 * presented after expiry) and upload temporary files left behind by
 * requests that were killed before they finished (a finished request renames
 * or removes its own); and it records the expiry of certificates past their
 * validity (app/programme/register.h). The server runs it at start and every
 * HOUSEKEEPING_PERIOD_S seconds.
 */
#ifndef PX_APP_HOUSEKEEPING_H
#define PX_APP_HOUSEKEEPING_H

#include "app/app.h"

#define HOUSEKEEPING_PERIOD_S (10 * 60)
/* An upload temp file untouched this long belongs to no live request. */
#define HOUSEKEEPING_TMP_AGE_S (60 * 60)

struct housekeeping_result {
	long long tmp_files; /* stale upload temp files removed */
	long long certificates_expired; /* certificates whose expiry was recorded */
};

/* Delete expired sessions (one write transaction) and stale files of <files_dir>/tmp; record expiries. */
int housekeeping_run(struct app *app, struct housekeeping_result *out, struct px_err *err);

#endif
