#!/bin/sh
# hh-report: the summary cache (.git/hh/cache/report) gives the same
# report as reading every file (--no-cache): made, reused, brought up to
# date after new commits, made again when damaged, foreign or missing.
. tests/cli/lib.sh
plan 14
export HH_NOW=2024-06-28T16:00:00+07:00
R=$T/r
gen_tree "$R" 1500
C=$R/.git/hh/cache/report
P=000.00.21.H54

# every period kind and grouping, cached and not
same_all() {
	for by in field department procedure officer channel; do
		for per in "--month 2024-02" "--year 2023" "--quarter 2024-Q2" \
		    "--from 2023-06-01 --to 2024-06-28"; do
			a=$(hh-report -C "$R" $per --by "$by" --format csv)
			b=$(hh-report -C "$R" $per --by "$by" --format csv \
			    --no-cache)
			[ "$a" = "$b" ] || { echo "$by $per differ" >&2; return 1; }
		done
	done
}
rep() { hh-report -C "$R" --from 2023-06-01 --to 2024-06-28 --format json "$@"; }

u=$(rep --no-cache)
check_eq "--no-cache makes no cache" no "$([ -e "$C" ] && echo yes || echo no)"
check_eq "the first report makes the cache and agrees" "$u" "$(rep)"
check "the cache is there" test -s "$C"
check_eq "the second report, from the cache, agrees" "$u" "$(rep)"
check "every grouping and period agrees" same_all

# new commits: intakes, a route, a return at the counter
a=$(hh-intake -C "$R" --actor lan --procedure 2.000815 --applicant "Mới Một" \
    --at 2024-06-28T09:00)
b=$(hh-intake -C "$R" --actor lan --procedure 1.000655 --applicant "Mới Hai" \
    --at 2024-06-28T09:10 --channel online)
hh-route -C "$R" --actor lan --at 2024-06-28T09:20 "$b" --to tp >/dev/null
hh-return -C "$R" --actor lan --at 2024-06-28T09:30 "$a" >/dev/null
u=$(rep --no-cache)
check_eq "after 4 commits the updated cache agrees" "$u" "$(rep)"
check_eq "its delta names the new HEAD" "$(git -C "$R" rev-parse HEAD)" \
    "$(dd if="$C-delta" bs=1 skip=8 count=40 2>/dev/null)"
check "every grouping and period still agrees" same_all

# damaged: a flipped byte, a truncated file, garbage
printf 'X' | dd of="$C" bs=1 seek=5000 conv=notrunc 2>/dev/null
check_eq "a damaged cache is made again" "$u" "$(rep)"
head -c 1000 "$C" >"$T/short" && cp "$T/short" "$C"
check_eq "a truncated cache is made again" "$u" "$(rep)"
echo garbage >"$C"
check_eq "garbage is made again" "$u" "$(rep)"
# foreign: a valid cache of another tree (its commit is not on this
# history)
R2=$T/r2
gen_tree "$R2" 300
hh-report -C "$R2" --year 2024 >/dev/null
cp "$R2/.git/hh/cache/report" "$C"
check_eq "another tree's cache is made again" "$u" "$(rep)"
rm -f "$C"
check_eq "a missing cache is made again" "$u" "$(rep)"
check_eq "--no-cache is for the on-time report only" 2 \
    "$(if hh-report -C "$R" --list --no-cache >/dev/null 2>&1; then echo 0
    else echo $?; fi)"
done_testing
