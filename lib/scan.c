/* scan.c - the dossiers of the snapshot, read fast and never trusted on disk */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "desk.h"

/*
 * The scan: the dossiers of the snapshot under dossiers/YYYY/MM/.  Its
 * trees say which dossiers there are and name each one's content (a blob
 * id); the file on disk is read instead of the blob when it is a regular
 * file of at most HH_DOSSIER_MAX bytes that hashes to that id, which the
 * writers keep it, else the blob is read from git.  Nothing on disk is
 * trusted: a file edited, removed or replaced (by a link, a FIFO, a huge
 * file) without a commit reads as the records say, and a file the
 * snapshot does not have is not read at all.
 */
/* n digits exactly, as a number. */
static int
num_name(const char *s, int n)
{
	return strlen(s) == (size_t)n ? hh_text_digits(s, n) : -1;
}

/* A dossier file's name as a scan takes it: NAME.json, no dot file. */
static int
json_name(const char *s)
{
	size_t len = strlen(s);

	return s[0] != '.' && len >= 6 && strcmp(s + len - 5, ".json") == 0;
}

/* Folder name of folder fd, never through a symbolic link; -1 if there
 * is none (fd -1 too): the blobs are read then. */
static int
open_sub(int fd, const char *name)
{
	if (fd < 0)
		return -1;
	return openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
}

/*
 * File name of folder dfd into b: 1 if it is a regular file of at most
 * HH_DOSSIER_MAX bytes whose git blob id is id, else 0 (b is then
 * garbage).  Opened without following a link and without waiting (a
 * FIFO opens at once and is no regular file); its size is known before
 * it is read, and a file that grows meanwhile does not match.
 */
static int
disk_read(struct hh_buf *b, struct hh_store *s, int dfd, const char *name,
    const char *id)
{
	char got[HH_OID_MAX];
	struct stat st;
	size_t want;
	ssize_t r = 0;
	int fd, ok = 0;

	if (dfd < 0 || (fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW |
	    O_NONBLOCK | O_CLOEXEC)) < 0)
		return 0;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size < 0 ||
	    st.st_size > HH_DOSSIER_MAX)
		goto out;
	want = (size_t)st.st_size + 1;	/* one more: the end is seen */
	if (b->cap < want + 1) {
		b->cap = want + 1 < 65536 ? 65536 : want + 1;
		b->s = hh_xrealloc(b->s, b->cap);
	}
	b->len = 0;
	while (b->len < want) {
		if ((r = read(fd, b->s + b->len, want - b->len)) < 0 &&
		    errno == EINTR)
			continue;
		if (r <= 0)
			break;
		b->len += (size_t)r;
	}
	if (r < 0 || b->len != (size_t)st.st_size)
		goto out;
	b->s[b->len] = '\0';
	hh_store_hash(got, s, b->s, b->len);
	ok = strcmp(got, id) == 0;
out:
	close(fd);
	return ok;
}

/*
 * cJSON allocates every node and string with malloc; a dossier is some
 * 60 of them.  While a file is parsed its allocations come from an arena
 * that is emptied for the next file (the tree is never freed node by
 * node), which halves the parse.  The hooks are cJSON's, global: they
 * are set around hh_json_parse only.
 */
static struct hh_buf arena;

static void *
arena_alloc(size_t n)
{
	size_t at = (arena.len + 15) & ~(size_t)15;

	if (at + n > arena.cap)
		return NULL;	/* cJSON fails cleanly; retried bigger */
	arena.len = at + n;
	return arena.s + at;
}

static void
arena_free(void *p)
{
	(void)p;
}

static cJSON *
parse_arena(const char *text, size_t len)
{
	cJSON_Hooks hooks = { arena_alloc, arena_free };
	cJSON *dos;

	for (;;) {
		if (arena.cap < 16 * len + 65536) {
			arena.cap = 16 * len + 65536;
			arena.s = hh_xrealloc(arena.s, arena.cap);
		}
		arena.len = 0;
		cJSON_InitHooks(&hooks);
		dos = hh_json_parse(text, len);
		cJSON_InitHooks(NULL);
		if (dos != NULL || arena.len + 4096 < arena.cap)
			return dos;	/* parsed, or not JSON */
		arena.cap *= 2;	/* out of arena: again, bigger */
		arena.s = hh_xrealloc(arena.s, arena.cap);
	}
}

static void
arena_release(void)
{
	free(arena.s);
	arena.s = NULL;
	arena.len = arena.cap = 0;
}

/*
 * A month folder's files, read and checked against their blob ids by a
 * second thread while the month before is parsed: the reads and the
 * hashing, half of a scan, overlap the parsing (the machine has two
 * cores; libgit2 and cJSON are used by the scan's own thread alone).
 */
