/* test_deadline - clock start, due instants, pauses, classes */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "hh.h"
#include "sandbox.h"

static void
assert_time(int64_t t, const char *want, const char *what)
{
	char buf[HH_TIME_MAX];

	hh_time_format(buf, t);
	if (strcmp(buf, want) != 0)
		fail_msg("%s: got %s, expected %s", what, buf, want);
}

static const struct {
	const char *from;
	const char *unit;
	double value;
	const char *start;
	const char *due;
	int provisional;
} due_cases[] = {
	/* the cases of the issue */
	{ "2016-02-05T10:00", "working_days", 3,
	    "2016-02-05T10:00:00+07:00", "2016-02-17T17:00:00+07:00", 0 },
	{ "2016-04-15T16:00", "working_days", 1,
	    "2016-04-19T07:30:00+07:00", "2016-04-20T17:00:00+07:00", 0 },
	{ "2015-09-02T09:00", "working_days", 0,
	    "2015-09-03T07:30:00+07:00", "2015-09-03T17:00:00+07:00", 0 },
	{ "2024-05-03T09:00", "working_days", 1,
	    "2024-05-03T09:00:00+07:00", "2024-05-04T17:00:00+07:00", 0 },
	/* clock start */
	{ "2016-03-01T06:00", "working_days", 0,
	    "2016-03-01T07:30:00+07:00", "2016-03-01T17:00:00+07:00", 0 },
	{ "2016-03-01T12:00", "working_days", 1,
	    "2016-03-01T13:30:00+07:00", "2016-03-02T17:00:00+07:00", 0 },
	{ "2016-03-01T11:30", "working_days", 0,
	    "2016-03-01T13:30:00+07:00", "2016-03-01T17:00:00+07:00", 0 },
	{ "2016-03-01T15:00:00", "working_days", 1,
	    "2016-03-01T15:00:00+07:00", "2016-03-02T17:00:00+07:00", 0 },
	{ "2016-03-01T15:00:01", "working_days", 1,
	    "2016-03-02T07:30:00+07:00", "2016-03-03T17:00:00+07:00", 0 },
	{ "2016-03-01T17:30", "working_days", 0,
	    "2016-03-02T07:30:00+07:00", "2016-03-02T17:00:00+07:00", 0 },
	{ "2016-03-05T09:00", "working_days", 2,
	    "2016-03-07T07:30:00+07:00", "2016-03-09T17:00:00+07:00", 0 },
	{ "2016-03-01T01:00:00Z", "working_days", 0,
	    "2016-03-01T08:00:00+07:00", "2016-03-01T17:00:00+07:00", 0 },
	{ "2024-05-04T09:00", "working_days", 0,
	    "2024-05-04T09:00:00+07:00", "2024-05-04T17:00:00+07:00", 0 },
	{ "2014-12-31T16:00", "working_days", 0,
	    "2015-01-05T07:30:00+07:00", "2015-01-05T17:00:00+07:00", 1 },
	/* halves */
	{ "2016-03-01T10:00", "working_days", 0.5,
	    "2016-03-01T10:00:00+07:00", "2016-03-01T17:00:00+07:00", 0 },
	{ "2016-03-01T14:00", "working_days", 0.5,
	    "2016-03-01T14:00:00+07:00", "2016-03-02T11:30:00+07:00", 0 },
	{ "2016-03-01T12:00", "working_days", 0.5,
	    "2016-03-01T13:30:00+07:00", "2016-03-02T11:30:00+07:00", 0 },
	{ "2016-02-05T14:00", "working_days", 0.5,
	    "2016-02-05T14:00:00+07:00", "2016-02-15T11:30:00+07:00", 0 },
	{ "2016-02-05T10:00", "working_days", 1.5,
	    "2016-02-05T10:00:00+07:00", "2016-02-16T11:30:00+07:00", 0 },
	{ "2016-02-05T14:00", "working_days", 1.5,
	    "2016-02-05T14:00:00+07:00", "2016-02-16T11:30:00+07:00", 0 },
	{ "2016-02-05T14:00", "working_days", 2,
	    "2016-02-05T14:00:00+07:00", "2016-02-16T17:00:00+07:00", 0 },
	{ "2016-03-01T10:00", "working_days", 15,
	    "2016-03-01T10:00:00+07:00", "2016-03-22T17:00:00+07:00", 0 },
	/* working hours */
	{ "2016-02-05T14:00", "working_hours", 4,
	    "2016-02-05T14:00:00+07:00", "2016-02-15T08:30:00+07:00", 0 },
	{ "2016-03-01T10:00", "working_hours", 1.5,
	    "2016-03-01T10:00:00+07:00", "2016-03-01T11:30:00+07:00", 0 },
	{ "2016-03-01T10:00", "working_hours", 2,
	    "2016-03-01T10:00:00+07:00", "2016-03-01T14:00:00+07:00", 0 },
	{ "2016-03-01T10:00", "working_hours", 0,
	    "2016-03-01T10:00:00+07:00", "2016-03-01T10:00:00+07:00", 0 },
	{ "2016-03-01T16:00", "working_hours", 1,
	    "2016-03-02T07:30:00+07:00", "2016-03-02T08:30:00+07:00", 0 },
	{ "2016-03-01T07:30", "working_hours", 7.5,
	    "2016-03-01T07:30:00+07:00", "2016-03-01T17:00:00+07:00", 0 },
	{ "2016-03-01T07:30", "working_hours", 7.75,
	    "2016-03-01T07:30:00+07:00", "2016-03-02T07:45:00+07:00", 0 },
	/* calendar days */
	{ "2016-03-01T09:00", "calendar_days", 15,
	    "2016-03-01T09:00:00+07:00", "2016-03-16T17:00:00+07:00", 0 },
	{ "2016-02-05T10:00", "calendar_days", 3,
	    "2016-02-05T10:00:00+07:00", "2016-02-15T17:00:00+07:00", 0 },
	{ "2016-03-03T10:00", "calendar_days", 2,
	    "2016-03-03T10:00:00+07:00", "2016-03-07T17:00:00+07:00", 0 },
	{ "2016-04-15T16:00", "calendar_days", 0,
	    "2016-04-19T07:30:00+07:00", "2016-04-19T17:00:00+07:00", 0 },
	{ "2024-05-01T10:00", "calendar_days", 3,
	    "2024-05-02T07:30:00+07:00", "2024-05-06T17:00:00+07:00", 0 },
	/* provisional: uncovered years */
	{ "2030-02-01T09:00", "working_days", 1,
	    "2030-02-08T07:30:00+07:00", "2030-02-11T17:00:00+07:00", 1 },
	{ "2016-12-30T09:00", "working_days", 1,
	    "2016-12-30T09:00:00+07:00", "2017-01-03T17:00:00+07:00", 1 },
	{ "2016-12-30T09:00", "working_days", 0,
	    "2016-12-30T09:00:00+07:00", "2016-12-30T17:00:00+07:00", 0 },
};

