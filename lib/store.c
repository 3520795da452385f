/* store.c - the records tree in git: the only code that touches libgit2 */
#define _GNU_SOURCE		/* syncfs(2) */
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <git2.h>
#include <openssl/evp.h>
#include <sodium.h>

#include "store.h"

/*
 * The records tree DIR holds DIR/.git, a repository with core.bare = true:
 * commits are made without the index (tree built along the changed path,
 * branch moved by compare-and-swap), and the files under DIR are an export
 * of HEAD that hh rewrites after each commit.  DIR/.git/hh/worktree names
 * the commit the files on disk show; DIR/.git/hh/lock serialises hh's
 * writers (flock, so a killed process never leaves a stale lock).
 */
struct hh_store {
	git_repository *repo;
	char *dir;
	char *gitdir;
	char *branch;		/* refs/heads/main */
	int rootfd, gitfd;	/* DIR and DIR/.git, opened without links */
	int hhfd;		/* DIR/.git/hh, or -1 (a reader's tree) */
	long owner;		/* uid owning DIR/.git */
	int dosync;
	int lockfd;
	int lockdepth;
	int privlockfd;		/* hh_store_private_lock, or -1 */
	git_oid head;		/* the snapshot's commit */
	int unborn;		/* no commit yet */
	git_tree *tree;		/* the snapshot's tree, NULL if unborn */
	char headhex[GIT_OID_HEXSZ + 1];
	int defer;		/* hh_store_defer: commits wait for flush */
	git_oid base;		/* the branch when deferring began */
	int base_unborn;
	struct hh_file *pend;	/* files to write at flush (copies) */
	size_t npend, cappend;
	void (*notify)(void *, const char *);	/* hh_store_notify */
	void *notify_arg;
	int keyed;		/* the signing key: -1 not read, 0 none, 1 key */
	struct hh_key key;
	struct hh_buf journal;	/* history.journal records not yet out */
	EVP_MD *sha1;		/* hh_store_hash's */
	EVP_MD_CTX *shactx;
};

static void pend_clear(struct hh_store *s);
struct put;
static void journal_add(struct hh_store *, const git_oid *, const git_oid *,
    const struct put *, size_t);
static void journal_flush(struct hh_store *);
static int read_small(char **, size_t *, struct stat *, int, const char *,
    size_t, const char *);

/* A notice for whoever listens (hh_store_notify); the store never prints. */
static void __attribute__((format(printf, 2, 3)))
tell(struct hh_store *s, const char *fmt, ...)
{
	char buf[HH_ERRMAX];
	va_list ap;

	if (s->notify == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	s->notify(s->notify_arg, buf);
}

void
hh_store_notify(struct hh_store *s, void (*fn)(void *arg, const char *msg),
    void *arg)
{
	s->notify = fn;
	s->notify_arg = arg;
}

static int
git_fail(const char *what)
{
	const git_error *e = git_error_last();
	int err = errno;

	/* libgit2 sets no message for some failed writes (a full disk
	 * while deflating a loose object): the system's error says it */
	return hh_error_set(HH_ERROR, "git: %s: %s", what,
	    e && e->message ? e->message : err ? strerror(err) :
	    "unknown error");
}

static int
libgit2_init(void)
{
	const char *s = hh_priv_env("HH_FSYNC");
	int dosync = !(s && strcmp(s, "0") == 0);

	git_libgit2_init();
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, dosync);
	/* A records tree is shared by the staff's logins through its group
	 * (hh-init --group), so it is owned by one of them: libgit2's owner
	 * check would refuse it to the others.  hh runs no hook and no
	 * filter from the repository's configuration, which is what that
	 * check protects against.  Nor does the login's git configuration
	 * (~/.gitconfig, /etc/gitconfig) change how records are written. */
	git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_SYSTEM, "");
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_XDG, "");
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_GLOBAL, "");
	/* objects are verified when read: a tampered object is an error */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 1);
	/* trees stay parsed in libgit2's cache (it keeps none over 4 KB by
	 * default): a month folder's tree (1-3k entries) is read by
	 * hh_store_list for the next code and again by tree_put, and a
	 * history walk meets each tree twice, as a commit's and as its
	 * child's parent's */
	git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE,
	    (size_t)4 << 20);
	return dosync;
}

void
hh_store_free(struct hh_store *s)
{
	if (s == NULL)
		return;
	if (s->lockfd >= 0)
		close(s->lockfd);
	if (s->privlockfd >= 0)
		close(s->privlockfd);
	if (s->hhfd >= 0)
		close(s->hhfd);
	if (s->gitfd >= 0)
		close(s->gitfd);
	if (s->rootfd >= 0)
		close(s->rootfd);
	git_tree_free(s->tree);
	git_repository_free(s->repo);
	memset(&s->key, 0, sizeof(s->key));
	free(s->dir);
	free(s->gitdir);
	free(s->branch);
	pend_clear(s);
	free(s->journal.s);
	EVP_MD_CTX_free(s->shactx);
	EVP_MD_free(s->sha1);
	free(s);
	git_libgit2_shutdown();
}

/* Load HEAD as the snapshot. */
int
hh_store_refresh(struct hh_store *s)
{
	git_reference *ref = NULL;
	git_commit *c = NULL;
	int error;

	git_tree_free(s->tree);
	s->tree = NULL;
	s->unborn = 0;
	s->headhex[0] = '\0';
	if ((error = git_reference_lookup(&ref, s->repo, s->branch)) ==
	    GIT_ENOTFOUND) {
		s->unborn = 1;
		memset(&s->head, 0, sizeof(s->head));
		return HH_OK;
	}
	if (error < 0 || git_reference_type(ref) != GIT_REFERENCE_DIRECT) {
		git_reference_free(ref);
		return error < 0 ? git_fail(s->branch) :
		    hh_error_set(HH_ERROR, "%s: not a branch", s->branch);
	}
	git_oid_cpy(&s->head, git_reference_target(ref));
	git_reference_free(ref);
	if (git_commit_lookup(&c, s->repo, &s->head) < 0 ||
	    git_commit_tree(&s->tree, c) < 0) {
		git_commit_free(c);
		return git_fail("HEAD");
	}
	git_commit_free(c);
	git_oid_tostr(s->headhex, sizeof(s->headhex), &s->head);
	return HH_OK;
}

static int
branch_of_head(struct hh_store *s)
{
	git_reference *h = NULL;
	const char *t;

	if (git_reference_lookup(&h, s->repo, "HEAD") < 0)
		return git_fail("HEAD");
	if (git_reference_type(h) != GIT_REFERENCE_SYMBOLIC ||
	    (t = git_reference_symbolic_target(h)) == NULL ||
	    strncmp(t, "refs/heads/", 11) != 0) {
		git_reference_free(h);
		return hh_error_set(HH_ERROR, "HEAD is not on a branch");
	}
	s->branch = hh_xstrdup(t);
	git_reference_free(h);
	return HH_OK;
}

static int
set_shared(struct hh_store *s)
{
	git_config *cfg = NULL;
	int rc;

	/* plain git on the tree (git gc from the records account's cron)
	 * keeps what it writes to the tree's group: readable, and writable
	 * only when the tree is shared by the group's logins */
	rc = git_repository_config(&cfg, s->repo);
	if (rc == 0)
		rc = git_config_set_string(cfg, "core.sharedRepository",
		    hh_priv_active() ? "0640" : "0660");
	/* a bare tree keeps no reflog unless told: every move of the
	 * branch is logged, where only the records account writes */
	if (rc == 0)
		rc = git_config_set_string(cfg, "core.logAllRefUpdates",
		    "always");
	git_config_free(cfg);
	return rc < 0 ? git_fail("core.sharedRepository") : HH_OK;
}

/* fd of folder name under dirfd, never through a symbolic link. */
static int
open_dir(int dirfd, const char *name)
{
	return openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
}

/* Why opening folder name under dirfd failed, as hh says it (path: how
 * to name it). */
static int
dir_error(int code, int dirfd, const char *name, const char *path)
{
	struct stat st;
	int e = errno;

	if ((e == ELOOP || e == ENOTDIR) && fstatat(dirfd, name, &st,
	    AT_SYMLINK_NOFOLLOW) == 0)
		return hh_error_set(code, "%s: not a directory%s", path,
		    S_ISLNK(st.st_mode) ? " (a symbolic link)" : "");
	if (path == NULL)
		return hh_error_set(code, "%s", strerror(e));
	return hh_error_set(code, "%s: %s", path, strerror(e));
}

/* DIR/.git/rel, for a message (a static buffer: use it at once). */
static const char *
in_git(const struct hh_store *s, const char *rel)
{
	static char buf[PATH_MAX + 64];

	snprintf(buf, sizeof(buf), "%s/%s", s->gitdir, rel);
	return buf;
}

/*
 * Who may have made the tree: a folder another login could replace
 * (writable by others) is refused, and .git must be the tree's owner's.
 * In a privileged install that owner is the records account.
 */
static int
check_owner(const char *path, const struct stat *st, long owner)
{
	struct passwd *pw;
	char who[256];

	if (st->st_mode & S_IWOTH)
		return hh_error_set(HH_EREFUSED, "%s%swritable by every login "
		    "(mode %04o): refused", path ? path : "", path ? ": " : "",
		    (unsigned)st->st_mode & 07777);
	if (owner < 0 || (long)st->st_uid == owner)
		return HH_OK;
	pw = getpwuid(st->st_uid);
	snprintf(who, sizeof(who), "%s", pw ? pw->pw_name : "another uid");
	pw = getpwuid((uid_t)owner);
	return hh_error_set(HH_EREFUSED, "%s%sowned by %s, not by %s %s: "
	    "refused", path ? path : "", path ? ": " : "", who,
	    hh_priv_active() ? "the records account" : "the tree's owner",
	    pw ? pw->pw_name : "");
}

/* The repository's configuration as git reads it: a regular file of at
 * most 1 MiB without an include. */
static int
check_config(struct hh_store *s)
{
	char *text = NULL, *p;
	int error;

	error = read_small(&text, NULL, NULL, s->gitfd, "config", 1 << 20,
	    "config");
	if (error == HH_ENOTFOUND)
		return HH_OK;	/* libgit2 says what is missing */
	if (error < 0) {
		char why[256];

		snprintf(why, sizeof(why), "%s", hh_error_last());
		return hh_error_set(HH_EREFUSED, ".git/%s: refused", why);
	}
	for (p = text; *p; p++)
		*p = (char)((*p >= 'A' && *p <= 'Z') ? *p - 'A' + 'a' : *p);
	error = strstr(text, "include") != NULL ? hh_error_set(HH_EREFUSED,
	    ".git/config: an include (git would read another file): "
	    "refused") : HH_OK;
	free(text);
	return error;
}

static int
open_repo(struct hh_store **out, const char *dir, int create,
    const char *group)
{
	struct hh_store *s = hh_xmalloc(sizeof(*s));
	git_repository_init_options opts;
	struct stat st;
	mode_t dirmode = hh_priv_active() ? 02750 : 02770;
	int fd, error = HH_ERROR;

	memset(s, 0, sizeof(*s));
	git_repository_init_options_init(&opts,
	    GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	s->lockfd = s->rootfd = s->gitfd = s->hhfd = s->privlockfd = -1;
	s->keyed = -1;
	s->dosync = libgit2_init();
	s->dir = hh_xstrdup(dir);
	s->gitdir = hh_xasprintf("%s/.git", dir);
	*out = NULL;
	if (!hh_priv_active())
		umask(007);	/* records are protected data */
	if (lstat(dir, &st) < 0) {
		error = hh_error_set(HH_ENOTFOUND,
		    "not a records tree (no such directory)");
		goto out;
	}
	if (!S_ISDIR(st.st_mode)) {
		error = hh_error_set(HH_ENOTFOUND, "not a records tree (%s)",
		    S_ISLNK(st.st_mode) ? "a symbolic link" :
		    "not a directory");
		goto out;
	}
	if ((s->rootfd = open_dir(AT_FDCWD, dir)) < 0) {
		error = dir_error(HH_ERROR, AT_FDCWD, dir, NULL);
		goto out;
	}
	if (fstat(s->rootfd, &st) < 0 || (error = check_owner(NULL, &st,
	    hh_priv_active() || create ? (long)geteuid() : -1)) < 0)
		goto out;
	s->owner = (long)st.st_uid;
	if (create && group != NULL) {
		struct group *g = getgrnam(group);

		/* before .git exists: setgid folders pass the group down */
		if (g == NULL) {
			error = hh_error_set(HH_EINVALID, "no such group %s",
			    group);
			goto out;
		}
		if (st.st_gid != g->gr_gid &&
		    fchown(s->rootfd, (uid_t)-1, g->gr_gid) < 0) {
			error = hh_error_set(HH_ERROR, "%s: group %s: %s (make "
			    "the folder first: install -d -o %s -g %s -m %o "
			    "DIR)", hh_text_quote(dir), group, strerror(errno),
			    getpwuid(geteuid()) ? getpwuid(geteuid())->pw_name :
			    "OWNER", group, (unsigned)dirmode);
			goto out;
		}
	}
	/* a folder root made for the account (install -d -m 2750) keeps
	 * its set-group-ID bit: chmod by a non-member of its group would
	 * clear it */
	if (create && (st.st_mode & 07777) != dirmode &&
	    fchmod(s->rootfd, dirmode) < 0) {
		error = hh_error_set(HH_ERROR, "%s: %s", hh_text_quote(dir),
		    strerror(errno));
		goto out;
	}
	if (create) {
		opts.flags = GIT_REPOSITORY_INIT_BARE |
		    GIT_REPOSITORY_INIT_NO_REINIT | GIT_REPOSITORY_INIT_MKPATH;
		/* privileged: the umask (027) and the folder's set-group-ID
		 * bit give the modes; a chmod by the account, no member of
		 * the group, would clear that bit */
		opts.mode = hh_priv_active() ? 0 : dirmode;
		opts.initial_head = "main";
		if (git_repository_init_ext(&s->repo, s->gitdir, &opts) < 0) {
			error = git_fail("init");
			goto out;
		}
		if ((error = set_shared(s)) < 0)
			goto out;
	}
	if ((s->gitfd = open_dir(s->rootfd, ".git")) < 0) {
		error = errno == ENOENT || errno == ELOOP || errno == ENOTDIR ?
		    hh_error_set(HH_ENOTFOUND, "not a records tree (no .git "
		    "directory%s)", errno == ENOENT ? "" : ": a symbolic link "
		    "or a file") : hh_error_set(HH_ERROR, ".git: %s",
		    strerror(errno));
		goto out;
	}
	if (fstat(s->gitfd, &st) < 0 || (error = check_owner(
	    ".git", &st, s->owner)) < 0)
		goto out;
	/* libgit2's template leaves an example hook: a tree has no hook */
	if (create && (fd = open_dir(s->gitfd, "hooks")) >= 0) {
		unlinkat(fd, "README.sample", 0);
		close(fd);
	}
	/* the effective ids decide, not the caller's */
	if (faccessat(s->rootfd, ".git", R_OK | X_OK, AT_EACCESS) < 0) {
		error = hh_error_set(HH_ERROR, ".git: %s", strerror(errno));
		goto out;
	}
	/* libgit2 follows an include of the configuration when it opens the
	 * repository (a FIFO there would hang us): a tree has none */
	if (!create && (error = check_config(s)) < 0)
		goto out;
	if (!create && git_repository_open_ext(&s->repo, s->gitdir,
	    GIT_REPOSITORY_OPEN_NO_SEARCH | GIT_REPOSITORY_OPEN_BARE,
	    NULL) < 0) {
		const git_error *e = git_error_last();

		error = hh_error_set(HH_ENOTFOUND,
		    "not a records tree (.git is not a repository: %s)",
		    e && e->message ? e->message : "unknown error");
		goto out;
	}
	if ((error = branch_of_head(s)) < 0 ||
	    (error = hh_store_refresh(s)) < 0)
		goto out;
	/* hh's own files; a reader without write access needs none */
	if (mkdirat(s->gitfd, "hh", 02770) < 0 && errno != EEXIST &&
	    errno != EACCES && errno != EROFS && errno != EPERM) {
		error = hh_error_set(HH_ERROR, ".git/hh: %s",
		    strerror(errno));
		goto out;
	}
	if ((s->hhfd = open_dir(s->gitfd, "hh")) < 0 && errno != ENOENT) {
		error = dir_error(HH_EREFUSED, s->gitfd, "hh", in_git(s, "hh"));
		goto out;
	}
	if (s->hhfd >= 0)
		mkdirat(s->hhfd, "tmp", 02770);
	*out = s;
	s = NULL;
	error = HH_OK;
out:
	hh_store_free(s);
	return error;
}

int
hh_store_open(struct hh_store **out, const char *dir)
{
	return open_repo(out, dir, 0, NULL);
}

int
hh_store_create(struct hh_store **out, const char *dir, const char *group)
{
	return open_repo(out, dir, 1, group);
}

const char *
hh_store_head(const struct hh_store *s)
{
	return s->headhex;
}

const char *
hh_store_dir(const struct hh_store *s)
{
	return s->dir;
}

/* The file at path in tree (NULL: none), as hh_store_read. */
static int
read_at(char **out, size_t *len_out, struct hh_store *s, const git_tree *tree,
    const char *path)
{
	git_tree_entry *e = NULL;
	git_blob *b = NULL;
	size_t len;
	int error;

	*out = NULL;
	if (tree == NULL ||
	    (error = git_tree_entry_bypath(&e, tree, path)) == GIT_ENOTFOUND)
		return hh_error_set(HH_ENOTFOUND, "%s: not in the records",
		    path);
	if (error < 0)
		return git_fail(path);
	if (git_tree_entry_type(e) != GIT_OBJECT_BLOB ||
	    git_tree_entry_filemode(e) == GIT_FILEMODE_LINK) {
		git_tree_entry_free(e);
		return hh_error_set(HH_EINVALID, "%s: not a regular file",
		    path);
	}
	if (git_blob_lookup(&b, s->repo, git_tree_entry_id(e)) < 0) {
		git_tree_entry_free(e);
		return git_fail(path);
	}
	len = (size_t)git_blob_rawsize(b);
	*out = hh_xmalloc(len + 1);
	memcpy(*out, git_blob_rawcontent(b), len);
	(*out)[len] = '\0';
	if (len_out)
		*len_out = len;
	git_blob_free(b);
	git_tree_entry_free(e);
	return HH_OK;
}

int
hh_store_read(char **out, size_t *len_out, struct hh_store *s,
    const char *path)
{
	return read_at(out, len_out, s, s->tree, path);
}

/* Folder path of the snapshot ("" or NULL: the top), or NULL in *out if
 * there is no such folder; free it with git_tree_free unless it is
 * s->tree. */
static int
snapshot_folder(git_tree **out, struct hh_store *s, const char *path)
{
	git_tree_entry *e = NULL;
	int error;

	*out = NULL;
	if (s->tree == NULL)
		return HH_OK;
	if (path == NULL || *path == '\0') {
		*out = s->tree;
		return HH_OK;
	}
	if ((error = git_tree_entry_bypath(&e, s->tree, path)) ==
	    GIT_ENOTFOUND)
		return HH_OK;
	if (error < 0)
		return git_fail(path);
	if (git_tree_entry_type(e) != GIT_OBJECT_TREE) {
		git_tree_entry_free(e);
		return HH_OK;
	}
	error = git_tree_lookup(out, s->repo, git_tree_entry_id(e));
	git_tree_entry_free(e);
	return error < 0 ? git_fail(path) : HH_OK;
}

int
hh_store_list(char ***names_out, size_t *n_out, struct hh_store *s,
    const char *path)
{
	git_tree *t = NULL;
	char **names;
	size_t i, n;
	int error;

	*names_out = NULL;
	*n_out = 0;
	if ((error = snapshot_folder(&t, s, path)) < 0 || t == NULL)
		return error;
	n = git_tree_entrycount(t);
	names = hh_xmalloc((n + 1) * sizeof(*names));
	for (i = 0; i < n; i++)
		names[i] = hh_xstrdup(git_tree_entry_name(
		    git_tree_entry_byindex(t, i)));
	names[n] = NULL;
	if (t != s->tree)
		git_tree_free(t);
	*names_out = names;
	*n_out = n;
	return HH_OK;
}

/* One change of a tree: path (relative to that tree) to a blob, or gone. */
struct put {
	const char *path;
	const git_oid *id;	/* NULL: remove */
};

static int
cmp_put(const void *a, const void *b)
{
	return strcmp(((const struct put *)a)->path,
	    ((const struct put *)b)->path);
}

/*
 * The tree `base` (NULL: empty) with the changes v[0..n) made, v sorted
 * by path; only the trees along the changed paths are rebuilt, each
 * written once.  *empty tells whether the result has no entry.
 */
static int
tree_put(git_oid *out, int *empty, git_repository *repo, git_tree *base,
    const struct put *v, size_t n)
{
	git_treebuilder *bld = NULL;
	const git_tree_entry *e;
	git_tree *sub = NULL;
	struct put *subv = NULL;
	const char *slash;
	char *name = NULL;
	git_oid subid;
	size_t i, j, k, len;
	int error = HH_ERROR, subempty;

	if (git_treebuilder_new(&bld, repo, base) < 0) {
		error = git_fail("treebuilder");
		goto out;
	}
	for (i = 0; i < n; i = j) {
		slash = strchr(v[i].path, '/');
		len = slash ? (size_t)(slash - v[i].path) : strlen(v[i].path);
		free(name);
		name = strndup(v[i].path, len);
		e = git_treebuilder_get(bld, name);
		j = i + 1;
		if (slash == NULL) {
			if (v[i].id != NULL)
				error = git_treebuilder_insert(NULL, bld, name,
				    v[i].id, GIT_FILEMODE_BLOB);
			else
				error = e ? git_treebuilder_remove(bld, name) :
				    0;
			if (error < 0) {
				error = git_fail(v[i].path);
				goto out;
			}
			continue;
		}
		/* the changes under the same folder are next to each other */
		while (j < n && strncmp(v[j].path, v[i].path, len + 1) == 0)
			j++;
		if (e != NULL && git_tree_entry_type(e) != GIT_OBJECT_TREE) {
			error = hh_error_set(HH_EINVALID,
			    "%s: not a directory in the records", name);
			goto out;
		}
		git_tree_free(sub);
		sub = NULL;
		if (e != NULL && git_tree_lookup(&sub, repo,
		    git_tree_entry_id(e)) < 0) {
			error = git_fail(name);
			goto out;
		}
		free(subv);
		subv = hh_xmalloc((j - i) * sizeof(*subv));
		for (k = i; k < j; k++) {
			subv[k - i].path = v[k].path + len + 1;
			subv[k - i].id = v[k].id;
		}
		if ((error = tree_put(&subid, &subempty, repo, sub, subv,
		    j - i)) < 0)
			goto out;
		if (subempty)
			error = e ? git_treebuilder_remove(bld, name) : 0;
		else
			error = git_treebuilder_insert(NULL, bld, name, &subid,
			    GIT_FILEMODE_TREE);
		if (error < 0) {
			error = git_fail(name);
			goto out;
		}
	}
	*empty = git_treebuilder_entrycount(bld) == 0;
	if (*empty) {
		error = HH_OK;	/* nothing to write: the folder goes */
		goto out;
	}
	if (git_treebuilder_write(out, bld) < 0) {
		error = git_fail("tree");
		goto out;
	}
	error = HH_OK;
out:
	free(subv);
	free(name);
	git_tree_free(sub);
	git_treebuilder_free(bld);
	return error;
}

/*
 * The folder holding path under the tree (fd in *dirfd, to close) and
 * the file's name in it, walked from DIR one folder at a time without
 * following a symbolic link.  create: make missing folders; else a
 * missing one gives *dirfd -1 (the file can be made later).
 */
static int
open_parent(int *dirfd, const char **base, struct hh_store *s,
    const char *path, int create)
{
	char *p = hh_xstrdup(path), *q = p, *slash;
	int fd, next, error = HH_OK;

	*dirfd = -1;
	if ((fd = dup(s->rootfd)) < 0) {
		free(p);
		return hh_error_set(HH_ERROR, "%s: %s", s->dir,
		    strerror(errno));
	}
	while ((slash = strchr(q, '/')) != NULL) {
		*slash = '\0';
		if ((next = open_dir(fd, q)) < 0 && errno == ENOENT &&
		    create && (mkdirat(fd, q, 02770) == 0 || errno == EEXIST))
			next = open_dir(fd, q);
		if (next < 0) {
			if (errno == ENOENT && !create) {
				close(fd);
				fd = -1;
				break;
			}
			char where[PATH_MAX];
			int code = errno == ELOOP || errno == ENOTDIR ?
			    HH_EINVALID : HH_ERROR;

			snprintf(where, sizeof(where), "%s/%s", s->dir, p);
			error = dir_error(code, fd, q, where);
			close(fd);
			fd = -1;
			break;
		}
		close(fd);
		fd = next;
		*slash = '/';
		q = slash + 1;
	}
	*base = path + (strrchr(path, '/') ? strrchr(path, '/') - path + 1 :
	    0);
	free(p);
	*dirfd = fd;
	return error;
}

/*
 * Before a commit: can the file at PATH be written on disk afterwards?
 * Its folders must be real folders (or not exist yet), the file a
 * regular file (or not exist yet), and the deepest existing folder
 * writable.  Checked first so that a tree that cannot take the file gets
 * no commit either.
 */
static int
check_target(struct hh_store *s, const char *path)
{
	const char *base;
	struct stat st;
	int fd, error;

	if ((error = open_parent(&fd, &base, s, path, 0)) < 0)
		return error;
	if (fd < 0)
		return HH_OK;	/* made when written */
	if (fstatat(fd, base, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    !S_ISREG(st.st_mode))
		error = hh_error_set(HH_EINVALID, "%s/%s: not a regular file%s",
		    s->dir, path, S_ISLNK(st.st_mode) ? " (a symbolic link)" :
		    "");
	else if (faccessat(fd, ".", W_OK | X_OK, AT_EACCESS) < 0)
		error = hh_error_set(HH_ERROR, "%s/%s: %s", s->dir, path,
		    strerror(errno));
	close(fd);
	return error;
}

/*
 * Write name in folder dirfd atomically: a temporary file in .git/hh/tmp
 * (same file system) made with O_EXCL, synced, renamed into place.  A
 * writer killed half-way leaves its temporary file there, never in the
 * tree; the next hh_store_lock() clears them.
 */
static int
write_via_tmp(struct hh_store *s, int dirfd, const char *name,
    const char *data, size_t len, int dosync)
{
	static unsigned long n;
	char tmp[64];
	int tmpfd, fd, error = HH_OK;
	size_t off = 0;
	ssize_t w;

	if (s->hhfd < 0 || (tmpfd = open_dir(s->hhfd, "tmp")) < 0)
		return dir_error(HH_ERROR, s->hhfd, "tmp", in_git(s, "hh/tmp"));
	snprintf(tmp, sizeof(tmp), "%ld-%lu", (long)getpid(), n++);
	if ((fd = openat(tmpfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0660)) < 0) {
		error = hh_error_set(HH_ERROR, "%s/hh/tmp/%s: %s", s->gitdir,
		    tmp, strerror(errno));
		close(tmpfd);
		return error;
	}
	while (off < len && error == HH_OK) {
		if ((w = write(fd, data + off, len - off)) < 0) {
			if (errno != EINTR)
				error = hh_error_set(HH_ERROR, "%s: %s", name,
				    strerror(errno));
			continue;
		}
		off += (size_t)w;
	}
	if (error == HH_OK && dosync && fsync(fd) < 0)
		error = hh_error_set(HH_ERROR, "%s: %s", name, strerror(errno));
	if (close(fd) < 0 && error == HH_OK)
		error = hh_error_set(HH_ERROR, "%s: %s", name, strerror(errno));
	if (error == HH_OK && renameat(tmpfd, tmp, dirfd, name) < 0)
		error = hh_error_set(HH_ERROR, "%s: %s", name, strerror(errno));
	if (error < 0)
		unlinkat(tmpfd, tmp, 0);
	close(tmpfd);
	return error;
}

/* Remove what killed writers left in .git/hh/tmp (lock held); a link
 * there is removed, never followed. */
static int
clear_tmp(struct hh_store *s)
{
	struct dirent *e;
	DIR *dp;
	int fd;

	if ((fd = open_dir(s->hhfd, "tmp")) < 0) {
		if (errno != ENOENT)
			return dir_error(HH_EREFUSED, s->hhfd, "tmp", in_git(s,
			    "hh/tmp"));
		if (mkdirat(s->hhfd, "tmp", 02770) < 0)
			return hh_error_set(HH_ERROR, "%s/hh/tmp: %s",
			    s->gitdir, strerror(errno));
		return HH_OK;
	}
	if ((dp = fdopendir(fd)) == NULL) {
		close(fd);
		return hh_error_set(HH_ERROR, "%s/hh/tmp: %s", s->gitdir,
		    strerror(errno));
	}
	while ((e = readdir(dp)) != NULL)
		if (e->d_name[0] != '.')
			unlinkat(fd, e->d_name, 0);
	closedir(dp);
	return HH_OK;
}

static int
export_file(struct hh_store *s, const char *path, const char *data,
    size_t len)
{
	const char *base;
	int fd, error;

	if ((error = open_parent(&fd, &base, s, path, 1)) < 0)
		return error;
	if (data == NULL)
		error = unlinkat(fd, base, 0) < 0 && errno != ENOENT ?
		    hh_error_set(HH_ERROR, "%s/%s: %s", s->dir, path,
		    strerror(errno)) : HH_OK;
	else
		error = write_via_tmp(s, fd, base, data, len, s->dosync);
	close(fd);
	return error;
}

/* The whole of a small file name in folder dirfd: never through a link,
 * never a FIFO or device, at most max bytes; HH_ENOTFOUND if absent.
 * st_out (may be NULL) gets its status.  Messages begin "label: " (none
 * if label is ""). */
static int
read_small(char **out, size_t *len_out, struct stat *st_out, int dirfd,
    const char *name, size_t max, const char *label)
{
	struct stat st;
	char *buf;
	size_t off = 0;
	ssize_t r;
	int fd;

	*out = NULL;
	if (dirfd < 0)
		return hh_error_set(HH_ENOTFOUND, "%s%sno such file", label,
		    *label ? ": " : "");
	if ((fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC)) < 0)
		return errno == ENOENT ? hh_error_set(HH_ENOTFOUND,
		    "%s%sno such file", label, *label ? ": " : "") :
		    errno == ELOOP ?
		    hh_error_set(HH_EINVALID, "%s%sa symbolic link", label,
		    *label ? ": " : "") :
		    hh_error_set(HH_ERROR, "%s%s%s", label, *label ? ": " : "",
		    strerror(errno));
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (size_t)st.st_size > max) {
		close(fd);
		return !S_ISREG(st.st_mode) ? hh_error_set(HH_EINVALID,
		    "%s%snot a regular file", label, *label ? ": " : "") :
		    hh_error_set(HH_EINVALID, "%s%slarger than %zu bytes",
		    label, *label ? ": " : "", max);
	}
	buf = hh_xmalloc((size_t)st.st_size + 1);
	while (off < (size_t)st.st_size &&
	    (r = read(fd, buf + off, (size_t)st.st_size - off)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			close(fd);
			free(buf);
			return hh_error_set(HH_ERROR, "%s%s%s", label,
			    *label ? ": " : "", strerror(errno));
		}
		off += (size_t)r;
	}
	close(fd);
	buf[off] = '\0';
	*out = buf;
	if (len_out)
		*len_out = off;
	if (st_out)
		*st_out = st;
	return HH_OK;
}

