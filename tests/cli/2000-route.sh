#!/bin/sh
# hh-route: hand-overs, shares, supplements, apologies, results, forms,
# every refusal, batches, and two processes on one dossier.
. tests/cli/lib.sh
plan 79
fixture_tree
export HH_NOW=2016-09-30T17:00:00+07:00
P=000.00.21.H54
new() {
	hh-intake -C "$R" --actor lan --procedure "$1" --applicant \
	    "Nguyễn Văn An" --at "$2"
}
subj() { git -C "$R" log -1 --format=%s; }
trailer() { git -C "$R" log -1 --format=%b | sed -n "s/^$1: //p"; }
commits() { git -C "$R" rev-list --count HEAD; }

# Monday 5/9/2016 08:00, T-HT03 (3 working days): due Thursday 8/9 17:00.
c=$(new T-HT03 2016-09-05T08:00)
check_eq "the desk hands a received dossier to its department" \
    "$c processing" \
    "$(hh-route -C "$R" --actor lan --at 2016-09-05T09:00 "$c" --to tp --days 2)"
check_eq "held by tp" "processing tp" "$(jqd "$c" '"\(.status) \(.holder)"')"
check_eq "tp's share is due after 2 working days" \
    "tp 2016-09-05T09:00:00+07:00 2 2016-09-07T17:00:00+07:00" \
    "$(jqd "$c" '.shares[0] | "\(.department) \(.from) \(.days) \(.due_at)"')"
check_eq "route event details" '{"to":"tp","days":2,"due_at":"2016-09-07T17:00:00+07:00"}' \
    "$(jqd "$c" '.events[-1].details' | jq -c .)"
check_eq "commit subject" "route $c: T-HT03 Thay đổi, cải chính hộ tịch (thử)" \
    "$(subj)"
check_eq "authored by the clerk at the event time" \
    "Trần Thị Lan 2016-09-05T09:00:00+07:00" \
    "$(git -C "$R" log -1 --format='%an %aI')"
check_eq "Action: trailer" route "$(trailer Action)"
check_eq "Actor: trailer" lan "$(trailer Actor)"
check_eq "the legal due date is unchanged" 2016-09-08T17:00:00+07:00 \
    "$(jqd "$c" .due_at)"

# Every illegal step: exit 1, one line naming the state, no commit.
check_fail "--supplied with no pending request" 1 \
    "hh-route: $c: status processing (held by tp): --supplied needs a pending supplement request (allowed: --to, --supplement, --delay, --done, --withdraw)" \
    hh-route -C "$R" --actor minh --at 2016-09-06T08:00 "$c" --supplied
check_fail "--at earlier than the dossier's last event" 1 \
    "status processing (held by tp): --at 2016-09-05T08:30:00+07:00 is earlier than the last event (route at 2016-09-05T09:00:00+07:00)" \
    hh-route -C "$R" --actor minh --at 2016-09-05T08:30 "$c" --done
check_fail "--at in the future" 1 "hh-route: --at: 2016-10-01T08:00: in the future" \
    hh-route -C "$R" --actor minh --at 2016-10-01T08:00 "$c" --done
check_fail "an unknown department" 1 \
    "status processing (held by tp): no department \"xyz\" (departments: motcua, tp, tnmt)" \
    hh-route -C "$R" --actor minh --at 2016-09-06T08:00 "$c" --to xyz
check_fail "an officer of another department" 1 \
    "status processing (held by tp): actor thu (officer, tnmt) acts only on dossiers held by tnmt" \
    hh-route -C "$R" --actor thu --at 2016-09-06T08:00 "$c" --to tnmt
check_fail "the desk may not move a dossier a department holds" 1 \
    "status processing (held by tp): actor hoa (desk) may route only a received dossier still held by motcua" \
    hh-route -C "$R" --actor hoa --at 2016-09-06T08:00 "$c" --to tnmt
check_fail "the desk may not ask for a supplement once a department holds it" 1 \
    "status processing (held by tp): actor hoa (desk) may ask or record a supplement only on a dossier still held by motcua" \
    hh-route -C "$R" --actor hoa --at 2016-09-06T08:00 "$c" --supplement x
check_fail "an auditor may not route" 1 \
    "hh-route: actor kiemtra: role auditor may not route (auditor may: nothing)" \
    hh-route -C "$R" --actor kiemtra --at 2016-09-06T08:00 "$c" --to tnmt
check_fail "an officer cannot be sent elsewhere with it" 1 \
    "officer minh works in tp, not tnmt" \
    hh-route -C "$R" --actor minh --at 2016-09-06T08:00 "$c" --to tnmt --officer minh
