/* test_listing - the listings read each dossier's life, not its keys */
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

/* The CSV header of --list. */
#define HEAD "code,procedure,status,holder,received_at,due_at,source\r\n"

static int64_t
at(const char *s)
{
	int64_t t = 0;

	if (hh_time_parse(&t, s) < 0)
		fail_msg("%s: %s", s, hh_error_last());
	return t;
}

/* A dossier as hh-intake and two steps would leave it, but with the
 * stored status stale: "received" while its events say otherwise. */
static cJSON *
stale(const char *code, const char *second)
{
	char text[1024];

	snprintf(text, sizeof(text), "{\"code\":\"%s\","
	    "\"procedure\":{\"code\":\"T-HT03\",\"name\":\"Khai sinh\","
	    "\"field\":\"Hộ tịch\",\"department\":\"tp\"},"
	    "\"applicant\":{\"name\":\"Nguyễn Văn An\"},"
	    "\"channel\":\"direct\",\"status\":\"received\","
	    "\"holder\":\"tp\",\"received_at\":\"2016-09-05T08:00\","
	    "\"due_at\":\"2016-09-08T17:00\",\"events\":["
	    "{\"at\":\"2016-09-05T08:00\",\"action\":\"intake\","
	    "\"details\":{\"due_at\":\"2016-09-08T17:00\"}},"
	    "{\"at\":\"2016-09-05T09:00\",\"action\":\"route\","
	    "\"details\":{\"to\":\"tp\"}}%s]}", code, second);
	return cJSON_Parse(text);
}

/* --list --status status of the dossiers as of t, in CSV. */
static char *
list(cJSON **dos, size_t n, const char *status, const char *t)
{
	struct hh_listing *l = NULL;
	struct hh_query q;
	char *text, *csv;
	size_t i;

	memset(&q, 0, sizeof(q));
	q.kind = HH_LIST;
	q.at = at(t);
	q.from = INT_MIN;
	q.to = INT_MAX;
	q.status = status;
	assert_int_equal(hh_listing_new(&l, &q, NULL, "abc"), HH_OK);
	for (i = 0; i < n; i++)
		assert_in_range(hh_listing_add(l, dos[i]), 0, 1);
	hh_listing_finish(l);
	text = hh_listing_format(l, HH_FORMAT_CSV);
	csv = hh_xstrdup(text);
	free(text);
	hh_listing_free(l);
	return csv;
}

/* --list --status filters and shows the status the events give now. */
static void
test_listing_add__list_status_is_derived(void **state)
{
	static const struct {
		const char *status, *t, *want;
	} t[] = {
		{ "processing", "2016-09-30T17:00",
		    HEAD
		    "A-1,T-HT03,processing,tp,2016-09-05T08:00:00+07:00,"
		    "2016-09-08T17:00:00+07:00,abc\r\n" },
		{ "resolved", "2016-09-30T17:00",
		    HEAD
		    "A-2,T-HT03,resolved,tp,2016-09-05T08:00:00+07:00,"
		    "2016-09-08T17:00:00+07:00,abc\r\n" },
		{ "received", "2016-09-30T17:00",
		    HEAD },
		/* as of before the done, both are processing */
		{ "processing", "2016-09-06T12:00",
		    HEAD
		    "A-1,T-HT03,processing,tp,2016-09-05T08:00:00+07:00,"
		    "2016-09-08T17:00:00+07:00,abc\r\n"
		    "A-2,T-HT03,processing,tp,2016-09-05T08:00:00+07:00,"
		    "2016-09-08T17:00:00+07:00,abc\r\n" },
		/* received after the query's time (a clock ahead): as its
		 * events leave it */
		{ "resolved", "2016-09-01T08:00",
		    HEAD
		    "A-2,T-HT03,resolved,tp,2016-09-05T08:00:00+07:00,"
		    "2016-09-08T17:00:00+07:00,abc\r\n" },
	};
	cJSON *d[2];
	char *got;
	size_t i;

	(void)state;
	d[0] = stale("A-1", "");
	d[1] = stale("A-2", ",{\"at\":\"2016-09-07T10:00\","
	    "\"action\":\"done\"}");
	assert_non_null(d[0]);
	assert_non_null(d[1]);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		got = list(d, 2, t[i].status, t[i].t);
		if (strcmp(got, t[i].want) != 0)
			fail_msg("--status %s as of %s: got\n%s", t[i].status,
			    t[i].t, got);
		free(got);
	}
	cJSON_Delete(d[0]);
	cJSON_Delete(d[1]);
}

/* A dossier whose events are bad is refused by --list too, and a bad
 * --status is named. */
static void
test_listing_add__list_bad_events(void **state)
{
	struct hh_listing *l = NULL;
	struct hh_query q;
	cJSON *d;

	(void)state;
	memset(&q, 0, sizeof(q));
	q.kind = HH_LIST;
	q.at = at("2016-09-30T17:00");
	q.from = INT_MIN;
	q.to = INT_MAX;
	assert_int_equal(hh_listing_new(&l, &q, NULL, "abc"), HH_OK);
	d = stale("B-1", ",{\"at\":\"2016-09-31T10:00\",\"action\":\"done\"}");
	assert_int_equal(hh_listing_add(l, d), HH_EINVALID);
	assert_string_equal(hh_error_last(), "events[2].at: not a time");
	assert_int_equal(hh_listing_count(l), 0);
	cJSON_Delete(d);
	hh_listing_free(l);
	q.status = "closed";
	assert_int_equal(hh_listing_new(&l, &q, NULL, "abc"), HH_EINVALID);
	assert_null(l);
	assert_string_equal(hh_error_last(), "status: \"closed\" is not "
	    "received, processing, waiting_supplement, resolved, returned, "
	    "withdrawn or stopped");
}

int
main(int argc, char *argv[])
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_listing_add__list_status_is_derived),
		cmocka_unit_test(test_listing_add__list_bad_events),
	};

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("listing", tests, NULL, NULL);
}
