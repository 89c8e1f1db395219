/*
 * odoc.c - what the PDF and .docx writers of official documents share: the
 * check of a document before any file is created (every string, every table's
 * shape, the total amount of text), reading its images and telling PNG from
 * JPEG by their headers (with their size in pixels, which both writers need to
 * scale them to the text width), and the date and recipients lines as printed.
 */
#include "report/odoc_int.h"

#include <errno.h>
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "report/file.h"
#include "report/text.h"

static int check_table(const struct odoc_table *t, int b, size_t *total, struct px_err *err)
{
	char field[96];
	int rc;

	if (!t)
		return px_err_set(err, PX_EINVAL, "report_missing_field", "table",
				  "blocks[%d]: missing table", b);
	snprintf(field, sizeof(field), "blocks[%d].table", b);
	if (t->ncols < 1 || t->ncols > ODOC_COLS_MAX || t->nrows < 0 || t->nrows > ODOC_ROWS_MAX ||
	    !t->head || (t->nrows && !t->cells))
		return px_err_set(err, PX_EINVAL, "report_bad_table", field,
				  "%s: 1 to %d columns, 0 to %d rows, a header and cells", field,
				  ODOC_COLS_MAX, ODOC_ROWS_MAX);
	for (int c = 0; c < t->ncols; c++) {
		snprintf(field, sizeof(field), "blocks[%d].table.head[%d]", b, c);
		if ((rc = report_check_text(field, t->head[c], REPORT_NAME_MAX, 0, err)))
			return rc;
		*total += strlen(t->head[c]);
	}
	for (int i = 0; i < t->ncols * t->nrows; i++) {
		snprintf(field, sizeof(field), "blocks[%d].table.cells[%d]", b, i);
		if ((rc = report_check_text(field, t->cells[i], REPORT_CELL_MAX,
					    REPORT_TEXT_OPTIONAL | REPORT_TEXT_MULTILINE, err)))
			return rc;
		*total += t->cells[i] ? strlen(t->cells[i]) : 0;
	}
	return 0;
}

static int check_block(const struct odoc_block *k, int b, size_t *total, struct px_err *err)
{
	char field[64];

	switch (k->kind) {
	case ODOC_HEADING1:
	case ODOC_HEADING2:
	case ODOC_PARA:
		snprintf(field, sizeof(field), "blocks[%d].text", b);
		*total += k->text ? strnlen(k->text, REPORT_PARA_MAX + 1) : 0;
		if (k->kind == ODOC_PARA)
			return report_check_text(field, k->text, REPORT_PARA_MAX,
						 REPORT_TEXT_MULTILINE, err);
		return report_check_text(field, k->text, REPORT_LINE_MAX, 0, err);
	case ODOC_TABLE:
		return check_table(k->table, b, total, err);
	case ODOC_IMAGE:
		snprintf(field, sizeof(field), "blocks[%d].image_path", b);
		return report_check_text(field, k->image_path, REPORT_PATH_MAX, 0, err);
	}
	snprintf(field, sizeof(field), "blocks[%d].kind", b);
	return px_err_set(err, PX_EINVAL, "report_bad_block", field, "unknown block kind %d",
			  (int)k->kind);
}

int odoc_check(const struct odoc *d, struct px_err *err)
{
	size_t total = 0;
	int rc;

	if (!d)
		return px_err_set(err, PX_EINVAL, "report_missing_field", "doc", "missing document");
	if ((rc = report_check_text("issuer", d->issuer, REPORT_NAME_MAX, 0, err)) ||
	    (rc = report_check_text("number", d->number, REPORT_CODE_MAX, REPORT_TEXT_OPTIONAL,
				    err)) ||
	    (rc = report_check_text("title", d->title, REPORT_LINE_MAX, 0, err)) ||
	    (rc = report_check_text("recipients", d->recipients, REPORT_LINE_MAX,
				    REPORT_TEXT_OPTIONAL, err)) ||
	    (rc = report_check_text("signer", d->signer, REPORT_NAME_MAX, REPORT_TEXT_OPTIONAL,
				    err)) ||
	    (rc = report_check_text("date", d->date, REPORT_CODE_MAX, REPORT_TEXT_OPTIONAL, err)) ||
	    (rc = report_check_text("cc", d->cc, REPORT_LINE_MAX, REPORT_TEXT_OPTIONAL, err)) ||
	    (rc = report_check_text("printer", d->printer, REPORT_NAME_MAX, REPORT_TEXT_OPTIONAL,
				    err)) ||
	    (rc = report_check_text("printed", d->printed, REPORT_CODE_MAX, REPORT_TEXT_OPTIONAL,
				    err)))
		return rc;
	if (d->nblocks < 0 || d->nblocks > ODOC_BLOCKS_MAX || (d->nblocks && !d->blocks))
		return px_err_set(err, PX_EINVAL, "report_bad_block", "blocks",
				  "0 to %d blocks", ODOC_BLOCKS_MAX);
	for (int b = 0; b < d->nblocks; b++) {
		if ((rc = check_block(&d->blocks[b], b, &total, err)))
			return rc;
		if (total > REPORT_PDF_TEXT_MAX)
			return px_err_set(err, PX_ETOOBIG, "report_document_too_large", "blocks",
					  "document text exceeds %d bytes", REPORT_PDF_TEXT_MAX);
	}
	return 0;
}

