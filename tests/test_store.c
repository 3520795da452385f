/* test_store.c - the git store: commits without the index, CAS, export */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "hh.h"
#include "sandbox.h"

static int
setup(void **state)
{
	struct hh_store *s = NULL;
	const char *dir = sandbox_init();

	setenv("HH_FSYNC", "0", 1);
	setenv("HH_NOW", "2016-09-05T09:00:00+07:00", 1);
	if (dir == NULL || hh_store_create(&s, dir, NULL) < 0)
		return -1;
	*state = s;
	return 0;
}

static int
teardown(void **state)
{
	hh_store_free(*state);
	sandbox_cleanup();
	return 0;
}

static const struct hh_author who = { "Trần Thị Lan", "lan@example.vn",
    1473040800 };

static void
put(struct hh_store *s, const char *path, const char *data, int want)
{
	struct hh_file f = { path, data, data ? strlen(data) : 0 };

	assert_int_equal(hh_store_commit(s, &f, 1, &who, "test\n"), want);
}

static void
test_store_commit__first_and_read_back(void **state)
{
	struct hh_store *s = *state;
	char *text = NULL, *disk = NULL, *path;

	assert_string_equal(hh_store_head(s), "");
	put(s, "dossiers/2016/09/a.json", "{}\n", HH_OK);
	assert_int_equal(strlen(hh_store_head(s)), 40);
	assert_int_equal(hh_store_read(&text, NULL, s,
	    "dossiers/2016/09/a.json"), HH_OK);
	assert_string_equal(text, "{}\n");
	path = hh_xasprintf("%s/dossiers/2016/09/a.json", hh_store_dir(s));
	assert_int_equal(hh_file_read(&disk, NULL, path), HH_OK);
	assert_string_equal(disk, "{}\n");
	free(path);
	free(disk);
	free(text);
}

static void
test_store_commit__unchanged_is_eexists(void **state)
{
	struct hh_store *s = *state;

	put(s, "x", "1\n", HH_OK);
	put(s, "x", "1\n", HH_EEXISTS);
}

static void
test_store_commit__stale_snapshot_is_conflict(void **state)
{
	struct hh_store *s = *state, *other = NULL;
	char head[41];

	put(s, "x", "1\n", HH_OK);
	assert_int_equal(hh_store_open(&other, hh_store_dir(s)), HH_OK);
	put(other, "y", "2\n", HH_OK);
	/* s still builds on the old HEAD: the branch must not move */
	strcpy(head, hh_store_head(other));
	put(s, "z", "3\n", HH_ECONFLICT);
	assert_int_equal(hh_store_refresh(s), HH_OK);
	assert_string_equal(hh_store_head(s), head);
	put(s, "z", "3\n", HH_OK);
	hh_store_free(other);
}

static void
test_store_list__sorted_and_missing(void **state)
{
	struct hh_store *s = *state;
	char **names = NULL;
	size_t n;

	put(s, "d/b", "b\n", HH_OK);
	put(s, "d/a", "a\n", HH_OK);
	assert_int_equal(hh_store_list(&names, &n, s, "d"), HH_OK);
	assert_int_equal(n, 2);
	assert_string_equal(names[0], "a");
	assert_string_equal(names[1], "b");
	hh_mem_strv_free(names);
	assert_int_equal(hh_store_list(&names, &n, s, "nope"), HH_OK);
	assert_int_equal(n, 0);
	hh_mem_strv_free(names);
}

static void
test_store_read__missing_sets_out_to_null(void **state)
{
	char *text = (char *)&text;

	put(*state, "x", "1\n", HH_OK);
	assert_int_equal(hh_store_read(&text, NULL, *state, "nope"),
	    HH_ENOTFOUND);
	assert_null(text);
}

static void
test_store_commit__remove_drops_empty_folders(void **state)
{
	struct hh_store *s = *state;
	char **names = NULL;
	size_t n;

	put(s, "keep", "k\n", HH_OK);
	put(s, "a/b/c", "c\n", HH_OK);
	put(s, "a/b/c", NULL, HH_OK);
	assert_int_equal(hh_store_list(&names, &n, s, ""), HH_OK);
	assert_int_equal(n, 1);
	assert_string_equal(names[0], "keep");
	hh_mem_strv_free(names);
}

static void
test_store_open__not_a_records_tree(void **state)
{
	struct hh_store *s = (struct hh_store *)state;

	assert_int_equal(hh_store_open(&s, "/nonexistent/hh"), HH_ENOTFOUND);
	assert_null(s);
	assert_string_equal(hh_error_last(),
	    "not a records tree (no such directory)");
}

int
main(int argc, char *argv[])
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_store_commit__first_and_read_back, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_store_commit__unchanged_is_eexists, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_store_commit__stale_snapshot_is_conflict, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_store_list__sorted_and_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_store_read__missing_sets_out_to_null, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_store_commit__remove_drops_empty_folders, setup,
		    teardown),
		cmocka_unit_test(test_store_open__not_a_records_tree),
	};

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
