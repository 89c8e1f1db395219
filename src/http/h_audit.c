/*
 * h_audit.c - GET /api/v1/audit/head: the head of the audit chain (seq and
 * hash), public, so that anyone can pin the log's state at a moment and later
 * check that nothing before it changed; GET /api/v1/audit/verify: an office
 * recomputes the chain.
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

/*
 * GET /api/v1/audit/verify: an office recomputes the whole chain (docs/audit.md)
 * and reads the number of rows checked, the head and the first broken row.
 */
void h_audit_verify(struct http_req *r)
{
	struct px_err err = { 0 };
	struct audit_report rep;
	if (audit_verify_office(http_app(r), http_actor(r), &rep, &err)) {
		http_reply_error(r, &err);
		return;
	}
	json_t *out = json_pack("{s:I, s:b, s:{s:I, s:s}}", "rows", (json_int_t)rep.rows, "intact", !rep.first_bad,
				"head", "seq", (json_int_t)rep.head.seq, "hash", rep.head.hash);
	if (rep.first_bad)
		json_object_set_new(out, "broken", json_pack("{s:I, s:s, s:s}", "row", (json_int_t)rep.first_bad, "code",
							     rep.code ? rep.code : "audit_broken", "problem", rep.problem));
	http_reply_json(r, 200, out);
}
