/*
 * media.h - the media campaign of a quality month (深质强办〔2015〕17号 附件2):
 * interviews and reports planned with the template's outlets, each report's
 * publication recorded with its link; and the materials archive (photos,
 * videos, texts) the office keeps to compile into a volume (汇编成册). The
 * office of the campaign's region writes; the office, the leadership of
 * its region and the participating units read. Returned JSON belongs to
 * the caller.
 */
#ifndef PX_APP_CAMPAIGN_MEDIA_H
#define PX_APP_CAMPAIGN_MEDIA_H

#include <jansson.h>

#include "app/app.h"
#include "app/reporting/reporting.h"

#define CAMPAIGN_PHOTOS_PER_REQUEST 10

/* Plan an interview or report with an outlet of the template ("unknown_outlet", "invalid_kind"). */
int campaign_media_plan(struct app *app, const struct app_actor *actor, int64_t programme_id, const char *outlet,
			const char *kind, const char *title, const char *planned_on, json_t **out, struct px_err *err);

/* Record a planned item's publication: its date and link ("invalid_link"). */
int campaign_media_publish(struct app *app, const struct app_actor *actor, int64_t id, const char *published_on,
			   const char *link, json_t **out, struct px_err *err);

/* {outlets, media: [...], materials: [...]} of the campaign. */
int campaign_media_json(struct app *app, const struct app_actor *actor, int64_t programme_id, json_t **out,
			struct px_err *err);

/* Archive a video (link) or a text (body and/or link), optionally of a media item. */
int campaign_material_add(struct app *app, const struct app_actor *actor, int64_t programme_id, const char *kind,
			  const char *title, int64_t media_id, const char *link, const char *body, json_t **out,
			  struct px_err *err);

/* Archive photos (JPEG/PNG) uploaded by the office, each titled `title`. *out: the materials. */
int campaign_material_photos(struct app *app, const struct app_actor *actor, int64_t programme_id, const char *title,
			     const struct reporting_file *files, size_t n, json_t **out, struct px_err *err);

/* May the actor archive photos of the campaign now? (before an upload's body is read) */
int campaign_material_may_upload(struct app *app, const struct app_actor *actor, int64_t programme_id,
				 struct px_err *err);

/* An archived photo for download: its path, MIME type and a name. */
int campaign_material_open(struct app *app, const struct app_actor *actor, int64_t id, char *path, size_t cap,
			   char mime[32], struct px_err *err);

#endif
