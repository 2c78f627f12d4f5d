# Makefile - builds, tests, benchmarks and installs warmpath. `make help` lists the targets.
#
# One build directory per configuration (CFG=release or CFG=asan) so flags never mix. The
# release binaries are build/warmpath and build/libwarmpath.a; the sanitizer build lives in
# build/asan/. Top-level targets first run scripts/deps.sh, which installs missing Debian packages.

CFG ?= release
# BUILDDIR lets several builds of one tree coexist (each in its own directory).
BUILDDIR ?= build
PREFIX ?= /usr/local
DESTDIR ?=
VERSION := 0.1.0
CC ?= cc
PKGS := igraph libxml-2.0 zlib jansson sqlite3 libzip libutf8proc libgvc

ifeq ($(CFG),release)
OUT := $(BUILDDIR)
OPT := -O3 -g
else ifeq ($(CFG),asan)
OUT := $(BUILDDIR)/asan
OPT := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
else
$(error CFG must be release or asan)
endif
OBJ := $(OUT)/obj

WARN := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla -Wformat=2
DEFS := -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DWP_VERSION='"$(VERSION)"'
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS_ALL = -std=c11 $(OPT) -fopenmp -MMD -MP -I. $(DEFS) $(PKG_CFLAGS) $(CFLAGS)
# Criterion's macros trip -Wpedantic and -Wmissing-prototypes; tests keep the other warnings.
TEST_CFLAGS = -std=gnu11 $(OPT) -fopenmp -MMD -MP -I. $(DEFS) $(PKG_CFLAGS) -Wall -Wextra -Wshadow $(CFLAGS)
LDLIBS_ALL = $(PKG_LIBS) -lcsv -lm $(LDLIBS)

