/* test_cli - what every command shares: --at and --batch */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <cjson/cJSON.h>

#include "hh.h"
#include "sandbox.h"

#define SHAPE "YYYY-MM-DDTHH:MM[:SS][+HH:MM]"
#define BAD_TIME "not a time: use " SHAPE

#define NOW "2016-09-05T12:00:00+07:00"

static char top[PATH_MAX];	/* the project, where the tests start */

/* The clock stopped at NOW; batches are files of a sandbox, named
 * relative to it. */
static int
setup(void **state)
{
	const char *dir;

	(void)state;
	setenv("HH_NOW", NOW, 1);
	if (getcwd(top, sizeof(top)) == NULL ||
	    (dir = sandbox_init()) == NULL || chdir(dir) < 0)
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	if (chdir(top) < 0)
		return -1;
	sandbox_cleanup();
	unsetenv("HH_NOW");
	return 0;
}

static void
test_cli_time__table(void **state)
{
	static const struct {
		const char *at;
		int want;
		const char *msg;	/* or the time it is */
	} t[] = {
		{ "2016-09-05T08:00", HH_OK, "2016-09-05T08:00:00+07:00" },
		{ "2016-09-05T08:00:00+07:00", HH_OK,
		    "2016-09-05T08:00:00+07:00" },
		{ "2016-09-05 01:00Z", HH_OK, "2016-09-05T08:00:00+07:00" },
		{ "1900-01-01T00:00", HH_OK, "1900-01-01T00:00:00+07:00" },
		/* now is not the future */
		{ NOW, HH_OK, NOW },
		{ "2016-09-05T05:00:00Z", HH_OK, NOW },
		{ "2016-09-05T12:00:01", HH_EINVALID,
		    "2016-09-05T12:00:01: in the future" },
		{ "2016-09-05T05:00:01Z", HH_EINVALID,
		    "2016-09-05T05:00:01Z: in the future" },
		{ "2199-12-31T23:59", HH_EINVALID,
		    "2199-12-31T23:59: in the future" },
		/* malformed: hh_time_parse's message */
		{ "yesterday", HH_EINVALID, BAD_TIME },
		{ "", HH_EINVALID, BAD_TIME },
		{ "2016-09-05", HH_EINVALID,
		    "no time of day: use " SHAPE },
		{ "2016-09-31T08:00", HH_EINVALID, "day 31 out of range" },
		{ "2016-09-05T25:00", HH_EINVALID, "hour 25 out of range" },
		{ "2016-09-05T08:00:00.5", HH_EINVALID,
		    BAD_TIME },
	};
	char buf[HH_TIME_MAX];
	int64_t v;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		v = 0;
		if (hh_cli_time(&v, t[i].at) != t[i].want)
			fail_msg("%s: not %d (%s)", t[i].at, t[i].want,
			    hh_error_last());
		if (t[i].want == HH_OK) {
			hh_time_format(buf, v);
			assert_string_equal(buf, t[i].msg);
		} else {
			sandbox_error(t[i].msg);
		}
	}
}

static void
test_cli_time__null_is_now(void **state)
{
	int64_t v = 0;

	(void)state;
	assert_int_equal(hh_cli_time(&v, NULL), HH_OK);
	assert_true(v == sandbox_at(NOW));
	setenv("HH_NOW", "2030-01-01T00:00", 1);
	assert_int_equal(hh_cli_time(&v, "2029-12-31T23:59"), HH_OK);
	assert_int_equal(hh_cli_time(&v, NULL), HH_OK);
	assert_true(v == sandbox_at("2030-01-01T00:00"));
	setenv("HH_NOW", NOW, 1);
	assert_int_equal(hh_cli_time(&v, "2029-12-31T23:59"), HH_EINVALID);
}

