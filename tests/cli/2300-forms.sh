# 2300-forms.sh - the printed forms as text (72 columns) and as HTML pages
# (issue 15 §11): driven through the tools, the pages rendered by Debian's
# chromium headless, the receipt's QR code read back by zbarimg, the PDF
# read by poppler's pdftotext and pdfinfo.
. tests/cli/lib.sh
plan 29
export HH_NOW=2026-11-30T17:00:00+07:00 HH_FSYNC=0
# the test centre with a place for the date line
mkdir -p "$T/share/records" "$T/share/procedures"
jq --tab '.place = "Hưng Hà"' "$TOP/tests/fixtures/center.json" \
    >"$T/share/records/center.json"
cp "$TOP/records/calendar" "$T/share/records/"
cp "$TOP"/tests/fixtures/procedures/*.json "$T/share/procedures/"
export HH_SHARE="$T/share"
R="$T/records"
HH_NOW=2015-01-05T07:00:00+07:00 hh-init "$R" >/dev/null

# the widest line of a file, in display columns
cols() { LC_ALL=C.UTF-8 wc -L <"$1" | tr -d ' '; }
# a page is one document: a head, a body, an end, no second head
one_page() {
	[ "$(head -1 "$1")" = "<!DOCTYPE html>" ] &&
	[ "$(tail -1 "$1")" = "</html>" ] &&
	[ "$(grep -c '<!DOCTYPE' "$1")" = 1 ] &&
	grep -q '<meta charset="utf-8">' "$1" && grep -q 'size: A4' "$1"
}

long="Nguyễn Thị Phương Thảo Hoàng Trần Lê Phạm Vũ Đặng Bùi Đỗ Hoà"
hh-intake -C "$R" --actor lan --at 2026-11-16T08:00 --procedure T-HT03 \
    --applicant "$long" --address "Số 1, đường Lê Lợi, thị trấn Hưng Hà" \
    --document "Tờ khai thay đổi, cải chính, bổ sung thông tin hộ tịch" \
    --receipt >"$T/r.txt"
a=$(sed -n 's/.*Mã hồ sơ: //p' "$T/r.txt")
check "the text receipt: at most 72 columns with a 60-column name" \
    "[ $(cols "$T/r.txt") -le 72 ] && grep -q 'Nguyễn Thị Phương Thảo' '$T/r.txt'"
check "... the national heading and the place and date" \
    "grep -q 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM' '$T/r.txt' &&
    grep -q '^ *Hưng Hà, ngày 16 tháng 11 năm 2026\$' '$T/r.txt' &&
    grep -q '(Mẫu số 01, Thông tư 03/2025/TT-VPCP)' '$T/r.txt'"

b=$(hh-intake -C "$R" --actor lan --at 2026-11-16T08:30 --procedure T-HT03 \
    --applicant "<b>&\"'" --channel online --document "Tờ khai")
hh-intake -C "$R" --actor lan --at 2026-11-16T09:00 --procedure T-HT03 \
    --applicant "Trần Văn Bình" --receipt --format html >"$T/r.html"
c=$(sed -n 's/.*Mã hồ sơ: \([^<]*\)<.*/\1/p' "$T/r.html")
check "hh-intake --receipt --format html: one page" one_page "$T/r.html"
check "... its QR code an inline SVG" \
    "grep -q '<svg viewBox=' '$T/r.html' && grep -q 'aria-label=\"$c\"' '$T/r.html'"
check "... nothing fetched: no URL, src, link or script" \
    "! grep -Eq 'http|src=|url\\(|<link|<script|@import' '$T/r.html'"
check "... a serif font, Times New Roman first" \
    "grep -q 'font-family: \"Times New Roman\", .*serif' '$T/r.html'"
check_fail "--format without --receipt: a usage error naming it" 2 \
    "--format: only with --receipt" \
    hh-intake -C "$R" --actor lan --procedure T-HT03 --applicant X \
    --format html
