/*
 * demo_families.h - the demo of each programme family beyond the award (the
 * Guangzhou ranking, the Shenzhen campaign, the Hunan registers, the Qingdao
 * quality month), listed in one table that `pingxuan demo` walks after the
 * award: each row creates its accounts before the server starts, then plays
 * its programme through the API. One file per family: demo_<family>.c.
 */
#ifndef PX_CLI_DEMO_FAMILIES_H
#define PX_CLI_DEMO_FAMILIES_H

#include <stdio.h>

#include "util/err.h"

struct app;

struct demo_family {
	const char *title; /* what the progress line says: "广州百强质量品牌推介 2022" */
	/* accounts and registers written directly, before serving; NULL: none */
	int (*seed)(struct app *app, const char *data_dir, struct px_err *err);
	/* the story played through the API at url; progress and logins to log */
	int (*run)(const char *url, const char *data_dir, FILE *log, struct px_err *err);
};

/* The table, ended by a row whose title is NULL (cli/demo_families.c). */
extern const struct demo_family demo_families[];

/*
 * Create an account that the demos of more than one family sign in as (the
 * Qingdao office of the contest and the key works): the first seed creates
 * it, the others find it there.
 */
struct account_new;
int demo_account_shared(struct app *app, const struct account_new *a, struct px_err *err);

/* The 湖南名品 certification (demo_hunan.c): the province office, the 14 city bureaus, the rehearsal clock. */
int demo_hunan_seed(struct app *app, const char *data_dir, struct px_err *err);
int demo_hunan_run(const char *url, const char *data_dir, FILE *log, struct px_err *err);

/* The Hunan help desk and training (demo_hunan_desk.c), after the 湖南名品 demo whose accounts they use. */
int demo_hunan_desk_seed(struct app *app, const char *data_dir, struct px_err *err);
int demo_hunan_desk_run(const char *url, const char *data_dir, FILE *log, struct px_err *err);

/* The 第一届“品质青岛”故事大赛 (demo_contest.c): entries, draw, judging, the gallery. */
int demo_contest_seed(struct app *app, const char *data_dir, struct px_err *err);
int demo_contest_run(const char *url, const char *data_dir, FILE *log, struct px_err *err);
/* Qingdao's 2022 quality month (demo_qingdao.c): honours, the ten key works and their progress; after the Hunan demos, whose rehearsal clock it uses. */
int demo_qingdao_seed(struct app *app, const char *data_dir, struct px_err *err);
int demo_qingdao_run(const char *url, const char *data_dir, FILE *log, struct px_err *err);
/* The Qingdao NQI one-stop service records (demo_nqi.c): the Qingdao office, three imports, the board. */
int demo_nqi_seed(struct app *app, const char *data_dir, struct px_err *err);
int demo_nqi_run(const char *url, const char *data_dir, FILE *log, struct px_err *err);
/* The Hunan quality status survey and the cities' local summaries (demo_hunan_survey.c), after the help desk. */
int demo_hunan_survey_seed(struct app *app, const char *data_dir, struct px_err *err);
int demo_hunan_survey_run(const char *url, const char *data_dir, FILE *log, struct px_err *err);
/* The Qingdao 2022 brand value evaluation (demo_brandvalue.c): a round, twelve enterprises, computed and ranked. */
int demo_brandvalue_seed(struct app *app, const char *data_dir, struct px_err *err);
int demo_brandvalue_run(const char *url, const char *data_dir, FILE *log, struct px_err *err);

#endif
