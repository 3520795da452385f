/* store.h - the records tree in git. */
#ifndef HH_STORE_H
#define HH_STORE_H

#include "sys.h"

/*
 * store.c - the records tree in git; the only code that touches libgit2.
 * A store holds a snapshot: the commit HEAD named when it was opened,
 * locked or last committed to.  Reads come from the snapshot.
 */
struct hh_store;
struct hh_file {
	const char *path;	/* relative to the records tree */
	const char *data;	/* NULL: remove the file */
	size_t len;
};
struct hh_author {
	const char *name, *email;
	int64_t when;		/* author date: the event time */
};
/* Open the records tree dir (dir/.git, no upward search). */
int hh_store_open(struct hh_store **out, const char *dir);
/* Create dir/.git (bare, group-shared, not world-readable); dir exists. */
int hh_store_create(struct hh_store **out, const char *dir,
    const char *group);
int hh_store_refresh(struct hh_store *s);	/* snapshot := HEAD */
/* The store never prints: what a user should know while it works (the
 * wait for the writers' lock after 2 s; files on disk not written after a
 * commit was published: "warning: ... (the commit is in; ...)") goes to
 * fn, if set.  The commands print them (hh_cli_notices). */
void hh_store_notify(struct hh_store *s,
    void (*fn)(void *arg, const char *msg), void *arg);
/* Take the writers' lock (nestable), refresh, and bring the files on disk
 * up to HEAD.  Released by hh_store_unlock or by the process's death.
 * Waits $HH_LOCK_WAIT (30) seconds at most, saying so after 2. */
int hh_store_lock(struct hh_store *s);
void hh_store_unlock(struct hh_store *s);	/* one level of the lock */
/* For readers: snapshot := HEAD, and the files on disk brought up to it
 * when the lock is free and the tree writable (else left as they are:
 * readers check them against the snapshot).  Never waits. */
int hh_store_sync(struct hh_store *s);
/* Hex id of the snapshot commit ("" before the first commit). */
const char *hh_store_head(const struct hh_store *s);
const char *hh_store_dir(const struct hh_store *s);	/* the tree */
/* Content of path in the snapshot; HH_ENOTFOUND if absent. */
int hh_store_read(char **out, size_t *len_out, struct hh_store *s,
    const char *path);
/* Sorted names in folder path of the snapshot (NULL-terminated; empty if
 * the folder is absent); free with hh_mem_strv_free. */
int hh_store_list(char ***names_out, size_t *n_out, struct hh_store *s,
    const char *path);
/* One commit on the snapshot with files changed, author a (committer: the
 * same person, now); the branch moves by compare-and-swap.  HH_ECONFLICT
 * if it moved meanwhile (refresh and redo), HH_EEXISTS if nothing
 * changed.  Then the files are written to disk. */
int hh_store_commit(struct hh_store *s, const struct hh_file *files,
    size_t n, const struct hh_author *a, const char *msg);
/*
 * Signing: every commit is signed with the tree's key (DIR/.git/hh/key,
 * readable by the records account alone) if it has one; a tree whose
 * HH_SIGNERS_FILE exists refuses to commit without it.  hh_store_key_set
 * writes key k (and, unless pending, points git's gpg.ssh.allowedSignersFile
 * at the tree's file); pending: as the next key, taken by
 * hh_store_key_commit once the commit listing it is in.
 */
#define HH_SIGNERS_FILE "allowed_signers"
int hh_store_key_set(struct hh_store *s, const struct hh_key *k,
    int pending);
int hh_store_key_commit(struct hh_store *s);
/* The public half of the key commits are signed with; HH_ENOTFOUND. */
int hh_store_key_public(unsigned char pub[HH_KEY_PUB], struct hh_store *s);
const char *hh_store_key_comment(const struct hh_store *s);
/* Commit id's signature (gpgsig) and the bytes it signs; HH_ENOTFOUND if
 * it is not signed.  Both NUL-terminated, the caller's to free. */
int hh_store_signature(char **sig, size_t *siglen, char **data,
    size_t *datalen, struct hh_store *s, const char *id);
