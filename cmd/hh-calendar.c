/* hh-calendar - working days, holidays and due dates */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "hh.h"

static const char usage[] =
"usage: hh-calendar [-C dir] [--json] [YYYY | YYYY-MM]\n"
"       hh-calendar [-C dir] [--json] --due --from time\n"
"                   {--working-days n | --working-hours n | --calendar-days n}\n";

enum {
	OPT_DUE = HH_OPT_OWN,
	OPT_FROM,
	OPT_WORKING_DAYS,
	OPT_WORKING_HOURS,
	OPT_CALENDAR_DAYS,
};

static const struct option longopts[] = {
	{ "json", no_argument, NULL, HH_OPT_JSON },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, HH_OPT_VERSION },
	{ "due", no_argument, NULL, OPT_DUE },
	{ "from", required_argument, NULL, OPT_FROM },
	{ "working-days", required_argument, NULL, OPT_WORKING_DAYS },
	{ "working-hours", required_argument, NULL, OPT_WORKING_HOURS },
	{ "calendar-days", required_argument, NULL, OPT_CALENDAR_DAYS },
	{ NULL, 0, NULL, 0 },
};

static const char *const wdays[7] = {
	"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"
};

static const char *const months[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

static int
weekend(int day)
{
	int wd = hh_time_weekday(day);

	return wd == 0 || wd == 6;
}

static int
year_of_day(int day)
{
	int y, m, d;

	hh_time_civil(day, &y, &m, &d);
	return y;
}

/* 1 if the file names day on a line marked provisional (the days of a
 * year the file does not cover are all provisional: not these). */
static int
provisional_line(const struct hh_calendar *cal, int day)
{
	int p;

	hh_calendar_working(cal, day, &p);
	return p && hh_calendar_covered(cal, year_of_day(day));
}

/*
 * "*" day off, "?" day off not yet announced (a provisional line, or a
 * statutory holiday of a year the file does not cover), "-" plain
 * weekend, "+" weekend worked, " " working day.
 */
static int
mark(const struct hh_calendar *cal, int day)
{
	int p;

	if (hh_calendar_working(cal, day, &p))
		return hh_calendar_swapped(cal, day) ? '+' : ' ';
	if (weekend(day) && hh_calendar_note(cal, day) == NULL &&
	    !provisional_line(cal, day))
		return '-';
	return p ? '?' : '*';
}

/*
 * The days from first to last named on provisional lines, as
 * "D1, D2..D3, ..." in buf; the number of days.
 */
static int
provisional_list(const struct hh_calendar *cal, int first, int last,
    char *buf, size_t size)
{
	char a[HH_TIME_MAX], b[HH_TIME_MAX];
	size_t len = 0;
	int day, run, n = 0;

	buf[0] = '\0';
	for (day = first; day <= last; day = run) {
		if (!provisional_line(cal, day)) {
			run = day + 1;
			continue;
		}
		for (run = day + 1; run <= last && provisional_line(cal, run);
		    run++)
			;
		n += run - day;
		if (len + 2 * HH_TIME_MAX + 8 >= size) {
			if (len + 5 < size)
				len += (size_t)snprintf(buf + len, size - len,
				    ", ...");
			continue;
		}
		hh_time_format_day(a, day);
		hh_time_format_day(b, run - 1);
		len += (size_t)snprintf(buf + len, size - len, "%s%s%s%s",
		    len > 0 ? ", " : "", a, run - 1 > day ? ".." : "",
		    run - 1 > day ? b : "");
	}
	return n;
}

/* Print a grid line without its trailing blanks. */
static void
put_line(char *line, size_t len)
{
	while (len > 0 && line[len - 1] == ' ')
		len--;
	printf("%.*s\n", (int)len, line);
}

static void
month_text(const struct hh_calendar *cal, int y, int m)
{
	char title[64], from[HH_TIME_MAX], to[HH_TIME_MAX], lunar[16];
	char line[256], prov[512];
	struct hh_lunar l;
	const char *note, *n;
	size_t len;
	int first, last, day, col, run, pad, gap, c, q = 0;

	first = hh_time_from_civil(y, m, 1);
	last = hh_time_from_civil(m == 12 ? y + 1 : y, m % 12 + 1, 1) - 1;
	snprintf(title, sizeof(title), "%s %d", months[m - 1], y);
	pad = (70 - (int)strlen(title)) / 2;
	printf("%*s%s\n", pad, "", title);
	len = 0;
	for (col = 1; col <= 7; col++)
		len += (size_t)snprintf(line + len, sizeof(line) - len,
		    "%-10s", wdays[col % 7]);
	put_line(line, len);
	col = (hh_time_weekday(first) + 6) % 7;
	len = (size_t)snprintf(line, sizeof(line), "%*s", col * 10, "");
	for (day = first; day <= last; day++) {
		hh_lunar_from_day(&l, day);
		if (l.day == 1)
			snprintf(lunar, sizeof(lunar), "%d/%d%s", l.day,
			    l.month, l.leap ? "+" : "");
		else
			snprintf(lunar, sizeof(lunar), "%d", l.day);
		c = mark(cal, day);
		q |= c == '?';
		len += (size_t)snprintf(line + len, sizeof(line) - len,
		    "%2d%c %-6s", day - first + 1, c, lunar);
		if (++col == 7 || day == last) {
			put_line(line, len);
			col = 0;
			len = 0;
		}
	}
	printf("\n* day off   - weekend   + weekend day worked (làm bù)%s\n"
	    "lunar day after the date; D/M on the first day of lunar month M,"
	    " M+ if leap\n", q ? "   ? day off, provisional" : "");
	if (!hh_calendar_covered(cal, y))
		printf("%d is not in the calendar file; holidays are "
		    "provisional (statutory)\n", y);
	else if (provisional_list(cal, first, last, prov, sizeof(prov)) > 0)
		printf("provisional, not yet announced: %s\n", prov);
	/* one line a run of days with the same note */
	gap = 1;
	for (day = first; day <= last; day = run) {
		note = hh_calendar_note(cal, day);
		for (run = day + 1; run <= last; run++) {
			n = hh_calendar_note(cal, run);
			if (note == NULL || n == NULL || strcmp(n, note) != 0)
				break;
		}
		if (note == NULL)
			continue;
		if (gap)
			putchar('\n');
		gap = 0;
		hh_time_format_day(from, day);
		hh_time_format_day(to, run - 1);
		if (run - 1 > day)
			printf("%s..%s: %s\n", from, to, note);
		else
			printf("%s: %s\n", from, note);
	}
}

static cJSON *
month_json(const struct hh_calendar *cal, int y, int m)
{
	char date[HH_TIME_MAX], lunar[16];
	struct hh_lunar l;
	const char *note;
	cJSON *o = cJSON_CreateObject(), *days, *e;
	int first, last, day, p;

	first = hh_time_from_civil(y, m, 1);
	last = hh_time_from_civil(m == 12 ? y + 1 : y, m % 12 + 1, 1) - 1;
	cJSON_AddNumberToObject(o, "year", y);
	cJSON_AddNumberToObject(o, "month", m);
	days = cJSON_AddArrayToObject(o, "days");
	for (day = first; day <= last; day++) {
		hh_time_format_day(date, day);
		hh_lunar_from_day(&l, day);
		snprintf(lunar, sizeof(lunar), "%d/%d", l.day, l.month);
		e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "date", date);
		cJSON_AddStringToObject(e, "weekday",
		    wdays[hh_time_weekday(day)]);
		cJSON_AddBoolToObject(e, "working",
		    hh_calendar_working(cal, day, &p));
		cJSON_AddStringToObject(e, "lunar", lunar);
		cJSON_AddBoolToObject(e, "leap", l.leap);
		if ((note = hh_calendar_note(cal, day)) != NULL)
			cJSON_AddStringToObject(e, "note", note);
		else
			cJSON_AddNullToObject(e, "note");
		cJSON_AddBoolToObject(e, "provisional", p);
		cJSON_AddBoolToObject(e, "swapped",
		    hh_calendar_swapped(cal, day));
		cJSON_AddItemToArray(days, e);
	}
	return o;
}