static int
write_marker(struct hh_store *s)
{
	char line[GIT_OID_HEXSZ + 2];

	/* no fsync: a marker lost in a crash only makes the next writer
	 * export again, and the files it names were synced before it */
	snprintf(line, sizeof(line), "%s\n", s->headhex);
	return write_via_tmp(s, s->hhfd, "worktree", line, strlen(line), 0);
}

static int
export_delta(const git_diff_delta *d, float progress, void *payload)
{
	struct hh_store *s = payload;
	git_blob *b = NULL;
	int error;

	(void)progress;
	if (d->status == GIT_DELTA_DELETED)
		return export_file(s, d->old_file.path, NULL, 0) < 0 ? -1 : 0;
	if (d->new_file.mode == GIT_FILEMODE_LINK) {
		hh_error_set(HH_EINVALID, "%s: symbolic link in the records",
		    d->new_file.path);
		return -1;
	}
	if (git_blob_lookup(&b, s->repo, &d->new_file.id) < 0) {
		git_fail(d->new_file.path);
		return -1;
	}
	error = export_file(s, d->new_file.path, git_blob_rawcontent(b),
	    (size_t)git_blob_rawsize(b));
	git_blob_free(b);
	return error < 0 ? -1 : 0;
}

/*
 * Bring the files on disk to the snapshot: only what changed since the
 * commit named in hh/worktree (everything after a fresh init or clone).
 * Caller holds the lock.
 */
static int
sync_worktree(struct hh_store *s)
{
	char *text = NULL;
	git_oid old;
	git_commit *c = NULL;
	git_tree *oldtree = NULL;
	git_diff *diff = NULL;
	int error = HH_OK;

	if (s->unborn)
		goto out;
	if (read_small(&text, NULL, NULL, s->hhfd, "worktree", 4096,
	    "worktree") == HH_OK &&
	    strlen(text) >= GIT_OID_HEXSZ &&
	    (text[GIT_OID_HEXSZ] = '\0', git_oid_fromstr(&old, text) == 0)) {
		if (git_oid_equal(&old, &s->head))
			goto out;
		/* a branch moved back behind what hh last wrote (git
		 * update-ref to an older commit, then steps replayed): the
		 * next intake would give a code already printed on a receipt */
		if (git_commit_lookup(&c, s->repo, &old) < 0 ||
		    git_graph_descendant_of(s->repo, &s->head, &old) != 1) {
			error = hh_error_set(HH_EREFUSED, "HEAD %.10s does not "
			    "contain %.10s, the last commit hh wrote (the branch "
			    "was moved back: codes could be given twice); "
			    "restore it with git update-ref refs/heads/main %s, "
			    "or, if the history was replaced on purpose, remove "
			    "%s/hh/worktree", git_oid_tostr_s(&s->head), text,
			    text, s->gitdir);
			goto out;
		}
		git_commit_tree(&oldtree, c);
	}
	if (git_diff_tree_to_tree(&diff, s->repo, oldtree, s->tree, NULL) < 0) {
		error = git_fail("diff");
		goto out;
	}
	if (git_diff_foreach(diff, export_delta, NULL, NULL, NULL, s) < 0) {
		error = HH_ERROR;
		goto out;
	}
	error = write_marker(s);
out:
	git_diff_free(diff);
	git_tree_free(oldtree);
	git_commit_free(c);
	free(text);
	return error;
}

/* Seconds a command waits for the writers' lock ($HH_LOCK_WAIT, else
 * 30); a line is printed after 2. */
#define LOCK_WAIT 30
#define LOCK_SAY 2

static long
lock_wait(void)
{
	const char *e = hh_priv_env("HH_LOCK_WAIT");

	return e && *e ? strtol(e, NULL, 10) : LOCK_WAIT;
}

/*
 * flock(fd, op), polled so that a lock held by a stuck process never
 * hangs the desk: 1 when held, 0 when still busy after wait seconds (-1:
 * $HH_LOCK_WAIT, else LOCK_WAIT; 0: not waiting at all), negative on an
 * error.  say: a line when it has waited LOCK_SAY seconds.
 */
static int
poll_lock(struct hh_store *s, int fd, int op, long wait, int say)
{
	long waited = 0;

	if (wait < 0)
		wait = lock_wait();
	while (flock(fd, op | LOCK_NB) < 0) {
		if (errno != EWOULDBLOCK && errno != EINTR)
			return hh_error_set(HH_ERROR, "lock: %s",
			    strerror(errno));
		if (waited >= wait * 1000)
			return 0;
		if (say && waited >= LOCK_SAY * 1000) {
			tell(s, "waiting for %s/hh/lock (another hh command "
			    "holds it; giving up after %ld s)", s->gitdir,
			    wait);
			say = 0;
		}
		usleep(waited < 100 ? 1000 : 10000);
		waited += waited < 100 ? 1 : 10;
	}
	return 1;
}

/* Open the lock file: 1 if taken, 0 if the tree cannot be written here
 * (a read-only mount, a login that may only read) or, for a reader
 * (trying), if a writer holds it: a reader never waits. */
static int
take_lock(struct hh_store *s, int trying)
{
	struct stat st;
	int rc;

	if (s->hhfd < 0)
		return 0;
	s->lockfd = openat(s->hhfd, "lock", O_RDWR | O_CREAT | O_NOFOLLOW |
	    O_NONBLOCK | O_CLOEXEC, 0660);
	if (s->lockfd < 0 && (errno == EROFS || errno == EACCES ||
	    errno == EPERM))
		return 0;
	if (s->lockfd < 0 || fstat(s->lockfd, &st) < 0 ||
	    !S_ISREG(st.st_mode))
		return errno == ELOOP || s->lockfd >= 0 ?
		    hh_error_set(HH_EREFUSED, "%s/hh/lock: not a regular file",
		    s->gitdir) : hh_error_set(HH_ERROR, "%s/hh/lock: %s",
		    s->gitdir, strerror(errno));
	if ((rc = poll_lock(s, s->lockfd, LOCK_EX, trying ? 0 : -1, 1)) < 0)
		return rc;
	if (rc == 0 && !trying)
		return hh_error_set(HH_ERROR, "the records are busy: another "
		    "command has held %s/hh/lock for %ld s; try again",
		    s->gitdir, lock_wait());
	return rc;
}

/* Under the lock just taken: what killed writers left goes, the snapshot
 * is HEAD and the files on disk show it. */
static int
after_lock(struct hh_store *s)
{
	int error;

	if ((error = clear_tmp(s)) < 0 || (error = hh_store_refresh(s)) < 0)
		return error;
	return sync_worktree(s);
}

int
hh_store_lock(struct hh_store *s)
{
	int error;

	if (s->lockdepth++ > 0)
		return HH_OK;
	if ((error = take_lock(s, 0)) <= 0) {
		if (error == 0)
			error = hh_error_set(HH_EREFUSED, "%s: cannot be "
			    "written here (%s)", s->gitdir, s->hhfd < 0 ?
			    "no .git/hh" : strerror(errno));
		hh_store_unlock(s);
		return error;
	}
	if ((error = after_lock(s)) < 0) {
		hh_store_unlock(s);
		return error;
	}
	return HH_OK;
}

void
hh_store_unlock(struct hh_store *s)
{
	if (s->lockdepth == 0 || --s->lockdepth > 0)
		return;
	if (s->lockfd >= 0)
		close(s->lockfd);	/* releases the flock */
	s->lockfd = -1;
}

int
hh_store_sync(struct hh_store *s)
{
	int error;

	if (s->lockdepth > 0)
		return HH_OK;
	/* a reader that cannot write reads the snapshot as it is: the
	 * files on disk are only used checked against it */
	if ((error = take_lock(s, 1)) <= 0) {
		if (s->lockfd >= 0)
			close(s->lockfd);
		s->lockfd = -1;
		return error < 0 ? error : hh_store_refresh(s);
	}
	s->lockdepth++;
	error = after_lock(s);
	hh_store_unlock(s);
	return error;
}

/*
 * The branch's .lock file is in the way.  Under hh's own lock no hh writer
 * can hold it, so it is a killed writer's or a plain git command's: give
 * the latter two seconds, then take the file for stale and remove it.
 * Returns 1 when the caller should try again.
 */
static int
stale_ref_lock(struct hh_store *s)
{
	char *path = hh_xasprintf(".git/%s.lock", s->branch);
	const char *base;
	struct stat st;
	int fd, i;

	if (s->lockdepth == 0 || open_parent(&fd, &base, s, path, 0) < 0 ||
	    fd < 0) {
		free(path);
		return s->lockdepth > 0;
	}
	for (i = 0; i < 200 && fstatat(fd, base, &st,
	    AT_SYMLINK_NOFOLLOW) == 0; i++)
		usleep(10000);
	if (fstatat(fd, base, &st, AT_SYMLINK_NOFOLLOW) == 0)
		unlinkat(fd, base, 0);
	close(fd);
	free(path);
	return 1;
}

/*
 * Compare-and-swap: move the branch to commit `to` only if it still names
 * `from` (or does not exist, when unborn).  A branch lock left by a killed
 * writer is cleared once (stale_ref_lock).  HH_ECONFLICT if it moved.
 */
static int
move_branch(struct hh_store *s, const git_oid *to, int unborn,
    const git_oid *from, const char *msg)
{
	git_reference *ref = NULL;
	git_oid zero;
	int rc;

	memset(&zero, 0, sizeof(zero));
	rc = git_reference_create_matching(&ref, s->repo, s->branch, to,
	    !unborn, unborn ? &zero : from, msg);
	git_reference_free(ref);
	ref = NULL;
	if (rc == GIT_ELOCKED && stale_ref_lock(s)) {
		rc = git_reference_create_matching(&ref, s->repo, s->branch,
		    to, !unborn, unborn ? &zero : from, msg);
		git_reference_free(ref);
	}
	if (rc == GIT_EMODIFIED || rc == GIT_EEXISTS || rc == GIT_ELOCKED)
		return hh_error_set(HH_ECONFLICT,
		    "the records changed while writing; try again");
	if (rc < 0)
		return git_fail(s->branch);
	return HH_OK;
}

static void
pend_add(struct hh_store *s, const struct hh_file *f)
{
	struct hh_file *p;
	char *data = NULL;

	if (s->npend == s->cappend) {
		s->cappend = s->cappend ? 2 * s->cappend : 64;
		s->pend = hh_xrealloc(s->pend, s->cappend * sizeof(*s->pend));
	}
	if (f->data != NULL) {
		data = hh_xmalloc(f->len + 1);
		memcpy(data, f->data, f->len);
	}
	p = &s->pend[s->npend++];
	p->path = hh_xstrdup(f->path);
	p->data = data;
	p->len = f->len;
}

static void
pend_clear(struct hh_store *s)
{
	size_t i;

	for (i = 0; i < s->npend; i++) {
		free((char *)s->pend[i].path);
		free((char *)s->pend[i].data);
	}
	free(s->pend);
	s->pend = NULL;
	s->npend = s->cappend = 0;
}

/* Everything written so far on the file system of the records reaches
 * the disk: one flush for many files (syncfs), where fsync costs one a
 * file. */
