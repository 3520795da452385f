#!/bin/sh
# crash.sh - kill hh writers with SIGKILL at random moments and check that
# nothing is lost or half-written.  Each trial starts one command in the
# background (hh-intake alone or --batch, hh-route, hh-return, hh-init
# re-configuration), sleeps 0-30 ms and kill -9s it; then the next writer
# (an intake) must run and commit, and:
#   - a command that exited 0 before the kill is in HEAD (and every code a
#     killed intake printed is in HEAD: codes are printed after commits);
#   - the files on disk are exactly HEAD's (ls-tree vs the tree on disk:
#     no half-written, stray or missing file);
#   - no stale lock blocks the next command;
#   - hh-check and git fsck are clean.
# Where each kill landed is counted: before anything was written, in the
# middle of a commit (objects written but the branch not moved, a ref lock
# left, or the export not finished), after a commit (branch moved and
# exported; killed while printing or between batch lines), or after the
# command had already exited.
#
#	CRASH_TRIALS=200 sh tests/stress/crash.sh     (make crash)
#	tests/cli/7200-crash.sh runs 40 trials in make check.
#	CRASH_SEED=N repeats a run's random moments.
#
# CRASH_PENDING lists checks reported as TODO instead of failing, for a
# store.c without the fixes: "tmp" (export temp files left next to their
# target by a kill) and "lock" (a refs/heads/main.lock left by a kill
# blocking later commits).  store.c has both fixes: empty by default.
PENDING=${CRASH_PENDING-}
. tests/cli/lib.sh
TRIALS=${CRASH_TRIALS:-200}
SEED=${CRASH_SEED:-$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')}
plan 9
fixture_tree
export HH_NOW=2016-09-05T10:00:00+07:00
P=000.00.21.H54
G() { git --git-dir="$R/.git" "$@"; }
path() { echo "dossiers/20${1#$P-}" | sed 's|^\(dossiers/20..\)\(..\).*|\1/\2|'; }
inhead() { G cat-file -e "HEAD:$(path "$1")/$1.json" 2>/dev/null; }
objects() { find "$R/.git/objects" -type f | wc -l; }
pending() { case " $PENDING " in *" $1 "*) return 0 ;; esac; return 1; }
echo "# seed $SEED, $TRIALS trials"

# Dossiers to hand over (S) and to return (Q, one a return trial).
nq=$((TRIALS / 5 + 2))
i=0
while [ $i -lt $((4 + nq)) ]; do
	echo "{\"procedure\":\"T-HT03\",\"applicant\":\"Người $i\",\"at\":\"2016-09-05T08:00\"}"
	i=$((i + 1))
done >"$T/seed.jsonl"
hh-intake -C "$R" --actor lan --batch "$T/seed.jsonl" >"$T/seed"
sed -n 1,4p "$T/seed" >"$T/S"
sed -n '5,$p' "$T/seed" >"$T/Q"
awk -v s="$SEED" -v n="$TRIALS" 'BEGIN { srand(s)
	for (i = 0; i < n; i++) printf "%02d %d\n", int(rand() * 31), int(rand() * 6) }' >"$T/plan"

# The files on disk against HEAD: "path blob" lines, sorted.
disk_vs_head() {
	G ls-tree -r HEAD | awk -F'\t' '{ split($1, a, " "); print $2, a[3] }' |
	    sort >"$T/head.ls"
	(cd "$R" && find . -path ./.git -prune -o \( -type f -o -type l \) -print |
	    sed 's|^\./||' | sort) >"$T/disk.names"
	(cd "$R" && git hash-object --no-filters --stdin-paths <"$T/disk.names") |
	    paste -d' ' "$T/disk.names" - >"$T/disk.ls"
	comm -3 "$T/head.ls" "$T/disk.ls"
}

