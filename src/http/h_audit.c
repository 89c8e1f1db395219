/*
 * h_audit.c - GET /api/v1/audit/head: the head of the audit chain (seq and
 * hash), public, so that anyone can pin the log's state at a moment and later
 * check that nothing before it changed.
 */
#include "http/handlers.h"

#include "app/audit.h"

void h_audit_head(struct http_req *r)
{
	struct px_err err = { 0 };
	struct audit_head head;
	if (audit_head_get(http_app(r), &head, &err)) {
		http_reply_error(r, &err);
		return;
	}
	http_reply_json(r, 200, json_pack("{s:I, s:s}", "seq", (json_int_t)head.seq, "hash", head.hash));
}
