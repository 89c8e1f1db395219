/*
 * qr.c - the SVG writer of qr.h: libqrencode gives the module matrix, each
 * dark module becomes one unit square of a single path, so the image scales
 * without blur and stays a few kilobytes.
 */
#include "report/qr.h"

#include <qrencode.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QR_QUIET 4

/* Append to a growing buffer; false when out of memory. */
static bool put(char **buf, size_t *len, size_t *cap, const char *s, size_t n)
{
	if (*len + n + 1 > *cap) {
		size_t want = (*cap ? *cap * 2 : 4096) + n;
		char *b = realloc(*buf, want);
		if (!b)
			return false;
		*buf = b;
		*cap = want;
	}
	memcpy(*buf + *len, s, n);
	*len += n;
	(*buf)[*len] = '\0';
	return true;
}

static bool puts_(char **buf, size_t *len, size_t *cap, const char *s)
{
	return put(buf, len, cap, s, strlen(s));
}

int qr_svg(const char *text, char **svg, size_t *len, struct px_err *err)
{
	size_t n = 0, cap = 0, tlen = text ? strlen(text) : 0;
	char *buf = NULL, cell[48];
	bool ok = true;
	QRcode *q;

	*svg = NULL;
	*len = 0;
	if (!tlen || tlen > QR_TEXT_MAX)
		return px_err_set(err, PX_EINVAL, "qr_text", "text", "a QR code carries 1 to %d bytes, not %zu",
				  QR_TEXT_MAX, tlen);
	if (!(q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1)))
		return px_err_set(err, PX_ENOMEM, NULL, "", "out of memory");
	int side = q->width + 2 * QR_QUIET;
	int m = snprintf(cell, sizeof(cell), "%d", side);
	ok = puts_(&buf, &n, &cap, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ") &&
	     put(&buf, &n, &cap, cell, (size_t)m) && puts_(&buf, &n, &cap, " ") && put(&buf, &n, &cap, cell, (size_t)m) &&
	     puts_(&buf, &n, &cap, "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" "
				   "fill=\"#fff\"/><path fill=\"#000\" d=\"");
	for (int y = 0; ok && y < q->width; y++)
		for (int x = 0; ok && x < q->width; x++) {
			if (!(q->data[y * q->width + x] & 1))
				continue;
			m = snprintf(cell, sizeof(cell), "M%d %dh1v1h-1z", x + QR_QUIET, y + QR_QUIET);
			ok = put(&buf, &n, &cap, cell, (size_t)m);
		}
	ok = ok && puts_(&buf, &n, &cap, "\"/></svg>\n");
	QRcode_free(q);
	if (!ok) {
		free(buf);
		return px_err_set(err, PX_ENOMEM, NULL, "", "out of memory");
	}
	*svg = buf;
	*len = n;
	return 0;
}

int qr_modules(const char *text, unsigned char **modules, int *width, struct px_err *err)
{
	size_t tlen = text ? strlen(text) : 0;
	unsigned char *m;
	QRcode *q;

	*modules = NULL;
	*width = 0;
	if (!tlen || tlen > QR_TEXT_MAX)
		return px_err_set(err, PX_EINVAL, "qr_text", "text", "a QR code carries 1 to %d bytes, not %zu",
				  QR_TEXT_MAX, tlen);
	if (!(q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1)))
		return px_err_set(err, PX_ENOMEM, NULL, "", "out of memory");
	if (!(m = malloc((size_t)q->width * (size_t)q->width))) {
		QRcode_free(q);
		return px_err_set(err, PX_ENOMEM, NULL, "", "out of memory");
	}
	for (int i = 0; i < q->width * q->width; i++)
		m[i] = q->data[i] & 1;
	*modules = m;
	*width = q->width;
	QRcode_free(q);
	return 0;
}
