#!/bin/sh
# Hostile input to every command: over-long fields, control characters and
# NULs, invalid UTF-8, absurd dates and numbers, paths in codes and ids,
# huge batches and lines.  Each is refused with one clear line (valid
# UTF-8, no control characters, at most 300 bytes, no applicant's id
# number), exit 1 or 2, and nothing on disk or in git changes.  An input
# the line shows is shown through hh_quote: its control characters and
# bytes that are not UTF-8 as \xHH, and cut after 48 columns if longer
# than 64.
#
# tests/BAD-INPUTS.md is this test's table of every bad input and the
# line it gets; the test fails when it is stale.  Regenerate it with
#	UPDATE_BAD_INPUTS=1 sh tests/cli/7000-hostile.sh
. tests/cli/lib.sh
plan 315
# one key every run: the commit ids in BAD-INPUTS.md stay the same
export HH_KEY_SEED=hostile
fixture_tree
export HH_NOW=2016-09-30T17:00:00+07:00
P=000.00.21.H54
ID=001085012345
C=$(hh-intake -C "$R" --actor lan --procedure T-HT03 --applicant "Nguyễn Văn An" \
    --id-number $ID --at 2016-09-05T08:00)
D=$(hh-intake -C "$R" --actor lan --procedure T-HT03 --applicant "Lê Văn Bình" \
    --id-number 001085099999 --at 2016-09-05T08:10)
hh-route -C "$R" --actor lan --at 2016-09-05T09:00 "$D" --to tp >/dev/null
# the summary cache of hh-report (derived, in .git/hh) made now: a report
# below that fails only in writing its -o file has still made it
hh-report -C "$R" --month 2016-09 >/dev/null
MD=$T/bad-inputs.md
rows=0

# Values.  Linux refuses a single argument longer than 128 KiB
# (MAX_ARG_STRLEN), so 131000 bytes is the longest an argument can be;
# 10^6-byte values go through a batch file.
long() { head -c "$1" /dev/zero | tr '\0' "${2:-a}"; }
BIG=$(long 131000)
L201=$(long 201) L255=$(long 255) L501=$(long 501) L65=$(long 65)
CTRL=$(printf 'An\001') NL=$(printf 'An\nBình') ESC=$(printf 'An\033[2J')
DEL=$(printf 'An\177') C1=$(printf 'An\302\205') BADU=$(printf 'An\377')
OVERLONG=$(printf 'An\300\257') SURR=$(printf 'An\355\240\200')
TAB=$(printf 'An\tBình')

# Control characters as \NNN (octal), the rest as it is.
visible() {
	awk 'BEGIN { for (i = 1; i < 32; i++) c[sprintf("%c", i)] = sprintf("\\%03o", i)
		c[sprintf("%c", 127)] = "\\177" }
	{ o = ""; for (i = 1; i <= length($0); i++) {
		ch = substr($0, i, 1); o = o ((ch in c) ? c[ch] : ch) }
	  print o }'
}

state() {
	(cd "$R" && find . -type f ! -name lock -printf '%p %s %T@\n' | sort |
	    md5sum)
	git --git-dir="$R/.git" rev-parse HEAD
}

# bad WHAT INPUT STATUS CMD...: CMD exits STATUS with one clear line and
# changes nothing; WHAT and INPUT describe it in the table.
bad() {
	what=$1 input=$2 want=$3; shift 3
	s0=$(state)
	st=0; ( eval "$@" ) >"$T/out" 2>"$T/err" </dev/null || st=$?
	s1=$(state)
	line=$(head -n 1 "$T/err" | sed "s|$T|\$T|g")
	n=$(wc -l <"$T/err")
	len=$(head -n 1 "$T/err" | wc -c)
	why=
	[ "$st" = "$want" ] || why="$why status $st, want $want;"
	[ "$s0" = "$s1" ] || why="$why the tree changed;"
	[ -s "$T/out" ] && why="$why printed on stdout;"
	# exit 2 prints the usage after its line; exit 1 exactly one line
	if [ "$want" = 1 ] && [ "$n" != 1 ]; then why="$why $n lines;"; fi
	[ "$len" -le 300 ] || why="$why line of $len bytes;"
	head -n 1 "$T/err" | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1 ||
	    why="$why not UTF-8;"
	head -n 1 "$T/err" | tr -d '\n' | LC_ALL=C grep -q '[[:cntrl:]]' &&
	    why="$why control characters;"
	grep -q "$ID" "$T/err" && why="$why shows the id number;"
	case $line in usage:*) why="$why usage only, no reason;" ;; esac
	if [ -z "$why" ]; then ok "$what: $input"
	else
		notok "$what: $input"
		echo "#  $why"
		head -n 1 "$T/err" | cut -c1-200 | sed -n 'l' | sed 's/^/#   /'
	fi
	[ "$len" -le 300 ] || line="$(echo "$line" | cut -c1-120)… ($len bytes)"
	line=$(printf '%s\n' "$line" | visible | sed 's/|/\\|/g; s/`/'"'"'/g')
	rows=$((rows + 1))
	printf '| %s | %s | %s | `%s` |\n' "$what" "$input" "$st" "$line" >>"$MD"
}

