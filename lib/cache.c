/* cache.c - the summary store of the on-time report */
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "desk.h"

/*
 * The summary store of the on-time report, DIR/.git/hh/cache/report: every
 * dossier of a commit as one fixed-size record, mapped, not read.  Derived
 * and disposable: it names the commit it was made at.  The dossiers that
 * differ between that commit and HEAD (hh_store_changed: HEAD must have it
 * on its first-parent history) are re-read from git into a delta,
 * DIR/.git/hh/cache/report-delta: the same format (magic HHRSUMD3), its
 * records those dossiers (a removed one as a record of kind K_GONE),
 * naming HEAD and the hash of the store it applies to; a report merges
 * the two by path as it counts, and the delta is merged into the store
 * once it holds more than a 64th of it.  If the store is missing,
 * damaged, not on the history or not trusted (not the tree owner's, or
 * writable by others: anyone else could have forged it) it is made again
 * by a scan, and saved if this process is the tree's owner; a delta of
 * another store is not read.  The counts are hh_life_of_sum's either way:
 * a record keeps what the life is once the dossier is closed (it does not
 * change after), and the events before the closing for a report that ends
 * while it is open.  The hashes find damage, not forgery: that is what the
 * owner and mode are for.
 *
 * File (native byte order: it never leaves the machine), every part a
 * multiple of 8 bytes:
 *   header, 128 bytes: "HHRSUM03", the commit (48 bytes, NUL-padded), the
 *     numbers of records and of events, the sizes of the strings and of
 *     the paths (uint64 each), the hashes of the events and of the paths,
 *     24 bytes of zeros;
 *   the records (struct srec, 64 bytes, sorted by path: a scan's order);
 *   the strings (the procedures' fields, departments, codes and names,
 *     channels, officers: NUL-terminated, offset 0 is "", padded to a
 *     multiple of 32 with NULs);
 *   the hash of all the above (8 bytes): checked on every read;
 *   the events (struct sev, 24 bytes): a record's are hashed into it
 *     (evsum), checked when the report reads them;
 *   the paths (NUL-terminated, padded to a multiple of 32): checked
 *     (the header's hash) when an update or an error reads them.
 * The hash (hash4) is FNV-1a over 64-bit words in four lanes, the lanes
 * then FNV-1a'd bytewise: a flipped, moved or swapped word changes it.
 * An event's action is a code of the file's own (ev_code), not life.c's
 * enum: the file stays what it was when the enum grows.
 */
#define STORE_MAGIC "HHRSUM03"	/* 03: fixed-size records, mapped */
#define STORE_FILE "cache/report"	/* under DIR/.git/hh */
#define DELTA_MAGIC "HHRSUMD3"	/* the changes since the base */
#define DELTA_FILE "cache/report-delta"
#define STORE_MAX ((size_t)1 << 34)
#define HDR 128
#define NONE UINT32_MAX
#define FNV_BASIS 14695981039346656037ULL
#define FNV_PRIME 1099511628211ULL

/* A record's kinds: regular (events in time order from an intake, every
 * instant and due a time), open at its last event or closed by a
 * resolution, withdrawal or stop; else raw (every event kept, the life
 * computed each time, errors and all). */
enum { K_OPEN, K_RESOLVED, K_WITHDRAWN, K_STOPPED, K_RAW, K_GONE, K_NKINDS };

struct srec {
	uint32_t path;			/* in the paths */
	uint32_t field, dept, pcode, pname, channel;	/* in the strings */
	uint32_t officer;		/* closed: routed to last; or NONE */
	int32_t month;			/* the path's, y * 12 + m */
	int64_t received;		/* the intake (regular) */
	int64_t closed;			/* closed: when; raw: the due_at */
	uint32_t first, nev;		/* its events */
	uint32_t evsum;			/* their hash */
	unsigned char kind, class;	/* raw: class is events_ok */
	unsigned char pad[2];
};
struct sev {
	int64_t at, due_at;
	uint32_t officer;		/* in the strings, or NONE */
	unsigned char action, at_ok, due, pad;	/* action: EV_* */
};
/* The file's codes of the events' actions.  A delay and an amend are
 * stored as another action: the life reads none of them. */
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
	[HH_EVENT_AMEND] = EV_OTHER,
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

/* The header's words after the commit. */
enum { H_NREC, H_NEV, H_NSTR, H_NPATH, H_EVHASH, H_PATHHASH, H_BASESUM,
    H_NWORDS };

/* A store read (mapped) or made (in memory): its parts. */
struct sview {
	const char *base;
	size_t len;
	char commit[HH_OID_MAX];
	const struct srec *recs;
	size_t nrec;
	const char *str;
	size_t nstr;
	const struct sev *evs;
	size_t nev;
	const char *paths;
	size_t npath;
	uint64_t sum, evhash, pathhash;	/* the hashes it says */
	uint64_t basesum;		/* a delta's: its base's sum */
	int paths_ok;			/* their hash checked */
};

/* The records being made: by a scan, or for the dossiers changed. */
struct build {
	struct hh_buf str, paths;
	uint32_t *strs;			/* open addressing: offset + 1 */
	size_t nstrs, capstrs;
	struct srec *recs;
	size_t nrec, caprec;
	struct sev *evs;
	size_t nev, capev;
};

static uint64_t
fnv_bytes(uint64_t h, const unsigned char *p, size_t n)
{
	while (n-- > 0)
		h = (h ^ *p++) * FNV_PRIME;
	return h;
}

/* The four lanes: word k goes to lane k % 4. */
struct h4 {
	uint64_t h[4];
};

static void
h4_init(struct h4 *x)
{
	x->h[0] = x->h[1] = x->h[2] = x->h[3] = FNV_BASIS;
}

