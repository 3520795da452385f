/* test_life - a dossier's one life, derived from its events */
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

#define NEV_MAX 8		/* events of a table row */

static int64_t
at(const char *s)
{
	int64_t t = 0;

	if (hh_time_parse(&t, s) < 0)
		fail_msg("%s: %s", s, hh_error_last());
	return t;
}

/* An event from "TIME ACTION [key=value ...]" (keys of the details; "due"
 * is due_at). */
static cJSON *
event(const char *spec)
{
	cJSON *e = cJSON_CreateObject(), *det = cJSON_CreateObject();
	char buf[256], *tok, *save, *eq;

	snprintf(buf, sizeof(buf), "%s", spec);
	cJSON_AddStringToObject(e, "at", strtok_r(buf, " ", &save));
	cJSON_AddStringToObject(e, "action", strtok_r(NULL, " ", &save));
	cJSON_AddStringToObject(e, "actor", "lan");
	while ((tok = strtok_r(NULL, " ", &save)) != NULL) {
		eq = strchr(tok, '=');
		*eq++ = '\0';
		cJSON_AddStringToObject(det, strcmp(tok, "due") == 0 ?
		    "due_at" : tok, eq);
	}
	cJSON_AddItemToObject(e, "details", det);
	return e;
}

/* A dossier of the events specs (NULL-ended), due as the receipt says. */
static cJSON *
dossier(const char *due, const char *const *specs)
{
	cJSON *d = cJSON_CreateObject(), *p, *evs;

	cJSON_AddStringToObject(d, "code", "000.00.21.H54-160905-0001");
	p = cJSON_AddObjectToObject(d, "procedure");
	cJSON_AddStringToObject(p, "code", "T-HT03");
	cJSON_AddStringToObject(p, "name", "Đăng ký khai sinh");
	cJSON_AddStringToObject(p, "field", "Hộ tịch");
	cJSON_AddStringToObject(p, "department", "tp");
	cJSON_AddStringToObject(d, "channel", "online");
	if (due != NULL)
		cJSON_AddStringToObject(d, "due_at", due);
	evs = cJSON_AddArrayToObject(d, "events");
	for (; *specs; specs++)
		cJSON_AddItemToArray(evs, event(*specs));
	return d;
}

