#!/bin/sh
# hh-report reads only what is committed.  The summary cache is believed
# only if no one but the tree's owner could have written it; a dossier
# file on disk is used only if it is what HEAD holds, else HEAD's content
# is read from git.  A file edited, removed or replaced (a FIFO, a huge
# file, a link) changes no output and hangs nothing; nothing is read or
# written through a link in .git/hh; a login that may only read gets
# every form; -o writes with the caller's rights.  The logins need root.
. tests/cli/lib.sh
plan 27
export HH_NOW=2024-06-28T16:00:00+07:00
R=$T/r
gen_tree "$R" 300
C=$R/.git/hh/cache/report
G() { git --git-dir="$R/.git" "$@"; }

# every form, each given 10 s: a FIFO must not hang one
hr() { timeout 10 hh-report -C "$R" "$@"; }
rep() { hr --from 2023-06-01 --to 2024-06-28 --by channel --format csv "$@"; }
all() {
	rep --no-cache && rep && hr --list --format csv &&
	    hr --overdue --format csv && hr --book --year 2024 --format csv
}
u=$(rep --no-cache)
U=$(all)
check_eq "the cache agrees with the dossiers" "$u" "$(rep)"

# The store's hash (lib/cache.c hash4) of the standard input as its 8
# bytes (little-endian), in printf escapes: FNV-1a over 64-bit words in
# four lanes (word k in lane k % 4), the lanes' 32 bytes then FNV-1a'd
# bytewise; 16-bit limbs, as awk has doubles.
hash4() {
	od -An -v -tu1 | awk '
	function xor8(a, b,   r, i, p) {
		r = 0; p = 1
		for (i = 0; i < 8; i++) {
			if (a % 2 != b % 2) r += p
			a = int(a / 2); b = int(b / 2); p *= 2
		}
		return r
	}
	# x[o..o+3] ^= byte at byte position j (0-7)
	function xorb(x, o, j, b,   q, lo, hi) {
		q = o + int(j / 2); lo = x[q] % 256; hi = int(x[q] / 256)
		if (j % 2 == 0) lo = xor8(lo, b); else hi = xor8(hi, b)
		x[q] = hi * 256 + lo
	}
	# x[o..o+3] *= 0x100000001b3: times 435, plus the number shifted by 40
	function mul(x, o,   c, i, v, r) {
		c = 0
		for (i = 0; i < 4; i++) {
			v = x[o + i] * 435 + c; r[i] = v % 65536; c = int(v / 65536)
		}
		v = r[2] + (x[o] * 256) % 65536; r[2] = v % 65536
		r[3] = (r[3] + (x[o + 1] * 256 + int(x[o] / 256)) % 65536 + int(v / 65536)) % 65536
		for (i = 0; i < 4; i++) x[o + i] = r[i]
	}
	function basis(x, o) { x[o] = 8997; x[o + 1] = 33826; x[o + 2] = 40164; x[o + 3] = 52210 }
	BEGIN { for (k = 0; k < 4; k++) basis(h, 4 * k); n = 0 }
	{
		for (f = 1; f <= NF; f++) {
			o = 4 * (int(n / 8) % 4)
			xorb(h, o, n % 8, $f)
			if (n % 8 == 7) mul(h, o)
			n++
		}
	}
	END {
		basis(g, 0)
		for (k = 0; k < 16; k++) {
			xorb(g, 0, 0, h[k] % 256); mul(g, 0)
			xorb(g, 0, 0, int(h[k] / 256)); mul(g, 0)
		}
		for (i = 0; i < 4; i++) printf "\\%03o\\%03o", g[i] % 256, int(g[i] / 256)
	}'
}
u8() { od -An -tu8 -j "$2" -N 8 "$1" | tr -d ' '; }
# A forged store: well-formed, naming HEAD, every online receipt made
# direct (the strings' one "online" overwritten), its hash made again
# (it follows the header, the records and the strings).
cp "$C" "$T/f"
off=$(LC_ALL=C grep -obUa online "$T/f" | head -n 1 | cut -d: -f1)
printf direct | dd of="$T/f" bs=1 seek="$off" conv=notrunc 2>/dev/null
k=$((128 + 64 * $(u8 "$T/f" 56) + $(u8 "$T/f" 72)))
head -c "$k" "$T/f" >"$T/forged"
printf "$(head -c "$k" "$T/f" | hash4)" >>"$T/forged"
tail -c +$((k + 9)) "$T/f" >>"$T/forged"
put() { rm -rf "$R/.git/hh/cache"; mkdir "$R/.git/hh/cache"; cp "$T/forged" "$C"; chmod 640 "$C"; }
put
check "a forged cache only the owner could have written is believed (the control)" \
    '[ "$(rep)" != "$u" ]'
put; chmod g+w "$C"
check_eq "a cache its group may write is not (made again)" "$u" "$(rep)"
check_eq "the one made again is not group-writable, and is used" "640 $u" \
    "$(stat -c %a "$C") $(rep)"
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
	put; chown nobody "$C"
	check_eq "a cache of another login is not believed" "$u" "$(rep)"
else
	skip 1 "a cache of another login (needs root)"
fi
put; mv "$C" "$T/linked"; ln -s "$T/linked" "$C"
check_eq "nor one that is a link" "$u" "$(rep)"
# .git/hh/cache a link to a folder elsewhere, holding the forgery
rm -rf "$R/.git/hh/cache" "$T/outside"
mkdir "$T/outside"
cp "$T/forged" "$T/outside/report"
ln -s "$T/outside" "$R/.git/hh/cache"
check_eq "cache/ a link elsewhere: neither read nor written" "$u report $(md5sum <"$T/forged")" \
    "$(rep) $(ls "$T/outside") $(md5sum <"$T/outside/report")"
