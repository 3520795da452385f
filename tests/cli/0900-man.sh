#!/bin/sh
# The manual: every page lints clean, every section 1 page's SYNOPSIS is
# its command's usage string, every block of its EXAMPLES is run or
# checked, and the runnable EXAMPLES give the output the page shows.
#
# Runnable examples.  A page opts a literal block in by putting the roff
# comment line
#
#	.\" runnable [tree] [VAR=value ...]
#
# right before its ".Bd -literal" line.  In the block, a line starting
# with "$ " is a command; it goes on over the next lines while they end
# in "\e" (a backslash), "|" or "&&" and, for a here-document (<<EOF or
# <<'EOF'), down to the line ending it.  The lines after a command, up to
# the next "$ " line or ".Ed", are its expected output: standard output and
# standard error together, compared line by line after dropping trailing
# empty lines on both sides.  An expected line that is exactly "..."
# stands for any number of lines.  The usual roff escapes (\e \& \- \(en
# \(em \(aq \(dq) are undone in commands and output alike.
#
# Each page runs in a new empty folder, its runnable blocks in page order,
# every command in its own "sh -c" (so a cd does not carry over), with
# the hh binaries of the project on PATH, HH_SHARE set to the shipped
# template (the project's records/ and procedures/), HH_NOW set to
# 2016-09-05T10:00:00+07:00, HH_FSYNC=0 and HH_KEY_SEED=man (the same key,
# the same commit ids, every run).  The words of the marker
# line add to that: VAR=value sets a variable for the commands of that
# block; "tree" first makes ./records with "hh-init records" (before
# those variables are set, on 2016-09-01T07:00:00+07:00: the centre
# existed before the examples' events) unless it exists.  Exit statuses are not
# checked: show a refusal by its message.
#
# File examples.  A block that shows a file rather than commands (a
# calendar excerpt, a CSV catalogue) opts in with
#
#	.\" file NAME [COMMAND]
#
# right before its ".Bd -literal" line.  The block's text, with the roff
# escapes undone and each line that ends in "\e" joined to the next
# (the backslash and the line break dropped: a long line shown on two),
# is written to NAME in the page's folder, in page order with the
# runnable blocks, so that the blocks after it can use the file.
# COMMAND, if given, is then run by "sh -c" there, in the environment of
# a runnable block, and must exit 0; its output is shown if it does not.
#
# Every literal block of an EXAMPLES section must be one of the two: a
# ".Bd" not right after a marker line, or a ".Dl" or ".D1" (which cannot
# be marked), fails the page.
. tests/cli/lib.sh

