#!/usr/bin/env bash
# t0100-calendar - an office works out deadlines in working days with the
# official calendar, then adds the next year's State Council schedule.
. "$(dirname "$0")/lib.sh"

hint="(a new year's schedule is added with 'pingxuan calendar import FILE')"

# --- deadlines -----------------------------------------------------------------
expect "a 5-working-day notice from Friday 2025-09-26 ends after National Day" \
	0 "2025-10-09" "" -- px calendar end 2025-09-26 5
expect "one starting inside the holiday begins on the first working day after it" \
	0 "2025-10-14" "" -- px calendar end 2025-10-03 5
expect "one starting on a rest day begins on the next working day, here a 调休 Sunday" \
	0 "2025-09-28" "" -- px calendar end 2025-09-27 1
expect "across the new year: 2026-01-01..03 off, Sunday 01-04 worked" \
	0 "2026-01-05" "" -- px calendar end 2025-12-29 5
expect "the 2020 extension made Saturday 02-01 a day off" \
	0 "2020-02-04" "" -- px calendar end 2020-01-23 3
expect "a period ending after the calendar is an error, not a guess" \
	1 "" "pingxuan calendar: error: date: the end of 6 working days from '2026-12-25' falls after the last day of the working-day calendar '2026-12-31' [date_out_of_calendar]
$hint" -- px calendar end 2026-12-25 6
expect "a start outside the calendar is an error" \
	1 "" "pingxuan calendar: error: date: date '2027-01-04' is outside the working-day calendar (2015-2026) [date_out_of_calendar]
$hint" -- px calendar end 2027-01-04 1
expect "a period of 0 working days" \
	1 "" "pingxuan calendar: error: n: a period must have at least 1 working day, not 0 [invalid_period]" \
	-- px calendar end 2025-09-26 0
expect "N must be a number" \
	2 "" "pingxuan calendar: N must be a whole number, not 'five'
(see 'pingxuan calendar --help')" -- px calendar end 2025-09-26 five
expect "dates are YYYY-MM-DD" \
	2 "" "pingxuan calendar: invalid date '2025-9-26' (expected YYYY-MM-DD)
(see 'pingxuan calendar --help')" -- px calendar end 2025-9-26 5

# --- counting and checking -------------------------------------------------------
expect "working days from 09-26 to 10-09 2025" 0 "5" "" -- px calendar count 2025-09-26 2025-10-09
expect "working days in 2025" 0 "248" "" -- px calendar count 2025-01-01 2025-12-31
expect "a holiday week has none" 0 "0" "" -- px calendar count 2025-10-01 2025-10-07
expect "a range backwards" 1 "" \
	"pingxuan calendar: error: to: '2025-09-26' is before '2025-10-09' [invalid_range]" \
	-- px calendar count 2025-10-09 2025-09-26
expect "what days are" 0 "2025-10-01 holiday 国庆节、中秋节
2025-09-28 workday (调休 国庆节、中秋节)
2025-09-29 workday
2025-09-27 rest
2020-02-01 holiday 春节
2025-01-29 holiday 春节" "" -- px calendar check 2025-10-01 2025-09-28 2025-09-29 2025-09-27 2020-02-01 2025-01-29
expect "a day before the calendar" 1 "2015-01-05 workday" \
	"pingxuan calendar: error: date: date '2014-12-31' is outside the working-day calendar (2015-2026) [date_out_of_calendar]
$hint" -- px calendar check 2015-01-05 2014-12-31

# --- usage ----------------------------------------------------------------------
for sub in "" end count check import; do
	expect "calendar $sub --help" 0 '*' "" -- px calendar $sub --help
	assert "calendar $sub --help prints a usage" grep -q '^usage: pingxuan calendar' <(px calendar $sub --help)
done
expect "no command" 2 "" "pingxuan calendar: a command is needed: end, count, check or import
(see 'pingxuan calendar --help')" -- px calendar
expect "unknown command" 2 "" "pingxuan calendar: unknown command 'add'
(see 'pingxuan calendar --help')" -- px calendar add 2025-01-01 3
expect "missing argument" 2 "" "pingxuan calendar: usage: pingxuan calendar end START N
(see 'pingxuan calendar --help')" -- px calendar end 2025-01-01
expect "unknown option" 2 "" "pingxuan calendar: unknown option '--verbose'
(see 'pingxuan calendar --help')" -- px calendar end --verbose 2025-01-01 3
expect "a data directory without the calendar" 1 "" \
	"pingxuan calendar: error: cannot open '$tmp/none/cn_workdays.csv': No such file or directory [io_error]" \
	-- px calendar end 2025-09-26 5 --data-dir "$tmp/none"

