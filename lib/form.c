/*
 * form.c - the printed forms (Circular 01/2018/TT-VPCP, then 03/2025): each
 * hh_form_* builds one description of its form (struct form: a list of
 * blocks), which text() prints in 72 columns and html() as a section of
 * a printable page.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <qrencode.h>

#include "core.h"

#define WIDTH 72	/* columns of a text form */
#define HALF 36		/* each column of a two-column block */

void
hh_form_time(char buf[64], int64_t t)
{
	int y, m, d, min = hh_time_minute(t);

	hh_time_civil(hh_time_day(t), &y, &m, &d);
	snprintf(buf, 64, "%02d giờ %02d phút, ngày %02d/%02d/%04d", min / 60,
	    min % 60, d, m, y);
}

/*
 * The form model.  A form is a list of blocks; every string is the
 * block's (malloc'd), user text as it came: the renderers wrap and
 * escape it.
 */
enum kind {
	K_HEAD,		/* s[0] the issuing unit, s[1] its number line */
	K_DATE,		/* s[0] "<place>, ngày dd tháng mm năm yyyy" */
	K_TITLE,	/* s[0] the form's name */
	K_SUB,		/* s[0] a line centred under it */
	K_PARA,		/* s[0] a paragraph */
	K_ITEM,		/* s[0] its marker ("1)", "-" or ""), s[1] text */
	K_TABLE,	/* ncols * nrows cells, row 0 the heads */
	K_SIGN,		/* s[0..2] role, hint, name left; s[3..5] right */
	K_QR,		/* s[0] the text a QR code carries (HTML only) */
	K_GAP,		/* a blank line (text only) */
};
#define NSTR 6

struct block {
	enum kind kind;
	char *s[NSTR];
	size_t lead;		/* K_ITEM: columns before the marker */
	size_t ncols, nrows;	/* K_TABLE */
	const size_t *width;	/* K_TABLE: text columns of each */
	char **cells;
};

struct form {
	struct block *b;
	size_t n;
};

