/*
 * app.c - actors: the public, the command line, and accounts.
 */
#include "app/app.h"

#include <inttypes.h>
#include <stdio.h>

const struct app_actor app_actor_public = { .kind = ACTOR_PUBLIC, .role = ROLE_NONE };
const struct app_actor app_actor_cli = { .kind = ACTOR_CLI, .role = ROLE_NONE, .region = "000000",
					 .login = "cli" };

void app_actor_label(const struct app_actor *a, char out[32])
{
	switch (a->kind) {
	case ACTOR_ACCOUNT:
		snprintf(out, 32, "account:%" PRId64, a->id);
		break;
	case ACTOR_CLI:
		snprintf(out, 32, "cli");
		break;
	default:
		snprintf(out, 32, "public");
		break;
	}
}

bool app_actor_is(const struct app_actor *a, enum px_role role)
{
	return a->kind == ACTOR_CLI || (a->kind == ACTOR_ACCOUNT && a->role == role);
}
