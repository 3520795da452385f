#!/bin/sh
# make install and make uninstall: binaries, man pages, completion,
# catalogue and template under PREFIX and the reports folder (REPORTDIR),
# here in a DESTDIR; the installed tools find their template there, and
# uninstall removes it all.
. tests/cli/lib.sh
plan 12
D=$T/dest
P=/opt/prefix
# the privileged default needs its account and group, or nothing is put
st=0
make -s install HH_USER=hhnosuch$$ HH_GROUP=hhnosuch$$ DESTDIR="$T/none" \
    PREFIX=$P >"$T/make.out" 2>&1 || st=$?
check_eq "make install without the records account: refused" \
    "2 make install: no user hhnosuch$$ or no group hhnosuch$$: useradd" \
    "$st $(grep -o '^make install: no user [^ ]* or no group [^:]*: useradd' "$T/make.out")"
check_eq "and nothing installed" no "$([ -e "$T/none" ] && echo yes || echo no)"
make -s install HH_USER= DESTDIR="$D" PREFIX=$P >"$T/make.out" 2>&1 ||
    cat "$T/make.out" >&2
check_eq "the ten binaries" 10 "$(ls "$D$P/bin" | grep -c '^hh-')"
check_eq "the man pages (1, 5, 7)" "$(ls man/*.[157] | wc -l | tr -d ' ')" \
    "$(find "$D$P/share/man" -name 'hh*.[157]' | wc -l | tr -d ' ')"
check_eq "the catalogue and the template" \
    "$(ls procedures/*.json | wc -l | tr -d ' ') center.json calendar" \
    "$(ls "$D$P/share/hh/procedures" | wc -l | tr -d ' ') $(ls "$D$P/share/hh/records" | sort -r | tr '\n' ' ' | sed 's/ $//')"
check "the reports folder of the crontab (hh(7))" '[ -d "$D/srv/hh/reports" ]'
check "completion for every command" \
    '[ "$(ls "$D$P/share/bash-completion/completions" | wc -l)" -eq 10 ]'
# the installed tools, away from the source tree, find their template
# beside them (PREFIX/share/hh)
mkdir "$T/elsewhere"
check "installed hh-init makes a tree from the installed template" \
    '(cd "$T/elsewhere" && PATH="$D$P/bin:/usr/bin:/bin" hh-init r >/dev/null)'
check_eq "with the installed catalogue" \
    "$(ls procedures/*.json | wc -l | tr -d ' ')" \
    "$(git -C "$T/elsewhere/r" ls-tree --name-only HEAD procedures/ | wc -l | tr -d ' ')"
check "installed hh-calendar works without a tree" \
    '(cd "$T/elsewhere" && PATH="$D$P/bin:/usr/bin:/bin" hh-calendar --due --from 2016-02-05T10:00 --working-days 3 | grep -q 2016-02-17T17:00)'
make -s uninstall DESTDIR="$D" PREFIX=$P >"$T/make.out" 2>&1 ||
    cat "$T/make.out" >&2
check_eq "uninstall leaves no file" "" "$(find "$D" -type f -o -type l)"
check_eq "nor a folder of its own" "" \
    "$(find "$D" -type d | grep -E '/hh$|bash-completion|man[57]$')"
done_testing