static struct block *
add(struct form *f, enum kind kind)
{
	struct block *b;

	f->b = hh_xrealloc(f->b, (f->n + 1) * sizeof(*f->b));
	b = &f->b[f->n++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	return b;
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? hh_xstrdup(s) : NULL;
}

static void
one(struct form *f, enum kind kind, const char *s)
{
	add(f, kind)->s[0] = hh_xstrdup(s ? s : "");
}

static void
gap(struct form *f)
{
	add(f, K_GAP);
}

static void
para(struct form *f, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
para(struct form *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add(f, K_PARA)->s[0] = hh_xvasprintf(fmt, ap);
	va_end(ap);
}

/* "Label: value", dots for a value not given. */
static void
field(struct form *f, const char *label, const char *v)
{
	para(f, "%s: %s", label, v && *v ? v : "...................");
}

static void
item(struct form *f, size_t lead, const char *marker, const char *text)
{
	struct block *b = add(f, K_ITEM);

	b->lead = lead;
	b->s[0] = hh_xstrdup(marker);
	b->s[1] = hh_xstrdup(text);
}

static struct block *
table(struct form *f, size_t ncols, const size_t *width,
    const char *const *heads)
{
	struct block *b = add(f, K_TABLE);
	size_t i;

	b->ncols = ncols;
	b->width = width;
	b->nrows = 1;
	b->cells = hh_xcalloc(ncols, sizeof(*b->cells));
	for (i = 0; i < ncols; i++)
		b->cells[i] = hh_xstrdup(heads[i]);
	return b;
}

/* A row of the table; cells may hold line breaks. */
static void
row(struct block *b, const char *const *cell)
{
	size_t i;

	b->cells = hh_xrealloc(b->cells, (b->nrows + 1) * b->ncols *
	    sizeof(*b->cells));
	for (i = 0; i < b->ncols; i++)
		b->cells[b->nrows * b->ncols + i] = hh_xstrdup(cell[i] ?
		    cell[i] : "");
	b->nrows++;
}

/* Signatures: a left one (role NULL: none) and a right one. */
static void
sign(struct form *f, const char *lrole, const char *lhint,
    const char *lname, const char *rrole, const char *rhint,
    const char *rname)
{
	struct block *b = add(f, K_SIGN);

	b->s[0] = dup_or_null(lrole);
	b->s[1] = dup_or_null(lhint);
	b->s[2] = dup_or_null(lname);
	b->s[3] = dup_or_null(rrole);
	b->s[4] = dup_or_null(rhint);
	b->s[5] = dup_or_null(rname);
}

static void
form_free(struct form *f)
{
	size_t i, k;

	for (i = 0; i < f->n; i++) {
		for (k = 0; k < NSTR; k++)
			free(f->b[i].s[k]);
		for (k = 0; k < f->b[i].ncols * f->b[i].nrows; k++)
			free(f->b[i].cells[k]);
		free(f->b[i].cells);
	}
	free(f->b);
}

/*
 * The text renderer.
 */

/* Lines of text: a growing vector of malloc'd strings. */
struct lines {
	char **v;
	size_t n;
};

static void
lines_add(struct lines *l, char *s)
{
	l->v = hh_xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
	l->v[l->n++] = s;
}

static void
lines_free(struct lines *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* The width of the first n bytes of s. */
static size_t
width_n(const char *s, size_t n)
{
	char *t = hh_xasprintf("%.*s", (int)n, s);
	size_t w = hh_text_width(t);

	free(t);
	return w;
}

/* The bytes of the longest start of word at most width columns (one
 * character at least). */
static size_t
prefix(const char *word, size_t width)
{
	size_t len = strlen(word), n = 0, next;

	while (n < len) {
		for (next = n + 1; next < len &&
		    ((unsigned char)word[next] & 0xc0) == 0x80; next++)
			;
		if (n > 0 && width_n(word, next) > width)
			break;
		n = next;
	}
	return n;
}

/*
 * Word-wrap text (lines split at \n) to width display columns, appending
 * to l; a word wider than a line is cut.  An empty text is one empty
 * line.
 */
static void
wrap(struct lines *l, const char *text, size_t width)
{
	char *copy = hh_xstrdup(text), *line, *word, *cur, *t;
	char *lsave = NULL, *wsave = NULL;
	const char *p;
	size_t n;

	if (width < 1)
		width = 1;
	for (line = strtok_r(copy, "\n", &lsave); line;
	    line = strtok_r(NULL, "\n", &lsave)) {
		cur = NULL;
		for (word = strtok_r(line, " ", &wsave); word;
		    word = strtok_r(NULL, " ", &wsave)) {
			if (cur != NULL && hh_text_width(cur) + 1 +
			    hh_text_width(word) <= width) {
				t = hh_xasprintf("%s %s", cur, word);
				free(cur);
				cur = t;
				continue;
			}
			if (cur != NULL)
				lines_add(l, cur);
			cur = NULL;
			for (p = word; hh_text_width(p) > width; p += n) {
				n = prefix(p, width);
				lines_add(l, hh_xasprintf("%.*s", (int)n, p));
			}
			cur = hh_xstrdup(p);
		}
		lines_add(l, cur ? cur : hh_xstrdup(""));
	}
	if (l->n == 0 || *text == '\0')
		lines_add(l, hh_xstrdup(""));
	free(copy);
}

/* s centred in width columns, blanks after it left to the caller. */
static void
put_centred(struct hh_buf *o, const char *s, size_t width, int fill)
{
	size_t w = hh_text_width(s), pad = w < width ? (width - w) / 2 : 0;

	hh_table_pad(o, pad);
	hh_table_puts(o, s);
	if (fill && w + pad < width)
		hh_table_pad(o, width - w - pad);
}

/* Two columns of HALF, each line centred in its own. */
static void
text_columns(struct hh_buf *o, const struct lines *l, const struct lines *r)
{
	size_t i, n = l->n > r->n ? l->n : r->n;

	for (i = 0; i < n; i++) {
		put_centred(o, i < l->n ? l->v[i] : "", HALF, 1);
		if (i < r->n)
			put_centred(o, r->v[i], HALF, 0);
		hh_table_eol(o);
	}
}

static void
text_centred(struct hh_buf *o, const char *s)
{
	struct lines l = { NULL, 0 };
	size_t i;

	wrap(&l, s, WIDTH);
	for (i = 0; i < l.n; i++) {
		put_centred(o, l.v[i], WIDTH, 0);
		hh_table_eol(o);
	}
	lines_free(&l);
}

static void
text_rule(struct hh_buf *o, const struct block *b)
{
	size_t i, j;

	for (i = 0; i < b->ncols; i++) {
		hh_table_puts(o, "+");
		for (j = 0; j < b->width[i] + 2; j++)
			hh_table_puts(o, "-");
	}
	hh_table_puts(o, "+\n");
}

static void
text_table(struct hh_buf *o, const struct block *b)
{
	struct lines *l = hh_xcalloc(b->ncols, sizeof(*l));
	size_t r, i, k, n, w;
	const char *s;

	text_rule(o, b);
	for (r = 0; r < b->nrows; r++) {
		n = 0;
		for (i = 0; i < b->ncols; i++) {
			wrap(&l[i], b->cells[r * b->ncols + i], b->width[i]);
			if (l[i].n > n)
				n = l[i].n;
		}
		for (k = 0; k < n; k++) {
			for (i = 0; i < b->ncols; i++) {
				s = k < l[i].n ? l[i].v[k] : "";
				w = hh_text_width(s);
				hh_table_puts(o, "| ");
				hh_table_puts(o, s);
				hh_table_pad(o, (w < b->width[i] ?
				    b->width[i] - w : 0) + 1);
			}
			hh_table_puts(o, "|\n");
		}
		text_rule(o, b);
		for (i = 0; i < b->ncols; i++)
			lines_free(&l[i]);
	}
	free(l);
}

/* A signature's lines: role, hint, room to sign, the name. */
static void
sign_lines(struct lines *l, const char *role, const char *hint,
    const char *name, size_t width)
{
	if (role == NULL)
		return;
	wrap(l, role, width);
	if (hint != NULL)
		wrap(l, hint, width);
	lines_add(l, hh_xstrdup(""));
	lines_add(l, hh_xstrdup(""));
	lines_add(l, hh_xstrdup(""));
	if (name != NULL && *name)
		wrap(l, name, width);
}

static const char *const nation[] = {
	"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
	"Độc lập - Tự do - Hạnh phúc",
	"---------------",
};

static char *
text(const struct form *f)
{
	struct hh_buf o = { NULL, 0, 0 };
	struct lines l = { NULL, 0 }, r = { NULL, 0 };
	const struct block *b;
	char *marker;
	size_t i, k, hang;

	for (i = 0; i < f->n; i++) {
		b = &f->b[i];
		switch (b->kind) {
		case K_HEAD:
			/* the nation's lines are narrower than HALF: the
			 * unit's may fill its column */
			wrap(&l, b->s[0], HALF);
			if (b->s[1] != NULL)
				wrap(&l, b->s[1], HALF);
			for (k = 0; k < 3; k++)
				lines_add(&r, hh_xstrdup(nation[k]));
			text_columns(&o, &l, &r);
			break;
		case K_DATE:
			wrap(&r, b->s[0], HALF);
			text_columns(&o, &l, &r);
			break;
		case K_TITLE:
		case K_SUB:
			text_centred(&o, b->s[0]);
			break;
		case K_PARA:
			wrap(&l, b->s[0], WIDTH);
			for (k = 0; k < l.n; k++) {
				hh_table_puts(&o, l.v[k]);
				hh_table_eol(&o);
			}
			break;
		case K_ITEM:
			marker = hh_xasprintf("%s%s", b->s[0], *b->s[0] ?
			    " " : "");
			hang = b->lead + hh_text_width(marker);
			wrap(&l, b->s[1], WIDTH - hang);
			for (k = 0; k < l.n; k++) {
				hh_table_pad(&o, k == 0 ? b->lead : hang);
				if (k == 0)
					hh_table_puts(&o, marker);
				hh_table_puts(&o, l.v[k]);
				hh_table_eol(&o);
			}
			free(marker);
			break;
		case K_TABLE:
			text_table(&o, b);
			break;
		case K_SIGN:
			sign_lines(&l, b->s[0], b->s[1], b->s[2], HALF - 1);
			sign_lines(&r, b->s[3], b->s[4], b->s[5], HALF);
			text_columns(&o, &l, &r);
			break;
		case K_QR:
			break;
		case K_GAP:
			hh_table_puts(&o, "\n");
			break;
		}
		lines_free(&l);
		lines_free(&r);
	}
	return hh_table_done(&o);
}

/*
 * The HTML renderer: one <section> a form, in the page of
 * hh_form_page_begin and hh_form_page_end.
 */

static const char page_begin[] =
"<!DOCTYPE html>\n"
"<html lang=\"vi\">\n"
"<head>\n"
"<meta charset=\"utf-8\">\n"
"<title>Biểu mẫu</title>\n"
"<style>\n"
"@page { size: A4; margin: 20mm 15mm 20mm 25mm; }\n"
"html { background: #fff; }\n"
"body { font-family: \"Times New Roman\", Times, \"Liberation Serif\", "
"\"Nimbus Roman\", \"DejaVu Serif\", serif; font-size: 13pt; "
"line-height: 1.3; color: #000; margin: 0; }\n"
"section.form { break-after: page; page-break-after: always; }\n"
"section.form:last-of-type { break-after: auto; "
"page-break-after: auto; }\n"
"table.head, table.sign { width: 100%; border-collapse: collapse; }\n"
"table.head td, table.sign td { width: 50%; vertical-align: top; "
"text-align: center; padding: 0 2pt; }\n"
"table.head td.unit { font-weight: bold; }\n"
"table.head { font-size: 12pt; }\n"
"table.head td.nation b { display: block; white-space: nowrap; }\n"
".rule { width: 40%; margin: 2pt auto 4pt; border-top: 1px solid #000; }\n"
"p { margin: 3pt 0; text-align: justify; }\n"
"p.date { margin: 10pt 0 10pt 50%; text-align: center; "
"font-style: italic; }\n"
"h1 { font-size: 14pt; text-align: center; margin: 12pt 0 2pt; }\n"
"p.sub { text-align: center; margin: 0; }\n"
"p.item { margin-left: 2em; }\n"
"table.grid { width: 100%; border-collapse: collapse; margin: 6pt 0; "
"font-size: 12pt; }\n"
"table.grid th, table.grid td { border: 1px solid #000; padding: 2pt 4pt; "
"vertical-align: top; text-align: left; }\n"
"table.sign { margin-top: 14pt; page-break-inside: avoid; }\n"
".role { font-weight: bold; }\n"
".hint { font-style: italic; }\n"
".space { height: 22mm; }\n"
".name { font-weight: bold; }\n"
"div.qr { text-align: center; margin: 6pt 0; }\n"
"div.qr svg { width: 35mm; height: 35mm; }\n"
"@media screen { body { max-width: 170mm; margin: 10mm auto; } }\n"
"@media print { body { margin: 0; } }\n"
"</style>\n"
"</head>\n"
"<body>\n";

static const char page_end[] = "</body>\n</html>\n";

const char *
hh_form_page_begin(void)
{
	return page_begin;
}

const char *
hh_form_page_end(void)
{
	return page_end;
}

/* s escaped, its line breaks as <br>. */
static void
html_lines(struct hh_buf *o, const char *s)
{
	const char *nl;
	char *t;

	while ((nl = strchr(s, '\n')) != NULL) {
		t = hh_xasprintf("%.*s", (int)(nl - s), s);
		hh_table_html_text(o, t);
		free(t);
		hh_table_puts(o, "<br>");
		s = nl + 1;
	}
	hh_table_html_text(o, s);
}

/* The QR code of s as an inline SVG: one path of the dark modules, a
 * quiet zone of 4 (nothing if it cannot be encoded). */
static void
html_qr(struct hh_buf *o, const char *s)
{
	QRcode *q = QRcode_encodeString(s, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	int x, y, run, size;

	if (q == NULL)
		return;
	size = q->width + 8;
	hh_table_printf(o, "<div class=\"qr\"><svg viewBox=\"0 0 %d %d\" "
	    "shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"",
	    size, size);
	hh_table_html_text(o, s);
	hh_table_printf(o, "\"><rect width=\"%d\" height=\"%d\" "
	    "fill=\"#fff\"/><path fill=\"#000\" d=\"", size, size);
	for (y = 0; y < q->width; y++)
		for (x = 0; x < q->width; x += run ? run : 1) {
			for (run = 0; x + run < q->width &&
			    (q->data[y * q->width + x + run] & 1); run++)
				;
			if (run > 0)
				hh_table_printf(o, "M%d %dh%dv1h-%dz", x + 4,
				    y + 4, run, run);
		}
	hh_table_puts(o, "\"/></svg></div>\n");
	QRcode_free(q);
}

static void
html_sign(struct hh_buf *o, const char *role, const char *hint,
    const char *name)
{
	hh_table_puts(o, "<td>");
	if (role != NULL) {
		hh_table_puts(o, "<div class=\"role\">");
		hh_table_html_text(o, role);
		hh_table_puts(o, "</div>");
		if (hint != NULL) {
			hh_table_puts(o, "<div class=\"hint\">");
			hh_table_html_text(o, hint);
			hh_table_puts(o, "</div>");
		}
		hh_table_puts(o, "<div class=\"space\"></div><div "
		    "class=\"name\">");
		hh_table_html_text(o, name ? name : "");
		hh_table_puts(o, "</div>");
	}
	hh_table_puts(o, "</td>");
}

static char *
html(const struct form *f)
{
	struct hh_buf o = { NULL, 0, 0 };
	const struct block *b;
	size_t i, r, k;

	hh_table_puts(&o, "<section class=\"form\">\n");
	for (i = 0; i < f->n; i++) {
		b = &f->b[i];
		switch (b->kind) {
		case K_HEAD:
			hh_table_puts(&o, "<table class=\"head\"><tr>"
			    "<td class=\"unit\">");
			hh_table_html_text(&o, b->s[0]);
			hh_table_puts(&o, "<div class=\"rule\"></div>");
			if (b->s[1] != NULL) {
				hh_table_puts(&o, "<span style=\"font-weight: "
				    "normal\">");
				hh_table_html_text(&o, b->s[1]);
				hh_table_puts(&o, "</span>");
			}
			hh_table_puts(&o, "</td><td class=\"nation\">");
			hh_table_printf(&o, "<b>%s</b><b>%s</b>", nation[0],
			    nation[1]);
			hh_table_puts(&o, "<div class=\"rule\"></div>"
			    "</td></tr></table>\n");
			break;
		case K_DATE:
			hh_table_puts(&o, "<p class=\"date\">");
			hh_table_html_text(&o, b->s[0]);
			hh_table_puts(&o, "</p>\n");
			break;
		case K_TITLE:
			hh_table_puts(&o, "<h1>");
			hh_table_html_text(&o, b->s[0]);
			hh_table_puts(&o, "</h1>\n");
			break;
		case K_SUB:
		case K_PARA:
			hh_table_puts(&o, b->kind == K_SUB ?
			    "<p class=\"sub\">" : "<p>");
			hh_table_html_text(&o, b->s[0]);
			hh_table_puts(&o, "</p>\n");
			break;
		case K_ITEM:
			hh_table_puts(&o, b->lead ? "<p class=\"item\">" :
			    "<p>");
			if (*b->s[0]) {
				hh_table_html_text(&o, b->s[0]);
				hh_table_puts(&o, " ");
			}
			hh_table_html_text(&o, b->s[1]);
			hh_table_puts(&o, "</p>\n");
			break;
		case K_TABLE:
			hh_table_puts(&o, "<table class=\"grid\">\n");
			for (r = 0; r < b->nrows; r++) {
				hh_table_puts(&o, "<tr>");
				for (k = 0; k < b->ncols; k++) {
					hh_table_puts(&o, r ? "<td>" : "<th>");
					html_lines(&o,
					    b->cells[r * b->ncols + k]);
					hh_table_puts(&o, r ? "</td>" :
					    "</th>");
				}
				hh_table_puts(&o, "</tr>\n");
			}
			hh_table_puts(&o, "</table>\n");
			break;
		case K_SIGN:
			hh_table_puts(&o, "<table class=\"sign\"><tr>");
			html_sign(&o, b->s[0], b->s[1], b->s[2]);
			html_sign(&o, b->s[3], b->s[4], b->s[5]);
			hh_table_puts(&o, "</tr></table>\n");
			break;
		case K_QR:
			html_qr(&o, b->s[0]);
			break;
		case K_GAP:
			break;
		}
	}
	hh_table_puts(&o, "</section>\n");
	return hh_table_done(&o);
}

/* The form printed in format fmt, and freed. */
static char *
render(struct form *f, enum hh_format fmt)
{
	char *s = fmt == HH_FORMAT_HTML ? html(f) : text(f);

	form_free(f);
	return s;
}

/*
 * The forms' contents.
 */

static const char *
limit_text(const cJSON *limit, char buf[64])
{
	const cJSON *v = limit ? limit->child : NULL;
	const char *unit;

	if (v == NULL || !cJSON_IsNumber(v))
		return "";
	if (strcmp(v->string, "working_days") == 0)
		unit = "ngày làm việc";
	else if (strcmp(v->string, "working_hours") == 0)
		unit = "giờ làm việc";
	else
		unit = "ngày";
	if (v->valuedouble == 0 && strcmp(v->string, "working_days") == 0)
		snprintf(buf, 64, "trong ngày");
	else
		snprintf(buf, 64, "%g %s", v->valuedouble, unit);
	return buf;
}

/* The last event of the dossier with this action, or NULL. */
static const cJSON *
last_event(const cJSON *dos, const char *action)
{
	const cJSON *e, *found = NULL;

	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(dos, "events"))
		if (strcmp(hh_dossier_str(e, "action"), action) == 0)
			found = e;
	return found;
}

/* When the form of an event is issued: the time of the dossier's last
 * event with that action (0 if none: the first form set). */
static int64_t
issued(const cJSON *dos, const char *action)
{
	const cJSON *last = last_event(dos, action);
	int64_t t = 0;

	if (last != NULL)
		hh_time_parse(&t, hh_dossier_str(last, "at"));
	return t;
}

/*
 * Begin a form: the national heading beside the issuing unit and its
 * number line (or NULL), the place and date of issue, the form's name,
 * a line under it (or NULL) and its "(Mẫu số NN, ...)": name and number
 * those of the form set in force on the day it is issued
 * (hh_rules_forms_at).
 */
static void
form_open(struct form *f, const struct hh_center *c, const char *unit,
    enum hh_form_kind kind, int64_t issued_at, const char *number,
    const char *sub)
{
	const struct hh_form_set *fs = hh_rules_forms_at(c->rules, issued_at);
	struct block *b;
	char buf[128];
	int y, m, d;

	f->b = NULL;
	f->n = 0;
	b = add(f, K_HEAD);
	b->s[0] = hh_xstrdup(unit);
	b->s[1] = dup_or_null(number);
	hh_time_civil(hh_time_day(issued_at), &y, &m, &d);
	add(f, K_DATE)->s[0] = hh_xasprintf("%s%sngày %02d tháng %02d năm "
	    "%04d", c->place ? c->place : "", c->place ? ", " : "", d, m, y);
	gap(f);
	/* a form the set of its day lacks (a stop before 15/9/2025): the
	 * next set's title, without a number */
	if (fs->title[kind] == NULL && kind == HH_FORM_STOP)
		one(f, K_TITLE, "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ");
	else
		one(f, K_TITLE, fs->title[kind]);
	if (sub != NULL)
		one(f, K_SUB, sub);
	snprintf(buf, sizeof(buf), "(Mẫu số %02d, %s)", fs->number[kind],
	    fs->circular);
	if (fs->number[kind] != 0)
		one(f, K_SUB, buf);
}

static void
applicant(struct form *f, const cJSON *a)
{
	field(f, "Địa chỉ", hh_dossier_str(a, "address"));
	field(f, "Số điện thoại", hh_dossier_str(a, "phone"));
	field(f, "Email", hh_dossier_str(a, "email"));
}

/* "08 giờ 15 phút, ngày 30/09/2016" of a time member, or "". */
static const char *
form_time_of(char buf[64], const cJSON *obj, const char *key)
{
	int64_t t;

	buf[0] = '\0';
	if (hh_time_parse(&t, hh_dossier_str(obj, key)) == 0)
		hh_form_time(buf, t);
	return buf;
}

/* Like form_time_of, but the epoch for a missing or bad time (the forms
 * always print one). */
static const char *
form_time_or_epoch(char buf[64], const cJSON *obj, const char *key)
{
	int64_t t = 0;

	hh_time_parse(&t, hh_dossier_str(obj, key));
	hh_form_time(buf, t);
	return buf;
}

static const char *
staff_name(const struct hh_center *c, const char *id)
{
	const struct hh_staff *s = hh_center_staff(c, id);

	return s ? s->name : id;
}

static const char *
dept_name(const struct hh_center *c, const char *id)
{
	const struct hh_dept *dp = hh_center_dept(c, id);

	return dp ? dp->name : id;
}

/*
 * Where a document of the receipt comes from, in the form's words:
 * "scanned", "online", "shown" or "database" (anything else: "").
 */
static const char *
doc_source_words(const char *source)
{
	static const struct {
		const char *source, *words;
	} w[] = {
		{ "scanned", "bản giấy, đã số hóa" },
		{ "online", "bản điện tử nộp trực tuyến" },
		{ "shown", "xuất trình để đối chiếu, không lưu" },
		{ "database", "khai thác từ cơ sở dữ liệu quốc gia" },
	};
	size_t i;

	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		if (strcmp(source, w[i].source) == 0)
			return w[i].words;
	return "";
}

char *
hh_form_receipt(const struct hh_center *c, const struct hh_staff *actor,
    const cJSON *dos, enum hh_format fmt)
{
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(dos, "procedure");
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(dos, "applicant");
	const cJSON *docs = cJSON_GetObjectItemCaseSensitive(dos, "documents");
	const cJSON *v;
	const char *name, *words, *fee;
	struct form f;
	char t[64], lim[64], num[16], *code, *s;
	int i = 0;

	code = hh_xasprintf("Mã hồ sơ: %s", hh_dossier_str(dos, "code"));
	form_open(&f, c, c->name, HH_FORM_RECEIPT, issued(dos, "intake"),
	    NULL, code);
	free(code);
	one(&f, K_QR, hh_dossier_str(dos, "code"));
	gap(&f);
	para(&f, "%s đã tiếp nhận hồ sơ của: %s", c->name,
	    hh_dossier_str(a, "name"));
	applicant(&f, a);
	para(&f, "Nội dung yêu cầu giải quyết: %s", hh_dossier_str(p, "name"));
	item(&f, 0, "1.", "Thành phần hồ sơ:");
	/* a document is a name, or {"name", "source"}; a name alone came
	 * the way the dossier did */
	cJSON_ArrayForEach(v, docs) {
		if (!cJSON_IsString(v) && !cJSON_IsObject(v))
			continue;
		name = hh_dossier_doc_name(v);
		words = doc_source_words(hh_dossier_doc_source(v, dos));
		s = *words ? hh_xasprintf("%s (%s)", name, words) :
		    hh_xstrdup(name);
		snprintf(num, sizeof(num), "%d)", ++i);
		item(&f, 3, num, s);
		free(s);
	}
	if (i == 0)
		item(&f, 3, "", "(không có)");
	item(&f, 0, "2.", "Số lượng hồ sơ: 01 bộ");
	s = hh_xasprintf("Thời gian giải quyết hồ sơ theo quy định: %s",
	    limit_text(cJSON_GetObjectItemCaseSensitive(p, "limit"), lim));
	item(&f, 0, "3.", s);
	free(s);
	s = hh_xasprintf("Thời gian nhận hồ sơ: %s", form_time_or_epoch(t,
	    dos, "received_at"));
	item(&f, 0, "4.", s);
	free(s);
	s = hh_xasprintf("Thời gian trả kết quả giải quyết hồ sơ: %s",
	    form_time_or_epoch(t, dos, "due_at"));
	item(&f, 0, "5.", s);
	free(s);
	s = hh_xasprintf("Đăng ký nhận kết quả tại: %s", c->name);
	item(&f, 0, "6.", s);
	free(s);
	/* the catalogue's fee at intake; a procedure that gives none: a
	 * line for the clerk to fill in (none given is not "free") */
	fee = hh_dossier_str(p, "fee");
	s = hh_xasprintf("Phí, lệ phí: %s", *fee ? fee :
	    "...................");
	item(&f, 0, "7.", s);
	free(s);
	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(dos,
	    "provisional")))
		item(&f, 3, "", "(hẹn tạm tính: lịch nghỉ năm này chưa được "
		    "công bố chính thức)");
	gap(&f);
	sign(&f, "NGƯỜI NỘP HỒ SƠ", "(Ký và ghi rõ họ tên)",
	    hh_dossier_str(a, "name"), "NGƯỜI TIẾP NHẬN HỒ SƠ",
	    "(Ký và ghi rõ họ tên)", actor ? actor->name : "");
	return render(&f, fmt);
}

/* The unit a staff member works in, as the forms name it: their
 * department, the centre for the one-stop unit's staff and for someone
 * not known. */
static const char *
unit_of(const struct hh_center *c, const struct hh_staff *who)
{
	const struct hh_dept *dp;

	if (who == NULL || strcmp(who->department, c->desk_unit) == 0 ||
	    (dp = hh_center_dept(c, who->department)) == NULL)
		return c->name;
	return dp->name;
}

/* "<lead> Ông/Bà liên hệ với NAME, UNIT (email: E) để được hướng dẫn.":
 * whom to ask, where they work, how to reach them. */
static void
help(struct form *f, const char *lead, const struct hh_center *c,
    const struct hh_staff *who, const char *name)
{
	if (who != NULL && who->email != NULL && *who->email)
		para(f, "%s Ông/Bà liên hệ với %s, %s (email: %s) để được "
		    "hướng dẫn.", lead, name, unit_of(c, who), who->email);
	else
		para(f, "%s Ông/Bà liên hệ với %s, %s để được hướng dẫn.",
		    lead, name, unit_of(c, who));
}

/*
 * Who asked for a supplement, and at which stage: the request's "stage"
 * and "by", else (a dossier from before they were recorded) the actor of
 * the last supplement event, at appraisal if a route came before it.
 */
static void
supplement_of(const cJSON *dos, const char **stage, const char **by)
{
	const cJSON *s = cJSON_GetObjectItemCaseSensitive(dos, "supplement");
	const cJSON *e, *last = last_event(dos, "supplement");
	int routed = 0;

	*stage = hh_dossier_str(s, "stage");
	*by = hh_dossier_str(s, "by");
	if (**stage == '\0') {
		*stage = "intake";
		cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(dos,
		    "events")) {
			if (e == last)
				break;
			if (strcmp(hh_dossier_str(e, "action"), "route") == 0)
				routed = 1;
		}
		if (routed && last != NULL)
			*stage = "appraisal";
	}
	if (**by == '\0' && last != NULL)
		*by = hh_dossier_str(last, "actor");
}

