/*
 * access.h - roles and region scope: who may see what, as pure rules.
 *
 * Every account has one role and is bound to a unit and a region (a GB/T 2260
 * division code). Routes declare the roles they admit as a mask; resources
 * that belong to a region are then checked with access_region_allows(). Both
 * fail closed: an unknown role admits nothing, a malformed region code is
 * contained in nothing.
 */
#ifndef PX_CORE_ACCESS_H
#define PX_CORE_ACCESS_H

#include <stdbool.h>

enum px_role {
	ROLE_NONE = 0,       /* not signed in: the public */
	ROLE_OFFICE,         /* 质量强市办: runs programmes in its region */
	ROLE_LEADER,         /* 领导小组: deliberates */
	ROLE_COUNTY,         /* 县(市、区)市场监管局: its own county only */
	ROLE_MEMBER,         /* 成员单位: gives opinions, reports activities */
	ROLE_EXPERT,         /* 评审员: sees its assignments only */
	ROLE_APPLICANT,      /* 申报单位 / 个人 */
	ROLE_COUNT
};

#define ROLE_BIT(r) (1u << (r))
#define ROLES_PUBLIC (ROLE_BIT(ROLE_NONE))
#define ROLES_STAFF (ROLE_BIT(ROLE_OFFICE) | ROLE_BIT(ROLE_LEADER) | ROLE_BIT(ROLE_COUNTY) | ROLE_BIT(ROLE_MEMBER))
#define ROLES_SIGNED_IN (ROLES_STAFF | ROLE_BIT(ROLE_EXPERT) | ROLE_BIT(ROLE_APPLICANT))
#define ROLES_ANY (ROLES_SIGNED_IN | ROLES_PUBLIC)

/* "office" -> ROLE_OFFICE ...; ROLE_NONE for anything else (including "public"). */
enum px_role access_role_parse(const char *name);
/* The name of a role ("public" for ROLE_NONE); never NULL. */
const char *access_role_name(enum px_role role);
/* Chinese label of a role (质量强市办 ...). */
const char *access_role_label(enum px_role role);

/* true when a role is in a route's mask. */
bool access_role_admitted(enum px_role role, unsigned mask);

/* true when `code` is six ASCII digits. */
bool access_region_valid(const char *code);

/*
 * true when region `outer` contains region `inner` by the structure of the
 * codes: a province XX0000 contains XXnnnn, a city XXYY00 contains XXYYnn,
 * a county contains itself only; 000000 (the whole country) contains all.
 */
bool access_region_contains(const char *outer, const char *inner);

/*
 * May an account of `role` bound to `own_region` see a resource of
 * `resource_region`? Office and leadership: anything inside their region.
 * County: its own county only. Member units: inside their region. Experts
 * and applicants: never through region scope (they see only what is theirs,
 * checked by ownership). The public: never.
 */
bool access_region_allows(enum px_role role, const char *own_region, const char *resource_region);

#endif
