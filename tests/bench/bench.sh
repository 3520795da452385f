#!/bin/sh
# bench.sh - make bench: hh against what users would use instead, side by
# side in one run, on realistic records trees of N dossiers; every target
# of the issues, met or missed; and how each cost grows with N.
#
#   BENCH_N="1000 10000 100000"  sizes of the trees (1000000: ~25 min of
#                                generation at nice 10, ~30 GB; see
#                                RESULTS.md)
#   BENCH_RUNS=15                timed runs of a per-process figure
#   BENCH_TMP=/var/tmp           where the trees are made (the folder is
#                                made when missing, and left)
#   BENCH_PER_MONTH=1000         dossiers received a month (the reference
#                                centre: 880); N sets how many months
#   BENCH_DAYS=3                 days of 1,000 commits made on each tree
#                                (the "after a day" rows: their median)
#   BENCH_KEEP=                  1: keep each generated tree, and reuse a
#                                kept one, in $BENCH_TMP/hh-bench-keep/
#                                nN-pmPER_MONTH (BENCH_KEEPDIR= elsewhere);
#                                the rows run on a copy (hard links to the
#                                packs and files, which hh and git replace
#                                by rename, never rewrite), so the kept tree
#                                stays as generated.  Remove the folder to
#                                generate again.
#   BENCH_ROWS="report log check day intake"
#                                the groups of rows measured (the tree and
#                                the process floor always): to rerun some
#                                on kept trees, e.g. after a merge,
#                                BENCH_KEEP=1 BENCH_ROWS="log check day"
#
# The trees (tests/bench/gen.c) are the history hh makes, as one git
# fast-import stream: the library's own dossiers and steps, a tree whose
# history predates signing (its root is hh-init's commit without
# allowed_signers, as hh made before it signed, so hh-check checks no
# signature of it), then the commit that starts signing (hh-init
# --rotate-key), so every commit after is signed and hh-check finds the
# tree clean; then the commit-graph of the weekly line of hh(7)'s crontab (the
# commit-graph with changed-path Bloom filters; the tree is one pack
# already, as its git gc leaves it).  A "day" is 1,000 commits
# made by the commands (--batch, fsync on): 340 intakes, 330 routes, 165
# returns of a done result (2 commits each).  Medians are printed; on a
# shared VM compare ratios, not times.  hyperfine is used for the
# read-only commands when it is installed.
set -eu
export LC_ALL=C.UTF-8
TOP=$(pwd)
PATH="$TOP:$PATH"
N_LIST=${BENCH_N:-1000 10000 100000}
RUNS=${BENCH_RUNS:-15}
DAYS=${BENCH_DAYS:-3}
SEL=" ${BENCH_ROWS:-report log check day intake} "
TMPD=${BENCH_TMP:-/var/tmp}
# the folder named is made when missing (and left: it may be a mount)
mkdir -p "$TMPD"
KEEP=${BENCH_KEEP:-}
KEEPDIR=${BENCH_KEEPDIR:-$TMPD/hh-bench-keep}
W=$(mktemp -d "$TMPD/hh-bench.XXXXXX")
trap 'rm -rf "$W"' EXIT
unset HH_RECORDS HH_NOW HH_FSYNC HH_SHARE
export HH_ACTOR=lan
cp tests/bench/gen tests/bench/floor tests/bench/sigcost tests/bench/gitfloor \
    "$W"	# make bench
HF=$(command -v hyperfine || true)
# an instant as Vietnam's clock shows it (+07:00), whatever the machine's
# zone: vn EPOCH FORMAT
vn() { TZ=UTC-7 date -d "@$1" "$2" 2>/dev/null || TZ=UTC-7 date -r "$1" "$2"; }
ROWS=$W/rows VALS=$W/vals
: >"$ROWS"
: >"$VALS"
sel() { case $SEL in *" $1 "*) return 0;; esac; return 1; }

# row N MEASURE HH ALT-NAME ALT RATIO-NOTE: one line of the table
row() { printf '%s|%s|%s|%s|%s|%s\n' "$@" >>"$ROWS"; }
# val KEY N VALUE: a figure for the targets and the growth table
val() { printf '%s %s %s\n' "$1" "$2" "$3" >>"$VALS"; }
say() { printf '%s\n' "$*" >&2; }
now_ns() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ms() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", (b - a) / 1e6}'; }
# faster HH THAT: "Nx faster" or "Nx slower", hh against the other
faster() { awk -v a="$1" -v b="$2" 'BEGIN {if (a <= b) printf "%.1fx faster", b / a; else printf "%.1fx slower", a / b}'; }

