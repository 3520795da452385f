#!/bin/sh
# check-asan.sh - make check with AddressSanitizer (leaks too) and
# UndefinedBehaviorSanitizer, built in a copy of the sources so that the
# tree's own build is left alone.  Run by "make check-asan".
#
# ASAN_KEEP=1 keeps the copy.  hh-check's test runs smaller (CHECK_N) as
# sanitized binaries are several times slower.
set -eu
top=$(pwd)
copy=$(mktemp -d "${TMPDIR:-/tmp}/hh-asan.XXXXXX")
[ "${ASAN_KEEP:-0}" = 1 ] || trap 'rm -rf "$copy"' EXIT
tar -C "$top" --exclude=./.git --exclude=./tests/fuzz/build \
    --exclude='*.o' --exclude='*.a' -cf - . | tar -C "$copy" -xf -
cd "$copy"
make -s clean
san="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export CHECK_N=${CHECK_N:-300}
# tests that build a helper with a plain "cc" get the sanitizers too
mkdir -p "$copy/.asan-bin"
printf '#!/bin/sh\nexec %s %s "$@"\n' "$(command -v "${CC:-cc}")" "$san" \
    >"$copy/.asan-bin/cc"
chmod +x "$copy/.asan-bin/cc"
PATH=$copy/.asan-bin:$PATH
# no leak check in a set-user-ID process (tests/stress/lsan.c)
cc -std=c11 -Ilib -O1 -g $san -c -o "$copy/lsan.o" tests/stress/lsan.c
echo "# make check under ASan+UBSan in $copy"
make check CC=cc CFLAGS="-O1 -g $san -fno-omit-frame-pointer" \
    LDFLAGS="$san $copy/lsan.o"