/* Group commit, the lock held: until hh_store_flush, each hh_store_commit
 * makes its commit on the snapshot (the next one builds on it) but neither
 * syncs, nor moves the branch, nor writes the files.  hh_store_flush syncs
 * the objects once (syncfs), moves the branch by compare-and-swap from
 * where it was at hh_store_defer to the last commit (HH_ECONFLICT and
 * nothing published if it moved), then writes the files and syncs them
 * once.  Nestable; a process that dies before the flush published
 * nothing. */
int hh_store_defer(struct hh_store *s);
int hh_store_flush(struct hh_store *s);
void hh_store_free(struct hh_store *s);


/*
 * store.c: history - the first-parent history of the snapshot, read only.
 */
struct hh_walk;
/* Walk the snapshot's first-parent history oldest first, starting after
 * commit since (NULL: from the root commit); HH_ENOTFOUND if since is not
 * on that history.  Each commit comes with its changed files. */
int hh_store_walk_open(struct hh_walk **out, struct hh_store *s,
    const char *since);
size_t hh_store_walk_count(const struct hh_walk *w);	/* commits ahead */
/* 1 and *out (borrowed until the next call) while commits remain, 0 at the
 * end.  A commit whose trees are unreadable comes with error set. */
int hh_store_walk_next(const struct hh_commit **out, struct hh_walk *w);
void hh_store_walk_free(struct hh_walk *w);
/* The commits of the snapshot's first-parent history in which the blob at
 * path differs from the first parent's, newest first, each with one change
 * (path).  Found by comparing blob ids, not by reading messages. */
int hh_store_log(struct hh_commit **out, size_t *n_out, struct hh_store *s,
    const char *path);
/* hh_store_log reads the history index DIR/.git/hh/cache/history and
 * history.delta (hh-records(5)): each path's commits, checked against git
 * before they are believed (else a warning through hh_store_notify, the
 * whole walk, and the index rebuilt), brought up to the snapshot and
 * saved by the tree's owner alone.  hh_store_log_check: HH_EINVALID,
 * naming why, if the index is damaged or does not list the commits a walk
 * of the history finds (the whole history if full or if its base is not
 * the one a check found sound before, else the commits since that base);
 * HH_OK if it is sound, absent, or of a history since rewritten (which
 * hh_store_log rebuilds).  Found sound, the tree's owner saves it as one
 * base and remembers it. */
struct hh_seen;
int hh_store_log_check(struct hh_store *s, int full, struct hh_seen *seen);
/* The changes of the commits a walk gave, oldest first, from the commit
 * after (NULL: the root) to the snapshot, kept so that
 * hh_store_log_check (seen, or NULL) reads those commits no second time. */
struct hh_seen *hh_store_seen_new(const char *after);
void hh_store_seen_add(struct hh_seen *v, const struct hh_commit *c);
void hh_store_seen_free(struct hh_seen *v);
void hh_store_commits_free(struct hh_commit *v, size_t n);
/* The content of a blob (read and hash-verified). */
int hh_store_blob(char **out, size_t *len_out, struct hh_store *s,
    const char *id);
/* The content of path in commit rev; HH_ENOTFOUND if absent. */
int hh_store_read_at(char **out, size_t *len_out, struct hh_store *s,
    const char *rev, const char *path);
/* hh_store_list as of commit rev (the names of path's folder then). */
int hh_store_list_at(char ***names_out, size_t *n_out, struct hh_store *s,
    const char *rev, const char *path);
/* Resolve rev (an id, a short id, a ref) to a commit id; HH_ENOTFOUND. */
int hh_store_resolve(char out[HH_OID_MAX], struct hh_store *s,
    const char *rev);
/* 1 if commit id is the snapshot or one of its ancestors, else 0. */
int hh_store_contains(struct hh_store *s, const char *id);
/* 1 if commit tip is id or contains it (both full hex ids). */
int hh_store_descends(struct hh_store *s, const char *tip, const char *id);
/* The committer date of the root commit of the snapshot's first-parent
 * history: when the tree was created.  HH_ENOTFOUND before the first
 * commit.  Remembered in DIR/.git/hh/root (the owner's) with the commit it
 * was found from, so that a command walks only the commits since. */
