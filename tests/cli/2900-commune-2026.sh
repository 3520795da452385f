# 2900-commune-2026.sh - a commune centre of 2026 end to end (issue 15's
# "Done means"): a province-first agency code, desk clerks seconded from
# the departments, dossiers of 30/6/2025 and 1/7/2025 side by side under
# their own rules, a day in November 2026 across the new holiday 24/11, a
# supplement at intake and one at appraisal, an extension, stops, the
# forms as printed pages, notices told once after a kill and a rerun.
. tests/cli/lib.sh
plan 38
export HH_FSYNC=0 HH_NOW=2026-11-30T17:00:00+07:00

# Xã Hưng Hà (Hưng Yên) since 1/7/2025.  Its electronic identifier is not
# known (DOMAIN-2025 §6.2): H15.50.05.13 is the shape of the 2026 example.
# The one-stop unit (motcua) is no department; the clerks belong to the
# departments that second them.
mkdir -p "$T/share/records" "$T/share/procedures"
# a stand-in sendmail(8): each message appended to $T/mbox; with
# $T/sm.sleep holding N it hangs on the Nth (saying so in $T/sm.sleeping)
cat >"$T/sendmail" <<EOF
#!/bin/sh
T='$T'
EOF
cat >>"$T/sendmail" <<'EOF'
n=$(($(cat "$T/sm.count" 2>/dev/null || echo 0) + 1))
echo "$n" >"$T/sm.count"
msg=$(cat)
if [ "$(cat "$T/sm.sleep" 2>/dev/null)" = "$n" ]; then
	: >"$T/sm.sleeping"; sleep 60
fi
printf 'From hh-notify\n%s\n' "$msg" >>"$T/mbox"
EOF
chmod 755 "$T/sendmail"
jq --tab --arg sm "$T/sendmail" '.notify = {"sendmail": $sm,
        "from": "motcua@hungha.example.vn"}
    | .agency_code = "H15.50.05.13"
    | .name = "Trung tâm Phục vụ hành chính công xã Hưng Hà"
    | .desk_unit = "motcua" | .place = "Hưng Hà"
    | .departments = [{"id": "vhxh", "name": "Phòng Văn hóa - Xã hội"},
        {"id": "kt", "name": "Phòng Kinh tế"}]
    | .staff = [
        {"id": "lan", "name": "Trần Thị Lan", "email": "lan@example.vn",
         "role": "desk", "department": "vhxh"},
        {"id": "hoa", "name": "Lê Thị Hoa", "email": "hoa@example.vn",
         "role": "desk", "department": "kt"},
        {"id": "minh", "name": "Phạm Văn Minh", "email": "minh@example.vn",
         "role": "officer", "department": "vhxh"},
        {"id": "thu", "name": "Đỗ Thị Thu", "email": "thu@example.vn",
         "role": "officer", "department": "kt"},
        {"id": "admin", "name": "Quản trị Hệ thống",
         "email": "admin@example.vn", "role": "admin",
         "department": "vhxh"}]' \
    "$TOP/tests/fixtures/center.json" >"$T/share/records/center.json"
cp "$TOP/records/calendar" "$T/share/records/"
for p in T-HT03 T-DD15; do
	jq --tab '.department = (if .department == "tp" then "vhxh" else "kt"
	    end)' "$TOP/tests/fixtures/procedures/$p.json" \
	    >"$T/share/procedures/$p.json"
done
R="$T/records"
HH_NOW=2015-01-05T07:00:00+07:00 HH_SHARE="$T/share" hh-init "$R" >/dev/null

intake() {	# intake CLERK AT PROCEDURE [OPTION...]
	who=$1 at=$2 p=$3; shift 3
	hh-intake -C "$R" --actor "$who" --at "$at" --procedure "$p" \
	    --applicant "Người Thử" "$@"
}
route() { hh-route -C "$R" --actor "$@" >/dev/null; }

