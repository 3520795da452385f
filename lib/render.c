/* render.c - the on-time report printed: text, CSV, JSON, HTML and SVG */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core.h"

/*
 * Biểu 06 with two more columns (waiting for a supplement, withdrawn) and
 * the rate; text and HTML for readers, CSV and JSON for machines.
 */
static const char *const by_heads[] = { "Lĩnh vực", "Cơ quan", "Thủ tục",
    "Cán bộ", "Kênh tiếp nhận" };
static const char *const by_words[] = { "lĩnh vực", "cơ quan chủ trì",
    "thủ tục hành chính", "cán bộ giải quyết", "kênh tiếp nhận" };

#define NCOLS 18
static const char *const rep_keys[NCOLS] = { "stt", "key", "label",
    "received_total", "received_online", "received_direct",
    "received_carried", "resolved_total", "resolved_early",
    "resolved_on_time", "resolved_late", "open_total", "open_within",
    "open_overdue", "open_waiting_supplement", "withdrawn", "stopped",
    "on_time_rate" };
static const int rep_right[NCOLS] = { 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1 };

/*
 * Figures for machines (CSV, JSON: 12321, 57.76) or as people read them
 * (text, HTML: 12.321, 57,76 with the decimal comma and thousands
 * separated by dots, as Vietnamese writes numbers).
 */
/* "57.76" or "57,76", or "" when nothing was resolved. */
static void
rate_text(char buf[16], const struct hh_counts *n, int printed)
{
	int r = hh_report_rate(n);

	if (r < 0)
		buf[0] = '\0';
	else
		snprintf(buf, 16, "%d%c%02d", r / 100 % 1000,
		    printed ? ',' : '.', r % 100);
}

static char *
num(long v, int printed)
{
	char d[32], out[48];
	size_t n, i, o = 0;

	if (!printed || (v < 1000 && v > -1000))
		return hh_xasprintf("%ld", v);
	n = (size_t)snprintf(d, sizeof(d), "%ld", v < 0 ? -v : v);
	if (v < 0)
		out[o++] = '-';
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[o++] = '.';
		out[o++] = d[i];
	}
	out[o] = '\0';
	return hh_xstrdup(out);
}

/* The figures of columns 3 to 16, in order. */
void
hh_render_values(long v[HH_REPORT_NVALUES], const struct hh_counts *n)
{
	v[0] = n->received;
	v[1] = n->online;
	v[2] = n->direct;
	v[3] = n->carried;
	v[4] = n->resolved;
	v[5] = n->early;
	v[6] = n->on_time;
	v[7] = n->late;
	v[8] = n->open;
	v[9] = n->within;
	v[10] = n->overdue;
	v[11] = n->waiting;
	v[12] = n->withdrawn;
	v[13] = n->stopped;
}

static void
row_cells(char **c, const struct hh_report_row *row, size_t stt, int printed)
{
	long v[HH_REPORT_NVALUES];
	char rate[16];
	size_t i;

	hh_render_values(v, &row->n);
	rate_text(rate, &row->n, printed);
	c[0] = stt ? hh_xasprintf("%zu", stt) : hh_xstrdup("");
	c[1] = hh_xstrdup(row->key);
	c[2] = hh_xstrdup(row->label);
	for (i = 0; i < HH_REPORT_NVALUES; i++)
		c[3 + i] = num(v[i], printed);
	c[17] = hh_xstrdup(rate);
}

static const char *const col_heads[NCOLS] = { "STT", "Mã", NULL, "Tổng số",
    "Trực tuyến", "Trực tiếp, BC", "Kỳ trước", "Tổng số", "Trước hạn",
    "Đúng hạn", "Quá hạn", "Tổng số", "Trong hạn", "Quá hạn", "Chờ bổ sung",
    "Đã rút", "Dừng giải quyết", "Tỷ lệ (%)" };
static const char *const col_groups[NCOLS] = { NULL, NULL, NULL,
    "Số hồ sơ nhận giải quyết", "Số hồ sơ nhận giải quyết",
    "Số hồ sơ nhận giải quyết", "Số hồ sơ nhận giải quyết",
    "Số hồ sơ đã giải quyết", "Số hồ sơ đã giải quyết",
    "Số hồ sơ đã giải quyết", "Số hồ sơ đã giải quyết",
    "Số hồ sơ đang giải quyết", "Số hồ sơ đang giải quyết",
    "Số hồ sơ đang giải quyết", "Số hồ sơ đang giải quyết",
    NULL, NULL, NULL };