nbefore=0 nmid=0 nafter=0 nexited=0 lost=0 stray=0 tmpleft=0 locks=0
blocked=0 unclean=0 q=0 trial=0 leftlocks=0
while read -r ms kind; do
	trial=$((trial + 1))
	head0=$(G rev-parse HEAD)
	obj0=$(objects)
	tag="k$trial"
	case $kind in
	0)	what=intake
		hh-intake -C "$R" --actor lan --procedure T-CT00 \
		    --applicant "Người $tag" >"$T/out" 2>"$T/err" & ;;
	1)	what=batch
		for l in 1 2 3 4 5; do
			echo "{\"procedure\":\"T-HT03\",\"applicant\":\"Lô $tag-$l\"}"
		done >"$T/batch.jsonl"
		hh-intake -C "$R" --actor lan --batch "$T/batch.jsonl" \
		    >"$T/out" 2>"$T/err" & ;;
	2|3)	what=route
		code=$(sed -n "$((trial % 4 + 1))p" "$T/S")
		to=tp
		[ "$(G show "HEAD:$(path "$code")/$code.json" | jq -r .holder)" = tp ] && to=tnmt
		# kind 3: two dossiers held elsewhere, one group commit
		codes=$code
		if [ "$kind" = 3 ]; then
			for c in $(cat "$T/S"); do
				[ "$c" != "$code" ] && [ "$(G show "HEAD:$(path "$c")/$c.json" |
				    jq -r .holder)" != "$to" ] && { codes="$code $c"; break; }
			done
		fi
		hh-route -C "$R" --actor admin $codes --to "$to" \
		    --note "$tag" >"$T/out" 2>"$T/err" & ;;
	4)	what=return
		q=$((q + 1))
		code=$(sed -n "${q}p" "$T/Q")
		hh-return -C "$R" --actor hoa "$code" >"$T/out" 2>"$T/err" & ;;
	5)	what=init
		hh-init --actor admin --name "Trung tâm $tag" "$R" \
		    >"$T/out" 2>"$T/err" & ;;
	esac
	pid=$!
	sleep "0.0$ms"
	kill -9 $pid 2>/dev/null || true
	st=0; { wait $pid; } 2>/dev/null || st=$?
	head1=$(G rev-parse HEAD)
	mark=$(cat "$R/.git/hh/worktree" 2>/dev/null || true)
	reflock=$(ls "$R/.git/refs/heads/" | grep '\.lock$' || true)
	[ -n "$reflock" ] && leftlocks=$((leftlocks + 1))
	if [ "$st" != 137 ]; then
		nexited=$((nexited + 1)); where=exited
	elif [ -n "$reflock" ] || [ "$mark" != "$head1" ] ||
	    { [ "$head0" = "$head1" ] && [ "$(objects)" != "$obj0" ]; }; then
		nmid=$((nmid + 1)); where=mid-commit
	elif [ "$head0" = "$head1" ]; then
		nbefore=$((nbefore + 1)); where=before
	else
		nafter=$((nafter + 1)); where=after-commit
	fi

	# What exited 0 is in HEAD; what a killed intake printed too.
	[ -n "${CRASH_VERBOSE:-}" ] && echo "# trial $trial: $what $ms ms exit $st: $where (head $(echo $head0 | cut -c1-7) -> $(echo $head1 | cut -c1-7), mark $(echo $mark | cut -c1-7), objects $obj0 -> $(objects), lock $reflock)"
	bad=
	case $what in
	intake|batch)
		for c in $(cat "$T/out"); do inhead "$c" || bad="$bad $c"; done
		[ "$st" = 0 ] && [ "$what" = batch ] &&
		    [ "$(wc -l <"$T/out")" != 5 ] && bad="$bad (printed $(wc -l <"$T/out") of 5)"
		# a batch is one group commit: all five or none
		if [ "$what" = batch ]; then
			nb=$(G diff --name-only "$head0" "$head1" -- dossiers | wc -l)
			[ "$nb" = 0 ] || [ "$nb" = 5 ] || bad="$bad (a batch half in: $nb of 5)"
		fi ;;
	route)
		# every code stepped once if it exited 0; all or none if killed
		nin=0 nc=0
		for c in $codes; do
			nc=$((nc + 1))
			G show "HEAD:$(path "$c")/$c.json" |
			    jq -e --arg t "$tag" '[.events[] | select(.details.note == $t)] | length == 1' \
			    >/dev/null && nin=$((nin + 1))
		done
		[ "$st" = 0 ] && [ "$nin" != "$nc" ] && bad=" route $tag ($nin of $nc)"
		[ "$nin" = 0 ] || [ "$nin" = "$nc" ] || bad="$bad (a group half in: $nin of $nc)" ;;
	return)
		[ "$st" = 0 ] && [ "$(G show "HEAD:$(path "$code")/$code.json" |
		    jq -r .status)" != returned ] && bad=" return $code" ;;
	init)
		[ "$st" = 0 ] && [ "$(G show HEAD:center.json | jq -r .name)" != "Trung tâm $tag" ] &&
		    bad=" init $tag" ;;
	esac
	if [ -n "$bad" ]; then
		lost=$((lost + 1))
		echo "# trial $trial ($what, $ms ms, $where, exit $st): not in HEAD:$bad"
	fi

	# The next writer runs and commits: a stale lock must not stop it.
	next() { hh-intake -C "$R" --actor lan --procedure T-CT00 \
	    --applicant "Sau $tag" >"$T/next.out" 2>"$T/next.err"; }
	if ! next; then
		if [ -n "$(ls "$R/.git/refs/heads/" | grep '\.lock$')" ]; then
			locks=$((locks + 1))
			pending lock || echo "# trial $trial ($what, $ms ms): blocked by a stale ref lock: $(cat "$T/next.err")"
			rm -f "$R"/.git/refs/heads/*.lock
			next || {
			    blocked=$((blocked + 1)); echo "# trial $trial: $(cat "$T/next.err")"; }
		else
			blocked=$((blocked + 1))
			echo "# trial $trial ($what, $ms ms, $where): the next command failed: $(cat "$T/next.err")"
		fi
	fi
	# Then the files on disk are HEAD's.
	diff=$(disk_vs_head)
	if [ -n "$diff" ]; then
		tmps=$(echo "$diff" | grep -c '\.tmp-[0-9]* ' || true)
		others=$(echo "$diff" | grep -v '\.tmp-[0-9]* ' || true)
		tmpleft=$((tmpleft + tmps))
		if [ "$tmps" != 0 ]; then
			pending tmp || echo "# trial $trial ($what, $ms ms, $where): temp file left: $(echo "$diff" | grep '\.tmp-' | head -1)"
			find "$R" -path "$R/.git" -prune -o -name '*.tmp-*' -exec rm -f {} +
		fi
		if [ -n "$others" ]; then
			stray=$((stray + 1))
			echo "# trial $trial ($what, $ms ms, $where): disk differs from HEAD: $(echo "$others" | head -2 | tr '\n' ' ')"
		fi
	fi
	if ! hh-check -C "$R" --quiet >"$T/check.out" 2>&1; then
		unclean=$((unclean + 1))
		echo "# trial $trial ($what, $ms ms, $where): hh-check: $(head -2 "$T/check.out" | tr '\n' ' ')"
	fi
done <"$T/plan"

echo "# kills: $nbefore before any write, $nmid mid-commit, $nafter after a commit, $nexited after the command had exited ($TRIALS trials)"
echo "# $(G rev-list --count HEAD) commits; ref locks left by a kill: $leftlocks, of which blocked the next writer: $locks; temp files left: $tmpleft"
check_eq "$TRIALS trials ran" "$TRIALS" "$trial"
check_eq "every command that exited 0 (and every code printed) is in HEAD" 0 "$lost"
check_eq "the next command always ran (no stale lock blocks it)" 0 "$blocked"
if pending lock && [ "$locks" != 0 ]; then
	todo "$locks left (store.c to remove them under its lock)" \
	    notok "no ref lock left by a kill blocks the next writer"
else
	check_eq "no ref lock left by a kill blocks the next writer" 0 "$locks"
fi
if pending tmp && [ "$tmpleft" != 0 ]; then
	todo "$tmpleft left (store.c to write them in .git/hh/tmp/)" \
	    notok "no export temp file left in the records tree"
else
	check_eq "no export temp file left in the records tree" 0 "$tmpleft"
fi
check_eq "after the next command the files on disk are HEAD's" 0 "$stray"
check_eq "hh-check clean after every trial" 0 "$unclean"
check "git fsck is clean" G fsck --no-dangling --strict
# The lock a writer killed inside git_reference_create_matching leaves,
# made on purpose: the next writer must get past it.
G rev-parse HEAD >"$R/.git/refs/heads/main.lock"
st=0; hh-intake -C "$R" --actor lan --procedure T-CT00 --applicant "Sau khóa" \
    >"$T/out" 2>"$T/err" || st=$?
if pending lock && [ "$st" != 0 ]; then
	todo "$(head -1 "$T/err")" \
	    notok "a stale refs/heads/main.lock does not block the next writer"
else
	check_eq "a stale refs/heads/main.lock does not block the next writer" 0 "$st"
fi
rm -f "$R/.git/refs/heads/main.lock"
done_testing
