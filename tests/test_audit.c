/* test_audit - the checks of hh-check and the readings of hh-log */
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

#define PATH "dossiers/2016/09/" SANDBOX_CODE ".json"
#define ID1 "1111111111111111111111111111111111111111"
#define ID2 "2222222222222222222222222222222222222222"
#define ID3 "3333333333333333333333333333333333333333"

/* hh_audit_schema on the sandbox dossier with one member changed. */
static int
schema_bad(const struct sandbox *sb, const char *path, const char *json,
    const char *msg)
{
	cJSON *d = sandbox_dossier(sb, NULL);
	int rc, wrong = 0;

	sandbox_json_set(d, path, json);
	rc = hh_audit_schema(d, SANDBOX_CODE);
	if (rc != HH_EINVALID || strcmp(hh_error_last(), msg) != 0) {
		print_error("%s = %s: returned %d\nmessage: %s\nwanted:  %s\n",
		    path, json ? json : "(removed)", rc, rc < 0 ?
		    hh_error_last() : "(none)", msg);
		wrong = 1;
	}
	cJSON_Delete(d);
	return wrong;
}

static void
test_audit_schema__valid(void **state)
{
	struct sandbox *sb = *state;
	cJSON *d = sandbox_dossier(sb, NULL);
	struct hh_step st;

	assert_int_equal(hh_audit_schema(d, SANDBOX_CODE), HH_OK);
	assert_int_equal(hh_audit_schema(d, NULL), HH_OK);
	/* and with the optional members a dossier gains on its way */
	sandbox_route(sb, d, "lan", "tp", 2, "2016-09-05T09:00");
	hh_step_init(&st, HH_STEP_DONE, 0);
	sandbox_step(sb, d, "minh", &st, "2016-09-06T09:00");
	hh_step_init(&st, HH_STEP_RETURN, 0);
	sandbox_step(sb, d, "hoa", &st, "2016-09-06T10:00");
	assert_int_equal(hh_audit_schema(d, SANDBOX_CODE), HH_OK);
	cJSON_Delete(d);
}

static void
test_audit_schema__not_an_object(void **state)
{
	static const char *const t[] = { "[]", "\"x\"", "1", "null" };
	cJSON *v;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		v = cJSON_Parse(t[i]);
		assert_int_equal(hh_audit_schema(v, NULL), HH_EINVALID);
		sandbox_error("not a JSON object");
		cJSON_Delete(v);
	}
	assert_int_equal(hh_audit_schema(NULL, NULL), HH_EINVALID);
	sandbox_error("not a JSON object");
}

