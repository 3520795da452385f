#!/bin/sh
# hh-log's history index (.git/hh/cache/history, hh-records(5)): the same
# output with it as without it, kept up to date, rebuilt after a rewrite;
# edited, damaged, killed, raced or foreign indexes never believed.
. tests/cli/lib.sh
plan 64
fixture_tree
export HH_NOW=2016-09-30T17:00:00+07:00 HH_FSYNC=0
IX=$R/.git/hh/cache/history
codes=
intake() {
	c=$(hh-intake -C "$R" --actor lan --procedure T-HT03 --applicant "$1" \
	    --at "$2")
	codes="$codes $c"
}
step() { hh-route -C "$R" --actor lan --at "$2" "$1" --to tp >/dev/null; }
intake "Một" 2016-09-05T08:00
intake "Hai" 2016-09-05T08:10
intake "Ba" 2016-09-05T08:20
set -- $codes
c1=$1 c2=$2 c3=$3
step "$c1" 2016-09-05T09:00
hh-route -C "$R" --actor minh --at 2016-09-06T10:00 "$c1" --done >/dev/null
step "$c2" 2016-09-06T09:00

# same: every dossier's hh-log, text and --json, here and on a fresh
# clone (a reader's tree: no index, the whole history walked); stderr
# of the runs here in $T/warn
same() {
	rm -rf "$T/clone"
	git clone -q "$R" "$T/clone"
	: >"$T/warn"
	for c in $codes; do
		for j in "" --json; do
			hh-log -C "$R" $j "$c" >"$T/a" 2>>"$T/warn" || return 1
			hh-log -C "$T/clone" $j "$c" >"$T/b" || return 1
			cmp -s "$T/a" "$T/b" || { echo "$c $j differs" >&2; return 1; }
		done
	done
}
nowarn() { [ ! -s "$T/warn" ] || { cat "$T/warn" >&2; return 1; }; }
onewarn() {
	[ "$(wc -l <"$T/warn")" = 1 ] && grep -q "^hh-log: $R: warning: .*$1" "$T/warn" ||
	    { cat "$T/warn" >&2; return 1; }
}

check "without an index: the same log as the clone's" same
check "no warning" nowarn
check "the index was made" test -f "$IX"
check "with it: the same log" same
check "no warning" nowarn
check_eq "its head is HEAD" "$(git -C "$R" rev-parse HEAD)" \
    "$(od -An -tx1 -j28 -N20 "$IX" | tr -d ' \n')"

# incremental
intake "Bốn" 2016-09-07T08:00
step "$c3" 2016-09-07T09:00
hh-return -C "$R" --actor hoa --at 2016-09-08T08:00 "$c1" >/dev/null
check "after more commits: the same log" same
check "no warning" nowarn
check "the new commits in the delta" test -f "$IX.delta"
check_eq "the delta ends at HEAD" "$(git -C "$R" rev-parse HEAD)" \
    "$(od -An -tx1 -j28 -N20 "$IX.delta" | tr -d ' \n')"
check_eq "and starts at the base's head" \
    "$(od -An -tx1 -j28 -N20 "$IX" | tr -d ' \n')" \
    "$(od -An -tx1 -j8 -N20 "$IX.delta" | tr -d ' \n')"
check "hh-check: no finding" hh-check -C "$R" --quiet

# a rewrite: the branch moved back, other steps recorded
git -C "$R" update-ref refs/heads/main HEAD~4
rm "$R/.git/hh/worktree"	# the history replaced on purpose
codes="$c1 $c2 $c3"
hh-route -C "$R" --actor lan --at 2016-09-09T09:00 "$c3" --to tnmt >/dev/null
intake "Năm" 2016-09-09T10:00
check "after a rewrite: the same log" same
check "no warning (hh-check says the rewrite)" nowarn
check_eq "rebuilt at HEAD" "$(git -C "$R" rev-parse HEAD)" \
    "$(od -An -tx1 -j28 -N20 "$IX" | tr -d ' \n')"
check "no delta of the old history left" test ! -e "$IX.delta"

