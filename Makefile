# extmem-boot: the two commands of the README are `make run` and `make test`.
# Both install what they need (scripts/deps.sh), configure, build and run.
BUILD      ?= build
FW_BUILD   := $(BUILD)/fw
HOST_BUILD := $(BUILD)/host
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
# Configuration of the demo (seed section 3.3 names); see docs/configurations.md.
BOARD      ?= stm32h743i-eval
CODE_AREA  ?= USE_QSPI
DATA_AREA  ?= USE_INTERNAL_SRAM
CONFIG_ARGS = -DBOARD=$(BOARD) -DCODE_AREA=$(CODE_AREA) -DDATA_AREA=$(DATA_AREA) $(EXTRA_CONFIG)

.PHONY: all deps fw host run test clean configs

all: fw host

deps:
	@./scripts/deps.sh

fw: deps
	@cmake -S firmware -B $(FW_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=MinSizeRel \
	    -DCMAKE_TOOLCHAIN_FILE=$(CURDIR)/cmake/arm-none-eabi.cmake $(CONFIG_ARGS) >/dev/null
	@cmake --build $(FW_BUILD) -j $(JOBS)

# Host code is optimised (-O2 -g) and still built with ASan and UBSan: the simulator runs
# the tests about twice as fast as at -O0 (measured: RTOS demo 2.1 s virtual, 4.96 -> 2.21 s CPU).
host: deps
	@cmake -S . -B $(HOST_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	    -DEXTMEM_FW_DIR=$(abspath $(FW_BUILD)) >/dev/null
	@cmake --build $(HOST_BUILD) -j $(JOBS)

run: fw host
	@$(HOST_BUILD)/sim/extmem-sim --board $(BOARD) \
	    --boot $(FW_BUILD)/demo/boot.bin --qspi $(FW_BUILD)/demo/qspi.img --until-ms 1200

test: fw host
	@ctest --test-dir $(HOST_BUILD) --output-on-failure -j $(JOBS)

clean:
	rm -rf $(BUILD)

# The configuration matrix: every valid BOARD / CODE_AREA / DATA_AREA / BINARY_AREA, derived
# from the board data by the layout tool (the same check that rejects invalid configurations).
configs: fw
	@printf "%-18s %-20s %-20s %s\n" BOARD CODE_AREA DATA_AREA BINARY_AREA
	@$(FW_BUILD)/layout-tool --matrix | awk '{ printf "%-18s %-20s %-20s %s\n", $$1, $$2, $$3, $$4 }'
	@$(FW_BUILD)/layout-tool --matrix | awk '{ n[$$1]++ } END { for (b in n) printf "%s: %d cells\n", b, n[b] }' | sort

# Fuzzing: every harness of tests/fuzz for FUZZ_SECONDS each (libFuzzer; needs clang).
FUZZ_SECONDS ?= 60
.PHONY: fuzz
fuzz: deps
	@EXTMEM_DEPS_EXTRA=libclang-rt-14-dev ./scripts/deps.sh
	@cmake -S tests/fuzz -B $(BUILD)/fuzz -G Ninja -DCMAKE_C_COMPILER=clang >/dev/null
	@cmake --build $(BUILD)/fuzz -j $(JOBS)
	@mkdir -p $(BUILD)/fuzz/corpus
	@for f in $(BUILD)/fuzz/fuzz_*; do \
	    [ -x "$$f" ] || continue; n=$$(basename $$f); mkdir -p $(BUILD)/fuzz/corpus/$$n; \
	    echo "== $$n ($(FUZZ_SECONDS) s)"; \
	    $$f -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 $(BUILD)/fuzz/corpus/$$n \
	        tests/fuzz/seeds/$$n 2>&1 | grep -E "stat::number_of_executed_units|stat::peak_rss|ERROR|SUMMARY" || exit 1; \
	done

# Simulator speed: guest instructions per second of the fast mode on a store-heavy loop,
# with an optimised simulator build (no sanitizers, mimalloc: docs/simulator.md "Speed").
# Prints numbers (wall clock and CPU time, best and median of BENCH_RUNS); it is not a test.
BENCH_RUNS ?= 5
.PHONY: bench
bench: fw
	@EXTMEM_DEPS_EXTRA=libmimalloc-dev ./scripts/deps.sh
	@cmake -S . -B $(BUILD)/bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DEXTMEM_SANITIZE=OFF >/dev/null
	@cmake --build $(BUILD)/bench -j $(JOBS) --target extmem-sim
	@./scripts/bench-sim.sh $(BUILD)/bench/sim/extmem-sim $(FW_BUILD)/demo/test/bench-store.bin $(BENCH_RUNS)
