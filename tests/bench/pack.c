/* pack.c - gen --pack: the generated history written as one git pack
 *
 * git fast-import took 390 s for the 369k commits of a 100k tree (month
 * folders of 1,000 dossiers), and takes longer a commit as the folder
 * grows: a 1M-dossier tree (3.7M commits; months of ~3,100 dossiers, the
 * history beginning in 2000) would take hours.  Each commit changes one file, so its objects
 * are the file, its month folder, the year folder, dossiers/, the root
 * and the commit; the month folder is kept here as the bytes of its git
 * tree, changed in place (an entry added or its id replaced) and stored
 * as a delta against its previous version made from that one edit (copy,
 * insert, copy: no delta search), a whole version every DEPTH (50, as
 * fast-import).  Every object's id is computed here (SHA-1 of OpenSSL,
 * which libgit2-dev brings), the pack's index (version 2) written from
 * them: no git index-pack.  The commits are byte for byte fast-import's
 * from the same stream, so the history has the same ids either way
 * (make bench checks it on a tree of 300 dossiers).
 *
 * Included by gen.c.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <git2.h>
#include <openssl/evp.h>
#include <zlib.h>

#define DEPTH 50
#define T_COMMIT 1
#define T_TREE 2
#define T_BLOB 3
#define T_OFS 6

struct pobj {
	unsigned char id[20];
	uint32_t crc;
	uint64_t off;
};

struct month {
	int ym;			/* year * 100 + month */
	char *buf;		/* the git tree's bytes */
	size_t len, cap;
	size_t *ent;		/* each entry's start in buf */
	size_t nent, capent;
	unsigned char id[20];
	uint64_t off;		/* of its last version in the pack */
	int depth;		/* of that version's delta chain */
	int written;
};

struct rootent {
	char mode[8];
	char *name;
	int dir;
	unsigned char id[20];
};

static FILE *pk;
static char *pkpath;
static uint64_t pkoff;
static struct pobj *pobjs;
static size_t npobjs, cappobjs;
static unsigned char *zbuf;
static size_t zcap;
static z_stream zs, zsmall;	/* for large objects, for small ones */
static EVP_MD_CTX *md;
static struct month **months;	/* sorted by ym */
static size_t nmonths;
static struct rootent *rootents;
static size_t nrootents;
static unsigned char headid[20];
static unsigned char yearid[100][20];	/* each year's folder, 2000-2099 */
static int yearset[100];
static char *packdir;
static char *tbuf;		/* scratch for the small trees */
static size_t tcap;

static char *
hex(char out[41], const unsigned char id[20])
{
	int i;

	for (i = 0; i < 20; i++)
		snprintf(out + 2 * i, 3, "%02x", id[i]);
	return out;
}

static void
die(const char *what)
{
	fprintf(stderr, "gen: --pack: %s%s%s\n", what, errno ? ": " : "",
	    errno ? strerror(errno) : "");
	exit(1);
}

static void
objid(unsigned char out[20], const char *type, const void *data, size_t len)
{
	char hdr[32];
	int h = snprintf(hdr, sizeof(hdr), "%s %zu", type, len) + 1;

	if (EVP_DigestInit_ex(md, EVP_sha1(), NULL) != 1 ||
	    EVP_DigestUpdate(md, hdr, (size_t)h) != 1 ||
	    EVP_DigestUpdate(md, data, len) != 1 ||
	    EVP_DigestFinal_ex(md, out, NULL) != 1)
		die("SHA-1");
}

