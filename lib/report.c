/* report.c - reports over the dossiers, computed from their events */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "desk.h"

/* The years a period may fall in: those of time.c. */
#define YEAR_MIN 1900
#define YEAR_MAX 2199

/*
 * Everything here is a function of the dossiers' events up to an instant
 * (DOMAIN Part A §7-9): a report for a period is computed as of the last
 * second of its last day, so it reads the same whenever it is printed.
 */

/* A growable string. */
struct buf {
	char *s;
	size_t len, cap;
};

static void
bput(struct buf *b, const char *s, size_t n)
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

static void
bputs(struct buf *b, const char *s)
{
	bput(b, s, strlen(s));
}

static void bprintf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
bprintf(struct buf *b, const char *fmt, ...)
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
		bput(b, small, (size_t)n);
		return;
	}
	big = hh_xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	bput(b, big, (size_t)n);
	free(big);
}

static void
bpad(struct buf *b, size_t n)
{
	while (n-- > 0)
		bput(b, " ", 1);
}

static char *
bdone(struct buf *b)
{
	if (b->s == NULL)
		bput(b, "", 0);
	return b->s;
}

/* HTML text and attribute values. */
static void
bhtml(struct buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			bputs(b, "&amp;");
			break;
		case '<':
			bputs(b, "&lt;");
			break;
		case '>':
			bputs(b, "&gt;");
			break;
		case '"':
			bputs(b, "&quot;");
			break;
		case '\'':
			bputs(b, "&#39;");
			break;
		default:
			bput(b, s, 1);
		}
	}
}

/* One CSV field (RFC 4180): quoted when it holds a comma, a quote or a
 * line break. */
static void
bcsv(struct buf *b, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		bputs(b, s);
		return;
	}
	bput(b, "\"", 1);
	for (; *s; s++) {
		if (*s == '"')
			bput(b, "\"", 1);
		bput(b, s, 1);
	}
	bput(b, "\"", 1);
}

/* "30/09/2016" */
static void
date_vn(char buf[HH_TIME_MAX], int day)
{
	int y, m, d;

	hh_time_civil(day, &y, &m, &d);
	snprintf(buf, HH_TIME_MAX, "%02d/%02d/%04d", d % 100, m % 100,
	    y % 10000);
}

/* "30/09/2016 08:15" */
static void
time_vn(char buf[HH_TIME_MAX], int64_t t)
{
	char day[HH_TIME_MAX];
	int min = hh_time_minute(t);

	date_vn(day, hh_time_day(t));
	snprintf(buf, HH_TIME_MAX, "%.10s %02d:%02d", day, min / 60 % 100,
	    min % 60);
}

/* The first instant of a day and the last second of it. */
static int64_t
day_start(int day)
{
	return hh_time_make(day, 0);
}

static int64_t
day_end(int day)
{
	return hh_time_make(day, 0) + 86399;
}

/*
 * Formats and periods.
 */

int
hh_format_parse(enum hh_format *out, const char *s)
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

/* n digits exactly, as a number. */
static int
digits(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* The days of months first..last of year y (months may run past 1..12),
 * in calendar months or from the 15th before to the 14th. */
static void
months(int *from, int *to, int y, int first, int last, int shift15)
{
	int fy = y, fm = first, ty = y, tm = last + 1;

	if (shift15)
		fm--, tm--;
	while (fm < 1)
		fm += 12, fy--;
	while (tm > 12)
		tm -= 12, ty++;
	*from = hh_time_from_civil(fy, fm, shift15 ? 15 : 1);
	*to = hh_time_from_civil(ty, tm, shift15 ? 15 : 1) - 1;
}

int
hh_period_parse(int *from_out, int *to_out, enum hh_period kind,
    const char *s, int shift15)
{
	size_t n = strlen(s);
	int y = digits(s, n >= 4 ? 4 : 0), m, q, from, to;

	if (n < 4 || y < 0)
		goto bad;
	switch (kind) {
	case HH_PERIOD_MONTH:
		if (n != 7 || s[4] != '-' || (m = digits(s + 5, 2)) < 1 ||
		    m > 12)
			goto bad;
		months(&from, &to, y, m, m, shift15);
		break;
	case HH_PERIOD_QUARTER:
		if (n != 7 || s[4] != '-' || (s[5] != 'Q' && s[5] != 'q') ||
		    (q = digits(s + 6, 1)) < 1 || q > 4)
			goto bad;
		months(&from, &to, y, 3 * q - 2, 3 * q, shift15);
		break;
	case HH_PERIOD_YEAR:
		if (n != 4)
			goto bad;
		months(&from, &to, y, 1, 12, shift15);
		break;
	}
	/* every day of it within the years of time.c (with --period-15,
	 * January 1900 would begin in 1899) */
	if (from < hh_time_from_civil(YEAR_MIN, 1, 1) ||
	    to > hh_time_from_civil(YEAR_MAX, 12, 31))
		return hh_error_set(HH_EINVALID, "\"%s\" is outside the "
		    "years %d to %d", hh_text_quote(s), YEAR_MIN, YEAR_MAX);
	*from_out = from;
	*to_out = to;
	return HH_OK;
bad:
	return hh_error_set(HH_EINVALID, "\"%s\" is not a %s", hh_text_quote(s),
	    kind == HH_PERIOD_MONTH ? "month (YYYY-MM)" :
	    kind == HH_PERIOD_QUARTER ? "quarter (YYYY-Qn)" : "year (YYYY)");
}

void
hh_period_last_month(int *from_out, int *to_out, int today, int shift15)
{
	int y, m, d;

	hh_time_civil(today, &y, &m, &d);
	/* the month named m ends on its last day, or on the 14th */
	months(from_out, to_out, y, m, m, shift15);
	while (*to_out >= today) {
		if (--m < 1)
			m = 12, y--;
		months(from_out, to_out, y, m, m, shift15);
	}
}

int
hh_report_workdays(const struct hh_calendar *cal, int day, int n)
{
	while (n > 0) {
		day++;
		if (hh_calendar_working(cal, day, NULL))
			n--;
	}
	return day;
}

/*
 * A dossier's life as of an instant, from its events.
 */
struct life {
	int64_t received;	/* the intake */
	int64_t closed;		/* resolution or withdrawal; 0: open */
	int64_t returned;	/* 0: not returned */
	int64_t due;		/* legal due in force (at the closing) */
	int withdrawn;
	enum hh_class class;	/* of the resolution */
	int waiting;		/* waiting for a supplement */
	const char *status;
	const char *officer;	/* the last officer routed to, or NULL */
};

/*
 * A dossier reduced to what life_at reads: the summary cache of the
 * on-time report keeps these (hh_report_scan_cached), so that the
 * report reads the same from the cache as from the files.
 */
enum {
	EV_INTAKE,
	EV_ROUTE,
	EV_SUPPLEMENT,
	EV_SUPPLIED,
	EV_DONE,
	EV_RETURN,
	EV_WITHDRAW,
	EV_OTHER,
};
struct sev {
	int64_t at, due_at;
	const char *officer;	/* route: details.officer, or NULL */
	unsigned char action;	/* EV_* */
	unsigned char at_ok;	/* at is a time */
	unsigned char due;	/* details.due_at (not a route's): 0 none,
				 * 1 a time, 2 not a time */
};
struct dsum {
	const char *field, *dept, *pcode, *pname, *channel;
	int64_t due0;		/* the dossier's due_at; 0 if none */
	int events_ok;		/* events is a non-empty array */
	struct sev *ev;
	size_t nev;
};

static int
ev_code(const char *a)
{
	static const char *const names[] = { "intake", "route", "supplement",
	    "supplied", "done", "return", "withdraw" };
	int i;

	for (i = 0; i < EV_OTHER; i++)
		if (strcmp(a, names[i]) == 0)
			return i;
	return EV_OTHER;
}

static size_t
nevents(const cJSON *dos)
{
	const cJSON *ev = cJSON_GetObjectItemCaseSensitive(dos, "events");

	return cJSON_IsArray(ev) ? (size_t)cJSON_GetArraySize(ev) : 0;
}

/* d's strings are borrowed from dos; ev has room for nevents(dos). */
static void
summarize(struct dsum *d, struct sev *ev, const cJSON *dos)
{
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(dos, "procedure");
	const cJSON *events = cJSON_GetObjectItemCaseSensitive(dos, "events");
	const cJSON *e, *v, *det;
	struct sev *s;

	d->field = hh_dossier_str(p, "field");
	d->dept = hh_dossier_str(p, "department");
	d->pcode = hh_dossier_str(p, "code");
	d->pname = hh_dossier_str(p, "name");
	d->channel = hh_dossier_str(dos, "channel");
	d->due0 = 0;
	v = cJSON_GetObjectItemCaseSensitive(dos, "due_at");
	if (cJSON_IsString(v))
		hh_time_parse(&d->due0, v->valuestring);
	d->events_ok = cJSON_IsArray(events) && events->child != NULL;
	d->ev = ev;
	d->nev = 0;
	if (!cJSON_IsArray(events))
		return;
	cJSON_ArrayForEach(e, events) {
		s = &ev[d->nev++];
		memset(s, 0, sizeof(*s));
		v = cJSON_GetObjectItemCaseSensitive(e, "at");
		s->at_ok = cJSON_IsString(v) &&
		    hh_time_parse(&s->at, v->valuestring) == 0;
		s->action = (unsigned char)ev_code(hh_dossier_str(e, "action"));
		det = cJSON_GetObjectItemCaseSensitive(e, "details");
		v = cJSON_GetObjectItemCaseSensitive(det, "due_at");
		if (cJSON_IsString(v) && s->action != EV_ROUTE)
			s->due = hh_time_parse(&s->due_at, v->valuestring)
			    == 0 ? 1 : 2;
		if (s->action == EV_ROUTE) {
			v = cJSON_GetObjectItemCaseSensitive(det, "officer");
			if (cJSON_IsString(v) && *v->valuestring)
				s->officer = v->valuestring;
		}
	}
}

/*
 * The legal due in force is the due_at of the latest event carrying one,
 * except a route's: that is the share of the time given to a department,
 * not the legal due.  1 if the dossier was received by t, 0 if not.
 */
static int
life_sum(struct life *lf, const struct dsum *d, int64_t t)
{
	const struct sev *s;
	size_t i;

	memset(lf, 0, sizeof(*lf));
	lf->status = "received";
	if (!d->events_ok)
		return hh_error_set(HH_EINVALID, "events: missing");
	for (i = 0; i < d->nev; i++) {
		s = &d->ev[i];
		if (!s->at_ok)
			return hh_error_set(HH_EINVALID, "events[%zu].at: not "
			    "a time", i);
		if (i == 0) {
			if (s->action != EV_INTAKE)
				return hh_error_set(HH_EINVALID,
				    "events[0]: not an intake");
			lf->received = s->at;
			if (s->at > t)
				return 0;
			/* the due on the receipt, if the event lacks it */
			lf->due = d->due0;
		}
		if (s->at > t)
			continue;
		if (s->due == 2)
			return hh_error_set(HH_EINVALID, "events[%zu].details."
			    "due_at: not a time", i);
		if (s->due == 1 && lf->closed == 0)
			lf->due = s->due_at;
		if (s->action == EV_RETURN) {
			lf->returned = s->at;
			lf->status = "returned";
		}
		if (lf->closed != 0)
			continue;
		switch (s->action) {
		case EV_ROUTE:
			lf->status = "processing";
			if (s->officer != NULL)
				lf->officer = s->officer;
			break;
		case EV_SUPPLEMENT:
			lf->waiting = 1;
			lf->status = "waiting_supplement";
			break;
		case EV_SUPPLIED:
			lf->waiting = 0;
			lf->status = "processing";
			break;
		case EV_DONE:
		case EV_RETURN:
			lf->closed = s->at;
			lf->waiting = 0;
			lf->class = hh_deadline_classify(s->at, lf->due);
			if (s->action == EV_DONE)
				lf->status = "resolved";
			break;
		case EV_WITHDRAW:
			lf->closed = s->at;
			lf->waiting = 0;
			lf->withdrawn = 1;
			lf->status = "withdrawn";
			break;
		}
	}
	return 1;
}

/* lf's strings are borrowed from dos. */
static int
life_at(struct life *lf, const cJSON *dos, int64_t t)
{
	struct sev small[32], *ev = small;
	struct dsum d;
	size_t n = nevents(dos);
	int rc;

	if (n > sizeof(small) / sizeof(small[0]))
		ev = hh_xmalloc(n * sizeof(*ev));
	summarize(&d, ev, dos);
	rc = life_sum(lf, &d, t);
	if (ev != small)
		free(ev);
	return rc;
}

/*
 * The on-time report.
 */
static const char *const by_names[] = { "field", "department", "procedure",
    "officer", "channel" };

int
hh_report_by_parse(enum hh_report_by *out, const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(by_names) / sizeof(by_names[0]); i++)
		if (strcmp(s, by_names[i]) == 0) {
			*out = (enum hh_report_by)i;
			return HH_OK;
		}
	return hh_error_set(HH_EINVALID, "\"%s\" is not field, department, "
	    "procedure, officer or channel", hh_text_quote(s));
}