static int
sync_all(struct hh_store *s)
{
	int fd, rc;

	if (!s->dosync)
		return HH_OK;
	if ((fd = open(s->gitdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return hh_error_set(HH_ERROR, "%s: %s", s->gitdir,
		    strerror(errno));
#ifdef __linux__
	rc = syncfs(fd);
#else
	sync();
	rc = 0;
#endif
	close(fd);
	if (rc < 0)
		return hh_error_set(HH_ERROR, "sync: %s", strerror(errno));
	return HH_OK;
}

int
hh_store_defer(struct hh_store *s)
{
	if (s->lockdepth == 0)
		return hh_error_set(HH_ERROR, "defer: the lock is not held");
	if (s->defer++ > 0)
		return HH_OK;
	git_oid_cpy(&s->base, &s->head);
	s->base_unborn = s->unborn;
	/* objects are synced once, by hh_store_flush */
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 0);
	return HH_OK;
}

int
hh_store_flush(struct hh_store *s)
{
	size_t i;
	int error = HH_OK, dosync = s->dosync;

	if (s->defer == 0 || --s->defer > 0)
		return HH_OK;
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, s->dosync);
	if (s->npend == 0)
		return HH_OK;
	/* the objects are on disk before the branch names them */
	if ((error = sync_all(s)) < 0)
		goto undo;
	if ((error = move_branch(s, &s->head, s->base_unborn, &s->base,
	    "hh: group commit")) < 0)
		goto undo;
	journal_flush(s);
	/* the commits are in; the files follow, synced together */
	s->dosync = 0;
	for (i = 0; i < s->npend && error == HH_OK; i++)
		error = export_file(s, s->pend[i].path, s->pend[i].data,
		    s->pend[i].len);
	s->dosync = dosync;
	pend_clear(s);
	if (error < 0) {
		/* the next hh_store_lock writes them again */
		tell(s, "warning: %s (the commits are in; the next hh command "
		    "writes the files again)", hh_error_last());
		return HH_OK;
	}
	if ((error = sync_all(s)) < 0) {
		tell(s, "warning: %s (the commits are in)", hh_error_last());
		return HH_OK;
	}
	write_marker(s);
	return HH_OK;
undo:
	pend_clear(s);
	s->journal.len = 0;
	hh_store_refresh(s);
	return error;
}

/*
 * Signing (hh(7) SIGNED COMMITS).  The centre's key is DIR/.git/hh/key,
 * readable by the records account alone; the tree's allowed_signers file
 * lists it.  A key being replaced waits in hh/key.new until the commit
 * listing it is in (hh_store_key_set), so that a writer killed in between
 * never signs with a key the history does not allow.
 */
#define KEY_MAX 4096

/* Whether tree's allowed_signers lets k sign at when. */
static int
key_listed(struct hh_store *s, const git_tree *tree, const struct hh_key *k,
    int64_t when)
{
	struct hh_signers *sg = NULL;
	char *text = NULL;
	size_t len;
	int error;

	if ((error = read_at(&text, &len, s, tree, HH_SIGNERS_FILE)) < 0)
		return error;
	if ((error = hh_signers_parse(&sg, text, len)) == HH_OK)
		error = hh_signers_allow(sg, k->pub, when);
	hh_signers_free(sg);
	free(text);
	return error;
}

static int
key_read(struct hh_key *k, struct hh_store *s, const char *name)
{
	char *text = NULL;
	size_t len;
	int error;

	if ((error = hh_store_private_read(&text, &len, s, name,
	    KEY_MAX)) < 0)
		return error;
	error = hh_key_parse(k, text, len);
	sodium_memzero(text, len);
	free(text);
	return error < 0 ? hh_error_prefix(error, "%s/hh/%s", s->gitdir,
	    name) : HH_OK;
}

/* The key to sign with, read once per process (the lock held). */
static int
load_key(struct hh_store *s)
{
	struct hh_key next;
	int error, listed;

	if (s->keyed >= 0)
		return HH_OK;
	/* a rotation that a killed writer did not finish */
	if ((error = key_read(&next, s, "key.new")) == HH_OK) {
		listed = key_listed(s, s->tree, &next, hh_priv_now()) ==
		    HH_OK;
		if (listed && renameat(s->hhfd, "key.new", s->hhfd, "key") < 0)
			return hh_error_set(HH_ERROR, "%s/hh/key: %s",
			    s->gitdir, strerror(errno));
		if (!listed)
			unlinkat(s->hhfd, "key.new", 0);
		sodium_memzero(&next, sizeof(next));
	} else if (error != HH_ENOTFOUND)
		return error;
	error = key_read(&s->key, s, "key");
	if (error == HH_ENOTFOUND) {
		char *text = NULL;

		/* a tree that signs needs its key; one from before signing
		 * began (no allowed_signers) goes on unsigned */
		if (hh_store_read(&text, NULL, s, HH_SIGNERS_FILE) == HH_OK) {
			free(text);
			return hh_error_set(HH_EREFUSED, "%s/hh/key: no such "
			    "file, but the tree signs its commits (%s): "
			    "refused (an admin makes a new key: hh-init "
			    "--rotate-key)", s->gitdir, HH_SIGNERS_FILE);
		}
		s->keyed = 0;
		return HH_OK;
	}
	if (error < 0)
		return error;
	s->keyed = 1;
	return HH_OK;
}

int
hh_store_key_set(struct hh_store *s, const struct hh_key *k, int pending)
{
	char *text, *path = NULL, *abs = NULL;
	git_config *cfg = NULL;
	mode_t old;
	int error;

	if ((long)geteuid() != s->owner || s->hhfd < 0)
		return hh_error_set(HH_EREFUSED, "%s/hh/key: only the tree's "
		    "owner writes it", s->gitdir);
	if (!pending) {
		/* plain git verifies with the tree's own file */
		if ((abs = realpath(s->dir, NULL)) == NULL)
			return hh_error_set(HH_ERROR, "%s: %s",
			    hh_text_quote(s->dir), strerror(errno));
		path = hh_xasprintf("%s/%s", abs, HH_SIGNERS_FILE);
		free(abs);
		error = git_repository_config(&cfg, s->repo) < 0 ||
		    git_config_set_string(cfg, "gpg.format", "ssh") < 0 ||
		    git_config_set_string(cfg, "gpg.ssh.allowedSignersFile",
		    path) < 0 ? git_fail("gpg.ssh.allowedSignersFile") : HH_OK;
		git_config_free(cfg);
		free(path);
		if (error < 0)
			return error;
	}
	text = hh_key_private_text(k, hh_store_key_comment(s));
	/* the records account's alone (a tree shared by a group's logins,
	 * unprivileged, is theirs alike: hh(7)) */
	old = umask(hh_priv_active() ? 077 : 027);
	error = write_via_tmp(s, s->hhfd, pending ? "key.new" : "key", text,
	    strlen(text), s->dosync);
	umask(old);
	sodium_memzero(text, strlen(text));
	free(text);
	if (error == HH_OK && !pending) {
		s->key = *k;
		s->keyed = 1;
	}
	return error;
}

int
hh_store_key_commit(struct hh_store *s)
{
	if (s->hhfd < 0 || renameat(s->hhfd, "key.new", s->hhfd, "key") < 0)
		return hh_error_set(HH_ERROR, "%s/hh/key: %s (the next hh "
		    "command finishes the change)", s->gitdir,
		    strerror(errno));
	s->keyed = -1;
	return load_key(s);
}

int
hh_store_key_public(unsigned char pub[HH_KEY_PUB], struct hh_store *s)
{
	int error;

	if ((error = load_key(s)) < 0)
		return error;
	if (s->keyed == 0)
		return hh_error_set(HH_ENOTFOUND, "%s/hh/key: no such file",
		    s->gitdir);
	memcpy(pub, s->key.pub, HH_KEY_PUB);
	return HH_OK;
}

const char *
hh_store_key_comment(const struct hh_store *s)
{
	(void)s;
	return "hh records tree";
}

/* The commit object, signed with the centre's key if the tree has one. */
static int
make_commit(struct hh_store *s, git_oid *out, const git_signature *author,
    const git_signature *committer, const char *msg, const git_tree *tree,
    const git_commit **parents, size_t nparents)
{
	git_buf buf = { NULL, 0, 0 };
	char *sig, *end;
	int error;

	if ((error = load_key(s)) < 0)
		return error;
	if (s->keyed == 0) {
		if (git_commit_create(out, s->repo, NULL, author, committer,
		    "UTF-8", msg, tree, nparents, parents) < 0)
			return git_fail("commit");
		return HH_OK;
	}
	/* a key the tree no longer allows signs nothing; the commit that
	 * begins signing (the root, or the first to list a key: hh-init
	 * --rotate-key on a tree from before signing) is signed by one it
	 * lists, as hh-check verifies it */
	error = s->unborn ? HH_ENOTFOUND : key_listed(s, s->tree, &s->key,
	    (int64_t)committer->when.time);
	if (error == HH_ENOTFOUND)
		error = key_listed(s, tree, &s->key,
		    (int64_t)committer->when.time);
	if (error < 0)
		return hh_error_prefix(error, "%s/hh/key", s->gitdir);
	if (git_commit_create_buffer(&buf, s->repo, author, committer,
	    "UTF-8", msg, tree, nparents, parents) < 0)
		return git_fail("commit");
	sig = hh_key_sign(&s->key, buf.ptr, buf.size);
	/* git's header holds it without its last line end */
	if ((end = strrchr(sig, '\n')) != NULL && end[1] == '\0')
		*end = '\0';
	error = git_commit_create_with_signature(out, s->repo, buf.ptr, sig,
	    "gpgsig") < 0 ? git_fail("commit") : HH_OK;
	free(sig);
	git_buf_dispose(&buf);
	return error;
}

int
hh_store_signature(char **sig_out, size_t *siglen, char **data_out,
    size_t *datalen, struct hh_store *s, const char *id)
{
	git_buf sig = { NULL, 0, 0 }, data = { NULL, 0, 0 };
	git_oid oid;
	int rc;

	*sig_out = *data_out = NULL;
	if (git_oid_fromstr(&oid, id) < 0)
		return hh_error_set(HH_EINVALID, "%s: not a commit id",
		    hh_text_quote(id));
	rc = git_commit_extract_signature(&sig, &data, s->repo, &oid,
	    "gpgsig");
	if (rc == GIT_ENOTFOUND) {
		git_error_clear();
		return hh_error_set(HH_ENOTFOUND, "%.10s: not signed", id);
	}
	if (rc < 0)
		return git_fail(id);
	*sig_out = hh_xmalloc(sig.size + 1);
	memcpy(*sig_out, sig.ptr, sig.size);
	(*sig_out)[sig.size] = '\0';
	*siglen = sig.size;
	*data_out = hh_xmalloc(data.size + 1);
	memcpy(*data_out, data.ptr, data.size);
	(*data_out)[data.size] = '\0';
	*datalen = data.size;
	git_buf_dispose(&sig);
	git_buf_dispose(&data);
	return HH_OK;
}

int
hh_store_commit(struct hh_store *s, const struct hh_file *files, size_t n,
    const struct hh_author *a, const char *msg)
{
	git_signature *author = NULL, *committer = NULL;
	git_commit *parent = NULL;
	git_tree *tree = NULL;
	git_oid *blobs = NULL, treeid, commit;
	struct put *puts = NULL;
	const git_commit *parents[1];
	size_t i;
	int error = HH_ERROR, empty, grouped = s->dosync && !s->defer;

	/* the commit's objects (a file, its folders' trees, the commit) are
	 * written unsynced and reach the disk in one flush before the
	 * branch names them (sync_all): one flush, not two fsyncs each */
	if (grouped)
		git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 0);
	blobs = hh_xmalloc((n ? n : 1) * sizeof(*blobs));
	puts = hh_xmalloc((n ? n : 1) * sizeof(*puts));
	for (i = 0; i < n; i++)
		if ((error = check_target(s, files[i].path)) < 0)
			goto out;
	for (i = 0; i < n; i++) {
		if (files[i].data != NULL &&
		    git_blob_create_from_buffer(&blobs[i], s->repo,
		    files[i].data, files[i].len) < 0) {
			error = git_fail(files[i].path);
			goto out;
		}
		puts[i].path = files[i].path;
		puts[i].id = files[i].data ? &blobs[i] : NULL;
	}
	qsort(puts, n, sizeof(*puts), cmp_put);
	if ((error = tree_put(&treeid, &empty, s->repo, s->tree, puts,
	    n)) < 0)
		goto out;
	if (!empty && git_tree_lookup(&tree, s->repo, &treeid) < 0) {
		error = git_fail("tree");
		goto out;
	}
	if (tree == NULL || (s->tree &&
	    git_oid_equal(git_tree_id(tree), git_tree_id(s->tree)))) {
		error = hh_error_set(HH_EEXISTS, "nothing changed");
		goto out;
	}
	if (git_signature_new(&author, a->name, a->email, a->when, 420) < 0 ||
	    git_signature_new(&committer, a->name, a->email, hh_priv_now(),
	    420) < 0) {
		error = git_fail("signature");
		goto out;
	}
	if (!s->unborn && git_commit_lookup(&parent, s->repo, &s->head) < 0) {
		error = git_fail("HEAD");
		goto out;
	}
	parents[0] = parent;
	if ((error = make_commit(s, &commit, author, committer, msg, tree,
	    parents, parent ? 1 : 0)) < 0)
		goto out;
	journal_add(s, &commit, s->unborn ? NULL : &s->head, puts, n);
	if (grouped) {
		git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
		grouped = 0;
		if ((error = sync_all(s)) < 0)
			goto out;
	}
	/* the branch moves only if it still is the snapshot we built on
	 * (deferred: at hh_store_flush) */
	if (!s->defer && (error = move_branch(s, &commit, s->unborn,
	    &s->head, msg)) < 0) {
		s->journal.len = 0;
		goto out;
	}
	if (!s->defer)
		journal_flush(s);
	/* the snapshot is the new commit (the next one builds on it) */
	git_oid_cpy(&s->head, &commit);
	git_oid_tostr(s->headhex, sizeof(s->headhex), &s->head);
	s->unborn = 0;
	git_tree_free(s->tree);
	s->tree = tree;
	tree = NULL;
	if (s->defer) {
		/* the branch and the files wait for hh_store_flush */
		for (i = 0; i < n; i++)
			pend_add(s, &files[i]);
		error = HH_OK;
		goto out;
	}
	/*
	 * The commit is in: from here on the change has happened.  The files
	 * on disk follow; if that fails (or we die here), hh/worktree still
	 * names the old commit and the next hh_store_lock() redoes it.
	 */
	error = HH_OK;
	for (i = 0; i < n; i++)
		if (export_file(s, files[i].path, files[i].data,
		    files[i].len) < 0) {
			tell(s, "warning: %s (the commit is in; the next hh "
			    "command writes the file again)", hh_error_last());
			goto out;
		}
	write_marker(s);
out:
	if (grouped)
		git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
	git_commit_free(parent);
	git_signature_free(author);
	git_signature_free(committer);
	free(blobs);
	free(puts);
	git_tree_free(tree);
	return error;
}

/*
 * History: read-only walks over the first-parent history of the snapshot,
 * for hh-log and hh-check.  Trees are compared entry by entry (ids first),
 * so only the folders that changed are read.
 */

struct hh_walk {
	struct hh_store *s;
	git_oid *ids;		/* newest first */
	size_t n, next;		/* next: how many are left */
	struct hh_commit cur;
	char *buf;		/* path under construction */
	size_t buflen, bufcap;
	size_t capchanges;
};

static void
commit_clear(struct hh_commit *c)
{
	size_t i;

	for (i = 0; i < c->nchanges; i++)
		free(c->changes[i].path);
	free(c->changes);
	free(c->author);
	free(c->email);
	free(c->committer);
	free(c->committer_email);
	free(c->message);
	free(c->error);
	memset(c, 0, sizeof(*c));
}

void
hh_store_commits_free(struct hh_commit *v, size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++)
		commit_clear(&v[i]);
	free(v);
}

static void
commit_fill(struct hh_commit *c, const git_commit *gc)
{
	const git_signature *a = git_commit_author(gc);
	const git_signature *m = git_commit_committer(gc);
	const char *msg = git_commit_message(gc);

	git_oid_tostr(c->id, sizeof(c->id), git_commit_id(gc));
	c->nparents = git_commit_parentcount(gc);
	if (c->nparents > 0)
		git_oid_tostr(c->parent, sizeof(c->parent),
		    git_commit_parent_id(gc, 0));
	else
		c->parent[0] = '\0';
	c->author = hh_xstrdup(a->name ? a->name : "");
	c->email = hh_xstrdup(a->email ? a->email : "");
	c->author_date = (int64_t)a->when.time;
	c->author_offset = a->when.offset;
	c->committer = hh_xstrdup(m->name ? m->name : "");
	c->committer_email = hh_xstrdup(m->email ? m->email : "");
	c->committer_date = (int64_t)m->when.time;
	c->committer_offset = m->when.offset;
	c->message = hh_xstrdup(msg ? msg : "");
}

/* Commit id at the end of the walk's list (newest first). */
static void
walk_add(struct hh_walk *w, size_t *cap, const git_oid *id)
{
	if (w->n == *cap) {
		*cap = *cap ? *cap * 2 : 1024;
		w->ids = hh_xrealloc(w->ids, *cap * sizeof(*w->ids));
	}
	git_oid_cpy(&w->ids[w->n++], id);
}

/* The walk from the snapshot back to the first of stops[0..nstops-1] met
 * (*which: its index; -1, and the whole history, if none is met). */
static int
walk_open_at(struct hh_walk **out, int *which, struct hh_store *s,
    const git_oid *stops, size_t nstops)
{
	struct hh_walk *w = hh_xmalloc(sizeof(*w));
	git_revwalk *rw = NULL;
	git_commit *c = NULL, *p;
	git_oid id;
	size_t cap = 0, k;
	int error = HH_ERROR, rc = 0;

	*out = NULL;
	*which = -1;
	memset(w, 0, sizeof(*w));
	w->s = s;
	if (s->unborn)
		goto done;
	if (nstops > 0) {
		/* the index's walks: most often a few commits back, where a
		 * revision walk costs more to set up than the walk */
		git_oid_cpy(&id, &s->head);
		for (;;) {
			for (k = 0; k < nstops; k++)
				if (git_oid_equal(&id, &stops[k]))
					break;
			if (k < nstops) {
				*which = (int)k;
				break;
			}
			walk_add(w, &cap, &id);
			if (git_commit_lookup(&c, s->repo, &id) < 0) {
				error = git_fail("history");
				goto out;
			}
			rc = git_commit_parentcount(c) == 0 ? 1 :
			    git_commit_parent(&p, c, 0);
			git_commit_free(c);
			if (rc == 1)
				break;
			if (rc < 0) {
				error = git_fail("history");
				goto out;
			}
			git_oid_cpy(&id, git_commit_id(p));
			git_commit_free(p);
		}
		goto done;
	}
	/* the whole history */
	if (git_revwalk_new(&rw, s->repo) < 0 ||
	    git_revwalk_simplify_first_parent(rw) < 0 ||
	    git_revwalk_push(rw, &s->head) < 0) {
		error = git_fail("history");
		goto out;
	}
	while ((rc = git_revwalk_next(&id, rw)) == 0)
		walk_add(w, &cap, &id);
	if (rc != GIT_ITEROVER) {
		error = git_fail("history");
		goto out;
	}
done:
	w->next = w->n;
	*out = w;
	w = NULL;
	error = HH_OK;
out:
	git_revwalk_free(rw);
	hh_store_walk_free(w);
	return error;
}

int
hh_store_walk_open(struct hh_walk **out, struct hh_store *s, const char *since)
{
	char hex[HH_OID_MAX];
	git_oid stop = {{ 0 }};
	int error, which;

	*out = NULL;
	if (since != NULL) {
		if ((error = hh_store_resolve(hex, s, since)) < 0)
			return error;
		git_oid_fromstr(&stop, hex);
	}
	if ((error = walk_open_at(out, &which, s, &stop,
	    since != NULL)) < 0)
		return error;
	if (since != NULL && which < 0) {
		hh_store_walk_free(*out);
		*out = NULL;
		return hh_error_set(HH_ENOTFOUND, "%s: not in the "
		    "first-parent history of HEAD", hh_text_quote(since));
	}
	return HH_OK;
}

size_t
hh_store_walk_count(const struct hh_walk *w)
{
	return w->n;
}

void
hh_store_walk_free(struct hh_walk *w)
{
	if (w == NULL)
		return;
	commit_clear(&w->cur);
	free(w->ids);
	free(w->buf);
	free(w);
}

/* Append a component to the path buffer; returns the old length. */
static size_t
path_push(struct hh_walk *w, const char *name, int dir)
{
	size_t old = w->buflen, n = strlen(name);

	if (w->buflen + n + 2 > w->bufcap) {
		w->bufcap = (w->buflen + n + 2) * 2;
		w->buf = hh_xrealloc(w->buf, w->bufcap);
	}
	memcpy(w->buf + w->buflen, name, n);
	w->buflen += n;
	if (dir)
		w->buf[w->buflen++] = '/';
	w->buf[w->buflen] = '\0';
	return old;
}

static void
change_add(struct hh_walk *w, const git_tree_entry *a,
    const git_tree_entry *b)
{
	struct hh_commit *c = &w->cur;
	struct hh_change *ch;

	if (c->nchanges == w->capchanges) {
		w->capchanges = w->capchanges ? w->capchanges * 2 : 8;
		c->changes = hh_xrealloc(c->changes, w->capchanges *
		    sizeof(*c->changes));
	}
	ch = &c->changes[c->nchanges++];
	memset(ch, 0, sizeof(*ch));
	ch->path = hh_xstrdup(w->buf);
	if (a != NULL) {
		git_oid_tostr(ch->old_id, sizeof(ch->old_id),
		    git_tree_entry_id(a));
		ch->old_mode = (unsigned)git_tree_entry_filemode_raw(a);
	}
	if (b != NULL) {
		git_oid_tostr(ch->new_id, sizeof(ch->new_id),
		    git_tree_entry_id(b));
		ch->new_mode = (unsigned)git_tree_entry_filemode_raw(b);
	}
}

static int tree_diff(struct hh_walk *, const git_tree *, const git_tree *);

/* One side of a name present in only one tree (or of a file replaced by a
 * folder): a folder is listed file by file. */
static int
side_diff(struct hh_walk *w, const git_tree_entry *a, const git_tree_entry *b)
{
	const git_tree_entry *e = a ? a : b;
	git_tree *t = NULL;
	size_t old;
	int error;

	if (git_tree_entry_type(e) != GIT_OBJECT_TREE) {
		old = path_push(w, git_tree_entry_name(e), 0);
		change_add(w, a, b);
		w->buflen = old;
		return HH_OK;
	}
	old = path_push(w, git_tree_entry_name(e), 1);
	if (git_tree_lookup(&t, w->s->repo, git_tree_entry_id(e)) < 0) {
		error = git_fail(w->buf);
		goto out;
	}
	error = a ? tree_diff(w, t, NULL) : tree_diff(w, NULL, t);
out:
	git_tree_free(t);
	w->buflen = old;
	w->buf[old] = '\0';
	return error;
}

static int
tree_diff(struct hh_walk *w, const git_tree *a, const git_tree *b)
{
	const git_tree_entry *ea, *eb;
	git_tree *ta = NULL, *tb = NULL;
	size_t i = 0, j = 0, na, nb, old;
	int cmp, error;

	na = a ? git_tree_entrycount(a) : 0;
	nb = b ? git_tree_entrycount(b) : 0;
	while (i < na || j < nb) {
		ea = i < na ? git_tree_entry_byindex(a, i) : NULL;
		eb = j < nb ? git_tree_entry_byindex(b, j) : NULL;
		cmp = ea == NULL ? 1 : eb == NULL ? -1 :
		    git_tree_entry_cmp(ea, eb);
		if (cmp < 0) {
			i++;
			if ((error = side_diff(w, ea, NULL)) < 0)
				return error;
			continue;
		}
		if (cmp > 0) {
			j++;
			if ((error = side_diff(w, NULL, eb)) < 0)
				return error;
			continue;
		}
		i++;
		j++;
		if (git_oid_equal(git_tree_entry_id(ea),
		    git_tree_entry_id(eb)) && git_tree_entry_filemode_raw(ea) ==
		    git_tree_entry_filemode_raw(eb))
			continue;
		if (git_tree_entry_type(ea) != GIT_OBJECT_TREE ||
		    git_tree_entry_type(eb) != GIT_OBJECT_TREE) {
			/* same name and kind (git orders a folder as name/) */
			old = path_push(w, git_tree_entry_name(ea), 0);
			change_add(w, ea, eb);
			w->buflen = old;
			w->buf[old] = '\0';
			continue;
		}
		old = path_push(w, git_tree_entry_name(ea), 1);
		if (git_tree_lookup(&ta, w->s->repo,
		    git_tree_entry_id(ea)) < 0 ||
		    git_tree_lookup(&tb, w->s->repo, git_tree_entry_id(eb)) < 0)
			error = git_fail(w->buf);
		else
			error = tree_diff(w, ta, tb);
		git_tree_free(ta);
		git_tree_free(tb);
		ta = tb = NULL;
		w->buflen = old;
		w->buf[old] = '\0';
		if (error < 0)
			return error;
	}
	return HH_OK;
}

int
hh_store_walk_next(const struct hh_commit **out, struct hh_walk *w)
{
	git_commit *gc = NULL, *parent = NULL;
	git_tree *t = NULL, *pt = NULL;
	int error = HH_ERROR;

	*out = NULL;
	commit_clear(&w->cur);
	w->capchanges = 0;
	if (w->next == 0)
		return 0;
	w->next--;
	if (git_commit_lookup(&gc, w->s->repo, &w->ids[w->next]) < 0) {
		char hex[HH_OID_MAX];

		git_oid_tostr(hex, sizeof(hex), &w->ids[w->next]);
		return git_fail(hex);
	}
	commit_fill(&w->cur, gc);
	w->buflen = 0;
	path_push(w, "", 0);
	if (git_commit_tree(&t, gc) < 0 || (w->cur.nparents > 0 &&
	    (git_commit_parent(&parent, gc, 0) < 0 ||
	    git_commit_tree(&pt, parent) < 0)))
		error = git_fail("tree");
	else
		error = tree_diff(w, pt, t);
	if (error < 0)
		w->cur.error = hh_xstrdup(hh_error_last());
	git_tree_free(t);
	git_tree_free(pt);
	git_commit_free(parent);
	git_commit_free(gc);
	*out = &w->cur;
	return 1;
}

/*
 * The blob id at a fixed path in successive root trees; each level
 * remembers its last tree id, so a tree seen in the previous commit is not
 * read again (most commits leave most folders alone).
 */
#define PATH_DEPTH_MAX 16
struct pathcache {
	char *parts[PATH_DEPTH_MAX];
	size_t nparts;
	git_oid tree[PATH_DEPTH_MAX];
	size_t valid;		/* levels of tree[] that are meaningful */
	git_oid blob;
	int found;
};

/* Find name in the raw tree object id without parsing the whole tree
 * (git's tree format: "MODE NAME\0" and 20 bytes of id, sorted). */
static int
raw_entry(git_oid *out, int *found, int *is_tree, git_odb *odb,
    const git_oid *id, const char *name)
{
	git_odb_object *o = NULL;
	const char *p, *end, *sp, *nul;
	size_t nlen = strlen(name);

	*found = 0;
	if (git_odb_read(&o, odb, id) < 0)
		return git_fail(name);
	if (git_odb_object_type(o) != GIT_OBJECT_TREE) {
		git_odb_object_free(o);
		return HH_OK;
	}
	p = git_odb_object_data(o);
	end = p + git_odb_object_size(o);
	while (p < end) {
		if ((sp = memchr(p, ' ', (size_t)(end - p))) == NULL ||
		    (nul = memchr(sp + 1, '\0', (size_t)(end - sp - 1))) ==
		    NULL || end - nul < 1 + GIT_OID_RAWSZ)
			break;
		if ((size_t)(nul - sp - 1) == nlen &&
		    memcmp(sp + 1, name, nlen) == 0) {
			*found = 1;
			*is_tree = sp - p == 5 && memcmp(p, "40000", 5) == 0;
			git_oid_fromraw(out, (const unsigned char *)nul + 1);
			break;
		}
		p = nul + 1 + GIT_OID_RAWSZ;
	}
	git_odb_object_free(o);
	return HH_OK;
}

static int
blob_at(struct pathcache *pc, git_odb *odb, const git_oid *root)
{
	git_oid id;
	size_t k;
	int found, is_tree = 0, error;

	git_oid_cpy(&id, root);
	for (k = 0; k < pc->nparts; k++) {
		if (k < pc->valid && git_oid_equal(&pc->tree[k], &id))
			return HH_OK;	/* same tree: same answer */
		git_oid_cpy(&pc->tree[k], &id);
		pc->valid = k + 1;
		if ((error = raw_entry(&id, &found, &is_tree, odb, &pc->tree[k],
		    pc->parts[k])) < 0)
			return error;
		if (!found || is_tree != (k + 1 < pc->nparts)) {
			pc->found = 0;
			return HH_OK;
		}
	}
	git_oid_cpy(&pc->blob, &id);
	pc->found = 1;
	return HH_OK;
}

/* One file state: its blob id, or absent (found 0). */
struct fstate {
	git_oid blob;
	int found;
};

static int
fstate_eq(const struct fstate *a, const struct fstate *b)
{
	return a->found == b->found && (!a->found ||
	    git_oid_equal(&a->blob, &b->blob));
}