/* Append one object (whole, or a delta against the object at base). */
static uint64_t
put(int type, const unsigned char id[20], const void *data, size_t len,
    uint64_t base)
{
	unsigned char hdr[32], t[16];
	size_t h = 0, s = len, zlen;
	uint64_t off = pkoff, d;
	uint32_t crc;
	z_stream *z;
	int i;

	hdr[0] = (unsigned char)((type << 4) | (s & 15));
	s >>= 4;
	while (s) {
		hdr[h++] |= 0x80;
		hdr[h] = (unsigned char)(s & 0x7f);
		s >>= 7;
	}
	h++;
	if (type == T_OFS) {
		d = off - base;
		i = 15;
		t[i] = (unsigned char)(d & 127);
		while (d >>= 7)
			t[--i] = (unsigned char)(128 | (--d & 127));
		memcpy(hdr + h, t + i, (size_t)(16 - i));
		h += (size_t)(16 - i);
	}
	/* most objects are small: a stream whose reset clears little */
	z = len <= 4096 ? &zsmall : &zs;
	if (deflateReset(z) != Z_OK)
		die("deflate");
	if (deflateBound(z, len) + 64 > zcap) {
		zcap = deflateBound(z, len) + 64;
		zbuf = hh_xrealloc(zbuf, zcap);
	}
	z->next_in = (unsigned char *)(uintptr_t)data;
	z->avail_in = (uInt)len;
	z->next_out = zbuf;
	z->avail_out = (uInt)zcap;
	if (deflate(z, Z_FINISH) != Z_STREAM_END)
		die("deflate");
	zlen = zcap - z->avail_out;
	crc = (uint32_t)crc32(0, hdr, (uInt)h);
	crc = (uint32_t)crc32(crc, zbuf, (uInt)zlen);
	if (fwrite(hdr, 1, h, pk) != h || fwrite(zbuf, 1, zlen, pk) != zlen)
		die(pkpath);
	pkoff += h + zlen;
	if (npobjs == cappobjs) {
		cappobjs = cappobjs ? cappobjs * 2 : 1 << 16;
		pobjs = hh_xrealloc(pobjs, cappobjs * sizeof(*pobjs));
	}
	memcpy(pobjs[npobjs].id, id, 20);
	pobjs[npobjs].crc = crc;
	pobjs[npobjs++].off = off;
	return off;
}

static void
grow(char **b, size_t *cap, size_t need)
{
	if (need > *cap) {
		*cap = need * 2 + 4096;
		*b = hh_xrealloc(*b, *cap);
	}
}

static size_t
varint(unsigned char *p, size_t v)
{
	size_t n = 0;

	do {
		p[n] = (unsigned char)(v & 0x7f);
		v >>= 7;
		if (v)
			p[n] |= 0x80;
		n++;
	} while (v);
	return n;
}

/* a copy op of git's delta format: size < 2^24 */
static size_t
copyop(unsigned char *p, size_t off, size_t size)
{
	size_t n = 1, i;
	unsigned char cmd = 0x80;

	for (i = 0; i < 4; i++)
		if ((off >> (8 * i)) & 0xff) {
			cmd |= (unsigned char)(1 << i);
			p[n++] = (unsigned char)((off >> (8 * i)) & 0xff);
		}
	for (i = 0; i < 3; i++)
		if ((size >> (8 * i)) & 0xff) {
			cmd |= (unsigned char)(0x10 << i);
			p[n++] = (unsigned char)((size >> (8 * i)) & 0xff);
		}
	p[0] = cmd;
	return n;
}

static size_t
copyops(unsigned char *p, size_t off, size_t size)
{
	size_t n = 0, k;

	while (size > 0) {
		k = size > 0xffff00 ? 0xffff00 : size;
		n += copyop(p + n, off, k);
		off += k;
		size -= k;
	}
	return n;
}

static struct month *
month_get(int ym)
{
	size_t lo = 0, hi = nmonths, mid;
	struct month *m;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (months[mid]->ym < ym)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < nmonths && months[lo]->ym == ym)
		return months[lo];
	m = hh_xmalloc(sizeof(*m));
	memset(m, 0, sizeof(*m));
	m->ym = ym;
	months = hh_xrealloc(months, (nmonths + 1) * sizeof(*months));
	memmove(months + lo + 1, months + lo, (nmonths - lo) *
	    sizeof(*months));
	months[lo] = m;
	nmonths++;
	return m;
}

