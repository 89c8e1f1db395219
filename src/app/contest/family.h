/*
 * family.h - the contest's row of the family table (app/families.c).
 */
#ifndef PX_APP_CONTEST_FAMILY_H
#define PX_APP_CONTEST_FAMILY_H

#include "app/programme/family.h"

extern const struct family contest_family;

#endif
