# 6800-sign.sh - signed commits (issue "Every figure provable" §2): every
# commit hh makes is signed with the tree's key in OpenSSH's format, plain
# git verifies each one with the allowed_signers file hh-init writes, and
# hh-check reports what a staff login could do instead: a commit not
# signed, signed by a key of its own, signed by the tree's old key after
# it was replaced, an allowed_signers rewritten by plain git.
. tests/cli/lib.sh
plan 32
export HH_NOW=2016-09-30T08:00:00+07:00 HH_FSYNC=0
fixture_tree
G() { git --git-dir="$R/.git" "$@"; }
short() { G rev-parse --short=10 "${1:-HEAD}"; }
# the tree's key as ssh-keygen takes it (0600: the tree's is group-readable)
key() { install -m 600 "$R/.git/hh/key" "$T/$1"; }

# a day at the desk: intake, route, done, return, a configuration change
hh-intake -C "$R" --actor lan --procedure T-HT03 --applicant "Người Thử" \
    >/dev/null
code=$(ls "$R"/dossiers/2016/09 | sed 's/\.json$//')
HH_NOW=2016-09-30T09:00:00+07:00 hh-route -C "$R" --actor lan "$code" \
    --to tp >/dev/null
HH_NOW=2016-09-30T10:00:00+07:00 hh-route -C "$R" --actor minh "$code" \
    --done >/dev/null
HH_NOW=2016-09-30T11:00:00+07:00 hh-return -C "$R" --actor lan "$code" \
    >/dev/null
sed -i 's/"15:00"/"16:00"/' "$R/center.json"
HH_NOW=2016-09-30T12:00:00+07:00 hh-init --actor admin "$R" >/dev/null

# 1-5: what git sees
check_eq "six commits, each with a gpgsig header" 6 \
    "$(G rev-list HEAD | while read -r c; do G cat-file commit "$c" |
        grep -c '^gpgsig -----BEGIN SSH SIGNATURE-----$'; done | grep -c 1)"
bad=0
for c in $(G rev-list HEAD); do G verify-commit "$c" 2>/dev/null || bad=$((bad + 1)); done
check_eq "git verify-commit passes on every commit hh made" 0 "$bad"
check_eq "git log --show-signature: a good signature by the centre" \
    "G 000.00.21.H54" "$(G log -1 --format='%G? %GS')"
check_eq "the allowed_signers file lists one key, from the start" \
    "000.00.21.H54 namespaces=\"git\" ssh-ed25519" \
    "$(grep -v '^#' "$R/allowed_signers" | cut -d' ' -f1-3)"
check_eq "git is pointed at the tree's own file" \
    "ssh $(cd "$R" && pwd -P)/allowed_signers" \
    "$(G config gpg.format) $(G config gpg.ssh.allowedSignersFile)"
key k0
check_eq "the key is OpenSSH's and allowed_signers has its public half" \
    "$(grep -v '^#' "$R/allowed_signers" | cut -d' ' -f3-4)" \
    "$(ssh-keygen -y -f "$T/k0" | cut -d' ' -f1-2)"
check_eq "the key is not readable by other logins" "640" \
    "$(stat -c %a "$R/.git/hh/key")"
check_eq "hh-check: 0 findings" \
    "$R: HEAD $(short): 6 commits checked, 0 findings" \
    "$(hh-check -C "$R" 2>&1)"

