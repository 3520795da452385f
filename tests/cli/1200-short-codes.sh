#!/bin/sh
# Short dossier codes (hh(7) Dossier codes): today's sequence, YYMMDD-NNNN
# and the end of a code, in hh-route, hh-return and hh-log; ambiguity and
# unknown codes refused naming the candidates, the tree untouched; a batch
# takes whole codes alone.
. tests/cli/lib.sh
plan 25
fixture_tree
export HH_NOW=2016-09-30T17:00:00+07:00 HH_FSYNC=0
P=000.00.21.H54
new() {
	hh-intake -C "$R" --actor lan --procedure T-HT03 --applicant \
	    "Nguyễn Văn An" --at "$1"
}
commits() { git -C "$R" rev-list --count HEAD; }
a=$(new 2016-09-29T08:00)
b=$(new 2016-09-30T08:00)
c=$(new 2016-09-30T08:10)
check_eq "the codes of two days" "$P-160929-0001 $P-160930-0001 $P-160930-0002" \
    "$a $b $c"

check_eq "today's sequence names today's dossier" "$b processing" \
    "$(hh-route -C "$R" --actor lan --at 2016-09-30T09:00 0001 --to tp)"
check_eq "the commit names the whole code" \
    "route $b: T-HT03 Thay đổi, cải chính hộ tịch (thử)" \
    "$(git -C "$R" log -1 --format=%s)"
check_eq "YYMMDD-NNNN names that day's" "$a processing" \
    "$(hh-route -C "$R" --actor lan --at 2016-09-30T09:10 160929-0001 --to tp)"
check_eq "the end of a code from the agency's last part" "$c processing" \
    "$(hh-route -C "$R" --actor lan --at 2016-09-30T09:20 H54-160930-0002 --to tnmt)"
check_eq "several short codes, one step each" "$b processing|$a processing" \
    "$(hh-route -C "$R" --actor minh --at 2016-09-30T10:00 0001 160929-0001 \
    --to tnmt | paste -sd '|')"
hh-route -C "$R" --actor thu --at 2016-09-30T10:30 0001 --done >/dev/null
check_eq "hh-return takes them" "$b early" \
    "$(hh-return -C "$R" --actor lan --at 2016-09-30T11:00 0001)"
check_eq "hh-log takes them, and prints the whole code" \
    "dossier $a: T-HT03 Thay đổi, cải chính hộ tịch (thử)" \
    "$(hh-log -C "$R" 160929-0001 | head -1)"
check_eq "hh-log --json gives the whole code" "$c" \
    "$(hh-log -C "$R" --json 21.H54-160930-0002 | jq -r .code)"

# A dossier of another agency imported with the same day and sequence.
jq ".code = \"000.00.99.H54-160930-0001\"" "$R/dossiers/2016/09/$b.json" \
    >"$T/imported.json"
plain_commit dossiers/2016/09/000.00.99.H54-160930-0001.json "$T/imported.json" \
    "import 000.00.99.H54-160930-0001"
n=$(commits)
files() { find "$R/dossiers" -type f | sort | xargs cat | sha1sum; }
f=$(files)
check_fail "an ambiguous sequence lists the candidates" 1 \
    "hh-route: 0001: ambiguous: 000.00.21.H54-160930-0001, 000.00.99.H54-160930-0001" \
    hh-route -C "$R" --actor lan 0001 --to tp
check_fail "so does an ambiguous YYMMDD-NNNN, in hh-return" 1 \
    "hh-return: 160930-0001: ambiguous: 000.00.21.H54-160930-0001, 000.00.99.H54-160930-0001" \
    hh-return -C "$R" --actor lan 160930-0001
check_fail "and in hh-log" 1 \
    "hh-log: H54-160930-0001: ambiguous: 000.00.21.H54-160930-0001, 000.00.99.H54-160930-0001" \
    hh-log -C "$R" H54-160930-0001
check_eq "a longer end tells them apart" "dossier $b: T-HT03 Thay đổi, cải chính hộ tịch (thử)" \
    "$(hh-log -C "$R" 21.H54-160930-0001 | head -1)"
check_fail "one bad name among good ones: nothing is done" 1 \
    "hh-route: 0001: ambiguous" \
    hh-route -C "$R" --actor thu --at 2016-09-30T12:00 0002 0001 --to tp
check_eq "no commit was made by the refusals" "$n" "$(commits)"
check_eq "nor a file changed" "$f" "$(files)"

# Unknown and malformed names.
check_fail "an unknown sequence of today names today and the nearest" 1 \
    "hh-route: 0020: no such dossier received today, 2016-09-30 (nearest: 160930-0002)" \
    hh-route -C "$R" --actor lan 0020 --to tp
check_fail "an unknown whole code names the nearest" 1 \
    "hh-route: $P-160929-0010: no such dossier (nearest: $P-160929-0001)" \
    hh-route -C "$R" --actor lan "$P-160929-0010" --to tp
check_fail "nothing near: no such dossier alone" 1 \
    "hh-route: 160915-0001: no such dossier" \
    hh-route -C "$R" --actor lan 160915-0001 --to tp
check_fail "the end of a day without its year is not taken" 1 \
    "hh-route: 0929-0001: not a dossier code (AGENCY-YYMMDD-NNNN), nor a short one (YYMMDD-NNNN, today's NNNN)" \
    hh-route -C "$R" --actor lan 0929-0001 --to tp
check_fail "nor a sequence cut short" 1 "hh-log: 001: not a dossier code" \
    hh-log -C "$R" 001
check_fail "nor a day that does not exist" 1 "hh-return: 160931-0001: not a dossier code" \
    hh-return -C "$R" --actor lan 160931-0001
check_fail "nor sequence 0000" 1 "hh-route: 0000: not a dossier code" \
    hh-route -C "$R" --actor lan 0000 --to tp
printf '{"code":"0002","to":"tp"}\n' >"$T/steps.jsonl"
check_fail "a batch takes whole codes alone" 1 \
    "steps.jsonl:1: 0002: not a dossier code (AGENCY-YYMMDD-NNNN)" \
    hh-route -C "$R" --actor admin --batch "$T/steps.jsonl"
# Only the day's month is read: a damaged file in another month's folder
# (a scan would stop on it) changes nothing.
printf 'not json' >"$T/bad.json"
plain_commit dossiers/2016/08/$P-160801-0001.json "$T/bad.json" "damage"
check_eq "the month folder alone is read" "dossier $c: T-HT03 Thay đổi, cải chính hộ tịch (thử)" \
    "$(hh-log -C "$R" 0002 | head -1)"
done_testing