const char *
hh_report_by_name(enum hh_report_by by)
{
	return by_names[by];
}

static const char *
channel_label(const char *ch)
{
	if (strcmp(ch, "online") == 0)
		return "Trực tuyến";
	if (strcmp(ch, "postal") == 0)
		return "Dịch vụ bưu chính";
	if (strcmp(ch, "direct") == 0)
		return "Trực tiếp";
	return ch;
}

void
hh_report_free(struct hh_report *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nrows; i++) {
		free(r->rows[i].key);
		free(r->rows[i].label);
	}
	free(r->rows);
	free(r->hashes);
	free(r->total.key);
	free(r->total.label);
	free(r->source);
	free(r->center_name);
	free(r);
}

int
hh_report_new(struct hh_report **out, int from, int to, int64_t now,
    enum hh_report_by by, const struct hh_center *c, const char *source)
{
	struct hh_report *r;

	*out = NULL;
	if (from > to)
		return hh_error_set(HH_EINVALID, "the period ends before it "
		    "starts");
	r = hh_xmalloc(sizeof(*r));
	memset(r, 0, sizeof(*r));
	r->from = from;
	r->to = to;
	r->start = day_start(from);
	r->end = day_end(to);
	if (now < r->end)
		r->end = now;
	r->by = by;
	r->center = c;
	r->center_name = hh_xstrdup(c ? c->name : "");
	r->source = hh_xstrdup(source ? source : "");
	r->total.key = hh_xstrdup("total");
	r->total.label = hh_xstrdup("Tổng số");
	*out = r;
	return HH_OK;
}

static struct hh_report_row *
row_for(struct hh_report *r, const char *key, const char *label)
{
	struct hh_report_row *row;
	uint32_t h = hh_text_hash(key);
	size_t i;

	for (i = 0; i < r->nrows; i++)
		if (r->hashes[i] == h && strcmp(r->rows[i].key, key) == 0)
			return &r->rows[i];
	if (r->nrows == r->alloc) {
		r->alloc = r->alloc ? r->alloc * 2 : 32;
		r->rows = hh_xrealloc(r->rows, r->alloc * sizeof(*r->rows));
		r->hashes = hh_xrealloc(r->hashes,
		    r->alloc * sizeof(*r->hashes));
	}
	row = &r->rows[r->nrows];
	memset(row, 0, sizeof(*row));
	row->key = hh_xstrdup(key);
	row->label = hh_xstrdup(label);
	r->hashes[r->nrows++] = h;
	return row;
}

/* The row key and label of a dossier. */
static void
key_of(const struct hh_report *r, const struct dsum *d,
    const struct life *lf, const char **key, const char **label)
{
	const struct hh_dept *dept;
	const struct hh_staff *st;

	*key = *label = "";
	switch (r->by) {
	case HH_BY_FIELD:
		*key = *label = d->field;
		break;
	case HH_BY_DEPARTMENT:
		*key = *label = d->dept;
		if (r->center && (dept = hh_center_dept(r->center,
		    *key)) != NULL)
			*label = dept->name;
		break;
	case HH_BY_PROCEDURE:
		*key = d->pcode;
		*label = d->pname;
		break;
	case HH_BY_OFFICER:
		if (lf->officer == NULL) {
			*key = "-";
			*label = "Chưa phân công";
			break;
		}
		*key = *label = lf->officer;
		if (r->center && (st = hh_center_staff(r->center,
		    *key)) != NULL)
			*label = st->name;
		break;
	case HH_BY_CHANNEL:
		*key = d->channel;
		*label = channel_label(*key);
		break;
	}
	if (**key == '\0')
		*key = "-";
}

static int
report_sum(struct hh_report *r, const struct dsum *d)
{
	struct hh_report_row *row;
	struct hh_counts *n;
	struct life lf;
	const char *key, *label;
	int carried, rc;

	if ((rc = life_sum(&lf, d, r->end)) <= 0)
		return rc;
	carried = lf.received < r->start;
	if (carried && lf.closed != 0 && lf.closed < r->start)
		return 0;	/* closed before the period */
	key_of(r, d, &lf, &key, &label);
	row = row_for(r, key, label);
	n = &row->n;
	if (carried)
		n->carried++;
	else if (strcmp(d->channel, "online") == 0)
		n->online++;
	else
		n->direct++;
	n->received++;
	if (lf.closed != 0 && lf.withdrawn) {
		n->withdrawn++;
	} else if (lf.closed != 0) {
		n->resolved++;
		if (lf.class == HH_EARLY)
			n->early++;
		else if (lf.class == HH_ON_TIME)
			n->on_time++;
		else
			n->late++;
	} else {
		n->open++;
		if (lf.waiting)
			n->waiting++;
		else if (r->end <= lf.due)
			n->within++;
		else
			n->overdue++;
	}
	return 1;
}

int
hh_report_add(struct hh_report *r, const cJSON *dos)
{
	struct sev small[32], *ev = small;
	struct dsum d;
	size_t n = nevents(dos);
	int rc;

	if (n > sizeof(small) / sizeof(small[0]))
		ev = hh_xmalloc(n * sizeof(*ev));
	summarize(&d, ev, dos);
	rc = report_sum(r, &d);
	if (ev != small)
		free(ev);
	return rc;
}

static int
row_cmp(const void *a, const void *b)
{
	const struct hh_report_row *x = a, *y = b;
	char *fx = hh_text_fold(x->label), *fy = hh_text_fold(y->label);
	int c = strcmp(fx, fy);

	free(fx);
	free(fy);
	if (c == 0)
		c = strcmp(x->label, y->label);
	return c != 0 ? c : strcmp(x->key, y->key);
}

static int
check_row(const struct hh_report_row *row)
{
	const struct hh_counts *n = &row->n;
	long fresh = n->online + n->direct;

	if (n->carried + fresh != n->resolved + n->withdrawn + n->open ||
	    n->received != n->carried + fresh ||
	    n->resolved != n->early + n->on_time + n->late ||
	    n->open != n->within + n->overdue + n->waiting)
		return hh_error_set(HH_ERROR, "row %s: carried+new != "
		    "resolved+withdrawn+open (%ld+%ld != %ld+%ld+%ld)",
		    row->key, n->carried, fresh, n->resolved, n->withdrawn,
		    n->open);
	return HH_OK;
}

int
hh_report_finish(struct hh_report *r)
{
	struct hh_counts *t = &r->total.n;
	const struct hh_counts *n;
	size_t i;
	int error;

	if (r->nrows > 1)	/* qsort(NULL, 0) is undefined */
		qsort(r->rows, r->nrows, sizeof(*r->rows), row_cmp);
	memset(t, 0, sizeof(*t));
	for (i = 0; i < r->nrows; i++) {
		n = &r->rows[i].n;
		if ((error = check_row(&r->rows[i])) < 0)
			return error;
		t->received += n->received;
		t->carried += n->carried;
		t->online += n->online;
		t->direct += n->direct;
		t->resolved += n->resolved;
		t->early += n->early;
		t->on_time += n->on_time;
		t->late += n->late;
		t->open += n->open;
		t->within += n->within;
		t->overdue += n->overdue;
		t->waiting += n->waiting;
		t->withdrawn += n->withdrawn;
	}
	return check_row(&r->total);
}

int
hh_report_rate(const struct hh_counts *n)
{
	long good = n->early + n->on_time;

	if (n->resolved <= 0)
		return -1;
	/* hundredths of a per cent, rounded half up, in integers */
	return (int)((good * 20000 + n->resolved) / (n->resolved * 2));
}

/* "57.76", or "" when nothing was resolved. */
static void
rate_text(char buf[16], const struct hh_counts *n)
{
	int r = hh_report_rate(n);

	if (r < 0)
		buf[0] = '\0';
	else
		snprintf(buf, 16, "%d.%02d", r / 100 % 1000, r % 100);
}

/*
 * Tables: the shape every text, CSV and HTML output shares.
 */
struct table {
	size_t ncols;
	const char *const *heads;	/* Vietnamese headings */
	const char *const *groups;	/* a heading over several, or NULL */
	const char *const *keys;	/* CSV header */
	const int *right;		/* right-aligned (numbers) */
	char **cells;			/* nrows * ncols */
	size_t nrows, alloc;
	size_t nbody;			/* rows before the total rows */
};

