#!/usr/bin/env bash
# func-length.sh - list functions in src/ longer than a limit (default 80 lines,
# counted from the line naming the function to its closing brace). Functions are
# written with the opening brace alone at column 0, as the code style asks.
# Usage: scripts/func-length.sh [LIMIT]   prints "lines file:line name", longest first,
# and exits 1 when it printed any (a lint: scripts/lint.sh and ctest lint/func-length).
set -u
cd "$(dirname "$0")/.."
limit=${1:-80}
out=$(find src -name '*.c' | sort | xargs awk -v limit="$limit" '
FNR == 1 { sig = ""; start = 0; inside = 0 }
!inside && /^[A-Za-z_].*\(/ && !/;[ \t]*$/ { sig = $0; sigline = FNR }
!inside && /^\{/ && sig != "" { inside = 1; start = sigline; name = sig; next }
inside && /^\}/ {
	n = FNR - start + 1
	if (n > limit) {
		sub(/\(.*/, "", name); sub(/.*[ *]/, "", name)
		printf "%d %s:%d %s\n", n, FILENAME, start, name
	}
	inside = 0; sig = ""
}
' | sort -rn)
[ -z "$out" ] || { printf '%s\n' "$out"; exit 1; }
