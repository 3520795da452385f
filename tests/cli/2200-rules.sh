# 2200-rules.sh - rule sets and form sets by date (DOMAIN Part A §10): a
# dossier keeps the rules of its day of receipt for life; a form is
# numbered by the day it is issued; a later decree is a row of center.json.
. tests/cli/lib.sh
plan 13
export HH_NOW=2026-11-30T17:00:00+07:00 HH_FSYNC=0
fixture_tree

intake() {
	hh-intake -C "$R" --actor lan --at "$1" --procedure T-HT03 \
	    --applicant "Người Thử" ${2:-}
}
a=$(intake 2025-06-30T10:00)
b=$(intake 2025-07-01T10:00)
check_eq "received 30/6/2025: rules 2018; 1/7/2025: rules 2025" \
    "2018 2025" "$(jqd "$a" .rules) $(jqd "$b" .rules)"
intake 2025-09-12T10:00 --receipt >"$T/r1"
intake 2025-09-15T10:00 --receipt >"$T/r2"
check "a receipt of 12/9/2025: Mẫu 01 of Circular 01/2018" \
    grep -q "'(Mẫu số 01, Thông tư 01/2018/TT-VPCP)'" "$T/r1"
check "a receipt of 15/9/2025: Mẫu 01 of Circular 03/2025" \
    grep -q "'(Mẫu số 01, Thông tư 03/2025/TT-VPCP)'" "$T/r2"

# received on Friday 12/9/2025 (the 2018 forms), due Wednesday 17/9; its
# apology, issued on Monday 15/9, is a form of 2025: a form is numbered by
# its day of issue, the rules stay the dossier's
b=$(intake 2025-09-12T11:00)
hh-route -C "$R" --actor lan --at 2025-09-12T14:00 "$b" --to tp >/dev/null
hh-route -C "$R" --actor minh --at 2025-09-15T10:00 "$b" --delay \
    --until 2025-09-22 --reason "Chờ xác minh" --print >"$T/m04"
check "an apology of 15/9/2025 is the Mẫu 04 of Circular 03/2025" \
    grep -q "'(Mẫu số 04, Thông tư 03/2025/TT-VPCP)'" "$T/m04"
check "... under its title of 2025" \
    grep -q "'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT'" "$T/m04"
check_eq "... and the dossier keeps its rules" 2025 "$(jqd "$b" .rules)"
hh-log -C "$R" --form "$b" >"$T/m06"
check "the control sheet of 2025 is Mẫu 06" \
    grep -q "'(Mẫu số 06, Thông tư 03/2025/TT-VPCP)'" "$T/m06"
check "hh-check: 0 findings" hh-check -C "$R" --quiet
# the report names its form by the period's last day (DOMAIN Part A §20)
check_eq "a report of 9/2025: Biểu 06 of Circular 01/2020" \
    "(Biểu số 06/VPCP/KSTT, Thông tư 01/2020/TT-VPCP)" \
    "$(hh-report -C "$R" --month 2025-09 | sed -n 2p)"
check_eq "a report of 11/2026: the regime of Circular 05/2025 (JSON form)" \
    "Thông tư 05/2025/TT-VPCP (các cột của Biểu số 06/VPCP/KSTT)" \
    "$(hh-report -C "$R" --month 2026-11 --format json | jq -r .form)"
check_eq "a report of 2016 names none" "null" \
    "$(hh-report -C "$R" --month 2016-09 --format json | jq -r .form)"

# a later decree: a row of center.json, not code
mkdir -p "$T/s2/records" "$T/s2/procedures"
jq --tab '.rule_sets = [
	{"id": "2018", "from": "2018-08-21", "basis": "Nghị định 61/2018/NĐ-CP"},
	{"id": "2025", "from": "2025-07-01", "basis": "Nghị định 118/2025/NĐ-CP"},
	{"id": "2026b", "from": "2026-11-01", "basis": "Nghị định (thử)"}]' \
    "$TOP/tests/fixtures/center.json" >"$T/s2/records/center.json"
cp "$TOP/records/calendar" "$T/s2/records/"
cp "$TOP"/tests/fixtures/procedures/*.json "$T/s2/procedures/"
R="$T/tree2"
HH_NOW=2015-01-05T07:00:00+07:00 HH_SHARE="$T/s2" hh-init "$R" >/dev/null
c=$(intake 2026-11-02T10:00)
check_eq "a row added in center.json rules what is received from its day" \
    2026b "$(jqd "$c" .rules)"
jq --tab '.rule_sets[1].from = "2017-01-01"' "$T/s2/records/center.json" \
    >"$T/bad.json"
mkdir -p "$T/s3/records" && cp -r "$T/s2/procedures" "$T/s3/" &&
    cp "$T/bad.json" "$T/s3/records/center.json" &&
    cp "$TOP/records/calendar" "$T/s3/records/"
st=0; HH_SHARE="$T/s3" hh-init "$T/tree3" 2>"$T/err" >/dev/null || st=$?
check_eq "rows out of order are refused, naming the row" \
    "1 hh-init: center.json: rule_sets[1].from: not after the row before" \
    "$st $(cat "$T/err")"
done_testing