static void
table_add(struct table *t, char **cells)
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

static void
table_free(struct table *t)
{
	size_t i;

	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
}

static const char *
cell(const struct table *t, size_t row, size_t col)
{
	return t->cells[row * t->ncols + col];
}

/* End a line without trailing blanks. */
static void
bline(struct buf *b)
{
	while (b->len > 0 && b->s[b->len - 1] == ' ')
		b->s[--b->len] = '\0';
	bputs(b, "\n");
}

static void
text_cell(struct buf *b, const char *s, size_t w, int right, int last)
{
	size_t sw = hh_text_width(s);

	if (right)
		bpad(b, w - sw);
	bputs(b, s);
	if (!right && !last)
		bpad(b, w - sw);
}

/* Columns two spaces apart, aligned by display width; group headings
 * over their columns; a rule under the headings and before the totals. */
static void
table_text(struct buf *b, const struct table *t)
{
	size_t *w = hh_xmalloc(t->ncols * sizeof(*w));
	size_t i, j, k, span, gw, total = 0;

	for (j = 0; j < t->ncols; j++) {
		w[j] = hh_text_width(t->heads[j]);
		for (i = 0; i < t->nrows; i++)
			if (hh_text_width(cell(t, i, j)) > w[j])
				w[j] = hh_text_width(cell(t, i, j));
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
		struct buf line = { NULL, 0, 0 };

		for (j = 0; j < t->ncols; j = k) {
			for (k = j + 1; k < t->ncols && t->groups[j] &&
			    t->groups[k] &&
			    strcmp(t->groups[j], t->groups[k]) == 0; k++)
				;
			for (span = 0, i = j; i < k; i++)
				span += w[i] + (i > j ? 2 : 0);
			if (j)
				bputs(&line, "  ");
			text_cell(&line, t->groups[j] ? t->groups[j] : "",
			    span, 0, 0);
		}
		bputs(b, bdone(&line));
		bline(b);
		free(line.s);
	}
	for (j = 0; j < t->ncols; j++) {
		if (j)
			bputs(b, "  ");
		text_cell(b, t->heads[j], w[j], t->right[j],
		    j + 1 == t->ncols);
	}
	bline(b);
	for (i = 0; i < total; i++)
		bputs(b, "-");
	bputs(b, "\n");
	for (i = 0; i < t->nrows; i++) {
		if (i == t->nbody && t->nbody < t->nrows) {
			for (j = 0; j < total; j++)
				bputs(b, "-");
			bputs(b, "\n");
		}
		for (j = 0; j < t->ncols; j++) {
			if (j)
				bputs(b, "  ");
			text_cell(b, cell(t, i, j), w[j], t->right[j],
			    j + 1 == t->ncols);
		}
		bline(b);
	}
	free(w);
}

/* The header line, then the rows, CRLF-terminated (RFC 4180). */
static void
table_csv(struct buf *b, const struct table *t)
{
	size_t i, j;

	for (j = 0; j < t->ncols; j++) {
		if (j)
			bputs(b, ",");
		bcsv(b, t->keys[j]);
	}
	bputs(b, "\r\n");
	for (i = 0; i < t->nrows; i++) {
		for (j = 0; j < t->ncols; j++) {
			if (j)
				bputs(b, ",");
			bcsv(b, cell(t, i, j));
		}
		bputs(b, "\r\n");
	}
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
"@page { size: A4 landscape; margin: 1cm; }\n"
"</style>\n"
"</head>\n"
"<body>\n";

/* Group headings span their columns; lone columns span both lines. */
static void
table_html(struct buf *b, const struct table *t)
{
	size_t i, j, k;

	bputs(b, "<table>\n<thead>\n<tr>");
	for (j = 0; j < t->ncols; j = k) {
		for (k = j + 1; t->groups && k < t->ncols && t->groups[j] &&
		    t->groups[k] && strcmp(t->groups[j], t->groups[k]) == 0;
		    k++)
			;
		if (t->groups && t->groups[j]) {
			bprintf(b, "<th colspan=\"%zu\">", k - j);
			bhtml(b, t->groups[j]);
		} else {
			bputs(b, t->groups ? "<th rowspan=\"2\">" : "<th>");
			bhtml(b, t->heads[j]);
		}
		bputs(b, "</th>");
	}
	bputs(b, "</tr>\n");
	if (t->groups) {
		bputs(b, "<tr>");
		for (j = 0; j < t->ncols; j++) {
			if (t->groups[j] == NULL)
				continue;
			bputs(b, "<th>");
			bhtml(b, t->heads[j]);
			bputs(b, "</th>");
		}
		bputs(b, "</tr>\n");
	}
	bputs(b, "</thead>\n<tbody>\n");
	for (i = 0; i < t->nrows; i++) {
		bputs(b, i >= t->nbody ? "<tr class=\"total\">" : "<tr>");
		for (j = 0; j < t->ncols; j++) {
			bputs(b, t->right[j] ? "<td class=\"n\">" : "<td>");
			bhtml(b, cell(t, i, j));
			bputs(b, "</td>");
		}
		bputs(b, "</tr>\n");
	}
	bputs(b, "</tbody>\n</table>\n");
}

/*
 * The report's formats.
 */
static const char *const by_heads[] = { "Lĩnh vực", "Cơ quan", "Thủ tục",
    "Cán bộ", "Kênh tiếp nhận" };
static const char *const by_words[] = { "lĩnh vực", "cơ quan chủ trì",
    "thủ tục hành chính", "cán bộ giải quyết", "kênh tiếp nhận" };

#define NCOLS 17
static const char *const rep_keys[NCOLS] = { "stt", "key", "label",
    "received_total", "received_online", "received_direct",
    "received_carried", "resolved_total", "resolved_early",
    "resolved_on_time", "resolved_late", "open_total", "open_within",
    "open_overdue", "open_waiting_supplement", "withdrawn",
    "on_time_rate" };
static const int rep_right[NCOLS] = { 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1 };

static char *
num(long v)
{
	return hh_xasprintf("%ld", v);
}

static void
row_cells(char **c, const struct hh_report_row *row, size_t stt)
{
	const struct hh_counts *n = &row->n;
	char rate[16];

	rate_text(rate, n);
	c[0] = stt ? hh_xasprintf("%zu", stt) : hh_xstrdup("");
	c[1] = hh_xstrdup(row->key);
	c[2] = hh_xstrdup(row->label);
	c[3] = num(n->received);
	c[4] = num(n->online);
	c[5] = num(n->direct);
	c[6] = num(n->carried);
	c[7] = num(n->resolved);
	c[8] = num(n->early);
	c[9] = num(n->on_time);
	c[10] = num(n->late);
	c[11] = num(n->open);
	c[12] = num(n->within);
	c[13] = num(n->overdue);
	c[14] = num(n->waiting);
	c[15] = num(n->withdrawn);
	c[16] = hh_xstrdup(rate);
}

/* The report as a table; drop: the key column (text and HTML). */
static void
report_table(struct table *t, const struct hh_report *r, const char **heads,
    const char **groups)
{
	static const char *const h[NCOLS] = { "STT", "Mã", NULL, "Tổng số",
	    "Trực tuyến", "Trực tiếp, BC", "Kỳ trước", "Tổng số",
	    "Trước hạn", "Đúng hạn", "Quá hạn", "Tổng số", "Trong hạn",
	    "Quá hạn", "Chờ bổ sung", "Đã rút", "Tỷ lệ (%)" };
	static const char *const g[NCOLS] = { NULL, NULL, NULL,
	    "Số hồ sơ nhận giải quyết", "Số hồ sơ nhận giải quyết",
	    "Số hồ sơ nhận giải quyết", "Số hồ sơ nhận giải quyết",
	    "Số hồ sơ đã giải quyết", "Số hồ sơ đã giải quyết",
	    "Số hồ sơ đã giải quyết", "Số hồ sơ đã giải quyết",
	    "Số hồ sơ đang giải quyết", "Số hồ sơ đang giải quyết",
	    "Số hồ sơ đang giải quyết", "Số hồ sơ đang giải quyết",
	    NULL, NULL };
	char *c[NCOLS];
	size_t i;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < NCOLS; i++) {
		heads[i] = h[i];
		groups[i] = g[i];
	}
	heads[2] = by_heads[r->by];
	t->ncols = NCOLS;
	t->heads = heads;
	t->groups = groups;
	t->keys = rep_keys;
	t->right = rep_right;
	for (i = 0; i < r->nrows; i++) {
		row_cells(c, &r->rows[i], i + 1);
		table_add(t, c);
	}
	t->nbody = t->nrows;
	row_cells(c, &r->total, 0);
	table_add(t, c);
}

