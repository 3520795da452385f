# 3200-notify.sh - hh-notify: every change of a dossier told to its
# applicant once (DOMAIN Part A §19): JSON Lines on stdout, mail through
# sendmail, a mark that survives kill -9, one run at a time, --init, a
# rewritten history refused, and never an identity number.
. tests/cli/lib.sh
plan 42
export HH_NOW=2026-11-30T17:00:00+07:00 HH_FSYNC=0
fixture_tree
P=000.00.21.H54

# A fake sendmail(8): the message on stdin appended to $T/mbox after a
# line "From hh-notify ARGS"; its calls counted in $T/sm.count; with
# $T/sm.sleep holding N it sleeps before taking the Nth (saying so in
# $T/sm.sleeping), with $T/sm.fail holding N the Nth fails (exit 75),
# with $T/sm.slow every call takes a while.
cat >"$T/sendmail" <<EOF
#!/bin/sh
T='$T'
EOF
cat >>"$T/sendmail" <<'EOF'
n=$(($(cat "$T/sm.count" 2>/dev/null || echo 0) + 1))
echo "$n" >"$T/sm.count"
cat >"$T/sm.msg.$$"
if [ "$(cat "$T/sm.sleep" 2>/dev/null)" = "$n" ]; then
	: >"$T/sm.sleeping"; sleep 60
fi
[ ! -f "$T/sm.slow" ] || sleep 0.3
if [ "$(cat "$T/sm.fail" 2>/dev/null)" = "$n" ]; then
	echo "sendmail: queue file write error" >&2; rm -f "$T/sm.msg.$$"
	exit 75
fi
{ echo "From hh-notify $*"; cat "$T/sm.msg.$$"; } >>"$T/mbox"
rm -f "$T/sm.msg.$$"
EOF
chmod +x "$T/sendmail"
: >"$T/mbox"

# the setting, committed as a change of configuration (no notice)
jq --tab --arg sm "$T/sendmail" \
    '.notify = {"sendmail": $sm, "from": "motcua@thu.example.vn"}' \
    "$R/center.json" >"$T/center.json"
cp "$T/center.json" "$R/center.json"
hh-init --actor admin "$R" >/dev/null

intake() { # AT NAME [OPTIONS]: the new code
	a=$1 n=$2; shift 2
	hh-intake -C "$R" --actor lan --at "$a" --procedure T-HT03 \
	    --applicant "$n" "$@"
}
route() { hh-route -C "$R" "$@" >/dev/null; }
# the notices' ids the history should give, oldest first: the commits
# that changed a dossier, with its code
ids() {
	git -C "$R" log --reverse --format='%H.%(trailers:key=Dossier,valueonly)' \
	    "$@" -- dossiers | sed '/^$/d'
}
notify() { hh-notify -C "$R" "$@"; }

# A day at the desk: three dossiers, one with an identity number, a phone
# and an address.
a=$(intake 2026-11-24T08:00 'Nguyễn Văn An' --id-number 001085012345 \
    --phone 0912345678 --address '12 Lê Lợi' --email an@example.vn)
b=$(intake 2026-11-24T08:30 'Trần Văn Bình')
c=$(intake 2026-11-24T09:00 'Lê Thị Cúc' --email cuc@example.vn)
route --actor lan --at 2026-11-24T10:00 "$a" "$c" --to tp --officer minh
route --actor minh --at 2026-11-24T11:00 "$a" --done
hh-return -C "$R" --actor lan --at 2026-11-24T14:00 "$a" >/dev/null
hh-return -C "$R" --actor lan --at 2026-11-24T15:00 "$c" --withdraw \
    --reason 'Người nộp rút' >/dev/null
head0=$(git -C "$R" rev-parse HEAD)

st=0; notify >"$T/n1" 2>"$T/e1" || st=$?
check_eq "the first run: exit 0, nothing on stderr, a notice per change" \
    "0  8" "$st $(cat "$T/e1") $(wc -l <"$T/n1")"
check_eq "the ids are the commits that changed a dossier, oldest first" \
    "$(ids)" "$(jq -r .id "$T/n1")"
check_eq "a batch of two makes two commits: two notices" \
    "2" "$(jq -r 'select(.status == "processing") | .id' "$T/n1" | sort -u | wc -l)"