const char *
hh_render_head(const struct hh_report *r, size_t col, const char **group)
{
	*group = col < NCOLS ? col_groups[col] : NULL;
	if (col == 2)
		return by_heads[r->by];
	return col < NCOLS ? col_heads[col] : NULL;
}

/* The report as a table, its figures printed or for machines; drop: the
 * key column (text and HTML). */
static void
report_table(struct hh_table *t, const struct hh_report *r, const char **heads,
    const char **groups, int printed)
{
	char *c[NCOLS];
	size_t i;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < NCOLS; i++)
		heads[i] = hh_render_head(r, i, &groups[i]);
	t->ncols = NCOLS;
	t->heads = heads;
	t->groups = groups;
	t->keys = rep_keys;
	t->right = rep_right;
	for (i = 0; i < r->nrows; i++) {
		row_cells(c, &r->rows[i], i + 1, printed);
		hh_table_add(t, c);
	}
	t->nbody = t->nrows;
	row_cells(c, &r->total, 0, printed);
	hh_table_add(t, c);
}

static const char report_title[] =
    "Tình hình, kết quả giải quyết thủ tục hành chính";
static const char form_label[] = "Biểu số 06/VPCP/KSTT";

/* The form's legal basis by the period's last day (hh_rules_report_at);
 * a period before Circular 01/2020 had no form, and hh prints its
 * columns. */
static const char *
form_basis(const struct hh_report *r)
{
	const char *form = hh_rules_report_at(r->to);

	return form != NULL ? form : "các cột của Thông tư 01/2020/TT-VPCP";
}

static void
period_line(struct hh_buf *b, const struct hh_report *r, int html)
{
	char from[HH_TIME_MAX], to[HH_TIME_MAX], asof[HH_TIME_MAX];

	hh_table_day(from, r->from);
	hh_table_day(to, r->to);
	hh_table_time(asof, r->end);
	hh_table_printf(b, "Kỳ báo cáo: từ ngày %s đến ngày %s", from, to);
	if (r->end < hh_period_end(r->to))
		hh_table_printf(b, " (số liệu đến %s)", asof);
	hh_table_puts(b, html ? "" : "\n");
}

/* The widest line of s, in display columns. */
static size_t
max_width(const char *s)
{
	const char *nl;
	size_t w = 0, lw;
	char *line;

	for (; *s; s = *nl ? nl + 1 : nl) {
		if ((nl = strchr(s, '\n')) == NULL)
			nl = s + strlen(s);
		line = hh_xasprintf("%.*s", (int)(nl - s), s);
		if ((lw = hh_text_width(line)) > w)
			w = lw;
		free(line);
	}
	return w;
}

/* Up to max characters of s, with an ellipsis if cut. */
static char *
shorten(const char *s, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;

	while (*p) {
		if ((*p & 0xc0) != 0x80 && n++ == max)
			break;
		p++;
	}
	if (*p == '\0')
		return hh_xstrdup(s);
	return hh_xasprintf("%.*s…", (int)((const char *)p - s), s);
}

/* The columns cols of t into u, the labels (column 2) cut to max. */
static void
part_table(struct hh_table *u, const struct hh_table *t, const size_t *cols,
    size_t n, size_t max, const char **heads, const char **groups,
    const char **keys, int *right)
{
	char *c[NCOLS];
	size_t i, j;

	memset(u, 0, sizeof(*u));
	for (j = 0; j < n; j++) {
		heads[j] = t->heads[cols[j]];
		groups[j] = t->groups[cols[j]];
		keys[j] = t->keys[cols[j]];
		right[j] = t->right[cols[j]];
	}
	u->ncols = n;
	u->heads = heads;
	u->groups = groups;
	u->keys = keys;
	u->right = right;
	for (i = 0; i < t->nrows; i++) {
		for (j = 0; j < n; j++)
			c[j] = cols[j] != 2 ?
			    hh_xstrdup(hh_table_cell(t, i, cols[j])) :
			    hh_text_width(hh_table_cell(t, i, 2)) <= max ?
			    hh_xstrdup(hh_table_cell(t, i, 2)) :
			    shorten(hh_table_cell(t, i, 2), max - 1);
		hh_table_add(u, c);
	}
	u->nbody = t->nbody;
}

