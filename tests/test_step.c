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
#include "sandbox.h"

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

/* The step is refused, the message is exactly want (or contains it when
 * sub), and the dossier did not change. */
static void
refused(const struct sandbox *sb, cJSON *d, const char *actor,
    const struct hh_step *st, int code, const char *want, int sub)
{
	char *before = cJSON_PrintUnformatted(d), *after;

	assert_int_equal(hh_step_apply(d, st, sandbox_staff(sb, actor), sb->c,
	    sb->cal), code);
	if (sub ? strstr(hh_error_last(), want) == NULL :
	    strcmp(hh_error_last(), want) != 0)
		fail_msg("message: %s\nwanted:  %s", hh_error_last(), want);
	after = cJSON_PrintUnformatted(d);
	assert_string_equal(before, after);
	free(before);
	free(after);
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
	struct sandbox *sb = *state;
	cJSON *d = sandbox_dossier(sb, NULL), *sh;

	sandbox_route(sb, d, "lan", "tp", 2, "2016-09-05T09:00");
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
	struct sandbox *sb = *state;
	cJSON *d = sandbox_dossier(sb, NULL);
	struct hh_step st;

	hh_step_init(&st, HH_STEP_ROUTE, sandbox_at("2016-09-05T09:00"));
	st.to = "tp";
	refused(sb, d, "minh", &st, HH_EREFUSED, "status received (held by "
	    "motcua): actor minh (officer, tp) acts only on dossiers held by "
	    "tp", 0);
	refused(sb, d, "kiemtra", &st, HH_EREFUSED, "may not route (auditor "
	    "may: nothing)", 1);
	sandbox_route(sb, d, "lan", "tp", -1, "2016-09-05T09:00");
	st.to = "tnmt";
	refused(sb, d, "hoa", &st, HH_EREFUSED, "status processing (held by "
	    "tp): actor hoa (desk) may route only a received dossier still "
	    "held by motcua", 0);
	refused(sb, d, "thu", &st, HH_EREFUSED, "acts only on dossiers held "
	    "by tnmt", 1);
	st.to = "xx";
	refused(sb, d, "minh", &st, HH_ENOTFOUND, "status processing (held by "
	    "tp): no department \"xx\" (departments: motcua, tp, tnmt)", 0);
	st.to = "tp";
	refused(sb, d, "minh", &st, HH_EREFUSED, "already held by tp", 1);
	st.to = "tnmt";
	st.officer = "minh";
	refused(sb, d, "minh", &st, HH_EINVALID, "officer minh works in tp, "
	    "not tnmt", 1);
	st.officer = NULL;
	sandbox_route(sb, d, "admin", "tnmt", -1, "2016-09-05T10:00");
	assert_string_equal(str(d, "holder"), "tnmt");
	cJSON_Delete(d);
}

static void
test_step_check__at_before_last_event(void **state)
{
	struct sandbox *sb = *state;
	cJSON *d = sandbox_dossier(sb, NULL);
	struct hh_step st;

	sandbox_route(sb, d, "lan", "tp", -1, "2016-09-05T09:00");
	hh_step_init(&st, HH_STEP_DONE, sandbox_at("2016-09-05T08:30"));
	refused(sb, d, "minh", &st, HH_EINVALID, "status processing (held by "
	    "tp): --at 2016-09-05T08:30:00+07:00 is earlier than the last "
	    "event (route at 2016-09-05T09:00:00+07:00)", 0);
	cJSON_Delete(d);
}

static void
test_step_supplied__needs_pending_request(void **state)
{
	struct sandbox *sb = *state;
	cJSON *d = sandbox_dossier(sb, NULL);
	struct hh_step st;

	sandbox_route(sb, d, "lan", "tp", -1, "2016-09-05T09:00");
	hh_step_init(&st, HH_STEP_SUPPLIED, sandbox_at("2016-09-06T09:00"));
	refused(sb, d, "minh", &st, HH_EREFUSED, "status processing (held by "
	    "tp): --supplied needs a pending supplement request (allowed: "
	    "--to, --supplement, --delay, --done, --withdraw)", 0);
	cJSON_Delete(d);
}

static cJSON *
waiting(const struct sandbox *sb)
{
	static const char *const docs[] = { "Tờ khai", "Bản sao CCCD" };
	cJSON *d = sandbox_dossier(sb, NULL);
	struct hh_step st;

	sandbox_route(sb, d, "lan", "tp", 2, "2016-09-05T09:00");
	hh_step_init(&st, HH_STEP_SUPPLEMENT, 0);
	st.reason = "Thiếu tờ khai";
	st.documents = docs;
	st.ndocuments = 2;
	sandbox_step(sb, d, "minh", &st, "2016-09-06T09:00");
	return d;
}

