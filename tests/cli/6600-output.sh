# 6600-output.sh - output is never an attack (issue "Every figure provable"
# §5): CSV cells a spreadsheet would run are written as text, what a
# terminal would act on is shown escaped in every text output, names
# refuse invisible characters, and no JSON hh reads may give a key twice.
. tests/cli/lib.sh
plan 17
export HH_NOW=2026-11-30T17:00:00+07:00 HH_FSYNC=0
fixture_tree
ESC=$(printf '\033')
# raw ESC, BEL or CR in a file: the attack got through
# (a CR is one only before something else than the line end: CSV's CRLF)
raw() { LC_ALL=C grep -cE "$(printf '[\033\007]|\r.')" "$1" || true; }

# online applicants are the public: two formulas, both overdue by now
f1='=HYPERLINK("http://evil.example","x")'
f2="-2+3+cmd|' /C calc'!A0"
for a in "$f1" "$f2" "@SUM(A1)" "+1"; do
	hh-intake -C "$R" --actor lan --at 2026-11-02T08:00 --procedure T-HT03 \
	    --channel online --applicant "$a" >/dev/null
done
hh-report -C "$R" --overdue --with-applicant --format csv >"$T/o.csv"
check_eq "CSV: a cell starting with = is text" 1 \
    "$(grep -cF "'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")" "$T/o.csv")"
check_eq "... so are - @ and +" 3 \
    "$(grep -cE "(^|,)\"?'[-@+]" "$T/o.csv")"
check_eq "... and no cell starts with one unguarded" 0 \
    "$(tr ',' '\n' <"$T/o.csv" | grep -cE '^"?[-=+@]' || true)"

check_fail "a name with a right-to-left override is refused" 1 \
    "applicant: contains a bidirectional control or zero-width character" \
    hh-intake -C "$R" --actor lan --procedure T-HT03 \
    --applicant "\"$(printf 'An\342\200\256gpj.exe')\""
check_fail "... and one with a zero-width space" 1 \
    "applicant: contains a bidirectional control or zero-width character" \
    hh-intake -C "$R" --actor lan --procedure T-HT03 \
    --applicant "\"$(printf 'A\342\200\213n')\""

# a forged commit, plain git: ESC, OSC 52 (the clipboard), BEL and CR in
# the author, in a trailer and in a dossier's applicant name
c=$(hh-intake -C "$R" --actor lan --at 2026-11-03T08:00 --procedure T-HT03 \
    --applicant "Người Thử")
f=$(cd "$R" && find dossiers -name "$c.json")
jq --tab --arg n "$(printf 'X\033[2J\033]52;c;ZXZpbA==\007\rY')" \
    '.applicant.name = $n' "$R/$f" >"$T/forged.json"
GIT_INDEX_FILE=$T/index git --git-dir="$R/.git" read-tree HEAD
GIT_INDEX_FILE=$T/index git --git-dir="$R/.git" update-index --add \
    --cacheinfo "100644,$(git --git-dir="$R/.git" hash-object -w "$T/forged.json"),$f"
git --git-dir="$R/.git" update-ref refs/heads/main "$(printf 'route\n\nAction: route%s[2J\nDossier: %s\n' "$ESC" "$c" |
    GIT_AUTHOR_NAME="$(printf 'Lan\033[1A\033[2K')" GIT_AUTHOR_EMAIL=lan@example.vn \
    GIT_COMMITTER_NAME=git GIT_COMMITTER_EMAIL=git@example.vn \
    git --git-dir="$R/.git" commit-tree \
    "$(GIT_INDEX_FILE=$T/index git --git-dir="$R/.git" write-tree)" -p HEAD)"
rm -f "$T/index"

hh-log -C "$R" "$c" >"$T/log" 2>&1 || true
check_eq "hh-log prints no raw ESC, BEL or CR" 0 "$(raw "$T/log")"
check "... but shows them escaped" grep -qF "'Lan\\x1b[1A\\x1b[2K'" "$T/log"
hh-log -C "$R" --json "$c" >"$T/log.json" 2>&1 || true
check_eq "hh-log --json neither" 0 "$(raw "$T/log.json")"
check "... and jq reads it" jq -e . "$T/log.json"
hh-check -C "$R" >"$T/check" 2>&1 || true
check_eq "hh-check prints no raw ESC, BEL or CR" 0 "$(raw "$T/check")"
check "... but names the forged author, escaped" \
    grep -qF "'author Lan\x1b[1A\x1b[2K <lan@example.vn> is not a staff member'" \
    "$T/check"
hh-report -C "$R" --list >"$T/list" 2>&1 || true
hh-report -C "$R" --list --format csv >>"$T/list" 2>&1 || true
hh-report -C "$R" --list --format html >>"$T/list" 2>&1 || true
hh-report -C "$R" --overdue --with-applicant >>"$T/list" 2>&1 || true
check_eq "reports and lists (text, CSV, HTML) print none" 0 "$(raw "$T/list")"
hh-report -C "$R" --list --format json >"$T/list.json" 2>&1 || true
check "JSON lists escape them" "! LC_ALL=C grep -q '$ESC' '$T/list.json'"
hh-log -C "$R" --form "$c" >"$T/form" 2>&1 || true
check_eq "a printed form neither" 0 "$(raw "$T/form")"
check_fail "an error message quoting an argument neither" 1 "\\x1b]52" \
    hh-report -C "$R" --month "\"$(printf '\033]52;c;eA==\007')\""

# a key given twice: hh would read the first, jq the last
jq '.' "$R/center.json" | sed '0,/"role": "desk"/s//"role": "admin", "role": "desk"/' \
    >"$T/center.json"
plain_commit center.json "$T/center.json" "hidden admin"
check "hh-check reports a center.json that gives a key twice" \
    "hh-check -C '$R' | grep -q 'staff\\[0\\]: key \"role\" given twice'"
check_fail "... and the tools refuse to work on it, saying where" 1 \
    'center.json: staff[0]: key "role" given twice' \
    hh-intake -C "$R" --actor lan --procedure T-HT03 --applicant X
done_testing