static const struct {
	const char *path, *json, *msg;
} schema_cases[] = {
	{ "schema", NULL, "schema: not 1" },
	{ "schema", "2", "schema: not 1" },
	{ "schema", "\"1\"", "schema: not 1" },
	{ "schema", "1.5", "schema: not 1" },
	/* every required key missing */
	{ "code", NULL, "code: missing" },
	{ "procedure", NULL, "procedure: missing" },
	{ "applicant", NULL, "applicant: missing" },
	{ "channel", NULL, "channel: missing" },
	{ "documents", NULL, "documents: missing" },
	{ "received_at", NULL, "received_at: missing" },
	{ "due_at", NULL, "due_at: missing" },
	{ "provisional", NULL, "provisional: missing" },
	{ "status", NULL, "status: missing" },
	{ "holder", NULL, "holder: missing" },
	{ "events", NULL, "events: missing" },
	/* and of the wrong type */
	{ "code", "1", "code: not a string" },
	{ "procedure", "\"T-HT03\"", "procedure: not an object" },
	{ "applicant", "[]", "applicant: not an object" },
	{ "channel", "null", "channel: not a string" },
	{ "documents", "{}", "documents: not a list" },
	{ "documents", "\"Tờ khai\"", "documents: not a list" },
	{ "received_at", "\"2016-09-05\"", "received_at: not an RFC 3339 "
	    "time" },
	{ "received_at", "1473037200", "received_at: not an RFC 3339 time" },
	{ "due_at", "\"2016-09-31T17:00\"", "due_at: not an RFC 3339 time" },
	{ "provisional", "0", "provisional: not true or false" },
	{ "provisional", "\"false\"", "provisional: not true or false" },
	{ "status", "[\"received\"]", "status: not a string" },
	{ "holder", "{}", "holder: not a string" },
	{ "events", "{}", "events: not a list" },
	/* optional keys of the wrong type */
	{ "effective_from", "\"soon\"", "effective_from: not an RFC 3339 "
	    "time" },
	{ "appointment_at", "true", "appointment_at: not an RFC 3339 time" },
	{ "officer", "1", "officer: not a string" },
	{ "outcome", "false", "outcome: not a string" },
	{ "resolved_at", "\"\"", "resolved_at: not an RFC 3339 time" },
	{ "returned_at", "null", "returned_at: not an RFC 3339 time" },
	{ "class", "2", "class: not a string" },
	{ "supplement", "[]", "supplement: not an object" },
	{ "shares", "{}", "shares: not a list" },
	/* the code against the file name */
	{ "code", "\"000.00.21.H54-160905-0002\"", "code: "
	    "\"000.00.21.H54-160905-0002\" does not match the file name" },
	{ "code", "\"a\\u001bb\"", "code: \"a\\x1bb\" does not match the "
	    "file name" },
	/* inside */
	{ "procedure.code", NULL, "procedure.code: missing" },
	{ "procedure.name", "1", "procedure.name: not a string" },
	{ "procedure.limit", NULL, "procedure.limit: missing" },
	{ "procedure.limit", "3", "procedure.limit: not an object" },
	{ "applicant.name", NULL, "applicant.name: missing" },
	{ "applicant.name", "[]", "applicant.name: not a string" },
	{ "status", "\"lost\"", "status: unknown status \"lost\"" },
	{ "status", "\"Received\"", "status: unknown status \"Received\"" },
	{ "status", "\"\"", "status: unknown status \"\"" },
	/* the one life: the stored status is the one the events give */
	{ "status", "\"resolved\"", "status: resolved, but its events say "
	    "received" },
	{ "status", "\"withdrawn\"", "status: withdrawn, but its events say "
	    "received" },
	{ "events", "[]", "events: empty" },
	{ "events[0].at", NULL, "events[0].at: missing" },
	{ "events[0].at", "\"now\"", "events[0].at: not an RFC 3339 time" },
	{ "events[0].action", NULL, "events[0].action: missing" },
	{ "events[0].action", "7", "events[0].action: not a string" },
	{ "events[0].actor", NULL, "events[0].actor: missing" },
	{ "events[0].actor", "{}", "events[0].actor: not a string" },
	{ "events[0].details", "\"x\"", "events[0].details: not an object" },
	{ "events[1]", "{\"at\":\"2016-09-05T09:00\",\"action\":\"route\"}",
	    "events[1].actor: missing" },
};

static void
test_audit_schema__each_key(void **state)
{
	size_t i, wrong = 0;

	for (i = 0; i < sizeof(schema_cases) / sizeof(schema_cases[0]); i++)
		wrong += schema_bad(*state, schema_cases[i].path,
		    schema_cases[i].json, schema_cases[i].msg);
	assert_int_equal(wrong, 0);
}

/* An event that is not an object is named by its index. */
static void
test_audit_schema__event_not_an_object(void **state)
{
	cJSON *d = sandbox_dossier(*state, NULL);

	sandbox_json_set(d, "events[1]", "\"route\"");
	assert_int_equal(hh_audit_schema(d, SANDBOX_CODE), HH_EINVALID);
	assert_string_equal(hh_error_last(), "events[1]: not an object");
	cJSON_Delete(d);
}

/* The lines of hh_audit_diff(old, new) are exactly want (NULL-ended). */
static void
diff_is(const cJSON *old, const cJSON *new, const char *const *want)
{
	char **v = NULL;
	size_t n = 99, i;

	assert_int_equal(hh_audit_diff(&v, &n, old, new), HH_OK);
	for (i = 0; want[i] != NULL && i < n; i++)
		if (strcmp(v[i], want[i]) != 0)
			fail_msg("line %zu:\ngot:    %s\nwanted: %s", i, v[i],
			    want[i]);
	if (want[i] != NULL || i != n)
		fail_msg("%zu lines, wanted %zu (first extra: %s)", n, i,
		    i < n ? v[i] : want[i]);
	assert_null(v[n]);
	hh_mem_strv_free(v);
}