/* Set the entry NAME of month m to blob id; write the month's tree. */
static void
month_set(struct month *m, const char *name, const unsigned char id[20])
{
	size_t nlen = strlen(name), lo = 0, hi = m->nent, mid, pos, del, ins;
	size_t oldlen = m->len, n;
	unsigned char *delta, hdr[20];
	char entry[512];
	int c = 1;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = strcmp(m->buf + m->ent[mid] + 7, name);
		if (c < 0)
			lo = mid + 1;
		else if (c > 0)
			hi = mid;
		else {
			lo = mid;
			break;
		}
	}
	if (lo < m->nent && strcmp(m->buf + m->ent[lo] + 7, name) == 0) {
		pos = m->ent[lo] + 7 + nlen + 1;
		del = ins = 20;
		memcpy(m->buf + pos, id, 20);
	} else {
		n = (size_t)snprintf(entry, sizeof(entry), "100644 %s", name);
		memcpy(entry + n + 1, id, 20);
		ins = n + 21;
		del = 0;
		pos = lo < m->nent ? m->ent[lo] : m->len;
		grow(&m->buf, &m->cap, m->len + ins);
		memmove(m->buf + pos + ins, m->buf + pos, m->len - pos);
		memcpy(m->buf + pos, entry, ins);
		m->len += ins;
		if (m->nent == m->capent) {
			m->capent = m->capent ? m->capent * 2 : 256;
			m->ent = hh_xrealloc(m->ent, m->capent * sizeof(*m->ent));
		}
		memmove(m->ent + lo + 1, m->ent + lo, (m->nent - lo) *
		    sizeof(*m->ent));
		m->ent[lo] = pos;
		m->nent++;
		for (n = lo + 1; n < m->nent; n++)
			m->ent[n] += ins;
	}
	objid(m->id, "tree", m->buf, m->len);
	if (!m->written || m->depth >= DEPTH) {
		m->off = put(T_TREE, m->id, m->buf, m->len, 0);
		m->depth = 0;
		m->written = 1;
		return;
	}
	/* copy what comes before, insert the change, copy what follows */
	delta = hh_xmalloc(2 * sizeof(hdr) + 3 * 8 + ins + ins / 127 + 8);
	n = varint(delta, oldlen);
	n += varint(delta + n, m->len);
	if (pos > 0)
		n += copyops(delta + n, 0, pos);
	for (c = 0; (size_t)c < ins; c += 127) {
		size_t k = ins - (size_t)c > 127 ? 127 : ins - (size_t)c;

		delta[n++] = (unsigned char)k;
		memcpy(delta + n, m->buf + pos + (size_t)c, k);
		n += k;
	}
	if (oldlen - pos - del > 0)
		n += copyops(delta + n, pos + del, oldlen - pos - del);
	m->off = put(T_OFS, m->id, delta, n, m->off);
	m->depth++;
	free(delta);
}

/* A small tree of whole entries; its id in out. */
static void
small_tree(unsigned char out[20], size_t len)
{
	objid(out, "tree", tbuf, len);
	put(T_TREE, out, tbuf, len, 0);
}

static size_t
tree_entry(size_t at, const char *mode, const char *name,
    const unsigned char id[20])
{
	size_t m = strlen(mode), l = strlen(name);

	grow(&tbuf, &tcap, at + m + l + 22);
	memcpy(tbuf + at, mode, m);
	tbuf[at + m] = ' ';
	memcpy(tbuf + at + m + 1, name, l + 1);
	memcpy(tbuf + at + m + l + 2, id, 20);
	return at + m + l + 22;
}

/* git's order of tree entries: a folder's name as if it ended in '/' */
static int
git_order(const char *a, int adir, const char *b, int bdir)
{
	size_t la = strlen(a), lb = strlen(b), n = la < lb ? la : lb;
	int c = memcmp(a, b, n);
	unsigned char ca, cb;

	if (c != 0)
		return c;
	ca = (unsigned char)(la > n ? a[n] : adir ? '/' : '\0');
	cb = (unsigned char)(lb > n ? b[n] : bdir ? '/' : '\0');
	return ca < cb ? -1 : ca > cb;
}

