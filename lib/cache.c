/* cache.c - the summary cache of the on-time report */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "desk.h"

/*
 * The summary cache of the on-time report: every dossier of a commit
 * reduced to its struct hh_life_sum, in DIR/.git/hh/cache/report.  Derived and
 * disposable: it names the commit it was made at; the commits since are
 * walked (hh_store_walk_open) and the dossiers they changed re-read; if it is
 * missing, unreadable, damaged, not on the history or not trusted (not
 * the tree owner's, or writable by others: anyone else could have forged
 * it) it is made again by a scan, and saved if this process is the
 * tree's owner.  The counts come from the same hh_life_of_sum either way.  The
 * FNV hash finds damage, not forgery: that is what the owner and mode
 * are for.
 *
 * File: "HHRSUM01", the commit (48 bytes, NUL-padded), the sizes of the
 * string pool (a multiple of 8), of the dossiers and of the events
 * (uint64 each), the pool (NUL-terminated strings; offset 0 is ""), the
 * dossiers (struct crec, sorted by path: the order of a scan), the events
 * (struct cev), an FNV-1a hash of all before it.  Native byte order: the
 * cache never leaves the machine.  An event's action is a code of the
 * file's own (ev_code), not life.c's enum: the file stays what it was
 * when the enum grows.
 */
#define CACHE_MAGIC "HHRSUM02"	/* 02: the stop event */
#define CACHE_FILE "cache/report"	/* under DIR/.git/hh */
/* Some 185 bytes a dossier: over 5 million dossiers (the reference
 * centre receives some 10,000 a year). */
#define CACHE_MAX ((size_t)1 << 30)
#define NONE UINT32_MAX

struct crec {
	uint32_t path, field, dept, pcode, pname, channel;
	uint32_t first, nev;		/* nev NONE: dropped */
	int64_t due0;
	uint32_t events_ok, pad;
};
struct cev {
	int64_t at, due_at;
	uint32_t officer;		/* pool offset or NONE */
	unsigned char action, at_ok, due, pad;	/* action: EV_* */
};
/* The file's codes of the events' actions.  A delay is stored as another
 * action: the life reads neither. */
enum {
	EV_INTAKE,
	EV_ROUTE,
	EV_SUPPLEMENT,
	EV_SUPPLIED,
	EV_DONE,
	EV_RETURN,
	EV_WITHDRAW,
	EV_STOP,
	EV_OTHER,
};
static const unsigned char ev_code[] = {
	[HH_EVENT_INTAKE] = EV_INTAKE,
	[HH_EVENT_ROUTE] = EV_ROUTE,
	[HH_EVENT_SUPPLEMENT] = EV_SUPPLEMENT,
	[HH_EVENT_SUPPLIED] = EV_SUPPLIED,
	[HH_EVENT_DELAY] = EV_OTHER,
	[HH_EVENT_DONE] = EV_DONE,
	[HH_EVENT_RETURN] = EV_RETURN,
	[HH_EVENT_WITHDRAW] = EV_WITHDRAW,
	[HH_EVENT_STOP] = EV_STOP,
	[HH_EVENT_OTHER] = EV_OTHER,
};
static const unsigned char ev_event[] = {
	[EV_INTAKE] = HH_EVENT_INTAKE,
	[EV_ROUTE] = HH_EVENT_ROUTE,
	[EV_SUPPLEMENT] = HH_EVENT_SUPPLEMENT,
	[EV_SUPPLIED] = HH_EVENT_SUPPLIED,
	[EV_DONE] = HH_EVENT_DONE,
	[EV_RETURN] = HH_EVENT_RETURN,
	[EV_WITHDRAW] = HH_EVENT_WITHDRAW,
	[EV_STOP] = HH_EVENT_STOP,
	[EV_OTHER] = HH_EVENT_OTHER,
};
struct cache {
	struct hh_buf pool;
	uint32_t *strs;			/* open addressing: offset + 1 */
	size_t nstrs, capstrs;
	struct crec *recs;
	size_t nrecs, caprecs;
	struct cev *evs;
	size_t nevs, capevs;
	uint32_t *paths;		/* open addressing: rec index + 1 */
	size_t npaths, cappaths;
};