/* n a multiple of 8; what came before a multiple of 32. */
static void
h4_add(struct h4 *x, const void *data, size_t n)
{
	const unsigned char *p = data;
	uint64_t w0, w1, w2, w3, h0 = x->h[0], h1 = x->h[1], h2 = x->h[2];
	uint64_t h3 = x->h[3];
	size_t i;

	for (i = 0; i + 32 <= n; i += 32) {
		memcpy(&w0, p + i, 8);
		memcpy(&w1, p + i + 8, 8);
		memcpy(&w2, p + i + 16, 8);
		memcpy(&w3, p + i + 24, 8);
		h0 = (h0 ^ w0) * FNV_PRIME;
		h1 = (h1 ^ w1) * FNV_PRIME;
		h2 = (h2 ^ w2) * FNV_PRIME;
		h3 = (h3 ^ w3) * FNV_PRIME;
	}
	x->h[0] = h0;
	x->h[1] = h1;
	x->h[2] = h2;
	x->h[3] = h3;
	for (w1 = 0; i + 8 <= n; i += 8, w1++) {
		memcpy(&w0, p + i, 8);
		x->h[w1] = (x->h[w1] ^ w0) * FNV_PRIME;
	}
}

static uint64_t
h4_end(const struct h4 *x)
{
	return fnv_bytes(FNV_BASIS, (const unsigned char *)x->h, sizeof(x->h));
}

static uint64_t
hash4(const void *data, size_t n)
{
	struct h4 x;

	h4_init(&x);
	h4_add(&x, data, n);
	return h4_end(&x);
}

/* The hash of a record's events (FNV-1a over their words). */
static uint32_t
evsum(const struct sev *e, size_t n)
{
	const unsigned char *p = (const unsigned char *)e;
	uint64_t h = FNV_BASIS, w;
	size_t i;

	for (i = 0; i < n * sizeof(*e); i += 8) {
		memcpy(&w, p + i, 8);
		h = (h ^ w) * FNV_PRIME;
	}
	return (uint32_t)(h ^ (h >> 32));
}

static void
build_free(struct build *b)
{
	free(b->str.s);
	free(b->paths.s);
	free(b->strs);
	free(b->recs);
	free(b->evs);
	memset(b, 0, sizeof(*b));
}

static void
strs_put(struct build *b, uint32_t off)
{
	size_t i = hh_text_hash(b->str.s + off) & (b->capstrs - 1);

	while (b->strs[i] != 0)
		i = (i + 1) & (b->capstrs - 1);
	b->strs[i] = off + 1;
	b->nstrs++;
}

static void
strs_grow(struct build *b)
{
	uint32_t *old = b->strs;
	size_t oldcap = b->capstrs, k;

	b->capstrs = b->capstrs ? 2 * b->capstrs : 1024;
	b->strs = calloc(b->capstrs, sizeof(*b->strs));
	if (b->strs == NULL)
		abort();
	b->nstrs = 0;
	for (k = 0; k < oldcap; k++)
		if (old[k] != 0)
			strs_put(b, old[k] - 1);
	free(old);
}

static uint32_t
intern(struct build *b, const char *s)
{
	size_t i, len;
	uint32_t off;

	if (*s == '\0')
		return 0;
	if (2 * (b->nstrs + 1) > b->capstrs)
		strs_grow(b);
	for (i = hh_text_hash(s) & (b->capstrs - 1); b->strs[i] != 0;
	    i = (i + 1) & (b->capstrs - 1))
		if (strcmp(b->str.s + b->strs[i] - 1, s) == 0)
			return b->strs[i] - 1;
	len = strlen(s);
	off = (uint32_t)b->str.len;
	hh_table_put(&b->str, s, len + 1);	/* with its NUL */
	b->strs[i] = off + 1;
	b->nstrs++;
	return off;
}

/* A builder whose strings start as a store's (offsets kept). */
static void
build_init(struct build *b, const char *str, size_t nstr)
{
	size_t i;

	memset(b, 0, sizeof(*b));
	if (str == NULL) {
		hh_table_put(&b->str, "", 1);	/* offset 0: "" */
		return;
	}
	hh_table_put(&b->str, str, nstr);
	while (b->str.len > 1 && b->str.s[b->str.len - 1] == '\0' &&
	    b->str.s[b->str.len - 2] == '\0')
		b->str.len--;	/* its padding */
	for (i = 1; i < b->str.len; i += strlen(b->str.s + i) + 1) {
		if (2 * (b->nstrs + 1) > b->capstrs)
			strs_grow(b);
		if (b->str.s[i] != '\0')
			strs_put(b, (uint32_t)i);
	}
}

static int
is_close(unsigned char e)
{
	return e == HH_EVENT_DONE || e == HH_EVENT_RETURN ||
	    e == HH_EVENT_WITHDRAW || e == HH_EVENT_STOP;
}

static void
ev_put(struct build *b, const struct hh_life_ev *e)
{
	struct sev *o;

	if (b->nev == b->capev) {
		b->capev = b->capev ? 2 * b->capev : 4096;
		b->evs = hh_xrealloc(b->evs, b->capev * sizeof(*b->evs));
	}
	o = &b->evs[b->nev++];
	memset(o, 0, sizeof(*o));
	o->at = e->at;
	o->due_at = e->due_at;
	o->officer = e->officer ? intern(b, e->officer) : NONE;
	o->action = ev_code[e->event];
	o->at_ok = e->at_ok;
	o->due = e->due;
}

/* A new record for path at the end of the store being built: its path
 * and month, no officer, its events (none yet) from the next one. */
