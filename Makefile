# vorlage: build, set-up, tests, benchmark.
# `make run` and `make test` install what is missing (Debian packages), build and run.

CC      ?= cc
CSTD    := -std=c11 -D_POSIX_C_SOURCE=200809L
WARN    := -Wall -Wextra -Wpedantic -Werror -Wstrict-prototypes -Wmissing-prototypes \
           -Wwrite-strings -Wshadow -Wvla -Wformat=2
OPT     ?= -O2 -g
PKGS_CFLAGS := $(shell pkg-config --cflags libxml-2.0 2>/dev/null || echo -I/usr/include/libxml2)
CFLAGS_ALL  = $(CSTD) $(WARN) $(OPT) $(PKGS_CFLAGS) -Isrc -MMD -MP
LDLIBS  := -lhpdf -lxml2 -lhyphen -lpng -lz -lm

SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

# Debian packages by purpose: what building and running the program needs
# (make all, make run), and what only the tests add (make test).
PKGS_RUN  := build-essential pkg-config libhpdf-dev libxml2-dev libhyphen-dev \
             hyphen-de hyphen-en-us fonts-liberation2 icc-profiles-free libpng-dev zlib1g-dev
PKGS_TEST := libxml2-utils poppler-utils qpdf python3 python3-pikepdf mupdf-tools ghostscript \
             valgrind default-jre-headless default-jdk-headless libpdfbox2-java \
             libactivation-java libjaxb-api-java clang libclang-rt-14-dev mandoc