BS=$(printf '\b')
marker='^\.\\" (runnable|file)( |$)'
ex=0
for m in man/*.[157]; do
	grep -Eq "$marker" "$m" && ex=$((ex + 1))
done
n1=0
for m in man/*.1; do
	b=${m#man/}; b=${b%.1}
	[ -x "./$b" ] && n1=$((n1 + 1))
done
plan $((2 * $(ls man/*.[157] | wc -l) + n1 + ex + 1))

# 1. Lint: mandoc, and groff where it is installed (it warns of a line
# it cannot break, which mandoc does not).
groff=
command -v groff >/dev/null 2>&1 && groff=" and groff"
for m in man/*.[157]; do
	if out=$(mandoc -Tlint -Wwarning "$m" 2>&1) && [ -z "$out" ] &&
	    { [ -z "$groff" ] ||
	    out=$(groff -k -mandoc -Tutf8 -ww -z "$m" 2>&1) && [ -z "$out" ]; }; then
		ok "$m: mandoc -Tlint$groff clean"
	else
		notok "$m: mandoc -Tlint$groff clean"
		printf '%s\n' "$out" | sed 's/^/#   /' | head -10
	fi
done

# 2. SYNOPSIS = usage string, for the commands that are built.
squeeze() { tr -s ' \t\n' '   ' | sed 's/^ //; s/ $//'; }
for m in man/*.1; do
	b=${m#man/}; b=${b%.1}
	[ -x "./$b" ] || continue
	syn=$(mandoc -Tascii "$m" | sed "s/.$BS//g" |
	    awk '/^SYNOPSIS/ { f = 1; next } /^[A-Z]/ { f = 0 } f' | squeeze)
	use=$("./$b" --help 2>&1 | sed '1s/^usage: //' | squeeze)
	check_eq "$m: SYNOPSIS is the usage string of ./$b" "$use" "$syn"
done

# 3. Every literal block of EXAMPLES is marked.
for m in man/*.[157]; do
	bad=$(re=$marker awk '
	/^\.Sh/ { ex = $0 ~ /^\.Sh[ ]+EXAMPLES/ }
	ex && (/^\.Bd/ && prev !~ ENVIRON["re"] || /^\.D[l1]([ ]|$)/) {
		print FILENAME ":" NR ": " $0
	}
	{ prev = $0 }' "$m")
	d="$m: every EXAMPLES block is runnable or a checked file"
	if [ -z "$bad" ]; then
		ok "$d"
	else
		notok "$d"
		printf '%s\n' "$bad" | sed 's/^/#   unmarked: /'
	fi
done

# 4. Runnable examples and file examples.
# Split the marked blocks of page $1 into $2/NNN.cmd, NNN.exp and NNN.env
# (the marker's words) for each command; for a file block, NNN.file (its
# text), NNN.name and NNN.cmd (the check command, possibly empty).
split_examples() {
	awk -v dir="$2" '
	function unroff(s,    out, c, i, n) {
		out = ""
		n = length(s)
		for (i = 1; i <= n; i++) {
			c = substr(s, i, 1)
			if (c != "\\" || i == n) { out = out c; continue }
			c = substr(s, ++i, 1)
			if (c == "e" || c == "\\") out = out "\\"
			else if (c == "&") ;
			else if (c == "-") out = out "-"
			else if (c == "(") {
				c = substr(s, i + 1, 2); i += 2
				if (c == "en") out = out "\342\200\223"
				else if (c == "em") out = out "\342\200\224"
				else if (c == "aq") out = out "\047"
				else if (c == "dq") out = out "\""
				else out = out "\\(" c
			} else out = out "\\" c
		}
		return out
	}
	function hd(line) {
		if (match(line, /<<-?[ ]*\047?[A-Za-z_]+\047?/)) {
			heredoc = substr(line, RSTART, RLENGTH)
			sub(/^<<-?[ ]*\047?/, "", heredoc)
			sub(/\047$/, "", heredoc)
		}
	}
	function start(line, words) {
		if (k) { close(file ".cmd"); close(file ".exp") }
		k++
		file = sprintf("%s/%03d", dir, k)
		printf "%s\n", words > (file ".env")
		close(file ".env")
		printf "" > (file ".exp")
		printf "%s\n", line > (file ".cmd")
		incmd = line ~ /(\\|\||&&)$/
		heredoc = ""
		hd(line)
	}
	function startfile() {
		if (k) { close(file ".cmd"); close(file ".exp") }
		k++
		file = sprintf("%s/%03d", dir, k)
		printf "%s\n", fname > (file ".name")
		close(file ".name")
		printf "%s\n", fcmd > (file ".cmd")
		close(file ".cmd")
		printf "" > (file ".env")
		close(file ".env")
		printf "" > (file ".file")
		incmd = 0
		heredoc = ""
	}
	/^\.\\" runnable( |$)/ {
		words = $0; sub(/^\.\\" runnable[ ]*/, "", words)
		armed = 1; isfile = 0; next
	}
	/^\.\\" file / {
		fname = $0; sub(/^\.\\" file[ ]+/, "", fname)
		fcmd = fname
		sub(/[ ].*/, "", fname)
		if (!sub(/^[^ ]+[ ]+/, "", fcmd)) fcmd = ""
		armed = 1; isfile = 1; next
	}
	/^\.Bd/ && armed {
		inblock = 1; armed = 0; k0 = k
		if (isfile) startfile()
		next
	}
	/^\.Ed/ && inblock {
		inblock = 0
		if (isfile) close(file ".file")
		next
	}
	!inblock { next }
	isfile {
		line = unroff($0)
		if (line ~ /\\$/)
			printf "%s", substr(line, 1, length(line) - 1) > (file ".file")
		else
			print line > (file ".file")
		next
	}
	{
		line = unroff($0)
		if (incmd) {
			print line > (file ".cmd")
			incmd = line ~ /(\\|\||&&)$/
			hd(line)
			next
		}
		if (heredoc != "") {
			print line > (file ".cmd")
			if (line == heredoc) heredoc = ""
			next
		}
		if (line ~ /^\$ /) { start(substr(line, 3), words); next }
		if (k > k0) print line > (file ".exp")
	}' "$1"
}