static struct srec *
rec_new(struct build *b, const char *path)
{
	struct srec *r;

	if (b->nrec == b->caprec) {
		b->caprec = b->caprec ? 2 * b->caprec : 1024;
		b->recs = hh_xrealloc(b->recs, b->caprec * sizeof(*b->recs));
	}
	r = &b->recs[b->nrec++];
	memset(r, 0, sizeof(*r));
	r->path = (uint32_t)b->paths.len;
	hh_table_put(&b->paths, path, strlen(path) + 1);
	r->month = hh_scan_month(path);
	r->officer = NONE;
	r->first = (uint32_t)b->nev;
	return r;
}

/*
 * A dossier's record.  Regular: events in time order from an intake,
 * every instant a time, no due_at that is not one (so that no period
 * finds an error in it), closed at a time other than 0.  Its life at and
 * after the closing is the life at the closing (nothing the report reads
 * changes after it); before, it is computed from the events up to the
 * closing, less those that change nothing (a delay, another action, an
 * intake again, none carrying a due), the receipt's due made the
 * intake's.  Anything else is raw: every event.
 */
static void
build_put(struct build *b, const char *path, const cJSON *dos)
{
	struct hh_life_sum d;
	struct hh_life lf;
	struct hh_life_ev e0;
	struct srec *r;
	size_t i, ic, n;
	int reg;

	hh_life_summarize(&d, dos);
	n = d.nev;
	reg = d.events_ok && n > 0 && d.ev[0].event == HH_EVENT_INTAKE;
	for (i = 0; i < n && reg; i++)
		if (!d.ev[i].at_ok || d.ev[i].due == 2 ||
		    (i > 0 && d.ev[i].at < d.ev[i - 1].at))
			reg = 0;
	for (ic = 0; ic < n && !is_close(d.ev[ic].event); ic++)
		;
	if (reg && ic < n && (d.ev[ic].at == 0 ||
	    hh_life_of_sum(&lf, &d, d.ev[ic].at) != 1 ||
	    lf.closed != d.ev[ic].at))
		reg = 0;
	r = rec_new(b, path);
	r->field = intern(b, d.field);
	r->dept = intern(b, d.dept);
	r->pcode = intern(b, d.pcode);
	r->pname = intern(b, d.pname);
	r->channel = intern(b, d.channel);
	if (!reg) {
		r->kind = K_RAW;
		r->class = (unsigned char)d.events_ok;
		r->closed = d.due0;
		for (i = 0; i < n; i++)
			ev_put(b, &d.ev[i]);
	} else {
		r->received = d.ev[0].at;
		if (ic < n) {
			r->kind = lf.withdrawn ? K_WITHDRAWN : lf.stopped ?
			    K_STOPPED : K_RESOLVED;
			r->class = (unsigned char)lf.class;
			r->closed = lf.closed;
			if (lf.officer != NULL)
				r->officer = intern(b, lf.officer);
		} else
			r->kind = K_OPEN;
		e0 = d.ev[0];
		if (e0.due != 1)
			e0.due_at = d.due0;
		e0.due = 1;
		ev_put(b, &e0);
		for (i = 1; i < ic; i++)
			if (d.ev[i].due != 0 ||
			    (d.ev[i].event != HH_EVENT_INTAKE &&
			    d.ev[i].event != HH_EVENT_DELAY &&
			    d.ev[i].event != HH_EVENT_AMEND &&
			    d.ev[i].event != HH_EVENT_OTHER))
				ev_put(b, &d.ev[i]);
	}
	r->nev = (uint32_t)(b->nev - r->first);
	r->evsum = evsum(b->evs + r->first, r->nev);
	hh_life_release(&d);
}

/* A dossier removed (hh_scan_blobs): a record of kind K_GONE, in a delta
 * only. */
static void
build_gone(struct build *b, const char *path)
{
	struct srec *r;

	r = rec_new(b, path);
	r->kind = K_GONE;
	r->evsum = evsum(NULL, 0);
}

static int
build_one(void *arg, const char *path, const cJSON *dos)
{
	if (dos != NULL)
		build_put(arg, path, dos);
	else
		build_gone(arg, path);
	return 0;
}

/* A store's parts from its bytes; -1 if they do not hold together. */
static int
view_parse(struct sview *v, const char *base, size_t len, const char *magic)
{
	uint64_t w[H_NWORDS];
	size_t at;

	memset(v, 0, sizeof(*v));
	if (len < HDR + 32 + 8 || memcmp(base, magic, 8) != 0)
		return -1;
	memcpy(w, base + 56, sizeof(w));
	if (w[H_NREC] > len / sizeof(struct srec) ||
	    w[H_NEV] > len / sizeof(struct sev) || w[H_NSTR] > len ||
	    w[H_NPATH] > len || w[H_NSTR] % 32 != 0 || w[H_NSTR] == 0 ||
	    w[H_NPATH] % 32 != 0 || w[H_NPATH] == 0 ||
	    HDR + w[H_NREC] * sizeof(struct srec) + w[H_NSTR] + 8 +
	    w[H_NEV] * sizeof(struct sev) + w[H_NPATH] != len)
		return -1;
	v->base = base;
	v->len = len;
	memcpy(v->commit, base + 8, HH_OID_MAX - 1);
	v->commit[HH_OID_MAX - 1] = '\0';
	v->nrec = w[H_NREC];
	v->nev = w[H_NEV];
	v->nstr = w[H_NSTR];
	v->npath = w[H_NPATH];
	v->evhash = w[H_EVHASH];
	v->pathhash = w[H_PATHHASH];
	v->basesum = w[H_BASESUM];
	at = HDR;
	v->recs = (const struct srec *)(const void *)(base + at);
	at += v->nrec * sizeof(struct srec);
	v->str = base + at;
	at += v->nstr;
	memcpy(&v->sum, base + at, 8);
	at += 8;
	v->evs = (const struct sev *)(const void *)(base + at);
	at += v->nev * sizeof(struct sev);
	v->paths = base + at;
	/* every string ends inside its part */
	if (v->str[0] != '\0' || v->str[v->nstr - 1] != '\0' ||
	    v->paths[v->npath - 1] != '\0')
		return -1;
	return 0;
}

