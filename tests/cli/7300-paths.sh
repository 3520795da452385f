#!/bin/sh
# Paths: codes and ids are checked before a path is built (7000-hostile.sh
# has the codes with / and ..); nothing follows a symbolic link out of the
# records tree, and a tree that has one is refused.
. tests/cli/lib.sh
plan 21
fixture_tree
export HH_NOW=2016-09-30T17:00:00+07:00
O=$T/outside
mkdir "$O"
C=$(hh-intake -C "$R" --actor lan --procedure T-HT03 --applicant An --at 2016-09-05T08:00)
F=$(find "$R/dossiers" -name "$C.json")
outside_empty() { [ -z "$(ls -A "$O")" ]; }

# dossiers/2016 a link to a folder outside
rep0=$(hh-report -C "$R" --month 2016-09 --format csv)
mv "$R/dossiers/2016" "$T/2016"
ln -s "$O" "$R/dossiers/2016"
st=0; hh-intake -C "$R" --actor lan --procedure T-HT03 --applicant Bình \
    --at 2016-09-05T09:00 >"$T/out" 2>"$T/err1" || st=$?
check "a dossier folder that is a link: nothing written through it" outside_empty
check_eq "the first command refuses it before committing" 1 "$st"
check_eq "naming the link" \
    "hh-intake: $R/dossiers/2016: not a directory (a symbolic link)" \
    "$(cat "$T/err1")"
check_fail "then every writer refuses the tree" 1 \
    "dossiers/2016: not a directory (a symbolic link)" \
    hh-route -C "$R" --actor admin "$C" --to tp
# a reader reads the commits, never through the link
check_eq "hh-report counts the records" "$rep0" \
    "$(hh-report -C "$R" --month 2016-09 --format csv 2>&1)"
check_eq "and hh-report --no-cache" "$rep0" \
    "$(hh-report -C "$R" --month 2016-09 --format csv --no-cache 2>&1)"
check "still nothing outside" outside_empty
check "hh-check reports it" '! hh-check -C "$R" --quiet >/dev/null'
rm "$R/dossiers/2016"
mv "$T/2016" "$R/dossiers/2016"
check "with the link gone, the next writer exports HEAD again" \
    hh-route -C "$R" --actor admin "$C" --to tp
check "and hh-check is clean" hh-check -C "$R"

# a dossier file that is a link: refused, target untouched
cp "$F" "$O/target"
mv "$F" "$T/dossier.json"
ln -s "$O/target" "$F"
check_fail "a dossier file that is a link to outside: refused" 1 \
    "$C.json: not a regular file (a symbolic link)" \
    hh-route -C "$R" --actor admin "$C" --to tnmt
check "the target outside is untouched" '! grep -q tnmt "$O/target"'
rm "$F" "$O/target"
mv "$T/dossier.json" "$F"
check "with the file back, the step goes in" \
    hh-route -C "$R" --actor admin "$C" --to tnmt

# configuration files that are links: hh-init refuses them
cp "$R/center.json" "$O/center.json"
mv "$R/center.json" "$T/center.json"
ln -s "$O/center.json" "$R/center.json"
check_fail "hh-init: center.json a link" 1 \
    "center.json: not a regular file (a symbolic link)" hh-init --actor admin "$R"
rm "$R/center.json"; mv "$T/center.json" "$R/center.json"
mv "$R/calendar" "$T/calendar"
ln -s /etc/passwd "$R/calendar"
check_fail "hh-init: calendar a link to /etc/passwd" 1 \
    "calendar: not a regular file (a symbolic link)" hh-init --actor admin "$R"
check "and it does not show the file" '! grep -q root: "$T/err"'
rm "$R/calendar"; mv "$T/calendar" "$R/calendar"
ln -s "$R/procedures/T-HT03.json" "$R/procedures/X.json"
check_fail "hh-init: procedures/X.json a link" 1 \
    "procedures/X.json: not a regular file (a symbolic link)" hh-init --actor admin "$R"
rm "$R/procedures/X.json"
mv "$R/procedures" "$T/procedures"
ln -s "$T/procedures" "$R/procedures"
check_fail "hh-init: procedures/ a link" 1 \
    "procedures: not a directory (a symbolic link)" hh-init --actor admin "$R"
rm "$R/procedures"; mv "$T/procedures" "$R/procedures"

# the records tree itself, and the lock file
ln -s "$R" "$T/link"
check_fail "a records tree reached through a link" 1 \
    "not a records tree (a symbolic link)" \
    hh-intake -C "$T/link" --actor lan --procedure T-HT03 --applicant An
mv "$R/.git/hh/lock" "$T/lock"
ln -s "$O/lock" "$R/.git/hh/lock"
check_fail "a lock file that is a link is not followed" 1 "lock" \
    hh-intake -C "$R" --actor lan --procedure T-HT03 --applicant An
rm "$R/.git/hh/lock"
check "nothing outside at the end (but the files the test put there)" '[ -z "$(ls -A "$O" | grep -v "^center.json$")" ]'
done_testing
