/*
 * regions.h - the division codes the database knows (table region), imported
 * from data/regions.csv by `pingxuan init` and kept current by re-importing.
 */
#ifndef PX_APP_REGIONS_H
#define PX_APP_REGIONS_H

#include "app/app.h"

/*
 * Validate csv (core/region.h) and insert or update every region, parents
 * before children, in one transaction. *count receives the number of rows.
 * Audited as "region.import" with the SHA-256 of the file.
 */
int regions_import(struct app *app, const struct app_actor *actor, const char *csv, size_t len,
		   int *count, struct px_err *err);

#endif