/*
 * The table in text: at most width columns (0: no limit, the one wide
 * table), in three parts, received, resolved and the rate, open and the
 * rest, each with STT and the label, cut with an ellipsis where the
 * line would be wider.
 */
static void
text_table(struct hh_buf *b, const struct hh_report *r, size_t width)
{
	static const size_t cols[3][8] = { { 0, 2, 3, 4, 5, 6 },
	    { 0, 2, 7, 8, 9, 10, 17 }, { 0, 2, 11, 12, 13, 14, 15, 16 } };
	static const size_t ncols[3] = { 6, 7, 8 };
	const char *heads[NCOLS], *groups[NCOLS], *keys[NCOLS];
	const char *uh[NCOLS], *ug[NCOLS], *uk[NCOLS];
	int right[NCOLS], ur[NCOLS];
	struct hh_table t, u;
	struct hh_buf trial;
	size_t p, i, lw, w;

	report_table(&t, r, heads, groups, 1);
	if (width == 0) {
		hh_table_drop(&t, 1, heads, groups, keys, right);
		hh_table_text(b, &t);
		hh_table_release(&t);
		return;
	}
	heads[16] = "Đã dừng";
	lw = hh_text_width(heads[2]);
	for (i = 0; i < t.nrows; i++)
		if (hh_text_width(hh_table_cell(&t, i, 2)) > lw)
			lw = hh_text_width(hh_table_cell(&t, i, 2));
	for (p = 0; p < 3; p++) {
		memset(&trial, 0, sizeof(trial));
		part_table(&u, &t, cols[p], ncols[p], lw, uh, ug, uk, ur);
		hh_table_text(&trial, &u);
		hh_table_release(&u);
		w = max_width(hh_table_done(&trial)) - lw;
		free(trial.s);
		if (p > 0)
			hh_table_puts(b, "\n");
		part_table(&u, &t, cols[p], ncols[p],
		    w + hh_text_width(heads[2]) < width ? width - w :
		    hh_text_width(heads[2]), uh, ug, uk, ur);
		hh_table_text(b, &u);
		hh_table_release(&u);
	}
	hh_table_release(&t);
}

/* The lines above the table: the form, its basis, the title, the unit,
 * the period, the grouping and the source. */
static void
heading_text(struct hh_buf *b, const struct hh_report *r)
{
	hh_table_printf(b, "%s\n(%s)\n%s\n", form_label, form_basis(r),
	    report_title);
	if (*r->center_name)
		hh_table_printf(b, "%s\n", r->center_name);
	period_line(b, r, 0);
	hh_table_printf(b, "Theo %s; đơn vị tính: số hồ sơ\n", by_words[r->by]);
	hh_table_printf(b, "Nguồn: bản ghi %s\n",
	    *r->source ? r->source : "-");
}

char *
hh_render_heading(const struct hh_report *r)
{
	struct hh_buf b = { NULL, 0, 0 };

	heading_text(&b, r);
	return hh_table_done(&b);
}

static void
report_text(struct hh_buf *b, const struct hh_report *r, size_t width)
{
	heading_text(b, r);
	hh_table_puts(b, "\n");
	text_table(b, r, width);
}

/* Who signs the form: the one who made it, the head of the unit; the
 * date and the signatures by hand. */
static const char *const signers[2][3] = {
	{ "", "NGƯỜI LẬP BIỂU", "(Ký, ghi rõ họ tên)" },
	{ "…………, ngày …… tháng …… năm ……", "THỦ TRƯỞNG ĐƠN VỊ",
	    "(Ký, ghi rõ họ tên, đóng dấu)" },
};

/* s centred in w columns, then padded to w unless last. */
static void
centred(struct hh_buf *b, const char *s, size_t w, int last)
{
	size_t sw = hh_text_width(s), l = sw < w ? (w - sw) / 2 : 0;

	hh_table_pad(b, l);
	hh_table_puts(b, s);
	if (!last && l + sw < w)
		hh_table_pad(b, w - l - sw);
}