/* The hash of header, records and strings, and every record's offsets
 * inside the parts (view_count checks them as it goes). */
static int
view_check(const struct sview *v)
{
	const struct srec *c;
	size_t i;

	if (hash4(v->base, (size_t)(v->str + v->nstr - v->base)) != v->sum)
		return -1;
	for (i = 0; i < v->nrec; i++) {
		c = &v->recs[i];
		if (c->field >= v->nstr || c->dept >= v->nstr ||
		    c->pcode >= v->nstr || c->pname >= v->nstr ||
		    c->channel >= v->nstr || c->path >= v->npath ||
		    (c->officer != NONE && c->officer >= v->nstr) ||
		    c->kind >= K_NKINDS || c->first > v->nev ||
		    c->nev > v->nev - c->first)
			return -1;
	}
	return 0;
}

static int
view_paths_ok(struct sview *v)
{
	if (!v->paths_ok)
		v->paths_ok = hash4(v->paths, v->npath) == v->pathhash ? 1 : -1;
	return v->paths_ok > 0;
}

/* A dossier closed by the end, counted from its record: what
 * hh_report_tally reads of it (carried, online, how it was closed, its
 * class: early, on time, else), NBUCKET ways. */
#define NBUCKET 36

static int
bucket(const struct hh_report *r, const struct srec *c, int online)
{
	return (c->received < r->start) + 2 * online + 4 * (c->kind -
	    K_RESOLVED) + 12 * (c->class == HH_EARLY ? 0 : c->class ==
	    HH_ON_TIME ? 1 : 2);
}

/* Counted n times, the buckets of a row. */
static void
bucket_tally(const struct hh_report *r, struct hh_counts *n,
    const long *b)
{
	struct hh_life lf;
	int k;

	for (k = 0; k < NBUCKET; k++) {
		if (b[k] == 0)
			continue;
		memset(&lf, 0, sizeof(lf));
		lf.received = k % 2 ? r->start - 1 : r->start;
		lf.closed = 1;
		lf.withdrawn = k / 4 % 3 == K_WITHDRAWN - K_RESOLVED;
		lf.stopped = k / 4 % 3 == K_STOPPED - K_RESOLVED;
		lf.class = k / 12 == 0 ? HH_EARLY : k / 12 == 1 ? HH_ON_TIME :
		    HH_LATE;
		hh_report_tally(r, n, &lf, k / 2 % 2, b[k]);
	}
}

/* A count in progress: the report, its end, the buckets of its rows. */
struct counter {
	struct hh_report *r;
	int64_t t;
	int last;			/* the period's last month */
	size_t koff;			/* the key's offset in a record */
	long *b;			/* [NBUCKET] a row */
	size_t nb;			/* rows */
	struct hh_life_ev *ev;
	size_t cap;
};
/* A store's rows by string offset (the key's: [nstr] for none), and
 * whether a channel is "online" (1 no, 2 yes). */
struct memo {
	uint32_t *row;			/* index + 1 */
	unsigned char *online;
};

static void
memo_init(struct memo *m, const struct sview *v)
{
	m->row = calloc(v->nstr + 1, sizeof(*m->row));
	m->online = calloc(v->nstr, 1);
	if (m->row == NULL || m->online == NULL)
		abort();
}

static void
memo_free(struct memo *m)
{
	free(m->row);
	free(m->online);
}

static size_t
memo_row(struct counter *k, struct memo *m, const struct sview *v,
    size_t key, const struct srec *c, const struct hh_life_sum *d,
    const struct hh_life *lf)
{
	struct hh_life_sum ds;
	size_t i;

	if (m->row[key] != 0)
		return m->row[key] - 1;
	if (d == NULL) {
		memset(&ds, 0, offsetof(struct hh_life_sum, ev));
		ds.field = v->str + c->field;
		ds.dept = v->str + c->dept;
		ds.pcode = v->str + c->pcode;
		ds.pname = v->str + c->pname;
		ds.channel = v->str + c->channel;
		d = &ds;
	}
	i = (size_t)(hh_report_row_of(k->r, d, lf) - k->r->rows);
	m->row[key] = (uint32_t)i + 1;
	if (i >= k->nb) {
		k->b = hh_xrealloc(k->b, (i + 1) * NBUCKET * sizeof(*k->b));
		memset(k->b + k->nb * NBUCKET, 0, (i + 1 - k->nb) * NBUCKET *
		    sizeof(*k->b));
		k->nb = i + 1;
	}
	return i;
}

static int
memo_online(struct memo *m, const struct sview *v, uint32_t channel)
{
	if (m->online[channel] == 0)
		m->online[channel] = strcmp(v->str + channel, "online") == 0 ?
		    2 : 1;
	return m->online[channel] == 2;
}

/* The offset of a record's key, by the report's grouping (officer: the
 * closed record's; an open one's is its life's). */
static size_t
key_off(const struct hh_report *r)
{
	switch (r->by) {
	case HH_BY_FIELD:
		return offsetof(struct srec, field);
	case HH_BY_DEPARTMENT:
		return offsetof(struct srec, dept);
	case HH_BY_PROCEDURE:
		return offsetof(struct srec, pcode);
	case HH_BY_CHANNEL:
		return offsetof(struct srec, channel);
	default:
		return offsetof(struct srec, officer);
	}
}