I="hh-intake -C \"\$R\" --actor lan --procedure T-HT03"
A="--applicant An"
# --- hh-intake -----------------------------------------------------------
bad hh-intake "--procedure ../../etc/passwd" 1 hh-intake -C '"$R"' --actor lan --procedure ../../etc/passwd $A
bad hh-intake "--procedure .hidden" 1 hh-intake -C '"$R"' --actor lan --procedure .hidden $A
bad hh-intake "--procedure of 65 bytes" 1 hh-intake -C '"$R"' --actor lan --procedure '"$L65"' $A
bad hh-intake "--procedure of 131000 bytes" 1 hh-intake -C '"$R"' --actor lan --procedure '"$BIG"' $A
bad hh-intake "--procedure with a control character" 1 hh-intake -C '"$R"' --actor lan --procedure '"$CTRL"' $A
bad hh-intake "--procedure unknown" 1 hh-intake -C '"$R"' --actor lan --procedure X-0000 $A
bad hh-intake "--procedure empty" 1 hh-intake -C '"$R"' --actor lan --procedure "''" $A
bad hh-intake "--applicant empty" 1 "$I" --applicant "''"
bad hh-intake "--applicant of 201 bytes" 1 "$I" --applicant '"$L201"'
bad hh-intake "--applicant of 131000 bytes" 1 "$I" --applicant '"$BIG"'
bad hh-intake "--applicant with \\001" 1 "$I" --applicant '"$CTRL"'
bad hh-intake "--applicant with a newline" 1 "$I" --applicant '"$NL"'
bad hh-intake "--applicant with a tab" 1 "$I" --applicant '"$TAB"'
bad hh-intake "--applicant with ESC [2J" 1 "$I" --applicant '"$ESC"'
bad hh-intake "--applicant with DEL" 1 "$I" --applicant '"$DEL"'
bad hh-intake "--applicant with C1 control U+0085" 1 "$I" --applicant '"$C1"'
bad hh-intake "--applicant with byte 0xFF" 1 "$I" --applicant '"$BADU"'
bad hh-intake "--applicant with overlong UTF-8 (C0 AF)" 1 "$I" --applicant '"$OVERLONG"'
bad hh-intake "--applicant with a UTF-16 surrogate (ED A0 80)" 1 "$I" --applicant '"$SURR"'
bad hh-intake "--id-number with letters and symbols" 1 "$I" $A --id-number "'0010/../85'"
bad hh-intake "--id-number of 5 digits" 1 "$I" $A --id-number 12345
bad hh-intake "--id-number of 21 digits" 1 "$I" $A --id-number 123456789012345678901
bad hh-intake "--id-number of 131000 bytes" 1 "$I" $A --id-number '"$BIG"'
bad hh-intake "--id-number with a control character" 1 "$I" $A --id-number '"$(printf "0010850\0011")"'
bad hh-intake "--phone with letters" 1 "$I" $A --phone 09x1234567
bad hh-intake "--phone of 21 characters" 1 "$I" $A --phone 091234567890123456789
bad hh-intake "--phone with a newline" 1 "$I" $A --phone '"$(printf "0912\n345678")"'
bad hh-intake "--email without @" 1 "$I" $A --email an.example.vn
bad hh-intake "--email with a space" 1 "$I" $A --email "'an @example.vn'"
bad hh-intake "--email of 255 bytes" 1 "$I" $A --email '"$L255@x.vn"'
bad hh-intake "--email with ESC" 1 "$I" $A --email '"$ESC@x.vn"'
bad hh-intake "--address of 501 bytes" 1 "$I" $A --address '"$L501"'
bad hh-intake "--address with byte 0xFF" 1 "$I" $A --address '"$BADU"'
bad hh-intake "--address with a newline" 1 "$I" $A --address '"$NL"'
bad hh-intake "--document of 501 bytes" 1 "$I" $A --document '"$L501"'
bad hh-intake "--document empty" 1 "$I" $A --document "''"
bad hh-intake "--document with a control character" 1 "$I" $A --document '"$CTRL"'
bad hh-intake "101 --document" 1 "$I" $A '$(i=0; while [ $i -le 100 ]; do printf -- "--document d%d " $i; i=$((i + 1)); done)'
bad hh-intake "--channel fax" 1 "$I" $A --channel fax
bad hh-intake "--channel of 131000 bytes" 1 "$I" $A --channel '"$BIG"'
bad hh-intake "--channel with ESC" 1 "$I" $A --channel '"$ESC"'
for at in 1899-12-31 2200-01-01 0000-00-00 2016-02-30 2016-13-01 2016-09-05T25:00 \
    2016-09-05T08:60 2016-09-05T08:00+24:00 NaN -1 "''" 99999-01-01 \
    2016-09-05T08:00:00.5 "'2016-09-05 08:00 extra'" 2017-01-01T00:00; do
	bad hh-intake "--at $at" 1 "$I" $A --at "$at"
done
bad hh-intake "--at of 131000 bytes" 1 "$I" $A --at '"$BIG"'
bad hh-intake "--at before the tree's first commit" 1 "$I" $A --actor admin --at 2000-01-03T08:00
bad hh-intake "--correction with a newline" 1 "$I" $A --correction '"$NL"'
bad hh-intake "--actor ../admin" 1 "$I" $A --actor ../admin
bad hh-intake "--actor unknown" 1 "$I" $A --actor nobody
bad hh-intake "--actor of 131000 bytes" 1 "$I" $A --actor '"$BIG"'
bad hh-intake "--actor with ESC" 1 "$I" $A --actor '"$ESC"'
bad hh-intake "-C a missing folder" 1 hh-intake -C '"$T/nowhere"' --actor lan --procedure T-HT03 $A
bad hh-intake "-C a file" 1 hh-intake -C '"$R/center.json"' --actor lan --procedure T-HT03 $A
bad hh-intake "-C of 131000 bytes" 1 hh-intake -C '"$BIG"' --actor lan --procedure T-HT03 $A

