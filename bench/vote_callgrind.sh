#!/usr/bin/env bash
# bench/vote_callgrind.sh - instructions per durable vote and per count read over the whole server
# (its HTTP threads and the vote's writer together), the measure a shared machine does not disturb.
# The database of bench/vote.sh (SQLite, synchronous=FULL); the server runs under valgrind's
# callgrind; wrk sends ballots of new voter-candidate pairs at 64 connections for a warm-up, then
# counting is switched on for SECONDS, and the instructions are divided by the votes stored in that
# time; then the same for the public count read. KEEP=DIR keeps the profiles for callgrind_annotate.
#   bench/vote_callgrind.sh [SECONDS]     default 5 s
set -eu
cd "$(dirname "$0")/.."
secs=${1:-5}
bin=${PINGXUAN_BIN:-$PWD/build/pingxuan}
[ -x "$bin" ] || { echo "bench: build first (make)"; exit 1; }
command -v valgrind >/dev/null && command -v wrk >/dev/null || { echo "bench: needs valgrind and wrk"; exit 1; }
work=$(mktemp -d /tmp/pxvotecg.XXXXXX)
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null || true
	wait 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

read -r db prog cands < <(PINGXUAN_BIN=$bin PX_DATA_DIR=$PWD/data node bench/vote_setup.mjs "$work" "${VOTERS:-4000}" 50)
valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$work/cg.%p" \
	"$bin" serve --db "$db" --listen 127.0.0.1:0 --port-file "$work/port" --per-address 0 --access-log off \
	>/dev/null 2>"$work/valgrind.log" &
pid=$!
for _ in $(seq 600); do [ -s "$work/port" ] && break; sleep 0.1; done
url="http://127.0.0.1:$(cat "$work/port")"
votes() { sqlite3 "$db" 'SELECT count(*) FROM vote'; }
total() { # instructions counted so far, dumped
	callgrind_control -d "$pid" >/dev/null 2>&1
	local f; f=$(ls -t "$work"/cg.* | head -1)
	awk '/^totals:/ { print $2; exit }' "$f"
}
keep() { [ -n "${KEEP:-}" ] && mkdir -p "$KEEP" && cp "$(ls -t "$work"/cg.* | head -1)" "$KEEP/$1"; return 0; }
run_votes() { OFFSET=$2 TOKENS=$work/tokens CANDIDATES=$cands PID=$prog wrk -t1 -c64 -d"$1" --timeout 60s -s bench/vote.lua "$url" >/dev/null; }

run_votes 2s 0
before=$(votes)
callgrind_control -z "$pid" >/dev/null 2>&1
callgrind_control -i on "$pid" >/dev/null 2>&1
run_votes "${secs}s" 100000
callgrind_control -i off "$pid" >/dev/null 2>&1
ir=$(total)
n=$(( $(votes) - before ))
keep votes
batches=$(sqlite3 "$db" "SELECT round(avg(votes), 1) FROM vote_batch")
echo "bench: callgrind, $(date -u +%Y-%m-%d), SQLite synchronous=FULL, wrk -c64"
printf '%-44s %12.0f   (%d votes, %s a batch)\n' "instructions per durable vote" "$(awk -v a="$ir" -v n="$n" 'BEGIN { print a / n }')" "$n" "$batches"

reads=2000
curl -s -o /dev/null "$url/api/v1/programmes/$prog/vote/counts"
urls=()
for _ in $(seq "$reads"); do urls+=("$url/api/v1/programmes/$prog/vote/counts"); done
callgrind_control -z "$pid" >/dev/null 2>&1
callgrind_control -i on "$pid" >/dev/null 2>&1
curl -s "${urls[@]}" >/dev/null
callgrind_control -i off "$pid" >/dev/null 2>&1
ir=$(total)
keep counts
printf '%-44s %12.0f\n' "instructions per count read" "$(awk -v a="$ir" -v n="$reads" 'BEGIN { print a / n }')"
urls=()
for _ in $(seq "$reads"); do urls+=("$url/api/v1/health"); done
callgrind_control -z "$pid" >/dev/null 2>&1
callgrind_control -i on "$pid" >/dev/null 2>&1
curl -s "${urls[@]}" >/dev/null
callgrind_control -i off "$pid" >/dev/null 2>&1
ir=$(total)
printf '%-44s %12.0f\n' "instructions per /health (reference)" "$(awk -v a="$ir" -v n="$reads" 'BEGIN { print a / n }')"
