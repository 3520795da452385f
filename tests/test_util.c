/* test_util.c - UTF-8, folding, identifiers and dossier codes */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "hh.h"

static void
test_util_utf8_valid__table(void **state)
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
		assert_int_equal(hh_utf8_valid(t[i].s, strlen(t[i].s),
		    t[i].nl), t[i].want);
	assert_int_equal(hh_utf8_valid("a\0b", 3, 1), 0);	/* NUL */
}

static void
test_util_fold__vietnamese(void **state)
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
		f = hh_fold(t[i].in);
		assert_string_equal(f, t[i].out);
		free(f);
	}
}

static void
test_util_width__vietnamese(void **state)
{
	(void)state;
	assert_int_equal(hh_utf8_width("Hộ tịch"), 7);
	assert_int_equal(hh_utf8_width("Nguye\xcc\x82\xcc\x83n"), 6);
}

static void
test_util_id_valid__table(void **state)
{
	(void)state;
	assert_true(hh_id_valid("2.000815"));
	assert_true(hh_id_valid("YB-DT01"));
	assert_false(hh_id_valid(""));
	assert_false(hh_id_valid(".hidden"));
	assert_false(hh_id_valid("a/b"));
	assert_false(hh_id_valid(".."));
	assert_false(hh_id_valid("a b"));
	assert_true(hh_agency_valid("000.00.21.H54"));
	assert_false(hh_agency_valid("000.00.21.h54"));
	assert_false(hh_agency_valid("../x"));
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

int
main(int argc, char *argv[])
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_util_utf8_valid__table),
		cmocka_unit_test(test_util_fold__vietnamese),
		cmocka_unit_test(test_util_width__vietnamese),
		cmocka_unit_test(test_util_id_valid__table),
		cmocka_unit_test(test_dossier_path__codes),
	};

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
