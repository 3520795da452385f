#!/bin/sh
# hh-route --amend: the desk corrects the applicant's data or the document
# list before the result; one event, one commit; every refusal; the log,
# the report and hh-check's replay, which finds amends forged with git.
. tests/cli/lib.sh
plan 53
fixture_tree
export HH_NOW=2016-09-30T17:00:00+07:00 HH_FSYNC=0
G() { git --git-dir="$R/.git" "$@"; }
new() {
	hh-intake -C "$R" --actor lan --procedure T-HT03 --applicant \
	    "Nguyễn Văn Am" --phone 0912345678 --document 'Tờ khai' --at "$1"
}
amend() { hh-route -C "$R" --actor lan "$@"; }
subj() { G log -1 --format=%s; }
trailer() { G log -1 --format=%b | sed -n "s/^$1: //p"; }

# Monday 5/9/2016 08:00, T-HT03 (3 working days): due Thursday 8/9 17:00.
c=$(new 2016-09-05T08:00)
keep=$(jqd "$c" '[.procedure, .received_at, .effective_from, .due_at,
    .provisional, .status, .holder, .code] | tostring')
check_eq "the desk corrects the name, adds an e-mail and a document" \
    "$c received" \
    "$(amend --at 2016-09-05T08:30 "$c" --amend --applicant 'Nguyễn Văn An' \
    --email an@example.vn --document 'Tờ khai' \
    --document 'shown:Căn cước công dân' --reason 'Sai tên so với CCCD')"
check_eq "the applicant as corrected, in the intake's order" \
    '{"name":"Nguyễn Văn An","phone":"0912345678","email":"an@example.vn"}' \
    "$(jqd "$c" '.applicant | tostring')"
check_eq "the document list replaced" \
    '[{"name":"Tờ khai","source":"scanned"},{"name":"Căn cước công dân","source":"shown"}]' \
    "$(jqd "$c" '.documents | tostring')"
check_eq "the event names the members changed and the reason, no value" \
    '{"at":"2016-09-05T08:30:00+07:00","action":"amend","actor":"lan","details":{"fields":["applicant.name","applicant.email","documents"],"reason":"Sai tên so với CCCD"}}' \
    "$(jqd "$c" '.events[-1] | tostring')"
check_eq "procedure, times, status, holder and code unchanged" "$keep" \
    "$(jqd "$c" '[.procedure, .received_at, .effective_from, .due_at,
    .provisional, .status, .holder, .code] | tostring')"
check_eq "commit subject" "amend $c: T-HT03 Thay đổi, cải chính hộ tịch (thử)" \
    "$(subj)"
check_eq "trailers" "$c amend lan" \
    "$(trailer Dossier) $(trailer Action) $(trailer Actor)"
check_eq "authored by the clerk at the event time" \
    "Trần Thị Lan 2016-09-05T08:30:00+07:00" "$(G log -1 --format='%an %aI')"
check_eq "one file changed by the commit" "dossiers/2016/09/$c.json" \
    "$(G show --format= --name-only HEAD)"

# Refusals: the status, one line naming what is wrong, no commit.
check_fail "--reason is required" 2 "hh-route: --amend: --reason is needed" \
    amend "$c" --amend --phone 0987654321
check_fail "nothing to amend" 1 \
    "hh-route: $c: nothing to amend: every value given is the dossier's already" \
    amend --at 2016-09-05T08:40 "$c" --amend --applicant "'Nguyễn Văn An'" \
    --phone 0912345678 --reason x
bidi=$(printf 'An\342\200\256')
check_fail "a name with a bidi control" 1 \
    "hh-route: $c: applicant: contains a bidirectional control or zero-width character" \
    amend --at 2016-09-05T08:40 "$c" --amend --applicant "'$bidi'" --reason x
zw=$(printf 'Nguyễn\342\200\213An')
check_fail "a name with a zero-width space" 1 \
    "applicant: contains a bidirectional control or zero-width character" \
    amend --at 2016-09-05T08:40 "$c" --amend --applicant "'$zw'" --reason x
check_fail "an empty name" 1 "hh-route: $c: applicant: missing" \
    amend --at 2016-09-05T08:40 "$c" --amend --applicant "''" --reason x
check_fail "a phone of letters" 1 "hh-route: $c: phone: 'a' is not allowed: digits, blanks and + . - ( ) only, 6 to 20" \
    amend --at 2016-09-05T08:40 "$c" --amend --phone abcdefg --reason x
