# 2150-apology.sh - how many apologies (Mẫu 04) a dossier may have and how
# early: center.json apology (DOMAIN Part A §13), default once, one
# working day before the due day.
. tests/cli/lib.sh
plan 7
export HH_NOW=2026-11-30T17:00:00+07:00 HH_FSYNC=0

# tree CENTER-JQ: a tree in $R from the test centre changed by CENTER-JQ
tree() {
	rm -rf "$T/share" "$T/records"
	mkdir -p "$T/share/records" "$T/share/procedures"
	jq --tab "$1" "$TOP/tests/fixtures/center.json" \
	    >"$T/share/records/center.json"
	cp "$TOP/records/calendar" "$T/share/records/"
	cp "$TOP"/tests/fixtures/procedures/*.json "$T/share/procedures/"
	R="$T/records"
	HH_NOW=2015-01-05T07:00:00+07:00 HH_SHARE="$T/share" hh-init "$R" >/dev/null
}
# a dossier of T-HT03 (3 working days) received Monday 2/11/2026 08:00,
# due Thursday 5/11 at 17:00, routed to tp
dossier() {
	c=$(hh-intake -C "$R" --actor lan --at 2026-11-02T08:00 \
	    --procedure T-HT03 --applicant "Người Thử")
	hh-route -C "$R" --actor lan --at 2026-11-02T09:00 "$c" --to tp >/dev/null
}
delay() {
	hh-route -C "$R" --actor minh --at "$1" "$c" --delay --until "$2" \
	    --reason "Chờ xác minh"
}

tree .
dossier
check "the default: one apology, a working day before the due day" \
    delay 2026-11-04T10:00 2026-11-09
check_fail "a second is refused, saying how many are allowed" 1 \
    "an apology was already made (new appointment 2026-11-09T17:00:00+07:00); it is allowed once" \
    delay 2026-11-05T10:00 2026-11-10

tree '.apology = {"times": 2, "working_days_before": 0}'
dossier
check "apology.working_days_before 0: on the due day itself" \
    delay 2026-11-05T10:00 2026-11-09
check "apology.times 2: a second one" delay 2026-11-09T10:00 2026-11-11
check_eq "it extends the first one's appointment (Mẫu 04's earlier extension)" \
    "2026-11-09T17:00:00+07:00 2026-11-11T17:00:00+07:00" \
    "$(jqd "$c" '.events[-1].details | "\(.due_before) \(.appointment_at)"')"
check_fail "a third is refused" 1 "it is allowed 2 times" \
    delay 2026-11-10T10:00 2026-11-12

tree '.apology = {"working_days_before": 2}'
dossier
check_fail "two working days before: Wednesday is too late for Thursday" 1 \
    "an apology must be made no later than 2 working days before the due day" \
    delay 2026-11-04T10:00 2026-11-09
done_testing