static uint64_t
fnv64(const char *p, size_t n)
{
	uint64_t h = 14695981039346656037ULL;

	while (n-- > 0)
		h = (h ^ (unsigned char)*p++) * 1099511628211ULL;
	return h;
}

static void
cache_free(struct cache *c)
{
	free(c->pool.s);
	free(c->strs);
	free(c->recs);
	free(c->evs);
	free(c->paths);
	memset(c, 0, sizeof(*c));
}

static void
strs_put(struct cache *c, uint32_t off)
{
	size_t i = hh_text_hash(c->pool.s + off) & (c->capstrs - 1);

	while (c->strs[i] != 0)
		i = (i + 1) & (c->capstrs - 1);
	c->strs[i] = off + 1;
	c->nstrs++;
}

static uint32_t
intern(struct cache *c, const char *s)
{
	size_t i, k, len;
	uint32_t off;

	if (*s == '\0')
		return 0;
	if (2 * (c->nstrs + 1) > c->capstrs) {
		uint32_t *old = c->strs;
		size_t oldcap = c->capstrs;

		c->capstrs = c->capstrs ? 2 * c->capstrs : 1024;
		c->strs = calloc(c->capstrs, sizeof(*c->strs));
		if (c->strs == NULL)
			abort();
		c->nstrs = 0;
		for (k = 0; k < oldcap; k++)
			if (old[k] != 0)
				strs_put(c, old[k] - 1);
		free(old);
	}
	for (i = hh_text_hash(s) & (c->capstrs - 1); c->strs[i] != 0;
	    i = (i + 1) & (c->capstrs - 1))
		if (strcmp(c->pool.s + c->strs[i] - 1, s) == 0)
			return c->strs[i] - 1;
	len = strlen(s);
	off = (uint32_t)c->pool.len;
	hh_table_put(&c->pool, s, len + 1);	/* with its NUL */
	c->strs[i] = off + 1;
	c->nstrs++;
	return off;
}

static size_t
path_slot(const struct cache *c, const char *path)
{
	size_t i;

	for (i = hh_text_hash(path) & (c->cappaths - 1); c->paths[i] != 0 &&
	    strcmp(c->pool.s + c->recs[c->paths[i] - 1].path, path) != 0;
	    i = (i + 1) & (c->cappaths - 1))
		;
	return i;
}

static void
paths_grow(struct cache *c)
{
	size_t k;

	if (2 * (c->npaths + 1) <= c->cappaths)
		return;
	free(c->paths);
	c->cappaths = c->cappaths ? 2 * c->cappaths : 1024;
	while (2 * (c->nrecs + 1) > c->cappaths)
		c->cappaths *= 2;
	c->paths = calloc(c->cappaths, sizeof(*c->paths));
	if (c->paths == NULL)
		abort();
	c->npaths = 0;
	for (k = 0; k < c->nrecs; k++)
		if (c->recs[k].nev != NONE) {
			c->paths[path_slot(c, c->pool.s + c->recs[k].path)] =
			    (uint32_t)k + 1;
			c->npaths++;
		}
}

/* Drop the dossier at path, if any. */
static void
cache_drop(struct cache *c, const char *path)
{
	size_t i;

	paths_grow(c);
	i = path_slot(c, path);
	if (c->paths[i] != 0)
		c->recs[c->paths[i] - 1].nev = NONE;
	/* the slot stays: paths_grow rebuilds from the live records */
}