check_fail "an identity number with dashes" 1 \
    "hh-route: $c: id-number: '-' is not allowed: letters and digits only, 6 to 20" \
    amend --at 2016-09-05T08:40 "$c" --amend --id-number 0310-9901-2345 \
    --reason x
check_fail "an e-mail without @" 1 "hh-route: $c: email: not an e-mail address" \
    amend --at 2016-09-05T08:40 "$c" --amend --email an.example.vn --reason x
check_fail "a document of an unknown source" 1 \
    "hh-route: $c: document: \"fax\" is not scanned, online, shown or database" \
    amend --at 2016-09-05T08:40 "$c" --amend --document fax:X --reason x
check_fail "an officer may not correct" 1 \
    "hh-route: $c: status received (held by motcua): actor minh (officer) may not amend" \
    hh-route -C "$R" --actor minh --at 2016-09-05T08:40 "$c" --amend \
    --phone 0987654321 --reason x
check_fail "--amend and --to are two steps" 2 "hh-route: one step at a time: --to, --supplement, --supplied, --delay, --done or --amend (see hh-route -h)" \
    amend "$c" --amend --to tp --reason x
check_fail "--phone goes with --amend only" 2 "hh-route: --phone: only with amend (see hh-route -h)" \
    amend "$c" --to tp --phone 0987654321
check_fail "one dossier at a time" 2 "hh-route: one dossier code at a time: only --to takes several (see hh-route -h)" \
    amend "$c" "$c" --amend --phone 0987654321 --reason x
check_fail "a correction has no form" 2 "hh-route: --print: only with --supplement, --delay or --done --outcome refused (see hh-route -h)" \
    amend "$c" --amend --phone 0987654321 --reason x --print
check_fail "--at earlier than the last event" 1 \
    "status received (held by motcua): --at 2016-09-05T08:10:00+07:00 is earlier than the last event (amend at 2016-09-05T08:30:00+07:00)" \
    amend --at 2016-09-05T08:10 "$c" --amend --phone 0987654321 --reason x
check_eq "refusals left the file as committed" \
    "$(G show "HEAD:dossiers/2016/09/$c.json" | cksum)" \
    "$(cksum <"$R/dossiers/2016/09/$c.json")"
check_eq "a dry run writes nothing" "$c received 2" \
    "$(amend -n --at 2016-09-05T08:40 "$c" --amend --phone 0987654321 \
    --reason x) $(jqd "$c" '.events | length')"

# While a department holds it, the desk still corrects; an empty value
# removes a member.
hh-route -C "$R" --actor lan --at 2016-09-05T09:00 "$c" --to tp --days 2 \
    >/dev/null
check_eq "another clerk removes the phone of a dossier tp holds" \
    "$c processing" \
    "$(hh-route -C "$R" --actor hoa --at 2016-09-05T09:30 "$c" --amend \
    --phone '' --reason 'Số điện thoại của người khác')"
check_eq "the phone is gone" '{"name":"Nguyễn Văn An","email":"an@example.vn"}' \
    "$(jqd "$c" '.applicant | tostring')"
check_eq "still held by tp, its share open" "processing tp 1 null" \
    "$(jqd "$c" '"\(.status) \(.holder) \(.shares | length) \(.shares[0].done_at)"')"
check_eq "--json prints the dossier as stored" \
    '{"name":"Nguyễn Văn An","id_number":"012345678901","email":"an@example.vn"}' \
    "$(hh-route -C "$R" --actor hoa -n --json --at 2016-09-05T09:40 "$c" \
    --amend --id-number 012345678901 --reason x | jq -c .applicant)"

# hh-log shows the step as what it is.
hh-log -C "$R" "$c" >"$T/log"
check_eq "hh-log: the commits' actions" "intake amend route amend" \
    "$(sed -n 's/^Action:   //p' "$T/log" | tr '\n' ' ' | sed 's/ $//')"
check_eq "hh-log: the amend event and its fields" \
    '    2016-09-05T09:30:00+07:00  amend      hoa        {"fields":["applicant.phone"],"reason":"Số điện thoại của người khác"}' \
    "$(grep '  amend      hoa' "$T/log")"
check_eq "hh-log: what the correction changed" \
    "- applicant.phone: 0912345678" \
    "$(awk '/^commit /{n++} n==4 && /^    (- |\+ )?applicant\./' "$T/log" |
    sed 's/^ *//')"
check_eq "hh-log --json: the commit's action and the event" \
    'amend {"fields":["applicant.phone"],"reason":"Số điện thoại của người khác"}' \
    "$(hh-log -C "$R" --json "$c" | jq -r '"\(.commits[-1].action) \(.events[-1].details | tostring)"')"