check_eq "... on one line" 1 "$(wc -l <"$T/err" | tr -d ' ')"
check_fail "--format pdf: not text or html" 2 '"pdf" is not text or html' \
    hh-intake -C "$R" --actor lan --procedure T-HT03 --applicant X \
    --receipt --format pdf

# Mẫu 02 asked at appraisal, Mẫu 04 with its signer, Mẫu 03
hh-route -C "$R" --actor lan --at 2026-11-16T10:00 "$a" --to tp >/dev/null
hh-route -C "$R" --actor minh --at 2026-11-17T09:00 "$a" --supplement \
    "Thiếu tờ khai" --document "Tờ khai" --print --format html >"$T/m02.html"
check "hh-route --print --format html: Mẫu 02 on one page" \
    "one_page '$T/m02.html' && grep -q 'PHIẾU YÊU CẦU BỔ SUNG' '$T/m02.html'"
check "... its stage and who asked, at her unit" \
    "grep -q 'Giai đoạn yêu cầu bổ sung: thẩm định, giải quyết hồ sơ' '$T/m02.html' &&
    grep -q 'liên hệ với Phạm Văn Minh, Phòng Tư pháp (email: minh@example.vn)' '$T/m02.html'"
hh-route -C "$R" --actor lan --at 2026-11-16T10:30 "$b" --to tp >/dev/null
check "... the applicant's name escaped, the page's own markup not" \
    "hh-route -C '$R' --actor minh --at 2026-11-16T11:00 '$b' --supplement \
    'Thiếu' --print --format html >'$T/m02b.html' &&
    grep -q '&lt;b&gt;&amp;&quot;&#39;' '$T/m02b.html' &&
    ! grep -q '<b>&' '$T/m02b.html'"
hh-route -C "$R" --actor minh --at 2026-11-18T09:00 "$a" --supplied >/dev/null
hh-route -C "$R" --actor minh --at 2026-11-19T10:00 "$a" --delay \
    --until 2026-11-27 --reason "Chờ xác minh" --print >"$T/m04.txt"
check "Mẫu 04 as text: 72 columns at most" "[ $(cols "$T/m04.txt") -le 72 ]"
check "... the extension, its signer, no earlier one" \
    "grep -q 'Các lần gia hạn trước: không' '$T/m04.txt' &&
    grep -q 'THỦ TRƯỞNG CƠ QUAN' '$T/m04.txt' &&
    grep -q '^ *Phạm Văn Minh\$' '$T/m04.txt'"
hh-log -C "$R" --form --format html "$a" >"$T/m06.html"
check "hh-log --form --format html: the control sheet on one page" \
    "one_page '$T/m06.html' && grep -q '(Mẫu số 06, Thông tư 03/2025/TT-VPCP)' '$T/m06.html' &&
    grep -q '<table class=\"grid\">' '$T/m06.html'"
hh-log -C "$R" --form "$a" >"$T/m06.txt"
check "... as text, its table in 72 columns" \
    "[ $(cols "$T/m06.txt") -le 72 ] && grep -q '^+-.*-+\$' '$T/m06.txt'"
check_fail "hh-log --format without --form: a usage error" 2 \
    "--format: only with --form" hh-log -C "$R" --format html "$a"
check_fail "hh-route --format without --print: a usage error" 2 \
    "--format: only with --print" hh-route -C "$R" --actor minh "$a" \
    --done --format html

d=$(hh-intake -C "$R" --actor lan --at 2026-11-20T08:00 --procedure T-HT03 \
    --applicant "Người Dừng")
hh-return -C "$R" --actor lan --at 2026-11-20T09:00 "$d" --stop \
    --reason "Người nộp đề nghị dừng" --print --format html >"$T/m05.html"
check "hh-return --stop --print --format html: the stop notice" \
    "one_page '$T/m05.html' && grep -q 'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ' '$T/m05.html'"

