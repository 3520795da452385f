#!/bin/sh
# The crontab as written (README.md, the same as hh(7)'s and hh-report(1)'s:
# 0900-man checks they are one): after make install, each of its lines
# run as cron runs it, in a clean "env -i PATH=/usr/bin:/bin sh -c LINE"
# with the crontab's own variables (PATH=, HH_RECORDS=) applied and its
# "\%" undone, exits 0 and writes what it says; the morning's overdue
# line prints nothing (cron mails nothing) until something is due.  The
# installed paths (/usr/local/bin, /srv/hh) are those of a DESTDIR.  As
# root, again as the records account of a privileged install, as
# "crontab -u hh" runs it: git gc and the rest on the account's tree.
. tests/cli/lib.sh
plan 30

# The crontab of the README's Cron section, its entries one a line (the
# folded ones joined).
sed -n '/^## Cron/,/^## /p' README.md | sed -n '/^```crontab$/,/^```$/p' |
    sed '1d;$d' |
    sed -e :a -e '/\\$/{N;s/\\\n//;ba' -e '}' >"$T/crontab"
check_eq "no % but \\% in the crontab (cron makes a bare % a line end)" "" \
    "$(grep '[^\]%' "$T/crontab")"
check_eq "its variables: PATH and HH_RECORDS" "PATH HH_RECORDS" \
    "$(sed -n 's/^\([A-Za-z_]*\)=.*/\1/p' "$T/crontab" | tr '\n' ' ' | sed 's/ $//')"
check_eq "the reports, the overdue list, the checks, git gc" \
    "30 6 1 * *|35 6 1 * *|0 7 * * 1-5|0 2 * * 1-6|0 2 * * 0|0 3 * * 0" \
    "$(grep -E '^[0-9*]' "$T/crontab" | cut -d' ' -f1-5 | tr '\n' '|' | sed 's/|$//')"

# cronrun ROOT FILE: each line of FILE (5 fields off) as cron runs it: a clean
# environment, HOME and LOGNAME as cron sets them, the crontab's variables
# with the installed paths under ROOT; standard output and error go to
# $T/cron.N, the exit status to $T/cron.N.st.  $as runs it as a login.
as=""
cronrun() {
	root=$1
	vars=$(grep -E '^[A-Za-z_]+=' "$T/crontab" |
	    sed "s,/usr/local/bin,$root/usr/local/bin,; s,/srv/hh/,$root/srv/hh/,g")
	i=0
	while IFS= read -r line; do
		i=$((i + 1))
		cmd=$(printf '%s\n' "$line" | sed -E 's/^([0-9*,/-]+[[:blank:]]+){5}//' |
		    sed "s,/srv/hh/,$root/srv/hh/,g; s/\\\\%/%/g")
		st=0
		(cd / && $as env -i PATH=/usr/bin:/bin HOME="$home" \
		    LOGNAME="${login:-root}" SHELL=/bin/sh $vars \
		    /bin/sh -c "$cmd") </dev/null >"$T/cron.$i" 2>&1 || st=$?
		echo $st >"$T/cron.$i.st"
	done <"$2"
}
lines() { grep -E '^[0-9*]' "$T/crontab"; }
# the files are named by yesterday's month, as on the 1st; what is
# published is the last complete month
month=$(date -d yesterday +%Y-%m)
last=$(date -d "$(date +%Y-%m-01) -1 day" +%Y-%m)

# --- An unprivileged install (HH_USER=), the tree the account's own.
D=$T/dest
make -s install HH_USER= DESTDIR="$D" PREFIX=/usr/local >"$T/make.out" 2>&1 ||
    cat "$T/make.out" >&2
