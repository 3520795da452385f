/* text.c - UTF-8 text, identifiers and quoting for messages */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

/* Decode one UTF-8 sequence; returns its length or 0 if malformed. */
static size_t
utf8_decode(const unsigned char *s, size_t len, unsigned long *cp)
{
	size_t n, i;
	unsigned long c;

	if (len == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if ((s[0] & 0xe0) == 0xc0) {
		n = 2;
		c = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3;
		c = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		n = 4;
		c = s[0] & 0x07;
	} else
		return 0;
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	/* overlong forms, surrogates, beyond Unicode */
	if ((n == 2 && c < 0x80) || (n == 3 && c < 0x800) ||
	    (n == 4 && c < 0x10000) || c > 0x10ffff ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

const char *
hh_text_problem(const char *s, size_t len, int allow)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned long c;
	size_t n;

	while (len > 0) {
		if ((n = utf8_decode(p, len, &c)) == 0)
			return "not valid UTF-8 text";
		if ((c < 0x20 && !(c == '\t' && (allow & (HH_TEXT_TAB |
		    HH_TEXT_LINES))) && !(c == '\n' && (allow &
		    HH_TEXT_LINES))) || c == 0x7f || (c >= 0x80 && c < 0xa0))
			return "control character";
		if (hh_text_invisible(c))
			return "bidirectional control or zero-width character";
		p += n;
		len -= n;
	}
	return NULL;
}

int
hh_text_valid(const char *s, size_t len, int allow)
{
	return hh_text_problem(s, len, allow) == NULL;
}

size_t
hh_text_decode(const char *s, size_t len, unsigned long *cp)
{
	return utf8_decode((const unsigned char *)s, len, cp);
}

/*
 * Characters that change how text around them reads without being seen:
 * the bidirectional embeddings, overrides and isolates (U+202A-202E,
 * U+2066-2069), the marks LRM/RLM (U+200E-200F) and the zero-width ones
 * (U+200B, U+2060-2064, U+FEFF).  ZWNJ and ZWJ (U+200C-200D) are left:
 * scripts need them.  A name "U+202E ...gpj.exe" could show one thing and
 * be another.
 */
int
hh_text_invisible(unsigned long c)
{
	return c == 0x200b || c == 0x200e || c == 0x200f ||
	    (c >= 0x202a && c <= 0x202e) || (c >= 0x2060 && c <= 0x2064) ||
	    (c >= 0x2066 && c <= 0x2069) || c == 0xfeff;
}

int
hh_text_check(const char *what, const char *s, size_t max, int need)
{
	const char *why;

	if (s == NULL || *s == '\0')
		return need ? hh_error_set(HH_EINVALID, "%s: missing", what) :
		    HH_OK;
	if (strlen(s) > max)
		return hh_error_set(HH_EINVALID, "%s: longer than %zu bytes",
		    what, max);
	if ((why = hh_text_problem(s, strlen(s), 0)) != NULL &&
	    strncmp(why, "bidi", 4) == 0)
		return hh_error_set(HH_EINVALID, "%s: contains a %s", what,
		    why);
	if (why != NULL)
		return hh_error_set(HH_EINVALID, "%s: not valid UTF-8 text "
		    "(or contains control characters)", what);
	return HH_OK;
}

size_t
hh_text_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), w = 0, n;
	unsigned long c;

	while (len > 0) {
		if ((n = utf8_decode(p, len, &c)) == 0)
			n = 1, c = '?';
		/* combining marks take no column */
		if (!(c >= 0x300 && c <= 0x36f))
			w++;
		p += n;
		len -= n;
	}
	return w;
}

#define QUOTE_COLS 64	/* shown whole up to this many columns */
#define QUOTE_CUT 48	/* else this many, then "…(N bytes)" */
#define QUOTE_RING 4	/* results that may be in use at once */

/*
 * Untrusted text made fit for a one-line message.  A character is one
 * column; a control character (U+0000-U+001F, U+007F-U+009F) and every
 * byte that is not part of valid UTF-8 are written \xHH, one escape a
 * byte (ESC is \x1b, U+0085 is \xc2\x85), and the backslash is written \\
 * so that the escapes cannot be forged; an escape takes its length in
 * columns.  Text of more than QUOTE_COLS columns is cut to its first
 * QUOTE_CUT and "…(N bytes)" is added, N the length of s.  The result is
 * in one of QUOTE_RING static buffers used in turn: it stays valid until
 * QUOTE_RING more calls, enough for the arguments of one message.
 */
