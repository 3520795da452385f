# 1500-calendar.sh - hh-calendar: month views and due dates end to end
. tests/cli/lib.sh
plan 58

# No records tree: the shipped calendar, through a share dir of our own so
# that an installed copy cannot interfere.
mkdir -p "$T/share/records"
cp "$TOP/records/center.json" "$TOP/records/calendar" "$T/share/records/"
export HH_SHARE="$T/share"
export HH_RECORDS="$T/none"
R="$T/none"

# due FROM LIMIT-OPTION N: the due instant printed by hh-calendar --due
due() { hh-calendar --due --from "$1" "$2" "$3"; }

check_eq "3 working days over Tết 2016" "2016-02-17T17:00:00+07:00" \
    "$(due 2016-02-05T10:00 --working-days 3)"
check_eq "after the cut-off before Giỗ Tổ 2016" \
    "2016-04-20T17:00:00+07:00" \
    "$(due '2016-04-15 16:00' --working-days 1)"
check_eq "received on Quốc khánh 2015, 0 days" "2015-09-03T17:00:00+07:00" \
    "$(due 2015-09-02T09:00 --working-days 0)"
check_eq "Saturday 4/5/2024 is worked (làm bù)" \
    "2024-05-04T17:00:00+07:00" \
    "$(due 2024-05-03T09:00 --working-days 1)"
check_eq "half a day from the afternoon" "2016-02-15T11:30:00+07:00" \
    "$(due 2016-02-05T14:00 --working-days 0.5)"
check_eq "working hours" "2016-02-15T08:30:00+07:00" \
    "$(due 2016-02-05T14:00 --working-hours 4)"
check_eq "calendar days end on a working day" "2016-02-15T17:00:00+07:00" \
    "$(due 2016-02-05T10:00 --calendar-days 3)"
check_eq "an offset in --from" "2016-02-17T17:00:00+07:00" \
    "$(due 2016-02-05T03:00:00Z --working-days 3)"

check_eq "--due --json" \
    '{"from":"2016-04-15T16:00:00+07:00","effective_from":"2016-04-19T07:30:00+07:00","due":"2016-04-20T17:00:00+07:00","provisional":false}' \
    "$(hh-calendar --json --due --from 2016-04-15T16:00 --working-days 1)"

# a provisional year: the answer and a warning
st=0
hh-calendar --json --due --from 2030-02-01T09:00 --working-days 1 \
    >"$T/out" 2>"$T/err" || st=$?
check_eq "2030 is provisional" \
    '0 {"from":"2030-02-01T09:00:00+07:00","effective_from":"2030-02-08T07:30:00+07:00","due":"2030-02-11T17:00:00+07:00","provisional":true}' \
    "$st $(cat "$T/out")"
check_eq "2030 warning" \
    "hh-calendar: warning: 2030 is not in the calendar file; holidays are provisional (statutory)" \
    "$(cat "$T/err")"
hh-calendar --due --from 2016-02-05T10:00 --working-days 3 \
    >"$T/out" 2>"$T/err"
check_eq "no warning for a covered year" "" "$(cat "$T/err")"

# 2026-2027 (DOMAIN Part A §16): 24/11 from 2026, Quốc khánh 2026 with
# Sat 22/8 worked, Tết 2027 official, the other 2027 days provisional
hh-calendar --due --from '2026-11-23 08:00' --working-days 3 \
    >"$T/out" 2>"$T/err"
check_eq "3 working days over 24/11/2026" "2026-11-27T17:00:00+07:00" \
    "$(cat "$T/out")"
check_eq "24/11/2026 is official: no warning" "" "$(cat "$T/err")"
check_eq "Sat 22/8/2026 is worked (làm bù)" "2026-08-22T17:00:00+07:00" \
    "$(due 2026-08-21T09:00 --working-days 1)"
check_eq "Mon 31/8 to Wed 2/9/2026 off" "2026-09-03T17:00:00+07:00" \
    "$(due 2026-08-28T09:00 --working-days 1)"
hh-calendar --json --due --from '2027-02-03 08:00' --working-days 3 \
    >"$T/out" 2>"$T/err"
check_eq "3 working days over Tết Đinh Mùi, official" \
    '{"from":"2027-02-03T08:00:00+07:00","effective_from":"2027-02-03T08:00:00+07:00","due":"2027-02-15T17:00:00+07:00","provisional":false}' \
    "$(cat "$T/out")"
