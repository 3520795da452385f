/* sign.c - the centre's signing key and its signatures, in OpenSSH's
 * formats: the key file ssh-keygen writes, SSHSIG signatures (what git
 * verifies with gpg.format = ssh) and the allowed-signers file.  The
 * cryptography is libsodium's Ed25519; what is here is the framing. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

/*
 * The formats, from OpenSSH's PROTOCOL.key and PROTOCOL.sshsig: byte
 * strings are a 32-bit big-endian length and the bytes; a public key is
 * the string "ssh-ed25519" and the 32 key bytes; a signature blob is
 * "SSHSIG", version 1, the public key, the namespace, a reserved string,
 * the hash's name and the signature ("ssh-ed25519", 64 bytes) over
 * "SSHSIG", the namespace, the reserved string, the hash's name and the
 * SHA-512 of the message.
 */
#define KEYTYPE "ssh-ed25519"
#define NAMESPACE "git"
#define HASHALG "sha512"
#define SIG_BEGIN "-----BEGIN SSH SIGNATURE-----\n"
#define SIG_END "-----END SSH SIGNATURE-----"
#define KEY_BEGIN "-----BEGIN OPENSSH PRIVATE KEY-----\n"
#define KEY_END "-----END OPENSSH PRIVATE KEY-----"
#define KEY_MAGIC "openssh-key-v1"	/* and its NUL */

static void
ready(void)
{
	if (sodium_init() < 0)
		abort();
}

/* Writing: into a struct hh_buf. */
static void
put_u32(struct hh_buf *b, size_t v)
{
	char c[4];

	c[0] = (char)(v >> 24 & 0xff);
	c[1] = (char)(v >> 16 & 0xff);
	c[2] = (char)(v >> 8 & 0xff);
	c[3] = (char)(v & 0xff);
	hh_table_put(b, c, 4);
}

static void
put_str(struct hh_buf *b, const void *p, size_t n)
{
	put_u32(b, n);
	hh_table_put(b, p, n);
}

static void
put_pub(struct hh_buf *b, const unsigned char pub[HH_KEY_PUB])
{
	put_u32(b, 4 + strlen(KEYTYPE) + 4 + HH_KEY_PUB);
	put_str(b, KEYTYPE, strlen(KEYTYPE));
	put_str(b, pub, HH_KEY_PUB);
}

/* Reading: a cursor over bytes; any read past the end fails. */
struct cur {
	const unsigned char *p;
	size_t n;
};

static int
get_u32(struct cur *c, size_t *v)
{
	if (c->n < 4)
		return -1;
	*v = (size_t)c->p[0] << 24 | (size_t)c->p[1] << 16 |
	    (size_t)c->p[2] << 8 | c->p[3];
	c->p += 4;
	c->n -= 4;
	return 0;
}

static int
get_str(struct cur *c, const unsigned char **p, size_t *n)
{
	if (get_u32(c, n) < 0 || *n > c->n)
		return -1;
	*p = c->p;
	c->p += *n;
	c->n -= *n;
	return 0;
}

/* The next string, which must be exactly the n bytes of want. */
static int
get_is(struct cur *c, const void *want, size_t n)
{
	const unsigned char *p;
	size_t len;

	return get_str(c, &p, &len) < 0 || len != n ||
	    memcmp(p, want, n) != 0 ? -1 : 0;
}

/* An Ed25519 public key blob into pub. */
static int
get_pub(struct cur *c, unsigned char pub[HH_KEY_PUB])
{
	struct cur in;
	const unsigned char *p;
	size_t n;

	if (get_str(c, &in.p, &in.n) < 0 ||
	    get_is(&in, KEYTYPE, strlen(KEYTYPE)) < 0 ||
	    get_str(&in, &p, &n) < 0 || n != HH_KEY_PUB || in.n != 0)
		return -1;
	memcpy(pub, p, HH_KEY_PUB);
	return 0;
}

