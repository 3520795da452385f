/* test_lunar - the Vietnamese lunar calendar */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>

#include "hh.h"
#include "sandbox.h"

static void
assert_date(int day, const char *want)
{
	char buf[HH_TIME_MAX];

	hh_time_format_day(buf, day);
	assert_string_equal(buf, want);
}

/* Tết (1/1) in Vietnam; 1985 and 2030 differ from China's (UTC+08:00)
 * because the new moon falls before midnight at +07:00 only. */
static void
test_lunar_to_day__tet(void **state)
{
	static const struct {
		int year;
		const char *date;
	} t[] = {
		{ 1900, "1900-01-31" },
		{ 1968, "1968-01-29" },
		{ 1985, "1985-01-21" },
		{ 2007, "2007-02-17" },
		{ 2015, "2015-02-19" },
		{ 2016, "2016-02-08" },
		{ 2017, "2017-01-28" },
		{ 2020, "2020-01-25" },
		{ 2023, "2023-01-22" },
		{ 2024, "2024-02-10" },
		{ 2025, "2025-01-29" },
		{ 2026, "2026-02-17" },
		{ 2030, "2030-02-02" },
		{ 2033, "2033-01-31" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		assert_date(hh_lunar_to_day(1, 1, t[i].year), t[i].date);
}

static void
test_lunar_to_day__gio_to(void **state)
{
	static const struct {
		int year;
		const char *date;
	} t[] = {
		{ 2015, "2015-04-28" },
		{ 2016, "2016-04-16" },
		{ 2024, "2024-04-18" },
		{ 2025, "2025-04-07" },
		{ 2026, "2026-04-26" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		assert_date(hh_lunar_to_day(10, 3, t[i].year), t[i].date);
}

static void
test_lunar_from_day__known(void **state)
{
	static const struct {
		const char *date;
		int day, month, year, leap;
	} t[] = {
		{ "2016-02-07", 29, 12, 2015, 0 },	/* giao thừa Ất Mùi */
		{ "2016-02-08", 1, 1, 2016, 0 },
		{ "2016-02-12", 5, 1, 2016, 0 },
		{ "2016-09-15", 15, 8, 2016, 0 },	/* Trung thu */
		{ "2024-02-09", 30, 12, 2023, 0 },
		{ "2025-01-25", 26, 12, 2024, 0 },
		{ "2016-12-29", 1, 12, 2016, 0 },
		{ "2020-05-23", 1, 4, 2020, 1 },	/* tháng 4 nhuận */
		{ "2020-05-22", 30, 4, 2020, 0 },
		{ "2023-03-22", 1, 2, 2023, 1 },	/* tháng 2 nhuận */
		{ "2025-07-25", 1, 6, 2025, 1 },	/* tháng 6 nhuận */
		{ "2025-08-23", 1, 7, 2025, 0 },
		{ "2033-12-22", 1, 11, 2033, 1 },	/* tháng 11 nhuận */
		{ "2034-01-20", 1, 12, 2033, 0 },
		{ "2034-02-19", 1, 1, 2034, 0 },
	};
	struct hh_lunar l;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		hh_lunar_from_day(&l, sandbox_day(t[i].date));
		assert_int_equal(l.day, t[i].day);
		assert_int_equal(l.month, t[i].month);
		assert_int_equal(l.year, t[i].year);
		assert_int_equal(l.leap, t[i].leap);
	}
}

/* Day by day through 2014-2027: days follow each other, months have 29
 * or 30 days, numbers run 1..12 with at most one leap month a year, and
 * converting back gives the same day. */
static void
test_lunar_from_day__consistent(void **state)
{
	struct hh_lunar prev, l;
	int day, last, len = 0, leaps = 0;

	(void)state;
	day = sandbox_day("2014-01-31");	/* Tết Giáp Ngọ */
	last = sandbox_day("2027-12-31");
	hh_lunar_from_day(&prev, day);
	assert_int_equal(prev.day, 1);
	assert_int_equal(prev.month, 1);
	len = 1;
	for (day++; day <= last; day++) {
		hh_lunar_from_day(&l, day);
		if (l.day == 1) {
			assert_true(len == 29 || len == 30);
			if (l.leap) {
				assert_int_equal(l.month, prev.month);
				leaps++;
			} else {
				assert_int_equal(l.month, prev.month % 12 + 1);
			}
			assert_int_equal(l.year,
			    l.month == 1 && !l.leap ? prev.year + 1 :
			    prev.year);
			len = 1;
		} else {
			assert_int_equal(l.day, prev.day + 1);
			assert_int_equal(l.month, prev.month);
			assert_int_equal(l.leap, prev.leap);
			assert_int_equal(l.year, prev.year);
			len++;
		}
		if (!l.leap)
			assert_int_equal(hh_lunar_to_day(l.day, l.month,
			    l.year), day);
		prev = l;
	}
	/* 2014 (9), 2017 (6), 2020 (4), 2023 (2), 2025 (6) */
	assert_int_equal(leaps, 5);
}

/* Across the supported range Tết falls between 20 January and
 * 20 February and the year before it ends on its eve. */
static void
test_lunar_to_day__range(void **state)
{
	struct hh_lunar l;
	int y, tet, lo, hi;

	(void)state;
	for (y = 1900; y <= 2199; y++) {
		tet = hh_lunar_to_day(1, 1, y);
		lo = hh_time_from_civil(y, 1, 20);
		hi = hh_time_from_civil(y, 2, 20);
		assert_true(tet >= lo && tet <= hi);
		hh_lunar_from_day(&l, tet);
		assert_int_equal(l.day, 1);
		assert_int_equal(l.month, 1);
		assert_int_equal(l.year, y);
		assert_int_equal(l.leap, 0);
		hh_lunar_from_day(&l, tet - 1);
		assert_true(l.day == 29 || l.day == 30);
		assert_int_equal(l.month, 12);
		assert_int_equal(l.year, y - 1);
	}
}

int
main(int argc, char *argv[])
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lunar_to_day__tet),
		cmocka_unit_test(test_lunar_to_day__gio_to),
		cmocka_unit_test(test_lunar_from_day__known),
		cmocka_unit_test(test_lunar_from_day__consistent),
		cmocka_unit_test(test_lunar_to_day__range),
	};

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("lunar", tests, NULL, NULL);
}
