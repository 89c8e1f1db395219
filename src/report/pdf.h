/*
 * pdf.h - the PDF documents of a programme, drawn with cairo and pango: award
 * certificates (证书), material review reports (材料评审报告) and a plain
 * document of title, paragraphs and a table for bulletins.
 *
 * Text is set in Noto Serif CJK SC and Noto Sans CJK SC (Debian's
 * fonts-noto-cjk); cairo embeds the subset of each font a document uses, so
 * the files print the same on machines without the fonts. A document is
 * refused (PX_EIO "report_font_missing") when fontconfig does not find them,
 * rather than printed in a fallback font without Chinese glyphs.
 *
 * Every string comes from the caller and is set as plain text (never pango
 * markup), after the checks of text.h: required fields present, at most
 * their cap, valid UTF-8, no control characters. Errors name the field
 * ("holder", "items[2].name", "suggestions[0]"); paragraphs and table cells
 * together are capped at REPORT_PDF_TEXT_MAX bytes per document (PX_ETOOBIG
 * "report_document_too_large"). Masking personal numbers is
 * the caller's job. Points are integers in hundredths (core/score.h's
 * SCORE_SCALE) printed with two decimals.
 *
 * Structs are borrowed for the call. Each function writes a complete file or
 * nothing (file.h): PX_EIO "report_write_failed" names the path.
 *
 * Fonts, layouts and surfaces are per call, so documents may be drawn from
 * several threads at once. report_pdf_shutdown() releases the process-wide
 * caches of fontconfig and cairo at exit (for leak checkers); call it only
 * when no document is being drawn, and draw none afterwards.
 */
#ifndef PX_REPORT_PDF_H
#define PX_REPORT_PDF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "report/table.h"
#include "util/err.h"

#define REPORT_VERIFY_MAX 300  /* bytes of a certificate's verification line */

/* An award certificate: one A4 landscape page. */
struct report_certificate {
	const char *title;        /* 清远市政府质量奖, <= REPORT_NAME_MAX */
	const char *award;        /* 组织奖 / 个人奖, <= REPORT_CODE_MAX */
	const char *holder;       /* the organisation or person, <= REPORT_NAME_MAX */
	const char *body;         /* 经清远市人民政府批准，授予……特发此证。 <= REPORT_LINE_MAX */
	const char *issuer;       /* 清远市人民政府, <= REPORT_NAME_MAX */
	px_date issued_on;        /* printed 2025年12月30日 */
	const char *number;       /* QYZLJ-2025-ORG-001, <= REPORT_CODE_MAX; after "证书编号：" */
	const char *verify_line;  /* 验证码 / Verification: …  查验: https://…/verify/…,
				     <= REPORT_VERIFY_MAX */
	const char *qr_text;      /* the public verification URL, drawn as a QR code at the
				     lower right; NULL or "" for none, <= QR_TEXT_MAX */
};

int report_pdf_certificate(const char *path, const struct report_certificate *c,
			   struct px_err *err);

#define REPORT_REVIEW_ITEMS_MAX 100

/* One rubric category of a review report. */
struct report_review_item {
	const char *code;         /* 1, 1.2 … <= REPORT_CODE_MAX */
	const char *name;         /* 领导, 质量 … <= REPORT_NAME_MAX */
	int64_t max_points;       /* hundredths, >= 0 */
	int64_t mean_points;      /* the reviewers' mean, hundredths, 0..max_points */
};

/*
 * A review report of one applicant: A4 portrait, as many pages as the
 * suggestions need, "第 N 页" at the foot of each. The table lists the
 * categories and a 合计 row (sums of the rows); score is the aggregated score
 * as the programme computes it (method says how, e.g. 去掉一个最高分和一个最低分后取平均).
 */
struct report_review {
	const char *heading;      /* 材料评审报告, <= REPORT_NAME_MAX */
	const char *programme;    /* 2025年清远市政府质量奖, <= REPORT_NAME_MAX */
	const char *applicant;    /* <= REPORT_NAME_MAX */
	const char *track;        /* 组织奖（制造业）, <= REPORT_NAME_MAX */
	const struct report_review_item *items;
	size_t nitems;            /* 1..REPORT_REVIEW_ITEMS_MAX */
	int64_t score;            /* aggregated score, hundredths, >= 0 */
	const char *method;       /* optional, <= REPORT_NAME_MAX */
	int reviewers;            /* 1..1000 */
	int64_t sd;               /* standard deviation of the reviewers' totals, hundredths, >= 0 */
	const char *sd_note;      /* optional remark on disagreement, <= REPORT_LINE_MAX */
	const char *const *suggestions; /* 质量改进建议: paragraphs, each <= REPORT_PARA_MAX */
	size_t nsuggestions;      /* 0..REPORT_PARAS_MAX */
	const char *signer;       /* optional: 清远市质量强市工作领导小组办公室 */
	px_date date;             /* date of the report */
};

int report_pdf_review_report(const char *path, const struct report_review *r,
			     struct px_err *err);

/*
 * A plain document (bulletins, notices): title, optional subtitle, paragraphs,
 * an optional table (its own title, subtitle and footer lines included), then
 * closing paragraphs. A4, portrait or landscape, "第 N 页" on every page.
 */
struct report_doc {
	const char *title;              /* <= REPORT_LINE_MAX */
	const char *subtitle;           /* optional, <= REPORT_LINE_MAX */
	const char *const *paras;       /* each <= REPORT_PARA_MAX */
	size_t nparas;
	const struct report_table *table; /* optional; sheet name unused */
	const char *const *closing;     /* paragraphs after the table, right-aligned */
	size_t nclosing;                /* nparas + nclosing <= REPORT_PARAS_MAX */
	bool landscape;
};

int report_pdf_document(const char *path, const struct report_doc *doc, struct px_err *err);

/* Release fontconfig's and cairo's global caches (see above). */
void report_pdf_shutdown(void);

#endif