const char *
hh_text_quote(const char *s)
{
	static char ring[QUOTE_RING][QUOTE_COLS * 4 + 1];
	static unsigned next;
	const unsigned char *p = (const unsigned char *)s;
	size_t len, n, i, o = 0, cut = 0, cols = 0, w;
	unsigned long c;
	char *out;
	int esc;

	if (s == NULL)
		return "(null)";
	out = ring[next++ % QUOTE_RING];
	len = strlen(s);
	while (len > 0) {
		if ((n = utf8_decode(p, len, &c)) == 0)
			n = 1, c = 0, esc = 1;	/* not UTF-8: one byte */
		else
			esc = c < 0x20 || (c >= 0x7f && c < 0xa0) ||
			    hh_text_invisible(c);
		w = esc ? 4 * n : c == '\\' ? 2 : 1;
		if (cols + w > QUOTE_COLS)
			break;
		if (esc)
			for (i = 0; i < n; i++)
				o += (size_t)snprintf(out + o, 5, "\\x%02x",
				    p[i]);
		else if (c == '\\') {
			out[o++] = '\\';
			out[o++] = '\\';
		} else {
			memcpy(out + o, p, n);
			o += n;
		}
		if ((cols += w) <= QUOTE_CUT)
			cut = o;
		p += n;
		len -= n;
	}
	if (len > 0) {
		/* cut <= 4 * QUOTE_CUT, and the note takes at most 31 */
		snprintf(out + cut, sizeof(ring[0]) - cut, "…(%zu bytes)",
		    strlen(s));
		return out;
	}
	out[o] = '\0';
	return out;
}

/*
 * Text for a terminal, a printer or a file someone will cat: every
 * control character but the line end (C0 but \n and the \r of \r\n, DEL,
 * C1), every invisible character (hh_text_invisible) and every byte that
 * is not UTF-8 written \xHH a byte, as hh_text_quote does, but nothing cut
 * and the backslash left alone: text hh wrote is unchanged, and a forged
 * name cannot move the cursor, wipe a line, set a title or write to the
 * clipboard (OSC 52).  NULL if s needs nothing (most text), else the new
 * text (malloc'd).
 */
char *
hh_text_visible(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n, i, o = 0, left = len;
	unsigned long c;
	char *out = NULL;
	int esc;

	for (;;) {
		while (left > 0) {
			if ((n = utf8_decode(p, left, &c)) == 0)
				n = 1, esc = 1;
			else
				esc = (c < 0x20 && c != '\n' && !(c == '\r' &&
				    left > 1 && p[1] == '\n')) || (c >= 0x7f &&
				    c < 0xa0) || hh_text_invisible(c);
			if (esc && out == NULL)
				break;	/* count again, with room */
			if (esc)
				for (i = 0; i < n; i++)
					o += (size_t)snprintf(out + o, 5,
					    "\\x%02x", p[i]);
			else if (out != NULL)
				memcpy(out + o, p, n);
			if (!esc)
				o += n;
			p += n;
			left -= n;
		}
		if (out != NULL || left == 0)
			break;
		/* at most four bytes out for each in */
		out = hh_xmalloc(4 * len + 1);
		p = (const unsigned char *)s;
		left = len;
		o = 0;
	}
	if (out != NULL)
		out[o] = '\0';
	return out;
}

/* Vietnamese letters grouped by their base letter, for hh_text_fold. */
static const char *const fold_table[] = {
	"aàáảãạăằắẳẵặâầấẩẫậAÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ",
	"dđĐD",
	"eèéẻẽẹêềếểễệEÈÉẺẼẸÊỀẾỂỄỆ",
	"iìíỉĩịIÌÍỈĨỊ",
	"oòóỏõọôồốổỗộơờớởỡợOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ",
	"uùúủũụưừứửữựUÙÚỦŨỤƯỪỨỬỮỰ",
	"yỳýỷỹỵYỲÝỶỸỴ",
};

static int
fold_char(unsigned long c)
{
	const unsigned char *p;
	unsigned long t;
	size_t i, n, len;

	if (c < 0x80)
		return (c >= 'A' && c <= 'Z') ? (int)(c - 'A' + 'a') : (int)c;
	for (i = 0; i < sizeof(fold_table) / sizeof(fold_table[0]); i++) {
		p = (const unsigned char *)fold_table[i];
		len = strlen(fold_table[i]);
		while (len > 0 && (n = utf8_decode(p, len, &t)) > 0) {
			if (t == c)
				return fold_table[i][0];
			p += n;
			len -= n;
		}
	}
	return -1;
}

