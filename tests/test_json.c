/* test_json - members of untrusted JSON, and the one way hh prints JSON */
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

static cJSON *
parse(const char *text)
{
	cJSON *v = cJSON_Parse(text);

	if (v == NULL)
		fail_msg("not JSON: %s", text);
	return v;
}

static void
test_json_keys__table(void **state)
{
	static const char *const allowed[] = { "procedure", "applicant",
	    "documents", NULL };
	static const struct {
		const char *text;
		int want;
		const char *msg;
	} t[] = {
		{ "{}", HH_OK, NULL },
		{ "{\"procedure\":\"T\",\"applicant\":\"A\"}", HH_OK, NULL },
		{ "{\"documents\":[],\"procedure\":1}", HH_OK, NULL },
		{ "{\"procedure\":\"T\",\"fee\":1}", HH_EINVALID,
		    "unknown key \"fee\"" },
		{ "{\"Procedure\":\"T\"}", HH_EINVALID,
		    "unknown key \"Procedure\"" },
		{ "{\"\":1}", HH_EINVALID, "unknown key \"\"" },
		{ "{\"a\\u001bb\":1}", HH_EINVALID, "unknown key \"a\\x1bb\"" },
		{ "{\"procedure\":\"T\",\"applicant\":\"A\","
		    "\"procedure\":\"U\"}", HH_EINVALID,
		    "key \"procedure\" given twice" },
		/* the first problem in file order */
		{ "{\"applicant\":1,\"applicant\":2,\"x\":3}", HH_EINVALID,
		    "key \"applicant\" given twice" },
		{ "{\"x\":1,\"applicant\":2,\"applicant\":3}", HH_EINVALID,
		    "unknown key \"x\"" },
	};
	cJSON *v;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		v = parse(t[i].text);
		if (hh_json_keys(v, allowed) != t[i].want)
			fail_msg("%s: not %d", t[i].text, t[i].want);
		if (t[i].msg != NULL)
			sandbox_error(t[i].msg);
		cJSON_Delete(v);
	}
}

static void
test_json_keys__nothing_allowed(void **state)
{
	static const char *const none[] = { NULL };
	cJSON *v = parse("{\"a\":1}"), *e = parse("{}");

	(void)state;
	assert_int_equal(hh_json_keys(v, none), HH_EINVALID);
	sandbox_error("unknown key \"a\"");
	assert_int_equal(hh_json_keys(e, none), HH_OK);
	cJSON_Delete(v);
	cJSON_Delete(e);
}

static void
test_json_str__table(void **state)
{
	static const struct {
		const char *text;
		int want;
		const char *value;	/* NULL: *out is NULL */
	} t[] = {
		{ "{\"k\":\"v\"}", HH_OK, "v" },
		{ "{\"k\":\"\"}", HH_OK, "" },
		{ "{\"k\":null}", HH_OK, NULL },
		{ "{}", HH_OK, NULL },
		{ "{\"K\":\"v\"}", HH_OK, NULL },	/* case counts */
		{ "{\"k\":1}", HH_EINVALID, NULL },
		{ "{\"k\":true}", HH_EINVALID, NULL },
		{ "{\"k\":[\"v\"]}", HH_EINVALID, NULL },
		{ "{\"k\":{}}", HH_EINVALID, NULL },
	};
	const char *s;
	cJSON *v;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		v = parse(t[i].text);
		s = (const char *)&s;	/* poison */
		if (hh_json_str(&s, v, "k") != t[i].want)
			fail_msg("%s: not %d", t[i].text, t[i].want);
		if (t[i].want < 0)
			sandbox_error("k: not a string");
		if (t[i].value == NULL)
			assert_null(s);
		else
			assert_string_equal(s, t[i].value);
		cJSON_Delete(v);
	}
}

