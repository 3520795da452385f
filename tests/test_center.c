/* test_center - the centre's settings: parsing, look-ups, roles */
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

/* The test centre with one member changed (json NULL: removed) is
 * HH_EINVALID with msg; 0 if so, else 1 and why. */
static int
check_bad(const char *path, const char *json, const char *msg)
{
	struct hh_center *c = (struct hh_center *)&c;	/* poison */
	char *base = sandbox_read(SANDBOX_CENTER, NULL);
	char *text = sandbox_json_edit(base, path, json);
	int rc = hh_center_parse(&c, text, strlen(text)), wrong = 0;

	if (rc != HH_EINVALID || c != NULL ||
	    strcmp(hh_error_last(), msg) != 0) {
		print_error("%s = %s: returned %d\nmessage: %s\nwanted:  %s\n",
		    path, json ? json : "(removed)", rc, rc < 0 ?
		    hh_error_last() : "(none)", msg);
		wrong = 1;
	}
	if (rc == HH_OK)
		hh_center_free(c);
	free(text);
	free(base);
	return wrong;
}

static void
parse_bad(const char *path, const char *json, const char *msg)
{
	if (check_bad(path, json, msg))
		fail();
}

/* The test centre with one member changed parses. */
static struct hh_center *
parse_ok(const char *path, const char *json)
{
	struct hh_center *c = NULL;
	char *base = sandbox_read(SANDBOX_CENTER, NULL);
	char *text = sandbox_json_edit(base, path, json);

	if (hh_center_parse(&c, text, strlen(text)) < 0)
		fail_msg("%s = %s: %s", path, json, hh_error_last());
	free(text);
	free(base);
	return c;
}

static void
test_center_parse__fixture(void **state)
{
	struct hh_center *c = sandbox_center();
	size_t i;

	(void)state;
	assert_string_equal(c->agency_code, "000.00.21.H54");
	assert_string_equal(c->name, "Bộ phận Một cửa huyện Thử");
	assert_int_equal(c->hours.am_start, 7 * 60 + 30);
	assert_int_equal(c->hours.am_end, 11 * 60 + 30);
	assert_int_equal(c->hours.pm_start, 13 * 60 + 30);
	assert_int_equal(c->hours.pm_end, 17 * 60);
	assert_int_equal(c->hours.cutoff, 15 * 60);
	assert_int_equal(c->pause, 0);
	assert_int_equal(c->actor_override, 1);
	assert_int_equal(c->ndepts, 3);
	assert_string_equal(c->depts[0].id, "motcua");
	assert_string_equal(c->depts[2].name,
	    "Phòng Tài nguyên và Môi trường");
	assert_int_equal(c->nstaff, 6);
	assert_string_equal(c->staff[2].id, "minh");
	assert_string_equal(c->staff[2].name, "Phạm Văn Minh");
	assert_string_equal(c->staff[2].email, "minh@example.vn");
	assert_string_equal(c->staff[2].role, "officer");
	assert_string_equal(c->staff[2].department, "tp");
	/* the login defaults to the id */
	for (i = 0; i < c->nstaff; i++)
		assert_string_equal(c->staff[i].login, c->staff[i].id);
	hh_center_free(c);
	hh_center_free(NULL);
}

