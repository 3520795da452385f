#!/bin/sh
# replay.sh - prove gen's fast path: replay a generated history through
# hh-intake, hh-route and hh-return, one process a step, and compare.
#
# usage: sh tests/bench/replay.sh GENERATED-TREE FRESH-TREE
# FRESH-TREE is hh-init'ed like GENERATED-TREE was (same template, init
# time before the first event).  Every step of GENERATED-TREE is taken
# again with the commands (--at the event time, the same actor and
# arguments); at the end the dossiers/ trees must have the same git id,
# i.e. every file is byte for byte the same.  Prints "same" or the diff.
set -eu
G=$1
F=$2
export LC_ALL=C.UTF-8
unset HH_RECORDS HH_NOW
for c in $(git -C "$G" rev-list --reverse HEAD~0 | tail -n +2); do
	code=$(git -C "$G" log -1 --format=%B "$c" | sed -n 's/^Dossier: //p')
	actor=$(git -C "$G" log -1 --format=%B "$c" | sed -n 's/^Actor: //p')
	path=$(git -C "$G" diff-tree --no-commit-id --name-only -r "$c")
	git -C "$G" show "$c:$path" >"$F.cur.json"
	ev=$(jq -c '.events[-1]' "$F.cur.json")
	at=$(echo "$ev" | jq -r .at)
	action=$(echo "$ev" | jq -r .action)
	# recorded at its event time, as gen records it: within the
	# back-dating limit of the template (center.json
	# backdate_working_days)
	export HH_NOW="$at"
	set -- --actor "$actor" --at "$at" -C "$F"
	case $action in
	intake)
		eval "set -- \"\$@\" $(jq -r '
		    ["--procedure", .procedure.code,
		     "--applicant", .applicant.name,
		     "--channel", .channel] +
		    (if .applicant.id_number then ["--id-number",
		     .applicant.id_number] else [] end) +
		    (if .applicant.phone then ["--phone", .applicant.phone]
		     else [] end) +
		    (if .applicant.address then ["--address",
		     .applicant.address] else [] end) +
		    ([.documents[] | ("--document", .)]) | @sh' \
		    "$F.cur.json")"
		got=$(hh-intake "$@")
		[ "$got" = "$code" ] || { echo "intake: $got, not $code"; exit 1; }
		;;
	route)
		eval "set -- \"\$@\" $(echo "$ev" | jq -r '
		    ["--to", .details.to] +
		    (if .details.officer then ["--officer", .details.officer]
		     else [] end) | @sh')"
		hh-route "$@" "$code" >/dev/null ;;
	supplement)
		eval "set -- \"\$@\" $(echo "$ev" | jq -r '
		    ["--supplement", .details.reason] +
		    ([(.details.documents // [])[] | ("--document", .)]) | @sh')"
		hh-route "$@" "$code" >/dev/null ;;
	supplied)
		hh-route "$@" "$code" --supplied >/dev/null ;;
	delay)
		eval "set -- \"\$@\" $(echo "$ev" | jq -r '
		    ["--delay", "--until", .details.until, "--reason",
		     .details.reason] | @sh')"
		hh-route "$@" "$code" >/dev/null ;;
	done)
		if [ "$(echo "$ev" | jq -r '.details.on_return // false')" = true ]
		then
			# hh-return records done and return in one run
			continue
		fi
		eval "set -- \"\$@\" $(echo "$ev" | jq -r '
		    ["--done", "--outcome", .details.outcome] +
		    (if .details.reason then ["--reason", .details.reason]
		     else [] end) | @sh')"
		hh-route "$@" "$code" >/dev/null ;;
	return)
		hh-return "$@" "$code" >/dev/null ;;
	withdraw)
		eval "set -- \"\$@\" $(echo "$ev" | jq -r '
		    ["--withdraw"] + (if .details.reason then ["--reason",
		     .details.reason] else [] end) | @sh')"
		hh-return "$@" "$code" >/dev/null ;;
	*)
		echo "unknown action $action"; exit 1 ;;
	esac
done
rm -f "$F.cur.json"
a=$(git -C "$G" rev-parse HEAD:dossiers)
b=$(git -C "$F" rev-parse HEAD:dossiers)
if [ "$a" = "$b" ]; then
	echo "same: dossiers/ $a, $(git -C "$F" rev-list --count HEAD) commits"
else
	echo "differ: dossiers/ $a (generated), $b (replayed)"
	HH_FSYNC=0 hh-report -C "$G" >/dev/null
	diff -r "$G/dossiers" "$F/dossiers" | head -20
	exit 1
fi
