#!/bin/sh
# hh-return: results handed over (resolving first when needed), withdrawals,
# every refusal, batches.
. tests/cli/lib.sh
plan 44
fixture_tree
export HH_NOW=2016-09-30T17:00:00+07:00
P=000.00.21.H54
new() {
	hh-intake -C "$R" --actor lan --procedure "$1" --applicant \
	    "Nguyễn Văn An" --at "$2"
}
subj() { git -C "$R" log -1 --skip="${1:-0}" --format=%s; }
trailer() { git -C "$R" log -1 --format=%b | sed -n "s/^$1: //p"; }
commits() { git -C "$R" rev-list --count HEAD; }
proc="T-HT03 Thay đổi, cải chính hộ tịch (thử)"

# Resolved by the department, then handed over: early.
c1=$(new T-HT03 2016-09-05T08:00)
hh-route -C "$R" --actor lan --at 2016-09-05T09:00 "$c1" --to tp >/dev/null
hh-route -C "$R" --actor minh --at 2016-09-07T10:00 "$c1" --done >/dev/null
n=$(commits)
check_eq "the class is printed" "$c1 early" \
    "$(hh-return -C "$R" --actor hoa --at 2016-09-07T15:00 "$c1")"
check_eq "one commit" $((n + 1)) "$(commits)"
check_eq "commit subject" "return $c1: $proc" "$(subj)"
check_eq "author is the desk clerk at the hand-over" \
    "Lê Thị Hoa 2016-09-07T15:00:00+07:00" \
    "$(git -C "$R" log -1 --format='%an %aI')"
check_eq "Action: trailer" return "$(trailer Action)"
check_eq "returned; resolved when the result was ready" \
    "returned 2016-09-07T10:00:00+07:00 2016-09-07T15:00:00+07:00 early granted" \
    "$(jqd "$c1" '"\(.status) \(.resolved_at) \(.returned_at) \(.class) \(.outcome)"')"
check_eq "the return event" "return hoa {}" \
    "$(jqd "$c1" '.events[-1] | "\(.action) \(.actor) \(.details | tojson)"')"
check_fail "returning it again" 1 \
    "hh-return: $c1: status returned: cannot return (nothing is allowed on a returned dossier)" \
    hh-return -C "$R" --actor lan "$c1"

# Still with the department: hh-return resolves first (two commits).
c2=$(new T-HT03 2016-09-05T08:10)
hh-route -C "$R" --actor lan --at 2016-09-05T09:00 "$c2" --to tp >/dev/null
n=$(commits)
check_eq "on the due day: on time" "$c2 on_time" \
    "$(hh-return -C "$R" --actor lan --at 2016-09-08T16:00 "$c2")"
check_eq "two commits" $((n + 2)) "$(commits)"
check_eq "first the resolution" "done $c2: $proc" "$(subj 1)"
check_eq "then the hand-over" "return $c2: $proc" "$(subj)"
check_eq "both by the clerk" "Trần Thị Lan|Trần Thị Lan" \
    "$(git -C "$R" log -2 --format=%an | paste -sd'|')"
check_eq "done recorded on return, granted" \
    '{"outcome":"granted","class":"on_time","on_return":true}' \
    "$(jqd "$c2" '.events[-2].details' | jq -c .)"
check_eq "tp's share closed with the dossier" "2016-09-08T16:00:00+07:00 on_time" \
    "$(jqd "$c2" '.shares[0] | "\(.done_at) \(.class)"')"

# Same-day procedure returned at the counter; a late one.
c3=$(new T-CT00 2016-09-06T08:00)
check_eq "received and returned the same day: on time" "$c3 on_time" \
    "$(hh-return -C "$R" --actor lan --at 2016-09-06T09:00 "$c3")"
c4=$(new T-HT05 2016-09-06T08:00)
check_eq "half a day, returned next morning: late" "$c4 late" \
    "$(hh-return -C "$R" --actor lan --at 2016-09-07T09:00 "$c4")"

# Withdrawals.
c5=$(new T-HT03 2016-09-12T08:00)
hh-route -C "$R" --actor lan --at 2016-09-12T09:00 "$c5" --to tp --days 2 >/dev/null
hh-route -C "$R" --actor minh --at 2016-09-12T10:00 "$c5" --supplement "Thiếu ảnh" >/dev/null
check_fail "a dossier waiting for a supplement cannot be returned" 1 \
    "hh-return: $c5: status waiting_supplement (held by tp): cannot return (allowed: --supplied, --withdraw)" \
    hh-return -C "$R" --actor lan --at 2016-09-12T11:00 "$c5"
check_eq "withdrawn while waiting" "$c5 withdrawn" \
    "$(hh-return -C "$R" --actor lan --at 2016-09-12T11:00 "$c5" --withdraw --reason "Công dân rút hồ sơ")"
check_eq "commit subject" "withdraw $c5: $proc" "$(subj)"
check_eq "Action: trailer" withdraw "$(trailer Action)"
check_eq "status, reason, the share closed without a class" \
    "withdrawn Công dân rút hồ sơ 2016-09-12T11:00:00+07:00 null" \
    "$(jqd "$c5" '"\(.status) \(.events[-1].details.reason) \(.shares[0].done_at) \(.shares[0].class)"')"
