/*
 * stage.c - the kinds of stage, their order and the forward move (see
 * stage.h). The order follows the award procedure of 清强市办〔2025〕20号
 * (application, county recommendation, qualification check, review,
 * deliberation, approval, publication) and leaves room for the public vote
 * of the brand ranking between reviews.
 */
#include "core/stage.h"

#include <string.h>

/* name and place in the order of each kind; notices have no place (-1) */
static const struct {
	const char *name;
	int rank;
} kinds[STAGE_NKINDS] = {
	[STAGE_APPLICATION] = { "application", 0 },  [STAGE_RECOMMENDATION] = { "recommendation", 1 },
	[STAGE_QUALIFICATION] = { "qualification", 2 }, [STAGE_NOTICE] = { "notice", -1 },
	[STAGE_REVIEW] = { "review", 3 },             [STAGE_SHORTLIST] = { "shortlist", 3 },
	[STAGE_VOTE] = { "vote", 3 },                 [STAGE_DELIBERATION] = { "deliberation", 4 },
	[STAGE_APPROVAL] = { "approval", 5 },         [STAGE_PUBLICATION] = { "publication", 6 },
};

const char *stage_kind_name(enum stage_kind k)
{
	return (unsigned)k < STAGE_NKINDS ? kinds[k].name : "unknown";
}

bool stage_kind_parse(const char *name, enum stage_kind *out)
{
	for (int k = 0; k < STAGE_NKINDS; k++)
		if (!strcmp(kinds[k].name, name)) {
			*out = (enum stage_kind)k;
			return true;
		}
	return false;
}

int stage_order_fault(const enum stage_kind *k, int n)
{
	int last = 0;
	for (int i = 0; i < n; i++) {
		if ((unsigned)k[i] >= STAGE_NKINDS || (i == 0) != (k[i] == STAGE_APPLICATION) ||
		    (k[i] == STAGE_PUBLICATION && i != n - 1))
			return i;
		if (kinds[k[i]].rank < 0)
			continue;
		if (kinds[k[i]].rank < last)
			return i;
		last = kinds[k[i]].rank;
	}
	return -1;
}

enum stage_move stage_move_check(int seq, int nstages, int to)
{
	if (seq >= nstages)
		return STAGE_MOVE_FINISHED;
	return to == seq + 1 ? STAGE_MOVE_OK : STAGE_MOVE_NOT_NEXT;
}

int stage_next(int seq, int nstages)
{
	return seq < nstages ? seq + 1 : 0;
}

bool stage_reached(int seq, int i)
{
	return i >= 0 && seq >= i + 1;
}
