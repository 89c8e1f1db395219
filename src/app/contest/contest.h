/*
 * contest.h - contests run as programmes (第一届“品质青岛”故事大赛, 首届青岛市质量
 * 创新大赛): categories are the template's tracks, each with its number of
 * winners (the track's cap) split over prize levels (一等奖 ... 优秀奖, the
 * template's section); an entry is an engine application with its form
 * (title, author, description, the essay's text) and its works: video and
 * image files streamed to disk and recognised by their first bytes. Experts
 * drawn double-random score entries on the category's rubric (app/review);
 * the office then judges: per category, by score, up to its count and never
 * below the bar, ties broken as the template declares (core/rank.h), prizes
 * in order of place. Once published, the winning works form a public
 * gallery; other entries are never public. Returned JSON belongs to the
 * caller.
 */
#ifndef PX_APP_CONTEST_H
#define PX_APP_CONTEST_H

#include <jansson.h>
#include <stdint.h>

#include "app/app.h"
#include "app/programme/document.h"
#include "app/programme/programme.h"
#include "app/programme/template.h"

#define CONTEST_KIND "contest"                   /* the templates' "kind" */
#define CONTEST_FILE_HARD_MAX (2048ull << 20)    /* bytes per file, whatever a template says */
#define CONTEST_FILES_HARD_MAX 10                /* files per request and per entry */
#define CONTEST_PRIZES_MAX 8

/* What an entry's work is, by form (section.works). */
enum contest_work {
	CONTEST_WORK_VIDEO,      /* "video": at least one video */
	CONTEST_WORK_IMAGE,      /* "image": at least one image */
	CONTEST_WORK_MEDIA,      /* "media": at least one video or image */
	CONTEST_WORK_TEXT,       /* "text": the text field, no files */
	CONTEST_WORK_TEXT_MEDIA, /* "text_media": the text field, videos or images optional */
};

struct contest_rules {
	int nprizes;
	char prize_code[CONTEST_PRIZES_MAX][16];
	char prize_name[CONTEST_PRIZES_MAX][32];
	uint64_t file_max;    /* bytes per file */
	int files_max;        /* files per entry */
	char text_field[32];  /* the form field holding an essay's text */
};

/*
 * The rules of a template's "section" (the family's check, family.h):
 * prizes [{code, name}] (1..8), split {track: [count per prize]}, works
 * {form: "video" | "image" | "media" | "text" | "text_media"}, text_field,
 * file_max_mb (1..2048), files_max (1..10). PX_EINVAL "bad_template" naming
 * the key otherwise. Whether split matches the tracks is checked against the
 * template by contest_split().
 */
int contest_rules_of(const json_t *section, struct contest_rules *out, struct px_err *err);

/*
 * The prize counts of track k (counts[0..nprizes)): they must add up to the
 * track's cap, PX_EINVAL "bad_template" naming section.split.<track>.
 */
int contest_split(const struct template *t, const json_t *section, const struct contest_rules *r, int k,
		  int counts[CONTEST_PRIZES_MAX], struct px_err *err);

/* The work of a form; CONTEST_WORK_TEXT_MEDIA for a form the section does not name (checked there). */
enum contest_work contest_work_of(const json_t *section, const char *form);

/*
 * The contest's rules for anyone (entry forms, the gallery): {programme,
 * title, stage, bar, file_max, files_max, text_field, prizes, categories:
 * [{code, name, applicant, winners, split: [{prize, name, count}], forms:
 * [{code, label, work}]}]}. 404 for a programme of another family.
 */
int contest_rules_json(struct app *app, int64_t programme_id, json_t **out, struct px_err *err);

/*
 * May the actor add works to the entry now? (before the body is read) The
 * entry's editor (apply.h), a draft in the application stage, a form that
 * takes files ("wrong_work_kind"), room for one more ("too_many_works").
 * *file_max is the template's cap per file.
 */
int contest_work_may_upload(struct app *app, const struct app_actor *actor, int64_t entry_id, uint64_t *file_max,
			    struct px_err *err);

/*
 * Add uploaded files to the entry's works, each recognised by its first bytes:
 * MP4, QuickTime (.mov) and WebM video, JPEG and PNG images; anything else
 * PX_EINVAL "unsupported_file_type" naming the file, a kind its form does
 * not take "wrong_work_kind"; more than files_max "too_many_works"; nothing
 * kept unless all are. *out {works: [...]}. Audited "contest.work".
 */
int contest_work_add(struct app *app, const struct app_actor *actor, int64_t entry_id,
		     const struct document_file *files, size_t n, json_t **out, struct px_err *err);

/*
 * A work's file for streaming: the entry's editors and readers, the experts
 * assigned to it, and everyone once the gallery is published and the entry
 * won; 404 otherwise. path receives its place in the file store.
 */
int contest_work_open(struct app *app, const struct app_actor *actor, int64_t work_id, char *path, size_t cap,
		      char mime[32], struct px_err *err);

/*
 * Submit an entry (draft -> submitted) in the application stage within its
 * window: the form complete ("form_incomplete" naming the field), the work
 * its form asks for ("work_missing"). *out as contest_entry_json().
 */
int contest_entry_submit(struct app *app, const struct app_actor *actor, int64_t entry_id, json_t **out,
			 struct px_err *err);

/*
 * One entry {id, programme, category, form, state, title, author,
 * description, text, works, prize, score}: for its readers (the applicant,
 * the office and its region's staff) and the experts assigned to it (who see
 * no applicant), 404 for anyone else.
 */
int contest_entry_json(struct app *app, const struct app_actor *actor, int64_t entry_id, json_t **out,
		       struct px_err *err);

/*
 * Judge (the programme's office, in its approval stage): every entry in
 * review ranked per category by its review score (core/rank.h: the cap, the
 * bar, the declared tie-break); the placed are winners with the prize of
 * their place, the others not_proposed. "score_missing" when an entry has no
 * score. *out as contest_board().
 */
int contest_judge(struct app *app, const struct app_actor *actor, int64_t programme_id, json_t **out,
		  struct px_err *err);

/*
 * The office's board (office and leadership of the programme's region):
 * {programme, stage, published, categories: [{code, name, winners, entries,
 * submitted, placed, vacant, prizes: [{prize, name, count, placed}],
 * entries: [{id, title, form, state, score, place, prize, works}]}]}.
 */
int contest_board(struct app *app, const struct app_actor *actor, int64_t programme_id, json_t **out,
		  struct px_err *err);

/*
 * Publish the winners (the office, in the publication stage, once): the
 * winners' notice through the engine (notice_issue) and the public gallery.
 * "already_published" (409) the second time. *out {notice, gallery}.
 */
int contest_publish(struct app *app, const struct app_actor *actor, int64_t programme_id, json_t **out,
		    struct px_err *err);

/*
 * The public gallery of a published contest: {programme, title,
 * published_at, categories: [{code, name, winners: [{id, place, prize,
 * prize_name, title, author, form, form_label, description, text, works:
 * [{id, kind, mime, url}]}]}]}. PX_ENOTFOUND "gallery_not_published" before.
 */
int contest_gallery(struct app *app, int64_t programme_id, json_t **out, struct px_err *err);

/* Exit checks (family.c): submitted entries go to review (drafts stay behind); judging done. */
int contest_close_application(struct app *app, struct store_conn *c, const struct programme *p,
			      const struct tpl_stage *s, struct px_err *err);
int contest_close_judging(struct app *app, struct store_conn *c, const struct programme *p,
			  const struct tpl_stage *s, struct px_err *err);

#endif