rm "$R/.git/hh/cache"

# The dossier files on disk.  F: a dossier received in April 2024, since
# resolved and returned (every form shows it).
F=$(grep -l '"returned"' "$R"/dossiers/2024/04/*.json | head -n 1)
cp "$F" "$T/F"
jq --tab '.channel = "online" | .status = "received" | .events |= .[:1]' \
    "$T/F" >"$F"
check_eq "a dossier edited on disk changes no form" "$U" "$(all)"
rm -f "$C"
check_eq "nor the cache made while it is there" "$u" "$(rep >/dev/null; rep)"
rm "$F"
check_eq "a dossier removed from disk is still counted" "$U" "$(all)"
mkfifo "$F"
check_eq "a FIFO in its place hangs nothing" "$U" "$(all)"
rm -f "$C"
check_eq "nor the cache made then" "$u" "$(rep >/dev/null; rep)"
rm "$F"; truncate -s 2G "$F"
check_eq "nor a sparse file of 2 GB" "$U" "$(all)"
rm "$F"; ln -s "$T/F" "$F"
check_eq "a link to the very same content is not read" "$U" "$(all)"
rm "$F"; cp "$T/F" "$F"
check_eq "put back, all is as before" "$U" "$(all)"
# a month folder made a link to an edited copy
M=$(dirname "$F")
cp -a "$M" "$T/month"
jq --tab '.channel = "online" | .events |= .[:1]' "$T/F" >"$T/month/$(basename "$F")"
mv "$M" "$T/month.real"; ln -s "$T/month" "$M"
check_eq "a month folder that is a link is not read" "$U" "$(all)"
rm "$M"; mv "$T/month.real" "$M"
# a dossier on disk that HEAD does not have (hh-check names it)
sed 's/"code": "[^"]*"/"code": "000.00.21.H54-240401-9999"/' "$T/F" \
    >"$M/000.00.21.H54-240401-9999.json"
check_eq "a dossier on disk only is not counted" "$U" "$(all)"
rm "$M/000.00.21.H54-240401-9999.json"
check_eq "every output names HEAD" "$(G rev-parse HEAD)" \
    "$(hr --year 2024 --format json | jq -r .source)"

# A dossier in the records larger than HH_DOSSIER_MAX (committed with
# plain git): an error naming it, whatever the form.
H0=$(G rev-parse HEAD)
big=dossiers/2024/01/000.00.21.H54-240101-9999.json
head -c 1048577 /dev/zero | tr '\0' ' ' >"$T/big"
plain_commit "$big" "$T/big" big
check_fail "a dossier over 1 MiB in the records is an error" 1 \
    "hh-report: $big: 1048577 bytes, more than a dossier may hold (1 MiB)" \
    hh-report -C '"$R"' --list
check_fail "so it is for the report" 1 \
    "hh-report: $big: 1048577 bytes, more than a dossier may hold (1 MiB)" \
    hh-report -C '"$R"' --year 2024
G update-ref refs/heads/main "$H0"
rm -f "$R/$big"
echo "$H0" >"$R/.git/hh/worktree"

# A login that may only read: every form, from the cache or not, and
# nothing written.  A privileged install: -o with the caller's rights.
if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null ||
    ! id nobody >/dev/null 2>&1 || ! id daemon >/dev/null 2>&1; then
	skip 7 "needs root, setpriv, nobody and daemon"
else
	chmod 711 "$T"
	mkdir "$T/bin"
	cp "$TOP/hh-report" "$T/bin/"
	chmod 755 "$T/bin" "$T/bin/hh-report"
	as() { setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"; }
	RO=$T/ro
	cp -a "$R" "$RO"
	chmod -R o+rX,a-w "$RO"
	R=$RO
	hr() { as timeout 10 "$T/bin/hh-report" -C "$RO" "$@"; }
	check_eq "a reader that may not write: every form, from the cache" "$U" "$(all)"
	rm -f "$RO/.git/hh/cache/report"
	check_eq "and without it" "$U" "$(all)"
	check_eq "which it does not write" "no" \
	    "$([ -e "$RO/.git/hh/cache/report" ] && echo yes || echo no)"
	rm -rf "$RO/.git/hh"
	check_eq "nor is .git/hh needed" "$U" "$(all)"
	# the tool set-user-ID to a records account (daemon) owning the tree
	PR=$T/priv
	cp -a "$T/r" "$PR"
	chown -R daemon "$PR"
	cp "$TOP/hh-report" "$T/bin/hh-report-priv"
	chown daemon "$T/bin/hh-report-priv"
	chmod 4755 "$T/bin/hh-report-priv"
	mkdir "$T/mine"
	chown nobody "$T/mine"
	chmod 700 "$T/mine"
	check "privileged: -o into the caller's folder" \
	    as "$T/bin/hh-report-priv" -C '"$PR"' --list -o '"$T/mine/list.txt"'
	check_eq "the file is the caller's" nobody "$(stat -c %U "$T/mine/list.txt")"
	R=$PR
	check_fail "-o where only the records account may write is refused" 1 \
	    "Permission denied" \
	    as "$T/bin/hh-report-priv" -C '"$PR"' --list -o '"$PR/list.txt"'
fi
done_testing
