#!/bin/sh
# Access: a records tree made with --group is group-shared and not
# world-readable; a non-admin login may act only as itself unless
# actor_override; applicants' id numbers stay out of reports, logs and
# messages.  The login tests need root (groupadd, setpriv to nobody).
. tests/cli/lib.sh
plan 20
export HH_NOW=2016-09-30T17:00:00+07:00
ID=001085012345
mkdir -p "$T/share/records" "$T/share/procedures" "$T/home"
cp records/calendar "$T/share/records/"
cp tests/fixtures/procedures/*.json "$T/share/procedures/"
jq --tab '.actor_override = false | .staff += [{"id": "nobody",
    "name": "Người Thử", "email": "nobody@example.vn", "role": "desk",
    "department": "motcua"}]' tests/fixtures/center.json \
    >"$T/share/records/center.json"
export HH_SHARE="$T/share"
chmod 711 "$T"
chmod 755 "$T/home" "$T/share" "$T/share/records" "$T/share/procedures"
chmod 644 "$T"/share/records/* "$T"/share/procedures/*

if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null ||
    ! id nobody >/dev/null 2>&1; then
	skip 17 "needs root, setpriv and user nobody"
else
	GRP=hhtest$$
	groupadd "$GRP"
	# the binaries where any login can run them (the clone may be in
	# root's home)
	mkdir "$T/bin"
	cp "$TOP"/hh-intake "$T/bin/"
	chmod 755 "$T/bin" "$T/bin/hh-intake"
	at_exit 'groupdel "$GRP" 2>/dev/null'
	# as LOGIN with GROUP (and no other): a staff member's login
	as() { u=$1 g=$2; shift 2; setpriv --reuid="$u" --regid="$g" --clear-groups -- \
	    env HOME="$T/home" HH_SHARE="$HH_SHARE" HH_NOW="$HH_NOW" "$@"; }
	R=$T/records
	check "hh-init --group" hh-init --group "$GRP" "$R"
	check_eq "the tree: setgid, group-writable, nothing for others" \
	    "2770 $GRP 2770 $GRP 660 $GRP" \
	    "$(stat -c '%a %G' "$R" "$R/.git" "$R/center.json" | tr '\n' ' ' | sed 's/ $//')"
	check_eq "nothing in it is world-accessible" "" "$(find "$R" -perm /o=rwx)"
	check "another login of the group can write" \
	    as nobody "$GRP" "$T/bin/hh-intake" -C '"$R"' --procedure T-HT03 --applicant An
	check_eq "files written later keep the group and no world access" "" \
	    "$(find "$R" -perm /o=rwx; find "$R" ! -group "$GRP")"
	# plain git on the tree (git gc from root's crontab) keeps it shared
	check "git gc" git -C '"$R"' gc --quiet
	check_eq "the packs are the group's and no one else's" "" \
	    "$(find "$R" -perm /o=rwx; find "$R/.git/objects" ! -group "$GRP")"
	check "the other login still writes after it" \
	    as nobody "$GRP" "$T/bin/hh-intake" -C '"$R"' --procedure T-HT03 --applicant Sau
	head0=$(git --git-dir="$R/.git" rev-parse HEAD)
	check_fail "a login outside the group is refused" 1 \
	    "$R: Permission denied" \
	    as nobody nogroup "$T/bin/hh-intake" -C '"$R"' --procedure T-HT03 --applicant An
	check_eq "with nothing written" "$head0" \
	    "$(git --git-dir="$R/.git" rev-parse HEAD)"

	# --actor: with and without actor_override
	R1=$T/r1 R2=$T/r2
	hh-init "$R1" >/dev/null
	jq --tab '.actor_override = true' "$T/share/records/center.json" >"$T/c2.json"
	cp "$T/share/records/center.json" "$T/c1.json"
	cp "$T/c2.json" "$T/share/records/center.json"
	hh-init "$R2" >/dev/null
	cp "$T/c1.json" "$T/share/records/center.json"
	chown -R nobody "$R1" "$R2"
	chgrp -R "$GRP" "$R1" "$R2"
	R=$R1
	check "a desk login acts as itself" \
	    as nobody "$GRP" "$T/bin/hh-intake" -C '"$R1"' --procedure T-HT03 --applicant An
	check_eq "authored by it" "Người Thử" "$(git --git-dir="$R1/.git" log -1 --format=%an 2>/dev/null || as nobody "$GRP" git --git-dir="$R1/.git" log -1 --format=%an)"
	check_fail "--actor naming someone else is refused" 1 \
	    "actor lan: login nobody may act only as itself (center.json actor_override is false)" \
	    as nobody "$GRP" "$T/bin/hh-intake" -C '"$R1"' --actor lan --procedure T-HT03 --applicant An
	check_fail "so is \$HH_ACTOR" 1 "login nobody may act only as itself" \
	    as nobody "$GRP" env HH_ACTOR=admin "$T/bin/hh-intake" -C '"$R1"' --procedure T-HT03 --applicant An
	check "--actor naming itself is fine" \
	    as nobody "$GRP" "$T/bin/hh-intake" -C '"$R1"' --actor nobody --procedure T-HT03 --applicant An
	check "with actor_override, --actor may name anyone" \
	    as nobody "$GRP" "$T/bin/hh-intake" -C '"$R2"' --actor lan --procedure T-HT03 --applicant An
	R=$T/r3
	mkdir -p "$R"
	hh-init "$R" >/dev/null
	chown -R daemon "$R"
	check_fail "a login that is no staff member is refused" 1 \
	    "login daemon: not a staff member of this centre (give one a \"login\" in center.json, or name the staff member with --actor or HH_ACTOR)" \
	    as daemon "$GRP" "$T/bin/hh-intake" -C '"$R"' --procedure T-HT03 --applicant An
fi

# Id numbers: in the dossier, nowhere else unless asked for.
R=$T/records-id
HH_NOW=2016-09-01T07:00:00+07:00 hh-init "$R" >/dev/null
C=$(hh-intake -C "$R" --actor lan --procedure T-HT03 --applicant "Nguyễn Văn An" \
    --id-number $ID --at 2016-09-05T08:00)
seen() { # CMD...: the id number in its output or messages?
	"$@" >"$T/o" 2>&1 || true
	if grep -q "$ID" "$T/o"; then echo "$*" | sed "s|$R|\$R|"; fi
}
{
	seen hh-route -C "$R" --actor admin --at 2016-09-06T08:00 "$C" --to tp
	seen hh-route -C "$R" --actor admin --at 2016-09-06T09:00 "$C" --supplement thiếu --print
	seen hh-route -C "$R" --actor admin --at 2016-09-07T09:00 "$C" --supplied
	seen hh-route -C "$R" --actor admin "$C" --to xyz
	seen hh-route -C "$R" --actor kiemtra "$C" --done
	seen hh-return -C "$R" --actor hoa --at 2016-09-08T09:00 "$C"
	seen hh-return -C "$R" --actor hoa "$C"
	for f in text csv json html; do
		seen hh-report -C "$R" --month 2016-09 --format $f
		seen hh-report -C "$R" --list --format $f
		seen hh-report -C "$R" --book --month 2016-09 --format $f
		seen hh-report -C "$R" --overdue --with-applicant --format $f
	done
	seen hh-report -C "$R" --list --applicant $ID
	seen hh-log -C "$R" "$C"
	seen hh-log -C "$R" --json "$C"
	seen hh-log -C "$R" --form "$C"
	seen hh-check -C "$R"
	seen hh-check -C "$R" --json
	seen hh-calendar -C "$R" 2016-09
	seen hh-intake -C "$R" --actor lan --procedure T-HT03 --applicant B --id-number "${ID}x"
	seen hh-intake -C "$R" --actor lan --procedure T-XX --applicant B --id-number "$ID"
	seen git -C "$R" log --format=%B
} >"$T/leaks"
check_eq "no command shows the id number unless asked for" "" "$(cat "$T/leaks")"
check "hh-log --full shows it (asked for)" 'hh-log -C "$R" --full "$C" | grep -q $ID'
check "hh-intake --json shows it (the record asked for)" \
    'hh-intake -C "$R" --actor lan --procedure T-HT03 --applicant C --id-number $ID --json | grep -q $ID'
done_testing
