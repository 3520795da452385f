/* calendar.c - working days, days off and office hours */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

/*
 * The calendar file (hh-calendar(5)) lists exceptions to the Monday to
 * Friday week, one line each:
 *
 *	YYYY-MM-DD[..YYYY-MM-DD]  off|work  [provisional]  [note]	# comment
 *
 * A year with at least one "off" day in the file is covered and taken
 * from the file alone.  Any other year gets the statutory holidays of the
 * Labor Code (computed below, marked provisional); days the file names are
 * still taken from the file.  A line marked "provisional" (days not yet
 * announced) makes its days provisional, covered year or not.
 */

#define YEAR_MIN 1900
#define YEAR_MAX 2199
#define NYEARS (YEAR_MAX - YEAR_MIN + 1)
#define LINE_MAX_LEN 1000
#define RANGE_MAX 366
#define STAT_MAX 32

struct entry {
	int day;
	int line;
	int off;		/* 1 off, 0 work */
	int provisional;	/* the line says "provisional" */
	const char *note;	/* in cal->notes, or NULL */
};

/* Statutory holidays; each has a compensatory form (nghỉ bù). */
enum {
	H_NEWYEAR,
	H_TET,
	H_HUNG,
	H_VICTORY,
	H_LABOR,
	H_NATIONAL,
	H_CULTURE,
	H_NKINDS
};

static const char *const stat_note[H_NKINDS] = {
	"Tết Dương lịch (statutory, provisional)",
	"Tết Nguyên đán (statutory, provisional)",
	"Giỗ Tổ Hùng Vương (statutory, provisional)",
	"Ngày Chiến thắng (statutory, provisional)",
	"Quốc tế Lao động (statutory, provisional)",
	"Quốc khánh (statutory, provisional)",
	"Ngày Văn hóa Việt Nam (statutory, provisional)",
};

static const char *const comp_note[H_NKINDS] = {
	"Nghỉ bù Tết Dương lịch (statutory, provisional)",
	"Nghỉ bù Tết Nguyên đán (statutory, provisional)",
	"Nghỉ bù Giỗ Tổ Hùng Vương (statutory, provisional)",
	"Nghỉ bù Ngày Chiến thắng (statutory, provisional)",
	"Nghỉ bù Quốc tế Lao động (statutory, provisional)",
	"Nghỉ bù Quốc khánh (statutory, provisional)",
	"Nghỉ bù Ngày Văn hóa Việt Nam (statutory, provisional)",
};

struct statyear {
	int done;
	int n;
	int day[STAT_MAX];
	const char *note[STAT_MAX];
};

struct hh_calendar {
	struct entry *ent;	/* sorted by day, no duplicates */
	size_t nent;
	char **notes;
	size_t nnotes;
	unsigned char covered[NYEARS];
	struct hh_hours hours;
	/* statutory days, filled on first use (hence behind a pointer,
	 * writable through a const calendar) */
	struct statyear *stat;
};

static int
year_of(int day)
{
	int y, m, d;

	hh_time_civil(day, &y, &m, &d);
	return y;
}

static int
weekend(int day)
{
	int wd = hh_time_weekday(day);

	return wd == 0 || wd == 6;
}

static const struct entry *
find(const struct hh_calendar *cal, int day)
{
	size_t lo = 0, hi = cal->nent, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cal->ent[mid].day < day)
			lo = mid + 1;
		else if (cal->ent[mid].day > day)
			hi = mid;
		else
			return &cal->ent[mid];
	}
	return NULL;
}

static int
covered(const struct hh_calendar *cal, int year)
{
	if (year < YEAR_MIN || year > YEAR_MAX)
		return 0;
	return cal->covered[year - YEAR_MIN];
}

int
hh_calendar_covered(const struct hh_calendar *cal, int year)
{
	return covered(cal, year);
}

/* --- statutory holidays ---------------------------------------------- */

static int
stat_has(const struct statyear *sy, int day)
{
	int i;

	for (i = 0; i < sy->n; i++)
		if (sy->day[i] == day)
			return 1;
	return 0;
}

static void
stat_add(struct statyear *sy, int day, const char *note)
{
	if (sy->n < STAT_MAX && !stat_has(sy, day)) {
		sy->day[sy->n] = day;
		sy->note[sy->n] = note;
		sy->n++;
	}
}