# --- batches (hh-intake, hh-route, hh-return share the reader) ------------
B="hh-intake -C \"\$R\" --actor lan --batch"
ok_line='{"procedure":"T-HT03","applicant":"An"}'
printf '%s\n' "$ok_line" "$(printf '{"procedure":"T-HT03","applicant":"A\\u0000n"}')" >"$T/nul-escape.jsonl"
{ echo "$ok_line"; printf '{"procedure":"T-HT03","applicant":"A\000n"}\n'; } >"$T/nul.jsonl"
{ echo "$ok_line"; printf '{"procedure":"T-HT03","applicant":"A\377n"}\n'; } >"$T/ff.jsonl"
{ echo "$ok_line"; printf '{"procedure":"T-HT03","applicant":"A\001n"}\n'; } >"$T/ctrl.jsonl"
{ echo "$ok_line"; printf '{"procedure":"T-HT03","applicant":"A\\u001bn"}\n'; } >"$T/esc.jsonl"
{ echo "$ok_line"; printf '{"procedure":"T-HT03","applicant":"%s"}\n' "$(long 70000)"; } >"$T/70k.jsonl"
{ echo "$ok_line"; printf '{"procedure":"T-HT03","applicant":"%s"}\n' "$(long 1000000)"; } >"$T/1m.jsonl"
{ echo "$ok_line"; printf '{"procedure":"T-HT03","applicant":"%s"}\n' "$(long 60000)"; } >"$T/60k.jsonl"
awk -v l="$ok_line" 'BEGIN { for (i = 0; i < 100001; i++) print l }' >"$T/100001.jsonl"
{ echo "$ok_line"; echo '[1, 2]'; } >"$T/array.jsonl"
{ echo "$ok_line"; echo '{"procedure":"T-HT03","applicant":"An"'; } >"$T/cut.jsonl"
{ echo "$ok_line"; echo '{"procedure":"T-HT03","applicant":42}'; } >"$T/number.jsonl"
{ echo "$ok_line"; echo '{"procedure":"T-HT03","applicant":"An","path":"../x"}'; } >"$T/key.jsonl"
{ echo "$ok_line"; echo '{"procedure":"T-HT03","applicant":"An","\u001b[2J":1}'; } >"$T/esc-key.jsonl"
{ echo "$ok_line"; echo '{"procedure":"T-HT03","applicant":"An","documents":{"a":1}}'; } >"$T/docs.jsonl"
{ echo "$ok_line"; echo '{"procedure":"T-HT03","applicant":"An","at":"0000-00-00"}'; } >"$T/at0.jsonl"
{ echo "$ok_line"; echo '{"procedure":"T-HT03","applicant":"An","at":"1899-12-31"}'; } >"$T/at1899.jsonl"
{ echo "$ok_line"; echo '{"procedure":"../../center","applicant":"An"}'; } >"$T/proc.jsonl"
{ echo "$ok_line"; echo '{"procedure":"T-HT03","applicant":"An","applicant":"Bình"}'; } >"$T/dupkey.jsonl"
{ echo "$ok_line"; awk 'BEGIN { for (i = 0; i < 20000; i++) printf "["; print "" }'; } >"$T/deep.jsonl"
: >"$T/empty.jsonl"
printf '\n  \n\t\n' >"$T/blank.jsonl"
bad "hh-intake --batch" "a NUL byte in a line" 1 $B '"$T/nul.jsonl"'
bad "hh-intake --batch" "\\u0000 in a string" 1 $B '"$T/nul-escape.jsonl"'
bad "hh-intake --batch" "byte 0xFF in a line" 1 $B '"$T/ff.jsonl"'
bad "hh-intake --batch" "a raw control character" 1 $B '"$T/ctrl.jsonl"'
bad "hh-intake --batch" "\\u001b (ESC) in a string" 1 $B '"$T/esc.jsonl"'
bad "hh-intake --batch" "a line of 70 KB" 1 $B '"$T/70k.jsonl"'
bad "hh-intake --batch" "a line of 10^6 bytes" 1 $B '"$T/1m.jsonl"'
bad "hh-intake --batch" "an applicant of 60000 bytes" 1 $B '"$T/60k.jsonl"'
bad "hh-intake --batch" "100001 lines" 1 $B '"$T/100001.jsonl"'
bad "hh-intake --batch" "a line that is an array" 1 $B '"$T/array.jsonl"'
bad "hh-intake --batch" "a cut-off line" 1 $B '"$T/cut.jsonl"'
bad "hh-intake --batch" "applicant a number" 1 $B '"$T/number.jsonl"'
bad "hh-intake --batch" "an unknown key" 1 $B '"$T/key.jsonl"'
bad "hh-intake --batch" "an unknown key with ESC" 1 $B '"$T/esc-key.jsonl"'
bad "hh-intake --batch" "documents an object" 1 $B '"$T/docs.jsonl"'
bad "hh-intake --batch" "at 0000-00-00" 1 $B '"$T/at0.jsonl"'
bad "hh-intake --batch" "at 1899-12-31" 1 $B '"$T/at1899.jsonl"'
bad "hh-intake --batch" "procedure ../../center" 1 $B '"$T/proc.jsonl"'
bad "hh-intake --batch" "a key given twice" 1 $B '"$T/dupkey.jsonl"'
bad "hh-intake --batch" "20000 nested arrays" 1 $B '"$T/deep.jsonl"'
bad "hh-intake --batch" "an empty file" 1 $B '"$T/empty.jsonl"'
bad "hh-intake --batch" "blank lines only" 1 $B '"$T/blank.jsonl"'
bad "hh-intake --batch" "a missing file" 1 $B '"$T/nowhere.jsonl"'
bad "hh-intake --batch" "a folder" 1 $B '"$T"'
bad "hh-intake --batch" "with --applicant" 2 $B '"$T/blank.jsonl"' $A

# --- hh-route -------------------------------------------------------------
RT="hh-route -C \"\$R\" --actor admin"
bad hh-route "code ../../etc/passwd-160905-0001" 1 $RT "../../etc/passwd-160905-0001" --done
bad hh-route "code $P/../x-160905-0001" 1 $RT "'$P/../x-160905-0001'" --done
bad hh-route "code ..-160905-0001" 1 $RT "..-160905-0001" --done
bad hh-route "code with month 13" 1 $RT "$P-161305-0001" --done
bad hh-route "code of 131000 bytes" 1 $RT '"$BIG"' --done
bad hh-route "code with ESC" 1 $RT '"$ESC-160905-0001"' --done
bad hh-route "code empty" 1 $RT "''" --done
bad hh-route "--to ../tp" 1 $RT "$C" --to ../tp
bad hh-route "--to unknown" 1 $RT "$C" --to xyz
bad hh-route "--to of 131000 bytes" 1 $RT "$C" --to '"$BIG"'
bad hh-route "--to with ESC" 1 $RT "$C" --to '"$ESC"'
bad hh-route "--officer ../minh" 1 $RT "$C" --to tp --officer ../minh
bad hh-route "--officer unknown" 1 $RT "$C" --to tp --officer nobody
for days in NaN -1 inf 1e308 3651 0.3 99999999999999999999 "''" 0x10 "'2 '"; do
	bad hh-route "--days $days" 2 $RT "$C" --to tp --days "$days"