check_eq "the texts, in Vietnamese, naming agency, person and time" \
"Hồ sơ $a: Đã tiếp nhận tại Bộ phận Một cửa huyện Thử, Trần Thị Lan, lúc 08 giờ 00 phút ngày 24/11/2026.
Hồ sơ $b: Đã tiếp nhận tại Bộ phận Một cửa huyện Thử, Trần Thị Lan, lúc 08 giờ 30 phút ngày 24/11/2026.
Hồ sơ $c: Đã tiếp nhận tại Bộ phận Một cửa huyện Thử, Trần Thị Lan, lúc 09 giờ 00 phút ngày 24/11/2026.
Hồ sơ $a: Đang giải quyết tại Phòng Tư pháp, Trần Thị Lan, lúc 10 giờ 00 phút ngày 24/11/2026.
Hồ sơ $c: Đang giải quyết tại Phòng Tư pháp, Trần Thị Lan, lúc 10 giờ 00 phút ngày 24/11/2026.
Hồ sơ $a: Đã giải quyết tại Bộ phận Một cửa huyện Thử, Phạm Văn Minh, lúc 11 giờ 00 phút ngày 24/11/2026.
Hồ sơ $a: Đã trả kết quả tại Bộ phận Một cửa huyện Thử, Trần Thị Lan, lúc 14 giờ 00 phút ngày 24/11/2026.
Hồ sơ $c: Đã rút tại Phòng Tư pháp, Trần Thị Lan, lúc 15 giờ 00 phút ngày 24/11/2026." \
    "$(jq -r .text "$T/n1")"
check_eq "code, status, at, agency, actor" \
"$a received 2026-11-24T08:00:00+07:00 Bộ phận Một cửa huyện Thử Trần Thị Lan
$b received 2026-11-24T08:30:00+07:00 Bộ phận Một cửa huyện Thử Trần Thị Lan
$c received 2026-11-24T09:00:00+07:00 Bộ phận Một cửa huyện Thử Trần Thị Lan
$a processing 2026-11-24T10:00:00+07:00 Phòng Tư pháp Trần Thị Lan
$c processing 2026-11-24T10:00:00+07:00 Phòng Tư pháp Trần Thị Lan
$a resolved 2026-11-24T11:00:00+07:00 Bộ phận Một cửa huyện Thử Phạm Văn Minh
$a returned 2026-11-24T14:00:00+07:00 Bộ phận Một cửa huyện Thử Trần Thị Lan
$c withdrawn 2026-11-24T15:00:00+07:00 Phòng Tư pháp Trần Thị Lan" \
    "$(jq -r '"\(.code) \(.status) \(.at) \(.agency) \(.actor)"' "$T/n1")"
check_eq "one line, exactly these keys" \
    "{\"id\":\"$(ids | sed -n 1p)\",\"code\":\"$a\",\"status\":\"received\",\"at\":\"2026-11-24T08:00:00+07:00\",\"agency\":\"Bộ phận Một cửa huyện Thử\",\"actor\":\"Trần Thị Lan\",\"text\":\"Hồ sơ $a: Đã tiếp nhận tại Bộ phận Một cửa huyện Thử, Trần Thị Lan, lúc 08 giờ 00 phút ngày 24/11/2026.\"}" \
    "$(sed -n 1p "$T/n1")"
check_eq "the mark: the last commit, in .git/hh/notify" \
    "$head0" "$(cat "$R/.git/hh/notify")"
st=0; notify >"$T/n2" 2>&1 || st=$?
check_eq "a second run: nothing" "0 0" "$st $(wc -l <"$T/n2")"
check_eq "hh-notify commits nothing" "$head0" "$(git -C "$R" rev-parse HEAD)"
check "git fsck is clean" git -C "$R" fsck --no-progress
check "hh-check: 0 findings" hh-check -C "$R" --quiet

route --actor lan --at 2026-11-25T08:00 "$b" --to tp --officer minh
route --actor minh --at 2026-11-25T09:00 "$b" --supplement 'Thiếu giấy tờ' \
    --document 'Bản sao giấy khai sinh'
notify >"$T/n3"
check_eq "new steps: only those" "$(ids "$head0..")" "$(jq -r .id "$T/n3")"
check_eq "... the supplement asked for" \
    "Hồ sơ $b: Chờ bổ sung tại Phòng Tư pháp, Phạm Văn Minh, lúc 09 giờ 00 phút ngày 25/11/2026." \
    "$(jq -r .text "$T/n3" | sed -n 2p)"

# --mail: a message for each notice whose applicant has an address
h1=$(git -C "$R" rev-parse HEAD)
d=$(intake 2026-11-25T10:00 'Phan Văn Đức' --email duc@example.vn \
    --id-number 034090001234)