# --- importing the next year ----------------------------------------------------------
dir=$tmp/data
mkdir "$dir"
cp "$PX_DATA_DIR/cn_workdays.csv" "$dir/"
cp "$dir/cn_workdays.csv" "$tmp/original.csv"
{ cat "$tmp/original.csv"; printf '2027-01-01,holiday,元旦\r\n2027-02-06,holiday,春节\r\n'; } > "$tmp/with2027.csv"

expect "2027 is not known yet" 1 "" '*' -- px calendar --data-dir "$dir" check 2027-01-04
expect "import a file adding 2027" 0 "covered years: 2015-2027
installed $dir/cn_workdays.csv (previous kept as $dir/cn_workdays.csv.bak)" "" \
	-- px calendar import "$tmp/with2027.csv" --data-dir "$dir"
assert "the calendar is the imported file" cmp -s "$dir/cn_workdays.csv" "$tmp/with2027.csv"
assert "the previous calendar is kept" cmp -s "$dir/cn_workdays.csv.bak" "$tmp/original.csv"
assert "no temporary file is left" test "$(ls "$dir" | wc -l)" = 2
expect "2027 is known now" 0 "2027-01-04 workday
2027-02-06 holiday 春节" "" -- px calendar --data-dir "$dir" check 2027-01-04 2027-02-06
expect "a period may now run into 2027" 0 "2027-01-04" "" -- px calendar end 2026-12-31 2 --data-dir "$dir"

printf 'date,kind,name\n2027-01-01,holiday,元旦\n2027-13-01,holiday,x\n' > "$tmp/bad.csv"
expect "a malformed file is refused, naming the line" 1 "" \
	"pingxuan calendar: error: $tmp/bad.csv: line 3: invalid date '2027-13-01' [calendar_bad_date]" \
	-- px calendar import "$tmp/bad.csv" --data-dir "$dir"
printf 'date,kind,name\n2027-01-01,holiday,元旦\n2027-01-01,holiday,元旦\n' > "$tmp/dup.csv"
expect "a duplicate date is refused" 1 "" \
	"pingxuan calendar: error: $tmp/dup.csv: line 3: duplicate date '2027-01-01' (already on line 2) [calendar_duplicate_date]" \
	-- px calendar import "$tmp/dup.csv" --data-dir "$dir"
printf 'date,kind,name\n2027-01-01,holiday,元旦\n' > "$tmp/only2027.csv"
expect "a file dropping years is refused" 1 "" \
	"pingxuan calendar: error: $tmp/only2027.csv covers 2027-2027 but the current calendar covers 2015-2027; a new file must include every year of the old one (or use --force)" \
	-- px calendar import "$tmp/only2027.csv" --data-dir "$dir"
assert "refused imports leave the calendar alone" cmp -s "$dir/cn_workdays.csv" "$tmp/with2027.csv"
expect "unless forced" 0 "covered years: 2027-2027
installed $dir/cn_workdays.csv (previous kept as $dir/cn_workdays.csv.bak)" "" \
	-- px calendar import --force "$tmp/only2027.csv" --data-dir "$dir"
assert "the forced import kept the previous file" cmp -s "$dir/cn_workdays.csv.bak" "$tmp/with2027.csv"
expect "--force belongs to import only" 2 "" "pingxuan calendar: 'end' takes no --force
(see 'pingxuan calendar --help')" -- px calendar end --force 2025-09-26 5

empty=$tmp/empty
mkdir "$empty"
expect "the first import into an empty directory" 0 "covered years: 2015-2026
installed $empty/cn_workdays.csv" "" -- px calendar import "$tmp/original.csv" --data-dir "$empty"
expect "a file that cannot be read" 1 "" \
	"pingxuan calendar: error: cannot open '$tmp/nothing.csv': No such file or directory [io_error]" \
	-- px calendar import "$tmp/nothing.csv" --data-dir "$empty"

done_testing
