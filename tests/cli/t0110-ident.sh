#!/usr/bin/env bash
# t0110-ident - an office checks the identifiers of applicants and experts:
# credit codes, resident numbers (never printed in full), mobiles, regions.
. "$(dirname "$0")/lib.sh"

# --- one value at a time ----------------------------------------------------------
expect "a valid credit code" 0 "OK uscc 91110000600037341L" "" -- px ident check 91110000600037341L
expect "a wrong check character" 1 "BAD uscc 91110000600037341N: check character should be 'L'" "" \
	-- px ident check 91110000600037341N
expect "letters a credit code never uses" 1 \
	"BAD uscc 9111000060003IOZSV: character 14 'I' is not allowed (0-9 and A-Y except I, O, S, V, Z)" "" \
	-- px ident check 9111000060003IOZSV
expect "an all-digit credit code is not taken for a resident number" 0 "OK uscc 121200004013590816" "" \
	-- px ident check 121200004013590816
expect "a credit code whose inner organisation code check fails is accepted with a note" 0 \
	"OK uscc 91110000600037340H (note: the organisation code's own check character would be '1')" "" \
	-- px ident check 91110000600037340H
expect "a resident number is printed masked" 0 "OK id 440103********1236" "" \
	-- px ident check 440103199001011236
expect "a lower-case x is accepted and shown as X" 0 "OK id 441802********004X" "" \
	-- px ident check 44180219950615004x
expect "a bad resident number is masked too" 1 "BAD id 440103********1230: check character should be '6'" "" \
	-- px ident check 440103199001011230
expect "a birth date that does not exist" 1 \
	"BAD id 440103********1235: birth date (characters 7-14) is not a real date" "" \
	-- px ident check --kind id 440103199002301235
expect "a mobile number, masked" 0 "OK mobile 138****8000
OK mobile +86 138****8000" "" -- px ident check 13800138000 "+86 13800138000"
expect "a mobile number that cannot be" 1 "BAD mobile 128****8000: must start with 13 to 19, not '12'" "" \
	-- px ident check 12800138000
expect "a division code with its name" 0 "OK region 441802 清城区" "" -- px ident check 441802
expect "an unknown division code" 1 "BAD region 990101: '990101' is not a known division code" "" \
	-- px ident check 990101
expect "something else altogether" 1 \
	"BAD unknown *****: not a unified social credit code, resident identity number, mobile number or division code (use --kind)" "" \
	-- px ident check 12345
expect "spaces around a value are ignored" 0 "OK uscc 91110000600037341L" "" \
	-- px ident check "  91110000600037341L "
expect "--kind forces the check" 1 "BAD id 911100********341L: character 18 is neither a digit nor X" "" \
	-- px ident check --kind id 91110000600037341L
expect "several values: exit 1 when any is bad" 1 "OK uscc 91110000600037341L
BAD uscc 91110000600037341N: check character should be 'L'
OK mobile 138****8000" "" -- px ident check 91110000600037341L 91110000600037341N 13800138000

# --- a CSV column ------------------------------------------------------------------
printf '\xEF\xBB\xBFname,uscc,contact\r\n"A, Inc.",91110000600037341L,13800138000\r\nB,91110000600037341N,\r\nC, 91310115MA1K3BTP2B ,\r\n"D\r\nE",,\r\nF,440103199001011230,\r\n' > "$tmp/orgs.csv"
expect "bad rows of a column are reported with their row" 1 "row 3: BAD uscc 91110000600037341N: check character should be 'L'
row 5: BAD (empty)
row 7: BAD id 440103********1230: check character should be '6'
5 checked, 3 bad" "" -- px ident check --csv "$tmp/orgs.csv" --column uscc
expect "a column checked as one kind" 1 "row 3: BAD uscc 91110000600037341N: check character should be 'L'
row 5: BAD (empty)
row 7: BAD uscc 440103199001011230: check character should be 'M'
5 checked, 3 bad" "" -- px ident check --csv "$tmp/orgs.csv" --column uscc --kind uscc
printf 'mobile\n13800138000\n+8613912345678\n' > "$tmp/ok.csv"
expect "a clean column" 0 "2 checked, 0 bad" "" -- px ident check --csv "$tmp/ok.csv" --column mobile
expect "a column that does not exist" 1 "" \
	"pingxuan ident: error: $tmp/orgs.csv: no column 'code' in the header" \
	-- px ident check --csv "$tmp/orgs.csv" --column code
printf 'uscc\n"91110000600037341L\n' > "$tmp/broken.csv"
expect "a malformed file" 1 "" "pingxuan ident: error: $tmp/broken.csv: line 2: unterminated quoted field [csv_syntax]" \
	-- px ident check --csv "$tmp/broken.csv" --column uscc
: > "$tmp/empty.csv"
expect "an empty file" 1 "" "pingxuan ident: error: $tmp/empty.csv: line 1: no header [csv_empty]" \
	-- px ident check --csv "$tmp/empty.csv" --column uscc

# --- usage -----------------------------------------------------------------------
expect "ident --help" 0 '*' "" -- px ident --help
expect "ident check --help" 0 '*' "" -- px ident check --help
assert "the help names the kinds" grep -q 'uscc, id, mobile, region\|  region  ' <(px ident check --help)
expect "no command" 2 "" "pingxuan ident: a command is needed: check
(see 'pingxuan ident --help')" -- px ident
expect "nothing to check" 2 "" "pingxuan ident: nothing to check: give values or --csv FILE --column NAME
(see 'pingxuan ident --help')" -- px ident check
expect "an unknown kind" 2 "" "pingxuan ident: unknown kind 'phone' (uscc, id, mobile, region)
(see 'pingxuan ident --help')" -- px ident check --kind phone 13800138000
expect "--csv without --column" 2 "" "pingxuan ident: --csv and --column go together
(see 'pingxuan ident --help')" -- px ident check --csv "$tmp/ok.csv"
expect "values and --csv" 2 "" "pingxuan ident: values and --csv exclude each other
(see 'pingxuan ident --help')" -- px ident check --csv "$tmp/ok.csv" --column mobile 13800138000
expect "regions need the data directory" 1 "" \
	"pingxuan ident: error: cannot open '$tmp/none/regions.csv': No such file or directory [io_error]" \
	-- px ident check --data-dir "$tmp/none" 441802

done_testing