static void
log_push(struct hh_commit **v, size_t *n, size_t *cap, git_repository *repo,
    const git_oid *id, const char *path, const struct fstate *now,
    const git_oid *blob, int found)
{
	git_commit *gc = NULL;
	struct hh_commit *c;

	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*v = hh_xrealloc(*v, *cap * sizeof(**v));
	}
	c = &(*v)[(*n)++];
	memset(c, 0, sizeof(*c));
	if (git_commit_lookup(&gc, repo, id) == 0) {
		commit_fill(c, gc);
		git_commit_free(gc);
	} else
		git_oid_tostr(c->id, sizeof(c->id), id);
	c->changes = hh_xmalloc(sizeof(*c->changes));
	c->nchanges = 1;
	memset(c->changes, 0, sizeof(*c->changes));
	c->changes[0].path = hh_xstrdup(path);
	if (found) {
		git_oid_tostr(c->changes[0].new_id, HH_OID_MAX, blob);
		c->changes[0].new_mode = GIT_FILEMODE_BLOB;
	}
	if (now->found) {
		git_oid_tostr(c->changes[0].old_id, HH_OID_MAX, &now->blob);
		c->changes[0].old_mode = GIT_FILEMODE_BLOB;
	}
}

static int
path_parts(struct pathcache *pc, char *copy, const char *path)
{
	char *p, *save = NULL;

	memset(pc, 0, sizeof(*pc));
	for (p = strtok_r(copy, "/", &save); p; p = strtok_r(NULL, "/",
	    &save)) {
		if (pc->nparts == PATH_DEPTH_MAX)
			return hh_error_set(HH_EINVALID, "%s: too deep", path);
		pc->parts[pc->nparts++] = p;
	}
	return HH_OK;
}

/* hh_store_log by the whole history walk: the blob at path in each
 * commit against the next. */
static int
log_walk(struct hh_commit **out, size_t *n_out, struct hh_store *s,
    const char *path)
{
	struct pathcache pc;
	struct fstate now;
	struct hh_commit *v = NULL;
	git_revwalk *rw = NULL;
	git_odb *odb = NULL;
	git_commit *gc = NULL;
	git_oid id, held, heldblob;
	char *copy = hh_xstrdup(path);
	size_t n = 0, cap = 0;
	int error = HH_ERROR, rc, have = 0, heldfound = 0;

	*out = NULL;
	*n_out = 0;
	if ((error = path_parts(&pc, copy, path)) < 0)
		goto out;
	if (s->unborn || pc.nparts == 0) {
		error = HH_OK;
		goto out;
	}
	if (git_repository_odb(&odb, s->repo) < 0 ||
	    git_revwalk_new(&rw, s->repo) < 0 ||
	    git_revwalk_simplify_first_parent(rw) < 0 ||
	    git_revwalk_push(rw, &s->head) < 0) {
		error = git_fail("history");
		goto out;
	}
	while ((rc = git_revwalk_next(&id, rw)) == 0) {
		if (git_commit_lookup(&gc, s->repo, &id) < 0) {
			error = git_fail("commit");
			goto out;
		}
		error = blob_at(&pc, odb, git_commit_tree_id(gc));
		git_commit_free(gc);
		gc = NULL;
		if (error < 0)
			goto out;
		/* the commit held from the previous round is this one's
		 * child: it changed the file if the blobs differ */
		if (have && (heldfound != pc.found || (heldfound &&
		    !git_oid_equal(&heldblob, &pc.blob)))) {
			now.found = pc.found;
			git_oid_cpy(&now.blob, &pc.blob);
			log_push(&v, &n, &cap, s->repo, &held, path, &now,
			    &heldblob, heldfound);
		}
		git_oid_cpy(&held, &id);
		if ((heldfound = pc.found))
			git_oid_cpy(&heldblob, &pc.blob);
		have = 1;
	}
	if (rc != GIT_ITEROVER) {
		error = git_fail("history");
		goto out;
	}
	if (have && heldfound) {
		now.found = 0;	/* the root commit added it */
		log_push(&v, &n, &cap, s->repo, &held, path, &now, &heldblob,
		    1);
	}
	*out = v;
	*n_out = n;
	v = NULL;
	n = 0;
	error = HH_OK;
out:
	hh_store_commits_free(v, n);
	git_revwalk_free(rw);
	git_odb_free(odb);
	free(copy);
	return error;
}

/*
 * The history index (hh-records(5)): for every path, the commits of the
 * first-parent history that changed its blob, oldest first, in two files
 * of one format under DIR/.git/hh/cache: "history", the base, from the
 * root commit to its head, and "history.delta", from the base's head to
 * its own, rewritten by each update and merged into the base once it holds
 * HIST_MERGE entries.  Little-endian:
 *
 *   header (96 bytes)   "hhhist1\n", from (20 bytes: zeros for the
 *                       base), head (20), npaths, nentries, namebytes,
 *                       0 (4 bytes each), BLAKE2b-128 of the body,
 *                       BLAKE2b-128 of the 80 bytes before it
 *   records (24 each)   name offset, name length, first entry, entries
 *                       (4 bytes each), 8 bytes of the BLAKE2b-128 of
 *                       length, name, count and the entries; sorted by
 *                       name (bytes, then length)
 *   entries (20 each)   raw commit ids
 *   names               the paths, without separators
 *
 * A lookup maps the files, checks the header, binary-searches the records
 * (each record it reads checked against its sum), and checks the commits
 * found against git: a stale, damaged or edited index is never believed.
 */
#define HIST_BASE "cache/history"
#define HIST_DELTA "cache/history.delta"
#define HIST_BASE_L ".git/hh/" HIST_BASE	/* as messages name them */
#define HIST_DELTA_L ".git/hh/" HIST_DELTA
#define HIST_MAGIC "hhhist1\n"
#define HIST_HDR 96
#define HIST_REC 24
#define HIST_ENT GIT_OID_RAWSZ
#define HIST_MAX ((size_t)1 << 30)
#define HIST_MERGE 16384

struct seg {
	unsigned char *map;	/* mmap'd (len), or malloc'd (owned) */
	size_t len;
	int owned;
	git_oid from, head;
	uint32_t npaths, nents, nnames;
	const unsigned char *recs, *ents, *names;
};

static uint32_t
get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static void
put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

static void
seg_free(struct seg *g)
{
	if (g->map != NULL) {
		if (g->owned)
			free(g->map);
		else
			munmap(g->map, g->len);
	}
	memset(g, 0, sizeof(*g));
}

/* The record's sum: its name and entries. */
static void
rec_sum(unsigned char out[8], const unsigned char *name, uint32_t nlen,
    const unsigned char *ents, uint32_t count)
{
	crypto_generichash_state st;
	unsigned char h[16], b[4];

	crypto_generichash_init(&st, NULL, 0, sizeof(h));
	put32(b, nlen);
	crypto_generichash_update(&st, b, 4);
	crypto_generichash_update(&st, name, nlen);
	put32(b, count);
	crypto_generichash_update(&st, b, 4);
	crypto_generichash_update(&st, ents, (size_t)count * HIST_ENT);
	crypto_generichash_final(&st, h, sizeof(h));
	memcpy(out, h, 8);
}

/* Check the header of a segment held in g->map and set its fields;
 * HH_EINVALID naming what is wrong. */
static int
seg_parse(struct seg *g, const char *name)
{
	const unsigned char *p = g->map;
	unsigned char h[16];
	uint64_t want;

	if (g->len < HIST_HDR || memcmp(p, HIST_MAGIC, 8) != 0)
		return hh_error_set(HH_EINVALID, "%s: not a history index",
		    name);
	crypto_generichash(h, sizeof(h), p, 80, NULL, 0);
	if (memcmp(h, p + 80, 16) != 0)
		return hh_error_set(HH_EINVALID, "%s: header checksum does not "
		    "match (damaged or edited)", name);
	git_oid_fromraw(&g->from, p + 8);
	git_oid_fromraw(&g->head, p + 28);
	g->npaths = get32(p + 48);
	g->nents = get32(p + 52);
	g->nnames = get32(p + 56);
	want = HIST_HDR + (uint64_t)g->npaths * HIST_REC +
	    (uint64_t)g->nents * HIST_ENT + g->nnames;
	if (want != g->len)
		return hh_error_set(HH_EINVALID, "%s: %zu bytes, its header "
		    "says %llu (truncated?)", name, g->len,
		    (unsigned long long)want);
	g->recs = p + HIST_HDR;
	g->ents = g->recs + (size_t)g->npaths * HIST_REC;
	g->names = g->ents + (size_t)g->nents * HIST_ENT;
	return HH_OK;
}

/* The whole body against the header's sum (hh-check, and before a merge
 * rewrites the base). */
static int
seg_verify(const struct seg *g, const char *name)
{
	unsigned char h[16];

	crypto_generichash(h, sizeof(h), g->recs, g->len - HIST_HDR, NULL, 0);
	if (memcmp(h, g->map + 64, 16) != 0)
		return hh_error_set(HH_EINVALID, "%s: checksum does not match "
		    "(damaged or edited)", name);
	return HH_OK;
}

/* Record i: its name, entries; HH_EINVALID if out of bounds or its sum
 * does not match. */
static int
seg_rec(const unsigned char **nm, uint32_t *nlen, const unsigned char **ents,
    uint32_t *count, const struct seg *g, uint32_t i, const char *name)
{
	const unsigned char *r = g->recs + (size_t)i * HIST_REC;
	uint32_t off = get32(r), first = get32(r + 8);
	unsigned char sum[8];

	*nlen = get32(r + 4);
	*count = get32(r + 12);
	if (off > g->nnames || *nlen > g->nnames - off || *nlen == 0 ||
	    first > g->nents || *count > g->nents - first || *count == 0)
		return hh_error_set(HH_EINVALID, "%s: record %lu out of "
		    "bounds (damaged or edited)", name, (unsigned long)i);
	*nm = g->names + off;
	*ents = g->ents + (size_t)first * HIST_ENT;
	rec_sum(sum, *nm, *nlen, *ents, *count);
	if (memcmp(sum, r + 16, 8) != 0)
		return hh_error_set(HH_EINVALID, "%s: record %lu: checksum does "
		    "not match (damaged or edited)", name, (unsigned long)i);
	return HH_OK;
}

static int
name_cmp(const unsigned char *a, size_t alen, const unsigned char *b,
    size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);

	return c ? c : alen < blen ? -1 : alen > blen;
}

/* The entries of path in g (*count 0 if none). */
static int
seg_find(const unsigned char **ents, uint32_t *count, const struct seg *g,
    const char *path, const char *name)
{
	const unsigned char *nm, *e;
	uint32_t lo = 0, hi = g->npaths, mid, nlen, c;
	size_t plen = strlen(path);
	int cmp, error;

	*ents = NULL;
	*count = 0;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((error = seg_rec(&nm, &nlen, &e, &c, g, mid, name)) < 0)
			return error;
		cmp = name_cmp((const unsigned char *)path, plen, nm, nlen);
		if (cmp == 0) {
			*ents = e;
			*count = c;
			return HH_OK;
		}
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return HH_OK;
}

/* Map DIR/.git/hh/cache/NAME if it is there and trusted (as
 * hh_store_private_read trusts a file) and check its header. */
static int
seg_open(struct seg *g, struct hh_store *s, const char *name)
{
	struct stat st;
	void *m;
	int dfd, fd, error;

	memset(g, 0, sizeof(*g));
	if (s->hhfd < 0 || (dfd = open_dir(s->hhfd, "cache")) < 0)
		return hh_error_set(HH_ENOTFOUND, ".git/hh/%s: no such file",
		    name);
	fd = openat(dfd, strchr(name, '/') + 1, O_RDONLY | O_NOFOLLOW |
	    O_NONBLOCK | O_CLOEXEC);
	close(dfd);
	if (fd < 0)
		return errno == ENOENT ? hh_error_set(HH_ENOTFOUND, ".git/hh/%s: "
		    "no such file", name) : hh_error_set(HH_EINVALID,
		    ".git/hh/%s: %s", name, errno == ELOOP ?
		    "a symbolic link" : strerror(errno));
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (size_t)st.st_size > HIST_MAX || st.st_size == 0) {
		error = hh_error_set(HH_EINVALID, ".git/hh/%s: %s", name,
		    !S_ISREG(st.st_mode) ? "not a regular file" :
		    st.st_size == 0 ? "empty" : "too large");
		close(fd);
		return error;
	}
	if ((long)st.st_uid != s->owner || (st.st_mode & 022)) {
		close(fd);
		return hh_error_set(HH_EINVALID, ".git/hh/%s: not trusted (%s)",
		    name, (long)st.st_uid != s->owner ?
		    "not the tree owner's" : "writable by others");
	}
	m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (m == MAP_FAILED)
		return hh_error_set(HH_ERROR, ".git/hh/%s: %s", name,
		    strerror(errno));
	g->map = m;
	g->len = (size_t)st.st_size;
	if ((error = seg_parse(g, strcmp(name, HIST_BASE) == 0 ?
	    HIST_BASE_L : HIST_DELTA_L)) < 0)
		seg_free(g);
	return error;
}

/* A change of a path by a commit, from a walk; seq orders the commits. */
struct hent {
	char *path;
	size_t seq;
	unsigned char id[HIST_ENT];
};

static int
hent_cmp(const void *a, const void *b)
{
	const struct hent *x = a, *y = b;
	int c = strcmp(x->path, y->path);

	return c ? c : x->seq < y->seq ? -1 : x->seq > y->seq;
}

struct hents {
	struct hent *v;
	size_t n, cap;
};

static void
hents_free(struct hents *h)
{
	size_t i;

	for (i = 0; i < h->n; i++)
		free(h->v[i].path);
	free(h->v);
	memset(h, 0, sizeof(*h));
}

/* One path of a segment being written. */
struct wpath {
	const unsigned char *name;
	size_t nlen;
	const unsigned char *a, *b;	/* entries from two sources */
	size_t na, nb;
};

/* The segment of paths v[0..n-1] (sorted), from..head, into g (owned). */
static void
seg_write(struct seg *g, const struct wpath *v, size_t n, const git_oid *from,
    const git_oid *head)
{
	size_t i, nents = 0, nnames = 0, len, e = 0, o = 0;
	unsigned char *p, *r, *ents, *names;

	for (i = 0; i < n; i++) {
		nents += v[i].na + v[i].nb;
		nnames += v[i].nlen;
	}
	len = HIST_HDR + n * HIST_REC + nents * HIST_ENT + nnames;
	p = hh_xcalloc(1, len);
	memcpy(p, HIST_MAGIC, 8);
	if (from != NULL)
		memcpy(p + 8, from->id, HIST_ENT);
	memcpy(p + 28, head->id, HIST_ENT);
	put32(p + 48, (uint32_t)n);
	put32(p + 52, (uint32_t)nents);
	put32(p + 56, (uint32_t)nnames);
	ents = p + HIST_HDR + n * HIST_REC;
	names = ents + nents * HIST_ENT;
	for (i = 0; i < n; i++) {
		r = p + HIST_HDR + i * HIST_REC;
		put32(r, (uint32_t)o);
		put32(r + 4, (uint32_t)v[i].nlen);
		put32(r + 8, (uint32_t)e);
		put32(r + 12, (uint32_t)(v[i].na + v[i].nb));
		memcpy(names + o, v[i].name, v[i].nlen);
		if (v[i].na)
			memcpy(ents + e * HIST_ENT, v[i].a, v[i].na * HIST_ENT);
		if (v[i].nb)
			memcpy(ents + (e + v[i].na) * HIST_ENT, v[i].b,
			    v[i].nb * HIST_ENT);
		rec_sum(r + 16, names + o, (uint32_t)v[i].nlen,
		    ents + e * HIST_ENT, (uint32_t)(v[i].na + v[i].nb));
		o += v[i].nlen;
		e += v[i].na + v[i].nb;
	}
	crypto_generichash(p + 64, 16, p + HIST_HDR, len - HIST_HDR, NULL, 0);
	crypto_generichash(p + 80, 16, p, 80, NULL, 0);
	memset(g, 0, sizeof(*g));
	g->map = p;
	g->len = len;
	g->owned = 1;
	(void)seg_parse(g, "history");
}

static void
hents_sort(struct hents *h)
{
	if (h->n > 1)
		qsort(h->v, h->n, sizeof(*h->v), hent_cmp);
}

/* The sorted changes h as one segment from..head. */
static void
seg_from_hents(struct seg *out, const struct hents *h, const git_oid *from,
    const git_oid *head)
{
	struct wpath *v = hh_xmalloc((h->n + 1) * sizeof(*v));
	unsigned char *ids = hh_xmalloc(h->n * HIST_ENT + 1);
	size_t j, k, n = 0;

	for (k = 0; k < h->n; k++)
		memcpy(ids + k * HIST_ENT, h->v[k].id, HIST_ENT);
	for (j = 0; j < h->n; j = k) {
		memset(&v[n], 0, sizeof(v[n]));
		v[n].name = (const unsigned char *)h->v[j].path;
		v[n].nlen = strlen(h->v[j].path);
		v[n].a = ids + j * HIST_ENT;
		for (k = j; k < h->n && strcmp(h->v[k].path, h->v[j].path) ==
		    0; k++)
			v[n].na++;
		n++;
	}
	seg_write(out, v, n, from, head);
	free(v);
	free(ids);
}

/* Segment a (may be NULL) followed by segment b, as one from..head;
 * HH_EINVALID if a record of either is damaged. */
static int
seg_join(struct seg *out, const struct seg *a, const char *aname,
    const struct seg *b, const char *bname, const git_oid *from,
    const git_oid *head)
{
	struct wpath *v;
	const unsigned char *an = NULL, *ae = NULL, *bn = NULL, *be = NULL;
	uint32_t na = a ? a->npaths : 0, i = 0, j = 0;
	uint32_t al = 0, ac = 0, bl = 0, bc = 0;
	size_t n = 0;
	int cmp, error = HH_OK;

	v = hh_xmalloc(((size_t)na + b->npaths + 1) * sizeof(*v));
	while (i < na || j < b->npaths) {
		if (i < na && an == NULL && (error = seg_rec(&an, &al, &ae,
		    &ac, a, i, aname)) < 0)
			break;
		if (j < b->npaths && bn == NULL && (error = seg_rec(&bn, &bl,
		    &be, &bc, b, j, bname)) < 0)
			break;
		cmp = i >= na ? 1 : j >= b->npaths ? -1 : name_cmp(an, al, bn,
		    bl);
		memset(&v[n], 0, sizeof(v[n]));
		if (cmp <= 0) {
			v[n].name = an;
			v[n].nlen = al;
			v[n].a = ae;
			v[n].na = ac;
			i++;
			an = NULL;
		}
		if (cmp >= 0) {
			v[n].name = bn;
			v[n].nlen = bl;
			v[n].b = be;
			v[n].nb = bc;
			j++;
			bn = NULL;
		}
		n++;
	}
	if (error == HH_OK)
		seg_write(out, v, n, from, head);
	free(v);
	return error;
}

/*
 * The blob changes of commits read from the raw tree objects (git's
 * format: "MODE NAME\0" and 20 bytes of id, sorted as if a folder's name
 * ended in "/"), only the folders whose ids differ: far cheaper than
 * parsing every tree, for the index's walks.  The last object read at
 * each depth is kept: a commit's parent's trees are mostly the ones the
 * commit before it read.
 */
struct rawdiff {
	git_odb *odb;
	struct hents *h;
	size_t seq;
	const unsigned char *commit;
	char path[4096];
	git_odb_object *keep[PATH_DEPTH_MAX];
};

static int
raw_read(git_odb_object **out, struct rawdiff *d, const git_oid *id,
    size_t depth)
{
	*out = NULL;
	if (id == NULL)
		return HH_OK;
	if (d->keep[depth] != NULL &&
	    git_oid_equal(git_odb_object_id(d->keep[depth]), id)) {
		*out = d->keep[depth];
		return HH_OK;
	}
	if (git_odb_read(out, d->odb, id) < 0)
		return git_fail(git_oid_tostr_s(id));
	return HH_OK;
}

struct rawent {
	const char *name;
	size_t nlen;
	int is_tree;
	git_oid id;
};

/* The entry at *p of [*p, end) (0 at the end, -1 if malformed). */
static int
raw_next(struct rawent *e, const char **p, const char *end)
{
	const char *sp, *nul;

	if (*p >= end)
		return 0;
	if ((sp = memchr(*p, ' ', (size_t)(end - *p))) == NULL ||
	    (nul = memchr(sp + 1, '\0', (size_t)(end - sp - 1))) == NULL ||
	    end - nul < 1 + GIT_OID_RAWSZ)
		return -1;
	e->is_tree = sp - *p == 5 && memcmp(*p, "40000", 5) == 0;
	e->name = sp + 1;
	e->nlen = (size_t)(nul - sp - 1);
	git_oid_fromraw(&e->id, (const unsigned char *)nul + 1);
	*p = nul + 1 + GIT_OID_RAWSZ;
	return 1;
}

/* git's order of tree entries. */
static int
rawent_cmp(const struct rawent *a, const struct rawent *b)
{
	size_t n = a->nlen < b->nlen ? a->nlen : b->nlen;
	int c = memcmp(a->name, b->name, n);
	unsigned ca, cb;

	if (c)
		return c;
	ca = a->nlen > n ? (unsigned char)a->name[n] : a->is_tree ? '/' : 0;
	cb = b->nlen > n ? (unsigned char)b->name[n] : b->is_tree ? '/' : 0;
	return ca < cb ? -1 : ca > cb;
}

static void
raw_change(struct rawdiff *d, size_t plen, const struct rawent *e)
{
	struct hents *h = d->h;

	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 1024;
		h->v = hh_xrealloc(h->v, h->cap * sizeof(*h->v));
	}
	h->v[h->n].path = hh_xasprintf("%.*s%.*s", (int)plen, d->path,
	    (int)e->nlen, e->name);
	h->v[h->n].seq = d->seq;
	memcpy(h->v[h->n].id, d->commit, HIST_ENT);
	h->n++;
}

static int
raw_diff(struct rawdiff *d, const git_oid *a, const git_oid *b, size_t plen,
    size_t depth)
{
	git_odb_object *oa = NULL, *ob = NULL, *old;
	const char *pa = NULL, *ea = NULL, *pb = NULL, *eb = NULL;
	struct rawent xa, xb;
	int ra, rb, cmp, error;

	if (depth >= PATH_DEPTH_MAX)
		return hh_error_set(HH_EINVALID, "%.*s: too deep", (int)plen,
		    d->path);
	if ((error = raw_read(&oa, d, a, depth)) < 0 ||
	    (error = raw_read(&ob, d, b, depth)) < 0)
		goto out;
	if (oa != NULL) {
		pa = git_odb_object_data(oa);
		ea = pa + git_odb_object_size(oa);
	}
	if (ob != NULL) {
		pb = git_odb_object_data(ob);
		eb = pb + git_odb_object_size(ob);
	}
	if (oa != NULL && ob != NULL) {
		/* most entries are the same: skip the common head entry by
		 * entry (the same bytes, the same boundaries) */
		size_t m = 0, lim = (size_t)(ea - pa) < (size_t)(eb - pb) ?
		    (size_t)(ea - pa) : (size_t)(eb - pb);
		const char *nul;

		while (m + 256 <= lim && memcmp(pa + m, pb + m, 256) == 0)
			m += 256;
		while (m < lim && pa[m] == pb[m])
			m++;
		while ((nul = memchr(pa, '\0', (size_t)(ea - pa))) != NULL &&
		    (size_t)(nul + 1 + GIT_OID_RAWSZ -
		    (const char *)git_odb_object_data(oa)) <= m) {
			pb += nul + 1 + GIT_OID_RAWSZ - pa;
			pa = nul + 1 + GIT_OID_RAWSZ;
		}
	}
	ra = oa ? raw_next(&xa, &pa, ea) : 0;
	rb = ob ? raw_next(&xb, &pb, eb) : 0;
	while (error == HH_OK && (ra > 0 || rb > 0)) {
		const struct rawent *e;
		const git_oid *sa = NULL, *sb = NULL;

		cmp = ra <= 0 ? 1 : rb <= 0 ? -1 : rawent_cmp(&xa, &xb);
		e = cmp <= 0 ? &xa : &xb;
		if (cmp == 0 && git_oid_equal(&xa.id, &xb.id))
			goto next;
		if (cmp <= 0 && xa.is_tree)
			sa = &xa.id;
		if (cmp >= 0 && xb.is_tree)
			sb = &xb.id;
		if (!e->is_tree)
			raw_change(d, plen, e);
		else if (plen + e->nlen + 2 > sizeof(d->path))
			error = hh_error_set(HH_EINVALID, "%.*s: too long",
			    (int)plen, d->path);
		else {
			memcpy(d->path + plen, e->name, e->nlen);
			d->path[plen + e->nlen] = '/';
			error = raw_diff(d, sa, sb, plen + e->nlen + 1,
			    depth + 1);
		}
next:
		/* and the common tail at once */
		if (cmp == 0 && ea - pa == eb - pb && memcmp(pa, pb,
		    (size_t)(ea - pa)) == 0)
			break;
		if (cmp <= 0)
			ra = raw_next(&xa, &pa, ea);
		if (cmp >= 0)
			rb = raw_next(&xb, &pb, eb);
	}
	if (error == HH_OK && (ra < 0 || rb < 0))
		error = hh_error_set(HH_EINVALID, "%.*s: a malformed tree",
		    (int)plen, d->path);
out:
	/* keep the newer side for the next commit, free the rest once */
	old = d->keep[depth];
	if (ob != NULL)
		d->keep[depth] = ob;
	if (old != NULL && old != d->keep[depth])
		git_odb_object_free(old);
	if (oa != NULL && oa != old && oa != d->keep[depth])
		git_odb_object_free(oa);
	return error;
}

