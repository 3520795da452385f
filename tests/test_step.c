/* test_step - the dossier state machine on plain cJSON dossiers */
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

#define CODE "000.00.21.H54-160905-0001"

struct fix {
	struct hh_center *c;
	struct hh_calendar *cal;
};

static int64_t
at(const char *s)
{
	int64_t t = 0;

	if (hh_time_parse(&t, s) < 0)
		fail_msg("%s: %s", s, hh_error_last());
	return t;
}

static const struct hh_staff *
who(const struct fix *f, const char *id)
{
	const struct hh_staff *s = hh_center_staff(f->c, id);

	assert_non_null(s);
	return s;
}

/* The test centre and the shipped calendar; run from the project root. */
static int
setup(void **state)
{
	struct fix *f = calloc(1, sizeof(*f));
	char *text = NULL;
	size_t len;

	if (f == NULL || hh_file_read(&text, &len,
	    "tests/fixtures/center.json") < 0 ||
	    hh_center_parse(&f->c, text, len) < 0)
		return -1;
	free(text);
	text = NULL;
	if (hh_file_read(&text, &len, "records/calendar") < 0 ||
	    hh_calendar_parse(&f->cal, text, len, "calendar") < 0)
		return -1;
	free(text);
	hh_calendar_set_hours(f->cal, &f->c->hours);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fix *f = *state;

	hh_center_free(f->c);
	hh_calendar_free(f->cal);
	free(f);
	return 0;
}

/* A T-HT03 dossier (3 working days) received by lan on Monday 5/9/2016
 * at 08:00, due Thursday 8/9 at 17:00, as hh-intake stores it. */
static cJSON *
dossier(void)
{
	static const char text[] = "{\"schema\":1,\"code\":\"" CODE "\","
	    "\"procedure\":{\"code\":\"T-HT03\",\"name\":\"Thay đổi\","
	    "\"field\":\"Hộ tịch\",\"department\":\"tp\","
	    "\"limit\":{\"working_days\":3}},"
	    "\"applicant\":{\"name\":\"Nguyễn Văn A\"},\"channel\":\"direct\","
	    "\"documents\":[],"
	    "\"received_at\":\"2016-09-05T08:00:00+07:00\","
	    "\"effective_from\":\"2016-09-05T08:00:00+07:00\","
	    "\"due_at\":\"2016-09-08T17:00:00+07:00\",\"provisional\":false,"
	    "\"status\":\"received\",\"holder\":\"motcua\",\"events\":[{"
	    "\"at\":\"2016-09-05T08:00:00+07:00\",\"action\":\"intake\","
	    "\"actor\":\"lan\","
	    "\"details\":{\"due_at\":\"2016-09-08T17:00:00+07:00\"}}]}";
	cJSON *d = cJSON_Parse(text);

	assert_non_null(d);
	return d;
}

static const char *
str(const cJSON *d, const char *key)
{
	return hh_dossier_str(d, key);
}

/* The last event's details member key, as a string. */
static const char *
detail(const cJSON *d, const char *key)
{
	const cJSON *ev = cJSON_GetObjectItemCaseSensitive(d, "events");

	ev = cJSON_GetArrayItem(ev, cJSON_GetArraySize(ev) - 1);
	return hh_dossier_str(cJSON_GetObjectItemCaseSensitive(ev, "details"),
	    key);
}

static void
step(const struct fix *f, cJSON *d, const char *actor, enum hh_action a,
    const char *when, struct hh_step *st)
{
	st->action = a;
	st->at = at(when);
	if (hh_step_apply(d, st, who(f, actor), f->c, f->cal) < 0)
		fail_msg("%s %s: %s", actor, hh_step_name(a),
		    hh_error_last());
}

/* The step is refused, the message is exactly want (or contains it when
 * sub), and the dossier did not change. */
static void
refused(const struct fix *f, cJSON *d, const char *actor,
    const struct hh_step *st, int code, const char *want, int sub)
{
	char *before = cJSON_PrintUnformatted(d), *after;

	assert_int_equal(hh_step_apply(d, st, who(f, actor), f->c, f->cal),
	    code);
	if (sub ? strstr(hh_error_last(), want) == NULL :
	    strcmp(hh_error_last(), want) != 0)
		fail_msg("message: %s\nwanted:  %s", hh_error_last(), want);
	after = cJSON_PrintUnformatted(d);
	assert_string_equal(before, after);
	free(before);
	free(after);
}

