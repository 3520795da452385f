#!/bin/sh
# The witness (issue 16 §3): hh-init --witness makes or finds an
# append-only repository and pushes the branch to it; hh-check --witness
# pushes what it found clean and finds a reset-and-replay the witness
# saw; the witness refuses a force push and a deletion; a witness down
# is one warning, the tree untouched; over file:// and git://.
. tests/cli/lib.sh
plan 65
fixture_tree
export HH_NOW=2016-09-05T08:00:00+07:00 HH_FSYNC=0
W=$T/witness.git
G() { git -C "$R" "$@"; }
short() { git -C "$1" rev-parse --short=10 "$2"; }
conf() { cksum <"$R/.git/config"; }
intake() {
	hh-intake -C "$R" --actor lan --procedure T-HT03 --applicant "$1" \
	    >/dev/null
}

# 1. hh-init --witness on a new local path
st=0; hh-init -C "$R" --actor admin --witness "$W" >"$T/out" 2>&1 || st=$?
check_eq "hh-init -C is a usage error" 2 "$st"
st=0; hh-init --actor admin --witness "$W" "$R" >"$T/out" 2>"$T/err" || st=$?
check_eq "hh-init --witness: exit 0" 0 "$st"
check_eq "hh-init --witness: one line" \
    "$R: witness $W at $(G rev-parse HEAD)" "$(cat "$T/out" "$T/err")"
check_eq "the witness is bare" true "$(git -C "$W" config core.bare)"
check_eq "the witness refuses non-fast-forwards" true \
    "$(git -C "$W" config receive.denyNonFastForwards)"
check_eq "the witness refuses deletions" true \
    "$(git -C "$W" config receive.denyDeletes)"
check_eq "the branch was pushed" "$(G rev-parse HEAD)" \
    "$(git -C "$W" rev-parse main)"
check_eq "remote.witness.url" "$W" "$(G config remote.witness.url)"
check_eq "remote.witness.push: the branch" "refs/heads/main:refs/heads/main" \
    "$(G config remote.witness.push)"
check_eq "refs/witness/main names what the witness holds" \
    "$(G rev-parse HEAD)" "$(G rev-parse refs/witness/main)"
check_eq "nothing committed" 1 "$(G rev-list --count HEAD)"
check_eq "hh-check accepts the witness's keys" \
    "$R: HEAD $(short "$R" HEAD): 1 commit checked, 0 findings" \
    "$(hh-check -C "$R" 2>&1)"
st=0; hh-init --actor admin --witness "$W" "$R" >"$T/out" 2>&1 || st=$?
check_eq "the same witness again: exit 0" 0 "$st"
check_eq "a relative path is made absolute" \
    "records: witness witness.git at $(G rev-parse HEAD) $T/witness.git" \
    "$(cd "$T" && hh-init --actor admin --witness witness.git records) $(G config remote.witness.url)"
check_eq "-n checks the URL, writes nothing" \
    "$R: witness $T/other.git valid" \
    "$(hh-init -n --actor admin --witness "$T/other.git" "$R"; [ ! -e "$T/other.git" ] || echo made)"

# 2. hh-check --witness pushes new commits
V0=$(short "$R" HEAD)	# found clean above
intake "Người Một"; intake "Người Hai"; intake "Người Ba"
st=0; hh-check -C "$R" --witness >"$T/out" 2>"$T/err" || st=$?
check_eq "hh-check --witness: exit 0" 0 "$st"
check_eq "hh-check --witness: the push, then the summary" \
    "$R: witness $W at $(short "$R" HEAD)
$R: HEAD $(short "$R" HEAD): 3 commits checked since $V0 (found clean before), 0 findings" \
    "$(cat "$T/out" "$T/err")"
check_eq "the witness's head is the tree's" "$(G rev-parse HEAD)" \
    "$(git -C "$W" rev-parse main)"
intake "Người Bốn"
check_eq "--quiet --witness prints nothing" "" \
    "$(hh-check -C "$R" --quiet --witness 2>&1)"