# 1. Two dossiers either side of 1/7/2025, both waiting for a supplement
# the applicants never brought
intake lan 2025-06-30T10:00 T-HT03 --receipt >"$T/m01a"
a=$(sed -n 's/.*Mã hồ sơ: \([A-Z0-9.-]*\).*/\1/p' "$T/m01a")
b=$(intake lan 2025-07-01T10:00 T-HT03)
check_eq "a province-first code" "H15.50.05.13-250630-0001 H15.50.05.13-250701-0001" \
    "$a $b"
check_eq "30/6/2025 keeps the 2018 rules, 1/7/2025 has the 2025 ones" \
    "2018 2025" "$(jqd "$a" .rules) $(jqd "$b" .rules)"
check "a receipt of 30/6/2025 is Mẫu 01 of Circular 01/2018" \
    grep -q "'(Mẫu số 01, Thông tư 01/2018/TT-VPCP)'" "$T/m01a"
route lan --at 2025-06-30T10:30 "$a" --to vhxh
route lan --at 2025-07-01T10:30 "$b" --to vhxh
route minh --at 2025-07-02T09:00 "$a" --supplement "'Thiếu tờ khai'"
route minh --at 2025-07-02T09:00 "$b" --supplement "'Thiếu tờ khai'"
check_eq "a clerk seconded by vhxh routes to vhxh: the one-stop unit held them" \
    "vhxh vhxh" "$(jqd "$a" '.shares[0].department') $(jqd "$b" '.shares[0].department')"

# 2. November 2026.  Tuesday 24/11 is a holiday from 2026 on: three
# working days from Monday 23/11 are Wednesday, Thursday and Friday.
# the first of the day: its receipt printed as a page for the citizen
intake lan 2026-11-23T08:00 T-HT03 --document 'Tờ khai' \
    --document 'shown:Căn cước công dân' --email nguoithu@example.vn \
    --id-number 034085012345 --receipt --format html >"$T/m01.html"
c=H15.50.05.13-261123-0001
check_eq "received Monday 23/11/2026, due Friday 27/11 (24/11 is off)" \
    "2026-11-27T17:00:00+07:00" "$(jqd "$c" .due_at)"
check "hh-calendar knows 24/11/2026 as a statutory holiday" \
    "hh-calendar -C '$R' --json 2026-11 | jq -e '.days[] | select(.date == \"2026-11-24\") | .working == false'"
check_eq "the documents and how they came" "scanned shown" \
    "$(jqd "$c" '[.documents[].source] | join(" ")')"
check_eq "the desk asks for a supplement at intake" "$c waiting_supplement" \
    "$(hh-route -C "$R" --actor lan --at 2026-11-23T08:30 "$c" \
    --supplement 'Thiếu bản sao giấy khai sinh' --print >"$T/m02a"
    jqd "$c" '"\(.code) \(.status)"')"
check_eq "... stage intake, issued by lan" "intake lan" \
    "$(jqd "$c" '.supplement | "\(.stage) \(.by)"')"
check "... on Mẫu 02 of Circular 03/2025" \
    grep -q "'(Mẫu số 02, Thông tư 03/2025/TT-VPCP)'" "$T/m02a"
check_eq "supplied Wednesday 25/11: received again, due counted again" \
    "received 2026-11-30T17:00:00+07:00" \
    "$(route lan --at 2026-11-25T08:00 "$c" --supplied
    jqd "$c" '"\(.status) \(.due_at)"')"
check_eq "lan routes it to her own home department" "processing vhxh" \
    "$(route lan --at 2026-11-25T08:30 "$c" --to vhxh --officer minh
    jqd "$c" '"\(.status) \(.holder)"')"
check_eq "the officer asks for a supplement in appraisal" "appraisal minh" \
    "$(route minh --at 2026-11-25T10:00 "$c" --supplement "'Thiếu tờ khai'"
    jqd "$c" '.supplement | "\(.stage) \(.by)"')"
check_eq "supplied Thursday 26/11: due Tuesday 1/12" \
    "processing 2026-12-01T17:00:00+07:00" \
    "$(route minh --at 2026-11-26T08:00 "$c" --supplied
    jqd "$c" '"\(.status) \(.due_at)"')"