/* The status of each event sequence, as of t. */
static void
test_life_at__status(void **state)
{
	static const struct {
		const char *name;
		const char *ev[NEV_MAX];
		const char *t;
		int rc;
		enum hh_life_status status;
		int waiting, withdrawn;
		const char *closed, *returned;	/* NULL: 0 */
	} t[] = {
		{ "intake only",
		    { "2016-09-05T08:00 intake", NULL },
		    "2016-09-30T17:00", 1, HH_STATUS_RECEIVED, 0, 0, NULL,
		    NULL },
		{ "route",
		    { "2016-09-05T08:00 intake",
		    "2016-09-05T09:00 route to=tp", NULL },
		    "2016-09-30T17:00", 1, HH_STATUS_PROCESSING, 0, 0, NULL,
		    NULL },
		{ "supplement",
		    { "2016-09-05T08:00 intake",
		    "2016-09-05T09:00 route to=tp",
		    "2016-09-06T09:00 supplement reason=x", NULL },
		    "2016-09-30T17:00", 1, HH_STATUS_WAITING_SUPPLEMENT, 1,
		    0, NULL, NULL },
		{ "supplied",
		    { "2016-09-05T08:00 intake",
		    "2016-09-05T09:00 route to=tp",
		    "2016-09-06T09:00 supplement reason=x",
		    "2016-09-07T09:00 supplied due=2016-09-12T17:00", NULL },
		    "2016-09-30T17:00", 1, HH_STATUS_PROCESSING, 0, 0, NULL,
		    NULL },
		{ "supplement, as of before it was supplied",
		    { "2016-09-05T08:00 intake",
		    "2016-09-06T09:00 supplement reason=x",
		    "2016-09-07T09:00 supplied due=2016-09-12T17:00", NULL },
		    "2016-09-06T12:00", 1, HH_STATUS_WAITING_SUPPLEMENT, 1,
		    0, NULL, NULL },
		{ "done",
		    { "2016-09-05T08:00 intake",
		    "2016-09-05T09:00 route to=tp",
		    "2016-09-07T10:00 done", NULL },
		    "2016-09-30T17:00", 1, HH_STATUS_RESOLVED, 0, 0,
		    "2016-09-07T10:00", NULL },
		{ "done while waiting",
		    { "2016-09-05T08:00 intake",
		    "2016-09-06T09:00 supplement reason=x",
		    "2016-09-07T10:00 done outcome=refused", NULL },
		    "2016-09-30T17:00", 1, HH_STATUS_RESOLVED, 0, 0,
		    "2016-09-07T10:00", NULL },
		{ "return after done",
		    { "2016-09-05T08:00 intake",
		    "2016-09-07T10:00 done",
		    "2016-09-09T08:30 return", NULL },
		    "2016-09-30T17:00", 1, HH_STATUS_RETURNED, 0, 0,
		    "2016-09-07T10:00", "2016-09-09T08:30" },
		{ "return after done, as of before the return",
		    { "2016-09-05T08:00 intake",
		    "2016-09-07T10:00 done",
		    "2016-09-09T08:30 return", NULL },
		    "2016-09-08T17:00", 1, HH_STATUS_RESOLVED, 0, 0,
		    "2016-09-07T10:00", NULL },
		{ "return without done: it resolves",
		    { "2016-09-05T08:00 intake",
		    "2016-09-09T08:30 return", NULL },
		    "2016-09-30T17:00", 1, HH_STATUS_RETURNED, 0, 0,
		    "2016-09-09T08:30", "2016-09-09T08:30" },
		{ "withdraw",
		    { "2016-09-05T08:00 intake",
		    "2016-09-05T09:00 route to=tp",
		    "2016-09-06T09:00 supplement reason=x",
		    "2016-09-06T15:00 withdraw reason=thôi", NULL },
		    "2016-09-30T17:00", 1, HH_STATUS_WITHDRAWN, 0, 1,
		    "2016-09-06T15:00", NULL },
		{ "events after done ignored",
		    { "2016-09-05T08:00 intake",
		    "2016-09-07T10:00 done",
		    "2016-09-08T09:00 route to=tp officer=minh",
		    "2016-09-08T10:00 supplement reason=x",
		    "2016-09-08T11:00 withdraw", NULL },
		    "2016-09-30T17:00", 1, HH_STATUS_RESOLVED, 0, 0,
		    "2016-09-07T10:00", NULL },
		{ "events after withdraw ignored",
		    { "2016-09-05T08:00 intake",
		    "2016-09-06T15:00 withdraw",
		    "2016-09-07T09:00 supplied",
		    "2016-09-07T10:00 done", NULL },
		    "2016-09-30T17:00", 1, HH_STATUS_WITHDRAWN, 0, 1,
		    "2016-09-06T15:00", NULL },
		{ "events after t ignored",
		    { "2016-09-05T08:00 intake",
		    "2016-09-05T09:00 route to=tp",
		    "2016-09-07T10:00 done", NULL },
		    "2016-09-07T09:59:59", 1, HH_STATUS_PROCESSING, 0, 0,
		    NULL, NULL },
		{ "an event at t counts",
		    { "2016-09-05T08:00 intake",
		    "2016-09-07T10:00 withdraw", NULL },
		    "2016-09-07T10:00", 1, HH_STATUS_WITHDRAWN, 0, 1,
		    "2016-09-07T10:00", NULL },
		{ "delay, amend and another action change nothing",
		    { "2016-09-05T08:00 intake",
		    "2016-09-05T09:00 route to=tp",
		    "2016-09-08T09:00 delay until=2016-09-15 reason=x",
		    "2016-09-08T09:30 amend reason=x",
		    "2016-09-08T10:00 note text=x", NULL },
		    "2016-09-30T17:00", 1, HH_STATUS_PROCESSING, 0, 0, NULL,
		    NULL },
		{ "not yet received at t",
		    { "2016-09-05T08:00 intake",
		    "2016-09-05T09:00 route to=tp", NULL },
		    "2016-09-05T07:59:59", 0, HH_STATUS_RECEIVED, 0, 0, NULL,
		    NULL },
	};
	struct hh_life lf;
	cJSON *d;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		d = dossier("2016-09-08T17:00", t[i].ev);
		if (hh_life_at(&lf, d, at(t[i].t)) != t[i].rc)
			fail_msg("%s: rc %d, want %d (%s)", t[i].name,
			    hh_life_at(&lf, d, at(t[i].t)), t[i].rc,
			    hh_error_last());
		if (lf.status != t[i].status)
			fail_msg("%s: status %s, want %s", t[i].name,
			    hh_life_status_name(lf.status),
			    hh_life_status_name(t[i].status));
		if (lf.waiting != t[i].waiting ||
		    lf.withdrawn != t[i].withdrawn)
			fail_msg("%s: waiting %d withdrawn %d", t[i].name,
			    lf.waiting, lf.withdrawn);
		if (lf.closed != (t[i].closed ? at(t[i].closed) : 0) ||
		    lf.returned != (t[i].returned ? at(t[i].returned) : 0))
			fail_msg("%s: closed or returned", t[i].name);
		assert_int_equal(lf.received, at("2016-09-05T08:00"));
		cJSON_Delete(d);
	}
}

