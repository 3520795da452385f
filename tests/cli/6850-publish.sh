# 6850-publish.sh - published figures stay published (issue 16 §4):
# hh-report --publish records a month's figures and source commit as the
# signed tag report/YYYY-MM, which plain git verifies; a step dated in a
# published period needs an admin's --correction (a Correction: trailer);
# the report of that period prints the published figures and the revised
# ones; hh-check lists the revision, and reports a change made without a
# correction, a report tag forged with plain git, one deleted or moved.
. tests/cli/lib.sh
plan 50
export HH_FSYNC=0 HH_KEY_SEED=6850
export HH_NOW=2016-09-20T08:00:00+07:00
fixture_tree
G() { git --git-dir="$R/.git" "$@"; }
short() { G rev-parse --short=10 "$1"; }
tags() { G tag -l | tr '\n' ' '; }
# the figures a tag holds: its message after the subject line, up to the
# signature
figures() {
	G cat-file tag "$1" | sed '1,/^$/d' | sed '1,2d' |
	    sed '/^-----BEGIN SSH SIGNATURE-----$/,$d'
}

c1=$(hh-intake -C "$R" --actor lan --procedure T-HT03 --applicant "Người Một" \
    --at 2016-09-05T09:00)
c2=$(hh-intake -C "$R" --actor lan --procedure T-HT03 --applicant "Người Hai" \
    --at 2016-09-06T09:00)
hh-return -C "$R" --actor lan "$c1" --at 2016-09-06T10:00 >/dev/null
src=$(G rev-parse HEAD)
s10=$(short "$src")

# 1-9: publish September on 1 October, 06:30
export HH_NOW=2016-10-01T06:30:00+07:00
out=$(hh-report -C "$R" --publish --month 2016-09 --wide)
tag=$(G rev-parse report/2016-09)
check_eq "hh-report --publish: the report, published" "Biểu số 06/VPCP/KSTT
(các cột của Thông tư 01/2020/TT-VPCP)
Tình hình, kết quả giải quyết thủ tục hành chính
Bộ phận Một cửa huyện Thử
Kỳ báo cáo: từ ngày 01/09/2016 đến ngày 30/09/2016
Theo lĩnh vực; đơn vị tính: số hồ sơ
Nguồn: bản ghi $src

               Số hồ sơ nhận giải quyết                      Số hồ sơ đã giải quyết                 Số hồ sơ đang giải quyết
STT  Lĩnh vực  Tổng số  Trực tuyến  Trực tiếp, BC  Kỳ trước  Tổng số  Trước hạn  Đúng hạn  Quá hạn  Tổng số  Trong hạn  Quá hạn  Chờ bổ sung  Đã rút  Dừng giải quyết  Tỷ lệ (%)
--------------------------------------------------------------------------------------------------------------------------------------------------------------------------------
  1  Hộ tịch         2           0              2         0        1          1         0        0        1          0        1            0       0                0     100,00
--------------------------------------------------------------------------------------------------------------------------------------------------------------------------------
     Tổng số         2           0              2         0        1          1         0        0        1          0        1            0       0                0     100,00

Đã công bố: report/2016-09 lúc 01/10/2016 06:30 (thẻ $(short "$tag"))

                                             …………, ngày …… tháng …… năm ……
            NGƯỜI LẬP BIỂU                         THỦ TRƯỞNG ĐƠN VỊ
         (Ký, ghi rõ họ tên)                 (Ký, ghi rõ họ tên, đóng dấu)" "$out"
check_eq "  an annotated tag on the source commit" "tag $src" \
    "$(G cat-file -t report/2016-09) $(G rev-parse 'report/2016-09^{commit}')"
check "  git verify-tag passes" 'G verify-tag report/2016-09'
check "  git tag -v passes" 'G tag -v report/2016-09'
check_eq "  the tagger is the centre, at the time of publication" \
    "tagger Bộ phận Một cửa huyện Thử <000.00.21.H54> 1475278200 +0700" \
    "$(G cat-file tag report/2016-09 | grep '^tagger')"
check_eq "  the subject names the period and the source" \
    "report/2016-09: Biểu 06 from $src" \
    "$(G tag -l -n1 --format='%(contents:subject)' report/2016-09)"
check_eq "  git cat-file tag shows the figures (the report's JSON)" \
    "$src {\"total\":1,\"early\":1,\"on_time\":0,\"late\":0} 1" \
    "$(figures report/2016-09 | jq -r '.source + " " + (.total.resolved | tostring) + " " + (.total.open.overdue | tostring)')"