static void
signers_text(struct hh_buf *b)
{
	size_t i;

	hh_table_puts(b, "\n");
	for (i = 0; i < 3; i++) {
		centred(b, signers[0][i], 38, 0);
		hh_table_puts(b, "  ");
		centred(b, signers[1][i], 40, 1);
		hh_table_eol(b);
	}
}

static void
signers_html(struct hh_buf *b)
{
	size_t i, j;

	hh_table_puts(b, "<table class=\"sign\">\n<tr>");
	for (j = 0; j < 2; j++) {
		hh_table_puts(b, "<td>");
		for (i = 0; i < 3; i++) {
			if (*signers[j][i] == '\0')
				continue;
			hh_table_puts(b, i == 1 ? "<p><strong>" : "<p>");
			hh_table_html_text(b, signers[j][i]);
			hh_table_puts(b, i == 1 ? "</strong></p>" : "</p>");
		}
		hh_table_puts(b, "</td>");
	}
	hh_table_puts(b, "</tr>\n</table>\n");
}

/* r's rows into u (its columns, and "figures" when fig is not NULL). */
static void
csv_rows(struct hh_table *u, const struct hh_report *r, const char *fig)
{
	const char *heads[NCOLS], *groups[NCOLS];
	char from[HH_TIME_MAX], to[HH_TIME_MAX], *c[NCOLS + 4];
	struct hh_table t;
	size_t i, j;

	report_table(&t, r, heads, groups, 0);
	hh_time_format_day(from, r->from);
	hh_time_format_day(to, r->to);
	for (i = 0; i < t.nrows; i++) {
		for (j = 0; j < NCOLS; j++)
			c[j] = hh_xstrdup(hh_table_cell(&t, i, j));
		c[NCOLS] = hh_xstrdup(from);
		c[NCOLS + 1] = hh_xstrdup(to);
		c[NCOLS + 2] = hh_xstrdup(r->source);
		if (fig != NULL)
			c[NCOLS + 3] = hh_xstrdup(fig);
		hh_table_add(u, c);
	}
	hh_table_release(&t);
}

/* revised, when not NULL, follows r: the published figures, then the
 * revised ones, told apart by the last column. */
static void
report_csv(struct hh_buf *b, const struct hh_report *r,
    const struct hh_report *revised, int published)
{
	const char *keys[NCOLS + 4];
	int right[NCOLS + 4];
	struct hh_table u;
	size_t j;

	/* every line names its period and source: CSVs get concatenated */
	for (j = 0; j < NCOLS; j++) {
		keys[j] = rep_keys[j];
		right[j] = rep_right[j];
	}
	keys[NCOLS] = "period_from";
	keys[NCOLS + 1] = "period_to";
	keys[NCOLS + 2] = "source";
	keys[NCOLS + 3] = "figures";
	right[NCOLS] = right[NCOLS + 1] = right[NCOLS + 2] = 0;
	right[NCOLS + 3] = 0;
	memset(&u, 0, sizeof(u));
	u.ncols = NCOLS + 3 + !!published;
	u.heads = keys;
	u.keys = keys;
	u.right = right;
	csv_rows(&u, r, published ? "published" : NULL);
	if (revised != NULL)
		csv_rows(&u, revised, "revised");
	hh_table_csv(b, &u);
	hh_table_release(&u);
}

