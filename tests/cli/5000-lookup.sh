#!/bin/sh
# Look-ups: hh-init --list (the centre's departments, staff and
# procedures as HEAD has them); hh-report --list by phone or identity
# number, normalised, the number printed only with --with-applicant; every
# --list filter validated, the nearest ids named.
. tests/cli/lib.sh
plan 42
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

new() {
	hh-intake -C "$R" --actor lan --procedure T-HT03 --at "$1" --applicant "$2" \
	    ${3:+--phone "$3"} ${4:+--id-number "$4"}
}
a=$(new 2016-09-26T08:00 "Nguyễn Văn An" "0912 345 678" 001085012345)
b=$(new 2016-09-27T08:00 "Trần Thị Bình" "+84 912.345.679" B1234567)
c=$(new 2016-09-28T08:00 "Lê Văn Cường" "(091) 234-5670")
e=$(new 2016-09-29T08:00 "Phạm Thị Dung")
codes() { jq -r '[.dossiers[].code] | join(" ")'; }
check_eq "--phone, dashes for spaces" "$a" \
    "$(hh-report -C "$R" --list --phone 0912-345-678 --format json | codes)"
check_eq "+84 is 0" "$a" \
    "$(hh-report -C "$R" --list --phone +84912345678 --format json | codes)"
check_eq "stored with +84, asked with 0" "$b" \
    "$(hh-report -C "$R" --list --phone '0912 345 679' --format json | codes)"
check_eq "brackets and dots" "$c" \
    "$(hh-report -C "$R" --list --phone 0912.345.670 --format json | codes)"
check_eq "exact: a number that is part of another finds nothing" "" \
    "$(hh-report -C "$R" --list --phone 091234567 --format json | codes)"
check "the list is printed" hh-report -C "$R" --list --phone 0912345678
check_eq "without --with-applicant neither number nor name" "0 0" \
    "$(grep -c '0912\|345' "$T/out" || :) $(grep -c 'Nguyễn' "$T/out" || :)"
check_eq "nor in JSON" "null null" \
    "$(hh-report -C "$R" --list --phone 0912345678 --format json |
    jq -c '.dossiers[0] | "\(.phone) \(.applicant)"' | tr -d '"')"
check_eq "--with-applicant: the name and the number as given" \
    "$a,T-HT03,received,motcua,2016-09-26T08:00:00+07:00,2016-09-29T17:00:00+07:00,Nguyễn Văn An,0912 345 678" \
    "$(hh-report -C "$R" --list --phone 0912345678 --with-applicant --format csv |
    sed -n 2p | sed 's/,[^,]*$//')"
check_eq "the CSV header names them" \
    "code,procedure,status,holder,received_at,due_at,applicant,phone,source" \
    "$(hh-report -C "$R" --list --phone 0912345678 --with-applicant --format csv | sed -n 1p | tr -d '\r')"
check_eq "--with-applicant in JSON" '"Nguyễn Văn An|0912 345 678"' \
    "$(hh-report -C "$R" --list --phone 0912345678 --with-applicant --format json |
    jq -c '.dossiers[0] | "\(.applicant)|\(.phone)"')"
check_eq "--with-applicant alone: the names, no number" \
    "Mã hồ sơ Thủ tục Trạng thái Nơi giữ Nhận hồ sơ Hạn giải quyết Người nộp" \
    "$(hh-report -C "$R" --list --with-applicant | sed -n 5p | tr -s ' ' | sed 's/ $//')"
check_eq "--id-number, spaces and dots" "$a" \
    "$(hh-report -C "$R" --list --id-number '001.085 012-345' --format json | codes)"
check_eq "a passport number in small letters" "$b" \
    "$(hh-report -C "$R" --list --id-number b1234567 --format json | codes)"
check_eq "--id-number with --with-applicant shows it" "001085012345" \
    "$(hh-report -C "$R" --list --id-number 001085012345 --with-applicant --format json |
    jq -r '.dossiers[0].id_number')"
check_eq "phone and id number combine" "" \
    "$(hh-report -C "$R" --list --id-number 001085012345 --phone 0912345679 --format json | codes)"
check_fail "a phone with letters: the number is not echoed" 1 \
    "hh-report: phone: not a phone number (6 to 20 digits; spaces, dots, dashes, brackets and a leading +84 allowed)" \
    hh-report -C "$R" --list --phone 0912abc678
check_eq "the error does not hold it" 0 "$(grep -c 0912 "$T/err" || :)"
check_fail "a bad identity number" 1 \
    "hh-report: id-number: not an identity number (6 to 20 letters and digits; spaces, dots and dashes allowed)" \
    hh-report -C "$R" --list --id-number '00108/5012345'
check_fail "--phone is a --list filter" 2 "--phone: not with --overdue" \
    hh-report -C "$R" --overdue --phone 0912345678

# Every filter value validated, the nearest named.
check_fail "a department typo names the nearest" 1 \
    'hh-report: holder: no department "tpp" (nearest: tp)' \
    hh-report -C "$R" --list --holder tpp
check_fail "nothing near: the centre's units" 1 \
    "hh-report: holder: no department \"vpdc\" (the centre's: motcua, tp, tnmt)" \
    hh-report -C "$R" --list --holder vpdc
check_fail "a procedure code typo names the nearest" 1 \
    'hh-report: procedure: no procedure "T-HT3" (nearest: T-HT03)' \
    hh-report -C "$R" --list --procedure T-HT3
check_fail "two as near" 1 \
    'hh-report: procedure: no procedure "T-HT04" (nearest: T-HT03, T-HT05)' \
    hh-report -C "$R" --list --procedure T-HT04
check_fail "nothing near: the catalogue's" 1 \
    "hh-report: procedure: no procedure \"X\" (the catalogue's: T-CT00, T-DD15, T-GH08, T-HT03, T-HT05, T-KH15)" \
    hh-report -C "$R" --list --procedure X
check_fail "hh-route --to: the nearest department" 1 \
    "hh-route: $e: status received (held by motcua): no department \"tpp\" (nearest: tp)" \
    hh-route -C "$R" --actor lan "$e" --to tpp
check_fail "--officer: the nearest staff id" 1 \
    "officer mihn: not a staff member of this centre (nearest: minh)" \
    hh-route -C "$R" --actor lan "$e" --to tp --officer mihn
check_fail "--actor: the nearest staff id" 1 \
    "hh-route: actor lann: not a staff member of this centre (nearest: lan)" \
    hh-route -C "$R" --actor lann "$e" --to tp
check_fail "a field typo names the nearest, as --field may be written" 1 \
    'hh-report: field: no field "Hộ tịchh" (nearest: ho tich)' \
    hh-report -C "$R" --list --field "'Hộ tịchh'"
check_fail "nothing near: the catalogue's fields" 1 \
    "hh-report: field: no field \"Thuế\" (the catalogue's: chung thuc, dat dai, ho tich)" \
    hh-report -C "$R" --list --field Thuế
check_eq "a field in any case and without diacritics lists" "$a $b $c $e" \
    "$(hh-report -C "$R" --list --field 'HO TICH' --format json | codes)"
check_eq "a field with no dossier lists none, exit 0" "" \
    "$(hh-report -C "$R" --list --field 'Đất đai' --format json | codes)"
check_eq "a known procedure lists" "$a $b $c $e" \
    "$(hh-report -C "$R" --list --procedure T-HT03 --format json | codes)"
done_testing