/* YYYY or YYYY-MM; *m is 0 for a whole year. */
static int
parse_period(int *y, int *m, const char *s)
{
	char buf[HH_TIME_MAX];
	int day, mm, dd, error;

	if (strlen(s) == 4) {
		snprintf(buf, sizeof(buf), "%s-01-01", s);
		*m = 0;
	} else if (strlen(s) == 7) {
		snprintf(buf, sizeof(buf), "%s-01", s);
		*m = 1;
	} else {
		return hh_error_set(HH_EINVALID,
		    "not a year or month (YYYY or YYYY-MM)");
	}
	/* the shape first, so that the date's error is about its range */
	if (strspn(s, "0123456789") != 4 || (s[4] != '\0' && (s[4] != '-' ||
	    strspn(s + 5, "0123456789") != 2)))
		return hh_error_set(HH_EINVALID,
		    "not a year or month (YYYY or YYYY-MM)");
	if ((error = hh_time_parse_day(&day, buf)) < 0)
		return error;
	hh_time_civil(day, y, &mm, &dd);
	if (*m != 0)
		*m = mm;
	return 0;
}

static void
warn_provisional(const struct hh_calendar *cal, int from, int to)
{
	int y, last;

	for (y = from; y <= to; y = last + 1) {
		last = y;
		if (hh_calendar_covered(cal, y))
			continue;
		while (last < to && !hh_calendar_covered(cal, last + 1))
			last++;
		if (last == y)
			hh_cli_warn("warning: %d is not in the calendar file; "
			    "holidays are provisional (statutory)", y);
		else
			hh_cli_warn("warning: %d to %d are not in the calendar "
			    "file; holidays are provisional (statutory)", y,
			    last);
	}
}

/* The provisional lines a due date used, from day first to day last. */
static void
warn_provisional_lines(const struct hh_calendar *cal, int first, int last)
{
	char prov[512];

	if (provisional_list(cal, first, last, prov, sizeof(prov)) > 0)
		hh_cli_warn("warning: provisional in the calendar file, not "
		    "yet announced: %s", prov);
}