static void
test_audit_diff__fields(void **state)
{
	static const char *const changed[] = {
		"status: received \xe2\x86\x92 processing",
		"n: 1 \xe2\x86\x92 2.5",
		"t: x \xe2\x86\x92 true",
		"o.a: 1 \xe2\x86\x92 2",
		"+ o.c: {\"d\":[1]}",
		"- o.b: gone",
		"l[1]: b \xe2\x86\x92 c",
		"+ l[2]: d",
		"+ added: yes",
		"+ list: [1,\"a\"]",
		"- removed: [\"x\"]",
		NULL
	};
	static const char *const nothing[] = { NULL };
	static const char *const shorter[] = { "- l[1]: b", NULL };
	cJSON *a = cJSON_Parse("{\"status\":\"received\",\"n\":1,\"t\":\"x\","
	    "\"o\":{\"a\":1,\"b\":\"gone\"},\"l\":[\"a\",\"b\"],"
	    "\"same\":{\"x\":[1,2]},\"removed\":[\"x\"]}");
	cJSON *b = cJSON_Parse("{\"status\":\"processing\",\"n\":2.5,"
	    "\"t\":true,\"o\":{\"a\":2,\"c\":{\"d\":[1]}},\"l\":[\"a\",\"c\","
	    "\"d\"],\"same\":{\"x\":[1,2]},\"added\":\"yes\","
	    "\"list\":[1,\"a\"]}");
	cJSON *c = cJSON_Parse("{\"l\":[\"a\",\"b\"]}");
	cJSON *e = cJSON_Parse("{\"l\":[\"a\"]}");

	(void)state;
	diff_is(a, b, changed);
	diff_is(a, a, nothing);
	diff_is(c, e, shorter);
	cJSON_Delete(a);
	cJSON_Delete(b);
	cJSON_Delete(c);
	cJSON_Delete(e);
}

static void
test_audit_diff__new_dossier(void **state)
{
	static const char *const want[] = {
		"+ schema: 1",
		"+ code: " SANDBOX_CODE,
		"+ rules: 2018",
		"+ procedure: {\"code\":\"T-HT03\",\"name\":\"Thay đổi\","
		    "\"field\":\"Hộ tịch\",\"department\":\"tp\","
		    "\"limit\":{\"working_days\":3}}",
		"+ applicant: {\"name\":\"Nguyễn Văn A\"}",
		"+ channel: direct",
		"+ documents: []",
		"+ received_at: 2016-09-05T08:00:00+07:00",
		"+ effective_from: 2016-09-05T08:00:00+07:00",
		"+ due_at: 2016-09-08T17:00:00+07:00",
		"+ provisional: false",
		"+ status: received",
		"+ holder: motcua",
		"+ events[0]: intake by lan at 2016-09-05T08:00:00+07:00",
		NULL
	};
	cJSON *d = sandbox_dossier(*state, NULL);

	diff_is(NULL, d, want);
	cJSON_Delete(d);
}

static void
test_audit_diff__route_appends_an_event(void **state)
{
	static const char *const want[] = {
		"status: received \xe2\x86\x92 processing",
		"holder: motcua \xe2\x86\x92 tp",
		"+ shares: [{\"department\":\"tp\","
		    "\"from\":\"2016-09-05T09:00:00+07:00\",\"days\":2,"
		    "\"due_at\":\"2016-09-07T17:00:00+07:00\"}]",
		"+ events[1]: route by lan at 2016-09-05T09:00:00+07:00",
		NULL
	};
	struct sandbox *sb = *state;
	cJSON *old = sandbox_dossier(sb, NULL), *new;
	char *s;

	new = cJSON_Duplicate(old, 1);
	sandbox_route(sb, new, "lan", "tp", 2, "2016-09-05T09:00");
	/* as stored: the events last */
	s = hh_dossier_format(new);
	free(s);
	diff_is(old, new, want);
	cJSON_Delete(old);
	cJSON_Delete(new);
}

