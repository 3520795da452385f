#!/bin/sh
# bench.sh - make bench: hh against what users would use instead, side by
# side in one run, on realistic records trees of N dossiers.
#
#   BENCH_N="1000 10000 100000"  sizes of the trees (1000000 needs ~25 GB
#                                and hours of generation: see RESULTS.md)
#   BENCH_RUNS=15                timed runs of a per-process figure
#   BENCH_TMP=/var/tmp           where the trees are made (removed after;
#                                the folder is made when missing)
#   BENCH_PER_MONTH=1000         dossiers received a month (the reference
#                                centre: 880); N sets how many months
#
# The trees come from tests/bench/gen.c (the fast path: the library's own
# dossiers and steps as one git fast-import stream; hh-check accepts
# them, but for their signatures: fast-import cannot sign, so each commit
# after hh-init's is reported unsigned).  Medians are printed; on a shared VM compare ratios, not times.
# hyperfine is used for the read-only commands when it is installed.
set -eu
export LC_ALL=C.UTF-8
TOP=$(pwd)
PATH="$TOP:$PATH"
N_LIST=${BENCH_N:-1000 10000 100000}
RUNS=${BENCH_RUNS:-15}
# the folder named is made when missing (and left: it may be a mount)
mkdir -p "${BENCH_TMP:-/var/tmp}"
W=$(mktemp -d "${BENCH_TMP:-/var/tmp}/hh-bench.XXXXXX")
trap 'rm -rf "$W"' EXIT
unset HH_RECORDS HH_NOW HH_FSYNC HH_SHARE
export HH_ACTOR=lan
cp tests/bench/gen tests/bench/floor tests/bench/sigcost "$W"	# make bench
HF=$(command -v hyperfine || true)
END=$(( $(date +%s) - 3600 ))	# the generated history ends an hour ago
# an instant as Vietnam's clock shows it (+07:00), whatever the machine's
# zone: vn EPOCH FORMAT
vn() { TZ=UTC-7 date -d "@$1" "$2" 2>/dev/null || TZ=UTC-7 date -r "$1" "$2"; }
NOW=$(vn "$END" +%Y-%m-%dT%H:%M:%S+07:00)
ROWS=$W/rows
: >"$ROWS"

# row N MEASURE HH ALT-NAME ALT RATIO-NOTE: one line of the table
row() { printf '%s|%s|%s|%s|%s|%s\n' "$@" >>"$ROWS"; }
say() { printf '%s\n' "$*" >&2; }
now_ns() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ms() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", (b - a) / 1e6}'; }

# Median ms of RUNS runs of a command that changes the tree ($k: run).
time_loop() {
	k=0
	while [ $k -lt "$RUNS" ]; do
		t0=$(now_ns); eval "$1" >/dev/null; t1=$(now_ns)
		echo $(( (t1 - t0) / 1000 ))
		k=$((k + 1))
	done | median | awk '{printf "%.1f", $1 / 1000}'
}

# Median ms of a read-only command (hyperfine if installed): runs, cmd.
time_ro() {
	if [ -n "$HF" ]; then
		"$HF" -N -w 1 -r "$1" --export-json "$W/hf.json" "$2" \
		    >/dev/null 2>&1 || "$HF" -w 1 -r "$1" --export-json \
		    "$W/hf.json" "$2" >/dev/null
		jq '.results[0].median * 1000' "$W/hf.json" |
		    awk '{printf "%.1f", $1}'
	else
		RUNS=$1 time_loop "$2"
	fi
}

# A records tree of n dossiers ending at END, received at PER_MONTH a
# month (a bigger n is more months, not fuller ones); the files written out.
PER_MONTH=${BENCH_PER_MONTH:-1000}
make_tree() {
	days=$(( $1 * 3044 / (PER_MONTH * 100) + 3 ))
	init=$(( END - days * 86400 ))
	r=$W/r$1
	HH_NOW=$(vn "$init" +%Y-%m-%dT%H:%M:%S+07:00) \
	    hh-init --actor admin "$r" >/dev/null
	"$W/gen" "$1" "$r" "$END" "$PER_MONTH" 2>/dev/null |
	    git -C "$r" fast-import --quiet
	# the first locker writes the files out (unsynced: a benchmark)
	HH_FSYNC=0 hh-report -C "$r" --no-cache >/dev/null
	FIRST=$(vn $(( init + 86400 )) +%Y-%m-%d)
}

runs_for() { [ "$1" -ge 100000 ] && echo 3 || { [ "$1" -ge 10000 ] && echo 5 || echo 10; }; }

