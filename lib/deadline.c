/* deadline.c - when the clock starts, due instants, on-time classes */
#include <math.h>
#include <string.h>

#include "core.h"

/*
 * The rules are DOMAIN Part A §3-7 (and hh-calendar(5)):
 *
 * - Clock start: a receipt on a day off, after the cut-off or after the
 *   close counts from the start of the next working day's morning
 *   session; one before the morning session or between the sessions
 *   from the start of the next session.  A receipt exactly at the
 *   cut-off (15:00:00) is not after it.
 * - N working days: the close of office hours (pm_end) of the N-th
 *   working day after the effective day; 0 the close of that day.
 * - 0.5: the close of the session after the one the clock starts in
 *   (morning: that afternoon; afternoon: the next working morning).
 *   N + 0.5 with N >= 1: the N days first, then half a day more, i.e.
 *   the close of the morning session of the working day after the N-th.
 * - Working hours: counted inside the sessions of working days only.
 * - Calendar days: the close of office hours of effective day + N, or
 *   of the next working day when that day is off.
 */

#define LIMIT_MAX 3650

static int
working(const struct hh_calendar *cal, int day, int *provisional)
{
	int p = 0, w;

	w = hh_calendar_working(cal, day, &p);
	if (p && provisional != NULL)
		*provisional = 1;
	return w;
}

/* The first working day on or after day. */
static int
next_working(const struct hh_calendar *cal, int day, int *provisional)
{
	while (!working(cal, day, provisional))
		day++;
	return day;
}

/* The n-th working day after day. */
static int
nth_working(const struct hh_calendar *cal, int day, int n, int *provisional)
{
	while (n-- > 0)
		day = next_working(cal, day + 1, provisional);
	return day;
}

static int64_t
clock_start(const struct hh_calendar *cal, int64_t t, int *provisional)
{
	const struct hh_hours *h = hh_calendar_hours(cal);
	int day = hh_time_day(t);

	if (!working(cal, day, provisional) ||
	    t > hh_time_make(day, h->cutoff) ||
	    t >= hh_time_make(day, h->pm_end)) {
		day = next_working(cal, day + 1, provisional);
		return hh_time_make(day, h->am_start);
	}
	if (t < hh_time_make(day, h->am_start))
		return hh_time_make(day, h->am_start);
	if (t >= hh_time_make(day, h->am_end) &&
	    t < hh_time_make(day, h->pm_start))
		return hh_time_make(day, h->pm_start);
	return t;
}

int64_t
hh_deadline_start(const struct hh_calendar *cal, int64_t t, int *provisional)
{
	if (provisional != NULL)
		*provisional = 0;
	return clock_start(cal, t, provisional);
}

/*
 * The instant secs seconds of session time after t: sessions of working
 * days only, ending exactly at a session's close when the time runs out
 * there.
 */
static int64_t
advance(const struct hh_calendar *cal, int64_t t, int64_t secs,
    int *provisional)
{
	const struct hh_hours *h = hh_calendar_hours(cal);
	int64_t a, b, from;
	int day, i;

	if (secs <= 0)
		return t;
	for (day = hh_time_day(t);; day++) {
		if (!working(cal, day, provisional))
			continue;
		for (i = 0; i < 2; i++) {
			a = hh_time_make(day, i ? h->pm_start : h->am_start);
			b = hh_time_make(day, i ? h->pm_end : h->am_end);
			if (t >= b)
				continue;
			from = t > a ? t : a;
			if (secs <= b - from)
				return from + secs;
			secs -= b - from;
			t = b;
		}
	}
}

/* Session time of working days between from and to. */
static int64_t
session_time(const struct hh_calendar *cal, int64_t from, int64_t to,
    int *provisional)
{
	const struct hh_hours *h = hh_calendar_hours(cal);
	int64_t a, b, sum = 0;
	int day, last, i;

	last = hh_time_day(to);
	for (day = hh_time_day(from); day <= last; day++) {
		if (!working(cal, day, provisional))
			continue;
		for (i = 0; i < 2; i++) {
			a = hh_time_make(day, i ? h->pm_start : h->am_start);
			b = hh_time_make(day, i ? h->pm_end : h->am_end);
			if (a < from)
				a = from;
			if (b > to)
				b = to;
			if (b > a)
				sum += b - a;
		}
	}
	return sum;
}