/* Base64 of n bytes, in lines of 70 as OpenSSH writes them, each ended. */
static void
put_base64(struct hh_buf *b, const unsigned char *p, size_t n)
{
	size_t len = sodium_base64_ENCODED_LEN(n,
	    sodium_base64_VARIANT_ORIGINAL), i;
	char *t = hh_xmalloc(len);

	sodium_bin2base64(t, len, p, n, sodium_base64_VARIANT_ORIGINAL);
	for (i = 0; t[i]; i += 70) {
		size_t k = strlen(t + i) < 70 ? strlen(t + i) : 70;

		hh_table_put(b, t + i, k);
		hh_table_puts(b, "\n");
		if (k < 70)
			break;
	}
	free(t);
}

/* The bytes armored between begin and end in text (blanks and line ends
 * ignored); NULL if there is no such armor.  *n_out is their length. */
static unsigned char *
unarmor(size_t *n_out, const char *text, size_t len, const char *begin,
    const char *end)
{
	const char *b, *e;
	unsigned char *bin;
	size_t blen = strlen(begin), n;

	b = text;
	while (b < text + len && (*b == ' ' || *b == '\n'))
		b++;
	if ((size_t)(text + len - b) < blen || memcmp(b, begin, blen) != 0)
		return NULL;
	b += blen;
	for (e = b; e < text + len; e++)
		if (*e == '-' && (size_t)(text + len - e) >= strlen(end) &&
		    memcmp(e, end, strlen(end)) == 0)
			break;
	if (e == text + len)
		return NULL;
	for (n = e - b + strlen(end); n < (size_t)(text + len - b); n++)
		if (b[n] != '\n' && b[n] != ' ')
			return NULL;	/* text after the armor */
	bin = hh_xmalloc((size_t)(e - b) + 1);
	if (sodium_base642bin(bin, (size_t)(e - b) + 1, b, (size_t)(e - b),
	    " \n", &n, NULL, sodium_base64_VARIANT_ORIGINAL) < 0) {
		free(bin);
		return NULL;
	}
	*n_out = n;
	return bin;
}

void
hh_key_from_seed(struct hh_key *k, const unsigned char seed[HH_KEY_SEED])
{
	ready();
	crypto_sign_seed_keypair(k->pub, k->sec, seed);
}

char *
hh_key_private_text(const struct hh_key *k, const char *comment)
{
	struct hh_buf b = { NULL, 0, 0 }, priv = { NULL, 0, 0 },
	    t = { NULL, 0, 0 };
	unsigned char check[32];
	size_t pad;

	/* the check number, random in ssh-keygen's files, is derived here:
	 * the same key always makes the same file */
	crypto_hash_sha256(check, k->sec, sizeof(k->sec));
	hh_table_put(&priv, (const char *)check, 4);
	hh_table_put(&priv, (const char *)check, 4);
	put_str(&priv, KEYTYPE, strlen(KEYTYPE));
	put_str(&priv, k->pub, HH_KEY_PUB);
	put_str(&priv, k->sec, sizeof(k->sec));
	put_str(&priv, comment, strlen(comment));
	for (pad = 1; priv.len % 8 != 0; pad++) {
		char c = (char)pad;

		hh_table_put(&priv, &c, 1);
	}
	hh_table_put(&b, KEY_MAGIC, sizeof(KEY_MAGIC));
	put_str(&b, "none", 4);
	put_str(&b, "none", 4);
	put_str(&b, "", 0);
	put_u32(&b, 1);
	put_pub(&b, k->pub);
	put_str(&b, priv.s, priv.len);
	sodium_memzero(priv.s, priv.len);
	free(hh_table_done(&priv));
	hh_table_puts(&t, KEY_BEGIN);
	put_base64(&t, (const unsigned char *)b.s, b.len);
	hh_table_puts(&t, KEY_END "\n");
	sodium_memzero(b.s, b.len);
	free(hh_table_done(&b));
	return hh_table_done(&t);
}

