/*
 * helpdesk.c - the help desk's pure rules (helpdesk.h): the nine fields, due
 * dates in working days, and the router's choice.
 */
#include "core/helpdesk.h"

#include <string.h>

#include "core/access.h"

const struct helpdesk_field helpdesk_fields[] = {
	{ "quality_management", "质量管理" },
	{ "quality_safety", "质量安全" },
	{ "standardisation", "标准化" },
	{ "metrology", "计量" },
	{ "accreditation_testing", "认可与检验检测" },
	{ "certification", "认证" },
	{ "quality_innovation", "质量创新" },
	{ "intellectual_property", "知识产权" },
	{ "brand_building", "品牌建设" },
};
const size_t helpdesk_nfields = sizeof(helpdesk_fields) / sizeof(helpdesk_fields[0]);

const struct helpdesk_field *helpdesk_field_find(const char *code)
{
	for (size_t i = 0; code && i < helpdesk_nfields; i++)
		if (!strcmp(helpdesk_fields[i].code, code))
			return &helpdesk_fields[i];
	return NULL;
}

int helpdesk_due(const struct calendar *cal, px_date day, int n, px_date *due, struct px_err *err)
{
	px_date start;
	int rc = calendar_next_workday(cal, day, &start, err);
	return rc ? rc : calendar_end_of_period(cal, start, n, due, err);
}

bool helpdesk_overdue(px_date today, px_date due, px_date done_on)
{
	return !done_on && today > due;
}

/* Whether a ';'-separated list holds code. */
static bool serves(const char *list, const char *code)
{
	size_t n = strlen(code);
	for (const char *p = list; p && *p;) {
		const char *end = strchr(p, ';');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len == n && !memcmp(p, code, n))
			return true;
		p = end ? end + 1 : NULL;
	}
	return false;
}

/* 0 for a county, 1 for a city (XXYY00), 2 for a province (XX0000), 3 for the country. */
static int breadth(const char *region)
{
	if (!strcmp(region, "000000"))
		return 3;
	if (!strcmp(region + 2, "0000"))
		return 2;
	return !strcmp(region + 4, "00") ? 1 : 0;
}

int helpdesk_route(const struct helpdesk_provider *p, size_t n, const char *field, const char *region)
{
	int best = -1;
	for (size_t i = 0; i < n; i++) {
		if (!access_region_valid(p[i].region) || !serves(p[i].fields, field) ||
		    !access_region_contains(p[i].region, region))
			continue;
		if (best < 0) {
			best = (int)i;
			continue;
		}
		const struct helpdesk_provider *b = &p[best];
		int bi = breadth(p[i].region), bb = breadth(b->region);
		if (bi < bb || (bi == bb && (p[i].open < b->open || (p[i].open == b->open && p[i].id < b->id))))
			best = (int)i;
	}
	return best;
}