static cJSON *
row_json(const struct hh_report_row *row)
{
	const struct hh_counts *n = &row->n;
	cJSON *o = cJSON_CreateObject(), *v;
	char rate[16];

	cJSON_AddStringToObject(o, "key", row->key);
	cJSON_AddStringToObject(o, "label", row->label);
	v = cJSON_AddObjectToObject(o, "received");
	cJSON_AddNumberToObject(v, "total", (double)n->received);
	cJSON_AddNumberToObject(v, "carried", (double)n->carried);
	cJSON_AddNumberToObject(v, "online", (double)n->online);
	cJSON_AddNumberToObject(v, "direct", (double)n->direct);
	v = cJSON_AddObjectToObject(o, "resolved");
	cJSON_AddNumberToObject(v, "total", (double)n->resolved);
	cJSON_AddNumberToObject(v, "early", (double)n->early);
	cJSON_AddNumberToObject(v, "on_time", (double)n->on_time);
	cJSON_AddNumberToObject(v, "late", (double)n->late);
	v = cJSON_AddObjectToObject(o, "open");
	cJSON_AddNumberToObject(v, "total", (double)n->open);
	cJSON_AddNumberToObject(v, "within", (double)n->within);
	cJSON_AddNumberToObject(v, "overdue", (double)n->overdue);
	cJSON_AddNumberToObject(v, "waiting_supplement", (double)n->waiting);
	cJSON_AddNumberToObject(o, "withdrawn", (double)n->withdrawn);
	cJSON_AddNumberToObject(o, "stopped", (double)n->stopped);
	rate_text(rate, n, 0);
	/* two decimals exactly, as the form prints it */
	cJSON_AddItemToObject(o, "on_time_rate", *rate ?
	    cJSON_CreateRaw(rate) : cJSON_CreateNull());
	return o;
}

static cJSON *
report_obj(const struct hh_report *r)
{
	cJSON *o = cJSON_CreateObject(), *v;
	char day[HH_TIME_MAX];
	size_t i;

	v = cJSON_AddObjectToObject(o, "period");
	hh_time_format_day(day, r->from);
	cJSON_AddStringToObject(v, "from", day);
	hh_time_format_day(day, r->to);
	cJSON_AddStringToObject(v, "to", day);
	hh_time_format(day, r->end);
	cJSON_AddStringToObject(v, "as_of", day);
	cJSON_AddStringToObject(o, "source", r->source);
	if (hh_rules_report_at(r->to) != NULL)
		cJSON_AddStringToObject(o, "form", hh_rules_report_at(r->to));
	cJSON_AddStringToObject(o, "by", hh_report_by_name(r->by));
	v = cJSON_AddArrayToObject(o, "rows");
	for (i = 0; i < r->nrows; i++)
		cJSON_AddItemToArray(v, row_json(&r->rows[i]));
	cJSON_AddItemToObject(o, "total", row_json(&r->total));
	return o;
}

static void
report_json(struct hh_buf *b, const struct hh_report *r)
{
	cJSON *o = report_obj(r);
	char *text = hh_json_print(o, 0);

	hh_table_puts(b, text);
	free(text);
	cJSON_Delete(o);
}

/* A horizontal bar per row: the on-time rate, 0-100 %. */
static void
report_svg(struct hh_buf *b, const struct hh_report *r)
{
	const int lw = 300, bw = 400, rh = 22, top = 24;
	const struct hh_report_row *row;
	size_t i, n = r->nrows + 1;
	char rate[16], *label;
	int y, w, pct;

	hh_table_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"%d\" height=\"%zu\" role=\"img\" aria-label=\"Tỷ lệ "
	    "giải quyết đúng hạn\" font-family=\"sans-serif\" "
	    "font-size=\"12\">\n",
	    lw + bw + 70, (size_t)top + n * (size_t)rh + 10);
	for (pct = 0; pct <= 100; pct += 25)
		hh_table_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" "
		    "y2=\"%zu\" stroke=\"#ccc\"/><text x=\"%d\" y=\"%d\" "
		    "text-anchor=\"middle\">%d%%</text>\n", lw + bw * pct / 100,
		    top - 4, lw + bw * pct / 100, (size_t)top + n *
		    (size_t)rh, lw + bw * pct / 100, top - 8, pct);
	for (i = 0; i < n; i++) {
		row = i < r->nrows ? &r->rows[i] : &r->total;
		y = top + (int)i * rh;
		label = shorten(row->label, 40);
		hh_table_printf(b, "<text x=\"%d\" y=\"%d\" "
		    "text-anchor=\"end\"%s>", lw - 6, y + 15,
		    i < r->nrows ? "" : " font-weight=\"bold\"");
		hh_table_html_text(b, label);
		hh_table_puts(b, "</text>");
		free(label);
		rate_text(rate, &row->n, 1);
		if (*rate) {
			w = bw * hh_report_rate(&row->n) / 10000;
			hh_table_printf(b, "<rect x=\"%d\" y=\"%d\" "
			    "width=\"%d\" height=\"%d\" fill=\"%s\"/>", lw,
			    y + 3, w, rh - 6,
			    i < r->nrows ? "#4a78b5" : "#1d3f6e");
		}
		hh_table_printf(b, "<text x=\"%d\" y=\"%d\">%s</text>\n",
		    lw + (*rate ? bw * hh_report_rate(&row->n) / 10000 : 0) +
		    4, y + 15, *rate ? rate : "–");
	}
	hh_table_puts(b, "</svg>\n");
}