check_fail "routing to the holder" 1 "already held by tp" \
    hh-route -C "$R" --actor minh --at 2016-09-06T08:00 "$c" --to tp
check_fail "an unknown code" 1 "hh-route: $P-160905-0099: no such dossier" \
    hh-route -C "$R" --actor minh "$P-160905-0099" --done
check_fail "a code with a slash" 1 "not a dossier code" \
    hh-route -C "$R" --actor minh "../../etc/passwd-160905-0001" --done
check_fail "a code with .." 1 "hh-route: ..-160905-0001: not a dossier code" \
    hh-route -C "$R" --actor admin "..-160905-0001" --done
check_fail "a code climbing out of the tree" 1 "not a dossier code" \
    hh-route -C "$R" --actor admin "../$c" --done
check_fail "refusal needs a reason" 1 "reason: missing" \
    hh-route -C "$R" --actor minh --at 2016-09-06T08:00 "$c" --done --outcome refused
check_fail "an apology too close to the due day" 1 \
    "status processing (held by tp), due 2016-09-08T17:00:00+07:00: an apology must be made no later than one working day before the due day (allowed: --to, --supplement, --done, --withdraw)" \
    hh-route -C "$R" --actor minh --at 2016-09-08T08:00 "$c" --delay --until 2016-09-12 --reason x
check_fail "a new date before the due date" 1 \
    "--until 2016-09-07 is not after the due date 2016-09-08T17:00:00+07:00" \
    hh-route -C "$R" --actor minh --at 2016-09-06T08:00 "$c" --delay --until 2016-09-07 --reason x
check_fail "a new date on a day off" 1 "--until 2016-09-11 is not a working day" \
    hh-route -C "$R" --actor minh --at 2016-09-06T08:00 "$c" --delay --until 2016-09-11 --reason x

# Bad flags: exit 2, no commit.
check_fail "no operands" 2 "hh-route: no dossier code (see hh-route -h)" \
    hh-route -C "$R" --actor minh --done
check_fail "no step" 2 "no step: --to, --supplement" hh-route -C "$R" --actor minh "$c"
check_fail "two steps at once" 2 "one step at a time: --to," hh-route -C "$R" --actor minh "$c" --done --supplied
check_fail "--days not a number" 2 '--days: "abc" is not a number' \
    hh-route -C "$R" --actor minh "$c" --to tnmt --days abc
check_fail "--days not in halves" 2 '--days: "1.3"' \
    hh-route -C "$R" --actor minh "$c" --to tnmt --days 1.3
check_fail "--outcome unknown" 2 '--outcome: "maybe"' \
    hh-route -C "$R" --actor minh "$c" --done --outcome maybe
check_fail "--until not a date" 2 "--until: not a date" \
    hh-route -C "$R" --actor minh "$c" --delay --until 12/9 --reason x
check_fail "--delay without --until" 2 "--delay needs --until" \
    hh-route -C "$R" --actor minh "$c" --delay --reason x
check_fail "--officer without --to" 2 "--officer: only with route" \
    hh-route -C "$R" --actor minh "$c" --done --officer minh
check_fail "--print with a step that has no form" 2 "--print: only with" \
    hh-route -C "$R" --actor minh "$c" --to tnmt --print
check_fail "two codes for one supplement" 2 "one dossier code at a time" \
    hh-route -C "$R" --actor minh "$c" "$c" --supplement x
check_fail "an unknown option" 2 usage: hh-route -C "$R" "$c" --frobnicate

# -n checks and prints, writes nothing.
n=$(commits)
check_eq "-n prints the step" "$c processing" \
    "$(hh-route -n -C "$R" --actor minh --at 2016-09-06T08:00 "$c" --to tnmt --officer thu)"
check_eq "-n made no commit" "$n" "$(commits)"
st=0; hh-route -n -C "$R" --actor minh "$c" --done >/dev/full 2>"$T/err" || st=$?
check_eq "a stdout write error: exit 1, one line naming stdout" \
    "1 hh-route: stdout: No space left on device" "$st $(cat "$T/err")"

# Mẫu 02: a supplement request; the clock stops.
hh-route -C "$R" --actor minh --at 2016-09-06T09:00 "$c" --supplement \
    "Thiếu tờ khai có chữ ký" --document "Tờ khai" --document "Bản sao CCCD" \
    --print >"$T/m02"