# Median ms of RUNS runs of a command that changes the tree ($k: run).
time_loop() {
	k=0
	while [ $k -lt "$RUNS" ]; do
		t0=$(now_ns); eval "$1" >/dev/null; t1=$(now_ns)
		echo $(( (t1 - t0) / 1000 ))
		k=$((k + 1))
	done | median | awk '{printf "%.1f", $1 / 1000}'
}

# Ms of one run of a command.
time_once() {
	t0=$(now_ns); eval "$1" >/dev/null 2>&1 || true; t1=$(now_ns)
	ms "$t0" "$t1"
}

# Median ms of a read-only command (hyperfine if installed): runs, cmd.
time_ro() {
	if [ -n "$HF" ] && [ "$1" -ge 2 ]; then
		"$HF" -N -w 1 -r "$1" --export-json "$W/hf.json" "$2" \
		    >/dev/null 2>&1 || "$HF" -w 1 -r "$1" --export-json \
		    "$W/hf.json" "$2" >/dev/null
		jq '.results[0].median * 1000' "$W/hf.json" |
		    awk '{printf "%.1f", $1}'
	else
		RUNS=$1 time_loop "$2"
	fi
}

runs_for() {
	if [ "$1" -ge 1000000 ]; then echo 2
	elif [ "$1" -ge 100000 ]; then echo 3
	elif [ "$1" -ge 10000 ]; then echo 5
	else echo 10; fi
}

# The weekly line of hh(7)'s crontab, its folded lines joined, for tree $1.
WEEKLY=$(sed -n '/^\.\\" file crontab/,/^\.Ed/p' man/hh.7 |
    sed -e :a -e '/\\e$/{N;s/\\e\n//;ba' -e '}' |
    sed -n 's/^0 3 \* \* 0[[:blank:]]*//p')
weekly() { eval "$(printf '%s\n' "$WEEKLY" | sed "s,/srv/hh/records,'$1',g")"; }

# The tree's history made to predate signing: its root, hh-init's commit,
# again without allowed_signers (as hh made it before it signed), its key
# and git's signing configuration gone.
presign() {
	t=$(git -C "$1" ls-tree HEAD | grep -v '	allowed_signers$' |
	    git -C "$1" mktree)
	c=$(git -C "$1" log -1 --format=%B HEAD |
	    GIT_AUTHOR_NAME=$(git -C "$1" log -1 --format=%an) \
	    GIT_AUTHOR_EMAIL=$(git -C "$1" log -1 --format=%ae) \
	    GIT_AUTHOR_DATE=$(git -C "$1" log -1 --format=%ad --date=raw) \
	    GIT_COMMITTER_NAME=$(git -C "$1" log -1 --format=%cn) \
	    GIT_COMMITTER_EMAIL=$(git -C "$1" log -1 --format=%ce) \
	    GIT_COMMITTER_DATE=$(git -C "$1" log -1 --format=%cd --date=raw) \
	    git -C "$1" commit-tree "$t")
	git -C "$1" update-ref refs/heads/main "$c"
	# the history was replaced on purpose (hh-check(1))
	rm -f "$1/.git/hh/key" "$1/.git/hh/worktree" "$1/allowed_signers"
	git -C "$1" config --unset gpg.format || true
	git -C "$1" config --unset gpg.ssh.allowedsignersfile || true
}

# The commit that starts signing, at the instant $2: hh-init --rotate-key
# (the first commit that lists a key, signed by it).
start_signing() {
	HH_NOW=$(vn "$2" +%Y-%m-%dT%H:%M:%S+07:00) hh-init --actor admin \
	    --rotate-key "$1" >"$W/rotate.out" 2>&1 ||
	    { cat "$W/rotate.out" >&2; exit 1; }
	echo "hh-init --rotate-key"
}