check_eq "Tết 2027: no warning" "" "$(cat "$T/err")"
st=0
hh-calendar --json --due --from '2027-04-15 08:00' --working-days 3 \
    >"$T/out" 2>"$T/err" || st=$?
check_eq "over Giỗ Tổ 2027: provisional" \
    '0 {"from":"2027-04-15T08:00:00+07:00","effective_from":"2027-04-15T08:00:00+07:00","due":"2027-04-21T17:00:00+07:00","provisional":true}' \
    "$st $(cat "$T/out")"
check_eq "over Giỗ Tổ 2027: the warning names the day" \
    "hh-calendar: warning: provisional in the calendar file, not yet announced: 2027-04-16" \
    "$(cat "$T/err")"
hh-calendar --due --from '2027-04-29 08:00' --working-days 3 \
    >"$T/out" 2>"$T/err"
check_eq "over 30/4-3/5/2027: the days in runs" \
    "2027-05-06T17:00:00+07:00 hh-calendar: warning: provisional in the calendar file, not yet announced: 2027-04-30..2027-05-01, 2027-05-03" \
    "$(cat "$T/out") $(cat "$T/err")"
hh-calendar 2027-04 >"$T/out" 2>"$T/err"
check_eq "2027-04: 16/4 marked provisional" \
    "12  6     13  7     14  8     15  9     16? 10    17- 11    18- 12" \
    "$(sed -n 5p "$T/out")"
check_eq "2027-04: the legend explains ?" \
    "* day off   - weekend   + weekend day worked (làm bù)   ? day off, provisional" \
    "$(sed -n 9p "$T/out")"
check_eq "2027-04: the provisional days listed" \
    "provisional, not yet announced: 2027-04-16, 2027-04-30" \
    "$(sed -n 11p "$T/out")"
check_eq "2027 is covered: no warning" "" "$(cat "$T/err")"
check_eq "2027-02: Tết official, no ? and no list" "0 0" \
    "$(hh-calendar 2027-02 | grep -c '?') $(hh-calendar 2027-02 | grep -c '^provisional')"
check_eq "month --json: 16/4/2027 provisional, 15/4 not" "true false" \
    "$(hh-calendar --json 2027-04 | jq -r '[.days[15].provisional, .days[14].provisional] | map(tostring) | join(" ")')"
check_eq "an uncovered year: the statutory 24/11 and its Monday marked ?" \
    "18  23    19  24    20  25    21  26    22  27    23- 28    24? 29" \
    "$(hh-calendar 2030-11 2>/dev/null | sed -n 6p)"

# the month of Tết Bính Thân
hh-calendar 2016-02 >"$T/out"
check_eq "month title" "February 2016" "$(sed -n '1s/^ *//p' "$T/out")"
check_eq "week of Tết marked off, 1/1 on Monday 8" \
    " 8* 1/1    9* 2     10* 3     11* 4     12* 5     13* 6     14* 7" \
    "$(sed -n 4p "$T/out")"
check_eq "an ordinary week" \
    "15  8     16  9     17  10    18  11    19  12    20- 13    21- 14" \
    "$(sed -n 5p "$T/out")"
check_eq "the note of Tết" \
    "2016-02-06..2016-02-14: Tết Bính Thân [Thông báo 4659/TB-LĐTBXH; N-2016a; N-2016b]" \
    "$(tail -n 1 "$T/out")"
check_eq "làm bù marked +" "yes" \
    "$(hh-calendar 2024-05 | grep -q ' 4+ 26 ' && echo yes)"
check_eq "a year is twelve months" "12" \
    "$(hh-calendar 2016 | grep -c '^Mon ')"
HH_NOW=2016-02-10T09:00 hh-calendar >"$T/now"
check_eq "default: the current month" "February 2016" \
    "$(sed -n '1s/^ *//p' "$T/now")"

check_eq "month --json: Tết day" \
    '{"date":"2016-02-08","weekday":"Mon","working":false,"lunar":"1/1","leap":false,"note":"Tết Bính Thân [Thông báo 4659/TB-LĐTBXH; N-2016a; N-2016b]","provisional":false,"swapped":false}' \
    "$(hh-calendar --json 2016-02 | sed 's/},{/}\n{/g' | grep '"2016-02-08"')"
check_eq "month --json: head" '{"year":2016,"month":2,"days":[{"date":"2016-02-01",' \
    "$(hh-calendar --json 2016-02 | cut -c 1-52)"
