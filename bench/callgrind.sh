#!/usr/bin/env bash
# bench/callgrind.sh - server instructions per request, the measure that a
# shared machine does not disturb. The server runs under valgrind's callgrind
# with one worker thread on `pingxuan demo`'s database played to publication;
# for each request: 5 warm-up requests, then counting is switched on, N more
# requests on one kept-alive connection, counting off; the instructions of the
# whole process divided by N are printed, and the profile is kept for
# callgrind_annotate when KEEP=DIR is set.
#   bench/callgrind.sh [N]        default 50 requests each
set -eu
cd "$(dirname "$0")/.."
n=${1:-50}
bin=${PINGXUAN_BIN:-build/pingxuan}
[ -x "$bin" ] || { echo "bench: build first (make)"; exit 1; }
command -v valgrind >/dev/null || { echo "bench: needs valgrind"; exit 1; }
work=$(mktemp -d /tmp/pxcallgrind.XXXXXX)
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null || true
	wait 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

PX_DATA_DIR=data "$bin" demo --until publication --no-serve --db "$work/read.db" >/dev/null 2>&1
valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$work/cg.%p" \
	"$bin" serve --db "$work/read.db" --listen 127.0.0.1:0 --port-file "$work/port" --threads 1 \
	--per-address 0 --rehearsal --files-dir "$work/files" --data-dir data --access-log off \
	>/dev/null 2>"$work/valgrind.log" &
pid=$!
for _ in $(seq 600); do [ -s "$work/port" ] && break; sleep 0.1; done
base="http://127.0.0.1:$(cat "$work/port")/api/v1"
cookie=$(curl -s -c - -o /dev/null -H 'content-type: application/json' \
	-d '{"login":"office","password":"pingxuan-demo"}' "$base/session" | awk '/px_session/ { print $7 }')
aid=$(sqlite3 "$work/read.db" "SELECT min(id) FROM application")
cert=$(sqlite3 "$work/read.db" "SELECT code FROM certificate ORDER BY id LIMIT 1" 2>/dev/null || true)

total() { # instructions counted so far, dumped
	callgrind_control -d "$pid" >/dev/null 2>&1
	local f; f=$(ls -t "$work"/cg.* | head -1)
	awk '/^totals:/ { print $2; exit }' "$f"
}
measure() { # LABEL CURL-ARGS... URL
	local label=$1; shift
	local url=${*: -1} urls=() i
	for i in $(seq 5); do curl -s -o /dev/null "$@"; done >/dev/null
	for i in $(seq "$n"); do urls+=("$url"); done
	callgrind_control -z "$pid" >/dev/null 2>&1
	callgrind_control -i on "$pid" >/dev/null 2>&1
	curl -s "${@:1:$#-1}" "${urls[@]}" >/dev/null
	callgrind_control -i off "$pid" >/dev/null 2>&1
	local ir; ir=$(total)
	printf '%-60s %12.0f\n' "$label" "$(awk -v a="$ir" -v n="$n" 'BEGIN { print a / n }')"
	[ -n "${KEEP:-}" ] && mkdir -p "$KEEP" && cp "$(ls -t "$work"/cg.* | head -1)" "$KEEP/$(tr -c 'a-z0-9\n' _ <<<"$label" | head -c 40)"
	return 0
}

echo "bench: callgrind, instructions per request ($n requests, one worker thread), $(date -u +%Y-%m-%d)"
measure "GET /programmes/1/winners (public)" "$base/programmes/1/winners"
measure "GET /programmes/1 (public)" "$base/programmes/1"
measure "GET /programmes/1/notices (public)" "$base/programmes/1/notices"
[ -n "$cert" ] && measure "GET /certificates/{code} (public verification)" "$base/certificates/verify/$cert"
measure "GET /applications/{id} (office)" -H "Cookie: px_session=$cookie" "$base/applications/$aid"
measure "GET /programmes/1/applications (office, list)" -H "Cookie: px_session=$cookie" "$base/programmes/1/applications"
# a query string is never kept (http/cache.h): the cost of rendering them
measure "GET /applications/{id}?render=1 (office, rendered)" -H "Cookie: px_session=$cookie" "$base/applications/$aid?render=1"
measure "GET /programmes/1/applications?render=1 (rendered)" -H "Cookie: px_session=$cookie" "$base/programmes/1/applications?render=1"
measure "GET /health" "$base/health"
