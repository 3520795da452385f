# lib.sh - TAP helpers for the end-to-end tests; sourced by tests/cli/*.sh.
# Run from the project root (make check does): the binaries are ./hh-*.
set -eu
export LC_ALL=C.UTF-8
for v in $(env | sed -n 's/^\(HH_[A-Z_]*\)=.*/\1/p'); do unset "$v"; done
TOP=$(pwd)
PATH="$TOP:$PATH"
T=$(mktemp -d "${TMPDIR:-/tmp}/hh-test.XXXXXX")
export HOME="$T"
export GIT_CONFIG_NOSYSTEM=1
ntest=0
nfail=0

# The plan is binding: a script fails when the number of tests it ran is
# not the number it planned, said in one line "# planned N, ran M", at
# done_testing or, if it never gets there (it died or exited early), when
# it exits.  A test that is not run is still counted: "ok N # SKIP why"
# (skip).  A script whose number of tests depends on the system computes
# its plan, it does not leave it out.
tap_plan='' tap_checked='' tap_todo='' tap_atexit=''
plan() { tap_plan=$1; echo "1..$1"; }
ok() {
	ntest=$((ntest + 1))
	echo "ok $ntest - $1${tap_todo:+ # TODO $tap_todo}"
}
notok() {
	ntest=$((ntest + 1))
	[ -n "$tap_todo" ] || nfail=$((nfail + 1))
	echo "not ok $ntest - $1${tap_todo:+ # TODO $tap_todo}"
}
# skip N WHY: N tests not run, each "ok N # SKIP WHY"
skip() {
	tap_i=0
	while [ "$tap_i" -lt "$1" ]; do
		ntest=$((ntest + 1)); echo "ok $ntest # SKIP $2"
		tap_i=$((tap_i + 1))
	done
}
# todo WHY CHECK...: a check (check, check_eq, ... or ok/notok) known to
# fail for WHY: "not ok N - DESC # TODO WHY", which does not fail the
# script ("ok N - DESC # TODO WHY" once it passes: time to drop the todo)
todo() { tap_todo=$1; shift; "$@"; tap_todo=''; }
# at_exit CMD: run CMD when the script exits, before its folder $T is
# removed (the last registered first); instead of a trap on EXIT, which
# would replace the plan's check.
at_exit() { tap_atexit="$1${tap_atexit:+; $tap_atexit}"; }

# the plan and the failures, once for the tests run so far: 1 if wrong
tap_check() {
	tap_checked=$ntest tap_bad=0
	if [ -z "$tap_plan" ]; then
		echo "# no plan, ran $ntest"; tap_bad=1
	elif [ "$tap_plan" != "$ntest" ]; then
		echo "# planned $tap_plan, ran $ntest"; tap_bad=1
	fi
	[ "$nfail" = 0 ] || { echo "# $nfail of $ntest failed"; tap_bad=1; }
	return $tap_bad
}
tap_exit() {
	tap_st=$?
	set +e
	if [ "$tap_checked" != "$ntest" ] && ! tap_check &&
	    [ "$tap_st" = 0 ]; then tap_st=1; fi
	eval "$tap_atexit"
	rm -rf "$T"
	exit "$tap_st"
}
trap tap_exit EXIT
# killed, or its reader gone (| head): the EXIT trap still cleans up, so
# that no background writer of a test outlives it (a closed pipe is then
# ignored, not a signal again)
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'trap "" PIPE; exit 141' PIPE

# check DESC CMD...: CMD succeeds
check() {
	d=$1; shift
	if ( eval "$@" ) >"$T/out" 2>"$T/err"; then ok "$d"; else
		notok "$d"; sed 's/^/#   /' "$T/err" | head -5; fi
}

# check_eq DESC EXPECTED ACTUAL
check_eq() {
	if [ "$2" = "$3" ]; then ok "$1"; else
		notok "$1"
		printf '#   expected: %s\n#   got:      %s\n' "$2" "$3"
	fi
}

# check_fail DESC STATUS ERRTEXT CMD...: CMD exits STATUS, stderr is one
# line containing ERRTEXT, and the records tree $R gained no commit.
check_fail() {
	d=$1; want=$2; text=$3; shift 3
	before=$(git -C "$R" rev-parse HEAD 2>/dev/null || echo none)
	st=0; ( eval "$@" ) >"$T/out" 2>"$T/err" || st=$?
	after=$(git -C "$R" rev-parse HEAD 2>/dev/null || echo none)
	lines=$(wc -l <"$T/err")
	if [ "$st" = "$want" ] && [ "$before" = "$after" ] &&
	    { [ "$want" = 2 ] || [ "$lines" = 1 ]; } &&
	    grep -qF -- "$text" "$T/err"; then ok "$d"; else
		notok "$d"
		printf '#   status %s (want %s), %s stderr lines, HEAD %s\n' \
		    "$st" "$want" "$lines" \
		    "$([ "$before" = "$after" ] && echo same || echo moved)"
		sed 's/^/#   /' "$T/err" | head -3
	fi
}

done_testing() { tap_check || exit 1; }

# A share dir with the test centre, the shipped calendar and the test
# procedures, and a records tree made from it in $R.  The tree is created
# on 2015-01-05 (whatever $HH_NOW says), before every event of the tests:
# no step may be dated before the tree's first commit.  The test centre
# migrates its paper records (center.json backdate_working_days 100000):
# a test's desk clerk may enter a step of 2016 with the clock of today;
# 6750-backdate tests the rule on a centre of its own.
fixture_tree() {
	mkdir -p "$T/share/records" "$T/share/procedures"
	cp "$TOP/tests/fixtures/center.json" "$T/share/records/"
	cp "$TOP/records/calendar" "$T/share/records/"
	cp "$TOP"/tests/fixtures/procedures/*.json "$T/share/procedures/"
	export HH_SHARE="$T/share"
	R="$T/records"
	HH_NOW=2015-01-05T07:00:00+07:00 hh-init "$R" >/dev/null
}

# The JSON value at a jq path of a dossier file.
jqd() { jq -r "$2" "$(find "$R/dossiers" -name "$1.json")"; }

# plain_commit PATH FILE MSG: commit FILE's content at PATH of $R with
# plain git, beside hh (no index of the tree, no hook): what a login that
# may write the repository could do.
plain_commit() {
	GIT_INDEX_FILE=$T/index git --git-dir="$R/.git" read-tree HEAD
	GIT_INDEX_FILE=$T/index git --git-dir="$R/.git" update-index --add \
	    --cacheinfo "100644,$(git --git-dir="$R/.git" hash-object -w "$2"),$1"
	git --git-dir="$R/.git" update-ref refs/heads/main "$(echo "$3" |
	    GIT_AUTHOR_NAME=git GIT_AUTHOR_EMAIL=git@example.vn \
	    GIT_COMMITTER_NAME=git GIT_COMMITTER_EMAIL=git@example.vn \
	    git --git-dir="$R/.git" commit-tree \
	    "$(GIT_INDEX_FILE=$T/index git --git-dir="$R/.git" write-tree)" -p HEAD)"
	rm -f "$T/index"
}

# gen_tree DIR N: a records tree at DIR of N dossiers made by the bench's
# generator (tests/bench/gen, 125 a month), received from 2023-06-01 up
# to $HH_NOW.
gen_tree() {
	HH_NOW=2023-06-01T08:00:00+07:00 hh-init --actor admin "$1" >/dev/null
	tests/bench/gen "$2" "$1" "$(date -d "$HH_NOW" +%s)" 125 2>/dev/null |
	    git -C "$1" fast-import --quiet
}
