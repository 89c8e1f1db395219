# pingxuan - the front door. `make` builds build/pingxuan; `make test` and
# `make demo` first install what is missing (scripts/deps.sh).
BUILD  ?= build
JOBS   ?= $(shell nproc 2>/dev/null || echo 2)
MAKEFLAGS += --no-print-directory
CMAKE_FLAGS ?=

.PHONY: all deps configure test demo bench vote-durability coverage clean

all: configure
	@cmake --build $(BUILD) -j $(JOBS) --target pingxuan

deps:
	@scripts/deps.sh

configure:
	@test -f $(BUILD)/CMakeCache.txt || cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=None $(CMAKE_FLAGS) >/dev/null

test: deps configure
	@cmake --build $(BUILD) -j $(JOBS)
	@cd $(BUILD) && ctest -j $(JOBS) --output-on-failure --timeout 600

demo: deps all
	@$(BUILD)/pingxuan demo

bench: deps all
	@bench/run.sh
	@bench/pg_vs_sqlite.sh
	@bench/shared_paths.sh
	@PINGXUAN_BIN=$(BUILD)/pingxuan PX_DATA_DIR=data node bench/helpdesk_stats.mjs
	@PINGXUAN_BIN=$(BUILD)/pingxuan PX_ODOC_BIN=$(BUILD)/pingxuan PX_DATA_DIR=data node bench/campaign_bulletin.mjs
	@PINGXUAN_BIN=$(BUILD)/pingxuan PX_DATA_DIR=data node bench/nqi.mjs
	@PINGXUAN_BIN=$(BUILD)/pingxuan PX_DATA_DIR=data node bench/targets_dashboard.mjs
	@bench/vote.sh
	@bench/vote_startup.sh

# kill -9 during vote bursts: 100 trials on SQLite (PX_TEST_PG_URL set: 20 on PostgreSQL)
vote-durability: deps all
	@bench/vote_durability.sh

coverage: deps
	@scripts/coverage.sh

clean:
	rm -rf $(BUILD) build-cov