char *
hh_form_supplement(const struct hh_center *c, const struct hh_staff *actor,
    const cJSON *dos, enum hh_format fmt)
{
	static const size_t width[] = { 3, 46, 8 };
	static const char *const heads[] = {
		"STT",
		"Tên giấy tờ (bản chính, bản sao có chứng thực hoặc bản chụp)",
		"Số lượng",
	};
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(dos, "procedure");
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(dos, "applicant");
	const cJSON *s = cJSON_GetObjectItemCaseSensitive(dos, "supplement");
	const cJSON *v;
	const struct hh_staff *who;
	const char *stage, *by, *name, *unit, *cell[3];
	struct block *tb = NULL;
	struct form f;
	char *num, n[16];
	int i = 0, appraisal;

	supplement_of(dos, &stage, &by);
	appraisal = strcmp(stage, "appraisal") == 0;
	who = *by ? hh_center_staff(c, by) : actor;
	name = who ? who->name : *by ? by : NULL;
	/* help from who asked, at their own department (the centre's name
	 * for the one-stop unit's staff); the papers go to the one-stop
	 * unit at either stage (DOMAIN Part B §4.3) */
	unit = unit_of(c, who);

	num = hh_xasprintf("Số: %s/HDHS", hh_dossier_str(dos, "code"));
	form_open(&f, c, c->name, HH_FORM_SUPPLEMENT, issued(dos,
	    "supplement"), num, NULL);
	free(num);
	gap(&f);
	para(&f, "%s tiếp nhận hồ sơ của Ông/Bà: %s", c->name,
	    hh_dossier_str(a, "name"));
	para(&f, "Nội dung yêu cầu giải quyết: %s", hh_dossier_str(p, "name"));
	applicant(&f, a);
	para(&f, "Giai đoạn yêu cầu bổ sung: %s", appraisal ?
	    "thẩm định, giải quyết hồ sơ" : "tiếp nhận hồ sơ");
	if (name != NULL)
		para(&f, "Người yêu cầu bổ sung: %s, %s", name, unit);
	para(&f, "Yêu cầu Ông/Bà bổ sung, hoàn thiện hồ sơ gồm những nội "
	    "dung sau:");
	cJSON_ArrayForEach(v, cJSON_GetObjectItemCaseSensitive(s,
	    "documents")) {
		const char *doc = cJSON_IsString(v) ? v->valuestring :
		    hh_dossier_str(v, "name");

		if (*doc == '\0')
			continue;
		if (tb == NULL)
			tb = table(&f, 3, width, heads);
		snprintf(n, sizeof(n), "%d", ++i);
		cell[0] = n;
		cell[1] = doc;
		cell[2] = "01 bản";
		row(tb, cell);
	}
	if (i == 0)
		item(&f, 3, "", "(theo lý do nêu dưới đây)");
	para(&f, "Lý do: %s", hh_dossier_str(s, "reason"));
	para(&f, "Hồ sơ bổ sung, hoàn thiện Ông/Bà nộp tại %s.", c->name);
	help(&f, "Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc,", c,
	    who, name ? name : "người hướng dẫn");
	gap(&f);
	sign(&f, NULL, NULL, NULL, "NGƯỜI HƯỚNG DẪN", "(Ký và ghi rõ họ tên)",
	    name ? name : "");
	return render(&f, fmt);
}

