/* cmd_user.c - placeholder until the subcommand lands. */
#include "cli/cli.h"

#include <stdio.h>

int cmd_user(int argc, char **argv)
{
	(void)argc;
	fprintf(stderr, "pingxuan %s: not available in this build\n", argv[0]);
	return CLI_FAIL;
}
