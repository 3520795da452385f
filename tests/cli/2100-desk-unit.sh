# 2100-desk-unit.sh - the one-stop unit holds a received dossier, not the
# receiving clerk's home department (DOMAIN Part A §14): clerks seconded
# from a department route to it like to any other.
. tests/cli/lib.sh
plan 12
export HH_NOW=2026-11-20T17:00:00+07:00 HH_FSYNC=0

# the test centre, its clerk lan seconded from tp, the desk unit "bpmc"
# (not one of the departments)
mkdir -p "$T/share/records" "$T/share/procedures"
jq --tab '.desk_unit = "bpmc" |
    (.staff[] | select(.id == "lan")).department = "tp"' \
    "$TOP/tests/fixtures/center.json" >"$T/share/records/center.json"
cp "$TOP/records/calendar" "$T/share/records/"
cp "$TOP"/tests/fixtures/procedures/*.json "$T/share/procedures/"
export HH_SHARE="$T/share"
R="$T/records"
check "hh-init with desk_unit" HH_NOW=2015-01-05T07:00:00+07:00 hh-init '"$R"'

c=$(hh-intake -C "$R" --actor lan --at 2026-11-16T08:00 \
    --procedure T-HT03 --applicant "Người Thử")
check_eq "received: held by the one-stop unit" "received bpmc" \
    "$(jqd "$c" '"\(.status) \(.holder)"')"
check_eq "the clerk routes it to her own home department" "$c processing" \
    "$(hh-route -C "$R" --actor lan --at 2026-11-16T09:00 "$c" --to tp)"
check_eq "held by tp" "tp" "$(jqd "$c" .holder)"
check_fail "nor routed to the department holding it" 1 \
    "already held by tp" \
    hh-route -C "$R" --actor admin --at 2026-11-16T10:00 "$c" --to tp
check_eq "done by tp's officer" "$c resolved" \
    "$(hh-route -C "$R" --actor minh --at 2026-11-17T10:00 "$c" --done)"
check_eq "the result goes back to the one-stop unit" "bpmc" \
    "$(jqd "$c" .holder)"
check "returned at the desk" \
    hh-return -C "$R" --actor lan --at 2026-11-17T15:00 "$c"
check "hh-check: 0 findings" hh-check -C "$R" --quiet

# the desk routes only what its unit holds
c2=$(hh-intake -C "$R" --actor lan --at 2026-11-18T08:00 \
    --procedure T-HT03 --applicant "Người Thử Hai")
hh-route -C "$R" --actor admin --at 2026-11-18T09:00 "$c2" --to tnmt >/dev/null
check_fail "a desk clerk may not route what a department holds" 1 \
    "may route only a received dossier still held by bpmc" \
    hh-route -C "$R" --actor lan --at 2026-11-18T10:00 "$c2" --to tp

# a desk unit that is no id is refused, naming the key
jq --tab '.desk_unit = "một cửa"' "$T/share/records/center.json" \
    >"$T/bad.json"
mkdir -p "$T/bad/records" "$T/bad/procedures"
cp "$T/bad.json" "$T/bad/records/center.json"
cp "$TOP/records/calendar" "$T/bad/records/"
cp "$TOP"/tests/fixtures/procedures/*.json "$T/bad/procedures/"
R2="$T/r2"
st=0; HH_SHARE="$T/bad" hh-init "$R2" >"$T/out" 2>"$T/err" || st=$?
check_eq "a bad desk_unit: exit 1, nothing made" "1 no" \
    "$st $([ -d "$R2/.git" ] && echo yes || echo no)"
check_eq "... and the message names desk_unit" \
    'hh-init: center.json: desk_unit: "một cửa" is not an id' "$(cat "$T/err")"
done_testing
