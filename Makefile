# Waymark: careers-programme software for English secondary schools.
#
#   make            build build/waymark (warnings are errors)
#   make test       install test tools, build, run every suite, one summary line
#   make run        install, build, create the demo school, serve it
#   make check-asan unit and CLI tests under AddressSanitizer + UBSan
#   make fuzz       longer fuzzing runs by hand (FUZZ_SECONDS=600)
#   make drills     the reliability drills at full length (tests/drills/)
#   make install    PREFIX=/usr/local DESTDIR=
#   make clean

PREFIX ?= /usr/local
DESTDIR ?=
BUILD ?= release
# `make V=1` shows the full compiler command lines.
ifeq ($(V),1)
  Q :=
else
  Q := @
endif

ifeq ($(BUILD),fuzz)
  # libFuzzer harnesses: clang, coverage-guided, with ASan and UBSan.
  OUT := build/fuzz
  CC := clang
  MODE_CFLAGS := -O1 -g -fsanitize=fuzzer-no-link,address,undefined \
                 -fno-omit-frame-pointer -fno-sanitize-recover=all
  MODE_LDFLAGS := -fsanitize=fuzzer,address,undefined
else ifeq ($(BUILD),asan)
  OUT := build/asan
  MODE_CFLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
                 -fno-sanitize-recover=all
  MODE_LDFLAGS := -fsanitize=address,undefined
else
  OUT := build
  MODE_CFLAGS := -O2 -g
  MODE_LDFLAGS :=
endif

CC ?= cc
PKGS := sqlite3 libmicrohttpd jansson libfyaml libsodium liboath libqrencode
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lunistring -lm -lpthread

WARNINGS := -Wall -Wextra -Werror -Wshadow -Wmissing-prototypes \
            -Wstrict-prototypes -Wformat=2 -Wvla -Wundef -Wpointer-arith \
            -Wno-format-nonliteral
CFLAGS ?=
CPPFLAGS_ALL := -Isrc -I$(OUT)/gen -D_GNU_SOURCE
CFLAGS_ALL := -std=c17 $(WARNINGS) $(MODE_CFLAGS) $(PKG_CFLAGS) $(CFLAGS)
LDFLAGS_ALL := $(MODE_LDFLAGS) $(LDFLAGS)

