/*
 * demo_families.c - the table of family demos `pingxuan demo` plays after
 * the Qingyuan award (cli/demo_families.h). Adding a family's demo is a file
 * demo_<family>.c and a row here.
 */
#include "cli/demo_families.h"

/* ranking (Guangzhou 2022): demo_ranking.c */
#include "cli/demo_ranking.h"

/* campaign (Shenzhen 2015): demo_campaign.c */

/* registers (Hunan 2022): demo_hunan.c */

/* quality month (Qingdao 2022): demo_qingdao.c */

const struct demo_family demo_families[] = {
	/* ranking */
	{ "广州百强质量品牌推介 2022", demo_ranking_seed, demo_ranking_run },

	/* campaign */

	/* registers */

	/* quality month */

	{ NULL, NULL, NULL },
};
