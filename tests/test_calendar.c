/* test_calendar - the calendar file, working days, statutory fallback */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "hh.h"
#include "sandbox.h"

static struct hh_calendar *
parse(const char *text)
{
	struct hh_calendar *cal = NULL;

	if (hh_calendar_parse(&cal, text, strlen(text), "calendar") < 0)
		fail_msg("%s", hh_error_last());
	return cal;
}

static void
test_calendar_working__shipped(void **state)
{
	static const struct {
		const char *date;
		int working;
	} t[] = {
		{ "2014-12-27", 1 },	/* Saturday worked for 2/1/2015 */
		{ "2015-01-02", 0 },
		{ "2015-02-14", 1 },
		{ "2015-02-16", 0 },
		{ "2015-02-24", 1 },
		{ "2015-04-25", 1 },
		{ "2015-04-27", 1 },
		{ "2015-04-29", 0 },
		{ "2015-09-02", 0 },
		{ "2015-09-03", 1 },
		{ "2016-01-01", 0 },
		{ "2016-02-05", 1 },
		{ "2016-02-08", 0 },
		{ "2016-02-12", 0 },
		{ "2016-02-13", 0 },	/* plain Saturday */
		{ "2016-02-15", 1 },
		{ "2016-04-18", 0 },
		{ "2016-04-19", 1 },
		{ "2016-05-03", 0 },
		{ "2016-09-02", 0 },
		{ "2016-09-05", 1 },
		{ "2024-02-14", 0 },
		{ "2024-02-15", 1 },
		{ "2024-04-29", 0 },
		{ "2024-05-04", 1 },	/* làm bù */
		{ "2024-05-05", 0 },
		{ "2024-09-03", 0 },
		{ "2025-01-24", 1 },
		{ "2025-02-03", 1 },
		{ "2025-04-26", 1 },
		{ "2025-05-02", 0 },
		{ "2025-09-01", 0 },
		{ "2026-01-10", 1 },
		{ "2026-02-16", 0 },
		{ "2026-02-23", 1 },
		{ "2026-04-27", 0 },
		{ "2026-08-22", 1 },	/* làm bù for Mon 31/8 */
		{ "2026-08-28", 1 },
		{ "2026-08-31", 0 },
		{ "2026-09-01", 0 },
		{ "2026-09-02", 0 },
		{ "2026-09-03", 1 },
		{ "2026-11-23", 1 },
		{ "2026-11-24", 0 },	/* Ngày Văn hóa Việt Nam */
		{ "2026-11-25", 1 },
		{ "2027-02-03", 1 },	/* Tết Đinh Mùi: official */
		{ "2027-02-04", 0 },
		{ "2027-02-10", 0 },
		{ "2027-02-11", 1 },
		{ "2027-04-15", 1 },	/* not provisional: no line */
		{ "2027-09-02", 0 },
		{ "2027-09-03", 0 },
		{ "2027-09-06", 1 },
		{ "2027-11-23", 1 },
	};
	int p;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		p = -1;
		if (hh_calendar_working(*state, sandbox_day(t[i].date), &p) !=
		    t[i].working)
			fail_msg("%s: expected %d", t[i].date, t[i].working);
		assert_int_equal(p, 0);
	}
	assert_int_equal(hh_calendar_working(*state, sandbox_day("2016-02-08"),
	    NULL), 0);
}

static void
test_calendar_note__shipped(void **state)
{
	const char *n;

	n = hh_calendar_note(*state, sandbox_day("2016-02-10"));
	assert_non_null(n);
	assert_string_equal(n,
	    "Tết Bính Thân [Thông báo 4659/TB-LĐTBXH; N-2016a; N-2016b]");
	n = hh_calendar_note(*state, sandbox_day("2024-05-04"));
	assert_non_null(n);
	assert_string_equal(n,
	    "Làm bù cho thứ Hai 29/4/2024 [Công văn 2450/VPCP-KGVX; "
	    "N-2024b]");
	assert_null(hh_calendar_note(*state, sandbox_day("2016-02-15")));
	assert_null(hh_calendar_note(*state, sandbox_day("2016-02-20")));
}