check "--print prints Mẫu 02" grep -q "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" "$T/m02"
check "Mẫu 02 numbered CODE/HDHS" grep -q "Số: $c/HDHS" "$T/m02"
check "Mẫu 02 lists the documents" grep -q "Bản sao CCCD" "$T/m02"
check "Mẫu 02 gives the reason" grep -q "Lý do: Thiếu tờ khai có chữ ký" "$T/m02"
check "Mẫu 02 signed by the guide" grep -q "Phạm Văn Minh" "$T/m02"
check_eq "waiting for the applicant" "waiting_supplement 2016-09-06T09:00:00+07:00 2" \
    "$(jqd "$c" '"\(.status) \(.supplement.requested_at) \(.supplement.documents | length)"')"
check_fail "a second request while one is pending" 1 \
    "status waiting_supplement (held by tp): a supplement request is already pending since 2016-09-06T09:00:00+07:00 (allowed: --supplied, --withdraw)" \
    hh-route -C "$R" --actor minh --at 2016-09-06T10:00 "$c" --supplement again
check_fail "no result while waiting" 1 \
    "status waiting_supplement (held by tp): cannot done (allowed: --supplied, --withdraw)" \
    hh-route -C "$R" --actor minh --at 2016-09-06T10:00 "$c" --done
check_eq "supplied: the clock restarts (center.json: restart)" \
    "$c processing" \
    "$(hh-route -C "$R" --actor minh --at 2016-09-07T10:00 "$c" --supplied)"
check_eq "3 working days from the complete dossier" \
    "2016-09-12T17:00:00+07:00 2016-09-12T17:00:00+07:00" \
    "$(jqd "$c" '"\(.due_at) \(.events[-1].details.due_at)"')"

# Mẫu 04: the apology, once.
hh-route -C "$R" --actor minh --at 2016-09-08T10:00 "$c" --delay \
    --until 2016-09-14 --reason "Chờ xác minh của Công an xã" --print >"$T/m04"
check "--print prints Mẫu 04" grep -q "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" "$T/m04"
check "Mẫu 04 gives the new date" grep -q "17 giờ 00 phút, ngày 14/09/2016" "$T/m04"
check "Mẫu 04 gives the original date" grep -q "ngày 12/09/2016" "$T/m04"
check_eq "appointment at the close of office hours, due unchanged" \
    "2016-09-14T17:00:00+07:00 2016-09-12T17:00:00+07:00" \
    "$(jqd "$c" '"\(.appointment_at) \(.due_at)"')"
check_fail "a second apology" 1 \
    "status processing (held by tp): an apology was already made (new appointment 2016-09-14T17:00:00+07:00); it is allowed once (allowed: --to, --supplement, --done, --withdraw)" \
    hh-route -C "$R" --actor minh --at 2016-09-08T11:00 "$c" --delay --until 2016-09-15 --reason x

# Mẫu 03: refused after appraisal.
hh-route -C "$R" --actor minh --at 2016-09-09T10:00 "$c" --done \
    --outcome refused --reason "Không thuộc thẩm quyền" --print >"$T/m03"
check "--print prints Mẫu 03" grep -q "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" "$T/m03"
check "Mẫu 03 gives the reason" grep -q "Không thuộc thẩm quyền" "$T/m03"
check_eq "resolved, refused, early against the restarted due date" \
    "resolved refused early motcua" \
    "$(jqd "$c" '"\(.status) \(.outcome) \(.class) \(.holder)"')"

# Several codes in one run: one commit each.
c2=$(new T-DD15 2016-09-06T08:00)
c3=$(new T-DD15 2016-09-06T08:05)
n=$(commits)
check_eq "two codes, two lines" "$c2 processing|$c3 processing" \
    "$(hh-route -C "$R" --actor hoa --at 2016-09-06T09:00 "$c2" "$c3" --to tnmt --officer thu | paste -sd'|')"
check_eq "two commits" $((n + 2)) "$(commits)"
check_eq "the officer is recorded" "thu thu" "$(jqd "$c3" '"\(.officer) \(.shares[0].officer)"')"

# A batch: every line checked against the state the earlier lines leave.
c4=$(new T-HT03 2016-09-12T08:00)
cat >"$T/steps.jsonl" <<EOF
{"code":"$c4","at":"2016-09-12T09:00","to":"tp","days":1}
{"code":"$c4","at":"2016-09-13T09:00","supplement":"Thiếu ảnh","documents":["Ảnh 4x6"]}
{"code":"$c4","at":"2016-09-14T09:00","supplied":true}
{"code":"$c4","at":"2016-09-15T09:00","to":"tnmt"}
EOF
n=$(commits)
check_fail "a batch line that fails on the state earlier lines leave" 1 \
    "hh-route: stdin:2: $c4: status processing (held by tp): --supplied needs a pending supplement request" \
    "sed 2d '$T/steps.jsonl' | hh-route -C '$R' --actor admin --batch -"
