/* table.c - the text buffer, and the table that text, CSV and HTML share */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

int
hh_table_format_parse(enum hh_format *out, const char *s)
{
	static const char *const names[] = { "text", "csv", "json", "html" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (enum hh_format)i;
			return HH_OK;
		}
	return hh_error_set(HH_EINVALID, "\"%s\" is not text, csv, json or "
	    "html", hh_text_quote(s));
}

/*
 * The buffer.
 */
void
hh_table_put(struct hh_buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		while (b->len + n + 1 > b->cap)
			b->cap = b->cap ? b->cap * 2 : 1024;
		b->s = hh_xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
hh_table_puts(struct hh_buf *b, const char *s)
{
	hh_table_put(b, s, strlen(s));
}

void
hh_table_printf(struct hh_buf *b, const char *fmt, ...)
{
	va_list ap;
	char small[256], *big;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(small)) {
		hh_table_put(b, small, (size_t)n);
		return;
	}
	big = hh_xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	hh_table_put(b, big, (size_t)n);
	free(big);
}

void
hh_table_pad(struct hh_buf *b, size_t n)
{
	while (n-- > 0)
		hh_table_put(b, " ", 1);
}

void
hh_table_eol(struct hh_buf *b)
{
	while (b->len > 0 && b->s[b->len - 1] == ' ')
		b->s[--b->len] = '\0';
	hh_table_puts(b, "\n");
}

char *
hh_table_done(struct hh_buf *b)
{
	if (b->s == NULL)
		hh_table_put(b, "", 0);
	return b->s;
}

void
hh_table_html_text(struct hh_buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			hh_table_puts(b, "&amp;");
			break;
		case '<':
			hh_table_puts(b, "&lt;");
			break;
		case '>':
			hh_table_puts(b, "&gt;");
			break;
		case '"':
			hh_table_puts(b, "&quot;");
			break;
		case '\'':
			hh_table_puts(b, "&#39;");
			break;
		default:
			hh_table_put(b, s, 1);
		}
	}
}

/*
 * A CSV field, quoted when it must be (RFC 4180).  A field a spreadsheet
 * would take for a formula (starting with = + - @, a tab or a carriage
 * return: an online applicant may be named '=HYPERLINK(...)') is written
 * after a ', which spreadsheets show as text (OWASP's CSV injection rule).
 */
void
hh_table_csv_field(struct hh_buf *b, const char *s)
{
	const char *guard = *s != '\0' && strchr("=+-@\t\r", *s) != NULL ?
	    "'" : "";

	if (strpbrk(s, ",\"\r\n") == NULL) {
		hh_table_puts(b, guard);
		hh_table_puts(b, s);
		return;
	}
	hh_table_put(b, "\"", 1);
	hh_table_puts(b, guard);
	for (; *s; s++) {
		if (*s == '"')
			hh_table_put(b, "\"", 1);
		hh_table_put(b, s, 1);
	}
	hh_table_put(b, "\"", 1);
}

static const char html_head[] =
"<!DOCTYPE html>\n"
"<html lang=\"vi\">\n"
"<head>\n"
"<meta charset=\"utf-8\">\n"
"<title>%s</title>\n"
"<style>\n"
"body { font-family: \"Times New Roman\", serif; margin: 1.5em; }\n"
"h1 { font-size: 1.3em; text-align: center; text-transform: uppercase; }\n"
"h2 { font-size: 1.1em; }\n"
"p.meta { text-align: center; margin: 0.2em; }\n"
"table { border-collapse: collapse; margin: 1em auto; }\n"
"th, td { border: 1px solid #000; padding: 0.2em 0.4em; }\n"
"th { font-weight: bold; }\n"
"td.n { text-align: right; }\n"
"tr.total td { font-weight: bold; }\n"
"p.source { font-size: 0.8em; color: #444; }\n"
"p.form { margin: 0; font-size: 0.9em; }\n"
"table.sign { width: 100%%; margin-top: 2em; }\n"
"table.sign td { border: none; width: 50%%; text-align: center; "
"vertical-align: top; }\n"
"table.sign p { margin: 0.2em; }\n"
"@page { size: A4 landscape; margin: 1cm; }\n"
"</style>\n"
"</head>\n"
"<body>\n";