static void
test_json_strv__table(void **state)
{
	static const struct {
		const char *text;
		int want;
		size_t n;
		const char *first, *last;
	} t[] = {
		{ "{\"d\":[\"a\",\"b\",\"c\"]}", HH_OK, 3, "a", "c" },
		{ "{\"d\":\"one\"}", HH_OK, 1, "one", "one" },
		{ "{\"d\":[\"\"]}", HH_OK, 1, "", "" },
		{ "{\"d\":[]}", HH_OK, 0, NULL, NULL },
		{ "{\"d\":null}", HH_OK, 0, NULL, NULL },
		{ "{}", HH_OK, 0, NULL, NULL },
		{ "{\"d\":[\"a\",1]}", HH_EINVALID, 0, NULL, NULL },
		{ "{\"d\":[null]}", HH_EINVALID, 0, NULL, NULL },
		{ "{\"d\":[[\"a\"]]}", HH_EINVALID, 0, NULL, NULL },
		{ "{\"d\":2}", HH_EINVALID, 0, NULL, NULL },
		{ "{\"d\":{\"a\":\"b\"}}", HH_EINVALID, 0, NULL, NULL },
	};
	const char **a;
	size_t i, n;
	cJSON *v;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		v = parse(t[i].text);
		a = (const char **)&a;	/* poison */
		n = 99;
		if (hh_json_strv(&a, &n, v, "d") != t[i].want)
			fail_msg("%s: not %d", t[i].text, t[i].want);
		assert_int_equal(n, t[i].n);
		if (t[i].want < 0) {
			sandbox_error("d: not a list of strings");
			assert_null(a);
		} else if (t[i].first != NULL) {
			assert_string_equal(a[0], t[i].first);
			assert_string_equal(a[n - 1], t[i].last);
		}
		/* the strings are borrowed from the object */
		if (n > 0) {
			const cJSON *d = cJSON_GetObjectItem(v, "d");

			assert_ptr_equal(a[0], cJSON_IsString(d) ?
			    d->valuestring : d->child->valuestring);
		}
		free(a);
		cJSON_Delete(v);
	}
}

static char *
repeat(char c, size_t n)
{
	char *s = malloc(n + 1);

	assert_non_null(s);
	memset(s, c, n);
	s[n] = '\0';
	return s;
}

static void
test_json_text__table(void **state)
{
	static const struct {
		const char *value;	/* a string member; NULL: absent */
		int need, want;
		const char *out, *msg;
	} t[] = {
		{ "Phòng Tư pháp", 1, HH_OK, "Phòng Tư pháp", NULL },
		{ "a\xcc\x81", 1, HH_OK, "a\xcc\x81", NULL },	/* NFD */
		{ NULL, 0, HH_OK, NULL, NULL },
		{ NULL, 1, HH_EINVALID, NULL, "center.json: name: missing" },
		{ "", 0, HH_OK, "", NULL },
		{ "", 1, HH_EINVALID, NULL, "center.json: name: empty" },
		{ "a\tb", 0, HH_EINVALID, NULL, "center.json: name: not "
		    "valid UTF-8 text (or contains control characters)" },
		{ "a\nb", 1, HH_EINVALID, NULL, "center.json: name: not "
		    "valid UTF-8 text (or contains control characters)" },
		{ "\xff", 1, HH_EINVALID, NULL, "center.json: name: not "
		    "valid UTF-8 text (or contains control characters)" },
		{ "\xc0\xaf", 1, HH_EINVALID, NULL, "center.json: name: not "
		    "valid UTF-8 text (or contains control characters)" },
		{ "\xc2\x85", 1, HH_EINVALID, NULL, "center.json: name: not "
		    "valid UTF-8 text (or contains control characters)" },
	};
	cJSON *v;
	char *out;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		v = cJSON_CreateObject();
		if (t[i].value != NULL)
			cJSON_AddStringToObject(v, "name", t[i].value);
		out = (char *)&out;	/* poison */
		if (hh_json_text(&out, v, "name", "center.json: ",
		    t[i].need) != t[i].want)
			fail_msg("row %zu: not %d", i, t[i].want);
		if (t[i].msg != NULL)
			sandbox_error(t[i].msg);
		if (t[i].out == NULL) {
			assert_null(out);
		} else {
			assert_string_equal(out, t[i].out);
			/* a copy, not the member */
			assert_ptr_not_equal(out, cJSON_GetObjectItem(v,
			    "name")->valuestring);
		}
		free(out);
		cJSON_Delete(v);
	}
}