# edit OP PATH: perl changes path's record of the base (swap its first two
# commits, drop its last, add the next record's first), then recomputes
# every checksum as hh does (BLAKE2b-128, b2sum -l 128); or flips a bit of
# its first commit, the checksums left
edit() {
	perl -e '
	use strict; my ($f, $op, $path, $t) = @ARGV;
	sub b2 { open(my $o, ">:raw", "$t/b2") or die; print $o $_[0]; close $o;
		my $h = `b2sum -l 128 "$t/b2"`; return pack("H*", substr($h, 0, 32)); }
	open(my $in, "<:raw", $f) or die; local $/; my $d = <$in>; close $in;
	my ($np, $ne, $nn) = unpack("V3", substr($d, 48, 12));
	my $eo = 96 + 24 * $np; my $no = $eo + 20 * $ne;
	for my $i (0 .. $np - 1) {
		my ($off, $len, $first, $cnt) = unpack("V4", substr($d, 96 + 24 * $i, 16));
		next unless substr($d, $no + $off, $len) eq $path;
		if ($op eq "flip") {
			substr($d, $eo + 20 * $first + 5, 1) ^= "\x01";
			open(my $out, ">:raw", $f) or die; print $out $d; close $out;
			exit 0;
		} elsif ($op eq "swap") {
			my $a = substr($d, $eo + 20 * $first, 20);
			substr($d, $eo + 20 * $first, 20) = substr($d, $eo + 20 * ($first + 1), 20);
			substr($d, $eo + 20 * ($first + 1), 20) = $a;
		} else { $cnt += $op eq "add" ? 1 : -1; }
		substr($d, 96 + 24 * $i + 12, 4) = pack("V", $cnt);
	}
	for my $i (0 .. $np - 1) {
		my ($off, $len, $first, $cnt) = unpack("V4", substr($d, 96 + 24 * $i, 16));
		substr($d, 96 + 24 * $i + 16, 8) = substr(b2(pack("V", $len) .
		    substr($d, $no + $off, $len) . pack("V", $cnt) .
		    substr($d, $eo + 20 * $first, 20 * $cnt)), 0, 8);
	}
	substr($d, 64, 16) = b2(substr($d, 96));
	substr($d, 80, 16) = b2(substr($d, 0, 80));
	open(my $out, ">:raw", $f) or die; print $out $d; close $out;
	' "$IX" "$1" "$2" "$T"
}
pathof() { git -C "$R" ls-tree -r --name-only HEAD dossiers | grep "/$1.json"; }
p1=$(pathof "$c1")
# hand-edited: the output still git's, one warning, hh-check reports it,
# the next run finds it rebuilt
damaged() {
	what=$1 why=$2
	st=0; hh-check -C "$R" --quiet >"$T/check" 2>&1 || st=$?
	check_eq "$what: hh-check reports it" "1 1" \
	    "$st $(grep -c ': history index: \.git/hh/cache/history' "$T/check")"
	check "$what: the same log" same
	check "$what: one warning: $why" onewarn "'$why'"
	check "$what: rebuilt: no warning the next time" 'same && nowarn'
}
hh-log -C "$R" "$c1" >/dev/null
edit swap "$p1"
damaged "two commits swapped" "does not change it\|is missing"
edit drop "$p1"
damaged "a commit dropped" "is missing"
edit add "$p1"
damaged "a commit added" "does not change it\|is missing"
edit flip "$p1"
damaged "a bit flipped" "checksum does not match"
truncate -s -7 "$IX"
damaged "truncated" "truncated"

