/*
 * cache.h - public reads answered from memory, with ETag and 304.
 *
 * Routes flagged HTTP_PUBLIC_CACHE (programmes, notices, winners, certificate
 * verification) answer the same bytes to everyone. Their 200 bodies are kept
 * by path, keyed by the store's write generation (app_generation) read before
 * the handler ran: any committed write in this process makes them stale at
 * once, and an entry is also re-rendered after HTTP_CACHE_MAX_AGE_MS so that
 * writes by other processes (the CLI, another node) show within that bound.
 * The ETag is a hash of the body, so re-rendering an unchanged answer keeps
 * its ETag and clients holding it still get 304 Not Modified.
 *
 * Routes flagged HTTP_READER_CACHE (a signed-in read: an application, a
 * list of them) keep their answer the same way for the one account it was
 * rendered for, after that account's roles, region and scope were checked:
 * the next read by that account within the bound, with no write between,
 * is the same bytes. Personal answers keep Cache-Control: no-store and no
 * ETag; only this process's memory holds them.
 */
#ifndef PX_HTTP_CACHE_H
#define PX_HTTP_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HTTP_CACHE_MAX_AGE_MS 1000
#define HTTP_CACHE_SLOTS 256

struct http_req;
struct http_cache_answer;

/*
 * For a cacheable request: answer it from memory (true: r->response is set,
 * 200 or 304) or note the generation it is rendered under (false: run the
 * handler; http_cache_keep stores its answer). `reader`: the account a
 * signed-in read is kept for, 0 for a public read.
 */
bool http_cache_answer(struct http_req *r, int64_t reader);

/* Keep a rendered 200 body of a cacheable request; writes its ETag into etag (quoted). */
void http_cache_keep(struct http_req *r, const char *body, size_t len, char etag[24]);

/* Does an If-None-Match header value name this ETag (or "*")? */
bool http_cache_etag_matches(const char *if_none_match, const char *etag);

#endif
