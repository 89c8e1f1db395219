/*
 * recommend.h - 附件8 清远市政府质量奖推荐名单汇总表: the summary of the
 * applicants one county (县（市、区）) recommends, as the seed programme asks
 * each county to send with its recommendation letter.
 *
 * The seed names the attachment but gives no layout; this is the usual one of
 * such forms (docs/outputs.md): title, "推荐单位（盖章）：X  日期：YYYY-MM-DD",
 * columns 序号 | 县（市、区） | 申报类别 | 申报单位/个人名称 |
 * 统一社会信用代码/身份证号（脱敏） | 所属行业 | 联系人 | 联系电话（脱敏） |
 * 推荐排序 | 备注, then the filler's signature line and notes.
 *
 * Masking is the caller's job: id_masked and phone_masked are printed exactly
 * as given (core/ident.h ident_mask() / ident_mask_span() make them).
 */
#ifndef PX_REPORT_RECOMMEND_H
#define PX_REPORT_RECOMMEND_H

#include <stddef.h>

#include "core/date.h"
#include "report/table.h"
#include "report/text.h"
#include "util/err.h"

#define REPORT_RECOMMEND_MAX 10000  /* rows of one summary */
#define REPORT_RECOMMEND_COLS 10

enum report_track {
	REPORT_TRACK_ORG = 1,    /* 组织奖 */
	REPORT_TRACK_PERSON = 2, /* 个人奖 */
};

/* One recommended applicant. Strings borrowed, UTF-8. */
struct report_recommendation {
	const char *county;        /* required: 清城区, 英德市 ... */
	enum report_track track;   /* required */
	const char *name;          /* required: organisation or person, <= REPORT_NAME_MAX */
	const char *id_masked;     /* required: USCC or resident ID, already masked */
	const char *industry;      /* optional: 所属行业 */
	const char *contact;       /* required: 联系人 */
	const char *phone_masked;  /* required: already masked */
	int rank;                  /* required: the county's order, 1.. */
	const char *note;          /* optional: 备注 */
};

struct report_recommend_list {
	const char *programme;     /* required: 清远市政府质量奖 (the title adds 推荐名单汇总表) */
	const char *recommender;   /* required: 推荐单位, e.g. 清城区市场监督管理局 */
	px_date date;              /* the date on the form */
	const char *filled_by;     /* optional: 填报人 (blank line to sign when NULL) */
	const char *filled_phone;  /* optional: the filler's telephone */
	const struct report_recommendation *items;
	size_t n;                  /* 0..REPORT_RECOMMEND_MAX */
};

/*
 * The summary as a report_table, ready for report_xlsx_table() or
 * report_xlsx_workbook(). Its strings point into the list (borrowed: keep the
 * list alive while the table is used) and into storage owned by the struct;
 * release it with report_recommend_release().
 */
struct report_recommend_table {
	struct report_table table;
	/* private */
	const char **cells;
	char *numbers;              /* 序号 and 推荐排序 as text */
	char title[REPORT_NAME_MAX + 32];
	char subtitle[REPORT_NAME_MAX + 96];
	char footer_line[2 * REPORT_NAME_MAX + 96];
	const char *footer[3];
};

/*
 * Build *out from l (every field checked: "items[2].name" ...; rank 1..9999;
 * PX_EINVAL "report_bad_track" / "report_bad_rank"). On failure *out holds
 * nothing to release.
 */
int report_recommend_build(const struct report_recommend_list *l,
			   struct report_recommend_table *out, struct px_err *err);

/* Free what report_recommend_build() allocated; idempotent. */
void report_recommend_release(struct report_recommend_table *t);

/* Build, write as one sheet "推荐名单汇总表" at path, release. */
int report_xlsx_recommendations(const char *path, const struct report_recommend_list *l,
				struct px_err *err);

#endif
