#!/usr/bin/env bash
# lint.sh - source checks the compiler cannot make: no banned libc calls, and no
# SQL text assembled with printf-style formatting (every statement is a
# constant with bound parameters).
set -u
cd "$(dirname "$0")/.."
fail=0
banned=$(grep -rnE '\b(strcpy|strcat|sprintf|vsprintf|gets|strtok|atoi|atol|atof)\s*\(' src \
	--include='*.c' --include='*.h' | grep -v 'src/util/banned.h')
if [ -n "$banned" ]; then echo "banned calls:"; echo "$banned"; fail=1; fi
sqlfmt=$(grep -rnE '(snprintf|asprintf|printf|buf_printf)\s*\([^;]*"[^"]*\b(SELECT|INSERT|UPDATE|DELETE)\b[^"]*%' src --include='*.c')
if [ -n "$sqlfmt" ]; then echo "SQL built with formatting:"; echo "$sqlfmt"; fail=1; fi
[ $fail = 0 ] && echo "lint: clean"
exit $fail