static void
test_center_parse__defaults_and_options(void **state)
{
	static const char min[] = "{\"agency_code\":\"H54\",\"name\":\"Thử\","
	    "\"departments\":[{\"id\":\"a\",\"name\":\"A\"}],"
	    "\"staff\":[{\"id\":\"root\",\"name\":\"R\",\"email\":\"r@x\","
	    "\"role\":\"admin\",\"department\":\"a\"}]}";
	struct hh_center *c = NULL;

	(void)state;
	/* no office_hours, cutoff, supplement or actor_override */
	assert_int_equal(hh_center_parse(&c, min, sizeof(min) - 1), HH_OK);
	assert_int_equal(c->hours.am_start, 450);
	assert_int_equal(c->hours.am_end, 690);
	assert_int_equal(c->hours.pm_start, 810);
	assert_int_equal(c->hours.pm_end, 1020);
	assert_int_equal(c->hours.cutoff, 900);
	assert_int_equal(c->pause, 0);
	assert_int_equal(c->actor_override, 0);
	assert_int_equal(c->apology_times, 1);
	assert_int_equal(c->apology_days, 1);
	assert_int_equal(c->backdate_days, 2);
	assert_string_equal(c->desk_unit, "motcua");
	assert_null(c->place);
	hh_center_free(c);
	c = parse_ok("place", "\"Hưng Hà\"");
	assert_string_equal(c->place, "Hưng Hà");
	hh_center_free(c);
	c = parse_ok("place", "\"\"");
	assert_null(c->place);
	hh_center_free(c);
	c = parse_ok("apology", "{\"times\":2,\"working_days_before\":0}");
	assert_int_equal(c->apology_times, 2);
	assert_int_equal(c->apology_days, 0);
	hh_center_free(c);
	c = parse_ok("backdate_working_days", "0");
	assert_int_equal(c->backdate_days, 0);
	hh_center_free(c);
	c = parse_ok("backdate_working_days", "100000");
	assert_int_equal(c->backdate_days, 100000);
	hh_center_free(c);
	c = parse_ok("desk_unit", "\"bpmc\"");
	assert_string_equal(c->desk_unit, "bpmc");
	hh_center_free(c);
	c = parse_ok("supplement", "\"pause\"");
	assert_int_equal(c->pause, 1);
	hh_center_free(c);
	c = parse_ok("actor_override", "false");
	assert_int_equal(c->actor_override, 0);
	hh_center_free(c);
	c = parse_ok("office_hours", "{\"morning\":[\"08:00\",\"12:00\"],"
	    "\"afternoon\":[\"12:00\",\"16:59\"]}");
	assert_int_equal(c->hours.am_start, 480);
	assert_int_equal(c->hours.am_end, 720);
	assert_int_equal(c->hours.pm_start, 720);
	assert_int_equal(c->hours.pm_end, 1019);
	hh_center_free(c);
	c = parse_ok("cutoff", "\"17:00\"");
	assert_int_equal(c->hours.cutoff, 1020);
	hh_center_free(c);
	c = parse_ok("staff[0].login", "\"tran.lan\"");
	assert_string_equal(c->staff[0].login, "tran.lan");
	hh_center_free(c);
}

static void
test_center_parse__not_json(void **state)
{
	static const struct {
		const char *text, *msg;
	} t[] = {
		{ "", "center.json: column 1: not valid JSON" },
		{ "nope", "center.json: column 1: not valid JSON" },
		{ "{\"agency_code\":", "center.json: column 15: not valid "
		    "JSON" },
		{ "{\n\t\"name\": \"x\",\n\t\"staff\" []\n}\n",
		    "center.json: line 3, column 10: not valid JSON" },
		{ "{\"name\":\"a\",\"name\":\"b\"}",
		    "center.json: key \"name\" given twice" },
		{ "[]", "center.json: not a JSON object" },
		{ "\"center\"", "center.json: not a JSON object" },
		{ "42", "center.json: not a JSON object" },
		{ "null", "center.json: not a JSON object" },
		{ "[{}]", "center.json: not a JSON object" },
	};
	struct hh_center *c;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		c = (struct hh_center *)&c;
		assert_int_equal(hh_center_parse(&c, t[i].text,
		    strlen(t[i].text)), HH_EINVALID);
		assert_null(c);
		sandbox_error(t[i].msg);
	}
	/* the length counts, not a NUL */
	assert_int_equal(hh_center_parse(&c, "{}xyz", 2), HH_EINVALID);
	sandbox_error("center.json: agency_code: missing");
}

#define NOT_AGENCY " is not an agency identifier (capitals, digits and " \
    "dots, e.g. H15.50.05.13 or 000.17.22.H56)"
#define UTF8 "not valid UTF-8 text (or contains control characters)"

