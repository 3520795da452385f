# 3100-stop.sh - stopping a dossier (dừng giải quyết, DOMAIN Part A §12):
# a step of the 2025 rules, its notice (Mẫu 05), its own report column.
. tests/cli/lib.sh
plan 15
export HH_NOW=2026-11-30T17:00:00+07:00 HH_FSYNC=0
fixture_tree
intake() {
	hh-intake -C "$R" --actor lan --at "$1" --procedure T-HT03 \
	    --applicant "Người Thử"
}
a=$(intake 2026-11-16T08:00)
hh-route -C "$R" --actor lan --at 2026-11-16T09:00 "$a" --to tp >/dev/null
check_eq "a stop prints the code and stopped" "$a stopped" \
    "$(hh-return -C "$R" --actor lan --at 2026-11-17T09:00 "$a" --stop \
    --reason "Người nộp đề nghị dừng" --fee "50.000 đồng")"
check_eq "stopped, outcome stopped, back at the one-stop unit" \
    "stopped stopped motcua" "$(jqd "$a" '"\(.status) \(.outcome) \(.holder)"')"
check_eq "the event: reason, who asked, the stage reached, the fee" \
    'stop {"reason":"Người nộp đề nghị dừng","by":"applicant","stage":"processing","fee":"50.000 đồng"}' \
    "$(jqd "$a" '.events[-1] | "\(.action) \(.details | tojson)"')"
check_eq "tp's share ends without a class" "2026-11-17T09:00:00+07:00 null" \
    "$(jqd "$a" '.shares[-1] | "\(.done_at) \(.class)"')"

b=$(intake 2026-11-18T08:00)
hh-return -C "$R" --actor lan --at 2026-11-18T10:00 "$b" --stop \
    --reason "Không đủ điều kiện" --by agency --print >"$T/m05"
check "--print: the notice is Mẫu 05 of Circular 03/2025" \
    grep -q "'(Mẫu số 05, Thông tư 03/2025/TT-VPCP)'" "$T/m05"
check "... titled as the Circular has it" \
    grep -q "'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ'" "$T/m05"
check "... saying an agency decided it (a paragraph, wrapped)" \
    "tr '\\n' ' ' <'$T/m05' | grep -q 'theo quyết định của cơ quan có thẩm quyền'"

check_eq "the report counts them like withdrawals, in their own column" \
    "2 0 0 0" "$(hh-report -C "$R" --month 2026-11 --format json |
    jq -r '.total | "\(.stopped) \(.withdrawn) \(.resolved.total) \(.open.total)"')"
check "... and the CSV has the column" \
    "hh-report -C '$R' --month 2026-11 --format csv | head -1 | grep -q ',stopped,'"
check_eq "--list --status stopped" "$a
$b" "$(hh-report -C "$R" --list --status stopped --format json |
    jq -r '.dossiers[].code')"

# refusals
o=$(intake 2025-06-30T08:00)
check_fail "a dossier of the 2018 rules is withdrawn, not stopped" 1 \
    "received under the 2018 rules, which have no stopping (use --withdraw)" \
    hh-return -C "$R" --actor lan --at 2026-11-30T08:00 "$o" --stop --reason x
check_fail "--stop without --reason is a usage error" 2 "--stop needs --reason" \
    hh-return -C "$R" --actor lan "$o" --stop
c=$(intake 2026-11-19T08:00)
check_fail "--by is applicant or agency" 1 \
    'by: "mayor" is not applicant or agency' \
    hh-return -C "$R" --actor lan --at 2026-11-19T09:00 "$c" --stop \
    --reason x --by mayor
printf '{"code":"%s","stop":true,"reason":"Đề nghị của người nộp","at":"2026-11-19T10:00"}\n' \
    "$c" >"$T/stop.jsonl"
check_eq "a batch line with stop" "$c stopped" \
    "$(hh-return -C "$R" --actor lan --batch "$T/stop.jsonl")"
check "hh-check: 0 findings" hh-check -C "$R" --quiet
done_testing
