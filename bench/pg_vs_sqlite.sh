#!/usr/bin/env bash
# pg_vs_sqlite.sh - the same pingxuan binary on SQLite and on PostgreSQL,
# measured with wrk on one read and one write endpoint. Not part of `make test`.
#
#   read   GET /api/v1/audit/head   one primary-key row, no transaction
#   write  DELETE /api/v1/session   sign out: resolve the session (read), then
#                                   one transaction deleting the session row and
#                                   appending a chained audit row - the path
#                                   every state change takes (the audit head row
#                                   serialises appends on both engines)
#
# Sign-in and account creation cost an argon2id hash each (~50 ms of CPU), so
# they measure argon2, not the database: the sessions signed out here are
# seeded straight into the session table (token hashes computed by node), so
# each DELETE is pure database work. The public vote path will get its own
# write benchmark (group commit) when it lands.
#
# Both engines are durable: SQLite synchronous=FULL (the driver's setting),
# PostgreSQL with fsync and synchronous_commit on (PX_PG_DURABLE=1).
#
# usage: bench/pg_vs_sqlite.sh [SECONDS]     (default 5 per measurement)
#   BENCH_CONNS (default 32), BENCH_THREADS (wrk threads, default 2),
#   PINGXUAN_BIN (default build/pingxuan)
# needs: wrk (scripts/deps.sh --bench), node, sqlite3, psql
set -eu
cd "$(dirname "$0")/.."
root=$PWD
bin=${PINGXUAN_BIN:-$root/build/pingxuan}
dur=${1:-5}
conns=${BENCH_CONNS:-32}
wthreads=${BENCH_THREADS:-2}
tokens=${BENCH_TOKENS:-80000}
password=bench-password-123

for t in wrk node sqlite3 psql; do
	command -v $t >/dev/null || { echo "bench: $t is missing (scripts/deps.sh --bench)" >&2; exit 1; }
done
[ -x "$bin" ] || { echo "bench: build first (make): no $bin" >&2; exit 1; }

work=$(mktemp -d /tmp/pxbench.XXXXXX)
chmod 711 "$work" # the PostgreSQL server (user postgres when run as root) lives below
server_pid=""
cleanup() {
	[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
	"$root/scripts/pg-cluster.sh" stop "$work/pg" >/dev/null 2>&1 || true
	rm -rf "$work"
}
trap cleanup EXIT

echo "bench: starting a durable PostgreSQL cluster" >&2
pgbase=$(PX_PG_DURABLE=1 "$root/scripts/pg-cluster.sh" start "$work/pg")

# Sessions of account 1, as session_open would write them; token list for wrk.
node - "$tokens" "$work" <<'JS'
const { createHash, randomBytes } = require('node:crypto');
const { writeFileSync } = require('node:fs');
const [n, dir] = [Number(process.argv[2]), process.argv[3]];
const now = BigInt(Date.now()) * 1000n;
const csv = [], list = [];
for (let i = 0; i < n; i++) {
  const token = randomBytes(32).toString('hex'), csrf = randomBytes(32).toString('hex');
  csv.push(`${createHash('sha256').update(token).digest('hex')},1,${csrf},${now},${now}`);
  list.push(`${token} ${csrf}`);
}
writeFileSync(`${dir}/sessions.csv`, csv.join('\n') + '\n');
writeFileSync(`${dir}/tokens.txt`, list.join('\n') + '\n');
JS

cat >"$work/signout.lua" <<'LUA'
-- every wrk thread signs out its own share of the seeded sessions, each once
local counter = 0
function setup(thread)
	thread:set("id", counter)
	counter = counter + 1
end
function init(args)
	local nthreads, file = tonumber(args[1]), args[2]
	tokens, next_token = {}, 0
	local i = 0
	for line in io.lines(file) do
		if i % nthreads == id then tokens[#tokens + 1] = line end
		i = i + 1
	end
end
function request()
	next_token = next_token + 1
	local tok, csrf = (tokens[next_token] or tokens[1]):match("(%S+) (%S+)")
	return wrk.format("DELETE", "/api/v1/session",
		{ ["Cookie"] = "px_session=" .. tok, ["X-CSRF-Token"] = csrf })
end
LUA

# wrk -> "req/s non2xx"
measure() {
	local out
	out=$(wrk -t"$wthreads" -c"$conns" -d"${dur}s" "$@")
	local rps bad
	rps=$(echo "$out" | awk '/^Requests\/sec/ { printf "%d", $2 }')
	bad=$(echo "$out" | awk '/Non-2xx/ { print $5 }')
	echo "$rps ${bad:-0}"
}

run() {
	local name=$1 db=$2
	echo "bench: $name: init" >&2
	echo "$password" | "$bin" init --db "$db" --password-stdin >/dev/null
	if [ "$name" = sqlite ]; then
		sqlite3 "$db" ".import --csv $work/sessions.csv session"
	else
		psql -Xq --dbname "$db" -c "\\copy session FROM '$work/sessions.csv' CSV"
	fi
	rm -f "$work/port"
	"$bin" serve --db "$db" --listen 127.0.0.1:0 --port-file "$work/port" --per-address 0 --access-log off \
		>>"$work/server.log" 2>&1 &
	server_pid=$!
	for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
	local url="http://127.0.0.1:$(cat "$work/port")"
	wrk -t1 -c4 -d1s "$url/api/v1/audit/head" >/dev/null # warm up
	read -r read_rps read_bad < <(measure "$url/api/v1/audit/head")
	read -r write_rps write_bad < <(measure -s "$work/signout.lua" "$url" -- "$wthreads" "$work/tokens.txt")
	kill "$server_pid"
	wait "$server_pid" || true
	server_pid=""
	local verify
	verify=$("$bin" audit verify --db "$db" | cut -c1-40)
	printf '%-7s %10s %8s %12s %8s   %s\n' "$name" "$read_rps" "$read_bad" "$write_rps" "$write_bad" "$verify"
}

printf '%-7s %10s %8s %12s %8s   %s\n' "db" "read/s" "non-2xx" "sign-out/s" "non-2xx" "audit verify after"
run sqlite "$work/bench.db"
psql -Xq --dbname "$pgbase" -c "CREATE DATABASE bench"
run pg "$(echo "$pgbase" | sed 's|:///postgres?|:///bench?|')"
echo "(wrk -t$wthreads -c$conns -d${dur}s; $(nproc) cores; non-2xx on sign-out means the seeded sessions ran out: raise BENCH_TOKENS)"
