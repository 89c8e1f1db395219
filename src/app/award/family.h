/*
 * family.h - the government quality award as a programme family (清强市办
 * 〔2025〕20号): its stage exit checks and texts, for the table in
 * app/families.c.
 */
#ifndef PX_APP_AWARD_FAMILY_H
#define PX_APP_AWARD_FAMILY_H

#include "app/programme/family.h"

extern const struct family award_family;

#endif