/* Bad events are named; events after t are read for their times only. */
static void
test_life_at__bad_events(void **state)
{
	static const struct {
		const char *name;
		const char *ev[NEV_MAX];
		int rc;
		const char *msg;
	} t[] = {
		{ "no events", { NULL }, HH_EINVALID, "events: missing" },
		{ "first not an intake",
		    { "2016-09-05T08:00 route to=tp", NULL }, HH_EINVALID,
		    "events[0]: not an intake" },
		{ "intake's at not a time",
		    { "2016-09-05 intake", NULL }, HH_EINVALID,
		    "events[0].at: not a time" },
		{ "at not a time",
		    { "2016-09-05T08:00 intake", "2016-09-31T10:00 done",
		    NULL }, HH_EINVALID, "events[1].at: not a time" },
		{ "at not a time, after t",
		    { "2016-09-05T08:00 intake", "2016-09-07T10:00 route",
		    "soon done", NULL }, HH_EINVALID,
		    "events[2].at: not a time" },
		{ "due_at not a time",
		    { "2016-09-05T08:00 intake",
		    "2016-09-07T10:00 supplied due=later", NULL },
		    HH_EINVALID, "events[1].details.due_at: not a time" },
		{ "the intake's due_at not a time",
		    { "2016-09-05T08:00 intake due=tomorrow", NULL },
		    HH_EINVALID, "events[0].details.due_at: not a time" },
		{ "due_at not a time after t: not read",
		    { "2016-09-05T08:00 intake",
		    "2016-10-07T10:00 supplied due=later", NULL }, 1, NULL },
		{ "a route's due_at not a time: not read",
		    { "2016-09-05T08:00 intake",
		    "2016-09-07T10:00 route to=tp due=later", NULL }, 1,
		    NULL },
	};
	struct hh_life lf;
	cJSON *d;
	size_t i;
	int rc;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		d = dossier("2016-09-08T17:00", t[i].ev);
		rc = hh_life_at(&lf, d, at("2016-09-30T17:00"));
		if (rc != t[i].rc)
			fail_msg("%s: rc %d, want %d (%s)", t[i].name, rc,
			    t[i].rc, hh_error_last());
		if (t[i].msg != NULL)
			assert_string_equal(hh_error_last(), t[i].msg);
		cJSON_Delete(d);
	}
}

/* events absent, not an array, or empty: missing. */
static void
test_life_at__events_missing(void **state)
{
	static const char *const texts[] = {
		"{\"code\":\"x\"}",
		"{\"events\":\"intake\"}",
		"{\"events\":{}}",
		"{\"events\":[]}",
		"{\"events\":null}",
	};
	struct hh_life lf;
	cJSON *d;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		d = cJSON_Parse(texts[i]);
		assert_non_null(d);
		assert_int_equal(hh_life_at(&lf, d, INT64_MAX), HH_EINVALID);
		assert_string_equal(hh_error_last(), "events: missing");
		cJSON_Delete(d);
	}
}

