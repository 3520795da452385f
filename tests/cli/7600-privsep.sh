#!/bin/sh
# Privilege separation (issue 13): make install makes the tools
# set-user-ID to a records account and executable only by the staff's
# group; root makes the tree, which the group reads and only the account
# writes.  Then, as a desk clerk of the group, every way around the tools
# is tried: writing the tree directly, the test hooks of the environment,
# naming someone else, making the tools open a file with the account's
# rights, a hostile tree (links, a FIFO, a huge file, a held lock,
# injected git configuration, files edited on disk).  Needs root
# (useradd, setpriv); the logins, the group and every file are removed at
# the end.
. tests/cli/lib.sh
N=91
plan $N
skip_all() {
	skip $N "$1"
	exit 0
}
[ "$(id -u)" = 0 ] || skip_all "needs root"
for c in useradd userdel groupadd groupdel setpriv flock timeout truncate \
    mkfifo jq install; do
	command -v $c >/dev/null 2>&1 || skip_all "needs $c"
done
umask 022

# A folder every login can traverse, on a file system that honours
# set-user-ID (/tmp may be mounted nosuid).
nosuid() { findmnt -n -o OPTIONS -T "$1" 2>/dev/null | tr , '\n' | grep -qx nosuid; }
W=$T
if nosuid "$W"; then
	nosuid /var/tmp && skip_all "/tmp and /var/tmp are mounted nosuid"
	W=$(mktemp -d /var/tmp/hh-privsep.XXXXXX)
fi
chmod 755 "$T" "$W"

# The logins: the records account, the staff's group with a desk clerk,
# an officer and an admin in it, and an outsider in no staff group.
ACC=hhrec$$ GRP=hhstaff$$ CLERK=hhclerk$$ OFFICER=hhoff$$ ADMIN=hhadm$$
OUTSIDER=hhout$$
made_users=""
lockpid="" waitpid=""
cleanup() {
	for p in $lockpid $waitpid; do kill "$p" 2>/dev/null || :; done
	for u in $made_users; do userdel "$u" 2>/dev/null || :; done
	groupdel "$GRP" 2>/dev/null || :
	groupdel "$ACC" 2>/dev/null || :
	groupdel "$OUTSIDER" 2>/dev/null || :
	rm -rf "$T" "$W"
}
at_exit cleanup
trap 'exit 1' HUP INT TERM
useradd --system --user-group --no-create-home --shell /usr/sbin/nologin "$ACC"
made_users="$ACC"
groupadd "$GRP"
for u in "$CLERK" "$OFFICER" "$ADMIN"; do
	useradd --no-create-home --no-user-group --gid "$GRP" \
	    --shell /usr/sbin/nologin "$u"
	made_users="$made_users $u"
done
useradd --no-create-home --user-group --shell /usr/sbin/nologin "$OUTSIDER"
made_users="$made_users $OUTSIDER"
# a uid with no passwd entry
NOUID=54321
while getent passwd $NOUID >/dev/null; do NOUID=$((NOUID + 1)); done

# Each login's own home folder.
for u in $CLERK $OFFICER $ADMIN $OUTSIDER $NOUID; do
	mkdir -p "$W/home/$u"
	chown "$u" "$W/home/$u"
	chmod 700 "$W/home/$u"
done
chmod 755 "$W/home"
# root's own git reads the account's tree (check_fail compares HEAD)
git config --global --add safe.directory '*'

# The install.
D=$W/dest
P=/opt/hh-privsep
B=$D$P/bin
make -s install DESTDIR="$D" PREFIX=$P HH_USER="$ACC" HH_GROUP="$GRP" \
    >"$T/make.out" 2>&1 || cat "$T/make.out" >&2
check_eq "make install: every tool 6750, the account's, the group's" \
    "10 6750 $ACC $GRP" \
    "$(stat -c '%a %U %G' "$B"/hh-* | sort | uniq -c | sed 's/^ *//')"

# as LOGIN CMD...: CMD as that login, with its groups, in its home, with
# a clean environment and the installed tools first in PATH; killed after
# $LIMIT seconds (a hang is a failure, not a stuck suite)
LIMIT=60
as() {
	u=$1; shift
	(cd "$W/home/$u" && exec timeout "$LIMIT" setpriv --reuid="$u" \
	    --regid="$(id -g "$u")" --init-groups -- env -i \
	    PATH="$B:/usr/bin:/bin" HOME="$W/home/$u" LC_ALL=C.UTF-8 \
	    GIT_CONFIG_NOSYSTEM=1 "$@")
}
head_of() { git --git-dir="$1/.git" rev-parse HEAD; }