int hh_store_root(int64_t *when_out, struct hh_store *s);
/* The committer date of commit id (a full hex id): when it was recorded. */
int hh_store_recorded(int64_t *when_out, struct hh_store *s, const char *id);
/* Files under the records tree that disagree with the snapshot: hashed as
 * git blobs and compared with the snapshot's ids, plus files on disk the
 * snapshot does not have.  Sorted by path. */
enum hh_disk {
	HH_DISK_MISSING,	/* in the snapshot, not on disk */
	HH_DISK_DIFFERS,	/* content (or type) differs */
	HH_DISK_EXTRA,		/* on disk, not in the snapshot */
};
struct hh_diskdiff {
	char *path;
	enum hh_disk what;
};
int hh_store_disk_diff(struct hh_diskdiff **out, size_t *n_out,
    struct hh_store *s);
void hh_store_diskdiff_free(struct hh_diskdiff *v, size_t n);
/* The uid owning the records tree (its DIR/.git): the records account in
 * a privileged install (hh(7)), else the login that made it. */
long hh_store_owner(const struct hh_store *s);

/*
 * hh's own files under DIR/.git/hh (name: "cache/report", "worktree"),
 * never through a symbolic link.  hh_store_private_read refuses (HH_EINVALID,
 * naming why) a file that is not regular, is larger than max bytes, or is
 * not owned by the tree's owner or writable by anyone else (it could have
 * been forged); HH_ENOTFOUND if absent.  hh_store_private_write replaces
 * it atomically (a temporary file made with O_EXCL, synced unless
 * $HH_FSYNC is 0, renamed; mode 0640),
 * making its folder; HH_EREFUSED, nothing written, unless the process is
 * the tree's owner (another login's file would not be trusted).
 */
int hh_store_private_read(char **out, size_t *len_out, struct hh_store *s,
    const char *name, size_t max);
int hh_store_private_write(struct hh_store *s, const char *name,
    const char *data, size_t len);
/* Take the exclusive lock DIR/.git/hh/name ("notify.lock"), apart from the
 * writers' lock, until hh_store_free or the process's death (flock): made
 * if absent, never through a link; waits $HH_LOCK_WAIT (30) seconds at
 * most (HH_ERROR); HH_EREFUSED unless the process is the tree's owner. */
int hh_store_private_lock(struct hh_store *s, const char *name);
/* The entries of folder path in the snapshot with their blob ids, sorted
 * by name (empty if the folder is absent); for checking files on disk
 * against the records. */
struct hh_entry {
	char *name;
	char id[HH_OID_MAX];
	int is_tree;
};
int hh_store_entries(struct hh_entry **out, size_t *n_out,
    struct hh_store *s, const char *path);
void hh_store_entries_free(struct hh_entry *v, size_t n);
/* The git blob id of data (what the snapshot names it if it is there),
 * by SHA-1 without git's detection of collision attacks (for the scan of
 * files hh wrote; hh-check uses git's). */
void hh_store_hash(char out[HH_OID_MAX], struct hh_store *s,
    const char *data, size_t len);
/* The commit the files on disk were exported from (DIR/.git/hh/worktree);
 * "" when there is no such marker (a clone). */
void hh_store_exported(char out[HH_OID_MAX], struct hh_store *s);
/* hh_store_disk_diff against the commit the branch names (*commit_out,
 * "" if none) while no hh writer exports, with hh_store_exported's
 * *marker_out of that moment: while desks work it may be later than the
 * snapshot.  Compared holding the writers' lock shared (writers wait,
 * nothing is written); where it cannot be held (no lock file, no access
 * to it), the branch and the marker are read before and after, and the
 * comparison is redone until they stay the same: HH_ECONFLICT if they
 * keep changing.  A regular file whose inode has not changed since the
 * instant since (ns since the epoch; 0: none) is taken as compared. */
