/*
 * nqi.h - the catalogue of the NQI one-stop service records (一站式NQI服务):
 * the kinds of service the platform's institutions give (检验检测, 标准, 计量,
 * 认证, 知识产权, 质量诊断, 质量提升, as the Qingdao 2022 launch lists them)
 * and Qingdao's 24 key industry chains (24条重点产业链, data/nqi_chains.csv
 * with its source), and the month arithmetic of the statistics board. Pure:
 * tables and lookups.
 */
#ifndef PX_CORE_NQI_H
#define PX_CORE_NQI_H

#include <stddef.h>

#include "core/date.h"

struct nqi_item {
	const char *code; /* testing ... / smart_appliances ... */
	const char *name; /* 检验检测 ... / 智能家电 ... */
};

extern const struct nqi_item nqi_kinds[];
extern const size_t nqi_nkinds;
extern const struct nqi_item nqi_chains[];
extern const size_t nqi_nchains; /* 24 */

/* The kind or chain of that code, NULL when there is none. */
const struct nqi_item *nqi_kind_find(const char *code);
const struct nqi_item *nqi_chain_find(const char *code);

/* The month of a day as year * 100 + month (202209). */
int nqi_month_of(px_date day);

enum nqi_period { NQI_MONTH, NQI_QUARTER, NQI_YEAR };

/* Parse "month", "quarter" or "year"; -1 otherwise. */
int nqi_period_parse(const char *s);

/* The label of the period holding month ym: "2022-09", "2022-Q3" or "2022". buf of 8 bytes. */
void nqi_period_label(int ym, enum nqi_period p, char buf[8]);

/* Parse "YYYY-MM" into year * 100 + month; 0 when it is none. */
int nqi_month_parse(const char *s);

#endif
