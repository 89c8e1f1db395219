#!/usr/bin/env bash
# lint.sh - source checks the compiler cannot make: no banned libc calls, no
# SQL text assembled with printf-style formatting (every statement is a
# constant with bound parameters), the layering of docs/hacking.md (http/
# never reaches the store, store/ and core/ never reach app/, the engine
# never includes a programme family and no family another, core/ does no
# file I/O), no function over 80 lines (scripts/func-length.sh) and no
# include cycle (scripts/include-graph.sh).
# Usage: scripts/lint.sh [TREE]   (default: this source tree)
set -u
cd "${1:-"$(dirname "$0")/.."}" || exit 2
fail=0

# report TITLE TEXT: print the findings of one check, if any
report() {
	if [ -n "$2" ]; then echo "$1:"; echo "$2"; fail=1; fi
}
# grep_src DIR ERE: matching lines of the .c and .h files under src/DIR
grep_src() {
	[ -d "src/$1" ] || return 0
	grep -rnE "$2" "src/$1" --include='*.c' --include='*.h'
}

banned=$(grep -rnE '\b(strcpy|strcat|sprintf|vsprintf|gets|strtok|atoi|atol|atof)\s*\(' src \
	--include='*.c' --include='*.h' | grep -v 'src/util/banned.h')
report "banned calls" "$banned"
sqlfmt=$(grep -rnE '(snprintf|asprintf|printf|buf_printf)\s*\([^;]*"[^"]*\b(SELECT|INSERT|UPDATE|DELETE)\b[^"]*%' src --include='*.c')
report "SQL built with formatting" "$sqlfmt"

report "store call in http/ (handlers go through app/)" \
	"$(grep_src http '(^|[^a-z_])store_[a-z_]+\s*\(|#\s*include\s*"store/')"
report "app/ included from store/" "$(grep_src store '#\s*include\s*"app/')"
report "app/ included from core/" "$(grep_src core '#\s*include\s*"app/')"
report "file I/O in core/ (read files in cli/ or app/)" \
	"$(grep_src core '(^|[^a-z_])(fopen|fdopen|freopen|open|openat|read|write|pread|pwrite|fread|fwrite|fclose)\s*\(|\bFILE\b')"

# the families: src/app/<folder>/ other than the engine's people/ programme/ review/ reporting/ sms/ vote/
engine='people|programme|review|reporting|sms|vote'
families=$(find src/app -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | grep -vxE "$engine" | sort)
for f in $families; do
	report "programme family '$f' included by the engine" \
		"$(grep -rnE "#\s*include\s*\"app/$f/" src/app/people src/app/programme src/app/review src/app/vote src/app/sms \
			src/app/*.c src/app/*.h --include='*.c' --include='*.h' 2>/dev/null | grep -v '^src/app/families\.c:')"
	for g in $families; do
		[ "$f" = "$g" ] && continue
		report "programme family '$f' includes family '$g'" "$(grep_src "app/$f" "#\s*include\s*\"app/$g/")"
	done
done

report "functions over 80 lines (split them into named steps)" "$(bash scripts/func-length.sh 80)"

cycles=$(scripts/include-graph.sh src)
report "include cycles" "$cycles"

[ $fail = 0 ] && echo "lint: clean"
exit $fail