/*
 * Labor Code 2012 Art. 115 (years up to 2020) and Labor Code 2019
 * Art. 112 (from 2021): 1/1; Tết, five days from the last day of the
 * lunar year to mùng 4; 10/3 lunar; 30/4; 1/5; 2/9, and from 2021 one
 * day next to it: the day before when 2/9 is a Tuesday, Friday or
 * Saturday (so that the break reaches the weekend), else the day after
 * (the days chosen in 2021-2025).  From 2026, 24/11 (Ngày Văn hóa Việt
 * Nam, Resolution 28/2026/QH16, in force 1/7/2026; never before 2026).
 * Art. 111.3 (2019; Art. 110.3 in 2012): a holiday on a Saturday or Sunday
 * gives a day off on the next working day, 24/11 included.
 */
static void
stat_fill(struct statyear *sy, int y)
{
	int base[STAT_MAX], kind[STAT_MAX], nbase = 0;
	int i, d, tet, sept2, wd, done;

	sy->n = 0;
	base[nbase] = hh_time_from_civil(y, 1, 1);
	kind[nbase++] = H_NEWYEAR;
	tet = hh_lunar_to_day(1, 1, y);
	for (d = tet - 1; d <= tet + 3; d++) {
		base[nbase] = d;
		kind[nbase++] = H_TET;
	}
	base[nbase] = hh_lunar_to_day(10, 3, y);
	kind[nbase++] = H_HUNG;
	base[nbase] = hh_time_from_civil(y, 4, 30);
	kind[nbase++] = H_VICTORY;
	base[nbase] = hh_time_from_civil(y, 5, 1);
	kind[nbase++] = H_LABOR;
	sept2 = hh_time_from_civil(y, 9, 2);
	if (y >= 2021) {
		wd = hh_time_weekday(sept2);
		base[nbase] = (wd == 2 || wd == 5 || wd == 6) ?
		    sept2 - 1 : sept2 + 1;
		kind[nbase++] = H_NATIONAL;
	}
	base[nbase] = sept2;
	kind[nbase++] = H_NATIONAL;
	if (y >= 2026) {
		base[nbase] = hh_time_from_civil(y, 11, 24);
		kind[nbase++] = H_CULTURE;
	}

	for (i = 0; i < nbase; i++)
		stat_add(sy, base[i], stat_note[kind[i]]);
	/* base days are in date order within each kind; walk them in
	 * date order so that compensatory days queue up */
	done = 0;
	while (done < nbase) {
		int best = -1;

		for (i = 0; i < nbase; i++)
			if (kind[i] >= 0 && (best < 0 || base[i] < base[best]))
				best = i;
		if (weekend(base[best])) {
			for (d = base[best] + 1; weekend(d) || stat_has(sy, d);
			    d++)
				;
			stat_add(sy, d, comp_note[kind[best]]);
		}
		kind[best] = -1 - kind[best];
		done++;
	}
}

static const struct statyear *
statutory(const struct hh_calendar *cal, int y)
{
	struct statyear *sy;

	if (y < YEAR_MIN || y > YEAR_MAX)
		return NULL;
	sy = &cal->stat[y - YEAR_MIN];
	if (!sy->done) {
		stat_fill(sy, y);
		sy->done = 1;
	}
	return sy;
}

/* Note of a statutory day of year y, or NULL. */
static const char *
stat_note_of(const struct hh_calendar *cal, int day, int y)
{
	const struct statyear *sy;
	int i;

	if ((sy = statutory(cal, y)) == NULL)
		return NULL;
	for (i = 0; i < sy->n; i++)
		if (sy->day[i] == day)
			return sy->note[i];
	return NULL;
}

/* --- queries ---------------------------------------------------------- */

int
hh_calendar_working(const struct hh_calendar *cal, int day, int *provisional)
{
	const struct entry *e;
	int y;

	if (provisional != NULL)
		*provisional = 0;
	if ((e = find(cal, day)) != NULL) {
		if (provisional != NULL)
			*provisional = e->provisional;
		return !e->off;
	}
	y = year_of(day);
	if (covered(cal, y))
		return !weekend(day);
	if (provisional != NULL)
		*provisional = 1;
	/* the statutory days of a year, compensatory ones included, all
	 * fall inside it (Tết starts on 20 January at the earliest) */
	if (weekend(day))
		return 0;
	return stat_note_of(cal, day, y) == NULL;
}

const char *
hh_calendar_note(const struct hh_calendar *cal, int day)
{
	const struct entry *e;
	int y;

	if ((e = find(cal, day)) != NULL)
		return e->note;
	y = year_of(day);
	if (covered(cal, y))
		return NULL;
	return stat_note_of(cal, day, y);
}