static void
test_step_supplement__restart(void **state)
{
	struct sandbox *sb = *state;
	cJSON *d = waiting(sb), *sup;
	struct hh_step st;

	assert_string_equal(str(d, "status"), "waiting_supplement");
	sup = cJSON_GetObjectItemCaseSensitive(d, "supplement");
	assert_string_equal(str(sup, "requested_at"),
	    "2016-09-06T09:00:00+07:00");
	assert_int_equal(cJSON_GetArraySize(
	    cJSON_GetObjectItemCaseSensitive(sup, "documents")), 2);
	hh_step_init(&st, HH_STEP_SUPPLEMENT, sandbox_at("2016-09-06T10:00"));
	st.reason = "again";
	refused(sb, d, "minh", &st, HH_EREFUSED, "a supplement request is "
	    "already pending since 2016-09-06T09:00:00+07:00 (allowed: "
	    "--supplied, --withdraw)", 1);
	hh_step_init(&st, HH_STEP_DONE, sandbox_at("2016-09-06T10:00"));
	refused(sb, d, "minh", &st, HH_EREFUSED, "status waiting_supplement "
	    "(held by tp): cannot done (allowed: --supplied, --withdraw)", 0);
	sb->c->pause = 0;
	hh_step_init(&st, HH_STEP_SUPPLIED, 0);
	sandbox_step(sb, d, "minh", &st, "2016-09-07T10:00");
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
	struct sandbox *sb = *state;
	cJSON *d = waiting(sb);
	struct hh_step st;
	int64_t want;
	char buf[HH_TIME_MAX];

	sb->c->pause = 1;
	hh_step_init(&st, HH_STEP_SUPPLIED, 0);
	sandbox_step(sb, d, "minh", &st, "2016-09-07T10:00");
	sb->c->pause = 0;
	want = hh_deadline_pause(sb->cal, sandbox_at("2016-09-08T17:00"),
	    sandbox_at("2016-09-06T09:00"), sandbox_at("2016-09-07T10:00"),
	    NULL);
	hh_time_format(buf, want);
	assert_string_equal(str(d, "due_at"), buf);
	/* 6 h on Tuesday and 2.5 h on Wednesday: Friday's 7.5 h and 1 h */
	assert_string_equal(buf, "2016-09-12T08:30:00+07:00");
	cJSON_Delete(d);
}

static void
test_step_delay__once_and_in_time(void **state)
{
	struct sandbox *sb = *state;
	cJSON *d = sandbox_dossier(sb, NULL);
	struct hh_step st;

	sandbox_route(sb, d, "lan", "tp", -1, "2016-09-05T09:00");
	hh_step_init(&st, HH_STEP_DELAY, sandbox_at("2016-09-08T08:00"));
	st.until = "2016-09-12";
	st.reason = "Chờ xác minh";
	refused(sb, d, "minh", &st, HH_EREFUSED, "an apology must be made no "
	    "later than one working day before the due day", 1);
	st.at = sandbox_at("2016-09-07T16:00");
	st.until = "2016-09-08";
	refused(sb, d, "minh", &st, HH_EINVALID, "--until 2016-09-08 is not "
	    "after the due date", 1);
	st.until = "2016-09-10";
	refused(sb, d, "minh", &st, HH_EINVALID, "is not a working day", 1);
	st.until = "2016-09-12";
	sandbox_step(sb, d, "minh", &st, "2016-09-07T16:00");
	assert_string_equal(str(d, "appointment_at"),
	    "2016-09-12T17:00:00+07:00");
	assert_string_equal(str(d, "due_at"), "2016-09-08T17:00:00+07:00");
	assert_string_equal(detail(d, "until"), "2016-09-12");
	st.at = sandbox_at("2016-09-07T16:30");
	refused(sb, d, "minh", &st, HH_EREFUSED, "status processing (held by "
	    "tp): an apology was already made (new appointment "
	    "2016-09-12T17:00:00+07:00); it is allowed once (allowed: --to, "
	    "--supplement, --done, --withdraw)", 0);
	/* late against the legal due date even with the apology */
	hh_step_init(&st, HH_STEP_DONE, 0);
	sandbox_step(sb, d, "minh", &st, "2016-09-09T10:00");
	assert_string_equal(str(d, "class"), "late");
	cJSON_Delete(d);
}