static void
test_calendar_swapped__shipped(void **state)
{
	assert_int_equal(hh_calendar_swapped(*state,
	    sandbox_day("2024-05-04")), 1);
	assert_int_equal(hh_calendar_swapped(*state,
	    sandbox_day("2014-12-27")), 1);
	assert_int_equal(hh_calendar_swapped(*state,
	    sandbox_day("2024-05-03")), 0);
	assert_int_equal(hh_calendar_swapped(*state,
	    sandbox_day("2024-05-11")), 0);
	assert_int_equal(hh_calendar_swapped(*state,
	    sandbox_day("2024-04-29")), 0);
}

static void
test_calendar_covered__shipped(void **state)
{
	static const int yes[] = { 2015, 2016, 2024, 2025, 2026, 2027 };
	static const int no[] = { 1899, 1900, 2014, 2017, 2023, 2028, 2030,
	    2200 };
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		assert_int_equal(hh_calendar_covered(*state, yes[i]), 1);
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		assert_int_equal(hh_calendar_covered(*state, no[i]), 0);
}

/* 2027 is covered; the days not yet announced are on provisional lines. */
static void
test_calendar_working__shipped_2027_provisional(void **state)
{
	static const char *const off[] = {
		"2027-01-01", "2027-04-16", "2027-04-30", "2027-05-01",
		"2027-05-03", "2027-11-24",
	};
	int p;
	size_t i;

	for (i = 0; i < sizeof(off) / sizeof(off[0]); i++) {
		p = 0;
		if (hh_calendar_working(*state, sandbox_day(off[i]), &p) != 0)
			fail_msg("%s: expected a day off", off[i]);
		if (p != 1)
			fail_msg("%s: expected provisional", off[i]);
	}
	/* unlisted days of a covered year are not provisional, nor is a
	 * plain weekend next to a provisional day */
	p = 1;
	assert_int_equal(hh_calendar_working(*state,
	    sandbox_day("2027-05-04"), &p), 1);
	assert_int_equal(p, 0);
	p = 1;
	assert_int_equal(hh_calendar_working(*state,
	    sandbox_day("2027-05-02"), &p), 0);
	assert_int_equal(p, 0);
	assert_string_equal(hh_calendar_note(*state, sandbox_day("2027-04-16")),
	    "Giỗ Tổ Hùng Vương (10/3 Đinh Mùi); chưa có thông báo "
	    "[Bộ luật Lao động 2019 Điều 112; PD-LD2; LUNAR]");
}

/* 24/11 (Resolution 28/2026/QH16) is statutory from 2026, never before;
 * on a weekend it gives the next working day off, like the others. */
static void
test_calendar_working__statutory_24_11(void **state)
{
	static const struct {
		const char *date;
		int working;
		const char *note;
	} t[] = {
		{ "2025-11-24", 1, NULL },	/* Mon, before the law */
		{ "2024-11-25", 1, NULL },
		{ "2020-11-24", 1, NULL },
		{ "2026-11-24", 0,
		    "Ngày Văn hóa Việt Nam (statutory, provisional)" },
		{ "2026-11-25", 1, NULL },
		{ "2027-11-24", 0,
		    "Ngày Văn hóa Việt Nam (statutory, provisional)" },
		{ "2029-11-24", 0,		/* Sat: Mon 26/11 off */
		    "Ngày Văn hóa Việt Nam (statutory, provisional)" },
		{ "2029-11-26", 0,
		    "Nghỉ bù Ngày Văn hóa Việt Nam (statutory, provisional)" },
		{ "2029-11-27", 1, NULL },
		{ "2030-11-24", 0,		/* Sun: Mon 25/11 off */
		    "Ngày Văn hóa Việt Nam (statutory, provisional)" },
		{ "2030-11-25", 0,
		    "Nghỉ bù Ngày Văn hóa Việt Nam (statutory, provisional)" },
		{ "2030-11-26", 1, NULL },
	};
	struct hh_calendar *empty = parse("");
	const char *n;
	int p;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		p = 0;
		if (hh_calendar_working(empty, sandbox_day(t[i].date), &p) !=
		    t[i].working)
			fail_msg("%s: expected %d", t[i].date, t[i].working);
		assert_int_equal(p, 1);
		n = hh_calendar_note(empty, sandbox_day(t[i].date));
		if (t[i].note == NULL) {
			if (n != NULL)
				fail_msg("%s: unexpected note %s", t[i].date, n);
		} else
			assert_string_equal(n, t[i].note);
	}
	hh_calendar_free(empty);
}