/* The legal due in force: the latest event's due_at but a route's (the
 * department's share); the receipt's due_at when the intake lacks one;
 * none changes after the closing; the class is against it. */
static void
test_life_at__due_in_force(void **state)
{
	static const struct {
		const char *name;
		const char *due0;	/* the dossier's due_at */
		const char *ev[NEV_MAX];
		const char *t;
		const char *due;	/* NULL: 0 */
		enum hh_class class;
	} t[] = {
		{ "the intake's", "2016-09-20T17:00",
		    { "2016-09-05T08:00 intake due=2016-09-08T17:00", NULL },
		    "2016-09-30T17:00", "2016-09-08T17:00", HH_EARLY },
		{ "the receipt's, the intake lacking one",
		    "2016-09-08T17:00",
		    { "2016-09-05T08:00 intake", NULL },
		    "2016-09-30T17:00", "2016-09-08T17:00", HH_EARLY },
		{ "none", NULL,
		    { "2016-09-05T08:00 intake", NULL },
		    "2016-09-30T17:00", NULL, HH_EARLY },
		{ "a route's due_at is the share, not the legal due",
		    "2016-09-12T17:00",
		    { "2016-09-05T08:00 intake due=2016-09-12T17:00",
		    "2016-09-05T10:00 route to=tp days=1 due=2016-09-06T17:00",
		    "2016-09-09T10:00 done", NULL },
		    "2016-09-30T17:00", "2016-09-12T17:00", HH_EARLY },
		{ "supplied gives the new due",
		    "2016-09-08T17:00",
		    { "2016-09-05T08:00 intake due=2016-09-08T17:00",
		    "2016-09-06T10:00 supplement reason=x",
		    "2016-09-20T10:00 supplied due=2016-09-23T17:00",
		    "2016-09-23T16:00 done", NULL },
		    "2016-09-30T17:00", "2016-09-23T17:00", HH_ON_TIME },
		{ "the due as of t",
		    "2016-09-08T17:00",
		    { "2016-09-05T08:00 intake due=2016-09-08T17:00",
		    "2016-09-06T10:00 supplement reason=x",
		    "2016-09-20T10:00 supplied due=2016-09-23T17:00", NULL },
		    "2016-09-19T17:00", "2016-09-08T17:00", HH_EARLY },
		{ "a delay's new date is not the legal due",
		    "2016-09-08T17:00",
		    { "2016-09-05T08:00 intake due=2016-09-08T17:00",
		    "2016-09-07T10:00 delay until=2016-09-15 reason=x",
		    "2016-09-14T10:00 done", NULL },
		    "2016-09-30T17:00", "2016-09-08T17:00", HH_LATE },
		{ "no change after the closing",
		    "2016-09-08T17:00",
		    { "2016-09-05T08:00 intake due=2016-09-08T17:00",
		    "2016-09-09T10:00 done",
		    "2016-09-10T10:00 supplied due=2016-09-23T17:00", NULL },
		    "2016-09-30T17:00", "2016-09-08T17:00", HH_LATE },
		{ "on time: the due day, by the due instant",
		    "2016-09-08T17:00",
		    { "2016-09-05T08:00 intake due=2016-09-08T17:00",
		    "2016-09-08T17:00 return", NULL },
		    "2016-09-30T17:00", "2016-09-08T17:00", HH_ON_TIME },
	};
	struct hh_life lf;
	cJSON *d;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		d = dossier(t[i].due0, t[i].ev);
		if (hh_life_at(&lf, d, at(t[i].t)) != 1)
			fail_msg("%s: %s", t[i].name, hh_error_last());
		if (lf.due != (t[i].due ? at(t[i].due) : 0))
			fail_msg("%s: due %lld", t[i].name,
			    (long long)lf.due);
		if (lf.closed != 0 && lf.class != t[i].class)
			fail_msg("%s: class %s, want %s", t[i].name,
			    hh_deadline_class(lf.class),
			    hh_deadline_class(t[i].class));
		cJSON_Delete(d);
	}
}

