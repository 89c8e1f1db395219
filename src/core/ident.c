/*
 * ident.c - the identifier checks of ident.h. The check-character schemes
 * are data (alphabets and weight tables copied from the standards) driven by
 * one loop each, so that a reviewer compares the tables with GB 32100-2015,
 * GB 11714-1997 and GB 11643-1999 rather than reading arithmetic.
 */
#include "core/ident.h"

#include <string.h>

/* GB 32100-2015: the 31 characters and the weights of positions 1-17. */
static const char uscc_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int uscc_weights[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };

/* GB 11714-1997: weights of the 8 body characters (0-9 = 0-9, A-Z = 10-35). */
static const int org_weights[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };

/* GB 11643-1999: weights of digits 1-17, and the check character of sum mod 11. */
static const int resident_weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
static const char resident_check[] = "10X98765432";

static const char *const kind_names[] = {
	[IDENT_UNKNOWN] = "unknown",
	[IDENT_USCC] = "uscc",
	[IDENT_RESIDENT] = "id",
	[IDENT_MOBILE] = "mobile",
	[IDENT_REGION] = "region",
};

#define N_KINDS (sizeof(kind_names) / sizeof(kind_names[0]))

/* Longest prefix of a value quoted in a message. */
#define QUOTE_MAX 40

const char *ident_kind_name(enum ident_kind k)
{
	return (size_t)k < N_KINDS ? kind_names[k] : kind_names[IDENT_UNKNOWN];
}

enum ident_kind ident_kind_parse(const char *name)
{
	for (size_t k = 1; k < N_KINDS; k++)
		if (!strcmp(name, kind_names[k]))
			return (enum ident_kind)k;
	return IDENT_UNKNOWN;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool all_digits(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!is_digit(s[i]))
			return false;
	return true;
}

/* A character for a message: itself when printable ASCII, else its byte value. */
static const char *show(char c, char buf[8])
{
	unsigned char u = (unsigned char)c;
	if (u >= 0x21 && u < 0x7f)
		snprintf(buf, 8, "'%c'", c);
	else
		snprintf(buf, 8, "0x%02x", u);
	return buf;
}

/* 17 digits, then a digit or X/x, and characters 7-14 a real date. */
static bool looks_resident(const char *s)
{
	if (!all_digits(s, 17) || !(is_digit(s[17]) || s[17] == 'X' || s[17] == 'x'))
		return false;
	int y = 0, m, d;
	for (int i = 6; i < 10; i++)
		y = y * 10 + (s[i] - '0');
	m = (s[10] - '0') * 10 + (s[11] - '0');
	d = (s[12] - '0') * 10 + (s[13] - '0');
	return date_valid_ymd(y, m, d);
}

enum ident_kind ident_guess(const char *s, size_t len)
{
	if ((len == 11 && all_digits(s, len)) || (len > 3 && !memcmp(s, "+86", 3)))
		return IDENT_MOBILE;
	if (len == 18)
		return looks_resident(s) ? IDENT_RESIDENT : IDENT_USCC;
	if (len == 6 && all_digits(s, len))
		return IDENT_REGION;
	return IDENT_UNKNOWN;
}

/* ---- USCC ------------------------------------------------------------- */

#define USCC_FAIL(err, ...) px_err_set((err), PX_EINVAL, "invalid_uscc", "uscc", __VA_ARGS__)

/* The GB 11714 check character of the 8 body characters at s. */
static char org_check(const char *s)
{
	int sum = 0;
	for (int i = 0; i < 8; i++) {
		int v = is_digit(s[i]) ? s[i] - '0' : s[i] - 'A' + 10;
		sum += v * org_weights[i];
	}
	int c = 11 - sum % 11;
	return c == 10 ? 'X' : c == 11 ? '0' : (char)('0' + c);
}

bool ident_uscc_check(const char *s, size_t len, struct ident_uscc *info, struct px_err *err)
{
	char b[8];
	int sum = 0;

	if (len != IDENT_USCC_LEN) {
		USCC_FAIL(err, "has %zu characters, not 18", len);
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		const char *p = s[i] ? strchr(uscc_alphabet, s[i]) : NULL;
		if (!p) {
			USCC_FAIL(err, "character %zu %s is not allowed (0-9 and A-Y except I, O, S, V, Z)",
				  i + 1, show(s[i], b));
			return false;
		}
		if (i >= 2 && i < 8 && !is_digit(s[i])) {
			USCC_FAIL(err, "character %zu %s is not a digit (characters 3-8 are a division code)",
				  i + 1, show(s[i], b));
			return false;
		}
		if (i < 17)
			sum += (int)(p - uscc_alphabet) * uscc_weights[i];
	}
	char check = uscc_alphabet[(31 - sum % 31) % 31];
	if (s[17] != check) {
		USCC_FAIL(err, "check character should be '%c'", check);
		return false;
	}
	if (info) {
		memcpy(info->code, s, IDENT_USCC_LEN);
		info->code[IDENT_USCC_LEN] = '\0';
		info->org_check_expected = org_check(s + 8);
		info->org_code_ok = s[16] == info->org_check_expected;
	}
	return true;
}