/* The future is compared as instants, whatever the offset. */
static void
test_cli_time__future_with_offset(void **state)
{
	int64_t v;

	(void)state;
	assert_int_equal(hh_cli_time(&v, "2016-09-05T13:00:00+08:00"), HH_OK);
	assert_int_equal(hh_cli_time(&v, "2016-09-05T12:00:00+06:00"),
	    HH_EINVALID);
	sandbox_error("2016-09-05T12:00:00+06:00: in the future");
}

/* Write the file name with text (len bytes) and read it as a batch. */
static int
batch(struct hh_batch **out, const char *name, const char *text,
    size_t len)
{
	sandbox_write(name, text, len);
	return hh_cli_batch_read(out, name);
}

static void
test_cli_batch_read__lines(void **state)
{
	static const char text[] = "{\"procedure\":\"T-HT03\"}\n"
	    "\n"
	    "   \t \n"
	    "\r\n"
	    "{\"a\":[1,2],\t\"b\":\"Nguyễn\"}\n"
	    "  {\"c\":null}  \r\n"	/* CRLF: a spreadsheet's line end */
	    "{}";		/* no newline at the end */
	struct hh_batch *b = NULL;

	(void)state;
	assert_int_equal(batch(&b, "b.jsonl", text, sizeof(text) - 1), HH_OK);
	assert_int_equal(b->n, 4);
	assert_int_equal(b->line[0], 1);
	assert_int_equal(b->line[1], 5);
	assert_int_equal(b->line[2], 6);
	assert_int_equal(b->line[3], 7);
	assert_string_equal(hh_dossier_str(b->v[0], "procedure"), "T-HT03");
	assert_string_equal(hh_dossier_str(b->v[1], "b"), "Nguyễn");
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(b->v[2], "c")));
	assert_int_equal(cJSON_GetArraySize(b->v[3]), 0);
	hh_cli_batch_free(b);
	hh_cli_batch_free(NULL);
}

static void
test_cli_batch_read__errors(void **state)
{
	static const struct {
		const char *text;
		size_t len;		/* 0: strlen */
		const char *msg;
	} t[] = {
		{ "", 0, "b.jsonl: no lines" },
		{ "\n\n  \n", 0, "b.jsonl: no lines" },
		{ "{}\n[1]\n", 0, "b.jsonl:2: not a JSON object" },
		{ "{}\n\n\"x\"\n", 0, "b.jsonl:3: not a JSON object" },
		{ "42\n", 0, "b.jsonl:1: not a JSON object" },
		{ "null\n", 0, "b.jsonl:1: not a JSON object" },
		{ "{\"a\":\n1}\n", 0, "b.jsonl:1: column 5: not valid JSON" },
		{ "{\"a\":1,}\n", 0, "b.jsonl:1: column 8: not valid JSON" },
		{ "{\"a\":\"x\0y\"}\n", 12, "b.jsonl:1: control character" },
		{ "{}\n\0\n", 5, "b.jsonl:2: control character" },
		{ "{\"a\":1} {\"b\":2}\n", 0, "b.jsonl:1: column 9: more after "
		    "the JSON value" },
		{ "{\"a\":1} x\n", 0, "b.jsonl:1: column 9: more after the "
		    "JSON value" },
		{ "{\"a\":1,\"a\":2}\n", 0, "b.jsonl:1: key \"a\" given twice" },
		{ "{\"a\":\"\xff\"}\n", 0, "b.jsonl:1: not valid UTF-8 text" },
		{ "{\"a\":\"\xc3\x28\"}\n", 0,
		    "b.jsonl:1: not valid UTF-8 text" },
		{ "{\"a\":\"\xed\xa0\x80\"}\n", 0,
		    "b.jsonl:1: not valid UTF-8 text" },
		{ "{\"a\":\"\x1b[2J\"}\n", 0,
		    "b.jsonl:1: control character" },
		{ "{}\n{\"a\":\"\\u0000\"}\n", 0, "b.jsonl:2: \\u0000 (a NUL "
		    "character) in a string" },
		{ "{\"a\\u0000\":1}\n", 0, "b.jsonl:1: \\u0000 (a NUL "
		    "character) in a string" },
		{ "{\"a\":\"\\\\\\u0000\"}\n", 0, "b.jsonl:1: \\u0000 (a NUL "
		    "character) in a string" },
	};
	struct hh_batch *b;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		b = (struct hh_batch *)&b;	/* poison */
		if (batch(&b, "b.jsonl", t[i].text, t[i].len ? t[i].len :
		    strlen(t[i].text)) != HH_EINVALID)
			fail_msg("row %zu: not HH_EINVALID", i);
		assert_null(b);
		if (strcmp(hh_error_last(), t[i].msg) != 0)
			fail_msg("row %zu:\nmessage: %s\nwanted:  %s", i,
			    hh_error_last(), t[i].msg);
	}
}