/* The officer: the last route's that names one, until the closing. */
static void
test_life_at__officer(void **state)
{
	static const char *const ev[] = { "2016-09-05T08:00 intake",
	    "2016-09-05T09:00 route to=tp officer=minh",
	    "2016-09-06T09:00 route to=tp",
	    "2016-09-07T09:00 route to=stnmt officer=hoa",
	    "2016-09-08T09:00 done",
	    "2016-09-09T09:00 route to=tp officer=lan", NULL };
	struct hh_life lf;
	cJSON *d = dossier(NULL, ev);

	(void)state;
	assert_int_equal(hh_life_at(&lf, d, at("2016-09-06T12:00")), 1);
	assert_string_equal(lf.officer, "minh");
	assert_int_equal(hh_life_at(&lf, d, INT64_MAX), 1);
	assert_string_equal(lf.officer, "hoa");
	assert_int_equal(hh_life_at(&lf, d, at("2016-09-05T08:30")), 1);
	assert_null(lf.officer);
	cJSON_Delete(d);
}

/* The summary holds what the life and the report read, and gives the
 * same life; more events than its own room are allocated. */
static void
test_life_summarize__fields_and_many_events(void **state)
{
	const char *ev[HH_LIFE_SMALL + 13];
	char buf[HH_LIFE_SMALL + 11][64];
	struct hh_life_sum sum;
	struct hh_life a, b;
	cJSON *d;
	size_t i, n = HH_LIFE_SMALL + 11;

	(void)state;
	ev[0] = "2016-09-05T08:00 intake due=2016-09-08T17:00";
	for (i = 1; i < n; i++) {
		snprintf(buf[i], sizeof(buf[i]), "2016-09-06T%02zu:%02zu %s",
		    8 + i / 60, i % 60, i % 2 ? "supplement" : "supplied");
		ev[i] = buf[i];
	}
	ev[n] = "2016-09-07T10:00 route to=tp officer=minh";
	ev[n + 1] = NULL;
	d = dossier("2016-09-20T17:00", ev);
	hh_life_summarize(&sum, d);
	assert_string_equal(sum.field, "Hộ tịch");
	assert_string_equal(sum.dept, "tp");
	assert_string_equal(sum.pcode, "T-HT03");
	assert_string_equal(sum.pname, "Đăng ký khai sinh");
	assert_string_equal(sum.channel, "online");
	assert_int_equal(sum.due0, at("2016-09-20T17:00"));
	assert_int_equal(sum.events_ok, 1);
	assert_int_equal(sum.nev, n + 1);
	assert_true(sum.ev != sum.small);
	assert_int_equal(sum.ev[0].event, HH_EVENT_INTAKE);
	assert_int_equal(sum.ev[0].due, 1);
	assert_int_equal(sum.ev[n].event, HH_EVENT_ROUTE);
	assert_string_equal(sum.ev[n].officer, "minh");
	assert_int_equal(hh_life_of_sum(&a, &sum, INT64_MAX), 1);
	assert_int_equal(hh_life_at(&b, d, INT64_MAX), 1);
	assert_memory_equal(&a, &b, sizeof(a));
	assert_int_equal(a.status, HH_STATUS_PROCESSING);
	assert_int_equal(a.waiting, 0);
	assert_string_equal(a.officer, "minh");
	hh_life_release(&sum);
	hh_life_release(NULL);
	cJSON_Delete(d);

	/* a few events: the struct's own room */
	ev[1] = NULL;
	d = dossier(NULL, ev);
	hh_life_summarize(&sum, d);
	assert_true(sum.ev == sum.small);
	assert_int_equal(sum.nev, 1);
	assert_int_equal(sum.due0, 0);
	hh_life_release(&sum);
	cJSON_Delete(d);
}

