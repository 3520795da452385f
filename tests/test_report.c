/* test_report - the report as of a period's end, on dossiers in memory */
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <cjson/cJSON.h>

#include "hh.h"

static int
day(const char *s)
{
	int d = 0;

	if (hh_time_parse_day(&d, s) < 0)
		fail_msg("%s: %s", s, hh_error_last());
	return d;
}

static int64_t
at(const char *s)
{
	int64_t t = 0;

	if (hh_time_parse(&t, s) < 0)
		fail_msg("%s: %s", s, hh_error_last());
	return t;
}

/*
 * A dossier from its events, each "TIME ACTION [key=value ...]" (keys of
 * the details; "due" is due_at).  The procedure is named after the field.
 */
static cJSON *
dossier(const char *code, const char *field, const char *channel,
    const char *name, ...)
{
	cJSON *d = cJSON_CreateObject(), *p, *evs, *e, *det;
	const char *spec;
	char buf[256], *tok, *save, *eq;
	va_list ap;

	cJSON_AddStringToObject(d, "code", code);
	p = cJSON_AddObjectToObject(d, "procedure");
	snprintf(buf, sizeof(buf), "P-%c", code[0]);
	cJSON_AddStringToObject(p, "code", buf);
	snprintf(buf, sizeof(buf), "Thủ tục %s", field);
	cJSON_AddStringToObject(p, "name", buf);
	cJSON_AddStringToObject(p, "field", field);
	cJSON_AddStringToObject(p, "department", "tp");
	cJSON_AddStringToObject(cJSON_AddObjectToObject(d, "applicant"),
	    "name", name);
	cJSON_AddStringToObject(d, "channel", channel);
	cJSON_AddStringToObject(d, "status", "received");
	cJSON_AddStringToObject(d, "holder", "motcua");
	evs = cJSON_AddArrayToObject(d, "events");
	va_start(ap, name);
	while ((spec = va_arg(ap, const char *)) != NULL) {
		snprintf(buf, sizeof(buf), "%s", spec);
		e = cJSON_CreateObject();
		det = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "at", strtok_r(buf, " ", &save));
		cJSON_AddStringToObject(e, "action", strtok_r(NULL, " ",
		    &save));
		cJSON_AddStringToObject(e, "actor", "lan");
		while ((tok = strtok_r(NULL, " ", &save)) != NULL) {
			eq = strchr(tok, '=');
			*eq++ = '\0';
			cJSON_AddStringToObject(det, strcmp(tok, "due") == 0 ?
			    "due_at" : tok, eq);
		}
		cJSON_AddItemToObject(e, "details", det);
		cJSON_AddItemToArray(evs, e);
	}
	va_end(ap);
	return d;
}

/* A report on from..to (printed long after) of the dossiers, by field. */
static struct hh_report *
report(const char *from, const char *to, enum hh_report_by by,
    cJSON **dos, size_t n)
{
	struct hh_report *r = NULL;
	size_t i;

	assert_int_equal(hh_report_new(&r, day(from), day(to),
	    at("2030-01-01T00:00"), by, NULL, "abc123"), HH_OK);
	for (i = 0; i < n; i++)
		assert_in_range(hh_report_add(r, dos[i]), 0, 1);
	assert_int_equal(hh_report_finish(r), HH_OK);
	return r;
}

static void
free_all(cJSON **dos, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		cJSON_Delete(dos[i]);
}

static const struct hh_counts *
row(const struct hh_report *r, const char *key)
{
	size_t i;

	for (i = 0; i < r->nrows; i++)
		if (strcmp(r->rows[i].key, key) == 0)
			return &r->rows[i].n;
	fail_msg("no row %s", key);
	return NULL;
}

static void
test_report_period__month_quarter_year(void **state)
{
	int from, to;

	(void)state;
	assert_int_equal(hh_period_parse(&from, &to, HH_PERIOD_MONTH,
	    "2016-02", 0), HH_OK);
	assert_int_equal(from, day("2016-02-01"));
	assert_int_equal(to, day("2016-02-29"));
	assert_int_equal(hh_period_parse(&from, &to, HH_PERIOD_QUARTER,
	    "2016-Q4", 0), HH_OK);
	assert_int_equal(from, day("2016-10-01"));
	assert_int_equal(to, day("2016-12-31"));
	assert_int_equal(hh_period_parse(&from, &to, HH_PERIOD_YEAR,
	    "2016", 0), HH_OK);
	assert_int_equal(from, day("2016-01-01"));
	assert_int_equal(to, day("2016-12-31"));
}

/* DOMAIN B §5.2: month M runs from the 15th of M-1 to the 14th of M. */
static void
test_report_period__15th_to_14th(void **state)
{
	int from, to;

	(void)state;
	assert_int_equal(hh_period_parse(&from, &to, HH_PERIOD_MONTH,
	    "2016-01", 1), HH_OK);
	assert_int_equal(from, day("2015-12-15"));
	assert_int_equal(to, day("2016-01-14"));
	assert_int_equal(hh_period_parse(&from, &to, HH_PERIOD_MONTH,
	    "2016-03", 1), HH_OK);
	assert_int_equal(from, day("2016-02-15"));
	assert_int_equal(to, day("2016-03-14"));
	assert_int_equal(hh_period_parse(&from, &to, HH_PERIOD_QUARTER,
	    "2016-Q1", 1), HH_OK);
	assert_int_equal(from, day("2015-12-15"));
	assert_int_equal(to, day("2016-03-14"));
	assert_int_equal(hh_period_parse(&from, &to, HH_PERIOD_QUARTER,
	    "2016-q4", 1), HH_OK);
	assert_int_equal(from, day("2016-09-15"));
	assert_int_equal(to, day("2016-12-14"));
	assert_int_equal(hh_period_parse(&from, &to, HH_PERIOD_YEAR,
	    "2016", 1), HH_OK);
	assert_int_equal(from, day("2015-12-15"));
	assert_int_equal(to, day("2016-12-14"));
}