static void
done_at(const struct sandbox *sb, const char *when, const char *want)
{
	cJSON *d = sandbox_dossier(sb, NULL);
	struct hh_step st;

	sandbox_route(sb, d, "lan", "tp", -1, "2016-09-05T09:00");
	hh_step_init(&st, HH_STEP_DONE, 0);
	sandbox_step(sb, d, "minh", &st, when);
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
	struct sandbox *sb = *state;
	cJSON *d = sandbox_dossier(sb, NULL);
	struct hh_step st;

	sandbox_route(sb, d, "lan", "tp", -1, "2016-09-05T09:00");
	hh_step_init(&st, HH_STEP_DONE, sandbox_at("2016-09-06T09:00"));
	st.outcome = "refused";
	refused(sb, d, "minh", &st, HH_EINVALID, "reason: missing", 0);
	st.reason = "Không đủ điều kiện";
	sandbox_step(sb, d, "minh", &st, "2016-09-06T09:00");
	assert_string_equal(str(d, "outcome"), "refused");
	assert_string_equal(detail(d, "reason"), "Không đủ điều kiện");
	cJSON_Delete(d);
}

static void
test_step_return__needs_resolution(void **state)
{
	struct sandbox *sb = *state;
	cJSON *d = sandbox_dossier(sb, NULL);
	struct hh_step st;

	hh_step_init(&st, HH_STEP_RETURN, sandbox_at("2016-09-05T09:00"));
	refused(sb, d, "lan", &st, HH_EREFUSED, "status received (held by "
	    "motcua): cannot return before the result is ready (allowed: "
	    "--to, --supplement, --done, --withdraw)", 0);
	/* the desk resolves only while handing the result over */
	hh_step_init(&st, HH_STEP_DONE, sandbox_at("2016-09-05T09:00"));
	refused(sb, d, "lan", &st, HH_EREFUSED, "actor lan (desk) may not "
	    "done", 1);
	st.on_return = 1;
	sandbox_step(sb, d, "lan", &st, "2016-09-05T09:00");
	assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(
	    cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(
	    cJSON_GetObjectItemCaseSensitive(d, "events"), 1), "details"),
	    "on_return")));
	hh_step_init(&st, HH_STEP_RETURN, sandbox_at("2016-09-05T09:00"));
	refused(sb, d, "minh", &st, HH_EREFUSED, "(officer may: route, "
	    "supplement, supplied, delay, done, stop)", 1);
	sandbox_step(sb, d, "hoa", &st, "2016-09-05T09:00");
	assert_string_equal(str(d, "status"), "returned");
	assert_string_equal(str(d, "returned_at"),
	    "2016-09-05T09:00:00+07:00");
	assert_string_equal(str(d, "class"), "early");
	refused(sb, d, "lan", &st, HH_EREFUSED, "status returned: cannot "
	    "return (nothing is allowed on a returned dossier)", 0);
	cJSON_Delete(d);
}

static void
test_step_withdraw__is_final(void **state)
{
	struct sandbox *sb = *state;
	cJSON *d = waiting(sb), *sh;
	struct hh_step st;

	hh_step_init(&st, HH_STEP_WITHDRAW, 0);
	st.reason = "Công dân rút hồ sơ";
	sandbox_step(sb, d, "lan", &st, "2016-09-06T15:00");
	assert_string_equal(str(d, "status"), "withdrawn");
	assert_string_equal(detail(d, "reason"), "Công dân rút hồ sơ");
	sh = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(d, "shares"),
	    0);
	assert_string_equal(str(sh, "done_at"), "2016-09-06T15:00:00+07:00");
	assert_null(cJSON_GetObjectItemCaseSensitive(sh, "class"));
	hh_step_init(&st, HH_STEP_RETURN, sandbox_at("2016-09-06T16:00"));
	refused(sb, d, "lan", &st, HH_EREFUSED, "status withdrawn: cannot "
	    "return (nothing is allowed on a withdrawn dossier)", 0);
	hh_step_init(&st, HH_STEP_WITHDRAW, sandbox_at("2016-09-06T16:00"));
	refused(sb, d, "admin", &st, HH_EREFUSED, "status withdrawn: cannot "
	    "withdraw (nothing is allowed on a withdrawn dossier)", 0);
	cJSON_Delete(d);
}