# A records tree of n dossiers at DIR ending at END, received at PER_MONTH
# a month (a bigger n is more months, not fuller ones); the files written
# out; signing started; the weekly cron line run.  Its facts in DIR.meta.
PER_MONTH=${BENCH_PER_MONTH:-1000}
make_tree() {
	mt_n=$1 mt_r=$2
	end=$(( $(date +%s) - 3600 ))	# the generated history ends an hour ago
	days=$(( mt_n * 3044 / (PER_MONTH * 100) + 3 ))
	init=$(( end - days * 86400 ))
	# gen begins no earlier than 2000 (codes have two-digit years): a
	# bigger N fills the months beyond PER_MONTH
	[ "$init" -ge 946573200 ] || init=946573200	# 1999-12-31 00:00 +07:00
	rm -rf "$mt_r"
	HH_NOW=$(vn "$init" +%Y-%m-%dT%H:%M:%S+07:00) \
	    hh-init --actor admin "$mt_r" >/dev/null
	presign "$mt_r"
	t0=$(now_ns)
	# the history as one pack written by gen (tests/bench/pack.c): the
	# same commits as its fast-import stream, ten times faster
	head=$("$W/gen" --pack "$mt_n" "$mt_r" "$end" "$PER_MONTH" 2>"$W/gen.err") ||
	    { cat "$W/gen.err" >&2; exit 1; }
	git -C "$mt_r" update-ref refs/heads/main "$head"
	t1=$(now_ns)
	# the first locker writes the files out (unsynced: a benchmark)
	HH_FSYNC=0 hh-report -C "$mt_r" --no-cache >/dev/null
	t2=$(now_ns)
	how=$(start_signing "$mt_r" $((end + 60)))
	HH_FSYNC=0 hh-report -C "$mt_r" --no-cache >/dev/null
	t3=$(now_ns)
	# the weekly line's commit-graph; its git gc is left out: the tree is
	# one pack already, as gc leaves it (and gc would look for deltas of
	# every file gen stored whole: hours at 1M)
	git -C "$mt_r" commit-graph write --reachable --changed-paths
	t4=$(now_ns)
	{
		echo "end=$end"
		echo "init=$init"
		echo "made='$(date -u +%Y-%m-%dT%H:%MZ)'"
		echo "gen_s=$(ms "$t0" "$t1" | awk '{printf "%.0f", $1/1000}')"
		echo "out_s=$(ms "$t1" "$t2" | awk '{printf "%.0f", $1/1000}')"
		echo "weekly_s=$(ms "$t3" "$t4" | awk '{printf "%.0f", $1/1000}')"
		echo "signing='$how'"
	} >"$mt_r.meta"
}

# A copy of tree $1 at $2 for the rows to change: hard links to what is
# only ever replaced by a rename (the packs, the objects, the files on
# disk, the commit-graph), copies of what git and hh change in place
# (the configuration, refs and reflogs, .git/hh).
copy_tree() {
	rm -rf "$2"
	cp -al "$1" "$2"
	for f in config HEAD packed-refs description logs refs hh; do
		[ -e "$1/.git/$f" ] || continue
		rm -rf "${2:?}/.git/$f"
		cp -a "$1/.git/$f" "$2/.git/$f"
	done
	# git reads the tree's own allowed_signers (hh-check(1))
	if git -C "$2" config gpg.ssh.allowedsignersfile >/dev/null; then
		git -C "$2" config gpg.ssh.allowedsignersfile \
		    "$(cd "$2" && pwd -P)/allowed_signers"
	fi
}

# A day at the desk on tree $1: 1,000 commits by the commands, fsync on,
# with the clock: 340 intakes, 330 of them routed, 165 of those returned
# (done and returned, 2 commits each).  Prints the seconds it took.
DAYNO=0
make_day() {
	DAYNO=$((DAYNO + 1))
	i=0; while [ $i -lt 340 ]; do
		printf '{"procedure":"2.000815","applicant":"Ngày %d người %d","channel":"%s"}\n' \
		    "$DAYNO" $i "$([ $((i % 3)) = 0 ] && echo online || echo direct)"
		i=$((i + 1))
	done >"$W/day.jsonl"
	t0=$(now_ns)
	hh-intake -C "$1" --actor lan --batch "$W/day.jsonl" >"$W/day.codes"
	head -n 330 "$W/day.codes" |
	    sed 's/.*/{"code":"&","to":"tp","officer":"hoa"}/' >"$W/route.jsonl"
	hh-route -C "$1" --actor lan --batch "$W/route.jsonl" >/dev/null
	head -n 165 "$W/day.codes" | sed 's/.*/{"code":"&"}/' >"$W/ret.jsonl"
	hh-return -C "$1" --actor lan --batch "$W/ret.jsonl" >/dev/null
	t1=$(now_ns)
	ms "$t0" "$t1" | awk '{printf "%.1f\n", $1 / 1000}'
}

