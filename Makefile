# Tertulia. `make run` and `make test` are all a fresh Debian 12 machine needs.
#
#   make deps    install the Debian packages (and npm tools for tests) missing
#   make         build the programs and tertuliactl into build/
#   make run     build, start MariaDB, the programs and nginx, load the demo
#   make stop    stop all of it
#   make test    the layering check, unit, HTTP and browser tests, the HTTP
#                tests under ASan, and the first run on a bare machine
#   make asan    build with AddressSanitizer and UBSan into build-asan/
#   make fuzz    run each libFuzzer harness for FUZZ_SECONDS (120)
#   make scan    sqlmap and wapiti against a private stack (tests/security/)
#   make backup  dump the database into var/backups/; make restore FILE=...
#   make bench   measure the pages with wrk on a large generated community

PROGRAMS := account forum reviews ideas moderation insights
CC ?= gcc
CFLAGS ?= -O2 -g
WARN := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror
# Nothing is asked of a tool while make reads this file: on a bare machine
# `deps` installs mariadb_config, so its answer is taken when a recipe needs
# it (the variables are recursive), and a build without it says what to do.
mariadb_config = $(or $(shell mariadb_config --$(1) 2>/dev/null),$(error \
  mariadb_config is missing: run `make deps` (it installs libmariadb-dev)))
INCLUDES = -Icgi -I/usr/include/ClearSilver $(call mariadb_config,cflags)
LIBS = -lfcgi -lneo_cgi -lneo_cs -lneo_utl $(call mariadb_config,libs) \
        -lsodium -lcmark -lz -lstemmer -lm -lcurl
BUILD ?= build
PORT ?= 8080
WORKERS ?= 2
PYTHON := /usr/bin/python3

# The layers, lowest first (the README, "How it is built", draws them):
# each is a folder of cgi/, and the library every program links is
# all of them plus what each area shares with the others: its store
# (cgi/AREA/*_store.c), which other programs and tertuliactl use too, and
# its content as the moderation program sees it (cgi/AREA/*_item.c). A
# program is cgi/NAME.c and the rest of its folder.
LAYERS := base db text web services
AREAS := account forum reviews ideas moderation insights
STORE_SRC := $(wildcard $(AREAS:%=cgi/%/*_store.c) $(AREAS:%=cgi/%/*_item.c))
CORE_SRC := $(wildcard $(LAYERS:%=cgi/%/*.c) cgi/site/*.c) $(STORE_SRC)
CTL_SRC := $(wildcard cgi/ctl/*.c)
CORE_OBJ := $(CORE_SRC:cgi/%.c=$(BUILD)/lib/%.o)
CTL_OBJ := $(CTL_SRC:cgi/ctl/%.c=$(BUILD)/ctl/%.o)
HEADERS := $(wildcard $(LAYERS:%=cgi/%/*.h) $(AREAS:%=cgi/%/*.h) cgi/site/*.h cgi/ctl/*.h)

DEB_PACKAGES := build-essential pkg-config libfcgi-dev clearsilver-dev \
  libmariadb-dev mariadb-server mariadb-client libsodium-dev libcmark-dev libstemmer-dev \
  libcmocka-dev nginx-light python3-pytest python3-requests python3-selenium \
  libcurl4-openssl-dev python3-aiosmtpd \
  chromium chromium-driver wrk valgrind clang libclang-rt-14-dev debootstrap \
  galera-4 rsync

# From the npm registry, into node_modules/ (not committed; no package.json:
# the top level of the repository stays as it is). Name@major, one each.
NPM_PACKAGES := axe-core@4
# The sentiment lexicons (cgi/text/sentiment_load.c) and, for
# `make bench-sentiment`, the UCI sentences shipped in sentiment's fixtures.
NPM_PACKAGES += vader-sentiment@1 @nlpjs/lang-es@4 sentiment@5

# Only `make scan` needs these: the scanners no one here wrote.
SCAN_PACKAGES := sqlmap wapiti

.PHONY: all deps run stop test first-run layering unit http cluster browser asan test-asan fuzz fuzz-short bench clean \
  bench-sentiment unit-valgrind scan scan-deps backup restore

all: $(PROGRAMS:%=$(BUILD)/%) $(BUILD)/tertuliactl

$(BUILD)/lib/%.o: cgi/%.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(INCLUDES) -c $< -o $@

$(BUILD)/ctl/%.o: cgi/ctl/%.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(INCLUDES) -c $< -o $@

$(BUILD)/libtertulia.a: $(CORE_OBJ)
	ar rcs $@ $^

# A program is cgi/NAME.c plus, when it has one, its folder cgi/NAME/.
.SECONDEXPANSION:
$(BUILD)/%: cgi/%.c $$(wildcard cgi/$$*/*.c cgi/$$*/*.h) $(BUILD)/libtertulia.a $(HEADERS)
	$(CC) $(WARN) $(CFLAGS) $(INCLUDES) $< $(filter-out $(STORE_SRC),$(wildcard cgi/$*/*.c)) \
	  $(BUILD)/libtertulia.a $(LDFLAGS) $(LIBS) -o $@