check_eq "... and pushes" "$(G rev-parse HEAD)" "$(git -C "$W" rev-parse main)"
check_eq "pushed again, nothing new: exit 0" 0 \
    "$(st=0; hh-check -C "$R" --quiet --witness >/dev/null 2>&1 || st=$?; echo $st)"

# 3. the witness refuses a force push and a deletion, whoever pushes
WHEAD=$(git -C "$W" rev-parse main)
check "git push -f of an older commit is refused" \
    "! G push -q -f '$W' HEAD~2:refs/heads/main"
check "git push deleting the branch is refused" \
    "! G push -q '$W' :refs/heads/main"
check_eq "the witness is unchanged" "$WHEAD" "$(git -C "$W" rev-parse main)"

# 4. reset and replay, as the tree's owner: the branch moved back, hh's
# own marks removed, new dossiers received on the old branch
G update-ref refs/heads/main HEAD~2
rm -f "$R/.git/hh/worktree" "$R/.git/hh/verified" \
    "$R"/dossiers/2016/09/*-0003.json "$R"/dossiers/2016/09/*-0004.json
intake "Người Khác"
st=0; hh-check -C "$R" --quiet >/dev/null 2>&1 || st=$?
check_eq "without --witness the nightly check sees nothing" 0 "$st"
st=0; hh-check -C "$R" --witness >"$T/out" 2>"$T/err" || st=$?
check_eq "with --witness: exit 1" 1 "$st"
check_eq "with --witness: the finding names the witness's head" \
    "$(short "$R" HEAD): HEAD does not contain $(echo "$WHEAD" | cut -c1-10), the witness's head: the branch was moved back
$R: HEAD $(short "$R" HEAD): 0 commits checked since $(short "$R" HEAD) (found clean before), 1 finding" \
    "$(cat "$T/out" "$T/err")"
check_eq "the witness is not overwritten" "$WHEAD" \
    "$(git -C "$W" rev-parse main)"
check_eq "the finding again the next night" 1 \
    "$(st=0; hh-check -C "$R" --quiet --witness >/dev/null 2>&1 || st=$?; echo $st)"
# and every trace of the lost commits removed from the records
G update-ref -d refs/witness/main
G reflog expire --expire=now --all
G gc -q --prune=now
check "the witness's head is gone from the records" \
    "! G cat-file -e $WHEAD"
st=0; hh-check -C "$R" --witness >"$T/out" 2>"$T/err" || st=$?
check_eq "a head the records lack: exit 1" 1 "$st"
check_eq "a head the records lack: the finding names it" \
    "$(echo "$WHEAD" | cut -c1-10): the witness's head is not in the records: the branch was moved back and the commits after it removed
$R: HEAD $(short "$R" HEAD): 0 commits checked since $(short "$R" HEAD) (found clean before), 1 finding" \
    "$(cat "$T/out" "$T/err")"
check_eq "the witness still holds them" "$WHEAD" \
    "$(git -C "$W" rev-parse main)"
check_eq "--json carries the finding" "$WHEAD" \
    "$(hh-check -C "$R" --json --witness 2>/dev/null | jq -r '.findings[0].commit')"

# 5. bad input: one line naming the URL, exit 1, the configuration as it
# was, nothing made
R=$T/r2
HH_NOW=2016-09-01T07:00:00+07:00 hh-init "$R" >/dev/null
conf0=$(conf)
check_fail "--witness: ftp://" 1 \
    '--witness: "ftp://example.vn/w.git" is not a path nor a file://, git:// or ssh:// URL' \
    hh-init --actor admin --witness ftp://example.vn/w.git "'$R'"
check_fail "--witness: ext:: (a command)" 1 '--witness: "ext::sh -c touch' \
    hh-init --actor admin --witness "'ext::sh -c touch% /tmp/x'" "'$R'"
check_fail "--witness: a URL with a blank" 1 'is not a path nor a file://' \
    hh-init --actor admin --witness "'$T/a b.git'" "'$R'"
check_fail "--witness: a path with 'include' in it" 1 'is not a path nor a file://' \
    hh-init --actor admin --witness "'$T/include.git'" "'$R'"
check_fail "--witness: file://host/path" 1 'is not a path nor a file://' \
    hh-init --actor admin --witness file://host/w.git "'$R'"
check_fail "--witness: git:// without a path" 1 'is not a path nor a file://' \
    hh-init --actor admin --witness git://127.0.0.1 "'$R'"
check_fail "--witness: a folder that is not there" 1 \
    "$R: witness $T/nowhere/w.git: no such repository, nor a folder to make it in" \
    hh-init --actor admin --witness "'$T/nowhere/w.git'" "'$R'"
mkdir "$T/plain"
check_fail "--witness: a folder that is no repository" 1 \
    "$R: witness $T/plain: could not find repository" \
    hh-init --actor admin --witness "'$T/plain'" "'$R'"
check_fail "--witness: file:// of a folder that is no repository" 1 \
    "$R: witness file://$T/plain: could not find repository" \
    hh-init --actor admin --witness "'file://$T/plain'" "'$R'"
check_fail "--witness: nobody listens" 1 \
    "$R: witness git://127.0.0.1:9/w.git: failed to connect to 127.0.0.1" \
    hh-init --actor admin --witness git://127.0.0.1:9/w.git "'$R'"
check_fail "--witness: another tree's witness" 1 \
    "$R: witness $W refused $(short "$R" HEAD): " \
    hh-init --actor admin --witness "'$W'" "'$R'"
check_fail "--witness: by a desk clerk" 1 "actor lan: role desk may not configure" \
    hh-init --actor lan --witness "'$T/w2.git'" "'$R'"
check_fail "--witness with --name" 1 "$R: --witness: alone, for a records tree that exists" \
    hh-init --actor admin --name X --witness "'$T/w2.git'" "'$R'"
check_fail "--witness on a new tree" 1 "$T/r3: --witness: alone, for a records tree that exists" \
    hh-init --witness "'$T/w2.git'" "'$T/r3'"
check_fail "hh-check --witness without a witness" 1 \
    "$R: --witness: the tree has no witness (hh-init --witness URL sets one)" \
    hh-check -C "'$R'" --witness
check_eq "the configuration as it was, nothing made" \
    "$conf0" "$(conf; ls "$T" | grep -E '^(w2.git|r3|nowhere)$' || :)"
check_eq "no refs/witness/ left" "" "$(G for-each-ref refs/witness/)"

# 6. .git/config: only the witness's keys and values hh writes
G config remote.witness.url "ext::sh -c x"
G config remote.witness.fetch "+refs/heads/*:refs/remotes/witness/*"
hh-check -C "$R" >"$T/config.out" 2>&1 || :
check "a remote.witness.url hh would not write is a finding" \
    "grep -qF 'key remote.witness.url = ext::sh -c x is not hh'\''s (hh writes a path or a file://, git:// or ssh:// URL)' '$T/config.out'"
check "remote.witness.fetch is a finding" \
    "grep -qF 'key remote.witness.fetch is not hh'\''s' '$T/config.out'"
G config --unset remote.witness.fetch

# 7. the witness down: a warning, exit 1, the tree untouched
hh-init --actor admin --witness "$T/w3.git" "$R" >/dev/null
intake "Người Năm"
mv "$T/w3.git" "$T/w3.away"
h=$(G rev-parse HEAD) ref=$(G rev-parse refs/witness/main)
st=0; hh-check -C "$R" --quiet --witness >"$T/out" 2>"$T/err" || st=$?
check_eq "a witness down: exit 1" 1 "$st"
check_eq "a witness down: one warning, no finding" \
    "hh-check: $R: warning: witness not reached (neither compared nor pushed): $T/w3.git: no such repository" \
    "$(cat "$T/out" "$T/err")"
check_eq "a witness down: the tree untouched" "$h $ref" \
    "$(G rev-parse HEAD refs/witness/main | tr '\n' ' ' | sed 's/ $//')"
mv "$T/w3.away" "$T/w3.git"
check_eq "the witness back: pushed" "$h" \
    "$(hh-check -C "$R" --quiet --witness; git -C "$T/w3.git" rev-parse main)"

# 8. over git://, with a daemon the test starts and stops
if [ -x "$(git --exec-path)/git-daemon" ]; then
	mkdir "$T/daemon"
	git init -q --bare "$T/daemon/w.git"
	git -C "$T/daemon/w.git" config receive.denyNonFastForwards true
	git -C "$T/daemon/w.git" config receive.denyDeletes true
	port=$((20000 + $$ % 20000)) up=0 tries=0
	while [ "$up" = 0 ] && [ "$tries" -lt 5 ]; do
		git daemon --export-all --enable=receive-pack \
		    --base-path="$T/daemon" --listen=127.0.0.1 --port="$port" \
		    --detach --pid-file="$T/daemon.pid" 2>/dev/null || :
		i=0
		while [ $i -lt 20 ]; do
			if git ls-remote "git://127.0.0.1:$port/w.git" \
			    >/dev/null 2>&1; then up=1; break; fi
			sleep 0.1; i=$((i + 1))
		done
		if [ "$up" = 0 ]; then
			[ -f "$T/daemon.pid" ] && kill "$(cat "$T/daemon.pid")" \
			    2>/dev/null || :
			port=$((port + 1)) tries=$((tries + 1))
		fi
	done
fi
if [ "${up:-0}" = 1 ]; then
	at_exit 'kill "$(cat "$T/daemon.pid")" 2>/dev/null'
	U=git://127.0.0.1:$port/w.git
	check_eq "git://: hh-init --witness pushes" \
	    "$R: witness $U at $(G rev-parse HEAD)" \
	    "$(hh-init --actor admin --witness "$U" "$R" 2>&1)"
	intake "Người Sáu"
	check_eq "git://: hh-check --witness pushes" "0 $(G rev-parse HEAD)" \
	    "$(hh-check -C "$R" --quiet --witness; echo $? \
	    "$(git -C "$T/daemon/w.git" rev-parse main)")"
	check "git://: a force push is refused by the daemon" \
	    "! G push -q -f '$U' HEAD~1:refs/heads/main"
	kill "$(cat "$T/daemon.pid")"
	i=0
	while git ls-remote "$U" >/dev/null 2>&1 && [ $i -lt 50 ]; do
		sleep 0.1; i=$((i + 1))
	done
	h=$(G rev-parse HEAD)
	st=0; hh-check -C "$R" --quiet --witness >"$T/out" 2>"$T/err" || st=$?
	check_eq "git://: the daemon stopped: exit 1" 1 "$st"
	check_eq "git://: the daemon stopped: one warning" \
	    "hh-check: $R: warning: witness not reached (neither compared nor pushed): $U: failed to connect to 127.0.0.1: Connection refused" \
	    "$(cat "$T/out" "$T/err")"
	check_eq "git://: the tree untouched" "$h" "$(G rev-parse HEAD)"
else
	skip 6 "git daemon unavailable"
fi

# 9. a witness that answers nothing: given up after $HH_WITNESS_WAIT
if command -v python3 >/dev/null 2>&1; then
	python3 -c '
import socket, sys, time
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(5)
print(s.getsockname()[1], flush=True)
sys.stdout.close()
c = []
end = time.time() + 20
while time.time() < end:
	s.settimeout(0.5)
	try:
		c.append(s.accept())
	except OSError:
		pass
' >"$T/silent.port" &
	silent=$!
	at_exit "kill $silent 2>/dev/null"
	i=0
	while [ ! -s "$T/silent.port" ] && [ $i -lt 50 ]; do
		sleep 0.1; i=$((i + 1))
	done
	U=git://127.0.0.1:$(cat "$T/silent.port")/w.git
	G config remote.witness.url "$U"
	start=$(date +%s)
	st=0; HH_WITNESS_WAIT=1 hh-check -C "$R" --quiet --witness \
	    >"$T/out" 2>"$T/err" || st=$?
	took=$(($(date +%s) - start))
	check_eq "a silent witness: one warning, exit 1" \
	    "1 hh-check: $R: warning: witness not reached (neither compared nor pushed): $U: no answer in 1 s" \
	    "$st $(cat "$T/out" "$T/err")"
	check "a silent witness: given up within seconds" "[ $took -le 4 ]"
	kill "$silent" 2>/dev/null || :
else
	skip 2 "no python3 for a silent listener"
fi
done_testing