/* ---- resident identity numbers ------------------------------------------ */

#define RESIDENT_FAIL(err, ...) \
	px_err_set((err), PX_EINVAL, "invalid_resident_id", "resident_id", __VA_ARGS__)

static int two(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/* The check character of 17 digits. */
static char resident_check_of(const char *id)
{
	int sum = 0;
	for (size_t i = 0; i < 17; i++)
		sum += (id[i] - '0') * resident_weights[i];
	return resident_check[sum % 11];
}

bool ident_resident_checksum(const char *s, size_t len)
{
	char id[IDENT_RESIDENT_LEN + 1];
	return ident_resident_normalise(s, len, id, sizeof(id)) && all_digits(id, 17) &&
	       id[17] == resident_check_of(id);
}

bool ident_resident_normalise(const char *s, size_t len, char *buf, size_t cap)
{
	if (len != IDENT_RESIDENT_LEN || cap < IDENT_RESIDENT_LEN + 1)
		return false;
	memcpy(buf, s, len);
	if (buf[len - 1] == 'x')
		buf[len - 1] = 'X';
	buf[len] = '\0';
	return true;
}

bool ident_resident_check(const char *s, size_t len, px_date today, struct ident_resident *info,
			  struct px_err *err)
{
	char id[IDENT_RESIDENT_LEN + 1];

	if (!ident_resident_normalise(s, len, id, sizeof(id))) {
		RESIDENT_FAIL(err, "has %zu characters, not 18", len);
		return false;
	}
	for (size_t i = 0; i < 17; i++) {
		if (!is_digit(id[i])) {
			RESIDENT_FAIL(err, "character %zu is not a digit", i + 1);
			return false;
		}
	}
	if (!is_digit(id[17]) && id[17] != 'X') {
		RESIDENT_FAIL(err, "character 18 is neither a digit nor X");
		return false;
	}
	int y = two(id + 6) * 100 + two(id + 8), m = two(id + 10), d = two(id + 12);
	if (!date_valid_ymd(y, m, d)) {
		RESIDENT_FAIL(err, "birth date (characters 7-14) is not a real date");
		return false;
	}
	px_date birth = date_from_ymd(y, m, d);
	if (birth > today) {
		RESIDENT_FAIL(err, "birth date (characters 7-14) is after today");
		return false;
	}
	char check = resident_check_of(id);
	if (id[17] != check) {
		RESIDENT_FAIL(err, "check character should be '%c'", check);
		return false;
	}
	if (info) {
		memcpy(info->id, id, sizeof(id));
		memcpy(info->region, id, 6);
		info->region[6] = '\0';
		info->birth = birth;
		info->male = (id[16] - '0') % 2 == 1;
	}
	return true;
}

/* ---- mobile numbers and division codes ----------------------------------- */

#define MOBILE_FAIL(err, ...) px_err_set((err), PX_EINVAL, "invalid_mobile", "mobile", __VA_ARGS__)

bool ident_mobile_check(const char *s, size_t len, char out[IDENT_MOBILE_LEN + 1],
			struct px_err *err)
{
	if (len >= 3 && !memcmp(s, "+86", 3)) {
		s += 3;
		len -= 3;
		if (len && *s == ' ') {
			s++;
			len--;
		}
	}
	if (len != IDENT_MOBILE_LEN || !all_digits(s, len)) {
		MOBILE_FAIL(err, "must be 11 digits, optionally after '+86'");
		return false;
	}
	if (s[0] != '1' || s[1] < '3') {
		MOBILE_FAIL(err, "must start with 13 to 19, not '%c%c'", s[0], s[1]);
		return false;
	}
	if (out) {
		memcpy(out, s, IDENT_MOBILE_LEN);
		out[IDENT_MOBILE_LEN] = '\0';
	}
	return true;
}

bool ident_region_check(const struct region_table *t, const char *s, size_t len,
			struct px_err *err)
{
	char code[REGION_CODE_LEN + 1];
	if (len != REGION_CODE_LEN || !all_digits(s, len)) {
		px_err_set(err, PX_EINVAL, "invalid_region", "region", "'%.*s' is not 6 digits",
			   (int)(len < QUOTE_MAX ? len : QUOTE_MAX), s);
		return false;
	}
	memcpy(code, s, len);
	code[len] = '\0';
	if (!region_find(t, code)) {
		px_err_set(err, PX_EINVAL, "invalid_region", "region",
			   "'%s' is not a known division code", code);
		return false;
	}
	return true;
}

void ident_mask_span(const char *s, size_t len, size_t head, size_t tail, char *buf, size_t cap)
{
	const bool keep = len > head && len - head > tail;
	size_t i;
	if (!cap)
		return;
	for (i = 0; i < len && i + 1 < cap; i++)
		buf[i] = keep && (i < head || i >= len - tail) ? s[i] : '*';
	buf[i] = '\0';
}

void ident_mask(const char *s, size_t len, char *buf, size_t cap)
{
	ident_mask_span(s, len, 6, 4, buf, cap);
}
