/* test_text.c - UTF-8, folding, identifiers, dossier codes and quoting */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "hh.h"

static void
test_text_utf8_valid__table(void **state)
{
	static const struct {
		const char *s;
		int nl, want;
	} t[] = {
		{ "Nguyễn Văn An", 0, 1 },
		{ "plain", 0, 1 },
		{ "tab\there", 0, 0 },
		{ "tab\there", 1, 1 },
		{ "line\nbreak", 0, 0 },
		{ "\x1b[31m", 1, 0 },		/* escape */
		{ "\xc3\x28", 0, 0 },		/* bad continuation */
		{ "\xc0\xaf", 0, 0 },		/* overlong slash */
		{ "\xed\xa0\x80", 0, 0 },	/* surrogate */
		{ "\xf4\x90\x80\x80", 0, 0 },	/* beyond U+10FFFF */
		{ "\xc2\x85", 0, 0 },		/* C1 control */
		{ "\x7f", 0, 0 },		/* DEL */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		assert_int_equal(hh_text_valid(t[i].s, strlen(t[i].s),
		    t[i].nl), t[i].want);
	assert_int_equal(hh_text_valid("a\0b", 3, 1), 0);	/* NUL */
}

static void
test_text_fold__vietnamese(void **state)
{
	static const struct {
		const char *in, *out;
	} t[] = {
		{ "Nguyễn Văn An", "nguyen van an" },
		{ "ĐỖ THỊ THU", "do thi thu" },
		{ "Phạm Ngọc Ánh", "pham ngoc anh" },
		{ "Trương Quốc Hưng", "truong quoc hung" },
		{ "Nguye\xcc\x82\xcc\x83n", "nguyen" },	/* NFD */
	};
	size_t i;
	char *f;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		f = hh_text_fold(t[i].in);
		assert_string_equal(f, t[i].out);
		free(f);
	}
}

static void
test_text_width__vietnamese(void **state)
{
	(void)state;
	assert_int_equal(hh_text_width("Hộ tịch"), 7);
	assert_int_equal(hh_text_width("Nguye\xcc\x82\xcc\x83n"), 6);
}

static void
test_text_id_valid__table(void **state)
{
	(void)state;
	assert_true(hh_text_id("2.000815"));
	assert_true(hh_text_id("YB-DT01"));
	assert_false(hh_text_id(""));
	assert_false(hh_text_id(".hidden"));
	assert_false(hh_text_id("a/b"));
	assert_false(hh_text_id(".."));
	assert_false(hh_text_id("a b"));
	/* opaque: the province last (2018) or first (2026) */
	assert_true(hh_text_agency("000.00.21.H54"));
	assert_true(hh_text_agency("000.17.22.H56"));
	assert_true(hh_text_agency("H15.50.05.13"));
	assert_true(hh_text_agency("H15"));
	assert_true(hh_text_agency("AB"));
	assert_true(hh_text_agency("1.010708.000.00.00.H56"));
	assert_true(hh_text_agency("00000000000000000000000000000000"));
	assert_false(hh_text_agency("000000000000000000000000000000000"));
	assert_false(hh_text_agency("000.00.21.h54"));
	assert_false(hh_text_agency("h15.50.05.13"));
	assert_false(hh_text_agency("../x"));
	assert_false(hh_text_agency(""));
	assert_false(hh_text_agency(NULL));
	assert_false(hh_text_agency("A"));
	assert_false(hh_text_agency(".H15.50"));
	assert_false(hh_text_agency("H15.50."));
	assert_false(hh_text_agency("H15..50"));
	assert_false(hh_text_agency(".."));
	assert_false(hh_text_agency("H15-50"));
	assert_false(hh_text_agency("H15 50"));
	assert_false(hh_text_agency("H15/50"));
	assert_false(hh_text_agency("Ư15.50"));
}

static void
test_dossier_path__codes(void **state)
{
	char *p = NULL;

	(void)state;
	assert_int_equal(hh_dossier_path(&p, "000.00.21.H54-160930-0001"),
	    HH_OK);
	assert_string_equal(p,
	    "dossiers/2016/09/000.00.21.H54-160930-0001.json");
	free(p);
	assert_int_equal(hh_dossier_path(&p, "000.00.21.H54-161330-0001"),
	    HH_EINVALID);
	assert_null(p);
	assert_int_equal(hh_dossier_path(&p, "../../etc-160930-0001"),
	    HH_EINVALID);
	assert_int_equal(hh_dossier_path(&p, "000/00-160930-0001"),
	    HH_EINVALID);
	assert_int_equal(hh_dossier_path(&p, "000.00.21.H54-160930-001"),
	    HH_EINVALID);
	assert_string_equal(hh_error_last(),
	    "not a dossier code (AGENCY-YYMMDD-NNNN)");
}