/* \\u0000 written with an escaped backslash is text, not a NUL. */
static void
test_cli_batch_read__escaped_backslash(void **state)
{
	static const char text[] = "{\"a\":\"\\\\u0000\"}\n";
	struct hh_batch *b = NULL;

	(void)state;
	assert_int_equal(batch(&b, "b.jsonl", text, sizeof(text) - 1), HH_OK);
	assert_string_equal(hh_dossier_str(b->v[0], "a"), "\\u0000");
	hh_cli_batch_free(b);
}

/* A line {"a":"aaa...a"} of n bytes, after prefix; the file's length. */
static size_t
long_line(char *buf, const char *prefix, size_t n)
{
	size_t p = strlen(prefix);

	memcpy(buf, prefix, p);
	memcpy(buf + p, "{\"a\":\"", 6);
	memset(buf + p + 6, 'a', n - 8);
	memcpy(buf + p + n - 2, "\"}\n", 3);
	return p + n + 1;
}

static void
test_cli_batch_read__line_length(void **state)
{
	const size_t max = 65536;
	char *text = malloc(max + 16);
	struct hh_batch *b = NULL;
	size_t len;

	(void)state;
	assert_non_null(text);
	/* exactly 65536 bytes and the newline */
	len = long_line(text, "", max);
	assert_int_equal(batch(&b, "b.jsonl", text, len), HH_OK);
	assert_int_equal(b->n, 1);
	hh_cli_batch_free(b);
	/* one byte more */
	len = long_line(text, "", max + 1);
	assert_int_equal(batch(&b, "b.jsonl", text, len), HH_EINVALID);
	assert_null(b);
	sandbox_error("b.jsonl:1: line longer than 65536 bytes");
	/* on a later line, blank lines counted */
	len = long_line(text, "\n{}\n", max + 1);
	assert_int_equal(batch(&b, "b.jsonl", text, len), HH_EINVALID);
	sandbox_error("b.jsonl:3: line longer than 65536 bytes");
	free(text);
}

static void
test_cli_batch_read__files(void **state)
{
	struct hh_batch *b = (struct hh_batch *)&b;

	(void)state;
	assert_int_equal(hh_cli_batch_read(&b, "missing.jsonl"),
	    HH_ENOTFOUND);
	assert_null(b);
	sandbox_error("missing.jsonl: No such file or directory");
	/* a folder is read and fails */
	assert_int_equal(hh_cli_batch_read(&b, "."), HH_ERROR);
	assert_null(b);
	sandbox_error(".: read error");
	/* the name as given, quoted */
	assert_int_equal(batch(&b, "a\tb.jsonl", "[]\n", 3), HH_EINVALID);
	sandbox_error("a\\x09b.jsonl:1: not a JSON object");
}

int
main(int argc, char *argv[])
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cli_time__table),
		cmocka_unit_test(test_cli_time__null_is_now),
		cmocka_unit_test(test_cli_time__future_with_offset),
		cmocka_unit_test(test_cli_batch_read__lines),
		cmocka_unit_test(test_cli_batch_read__errors),
		cmocka_unit_test(test_cli_batch_read__escaped_backslash),
		cmocka_unit_test(test_cli_batch_read__line_length),
		cmocka_unit_test(test_cli_batch_read__files),
	};

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("cli", tests, setup, teardown);
}
