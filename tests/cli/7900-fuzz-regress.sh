#!/bin/sh
# The fuzz targets' seed corpus and every input that once crashed or hung
# one (tests/fuzz/regress/<name>/), replayed through plain builds of the
# targets (make check builds tests/fuzz/replay_<name>).
. tests/cli/lib.sh
targets="utf8 time code center procedure calendar csv batch dossier sign"
plan 10
for t in $targets; do
	dirs=tests/fuzz/corpus/$t
	[ -d "tests/fuzz/regress/$t" ] && dirs="$dirs tests/fuzz/regress/$t"
	check "fuzz_$t: seeds and regressions ($(ls $dirs | wc -l) inputs)" \
	    timeout 60 "tests/fuzz/replay_$t" $dirs
done
done_testing
