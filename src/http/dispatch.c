/*
 * dispatch.c - the stages between a request and its handler: path checks,
 * route matching (404, 405 with Allow), the session cookie, the route's
 * roles (401 / 403), the CSRF token on every state-changing method, the
 * region scope of the record a staff route names (404, app/scope.h), and the
 * request accessors of http.h.
 */
#include "http/request.h"
#include "http/static.h"

#include "http/cache.h"

#include <arpa/inet.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/scope.h"
#include "http/json_in.h"

#define PATH_MAX_LEN 1024

static bool state_changing(const char *method)
{
	return strcmp(method, "GET") && strcmp(method, "HEAD") && strcmp(method, "OPTIONS");
}

/* A path we route at all: absolute, bounded, no empty or dot segments, no control bytes. */
static bool path_sane(const char *p)
{
	size_t n = strlen(p);
	if (n == 0 || n > PATH_MAX_LEN || p[0] != '/')
		return false;
	for (size_t i = 0; i < n; i++) {
		if ((unsigned char)p[i] < 0x20 || p[i] == 0x7f || p[i] == '\\')
			return false;
		if (p[i] == '/' && i + 1 < n && (p[i + 1] == '/' || (p[i + 1] == '.' &&
		    (p[i + 2] == '/' || p[i + 2] == '\0' || (p[i + 2] == '.' && (p[i + 3] == '/' || p[i + 3] == '\0'))))))
			return false;
	}
	return true;
}

/* Match one pattern against a path, capturing {name} segments into params. */
static bool match(const char *pattern, const char *path, char params[][128], int *np)
{
	*np = 0;
	while (*pattern && *path) {
		if (*pattern == '{') {
			const char *pe = strchr(pattern, '}');
			size_t n = strcspn(path, "/");
			if (!pe || n == 0 || n >= 128 || *np >= HTTP_MAX_PARAMS)
				return false;
			memcpy(params[*np], path, n);
			params[(*np)++][n] = '\0';
			pattern = pe + 1;
			path += n;
			continue;
		}
		if (*pattern++ != *path++)
			return false;
	}
	return !*pattern && !*path;
}

static void resolve_session(struct http_req *r)
{
	const char *cookie = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, HTTP_SESSION_COOKIE);
	struct px_err err = { 0 };
	if (!cookie || !*cookie)
		return;
	if (session_resolve(r->srv->cfg.app, cookie, &r->actor, r->csrf, &err) == 0) {
		snprintf(r->token, sizeof(r->token), "%s", cookie);
		return;
	}
	r->actor = app_actor_public;
	if (!strcmp(err.key, "session_expired"))
		snprintf(r->token, sizeof(r->token), "expired");
}

/* The peer's address, found when first asked for (public reads never ask). */
static void peer_address(struct MHD_Connection *conn, char out[48])
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	out[0] = '\0';
	if (!ci || !ci->client_addr)
		return;
	if (ci->client_addr->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, out, 48);
	else if (ci->client_addr->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr, out, 48);
}

/*
 * Behind the reverse proxy of docs/deploy.md every request comes from the
 * proxy's address: when the peer is the configured proxy, the client is the
 * last address the proxy appended to X-Forwarded-For (earlier entries come
 * from the client and prove nothing).
 */
static void resolve_client(struct http_req *r)
{
	const char *proxy = r->srv->cfg.trusted_proxy, *xff, *last;
	char addr[48];
	unsigned char bin[16];
	size_t n;

	if (!r->client[0])
		peer_address(r->conn, r->client);
	if (!proxy || strcmp(proxy, r->client) ||
	    !(xff = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "X-Forwarded-For")))
		return;
	last = strrchr(xff, ',');
	last = last ? last + 1 : xff;
	last += strspn(last, " ");
	n = strcspn(last, " ");
	if (n == 0 || n >= sizeof(addr))
		return;
	memcpy(addr, last, n);
	addr[n] = '\0';
	if (inet_pton(AF_INET, addr, bin) == 1 || inet_pton(AF_INET6, addr, bin) == 1)
		memcpy(r->client, addr, n + 1);
}

