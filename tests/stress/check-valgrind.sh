#!/bin/sh
# check-valgrind.sh - the cmocka tests and one run of every command (intake,
# batch, route, return, report, log, check, calendar, notify, init, sync)
# under valgrind: any memory error or definite/indirect leak fails.  Run by
# "make check-valgrind" after the normal build.
. tests/cli/lib.sh
VG="valgrind -q --leak-check=full --error-exitcode=3 --errors-for-leak-kinds=definite,indirect --log-file=$T/vg.%p"
vg() { $VG "$@"; }
units=$(for t in tests/test_*; do
	case $t in *.c|*.o) ;; *) echo "$t" ;; esac; done)
# the cmocka tests and 20 runs of the commands
plan $(($(echo "$units" | wc -l) + 20))
for t in $units; do
	check "$t" vg "./$t"
done
export HH_NOW=2016-09-30T17:00:00+07:00 HH_FSYNC=0
mkdir -p "$T/share/records" "$T/share/procedures"
cp records/calendar "$T/share/records/"
printf '#!/bin/sh\ncat >/dev/null\n' >"$T/sm" && chmod 755 "$T/sm"
jq --tab --arg sm "$T/sm" '.notify = {sendmail: $sm, from: "mc@example.vn"}' \
    tests/fixtures/center.json >"$T/share/records/center.json"
cp tests/fixtures/procedures/*.json "$T/share/procedures/"
export HH_SHARE="$T/share"
R=$T/records
# the tree exists before the steps it records (their --at)
check "hh-init" 'export HH_NOW=2016-09-01T07:00:00+07:00; vg hh-init "$R"' 
check "hh-intake" vg hh-intake -C "$R" --actor lan --procedure T-HT03 \
    --applicant "'Nguyễn Văn An'" --id-number 001085012345 --email an@example.vn \
    --document Đơn --at 2016-09-05T08:00 --receipt
C=$(hh-intake -C "$R" --actor lan --procedure T-HT03 --applicant B --at 2016-09-05T08:05)
printf '{"procedure":"T-HT03","applicant":"Người %s","at":"2016-09-06T08:00"}\n' 1 2 3 >"$T/b.jsonl"
check "hh-intake --batch" vg hh-intake -C "$R" --actor lan --json --batch "$T/b.jsonl"
check "hh-route --to" vg hh-route -C "$R" --actor lan --at 2016-09-06T09:00 "$C" --to tp --days 2
check "hh-route --supplement --print" vg hh-route -C "$R" --actor minh --at 2016-09-06T10:00 "$C" \
    --supplement thiếu --document "'Bản sao'" --print
check "hh-route --supplied" vg hh-route -C "$R" --actor minh --at 2016-09-07T10:00 "$C" --supplied
check "hh-route --done" vg hh-route -C "$R" --actor minh --at 2016-09-08T10:00 "$C" --done
check "hh-return" vg hh-return -C "$R" --actor lan --at 2016-09-09T10:00 "$C"
D=$(hh-intake -C "$R" --actor lan --procedure T-HT03 --applicant D --at 2016-09-05T08:10)
printf '{"code":"%s","at":"2016-09-09T11:00"}\n' "$D" >"$T/r.jsonl"
check "hh-return --batch" vg hh-return -C "$R" --actor lan --batch "$T/r.jsonl"
check "hh-report" vg hh-report -C "$R" --month 2016-09 --format html
check "hh-report --list" vg hh-report -C "$R" --list --format csv
check "hh-log" vg hh-log -C "$R" "$C"
check "hh-check" vg hh-check -C "$R"
check "hh-notify --mail" vg hh-notify -C "$R" --mail
check "hh-notify" vg hh-notify -C "$R"
check "hh-calendar" vg hh-calendar -C "$R" 2016-09
# a peer and the province host, then the peer gone
P=$T/peer
HH_NOW=2016-09-01T07:00:00+07:00 hh-init --agency H15.02 --name Peer "$P" >/dev/null
git init -q --bare "$T/host.git"
jq --arg p "$P" --arg h "file://$T/host.git" \
    '.peers = [{agency: "H15.02", name: "Peer", url: $p}] | .push_to = [$h]' \
    "$R/center.json" >"$T/c.json" && mv "$T/c.json" "$R/center.json"
hh-init --actor admin "$R" >/dev/null
check "hh-sync" vg hh-sync -C "$R"
check "hh-sync, a peer gone (error paths)" 'mv "$P" "$P.away"; ! vg hh-sync -C "$R"'
check "a refusal (error paths)" '! vg hh-route -C "$R" --actor minh "$C" --to xyz && ! grep -q "ERROR SUMMARY: [1-9]" "$T"/vg.*'
check_eq "no valgrind report" "" "$(cat "$T"/vg.* 2>/dev/null | head -20)"
done_testing