/* Drop column col from a table (the key, for readers). */
static void
table_drop(struct table *t, size_t col, const char **heads,
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

static const char report_title[] =
    "Tình hình, kết quả giải quyết thủ tục hành chính";

static void
period_line(struct buf *b, const struct hh_report *r, int html)
{
	char from[HH_TIME_MAX], to[HH_TIME_MAX], asof[HH_TIME_MAX];

	date_vn(from, r->from);
	date_vn(to, r->to);
	time_vn(asof, r->end);
	bprintf(b, "Kỳ báo cáo: từ ngày %s đến ngày %s", from, to);
	if (r->end < day_end(r->to))
		bprintf(b, " (số liệu đến %s)", asof);
	bputs(b, html ? "" : "\n");
}

static void
report_text(struct buf *b, const struct hh_report *r)
{
	const char *heads[NCOLS], *groups[NCOLS], *keys[NCOLS];
	int right[NCOLS];
	struct table t;

	bprintf(b, "%s\n", report_title);
	if (*r->center_name)
		bprintf(b, "%s\n", r->center_name);
	period_line(b, r, 0);
	bprintf(b, "Theo %s; đơn vị tính: số hồ sơ\n", by_words[r->by]);
	bprintf(b, "Nguồn: bản ghi %s\n\n", *r->source ? r->source : "-");
	report_table(&t, r, heads, groups);
	table_drop(&t, 1, heads, groups, keys, right);
	table_text(b, &t);
	table_free(&t);
}

static void
report_csv(struct buf *b, const struct hh_report *r)
{
	const char *heads[NCOLS + 3], *groups[NCOLS + 3], *keys[NCOLS + 3];
	int right[NCOLS + 3];
	char from[HH_TIME_MAX], to[HH_TIME_MAX], *c[NCOLS + 3];
	struct table t;
	size_t i, j;

	/* every line names its period and source: CSVs get concatenated */
	report_table(&t, r, heads, groups);
	hh_time_format_day(from, r->from);
	hh_time_format_day(to, r->to);
	for (j = 0; j < NCOLS; j++) {
		keys[j] = rep_keys[j];
		right[j] = rep_right[j];
		heads[j] = t.heads[j];
	}
	keys[NCOLS] = "period_from";
	keys[NCOLS + 1] = "period_to";
	keys[NCOLS + 2] = "source";
	{
		struct table u;

		memset(&u, 0, sizeof(u));
		u.ncols = NCOLS + 3;
		u.heads = heads;
		u.keys = keys;
		u.right = right;
		for (i = 0; i < t.nrows; i++) {
			for (j = 0; j < NCOLS; j++)
				c[j] = hh_xstrdup(cell(&t, i, j));
			c[NCOLS] = hh_xstrdup(from);
			c[NCOLS + 1] = hh_xstrdup(to);
			c[NCOLS + 2] = hh_xstrdup(r->source);
			table_add(&u, c);
		}
		table_csv(b, &u);
		table_free(&u);
	}
	table_free(&t);
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
	rate_text(rate, n);
	/* two decimals exactly, as the form prints it */
	cJSON_AddItemToObject(o, "on_time_rate", *rate ?
	    cJSON_CreateRaw(rate) : cJSON_CreateNull());
	return o;
}

static void
report_json(struct buf *b, const struct hh_report *r)
{
	cJSON *o = cJSON_CreateObject(), *v;
	char day[HH_TIME_MAX], *text;
	size_t i;

	v = cJSON_AddObjectToObject(o, "period");
	hh_time_format_day(day, r->from);
	cJSON_AddStringToObject(v, "from", day);
	hh_time_format_day(day, r->to);
	cJSON_AddStringToObject(v, "to", day);
	hh_time_format(day, r->end);
	cJSON_AddStringToObject(v, "as_of", day);
	cJSON_AddStringToObject(o, "source", r->source);
	cJSON_AddStringToObject(o, "by", by_names[r->by]);
	v = cJSON_AddArrayToObject(o, "rows");
	for (i = 0; i < r->nrows; i++)
		cJSON_AddItemToArray(v, row_json(&r->rows[i]));
	cJSON_AddItemToObject(o, "total", row_json(&r->total));
	text = cJSON_Print(o);
	bputs(b, text);
	bputs(b, "\n");
	cJSON_free(text);
	cJSON_Delete(o);
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

/* A horizontal bar per row: the on-time rate, 0-100 %. */
static void
report_svg(struct buf *b, const struct hh_report *r)
{
	const int lw = 300, bw = 400, rh = 22, top = 24;
	const struct hh_report_row *row;
	size_t i, n = r->nrows + 1;
	char rate[16], *label;
	int y, w, pct;

	bprintf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
	    "height=\"%zu\" role=\"img\" aria-label=\"Tỷ lệ giải quyết đúng "
	    "hạn\" font-family=\"sans-serif\" font-size=\"12\">\n",
	    lw + bw + 70, (size_t)top + n * (size_t)rh + 10);
	for (pct = 0; pct <= 100; pct += 25)
		bprintf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%zu\" "
		    "stroke=\"#ccc\"/><text x=\"%d\" y=\"%d\" "
		    "text-anchor=\"middle\">%d%%</text>\n", lw + bw * pct / 100,
		    top - 4, lw + bw * pct / 100, (size_t)top + n *
		    (size_t)rh, lw + bw * pct / 100, top - 8, pct);
	for (i = 0; i < n; i++) {
		row = i < r->nrows ? &r->rows[i] : &r->total;
		y = top + (int)i * rh;
		label = shorten(row->label, 40);
		bprintf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\"%s>",
		    lw - 6, y + 15,
		    i < r->nrows ? "" : " font-weight=\"bold\"");
		bhtml(b, label);
		bputs(b, "</text>");
		free(label);
		rate_text(rate, &row->n);
		if (*rate) {
			w = bw * hh_report_rate(&row->n) / 10000;
			bprintf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" "
			    "height=\"%d\" fill=\"%s\"/>", lw, y + 3, w,
			    rh - 6, i < r->nrows ? "#4a78b5" : "#1d3f6e");
		}
		bprintf(b, "<text x=\"%d\" y=\"%d\">%s</text>\n",
		    lw + (*rate ? bw * hh_report_rate(&row->n) / 10000 : 0) +
		    4, y + 15, *rate ? rate : "–");
	}
	bputs(b, "</svg>\n");
}

static void
report_html(struct buf *b, const struct hh_report *r)
{
	const char *heads[NCOLS], *groups[NCOLS], *keys[NCOLS];
	int right[NCOLS];
	struct table t;

	bprintf(b, html_head, report_title);
	bputs(b, "<h1>");
	bhtml(b, report_title);
	bputs(b, "</h1>\n");
	if (*r->center_name) {
		bputs(b, "<p class=\"meta\">");
		bhtml(b, r->center_name);
		bputs(b, "</p>\n");
	}
	bputs(b, "<p class=\"meta\">");
	period_line(b, r, 1);
	bprintf(b, "</p>\n<p class=\"meta\">Theo %s; đơn vị tính: số hồ "
	    "sơ</p>\n", by_words[r->by]);
	report_table(&t, r, heads, groups);
	table_drop(&t, 1, heads, groups, keys, right);
	table_html(b, &t);
	table_free(&t);
	bputs(b, "<h2>Tỷ lệ giải quyết trước hạn và đúng hạn (%)</h2>\n");
	report_svg(b, r);
	bputs(b, "<p class=\"source\">Nguồn số liệu: bản ghi <code>");
	bhtml(b, *r->source ? r->source : "-");
	bputs(b, "</code></p>\n</body>\n</html>\n");
}

char *
hh_report_format(const struct hh_report *r, enum hh_format f)
{
	struct buf b = { NULL, 0, 0 };

	switch (f) {
	case HH_FORMAT_TEXT:
		report_text(&b, r);
		break;
	case HH_FORMAT_CSV:
		report_csv(&b, r);
		break;
	case HH_FORMAT_JSON:
		report_json(&b, r);
		break;
	case HH_FORMAT_HTML:
		report_html(&b, r);
		break;
	}
	return bdone(&b);
}

/*
 * Listings: --list, --overdue and the tracking book.
 */
struct entry {
	long no;		/* book: number in the year */
	int year;		/* book: year of receipt */
	int overdue;		/* overdue: past its due instant */
	int64_t received, due, returned;
	char *code, *procedure, *procedure_name, *status, *holder;
	char *department, *applicant;
};

/* The statuses of a dossier (hh-dossier(5)) and their Vietnamese names. */
static const char *const statuses[][2] = {
	{ "received", "Đã tiếp nhận" },
	{ "processing", "Đang giải quyết" },
	{ "waiting_supplement", "Chờ bổ sung" },
	{ "resolved", "Đã giải quyết" },
	{ "returned", "Đã trả kết quả" },
	{ "withdrawn", "Đã rút" },
};
#define NSTATUSES (sizeof(statuses) / sizeof(statuses[0]))

struct hh_listing {
	struct hh_query q;	/* its strings are not kept */
	char *source, *center_name;
	const struct hh_center *center;	/* borrowed, for labels */
	char *status, *holder, *procedure;
	char *fold_applicant, *fold_field;
	int year_start;		/* the book: 1 January of the first year */
	struct entry *v;
	size_t n, alloc;
};

void
hh_listing_free(struct hh_listing *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++) {
		free(l->v[i].code);
		free(l->v[i].procedure);
		free(l->v[i].procedure_name);
		free(l->v[i].status);
		free(l->v[i].holder);
		free(l->v[i].department);
		free(l->v[i].applicant);
	}
	free(l->v);
	free(l->source);
	free(l->center_name);
	free(l->fold_applicant);
	free(l->fold_field);
	free(l->status);
	free(l->holder);
	free(l->procedure);
	free(l);
}

int
hh_listing_new(struct hh_listing **out, const struct hh_query *q,
    const struct hh_center *c, const char *source)
{
	struct hh_listing *l;
	size_t i;
	int y, m, d;

	*out = NULL;
	if (q->kind == HH_BOOK && q->from > q->to)
		return hh_error_set(HH_EINVALID, "the period ends before it "
		    "starts");
	if (q->status != NULL) {
		for (i = 0; i < NSTATUSES; i++)
			if (strcmp(q->status, statuses[i][0]) == 0)
				break;
		if (i == NSTATUSES)
			return hh_error_set(HH_EINVALID, "status: \"%s\" is "
			    "not received, processing, waiting_supplement, "
			    "resolved, returned or withdrawn",
			    hh_text_quote(q->status));
	}
	if (q->applicant != NULL &&
	    !hh_text_valid(q->applicant, strlen(q->applicant), 0))
		return hh_error_set(HH_EINVALID, "applicant: not valid UTF-8 "
		    "text (or contains control characters)");
	l = hh_xmalloc(sizeof(*l));
	memset(l, 0, sizeof(*l));
	l->q = *q;
	l->center = c;
	l->center_name = hh_xstrdup(c ? c->name : "");
	l->source = hh_xstrdup(source ? source : "");
	if (q->kind == HH_BOOK) {
		l->q.at = day_end(q->to);
		if (q->at < l->q.at)
			l->q.at = q->at;
	}
	if (q->applicant)
		l->fold_applicant = hh_text_fold(q->applicant);
	if (q->field)
		l->fold_field = hh_text_fold(q->field);
	if (q->status)
		l->status = hh_xstrdup(q->status);
	if (q->holder)
		l->holder = hh_xstrdup(q->holder);
	if (q->procedure)
		l->procedure = hh_xstrdup(q->procedure);
	l->q.status = l->q.holder = l->q.procedure = NULL;
	l->q.field = l->q.applicant = NULL;
	if (q->kind == HH_BOOK) {
		hh_time_civil(q->from, &y, &m, &d);
		l->year_start = hh_time_from_civil(y, 1, 1);
	}
	*out = l;
	return HH_OK;
}

static int
get_time(int64_t *out, const cJSON *dos, const char *key)
{
	const char *s = hh_dossier_str(dos, key);

	*out = 0;
	if (*s == '\0')
		return HH_OK;
	if (hh_time_parse(out, s) < 0)
		return hh_error_set(HH_EINVALID, "%s: not a time", key);
	return HH_OK;
}