static void
test_audit_trailer__table(void **state)
{
	static const struct {
		const char *msg, *key, *want;	/* want NULL: none */
	} t[] = {
		{ "intake " SANDBOX_CODE ": T-HT03 Thay đổi\n\nDossier: "
		    SANDBOX_CODE "\nAction: intake\nActor: lan\n", "Action",
		    "intake" },
		{ "intake " SANDBOX_CODE ": T-HT03 Thay đổi\n\nDossier: "
		    SANDBOX_CODE "\nAction: intake\nActor: lan\n", "Actor",
		    "lan" },
		{ "intake " SANDBOX_CODE ": T-HT03 Thay đổi\n\nDossier: "
		    SANDBOX_CODE "\nAction: intake\nActor: lan\n", "Dossier",
		    SANDBOX_CODE },
		{ "intake X: y\n\nAction: intake\nActor: lan\n", "Dossier",
		    NULL },
		/* absent: a subject alone, or a subject that looks like one */
		{ "intake X: y\n", "Action", NULL },
		{ "Action: intake\n", "Action", NULL },
		{ "Action: intake", "Action", NULL },
		{ "", "Action", NULL },
		/* only the last paragraph counts */
		{ "s\n\nAction: route\n\nSome words.\n", "Action", NULL },
		{ "s\n\nAction: route\n\nAction: done\n", "Action", "done" },
		{ "s\n\nbody\nAction: route\n\n\n", "Action", "route" },
		{ "s\n\n\nAction: route", "Action", "route" },
		/* several: the last one */
		{ "s\n\nAction: route\nAction: done\n", "Action", "done" },
		/* exactly "Key: value" */
		{ "s\n\nAction:route\n", "Action", NULL },
		{ "s\n\naction: route\n", "Action", NULL },
		{ "s\n\nActions: route\n", "Action", NULL },
		{ "s\n\n Action: route\n", "Action", NULL },
		{ "s\n\nAction: \n", "Action", "" },
		{ "s\n\nAction:  two  spaces\n", "Action", " two  spaces" },
		{ "s\n\nActor: lan\n", "Act", NULL },
	};
	char *got;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		got = hh_audit_trailer(t[i].msg, t[i].key);
		if (t[i].want == NULL && got != NULL)
			fail_msg("row %zu: got \"%s\", wanted none", i, got);
		if (t[i].want != NULL && (got == NULL ||
		    strcmp(got, t[i].want) != 0))
			fail_msg("row %zu: got %s, wanted \"%s\"", i,
			    got ? got : "none", t[i].want);
		free(got);
	}
}

static void
test_audit_mask__table(void **state)
{
	static const struct {
		const char *json, *want;	/* want NULL: unchanged */
	} t[] = {
		{ "\"001085012345\"", "\"0010******45\"" },
		{ "\"12345678\"", "\"1234**78\"" },
		{ "\"1234567\"", "\"1*****7\"" },
		{ "\"123\"", "\"1*3\"" },
		{ "\"12\"", "\"**\"" },
		{ "\"1\"", "\"*\"" },
		{ "\"\"", "\"\"" },
		{ "123456789", NULL },
		{ "null", NULL },
	};
	cJSON *d, *v;
	char *s, *before;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		d = cJSON_Parse("{\"applicant\":{\"name\":\"A\"}}");
		sandbox_json_set(d, "applicant.id_number", t[i].json);
		hh_audit_mask(d);
		v = cJSON_GetObjectItem(cJSON_GetObjectItem(d, "applicant"),
		    "id_number");
		s = hh_json_print(v, 1);
		assert_string_equal(s, t[i].want ? t[i].want : t[i].json);
		free(s);
		/* the name is left alone */
		assert_string_equal(hh_dossier_str(cJSON_GetObjectItem(d,
		    "applicant"), "name"), "A");
		cJSON_Delete(d);
	}
	/* nothing to mask */
	d = cJSON_Parse("{\"code\":\"C\",\"applicant\":{\"name\":\"A\"}}");
	before = hh_json_print(d, 1);
	hh_audit_mask(d);
	s = hh_json_print(d, 1);
	assert_string_equal(s, before);
	free(s);
	free(before);
	cJSON_Delete(d);
	d = cJSON_Parse("{\"code\":\"C\"}");
	hh_audit_mask(d);
	cJSON_Delete(d);
}

