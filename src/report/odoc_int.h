/*
 * odoc_int.h - internal to src/report: what the two writers of odoc.h share:
 * the check of a whole document, its images read into memory and probed for
 * type and size, and the fixed texts (the date in Chinese, the recipients
 * with their colon). Not for use outside report/.
 */
#ifndef PX_REPORT_ODOC_INT_H
#define PX_REPORT_ODOC_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "report/odoc.h"
#include "util/err.h"

#define ODOC_TEXT_LEN 1100 /* a line of odoc_date_text() or odoc_recipients_text(), NUL included */

/* An image file read whole: PNG or JPEG, its size in pixels. */
struct odoc_image {
	unsigned char *data;
	size_t len;
	int w, h;
	bool jpeg;    /* false: PNG */
};

/* Check every field of d (odoc.h lists the errors); images are not opened. */
int odoc_check(const struct odoc *d, struct px_err *err);

/*
 * Read the image of every ODOC_IMAGE block: *out is an array of d->nblocks
 * (entries of other blocks are zero), to be freed by odoc_images_free().
 */
int odoc_images_load(const struct odoc *d, struct odoc_image **out, struct px_err *err);
void odoc_images_free(struct odoc_image *imgs, int n);

/* Probe an image in memory: PNG or JPEG, w and h; false for anything else. */
bool odoc_image_probe(struct odoc_image *img);

/* Characters s takes on a line, Latin counted half (NULL: 0). */
double odoc_text_chars(const char *s);

/*
 * Each column's share of the table's width (summing to 1): as wide as its
 * longest cell among the header and the first rows, Latin counted half a
 * character, between 2 and 14 characters, plus one for the padding.
 */
void odoc_table_shares(const struct odoc_table *t, double share[ODOC_COLS_MAX]);

/* date as printed: "2015-10-20" becomes "2015年10月20日", anything else is copied. */
void odoc_date_text(const char *date, char buf[ODOC_TEXT_LEN]);

#define ODOC_ISO_LEN 20 /* "2015-10-30T00:00:00" and a NUL */

/*
 * The document's date as the files' creation time, so that the same
 * document gives the same bytes: "2015-10-30T00:00:00" in buf when date is
 * a real YYYY-MM-DD date (returns buf), NULL otherwise (the writers use now).
 */
const char *odoc_iso_datetime(const char *date, char buf[ODOC_ISO_LEN]);

/* recipients with a full-width colon at the end (added when missing). */
void odoc_recipients_text(const char *recipients, char buf[ODOC_TEXT_LEN]);

/*
 * The 版记 lines: "抄送：<cc>。" and "<printed as a date>印发" (each "" when
 * its field is empty; the closing mark is not doubled).
 */
void odoc_imprint_text(const struct odoc *d, char cc[ODOC_TEXT_LEN], char printed[ODOC_TEXT_LEN]);

#endif
