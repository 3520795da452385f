#!/bin/sh
# hh-report: the on-time report as of a period's end, its formats, the
# tracking book, --list and --overdue, on a small tree made with the real
# commands.
. tests/cli/lib.sh
plan 63
fixture_tree
export HH_NOW=2016-12-31T17:00:00+07:00
export HH_RECORDS="$R"
P=000.00.21.H54
new() {
	hh-intake --actor lan --procedure "$1" --applicant "$2" \
	    --id-number 012345678901 --at "$3" ${4:+--channel "$4"}
}
route() { hh-route --actor admin --at "$2" "$1" ${3:+--to "$3"} \
    ${4:+--officer "$4"} >/dev/null; }
done_() { hh-route --actor admin --at "$2" "$1" --done >/dev/null; }
head_() { git -C "$R" rev-parse HEAD; }
rep() { hh-report "$@" --format json; }
tot() { jq -r ".total | $1"; }

# August: a (carried into September, resolved early there), b (resolved
# in August).  September: c online (on time), d postal (late), e (waiting
# for a supplement at the end, past its first due), f (withdrawn),
# g (open, past due), h (open, within).  October: c2.
da=$(new T-DD15 "Nguyễn Văn An" 2016-08-25T09:00)
db=$(new T-HT03 "Trần Thị Bình" 2016-08-26T09:00)
done_ "$db" 2016-08-29T10:00
dc=$(new T-HT03 "Lê Văn Cường" 2016-09-05T09:00 online)
dd=$(new T-HT03 "Phạm Thị Dung" 2016-09-05T09:30 postal)
de=$(new T-HT03 "Hoàng Văn Em" 2016-09-06T09:00)
df=$(new T-HT03 "Vũ Thị Phương" 2016-09-06T09:30)
dg=$(new T-HT03 "Đỗ Văn Giang" 2016-09-07T09:00)
dh=$(new T-KH15 "Ngô Thị Hà" 2016-09-28T09:00)
route "$da" 2016-08-25T10:00 tnmt thu
done_ "$da" 2016-09-12T10:00
route "$dc" 2016-09-05T10:00 tp minh
done_ "$dc" "$(jqd "$dc" .due_at)"
route "$dd" 2016-09-05T10:00 tp minh
done_ "$dd" 2016-09-20T10:00
route "$de" 2016-09-06T10:00 tp
hh-route --actor admin --at 2016-09-07T10:00 "$de" \
    --supplement "thiếu giấy tờ" >/dev/null
hh-return --actor admin --at 2016-09-06T10:00 "$df" --withdraw >/dev/null
route "$dg" 2016-09-07T10:00 tp minh

sep=$(rep --month 2016-09)
check_eq "source is the records commit" "$(head_)" \
    "$(printf '%s' "$sep" | jq -r .source)"
check_eq "period" "2016-09-01 2016-09-30 2016-09-30T23:59:59+07:00" \
    "$(printf '%s' "$sep" | jq -r '.period | "\(.from) \(.to) \(.as_of)"')"
check_eq "received: total, carried, online, direct+postal" "7 1 1 5" \
    "$(printf '%s' "$sep" | tot '.received | "\(.total) \(.carried) \(.online) \(.direct)"')"
check_eq "resolved: early, on time, late" "3 1 1 1" \
    "$(printf '%s' "$sep" | tot '.resolved | "\(.total) \(.early) \(.on_time) \(.late)"')"
check_eq "open: within, overdue, waiting apart" "3 1 1 1" \
    "$(printf '%s' "$sep" | tot '.open | "\(.total) \(.within) \(.overdue) \(.waiting_supplement)"')"
check_eq "withdrawn; rate to two decimals" "1 66.67" \
    "$(printf '%s' "$sep" | tot '"\(.withdrawn) \(.on_time_rate)"')"
