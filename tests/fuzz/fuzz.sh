#!/bin/sh
# fuzz.sh - build the libFuzzer targets with clang and the sanitizers into
# tests/fuzz/build/ (apart from the normal build) and run each for
# FUZZ_SECONDS seconds.  Run by "make fuzz" from the project root.
#
#	make fuzz FUZZ_SECONDS=60 FUZZ_TARGETS="csv batch"
#
# New inputs go to tests/fuzz/build/corpus/<name>/, crashes to
# tests/fuzz/build/crash-<name>-*; copy a crash to tests/fuzz/regress/<name>/
# once fixed so that make check replays it.
set -eu
CC=${FUZZ_CC:-clang}
SECONDS_EACH=${FUZZ_SECONDS:-60}
TARGETS=${FUZZ_TARGETS:-"utf8 time code center procedure calendar csv batch dossier sign"}
B=tests/fuzz/build
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
FLAGS="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
    -DGIT_DEPRECATE_HARD -Ilib -g -O1 -fno-omit-frame-pointer \
    -Wall -Wextra -Werror"
# the libraries the Makefile links (make fuzz passes its LIBS)
LIBS=${FUZZ_LIBS:?"fuzz: run through make fuzz (FUZZ_LIBS: the Makefile's LIBS)"}
command -v "$CC" >/dev/null || { echo "fuzz: $CC not found (apt-get install clang libclang-rt-14-dev)" >&2; exit 1; }
mkdir -p "$B/obj"

# The library, instrumented for coverage (fuzzer-no-link) and sanitized;
# an object is rebuilt when its source or a header is newer.
objs=
for src in lib/*.c; do
	o=$B/obj/$(basename "$src" .c).o
	if [ ! -f "$o" ] || [ "$src" -nt "$o" ] || [ lib/hh.h -nt "$o" ] ||
	    [ lib/hh_impl.h -nt "$o" ]; then
		$CC $FLAGS $SAN -fsanitize=fuzzer-no-link -c -o "$o" "$src"
	fi
	objs="$objs $o"
done
for t in $TARGETS; do
	src=tests/fuzz/fuzz_$t.c
	if [ ! -f "$B/fuzz_$t" ] || [ "$src" -nt "$B/fuzz_$t" ] ||
	    [ tests/fuzz/fuzz.h -nt "$B/fuzz_$t" ] ||
	    [ -n "$(find lib -newer "$B/fuzz_$t" -name '*.[ch]')" ]; then
		$CC $FLAGS $SAN -fsanitize=fuzzer -o "$B/fuzz_$t" "$src" \
		    $objs $LIBS
	fi
done
[ "${FUZZ_BUILD_ONLY:-0}" = 1 ] && exit 0

# Run each target; -max_len leaves room for a 70 KB batch line.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
fail=0
for t in $TARGETS; do
	mkdir -p "$B/corpus/$t"
	case $t in
	batch|csv|calendar) maxlen=80000 ;;
	dossier|center|procedure) maxlen=16384 ;;
	*) maxlen=512 ;;
	esac
	st=0
	"$B/fuzz_$t" -max_total_time="$SECONDS_EACH" -max_len=$maxlen \
	    -timeout=20 -rss_limit_mb=2560 -print_final_stats=1 \
	    -artifact_prefix="$B/crash-$t-" "$B/corpus/$t" \
	    "tests/fuzz/corpus/$t" >"$B/log-$t" 2>&1 || st=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$B/log-$t")
	secs=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$B/log-$t")
	cov=$(grep -o 'cov: [0-9]*' "$B/log-$t" | tail -1)
	echo "fuzz_$t: ${runs:-?} runs in ${SECONDS_EACH} s (${secs:-?} execs/s), $cov, corpus $(ls "$B/corpus/$t" | wc -l) + $(ls "tests/fuzz/corpus/$t" | wc -l) seeds"
	if [ "$st" != 0 ]; then
		fail=1
		echo "fuzz_$t: FAILED (exit $st); see $B/log-$t" >&2
		grep -A15 'ERROR\|runtime error\|deadly signal' "$B/log-$t" |
		    head -30 >&2 || true
	fi
done
exit $fail