static void
route(const struct fix *f, cJSON *d, const char *actor, const char *to,
    double days, const char *when)
{
	struct hh_step st;

	hh_step_init(&st, HH_STEP_ROUTE, 0);
	st.to = to;
	st.days = days;
	step(f, d, actor, HH_STEP_ROUTE, when, &st);
}

static void
test_step_action__names(void **state)
{
	enum hh_action a = HH_STEP_ROUTE;

	(void)state;
	assert_string_equal(hh_step_name(HH_STEP_SUPPLIED), "supplied");
	assert_string_equal(hh_step_name(HH_STEP_WITHDRAW), "withdraw");
	assert_int_equal(hh_step_parse(&a, "delay"), HH_OK);
	assert_int_equal(a, HH_STEP_DELAY);
	assert_int_equal(hh_step_parse(&a, "intake"), HH_EINVALID);
}

static void
test_step_route__desk_forwards_received(void **state)
{
	struct fix *f = *state;
	cJSON *d = dossier(), *sh;

	route(f, d, "lan", "tp", 2, "2016-09-05T09:00");
	assert_string_equal(str(d, "status"), "processing");
	assert_string_equal(str(d, "holder"), "tp");
	sh = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(d, "shares"),
	    0);
	assert_string_equal(str(sh, "department"), "tp");
	assert_string_equal(str(sh, "from"), "2016-09-05T09:00:00+07:00");
	assert_string_equal(str(sh, "due_at"), "2016-09-07T17:00:00+07:00");
	assert_string_equal(detail(d, "to"), "tp");
	assert_string_equal(detail(d, "due_at"), "2016-09-07T17:00:00+07:00");
	cJSON_Delete(d);
}

static void
test_step_route__roles(void **state)
{
	struct fix *f = *state;
	cJSON *d = dossier();
	struct hh_step st;

	hh_step_init(&st, HH_STEP_ROUTE, at("2016-09-05T09:00"));
	st.to = "tp";
	refused(f, d, "minh", &st, HH_EREFUSED, "status received (held by "
	    "motcua): actor minh (officer, tp) acts only on dossiers held by "
	    "tp", 0);
	refused(f, d, "kiemtra", &st, HH_EREFUSED, "may not route (auditor "
	    "may: nothing)", 1);
	route(f, d, "lan", "tp", -1, "2016-09-05T09:00");
	st.to = "tnmt";
	refused(f, d, "hoa", &st, HH_EREFUSED, "status processing (held by "
	    "tp): actor hoa (desk) may route only a received dossier still "
	    "held by motcua", 0);
	refused(f, d, "thu", &st, HH_EREFUSED, "acts only on dossiers held "
	    "by tnmt", 1);
	st.to = "xx";
	refused(f, d, "minh", &st, HH_ENOTFOUND, "status processing (held by "
	    "tp): no department \"xx\" (departments: motcua, tp, tnmt)", 0);
	st.to = "tp";
	refused(f, d, "minh", &st, HH_EREFUSED, "already held by tp", 1);
	st.to = "tnmt";
	st.officer = "minh";
	refused(f, d, "minh", &st, HH_EINVALID, "officer minh works in tp, "
	    "not tnmt", 1);
	st.officer = NULL;
	route(f, d, "admin", "tnmt", -1, "2016-09-05T10:00");
	assert_string_equal(str(d, "holder"), "tnmt");
	cJSON_Delete(d);
}

static void
test_step_check__at_before_last_event(void **state)
{
	struct fix *f = *state;
	cJSON *d = dossier();
	struct hh_step st;

	route(f, d, "lan", "tp", -1, "2016-09-05T09:00");
	hh_step_init(&st, HH_STEP_DONE, at("2016-09-05T08:30"));
	refused(f, d, "minh", &st, HH_EINVALID, "status processing (held by "
	    "tp): --at 2016-09-05T08:30:00+07:00 is earlier than the last "
	    "event (route at 2016-09-05T09:00:00+07:00)", 0);
	cJSON_Delete(d);
}

