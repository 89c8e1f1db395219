/*
 * qr.h - QR codes as SVG images, for the verification links printed on
 * certificates and shown in the public register (libqrencode).
 */
#ifndef PX_REPORT_QR_H
#define PX_REPORT_QR_H

#include <stddef.h>

#include "util/err.h"

#define QR_TEXT_MAX 512 /* bytes of text a code carries */

/*
 * An SVG image (a white square with a 4-module quiet zone, one black path)
 * of a QR code carrying `text` at error-correction level M. *svg is
 * malloc'd, the caller frees it; *len its length. PX_EINVAL "qr_text" for
 * an empty or too long text, PX_ENOMEM.
 */
int qr_svg(const char *text, char **svg, size_t *len, struct px_err *err);

/*
 * The module matrix of the same code, for writers that draw it themselves
 * (the certificate PDF): *modules is malloc'd, width * width bytes row by
 * row, 1 for a dark module; the caller frees it. No quiet zone included.
 * Errors as qr_svg.
 */
int qr_modules(const char *text, unsigned char **modules, int *width, struct px_err *err);

#endif