SRC     := $(sort $(wildcard src/*/*.c))
LIBSRC  := $(filter-out src/cli/%,$(SRC))
OBJ     := $(LIBSRC:src/%.c=build/obj/%.o)
SANOBJ  := $(LIBSRC:src/%.c=build/asan/obj/%.o)
UNITSRC := $(sort $(wildcard tests/unit/test_*.c))
UNITBIN := $(UNITSRC:tests/unit/%.c=build/tests/%)
UNITSAN := $(UNITSRC:tests/unit/%.c=build/asan/tests/%)

FONTS := fonts/LiberationSans-Regular.ttf fonts/LiberationSans-Bold.ttf \
         fonts/LiberationSans-Italic.ttf fonts/LiberationSans-BoldItalic.ttf
SHARE := build/share/hyph_de_DE.dic build/share/hyph_en_US.dic build/share/sRGB.icc \
         build/share/hyph_de_DE.dic.cache build/share/hyph_en_US.dic.cache

DEPS_STAMP := build/.deps
TEST_DEPS_STAMP := build/.deps-test

.PHONY: all deps test-deps run batch test bench asan fuzz leakcheck lint clean refresh-references messages \
        regress-refresh property fuzz-tables
all: build/vorlage $(FONTS) $(SHARE)

# Install only what is missing, so that a second `make test` starts at once.
define install_missing
	@missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing: $$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null || exit 2; \
	fi
	@mkdir -p build && touch $@
endef
$(DEPS_STAMP):
	$(call install_missing,$(PKGS_RUN))
$(TEST_DEPS_STAMP): | $(DEPS_STAMP)
	$(call install_missing,$(PKGS_TEST))
deps: $(DEPS_STAMP)
test-deps: $(TEST_DEPS_STAMP)

fonts/%.ttf: | $(DEPS_STAMP)
	cp /usr/share/fonts/truetype/liberation2/$*.ttf $@
build/share/%.dic: | $(DEPS_STAMP)
	@mkdir -p build/share
	cp /usr/share/hyphen/$*.dic $@
# libhyphen needs 2.3 s to build the German automaton; the cache holds it
# ready (src/engine/hyphcache.c).
build/share/%.dic.cache: build/share/%.dic build/hyphcache
	./build/hyphcache $< $@
build/hyphcache: tools/hyphcache.c build/libvorlage.a
	$(CC) $(CFLAGS_ALL) -Isrc -o $@ $< build/libvorlage.a $(LDLIBS)
build/share/sRGB.icc: | $(DEPS_STAMP)
	@mkdir -p build/share
	cp /usr/share/color/icc/sRGB.icc $@

build/obj/%.o: src/%.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -c $< -o $@
build/asan/obj/%.o: src/%.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -O1 $(SAN) -c $< -o $@

build/libvorlage.a: $(OBJ)
	@rm -f $@
	ar rcs $@ $^
build/asan/libvorlage.a: $(SANOBJ)
	@rm -f $@
	ar rcs $@ $^

CLISRC  := $(filter src/cli/%,$(SRC))
build/vorlage: $(CLISRC:src/%.c=build/obj/%.o) build/libvorlage.a
	$(CC) $(OPT) -o $@ $^ $(LDLIBS)
build/asan/vorlage: $(CLISRC:src/%.c=build/asan/obj/%.o) build/asan/libvorlage.a
	$(CC) $(SAN) -o $@ $^ $(LDLIBS)

build/tests/%: tests/unit/%.c tests/unit/unit.h build/libvorlage.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -Isrc -o $@ $< build/libvorlage.a $(LDLIBS)
build/asan/tests/%: tests/unit/%.c tests/unit/unit.h build/asan/libvorlage.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -O1 $(SAN) -Isrc -o $@ $< build/asan/libvorlage.a $(LDLIBS)

build/bench: tests/bench/bench.c build/libvorlage.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -Isrc -o $@ $< build/libvorlage.a $(LDLIBS)

asan: build/asan/vorlage $(UNITSAN)

# The fuzz harnesses (tests/fuzz): source (every stage but the PDF), pdf
# (the whole way to the PDF, rendered into memory) and template. Each is a
# plain program over files built with ASan and UBSan (make test runs it on
# its corpus: tests/t_fuzz_corpus.sh), and a libFuzzer target built with
# clang (make fuzz: each harness FUZZ_SECONDS in turn, on one core).
FUZZERS    := source pdf template
FUZZ_COMMON := tests/fuzz/fuzz_env.c tests/fuzz/fuzz.h
build/asan/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_COMMON) build/asan/libvorlage.a
	$(CC) $(CFLAGS_ALL) -O1 $(SAN) -Isrc -o $@ $< tests/fuzz/fuzz_env.c build/asan/libvorlage.a $(LDLIBS)

FUZZ_SECONDS ?= 60
FUZZCC  := clang
FUZZSAN := -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
FUZZOBJ := $(LIBSRC:src/%.c=build/fuzz/obj/%.o)
.SECONDARY: $(FUZZOBJ)
build/fuzz/obj/%.o: src/%.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(FUZZCC) $(CSTD) $(WARN) $(PKGS_CFLAGS) -Isrc -MMD -MP -O1 -g $(FUZZSAN) -c $< -o $@
build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_COMMON) $(FUZZOBJ)
	$(FUZZCC) $(CSTD) $(PKGS_CFLAGS) -O1 -g -DVORLAGE_LIBFUZZER -fsanitize=fuzzer,address,undefined \
	    -Isrc -o $@ $< tests/fuzz/fuzz_env.c $(FUZZOBJ) $(LDLIBS)

# Per harness: the seeds, the dictionary, the largest input (1 MiB for the
# source: quadratic paragraph building needs long inputs; the template's
# own limit for templates; less for the slow PDF stage). The inputs that
# once crashed (tests/fuzz/regress-NAME) are read as a second corpus.
FUZZ_SEEDS_source   := xml/vorlage-18-1828.xml tests/regress/valid/*.xml tests/fuzz/seeds-source/*
FUZZ_SEEDS_pdf      := $(FUZZ_SEEDS_source)
FUZZ_SEEDS_template := templates/*.xml tests/templates/*.xml
FUZZ_DICT_source    := tests/fuzz/source.dict
FUZZ_DICT_pdf       := tests/fuzz/source.dict
FUZZ_DICT_template  := tests/fuzz/template.dict
FUZZ_LEN_source     := 1048576
FUZZ_LEN_pdf        := 262144
FUZZ_LEN_template   := 1048576
# One job, one worker: a single core, the job's log in build/fuzz/run-NAME/
FUZZ_FLAGS ?= -jobs=1 -workers=1 -timeout=60 -rss_limit_mb=2048
fuzz: $(TEST_DEPS_STAMP) all $(FUZZERS:%=build/fuzz/fuzz_%)
	@rc=0; for h in $(FUZZERS); do $(MAKE) --no-print-directory fuzz-$$h || rc=1; done; \
	    $(MAKE) --no-print-directory fuzz-tables || rc=1; exit $$rc

# The random tables of tests/t_table_spans.py, many more than make test's
# 2,000: what the check accepts the layout places cell for cell.
TABLE_SPANS_N ?= 20000
fuzz-tables: all build/asan/vorlage
	TABLE_SPANS_N=$(TABLE_SPANS_N) TABLE_SPANS_SEED=$$(date +%s) bash tests/run.sh tests/t_table_spans.py

# The property test (tests/t_property.py) over PROPERTY_N random documents
# (make test: 30): checked, built, every word set inside the text area,
# nothing overprinted, PDF/UA clean. PROPERTY_SEED: the first document's.
PROPERTY_N ?= 300
property: all build/asan/vorlage
	PROPERTY_N=$(PROPERTY_N) TEST_TIMEOUT=36000 bash tests/run.sh tests/t_property.py
fuzz-%: all build/fuzz/fuzz_%
	@mkdir -p build/fuzz/corpus-$* build/fuzz/run-$* build/fuzz/crash-$* tests/fuzz/regress-$*
	cp $(FUZZ_SEEDS_$*) build/fuzz/corpus-$*/
	@echo "fuzz-$*: $(FUZZ_SECONDS) s, log build/fuzz/run-$*/fuzz-0.log, crashes build/fuzz/crash-$*/"
	cd build/fuzz/run-$* && VORLAGE_HOME=$(CURDIR) ../fuzz_$* -max_total_time=$(FUZZ_SECONDS) \
	    -dict=$(CURDIR)/$(FUZZ_DICT_$*) -max_len=$(FUZZ_LEN_$*) $(FUZZ_FLAGS) \
	    -artifact_prefix=$(CURDIR)/build/fuzz/crash-$*/ ../corpus-$* $(CURDIR)/tests/fuzz/regress-$*; \
	    rc=$$?; tail -n 25 fuzz-0.log 2>/dev/null; exit $$rc

# The examples of other shapes than 18/1828's (invented content): a report
# on the government's own initiative, a report for a reporting period, a
# letter sending enclosures only.
EXAMPLES := eigeninitiative berichtszeitraum anlagen

# The main job: the Vorlage (and, once they exist, its annexes) into out/.
run: all
	@mkdir -p out
	./build/vorlage run xml/vorlage-18-1828.xml
	./build/vorlage build xml/beispiel-bericht.xml -o out/beispiel-bericht.pdf
	./build/vorlage build $(EXAMPLES:%=xml/beispiel-%.xml) -d out

# A folder of sources, one process per source and as many at a time as -j
# allows: make -j8 batch SRC_DIR=DIR OUT_DIR=out/batch writes OUT_DIR/NAME.pdf
# for each SRC_DIR/NAME.xml, again only for the sources changed since (with
# -k past a source that fails). BATCH_PROG: the program used.
SRC_DIR    ?= xml
OUT_DIR    ?= out/batch
BATCH_PROG ?= ./build/vorlage
BATCH_PDFS := $(patsubst $(SRC_DIR)/%.xml,$(OUT_DIR)/%.pdf,$(wildcard $(SRC_DIR)/*.xml))
batch: $(BATCH_PDFS)
$(OUT_DIR)/%.pdf: $(SRC_DIR)/%.xml build/vorlage templates/landtag-nrw.xml | all
	@mkdir -p $(@D)
	$(BATCH_PROG) build $< -o $@ -q

# Every test, with the program and the unit tests built with ASan and UBSan.
test: $(TEST_DEPS_STAMP) all build/asan/vorlage $(FUZZERS:%=build/asan/fuzz_%) build/asan/fixtures/crash $(UNITBIN) $(UNITSAN)
	@bash tests/run.sh

# Mozilla's pdf.js, an outside reader for tests/t_pdfjs.sh: the version the
# lock file pins, from the npm registry (not the optional canvas package,
# which only rendering needs).
build/pdfjs/node_modules/.stamp: tests/pdfjs/package.json tests/pdfjs/package-lock.json
	@mkdir -p build/pdfjs
	cp tests/pdfjs/package.json tests/pdfjs/package-lock.json build/pdfjs/
	npm ci --prefix build/pdfjs --no-audit --no-fund --omit=optional
	touch $@
test: build/pdfjs/node_modules/.stamp

# The runner's self-test: a test that reports "ok" and then crashes.
build/asan/fixtures/crash: tests/fixtures/runner/crash.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -O0 $(SAN) -o $@ $<

# The engine alone (build/bench: quality and lines per second), then the
# whole program as a user runs it (tests/bench/bench.py: time, pages per
# second, memory, size, stages; BENCH_RUNS=7).
bench: all build/bench
	@./build/bench
	@/usr/bin/python3 tests/bench/bench.py

leakcheck: $(TEST_DEPS_STAMP) all $(UNITBIN)
	@bash tests/leakcheck.sh

# cppcheck cannot expand the message catalogue's X-macro, and skips every
# file that includes it: it reads them with an empty catalogue instead.
lint:
	/usr/bin/python3 tests/t_layers.py
	cppcheck --quiet --enable=warning,performance,portability --error-exitcode=1 --inline-suppr \
	    '-DDIAG_MESSAGES(X)=' -DVORLAGE_MESSAGES_H -Isrc src
	clang-tidy --quiet src/*/*.c tools/*.c -- $(CSTD) $(PKGS_CFLAGS) -Isrc

# After an intended layout change: re-render the reference pages and the
# golden box dumps of the tests, and the pictures in the README.
refresh-references: $(TEST_DEPS_STAMP) all
	./build/vorlage build xml/vorlage-18-1828.xml -o build/ref.pdf -q
	/usr/bin/python3 tests/refpages.py build/ref.pdf refresh
	./build/vorlage layout xml/vorlage-18-1828.xml > tests/golden/vorlage-18-1828.layout
	./build/vorlage layout xml/vorlage-18-1828.xml --partner schlesien > tests/golden/vorlage-18-1828-schlesien.layout
	./build/vorlage layout xml/beispiel-bericht.xml > tests/golden/beispiel-bericht.layout
	./build/vorlage dump xml/beispiel-bericht.xml > tests/golden/beispiel-bericht.dump
	for x in $(EXAMPLES); do ./build/vorlage layout xml/beispiel-$$x.xml > tests/golden/beispiel-$$x.layout; \
	    ./build/vorlage dump xml/beispiel-$$x.xml > tests/golden/beispiel-$$x.dump; done
	VORLAGE=$(CURDIR)/build/vorlage bash tests/t_regress.sh --refresh tests/regress
	./build/vorlage build xml/beispiel-bericht.xml -o build/beispiel.pdf -q
	pdftoppm -r 60 -png -f 3 -l 3 build/beispiel.pdf docs/beispiel
	@mkdir -p docs
	pdftoppm -r 40 -png -f 1 -l 2 build/ref.pdf docs/page

# The regression cases (tests/regress, tests/t_regress.sh): rewrites the
# expected messages and box dump of one case from what the program prints
# (CASE=tests/regress/FEATURE/CASE), of a feature's cases (FEATURE=NAME or
# CASE=tests/regress/FEATURE), or of every case (CASE=tests/regress). Read
# the diff before committing it.
regress-refresh: all
	@test -n "$(CASE)$(FEATURE)" || { echo "usage: make regress-refresh CASE=tests/regress/FEATURE/CASE | FEATURE=NAME"; exit 2; }
	@VORLAGE=$(CURDIR)/build/vorlage bash tests/t_regress.sh --refresh $(CASE) $(FEATURE:%=tests/regress/%)

# The message list in docs/vorlage.1 (DIAGNOSTICS), from the catalogue in src/base/messages.h.
messages:
	/usr/bin/python3 tests/t_messages.py --write

clean:
	rm -rf build out/*.pdf out/anlagen tests/scratch

# ---- translations (GNU gettext) ---------------------------------------------
# The messages in German under a de_* locale: the template (the .pot) is made
# from the catalogue (src/base/messages.h) and the texts marked in src/cli/
# by tools/mkpot.py; po/de.po translates every message and is compiled here
# into build/share/locale, where the program finds it relative to its
# resources (make install copies it). po-update merges a new template into
# po/de.po; po-check is what tests/t_i18n.sh checks.
PKGS_RUN += gettext
MO     := build/share/locale/de/LC_MESSAGES/vorlage.mo
POT    := build/po/vorlage.pot
.PHONY: pot po-update po-check
all: $(MO)
$(MO): po/de.po | $(DEPS_STAMP)
	@mkdir -p $(@D)
	msgfmt --check-format --check-header -o $@ $<
$(POT): src/base/messages.h src/base/diag.c $(wildcard src/cli/*.c) tools/mkpot.py | $(DEPS_STAMP)
	/usr/bin/python3 tools/mkpot.py $@
pot: $(POT)
po-update: $(POT)
	msgmerge --update --backup=none --no-fuzzy-matching po/de.po $(POT)
po-check: $(POT)
	msgfmt --check-format --check-header -o /dev/null po/de.po
	msgcmp po/de.po $(POT)

# ---- make install -------------------------------------------------------------
# make install PREFIX=/usr/local DESTDIR=: the program in PREFIX/bin, its
# resources in PREFIX/share/vorlage (templates, schemas, fonts, dictionaries
# and their caches, sRGB.icc, locale: what the build tree keeps in build/share
# at its top), the manual pages in PREFIX/share/man/man1 and man5. The
# installed program finds PREFIX/share/vorlage beside its bin directory
# (src/base/res.c); DESTDIR stages the tree for a package. The caches know
# their dictionary by its time: install -p keeps both times.
PREFIX   ?= /usr/local
DESTDIR  ?=
BINDIR   := $(DESTDIR)$(PREFIX)/bin
DATADIR  := $(DESTDIR)$(PREFIX)/share/vorlage
MANDIR   := $(DESTDIR)$(PREFIX)/share/man
MAN1     := $(wildcard docs/*.1)
MAN5     := $(wildcard docs/*.5)
.PHONY: install uninstall
install: all
	install -d $(BINDIR) $(DATADIR)/templates $(DATADIR)/xml $(DATADIR)/fonts \
	    $(DATADIR)/locale/de/LC_MESSAGES
	install -m 755 build/vorlage $(BINDIR)/vorlage
	install -m 644 templates/*.xml templates/*.xsd $(DATADIR)/templates/
	install -m 644 xml/*.xsd $(DATADIR)/xml/
	install -m 644 $(FONTS) $(DATADIR)/fonts/
	install -p -m 644 $(SHARE) $(DATADIR)/
	install -m 644 $(MO) $(DATADIR)/locale/de/LC_MESSAGES/
	$(if $(MAN1),install -d $(MANDIR)/man1 && install -m 644 $(MAN1) $(MANDIR)/man1/)
	$(if $(MAN5),install -d $(MANDIR)/man5 && install -m 644 $(MAN5) $(MANDIR)/man5/)
uninstall:
	rm -f $(BINDIR)/vorlage $(addprefix $(MANDIR)/man1/,$(notdir $(MAN1))) \
	    $(addprefix $(MANDIR)/man5/,$(notdir $(MAN5)))
	rm -rf $(DATADIR)

-include $(wildcard build/obj/*/*.d build/asan/obj/*/*.d build/fuzz/obj/*/*.d)
