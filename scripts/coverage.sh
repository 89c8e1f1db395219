#!/usr/bin/env bash
# coverage.sh - line coverage of src/core/ by the unit tests (gcovr), in its
# own build tree (build-cov) so that the normal build stays optimised.
# Fails when coverage of src/core/ is below PX_COVERAGE_MIN (default 95).
set -eu
cd "$(dirname "$0")/.."
min=${PX_COVERAGE_MIN:-95}
cmake -S . -B build-cov -DPX_COVERAGE=ON -DPX_SANITIZE=OFF >/dev/null
cmake --build build-cov -j "$(nproc)" >/dev/null
find build-cov -name '*.gcda' -delete
(cd build-cov && ctest -L '^unit$' -j "$(nproc)" --output-on-failure >/dev/null)
gcovr -r . --object-directory build-cov --filter 'src/core/' --print-summary \
	--fail-under-line "$min" | tail -n 20