/*
 * hh_audit_commit on commits made by hand: one dossier file changed, by
 * its author at the event's time, recorded five seconds later.
 */
struct fix {
	struct sandbox *sb;
	struct hh_audit *a;
	struct hh_commit c;
	struct hh_change ch[2];
	struct hh_blob old[2], new[2];
	char *text[2];		/* the blobs' contents, freed at the end */
};

static int
setup_audit(void **state)
{
	struct fix *f = calloc(1, sizeof(*f));
	char *center, *cal;
	size_t clen, callen;

	if (f == NULL || sandbox_setup((void **)&f->sb) < 0)
		return -1;
	center = sandbox_read(SANDBOX_CENTER, &clen);
	cal = sandbox_read("records/calendar", &callen);
	hh_audit_new(&f->a);
	if (hh_audit_seed(f->a, center, clen, cal, callen,
	    sandbox_at("2016-09-01T00:00")) < 0 ||
	    hh_audit_seed_procedure(f->a, "T-HT03", SANDBOX_PROCEDURE,
	    strlen(SANDBOX_PROCEDURE)) < 0)
		return -1;
	free(center);
	free(cal);
	*state = f;
	return 0;
}

static int
teardown_audit(void **state)
{
	struct fix *f = *state;
	size_t i;

	for (i = 0; i < 2; i++)
		free(f->text[i]);
	hh_audit_free(f->a);
	sandbox_teardown((void **)&f->sb);
	free(f);
	return 0;
}

/* A one-file commit by who (a staff id) with message msg, at when. */
static void
commit(struct fix *f, const char *who, const char *msg, const char *when)
{
	const struct hh_staff *s = sandbox_staff(f->sb, who);
	struct hh_commit *c = &f->c;

	memset(c, 0, sizeof(*c));
	strcpy(c->id, ID2);
	strcpy(c->parent, ID1);
	c->nparents = 1;
	c->author = c->committer = s->name;
	c->email = c->committer_email = s->email;
	c->message = (char *)msg;
	c->author_date = sandbox_at(when);
	c->committer_date = c->author_date + 5;
	c->author_offset = c->committer_offset = 420;
	c->changes = f->ch;
	c->nchanges = 1;
	memset(f->ch, 0, sizeof(f->ch));
	f->ch[0].path = (char *)PATH;
	strcpy(f->ch[0].new_id, ID3);
	f->ch[0].new_mode = 0100644;
}

/* The dossier before (NULL: a new file) and after, as stored. */
static void
files(struct fix *f, cJSON *before, cJSON *after)
{
	size_t i;

	for (i = 0; i < 2; i++) {
		free(f->text[i]);
		f->text[i] = NULL;
	}
	f->old[0].data = NULL;
	f->old[0].len = 0;
	if (before != NULL) {
		f->text[0] = hh_dossier_format(before);
		f->old[0].data = f->text[0];
		f->old[0].len = strlen(f->text[0]);
		strcpy(f->ch[0].old_id, ID1);
		f->ch[0].old_mode = 0100644;
	}
	f->text[1] = hh_dossier_format(after);
	f->new[0].data = f->text[1];
	f->new[0].len = strlen(f->text[1]);
}

/* The findings of the last check are exactly want (NULL-ended), each
 * "PATH: message" or, for the commit as a whole, "message". */
static void
found(struct fix *f, size_t from, const char *const *want)
{
	const struct hh_finding *v;
	size_t n, i;
	char *got;

	v = hh_audit_findings(f->a, &n);
	for (i = 0; from + i < n || want[i] != NULL; i++) {
		if (from + i >= n)
			fail_msg("finding %zu missing: %s", i, want[i]);
		got = v[from + i].path ? hh_xasprintf("%s: %s",
		    v[from + i].path, v[from + i].message) :
		    hh_xstrdup(v[from + i].message);
		if (want[i] == NULL)
			fail_msg("finding %zu not wanted: %s", i, got);
		if (strcmp(got, want[i]) != 0)
			fail_msg("finding %zu:\ngot:    %s\nwanted: %s", i, got,
			    want[i]);
		assert_string_equal(v[from + i].commit, ID2);
		free(got);
	}
}

