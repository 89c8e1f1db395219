/*
 * template.h - programme templates: a programme's rules as data.
 *
 * A template (data/templates/<id>.json, documented in docs/templates.md)
 * declares the award kinds (tracks) with their caps, the application forms,
 * the eligibility rules, the ordered stages with their kinds and dates, the
 * quotas per region, notice lengths in working days, review panels and
 * rubrics, how scores combine, tie-breaks, the minimum bar and the objection
 * deadlines. template_parse() validates all of it, naming the bad key
 * ("stages[3].notice_workdays: ..."), and yields a struct the use cases read.
 * A programme keeps the template text it was created from, so later edits of
 * the file never change a running programme.
 */
#ifndef PX_APP_TEMPLATE_H
#define PX_APP_TEMPLATE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/date.h"
#include "core/stage.h"
#include "util/err.h"

#define TPL_MAX_TRACKS 8
#define TPL_MAX_FORMS 16
#define TPL_MAX_FIELDS 48
#define TPL_MAX_OPTIONS 16
#define TPL_MAX_RULES 8
#define TPL_MAX_STAGES 16
#define TPL_MAX_QUOTAS 64
#define TPL_MAX_CONSULT 12
#define TPL_MAX_TIE_KEYS 6
#define TPL_MAX_TEXTS 32

enum tpl_field_type { TPL_TEXT, TPL_TEXTAREA, TPL_INTEGER, TPL_DECIMAL, TPL_DATE, TPL_MOBILE, TPL_ENUM, TPL_BOOL };

struct tpl_field {
	char key[32];
	char label[128];
	enum tpl_field_type type;
	bool required;
	int64_t min, max;  /* bytes for text; values for numbers (decimals in hundredths) */
	char options[TPL_MAX_OPTIONS][64];
	int noptions;
};

struct tpl_form {
	char code[32];
	char title[160];
	char label[64];   /* the short name lists show (制造业); the code when not given */
	int attachment;
	struct tpl_field fields[TPL_MAX_FIELDS];
	int nfields;
};

enum tpl_applicant { TPL_ORGANISATION, TPL_PERSON };

struct tpl_track {
	char code[32];
	char name[64];
	enum tpl_applicant applicant;
	int cap;
	char rubric[64];
	int rubric_total;
	char forms[TPL_MAX_FORMS][32];
	int nforms;
};

enum tpl_rule_kind { TPL_RULE_OPERATING_YEARS, TPL_RULE_QUALITY_WORK_YEARS, TPL_RULE_NO_RECORD, TPL_RULE_WIN_BAN };

struct tpl_rule {
	enum tpl_rule_kind kind;
	char name[32];   /* as in the template: operating_years ... */
	int value;       /* years, or cycles for win_ban */
	char label[256];
};

/* the stage kinds are the stage machine's (core/stage.h), under the template's names */
enum tpl_stage_kind {
	TPL_STAGE_APPLICATION = STAGE_APPLICATION, TPL_STAGE_RECOMMENDATION = STAGE_RECOMMENDATION,
	TPL_STAGE_QUALIFICATION = STAGE_QUALIFICATION, TPL_STAGE_NOTICE = STAGE_NOTICE,
	TPL_STAGE_REVIEW = STAGE_REVIEW, TPL_STAGE_SHORTLIST = STAGE_SHORTLIST, TPL_STAGE_VOTE = STAGE_VOTE,
	TPL_STAGE_DELIBERATION = STAGE_DELIBERATION, TPL_STAGE_APPROVAL = STAGE_APPROVAL,
	TPL_STAGE_PUBLICATION = STAGE_PUBLICATION,
};

struct tpl_stage {
	char code[32];
	enum tpl_stage_kind kind;
	char kind_name[24];
	char title[128];
	px_date opens, closes;   /* 0 when not given */
	int notice_workdays;     /* 0 when the stage publishes no notice */
	int supplement_workdays;
	int internal_notice_workdays;
	int panel_size, max_load;
	bool field_match, different_region;
	int shortlist_max[TPL_MAX_TRACKS]; /* by track index; 0 = no limit */
	char consult[TPL_MAX_CONSULT][64];
	int nconsult;
};

struct tpl_quota {
	char region[8];
	char name[64];
	int slots[TPL_MAX_TRACKS]; /* by track index */
};

/* a text of the programme that replaces its family's default (family.h) */
struct tpl_text {
	char key[48];
	char text[256];
};

struct template {
	char id[64];
	char family[64];  /* the same award across years (past winners, the win ban) */
	char kind[24];    /* the programme family that runs it: "award" (app/families.c) */
	int year;
	char title[160];
	char organiser[160];
	char issuer[160];
	char region[8];
	int cycle_years;
	struct tpl_track tracks[TPL_MAX_TRACKS];
	int ntracks;
	struct tpl_form forms[TPL_MAX_FORMS];
	int nforms;
	struct tpl_rule rules[2][TPL_MAX_RULES]; /* [TPL_ORGANISATION], [TPL_PERSON] */
	int nrules[2];
	struct tpl_stage stages[TPL_MAX_STAGES];
	int nstages;
	struct tpl_quota quotas[TPL_MAX_QUOTAS];
	int nquotas;
	/* scoring */
	char aggregation[24];
	int trim;
	int weight_material, weight_onsite; /* per mille, summing to 1000 */
	int bar;                            /* hundredths on the 0..100 scale */
	char tie_break[TPL_MAX_TIE_KEYS][24];
	int ntie;
	int applicant_limit;
	/* objections */
	int objection_forward_workdays, objection_reply_workdays;
	char certificate_prefix[24];
	struct tpl_text texts[TPL_MAX_TEXTS];
	int ntexts;
};

/*
 * Parse and validate a template from JSON text. *out is the caller's
 * (heap, free with free()). Errors: PX_EINVAL, key "bad_template", field =
 * the JSON path of the fault.
 */
int template_parse(const char *json, size_t len, struct template **out, struct px_err *err);

/* Lookups; NULL or -1 when absent. */
int template_track_index(const struct template *t, const char *code);
const struct tpl_form *template_form(const struct template *t, const char *code);
const struct tpl_stage *template_stage(const struct template *t, const char *code);
int template_stage_index(const struct template *t, const char *code);
const struct tpl_quota *template_quota(const struct template *t, const char *region);
bool template_track_has_form(const struct tpl_track *tr, const char *form);
/* The template's own text for key ("texts" section), NULL when it keeps the family's. */
const char *template_text(const struct template *t, const char *key);

/* Names of enums, for JSON output. */
const char *template_stage_kind_name(enum tpl_stage_kind k);
const char *template_applicant_name(enum tpl_applicant a);

#endif