static uint32_t be16(const unsigned char *p)
{
	return (uint32_t)p[0] << 8 | p[1];
}

static uint32_t be32(const unsigned char *p)
{
	return be16(p) << 16 | be16(p + 2);
}

/* The first start-of-frame marker of a JPEG gives its size. */
static bool probe_jpeg(struct odoc_image *img)
{
	const unsigned char *p = img->data;
	size_t i = 2, n = img->len;

	while (i + 9 < n) {
		if (p[i] != 0xFF)
			return false;
		unsigned m = p[i + 1];
		if (m == 0xFF) {
			i++;
			continue;
		}
		if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
			img->h = (int)be16(p + i + 5);
			img->w = (int)be16(p + i + 7);
			img->jpeg = true;
			return true;
		}
		i += 2 + be16(p + i + 2);
	}
	return false;
}

bool odoc_image_probe(struct odoc_image *img)
{
	static const unsigned char png[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
	const unsigned char *p = img->data;

	img->w = img->h = 0;
	img->jpeg = false;
	if (img->len >= 24 && !memcmp(p, png, 8) && !memcmp(p + 12, "IHDR", 4)) {
		uint32_t w = be32(p + 16), h = be32(p + 20);
		if (w > INT32_MAX || h > INT32_MAX)
			return false;
		img->w = (int)w;
		img->h = (int)h;
	} else if (!(img->len >= 4 && p[0] == 0xFF && p[1] == 0xD8 && probe_jpeg(img))) {
		return false;
	}
	return img->w > 0 && img->h > 0 &&
	       (uint64_t)img->w * (uint64_t)img->h <= ODOC_IMAGE_PIXELS_MAX;
}

static int bad_image(const char *field, const char *path, const char *why, struct px_err *err)
{
	return px_err_set(err, PX_EINVAL, "report_bad_image", field, "image '%s': %s", path, why);
}

static int load_image(const char *path, const char *field, struct odoc_image *img,
		      struct px_err *err)
{
	FILE *fp = fopen(path, "rb");
	long size;
	int rc = 0;

	if (!fp)
		return bad_image(field, path, strerror(errno), err);
	if (fseek(fp, 0, SEEK_END) || (size = ftell(fp)) < 0 || fseek(fp, 0, SEEK_SET)) {
		rc = bad_image(field, path, "cannot be read", err);
		goto out_close;
	}
	if (size == 0 || size > ODOC_IMAGE_MAX) {
		rc = bad_image(field, path, "empty or larger than 16 MiB", err);
		goto out_close;
	}
	if (!(img->data = malloc((size_t)size))) {
		rc = px_err_set(err, PX_ENOMEM, NULL, field, "out of memory reading '%s'", path);
		goto out_close;
	}
	img->len = fread(img->data, 1, (size_t)size, fp);
	if (img->len != (size_t)size)
		rc = bad_image(field, path, "cannot be read", err);
	else if (!odoc_image_probe(img))
		rc = bad_image(field, path, "not a PNG or JPEG image of at most 25 megapixels", err);
out_close:
	fclose(fp);
	return rc;
}

int odoc_images_load(const struct odoc *d, struct odoc_image **out, struct px_err *err)
{
	struct odoc_image *imgs = calloc(d->nblocks ? (size_t)d->nblocks : 1, sizeof(*imgs));
	char field[64];
	size_t total = 0;
	int rc;

	*out = NULL;
	if (!imgs)
		return px_err_set(err, PX_ENOMEM, NULL, "", "out of memory");
	for (int b = 0; b < d->nblocks; b++) {
		if (d->blocks[b].kind != ODOC_IMAGE)
			continue;
		snprintf(field, sizeof(field), "blocks[%d].image_path", b);
		if ((rc = load_image(d->blocks[b].image_path, field, &imgs[b], err)))
			goto out_free;
		total += imgs[b].len;
		if (total > ODOC_IMAGES_TOTAL_MAX) {
			rc = px_err_set(err, PX_ETOOBIG, "report_document_too_large", field,
					"images exceed %d bytes in all", ODOC_IMAGES_TOTAL_MAX);
			goto out_free;
		}
	}
	*out = imgs;
	return 0;

out_free:
	odoc_images_free(imgs, d->nblocks);
	return rc;
}

void odoc_images_free(struct odoc_image *imgs, int n)
{
	if (!imgs)
		return;
	for (int i = 0; i < n; i++)
		free(imgs[i].data);
	free(imgs);
}

double odoc_text_chars(const char *s)
{
	double n = 0;

	for (; s && *s; s = g_utf8_next_char(s))
		n += (unsigned char)*s < 0x80 ? 0.5 : 1;
	return n;
}

void odoc_table_shares(const struct odoc_table *t, double share[ODOC_COLS_MAX])
{
	double total = 0;

	for (int c = 0; c < t->ncols; c++) {
		share[c] = odoc_text_chars(t->head[c]);
		for (int r = 0; r < t->nrows && r < 200; r++) {
			double n = odoc_text_chars(t->cells[r * t->ncols + c]);
			share[c] = n > share[c] ? n : share[c];
		}
		share[c] = (share[c] < 2 ? 2 : share[c] > 14 ? 14 : share[c]) + 1;
		total += share[c];
	}
	for (int c = 0; c < t->ncols; c++)
		share[c] /= total;
}

void odoc_date_text(const char *date, char buf[ODOC_TEXT_LEN])
{
	px_date day;

	if (report_text_empty(date)) {
		buf[0] = '\0';
		return;
	}
	if (!date_parse(date, strlen(date), &day) && !report_check_date("date", day, NULL)) {
		report_date_zh(day, buf);
		return;
	}
	snprintf(buf, ODOC_TEXT_LEN, "%s", date);
}

const char *odoc_iso_datetime(const char *date, char buf[ODOC_ISO_LEN])
{
	char day[11];
	px_date d;

	if (report_text_empty(date) || date_parse(date, strlen(date), &d) ||
	    report_check_date("date", d, NULL))
		return NULL;
	date_format(d, day);
	snprintf(buf, ODOC_ISO_LEN, "%sT00:00:00", day);
	return buf;
}

void odoc_recipients_text(const char *recipients, char buf[ODOC_TEXT_LEN])
{
	static const char colon[] = "：";
	size_t n = recipients ? strlen(recipients) : 0;

	if (!n) {
		buf[0] = '\0';
		return;
	}
	if (n >= sizeof(colon) - 1 && !strcmp(recipients + n - (sizeof(colon) - 1), colon))
		snprintf(buf, ODOC_TEXT_LEN, "%s", recipients);
	else
		snprintf(buf, ODOC_TEXT_LEN, "%s%s", recipients, colon);
}

/* A line with its prefix and a closing mark added unless it ends with it already. */
static void framed(const char *prefix, const char *text, const char *close, char buf[ODOC_TEXT_LEN])
{
	size_t n = text ? strlen(text) : 0, c = strlen(close);

	if (!n) {
		buf[0] = '\0';
		return;
	}
	if (n >= c && !strcmp(text + n - c, close))
		close = "";
	snprintf(buf, ODOC_TEXT_LEN, "%s%s%s", prefix, text, close);
}

void odoc_imprint_text(const struct odoc *d, char cc[ODOC_TEXT_LEN], char printed[ODOC_TEXT_LEN])
{
	char day[ODOC_TEXT_LEN];

	framed("抄送：", d->cc, "。", cc);
	odoc_date_text(d->printed, day);
	framed("", day, "印发", printed);
}