check_eq "rows by field, the invariant on each" "Đất đai:1=1 Hộ tịch:6=6" \
    "$(printf '%s' "$sep" | jq -r '[.rows[] | "\(.key):\(.received.total)=\(.resolved.total + .withdrawn + .open.total)"] | join(" ")')"
aug=$(rep --month 2016-08)
check_eq "August's open at the end is September's carried" \
    "$(printf '%s' "$aug" | tot .open.total)" \
    "$(printf '%s' "$sep" | tot .received.carried)"
check_eq "August: nothing resolved late, rate 100" "1 100" \
    "$(printf '%s' "$aug" | tot '"\(.resolved.early) \(.on_time_rate)"')"
check "the rate keeps two decimals in JSON" \
    "printf '%s' \"\$aug\" | grep -q '\"on_time_rate\":	100.00'"
check_eq "by officer: the last routed to" "-:3 thu:1 minh:3" \
    "$(rep --month 2016-09 --by officer | jq -r '[.rows[] | "\(.key):\(.received.total)"] | join(" ")')"
check_eq "by channel" "postal:1 direct:5 online:1" \
    "$(rep --month 2016-09 --by channel | jq -r '[.rows[] | "\(.key):\(.received.total)"] | join(" ")')"
check_eq "by department, labelled from the centre" "Phòng Tài nguyên và Môi trường Phòng Tư pháp" \
    "$(rep --month 2016-09 --by department | jq -r '[.rows[].label] | join(" ")')"
check_eq "by procedure" "T-DD15 T-HT03 T-KH15" \
    "$(rep --month 2016-09 --by procedure | jq -r '[.rows[].key] | sort | join(" ")')"
check_eq "a quarter, a year (to now)" "8 8" \
    "$(rep --quarter 2016-Q3 | tot .received.total) $(rep --year 2016 | tot .received.total)"
check_eq "--from/--to, inclusive days" "2016-09-05 2016-09-05 3 1" \
    "$(rep --from 2016-09-05 --to 2016-09-05 | jq -r '"\(.period.from) \(.period.to) \(.total.received.total) \(.total.received.carried)"')"
check_eq "--period-15: the 15th of August to the 14th of September" \
    "2016-08-15 2016-09-14" \
    "$(rep --month 2016-09 --period-15 | jq -r '"\(.period.from) \(.period.to)"')"
check_eq "default: the last complete month" "2016-11-01 2016-11-30" \
    "$(rep | jq -r '"\(.period.from) \(.period.to)"')"
check_eq "default with --period-15" "2016-11-15 2016-12-14" \
    "$(rep --period-15 | jq -r '"\(.period.from) \(.period.to)"')"
check_eq "a period not over is counted as of now" \
    "2016-12-31T17:00:00+07:00" \
    "$(rep --month 2016-12 | jq -r .period.as_of)"
check_eq "--json is --format json" "$sep" "$(hh-report --month 2016-09 --json)"

# Later events do not change September.
c2=$(new T-HT03 "Bùi Văn Khoa" 2016-10-03T09:00)
done_ "$dg" 2016-10-04T10:00
hh-route --actor admin --at 2016-10-05T10:00 "$de" --supplied >/dev/null
check_eq "September reads the same after October's events" \
    "$(printf '%s' "$sep" | jq -c 'del(.source)')" \
    "$(rep --month 2016-09 | jq -c 'del(.source)')"
check_eq "October: carried = September's open" "3 1" \
    "$(rep --month 2016-10 | tot '"\(.received.carried) \(.received.direct)"')"

# Text, CSV, HTML.
hh-report --month 2016-09 >"$T/sep.txt"
check "text: Vietnamese headings" \
    grep -q "'STT  Lĩnh vực  Tổng số  Trực tuyến'" "$T/sep.txt"
check "text: names the source" grep -qx "'Nguồn: bản ghi $(head_)'" "$T/sep.txt"
check_eq "text: the total rows of its three parts, 66,67 with the decimal comma" \
    "     Tổng số         7           1              5         1
     Tổng số         3          1         1        1      66,67
     Tổng số         3          1        1            1       1        0" \
    "$(grep '^ *Tổng số ' "$T/sep.txt")"