void
hh_table_html_begin(struct hh_buf *b, const char *title)
{
	hh_table_printf(b, html_head, title);
}

void
hh_table_day(char buf[HH_TIME_MAX], int day)
{
	int y, m, d;

	hh_time_civil(day, &y, &m, &d);
	snprintf(buf, HH_TIME_MAX, "%02d/%02d/%04d", d % 100, m % 100,
	    y % 10000);
}

void
hh_table_time(char buf[HH_TIME_MAX], int64_t t)
{
	char day[HH_TIME_MAX];
	int min = hh_time_minute(t);

	hh_table_day(day, hh_time_day(t));
	snprintf(buf, HH_TIME_MAX, "%.10s %02d:%02d", day, min / 60 % 100,
	    min % 60);
}

/*
 * The table.
 */
void
hh_table_add(struct hh_table *t, char **cells)
{
	size_t i;

	if (t->nrows == t->alloc) {
		t->alloc = t->alloc ? t->alloc * 2 : 64;
		t->cells = hh_xrealloc(t->cells,
		    t->alloc * t->ncols * sizeof(*t->cells));
	}
	for (i = 0; i < t->ncols; i++)
		t->cells[t->nrows * t->ncols + i] = cells[i];
	t->nrows++;
}

void
hh_table_release(struct hh_table *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	t->cells = NULL;
	t->nrows = t->alloc = 0;
}

const char *
hh_table_cell(const struct hh_table *t, size_t row, size_t col)
{
	return t->cells[row * t->ncols + col];
}

void
hh_table_drop(struct hh_table *t, size_t col, const char **heads,
    const char **groups, const char **keys, int *right)
{
	size_t i, j, o = 0;

	for (j = 0; j < t->ncols; j++) {
		if (j == col)
			continue;
		heads[o] = t->heads[j];
		groups[o] = t->groups ? t->groups[j] : NULL;
		keys[o] = t->keys[j];
		right[o++] = t->right[j];
	}
	for (i = 0; i < t->nrows; i++) {
		free(t->cells[i * t->ncols + col]);
		for (j = 0, o = 0; j < t->ncols; j++)
			if (j != col)
				t->cells[i * (t->ncols - 1) + o++] =
				    t->cells[i * t->ncols + j];
	}
	t->ncols--;
	t->heads = heads;
	t->groups = t->groups ? groups : NULL;
	t->keys = keys;
	t->right = right;
}

static void
text_cell(struct hh_buf *b, const char *s, size_t w, int right, int last)
{
	size_t sw = hh_text_width(s);

	if (right)
		hh_table_pad(b, w - sw);
	hh_table_puts(b, s);
	if (!right && !last)
		hh_table_pad(b, w - sw);
}

/* Columns two spaces apart, aligned by display width; group headings
 * over their columns; a rule under the headings and before the totals. */