# Compare expected $1 with actual $2 ("..." lines match any lines).
compare() {
	awk '
	function trim(a, n) { while (n > 0 && a[n] == "") n--; return n }
	FILENAME == ARGV[1] { e[++ne] = $0; next }
	{ a[++na] = $0 }
	END {
		ne = trim(e, ne); na = trim(a, na)
		i = 1; j = 1
		while (i <= ne) {
			if (e[i] == "...") {
				if (i == ne) exit 0
				while (j <= na && a[j] != e[i + 1]) j++
				if (j > na) { print "#   no line: " e[i + 1]; exit 1 }
				i++
				continue
			}
			if (j > na || a[j] != e[i]) {
				printf "#   line %d: expected: %s\n", j, e[i]
				printf "#   line %d: got:      %s\n", j,
				    (j > na ? "(end of output)" : a[j])
				exit 1
			}
			i++; j++
		}
		if (j <= na) { printf "#   line %d: unexpected: %s\n", j, a[j]; exit 1 }
	}' "$1" "$2"
}

# The environment of the examples, in the page's folder $1.
example_env() {
	cd "$1"
	export HH_SHARE="$TOP" HH_NOW=2016-09-05T10:00:00+07:00
	export HH_FSYNC=0 HH_KEY_SEED=man
}

for m in man/*.[157]; do
	grep -Eq "$marker" "$m" || continue
	page=${m#man/}
	x=$T/examples/$page
	mkdir -p "$x/blocks" "$x/run"
	split_examples "$m" "$x/blocks"
	fails=0
	for c in "$x"/blocks/*.cmd; do
		[ -e "$c" ] || continue
		k=${c%.cmd}
		if [ -e "$k.name" ]; then
			name=$(cat "$k.name")
			st=0
			(
				example_env "$x/run"
				mkdir -p "$(dirname "$name")"
				cp "$k.file" "$name"
				[ -s "$c" ] || exit 0
				sh -c "$(cat "$c")" >"$k.out" 2>&1
			) || st=$?
			if [ $st != 0 ]; then
				echo "# $page: file $name: \$ $(cat "$c"): exit $st"
				sed 's/^/#   /' "$k.out" | head -10
				fails=$((fails + 1))
			fi
			continue
		fi
		words=$(cat "$k.env")
		st=0
		(
			example_env "$x/run"
			case " $words " in
			*" tree "*) [ -d records ] ||
			    HH_NOW=2016-09-01T07:00:00+07:00 \
			    hh-init records >/dev/null 2>&1 || exit 3 ;;
			esac
			for w in $words; do
				case $w in *=*) export "$w" ;; esac
			done
			sh -c "$(cat "$c")" >"$k.out" 2>&1
			exit 0
		) || st=$?
		if [ $st != 0 ]; then
			echo "# $page: could not make ./records for: $(head -1 "$c")"
			fails=$((fails + 1))
		elif ! compare "$k.exp" "$k.out" >"$k.diff"; then
			echo "# $page: \$ $(head -1 "$c")"
			cat "$k.diff"
			fails=$((fails + 1))
		fi
	done
	if [ $fails = 0 ]; then ok "$m: runnable EXAMPLES give the output shown"
	else notok "$m: runnable EXAMPLES give the output shown"; fi
done

# one crontab: README's is hh(7)'s and hh-report(1)'s (whose runnable
# blocks above run it)
cron_of() {
	sed -n '/^\.\\" file crontab/,/^\.Ed/p' "$1" | sed '1,2d;$d' |
	    sed 's/\\e/\\/g'
}
readme_cron=$(sed -n '/^## Cron/,/^## /p' README.md |
    sed -n '/^```crontab/,/^```$/p' | sed '1d;$d')
if [ "$readme_cron" = "$(cron_of man/hh.7)" ] &&
    [ "$readme_cron" = "$(cron_of man/hh-report.1)" ]; then
	ok "one crontab in README.md, hh(7) and hh-report(1)"
else
	notok "one crontab in README.md, hh(7) and hh-report(1)"
	printf '%s\n' "$readme_cron" >"$T/cron.readme"
	cron_of man/hh.7 >"$T/cron.hh7"
	diff "$T/cron.readme" "$T/cron.hh7" | sed 's/^/#   /' | head -8
fi
done_testing