static void
test_json_text__types_and_lengths(void **state)
{
	static const struct {
		const char *text;
		int need, want;
		const char *msg;
	} t[] = {
		{ "{\"name\":null}", 0, HH_OK, NULL },
		{ "{\"name\":null}", 1, HH_EINVALID, "x.name: missing" },
		{ "{\"name\":1}", 0, HH_EINVALID, "x.name: not a string" },
		{ "{\"name\":false}", 1, HH_EINVALID, "x.name: not a string" },
		{ "{\"name\":[\"a\"]}", 1, HH_EINVALID,
		    "x.name: not a string" },
		{ "{\"name\":{}}", 0, HH_EINVALID, "x.name: not a string" },
	};
	char *out, *s;
	cJSON *v;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		v = parse(t[i].text);
		if (hh_json_text(&out, v, "name", "x.", t[i].need) !=
		    t[i].want)
			fail_msg("%s: not %d", t[i].text, t[i].want);
		assert_null(out);
		if (t[i].msg != NULL)
			sandbox_error(t[i].msg);
		cJSON_Delete(v);
	}
	/* HH_TEXT_MAX bytes and one more */
	v = cJSON_CreateObject();
	s = repeat('a', HH_TEXT_MAX);
	cJSON_AddStringToObject(v, "name", s);
	assert_int_equal(hh_json_text(&out, v, "name", "", 1), HH_OK);
	assert_string_equal(out, s);
	free(out);
	free(s);
	s = repeat('a', HH_TEXT_MAX + 1);
	cJSON_ReplaceItemInObject(v, "name", cJSON_CreateString(s));
	assert_int_equal(hh_json_text(&out, v, "name", "", 1), HH_EINVALID);
	sandbox_error("name: longer than 500 bytes");
	assert_null(out);
	free(s);
	cJSON_Delete(v);
}

static void
test_json_print__line_and_indented(void **state)
{
	cJSON *v = parse("{\"a\":\"x\\ty\\u0001z\",\"b\":[1,2.5,\"c\"],"
	    "\"c\":{\"d\":null,\"e\":true},\"f\":{},\"g\":[]}");
	char *s;

	(void)state;
	s = hh_json_print(v, 1);
	assert_string_equal(s, "{\"a\":\"x\\ty\\u0001z\",\"b\":[1,2.5,\"c\"],"
	    "\"c\":{\"d\":null,\"e\":true},\"f\":{},\"g\":[]}");
	free(s);
	s = hh_json_print(v, 0);
	assert_string_equal(s, "{\n"
	    "\t\"a\":\t\"x\\ty\\u0001z\",\n"
	    "\t\"b\":\t[1, 2.5, \"c\"],\n"
	    "\t\"c\":\t{\n"
	    "\t\t\"d\":\tnull,\n"
	    "\t\t\"e\":\ttrue\n"
	    "\t},\n"
	    "\t\"f\":\t{\n"
	    "\t},\n"
	    "\t\"g\":\t[]\n"
	    "}\n");
	free(s);
	cJSON_Delete(v);
}

static void
test_json_print__escapes(void **state)
{
	static const struct {
		const char *raw, *printed;
	} t[] = {
		{ "tab\there", "\"tab\\there\"" },
		{ "\x01", "\"\\u0001\"" },
		{ "\x1f\x7f", "\"\\u001f\\u007f\"" },
		/* C1 (U+009B is CSI), RLO, zero-width space: escaped too */
		{ "a\xc2\x9b" "2J", "\"a\\u009b2J\"" },
		{ "\xe2\x80\xae" "exe.jpg", "\"\\u202eexe.jpg\"" },
		{ "a\xe2\x80\x8b" "b", "\"a\\u200bb\"" },
		{ "zwj \xe2\x80\x8d", "\"zwj \xe2\x80\x8d\"" },
		{ "line\nbreak\r", "\"line\\nbreak\\r\"" },
		{ "quote \" and \\", "\"quote \\\" and \\\\\"" },
		{ "Nguyễn", "\"Nguyễn\"" },
		{ "</script>", "\"</script>\"" },
	};
	cJSON *v;
	char *s, *want;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		v = cJSON_CreateString(t[i].raw);
		s = hh_json_print(v, 1);
		assert_string_equal(s, t[i].printed);
		free(s);
		/* indented: the same text and a newline */
		s = hh_json_print(v, 0);
		want = hh_xasprintf("%s\n", t[i].printed);
		assert_string_equal(s, want);
		free(want);
		free(s);
		cJSON_Delete(v);
	}
}

