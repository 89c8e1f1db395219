/*
 * eligibility.c - the eligibility rules of award programmes as pure functions
 * of their facts (see eligibility.h). Reasons are written in both languages
 * because they are shown to applicants (Chinese) and read in logs and tests
 * (English).
 */
#include "core/eligibility.h"

#include <stdio.h>

static const char *const result_names[] = {
	[ELIG_PASS] = "pass", [ELIG_FAIL] = "fail", [ELIG_ATTESTED] = "attested", [ELIG_PENDING] = "pending",
};

const char *eligibility_result_name(enum eligibility_result r)
{
	return (size_t)r < sizeof(result_names) / sizeof(result_names[0]) ? result_names[r] : "pending";
}

px_date eligibility_anniversary(px_date d, int years)
{
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	y += years;
	if (m == 2 && day == 29 && !date_valid_ymd(y, 2, 29))
		day = 28;
	return date_from_ymd(y, m, day);
}

/* The shared shape of the two "N years or more" rules. */
static void years_rule(px_date since, int years, px_date ref, const char *zh_what, const char *en_what,
		       struct eligibility_outcome *out)
{
	char s[11], a[11], r[11];
	px_date due = eligibility_anniversary(since, years);

	date_format(since, s);
	date_format(due, a);
	date_format(ref, r);
	if (due <= ref) {
		out->result = ELIG_PASS;
		snprintf(out->reason, sizeof(out->reason), "%s%s，至%s已满%d年 (%s %s: %d years by %s)", zh_what, s, r,
			 years, en_what, s, years, r);
	} else {
		out->result = ELIG_FAIL;
		snprintf(out->reason, sizeof(out->reason),
			 "%s%s，至%s不满%d年（%s方满） (%s %s: less than %d years by %s; %d years on %s)", zh_what, s, r,
			 years, a, en_what, s, years, r, years, a);
	}
}

void eligibility_operating_years(px_date founded, int years, px_date ref, struct eligibility_outcome *out)
{
	years_rule(founded, years, ref, "成立于", "founded", out);
}

void eligibility_quality_work_years(px_date since, int years, px_date ref, struct eligibility_outcome *out)
{
	years_rule(since, years, ref, "自", "quality work since", out);
}

void eligibility_no_record(bool attested, int years, struct eligibility_outcome *out)
{
	if (attested) {
		out->result = ELIG_ATTESTED;
		snprintf(out->reason, sizeof(out->reason),
			 "申报人承诺近%d年无重大质量、安全、环保等事故，无违法、违规、违纪和失信记录，接受异议核查 "
			 "(the applicant attests no accident, violation or dishonesty record in the last %d years; open to objection)",
			 years, years);
	} else {
		out->result = ELIG_PENDING;
		snprintf(out->reason, sizeof(out->reason), "申报人尚未作出无不良记录承诺 (no attestation given yet)");
	}
}

void eligibility_win_ban(int year, int cycles, int cycle_years, const int *win_years, size_t n,
			 struct eligibility_outcome *out)
{
	int from = year - cycles * cycle_years, last = 0;

	for (size_t i = 0; i < n; i++)
		if (win_years[i] >= from && win_years[i] <= year - 1 && win_years[i] > last)
			last = win_years[i];
	if (cycles > 0 && last) {
		out->result = ELIG_FAIL;
		snprintf(out->reason, sizeof(out->reason),
			 "%d年已获本奖项，获奖后%d个评选周期内（%d—%d年）不得重复申报 "
			 "(won in %d: no new application in the %d cycles after winning, %d to %d)",
			 last, cycles, from, year - 1, last, cycles, from, year - 1);
		return;
	}
	out->result = ELIG_PASS;
	if (cycles > 0)
		snprintf(out->reason, sizeof(out->reason), "%d—%d年未获本奖项 (no win of this award in %d to %d)", from,
			 year - 1, from, year - 1);
	else
		snprintf(out->reason, sizeof(out->reason), "本奖项不限制重复申报 (no ban on winners applying again)");
}