#define MSG(action, actor) action " " SANDBOX_CODE ": T-HT03 Thay đổi\n\n" \
	"Dossier: " SANDBOX_CODE "\nAction: " action "\nActor: " actor "\n"

static void
test_audit_commit__genuine_intake(void **state)
{
	static const char *const none[] = { NULL };
	struct fix *f = *state;
	cJSON *d = sandbox_dossier(f->sb, NULL);

	commit(f, "lan", MSG("intake", "lan"), "2016-09-05T08:00");
	files(f, NULL, d);
	hh_audit_commit(f->a, &f->c, f->old, f->new);
	found(f, 0, none);
	assert_int_equal(hh_audit_checked(f->a), 1);
	cJSON_Delete(d);
}

static void
test_audit_commit__genuine_route(void **state)
{
	static const char *const none[] = { NULL };
	struct fix *f = *state;
	cJSON *old = sandbox_dossier(f->sb, NULL), *new;

	new = cJSON_Duplicate(old, 1);
	sandbox_route(f->sb, new, "lan", "tp", 2, "2016-09-05T09:00");
	commit(f, "lan", MSG("route", "lan"), "2016-09-05T09:00");
	files(f, old, new);
	hh_audit_commit(f->a, &f->c, f->old, f->new);
	found(f, 0, none);
	cJSON_Delete(old);
	cJSON_Delete(new);
}

static void
test_audit_commit__author_is_not_the_actor(void **state)
{
	static const char *const want[] = {
		"author Lê Thị Hoa <hoa@example.vn> is not staff member lan "
		    "(Trần Thị Lan <lan@example.vn>)",
		NULL
	};
	struct fix *f = *state;
	cJSON *d = sandbox_dossier(f->sb, NULL);

	commit(f, "hoa", MSG("intake", "lan"), "2016-09-05T08:00");
	files(f, NULL, d);
	hh_audit_commit(f->a, &f->c, f->old, f->new);
	found(f, 0, want);
	cJSON_Delete(d);
}

static void
test_audit_commit__wrong_action_trailer(void **state)
{
	static const char *const want[] = {
		"subject does not begin \"route " SANDBOX_CODE ": \"",
		PATH ": event intake does not match Action: route",
		NULL
	};
	struct fix *f = *state;
	cJSON *d = sandbox_dossier(f->sb, NULL);

	commit(f, "lan", "intake " SANDBOX_CODE ": T-HT03 Thay đổi\n\n"
	    "Dossier: " SANDBOX_CODE "\nAction: route\nActor: lan\n",
	    "2016-09-05T08:00");
	files(f, NULL, d);
	hh_audit_commit(f->a, &f->c, f->old, f->new);
	found(f, 0, want);
	cJSON_Delete(d);
}

static void
test_audit_commit__changed_without_an_event(void **state)
{
	static const char *const want[] = {
		PATH ": 0 events added (one commit records exactly one)",
		NULL
	};
	struct fix *f = *state;
	cJSON *old = sandbox_dossier(f->sb, NULL), *new;

	new = cJSON_Duplicate(old, 1);
	sandbox_json_set(new, "holder", "\"tp\"");
	commit(f, "lan", MSG("route", "lan"), "2016-09-05T09:00");
	files(f, old, new);
	hh_audit_commit(f->a, &f->c, f->old, f->new);
	found(f, 0, want);
	cJSON_Delete(old);
	cJSON_Delete(new);
}

static void
test_audit_commit__not_what_the_step_makes(void **state)
{
	static const char *const want[] = {
		PATH ": the file is not what the route step makes of the "
		    "previous version (due_at, holder)",
		NULL
	};
	struct fix *f = *state;
	cJSON *old = sandbox_dossier(f->sb, NULL), *new;

	new = cJSON_Duplicate(old, 1);
	sandbox_route(f->sb, new, "lan", "tp", 2, "2016-09-05T09:00");
	sandbox_json_set(new, "due_at", "\"2016-09-30T17:00:00+07:00\"");
	sandbox_json_set(new, "holder", "\"tnmt\"");
	commit(f, "lan", MSG("route", "lan"), "2016-09-05T09:00");
	files(f, old, new);
	hh_audit_commit(f->a, &f->c, f->old, f->new);
	found(f, 0, want);
	cJSON_Delete(old);
	cJSON_Delete(new);
}

