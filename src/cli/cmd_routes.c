/*
 * cmd_routes.c - `pingxuan routes [--json]`: every route the HTTP server
 * answers, from its route table (http/routes.c), with the roles it admits.
 * Tests generate their cases from this list (the cross-region family), so a
 * route added to the table is covered without editing them.
 */
#include "cli/cli.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "http/http.h"

/* The names of the roles in a route's mask, as a JSON array. */
static json_t *roles_json(unsigned mask)
{
	json_t *a = json_array();
	for (int r = 0; r < ROLE_COUNT; r++)
		if (access_role_admitted((enum px_role)r, mask))
			json_array_append_new(a, json_string(access_role_name((enum px_role)r)));
	return a;
}

int cmd_routes(int argc, char **argv)
{
	bool as_json = false;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			printf("usage: pingxuan routes [--json]\n\nList every HTTP route with its method, pattern "
			       "and the roles it admits\n(\"public\" is anyone not signed in).\n");
			return CLI_OK;
		}
		if (strcmp(argv[i], "--json"))
			return cli_usage_error("routes", "unexpected argument '%s'", argv[i]);
		as_json = true;
	}
	json_t *all = json_array();
	for (size_t i = 0; i < http_routes_count; i++) {
		const struct http_route *r = &http_routes[i];
		json_array_append_new(all, json_pack("{s:s, s:s, s:o, s:b, s:b}", "method", r->method, "pattern",
						     r->pattern, "roles", roles_json(r->roles), "upload",
						     (r->flags & HTTP_UPLOAD) != 0, "csrf_exempt",
						     (r->flags & HTTP_CSRF_EXEMPT) != 0));
	}
	if (as_json) {
		char *text = json_dumps(all, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
		if (text)
			puts(text);
		free(text);
	} else {
		size_t i;
		json_t *r;
		json_array_foreach(all, i, r) {
			char *roles = json_dumps(json_object_get(r, "roles"), JSON_COMPACT);
			printf("%-6s %-58s %s\n", json_string_value(json_object_get(r, "method")),
			       json_string_value(json_object_get(r, "pattern")), roles ? roles : "");
			free(roles);
		}
	}
	json_decref(all);
	return CLI_OK;
}
