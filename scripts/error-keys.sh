#!/bin/sh
# error-keys.sh - every stable error key the server can answer: the string
# after the code in px_err_set / px_err_vset / http_reply_errorf calls of
# src/ (also split over lines), one per line, sorted. The web UI's zh-CN
# messages must name each (tests/web/i18n-keys.test.mjs).
cd "$(dirname "$0")/.." || exit 1
find src -name '*.c' -print0 | xargs -0 cat |
	tr '\n' ' ' |
	grep -oE '(px_err_set|px_err_vset|http_reply_errorf|px_err_setf)\([^;]*' |
	grep -oE '^[a-z_]+\([^,]*,[^,"]*, *"[a-z0-9_]+"' |
	grep -oE '"[a-z0-9_]+"$' | tr -d '"' | sort -u