static void
test_report_period__bad(void **state)
{
	int from, to;

	(void)state;
	assert_int_equal(hh_period_parse(&from, &to, HH_PERIOD_MONTH,
	    "2016-13", 0), HH_EINVALID);
	assert_string_equal(hh_error_last(),
	    "\"2016-13\" is not a month (YYYY-MM)");
	assert_int_equal(hh_period_parse(&from, &to, HH_PERIOD_MONTH,
	    "2016-9", 0), HH_EINVALID);
	assert_int_equal(hh_period_parse(&from, &to, HH_PERIOD_QUARTER,
	    "2016-Q5", 0), HH_EINVALID);
	assert_string_equal(hh_error_last(),
	    "\"2016-Q5\" is not a quarter (YYYY-Qn)");
	assert_int_equal(hh_period_parse(&from, &to, HH_PERIOD_YEAR,
	    "16", 0), HH_EINVALID);
	assert_int_equal(hh_period_parse(&from, &to, HH_PERIOD_YEAR,
	    "2016-01", 0), HH_EINVALID);
}

static void
test_report_period__last_complete_month(void **state)
{
	int from, to;

	(void)state;
	hh_period_last_month(&from, &to, day("2016-10-01"), 0);
	assert_int_equal(from, day("2016-09-01"));
	assert_int_equal(to, day("2016-09-30"));
	hh_period_last_month(&from, &to, day("2016-01-31"), 0);
	assert_int_equal(from, day("2015-12-01"));
	assert_int_equal(to, day("2015-12-31"));
	/* 15-14: on the 14th the current month is not over yet */
	hh_period_last_month(&from, &to, day("2016-10-14"), 1);
	assert_int_equal(from, day("2016-08-15"));
	assert_int_equal(to, day("2016-09-14"));
	hh_period_last_month(&from, &to, day("2016-10-15"), 1);
	assert_int_equal(from, day("2016-09-15"));
	assert_int_equal(to, day("2016-10-14"));
}

/* Early: a day before the due day; on time: the due day, not after the
 * due instant; late: after it. */
static void
test_report_add__classification(void **state)
{
	cJSON *d[4];
	struct hh_report *r;
	const struct hh_counts *n;

	(void)state;
	d[0] = dossier("A-1", "Hộ tịch", "direct", "x",
	    "2016-09-05T09:00 intake due=2016-09-08T17:00",
	    "2016-09-07T16:59 done", NULL);
	d[1] = dossier("A-2", "Hộ tịch", "online", "x",
	    "2016-09-05T09:00 intake due=2016-09-08T17:00",
	    "2016-09-08T08:00 done", NULL);
	d[2] = dossier("A-3", "Hộ tịch", "postal", "x",
	    "2016-09-05T09:00 intake due=2016-09-08T17:00",
	    "2016-09-08T17:00 done", NULL);
	d[3] = dossier("A-4", "Hộ tịch", "direct", "x",
	    "2016-09-05T09:00 intake due=2016-09-08T17:00",
	    "2016-09-08T17:00:01 done", NULL);
	r = report("2016-09-01", "2016-09-30", HH_BY_FIELD, d, 4);
	n = row(r, "Hộ tịch");
	assert_int_equal(n->received, 4);
	assert_int_equal(n->online, 1);
	assert_int_equal(n->direct, 3);	/* postal counts with direct */
	assert_int_equal(n->carried, 0);
	assert_int_equal(n->resolved, 4);
	assert_int_equal(n->early, 1);
	assert_int_equal(n->on_time, 2);
	assert_int_equal(n->late, 1);
	assert_int_equal(n->open, 0);
	assert_int_equal(hh_report_rate(n), 7500);
	hh_report_free(r);
	free_all(d, 4);
}

/* Month N's open at the end is month N+1's carried; a dossier closed
 * before a period is not in it. */
