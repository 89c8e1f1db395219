/*
 * cli.h - the subcommands of the pingxuan binary.
 *
 * Each subcommand is one file cli/cmd_<name>.c exporting `int cmd_<name>(int
 * argc, char **argv)`, listed in the table of cli/main.c. argv[0] is the
 * subcommand's name. Every subcommand answers --help, parses its options with
 * getopt_long and returns one of the exit codes below.
 */
#ifndef PX_CLI_H
#define PX_CLI_H

#include <stdbool.h>

#include "util/err.h"
#include "util/file.h"

enum cli_exit {
	CLI_OK = 0,
	CLI_FAIL = 1,   /* the command ran and failed (bad data, database error) */
	CLI_USAGE = 2,  /* bad options or arguments */
};

int cmd_init(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_calendar(int argc, char **argv);
int cmd_ident(int argc, char **argv);
int cmd_draw(int argc, char **argv);
int cmd_verify_draw(int argc, char **argv);
int cmd_sms_test(int argc, char **argv);
int cmd_routes(int argc, char **argv);
int cmd_odoc(int argc, char **argv);
int cmd_remind(int argc, char **argv);
int cmd_keyworks(int argc, char **argv);
int cmd_verify_tally(int argc, char **argv);
/* ranking */
int cmd_ranking(int argc, char **argv);
/* quality month */
int cmd_nqi(int argc, char **argv);

/* Print "pingxuan <cmd>: error: <msg>" (with the field, if any) to stderr; returns CLI_FAIL. */
int cli_fail(const char *cmd, const struct px_err *err);

/* Print a usage error and the hint to use --help; returns CLI_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

struct option;

/*
 * How a subcommand's options are parsed by cli_parse_opts(): its name for
 * the errors, its long options, and take(), which stores one option other
 * than -h/--help in ctx and returns -1 to go on, or an exit code to stop.
 */
struct cli_optspec {
	const char *cmd;
	const struct option *longopts;
	int (*take)(void *ctx, int opt, const char *arg);
};

/*
 * getopt_long over argv from its start (argv[0], a name, is skipped): -h
 * and --help set *help; an unknown option, or one without its value, is a
 * usage error. optstring is "+:h" to stop at the first argument (a
 * command's name, as in "pingxuan calendar [options] end ..."), or ":h" to
 * let options stand among the arguments. Returns -1 to go on, with optind
 * at the first argument, or an exit code.
 */
int cli_parse_opts(const struct cli_optspec *spec, int argc, char **argv, const char *optstring,
		   void *ctx, bool *help);

/* Read one line (a password) from standard input, without its newline. */
int cli_read_stdin_line(char *buf, size_t cap, struct px_err *err);

struct app;
/*
 * Open the database at db for the CLI: create its directory if needed, and
 * migrate (init, serve, demo) or only check the schema (other commands);
 * load the working-day calendar of data_dir (NULL: cli_data_dir()). On
 * success close everything with cli_close_app().
 */
int cli_open_app(const char *db, const char *data_dir, int pool, int migrate, struct app *app,
		 struct px_err *err);
void cli_close_app(struct app *app);

/* Import DIR/regions.csv into the database (init, demo). */
int cli_import_regions(struct app *app, const char *data_dir, int *count, struct px_err *err);

/* Default paths: the shipped data directory (facts, templates) and the database. */
const char *cli_data_dir(void);
#define CLI_DEFAULT_DB "var/pingxuan.db"

#endif
