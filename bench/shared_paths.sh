#!/usr/bin/env bash
# bench/shared_paths.sh - the read and write paths every programme family
# shares, against nginx serving a small static file in the same run:
#   public reads (no session; answered from memory): winners, the programme,
#   its notices, a certificate's verification
#   signed-in read of one application, and of a list of 40 (office session):
#     kept for their reader (http/cache.h), and rendered every time
#   durable form update (PUT .../form, synchronous=FULL): p99 latency
# The data comes from `pingxuan demo` (about forty applicants): played to
# publication for the reads, to the application stage for the writes.
#   bench/shared_paths.sh [SECONDS]     default 5 s per measurement
set -eu
cd "$(dirname "$0")/.."
secs=${1:-5}
conns=${BENCH_CONNECTIONS:-64}
bin=${PINGXUAN_BIN:-build/pingxuan}
[ -x "$bin" ] || { echo "bench: build first (make)"; exit 1; }
work=$(mktemp -d /tmp/pxbench.XXXXXX)
pids=()
cleanup() {
	[ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# the two databases, built in parallel
PX_DATA_DIR=data "$bin" demo --until publication --no-serve --db "$work/read.db" >/dev/null 2>&1 &
d1=$!
PX_DATA_DIR=data "$bin" demo --until application --no-serve --db "$work/write.db" >/dev/null 2>&1 &
d2=$!
wait $d1 $d2

ngport=$(free_port)
mkdir -p "$work/www" "$work/logs" "$work/tmp"
printf '{"status":"ok","version":"0.1.0"}\n' > "$work/www/health.json"
cat > "$work/nginx.conf" <<NGINX
worker_processes auto;
pid $work/nginx.pid;
error_log $work/logs/error.log;
events { worker_connections 4096; }
http {
	access_log off; keepalive_requests 1000000; open_file_cache max=100; sendfile on;
	client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp;
	uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;
	server { listen 127.0.0.1:$ngport; root $work/www; location / { default_type application/json; } }
}
NGINX
nginx -c "$work/nginx.conf" -p "$work"

serve() { # DB PORTFILE: serve in rehearsal mode (the demo's dates), no access log
	"$bin" serve --db "$1" --listen 127.0.0.1:0 --port-file "$2" --per-address 0 --rehearsal --files-dir "$work/files" \
		--data-dir data --access-log off >/dev/null 2>&1 &
	pids+=($!)
	for _ in $(seq 200); do [ -s "$2" ] && break; sleep 0.05; done
}
# not in $(...): the server pids must reach cleanup
serve "$work/read.db" "$work/rport"
serve "$work/write.db" "$work/wport"
rport=$(cat "$work/rport")
wport=$(cat "$work/wport")

login() { # PORT -> "cookie csrf"
	curl -s -c - -o "$work/login.json" -H 'content-type: application/json' \
		-d '{"login":"office","password":"pingxuan-demo"}' "http://127.0.0.1:$1/api/v1/session" |
		awk '/px_session/ { print $7 }' | tr -d '\n'
	printf ' %s\n' "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["csrf_token"])' "$work/login.json")"
}
read -r rcookie _ <<<"$(login "$rport")"
read -r wcookie wcsrf <<<"$(login "$wport")"
app=$(curl -s -b "px_session=$rcookie" "http://127.0.0.1:$rport/api/v1/programmes/1/applications" |
	python3 -c 'import json,sys; d=json.load(sys.stdin); l=d.get("applications", d); print(len(l), l[0]["id"])')
napps=${app% *}
aid=${app#* }
draft=$(sqlite3 "$work/write.db" "SELECT id FROM application WHERE state = 'draft' AND form_code = 'manufacturing' LIMIT 1")

cat > "$work/put.lua" <<LUA
wrk.method = "PUT"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Cookie"] = "px_session=$wcookie"
wrk.headers["X-CSRF-Token"] = "$wcsrf"
counter = 0
request = function()
	counter = counter + 1
	return wrk.format(nil, nil, nil, '{"main_products":"高压电缆","sampling_pass_rate":99.5,"contact":"张经理' ..
		counter .. '","contact_mobile":"13800138000","employees":320,"revenue_10k":52000.25,' ..
		'"quality_system":"GB/T 19001 认证","introduction":"组织简介","practice":"卓越绩效模式的实践与成效","self_score":812}')
end
LUA

rps() { wrk -t1 -c"$conns" -d"${secs}s" "$@" | awk '/Requests\/sec/ { print $2 }'; }
wrk -t1 -c"$conns" -d1s "http://127.0.0.1:$ngport/health.json" >/dev/null
ng=$(rps "http://127.0.0.1:$ngport/health.json")
win=$(rps "http://127.0.0.1:$rport/api/v1/programmes/1/winners")
prog=$(rps "http://127.0.0.1:$rport/api/v1/programmes/1")
notices=$(rps "http://127.0.0.1:$rport/api/v1/programmes/1/notices")
cert=$(sqlite3 "$work/read.db" "SELECT code FROM certificate ORDER BY id LIMIT 1")
verify=$(rps "http://127.0.0.1:$rport/api/v1/certificates/verify/$cert")
one=$(rps -H "Cookie: px_session=$rcookie" "http://127.0.0.1:$rport/api/v1/applications/$aid")
list=$(rps -H "Cookie: px_session=$rcookie" "http://127.0.0.1:$rport/api/v1/programmes/1/applications")
# a query string is never kept (http/cache.h): the same reads rendered each time
one_r=$(rps -H "Cookie: px_session=$rcookie" "http://127.0.0.1:$rport/api/v1/applications/$aid?render=1")
list_r=$(rps -H "Cookie: px_session=$rcookie" "http://127.0.0.1:$rport/api/v1/programmes/1/applications?render=1")
wout=$(wrk -t1 -c"$conns" -d"${secs}s" --latency -s "$work/put.lua" "http://127.0.0.1:$wport/api/v1/applications/$draft/form")
wrps=$(awk '/Requests\/sec/ { print $2 }' <<<"$wout")
p99=$(awk '$1 == "99%" { print $2 }' <<<"$wout")
non2xx=$(awk '/Non-2xx/ { print $5 }' <<<"$wout")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "bench: wrk -t1 -c$conns -d${secs}s on $(nproc) cores, $(date -u +%Y-%m-%d)"
printf '%-48s %10s %8s\n' "operation" "req/s" "x nginx"
printf '%-48s %10.0f %8s\n' "nginx static file (reference)" "$ng" "1.00"
printf '%-48s %10.0f %8s\n' "public winners list" "$win" "$(ratio "$win" "$ng")"
printf '%-48s %10.0f %8s\n' "public programme" "$prog" "$(ratio "$prog" "$ng")"
printf '%-48s %10.0f %8s\n' "public notices of the programme" "$notices" "$(ratio "$notices" "$ng")"
printf '%-48s %10.0f %8s\n' "public certificate verification" "$verify" "$(ratio "$verify" "$ng")"
printf '%-48s %10.0f %8s\n' "signed-in read of one application" "$one" "$(ratio "$one" "$ng")"
printf '%-48s %10.0f %8s\n' "signed-in list of $napps applications" "$list" "$(ratio "$list" "$ng")"
printf '%-48s %10.0f %8s\n' "  the same read, rendered every time" "$one_r" "$(ratio "$one_r" "$ng")"
printf '%-48s %10.0f %8s\n' "  the same list, rendered every time" "$list_r" "$(ratio "$list_r" "$ng")"
printf '%-48s %10.0f %8s   p99 %s%s\n' "durable form update (PUT form)" "$wrps" "$(ratio "$wrps" "$ng")" "$p99" \
	"${non2xx:+, non-2xx $non2xx}"