static void
test_report_add__carried_chain(void **state)
{
	cJSON *d[3];
	struct hh_report *aug, *sep, *oct;

	(void)state;
	d[0] = dossier("B-1", "Đất đai", "direct", "x",
	    "2016-08-25T09:00 intake due=2016-09-15T17:00",
	    "2016-09-10T10:00 done", NULL);
	d[1] = dossier("B-2", "Đất đai", "direct", "x",
	    "2016-08-26T09:00 intake due=2016-08-29T17:00",
	    "2016-08-29T10:00 done", NULL);
	d[2] = dossier("B-3", "Đất đai", "direct", "x",
	    "2016-08-31T23:59:59 intake due=2016-09-05T17:00",
	    "2016-10-01T00:00 done", NULL);
	aug = report("2016-08-01", "2016-08-31", HH_BY_FIELD, d, 3);
	sep = report("2016-09-01", "2016-09-30", HH_BY_FIELD, d, 3);
	oct = report("2016-10-01", "2016-10-31", HH_BY_FIELD, d, 3);
	assert_int_equal(aug->total.n.received, 3);
	assert_int_equal(aug->total.n.resolved, 1);
	assert_int_equal(aug->total.n.open, 2);
	assert_int_equal(aug->total.n.within, 2);
	assert_int_equal(sep->total.n.carried, aug->total.n.open);
	assert_int_equal(sep->total.n.online + sep->total.n.direct, 0);
	assert_int_equal(sep->total.n.resolved, 1);
	assert_int_equal(sep->total.n.early, 1);
	assert_int_equal(sep->total.n.open, 1);
	assert_int_equal(sep->total.n.overdue, 1);
	assert_int_equal(oct->total.n.carried, sep->total.n.open);
	assert_int_equal(oct->total.n.late, 1);
	assert_int_equal(oct->total.n.open, 0);
	hh_report_free(aug);
	hh_report_free(sep);
	hh_report_free(oct);
	free_all(d, 3);
}

/* Events after the end do not count: the report for September reads the
 * same whenever it is printed. */
static void
test_report_add__as_of_the_end(void **state)
{
	cJSON *d[2];
	struct hh_report *r;

	(void)state;
	d[0] = dossier("C-1", "Hộ tịch", "direct", "x",
	    "2016-09-28T09:00 intake due=2016-09-29T17:00",
	    "2016-10-03T08:00 withdraw", NULL);
	d[1] = dossier("C-2", "Hộ tịch", "direct", "x",
	    "2016-10-01T09:00 intake due=2016-10-04T17:00", NULL);
	r = report("2016-09-01", "2016-09-30", HH_BY_FIELD, d, 2);
	assert_int_equal(r->total.n.received, 1);
	assert_int_equal(r->total.n.withdrawn, 0);
	assert_int_equal(r->total.n.overdue, 1);
	assert_int_equal(r->end, at("2016-09-30T23:59:59"));
	hh_report_free(r);
	/* a period not over yet is counted as of now */
	assert_int_equal(hh_report_new(&r, day("2016-10-01"),
	    day("2016-10-31"), at("2016-10-02T12:00"), HH_BY_FIELD, NULL,
	    ""), HH_OK);
	assert_int_equal(hh_report_add(r, d[1]), 1);
	assert_int_equal(hh_report_add(r, d[0]), 1);
	assert_int_equal(hh_report_finish(r), HH_OK);
	assert_int_equal(r->end, at("2016-10-02T12:00"));
	assert_int_equal(r->total.n.carried, 1);
	assert_int_equal(r->total.n.direct, 1);
	assert_int_equal(r->total.n.withdrawn, 0);
	assert_int_equal(r->total.n.overdue, 1);
	assert_int_equal(r->total.n.within, 1);
	hh_report_free(r);
	free_all(d, 2);
}

/* Withdrawn: neither resolved nor open. */
static void
test_report_add__withdrawn(void **state)
{
	cJSON *d[2];
	struct hh_report *r;
	const struct hh_counts *n;

	(void)state;
	d[0] = dossier("D-1", "Hộ tịch", "direct", "x",
	    "2016-09-05T09:00 intake due=2016-09-08T17:00",
	    "2016-09-05T10:00 route to=tp officer=minh",
	    "2016-09-06T10:00 withdraw reason=thôi", NULL);
	d[1] = dossier("D-2", "Hộ tịch", "direct", "x",
	    "2016-08-05T09:00 intake due=2016-08-08T17:00",
	    "2016-09-01T00:00 withdraw", NULL);
	r = report("2016-09-01", "2016-09-30", HH_BY_FIELD, d, 2);
	n = row(r, "Hộ tịch");
	assert_int_equal(n->withdrawn, 2);
	assert_int_equal(n->carried, 1);
	assert_int_equal(n->resolved, 0);
	assert_int_equal(n->open, 0);
	assert_int_equal(hh_report_rate(n), -1);
	hh_report_free(r);
	free_all(d, 2);
}

/* Waiting for a supplement at the end: open, apart, never overdue; once
 * supplied, the new legal due counts. */
static void
test_report_add__waiting_supplement(void **state)
{
	cJSON *d[3];
	struct hh_report *r;
	const struct hh_counts *n;

	(void)state;
	d[0] = dossier("E-1", "Hộ tịch", "direct", "x",
	    "2016-09-05T09:00 intake due=2016-09-08T17:00",
	    "2016-09-05T10:00 route to=tp",
	    "2016-09-06T10:00 supplement reason=thiếu", NULL);
	d[1] = dossier("E-2", "Hộ tịch", "direct", "x",
	    "2016-09-05T09:00 intake due=2016-09-08T17:00",
	    "2016-09-05T10:00 route to=tp",
	    "2016-09-06T10:00 supplement reason=thiếu",
	    "2016-09-28T10:00 supplied due=2016-10-03T17:00", NULL);
	d[2] = dossier("E-3", "Hộ tịch", "direct", "x",
	    "2016-09-05T09:00 intake due=2016-09-08T17:00",
	    "2016-09-06T10:00 supplement reason=thiếu",
	    "2016-09-20T10:00 supplied due=2016-09-23T17:00",
	    "2016-09-23T16:00 done", NULL);
	r = report("2016-09-01", "2016-09-30", HH_BY_FIELD, d, 3);
	n = row(r, "Hộ tịch");
	assert_int_equal(n->open, 2);
	assert_int_equal(n->waiting, 1);
	assert_int_equal(n->within, 1);
	assert_int_equal(n->overdue, 0);
	assert_int_equal(n->resolved, 1);
	assert_int_equal(n->on_time, 1);	/* against the new due */
	hh_report_free(r);
	free_all(d, 3);
}