JQ='reduce inputs as $d ({received:0, online:0, direct:0, resolved:0, early:0, on_time:0, late:0, open:0, within:0, overdue:0, waiting:0, withdrawn:0}; .received += 1 | (if $d.channel == "online" then .online += 1 else .direct += 1 end) | if $d.status == "withdrawn" then .withdrawn += 1 elif ($d.status == "resolved" or $d.status == "returned") then .resolved += 1 | .[$d.class] += 1 elif $d.status == "waiting_supplement" then .open += 1 | .waiting += 1 else .open += 1 | (if ($d.due_at | sub("\\+07:00$"; "Z") | fromdate) - 25200 >= $now then .within += 1 else .overdue += 1 end) end)'

for n in $N_LIST; do
	say "== $n dossiers"
	t0=$(now_ns); make_tree "$n"; t1=$(now_ns)
	r=$W/r$n
	ncommits=$(git -C "$r" rev-list --count HEAD)
	nmonth=$(ls "$r/dossiers/$(vn "$END" +%Y/%m)" | wc -l)
	row "$n" "tree: gen + fast-import + write-out (s); commits; this month's folder" \
	    "$(ms "$t0" "$t1" | awk '{printf "%.0f", $1/1000}')" "" \
	    "$ncommits commits" "$nmonth files"
	runs=$(runs_for "$n")

	# the report over all dossiers, on the pristine tree
	say "report"
	rep="hh-report -C $r --from $FIRST --to $(vn "$END" +%Y-%m-%d) --format json"
	t0=$(now_ns); HH_NOW=$NOW $rep >"$W/rep.json"; t1=$(now_ns)
	cold=$(ms "$t0" "$t1")
	export HH_NOW=$NOW
	warm=$(time_ro 10 "$rep")
	scan=$(time_ro "$runs" "$rep --no-cache")
	jqc="find $r/dossiers -name '*.json' -exec cat {} + | jq -n --argjson now $END '$JQ'"
	if [ -n "$HF" ]; then
		"$HF" -w 1 -r "$runs" --export-json "$W/hf.json" "$jqc" \
		    >/dev/null 2>&1
		jqms=$(jq '.results[0].median * 1000' "$W/hf.json" |
		    awk '{printf "%.1f", $1}')
	else
		jqms=$(RUNS=$runs time_loop "$jqc")
	fi
	floor=$(time_ro "$runs" "$W/floor $r")
	unset HH_NOW
	eval "$jqc" >"$W/jq.json"
	agree=$(jq -n --slurpfile a "$W/rep.json" --slurpfile b "$W/jq.json" \
	    '$a[0].total | {received: .received.total, online: .received.online,
	    direct: .received.direct, resolved: .resolved.total,
	    early: .resolved.early, on_time: .resolved.on_time,
	    late: .resolved.late, open: .open.total, within: .open.within,
	    overdue: .open.overdue, waiting: .open.waiting_supplement,
	    withdrawn: .withdrawn} == $b[0]')
	row "$n" "report, no cache: read + parse every file (ms)" "$scan" \
	    "jq one-liner" "$jqms" "$(awk -v a="$scan" -v b="$jqms" 'BEGIN {printf "%.1fx faster (counts agree: %s)", b / a, "'"$agree"'"}')"
	row "$n" "report, no cache (ms)" "$scan" "per-file read floor (floor.c)" \
	    "$floor" "$(awk -v a="$scan" -v b="$floor" 'BEGIN {printf "%.2fx the floor", a / b}')"
	row "$n" "report from the summary cache: repeated / first (ms)" "$warm" \
	    "first run (makes the cache)" "$cold" \
	    "$(awk -v a="$warm" -v b="$floor" 'BEGIN {printf "%.2fx the floor", a / b}')"
	eval "scan_$n=$scan jq_$n=$jqms floor_$n=$floor warm_$n=$warm"

	# hh-log of one dossier against git log
	say "log"
	code=$(git -C "$r" log --format=%s --grep='^Action: return' -n 1 \
	    --skip=$(( ncommits / 8 )) | sed 's/^return \([^:]*\):.*/\1/')
	path="dossiers/20$(echo "$code" | sed 's/.*-\(..\)\(..\)..-.*/\1\/\2/')/$code.json"
	lg=$(time_ro "$runs" "hh-log -C $r $code")
	gl=$(time_ro "$runs" "git -C $r log --format=%H -- $path")
	row "$n" "hh-log of one dossier (ms)" "$lg" "git log --format=%H -- file" \
	    "$gl" "$(awk -v a="$lg" -v b="$gl" 'BEGIN {printf "%.2fx git", a / b}')"
	eval "lg_$n=$lg gl_$n=$gl"

	# hh-check over the whole history (one run: it is long)
	say "check"
	t0=$(now_ns); hh-check -C "$r" --quiet >"$W/check.out" 2>&1 || true
	t1=$(now_ns)
	row "$n" "hh-check, whole history (ms)" "$(ms "$t0" "$t1")" \
	    "findings" "$(grep -c . "$W/check.out" || true)" \
	    "$(awk -v a="$(ms "$t0" "$t1")" -v c="$ncommits" 'BEGIN {printf "%.0f commits/s", c / (a / 1000)}')"
	eval "ck_$n=$(ms "$t0" "$t1") nc_$n=$ncommits"

	# per-process intake against git add && git commit on a copy of the
	# same tree whose index was built beforehand
	say "intake"
	g=$W/g$n
	cp -a "$r" "$g"
	git -C "$g" config core.bare false
	git -C "$g" config user.name bench
	git -C "$g" config user.email bench@example.vn
	git -C "$g" read-tree HEAD
	git -C "$g" update-index --refresh >/dev/null 2>&1 || true
	month=dossiers/$(TZ=UTC-7 date +%Y/%m)	# the desk's day (+07:00)
	mkdir -p "$g/$month"
	sample=$(ls "$r/$month" 2>/dev/null | head -1)
	[ -n "$sample" ] || sample=$(cd "$r" && ls dossiers/*/*/*.json | head -1)
	ms_in=$(time_loop "hh-intake -C '$r' --procedure 2.000815 --applicant 'Người Đo' --phone 0912345678")
	ms_git=$(time_loop "cp '$r/$month/$sample' '$g/$month/x\$k.json' && git -C '$g' add '$month/x\$k.json' && git -C '$g' commit -q -m 'intake x\$k'")
	ms_in0=$(HH_FSYNC=0 time_loop "hh-intake -C '$r' --procedure 2.000815 --applicant 'Người Đo'")
	rm -rf "$g"
	row "$n" "hh-intake, one process, fsync on (ms)" "$ms_in" \
	    "git add && git commit (index, no fsync)" "$ms_git" \
	    "$(awk -v a="$ms_in" -v b="$ms_git" 'BEGIN {printf "%.1fx faster", b / a}')"
	row "$n" "hh-intake, one process, HH_FSYNC=0 (ms)" "$ms_in0" "" "" ""
	eval "in_$n=$ms_in git_$n=$ms_git"

	# route and return of those dossiers, one process a step
	say "route, return"
	ls "$r/$month" | sed -n "s/^\(.*-$(TZ=UTC-7 date +%y%m%d)-.*\)\.json$/\1/p" |
	    tail -n "$RUNS" >"$W/codes"
	ms_r=$(time_loop 'c=$(sed -n "$((k + 1))p" "$W/codes"); hh-route -C "$r" --actor lan "$c" --to tp --officer hoa')
	ms_ret=$(time_loop 'c=$(sed -n "$((k + 1))p" "$W/codes"); hh-return -C "$r" --actor lan "$c"')
	row "$n" "hh-route --to, one process (ms)" "$ms_r" "" "" "1 commit"
	row "$n" "hh-return of a processing dossier (ms)" "$ms_ret" "" "" \
	    "2 commits (done, return)"

	# batch intake, fsync on
	say "batch"
	i=0; while [ $i -lt 200 ]; do
		printf '{"procedure":"2.000815","applicant":"Lô %d","channel":"online"}\n' $i
		i=$((i + 1))
	done >"$W/batch.jsonl"
	t0=$(now_ns); hh-intake -C "$r" --batch "$W/batch.jsonl" >/dev/null
	t1=$(now_ns)
	rate=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.0f", 200 / ((b - a) / 1e9)}')
	row "$n" "hh-intake --batch of 200, fsync on (dossiers/s)" "$rate" "" "" ""
	eval "batch_$n=$rate"

	# 4 concurrent writers x 50 intakes, one process each
	say "concurrency"
	c0=$(git -C "$r" rev-list --count HEAD)
	f0=$(git -C "$r" ls-tree -r --name-only HEAD dossiers | wc -l)
	t0=$(now_ns)
	for w in 1 2 3 4; do
		(j=0; while [ $j -lt 50 ]; do
			hh-intake -C "$r" --procedure 2.000815 \
			    --applicant "Song song $w-$j" || echo FAIL
			j=$((j + 1))
		done >"$W/w$w") &
	done
	wait
	t1=$(now_ns)
	c1=$(git -C "$r" rev-list --count HEAD)
	f1=$(git -C "$r" ls-tree -r --name-only HEAD dossiers | wc -l)
	codes=$(cat "$W"/w[1-4] | grep -v FAIL | sort -u | wc -l)
	lost=0
	for c in $(cat "$W"/w[1-4] | grep -v FAIL); do
		y=20$(echo "$c" | sed 's/.*-\(..\)\(..\)..-.*/\1\/\2/')
		git -C "$r" cat-file -e "HEAD:dossiers/$y/$c.json" 2>/dev/null ||
		    lost=$((lost + 1))
	done
	row "$n" "4 writers x 50 intakes: wall (ms)" "$(ms "$t0" "$t1")" \
	    "commits / files / codes added, lost" \
	    "$((c1 - c0)) / $((f1 - f0)) / $codes, $lost" \
	    "$(awk -v a="$(ms "$t0" "$t1")" 'BEGIN {printf "%.0f intakes/s", 200 / (a / 1000)}')"
	rm -rf "$r"
	last=$n