static const struct {
	const char *path, *json, *msg;
} bad[] = {
	/* top-level texts */
	{ "agency_code", NULL, "center.json: agency_code: missing" },
	{ "agency_code", "null", "center.json: agency_code: missing" },
	{ "agency_code", "\"\"", "center.json: agency_code: empty" },
	{ "agency_code", "21", "center.json: agency_code: not a string" },
	{ "agency_code", "\"000.00.21.h54\"", "center.json: agency_code: "
	    "\"000.00.21.h54\"" NOT_AGENCY },
	{ "agency_code", "\".00.21.H54\"", "center.json: agency_code: "
	    "\".00.21.H54\"" NOT_AGENCY },
	{ "agency_code", "\"000/00\"", "center.json: agency_code: "
	    "\"000/00\"" NOT_AGENCY },
	{ "name", NULL, "center.json: name: missing" },
	{ "name", "\"\"", "center.json: name: empty" },
	{ "name", "[\"x\"]", "center.json: name: not a string" },
	{ "name", "\"a\\u0007b\"", "center.json: name: " UTF8 },
	/* office hours */
	{ "office_hours", "5", "center.json: office_hours.morning: expected "
	    "[\"HH:MM\", \"HH:MM\"]" },
	{ "office_hours.morning", NULL, "center.json: office_hours.morning: "
	    "expected [\"HH:MM\", \"HH:MM\"]" },
	{ "office_hours.morning", "[\"07:30\"]", "center.json: "
	    "office_hours.morning: expected [\"HH:MM\", \"HH:MM\"]" },
	{ "office_hours.morning", "\"07:30-11:30\"", "center.json: "
	    "office_hours.morning: expected [\"HH:MM\", \"HH:MM\"]" },
	{ "office_hours.afternoon", "[\"13:30\",\"17:00\",\"18:00\"]",
	    "center.json: office_hours.afternoon: expected [\"HH:MM\", "
	    "\"HH:MM\"]" },
	{ "office_hours.morning[0]", "\"7:30\"", "center.json: "
	    "office_hours.morning: expected HH:MM" },
	{ "office_hours.morning[0]", "\"07:30:00\"", "center.json: "
	    "office_hours.morning: expected HH:MM" },
	{ "office_hours.morning[0]", "\"07h30\"", "center.json: "
	    "office_hours.morning: expected HH:MM" },
	{ "office_hours.morning[0]", "730", "center.json: "
	    "office_hours.morning: expected HH:MM" },
	{ "office_hours.morning[0]", "\" 7:30\"", "center.json: "
	    "office_hours.morning: expected HH:MM" },
	{ "office_hours.morning[0]", "\"+7:30\"", "center.json: "
	    "office_hours.morning: expected HH:MM" },
	{ "office_hours.morning[0]", "\"07:+5\"", "center.json: "
	    "office_hours.morning: expected HH:MM" },
	{ "office_hours.morning[1]", "\"24:00\"", "center.json: "
	    "office_hours.morning: expected HH:MM" },
	{ "office_hours.afternoon[1]", "\"17:60\"", "center.json: "
	    "office_hours.afternoon: expected HH:MM" },
	{ "office_hours.morning", "[\"11:30\",\"07:30\"]", "center.json: "
	    "office_hours.morning: ends before it starts" },
	{ "office_hours.afternoon", "[\"13:30\",\"13:30\"]", "center.json: "
	    "office_hours.afternoon: ends before it starts" },
	{ "office_hours.afternoon", "[\"11:00\",\"17:00\"]", "center.json: "
	    "office_hours: afternoon starts before morning ends" },
	{ "cutoff", "\"3pm\"", "center.json: cutoff: expected HH:MM" },
	{ "cutoff", "15", "center.json: cutoff: expected HH:MM" },
	{ "cutoff", "\"17:01\"", "center.json: office_hours: cut-off outside "
	    "office hours" },
	{ "cutoff", "\"07:29\"", "center.json: office_hours: cut-off outside "
	    "office hours" },
	/* switches */
	{ "supplement", "\"wait\"", "center.json: supplement: expected "
	    "\"restart\" or \"pause\"" },
	{ "supplement", "\"Pause\"", "center.json: supplement: expected "
	    "\"restart\" or \"pause\"" },
	{ "supplement", "1", "center.json: supplement: expected \"restart\" "
	    "or \"pause\"" },
	{ "actor_override", "\"yes\"", "center.json: actor_override: "
	    "expected true or false" },
	{ "apology", "1", "center.json: apology: expected {\"times\": N, "
	    "\"working_days_before\": N}" },
	{ "apology", "{\"often\":1}", "center.json: apology: expected "
	    "{\"times\": N, \"working_days_before\": N}" },
	{ "apology", "{\"times\":0}", "center.json: apology.times: expected "
	    "a whole number from 1 to 10" },
	{ "apology", "{\"times\":1.5}", "center.json: apology.times: "
	    "expected a whole number from 1 to 10" },
	{ "apology", "{\"working_days_before\":-1}", "center.json: "
	    "apology.working_days_before: expected a whole number from 0 to "
	    "30" },
	{ "backdate_working_days", "-1", "center.json: "
	    "backdate_working_days: expected a whole number from 0 to "
	    "100000" },
	{ "backdate_working_days", "2.5", "center.json: "
	    "backdate_working_days: expected a whole number from 0 to "
	    "100000" },
	{ "backdate_working_days", "100001", "center.json: "
	    "backdate_working_days: expected a whole number from 0 to "
	    "100000" },
	{ "backdate_working_days", "\"2\"", "center.json: "
	    "backdate_working_days: expected a whole number from 0 to "
	    "100000" },
	{ "desk_unit", "\"một cửa\"", "center.json: desk_unit: \"một cửa\" "
	    "is not an id" },
	{ "desk_unit", "7", "center.json: desk_unit: not a string" },
	{ "place", "7", "center.json: place: not a string" },
	{ "actor_override", "1", "center.json: actor_override: expected "
	    "true or false" },
	{ "actor_override", "null", "center.json: actor_override: expected "
	    "true or false" },
	/* departments */
	{ "departments", NULL, "center.json: departments: expected a "
	    "non-empty list" },
	{ "departments", "[]", "center.json: departments: expected a "
	    "non-empty list" },
	{ "departments", "{\"id\":\"tp\",\"name\":\"x\"}", "center.json: "
	    "departments: expected a non-empty list" },
	{ "departments[0]", "\"motcua\"", "center.json: departments[0].id: "
	    "missing" },
	{ "departments[0].id", NULL, "center.json: departments[0].id: "
	    "missing" },
	{ "departments[1].id", "7", "center.json: departments[1].id: not a "
	    "string" },
	{ "departments[1].id", "\"\"", "center.json: departments[1].id: "
	    "empty" },
	{ "departments[1].id", "\"tư pháp\"", "center.json: departments[1].id: "
	    "bad id \"tư pháp\"" },
	{ "departments[1].id", "\".tp\"", "center.json: departments[1].id: "
	    "bad id \".tp\"" },
	{ "departments[2].name", NULL, "center.json: departments[2].name: "
	    "missing" },
	{ "departments[2].name", "\"a\\tb\"", "center.json: "
	    "departments[2].name: " UTF8 },
	{ "departments[1].id", "\"motcua\"", "center.json: departments[1].id: "
	    "duplicate id \"motcua\"" },
	{ "departments[2].id", "\"tp\"", "center.json: departments[2].id: "
	    "duplicate id \"tp\"" },
	/* staff: each key missing or of the wrong type */
	{ "staff", NULL, "center.json: staff: expected a non-empty list" },
	{ "staff", "[]", "center.json: staff: expected a non-empty list" },
	{ "staff", "\"lan\"", "center.json: staff: expected a non-empty "
	    "list" },
	{ "staff[0].id", NULL, "center.json: staff[0].id: missing" },
	{ "staff[0].name", NULL, "center.json: staff[0].name: missing" },
	{ "staff[0].email", NULL, "center.json: staff[0].email: missing" },
	{ "staff[0].role", NULL, "center.json: staff[0].role: missing" },
	{ "staff[0].department", NULL, "center.json: staff[0].department: "
	    "missing" },
	{ "staff[1].id", "\"\"", "center.json: staff[1].id: empty" },
	{ "staff[1].name", "\"\"", "center.json: staff[1].name: empty" },
	{ "staff[1].email", "\"\"", "center.json: staff[1].email: empty" },
	{ "staff[1].role", "\"\"", "center.json: staff[1].role: empty" },
	{ "staff[1].department", "\"\"", "center.json: staff[1].department: "
	    "empty" },
	{ "staff[2].id", "2", "center.json: staff[2].id: not a string" },
	{ "staff[2].name", "{}", "center.json: staff[2].name: not a string" },
	{ "staff[2].email", "[]", "center.json: staff[2].email: not a "
	    "string" },
	{ "staff[2].role", "true", "center.json: staff[2].role: not a "
	    "string" },
	{ "staff[2].department", "1", "center.json: staff[2].department: "
	    "not a string" },
	{ "staff[2].login", "1", "center.json: staff[2].login: not a "
	    "string" },
	{ "staff[3].name", "\"Đỗ\\nThu\"", "center.json: staff[3].name: "
	    UTF8 },
	/* staff: values */
	{ "staff[0].id", "\"lan/x\"", "center.json: staff[0].id: bad id "
	    "\"lan/x\"" },
	{ "staff[1].id", "\"lan\"", "center.json: staff[1].id: duplicate id "
	    "\"lan\"" },
	{ "staff[5].id", "\"minh\"", "center.json: staff[5].id: duplicate id "
	    "\"minh\"" },
	{ "staff[0].login", "\"tran lan\"", "center.json: staff[0].login: bad "
	    "login name \"tran lan\"" },
	{ "staff[0].login", "\"\"", "center.json: staff[0].login: bad login "
	    "name \"\"" },
	{ "staff[1].login", "\"lan\"", "center.json: staff[1].login: \"lan\" "
	    "is already the login of lan" },
	/* lan logs in as hoa, whose own login defaults to her id */
	{ "staff[0].login", "\"hoa\"", "center.json: staff[1].login: \"hoa\" "
	    "is already the login of lan" },
	{ "staff[0].email", "\"lan.example.vn\"", "center.json: "
	    "staff[0].email: not an e-mail address" },
	{ "staff[0].email", "\"Lan <lan@example.vn>\"", "center.json: "
	    "staff[0].email: not an e-mail address" },
	{ "staff[0].name", "\"Lan <lan@example.vn>\"", "center.json: "
	    "staff[0].name: must not contain < or >" },
	{ "staff[0].name", "\"a > b\"", "center.json: staff[0].name: must "
	    "not contain < or >" },
	{ "staff[0].role", "\"clerk\"", "center.json: staff[0].role: unknown "
	    "role \"clerk\" (desk, officer, admin or auditor)" },
	{ "staff[0].role", "\"Desk\"", "center.json: staff[0].role: unknown "
	    "role \"Desk\" (desk, officer, admin or auditor)" },
	{ "staff[2].department", "\"tuphap\"", "center.json: "
	    "staff[2].department: unknown department \"tuphap\"" },
	{ "staff[2].department", "\"Phòng Tư pháp\"", "center.json: "
	    "staff[2].department: unknown department \"Phòng Tư pháp\"" },
	{ "staff[4].role", "\"desk\"", "center.json: staff: no admin" },
};

