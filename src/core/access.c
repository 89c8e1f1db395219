/*
 * access.c - the tables behind roles and region scope (see access.h).
 */
#include "core/access.h"

#include <string.h>

static const struct {
	const char *name;
	const char *label;
	bool region_scoped; /* sees resources of its region by scope */
	bool county_exact;  /* ... but only exactly its own region */
} roles[ROLE_COUNT] = {
	[ROLE_NONE] = { "public", "公众", false, false },
	[ROLE_OFFICE] = { "office", "质量强市办", true, false },
	[ROLE_LEADER] = { "leader", "领导小组", true, false },
	[ROLE_COUNTY] = { "county", "县(市、区)市场监管局", true, true },
	[ROLE_MEMBER] = { "member", "成员单位", true, false },
	[ROLE_EXPERT] = { "expert", "评审员", false, false },
	[ROLE_APPLICANT] = { "applicant", "申报人", false, false },
};

enum px_role access_role_parse(const char *name)
{
	if (!name)
		return ROLE_NONE;
	for (int r = ROLE_NONE + 1; r < ROLE_COUNT; r++)
		if (!strcmp(name, roles[r].name))
			return (enum px_role)r;
	return ROLE_NONE;
}

const char *access_role_name(enum px_role role)
{
	return role > ROLE_NONE && role < ROLE_COUNT ? roles[role].name : roles[ROLE_NONE].name;
}

const char *access_role_label(enum px_role role)
{
	return role > ROLE_NONE && role < ROLE_COUNT ? roles[role].label : roles[ROLE_NONE].label;
}

bool access_role_admitted(enum px_role role, unsigned mask)
{
	return role >= ROLE_NONE && role < ROLE_COUNT && (mask & ROLE_BIT(role));
}

bool access_region_valid(const char *code)
{
	if (!code || strlen(code) != 6)
		return false;
	for (int i = 0; i < 6; i++)
		if (code[i] < '0' || code[i] > '9')
			return false;
	return true;
}

/* Length of the significant prefix: 2 for a province, 4 for a city, 6 for a county, 0 for 000000. */
static size_t significant(const char *code)
{
	size_t n = 6;
	while (n > 0 && code[n - 1] == '0' && code[n - 2] == '0')
		n -= 2;
	return n;
}

bool access_region_contains(const char *outer, const char *inner)
{
	if (!access_region_valid(outer) || !access_region_valid(inner))
		return false;
	return !memcmp(outer, inner, significant(outer));
}

bool access_region_allows(enum px_role role, const char *own_region, const char *resource_region)
{
	if (role <= ROLE_NONE || role >= ROLE_COUNT || !roles[role].region_scoped)
		return false;
	if (roles[role].county_exact)
		return access_region_valid(own_region) && access_region_valid(resource_region) &&
		       !strcmp(own_region, resource_region);
	return access_region_contains(own_region, resource_region);
}
