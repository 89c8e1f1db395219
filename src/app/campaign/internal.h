/*
 * internal.h - what the files of app/campaign/ share: a campaign programme
 * loaded with its template section, and who acts on it.
 */
#ifndef PX_APP_CAMPAIGN_INTERNAL_H
#define PX_APP_CAMPAIGN_INTERNAL_H

#include "app/campaign/campaign.h"
#include "store/store.h"

struct camp {
	int64_t id;
	char region[8];
	char title[160];
	char organiser[160]; /* the template's organiser: the office that signs */
	json_t *section; /* owned: camp_release() */
};

/* Load programme id as a campaign: PX_ENOTFOUND for no programme or one of another family. */
int camp_load(struct store_conn *c, int64_t id, struct camp *out, struct px_err *err);
void camp_release(struct camp *k);

/* The office of the campaign's region, or the CLI. */
bool camp_is_office(const struct camp *k, const struct app_actor *actor);

/* 0 when the actor is a member account of a participating unit (name in out), else PX_EFORBIDDEN "not_a_unit". */
int camp_require_unit(struct store_conn *c, const struct camp *k, const struct app_actor *actor, char *name,
		      size_t cap, struct px_err *err);

#endif