$(BUILD)/tertuliactl: cgi/tertuliactl.c $(CTL_OBJ) $(BUILD)/libtertulia.a $(HEADERS)
	$(CC) $(WARN) $(CFLAGS) $(INCLUDES) $< $(CTL_OBJ) $(BUILD)/libtertulia.a $(LDFLAGS) $(LIBS) -o $@

# Installs only what is missing: as root with apt-get, otherwise with sudo.
# npm is wanted as a command: a machine may have Node.js from elsewhere.
deps:
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done; \
	  command -v npm >/dev/null || echo npm); \
	if [ -n "$$missing" ]; then \
	  echo "installing (a few minutes the first time):" $$missing; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi
	@for p in $(NPM_PACKAGES); do [ -d node_modules/$${p%@*} ] || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "npm:$$missing"; \
	  npm install --no-save --no-package-lock --no-audit --no-fund --silent --prefix . $(NPM_PACKAGES) >/dev/null; fi

# The targets that install first run `deps` in a make of its own, then build
# in another: prerequisites may be made in any order (make -j), and nothing
# may be compiled before what `deps` installs is there.
FIRST_DEPS = @$(MAKE) --no-print-directory deps

run:
	$(FIRST_DEPS)
	@$(MAKE) --no-print-directory all
	@cgi/stack.sh start

stop:
	@cgi/stack.sh stop

asan:
	$(FIRST_DEPS)
	$(MAKE) BUILD=build-asan CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" LDFLAGS="-fsanitize=address,undefined" all

unit: all
	$(MAKE) -C tests/unit BUILD=$(abspath $(BUILD)) LIBS="$(LIBS)" run

unit-valgrind: all
	$(MAKE) -C tests/unit BUILD=$(abspath $(BUILD)) LIBS="$(LIBS)" valgrind

# The layers' one direction (tests/layering/check_includes.py says which
# include may go where), and the check's own test.
layering:
	$(PYTHON) tests/layering/check_includes.py
	$(PYTHON) -m pytest -q tests/layering

http: all
	TERTULIA_BUILD=$(abspath $(BUILD)) $(PYTHON) -m pytest -q tests/http

browser: all
	TERTULIA_BUILD=$(abspath $(BUILD)) $(PYTHON) -m pytest -q tests/browser

# MariaDB topologies of their own on loopback (tests/cluster): a 3-node
# Galera cluster with two app hosts and a node killed; the servers run as
# the user mysql.
cluster: all
	TERTULIA_BUILD=$(abspath $(BUILD)) $(PYTHON) -m pytest -q -m cluster tests/cluster

# libFuzzer harnesses (tests/fuzz): a short run in make test, longer here.
fuzz:
	$(MAKE) -C tests/fuzz run SECONDS=$${FUZZ_SECONDS:-120} LIBS="$(LIBS)"

fuzz-short:
	$(MAKE) -C tests/fuzz run SECONDS=10 LIBS="$(LIBS)"

# The slow tests (fault tests with own stacks and outages, the hostile
# crawl) run once, in `make http`.
test-asan: asan
	TERTULIA_BUILD=$(abspath build-asan) TERTULIA_SANITIZED=1 $(PYTHON) -m pytest -q -m "not slow" tests/http

test:
	$(FIRST_DEPS)
	$(MAKE) layering
	$(MAKE) unit
	$(MAKE) unit-valgrind
	$(MAKE) http
	$(MAKE) cluster
	$(MAKE) browser
	$(MAKE) fuzz-short
	$(MAKE) test-asan
	$(MAKE) first-run

# The first `make run` on a bare Debian 12, made with debootstrap and run in
# a chroot (tests/install/): several minutes, needs root.
first-run:
	$(PYTHON) -m pytest -q tests/install

# Sentiment accuracy: the UCI sentences (English) and our Spanish reviews.
bench-sentiment:
	$(FIRST_DEPS)
	$(MAKE) $(BUILD)/tertuliactl
	$(PYTHON) tests/bench/sentiment/bench.py --ctl $(BUILD)/tertuliactl

# Benchmarks: not part of make test. Generates a large community once into
# var/bench, then measures with wrk (see tests/bench/run.py).
bench:
	$(FIRST_DEPS)
	$(MAKE) all
	$(PYTHON) tests/bench/run.py

# Security scanners (tests/security/README.md): installs them if missing,
# starts a private stack in a temporary folder, runs sqlmap on every form
# and query parameter and wapiti's XSS and CSRF modules, each bounded in
# time, and writes the results and a summary under that stack's folder.
scan-deps:
	@missing=$$(for p in $(SCAN_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing (a few minutes the first time):" $$missing; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

scan:
	$(FIRST_DEPS)
	$(MAKE) all scan-deps
	TERTULIA_BUILD=$(abspath $(BUILD)) $(PYTHON) tests/security/scan.py

# Backups of the running stack's database (VAR, default var/): see cgi/backup.sh.
backup:
	@cgi/backup.sh backup

restore:
	@test -n "$(FILE)" || { echo "usage: make restore FILE=var/backups/NAME.sql.gz" >&2; exit 2; }
	@cgi/backup.sh restore "$(FILE)"

clean:
	rm -rf build build-asan