static void
test_step_supplied__needs_pending_request(void **state)
{
	struct fix *f = *state;
	cJSON *d = dossier();
	struct hh_step st;

	route(f, d, "lan", "tp", -1, "2016-09-05T09:00");
	hh_step_init(&st, HH_STEP_SUPPLIED, at("2016-09-06T09:00"));
	refused(f, d, "minh", &st, HH_EREFUSED, "status processing (held by "
	    "tp): --supplied needs a pending supplement request (allowed: "
	    "--to, --supplement, --delay, --done, --withdraw)", 0);
	cJSON_Delete(d);
}

static cJSON *
waiting(const struct fix *f)
{
	static const char *const docs[] = { "Tờ khai", "Bản sao CCCD" };
	cJSON *d = dossier();
	struct hh_step st;

	route(f, d, "lan", "tp", 2, "2016-09-05T09:00");
	hh_step_init(&st, HH_STEP_SUPPLEMENT, 0);
	st.reason = "Thiếu tờ khai";
	st.documents = docs;
	st.ndocuments = 2;
	step(f, d, "minh", HH_STEP_SUPPLEMENT, "2016-09-06T09:00", &st);
	return d;
}

static void
test_step_supplement__restart(void **state)
{
	struct fix *f = *state;
	cJSON *d = waiting(f), *sup;
	struct hh_step st;

	assert_string_equal(str(d, "status"), "waiting_supplement");
	sup = cJSON_GetObjectItemCaseSensitive(d, "supplement");
	assert_string_equal(str(sup, "requested_at"),
	    "2016-09-06T09:00:00+07:00");
	assert_int_equal(cJSON_GetArraySize(
	    cJSON_GetObjectItemCaseSensitive(sup, "documents")), 2);
	hh_step_init(&st, HH_STEP_SUPPLEMENT, at("2016-09-06T10:00"));
	st.reason = "again";
	refused(f, d, "minh", &st, HH_EREFUSED, "a supplement request is "
	    "already pending since 2016-09-06T09:00:00+07:00 (allowed: "
	    "--supplied, --withdraw)", 1);
	hh_step_init(&st, HH_STEP_DONE, at("2016-09-06T10:00"));
	refused(f, d, "minh", &st, HH_EREFUSED, "status waiting_supplement "
	    "(held by tp): cannot done (allowed: --supplied, --withdraw)", 0);
	f->c->pause = 0;
	hh_step_init(&st, HH_STEP_SUPPLIED, 0);
	step(f, d, "minh", HH_STEP_SUPPLIED, "2016-09-07T10:00", &st);
	/* counted again: 3 working days from Wednesday 7/9 */
	assert_string_equal(str(d, "due_at"), "2016-09-12T17:00:00+07:00");
	assert_string_equal(detail(d, "due_at"), "2016-09-12T17:00:00+07:00");
	assert_string_equal(str(d, "status"), "processing");
	assert_string_equal(str(cJSON_GetObjectItemCaseSensitive(d,
	    "supplement"), "supplied_at"), "2016-09-07T10:00:00+07:00");
	cJSON_Delete(d);
}

static void
test_step_supplement__pause(void **state)
{
	struct fix *f = *state;
	cJSON *d = waiting(f);
	struct hh_step st;
	int64_t want;
	char buf[HH_TIME_MAX];

	f->c->pause = 1;
	hh_step_init(&st, HH_STEP_SUPPLIED, 0);
	step(f, d, "minh", HH_STEP_SUPPLIED, "2016-09-07T10:00", &st);
	f->c->pause = 0;
	want = hh_deadline_pause(f->cal, at("2016-09-08T17:00"),
	    at("2016-09-06T09:00"), at("2016-09-07T10:00"), NULL);
	hh_time_format(buf, want);
	assert_string_equal(str(d, "due_at"), buf);
	/* 6 h on Tuesday and 2.5 h on Wednesday: Friday's 7.5 h and 1 h */
	assert_string_equal(buf, "2016-09-12T08:30:00+07:00");
	cJSON_Delete(d);
}