# After the result: refused, naming the status.
hh-route -C "$R" --actor minh --at 2016-09-06T10:00 "$c" --done >/dev/null
check_fail "a resolved dossier" 1 \
    "hh-route: $c: status resolved (held by motcua): cannot amend (allowed: hh-return)" \
    amend --at 2016-09-06T11:00 "$c" --amend --phone 0987654321 --reason x
c2=$(new 2016-09-05T08:10)
hh-route -C "$R" --actor lan --at 2016-09-05T09:10 "$c2" --to tp >/dev/null
hh-route -C "$R" --actor minh --at 2016-09-06T09:00 "$c2" --done \
    --outcome refused --reason 'Không đủ điều kiện' >/dev/null
check_fail "a refused dossier" 1 \
    "hh-route: $c2: status resolved (held by motcua): cannot amend" \
    amend --at 2016-09-06T11:00 "$c2" --amend --phone 0987654321 --reason x
hh-return -C "$R" --actor lan --at 2016-09-07T08:00 "$c" >/dev/null
check_fail "a returned dossier" 1 \
    "hh-route: $c: status returned: cannot amend (nothing is allowed on a returned dossier)" \
    amend --at 2016-09-07T09:00 "$c" --amend --phone 0987654321 --reason x
c3=$(new 2016-09-05T08:20)
hh-return -C "$R" --actor lan --at 2016-09-05T08:50 "$c3" --withdraw >/dev/null
check_fail "a withdrawn dossier" 1 \
    "hh-route: $c3: status withdrawn: cannot amend (nothing is allowed on a withdrawn dossier)" \
    amend --at 2016-09-07T09:00 "$c3" --amend --phone 0987654321 --reason x

# A batch line corrects too; a bad one writes nothing.
c4=$(new 2016-09-06T08:00)
printf '{"code":"%s","at":"2016-09-06T08:30","amend":true,"phone":"0987 654 321","documents":["online:Tờ khai điện tử"],"reason":"Khai lại"}\n' \
    "$c4" >"$T/ok.jsonl"
check_eq "a batch amend" "$c4 received" "$(amend --batch "$T/ok.jsonl")"
check_eq "its applicant and documents" \
    '{"name":"Nguyễn Văn Am","phone":"0987 654 321"} [{"name":"Tờ khai điện tử","source":"online"}]' \
    "$(jqd "$c4" '"\(.applicant | tostring) \(.documents | tostring)"')"
printf '{"code":"%s","at":"2016-09-06T09:00","amend":true,"phone":"0912"}\n' \
    "$c4" >"$T/bad.jsonl"
check_fail "a batch amend without a reason" 1 \
    "hh-route: $T/bad.jsonl:1: $c4: reason: missing" amend --batch "$T/bad.jsonl"
printf '{"code":"%s","amend":true,"to":"tp","reason":"r"}\n' \
    "$c4" >"$T/bad.jsonl"
check_fail "a batch line with two steps" 1 "one of to, supplement, supplied, delay, done, amend is needed" \
    amend --batch "$T/bad.jsonl"

# The report counts the amended dossiers as before: received 4, resolved
# 2 (the refused one on time), 1 withdrawn, 1 open; from the files and
# from the summary store alike.
rep() { hh-report -C "$R" --month 2016-09 --json |
    jq -c '.total | [.received.total, .resolved, .open.total, .withdrawn]'; }
check_eq "the report's figures" \
    '[4,{"total":2,"early":2,"on_time":0,"late":0},1,1]' "$(rep)"
check_eq "the same from the summary store" \
    '[4,{"total":2,"early":2,"on_time":0,"late":0},1,1]' "$(rep)"
amend --at 2016-09-06T09:30 "$c4" --amend --email am@example.vn \
    --reason 'Thêm thư điện tử' >/dev/null
check_eq "the same from the store brought up to the next amend" \
    '[4,{"total":2,"early":2,"on_time":0,"late":0},1,1]' "$(rep)"

# hh-check replays every amend: a clean tree has no finding.
check_eq "hh-check: a tree with amends is clean" "0 findings" \
    "$(hh-check -C "$R" 2>&1 | sed 's/.*, //')"

