/*
 * family.h - the Guangzhou quality-brand ranking (广州百强质量品牌推介) as a
 * programme family: its section check, stage exit checks and texts, for the
 * table in app/families.c.
 */
#ifndef PX_APP_RANKING_FAMILY_H
#define PX_APP_RANKING_FAMILY_H

#include "app/programme/family.h"

extern const struct family ranking_family;

#endif
