#!/bin/sh
# Look-ups: hh-init --list (the centre's departments, staff and
# procedures as HEAD has them).
. tests/cli/lib.sh
plan 9
fixture_tree
export HH_NOW=2016-09-30T17:00:00+07:00 HH_FSYNC=0
tab=$(printf '\t')

check_eq "departments, one id TAB name a line" \
    "motcua${tab}Bộ phận Một cửa
tp${tab}Phòng Tư pháp
tnmt${tab}Phòng Tài nguyên và Môi trường" \
    "$(hh-init -C "$R" --list departments)"
check_eq "staff, in center.json's order" "lan hoa minh thu admin kiemtra" \
    "$(hh-init -C "$R" --list staff | cut -f1 | paste -sd' ')"
check_eq "a staff member's name" "minh${tab}Phạm Văn Minh" \
    "$(hh-init -C "$R" --list staff | grep '^minh')"
check_eq "procedures by code, from the catalogue" \
    "T-CT00 T-DD15 T-GH08 T-HT03 T-HT05 T-KH15" \
    "$(HH_RECORDS=$R hh-init --list procedures | cut -f1 | paste -sd' ')"
check_eq "--json: an array, staff with role and department" \
    '{"id":"minh","name":"Phạm Văn Minh","role":"officer","department":"tp"}' \
    "$(hh-init -C "$R" --json --list staff | jq -c '.[2]')"
check_eq "--json procedures with their department" '"T-HT03 tp"' \
    "$(hh-init -C "$R" --json --list procedures | jq -c '.[3] | "\(.id) \(.department)"')"
check_fail "another word" 2 \
    'hh-init: --list: "departmens" is not departments, staff or procedures' \
    hh-init -C "$R" --list departmens
check_fail "--list changes nothing: no other option" 2 "usage: hh-init" \
    hh-init -C "$R" --list staff --name X
check_fail "--json without --list" 2 "usage: hh-init" hh-init --json "$R"
done_testing
