#!/usr/bin/env bash
# bench/vote.sh - the public vote against nginx, measured in the same run: durable, deduplicated
# votes per second at 64 connections (each request a ballot of a new voter-candidate pair,
# answered after its group commit; SQLite synchronous=FULL, or PostgreSQL with PX_TEST_PG_URL),
# and the public count read (kept in memory, ETag). Needs nginx and wrk (scripts/deps.sh --bench).
#   bench/vote.sh [SECONDS]     default 10 s per measurement
set -eu
cd "$(dirname "$0")/.."
secs=${1:-10}
conns=${BENCH_CONNECTIONS:-64}
bin=${PINGXUAN_BIN:-$PWD/build/pingxuan}
[ -x "$bin" ] || { echo "bench: build first (make)"; exit 1; }
command -v wrk >/dev/null && command -v nginx >/dev/null || scripts/deps.sh --bench

work=$(mktemp -d /tmp/pxvotebench.XXXXXX)
cleanup() {
	[ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
	[ -n "${px_pid:-}" ] && kill "$px_pid" 2>/dev/null || true
	wait 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

ngport=$(free_port)
mkdir -p "$work/www" "$work/logs" "$work/tmp"
printf '{"status":"ok","version":"0.1.0"}\n' > "$work/www/health.json"
cat > "$work/nginx.conf" <<NGINX
worker_processes auto;
pid $work/nginx.pid;
error_log $work/logs/error.log;
events { worker_connections 4096; }
http {
	access_log off;
	keepalive_requests 1000000;
	open_file_cache max=100;
	sendfile on;
	client_body_temp_path $work/tmp;
	proxy_temp_path $work/tmp;
	fastcgi_temp_path $work/tmp;
	uwsgi_temp_path $work/tmp;
	scgi_temp_path $work/tmp;
	server { listen 127.0.0.1:$ngport; root $work/www; location / { default_type application/json; } }
}
NGINX
nginx -c "$work/nginx.conf" -p "$work"

read -r db pid cands < <(PINGXUAN_BIN=$bin PX_DATA_DIR=$PWD/data node bench/vote_setup.mjs "$work" "${VOTERS:-10000}" 50) # 500,000 pairs: more than 10 s of ballots
"$bin" serve --db "$db" --listen 127.0.0.1:0 --port-file "$work/port" --per-address 0 --access-log off \
	>/dev/null 2>&1 &
px_pid=$!
for _ in $(seq 200); do [ -s "$work/port" ] && break; sleep 0.05; done
pxport=$(cat "$work/port")

wrk -t1 -c"$conns" -d1s "http://127.0.0.1:$ngport/health.json" >/dev/null
ng=$(wrk -t1 -c"$conns" -d"${secs}s" "http://127.0.0.1:$ngport/health.json" | awk '/Requests\/sec/ { print $2 }')
out=$(TOKENS=$work/tokens CANDIDATES=$cands PID=$pid wrk -t1 -c"$conns" -d"${secs}s" --latency -s bench/vote.lua \
	"http://127.0.0.1:$pxport")
votes=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
non2xx=$(awk '/Non-2xx/ { print $NF }' <<<"$out")
reads=$(wrk -t1 -c"$conns" -d"${secs}s" "http://127.0.0.1:$pxport/api/v1/programmes/$pid/vote/counts" | awk '/Requests\/sec/ { print $2 }')
kill "$px_pid"; wait "$px_pid" 2>/dev/null || true; px_pid=
q() { if [[ $db == postgres* ]]; then psql -X -q -A -t -d "$db" -c "$1"; else sqlite3 "$db" "$1"; fi; }
stored=$(q 'SELECT count(*) FROM vote')
batches=$(q "SELECT count(*) || ' batches of ' || round(avg(votes), 1) || ' votes on average' FROM vote_batch")
audit=$("$bin" audit verify --db "$db" >/dev/null && echo intact || echo BROKEN)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "bench: vote, wrk -t1 -c$conns -d${secs}s on $(nproc) cores, $(date -u +%Y-%m-%d), $([[ $db == postgres* ]] && echo PostgreSQL || echo 'SQLite synchronous=FULL')"
printf '%-44s %12s %8s\n' "endpoint" "req/s" "x nginx"
printf '%-44s %12.0f %8s\n' "nginx static file (reference)" "$ng" "1.00"
printf '%-44s %12.0f %8s   p99 %s, refused %s\n' "POST /programmes/{id}/votes (durable)" "$votes" "$(ratio "$votes" "$ng")" "$p99" "${non2xx:-0}"
printf '%-44s %12.0f %8s\n' "GET /programmes/{id}/vote/counts (memory)" "$reads" "$(ratio "$reads" "$ng")"
echo "votes stored: $stored in $batches; audit chain: $audit"