static int
cache_put(void *arg, const char *path, const cJSON *dos)
{
	struct cache *c = arg;
	const struct hh_life_ev *ev;
	struct hh_life_sum d;
	struct crec *r;
	struct cev *e;
	size_t i, slot;

	if (dos == NULL) {	/* removed (hh_scan_blobs) */
		cache_drop(c, path);
		return 0;
	}
	hh_life_summarize(&d, dos);
	ev = d.ev;
	paths_grow(c);
	slot = path_slot(c, path);
	if (c->paths[slot] != 0)
		c->recs[c->paths[slot] - 1].nev = NONE;
	else
		c->npaths++;
	if (c->nrecs == c->caprecs) {
		c->caprecs = c->caprecs ? 2 * c->caprecs : 1024;
		c->recs = hh_xrealloc(c->recs, c->caprecs * sizeof(*c->recs));
	}
	while (c->nevs + d.nev > c->capevs) {
		c->capevs = c->capevs ? 2 * c->capevs : 4096;
		c->evs = hh_xrealloc(c->evs, c->capevs * sizeof(*c->evs));
	}
	r = &c->recs[c->nrecs];
	memset(r, 0, sizeof(*r));
	r->path = intern(c, path);
	r->field = intern(c, d.field);
	r->dept = intern(c, d.dept);
	r->pcode = intern(c, d.pcode);
	r->pname = intern(c, d.pname);
	r->channel = intern(c, d.channel);
	r->due0 = d.due0;
	r->events_ok = (uint32_t)d.events_ok;
	r->first = (uint32_t)c->nevs;
	r->nev = (uint32_t)d.nev;
	for (i = 0; i < d.nev; i++) {
		e = &c->evs[c->nevs++];
		memset(e, 0, sizeof(*e));
		e->at = ev[i].at;
		e->due_at = ev[i].due_at;
		e->officer = ev[i].officer ? intern(c, ev[i].officer) : NONE;
		e->action = ev_code[ev[i].event];
		e->at_ok = ev[i].at_ok;
		e->due = ev[i].due;
	}
	c->paths[slot] = (uint32_t)c->nrecs + 1;
	c->nrecs++;
	hh_life_release(&d);
	return 0;
}

/* The report from the summaries (sorted by path, as a scan reads). */
static int
cache_count(struct hh_report *r, const char *pool, const struct crec *recs,
    size_t nrecs, const struct cev *evs)
{
	struct hh_life_ev *ev = NULL;
	struct hh_life_sum d;
	size_t i, k, cap = 0;
	int y, m, dd, last, error = HH_OK;

	hh_time_civil(r->to, &y, &m, &dd);
	last = y * 12 + m;
	for (i = 0; i < nrecs && error >= 0; i++) {
		const struct crec *c = &recs[i];

		if (c->nev == NONE || hh_scan_month(pool + c->path) > last)
			continue;
		if (c->nev > cap) {
			cap = c->nev + 16;
			ev = hh_xrealloc(ev, cap * sizeof(*ev));
		}
		d.field = pool + c->field;
		d.dept = pool + c->dept;
		d.pcode = pool + c->pcode;
		d.pname = pool + c->pname;
		d.channel = pool + c->channel;
		d.due0 = c->due0;
		d.events_ok = (int)c->events_ok;
		d.ev = ev;
		d.nev = c->nev;
		for (k = 0; k < c->nev; k++) {
			const struct cev *e = &evs[c->first + k];

			ev[k].at = e->at;
			ev[k].due_at = e->due_at;
			ev[k].officer = e->officer == NONE ? NULL :
			    pool + e->officer;
			ev[k].event = e->action < EV_OTHER ?
			    ev_event[e->action] : HH_EVENT_OTHER;
			ev[k].at_ok = e->at_ok;
			ev[k].due = e->due;
		}
		if ((error = hh_report_add_sum(r, &d)) < 0)
			hh_error_prefix(error, "%s", pool + c->path);
	}
	free(ev);
	return error < 0 ? error : HH_OK;
}

/* A loaded file: its parts, checked. */
struct cfile {
	char *text;
	char commit[HH_OID_MAX];
	const char *pool;
	size_t poollen, nrecs, nevs;
	const struct crec *recs;
	const struct cev *evs;
};

/* The file if it is there and trusted (hh_store_private_read: a regular
 * file of the tree's owner that no one else may write), whole and
 * well-formed; -1 if not (it is made again). */
