/*
 * validity.c - the rule of validity.h: expiry is a function of the date.
 */
#include "core/validity.h"

#include <stdbool.h>
#include <string.h>

const char *validity_status_on(const char *status, const char *valid_to, px_date today)
{
	px_date end;
	bool live = !strcmp(status, "valid") || !strcmp(status, "suspended");
	if (live && valid_to && !date_parse(valid_to, strlen(valid_to), &end) && today > end)
		return "expired";
	return status;
}