done
bad hh-route "--days of 131000 bytes" 2 $RT "$C" --to tp --days '"$BIG"'
bad hh-route "--note of 501 bytes" 1 $RT "$C" --to tp --note '"$L501"'
bad hh-route "--note with ESC" 1 $RT "$C" --to tp --note '"$ESC"'
bad hh-route "--note with byte 0xFF" 1 $RT "$C" --to tp --note '"$BADU"'
bad hh-route "--supplement reason of 501 bytes" 1 $RT "$D" --supplement '"$L501"'
bad hh-route "--supplement reason with a control character" 1 $RT "$D" --supplement '"$CTRL"'
bad hh-route "--supplement --document of 131000 bytes" 1 $RT "$D" --supplement x --document '"$BIG"'
for u in 0000-00-00 1899-12-31 2200-01-01 2016-02-30 NaN "''"; do
	bad hh-route "--delay --until $u" 2 $RT "$D" --delay --reason x --until "$u"
done
bad hh-route "--delay --reason of 501 bytes" 1 $RT "$D" --delay --until 2016-10-20 --reason '"$L501"'
bad hh-route "--done --outcome maybe" 2 $RT "$D" --done --outcome maybe
bad hh-route "--done --outcome with ESC" 2 $RT "$D" --done --outcome '"$ESC"'
bad hh-route "--done --reason with ESC" 1 $RT "$D" --done --outcome refused --reason '"$ESC"'
bad hh-route "--amend --applicant of 201 bytes" 1 $RT "$D" --amend --applicant '"$L201"' --reason x
bad hh-route "--amend --applicant with ESC" 1 $RT "$D" --amend --applicant '"$ESC"' --reason x
bad hh-route "--amend --applicant with U+202E" 1 $RT "$D" --amend --applicant '"$(printf "An\342\200\256")"' --reason x
bad hh-route "--amend --phone of 131000 bytes" 1 $RT "$D" --amend --phone '"$BIG"' --reason x
bad hh-route "--amend --email with a newline" 1 $RT "$D" --amend --email '"$NL"' --reason x
bad hh-route "--amend --address of 501 bytes" 1 $RT "$D" --amend --address '"$L501"' --reason x
bad hh-route "--amend --id-number ../x" 1 $RT "$D" --amend --id-number ../x000000 --reason x
bad hh-route "--amend --document with byte 0xFF" 1 $RT "$D" --amend --document '"$BADU"' --reason x
bad hh-route "--amend --reason of 501 bytes" 1 $RT "$D" --amend --phone 0912345678 --reason '"$L501"'
bad hh-route "--amend without --reason" 2 $RT "$D" --amend --phone 0912345678
for at in 1899-12-31 2200-01-01 0000-00-00 NaN; do
	bad hh-route "--at $at" 1 $RT "$D" --done --at "$at"
done
bad hh-route "--at before the tree's first commit" 1 $RT "$D" --done --at 2000-01-03T08:00
bad hh-route "--correction empty" 1 $RT "$D" --done --correction "''"
bad hh-route "--correction with a newline" 1 $RT "$D" --done --correction '"$NL"'
bad hh-route "--correction with ESC [2J" 1 $RT "$D" --done --correction '"$ESC"'
bad hh-route "--correction of 501 bytes" 1 $RT "$D" --done --correction '"$L501"'
printf '{"code":"%s","to":"tp","days":"x"}\n' "$C" >"$T/r-days.jsonl"
printf '{"code":"%s","to":"tp","days":-1}\n' "$C" >"$T/r-neg.jsonl"
printf '{"code":"%s","to":"tp","days":1e400}\n' "$C" >"$T/r-inf.jsonl"
printf '{"code":"%s","to":"tp","days":0.3}\n' "$C" >"$T/r-third.jsonl"
printf '{"code":"../../x-160905-0001","to":"tp"}\n' >"$T/r-code.jsonl"
printf '{"code":"%s","to":["tp"]}\n' "$C" >"$T/r-to.jsonl"
printf '{"code":"%s","done":"yes"}\n' "$C" >"$T/r-done.jsonl"
printf '{"code":"%s","delay":true,"until":"0000-00-00","reason":"x"}\n' "$D" >"$T/r-until.jsonl"
printf '{"code":"%s","to":"tp","at":"2200-01-01"}\n' "$C" >"$T/r-at.jsonl"
printf '{"code":"%s","to":"tp","note":"a\\u0000b"}\n' "$C" >"$T/r-nul.jsonl"
{ printf '{"code":"%s","to":"tp"}\n' "$C"; printf '{"code":"%s","to":"tnmt"}\n' "$C"; printf '{"code":"%s","to":"xyz"}\n' "$C"; } >"$T/r-third-line.jsonl"
for f in days neg inf third code to done until at nul third-line; do
	bad "hh-route --batch" "$(head -c 80 "$T/r-$f.jsonl" | tail -n 1 | sed "s/$C/CODE/; s/$D/CODE/")" 1 \
	    hh-route -C '"$R"' --actor admin --batch '"$T/r-$f.jsonl"'
done
bad "hh-route --batch" "100001 lines" 1 hh-route -C '"$R"' --actor admin --batch '"$T/100001.jsonl"'
bad "hh-route --batch" "a NUL byte in a line" 1 hh-route -C '"$R"' --actor admin --batch '"$T/nul.jsonl"'

# --- hh-return ------------------------------------------------------------
RE="hh-return -C \"\$R\" --actor admin"
bad hh-return "code ../../etc/passwd-160905-0001" 1 $RE "../../etc/passwd-160905-0001"
bad hh-return "code of 131000 bytes" 1 $RE '"$BIG"'
bad hh-return "--withdraw --reason of 501 bytes" 1 $RE "$C" --withdraw --reason '"$L501"'
bad hh-return "--withdraw --reason with ESC" 1 $RE "$C" --withdraw --reason '"$ESC"'
bad hh-return "--withdraw --reason with byte 0xFF" 1 $RE "$C" --withdraw --reason '"$BADU"'
for at in 1899-12-31 2200-01-01 0000-00-00 NaN; do
	bad hh-return "--at $at" 1 $RE "$C" --at "$at"