static int
show_due(const struct hh_calendar *cal, int64_t from,
    const struct hh_limit *lim, int json)
{
	char a[HH_TIME_MAX], b[HH_TIME_MAX], c[HH_TIME_MAX];
	cJSON *o;
	int64_t due, start;
	int p;

	if (hh_deadline_due(&due, &start, &p, cal, from, lim) < 0) {
		hh_cli_warn("%s", hh_error_last());
		return HH_EXIT_FAIL;
	}
	if (p) {
		warn_provisional(cal, year_of_day(hh_time_day(from)),
		    year_of_day(hh_time_day(due)));
		warn_provisional_lines(cal, hh_time_day(from),
		    hh_time_day(due));
	}
	hh_time_format(a, from);
	hh_time_format(b, start);
	hh_time_format(c, due);
	if (json) {
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "from", a);
		cJSON_AddStringToObject(o, "effective_from", b);
		cJSON_AddStringToObject(o, "due", c);
		cJSON_AddBoolToObject(o, "provisional", p);
		hh_cli_json(o, 1);
	} else
		printf("%s\n", c);
	return HH_EXIT_OK;
}

static void
show_months(const struct hh_calendar *cal, int y, int m, int json)
{
	cJSON *all = NULL;
	int i, lo = m ? m : 1, hi = m ? m : 12;

	warn_provisional(cal, y, y);
	if (json && !m)
		all = cJSON_CreateArray();
	for (i = lo; i <= hi; i++) {
		if (all != NULL)
			cJSON_AddItemToArray(all, month_json(cal, y, i));
		else if (json)
			hh_cli_json(month_json(cal, y, i), 1);
		else {
			if (i > lo)
				putchar('\n');
			month_text(cal, y, i);
		}
	}
	if (all != NULL)
		hh_cli_json(all, 1);
}

int
main(int argc, char *argv[])
{
	struct hh_cli cli = { .prog = "hh-calendar", .usage = usage,
	    .accept = HH_CLI_DIR | HH_CLI_JSON };
	struct hh_calendar *cal = NULL;
	struct hh_limit lim;
	const char *from = NULL, *value = NULL, *unit = NULL, *opt = NULL;
	const char *now;
	char *end;
	double v;
	int64_t t = 0;
	int c, due = 0, y = 0, m = 0, d, status = HH_EXIT_FAIL;

	hh_cli_init(&cli);
	while ((c = getopt_long(argc, argv, "C:h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_DUE:
			due = 1;
			break;
		case OPT_FROM:
			from = optarg;
			break;
		case OPT_WORKING_DAYS:
		case OPT_WORKING_HOURS:
		case OPT_CALENDAR_DAYS:
			if (unit != NULL)
				hh_cli_usage(&cli);
			unit = c == OPT_WORKING_DAYS ? "working_days" :
			    c == OPT_WORKING_HOURS ? "working_hours" :
			    "calendar_days";
			opt = c == OPT_WORKING_DAYS ? "--working-days" :
			    c == OPT_WORKING_HOURS ? "--working-hours" :
			    "--calendar-days";
			value = optarg;
			break;
		default:
			if (!hh_cli_common(&cli, c, optarg))
				hh_cli_usage(&cli);
		}
	}
	argc -= optind;
	argv += optind;
	if (due ? (from == NULL || unit == NULL || argc != 0) :
	    (from != NULL || unit != NULL || argc > 1))
		hh_cli_usage(&cli);

	if ((now = hh_priv_env("HH_NOW")) != NULL && *now != '\0' &&
	    hh_time_parse(&t, now) < 0) {
		hh_cli_warn("HH_NOW: %s", hh_error_last());
		goto out;
	}
	if (due) {
		if (hh_time_parse(&t, from) < 0) {
			hh_cli_warn("--from: %s: %s", hh_text_quote(from),
			    hh_error_last());
			goto out;
		}
		v = strtod(value, &end);
		if (end == value || *end != '\0') {
			hh_cli_warn("%s: %s: not a number", opt,
			    hh_text_quote(value));
			goto out;
		}
		if (hh_deadline_limit(&lim, unit, v) < 0) {
			hh_cli_warn("%s: %s", opt, hh_error_last());
			goto out;
		}
	} else if (argc == 1) {
		if (parse_period(&y, &m, argv[0]) < 0) {
			hh_cli_warn("%s: %s", hh_text_quote(argv[0]),
			    hh_error_last());
			goto out;
		}
	} else {
		t = hh_priv_now();
		hh_time_civil(hh_time_day(t), &y, &m, &d);
	}

	if (hh_desk_calendar(&cal, cli.dir) < 0) {
		hh_cli_warn("%s", hh_error_last());
		goto out;
	}
	if (due) {
		status = show_due(cal, t, &lim, cli.json);
		goto out;
	}
	show_months(cal, y, m, cli.json);
	status = HH_EXIT_OK;
out:
	hh_calendar_free(cal);
	return hh_cli_exit(status);
}