int
hh_calendar_swapped(const struct hh_calendar *cal, int day)
{
	const struct entry *e = find(cal, day);

	return e != NULL && !e->off && weekend(day);
}

int
hh_calendar_hours_check(const struct hh_hours *h)
{
	if (h->am_start < 0 || h->am_start >= h->am_end ||
	    h->am_end > h->pm_start || h->pm_start >= h->pm_end ||
	    h->pm_end > 1440)
		return hh_error_set(HH_EINVALID, "office hours out of order");
	if (h->cutoff < h->am_start || h->cutoff > h->pm_end)
		return hh_error_set(HH_EINVALID,
		    "cut-off outside office hours");
	return 0;
}

void
hh_calendar_set_hours(struct hh_calendar *cal, const struct hh_hours *h)
{
	assert(hh_calendar_hours_check(h) == 0);
	cal->hours = *h;
}

const struct hh_hours *
hh_calendar_hours(const struct hh_calendar *cal)
{
	return &cal->hours;
}

void
hh_calendar_free(struct hh_calendar *cal)
{
	size_t i;

	if (cal == NULL)
		return;
	for (i = 0; i < cal->nnotes; i++)
		free(cal->notes[i]);
	free(cal->notes);
	free(cal->ent);
	free(cal->stat);
	free(cal);
}

/* --- parsing ---------------------------------------------------------- */

struct parser {
	struct hh_calendar *cal;
	size_t cap;
	const char *name;
	int line;
};

static int
perr(const struct parser *ps, const char *msg, const char *arg)
{
	if (arg != NULL)
		return hh_error_set(HH_EINVALID, "%s:%d: %s %s", ps->name,
		    ps->line, msg, arg);
	return hh_error_set(HH_EINVALID, "%s:%d: %s", ps->name, ps->line,
	    msg);
}

static int
add_note(struct parser *ps, const char **out, const char *s, size_t len)
{
	struct hh_calendar *cal = ps->cal;
	char *copy;

	*out = NULL;
	if (len == 0)
		return 0;
	copy = hh_xmalloc(len + 1);
	memcpy(copy, s, len);
	copy[len] = '\0';
	cal->notes = hh_xrealloc(cal->notes, (cal->nnotes + 1) *
	    sizeof(*cal->notes));
	cal->notes[cal->nnotes++] = copy;
	*out = copy;
	return 0;
}

static int
add_entry(struct parser *ps, int day, int off, int prov, const char *note)
{
	struct hh_calendar *cal = ps->cal;
	struct entry *v;

	if (cal->nent == ps->cap) {
		ps->cap = ps->cap ? 2 * ps->cap : 64;
		cal->ent = hh_xrealloc(cal->ent, ps->cap * sizeof(*v));
	}
	v = &cal->ent[cal->nent++];
	v->day = day;
	v->line = ps->line;
	v->off = off;
	v->provisional = prov;
	v->note = note;
	return 0;
}

static int
parse_date(const struct parser *ps, int *day, const char *s, size_t len)
{
	char buf[32];

	if (len == 0)
		return perr(ps, "missing date", NULL);
	if (len >= sizeof(buf))
		len = sizeof(buf) - 1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (hh_time_parse_day(day, buf) < 0)
		return perr(ps, "bad date", buf);
	return 0;
}

static int
blank(int c)
{
	return c == ' ' || c == '\t';
}