static void
test_center_parse__errors(void **state)
{
	size_t i, wrong = 0;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		wrong += check_bad(bad[i].path, bad[i].json, bad[i].msg);
	assert_int_equal(wrong, 0);
}

static void
test_center_parse__long_text(void **state)
{
	char json[520];

	(void)state;
	json[0] = '"';
	memset(json + 1, 'a', 501);
	memcpy(json + 502, "\"", 2);
	parse_bad("name", json, "center.json: name: longer than 500 bytes");
	parse_bad("staff[3].email", json, "center.json: staff[3].email: "
	    "longer than 500 bytes");
	json[500] = '"';
	json[501] = '\0';
	hh_center_free(parse_ok("name", json));
}

static void
test_center_staff__lookup(void **state)
{
	struct hh_center *c = parse_ok("staff[0].login", "\"tran.lan\"");
	const struct hh_staff *s;
	const struct hh_dept *d;

	(void)state;
	s = hh_center_staff(c, "minh");
	assert_non_null(s);
	assert_ptr_equal(s, &c->staff[2]);
	assert_string_equal(s->name, "Phạm Văn Minh");
	assert_null(hh_center_staff(c, "Minh"));
	assert_null(hh_center_staff(c, "nobody"));
	assert_null(hh_center_staff(c, ""));
	assert_null(hh_center_staff(c, NULL));
	/* lan acts under the login tran.lan; her id is not a login */
	assert_ptr_equal(hh_center_login(c, "tran.lan"), &c->staff[0]);
	assert_null(hh_center_login(c, "lan"));
	assert_ptr_equal(hh_center_staff(c, "lan"), &c->staff[0]);
	assert_ptr_equal(hh_center_login(c, "kiemtra"), &c->staff[5]);
	assert_null(hh_center_login(c, "root"));
	assert_null(hh_center_login(c, NULL));
	d = hh_center_dept(c, "tp");
	assert_non_null(d);
	assert_string_equal(d->name, "Phòng Tư pháp");
	assert_ptr_equal(hh_center_dept(c, "tnmt"), &c->depts[2]);
	assert_null(hh_center_dept(c, "TP"));
	assert_null(hh_center_dept(c, "lan"));
	assert_null(hh_center_dept(c, NULL));
	hh_center_free(c);
}