# a batch: its forms on one page, a form a sheet, the steps without a form
# left out
e=$(hh-intake -C "$R" --actor lan --at 2026-11-23T08:00 --procedure T-HT03 \
    --applicant "Lô Một")
f=$(hh-intake -C "$R" --actor lan --at 2026-11-23T08:10 --procedure T-HT03 \
    --applicant "Lô Hai")
g=$(hh-intake -C "$R" --actor lan --at 2026-11-23T08:20 --procedure T-HT03 \
    --applicant "Lô Ba")
hh-route -C "$R" --actor lan --at 2026-11-23T08:30 "$e" "$f" "$g" --to tp \
    >/dev/null
printf '{"code": "%s", "supplement": "Thiếu tờ khai", "at": "2026-11-23T09:00"}
{"code": "%s", "to": "tnmt", "at": "2026-11-23T09:05"}
{"code": "%s", "supplement": "Thiếu bản sao", "at": "2026-11-23T09:10"}\n' \
    "$e" "$f" "$g" >"$T/batch"
hh-route -C "$R" --actor minh --batch "$T/batch" --print --format html \
    >"$T/batch.html"
check_eq "a batch's forms: one page, two sections" "1 2" \
    "$(grep -c '<!DOCTYPE' "$T/batch.html") $(grep -c '<section class="form">' "$T/batch.html")"
check "... the routed line prints nothing" \
    "one_page '$T/batch.html' && ! grep -q ' processing' '$T/batch.html'"

# Rendered by a browser: the QR code decodes to the dossier code, the PDF
# is A4 and holds the heading.
chrome() {
	timeout 60 chromium --headless --no-sandbox --disable-gpu \
	    --user-data-dir="$T/chrome" "$@" >/dev/null 2>&1
}
if ! command -v chromium >/dev/null 2>&1; then
	skip 8 "no chromium"
else
	chrome --screenshot="$T/r.png" --window-size=1240,1754 \
	    "file://$T/r.html"
	check "chromium renders the receipt" test -s "$T/r.png"
	if command -v zbarimg >/dev/null 2>&1; then
		check_eq "zbarimg reads the QR code: the dossier code" "$c" \
		    "$(zbarimg -q --raw "$T/r.png" 2>/dev/null)"
	else
		skip 1 "no zbarimg (zbar-tools)"
	fi
	chrome --print-to-pdf="$T/r.pdf" --no-pdf-header-footer \
	    "file://$T/r.html"
	check "chromium prints the receipt to PDF" test -s "$T/r.pdf"
	chrome --print-to-pdf="$T/batch.pdf" --no-pdf-header-footer \
	    "file://$T/batch.html"
	if command -v pdftotext >/dev/null 2>&1 &&
	    command -v pdfinfo >/dev/null 2>&1; then
		pdftotext "$T/r.pdf" "$T/r.pdf.txt" 2>/dev/null || :
		check "pdftotext: the national heading" \
		    grep -q "'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'" "$T/r.pdf.txt"
		check "... and the title and the code" \
		    "grep -q 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ' '$T/r.pdf.txt' &&
		    grep -q '$c' '$T/r.pdf.txt'"
		size=$(pdfinfo "$T/r.pdf" 2>/dev/null |
		    sed -n 's/^Page size: *\([0-9.]*\) x \([0-9.]*\) pts.*/\1 \2/p')
		check_eq "pdfinfo: A4 (595 x 842 pts)" "595 842" \
		    "$(echo "$size" | awk '{ printf "%.0f %.0f", $1, $2 }')"
		check_eq "... one page for the receipt" 1 \
		    "$(pdfinfo "$T/r.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')"
		check_eq "the batch's two forms: two sheets" 2 \
		    "$(pdfinfo "$T/batch.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')"
	else
		skip 5 "no pdftotext or pdfinfo (poppler-utils)"
	fi
fi