/* The status keyword: "provisional" right after off|work; a line
 * without it is official, as before the keyword existed. */
static void
test_calendar_parse__provisional(void **state)
{
	static const char text[] =
	    "2031-01-01 off  Tết Dương lịch\n"
	    "2031-04-02 off provisional Giỗ Tổ [x]\n"
	    "2031-04-30..2031-05-01\toff\tprovisional\n"
	    "2031-05-03 work provisional # a Saturday, maybe\n"
	    "2031-09-02 off provisionally a word of the note\n"
	    "2031-09-03 off  provisional: a word of the note\n";
	struct hh_calendar *cal = parse(text);
	int p;

	(void)state;
	assert_int_equal(hh_calendar_covered(cal, 2031), 1);
	p = 1;
	assert_int_equal(hh_calendar_working(cal,
	    sandbox_day("2031-01-01"), &p), 0);
	assert_int_equal(p, 0);
	assert_string_equal(hh_calendar_note(cal, sandbox_day("2031-01-01")),
	    "Tết Dương lịch");
	p = 0;
	assert_int_equal(hh_calendar_working(cal,
	    sandbox_day("2031-04-02"), &p), 0);
	assert_int_equal(p, 1);
	assert_string_equal(hh_calendar_note(cal, sandbox_day("2031-04-02")),
	    "Giỗ Tổ [x]");
	p = 0;
	assert_int_equal(hh_calendar_working(cal,
	    sandbox_day("2031-05-01"), &p), 0);
	assert_int_equal(p, 1);
	assert_null(hh_calendar_note(cal, sandbox_day("2031-04-30")));
	p = 0;
	assert_int_equal(hh_calendar_working(cal,
	    sandbox_day("2031-05-03"), &p), 1);
	assert_int_equal(p, 1);
	assert_int_equal(hh_calendar_swapped(cal, sandbox_day("2031-05-03")),
	    1);
	/* the keyword is a whole word */
	p = 1;
	assert_int_equal(hh_calendar_working(cal,
	    sandbox_day("2031-09-02"), &p), 0);
	assert_int_equal(p, 0);
	assert_string_equal(hh_calendar_note(cal, sandbox_day("2031-09-02")),
	    "provisionally a word of the note");
	assert_string_equal(hh_calendar_note(cal, sandbox_day("2031-09-03")),
	    "provisional: a word of the note");
	/* a covered year: unlisted days are official working days */
	p = 1;
	assert_int_equal(hh_calendar_working(cal,
	    sandbox_day("2031-04-03"), &p), 1);
	assert_int_equal(p, 0);
	hh_calendar_free(cal);
	/* the status does not change what a day is, nor the errors */
	assert_int_equal(hh_calendar_parse(&cal,
	    "2031-04-02 provisional off\n", 27, "calendar"), HH_EINVALID);
	assert_string_equal(hh_error_last(),
	    "calendar:1: expected off or work");
	assert_int_equal(hh_calendar_parse(&cal,
	    "2031-04-02 off provisional\n2031-04-02 work\n", 43,
	    "calendar"), HH_EINVALID);
	assert_string_equal(hh_error_last(),
	    "calendar:2: 2031-04-02 is both off and work (line 1)");
}

/* An uncovered year: the statutory days, flagged provisional. */
static void
test_calendar_working__provisional_2030(void **state)
{
	static const struct {
		const char *date;
		int working;
		const char *note;
	} t[] = {
		{ "2030-01-01", 0, "Tết Dương lịch (statutory, provisional)" },
		{ "2030-01-02", 1, NULL },
		{ "2030-01-31", 1, NULL },
		/* Tết 2030-02-02 (Sat): eve Fri 1/2, mùng 1-4 Sat-Tue */
		{ "2030-02-01", 0, "Tết Nguyên đán (statutory, provisional)" },
		{ "2030-02-02", 0, "Tết Nguyên đán (statutory, provisional)" },
		{ "2030-02-05", 0, "Tết Nguyên đán (statutory, provisional)" },
		{ "2030-02-06", 0,
		    "Nghỉ bù Tết Nguyên đán (statutory, provisional)" },
		{ "2030-02-07", 0,
		    "Nghỉ bù Tết Nguyên đán (statutory, provisional)" },
		{ "2030-02-08", 1, NULL },
		{ "2030-02-09", 0, NULL },
		{ "2030-04-12", 0,
		    "Giỗ Tổ Hùng Vương (statutory, provisional)" },
		{ "2030-04-30", 0,
		    "Ngày Chiến thắng (statutory, provisional)" },
		{ "2030-05-01", 0,
		    "Quốc tế Lao động (statutory, provisional)" },
		{ "2030-05-02", 1, NULL },
		/* 2/9 on a Monday: the day after */
		{ "2030-09-01", 0, NULL },
		{ "2030-09-02", 0, "Quốc khánh (statutory, provisional)" },
		{ "2030-09-03", 0, "Quốc khánh (statutory, provisional)" },
		{ "2030-09-04", 1, NULL },
	};
	const char *n;
	int p;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		p = 0;
		if (hh_calendar_working(*state, sandbox_day(t[i].date), &p) !=
		    t[i].working)
			fail_msg("%s: expected %d", t[i].date, t[i].working);
		assert_int_equal(p, 1);
		n = hh_calendar_note(*state, sandbox_day(t[i].date));
		if (t[i].note == NULL)
			assert_null(n);
		else
			assert_string_equal(n, t[i].note);
	}
}

