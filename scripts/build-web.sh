#!/bin/sh
# build-web.sh SRC_DIR OUT_DIR - build the browser UI (web/) into OUT_DIR:
# `npm ci` only when package-lock.json changed since the last install (a
# stamp in node_modules), then `vite build`, then a `.gz` beside every text
# asset for clients that accept gzip (served by src/http/static.c).
set -eu
src=$1
out=$2
cd "$src/web"
stamp=node_modules/.px-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
	npm ci --no-audit --no-fund --loglevel=error
	cp package-lock.json "$stamp"
fi
PX_WEB_OUT="$out" npx --no-install vite build --logLevel warn
find "$out" -type f \( -name '*.js' -o -name '*.css' -o -name '*.html' -o -name '*.svg' -o -name '*.json' \) \
	-size +1k -exec gzip -kf9n {} +
