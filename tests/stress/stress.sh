#!/bin/sh
# stress.sh - W writers at once, each doing N operations: intakes, and
# hand-overs (hh-route) and returns (hh-return) on dossiers the writers
# share.  Every command that exits 0 is in HEAD once (its event in the
# dossier, its commit in the history), every one that fails left nothing,
# codes are unique, git fsck and hh-check are clean.
#
#	STRESS_WRITERS=8 STRESS_OPS=60 sh tests/stress/stress.sh   (make stress)
#	tests/cli/7100-stress.sh runs it small in make check.
. tests/cli/lib.sh
plan 11
W=${STRESS_WRITERS:-8}
N=${STRESS_OPS:-60}
NS=${STRESS_SHARED:-6}		# dossiers every writer hands over
NR=${STRESS_RETURNS:-4}		# dossiers every writer tries to return
fixture_tree
export HH_NOW=2016-09-05T10:00:00+07:00
[ -n "${STRESS_FSYNC:-}" ] && export HH_FSYNC=$STRESS_FSYNC
P=000.00.21.H54
G() { git --git-dir="$R/.git" "$@"; }
path() { echo "dossiers/20${1#$P-}" | sed 's|^\(dossiers/20..\)\(..\).*|\1/\2|'; }

# The shared dossiers: S (handed between tp and tnmt) and Q (returned).
i=0
while [ $i -lt $((NS + NR)) ]; do
	echo "{\"procedure\":\"T-HT03\",\"applicant\":\"Chung $i\",\"at\":\"2016-09-05T08:00\"}"
	i=$((i + 1))
done >"$T/seed.jsonl"
hh-intake -C "$R" --actor lan --batch "$T/seed.jsonl" >"$T/seed"
sed -n "1,${NS}p" "$T/seed" >"$T/S"
sed -n "$((NS + 1)),\$p" "$T/seed" >"$T/Q"
base=$(G rev-list --count HEAD)

# writer I: op J is an intake, a hand-over of a shared dossier (to tp or
# tnmt: the one already holding it refuses) or a return; each line of
# log.I is "kind status code tag".
writer() {
	j=0
	while [ $j -lt "$N" ]; do
		tag="w$1-$j"
		case $(( ($1 + j) % 4 )) in
		0|2)
			code=$(sed -n "$(( ($1 * 7 + j) % NS + 1 ))p" "$T/S")
			to=tp; [ $(( (j / 2 + $1) % 2 )) = 1 ] && to=tnmt
			st=0
			hh-route -C "$R" --actor admin "$code" --to "$to" \
			    --note "$tag" >/dev/null 2>>"$T/err.$1" || st=$?
			echo "route $st $code $tag" ;;
		1)
			st=0
			code=$(hh-intake -C "$R" --actor lan --procedure T-CT00 \
			    --applicant "Người $tag" 2>>"$T/err.$1") || st=$?
			echo "intake $st ${code:-none} $tag" ;;
		3)
			code=$(sed -n "$(( ($1 + j / 4) % NR + 1 ))p" "$T/Q")
			st=0
			hh-return -C "$R" --actor hoa "$code" >/dev/null \
			    2>>"$T/err.$1" || st=$?
			echo "return $st $code $tag" ;;
		esac
		j=$((j + 1))
	done >"$T/log.$1"
}

t0=$(date +%s)
i=0
while [ $i -lt "$W" ]; do
	writer $i &
	i=$((i + 1))
done
wait
t1=$(date +%s)
cat "$T"/log.* >"$T/log"
nok() { awk -v k="$1" '$1 == k && $2 == 0' "$T/log" | wc -l; }
echo "# $W writers x $N operations in $((t1 - t0)) s: $(nok intake) intakes, $(nok route) hand-overs, $(nok return) returns exited 0"

# Failures are expected only as refusals: "already held" on a hand-over,
# a return of a dossier already returned.
check_eq "every failure is a refusal of the state (no lock or git error)" "" \
    "$(cat "$T"/err.* | grep -v 'already held by\|status returned: cannot' | head -3)"
check_eq "every intake exited 0" 0 \
    "$(awk '$1 == "intake" && $2 != 0' "$T/log" | wc -l)"
check_eq "intake codes are unique" "$(nok intake)" \
    "$(awk '$1 == "intake" && $2 == 0 { print $3 }' "$T/log" | sort -u | wc -l)"
check_eq "every intake that exited 0 is in HEAD" "" \
    "$(awk '$1 == "intake" && $2 == 0 { print $3 }' "$T/log" | while read -r c; do
	G cat-file -e "HEAD:$(path "$c")/$c.json" 2>/dev/null || echo "$c"; done)"

# Hand-overs: the notes in HEAD are exactly those of the commands that
# exited 0, each once; the history has one route commit for each.
for c in $(cat "$T/S"); do
	G show "HEAD:$(path "$c")/$c.json" |
	    jq -r '.events[] | select(.action == "route") | .details.note'
done | sort >"$T/notes.head"
awk '$1 == "route" && $2 == 0 { print $4 }' "$T/log" | sort >"$T/notes.ok"
check_eq "no hand-over lost: every one that exited 0 is in its dossier" "" \
    "$(comm -23 "$T/notes.ok" "$T/notes.head" | head -3)"
check_eq "no hand-over applied twice or without success" "" \
    "$(comm -13 "$T/notes.ok" "$T/notes.head"; sort "$T/notes.head" | uniq -d | head -3)"
check_eq "one route commit in the history per hand-over" "$(wc -l <"$T/notes.ok")" \
    "$(for c in $(cat "$T/S"); do G log --format=%s -- "$(path "$c")/$c.json"; done | grep -c '^route ')"
check_eq "each raced return succeeded exactly once" \
    "$(for c in $(cat "$T/Q"); do grep -q "^return [0-9]* $c " "$T/log" && echo 1; done | tr -d '\n')" \
    "$(for c in $(cat "$T/Q"); do awk -v c="$c" '$1 == "return" && $2 == 0 && $3 == c' "$T/log" | wc -l | grep -v '^0$' || true; done | tr -d '\n')"
check_eq "commits: one per intake and hand-over, two per return" \
    $(( $(nok intake) + $(nok route) + 2 * $(nok return) )) \
    $(( $(G rev-list --count HEAD) - base ))
check "git fsck is clean" G fsck --no-dangling --strict
check "hh-check is clean (history and files on disk)" hh-check -C "$R"
done_testing