/* Statutory days of an empty calendar against the official schedules:
 * without swaps they agree weekday for weekday. */
static void
test_calendar_working__statutory_matches_official(void **state)
{
	static const struct {
		const char *from, *to;
	} years[] = {
		{ "2016-01-01", "2016-12-31" },
	};
	struct hh_calendar *empty = parse("");
	int day, last, p, a, b;
	size_t i;

	for (i = 0; i < sizeof(years) / sizeof(years[0]); i++) {
		last = sandbox_day(years[i].to);
		for (day = sandbox_day(years[i].from); day <= last; day++) {
			a = hh_calendar_working(empty, day, &p);
			assert_int_equal(p, 1);
			b = hh_calendar_working(*state, day, &p);
			assert_int_equal(p, 0);
			if (a != b) {
				char buf[HH_TIME_MAX];

				hh_time_format_day(buf, day);
				fail_msg("%s: statutory %d, official %d",
				    buf, a, b);
			}
		}
	}
	hh_calendar_free(empty);
}

/* Quốc khánh under the 2012 code (one day) and the 2019 code (two),
 * and the compensatory days, against the years 2019-2025. */
static void
test_calendar_working__quoc_khanh(void **state)
{
	static const struct {
		const char *date;
		int working;
	} t[] = {
		{ "2019-09-02", 0 },	/* Mon, Labor Code 2012 */
		{ "2019-09-03", 1 },
		{ "2020-09-02", 0 },
		{ "2020-09-03", 1 },
		{ "2021-09-02", 0 },	/* Thu: with Fri 3/9 */
		{ "2021-09-03", 0 },
		{ "2021-09-01", 1 },
		{ "2022-09-01", 0 },	/* Fri: with Thu 1/9 */
		{ "2022-09-02", 0 },
		{ "2022-09-05", 1 },
		{ "2023-09-01", 0 },	/* Sat: Fri 1/9 and Mon 4/9 */
		{ "2023-09-04", 0 },
		{ "2023-09-05", 1 },
		{ "2024-09-02", 0 },	/* Mon: with Tue 3/9 */
		{ "2024-09-03", 0 },
		{ "2024-09-04", 1 },
		{ "2025-09-01", 0 },	/* Tue: with Mon 1/9 */
		{ "2025-09-02", 0 },
		{ "2025-09-03", 1 },
		{ "2029-09-03", 0 },	/* Sun: Mon 3/9, then Tue 4/9 */
		{ "2029-09-04", 0 },
		{ "2029-09-05", 1 },
	};
	struct hh_calendar *empty = parse("");
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (hh_calendar_working(empty, sandbox_day(t[i].date), NULL) !=
		    t[i].working)
			fail_msg("%s: expected %d", t[i].date, t[i].working);
	hh_calendar_free(empty);
}

/* A year with only "work" lines is not covered; the days named are
 * still taken from the file and are not provisional. */
static void
test_calendar_working__work_only_year(void **state)
{
	struct hh_calendar *cal = parse("2014-12-27 work  swap\n");
	int p;

	(void)state;
	assert_int_equal(hh_calendar_covered(cal, 2014), 0);
	assert_int_equal(hh_calendar_working(cal,
	    sandbox_day("2014-12-27"), &p), 1);
	assert_int_equal(p, 0);
	assert_int_equal(hh_calendar_working(cal,
	    sandbox_day("2014-12-26"), &p), 1);
	assert_int_equal(p, 1);
	assert_int_equal(hh_calendar_working(cal,
	    sandbox_day("2014-12-28"), &p), 0);
	assert_int_equal(p, 1);
	hh_calendar_free(cal);
}