/* A route's due_at is the department's share, an apology's new date is
 * not the legal due: neither changes the class. */
static void
test_report_add__share_and_delay_keep_the_legal_due(void **state)
{
	cJSON *d[2];
	struct hh_report *r;

	(void)state;
	d[0] = dossier("F-1", "Hộ tịch", "direct", "x",
	    "2016-09-05T09:00 intake due=2016-09-12T17:00",
	    "2016-09-05T10:00 route to=tp days=1 due=2016-09-06T17:00",
	    "2016-09-09T10:00 done", NULL);
	d[1] = dossier("F-2", "Hộ tịch", "direct", "x",
	    "2016-09-05T09:00 intake due=2016-09-08T17:00",
	    "2016-09-07T10:00 delay until=2016-09-15 reason=chậm",
	    "2016-09-14T10:00 done", NULL);
	r = report("2016-09-01", "2016-09-30", HH_BY_FIELD, d, 2);
	assert_int_equal(r->total.n.early, 1);
	assert_int_equal(r->total.n.late, 1);
	hh_report_free(r);
	free_all(d, 2);
}

/* A return without a done resolves the dossier; after a done it does not
 * count again. */
static void
test_report_add__return(void **state)
{
	cJSON *d[2];
	struct hh_report *r;

	(void)state;
	d[0] = dossier("G-1", "Hộ tịch", "direct", "x",
	    "2016-09-05T09:00 intake due=2016-09-08T17:00",
	    "2016-09-09T10:00 return", NULL);
	d[1] = dossier("G-2", "Hộ tịch", "direct", "x",
	    "2016-09-05T09:00 intake due=2016-09-08T17:00",
	    "2016-09-07T10:00 done outcome=refused",
	    "2016-10-09T10:00 return", NULL);
	r = report("2016-09-01", "2016-09-30", HH_BY_FIELD, d, 2);
	assert_int_equal(r->total.n.resolved, 2);
	assert_int_equal(r->total.n.late, 1);
	assert_int_equal(r->total.n.early, 1);
	hh_report_free(r);
	r = report("2016-10-01", "2016-10-31", HH_BY_FIELD, d, 2);
	assert_int_equal(r->total.n.received, 0);
	assert_int_equal(r->nrows, 0);
	hh_report_free(r);
	free_all(d, 2);
}

static void
test_report_add__bad_events(void **state)
{
	struct hh_report *r = NULL;
	cJSON *d;

	(void)state;
	assert_int_equal(hh_report_new(&r, day("2016-09-01"),
	    day("2016-09-30"), at("2030-01-01T00:00"), HH_BY_FIELD, NULL,
	    ""), HH_OK);
	d = dossier("H-1", "Hộ tịch", "direct", "x",
	    "2016-09-05T09:00 intake", "2016-09-31T10:00 done", NULL);
	assert_int_equal(hh_report_add(r, d), HH_EINVALID);
	assert_string_equal(hh_error_last(), "events[1].at: not a time");
	cJSON_Delete(d);
	d = dossier("H-2", "Hộ tịch", "direct", "x",
	    "2016-09-05T09:00 route to=tp", NULL);
	assert_int_equal(hh_report_add(r, d), HH_EINVALID);
	assert_string_equal(hh_error_last(), "events[0]: not an intake");
	cJSON_Delete(d);
	hh_report_free(r);
	assert_int_equal(hh_report_new(&r, day("2016-09-02"),
	    day("2016-09-01"), 0, HH_BY_FIELD, NULL, ""), HH_EINVALID);
	assert_null(r);
}

/* A row that breaks carried + new = resolved + withdrawn + open is named
 * with its figures. */
static void
test_report_finish__invariant(void **state)
{
	struct hh_report *r = NULL;
	cJSON *d;

	(void)state;
	assert_int_equal(hh_report_new(&r, day("2016-09-01"),
	    day("2016-09-30"), at("2030-01-01T00:00"), HH_BY_FIELD, NULL,
	    ""), HH_OK);
	d = dossier("I-1", "Hộ tịch", "direct", "x",
	    "2016-09-05T09:00 intake due=2016-09-08T17:00", NULL);
	assert_int_equal(hh_report_add(r, d), 1);
	r->rows[0].n.resolved++;
	r->rows[0].n.early++;
	assert_int_equal(hh_report_finish(r), HH_ERROR);
	assert_string_equal(hh_error_last(), "row Hộ tịch: carried+new != "
	    "resolved+withdrawn+stopped+open (0+1 != 1+0+0+1)");
	hh_report_free(r);
	cJSON_Delete(d);
}