char *
hh_form_refusal(const struct hh_center *c, const struct hh_staff *actor,
    const cJSON *dos, enum hh_format fmt)
{
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(dos, "procedure");
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(dos, "applicant");
	const cJSON *e = last_event(dos, "done");
	const cJSON *det = cJSON_GetObjectItemCaseSensitive(e, "details");
	const struct hh_staff *by;
	const struct hh_dept *dept;
	struct form f;
	char t[64];

	form_open(&f, c, c->name, HH_FORM_REFUSAL, issued(dos, "done"), NULL,
	    NULL);
	gap(&f);
	para(&f, "Mã hồ sơ: %s", hh_dossier_str(dos, "code"));
	para(&f, "%s tiếp nhận hồ sơ của: %s", c->name,
	    hh_dossier_str(a, "name"));
	applicant(&f, a);
	para(&f, "Nội dung yêu cầu giải quyết: %s", hh_dossier_str(p, "name"));
	para(&f, "Thời gian nhận hồ sơ: %s", form_time_or_epoch(t, dos,
	    "received_at"));
	dept = hh_center_dept(c, hh_dossier_str(p, "department"));
	para(&f, "Sau khi xem xét, đối chiếu hồ sơ, %s không tiếp nhận, giải "
	    "quyết hồ sơ này với lý do cụ thể như sau:", dept ? dept->name :
	    c->name);
	item(&f, 3, "", hh_dossier_str(det, "reason"));
	/* signed by who refused: at the counter the receiving clerk (the
	 * Circular's form), after appraisal the officer, by that name */
	by = hh_center_staff(c, hh_dossier_str(e, "actor"));
	if (by == NULL)
		by = actor;
	if (by != NULL)
		help(&f, "Mọi vướng mắc,", c, by, by->name);
	else
		para(&f, "Mọi vướng mắc, Ông/Bà liên hệ %s để được hướng dẫn.",
		    c->name);
	para(&f, "Xin trân trọng thông báo!");
	gap(&f);
	sign(&f, "NGƯỜI NỘP HỒ SƠ", "(Ký và ghi rõ họ tên)",
	    hh_dossier_str(a, "name"), by == NULL || strcmp(by->department,
	    c->desk_unit) == 0 ? "NGƯỜI TIẾP NHẬN HỒ SƠ" :
	    "NGƯỜI TỪ CHỐI GIẢI QUYẾT HỒ SƠ", "(Ký và ghi rõ họ tên)",
	    by ? by->name : "");
	return render(&f, fmt);
}

