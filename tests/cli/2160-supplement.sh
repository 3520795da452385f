# 2160-supplement.sh - a supplement asked by the desk before routing (stage
# intake) and by the officer in appraisal, each recording who issued it;
# the instant an apology extends; how each document came (DOMAIN Part A
# §11, §13, §18).
. tests/cli/lib.sh
plan 22
export HH_NOW=2026-11-30T17:00:00+07:00 HH_FSYNC=0
fixture_tree

# T-HT03: 3 working days, department tp (officer minh); lan is a desk clerk
c=$(hh-intake -C "$R" --actor lan --at 2026-11-02T08:00 --procedure T-HT03 \
    --applicant "Người Thử")
check_fail "an officer may not ask it while the desk holds it" 1 \
    "acts only on dossiers held by tp" \
    hh-route -C "$R" --actor minh --at 2026-11-02T08:20 "$c" \
    --supplement "'Thiếu tờ khai'"
check_eq "the desk asks for a supplement before routing" \
    "$c waiting_supplement" \
    "$(hh-route -C "$R" --actor lan --at 2026-11-02T08:30 "$c" \
    --supplement 'Thiếu bản sao giấy khai sinh' --document 'Giấy khai sinh')"
check_eq "the request records stage intake and its issuer" \
    '{"requested_at":"2026-11-02T08:30:00+07:00","reason":"Thiếu bản sao giấy khai sinh","stage":"intake","by":"lan","documents":["Giấy khai sinh"]}' \
    "$(jqd "$c" '.supplement' | jq -c .)"
check_eq "so does its event" \
    '{"reason":"Thiếu bản sao giấy khai sinh","stage":"intake","documents":["Giấy khai sinh"]}' \
    "$(jqd "$c" '.events[1].details' | jq -c .)"
check_fail "it cannot be routed while waiting" 1 \
    "cannot route (allowed: --supplied, --withdraw, --stop)" \
    hh-route -C "$R" --actor lan --at 2026-11-02T09:00 "$c" --to tp
check_eq "supplied at the desk, it is received again" "$c received" \
    "$(hh-route -C "$R" --actor lan --at 2026-11-03T08:40 "$c" --supplied)"
# restart (the default rule): 3 working days from Tue 3/11 08:40
check_eq "and its clock counts again from then" \
    "2026-11-06T17:00:00+07:00 received motcua" \
    "$(jqd "$c" '[.due_at, .status, .holder] | join(" ")')"
check_eq "then the desk forwards it" "$c processing" \
    "$(hh-route -C "$R" --actor lan --at 2026-11-03T09:00 "$c" --to tp)"
check_fail "the desk may not ask it once a department holds it" 1 \
    "actor lan (desk) may ask or record a supplement only on a dossier still held by motcua" \
    hh-route -C "$R" --actor lan --at 2026-11-03T10:00 "$c" \
    --supplement "'Thiếu tờ khai'"
check_eq "the officer asks in appraisal" "$c waiting_supplement" \
    "$(hh-route -C "$R" --actor minh --at 2026-11-03T10:00 "$c" \
    --supplement 'Thiếu tờ khai')"
check_eq "that request records stage appraisal and the officer" \
    "appraisal minh" "$(jqd "$c" '.supplement | "\(.stage) \(.by)"')"
check_fail "the desk may not record it supplied" 1 \
    "actor lan (desk) may ask or record a supplement only on a dossier still held by motcua" \
    hh-route -C "$R" --actor lan --at 2026-11-04T08:00 "$c" --supplied
check_eq "supplied to the department, it is processing" "$c processing" \
    "$(hh-route -C "$R" --actor minh --at 2026-11-04T08:00 "$c" --supplied)"

# an apology: the instant it extends (the due time the supplement set)
# and the new one
check "an apology" hh-route -C "$R" --actor minh --at 2026-11-05T10:00 "$c" \
    --delay --until 2026-11-11 --reason "'Chờ xác minh'"
check_eq "records the due it extends and the new appointment" \
    '{"until":"2026-11-11","reason":"Chờ xác minh","due_before":"2026-11-09T17:00:00+07:00","appointment_at":"2026-11-11T17:00:00+07:00"}' \
    "$(jqd "$c" '.events[-1].details' | jq -c .)"
check "hh-check replays both supplements and the apology: 0 findings" \
    "hh-check -C '$R' | grep -q ', 0 findings\$'"

# documents: how each came (c, c2, c3: check_fail uses d), the channel's default without a source
c2=$(hh-intake -C "$R" --actor lan --at 2026-11-05T08:00 --procedure T-HT03 \
    --applicant "Người Thử" --document 'Tờ khai' \
    --document 'shown: Căn cước công dân' \
    --document 'database:Giấy khai sinh')
check_eq "a direct dossier's documents: scanned unless said" \
    '[{"name":"Tờ khai","source":"scanned"},{"name":"Căn cước công dân","source":"shown"},{"name":"Giấy khai sinh","source":"database"}]' \
    "$(jqd "$c2" '.documents' | jq -c .)"
c3=$(hh-intake -C "$R" --actor lan --at 2026-11-05T08:00 --procedure T-HT03 \
    --applicant "Người Thử" --channel online --document 'Tờ khai')
check_eq "an online dossier's: online" '[{"name":"Tờ khai","source":"online"}]' \
    "$(jqd "$c3" '.documents' | jq -c .)"
check_fail "an unknown source is refused, naming it" 1 \
    'document: "scaned" is not scanned, online, shown or database' \
    hh-intake -C "$R" --actor lan --at 2026-11-05T08:00 \
    --procedure T-HT03 --applicant X --document scaned:Foo
check_eq "a batch line's documents are written the same way" \
    '[{"name":"Đơn","source":"shown"}]' \
    "$(printf '%s\n' '{"procedure":"T-HT03","applicant":"Y","at":"2026-11-05T09:00","documents":["shown:Đơn"]}' |
    hh-intake -C "$R" --actor lan --batch - --json | jq -c .documents)"
check_eq "hh-log shows them in the intake's changes" \
    '+ documents: [{"name":"Tờ khai","source":"scanned"},{"name":"Căn cước công dân","source":"shown"},{"name":"Giấy khai sinh","source":"database"}]' \
    "$(hh-log -C "$R" "$c2" | sed -n 's/^    \(+ documents: .*\)/\1/p')"
check "hh-check: 0 findings" "hh-check -C '$R' | grep -q ', 0 findings\$'"
done_testing
