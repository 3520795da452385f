/* test_procedure - one procedure of the catalogue: parsing and limits */
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

/* SANDBOX_PROCEDURE without its limit, then the text given. */
#define BASE "{\"code\":\"T-HT03\",\"name\":\"Thay đổi\"," \
	"\"field\":\"Hộ tịch\",\"department\":\"tp\""
/* What the messages of procedures/T-HT03.json begin with. */
#define AT "procedures/T-HT03.json: "

static int
setup(void **state)
{
	*state = sandbox_center();
	return 0;
}

static int
teardown(void **state)
{
	hh_center_free(*state);
	return 0;
}

static void
test_procedure_parse__fixture(void **state)
{
	struct hh_procedure *p = sandbox_procedure(*state);

	assert_string_equal(p->code, "T-HT03");
	assert_string_equal(p->name, "Thay đổi");
	assert_string_equal(p->field, "Hộ tịch");
	assert_string_equal(p->department, "tp");
	assert_int_equal(p->limit.unit, HH_WORKING_DAYS);
	assert_true(p->limit.value == 3);
	/* the whole file is kept */
	assert_true(cJSON_IsObject(p->json));
	assert_int_equal(cJSON_GetArraySize(p->json), 5);
	hh_procedure_free(p);
	hh_procedure_free(NULL);
}

static void
test_procedure_parse__limits(void **state)
{
	static const struct {
		const char *limit;
		enum hh_unit unit;
		double value;
	} t[] = {
		{ "\"working_days\":3", HH_WORKING_DAYS, 3 },
		{ "\"working_days\":0", HH_WORKING_DAYS, 0 },
		{ "\"working_days\":0.5", HH_WORKING_DAYS, 0.5 },
		{ "\"working_days\":3650", HH_WORKING_DAYS, 3650 },
		{ "\"working_hours\":4", HH_WORKING_HOURS, 4 },
		{ "\"working_hours\":1.25", HH_WORKING_HOURS, 1.25 },
		{ "\"calendar_days\":15", HH_CALENDAR_DAYS, 15 },
		{ "\"calendar_days\":0", HH_CALENDAR_DAYS, 0 },
		/* other keys are the catalogue's business */
		{ "\"calendar_days\":2,\"fee\":null,\"documents\":[]",
		    HH_CALENDAR_DAYS, 2 },
		{ "\"working_days\":1,\"limit\":\"x\"", HH_WORKING_DAYS, 1 },
	};
	struct hh_procedure *p;
	char text[256];
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		snprintf(text, sizeof(text), BASE ",%s}", t[i].limit);
		p = NULL;
		if (hh_procedure_parse(&p, text, strlen(text), "T-HT03",
		    *state) < 0)
			fail_msg("%s: %s", t[i].limit, hh_error_last());
		assert_int_equal(p->limit.unit, t[i].unit);
		assert_true(p->limit.value == t[i].value);
		hh_procedure_free(p);
	}
}