hh-route -C "$R" --actor minh --at 2026-11-27T10:00 "$c" --delay \
    --until 2026-12-04 --reason "Chờ xác minh" --print >"$T/m04"
check_eq "an extension: from the due instant to Friday 4/12" \
    "2026-12-01T17:00:00+07:00 2026-12-04T17:00:00+07:00" \
    "$(jqd "$c" '.events[-1].details | "\(.due_before) \(.appointment_at)"')"
check "... on Mẫu 04 of Circular 03/2025" \
    grep -q "'(Mẫu số 04, Thông tư 03/2025/TT-VPCP)'" "$T/m04"

# a stop by the agency's decision, with its notice
e=$(intake hoa 2026-11-23T09:00 T-DD15)
route hoa --at 2026-11-23T09:30 "$e" --to kt
hh-return -C "$R" --actor thu --at 2026-11-25T14:00 "$e" --stop \
    --by agency --reason 'Không thuộc thẩm quyền' --print >"$T/m05"
check_eq "an agency's officer stops a dossier" "stopped agency processing" \
    "$(jqd "$e" '"\(.status) \(.events[-1].details | "\(.by) \(.stage)")"')"
check "... Mẫu 05 of Circular 03/2025" \
    grep -q "'(Mẫu số 05, Thông tư 03/2025/TT-VPCP)'" "$T/m05"

# a resolved and returned one, resolved on Wednesday: on time or early
f=$(intake hoa 2026-11-23T10:00 T-HT03)
route hoa --at 2026-11-23T10:30 "$f" --to vhxh
route minh --at 2026-11-25T16:00 "$f" --done
hh-return -C "$R" --actor hoa --at 2026-11-26T08:00 "$f" >/dev/null
check_eq "resolved Wednesday 25/11 against Friday's due: early" "early returned" \
    "$(jqd "$f" '"\(.class) \(.status)"')"

# the pages as a browser renders and prints them: the receipt's QR code
# reads back the dossier code; the control sheet holds the national
# heading, the centre, its place and its form
hh-log -C "$R" --form --format html "$c" >"$T/m06.html"
chrome() {
	timeout 60 chromium --headless --no-sandbox --disable-gpu \
	    --user-data-dir="$T/chrome" "$@" >/dev/null 2>&1
}
if command -v chromium >/dev/null && command -v zbarimg >/dev/null &&
    command -v pdftotext >/dev/null; then
	chrome --screenshot="$T/m01.png" --window-size=1240,1754 \
	    "file://$T/m01.html"
	check_eq "the receipt's QR code, rendered by chromium, reads $c" "$c" \
	    "$(zbarimg -q --raw "$T/m01.png" 2>/dev/null)"
	chrome --print-to-pdf="$T/m06.pdf" --no-pdf-header-footer \
	    "file://$T/m06.html"
	pdftotext -layout "$T/m06.pdf" "$T/m06.txt" 2>/dev/null || :
	check "the control sheet printed to PDF: the national heading" \
	    grep -q "'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'" "$T/m06.txt"
	check "... the centre, the place and Mẫu 06 of Circular 03/2025" \
	    "grep -q 'Trung tâm Phục vụ hành chính công' '$T/m06.txt' &&
	    grep -q 'Hưng Hà, ngày' '$T/m06.txt' &&
	    grep -q 'Mẫu số 06, Thông tư 03/2025/TT-VPCP' '$T/m06.txt'"
else
	skip 3 "no chromium, zbarimg or pdftotext"
fi

# 3. The two dossiers of 2025 end in November 2026 each by its own rules:
# the 2018 one cannot be stopped, it is withdrawn
check_fail "a 2018-rules dossier has no stopping" 1 \
    "received under the 2018 rules, which have no stopping (use --withdraw)" \
    hh-return -C "$R" --actor lan --at 2026-11-20T09:00 "$a" --stop \
    --reason "'Người nộp đề nghị'"
check "... it is withdrawn" hh-return -C "$R" --actor lan \
    --at 2026-11-20T09:00 "$a" --withdraw --reason "'Người nộp rút'"
