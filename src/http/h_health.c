/*
 * h_health.c - GET /api/v1/health: is the server up (no database round trip,
 * so a load balancer's probe costs nothing).
 */
#include "http/handlers.h"

void h_health(struct http_req *r)
{
	http_reply_json(r, 200, json_pack("{s:s, s:s}", "status", "ok", "version", PX_VERSION));
}