static void
test_deadline_due__table(void **state)
{
	struct hh_limit lim;
	int64_t due, start;
	char what[128];
	int p;
	size_t i;

	for (i = 0; i < sizeof(due_cases) / sizeof(due_cases[0]); i++) {
		snprintf(what, sizeof(what), "%s + %g %s", due_cases[i].from,
		    due_cases[i].value, due_cases[i].unit);
		assert_int_equal(hh_deadline_limit(&lim, due_cases[i].unit,
		    due_cases[i].value), 0);
		p = -1;
		due = start = 0;
		assert_int_equal(hh_deadline_due(&due, &start, &p, *state,
		    sandbox_at(due_cases[i].from), &lim), 0);
		assert_time(start, due_cases[i].start, what);
		assert_time(due, due_cases[i].due, what);
		if (p != due_cases[i].provisional)
			fail_msg("%s: provisional %d", what, p);
		p = -1;
		assert_time(hh_deadline_start(*state,
		    sandbox_at(due_cases[i].from), &p), due_cases[i].start,
		    what);
	}
}

static void
test_deadline_due__other_hours(void **state)
{
	static const struct hh_hours h = { 480, 720, 780, 960, 840 };
	struct hh_limit lim;
	int64_t due, start;

	hh_calendar_set_hours(*state, &h);
	assert_int_equal(hh_deadline_limit(&lim, "working_days", 1), 0);
	assert_int_equal(hh_deadline_due(&due, &start, NULL, *state,
	    sandbox_at("2016-03-01T14:30"), &lim), 0);
	assert_time(start, "2016-03-02T08:00:00+07:00", "start");
	assert_time(due, "2016-03-03T16:00:00+07:00", "due");
	assert_int_equal(hh_deadline_limit(&lim, "working_days", 0.5), 0);
	assert_int_equal(hh_deadline_due(&due, NULL, NULL, *state,
	    sandbox_at("2016-03-01T12:30"), &lim), 0);
	assert_time(due, "2016-03-02T12:00:00+07:00", "due");
}

