#!/bin/sh
# hh-intake: codes, the stored dossier, its commit, and every refusal.
. tests/cli/lib.sh
plan 41
fixture_tree
export HH_NOW=2016-09-05T10:00:00+07:00
P=000.00.21.H54

code=$(hh-intake -C "$R" --actor lan --procedure T-HT03 \
    --applicant "Nguyễn Văn An" --id-number 001099012345 \
    --phone 0912345678 --document "Tờ khai" --document "Giấy khai sinh" \
    --at 2016-09-05T09:00)
check_eq "first code of the day" "$P-160905-0001" "$code"
code2=$(hh-intake -C "$R" --actor hoa --procedure T-HT03 \
    --applicant "Lê Văn Bình" --channel online)
check_eq "second code of the day" "$P-160905-0002" "$code2"
f=$R/dossiers/2016/09/$code.json
check "dossier file where hh-records(5) says" test -f "$f"
check_eq "status" received "$(jq -r .status "$f")"
check_eq "holder is the desk" motcua "$(jq -r .holder "$f")"
check_eq "due after 3 working days" 2016-09-08T17:00:00+07:00 \
    "$(jq -r .due_at "$f")"
check_eq "procedure snapshot" "T-HT03 Hộ tịch 3" \
    "$(jq -r '"\(.procedure.code) \(.procedure.field) \(.procedure.limit.working_days)"' "$f")"
check_eq "documents kept in order, scanned at the counter" \
    "Tờ khai scanned|Giấy khai sinh scanned" \
    "$(jq -r '.documents | map("\(.name) \(.source)") | join("|")' "$f")"
check_eq "one intake event" "intake lan 2016-09-05T09:00:00+07:00" \
    "$(jq -r '.events[] | "\(.action) \(.actor) \(.at)"' "$f")"
check_eq "fixed key order" \
    "schema code rules procedure applicant channel documents received_at effective_from due_at provisional status holder events" \
    "$(jq -r 'keys_unsorted | join(" ")' "$f")"
check "tab-indented with a trailing newline" \
    "grep -q '^	\"schema\":	1,\$' '$f' && [ \"\$(tail -c 1 '$f' | od -An -c | tr -d ' ')\" = '\\n' ]"
check_eq "commit subject" \
    "intake $code: T-HT03 Thay đổi, cải chính hộ tịch (thử)" \
    "$(git -C "$R" log -1 --skip=1 --format=%s)"
check_eq "author is the clerk, at the event time" \
    "Trần Thị Lan <lan@example.vn> 2016-09-05T09:00:00+07:00" \
    "$(git -C "$R" log -1 --skip=1 --format='%an <%ae> %aI')"
check_eq "committer date is when it was recorded" \
    "2016-09-05T10:00:00+07:00" "$(git -C "$R" log -1 --skip=1 --format=%cI)"
check_eq "trailers" "Dossier: $code|Action: intake|Actor: lan" \
    "$(git -C "$R" log -1 --skip=1 --format=%b | sed '/^$/d' | paste -sd'|')"
check "git log -p on the dossier works" \
    "git -C '$R' log -p -- dossiers/2016/09/$code.json | grep -q '^+	\"code\":'"
check "git status says: not a work tree" \
    "! git -C '$R' status 2>&1 | grep -v 'must be run in a work tree'"
check "records are not world-readable" \
    "[ \"\$(stat -c %A '$f' | cut -c8-10)\" = --- ]"
check_eq "--json prints the dossier as stored" "$P-160905-0003" \
    "$(hh-intake -C "$R" --actor lan --procedure T-CT00 --applicant X --json | jq -r .code)"
check "--receipt prints Mẫu 01" \
    "hh-intake -C '$R' --actor lan --procedure T-CT00 --applicant 'Phạm Thị Cúc' --receipt | grep -q 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ'"
check_eq "after the cut-off the clock starts next working day (2/9 is off)" \
    "2016-09-05T07:30:00+07:00" \
    "$(hh-intake -C "$R" --actor lan --procedure T-CT00 --applicant Y --at 2016-09-01T15:30 --json | jq -r .effective_from)"
