#!/bin/sh
# Whole lives of dossiers, intake to hand-over: each path's stored JSON,
# its commits (subject, author, Action: trailer) and the class printed.
. tests/cli/lib.sh
plan 40
fixture_tree
export HH_NOW=2016-09-30T17:00:00+07:00
proc="T-HT03 Thay đổi, cải chính hộ tịch (thử)"
new() {
	hh-intake -C "$R" --actor lan --procedure "$1" --applicant \
	    "Nguyễn Văn An" --at "$2"
}
route() { hh-route -C "$R" "$@" >/dev/null; }
# The dossier's commits, oldest first: "verb:author:Action" joined by " ".
history() {
	git -C "$R" log --reverse --format='%s|%an|%(trailers:key=Action,valueonly,separator=)' \
	    -- "dossiers/2016/09/$1.json" |
	    sed "s/ $1: $proc|/:/; s/|/:/" | paste -sd' '
}
L="Trần Thị Lan" H="Lê Thị Hoa" M="Phạm Văn Minh" U="Đỗ Thị Thu"

# T-HT03 received Monday 5/9/2016 08:00 is due Thursday 8/9 17:00.
for path in early:2016-09-07T10:00 on_time:2016-09-08T16:59 late:2016-09-09T08:00; do
	class=${path%%:*} when=${path#*:}
	c=$(new T-HT03 2016-09-05T08:00)
	route --actor lan --at 2016-09-05T08:30 "$c" --to tp --officer minh
	check_eq "granted $class: hh-route prints the status" "$c resolved" \
	    "$(hh-route -C "$R" --actor minh --at "$when" "$c" --done)"
	check_eq "granted $class: hh-return prints the class" "$c $class" \
	    "$(hh-return -C "$R" --actor hoa --at 2016-09-09T16:00 "$c")"
	check_eq "granted $class: the stored dossier" \
	    "returned granted $class 2016-09-08T17:00:00+07:00 motcua minh" \
	    "$(jqd "$c" '"\(.status) \(.outcome) \(.class) \(.due_at) \(.holder) \(.officer)"')"
	check_eq "granted $class: commits" \
	    "intake:$L:intake route:$L:route done:$M:done return:$H:return" \
	    "$(history "$c")"
done

# Late, with an apology (Mẫu 04) made in time.
c=$(new T-HT03 2016-09-05T08:00)
route --actor lan --at 2016-09-05T08:30 "$c" --to tp
route --actor minh --at 2016-09-07T09:00 "$c" --delay --until 2016-09-13 \
    --reason "Chờ trích lục từ Sở Tư pháp"
route --actor minh --at 2016-09-12T10:00 "$c" --done
check_eq "apologised: still late against the legal due date" "$c late" \
    "$(hh-return -C "$R" --actor lan --at 2016-09-12T14:00 "$c")"
check_eq "apologised: due and appointment kept apart" \
    "2016-09-08T17:00:00+07:00 2016-09-13T17:00:00+07:00 late" \
    "$(jqd "$c" '"\(.due_at) \(.appointment_at) \(.class)"')"
check_eq "apologised: the delay event" "2016-09-13|Chờ trích lục từ Sở Tư pháp" \
    "$(jqd "$c" '.events[] | select(.action == "delay") | "\(.details.until)|\(.details.reason)"')"
check_eq "apologised: commits" \
    "intake:$L:intake route:$L:route delay:$M:delay done:$M:done return:$L:return" \
    "$(history "$c")"

# Refused after appraisal (Mẫu 03).
c=$(new T-HT03 2016-09-05T08:00)
route --actor lan --at 2016-09-05T08:30 "$c" --to tp
check "refused: Mẫu 03 printed" \
    "hh-route -C '$R' --actor minh --at 2016-09-06T10:00 '$c' --done --outcome refused --reason 'Giấy tờ giả mạo' --print | grep -q 'Giấy tờ giả mạo'"
check_eq "refused: handed back, class printed" "$c early" \
    "$(hh-return -C "$R" --actor lan --at 2016-09-06T14:00 "$c")"
check_eq "refused: stored" "returned refused Giấy tờ giả mạo" \
    "$(jqd "$c" '"\(.status) \(.outcome) \(.events[-2].details.reason)"')"
check_eq "refused: commits" \
    "intake:$L:intake route:$L:route done:$M:done return:$L:return" \
    "$(history "$c")"

# Supplement, rule "restart" (the default: Decree 61 Art. 19.4).
c=$(new T-HT03 2016-09-05T08:00)
route --actor lan --at 2016-09-05T08:30 "$c" --to tp
route --actor minh --at 2016-09-06T09:00 "$c" --supplement "Thiếu tờ khai" \
    --document "Tờ khai"
route --actor minh --at 2016-09-07T10:00 "$c" --supplied
check_eq "restart: counted again from the complete dossier" \
    "2016-09-12T17:00:00+07:00" "$(jqd "$c" .due_at)"
route --actor minh --at 2016-09-12T11:00 "$c" --done
check_eq "restart: on time against the new due date" "$c on_time" \
    "$(hh-return -C "$R" --actor lan --at 2016-09-12T15:00 "$c")"
check_eq "restart: the request kept, marked supplied" \
    "Thiếu tờ khai 2016-09-07T10:00:00+07:00" \
    "$(jqd "$c" '"\(.supplement.reason) \(.supplement.supplied_at)"')"
check_eq "restart: every due date in force is in the events" \
    "intake:2016-09-08T17:00:00+07:00 supplied:2016-09-12T17:00:00+07:00" \
    "$(jqd "$c" '[.events[] | select(.details.due_at and .action != "route") | "\(.action):\(.details.due_at)"] | join(" ")')"
check_eq "restart: commits" \
    "intake:$L:intake route:$L:route supplement:$M:supplement supplied:$M:supplied done:$M:done return:$L:return" \
    "$(history "$c")"

# Supplement, rule "pause": a configuration change committed by an admin.
jq '.supplement = "pause"' "$R/center.json" >"$T/c" && cat "$T/c" >"$R/center.json"
check "the admin switches to pause" "hh-init '$R' --actor admin"
c=$(new T-HT03 2016-09-05T08:00)
route --actor lan --at 2016-09-05T08:30 "$c" --to tp
route --actor minh --at 2016-09-06T09:00 "$c" --supplement "Thiếu ảnh"
route --actor minh --at 2016-09-07T10:00 "$c" --supplied
check_eq "pause: due moved by the 8.5 working hours waited" \
    "2016-09-12T08:30:00+07:00 2016-09-12T08:30:00+07:00" \
    "$(jqd "$c" '"\(.due_at) \(.events[-1].details.due_at)"')"
route --actor minh --at 2016-09-12T09:00 "$c" --done
check_eq "pause: late, half an hour after the moved due instant" "$c late" \
    "$(hh-return -C "$R" --actor lan --at 2016-09-12T15:00 "$c")"
jq '.supplement = "restart"' "$R/center.json" >"$T/c" && cat "$T/c" >"$R/center.json"
hh-init "$R" --actor admin >/dev/null

# Two departments in turn (liên thông), each with its share.
c=$(new T-DD15 2016-09-05T08:00)
route --actor hoa --at 2016-09-05T09:00 "$c" --to tnmt --officer thu --days 5
route --actor thu --at 2016-09-09T10:00 "$c" --to tp --officer minh --days 3 \
    --note "Xác nhận nhân thân"
route --actor minh --at 2016-09-15T10:00 "$c" --to tnmt --days 2
route --actor thu --at 2016-09-16T09:00 "$c" --done
check_eq "two departments: resolved early overall" "$c early" \
    "$(hh-return -C "$R" --actor lan --at 2016-09-16T14:00 "$c")"
check_eq "two departments: shares and their classes" \
    "tnmt:thu:2016-09-12T17:00:00+07:00:early tp:minh:2016-09-14T17:00:00+07:00:late tnmt:null:2016-09-19T17:00:00+07:00:early" \
    "$(jqd "$c" '[.shares[] | "\(.department):\(.officer):\(.due_at):\(.class)"] | join(" ")')"
check_eq "two departments: hand-over times" \
    "2016-09-05T09:00:00+07:00/2016-09-09T10:00:00+07:00 2016-09-09T10:00:00+07:00/2016-09-15T10:00:00+07:00 2016-09-15T10:00:00+07:00/2016-09-16T09:00:00+07:00" \
    "$(jqd "$c" '[.shares[] | "\(.from)/\(.done_at)"] | join(" ")')"
check_eq "two departments: the note is in the event" "Xác nhận nhân thân" \
    "$(jqd "$c" '.events[2].details.note')"
check_eq "two departments: commits" \
    "intake:$L route:$H route:$U route:$M done:$U return:$L" \
    "$(git -C "$R" log --reverse --format='%s|%an' -- "dossiers/2016/09/$c.json" | sed 's/ .*|/:/' | paste -sd' ')"

# Withdrawn: neither resolved nor open.
c=$(new T-HT03 2016-09-05T08:00)
route --actor lan --at 2016-09-05T08:30 "$c" --to tp
check_eq "withdrawn: printed" "$c withdrawn" \
    "$(hh-return -C "$R" --actor hoa --at 2016-09-06T08:00 "$c" --withdraw --reason "Đổi ý")"
check_eq "withdrawn: stored" "withdrawn null null null" \
    "$(jqd "$c" '"\(.status) \(.class) \(.resolved_at) \(.outcome)"')"
check_eq "withdrawn: commits" \
    "intake:$L:intake route:$L:route withdraw:$H:withdraw" "$(history "$c")"
check_fail "withdrawn: nothing more" 1 \
    "status withdrawn: cannot done (nothing is allowed on a withdrawn dossier)" \
    hh-route -C "$R" --actor admin --at 2016-09-06T09:00 "$c" --done

# Received and handed over on the spot (same-day procedure, desk only).
c=$(new T-CT00 2016-09-05T08:00)
check_eq "same day: the desk resolves and returns" "$c on_time" \
    "$(hh-return -C "$R" --actor lan --at 2016-09-05T08:20 "$c")"
check_eq "same day: commits" "intake:$L:intake done:$L:done return:$L:return" \
    "$(git -C "$R" log --reverse --format='%s|%an|%(trailers:key=Action,valueonly,separator=)' -- "dossiers/2016/09/$c.json" | sed 's/ [^|]*|/:/; s/|/:/' | paste -sd' ')"
check "git fsck is clean" git -C "$R" fsck --no-dangling
done_testing
