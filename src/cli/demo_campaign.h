/*
 * demo_campaign.h - the Shenzhen 2015 quality month's row of the family
 * demos (cli/demo_families.h): accounts seeded before serving, the story
 * played after the award.
 */
#ifndef PX_CLI_DEMO_CAMPAIGN_H
#define PX_CLI_DEMO_CAMPAIGN_H

#include <stdio.h>

#include "util/err.h"

struct app;

int demo_campaign_seed(struct app *app, const char *data_dir, struct px_err *err);
int demo_campaign_run(const char *url, const char *data_dir, FILE *log, struct px_err *err);

#endif
