#!/bin/sh
# hh-report: the summary store (.git/hh/cache/report, HHRSUM03) gives the
# report reading every file gives (--no-cache), byte for byte, in every
# format and period: for dossiers closed before a period's end (counted
# from the record), open at it (from the events kept), irregular ones
# (every event kept: out of order, an error after the end); across a
# kill -9 while it is made, a history rewritten, writers at work, and a
# store edited by hand (a flipped byte in every part, truncated, records
# swapped: one line of warning, the store made again).  A report after
# new commits writes the dossiers they changed to a delta
# (cache/report-delta, naming the store's hash), merged into the store
# once it holds more than a 64th of it.
. tests/cli/lib.sh
plan 28
export HH_NOW=2024-06-28T16:00:00+07:00
R=$T/r
gen_tree "$R" 1500
C=$R/.git/hh/cache/report
G() { git --git-dir="$R/.git" "$@"; }

# every report, from the store and from the files: the first that differs
same() {
	for per in "$@"; do
		for by in field department procedure officer channel; do
			a=$(hh-report -C "$R" $per --by $by --format csv 2>&1) || :
			b=$(hh-report -C "$R" $per --by $by --format csv --no-cache 2>&1) || :
			[ "$a" = "$b" ] || { echo "$per --by $by"; return 1; }
		done
	done
	echo same
}
# periods ending every fortnight of the tree's life, and long ones
pers() {
	d=2023-06-10
	while [ "$d" \< 2024-07-01 ]; do
		echo "--from 2023-05-01 --to $d"
		echo "--from $(date -d "$d - 20 days" +%F) --to $d"
		d=$(date -d "$d + 15 days" +%F)
	done
	echo "--year 2023"; echo "--year 2024"; echo "--quarter 2024-Q2"
}
PERS=$(pers)
IFS='
'
rep() { hh-report -C "$R" --from 2023-06-01 --to 2024-06-28 --format json "$@"; }
formats() {
	for f in text csv json html; do
		hh-report -C "$R" --year 2024 --by officer --format $f "$@"
	done
}

hh-report -C "$R" --year 2023 >/dev/null
check_eq "the store is HHRSUM03" HHRSUM03 "$(head -c 8 "$C")"
check_eq "every fortnight's report, by every grouping, agrees" same "$(same $PERS)"
check_eq "every format, byte for byte" "$(formats --no-cache | md5sum)" \
    "$(formats | md5sum)"