check_fail "returning a withdrawn dossier" 1 \
    "hh-return: $c5: status withdrawn: cannot return (nothing is allowed on a withdrawn dossier)" \
    hh-return -C "$R" --actor lan "$c5"
check_fail "withdrawing it again" 1 \
    "status withdrawn: cannot withdraw (nothing is allowed on a withdrawn dossier)" \
    hh-return -C "$R" --actor lan "$c5" --withdraw
check_fail "routing a withdrawn dossier" 1 \
    "hh-route: $c5: status withdrawn: cannot route (nothing is allowed on a withdrawn dossier)" \
    hh-route -C "$R" --actor admin "$c5" --to tnmt
c6=$(new T-HT03 2016-09-12T08:30)
hh-route -C "$R" --actor lan --at 2016-09-12T09:00 "$c6" --to tp >/dev/null
hh-route -C "$R" --actor minh --at 2016-09-12T10:00 "$c6" --done >/dev/null
check_fail "a resolved dossier cannot be withdrawn" 1 \
    "status resolved (held by motcua): cannot withdraw (allowed: hh-return)" \
    hh-return -C "$R" --actor lan "$c6" --withdraw
check_fail "an officer does not hand results over" 1 \
    "hh-return: actor minh: role officer may not return (officer may: route, supplement, supplied, delay, done, stop)" \
    hh-return -C "$R" --actor minh "$c6"
check_fail "an auditor neither" 1 "role auditor may not return (auditor may: nothing)" \
    hh-return -C "$R" --actor kiemtra "$c6"
check_fail "--at earlier than the last event" 1 \
    "status resolved (held by motcua): --at 2016-09-12T09:30:00+07:00 is earlier than the last event (done at 2016-09-12T10:00:00+07:00)" \
    hh-return -C "$R" --actor lan --at 2016-09-12T09:30 "$c6"
check_fail "an unknown code" 1 "hh-return: $P-160912-0099: no such dossier" \
    hh-return -C "$R" --actor lan "$P-160912-0099"
check_fail "a code with a slash" 1 "hh-return: a/b-160912-0001: not a dossier code" \
    hh-return -C "$R" --actor lan "a/b-160912-0001"

# Bad flags.
check_fail "no operands" 2 "no dossier code (see hh-return -h)" hh-return -C "$R" --actor lan
check_fail "--reason without --withdraw" 2 \
    "hh-return: --reason: only with --withdraw or --stop (see hh-return -h)" hh-return -C "$R" --actor lan "$c6" --reason x
check_fail "--withdraw takes one code" 2 \
    "--withdraw: one dossier code at a time" hh-return -C "$R" --actor lan "$c6" "$c1" --withdraw
check_fail "--batch with operands" 2 \
    "--batch: its lines give the codes and the steps" hh-return -C "$R" --actor lan --batch - "$c6"

# -n, several codes.
n=$(commits)
check_eq "-n prints the class" "$c6 early" "$(hh-return -n -C "$R" --actor lan --at 2016-09-12T11:00 "$c6")"
check_eq "-n made no commit" "$n" "$(commits)"
c7=$(new T-CT00 2016-09-13T08:00)
n=$(commits)
check_eq "several codes, one line each" "$c6 early|$c7 on_time" \
    "$(hh-return -C "$R" --actor lan --at 2016-09-13T09:00 "$c6" "$c7" | paste -sd'|')"
check_eq "three commits (c7 resolved first)" $((n + 3)) "$(commits)"

# Batches.
c8=$(new T-HT03 2016-09-14T08:00)
c9=$(new T-HT03 2016-09-14T08:05)
hh-route -C "$R" --actor lan --at 2016-09-14T09:00 "$c8" --to tp >/dev/null
cat >"$T/ret.jsonl" <<EOF
{"code":"$c8","at":"2016-09-15T09:00"}
{"code":"$c9","at":"2016-09-15T09:00","withdraw":true,"reason":"Không bổ sung được"}
{"code":"$c8","at":"2016-09-15T09:30"}
EOF
n=$(commits)
check_fail "a batch returning one dossier twice: nothing committed" 1 \
    "hh-return: $T/ret.jsonl:3: $c8: status returned: cannot return (nothing is allowed on a returned dossier)" \
    hh-return -C "$R" --actor lan --batch "$T/ret.jsonl"
sed -i '$d' "$T/ret.jsonl"
printf '{"code":"%s","reason":"x"}\n' "$c8" >>"$T/ret.jsonl"
check_fail "a bad line among good ones" 1 "ret.jsonl:3: $c8: reason: only with withdraw" \
    hh-return -C "$R" --actor lan --batch "$T/ret.jsonl"
sed -i '$d' "$T/ret.jsonl"
check_eq "a good batch" "$c8 early|$c9 withdrawn" \
    "$(hh-return -C "$R" --actor lan --batch "$T/ret.jsonl" | paste -sd'|')"
check_eq "one commit a step (done, return, withdraw)" $((n + 3)) "$(commits)"
check_eq "--json prints the dossier as stored" "returned" \
    "$(c=$(new T-CT00 2016-09-15T08:00); hh-return -C "$R" --actor lan --at 2016-09-15T08:30 --json "$c" | jq -r .status)"
done_testing