static void
test_step_delay__once_and_in_time(void **state)
{
	struct fix *f = *state;
	cJSON *d = dossier();
	struct hh_step st;

	route(f, d, "lan", "tp", -1, "2016-09-05T09:00");
	hh_step_init(&st, HH_STEP_DELAY, at("2016-09-08T08:00"));
	st.until = "2016-09-12";
	st.reason = "Chờ xác minh";
	refused(f, d, "minh", &st, HH_EREFUSED, "an apology must be made no "
	    "later than one working day before the due day", 1);
	st.at = at("2016-09-07T16:00");
	st.until = "2016-09-08";
	refused(f, d, "minh", &st, HH_EINVALID, "--until 2016-09-08 is not "
	    "after the due date", 1);
	st.until = "2016-09-10";
	refused(f, d, "minh", &st, HH_EINVALID, "is not a working day", 1);
	st.until = "2016-09-12";
	step(f, d, "minh", HH_STEP_DELAY, "2016-09-07T16:00", &st);
	assert_string_equal(str(d, "appointment_at"),
	    "2016-09-12T17:00:00+07:00");
	assert_string_equal(str(d, "due_at"), "2016-09-08T17:00:00+07:00");
	assert_string_equal(detail(d, "until"), "2016-09-12");
	st.at = at("2016-09-07T16:30");
	refused(f, d, "minh", &st, HH_EREFUSED, "status processing (held by "
	    "tp): an apology was already made (new appointment "
	    "2016-09-12T17:00:00+07:00); it is allowed once (allowed: --to, "
	    "--supplement, --done, --withdraw)", 0);
	/* late against the legal due date even with the apology */
	hh_step_init(&st, HH_STEP_DONE, 0);
	step(f, d, "minh", HH_STEP_DONE, "2016-09-09T10:00", &st);
	assert_string_equal(str(d, "class"), "late");
	cJSON_Delete(d);
}

static void
done_at(const struct fix *f, const char *when, const char *want)
{
	cJSON *d = dossier();
	struct hh_step st;

	route(f, d, "lan", "tp", -1, "2016-09-05T09:00");
	hh_step_init(&st, HH_STEP_DONE, 0);
	step(f, d, "minh", HH_STEP_DONE, when, &st);
	assert_string_equal(str(d, "status"), "resolved");
	assert_string_equal(str(d, "outcome"), "granted");
	assert_string_equal(str(d, "holder"), "motcua");
	assert_string_equal(str(d, "class"), want);
	assert_string_equal(detail(d, "class"), want);
	cJSON_Delete(d);
}

static void
test_step_done__classes(void **state)
{
	done_at(*state, "2016-09-07T16:59", "early");
	done_at(*state, "2016-09-08T08:00", "on_time");
	done_at(*state, "2016-09-08T17:00", "on_time");
	done_at(*state, "2016-09-08T17:01", "late");
}

static void
test_step_done__refused_needs_reason(void **state)
{
	struct fix *f = *state;
	cJSON *d = dossier();
	struct hh_step st;

	route(f, d, "lan", "tp", -1, "2016-09-05T09:00");
	hh_step_init(&st, HH_STEP_DONE, at("2016-09-06T09:00"));
	st.outcome = "refused";
	refused(f, d, "minh", &st, HH_EINVALID, "reason: missing", 0);
	st.reason = "Không đủ điều kiện";
	step(f, d, "minh", HH_STEP_DONE, "2016-09-06T09:00", &st);
	assert_string_equal(str(d, "outcome"), "refused");
	assert_string_equal(detail(d, "reason"), "Không đủ điều kiện");
	cJSON_Delete(d);
}

static void
test_step_return__needs_resolution(void **state)
{
	struct fix *f = *state;
	cJSON *d = dossier();
	struct hh_step st;

	hh_step_init(&st, HH_STEP_RETURN, at("2016-09-05T09:00"));
	refused(f, d, "lan", &st, HH_EREFUSED, "status received (held by "
	    "motcua): cannot return before the result is ready (allowed: "
	    "--to, --done, --withdraw)", 0);
	/* the desk resolves only while handing the result over */
	hh_step_init(&st, HH_STEP_DONE, at("2016-09-05T09:00"));
	refused(f, d, "lan", &st, HH_EREFUSED, "actor lan (desk) may not "
	    "done", 1);
	st.on_return = 1;
	step(f, d, "lan", HH_STEP_DONE, "2016-09-05T09:00", &st);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(
	    cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(
	    cJSON_GetObjectItemCaseSensitive(d, "events"), 1), "details"),
	    "on_return")));
	hh_step_init(&st, HH_STEP_RETURN, at("2016-09-05T09:00"));
	refused(f, d, "minh", &st, HH_EREFUSED, "(officer may: route, "
	    "supplement, supplied, delay, done)", 1);
	step(f, d, "hoa", HH_STEP_RETURN, "2016-09-05T09:00", &st);
	assert_string_equal(str(d, "status"), "returned");
	assert_string_equal(str(d, "returned_at"),
	    "2016-09-05T09:00:00+07:00");
	assert_string_equal(str(d, "class"), "early");
	refused(f, d, "lan", &st, HH_EREFUSED, "status returned: cannot "
	    "return (nothing is allowed on a returned dossier)", 0);
	cJSON_Delete(d);
}

