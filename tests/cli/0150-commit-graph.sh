#!/bin/sh
# The commit-graph that keeps plain git fast for auditors: hh-init sets
# nothing (git's defaults read and keep a commit-graph; a key hh does not
# write would be a finding of hh-check), the weekly git gc line of the
# crontab (hh(7), README) writes it with changed-path Bloom filters, and
# git keeps them when it rewrites the graph.  The line run here is the one
# hh(7) documents.
. tests/cli/lib.sh
plan 17
fixture_tree
export HH_NOW=2016-09-05T09:00:00+07:00

# the weekly line of hh(7)'s crontab, its two folded lines joined, for $R
cronline=$(sed -n '/^\.\\" file crontab/,/^\.Ed/p' man/hh.7 |
    sed -e :a -e '/\\e$/{N;s/\\e\n//;ba' -e '}' |
    sed -n 's/^0 3 \* \* 0[[:blank:]]*//p')
weekly() { eval "$(printf '%s\n' "$cronline" | sed "s,/srv/hh/records,'$R',g")"; }
cg=$R/.git/objects/info/commit-graph
# the chunk ids of the commit-graph file, in order (gitformat-commit-graph:
# the number of chunks is byte 6, the table of 12-byte entries at 8)
chunks() {
	n=$(od -An -tu1 -j6 -N1 "$cg" | tr -d ' ')
	i=0
	while [ "$i" -lt "$n" ]; do
		dd if="$cg" bs=1 skip=$((8 + 12 * i)) count=4 2>/dev/null
		printf ' '
		i=$((i + 1))
	done
}
has_bloom() { case " $(chunks)" in *" BIDX "*"BDAT "*) return 0;; esac; return 1; }
# the commits of git log -- FILE, with and without the commit-graph
glog() { git -C "$R" log --format=%H -- "$1"; }
glog_plain() { git -C "$R" -c core.commitGraph=false log --format=%H -- "$1"; }
# git log's use of the Bloom filters, from its trace: "maybe definitely_not
# filter_not_present"
bloomstats() {
	GIT_TRACE2_PERF=1 git -C "$R" log --format=%H -- "$1" 2>&1 >/dev/null |
	    sed -n 's/.*"filter_not_present":\([0-9]*\),"maybe":\([0-9]*\),"definitely_not":\([0-9]*\).*/\2 \3 \1/p'
}

check "the weekly line is a git gc and a commit-graph write" \
    'printf "%s\n" "$cronline" | grep -q "gc --quiet && .*commit-graph write --reachable --changed-paths$"'
check_eq "README's crontab has the same weekly line" "$cronline" \
    "$(sed -n '/^```crontab/,/^```/p' README.md |
    sed -e :a -e '/\\$/{N;s/\\\n//;ba' -e '}' |
    sed -n 's/^0 3 \* \* 0[[:blank:]]*//p')"
check_eq "hh-init sets no commit-graph key (git's defaults apply)" "" \
    "$(git -C "$R" config --get-regexp '^(core\.commitgraph|gc\.writecommitgraph|commitgraph\.)' || true)"

c1=$(hh-intake -C "$R" --actor lan --procedure T-HT03 --applicant "Người Một")
c2=$(hh-intake -C "$R" --actor lan --procedure T-HT03 --applicant "Người Hai")
hh-route -C "$R" --actor lan "$c1" --to tp --officer minh >/dev/null
hh-route -C "$R" --actor minh "$c1" --done >/dev/null
hh-return -C "$R" --actor lan "$c1" >/dev/null
f1=dossiers/2016/09/$c1.json f2=dossiers/2016/09/$c2.json
before=$(glog "$f1")
hh-log -C "$R" "$c1" >"$T/log.before"

check "the weekly line runs" weekly
check "it leaves a commit-graph" '[ -s "$cg" ]'
check "with changed-path Bloom filters (BIDX, BDAT chunks)" has_bloom
check "git commit-graph verify passes" git -C "$R" commit-graph verify
check_eq "git log -- file: the same commits with the graph" "$before" "$(glog "$f1")"
check "git log -- file reads the filters (Bloom statistics in its trace)" \
    '[ "$(bloomstats "$f1" | cut -d" " -f2)" -gt 0 ]'

# commits hh makes after the graph (libgit2 writes none), then git's own
# rewrite of the graph, as git gc does every week: the filters stay
hh-route -C "$R" --actor lan "$c2" --to tp --officer minh >/dev/null
hh-route -C "$R" --actor minh "$c2" --done >/dev/null
check_eq "commits after the graph: git log -- file still exact" \
    "$(glog_plain "$f2")" "$(glog "$f2")"
git -C "$R" commit-graph write --reachable
check "git commit-graph write without --changed-paths keeps the filters" has_bloom
hh-return -C "$R" --actor lan "$c2" >/dev/null
weekly
check "the next week's line keeps them too" has_bloom
check_eq "... and covers every commit (no commit without a filter)" 0 \
    "$(bloomstats "$f2" | cut -d' ' -f3)"
check_eq "git log -p -- file: the same as without the graph" \
    "$(git -C "$R" -c core.commitGraph=false log -p -- "$f2" | cksum)" \
    "$(git -C "$R" log -p -- "$f2" | cksum)"
check "git fsck is clean" git -C "$R" fsck --no-dangling
check "hh-log reads the tree as before" \
    'hh-log -C "$R" "$c1" | cmp -s - "$T/log.before"'
check_eq "hh-check: 0 findings with the commit-graph and the packs" \
    "0 findings" "$(hh-check -C "$R" 2>&1 | sed -n 's/.*commits checked, //p')"
done_testing