static void
test_procedure_parse__errors(void **state)
{
	static const struct {
		const char *text, *code;
		int centre;
		const char *msg;
	} t[] = {
		/* not an object */
		{ "", "T-HT03", 1, AT "column 1: not valid JSON" },
		{ "[]", "T-HT03", 1, AT "not a JSON object" },
		{ BASE, "T-HT03", 1, AT "column 77: not valid JSON" },
		{ "\"T-HT03\"", NULL, 0,
		    "procedures/?.json: not a JSON object" },
		/* the texts */
		{ "{\"name\":\"n\",\"field\":\"f\",\"department\":\"tp\","
		    "\"working_days\":1}", "T-HT03", 1, AT "code: missing" },
		{ "{\"code\":\"T-HT03\",\"field\":\"f\",\"department\":\"tp\","
		    "\"working_days\":1}", "T-HT03", 1, AT "name: missing" },
		{ "{\"code\":\"T-HT03\",\"name\":\"n\",\"department\":\"tp\","
		    "\"working_days\":1}", "T-HT03", 1, AT "field: missing" },
		{ "{\"code\":\"T-HT03\",\"name\":\"n\",\"field\":\"f\","
		    "\"working_days\":1}", "T-HT03", 1,
		    AT "department: missing" },
		{ "{\"code\":3,\"name\":\"n\",\"field\":\"f\","
		    "\"department\":\"tp\",\"working_days\":1}", "T-HT03", 1,
		    AT "code: not a string" },
		{ "{\"code\":\"T-HT03\",\"name\":\"\",\"field\":\"f\","
		    "\"department\":\"tp\",\"working_days\":1}", "T-HT03", 1,
		    AT "name: empty" },
		{ "{\"code\":\"T-HT03\",\"name\":\"n\",\"field\":\"a\\nb\","
		    "\"department\":\"tp\",\"working_days\":1}", "T-HT03", 1,
		    AT "field: not valid UTF-8 text (or contains control "
		    "characters)" },
		/* code and file name */
		{ BASE ",\"working_days\":1}", "T-HT04", 1,
		    "procedures/T-HT04.json: code: \"T-HT03\" does not match "
		    "the file name" },
		{ BASE ",\"working_days\":1}", "t-ht03", 1,
		    "procedures/t-ht03.json: code: \"T-HT03\" does not match "
		    "the file name" },
		{ "{\"code\":\"../x\",\"name\":\"n\",\"field\":\"f\","
		    "\"department\":\"tp\",\"working_days\":1}", NULL, 1,
		    "procedures/?.json: code: \"../x\" does not match the file "
		    "name" },
		{ "{\"code\":\"T HT\",\"name\":\"n\",\"field\":\"f\","
		    "\"department\":\"tp\",\"working_days\":1}", "T HT", 1,
		    "procedures/T HT.json: code: \"T HT\" does not match the "
		    "file name" },
		/* the department, with a centre */
		{ "{\"code\":\"T-HT03\",\"name\":\"n\",\"field\":\"f\","
		    "\"department\":\"tuphap\",\"working_days\":1}",
		    "T-HT03", 1,
		    AT "department: unknown department \"tuphap\"" },
		{ "{\"code\":\"T-HT03\",\"name\":\"n\",\"field\":\"f\","
		    "\"department\":\"TP\",\"working_days\":1}", NULL, 1,
		    "procedures/?.json: department: unknown department "
		    "\"TP\"" },
		/* the limit */
		{ BASE "}", "T-HT03", 1, AT "no limit: give one of "
		    "working_days, working_hours, calendar_days" },
		{ BASE ",\"limit\":{\"working_days\":3}}", "T-HT03", 1,
		    AT "no limit: give one of working_days, working_hours, "
		    "calendar_days" },
		{ BASE ",\"working_days\":1,\"calendar_days\":2}", "T-HT03", 1,
		    AT "both working_days and calendar_days: give exactly one "
		    "limit" },
		{ BASE ",\"working_hours\":1,\"working_days\":2}", "T-HT03", 1,
		    AT "both working_days and working_hours: give exactly one "
		    "limit" },
		{ BASE ",\"calendar_days\":1,\"working_hours\":2}", "T-HT03", 1,
		    AT "both working_hours and calendar_days: give exactly one "
		    "limit" },
		{ BASE ",\"working_days\":\"3\"}", "T-HT03", 1,
		    AT "working_days: not a number" },
		{ BASE ",\"working_hours\":null}", "T-HT03", 1,
		    AT "working_hours: not a number" },
		{ BASE ",\"calendar_days\":[15]}", "T-HT03", 1,
		    AT "calendar_days: not a number" },
		{ BASE ",\"working_days\":-1}", "T-HT03", 1,
		    AT "working_days: negative limit -1" },
		{ BASE ",\"working_hours\":-0.5}", "T-HT03", 1,
		    AT "working_hours: negative limit -0.5" },
		{ BASE ",\"calendar_days\":3651}", "T-HT03", 1,
		    AT "calendar_days: limit 3651 too large (at most 3650)" },
		{ BASE ",\"working_hours\":1e9}", "T-HT03", 1,
		    AT "working_hours: limit 1e+09 too large (at most 3650)" },
		{ BASE ",\"working_days\":1.25}", "T-HT03", 1,
		    AT "working_days: working days 1.25 not a multiple of "
		    "0.5" },
		{ BASE ",\"calendar_days\":2.5}", "T-HT03", 1,
		    AT "calendar_days: calendar days 2.5 not a whole number" },
	};
	struct hh_procedure *p;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		p = (struct hh_procedure *)&p;	/* poison */
		if (hh_procedure_parse(&p, t[i].text, strlen(t[i].text),
		    t[i].code, t[i].centre ? *state : NULL) != HH_EINVALID)
			fail_msg("row %zu: not HH_EINVALID (%s)", i,
			    hh_error_last());
		assert_null(p);
		if (strcmp(hh_error_last(), t[i].msg) != 0)
			fail_msg("row %zu:\nmessage: %s\nwanted:  %s", i,
			    hh_error_last(), t[i].msg);
	}
}

static void
test_procedure_parse__without_centre(void **state)
{
	static const char text[] = "{\"code\":\"T-HT03\",\"name\":\"n\","
	    "\"field\":\"f\",\"department\":\"tuphap\",\"working_hours\":8}";
	struct hh_procedure *p = NULL;

	/* any department will do without a centre */
	assert_int_equal(hh_procedure_parse(&p, text, sizeof(text) - 1,
	    "T-HT03", NULL), HH_OK);
	assert_string_equal(p->department, "tuphap");
	hh_procedure_free(p);
	/* and without a file name any good code */
	assert_int_equal(hh_procedure_parse(&p, text, sizeof(text) - 1, NULL,
	    NULL), HH_OK);
	assert_string_equal(p->code, "T-HT03");
	assert_int_equal(p->limit.unit, HH_WORKING_HOURS);
	hh_procedure_free(p);
	assert_int_equal(hh_procedure_parse(&p, text, sizeof(text) - 1,
	    "T-HT03", *state), HH_EINVALID);
	sandbox_error(AT "department: unknown "
	    "department \"tuphap\"");
}

/* The text is len bytes, NUL or not. */
static void
test_procedure_parse__length_counts(void **state)
{
	static const char text[] = BASE ",\"working_days\":1}\0garbage";
	struct hh_procedure *p = NULL;

	assert_int_equal(hh_procedure_parse(&p, text, sizeof(text) - 9,
	    "T-HT03", *state), HH_OK);
	hh_procedure_free(p);
	assert_int_equal(hh_procedure_parse(&p, text, sizeof(text) - 10,
	    "T-HT03", *state), HH_EINVALID);
	assert_null(p);
	sandbox_error(AT "column 94: not valid JSON");
}

int
main(int argc, char *argv[])
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_procedure_parse__fixture),
		cmocka_unit_test(test_procedure_parse__limits),
		cmocka_unit_test(test_procedure_parse__errors),
		cmocka_unit_test(test_procedure_parse__without_centre),
		cmocka_unit_test(test_procedure_parse__length_counts),
	};

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("procedure", tests, setup,
	    teardown);
}