check "make install makes the reports folder" '[ -d "$D/srv/hh/reports" ]'
R=$D/srv/hh/records
B=$D/usr/local/bin
home=$T
(cd / && env -i PATH="$B:/usr/bin:/bin" HOME="$T" sh -c "
    hh-init '$R' >/dev/null && hh-init --actor admin --witness '$T/witness.git' '$R' &&
    c=\$(hh-intake -C '$R' --actor lan --procedure 2.000815 --applicant 'Nguyễn Văn An') &&
    hh-route -C '$R' \$c --actor lan --to tp && hh-route -C '$R' \$c --actor hoa --done &&
    hh-return -C '$R' \$c --actor lan") >"$T/setup.out" 2>&1 ||
    sed "s/^/# setup: /" "$T/setup.out"
lines >"$T/lines"
cronrun "$D" "$T/lines"
check_eq "every line exits 0" "0 0 0 0 0 0" \
    "$(cat "$T"/cron.[1-6].st | tr '\n' ' ' | sed 's/ $//')"
check "the month's report written as a page: Biểu 06 of the month" \
    'grep -q "Biểu số 06/VPCP/KSTT" "$D/srv/hh/reports/bieu06-$month.html" &&
    grep -q "<title>" "$D/srv/hh/reports/bieu06-$month.html"'
check_eq "and published (its tag)" "report/$last" \
    "$(git --git-dir="$R/.git" tag -l "report/$last")"
check_eq "the month's book in CSV" "no,code" \
    "$(sed -n 1p "$D/srv/hh/reports/book-$month.csv" | cut -d, -f1-2 | sed 's/^\xef\xbb\xbf//')"
check_eq "nothing on the reports' output" "" "$(cat "$T/cron.1" "$T/cron.2")"
check_eq "nothing overdue or due: the overdue line prints nothing" "" \
    "$(cat "$T/cron.3")"
check_eq "the nightly and the weekly full check: nothing (no findings)" "" \
    "$(cat "$T/cron.4" "$T/cron.5")"
check_eq "which pushed the tree to its witness" \
    "$(git --git-dir="$R/.git" rev-parse HEAD) 40" \
    "$(git --git-dir="$T/witness.git" rev-parse HEAD | tee "$T/w") $(tr -d '\n' <"$T/w" | wc -c)"
check_eq "git gc and the commit-graph: silent" "" "$(cat "$T/cron.6")"
check_eq "the objects packed" "0" \
    "$(git --git-dir="$R/.git" count-objects -v | sed -n 's/^count: //p')"
check "with the changed-path Bloom filters" \
    'grep -q BIDX "$R/.git/objects/info/commit-graph"'
check "and the tree still clean for hh-check --full" \
    '(cd / && env -i PATH="$B:/usr/bin:/bin" HOME="$T" hh-check -C "$R" --full --quiet)'
# a dossier due today: the morning's line has news, and mails it
(cd / && env -i PATH="$B:/usr/bin:/bin" HOME="$T" hh-intake -C "$R" \
    --actor lan --procedure 2.000815 --applicant 'Trần Thị Bình') \
    >"$T/code" 2>&1
lines | grep -- --overdue >"$T/lines"
cronrun "$D" "$T/lines"
check_eq "a dossier due today: the overdue line lists it, exit 0" \
    "0 1" "$(cat "$T/cron.1.st") $(grep -c "^$(cat "$T/code") " "$T/cron.1")"
check "make uninstall keeps the reports folder that holds reports" \
    'make -s uninstall DESTDIR="$D" PREFIX=/usr/local && ls "$D/srv/hh/reports/bieu06-$month.html"'

# --- A privileged install, as root: the account's crontab run as the
# account (crontab -u hh -e), on the tree the README makes.
n=12
[ "$(id -u)" = 0 ] || { skip $n "the records account needs root"; done_testing; exit 0; }
for c in useradd userdel groupadd groupdel setpriv; do
	command -v $c >/dev/null 2>&1 ||
	    { skip $n "needs $c"; done_testing; exit 0; }
done
nosuid() { findmnt -n -o OPTIONS -T "$1" 2>/dev/null | tr , '\n' | grep -qx nosuid; }
W=$T
if nosuid "$W"; then
	nosuid /var/tmp && { skip $n "/tmp and /var/tmp are nosuid"; done_testing; exit 0; }
	W=$(mktemp -d /var/tmp/hh-cron.XXXXXX)
	at_exit 'rm -rf "$W"'
fi
chmod 755 "$T" "$W"
ACC=hhcron$$ GRP=hhcrg$$
at_exit 'userdel "$ACC" 2>/dev/null; groupdel "$ACC" 2>/dev/null; groupdel "$GRP" 2>/dev/null'
useradd --system --user-group --home-dir /nonexistent --shell /usr/sbin/nologin "$ACC"
groupadd "$GRP"
D=$W/priv
make -s install DESTDIR="$D" PREFIX=/usr/local HH_USER="$ACC" HH_GROUP="$GRP" \
    >"$T/make.out" 2>&1 || cat "$T/make.out" >&2
check_eq "the reports folder: the account's, the group's, 2750" \
    "2750 $ACC $GRP" "$(stat -c '%a %U %G' "$D/srv/hh/reports")"
chmod 755 "$D" "$D/srv" "$D/srv/hh"
R=$D/srv/hh/records B=$D/usr/local/bin
install -d -o "$ACC" -g "$GRP" -m 2750 "$R"
install -d -o "$ACC" -m 700 "$W/witness"
(cd / && env -i PATH="$B:/usr/bin:/bin" HOME="$T" sh -c "
    hh-init '$R' --group '$GRP' >/dev/null && hh-init --actor admin --witness '$W/witness/w.git' '$R' &&
    c=\$(hh-intake -C '$R' --actor lan --procedure 2.000815 --applicant 'Nguyễn Văn An') &&
    hh-route -C '$R' \$c --actor lan --to tp && hh-route -C '$R' \$c --actor hoa --done &&
    hh-return -C '$R' \$c --actor lan") >"$T/setup.out" 2>&1 ||
    sed "s/^/# setup: /" "$T/setup.out"
check_eq "the tree is the account's" "$ACC" "$(stat -c %U "$R/.git")"
as="setpriv --reuid=$ACC --regid=$ACC --init-groups --"
home=/nonexistent login=$ACC
rm -f "$T"/cron.*
lines >"$T/lines"
cronrun "$D" "$T/lines"
check_eq "as the account: every line exits 0" "0 0 0 0 0 0" \
    "$(cat "$T"/cron.[1-6].st | tr '\n' ' ' | sed 's/ $//')"
check_eq "and prints nothing (no mail)" "" "$(cat "$T"/cron.[1-6])"
check_eq "the report and the book in the reports folder, the account's" \
    "$ACC bieu06-$month.html $ACC book-$month.csv" \
    "$(cd "$D/srv/hh/reports" && stat -c '%U %n' * | tr '\n' ' ' | sed 's/ $//')"
check_eq "published" "report/$last" "$(git --git-dir="$R/.git" tag -l "report/$last")"
check_eq "pushed to the witness" "$(git --git-dir="$R/.git" rev-parse HEAD) 40" \
    "$(git --git-dir="$W/witness/w.git" rev-parse HEAD | tee "$T/w") $(tr -d '\n' <"$T/w" | wc -c)"
check_eq "git gc as the account: no dubious ownership, objects packed" "0" \
    "$(git --git-dir="$R/.git" count-objects -v | sed -n 's/^count: //p')"
check_eq "the packs and the commit-graph are the account's" "" \
    "$(find "$R/.git/objects" ! -user "$ACC")"
check "the commit-graph has its Bloom filters" \
    'grep -q BIDX "$R/.git/objects/info/commit-graph"'
check "the tree still checks clean" \
    '(cd / && env -i PATH="$B:/usr/bin:/bin" HOME="$T" hh-check -C "$R" --full --quiet)'
# the same git gc from root's crontab: what hh(7) warns of
st=0
(cd / && env -i PATH=/usr/bin:/bin HOME="$T" git -C "$R" gc --quiet) \
    >"$T/root.out" 2>&1 || st=$?
check_eq "root's git gc would be refused (dubious ownership)" "128 1" \
    "$st $(grep -c 'dubious ownership' "$T/root.out")"
done_testing
