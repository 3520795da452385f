#!/bin/sh
# bench.sh - make bench: hh against what users would use instead, side by
# side in one run.  BENCH_N="1000 10000 100000" (sizes of the stored tree),
# BENCH_RUNS=20 (timed runs per figure; medians are printed).
set -eu
export LC_ALL=C.UTF-8
TOP=$(pwd)
PATH="$TOP:$PATH"
N_LIST=${BENCH_N:-1000 10000 100000}
RUNS=${BENCH_RUNS:-20}
W=$(mktemp -d "${TMPDIR:-/var/tmp}/hh-bench.XXXXXX")
trap 'rm -rf "$W"' EXIT
unset HH_RECORDS HH_NOW HH_FSYNC HH_SHARE
export HH_ACTOR=lan
AG=000.00.21.H54
cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -o "$W/gen" tests/bench/gen.c

now_ns() { date +%s%N; }
# median of the numbers on stdin
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# A records tree of n dossiers (fast path: gen.c + git fast-import).
make_tree() {
	r=$W/r$1
	HH_NOW=2014-01-01T07:00:00+07:00 hh-init --actor admin "$r" >/dev/null
	"$W/gen" "$1" "$AG" "$(git -C "$r" rev-parse HEAD)" |
	    git -C "$r" fast-import --quiet
	# the first writer brings the files on disk up to HEAD
	hh-intake -C "$r" --procedure 2.000815 --applicant "Khởi động" >/dev/null
}

# ms per run of a command, median of RUNS
time_cmd() {
	i=0
	while [ $i -lt "$RUNS" ]; do
		t0=$(now_ns); eval "$1" >/dev/null; t1=$(now_ns)
		echo $(( (t1 - t0) / 1000 ))
		i=$((i + 1))
	done | median | awk '{printf "%.1f", $1 / 1000}'
}

printf '%-44s %10s %12s\n' "measure" "N" "median"
for n in $N_LIST; do
	t0=$(now_ns); make_tree "$n"; t1=$(now_ns)
	printf '%-44s %10s %10.1f s\n' "build tree (gen + fast-import + export)" \
	    "$n" "$(echo "$t0 $t1" | awk '{print ($2-$1)/1e9}')"
	r=$W/r$n
	ms=$(time_cmd "hh-intake -C '$r' --procedure 2.000815 --applicant 'Người Đo'")
	eval "intake_$n=$ms"
	printf '%-44s %10s %9s ms\n' "hh-intake, one process (fsync on)" "$n" "$ms"
	ms=$(HH_FSYNC=0 time_cmd "hh-intake -C '$r' --procedure 2.000815 --applicant 'Người Đo'")
	printf '%-44s %10s %9s ms\n' "hh-intake, one process (HH_FSYNC=0)" "$n" "$ms"
	# batch throughput, fsync on
	i=0; while [ $i -lt 200 ]; do
		printf '{"procedure":"2.000815","applicant":"Lô %d"}\n' $i; i=$((i + 1))
	done >"$W/batch.jsonl"
	t0=$(now_ns); hh-intake -C "$r" --batch "$W/batch.jsonl" >/dev/null; t1=$(now_ns)
	rate=$(echo "$t0 $t1" | awk '{printf "%.0f", 200 / (($2-$1)/1e9)}')
	eval "batch_$n=$rate"
	printf '%-44s %10s %8s /s\n' "hh-intake --batch 200 (fsync on)" "$n" "$rate"
	last=$n
done

# git add && git commit on a copy of the largest tree, with its index
r=$W/r$last
cp -a "$r" "$W/git"
git -C "$W/git" config core.bare false
git -C "$W/git" read-tree HEAD
git -C "$W/git" config user.name bench && git -C "$W/git" config user.email b@example.vn
mkdir -p "$W/git/dossiers/2026/11"
k=0
gitms=$(time_cmd "k=\$((k + 1)); cp '$r/center.json' '$W/git/dossiers/2026/11/x'\$\$-\$k.json; git -C '$W/git' add dossiers/2026/11/x\$\$-\$k.json && git -C '$W/git' commit -q -m x")
printf '%-44s %10s %9s ms\n' "git add && git commit (index, no fsync)" "$last" "$gitms"

echo
first=$(echo "$N_LIST" | awk '{print $1}')
eval "a=\$intake_$first; b=\$intake_$last; rate=\$batch_$last"
awk -v a="$a" -v b="$b" -v g="$gitms" -v rate="$rate" -v f="$first" -v l="$last" 'BEGIN {
	r = b / a; s = g / b
	printf "intake at %d / at %d: %.2f (target <= 1.3: %s)\n", l, f, r, (r <= 1.3 ? "met" : "MISSED")
	printf "git add+commit / hh-intake at %d: %.1fx (target >= 10x: %s)\n", l, s, (s >= 10 ? "met" : "MISSED")
	printf "batch intake at %d: %d dossiers/s (target >= 100/s: %s)\n", l, rate, (rate >= 100 ? "met" : "MISSED")
}'
