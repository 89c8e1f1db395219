/*
 * family.h - the quality-month campaign as a programme family (深质强办
 * 〔2015〕17号): its template section check and texts, for the table in
 * app/families.c.
 */
#ifndef PX_APP_CAMPAIGN_FAMILY_H
#define PX_APP_CAMPAIGN_FAMILY_H

#include "app/programme/family.h"

extern const struct family campaign_family;

#endif