# gen --pack writes the commits of gen's fast-import stream: the same
# history, the same head, on a small tree made both ways
same_pack() {
	for m in stream pack; do
		HH_NOW=2026-01-05T07:00:00+07:00 hh-init --actor admin \
		    "$W/eq-$m" >/dev/null
		presign "$W/eq-$m"
	done
	e=$(date -d 2026-02-27T17:00:00+07:00 +%s 2>/dev/null || echo 1772186400)
	"$W/gen" 300 "$W/eq-stream" "$e" 300 2>/dev/null |
	    git -C "$W/eq-stream" fast-import --quiet
	git -C "$W/eq-pack" update-ref refs/heads/main \
	    "$("$W/gen" --pack 300 "$W/eq-pack" "$e" 300 2>/dev/null)"
	a=$(git -C "$W/eq-stream" rev-parse HEAD)
	b=$(git -C "$W/eq-pack" rev-parse HEAD)
	git -C "$W/eq-pack" fsck --no-dangling >/dev/null 2>&1 ||
	    b="$b (git fsck fails)"
	rm -rf "$W/eq-stream" "$W/eq-pack"
	row "-" "gen --pack against gen's stream through git fast-import, 300 dossiers: head" \
	    "$b" "fast-import" "$a" "$([ "$a" = "$b" ] && echo same || echo DIFFERENT)"
}
same_pack

FULL=
hh-check --help 2>&1 | grep -q -- --full && FULL=--full
JQ='reduce inputs as $d ({received:0, online:0, direct:0, resolved:0, early:0, on_time:0, late:0, open:0, within:0, overdue:0, waiting:0, withdrawn:0}; .received += 1 | (if $d.channel == "online" then .online += 1 else .direct += 1 end) | if $d.status == "withdrawn" then .withdrawn += 1 elif ($d.status == "resolved" or $d.status == "returned") then .resolved += 1 | .[$d.class] += 1 elif $d.status == "waiting_supplement" then .open += 1 | .waiting += 1 else .open += 1 | (if ($d.due_at | sub("\\+07:00$"; "Z") | fromdate) - 25200 >= $now then .within += 1 else .overdue += 1 end) end)'