static void
test_deadline_due__errors(void **state)
{
	struct hh_limit lim = { HH_WORKING_DAYS, -1 };
	int64_t due = 7, start = 7;
	int p = 7;

	assert_int_equal(hh_deadline_due(&due, &start, &p, *state,
	    sandbox_at("2016-03-01T10:00"), &lim), HH_EINVALID);
	assert_string_equal(hh_error_last(), "negative limit -1");
	assert_int_equal(due, 7);
	assert_int_equal(start, 7);
	lim.value = 1;
	assert_int_equal(hh_deadline_due(&due, &start, &p, *state,
	    (int64_t)1 << 40, &lim), HH_EINVALID);
	assert_string_equal(hh_error_last(),
	    "time out of range (1900 to 2199)");
	assert_int_equal(hh_deadline_due(&due, &start, &p, *state,
	    sandbox_at("1900-01-01T00:00") - 1, &lim), HH_EINVALID);
}

static void
test_deadline_limit_make__table(void **state)
{
	static const struct {
		const char *unit;
		double value;
		int ret;
		const char *msg;
	} t[] = {
		{ "working_days", 0, 0, NULL },
		{ "working_days", 0.5, 0, NULL },
		{ "working_days", 3650, 0, NULL },
		{ "working_hours", 1.25, 0, NULL },
		{ "calendar_days", 90, 0, NULL },
		{ "weeks", 1, HH_EINVALID, "unknown limit unit \"weeks\"" },
		{ "", 1, HH_EINVALID, "unknown limit unit \"\"" },
		{ "working_days", -1, HH_EINVALID, "negative limit -1" },
		{ "calendar_days", -0.5, HH_EINVALID, "negative limit -0.5" },
		{ "working_days", 3650.5, HH_EINVALID,
		    "limit 3650.5 too large (at most 3650)" },
		{ "working_hours", 1e9, HH_EINVALID,
		    "limit 1e+09 too large (at most 3650)" },
		{ "working_days", 0.3, HH_EINVALID,
		    "working days 0.3 not a multiple of 0.5" },
		{ "working_days", 2.25, HH_EINVALID,
		    "working days 2.25 not a multiple of 0.5" },
		{ "calendar_days", 1.5, HH_EINVALID,
		    "calendar days 1.5 not a whole number" },
	};
	struct hh_limit lim;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		lim.unit = HH_CALENDAR_DAYS;
		lim.value = -42;
		assert_int_equal(hh_deadline_limit(&lim, t[i].unit, t[i].value),
		    t[i].ret);
		if (t[i].ret == 0) {
			assert_string_equal(hh_deadline_unit(lim.unit), t[i].unit);
			assert_true(lim.value == t[i].value);
		} else {
			assert_string_equal(hh_error_last(), t[i].msg);
			assert_true(lim.value == -42);
		}
	}
	assert_int_equal(hh_deadline_limit(&lim, "working_days", NAN),
	    HH_EINVALID);
	assert_string_equal(hh_error_last(), "limit is not a number");
	assert_int_equal(hh_deadline_limit(&lim, "working_hours", INFINITY),
	    HH_EINVALID);
	assert_string_equal(hh_error_last(),
	    "limit inf too large (at most 3650)");
}

static void
test_deadline_due_pause__table(void **state)
{
	static const struct {
		const char *due, *stopped, *resumed, *want;
		int provisional;
	} t[] = {
		/* 1.5 h in the morning and 0.5 h in the afternoon */
		{ "2016-02-17T17:00", "2016-02-16T10:00", "2016-02-16T14:00",
		    "2016-02-18T09:30:00+07:00", 0 },
		/* a whole working day: 7.5 h */
		{ "2016-02-17T17:00", "2016-02-16T07:30", "2016-02-17T07:30",
		    "2016-02-18T17:00:00+07:00", 0 },
		/* over Tết: Fri 16:00-17:00 and Mon 07:30-08:00 */
		{ "2016-02-17T17:00", "2016-02-05T16:00", "2016-02-15T08:00",
		    "2016-02-18T09:00:00+07:00", 0 },
		/* nothing counts outside the sessions */
		{ "2016-02-17T17:00", "2016-02-16T11:30", "2016-02-16T13:30",
		    "2016-02-17T17:00:00+07:00", 0 },
		{ "2016-02-17T17:00", "2016-02-13T08:00", "2016-02-14T16:00",
		    "2016-02-17T17:00:00+07:00", 0 },
		/* resumed before stopped: unchanged */
		{ "2016-02-17T17:00", "2016-02-16T14:00", "2016-02-16T10:00",
		    "2016-02-17T17:00:00+07:00", 0 },
		/* the new due skips days off (Giỗ Tổ, weekend) */
		{ "2016-04-15T17:00", "2016-04-14T07:30", "2016-04-14T17:00",
		    "2016-04-19T17:00:00+07:00", 0 },
		/* a due inside a session moves within sessions */
		{ "2016-03-01T11:00", "2016-02-29T16:00", "2016-02-29T17:00",
		    "2016-03-01T14:00:00+07:00", 0 },
		{ "2030-03-01T17:00", "2030-02-28T07:30", "2030-02-28T11:30",
		    "2030-03-04T11:30:00+07:00", 1 },
	};
	int p;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		p = -1;
		assert_time(hh_deadline_pause(*state, sandbox_at(t[i].due),
		    sandbox_at(t[i].stopped), sandbox_at(t[i].resumed), &p),
		    t[i].want, t[i].stopped);
		assert_int_equal(p, t[i].provisional);
	}
}

