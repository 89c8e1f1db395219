#!/usr/bin/env bash
# t0900-lint.sh - scripts/lint.sh catches each kind of layering fault: a copy
# of the source tree passes clean, then one violation at a time is planted in
# the copy and the lint must fail naming it (and pass again once removed).
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)

tree=$tmp/tree
mkdir -p "$tree"
cp -r "$root/src" "$root/scripts" "$tree/"

# lint_says NAME MESSAGE: the lint of the copy fails and prints MESSAGE
lint_says() {
	local out rc
	out=$(bash "$tree/scripts/lint.sh" "$tree" 2>&1)
	rc=$?
	[ "$rc" = 1 ] && printf '%s\n' "$out" | grep -qF -- "$1" ||
		{ echo "  lint said (status $rc):"; printf '%s\n' "$out" | sed 's/^/    /'; return 1; }
}
lint_clean() {
	[ "$(bash "$tree/scripts/lint.sh" "$tree" 2>&1)" = "lint: clean" ]
}

# plant NAME FILE LINE MESSAGE: add LINE to FILE (created if new), expect
# MESSAGE from the lint, then restore FILE and expect a clean lint again
plant() {
	local name=$1 file=$tree/$2 line=$3 msg=$4 saved=$tmp/saved
	if [ -e "$file" ]; then cp "$file" "$saved"; else rm -f "$saved"; fi
	printf '%s\n' "$line" >>"$file"
	assert "$name" lint_says "$msg"
	if [ -e "$saved" ]; then cp "$saved" "$file"; else rm -f "$file"; fi
}

assert "the tree lints clean" lint_clean

plant "a store call in http/" src/http/h_health.c \
	'static void f(struct app *a) { store_release(store_acquire(a->st)); }' \
	"store call in http/ (handlers go through app/):"
plant "store.h included in http/" src/http/h_health.c '#include "store/store.h"' \
	"store call in http/ (handlers go through app/):"
plant "app/ included from store/" src/store/store.c '#include "app/audit.h"' "app/ included from store/:"
plant "app/ included from core/" src/core/date.c '#include "app/app.h"' "app/ included from core/:"
plant "fopen in core/" src/core/date.c 'static void f(void) { fopen("x", "r"); }' \
	"file I/O in core/ (read files in cli/ or app/):"
plant "read( in core/" src/core/date.c 'static long f(int fd, char *b) { return read(fd, b, 1); }' \
	"file I/O in core/ (read files in cli/ or app/):"
plant "FILE in core/" src/core/date.c 'static FILE *f;' "file I/O in core/ (read files in cli/ or app/):"
plant "the engine includes a family" src/app/programme/programme.c '#include "app/award/family.h"' \
	"programme family 'award' included by the engine:"
mkdir -p "$tree/src/app/ranking"
plant "a family includes another" src/app/ranking/vote.c '#include "app/award/county.h"' \
	"programme family 'ranking' includes family 'award':"
rmdir "$tree/src/app/ranking"
plant "an include cycle between modules" src/core/date.h '#include "core/calendar.h"' \
	"include cycle (modules): core/"
plant "an include cycle between layers" src/util/err.c '#include "core/date.h"' \
	"include cycle (folders): "
plant "a function over 80 lines" src/core/date.c \
	"$(printf 'int px_long_one(void);\nint px_long_one(void)\n{\n'; for i in $(seq 80); do printf '\t(void)%d;\n' "$i"; done; printf '\treturn 0;\n}')" \
	"functions over 80 lines (split them into named steps):"
plant "a banned call" src/core/date.c 'static int f(const char *s) { return atoi(s); }' "banned calls:"

assert "the tree lints clean again" lint_clean
done_testing