static int
limit_check(enum hh_unit unit, double value)
{
	if (isnan(value))
		return hh_error_set(HH_EINVALID, "limit is not a number");
	if (value < 0)
		return hh_error_set(HH_EINVALID, "negative limit %g", value);
	if (value > LIMIT_MAX)
		return hh_error_set(HH_EINVALID,
		    "limit %g too large (at most %d)", value, LIMIT_MAX);
	if (unit == HH_WORKING_DAYS && value * 2 != floor(value * 2))
		return hh_error_set(HH_EINVALID,
		    "working days %g not a multiple of 0.5", value);
	if (unit == HH_CALENDAR_DAYS && value != floor(value))
		return hh_error_set(HH_EINVALID,
		    "calendar days %g not a whole number", value);
	return 0;
}

int
hh_deadline_limit(struct hh_limit *out, const char *unit, double value)
{
	enum hh_unit u;
	int error;

	if (strcmp(unit, "working_days") == 0)
		u = HH_WORKING_DAYS;
	else if (strcmp(unit, "working_hours") == 0)
		u = HH_WORKING_HOURS;
	else if (strcmp(unit, "calendar_days") == 0)
		u = HH_CALENDAR_DAYS;
	else
		return hh_error_set(HH_EINVALID, "unknown limit unit \"%s\"",
		    unit);
	if ((error = limit_check(u, value)) < 0)
		return error;
	out->unit = u;
	out->value = value;
	return 0;
}

const char *
hh_deadline_unit(enum hh_unit unit)
{
	switch (unit) {
	case HH_WORKING_DAYS:
		return "working_days";
	case HH_WORKING_HOURS:
		return "working_hours";
	case HH_CALENDAR_DAYS:
		return "calendar_days";
	}
	return "unknown";
}

int
hh_deadline_due(int64_t *due_out, int64_t *start_out, int *provisional,
    const struct hh_calendar *cal, int64_t t, const struct hh_limit *lim)
{
	const struct hh_hours *h = hh_calendar_hours(cal);
	int64_t start, due;
	int day, n, error, p = 0;

	if ((error = limit_check(lim->unit, lim->value)) < 0)
		return error;
	if (t < hh_time_make(hh_time_from_civil(1900, 1, 1), 0) ||
	    t >= hh_time_make(hh_time_from_civil(2200, 1, 1), 0))
		return hh_error_set(HH_EINVALID,
		    "time out of range (1900 to 2199)");
	start = clock_start(cal, t, &p);
	day = hh_time_day(start);
	switch (lim->unit) {
	case HH_WORKING_DAYS:
		n = (int)floor(lim->value);
		if (lim->value == n)
			due = hh_time_make(nth_working(cal, day, n, &p),
			    h->pm_end);
		else if (n > 0)
			due = hh_time_make(next_working(cal,
			    nth_working(cal, day, n, &p) + 1, &p), h->am_end);
		else if (start < hh_time_make(day, h->am_end))
			due = hh_time_make(day, h->pm_end);
		else
			due = hh_time_make(next_working(cal, day + 1, &p),
			    h->am_end);
		break;
	case HH_WORKING_HOURS:
		due = advance(cal, start, (int64_t)llround(lim->value * 3600),
		    &p);
		break;
	case HH_CALENDAR_DAYS:
		day = next_working(cal, day + (int)lim->value, &p);
		due = hh_time_make(day, h->pm_end);
		break;
	default:
		return hh_error_set(HH_EINVALID, "unknown limit unit");
	}
	if (due_out != NULL)
		*due_out = due;
	if (start_out != NULL)
		*start_out = start;
	if (provisional != NULL)
		*provisional = p;
	return 0;
}

int64_t
hh_deadline_pause(const struct hh_calendar *cal, int64_t due, int64_t stopped,
    int64_t resumed, int *provisional)
{
	int64_t spent;

	if (provisional != NULL)
		*provisional = 0;
	if (resumed <= stopped)
		return due;
	spent = session_time(cal, stopped, resumed, provisional);
	return advance(cal, due, spent, provisional);
}

int
hh_deadline_delay_ok(const struct hh_calendar *cal, int64_t t, int64_t due,
    int days_before)
{
	int before = hh_time_day(due), n;

	if (t > due)
		return 0;
	for (n = 0; n < days_before; n++) {
		before--;
		while (!working(cal, before, NULL))
			before--;
	}
	return hh_time_day(t) <= before;
}

enum hh_class
hh_deadline_classify(int64_t done, int64_t due)
{
	if (hh_time_day(done) < hh_time_day(due))
		return HH_EARLY;
	if (done <= due)
		return HH_ON_TIME;
	return HH_LATE;
}

const char *
hh_deadline_class(enum hh_class c)
{
	switch (c) {
	case HH_EARLY:
		return "early";
	case HH_ON_TIME:
		return "on_time";
	case HH_LATE:
		return "late";
	}
	return "unknown";
}
