/* test_time - instants, local days and RFC 3339 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <time.h>
#include <cmocka.h>

#include "hh.h"

#define SHAPE "YYYY-MM-DDTHH:MM[:SS][+HH:MM]"
#define BAD_TIME "not a time: use " SHAPE

static void
test_time_parse__forms(void **state)
{
	static const struct {
		const char *in;
		const char *out;
	} t[] = {
		{ "2016-09-30T08:15:00+07:00", "2016-09-30T08:15:00+07:00" },
		{ "2016-09-30T08:15", "2016-09-30T08:15:00+07:00" },
		{ "2016-09-30 08:15", "2016-09-30T08:15:00+07:00" },
		{ "2016-09-30t08:15:59", "2016-09-30T08:15:59+07:00" },
		{ "2016-09-30T01:15:00Z", "2016-09-30T08:15:00+07:00" },
		{ "2016-09-30T01:15z", "2016-09-30T08:15:00+07:00" },
		{ "2016-09-29T20:15:00-05:00", "2016-09-30T08:15:00+07:00" },
		{ "2016-09-30T10:45:00+09:30", "2016-09-30T08:15:00+07:00" },
		{ "2016-12-31T20:00:00Z", "2017-01-01T03:00:00+07:00" },
		{ "1900-01-01T00:00", "1900-01-01T00:00:00+07:00" },
		{ "2199-12-31T23:59:59", "2199-12-31T23:59:59+07:00" },
		{ "2016-02-29T12:00", "2016-02-29T12:00:00+07:00" },
		{ "2000-02-29T12:00", "2000-02-29T12:00:00+07:00" },
	};
	char buf[HH_TIME_MAX];
	int64_t v;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		v = -1;
		assert_int_equal(hh_time_parse(&v, t[i].in), 0);
		hh_time_format(buf, v);
		assert_string_equal(buf, t[i].out);
	}
}

static void
test_time_parse__epoch(void **state)
{
	int64_t v = -1;

	(void)state;
	assert_int_equal(hh_time_parse(&v, "1970-01-01T07:00:00+07:00"), 0);
	assert_int_equal(v, 0);
	assert_int_equal(hh_time_parse(&v, "1970-01-01T00:00:00Z"), 0);
	assert_int_equal(v, 0);
	assert_int_equal(hh_time_parse(&v, "2016-09-30T08:15:00+07:00"), 0);
	assert_int_equal(v, 1475198100);
}

static void
test_time_parse__errors(void **state)
{
	static const struct {
		const char *in;
		const char *msg;
	} t[] = {
		{ "2016-13-45T08:00", "month 13 out of range" },
		{ "2016-00-10T08:00", "month 0 out of range" },
		{ "2016-12-45T08:00", "day 45 out of range" },
		{ "2016-02-30T08:00", "day 30 out of range" },
		{ "2015-02-29T08:00", "day 29 out of range" },
		{ "1900-02-29T08:00", "day 29 out of range" },
		{ "2016-04-31T08:00", "day 31 out of range" },
		{ "2016-04-00T08:00", "day 0 out of range" },
		{ "1899-12-31T23:59", "year 1899 out of range (1900 to 2199)" },
		{ "2200-01-01T00:00", "year 2200 out of range (1900 to 2199)" },
		{ "2016-01-01T24:00", "hour 24 out of range" },
		{ "2016-01-01T08:60", "minute 60 out of range" },
		{ "2016-01-01T08:00:60", "second 60 out of range" },
		{ "2016-01-01T08:00+24:00", "offset +24:00 out of range" },
		{ "2016-01-01T08:00-07:60", "offset -07:60 out of range" },
		{ "2016-01-01", "no time of day: use " SHAPE },
		{ "2016-13-45", "month 13 out of range" },
		{ "2016-01-01T", BAD_TIME },
		{ "2016-01-01T8:00", BAD_TIME },
		{ "2016-1-01T08:00", BAD_TIME },
		{ "2016-01-01T08:00:00.5", BAD_TIME },
		{ "2016-01-01T08:00 ", BAD_TIME },
		{ "2016-01-01T08:00+0700", BAD_TIME },
		{ "2016-01-01T08:00:0", BAD_TIME },
		{ "2016-01-01_08:00", BAD_TIME },
		{ "", BAD_TIME },
		{ "now", BAD_TIME },
		/* a day written by hand: how to write it */
		{ "23/11/2026", BAD_TIME " (23/11/2026 is 2026-11-23THH:MM)" },
		{ "23/11/2026 8:05", BAD_TIME " (23/11/2026 8:05 is "
		    "2026-11-23T08:05)" },
		{ "1.2.2026 8h", BAD_TIME " (1.2.2026 is 2026-02-01THH:MM)" },
		{ "32/11/2026", BAD_TIME },
		{ "23/11/26", BAD_TIME },
	};
	int64_t v;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		v = 42;
		assert_int_equal(hh_time_parse(&v, t[i].in), HH_EINVALID);
		assert_string_equal(hh_error_last(), t[i].msg);
		assert_int_equal(v, 42);
	}
}