/* Does dos pass the --list filters? */
static int
list_match(const struct hh_listing *l, const cJSON *dos, int64_t received)
{
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(dos, "procedure");
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(dos, "applicant");
	const struct hh_query *q = &l->q;
	char *f;
	int ok = 1, day = hh_time_day(received);

	if ((l->status && strcmp(l->status, hh_dossier_str(dos,
	    "status")) != 0) ||
	    (l->holder && strcmp(l->holder, hh_dossier_str(dos,
	    "holder")) != 0) ||
	    (l->procedure && strcmp(l->procedure, hh_dossier_str(p,
	    "code")) != 0) ||
	    day < q->from || day > q->to)
		return 0;
	if (l->fold_field) {
		f = hh_text_fold(hh_dossier_str(p, "field"));
		ok = strcmp(f, l->fold_field) == 0;
		free(f);
	}
	if (ok && l->fold_applicant) {
		f = hh_text_fold(hh_dossier_str(a, "name"));
		ok = strstr(f, l->fold_applicant) != NULL;
		free(f);
	}
	return ok;
}

int
hh_listing_add(struct hh_listing *l, const cJSON *dos)
{
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(dos, "procedure");
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(dos, "applicant");
	const struct hh_dept *dept;
	struct entry e;
	struct life lf;
	int64_t received, due;
	int error, y, m, d;

	memset(&e, 0, sizeof(e));
	switch (l->q.kind) {
	case HH_LIST:
		if ((error = get_time(&received, dos, "received_at")) < 0 ||
		    (error = get_time(&due, dos, "due_at")) < 0)
			return error;
		if (!list_match(l, dos, received))
			return 0;
		e.received = received;
		e.due = due;
		e.status = hh_xstrdup(hh_dossier_str(dos, "status"));
		e.holder = hh_xstrdup(hh_dossier_str(dos, "holder"));
		break;
	case HH_OVERDUE:
		/* open now; waiting for a supplement: the clock is stopped */
		if ((error = life_at(&lf, dos, l->q.at)) <= 0)
			return error;
		if (lf.closed != 0 || lf.waiting)
			return 0;
		due = lf.due;
		if (due >= l->q.at && (l->q.until == INT_MIN ||
		    hh_time_day(due) > l->q.until))
			return 0;
		e.received = lf.received;
		e.due = due;
		e.overdue = due < l->q.at;
		e.holder = hh_xstrdup(hh_dossier_str(dos, "holder"));
		if (l->q.with_applicant)
			e.applicant = hh_xstrdup(hh_dossier_str(a, "name"));
		break;
	case HH_BOOK:
		if ((error = life_at(&lf, dos, l->q.at)) <= 0)
			return error;
		hh_time_civil(hh_time_day(lf.received), &y, &m, &d);
		/* the year's numbering starts with its first dossier */
		if (hh_time_day(lf.received) < l->year_start)
			return 0;
		e.year = y;
		e.received = lf.received;
		e.due = lf.due;
		e.returned = lf.returned;
		e.status = hh_xstrdup(lf.status);
		e.applicant = hh_xstrdup(hh_dossier_str(a, "name"));
		e.department = hh_xstrdup(hh_dossier_str(p, "department"));
		if (l->center && (dept = hh_center_dept(l->center,
		    e.department)) != NULL) {
			free(e.department);
			e.department = hh_xstrdup(dept->name);
		}
		break;
	}
	e.code = hh_xstrdup(hh_dossier_str(dos, "code"));
	e.procedure = hh_xstrdup(hh_dossier_str(p, "code"));
	e.procedure_name = hh_xstrdup(hh_dossier_str(p, "name"));
	if (l->n == l->alloc) {
		l->alloc = l->alloc ? l->alloc * 2 : 256;
		l->v = hh_xrealloc(l->v, l->alloc * sizeof(*l->v));
	}
	l->v[l->n++] = e;
	return 1;
}

static int
entry_cmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	if (x->received != y->received)
		return x->received < y->received ? -1 : 1;
	return strcmp(x->code, y->code);
}

static int
due_cmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	return strcmp(x->code, y->code);
}

void
hh_listing_finish(struct hh_listing *l)
{
	size_t i, o = 0;
	long no = 0;
	int year = 0;

	if (l->n > 1)	/* qsort(NULL, 0) is undefined */
		qsort(l->v, l->n, sizeof(*l->v),
		    l->q.kind == HH_OVERDUE ? due_cmp : entry_cmp);
	if (l->q.kind != HH_BOOK)
		return;
	/* number through each calendar year, then keep the period */
	for (i = 0; i < l->n; i++) {
		if (l->v[i].year != year) {
			year = l->v[i].year;
			no = 0;
		}
		l->v[i].no = ++no;
		if (hh_time_day(l->v[i].received) < l->q.from) {
			free(l->v[i].code);
			free(l->v[i].procedure);
			free(l->v[i].procedure_name);
			free(l->v[i].status);
			free(l->v[i].applicant);
			free(l->v[i].department);
			continue;
		}
		l->v[o++] = l->v[i];
	}
	l->n = o;
}

size_t
hh_listing_count(const struct hh_listing *l)
{
	return l->n;
}

static const char *
status_vn(const char *s)
{
	size_t i;

	for (i = 0; i < NSTATUSES; i++)
		if (strcmp(s, statuses[i][0]) == 0)
			return statuses[i][1];
	return s;
}

static char *
fmt_time(int64_t t, int machine)
{
	char buf[HH_TIME_MAX];

	if (t == 0)
		return hh_xstrdup("");
	if (machine)
		hh_time_format(buf, t);
	else
		time_vn(buf, t);
	return hh_xstrdup(buf);
}

#define LCOLS_MAX 10

/* The listing as a table; machine (CSV): times in RFC 3339, keywords,
 * and a last column naming the source on every line. */
static void
listing_table(struct table *t, const struct hh_listing *l, int machine,
    const char **heads, const char **keys, int *right)
{
	static const char *const list_h[] = { "Mã hồ sơ", "Thủ tục",
	    "Trạng thái", "Nơi giữ", "Nhận hồ sơ", "Hạn giải quyết" };
	static const char *const list_k[] = { "code", "procedure", "status",
	    "holder", "received_at", "due_at" };
	static const char *const over_h[] = { "Mã hồ sơ", "Thủ tục",
	    "Tên thủ tục", "Nơi giữ", "Hạn giải quyết", "Tình trạng",
	    "Người nộp" };
	static const char *const over_k[] = { "code", "procedure",
	    "procedure_name", "holder", "due_at", "state", "applicant" };
	static const char *const book_h[] = { "TT", "Mã hồ sơ", "Tên TTHC",
	    "Tên cá nhân, tổ chức", "Cơ quan chủ trì", "Nhận hồ sơ",
	    "Hẹn trả", "Trả kết quả", "Tình trạng" };
	static const char *const book_k[] = { "no", "code", "procedure_name",
	    "applicant", "department", "received_at", "due_at",
	    "returned_at", "status" };
	const char *const *h, *const *k;
	const struct entry *e;
	char *c[LCOLS_MAX];
	size_t i, j, n;

	memset(t, 0, sizeof(*t));
	switch (l->q.kind) {
	case HH_LIST:
		h = list_h, k = list_k, n = 6;
		break;
	case HH_OVERDUE:
		h = over_h, k = over_k, n = l->q.with_applicant ? 7 : 6;
		break;
	default:
		h = book_h, k = book_k, n = 9;
		break;
	}
	for (j = 0; j < n; j++) {
		heads[j] = h[j];
		keys[j] = k[j];
		right[j] = l->q.kind == HH_BOOK && j == 0;
	}
	if (machine) {
		heads[n] = keys[n] = "source";
		right[n++] = 0;
	}
	t->ncols = n;
	t->heads = heads;
	t->keys = keys;
	t->right = right;
	for (i = 0; i < l->n; i++) {
		e = &l->v[i];
		switch (l->q.kind) {
		case HH_LIST:
			c[0] = hh_xstrdup(e->code);
			c[1] = hh_xstrdup(e->procedure);
			c[2] = hh_xstrdup(e->status);
			c[3] = hh_xstrdup(e->holder);
			c[4] = fmt_time(e->received, machine);
			c[5] = fmt_time(e->due, machine);
			break;
		case HH_OVERDUE:
			c[0] = hh_xstrdup(e->code);
			c[1] = hh_xstrdup(e->procedure);
			c[2] = hh_xstrdup(e->procedure_name);
			c[3] = hh_xstrdup(e->holder);
			c[4] = fmt_time(e->due, machine);
			c[5] = hh_xstrdup(machine ? (e->overdue ? "overdue" :
			    "due") : (e->overdue ? "Quá hạn" : "Sắp đến hạn"));
			if (l->q.with_applicant)
				c[6] = hh_xstrdup(e->applicant);
			break;
		default:
			c[0] = hh_xasprintf("%ld", e->no);
			c[1] = hh_xstrdup(e->code);
			c[2] = hh_xstrdup(e->procedure_name);
			c[3] = hh_xstrdup(e->applicant);
			c[4] = hh_xstrdup(e->department);
			c[5] = fmt_time(e->received, machine);
			c[6] = fmt_time(e->due, machine);
			c[7] = fmt_time(e->returned, machine);
			c[8] = hh_xstrdup(machine ? e->status :
			    status_vn(e->status));
			break;
		}
		if (machine)
			c[n - 1] = hh_xstrdup(l->source);
		table_add(t, c);
	}
	t->nbody = t->nrows;
}

static void
add_time(cJSON *o, const char *key, int64_t t)
{
	char buf[HH_TIME_MAX];

	if (t == 0) {
		cJSON_AddNullToObject(o, key);
		return;
	}
	hh_time_format(buf, t);
	cJSON_AddStringToObject(o, key, buf);
}

static void
listing_json(struct buf *b, const struct hh_listing *l)
{
	cJSON *o = cJSON_CreateObject(), *v, *a;
	const struct entry *e;
	char day[HH_TIME_MAX], *text;
	size_t i;

	if (l->q.kind == HH_BOOK) {
		v = cJSON_AddObjectToObject(o, "period");
		hh_time_format_day(day, l->q.from);
		cJSON_AddStringToObject(v, "from", day);
		hh_time_format_day(day, l->q.to);
		cJSON_AddStringToObject(v, "to", day);
		hh_time_format(day, l->q.at);
		cJSON_AddStringToObject(v, "as_of", day);
	} else if (l->q.kind == HH_OVERDUE) {
		hh_time_format(day, l->q.at);
		cJSON_AddStringToObject(o, "as_of", day);
	}
	cJSON_AddStringToObject(o, "source", l->source);
	a = cJSON_AddArrayToObject(o, "dossiers");
	for (i = 0; i < l->n; i++) {
		e = &l->v[i];
		v = cJSON_CreateObject();
		if (l->q.kind == HH_BOOK)
			cJSON_AddNumberToObject(v, "no", (double)e->no);
		cJSON_AddStringToObject(v, "code", e->code);
		cJSON_AddStringToObject(v, "procedure", e->procedure);
		if (l->q.kind != HH_LIST)
			cJSON_AddStringToObject(v, "procedure_name",
			    e->procedure_name);
		if (e->applicant)
			cJSON_AddStringToObject(v, "applicant", e->applicant);
		if (e->department)
			cJSON_AddStringToObject(v, "department",
			    e->department);
		if (e->holder)
			cJSON_AddStringToObject(v, "holder", e->holder);
		if (e->status)
			cJSON_AddStringToObject(v, "status", e->status);
		add_time(v, "received_at", e->received);
		add_time(v, "due_at", e->due);
		if (l->q.kind == HH_BOOK)
			add_time(v, "returned_at", e->returned);
		if (l->q.kind == HH_OVERDUE)
			cJSON_AddBoolToObject(v, "overdue", e->overdue);
		cJSON_AddItemToArray(a, v);
	}
	text = cJSON_Print(o);
	bputs(b, text);
	bputs(b, "\n");
	cJSON_free(text);
	cJSON_Delete(o);
}

