/* time.c - instants, local days and RFC 3339 in Vietnam's time */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core.h"

#define YEAR_MIN 1900
#define YEAR_MAX 2199

static int64_t
floordiv(int64_t a, int64_t b)
{
	int64_t q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

/*
 * Days since 1970-01-01 of a proleptic Gregorian date: the year is
 * counted from March so that the leap day comes last, and split into
 * 400-year eras of 146097 days (Howard Hinnant's days_from_civil).
 */
int
hh_time_from_civil(int y, int m, int d)
{
	int era, yoe, doy, doe;

	if (m <= 2)
		y--;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
hh_time_civil(int day, int *y, int *m, int *d)
{
	int z, era, doe, yoe, doy, mp;

	z = day + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

int
hh_time_weekday(int day)
{
	/* 1970-01-01 was a Thursday */
	return (int)(((int64_t)day % 7 + 7 + 4) % 7);
}

static int
month_days(int y, int m)
{
	static const int n[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
		return 29;
	return n[m - 1];
}

/* Read exactly n decimal digits; -1 if any is not a digit. */
static int
check_date(int *out, int y, int m, int d)
{
	if (y < YEAR_MIN || y > YEAR_MAX)
		return hh_error_set(HH_EINVALID,
		    "year %d out of range (%d to %d)", y, YEAR_MIN, YEAR_MAX);
	if (m < 1 || m > 12)
		return hh_error_set(HH_EINVALID, "month %d out of range", m);
	if (d < 1 || d > month_days(y, m))
		return hh_error_set(HH_EINVALID, "day %d out of range", d);
	*out = hh_time_from_civil(y, m, d);
	return 0;
}

/* YYYY-MM-DD at the start of s; -1 if the shape is wrong. */
static int
date_fields(const char *s, int *y, int *m, int *d)
{
	if ((*y = hh_text_digits(s, 4)) < 0 || s[4] != '-' ||
	    (*m = hh_text_digits(s + 5, 2)) < 0 || s[7] != '-' ||
	    (*d = hh_text_digits(s + 8, 2)) < 0)
		return -1;
	return 0;
}

/*
 * The shapes accepted, for an error, and for a day written the way it is
 * by hand, D/M/YYYY or D.M.YYYY (23/11/2026, optionally a time after a
 * blank), how to write it: " (23/11/2026 is 2026-11-23)".
 */
#define DAY_SHAPE "YYYY-MM-DD"
#define TIME_SHAPE "YYYY-MM-DDTHH:MM[:SS][+HH:MM]"

static int
bad_shape(const char *what, const char *shape, const char *s, int with_time)
{
	int d, m, y, hh, mm, n = 0, k = 0;
	char sep, sep2, clock[8] = "HH:MM";

	if (sscanf(s, "%2d%c%2d%c%4d%n", &d, &sep, &m, &sep2, &y, &n) != 5 ||
	    (sep != '/' && sep != '.') || sep2 != sep || n < 8 ||
	    (s[n] != '\0' && s[n] != ' ') || d < 1 || d > 31 || m < 1 ||
	    m > 12 || y < 1000 || strspn(s, "0123456789./") != (size_t)n)
		return hh_error_set(HH_EINVALID, "not %s: use %s", what, shape);
	/* a time after it as H:MM or HH:MM, written back in two digits */
	if (s[n] == ' ' && sscanf(s + n + 1, "%2d:%2d%n", &hh, &mm, &k) == 2 &&
	    s[n + 1 + k] == '\0' && hh >= 0 && hh <= 23 && mm >= 0 &&
	    mm <= 59) {
		snprintf(clock, sizeof(clock), "%02d:%02d", hh, mm);
		n += 1 + k;
	}
	return hh_error_set(HH_EINVALID, "not %s: use %s (%.*s is "
	    "%04d-%02d-%02d%s%s)", what, shape, n, s, y, m, d,
	    with_time ? "T" : "", with_time ? clock : "");
}

int
hh_time_parse_day(int *out, const char *s)
{
	int y, m, d;

	if (date_fields(s, &y, &m, &d) < 0 || s[10] != '\0')
		return bad_shape("a date", DAY_SHAPE, s, 0);
	return check_date(out, y, m, d);
}

int
hh_time_parse(int64_t *out, const char *s)
{
	const char *p;
	int y, m, d, hh, mm, ss = 0, oh, om, off = HH_TZ_OFFSET, day;
	int error;

	if (date_fields(s, &y, &m, &d) < 0)
		goto bad;
	p = s + 10;
	if (*p == '\0') {
		/* a day alone: say what is wrong with it, or what is missing */
		if ((error = check_date(&day, y, m, d)) < 0)
			return error;
		return hh_error_set(HH_EINVALID,
		    "no time of day: use " TIME_SHAPE);
	}
	if (*p != 'T' && *p != 't' && *p != ' ')
		goto bad;
	p++;
	if ((hh = hh_text_digits(p, 2)) < 0 || p[2] != ':' ||
	    (mm = hh_text_digits(p + 3, 2)) < 0)
		goto bad;
	p += 5;
	if (*p == ':') {
		if ((ss = hh_text_digits(p + 1, 2)) < 0)
			goto bad;
		p += 3;
	}
	if (*p == 'Z' || *p == 'z') {
		off = 0;
		p++;
	} else if (*p == '+' || *p == '-') {
		if ((oh = hh_text_digits(p + 1, 2)) < 0 || p[3] != ':' ||
		    (om = hh_text_digits(p + 4, 2)) < 0)
			goto bad;
		if (oh > 23 || om > 59)
			return hh_error_set(HH_EINVALID,
			    "offset %.6s out of range", p);
		off = (oh * 60 + om) * 60;
		if (*p == '-')
			off = -off;
		p += 6;
	}
	if (*p != '\0')
		goto bad;
	if ((error = check_date(&day, y, m, d)) < 0)
		return error;
	if (hh > 23)
		return hh_error_set(HH_EINVALID, "hour %d out of range", hh);
	if (mm > 59)
		return hh_error_set(HH_EINVALID, "minute %d out of range", mm);
	if (ss > 59)
		return hh_error_set(HH_EINVALID, "second %d out of range", ss);
	*out = (int64_t)day * 86400 + hh * 3600 + mm * 60 + ss - off;
	return 0;
bad:
	return bad_shape("a time", TIME_SHAPE, s, 1);
}

/* Formatting goes through a buffer wide enough for any int, then is cut
 * to HH_TIME_MAX; years 1900..2199 always fit. */
static void
copy(char buf[HH_TIME_MAX], const char *tmp)
{
	size_t n = strlen(tmp);

	if (n >= HH_TIME_MAX)
		n = HH_TIME_MAX - 1;
	memcpy(buf, tmp, n);
	buf[n] = '\0';
}

void
hh_time_format(char buf[HH_TIME_MAX], int64_t t)
{
	int64_t local = t + HH_TZ_OFFSET;
	int64_t day = floordiv(local, 86400);
	int sec = (int)(local - day * 86400);
	char tmp[80];
	int y, m, d;

	hh_time_civil((int)day, &y, &m, &d);
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02dT%02d:%02d:%02d+07:00",
	    y, m, d, sec / 3600, sec / 60 % 60, sec % 60);
	copy(buf, tmp);
}

void
hh_time_format_day(char buf[HH_TIME_MAX], int day)
{
	char tmp[48];
	int y, m, d;

	hh_time_civil(day, &y, &m, &d);
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", y, m, d);
	copy(buf, tmp);
}

int
hh_time_day(int64_t t)
{
	return (int)floordiv(t + HH_TZ_OFFSET, 86400);
}

int
hh_time_minute(int64_t t)
{
	int64_t local = t + HH_TZ_OFFSET;

	return (int)((local - floordiv(local, 86400) * 86400) / 60);
}

int64_t
hh_time_make(int day, int minute)
{
	return (int64_t)day * 86400 + (int64_t)minute * 60 - HH_TZ_OFFSET;
}