/* The table in HTML, its figures printed. */
static void
html_table(struct hh_buf *b, const struct hh_report *r)
{
	const char *heads[NCOLS], *groups[NCOLS], *keys[NCOLS];
	int right[NCOLS];
	struct hh_table t;

	report_table(&t, r, heads, groups, 1);
	hh_table_drop(&t, 1, heads, groups, keys, right);
	hh_table_html(b, &t);
	hh_table_release(&t);
}

static void
html_meta(struct hh_buf *b, const char *s)
{
	hh_table_puts(b, "<p class=\"meta\">");
	hh_table_html_text(b, s);
	hh_table_puts(b, "</p>\n");
}

/* The page up to its end: the signers, </body>, printed by the caller. */
static void
report_html(struct hh_buf *b, const struct hh_report *r)
{
	hh_table_html_begin(b, report_title);
	hh_table_puts(b, "<p class=\"form\">");
	hh_table_html_text(b, form_label);
	hh_table_puts(b, "<br>");
	hh_table_html_text(b, form_basis(r));
	hh_table_puts(b, "</p>\n<h1>");
	hh_table_html_text(b, report_title);
	hh_table_puts(b, "</h1>\n");
	if (*r->center_name)
		html_meta(b, r->center_name);
	hh_table_puts(b, "<p class=\"meta\">");
	period_line(b, r, 1);
	hh_table_printf(b, "</p>\n<p class=\"meta\">Theo %s; đơn vị tính: "
	    "số hồ sơ</p>\n", by_words[r->by]);
	html_table(b, r);
	hh_table_puts(b, "<h2>Tỷ lệ giải quyết trước hạn và đúng hạn "
	    "(%)</h2>\n");
	report_svg(b, r);
	hh_table_puts(b, "<p class=\"source\">Nguồn số liệu: bản ghi <code>");
	hh_table_html_text(b, *r->source ? r->source : "-");
	hh_table_puts(b, "</code></p>\n");
}

static void
html_end(struct hh_buf *b)
{
	signers_html(b);
	hh_table_puts(b, "</body>\n</html>\n");
}

char *
hh_render_report_width(const struct hh_report *r, enum hh_format f,
    size_t width)
{
	struct hh_buf b = { NULL, 0, 0 };

	switch (f) {
	case HH_FORMAT_TEXT:
		report_text(&b, r, width);
		signers_text(&b);
		break;
	case HH_FORMAT_CSV:
		report_csv(&b, r, NULL, 0);
		break;
	case HH_FORMAT_JSON:
		report_json(&b, r);
		break;
	case HH_FORMAT_HTML:
		report_html(&b, r);
		html_end(&b);
		break;
	}
	return hh_table_done(&b);
}

char *
hh_render_report(const struct hh_report *r, enum hh_format f)
{
	return hh_render_report_width(r, f, HH_REPORT_WIDTH);
}

/*
 * A published report (hh-report(1) PUBLISHED REPORTS): the figures of its
 * tag, then, if today's differ, the revised section.
 */
static const char revised_title[] = "Số liệu điều chỉnh sau khi công bố";

static void
published_text(struct hh_buf *b, const struct hh_publication *p, int html)
{
	char at[HH_TIME_MAX];

	hh_table_time(at, p->at);
	hh_table_printf(b, "Đã công bố: %s lúc %s (thẻ %.10s)", p->tag, at,
	    p->tag_id);
	hh_table_puts(b, html ? "" : "\n");
}

static void
change_text(struct hh_buf *b, const struct hh_pubchange *c)
{
	char at[HH_TIME_MAX];

	hh_table_time(at, c->at);
	hh_table_printf(b, "%.10s %s %s: %s", c->id, at, c->author,
	    c->subject);
	if (c->correction != NULL)
		hh_table_printf(b, " (Correction: %s)", c->correction);
}