done
bad hh-return "--at before the tree's first commit" 1 $RE "$C" --withdraw --at 2000-01-03T08:00
printf '{"code":"%s","withdraw":"yes"}\n' "$C" >"$T/w-yes.jsonl"
printf '{"code":"%s","reason":"x"}\n' "$C" >"$T/w-reason.jsonl"
printf '{"code":"%s/../x"}\n' "$C" >"$T/w-code.jsonl"
printf '{"code":"%s","at":"0000-00-00"}\n' "$C" >"$T/w-at.jsonl"
for f in yes reason code at; do
	bad "hh-return --batch" "$(sed "s/$C/CODE/" "$T/w-$f.jsonl")" 1 \
	    hh-return -C '"$R"' --actor admin --batch '"$T/w-$f.jsonl"'
done

# --- hh-init (re-configuration) -------------------------------------------
IN="hh-init --actor admin"
bad hh-init "--agency ../x" 1 $IN --agency ../x '"$R"'
bad hh-init "--agency lower-case" 1 $IN --agency 000.00.21.h54 '"$R"'
bad hh-init "--agency of 131000 bytes" 1 $IN --agency '"$BIG"' '"$R"'
bad hh-init "--name of 501 bytes" 1 $IN --name '"$L501"' '"$R"'
bad hh-init "--name with ESC" 1 $IN --name '"$ESC"' '"$R"'
bad hh-init "--name with byte 0xFF" 1 $IN --name '"$BADU"' '"$R"'
bad hh-init "--group on an existing tree" 1 $IN --group root '"$R"'
bad hh-init "--group with ESC for a new tree" 1 $IN --group '"$ESC"' '"$T/new"'
bad hh-init "a folder of 131000 bytes" 1 $IN '"$BIG"'
bad hh-init "--import-procedures a missing file" 1 $IN --import-procedures '"$T/none.csv"' '"$R"'
bad hh-init "--import-procedures a bad CSV" 1 $IN --import-procedures tests/fixtures/procedures-bad-quote.csv '"$R"'
printf 'code,name,field,department,limit_unit,limit_value\n../x,N,F,tp,working_days,1\n' >"$T/slash.csv"
printf 'code,name,field,department,limit_unit,limit_value\nX1,N,F,tp,working_days,NaN\n' >"$T/nan.csv"
printf 'code,name,field,department,limit_unit,limit_value\nX1,N\001,F,tp,working_days,1\n' >"$T/ctrl.csv"
bad hh-init "--import-procedures code ../x" 1 $IN --import-procedures '"$T/slash.csv"' '"$R"'
bad hh-init "--import-procedures limit NaN" 1 $IN --import-procedures '"$T/nan.csv"' '"$R"'
bad hh-init "--import-procedures a control character" 1 $IN --import-procedures '"$T/ctrl.csv"' '"$R"'
bad hh-init "--witness with ESC" 1 $IN --witness '"$ESC"' '"$R"'
bad hh-init "--witness of 131000 bytes" 1 $IN --witness '"$BIG"' '"$R"'
bad hh-init "--witness ext::sh -c id" 1 $IN --witness "'ext::sh -c id'" '"$R"'
bad hh-init "--witness a folder that is no repository" 1 $IN --witness '"$T"' '"$R"'
bad hh-init "--witness where nobody listens" 1 $IN --witness git://127.0.0.1:9/w.git '"$R"'
# configuration files edited on disk, then committed by hh-init
cp "$R/center.json" "$T/center.saved"
cp "$R/calendar" "$T/calendar.saved"
cp "$R/procedures/T-HT03.json" "$T/proc.saved"
edit() { # FILE JQ-FILTER
	jq --tab "$2" "$T/$3.saved" >"$1"
}
restore() {
	cp "$T/center.saved" "$R/center.json"
	cp "$T/calendar.saved" "$R/calendar"
	cp "$T/proc.saved" "$R/procedures/T-HT03.json"
	rm -f "$R/procedures/X.json" "$R/procedures/a b.json"
}
bad1() { # WHAT INPUT then setup command, then hh-init
	what=$1 input=$2; shift 2
	eval "$@"
	bad "$what" "$input" 1 $IN '"$R"'
	restore
}
bad1 "center.json" "name with ESC" 'edit "$R/center.json" ".name = \"$ESC\"" center'
bad1 "center.json" "a staff id ../x" 'edit "$R/center.json" ".staff[0].id = \"../x\"" center'
bad1 "center.json" "a department id with a slash" 'edit "$R/center.json" ".departments[0].id = \"a/b\"" center'
bad1 "center.json" "cutoff 25:00" 'edit "$R/center.json" ".cutoff = \"25:00\"" center'
bad1 "center.json" "morning ending before it starts" 'edit "$R/center.json" ".office_hours.morning = [\"11:30\", \"07:30\"]" center'
bad1 "center.json" "notify.sendmail a relative path" 'edit "$R/center.json" ".notify = {\"sendmail\": \"sendmail\"}" center'
bad1 "center.json" "notify.from with ESC" 'edit "$R/center.json" ".notify = {\"from\": \"$ESC\"}" center'
bad1 "center.json" "a key given twice" 'sed "0,/\"role\":/s//\"role\": \"admin\", \"role\":/" "$T/center.saved" >"$R/center.json"'
bad1 "center.json" "backdate_working_days -1" 'edit "$R/center.json" ".backdate_working_days = -1" center'
bad1 "center.json" "backdate_working_days \"2\"" 'edit "$R/center.json" ".backdate_working_days = \"2\"" center'
bad1 "center.json" "backdate_working_days 1e9" 'edit "$R/center.json" ".backdate_working_days = 1e9" center'
bad1 "center.json" "not JSON" 'echo "{" >"$R/center.json"'
bad1 "center.json" "a NUL byte" 'printf "{\"name\":\"a\000\"}" >"$R/center.json"'
bad1 "center.json" "a staff name of 501 bytes" 'edit "$R/center.json" ".staff[0].name = \"$L501\"" center'
bad1 "calendar" "0000-00-00 off" 'echo "0000-00-00 off x" >>"$R/calendar"'
bad1 "calendar" "2016-02-30 off" 'echo "2016-02-30 off x" >>"$R/calendar"'
bad1 "calendar" "1899-12-31 off" 'echo "1899-12-31 off x" >>"$R/calendar"'
bad1 "calendar" "2200-01-01 off" 'echo "2200-01-01 off x" >>"$R/calendar"'
bad1 "calendar" "a range 2016-01-01..2099-12-31" 'echo "2016-01-01..2099-12-31 off x" >>"$R/calendar"'
bad1 "calendar" "a note with ESC" 'echo "2016-12-24 off $ESC" >>"$R/calendar"'
bad1 "calendar" "byte 0xFF" 'echo "2016-12-24 off $BADU" >>"$R/calendar"'
bad1 "procedures/T-HT03.json" "working_days 1e400" 'sed -i "s/\"working_days\":.*/\"working_days\": 1e400,/" "$R/procedures/T-HT03.json"'
bad1 "procedures/T-HT03.json" "working_days -1" 'edit "$R/procedures/T-HT03.json" ".working_days = -1" proc'
bad1 "procedures/T-HT03.json" "working_days 3651" 'edit "$R/procedures/T-HT03.json" ".working_days = 3651" proc'
bad1 "procedures/T-HT03.json" "code not the file name" 'edit "$R/procedures/T-HT03.json" ".code = \"T-HT04\"" proc'
bad1 "procedures/X.json" "an empty file" ': >"$R/procedures/X.json"'
bad1 "procedures/a b.json" "a file name with a space" 'cp "$T/proc.saved" "$R/procedures/a b.json"'