struct month {
	struct hh_store *s;
	char *dir;			/* "dossiers/YYYY/MM" */
	int fd;				/* that folder on disk, or -1 */
	struct hh_entry *files;
	size_t nf;
	struct hh_buf buf;		/* the files read, each NUL-ended */
	size_t *off;			/* file k at buf.s + off[k] (NOPE:
					 * read from git) */
	size_t *len;
	pthread_t th;
	int running;
};
#define NOPE SIZE_MAX

static void *
month_read(void *arg)
{
	struct month *m = arg;
	struct hh_buf one = { NULL, 0, 0 };
	size_t k;

	m->buf.len = 0;
	for (k = 0; k < m->nf; k++) {
		m->off[k] = NOPE;
		if (m->files[k].is_tree || !json_name(m->files[k].name) ||
		    !disk_read(&one, m->s, m->fd, m->files[k].name,
		    m->files[k].id))
			continue;
		m->off[k] = m->buf.len;
		m->len[k] = one.len;
		hh_table_put(&m->buf, one.s, one.len + 1);
	}
	free(one.s);
	return NULL;
}

/* Month m read: its thread done. */
static void
month_wait(struct month *m)
{
	if (m->running)
		pthread_join(m->th, NULL);
	m->running = 0;
}

static void
month_clear(struct month *m)
{
	month_wait(m);
	if (m->fd >= 0)
		close(m->fd);
	m->fd = -1;
	hh_store_entries_free(m->files, m->nf);
	m->files = NULL;
	m->nf = 0;
	free(m->dir);
	m->dir = NULL;
}

/* Month folder dir (on disk: fd, or -1) listed and its reading begun. */
static int
month_start(struct month *m, const char *dir, int fd)
{
	int error;

	month_clear(m);
	m->dir = hh_xstrdup(dir);
	m->fd = fd;
	if ((error = hh_store_entries(&m->files, &m->nf, m->s, dir)) < 0)
		return error;
	m->off = hh_xrealloc(m->off, (m->nf + 1) * sizeof(*m->off));
	m->len = hh_xrealloc(m->len, (m->nf + 1) * sizeof(*m->len));
	if (pthread_create(&m->th, NULL, month_read, m) == 0)
		m->running = 1;
	else
		month_read(m);	/* no thread: here */
	return HH_OK;
}

/* Month m's dossiers, in order, to fn (the blobs read from git for the
 * files not HEAD's on disk). */
static int
month_scan(struct month *m, int (*fn)(void *, const char *, const cJSON *),
    void *arg)
{
	char *path = NULL, *text = NULL;
	const char *data;
	size_t k, len;
	cJSON *dos;
	int error = HH_OK;

	month_wait(m);
	for (k = 0; k < m->nf && error >= 0; k++) {
		if (m->files[k].is_tree || !json_name(m->files[k].name))
			continue;
		path = hh_xasprintf("%s/%s", m->dir, m->files[k].name);
		if (m->off[k] != NOPE) {
			data = m->buf.s + m->off[k];
			len = m->len[k];
		} else if ((error = hh_store_read(&text, &len, m->s,
		    path)) < 0)
			break;	/* the store's message names the path */
		else
			data = text;
		if (len > HH_DOSSIER_MAX)
			error = hh_error_prefix(hh_error_set(HH_EINVALID, "%zu "
			    "bytes, more than a dossier may hold (%d MiB)", len,
			    HH_DOSSIER_MAX >> 20), "%s", path);
		else if ((dos = parse_arena(data, len)) == NULL ||
		    !cJSON_IsObject(dos))
			error = hh_error_prefix(hh_error_set(HH_EINVALID,
			    "not a JSON object"), "%s", path);
		else if ((error = fn(arg, path, dos)) < 0)	/* in the arena */
			error = hh_error_prefix(error, "%s", path);
		free(text);
		text = NULL;
		free(path);
		path = NULL;
	}
	free(path);
	return error < 0 ? error : HH_OK;
}