for n in $N_LIST; do
	say "== $n dossiers"
	r=$W/r$n
	kept=
	if [ -n "$KEEP" ]; then
		k=$KEEPDIR/n$n-pm$PER_MONTH
		if [ -f "$k/tree.meta" ] && [ -d "$k/tree/.git" ]; then
			kept="kept, made $(. "$k/tree.meta"; echo "$made")"
			say "reusing $k/tree"
		else
			mkdir -p "$k"
			rm -f "$k/tree.meta"
			make_tree "$n" "$k/tree"
		fi
		copy_tree "$k/tree" "$r"
		cp "$k/tree.meta" "$r.meta"
	else
		make_tree "$n" "$r"
	fi
	. "$r.meta"
	NOW=$(vn "$end" +%Y-%m-%dT%H:%M:%S+07:00)
	FIRST=$(vn $(( init + 86400 )) +%Y-%m-%d)
	LAST=$(vn "$end" +%Y-%m-%d)
	ncommits=$(git -C "$r" rev-list --count HEAD)
	nmonth=$(ls "$r/dossiers/$(vn "$end" +%Y/%m)" | wc -l)
	row "$n" "tree: gen --pack / write-out / commit-graph --changed-paths (s); commits; this month's folder" \
	    "$gen_s / $out_s / $weekly_s" "${kept:-made in this run}" \
	    "$ncommits commits" "$nmonth files; signing started by $signing"
	val commits "$n" "$ncommits"
	runs=$(runs_for "$n")

	# the floor of every process: exec, libgit2's init, libsodium's
	say "floor"
	pf=$(RUNS=$RUNS time_loop "$W/gitfloor")
	row "$n" "process floor: exec + git_libgit2_init + exit (ms)" "$pf" \
	    "" "" "tests/bench/gitfloor: every hh command pays it"
	val pfloor "$n" "$pf"

	if sel report; then
	# the report over all dossiers, on the tree as generated
	say "report"
	rep="hh-report -C $r --from $FIRST --to $LAST --format json"
	export HH_NOW=$NOW
	scan=$(time_ro "$runs" "$rep --no-cache")
	jqc="find $r/dossiers -name '*.json' -exec cat {} + | jq -n --argjson now $end '$JQ'"
	if [ -n "$HF" ]; then
		"$HF" -w 1 -r "$runs" --export-json "$W/hf.json" "$jqc" \
		    >/dev/null 2>&1
		jqms=$(jq '.results[0].median * 1000' "$W/hf.json" |
		    awk '{printf "%.1f", $1}')
	else
		jqms=$(RUNS=$runs time_loop "$jqc")
	fi
	floor=$(time_ro "$runs" "$W/floor $r")
	t0=$(now_ns); $rep >"$W/rep.json"; t1=$(now_ns)
	cold=$(ms "$t0" "$t1")
	warm=$(time_ro 10 "$rep")
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
	    "jq one-liner" "$jqms" "$(faster "$scan" "$jqms") (counts agree: $agree)"
	row "$n" "report, no cache (ms)" "$scan" "per-file read floor (floor.c)" \
	    "$floor" "$(awk -v a="$scan" -v b="$floor" 'BEGIN {printf "%.2fx the floor", a / b}')"
	row "$n" "report from the summary cache: repeated (ms)" "$warm" \
	    "first run (makes the cache)" "$cold" \
	    "$(awk -v a="$warm" -v b="$floor" 'BEGIN {printf "%.2fx the floor", a / b}')"
	val scan "$n" "$scan"; val jq "$n" "$jqms"; val floor "$n" "$floor"
	val warm "$n" "$warm"; val cold "$n" "$cold"
	fi

	# hh-log of one dossier against git log, with and without git's
	# commit-graph (the weekly line's, with Bloom filters)
	code=$(git -C "$r" log --format=%s --grep='^Action: return' -n 1 \
	    --skip=$(( ncommits / 8 )) | sed 's/^return \([^:]*\):.*/\1/')
	path="dossiers/20$(echo "$code" | sed 's/.*-\(..\)\(..\)..-.*/\1\/\2/')/$code.json"
	if sel log; then
	say "log"
	lg1=$(time_once "hh-log -C $r $code")
	lg=$(time_ro "$runs" "hh-log -C $r $code")
	gl0=$(time_ro "$runs" "git -C $r -c core.commitGraph=false log --format=%H -- $path")
	gl=$(time_ro "$runs" "git -C $r log --format=%H -- $path")
	gp0=$(time_ro "$runs" "git -C $r -c core.commitGraph=false log -p -- $path")
	gp=$(time_ro "$runs" "git -C $r log -p -- $path")
	best=$(awk -v a="$gl0" -v b="$gl" 'BEGIN {print (a < b ? a : b)}')
	row "$n" "hh-log of one dossier, repeated (ms)" "$lg" \
	    "git log --format=%H -- file, no commit-graph" "$gl0" \
	    "$(faster "$lg" "$gl0")"
	row "$n" "hh-log of one dossier, repeated (ms)" "$lg" \
	    "git log --format=%H -- file, commit-graph + Bloom (weekly line)" \
	    "$gl" "$(faster "$lg" "$gl")"
	row "$n" "hh-log of one dossier, the first ever (ms)" "$lg1" "" "" \
	    "one run (an index of hh-log's is made here, if it has one)"
	row "$n" "git log -p -- file, commit-graph + Bloom (weekly line) (ms)" \
	    "$gp" "git log -p -- file, no commit-graph" "$gp0" \
	    "$(awk -v a="$gp" -v b="$gp0" 'BEGIN {printf "%.1fx faster with the graph", b / a}')"
	val log "$n" "$lg"; val log1 "$n" "$lg1"; val gitlog0 "$n" "$gl0"
	val gitlog "$n" "$gl"; val gitbest "$n" "$best"; val gitp "$n" "$gp"
	val gitp0 "$n" "$gp0"
	fi

	# hh-check over the whole history (one run: it is long)
	if sel check; then
	say "check"
	t0=$(now_ns); hh-check -C "$r" $FULL --quiet >"$W/check.out" 2>&1 || true
	t1=$(now_ns)
	ck=$(ms "$t0" "$t1")
	nf=$(grep -c . "$W/check.out" || true)
	row "$n" "hh-check ${FULL:-(whole history)}, $ncommits commits (ms)" \
	    "$ck" "findings" "$nf" \
	    "$(awk -v a="$ck" -v c="$ncommits" 'BEGIN {printf "%.0f commits/s, %.1f s per 100k", c / (a / 1000), a / c * 100}')"
	val check "$n" "$ck"; val checkf "$n" "$nf"
	fi

	# days of 1,000 commits, and what the first command after each costs
	if sel day; then
	say "days"
	d=0
	: >"$W/d.day"; : >"$W/d.log"; : >"$W/d.rep"; : >"$W/d.ck"
	: >"$W/d.ckf"
	while [ $d -lt "$DAYS" ]; do
		c0=$(git -C "$r" rev-list --count HEAD)
		make_day "$r" >>"$W/d.day"
		c1=$(git -C "$r" rev-list --count HEAD)
		[ $((c1 - c0)) = 1000 ] || say "a day made $((c1 - c0)) commits"
		if sel log; then
			time_once "hh-log -C $r $code" >>"$W/d.log"; echo >>"$W/d.log"
		fi
		if sel report; then
			time_once "hh-report -C $r --from $FIRST --to $(vn "$(date +%s)" +%Y-%m-%d) --format json" >>"$W/d.rep"
			echo >>"$W/d.rep"
		fi
		if sel check && { [ -n "$FULL" ] || [ "$n" -lt 1000000 ]; }; then
			t0=$(now_ns)
			hh-check -C "$r" --quiet >"$W/check.out" 2>&1 || true
			t1=$(now_ns)
			ms "$t0" "$t1" >>"$W/d.ck"; echo >>"$W/d.ck"
			grep -c . "$W/check.out" >>"$W/d.ckf" || true
		fi
		d=$((d + 1))
	done
	dd=$(median <"$W/d.day")
	row "$n" "a day: 1,000 commits by hh-intake/route/return --batch, fsync on (s)" \
	    "$dd" "" "" "median of $DAYS days"
	if [ -s "$W/d.log" ]; then
		dl=$(median <"$W/d.log")
		row "$n" "hh-log of one dossier, the first after a day (ms)" \
		    "$dl" "" "" "median of $DAYS days"
		val logday "$n" "$dl"
	fi
	if [ -s "$W/d.rep" ]; then
		dr=$(median <"$W/d.rep")
		row "$n" "report, the first after a day (ms)" "$dr" "" "" \
		    "median of $DAYS days"
		val repday "$n" "$dr"
	fi
	if [ -s "$W/d.ck" ]; then
		dc=$(median <"$W/d.ck")
		row "$n" "hh-check after a day, the night's check (ms)" "$dc" \
		    "findings" "$(sort -n "$W/d.ckf" | tail -1)" \
		    "$([ -n "$FULL" ] && echo "the commits since .git/hh/verified" || echo "this build checks the whole history: no --full")"
		val checkday "$n" "$dc"
	elif sel check; then
		row "$n" "hh-check after a day, the night's check (ms)" "-" "" "" \
		    "not run: this build checks the whole history (no --full)"
	fi
	fi

	if sel intake; then
	# per-process intake against git add && git commit on a copy of the
	# same tree whose index was built beforehand
	say "intake"
	g=$W/g$n
	copy_tree "$r" "$g"
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
	    "$(faster "$ms_in" "$ms_git")"
	row "$n" "hh-intake, one process, HH_FSYNC=0 (ms)" "$ms_in0" \
	    "process floor (gitfloor)" "$pf" \
	    "$(awk -v a="$ms_in0" -v b="$pf" 'BEGIN {printf "%.1f ms above the floor", a - b}')"
	val intake "$n" "$ms_in"; val intake0 "$n" "$ms_in0"; val git "$n" "$ms_git"

	# route and return of those dossiers, one process a step
	say "route, return"
	ls "$r/$month" | sed -n "s/^\(.*-$(TZ=UTC-7 date +%y%m%d)-.*\)\.json$/\1/p" |
	    tail -n "$RUNS" >"$W/codes"
	ms_r=$(time_loop 'c=$(sed -n "$((k + 1))p" "$W/codes"); hh-route -C "$r" --actor lan "$c" --to tp --officer hoa')
	ms_ret=$(time_loop 'c=$(sed -n "$((k + 1))p" "$W/codes"); hh-return -C "$r" --actor lan "$c"')
	row "$n" "hh-route --to, one process (ms)" "$ms_r" "" "" "1 commit"
	row "$n" "hh-return of a processing dossier (ms)" "$ms_ret" "" "" \
	    "2 commits (done, return)"
	val route "$n" "$ms_r"; val ret "$n" "$ms_ret"

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
	val batch "$n" "$rate"

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
	fi
	rm -rf "$r" "$r.meta"