# Amends forged with plain git, signed with the tree's own key, exactly
# as hh commits (author lan, the event's time, the trailers): what the
# replay of the step on the previous version does not give is a finding.
BASE=$(G rev-parse HEAD)
install -m 600 "$R/.git/hh/key" "$T/key"
TAB=$(printf '\t')
fresh() {
	G update-ref refs/heads/main "$BASE"
	echo "$BASE" >"$R/.git/hh/worktree"
	rm -f "$R/.git/hh/verified"
	GIT_INDEX_FILE=$T/index G --work-tree="$R" read-tree "$BASE"
	GIT_INDEX_FILE=$T/index G --work-tree="$R" checkout-index -a -f
	rm -f "$T/index"
}
# forge CODE AT FILE: commit FILE as dossier CODE's amend by lan at AT
forge() {
	path=dossiers/2016/09/$1.json
	GIT_INDEX_FILE=$T/index G read-tree HEAD
	GIT_INDEX_FILE=$T/index G update-index --add --cacheinfo \
	    "100644,$(G hash-object -w "$3"),$path"
	tree=$(GIT_INDEX_FILE=$T/index G write-tree)
	rm -f "$T/index"
	fc=$(printf 'amend %s: T-HT03 Thay đổi, cải chính hộ tịch (thử)\n\nDossier: %s\nAction: amend\nActor: lan\n' \
	    "$1" "$1" |
	    GIT_AUTHOR_NAME="Trần Thị Lan" GIT_AUTHOR_EMAIL=lan@example.vn \
	    GIT_AUTHOR_DATE="$2" GIT_COMMITTER_NAME="Trần Thị Lan" \
	    GIT_COMMITTER_EMAIL=lan@example.vn \
	    GIT_COMMITTER_DATE=2016-09-30T17:00:00+07:00 \
	    G -c gpg.format=ssh -c user.signingKey="$T/key" commit-tree -S \
	    "$tree" -p HEAD)
	G update-ref refs/heads/main "$fc"
	cp "$3" "$R/$path"
	echo "$fc" >"$R/.git/hh/worktree"
}
# expect DESC TEXT: hh-check exits 1 and finds TEXT
expect() {
	st=0; hh-check -C "$R" >"$T/out" 2>&1 || st=$?
	if [ "$st" = 1 ] && grep -qF -- "$2" "$T/out"; then ok "$1"; else
		notok "$1"; echo "#   status $st"; sed 's/^/#   /' "$T/out" | head -6
	fi
}
# forged DESC SED TEXT: what hh-route would write for an amend of c4's
# address at 10:00, edited by the sed script SED, forged; hh-check finds
# TEXT ("" for no finding)
forged() {
	fresh
	amend -n --json --at 2016-09-06T10:00 "$c4" --amend --address \
	    'Thôn Đông, xã Tây' --reason 'Sai địa chỉ' | sed "$2" >"$T/f.json"
	forge "$c4" 2016-09-06T10:00:00+07:00 "$T/f.json"
	if [ -z "$3" ]; then
		check_eq "$1" "0 findings" \
		    "$(hh-check -C "$R" 2>&1 | sed 's/.*, //')"
	else
		expect "$1" "$3"
	fi
}
what="the file is not what the amend step makes of the previous version"

forged "an amend forged as hh would make it: 0 findings" '' ''
forged "a forged amend that moves the due time" \
    "s/^${TAB}\"due_at\":${TAB}\"2016-09-09T17/${TAB}\"due_at\":${TAB}\"2016-09-29T17/" \
    "$what (due_at)"
forged "a forged amend that changes the procedure's limit" \
    "s/\"working_days\":${TAB}3\$/\"working_days\":${TAB}30/" \
    "$what (procedure)"
forged "a forged amend that changes a member it does not name" \
    "s/\"Nguyễn Văn Am\"/\"Nguyễn Văn Ấm\"/" "$what (applicant)"
forged "a forged amend naming a member a correction may not change" \
    's/"applicant.address"/"channel"/' \
    'event: fields: "channel" is not a member a correction changes'
fresh
# after the result: c's file as returned, its name changed and an amend
# appended
jq --tab '.applicant.name = "Người Khác" | .events += [{"at":
    "2016-09-08T08:00:00+07:00", "action": "amend", "actor": "lan",
    "details": {"fields": ["applicant.name"], "reason": "x"}}]' \
    "$R/dossiers/2016/09/$c.json" >"$T/f.json"
forge "$c" 2016-09-08T08:00:00+07:00 "$T/f.json"
expect "a forged amend after the result" \
    "illegal step: status returned: cannot amend (nothing is allowed on a returned dossier)"
fresh
check_eq "back to the tree as hh made it: clean" "0 findings" \
    "$(hh-check -C "$R" 2>&1 | sed 's/.*, //')"
done_testing
