/*
 * demo_families.c - the table of family demos `pingxuan demo` plays after
 * the Qingyuan award (cli/demo_families.h). Adding a family's demo is a file
 * demo_<family>.c and a row here.
 */
#include "cli/demo_families.h"

/* ranking (Guangzhou 2022): demo_ranking.c */

/* campaign (Shenzhen 2015): demo_campaign.c */
#include "cli/demo_campaign.h"

/* registers (Hunan 2022): demo_hunan.c */

/* quality month (Qingdao 2022): demo_qingdao.c */

const struct demo_family demo_families[] = {
	/* ranking */

	/* campaign */
	{ "深圳市“质量月”活动 2015", demo_campaign_seed, demo_campaign_run },

	/* registers */

	/* quality month */

	{ NULL, NULL, NULL },
};