hh-report --month 2016-09 --wide >"$T/wide.txt"
check_eq "text --wide: the one wide table" \
    "     Tổng số         7           1              5         1        3          1         1        1        3          1        1            1       1                0      66,67" \
    "$(grep '^ *Tổng số ' "$T/wide.txt")"
check_eq "text: no trailing blanks" 0 "$(grep -c ' $' "$T/sep.txt" || true)"
hh-report --month 2016-09 --format csv >"$T/sep.csv"
check_eq "csv: header, two rows, total; CRLF" "4 4" \
    "$(wc -l <"$T/sep.csv" | tr -d ' ') $(grep -c "$(printf '\r')\$" "$T/sep.csv")"
check_eq "csv: the total line" \
    ",total,Tổng số,7,1,5,1,3,1,1,1,3,1,1,1,1,0,66.67,2016-09-01,2016-09-30,$(head_)" \
    "$(sed -n '4s/\r$//p' "$T/sep.csv")"
hh-report --month 2016-09 --format html >"$T/sep.html"
check "html: a page with a table and an inline SVG chart" \
    "grep -q '^<!DOCTYPE html>' '$T/sep.html' && grep -q '<table>' '$T/sep.html' && grep -q '<svg ' '$T/sep.html'"
check "html: no script, no network" \
    "! grep -Eqi '<script|https?://[^\"]*\\.(js|css)|<link|src=' '$T/sep.html'"
check "html: the source named" grep -q "$(head_)" "$T/sep.html"

# No personal data in reports; no id numbers anywhere.
for fmt in text csv json html; do
	hh-report --month 2016-09 --format $fmt
done >"$T/all"
check "reports carry no names or id numbers" \
    "! grep -Eq 'Nguyễn|Lê Văn|Đỗ Văn|012345678901' '$T/all'"

# The book: one row per dossier received, numbered through the year.
hh-report --book --month 2016-09 --format json >"$T/book"
check_eq "book: September continues after August's two" "3 4 5 6 7 8" \
    "$(jq -r '[.dossiers[].no] | join(" ")' "$T/book")"
check_eq "book: status as of the end, applicant named, no id number" \
    "$dc resolved Lê Văn Cường null" \
    "$(jq -r ".dossiers[] | select(.code == \"$dc\") | \"\(.code) \(.status) \(.applicant) \(.id_number)\"" "$T/book")"
check "book: text has the Mẫu 06 headings" \
    "hh-report --book --month 2016-09 | grep -q 'TT  Mã hồ sơ'"
check "book: no id numbers" \
    "! hh-report --book --year 2016 --format csv | grep -q 012345678901"

# --list and --overdue.
check_eq "--list --applicant without case or diacritics" "$da" \
    "$(hh-report --list --applicant 'nguyen van an' --format csv | sed -n '2s/,.*//p')"
check_eq "--list filters combine" "$de" \
    "$(hh-report --list --holder tp --received-from 2016-09-05 --received-to 2016-09-07 --status processing --format json | jq -r '[.dossiers[].code] | join(" ")')"
check_eq "--list --field, folded" 8 \
    "$(hh-report --list --field 'ho tich' --format json | jq '.dossiers | length')"
check_eq "--overdue: open and past due then" "$dg" \
    "$(HH_NOW=2016-09-30T17:00:00+07:00 hh-report --overdue --format json | jq -r '[.dossiers[].code] | join(" ")')"
check "--overdue: no names unless asked" \
    "! HH_NOW=2016-09-30T17:00:00+07:00 hh-report --overdue | grep -q 'Đỗ Văn Giang'"
check "--overdue --with-applicant" \
    "HH_NOW=2016-09-30T17:00:00+07:00 hh-report --overdue --with-applicant | grep -q 'Đỗ Văn Giang'"