static int
parse_line(struct parser *ps, const char *s, size_t len)
{
	const char *p, *end, *tok, *dots, *note;
	const char *msg;
	size_t toklen;
	int first, last, off, prov, d, error;

	if (len > LINE_MAX_LEN)
		return perr(ps, "line longer than 1000 bytes", NULL);
	if ((msg = hh_text_problem(s, len, HH_TEXT_TAB)) != NULL)
		return perr(ps, msg, NULL);
	if ((end = memchr(s, '#', len)) == NULL)
		end = s + len;
	p = s;
	while (p < end && blank(*p))
		p++;
	if (p == end)
		return 0;

	/* days */
	tok = p;
	while (p < end && !blank(*p))
		p++;
	toklen = (size_t)(p - tok);
	for (dots = tok; dots + 1 < p; dots++)
		if (dots[0] == '.' && dots[1] == '.')
			break;
	if (dots + 1 < p) {
		if ((error = parse_date(ps, &first, tok,
		    (size_t)(dots - tok))) < 0 ||
		    (error = parse_date(ps, &last, dots + 2,
		    (size_t)(p - dots - 2))) < 0)
			return error;
		if (last < first)
			return perr(ps, "range ends before it starts", NULL);
		if (last - first + 1 > RANGE_MAX)
			return perr(ps, "range longer than 366 days", NULL);
	} else {
		if ((error = parse_date(ps, &first, tok, toklen)) < 0)
			return error;
		last = first;
	}

	/* off or work */
	while (p < end && blank(*p))
		p++;
	tok = p;
	while (p < end && !blank(*p))
		p++;
	toklen = (size_t)(p - tok);
	if (toklen == 3 && memcmp(tok, "off", 3) == 0)
		off = 1;
	else if (toklen == 4 && memcmp(tok, "work", 4) == 0)
		off = 0;
	else
		return perr(ps, "expected off or work", NULL);

	/* the status, official unless the line says provisional */
	while (p < end && blank(*p))
		p++;
	tok = p;
	while (p < end && !blank(*p))
		p++;
	toklen = (size_t)(p - tok);
	prov = toklen == 11 && memcmp(tok, "provisional", 11) == 0;
	if (!prov)
		p = tok;

	/* the note: the rest, without blanks at either end */
	while (p < end && blank(*p))
		p++;
	while (end > p && blank(end[-1]))
		end--;
	if ((error = add_note(ps, &note, p, (size_t)(end - p))) < 0)
		return error;

	for (d = first; d <= last; d++) {
		if ((error = add_entry(ps, d, off, prov, note)) < 0)
			return error;
		if (off)
			ps->cal->covered[year_of(d) - YEAR_MIN] = 1;
	}
	return 0;
}

static int
entry_cmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return (x->line > y->line) - (x->line < y->line);
}

/*
 * Sort the entries and refuse a day named twice, reporting the repeat
 * that comes first in the file.
 */
static int
check_dups(const struct parser *ps)
{
	struct hh_calendar *cal = ps->cal;
	const struct entry *a = NULL, *b = NULL;
	char date[HH_TIME_MAX];
	size_t i;

	if (cal->nent > 0)
		qsort(cal->ent, cal->nent, sizeof(*cal->ent), entry_cmp);
	for (i = 1; i < cal->nent; i++) {
		if (cal->ent[i].day != cal->ent[i - 1].day)
			continue;
		if (b == NULL || cal->ent[i].line < b->line) {
			a = &cal->ent[i - 1];
			b = &cal->ent[i];
		}
	}
	if (b == NULL)
		return 0;
	hh_time_format_day(date, b->day);
	if (a->off != b->off)
		return hh_error_set(HH_EINVALID,
		    "%s:%d: %s is both off and work (line %d)", ps->name,
		    b->line, date, a->line);
	return hh_error_set(HH_EINVALID, "%s:%d: %s already listed on line %d",
	    ps->name, b->line, date, a->line);
}

int
hh_calendar_parse(struct hh_calendar **out, const char *text, size_t len,
    const char *name)
{
	static const struct hh_hours defhours = HH_HOURS_DEFAULT;
	struct parser ps;
	struct hh_calendar *cal = NULL;
	const char *p, *nl, *end;
	char saved[HH_ERRMAX];
	int error = 0, lerror = 0;

	*out = NULL;
	memset(&ps, 0, sizeof(ps));
	ps.name = name != NULL ? name : "calendar";
	cal = hh_xcalloc(1, sizeof(*cal));
	cal->stat = hh_xcalloc(NYEARS, sizeof(*cal->stat));
	cal->hours = defhours;
	ps.cal = cal;

	p = text;
	end = text != NULL ? text + len : text;
	while (p < end) {
		ps.line++;
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if ((lerror = parse_line(&ps, p, (size_t)(nl - p))) < 0)
			break;
		p = nl + 1;
	}
	if (lerror == HH_ERROR) {
		error = lerror;
		goto out;
	}
	/* a repeated day on an earlier line than a bad line is reported
	 * first: the entries hold only the lines before the bad one */
	if (lerror < 0)
		snprintf(saved, sizeof(saved), "%s", hh_error_last());
	if ((error = check_dups(&ps)) < 0)
		goto out;
	if (lerror < 0) {
		error = hh_error_set(lerror, "%s", saved);
		goto out;
	}
	*out = cal;
	cal = NULL;
out:
	hh_calendar_free(cal);
	return error;
}