check_eq "  the same as hh-report --format json" \
    "$(hh-report -C "$R" --month 2016-09 --format json | jq -c 'del(.published, .revised)')" \
    "$(figures report/2016-09 | jq -c .)"
check_eq "  remembered in .git/hh/published" "report/2016-09 $tag" \
    "$(cat "$R/.git/hh/published")"

# 10-14: refusals
check_fail "publish again: refused" 1 \
    "hh-report: report/2016-09: already published (source $s10): a tag is never replaced" \
    'hh-report -C "$R" --publish --month 2016-09'
check_eq "  the tag is the same" "$tag" "$(G rev-parse report/2016-09)"
check_fail "an unfinished month: refused" 1 \
    "hh-report: report/2016-10: the period ends 2016-10-31T23:59:59+07:00, after now: not published" \
    'hh-report -C "$R" --publish --month 2016-10'
check_fail "a 15th-to-14th month: refused" 1 \
    "hh-report: only a month, a quarter or a year is published" \
    'hh-report -C "$R" --publish --month 2016-09 --period-15'
check_eq "  no tag made" "report/2016-09 " "$(tags)"

# 15-25: a step dated in September after the publication
MSG="in report/2016-09, published (source $s10): an admin's correction (--correction TEXT)"
check_fail "a desk clerk's step in September: refused" 1 \
    "hh-route: $c2: --at 2016-09-10T10:00:00+07:00: $MSG" \
    'hh-route -C "$R" --actor lan "$c2" --to tp --at 2016-09-10T10:00'
check_eq "  with that one line" \
    "hh-route: $c2: --at 2016-09-10T10:00:00+07:00: $MSG" "$(cat "$T/err")"
check_fail "  even with --correction" 1 "$MSG" \
    'hh-route -C "$R" --actor lan "$c2" --to tp --at 2016-09-10T10:00 --correction "sót"'
check_fail "an admin without --correction: refused" 1 "$MSG" \
    'hh-route -C "$R" --actor admin "$c2" --to tp --at 2016-09-10T10:00'
check_fail "an intake dated in September: refused" 1 \
    "hh-intake: --at 2016-09-30T16:00:00+07:00: $MSG" \
    'hh-intake -C "$R" --actor lan --procedure T-HT03 --applicant "Người Ba" --at 2016-09-30T16:00'
check_fail "  and with -n" 1 "$MSG" \
    'hh-route -C "$R" -n --actor lan "$c2" --to tp --at 2016-09-10T10:00'
check_fail "--correction of an empty text: refused" 1 \
    "hh-route: --correction: missing" \
    'hh-route -C "$R" --actor admin "$c2" --to tp --at 2016-09-10T10:00 --correction ""'
check_eq "an admin's correction: accepted" "$c2 processing" \
    "$(hh-route -C "$R" --actor admin "$c2" --to tp --at 2016-09-10T10:00 \
        --correction "Bước chuyển bị sót")"
check_eq "  its commit carries the trailer" "Actor: admin
Correction: Bước chuyển bị sót" "$(G log -1 --format=%b | sed '/^$/d' | tail -2)"
hh-route -C "$R" --actor admin "$c2" --done --at 2016-09-12T10:00 \
    --correction "Kết quả có ngày 12/9" >/dev/null
done=$(G rev-parse HEAD)
check_eq "an event in October, not published: the clerk's, unaffected" \
    "$c2 late" "$(hh-return -C "$R" --actor lan "$c2")"
check "  signed, as every commit" 'G verify-commit HEAD'

# 26-32: the September report, published and revised
HH_NOW=2016-10-03T08:00:00+07:00
out=$(hh-report -C "$R" --month 2016-09 --wide)
check_eq "the report shows the published figures" \
    "     Tổng số         2           0              2         0        1          1         0        0        1          0        1            0       0                0     100,00" \
    "$(echo "$out" | sed -n 14p)"
check_eq "  then the revised section, today's figures, the commit" "Đã công bố: report/2016-09 lúc 01/10/2016 06:30 (thẻ $(short "$tag"))

Số liệu điều chỉnh sau khi công bố
Kỳ báo cáo: từ ngày 01/09/2016 đến ngày 30/09/2016
Nguồn: bản ghi $(G rev-parse HEAD)
...
     Tổng số         2           0              2         0        2          1         0        1        0          0        0            0       0                0      50,00

Các bản ghi đã thay đổi số liệu:
  $(short "$done") 12/09/2016 10:00 Quản trị Hệ thống: done $c2: T-HT03 Thay đổi, cải chính hộ tịch (thử) (Correction: Kết quả có ngày 12/9)" \
    "$(echo "$out" | sed -n '16,20p; 21s/.*/.../p; 27,30p')"
