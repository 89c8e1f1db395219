#!/usr/bin/env bash
# bench/vote_startup.sh - start-up with N votes stored (default 1,000,000, SQLite): the time from
# starting the server to its first answer of the public counts, the counts' sum against the table,
# and the server's RSS after that answer.
#   bench/vote_startup.sh [VOTES]
set -eu
cd "$(dirname "$0")/.."
n=${1:-1000000}
bin=${PINGXUAN_BIN:-$PWD/build/pingxuan}
[ -x "$bin" ] || { echo "bench: build first (make)"; exit 1; }
work=$(mktemp -d /tmp/pxvotestart.XXXXXX)
cleanup() { [ -n "${px_pid:-}" ] && kill "$px_pid" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

read -r db pid cands < <(PINGXUAN_BIN=$bin PX_DATA_DIR=$PWD/data node bench/vote_setup.mjs "$work" 1 50)
first=${cands%%,*}
# n votes: 50 candidates, a voter votes for each once a day (the unique indexes hold)
sqlite3 "$db" <<SQL
WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i + 1 < $n)
INSERT INTO vote (programme_id, track_code, application_id, voter_hash, day, slot, receipt, state, cast_at)
SELECT $pid, 'organisation', $first + i % 50, printf('%064d', i / 50), '2022-08-01', i % 50 + 1, printf('R%011d', i),
       CASE WHEN i % 97 = 0 THEN 'quarantined' ELSE 'counted' END, 1659312000000000 + i FROM k;
DELETE FROM vote_tally;
INSERT INTO vote_tally (programme_id, application_id, state, rule, votes)
	SELECT programme_id, application_id, state, coalesce(rule, ''), count(*) FROM vote GROUP BY 1, 2, 3, 4;
SQL
counted=$(sqlite3 "$db" "SELECT count(*) FROM vote WHERE state = 'counted'")
t0=$(date +%s%N)
"$bin" serve --db "$db" --listen 127.0.0.1:0 --port-file "$work/port" --access-log off >/dev/null 2>&1 &
px_pid=$!
for _ in $(seq 2000); do [ -s "$work/port" ] && break; sleep 0.005; done
body=$(curl -sf "http://127.0.0.1:$(cat "$work/port")/api/v1/programmes/$pid/vote/counts")
t1=$(date +%s%N)
sum=$(node -e 'const c = JSON.parse(process.argv[1]); console.log(Object.values(c.tracks).flat().reduce((n, x) => n + x.valid, 0))' "$body")
rss=$(awk '/VmRSS/ { print $2 " " $3 }' "/proc/$px_pid/status")
echo "bench: vote start-up, $(sqlite3 "$db" 'SELECT count(*) FROM vote') votes stored ($counted counted), SQLite"
echo "start to first counts answer: $(( (t1 - t0) / 1000000 )) ms; counts sum $sum (table: $counted); RSS $rss"
[ "$sum" = "$counted" ]
