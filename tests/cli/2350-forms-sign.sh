# 2350-forms-sign.sh - the forms as a clerk signs them (issue 19 item 8):
# the receipt's fee from the catalogue, Mẫu 02's where to hand in and whom
# to ask, Mẫu 03 signed by who refused, and a share (--days) that would
# end after the dossier is due refused.
. tests/cli/lib.sh
plan 19
export HH_NOW=2026-11-30T17:00:00+07:00 HH_FSYNC=0
mkdir -p "$T/share/records" "$T/share/procedures"
cp "$TOP/tests/fixtures/center.json" "$TOP/records/calendar" \
    "$T/share/records/"
cp "$TOP"/tests/fixtures/procedures/*.json "$T/share/procedures/"
# a procedure of 2 working days with a fee
jq --tab '.code = "T-PHI2" | .working_days = 2 | .fee = "50.000 đồng"' \
    "$TOP/tests/fixtures/procedures/T-HT03.json" \
    >"$T/share/procedures/T-PHI2.json"
export HH_SHARE="$T/share"
R="$T/records"
HH_NOW=2015-01-05T07:00:00+07:00 hh-init "$R" >/dev/null
desk="Bộ phận Một cửa huyện Thử"

# Mẫu 01: the fee of the catalogue, recorded with the dossier
hh-intake -C "$R" --actor lan --at 2026-11-16T08:00 --procedure T-PHI2 \
    --applicant "Vũ Thị Phí" --receipt >"$T/r1.txt"
a=$(sed -n 's/.*Mã hồ sơ: //p' "$T/r1.txt")
check "the receipt prints the catalogue's fee" \
    "grep -qx '7. Phí, lệ phí: 50.000 đồng' '$T/r1.txt'"
check_eq "... the dossier records it with its procedure" "50.000 đồng" \
    "$(jqd "$a" .procedure.fee)"
hh-intake -C "$R" --actor lan --at 2026-11-16T08:10 --procedure T-HT03 \
    --applicant "Lê Văn Không" --receipt >"$T/r2.txt"
b=$(sed -n 's/.*Mã hồ sơ: //p' "$T/r2.txt")
check "a procedure that gives no fee: a line to fill in, not \"free\"" \
    "grep -qx '7. Phí, lệ phí: ...................' '$T/r2.txt'"
check_eq "... and no fee in the dossier" false \
    "$(jqd "$b" '.procedure | has("fee")')"

# Mẫu 02 at intake: asked by the desk clerk, at the centre
hh-intake -C "$R" --actor lan --at 2026-11-16T08:20 --procedure T-HT03 \
    --applicant "Đào Văn Thiếu" >"$T/c"
c=$(cat "$T/c")
hh-route -C "$R" --actor lan --at 2026-11-16T08:30 "$c" --supplement \
    "Thiếu bản sao" --print --format html >"$T/m02a.html"
check "Mẫu 02 at intake: hand in at the one-stop unit" \
    "grep -qxF '<p>Hồ sơ bổ sung, hoàn thiện Ông/Bà nộp tại $desk.</p>' '$T/m02a.html'"
check "... ask the clerk, at the centre, by e-mail" \
    "grep -qxF '<p>Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ với Trần Thị Lan, $desk (email: lan@example.vn) để được hướng dẫn.</p>' '$T/m02a.html'"

# Mẫu 02 at appraisal: asked by an officer of Phòng Tư pháp
hh-route -C "$R" --actor lan --at 2026-11-16T09:00 "$a" --to tp >/dev/null
hh-route -C "$R" --actor minh --at 2026-11-17T09:00 "$a" --supplement \
    "Thiếu tờ khai" --print --format html >"$T/m02b.html"
check "Mẫu 02 at appraisal: still handed in at the one-stop unit" \
    "grep -qxF '<p>Hồ sơ bổ sung, hoàn thiện Ông/Bà nộp tại $desk.</p>' '$T/m02b.html'"
check "... the officer asked at her own department, not the desk" \
    "grep -qxF '<p>Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ với Phạm Văn Minh, Phòng Tư pháp (email: minh@example.vn) để được hướng dẫn.</p>' '$T/m02b.html' &&
    ! grep -q 'Minh[^<]*tại Bộ phận Một cửa' '$T/m02b.html'"
check "... and named so as who asked" \
    "grep -qxF '<p>Người yêu cầu bổ sung: Phạm Văn Minh, Phòng Tư pháp</p>' '$T/m02b.html'"

# Mẫu 03 after appraisal: the officer signs as who refused
hh-route -C "$R" --actor minh --at 2026-11-18T09:00 "$a" --supplied >/dev/null
hh-route -C "$R" --actor minh --at 2026-11-18T10:00 "$a" --done --outcome \
    refused --reason "Không đủ điều kiện" --print --format html -n \
    >"$T/m03.html"
hh-route -C "$R" --actor minh --at 2026-11-18T10:00 "$a" --done --outcome \
    refused --reason "Không đủ điều kiện" --print >"$T/m03.txt"
check "Mẫu 03 by an officer: signed as who refused, by name" \
    "grep -qx ' *NGƯỜI NỘP HỒ SƠ  *NGƯỜI TỪ CHỐI GIẢI QUYẾT HỒ SƠ' '$T/m03.txt' &&
    grep -qx ' *Vũ Thị Phí  *Phạm Văn Minh' '$T/m03.txt' &&
    ! grep -q 'NGƯỜI TIẾP NHẬN' '$T/m03.txt'"
check "... whom to ask: the officer, at her department" \
    "grep -qxF '<p>Mọi vướng mắc, Ông/Bà liên hệ với Phạm Văn Minh, Phòng Tư pháp (email: minh@example.vn) để được hướng dẫn.</p>' '$T/m03.html'"

# Mẫu 03 by the one-stop unit's staff (the admin here): the Circular's
# NGƯỜI TIẾP NHẬN HỒ SƠ
hh-route -C "$R" --actor lan --at 2026-11-16T08:40 "$c" --supplied >/dev/null
hh-route -C "$R" --actor admin --at 2026-11-16T08:50 "$c" --done --outcome \
    refused --reason "Không thuộc thẩm quyền" --print >"$T/m03b.txt"
check "Mẫu 03 at the one-stop unit: NGƯỜI TIẾP NHẬN HỒ SƠ, who refused" \
    "grep -qx ' *NGƯỜI NỘP HỒ SƠ  *NGƯỜI TIẾP NHẬN HỒ SƠ' '$T/m03b.txt' &&
    grep -qx ' *Đào Văn Thiếu  *Quản trị Hệ thống' '$T/m03b.txt'"

# A share longer than the time left: refused, naming what remains
e=$(hh-intake -C "$R" --actor lan --at 2026-11-23T08:00 --procedure T-PHI2 \
    --applicant "Ngô Văn Hạn")
check_fail "--days 3 on a 2-working-day dossier: refused" 1 \
    "--days 3 would end 2026-11-27T17:00:00+07:00, after the dossier is due (2026-11-26T17:00:00+07:00): at most 2 working days remain" \
    hh-route -C "$R" --actor lan --at 2026-11-23T09:00 "$e" --to tp --days 3
check_fail "... half a day too many: refused" 1 "at most 2 working days remain" \
    hh-route -C "$R" --actor lan --at 2026-11-23T09:00 "$e" --to tp --days 2.5
printf '{"code":"%s","at":"2026-11-23T09:00","to":"tp","days":4}\n' "$e" \
    >"$T/batch"
check_fail "... and in a batch, with its line" 1 \
    "batch:1: $e: --days 4 would end" \
    hh-route -C "$R" --actor lan --batch "$T/batch"
check_eq "--days 2: the whole limit, accepted" \
    "2026-11-26T17:00:00+07:00" \
    "$(hh-route -C "$R" --actor lan --at 2026-11-23T09:00 "$e" --to tp \
    --days 2 >/dev/null && jqd "$e" '.shares[0].due_at')"
check_fail "a second share that outlasts the dossier: refused" 1 \
    "at most 1 working day remains" \
    hh-route -C "$R" --actor minh --at 2026-11-25T09:00 "$e" --to tnmt \
    --days 1.5
check_fail "... none left on the due day after hours" 1 \
    "no working day remains (route without --days)" \
    hh-route -C "$R" --actor minh --at 2026-11-26T18:00 "$e" --to tnmt \
    --days 0
check "hh-check: the tree the refusals left is sound" hh-check -C "$R"
done_testing