/* A covered year is the file alone: no statutory day is added. */
static void
test_calendar_working__covered_year_file_only(void **state)
{
	struct hh_calendar *cal = parse("2016-03-01 off  only this\n");
	int p;

	(void)state;
	assert_int_equal(hh_calendar_working(cal,
	    sandbox_day("2016-03-01"), &p), 0);
	assert_int_equal(p, 0);
	assert_int_equal(hh_calendar_working(cal,
	    sandbox_day("2016-02-08"), &p), 1);
	assert_int_equal(p, 0);
	assert_null(hh_calendar_note(cal, sandbox_day("2016-02-08")));
	assert_int_equal(hh_calendar_working(cal,
	    sandbox_day("2016-02-06"), &p), 0);
	hh_calendar_free(cal);
}

static void
test_calendar_parse__syntax(void **state)
{
	static const char text[] =
	    "# a comment\n"
	    "\n"
	    "   \t  \n"
	    "2016-03-01\toff\tTết  giữa   năm \t # trailing comment\n"
	    "  2016-03-02..2016-03-03   off\n"
	    "2016-03-05 work # a Saturday\n"
	    "2016-03-07..2016-03-07 off   one-day range\n"
	    "2016-03-08 off#no blank before the comment\n"
	    "2016-03-10 work  a weekday: working, not a swap\n"
	    "2016-03-09 off";
	struct hh_calendar *cal = parse(text);
	const char *n;

	(void)state;
	n = hh_calendar_note(cal, sandbox_day("2016-03-01"));
	assert_non_null(n);
	assert_string_equal(n, "Tết  giữa   năm");
	assert_null(hh_calendar_note(cal, sandbox_day("2016-03-02")));
	assert_null(hh_calendar_note(cal, sandbox_day("2016-03-05")));
	assert_string_equal(hh_calendar_note(cal, sandbox_day("2016-03-07")),
	    "one-day range");
	assert_null(hh_calendar_note(cal, sandbox_day("2016-03-08")));
	assert_int_equal(hh_calendar_working(cal,
	    sandbox_day("2016-03-03"), NULL), 0);
	assert_int_equal(hh_calendar_working(cal,
	    sandbox_day("2016-03-04"), NULL), 1);
	assert_int_equal(hh_calendar_working(cal,
	    sandbox_day("2016-03-05"), NULL), 1);
	assert_int_equal(hh_calendar_swapped(cal,
	    sandbox_day("2016-03-05")), 1);
	assert_int_equal(hh_calendar_working(cal,
	    sandbox_day("2016-03-08"), NULL), 0);
	assert_int_equal(hh_calendar_working(cal,
	    sandbox_day("2016-03-09"), NULL), 0);
	assert_int_equal(hh_calendar_working(cal,
	    sandbox_day("2016-03-10"), NULL), 1);
	assert_int_equal(hh_calendar_swapped(cal,
	    sandbox_day("2016-03-10")), 0);
	hh_calendar_free(cal);
}