static void
listing_heading(struct buf *b, const struct hh_listing *l, int html)
{
	char from[HH_TIME_MAX], to[HH_TIME_MAX], at[HH_TIME_MAX];
	const char *title = l->q.kind == HH_BOOK ? "Sổ theo dõi hồ sơ" :
	    l->q.kind == HH_OVERDUE ? "Hồ sơ quá hạn và sắp đến hạn" :
	    "Danh sách hồ sơ";
	struct buf line = { NULL, 0, 0 };

	if (html) {
		bprintf(b, html_head, title);
		bputs(b, "<h1>");
		bhtml(b, title);
		bputs(b, "</h1>\n");
	} else {
		bprintf(b, "%s\n", title);
	}
	if (*l->center_name)
		bputs(&line, l->center_name);
	if (l->q.kind == HH_BOOK) {
		date_vn(from, l->q.from);
		date_vn(to, l->q.to);
		bprintf(&line, "%sTừ ngày %s đến ngày %s", line.len ? "\n" : "",
		    from, to);
	} else if (l->q.kind == HH_OVERDUE) {
		time_vn(at, l->q.at);
		bprintf(&line, "%sĐến %s", line.len ? "\n" : "", at);
	}
	bprintf(&line, "%sNguồn: bản ghi %s", line.len ? "\n" : "",
	    *l->source ? l->source : "-");
	if (html) {
		char *s = bdone(&line), *nl;

		for (; s; s = nl) {
			if ((nl = strchr(s, '\n')) != NULL)
				*nl++ = '\0';
			bputs(b, "<p class=\"meta\">");
			bhtml(b, s);
			bputs(b, "</p>\n");
		}
	} else {
		bprintf(b, "%s\n\n", bdone(&line));
	}
	free(line.s);
}

char *
hh_listing_format(const struct hh_listing *l, enum hh_format f)
{
	const char *heads[LCOLS_MAX], *keys[LCOLS_MAX];
	int right[LCOLS_MAX];
	struct buf b = { NULL, 0, 0 };
	struct table t;

	if (f == HH_FORMAT_JSON) {
		listing_json(&b, l);
		return bdone(&b);
	}
	listing_table(&t, l, f == HH_FORMAT_CSV, heads, keys, right);
	switch (f) {
	case HH_FORMAT_CSV:
		table_csv(&b, &t);
		break;
	case HH_FORMAT_HTML:
		listing_heading(&b, l, 1);
		table_html(&b, &t);
		bputs(&b, "</body>\n</html>\n");
		break;
	default:
		listing_heading(&b, l, 0);
		if (t.nrows > 0)
			table_text(&b, &t);
		else
			bputs(&b, "(không có hồ sơ)\n");
		break;
	}
	table_free(&t);
	return bdone(&b);
}

/*
 * The scan: the dossiers of the snapshot under dossiers/YYYY/MM/.  Its
 * trees say which dossiers there are and name each one's content (a blob
 * id); the file on disk is read instead of the blob when it is a regular
 * file of at most HH_DOSSIER_MAX bytes that hashes to that id, which the
 * writers keep it, else the blob is read from git.  Nothing on disk is
 * trusted: a file edited, removed or replaced (by a link, a FIFO, a huge
 * file) without a commit reads as the records say, and a file the
 * snapshot does not have is not read at all.
 */
static int
num_name(const char *s, int n)
{
	return strlen(s) == (size_t)n ? digits(s, n) : -1;
}

/* A dossier file's name as a scan takes it: NAME.json, no dot file. */
static int
json_name(const char *s)
{
	size_t len = strlen(s);

	return s[0] != '.' && len >= 6 && strcmp(s + len - 5, ".json") == 0;
}

/* Folder name of folder fd, never through a symbolic link; -1 if there
 * is none (fd -1 too): the blobs are read then. */
static int
open_sub(int fd, const char *name)
{
	if (fd < 0)
		return -1;
	return openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
}

/*
 * File name of folder dfd into b: 1 if it is a regular file of at most
 * HH_DOSSIER_MAX bytes whose git blob id is id, else 0 (b is then
 * garbage).  Opened without following a link and without waiting (a
 * FIFO opens at once and is no regular file); its size is known before
 * it is read, and a file that grows meanwhile does not match.
 */
static int
disk_read(struct buf *b, int dfd, const char *name, const char *id)
{
	char got[HH_OID_MAX];
	struct stat st;
	size_t want;
	ssize_t r = 0;
	int fd, ok = 0;

	if (dfd < 0 || (fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW |
	    O_NONBLOCK | O_CLOEXEC)) < 0)
		return 0;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size < 0 ||
	    st.st_size > HH_DOSSIER_MAX)
		goto out;
	want = (size_t)st.st_size + 1;	/* one more: the end is seen */
	if (b->cap < want + 1) {
		b->cap = want + 1 < 65536 ? 65536 : want + 1;
		b->s = hh_xrealloc(b->s, b->cap);
	}
	b->len = 0;
	while (b->len < want) {
		if ((r = read(fd, b->s + b->len, want - b->len)) < 0 &&
		    errno == EINTR)
			continue;
		if (r <= 0)
			break;
		b->len += (size_t)r;
	}
	if (r < 0 || b->len != (size_t)st.st_size)
		goto out;
	b->s[b->len] = '\0';
	hh_store_hash(got, b->s, b->len);
	ok = strcmp(got, id) == 0;
out:
	close(fd);
	return ok;
}

/*
 * cJSON allocates every node and string with malloc; a dossier is some
 * 60 of them.  While a file is parsed its allocations come from an arena
 * that is emptied for the next file (the tree is never freed node by
 * node), which halves the parse.  The hooks are cJSON's, global: they
 * are set around cJSON_ParseWithLength only.
 */
static struct buf arena;

static void *
arena_alloc(size_t n)
{
	size_t at = (arena.len + 15) & ~(size_t)15;

	if (at + n > arena.cap)
		return NULL;	/* cJSON fails cleanly; retried bigger */
	arena.len = at + n;
	return arena.s + at;
}

static void
arena_free(void *p)
{
	(void)p;
}

static cJSON *
parse_arena(const char *text, size_t len)
{
	cJSON_Hooks hooks = { arena_alloc, arena_free };
	cJSON *dos;

	for (;;) {
		if (arena.cap < 16 * len + 65536) {
			arena.cap = 16 * len + 65536;
			arena.s = hh_xrealloc(arena.s, arena.cap);
		}
		arena.len = 0;
		cJSON_InitHooks(&hooks);
		dos = cJSON_ParseWithLength(text, len);
		cJSON_InitHooks(NULL);
		if (dos != NULL || arena.len + 4096 < arena.cap)
			return dos;	/* parsed, or not JSON */
		arena.cap *= 2;	/* out of arena: again, bigger */
		arena.s = hh_xrealloc(arena.s, arena.cap);
	}
}

/* The dossiers of the snapshot's month folders from..to, in path order:
 * fn gets the path ("dossiers/YYYY/MM/NAME.json") and the JSON (valid
 * until fn returns). */