# --- readers: hh-report, hh-calendar, hh-log, hh-check --------------------
for v in 0000-00 2016-13 1899-12 2200-01 NaN '"$BIG"'; do
	bad hh-report "--month $(echo "$v" | cut -c1-20)" 1 hh-report -C '"$R"' --month "$v"
done
bad hh-report "--quarter 2016-Q5" 1 hh-report -C '"$R"' --quarter 2016-Q5
bad hh-report "--year 0" 1 hh-report -C '"$R"' --year 0
bad hh-report "--from 2016-09-30 --to 2016-09-01" 1 hh-report -C '"$R"' --from 2016-09-30 --to 2016-09-01
bad hh-report "--from 0000-00-00" 1 hh-report -C '"$R"' --from 0000-00-00 --to 2016-09-01
bad hh-report "--by colour" 1 hh-report -C '"$R"' --by colour
bad hh-report "--format pdf" 1 hh-report -C '"$R"' --format pdf
bad hh-report "--publish of a month not over" 1 hh-report -C '"$R"' --publish --month 2199-12
bad hh-report "--publish of days that are no month" 1 hh-report -C '"$R"' --publish --from 2016-09-03 --to 2016-09-10
bad hh-report "--publish --by channel" 2 hh-report -C '"$R"' --publish --by channel
bad hh-report "--format with ESC" 1 hh-report -C '"$R"' --format '"$ESC"'
bad hh-report "--by of 131000 bytes" 1 hh-report -C '"$R"' --by '"$BIG"'
bad hh-report "--overdue --due-within -1" 1 hh-report -C '"$R"' --overdue --due-within -1
bad hh-report "--overdue --due-within 99999999999999999999" 1 hh-report -C '"$R"' --overdue --due-within 99999999999999999999
bad hh-report "--list --status ../x" 1 hh-report -C '"$R"' --list --status ../x
bad hh-report "--list --status of 131000 bytes" 1 hh-report -C '"$R"' --list --status '"$BIG"'
bad hh-report "--list --applicant with ESC" 1 hh-report -C '"$R"' --list --applicant '"$ESC"'
bad hh-report "--list --received-from 1899-12-31" 1 hh-report -C '"$R"' --list --received-from 1899-12-31
bad hh-report "--list --applicant with byte 0xFF" 1 hh-report -C '"$R"' --list --applicant '"$BADU"'
bad hh-report "-o a folder that does not exist" 1 hh-report -C '"$R"' --month 2016-09 -o '"$T/no/such.txt"'
# a dossier in the records larger than HH_DOSSIER_MAX (a commit by plain
# git), exported before so that the report itself changes nothing
G() { git --git-dir="$R/.git" "$@"; }
H0=$(G rev-parse HEAD)
BIGF=dossiers/2016/09/$P-160930-9999.json
head -c 1048577 /dev/zero | tr '\0' ' ' >"$T/big"
plain_commit "$BIGF" "$T/big" big
hh-report -C "$R" --list >/dev/null 2>&1 || true
bad hh-report "a dossier over 1 MiB in the records" 1 hh-report -C '"$R"' --list
G update-ref refs/heads/main "$H0"
rm -f "$R/$BIGF"
echo "$H0" >"$R/.git/hh/worktree"
# Tampering beside the records, without a commit: ignored (exit 0,
# nothing on stderr, the output as without it, within 10 s), and the
# tree but the summary cache unchanged meanwhile.
state_nc() {
	(cd "$R" && find . -path ./.git/hh/cache -prune -o -type f ! -name lock \
	    -printf '%p %s %T@\n' | sort | md5sum)
}
# ignored WHAT INPUT SETUP UNDO CMD...: UNDO puts the tree back and fails
# if something was left behind.
ignored() {
	what=$1 input=$2 setup=$3 undo=$4; shift 4
	( eval "$@" ) >"$T/want" 2>/dev/null </dev/null || true
	eval "$setup"
	s0=$(state_nc)
	st=0; ( eval "timeout 10 $*" ) >"$T/out" 2>"$T/err" </dev/null || st=$?
	s1=$(state_nc)
	why=
	[ "$st" = 0 ] || why="$why status $st, want 0;"
	[ "$s0" = "$s1" ] || why="$why the tree changed;"
	[ -s "$T/err" ] && why="$why $(wc -l <"$T/err") lines on stderr;"
	cmp -s "$T/want" "$T/out" || why="$why the output differs;"
	eval "$undo" || why="$why something left behind;"
	if [ -z "$why" ]; then ok "$what: $input"
	else
		notok "$what: $input"
		echo "#  $why"
		head -n 1 "$T/err" | cut -c1-200 | sed 's/^/#   /'
	fi
	rows=$((rows + 1))
	printf '| %s | %s | %s | %s |\n' "$what" "$input" "$st" \
	    "(none: the output is the records')" >>"$MD"
}
F=$(find "$R/dossiers" -name "$D.json")
cp "$F" "$T/F.saved"
back='rm -f "$F"; cp "$T/F.saved" "$F"'
ignored hh-report "a dossier file edited on disk" \
    'jq --tab ".channel = \"online\" | .events |= .[:1]" "$T/F.saved" >"$F"' \
    "$back" hh-report -C '"$R"' --month 2016-09 --no-cache
