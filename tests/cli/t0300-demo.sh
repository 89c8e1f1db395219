#!/usr/bin/env bash
# t0300-demo: `pingxuan demo` plays the Qingyuan 2025 award through the API
# up to the stage asked for, and leaves a database whose audit chain is
# intact and whose lists export.
. "$(dirname "$0")/lib.sh"

cd "$tmp" || exit 1
expect "demo stops at the county stage" 0 "*" "*" -- px demo --no-serve --until county --db "$tmp/county.db"
open=$(sqlite3 "$tmp/county.db" "SELECT code FROM stage WHERE state = 'open' AND programme_id = 1")
[ "$open" = county ] && echo "ok - the programme is left in the county stage" ||
	{ echo "not ok - the open stage is '$open'"; failed=$((failed + 1)); }

start=$(date +%s.%N)
expect 'demo runs to publication' 0 '*' '*' -- px demo --no-serve --db "$tmp/demo.db"
echo "# demo to publication: $(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
expect 'its audit chain verifies' 0 '*' '' -- px audit verify --db "$tmp/demo.db"
winners=$(px export --db "$tmp/demo.db" --programme 1 --what winners --format csv | tail -n +2 | wc -l)
[ "$winners" -ge 5 ] && echo "ok - $winners winners exported" || { echo "not ok - winners: $winners"; failed=$((failed + 1)); }
certs=$(sqlite3 "$tmp/demo.db" "SELECT count(*) FROM certificate")
[ "$certs" = "$winners" ] && echo "ok - a certificate per winner" || { echo "not ok - certificates $certs"; failed=$((failed + 1)); }
expect 'an unknown stage is a usage error' 2 '' '*' -- px demo --no-serve --until lottery
done_testing