check_eq "  JSON: the published figures, and the revised ones" \
    "{\"total\":1,\"early\":1,\"on_time\":0,\"late\":0} report/2016-09 {\"total\":2,\"early\":1,\"on_time\":0,\"late\":1} [\"$done\"] Kết quả có ngày 12/9" \
    "$(hh-report -C "$R" --month 2016-09 --json | jq -r '(.total.resolved | tojson) + " " + .published.tag + " " + (.revised.total.resolved | tojson) + " " + ([.revised.commits[].id] | tojson) + " " + .revised.commits[0].correction')"
check_eq "  JSON: the keys of before, then published and revised" \
    '["period","source","by","rows","total","published","revised"]' \
    "$(hh-report -C "$R" --month 2016-09 --json | jq -c keys_unsorted)"
check_eq "  CSV: the rows of both, told apart" "key,resolved_total,source,figures
Hộ tịch,1,$src,published
total,1,$src,published
Hộ tịch,2,$(G rev-parse HEAD),revised
total,2,$(G rev-parse HEAD),revised" \
    "$(hh-report -C "$R" --month 2016-09 --format csv | tr -d '\r' | cut -d, -f2,8,21,22)"
check_eq "  HTML: the section" 1 \
    "$(hh-report -C "$R" --month 2016-09 --format html | grep -c '<h2>Số liệu điều chỉnh sau khi công bố</h2>')"
check_eq "  by another grouping: today's figures" "2" \
    "$(hh-report -C "$R" --month 2016-09 --by channel --json | jq .total.resolved.total)"

# 33-34: hh-check
check_eq "hh-check: the revision, a notice; no finding" "report/2016-09: revised since published (source $s10): $(short "$done"), Correction: Kết quả có ngày 12/9
$R: HEAD $(short HEAD): 8 commits checked, 0 findings" "$(hh-check -C "$R")"
check_eq "  in JSON, a notice" "0 1" \
    "$(hh-check -C "$R" --json | jq -r '"\(.findings | length) \(.notices | length)"')"

# 35-39: report tags forged with plain git (the last with a copy of the
# tree's key)
install -m 600 "$R/.git/hh/key" "$T/key"
export GIT_COMMITTER_NAME=git GIT_COMMITTER_EMAIL=git@example.vn
G tag -a -m "report/2016-08: Biểu 06" report/2016-08 HEAD
check_eq "an unsigned report tag: a finding" \
    "$(short report/2016-08): refs/tags/report/2016-08: not a good publication: not signed" \
    "$(hh-check -C "$R" | grep 2016-08)"
check_fail "  its report is refused" 1 \
    "hh-report: report/2016-08: no good publication (not signed): refused (hh-check names it)" \
    'hh-report -C "$R" --month 2016-08'
check_fail "  and never replaced by --publish" 1 \
    "hh-report: report/2016-08: exists, and is no good publication (not signed): a tag is never replaced (hh-check)" \
    'hh-report -C "$R" --publish --month 2016-08'
G tag -d report/2016-08 >/dev/null
ssh-keygen -q -t ed25519 -N '' -C other -f "$T/other"
G -c gpg.format=ssh -c user.signingKey="$T/other" tag -s \
    -m "report/2016-07: Biểu 06" report/2016-07 HEAD
check_eq "a report tag signed by another key: a finding" \
    "refs/tags/report/2016-07: not a good publication: signed by $(ssh-keygen -lf "$T/other.pub" | cut -d' ' -f2), a key allowed_signers does not list" \
    "$(hh-check -C "$R" | grep 2016-07 | cut -d' ' -f2-)"
G tag -d report/2016-07 >/dev/null
G -c gpg.format=ssh -c user.signingKey="$T/key" tag -s \
    -m "report/2016-06: Biểu 06" report/2016-06 HEAD
check_eq "signed with the tree's key, but no report in it: a finding" \
    "refs/tags/report/2016-06: not a good publication: its message holds no report" \
    "$(hh-check -C "$R" | grep 2016-06 | cut -d' ' -f2-)"

# 40-45: a published tag deleted, moved
G tag -d report/2016-09 >/dev/null
check_eq "a published tag deleted: a finding" \
    "$(short HEAD): refs/tags/report/2016-09: published as $(echo "$tag" | cut -c1-10), now deleted" \
    "$(hh-check -C "$R" | grep 2016-09)"
check_eq "  the report is counted as today" "2" \
    "$(hh-report -C "$R" --month 2016-09 --json | jq '.total.resolved.total')"