ignored hh-report "a dossier file removed from disk" 'rm "$F"' "$back" \
    hh-report -C '"$R"' --list
ignored hh-report "a FIFO for a dossier file" 'rm "$F"; mkfifo "$F"' "$back" \
    hh-report -C '"$R"' --list
ignored hh-report "a sparse dossier file of 2 GB" 'rm "$F"; truncate -s 2G "$F"' \
    "$back" hh-report -C '"$R"' --overdue --due-within 30
ignored hh-report "a dossier file a symbolic link" 'rm "$F"; ln -s /etc/passwd "$F"' \
    "$back" hh-report -C '"$R"' --book --month 2016-09
ignored hh-report "a dossier file on disk that HEAD lacks" \
    'sed "s/$D/$P-160905-9999/" "$T/F.saved" >"$R/dossiers/2016/09/$P-160905-9999.json"' \
    'rm "$R/dossiers/2016/09/$P-160905-9999.json"' hh-report -C '"$R"' --list
ignored hh-report ".git/hh/cache/report writable by its group" \
    'chmod g+w "$R/.git/hh/cache/report"' \
    '[ "$(stat -c %a "$R/.git/hh/cache/report")" = 640 ]' \
    hh-report -C '"$R"' --month 2016-09
ignored hh-report ".git/hh/cache a link to a folder elsewhere" \
    'mv "$R/.git/hh/cache" "$T/cache.saved"; mkdir "$T/away"; ln -s "$T/away" "$R/.git/hh/cache"' \
    'rm "$R/.git/hh/cache"; mv "$T/cache.saved" "$R/.git/hh/cache"; rmdir "$T/away"' \
    hh-report -C '"$R"' --month 2016-09
bad hh-calendar "year 0" 1 hh-calendar -C '"$R"' 0
bad hh-calendar "month 2016-13" 1 hh-calendar -C '"$R"' 2016-13
bad hh-calendar "month with ESC" 1 hh-calendar -C '"$R"' '"$ESC"'
bad hh-calendar "--due --from 0000-00-00" 1 hh-calendar -C '"$R"' --due --from 0000-00-00 --working-days 1
bad hh-calendar "--due --working-days NaN" 1 hh-calendar -C '"$R"' --due --from 2016-09-05T08:00 --working-days NaN
bad hh-calendar "--due --working-days -1" 1 hh-calendar -C '"$R"' --due --from 2016-09-05T08:00 --working-days -1
bad hh-calendar "--due --calendar-days 1e308" 1 hh-calendar -C '"$R"' --due --from 2016-09-05T08:00 --calendar-days 1e308
bad hh-calendar "--due --from with ESC" 1 hh-calendar -C '"$R"' --due --from '"$ESC"' --working-days 1
bad hh-calendar "--due --working-days of 131000 bytes" 1 hh-calendar -C '"$R"' --due --from 2016-09-05T08:00 --working-days '"$BIG"'
bad hh-log "code ../../etc/passwd-160905-0001" 1 hh-log -C '"$R"' "../../etc/passwd-160905-0001"
bad hh-log "code of 131000 bytes" 1 hh-log -C '"$R"' '"$BIG"'
bad hh-log "code with ESC" 1 hh-log -C '"$R"' '"$ESC"'
bad hh-notify "an operand" 2 hh-notify -C '"$R"' x
bad hh-notify "--mail with --init" 2 hh-notify -C '"$R"' --mail --init
bad hh-notify "-C a missing folder" 1 hh-notify -C '"$T/nowhere"'
bad hh-notify "-C with ESC" 1 hh-notify -C '"$ESC"'
bad hh-sync "an operand" 2 hh-sync -C '"$R"' x
bad hh-sync "no peers nor push_to" 1 hh-sync -C '"$R"'
bad hh-sync "-C a missing folder" 1 hh-sync -C '"$T/nowhere"'
bad hh-sync "-C with ESC" 1 hh-sync -C '"$ESC"'
bad hh-check "--since not-a-commit" 1 hh-check -C '"$R"' --since not-a-commit
bad hh-check "--since HEAD~99999" 1 hh-check -C '"$R"' --since HEAD~99999
bad hh-check "--since with ESC" 1 hh-check -C '"$R"' --since '"$ESC"'
bad hh-check "--since of 131000 bytes" 1 hh-check -C '"$R"' --since '"$BIG"'
bad hh-check "--anchor with ESC" 1 hh-check -C '"$R"' --anchor '"$ESC"'
bad hh-check "--witness on a tree without one" 1 hh-check -C '"$R"' --witness
# The repository changed with plain git beside hh: hh-check names what git
# would run or read (exit 1, one finding, HEAD's, on stdout), runs none
# of it and changes nothing; hh-check below finds the tree put back clean.
# found INPUT SETUP UNDO [TEXT]: TEXT picks the finding of several.
found() {
	input=$1 setup=$2 undo=$3 pick=${4:-}
	eval "$setup"
	s0=$(state)
	st=0; hh-check -C "$R" --quiet >"$T/out" 2>"$T/err" </dev/null || st=$?
	s1=$(state)
	eval "$undo"
	# a tree that cannot even be opened safely (an include libgit2
	# would follow) is refused: the one line on stderr is the report
	if [ "$st" = 1 ] && [ ! -s "$T/out" ] &&
	    [ "$(wc -l <"$T/err")" = 1 ]; then
		sed "s|$R|\$R|" "$T/err" >"$T/out"
		: >"$T/err"
	fi
	if [ -n "$pick" ]; then grep -F -- "$pick" "$T/out" >"$T/line" || :
	else cp "$T/out" "$T/line"; fi
	why=
	[ "$st" = 1 ] || why="$why status $st, want 1;"
	[ "$(wc -l <"$T/line")" = 1 ] || why="$why $(wc -l <"$T/line") findings;"
	[ -s "$T/err" ] && why="$why $(wc -l <"$T/err") lines on stderr;"
	[ "$s0" = "$s1" ] || why="$why the tree changed;"
	ls "$T" | grep -q pwned && why="$why a program ran;"
	if [ -z "$why" ]; then ok "hh-check: $input"
	else
		notok "hh-check: $input"
		echo "#  $why"
		sed 's/^/#   /' "$T/out" "$T/err" | head -4
	fi
	line=$(sed 's/|/\\|/g' "$T/line")
	rows=$((rows + 1))
	printf '| hh-check | %s | %s | `%s` |\n' "$input" "$st" "$line" >>"$MD"
}
G() { git --git-dir="$R/.git" "$@"; }
cp "$R/.git/config" "$T/config.saved"
conf='cp "$T/config.saved" "$R/.git/config"'
PW="touch $T/pwned"
for k in diff.x.textconv diff.x.command filter.x.smudge core.fsmonitor \
    core.pager core.sshCommand core.hooksPath core.editor core.gitProxy \
    core.askPass alias.lg credential.helper uploadpack.packObjectsHook \
    receive.procReceiveRefs sequence.editor gpg.program safe.directory \
    include.path includeIf.gitdir:/.path; do
	found "git config $k …" 'G config "$k" "$PW"' "$conf"
