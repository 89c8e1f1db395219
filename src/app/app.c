/*
 * app.c - actors: the public, the command line, and accounts.
 */
#include "app/app.h"

#include <inttypes.h>
#include <stdio.h>
#include <time.h>

#include "core/date.h"
#include "store/store.h"

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

int32_t app_today(const struct app *app)
{
	int32_t o = __atomic_load_n(&app->today_override, __ATOMIC_ACQUIRE);
	if (o)
		return o;
	/* China has one time zone and no daylight saving: UTC+8 */
	return (int32_t)((time(NULL) + 8 * 3600) / 86400);
}

int64_t app_now_us(const struct app *app)
{
	int64_t now = store_now_us();
	int32_t o = __atomic_load_n(&app->today_override, __ATOMIC_ACQUIRE);
	if (!o)
		return now;
	/* the real time of day on the rehearsal date (UTC+8, as app_today) */
	int32_t real = (int32_t)((now / 1000000 + 8 * 3600) / 86400);
	return now + (int64_t)(o - real) * 86400 * 1000000;
}

uint64_t app_generation(const struct app *app)
{
	return store_generation(app->st);
}