# another login's index, or one others may write, is not believed: ignored
# (one warning), the log git's, and replaced by the owner's
hh-log -C "$R" "$c1" >/dev/null
chmod 0664 "$IX"
check "writable by others: the same log" same
check "writable by others: one warning" onewarn "'writable by others'"
check_eq "replaced by the owner's" 640 "$(stat -c %a "$IX")"
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null && id nobody >/dev/null 2>&1; then
	chown nobody "$IX"
	check "another login's: the same log" same
	check "another login's: one warning" onewarn "'not the tree owner'"
	# a staff login of a shared tree (hh-init --group) is not its owner:
	# it uses the index, never writes it
	GRP=hhlog$$
	groupadd "$GRP"
	at_exit 'groupdel "$GRP" 2>/dev/null'
	mkdir "$T/bin" "$T/home"
	cp "$TOP/hh-log" "$T/bin/"
	chmod 711 "$T"
	chmod 755 "$T/bin" "$T/bin/hh-log" "$T/home" "$T/share" \
	    "$T/share/records" "$T/share/procedures"
	chmod 644 "$T"/share/records/* "$T"/share/procedures/*
	S=$T/shared
	HH_NOW=2015-01-05T07:00:00+07:00 hh-init --group "$GRP" "$S" >/dev/null
	sc=$(hh-intake -C "$S" --actor lan --procedure T-HT03 --applicant Sáu \
	    --at 2016-09-12T08:00)
	hh-log -C "$S" "$sc" >/dev/null
	hh-route -C "$S" --actor lan --at 2016-09-12T09:00 "$sc" --to tp >/dev/null
	cp "$S/.git/hh/cache/history" "$T/ix.before"
	reader() {
		setpriv --reuid=nobody --regid="$GRP" --clear-groups -- \
		    env HOME="$T/home" "$T/bin/hh-log" -C "$S" "$sc" >"$T/nobody" ||
		    return 1
		rm -rf "$T/sclone"; git clone -q "$S" "$T/sclone"
		hh-log -C "$T/sclone" "$sc" | cmp - "$T/nobody"
	}
	check "a staff login's hh-log: git's log" reader
	check "its run wrote no index" \
	    'cmp "$S/.git/hh/cache/history" "$T/ix.before" &&
	    test ! -e "$S/.git/hh/cache/history.delta"'
else
	skip 4 "needs root, setpriv and user nobody"
fi

# writers commit while hh-log brings the index up to date
hh-log -C "$R" "$c1" >/dev/null
( i=0; while [ $i -lt 15 ]; do
	hh-intake -C "$R" --actor lan --procedure T-HT03 --applicant "Song $i" \
	    --at 2016-09-13T08:00 >/dev/null; i=$((i + 1)); done ) &
wpid=$!
: >"$T/race"
while kill -0 $wpid 2>/dev/null; do
	hh-log -C "$R" "$c1" >/dev/null 2>>"$T/race" || echo "hh-log failed" >>"$T/race"
done
wait $wpid
check_eq "hh-log beside writers: no warning, no failure" "" "$(cat "$T/race")"
check "then the same log, no warning" 'same && nowarn'
check "hh-check: no finding of the index" \
    '! hh-check -C "$R" --quiet | grep "history index"'

# the journal (hh-records(5)): each writer appends its commits' changes
# once its branch has moved; the next hh-log reads them instead of
# comparing trees, puts them in the delta and removes the journal
J=$IX.journal
jcount() {
	perl -e 'local $/; my $d = <STDIN>; my ($at, $n) = (0, 0);
	while ($at + 4 <= length $d) { $at += unpack("V", substr($d, $at, 4)); $n++ }
	print $n' <"$J"
}
# jlie PATH: the journal's last record names PATH (of the same length)
# instead of its own, its checksum recomputed as hh does
jlie() {
	perl -e '
	use strict; my ($f, $path, $t) = @ARGV;
	open(my $in, "<:raw", $f) or die; local $/; my $d = <$in>; close $in;
	my ($at, $last) = (0, -1);
	while ($at + 4 <= length $d) { $last = $at; $at += unpack("V", substr($d, $at, 4)); }
	my $rl = unpack("V", substr($d, $last, 4));
	substr($d, $last + 46, 2 + length $path) = pack("v", length $path) . $path;
	open(my $o, ">:raw", "$t/b2") or die; print $o substr($d, $last, $rl - 16); close $o;
	my $h = `b2sum -l 128 "$t/b2"`;
	substr($d, $last + $rl - 16, 16) = pack("H*", substr($h, 0, 32));
	open(my $out, ">:raw", $f) or die; print $out $d; close $out;
	' "$J" "$1" "$T"
}
hh-log -C "$R" "$c1" >/dev/null
check "up to date: no journal" test ! -e "$J"
intake "Năm" 2016-09-14T08:00
step "${codes##* }" 2016-09-14T09:00
check_eq "two commits, two records" 2 "$(jcount)"
check_eq "the journal is the owner's alone" 640 "$(stat -c %a "$J")"
check "with the journal: the same log" same
check "no warning" nowarn
check "the journal's commits went into the delta" 'test ! -e "$J" &&
    [ "$(od -An -tx1 -j28 -N20 "$IX.delta" | tr -d " \n")" = \
    "$(git -C "$R" rev-parse HEAD)" ]'
intake "Sáu" 2016-09-14T10:00
intake "Bảy" 2016-09-14T10:10
truncate -s -5 "$J"
check "a record torn by a kill: the same log, no warning" 'same && nowarn'
intake "Tám" 2016-09-14T10:20
jlie "$p1"
damaged "a journal that lies" "does not change it\|is missing"
# a check that finds the index sound keeps it as one base and remembers
# it: the next one walks only the commits since, and still sees a lie
# (the tree's other findings are the rewrite's, above)
hh-check -C "$R" --quiet >"$T/check" 2>&1 || :
check_eq "a check that finds the index sound: one base, remembered" \
    "0 $(git -C "$R" rev-parse HEAD) no delta" \
    "$(grep -c 'history index' "$T/check") $(cut -d' ' -f2 "$IX.checked") $(test -e "$IX.delta" || echo no delta)"
intake "Chín" 2016-09-14T10:30
jlie "$p1"
damaged "a journal that lies, after a check" "does not change it\|is missing"

# kill -9 while the index is built or saved, at any moment: the old index
# or the new one, never a wrong one
G=$T/big
gen_tree "$G" 1500
gc=$(git -C "$G" ls-tree -r --name-only HEAD dossiers | sed -n '700s|.*/||; 700s|\.json$||p')
rm -rf "$T/gclone"; git clone -q "$G" "$T/gclone"
hh-log -C "$T/gclone" "$gc" >"$T/gref"
bad=
for d in 0.05 0.1 0.2 0.3 0.5 0.8 1.2 1.6; do
	rm -f "$G/.git/hh/cache/history"
	hh-log -C "$G" "$gc" >/dev/null 2>&1 &
	kpid=$!
	sleep $d
	kill -9 $kpid 2>/dev/null || :
	wait $kpid 2>/dev/null || :
	hh-log -C "$G" "$gc" >"$T/gout" 2>"$T/gerr" || bad="$bad $d:failed"
	cmp -s "$T/gout" "$T/gref" || bad="$bad $d:differs"
	[ ! -s "$T/gerr" ] || bad="$bad $d:warned"
done
check_eq "killed at 8 moments: each next run the same log, no warning" "" "$bad"
check "and the index then sound (hh-check)" \
    '! hh-check -C "$G" --quiet | grep "history index"'
done_testing
