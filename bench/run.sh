#!/usr/bin/env bash
# bench/run.sh - throughput of pingxuan against a reference measured in the
# same run on the same machine: nginx serving a small static file. Prints
# requests/s of each and their ratio. Needs nginx and wrk
# (scripts/deps.sh --bench installs them).
#   bench/run.sh [SECONDS]     default 10 s per measurement
set -eu
cd "$(dirname "$0")/.."
secs=${1:-10}
conns=${BENCH_CONNECTIONS:-64}
bin=${PINGXUAN_BIN:-build/pingxuan}
scripts/deps.sh --bench
[ -x "$bin" ] || { echo "bench: build first (make)"; exit 1; }

work=$(mktemp -d /tmp/pxbench.XXXXXX)
cleanup() {
	[ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
	[ -n "${px_pid:-}" ] && kill "$px_pid" 2>/dev/null || true
	wait 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# the reference: nginx, one worker per core, a 35-byte static JSON file
ngport=$(free_port)
mkdir -p "$work/www" "$work/logs"
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
	server {
		listen 127.0.0.1:$ngport;
		root $work/www;
		location / { default_type application/json; }
	}
}
NGINX
mkdir -p "$work/tmp"
nginx -c "$work/nginx.conf" -p "$work"

# pingxuan on a fresh database, no access log (nginx has none either)
"$bin" init --db "$work/bench.db" --password-stdin <<<"bench-password-1" >/dev/null
"$bin" serve --db "$work/bench.db" --listen 127.0.0.1:0 --port-file "$work/port" --per-address 0 \
	--access-log off >/dev/null 2>&1 &
px_pid=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.05; done
pxport=$(cat "$work/port")

measure() { # URL -> requests/s
	wrk -t1 -c"$conns" -d"${secs}s" --latency "$1" | awk '/Requests\/sec/ { print $2 }'
}
# warm up both
wrk -t1 -c"$conns" -d1s "http://127.0.0.1:$ngport/health.json" >/dev/null
wrk -t1 -c"$conns" -d1s "http://127.0.0.1:$pxport/api/v1/health" >/dev/null

ng=$(measure "http://127.0.0.1:$ngport/health.json")
px=$(measure "http://127.0.0.1:$pxport/api/v1/health")
head=$(measure "http://127.0.0.1:$pxport/api/v1/audit/head")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "bench: wrk -t1 -c$conns -d${secs}s on $(nproc) cores, $(date -u +%Y-%m-%d)"
printf '%-40s %12s %8s\n' "endpoint" "req/s" "x nginx"
printf '%-40s %12.0f %8s\n' "nginx static file (reference)" "$ng" "1.00"
printf '%-40s %12.0f %8s\n' "pingxuan GET /api/v1/health" "$px" "$(ratio "$px" "$ng")"
printf '%-40s %12.0f %8s\n' "pingxuan GET /api/v1/audit/head (db)" "$head" "$(ratio "$head" "$ng")"
