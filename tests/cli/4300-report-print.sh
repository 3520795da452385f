#!/bin/sh
# hh-report, the report people print and open (issue 19 §6): the text
# fits 80 columns (three tables, labels cut; --wide the one table), Biểu
# 06's label and legal basis by the period, the signers, Vietnamese
# figures (1.536; 94,67) in text and HTML, machine ones in CSV and JSON;
# --format xlsx (typed numbers, frozen headings, a sheet per grouping);
# CSV's byte-order mark (--bom, --no-bom, on for a .csv file).
. tests/cli/lib.sh
plan 39
export HH_FSYNC=0 HH_NOW=2026-03-10T08:00:00+07:00
R=$T/r
gen_tree "$R" 3500
squeeze() { tr -s ' ' | sed 's/^ //'; }
# the Vietnamese writing of the number $1 (thousands by dots)
vn() { printf '%s\n' "$1" | sed -e :a -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|\.\)/\1.\2\3/; ta'; }
tot() { hh-report -C "$R" --year 2025 --json | jq -r ".total | $1"; }
hh-report -C "$R" --year 2025 >"$T/y.txt"

# 1-6: 80 columns
check_eq "the text report of a year: every line at most 80 columns" "" \
    "$(awk '{ print NR": "$0 }' "$T/y.txt" | while IFS= read -r l; do
	[ "$(printf '%s\n' "${l#*: }" | wc -L)" -le 80 ] || printf '%s\n' "$l"; done)"
for by in department procedure officer channel; do
	hh-report -C "$R" --year 2025 --by $by >"$T/$by.txt"
done
check_eq "by every grouping too (the procedures' long names cut)" "80 80 80 80" \
    "$(for by in department procedure officer channel; do wc -L <"$T/$by.txt"; done | tr '\n' ' ' | sed 's/ $//')"
check "  a long label cut with an ellipsis" 'grep -q "…  " "$T/procedure.txt"'
hh-report -C "$R" --year 2025 --by procedure --wide >"$T/wide.txt"
check "--wide: one table, every label whole" \
    '[ "$(wc -L <"$T/wide.txt")" -gt 200 ] && ! grep -q "…  " "$T/wide.txt"'
check_eq "  the same rows" "$(grep -c '^ *[0-9]\{1,\}  ' "$T/wide.txt")" \
    "$(($(grep -c '^ *[0-9]\{1,\}  ' "$T/procedure.txt") / 3))"
check_eq "three tables, the headings of each" \
    "Số hồ sơ nhận giải quyết
STT Lĩnh vực Tổng số Trực tuyến Trực tiếp, BC Kỳ trước
Số hồ sơ đã giải quyết
STT Lĩnh vực Tổng số Trước hạn Đúng hạn Quá hạn Tỷ lệ (%)
Số hồ sơ đang giải quyết
STT Lĩnh vực Tổng số Trong hạn Quá hạn Chờ bổ sung Đã rút Đã dừng" \
    "$(grep -E '^ +Số hồ sơ|^STT' "$T/y.txt" | squeeze)"

# 7-12: the figures as Vietnamese writes them, the same as JSON's
rate=$(tot .on_time_rate)
check_eq "the total rows: thousands with dots, the decimal comma" \
    "Tổng số $(vn "$(tot .received.total)") $(vn "$(tot .received.online)") $(vn "$(tot .received.direct)") $(tot .received.carried)
Tổng số $(vn "$(tot .resolved.total)") $(vn "$(tot .resolved.early)") $(vn "$(tot .resolved.on_time)") $(tot .resolved.late) $(echo "$rate" | tr . ,)
Tổng số $(tot .open.total) $(tot .open.within) $(tot .open.overdue) $(tot .open.waiting_supplement) $(tot .withdrawn) $(tot .stopped)" \
    "$(grep '^ *Tổng số ' "$T/y.txt" | squeeze)"
check "  a total of thousands (this tree's year)" \
    '[ "$(tot .received.total)" -ge 1000 ]'
check "  no decimal point in the text" '! grep -q "[0-9]\.[0-9][0-9]$" "$T/y.txt"'
hh-report -C "$R" --year 2025 --format csv >"$T/y.csv"
check_eq "CSV keeps machine figures" \
    "total $(tot .received.total) $rate" \
    "$(tail -1 "$T/y.csv" | cut -d, -f2,4,18 | tr , ' ')"
hh-report -C "$R" --year 2025 --format html >"$T/y.html"
check_eq "HTML: the figures as the text has them" \
    "<td class=\"n\">$(vn "$(tot .received.total)")</td> <td class=\"n\">$(echo "$rate" | tr . ,)</td>" \
    "$(grep -o "<tr class=\"total\">.*" "$T/y.html" | grep -o '<td class="n">[^<]*</td>' | sed -n '2p;$p' | tr '\n' ' ' | sed 's/ $//')"
check "JSON keeps 2 decimals with a point" \
    'hh-report -C "$R" --year 2025 --json | grep -q "\"on_time_rate\":	[0-9]*\.[0-9][0-9]"'

# 13-20: the form's label, its basis by the period, the signers
check_eq "a 2025 period: Biểu 06 of Circular 01/2020" \
    "Biểu số 06/VPCP/KSTT
(Biểu số 06/VPCP/KSTT, Thông tư 01/2020/TT-VPCP)
Tình hình, kết quả giải quyết thủ tục hành chính" "$(sed -n 1,3p "$T/y.txt")"
check_eq "  the centre, the period, the grouping, the source" \
    "Bộ phận Tiếp nhận và Trả kết quả – UBND huyện (mẫu)
Kỳ báo cáo: từ ngày 01/01/2025 đến ngày 31/12/2025
Theo lĩnh vực; đơn vị tính: số hồ sơ
Nguồn: bản ghi $(git --git-dir="$R/.git" rev-parse HEAD)" "$(sed -n 4,7p "$T/y.txt")"
check_eq "February 2026 (ends after 15/2/2026): Circular 05/2025" \
    "Biểu số 06/VPCP/KSTT
(Thông tư 05/2025/TT-VPCP (các cột của Biểu số 06/VPCP/KSTT))" \
    "$(hh-report -C "$R" --month 2026-02 | sed -n 1,2p)"
check_eq "a period before 15/12/2020: the columns' basis" \
    "Biểu số 06/VPCP/KSTT
(các cột của Thông tư 01/2020/TT-VPCP)" \
    "$(hh-report -C "$R" --month 2019-05 | sed -n 1,2p)"
check_eq "the signers' blocks, last" \
    "
                                             …………, ngày …… tháng …… năm ……
            NGƯỜI LẬP BIỂU                         THỦ TRƯỞNG ĐƠN VỊ
         (Ký, ghi rõ họ tên)                 (Ký, ghi rõ họ tên, đóng dấu)" \
    "$(tail -4 "$T/y.txt")"
check "  in --wide too" 'tail -2 "$T/wide.txt" | grep -q "THỦ TRƯỞNG ĐƠN VỊ"'
check_eq "HTML: the label and basis, the period, the signers" \
    '<p class="form">Biểu số 06/VPCP/KSTT<br>Biểu số 06/VPCP/KSTT, Thông tư 01/2020/TT-VPCP</p>
<p class="meta">Kỳ báo cáo: từ ngày 01/01/2025 đến ngày 31/12/2025</p>
<td><p><strong>NGƯỜI LẬP BIỂU</strong></p><p>(Ký, ghi rõ họ tên)</p></td><td><p>…………, ngày …… tháng …… năm ……</p><p><strong>THỦ TRƯỞNG ĐƠN VỊ</strong></p><p>(Ký, ghi rõ họ tên, đóng dấu)</p></td></tr>' \
    "$(grep -o '<p class="form">.*\|<p class="meta">Kỳ báo cáo.*\|<td><p><strong>.*' "$T/y.html")"
check_eq "  a page that ends" "</body>
</html>" "$(tail -2 "$T/y.html")"

# 21-30: the spreadsheet
xl() { python3 - "$@" <<'EOF'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
what = sys.argv[2]
if what == 'sheets':
    print(' | '.join(re.findall(r'<sheet name="([^"]*)"', z.read('xl/workbook.xml').decode())))
elif what == 'pane':
    m = re.search(r'<pane [^>]*>', z.read('xl/worksheets/sheet%s.xml' % sys.argv[3]).decode())
    print(m.group(0) if m else '')
elif what == 'cell':
    # the cell's type (n: a number) and value
    x = z.read('xl/worksheets/sheet%s.xml' % sys.argv[3]).decode()
    m = re.search(r'<c r="%s"( s="\d+")?( t="(\w+)")?>(<f>[^<]*</f>)?<v>([^<]*)</v>' % sys.argv[4], x)
    if not m: print('none'); sys.exit()
    v = m.group(5)
    if m.group(3) == 's':
        ss = re.findall(r'<si><t[^>]*>([^<]*)</t></si>', z.read('xl/sharedStrings.xml').decode())
        print('s', ss[int(v)])
    else:
        print('n', v)
elif what == 'numfmt':
    print(' '.join(re.findall(r'formatCode="([^"]*)"', z.read('xl/styles.xml').decode())))
EOF
}
hh-report -C "$R" --year 2025 --format xlsx -o "$T/y.xlsx" >"$T/out" 2>&1
check_eq "--format xlsx -o: exit 0, nothing printed" "0" "$?$(cat "$T/out")"
check "  a zip that unzip tests clean" 'unzip -tq "$T/y.xlsx"'
check_eq "  a sheet per grouping" \
    "Lĩnh vực | Cơ quan | Thủ tục | Cán bộ | Kênh tiếp nhận" "$(xl "$T/y.xlsx" sheets)"
check_eq "  the headings and the STT and label columns frozen" \
    '<pane xSplit="2" ySplit="10" topLeftCell="C11" activePane="bottomRight" state="frozen"/>' \
    "$(xl "$T/y.xlsx" pane 1)"
check_eq "  the heading lines, as the text's" \
    "s Biểu số 06/VPCP/KSTT|s Kỳ báo cáo: từ ngày 01/01/2025 đến ngày 31/12/2025|s Tổng số|s Số hồ sơ nhận giải quyết" \
    "$(xl "$T/y.xlsx" cell 1 A1)|$(xl "$T/y.xlsx" cell 1 A5)|$(xl "$T/y.xlsx" cell 1 C10)|$(xl "$T/y.xlsx" cell 1 C9)"
nrows=$(hh-report -C "$R" --year 2025 --json | jq '.rows | length')
last=$((11 + nrows))
check_eq "  the total row: number cells, the JSON's figures" \
    "s Tổng số|n $(tot .received.total)|n $(tot .resolved.total)|n $(tot .withdrawn)|n $(tot .on_time_rate | sed 's/0*$//; s/\.$//')" \
    "$(xl "$T/y.xlsx" cell 1 B$last)|$(xl "$T/y.xlsx" cell 1 C$last)|$(xl "$T/y.xlsx" cell 1 G$last)|$(xl "$T/y.xlsx" cell 1 O$last)|$(xl "$T/y.xlsx" cell 1 Q$last)"
check_eq "  the first row: STT a number, the label a string" \
    "n 1|s $(hh-report -C "$R" --year 2025 --json | jq -r '.rows[0].label')|n $(hh-report -C "$R" --year 2025 --json | jq -r '.rows[0].received.total')" \
    "$(xl "$T/y.xlsx" cell 1 A11)|$(xl "$T/y.xlsx" cell 1 B11)|$(xl "$T/y.xlsx" cell 1 C11)"
check_eq "  the rate shown with two decimals" "0.00" "$(xl "$T/y.xlsx" numfmt)"
check_eq "  the procedure sheet's total, the same" "n $(tot .received.total)" \
    "$(xl "$T/y.xlsx" cell 3 C$((11 + $(hh-report -C "$R" --year 2025 --by procedure --json | jq '.rows | length'))))"
hh-report -C "$R" --year 2025 --by channel --format xlsx -o "$T/c.xlsx"
check_eq "--by: its sheet alone" "Kênh tiếp nhận" "$(xl "$T/c.xlsx" sheets)"
head0=$(git --git-dir="$R/.git" rev-parse HEAD)
check_fail "xlsx to the standard output: refused" 1 \
    "hh-report: --format xlsx: needs -o file" \
    'hh-report -C "$R" --year 2025 --format xlsx'
check_fail "xlsx of a list: refused" 1 \
    "hh-report: --format: \"xlsx\" is not text, csv, json or html" \
    'hh-report -C "$R" --list --format xlsx -o "$T/l.xlsx"'
check_eq "  nothing written" "$head0 no" \
    "$(git --git-dir="$R/.git" rev-parse HEAD) $([ -e "$T/l.xlsx" ] && echo yes || echo no)"

# 34-39: CSV's byte-order mark
bom() { od -An -tx1 -N3 "$1" | tr -d ' '; }
hh-report -C "$R" --year 2025 --format csv -o "$T/y1.csv"
check_eq "-o FILE.csv: the mark, then the CSV of the standard output" \
    "efbbbf same" \
    "$(bom "$T/y1.csv") $(tail -c +4 "$T/y1.csv" | cmp -s - "$T/y.csv" && echo same)"
check_eq "the standard output: no mark" "7374" "$(od -An -tx1 -N2 "$T/y.csv" | tr -d ' ')"
hh-report -C "$R" --year 2025 --format csv --no-bom -o "$T/y2.CSV"
check_eq "--no-bom -o FILE.CSV: none" "7374" "$(od -An -tx1 -N2 "$T/y2.CSV" | tr -d ' ')"
check_eq "--bom on the standard output, and the book's CSV" "efbbbf efbbbf" \
    "$(hh-report -C "$R" --year 2025 --format csv --bom | bom /dev/stdin) $(hh-report -C "$R" --book --month 2025-03 --format csv --bom | bom /dev/stdin)"
check_fail "--bom with the text format: refused" 1 \
    "hh-report: --bom: only with --format csv" \
    'hh-report -C "$R" --year 2025 --bom'
check_fail "--bom with --no-bom: a usage error" 2 \
    "hh-report: --bom: not with --no-bom" \
    'hh-report -C "$R" --year 2025 --format csv --bom --no-bom'
done_testing
