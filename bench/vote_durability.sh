#!/usr/bin/env bash
# bench/vote_durability.sh - kill -9 during a vote burst, N trials: 0 acknowledged votes lost,
# counts after restart equal to the counted votes, the audit chain verifies (bench/vote_durability.mjs).
#   bench/vote_durability.sh [TRIALS]            SQLite (default 100 trials)
#   PX_TEST_PG_URL=postgresql://... bench/vote_durability.sh [TRIALS]   PostgreSQL (default 20)
set -eu
cd "$(dirname "$0")/.."
bin=${PINGXUAN_BIN:-$PWD/build/pingxuan}
[ -x "$bin" ] || { echo "vote_durability: build first (make)"; exit 1; }
if [ -n "${PX_TEST_PG_URL:-}" ]; then default=20; else default=100; fi
PINGXUAN_BIN=$bin PX_DATA_DIR=${PX_DATA_DIR:-$PWD/data} exec node bench/vote_durability.mjs --trials="${1:-$default}" \
	--voters="${VOTERS:-40}" --concurrency="${CONCURRENCY:-32}"