# irregular dossiers, committed with plain git: events out of order, an
# intake dated 1970, a stop, a late due_at that is not a time
F=$(grep -l '"returned"' "$R"/dossiers/2024/03/*.json | head -n 1)
Fo=$(grep -l '"processing"' "$R"/dossiers/2024/06/*.json | head -n 1)
M=dossiers/2024/03
jq ".events |= ([.[0], .[2], .[1]] + .[3:])" "$F" >"$T/a"
plain_commit "$M/000.00.21.H54-240301-9001.json" "$T/a" "out of order"
jq '.events[0].at = "1970-01-01T07:00:00+07:00"' "$F" >"$T/b"
plain_commit "$M/000.00.21.H54-240301-9002.json" "$T/b" "1970"
jq '.events += [{"at": "2024-06-20T10:00:00+07:00", "action": "stop", "actor": "lan"}]' "$Fo" >"$T/c"
plain_commit "dossiers/2024/06/000.00.21.H54-240601-9003.json" "$T/c" "stop"
H1=$(G rev-parse HEAD)
check_eq "irregular dossiers: every period agrees" same "$(same $PERS)"
jq '.events[-1].details.due_at = "soon"' "$F" >"$T/d"
plain_commit "$M/000.00.21.H54-240301-9004.json" "$T/d" "bad due"
check_eq "a due_at that is not a time: the same error, or none, for every period" \
    same "$(same $PERS)"
check_fail "the error names the dossier" 1 \
    "$M/000.00.21.H54-240301-9004.json: events[" hh-report -C '"$R"' --year 2024

# a history rewritten: back before the bad dossier, then new commits
G update-ref refs/heads/main "$H1"
echo "$H1" >"$R/.git/hh/worktree"
a=$(hh-intake -C "$R" --actor lan --procedure 2.000815 --applicant "Mới Một" \
    --at 2024-06-28T09:00)
hh-return -C "$R" --actor lan --at 2024-06-28T09:30 "$a" >/dev/null
check_eq "a history rewritten: the store agrees" "$(rep --no-cache)" "$(rep 2>"$T/e")"
check_eq "quietly (made again, not damaged)" "" "$(cat "$T/e")"
check_eq "it, or its delta, names the new HEAD" "$(G rev-parse HEAD)" \
    "$(cat "$C-delta" 2>/dev/null | dd bs=1 skip=8 count=40 2>/dev/null | grep . ||
    dd if="$C" bs=1 skip=8 count=40 2>/dev/null)"

# a store edited by hand: a byte flipped in each part, truncated, two
# records swapped, an older version
u=$(rep --no-cache)
u8() { od -An -tu8 -j "$1" -N 8 "$C" | tr -d ' '; }
flip() { printf '\377' | dd of="$C" bs=1 seek="$1" conv=notrunc 2>/dev/null; }
warned() { grep -c "^hh-report: $R/.git/hh/cache/report: warning: damaged: ignored, made again\$" "$T/e" || :; }
# the store's parts where they are now (the records of the base)
layout() {
	nrec=$(u8 56) nev=$(u8 64) nstr=$(u8 72)
	recs=128 strs=$((128 + 64 * nrec)); evs=$((strs + nstr + 8))
	paths=$((evs + 24 * nev))
}
hand() {	# WHAT OFFSET: flip the byte at OFFSET (evaluated), then the report
	rep >/dev/null
	layout
	eval "off=\$(($2))"
	flip "$off"
	check_eq "$1: warned once, the report agrees" "1 $u" "$(rep 2>"$T/e" | { cat >"$T/o"; warned; }) $(cat "$T/o")"
}
hand "a byte of the header" 60
hand "a byte of a record" 'recs + 64 * 700 + 20'
hand "a byte of the strings" 'strs + 3'
hand "the hash" 'strs + nstr + 2'
# the events are checked when read (an open dossier's, the last), the
# paths on an update
hand "a byte of the events read" "evs + 24 * \$(dd if=\"\$C\" bs=64 skip=2 count=\$nrec 2>/dev/null |
    od -An -v -tu4 -w64 | awk '\$16 % 256 == 0 { f = \$13 } END { print f }') + 3"
rep >/dev/null; layout
flip $((paths + 500))
hh-intake -C "$R" --actor lan --procedure 2.000815 --applicant "Bốn" \
    --at 2024-06-28T10:10 >/dev/null
u=$(rep --no-cache)
check_eq "a byte of the paths, then a commit: warned, agrees" "1 $u" \
    "$(rep 2>"$T/e" | { cat >"$T/o"; warned; }) $(cat "$T/o")"
check_eq "and the store made again is believed quietly" "$u" "$(rep 2>"$T/e")$(cat "$T/e")"
# records 10 and 11 swapped
dd if="$C" of="$T/r10" bs=64 skip=$((2 + 10)) count=1 2>/dev/null
dd if="$C" of="$T/r11" bs=64 skip=$((2 + 11)) count=1 2>/dev/null
dd if="$T/r11" of="$C" bs=64 seek=$((2 + 10)) conv=notrunc 2>/dev/null
dd if="$T/r10" of="$C" bs=64 seek=$((2 + 11)) conv=notrunc 2>/dev/null
check_eq "two records swapped: warned, agrees" "1 $u" \
    "$(rep 2>"$T/e" | { cat >"$T/o"; warned; }) $(cat "$T/o")"
head -c 100000 "$C" >"$T/short"; cat "$T/short" >"$C"
check_eq "truncated: warned, agrees" "1 $u" \
    "$(rep 2>"$T/e" | { cat >"$T/o"; warned; }) $(cat "$T/o")"
printf HHRSUM02 | dd of="$C" conv=notrunc 2>/dev/null
check_eq "an older version: made again quietly" "$u" "$(rep 2>"$T/e")$(cat "$T/e")"

# a delta of more than a 64th of the base: one store again
i=0
while [ $i -lt 100 ]; do
	printf '{"procedure": "2.000815", "applicant": "Lô %d", "at": "2024-06-28T13:%02d:00+07:00"}\n' $i $((i % 60))
	i=$((i + 1))
done >"$T/batch"
rep >/dev/null
hh-intake -C "$R" --actor lan --batch "$T/batch" >/dev/null
u=$(rep --no-cache)
check_eq "100 dossiers more: the delta merged into the store, which agrees" \
    "$u $(G rev-parse HEAD)" "$(rep) $(dd if="$C" bs=1 skip=8 count=40 2>/dev/null)"

# kill -9 while it is made: the store is the old one or a whole new one
# (the next report believes it without a word, and agrees)
rep >/dev/null
old=$(md5sum <"$C")
hh-intake -C "$R" --actor lan --procedure 2.000815 --applicant "Năm" \
    --at 2024-06-28T11:00 >/dev/null
u=$(rep --no-cache)
bad=0 i=0
while [ $i -lt 12 ]; do
	rm -f "$C"
	hh-report -C "$R" --year 2024 >/dev/null 2>&1 &
	sleep "0.0$((i * 7 % 10))"
	kill -9 $! 2>/dev/null || :
	wait $! 2>/dev/null || :
	if [ -e "$C" ]; then
		[ "$(rep 2>"$T/e")$(cat "$T/e")" = "$u" ] || bad=$((bad + 1))
	fi
	i=$((i + 1))
done
check_eq "killed while made, 12 times: never half a store" 0 "$bad"
check_eq "and the reports after agree" ok \
    "$(rep >/dev/null; [ "$(rep)" = "$u" ] && echo ok)"

# writers at work: reports run while 3 intakes a second are committed;
# each report is whole (no warning, no error), and the last agrees
(
	i=0
	while [ $i -lt 15 ]; do
		hh-intake -C "$R" --actor lan --procedure 1.000655 \
		    --applicant "Song song $i" --at 2024-06-28T12:0$((i % 10)) \
		    >/dev/null
		i=$((i + 1))
	done
) &
w=$!
at_exit "kill $w 2>/dev/null || :"
errs=0 n=0
while kill -0 $w 2>/dev/null; do
	rep >/dev/null 2>"$T/e" || errs=$((errs + 1))
	[ -s "$T/e" ] && errs=$((errs + 1))
	n=$((n + 1))
done
wait $w
check_eq "reports while writers commit: none failed or warned" 0 "$errs"
check "and there were some" test "$n" -gt 0
check_eq "after them, the store agrees" "$(rep --no-cache)" "$(rep)"
check_eq "every format still byte for byte" "$(formats --no-cache | md5sum)" \
    "$(formats | md5sum)"

# a login that may not write the store reads it (the owner's, 0640)
check_eq "the store is 0640" 640 "$(stat -c %a "$C")"
check_eq "--help still prints the synopsis" "usage: hh-report [-C dir] [--month YYYY-MM | --quarter YYYY-Qn | --year YYYY |" \
    "$(hh-report --help 2>&1 | head -n 1)"
done_testing