static void
test_text_quote__escapes(void **state)
{
	static const struct {
		const char *in, *out;
	} t[] = {
		{ "", "" },
		{ "T-HT03", "T-HT03" },
		{ "Nguyễn Văn An", "Nguyễn Văn An" },
		{ "An\x1b[2J", "An\\x1b[2J" },		/* ESC */
		{ "An\x01", "An\\x01" },
		{ "a\tb\nc\rd", "a\\x09b\\x0ac\\x0dd" },
		{ "An\x7f", "An\\x7f" },		/* DEL */
		{ "An\xc2\x85", "An\\xc2\\x85" },	/* C1 control U+0085 */
		{ "An\xc2\xa0", "An\xc2\xa0" },	/* U+00A0 is printable */
		{ "An\xff", "An\\xff" },		/* not UTF-8 */
		{ "\xc0\xaf", "\\xc0\\xaf" },		/* overlong */
		{ "\xed\xa0\x80", "\\xed\\xa0\\x80" },	/* surrogate */
		{ "\xe1\xbb", "\\xe1\\xbb" },		/* cut-off sequence */
		{ "a\\x1b", "a\\\\x1b" },		/* no forged escape */
		{ "\"quoted\"", "\"quoted\"" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		assert_string_equal(hh_text_quote(t[i].in), t[i].out);
	assert_string_equal(hh_text_quote(NULL), "(null)");
}

/* n copies of s, then tail; two results at a time. */
static const char *
rep(const char *s, size_t n, const char *tail)
{
	static char buf[2][200000];
	static int k;
	char *b = buf[k++ % 2];
	size_t i, len = strlen(s);

	assert_true(n * len + strlen(tail) < sizeof(buf[0]));
	for (i = 0; i < n; i++)
		memcpy(b + i * len, s, len);
	strcpy(b + n * len, tail);
	return b;
}

static void
test_text_quote__long(void **state)
{
	(void)state;
	/* 64 columns are shown whole, more are cut to 48 */
	assert_string_equal(hh_text_quote(rep("a", 64, "")), rep("a", 64, ""));
	assert_string_equal(hh_text_quote(rep("a", 65, "")),
	    rep("a", 48, "…(65 bytes)"));
	assert_string_equal(hh_text_quote(rep("a", 131000, "")),
	    rep("a", 48, "…(131000 bytes)"));
	/* a letter is a column whatever its bytes, and is never split */
	assert_string_equal(hh_text_quote(rep("ệ", 64, "")), rep("ệ", 64, ""));
	assert_string_equal(hh_text_quote(rep("ệ", 65, "")),
	    rep("ệ", 48, "…(195 bytes)"));
	/* an escape is four columns, and is never split either */
	assert_string_equal(hh_text_quote(rep("\x1b", 16, "")),
	    rep("\\x1b", 16, ""));
	assert_string_equal(hh_text_quote(rep("\x1b", 17, "")),
	    rep("\\x1b", 12, "…(17 bytes)"));
	assert_string_equal(hh_text_quote(rep("a", 46,
	    "\x1b" "bbbbbbbbbbbbbbbbbbbb")), rep("a", 46, "…(67 bytes)"));
}

static void
test_text_quote__ring(void **state)
{
	const char *a, *b, *c, *d;

	(void)state;
	/* four results at once, as the arguments of one message */
	a = hh_text_quote("one");
	b = hh_text_quote("two");
	c = hh_text_quote("three");
	d = hh_text_quote("four");
	assert_string_equal(a, "one");
	assert_string_equal(b, "two");
	assert_string_equal(c, "three");
	assert_string_equal(d, "four");
	/* the fifth takes the first buffer again */
	assert_ptr_equal(hh_text_quote("five"), a);
}

/* hh_text_visible: what a terminal would act on is shown, the rest
 * (Vietnamese, line ends, CRLF of a CSV) is left as it is. */
static void
test_text_visible__table(void **state)
{
	static const struct {
		const char *in, *out;	/* out NULL: unchanged */
	} t[] = {
		{ "Nguyễn Văn A\n", NULL },
		{ "a,b\r\nc,d\r\n", NULL },
		{ "zwj \xe2\x80\x8d ok", NULL },
		{ "back\\slash", NULL },
		{ "", NULL },
		{ "\x1b[2J wiped", "\\x1b[2J wiped" },
		{ "\x1b]52;c;ZXZpbA==\x07", "\\x1b]52;c;ZXZpbA==\\x07" },
		{ "over\rwrite\n", "over\\x0dwrite\n" },
		{ "tab\there", "tab\\x09here" },
		{ "del\x7f", "del\\x7f" },
		{ "csi\xc2\x9b" "2J", "csi\\xc2\\x9b2J" },
		{ "\xe2\x80\xae" "gpj.exe", "\\xe2\\x80\\xaegpj.exe" },
		{ "bad \xff byte", "bad \\xff byte" },
		{ "end\r", "end\\x0d" },
	};
	size_t i;
	char *v;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		v = hh_text_visible(t[i].in, strlen(t[i].in));
		if (t[i].out == NULL && v != NULL)
			fail_msg("%zu: changed to %s", i, v);
		if (t[i].out != NULL && (v == NULL || strcmp(v, t[i].out)))
			fail_msg("%zu: got %s, wanted %s", i, v ? v : "(same)",
			    t[i].out);
		free(v);
	}
}

/* Names and texts refuse the characters that hide what they say. */
static void
test_text_check__invisible(void **state)
{
	static const char *const bad[] = {
		"An\xe2\x80\xae" "gpj.exe", "A\xe2\x80\x8b" "n",
		"\xe2\x81\xa6" "x", "\xef\xbb\xbf" "An", "a\xe2\x80\x8f",
		"a\xe2\x80\xaa", "a\xe2\x81\xa9", "a\xe2\x81\xa0",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(hh_text_check("applicant", bad[i], 200, 1),
		    HH_EINVALID);
		assert_string_equal(hh_error_last(), "applicant: contains a "
		    "bidirectional control or zero-width character");
	}
	/* ZWNJ and ZWJ are letters' business */
	assert_int_equal(hh_text_check("applicant", "a\xe2\x80\x8c" "b"
	    "\xe2\x80\x8d", 200, 1), HH_OK);
	assert_string_equal(hh_text_quote("\xe2\x80\xae" "x"),
	    "\\xe2\\x80\\xaex");
}

/* The nearest ids: Damerau-Levenshtein, a transposition one edit, ties
 * all named in their order, nothing beyond the cap. */
static void
test_text_nearest__ids(void **state)
{
	static const char *const ids[] = { "motcua", "tp", "tnmt", "T-CT00",
	    "T-HT03", "T-HT05" };
	static const struct {
		const char *word;
		size_t cap, n;
		const char *want;
	} t[] = {
		{ "tpp", 0, 1, "tp" },
		{ "mtocua", 0, 1, "motcua" },
		{ "vpdc", 0, 0, "" },
		{ "T-HT04", 0, 2, "T-HT03, T-HT05" },
		{ "T-HT30", 1, 1, "T-HT03" },	/* the cap given */
		{ "X-YZ99", 2, 0, "" },
	};
	char buf[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		assert_int_equal(hh_text_nearest(buf, sizeof(buf), t[i].word,
		    ids, 6, t[i].cap), t[i].n);
		assert_string_equal(buf, t[i].want);
	}
	/* a short buffer is cut, the count is still the count */
	assert_int_equal(hh_text_nearest(buf, 4, "T-HT04", ids, 6, 0), 2);
	assert_string_equal(buf, "T-H");
}

int
main(int argc, char *argv[])
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_utf8_valid__table),
		cmocka_unit_test(test_text_fold__vietnamese),
		cmocka_unit_test(test_text_width__vietnamese),
		cmocka_unit_test(test_text_id_valid__table),
		cmocka_unit_test(test_dossier_path__codes),
		cmocka_unit_test(test_text_quote__escapes),
		cmocka_unit_test(test_text_quote__long),
		cmocka_unit_test(test_text_quote__ring),
		cmocka_unit_test(test_text_visible__table),
		cmocka_unit_test(test_text_check__invisible),
		cmocka_unit_test(test_text_nearest__ids),
	};

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