static void
test_calendar_parse__errors(void **state)
{
	static char longline[1100];
	static const struct {
		const char *text;
		const char *msg;
	} t[] = {
		{ "2016-02-30 off x\n", "calendar:1: bad date 2016-02-30" },
		{ "# ok\n\n2016-02-01 holiday\n",
		    "calendar:3: expected off or work" },
		{ "2016-02-01\n", "calendar:1: expected off or work" },
		{ "2016-02-01 Off\n", "calendar:1: expected off or work" },
		{ "2016-02-01 # off\n", "calendar:1: expected off or work" },
		{ "2016-02-01 offx\n", "calendar:1: expected off or work" },
		{ "off 2016-02-01\n", "calendar:1: bad date off" },
		{ "2016-2-1 off\n", "calendar:1: bad date 2016-2-1" },
		{ "1899-12-31 off\n", "calendar:1: bad date 1899-12-31" },
		{ "2016-02-01..2016-02-31 off\n",
		    "calendar:1: bad date 2016-02-31" },
		{ "2016-02-01.. off\n", "calendar:1: missing date" },
		{ "..2016-02-01 off\n", "calendar:1: missing date" },
		{ "2016-02-01..2016-02-03..2016-02-05 off\n",
		    "calendar:1: bad date 2016-02-03..2016-02-05" },
		{ "a\n2016-02-10..2016-02-01 off\n", "calendar:1: bad date a" },
		{ "2016-02-10\n", "calendar:1: expected off or work" },
		{ "x\n2016-02-10..2016-02-01 off\n", "calendar:1: bad date x" },
		{ "\n\n\n2016-02-10..2016-02-01 off\n",
		    "calendar:4: range ends before it starts" },
		{ "2016-01-01..2017-01-01 off\n",
		    "calendar:1: range longer than 366 days" },
		{ "2016-02-08 off a\n2016-02-06..2016-02-14 off b\n",
		    "calendar:2: 2016-02-08 already listed on line 1" },
		{ "2016-02-13 work\n# x\n2016-02-13 off\n",
		    "calendar:3: 2016-02-13 is both off and work (line 1)" },
		{ "2016-01-01 off\n2016-01-01 off\nbad\n",
		    "calendar:2: 2016-01-01 already listed on line 1" },
		{ "2016-01-01 off\nbad\n2016-01-01 off\n",
		    "calendar:2: bad date bad" },
		{ "2016-01-05 off\n2016-01-04 off\n2016-01-04..2016-01-05 off\n"
		    "2016-01-04 off\n",
		    "calendar:3: 2016-01-04 already listed on line 2" },
		{ "2016-02-08 off T\xe1\n", "calendar:1: not valid UTF-8 text" },
		{ "2016-02-08 off \xc3\x28\n", "calendar:1: not valid UTF-8 text" },
		{ "2016-02-08 off \xc0\xaf\n", "calendar:1: not valid UTF-8 text" },
		{ "2016-02-08 off \xed\xa0\x80\n", "calendar:1: not valid UTF-8 text" },
		{ "2016-02-08 off \xff\n", "calendar:1: not valid UTF-8 text" },
		{ "2016-02-08 off a\x01" "b\n",
		    "calendar:1: control character" },
		{ "2016-02-08 off a\r\n", "calendar:1: control character" },
		{ "2016-02-08 off a\x7f\n", "calendar:1: control character" },
		{ "2016-02-08 off \xc2\x85\n",
		    "calendar:1: control character" },
		{ "# fine\n2016-02-08 off # \x02\n",
		    "calendar:2: control character" },
		{ longline, "calendar:2: line longer than 1000 bytes" },
	};
	struct hh_calendar *cal;
	size_t i;

	(void)state;
	memcpy(longline, "# x\n2016-02-08 off ", 19);
	memset(longline + 19, 'a', 1001 - 15);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		cal = (struct hh_calendar *)&cal;	/* poison */
		assert_int_equal(hh_calendar_parse(&cal, t[i].text,
		    strlen(t[i].text), "calendar"), HH_EINVALID);
		assert_null(cal);
		assert_string_equal(hh_error_last(), t[i].msg);
	}
}

static void
test_calendar_parse__limits(void **state)
{
	struct hh_calendar *cal = NULL;
	char line[1100];
	size_t n;

	(void)state;
	/* a leap year's 366 days is the longest range */
	cal = parse("2016-01-01..2016-12-31 off\n");
	assert_int_equal(hh_calendar_working(cal,
	    sandbox_day("2016-06-01"), NULL), 0);
	hh_calendar_free(cal);
	/* exactly 1000 bytes, newline not counted */
	n = (size_t)snprintf(line, sizeof(line), "2016-02-08 off ");
	memset(line + n, 'a', 1000 - n);
	line[1000] = '\n';
	assert_int_equal(hh_calendar_parse(&cal, line, 1001, "c"), 0);
	hh_calendar_free(cal);
	line[1000] = 'a';
	assert_int_equal(hh_calendar_parse(&cal, line, 1001, "c"),
	    HH_EINVALID);
	assert_string_equal(hh_error_last(), "c:1: line longer than 1000 bytes");
	/* not NUL-terminated: the length counts */
	assert_int_equal(hh_calendar_parse(&cal, "2016-02-08 off trailing", 14,
	    "c"), 0);
	assert_null(hh_calendar_note(cal, sandbox_day("2016-02-08")));
	hh_calendar_free(cal);
	/* a NUL inside the text is a control character */
	assert_int_equal(hh_calendar_parse(&cal, "2016-02-08 off a\0b\n", 19,
	    "c"), HH_EINVALID);
	assert_string_equal(hh_error_last(), "c:1: control character");
	/* the name given is the one shown; NULL means "calendar" */
	assert_int_equal(hh_calendar_parse(&cal, "x\n", 2, "records/calendar"),
	    HH_EINVALID);
	assert_string_equal(hh_error_last(), "records/calendar:1: bad date x");
	assert_int_equal(hh_calendar_parse(&cal, "x\n", 2, NULL), HH_EINVALID);
	assert_string_equal(hh_error_last(), "calendar:1: bad date x");
	assert_int_equal(hh_calendar_parse(&cal, NULL, 0, "c"), 0);
	hh_calendar_free(cal);
	hh_calendar_free(NULL);
}

