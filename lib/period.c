/* period.c - the periods of a report: months, quarters, years, working days */
#include <string.h>

#include "core.h"

/* The years a period may fall in: those of time.c. */
#define YEAR_MIN 1900
#define YEAR_MAX 2199

/* n digits exactly, as a number. */
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
	int y = hh_text_digits(s, n >= 4 ? 4 : 0), m, q, from, to;

	if (n < 4 || y < 0)
		goto bad;
	switch (kind) {
	case HH_PERIOD_MONTH:
		if (n != 7 || s[4] != '-' || (m = hh_text_digits(s + 5,
		    2)) < 1 || m > 12)
			goto bad;
		months(&from, &to, y, m, m, shift15);
		break;
	case HH_PERIOD_QUARTER:
		if (n != 7 || s[4] != '-' || (s[5] != 'Q' && s[5] != 'q') ||
		    (q = hh_text_digits(s + 6, 1)) < 1 || q > 4)
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
hh_period_workdays(const struct hh_calendar *cal, int day, int n)
{
	while (n > 0) {
		day++;
		if (hh_calendar_working(cal, day, NULL))
			n--;
	}
	return day;
}

int64_t
hh_period_end(int day)
{
	return hh_time_make(day, 0) + 86399;
}