/* The rate to two decimals, rounded half up: the reference centre. */
static void
test_report_rate__reference(void **state)
{
	struct hh_counts n;

	(void)state;
	memset(&n, 0, sizeof(n));
	assert_int_equal(hh_report_rate(&n), -1);
	n.resolved = 9788;
	n.early = 3000;
	n.on_time = 2654;
	n.late = 4134;
	assert_int_equal(hh_report_rate(&n), 5776);
	n.resolved = 8;
	n.early = 1;
	n.on_time = 0;
	assert_int_equal(hh_report_rate(&n), 1250);
	n.resolved = 3;
	n.early = 2;
	assert_int_equal(hh_report_rate(&n), 6667);
}

/* The JSON contract, byte for byte. */
static void
test_report_format__json(void **state)
{
	static const char want[] =
"{\n"
"\t\"period\":\t{\n"
"\t\t\"from\":\t\"2016-09-01\",\n"
"\t\t\"to\":\t\"2016-09-30\",\n"
"\t\t\"as_of\":\t\"2016-09-30T23:59:59+07:00\"\n"
"\t},\n"
"\t\"source\":\t\"abc123\",\n"
"\t\"by\":\t\"channel\",\n"
"\t\"rows\":\t[{\n"
"\t\t\t\"key\":\t\"direct\",\n"
"\t\t\t\"label\":\t\"Trực tiếp\",\n"
"\t\t\t\"received\":\t{\n"
"\t\t\t\t\"total\":\t2,\n"
"\t\t\t\t\"carried\":\t1,\n"
"\t\t\t\t\"online\":\t0,\n"
"\t\t\t\t\"direct\":\t1\n"
"\t\t\t},\n"
"\t\t\t\"resolved\":\t{\n"
"\t\t\t\t\"total\":\t1,\n"
"\t\t\t\t\"early\":\t1,\n"
"\t\t\t\t\"on_time\":\t0,\n"
"\t\t\t\t\"late\":\t0\n"
"\t\t\t},\n"
"\t\t\t\"open\":\t{\n"
"\t\t\t\t\"total\":\t1,\n"
"\t\t\t\t\"within\":\t0,\n"
"\t\t\t\t\"overdue\":\t1,\n"
"\t\t\t\t\"waiting_supplement\":\t0\n"
"\t\t\t},\n"
"\t\t\t\"withdrawn\":\t0,\n"
"\t\t\t\"stopped\":\t0,\n"
"\t\t\t\"on_time_rate\":\t100.00\n"
"\t\t}, {\n"
"\t\t\t\"key\":\t\"online\",\n"
"\t\t\t\"label\":\t\"Trực tuyến\",\n"
"\t\t\t\"received\":\t{\n"
"\t\t\t\t\"total\":\t1,\n"
"\t\t\t\t\"carried\":\t0,\n"
"\t\t\t\t\"online\":\t1,\n"
"\t\t\t\t\"direct\":\t0\n"
"\t\t\t},\n"
"\t\t\t\"resolved\":\t{\n"
"\t\t\t\t\"total\":\t0,\n"
"\t\t\t\t\"early\":\t0,\n"
"\t\t\t\t\"on_time\":\t0,\n"
"\t\t\t\t\"late\":\t0\n"
"\t\t\t},\n"
"\t\t\t\"open\":\t{\n"
"\t\t\t\t\"total\":\t0,\n"
"\t\t\t\t\"within\":\t0,\n"
"\t\t\t\t\"overdue\":\t0,\n"
"\t\t\t\t\"waiting_supplement\":\t0\n"
"\t\t\t},\n"
"\t\t\t\"withdrawn\":\t1,\n"
"\t\t\t\"stopped\":\t0,\n"
"\t\t\t\"on_time_rate\":\tnull\n"
"\t\t}],\n"
"\t\"total\":\t{\n"
"\t\t\"key\":\t\"total\",\n"
"\t\t\"label\":\t\"Tổng số\",\n"
"\t\t\"received\":\t{\n"
"\t\t\t\"total\":\t3,\n"
"\t\t\t\"carried\":\t1,\n"
"\t\t\t\"online\":\t1,\n"
"\t\t\t\"direct\":\t1\n"
"\t\t},\n"
"\t\t\"resolved\":\t{\n"
"\t\t\t\"total\":\t1,\n"
"\t\t\t\"early\":\t1,\n"
"\t\t\t\"on_time\":\t0,\n"
"\t\t\t\"late\":\t0\n"
"\t\t},\n"
"\t\t\"open\":\t{\n"
"\t\t\t\"total\":\t1,\n"
"\t\t\t\"within\":\t0,\n"
"\t\t\t\"overdue\":\t1,\n"
"\t\t\t\"waiting_supplement\":\t0\n"
"\t\t},\n"
"\t\t\"withdrawn\":\t1,\n"
"\t\t\"stopped\":\t0,\n"
"\t\t\"on_time_rate\":\t100.00\n"
"\t}\n"
"}\n";
	cJSON *d[3];
	struct hh_report *r;
	char *text;

	(void)state;
	d[0] = dossier("J-1", "Hộ tịch", "direct", "x",
	    "2016-08-30T09:00 intake due=2016-09-02T17:00", NULL);
	d[1] = dossier("J-2", "Hộ tịch", "direct", "x",
	    "2016-09-05T09:00 intake due=2016-09-08T17:00",
	    "2016-09-06T09:00 done", NULL);
	d[2] = dossier("J-3", "Hộ tịch", "online", "x",
	    "2016-09-05T09:00 intake due=2016-09-08T17:00",
	    "2016-09-06T09:00 withdraw", NULL);
	r = report("2016-09-01", "2016-09-30", HH_BY_CHANNEL, d, 3);
	text = hh_render_report(r, HH_FORMAT_JSON);
	assert_string_equal(text, want);
	free(text);
	hh_report_free(r);
	free_all(d, 3);
}

