# 6750-backdate.sh - how far back a step may be dated (issue 16 §4): at
# most center.json backdate_working_days (default 2) working days of the
# centre's calendar for anyone but an admin, today's working day counting
# as 0; before the tree's first commit for nobody.  Every command that
# takes --at, and the "at" of batch lines; hh-check reports a commit made
# with plain git that broke the rule when it was recorded.
. tests/cli/lib.sh
plan 39
# Tuesday 6/9/2016: 1 working day back is Monday 5, 2 back Thursday 1
# (the weekend, and Friday 2 is Quốc khánh), 3 back Wednesday 31/8
export HH_NOW=2016-09-06T10:00:00+07:00 HH_FSYNC=0
mkdir -p "$T/share/records" "$T/share/procedures"
jq --tab 'del(.backdate_working_days)' "$TOP/tests/fixtures/center.json" \
    >"$T/share/records/center.json"
cp "$TOP/records/calendar" "$T/share/records/"
cp "$TOP"/tests/fixtures/procedures/*.json "$T/share/procedures/"
export HH_SHARE="$T/share"
R=$T/records
HH_NOW=2016-08-01T07:00:00+07:00 hh-init "$R" >/dev/null
G() { git --git-dir="$R/.git" "$@"; }
files() { find "$R/dossiers" -name '*.json' 2>/dev/null | wc -l; }
intake() {	# intake ACTOR AT [OPTION...]
	who=$1 at=$2; shift 2
	hh-intake -C "$R" --actor "$who" --at "$at" --procedure T-HT03 \
	    --applicant "Người Thử" "$@"
}
# refused DESC STATUS TEXT CMD...: check_fail, and no dossier file added
refused() {
	n0=$(files)
	check_fail "$@"
	check_eq "  and no file added" "$n0" "$(files)"
}
MSG="more than 2 working days back (center.json backdate_working_days): an admin's step"

c1=$(intake lan 2016-09-05T08:00)
check_eq "a desk clerk: 1 working day back" "received" "$(jqd "$c1" .status)"
c2=$(intake lan 2016-09-01T09:00)
check_eq "2 working days back, across a weekend and a holiday (5 calendar days)" \
    "000.00.21.H54-160901-0001" "$c2"
refused "3 working days back: refused" 1 \
    "hh-intake: --at 2016-08-31T10:00:00+07:00: $MSG" \
    'intake lan 2016-08-31T10:00'
check_eq "  with that one line" \
    "hh-intake: --at 2016-08-31T10:00:00+07:00: $MSG" "$(cat "$T/err")"
refused "-n refuses it as well" 1 "$MSG" 'intake lan 2016-08-31T10:00 -n'
old=$(intake admin 2016-08-31T10:00)
check_eq "an admin may" "000.00.21.H54-160831-0001" "$old"

# every command, every action
refused "hh-route --to, 3 back" 1 \
    "hh-route: $old: --at 2016-08-31T11:00:00+07:00: $MSG" \
    'hh-route -C "$R" --actor lan --at 2016-08-31T11:00 "$old" --to tp'
check_eq "hh-route --to, 2 back" "$old processing" \
    "$(hh-route -C "$R" --actor lan --at 2016-09-01T08:00 "$old" --to tp --officer minh)"
check_fail "hh-route --done by an officer, 3 back" 1 \
    "hh-route: $old: --at 2016-08-31T15:00:00+07:00: $MSG" \
    'hh-route -C "$R" --actor minh --at 2016-08-31T15:00 "$old" --done'
check_fail "hh-return --withdraw, 3 back" 1 \
    "hh-return: $c2: --at 2016-08-31T16:00:00+07:00: $MSG" \
    'hh-return -C "$R" --actor lan --at 2016-08-31T16:00 "$c2" --withdraw'

# batches: the "at" of a line; nothing of the batch is written
printf '{"procedure":"T-HT03","applicant":"A","at":"2016-09-05T09:00"}\n{"procedure":"T-HT03","applicant":"B","at":"2016-08-30T09:00"}\n' \
    >"$T/in.jsonl"
refused "hh-intake --batch: a line 3 back refuses the batch" 1 \
    "hh-intake: $T/in.jsonl:2: --at 2016-08-30T09:00:00+07:00: $MSG" \
    'hh-intake -C "$R" --actor lan --batch "$T/in.jsonl"'
printf '{"code":"%s","to":"tp","at":"2016-09-05T09:30"}\n{"code":"%s","to":"tp","at":"2016-08-31T12:00"}\n' \
    "$c1" "$c2" >"$T/route.jsonl"
check_fail "hh-route --batch: likewise" 1 \
    "hh-route: $T/route.jsonl:2: $c2: --at 2016-08-31T12:00:00+07:00: $MSG" \
    'hh-route -C "$R" --actor lan --batch "$T/route.jsonl"'
check_eq "  the first line not taken either" received "$(jqd "$c1" .status)"
printf '{"code":"%s","to":"tp","at":"2016-09-05T09:30"}\n{"code":"%s","to":"tp","at":"2016-09-02T12:00"}\n' \
    "$c1" "$c2" >"$T/route.jsonl"
check_eq "lines within 2 working days (one on the holiday) are taken" \
    "$c1 processing $c2 processing" \
    "$(hh-route -C "$R" --actor lan --batch "$T/route.jsonl" | tr '\n' ' ' | sed 's/ $//')"

# before the tree was created: nobody
refused "before the first commit: refused, even for an admin" 1 \
    "hh-intake: --at 2016-07-29T10:00:00+07:00: before the records tree was created (its first commit, 2016-08-01T07:00:00+07:00)" \
    'intake admin 2016-07-29T10:00'

hh-check -C "$R" >"$T/check" 2>&1 || true
check_eq "what hh recorded, an admin's back-dated steps among them: 0 findings" \
    "$R: HEAD $(G rev-parse --short=10 HEAD): $(G rev-list --count HEAD) commits checked, 0 findings" \
    "$(cat "$T/check")"

# the setting, changed by the admin
configure() {
	jq --tab "$1" "$R/center.json" >"$T/c.json" && cp "$T/c.json" "$R/center.json"
	hh-init --actor admin "$R" >/dev/null
}
configure '.backdate_working_days = 0'
c3=$(intake lan 2016-09-06T07:30)
check_eq "backdate_working_days 0: today's working day" \
    "000.00.21.H54-160906-0001" "$c3"
refused "  not yesterday's" 1 \
    "hh-intake: --at 2016-09-05T16:00:00+07:00: more than 0 working days back (center.json backdate_working_days): an admin's step" \
    'intake lan 2016-09-05T16:00'
check_eq "  on a Sunday, Friday's is today's working day" \
    "000.00.21.H54-160909-0001" \
    "$(export HH_NOW=2016-09-11T12:00:00+07:00; intake lan 2016-09-09T16:00 -n)"
configure '.backdate_working_days = 10'
check_eq "backdate_working_days 10: 3 back is taken" \
    "000.00.21.H54-160831-0002" "$(intake lan 2016-08-31T10:00)"
refused "  11 back is not" 1 \
    "hh-intake: --at 2016-08-19T10:00:00+07:00: more than 10 working days back (center.json backdate_working_days): an admin's step" \
    'intake lan 2016-08-19T10:00'
refused "  nor, for anyone, before the first commit" 1 \
    "before the records tree was created (its first commit, 2016-08-01T07:00:00+07:00)" \
    'intake lan 2016-07-29T16:00'
st=0; configure '.backdate_working_days = -1' 2>"$T/err" || st=$?
check_eq "a negative value is refused with one line naming the key" \
    "1 hh-init: center.json: backdate_working_days: expected a whole number from 0 to 100000" \
    "$st $(cat "$T/err")"
G show HEAD:center.json >"$R/center.json"
configure 'del(.backdate_working_days)'
check_eq "hh-check: still 0 findings" "0 findings" \
    "$(hh-check -C "$R" 2>&1 | sed 's/.*, //')"

# plain git, as a staff login that may write the repository would: an
# intake by lan dated 31/8 (3 working days back, the default again),
# recorded now; what hh-intake makes of it at that time, committed with
# lan's name, the event's time and hh's trailers
BASE=$(G rev-parse HEAD)
# forge ACTOR NAME EMAIL AT [SED]: the file made at AT, edited by SED,
# signed with the tree's own key (a forger who stole it: the rule still
# finds the step; 6800-sign.sh tests forgers who did not)
install -m 600 "$R/.git/hh/key" "$T/key"
forge() {
	HH_NOW=$4 hh-intake -C "$R" -n --json --actor "$1" --at "$4" \
	    --procedure T-HT03 --applicant "Người Giả" | sed "${5:-}" >"$T/f.json"
	code=$(jq -r .code "$T/f.json")
	at=$(jq -r '.events[0].at' "$T/f.json")
	path=dossiers/$(echo "$at" | cut -c1-4)/$(echo "$at" | cut -c6-7)/$code.json
	GIT_INDEX_FILE=$T/index G read-tree HEAD
	GIT_INDEX_FILE=$T/index G update-index --add --cacheinfo \
	    "100644,$(G hash-object -w "$T/f.json"),$path"
	tree=$(GIT_INDEX_FILE=$T/index G write-tree)
	rm -f "$T/index"
	c=$(printf 'intake %s: T-HT03 Thay đổi, cải chính hộ tịch (thử)\n\nDossier: %s\nAction: intake\nActor: %s\n' \
	    "$code" "$code" "$1" |
	    GIT_AUTHOR_NAME=$2 GIT_AUTHOR_EMAIL=$3 GIT_AUTHOR_DATE=$at \
	    GIT_COMMITTER_NAME=$2 GIT_COMMITTER_EMAIL=$3 \
	    GIT_COMMITTER_DATE=$HH_NOW G -c gpg.format=ssh \
	    -c user.signingKey="$T/key" commit-tree -S "$tree" -p HEAD)
	G update-ref refs/heads/main "$c"
	mkdir -p "$(dirname "$R/$path")"
	cp "$T/f.json" "$R/$path"
	echo "$c" >"$R/.git/hh/worktree"
}
fresh() {
	G update-ref refs/heads/main "$BASE"
	echo "$BASE" >"$R/.git/hh/worktree"
	rm -f "$R/.git/hh/verified" "$R/$path"
}
forge lan "Trần Thị Lan" lan@example.vn 2016-08-31T10:00:00+07:00
hh-check -C "$R" >"$T/found" 2>&1 || true
check "a back-dated intake committed with plain git: the finding" \
    'grep -qxF "$(G rev-parse --short=10 HEAD): $path: event time 2016-08-31T10:00:00+07:00, recorded 2016-09-06T10:00:00+07:00: $MSG" "$T/found"'
check_eq "  the only finding" "1 finding" "$(tail -n 1 "$T/found" | sed 's/.*, //')"
check "  hh-check --since finds it too" \
    'hh-check -C "$R" --since "$BASE" | grep -qF "$MSG"'
fresh
forge admin "Quản trị Hệ thống" admin@example.vn 2016-08-31T10:00:00+07:00
check_eq "the same as the admin: 0 findings" "0 findings" \
    "$(hh-check -C "$R" 2>&1 | sed 's/.*, //')"
fresh
# made on 1/8 and moved to 29/7 (hh makes no such file: it refuses)
forge admin "Quản trị Hệ thống" admin@example.vn 2016-08-01T08:00:00+07:00 \
    's/2016-08-01T08:00:00/2016-07-29T10:00:00/g; s/-160801-/-160729-/g'
hh-check -C "$R" >"$T/found" 2>&1 || true
check "an event before the first commit, even an admin's: the finding" \
    'grep -qF "$path: event time 2016-07-29T10:00:00+07:00, recorded 2016-09-06T10:00:00+07:00: before the records tree was created (its first commit, 2016-08-01T07:00:00+07:00)" "$T/found"'
check "  hh-check --since finds it too" \
    'hh-check -C "$R" --since "$BASE" | grep -qF "before the records tree was created"'
fresh
check_eq "back to the tree hh made: 0 findings" "0 findings" \
    "$(hh-check -C "$R" 2>&1 | sed 's/.*, //')"
done_testing
