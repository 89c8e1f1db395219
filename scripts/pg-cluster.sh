#!/usr/bin/env bash
# pg-cluster.sh - a throw-away PostgreSQL cluster for tests and benchmarks.
#
#   scripts/pg-cluster.sh start DIR   create DIR, initdb into DIR/data, start the
#                                     server, print its URL (also in DIR/url)
#   scripts/pg-cluster.sh stop DIR    stop the server and delete DIR
#   scripts/pg-cluster.sh url DIR     print the URL a cluster in DIR has (or will have)
#
# The server listens on no TCP port at all: only on the Unix socket
# DIR/.s.PGSQL.5432, so its URL is known before it starts and two clusters in
# two directories never compete for a port:
#   postgresql:///postgres?host=DIR&port=5432&user=postgres
# Authentication is trust for that socket only (the directory is private).
# The superuser is `postgres`. Durability is off (fsync, synchronous_commit,
# full_page_writes) unless PX_PG_DURABLE=1 - tests want speed, benchmarks want
# the real cost of a commit.
#
# initdb and postgres refuse to run as root: when run as root, the server runs
# as the `postgres` system user (Debian's postgresql package creates it) and
# DIR belongs to that user; otherwise it runs as the calling user.
# The binaries come from $PX_PG_BIN, else the newest /usr/lib/postgresql/*/bin,
# else PATH.
set -eu

usage() { echo "usage: $0 start|stop|url DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
cmd=$1
dir=$2
case "$dir" in /*) ;; *) dir="$PWD/$dir" ;; esac
port=5432
url="postgresql:///postgres?host=$dir&port=$port&user=postgres"

bindir() {
	if [ -n "${PX_PG_BIN:-}" ]; then echo "$PX_PG_BIN"; return; fi
	local d
	d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
	if [ -n "$d" ] && [ -x "$d/initdb" ]; then echo "$d"; return; fi
	d=$(command -v initdb 2>/dev/null) || { echo "pg-cluster: initdb not found (install postgresql, or set PX_PG_BIN)" >&2; exit 1; }
	dirname "$d"
}

# Run a command as the cluster's owner.
as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

stop_server() {
	local bin=$1
	if [ -f "$dir/data/postmaster.pid" ]; then
		as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
	fi
}

case "$cmd" in
url)
	echo "$url"
	;;
start)
	bin=$(bindir)
	if [ "$(id -u)" -eq 0 ] && ! getent passwd postgres >/dev/null; then
		echo "pg-cluster: running as root needs the 'postgres' system user (apt-get install postgresql)" >&2
		exit 1
	fi
	if [ ${#dir} -gt 90 ]; then
		echo "pg-cluster: '$dir' is too long for a Unix socket path: choose a shorter directory" >&2
		exit 1
	fi
	if [ -L "$dir" ]; then echo "pg-cluster: '$dir' is a symbolic link: refusing" >&2; exit 1; fi
	# a cluster left behind by an interrupted run
	stop_server "$bin"
	rm -rf "$dir"
	mkdir -p "$dir"
	chmod 700 "$dir"
	if [ "$(id -u)" -eq 0 ]; then
		chown postgres: "$dir"
		if ! runuser -u postgres -- test -w "$dir"; then
			echo "pg-cluster: user postgres cannot reach '$dir' (a parent directory is private): choose another directory" >&2
			exit 1
		fi
	fi
	if ! as_owner "$bin/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C.UTF-8 \
		--auth=trust --no-instructions >"$dir/initdb.log" 2>&1; then
		echo "pg-cluster: initdb failed:" >&2
		cat "$dir/initdb.log" >&2
		exit 1
	fi
	fast="fsync = off
synchronous_commit = off
full_page_writes = off"
	[ "${PX_PG_DURABLE:-0}" = 1 ] && fast="# durable: fsync and synchronous_commit stay on"
	as_owner tee -a "$dir/data/postgresql.conf" >/dev/null <<EOF
# --- pingxuan test cluster (scripts/pg-cluster.sh) ---
listen_addresses = ''
unix_socket_directories = '$dir'
unix_socket_permissions = 0700
port = $port
max_connections = 300
shared_buffers = 64MB
$fast
log_min_messages = warning
log_line_prefix = '%m [%p] %d '
EOF
	echo "local all all trust" | as_owner tee "$dir/data/pg_hba.conf" >/dev/null
	if ! as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null; then
		echo "pg-cluster: the server did not start:" >&2
		cat "$dir/server.log" >&2
		exit 1
	fi
	echo "$url" >"$dir/url.tmp" && mv "$dir/url.tmp" "$dir/url"
	echo "$url"
	;;
stop)
	[ -d "$dir" ] || exit 0
	bin=$(bindir)
	if [ -f "$dir/data/postmaster.pid" ]; then
		as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null ||
			as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null || true
	fi
	rm -rf "$dir"
	;;
*)
	usage
	;;
esac
