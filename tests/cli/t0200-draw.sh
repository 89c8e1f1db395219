#!/usr/bin/env bash
# t0200-draw.sh - the verifiable reviewer draw from the command line, as an
# office and an observer use it: make a seed and publish its commitment and
# the inputs hash, run the draw bound to that commitment (another seed or a
# changed input is refused), then anyone re-runs it with verify-draw; a
# tampered result, a wrong commitment, another seed or an input other than
# the committed one fail; an input that cannot be covered names the
# application; bad input names the member.
set -u
: "${PINGXUAN_BIN:?set PINGXUAN_BIN to the pingxuan binary}"
here=$(cd "$(dirname "$0")" && pwd)
data=${PX_DATA_DIR:-$here/../../data}
input=$data/examples/draw-input.json
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
px() { "$PINGXUAN_BIN" "$@"; }

failures=0
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; failures=$((failures + 1)); }
check() { # check DESCRIPTION COMMAND...: the command must succeed
	local what=$1; shift
	if "$@"; then ok "$what"; else not_ok "$what"; fi
}
refute() { # refute DESCRIPTION COMMAND...: the command must fail
	local what=$1; shift
	if "$@"; then not_ok "$what"; else ok "$what"; fi
}
# run EXPECTED_EXIT NAME COMMAND...: stdout to $tmp/NAME.out, stderr to $tmp/NAME.err
run() {
	local want=$1 name=$2; shift 2
	"$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
	local got=$?
	if [ "$got" = "$want" ]; then ok "$name exits $want"; else
		not_ok "$name exits $want (got $got)"; sed 's/^/# /' "$tmp/$name.err"; fi
}
contains() { grep -qF -- "$2" "$tmp/$1"; }

seed=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
commit=630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd

