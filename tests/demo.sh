#!/bin/sh
# demo.sh - make demo: one day at the desk, on a records tree made from the
# embedded default template (records/ and procedures/), in ./demo-records.
# The clock is pinned with HH_NOW so the day reads the same every time.
set -eu
export LC_ALL=C.UTF-8
TOP=$(pwd)
PATH="$TOP:$PATH"
R=${DEMO_DIR:-$TOP/demo-records}
rm -rf "$R"
unset HH_SHARE HH_ACTOR HH_FSYNC
export HH_RECORDS="$R"
DAY=2026-10-30

at() { export HH_NOW="${DAY}T$1:00+07:00"; printf '\n[%s]' "$1"; }
run() { printf ' $ %s\n' "$*"; "$@"; }
last() { sed -n '$p' "$R/.out"; }
# run and keep the output, to take the dossier code from it
keep() { printf ' $ %s\n' "$*"; "$@" | tee "$R/.out"; }

at 07:15; run hh-init --agency 000.00.21.H54 --name "Bộ phận Một cửa huyện (demo)" "$R"
mkdir -p "$R" && : >"$R/.out"

echo; echo "# 07:40 - a citizen asks for a certified copy (same day)"
at 07:40; keep hh-intake --actor lan --procedure 2.000815 \
    --applicant "Nguyễn Văn An" --phone 0912000111 \
    --document "Bản chính giấy khai sinh" --receipt
A=$(sed -n 's/.*Mã hồ sơ: //p' "$R/.out" | head -1)
echo "# 08:05 - an online application for a war-invalid's child certificate"
at 08:05; keep hh-intake --actor minh --procedure YB-LD04 --channel online \
    --applicant "Trần Thị Bình"
B=$(last)
echo "# 08:30 - a building permit amendment (10 working days)"
at 08:30; keep hh-intake --actor lan --procedure YB-KT05 \
    --applicant "Lê Văn Cường" --document "Đơn đề nghị" --document "Bản vẽ"
C=$(last)
echo "# 09:00 - the desk hands the dossiers to the departments"
at 09:00; run hh-route "$A" --actor lan --to tp
at 09:05; run hh-route "$B" --actor lan --to ldtbxh --officer hung
at 09:10; run hh-route "$C" --actor lan --to ktht --days 8
echo "# 10:30 - Phòng Tư pháp certifies the copy; 11:00 the citizen collects it"
at 10:30; run hh-route "$A" --actor hoa --done
at 11:00; run hh-return "$A" --actor lan
echo "# 14:00 - Phòng LĐTBXH needs one more paper (Mẫu 02)"
at 14:00; run hh-route "$B" --actor hung --supplement "Thiếu bản sao giấy khai sinh" \
    --document "Bản sao giấy khai sinh"
echo "# 15:20 - after the cut-off: counts from Monday"
at 15:20; keep hh-intake --actor minh --procedure 2.000635 --applicant "Phạm Thị Dung"
D=$(last)
at 15:40; run hh-return "$D" --actor minh --withdraw --reason "Công dân rút hồ sơ"

echo; echo "# 17:30 - the day's report and where everything is"
at 17:30; run hh-report --from "$DAY" --to "$DAY"
run hh-report --list
run hh-log "$A"
run git -C "$R" log --format='%h %an: %s' -8
echo; echo "demo records tree: $R (an ordinary git repository; try git -C $R log -p)"
