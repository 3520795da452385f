# hh - the dossier desk of a one-stop administrative centre.  See README.md.
.POSIX:
.SUFFIXES:
.SUFFIXES: .c .o

PREFIX = /usr/local
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man
SHAREDIR = $(PREFIX)/share/hh
COMPDIR = $(PREFIX)/share/bash-completion/completions
# The folder the crontab of hh(7) writes the month's reports to: made by
# make install, the records account's and readable by the staff's group.
REPORTDIR = /srv/hh/reports

# The records account and the staff's group (hh(7)): make install makes
# every tool set-user-ID to HH_USER, set-group-ID to HH_GROUP and executable
# only by HH_GROUP (mode 6750), so that only the tools write the records
# and what they write belongs to the group.  HH_USER= installs them
# unprivileged (a clerk's own tree; packaging that sets the modes itself).
HH_USER = hh
HH_GROUP = motcua

CC = cc
CFLAGS = -O2 -g
PKG_CONFIG = pkg-config
# Kept apart from CFLAGS so that "make CFLAGS=-O0" keeps the warnings.
HHFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-DGIT_DEPRECATE_HARD -DHH_SHAREDIR='"$(SHAREDIR)"' -Ilib \
	-Wall -Wextra -Werror -Wpedantic -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wformat=2 -Wno-format-nonliteral
LIBS = `$(PKG_CONFIG) --libs libgit2 libcjson libqrencode libsodium libcrypto \
	xlsxwriter` -lm -pthread
CMOCKA = `$(PKG_CONFIG) --libs cmocka`

BIN = hh-init hh-intake hh-route hh-return hh-report hh-calendar hh-log hh-check \
	hh-notify hh-sync
# The library's layers (hh(7) ARCHITECTURE): each object is built against
# its layer's header, and make check-layers proves the core pure.
CORE = lib/error.o lib/mem.o lib/text.o lib/json.o lib/time.o lib/lunar.o \
	lib/calendar.o lib/deadline.o lib/csv.o lib/center.o lib/procedure.o \
	lib/dossier.o lib/step.o lib/form.o lib/audit.o lib/life.o lib/rules.o \
	lib/period.o lib/table.o lib/report.o lib/render.o lib/listing.o \
	lib/notice.o lib/sign.o lib/peer.o
SYS = lib/priv.o lib/file.o
STORE = lib/store.o
DESK = lib/desk.o lib/cli.o lib/scan.o lib/cache.o lib/notify.o \
	lib/publish.o lib/xlsx.o
LIBOBJ = $(CORE) $(SYS) $(STORE) $(DESK)
HEADERS = lib/core.h lib/sys.h lib/store.h lib/desk.h lib/hh.h
TESTS = tests/test_time tests/test_lunar tests/test_calendar \
	tests/test_deadline tests/test_text tests/test_csv tests/test_store \
	tests/test_step tests/test_report tests/test_json tests/test_center \
	tests/test_procedure tests/test_dossier tests/test_audit \
	tests/test_form tests/test_cli tests/test_life tests/test_listing \
	tests/test_notice tests/test_sign
# Fuzz targets (tests/fuzz/fuzz_<name>.c): make check replays their seed
# corpus and tests/fuzz/regress/ through plain builds of them; make fuzz
# runs them under libFuzzer (clang).
FUZZ = utf8 time code center procedure calendar csv batch dossier sign
FUZZ_REPLAY = tests/fuzz/replay_utf8 tests/fuzz/replay_time \
	tests/fuzz/replay_code tests/fuzz/replay_center \
	tests/fuzz/replay_procedure tests/fuzz/replay_calendar \
	tests/fuzz/replay_csv tests/fuzz/replay_batch tests/fuzz/replay_dossier \
	tests/fuzz/replay_sign
FUZZ_SECONDS = 60
# The records generator, the per-file read floor and the process floor of
# make bench (the generator also makes the big trees of the report-cache
# test).
BENCHBIN = tests/bench/gen tests/bench/floor tests/bench/sigcost \
	tests/bench/gitfloor
MAN1 = man/hh-init.1 man/hh-intake.1 man/hh-route.1 man/hh-return.1 \
	man/hh-report.1 man/hh-calendar.1 man/hh-log.1 man/hh-check.1 \
	man/hh-notify.1 man/hh-sync.1