e=$(intake 2026-11-25T10:05 'Vũ Thị Em')
route --actor lan --at 2026-11-25T10:30 "$d" --to tnmt --officer thu
st=0; notify --mail >"$T/n4" 2>"$T/e4" || st=$?
check_eq "--mail: exit 0, every notice on stdout still" \
    "0 3" "$st $(wc -l <"$T/n4")"
check_eq "one message per notice of an applicant with an address" \
    "duc@example.vn duc@example.vn" \
    "$(sed -n 's/^To: //p' "$T/mbox" | paste -sd' ' -)"
check_eq "sendmail is run as sendmail -t -oi" \
    "From hh-notify -t -oi" "$(sed -n 1p "$T/mbox")"
id=$(ids "$h1.." | sed -n 1p)
check_eq "the headers of the first" \
"From: =?UTF-8?B?QuG7mSBwaOG6rW4gTeG7mXQgY+G7rWEgaHV54buHbiBUaA==?=
 =?UTF-8?B?4but?= <motcua@thu.example.vn>
To: duc@example.vn
Date: Mon, 30 Nov 2026 17:00:00 +0700
Message-ID: <$id@thu.example.vn>
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: 8bit
Auto-Submitted: auto-generated" \
    "$(awk 'NR > 1 && /^$/ { exit } NR > 1' "$T/mbox" |
        awk '/^Subject:/ { s = 1; next } s && /^ / { next } { s = 0; print }')"
check_eq "its subject, decoded, names the code and the status" \
    "Hồ sơ $d: Đã tiếp nhận" \
    "$(awk 'NR > 1 && /^$/ { exit } /^Subject:/ { s = 1 } s && !/^(Subject:| )/ { s = 0 } s' "$T/mbox" |
        sed 's/.*=?UTF-8?B?\(.*\)?=.*/\1/' | while read -r w; do
        printf %s "$w" | base64 -d; done)"
check_eq "its body: the notice's text, 8bit UTF-8" \
    "$(jq -r .text "$T/n4" | sed -n 1p)" \
    "$(awk 'NR > 1 && /^$/ { b = 1; next } b { print; exit }' "$T/mbox")"

# a sendmail another login could change is not run
chmod g+w "$T/sendmail"
check_fail "a sendmail writable by others is refused" 1 \
    "hh-notify: notify.sendmail $T/sendmail: writable by others than its owner: not run" \
    notify --mail
chmod g-w "$T/sendmail"

# kill -9 while sendmail takes the third message, then a rerun: every
# notice delivered, none twice
h2=$(git -C "$R" rev-parse HEAD)
g=$(intake 2026-11-26T08:00 'Người g' --email g@example.vn)
h=$(intake 2026-11-26T08:10 'Người h' --email h@example.vn)
i=$(intake 2026-11-26T08:20 'Người i' --email i@example.vn)
route --actor lan --at 2026-11-26T09:00 "$g" "$h" --to tp --officer minh
: >"$T/mbox"; rm -f "$T/sm.count"; echo 3 >"$T/sm.sleep"
setsid hh-notify -C "$R" --mail >"$T/k1" 2>"$T/ke1" &
pid=$!
i=0; while [ ! -f "$T/sm.sleeping" ] && [ $i -lt 200 ]; do
	sleep 0.05; i=$((i + 1)); done
kill -KILL "-$pid"
wait "$pid" 2>/dev/null || :
rm -f "$T/sm.sleep" "$T/sm.sleeping"
i=0; while [ -n "$(ps -eo pgid=,stat= | awk -v p="$pid" '$1 == p && $2 !~ /Z/')" ] &&
    [ $i -lt 40 ]; do sleep 0.05; i=$((i + 1)); done
check_eq "the whole process group is gone (sendmail too)" "" \
    "$(ps -eo pgid=,stat= | awk -v p="$pid" '$1 == p && $2 !~ /Z/')"
check_eq "killed on the third message: two delivered" "2 2" \
    "$(wc -l <"$T/k1") $(grep -c '^From hh-notify' "$T/mbox")"
notify --mail >"$T/k2" 2>"$T/ke2"
check_eq "the rerun delivers the rest: each change exactly once" \
    "$(ids "$h2..")" "$(cat "$T/k1" "$T/k2" | jq -r .id)"
check_eq "... and each message exactly once" \
    "$(ids "$h2.." | sed 's/$/@thu.example.vn>/; s/^/Message-ID: </')" \
    "$(grep '^Message-ID:' "$T/mbox")"

