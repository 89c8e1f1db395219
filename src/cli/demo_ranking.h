/*
 * demo_ranking.h - the Guangzhou 2022 brand ranking's row of the family
 * demos (cli/demo_families.h): its accounts, then its story through the API.
 */
#ifndef PX_CLI_DEMO_RANKING_H
#define PX_CLI_DEMO_RANKING_H

#include <stdio.h>

#include "util/err.h"

struct app;

int demo_ranking_seed(struct app *app, const char *data_dir, struct px_err *err);
int demo_ranking_run(const char *url, const char *data_dir, FILE *log, struct px_err *err);

#endif
