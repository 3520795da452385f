#!/bin/sh
# 8 desks taking 100 dossiers each at the same time: nothing lost, codes
# unique, one commit per dossier, git fsck clean.
. tests/cli/lib.sh
plan 6
fixture_tree
export HH_NOW=2016-09-05T10:00:00+07:00
W=${HH_TEST_WRITERS:-8}
N=${HH_TEST_INTAKES:-100}
before=$(git -C "$R" rev-list --count HEAD)
i=0
while [ $i -lt "$W" ]; do
	(
		j=0; fail=0
		while [ $j -lt "$N" ]; do
			hh-intake -C "$R" --actor lan --procedure T-CT00 \
			    --applicant "Người $i-$j" >>"$T/codes.$i" || fail=1
			j=$((j + 1))
		done
		echo $fail >"$T/status.$i"
	) &
	i=$((i + 1))
done
wait
check_eq "every process exited 0" "$(printf '0%.0s' $(seq "$W"))" \
    "$(cat "$T"/status.* | tr -d '\n')"
check_eq "$((W * N)) commits" $((W * N)) \
    $(($(git -C "$R" rev-list --count HEAD) - before))
check_eq "$((W * N)) distinct codes printed" $((W * N)) \
    "$(cat "$T"/codes.* | sort -u | wc -l)"
check_eq "$((W * N)) dossier files in HEAD" $((W * N)) \
    "$(git -C "$R" ls-tree -r --name-only HEAD dossiers | wc -l)"
check_eq "every printed code is in HEAD" "" \
    "$(cat "$T"/codes.* | while read -r c; do git -C "$R" cat-file -e "HEAD:dossiers/2016/09/$c.json" 2>/dev/null || echo "$c"; done)"
check "git fsck is clean" git -C "$R" fsck --no-dangling
done_testing