int hh_store_disk_compare(struct hh_diskdiff **out, size_t *n_out,
    char commit_out[HH_OID_MAX], char marker_out[HH_OID_MAX],
    struct hh_store *s, int64_t since);
/* hh_store_resolve, with HEAD, @ and the branch ("main",
 * "refs/heads/main"), alone or before ~ or ^, naming the snapshot even
 * after the branch moved: "HEAD~3" is the third commit before it. */
int hh_store_resolve_snapshot(char out[HH_OID_MAX], struct hh_store *s,
    const char *rev);
/*
 * What git would act on beyond the records, for hh-check; nothing is read
 * through a symbolic link.  hh_store_config_keys: the keys of
 * DIR/.git/config, that file alone, in file order, named as libgit2 names
 * them (section and key in lower case: "diff.x.textconv"; value NULL for
 * a key without "="); an include (include.path, includeif.*.path) is
 * listed, never followed.  Empty if there is no such file; HH_EINVALID
 * naming why ("a symbolic link", "not a regular file", "larger than ...",
 * "not valid: ...") for a file git would read otherwise than hh does.
 */
struct hh_gitkey {
	char *name, *value;
};
int hh_store_config_keys(struct hh_gitkey **out, size_t *n_out,
    struct hh_store *s);
void hh_store_gitkeys_free(struct hh_gitkey *v, size_t n);
/* Folder DIR/.git/name ("hooks", "info"): *type_out 'd' and its entries,
 * sorted by name, if it is a folder; else 0 if absent, 'l' a symbolic
 * link, 'f' a file, '?' anything else, and no entry. */
struct hh_gitfile {
	char *name;
	int type;		/* 'f' regular file, 'd', 'l', '?' */
	long long size;
};
int hh_store_git_folder(struct hh_gitfile **out, size_t *n_out,
    int *type_out, struct hh_store *s, const char *name);
void hh_store_gitfiles_free(struct hh_gitfile *v, size_t n);
/* The paths of the snapshot whose last component is one of names
 * (NULL-ended), sorted (NULL-terminated; free with hh_mem_strv_free). */
int hh_store_find(char ***paths_out, size_t *n_out, struct hh_store *s,
    const char *const *names);
/* The names of every reference of the repository ("refs/heads/main"),
 * sorted (NULL-terminated; free with hh_mem_strv_free). */
int hh_store_refs(char ***names_out, size_t *n_out, struct hh_store *s);

/*
 * store.c: witness - a repository elsewhere that only moves forward
 * (hh(7) WITNESS): remote.witness in DIR/.git/config, reached within
 * $HH_WITNESS_WAIT (30) seconds.  Errors name the URL.
 */
/* 1 if url is a shape hh writes: an absolute path, file:///path,
 * git://host[:port]/path or ssh://[user@]host[:port]/path, text without
 * blanks, quotes, backslashes, %, ; or #. */
int hh_store_witness_url_ok(const char *url);
/* remote.witness.url of DIR/.git/config (malloc'd); HH_ENOTFOUND. */
int hh_store_witness_url(char **out, struct hh_store *s);
/* A local witness (a path, file://) that does not exist is made: a bare
 * repository with receive.denyNonFastForwards and receive.denyDeletes,
 * *created 1; anything else is used as it is. */
int hh_store_witness_create(int *created, struct hh_store *s,
    const char *url);
/* Remove what hh_store_witness_create made (after a failure). */
void hh_store_witness_remove(const char *url);
/* The witness's head of the tree's branch ("" if it has none), *known 1
 * if the records hold that commit; HH_ERROR if it cannot be reached or
 * is no repository. */
int hh_store_witness_head(char out[HH_OID_MAX], int *known,
    struct hh_store *s, const char *url);
/* Push the snapshot to the witness's branch as a fast-forward, through
 * refs/witness/<branch>, left naming it: HH_EREFUSED with the witness's
 * reason if refused, HH_ERROR if not reached (the ref as it was). */
int hh_store_witness_push(struct hh_store *s, const char *url);
/* remote.witness.url = url and remote.witness.push = the branch, both
 * or neither. */