static void
test_time_date_parse__ok_and_errors(void **state)
{
	static const struct {
		const char *in;
		int ret;
		const char *msg;
	} t[] = {
		{ "2016-02-29", 0, NULL },
		{ "2016-02-30", HH_EINVALID, "day 30 out of range" },
		{ "2016-13-01", HH_EINVALID, "month 13 out of range" },
		{ "1899-12-31", HH_EINVALID,
		    "year 1899 out of range (1900 to 2199)" },
		{ "20160101", HH_EINVALID, "not a date: use YYYY-MM-DD" },
		{ "2016-01-01T08:00", HH_EINVALID,
		    "not a date: use YYYY-MM-DD" },
		{ "2016-01-1", HH_EINVALID, "not a date: use YYYY-MM-DD" },
		{ "", HH_EINVALID, "not a date: use YYYY-MM-DD" },
		{ "30/11/2026", HH_EINVALID,
		    "not a date: use YYYY-MM-DD (30/11/2026 is 2026-11-30)" },
		{ "30-11-2026", HH_EINVALID, "not a date: use YYYY-MM-DD" },
	};
	char buf[HH_TIME_MAX];
	int d;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		d = 12345;
		assert_int_equal(hh_time_parse_day(&d, t[i].in), t[i].ret);
		if (t[i].ret == 0) {
			hh_time_format_day(buf, d);
			assert_string_equal(buf, t[i].in);
		} else {
			assert_string_equal(hh_error_last(), t[i].msg);
			assert_int_equal(d, 12345);
		}
	}
	assert_int_equal(hh_time_parse_day(&d, "1970-01-01"), 0);
	assert_int_equal(d, 0);
	assert_int_equal(hh_time_parse_day(&d, "1969-12-31"), 0);
	assert_int_equal(d, -1);
}

/* Every day of the supported range converts both ways and in order. */
static void
test_time_civil__round_trip(void **state)
{
	int day, last, y, m, d, py, pm, pd;

	(void)state;
	day = hh_time_from_civil(1900, 1, 1);
	last = hh_time_from_civil(2199, 12, 31);
	assert_int_equal(day, -25567);
	assert_int_equal(last - day + 1, 300 * 365 + 73);
	hh_time_civil(day, &py, &pm, &pd);
	assert_int_equal(py, 1900);
	for (day++; day <= last; day++) {
		hh_time_civil(day, &y, &m, &d);
		assert_int_equal(hh_time_from_civil(y, m, d), day);
		if (d == 1)
			assert_true((m == pm + 1 && y == py) ||
			    (m == 1 && pm == 12 && y == py + 1));
		else
			assert_true(d == pd + 1 && m == pm && y == py);
		py = y, pm = m, pd = d;
	}
}

static void
test_time_weekday__known_days(void **state)
{
	static const struct {
		int y, m, d, wd;
	} t[] = {
		{ 1970, 1, 1, 4 },
		{ 1969, 12, 31, 3 },
		{ 1900, 1, 1, 1 },
		{ 2000, 2, 29, 2 },
		{ 2016, 2, 8, 1 },
		{ 2024, 5, 4, 6 },
		{ 2026, 9, 2, 3 },
		{ 2199, 12, 31, 2 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		assert_int_equal(hh_time_weekday(hh_time_from_civil(t[i].y,
		    t[i].m, t[i].d)), t[i].wd);
}

static void
test_time_day_minute__local(void **state)
{
	int64_t t;

	(void)state;
	/* the epoch is 07:00 local on day 0 */
	assert_int_equal(hh_time_day(0), 0);
	assert_int_equal(hh_time_minute(0), 420);
	/* 17:00 UTC is midnight local */
	assert_int_equal(hh_time_day(17 * 3600 - 1), 0);
	assert_int_equal(hh_time_minute(17 * 3600 - 1), 1439);
	assert_int_equal(hh_time_day(17 * 3600), 1);
	assert_int_equal(hh_time_minute(17 * 3600), 0);
	/* before the epoch, days and minutes still count forward */
	assert_int_equal(hh_time_day(-7 * 3600 - 1), -1);
	assert_int_equal(hh_time_minute(-7 * 3600 - 1), 1439);
	assert_int_equal(hh_time_parse(&t, "1900-01-01T07:30"), 0);
	assert_int_equal(hh_time_day(t), -25567);
	assert_int_equal(hh_time_minute(t), 450);
	assert_int_equal(hh_time_make(-25567, 450), t);
	assert_int_equal(hh_time_make(0, 0), -7 * 3600);
}

static void
test_time_now__env(void **state)
{
	int64_t t, now;

	(void)state;
	assert_int_equal(setenv("HH_NOW", "2016-09-30T08:15:00+07:00", 1),
	    0);
	assert_int_equal(hh_priv_now(), 1475198100);
	assert_int_equal(setenv("HH_NOW", "garbage", 1), 0);
	now = (int64_t)time(NULL);
	t = hh_priv_now();
	assert_true(t >= now && t <= now + 5);
	assert_int_equal(unsetenv("HH_NOW"), 0);
	now = (int64_t)time(NULL);
	t = hh_priv_now();
	assert_true(t >= now && t <= now + 5);
}

int
main(int argc, char *argv[])
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_time_parse__forms),
		cmocka_unit_test(test_time_parse__epoch),
		cmocka_unit_test(test_time_parse__errors),
		cmocka_unit_test(test_time_date_parse__ok_and_errors),
		cmocka_unit_test(test_time_civil__round_trip),
		cmocka_unit_test(test_time_weekday__known_days),
		cmocka_unit_test(test_time_day_minute__local),
		cmocka_unit_test(test_time_now__env),
	};

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("time", tests, NULL, NULL);
}
