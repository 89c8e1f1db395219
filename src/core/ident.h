/*
 * ident.h - checks of the identifiers an award application carries.
 *
 * - 统一社会信用代码, unified social credit code (USCC), GB 32100-2015: 18
 *   characters of 0-9 and A-Y without I, O, Z, S, V; characters 3-8 are the
 *   division code (digits); characters 9-17 are the organisation code of
 *   GB 11714; character 18 is a check character over the first 17.
 * - 居民身份证号码, resident identity number, GB 11643-1999: 17 digits
 *   (division code, birth date YYYYMMDD, sequence whose last digit is odd for
 *   men) and a check character 0-9 or X.
 * - mainland mobile number: 11 digits starting 13 to 19.
 * - 行政区划代码, division code: 6 digits known to a region table.
 *
 * Each check is a predicate: true when valid; when not, *err (if given)
 * receives PX_EINVAL, a stable key ("invalid_uscc", "invalid_resident_id",
 * "invalid_mobile", "invalid_region") and a message saying why. Input is
 * taken exactly as given: callers trim spaces. Messages about resident
 * numbers never repeat the number or its birth date (personal data, and
 * messages end up in logs); display them with ident_mask().
 *
 * The organisation code inside a USCC has a GB 11714 check character of its
 * own. Codes whose USCC check character is right are accepted whether or not
 * that inner check holds: it is reported in struct ident_uscc as information
 * (docs/identifiers.md says why).
 */
#ifndef PX_CORE_IDENT_H
#define PX_CORE_IDENT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"
#include "core/region.h"
#include "util/err.h"

#define IDENT_USCC_LEN 18
#define IDENT_RESIDENT_LEN 18
#define IDENT_MOBILE_LEN 11

enum ident_kind {
	IDENT_UNKNOWN = 0,
	IDENT_USCC,
	IDENT_RESIDENT,
	IDENT_MOBILE,
	IDENT_REGION,
};

/* "uscc", "id", "mobile", "region", "unknown". */
const char *ident_kind_name(enum ident_kind k);

/* The kind named by a NUL-terminated word of ident_kind_name(); IDENT_UNKNOWN for others. */
enum ident_kind ident_kind_parse(const char *name);

/*
 * The kind a value looks like, by shape only (no check characters): 11
 * digits, or "+86" and more, is a mobile number; 18 characters are a
 * resident number when the first 17 are digits, the last a digit or X/x and
 * characters 7-14 a real date, else a USCC; 6 digits a division code. Many
 * USCCs have 17 leading digits and some may pass for a resident number by
 * shape: a caller that got IDENT_RESIDENT and a failed check should try the
 * USCC check before reporting.
 */
enum ident_kind ident_guess(const char *s, size_t len);

struct ident_uscc {
	char code[IDENT_USCC_LEN + 1];
	bool org_code_ok;        /* the GB 11714 check of characters 9-17 holds */
	char org_check_expected; /* what GB 11714 expects as character 17 */
};

/* Check a USCC; on success fill *info (may be NULL). */
bool ident_uscc_check(const char *s, size_t len, struct ident_uscc *info, struct px_err *err);

struct ident_resident {
	char id[IDENT_RESIDENT_LEN + 1]; /* normalised: a final 'x' made 'X' */
	char region[7];                  /* characters 1-6, not checked against a table */
	px_date birth;
	bool male;                       /* the 17th digit is odd */
};

/*
 * Check a resident number: length, digits, a real birth date not after
 * `today` (core reads no clock: the caller passes the date), and the check
 * character, where a lower-case 'x' counts as 'X'. On success fill *info
 * (may be NULL).
 */
bool ident_resident_check(const char *s, size_t len, px_date today, struct ident_resident *info,
			  struct px_err *err);

/*
 * Only the check character of a resident number: 17 digits and the right
 * 18th character ('x' counting as 'X'). For telling typing mistakes from
 * other faults; ident_resident_check() is the check of a number.
 */
bool ident_resident_checksum(const char *s, size_t len);

/*
 * Write s with a final 'x' made 'X' and a NUL into buf. False, writing
 * nothing, unless len is 18 and cap at least 19. Does not check the number.
 */
bool ident_resident_normalise(const char *s, size_t len, char *buf, size_t cap);

/*
 * Check a mobile number: 11 digits, the second 3-9, optionally preceded by
 * "+86" and one space. On success write the 11 digits and a NUL into out
 * (may be NULL).
 */
bool ident_mobile_check(const char *s, size_t len, char out[IDENT_MOBILE_LEN + 1],
			struct px_err *err);

/* Check a division code: 6 digits known to t (REGION_COUNTRY is not a region). */
bool ident_region_check(const struct region_table *t, const char *s, size_t len,
			struct px_err *err);

/*
 * Write a masked copy of s for display into buf (always NUL-terminated when
 * cap > 0, cut to fit): the first `head` and last `tail` bytes kept and each
 * byte between replaced by '*' when len > head + tail, else every byte
 * replaced.
 */
void ident_mask_span(const char *s, size_t len, size_t head, size_t tail, char *buf, size_t cap);

/* ident_mask_span() as resident numbers are shown: 6 and 4 kept (440103********1236). */
void ident_mask(const char *s, size_t len, char *buf, size_t cap);

#endif
