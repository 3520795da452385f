/* xlsx.c - the on-time report as a spreadsheet (libxlsxwriter) */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "desk.h"

/*
 * One sheet a report (a grouping), named by its label column: the
 * heading lines, the two rows of column headings (a group's heading
 * merged over its columns), the rows and the total in bold; every figure
 * a number cell, the rate one with two decimals; the headings and the
 * STT and label columns frozen.  libxlsxwriter writes a file: a
 * temporary one, read back and written to file as the other formats are
 * (hh_file_write: atomically, with the rights of the process).
 */
#define NCOLS 18		/* hh_render_head's columns */

struct formats {
	lxw_format *head, *bold, *rate, *brate, *title;
};

static lxw_error
row_out(lxw_worksheet *ws, lxw_row_t at, const struct hh_report_row *row,
    size_t stt, const struct formats *f, int total)
{
	long v[HH_REPORT_NVALUES];
	lxw_error e = LXW_NO_ERROR;
	lxw_col_t c = 0;
	int rate = hh_report_rate(&row->n);
	size_t i;

	hh_render_values(v, &row->n);
	if (stt)
		e = worksheet_write_number(ws, at, c, (double)stt, NULL);
	c++;
	if (!e)
		e = worksheet_write_string(ws, at, c++, row->label,
		    total ? f->bold : NULL);
	for (i = 0; !e && i < HH_REPORT_NVALUES; i++)
		e = worksheet_write_number(ws, at, c++, (double)v[i],
		    total ? f->bold : NULL);
	if (!e && rate >= 0)
		e = worksheet_write_number(ws, at, c, rate / 100.0,
		    total ? f->brate : f->rate);
	return e;
}

/* The headings of every column but the key (1): a group's heading merged
 * over its columns, a lone column's over both rows. */
static lxw_error
heads_out(lxw_worksheet *ws, lxw_row_t at, const struct hh_report *r,
    const struct formats *f)
{
	const char *h, *g, *prev = NULL, *next;
	lxw_error e = LXW_NO_ERROR;
	lxw_col_t c = 0, first = 0;
	size_t col;

	for (col = 0; !e && col < NCOLS; col++) {
		if (col == 1)
			continue;
		h = hh_render_head(r, col, &g);
		if (g == NULL)
			e = worksheet_merge_range(ws, at, c, at + 1, c, h,
			    f->head);
		else {
			if (prev == NULL || strcmp(prev, g) != 0)
				first = c;
			e = worksheet_write_string(ws, at + 1, c, h, f->head);
			hh_render_head(r, col + 1, &next);
			if (!e && (next == NULL || strcmp(next, g) != 0))
				e = worksheet_merge_range(ws, at, first, at,
				    c, g, f->head);
		}
		prev = g;
		c++;
	}
	return e;
}

static lxw_error
sheet_out(lxw_workbook *wb, const struct hh_report *r,
    const struct formats *f)
{
	lxw_worksheet *ws;
	lxw_error e = LXW_NO_ERROR;
	lxw_row_t at = 0;
	char *heading, *line, *nl;
	const char *g;
	size_t i;

	if ((ws = workbook_add_worksheet(wb, hh_render_head(r, 2, &g))) ==
	    NULL)
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	heading = hh_render_heading(r);
	for (line = heading; !e && *line; line = nl + 1, at++) {
		nl = strchr(line, '\n');
		*nl = '\0';
		e = worksheet_write_string(ws, at, 0, line,
		    at == 2 ? f->title : NULL);
	}
	free(heading);
	at++;
	if (!e)
		e = heads_out(ws, at, r, f);
	at += 2;
	worksheet_freeze_panes(ws, at, 2);
	for (i = 0; !e && i < r->nrows; i++)
		e = row_out(ws, at++, &r->rows[i], i + 1, f, 0);
	if (!e)
		e = row_out(ws, at, &r->total, 0, f, 1);
	if (!e)
		e = worksheet_set_column(ws, 1, 1, 40, NULL);
	if (!e)
		e = worksheet_set_column(ws, 2, NCOLS - 2, 11, NULL);
	return e;
}

int
hh_xlsx_report(const char *file, struct hh_report *const *r, size_t n)
{
	char tmp[] = "/tmp/hh-xlsx.XXXXXX", *data = NULL;
	lxw_workbook_options opt = { .constant_memory = LXW_FALSE,
	    .tmpdir = NULL, .use_zip64 = LXW_FALSE };
	lxw_workbook *wb;
	lxw_error e = LXW_NO_ERROR;
	struct formats f;
	size_t i, len;
	int fd, error;

	if ((fd = mkstemp(tmp)) < 0)
		return hh_error_set(HH_ERROR, "%s: a temporary file: %s", file,
		    strerror(errno));
	close(fd);
	if ((wb = workbook_new_opt(tmp, &opt)) == NULL) {
		unlink(tmp);
		return hh_error_set(HH_ERROR, "%s: the spreadsheet could not "
		    "be begun", file);
	}
	f.head = workbook_add_format(wb);
	format_set_bold(f.head);
	format_set_text_wrap(f.head);
	format_set_align(f.head, LXW_ALIGN_CENTER);
	format_set_align(f.head, LXW_ALIGN_VERTICAL_CENTER);
	format_set_border(f.head, LXW_BORDER_THIN);
	f.bold = workbook_add_format(wb);
	format_set_bold(f.bold);
	f.rate = workbook_add_format(wb);
	format_set_num_format(f.rate, "0.00");
	f.brate = workbook_add_format(wb);
	format_set_num_format(f.brate, "0.00");
	format_set_bold(f.brate);
	f.title = workbook_add_format(wb);
	format_set_bold(f.title);
	for (i = 0; !e && i < n; i++)
		e = sheet_out(wb, r[i], &f);
	if (e) {
		workbook_close(wb);
		unlink(tmp);
		return hh_error_set(HH_ERROR, "%s: %s", file, lxw_strerror(e));
	}
	if ((e = workbook_close(wb)) != LXW_NO_ERROR) {
		unlink(tmp);
		return hh_error_set(HH_ERROR, "%s: %s", file, lxw_strerror(e));
	}
	error = hh_file_read(&data, &len, tmp);
	unlink(tmp);
	if (error < 0)
		return error;
	error = hh_file_write(file, data, len, 1);
	free(data);
	return error;
}