MAIN_SRC := src/cli/main.c
LIB_SRC := $(filter-out $(MAIN_SRC),$(sort $(wildcard src/*/*.c)))
LIB_OBJ := $(patsubst src/%.c,$(OUT)/obj/%.o,$(LIB_SRC)) $(OUT)/obj/gen/embedded.o
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(patsubst tests/unit/%.c,$(OUT)/tests/%,$(UNIT_SRC))
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN := $(patsubst tests/fuzz/%.c,$(OUT)/%,$(FUZZ_SRC))
EMBEDDED := $(sort $(wildcard src/store/migrations/*.sql)) $(sort $(wildcard programmes/*.yaml)) \
            $(sort $(wildcard data/*.yaml data/*.csv data/*.txt)) $(sort $(wildcard web/static/*))

.PHONY: all deps deps-test test check check-asan unit cli run demo fuzz install clean \
        units-built fuzzers-built bench lint schema-snapshot drills
.DELETE_ON_ERROR:

all: $(OUT)/waymark

$(OUT)/waymark: $(OUT)/obj/cli/main.o $(OUT)/libwaymark.a
	@echo "  LINK    $@"
	$(Q)$(CC) $(LDFLAGS_ALL) -o $@ $^ $(PKG_LIBS)

$(OUT)/libwaymark.a: $(LIB_OBJ)
	$(Q)rm -f $@
	$(Q)ar rcs $@ $^

$(OUT)/obj/%.o: src/%.c | $(OUT)/gen/embedded.h
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -MMD -MP -c -o $@ $<

# Migrations and the default programme are compiled into the binary, so an
# installed waymark needs no data files beside it.
$(OUT)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) -std=c17 -Wall -Wextra -Werror -O1 -o $@ $<

# One run of embed writes both files (a grouped target, so -j runs it once).
$(OUT)/gen/embedded.c $(OUT)/gen/embedded.h &: $(OUT)/tools/embed $(EMBEDDED)
	@mkdir -p $(OUT)/gen
	$(Q)$(OUT)/tools/embed $(OUT)/gen/embedded $(EMBEDDED)

$(OUT)/obj/gen/embedded.o: $(OUT)/gen/embedded.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -c -o $@ $<

$(OUT)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(OUT)/libwaymark.a
	@mkdir -p $(dir $@)
	@echo "  TEST    $@"
	$(Q)$(CC) $(CPPFLAGS_ALL) -Itests/unit $(CFLAGS_ALL) $(LDFLAGS_ALL) -o $@ $< \
		$(OUT)/libwaymark.a $(PKG_LIBS) -lcmocka

units-built: $(UNIT_BIN) $(OUT)/waymark

$(OUT)/fuzz_%: tests/fuzz/fuzz_%.c $(OUT)/libwaymark.a
	@echo "  FUZZ    $@"
	$(Q)$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) $(LDFLAGS_ALL) -o $@ $< \
		$(OUT)/libwaymark.a $(PKG_LIBS)

fuzzers-built: $(FUZZ_BIN)

deps:
	@scripts/install-deps.sh build

deps-test:
	@scripts/install-deps.sh test

# The whole test run: normal build, sanitizer build, fuzz smoke runs and
# browser tests, each suite's results collected into one summary line.
test: deps-test
	@$(MAKE) --no-print-directory all units-built
	@$(MAKE) --no-print-directory BUILD=asan units-built
	@$(MAKE) --no-print-directory BUILD=fuzz fuzzers-built
	@tests/run-all.sh

check: test

check-asan: deps-test
	@$(MAKE) --no-print-directory BUILD=asan units-built
	@WAYMARK_SUITES="unit-asan cli-asan" tests/run-all.sh

# The reliability drills at full length: 60 s of load, 20 repeats of each
# fault (docs/reliability.md). `make test` runs a short version of each.
drills: deps-test
	@$(MAKE) --no-print-directory all
	@DRILL_SECONDS=$${DRILL_SECONDS:-60} DRILL_REPEATS=$${DRILL_REPEATS:-20} tests/drills/run.sh

fuzz: deps-test
	@$(MAKE) --no-print-directory BUILD=fuzz fuzzers-built
	@FUZZ_SECONDS=$${FUZZ_SECONDS:-600} tests/fuzz/run.sh

run: deps
	@$(MAKE) --no-print-directory all
	@scripts/run-demo.sh

bench: deps-test all
	@bench/run.sh

lint:
	@scripts/check-source.sh

# After a new migration: regenerate the schema snapshot the tests compare.
schema-snapshot: all
	@rm -f build/snapshot.db
	@build/waymark --db build/snapshot.db init --school Snapshot \
		--programme tests/fixtures/programmes/minimal.yaml >/dev/null
	@build/waymark --db build/snapshot.db schema > src/store/schema.sql
	@rm -f build/snapshot.db*
	@echo "wrote src/store/schema.sql"

# The binary, the man page, the default programme, and what docs/deploy.md
# sets up: the systemd unit (with this PREFIX's binary), its sysusers.d
# user and the nginx example. Nothing is enabled or started.
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/waymark/programmes \
		$(DESTDIR)$(PREFIX)/lib/systemd/system $(DESTDIR)$(PREFIX)/lib/sysusers.d
	install -m 755 $(OUT)/waymark $(DESTDIR)$(PREFIX)/bin/waymark
	install -m 644 man/waymark.1 $(DESTDIR)$(PREFIX)/share/man/man1/waymark.1
	install -m 644 programmes/*.yaml $(DESTDIR)$(PREFIX)/share/waymark/programmes/
	sed 's|@BINDIR@|$(PREFIX)/bin|g' dist/waymark.service \
		>$(DESTDIR)$(PREFIX)/lib/systemd/system/waymark.service.tmp
	chmod 644 $(DESTDIR)$(PREFIX)/lib/systemd/system/waymark.service.tmp
	mv $(DESTDIR)$(PREFIX)/lib/systemd/system/waymark.service.tmp \
		$(DESTDIR)$(PREFIX)/lib/systemd/system/waymark.service
	install -m 644 dist/waymark.sysusers $(DESTDIR)$(PREFIX)/lib/sysusers.d/waymark.conf
	install -m 644 dist/nginx-waymark.conf $(DESTDIR)$(PREFIX)/share/waymark/nginx-waymark.conf

clean:
	rm -rf build

-include $(shell find $(OUT)/obj -name '*.d' 2>/dev/null)