check "the 2025 one is stopped at the applicant's request" \
    hh-return -C "$R" --actor lan --at 2026-11-20T09:30 "$b" --stop \
    --reason "'Người nộp đề nghị dừng'"
check_eq "each ended as its rules say" "withdrawn stopped" \
    "$(jqd "$a" .status) $(jqd "$b" .status)"
hh-log -C "$R" --form "$a" >"$T/m06a"
check "a 2018 dossier's control sheet printed in 2026 is Mẫu 06 of 03/2025" \
    grep -q "'(Mẫu số 06, Thông tư 03/2025/TT-VPCP)'" "$T/m06a"

# 4. The report of November 2026: received 5 (carried 2: a, b; new 3: c,
# e, f); resolved 1 (f, early); withdrawn 1 (a); stopped 2 (b, e); open 1
# (c, within its time)
hh-report -C "$R" --month 2026-11 --format json >"$T/nov.json"
check_eq "November 2026: received, carried, resolved, withdrawn, stopped, open" \
    "5 2 1 1 2 1" \
    "$(jq -r '.total | "\(.received.total) \(.received.carried) \(.resolved.total) \(.withdrawn) \(.stopped) \(.open.total)"' "$T/nov.json")"
check_eq "... the one resolved early, the open one within its time" "1 0 0 1" \
    "$(jq -r '.total | "\(.resolved.early) \(.resolved.on_time) \(.resolved.late) \(.open.within)"' "$T/nov.json")"
check "the report names its form by the period (Circular 05/2025)" \
    "jq -e '.form | test(\"05/2025\")' '$T/nov.json'"
# 5. Telling the applicants: every change of every dossier is a notice,
# each delivered once although the first run is killed mid-way
echo 2 >"$T/sm.sleep"
setsid hh-notify -C "$R" --mail >"$T/n1" 2>"$T/ne1" &
pid=$!
i=0; while [ ! -f "$T/sm.sleeping" ] && [ $i -lt 200 ]; do
	sleep 0.05; i=$((i + 1)); done
kill -KILL "-$pid" 2>/dev/null || :
wait "$pid" 2>/dev/null || :
rm -f "$T/sm.sleep"
i=0; while [ -n "$(ps -eo pgid=,stat= | awk -v p="$pid" '$1 == p && $2 !~ /Z/')" ] &&
    [ $i -lt 40 ]; do sleep 0.05; i=$((i + 1)); done
check "the first run was killed on the applicant's second message" \
    "[ -f '$T/sm.sleeping' ] && [ \$(grep -c '^From hh-notify' '$T/mbox') = 1 ]"
hh-notify -C "$R" --mail >"$T/n2" 2>"$T/ne2"
check_eq "after a rerun: every change of every dossier, each once, in order" \
    "$(git -C "$R" log --reverse --format='%H.%(trailers:key=Dossier,valueonly)' -- dossiers | sed '/^$/d')" \
    "$(cat "$T/n1" "$T/n2" | jq -r .id)"
check_eq "... and every change of the dossier with an e-mail, one message each" \
    "$(git -C "$R" log --format=%H -- "dossiers/2026/11/$c.json" | wc -l)" \
    "$(grep -c "^To: nguoithu@example.vn" "$T/mbox")"
check_eq "the stop's notice: back at the centre, by the officer who stopped it" \
    "stopped Trung tâm Phục vụ hành chính công xã Hưng Hà Đỗ Thị Thu" \
    "$(cat "$T/n1" "$T/n2" | jq -r "select(.code == \"$e\" and .status == \"stopped\") | \"\(.status) \(.agency) \(.actor)\"")"
check "no identity number in any notice or message" \
    "! grep -q 034085012345 '$T/n1' '$T/n2' '$T/mbox'"
check_eq "a third run tells nothing" "" "$(hh-notify -C "$R")"
check "hh-check replays the whole history: 0 findings" \
    "hh-check -C '$R' | grep -q ', 0 findings\$'"
check "git fsck is clean" git -C "$R" fsck --no-progress
done_testing
