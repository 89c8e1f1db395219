/*
 * h_certificates.c - certificates and the public list of winners:
 *   POST /api/v1/programmes/{id}/certificates     issue the winners' certificates (office)
 *   GET  /api/v1/programmes/{id}/certificates     the programme's certificates (office)
 *   GET  /api/v1/certificates/verify/{code}/qr.svg the QR code of the verification URL (public)
 *   GET  /api/v1/certificates/verify/{code}       check a verification code (public)
 *   GET  /api/v1/certificates/{id}/pdf            the certificate's PDF (the winner's account, office)
 *   GET  /api/v1/programmes/{id}/winners          the winners once published (public)
 */
#include "http/handlers.h"

#include "app/programme/certificate.h"
#include "http/json_in.h"

void h_certificates_issue(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (certificate_issue(http_app(r), http_actor(r), id, &out, &err))
		return (void)http_fail(r, &err);
	http_reply_json(r, 201, out);
}

void h_certificates_list(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (certificate_list(http_app(r), http_actor(r), id, &out, &err))
		return (void)http_fail(r, &err);
	http_reply_json(r, 200, out);
}

void h_certificates_qr(struct http_req *r)
{
	struct px_err err = { 0 };
	char *svg = NULL;
	size_t len = 0;
	if (certificate_qr(http_app(r), http_param(r, 0), &svg, &len, &err))
		return (void)http_fail(r, &err);
	http_reply_bytes(r, 200, "image/svg+xml", NULL, svg, len);
}

void h_certificates_verify(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	if (certificate_verify(http_app(r), http_param(r, 0), &out, &err))
		return (void)http_fail(r, &err);
	http_reply_json(r, 200, out);
}

void h_certificates_pdf(struct http_req *r)
{
	struct px_err err = { 0 };
	char *pdf = NULL, name[64];
	size_t len = 0;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (certificate_pdf(http_app(r), http_actor(r), id, &pdf, &len, name, &err))
		return (void)http_fail(r, &err);
	http_reply_bytes(r, 200, "application/pdf", name, pdf, len);
}

void h_winners_get(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (certificate_winners(http_app(r), id, &out, &err))
		return (void)http_fail(r, &err);
	http_reply_json(r, 200, out);
}
