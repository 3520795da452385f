#!/bin/sh
# A province of centres over git (issue 18 §1): three centres on this
# machine, A reading B over git:// (a daemon the test starts and stops)
# and C over file://, and pushing to the province host; peers validated
# in center.json; a peer down is one line, the desk goes on and the next
# sync fetches it; a peer's branch only moves forward; a kill during a
# sync loses nothing.
. tests/cli/lib.sh
plan 36
fixture_tree
export HH_NOW=2016-09-05T08:00:00+07:00 HH_FSYNC=0 HH_WITNESS_WAIT=3
A=$T/a B=$T/b C=$T/c H=$T/province
for x in a:H15.01 b:H15.02 c:H15.03; do
	HH_NOW=2015-01-05T07:00:00+07:00 hh-init --agency "${x#*:}" \
	    --name "Centre ${x%%:*}" "$T/${x%%:*}" >/dev/null
done
mkdir "$H"
git init -q --bare "$H/a.git"
git -C "$H/a.git" config receive.denyNonFastForwards true
R=$A
tip() { git -C "$1" rev-parse "${2:-HEAD}"; }
short() { git -C "$1" rev-parse --short=10 "${2:-HEAD}"; }
intake() {
	hh-intake -C "$1" --actor lan --procedure T-HT03 --applicant "$2"
}
# configure DIR JQ-FILTER: center.json changed and committed by hh-init
configure() {
	jq "$2" "$1/center.json" >"$T/c.json" && mv "$T/c.json" "$1/center.json"
	hh-init --actor admin "$1"
}

restore() { git -C "$1" show HEAD:center.json >"$1/center.json"; }