static void
test_audit_commit__illegal_step(void **state)
{
	static const char *const want[] = {
		PATH ": illegal step: status received (held by motcua): actor "
		    "minh (officer, tp) acts only on dossiers held by tp",
		NULL
	};
	struct fix *f = *state;
	cJSON *old = sandbox_dossier(f->sb, NULL), *new;

	/* what lan may do, done in minh's name */
	new = cJSON_Duplicate(old, 1);
	sandbox_route(f->sb, new, "lan", "tp", 2, "2016-09-05T09:00");
	sandbox_json_set(new, "events[1].actor", "\"minh\"");
	commit(f, "minh", MSG("route", "minh"), "2016-09-05T09:00");
	files(f, old, new);
	hh_audit_commit(f->a, &f->c, f->old, f->new);
	found(f, 0, want);
	cJSON_Delete(old);
	cJSON_Delete(new);
}

static void
test_audit_commit__times_and_trailers(void **state)
{
	static const char *const no_trailer[] = {
		"no Dossier: trailer",
		NULL
	};
	static const char *const times[] = {
		"dates not in +07:00 (hh writes none other)",
		"event time 2016-09-05T08:01:00+07:00 is after its recording "
		    "2016-09-05T08:00:00+07:00",
		"recorded 2016-09-05T08:00:00+07:00, before its parent",
		PATH ": event time 2016-09-05T08:00:00+07:00 is not the author "
		    "date 2016-09-05T08:01:00+07:00",
		/* the same code a second time */
		PATH ": code " SANDBOX_CODE ", but the next code of its day was "
		    "000.00.21.H54-160905-0002",
		NULL
	};
	struct fix *f = *state;
	cJSON *d = sandbox_dossier(f->sb, NULL);
	size_t n;

	/* a subject alone: no trailers (the author is still staff) */
	commit(f, "lan", "intake " SANDBOX_CODE ": T-HT03 Thay đổi\n",
	    "2016-09-05T08:00");
	files(f, NULL, d);
	hh_audit_commit(f->a, &f->c, f->old, f->new);
	found(f, 0, no_trailer);
	/* then one whose author date is a minute after the event, in UTC,
	 * recorded before it and before the commit above */
	hh_audit_findings(f->a, &n);
	commit(f, "lan", MSG("intake", "lan"), "2016-09-05T08:01");
	f->c.author_offset = 0;
	f->c.committer_date = f->c.author_date - 60;
	hh_audit_commit(f->a, &f->c, f->old, f->new);
	found(f, n, times);
	assert_int_equal(hh_audit_checked(f->a), 2);
	cJSON_Delete(d);
}

static void
test_audit_commit__paths_and_modes(void **state)
{
	static const char *const want[] = {
		PATH ": mode 100755, not a plain file",
		"README: not a file of the records",
		"changes 2 dossiers (one commit per dossier)",
		"dossiers/2016/09/x.json: not a dossier path "
		    "(dossiers/YYYY/MM/CODE.json)",
		NULL
	};
	struct fix *f = *state;
	struct hh_change ch[3];
	struct hh_blob old[3], new[3];
	cJSON *d = sandbox_dossier(f->sb, NULL);

	commit(f, "lan", MSG("intake", "lan"), "2016-09-05T08:00");
	files(f, NULL, d);
	memset(ch, 0, sizeof(ch));
	ch[0] = f->ch[0];
	ch[0].new_mode = 0100755;
	ch[1].path = (char *)"README";
	ch[2].path = (char *)"dossiers/2016/09/x.json";
	strcpy(ch[1].new_id, ID3);
	strcpy(ch[2].new_id, ID3);
	ch[1].new_mode = ch[2].new_mode = 0100644;
	old[0] = old[1] = old[2] = f->old[0];
	new[0] = f->new[0];
	new[1].data = new[2].data = "x";
	new[1].len = new[2].len = 1;
	f->c.changes = ch;
	f->c.nchanges = 3;
	hh_audit_commit(f->a, &f->c, old, new);
	found(f, 0, want);
	cJSON_Delete(d);
}

