#!/bin/sh
# The agency identifier is opaque (hh-center(5)): a tree made with the
# 2026 shape, province first (H15.50.05.13), or the 2018 one, province
# last (000.17.22.H56), issues codes AGENCY-YYMMDD-NNNN and every command
# works on them; a malformed identifier is refused.  Dossiers imported
# from a ministry system with a 6- or 7-digit sequence are dossier paths
# for hh-check, counted and listed by hh-report, shown by hh-log, and do
# not move the day's 4-digit sequence hh issues.
. tests/cli/lib.sh
plan 34
mkdir -p "$T/share/records" "$T/share/procedures"
cp "$TOP/tests/fixtures/center.json" "$TOP/records/calendar" "$T/share/records/"
cp "$TOP"/tests/fixtures/procedures/*.json "$T/share/procedures/"
export HH_SHARE="$T/share" HH_FSYNC=0
P=H15.50.05.13
R=$T/records

check "hh-init --agency $P" \
    HH_NOW=2026-10-01T07:00:00+07:00 hh-init --agency $P "'$R'"
check_eq "agency_code in center.json" $P "$(jq -r .agency_code "$R/center.json")"
check_eq "the init commit names it" "init $P: Bộ phận Một cửa huyện Thử" \
    "$(git -C "$R" log -1 --format=%s)"

export HH_NOW=2026-10-08T16:00:00+07:00
c=$(hh-intake -C "$R" --actor lan --procedure T-HT03 \
    --applicant "Nguyễn Văn An" --at 2026-10-08T08:00)
check_eq "intake: the first code of the day" "$P-261008-0001" "$c"
check "filed under its day" test -f "'$R/dossiers/2026/10/$P-261008-0001.json'"
check_eq "route" "$c processing" \
    "$(hh-route -C "$R" --actor lan "$c" --to tp --at 2026-10-08T08:30)"
check_eq "done" "$c resolved" \
    "$(hh-route -C "$R" --actor minh "$c" --done --at 2026-10-08T09:30)"
check_eq "return" "$c early" \
    "$(hh-return -C "$R" --actor lan "$c" --at 2026-10-08T10:00)"
total() {
	hh-report -C "$R" --month 2026-10 --format json | jq -r .total.received.total
}
check_eq "hh-report counts it" 1 "$(total)"
check_eq "hh-report --list lists it" "$c" \
    "$(hh-report -C "$R" --list --format json | jq -r '.dossiers[].code')"
check_eq "hh-log shows it" "dossier $c: T-HT03 Thay đổi, cải chính hộ tịch (thử)" \
    "$(hh-log -C "$R" "$c" | head -1)"
check_eq "hh-check: 0 findings" \
    "$R: HEAD $(git -C "$R" rev-parse --short=10 HEAD): 5 commits checked, 0 findings" \
    "$(hh-check -C "$R" 2>&1)"

# The 2018 shape works the same.
R2=$T/records2
check "hh-init --agency 000.17.22.H56" \
    HH_NOW=2021-05-31T07:00:00+07:00 hh-init --agency 000.17.22.H56 "'$R2'"
check_eq "intake: 000.17.22.H56-210531-0001" 000.17.22.H56-210531-0001 \
    "$(HH_NOW=2021-05-31T09:00:00+07:00 hh-intake -C "$R2" --actor lan \
    --procedure T-HT03 --applicant "Lê Văn Bình")"
check_eq "hh-check: 0 findings" \
    "$R2: HEAD $(git -C "$R2" rev-parse --short=10 HEAD): 2 commits checked, 0 findings" \
    "$(HH_NOW=2021-05-31T10:00:00+07:00 hh-check -C "$R2" 2>&1)"

# Malformed identifiers: only the characters are checked, and the parts.
for a in H15..50.05.13 .H15.50.05.13 H15.50.05.13. h15.50.05.13 A \
    H15-50 "'H15 50'" 000000000000000000000000000000000; do
	check_fail "--agency $a refused" 1 \
	    "is not an agency identifier (capitals, digits and dots, e.g. H15.50.05.13 or 000.17.22.H56)" \
	    hh-init --agency "$a" "'$T/bad'"
done

# Imported with plain git: a 6-digit and a 7-digit sequence of the same
# day.  hh-check finds that plain git, not hh, made the commits, but takes
# the files for dossiers (no "not a dossier path").
for s in 123456 1234567; do
	jq --tab --arg c "$P-261008-$s" '.code = $c' \
	    "$R/dossiers/2026/10/$c.json" >"$T/imp.json"
	plain_commit "dossiers/2026/10/$P-261008-$s.json" "$T/imp.json" \
	    "import $P-261008-$s"
done
check_eq "hh-report counts the imported dossiers" 3 "$(total)"
check_eq "hh-report --list lists them" \
    "$c $P-261008-123456 $P-261008-1234567" \
    "$(hh-report -C "$R" --list --format json | jq -r '[.dossiers[].code] | sort | join(" ")')"
check_eq "hh-log shows a 6-digit one" \
    "dossier $P-261008-123456: T-HT03 Thay đổi, cải chính hộ tịch (thử)" \
    "$(hh-log -C "$R" "$P-261008-123456" | head -1)"
check_eq "hh-log shows a 7-digit one" \
    "dossier $P-261008-1234567: T-HT03 Thay đổi, cải chính hộ tịch (thử)" \
    "$(hh-log -C "$R" "$P-261008-1234567" | head -1)"
st=0; hh-check -C "$R" >"$T/check" 2>&1 || st=$?
check_eq "hh-check: the plain-git commits are findings" 1 "$st"
check_eq "hh-check: they are the import's two commits" \
    "$(git -C "$R" log -2 --format=%h --abbrev=10 | sort | tr '\n' ' ')" \
    "$(grep -v ' commits checked' "$T/check" | cut -d: -f1 | sort -u | tr '\n' ' ')"
check "hh-check: no \"not a dossier path\"" \
    "! grep 'not a dossier path' '$T/check'"
check_fail "a 5-digit sequence is not a code" 1 \
    "$P-261008-12345: not a dossier code (AGENCY-YYMMDD-NNNN)" \
    hh-log -C "$R" "$P-261008-12345"
check_fail "nor an 8-digit one" 1 \
    "$P-261008-12345678: not a dossier code (AGENCY-YYMMDD-NNNN)" \
    hh-log -C "$R" "$P-261008-12345678"
check_eq "the next code of the day is still 4 digits, after 0001" \
    "$P-261008-0002" \
    "$(hh-intake -C "$R" --actor lan --procedure T-HT03 \
    --applicant "Lê Văn Bình" --at 2026-10-08T11:00)"
check_eq "route works on an imported dossier's tree" "$P-261008-0002 processing" \
    "$(hh-route -C "$R" --actor lan "$P-261008-0002" --to tp --at 2026-10-08T11:30)"
done_testing