int hh_store_witness_set(struct hh_store *s, const char *url);

/*
 * store.c: the province (hh-sync(1)) - a peer's branch fetched into
 * refs/peers/AGENCY/<branch>, which only moves forward; the branch pushed
 * to a push_to remote.  Reached as the witness is, errors naming the URL.
 */
struct hh_fetched {
	char before[HH_OID_MAX];	/* the head held before, or "" */
	char after[HH_OID_MAX];		/* the peer's head now, or "" */
	size_t commits;			/* new since before */
};
/* Fetch the peer at url: HH_EREFUSED if its head does not contain the
 * one held (the branch moved back; the ref kept), HH_ENOTFOUND if it has
 * no such branch, HH_ERROR if not reached. */
int hh_store_peer_fetch(struct hh_fetched *out, struct hh_store *s,
    const char *agency, const char *url);
/* refs/peers/AGENCY/<branch>; HH_ENOTFOUND if never fetched. */
int hh_store_peer_head(char out[HH_OID_MAX], struct hh_store *s,
    const char *agency);
/* Push the branch to url's branch as a fast-forward: out its head, *same
 * 1 if url had it already (nothing sent); HH_EREFUSED with the remote's
 * reason, HH_ERROR if not reached. */
int hh_store_push(char out[HH_OID_MAX], int *same, struct hh_store *s,
    const char *url);

/*
 * store.c: published reports - annotated tags refs/tags/NAME, signed as
 * git signs tags with gpg.format=ssh (hh(7) Published reports).
 */
struct hh_tag {
	char id[HH_OID_MAX];		/* what refs/tags/NAME names */
	char target[HH_OID_MAX];	/* the object the tag is on */
	int annotated;			/* 0: a lightweight tag */
	int target_is_commit;
	int64_t when;			/* the tagger's date */
	char *message;			/* after the headers, no signature */
	char *payload;			/* the bytes the signature signs */
	size_t payload_len;
	char *sig;			/* the armored signature, or NULL */
	size_t siglen;
};
/* Make the annotated tag NAME on commit target with msg (ending in a
 * line end), tagger's name, e-mail and date, signed with the tree's key
 * (HH_EREFUSED if it has none: an unsigned tag proves nothing);
 * HH_EEXISTS, nothing made, if refs/tags/NAME exists (it is never
 * replaced: compare-and-swap).  *id_out: the tag object. */
int hh_store_tag_create(char id_out[HH_OID_MAX], struct hh_store *s,
    const char *name, const char *target, const struct hh_author *tagger,
    const char *msg);
/* refs/tags/NAME read; HH_ENOTFOUND if there is none.  Release with
 * hh_store_tag_release. */
int hh_store_tag_read(struct hh_tag *t, struct hh_store *s,
    const char *name);
void hh_store_tag_release(struct hh_tag *t);

/*
 * For the summary store of the report (cache.c).  hh_store_private_map:
 * hh_store_private_read's file and rules, mapped read-only (undone by
 * hh_store_private_unmap); an empty file is HH_EINVALID.
 * hh_store_private_put: hh_store_private_write without the sync (a file
 * made again if a crash loses it).  hh_store_tell: msg to the store's
 * listener (hh_store_notify), if any.
 */
int hh_store_private_map(const void **out, size_t *len_out, struct hh_store *s,
    const char *name, size_t max);
void hh_store_private_unmap(const void *p, size_t len);
int hh_store_private_put(struct hh_store *s, const char *name,
    const char *data, size_t len);
void hh_store_tell(struct hh_store *s, const char *msg);
const char *hh_store_gitdir(const struct hh_store *s);	/* DIR/.git */
/* The files under folder under ("dossiers/") that differ between commit
 * since and the snapshot (the paths, malloc'd, each and the list):
 * what the commits since changed and did not change back, from one diff
 * of the two trees (a walk's, without reading each commit's); HH_ENOTFOUND
 * if since is not on the snapshot's first-parent history. */
int hh_store_changed(char ***out, size_t *n_out, struct hh_store *s,
    const char *since, const char *under);

#endif /* HH_STORE_H */