static void
test_step_withdraw__is_final(void **state)
{
	struct fix *f = *state;
	cJSON *d = waiting(f), *sh;
	struct hh_step st;

	hh_step_init(&st, HH_STEP_WITHDRAW, 0);
	st.reason = "Công dân rút hồ sơ";
	step(f, d, "lan", HH_STEP_WITHDRAW, "2016-09-06T15:00", &st);
	assert_string_equal(str(d, "status"), "withdrawn");
	assert_string_equal(detail(d, "reason"), "Công dân rút hồ sơ");
	sh = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(d, "shares"),
	    0);
	assert_string_equal(str(sh, "done_at"), "2016-09-06T15:00:00+07:00");
	assert_null(cJSON_GetObjectItemCaseSensitive(sh, "class"));
	hh_step_init(&st, HH_STEP_RETURN, at("2016-09-06T16:00"));
	refused(f, d, "lan", &st, HH_EREFUSED, "status withdrawn: cannot "
	    "return (nothing is allowed on a withdrawn dossier)", 0);
	hh_step_init(&st, HH_STEP_WITHDRAW, at("2016-09-06T16:00"));
	refused(f, d, "admin", &st, HH_EREFUSED, "status withdrawn: cannot "
	    "withdraw (nothing is allowed on a withdrawn dossier)", 0);
	cJSON_Delete(d);
}

static void
test_step_shares__two_departments(void **state)
{
	struct fix *f = *state;
	cJSON *d = dossier(), *shares;
	struct hh_step st;

	route(f, d, "lan", "tp", 1, "2016-09-05T09:00");	/* due 6/9 */
	route(f, d, "minh", "tnmt", 1, "2016-09-07T09:00");	/* late */
	hh_step_init(&st, HH_STEP_DONE, 0);
	step(f, d, "thu", HH_STEP_DONE, "2016-09-07T16:00", &st);	/* early */
	shares = cJSON_GetObjectItemCaseSensitive(d, "shares");
	assert_int_equal(cJSON_GetArraySize(shares), 2);
	assert_string_equal(str(cJSON_GetArrayItem(shares, 0), "due_at"),
	    "2016-09-06T17:00:00+07:00");
	assert_string_equal(str(cJSON_GetArrayItem(shares, 0), "class"),
	    "late");
	assert_string_equal(str(cJSON_GetArrayItem(shares, 1), "due_at"),
	    "2016-09-08T17:00:00+07:00");
	assert_string_equal(str(cJSON_GetArrayItem(shares, 1), "class"),
	    "early");
	assert_string_equal(str(cJSON_GetArrayItem(shares, 1), "done_at"),
	    "2016-09-07T16:00:00+07:00");
	assert_string_equal(str(d, "class"), "early");
	cJSON_Delete(d);
}

int
main(int argc, char *argv[])
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_step_action__names),
		cmocka_unit_test(test_step_route__desk_forwards_received),
		cmocka_unit_test(test_step_route__roles),
		cmocka_unit_test(test_step_check__at_before_last_event),
		cmocka_unit_test(test_step_supplied__needs_pending_request),
		cmocka_unit_test(test_step_supplement__restart),
		cmocka_unit_test(test_step_supplement__pause),
		cmocka_unit_test(test_step_delay__once_and_in_time),
		cmocka_unit_test(test_step_done__classes),
		cmocka_unit_test(test_step_done__refused_needs_reason),
		cmocka_unit_test(test_step_return__needs_resolution),
		cmocka_unit_test(test_step_withdraw__is_final),
		cmocka_unit_test(test_step_shares__two_departments),
	};

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("workflow", tests, setup,
	    teardown);
}