LIB_SRCS := $(wildcard engine/*.c importers/*.c exporters/*.c queries/*.c)
CLI_SRCS := $(wildcard cli/*.c)
TEST_SUPPORT_SRCS := $(wildcard tests/support/*.c)
TEST_SRCS := $(wildcard tests/test_*.c)
BENCH_SRCS := $(wildcard bench/bench_*.c)
BENCH_SUPPORT_SRCS := $(filter-out $(BENCH_SRCS),$(wildcard bench/*.c))

LIB := $(OUT)/libwarmpath.a
BIN := $(OUT)/warmpath
TESTS := $(patsubst tests/%.c,$(OUT)/tests/%,$(TEST_SRCS))
BENCHES := $(patsubst bench/%.c,$(OUT)/bench/%,$(BENCH_SRCS))
GEN_ARCHIVES := $(OUT)/gen-archives
HEADERS := $(wildcard engine/*.h importers/*.h exporters/*.h queries/*.h)

# Keep intermediate objects so drivers are not relinked on every run.
.SECONDARY:

.PHONY: all build test test-run asan bench bench-run bench-drivers bench-drivers-run demo \
	install uninstall clean format \
	format-check lint deps help

all: deps
	@$(MAKE) --no-print-directory build

build: $(LIB) $(BIN) $(GEN_ARCHIVES)

deps:
	@sh scripts/deps.sh

$(OBJ)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(WARN) -c $< -o $@

$(OBJ)/tests/%.o: tests/%.c
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) -c $< -o $@

$(LIB): $(patsubst %.c,$(OBJ)/%.o,$(LIB_SRCS))
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

# The CLI links the bench support code too: `warmpath bench` runs the generators and kernels.
$(BIN): $(patsubst %.c,$(OBJ)/%.o,$(CLI_SRCS) $(BENCH_SUPPORT_SRCS)) $(LIB)
	$(CC) $(CFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL)

# Tests link the bench support code too (the generators are tested like any module).
$(OUT)/tests/%: $(OBJ)/tests/%.o $(patsubst %.c,$(OBJ)/%.o,$(TEST_SUPPORT_SRCS) $(BENCH_SUPPORT_SRCS)) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) -o $@ $^ $(LDLIBS_ALL) -lcriterion

$(OUT)/bench/%: $(OBJ)/bench/%.o $(patsubst %.c,$(OBJ)/%.o,$(BENCH_SUPPORT_SRCS)) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL)

# The synthetic LinkedIn archive generator (examples/sample/README.md says how the sample was made).
$(GEN_ARCHIVES): $(OBJ)/examples/gen_archives.o $(patsubst %.c,$(OBJ)/%.o,$(BENCH_SUPPORT_SRCS)) $(LIB)
	$(CC) $(CFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL)

# The whole Criterion suite, then the same suite under AddressSanitizer and UBSan. A leak report
# inside a Criterion worker does not fail the test, so the logs are searched for it too.
test: deps
	@$(MAKE) --no-print-directory CFG=release test-run
	@$(MAKE) --no-print-directory CFG=asan test-run
	@echo "all test suites passed (release and asan)"

asan: deps
	@$(MAKE) --no-print-directory CFG=asan test-run

test-run: $(TESTS) $(BIN)
	@mkdir -p $(OUT)/test-logs
	@export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
		WARMPATH=$(BIN); fail=0; \
	for t in $(TESTS); do \
		log=$(OUT)/test-logs/$$(basename $$t).log; \
		if ! $$t --jobs 2 >$$log 2>&1; then fail=1; cat $$log; \
		elif grep -q "Sanitizer" $$log; then fail=1; cat $$log; echo "$$t: sanitizer report"; \
		else tail -n 1 $$log; fi; \
	done; \
	exit $$fail

# `make bench`: the quick suite through `warmpath bench`, reports in bench/results/latest.*
# (not committed: .gitignore). `make bench-drivers`: the per-family drivers of bench/run.sh.
BENCH_SUITE ?= bench/suites/quick.suite
BENCH_RESULTS ?= bench/results

bench: deps
	@$(MAKE) --no-print-directory bench-run

# Passive OpenMP waiting: on a machine shared with other jobs, spinning threads hold the cores
# the others need and the 2-thread rows measure that; BENCH_WAIT_POLICY=active to compare.
BENCH_WAIT_POLICY ?= passive

bench-run: $(BIN)
	@mkdir -p $(BENCH_RESULTS)
	OMP_WAIT_POLICY=$(BENCH_WAIT_POLICY) $(BIN) bench --suite $(BENCH_SUITE) --tmpdir $(OUT) \
		--out $(BENCH_RESULTS)/latest.json --out $(BENCH_RESULTS)/latest.csv \
		--out $(BENCH_RESULTS)/latest.md

bench-drivers: deps
	@$(MAKE) --no-print-directory bench-drivers-run

bench-drivers-run: $(BENCHES) $(BIN)
	@sh bench/run.sh $(OUT)

demo: all
	@sh examples/demo.sh $(BIN)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/pkgconfig \
		$(DESTDIR)$(PREFIX)/include/warmpath
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/warmpath
	install -m 644 $(LIB) $(DESTDIR)$(PREFIX)/lib/libwarmpath.a
	install -m 644 warmpath.h $(DESTDIR)$(PREFIX)/include/warmpath/warmpath.h
	for h in $(HEADERS); do \
		install -d $(DESTDIR)$(PREFIX)/include/warmpath/$$(dirname $$h); \
		install -m 644 $$h $(DESTDIR)$(PREFIX)/include/warmpath/$$h; done
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' warmpath.pc.in \
		> $(DESTDIR)$(PREFIX)/lib/pkgconfig/warmpath.pc

uninstall:
	rm -rf $(DESTDIR)$(PREFIX)/bin/warmpath $(DESTDIR)$(PREFIX)/lib/libwarmpath.a \
		$(DESTDIR)$(PREFIX)/include/warmpath $(DESTDIR)$(PREFIX)/lib/pkgconfig/warmpath.pc

clean:
	rm -rf $(BUILDDIR)

FORMAT_FILES = $(wildcard warmpath.h engine/*.[ch] importers/*.[ch] exporters/*.[ch] \
	queries/*.[ch] cli/*.[ch] bench/*.[ch] tests/*.[ch] tests/*/*.[ch] fuzz/*.[ch])

format:
	clang-format -i $(FORMAT_FILES)

format-check:
	clang-format --dry-run -Werror $(FORMAT_FILES)

LINT_SRCS = $(LIB_SRCS) $(CLI_SRCS)

lint:
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
		--inline-suppr --suppress=missingIncludeSystem -I. $(DEFS) $(LINT_SRCS)
	clang-tidy --quiet $(LINT_SRCS) -- -std=c11 -fopenmp -I. $(DEFS) $(PKG_CFLAGS)
	@# Criterion 2.4.1's gt() passes on equality (docs/architecture.md): tests use lt(T, b, a).
	@! grep -nE '(^|[^A-Za-z0-9_])gt\(' tests/*.c tests/*/*.c || \
		{ echo "lint: use lt(T, b, a) instead of gt(T, a, b) in tests"; exit 1; }

# Fuzzing (docs/reliability.md): one libFuzzer binary per line of fuzz/targets.def, all from
# fuzz/fuzz_reader.c, over the library built again with clang and ASan + UBSan.
# `make fuzz FUZZ_SECONDS=N [FUZZ_TARGETS="edgelist vcard"] [FUZZ_JOBS=2]`.
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang
FUZZ_DIR := $(BUILDDIR)/fuzz
FUZZ_NAMES := $(shell sed -n 's/^FUZZ_TARGET.//p' fuzz/targets.def | cut -d, -f1)
FUZZ_TARGETS ?= $(FUZZ_NAMES)
FUZZ_SAN := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS = -std=gnu11 $(FUZZ_SAN) -fopenmp -MMD -MP -I. $(DEFS) $(PKG_CFLAGS)
FUZZ_OBJS := $(patsubst %.c,$(FUZZ_DIR)/obj/%.o,$(LIB_SRCS) fuzz/readers.c)

$(FUZZ_DIR)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(FUZZ_DIR)/libwarmpath-fuzz.a: $(FUZZ_OBJS)
	rm -f $@
	ar rcs $@ $^

$(FUZZ_DIR)/fuzz_%: fuzz/fuzz_reader.c fuzz/targets.def $(FUZZ_DIR)/libwarmpath-fuzz.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -DFUZZ_FORMAT=$* -o $@ fuzz/fuzz_reader.c \
		$(FUZZ_DIR)/obj/fuzz/readers.o $(FUZZ_DIR)/libwarmpath-fuzz.a $(LDLIBS_ALL) -lstdc++

fuzz-build: $(patsubst %,$(FUZZ_DIR)/fuzz_%,$(FUZZ_TARGETS))

fuzz: fuzz-build
	@sh fuzz/run.sh $(FUZZ_DIR) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# The command-line tests with every warmpath they start under valgrind's memcheck: errors and
# definite or indirect leaks make that warmpath exit 99, which fails the test; the logs are kept
# in $(OUT)/check/ and searched too.
VALGRIND := valgrind -q --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
	--suppressions=$(abspath tests/valgrind.supp) --log-file=$(abspath $(OUT))/check/vg.%p.log
CLI_TESTS ?= $(filter $(OUT)/tests/test_cli%,$(TESTS))

check: $(CLI_TESTS) $(BIN)
	@rm -rf $(OUT)/check; mkdir -p $(OUT)/check
	@start=$$(date +%s); fail=0; \
	for t in $(CLI_TESTS); do \
		log=$(OUT)/check/$$(basename $$t).log; \
		if WARMPATH="$(VALGRIND) $(abspath $(BIN))" $$t --jobs 2 >$$log 2>&1; then \
			tail -n 1 $$log; else fail=1; cat $$log; fi; \
	done; \
	for v in $(OUT)/check/vg.*.log; do \
		if [ -s "$$v" ]; then fail=1; echo "== $$v"; cat "$$v"; fi; done; \
	echo "make check: $$(ls $(OUT)/check/vg.*.log 2>/dev/null | wc -l) warmpath runs under" \
		"valgrind in $$(( $$(date +%s) - start )) s"; \
	exit $$fail

.PHONY: fuzz fuzz-build check

-include $(shell find $(FUZZ_DIR)/obj -name '*.d' 2>/dev/null)

help:
	@echo "make            build build/warmpath and build/libwarmpath.a (installs missing packages)"
	@echo "make demo       build and run the demo on the bundled sample data"
	@echo "make test       run the Criterion suite, then again under ASan + UBSan"
	@echo "make asan       run only the sanitizer suite (build/asan)"
	@echo "make check      the command-line tests with every warmpath under valgrind"
	@echo "make fuzz       each libFuzzer target FUZZ_SECONDS=60 (docs/reliability.md)"
	@echo "make bench      run the quick suite through warmpath bench (bench/results/latest.*)"
	@echo "make bench-drivers  run the per-family benchmark drivers (bench/run.sh)"
	@echo "build/gen-archives --help   synthetic LinkedIn archives (built by make)"
	@echo "make install    install to PREFIX=$(PREFIX) (DESTDIR supported), with warmpath.pc"
	@echo "make format     clang-format the sources; make format-check only checks"
	@echo "make lint       cppcheck and clang-tidy over the sources"
	@echo "make clean      remove build/"

-include $(shell find $(OUT)/obj -name '*.d' 2>/dev/null)