# --- before the draw: a seed, its commitment, the inputs hash
run 0 commit px draw commit "$seed"
check "commitment is SHA-256 of the seed bytes" [ "$(cat "$tmp/commit.out")" = "$commit" ]
run 0 commit-opt px draw --commit --seed "$seed"
check "--commit --seed says the same" cmp -s "$tmp/commit.out" "$tmp/commit-opt.out"
run 0 new-seed px draw --new-seed
new=$(sed -n 's/.*"seed": "\([0-9a-f]*\)".*/\1/p' "$tmp/new-seed.out")
newc=$(sed -n 's/.*"seed_commit": "\([0-9a-f]*\)".*/\1/p' "$tmp/new-seed.out")
check "a new seed is 64 hex digits" [ ${#new} = 64 ]
check "its commitment opens with it" [ "$(px draw commit "$new")" = "$newc" ]
run 0 new-seed-2 px draw --new-seed
refute "two new seeds differ" cmp -s "$tmp/new-seed.out" "$tmp/new-seed-2.out"
run 0 hash px draw --inputs-hash --input "$input"
hash=$(cat "$tmp/hash.out")
check "the inputs hash is 64 hex digits" [ ${#hash} = 64 ]

# --- the draw: deterministic, pinned
run 0 draw px draw --input "$input" --seed "$seed"
run 0 draw-again px draw --input "$input" --seed "$seed"
check "two runs give the same result" cmp -s "$tmp/draw.out" "$tmp/draw-again.out"
check "the result carries the commitment" contains draw.out "\"seed_commit\": \"$commit\""
check "the result carries the inputs hash" contains draw.out "\"inputs_hash\": \"$hash\""
check "the largest load is the least possible" contains draw.out '"max_load": 2,'
tr -d ' \n' <"$tmp/draw.out" >"$tmp/draw.flat"
check "the panels of docs/draw.md, \"Test vectors\"" contains draw.flat \
'"assignments":[{"application":"QY2025-001","experts":["E06","E05","E14"]},'\
'{"application":"QY2025-002","experts":["E07","E12","E01"]},'\
'{"application":"QY2025-003","experts":["E13","E03","E06"]},'\
'{"application":"QY2025-004","experts":["E13","E03","E11"]},'\
'{"application":"QY2025-005","experts":["E02","E09","E04"]},'\
'{"application":"QY2025-006","experts":["E04","E01","E07"]},'\
'{"application":"QY2025-007","experts":["E02","E05"]},'\
'{"application":"QY2025-008","experts":["E09","E12","E11"]}]'
check "the inputs hash of docs/draw.md" \
	[ "$hash" = 255f43cc122536c5c27e8cd8c3ac64d3d5959b7e3a6b1f54dd87ef80edc41d3a ]
refute "E09, in conflict with applicant P0007, is not on its panel" \
	grep -q '"QY2025-007","experts":\[[^]]*E09' "$tmp/draw.flat"
run 0 draw-other px draw --input "$input" --seed "$new"
refute "another seed gives another draw" cmp -s "$tmp/draw.out" "$tmp/draw-other.out"

# --- the run bound to the published commitment (docs/draw.md, "Commitment")
run 0 committed px draw --new-seed --input "$input"
check "the commitment to publish carries the inputs hash" contains committed.out "\"inputs_hash\": \"$hash\""
check "and the algorithm" contains committed.out '"algorithm": "px-draw-v1"'
run 0 bound px draw --input "$input" --seed "$seed" --seed-commit "$commit" --committed-inputs "$hash"
check "the run on the committed seed and input gives the same result" cmp -s "$tmp/draw.out" "$tmp/bound.out"
run 1 bound-seed px draw --input "$input" --seed "$new" --seed-commit "$commit" --committed-inputs "$hash"
check "another seed is refused" contains bound-seed.err 'does not open the commitment'
check "with the stable key" contains bound-seed.err '[seed_mismatch]'
check "and draws nothing" [ ! -s "$tmp/bound-seed.out" ]
sed 's/"max_load": 3/"max_load": 4/' "$input" >"$tmp/changed-after.json"
run 1 bound-input px draw --input "$tmp/changed-after.json" --seed "$seed" --seed-commit "$commit" \
	--committed-inputs "$hash"
check "an input changed after the commitment is refused" contains bound-input.err '[draw_inputs_changed]'

# --- after the draw: anyone verifies
run 0 verify px verify-draw --input "$input" --seed "$seed" --commit "$commit" --result "$tmp/draw.out"
check "verify-draw says OK" contains verify.out "OK: the seed opens the commitment"
run 0 verify-upper px verify-draw --input "$input" --seed "${seed^^}" --commit "${commit^^}" \
	--result "$tmp/draw.out"

sed '0,/"E02"/s//"E08"/' "$tmp/draw.out" >"$tmp/tampered.json"
run 1 verify-tampered px verify-draw --input "$input" --seed "$seed" --commit "$commit" \
	--result "$tmp/tampered.json"
check "a tampered panel is reported" contains verify-tampered.out 'differs: assignments['
check "and it ends in FAILED" contains verify-tampered.out 'FAILED'

sed 's/"E08": 0/"E08": 1/' "$tmp/draw.out" >"$tmp/tampered-load.json"
run 1 verify-load px verify-draw --input "$input" --seed "$seed" --commit "$commit" \
	--result "$tmp/tampered-load.json"
check "a tampered load is reported" contains verify-load.out 'differs: loads.E08: published 1, recomputed 0'

run 1 verify-commit px verify-draw --input "$input" --seed "$seed" --commit "$newc" \
	--result "$tmp/draw.out"
check "a wrong commitment is reported" contains verify-commit.out 'the seed does not open the commitment'
run 1 verify-seed px verify-draw --input "$input" --seed "$new" --commit "$newc" \
	--result "$tmp/draw.out"
check "another seed does not reproduce the result" contains verify-seed.out 'differs: seed_commit'

sed 's/"max_load": 3/"max_load": 4/' "$input" >"$tmp/changed-input.json"
run 1 verify-input px verify-draw --input "$tmp/changed-input.json" --seed "$seed" --commit "$commit" \
	--result "$tmp/draw.out"
check "a changed input is reported by its hash" contains verify-input.out 'differs: inputs_hash'
run 0 verify-committed px verify-draw --input "$input" --seed "$seed" --commit "$commit" --inputs-hash "$hash" \
	--result "$tmp/draw.out"
run 1 verify-committed-other px verify-draw --input "$input" --seed "$seed" --commit "$commit" \
	--inputs-hash "$(px draw --inputs-hash --input "$tmp/changed-input.json")" --result "$tmp/draw.out"
check "an input other than the committed one is reported" \
	contains verify-committed-other.out "differs: inputs_hash: committed"
printf '{"algorithm": "px-draw-v1", "extra": 1}' >"$tmp/bogus.json"
run 1 verify-bogus px verify-draw --input "$input" --seed "$seed" --commit "$commit" \
	--result "$tmp/bogus.json"
check "members missing from a result are reported" contains verify-bogus.out 'differs: assignments: published 0, recomputed 8'
check "unknown members too" contains verify-bogus.out 'differs: extra: published, but not part of a draw result'

# --- inputs that cannot be covered name the application
sed 's/"fields": \["A"\] }/"fields": ["A"], "panel": 9 }/' "$input" >"$tmp/short.json"
run 1 short px draw --input "$tmp/short.json" --seed "$seed"
check "an application short of experts is named" \
	contains short.err "error: QY2025-003: application 'QY2025-003' needs 9 reviewers"
check "with the stable key" contains short.err '[draw_infeasible]'
sed 's/"max_load": 3/"max_load": 1/' "$input" >"$tmp/tight.json"
run 1 tight px draw --input "$tmp/tight.json" --seed "$seed"
check "a load limit too low is explained" contains tight.err 'cannot be covered within the load limit 1'

# --- bad input names the member
sed 's/"employer": "INST-QY", "region": "441803"/"region": "441803"/' "$input" >"$tmp/missing.json"
run 1 missing px draw --input "$tmp/missing.json" --seed "$seed"
check "a missing member is named" contains missing.err 'error: experts[3].employer: missing [invalid_draw_input]'
sed 's/"other_region"/"other_regoin"/' "$input" >"$tmp/typo.json"
run 1 typo px draw --input "$tmp/typo.json" --seed "$seed"
check "a misspelt constraint is refused" contains typo.err 'error: constraints.other_regoin: unknown key'
sed 's/"panel": 2 }/"panel": "2" }/' "$input" >"$tmp/type.json"
run 1 type px draw --input "$tmp/type.json" --seed "$seed"
check "a wrongly typed member is named" \
	contains type.err 'error: applications[6].panel: expected an integer from 1 to 16'
sed 's/"E13"/"E12"/' "$input" >"$tmp/dup.json"
run 1 dup px draw --input "$tmp/dup.json" --seed "$seed"
check "a duplicate id is named" contains dup.err "error: experts[12].id: duplicate id 'E12' (also experts[11])"
printf '{"panel": 3,\n "max_load": }' >"$tmp/broken.json"
run 1 broken px draw --input "$tmp/broken.json" --seed "$seed"
check "broken JSON gives file, line and column" contains broken.err "broken.json:2:"
run 1 nofile px draw --input "$tmp/none.json" --seed "$seed"
check "a missing file is named" contains nofile.err "none.json: cannot open"

# --- usage errors exit 2
run 2 badseed px draw --input "$input" --seed 1234
check "a short seed is refused" contains badseed.err 'a seed is 64 hex digits, got 4'
run 2 noseed px draw --input "$input"
run 2 noinput px draw --seed "$seed"
run 2 twomodes px draw --commit --new-seed
run 2 extra px draw --input "$input" --seed "$seed" surplus
run 2 verify-missing px verify-draw --input "$input" --seed "$seed"
run 0 help px draw --help
run 0 verify-help px verify-draw --help

echo "1..$n"
[ "$failures" = 0 ]