BASE=$(G rev-parse HEAD)
fresh() {
	G update-ref refs/heads/main "$BASE"
	echo "$BASE" >"$R/.git/hh/worktree"
	rm -f "$R/.git/hh/verified"
	GIT_INDEX_FILE=$T/index G --work-tree="$R" read-tree "$BASE"
	GIT_INDEX_FILE=$T/index G --work-tree="$R" checkout-index -a -f
	rm -f "$T/index"
}
# expect DESC TEXT: hh-check exits 1 and prints TEXT
expect() {
	d=$1 want=$2
	st=0; hh-check -C "$R" >"$T/out" 2>&1 || st=$?
	if [ "$st" = 1 ] && grep -qF -- "$want" "$T/out"; then ok "$d"; else
		notok "$d"; echo "#   status $st"; sed 's/^/#   /' "$T/out" | head -6
	fi
}
# forge [KEY]: the dossier's phone changed with plain git as hh would
# commit it (author lan, trailers), signed by git with KEY if given
forge() {
	if [ $# = 1 ]; then
		set -- -c gpg.format=ssh -c user.signingKey="$1" commit-tree -S
	else
		set -- commit-tree
	fi
	jq --tab '.applicant.phone = "0900000000"' \
	    "$R/dossiers/2016/09/$code.json" >"$T/f.json"
	GIT_INDEX_FILE=$T/index G read-tree HEAD
	GIT_INDEX_FILE=$T/index G update-index --add --cacheinfo \
	    "100644,$(G hash-object -w "$T/f.json"),dossiers/2016/09/$code.json"
	tree=$(GIT_INDEX_FILE=$T/index G write-tree)
	rm -f "$T/index"
	c=$(printf 'return %s\n\nDossier: %s\nAction: return\nActor: lan\n' \
	    "$code" "$code" |
	    GIT_AUTHOR_NAME="Trần Thị Lan" GIT_AUTHOR_EMAIL=lan@example.vn \
	    GIT_COMMITTER_NAME="Trần Thị Lan" \
	    GIT_COMMITTER_EMAIL=lan@example.vn \
	    GIT_AUTHOR_DATE=${FORGE_AT:-2016-09-30T13:00:00+07:00} \
	    GIT_COMMITTER_DATE=${FORGE_AT:-2016-09-30T13:00:00+07:00} \
	    G "$@" "$tree" -p HEAD)
	G update-ref refs/heads/main "$c"
	cp "$T/f.json" "$R/dossiers/2016/09/$code.json"
	echo "$c" >"$R/.git/hh/worktree"
}

# 9-10: a commit with plain git, unsigned
forge
expect "an unsigned commit is reported" \
    "$(short): not signed (allowed_signers lists the keys that sign every commit)"
check "git verify-commit rejects it" '! G verify-commit HEAD' 

# 11-12: signed by a key of the clerk's own
ssh-keygen -q -t ed25519 -N '' -C clerk -f "$T/clerk" </dev/null
fresh
forge "$T/clerk"
fp=$(ssh-keygen -l -f "$T/clerk.pub" | cut -d' ' -f2)
expect "a commit signed by another key is reported, naming the key" \
    "$(short): signed by $fp, a key allowed_signers does not list"
check "git verify-commit rejects it" '! G verify-commit HEAD' 

# 13: a signature moved from another commit (the contents changed)
fresh
sig=$(G cat-file commit HEAD | sed -n '/^gpgsig /,/END SSH SIGNATURE/p')
forge
G cat-file commit HEAD | awk -v sig="$sig" '
    !done && /^committer / { print; print sig; done = 1; next } { print }' \
    >"$T/c"
c=$(G hash-object -t commit -w "$T/c")
G update-ref refs/heads/main "$c"
echo "$c" >"$R/.git/hh/worktree"
expect "a signature copied from another commit does not match" \
    "$(short): signature: the signature does not match the commit"

# 14-16: an allowed_signers rewritten with plain git to allow the clerk's
# key, then a commit signed by it
fresh
printf '000.00.21.H54 namespaces="git" %s\n' "$(cut -d' ' -f1-2 "$T/clerk.pub")" \
    >>"$R/allowed_signers"
cp "$R/allowed_signers" "$T/as"
plain_commit allowed_signers "$T/as" "configure: a key"
echo "$(G rev-parse HEAD)" >"$R/.git/hh/worktree"
first=$(short)
forge "$T/clerk"
expect "the plain git commit adding a key is reported unsigned" \
    "$first: not signed"
hh-check -C "$R" >"$T/out" 2>&1 || :
check_eq "the key it added does not make the next commit good" \
    "$(short): signed by $fp, a key allowed_signers does not list" \
    "$(grep -F "$(short): signed" "$T/out")"
check_eq "... nor does the commit that added it" \
    "$first: allowed_signers: changed by a commit not signed by a key it allowed: the keys before it still decide" \
    "$(grep -F "$first: allowed_signers" "$T/out")"

# 17-22: the key replaced; the old one stops being valid
fresh
key oldkey
old=$(ssh-keygen -l -f "$T/oldkey" | cut -d' ' -f2)
check_fail "a desk clerk may not replace the key" 1 \
    "actor lan: role desk may not configure" \
    HH_KEY_SEED=other hh-init --actor lan --rotate-key "$R"
HH_NOW=2016-10-01T08:00:00+07:00 HH_KEY_SEED=other \
    hh-init --actor admin --rotate-key "$R" >"$T/out" 2>&1
key newkey
new=$(ssh-keygen -l -f "$T/newkey" | cut -d' ' -f2)
check_eq "--rotate-key commits the new key and names it" \
    "$R: signing key $new" "$(tail -1 "$T/out")"
check_eq "allowed_signers: the old key until then, the new one from then" \
    "000.00.21.H54 namespaces=\"git\",valid-before=\"20161001010000Z\" $(ssh-keygen -y -f "$T/oldkey" | cut -d' ' -f1-2)
000.00.21.H54 namespaces=\"git\",valid-after=\"20161001010000Z\" $(ssh-keygen -y -f "$T/newkey" | cut -d' ' -f1-2)" \
    "$(grep -v '^#' "$R/allowed_signers")"
HH_NOW=2016-10-01T09:00:00+07:00 hh-intake -C "$R" --actor lan \
    --procedure T-HT03 --applicant "Người Khác" >/dev/null
check_eq "the rotation commit is signed by the old key, the next by the new" \
    "$new
$old" "$(G log -2 --format=%GF)"
bad=0
for c in $(G rev-list HEAD); do G verify-commit "$c" 2>/dev/null || bad=$((bad + 1)); done
check_eq "git verify-commit still passes on every commit" 0 "$bad"
check_eq "hh-check: 0 findings after the rotation" \
    "$R: HEAD $(short): 8 commits checked, 0 findings" \
    "$(hh-check -C "$R" 2>&1)"
# the old key, stolen, signs a commit dated after its end
FORGE_AT=2016-10-01T10:00:00+07:00 forge "$T/oldkey"
expect "the old key after its end is reported" \
    "$(short): signed by $old at 2016-10-01T10:00:00+07:00, when allowed_signers did not allow it (valid-before)"
check "git verify-commit rejects it too" '! G verify-commit HEAD' 

# 23-25: no key, no commit; a key another file names
mv "$R/.git/hh/key" "$R/.git/hh/key.save"
st=0; HH_NOW=2016-10-02T08:00:00+07:00 hh-intake -C "$R" --actor lan \
    --procedure T-HT03 --applicant "Người Ba" >"$T/out" 2>&1 || st=$?
head=$(G rev-parse HEAD)
check_eq "a tree that signs refuses to commit without its key" \
    "1 hh-intake: $R/.git/hh/key: no such file, but the tree signs its commits (allowed_signers): refused (an admin makes a new key: hh-init --rotate-key)" \
    "$st $(cat "$T/out")"
mv "$R/.git/hh/key.save" "$R/.git/hh/key"
check_eq "... and commits nothing" "$head" "$(G rev-parse HEAD)"
chmod 644 "$R/.git/hh/key"
expect "a key every login can read is reported" \
    ".git/hh/key: mode 0644, owner $(id -u): readable by others than the records account"
chmod 640 "$R/.git/hh/key"
G config gpg.ssh.allowedSignersFile "$T/as"
expect "git pointed at another allowed_signers is reported" \
    "key gpg.ssh.allowedsignersfile = $T/as is not hh's"

# 29-32: a tree from before signing (no allowed_signers, no key, as hh
# made before it signed) begins to sign with hh-init --rotate-key
P=$T/presign
HH_NOW=2016-09-01T08:00:00+07:00 hh-init --actor admin "$P" >/dev/null
GP() { git --git-dir="$P/.git" "$@"; }
c=$(GP log -1 --format=%B | GIT_AUTHOR_DATE=2016-09-01T08:00:00+07:00 \
    GIT_COMMITTER_DATE=2016-09-01T08:00:00+07:00 GP -c "user.name=Quản trị Hệ thống" \
    -c user.email=admin@example.vn commit-tree \
    "$(GP ls-tree HEAD | grep -v '	allowed_signers$' | GP mktree)")
GP update-ref refs/heads/main "$c"
# the history replaced on purpose (hh-check(1))
rm -f "$P/.git/hh/key" "$P/.git/hh/worktree" "$P/allowed_signers"
GP config --unset gpg.format
GP config --unset gpg.ssh.allowedsignersfile
HH_NOW=2016-09-02T08:00:00+07:00 hh-intake -C "$P" --actor lan \
    --procedure T-HT03 --applicant "Người Cũ" >/dev/null
st=0; HH_NOW=2016-09-03T08:00:00+07:00 hh-init --actor admin --rotate-key \
    "$P" >"$T/out" 2>&1 || st=$?
check_eq "--rotate-key on a tree from before signing commits the first key" \
    "0 configure 000.00.21.H54: signing key" \
    "$st $(GP log -1 --format=%s | cut -d" " -f1-4)"
HH_NOW=2016-09-03T09:00:00+07:00 hh-intake -C "$P" --actor lan \
    --procedure T-HT03 --applicant "Người Mới" >/dev/null
check_eq "that commit and the next are signed, the ones before are not" \
    "G G N N" "$(GP log --format=%G? | tr '\n' ' ' | sed 's/ $//')"
check_eq "git verifies them with the tree's allowed_signers" \
    "$(cd "$P" && pwd -P)/allowed_signers" \
    "$(GP config gpg.ssh.allowedsignersfile)"
check_eq "hh-check: 0 findings" \
    "$P: HEAD $(GP rev-parse --short=10 HEAD): 4 commits checked, 0 findings" \
    "$(hh-check -C "$P" 2>&1)"

done_testing