int
hh_scan_paths(struct hh_store *s, int from, int to,
    int (*fn)(void *arg, const char *path, const cJSON *dossier), void *arg)
{
	struct hh_entry *years = NULL, *mons = NULL;
	struct month mm[2];
	size_t ny = 0, nm = 0, i, j, at = 0;
	char *path = NULL;
	int error, y, m, fy, fm, dd, ty, tm, rootfd, dfd, yfd = -1;

	memset(mm, 0, sizeof(mm));
	mm[0].s = mm[1].s = s;
	mm[0].fd = mm[1].fd = -1;
	hh_time_civil(from == INT_MIN ? 0 : from, &fy, &fm, &dd);
	if (from == INT_MIN)
		fy = 0;
	hh_time_civil(to == INT_MAX ? 0 : to, &ty, &tm, &dd);
	if (to == INT_MAX)
		ty = 10000;
	if ((error = hh_store_entries(&years, &ny, s, "dossiers")) < 0)
		return error;
	rootfd = open(hh_store_dir(s), O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	dfd = open_sub(rootfd, "dossiers");
	/* each month is read ahead while the one before it is parsed */
	for (i = 0; i < ny; i++) {
		if (!years[i].is_tree || (y = num_name(years[i].name, 4)) < 0 ||
		    y < fy || y > ty)
			continue;
		path = hh_xasprintf("dossiers/%s", years[i].name);
		error = hh_store_entries(&mons, &nm, s, path);
		free(path);
		path = NULL;
		if (error < 0)
			goto out;
		yfd = open_sub(dfd, years[i].name);
		for (j = 0; j < nm; j++) {
			if (!mons[j].is_tree ||
			    (m = num_name(mons[j].name, 2)) < 1 || m > 12 ||
			    y * 12 + m < fy * 12 + fm ||
			    y * 12 + m > ty * 12 + tm)
				continue;
			path = hh_xasprintf("dossiers/%s/%s", years[i].name,
			    mons[j].name);
			/* one reading thread at a time (the store's hash) */
			if (at > 0)
				month_wait(&mm[(at - 1) % 2]);
			error = month_start(&mm[at % 2], path,
			    open_sub(yfd, mons[j].name));
			free(path);
			path = NULL;
			if (error < 0)
				goto out;
			if (at > 0 && (error = month_scan(&mm[(at - 1) % 2],
			    fn, arg)) < 0)
				goto out;
			at++;
		}
		if (yfd >= 0)
			close(yfd);
		yfd = -1;
		hh_store_entries_free(mons, nm);
		mons = NULL;
		nm = 0;
	}
	error = at > 0 ? month_scan(&mm[(at - 1) % 2], fn, arg) : HH_OK;
out:
	for (i = 0; i < 2; i++) {
		month_clear(&mm[i]);
		free(mm[i].buf.s);
		free(mm[i].off);
		free(mm[i].len);
	}
	if (yfd >= 0)
		close(yfd);
	if (dfd >= 0)
		close(dfd);
	if (rootfd >= 0)
		close(rootfd);
	free(path);
	arena_release();
	hh_store_entries_free(mons, nm);
	hh_store_entries_free(years, ny);
	return error;
}


struct plain {
	int (*fn)(void *arg, const cJSON *dossier);
	void *arg;
};

static int
plain_one(void *arg, const char *path, const cJSON *dos)
{
	struct plain *p = arg;

	(void)path;
	return p->fn(p->arg, dos);
}

int
hh_scan_dossiers(struct hh_store *s, int from, int to,
    int (*fn)(void *arg, const cJSON *dossier), void *arg)
{
	struct plain p = { fn, arg };

	return hh_scan_paths(s, from, to, plain_one, &p);
}

int
hh_scan_blobs(struct hh_store *s, const char *const *paths, size_t n,
    int (*fn)(void *arg, const char *path, const cJSON *dossier), void *arg)
{
	char *text = NULL;
	size_t i, len;
	cJSON *dos;
	int error = HH_OK;

	for (i = 0; i < n && error >= 0; i++) {
		error = hh_store_read(&text, &len, s, paths[i]);
		if (error == HH_ENOTFOUND) {
			error = fn(arg, paths[i], NULL);	/* removed */
			continue;
		}
		if (error < 0)
			break;	/* the store's message names the path */
		if (len > HH_DOSSIER_MAX)
			error = hh_error_prefix(hh_error_set(HH_EINVALID, "%zu "
			    "bytes, more than a dossier may hold (%d MiB)", len,
			    HH_DOSSIER_MAX >> 20), "%s", paths[i]);
		else if ((dos = parse_arena(text, len)) == NULL ||
		    !cJSON_IsObject(dos))
			error = hh_error_prefix(hh_error_set(HH_EINVALID,
			    "not a JSON object"), "%s", paths[i]);
		else
			error = fn(arg, paths[i], dos);	/* in the arena */
		free(text);
		text = NULL;
	}
	arena_release();
	return error < 0 ? error : HH_OK;
}

int
hh_scan_month(const char *p)
{
	size_t n = strlen(p);
	int y, m;

	if (n < 23 || strncmp(p, "dossiers/", 9) != 0 || p[13] != '/' ||
	    p[16] != '/' || p[17] == '.' || strchr(p + 17, '/') != NULL ||
	    strcmp(p + n - 5, ".json") != 0 || (y = hh_text_digits(p + 9,
	    4)) < 0 || (m = hh_text_digits(p + 14, 2)) < 1 || m > 12)
		return -1;
	return y * 12 + m;
}
