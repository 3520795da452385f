#!/bin/sh
# hh-check: an untampered tree is clean; every kind of tampering done with
# plain git is found, and what git would run in the repository is named;
# no false finding while a desk commits.
. tests/cli/lib.sh
plan 66
fixture_tree
export HH_NOW=2016-09-30T17:00:00+07:00 HH_FSYNC=0
P=000.00.21.H54
N=${CHECK_N:-1000}

# A tree with N dossiers: all received, a third routed, a fifth resolved,
# a tenth returned (batches: one commit per step).
i=0
while [ $i -lt "$N" ]; do
	printf '{"procedure":"T-HT03","applicant":"Người %d","id_number":"0010850%05d","at":"2016-09-0%dT08:%02d"}\n' \
	    $i $i $((i % 3 + 5)) $((i % 60))
	i=$((i + 1))
done >"$T/intake.jsonl"
check "intake of $N dossiers" hh-intake -C "$R" --actor lan --batch "$T/intake.jsonl"
sed -n 's/$//p' "$T/out" >"$T/codes"
awk 'NR % 3 == 1 { printf "{\"code\":\"%s\",\"to\":\"tp\",\"officer\":\"minh\",\"at\":\"2016-09-09T09:00\"}\n", $1 }' \
    "$T/codes" >"$T/route.jsonl"
awk 'NR % 15 == 1 { printf "{\"code\":\"%s\",\"done\":true,\"at\":\"2016-09-12T10:00\"}\n", $1 }' \
    "$T/codes" >"$T/done.jsonl"
awk 'NR % 30 == 1 { printf "{\"code\":\"%s\",\"at\":\"2016-09-13T08:00\"}\n", $1 }' \
    "$T/codes" >"$T/return.jsonl"
check "routes" hh-route -C "$R" --actor lan --batch "$T/route.jsonl"
check "results" hh-route -C "$R" --actor minh --batch "$T/done.jsonl"
check "returns" hh-return -C "$R" --actor hoa --batch "$T/return.jsonl"
ncommits=$(git -C "$R" rev-list --count HEAD)
st=0; hh-check -C "$R" >"$T/out" 2>"$T/err" || st=$?
check_eq "untampered: exit 0" 0 "$st"
check_eq "untampered: only the summary line" \
    "$R: HEAD $(git -C "$R" rev-parse --short=10 HEAD): $ncommits commits checked, 0 findings" \
    "$(cat "$T/out" "$T/err")"
check_eq "--quiet on a clean tree prints nothing" "" "$(hh-check -C "$R" --quiet)"
check_eq "--json --full" "$ncommits 0 $(git -C "$R" rev-parse HEAD)" \
    "$(hh-check -C "$R" --json --full | jq -r '"\(.commits_checked) \(.findings | length) \(.head)"')"
check_eq "--since checks the commits after it" "3 commits checked, 0 findings" \
    "$(hh-check -C "$R" --since HEAD~3 | sed 's/.*: //')"
check_eq "--anchor of an ancestor: clean" 0 \
    "$(hh-check -C "$R" --quiet --anchor HEAD~5 --anchor HEAD >/dev/null; echo $?)"
# the nightly check: only the commits since the head last found clean
# (.git/hh/verified, written by a run with no finding)
summary() { sed 's/^[^:]*: HEAD [0-9a-f]*: //'; }
v=$(git -C "$R" rev-parse HEAD)
check_eq "the next run checks the commits since the head found clean" \
    "0 commits checked since $(echo "$v" | cut -c1-10) (found clean before), 0 findings" \
    "$(hh-check -C "$R" | summary)"
hh-intake -C "$R" --actor lan --procedure T-HT03 --applicant "Người Mới" \
    --at 2016-09-30T09:00 >/dev/null
hh-intake -C "$R" --actor lan --procedure T-HT03 --applicant "Người Mới" \
    --at 2016-09-30T09:10 >/dev/null
check_eq "after two intakes: those two; --json names the commit it started after" \
    "2 $v 0" \
    "$(hh-check -C "$R" --json | jq -r '"\(.commits_checked) \(.since) \(.findings | length)"')"
t0=$(date +%s%N)
check_eq "--full: the whole history again" \
    "$((ncommits + 2)) commits checked, 0 findings" \
    "$(hh-check -C "$R" --full | summary)"