int
hh_key_parse(struct hh_key *k, const char *text, size_t len)
{
	unsigned char *bin, pub[HH_KEY_PUB];
	const unsigned char *p;
	struct cur c, in;
	size_t binlen, n, nkeys, c1, c2;
	int bad;

	ready();
	if ((bin = unarmor(&binlen, text, len, KEY_BEGIN, KEY_END)) == NULL)
		return hh_error_set(HH_EINVALID, "not an OpenSSH private key");
	c.p = bin;
	c.n = binlen;
	bad = c.n < sizeof(KEY_MAGIC) ||
	    memcmp(c.p, KEY_MAGIC, sizeof(KEY_MAGIC)) != 0;
	if (!bad) {
		c.p += sizeof(KEY_MAGIC);
		c.n -= sizeof(KEY_MAGIC);
	}
	if (!bad && (get_is(&c, "none", 4) < 0 || get_is(&c, "none", 4) < 0)) {
		free(bin);
		return hh_error_set(HH_EINVALID, "an encrypted private key "
		    "(hh signs unattended: the key has no passphrase; "
		    "the file is readable by the records account alone)");
	}
	bad = bad || get_is(&c, "", 0) < 0 || get_u32(&c, &nkeys) < 0 ||
	    nkeys != 1 || get_pub(&c, pub) < 0 || get_str(&c, &in.p,
	    &in.n) < 0 || c.n != 0 || get_u32(&in, &c1) < 0 ||
	    get_u32(&in, &c2) < 0 || c1 != c2 ||
	    get_is(&in, KEYTYPE, strlen(KEYTYPE)) < 0 ||
	    get_is(&in, pub, HH_KEY_PUB) < 0 || get_str(&in, &p, &n) < 0 ||
	    n != sizeof(k->sec) || memcmp(p + HH_KEY_SEED, pub,
	    HH_KEY_PUB) != 0;
	if (!bad) {
		unsigned char check[HH_KEY_PUB];

		memcpy(k->pub, pub, HH_KEY_PUB);
		memcpy(k->sec, p, sizeof(k->sec));
		/* the secret half must be the public half's */
		crypto_sign_ed25519_sk_to_pk(check, k->sec);
		bad = memcmp(check, k->pub, HH_KEY_PUB) != 0;
	}
	sodium_memzero(bin, binlen);
	free(bin);
	if (bad) {
		sodium_memzero(k, sizeof(*k));
		return hh_error_set(HH_EINVALID, "not an Ed25519 private key "
		    "in OpenSSH's format (ssh-keygen -t ed25519)");
	}
	return HH_OK;
}

char *
hh_key_public_text(const unsigned char pub[HH_KEY_PUB])
{
	struct hh_buf b = { NULL, 0, 0 };
	size_t len;
	char *t, *out;

	ready();
	put_pub(&b, pub);
	/* the blob without its own length */
	len = sodium_base64_ENCODED_LEN(b.len - 4,
	    sodium_base64_VARIANT_ORIGINAL);
	t = hh_xmalloc(len);
	sodium_bin2base64(t, len, (unsigned char *)b.s + 4, b.len - 4,
	    sodium_base64_VARIANT_ORIGINAL);
	out = hh_xasprintf(KEYTYPE " %s", t);
	free(t);
	free(hh_table_done(&b));
	return out;
}

int
hh_key_public_parse(unsigned char pub[HH_KEY_PUB], const char *text,
    size_t len)
{
	unsigned char bin[128];
	struct hh_buf blob = { NULL, 0, 0 };
	struct cur c;
	size_t n, tl = strlen(KEYTYPE " ");
	int bad;

	ready();
	if (len < tl || memcmp(text, KEYTYPE " ", tl) != 0)
		return hh_error_set(HH_EINVALID, "not an ssh-ed25519 key");
	if (sodium_base642bin(bin, sizeof(bin), text + tl, len - tl, NULL, &n,
	    NULL, sodium_base64_VARIANT_ORIGINAL) < 0)
		return hh_error_set(HH_EINVALID, "ssh-ed25519 key: not base64");
	put_u32(&blob, n);
	hh_table_put(&blob, (const char *)bin, n);
	c.p = (const unsigned char *)blob.s;
	c.n = blob.len;
	bad = get_pub(&c, pub) < 0 || c.n != 0;
	free(hh_table_done(&blob));
	return bad ? hh_error_set(HH_EINVALID, "ssh-ed25519 key: not an "
	    "Ed25519 public key") : HH_OK;
}