static void
test_center_role_allows__every_role_and_action(void **state)
{
	static const char *const actions[] = { "intake", "route",
	    "supplement", "supplied", "delay", "done", "return", "withdraw",
	    "configure" };
	static const struct {
		const char *role;
		int allows[9];
	} t[] = {
		/*              int rou sup sud del don ret wit con */
		{ "desk",     { 1,  0,  1,  1,  0,  0,  1,  1,  0 } },
		{ "officer",  { 0,  1,  1,  1,  1,  1,  0,  0,  0 } },
		{ "admin",    { 1,  1,  1,  1,  1,  1,  1,  1,  1 } },
		{ "auditor",  { 0,  0,  0,  0,  0,  0,  0,  0,  0 } },
		{ "clerk",    { 0,  0,  0,  0,  0,  0,  0,  0,  0 } },
		{ "Admin",    { 0,  0,  0,  0,  0,  0,  0,  0,  0 } },
		{ "",         { 0,  0,  0,  0,  0,  0,  0,  0,  0 } },
	};
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		for (j = 0; j < sizeof(actions) / sizeof(actions[0]); j++)
			if (hh_center_role_allows(t[i].role, actions[j]) !=
			    t[i].allows[j])
				fail_msg("%s %s: expected %d", t[i].role,
				    actions[j], t[i].allows[j]);
	/* an action no role has */
	assert_int_equal(hh_center_role_allows("desk", "Intake"), 0);
	assert_int_equal(hh_center_role_allows("officer", ""), 0);
}

