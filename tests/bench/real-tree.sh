#!/bin/sh
# real-tree.sh DIR N - a records tree made by the hh commands themselves
# (batches, HH_FSYNC=0): N intakes, 2/3 of them routed, 1/3 resolved, 1/6
# returned, about 2.17 N commits, loose objects as hh leaves them.  Every
# commit passes hh-check, unlike gen.c's fast path.  Run from the top of
# the source tree after make.  N=4300 gives about 9,300 commits in ~70 s.
set -eu
R=$1 N=$2
TOP=$(pwd)
W=$(mktemp -d "${TMPDIR:-/var/tmp}/hh-real.XXXXXX")
trap 'rm -rf "$W"' EXIT
export PATH="$TOP:$PATH" HH_FSYNC=0 HH_NOW=2016-12-31T17:00:00+07:00
mkdir -p "$W/share/records" "$W/share/procedures"
cp tests/fixtures/center.json records/calendar "$W/share/records/"
cp tests/fixtures/procedures/*.json "$W/share/procedures/"
export HH_SHARE="$W/share"
HH_NOW=2016-09-01T07:00:00+07:00 hh-init "$R" >/dev/null
i=0
while [ "$i" -lt "$N" ]; do
	printf '{"procedure":"T-HT03","applicant":"Người %d","id_number":"0010850%05d","at":"2016-%02d-%02dT08:%02d"}\n' \
	    "$i" "$i" $((9 + i * 3 / N)) $((i % 20 + 5)) $((i % 60))
	i=$((i + 1))
done >"$W/in.jsonl"
hh-intake -C "$R" --actor lan --batch "$W/in.jsonl" >"$W/codes"
awk 'NR % 3 != 0 { printf "{\"code\":\"%s\",\"to\":\"tp\",\"officer\":\"minh\",\"days\":2,\"at\":\"2016-12-20T09:00\"}\n", $1 }' \
    "$W/codes" >"$W/route.jsonl"
hh-route -C "$R" --actor lan --batch "$W/route.jsonl" >/dev/null
awk 'NR % 3 == 1 { printf "{\"code\":\"%s\",\"done\":true,\"at\":\"2016-12-21T10:00\"}\n", $1 }' \
    "$W/codes" >"$W/done.jsonl"
hh-route -C "$R" --actor minh --batch "$W/done.jsonl" >/dev/null
awk 'NR % 6 == 1 { printf "{\"code\":\"%s\",\"at\":\"2016-12-22T08:00\"}\n", $1 }' \
    "$W/codes" >"$W/return.jsonl"
hh-return -C "$R" --actor hoa --batch "$W/return.jsonl" >/dev/null
head -1 "$W/codes"