n=$(git -C "$R" rev-list --count HEAD)
check_eq "-n writes nothing" "$P-160905-0005" \
    "$(hh-intake -n -C "$R" --actor lan --procedure T-CT00 --applicant Z)"
check_eq "-n made no commit" "$n" "$(git -C "$R" rev-list --count HEAD)"

printf '%s\n' '{"procedure":"T-CT00","applicant":"A Một","at":"2016-09-05T08:00"}' \
    '{"procedure":"T-DD15","applicant":"B Hai","channel":"postal","documents":["Đơn"]}' \
    >"$T/ok.jsonl"
check_eq "batch prints one code a line" "$P-160905-0005 $P-160905-0006" \
    "$(hh-intake -C "$R" --actor lan --batch "$T/ok.jsonl" | paste -sd' ')"
check_eq "one commit per dossier" $((n + 2)) "$(git -C "$R" rev-list --count HEAD)"

# Refusals: one line, non-zero, nothing committed.
check_fail "unknown procedure" 1 "procedure X-000: not in the catalogue" \
    hh-intake -C "$R" --actor lan --procedure X-000 --applicant A
check_fail "unknown actor" 1 "actor nobody: not a staff member" \
    hh-intake -C "$R" --actor nobody --procedure T-CT00 --applicant A
check_fail "actor without the desk role" 1 "actor minh: role officer may not intake" \
    hh-intake -C "$R" --actor minh --procedure T-CT00 --applicant A
check_fail "missing applicant" 2 "--applicant: missing" \
    hh-intake -C "$R" --actor lan --procedure T-CT00
check_fail "impossible --at" 1 "month 13" \
    hh-intake -C "$R" --actor lan --procedure T-CT00 --applicant A --at 2016-13-45
check_fail "--at in the future" 1 "in the future" \
    hh-intake -C "$R" --actor lan --procedure T-CT00 --applicant A --at 2016-09-05T10:01
check_fail "bad channel" 1 'channel: "fax" is not direct, online or postal' \
    hh-intake -C "$R" --actor lan --procedure T-CT00 --applicant A --channel fax
printf '%s\n' '{"procedure":"T-CT00","applicant":"Good"}' '{"procedure":"T-CT00",' \
    '{"procedure":"T-CT00","applicant":"Good too"}' >"$T/bad.jsonl"
check_fail "batch with one malformed line" 1 "bad.jsonl:2: column 22: not valid JSON" \
    hh-intake -C "$R" --actor lan --batch "$T/bad.jsonl"
printf '%s\n' '{"procedure":"T-CT00","applicant":"Good"}' '{"procedure":"T-CT00","applicant":"B","colour":"red"}' >"$T/bad2.jsonl"
check_fail "batch with an unknown key" 1 'bad2.jsonl:2: unknown key "colour"' \
    hh-intake -C "$R" --actor lan --batch "$T/bad2.jsonl"
check_fail "name that is not UTF-8" 1 "applicant: not valid UTF-8" \
    hh-intake -C "$R" --actor lan --procedure T-CT00 --applicant "$(printf 'Nguy\351n')"
check_fail "control character in a name" 1 "applicant: not valid UTF-8" \
    hh-intake -C "$R" --actor lan --procedure T-CT00 --applicant "$(printf 'A\033[2JB')"
check_fail "-C at a folder that is not a records tree" 1 "not a records tree" \
    hh-intake -C "$T" --actor lan --procedure T-CT00 --applicant A
check_fail "unknown option" 2 "usage: hh-intake" \
    hh-intake -C "$R" --actor lan --procedure T-CT00 --applicant A --colour red
check_fail "procedure code with a slash" 1 'procedure: bad code "../center"' \
    hh-intake -C "$R" --actor lan --procedure ../center --applicant A
check_fail "stdout on a full disk" 1 "stdout" \
    "hh-intake -n -C '$R' --actor lan --procedure T-CT00 --applicant A >/dev/full"
check "git fsck is clean" git -C "$R" fsck --no-dangling
done_testing
