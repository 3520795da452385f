#!/bin/sh
# Durability: a full disk, a file-size limit and a read-only records tree
# give one clear line and leave the tree as it was (HEAD, the files on
# disk, git fsck, hh-check); with room again the next command goes on.
# The disk tests need root (a small tmpfs).
. tests/cli/lib.sh
N=17
plan $N
export HH_NOW=2016-09-30T17:00:00+07:00
mkdir -p "$T/share/records" "$T/share/procedures"
cp tests/fixtures/center.json records/calendar "$T/share/records/"
cp tests/fixtures/procedures/*.json "$T/share/procedures/"
export HH_SHARE="$T/share"
M=$T/small
mkdir "$M"
if [ "$(id -u)" != 0 ] || ! mount -t tmpfs -o size=400k tmpfs "$M" 2>/dev/null; then
	skip $N "needs root to mount a small tmpfs"
	done_testing; exit 0
fi
at_exit 'umount "$M" 2>/dev/null'
R=$M/records
G() { git --git-dir="$R/.git" "$@"; }
check "a records tree on a 400 KB tmpfs" hh-init "$R"
# 60 documents of 400 random bytes: about 30 KB a dossier
DOCS=$(j=0; while [ $j -lt 60 ]; do
	printf -- "--document %s " "$(head -c 300 /dev/urandom | base64 -w0)"
	j=$((j + 1)); done)
i=0 st=0
while [ $i -lt 100 ]; do
	head0=$(G rev-parse HEAD)
	hh-intake -C "$R" --actor lan --procedure T-HT03 --applicant "Người $i" \
	    $DOCS >"$T/out" 2>"$T/full" || { st=$?; break; }
	i=$((i + 1))
done
check_eq "the disk fills up: exit 1 after $i dossiers" 1 "$st"
check_eq "with one line" 1 "$(wc -l <"$T/full")"
check "naming the cause" 'grep -q "No space left on device" "$T/full" || { sed "s/^/#   /" "$T/full" >&2; false; }'
check_eq "HEAD did not move" "$head0" "$(G rev-parse HEAD)"
check_eq "every dossier taken is in HEAD" "$i" \
    "$(G ls-tree -r --name-only HEAD dossiers | wc -l)"
check "git fsck is clean on the full disk" G fsck --no-dangling
mount -o remount,size=4m "$M"
check "with room again the next intake goes in" \
    hh-intake -C "$R" --actor lan --procedure T-HT03 --applicant "Sau"
check "and hh-check is clean (history and files on disk)" hh-check -C "$R"

# read-only
mount -o remount,ro "$M"
check_fail "a read-only records tree: hh-intake refuses" 1 \
    "Read-only file system" \
    hh-intake -C '"$R"' --actor lan --procedure T-HT03 --applicant X
check_fail "hh-route refuses" 1 "Read-only file system" \
    hh-route -C '"$R"' --actor admin "$(G ls-tree -r --name-only HEAD dossiers | head -1 | sed 's|.*/||; s|\.json$||')" --to tp
mount -o remount,rw "$M"

# a file-size limit (SIGXFSZ ignored: write fails with EFBIG): the commit
# (small compressed objects) goes in, the export of the dossier fails (the
# reflog emptied first: the limit is on each file, and its entry is small)
G reflog expire --expire=now --all
(trap '' XFSZ; ulimit -f 1
 hh-intake -C "$R" --actor lan --procedure T-HT03 --applicant "Giới hạn" \
    --address "$(head -c 490 /dev/zero | tr '\0' b)" >"$T/out" 2>"$T/err1") && st=0 || st=$?
code=$(cat "$T/out")
# the dossier is taken (a script must not take it again): exit 0, with
# the failed write of the file on disk said on stderr
check_eq "a file-size limit during the export: the dossier is taken" 0 "$st"
check "it is in HEAD" G cat-file -e "HEAD:dossiers/2016/09/$code.json"
check "the failed write is reported" \
    'grep -q "warning: .*the commit is in; the next hh command writes the file again" "$T/err1"'
check "the next writer exports it" \
    hh-intake -C "$R" --actor lan --procedure T-HT03 --applicant "'Sau nữa'"
check "hh-check is clean" hh-check -C "$R"
check "git fsck is clean" G fsck --no-dangling --strict
done_testing