# The git daemon, serving $T on 127.0.0.1 at a free port.
daemon_start() {
	git daemon --export-all --base-path="$T" --listen=127.0.0.1 \
	    --port="$port" --reuseaddr --detach --pid-file="$T/daemon.pid" \
	    2>/dev/null || return 1
	i=0
	while [ $i -lt 50 ]; do
		git ls-remote "git://127.0.0.1:$port/b" >/dev/null 2>&1 &&
		    return 0
		sleep 0.1; i=$((i + 1))
	done
	return 1
}
daemon_stop() {
	kill "$(cat "$T/daemon.pid")" 2>/dev/null || :
	i=0
	while git ls-remote "git://127.0.0.1:$port/b" >/dev/null 2>&1 &&
	    [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
}
up=0
if [ -x "$(git --exec-path)/git-daemon" ] && command -v python3 >/dev/null
then
	tries=0
	while [ "$up" = 0 ] && [ "$tries" -lt 5 ]; do
		port=$(python3 -c 'import socket; s = socket.socket()
s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
		if daemon_start; then up=1; else daemon_stop; fi
		tries=$((tries + 1))
	done
fi
at_exit 'daemon_stop'
if [ "$up" = 1 ]; then UB=git://127.0.0.1:$port/b; else UB=$B; fi

# 1. peers and push_to in center.json: validated by hh-init
conf0=$(tip "$A")
check_fail "a peer that is this centre" 1 \
    'center.json: peers[0].agency: "H15.01" is this centre'"'"'s own agency_code' \
    configure "'$A'" "'.peers = [{agency: \"H15.01\", name: \"A\", url: \"/x\"}]'"
restore "$A"
check_fail "a peer's URL that runs a command" 1 \
    'center.json: peers[0].url: "ext::sh -c x" is not a path nor a file://, git:// or ssh:// URL' \
    configure "'$A'" "'.peers = [{agency: \"H15.02\", name: \"B\", url: \"ext::sh -c x\"}]'"
restore "$A"
check_fail "push_to twice the same" 1 \
    'center.json: push_to[1]: "/p" is listed twice' \
    configure "'$A'" "'.push_to = [\"/p\", \"/p\"]'"
restore "$A"
check_fail "hh-sync without peers nor push_to" 1 \
    "$A: center.json lists no peers and no push_to (hh-center(5))" \
    hh-sync -C "'$A'"
check_fail "hh-sync takes no operand" 2 "x: no operand is taken (see hh-sync -h)" hh-sync -C "'$A'" x
check_eq "nothing configured, no ref made" "$conf0 " \
    "$(tip "$A") $(git -C "$A" for-each-ref refs/peers)"
configure "$A" ".peers = [{agency: \"H15.02\", name: \"Centre b\",
    url: \"$UB\"}, {agency: \"H15.03\", name: \"Centre c\",
    url: \"file://$C\"}] | .push_to = [\"file://$H/a.git\"]" >/dev/null
check_eq "the peers committed at A" "H15.02 H15.03" \
    "$(git -C "$A" show HEAD:center.json | jq -r '[.peers[].agency] | join(" ")')"

# 2. the first sync: every peer's history, A's branch at the province
intake "$B" "Người Một" >/dev/null
st=0; hh-sync -C "$A" >"$T/out" 2>"$T/err" || st=$?
check_eq "first sync: exit 0" 0 "$st"
check_eq "first sync: a line for each peer and each push" \
    "$A: peer H15.02 at $(short "$B"), 2 new commits
$A: peer H15.03 at $(short "$C"), 1 new commit
$A: push file://$H/a.git at $(short "$A")" "$(cat "$T/out" "$T/err")"
check_eq "refs/peers/<agency>/main name the peers' heads" \
    "$(tip "$B") $(tip "$C")" \
    "$(tip "$A" refs/peers/H15.02/main) $(tip "$A" refs/peers/H15.03/main)"
check_eq "the peer's dossier is readable at A" "Người Một" \
    "$(git -C "$A" show "refs/peers/H15.02/main:dossiers/2016/09/H15.02-160905-0001.json" | jq -r .applicant.name)"
check_eq "the province host holds A's branch" "$(tip "$A")" \
    "$(tip "$H/a.git" main)"
check_eq "A's branch unchanged: hh-sync makes no commit" "$(tip "$A" HEAD~0)" \
    "$(git -C "$A" log -1 --format=%H --grep='^configure')"
check_eq "hh-check finds A clean with its peers' refs" \
    "$A: HEAD $(short "$A"): $(git -C "$A" rev-list --count HEAD) commits checked, 0 findings" \
    "$(hh-check -C "$A" 2>&1)"

# 3. nothing new: every line says so (the time it takes, for the record)
t0=$(date +%s%N)
st=0; hh-sync -C "$A" >"$T/out" 2>"$T/err" || st=$?
t1=$(date +%s%N)
echo "# hh-sync with nothing new (2 peers, 1 push): $(( (t1 - t0) / 1000000 )) ms"
check_eq "nothing new: exit 0" 0 "$st"
check_eq "nothing new: said for each" \
    "$A: peer H15.02 at $(short "$B"), nothing new
$A: peer H15.03 at $(short "$C"), nothing new
$A: push file://$H/a.git at $(short "$A"), nothing new" "$(cat "$T/out" "$T/err")"
check_eq "--quiet prints nothing" "" "$(hh-sync -C "$A" --quiet 2>&1)"

# 4. B down: A's desk goes on, C is fetched, B tried again next time
if [ "$up" = 1 ]; then
	daemon_stop
	intake "$B" "Người Hai" >/dev/null
	intake "$C" "Người Ba" >/dev/null
	b0=$(tip "$A" refs/peers/H15.02/main)
	check_eq "B down: A's desk takes a dossier" "H15.01-160905-0001" \
	    "$(intake "$A" "Người Bốn" 2>&1)"
	st=0; hh-sync -C "$A" >"$T/out" 2>"$T/err" || st=$?
	check_eq "B down: exit 1" 1 "$st"
	check_eq "B down: one line for B, C fetched, A pushed" \
	    "hh-sync: $A: peer H15.02 not reached (tried again at the next sync): $UB: failed to connect to 127.0.0.1: Connection refused
$A: peer H15.03 at $(short "$C"), 1 new commit
$A: push file://$H/a.git at $(short "$A")" "$(cat "$T/err" "$T/out")"
	check_eq "B down: its ref as it was" "$b0" \
	    "$(tip "$A" refs/peers/H15.02/main)"
	daemon_start || :
	check_eq "B back: fetched at the next sync" \
	    "$A: peer H15.02 at $(short "$B"), 1 new commit" \
	    "$(hh-sync -C "$A" 2>&1 | grep H15.02)"
else
	skip 5 "git daemon unavailable"
fi

# 5. a peer's branch moved back: refused, the ref kept, the rest done
c0=$(tip "$A" refs/peers/H15.03/main)
git -C "$C" update-ref refs/heads/main HEAD~1
st=0; hh-sync -C "$A" >"$T/out" 2>"$T/err" || st=$?
check_eq "C moved back: exit 1" 1 "$st"
check_eq "C moved back: one line naming both heads" \
    "hh-sync: $A: peer H15.03 refused: file://$C: $(short "$C") does not contain $(short "$A" "$c0"), the head last fetched: the branch was moved back" \
    "$(cat "$T/err")"
check_eq "C moved back: refs/peers/H15.03/main kept" "$c0" \
    "$(tip "$A" refs/peers/H15.03/main)"
check_eq "C moved back: B and the push still done" 2 "$(wc -l <"$T/out")"
git -C "$C" update-ref refs/heads/main "$c0"

# 6. the province host refuses a push that is not a fast-forward
newhost() {
	rm -rf "$H/a.git"
	git init -q --bare "$H/a.git"
	git -C "$H/a.git" config receive.denyNonFastForwards true
}
newhost
git -C "$C" push -q "$H/a.git" refs/heads/main:refs/heads/main
st=0; hh-sync -C "$A" >"$T/out" 2>"$T/push.err" || st=$?
check_eq "push refused: exit 1" 1 "$st"
check_eq "push refused: one line naming the remote and A's head" \
    "hh-sync: $A: push refused: file://$H/a.git refused $(short "$A"): cannot push non-fastforwardable reference" \
    "$(cat "$T/push.err")"
check_eq "push refused: the host's branch as it was" "$c0" \
    "$(tip "$H/a.git" main)"
newhost

# 7. a kill during a sync loses nothing: a peer that answers nothing
# keeps hh-sync waiting; killed, every ref is as it was, and the next sync
# does the rest
# (the kernel takes the connection; no one ever reads it)
python3 -c 'import socket, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(8)
print(s.getsockname()[1], flush=True); time.sleep(20)' >"$T/silent.port" &
silent=$!
at_exit "kill $silent 2>/dev/null"
i=0
while [ ! -s "$T/silent.port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
configure "$A" ".peers = [{agency: \"H15.09\", name: \"Silent\",
    url: \"git://127.0.0.1:$(cat "$T/silent.port")/s\"}] + .peers" >/dev/null
st=0; HH_WITNESS_WAIT=30 timeout 10 hh-intake -C "$A" --actor lan \
    --procedure T-HT03 --applicant "Người Sáu" >/dev/null || st=$?
check_eq "a silent peer listed: the desk does not wait for it" 0 "$st"
intake "$C" "Người Năm" >/dev/null
refs0=$(git -C "$A" for-each-ref)
HH_WITNESS_WAIT=30 hh-sync -C "$A" >/dev/null 2>&1 &
sync=$!
sleep 0.5
kill -9 "$sync"
wait "$sync" 2>/dev/null || :
check_eq "killed during a sync: every ref as it was" "$refs0" \
    "$(git -C "$A" for-each-ref)"
HH_WITNESS_WAIT=1 hh-sync -C "$A" >"$T/out" 2>"$T/err" || :
check_eq "the next sync: the silent peer given up in one line" \
    "hh-sync: $A: peer H15.09 not reached (tried again at the next sync): git://127.0.0.1:$(cat "$T/silent.port")/s: no answer in 1 s" \
    "$(cat "$T/err")"
check_eq "the next sync: the others done" \
    "$(tip "$C") $(tip "$A")" \
    "$(tip "$A" refs/peers/H15.03/main) $(tip "$H/a.git" main)"
# 8. two syncs at once: the peer's ref moved once, neither fails for it
intake "$C" "Người Bảy" >/dev/null
HH_WITNESS_WAIT=1 hh-sync -C "$A" >"$T/s1.out" 2>"$T/s1.err" &
s1=$!
HH_WITNESS_WAIT=1 hh-sync -C "$A" >"$T/s2.out" 2>"$T/s2.err" || :
wait "$s1" || :
check_eq "two syncs at once: C's head fetched" "$(tip "$C")" \
    "$(tip "$A" refs/peers/H15.03/main)"
check_eq "two syncs at once: each says only the silent peer is down" \
    "H15.09 H15.09" \
    "$(cat "$T/s1.err" "$T/s2.err" | sed 's/.*: peer \([^ ]*\) .*/\1/' | tr '\n' ' ' | sed 's/ $//')"
check_eq "hh-check: A still clean" 0 \
    "$(st=0; hh-check -C "$A" --quiet || st=$?; echo $st)"
done_testing