/* Text and CSV name the source; HTML escapes every text. */
static void
test_report_format__text_csv_html(void **state)
{
	cJSON *d[1];
	struct hh_report *r;
	char *text;

	(void)state;
	d[0] = dossier("K-1", "<b>\"Hộ\", tịch</b>", "direct", "x",
	    "2016-09-05T09:00 intake due=2016-09-08T17:00", NULL);
	r = report("2016-09-01", "2016-09-30", HH_BY_FIELD, d, 1);
	text = hh_render_report(r, HH_FORMAT_TEXT);
	assert_non_null(strstr(text, "Kỳ báo cáo: từ ngày 01/09/2016 đến "
	    "ngày 30/09/2016\n"));
	assert_non_null(strstr(text, "Nguồn: bản ghi abc123\n"));
	/* the form's label and basis (none set before 15/12/2020), the
	 * signers */
	assert_non_null(strstr(text, "Biểu số 06/VPCP/KSTT\n(các cột của "
	    "Thông tư 01/2020/TT-VPCP)\nTình hình, kết quả giải quyết thủ "
	    "tục hành chính\n"));
	assert_non_null(strstr(text, "NGƯỜI LẬP BIỂU"));
	assert_non_null(strstr(text, "THỦ TRƯỞNG ĐƠN VỊ"));
	free(text);
	text = hh_render_report(r, HH_FORMAT_CSV);
	assert_non_null(strstr(text, "\r\n1,\"<b>\"\"Hộ\"\", tịch</b>\","
	    "\"<b>\"\"Hộ\"\", tịch</b>\",1,0,1,0,0,0,0,0,1,0,1,0,0,0,,"
	    "2016-09-01,2016-09-30,abc123\r\n"));
	free(text);
	text = hh_render_report(r, HH_FORMAT_HTML);
	assert_null(strstr(text, "<b>"));
	assert_null(strstr(text, "<script"));
	assert_non_null(strstr(text, "&lt;b&gt;&quot;Hộ&quot;, "
	    "tịch&lt;/b&gt;"));
	assert_non_null(strstr(text, "<svg "));
	assert_non_null(strstr(text, "<p class=\"form\">Biểu số "
	    "06/VPCP/KSTT<br>"));
	assert_non_null(strstr(text, "<p><strong>NGƯỜI LẬP BIỂU</strong>"));
	free(text);
	hh_report_free(r);
	free_all(d, 1);
}

/* Text and HTML print figures as Vietnamese writes them (1.001; 99,90),
 * CSV and JSON as machines read them (1001; 99.90); the text fits 80
 * columns in three parts, the long label cut, --wide's table is whole. */
static void
test_report_format__printed_numbers(void **state)
{
	static const char label[] = "Lĩnh vực có một cái tên rất dài, dài "
	    "hơn bất kỳ cột nào của bảng";
	cJSON *d[1001];
	struct hh_report *r;
	char *text, *line, *nl;
	size_t i;

	(void)state;
	for (i = 0; i < 1001; i++)
		d[i] = dossier("N-1", label, "direct", "x",
		    "2021-03-01T09:00 intake due=2021-03-04T17:00",
		    i == 0 ? "2021-03-05T09:00 done" :
		    "2021-03-02T09:00 done", NULL);
	r = report("2021-03-01", "2021-03-31", HH_BY_FIELD, d, 1001);
	text = hh_render_report(r, HH_FORMAT_TEXT);
	assert_non_null(strstr(text, "(Biểu số 06/VPCP/KSTT, Thông tư "
	    "01/2020/TT-VPCP)\n"));
	assert_non_null(strstr(text, "  1.001  "));
	assert_non_null(strstr(text, "  99,90\n"));
	assert_null(strstr(text, "99.90"));
	assert_null(strstr(text, label));
	for (line = text; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		assert_non_null(nl);
		*nl = '\0';
		if (hh_text_width(line) > 80)
			fail_msg("wider than 80: %s", line);
	}
	free(text);
	text = hh_render_report_width(r, HH_FORMAT_TEXT, 0);
	assert_non_null(strstr(text, label));
	free(text);
	text = hh_render_report(r, HH_FORMAT_HTML);
	assert_non_null(strstr(text, ">1.001</td>"));
	assert_non_null(strstr(text, ">99,90</td>"));
	free(text);
	text = hh_render_report(r, HH_FORMAT_CSV);
	assert_non_null(strstr(text, ",1001,"));
	assert_non_null(strstr(text, ",99.90,"));
	assert_null(strstr(text, "1.001"));
	free(text);
	text = hh_render_report(r, HH_FORMAT_JSON);
	assert_non_null(strstr(text, "\"on_time_rate\":\t99.90"));
	free(text);
	hh_report_free(r);
	free_all(d, 1001);
}