/* The blob changes of the commits of walk w (oldest first) into h; each
 * commit's first parent is the one before it. */
static int
hents_walk(struct hents *h, struct hh_walk *w, size_t seq)
{
	struct rawdiff d;
	git_commit *c = NULL, *p = NULL;
	git_oid pt, ct;
	size_t k;
	int error = HH_OK, have = 0;

	memset(&d, 0, sizeof(d));
	d.h = h;
	if (w->next == 0) {
		hents_sort(h);
		return HH_OK;
	}
	if (git_repository_odb(&d.odb, w->s->repo) < 0)
		return git_fail("history");
	/* the index only points at commits, each checked against git before
	 * it is believed: the objects are read unhashed, as git log reads
	 * them, and not kept in libgit2's cache (whose eviction, once a long
	 * walk fills it, costs more than the reads) */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
	if (git_commit_lookup(&c, w->s->repo, &w->ids[w->next - 1]) < 0)
		error = git_fail("history");
	else if (git_commit_parentcount(c) > 0) {
		if (git_commit_parent(&p, c, 0) < 0)
			error = git_fail("history");
		else {
			git_oid_cpy(&pt, git_commit_tree_id(p));
			have = 1;
		}
	}
	git_commit_free(p);
	git_commit_free(c);
	while (error == HH_OK && w->next > 0) {
		w->next--;
		if (git_commit_lookup(&c, w->s->repo, &w->ids[w->next]) < 0) {
			error = git_fail(git_oid_tostr_s(&w->ids[w->next]));
			break;
		}
		git_oid_cpy(&ct, git_commit_tree_id(c));
		git_commit_free(c);
		d.seq = seq++;
		d.commit = w->ids[w->next].id;
		error = raw_diff(&d, have ? &pt : NULL, &ct, 0, 0);
		git_oid_cpy(&pt, &ct);
		have = 1;
	}
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 1);
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 1);
	for (k = 0; k < PATH_DEPTH_MAX; k++)
		git_odb_object_free(d.keep[k]);
	git_odb_free(d.odb);
	hents_sort(h);
	return error;
}

/* Save g as DIR/.git/hh/NAME, for the owner alone; nothing said of a
 * failure: the index is disposable. */
static void
seg_save(struct hh_store *s, const struct seg *g, const char *name)
{
	(void)hh_store_private_write(s, name, (const char *)g->map, g->len);
}

static void
cache_remove(struct hh_store *s, const char *name)
{
	int fd;

	if ((long)geteuid() != s->owner || s->hhfd < 0 ||
	    (fd = open_dir(s->hhfd, "cache")) < 0)
		return;
	(void)unlinkat(fd, name, 0);
	close(fd);
}

static void
delta_remove(struct hh_store *s)
{
	cache_remove(s, "history.delta");
}

static void
journal_remove(struct hh_store *s)
{
	cache_remove(s, "history.journal");
}

/*
 * The journal (hh-records(5)): cache/history.journal, the changes of the
 * commits made since the index was last brought up to date, appended by
 * the writer that made them once its branch has moved, so that the first
 * hh-log after a day's work reads them instead of comparing the trees of
 * every commit of the day.  One record a commit, little-endian: length
 * (4, of the whole record), commit (20), parent (20: zeros for a root),
 * count (2), count times a path's length (2) and the path, then 16 bytes,
 * the BLAKE2b-128 of all before them.  A reader takes the records that
 * chain from the index's head (the first one's parent is it, each next
 * one's parent the one before) up to the first that does not or is torn;
 * the commits after those are walked as before, and what the journal says
 * of a path is checked against git like the index (hist_answer).  The
 * owner's alone, unsynced (a cache); removed once the delta holds its
 * commits.
 */
#define HIST_JOURNAL "cache/history.journal"
#define JOURNAL_MAX ((size_t)8 << 20)
#define JOURNAL_MIN (4 + 2 * HIST_ENT + 2 + 16)

static void
put16(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

/* The record of commit (parent: NULL for a root) whose files are puts,
 * those whose blob it changes, kept for journal_flush. */
static void
journal_add(struct hh_store *s, const git_oid *commit, const git_oid *parent,
    const struct put *puts, size_t n)
{
	git_tree_entry *e;
	unsigned char b[4 + 2 * HIST_ENT + 2];
	size_t i, at, count = 0, len;
	int same;

	if (!s->defer)
		s->journal.len = 0;	/* one commit: one record */
	at = s->journal.len;
	memset(b, 0, sizeof(b));
	memcpy(b + 4, commit->id, HIST_ENT);
	if (parent != NULL)
		memcpy(b + 4 + HIST_ENT, parent->id, HIST_ENT);
	hh_table_put(&s->journal, (const char *)b, sizeof(b));
	for (i = 0; i < n; i++) {
		e = NULL;
		if (s->tree != NULL && git_tree_entry_bypath(&e, s->tree,
		    puts[i].path) < 0)
			git_error_clear();
		same = e != NULL && puts[i].id != NULL &&
		    git_tree_entry_type(e) == GIT_OBJECT_BLOB &&
		    git_oid_equal(git_tree_entry_id(e), puts[i].id);
		if (!same && (e != NULL || puts[i].id != NULL) &&
		    (len = strlen(puts[i].path)) < 65536 && count < 65535) {
			put16(b, (uint32_t)len);
			hh_table_put(&s->journal, (const char *)b, 2);
			hh_table_put(&s->journal, puts[i].path, len);
			count++;
		}
		git_tree_entry_free(e);
	}
	put16(b, (uint32_t)count);
	memcpy(s->journal.s + at + 4 + 2 * HIST_ENT, b, 2);
	put32(b, (uint32_t)(s->journal.len - at + 16));
	memcpy(s->journal.s + at, b, 4);
	hh_table_put(&s->journal, "0123456789abcdef", 16);
	crypto_generichash((unsigned char *)s->journal.s + s->journal.len - 16,
	    16, (unsigned char *)s->journal.s + at, s->journal.len - at - 16,
	    NULL, 0);
}

/* The records kept, appended to the journal in one write if the tree has
 * an index and this is its owner; nothing said of a failure. */
static void
journal_flush(struct hh_store *s)
{
	struct stat st;
	mode_t old;
	int dfd = -1, fd = -1;

	if (s->journal.len == 0 || (long)geteuid() != s->owner ||
	    s->hhfd < 0 || (dfd = open_dir(s->hhfd, "cache")) < 0 ||
	    fstatat(dfd, "history", &st, AT_SYMLINK_NOFOLLOW) < 0)
		goto out;
	old = umask(027);
	fd = openat(dfd, "history.journal", O_WRONLY | O_APPEND | O_CREAT |
	    O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0640);
	umask(old);
	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (long)st.st_uid != s->owner ||
	    (size_t)st.st_size + s->journal.len > JOURNAL_MAX)
		goto out;
	(void)!write(fd, s->journal.s, s->journal.len);
out:
	if (fd >= 0)
		close(fd);
	if (dfd >= 0)
		close(dfd);
	s->journal.len = 0;
}

/* Into h (seq 0, 1, ...), the changes the journal gives for the commits
 * that follow from; *end the last of them, *m how many (0: none). */
static void
journal_read(struct hents *h, git_oid *end, size_t *m, struct hh_store *s,
    const git_oid *from)
{
	const unsigned char *p, *q, *rend;
	unsigned char sum[16];
	char *text = NULL;
	size_t len, at, rl, count, k, pl;
	git_oid cur;

	*m = 0;
	git_oid_cpy(&cur, from);
	if (hh_store_private_read(&text, &len, s, HIST_JOURNAL,
	    JOURNAL_MAX) < 0) {
		git_oid_cpy(end, from);
		return;
	}
	p = (const unsigned char *)text;
	for (at = 0; at + 4 <= len; at += rl) {
		rl = get32(p + at);
		if (rl < JOURNAL_MIN || rl > len - at)
			break;
		crypto_generichash(sum, 16, p + at, rl - 16, NULL, 0);
		if (sodium_memcmp(sum, p + at + rl - 16, 16) != 0)
			break;
		if (memcmp(p + at + 4 + HIST_ENT, cur.id, HIST_ENT) != 0) {
			if (*m > 0)
				break;	/* the chain ends */
			continue;	/* before from: folded already */
		}
		q = p + at + 4 + 2 * HIST_ENT;
		rend = p + at + rl - 16;
		count = (size_t)q[0] | (size_t)q[1] << 8;
		q += 2;
		for (k = 0; k < count && q + 2 <= rend; k++) {
			pl = (size_t)q[0] | (size_t)q[1] << 8;
			q += 2;
			if (pl == 0 || pl > (size_t)(rend - q) ||
			    memchr(q, '\0', pl) != NULL)
				break;
			if (h->n == h->cap) {
				h->cap = h->cap ? h->cap * 2 : 1024;
				h->v = hh_xrealloc(h->v, h->cap *
				    sizeof(*h->v));
			}
			h->v[h->n].path = hh_xasprintf("%.*s", (int)pl,
			    (const char *)q);
			h->v[h->n].seq = *m;
			memcpy(h->v[h->n].id, p + at + 4, HIST_ENT);
			h->n++;
			q += pl;
		}
		git_oid_fromraw(&cur, p + at + 4);
		(*m)++;
	}
	git_oid_cpy(end, &cur);
	free(text);
}

/* The index built from the whole history into base. */
static int
hist_build_only(struct seg *base, struct hh_store *s)
{
	struct hents h = { NULL, 0, 0 };
	struct hh_walk *w = NULL;
	int error;

	if ((error = hh_store_walk_open(&w, s, NULL)) < 0)
		return error;
	error = hents_walk(&h, w, 0);
	hh_store_walk_free(w);
	if (error == HH_OK)
		seg_from_hents(base, &h, NULL, &s->head);
	hents_free(&h);
	return error;
}

/* hist_build_only, saved (the delta removed after it) if the process is
 * the tree's owner. */
static int
hist_build(struct seg *base, struct hh_store *s)
{
	int error;

	if ((error = hist_build_only(base, s)) == HH_OK) {
		seg_save(s, base, HIST_BASE);
		delta_remove(s);
		journal_remove(s);
	}
	return error;
}

/* The state of path in commit id's tree, and in its first parent's
 * (absent for a root commit). */
static int
state_at(struct fstate *st, struct fstate *par, struct pathcache *pc,
    git_odb *odb, git_repository *repo, const git_oid *id)
{
	git_commit *c = NULL, *p = NULL;
	int error = HH_OK;

	memset(st, 0, sizeof(*st));
	if (par != NULL)
		memset(par, 0, sizeof(*par));
	if (git_commit_lookup(&c, repo, id) < 0)
		return hh_error_set(HH_EINVALID, "commit %s: not in the "
		    "repository", git_oid_tostr_s(id));
	if (par != NULL && git_commit_parentcount(c) > 0) {
		if (git_commit_parent(&p, c, 0) < 0)
			error = git_fail("history");
		else if ((error = blob_at(pc, odb, git_commit_tree_id(p))) ==
		    HH_OK) {
			par->found = pc->found;
			git_oid_cpy(&par->blob, &pc->blob);
		}
		git_commit_free(p);
	}
	if (error == HH_OK && (error = blob_at(pc, odb,
	    git_commit_tree_id(c))) == HH_OK) {
		st->found = pc->found;
		git_oid_cpy(&st->blob, &pc->blob);
	}
	git_commit_free(c);
	return error;
}

/*
 * path's log from the commits ids[0..n-1] (oldest first) that an index
 * lists, checked against git: path absent before the first, each one
 * changing its blob from the one the one before left, the last one's
 * blob the snapshot's.  HH_EINVALID naming the first break.
 */
static int
hist_answer(struct hh_commit **out, size_t *n_out, struct hh_store *s,
    const char *path, struct pathcache *pc, const unsigned char *ids,
    size_t n)
{
	struct fstate *olds = hh_xcalloc(n + 1, sizeof(*olds));
	struct fstate *news = hh_xcalloc(n + 1, sizeof(*news));
	struct fstate prev, at;
	struct hh_commit *v = NULL;
	git_odb *odb = NULL;
	git_oid id;
	size_t i, nv = 0, cap = 0;
	int error = HH_OK;

	memset(&prev, 0, sizeof(prev));
	if (git_repository_odb(&odb, s->repo) < 0) {
		error = git_fail("history");
		goto out;
	}
	/* the trees read as git log reads them, unhashed (half the cost of
	 * a lookup); the blobs hh-log shows are read hash-verified */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	for (i = 0; i < n && error == HH_OK; i++) {
		git_oid_fromraw(&id, ids + i * HIST_ENT);
		if ((error = state_at(&news[i], &olds[i], pc, odb, s->repo,
		    &id)) < 0)
			break;
		if (!fstate_eq(&olds[i], &prev))
			error = hh_error_set(HH_EINVALID, "%s: a change before "
			    "commit %.7s is missing", path,
			    git_oid_tostr_s(&id));
		else if (fstate_eq(&news[i], &olds[i]))
			error = hh_error_set(HH_EINVALID, "%s: commit %.7s does "
			    "not change it", path, git_oid_tostr_s(&id));
		prev = news[i];
	}
	if (error == HH_OK && (error = state_at(&at, NULL, pc, odb, s->repo,
	    &s->head)) == HH_OK && !fstate_eq(&at, &prev))
		error = hh_error_set(HH_EINVALID, "%s: a change after commit "
		    "%.7s is missing", path, n ? git_oid_tostr_s(&id) :
		    "(none)");
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 1);
	if (error < 0)
		goto out;
	for (i = n; i-- > 0;) {
		git_oid_fromraw(&id, ids + i * HIST_ENT);
		log_push(&v, &nv, &cap, s->repo, &id, path, &olds[i],
		    &news[i].blob, news[i].found);
	}
	*out = v;
	*n_out = nv;
	v = NULL;
	nv = 0;
out:
	hh_store_commits_free(v, nv);
	git_odb_free(odb);
	free(olds);
	free(news);
	return error;
}

/* Append to ids[0..*n-1] path's entries in g (may be empty). */
static int
ids_add(unsigned char **ids, size_t *n, const struct seg *g, const char *path,
    const char *name)
{
	const unsigned char *e;
	uint32_t c;
	int error;

	if (g->map == NULL)
		return HH_OK;
	if ((error = seg_find(&e, &c, g, path, name)) < 0 || c == 0)
		return error;
	*ids = hh_xrealloc(*ids, (*n + c + 1) * HIST_ENT);
	memcpy(*ids + *n * HIST_ENT, e, (size_t)c * HIST_ENT);
	*n += c;
	return HH_OK;
}

/* The index as it stands: base, and delta if it follows the base (else
 * none); *why says what is wrong with either, if anything. */
static void
hist_load(struct seg *base, struct seg *delta, char **why, struct hh_store *s)
{
	int error;

	*why = NULL;
	memset(delta, 0, sizeof(*delta));
	if ((error = seg_open(base, s, HIST_BASE)) < 0) {
		if (error != HH_ENOTFOUND)
			*why = hh_xstrdup(hh_error_last());
		return;
	}
	if (!git_oid_is_zero(&base->from)) {
		*why = hh_xstrdup(HIST_BASE_L ": not a base (it starts after "
		    "a commit)");
		seg_free(base);
		return;
	}
	if ((error = seg_open(delta, s, HIST_DELTA)) < 0) {
		if (error != HH_ENOTFOUND)
			*why = hh_xstrdup(hh_error_last());
		return;
	}
	/* a delta of another base (left by an update that lost a race or was
	 * killed, or by a rebuild): the base alone is used */
	if (!git_oid_equal(&delta->from, &base->head))
		seg_free(delta);
}

/* The commits since the index's head (the delta's, else the base's): the
 * journal's, into h (seq 0 on), and the walk back from the snapshot to
 * them (*seq: the next seq); *which < 0 if none of them is there (the
 * history was rewritten).  A journal or a delta whose head is gone while
 * an older one is not is dropped. */
static int
hist_since(struct hh_walk **w, int *which, size_t *seq, struct hents *h,
    struct hh_store *s, const struct seg *base, struct seg *delta)
{
	git_oid stops[3];
	size_t nstops = 0, m;
	int error, isbase;

	journal_read(h, &stops[0], &m, s, delta->map ? &delta->head :
	    &base->head);
	nstops = m > 0;
	if (delta->map != NULL)
		git_oid_cpy(&stops[nstops++], &delta->head);
	isbase = (int)nstops;
	git_oid_cpy(&stops[nstops++], &base->head);
	if ((error = walk_open_at(w, which, s, stops, nstops)) < 0)
		return error;
	if (m > 0 && *which != 0) {
		hents_free(h);	/* not the snapshot's commits */
		m = 0;
	}
	if (delta->map != NULL && *which == isbase)
		seg_free(delta);
	if (*which > 0)
		*which = 0;
	*seq = m;
	return HH_OK;
}

/*
 * hh_store_log through the index, brought up to date and saved.
 * HH_ENOTFOUND when it cannot be used and was not made (a reader's tree,
 * another login): the caller walks the history.
 */
static int
hist_log(struct hh_commit **out, size_t *n_out, struct hh_store *s,
    const char *path, struct pathcache *pc)
{
	struct seg base, delta, fresh, nd;
	struct hents h = { NULL, 0, 0 };
	struct hh_walk *w = NULL;
	unsigned char *ids = NULL;
	char *why = NULL;
	size_t nids = 0, k, seq;
	int error, which, owner = (long)geteuid() == s->owner && s->hhfd >= 0;

	memset(&fresh, 0, sizeof(fresh));
	memset(&nd, 0, sizeof(nd));
	hist_load(&base, &delta, &why, s);
	if (why != NULL)
		tell(s, "%s: warning: %s (%s)", s->dir, why, owner ?
		    "rebuilt" : "not used");
	if (base.map == NULL)
		goto rebuild;
	if ((error = hist_since(&w, &which, &seq, &h, s, &base, &delta)) < 0)
		goto out;
	if (which < 0)
		goto rebuild;	/* said by hh-check: HEAD was moved back */
	if ((error = hents_walk(&h, w, seq)) < 0)
		goto out;

	/* path's commits: the index's, then the walk's */
	if ((error = ids_add(&ids, &nids, &base, path, HIST_BASE_L)) < 0 ||
	    (error = ids_add(&ids, &nids, &delta, path, HIST_DELTA_L)) < 0)
		goto broken;
	for (k = 0; k < h.n; k++)
		if (strcmp(h.v[k].path, path) == 0) {
			ids = hh_xrealloc(ids, (nids + 1) * HIST_ENT);
			memcpy(ids + nids++ * HIST_ENT, h.v[k].id, HIST_ENT);
		}
	if ((error = hist_answer(out, n_out, s, path, pc, ids, nids)) < 0) {
		if (error == HH_EINVALID)
			error = hh_error_prefix(error, "%s", HIST_BASE_L);
		goto broken;
	}
	if (h.n == 0 || !owner)
		goto out;

	/* the update: the delta rewritten, or merged into the base; the
	 * journal's commits are in it */
	seg_from_hents(&fresh, &h, &base.head, &s->head);
	error = seg_join(&nd, delta.map ? &delta : NULL, HIST_DELTA_L, &fresh,
	    "", &base.head, &s->head);
	seg_free(&fresh);
	if (error == HH_OK && nd.nents < HIST_MERGE) {
		seg_save(s, &nd, HIST_DELTA);
		journal_remove(s);
		goto out;
	}
	if (error == HH_OK && (error = seg_verify(&base, HIST_BASE_L)) == HH_OK &&
	    (error = seg_join(&fresh, &base, HIST_BASE_L, &nd, HIST_DELTA_L, NULL,
	    &s->head)) == HH_OK) {
		seg_save(s, &fresh, HIST_BASE);
		delta_remove(s);
		journal_remove(s);
		goto out;
	}
	if (error != HH_EINVALID)
		goto out;
	/* damaged elsewhere than path's records: the answer stands */
	tell(s, "%s: warning: %s (rebuilt)", s->dir, hh_error_last());
	seg_free(&fresh);
	error = hist_build(&fresh, s);
	goto out;

broken:
	if (error != HH_EINVALID)
		goto out;
	tell(s, "%s: warning: %s (%s)", s->dir, hh_error_last(), owner ?
	    "rebuilt" : "not used");
rebuild:
	error = HH_ENOTFOUND;
	if (!owner)
		goto out;
	hh_store_walk_free(w);
	w = NULL;
	free(ids);
	ids = NULL;
	nids = 0;
	if ((error = hist_build(&fresh, s)) < 0 ||
	    (error = ids_add(&ids, &nids, &fresh, path, HIST_BASE_L)) < 0)
		goto out;
	error = hist_answer(out, n_out, s, path, pc, ids, nids);
out:
	hh_store_walk_free(w);
	hents_free(&h);
	seg_free(&base);
	seg_free(&delta);
	seg_free(&fresh);
	seg_free(&nd);
	free(ids);
	free(why);
	return error;
}

/* The blob changes of the commits a walk gave (hh_store_walk_next's,
 * oldest first), kept for hh_store_log_check: the history is read once. */
struct hh_seen {
	struct hents h;
	git_oid after;		/* the commit walked from (zero: the root) */
	size_t seq;
	int sorted;
};

struct hh_seen *
hh_store_seen_new(const char *after)
{
	struct hh_seen *v = hh_xcalloc(1, sizeof(*v));

	if (after != NULL && git_oid_fromstr(&v->after, after) < 0)
		memset(&v->after, 0xff, sizeof(v->after));	/* matches none */
	return v;
}

void
hh_store_seen_add(struct hh_seen *v, const struct hh_commit *c)
{
	struct hents *h = &v->h;
	size_t i;

	for (i = 0; i < c->nchanges; i++) {
		/* what the index lists: the blob changed (not its mode) */
		if (strcmp(c->changes[i].old_id, c->changes[i].new_id) == 0)
			continue;
		if (h->n == h->cap) {
			h->cap = h->cap ? h->cap * 2 : 1024;
			h->v = hh_xrealloc(h->v, h->cap * sizeof(*h->v));
		}
		h->v[h->n].path = hh_xstrdup(c->changes[i].path);
		h->v[h->n].seq = v->seq;
		git_oid_fromstr((git_oid *)h->v[h->n].id, c->id);
		h->n++;
	}
	v->seq++;
	v->sorted = 0;
}

void
hh_store_seen_free(struct hh_seen *v)
{
	if (v == NULL)
		return;
	hents_free(&v->h);
	free(v);
}

/* The changes seen, if the walk was from the commit after (NULL: the
 * root) to the snapshot; else NULL. */
static const struct hents *
seen_from(struct hh_seen *v, const git_oid *after)
{
	git_oid zero;

	memset(&zero, 0, sizeof(zero));
	if (v == NULL || !git_oid_equal(&v->after, after ? after : &zero))
		return NULL;
	if (!v->sorted) {
		hents_sort(&v->h);
		v->sorted = 1;
	}
	return &v->h;
}

