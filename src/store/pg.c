/*
 * pg.c - the PostgreSQL driver of the store (scale-out: many nodes, one
 * server). Recognises postgres:// and postgresql:// URLs. Until the driver
 * lands, opening such a URL fails with a clear error.
 */
#include <string.h>

#include "store/store_int.h"

static bool pg_accepts(const char *url)
{
	return !strncmp(url, "postgres://", 11) || !strncmp(url, "postgresql://", 13);
}

static int pg_connect(const char *url, struct store_conn **out, struct px_err *err)
{
	(void)url;
	(void)out;
	return px_err_set(err, PX_EINVAL, "driver_unavailable", "db",
			  "the PostgreSQL driver is not available in this build");
}

const struct store_driver store_pg_driver = {
	.name = "pg",
	.dialect = "pg",
	.accepts = pg_accepts,
	.connect = pg_connect,
};