void
hh_key_fingerprint(char out[HH_KEY_FPMAX], const unsigned char pub[HH_KEY_PUB])
{
	struct hh_buf b = { NULL, 0, 0 };
	unsigned char h[crypto_hash_sha256_BYTES];
	char t[sodium_base64_ENCODED_LEN(crypto_hash_sha256_BYTES,
	    sodium_base64_VARIANT_ORIGINAL_NO_PADDING)];

	ready();
	put_pub(&b, pub);
	crypto_hash_sha256(h, (unsigned char *)b.s + 4, b.len - 4);
	free(hh_table_done(&b));
	sodium_bin2base64(t, sizeof(t), h, sizeof(h),
	    sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
	snprintf(out, HH_KEY_FPMAX, "SHA256:%s", t);
}

/* What the signature signs: the message's hash in its SSHSIG frame. */
static void
signed_data(struct hh_buf *b, const char *data, size_t len)
{
	unsigned char h[crypto_hash_sha512_BYTES];

	crypto_hash_sha512(h, (const unsigned char *)data, len);
	hh_table_put(b, "SSHSIG", 6);
	put_str(b, NAMESPACE, strlen(NAMESPACE));
	put_str(b, "", 0);
	put_str(b, HASHALG, strlen(HASHALG));
	put_str(b, h, sizeof(h));
}

char *
hh_key_sign(const struct hh_key *k, const char *data, size_t len)
{
	struct hh_buf msg = { NULL, 0, 0 }, blob = { NULL, 0, 0 },
	    sigb = { NULL, 0, 0 }, t = { NULL, 0, 0 };
	unsigned char sig[crypto_sign_BYTES];

	ready();
	signed_data(&msg, data, len);
	crypto_sign_detached(sig, NULL, (unsigned char *)msg.s, msg.len,
	    k->sec);
	free(hh_table_done(&msg));
	put_str(&sigb, KEYTYPE, strlen(KEYTYPE));
	put_str(&sigb, sig, sizeof(sig));
	hh_table_put(&blob, "SSHSIG", 6);
	put_u32(&blob, 1);
	put_pub(&blob, k->pub);
	put_str(&blob, NAMESPACE, strlen(NAMESPACE));
	put_str(&blob, "", 0);
	put_str(&blob, HASHALG, strlen(HASHALG));
	put_str(&blob, sigb.s, sigb.len);
	free(hh_table_done(&sigb));
	hh_table_puts(&t, SIG_BEGIN);
	put_base64(&t, (const unsigned char *)blob.s, blob.len);
	hh_table_puts(&t, SIG_END "\n");
	free(hh_table_done(&blob));
	return hh_table_done(&t);
}

int
hh_key_verify(unsigned char pub[HH_KEY_PUB], const char *sig, size_t siglen,
    const char *data, size_t len)
{
	struct hh_buf msg = { NULL, 0, 0 };
	unsigned char *bin;
	const unsigned char *s;
	struct cur c, in;
	size_t n, ver, sn;
	int bad;

	ready();
	if ((bin = unarmor(&n, sig, siglen, SIG_BEGIN, SIG_END)) == NULL)
		return hh_error_set(HH_EINVALID, "not an SSH signature");
	c.p = bin;
	c.n = n;
	bad = c.n < 6 || memcmp(c.p, "SSHSIG", 6) != 0;
	if (!bad) {
		c.p += 6;
		c.n -= 6;
	}
	bad = bad || get_u32(&c, &ver) < 0 || ver != 1 ||
	    get_pub(&c, pub) < 0;
	if (bad) {
		free(bin);
		return hh_error_set(HH_EINVALID, "not an SSH signature by an "
		    "Ed25519 key");
	}
	if (get_is(&c, NAMESPACE, strlen(NAMESPACE)) < 0 ||
	    get_is(&c, "", 0) < 0 || get_is(&c, HASHALG, strlen(HASHALG)) < 0 ||
	    get_str(&c, &in.p, &in.n) < 0 || c.n != 0 ||
	    get_is(&in, KEYTYPE, strlen(KEYTYPE)) < 0 ||
	    get_str(&in, &s, &sn) < 0 || sn != crypto_sign_BYTES ||
	    in.n != 0) {
		free(bin);
		return hh_error_set(HH_EINVALID, "an SSH signature not made "
		    "as git makes them (namespace git, sha512)");
	}
	signed_data(&msg, data, len);
	bad = crypto_sign_verify_detached(s, (unsigned char *)msg.s, msg.len,
	    pub) != 0;
	free(hh_table_done(&msg));
	free(bin);
	return bad ? hh_error_set(HH_EINVALID, "the signature does not match "
	    "the commit (made for other contents)") : HH_OK;
}

/*
 * The allowed-signers file (ssh-keygen(1) ALLOWED SIGNERS): a line is
 * principals, options, the key; '#' begins a comment line.  hh writes the
 * options namespaces="git", valid-after and valid-before with UTC times
 * (YYYYMMDDHHMMSSZ), and reads only what it writes.
 */
void
hh_signers_free(struct hh_signers *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->n; i++)
		free(s->v[i].principal);
	free(s->v);
	free(s);
}