check_fail "--list --holder with a typo is an error naming the centre's units" 1 \
    'hh-report: holder: no department "vpdc" (the centre'"'"'s: motcua, tp, tnmt)' \
    hh-report --list --holder vpdc
check "--overdue with nothing overdue prints nothing, exit 0 (cron mails no one)" \
    "HH_NOW=2016-09-05T08:00:00+07:00 hh-report --overdue >'$T/od' && [ ! -s '$T/od' ]"
check_eq "--overdue --due-within: due in the next working days too" "$dd $dg" \
    "$(HH_NOW=2016-09-08T17:00:00+07:00 hh-report --overdue --due-within 2 --format csv | sed 1d | cut -d, -f1 | tr -d '\r' | sort | tr '\n' ' ' | sed 's/ $//')"

# -o: the whole file or the old one.
hh-report --month 2016-09 -o "$T/out.json" --format json >"$T/stdout"
check_eq "-o writes the file, nothing on stdout" "0 $(head_)" \
    "$(wc -c <"$T/stdout" | tr -d ' ') $(jq -r .source "$T/out.json")"
check_fail "-o in a missing folder" 1 "hh-report: $T/no/such.json: " \
    hh-report --month 2016-09 -o "$T/no/such.json"
check_eq "-o leaves no temporary file" "out.json" "$(cd "$T" && ls out.json*)"

# Errors.
check_fail "usage: two modes" 2 \
    "--list, --book or --overdue, one at a time (see hh-report -h)" \
    hh-report --list --book
check_fail "usage: a period with --list" 2 "--month: not with --list" \
    hh-report --list --month 2016-09
check_fail "usage: --from without --to" 2 \
    "hh-report: --from needs --to (see hh-report -h)" \
    hh-report --from 2016-09-01
check_fail "usage: --period-15 with --from" 2 "--period-15: with --month" \
    hh-report --from 2016-09-01 --to 2016-09-30 --period-15
check_fail "usage: an operand" 2 "2016-09: no operand is taken" \
    hh-report 2016-09
check_fail "bad month" 1 \
    'hh-report: --month: "2016-13" is not a month (YYYY-MM)' \
    hh-report --month 2016-13
check_fail "bad --by" 1 'hh-report: --by: "lab" is not field' \
    hh-report --by lab
check_fail "--to before --from" 1 "hh-report: --to: before --from" \
    hh-report --from 2016-09-02 --to 2016-09-01
# a file on disk that is not in the records (hh-check names it) is not
# read, cached or not
printf 'not json' >"$R/dossiers/2016/09/$P-160905-9999.json"
u=$(rep --month 2016-09)
check_eq "a stray file on disk is not read (--no-cache)" "$u" \
    "$(rep --month 2016-09 --no-cache)"
# a broken dossier in the records (committed with plain git) is named
G() { git --git-dir="$R/.git" "$@"; }
H0=$(head_)
plain_commit dossiers/2016/09/$P-160905-9999.json \
    "$R/dossiers/2016/09/$P-160905-9999.json" bad
check_fail "a broken dossier in the records is named" 1 \
    "hh-report: dossiers/2016/09/$P-160905-9999.json: not a JSON object" \
    hh-report --month 2016-09 --no-cache
check_eq "nothing on stdout on error" 0 "$(wc -c <"$T/out" | tr -d ' ')"
check_fail "so it is from the summary cache" 1 \
    "hh-report: dossiers/2016/09/$P-160905-9999.json: not a JSON object" \
    hh-report --month 2016-09
# undone as an admin would (the branch back, and the files hh wrote)
G update-ref refs/heads/main "$H0"
echo "$H0" >"$R/.git/hh/worktree"
rm "$R/dossiers/2016/09/$P-160905-9999.json"
check_fail "write error" 1 "hh-report: stdout" \
    "hh-report --month 2016-09 >/dev/full"
done_testing
