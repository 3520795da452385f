/* util.c - memory, UTF-8, identifiers and files */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hh_impl.h"

void *
hh_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		abort();
	return p;
}

void *
hh_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		abort();
	return q;
}

char *
hh_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(hh_xmalloc(n), s, n);
}

char *
hh_xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		abort();
	s = hh_xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

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

int
hh_utf8_valid(const char *s, size_t len, int allow_newline)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned long c;
	size_t n;

	while (len > 0) {
		if ((n = utf8_decode(p, len, &c)) == 0)
			return 0;
		if (c < 0x20 && !(allow_newline && (c == '\n' || c == '\t')))
			return 0;
		if (c == 0x7f || (c >= 0x80 && c < 0xa0))
			return 0;
		p += n;
		len -= n;
	}
	return 1;
}

size_t
hh_utf8_width(const char *s)
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
hh_quote(const char *s)
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
			esc = c < 0x20 || (c >= 0x7f && c < 0xa0);
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

/* Vietnamese letters grouped by their base letter, for hh_fold. */
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
hh_fold(const char *s)
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
hh_id_valid(const char *id)
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

int
hh_agency_valid(const char *s)
{
	size_t i;

	if (s == NULL || *s == '\0' || strlen(s) > 32 || s[0] == '.')
		return 0;
	for (i = 0; s[i]; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'A' && s[i] <= 'Z') || s[i] == '.'))
			return 0;
	return 1;
}

int
hh_file_read(char **out, size_t *len_out, const char *path)
{
	struct stat st;
	char *buf = NULL;
	size_t len = 0, cap = 0;
	ssize_t n;
	int fd;

	*out = NULL;
	/* O_NONBLOCK: a FIFO left where a file was expected cannot hang us
	 * in open(); reading one is fine (a shell's <(...)) */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0) {
		if (errno == ENOENT)
			return hh_error_set(HH_ENOTFOUND, "%s: no such file",
			    path);
		return hh_error_set(HH_ERROR, "%s: %s", path,
		    strerror(errno));
	}
	if (fstat(fd, &st) < 0 || S_ISDIR(st.st_mode) ||
	    (S_ISREG(st.st_mode) && st.st_size > HH_FILE_MAX)) {
		close(fd);
		return S_ISDIR(st.st_mode) ? hh_error_set(HH_EINVALID,
		    "%s: a directory, not a file", path) :
		    hh_error_set(HH_EINVALID, "%s: larger than %d MiB", path,
		    HH_FILE_MAX >> 20);
	}
	if (!S_ISREG(st.st_mode))
		fcntl(fd, F_SETFL, 0);	/* a pipe: wait for the writer */
	for (;;) {
		if (cap - len < 4096)
			buf = hh_xrealloc(buf, cap = cap ? cap * 2 : 8192);
		if ((n = read(fd, buf + len, cap - len - 1)) < 0 &&
		    errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if ((len += (size_t)n) > HH_FILE_MAX)
			break;
	}
	close(fd);
	if (n < 0 || len > HH_FILE_MAX) {
		free(buf);
		return n < 0 ? hh_error_set(HH_ERROR, "%s: %s", path,
		    strerror(errno)) : hh_error_set(HH_EINVALID,
		    "%s: larger than %d MiB", path, HH_FILE_MAX >> 20);
	}
	buf[len] = '\0';
	*out = buf;
	if (len_out)
		*len_out = len;
	return HH_OK;
}

int
hh_file_write(const char *path, const char *data, size_t len, int dosync)
{
	char *tmp = hh_xasprintf("%s.tmp-XXXXXX", path);
	int fd, error = HH_ERROR;
	size_t off = 0;
	ssize_t n;
	mode_t mask;

	/* made with O_EXCL: a file or link someone put in the way is never
	 * written through; the mode is what the umask gives a new file */
	if ((fd = mkstemp(tmp)) < 0) {
		hh_error_set(HH_ERROR, "%s: %s", path, strerror(errno));
		goto out;
	}
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) < 0) {
		hh_error_set(HH_ERROR, "%s: %s", path, strerror(errno));
		close(fd);
		unlink(tmp);
		goto out;
	}
	while (off < len) {
		if ((n = write(fd, data + off, len - off)) < 0) {
			if (errno == EINTR)
				continue;
			hh_error_set(HH_ERROR, "%s: %s", path, strerror(errno));
			close(fd);
			unlink(tmp);
			goto out;
		}
		off += (size_t)n;
	}
	if ((dosync && fsync(fd) < 0) || close(fd) < 0) {
		hh_error_set(HH_ERROR, "%s: %s", path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	if (rename(tmp, path) < 0) {
		hh_error_set(HH_ERROR, "%s: %s", path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	error = HH_OK;
out:
	free(tmp);
	return error;
}