check_eq "month --json: a leap month" \
    '{"date":"2020-05-23","weekday":"Sat","working":false,"lunar":"1/4","leap":true,"note":null,"provisional":true,"swapped":false}' \
    "$(hh-calendar --json 2020-05 2>/dev/null | sed 's/},{/}\n{/g' | grep '"2020-05-23"')"
check_eq "year --json is a list of 12" "12" \
    "$(hh-calendar --json 2016 | grep -o '"month":' | wc -l | tr -d ' ')"

# help, version, usage and bad values
check_eq "-h prints the synopsis" \
    "usage: hh-calendar [-C dir] [--json] [YYYY | YYYY-MM]" \
    "$(hh-calendar -h | head -n 1)"
check_eq "--help exits 0" "0" "$(hh-calendar --help >/dev/null; echo $?)"
check_eq "--version" "hh-calendar 0.1" "$(hh-calendar --version)"
check_fail "unknown option" 2 "usage: hh-calendar" hh-calendar --bogus
check_fail "--due without a limit" 2 "usage: hh-calendar" \
    hh-calendar --due --from 2016-02-05T10:00
check_fail "two limits" 2 "usage: hh-calendar" \
    hh-calendar --due --from 2016-02-05T10:00 --working-days 1 \
    --calendar-days 2
check_fail "a limit without --due" 2 "usage: hh-calendar" \
    hh-calendar --from 2016-02-05T10:00 --working-days 1
check_fail "two months" 2 "usage: hh-calendar" hh-calendar 2016-01 2016-02
check_fail "negative limit" 1 \
    "hh-calendar: --working-days: negative limit -1" \
    hh-calendar --due --from 2016-02-05T10:00 --working-days -1
check_fail "not a half day" 1 \
    "hh-calendar: --working-days: working days 1.2 not a multiple of 0.5" \
    hh-calendar --due --from 2016-02-05T10:00 --working-days 1.2
check_fail "not a number" 1 "hh-calendar: --calendar-days: x: not a number" \
    hh-calendar --due --from 2016-02-05T10:00 --calendar-days x
check_fail "bad --from" 1 \
    "hh-calendar: --from: 2016-13-45T08:00: month 13 out of range" \
    hh-calendar --due --from 2016-13-45T08:00 --working-days 1
check_fail "bad month" 1 "hh-calendar: 2016-13: month 13 out of range" \
    hh-calendar 2016-13
check_fail "bad HH_NOW" 1 "hh-calendar: HH_NOW: not a time: use YYYY-MM-DDTHH:MM[:SS][+HH:MM]" \
    HH_NOW=yesterday hh-calendar
check_fail "stdout full" 1 "hh-calendar: stdout" \
    "hh-calendar 2016 >/dev/full"

# a broken calendar names its file and line
mkdir -p "$T/bad/records"
cp "$TOP/records/center.json" "$T/bad/records/"
printf '2016-02-08 off ok\n# x\n2016-02-30 off\n' >"$T/bad/records/calendar"
check_fail "bad calendar line" 1 \
    "hh-calendar: $T/bad/records/calendar:3: bad date 2016-02-30" \
    HH_SHARE="$T/bad" hh-calendar 2016-02

# a note with a tab (hh-calendar(5) allows it) comes out of --json as \t
mkdir -p "$T/tab/records"
cp "$TOP/records/center.json" "$T/tab/records/"
printf '2030-01-01 off Tết\tDương lịch\n' \
    >"$T/tab/records/calendar"
check_eq "--json: a tab in a note is escaped, jq reads it" \
    "$(printf 'Tết\tDương lịch')" \
    "$(HH_SHARE="$T/tab" hh-calendar --json 2030-01 | jq -r '.days[0].note')"
check_eq "--json of a year is one array of 12 months" "12 2030" \
    "$(HH_SHARE="$T/tab" hh-calendar --json 2030 | jq -r '"\(length) \(.[0].year)"')"

# a records tree made by hh-init, chosen with -C
if [ -x "$TOP/hh-init" ]; then
	fixture_tree
	check_eq "-C records tree" "2016-02-17T17:00:00+07:00" \
	    "$(hh-calendar -C "$R" --due --from 2016-02-05T10:00 \
	    --working-days 3)"
else
	skip 1 "hh-init not built"
fi

done_testing