static void
test_audit_commit__without_a_centre(void **state)
{
	static const char *const want[] = {
		"no valid center.json before this commit: cannot check its "
		    "author",
		NULL
	};
	struct fix *f = *state;
	cJSON *d = sandbox_dossier(f->sb, NULL);

	assert_int_equal(hh_audit_seed(f->a, NULL, 0, NULL, 0, 0), HH_OK);
	commit(f, "lan", MSG("intake", "lan"), "2016-09-05T08:00");
	files(f, NULL, d);
	hh_audit_commit(f->a, &f->c, f->old, f->new);
	found(f, 0, want);
	cJSON_Delete(d);
}

static void
test_audit_commit__deleted_and_unreadable(void **state)
{
	static const char *const want[] = {
		PATH ": dossier deleted",
		"unreadable: tree 4444 is missing",
		NULL
	};
	struct fix *f = *state;
	cJSON *d = sandbox_dossier(f->sb, NULL);

	commit(f, "lan", MSG("withdraw", "lan"), "2016-09-05T08:00");
	files(f, d, d);
	f->ch[0].new_id[0] = '\0';
	f->ch[0].new_mode = 0;
	f->new[0].data = NULL;
	f->new[0].len = 0;
	hh_audit_commit(f->a, &f->c, f->old, f->new);
	f->c.error = (char *)"tree 4444 is missing";
	f->c.committer_date += 10;
	hh_audit_commit(f->a, &f->c, f->old, f->new);
	found(f, 0, want);
	cJSON_Delete(d);
}

int
main(int argc, char *argv[])
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_audit_schema__valid),
		cmocka_unit_test(test_audit_schema__not_an_object),
		cmocka_unit_test(test_audit_schema__each_key),
		cmocka_unit_test(test_audit_schema__event_not_an_object),
		cmocka_unit_test(test_audit_diff__fields),
		cmocka_unit_test(test_audit_diff__new_dossier),
		cmocka_unit_test(test_audit_diff__route_appends_an_event),
		cmocka_unit_test(test_audit_trailer__table),
		cmocka_unit_test(test_audit_mask__table),
	};
	const struct CMUnitTest commits[] = {
		cmocka_unit_test_setup_teardown(
		    test_audit_commit__genuine_intake, setup_audit,
		    teardown_audit),
		cmocka_unit_test_setup_teardown(
		    test_audit_commit__genuine_route, setup_audit,
		    teardown_audit),
		cmocka_unit_test_setup_teardown(
		    test_audit_commit__author_is_not_the_actor, setup_audit,
		    teardown_audit),
		cmocka_unit_test_setup_teardown(
		    test_audit_commit__wrong_action_trailer, setup_audit,
		    teardown_audit),
		cmocka_unit_test_setup_teardown(
		    test_audit_commit__changed_without_an_event, setup_audit,
		    teardown_audit),
		cmocka_unit_test_setup_teardown(
		    test_audit_commit__not_what_the_step_makes, setup_audit,
		    teardown_audit),
		cmocka_unit_test_setup_teardown(
		    test_audit_commit__illegal_step, setup_audit,
		    teardown_audit),
		cmocka_unit_test_setup_teardown(
		    test_audit_commit__times_and_trailers, setup_audit,
		    teardown_audit),
		cmocka_unit_test_setup_teardown(
		    test_audit_commit__paths_and_modes, setup_audit,
		    teardown_audit),
		cmocka_unit_test_setup_teardown(
		    test_audit_commit__without_a_centre, setup_audit,
		    teardown_audit),
		cmocka_unit_test_setup_teardown(
		    test_audit_commit__deleted_and_unreadable, setup_audit,
		    teardown_audit),
	};
	int fails;

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	fails = cmocka_run_group_tests_name("audit", tests, sandbox_setup,
	    sandbox_teardown);
	return fails + cmocka_run_group_tests_name("audit_commit", commits,
	    NULL, NULL);
}
