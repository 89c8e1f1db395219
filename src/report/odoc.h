/*
 * odoc.h - an official document (公文) as a typed struct, written as a PDF laid
 * out per GB/T 9704-2012 (党政机关公文格式) or as an editable .docx that Word
 * and WPS open without repair.
 *
 * A document is its 版头 (issuer mark in red, document number, red separator
 * line), its title, the recipients (主送机关), the body as a list of blocks
 * (一、 headings, （一） headings, paragraphs, bordered tables, images scaled to
 * the text width) and the signature (发文机关署名, 成文日期) at the end.
 *
 * Both writers check every string first (report/text.h: UTF-8, no control
 * characters; caps in bytes: issuer, signer, printer and table headers
 * REPORT_NAME_MAX, number, date and printed REPORT_CODE_MAX, title,
 * recipients, cc and headings REPORT_LINE_MAX, paragraphs REPORT_PARA_MAX,
 * table cells REPORT_CELL_MAX; paragraphs and cells may hold '\n' and
 * '\t'), read every image (PNG or JPEG, at most ODOC_IMAGE_MAX bytes and
 * ODOC_IMAGE_PIXELS_MAX pixels, ODOC_IMAGES_TOTAL_MAX bytes in all), and
 * only then create the file, which appears at `path` complete or not at all
 * (report/file.h). Errors name the field at fault ("blocks[3].text",
 * "blocks[5].table.cells[12]", "blocks[7].image_path"):
 * report_missing_field, report_field_too_long, report_bad_utf8,
 * report_control_char, report_document_too_large (PX_ETOOBIG: text over
 * REPORT_PDF_TEXT_MAX bytes in all, or images over ODOC_IMAGES_TOTAL_MAX),
 * report_bad_block (unknown kind, too many blocks), report_bad_table
 * (columns, rows), report_bad_image (unreadable, not PNG or JPEG, too
 * large; the PDF also refuses a PNG it cannot decode), report_row_too_tall
 * (PDF: a table row taller than a page), report_font_missing,
 * report_write_failed, report_pdf_failed, report_docx_failed (libzip).
 *
 * `date` is printed as 2015年10月20日 when given as 2015-10-20, as given
 * otherwise; given so, it dates the files too, and the same document gives
 * the same bytes. The struct and everything it points to are borrowed for the
 * call. Fonts (report/pdf.h) are per call: documents may be written from
 * several threads.
 */
#ifndef PX_REPORT_ODOC_H
#define PX_REPORT_ODOC_H

#include <jansson.h>
#include "util/err.h"

#define ODOC_BLOCKS_MAX 10000
#define ODOC_COLS_MAX 16
#define ODOC_ROWS_MAX 5000
#define ODOC_IMAGE_MAX (16 * 1024 * 1024)   /* bytes of one image file */
#define ODOC_IMAGE_PIXELS_MAX (25 * 1000 * 1000)
#define ODOC_IMAGES_TOTAL_MAX (64 * 1024 * 1024) /* bytes of all the images of a document */

/* A table: ncols header cells, nrows x ncols body cells (row-major, may be NULL or ""). */
struct odoc_table { int ncols, nrows; const char *const *head; const char *const *cells; /* row-major */ };

/*
 * One block of the body. text: the heading (<= REPORT_LINE_MAX, e.g.
 * "一、总体情况", "（一）质量宣传") or the paragraph (<= REPORT_PARA_MAX);
 * table for ODOC_TABLE; image_path (a PNG or JPEG file) for ODOC_IMAGE.
 */
struct odoc_block { enum { ODOC_HEADING1, ODOC_HEADING2, ODOC_PARA, ODOC_TABLE, ODOC_IMAGE } kind;
                    const char *text; const struct odoc_table *table; const char *image_path; };

/*
 * issuer: 发文机关标志 (深圳市质量强市工作领导小组办公室), required; number:
 * 发文字号 (深质强办〔2015〕17号), optional; title required; recipients
 * optional (a full-width colon is added when missing); signer and date
 * optional. The 版记 at the foot of the last page, when cc, printer or
 * printed is given: "抄送：<cc>。" (the full stop added when missing), then
 * the printer on the left and "<printed>印发" on the right, between rules.
 */
struct odoc { const char *issuer; const char *number; const char *title; const char *recipients;
              const struct odoc_block *blocks; int nblocks; const char *signer; const char *date;
              /* 版记 (optional): 抄送机关, 印发机关, 印发日期 (as `date`) */
              const char *cc; const char *printer; const char *printed; };

/* Write d as a GB/T 9704 PDF at path; *pages (may be NULL) receives the page count. */
int odoc_write_pdf(const struct odoc *d, const char *path, int *pages, struct px_err *err);

/* Write d as a .docx (WordprocessingML package) at path. */
int odoc_write_docx(const struct odoc *d, const char *path, struct px_err *err);

/*
 * A document described in JSON (docs/outputs.md): odoc_json_read takes root
 * (a new reference, released by odoc_json_free) and checks it - PX_EINVAL
 * "invalid_json" naming the member at fault; odoc_json_doc is the document
 * the writers take, borrowing its strings from root.
 */
struct odoc_json;
int odoc_json_read(json_t *root, struct odoc_json **out, struct px_err *err);
const struct odoc *odoc_json_doc(const struct odoc_json *doc);
void odoc_json_free(struct odoc_json *doc);

#endif