done

# what a signature costs: one at every commit, one check at every commit
# hh-check reads (the generated history predates signing: hh-check
# verifies only the commits from the signing start on; its figure with
# every commit signed adds the verification)
set -- $("$W/sigcost")
sign_us=$1 verify_us=$2
row "-" "Ed25519 SSH signature of one commit: sign / verify (us)" \
    "$sign_us / $verify_us" "" "" \
    "$(awk -v v="$verify_us" 'BEGIN {printf "+%.1f s per 100k commits checked", v / 10}')"
val sign - "$sign_us"; val verify - "$verify_us"

{
	echo "| N | measure | hh | compared with | that | ratio / note |"
	echo "|---|---|---|---|---|---|"
	sed 's/|/ | /g; s/^/| /; s/$/ |/' "$ROWS"
	echo
	echo "Targets (at the largest N measured, or the N the target names; met or missed in this run):"
	echo
	awk -v list="$N_LIST" -v full="$FULL" '
	{ v[$1, $2] = $3; has[$1, $2] = 1 }
	function at(k, n) { return has[k, n] ? v[k, n] : "" }
	# the largest N with a figure for key k (or "")
	function big(k,   i, m) { m = ""; for (i = 1; i <= nn; i++) if (has[k, ns[i]]) m = ns[i]; return m }
	function small(k,   i) { for (i = 1; i <= nn; i++) if (has[k, ns[i]]) return ns[i]; return "" }
	function mark(ok) { return ok ? "met" : "MISSED" }
	# at 100k if measured, else the largest
	function pref(k) { return has[k, 100000] ? 100000 : big(k) }
	END {
		nn = split(list, ns, " ")
		if ((n = big("log")) != "") {
			x = at("log", n); printf "- hh-log of one dossier, repeated, at %d: %.1f ms (target < 20 ms): %s\n", n, x, mark(x < 20)
			y = at("gitbest", n); printf "- hh-log vs git log -- file at its best (%s, with or without Bloom filters) at %d: %.1fx faster (target >= 18x): %s\n", y, n, y / x, mark(y / x >= 18)
			printf "- git log -p -- file at %d: %.0f ms with the weekly line'"'"'s commit-graph, %.0f ms without (%.1fx)\n", n, at("gitp", n), at("gitp0", n), at("gitp0", n) / at("gitp", n)
		}
		if ((n = big("logday")) != "") {
			x = at("logday", n); printf "- hh-log, the first after a day of 1,000 commits, at %d: %.1f ms (target < 100 ms): %s\n", n, x, mark(x < 100)
		}
		if ((n = big("check")) != "") {
			x = at("check", n) / at("commits", n) * 100; printf "- hh-check %s at %d: %.1f s per 100k commits (%d commits in %.0f s, %d findings; target < 30 s): %s\n", (full != "" ? full : "(whole history)"), n, x, at("commits", n), at("check", n) / 1000, at("checkf", n), mark(x < 30)
			s = x + v["verify", "-"] / 10
			printf "- ... with every commit signed (%.0f us of verification a commit more): %.1f s per 100k (target < 2x without signatures): %s\n", v["verify", "-"], s, mark(s < 2 * x)
		}
		if ((n = pref("checkday")) != "") {
			x = at("checkday", n); printf "- the night'"'"'s hh-check after a day of 1,000 commits, at %d: %.0f ms (target < 2 s)%s: %s\n", n, x, (full != "" ? "" : ", the whole history in this build"), mark(x < 2000)
		}
		if ((n = big("warm")) != "") {
			x = at("warm", n)
			if (n >= 1000000)
				printf "- repeated report from the summary cache at %d: %.0f ms (target < 100 ms at 1M): %s\n", n, x, mark(x < 100)
			else
				printf "- repeated report from the summary cache at 1M: not measured (BENCH_N=1000000); at %d: %.0f ms (target < 100 ms at 1M)\n", n, x
			x = at("scan", n); y = at("jq", n); printf "- report without a cache vs the jq one-liner at %d: %.1fx faster (target >= 10x): %s\n", n, y / x, mark(y / x >= 10)
			y = at("floor", n); printf "- report without a cache vs the per-file read floor at %d: %.2fx (target <= 2x): %s\n", n, x / y, mark(x / y <= 2)
		}
		if ((n = big("repday")) != "") {
			x = at("repday", n); printf "- report, the first after a day of 1,000 commits, at %d: %.0f ms (target < 300 ms): %s\n", n, x, mark(x < 300)
		}
		if ((n = pref("intake")) != "") {
			x = at("intake", n); printf "- hh-intake, one process, fsync on, at %d: %.1f ms (target < 20 ms; the process floor: %.1f ms): %s\n", n, x, at("pfloor", n), mark(x < 20)
			f = small("intake"); b = big("intake")
			r = at("intake", b) / at("intake", f); printf "- intake at %d / at %d: %.2f (target <= 1.3): %s\n", b, f, r, mark(r <= 1.3)
			r = at("git", n) / x; printf "- git add+commit / hh-intake at %d: %.1fx (target >= 10x): %s\n", n, r, mark(r >= 10)
			x = at("batch", n); printf "- batch intake at %d, fsync on: %d dossiers/s (target >= 100/s): %s\n", n, x, mark(x >= 100)
			printf "- signing at every commit: %.3f ms of the intake\n", v["sign", "-"] / 1000
		}
	}' "$VALS"
	echo
	echo "Growth: the cost of one operation at each N (ms unless said; \"-\" not measured);"
	echo "last / first: flat within 1.5x."
	echo
	awk -v list="$N_LIST" '
	{ v[$1, $2] = $3; has[$1, $2] = 1 }
	END {
		nn = split(list, ns, " ")
		nk = split("pfloor intake intake0 route ret batch log log1 logday gitlog0 gitlog gitp0 gitp check checkday warm cold repday scan floor jq", ks, " ")
		d["pfloor"] = "process floor (gitfloor)"; d["intake"] = "hh-intake, fsync on"
		d["intake0"] = "hh-intake, HH_FSYNC=0"; d["route"] = "hh-route --to"
		d["ret"] = "hh-return (2 commits)"; d["batch"] = "hh-intake --batch (dossiers/s)"
		d["log"] = "hh-log, repeated"; d["log1"] = "hh-log, the first ever"
		d["logday"] = "hh-log, the first after a day"; d["gitlog0"] = "git log -- file, no graph"
		d["gitlog"] = "git log -- file, graph + Bloom"; d["gitp0"] = "git log -p -- file, no graph"
		d["gitp"] = "git log -p -- file, graph + Bloom"; d["check"] = "hh-check, whole history (us a commit)"
		d["checkday"] = "hh-check after a day"; d["warm"] = "report from the cache, repeated"
		d["cold"] = "report, the first (makes the cache)"; d["repday"] = "report, the first after a day"
		d["scan"] = "report, no cache (us a dossier)"; d["floor"] = "per-file read floor (us a file)"
		d["jq"] = "jq one-liner (us a dossier)"
		printf "| operation |"; for (i = 1; i <= nn; i++) printf " %s |", ns[i]; print " last / first |"
		printf "|---|"; for (i = 1; i <= nn; i++) printf "---|"; print "---|"
		for (j = 1; j <= nk; j++) {
			k = ks[j]; f = ""; l = ""; line = "| " d[k] " |"; any = 0
			for (i = 1; i <= nn; i++) {
				n = ns[i]
				if (!has[k, n]) { line = line " - |"; continue }
				x = v[k, n]
				if (k == "check") x = x * 1000 / v["commits", n]
				else if (k == "scan" || k == "floor" || k == "jq") x = x * 1000 / n
				line = line sprintf(" %.1f |", x); any = 1
				if (f == "") f = x; l = x
			}
			if (!any) continue
			r = f > 0 ? l / f : 0
			print line sprintf(" %.2f%s |", r, (r <= 1.5 && r >= 0.67) ? " flat" : (r > 1.5 ? " grows" : " falls"))
		}
	}' "$VALS"
	echo
	echo "Notes: medians of $RUNS runs a per-process figure, of $(runs_for "$(echo "$N_LIST" | awk '{print $NF}')")-10 runs a read-only one"
	echo "(shell timing, fork of date included on both sides${HF:+; hyperfine for the read-only ones});"
	echo "one run for hh-check, the first hh-log and the first report; a day's figures are medians of $DAYS days."
	echo "The report is \`hh-report --from FIRST --to LAST --format json\` (HH_NOW fixed); the jq one-liner is"
	echo "\`find DIR/dossiers -name '*.json' -exec cat {} + | jq -n --argjson now EPOCH '$JQ'\`."
	echo "git add && git commit runs on a copy of the same tree with its index built beforehand; git does not fsync."
	echo "\"No commit-graph\" is git -c core.commitGraph=false; the graph is the weekly line's: $WEEKLY"
}
