#!/usr/bin/env bash
# include-graph.sh - print the include cycles of src/ and exit 1 if there is any.
#
# Two graphs are checked:
#  - modules: foo.c and foo.h are one node; an edge is an #include "..." of
#    another module. A cycle means two files cannot be understood (or moved)
#    apart: expert -> recusal -> draw_stage -> expert was one.
#  - folders: one node per layer (core, util, store, report, http, cli) and
#    per programme family under src/app/ (award, ...); the engine's folders
#    (app/people, app/programme, app/review, app/reporting, app/vote, app/sms and app/*.c) are one node, the
#    engine. A cycle means a layer or a family reaches back into what builds
#    on it.
# A header without a .c of its own (draw_internal.h, request.h, store_int.h)
# is no module: it stands for the modules it includes, so a private header
# that includes its module's public one closes no cycle.
# Usage: scripts/include-graph.sh [SRC_DIR]   (default: src of this tree)
set -u
src=${1:-"$(dirname "$0")/../src"}
cd "$src" || exit 2

# "from to" pairs of file paths relative to src/
edges=$(grep -rHoE '^[[:space:]]*#[[:space:]]*include[[:space:]]+"[^"]+"' --include='*.c' --include='*.h' . |
	sed -E 's|^\./||; s|:[[:space:]]*#[[:space:]]*include[[:space:]]+"([^"]+)"$| \1|' |
	while read -r from inc; do
		if [ -f "$inc" ]; then to=$inc
		elif [ -f "$(dirname "$from")/$inc" ]; then to=$(dirname "$from")/$inc
		else continue; fi
		echo "$from $to"
	done)

{ find . -name '*.c' | sed 's|^\./|c |'; printf '%s\n' "$edges"; } | awk '
function module(f) { sub(/\.[ch]$/, "", f); return f }
function unit(f,   p) {
	n = split(f, p, "/")
	if (p[1] != "app" || n < 3) return p[1] == "app" ? "app (engine)" : p[1]
	if (p[2] == "people" || p[2] == "programme" || p[2] == "review" || p[2] == "reporting" || p[2] == "vote" || p[2] == "sms") return "app (engine)"
	return "app/" p[2]
}
function add(g, a, b) {
	if (a == b || ((g, a, b) in seen)) return
	seen[g, a, b] = 1
	adj[g, a] = adj[g, a] " " b
	nodes[g, a] = 1; nodes[g, b] = 1
}
# depth-first search; a grey node met again closes a cycle: the stack from it
function dfs(g, u,   list, k, n, v, i, path, key) {
	color[g, u] = 1
	stack[++sp] = u
	n = split(adj[g, u], list, " ")
	for (k = 1; k <= n; k++) {
		v = list[k]
		if (color[g, v] == 1) {
			path = ""
			for (i = sp; i >= 1 && stack[i] != v; i--) ;
			for (; i <= sp; i++) path = path stack[i] " -> "
			path = path v
			key = g SUBSEP path
			if (!(key in printed)) {
				printed[key] = 1
				printf "include cycle (%s): %s\n", g, path
				found = 1
			}
		} else if (color[g, v] == 0)
			dfs(g, v)
	}
	sp--
	color[g, u] = 2
}
# the modules a file stands for: itself, or through a header-only file what it includes
function targets(f, depth,   out, k, n, list) {
	if (f !~ /\.h$/ || (module(f) ".c") in cfile || depth > 20) return " " module(f)
	out = ""
	n = split(inc[f], list, " ")
	for (k = 1; k <= n; k++) out = out targets(list[k], depth + 1)
	return out
}
$1 == "c" { cfile[$2] = 1; next }
NF == 2 { inc[$1] = inc[$1] " " $2; from[++ne] = $1; to[ne] = $2 }
END {
	for (e = 1; e <= ne; e++) {
		add("folders", unit(from[e]), unit(to[e]))
		if (from[e] ~ /\.h$/ && !((module(from[e]) ".c") in cfile)) continue
		n = split(targets(to[e], 0), t, " ")
		for (k = 1; k <= n; k++) add("modules", module(from[e]), t[k])
	}
	for (gn in nodes) {
		split(gn, q, SUBSEP)
		if (color[q[1], q[2]] == 0) dfs(q[1], q[2])
	}
	exit found
}'