static int
cache_load(struct cfile *f, struct hh_store *s)
{
	uint64_t hdr[3], sum;
	size_t len, at, i, k;
	const struct crec *c;

	memset(f, 0, sizeof(*f));
	if (hh_store_private_read(&f->text, &len, s, CACHE_FILE,
	    CACHE_MAX) < 0)
		return -1;
	at = 8 + 48 + sizeof(hdr);
	if (len < at + 8 || memcmp(f->text, CACHE_MAGIC, 8) != 0)
		goto bad;
	memcpy(hdr, f->text + 56, sizeof(hdr));
	if (hdr[0] % 8 != 0 || hdr[0] == 0 || hdr[1] > len || hdr[2] > len ||
	    at + hdr[0] + hdr[1] * sizeof(struct crec) + hdr[2] *
	    sizeof(struct cev) + 8 != len)
		goto bad;
	memcpy(&sum, f->text + len - 8, 8);
	if (sum != fnv64(f->text, len - 8))
		goto bad;
	memcpy(f->commit, f->text + 8, HH_OID_MAX - 1);
	f->commit[HH_OID_MAX - 1] = '\0';
	f->poollen = hdr[0];
	f->nrecs = hdr[1];
	f->nevs = hdr[2];
	f->pool = f->text + at;
	f->recs = (const struct crec *)(const void *)(f->pool + f->poollen);
	f->evs = (const struct cev *)(const void *)(f->recs + f->nrecs);
	if (f->pool[f->poollen - 1] != '\0' && f->pool[0] != '\0')
		goto bad;
	for (i = 0; i < f->nrecs; i++) {
		c = &f->recs[i];
		if (c->path >= f->poollen || c->field >= f->poollen ||
		    c->dept >= f->poollen || c->pcode >= f->poollen ||
		    c->pname >= f->poollen || c->channel >= f->poollen ||
		    c->nev == NONE || c->first > f->nevs ||
		    c->nev > f->nevs - c->first)
			goto bad;
		for (k = 0; k < c->nev; k++)
			if (f->evs[c->first + k].officer != NONE &&
			    f->evs[c->first + k].officer >= f->poollen)
				goto bad;
	}
	return 0;
bad:
	free(f->text);
	f->text = NULL;
	return -1;
}

static const struct cache *sort_cache;

static int
rec_cmp(const void *a, const void *b)
{
	const struct crec *x = a, *y = b;

	return strcmp(sort_cache->pool.s + x->path,
	    sort_cache->pool.s + y->path);
}

/* Sort the live records by path and write the file (atomically; not
 * synced: a cache lost in a crash is made again).  Only the tree's owner
 * writes it (hh_store_private_write): for anyone else nothing is
 * written, and the report is counted from memory. */
static int
cache_save(struct cache *c, struct hh_store *s, const char *commit)
{
	struct hh_buf out = { NULL, 0, 0 };
	struct crec *live, r;
	uint64_t hdr[3], sum;
	char head[48];
	size_t i, k, n = 0, nev = 0;
	int error;

	live = hh_xmalloc((c->nrecs + 1) * sizeof(*live));
	for (i = 0; i < c->nrecs; i++)
		if (c->recs[i].nev != NONE) {
			live[n++] = c->recs[i];
			nev += c->recs[i].nev;
		}
	sort_cache = c;
	if (n > 1)
		qsort(live, n, sizeof(*live), rec_cmp);
	while (c->pool.len % 8 != 0)
		hh_table_put(&c->pool, "", 1);
	memset(head, 0, sizeof(head));
	memcpy(head, commit, strlen(commit) < 48 ? strlen(commit) : 47);
	hdr[0] = c->pool.len;
	hdr[1] = n;
	hdr[2] = nev;
	hh_table_put(&out, CACHE_MAGIC, 8);
	hh_table_put(&out, head, sizeof(head));
	hh_table_put(&out, (const char *)hdr, sizeof(hdr));
	hh_table_put(&out, c->pool.s, c->pool.len);
	for (i = 0, k = 0; i < n; i++) {
		r = live[i];
		r.first = (uint32_t)k;
		k += r.nev;
		hh_table_put(&out, (const char *)&r, sizeof(r));
	}
	for (i = 0; i < n; i++)
		hh_table_put(&out, (const char *)&c->evs[live[i].first],
		    live[i].nev * sizeof(struct cev));
	sum = fnv64(out.s, out.len);
	hh_table_put(&out, (const char *)&sum, sizeof(sum));
	error = out.len > CACHE_MAX ? HH_EINVALID :
	    hh_store_private_write(s, CACHE_FILE, out.s, out.len);
	/* the caller counts from the sorted records */
	free(c->recs);
	c->recs = live;
	c->nrecs = c->caprecs = n;
	free(out.s);
	return error;
}