# the files on disk: the next check reads those whose inode changed since
# this one began (section 6 edits files after it)
check "a clean check remembers its head and when it began comparing the files" \
    '[ "$(sed -n 1p "$R/.git/hh/verified")" = "$(git -C "$R" rev-parse HEAD)" ] &&
    [ "$(sed -n 2p "$R/.git/hh/verified")" -ge "$t0" ]'
check_fail "--full with --since" 2 "usage: hh-check" \
    hh-check -C "$R" --full --since HEAD~1
BASEHEAD=$(git -C "$R" rev-parse HEAD)
C1=$(sed -n 2p "$T/codes")	# received, never routed
C0=$(sed -n 1p "$T/codes")	# returned
F1=$(find "$R/dossiers" -name "$C1.json")
REL1=${F1#"$R"/}

G() { git --git-dir="$R/.git" "$@"; }
# Back to the untampered tree for each case: the branch, the marker and
# the files on disk (objects the cases wrote stay, unreachable).
fresh() {
	G update-ref refs/heads/main "$BASEHEAD"
	echo "$BASEHEAD" >"$R/.git/hh/worktree"
	rm -f "$R/dossiers/stray.json"
	GIT_INDEX_FILE=$T/index G --work-tree="$R" read-tree "$BASEHEAD"
	GIT_INDEX_FILE=$T/index G --work-tree="$R" checkout-index -a -f
	rm -f "$T/index"
}
# commit_file PATH CONTENT-FILE MESSAGE: commit with git plumbing, as the
# author in $GIT_AUTHOR_NAME/EMAIL/DATE, and move main.
commit_file() {
	blob=$(G hash-object -w "$2")
	GIT_INDEX_FILE=$T/index G read-tree HEAD
	GIT_INDEX_FILE=$T/index G update-index --add --cacheinfo 100644,"$blob","$1"
	tree=$(GIT_INDEX_FILE=$T/index G write-tree)
	rm -f "$T/index"
	c=$(printf '%s\n' "$3" | G commit-tree "$tree" -p HEAD)
	G update-ref refs/heads/main "$c"
	# the files on disk follow, as hh would leave them
	cp "$2" "$R/$1"
	echo "$c" >"$R/.git/hh/worktree"
}
export GIT_COMMITTER_NAME=git GIT_COMMITTER_EMAIL=git@example.vn
export GIT_COMMITTER_DATE="2016-09-30T18:00:00+07:00"
as() { export GIT_AUTHOR_NAME="$1" GIT_AUTHOR_EMAIL="$2" GIT_AUTHOR_DATE="$3"; }
# expect DESC TEXT: hh-check exits 1 and prints a line containing TEXT
# (with the options in $CHECK_ARGS)
expect() {
	st=0; hh-check -C "$R" ${CHECK_ARGS-} >"$T/out" 2>"$T/err" || st=$?
	if [ "$st" = 1 ] && grep -qF -- "$2" "$T/out"; then ok "$1"; else
		notok "$1"; echo "#   status $st"; sed 's/^/#   /' "$T/out" "$T/err" | head -8
	fi
}
short() { git -C "$R" rev-parse --short=10 HEAD; }

# 1. A dossier edited by hand and committed with plain git, no trailers.
fresh
jq --tab '.applicant.name = "Người Khác"' "$F1" >"$T/f"
as "Someone" "someone@example.vn" "2016-09-30T15:00:00+07:00"
commit_file "$REL1" "$T/f" "fix name"
expect "plain git commit: no trailers" "$(short): no Dossier: trailer"
expect "plain git commit: the author is no staff member" \
    "$(short): author Someone <someone@example.vn> is not a staff member"
expect "plain git commit: no event recorded" \
    "$(short): $REL1: 0 events added (one commit records exactly one)"

# 2. An illegal transition: received straight to returned.
fresh
jq --tab '.status = "returned" | .returned_at = "2016-09-30T15:00:00+07:00" |
    .events += [{"at":"2016-09-30T15:00:00+07:00","action":"return","actor":"hoa"}]' \
    "$F1" >"$T/f"
as "Lê Thị Hoa" "hoa@example.vn" "2016-09-30T15:00:00+07:00"
commit_file "$REL1" "$T/f" "return $C1: T-HT03 Thay đổi, cải chính hộ tịch (thử)

Dossier: $C1
Action: return
Actor: hoa"
expect "received -> returned is an illegal step" \
    "$(short): $REL1: illegal step: status received (held by motcua): cannot return before the result is ready"
st=0; hh-check -C "$R" --quiet >"$T/out" || st=$?
# the step's own finding, and that plain git could not sign it
check_eq "--quiet: the findings alone" "1 2 1" \
    "$st $(wc -l <"$T/out") $(grep -c ': not signed' "$T/out")"
check_eq "--json finding" "$(git -C "$R" rev-parse HEAD) $REL1" \
    "$(hh-check -C "$R" --json | jq -r '.findings[0] | "\(.commit) \(.path)"')"

# 3. A legal-looking step by a stranger.
fresh
jq --tab '.status = "processing" | .holder = "tp" |
    .events += [{"at":"2016-09-30T15:00:00+07:00","action":"route","actor":"lan","details":{"to":"tp"}}]' \
    "$F1" >"$T/f"
as "Mallory" "mallory@example.com" "2016-09-30T15:00:00+07:00"
commit_file "$REL1" "$T/f" "route $C1: T-HT03 Thay đổi, cải chính hộ tịch (thử)

Dossier: $C1
Action: route
Actor: lan"
expect "a stranger as author" \
    "$(short): author Mallory <mallory@example.com> is not staff member lan (Trần Thị Lan <lan@example.vn>)"

# 4. The right people, but the file is not what the step makes.
fresh
jq --tab '.status = "processing" | .holder = "tp" | .due_at = "2016-12-31T17:00:00+07:00" |
    .shares = [{"department":"tp","from":"2016-09-30T15:00:00+07:00"}] |
    .events += [{"at":"2016-09-30T15:00:00+07:00","action":"route","actor":"lan","details":{"to":"tp"}}]' \
    "$F1" >"$T/f"
as "Trần Thị Lan" "lan@example.vn" "2016-09-30T15:00:00+07:00"
commit_file "$REL1" "$T/f" "route $C1: T-HT03 Thay đổi, cải chính hộ tịch (thử)

Dossier: $C1
Action: route
Actor: lan"
expect "a due date moved inside a legal step" \
    "$(short): $REL1: the file is not what the route step makes of the previous version (due_at)"

# 4b. The stored status is not the one its events give (the one life).
fresh
jq --tab '.status = "resolved" | .holder = "tp" |
    .shares = [{"department":"tp","from":"2016-09-30T15:00:00+07:00"}] |
    .events += [{"at":"2016-09-30T15:00:00+07:00","action":"route","actor":"lan","details":{"to":"tp"}}]' \
    "$F1" >"$T/f"
as "Trần Thị Lan" "lan@example.vn" "2016-09-30T15:00:00+07:00"
commit_file "$REL1" "$T/f" "route $C1: T-HT03 Thay đổi, cải chính hộ tịch (thử)

Dossier: $C1
Action: route
Actor: lan"
expect "a stored status its events do not give" \
    "$(short): $REL1: invalid dossier: status: resolved, but its events say processing"

# 5. Two dossiers in one commit, and an event time that is not the
# author date.
fresh
F2=$(find "$R/dossiers" -name "$(sed -n 3p "$T/codes").json")
blob1=$(G hash-object -w "$F1"); blob2=$(G hash-object -w /dev/null)
GIT_INDEX_FILE=$T/index G read-tree HEAD
GIT_INDEX_FILE=$T/index G update-index --cacheinfo 100644,"$blob2","${F2#"$R"/}"
GIT_INDEX_FILE=$T/index G update-index --add --cacheinfo 100644,"$blob1","${REL1%.json}x.json"
tree=$(GIT_INDEX_FILE=$T/index G write-tree); rm -f "$T/index"
G update-ref refs/heads/main "$(echo batch | G commit-tree "$tree" -p HEAD)"
expect "a commit changing two dossiers" "changes 2 dossiers (one commit per dossier)"
expect "a file at a path no code has" "not a dossier path"

# 6. A file edited on disk without a commit, and a stray file.
fresh
sed -i 's/Người 1"/Người Sửa"/' "$F1"
expect "a record edited on disk" "$(short): $REL1: differs from the records (edited by hand?)"
fresh
echo x >"$R/dossiers/stray.json"
expect "a stray file on disk" "$(short): dossiers/stray.json: on disk but not in the records"
fresh
rm "$F1"
expect "a record deleted on disk" "$(short): $REL1: in the records but missing on disk"

# 7. An old commit amended and the branch rewritten on top of it.
fresh
OLDHEAD=$(G rev-parse HEAD)
new=$(G rev-parse HEAD~3)
new=$(G cat-file commit "$new" | sed 's/^Actor: hoa$/Actor: lan/' |
    G hash-object -t commit -w --stdin)
for k in 2 1 0; do
	new=$(G cat-file commit "HEAD~$k" |
	    sed "s/^parent .*/parent $new/" | G hash-object -t commit -w --stdin)
done
G update-ref refs/heads/main "$new"
echo "$new" >"$R/.git/hh/worktree"
st=0; hh-check -C "$R" --anchor "$OLDHEAD" >"$T/rw" || st=$?
check_eq "rewritten history: exit 1" 1 "$st"
check "rewritten history: the anchor is reported" \
    grep -qF "'$(echo "$OLDHEAD" | cut -c1-10): anchor: not in the history of HEAD (history rewritten)'" "$T/rw"
check "rewritten history: the amended commit no longer matches its author" \
    grep -qF "'author Lê Thị Hoa <hoa@example.vn> is not staff member lan'" "$T/rw"
check_eq "an unknown anchor" \
    "deadbeef: anchor: no such commit in the records (history rewritten?)" \
    "$(hh-check -C "$R" --quiet --anchor deadbeef | grep anchor)"

# 8. A configuration change by a non-admin; an invalid procedure.
fresh
jq --tab '.name = "Bộ phận khác"' "$R/center.json" >"$T/f"
as "Trần Thị Lan" "lan@example.vn" "2016-09-30T15:00:00+07:00"
commit_file center.json "$T/f" "configure $P: 1 file

Action: configure
Actor: lan"
expect "configuration by a non-admin" \
    "$(short): actor lan (desk) may not configure: only an admin may"
fresh
jq --tab 'del(.working_days)' "$R/procedures/T-HT03.json" >"$T/f"
as "Quản trị Hệ thống" "admin@example.vn" "2016-09-30T15:00:00+07:00"
commit_file procedures/T-HT03.json "$T/f" "configure $P: 1 file

Action: configure
Actor: admin"
expect "an invalid procedure committed by an admin" \
    "$(short): procedures/T-HT03.json: invalid: procedures/T-HT03.json: no limit"
fresh
jq --tab '.staff[0].role = "boss"' "$R/center.json" >"$T/f"
commit_file center.json "$T/f" "configure $P: 1 file

Action: configure
Actor: admin"
expect "an invalid center.json" "center.json: invalid: center.json: staff[0].role: unknown role"

# 9. A corrupted object: its content no longer matches its id.
fresh
obj=$(G rev-parse "HEAD~4:$(G diff-tree --no-commit-id --name-only -r HEAD~4)")
other=$(G rev-parse "HEAD:center.json")
p=$R/.git/objects/$(echo "$obj" | cut -c1-2)/$(echo "$obj" | cut -c3-)
q=$R/.git/objects/$(echo "$other" | cut -c1-2)/$(echo "$other" | cut -c3-)
chmod u+w "$p"; cp "$p" "$T/saved"; cp "$q" "$p"
# the nightly check reads the commits since the head it last found clean
# (BASEHEAD), --full all of them
st=0; hh-check -C "$R" --quiet >"$T/out" 2>&1 || st=$?
check_eq "a corrupted object before the head last found clean: not read by the nightly check" \
    "0" "$st$(cat "$T/out")"
CHECK_ARGS=--full expect "a corrupted object: found by --full" "unreadable"
cp "$T/saved" "$p"

# 10. Times going backwards.
fresh
as "Trần Thị Lan" "lan@example.vn" "2016-09-30T15:00:00+07:00"
GIT_COMMITTER_DATE="2016-09-01T08:00:00+07:00"
jq --tab '.status = "withdrawn" | .events += [{"at":"2016-09-30T15:00:00+07:00","action":"withdraw","actor":"lan","details":{}}]' \
    "$F1" >"$T/f"
commit_file "$REL1" "$T/f" "withdraw $C1: T-HT03 Thay đổi, cải chính hộ tịch (thử)

Dossier: $C1
Action: withdraw
Actor: lan"
expect "an event recorded before it happened" \
    "$(short): event time 2016-09-30T15:00:00+07:00 is after its recording 2016-09-01T08:00:00+07:00"
expect "a commit recorded before its parent" "$(short): recorded 2016-09-01T08:00:00+07:00, before its parent"
export GIT_COMMITTER_DATE="2016-09-30T18:00:00+07:00"

# 11. On a clone (a normal repository with a work tree).
fresh
git clone -q "$R" "$T/clone"
st=0; hh-check -C "$T/clone" --quiet >"$T/out" 2>&1 || st=$?
check_eq "a fresh clone checks clean" "0" "$st$(cat "$T/out")"

# 12. The repository's own files: nothing git would act on but hh's.
# Each finding is HEAD's, and the only one.
fresh
H=$(short)
H0=$(G rev-parse HEAD)
cp "$R/.git/config" "$T/config.saved"
only() {
	st=0; hh-check -C "$R" --quiet >"$T/out" 2>"$T/err" || st=$?
	if [ "$st" = 1 ] && [ "$(cat "$T/out")" = "$2" ] && [ ! -s "$T/err" ]
	then ok "$1"; else
		notok "$1"; echo "#   status $st"; sed 's/^/#   /' "$T/out" "$T/err" | head -8
	fi
	cp "$T/config.saved" "$R/.git/config"
}
G config diff.x.textconv "touch $T/pwned"
only "a textconv diff driver in .git/config" \
    "$H: .git/config: key diff.x.textconv is not hh's (a program git would run)"
G config alias.lg '!touch pwned'
only "an alias" "$H: .git/config: key alias.lg is not hh's (a program git would run)"
G config core.fsmonitor "touch $T/pwned"
only "core.fsmonitor" "$H: .git/config: key core.fsmonitor is not hh's (a program git would run)"
printf '[diff "y"]\n\ttextconv = touch %s/pwned\n' "$T" >"$T/included"
G config include.path "$T/included"
# libgit2 would follow it when opening the repository: refused at open
check_fail "include.path: the tree is refused, the file it names not read" 1 \
    ".git/config: an include (git would read another file): refused" \
    hh-check -C '"$R"' --quiet
cp "$T/config.saved" "$R/.git/config"
G config core.bare false
only "core.bare false" "$H: .git/config: key core.bare = false is not hh's (hh writes true)"
G config maintenance.auto false
only "any other key" "$H: .git/config: key maintenance.auto is not hh's"
printf '#!/bin/sh\ntouch %s/pwned\n' "$T" >"$R/.git/hooks/post-commit"
chmod +x "$R/.git/hooks/post-commit"
only "a hook" "$H: .git/hooks/post-commit: a hook (a program git would run)"
rm "$R/.git/hooks/post-commit"
mv "$R/.git/hooks" "$T/hooks"
ln -s "$T/hooks" "$R/.git/hooks"
only "a symbolic link at .git/hooks" \
    "$H: .git/hooks: a symbolic link (git would run the hooks where it leads)"
rm "$R/.git/hooks"
mv "$T/hooks" "$R/.git/hooks"
echo "$T/elsewhere/objects" >"$R/.git/objects/info/alternates"
only "objects/info/alternates" \
    "$H: .git/objects/info/alternates: alternates (git would read objects from another repository)"
rm "$R/.git/objects/info/alternates"
G update-ref "refs/replace/$H0" "$H0"
only "a replace ref" \
    "$H: refs/replace/$H0: a replace ref (git log would show another object)"
G update-ref -d "refs/replace/$H0"
printf '*.json diff=x\n' >"$R/.git/info/attributes"
only ".git/info/attributes" \
    "$H: .git/info/attributes: attributes (they can make git run a program)"
: >"$R/.git/info/attributes"
check_eq "an empty .git/info/attributes is harmless" "" "$(hh-check -C "$R" --quiet)"
rm "$R/.git/info/attributes"
check_eq "and nothing ran" "" "$(ls "$T" | grep pwned)"
printf '*.json diff=x\n' >"$T/f"
as "Quản trị Hệ thống" "admin@example.vn" "2016-09-30T15:00:00+07:00"
commit_file .gitattributes "$T/f" "configure $P: 1 file

Action: configure
Actor: admin"
expect "a committed .gitattributes: HEAD's" \
    "$(short): .gitattributes: attributes (they can make git run a program)"
expect "and the commit's" "$(short): .gitattributes: not a file of the records"
rm "$R/.gitattributes"
fresh
hh-init "$T/gc" >/dev/null
git -C "$T/gc" gc --quiet
st=0; hh-check -C "$T/gc" --quiet >"$T/out" 2>&1 || st=$?
check_eq "a fresh tree after git gc checks clean" "0" "$st$(cat "$T/out")"

# 13. Desks at work: hh-check checks the commit it started from, and the
# files on disk when no export is under way.
B=$T/gc
for i in 1 2 3; do
	hh-intake -C "$B" --actor lan --procedure T-HT03 --applicant "Người $i" >/dev/null
done
: >"$T/go"
(while [ -e "$T/go" ]; do
	hh-intake -C "$B" --actor lan --procedure T-HT03 --applicant "Người Chờ" \
	    >/dev/null 2>&1 || :
done) &
loop=$!
# runs DESC N CMD...: CMD, an hh-check, N times: how many found something
runs() {
	d=$1 n=$2; shift 2
	bad=0 k=0
	while [ $k -lt "$n" ]; do
		( eval "$@" ) >"$T/out" 2>&1 || {
			bad=$((bad + 1)); sed 's/^/#   /' "$T/out" | head -3; }
		k=$((k + 1))
	done
	check_eq "$d" "0 of $n" "$bad of $n"
}
before=$(git -C "$B" rev-list --count HEAD)
runs "hh-check while a desk commits: no finding" 20 \
    hh-check -C '"$B"' --quiet --anchor HEAD
runs "--since HEAD~2 while a desk commits: no finding" 20 \
    hh-check -C '"$B"' --quiet --since HEAD~2 --anchor HEAD~1
# the files compared through a read-only mount of the tree
ro() {
	unshare -m sh -c 'mount --bind -o ro "$1" "$2" && hh-check -C "$2" --quiet' \
	    sh "$B" "$T/ro"
}
if [ "$(id -u)" = 0 ] && mkdir "$T/ro" && unshare -m true 2>/dev/null; then
	runs "on a read-only mount of the tree: no finding" 20 ro
else
	skip 1 "a read-only mount needs root and unshare"
fi
# a login that may read the tree but not open its lock: the files are
# compared when the branch and the marker stood still
nolock() {
	setpriv --reuid=nobody --regid=0 --clear-groups -- \
	    env HOME="$T" "$T/bin/hh-check" -C "$B" --quiet 2>>"$T/notes"
}
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null &&
    id nobody >/dev/null 2>&1; then
	# the binary where another login can run it (the clone may be in
	# root's home)
	mkdir -p "$T/bin"
	cp "$TOP/hh-check" "$T/bin/"
	chmod 755 "$T/bin" "$T/bin/hh-check"
	chmod 710 "$T"
	chmod 600 "$B/.git/hh/lock"
	: >"$T/notes"
	runs "without the lock: no finding" 20 nolock
	echo "# $(grep -c 'not compared' "$T/notes") of 20 did not compare the files (the records kept changing)"
	chmod 660 "$B/.git/hh/lock"
else
	skip 1 "another login needs root, setpriv and user nobody"
fi
rm -f "$T/go"
wait "$loop"
check "and the desk committed meanwhile" \
    '[ "$(git -C "$B" rev-list --count HEAD)" -gt $((before + 10)) ]'
check "and its tree is clean" hh-check -C '"$B"' --quiet

check_fail "an operand is a usage error" 2 "usage: hh-check" hh-check -C "$R" x
check_fail "--at is a usage error" 2 "usage: hh-check" hh-check -C "$R" --at 2016-09-01
st=0; hh-check -C "$R" >/dev/full 2>/dev/null || st=$?
check_eq "a write error exits 1" 1 "$st"
done_testing