# The template the installed tools make trees from: the test centre,
# whose desk clerk lan is the clerk's login and admin the admin's.
S=$D$P/share/hh
jq --tab --arg c "$CLERK" --arg a "$ADMIN" '.actor_override = false |
    (.staff[] | select(.id == "lan")) += {login: $c} |
    (.staff[] | select(.id == "admin")) += {login: $a}' \
    tests/fixtures/center.json >"$S/records/center.json"
rm -f "$S"/procedures/*.json
cp tests/fixtures/procedures/*.json "$S/procedures/"
# and another, which HH_SHARE names: it must change nothing
mkdir -p "$W/evil/records" "$W/evil/procedures"
jq --tab '.agency_code = "999.99.99.X99" | .actor_override = true' \
    tests/fixtures/center.json >"$W/evil/records/center.json"
printf '2016-01-01  off  evil\n' >"$W/evil/records/calendar"
jq --tab '.code = "X-EVIL"' tests/fixtures/procedures/T-HT03.json \
    >"$W/evil/procedures/X-EVIL.json"
chmod -R a+rX "$W/evil"

# The tree, made by root.
mkdir -p "$W/srv"
R=$W/srv/records
install -d -o "$ACC" -g "$GRP" -m 2750 "$R"
check "root makes the tree (HH_SHARE and HH_NOW set)" \
    'HH_SHARE="$W/evil" HH_NOW=2000-01-03T08:00:00+07:00 "$B/hh-init" "$R" \
    --group "$GRP" --agency 000.00.21.H54 >/dev/null'
check_eq "from the installed template, not \$HH_SHARE's" \
    "T-CT00.json T-HT03.json no-evil" \
    "$(git --git-dir="$R/.git" ls-tree --name-only HEAD procedures/ |
        sed 's|procedures/||' | grep -E 'T-CT00|T-HT03|X-EVIL' | tr '\n' ' ')$(
        git --git-dir="$R/.git" show HEAD:calendar | grep -q evil || echo no-evil)"
check_eq "dated now, not \$HH_NOW" "$(date +%Y)" \
    "$(git --git-dir="$R/.git" log -1 --format=%ad --date=format:%Y)"
modes() {
	find "$R" -perm /o=rwx
	find "$R" -perm /g=w
	find "$R" ! -user "$ACC"
	find "$R" ! -group "$GRP"
	find "$R" -type d ! -perm 2750
	find "$R" -type f ! -perm 640 ! -perm 440 ! -path "$R/.git/hooks/*" \
	    ! -path "$R/.git/hh/key"
	# the signing key: the account's alone
	find "$R/.git/hh/key" ! -perm 600
}
check_eq "the tree: nothing for others, nothing group-writable, all the account's" \
    "" "$(modes)"
check_eq "folders 2750, files 0640, objects 0440" \
    "2750 2750 640 440" \
    "$(stat -c %a "$R" "$R/.git" "$R/center.json" \
        "$(find "$R/.git/objects" -type f | head -1)" | tr '\n' ' ' | sed 's/ $//')"

# From here on a command that fails is a failed check, not the end of
# the script.
set +e

# hh-init refuses what another login could swap, and staff make no tree.
mkdir -m 777 "$W/srv/open"
check_fail "hh-init: a world-writable target is refused" 1 \
    "$W/srv/open: writable by every login (mode 0777): refused" \
    '"$B/hh-init" "$W/srv/open"'
mkdir -m 755 "$W/srv/roots"
check_fail "hh-init: a target not the account's is refused" 1 \
    "$W/srv/roots: owned by root, not by the records account $ACC: refused" \
    '"$B/hh-init" "$W/srv/roots"'
install -d -o "$ACC" -g "$GRP" -m 2750 "$W/srv/new"
check_fail "hh-init: a clerk makes no tree, even in a folder made for one" 1 \
    "$W/srv/new: only root creates a records tree (a privileged install, hh(7))" \
    'as "$CLERK" hh-init "$W/srv/new"'
check_eq "and none was made" "" \
    "$(find "$W/srv/open" "$W/srv/roots" "$W/srv/new" -mindepth 1)"

# A second tree, whose lock root holds: a clerk's command says it waits
# after 2 s and gives up after 30 (HH_LOCK_WAIT is ignored), in the
# background while the rest runs.
R2=$W/srv/r2
install -d -o "$ACC" -g "$GRP" -m 2750 "$R2"
"$B/hh-init" "$R2" --group "$GRP" >/dev/null
( exec 9<"$R2/.git/hh/lock"; flock -x 9; exec sleep 45 ) &
lockpid=$!
i=0
while [ $i -lt 100 ] && flock -n -x "$R2/.git/hh/lock" true; do
	sleep 0.1; i=$((i + 1)); done
(
	s0=$(date +%s)
	{ st=0; as "$CLERK" env HH_LOCK_WAIT=1 hh-intake -C "$R2" \
	    --procedure T-HT03 --applicant Chờ 2>&1 >/dev/null || st=$?
	    echo "exit $st"; } |
	while IFS= read -r l; do echo "$(($(date +%s) - s0)) $l"; done
) >"$T/lock.log" &
waitpid=$!

# The admin's login changes the configuration from a folder of its own:
# the officer minh gets the officer's login.
AH=$W/home/$ADMIN
mkdir -p "$AH/conf/procedures"
jq --tab --arg o "$OFFICER" '(.staff[] | select(.id == "minh")) += {login: $o}' \
    "$R/center.json" >"$AH/conf/center.json"
cp "$R/calendar" "$AH/conf/"
cp "$R"/procedures/*.json "$AH/conf/procedures/"
chown -R "$ADMIN" "$AH/conf"
chmod -R go-rwx "$AH/conf"
check "hh-init --from: the admin's login commits its own folder's configuration" \
    'as "$ADMIN" hh-init --from "$AH/conf" "$R" | grep -q ": configured "'
check_eq "authored by the admin" "Quản trị Hệ thống" \
    "$(git --git-dir="$R/.git" log -1 --format=%an)"
# a folder and a CSV only the account may read: not read for the caller
mkdir -p "$W/srv/acc/procedures"
cp "$AH/conf/center.json" "$AH/conf/calendar" "$W/srv/acc/"
cp "$AH"/conf/procedures/*.json "$W/srv/acc/procedures/"
printf 'code,name,field,department,limit_value,limit_unit\nX-ACC01,Thử,Thử,tp,3,working_days\n' \
    >"$W/srv/acc.csv"
chown -R "$ACC" "$W/srv/acc" "$W/srv/acc.csv"
chmod 700 "$W/srv/acc"
chmod 600 "$W/srv/acc.csv"
check_fail "hh-init --from a folder only the account reads: Permission denied" 1 \
    "$W/srv/acc/center.json: Permission denied" 'as "$ADMIN" hh-init --from "$W/srv/acc" "$R"'
check_fail "hh-init --import-procedures a file only the account reads: Permission denied" 1 \
    "$W/srv/acc.csv: Permission denied" \
    'as "$ADMIN" hh-init --import-procedures "$W/srv/acc.csv" "$R"'
check_fail "a clerk may not configure" 1 "actor lan: role desk may not configure" \
    'as "$CLERK" hh-init --from "$AH/conf" "$R"'

# The real work, through the set-user-ID tools.
C=$(as "$CLERK" hh-intake -C "$R" --procedure T-HT03 --applicant "Nguyễn Văn An" \
    2>"$T/err") || sed 's/^/#   /' "$T/err"
check_eq "the clerk receives a dossier, as lan" "Trần Thị Lan" \
    "$(git --git-dir="$R/.git" log -1 --format=%an)"
check 'and routes it' 'as "$CLERK" hh-route -C "$R" "$C" --to tp'
check 'the officer records the result, as minh' \
    'as "$OFFICER" hh-route -C "$R" "$C" --done &&
    [ "$(git --git-dir="$R/.git" log -1 --format=%an)" = "Phạm Văn Minh" ]'
check 'the clerk hands it back' 'as "$CLERK" hh-return -C "$R" "$C"'
F=$(find "$R/dossiers" -name "$C.json")
check_eq "the dossier on disk is HEAD's" \
    "$(git --git-dir="$R/.git" show HEAD:"${F#$R/}")" "$(cat "$F")"
check_eq "everything the tools wrote keeps the modes" "" "$(modes)"

# The test hooks of the environment are ignored.
today=$(TZ=Asia/Ho_Chi_Minh date +%F)
C2=$(as "$CLERK" env HH_NOW=2000-01-03T08:00:00+07:00 hh-intake -C "$R" \
    --procedure T-HT03 --applicant "Lê Văn Bình" 2>"$T/err") || sed 's/^/#   /' "$T/err"
F2=$(find "$R/dossiers" -name "$C2.json")
got=$(jq -r .received_at "$F2" | cut -c1-10)
# (at midnight, the day before the intake or after it)
[ "$got" = "$(TZ=Asia/Ho_Chi_Minh date +%F)" ] && today=$got
check_eq "HH_NOW: received today, not in 2000" "$today" "$got"
if command -v strace >/dev/null 2>&1; then
	# (root's strace: the set-user-ID bit still takes effect)
	(cd "$W/home/$CLERK" && exec timeout 60 strace -f -qq -o "$T/strace" \
	    -e trace=fsync,fdatasync setpriv --reuid="$CLERK" --regid="$GRP" \
	    --init-groups -- env -i PATH="$B:/usr/bin:/bin" \
	    HOME="$W/home/$CLERK" HH_FSYNC=0 hh-intake -C "$R" \
	    --procedure T-HT03 --applicant Sync) >/dev/null 2>"$T/err"
	check "HH_FSYNC=0: the commit is still synced" \
	    'grep -Eq "^[0-9]+ +f(data)?sync\\(" "$T/strace"'
else
	check "HH_FSYNC=0: harmless (no strace to see the syncs)" \
	    'as "$CLERK" env HH_FSYNC=0 hh-intake -C "$R" --procedure T-HT03 --applicant Sync'
fi
check "HH_SHARE: the installed calendar, not \$HH_SHARE's" \
    'as "$CLERK" env HH_SHARE="$W/evil" hh-calendar --due \
    --from 2016-02-05T10:00 --working-days 3 | grep -q 2016-02-17T17:00'

check_fail "HH_SHARE: nor its catalogue" 1 "X-EVIL: not in the catalogue" \
    'as "$CLERK" env HH_SHARE="$W/evil" hh-intake -C "$R" --procedure X-EVIL --applicant An'

# Who acts is the real uid's login.
check 'LOGNAME=admin USER=admin: still the clerk' \
    'as "$CLERK" env LOGNAME=admin USER=admin hh-intake -C "$R" --procedure T-HT03 \
    --applicant Ba >/dev/null &&
    [ "$(git --git-dir="$R/.git" log -1 --format=%an)" = "Trần Thị Lan" ]'
check_fail "--actor admin: refused" 1 \
    "actor admin: login $CLERK may act only as lan (center.json actor_override is false)" \
    'as "$CLERK" hh-intake -C "$R" --actor admin --procedure T-HT03 --applicant Ba'
check_fail "HH_ACTOR=admin: refused" 1 \
    "actor admin: login $CLERK may act only as lan (center.json actor_override is false)" \
    'as "$CLERK" env HH_ACTOR=admin hh-intake -C "$R" --procedure T-HT03 --applicant Ba'
check_fail "a uid with no passwd entry: refused" 1 \
    "uid $NOUID has no login name (no passwd entry): refused" \
    '(cd "$W/home/$NOUID" && timeout 60 setpriv --reuid=$NOUID --regid="$GRP" --clear-groups -- \
    env -i HOME="$W/home/$NOUID" "$B/hh-intake" -C "$R" --procedure T-HT03 --applicant Ba)'
check_fail "--actor does not help it" 1 \
    "uid $NOUID has no login name (no passwd entry): refused" \
    '(cd "$W/home/$NOUID" && timeout 60 setpriv --reuid=$NOUID --regid="$GRP" --clear-groups -- \
    env -i HOME="$W/home/$NOUID" "$B/hh-intake" -C "$R" --actor lan --procedure T-HT03 --applicant Ba)'

# The caller's files are opened with the caller's rights.
CH=$W/home/$CLERK
printf '{"procedure": "T-HT03", "applicant": "Lô"}\n' >"$W/srv/acc.jsonl"
chown "$ACC" "$W/srv/acc.jsonl"
chmod 600 "$W/srv/acc.jsonl"
check_fail "--batch a file only the account reads: Permission denied" 1 \
    "$W/srv/acc.jsonl: Permission denied" \
    'as "$CLERK" hh-intake -C "$R" --batch "$W/srv/acc.jsonl"'
check 'hh-report -o into the clerk'"'"'s folder' \
    'as "$CLERK" sh -c "umask 077; exec hh-report -C \"$R\" -o \"$CH/bieu.txt\""'
check_eq "the report is the clerk's, mode from its umask" "600 $CLERK $GRP" \
    "$(stat -c '%a %U %G' "$CH/bieu.txt")"
check_fail "-o into a folder of the tree: Permission denied" 1 \
    "$R/dossiers/bieu.txt: Permission denied" \
    'as "$CLERK" hh-report -C "$R" -o "$R/dossiers/bieu.txt"'
cp "$R/center.json" "$T/center.before"
check_fail "-o over a file of the tree: Permission denied" 1 \
    "$R/center.json: Permission denied" \
    'as "$CLERK" hh-report -C "$R" -o "$R/center.json"'
check_eq "nothing written there" "" \
    "$(ls "$R/dossiers" | grep -v '^[0-9]*$'; cmp "$T/center.before" "$R/center.json")"
check_fail "-o /proc/self/fd/3, the clerk's read-only fd of a tree file: refused" 1 "" \
    'as "$CLERK" sh -c "exec 3<\"$R/center.json\"; exec hh-report -C \"$R\" -o /proc/self/fd/3"'

# Direct writes: the group reads, only the account writes.
M=$(TZ=Asia/Ho_Chi_Minh date +%Y-%m)
[ -f "$R/.git/hh/cache/report" ] || as "$CLERK" hh-report -C "$R" --month "$M" >/dev/null
h0=$(head_of "$R")
denied() { # DESC SCRIPT: the script ($0 is the tree), as the clerk, is
	   # refused with Permission denied and the branch does not move
	d=$1
	st=0; as "$CLERK" sh -c "$2" "$R" >"$T/out" 2>"$T/err" || st=$?
	if [ $st != 0 ] && grep -q "Permission denied" "$T/err" &&
	    [ "$(head_of "$R")" = "$h0" ]; then ok "$d"; else
		notok "$d"; echo "#   status $st"; sed 's/^/#   /' "$T/err" | head -3; fi
}
denied "touch R/dossiers/x" 'touch "$0/dossiers/x"'
denied "append to R/.git/config" 'echo "[core] hooksPath = /tmp" >>"$0/.git/config"'
denied "write R/.git/info/attributes" 'echo "* diff=x" >"$0/.git/info/attributes"'
denied "rm -rf R/.git/hh/tmp" 'rm -rf "$0/.git/hh/tmp"'
denied "git update-ref the branch" \
    'git -c safe.directory="*" --git-dir="$0/.git" update-ref refs/heads/main HEAD~1'
denied "replace the report cache" 'echo junk >"$0/.git/hh/cache/report"'
denied "rename the report cache" 'mv "$0/.git/hh/cache/report" "$0/.git/hh/cache/x"'
denied "git gc as the clerk" 'git -c safe.directory="*" --git-dir="$0/.git" gc --quiet'
check_eq "the tree unchanged" "$h0 ok" \
    "$(head_of "$R") $([ -d "$R/.git/hh/tmp" ] && [ ! -e "$R/dossiers/x" ] &&
        [ -f "$R/.git/hh/cache/report" ] && echo ok)"

# Descriptors the caller closed, limits it set.
check "stdout and stderr closed: nothing of the output lands in the tree" \
    'as "$CLERK" sh -c "exec hh-intake -C \"\$0\" --procedure T-HT03 --applicant Đóng >&- 2>&-" "$R";
    as "$CLERK" hh-check -C "$R" --quiet'
as "$CLERK" sh -c 'ulimit -f 1; exec hh-intake -C "$0" --procedure T-HT03 \
    --applicant Giới --document "$(head -c 3000 /dev/zero | tr "\0" x)"' "$R" \
    >/dev/null 2>&1 || :
check "a file size limit: the next command repairs, hh-check finds nothing" \
    'as "$CLERK" hh-intake -C "$R" --procedure T-HT03 --applicant Sau >/dev/null &&
    as "$CLERK" hh-check -C "$R" --quiet && [ -z "$(modes)" ]'

# The outsider can run nothing and read nothing.
st=0; as "$OUTSIDER" hh-report -C "$R" >"$T/out" 2>"$T/err" || st=$?
check_eq "the outsider cannot run the tools" "126 1" \
    "$st $(grep -c 'Permission denied' "$T/err")"
st=0; as "$OUTSIDER" "$B/hh-init" --version >"$T/out" 2>"$T/err" || st=$?
check_eq "not even --version" 126 "$st"
check_fail "nor read the tree" 1 "$R/center.json: Permission denied" \
    'as "$OUTSIDER" cat "$R/center.json"'
check_fail "nor list it" 2 "Permission denied" 'as "$OUTSIDER" ls "$R"'

# Reading, as an auditor would: plain git and hh-log.
check "plain git log -p as the clerk shows the dossier" \
    'as "$CLERK" git -c safe.directory="*" --git-dir="$R/.git" log -p -1 | grep -q "Sau"'
check "git log -- a dossier file" \
    'as "$CLERK" git -c safe.directory="*" --git-dir="$R/.git" log --format=%an -- "${F#$R/}" | grep -q "Phạm Văn Minh"'
check "hh-log CODE as the clerk" 'as "$CLERK" hh-log -C "$R" "$C" | grep -q "Phạm Văn Minh"'
check "hh-check as the clerk" 'as "$CLERK" hh-check -C "$R"'
# hh-notify: its mark written by the account, as the account's
check_eq "hh-notify as the clerk: the notices, the mark the account's" \
    "$(git --git-dir="$R/.git" log --format=%H -- dossiers | wc -l) 640 $ACC" \
    "$(as "$CLERK" hh-notify -C "$R" | wc -l) $(stat -c '%a %U' "$R/.git/hh/notify")"
check_eq "... and a second run has nothing to tell" "" \
    "$(as "$CLERK" hh-notify -C "$R" 2>&1)"

# A tree another login could swap is refused.
chmod o+w "$R/.git"
check_fail "a world-writable .git: refused" 1 \
    "$R: .git: writable by every login (mode 2752): refused" \
    'as "$CLERK" hh-intake -C "$R" --procedure T-HT03 --applicant Ba'
chmod o-w "$R/.git"
chmod o+w "$R"
check_fail "a world-writable tree: refused" 1 \
    "$R: writable by every login (mode 2752): refused" \
    'as "$CLERK" hh-report -C "$R"'
chmod o-w "$R"
chown "$OFFICER" "$R/.git"
check_fail "a .git of another user: refused" 1 \
    "$R: .git: owned by $OFFICER, not by the records account $ACC: refused" \
    'as "$CLERK" hh-intake -C "$R" --procedure T-HT03 --applicant Ba'
chown "$ACC" "$R/.git"

# A hostile tree (made so by root: no staff login can write it now).
# run CMD...: run it, status in $st, output in $T/out and $T/err
run() { st=0; "$@" >"$T/out" 2>"$T/err" || st=$?; }
# verdict DESC COND: COND holds of the last run
verdict() {
	if eval "$2"; then ok "$1"; else
		notok "$1"; echo "#   status $st"
		head -3 "$T/err" | cut -c1-200 | sed 's/^/#   stderr: /'
		head -3 "$T/out" | cut -c1-200 | sed 's/^/#   stdout: /'
	fi
}
mkdir -p "$W/victim"
echo keep >"$W/victim/a"
echo keep >"$W/victim/b"
chown -R "$ACC" "$W/victim"
rm -rf "$R/.git/hh/tmp"
ln -s "$W/victim" "$R/.git/hh/tmp"
check_fail ".git/hh/tmp a link: hh-intake refuses" 1 \
    "$R/.git/hh/tmp: not a directory (a symbolic link)" \
    'as "$CLERK" hh-intake -C "$R" --procedure T-HT03 --applicant Ba'
check_fail "so does hh-report" 1 \
    "$R/.git/hh/tmp: not a directory (a symbolic link)" \
    'as "$CLERK" hh-report -C "$R" --month "$M"'
check_eq "the victim's files are all there" "a b keep keep" \
    "$(ls "$W/victim" | tr '\n' ' ')$(cat "$W/victim/a" "$W/victim/b" | tr '\n' ' ' | sed 's/ $//')"
rm "$R/.git/hh/tmp"
check "with the link gone, the next command goes on" \
    'as "$CLERK" hh-intake -C "$R" --procedure T-HT03 --applicant Ba >/dev/null &&
    [ -d "$R/.git/hh/tmp" ] && [ ! -h "$R/.git/hh/tmp" ]'

# what the reports say before the tampering (nothing is committed from
# here to the end of it); the time the figures are "up to" aside
asof() { sed 's/ (số liệu đến [^)]*)//' "$@"; }
# same FILE: the last run's output is FILE's
same() { asof "$T/out" | cmp -s - "$1"; }
as "$CLERK" hh-report -C "$R" --month "$M" | asof >"$T/report.before"
as "$CLERK" hh-report -C "$R" --month "$M" --no-cache | asof >"$T/report.nc"
as "$CLERK" hh-report -C "$R" --list | asof >"$T/list.before"
mkdir -p "$W/outside"
chown "$ACC" "$W/outside"
rm -rf "$R/.git/hh/cache"
ln -s "$W/outside" "$R/.git/hh/cache"
run as "$CLERK" hh-report -C "$R" --month "$M"
verdict ".git/hh/cache a link: hh-report as before" \
    '[ $st = 0 ] && [ ! -s "$T/err" ] && same "$T/report.before"'
check_eq "nothing written through it" "" "$(ls -A "$W/outside")"
rm "$R/.git/hh/cache"

# a FIFO, a 2 GB sparse file in place of a dossier file, one edited
G=${F2#$R/}
restore() { # the file at path $1 from HEAD, as the tools leave it
	rm -f "$R/$1"
	git --git-dir="$R/.git" show HEAD:"$1" >"$R/$1"
	chown "$ACC:$GRP" "$R/$1"
	chmod 640 "$R/$1"
}
rm "$F2"
mkfifo -m 640 "$F2"
chown "$ACC:$GRP" "$F2"
LIMIT=20
run as "$CLERK" hh-report -C "$R" --list
verdict "a FIFO for a dossier file: hh-report --list as before, no hang" \
    '[ $st = 0 ] && [ ! -s "$T/err" ] && same "$T/list.before"'
run as "$CLERK" hh-check -C "$R"
verdict "hh-check finishes and names it" '[ $st = 1 ] && grep -q "$C2" "$T/out" "$T/err"'
rm "$F2"
truncate -s 2G "$F2"
chown "$ACC:$GRP" "$F2"
chmod 640 "$F2"
run as "$CLERK" hh-report -C "$R" --list
verdict "a 2 GB sparse dossier file: hh-report --list as before" \
    '[ $st = 0 ] && [ ! -s "$T/err" ] && same "$T/list.before"'
run as "$CLERK" hh-report -C "$R" --month "$M" --no-cache
verdict "hh-report --no-cache as before" \
    '[ $st = 0 ] && [ ! -s "$T/err" ] && same "$T/report.nc"'
run as "$CLERK" hh-check -C "$R"
verdict "hh-check names it" '[ $st = 1 ] && grep -q "$C2" "$T/out" "$T/err"'
LIMIT=60
restore "$G"
jq --tab '.status = "returned" | .class = "late"' "$F2" >"$T/edited"
cat "$T/edited" >"$F2"
run as "$CLERK" hh-report -C "$R" --month "$M"
verdict "a dossier edited on disk: hh-report as before" \
    '[ $st = 0 ] && same "$T/report.before"'
run as "$CLERK" hh-report -C "$R" --month "$M" --no-cache
verdict "hh-report --no-cache as before" \
    '[ $st = 0 ] && same "$T/report.nc"'
run as "$CLERK" hh-report -C "$R" --list
verdict "hh-report --list as before" \
    '[ $st = 0 ] && same "$T/list.before"'
run as "$CLERK" hh-check -C "$R"
verdict "hh-check names it" '[ $st = 1 ] && grep -q "$C2" "$T/out" "$T/err"'
restore "$G"
# the cache overwritten by root: junk of the same size
cp "$R/.git/hh/cache/report" "$T/cache.before"
head -c "$(wc -c <"$T/cache.before")" /dev/urandom >"$R/.git/hh/cache/report"
run as "$CLERK" hh-report -C "$R" --month "$M"
verdict "the cache overwritten: hh-report as before" \
    '[ $st = 0 ] && same "$T/report.before"'
cat "$T/cache.before" >"$R/.git/hh/cache/report"
check_eq "and nothing was committed meanwhile" "$(head_of "$R")" \
    "$(sed -n 1p "$R/.git/hh/worktree")"

# git configuration injected into the repository: hh runs none of it,
# hh-check names it.
cp "$R/.git/config" "$T/config.before"
printf '[diff "x"]\n\ttextconv = touch %s/pwned-textconv\n[core]\n\tfsmonitor = touch %s/pwned-fsmonitor\n' \
    "$W" "$W" >>"$R/.git/config"
printf '*.json diff=x\n' >"$R/.git/info/attributes"
printf '#!/bin/sh\ntouch %s/pwned-hook\n' "$W" >"$R/.git/hooks/post-commit"
chown "$ACC:$GRP" "$R/.git/info/attributes" "$R/.git/hooks/post-commit"
chmod 750 "$R/.git/hooks/post-commit"
as "$CLERK" hh-intake -C "$R" --procedure T-HT03 --applicant Móc >/dev/null 2>&1 || :
as "$CLERK" hh-log -C "$R" "$C" >/dev/null 2>&1 || :
as "$CLERK" hh-report -C "$R" --month "$M" >/dev/null 2>&1 || :
as "$CLERK" hh-check -C "$R" >/dev/null 2>&1 || :
check_eq "hh runs no textconv, fsmonitor or hook" "" "$(ls "$W" | grep pwned)"
run as "$CLERK" hh-check -C "$R"
cat "$T/out" "$T/err" >"$T/findings"
check_eq "hh-check exits 1" 1 "$st"
check "naming diff.x.textconv" 'grep -q "diff\\.x\\.textconv" "$T/findings"'
check "naming the hook" 'grep -q "hooks/post-commit" "$T/findings"'
check "naming info/attributes" 'grep -q "info/attributes" "$T/findings"'
[ "$st" = 1 ] || sed 's/^/#   /' "$T/findings" | head -5
cat "$T/config.before" >"$R/.git/config"
rm -f "$R/.git/info/attributes" "$R/.git/hooks/post-commit"
check "with them gone, hh-check finds nothing" 'as "$CLERK" hh-check -C "$R" --quiet'

# The held lock.
wait "$waitpid" || :
waitpid=""
kill "$lockpid" 2>/dev/null || :
wait "$lockpid" 2>/dev/null || :
lockpid=""
check_eq "a held lock: the wait is said after 2 s" \
    "hh-intake: waiting for $R2/.git/hh/lock (another hh command holds it; giving up after 30 s)" \
    "$(sed -n '1s/^[1-5] //p' "$T/lock.log")"
check "and given up after 30 s (HH_LOCK_WAIT ignored), exit 1" \
    'sed -n 2p "$T/lock.log" | grep -Eq "^(29|3[0-5]) .*the records are busy: another command has held $R2/.git/hh/lock for 30 s; try again" &&
    sed -n 3p "$T/lock.log" | grep -Eq "^(29|3[0-5]) exit 1$"'
[ "$(wc -l <"$T/lock.log")" = 3 ] || sed 's/^/#   /' "$T/lock.log"
check_eq "with nothing written" 1 \
    "$(git --git-dir="$R2/.git" rev-list --count HEAD)"

# hh-notify --mail as the clerk: sendmail runs with the clerk's rights
# (it writes where only the clerk may), never with the account's
printf '#!/bin/sh\ncat >/dev/null && id -un >>"%s"\n' \
    "$W/home/$CLERK/sm.who" >"$W/sm"
chmod 755 "$W/sm"
jq --tab --arg sm "$W/sm" '.notify = {sendmail: $sm, from: "mc@thu.example.vn"}' \
    "$AH/conf/center.json" >"$T/notify.json"
cat "$T/notify.json" >"$AH/conf/center.json"
as "$ADMIN" hh-init --from "$AH/conf" "$R" >/dev/null
as "$CLERK" hh-intake -C "$R" --procedure T-HT03 --applicant "Người Thư" \
    --email thu@example.vn >/dev/null
check_eq "hh-notify --mail as the clerk: sendmail runs as the clerk" \
    "0 $CLERK" \
    "$(as "$CLERK" hh-notify -C "$R" --mail >/dev/null; echo $?) $(cat "$W/home/$CLERK/sm.who")"

check_eq "modes after it all" "" "$(modes)"
check_eq "the account owns nothing outside the trees but what root gave it" "" \
    "$(find "$W" -user "$ACC" ! -path "$R" ! -path "$R/*" ! -path "$R2" \
        ! -path "$R2/*" ! -path "$W/srv/acc*" ! -path "$W/srv/new" \
        ! -path "$W/victim*" ! -path "$W/outside" ! -path "$B/*" \
        ! -path "$D/srv/hh/reports")"
make -s uninstall DESTDIR="$D" PREFIX=$P >"$T/make.out" 2>&1 ||
    cat "$T/make.out" >&2
check_eq "make uninstall leaves no file" "" "$(find "$D" -type f -o -type l)"
done_testing