/* The book numbers through the calendar year: March starts where
 * February ended, January at 1 again. */
static void
test_listing_book__numbered_through_the_year(void **state)
{
	struct hh_listing *l = NULL;
	struct hh_query q;
	cJSON *d[4], *j, *v;
	char *text;
	size_t i;

	(void)state;
	d[0] = dossier("L-1", "Hộ tịch", "direct", "Nguyễn Văn An",
	    "2015-12-30T09:00 intake due=2016-01-04T17:00", NULL);
	d[1] = dossier("L-2", "Hộ tịch", "direct", "Trần Thị Bình",
	    "2016-02-03T09:00 intake due=2016-02-05T17:00", NULL);
	d[2] = dossier("L-3", "Hộ tịch", "direct", "Lê Văn Cường",
	    "2016-02-01T09:00 intake due=2016-02-04T17:00",
	    "2016-02-04T09:00 done", "2016-02-05T09:00 return", NULL);
	d[3] = dossier("L-4", "Hộ tịch", "direct", "Phạm Thị Dung",
	    "2016-03-01T09:00 intake due=2016-03-04T17:00", NULL);
	memset(&q, 0, sizeof(q));
	q.kind = HH_BOOK;
	q.at = at("2030-01-01T00:00");
	q.from = day("2016-03-01");
	q.to = day("2016-03-31");
	assert_int_equal(hh_listing_new(&l, &q, NULL, "abc123"), HH_OK);
	for (i = 0; i < 4; i++)
		assert_in_range(hh_listing_add(l, d[i]), 0, 1);
	hh_listing_finish(l);
	assert_int_equal(hh_listing_count(l), 1);
	text = hh_listing_format(l, HH_FORMAT_JSON);
	j = cJSON_Parse(text);
	v = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "dossiers"), 0);
	assert_int_equal(cJSON_GetObjectItem(v, "no")->valueint, 3);
	assert_string_equal(cJSON_GetObjectItem(v, "code")->valuestring,
	    "L-4");
	assert_null(cJSON_GetObjectItem(v, "id_number"));
	cJSON_Delete(j);
	free(text);
	hh_listing_free(l);

	/* February as of its end: L-3 returned, numbered by receipt */
	q.from = day("2015-12-15");
	q.to = day("2016-02-29");
	assert_int_equal(hh_listing_new(&l, &q, NULL, "abc123"), HH_OK);
	for (i = 0; i < 4; i++)
		assert_in_range(hh_listing_add(l, d[i]), 0, 1);
	hh_listing_finish(l);
	text = hh_listing_format(l, HH_FORMAT_CSV);
	assert_string_equal(text, "no,code,procedure_name,applicant,"
	    "department,received_at,due_at,returned_at,status,source\r\n"
	    "1,L-1,Thủ tục Hộ tịch,Nguyễn Văn An,tp,"
	    "2015-12-30T09:00:00+07:00,2016-01-04T17:00:00+07:00,,received,"
	    "abc123\r\n"
	    "1,L-3,Thủ tục Hộ tịch,Lê Văn Cường,tp,"
	    "2016-02-01T09:00:00+07:00,2016-02-04T17:00:00+07:00,"
	    "2016-02-05T09:00:00+07:00,returned,abc123\r\n"
	    "2,L-2,Thủ tục Hộ tịch,Trần Thị Bình,tp,"
	    "2016-02-03T09:00:00+07:00,2016-02-05T17:00:00+07:00,,"
	    "received,abc123\r\n");
	free(text);
	hh_listing_free(l);
	free_all(d, 4);
}

/* --list: filters with AND; names without case or diacritics. */
static void
test_listing_list__filters(void **state)
{
	struct hh_listing *l = NULL;
	struct hh_query q;
	cJSON *d[3];
	char *text;
	size_t i;

	(void)state;
	d[0] = dossier("M-1", "Hộ tịch", "direct", "Nguyễn Văn An",
	    "2016-09-05T09:00 intake due=2016-09-08T17:00", NULL);
	d[1] = dossier("M-2", "Đất đai", "direct", "NGUYỄN VĂN ANH",
	    "2016-09-06T09:00 intake due=2016-09-08T17:00", NULL);
	d[2] = dossier("M-3", "Hộ tịch", "direct", "Trần Văn An",
	    "2016-09-07T09:00 intake due=2016-09-08T17:00", NULL);
	for (i = 0; i < 3; i++) {
		cJSON_AddStringToObject(d[i], "received_at",
		    cJSON_GetArrayItem(cJSON_GetObjectItem(d[i], "events"),
		    0)->child->valuestring);
		cJSON_AddStringToObject(d[i], "due_at", "2016-09-08T17:00");
	}
	memset(&q, 0, sizeof(q));
	q.kind = HH_LIST;
	q.from = INT_MIN;
	q.to = INT_MAX;
	q.applicant = "nguyen van an";
	assert_int_equal(hh_listing_new(&l, &q, NULL, "abc"), HH_OK);
	for (i = 0; i < 3; i++)
		assert_in_range(hh_listing_add(l, d[i]), 0, 1);
	assert_int_equal(hh_listing_count(l), 2);
	hh_listing_free(l);
	q.field = "ho tich";
	assert_int_equal(hh_listing_new(&l, &q, NULL, "abc"), HH_OK);
	for (i = 0; i < 3; i++)
		assert_in_range(hh_listing_add(l, d[i]), 0, 1);
	hh_listing_finish(l);
	text = hh_listing_format(l, HH_FORMAT_CSV);
	assert_string_equal(text, "code,procedure,status,holder,received_at,"
	    "due_at,source\r\nM-1,P-M,received,motcua,"
	    "2016-09-05T09:00:00+07:00,2016-09-08T17:00:00+07:00,abc\r\n");
	free(text);
	hh_listing_free(l);
	q.field = NULL;
	q.applicant = NULL;
	q.from = day("2016-09-06");
	q.to = day("2016-09-06");
	assert_int_equal(hh_listing_new(&l, &q, NULL, "abc"), HH_OK);
	for (i = 0; i < 3; i++)
		assert_in_range(hh_listing_add(l, d[i]), 0, 1);
	assert_int_equal(hh_listing_count(l), 1);
	hh_listing_free(l);
	free_all(d, 3);
}