G update-ref refs/tags/report/2016-09 "$(G rev-parse report/2016-06)"
hh-check -C "$R" >"$T/check" || true
check_eq "a published tag moved: a finding" \
    "refs/tags/report/2016-09: published as $(echo "$tag" | cut -c1-10), now moved to $(short report/2016-06)" \
    "$(grep 'now moved' "$T/check" | cut -d' ' -f2-)"
check_eq "  and it is no good publication" \
    "refs/tags/report/2016-09: not a good publication: made as another tag" \
    "$(grep 'report/2016-09: not' "$T/check" | cut -d' ' -f2-)"
G update-ref refs/tags/report/2016-09 "$tag"
G tag -d report/2016-06 >/dev/null
check "put back: hh-check finds nothing" 'hh-check -C "$R" --quiet'
check_eq "every refusal left the tags as they were" "report/2016-09 " "$(tags)"
# forge_intake APPLICANT TIME [TRAILER]: an intake by lan at TIME into
# September, forged with plain git as hh would commit it (trailers, lan's
# name), signed with a copy of the tree's key; $forged is its commit
forge_intake() {
	hh-intake -C "$R" -n --json --actor admin --correction x --at "$2" \
	    --procedure T-HT03 --applicant "$1" >"$T/f.json"
	code=$(jq -r .code "$T/f.json")
	GIT_INDEX_FILE=$T/index G read-tree HEAD
	GIT_INDEX_FILE=$T/index G update-index --add --cacheinfo \
	    "100644,$(G hash-object -w "$T/f.json"),dossiers/2016/09/$code.json"
	tree=$(GIT_INDEX_FILE=$T/index G write-tree)
	rm -f "$T/index"
	forged=$(printf 'intake %s: T-HT03 Thay đổi, cải chính hộ tịch (thử)\n\nDossier: %s\nAction: intake\nActor: lan\n%s' \
	    "$code" "$code" "${3:+$3
}" |
	    GIT_AUTHOR_NAME="Nguyễn Thị Lan" GIT_AUTHOR_EMAIL=lan@example.vn \
	    GIT_AUTHOR_DATE="$2:00+07:00" \
	    GIT_COMMITTER_NAME="Nguyễn Thị Lan" \
	    GIT_COMMITTER_EMAIL=lan@example.vn \
	    GIT_COMMITTER_DATE=$HH_NOW G -c gpg.format=ssh \
	    -c user.signingKey="$T/key" commit-tree -S "$tree" -p HEAD)
	G update-ref refs/heads/main "$forged"
	echo "$forged" >"$R/.git/hh/worktree"
	mkdir -p "$R/dossiers/2016/09"
	cp "$T/f.json" "$R/dossiers/2016/09/$code.json"
}
# 46-48: a step into September forged with plain git, signed with a copy
# of the tree's key, without Correction:
forge_intake "Người Giả" 2016-09-29T09:00
check "the forged commit verifies (the key was copied)" 'G verify-commit HEAD'
hh-check -C "$R" >"$T/check" || true
check_eq "  hh-check: a finding naming the report and the commit" \
    "$(short "$forged"): report/2016-09, published (source $s10): its figures changed without an admin's correction (no Correction: trailer)" \
    "$(grep report/ "$T/check" | grep -v 'revised since')"
check_eq "  and the report lists it" "$(short "$forged")" \
    "$(hh-report -C "$R" --month 2016-09 --json | jq -r '.revised.commits[-1].id' | cut -c1-10)"

# 49-50: a Correction: trailer by the desk clerk is no admin's correction,
# and stays none when the clerk is made an admin afterwards: the
# configuration before the commit decides, as for every role
forge_intake "Người Giả Hai" 2016-09-29T10:00 "Correction: sót"
forged2=$forged
want="$(short "$forged2"): report/2016-09, published (source $s10): its figures changed without an admin's correction (no Correction: trailer by an admin)"
hh-check -C "$R" >"$T/check" || true
check_eq "a Correction: by the desk clerk: a finding" "$want" \
    "$(grep -F "$(short "$forged2"): report/" "$T/check")"
jq --tab '(.staff[] | select(.id == "lan") | .role) = "admin"' \
    "$R/center.json" >"$T/c.json" && cp "$T/c.json" "$R/center.json"
hh-init --actor admin "$R" >/dev/null
hh-check -C "$R" >"$T/check" || true
check_eq "  still one when the clerk is made an admin after it" "$want" \
    "$(grep -F "$(short "$forged2"): report/" "$T/check")"

done_testing