/* An extension's new date: "until" is a day (2016-09-16) or an
 * instant. */
static void
until_words(char buf[64], const char *until)
{
	int64_t t;
	int y, m, d;

	if (strlen(until) == 10 && sscanf(until, "%4d-%2d-%2d", &y, &m,
	    &d) == 3)
		snprintf(buf, 64, "ngày %02d/%02d/%04d", d % 100, m % 100,
		    y % 10000);
	else if (hh_time_parse(&t, until) == 0)
		hh_form_time(buf, t);
	else
		snprintf(buf, 64, "%s", until);
}

char *
hh_form_apology(const struct hh_center *c, const struct hh_staff *actor,
    const cJSON *dos, enum hh_format fmt)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(dos, "applicant");
	const cJSON *e = last_event(dos, "delay");
	const cJSON *det = cJSON_GetObjectItemCaseSensitive(e, "details");
	const cJSON *in = last_event(dos, "intake");
	const cJSON *x, *xd;
	const struct hh_staff *clerk, *signer;
	const struct hh_dept *dept;
	const char *agency;
	struct form f;
	char t[64], t2[64], day[64];
	int64_t at;
	int n = 0;

	(void)actor;	/* signed by who recorded the delay */
	/* issued by the department that holds the dossier */
	dept = hh_center_dept(c, hh_dossier_str(dos, "holder"));
	agency = dept ? dept->name : c->name;
	form_open(&f, c, agency, HH_FORM_APOLOGY, issued(dos, "delay"), NULL,
	    NULL);
	gap(&f);
	para(&f, "Kính gửi: Ông/Bà %s", hh_dossier_str(a, "name"));
	field(&f, "Địa chỉ", hh_dossier_str(a, "address"));
	field(&f, "Số điện thoại", hh_dossier_str(a, "phone"));
	clerk = hh_center_staff(c, hh_dossier_str(in, "actor"));
	para(&f, "Vào %s, %s tiếp nhận hồ sơ của Ông/Bà, do %s tiếp nhận.",
	    form_time_or_epoch(t, dos, "received_at"), c->name, clerk ?
	    clerk->name : hh_dossier_str(in, "actor"));
	para(&f, "Mã hồ sơ: %s", hh_dossier_str(dos, "code"));
	/* the instant this extension moves: recorded with it, else (an
	 * older dossier) the due instant */
	para(&f, "Thời gian hẹn trả kết quả giải quyết hồ sơ: %s.",
	    *hh_dossier_str(det, "due_before") ? form_time_or_epoch(t, det,
	    "due_before") : form_time_or_epoch(t, dos, "due_at"));
	para(&f, "Tuy nhiên đến nay, %s chưa trả kết quả giải quyết hồ sơ của "
	    "Ông/Bà đúng hạn.", agency);
	para(&f, "Lý do: %s", hh_dossier_str(det, "reason"));
	para(&f, "Sự chậm trễ này đã gây phiền hà, tốn kém chi phí đi lại "
	    "của Ông/Bà. %s xin lỗi Ông/Bà và đề nghị gia hạn, hẹn trả kết "
	    "quả giải quyết hồ sơ vào %s.", agency, form_time_or_epoch(t,
	    dos, "appointment_at"));
	/* every delay before this one */
	cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(dos,
	    "events")) {
		char *s;

		if (x == e)
			break;
		if (strcmp(hh_dossier_str(x, "action"), "delay") != 0)
			continue;
		if (n++ == 0)
			para(&f, "Các lần gia hạn trước:");
		xd = cJSON_GetObjectItemCaseSensitive(x, "details");
		at = 0;
		hh_time_parse(&at, hh_dossier_str(x, "at"));
		hh_table_day(day, hh_time_day(at));
		until_words(t2, hh_dossier_str(xd, "until"));
		if (*hh_dossier_str(xd, "due_before"))
			s = hh_xasprintf("ngày %s: từ %s đến %s", day,
			    form_time_or_epoch(t, xd, "due_before"), t2);
		else
			s = hh_xasprintf("ngày %s: hẹn lại đến %s", day, t2);
		snprintf(t, sizeof(t), "%d)", n);
		item(&f, 3, t, s);
		free(s);
	}
	if (n == 0)
		para(&f, "Các lần gia hạn trước: không");
	para(&f, "Xin trân trọng cảm ơn sự hợp tác của Ông/Bà!");
	gap(&f);
	para(&f, "Nơi nhận:");
	para(&f, "- Như trên;");
	para(&f, "- Bộ phận tiếp nhận và trả kết quả;");
	para(&f, "- Lưu: VT.");
	gap(&f);
	signer = hh_center_staff(c, hh_dossier_str(e, "actor"));
	sign(&f, NULL, NULL, NULL, "THỦ TRƯỞNG CƠ QUAN",
	    "(Ký, ghi rõ họ tên và đóng dấu)", signer ? signer->name :
	    hh_dossier_str(e, "actor"));
	return render(&f, fmt);
}