printf '{"code":"%s","done":true,"outcome":"refused"}\n' "$c4" >>"$T/steps.jsonl"
check_fail "one bad line among good ones: exit 1, nothing committed" 1 \
    "steps.jsonl:5: $c4: reason: missing" \
    hh-route -C "$R" --actor admin --batch "$T/steps.jsonl"
sed -i '$d' "$T/steps.jsonl"
printf '{"code":"%s","to":"tp","colour":"red"}\n' "$c4" >>"$T/steps.jsonl"
check_fail "an unknown key" 1 'steps.jsonl:5: unknown key "colour"' \
    hh-route -C "$R" --actor admin --batch "$T/steps.jsonl"
sed -i '$d' "$T/steps.jsonl"
# the one shape rule: a key that does not go with the line's step
printf '{"code":"%s","supplied":true,"officer":"thu"}\n' "$c4" >"$T/shape.jsonl"
check_fail "a key of another step is refused, naming the step it goes with" \
    1 "shape.jsonl:1: $c4: officer: only with route" \
    hh-route -C "$R" --actor admin --batch "$T/shape.jsonl"
printf '{"code":"%s","supplement":"x","reason":"y"}\n' "$c4" >"$T/shape.jsonl"
check_fail "a supplement's reason is its value, not a reason key" 1 \
    "shape.jsonl:1: $c4: reason: not with supplement" \
    hh-route -C "$R" --actor admin --batch "$T/shape.jsonl"
printf '{"code":"%s","withdraw":true}\n' "$c4" >"$T/shape.jsonl"
check_fail "a withdrawal is hh-return's, not a key of hh-route" 1 \
    'shape.jsonl:1: unknown key "withdraw"' \
    hh-route -C "$R" --actor admin --batch "$T/shape.jsonl"
check_fail "--reason with --supplement is a usage error" 2 \
    "--reason: not with --supplement" \
    hh-route -C "$R" --actor admin "$c4" --supplement x --reason y
check_eq "a good batch: one line a step" \
    "$c4 processing|$c4 waiting_supplement|$c4 processing|$c4 processing" \
    "$(hh-route -C "$R" --actor admin --batch "$T/steps.jsonl" | paste -sd'|')"
check_eq "one commit a line" $((n + 4)) "$(commits)"
check_eq "events in order" "intake route supplement supplied route" \
    "$(jqd "$c4" '[.events[].action] | join(" ")')"
check_eq "tp's share restarted with the supplement: on time when it left" \
    "tp 2016-09-15T17:00:00+07:00 on_time tnmt null" \
    "$(jqd "$c4" '"\(.shares[0].department) \(.shares[0].due_at) \(.shares[0].class) \(.shares[1].department) \(.shares[1].class)"')"

# Two processes stepping one dossier at the same instant.
c5=$(new T-HT03 2016-09-19T08:00)
hh-route -C "$R" --actor lan --at 2016-09-19T08:30 "$c5" --to tp >/dev/null
n=$(commits)
hh-route -C "$R" --actor admin --at 2016-09-19T09:00 "$c5" --to tnmt \
    >"$T/a.out" 2>"$T/a.err" & pa=$!
hh-route -C "$R" --actor admin --at 2016-09-19T09:00 "$c5" --delay \
    --until 2016-09-26 --reason "Chờ" >"$T/b.out" 2>"$T/b.err" & pb=$!
sa=0; wait $pa || sa=$?
sb=0; wait $pb || sb=$?
check_eq "both steps land" "0 0" "$sa $sb"
check_eq "two commits, both on the dossier" "$((n + 2)) 2" \
    "$(commits) $(git -C "$R" log -2 --format=%s | grep -c "$c5")"
check_eq "both events kept" "delay route" \
    "$(jqd "$c5" '[.events[2:][].action] | sort | join(" ")')"
c6=$(new T-HT03 2016-09-19T08:00)
hh-route -C "$R" --actor lan --at 2016-09-19T08:30 "$c6" --to tp >/dev/null
n=$(commits)
for i in 1 2; do
	hh-route -C "$R" --actor minh --at 2016-09-19T09:00 "$c6" \
	    --supplement "Lần $i" >"$T/s$i.out" 2>"$T/s$i.err" &
done
wait || :
check_eq "of two equal requests one lands, one commit" \
    "1 $((n + 1))" "$(jqd "$c6" '[.events[].action | select(. == "supplement")] | length') $(commits)"
check "the loser is told the new state" \
    "cat '$T/s1.err' '$T/s2.err' | grep -q '^hh-route: $c6: status waiting_supplement (held by tp): a supplement request is already pending'"
done_testing
