# 0700-errors.sh - errors that say what and how (issue 19 item 2): a usage
# error names the option missing or wrong on one line before the pointer
# to -h; a time or a date shows the shapes taken (and how to write a day
# written by hand); an identity number or a phone says why; center.json
# gives line and column; a catalogue CSV names its line, and one
# separated by ';' gets a hint; a procedure's typo, the nearest codes.
. tests/cli/lib.sh
plan 33
fixture_tree
export HH_NOW=2026-11-30T17:00:00+07:00 HH_FSYNC=0
c=$(hh-intake -C "$R" --actor lan --at 2026-11-23T08:00 --procedure T-HT03 \
    --applicant "Lê Văn Lỗi")

# is DESC STATUS LINE CMD...: CMD exits STATUS, prints nothing on stdout
# and exactly LINE on stderr, and $R gains no commit
is() {
	d=$1 want=$2 line=$3; shift 3
	before=$(git -C "$R" rev-parse HEAD)
	st=0; "$@" >"$T/out" 2>"$T/err" || st=$?
	if [ "$st" = "$want" ] && [ "$(cat "$T/err")" = "$line" ] &&
	    [ ! -s "$T/out" ] &&
	    [ "$(git -C "$R" rev-parse HEAD)" = "$before" ]; then ok "$d"
	else
		notok "$d"
		printf '#   status %s (want %s)\n' "$st" "$want"
		sed 's/^/#   got: /' "$T/err" | head -3
		printf '#   want: %s\n' "$line"
	fi
}

# usage errors: one line naming the option, then where the synopsis is
is "hh-route --delay without --reason" 2 \
    "hh-route: --delay needs --reason (see hh-route -h)" \
    hh-route -C "$R" --actor lan "$c" --delay --until 2026-12-01
is "hh-route --delay without --until" 2 \
    "hh-route: --delay needs --until (see hh-route -h)" \
    hh-route -C "$R" --actor lan "$c" --delay --reason "Chờ"
is "hh-route: an option of another step" 2 \
    "hh-route: --until: only with delay (see hh-route -h)" \
    hh-route -C "$R" --actor lan "$c" --to tp --until 2026-12-01
is "hh-route: no step" 2 \
    "hh-route: no step: --to, --supplement, --supplied, --delay, --done or --amend (see hh-route -h)" \
    hh-route -C "$R" --actor lan "$c"
is "hh-route: two steps" 2 \
    "hh-route: one step at a time: --to, --supplement, --supplied, --delay, --done or --amend (see hh-route -h)" \
    hh-route -C "$R" --actor lan "$c" --done --supplied
is "hh-route: no code" 2 "hh-route: no dossier code (see hh-route -h)" \
    hh-route -C "$R" --actor lan --done
is "hh-route: two codes for a step that takes one" 2 \
    "hh-route: one dossier code at a time: only --to takes several (see hh-route -h)" \
    hh-route -C "$R" --actor lan "$c" "$c" --done
is "hh-route --supplement with --reason" 2 \
    "hh-route: --reason: not with --supplement, whose argument is the reason (see hh-route -h)" \
    hh-route -C "$R" --actor lan "$c" --supplement "Thiếu" --reason "Thiếu"
is "hh-route --print with a step without a form" 2 \
    "hh-route: --print: only with --supplement, --delay or --done --outcome refused (see hh-route -h)" \
    hh-route -C "$R" --actor lan "$c" --to tp --print
is "hh-route --batch with a code" 2 \
    "hh-route: --batch: its lines give the codes and the steps, not operands or options (see hh-route -h)" \
    hh-route -C "$R" --actor lan --batch - "$c"
is "hh-route --until written by hand: how to write it" 2 \
    "hh-route: --until: not a date: use YYYY-MM-DD (30/11/2026 is 2026-11-30) (see hh-route -h)" \
    hh-route -C "$R" --actor lan "$c" --delay --until 30/11/2026 --reason r
is "hh-return --reason without --withdraw" 2 \
    "hh-return: --reason: only with --withdraw or --stop (see hh-return -h)" \
    hh-return -C "$R" --actor lan "$c" --reason "Rút"
is "hh-return --stop without --reason" 2 \
    "hh-return: --stop needs --reason (see hh-return -h)" \
    hh-return -C "$R" --actor lan "$c" --stop
is "hh-return --withdraw and --stop" 2 \
    "hh-return: --withdraw or --stop, not both (see hh-return -h)" \
    hh-return -C "$R" --actor lan "$c" --withdraw --stop --reason x
is "hh-return --fee without --stop" 2 \
    "hh-return: --fee: only with --stop (see hh-return -h)" \
    hh-return -C "$R" --actor lan "$c" --fee "50.000 đồng"
is "hh-report --from without --to" 2 \
    "hh-report: --from needs --to (see hh-report -h)" \
    hh-report -C "$R" --from 2026-11-01
is "hh-report --to without --from" 2 \
    "hh-report: --to needs --from (see hh-report -h)" \
    hh-report -C "$R" --to 2026-11-30
is "hh-report: two periods" 2 \
    "hh-report: one period: --month, --quarter, --year or --from and --to (see hh-report -h)" \
    hh-report -C "$R" --month 2026-11 --year 2026