/*
 * Count record c of store v: one closed by the end from itself, one
 * received after it not at all, any other from its events.  0, -2 if
 * the store is damaged, or the life's error (naming the dossier).
 */
static int
count_rec(struct counter *k, struct memo *m, struct sview *v,
    const struct srec *c)
{
	struct hh_report *r = k->r;
	struct hh_life_sum d;
	struct hh_life lf;
	const struct sev *e;
	size_t i, row, nstr = v->nstr, key;
	uint32_t kv;
	int rc, online;

	if (c->month > k->last)
		return 0;
	if (c->channel >= nstr || c->kind >= K_GONE)
		return -2;
	online = memo_online(m, v, c->channel);
	memset(&lf, 0, sizeof(lf));
	if (c->kind != K_OPEN && c->kind != K_RAW && c->closed <= k->t) {
		lf.received = c->received;
		lf.closed = c->closed;
		if (!hh_report_counts(r, &lf))
			return 0;
		memcpy(&kv, (const char *)c + k->koff, sizeof(kv));
		key = kv;
		if (key >= nstr) {
			if (kv != NONE || r->by != HH_BY_OFFICER)
				return -2;
			key = nstr;
		}
		if (m->row[key] != 0)
			row = m->row[key] - 1;
		else {
			if (c->field >= nstr || c->dept >= nstr ||
			    c->pcode >= nstr || c->pname >= nstr)
				return -2;
			lf.class = (enum hh_class)c->class;
			lf.withdrawn = c->kind == K_WITHDRAWN;
			lf.stopped = c->kind == K_STOPPED;
			lf.officer = key == nstr ? NULL : v->str + c->officer;
			row = memo_row(k, m, v, key, c, NULL, &lf);
		}
		k->b[row * NBUCKET + bucket(r, c, online)]++;
		return 0;
	}
	if (c->kind != K_RAW && c->received > k->t)
		return 0;	/* received after the end */
	if (c->field >= nstr || c->dept >= nstr || c->pcode >= nstr ||
	    c->pname >= nstr || c->first > v->nev ||
	    c->nev > v->nev - c->first ||
	    evsum(v->evs + c->first, c->nev) != c->evsum)
		return -2;
	e = v->evs + c->first;
	if (c->nev > k->cap) {
		k->cap = c->nev + 16;
		k->ev = hh_xrealloc(k->ev, k->cap * sizeof(*k->ev));
	}
	d.field = v->str + c->field;
	d.dept = v->str + c->dept;
	d.pcode = v->str + c->pcode;
	d.pname = v->str + c->pname;
	d.channel = v->str + c->channel;
	d.due0 = c->kind == K_RAW ? c->closed : 0;
	d.events_ok = c->kind == K_RAW ? c->class : 1;
	d.ev = k->ev;
	d.nev = c->nev;
	for (i = 0; i < c->nev; i++) {
		k->ev[i].at = e[i].at;
		k->ev[i].due_at = e[i].due_at;
		k->ev[i].officer = e[i].officer == NONE ||
		    e[i].officer >= nstr ? NULL : v->str + e[i].officer;
		k->ev[i].event = e[i].action < EV_OTHER ?
		    ev_event[e[i].action] : HH_EVENT_OTHER;
		k->ev[i].at_ok = e[i].at_ok;
		k->ev[i].due = e[i].due;
	}
	if ((rc = hh_life_of_sum(&lf, &d, k->t)) < 0)
		return c->path < v->npath && view_paths_ok(v) ?
		    hh_error_prefix(rc, "%s", v->paths + c->path) : -2;
	if (rc == 1 && hh_report_counts(r, &lf)) {
		if (r->by == HH_BY_OFFICER)
			key = lf.officer ? (size_t)(lf.officer - v->str) : nstr;
		else {
			memcpy(&kv, (const char *)c + k->koff, sizeof(kv));
			key = kv;
		}
		row = memo_row(k, m, v, key, c, &d, &lf);
		hh_report_tally(r, &r->rows[row].n, &lf, online, 1);
	}
	return 0;
}

/*
 * Where each record of delta d goes among base v's (sorted by path both):
 * pos[j] the first of v's not before it, and whether it is that one
 * (replaced: bit 31); -1 if v's paths are damaged.
 */