void
hh_table_text(struct hh_buf *b, const struct hh_table *t)
{
	size_t *w = hh_xmalloc(t->ncols * sizeof(*w));
	size_t i, j, k, span, gw, total = 0;

	for (j = 0; j < t->ncols; j++) {
		w[j] = hh_text_width(t->heads[j]);
		for (i = 0; i < t->nrows; i++)
			if (hh_text_width(hh_table_cell(t, i, j)) > w[j])
				w[j] = hh_text_width(hh_table_cell(t, i, j));
	}
	/* widen the last column of a group too narrow for its heading */
	for (j = 0; t->groups && j < t->ncols; j = k) {
		for (k = j + 1; k < t->ncols && t->groups[j] && t->groups[k] &&
		    strcmp(t->groups[j], t->groups[k]) == 0; k++)
			;
		if (t->groups[j] == NULL)
			continue;
		for (span = 0, i = j; i < k; i++)
			span += w[i] + (i > j ? 2 : 0);
		if ((gw = hh_text_width(t->groups[j])) > span)
			w[k - 1] += gw - span;
	}
	for (j = 0; j < t->ncols; j++)
		total += w[j] + (j ? 2 : 0);
	if (t->groups) {
		struct hh_buf line = { NULL, 0, 0 };

		for (j = 0; j < t->ncols; j = k) {
			for (k = j + 1; k < t->ncols && t->groups[j] &&
			    t->groups[k] &&
			    strcmp(t->groups[j], t->groups[k]) == 0; k++)
				;
			for (span = 0, i = j; i < k; i++)
				span += w[i] + (i > j ? 2 : 0);
			if (j)
				hh_table_puts(&line, "  ");
			text_cell(&line, t->groups[j] ? t->groups[j] : "",
			    span, 0, 0);
		}
		hh_table_puts(b, hh_table_done(&line));
		hh_table_eol(b);
		free(line.s);
	}
	for (j = 0; j < t->ncols; j++) {
		if (j)
			hh_table_puts(b, "  ");
		text_cell(b, t->heads[j], w[j], t->right[j],
		    j + 1 == t->ncols);
	}
	hh_table_eol(b);
	for (i = 0; i < total; i++)
		hh_table_puts(b, "-");
	hh_table_puts(b, "\n");
	for (i = 0; i < t->nrows; i++) {
		if (i == t->nbody && t->nbody < t->nrows) {
			for (j = 0; j < total; j++)
				hh_table_puts(b, "-");
			hh_table_puts(b, "\n");
		}
		for (j = 0; j < t->ncols; j++) {
			if (j)
				hh_table_puts(b, "  ");
			text_cell(b, hh_table_cell(t, i, j), w[j], t->right[j],
			    j + 1 == t->ncols);
		}
		hh_table_eol(b);
	}
	free(w);
}

/* The header line, then the rows, CRLF-terminated (RFC 4180). */
void
hh_table_csv(struct hh_buf *b, const struct hh_table *t)
{
	size_t i, j;

	for (j = 0; j < t->ncols; j++) {
		if (j)
			hh_table_puts(b, ",");
		hh_table_csv_field(b, t->keys[j]);
	}
	hh_table_puts(b, "\r\n");
	for (i = 0; i < t->nrows; i++) {
		for (j = 0; j < t->ncols; j++) {
			if (j)
				hh_table_puts(b, ",");
			hh_table_csv_field(b, hh_table_cell(t, i, j));
		}
		hh_table_puts(b, "\r\n");
	}
}

/* Group headings span their columns; lone columns span both lines. */
void
hh_table_html(struct hh_buf *b, const struct hh_table *t)
{
	size_t i, j, k;

	hh_table_puts(b, "<table>\n<thead>\n<tr>");
	for (j = 0; j < t->ncols; j = k) {
		for (k = j + 1; t->groups && k < t->ncols && t->groups[j] &&
		    t->groups[k] && strcmp(t->groups[j], t->groups[k]) == 0;
		    k++)
			;
		if (t->groups && t->groups[j]) {
			hh_table_printf(b, "<th colspan=\"%zu\">", k - j);
			hh_table_html_text(b, t->groups[j]);
		} else {
			hh_table_puts(b, t->groups ? "<th rowspan=\"2\">" :
			    "<th>");
			hh_table_html_text(b, t->heads[j]);
		}
		hh_table_puts(b, "</th>");
	}
	hh_table_puts(b, "</tr>\n");
	if (t->groups) {
		hh_table_puts(b, "<tr>");
		for (j = 0; j < t->ncols; j++) {
			if (t->groups[j] == NULL)
				continue;
			hh_table_puts(b, "<th>");
			hh_table_html_text(b, t->heads[j]);
			hh_table_puts(b, "</th>");
		}
		hh_table_puts(b, "</tr>\n");
	}
	hh_table_puts(b, "</thead>\n<tbody>\n");
	for (i = 0; i < t->nrows; i++) {
		hh_table_puts(b, i >= t->nbody ? "<tr class=\"total\">" :
		    "<tr>");
		for (j = 0; j < t->ncols; j++) {
			hh_table_puts(b, t->right[j] ? "<td class=\"n\">" :
			    "<td>");
			hh_table_html_text(b, hh_table_cell(t, i, j));
			hh_table_puts(b, "</td>");
		}
		hh_table_puts(b, "</tr>\n");
	}
	hh_table_puts(b, "</tbody>\n</table>\n");
}
