/* sandbox.c - throw-away folders and the shared fixtures of the unit tests */

#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <cjson/cJSON.h>

#include "hh.h"
#include "sandbox.h"

static char dir[4096];

const char *
sandbox_init(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(dir, sizeof(dir), "%s/hh-unit.XXXXXX", tmp ? tmp : "/tmp");
	return mkdtemp(dir);
}

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void
sandbox_cleanup(void)
{
	if (dir[0])
		nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	dir[0] = '\0';
}

char *
sandbox_read(const char *path, size_t *len)
{
	FILE *fp;
	char *buf;
	long n;

	if ((fp = fopen(path, "rb")) == NULL)
		fail_msg("%s: cannot open", path);
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	n = ftell(fp);
	assert_true(n >= 0);
	rewind(fp);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
	buf[n] = '\0';
	fclose(fp);
	if (len != NULL)
		*len = (size_t)n;
	return buf;
}

void
sandbox_write(const char *path, const char *data, size_t len)
{
	FILE *fp;

	if ((fp = fopen(path, "wb")) == NULL)
		fail_msg("%s: cannot create", path);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

int64_t
sandbox_at(const char *s)
{
	int64_t t = 0;

	if (hh_time_parse(&t, s) < 0)
		fail_msg("%s: %s", s, hh_error_last());
	return t;
}

int
sandbox_day(const char *s)
{
	int d = 0;

	if (hh_time_parse_day(&d, s) < 0)
		fail_msg("%s: %s", s, hh_error_last());
	return d;
}

void
sandbox_error(const char *want)
{
	if (strcmp(hh_error_last(), want) != 0)
		fail_msg("message: %s\nwanted:  %s", hh_error_last(), want);
}

/* The next step of a path: a member name or an [index]. */
static const char *
path_step(const char *p, char name[128], int *index)
{
	size_t n = 0;

	*index = -1;
	if (*p == '[') {
		char *end;
		long i = strtol(p + 1, &end, 10);

		if (end == p + 1 || *end != ']' || i < 0)
			fail_msg("bad index in path at %s", p);
		*index = (int)i;
		p = end + 1;
	} else {
		while (*p && *p != '.' && *p != '[' && n < 127)
			name[n++] = *p++;
		name[n] = '\0';
	}
	return *p == '.' ? p + 1 : p;
}

void
sandbox_json_set(cJSON *root, const char *path, const char *json)
{
	cJSON *parent = root, *v = NULL;
	char name[128];
	const char *p = path;
	int index;

	for (;;) {
		p = path_step(p, name, &index);
		if (*p == '\0')
			break;
		parent = index < 0 ? cJSON_GetObjectItemCaseSensitive(parent,
		    name) : cJSON_GetArrayItem(parent, index);
		if (parent == NULL)
			fail_msg("%s: no such member", path);
	}
	if (json != NULL && (v = cJSON_Parse(json)) == NULL)
		fail_msg("%s: not JSON: %s", path, json);
	if (index < 0 && v == NULL)
		cJSON_DeleteItemFromObjectCaseSensitive(parent, name);
	else if (index < 0 && cJSON_GetObjectItemCaseSensitive(parent, name))
		cJSON_ReplaceItemInObjectCaseSensitive(parent, name, v);
	else if (index < 0)
		cJSON_AddItemToObject(parent, name, v);
	else if (v == NULL)
		cJSON_DeleteItemFromArray(parent, index);
	else if (index < cJSON_GetArraySize(parent))
		cJSON_ReplaceItemInArray(parent, index, v);
	else
		cJSON_AddItemToArray(parent, v);
}

char *
sandbox_json_edit(const char *text, const char *path, const char *json)
{
	cJSON *root = cJSON_Parse(text);
	char *out;

	if (root == NULL)
		fail_msg("not JSON: %.40s", text);
	if (path != NULL)
		sandbox_json_set(root, path, json);
	out = hh_json_print(root, 1);
	cJSON_Delete(root);
	return out;
}

struct hh_center *
sandbox_center(void)
{
	struct hh_center *c = NULL;
	size_t len;
	char *text = sandbox_read(SANDBOX_CENTER, &len);

	if (hh_center_parse(&c, text, len) < 0)
		fail_msg("%s: %s", SANDBOX_CENTER, hh_error_last());
	free(text);
	return c;
}

struct hh_calendar *
sandbox_calendar(const struct hh_center *c)
{
	struct hh_calendar *cal = NULL;
	size_t len;
	char *text = sandbox_read("records/calendar", &len);

	if (hh_calendar_parse(&cal, text, len, "records/calendar") < 0)
		fail_msg("%s", hh_error_last());
	free(text);
	if (c != NULL)
		hh_calendar_set_hours(cal, &c->hours);
	return cal;
}

struct hh_procedure *
sandbox_procedure(const struct hh_center *c)
{
	static const char text[] = SANDBOX_PROCEDURE;
	struct hh_procedure *p = NULL;

	if (hh_procedure_parse(&p, text, sizeof(text) - 1, "T-HT03", c) < 0)
		fail_msg("%s", hh_error_last());
	return p;
}

int
sandbox_setup_calendar(void **state)
{
	*state = sandbox_calendar(NULL);
	return 0;
}

int
sandbox_teardown_calendar(void **state)
{
	hh_calendar_free(*state);
	*state = NULL;
	return 0;
}

int
sandbox_setup(void **state)
{
	struct sandbox *sb = calloc(1, sizeof(*sb));

	if (sb == NULL)
		return -1;
	sb->c = sandbox_center();
	sb->cal = sandbox_calendar(sb->c);
	sb->p = sandbox_procedure(sb->c);
	*state = sb;
	return 0;
}

int
sandbox_teardown(void **state)
{
	struct sandbox *sb = *state;

	if (sb != NULL) {
		hh_procedure_free(sb->p);
		hh_calendar_free(sb->cal);
		hh_center_free(sb->c);
		free(sb);
	}
	*state = NULL;
	return 0;
}

const struct hh_staff *
sandbox_staff(const struct sandbox *sb, const char *id)
{
	const struct hh_staff *s = hh_center_staff(sb->c, id);

	if (s == NULL)
		fail_msg("no staff member %s", id);
	return s;
}

void
sandbox_intake(struct hh_intake *in)
{
	memset(in, 0, sizeof(*in));
	in->procedure = "T-HT03";
	in->name = "Nguyễn Văn A";
	in->at = sandbox_at("2016-09-05T08:00");
}

cJSON *
sandbox_dossier(const struct sandbox *sb, const struct hh_intake *in)
{
	struct hh_intake def;
	cJSON *d = NULL;

	if (in == NULL) {
		sandbox_intake(&def);
		in = &def;
	}
	if (hh_dossier_new(&d, in, sb->c, sb->p, sb->cal, sandbox_staff(sb,
	    "lan")) < 0)
		fail_msg("hh_dossier_new: %s", hh_error_last());
	cJSON_ReplaceItemInObjectCaseSensitive(d, "code",
	    cJSON_CreateString(SANDBOX_CODE));
	return d;
}

void
sandbox_step(const struct sandbox *sb, cJSON *d, const char *actor,
    struct hh_step *st, const char *when)
{
	st->at = sandbox_at(when);
	if (hh_step_apply(d, st, sandbox_staff(sb, actor), sb->c, sb->cal) < 0)
		fail_msg("%s %s: %s", actor, hh_step_name(st->action),
		    hh_error_last());
}

void
sandbox_route(const struct sandbox *sb, cJSON *d, const char *actor,
    const char *to, double days, const char *when)
{
	struct hh_step st;

	hh_step_init(&st, HH_STEP_ROUTE, 0);
	st.to = to;
	st.days = days;
	sandbox_step(sb, d, actor, &st, when);
}
