/*
 * demo_families.c - the table of family demos `pingxuan demo` plays after
 * the Qingyuan award (cli/demo_families.h). Adding a family's demo is a file
 * demo_<family>.c and a row here.
 */
#include "cli/demo_families.h"

#include <string.h>

#include "app/app.h"
#include "app/people/account.h"

/* ranking (Guangzhou 2022): demo_ranking.c */
#include "cli/demo_ranking.h"

/* campaign (Shenzhen 2015): demo_campaign.c */
#include "cli/demo_campaign.h"

/* registers (Hunan 2022): demo_hunan.c, then demo_hunan_desk.c and demo_hunan_survey.c with its accounts */

/* quality month (Qingdao 2022): demo_qingdao.c; the NQI records: demo_nqi.c */
/* quality month (Qingdao 2022): demo_qingdao.c; the brand value evaluation: demo_brandvalue.c */

const struct demo_family demo_families[] = {
	/* ranking */
	{ "广州百强质量品牌推介 2022", demo_ranking_seed, demo_ranking_run },

	/* campaign */
	{ "深圳市“质量月”活动 2015", demo_campaign_seed, demo_campaign_run },

	/* registers */
	{ "湖南名品认定 2022（湘市监办发〔2022〕71号）", demo_hunan_seed, demo_hunan_run },
	{ "湖南质量问题帮扶与首席质量官培训 2022（湘市监办发〔2022〕71号）", demo_hunan_desk_seed, demo_hunan_desk_run },
	{ "湖南质量状况大调查与本地总结 2022（湘市监办发〔2022〕71号）", demo_hunan_survey_seed, demo_hunan_survey_run },

	/* quality month */
	{ "第一届“品质青岛”故事大赛 2022", demo_contest_seed, demo_contest_run },
	{ "青岛市2022年“质量月”：荣誉名录与十大质量提升重点活动", demo_qingdao_seed, demo_qingdao_run },
	{ "青岛市NQI一站式服务记录 2022", demo_nqi_seed, demo_nqi_run },
	{ "青岛市企业品牌价值测评 2022（GB/T 29188-2012）", demo_brandvalue_seed, demo_brandvalue_run },

	{ NULL, NULL, NULL },
};

int demo_account_shared(struct app *app, const struct account_new *a, struct px_err *err)
{
	struct px_err e = { 0 };
	int64_t id;
	int rc = account_create(app, &app_actor_cli, a, &id, &e);
	if (rc && !strcmp(e.key, "login_taken"))
		return 0;
	if (rc && err)
		*err = e;
	return rc;
}
