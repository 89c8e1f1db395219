/*
 * demo_nqi.c - the demo of Qingdao's NQI one-stop service records (青岛 2022 质量月启动报道:
 * the platform's institutions, the enterprises they serve in the 24 industry
 * chains, services by kind; docs/nqi.md), played through the API by the
 * Qingdao office: sixty institutions, 3,000 enterprises and 5,000 services
 * over 2021 - 2022-09 imported as three files, one service recorded by
 * hand, and the board read back.
 */
#include "cli/demo_families.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/people/account.h"
#include "cli/demo_http.h"
#include "cli/demo_script.h"
#include "core/date.h"
#include "core/nqi.h"

#define NQ_INSTITUTIONS 60
#define NQ_ENTERPRISES 3000
#define NQ_SERVICES 5000

static const char *const districts[][2] = {
	{ "370202", "市南" }, { "370203", "市北" }, { "370211", "黄岛" }, { "370212", "崂山" }, { "370213", "李沧" },
	{ "370214", "城阳" }, { "370215", "即墨" }, { "370281", "胶州" }, { "370283", "平度" }, { "370285", "莱西" },
};
static const char *const trades[] = { "智能家电", "轨道装备", "新能源汽车", "化工", "食品", "服装", "芯片", "显示",
				      "虚拟现实", "智能科技", "生物医药", "医疗器械", "智能装备", "新材料", "船舶",
				      "航空", "海洋生物", "新能源", "环保", "工业互联", "软件", "钢材", "轮胎", "物流" };

int demo_nqi_seed(struct app *app, const char *data_dir, struct px_err *err)
{
	struct account_new a = { "qdnqi", "青岛市NQI一站式服务平台", DEMO_PASSWORD, "office",
				 "青岛市质量强市工作领导小组办公室", "370200" };
	int64_t id;
	(void)data_dir;
	return account_create(app, &app_actor_cli, &a, &id, err);
}

static uint32_t next(uint32_t *s)
{
	*s = *s * 1103515245u + 12345u;
	return *s >> 8;
}

/* The institution i gives kinds i, i+2 and i+4 (of seven). */
static const char *kind_of(int i, int which)
{
	return nqi_kinds[(size_t)(i + 2 * which) % nqi_nkinds].code;
}

static char *institutions_csv(void)
{
	char *buf = NULL, uscc[19];
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return NULL;
	fputs("uscc,name,region,kinds\n", f);
	for (int i = 0; i < NQ_INSTITUTIONS; i++) {
		demo_uscc(districts[i % 10][0], 7000 + i, uscc);
		fprintf(f, "%s,青岛市%s区质量技术服务中心第%d分中心,%s,%s;%s;%s\n", uscc, districts[i % 10][1], i / 10 + 1,
			districts[i % 10][0], kind_of(i, 0), kind_of(i, 1), kind_of(i, 2));
	}
	fclose(f);
	return buf;
}

static char *enterprises_csv(void)
{
	char *buf = NULL, uscc[19];
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return NULL;
	fputs("uscc,name,region,chain\n", f);
	for (int i = 0; i < NQ_ENTERPRISES; i++) {
		size_t chain = (size_t)(i * 7) % nqi_nchains;
		demo_uscc(districts[i % 10][0], 10000 + i, uscc);
		fprintf(f, "%s,青岛%s%s%s有限公司,%s,%s\n", uscc, districts[i % 10][1], trades[chain],
			i % 3 ? "科技" : "制造", districts[i % 10][0], nqi_chains[chain].code);
	}
	fclose(f);
	return buf;
}

static char *services_csv(void)
{
	char *buf = NULL, inst[19], ent[19], day[11];
	size_t len = 0;
	uint32_t s = 2022;
	px_date first = date_from_ymd(2021, 1, 1), last = date_from_ymd(2022, 9, 27);
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return NULL;
	fputs("date,kind,institution,enterprise\n", f);
	for (int i = 0; i < NQ_SERVICES; i++) {
		int k = (int)(next(&s) % NQ_INSTITUTIONS), e = (int)(next(&s) % NQ_ENTERPRISES);
		demo_uscc(districts[k % 10][0], 7000 + k, inst);
		demo_uscc(districts[e % 10][0], 10000 + e, ent);
		date_format(first + (px_date)(next(&s) % (uint32_t)(last - first + 1)), day);
		fprintf(f, "%s,%s,%s,%s\n", day, kind_of(k, (int)(next(&s) % 3)), inst, ent);
	}
	fclose(f);
	return buf;
}

static int import(struct demo_client *c, const char *kind, char *csv, struct px_err *err)
{
	if (!csv)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	json_t *b = json_pack("{s:s, s:s}", "kind", kind, "csv", csv);
	int rc = demo_call(c, "POST", "/api/v1/nqi/import", b, 201, NULL, err);
	json_decref(b);
	free(csv);
	return rc;
}

static int nqi_run(const char *url, const char *data_dir, FILE *log, struct px_err *err)
{
	struct demo_client office = { 0 };
	json_t *board = NULL, *one;
	char inst[19], ent[19];
	(void)data_dir;
	demo_uscc("370214", 7005, inst);
	demo_uscc("370214", 10005, ent);
	one = json_pack("{s:s, s:s, s:s, s:s}", "date", "2022-09-27", "kind", kind_of(5, 0), "institution", inst,
			"enterprise", ent);
	int rc = demo_login(&office, url, "qdnqi", DEMO_PASSWORD, err);
	if (!rc && !(rc = import(&office, "institutions", institutions_csv(), err)) &&
	    !(rc = import(&office, "enterprises", enterprises_csv(), err)) &&
	    !(rc = import(&office, "services", services_csv(), err)) &&
	    !(rc = demo_call(&office, "POST", "/api/v1/nqi/services", one, 201, NULL, err)))
		rc = demo_call(&office, "GET", "/api/v1/nqi/board?period=quarter", NULL, 200, &board, err);
	if (!rc) {
		fprintf(log, "  NQI: %d institutions, %d enterprises, %lld services on the board\n", NQ_INSTITUTIONS,
			NQ_ENTERPRISES, (long long)json_integer_value(json_object_get(board, "total")));
		fprintf(log, "  logins: qdnqi (Qingdao office); /app/nqi, /app/nqi/services\n");
	}
	json_decref(one);
	json_decref(board);
	demo_logout(&office);
	return rc;
}

int demo_nqi_run(const char *url, const char *data_dir, FILE *log, struct px_err *err)
{
	return nqi_run(url, data_dir, log, err);
}