MAN5 = man/hh-records.5 man/hh-center.5 man/hh-procedures.5 \
	man/hh-dossier.5 man/hh-calendar.5
MAN7 = man/hh.7

all: $(BIN)

.c.o:
	$(CC) $(HHFLAGS) $(CFLAGS) $(CPPFLAGS) -c -o $@ $<

libhh.a: $(LIBOBJ)
	rm -f $@
	$(AR) rcs $@ $(LIBOBJ)

$(LIBOBJ): $(HEADERS)

hh-init: cmd/hh-init.c
hh-intake: cmd/hh-intake.c
hh-route: cmd/hh-route.c
hh-return: cmd/hh-return.c
hh-report: cmd/hh-report.c
hh-calendar: cmd/hh-calendar.c
hh-log: cmd/hh-log.c
hh-check: cmd/hh-check.c
hh-notify: cmd/hh-notify.c
hh-sync: cmd/hh-sync.c
$(BIN): libhh.a $(HEADERS)
	$(CC) $(HHFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ cmd/$@.c libhh.a $(LIBS)

# every test depends on every test source: simple, and never stale
tests/sandbox.o: tests/sandbox.h $(HEADERS)
$(TESTS): libhh.a tests/sandbox.o tests/sandbox.h $(HEADERS) $(TESTS:=.c)
	$(CC) $(HHFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $@.c tests/sandbox.o \
	    libhh.a $(LIBS) $(CMOCKA)

$(FUZZ_REPLAY): libhh.a $(HEADERS) tests/fuzz/fuzz.h tests/fuzz/replay.c
	n=$@; $(CC) $(HHFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ tests/fuzz/replay.c \
	    tests/fuzz/fuzz_$${n#tests/fuzz/replay_}.c libhh.a $(LIBS)

# gen --pack hashes with OpenSSL and packs with zlib: libgit2-dev brings
# both (libssh2-1-dev, zlib1g-dev)
tests/bench/gen: libhh.a $(HEADERS) tests/bench/gen.c tests/bench/pack.c
	$(CC) $(HHFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ tests/bench/gen.c \
	    libhh.a $(LIBS) `$(PKG_CONFIG) --libs libcrypto zlib`

tests/bench/floor: tests/bench/floor.c
	$(CC) $(HHFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ tests/bench/floor.c
tests/bench/gitfloor: tests/bench/gitfloor.c
	$(CC) $(HHFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ tests/bench/gitfloor.c $(LIBS)
tests/bench/sigcost: tests/bench/sigcost.c libhh.a $(HEADERS)
	$(CC) $(HHFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ tests/bench/sigcost.c \
	    libhh.a $(LIBS)

check: $(BIN) $(TESTS) $(FUZZ_REPLAY) $(BENCHBIN) check-layers
	$(CC) $(HHFLAGS) -fsyntax-only -x c lib/hh.h
	@VALGRIND="$(VALGRIND)" sh tests/summary.sh $(TESTS) tests/cli/[0-9]*.sh
test: check

# The layers of hh(7) ARCHITECTURE, proved on the objects.
check-layers: libhh.a
	@echo "# tests/layers.sh"
	@CC="$(CC)" HHFLAGS="$(HHFLAGS)" CORE="$(CORE)" SYS="$(SYS)" \
	    STORE="$(STORE)" DESK="$(DESK)" sh tests/layers.sh

# The reference centre at full size (12,321 dossiers; minutes): run by CI
# apart from make check, which runs it at a tenth.
check-long: $(BIN)
	REF_SCALE=1 sh tests/cli/4900-reference.sh

# Issue 7: reliability.  stress and crash are the full forms of
# tests/cli/7100-stress.sh and 7200-crash.sh; check-asan runs make check
# in a copy of the sources built with ASan and UBSan; check-valgrind the
# cmocka tests and a run of every command under valgrind.
stress: $(BIN)
	STRESS_WRITERS=8 STRESS_OPS=200 sh tests/stress/stress.sh

crash: $(BIN)
	CRASH_TRIALS=$${CRASH_TRIALS:-240} sh tests/stress/crash.sh

fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_LIBS="$(LIBS)" sh tests/fuzz/fuzz.sh

check-asan:
	sh tests/stress/check-asan.sh

check-valgrind: $(BIN) $(TESTS)
	sh tests/stress/check-valgrind.sh

bench: $(BIN) $(BENCHBIN)
	sh tests/bench/bench.sh

demo: $(BIN)
	sh tests/demo.sh

# Every page lints clean with mandoc and with groff (-k: UTF-8 input),
# which warns of what mandoc does not (a line it cannot break).
lint:
	@for m in $(MAN1) $(MAN5) $(MAN7); do \
		mandoc -Tlint -Wwarning $$m || exit 1; \
		out=`groff -k -mandoc -Tutf8 -ww -z $$m 2>&1`; \
		if [ -n "$$out" ]; then echo "$$out" >&2; exit 1; fi; done

install: all
	@if [ -n "$(HH_USER)" ] && { ! id -u "$(HH_USER)" >/dev/null 2>&1 || \
	    ! getent group "$(HH_GROUP)" >/dev/null; }; then \
	    echo "make install: no user $(HH_USER) or no group" \
	        "$(HH_GROUP): useradd --system --user-group --home-dir" \
	        "/nonexistent --shell /usr/sbin/nologin $(HH_USER);" \
	        "groupadd $(HH_GROUP) (or make install HH_USER= for an" \
	        "unprivileged install)" >&2; exit 1; fi
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7 \
	    $(DESTDIR)$(SHAREDIR)/records $(DESTDIR)$(SHAREDIR)/procedures \
	    $(DESTDIR)$(COMPDIR)
	install -m 0755 $(BIN) $(DESTDIR)$(BINDIR)
	@if [ -n "$(HH_USER)" ]; then \
	    for b in $(BIN); do \
	        chown "$(HH_USER):$(HH_GROUP)" $(DESTDIR)$(BINDIR)/$$b && \
	        chmod 6750 $(DESTDIR)$(BINDIR)/$$b || exit 1; done; \
	    echo "installed set-user-ID $(HH_USER), set-group-ID $(HH_GROUP), for $(HH_GROUP) only"; \
	fi
	@if [ -n "$(HH_USER)" ]; then \
	    install -d -o "$(HH_USER)" -g "$(HH_GROUP)" -m 2750 \
	        $(DESTDIR)$(REPORTDIR); \
	else install -d $(DESTDIR)$(REPORTDIR); fi
	install -m 0644 $(MAN1) $(DESTDIR)$(MANDIR)/man1
	install -m 0644 $(MAN5) $(DESTDIR)$(MANDIR)/man5
	install -m 0644 $(MAN7) $(DESTDIR)$(MANDIR)/man7
	install -m 0644 records/center.json records/calendar \
	    $(DESTDIR)$(SHAREDIR)/records
	install -m 0644 procedures/*.json $(DESTDIR)$(SHAREDIR)/procedures
	install -m 0644 cmd/hh.bash-completion $(DESTDIR)$(COMPDIR)/hh-init
	for b in hh-intake hh-route hh-return hh-report hh-calendar hh-log \
	    hh-check hh-notify hh-sync; do ln -sf hh-init $(DESTDIR)$(COMPDIR)/$$b; done

uninstall:
	for b in $(BIN); do rm -f $(DESTDIR)$(BINDIR)/$$b; done
	for m in $(MAN1); do rm -f $(DESTDIR)$(MANDIR)/man1/$${m#man/}; done
	for m in $(MAN5); do rm -f $(DESTDIR)$(MANDIR)/man5/$${m#man/}; done
	for m in $(MAN7); do rm -f $(DESTDIR)$(MANDIR)/man7/$${m#man/}; done
	for b in $(BIN); do rm -f $(DESTDIR)$(COMPDIR)/$$b; done
	rm -rf $(DESTDIR)$(SHAREDIR)
	# the reports folder and its parent are kept if they hold anything
	-rmdir $(DESTDIR)$(REPORTDIR) "`dirname $(DESTDIR)$(REPORTDIR)`" \
	    2>/dev/null
	-rmdir $(DESTDIR)$(COMPDIR) $(DESTDIR)$(PREFIX)/share/bash-completion \
	    $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7 2>/dev/null

clean:
	rm -f $(BIN) $(TESTS) $(FUZZ_REPLAY) $(BENCHBIN) libhh.a lib/*.o tests/*.o cmd/*.o
	rm -rf tests/fuzz/build

.PHONY: all check check-layers test check-long bench demo lint install uninstall clean \
	stress crash fuzz check-asan check-valgrind
