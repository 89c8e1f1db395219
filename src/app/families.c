/*
 * families.c - the one table of programme families (like git's commands[]).
 * A template's "kind" picks its row; adding a family is adding a folder
 * beside award/ and a line here (docs/hacking.md, "Adding a programme
 * family"). Only this file includes the families.
 */
#include "app/programme/family.h"

#include "app/award/family.h"
/* ranking */
#include "app/ranking/family.h"

/* campaign */
#include "app/campaign/family.h"

/* certification and the registers */
#include "app/certification/family.h"

/* contest */
#include "app/contest/family.h"

const struct family *const families[] = {
	&award_family,
	/* ranking */
	&ranking_family,

	/* campaign */
	&campaign_family,

	/* certification */
	&certification_family,

	/* contest */
	&contest_family,

	NULL,
};