/* Mẫu 05: the class words of a share or a dossier ("" if none). */
static const char *
class_words(const char *cls)
{
	if (strcmp(cls, "early") == 0)
		return "Trước hạn";
	if (strcmp(cls, "on_time") == 0)
		return "Đúng hạn";
	if (strcmp(cls, "late") == 0)
		return "Quá hạn";
	return "";
}

/* The actor of the n-th event with this action, or "". */
static const char *
nth_actor(const cJSON *dos, const char *action, int nth)
{
	const cJSON *e;

	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(dos, "events"))
		if (strcmp(hh_dossier_str(e, "action"), action) == 0 &&
		    nth-- == 0)
			return hh_dossier_str(e, "actor");
	return "";
}

char *
hh_form_control(const struct hh_center *c, const struct hh_staff *actor,
    const cJSON *dos, enum hh_format fmt)
{
	/* 4 columns in 72: 59 of text, 13 of rules and blanks */
	static const size_t width[] = { 22, 17, 9, 11 };
	static const char *const heads[] = { "TÊN CƠ QUAN",
	    "THỜI GIAN GIAO, NHẬN HỒ SƠ", "KẾT QUẢ GIẢI QUYẾT HỒ SƠ",
	    "GHI CHÚ" };
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(dos, "procedure");
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(dos, "applicant");
	const cJSON *shares = cJSON_GetObjectItemCaseSensitive(dos, "shares");
	const cJSON *sh, *prev = NULL;
	const struct hh_staff *clerk;
	const char *desk, *main_dept, *status, *cell[4];
	struct hh_life lf;
	struct block *tb;
	char *c0, *c1, *c3, *co = hh_xstrdup(""), *t;
	char t1[64], t2[64];
	struct form f;
	int i = 0;

	(void)actor;	/* every form takes the same three */
	clerk = hh_center_staff(c, nth_actor(dos, "intake", 0));
	desk = clerk ? clerk->department : hh_dossier_str(dos, "holder");
	main_dept = hh_dossier_str(p, "department");
	status = hh_life_at(&lf, dos, INT64_MAX) < 0 ? "" :
	    hh_life_status_name(lf.status);
	cJSON_ArrayForEach(sh, shares) {
		const char *dep = hh_dossier_str(sh, "department");

		if (strcmp(dep, main_dept) == 0 || strstr(co,
		    dept_name(c, dep)) != NULL)
			continue;
		t = hh_xasprintf("%s%s%s", co, *co ? ", " : "",
		    dept_name(c, dep));
		free(co);
		co = t;
	}

	form_open(&f, c, c->name, HH_FORM_CONTROL, hh_dossier_last_at(dos),
	    NULL, NULL);
	gap(&f);
	para(&f, "Mã hồ sơ: %s", hh_dossier_str(dos, "code"));
	para(&f, "Tên người nộp hồ sơ: %s", hh_dossier_str(a, "name"));
	applicant(&f, a);
	para(&f, "Thủ tục: %s %s", hh_dossier_str(p, "code"),
	    hh_dossier_str(p, "name"));
	para(&f, "Ngày nhận hồ sơ: %s", form_time_of(t1, dos, "received_at"));
	para(&f, "Ngày hẹn trả kết quả: %s", form_time_of(t1, dos, "due_at"));
	if (*form_time_of(t2, dos, "appointment_at"))
		para(&f, "Ngày hẹn lại (Mẫu 04): %s", t2);
	para(&f, "Cơ quan chủ trì giải quyết: %s", dept_name(c, main_dept));
	para(&f, "Cơ quan phối hợp giải quyết: %s", *co ? co : "không");
	gap(&f);

	tb = table(&f, 4, width, heads);
	/* one row a hand-over; the result is the handing unit's */
	cJSON_ArrayForEach(sh, shares) {
		const char *from = prev ? hh_dossier_str(prev, "department") :
		    desk;
		const char *officer = hh_dossier_str(sh, "officer");

		c0 = hh_xasprintf("%d. Giao: %s\n%d. Nhận: %s", i * 2 + 1,
		    dept_name(c, from), i * 2 + 2,
		    dept_name(c, hh_dossier_str(sh, "department")));
		c1 = hh_xasprintf("%s\nNgười giao: %s\nNgười nhận: %s",
		    form_time_of(t1, sh, "from"),
		    staff_name(c, nth_actor(dos, "route", i)),
		    *officer ? staff_name(c, officer) : "");
		c3 = *form_time_of(t2, sh, "due_at") ?
		    hh_xasprintf("Hạn: %s", t2) : hh_xstrdup("");
		cell[0] = c0;
		cell[1] = c1;
		cell[2] = prev ? class_words(hh_dossier_str(prev, "class")) :
		    "";
		cell[3] = c3;
		row(tb, cell);
		free(c0);
		free(c1);
		free(c3);
		prev = sh;
		i++;
	}
	if (*hh_dossier_str(dos, "resolved_at")) {
		c0 = hh_xasprintf("%d. Giao: %s\n%d. Nhận: %s", i * 2 + 1,
		    dept_name(c, prev ? hh_dossier_str(prev, "department") :
		    desk), i * 2 + 2, dept_name(c, desk));
		cell[0] = c0;
		cell[1] = form_time_of(t1, dos, "resolved_at");
		cell[2] = class_words(hh_dossier_str(prev ? prev : dos,
		    "class"));
		cell[3] = strcmp(hh_dossier_str(dos, "outcome"), "refused") ==
		    0 ? "Từ chối giải quyết" : "Có kết quả";
		row(tb, cell);
		free(c0);
		i++;
	}
	if (strcmp(status, hh_life_status_name(HH_STATUS_RETURNED)) == 0) {
		c0 = hh_xasprintf("%d. Giao: %s\n%d. Nhận: %s (người nộp)",
		    i * 2 + 1, dept_name(c, desk), i * 2 + 2,
		    hh_dossier_str(a, "name"));
		cell[0] = c0;
		cell[1] = form_time_of(t1, dos, "returned_at");
		cell[2] = class_words(hh_dossier_str(dos, "class"));
		cell[3] = "Trả kết quả";
		row(tb, cell);
		free(c0);
	} else if (strcmp(status,
	    hh_life_status_name(HH_STATUS_WITHDRAWN)) == 0) {
		cell[0] = "Rút hồ sơ";
		cell[1] = "";
		cell[2] = "";
		cell[3] = "Người nộp rút hồ sơ";
		row(tb, cell);
	}

	/* each department's time with the dossier, as the table implies */
	gap(&f);
	para(&f, "Kết quả theo cơ quan:");
	if (cJSON_GetArraySize(shares) == 0)
		item(&f, 2, "", "(hồ sơ chưa chuyển đến cơ quan giải quyết)");
	cJSON_ArrayForEach(sh, shares) {
		const char *cls = class_words(hh_dossier_str(sh, "class"));
		char *s, *u;

		s = hh_xasprintf("%s: nhận %s",
		    dept_name(c, hh_dossier_str(sh, "department")),
		    form_time_of(t1, sh, "from"));
		if (*form_time_of(t2, sh, "done_at")) {
			u = hh_xasprintf("%s; giao %s", s, t2);
			free(s);
			s = u;
		}
		if (*form_time_of(t2, sh, "due_at")) {
			u = hh_xasprintf("%s; hạn %s", s, t2);
			free(s);
			s = u;
		}
		u = hh_xasprintf("%s; %s", s, *cls ? cls :
		    *hh_dossier_str(sh, "done_at") ? "không xếp loại" :
		    "đang giải quyết");
		item(&f, 2, "-", u);
		free(s);
		free(u);
	}
	if (*class_words(hh_dossier_str(dos, "class"))) {
		t = hh_xasprintf("Toàn bộ hồ sơ: %s",
		    class_words(hh_dossier_str(dos, "class")));
		item(&f, 2, "", t);
		free(t);
	}
	free(co);
	gap(&f);
	sign(&f, NULL, NULL, NULL, "NGƯỜI TIẾP NHẬN HỒ SƠ",
	    "(Ký và ghi rõ họ tên)", clerk ? clerk->name : "");
	return render(&f, fmt);
}