/*
 * A route of staff that names a record ("/api/v1/<kind>/{id}...", where a
 * kind may be a family's "<family>/<records>") answers an
 * account of another region 404 before its body is read or checked, so that
 * no answer (a 403, a 400 on the body, a 409 on the stage) shows the record
 * exists. Routes the public may call answer everyone alike and are left to
 * their use case. true when the reply is sent.
 */
static bool out_of_scope(struct http_req *r, const struct http_route *route)
{
	static const char prefix[] = "/api/v1/";
	char kind[32];
	const char *p = route->pattern, *slash;
	struct px_err err = { 0 };
	char *end;

	if (route->roles & ROLES_PUBLIC || strncmp(p, prefix, sizeof(prefix) - 1))
		return false;
	p += sizeof(prefix) - 1;
	/* the kind is what precedes the first placeholder: "applications", or a
	   family's own "contest/entries" */
	slash = strstr(p, "/{id}");
	if (!slash || memchr(p, '{', (size_t)(slash - p)) || (size_t)(slash - p) >= sizeof(kind))
		return false;
	memcpy(kind, p, (size_t)(slash - p));
	kind[slash - p] = '\0';
	long long id = strtoll(r->params[0], &end, 10);
	if (*end || id <= 0)
		return false; /* the handler answers for a malformed id */
	if (!app_scope_check(r->srv->cfg.app, &r->actor, kind, id, &err))
		return false;
	http_fail(r, &err);
	return true;
}

/*
 * A public read: answers everyone alike, from the cache when it holds the
 * answer. The cache keeps answers by path, so a request with a query string
 * (a search, a filter, a track) is always rendered afresh.
 */
static bool public_read(const struct http_route *route, const struct http_req *r)
{
	return (route->flags & HTTP_PUBLIC_CACHE) && !strcmp(r->method, "GET") &&
	       MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, NULL, NULL) == 0;
}

/* A signed-in read kept for its reader (http/cache.h), on the same terms: GET, no query string. */
static int64_t kept_reader(const struct http_route *route, const struct http_req *r)
{
	if (!(route->flags & HTTP_READER_CACHE) || r->actor.kind != ACTOR_ACCOUNT || strcmp(r->method, "GET") ||
	    MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, NULL, NULL) != 0)
		return 0;
	return r->actor.id;
}

/* Run an admitted route's handler, unless memory holds its answer. */
static void run(struct http_req *r, const struct http_route *route)
{
	int64_t reader;

	if (public_read(route, r) && http_cache_answer(r, 0))
		return;
	if ((reader = kept_reader(route, r)) && http_cache_answer(r, reader))
		return;
	route->fn(r);
}

