# 6700-replay.sh - hh-check replays every intake (issue "Every figure
# provable" §1): a dossier committed with plain git, with the right author,
# e-mail, dates and trailers, must be byte for byte what hh-intake makes of
# its applicant at its event's time with the catalogue and configuration
# before it, and coded one past its day's highest code; else the finding
# names what differs.
. tests/cli/lib.sh
plan 17
export HH_NOW=2016-09-30T18:00:00+07:00 HH_FSYNC=0
fixture_tree
G() { git --git-dir="$R/.git" "$@"; }
hh-intake -C "$R" --actor lan --at 2016-09-30T08:00 --procedure T-HT03 \
    --applicant "Người Thật" >/dev/null
BASE=$(G rev-parse HEAD)
# back to the untampered tree: the branch, the marker, the files on disk
fresh() {
	G update-ref refs/heads/main "$BASE"
	echo "$BASE" >"$R/.git/hh/worktree"
	rm -f "$R/.git/hh/verified" "$R"/dossiers/2016/09/*.json
	GIT_INDEX_FILE=$T/index G --work-tree="$R" read-tree "$BASE"
	GIT_INDEX_FILE=$T/index G --work-tree="$R" checkout-index -a -f
	rm -f "$T/index"
}

# forge SED: what hh-intake would write for an intake by lan at 09:00,
# edited by the sed script SED (in hh's own layout, as a forger would), and
# committed by plain git exactly as hh commits (author lan, the event's
# time, trailers), signed with the tree's own key: a forger who stole it
# (6800-sign.sh tests forgers who did not) is still caught by the replay.
install -m 600 "$R/.git/hh/key" "$T/key"
TAB=$(printf '\t')
forge() {
	hh-intake -C "$R" -n --json --actor lan --at 2016-09-30T09:00 \
	    --procedure T-HT03 --applicant "Người Thử" --document 'Tờ khai' |
	    sed "$1" >"$T/f.json"
	code=$(jq -r .code "$T/f.json")
	path=dossiers/2016/09/$code.json
	GIT_INDEX_FILE=$T/index G read-tree HEAD
	GIT_INDEX_FILE=$T/index G update-index --add --cacheinfo \
	    "100644,$(G hash-object -w "$T/f.json"),$path"
	tree=$(GIT_INDEX_FILE=$T/index G write-tree)
	rm -f "$T/index"
	c=$(printf 'intake %s: T-HT03 Thay đổi, cải chính hộ tịch (thử)\n\nDossier: %s\nAction: intake\nActor: lan\n' \
	    "$code" "$code" |
	    GIT_AUTHOR_NAME="Trần Thị Lan" GIT_AUTHOR_EMAIL=lan@example.vn \
	    GIT_AUTHOR_DATE=2016-09-30T09:00:00+07:00 \
	    GIT_COMMITTER_NAME="Trần Thị Lan" \
	    GIT_COMMITTER_EMAIL=lan@example.vn \
	    GIT_COMMITTER_DATE=2016-09-30T18:00:00+07:00 \
	    G -c gpg.format=ssh -c user.signingKey="$T/key" commit-tree -S \
	    "$tree" -p HEAD)
	G update-ref refs/heads/main "$c"
	mkdir -p "$R/dossiers/2016/09"
	cp "$T/f.json" "$R/$path"
	echo "$c" >"$R/.git/hh/worktree"
}
# expect DESC TEXT [OPTION...]: hh-check finds TEXT
expect() {
	d=$1 want=$2; shift 2
	st=0; hh-check -C "$R" "$@" >"$T/out" 2>&1 || st=$?
	if [ "$st" = 1 ] && grep -qF -- "$want" "$T/out"; then ok "$d"; else
		notok "$d"; echo "#   status $st"; sed 's/^/#   /' "$T/out" | head -6
	fi
}

forge ''
check_eq "an intake forged as hh would make it: 0 findings" \
    "$R: HEAD $(G rev-parse --short=10 HEAD): 3 commits checked, 0 findings" \
    "$(hh-check -C "$R" 2>&1)"

fresh
forge "s/\"working_days\":${TAB}3\$/\"working_days\":${TAB}300/; s/2016-10-05T17/2017-12-08T17/"
expect "a limit of 300 days and its due instant" \
    "is not what an intake of its applicant at 2016-09-30T09:00:00+07:00 makes (procedure, due_at, events)"
fresh
forge 's/"T-HT03"/"T-XX99"/'
expect "a procedure not in the catalogue" \
    'procedure T-XX99 is not in the catalogue before this commit'
fresh
forge "s/received_at\":${TAB}\"2016-09/received_at\":${TAB}\"2016-08/"
expect "received a month before its event" "makes (received_at)"
fresh
forge "s/effective_from\":${TAB}\"2016-09-30T09:00/effective_from\":${TAB}\"2016-10-10T07:30/"
expect "a clock started after the due instant" "makes (effective_from)"
fresh
forge 's/"direct"/"online"/'
check "an online channel at intake is a fact of the intake: no finding" \
    "hh-check -C '$R' >/dev/null"
fresh
forge 's/160930-0002/160930-0005/'
expect "a code that skips the day's next" \
    "code 000.00.21.H54-160930-0005, but the next code of its day was 000.00.21.H54-160930-0002"

# a later step that also changes the channel
fresh
a=000.00.21.H54-160930-0001
hh-route -C "$R" --actor lan --at 2016-09-30T10:00 "$a" --to tp >/dev/null
f=$R/dossiers/2016/09/$a.json
jq --tab '.channel = "online"' "$f" >"$T/g.json"
GIT_INDEX_FILE=$T/index G read-tree HEAD~1
GIT_INDEX_FILE=$T/index G update-index --add --cacheinfo \
    "100644,$(G hash-object -w "$T/g.json"),dossiers/2016/09/$a.json"
tree=$(GIT_INDEX_FILE=$T/index G write-tree)
rm -f "$T/index"
G log -1 --format=%B HEAD >"$T/msg"
c=$(GIT_AUTHOR_NAME="Trần Thị Lan" GIT_AUTHOR_EMAIL=lan@example.vn \
    GIT_AUTHOR_DATE=2016-09-30T10:00:00+07:00 \
    GIT_COMMITTER_NAME="Trần Thị Lan" GIT_COMMITTER_EMAIL=lan@example.vn \
    GIT_COMMITTER_DATE=2016-09-30T18:00:00+07:00 \
    G commit-tree "$tree" -p HEAD~1 <"$T/msg")
G update-ref refs/heads/main "$c"
cp "$T/g.json" "$f"
echo "$c" >"$R/.git/hh/worktree"
expect "a route that also makes the dossier online" \
    "the file is not what the route step makes of the previous version (channel)"

# a check that starts later knows the catalogue and the day's codes then
fresh
forge "s/\"working_days\":${TAB}3\$/\"working_days\":${TAB}300/"
expect "--since: the catalogue as of the start" "(procedure" --since "$BASE"
fresh
forge 's/160930-0002/160930-0007/'
expect "--since: the day's codes as of the start" \
    "but the next code of its day was 000.00.21.H54-160930-0002" --since "$BASE"
fresh
forge ''
check "--since: an intake as hh makes it: 0 findings" \
    "hh-check -C '$R' --since '$BASE' >/dev/null"
# the branch moved back behind what hh wrote, then steps replayed: the
# next intake would print a code already on a citizen's receipt
fresh
hh-intake -C "$R" --actor lan --at 2016-09-30T09:00 --procedure T-HT03 \
    --applicant "Người Thứ Hai" >/dev/null
G update-ref refs/heads/main "$BASE"
check_fail "the desk refuses a branch moved back, saying how to recover" 1 \
    "HEAD $(G rev-parse --short=10 HEAD) does not contain $(cat "$R/.git/hh/worktree" | cut -c1-10), the last commit hh wrote (the branch was moved back: codes could be given twice); restore it with git update-ref refs/heads/main" \
    hh-intake -C "$R" --actor lan --at 2016-09-30T09:30 --procedure T-HT03 \
    --applicant "'Người Thứ Ba'"
expect "the nightly hh-check --quiet finds it without --anchor" \
    "HEAD does not contain $(cut -c1-10 "$R/.git/hh/worktree"), the last commit hh wrote: the branch was moved back" \
    --quiet
G update-ref refs/heads/main "$(cat "$R/.git/hh/worktree")"
check "restored as the message says, the desk works again" \
    hh-intake -C "$R" --actor lan --at 2016-09-30T09:30 --procedure T-HT03 \
    --applicant "'Người Thứ Ba'"
# even with the files rewritten to the older head, the head a clean
# check last saw is remembered where staff cannot write
check "a clean check" "hh-check -C '$R' >/dev/null"
X=$(G rev-parse HEAD)
G update-ref refs/heads/main "$BASE"
echo "$BASE" >"$R/.git/hh/worktree"
expect "the next check finds the branch moved back behind it" \
    "HEAD does not contain $(echo "$X" | cut -c1-10), the head hh-check last found clean: the branch was moved back" \
    --quiet
check "the bare tree's reflog keeps the head hh made, and the move back" \
    "G reflog show --format=%H main | sed -n '1p;2p' | tr '\n' ' ' |
    grep -qx '$BASE $X '"
done_testing