/* "SUM HEAD" of a base: the BLAKE2b-128 of its body and its head, in hex,
 * as the last check that found it sound remembers it (HIST_CHECKED). */
#define HIST_CHECKED "cache/history.checked"

static char *
seg_mark(const struct seg *g)
{
	char sum[33];

	sodium_bin2hex(sum, sizeof(sum), g->map + 64, 16);
	return hh_xasprintf("%s %s\n", sum, git_oid_tostr_s(&g->head));
}

/* Whether the base g is the one a check found sound before. */
static int
seg_checked(struct hh_store *s, const struct seg *g)
{
	char *text = NULL, *mark;
	size_t len;
	int yes = 0;

	if (hh_store_private_read(&text, &len, s, HIST_CHECKED, 256) == HH_OK) {
		mark = seg_mark(g);
		yes = strcmp(text, mark) == 0;
		free(mark);
	}
	free(text);
	return yes;
}

/* The first different record of two segments, as a finding. */
static int
seg_differ(const struct seg *a, const struct seg *b)
{
	const unsigned char *an, *ae, *bn, *be;
	uint32_t al, ac, bl, bc, i;
	int error = hh_error_set(HH_EINVALID, "%s: does not list the commits "
	    "the history has (edited?)", HIST_BASE_L);

	for (i = 0; i < a->npaths && i < b->npaths; i++) {
		if (seg_rec(&an, &al, &ae, &ac, a, i, HIST_BASE_L) < 0 ||
		    seg_rec(&bn, &bl, &be, &bc, b, i, HIST_BASE_L) < 0)
			break;
		if (name_cmp(an, al, bn, bl) != 0 || ac != bc ||
		    memcmp(ae, be, (size_t)ac * HIST_ENT) != 0)
			return hh_error_set(HH_EINVALID, "%s: %.*s: not the "
			    "commits the history has (edited?)", HIST_BASE_L,
			    (int)(name_cmp(an, al, bn, bl) < 0 ? al :
			    bl), name_cmp(an, al, bn, bl) < 0 ? an : bn);
	}
	return error;
}

/*
 * The index checked: base, delta, journal and the commits since, against
 * the index made anew from a walk.  A base that a check found sound before
 * (HIST_CHECKED names its sum and head) and that has not changed since is
 * not made anew: only the commits since its head are walked, unless full.
 * Found sound, the index is saved as one base (the delta and the journal
 * in it) and remembered, by the tree's owner alone: the next check walks
 * only the commits made after this one.
 */
int
hh_store_log_check(struct hh_store *s, int full, struct hh_seen *seen)
{
	const struct hents *sh;
	struct seg base, delta, now, ix, all, built;
	struct hents h = { NULL, 0, 0 };
	struct hh_walk *w = NULL;
	char *why = NULL, *mark;
	size_t seq;
	int error, which, known;

	memset(&now, 0, sizeof(now));
	memset(&ix, 0, sizeof(ix));
	memset(&all, 0, sizeof(all));
	memset(&built, 0, sizeof(built));
	hist_load(&base, &delta, &why, s);
	if (why != NULL) {
		error = hh_error_set(HH_EINVALID, "%s", why);
		goto out;
	}
	error = HH_OK;
	if (base.map == NULL || s->unborn)
		goto out;
	if ((error = seg_verify(&base, HIST_BASE_L)) < 0 ||
	    (delta.map != NULL && (error = seg_verify(&delta,
	    HIST_DELTA_L)) < 0))
		goto out;
	if ((error = hist_since(&w, &which, &seq, &h, s, &base, &delta)) < 0)
		goto out;
	if (which < 0)
		goto out;	/* a rewritten history: rebuilt by hh-log */
	if ((error = hents_walk(&h, w, seq)) < 0)
		goto out;
	seg_from_hents(&now, &h, &base.head, &s->head);
	if ((error = seg_join(&ix, delta.map ? &delta : NULL, HIST_DELTA_L,
	    &now, "", &base.head, &s->head)) < 0 ||
	    (error = seg_join(&all, &base, HIST_BASE_L, &ix, HIST_DELTA_L, NULL,
	    &s->head)) < 0)
		goto out;
	known = !full && seg_checked(s, &base);
	hh_store_walk_free(w);
	w = NULL;
	hents_free(&h);
	if (known) {
		/* the commits since the base's head, walked (or seen) */
		if ((sh = seen_from(seen, &base.head)) == NULL) {
			if ((error = walk_open_at(&w, &which, s, &base.head,
			    1)) < 0 || (error = hents_walk(&h, w, 0)) < 0)
				goto out;
			sh = &h;
		}
		seg_free(&now);
		seg_from_hents(&now, sh, &base.head, &s->head);
		if ((error = seg_join(&built, NULL, "", &now, "", &base.head,
		    &s->head)) < 0)
			goto out;
		if (ix.len != built.len || memcmp(ix.map, built.map,
		    ix.len) != 0) {
			error = seg_differ(&ix, &built);
			goto out;
		}
	} else {
		if ((sh = seen_from(seen, NULL)) != NULL)
			seg_from_hents(&built, sh, NULL, &s->head);
		else if ((error = hist_build_only(&built, s)) < 0)
			goto out;
		if (all.len != built.len || memcmp(all.map, built.map,
		    all.len) != 0) {
			error = seg_differ(&all, &built);
			goto out;
		}
	}
	if ((long)geteuid() != s->owner || s->hhfd < 0)
		goto out;
	/* sound: one base, remembered */
	if (!git_oid_equal(&all.head, &base.head)) {
		seg_save(s, &all, HIST_BASE);
		delta_remove(s);
		journal_remove(s);
	}
	mark = seg_mark(&all);
	(void)hh_store_private_write(s, HIST_CHECKED, mark, strlen(mark));
	free(mark);
out:
	hh_store_walk_free(w);
	hents_free(&h);
	seg_free(&base);
	seg_free(&delta);
	seg_free(&now);
	seg_free(&ix);
	seg_free(&all);
	seg_free(&built);
	free(why);
	return error;
}

int
hh_store_log(struct hh_commit **out, size_t *n_out, struct hh_store *s,
    const char *path)
{
	struct pathcache pc;
	char *copy = hh_xstrdup(path);
	int error;

	*out = NULL;
	*n_out = 0;
	if ((error = path_parts(&pc, copy, path)) == HH_OK && !s->unborn &&
	    pc.nparts > 0 && (error = hist_log(out, n_out, s, path, &pc)) ==
	    HH_ENOTFOUND)
		error = log_walk(out, n_out, s, path);
	free(copy);
	return error;
}

int
hh_store_blob(char **out, size_t *len_out, struct hh_store *s,
    const char *id)
{
	git_blob *b = NULL;
	git_oid oid;
	size_t len;

	*out = NULL;
	if (git_oid_fromstr(&oid, id) < 0)
		return hh_error_set(HH_EINVALID, "%s: not an object id", id);
	if (git_blob_lookup(&b, s->repo, &oid) < 0)
		return git_fail(id);
	len = (size_t)git_blob_rawsize(b);
	*out = hh_xmalloc(len + 1);
	memcpy(*out, git_blob_rawcontent(b), len);
	(*out)[len] = '\0';
	if (len_out)
		*len_out = len;
	git_blob_free(b);
	return HH_OK;
}

int
hh_store_resolve(char out[HH_OID_MAX], struct hh_store *s, const char *rev)
{
	git_object *o = NULL, *c = NULL;
	int error;

	out[0] = '\0';
	if (git_revparse_single(&o, s->repo, rev) < 0)
		return hh_error_set(HH_ENOTFOUND, "%s: no such commit",
		    hh_text_quote(rev));
	error = git_object_peel(&c, o, GIT_OBJECT_COMMIT);
	git_object_free(o);
	if (error < 0)
		return hh_error_set(HH_ENOTFOUND, "%s: not a commit",
		    hh_text_quote(rev));
	git_oid_tostr(out, HH_OID_MAX, git_object_id(c));
	git_object_free(c);
	return HH_OK;
}

/* The tree of commit rev (the caller frees it). */
static int
rev_tree(git_tree **out, struct hh_store *s, const char *rev)
{
	git_commit *c = NULL;
	git_oid oid;
	char hex[HH_OID_MAX];
	int error;

	*out = NULL;
	if ((error = hh_store_resolve(hex, s, rev)) < 0)
		return error;
	git_oid_fromstr(&oid, hex);
	if (git_commit_lookup(&c, s->repo, &oid) < 0 ||
	    git_commit_tree(out, c) < 0) {
		git_commit_free(c);
		return git_fail(rev);
	}
	git_commit_free(c);
	return HH_OK;
}

int
hh_store_read_at(char **out, size_t *len_out, struct hh_store *s,
    const char *rev, const char *path)
{
	git_tree *saved = s->tree, *t;
	int error;

	*out = NULL;
	if ((error = rev_tree(&t, s, rev)) < 0)
		return error;
	/* hh_store_read on that commit's tree */
	s->tree = t;
	error = hh_store_read(out, len_out, s, path);
	s->tree = saved;
	git_tree_free(t);
	return error;
}

int
hh_store_list_at(char ***names_out, size_t *n_out, struct hh_store *s,
    const char *rev, const char *path)
{
	git_tree *saved = s->tree, *t;
	int error;

	*names_out = NULL;
	*n_out = 0;
	if ((error = rev_tree(&t, s, rev)) < 0)
		return error;
	/* hh_store_list on that commit's tree */
	s->tree = t;
	error = hh_store_list(names_out, n_out, s, path);
	s->tree = saved;
	git_tree_free(t);
	return error;
}

int
hh_store_contains(struct hh_store *s, const char *id)
{
	return !s->unborn && hh_store_descends(s, s->headhex, id);
}

int
hh_store_descends(struct hh_store *s, const char *tip, const char *id)
{
	git_oid a, b;

	if (git_oid_fromstr(&a, tip) < 0 || git_oid_fromstr(&b, id) < 0)
		return 0;
	return git_oid_equal(&a, &b) ||
	    git_graph_descendant_of(s->repo, &a, &b) == 1;
}

/*
 * The root commit, remembered in DIR/.git/hh/root as "ROOT MARK\n": the
 * root of the first-parent history of commit MARK.  The history is walked
 * back from the snapshot to MARK (or to a root), and the marker written
 * (or moved to the snapshot) once the walk grew longer than ROOT_STALE
 * commits: one walk of the whole history per tree, not per command.
 */
#define ROOT_FILE "root"
#define ROOT_STALE 64

/* The first-parent history of the snapshot walked back to mark (if not
 * NULL) or to a root: *out is that commit; *walked the commits passed. */
static int
walk_back(git_commit **out, size_t *walked, struct hh_store *s,
    const git_oid *mark)
{
	git_commit *c = NULL, *p;

	*out = NULL;
	*walked = 0;
	if (git_commit_lookup(&c, s->repo, &s->head) < 0)
		return git_fail("history");
	while (git_commit_parentcount(c) > 0 && (mark == NULL ||
	    !git_oid_equal(git_commit_id(c), mark))) {
		if (git_commit_parent(&p, c, 0) < 0) {
			git_commit_free(c);
			return git_fail("history");
		}
		git_commit_free(c);
		c = p;
		(*walked)++;
	}
	*out = c;
	return HH_OK;
}

int
hh_store_root(int64_t *when_out, struct hh_store *s)
{
	git_commit *c = NULL;
	git_oid root, mark;
	char *text = NULL, line[2 * GIT_OID_HEXSZ + 3];
	char rhex[GIT_OID_HEXSZ + 1];
	size_t len, walked;
	int known = 0, error;

	*when_out = 0;
	if (s->unborn)
		return hh_error_set(HH_ENOTFOUND, "no commit yet");
	/* a marker anyone but the owner could have written is not read */
	if (hh_store_private_read(&text, &len, s, ROOT_FILE,
	    sizeof(line)) == HH_OK && len == 2 * GIT_OID_HEXSZ + 2 &&
	    text[GIT_OID_HEXSZ] == ' ' && text[len - 1] == '\n' &&
	    git_oid_fromstrn(&root, text, GIT_OID_HEXSZ) == 0 &&
	    git_oid_fromstrn(&mark, text + GIT_OID_HEXSZ + 1,
	    GIT_OID_HEXSZ) == 0)
		known = 1;
	free(text);
	if ((error = walk_back(&c, &walked, s, known ? &mark : NULL)) < 0)
		return error;
	if (git_commit_parentcount(c) > 0) {
		/* at the mark: its root, if that is one */
		git_commit_free(c);
		c = NULL;
		if (git_commit_lookup(&c, s->repo, &root) < 0 ||
		    git_commit_parentcount(c) != 0) {
			git_commit_free(c);
			known = 0;
			if ((error = walk_back(&c, &walked, s, NULL)) < 0)
				return error;
		}
	}
	*when_out = (int64_t)git_commit_committer(c)->when.time;
	if (walked > ROOT_STALE) {
		git_oid_tostr(rhex, sizeof(rhex), git_commit_id(c));
		snprintf(line, sizeof(line), "%s %s\n", rhex, s->headhex);
		/* for the owner alone; another's walk is not remembered */
		(void)hh_store_private_write(s, ROOT_FILE, line,
		    strlen(line));
	}
	git_commit_free(c);
	return HH_OK;
}

int
hh_store_recorded(int64_t *when_out, struct hh_store *s, const char *id)
{
	git_commit *c = NULL;
	git_oid oid;

	*when_out = 0;
	if (git_oid_fromstr(&oid, id) < 0)
		return hh_error_set(HH_EINVALID, "%s: not a commit id", id);
	if (git_commit_lookup(&c, s->repo, &oid) < 0)
		return git_fail(id);
	*when_out = (int64_t)git_commit_committer(c)->when.time;
	git_commit_free(c);
	return HH_OK;
}

void
hh_store_exported(char out[HH_OID_MAX], struct hh_store *s)
{
	char *text = NULL;
	git_oid oid;

	out[0] = '\0';
	if (read_small(&text, NULL, NULL, s->hhfd, "worktree", 4096,
	    "worktree") == HH_OK &&
	    strlen(text) >= GIT_OID_HEXSZ) {
		text[GIT_OID_HEXSZ] = '\0';
		if (git_oid_fromstr(&oid, text) == 0)
			git_oid_tostr(out, HH_OID_MAX, &oid);
	}
	free(text);
}

long
hh_store_owner(const struct hh_store *s)
{
	return s->owner;
}

int
hh_store_private_read(char **out, size_t *len_out, struct hh_store *s,
    const char *name, size_t max)
{
	const char *base;
	struct stat st;
	char *dir;
	int fd = -1, error;

	*out = NULL;
	if (s->hhfd < 0)
		return hh_error_set(HH_ENOTFOUND, ".git/hh/%s: no such file",
		    name);
	/* name's folder, e.g. cache/ */
	if ((base = strrchr(name, '/')) != NULL) {
		dir = hh_xasprintf("%.*s", (int)(base - name), name);
		fd = open_dir(s->hhfd, dir);
		base++;
		if (fd < 0) {
			error = errno == ENOENT ? hh_error_set(HH_ENOTFOUND,
			    "%s/hh/%s: no such file", s->gitdir, name) :
			    dir_error(HH_EINVALID, s->hhfd, dir, name);
			free(dir);
			return error;
		}
		free(dir);
	}
	error = read_small(out, len_out, &st, fd >= 0 ? fd : s->hhfd,
	    base ? base : name, max, base ? base : name);
	if (fd >= 0)
		close(fd);
	if (error < 0)
		return hh_error_prefix(error, "%s/hh", s->gitdir);
	if ((long)st.st_uid != s->owner || (st.st_mode & 022)) {
		free(*out);
		*out = NULL;
		return hh_error_set(HH_EINVALID, "%s/hh/%s: %s: not trusted",
		    s->gitdir, name,
		    (long)st.st_uid != s->owner ? "not the tree owner's" :
		    "writable by others");
	}
	return HH_OK;
}

int
hh_store_private_write(struct hh_store *s, const char *name,
    const char *data, size_t len)
{
	const char *base;
	char *dir = NULL;
	int fd, error;
	mode_t old;

	if ((long)geteuid() != s->owner)
		return hh_error_set(HH_EREFUSED, "%s/hh/%s: only the tree's "
		    "owner writes it", s->gitdir, name);
	if (s->hhfd < 0)
		return hh_error_set(HH_EREFUSED, "%s/hh: cannot be written",
		    s->gitdir);
	fd = s->hhfd;
	if ((base = strrchr(name, '/')) != NULL) {
		dir = hh_xasprintf("%.*s", (int)(base - name), name);
		base++;
		if (mkdirat(s->hhfd, dir, 02770) < 0 && errno != EEXIST) {
			error = hh_error_set(HH_ERROR, "%s/hh/%s: %s",
			    s->gitdir, dir, strerror(errno));
			free(dir);
			return error;
		}
		if ((fd = open_dir(s->hhfd, dir)) < 0) {
			error = dir_error(HH_EINVALID, s->hhfd, dir, name);
			free(dir);
			return error;
		}
		free(dir);
	}
	/* trusted only if nobody else could have written it */
	old = umask(027);
	/* synced: hh-notify's mark must not come back empty after a crash */
	error = write_via_tmp(s, fd, base ? base : name, data, len, s->dosync);
	umask(old);
	if (fd != s->hhfd)
		close(fd);
	return error;
}

int
hh_store_private_lock(struct hh_store *s, const char *name)
{
	struct stat st;
	mode_t old;
	int fd, rc;

	if (s->privlockfd >= 0)
		return HH_OK;
	if ((long)geteuid() != s->owner)
		return hh_error_set(HH_EREFUSED, "%s/hh/%s: only the tree's "
		    "owner takes it", s->gitdir, name);
	if (s->hhfd < 0)
		return hh_error_set(HH_EREFUSED, "%s/hh: cannot be written",
		    s->gitdir);
	old = umask(027);
	fd = openat(s->hhfd, name, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC, 0640);
	umask(old);
	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		rc = errno == ELOOP || fd >= 0 ? hh_error_set(HH_EREFUSED,
		    "%s/hh/%s: not a regular file", s->gitdir, name) :
		    hh_error_set(HH_ERROR, "%s/hh/%s: %s", s->gitdir, name,
		    strerror(errno));
		if (fd >= 0)
			close(fd);
		return rc;
	}
	if ((rc = poll_lock(s, fd, LOCK_EX, -1, 0)) <= 0) {
		close(fd);
		return rc < 0 ? rc : hh_error_set(HH_ERROR, "%s/hh/%s: held by "
		    "another process for %ld s; try again", s->gitdir, name,
		    lock_wait());
	}
	s->privlockfd = fd;
	return HH_OK;
}

static int
cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct hh_entry *)a)->name,
	    ((const struct hh_entry *)b)->name);
}

int
hh_store_entries(struct hh_entry **out, size_t *n_out, struct hh_store *s,
    const char *path)
{
	const git_tree_entry *te;
	git_tree *t = NULL;
	struct hh_entry *v;
	size_t i, n;
	int error;

	*out = NULL;
	*n_out = 0;
	if ((error = snapshot_folder(&t, s, path)) < 0 || t == NULL)
		return error;
	n = git_tree_entrycount(t);
	v = hh_xmalloc((n ? n : 1) * sizeof(*v));
	for (i = 0; i < n; i++) {
		te = git_tree_entry_byindex(t, i);
		v[i].name = hh_xstrdup(git_tree_entry_name(te));
		git_oid_tostr(v[i].id, sizeof(v[i].id), git_tree_entry_id(te));
		v[i].is_tree = git_tree_entry_type(te) == GIT_OBJECT_TREE;
	}
	/* git orders a folder as if its name ended in '/' */
	qsort(v, n, sizeof(*v), cmp_entry);
	if (t != s->tree)
		git_tree_free(t);
	*out = v;
	*n_out = n;
	return HH_OK;
}

void
hh_store_entries_free(struct hh_entry *v, size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++)
		free(v[i].name);
	free(v);
}

/*
 * A blob's id, hashed with OpenSSL's SHA-1, a third of the cost of
 * libgit2's (which detects the collision attacks on SHA-1, at a price):
 * the scan of a report hashes every file on disk to see whether it is the
 * blob HEAD names.  A colliding file would need a blob of HEAD crafted
 * with it, bytes no dossier can hold (hh writes only text it checked);
 * and hh-check compares the files with git's own hash.  The context is
 * the store's, made once.
 */
void
hh_store_hash(char out[HH_OID_MAX], struct hh_store *s, const char *data,
    size_t len)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	char head[32];
	unsigned int n = 0;
	git_oid oid;
	int h = snprintf(head, sizeof(head), "blob %zu", len);

	if (s->sha1 == NULL)
		s->sha1 = EVP_MD_fetch(NULL, "SHA1", NULL);
	if (s->shactx == NULL)
		s->shactx = EVP_MD_CTX_new();
	if (s->sha1 != NULL && s->shactx != NULL &&
	    EVP_DigestInit_ex(s->shactx, s->sha1, NULL) &&
	    EVP_DigestUpdate(s->shactx, head, (size_t)h + 1) &&
	    EVP_DigestUpdate(s->shactx, data, len) &&
	    EVP_DigestFinal_ex(s->shactx, md, &n) && n == GIT_OID_RAWSZ)
		git_oid_fromraw(&oid, md);
	else
		memset(&oid, 0, sizeof(oid));	/* matches no blob */
	git_oid_tostr(out, HH_OID_MAX, &oid);
}

struct pathlist {
	char **v;
	size_t n, cap;
};

static void
pathlist_add(struct pathlist *l, char *path)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 256;
		l->v = hh_xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = path;
}

static int
cmp_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct headfile {
	char *path;
	git_oid id;
};

struct headfiles {
	struct headfile *v;
	size_t n, cap;
};

static int
collect_blob(const char *root, const git_tree_entry *e, void *payload)
{
	struct headfiles *h = payload;

	if (git_tree_entry_type(e) == GIT_OBJECT_TREE)
		return 0;
	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 256;
		h->v = hh_xrealloc(h->v, h->cap * sizeof(*h->v));
	}
	h->v[h->n].path = hh_xasprintf("%s%s", root, git_tree_entry_name(e));
	git_oid_cpy(&h->v[h->n++].id, git_tree_entry_id(e));
	return 0;
}

static int
cmp_headfile(const void *a, const void *b)
{
	return strcmp(((const struct headfile *)a)->path,
	    ((const struct headfile *)b)->path);
}

/* A file on disk: its path under the tree and its inode's change time
 * (ns since the epoch; -1 if it is not a regular file). */
struct diskfile {
	char *path;
	int64_t ctime;
};

struct diskfiles {
	struct diskfile *v;
	size_t n, cap;
};

static int
cmp_diskfile(const void *a, const void *b)
{
	return strcmp(((const struct diskfile *)a)->path,
	    ((const struct diskfile *)b)->path);
}

/* Every file under folder fd, rel under the tree (but .git at the top),
 * into l; fd is taken over.  A folder is entered by descriptor, never
 * through a symbolic link (a link is listed as a file). */
static int
scan_disk(struct diskfiles *l, struct hh_store *s, int fd, const char *rel)
{
	struct dirent *de;
	struct stat st;
	char *sub;
	DIR *dp;
	int sfd, error = HH_OK, isdir;

	if ((dp = fdopendir(fd)) == NULL) {
		error = hh_error_set(HH_ERROR, "%s%s%s: %s", s->dir,
		    *rel ? "/" : "", rel, strerror(errno));
		close(fd);
		return error;
	}
	while (error == HH_OK && (de = readdir(dp)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0 ||
		    (*rel == '\0' && strcmp(de->d_name, ".git") == 0))
			continue;
		sub = *rel ? hh_xasprintf("%s/%s", rel, de->d_name) :
		    hh_xstrdup(de->d_name);
		if (fstatat(dirfd(dp), de->d_name, &st,
		    AT_SYMLINK_NOFOLLOW) < 0)
			memset(&st, 0, sizeof(st));
		if (!(isdir = S_ISDIR(st.st_mode))) {
			if (l->n == l->cap) {
				l->cap = l->cap ? l->cap * 2 : 256;
				l->v = hh_xrealloc(l->v, l->cap *
				    sizeof(*l->v));
			}
			l->v[l->n].path = sub;
			l->v[l->n++].ctime = S_ISREG(st.st_mode) ?
			    (int64_t)st.st_ctim.tv_sec * 1000000000 +
			    st.st_ctim.tv_nsec : -1;
			continue;
		}
		if ((sfd = open_dir(dirfd(dp), de->d_name)) < 0)
			error = dir_error(HH_ERROR, dirfd(dp), de->d_name,
			    sub);
		else
			error = scan_disk(l, s, sfd, sub);
		free(sub);
	}
	closedir(dp);
	return error;
}

