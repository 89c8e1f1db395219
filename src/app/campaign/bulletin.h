/*
 * bulletin.h - the documents the office compiles from a quality month: the
 * bulletin (情况通报: overview with figures, the activities by focus and by
 * unit, typical cases, the late and missing units, and a closing section the
 * office writes) and the materials volume (汇编成册: the media campaign's
 * reports, photos, videos and texts). Each is compiled as an official
 * document - issuer, number, title, recipients, blocks (heading1, heading2,
 * para, table, image), signer, date - the shape of the official-document
 * writers' struct (GB/T 9704), previewed as JSON. The office edits the
 * title, the overview and the closing before issuing; issuing records the
 * document number and the compiled content, and appends its SHA-256 to the
 * audit chain. `kind` is "bulletin" or "volume". Returned JSON belongs to
 * the caller.
 */
#ifndef PX_APP_CAMPAIGN_BULLETIN_H
#define PX_APP_CAMPAIGN_BULLETIN_H

#include <jansson.h>

#include "app/app.h"

/* The document: as issued, or compiled now from the reports with the office's edits. Office and leadership. */
int campaign_document_json(struct app *app, const struct app_actor *actor, int64_t programme_id, const char *kind,
			   json_t **out, struct px_err *err);

/* Keep the office's title, overview and closing (NULL: unchanged). "already_issued" once issued. */
int campaign_document_edit(struct app *app, const struct app_actor *actor, int64_t programme_id, const char *kind,
			   const char *title, const char *overview, const char *closing, json_t **out,
			   struct px_err *err);

/* Issue: compile, record number, date, content and SHA-256; audited "campaign.issue". */
int campaign_document_issue(struct app *app, const struct app_actor *actor, int64_t programme_id, const char *kind,
			    const char *number, const char *issued_on, json_t **out, struct px_err *err);

#endif
