/*
 * section.h - the brand ranking's own settings, the "section" of its
 * template (docs/templates.md, docs/ranking.md):
 *
 *   "section": {
 *     "max_tracks": 2,                     tracks one applicant may choose (1..5)
 *     "top_n": 20,                         places per track
 *     "weights": {"vote": 300, "promotion": 300, "expert": 400},   per mille, sum 1000
 *     "aggregation": "mean",               how a panel's sheets make its score (core/score.h)
 *     "tie_break": ["expert_desc", ...],   core/composite.h's keys, in order
 *     "panels": {
 *       "promotion": {"title", "size": 10, "role": "member", "units": [10 member units]},
 *       "expert":    {"title", "size": 7, "role": "expert"}
 *     },
 *     "districts": [{"region", "name", "bureau", "phone"}],  the district bureaus' contacts
 *     "vote": {...}                        the public vote's caps (app/vote/vote.h; optional)
 *   }
 *
 * ranking_section_parse() checks all of it, naming the key at fault
 * ("section.weights.vote"), for the family's check_section hook and for the
 * use cases that read it.
 */
#ifndef PX_APP_RANKING_SECTION_H
#define PX_APP_RANKING_SECTION_H

#include <jansson.h>

#include "app/app.h"
#include "core/composite.h"
#include "core/score.h"
#include "util/err.h"

#define RANKING_MAX_UNITS 16
#define RANKING_MAX_DISTRICTS 32

enum ranking_panel { RANKING_PROMOTION, RANKING_EXPERT, RANKING_NPANELS };

struct ranking_panel_cfg {
	char title[128];
	int size;
	enum px_role role;
	char units[RANKING_MAX_UNITS][96]; /* the promotion group: one member from each */
	int nunits;
};

struct ranking_district {
	char region[8];
	char name[32];
	char bureau[160];
	char phone[24];
};

struct ranking_section {
	int max_tracks;
	int top_n;
	struct composite_weights weights;
	enum score_method method;
	enum composite_key keys[COMPOSITE_MAX_KEYS];
	size_t nkeys;
	struct ranking_panel_cfg panels[RANKING_NPANELS];
	struct ranking_district districts[RANKING_MAX_DISTRICTS];
	int ndistricts;
};

/* "promotion", "expert"; NULL outside the enum. */
const char *ranking_panel_name(enum ranking_panel p);

/* The panel of that name; -1 when none. */
int ranking_panel_parse(const char *name);

/*
 * Check and read a section (NULL: refused, the family needs one). PX_EINVAL
 * "bad_template", field "section..." naming the key, otherwise.
 */
int ranking_section_parse(const json_t *section, struct ranking_section *out, struct px_err *err);

/* The section of programme id's frozen template, inside the caller's transaction. */
int ranking_section_load(struct store_conn *c, int64_t programme_id, struct ranking_section *out,
			 struct px_err *err);

/* The section as JSON, for the public view of the programme's rules. A new reference. */
json_t *ranking_section_json(const struct ranking_section *s);

/*
 * The rules of a ranking programme as the public sees them before the lists
 * (the weights are published with the vote): {programme, title, tracks:
 * [{code, name}], rubric, ...ranking_section_json()}. PX_ENOTFOUND for a
 * programme that is not a ranking.
 */
int ranking_rules_json(struct app *app, int64_t programme_id, json_t **out, struct px_err *err);

#endif
