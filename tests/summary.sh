#!/bin/sh
# summary.sh - make check's runner: every test program (the cmocka tests,
# whose output is TAP with CMOCKA_MESSAGE_OUTPUT=TAP) and every script
# (tests/cli/*.sh, run with sh) given, one after the other, their output
# shown as it comes; then one line "N passed, N failed" summing the TAP
# lines of all of them.  Exit 1 if one failed.
#
#	VALGRIND=... sh tests/summary.sh tests/test_time ... tests/cli/0100-init.sh ...
#
# "ok" passes (with "# SKIP" or "# TODO" too: a test not run, a known
# failure that now passes); "not ok" fails, unless "# SKIP" (cmocka's
# skip) or "# TODO" (a known failure).  A program or script that ran
# fewer tests than its plan counts those missing as failed; one that has
# no plan, runs more than its plan or exits non-zero with no test failed
# counts one failed: "0 failed" only if every one exited 0 with its plan
# met.  Only stdout is read: stderr goes straight through, as before.
set -u
export CMOCKA_MESSAGE_OUTPUT=TAP
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hh-check.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
pass=0 fail=0 skipped=0 todo=0 units=0
for t; do
	echo "# $t"
	case $t in
	*.sh) { sh "$t"; echo $? >"$tmp/st"; } | tee "$tmp/out" ;;
	*/*) { ${VALGRIND:-} "$t"; echo $? >"$tmp/st"; } | tee "$tmp/out" ;;
	*) { ${VALGRIND:-} "./$t"; echo $? >"$tmp/st"; } | tee "$tmp/out" ;;
	esac
	# pass fail skip todo, and what was wrong beyond the "not ok" lines
	awk -v st="$(cat "$tmp/st")" '
	# a plan each (a cmocka program prints one a group): their sum
	/^1\.\.[0-9]+/ { plan += substr($1, 4) + 0; planned = 1 }
	/^(not )?ok( |$)/ {
		ran++
		l = tolower($0)
		if (l ~ /#[ \t]*skip/) s++
		else if (l ~ /#[ \t]*todo/) d++
		if (/^not ok/ && l !~ /#[ \t]*(skip|todo)/) f++
		else p++
	}
	END {
		why = ""
		if (!planned) why = ", no plan"
		else if (ran < plan) { why = ", planned " plan; f += plan - ran }
		else if (ran > plan) why = ", planned " plan
		if (st != 0) why = why ", exit " st
		if (why != "" && f == 0) f = 1
		printf "%d %d %d %d ran %d%s\n", p, f, s, d, ran, why
	}' "$tmp/out" >"$tmp/count"
	read -r p f s d why <"$tmp/count"
	pass=$((pass + p)) fail=$((fail + f)) skipped=$((skipped + s))
	todo=$((todo + d)) units=$((units + 1))
	[ "$f" = 0 ] || echo "# $t: $f failed ($why)"
done
echo "# $units programs and scripts; of the tests passed, $skipped skipped, $todo todo"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