char *
hh_text_fold(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), n, o = 0;
	char *out = hh_xmalloc(len + 1);
	unsigned long c;
	int f;

	while (len > 0) {
		if ((n = utf8_decode(p, len, &c)) == 0)
			n = 1, c = '?';
		if (c >= 0x300 && c <= 0x36f)
			;	/* combining diacritic (NFD input) */
		else if ((f = fold_char(c)) >= 0)
			out[o++] = (char)f;
		else {
			memcpy(out + o, p, n);
			o += n;
		}
		p += n;
		len -= n;
	}
	out[o] = '\0';
	return out;
}

int
hh_text_id(const char *id)
{
	size_t i;

	if (id == NULL || id[0] == '\0' || strlen(id) > 64)
		return 0;
	for (i = 0; id[i]; i++) {
		char c = id[i];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9'))
			continue;
		if (i > 0 && (c == '.' || c == '_' || c == '-'))
			continue;
		return 0;
	}
	return 1;
}

/* An agency identifier, opaque: 2 to 32 bytes of capitals, digits and
 * dots, in parts that dots separate and none empty (no dot first, last or
 * next to another).  Which part names the province is not checked: the
 * 2018 identifiers end with it (000.17.22.H56), the 2026 ones start with
 * it (H15.50.05.13). */
int
hh_text_agency(const char *s)
{
	size_t i, n;

	if (s == NULL || (n = strlen(s)) < 2 || n > 32 || s[0] == '.' ||
	    s[n - 1] == '.')
		return 0;
	for (i = 0; s[i]; i++)
		if (s[i] == '.' ? s[i + 1] == '.' :
		    !((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'A' && s[i] <= 'Z')))
			return 0;
	return 1;
}

uint32_t
hh_text_hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

int
hh_text_digits(const char *s, int n)
{
	int v = 0;

	while (n-- > 0) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s++ - '0');
	}
	return v;
}

/* Damerau-Levenshtein distance of a and b (optimal string alignment, on
 * bytes: a Vietnamese letter mistyped counts as its bytes), capped: any
 * distance above cap is cap + 1.  Three rows of the matrix. */
static size_t
distance(const char *a, const char *b, size_t cap)
{
	size_t na = strlen(a), nb = strlen(b), i, j, best, d;
	size_t *m, *r0, *r1, *r2, *t;

	if ((na > nb ? na - nb : nb - na) > cap)
		return cap + 1;
	m = r0 = hh_xcalloc(3 * (nb + 1), sizeof(*m));
	r1 = r0 + nb + 1;
	r2 = r1 + nb + 1;
	for (j = 0; j <= nb; j++)
		r1[j] = j;
	for (i = 1; i <= na; i++) {
		r2[0] = best = i;
		for (j = 1; j <= nb; j++) {
			d = r1[j - 1] + (a[i - 1] != b[j - 1]);
			if (r1[j] + 1 < d)
				d = r1[j] + 1;
			if (r2[j - 1] + 1 < d)
				d = r2[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && r0[j - 2] + 1 < d)
				d = r0[j - 2] + 1;
			r2[j] = d;
			if (d < best)
				best = d;
		}
		if (best > cap) {
			free(m);
			return cap + 1;
		}
		t = r0, r0 = r1, r1 = r2, r2 = t;
	}
	d = r1[nb];
	free(m);
	return d > cap ? cap + 1 : d;
}

size_t
hh_text_nearest(char *buf, size_t size, const char *word,
    const char *const *known, size_t n, size_t cap)
{
	size_t i, d, best, len = 0, found = 0;

	if (size > 0)
		*buf = '\0';
	if (cap == 0)
		cap = (strlen(word) + 2) / 3;
	best = cap + 1;
	for (i = 0; i < n; i++)
		if ((d = distance(word, known[i], cap)) < best)
			best = d;
	for (i = 0; best <= cap && i < n && found < HH_NEAREST_MAX; i++) {
		if (distance(word, known[i], best) != best)
			continue;
		if (len < size)
			len += (size_t)snprintf(buf + len, size - len, "%s%s",
			    found ? ", " : "", known[i]);
		found++;
	}
	return found;
}
