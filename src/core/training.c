/*
 * training.c - chief quality officer training rules (training.h): expected
 * sessions, completion, and the rotating check-in code (an HMAC-SHA-256 of
 * the time window under the session's secret, cut to six digits like a TOTP).
 */
#include "core/training.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static const char *const mark_names[] = { "", "present", "late", "absent", "excused" };

enum training_mark training_mark_parse(const char *name)
{
	for (int m = TRAINING_PRESENT; name && m <= TRAINING_EXCUSED; m++)
		if (!strcmp(name, mark_names[m]))
			return (enum training_mark)m;
	return TRAINING_NONE;
}

const char *training_mark_name(enum training_mark m)
{
	return (unsigned)m <= TRAINING_EXCUSED ? mark_names[m] : "";
}

bool training_expected(px_date enrolled, px_date day)
{
	return enrolled <= day;
}

void training_evaluate(const struct training_session *s, size_t n, px_date enrolled, int score, int share_pct,
		       int pass_score, struct training_result *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < n; i++) {
		if (!training_expected(enrolled, s[i].day) || s[i].mark == TRAINING_EXCUSED)
			continue;
		out->expected_tenths += s[i].hours_tenths;
		if (s[i].mark == TRAINING_PRESENT || s[i].mark == TRAINING_LATE)
			out->attended_tenths += s[i].hours_tenths;
	}
	out->attendance_ok = out->expected_tenths > 0 &&
			     (int64_t)out->attended_tenths * 100 >= (int64_t)out->expected_tenths * share_pct;
	out->score_ok = score >= 0 && score >= pass_score;
	out->complete = out->attendance_ok && out->score_ok;
}

void training_checkin_code(const unsigned char secret[TRAINING_SECRET_BYTES], int64_t t, char out[7])
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES], msg[8];
	uint64_t w = (uint64_t)(t / TRAINING_CODE_WINDOW_S);
	for (int i = 7; i >= 0; i--, w >>= 8)
		msg[i] = (unsigned char)(w & 0xff);
	crypto_auth_hmacsha256(mac, msg, sizeof(msg), secret);
	/* dynamic truncation as RFC 4226 */
	int off = mac[sizeof(mac) - 1] & 0x0f;
	uint32_t v = ((uint32_t)(mac[off] & 0x7f) << 24) | ((uint32_t)mac[off + 1] << 16) | ((uint32_t)mac[off + 2] << 8) |
		     mac[off + 3];
	snprintf(out, 7, "%06u", (unsigned)(v % 1000000u));
}

bool training_checkin_valid(const unsigned char secret[TRAINING_SECRET_BYTES], int64_t t, const char *code)
{
	char now[7], before[7];
	if (!code || strlen(code) != 6)
		return false;
	training_checkin_code(secret, t, now);
	training_checkin_code(secret, t - TRAINING_CODE_WINDOW_S, before);
	return !sodium_memcmp(now, code, 6) || !sodium_memcmp(before, code, 6);
}