static int
scan(struct hh_store *s, int from, int to,
    int (*fn)(void *arg, const char *path, const cJSON *dossier), void *arg)
{
	struct hh_entry *years = NULL, *mons = NULL, *files = NULL;
	size_t ny = 0, nm = 0, nf = 0, i, j, k, len;
	struct buf b = { NULL, 0, 0 };
	char *path = NULL, *text = NULL;
	const char *data;
	cJSON *dos;
	int error, y, m, fy, fm, dd, ty, tm, rootfd, dfd, yfd = -1, mfd = -1;

	hh_time_civil(from == INT_MIN ? 0 : from, &fy, &fm, &dd);
	if (from == INT_MIN)
		fy = 0;
	hh_time_civil(to == INT_MAX ? 0 : to, &ty, &tm, &dd);
	if (to == INT_MAX)
		ty = 10000;
	if ((error = hh_store_entries(&years, &ny, s, "dossiers")) < 0)
		return error;
	rootfd = open(hh_store_dir(s), O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	dfd = open_sub(rootfd, "dossiers");
	for (i = 0; i < ny; i++) {
		if (!years[i].is_tree || (y = num_name(years[i].name, 4)) < 0 ||
		    y < fy || y > ty)
			continue;
		path = hh_xasprintf("dossiers/%s", years[i].name);
		error = hh_store_entries(&mons, &nm, s, path);
		free(path);
		path = NULL;
		if (error < 0)
			goto out;
		yfd = open_sub(dfd, years[i].name);
		for (j = 0; j < nm; j++) {
			if (!mons[j].is_tree ||
			    (m = num_name(mons[j].name, 2)) < 1 || m > 12 ||
			    y * 12 + m < fy * 12 + fm ||
			    y * 12 + m > ty * 12 + tm)
				continue;
			path = hh_xasprintf("dossiers/%s/%s", years[i].name,
			    mons[j].name);
			error = hh_store_entries(&files, &nf, s, path);
			free(path);
			path = NULL;
			if (error < 0)
				goto out;
			mfd = open_sub(yfd, mons[j].name);
			for (k = 0; k < nf; k++) {
				if (files[k].is_tree ||
				    !json_name(files[k].name))
					continue;
				path = hh_xasprintf("dossiers/%s/%s/%s",
				    years[i].name, mons[j].name,
				    files[k].name);
				if (disk_read(&b, mfd, files[k].name,
				    files[k].id)) {
					data = b.s;
					len = b.len;
				} else {
					/* not HEAD's on disk: git's (an
					 * error names the path) */
					if ((error = hh_store_read(&text, &len,
					    s, path)) < 0)
						goto out;
					data = text;
				}
				if (len > HH_DOSSIER_MAX) {
					error = hh_error_set(HH_EINVALID, "%zu "
					    "bytes, more than a dossier may "
					    "hold (%d MiB)", len,
					    HH_DOSSIER_MAX >> 20);
					goto bad;
				}
				if ((dos = parse_arena(data, len)) == NULL ||
				    !cJSON_IsObject(dos)) {
					error = hh_error_set(HH_EINVALID,
					    "not a JSON object");
					goto bad;
				}
				/* dos is in the arena */
				error = fn(arg, path, dos);
				free(text);
				text = NULL;
				free(path);
				path = NULL;
				if (error < 0)
					goto bad;
			}
			if (mfd >= 0)
				close(mfd);
			mfd = -1;
			hh_store_entries_free(files, nf);
			files = NULL;
			nf = 0;
		}
		if (yfd >= 0)
			close(yfd);
		yfd = -1;
		hh_store_entries_free(mons, nm);
		mons = NULL;
		nm = 0;
	}
	error = HH_OK;
	goto out;
bad:
	hh_error_prefix(error, "dossiers/%s/%s/%s", years[i].name,
	    mons[j].name, files[k].name);
out:
	if (mfd >= 0)
		close(mfd);
	if (yfd >= 0)
		close(yfd);
	if (dfd >= 0)
		close(dfd);
	if (rootfd >= 0)
		close(rootfd);
	free(text);
	free(path);
	free(b.s);
	free(arena.s);
	arena.s = NULL;
	arena.len = arena.cap = 0;
	hh_store_entries_free(files, nf);
	hh_store_entries_free(mons, nm);
	hh_store_entries_free(years, ny);
	return error;
}

struct plain {
	int (*fn)(void *arg, const cJSON *dossier);
	void *arg;
};

static int
report_one_add(void *arg, const cJSON *dos)
{
	return hh_report_add(arg, dos);
}

static int
plain_one(void *arg, const char *path, const cJSON *dos)
{
	struct plain *p = arg;

	(void)path;
	return p->fn(p->arg, dos);
}

int
hh_report_scan(struct hh_store *s, int from, int to,
    int (*fn)(void *arg, const cJSON *dossier), void *arg)
{
	struct plain p = { fn, arg };

	return scan(s, from, to, plain_one, &p);
}

/*
 * The summary cache of the on-time report: every dossier of a commit
 * reduced to its struct dsum, in DIR/.git/hh/cache/report.  Derived and
 * disposable: it names the commit it was made at; the commits since are
 * walked (hh_store_walk_open) and the dossiers they changed re-read; if it is
 * missing, unreadable, damaged, not on the history or not trusted (not
 * the tree owner's, or writable by others: anyone else could have forged
 * it) it is made again by a scan, and saved if this process is the
 * tree's owner.  The counts come from the same life_sum either way.  The
 * FNV hash finds damage, not forgery: that is what the owner and mode
 * are for.
 *
 * File: "HHRSUM01", the commit (48 bytes, NUL-padded), the sizes of the
 * string pool (a multiple of 8), of the dossiers and of the events
 * (uint64 each), the pool (NUL-terminated strings; offset 0 is ""), the
 * dossiers (struct crec, sorted by path: the order of a scan), the events
 * (struct cev), an FNV-1a hash of all before it.  Native byte order: the
 * cache never leaves the machine.
 */
#define CACHE_MAGIC "HHRSUM01"
#define CACHE_FILE "cache/report"	/* under DIR/.git/hh */
/* Some 185 bytes a dossier: over 5 million dossiers (the reference
 * centre receives some 10,000 a year). */
#define CACHE_MAX ((size_t)1 << 30)
#define NONE UINT32_MAX

struct crec {
	uint32_t path, field, dept, pcode, pname, channel;
	uint32_t first, nev;		/* nev NONE: dropped */
	int64_t due0;
	uint32_t events_ok, pad;
};
struct cev {
	int64_t at, due_at;
	uint32_t officer;		/* pool offset or NONE */
	unsigned char action, at_ok, due, pad;
};
struct cache {
	struct buf pool;
	uint32_t *strs;			/* open addressing: offset + 1 */
	size_t nstrs, capstrs;
	struct crec *recs;
	size_t nrecs, caprecs;
	struct cev *evs;
	size_t nevs, capevs;
	uint32_t *paths;		/* open addressing: rec index + 1 */
	size_t npaths, cappaths;
};

static uint64_t
fnv64(const char *p, size_t n)
{
	uint64_t h = 14695981039346656037ULL;

	while (n-- > 0)
		h = (h ^ (unsigned char)*p++) * 1099511628211ULL;
	return h;
}

static void
cache_free(struct cache *c)
{
	free(c->pool.s);
	free(c->strs);
	free(c->recs);
	free(c->evs);
	free(c->paths);
	memset(c, 0, sizeof(*c));
}

static void
strs_put(struct cache *c, uint32_t off)
{
	size_t i = hh_text_hash(c->pool.s + off) & (c->capstrs - 1);

	while (c->strs[i] != 0)
		i = (i + 1) & (c->capstrs - 1);
	c->strs[i] = off + 1;
	c->nstrs++;
}

static uint32_t
intern(struct cache *c, const char *s)
{
	size_t i, k, len;
	uint32_t off;

	if (*s == '\0')
		return 0;
	if (2 * (c->nstrs + 1) > c->capstrs) {
		uint32_t *old = c->strs;
		size_t oldcap = c->capstrs;

		c->capstrs = c->capstrs ? 2 * c->capstrs : 1024;
		c->strs = calloc(c->capstrs, sizeof(*c->strs));
		if (c->strs == NULL)
			abort();
		c->nstrs = 0;
		for (k = 0; k < oldcap; k++)
			if (old[k] != 0)
				strs_put(c, old[k] - 1);
		free(old);
	}
	for (i = hh_text_hash(s) & (c->capstrs - 1); c->strs[i] != 0;
	    i = (i + 1) & (c->capstrs - 1))
		if (strcmp(c->pool.s + c->strs[i] - 1, s) == 0)
			return c->strs[i] - 1;
	len = strlen(s);
	off = (uint32_t)c->pool.len;
	bput(&c->pool, s, len + 1);	/* with its NUL */
	c->strs[i] = off + 1;
	c->nstrs++;
	return off;
}

static size_t
path_slot(const struct cache *c, const char *path)
{
	size_t i;

	for (i = hh_text_hash(path) & (c->cappaths - 1); c->paths[i] != 0 &&
	    strcmp(c->pool.s + c->recs[c->paths[i] - 1].path, path) != 0;
	    i = (i + 1) & (c->cappaths - 1))
		;
	return i;
}

static void
paths_grow(struct cache *c)
{
	size_t k;

	if (2 * (c->npaths + 1) <= c->cappaths)
		return;
	free(c->paths);
	c->cappaths = c->cappaths ? 2 * c->cappaths : 1024;
	while (2 * (c->nrecs + 1) > c->cappaths)
		c->cappaths *= 2;
	c->paths = calloc(c->cappaths, sizeof(*c->paths));
	if (c->paths == NULL)
		abort();
	c->npaths = 0;
	for (k = 0; k < c->nrecs; k++)
		if (c->recs[k].nev != NONE) {
			c->paths[path_slot(c, c->pool.s + c->recs[k].path)] =
			    (uint32_t)k + 1;
			c->npaths++;
		}
}

/* Drop the dossier at path, if any. */
static void
cache_drop(struct cache *c, const char *path)
{
	size_t i;

	paths_grow(c);
	i = path_slot(c, path);
	if (c->paths[i] != 0)
		c->recs[c->paths[i] - 1].nev = NONE;
	/* the slot stays: paths_grow rebuilds from the live records */
}

static int
cache_put(void *arg, const char *path, const cJSON *dos)
{
	struct cache *c = arg;
	struct sev small[32], *ev = small;
	struct crec *r;
	struct cev *e;
	struct dsum d;
	size_t n = nevents(dos), i, slot;

	if (n > sizeof(small) / sizeof(small[0]))
		ev = hh_xmalloc(n * sizeof(*ev));
	summarize(&d, ev, dos);
	paths_grow(c);
	slot = path_slot(c, path);
	if (c->paths[slot] != 0)
		c->recs[c->paths[slot] - 1].nev = NONE;
	else
		c->npaths++;
	if (c->nrecs == c->caprecs) {
		c->caprecs = c->caprecs ? 2 * c->caprecs : 1024;
		c->recs = hh_xrealloc(c->recs, c->caprecs * sizeof(*c->recs));
	}
	while (c->nevs + d.nev > c->capevs) {
		c->capevs = c->capevs ? 2 * c->capevs : 4096;
		c->evs = hh_xrealloc(c->evs, c->capevs * sizeof(*c->evs));
	}
	r = &c->recs[c->nrecs];
	memset(r, 0, sizeof(*r));
	r->path = intern(c, path);
	r->field = intern(c, d.field);
	r->dept = intern(c, d.dept);
	r->pcode = intern(c, d.pcode);
	r->pname = intern(c, d.pname);
	r->channel = intern(c, d.channel);
	r->due0 = d.due0;
	r->events_ok = (uint32_t)d.events_ok;
	r->first = (uint32_t)c->nevs;
	r->nev = (uint32_t)d.nev;
	for (i = 0; i < d.nev; i++) {
		e = &c->evs[c->nevs++];
		memset(e, 0, sizeof(*e));
		e->at = ev[i].at;
		e->due_at = ev[i].due_at;
		e->officer = ev[i].officer ? intern(c, ev[i].officer) : NONE;
		e->action = ev[i].action;
		e->at_ok = ev[i].at_ok;
		e->due = ev[i].due;
	}
	c->paths[slot] = (uint32_t)c->nrecs + 1;
	c->nrecs++;
	if (ev != small)
		free(ev);
	return 0;
}

/* The folder month of a path as a scan takes it, or -1 if a scan would
 * not read it ("dossiers/YYYY/MM/NAME.json", no dot file). */
static int
path_month(const char *p)
{
	size_t n = strlen(p);
	int y, m;

	if (n < 23 || strncmp(p, "dossiers/", 9) != 0 || p[13] != '/' ||
	    p[16] != '/' || p[17] == '.' || strchr(p + 17, '/') != NULL ||
	    strcmp(p + n - 5, ".json") != 0 || (y = digits(p + 9, 4)) < 0 ||
	    (m = digits(p + 14, 2)) < 1 || m > 12)
		return -1;
	return y * 12 + m;
}

/* The report from the summaries (sorted by path, as a scan reads). */
static int
cache_count(struct hh_report *r, const char *pool, const struct crec *recs,
    size_t nrecs, const struct cev *evs)
{
	struct sev *ev = NULL;
	struct dsum d;
	size_t i, k, cap = 0;
	int y, m, dd, last, error = HH_OK;

	hh_time_civil(r->to, &y, &m, &dd);
	last = y * 12 + m;
	for (i = 0; i < nrecs && error >= 0; i++) {
		const struct crec *c = &recs[i];

		if (c->nev == NONE || path_month(pool + c->path) > last)
			continue;
		if (c->nev > cap) {
			cap = c->nev + 16;
			ev = hh_xrealloc(ev, cap * sizeof(*ev));
		}
		d.field = pool + c->field;
		d.dept = pool + c->dept;
		d.pcode = pool + c->pcode;
		d.pname = pool + c->pname;
		d.channel = pool + c->channel;
		d.due0 = c->due0;
		d.events_ok = (int)c->events_ok;
		d.ev = ev;
		d.nev = c->nev;
		for (k = 0; k < c->nev; k++) {
			const struct cev *e = &evs[c->first + k];

			ev[k].at = e->at;
			ev[k].due_at = e->due_at;
			ev[k].officer = e->officer == NONE ? NULL :
			    pool + e->officer;
			ev[k].action = e->action;
			ev[k].at_ok = e->at_ok;
			ev[k].due = e->due;
		}
		if ((error = report_sum(r, &d)) < 0)
			hh_error_prefix(error, "%s", pool + c->path);
	}
	free(ev);
	return error < 0 ? error : HH_OK;
}

/* A loaded file: its parts, checked. */
struct cfile {
	char *text;
	char commit[HH_OID_MAX];
	const char *pool;
	size_t poollen, nrecs, nevs;
	const struct crec *recs;
	const struct cev *evs;
};

/* The file if it is there and trusted (hh_store_private_read: a regular
 * file of the tree's owner that no one else may write), whole and
 * well-formed; -1 if not (it is made again). */
static int
cache_load(struct cfile *f, struct hh_store *s)
{
	uint64_t hdr[3], sum;
	size_t len, at, i, k;
	const struct crec *c;

	memset(f, 0, sizeof(*f));
	if (hh_store_private_read(&f->text, &len, s, CACHE_FILE,
	    CACHE_MAX) < 0)
		return -1;
	at = 8 + 48 + sizeof(hdr);
	if (len < at + 8 || memcmp(f->text, CACHE_MAGIC, 8) != 0)
		goto bad;
	memcpy(hdr, f->text + 56, sizeof(hdr));
	if (hdr[0] % 8 != 0 || hdr[0] == 0 || hdr[1] > len || hdr[2] > len ||
	    at + hdr[0] + hdr[1] * sizeof(struct crec) + hdr[2] *
	    sizeof(struct cev) + 8 != len)
		goto bad;
	memcpy(&sum, f->text + len - 8, 8);
	if (sum != fnv64(f->text, len - 8))
		goto bad;
	memcpy(f->commit, f->text + 8, HH_OID_MAX - 1);
	f->commit[HH_OID_MAX - 1] = '\0';
	f->poollen = hdr[0];
	f->nrecs = hdr[1];
	f->nevs = hdr[2];
	f->pool = f->text + at;
	f->recs = (const struct crec *)(const void *)(f->pool + f->poollen);
	f->evs = (const struct cev *)(const void *)(f->recs + f->nrecs);
	if (f->pool[f->poollen - 1] != '\0' && f->pool[0] != '\0')
		goto bad;
	for (i = 0; i < f->nrecs; i++) {
		c = &f->recs[i];
		if (c->path >= f->poollen || c->field >= f->poollen ||
		    c->dept >= f->poollen || c->pcode >= f->poollen ||
		    c->pname >= f->poollen || c->channel >= f->poollen ||
		    c->nev == NONE || c->first > f->nevs ||
		    c->nev > f->nevs - c->first)
			goto bad;
		for (k = 0; k < c->nev; k++)
			if (f->evs[c->first + k].officer != NONE &&
			    f->evs[c->first + k].officer >= f->poollen)
				goto bad;
	}
	return 0;
bad:
	free(f->text);
	f->text = NULL;
	return -1;
}

static const struct cache *sort_cache;

static int
rec_cmp(const void *a, const void *b)
{
	const struct crec *x = a, *y = b;

	return strcmp(sort_cache->pool.s + x->path,
	    sort_cache->pool.s + y->path);
}

/* Sort the live records by path and write the file (atomically; not
 * synced: a cache lost in a crash is made again).  Only the tree's owner
 * writes it (hh_store_private_write): for anyone else nothing is
 * written, and the report is counted from memory. */
static int
cache_save(struct cache *c, struct hh_store *s, const char *commit)
{
	struct buf out = { NULL, 0, 0 };
	struct crec *live, r;
	uint64_t hdr[3], sum;
	char head[48];
	size_t i, k, n = 0, nev = 0;
	int error;

	live = hh_xmalloc((c->nrecs + 1) * sizeof(*live));
	for (i = 0; i < c->nrecs; i++)
		if (c->recs[i].nev != NONE) {
			live[n++] = c->recs[i];
			nev += c->recs[i].nev;
		}
	sort_cache = c;
	if (n > 1)
		qsort(live, n, sizeof(*live), rec_cmp);
	while (c->pool.len % 8 != 0)
		bput(&c->pool, "", 1);
	memset(head, 0, sizeof(head));
	memcpy(head, commit, strlen(commit) < 48 ? strlen(commit) : 47);
	hdr[0] = c->pool.len;
	hdr[1] = n;
	hdr[2] = nev;
	bput(&out, CACHE_MAGIC, 8);
	bput(&out, head, sizeof(head));
	bput(&out, (const char *)hdr, sizeof(hdr));
	bput(&out, c->pool.s, c->pool.len);
	for (i = 0, k = 0; i < n; i++) {
		r = live[i];
		r.first = (uint32_t)k;
		k += r.nev;
		bput(&out, (const char *)&r, sizeof(r));
	}
	for (i = 0; i < n; i++)
		bput(&out, (const char *)&c->evs[live[i].first],
		    live[i].nev * sizeof(struct cev));
	sum = fnv64(out.s, out.len);
	bput(&out, (const char *)&sum, sizeof(sum));
	error = out.len > CACHE_MAX ? HH_EINVALID :
	    hh_store_private_write(s, CACHE_FILE, out.s, out.len);
	/* the caller counts from the sorted records */
	free(c->recs);
	c->recs = live;
	c->nrecs = c->caprecs = n;
	free(out.s);
	return error;
}

static int
cache_report(struct hh_report *r, struct cache *c)
{
	return cache_count(r, c->pool.s, c->recs, c->nrecs, c->evs);
}

/* The loaded file as a builder (to apply changes to). */
static void
cache_adopt(struct cache *c, const struct cfile *f)
{
	size_t i;

	memset(c, 0, sizeof(*c));
	bput(&c->pool, f->pool, f->poollen);
	c->recs = hh_xmalloc((f->nrecs + 1) * sizeof(*c->recs));
	memcpy(c->recs, f->recs, f->nrecs * sizeof(*c->recs));
	c->nrecs = c->caprecs = f->nrecs;
	c->evs = hh_xmalloc((f->nevs + 1) * sizeof(*c->evs));
	memcpy(c->evs, f->evs, f->nevs * sizeof(*c->evs));
	c->nevs = c->capevs = f->nevs;
	/* re-intern the pool's strings */
	c->capstrs = 1024;
	while (c->capstrs < 2 * (f->nrecs + 64))
		c->capstrs *= 2;
	c->strs = calloc(c->capstrs, sizeof(*c->strs));
	if (c->strs == NULL)
		abort();
	for (i = 1; i < f->poollen; i += strlen(f->pool + i) + 1)
		if (f->pool[i] != '\0')
			strs_put(c, (uint32_t)i);
	paths_grow(c);
}

static int
path_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Apply the dossiers changed since the cache's commit, read from the
 * snapshot (the records, not the files on disk); -1 if the cache cannot
 * be brought up (make it again). */
static int
cache_update(struct cache *c, struct hh_store *s, const char *since)
{
	struct hh_walk *w = NULL;
	const struct hh_commit *cm;
	char **v = NULL, *text = NULL;
	size_t n = 0, cap = 0, i, len;
	cJSON *dos;
	int rc = 0, error;

	if (hh_store_walk_open(&w, s, since) < 0)
		return -1;
	while (hh_store_walk_next(&cm, w) == 1) {
		if (cm->error != NULL) {
			rc = -1;
			goto out;
		}
		for (i = 0; i < cm->nchanges; i++) {
			if (path_month(cm->changes[i].path) < 0)
				continue;
			if (n == cap) {
				cap = cap ? 2 * cap : 64;
				v = hh_xrealloc(v, cap * sizeof(*v));
			}
			v[n++] = hh_xstrdup(cm->changes[i].path);
		}
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), path_cmp);
	for (i = 0; i < n; i++) {
		if (i > 0 && strcmp(v[i], v[i - 1]) == 0)
			continue;
		error = hh_store_read(&text, &len, s, v[i]);
		if (error == HH_ENOTFOUND) {
			cache_drop(c, v[i]);	/* removed */
			continue;
		}
		if (error < 0 || len > HH_DOSSIER_MAX ||
		    (dos = parse_arena(text, len)) == NULL ||
		    !cJSON_IsObject(dos))
			rc = -1;	/* a scan reports it */
		else
			cache_put(c, v[i], dos);
		free(text);
		text = NULL;
		if (rc < 0)
			break;
	}
out:
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
	free(arena.s);
	arena.s = NULL;
	arena.len = arena.cap = 0;
	hh_store_walk_free(w);
	return rc;
}

int
hh_report_scan_cached(struct hh_report *r, struct hh_store *s)
{
	const char *head = hh_store_head(s);
	struct cfile f;
	struct cache c;
	int error, ok = 0;

	memset(&c, 0, sizeof(c));
	if (*head == '\0')
		return HH_OK;	/* no commit, no dossier */
	if (cache_load(&f, s) == 0) {
		if (strcmp(f.commit, head) == 0) {
			/* the fast path: nothing changed */
			error = cache_count(r, f.pool, f.recs, f.nrecs, f.evs);
			free(f.text);
			return error;
		}
		cache_adopt(&c, &f);
		ok = cache_update(&c, s, f.commit) == 0;
		free(f.text);
		if (!ok)
			cache_free(&c);
	}
	if (!ok && scan(s, INT_MIN, INT_MAX, cache_put, &c) < 0) {
		/* a file a cache cannot hold: the scan says what is wrong
		 * (if the period reads it at all) */
		cache_free(&c);
		return scan(s, INT_MIN, r->to, plain_one,
		    &(struct plain){ report_one_add, r });
	}
	cache_save(&c, s, head);	/* a cache not saved is made again */
	error = cache_report(r, &c);
	cache_free(&c);
	return error;
}