static int
cache_report(struct hh_report *r, struct cache *c)
{
	return cache_count(r, c->pool.s, c->recs, c->nrecs, c->evs);
}

/* The loaded file as a builder (to apply changes to). */
static void
cache_adopt(struct cache *c, const struct cfile *f)
{
	size_t i;

	memset(c, 0, sizeof(*c));
	hh_table_put(&c->pool, f->pool, f->poollen);
	c->recs = hh_xmalloc((f->nrecs + 1) * sizeof(*c->recs));
	memcpy(c->recs, f->recs, f->nrecs * sizeof(*c->recs));
	c->nrecs = c->caprecs = f->nrecs;
	c->evs = hh_xmalloc((f->nevs + 1) * sizeof(*c->evs));
	memcpy(c->evs, f->evs, f->nevs * sizeof(*c->evs));
	c->nevs = c->capevs = f->nevs;
	/* re-intern the pool's strings */
	c->capstrs = 1024;
	while (c->capstrs < 2 * (f->nrecs + 64))
		c->capstrs *= 2;
	c->strs = calloc(c->capstrs, sizeof(*c->strs));
	if (c->strs == NULL)
		abort();
	for (i = 1; i < f->poollen; i += strlen(f->pool + i) + 1)
		if (f->pool[i] != '\0')
			strs_put(c, (uint32_t)i);
	paths_grow(c);
}

static int
path_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Apply the dossiers changed since the cache's commit, read from the
 * snapshot (the records, not the files on disk); -1 if the cache cannot
 * be brought up (make it again). */
static int
cache_update(struct cache *c, struct hh_store *s, const char *since)
{
	struct hh_walk *w = NULL;
	const struct hh_commit *cm;
	char **v = NULL;
	size_t n = 0, cap = 0, i, o;
	int rc = 0;

	if (hh_store_walk_open(&w, s, since) < 0)
		return -1;
	while (hh_store_walk_next(&cm, w) == 1) {
		if (cm->error != NULL) {
			rc = -1;
			goto out;
		}
		for (i = 0; i < cm->nchanges; i++) {
			if (hh_scan_month(cm->changes[i].path) < 0)
				continue;
			if (n == cap) {
				cap = cap ? 2 * cap : 64;
				v = hh_xrealloc(v, cap * sizeof(*v));
			}
			v[n++] = hh_xstrdup(cm->changes[i].path);
		}
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), path_cmp);
	for (i = 0, o = 0; i < n; i++) {
		if (o > 0 && strcmp(v[i], v[o - 1]) == 0)
			free(v[i]);
		else
			v[o++] = v[i];
	}
	n = o;
	/* a dossier the cache cannot hold: a scan reports it */
	if (hh_scan_blobs(s, (const char *const *)v, n, cache_put, c) < 0)
		rc = -1;
out:
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
	hh_store_walk_free(w);
	return rc;
}

static int
report_one(void *arg, const cJSON *dos)
{
	return hh_report_add(arg, dos);
}

int
hh_cache_report(struct hh_report *r, struct hh_store *s)
{
	const char *head = hh_store_head(s);
	struct cfile f;
	struct cache c;
	int error, ok = 0;

	memset(&c, 0, sizeof(c));
	if (*head == '\0')
		return HH_OK;	/* no commit, no dossier */
	if (cache_load(&f, s) == 0) {
		if (strcmp(f.commit, head) == 0) {
			/* the fast path: nothing changed */
			error = cache_count(r, f.pool, f.recs, f.nrecs, f.evs);
			free(f.text);
			return error;
		}
		cache_adopt(&c, &f);
		ok = cache_update(&c, s, f.commit) == 0;
		free(f.text);
		if (!ok)
			cache_free(&c);
	}
	if (!ok && hh_scan_paths(s, INT_MIN, INT_MAX, cache_put, &c) < 0) {
		/* a file a cache cannot hold: the scan says what is wrong
		 * (if the period reads it at all) */
		cache_free(&c);
		return hh_scan_dossiers(s, INT_MIN, r->to, report_one, r);
	}
	cache_save(&c, s, head);	/* a cache not saved is made again */
	error = cache_report(r, &c);
	cache_free(&c);
	return error;
}