/* The git blob id of the file at path under the tree: a regular file
 * reached without following a link; HH_EINVALID otherwise. */
#define DISK_FILE_MAX ((size_t)64 << 20)
static int
hash_disk(git_oid *out, struct hh_store *s, const char *path)
{
	const char *base;
	char *data = NULL;
	size_t len = 0;
	int fd, error;

	if ((error = open_parent(&fd, &base, s, path, 0)) < 0)
		return error;
	if (fd < 0)
		return hh_error_set(HH_ENOTFOUND, "%s: no such file", path);
	error = read_small(&data, &len, NULL, fd, base, DISK_FILE_MAX, base);
	close(fd);
	if (error == HH_OK && git_odb_hash(out, data, len,
	    GIT_OBJECT_BLOB) < 0)
		error = git_fail(path);
	free(data);
	return error;
}

static void
diskdiff_add(struct hh_diskdiff **v, size_t *n, size_t *cap, const char *path,
    enum hh_disk what)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*v = hh_xrealloc(*v, *cap * sizeof(**v));
	}
	(*v)[*n].path = hh_xstrdup(path);
	(*v)[(*n)++].what = what;
}

/* The files on disk against tree (NULL: no file). */
static int
disk_diff(struct hh_diskdiff **out, size_t *n_out, struct hh_store *s,
    git_tree *tree, int64_t since)
{
	struct headfiles h;
	struct diskfiles disk;
	struct hh_diskdiff *v = NULL;
	git_oid oid;
	size_t i, j, n = 0, cap = 0;
	int error = HH_ERROR, cmp, fd;

	*out = NULL;
	*n_out = 0;
	memset(&h, 0, sizeof(h));
	memset(&disk, 0, sizeof(disk));
	if (tree != NULL &&
	    git_tree_walk(tree, GIT_TREEWALK_PRE, collect_blob, &h) < 0) {
		error = git_fail("HEAD");
		goto out;
	}
	if ((fd = openat(s->rootfd, ".", O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) < 0) {
		error = hh_error_set(HH_ERROR, "%s: %s", s->dir,
		    strerror(errno));
		goto out;
	}
	if ((error = scan_disk(&disk, s, fd, "")) < 0)
		goto out;
	/* the tree walk is in git's order; compare in strcmp order */
	qsort(h.v, h.n, sizeof(*h.v), cmp_headfile);
	qsort(disk.v, disk.n, sizeof(*disk.v), cmp_diskfile);
	for (i = j = 0; i < h.n || j < disk.n;) {
		cmp = i == h.n ? 1 : j == disk.n ? -1 :
		    strcmp(h.v[i].path, disk.v[j].path);
		if (cmp > 0) {
			diskdiff_add(&v, &n, &cap, disk.v[j++].path,
			    HH_DISK_EXTRA);
			continue;
		}
		if (cmp < 0) {
			diskdiff_add(&v, &n, &cap, h.v[i++].path,
			    HH_DISK_MISSING);
			continue;
		}
		/* a regular file whose inode has not changed since the
		 * instant since (the kernel alone moves a file's ctime: every
		 * write, rename, link or mode change) is taken as compared */
		if (!(since > 0 && disk.v[j].ctime >= 0 &&
		    disk.v[j].ctime < since) &&
		    (hash_disk(&oid, s, h.v[i].path) < 0 ||
		    !git_oid_equal(&oid, &h.v[i].id)))
			diskdiff_add(&v, &n, &cap, h.v[i].path,
			    HH_DISK_DIFFERS);
		i++;
		j++;
	}
	*out = v;
	*n_out = n;
	v = NULL;
	n = 0;
	error = HH_OK;
out:
	hh_store_diskdiff_free(v, n);
	for (i = 0; i < h.n; i++)
		free(h.v[i].path);
	free(h.v);
	for (i = 0; i < disk.n; i++)
		free(disk.v[i].path);
	free(disk.v);
	return error;
}

int
hh_store_disk_diff(struct hh_diskdiff **out, size_t *n_out,
    struct hh_store *s)
{
	return disk_diff(out, n_out, s, s->tree, 0);
}

void
hh_store_diskdiff_free(struct hh_diskdiff *v, size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++)
		free(v[i].path);
	free(v);
}

/*
 * hh-check: the files on disk while desks work, names that mean the
 * snapshot, and what git would act on beyond the records.
 */

/* The commit the branch names now ("" and NULL if none) and its tree
 * (tree_out may be NULL). */
static int
branch_now(git_tree **tree_out, char hex[HH_OID_MAX], struct hh_store *s)
{
	git_commit *c = NULL;
	git_oid oid;
	int rc;

	hex[0] = '\0';
	if (tree_out != NULL)
		*tree_out = NULL;
	if ((rc = git_reference_name_to_id(&oid, s->repo, s->branch)) ==
	    GIT_ENOTFOUND)
		return HH_OK;
	if (rc < 0)
		return git_fail(s->branch);
	git_oid_tostr(hex, HH_OID_MAX, &oid);
	if (tree_out == NULL)
		return HH_OK;
	if (git_commit_lookup(&c, s->repo, &oid) < 0 ||
	    git_commit_tree(tree_out, c) < 0) {
		git_commit_free(c);
		return git_fail(hex);
	}
	git_commit_free(c);
	return HH_OK;
}

/* The writers' lock held shared (its fd), or -1 if it cannot be: no lock
 * file (no hh writer ever came), no access to it, or still held by a
 * writer after $HH_LOCK_WAIT seconds. */
static int
share_lock(struct hh_store *s)
{
	struct stat st;
	int fd;

	if (s->hhfd < 0 || (fd = openat(s->hhfd, "lock", O_RDONLY |
	    O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)) < 0)
		return -1;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    poll_lock(s, fd, LOCK_SH, -1, 0) != 1) {
		close(fd);
		return -1;
	}
	return fd;
}

#define COMPARE_TRIES 5

int
hh_store_disk_compare(struct hh_diskdiff **out, size_t *n_out,
    char commit_out[HH_OID_MAX], char marker_out[HH_OID_MAX],
    struct hh_store *s, int64_t since)
{
	char head[HH_OID_MAX], mark[HH_OID_MAX];
	git_tree *t = NULL;
	int fd = -1, held, tries, stable, error;

	*out = NULL;
	*n_out = 0;
	commit_out[0] = marker_out[0] = '\0';
	/* hh's writers export under the lock, exclusive: held shared, no
	 * export is under way, and the branch and the marker stay put */
	held = s->lockdepth > 0 || (fd = share_lock(s)) >= 0;
	for (tries = 1; ; tries++) {
		if ((error = branch_now(&t, commit_out, s)) < 0)
			break;
		hh_store_exported(marker_out, s);
		error = disk_diff(out, n_out, s, t, since);
		git_tree_free(t);
		t = NULL;
		if (error < 0 || held)
			break;
		/*
		 * Without the lock: a writer moves the branch, then writes the
		 * files, then the marker.  The same branch and marker before
		 * and after, the marker naming the branch, and no export
		 * overlapped the comparison.  A marker that stays behind is a
		 * writer's that died (or plain git's): taken as it is at last.
		 */
		if ((error = branch_now(NULL, head, s)) < 0)
			break;
		hh_store_exported(mark, s);
		stable = strcmp(head, commit_out) == 0 &&
		    strcmp(mark, marker_out) == 0;
		if (stable && (!*mark || strcmp(mark, head) == 0 ||
		    tries == COMPARE_TRIES))
			break;
		hh_store_diskdiff_free(*out, *n_out);
		*out = NULL;
		*n_out = 0;
		if (tries == COMPARE_TRIES) {
			error = hh_error_set(HH_ECONFLICT, "the records kept "
			    "changing while they were compared, and %s/hh/lock "
			    "cannot be held here", s->gitdir);
			break;
		}
		usleep(100000 * tries);
	}
	if (fd >= 0)
		close(fd);	/* releases the shared hold */
	return error;
}

int
hh_store_resolve_snapshot(char out[HH_OID_MAX], struct hh_store *s,
    const char *rev)
{
	const char *names[4];
	size_t i, n = 0;
	char *r;
	int error;

	names[0] = "HEAD";
	names[1] = "@";
	names[2] = s->branch;
	names[3] = s->branch + strlen("refs/heads/");
	for (i = 0; i < 4; i++) {
		n = strlen(names[i]);
		if (strncmp(rev, names[i], n) == 0 && (rev[n] == '\0' ||
		    rev[n] == '~' || rev[n] == '^'))
			break;
	}
	if (i == 4 || s->unborn)
		return hh_store_resolve(out, s, rev);
	r = hh_xasprintf("%s%s", s->headhex, rev + n);
	if ((error = hh_store_resolve(out, s, r)) < 0)
		error = hh_error_set(error, "%s: no such commit",
		    hh_text_quote(rev));
	free(r);
	return error;
}

/*
 * DIR/.git/config, that file alone, parsed by libgit2.  libgit2 follows
 * include.path (it reads the file named: a FIFO would hang the check,
 * and a hostile file is none of the records' business) and cannot be
 * told not to; so it is handed a copy in which every "include", in any
 * case, is "includ-": a section no include directive survives, its name
 * given back in the keys listed.
 */
#define CONFIG_MAX ((size_t)1 << 20)

/* 1 if p begins with the first n letters of "include", in any case. */
static int
is_include(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((p[i] | 0x20) != "include"[i])
			return 0;
	return 1;
}

static void
unneuter(char *s)
{
	for (; s != NULL && *s; s++)
		if (is_include(s, 6) && s[6] == '-')
			s[6] = 'e';
}

/* libgit2's parse error without the copy's name: "missing ']' in section
 * header (line 3)". */
static int
config_error(const char *tmp)
{
	const git_error *e = git_error_last();
	const char *m = e && e->message ? e->message : "unknown error";
	const char *pre = "failed to parse config file: ", *at;
	char *where = hh_xasprintf("(in %s:", tmp), *msg;
	int error;

	if (strncmp(m, pre, strlen(pre)) == 0)
		m += strlen(pre);
	if ((at = strstr(m, where)) != NULL)
		msg = hh_xasprintf("%.*s(line %s", (int)(at - m), m,
		    at + strlen(where));
	else
		msg = hh_xstrdup(m);
	error = hh_error_set(HH_EINVALID, "not valid: %s", msg);
	free(msg);
	free(where);
	return error;
}

int
hh_store_config_keys(struct hh_gitkey **out, size_t *n_out,
    struct hh_store *s)
{
	char tmp[] = "/tmp/hh-config-XXXXXX";
	git_config *cfg = NULL;
	git_config_iterator *it = NULL;
	git_config_entry *e;
	struct hh_gitkey *v = NULL;
	char *text = NULL;
	size_t len = 0, i, off, n = 0, cap = 0;
	ssize_t w;
	int fd, rc, error;

	*out = NULL;
	*n_out = 0;
	/* no prefix: the caller names the file ("a symbolic link") */
	if ((error = read_small(&text, &len, NULL, s->gitfd, "config",
	    CONFIG_MAX, "")) == HH_ENOTFOUND)
		return HH_OK;
	if (error < 0)
		return error;
	if (memchr(text, '\0', len) != NULL) {
		free(text);
		return hh_error_set(HH_EINVALID, "not valid: a NUL byte");
	}
	for (i = 0; i + 7 <= len; i++)
		if (is_include(text + i, 7))
			text[i + 6] = '-';
	if ((fd = mkstemp(tmp)) < 0) {
		free(text);
		return hh_error_set(HH_ERROR, "%s: %s", tmp, strerror(errno));
	}
	for (off = 0, error = HH_OK; off < len && error == HH_OK; ) {
		if ((w = write(fd, text + off, len - off)) < 0) {
			if (errno != EINTR)
				error = hh_error_set(HH_ERROR, "%s: %s", tmp,
				    strerror(errno));
			continue;
		}
		off += (size_t)w;
	}
	close(fd);
	free(text);
	/* the entries are read at open: the copy goes at once */
	if (error == HH_OK && git_config_open_ondisk(&cfg, tmp) < 0)
		error = config_error(tmp);
	unlink(tmp);
	if (error < 0)
		return error;
	if (git_config_iterator_new(&it, cfg) < 0) {
		error = git_fail(".git/config");
		goto out;
	}
	while ((rc = git_config_next(&e, it)) == 0) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			v = hh_xrealloc(v, cap * sizeof(*v));
		}
		v[n].name = hh_xstrdup(e->name);
		v[n].value = e->value ? hh_xstrdup(e->value) : NULL;
		unneuter(v[n].name);
		unneuter(v[n++].value);
	}
	if (rc != GIT_ITEROVER) {
		error = git_fail(".git/config");
		goto out;
	}
	*out = v;
	*n_out = n;
	v = NULL;
	n = 0;
	error = HH_OK;
out:
	hh_store_gitkeys_free(v, n);
	git_config_iterator_free(it);
	git_config_free(cfg);
	return error;
}

void
hh_store_gitkeys_free(struct hh_gitkey *v, size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++) {
		free(v[i].name);
		free(v[i].value);
	}
	free(v);
}

static int
type_of(const struct stat *st)
{
	return S_ISREG(st->st_mode) ? 'f' : S_ISDIR(st->st_mode) ? 'd' :
	    S_ISLNK(st->st_mode) ? 'l' : '?';
}

static int
cmp_gitfile(const void *a, const void *b)
{
	return strcmp(((const struct hh_gitfile *)a)->name,
	    ((const struct hh_gitfile *)b)->name);
}

int
hh_store_git_folder(struct hh_gitfile **out, size_t *n_out, int *type_out,
    struct hh_store *s, const char *name)
{
	struct hh_gitfile *v = NULL;
	struct dirent *de;
	struct stat st;
	size_t n = 0, cap = 0;
	DIR *dp;
	int fd;

	*out = NULL;
	*n_out = 0;
	*type_out = 0;
	if (fstatat(s->gitfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return errno == ENOENT ? HH_OK : hh_error_set(HH_ERROR,
		    "%s: %s", in_git(s, name), strerror(errno));
	if ((*type_out = type_of(&st)) != 'd')
		return HH_OK;
	if ((fd = open_dir(s->gitfd, name)) < 0)
		return dir_error(HH_ERROR, s->gitfd, name, in_git(s, name));
	if ((dp = fdopendir(fd)) == NULL) {
		close(fd);
		return hh_error_set(HH_ERROR, "%s: %s", in_git(s, name),
		    strerror(errno));
	}
	while ((de = readdir(dp)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0 ||
		    fstatat(dirfd(dp), de->d_name, &st,
		    AT_SYMLINK_NOFOLLOW) < 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			v = hh_xrealloc(v, cap * sizeof(*v));
		}
		v[n].name = hh_xstrdup(de->d_name);
		v[n].type = type_of(&st);
		v[n++].size = (long long)st.st_size;
	}
	closedir(dp);
	if (n > 0)
		qsort(v, n, sizeof(*v), cmp_gitfile);
	*out = v;
	*n_out = n;
	return HH_OK;
}

void
hh_store_gitfiles_free(struct hh_gitfile *v, size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++)
		free(v[i].name);
	free(v);
}

struct found {
	const char *const *names;
	struct pathlist l;
};

static int
find_name(const char *root, const git_tree_entry *e, void *payload)
{
	struct found *f = payload;
	size_t i;

	if (git_tree_entry_type(e) == GIT_OBJECT_TREE)
		return 0;
	for (i = 0; f->names[i] != NULL; i++)
		if (strcmp(git_tree_entry_name(e), f->names[i]) == 0)
			pathlist_add(&f->l, hh_xasprintf("%s%s", root,
			    git_tree_entry_name(e)));
	return 0;
}

int
hh_store_find(char ***paths_out, size_t *n_out, struct hh_store *s,
    const char *const *names)
{
	struct found f;
	size_t i;

	*paths_out = NULL;
	*n_out = 0;
	memset(&f, 0, sizeof(f));
	f.names = names;
	if (s->tree != NULL &&
	    git_tree_walk(s->tree, GIT_TREEWALK_PRE, find_name, &f) < 0) {
		for (i = 0; i < f.l.n; i++)
			free(f.l.v[i]);
		free(f.l.v);
		return git_fail("HEAD");
	}
	if (f.l.n > 0)
		qsort(f.l.v, f.l.n, sizeof(*f.l.v), cmp_path);
	pathlist_add(&f.l, NULL);
	*paths_out = f.l.v;
	*n_out = f.l.n - 1;
	return HH_OK;
}

static int
ref_name(const char *name, void *payload)
{
	struct pathlist *l = payload;

	pathlist_add(l, hh_xstrdup(name));
	return 0;
}

int
hh_store_refs(char ***names_out, size_t *n_out, struct hh_store *s)
{
	struct pathlist l;

	memset(&l, 0, sizeof(l));
	*names_out = NULL;
	*n_out = 0;
	if (git_reference_foreach_name(s->repo, ref_name, &l) < 0) {
		for (; l.n > 0; l.n--)
			free(l.v[l.n - 1]);
		free(l.v);
		return git_fail("refs");
	}
	if (l.n > 1)
		qsort(l.v, l.n, sizeof(*l.v), cmp_path);
	pathlist_add(&l, NULL);
	*names_out = l.v;
	*n_out = l.n - 1;
	return HH_OK;
}

/*
 * The witness: a repository elsewhere that only moves forward (hh-init
 * --witness, hh-check --witness; hh(7) WITNESS).  It is reached with an
 * anonymous remote, never through the remotes of DIR/.git/config, so
 * that no setting of the tree changes what is pushed or where; what
 * goes is the snapshot, through refs/witness/<branch> (a push names a
 * reference, not a commit), which is left naming the head last pushed.
 */
#define WITNESS_WAIT 30		/* seconds to reach a witness */

static volatile sig_atomic_t witness_late;

/* HH_ERROR "url: libgit2's message". */
static int
witness_fail(const char *url)
{
	const git_error *e = git_error_last();

	return hh_error_set(HH_ERROR, "%s: %s", hh_text_quote(url),
	    e && e->message ? e->message : "unknown error");
}

static void
witness_alarm(int sig)
{
	(void)sig;
	witness_late = 1;
}

/* The folder of a local witness (a path or file:///path), else NULL. */
static const char *
witness_path(const char *url)
{
	if (url[0] == '/')
		return url;
	if (strncmp(url, "file://", 7) == 0)
		return url + 7;
	return NULL;
}

int
hh_store_witness_url_ok(const char *url)
{
	return hh_peer_url_ok(url);
}

int
hh_store_witness_url(char **out, struct hh_store *s)
{
	git_config *cfg = NULL;
	git_buf buf = GIT_BUF_INIT;
	int rc;

	*out = NULL;
	if (git_repository_config_snapshot(&cfg, s->repo) < 0)
		return git_fail("config");
	rc = git_config_get_string_buf(&buf, cfg, "remote.witness.url");
	git_config_free(cfg);
	if (rc == GIT_ENOTFOUND)
		return hh_error_set(HH_ENOTFOUND, "the tree has no witness");
	if (rc < 0)
		return git_fail("remote.witness.url");
	*out = hh_xstrdup(buf.ptr);
	git_buf_dispose(&buf);
	return HH_OK;
}

/* Remove the folder a failed hh_store_witness_create made. */
static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	return remove(path) < 0 ? -1 : 0;
}