static int
delta_pos(uint32_t **out, struct sview *v, const struct sview *d)
{
	uint32_t *pos = hh_xmalloc((d->nrec + 1) * sizeof(*pos));
	const char *p;
	size_t j, lo, hi, mid;

	*out = pos;
	if (d->nrec > 0 && !view_paths_ok(v))
		return -1;
	for (j = 0, lo = 0; j < d->nrec; j++) {
		p = d->paths + d->recs[j].path;
		for (hi = v->nrec; lo < hi;) {
			mid = lo + (hi - lo) / 2;
			if (strcmp(v->paths + v->recs[mid].path, p) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		pos[j] = (uint32_t)lo | (lo < v->nrec && strcmp(v->paths +
		    v->recs[lo].path, p) == 0 ? 1U << 31 : 0);
	}
	return 0;
}

/*
 * The report from base v and delta d (or NULL; pos: delta_pos) in path
 * order, as a scan reads; v hashed as it is read unless hashed already;
 * -2 if a part read is damaged (the rows are then cleared: counted
 * again).
 */
static int
view_count(struct hh_report *r, struct sview *v, struct sview *d,
    const uint32_t *pos, int hashed)
{
	struct counter k;
	struct memo mv, md;
	struct h4 x;
	size_t i, j = 0, hashto = 0, nd = d ? d->nrec : 0;
	int y, mo, dd, skip, error = HH_OK;

	memset(&k, 0, sizeof(k));
	k.r = r;
	k.t = r->end;
	k.koff = key_off(r);
	hh_time_civil(r->to, &y, &mo, &dd);
	k.last = y * 12 + mo;
	memo_init(&mv, v);
	if (d != NULL)
		memo_init(&md, d);
	h4_init(&x);
	h4_add(&x, v->base, HDR);
	for (i = 0; i <= v->nrec && error == HH_OK; i++) {
		if (!hashed && i == hashto && i < v->nrec) {
			/* a block at a time */
			hashto = i + 128 < v->nrec ? i + 128 : v->nrec;
			h4_add(&x, &v->recs[i], (hashto - i) * sizeof(*v->recs));
		}
		for (skip = 0; j < nd && (pos[j] & ~(1U << 31)) == i; j++) {
			skip |= pos[j] >> 31;
			if (d->recs[j].kind != K_GONE &&
			    (error = count_rec(&k, &md, d, &d->recs[j])) < 0)
				break;
		}
		if (error == HH_OK && i < v->nrec && !skip)
			error = count_rec(&k, &mv, v, &v->recs[i]);
	}
	if (!hashed && error != -2) {
		if (hashto < v->nrec)	/* after an error */
			h4_add(&x, &v->recs[hashto], (v->nrec - hashto) *
			    sizeof(*v->recs));
		h4_add(&x, v->str, v->nstr);
		if (h4_end(&x) != v->sum)
			error = -2;
	}
	for (i = 0; i < k.nb && error != -2; i++)
		bucket_tally(r, &r->rows[i].n, k.b + i * NBUCKET);
	if (error == -2)
		hh_report_clear(r);
	free(k.ev);
	free(k.b);
	memo_free(&mv);
	if (d != NULL)
		memo_free(&md);
	return error;
}

/* A record in the store it is of. */
struct src {
	const struct srec *rec;
	const char *paths;
	const struct sev *evs;
};

/*
 * The file of records (in path order, from their stores: n of them, at
 * most npath bytes of paths and nev events), the strings (a builder's)
 * and commit; a delta (magic DELTA_MAGIC) names its base's sum; malloc'd,
 * *len_out its size; NULL if the records name more than that (a store
 * made by hand).
 */
static char *
assemble(size_t *len_out, const struct src *s, size_t n, size_t npath,
    size_t nev, const struct hh_buf *str, const char *commit,
    const char *magic, uint64_t basesum)
{
	uint64_t w[H_NWORDS], sum;
	size_t nstr = (str->len + 31) & ~(size_t)31, at, i, pl, po = 0, eo = 0;
	size_t len;
	struct srec *o;
	struct sev *ev;
	char *buf, *paths;

	npath = (npath + 31) & ~(size_t)31;
	if (npath == 0)
		npath = 32;
	len = HDR + n * sizeof(struct srec) + nstr + 8 + nev *
	    sizeof(struct sev) + npath;
	buf = hh_xmalloc(len);
	memset(buf, 0, HDR);
	memcpy(buf, magic, 8);
	memcpy(buf + 8, commit, strlen(commit) < 48 ? strlen(commit) : 47);
	o = (struct srec *)(void *)(buf + HDR);
	at = HDR + n * sizeof(struct srec);
	memcpy(buf + at, str->s, str->len);
	memset(buf + at + str->len, 0, nstr - str->len);
	at += nstr + 8;
	ev = (struct sev *)(void *)(buf + at);
	for (i = 0; i < n; i++) {
		if (s[i].rec->nev > nev - eo)
			goto bad;
		o[i] = *s[i].rec;
		memcpy(ev + eo, s[i].evs + s[i].rec->first,
		    s[i].rec->nev * sizeof(*ev));
		o[i].first = (uint32_t)eo;
		eo += s[i].rec->nev;
	}
	at += eo * sizeof(struct sev);
	paths = buf + at;
	for (i = 0; i < n; i++) {
		pl = strlen(s[i].paths + s[i].rec->path) + 1;
		if (pl > npath - po)
			goto bad;
		memcpy(paths + po, s[i].paths + s[i].rec->path, pl);
		o[i].path = (uint32_t)po;
		po += pl;
	}
	npath = (po + 31) & ~(size_t)31;
	if (npath == 0)
		npath = 32;
	memset(paths + po, 0, npath - po);
	w[H_NREC] = n;
	w[H_NEV] = eo;
	w[H_NSTR] = nstr;
	w[H_NPATH] = npath;
	w[H_EVHASH] = hash4(ev, eo * sizeof(*ev));
	w[H_PATHHASH] = hash4(paths, npath);
	w[H_BASESUM] = basesum;
	memcpy(buf + 56, w, sizeof(w));
	at = HDR + n * sizeof(struct srec) + nstr;
	sum = hash4(buf, at);
	memcpy(buf + at, &sum, 8);
	*len_out = at + 8 + eo * sizeof(struct sev) + npath;
	return buf;
bad:
	free(buf);
	return NULL;
}

static const char *sort_paths;

static int
src_cmp(const void *a, const void *b)
{
	const struct src *x = a, *y = b;

	return strcmp(sort_paths + x->rec->path, sort_paths + y->rec->path);
}

/* The builder's records as a store (sorted by path: a scan's order
 * already, unless git's and strcmp's orders part). */
static char *
build_file(size_t *len, struct build *b, const char *commit)
{
	struct src *s = hh_xmalloc((b->nrec + 1) * sizeof(*s));
	size_t i;
	int sorted = 1;
	char *out;

	for (i = 0; i < b->nrec; i++) {
		s[i].rec = &b->recs[i];
		s[i].paths = b->paths.s;
		s[i].evs = b->evs;
		if (i > 0 && strcmp(b->paths.s + b->recs[i - 1].path,
		    b->paths.s + b->recs[i].path) >= 0)
			sorted = 0;
	}
	sort_paths = b->paths.s;
	if (!sorted)
		qsort(s, b->nrec, sizeof(*s), src_cmp);
	out = assemble(len, s, b->nrec, b->paths.len, b->nev, &b->str,
	    commit, STORE_MAGIC, 0);
	free(s);
	return out;
}

static int
path_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Base v with delta d (pos: delta_pos) as one store, at commit. */
static char *
compact(size_t *len, const struct sview *v, const struct sview *d,
    const uint32_t *pos, const char *commit)
{
	struct src *out = hh_xmalloc((v->nrec + d->nrec + 1) * sizeof(*out));
	struct hh_buf str = { NULL, 0, 0 };
	struct build b;
	size_t i, j, n = 0;
	char *file;

	/* one pool: v's strings, d's interned after them */
	build_init(&b, v->str, v->nstr);
	for (i = 0, j = 0; i <= v->nrec; i++) {
		int skip = 0;

		for (; j < d->nrec && (pos[j] & ~(1U << 31)) == i; j++) {
			skip |= pos[j] >> 31;
			if (d->recs[j].kind == K_GONE)
				continue;
			out[n] = (struct src){ &d->recs[j], d->paths, d->evs };
			n++;
		}
		if (i < v->nrec && !skip)
			out[n++] = (struct src){ &v->recs[i], v->paths, v->evs };
	}
	/* d's records with their strings and events' officers re-interned */
	{
		struct srec *dr = hh_xmalloc((d->nrec + 1) * sizeof(*dr));
		struct sev *de = hh_xmalloc((d->nev + 1) * sizeof(*de));
		uint32_t *map = hh_xmalloc((d->nstr + 1) * sizeof(*map));
		size_t k;

		for (k = 0; k < d->nstr; k++)
			map[k] = k == 0 || d->str[k - 1] == '\0' ?
			    intern(&b, d->str + k) : 0;
		for (k = 0; k < d->nev; k++) {
			de[k] = d->evs[k];
			if (de[k].officer != NONE)
				de[k].officer = map[de[k].officer];
		}
		for (k = 0; k < d->nrec; k++) {
			dr[k] = d->recs[k];
			dr[k].field = map[dr[k].field];
			dr[k].dept = map[dr[k].dept];
			dr[k].pcode = map[dr[k].pcode];
			dr[k].pname = map[dr[k].pname];
			dr[k].channel = map[dr[k].channel];
			if (dr[k].officer != NONE)
				dr[k].officer = map[dr[k].officer];
		}
		for (i = 0; i < n; i++)
			if (out[i].paths == d->paths) {
				out[i].rec = dr + (out[i].rec - d->recs);
				out[i].evs = de;
			}
		str = b.str;
		file = assemble(len, out, n, v->npath + d->npath,
		    v->nev + d->nev, &str, commit, STORE_MAGIC, 0);
		free(dr);
		free(de);
		free(map);
	}
	free(out);
	build_free(&b);
	return file;
}

/*
 * The delta bringing base v (with delta d, or NULL) up to HEAD: the
 * dossiers changed since the commit they are at, read from the snapshot
 * (the records, not the files on disk), with d's others; NULL if it
 * cannot be made (the store is made again).
 */
static char *
delta_update(size_t *len, struct sview *v, struct sview *d,
    struct hh_store *s)
{
	struct build b;
	struct src *out = NULL;
	char **p = NULL, *file = NULL;
	size_t n = 0, i, j, k, o, nout, lo, hi, mid;
	int cmp;

	memset(&b, 0, sizeof(b));
	if (hh_store_changed(&p, &n, s, d ? d->commit : v->commit,
	    "dossiers/") < 0)
		return NULL;
	for (i = 0, o = 0; i < n; i++) {
		if (hh_scan_month(p[i]) < 0)
			free(p[i]);
		else
			p[o++] = p[i];
	}
	n = o;
	if (n > 1)
		qsort(p, n, sizeof(*p), path_cmp);
	for (i = 0, o = 0; i < n; i++) {
		if (o > 0 && strcmp(p[i], p[o - 1]) == 0)
			free(p[i]);
		else
			p[o++] = p[i];
	}
	n = o;
	/* d's strings kept where they are, the new interned after them */
	if (d != NULL)
		build_init(&b, d->str, d->nstr);
	else
		build_init(&b, NULL, 0);
	/* a dossier the store cannot hold: a scan reports it */
	if (hh_scan_blobs(s, (const char *const *)p, n, build_one, &b) < 0 ||
	    b.nrec != n)
		goto out;
	/* merge d's records and b's (one a path in p, in its order); a
	 * removal is kept only if the base has the path */
	nout = 0;
	out = hh_xmalloc(((d ? d->nrec : 0) + n + 1) * sizeof(*out));
	for (j = 0, k = 0; j < (d ? d->nrec : 0) || k < n;) {
		cmp = j == (d ? d->nrec : 0) ? 1 : k == n ? -1 :
		    strcmp(d->paths + d->recs[j].path, p[k]);
		if (cmp < 0) {
			out[nout++] = (struct src){ &d->recs[j], d->paths,
			    d->evs };
			j++;
			continue;
		}
		if (cmp == 0)
			j++;	/* changed again */
		if (b.recs[k].kind == K_GONE) {
			for (lo = 0, hi = v->nrec; lo < hi;) {
				mid = lo + (hi - lo) / 2;
				if (strcmp(v->paths + v->recs[mid].path,
				    p[k]) < 0)
					lo = mid + 1;
				else
					hi = mid;
			}
			if (lo == v->nrec || strcmp(v->paths +
			    v->recs[lo].path, p[k]) != 0) {
				k++;
				continue;
			}
		}
		out[nout++] = (struct src){ &b.recs[k], b.paths.s, b.evs };
		k++;
	}
	file = assemble(len, out, nout, (d ? d->npath : 0) + b.paths.len,
	    (d ? d->nev : 0) + b.nev, &b.str, hh_store_head(s), DELTA_MAGIC,
	    v->sum);
out:
	free(out);
	for (i = 0; i < n; i++)
		free(p[i]);
	free(p);
	build_free(&b);
	return file;
}

static int
report_one(void *arg, const cJSON *dos)
{
	return hh_report_add(arg, dos);
}

/* A one-line warning through the store's listener. */
static void
warn(struct hh_store *s, const char *name, const char *why)
{
	char *msg = hh_xasprintf("%s/hh/%s: warning: %s: ignored, made "
	    "again", hh_store_gitdir(s), name, why);

	hh_store_tell(s, msg);
	free(msg);
}

/* File name mapped: 1 if it is there, trusted and of magic (parsed into
 * v), else 0, warning of one damaged (not of one missing, not trusted or
 * of another version: made again quietly). */
static int
map_view(struct sview *v, const char **map, size_t *maplen,
    struct hh_store *s, const char *name, const char *magic)
{
	int rc;

	*map = NULL;
	*maplen = 0;
	rc = hh_store_private_map((const void **)map, maplen, s, name,
	    STORE_MAX);
	/* missing, not trusted, not a regular file: made again quietly, as
	 * ever (what is not trusted is not read, and not talked about) */
	if (rc < 0)
		return 0;
	if (*maplen >= 8 && memcmp(*map, magic, 6) == 0 &&
	    memcmp(*map, magic, 8) != 0)
		return 0;	/* another version */
	if (*maplen < 8 || memcmp(*map, magic, 8) != 0)
		warn(s, name, "not a summary store");
	else if (view_parse(v, *map, *maplen, magic) < 0)
		warn(s, name, "damaged");
	else
		return 1;
	return 0;
}

int
hh_cache_report(struct hh_report *r, struct hh_store *s)
{
	const char *head = hh_store_head(s), *map = NULL, *dmap = NULL;
	struct sview v, d, nd;
	struct build b;
	uint32_t *pos = NULL;
	char *file = NULL, *delta = NULL;
	size_t maplen = 0, dmaplen = 0, len = 0, dlen = 0;
	int error, hasd = 0;

	if (*head == '\0')
		return HH_OK;	/* no commit, no dossier */
	if (!map_view(&v, &map, &maplen, s, STORE_FILE, STORE_MAGIC))
		goto scan;
	/* a delta of another base is left from before it: quiet */
	if (map_view(&d, &dmap, &dmaplen, s, DELTA_FILE, DELTA_MAGIC)) {
		if (d.basesum != v.sum)
			;
		else if (view_check(&d) < 0)
			warn(s, DELTA_FILE, "damaged");
		else
			hasd = 1;
	}
	if (strcmp(hasd ? d.commit : v.commit, head) == 0) {
		/* the fast path: nothing changed */
		if (!hasd || delta_pos(&pos, &v, &d) == 0) {
			error = view_count(r, &v, hasd ? &d : NULL, pos, 0);
			if (error != -2)
				goto done;
		}
		warn(s, STORE_FILE, "damaged");
		goto scan;
	}
	if (!view_paths_ok(&v)) {
		warn(s, STORE_FILE, "damaged");
		goto scan;
	}
	delta = delta_update(&dlen, &v, hasd ? &d : NULL, s);
	if (delta == NULL && hasd)	/* from the base alone, then */
		delta = delta_update(&dlen, &v, NULL, s);
	if (delta == NULL || view_parse(&nd, delta, dlen, DELTA_MAGIC) < 0 ||
	    delta_pos(&pos, &v, &nd) < 0)
		goto scan;
	if (nd.nrec > v.nrec / 64 + 64) {
		/* big enough: one store again (of records checked) */
		if (view_check(&v) < 0) {
			warn(s, STORE_FILE, "damaged");
			goto scan;
		}
		file = compact(&len, &v, &nd, pos, head);
		free(pos);
		pos = NULL;
		if (file == NULL)
			goto scan;
		goto save;
	}
	/* a delta not saved is made again */
	(void)hh_store_private_put(s, DELTA_FILE, delta, dlen);
	error = view_count(r, &v, &nd, pos, 0);
	if (error != -2)
		goto done;
	warn(s, STORE_FILE, "damaged");
	goto scan;
scan:
	free(pos);
	pos = NULL;
	free(file);
	file = NULL;
	build_init(&b, NULL, 0);
	if (hh_scan_paths(s, INT_MIN, INT_MAX, build_one, &b) < 0) {
		/* a file a store cannot hold: the scan says what is wrong
		 * (if the period reads it at all) */
		build_free(&b);
		error = hh_scan_dossiers(s, INT_MIN, r->to, report_one, r);
		goto done;
	}
	file = build_file(&len, &b, head);
	build_free(&b);
save:
	/* a store not saved is made again; a delta left names another
	 * base (its hash), and is not read */
	(void)hh_store_private_put(s, STORE_FILE, file, len);
	if (view_parse(&v, file, len, STORE_MAGIC) < 0)
		abort();	/* a bug: as made */
	error = view_count(r, &v, NULL, NULL, 1);
	if (error == -2)
		error = hh_error_set(HH_ERROR, "%s/hh/%s: damaged as made",
		    hh_store_gitdir(s), STORE_FILE);
done:
	free(pos);
	free(file);
	free(delta);
	hh_store_private_unmap(map, maplen);
	hh_store_private_unmap(dmap, dmaplen);
	return error < 0 ? error : HH_OK;
}