/* --overdue: open and past due now, or due by a day; waiting ones and
 * closed ones never; names only when asked. */
static void
test_listing_overdue(void **state)
{
	struct hh_listing *l = NULL;
	struct hh_query q;
	cJSON *d[4];
	char *text;
	size_t i;

	(void)state;
	d[0] = dossier("N-1", "Hộ tịch", "direct", "Nguyễn Văn An",
	    "2016-09-05T09:00 intake due=2016-09-08T17:00", NULL);
	d[1] = dossier("N-2", "Hộ tịch", "direct", "Trần Thị Bình",
	    "2016-09-05T09:00 intake due=2016-09-14T17:00", NULL);
	d[2] = dossier("N-3", "Hộ tịch", "direct", "Lê Văn Cường",
	    "2016-09-05T09:00 intake due=2016-09-08T17:00",
	    "2016-09-06T09:00 route to=tp",
	    "2016-09-07T09:00 supplement reason=x", NULL);
	d[3] = dossier("N-4", "Hộ tịch", "direct", "Phạm Thị Dung",
	    "2016-09-05T09:00 intake due=2016-09-08T17:00",
	    "2016-09-07T09:00 done", NULL);
	memset(&q, 0, sizeof(q));
	q.kind = HH_OVERDUE;
	q.at = at("2016-09-12T08:00");
	q.until = INT_MIN;
	assert_int_equal(hh_listing_new(&l, &q, NULL, "abc"), HH_OK);
	for (i = 0; i < 4; i++)
		assert_in_range(hh_listing_add(l, d[i]), 0, 1);
	hh_listing_finish(l);
	text = hh_listing_format(l, HH_FORMAT_CSV);
	assert_string_equal(text, "code,procedure,procedure_name,holder,"
	    "due_at,state,source\r\nN-1,P-N,Thủ tục Hộ tịch,motcua,"
	    "2016-09-08T17:00:00+07:00,overdue,abc\r\n");
	free(text);
	hh_listing_free(l);
	q.until = day("2016-09-14");
	q.with_applicant = 1;
	assert_int_equal(hh_listing_new(&l, &q, NULL, "abc"), HH_OK);
	for (i = 0; i < 4; i++)
		assert_in_range(hh_listing_add(l, d[i]), 0, 1);
	hh_listing_finish(l);
	assert_int_equal(hh_listing_count(l), 2);
	text = hh_listing_format(l, HH_FORMAT_TEXT);
	assert_non_null(strstr(text, "Trần Thị Bình"));
	assert_non_null(strstr(text, "Sắp đến hạn"));
	free(text);
	text = hh_listing_format(l, HH_FORMAT_CSV);
	assert_non_null(strstr(text, ",state,applicant,source\r\n"));
	assert_non_null(strstr(text, ",due,Trần Thị Bình,abc\r\n"));
	free(text);
	hh_listing_free(l);
	free_all(d, 4);
}

int
main(int argc, char *argv[])
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report_period__month_quarter_year),
		cmocka_unit_test(test_report_period__15th_to_14th),
		cmocka_unit_test(test_report_period__bad),
		cmocka_unit_test(test_report_period__last_complete_month),
		cmocka_unit_test(test_report_add__classification),
		cmocka_unit_test(test_report_add__carried_chain),
		cmocka_unit_test(test_report_add__as_of_the_end),
		cmocka_unit_test(test_report_add__withdrawn),
		cmocka_unit_test(test_report_add__waiting_supplement),
		cmocka_unit_test(
		    test_report_add__share_and_delay_keep_the_legal_due),
		cmocka_unit_test(test_report_add__return),
		cmocka_unit_test(test_report_add__bad_events),
		cmocka_unit_test(test_report_finish__invariant),
		cmocka_unit_test(test_report_rate__reference),
		cmocka_unit_test(test_report_format__json),
		cmocka_unit_test(test_report_format__text_csv_html),
		cmocka_unit_test(test_report_format__printed_numbers),
		cmocka_unit_test(test_listing_book__numbered_through_the_year),
		cmocka_unit_test(test_listing_list__filters),
		cmocka_unit_test(test_listing_overdue),
	};

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("report", tests, NULL, NULL);
}
