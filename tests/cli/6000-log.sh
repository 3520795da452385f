#!/bin/sh
# hh-log: a dossier's history from git, field by field; masking; the
# control sheet (Mẫu 05); on a clone.
. tests/cli/lib.sh
plan 21
fixture_tree
export HH_NOW=2016-09-30T17:00:00+07:00 HH_FSYNC=0
c=$(hh-intake -C "$R" --actor lan --procedure T-HT03 --applicant "Nguyễn Văn An" \
    --id-number 001085012345 --at 2016-09-05T08:00)
other=$(hh-intake -C "$R" --actor lan --procedure T-HT03 --applicant "Bên Cạnh" \
    --at 2016-09-05T08:10)
hh-route -C "$R" --actor lan --at 2016-09-05T09:00 "$c" --to tp --officer minh --days 2 >/dev/null
hh-route -C "$R" --actor lan --at 2016-09-05T09:30 "$other" --to tnmt >/dev/null
hh-route -C "$R" --actor minh --at 2016-09-08T10:00 "$c" --to tnmt --days 0.5 >/dev/null
hh-route -C "$R" --actor thu --at 2016-09-08T16:00 "$c" --done >/dev/null
hh-return -C "$R" --actor hoa --at 2016-09-12T08:00 "$c" >/dev/null

check "hh-log runs" hh-log -C "$R" "$c"
cp "$T/out" "$T/log"
check_eq "one entry per commit that changed the file (not the neighbour's)" 5 \
    "$(grep -c '^commit ' "$T/log")"
check_eq "the commits are the ones git log finds" \
    "$(git -C "$R" log --reverse --format=%H -- "$(find "$R/dossiers" -name "$c.json" | sed "s|$R/||")")" \
    "$(sed -n 's/^commit //p' "$T/log")"
check_eq "author, event time and recording time" \
    "Author:   Phạm Văn Minh <minh@example.vn>
Event:    2016-09-08T10:00:00+07:00
Recorded: 2016-09-30T17:00:00+07:00
Action:   route" \
    "$(sed -n '/^Author:   Phạm/,/^Action/p' "$T/log")"
check "status changed field by field" grep -qxF "'    status: received → processing'" "$T/log"
check "holder changed" grep -qxF "'    holder: tp → tnmt'" "$T/log"
check "an event added" grep -qxF "'    + events[1]: route by lan at 2016-09-05T09:00:00+07:00'" "$T/log"
check "a share closed" grep -qxF "'    + shares[0].class: late'" "$T/log"
check "the events recorded in the file" grep -qF "'    2016-09-12T08:00:00+07:00  return     hoa'" "$T/log"
check "the id number masked" grep -qF "0010******45" "$T/log"
check_eq "the id number never in the clear" 0 "$(grep -c 001085012345 "$T/log" || :)"
check_eq "--full shows it" 1 \
    "$(hh-log -C "$R" --full "$c" | grep -c '"id_number":"001085012345"')"

check "--json" hh-log -C "$R" --json "$c"
check_eq "--json: code, commits, changes, events" \
    "$c 5 route minh status: processing → resolved 5" \
    "$(jq -r '"\(.code) \(.commits | length) \(.commits[2].action) \(.commits[2].email | sub("@.*"; "")) \(.commits[3].changes[0]) \(.events | length)"' "$T/out")"
check_eq "--json: dates in +07:00" "2016-09-05T08:00:00+07:00 2016-09-30T17:00:00+07:00" \
    "$(jq -r '.commits[0] | "\(.author_date) \(.committer_date)"' "$T/out")"

check "--form" hh-log -C "$R" --form "$c"
cp "$T/out" "$T/form"
check "Mẫu 05 title" grep -qF "'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ'" "$T/form"
check_eq "one row per hand-over, with the handing unit's result" \
    "| 1. Giao: Bộ phận Một   | 09 giờ 00 phút,   |           | Hạn: 17 giờ |
| 3. Giao: Phòng Tư pháp | 10 giờ 00 phút,   | Quá hạn   | Hạn: 17 giờ |
| 5. Giao: Phòng Tài     | 16 giờ 00 phút,   | Đúng hạn  | Có kết quả  |
| 7. Giao: Bộ phận Một   | 08 giờ 00 phút,   | Đúng hạn  | Trả kết quả |" \
    "$(grep '^| [0-9]\. Giao' "$T/form")"
check_eq "each department: received, handed on, class (wrapped at 72)" \
    "  - Phòng Tư pháp: nhận 09 giờ 00 phút, ngày 05/09/2016; giao 10 giờ 00
    phút, ngày 08/09/2016; hạn 17 giờ 00 phút, ngày 07/09/2016; Quá hạn
  - Phòng Tài nguyên và Môi trường: nhận 10 giờ 00 phút, ngày
    08/09/2016; giao 16 giờ 00 phút, ngày 08/09/2016; hạn 17 giờ 00
    phút, ngày 08/09/2016; Đúng hạn" \
    "$(grep '^  - \|^    [^ ]' "$T/form")"

# A clone is a normal repository with a work tree.
git clone -q "$R" "$T/clone"
check_eq "on a fresh clone: the same log" "$(cat "$T/log")" \
    "$(hh-log -C "$T/clone" "$c")"
check_fail "an unknown dossier" 1 "hh-log: 000.00.21.H54-160905-0099: no such dossier" \
    hh-log -C "$R" 000.00.21.H54-160905-0099
done_testing