/* YYYYMMDD[HHMM[SS]]Z into *t. */
static int
sig_time(int64_t *t, const char *s, size_t n)
{
	int v[6] = { 0, 0, 0, 0, 0, 0 }, w[6] = { 4, 2, 2, 2, 2, 2 }, i;
	size_t at = 0, k;

	if (n == 0 || s[n - 1] != 'Z' || (n - 1 != 8 && n - 1 != 12 &&
	    n - 1 != 14))
		return -1;
	for (i = 0; i < 6 && at < n - 1; i++)
		for (k = 0; k < (size_t)w[i]; k++, at++) {
			if (s[at] < '0' || s[at] > '9')
				return -1;
			v[i] = v[i] * 10 + (s[at] - '0');
		}
	if (v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31 || v[3] > 23 ||
	    v[4] > 59 || v[5] > 59)
		return -1;
	*t = (int64_t)hh_time_from_civil(v[0], v[1], v[2]) * 86400 +
	    v[3] * 3600 + v[4] * 60 + v[5];
	return 0;
}

void
hh_signers_time(char out[HH_TIME_MAX], int64_t t)
{
	int y, m, d;
	int64_t s = ((t % 86400) + 86400) % 86400;

	hh_time_civil((int)((t - s) / 86400), &y, &m, &d);
	snprintf(out, HH_TIME_MAX, "%04d%02d%02d%02d%02d%02dZ", y, m, d,
	    (int)(s / 3600), (int)(s / 60 % 60), (int)(s % 60));
}

/* One option of a line (namespaces="git", valid-after="...") into sg. */
static int
signer_option(struct hh_signer *sg, const char *p, size_t n)
{
	const char *eq = memchr(p, '=', n);
	size_t kl, vl;

	if (eq == NULL || n - (size_t)(eq - p) < 3 || eq[1] != '"' ||
	    p[n - 1] != '"')
		return -1;
	kl = (size_t)(eq - p);
	vl = n - kl - 3;
	if (kl == 10 && memcmp(p, "namespaces", kl) == 0)
		return vl == 3 && memcmp(eq + 2, "git", 3) == 0 ? 0 : -1;
	if (kl == 11 && memcmp(p, "valid-after", kl) == 0)
		return sig_time(&sg->after, eq + 2, vl);
	if (kl == 12 && memcmp(p, "valid-before", kl) == 0)
		return sig_time(&sg->before, eq + 2, vl);
	return -1;
}