void http_dispatch(struct http_req *r)
{
	const struct http_server_config *cfg = &r->srv->cfg;
	const struct http_route *route = NULL;
	char allow[128] = "";
	bool path_known = false;
	const size_t *cand;
	size_t ncand;

	if (r->admitted) /* admitted in the first call, before any body was read */
		return run(r, r->route);
	if (!path_sane(r->path))
		return http_reply_errorf(r, PX_EINVAL, "bad_path", NULL, "malformed path");
	if (r->peek_done && r->peeked) { /* found before the body was read: not searched twice */
		int np;
		route = r->peeked;
		match(route->pattern, r->path, r->params, &np);
	}
	cand = http_route_index_find(r->srv->route_index, r->path, &ncand);
	for (size_t k = 0; k < ncand && !route; k++) {
		size_t i = cand[k];
		int np;
		if (!match(cfg->routes[i].pattern, r->path, r->params, &np))
			continue;
		path_known = true;
		if (!strcmp(cfg->routes[i].method, r->method))
			route = &cfg->routes[i];
		else if (strlen(allow) + strlen(cfg->routes[i].method) + 3 < sizeof(allow))
			snprintf(allow + strlen(allow), sizeof(allow) - strlen(allow), "%s%s",
				 allow[0] ? ", " : "", cfg->routes[i].method);
	}
	if (!route && path_known) {
		struct px_err err;
		px_err_set(&err, PX_EINVAL, "method_not_allowed", NULL, "method %s not allowed here",
			   r->method);
		http_add_header(r, "Allow", allow);
		return http_reply_error_status(r, 405, &err);
	}
	if (!route && cfg->web_enabled && (!strcmp(r->method, "GET") || !strcmp(r->method, "HEAD")))
		return static_serve(r, cfg->web); /* the browser UI: everything the API does not claim */
	if (!route)
		return http_reply_errorf(r, PX_ENOTFOUND, "no_route", NULL, "no such resource");
	/* r->params hold the chosen route's: matched last */
	r->route = route;
	/* public reads answer everyone alike: no session to resolve, maybe no handler to run */
	if (public_read(route, r)) {
		r->admitted = true;
		if (!r->admit_only)
			run(r, route);
		return;
	}

	resolve_client(r);
	resolve_session(r);
	if (!access_role_admitted(r->actor.role, route->roles)) {
		if (r->actor.kind != ACTOR_ACCOUNT)
			return http_reply_errorf(r, PX_EUNAUTH,
						 strcmp(r->token, "expired") ? "unauthenticated" : "session_expired",
						 NULL, "sign in first");
		return http_reply_errorf(r, PX_EFORBIDDEN, "forbidden_role", NULL,
					 "role '%s' may not do this", access_role_name(r->actor.role));
	}
	if (state_changing(r->method) && r->actor.kind == ACTOR_ACCOUNT &&
	    !(route->flags & HTTP_CSRF_EXEMPT)) {
		const char *t = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, HTTP_CSRF_HEADER);
		if (!t || strlen(t) != SESSION_TOKEN_HEX ||
		    sodium_memcmp(t, r->csrf, SESSION_TOKEN_HEX) != 0)
			return http_reply_errorf(r, PX_EFORBIDDEN, "csrf_failed", HTTP_CSRF_HEADER,
						 "missing or wrong CSRF token");
	}
	if (out_of_scope(r, route))
		return;
	r->admitted = true;
	if (!r->admit_only)
		run(r, route);
}

const struct http_route *http_route_peek(struct http_req *r)
{
	const struct http_server_config *cfg = &r->srv->cfg;
	char params[HTTP_MAX_PARAMS][128];
	const size_t *cand;
	size_t ncand;
	int np;

	if (r->peek_done)
		return r->peeked;
	if (!path_sane(r->path))
		return NULL;
	r->peek_done = true;
	cand = http_route_index_find(r->srv->route_index, r->path, &ncand);
	for (size_t k = 0; k < ncand && !r->peeked; k++)
		if (!strcmp(cfg->routes[cand[k]].method, r->method) &&
		    match(cfg->routes[cand[k]].pattern, r->path, params, &np))
			r->peeked = &cfg->routes[cand[k]];
	return r->peeked;
}

int http_admit(struct http_req *r)
{
	r->admit_only = true;
	http_dispatch(r);
	r->admit_only = false;
	return r->admitted ? 0 : -1;
}

struct app *http_app(struct http_req *r)
{
	return r->srv->cfg.app;
}

const struct app_actor *http_actor(struct http_req *r)
{
	return &r->actor;
}

const char *http_method(struct http_req *r)
{
	return r->method;
}

const char *http_path(struct http_req *r)
{
	return r->path;
}

const char *http_param(struct http_req *r, int i)
{
	return i >= 0 && i < HTTP_MAX_PARAMS ? r->params[i] : "";
}

const char *http_query(struct http_req *r, const char *key)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, key);
}

const char *http_header(struct http_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *http_client_address(struct http_req *r)
{
	if (!r->client[0])
		peer_address(r->conn, r->client);
	return r->client;
}

const char *http_session_token(struct http_req *r)
{
	return r->actor.kind == ACTOR_ACCOUNT ? r->token : "";
}

const void *http_body(struct http_req *r, size_t *len)
{
	*len = r->body_len;
	return r->body ? r->body : "";
}