static void
test_step_shares__two_departments(void **state)
{
	struct sandbox *sb = *state;
	cJSON *d = sandbox_dossier(sb, NULL), *shares;
	struct hh_step st;

	/* tp's share is due 6/9 (late), tnmt's 8/9 (early) */
	sandbox_route(sb, d, "lan", "tp", 1, "2016-09-05T09:00");
	sandbox_route(sb, d, "minh", "tnmt", 1, "2016-09-07T09:00");
	hh_step_init(&st, HH_STEP_DONE, 0);
	sandbox_step(sb, d, "thu", &st, "2016-09-07T16:00");
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

/* hh_step_when: working days back from now's, across a weekend and a
 * holiday (Friday 2/9/2016, Quốc khánh); admins go further; nobody
 * before the first commit. */
static void
test_step_when__working_days_back(void **state)
{
	struct sandbox *sb = *state;
	const struct hh_staff *lan = sandbox_staff(sb, "lan");
	const struct hh_staff *admin = sandbox_staff(sb, "admin");
	int64_t now = sandbox_at("2016-09-06T10:00");	/* Tuesday */
	int64_t first = sandbox_at("2016-08-01T07:00");
	int keep = sb->c->backdate_days;

	sb->c->backdate_days = 2;
	assert_int_equal(hh_step_when(now, now, first, lan, sb->c, sb->cal),
	    HH_OK);
	/* 1 back: Monday; 2 back: Thursday 1/9 (the weekend, the 2nd off) */
	assert_int_equal(hh_step_when(sandbox_at("2016-09-05T08:00"), now,
	    first, lan, sb->c, sb->cal), HH_OK);
	assert_int_equal(hh_step_when(sandbox_at("2016-09-01T00:00"), now,
	    first, lan, sb->c, sb->cal), HH_OK);
	assert_int_equal(hh_step_when(sandbox_at("2016-09-02T10:00"), now,
	    first, NULL, sb->c, sb->cal), HH_OK);
	assert_int_equal(hh_step_when(sandbox_at("2016-08-31T23:59"), now,
	    first, lan, sb->c, sb->cal), HH_EREFUSED);
	assert_string_equal(hh_error_last(), "more than 2 working days back "
	    "(center.json backdate_working_days): an admin's step");
	assert_int_equal(hh_step_when(sandbox_at("2016-08-31T23:59"), now,
	    first, NULL, sb->c, sb->cal), HH_EREFUSED);
	assert_int_equal(hh_step_when(sandbox_at("2016-08-02T08:00"), now,
	    first, admin, sb->c, sb->cal), HH_OK);
	/* 0: today's working day alone; on a Sunday, Friday's */
	sb->c->backdate_days = 0;
	assert_int_equal(hh_step_when(sandbox_at("2016-09-06T00:00"), now,
	    first, lan, sb->c, sb->cal), HH_OK);
	assert_int_equal(hh_step_when(sandbox_at("2016-09-05T16:00"), now,
	    first, lan, sb->c, sb->cal), HH_EREFUSED);
	assert_string_equal(hh_error_last(), "more than 0 working days back "
	    "(center.json backdate_working_days): an admin's step");
	assert_int_equal(hh_step_when(sandbox_at("2016-09-09T08:00"),
	    sandbox_at("2016-09-11T12:00"), first, lan, sb->c, sb->cal),
	    HH_OK);
	sb->c->backdate_days = 1;
	assert_int_equal(hh_step_when(sandbox_at("2016-09-01T16:00"), now,
	    first, lan, sb->c, sb->cal), HH_EREFUSED);
	assert_string_equal(hh_error_last(), "more than 1 working day back "
	    "(center.json backdate_working_days): an admin's step");
	/* before the tree: nobody */
	sb->c->backdate_days = HH_BACKDATE_MAX;
	assert_int_equal(hh_step_when(first - 1, now, first, admin, sb->c,
	    sb->cal), HH_EREFUSED);
	assert_string_equal(hh_error_last(), "before the records tree was "
	    "created (its first commit, 2016-08-01T07:00:00+07:00)");
	assert_int_equal(hh_step_when(first, now, first, lan, sb->c,
	    sb->cal), HH_OK);
	assert_int_equal(hh_step_when(sandbox_at("2000-01-03T08:00"), now,
	    INT64_MIN, lan, sb->c, sb->cal), HH_OK);
	sb->c->backdate_days = keep;
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
		cmocka_unit_test(test_step_when__working_days_back),
	};

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("workflow", tests, sandbox_setup,
	    sandbox_teardown);
}