static int
signer_line(struct hh_signer *sg, const char *p, size_t n)
{
	const char *sp, *opt, *end = p + n;

	if ((sp = memchr(p, ' ', n)) == NULL || sp == p)
		return -1;
	sg->principal = hh_xasprintf("%.*s", (int)(sp - p), p);
	p = sp + 1;
	if ((size_t)(end - p) < 12 || memcmp(p, KEYTYPE " ", 12) != 0) {
		/* options: comma-separated, no blank, no comma in a value */
		if ((sp = memchr(p, ' ', (size_t)(end - p))) == NULL)
			return -1;
		while (p < sp) {
			for (opt = p; p < sp && *p != ','; p++)
				;
			if (signer_option(sg, opt, (size_t)(p - opt)) < 0)
				return -1;
			if (p < sp)
				p++;
		}
		p = sp + 1;
	}
	/* the key, and an optional comment after it */
	if ((sp = memchr(p + 12 < end ? p + 12 : end, ' ',
	    (size_t)(end - (p + 12 < end ? p + 12 : end)))) == NULL)
		sp = end;
	return hh_key_public_parse(sg->pub, p, (size_t)(sp - p)) < 0 ? -1 : 0;
}

int
hh_signers_parse(struct hh_signers **out, const char *text, size_t len)
{
	struct hh_signers *s = hh_xcalloc(1, sizeof(*s));
	const char *p = text, *end = text + len, *nl;
	size_t line = 0, cap = 0;

	*out = NULL;
	/* what hh writes is printable text: a NUL would cut a principal */
	for (p = text; p < end; p++)
		if ((unsigned char)*p < 0x20 && *p != '\n') {
			free(s);
			return hh_error_set(HH_EINVALID, "allowed_signers: a "
			    "control character (byte 0x%02x)", (unsigned)*p);
		}
	for (p = text; p < end; p = nl + 1) {
		struct hh_signer *sg;

		line++;
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if (nl == p || *p == '#')
			continue;
		if (s->n == cap) {
			cap = cap ? 2 * cap : 4;
			s->v = hh_xrealloc(s->v, cap * sizeof(*s->v));
		}
		sg = &s->v[s->n++];
		memset(sg, 0, sizeof(*sg));
		if (signer_line(sg, p, (size_t)(nl - p)) < 0) {
			hh_signers_free(s);
			return hh_error_set(HH_EINVALID, "allowed_signers line "
			    "%zu: not \"PRINCIPAL [namespaces=\"git\","
			    "valid-after=\"YYYYMMDDHHMMSSZ\",valid-before="
			    "\"...\"] ssh-ed25519 KEY\"", line);
		}
	}
	*out = s;
	return HH_OK;
}

int
hh_signers_allow(const struct hh_signers *s,
    const unsigned char pub[HH_KEY_PUB],
    int64_t when)
{
	char fp[HH_KEY_FPMAX], t[HH_TIME_MAX];
	const struct hh_signer *known = NULL;
	size_t i;

	for (i = 0; s != NULL && i < s->n; i++) {
		const struct hh_signer *sg = &s->v[i];

		if (memcmp(sg->pub, pub, HH_KEY_PUB) != 0)
			continue;
		known = sg;
		if ((sg->after == 0 || when >= sg->after) &&
		    (sg->before == 0 || when <= sg->before))
			return HH_OK;
	}
	hh_key_fingerprint(fp, pub);
	if (known == NULL)
		return hh_error_set(HH_EREFUSED, "signed by %s, a key "
		    "allowed_signers does not list", fp);
	hh_time_format(t, when);
	return hh_error_set(HH_EREFUSED, "signed by %s at %s, when "
	    "allowed_signers did not allow it (valid-%s)", fp, t,
	    known->before != 0 && when > known->before ? "before" : "after");
}