static void
test_deadline_delay_allowed__table(void **state)
{
	static const struct {
		const char *t, *due;
		int allowed;
	} t[] = {
		{ "2016-02-16T16:59", "2016-02-17T17:00", 1 },
		{ "2016-02-16T23:59", "2016-02-17T17:00", 1 },
		{ "2016-02-17T08:00", "2016-02-17T17:00", 0 },
		{ "2016-02-18T08:00", "2016-02-17T17:00", 0 },
		/* the working day before Mon 15/2 is Fri 5/2 */
		{ "2016-02-05T17:00", "2016-02-15T17:00", 1 },
		{ "2016-02-10T09:00", "2016-02-15T17:00", 0 },
		{ "2016-02-13T09:00", "2016-02-15T17:00", 0 },
		/* Sat 4/5/2024 is a working day */
		{ "2024-05-04T10:00", "2024-05-06T17:00", 1 },
		{ "2024-05-03T10:00", "2024-05-04T17:00", 1 },
		{ "2024-05-04T10:00", "2024-05-04T17:00", 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (hh_deadline_delay_ok(*state, sandbox_at(t[i].t),
		    sandbox_at(t[i].due), 1) != t[i].allowed)
			fail_msg("%s for %s: expected %d", t[i].t, t[i].due,
			    t[i].allowed);
	/* 0: by the due instant; 2: two working days before Wednesday
	 * 15/5/2024, Monday 13/5 */
	assert_int_equal(hh_deadline_delay_ok(*state,
	    sandbox_at("2024-05-06T16:59"), sandbox_at("2024-05-06T17:00"), 0),
	    1);
	assert_int_equal(hh_deadline_delay_ok(*state,
	    sandbox_at("2024-05-06T17:01"), sandbox_at("2024-05-06T17:00"), 0),
	    0);
	assert_int_equal(hh_deadline_delay_ok(*state,
	    sandbox_at("2024-05-13T16:00"), sandbox_at("2024-05-15T17:00"), 2),
	    1);
	assert_int_equal(hh_deadline_delay_ok(*state,
	    sandbox_at("2024-05-14T08:00"), sandbox_at("2024-05-15T17:00"), 2),
	    0);
}

static void
test_deadline_classify__table(void **state)
{
	static const struct {
		const char *done;
		enum hh_class c;
		const char *name;
	} t[] = {
		{ "2016-02-16T17:00", HH_EARLY, "early" },
		{ "2016-02-16T23:59:59", HH_EARLY, "early" },
		{ "2016-02-10T09:00", HH_EARLY, "early" },
		{ "2016-02-17T00:00", HH_ON_TIME, "on_time" },
		{ "2016-02-16T20:00:00Z", HH_ON_TIME, "on_time" },
		{ "2016-02-17T17:00", HH_ON_TIME, "on_time" },
		{ "2016-02-17T17:00:01", HH_LATE, "late" },
		{ "2016-02-17T23:00", HH_LATE, "late" },
		{ "2016-02-18T08:00", HH_LATE, "late" },
	};
	int64_t due = sandbox_at("2016-02-17T17:00");
	enum hh_class c;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		c = hh_deadline_classify(sandbox_at(t[i].done), due);
		if (c != t[i].c)
			fail_msg("%s: got %s", t[i].done, hh_deadline_class(c));
		assert_string_equal(hh_deadline_class(c), t[i].name);
	}
}

int
main(int argc, char *argv[])
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_deadline_due__table,
		    sandbox_setup_calendar, sandbox_teardown_calendar),
		cmocka_unit_test_setup_teardown(test_deadline_due__other_hours,
		    sandbox_setup_calendar, sandbox_teardown_calendar),
		cmocka_unit_test_setup_teardown(test_deadline_due__errors,
		    sandbox_setup_calendar, sandbox_teardown_calendar),
		cmocka_unit_test(test_deadline_limit_make__table),
		cmocka_unit_test_setup_teardown(test_deadline_due_pause__table,
		    sandbox_setup_calendar, sandbox_teardown_calendar),
		cmocka_unit_test_setup_teardown(
		    test_deadline_delay_allowed__table, sandbox_setup_calendar,
		    sandbox_teardown_calendar),
		cmocka_unit_test(test_deadline_classify__table),
	};

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("deadline", tests, NULL, NULL);
}