void
hh_store_witness_remove(const char *url)
{
	const char *path = witness_path(url);

	if (path != NULL)
		nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int
hh_store_witness_create(int *created, struct hh_store *s, const char *url)
{
	git_repository_init_options opts;
	git_repository *repo = NULL;
	git_config *cfg = NULL;
	const char *path = witness_path(url);
	char *parent;
	struct stat st;
	int rc;

	(void)s;	/* libgit2 is initialised while a store is open */
	*created = 0;
	if (path == NULL || lstat(path, &st) == 0)
		return HH_OK;	/* elsewhere, or there: used as it is */
	if (errno != ENOENT)
		return hh_error_set(HH_ERROR, "%s: %s", hh_text_quote(url),
		    strerror(errno));
	/* its parent must exist: a mistyped path makes no folders */
	parent = hh_xasprintf("%.*s", (int)(strrchr(path, '/') - path), path);
	rc = *parent && (stat(parent, &st) < 0 || !S_ISDIR(st.st_mode));
	free(parent);
	if (rc)
		return hh_error_set(HH_ENOTFOUND, "%s: no such repository, "
		    "nor a folder to make it in", hh_text_quote(url));
	git_repository_init_options_init(&opts,
	    GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	opts.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_NO_REINIT |
	    GIT_REPOSITORY_INIT_MKDIR;
	opts.initial_head = "main";
	if (git_repository_init_ext(&repo, path, &opts) < 0)
		return witness_fail(url);
	*created = 1;
	rc = git_repository_config(&cfg, repo);
	if (rc == 0)
		rc = git_config_set_bool(cfg, "receive.denyNonFastForwards", 1);
	if (rc == 0)
		rc = git_config_set_bool(cfg, "receive.denyDeletes", 1);
	git_config_free(cfg);
	git_repository_free(repo);
	if (rc < 0) {
		rc = witness_fail(url);
		hh_store_witness_remove(url);
		*created = 0;
	}
	return rc;
}

/* ssh://: the caller's agent (not kept by a privileged install's
 * environment), else the key pair DIR/.git/hh/ssh/id_ed25519. */
struct witness_call {
	struct hh_store *s;
	char why[HH_ERRMAX];	/* the witness's word on a refused push */
};

static int
witness_cred(git_credential **out, const char *url, const char *user,
    unsigned int allowed, void *payload)
{
	struct hh_store *s = ((struct witness_call *)payload)->s;
	char *pub, *key;
	int rc;

	(void)url;
	if (!(allowed & GIT_CREDENTIAL_SSH_KEY))
		return GIT_PASSTHROUGH;
	if (user == NULL)
		user = "git";
	if (getenv("SSH_AUTH_SOCK") != NULL &&
	    git_credential_ssh_key_from_agent(out, user) == 0)
		return 0;
	pub = hh_xasprintf("%s/hh/ssh/id_ed25519.pub", s->gitdir);
	key = hh_xasprintf("%s/hh/ssh/id_ed25519", s->gitdir);
	rc = git_credential_ssh_key_new(out, user, pub, key, NULL);
	free(pub);
	free(key);
	return rc;
}

/* git_remote_connect within $HH_WITNESS_WAIT (WITNESS_WAIT) seconds: a
 * timer interrupts the system call that waits (libgit2 1.5 has no
 * timeout of its own), and again every second after, so that a retry
 * gives up too. */
static int
witness_connect(git_remote *r, git_direction dir,
    const git_remote_callbacks *cb, const char *url)
{
	const char *e = hh_priv_env("HH_WITNESS_WAIT");
	long wait = e && *e ? strtol(e, NULL, 10) : WITNESS_WAIT;
	struct itimerval t, off;
	struct sigaction sa, old;
	int rc;

	if (wait <= 0)
		wait = WITNESS_WAIT;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = witness_alarm;	/* no SA_RESTART: calls fail */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, &old);
	memset(&t, 0, sizeof(t));
	memset(&off, 0, sizeof(off));
	t.it_value.tv_sec = wait;
	t.it_interval.tv_sec = 1;
	witness_late = 0;
	setitimer(ITIMER_REAL, &t, NULL);
	rc = git_remote_connect(r, dir, cb, NULL, NULL);
	setitimer(ITIMER_REAL, &off, NULL);
	sigaction(SIGALRM, &old, NULL);
	if (rc < 0 && witness_late)
		return hh_error_set(HH_ERROR, "%s: no answer in %ld s",
		    hh_text_quote(url), wait);
	return rc < 0 ? witness_fail(url) : HH_OK;
}

/* An anonymous remote for url: no remote of the configuration, no
 * url.*.insteadOf rewriting it (nor libgit2 1.5's leak of a regex match
 * for each key of the configuration that such a search makes). */
static int
witness_remote(git_remote **out, struct hh_store *s, const char *url)
{
	git_remote_create_options o;

	git_remote_create_options_init(&o, GIT_REMOTE_CREATE_OPTIONS_VERSION);
	o.repository = s->repo;
	o.flags = GIT_REMOTE_CREATE_SKIP_INSTEADOF |
	    GIT_REMOTE_CREATE_SKIP_DEFAULT_FETCHSPEC;
	return git_remote_create_with_opts(out, url, &o) < 0 ?
	    witness_fail(url) : HH_OK;
}

/* 1 if the records hold commit id. */
static int
witness_known(struct hh_store *s, const git_oid *id)
{
	git_commit *c = NULL;
	int rc = git_commit_lookup(&c, s->repo, id) == 0;

	git_commit_free(c);
	git_error_clear();
	return rc;
}

/* A remote for url connected in direction dir within the wait; a local
 * path to read that is not there is said so (libgit2 takes it for a URL
 * it cannot read).  *out NULL on failure. */
static int
remote_open(git_remote **out, struct hh_store *s, const char *url,
    git_direction dir, const git_remote_callbacks *cb)
{
	int error;

	*out = NULL;
	if (dir == GIT_DIRECTION_FETCH && witness_path(url) != NULL &&
	    access(witness_path(url), F_OK) < 0)
		return hh_error_set(HH_ERROR, "%s: no such repository",
		    hh_text_quote(url));
	if ((error = witness_remote(out, s, url)) < 0)
		return error;
	if ((error = witness_connect(*out, dir, cb, url)) < 0) {
		git_remote_free(*out);
		*out = NULL;
	}
	return error;
}

static void
remote_close(git_remote *r)
{
	if (r != NULL)
		git_remote_disconnect(r);
	git_remote_free(r);
}

/* The head of branch name on the connected r: 1, or 0 if it has none. */
static int
remote_branch(git_oid *out, git_remote *r, const char *url, const char *name)
{
	const git_remote_head **heads;
	size_t i, n;
	int found = 0;

	if (git_remote_ls(&heads, &n, r) < 0)
		return witness_fail(url);
	for (i = 0; i < n; i++)
		if (strcmp(heads[i]->name, name) == 0) {
			git_oid_cpy(out, &heads[i]->oid);
			found = 1;
		}
	return found;
}

int
hh_store_witness_head(char out[HH_OID_MAX], int *known, struct hh_store *s,
    const char *url)
{
	git_remote_callbacks cb;
	struct witness_call call = { .s = s };
	git_remote *r = NULL;
	git_oid id;
	int error;

	out[0] = '\0';
	*known = 0;
	git_remote_init_callbacks(&cb, GIT_REMOTE_CALLBACKS_VERSION);
	cb.credentials = witness_cred;
	cb.payload = &call;
	if ((error = remote_open(&r, s, url, GIT_DIRECTION_FETCH, &cb)) < 0)
		return error;
	if ((error = remote_branch(&id, r, url, s->branch)) > 0) {
		git_oid_tostr(out, HH_OID_MAX, &id);
		*known = witness_known(s, &id);
	}
	remote_close(r);
	return error < 0 ? error : HH_OK;
}

/* git_push_update_reference_cb: the witness's word on the branch. */
static int
witness_status(const char *ref, const char *status, void *payload)
{
	struct witness_call *call = payload;

	(void)ref;
	if (status != NULL && call->why[0] == '\0')
		snprintf(call->why, sizeof(call->why), "%s", status);
	return 0;
}

/* Push spec (SRC:DST) to url through an anonymous remote, id its
 * source's commit: HH_EREFUSED "URL refused ID: why" with the remote's
 * word.  same non-NULL: *same 1 and nothing sent if DST is id there. */
static int
remote_upload(int *same, struct hh_store *s, const char *url, char *spec,
    const git_oid *id)
{
	git_push_options po;
	git_remote *r = NULL;
	git_strarray specs;
	struct witness_call call = { .s = s };
	const git_error *e;
	char hex[GIT_OID_HEXSZ + 1];
	git_oid theirs;
	int rc, error;

	git_oid_tostr(hex, sizeof(hex), id);
	git_push_options_init(&po, GIT_PUSH_OPTIONS_VERSION);
	po.callbacks.credentials = witness_cred;
	po.callbacks.push_update_reference = witness_status;
	po.callbacks.payload = &call;
	specs.strings = &spec;
	specs.count = 1;
	if ((error = remote_open(&r, s, url, GIT_DIRECTION_PUSH,
	    &po.callbacks)) < 0)
		return error;
	if (same != NULL) {
		error = remote_branch(&theirs, r, url, strchr(spec, ':') + 1);
		*same = error > 0 && git_oid_equal(&theirs, id);
		if (error < 0 || *same)
			goto out;
		error = HH_OK;
	}
	/* the update's status comes back through call.why */
	rc = git_remote_upload(r, &specs, &po);
	if (rc == GIT_ENONFASTFORWARD || (rc == 0 && call.why[0])) {
		e = git_error_last();
		error = hh_error_set(HH_EREFUSED, "%s refused %.10s: %s",
		    hh_text_quote(url), hex, call.why[0] ? call.why :
		    e && e->message ? e->message : "not a fast-forward");
	} else if (rc < 0)
		error = witness_fail(url);
out:
	remote_close(r);
	return error < 0 ? error : HH_OK;
}

int
hh_store_witness_push(struct hh_store *s, const char *url)
{
	git_reference *ref = NULL;
	git_oid before;
	char *wref, *spec;
	int had, error;

	if (s->unborn)
		return hh_error_set(HH_ENOTFOUND, "no commit to push yet");
	wref = hh_xasprintf("refs/witness/%s", s->branch + 11);
	spec = hh_xasprintf("%s:%s", wref, s->branch);
	had = git_reference_name_to_id(&before, s->repo, wref) == 0;
	if (git_reference_create(&ref, s->repo, wref, &s->head, 1,
	    "hh: to the witness") < 0) {
		error = git_fail(wref);
		goto out;
	}
	git_reference_free(ref);
	ref = NULL;
	if ((error = remote_upload(NULL, s, url, spec, &s->head)) == HH_OK)
		goto out;
	/* refs/witness/ names what the witness holds, nothing else */
	if (had)
		git_reference_create(&ref, s->repo, wref, &before, 1,
		    "hh: the witness refused");
	else if (git_reference_lookup(&ref, s->repo, wref) == 0)
		git_reference_delete(ref);
	git_reference_free(ref);
out:
	free(wref);
	free(spec);
	return error;
}

/*
 * The province (hh-sync(1)): a peer's branch is fetched, as the witness
 * is reached, into refs/peers/AGENCY/<branch>, which only moves forward;
 * the branch goes to each push_to remote as a fast-forward.
 */
/* Move refs/peers/AGENCY/<branch> from `from` (none: !had) to `to` by
 * compare-and-swap.  Another sync that moved it there or beyond first is
 * success; one that holds its lock is waited for (2 s). */
static int
move_peer(struct hh_store *s, const char *pref, const git_oid *to, int had,
    const git_oid *from)
{
	git_reference *ref = NULL;
	git_oid zero, now;
	int i, rc;

	memset(&zero, 0, sizeof(zero));
	for (i = 0; i < 200; i++) {
		rc = git_reference_create_matching(&ref, s->repo, pref, to,
		    had, had ? from : &zero, "hh-sync");
		git_reference_free(ref);
		ref = NULL;
		if (rc == 0)
			return HH_OK;
		if (git_reference_name_to_id(&now, s->repo, pref) == 0 &&
		    (git_oid_equal(&now, to) ||
		    git_graph_descendant_of(s->repo, &now, to) == 1)) {
			git_error_clear();
			return HH_OK;
		}
		if (rc != GIT_ELOCKED)
			break;
		usleep(10000);
	}
	return git_fail(pref);
}

int
hh_store_peer_fetch(struct hh_fetched *out, struct hh_store *s,
    const char *agency, const char *url)
{
	git_fetch_options fo;
	struct witness_call call = { .s = s };
	git_revwalk *rw = NULL;
	git_remote *r = NULL;
	git_oid before, theirs, id;
	git_strarray specs;
	char *pref, *spec = s->branch;
	int had, error;

	memset(out, 0, sizeof(*out));
	pref = hh_xasprintf("refs/peers/%s/%s", agency, s->branch + 11);
	had = git_reference_name_to_id(&before, s->repo, pref) == 0;
	git_error_clear();
	if (had)
		git_oid_tostr(out->before, sizeof(out->before), &before);
	git_fetch_options_init(&fo, GIT_FETCH_OPTIONS_VERSION);
	fo.callbacks.credentials = witness_cred;
	fo.callbacks.payload = &call;
	fo.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
	if ((error = remote_open(&r, s, url, GIT_DIRECTION_FETCH,
	    &fo.callbacks)) < 0 ||
	    (error = remote_branch(&theirs, r, url, s->branch)) < 0)
		goto out;
	if (error == 0) {
		error = hh_error_set(HH_ENOTFOUND, "%s: no branch %s",
		    hh_text_quote(url), s->branch + 11);
		goto out;
	}
	error = HH_OK;
	git_oid_tostr(out->after, sizeof(out->after), &theirs);
	if (had && git_oid_equal(&before, &theirs))
		goto out;	/* nothing new */
	specs.strings = &spec;
	specs.count = 1;
	if (git_remote_download(r, &specs, &fo) < 0) {
		error = witness_fail(url);
		goto out;
	}
	if (had && git_graph_descendant_of(s->repo, &theirs, &before) != 1) {
		error = hh_error_set(HH_EREFUSED, "%s: %.10s does not contain "
		    "%.10s, the head last fetched: the branch was moved back",
		    hh_text_quote(url), out->after, out->before);
		goto out;
	}
	if (git_revwalk_new(&rw, s->repo) < 0 ||
	    git_revwalk_push(rw, &theirs) < 0 ||
	    (had && git_revwalk_hide(rw, &before) < 0)) {
		error = git_fail(url);
		goto out;
	}
	while (git_revwalk_next(&id, rw) == 0)
		out->commits++;
	error = move_peer(s, pref, &theirs, had, &before);
out:
	if (error < 0)
		out->after[0] = '\0';
	git_revwalk_free(rw);
	remote_close(r);
	free(pref);
	return error;
}

int
hh_store_peer_head(char out[HH_OID_MAX], struct hh_store *s,
    const char *agency)
{
	char *pref = hh_xasprintf("refs/peers/%s/%s", agency, s->branch + 11);
	git_oid id;
	int rc = git_reference_name_to_id(&id, s->repo, pref);

	out[0] = '\0';
	if (rc == 0)
		git_oid_tostr(out, HH_OID_MAX, &id);
	free(pref);
	git_error_clear();
	return rc == 0 ? HH_OK : hh_error_set(HH_ENOTFOUND, "%s: never "
	    "fetched", agency);
}

int
hh_store_push(char out[HH_OID_MAX], int *same, struct hh_store *s,
    const char *url)
{
	char *spec;
	git_oid id;
	int error;

	out[0] = '\0';
	*same = 0;
	if (git_reference_name_to_id(&id, s->repo, s->branch) < 0)
		return hh_error_set(HH_ENOTFOUND, "no commit to push yet");
	spec = hh_xasprintf("%s:%s", s->branch, s->branch);
	if ((error = remote_upload(same, s, url, spec, &id)) == HH_OK)
		git_oid_tostr(out, HH_OID_MAX, &id);
	free(spec);
	return error;
}

int
hh_store_witness_set(struct hh_store *s, const char *url)
{
	git_config *cfg = NULL;
	git_transaction *tx = NULL;
	char *spec = hh_xasprintf("%s:%s", s->branch, s->branch);
	int rc;

	/* both keys or neither: written under the configuration's lock */
	rc = git_repository_config(&cfg, s->repo);
	if (rc == 0)
		rc = git_config_lock(&tx, cfg);
	if (rc == 0)
		rc = git_config_set_string(cfg, "remote.witness.url", url);
	if (rc == 0)
		rc = git_config_set_string(cfg, "remote.witness.push", spec);
	if (rc == 0)
		rc = git_transaction_commit(tx);
	rc = rc < 0 ? git_fail("remote.witness") : HH_OK;
	git_transaction_free(tx);
	git_config_free(cfg);
	free(spec);
	return rc;
}

/*
 * Published reports (hh-report --publish, hh(7) Published reports):
 * annotated tags refs/tags/NAME on a commit, signed as git signs a tag
 * with gpg.format=ssh (the SSH signature appended to the message, over
 * every byte before it), made by compare-and-swap: a tag that exists is
 * never replaced.
 */
#define SSHSIG_BEGIN "-----BEGIN SSH SIGNATURE-----"

int
hh_store_tag_create(char id_out[HH_OID_MAX], struct hh_store *s,
    const char *name, const char *target, const struct hh_author *tagger,
    const char *msg)
{
	char *raw, *sig, *all, *ref;
	git_oid oid, toid;
	git_reference *r = NULL;
	int64_t when = tagger->when;
	int rc, error;

	if (git_oid_fromstr(&toid, target) < 0)
		return hh_error_set(HH_EINVALID, "%s: not a commit id",
		    hh_text_quote(target));
	ref = hh_xasprintf("refs/tags/%s", name);
	rc = git_reference_lookup(&r, s->repo, ref);
	git_reference_free(r);
	free(ref);
	if (rc == 0)
		return hh_error_set(HH_EEXISTS, "%s: exists", name);
	git_error_clear();
	if (strpbrk(tagger->name, "<>\n") != NULL ||
	    strpbrk(tagger->email, "<>\n") != NULL)
		return hh_error_set(HH_EINVALID, "%s: the tagger's name or "
		    "e-mail holds < > or a line end", name);
	if ((error = load_key(s)) < 0)
		return error;
	/* an unsigned publication would prove nothing */
	if (s->keyed != 1)
		return hh_error_set(HH_EREFUSED, "%s/hh/key: no such file: a "
		    "report is published only signed (an admin makes a key: "
		    "hh-init --rotate-key)", s->gitdir);
	/* Vietnam's offset, as every commit's */
	raw = hh_xasprintf("object %s\ntype commit\ntag %s\ntagger %s <%s> "
	    "%lld +0700\n\n%s", target, name, tagger->name, tagger->email,
	    (long long)when, msg);
	if ((error = key_listed(s, s->tree, &s->key, when)) < 0) {
		free(raw);
		return hh_error_prefix(error, "%s/hh/key", s->gitdir);
	}
	sig = hh_key_sign(&s->key, raw, strlen(raw));
	all = hh_xasprintf("%s%s", raw, sig);
	free(sig);
	free(raw);
	raw = all;
	/* not forced: the reference is made only if there is none */
	rc = git_tag_create_from_buffer(&oid, s->repo, raw, 0);
	free(raw);
	if (rc == GIT_EEXISTS) {
		git_error_clear();
		return hh_error_set(HH_EEXISTS, "%s: exists", name);
	}
	if (rc < 0)
		return git_fail(name);
	git_oid_tostr(id_out, HH_OID_MAX, &oid);
	return HH_OK;
}

void
hh_store_tag_release(struct hh_tag *t)
{
	free(t->message);
	free(t->sig);
	free(t->payload);
	memset(t, 0, sizeof(*t));
}

int
hh_store_tag_read(struct hh_tag *t, struct hh_store *s, const char *name)
{
	git_reference *r = NULL, *res = NULL;
	git_object *o = NULL;
	git_odb *odb = NULL;
	git_odb_object *raw = NULL;
	const git_signature *who;
	const char *data, *body, *p, *sigat = NULL;
	size_t len;
	char *ref;
	int error = HH_OK;

	memset(t, 0, sizeof(*t));
	ref = hh_xasprintf("refs/tags/%s", name);
	if (git_reference_lookup(&r, s->repo, ref) < 0) {
		free(ref);
		git_error_clear();
		return hh_error_set(HH_ENOTFOUND, "%s: no such tag", name);
	}
	free(ref);
	if (git_reference_resolve(&res, r) < 0 ||
	    git_object_lookup(&o, s->repo, git_reference_target(res),
	    GIT_OBJECT_ANY) < 0) {
		error = git_fail(name);
		goto out;
	}
	git_oid_tostr(t->id, sizeof(t->id), git_object_id(o));
	if (git_object_type(o) != GIT_OBJECT_TAG) {
		/* a lightweight tag: no message, no signature */
		git_oid_tostr(t->target, sizeof(t->target), git_object_id(o));
		t->target_is_commit = git_object_type(o) == GIT_OBJECT_COMMIT;
		goto out;
	}
	t->annotated = 1;
	git_oid_tostr(t->target, sizeof(t->target),
	    git_tag_target_id((git_tag *)o));
	t->target_is_commit = git_tag_target_type((git_tag *)o) ==
	    GIT_OBJECT_COMMIT;
	if ((who = git_tag_tagger((git_tag *)o)) != NULL)
		t->when = (int64_t)who->when.time;
	if (git_repository_odb(&odb, s->repo) < 0 ||
	    git_odb_read(&raw, odb, git_object_id(o)) < 0) {
		error = git_fail(name);
		goto out;
	}
	data = git_odb_object_data(raw);
	len = git_odb_object_size(raw);
	/* the signature: the last line starting SSHSIG_BEGIN (git's rule) */
	for (p = data; p < data + len; p++) {
		if ((p == data || p[-1] == '\n') &&
		    (size_t)(data + len - p) >= strlen(SSHSIG_BEGIN) &&
		    memcmp(p, SSHSIG_BEGIN, strlen(SSHSIG_BEGIN)) == 0)
			sigat = p;
	}
	if (sigat == NULL)
		sigat = data + len;
	t->payload = hh_xmalloc((size_t)(sigat - data) + 1);
	memcpy(t->payload, data, (size_t)(sigat - data));
	t->payload[sigat - data] = '\0';
	t->payload_len = (size_t)(sigat - data);
	if (sigat < data + len) {
		t->siglen = (size_t)(data + len - sigat);
		t->sig = hh_xmalloc(t->siglen + 1);
		memcpy(t->sig, sigat, t->siglen);
		t->sig[t->siglen] = '\0';
	}
	body = strstr(t->payload, "\n\n");
	t->message = hh_xstrdup(body ? body + 2 : "");
out:
	git_odb_object_free(raw);
	git_odb_free(odb);
	git_object_free(o);
	git_reference_free(res);
	git_reference_free(r);
	if (error < 0)
		hh_store_tag_release(t);
	return error;
}

/*
 * For the summary store of the report (cache.c): a private file mapped
 * rather than read, written without a sync (it is made again if lost),
 * and a notice through the store's listener.
 */
#include <sys/mman.h>

int
hh_store_private_map(const void **out, size_t *len_out, struct hh_store *s,
    const char *name, size_t max)
{
	const char *base = strrchr(name, '/');
	struct stat st;
	char *dir;
	void *p;
	int dfd = s->hhfd, fd, error = HH_OK;

	*out = NULL;
	*len_out = 0;
	if (s->hhfd < 0)
		return hh_error_set(HH_ENOTFOUND, ".git/hh/%s: no such file",
		    name);
	if (base != NULL) {
		dir = hh_xasprintf("%.*s", (int)(base - name), name);
		dfd = open_dir(s->hhfd, dir);
		if (dfd < 0)
			error = errno == ENOENT ? hh_error_set(HH_ENOTFOUND,
			    "%s/hh/%s: no such file", s->gitdir, name) :
			    dir_error(HH_EINVALID, s->hhfd, dir, in_git(s,
			    "hh/cache"));
		free(dir);
		if (dfd < 0)
			return error;
		base++;
	}
	fd = openat(dfd, base ? base : name, O_RDONLY | O_NOFOLLOW |
	    O_NONBLOCK | O_CLOEXEC);
	if (dfd != s->hhfd)
		close(dfd);
	if (fd < 0)
		return errno == ENOENT ? hh_error_set(HH_ENOTFOUND,
		    "%s/hh/%s: no such file", s->gitdir, name) :
		    hh_error_set(HH_EINVALID, "%s/hh/%s: %s", s->gitdir, name,
		    errno == ELOOP ? "a symbolic link" : strerror(errno));
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
		error = hh_error_set(HH_EINVALID, "%s/hh/%s: not a regular "
		    "file", s->gitdir, name);
	else if ((long)st.st_uid != s->owner || (st.st_mode & 022))
		error = hh_error_set(HH_EINVALID, "%s/hh/%s: %s: not trusted",
		    s->gitdir, name, (long)st.st_uid != s->owner ?
		    "not the tree owner's" : "writable by others");
	else if (st.st_size <= 0 || (uintmax_t)st.st_size > max)
		error = hh_error_set(HH_EINVALID, "%s/hh/%s: %jd bytes",
		    s->gitdir, name, (intmax_t)st.st_size);
	else if ((p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE |
	    MAP_POPULATE, fd, 0)) == MAP_FAILED)
		error = hh_error_set(HH_ERROR, "%s/hh/%s: %s", s->gitdir, name,
		    strerror(errno));
	else {
		*out = p;
		*len_out = (size_t)st.st_size;
	}
	close(fd);
	return error;
}

void
hh_store_private_unmap(const void *p, size_t len)
{
	if (p != NULL)
		munmap((void *)(uintptr_t)p, len);
}

int
hh_store_private_put(struct hh_store *s, const char *name, const char *data,
    size_t len)
{
	const char *base = strrchr(name, '/');
	char *dir;
	int fd = s->hhfd, error;
	mode_t old;

	if ((long)geteuid() != s->owner)
		return hh_error_set(HH_EREFUSED, "%s/hh/%s: only the tree's "
		    "owner writes it", s->gitdir, name);
	if (s->hhfd < 0)
		return hh_error_set(HH_EREFUSED, "%s/hh: cannot be written",
		    s->gitdir);
	if (base != NULL) {
		dir = hh_xasprintf("%.*s", (int)(base - name), name);
		base++;
		if ((mkdirat(s->hhfd, dir, 02770) < 0 && errno != EEXIST) ||
		    (fd = open_dir(s->hhfd, dir)) < 0) {
			error = dir_error(HH_EINVALID, s->hhfd, dir, in_git(s,
			    "hh/cache"));
			free(dir);
			return error;
		}
		free(dir);
	}
	old = umask(027);
	error = write_via_tmp(s, fd, base ? base : name, data, len, 0);
	umask(old);
	if (fd != s->hhfd)
		close(fd);
	return error;
}

void
hh_store_tell(struct hh_store *s, const char *msg)
{
	tell(s, "%s", msg);
}

const char *
hh_store_gitdir(const struct hh_store *s)
{
	return s->gitdir;
}

int
hh_store_changed(char ***out, size_t *n_out, struct hh_store *s,
    const char *since, const char *under)
{
	struct hh_walk *w = NULL;
	git_commit *a = NULL, *b = NULL;
	git_tree *ta = NULL, *tb = NULL;
	char **v = NULL;
	size_t i, n = 0, len = strlen(under);
	git_oid id;
	int error;

	*out = NULL;
	*n_out = 0;
	/* since on the first-parent history, as for a walk */
	if ((error = hh_store_walk_open(&w, s, since)) < 0)
		return error;
	path_push(w, "", 0);
	if (git_oid_fromstr(&id, since) < 0 ||
	    git_commit_lookup(&a, s->repo, &id) < 0 ||
	    git_commit_lookup(&b, s->repo, &s->head) < 0 ||
	    git_commit_tree(&ta, a) < 0 || git_commit_tree(&tb, b) < 0)
		error = git_fail(since);
	else
		error = tree_diff(w, ta, tb);
	if (error == HH_OK) {
		v = hh_xmalloc((w->cur.nchanges + 1) * sizeof(*v));
		for (i = 0; i < w->cur.nchanges; i++)
			if (strncmp(w->cur.changes[i].path, under, len) == 0)
				v[n++] = hh_xstrdup(w->cur.changes[i].path);
		*out = v;
		*n_out = n;
	}
	git_tree_free(ta);
	git_tree_free(tb);
	git_commit_free(a);
	git_commit_free(b);
	hh_store_walk_free(w);
	return error;
}
