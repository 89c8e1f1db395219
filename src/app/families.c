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

/* certification and the registers */

/* contest */

const struct family *const families[] = {
	&award_family,
	/* ranking */
	&ranking_family,

	/* campaign */

	/* certification */

	/* contest */

	NULL,
};
