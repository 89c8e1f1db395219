/*
 * demo_families.c - the table of family demos `pingxuan demo` plays after
 * the Qingyuan award (cli/demo_families.h). Adding a family's demo is a file
 * demo_<family>.c and a row here.
 */
#include "cli/demo_families.h"

/* ranking (Guangzhou 2022): demo_ranking.c */

/* campaign (Shenzhen 2015): demo_campaign.c */

/* registers (Hunan 2022): demo_hunan.c */
int demo_hunan_seed(struct app *app, const char *data_dir, struct px_err *err);
int demo_hunan_run(const char *url, const char *data_dir, FILE *log, struct px_err *err);

/* quality month (Qingdao 2022): demo_qingdao.c */

const struct demo_family demo_families[] = {
	/* ranking */

	/* campaign */

	/* registers */
	{ "湖南名品认定 2022（湘市监办发〔2022〕71号）", demo_hunan_seed, demo_hunan_run },

	/* quality month */

	{ NULL, NULL, NULL },
};