static cJSON *
changes_json(const struct hh_publication *p)
{
	cJSON *a = cJSON_CreateArray(), *o;
	char at[HH_TIME_MAX];
	size_t i;

	for (i = 0; i < p->nchanges; i++) {
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "id", p->changes[i].id);
		hh_time_format(at, p->changes[i].at);
		cJSON_AddStringToObject(o, "at", at);
		cJSON_AddStringToObject(o, "author", p->changes[i].author);
		cJSON_AddStringToObject(o, "subject", p->changes[i].subject);
		if (p->changes[i].correction != NULL)
			cJSON_AddStringToObject(o, "correction",
			    p->changes[i].correction);
		else
			cJSON_AddNullToObject(o, "correction");
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

char *
hh_render_published_width(const struct hh_report *r,
    const struct hh_publication *p, enum hh_format f, size_t width)
{
	const struct hh_report *rev = p->revised;
	struct hh_buf b = { NULL, 0, 0 };
	cJSON *o, *v;
	char at[HH_TIME_MAX], *text;
	size_t i;

	switch (f) {
	case HH_FORMAT_TEXT:
		report_text(&b, r, width);
		hh_table_puts(&b, "\n");
		published_text(&b, p, 0);
		if (rev != NULL) {
			hh_table_printf(&b, "\n%s\n", revised_title);
			period_line(&b, rev, 0);
			hh_table_printf(&b, "Nguồn: bản ghi %s\n\n",
			    rev->source);
			text_table(&b, rev, width);
			hh_table_puts(&b, "\nCác bản ghi đã thay đổi số liệu:\n");
			for (i = 0; i < p->nchanges; i++) {
				hh_table_puts(&b, "  ");
				change_text(&b, &p->changes[i]);
				hh_table_puts(&b, "\n");
			}
		}
		signers_text(&b);
		break;
	case HH_FORMAT_CSV:
		report_csv(&b, r, rev, 1);
		break;
	case HH_FORMAT_JSON:
		o = report_obj(r);
		v = cJSON_AddObjectToObject(o, "published");
		cJSON_AddStringToObject(v, "tag", p->tag);
		cJSON_AddStringToObject(v, "id", p->tag_id);
		hh_time_format(at, p->at);
		cJSON_AddStringToObject(v, "at", at);
		if (rev != NULL) {
			v = report_obj(rev);
			cJSON_AddItemToObject(v, "commits", changes_json(p));
			cJSON_AddItemToObject(o, "revised", v);
		} else
			cJSON_AddNullToObject(o, "revised");
		text = hh_json_print(o, 0);
		hh_table_puts(&b, text);
		free(text);
		cJSON_Delete(o);
		break;
	case HH_FORMAT_HTML:
		report_html(&b, r);
		hh_table_puts(&b, "<p class=\"meta\">");
		published_text(&b, p, 1);
		hh_table_puts(&b, "</p>\n");
		if (rev != NULL) {
			hh_table_puts(&b, "<h2>");
			hh_table_html_text(&b, revised_title);
			hh_table_puts(&b, "</h2>\n<p class=\"meta\">");
			period_line(&b, rev, 1);
			hh_table_puts(&b, "</p>\n");
			html_table(&b, rev);
			hh_table_puts(&b, "<p class=\"source\">Nguồn số liệu: "
			    "bản ghi <code>");
			hh_table_html_text(&b, rev->source);
			hh_table_puts(&b, "</code></p>\n<ul>\n");
			for (i = 0; i < p->nchanges; i++) {
				struct hh_buf c = { NULL, 0, 0 };
				char *line;

				change_text(&c, &p->changes[i]);
				line = hh_table_done(&c);
				hh_table_puts(&b, "<li>");
				hh_table_html_text(&b, line);
				hh_table_puts(&b, "</li>\n");
				free(line);
			}
			hh_table_puts(&b, "</ul>\n");
		}
		html_end(&b);
		break;
	}
	return hh_table_done(&b);
}

char *
hh_render_published(const struct hh_report *r,
    const struct hh_publication *p, enum hh_format f)
{
	return hh_render_published_width(r, p, f, HH_REPORT_WIDTH);
}