done
found "git config core.bare false" 'G config core.bare false' "$conf"
found ".git/config a symbolic link" \
    'mv "$R/.git/config" "$T/config.away"; ln -s "$T/config.away" "$R/.git/config"' \
    'rm "$R/.git/config"; mv "$T/config.away" "$R/.git/config"'
found ".git/hooks/post-commit" \
    'printf "#!/bin/sh\n%s\n" "$PW" >"$R/.git/hooks/post-commit"; chmod +x "$R/.git/hooks/post-commit"' \
    'rm "$R/.git/hooks/post-commit"'
found ".git/hooks a symbolic link" \
    'mv "$R/.git/hooks" "$T/hooks"; ln -s "$T/hooks" "$R/.git/hooks"' \
    'rm "$R/.git/hooks"; mv "$T/hooks" "$R/.git/hooks"'
found ".git/info/attributes *.json diff=x" \
    'echo "*.json diff=x" >"$R/.git/info/attributes"' 'rm "$R/.git/info/attributes"'
found ".git/info/grafts" 'G rev-parse HEAD >"$R/.git/info/grafts"' \
    'rm "$R/.git/info/grafts"'
found ".git/info a symbolic link" \
    'mv "$R/.git/info" "$T/info"; ln -s "$T/info" "$R/.git/info"' \
    'rm "$R/.git/info"; mv "$T/info" "$R/.git/info"'
found ".git/objects/info/alternates" \
    'echo "$T/elsewhere/objects" >"$R/.git/objects/info/alternates"' \
    'rm "$R/.git/objects/info/alternates"'
found "a replace ref (git replace)" \
    'G update-ref "refs/replace/$(G rev-parse HEAD)" "$(G rev-parse HEAD)"' \
    'G update-ref -d "refs/replace/$(G rev-parse HEAD)"' "refs/replace/"
H0=$(G rev-parse HEAD)
found "a committed .gitattributes" '
	echo "*.json diff=x" >"$R/.gitattributes"
	GIT_INDEX_FILE=$T/index G read-tree HEAD
	GIT_INDEX_FILE=$T/index G update-index --add --cacheinfo \
	    "100644,$(G hash-object -w "$R/.gitattributes"),.gitattributes"
	G update-ref refs/heads/main "$(echo attributes | GIT_AUTHOR_NAME=git \
	    GIT_AUTHOR_EMAIL=git@example.vn GIT_COMMITTER_NAME=git \
	    GIT_COMMITTER_EMAIL=git@example.vn \
	    GIT_AUTHOR_DATE=2016-09-30T18:00+07:00 \
	    GIT_COMMITTER_DATE=2016-09-30T18:00+07:00 G commit-tree \
	    "$(GIT_INDEX_FILE=$T/index G write-tree)" -p HEAD)"
	rm -f "$T/index"
	G rev-parse HEAD >"$R/.git/hh/worktree"' '
	G update-ref refs/heads/main "$H0"
	echo "$H0" >"$R/.git/hh/worktree"
	rm "$R/.gitattributes"' ": attributes"

check "hh-check is clean after all of it" hh-check -C "$R"
check_eq "nothing was committed (init, 2 intakes, 1 hand-over)" 4 "$(git -C "$R" rev-list --count HEAD)"

{
	echo "# Bad inputs and what hh says"
	echo
	echo "Generated by \`tests/cli/7000-hostile.sh\` (\`UPDATE_BAD_INPUTS=1 sh"
	echo "tests/cli/7000-hostile.sh\`); the test fails when this file is stale."
	echo "Each input is refused with exit 1 (2: a usage error, whose line the"
	echo "usage text follows), one line on stderr, and no change on disk or in"
	echo "git.  CODE is a dossier code; \`\$T\` the test's temporary folder;"
	echo "control characters are shown as \`\\NNN\` (octal); those that hh"
	echo "escapes itself (hh_quote) read \`\\xHH\`.  Exit 0: tampering beside"
	echo "the records (no commit) that hh ignores: the output is what the"
	echo "records hold, and nothing is said."
	echo "hh-check, exit 1: the repository changed beside hh (\`…\` stands for"
	echo "a command); the line is its finding, on stdout."
	echo
	echo "| command | bad input | exit | the line on stderr |"
	echo "| --- | --- | --- | --- |"
	cat "$MD"
	# the hand-written sections after the table ("## ...", e.g. the
	# attacks of tests/cli/7600-privsep.sh) are kept as they are
	if sed -n '/^## /,$p' "$TOP/tests/BAD-INPUTS.md" | grep -q .; then
		echo
		sed -n '/^## /,$p' "$TOP/tests/BAD-INPUTS.md"
	fi
} >"$T/BAD-INPUTS.md"
if [ "${UPDATE_BAD_INPUTS:-0}" = 1 ]; then
	cp "$T/BAD-INPUTS.md" "$TOP/tests/BAD-INPUTS.md"
fi
check "tests/BAD-INPUTS.md is up to date ($rows inputs)" \
    diff -u "$TOP/tests/BAD-INPUTS.md" "$T/BAD-INPUTS.md"
done_testing