static void
test_center_role_actions__every_role(void **state)
{
	static const struct {
		const char *role, *actions;
	} t[] = {
		{ "desk", "intake, supplement, supplied, return, withdraw, "
		    "stop" },
		{ "officer", "route, supplement, supplied, delay, done, stop" },
		{ "admin", "intake, route, supplement, supplied, delay, done, "
		    "return, withdraw, stop" },
		{ "auditor", "nothing" },
		{ "clerk", "nothing" },
		{ "", "nothing" },
	};
	char buf[128];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		memset(buf, 'x', sizeof(buf));
		hh_center_role_actions(buf, t[i].role);
		assert_string_equal(buf, t[i].actions);
	}
}

/* peers and push_to (hh-sync(1)): validated, none by default */
static void
test_center_parse__peers(void **state)
{
	static const char key[] = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI"
	    "Ozb4FxXLBqLYM0YMgh+5Tv0EBjdrcTNuuAVPF6FR0vZ";
	struct hh_center *c;
	char *json;

	(void)state;
	c = parse_ok("name", "\"x\"");
	assert_int_equal(c->npeers, 0);
	assert_int_equal(c->npush, 0);
	hh_center_free(c);
	json = hh_xasprintf("[{\"agency\":\"H15.02\",\"name\":\"B\","
	    "\"url\":\"git://127.0.0.1:9418/b\",\"key\":\"%s\"},"
	    "{\"agency\":\"H15.03\",\"name\":\"C\",\"url\":\"/srv/c\"}]", key);
	c = parse_ok("peers", json);
	free(json);
	assert_int_equal(c->npeers, 2);
	assert_string_equal(c->peers[0].agency, "H15.02");
	assert_string_equal(c->peers[0].url, "git://127.0.0.1:9418/b");
	assert_string_equal(c->peers[0].key, key);
	assert_null(c->peers[1].key);
	assert_ptr_equal(hh_peer_find(c, "H15.03"), &c->peers[1]);
	assert_null(hh_peer_find(c, "H15.04"));
	hh_center_free(c);
	c = parse_ok("push_to", "[\"file:///srv/p.git\",\"ssh://h/p\"]");
	assert_int_equal(c->npush, 2);
	assert_string_equal(c->push_to[1], "ssh://h/p");
	hh_center_free(c);
	parse_bad("peers", "{}", "center.json: peers: expected a list");
	parse_bad("peers", "[1]", "center.json: peers[0]: expected "
	    "{\"agency\": CODE, \"name\": TEXT, \"url\": URL, \"key\": KEY}");
	parse_bad("peers", "[{\"agency\":\"H15.02\",\"name\":\"B\","
	    "\"url\":\"/b\",\"pass\":\"x\"}]", "center.json: peers[0]: "
	    "expected {\"agency\": CODE, \"name\": TEXT, \"url\": URL, "
	    "\"key\": KEY}");
	parse_bad("peers", "[{\"name\":\"B\",\"url\":\"/b\"}]",
	    "center.json: peers[0].agency: missing");
	parse_bad("peers", "[{\"agency\":\"h15\",\"name\":\"B\","
	    "\"url\":\"/b\"}]", "center.json: peers[0].agency: \"h15\" is "
	    "not an agency identifier");
	parse_bad("peers", "[{\"agency\":\"000.00.21.H54\",\"name\":\"B\","
	    "\"url\":\"/b\"}]", "center.json: peers[0].agency: "
	    "\"000.00.21.H54\" is this centre's own agency_code");
	parse_bad("peers", "[{\"agency\":\"H1\",\"name\":\"B\",\"url\":\"/b\"},"
	    "{\"agency\":\"H1\",\"name\":\"C\",\"url\":\"/c\"}]",
	    "center.json: peers[1].agency: \"H1\" is listed twice");
	parse_bad("peers", "[{\"agency\":\"H1\",\"name\":\"B\",\"url\":\"/b\"},"
	    "{\"agency\":\"H2\",\"name\":\"C\",\"url\":\"/b\"}]",
	    "center.json: peers[1].url: also the url of H1");
	parse_bad("peers", "[{\"agency\":\"H1\",\"name\":\"B\","
	    "\"url\":\"ext::sh -c x\"}]", "center.json: peers[0].url: "
	    "\"ext::sh -c x\" is not a path nor a file://, git:// or ssh:// "
	    "URL");
	parse_bad("peers", "[{\"agency\":\"H1\",\"name\":\"B\",\"url\":\"/b\","
	    "\"key\":\"ssh-rsa AAAA\"}]", "center.json: peers[0].key: not an "
	    "ssh-ed25519 public key");
	parse_bad("push_to", "\"/p\"",
	    "center.json: push_to: expected a list of URLs");
	parse_bad("push_to", "[3]", "center.json: push_to[0]: expected a URL");
	parse_bad("push_to", "[\"ftp://h/p\"]", "center.json: push_to[0]: "
	    "\"ftp://h/p\" is not a path nor a file://, git:// or ssh:// URL");
	parse_bad("push_to", "[\"/p\",\"/p\"]",
	    "center.json: push_to[1]: \"/p\" is listed twice");
}

int
main(int argc, char *argv[])
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_center_parse__fixture),
		cmocka_unit_test(test_center_parse__defaults_and_options),
		cmocka_unit_test(test_center_parse__not_json),
		cmocka_unit_test(test_center_parse__errors),
		cmocka_unit_test(test_center_parse__long_text),
		cmocka_unit_test(test_center_parse__peers),
		cmocka_unit_test(test_center_staff__lookup),
		cmocka_unit_test(
		    test_center_role_allows__every_role_and_action),
		cmocka_unit_test(test_center_role_actions__every_role),
	};

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("center", tests, NULL, NULL);
}
