#!/bin/sh
# hh-init: a new records tree from the template; configuration commits.
. tests/cli/lib.sh
plan 24
export HH_NOW=2016-09-01T07:00:00+07:00
R=$T/new

check "creates a records tree from the shipped template" \
    hh-init --agency 000.00.23.H54 --name "'Bộ phận Một cửa huyện Thử'" "$R"
check_eq "one commit, by the template's admin" "admin@example.vn configure" \
    "$(git -C "$R" log --format='%ae %(trailers:key=Action,valueonly)' | sed '/^$/d')"
check_eq "--agency is in center.json" 000.00.23.H54 \
    "$(jq -r .agency_code "$R/center.json")"
check_eq "the whole catalogue is committed" \
    "$(ls procedures/*.json | wc -l)" \
    "$(git -C "$R" ls-tree --name-only HEAD procedures/ | wc -l)"
check "the calendar is committed" \
    "git -C '$R' cat-file -e HEAD:calendar"
check_eq "the tree is not world-readable" --- \
    "$(stat -c %A "$R" | cut -c8-10)"
check "git fsck is clean" git -C "$R" fsck --no-dangling
check_eq "re-run without a change commits nothing" \
    "$R: nothing to commit, configuration unchanged" \
    "$(hh-init --actor admin "$R")"

# A configuration change, validated and committed by an admin.
jq '.cutoff = "16:00"' "$R/center.json" >"$T/c" && cat "$T/c" >"$R/center.json"
check "a valid change is committed" hh-init --actor admin "$R"
check_eq "as a configuration commit" "configure 000.00.23.H54: 1 file" \
    "$(git -C "$R" log -1 --format=%s)"
check_eq "the new cut-off is at HEAD" 16:00 \
    "$(git -C "$R" show HEAD:center.json | jq -r .cutoff)"

jq '.supplement = "sometimes"' "$R/center.json" >"$T/c" && cat "$T/c" >"$R/center.json"
check_fail "an invalid center.json is refused" 1 \
    'center.json: supplement: expected "restart" or "pause"' hh-init --actor admin "$R"
jq '.supplement = "pause"' "$R/center.json" >"$T/c" && cat "$T/c" >"$R/center.json"
check_fail "a non-admin cannot configure" 1 "actor lan: role desk may not configure" \
    hh-init --actor lan "$R"
printf '2016-02-30 off Bad day\n' >>"$R/calendar"
check_fail "a bad calendar line is refused" 1 "calendar:" hh-init --actor admin "$R"
git -C "$R" show HEAD:calendar >"$R/calendar"
printf '{"code": "X1", "name": "N", "field": "F", "department": "nowhere", "working_days": 1}\n' \
    >"$R/procedures/X1.json"
check_fail "a procedure of an unknown department is refused" 1 \
    'procedures/X1.json: department: unknown department "nowhere"' hh-init --actor admin "$R"
rm "$R/procedures/X1.json"
check "then the fixed configuration goes in" hh-init --actor admin "$R"

cat >"$T/cat.csv" <<'CSV'
code,name,field,department,limit_value,limit_unit,source
LOCAL-01,"Cấp giấy phép thử, lần đầu",Thử nghiệm,tp,5,working_days,test
LOCAL-02,Gia hạn giấy phép thử,Thử nghiệm,tp,0.5,working_days,test
CSV
check "--import-procedures commits the catalogue" \
    hh-init --actor admin --import-procedures "$T/cat.csv" "$R"
check_eq "as one configuration commit of 2 files" \
    "configure 000.00.23.H54: 2 files" "$(git -C "$R" log -1 --format=%s)"
check_eq "the imported procedure is usable" 0.5 \
    "$(git -C "$R" show HEAD:procedures/LOCAL-02.json | jq -r .working_days)"
printf 'code,name,field,department,limit_value,limit_unit\nL3,N,F,tp,2,weeks\n' >"$T/bad.csv"
check_fail "a bad CSV line is refused" 1 "bad.csv:2:" \
    hh-init --actor admin --import-procedures "$T/bad.csv" "$R"
mkdir "$T/other" && echo hello >"$T/other/file"
R=$T/other
check_fail "a folder that is neither empty nor a records tree" 1 \
    "not a records tree" hh-init "$T/other"
check_fail "a bad --agency" 1 '--agency: "x/y" is not an agency identifier (capitals, digits and dots, e.g. H15.50.05.13 or 000.17.22.H56)' \
    hh-init --agency x/y "$T/fresh"
check_fail "an unknown --group" 1 "hh-init: --group: no such group nosuchgroup" \
    hh-init --group nosuchgroup "$T/fresh2"
check "and no folder is left behind" '[ ! -e "$T/fresh2" ]'
done_testing