char *
hh_form_stop(const struct hh_center *c, const struct hh_staff *actor,
    const cJSON *dos, enum hh_format fmt)
{
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(dos, "procedure");
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(dos, "applicant");
	const cJSON *e = last_event(dos, "stop");
	const cJSON *det = cJSON_GetObjectItemCaseSensitive(e, "details");
	enum hh_life_status stage = HH_STATUS_RECEIVED;
	struct form f;
	char t[64], *num;

	num = hh_xasprintf("Số: %s/TB-DGQ", hh_dossier_str(dos, "code"));
	form_open(&f, c, c->name, HH_FORM_STOP, issued(dos, "stop"), num,
	    NULL);
	free(num);
	gap(&f);
	para(&f, "Kính gửi: Ông/Bà %s", hh_dossier_str(a, "name"));
	applicant(&f, a);
	para(&f, "Mã hồ sơ: %s", hh_dossier_str(dos, "code"));
	para(&f, "Nội dung yêu cầu giải quyết: %s", hh_dossier_str(p, "name"));
	para(&f, "Thời gian nhận hồ sơ: %s", form_time_or_epoch(t, dos,
	    "received_at"));
	para(&f, "%s thông báo dừng giải quyết hồ sơ nêu trên %s.", c->name,
	    strcmp(hh_dossier_str(det, "by"), "agency") == 0 ?
	    "theo quyết định của cơ quan có thẩm quyền" :
	    "theo đề nghị của người nộp hồ sơ");
	hh_life_status_parse(&stage, hh_dossier_str(det, "stage"));
	para(&f, "Giai đoạn đã giải quyết: %s", hh_life_status_label(stage));
	para(&f, "Lý do: %s", hh_dossier_str(det, "reason"));
	field(&f, "Phí, lệ phí đã thu", hh_dossier_str(det, "fee"));
	para(&f, "Xin trân trọng thông báo!");
	gap(&f);
	sign(&f, NULL, NULL, NULL, "NGƯỜI THÔNG BÁO", "(Ký và ghi rõ họ tên)",
	    actor ? actor->name : "");
	return render(&f, fmt);
}