static void
test_calendar_hours__default_and_set(void **state)
{
	static const struct hh_hours h = { 480, 720, 780, 960, 840 };
	static const struct {
		struct hh_hours h;
		const char *msg;
	} bad[] = {
		{ { 690, 450, 810, 1020, 900 }, "office hours out of order" },
		{ { 450, 820, 810, 1020, 900 }, "office hours out of order" },
		{ { 450, 690, 810, 1500, 900 }, "office hours out of order" },
		{ { -1, 690, 810, 1020, 900 }, "office hours out of order" },
		{ { 450, 690, 810, 1020, 1030 },
		    "cut-off outside office hours" },
		{ { 450, 690, 810, 1020, 400 },
		    "cut-off outside office hours" },
	};
	struct hh_calendar *cal = parse("");
	const struct hh_hours *got;
	size_t i;

	(void)state;
	got = hh_calendar_hours(cal);
	assert_int_equal(got->am_start, 450);
	assert_int_equal(got->am_end, 690);
	assert_int_equal(got->pm_start, 810);
	assert_int_equal(got->pm_end, 1020);
	assert_int_equal(got->cutoff, 900);
	assert_int_equal(hh_calendar_hours_check(&h), 0);
	hh_calendar_set_hours(cal, &h);
	got = hh_calendar_hours(cal);
	assert_int_equal(got->am_start, 480);
	assert_int_equal(got->pm_end, 960);
	assert_int_equal(got->cutoff, 840);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(hh_calendar_hours_check(&bad[i].h), HH_EINVALID);
		assert_string_equal(hh_error_last(), bad[i].msg);
	}
	hh_calendar_free(cal);
}

int
main(int argc, char *argv[])
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_calendar_working__shipped,
		    sandbox_setup_calendar, sandbox_teardown_calendar),
		cmocka_unit_test_setup_teardown(test_calendar_note__shipped,
		    sandbox_setup_calendar, sandbox_teardown_calendar),
		cmocka_unit_test_setup_teardown(test_calendar_swapped__shipped,
		    sandbox_setup_calendar, sandbox_teardown_calendar),
		cmocka_unit_test_setup_teardown(test_calendar_covered__shipped,
		    sandbox_setup_calendar, sandbox_teardown_calendar),
		cmocka_unit_test_setup_teardown(
		    test_calendar_working__shipped_2027_provisional,
		    sandbox_setup_calendar, sandbox_teardown_calendar),
		cmocka_unit_test(test_calendar_working__statutory_24_11),
		cmocka_unit_test(test_calendar_parse__provisional),
		cmocka_unit_test_setup_teardown(
		    test_calendar_working__provisional_2030,
		    sandbox_setup_calendar, sandbox_teardown_calendar),
		cmocka_unit_test_setup_teardown(
		    test_calendar_working__statutory_matches_official,
		    sandbox_setup_calendar, sandbox_teardown_calendar),
		cmocka_unit_test(test_calendar_working__quoc_khanh),
		cmocka_unit_test(test_calendar_working__work_only_year),
		cmocka_unit_test(test_calendar_working__covered_year_file_only),
		cmocka_unit_test(test_calendar_parse__syntax),
		cmocka_unit_test(test_calendar_parse__errors),
		cmocka_unit_test(test_calendar_parse__limits),
		cmocka_unit_test(test_calendar_hours__default_and_set),
	};

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("calendar", tests, NULL, NULL);
}
