/* store.c - the records tree in git: the only code that touches libgit2 */
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2.h>

#include "hh_impl.h"

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
	int dosync;
	int lockfd;
	int lockdepth;
	git_oid head;		/* the snapshot's commit */
	int unborn;		/* no commit yet */
	git_tree *tree;		/* the snapshot's tree, NULL if unborn */
	char headhex[GIT_OID_HEXSZ + 1];
};

static int
git_fail(const char *what)
{
	const git_error *e = git_error_last();

	return hh_error_set(HH_ERROR, "git: %s: %s", what,
	    e && e->message ? e->message : "unknown error");
}

static int
libgit2_init(void)
{
	const char *s = getenv("HH_FSYNC");
	int dosync = !(s && strcmp(s, "0") == 0);

	git_libgit2_init();
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, dosync);
	/* objects are verified when read: a tampered object is an error */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 1);
	return dosync;
}

void
hh_store_free(struct hh_store *s)
{
	if (s == NULL)
		return;
	if (s->lockfd >= 0)
		close(s->lockfd);
	git_tree_free(s->tree);
	git_repository_free(s->repo);
	free(s->dir);
	free(s->gitdir);
	free(s->branch);
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
open_repo(struct hh_store **out, const char *dir, int create,
    const char *group)
{
	struct hh_store *s = hh_xmalloc(sizeof(*s));
	git_repository_init_options opts;
	struct stat st;
	char *hhdir = NULL;
	int error = HH_ERROR;

	memset(s, 0, sizeof(*s));
	git_repository_init_options_init(&opts,
	    GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	s->lockfd = -1;
	s->dosync = libgit2_init();
	s->dir = hh_xstrdup(dir);
	s->gitdir = hh_xasprintf("%s/.git", dir);
	*out = NULL;
	umask(007);	/* records are protected data: never world-readable */
	if (lstat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
		error = hh_error_set(HH_ENOTFOUND, "not a records tree (%s)",
		    S_ISLNK(st.st_mode) ? "a symbolic link" :
		    "no such directory");
		goto out;
	}
	if (create) {
		opts.flags = GIT_REPOSITORY_INIT_BARE |
		    GIT_REPOSITORY_INIT_NO_REINIT | GIT_REPOSITORY_INIT_MKPATH;
		opts.mode = 02770;
		opts.initial_head = "main";
		if (git_repository_init_ext(&s->repo, s->gitdir, &opts) < 0) {
			error = git_fail("init");
			goto out;
		}
	} else {
		if (lstat(s->gitdir, &st) < 0 || !S_ISDIR(st.st_mode)) {
			error = hh_error_set(HH_ENOTFOUND,
			    "not a records tree (no .git directory)");
			goto out;
		}
		if (git_repository_open_ext(&s->repo, s->gitdir,
		    GIT_REPOSITORY_OPEN_NO_SEARCH | GIT_REPOSITORY_OPEN_BARE,
		    NULL) < 0) {
			error = hh_error_set(HH_ENOTFOUND,
			    "not a records tree (.git is not a repository)");
			goto out;
		}
	}
	if ((error = branch_of_head(s)) < 0 ||
	    (error = hh_store_refresh(s)) < 0)
		goto out;
	hhdir = hh_xasprintf("%s/hh", s->gitdir);
	if (mkdir(hhdir, 02770) < 0 && errno != EEXIST) {
		error = hh_error_set(HH_ERROR, "%s: %s", hhdir,
		    strerror(errno));
		goto out;
	}
	if (group != NULL) {
		struct group *g = getgrnam(group);

		if (g == NULL) {
			error = hh_error_set(HH_EINVALID, "no such group %s",
			    group);
			goto out;
		}
		if (chown(dir, (uid_t)-1, g->gr_gid) < 0 ||
		    chmod(dir, 02770) < 0) {
			error = hh_error_set(HH_ERROR, "%s: %s", dir,
			    strerror(errno));
			goto out;
		}
	}
	*out = s;
	s = NULL;
	error = HH_OK;
out:
	free(hhdir);
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

int
hh_store_read(char **out, size_t *len_out, struct hh_store *s,
    const char *path)
{
	git_tree_entry *e = NULL;
	git_blob *b = NULL;
	size_t len;
	int error;

	*out = NULL;
	if (s->tree == NULL ||
	    (error = git_tree_entry_bypath(&e, s->tree, path)) == GIT_ENOTFOUND)
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
hh_store_list(char ***names_out, size_t *n_out, struct hh_store *s,
    const char *path)
{
	git_tree_entry *e = NULL;
	git_tree *t = NULL;
	char **names;
	size_t i, n;
	int error;

	*names_out = NULL;
	*n_out = 0;
	if (s->tree == NULL)
		return HH_OK;
	if (path == NULL || *path == '\0')
		t = s->tree;
	else {
		if ((error = git_tree_entry_bypath(&e, s->tree, path)) ==
		    GIT_ENOTFOUND)
			return HH_OK;
		if (error < 0)
			return git_fail(path);
		if (git_tree_entry_type(e) != GIT_OBJECT_TREE) {
			git_tree_entry_free(e);
			return HH_OK;
		}
		error = git_tree_lookup(&t, s->repo, git_tree_entry_id(e));
		git_tree_entry_free(e);
		if (error < 0)
			return git_fail(path);
	}
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

void
hh_strv_free(char **v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; v[i]; i++)
		free(v[i]);
	free(v);
}

/*
 * The tree `base` (NULL: empty) with `path` set to blob `id`, or removed
 * when id is NULL; only the trees along the path are rebuilt.
 */
static int
tree_put(git_oid *out, git_repository *repo, git_tree *base,
    const char *path, const git_oid *id, int *empty)
{
	git_treebuilder *bld = NULL;
	const git_tree_entry *e;
	git_tree *sub = NULL;
	const char *slash = strchr(path, '/');
	char *name;
	git_oid subid;
	int error = HH_ERROR, subempty = 0;

	name = slash ? strndup(path, (size_t)(slash - path)) : hh_xstrdup(path);
	if (git_treebuilder_new(&bld, repo, base) < 0) {
		error = git_fail("treebuilder");
		goto out;
	}
	e = git_treebuilder_get(bld, name);
	if (slash) {
		if (e != NULL && git_tree_entry_type(e) != GIT_OBJECT_TREE) {
			error = hh_error_set(HH_EINVALID,
			    "%s: not a directory in the records", name);
			goto out;
		}
		if (e != NULL && git_tree_lookup(&sub, repo,
		    git_tree_entry_id(e)) < 0) {
			error = git_fail(name);
			goto out;
		}
		if (sub == NULL && id == NULL) {
			error = HH_OK;	/* nothing to remove */
			goto done;
		}
		if ((error = tree_put(&subid, repo, sub, slash + 1, id,
		    &subempty)) < 0)
			goto out;
		if (subempty)
			error = git_treebuilder_remove(bld, name);
		else
			error = git_treebuilder_insert(NULL, bld, name, &subid,
			    GIT_FILEMODE_TREE);
	} else if (id != NULL)
		error = git_treebuilder_insert(NULL, bld, name, id,
		    GIT_FILEMODE_BLOB);
	else
		error = e ? git_treebuilder_remove(bld, name) : 0;
	if (error < 0) {
		error = git_fail(path);
		goto out;
	}
done:
	if (git_treebuilder_write(out, bld) < 0) {
		error = git_fail("tree");
		goto out;
	}
	*empty = git_treebuilder_entrycount(bld) == 0;
	error = HH_OK;
out:
	git_tree_free(sub);
	git_treebuilder_free(bld);
	free(name);
	return error;
}

/* mkdir -p for the folders of a file under the records tree, refusing to
 * pass through a symbolic link. */
static int
make_parents(const char *dir, const char *path)
{
	char *p = hh_xasprintf("%s/%s", dir, path);
	char *q = p + strlen(dir) + 1;
	struct stat st;
	int error = HH_OK;

	for (; (q = strchr(q, '/')) != NULL; q++) {
		*q = '\0';
		if (lstat(p, &st) == 0) {
			if (!S_ISDIR(st.st_mode)) {
				error = hh_error_set(HH_EINVALID,
				    "%s: not a directory (symbolic link?)", p);
				break;
			}
		} else if (mkdir(p, 02770) < 0 && errno != EEXIST) {
			error = hh_error_set(HH_ERROR, "%s: %s", p,
			    strerror(errno));
			break;
		}
		*q = '/';
	}
	free(p);
	return error;
}

static int
export_file(struct hh_store *s, const char *path, const char *data,
    size_t len)
{
	char *full;
	int error;

	if ((error = make_parents(s->dir, path)) < 0)
		return error;
	full = hh_xasprintf("%s/%s", s->dir, path);
	if (data == NULL) {
		error = unlink(full) < 0 && errno != ENOENT ?
		    hh_error_set(HH_ERROR, "%s: %s", full, strerror(errno)) :
		    HH_OK;
	} else
		error = hh_file_write(full, data, len, s->dosync);
	free(full);
	return error;
}

static int
write_marker(struct hh_store *s)
{
	char *path = hh_xasprintf("%s/hh/worktree", s->gitdir);
	char line[GIT_OID_HEXSZ + 2];
	int error;

	snprintf(line, sizeof(line), "%s\n", s->headhex);
	error = hh_file_write(path, line, strlen(line), s->dosync);
	free(path);
	return error;
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
	char *path = hh_xasprintf("%s/hh/worktree", s->gitdir);
	char *text = NULL;
	git_oid old;
	git_commit *c = NULL;
	git_tree *oldtree = NULL;
	git_diff *diff = NULL;
	int error = HH_OK;

	if (s->unborn)
		goto out;
	if (hh_file_read(&text, NULL, path) == HH_OK &&
	    strlen(text) >= GIT_OID_HEXSZ &&
	    (text[GIT_OID_HEXSZ] = '\0', git_oid_fromstr(&old, text) == 0)) {
		if (git_oid_equal(&old, &s->head))
			goto out;
		if (git_commit_lookup(&c, s->repo, &old) == 0)
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
	free(path);
	return error;
}

int
hh_store_lock(struct hh_store *s)
{
	char *path;
	int error;

	if (s->lockdepth++ > 0)
		return HH_OK;
	path = hh_xasprintf("%s/hh/lock", s->gitdir);
	s->lockfd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC,
	    0660);
	if (s->lockfd < 0) {
		error = hh_error_set(HH_ERROR, "%s: %s", path,
		    strerror(errno));
		free(path);
		s->lockdepth = 0;
		return error;
	}
	free(path);
	while (flock(s->lockfd, LOCK_EX) < 0) {
		if (errno != EINTR) {
			error = hh_error_set(HH_ERROR, "lock: %s",
			    strerror(errno));
			hh_store_unlock(s);
			return error;
		}
	}
	if ((error = hh_store_refresh(s)) < 0 ||
	    (error = sync_worktree(s)) < 0) {
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

	if ((error = hh_store_lock(s)) < 0)
		return error;
	hh_store_unlock(s);
	return HH_OK;
}

int
hh_store_commit(struct hh_store *s, const struct hh_file *files, size_t n,
    const struct hh_author *a, const char *msg)
{
	git_signature *author = NULL, *committer = NULL;
	git_reference *ref = NULL;
	git_commit *parent = NULL;
	git_tree *tree = NULL, *next = NULL;
	git_oid blob, treeid, commit, zero;
	const git_commit *parents[1];
	size_t i;
	int error = HH_ERROR, empty, rc;

	if (s->tree)
		git_tree_dup(&tree, s->tree);
	for (i = 0; i < n; i++) {
		if (files[i].data != NULL &&
		    git_blob_create_from_buffer(&blob, s->repo, files[i].data,
		    files[i].len) < 0) {
			error = git_fail(files[i].path);
			goto out;
		}
		if ((error = tree_put(&treeid, s->repo, tree, files[i].path,
		    files[i].data ? &blob : NULL, &empty)) < 0)
			goto out;
		if (git_tree_lookup(&next, s->repo, &treeid) < 0) {
			error = git_fail("tree");
			goto out;
		}
		git_tree_free(tree);
		tree = next;
		next = NULL;
	}
	if (tree == NULL || (s->tree &&
	    git_oid_equal(git_tree_id(tree), git_tree_id(s->tree)))) {
		error = hh_error_set(HH_EEXISTS, "nothing changed");
		goto out;
	}
	if (git_signature_new(&author, a->name, a->email, a->when, 420) < 0 ||
	    git_signature_new(&committer, a->name, a->email, hh_time_now(),
	    420) < 0) {
		error = git_fail("signature");
		goto out;
	}
	if (!s->unborn && git_commit_lookup(&parent, s->repo, &s->head) < 0) {
		error = git_fail("HEAD");
		goto out;
	}
	parents[0] = parent;
	if (git_commit_create(&commit, s->repo, NULL, author, committer,
	    "UTF-8", msg, tree, parent ? 1 : 0, parents) < 0) {
		error = git_fail("commit");
		goto out;
	}
	/* compare-and-swap: the branch moves only if it still is the
	 * snapshot we built on */
	memset(&zero, 0, sizeof(zero));
	rc = git_reference_create_matching(&ref, s->repo, s->branch, &commit,
	    !s->unborn, s->unborn ? &zero : &s->head, msg);
	if (rc == GIT_EMODIFIED || rc == GIT_EEXISTS || rc == GIT_ELOCKED) {
		error = hh_error_set(HH_ECONFLICT,
		    "the records changed while writing; try again");
		goto out;
	}
	if (rc < 0) {
		error = git_fail(s->branch);
		goto out;
	}
	git_oid_cpy(&s->head, &commit);
	git_oid_tostr(s->headhex, sizeof(s->headhex), &s->head);
	s->unborn = 0;
	git_tree_free(s->tree);
	s->tree = tree;
	tree = NULL;
	/*
	 * The commit is in: from here on the change has happened.  The files
	 * on disk follow; if that fails (or we die here), hh/worktree still
	 * names the old commit and the next hh_store_lock() redoes it.
	 */
	error = HH_OK;
	for (i = 0; i < n; i++)
		if (export_file(s, files[i].path, files[i].data,
		    files[i].len) < 0)
			goto out;
	write_marker(s);
out:
	git_reference_free(ref);
	git_commit_free(parent);
	git_signature_free(author);
	git_signature_free(committer);
	git_tree_free(next);
	git_tree_free(tree);
	return error;
}