# a sendmail that fails: a one-line error naming the dossier, exit 1, and
# that notice and the later ones left for the next run
h3=$(git -C "$R" rev-parse HEAD)
j=$(intake 2026-11-26T10:00 'Người j' --email j@example.vn)
k=$(intake 2026-11-26T10:10 'Người k' --email k@example.vn)
route --actor lan --at 2026-11-26T10:30 "$j" --to tp --officer minh
: >"$T/mbox"; rm -f "$T/sm.count"; echo 2 >"$T/sm.fail"
check_fail "a failing sendmail stops the run, naming the dossier" 1 \
    "hh-notify: $k: $T/sendmail: exited with status 75" \
    'notify --mail >"$T/f1" 2>"$T/fe1"; st=$?; cat "$T/f1" >"$T/f1.keep"; grep -v "^sendmail:" "$T/fe1" >&2; exit $st'
check_eq "... after delivering the one before" "$(ids "$h3.." | sed -n 1p)" \
    "$(jq -r .id "$T/f1.keep")"
rm -f "$T/sm.fail"
notify --mail >"$T/f2"
check_eq "the next run delivers the rest, once" "$(ids "$h3..")" \
    "$(cat "$T/f1.keep" "$T/f2" | jq -r .id)"
check_eq "... and their messages" "j@example.vn k@example.vn j@example.vn" \
    "$(sed -n 's/^To: //p' "$T/mbox" | paste -sd' ' -)"

# two runs at once never deliver the same notice
h4=$(git -C "$R" rev-parse HEAD)
for n in l m o; do
	intake 2026-11-26T11:00 "Người $n" --email $n@example.vn >/dev/null
done
: >"$T/mbox"; : >"$T/sm.slow"
notify --mail >"$T/c1" 2>"$T/ce1" & p1=$!
notify --mail >"$T/c2" 2>"$T/ce2" & p2=$!
wait "$p1"; wait "$p2"
rm -f "$T/sm.slow"
check_eq "two runs at once: every notice once between them" \
    "$(ids "$h4.." | sort)" "$(cat "$T/c1" "$T/c2" | jq -r .id | sort)"
check_eq "... and one message each" 3 "$(grep -c '^To:' "$T/mbox")"

# --init: a centre turning notices on late
p=$(intake 2026-11-27T08:00 'Người p')
check_eq "--init prints nothing and marks HEAD" \
    "0  $(git -C "$R" rev-parse HEAD)" \
    "$(notify --init >"$T/i1" 2>&1; echo $?) $(cat "$T/i1") $(cat "$R/.git/hh/notify")"
check_eq "... so the next run has nothing" "" "$(notify)"
route --actor lan --at 2026-11-27T09:00 "$p" --to tp
check_eq "... until the next step" "$p processing" \
    "$(notify | jq -r '"\(.code) \(.status)"')"

# a first run without a mark tells the whole history
mv "$R/.git/hh/notify" "$T/mark.keep"
check_eq "no mark: the whole history" "$(ids)" "$(notify | jq -r .id)"
mv "$T/mark.keep" "$R/.git/hh/notify"

# the history rewritten under the mark: refused, nothing renotified
mark=$(cat "$R/.git/hh/notify")
git -C "$R" update-ref refs/heads/main "$mark~2"
check_fail "a mark no longer in HEAD's history is refused, naming it" 1 \
    "hh-notify: the mark $mark (.git/hh/notify) is not in the history of HEAD" \
    notify
check_eq "... and the mark is kept" "$mark" "$(cat "$R/.git/hh/notify")"
git -C "$R" update-ref refs/heads/main "$mark"
printf 'garbage\n' >"$R/.git/hh/notify"
check_fail "a damaged mark is refused" 1 "/.git/hh/notify: not \"COMMIT\"" \
    notify
printf '%s\n' "$mark" >"$R/.git/hh/notify"

check_fail "--mail and --init together: a usage error saying why" 2 \
    "hh-notify: --init: not with --mail" notify --mail --init
check_fail "an operand: a usage error naming it" 2 \
    "hh-notify: $a: no operand is taken (see hh-notify -h)" notify "$a"
check_eq "--help is the synopsis" "usage: hh-notify [-C dir] [--mail] [--init]" \
    "$(hh-notify --help)"

# never an identity number, a phone or an address, in any output
check_eq "no identity number, phone or address anywhere" "" \
    "$(cat "$T"/n[1-4] "$T"/k[12] "$T"/f[12] "$T"/c[12] "$T"/mbox \
        "$T"/e* "$T"/ke* "$T"/fe1 | grep -E '001085012345|034090001234|0912345678|Lê Lợi')"
check "git fsck is still clean" git -C "$R" fsck --no-progress
done_testing