is "hh-report: an option of another mode" 2 \
    "hh-report: --due-within: only with --overdue (see hh-report -h)" \
    hh-report -C "$R" --due-within 3
is "hh-report: an option the mode does not take" 2 \
    "hh-report: --by: not with --list (see hh-report -h)" \
    hh-report -C "$R" --list --by field

# times and dates: the shapes taken
is "--at 23/11/2026: the shape, and the day written as it should be" 1 \
    "hh-intake: --at: not a time: use YYYY-MM-DDTHH:MM[:SS][+HH:MM] (23/11/2026 is 2026-11-23THH:MM)" \
    hh-intake -C "$R" --actor lan --at 23/11/2026 --procedure T-HT03 \
    --applicant "Lê Văn Lỗi"
is "... with a time after it" 1 \
    "hh-intake: --at: not a time: use YYYY-MM-DDTHH:MM[:SS][+HH:MM] (23/11/2026 8:30 is 2026-11-23T08:30)" \
    hh-intake -C "$R" --actor lan --at "23/11/2026 8:30" --procedure T-HT03 \
    --applicant "Lê Văn Lỗi"
is "--at of a day alone: the time of day is missing" 1 \
    "hh-route: --at: no time of day: use YYYY-MM-DDTHH:MM[:SS][+HH:MM]" \
    hh-route -C "$R" --actor lan --at 2026-11-23 "$c" --to tp
is "--at nonsense: the shape" 1 \
    "hh-return: --at: not a time: use YYYY-MM-DDTHH:MM[:SS][+HH:MM]" \
    hh-return -C "$R" --actor lan --at yesterday "$c"

# identity numbers and phones: why
is "--id-number with dashes: the character and the rule" 1 \
    "hh-intake: id-number: '-' is not allowed: letters and digits only, 6 to 20" \
    hh-intake -C "$R" --actor lan --procedure T-HT03 --applicant "Lê Văn Lỗi" \
    --id-number 0310-9901-2345
is "--id-number too short: the length and the rule" 1 \
    "hh-intake: id-number: 5 characters: letters and digits only, 6 to 20" \
    hh-intake -C "$R" --actor lan --procedure T-HT03 --applicant "Lê Văn Lỗi" \
    --id-number 03109
is "--phone with a letter" 1 \
    "hh-intake: phone: 'O' is not allowed: digits, blanks and + . - ( ) only, 6 to 20" \
    hh-intake -C "$R" --actor lan --procedure T-HT03 --applicant "Lê Văn Lỗi" \
    --phone 09O2345678

# a procedure code with a typo: the nearest codes
is "--procedure with a typo: the nearest code" 1 \
    "hh-intake: procedure T-HT3: not in the catalogue (nearest: T-HT03)" \
    hh-intake -C "$R" --actor lan --procedure T-HT3 --applicant "Lê Văn Lỗi"

# center.json with a syntax error: line and column, nothing created
mkdir -p "$T/bad/records" "$T/bad/procedures"
cp "$TOP/records/calendar" "$T/bad/records/"
cp "$TOP"/tests/fixtures/procedures/*.json "$T/bad/procedures/"
# a comma left out after "cutoff": the error is at the next member
jq --tab . "$TOP/tests/fixtures/center.json" |
    sed '/"cutoff"/s/,$//' >"$T/bad/records/center.json"
line=$(($(grep -n '"cutoff"' "$T/bad/records/center.json" | cut -d: -f1) + 1))
is "center.json: a syntax error by line and column" 1 \
    "hh-init: center.json: line $line, column 2: not valid JSON" \
    env HH_SHARE="$T/bad" hh-init --actor admin "$T/new"
check "... and no tree made" test ! -e "$T/new"

# a catalogue CSV: the line of a bad department; ';' between fields
printf 'code,name,field,department,limit_value,limit_unit\nT-A1,Một,Hộ tịch,tp,2,working_days\nT-A2,Hai,Hộ tịch,tpp,2,working_days\n' \
    >"$T/dept.csv"
is "an unknown department names the CSV line, and the nearest" 1 \
    "hh-init: $T/dept.csv:3: department: unknown department \"tpp\" (nearest: tp)" \
    hh-init --actor admin --import-procedures "$T/dept.csv" "$R"
printf 'code,name,field,department,limit_value,limit_unit\nT-A3,Ba,Hộ tịch,xyz,2,working_days\n' \
    >"$T/far.csv"
is "... none near: the departments there are" 1 \
    "hh-init: $T/far.csv:2: department: unknown department \"xyz\" (departments: motcua, tp, tnmt)" \
    hh-init --actor admin --import-procedures "$T/far.csv" "$R"
printf 'code;name;field;department;limit_value;limit_unit\r\nT-A4;Bốn;Hộ tịch;tp;0,5;working_days\r\n' \
    >"$T/semi.csv"
is "a CSV with ';' between fields: a hint" 1 \
    "hh-init: $T/semi.csv:1: the fields are separated by ';', not ',': export the sheet as CSV with ',' between fields (and '.' in numbers)" \
    hh-init --actor admin --import-procedures "$T/semi.csv" "$R"
done_testing