done

# what a signature costs: one at every commit, one check at every commit
# hh-check reads (the generated histories are unsigned: git 2.39's
# fast-import cannot carry signatures, so hh-check reports them and
# verifies none; its figure with signatures adds the verification)
set -- $("$W/sigcost")
sign_us=$1 verify_us=$2
row "-" "Ed25519 SSH signature of one commit: sign / verify (us)" \
    "$sign_us / $verify_us" "" "" \
    "$(awk -v v="$verify_us" 'BEGIN {printf "+%.1f s per 100k commits checked", v / 10}')"

first=$(echo "$N_LIST" | awk '{print $1}')
{
	echo "| N | measure | hh | compared with | that | ratio / note |"
	echo "|---|---|---|---|---|---|"
	sed 's/|/ | /g; s/^/| /; s/$/ |/' "$ROWS"
	echo
	echo "Targets (ratios measured in this run):"
	echo
	eval "a=\$in_$first b=\$in_$last g=\$git_$last rate=\$batch_$last"
	eval "sc=\$scan_$last jq=\$jq_$last fl=\$floor_$last wm=\$warm_$last"
	eval "lg=\$lg_$last gl=\$gl_$last ck=\$ck_$last nc=\$nc_$last"
	awk -v a="$a" -v b="$b" -v g="$g" -v rate="$rate" -v sc="$sc" \
	    -v jq="$jq" -v fl="$fl" -v wm="$wm" -v f="$first" -v l="$last" \
	    -v lg="$lg" -v gl="$gl" -v ck="$ck" -v nc="$nc" \
	    -v vus="$verify_us" -v sus="$sign_us" 'BEGIN {
		r = b / a; printf "- intake at %d / at %d: %.2f (target <= 1.3): %s\n", l, f, r, (r <= 1.3 ? "met" : "MISSED")
		r = g / b; printf "- git add+commit / hh-intake at %d: %.1fx (target >= 10x): %s\n", l, r, (r >= 10 ? "met" : "MISSED")
		printf "- batch intake at %d, fsync on: %d dossiers/s (target >= 100/s): %s\n", l, rate, (rate >= 100 ? "met" : "MISSED")
		r = jq / sc; printf "- report at %d, no cache, vs jq: %.1fx faster (target >= 10x): %s\n", l, r, (r >= 10 ? "met" : "MISSED")
		r = sc / fl; printf "- report at %d, no cache, vs the per-file floor: %.2fx (target <= 2x): %s\n", l, r, (r <= 2 ? "met" : "MISSED")
		r = jq / wm; printf "- report at %d from the summary cache (the default), vs jq: %.0fx faster; vs the floor: %.2fx\n", l, r, wm / fl
		r = lg / gl; printf "- hh-log at %d vs git log -- file: %.2fx (target <= 3x): %s\n", l, r, (r <= 3 ? "met" : "MISSED")
		r = ck / nc * 100000 / 1000; printf "- hh-check: %.0f s per 100k commits (%d commits in %.0f s; target < 60 s): %s\n", r, nc, ck / 1000, (r < 60 ? "met" : "MISSED")
		v = r + vus / 10; printf "- hh-check with every commit signed: %.0f s per 100k commits (%.0f s + %.0f us of verification a commit; target < 2x %.0f s): %s\n", v, r, vus, r, (v < 2 * r ? "met" : "MISSED")
		printf "- signing at every commit: %.3f ms of the intake at %d (%.1f ms, target < 20 ms): %s\n", sus / 1000, l, b, (b < 20 ? "met" : "MISSED")
		if (l >= 1000000)
			printf "- repeated report at %d: %.0f ms (target < 1 s): %s\n", l, wm, (wm < 1000 ? "met" : "MISSED")
		else
			printf "- repeated report at 1M: not measured (BENCH_N=1000000); at %d: %.0f ms from the cache\n", l, wm
	}'
	echo
	echo "Notes: medians of $RUNS runs a per-process figure (shell timing, fork of date included on both sides),"
	echo "hyperfine medians for the read-only commands ($(runs_for "$last")-10 runs). The report is"
	echo "\`hh-report --from FIRST --to LAST --format json\` (HH_NOW fixed); the jq one-liner is"
	echo "\`find DIR/dossiers -name '*.json' -exec cat {} + | jq -n --argjson now EPOCH '$JQ'\`."
	echo "git add && git commit runs on a copy of the same tree with its index built beforehand; git does not fsync."
}
