#!/bin/sh
# cmd/hh.bash-completion in a real bash: options, procedure codes,
# department, staff and procedure ids from hh-init --list (HEAD's) or,
# without hh-init, from center.json (with jq and without), and the codes
# of open dossiers.
. tests/cli/lib.sh
plan 29
fixture_tree
export HH_NOW=2016-09-05T10:00:00+07:00
P=000.00.21.H54

# comp WORD... : the replies, sorted, on one line, for the command line
# WORD... whose last word is the one being completed.
comp() {
	TOP=$TOP bash -c '
		source "$TOP/cmd/hh.bash-completion"
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		_hh_complete "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}"
		printf "%s\n" "${COMPREPLY[@]}"
	' bash "$@" | sed '/^$/d' | sort | paste -sd' ' -
}

for a in A B C; do
	hh-intake -C "$R" --actor lan --procedure T-CT00 --applicant "Người $a" \
	    --at 2016-09-05T08:00 >>"$T/codes"
done
hh-intake -C "$R" --actor lan --procedure T-CT00 --applicant "Người D" \
    --at 2016-08-30T08:00 >>"$T/codes"
c1=$(sed -n 1p "$T/codes"); c2=$(sed -n 2p "$T/codes")
c3=$(sed -n 3p "$T/codes"); c4=$(sed -n 4p "$T/codes")
hh-return -C "$R" --actor lan "$c2" --withdraw --reason test >/dev/null

check_eq "options of hh-intake" "--procedure" "$(comp hh-intake --proc)"
check_eq "options of hh-route" "--days --delay --document --done --dry-run" \
    "$(comp hh-route --d)"
check_eq "-C is a directory" "$R" "$(comp hh-intake -C "$T/rec")"
check_eq "procedure codes from -C" "T-HT03 T-HT05" \
    "$(comp hh-intake -C "$R" --procedure T-H)"
check_eq "--procedure=prefix" "T-CT00" \
    "$(comp hh-intake -C "$R" --procedure=T-C)"
check_eq "procedure codes from \$HH_RECORDS" \
    "T-CT00 T-DD15 T-GH08 T-HT03 T-HT05 T-KH15" \
    "$(HH_RECORDS=$R comp hh-report --list --procedure '')"
check_eq "procedure codes from ./records" "T-DD15" \
    "$(cd "$T" && comp "$TOP/hh-intake" --procedure T-D)"
check_eq "staff ids for --actor" "admin hoa kiemtra lan minh thu" \
    "$(comp hh-intake -C "$R" --actor '')"
check_eq "hh-init takes the tree as its operand" "hoa" \
    "$(comp hh-init "$R" --actor h)"
check_eq "department ids for --to" "motcua tnmt tp" \
    "$(comp hh-route "$c1" -C "$R" --to '')"
check_eq "--officer: the staff of the --to department" "minh" \
    "$(comp hh-route -C "$R" "$c1" --to tp --officer '')"
check_eq "department ids for --holder" "tnmt tp" \
    "$(comp hh-report -C "$R" --list --holder t)"
check_eq "hh-report --to is a date: no reply" "" \
    "$(comp hh-report -C "$R" --from 2016-09-01 --to '')"
check_eq "--channel" "direct online postal" "$(comp hh-intake --channel '')"
check_eq "--format" "csv html json text xlsx" "$(comp hh-report --format '')"
check_eq "--format of a printed form" "html text" \
    "$(comp hh-route "$c1" --delay --print --format '')"
check_eq "open dossier codes for hh-route" "$c4 $c1 $c3" \
    "$(comp hh-route -C "$R" '')"
check_eq "a code prefix with its month narrows the search" "$c1 $c3" \
    "$(comp hh-return -C "$R" "$P-1609")"
check_eq "hh-log completes codes too" "$c4" \
    "$(comp hh-log -C "$R" "$P-1608")"
check_eq "hh-log completes every dossier, the withdrawn one too" \
    "$(printf '%s\n' "$c1" "$c2" "$c3" | sort | tr '\n' ' ' | sed 's/ $//')" \
    "$(comp hh-log -C "$R" "$P-1609" | tr ' ' '\n' | sort | tr '\n' ' ' | sed 's/ $//')"

# The values are HEAD's (hh-init --list), not a file edited beside it.
cp "$R/center.json" "$T/center.json"
jq '.departments += [{"id": "tpx", "name": "Chưa ghi"}]' "$T/center.json" \
    >"$R/center.json"
cp "$R/procedures/T-HT03.json" "$R/procedures/T-HT99.json"
check_eq "a department not committed is not offered" "tnmt tp" \
    "$(comp hh-report -C "$R" --list --holder t)"
check_eq "nor a procedure" "T-HT03 T-HT05" \
    "$(comp hh-intake -C "$R" --procedure T-H)"
mkdir "$T/noinit"
for t in bash awk grep sed sort paste jq cut; do ln -s "$(command -v $t)" "$T/noinit/$t"; done
check_eq "without hh-init the files are read" "tnmt tp tpx" \
    "$(PATH=$T/noinit comp hh-report -C "$R" --list --holder t)"
cp "$T/center.json" "$R/center.json"
rm "$R/procedures/T-HT99.json"
check_eq "hh-init --list's words" "departments procedures staff" \
    "$(comp hh-init -C "$R" --list '')"
check_eq "hh-init takes -C too" "hoa" \
    "$(comp hh-init -C "$R" --actor h)"

# Without jq: the awk reader gives the same answers.
mkdir "$T/nojq"
for t in bash awk grep sed sort paste; do ln -s "$(command -v $t)" "$T/nojq/$t"; done
check_eq "staff ids without jq" "admin hoa kiemtra lan minh thu" \
    "$(PATH=$T/nojq comp hh-intake -C "$R" --actor '')"
check_eq "department ids without jq" "motcua tnmt tp" \
    "$(PATH=$T/nojq comp hh-route -C "$R" "$c1" --to '')"
check_eq "officers of a department without jq" "thu" \
    "$(PATH=$T/nojq comp hh-route -C "$R" "$c1" --to tnmt --officer '')"

# Every option of every built command's usage string is completed.
missing=
for c in hh-init hh-intake hh-route hh-return hh-report hh-calendar \
    hh-log hh-check hh-notify hh-sync; do
	[ -x "./$c" ] || continue
	have=" $(comp "$c" -) "
	for o in $("./$c" --help | grep -oE -- '(^|[[{| ])-[-A-Za-z0-9]+' |
	    sed 's/^[[{| ]//' | sort -u); do
		case $have in *" $o "*) ;; *) missing="$missing $c:$o" ;; esac
	done
done
check_eq "the options of every usage string" "" "$missing"
done_testing