static void
pack_open(const char *dir, const char *head)
{
	git_repository *repo = NULL;
	git_commit *c = NULL;
	git_tree *t = NULL;
	const git_tree_entry *e;
	unsigned char hdr[12] = { 'P', 'A', 'C', 'K', 0, 0, 0, 2 };
	git_oid oid;
	size_t i;

	if (git_oid_fromstr(&oid, head) < 0 ||
	    git_repository_open(&repo, dir) < 0 ||
	    git_commit_lookup(&c, repo, &oid) < 0 ||
	    git_commit_tree(&t, c) < 0)
		die("HEAD unreadable");
	memcpy(headid, oid.id, 20);
	for (i = 0; i < git_tree_entrycount(t); i++) {
		e = git_tree_entry_byindex(t, i);
		if (strcmp(git_tree_entry_name(e), "dossiers") == 0) {
			errno = 0;
			die("HEAD holds dossiers/ already (a tree made by "
			    "hh-init only)");
		}
		rootents = hh_xrealloc(rootents, (nrootents + 1) *
		    sizeof(*rootents));
		snprintf(rootents[nrootents].mode, 8, "%o",
		    (unsigned)git_tree_entry_filemode(e));
		rootents[nrootents].name = hh_xstrdup(git_tree_entry_name(e));
		rootents[nrootents].dir = git_tree_entry_type(e) ==
		    GIT_OBJECT_TREE;
		memcpy(rootents[nrootents++].id, git_tree_entry_id(e)->id, 20);
	}
	git_tree_free(t);
	git_commit_free(c);
	git_repository_free(repo);
	packdir = hh_xasprintf("%s/.git/objects/pack", dir);
	mkdir(packdir, 0770);
	pkpath = hh_xasprintf("%s/tmp_gen_pack", packdir);
	if ((pk = fopen(pkpath, "w+b")) == NULL)
		die(pkpath);
	setvbuf(pk, NULL, _IOFBF, 1 << 20);
	if (fwrite(hdr, 1, 12, pk) != 12)
		die(pkpath);
	pkoff = 12;
	if (deflateInit(&zs, Z_BEST_SPEED) != Z_OK ||
	    deflateInit2(&zsmall, Z_BEST_SPEED, Z_DEFLATED, 12, 2,
	    Z_DEFAULT_STRATEGY) != Z_OK ||
	    (md = EVP_MD_CTX_new()) == NULL)
		die("zlib or OpenSSL");
}

/* One commit changing the file at path (dossiers/YYYY/MM/NAME). */
static void
pack_commit(const char *path, const char *text, size_t len,
    const char *msg, const char *author)
{
	unsigned char blob[20], doss[20], root[20], id[20];
	char name[8], *c, h1[41], h2[41];
	struct month *m;
	size_t i, n;
	int y, mo, ym, dossier_done = 0;

	if (sscanf(path, "dossiers/%4d/%2d/", &y, &mo) != 2) {
		errno = 0;
		die(path);
	}
	ym = y * 100 + mo;
	objid(blob, "blob", text, len);
	put(T_BLOB, blob, text, len, 0);
	m = month_get(ym);
	month_set(m, path + strlen("dossiers/YYYY/MM/"), blob);
	/* the year's folder */
	if (y < 2000 || y > 2099) {
		errno = 0;
		die(path);
	}
	for (n = 0, i = 0; i < nmonths; i++)
		if (months[i]->ym / 100 == y) {
			snprintf(name, sizeof(name), "%02d", months[i]->ym % 100);
			n = tree_entry(n, "40000", name, months[i]->id);
		}
	small_tree(yearid[y - 2000], n);
	yearset[y - 2000] = 1;
	/* dossiers/ */
	for (n = 0, i = 0; i < 100; i++)
		if (yearset[i]) {
			snprintf(name, sizeof(name), "%04d", (int)(2000 + i));
			n = tree_entry(n, "40000", name, yearid[i]);
		}
	small_tree(doss, n);
	/* the root */
	for (n = 0, i = 0; i < nrootents; i++) {
		if (!dossier_done && git_order("dossiers", 1,
		    rootents[i].name, rootents[i].dir) < 0) {
			n = tree_entry(n, "40000", "dossiers", doss);
			dossier_done = 1;
		}
		n = tree_entry(n, rootents[i].mode, rootents[i].name,
		    rootents[i].id);
	}
	if (!dossier_done)
		n = tree_entry(n, "40000", "dossiers", doss);
	small_tree(root, n);
	/* the commit, as fast-import writes it */
	c = hh_xasprintf("tree %s\nparent %s\nauthor %s\ncommitter %s\n\n%s",
	    hex(h1, root), hex(h2, headid), author, author, msg);
	objid(id, "commit", c, strlen(c));
	put(T_COMMIT, id, c, strlen(c), 0);
	free(c);
	memcpy(headid, id, 20);
}