static void
test_json_print__scalars(void **state)
{
	static const struct {
		const char *text, *line, *indented;
	} t[] = {
		{ "[]", "[]", "[]\n" },
		{ "{}", "{}", "{\n}\n" },
		{ "0", "0", "0\n" },
		{ "-1.5", "-1.5", "-1.5\n" },
		{ "null", "null", "null\n" },
		{ "[{\"a\":1}]", "[{\"a\":1}]", "[{\n\t\t\"a\":\t1\n\t}]\n" },
	};
	cJSON *v;
	char *s;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		v = parse(t[i].text);
		s = hh_json_print(v, 1);
		assert_string_equal(s, t[i].line);
		free(s);
		s = hh_json_print(v, 0);
		assert_string_equal(s, t[i].indented);
		free(s);
		cJSON_Delete(v);
	}
}

/* hh_json_parse: one value, no key twice anywhere, and errors that say
 * where (DIAGNOSTICS; issue "Every figure provable": a key given twice is
 * read one way by hh, another by jq). */
static void
test_json_parse__errors(void **state)
{
	static const struct {
		const char *text, *msg;	/* msg NULL: parses */
	} t[] = {
		{ "{\"a\":1}", NULL },
		{ "{\"a\":1}\n", NULL },
		{ "{\"a\":{\"b\":1},\"b\":{\"b\":2}}", NULL },
		{ "{\"a\":1,\"a\":2}", "key \"a\" given twice" },
		{ "{\"b\":0,\"a\":1,\"c\":3,\"a\":2}",
		    "key \"a\" given twice" },
		{ "{\"staff\":[{\"id\":\"x\"},{\"role\":\"desk\",\"id\":\"y\","
		    "\"role\":\"admin\"}]}",
		    "staff[1]: key \"role\" given twice" },
		{ "{\"p\":{\"limit\":{\"d\":1,\"d\":2}}}",
		    "p.limit: key \"d\" given twice" },
		{ "{\"a\" 1}", "column 6: not valid JSON" },
		{ "{\n\t\"a\": 1,\n\t\"b\" 2\n}\n",
		    "line 3, column 6: not valid JSON" },
		{ "{\"a\":1} {\"b\":2}", "column 9: more after the JSON value" },
		{ "", "column 1: not valid JSON" },
	};
	cJSON *v;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		v = hh_json_parse(t[i].text, strlen(t[i].text));
		if (t[i].msg == NULL) {
			if (v == NULL)
				fail_msg("%s: %s", t[i].text, hh_error_last());
		} else if (v != NULL)
			fail_msg("%s: parsed", t[i].text);
		else if (strcmp(hh_error_last(), t[i].msg) != 0)
			fail_msg("%s:\ngot:    %s\nwanted: %s", t[i].text,
			    hh_error_last(), t[i].msg);
		cJSON_Delete(v);
	}
}

int
main(int argc, char *argv[])
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_keys__table),
		cmocka_unit_test(test_json_keys__nothing_allowed),
		cmocka_unit_test(test_json_str__table),
		cmocka_unit_test(test_json_strv__table),
		cmocka_unit_test(test_json_text__table),
		cmocka_unit_test(test_json_text__types_and_lengths),
		cmocka_unit_test(test_json_print__line_and_indented),
		cmocka_unit_test(test_json_print__escapes),
		cmocka_unit_test(test_json_print__scalars),
		cmocka_unit_test(test_json_parse__errors),
	};

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("json", tests, NULL, NULL);
}
