# lib.sh - helpers of the CLI tests (sourced by tests/cli/t*.sh): run the
# pingxuan binary and compare its exit status, stdout and stderr literally.
# CTest sets PINGXUAN_BIN (the binary of the variant under test) and
# PX_DATA_DIR (the shipped data directory).
set -u
: "${PINGXUAN_BIN:?PINGXUAN_BIN must name the pingxuan binary}"
: "${PX_DATA_DIR:?PX_DATA_DIR must name the data directory}"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0

px() { "$PINGXUAN_BIN" "$@"; }

# expect NAME STATUS STDOUT STDERR -- COMMAND...
# Runs COMMAND; STDOUT and STDERR are compared whole ('*' for "anything").
expect() {
	local name=$1 want_rc=$2 want_out=$3 want_err=$4
	shift 5
	local out err rc
	out=$("$@" 2>"$tmp/.stderr")
	rc=$?
	err=$(cat "$tmp/.stderr")
	n=$((n + 1))
	if [ "$rc" = "$want_rc" ] && { [ "$want_out" = '*' ] || [ "$out" = "$want_out" ]; } &&
		{ [ "$want_err" = '*' ] || [ "$err" = "$want_err" ]; }; then
		echo "ok $n - $name"
		return 0
	fi
	failed=$((failed + 1))
	echo "not ok $n - $name"
	echo "  command: $*"
	echo "  status:  $rc (expected $want_rc)"
	echo "  stdout:"; printf '%s\n' "$out" | sed 's/^/    /'
	[ "$want_out" = '*' ] || { echo "  expected stdout:"; printf '%s\n' "$want_out" | sed 's/^/    /'; }
	echo "  stderr:"; printf '%s\n' "$err" | sed 's/^/    /'
	[ "$want_err" = '*' ] || { echo "  expected stderr:"; printf '%s\n' "$want_err" | sed 's/^/    /'; }
	return 1
}

# assert NAME COMMAND...: a shell condition that must hold.
assert() {
	local name=$1
	shift
	n=$((n + 1))
	if "$@"; then
		echo "ok $n - $name"
	else
		failed=$((failed + 1))
		echo "not ok $n - $name"
		echo "  failed: $*"
	fi
}

done_testing() {
	echo "1..$n"
	[ "$failed" = 0 ] || { echo "$failed of $n failed"; exit 1; }
}