static int
pobj_cmp(const void *a, const void *b)
{
	return memcmp(((const struct pobj *)a)->id,
	    ((const struct pobj *)b)->id, 20);
}

static void
idx_write(FILE *f, const void *p, size_t n)
{
	if (fwrite(p, 1, n, f) != n)
		die("index");
}

static void
be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* Finish the pack, write its index, put both in place; print the head. */
static void
pack_close(void)
{
	static unsigned char buf[1 << 20];
	unsigned char sum[20], b[8];
	char h[41], *p, *q, *ip;
	size_t i, n, nlarge = 0;
	uint32_t fan[256] = { 0 };
	FILE *f;

	be32(b, (uint32_t)npobjs);
	if (fflush(pk) != 0 || fseeko(pk, 8, SEEK_SET) != 0 ||
	    fwrite(b, 1, 4, pk) != 4 || fflush(pk) != 0 ||
	    fseeko(pk, 0, SEEK_SET) != 0)
		die(pkpath);
	if (EVP_DigestInit_ex(md, EVP_sha1(), NULL) != 1)
		die("SHA-1");
	while ((n = fread(buf, 1, sizeof(buf), pk)) > 0)
		EVP_DigestUpdate(md, buf, n);
	EVP_DigestFinal_ex(md, sum, NULL);
	if (fseeko(pk, 0, SEEK_END) != 0 || fwrite(sum, 1, 20, pk) != 20 ||
	    fclose(pk) != 0)
		die(pkpath);
	qsort(pobjs, npobjs, sizeof(*pobjs), pobj_cmp);
	for (i = 0; i < npobjs; i++)
		fan[pobjs[i].id[0]]++;
	for (i = 1; i < 256; i++)
		fan[i] += fan[i - 1];
	ip = hh_xasprintf("%s/tmp_gen_idx", packdir);
	if ((f = fopen(ip, "wb")) == NULL)
		die(ip);
	setvbuf(f, NULL, _IOFBF, 1 << 20);
	idx_write(f, "\377tOc\0\0\0\2", 8);
	for (i = 0; i < 256; i++) {
		be32(b, fan[i]);
		idx_write(f, b, 4);
	}
	for (i = 0; i < npobjs; i++)
		idx_write(f, pobjs[i].id, 20);
	for (i = 0; i < npobjs; i++) {
		be32(b, pobjs[i].crc);
		idx_write(f, b, 4);
	}
	for (i = 0; i < npobjs; i++) {
		if (pobjs[i].off < 0x80000000u)
			be32(b, (uint32_t)pobjs[i].off);
		else
			be32(b, 0x80000000u | (uint32_t)nlarge++);
		idx_write(f, b, 4);
	}
	for (i = 0; i < npobjs; i++)
		if (pobjs[i].off >= 0x80000000u) {
			be32(b, (uint32_t)(pobjs[i].off >> 32));
			be32(b + 4, (uint32_t)pobjs[i].off);
			idx_write(f, b, 8);
		}
	idx_write(f, sum, 20);
	{
		unsigned char isum[20];

		/* the index's own sum covers all that precedes it */
		EVP_DigestInit_ex(md, EVP_sha1(), NULL);
		if (fflush(f) != 0)
			die(ip);
		fclose(f);
		if ((f = fopen(ip, "r+b")) == NULL)
			die(ip);
		while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
			EVP_DigestUpdate(md, buf, n);
		EVP_DigestFinal_ex(md, isum, NULL);
		if (fseeko(f, 0, SEEK_END) != 0 ||
		    fwrite(isum, 1, 20, f) != 20 || fclose(f) != 0)
			die(ip);
	}
	p = hh_xasprintf("%s/pack-%s.pack", packdir, hex(h, sum));
	q = hh_xasprintf("%s/pack-%s.idx", packdir, h);
	if (chmod(pkpath, 0440) < 0 || chmod(ip, 0440) < 0 ||
	    rename(pkpath, p) < 0 || rename(ip, q) < 0)
		die(p);
	printf("%s\n", hex(h, headid));
	fprintf(stderr, "gen: --pack: %zu objects, %.0f MB\n", npobjs,
	    (double)pkoff / 1e6);
	free(p);
	free(q);
	free(ip);
}
