# tiku — one Makefile: `make` (dependencies, build, site), `make check`,
# `make bench`, `make install`, `make clean`.

PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR   = $(PREFIX)/bin
DATADIR  = $(PREFIX)/share/tiku
MANDIR   = $(PREFIX)/share/man/man1

CC      ?= cc
PKGS     = libcmark lua5.4 libzip jansson xlsxwriter friso
# Loaded when needed (dlopen), so that the commands that do not use them do
# not start their libraries: poppler by tiku import when it reads a PDF (17
# libraries), Pango and Cairo when a PDF is typeset (some 40, two thirds
# of the start-up), libxml2 when an xlsx sheet is read (with ICU, a third
# of the rest). Their headers only here.
DL_PKGS  = poppler-glib pangocairo fontconfig libxml-2.0
WARN     = -std=c17 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Werror
CFLAGS  ?= -O2 -g
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) $(DL_PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lglpk -lm -ldl
ALL_CFLAGS = $(WARN) $(CFLAGS) -D_DEFAULT_SOURCE -Igen -I$(BUILD)/made \
             $(PKG_CFLAGS)

# Debian packages: to build, and (TEST_DEBS) to run the tests.
BUILD_DEBS = build-essential pkg-config libcmark-dev liblua5.4-dev \
             libzip-dev libjansson-dev libglpk-dev libxlsxwriter-dev \
             libfriso-dev friso-dict libpoppler-glib-dev \
             libxml2-dev libpango1.0-dev libcairo2-dev fonts-noto-cjk
TEST_DEBS  = libcmocka-dev jq epubcheck default-jre-headless chromium \
             fonts-noto-cjk libxml2-utils libreoffice-core libreoffice-calc \
             libreoffice-writer poppler-utils unzip time pango1.0-tools \
             r-base-core r-cran-psych r-cran-erm python3-icalendar procps qpdf
SUDO       = $(shell [ "$$(id -u)" = 0 ] && echo "" || echo sudo)

# gen/ has one folder per stage; every include points down:
# core < read, script < bank < plan < write < analyse (tests/layout.sh
# checks it).
SRC  = $(sort $(wildcard gen/*/*.c))
HDR  = $(wildcard gen/*/*.h)
BIN  = gen/tiku
BUILD = .build
OBJ  = $(SRC:gen/%.c=$(BUILD)/plain/%.o)
AOBJ = $(SRC:gen/%.c=$(BUILD)/asan/%.o)
SAN  = -fsanitize=address,undefined -fno-sanitize-recover=all \
       -fno-omit-frame-pointer

TESTS      = tests/test_text tests/test_parse_standard tests/test_render \
             tests/test_syllabus tests/test_epub tests/test_parse_items \
             tests/test_blueprint tests/test_course
TEST_BUILD = tests/build

.PHONY: all deps test-deps site check layout unit unit-asan e2e hardening leaks \
        fuzz fuzz-smoke browser schemas qti-player bench install clean
.DEFAULT_GOAL := all

# The build runs in a sub-make so that pkg-config is asked only after
# the dependencies are in place.
all: deps
	@$(MAKE) --no-print-directory $(BIN) site

# Install what is missing: as root or with passwordless sudo, else say how.
deps:
	@sh gen/ensure-debs.sh $(BUILD_DEBS)

test-deps:
	@sh gen/ensure-debs.sh $(TEST_DEBS)
	@sh tests/tools.sh

$(BUILD)/plain/%.o: gen/%.c $(HDR)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/asan/%.o: gen/%.c $(HDR)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -O1 $(SAN) -c -o $@ $<

# The non-ASCII bytes of the sources (the labels tiku prints itself), for
# the characters fontcut keeps.
CODE_TEXT = $(BUILD)/made/write/code_text.h
$(CODE_TEXT): $(SRC) gen/main.c
	@mkdir -p $(@D)
	{ echo 'static const unsigned char code_text[] = {'; \
	  cat $(SRC) gen/main.c | LC_ALL=C tr -cd '\200-\377' | \
	  od -An -v -tu1 | sed 's/  */,/g; s/^,//; s/$$/,/'; echo '0 };'; } > $@
$(BUILD)/plain/write/fontcut.o $(BUILD)/asan/write/fontcut.o: $(CODE_TEXT)

$(BUILD)/plain/libtiku.a: $(OBJ)
	rm -f $@ && ar rcs $@ $(OBJ)

$(BUILD)/asan/libtiku.a: $(AOBJ)
	rm -f $@ && ar rcs $@ $(AOBJ)

$(BIN): gen/main.c $(BUILD)/plain/libtiku.a
	$(CC) $(ALL_CFLAGS) -o $@ gen/main.c $(BUILD)/plain/libtiku.a $(PKG_LIBS)

site: $(BIN)
	./$(BIN) build --content content --out site

# ---- tests ----

$(TEST_BUILD)/plain/%: tests/%.c $(BUILD)/plain/libtiku.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/plain/libtiku.a $(PKG_LIBS) -lcmocka

$(TEST_BUILD)/asan/%: tests/%.c $(BUILD)/asan/libtiku.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -O1 $(SAN) -o $@ $< $(BUILD)/asan/libtiku.a \
	    $(PKG_LIBS) -lcmocka

unit: $(TESTS:tests/%=$(TEST_BUILD)/plain/%)
	@for t in $^; do ./$$t || exit 1; done

unit-asan: $(TESTS:tests/%=$(TEST_BUILD)/asan/%)
	@for t in $^; do \
	    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    ./$$t || exit 1; done

layout:
	@sh tests/layout.sh

# A sitting with known item parameters, for tests/analyse.sh.
$(TEST_BUILD)/simulate: tests/simulate.c $(BUILD)/plain/libtiku.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/plain/libtiku.a $(PKG_LIBS)

# Hides a library from dlopen, for the tests of a machine without it.
$(TEST_BUILD)/hidelib.so: tests/hidelib.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) -Wno-missing-prototypes -shared -fPIC -o $@ $< -ldl

e2e: $(BIN) $(TEST_BUILD)/simulate $(TEST_BUILD)/hidelib.so
	@sh tests/e2e.sh

# Every exported XML against the official QTI 3 and ECMA-376 schemas in
# ../shared/schemas.
schemas: $(BIN)
	@sh tests/schemas.sh

# Every item of a sample paper set played and scored in a QTI 3 player.
qti-player: $(BIN)
	@sh tests/qti.sh

# Hostile content, failing writes, symlinks, very large inputs, where
# --out may write.
hardening: $(BIN)
	@sh tests/injection.sh
	@sh tests/robust.sh
	@sh tests/outputs.sh

# The whole pipeline under ASan, LSan and UBSan.
$(TEST_BUILD)/asan/tiku: gen/main.c $(BUILD)/asan/libtiku.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -O1 $(SAN) -o $@ gen/main.c $(BUILD)/asan/libtiku.a \
	    $(PKG_LIBS)

leaks: $(BIN) $(TEST_BUILD)/asan/tiku
	@sh tests/leaks.sh $(TEST_BUILD)/asan/tiku

# The self-study site in headless Chromium, on a site built for the test.
browser: $(BIN)
	@./$(BIN) build --out tests/build/browser-site 2>/dev/null
	@sh tests/browser.sh tests/build/browser-site
	@./$(BIN) course --level 5 --format html --out tests/build/present
	@node tests/present.mjs tests/build/present/course-L5.html

# libFuzzer on the standard parser, the item parser, the template engine
# and the generators: ten minutes each by hand, a short smoke run in make check.
fuzz: deps $(CODE_TEXT)
	@sh tests/fuzz.sh 600

fuzz-smoke: deps $(CODE_TEXT)
	@sh tests/fuzz.sh 20

bench: deps
	@$(MAKE) --no-print-directory $(BIN)
	@sh gen/ensure-debs.sh hyperfine bc
	@sh tests/bench.sh

check: deps test-deps
	@$(MAKE) --no-print-directory $(BIN) layout unit unit-asan e2e schemas \
	    hardening leaks fuzz-smoke browser qti-player

# ---- install ----

install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/tiku
	cp -R content templates lua $(DESTDIR)$(DATADIR)/
	install -m 644 gen/tiku.1 $(DESTDIR)$(MANDIR)/tiku.1

clean:
	rm -f $(BIN)
	rm -rf $(BUILD)
	rm -rf $(TEST_BUILD) site site.tmp-* tests/node_modules