/* Every status name parses back; anything else is named. */
static void
test_life_status__names(void **state)
{
	static const struct {
		enum hh_life_status s;
		const char *name, *label;
	} t[] = {
		{ HH_STATUS_RECEIVED, "received", "Đã tiếp nhận" },
		{ HH_STATUS_PROCESSING, "processing", "Đang giải quyết" },
		{ HH_STATUS_WAITING_SUPPLEMENT, "waiting_supplement",
		    "Chờ bổ sung" },
		{ HH_STATUS_RESOLVED, "resolved", "Đã giải quyết" },
		{ HH_STATUS_RETURNED, "returned", "Đã trả kết quả" },
		{ HH_STATUS_WITHDRAWN, "withdrawn", "Đã rút" },
		{ HH_STATUS_STOPPED, "stopped", "Dừng giải quyết" },
	};
	static const char *const bad[] = { "", "Received", "waiting",
	    "resolved ", "closed" };
	enum hh_life_status s;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		assert_string_equal(hh_life_status_name(t[i].s), t[i].name);
		assert_string_equal(hh_life_status_label(t[i].s),
		    t[i].label);
		s = HH_STATUS_STOPPED + 1;
		assert_int_equal(hh_life_status_parse(&s, t[i].name), HH_OK);
		assert_int_equal(s, t[i].s);
	}
	assert_null(hh_life_status_name(HH_STATUS_STOPPED + 1));
	assert_null(hh_life_status_label(HH_STATUS_STOPPED + 1));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(hh_life_status_parse(&s, bad[i]),
		    HH_EINVALID);
		assert_non_null(strstr(hh_error_last(), " is not received, "
		    "processing, waiting_supplement, resolved, returned, "
		    "withdrawn or stopped"));
	}
	assert_string_equal(hh_error_last(), "\"closed\" is not received, "
	    "processing, waiting_supplement, resolved, returned, "
	    "withdrawn or stopped");
}

/* Every event action parses back; anything else is named. */
static void
test_life_event__names(void **state)
{
	static const struct {
		enum hh_life_event e;
		const char *name;
	} t[] = {
		{ HH_EVENT_INTAKE, "intake" },
		{ HH_EVENT_ROUTE, "route" },
		{ HH_EVENT_SUPPLEMENT, "supplement" },
		{ HH_EVENT_SUPPLIED, "supplied" },
		{ HH_EVENT_DELAY, "delay" },
		{ HH_EVENT_DONE, "done" },
		{ HH_EVENT_RETURN, "return" },
		{ HH_EVENT_WITHDRAW, "withdraw" },
		{ HH_EVENT_STOP, "stop" },
		{ HH_EVENT_AMEND, "amend" },
	};
	enum hh_life_event e;
	size_t i;

	(void)state;
	assert_int_equal(sizeof(t) / sizeof(t[0]), HH_EVENT_OTHER);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		assert_string_equal(hh_life_event_name(t[i].e), t[i].name);
		e = HH_EVENT_OTHER;
		assert_int_equal(hh_life_event_parse(&e, t[i].name), HH_OK);
		assert_int_equal(e, t[i].e);
	}
	/* the events the steps record are the life's (step.c) */
	for (i = HH_STEP_ROUTE; i <= HH_STEP_AMEND; i++) {
		assert_int_equal(hh_life_event_parse(&e,
		    hh_step_name((enum hh_action)i)), HH_OK);
		assert_string_equal(hh_life_event_name(e),
		    hh_step_name((enum hh_action)i));
	}
	assert_null(hh_life_event_name(HH_EVENT_OTHER));
	e = HH_EVENT_DONE;
	assert_int_equal(hh_life_event_parse(&e, "other"), HH_EINVALID);
	assert_int_equal(e, HH_EVENT_DONE);
	assert_string_equal(hh_error_last(), "\"other\" is not intake, "
	    "route, supplement, supplied, delay, done, return, withdraw, stop "
	    "or amend");
	assert_int_equal(hh_life_event_parse(&e, "Intake"), HH_EINVALID);
}

int
main(int argc, char *argv[])
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_life_at__status),
		cmocka_unit_test(test_life_at__bad_events),
		cmocka_unit_test(test_life_at__events_missing),
		cmocka_unit_test(test_life_at__due_in_force),
		cmocka_unit_test(test_life_at__officer),
		cmocka_unit_test(test_life_summarize__fields_and_many_events),
		cmocka_unit_test(test_life_status__names),
		cmocka_unit_test(test_life_event__names),
	};

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("life", tests, NULL, NULL);
}
