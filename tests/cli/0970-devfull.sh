#!/bin/sh
# A full disk behind stdout (/dev/full): every tool that writes to stdout,
# in a run that would otherwise succeed, exits 1 with one line on stderr,
# "PROG: stdout: No space left on device", and leaves the records tree as
# a user expects it.  --help too (its synopsis is printed to stdout).
#
# A writer (hh-init, hh-intake, hh-route, hh-return) prints after its
# commit: when stdout fails the record is already made, and it stays.  It
# cannot be taken back safely (another desk may already have committed on
# top of it, or exported it), and the dossier really was received, handed
# over or returned.  Exit 1 says that what the tool had to say (for
# hh-intake the new code) was lost, not that nothing was recorded: the
# caller finds the code with hh-report --list or hh-log before trying
# again, as trying again would take the dossier a second time.  So for
# each writer: exit 1, the one line, the commit made, with its message,
# the file on disk as in HEAD (hh-check clean).  A -n run and every
# reader: exit 1, the one line, no commit.
. tests/cli/lib.sh
plan 51
export HH_NOW=2016-09-30T17:00:00+07:00
fixture_tree
P=000.00.21.H54
T03="T-HT03 Thay đổi, cải chính hộ tịch (thử)"
G() { git -C "$R" "$@"; }
commits() { git -C "$R" rev-list --count HEAD 2>/dev/null || echo 0; }
subject() { G log -1 --format=%s; }
state() { jqd "$1" '"\(.status) \(.holder)"'; }

# full DESC N CMD...: CMD, stdout on /dev/full, exits 1, its stderr is
# the one line "PROG: stdout: No space left on device" (PROG: the first
# word of CMD), and it adds N commits to $R.
full() {
	d=$1 n=$2; shift 2
	line="$1: stdout: No space left on device"
	before=$(commits)
	st=0; "$@" >/dev/full 2>"$T/err" || st=$?
	after=$(commits)
	if [ "$st" = 1 ] && [ "$(wc -l <"$T/err")" = 1 ] &&
	    [ "$(cat "$T/err")" = "$line" ] &&
	    [ $((after - before)) = "$n" ]; then ok "$d"; else
		notok "$d"
		printf '#   status %s (want 1), %s commits (want %s), stderr:\n' \
		    "$st" $((after - before)) "$n"
		sed 's/^/#   /' "$T/err" | head -3
	fi
}

# hh-init: a new tree, made and committed
R0=$R R=$T/new
full "hh-init DIR: a new records tree" 1 hh-init "$R"
check_eq "the tree is made: one commit, the template's" \
    "1 init $P: Bộ phận Một cửa huyện Thử" "$(commits) $(subject)"
check "and hh-check finds it clean" hh-check -C "$R"
R=$R0
# hh-init: a configuration change, committed
jq '.cutoff = "16:00"' "$R/center.json" >"$T/c" && cat "$T/c" >"$R/center.json"
full "hh-init --actor admin DIR: a configuration change" 1 \
    hh-init --actor admin "$R"
check_eq "it is committed" "configure $P: 1 file 16:00" \
    "$(subject) $(G show HEAD:center.json | jq -r .cutoff)"
full "hh-init -n: a valid configuration, nothing committed" 0 \
    hh-init -n --actor admin "$R"

# hh-intake: the dossier is taken (its code printed nowhere)
C=$P-160905-0001
full "hh-intake" 1 hh-intake -C "$R" --actor lan --procedure T-HT03 \
    --applicant "Nguyễn Văn An" --at 2016-09-05T08:00
check_eq "the dossier is taken: HEAD is its intake" "intake $C: $T03" \
    "$(subject)"
check "its file is on disk, as in HEAD" \
    'G show "HEAD:dossiers/2016/09/$C.json" | cmp -s - "$R/dossiers/2016/09/$C.json"'
check "the code is found again with hh-report --list" \
    'hh-report -C "$R" --list | grep -q "$C"'
printf '%s\n' '{"procedure":"T-HT03","applicant":"Hai","at":"2016-09-05T08:10"}' \
    '{"procedure":"T-HT03","applicant":"Ba","at":"2016-09-05T08:20"}' \
    >"$T/b.jsonl"
full "hh-intake --batch" 2 hh-intake -C "$R" --actor lan --batch "$T/b.jsonl"
check_eq "the whole batch is taken, one commit each" \
    "intake $P-160905-0003: $T03
intake $P-160905-0002: $T03" "$(G log -2 --format=%s)"
full "hh-intake -n: nothing committed" 0 \
    hh-intake -n -C "$R" --actor lan --procedure T-HT03 --applicant X
full "hh-intake --json" 1 hh-intake -C "$R" --actor lan --procedure T-HT03 \
    --applicant Bốn --at 2016-09-05T08:30 --json
check_eq "taken too" "intake $P-160905-0004: $T03" "$(subject)"

# hh-route: the step is made
full "hh-route --to" 1 hh-route -C "$R" --actor lan --at 2016-09-05T09:00 \
    "$C" --to tp
check_eq "the hand-over is committed" "route $C: $T03 processing tp" \
    "$(subject) $(state "$C")"
full "hh-route -n: nothing committed" 0 \
    hh-route -n -C "$R" --actor minh --at 2016-09-06T08:00 "$C" --done
check_eq "the dossier is where it was" "processing tp" "$(state "$C")"
full "hh-route --done" 1 hh-route -C "$R" --actor minh --at 2016-09-06T09:00 \
    "$C" --done
check_eq "the result is committed" "done $C: $T03 resolved motcua" \
    "$(subject) $(state "$C")"

# hh-return: the dossier is returned
full "hh-return" 1 hh-return -C "$R" --actor lan --at 2016-09-07T09:00 "$C"
check_eq "the return is committed" "return $C: $T03 returned motcua" \
    "$(subject) $(state "$C")"
check "the files on disk are HEAD's after it all (hh-check clean)" \
    hh-check -C "$R"

# the readers
full "hh-report --month" 0 hh-report -C "$R" --month 2016-09
full "hh-report --list" 0 hh-report -C "$R" --list
full "hh-report --book" 0 hh-report -C "$R" --book --month 2016-09
full "hh-report --format csv" 0 hh-report -C "$R" --month 2016-09 --format csv
full "hh-calendar MONTH" 0 hh-calendar -C "$R" 2016-09
full "hh-calendar --due" 0 hh-calendar -C "$R" --due \
    --from 2016-02-05T10:00 --working-days 3
full "hh-log" 0 hh-log -C "$R" "$C"
full "hh-log --json" 0 hh-log -C "$R" --json "$C"
full "hh-check" 0 hh-check -C "$R"
full "hh-check --json" 0 hh-check -C "$R" --json
check_eq "nothing changed: still the init, a configuration, 4 intakes, 3 steps" \
    9 "$(commits)"

# --help and --version: a failed write is a failure too.
for p in hh-init hh-intake hh-route hh-return hh-report hh-calendar hh-log \
    hh-check; do
	full "$p --help" 0 "$p" --help
	full "$p --version" 0 "$p" --version
done
done_testing
