/* test_dossier - dossier codes and paths, new dossiers, the stored form */
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

#define ID_RULE "letters and digits only, 6 to 20"
#define PHONE_RULE "digits, blanks and + . - ( ) only, 6 to 20"

static void
test_dossier_path__good(void **state)
{
	static const struct {
		const char *code, *path;
	} t[] = {
		{ "000.00.21.H54-160930-0001",
		    "dossiers/2016/09/000.00.21.H54-160930-0001.json" },
		{ "000.00.21.H54-000101-9999",
		    "dossiers/2000/01/000.00.21.H54-000101-9999.json" },
		{ "000.00.21.H54-991231-0042",
		    "dossiers/2099/12/000.00.21.H54-991231-0042.json" },
		{ "H54-161001-0001", "dossiers/2016/10/H54-161001-0001.json" },
		{ "H54-160229-0001", "dossiers/2016/02/H54-160229-0001.json" },
		/* the 2026 shape, the province first */
		{ "H15.50.05.13-261008-0975",
		    "dossiers/2026/10/H15.50.05.13-261008-0975.json" },
		{ "000.17.22.H56-210531-0001",
		    "dossiers/2021/05/000.17.22.H56-210531-0001.json" },
		/* imported from a ministry system: 6 and 7 digits */
		{ "H15.50.05.13-261008-123456",
		    "dossiers/2026/10/H15.50.05.13-261008-123456.json" },
		{ "000.00.21.H54-160930-000001",
		    "dossiers/2016/09/000.00.21.H54-160930-000001.json" },
		{ "H15.50.05.13-261008-1234567",
		    "dossiers/2026/10/H15.50.05.13-261008-1234567.json" },
		{ "000.00.21.H54-160930-9999999",
		    "dossiers/2016/09/000.00.21.H54-160930-9999999.json" },
		/* the longest: a 32-character agency, 7 digits, 47 bytes */
		{ "00000000000000000000000000000000-160905-0000001",
		    "dossiers/2016/09/"
		    "00000000000000000000000000000000-160905-0000001.json" },
		/* the shortest: a two-character agency */
		{ "AB-160905-0001", "dossiers/2016/09/AB-160905-0001.json" },
		/* the longest: a 32-character agency, 44 bytes */
		{ "00000000000000000000000000000000-160905-0001",
		    "dossiers/2016/09/"
		    "00000000000000000000000000000000-160905-0001.json" },
	};
	char *p;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		p = NULL;
		if (hh_dossier_path(&p, t[i].code) != HH_OK)
			fail_msg("%s: %s", t[i].code, hh_error_last());
		assert_string_equal(p, t[i].path);
		free(p);
	}
}

static void
test_dossier_path__bad(void **state)
{
	static const char *const t[] = {
		/* length */
		"",
		"A-160905-0001",
		"000000000000000000000000000000000-160905-0001",	/* 33 */
		"0000000000000000000000000000000000000-160905-0001",	/* 49 */
		/* the date */
		"000.00.21.H54-161330-0001",
		"000.00.21.H54-160030-0001",
		"000.00.21.H54-160931-0001",	/* 31 September */
		"000.00.21.H54-160900-0001",
		"000.00.21.H54-170229-0001",	/* 2017 is not leap */
		"000.00.21.H54-160930-0000",
		"000.00.21.H54-16093-00001",
		"000.00.21.H54-16O930-0001",
		"000.00.21.H54-1609300-001",
		"000.00.21.H54--60930-0001",
		/* the sequence */
		"000.00.21.H54-160930-001",
		"000.00.21.H54-160930-00001",
		"000.00.21.H54-160930-000a",
		"000.00.21.H54-160930-0 01",
		"000.00.21.H54-160930_0001",
		"000.00.21.H54_160930-0001",
		/* the agency */
		"000.00.21.h54-160930-0001",
		".000.00.21-160930-0001",
		"../../etc-160930-0001",
		"000/00-160930-0001",
		"000 00.21-160930-0001",
		"000.00.21.H54-X-160930-0001",
		"H15..50-160930-0001",
		"H15.50.-160930-0001",
		/* the sequence: 4, 6 or 7 digits, not 0 */
		"H15.50.05.13-261008-12345",
		"H15.50.05.13-261008-12345678",
		"H15.50.05.13-261008-000000",
		"H15.50.05.13-261008-0000000",
		"H15.50.05.13-261008-12345a",
		"H15.50.05.13-261008-123456-",
		"H15.50.05.13-261008-",
		"H15.50.05.13-261008",
		"000000000000000000000000000000000-160905-0000001",	/* 33, 7 digits */
		"Ư54-160930-0001",
	};
	char *p;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		p = (char *)&p;	/* poison */
		if (hh_dossier_path(&p, t[i]) != HH_EINVALID)
			fail_msg("%s: accepted", t[i]);
		assert_null(p);
		sandbox_error("not a dossier code (AGENCY-YYMMDD-NNNN)");
	}
	assert_int_equal(hh_dossier_path(&p, NULL), HH_EINVALID);
	assert_null(p);
}

static void
test_dossier_new__stored_form(void **state)
{
	struct sandbox *sb = *state;
	struct hh_intake in;
	cJSON *d = (cJSON *)&d;	/* poison */
	char *s;

	sandbox_intake(&in);
	assert_int_equal(hh_dossier_new(&d, &in, sb->c, sb->p, sb->cal,
	    sandbox_staff(sb, "lan")), HH_OK);
	s = hh_dossier_format(d);
	assert_string_equal(s, "{\n"
	    "\t\"schema\":\t1,\n"
	    "\t\"code\":\t\"\",\n"
	    "\t\"rules\":\t\"2018\",\n"
	    "\t\"procedure\":\t{\n"
	    "\t\t\"code\":\t\"T-HT03\",\n"
	    "\t\t\"name\":\t\"Thay đổi\",\n"
	    "\t\t\"field\":\t\"Hộ tịch\",\n"
	    "\t\t\"department\":\t\"tp\",\n"
	    "\t\t\"limit\":\t{\n"
	    "\t\t\t\"working_days\":\t3\n"
	    "\t\t}\n"
	    "\t},\n"
	    "\t\"applicant\":\t{\n"
	    "\t\t\"name\":\t\"Nguyễn Văn A\"\n"
	    "\t},\n"
	    "\t\"channel\":\t\"direct\",\n"
	    "\t\"documents\":\t[],\n"
	    "\t\"received_at\":\t\"2016-09-05T08:00:00+07:00\",\n"
	    "\t\"effective_from\":\t\"2016-09-05T08:00:00+07:00\",\n"
	    "\t\"due_at\":\t\"2016-09-08T17:00:00+07:00\",\n"
	    "\t\"provisional\":\tfalse,\n"
	    "\t\"status\":\t\"received\",\n"
	    "\t\"holder\":\t\"motcua\",\n"
	    "\t\"events\":\t[{\n"
	    "\t\t\t\"at\":\t\"2016-09-05T08:00:00+07:00\",\n"
	    "\t\t\t\"action\":\t\"intake\",\n"
	    "\t\t\t\"actor\":\t\"lan\",\n"
	    "\t\t\t\"details\":\t{\n"
	    "\t\t\t\t\"due_at\":\t\"2016-09-08T17:00:00+07:00\"\n"
	    "\t\t\t}\n"
	    "\t\t}]\n"
	    "}\n");
	free(s);
	cJSON_Delete(d);
}

/* Every field, after the cut-off on the Friday before Tết Bính Thân: the
 * clock starts on Monday 15/2 and runs three working days after it. */
static void
test_dossier_new__every_field(void **state)
{
	static const char *const docs[] = { "Tờ khai",
	    "shown:Bản sao \"CCCD\"" };
	struct sandbox *sb = *state;
	struct hh_intake in;
	cJSON *d = NULL;
	char *s;

	sandbox_intake(&in);
	in.id_number = "001085012345";
	in.phone = "+84 (912) 345-678";
	in.email = "a.b@example.vn";
	in.address = "Số 1, Lê Lợi";
	in.channel = "online";
	in.documents = docs;
	in.ndocuments = 2;
	in.at = sandbox_at("2016-02-05T16:00");
	assert_int_equal(hh_dossier_new(&d, &in, sb->c, sb->p, sb->cal,
	    sandbox_staff(sb, "hoa")), HH_OK);
	s = hh_json_print(d, 1);
	assert_string_equal(s, "{\"schema\":1,\"code\":\"\",\"rules\":\"2018\","
	    "\"procedure\":{"
	    "\"code\":\"T-HT03\",\"name\":\"Thay đổi\",\"field\":\"Hộ tịch\","
	    "\"department\":\"tp\",\"limit\":{\"working_days\":3}},"
	    "\"applicant\":{\"name\":\"Nguyễn Văn A\","
	    "\"id_number\":\"001085012345\",\"phone\":\"+84 (912) 345-678\","
	    "\"email\":\"a.b@example.vn\",\"address\":\"Số 1, Lê Lợi\"},"
	    "\"channel\":\"online\","
	    "\"documents\":[{\"name\":\"Tờ khai\",\"source\":\"online\"},"
	    "{\"name\":\"Bản sao \\\"CCCD\\\"\",\"source\":\"shown\"}],"
	    "\"received_at\":\"2016-02-05T16:00:00+07:00\","
	    "\"effective_from\":\"2016-02-15T07:30:00+07:00\","
	    "\"due_at\":\"2016-02-18T17:00:00+07:00\",\"provisional\":false,"
	    "\"status\":\"received\",\"holder\":\"motcua\",\"events\":[{"
	    "\"at\":\"2016-02-05T16:00:00+07:00\",\"action\":\"intake\","
	    "\"actor\":\"hoa\","
	    "\"details\":{\"due_at\":\"2016-02-18T17:00:00+07:00\"}}]}");
	free(s);
	cJSON_Delete(d);
}

/* A year the calendar does not cover: provisional; held by the
 * one-stop unit, whoever received it; empty optional texts left out. */
static void
test_dossier_new__provisional(void **state)
{
	struct sandbox *sb = *state;
	struct hh_intake in;
	cJSON *d = NULL, *a;

	sandbox_intake(&in);
	in.channel = "postal";
	in.email = "";
	in.address = "";
	in.at = sandbox_at("2030-02-01T09:00");	/* Tết eve: off */
	assert_int_equal(hh_dossier_new(&d, &in, sb->c, sb->p, sb->cal,
	    sandbox_staff(sb, "minh")), HH_OK);
	assert_string_equal(hh_dossier_str(d, "channel"), "postal");
	assert_string_equal(hh_dossier_str(d, "effective_from"),
	    "2030-02-08T07:30:00+07:00");
	assert_string_equal(hh_dossier_str(d, "due_at"),
	    "2030-02-13T17:00:00+07:00");
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(d, "provisional")));
	/* received by an officer of tp, held by the one-stop unit all the
	 * same (DOMAIN Part A §14) */
	assert_string_equal(hh_dossier_str(d, "holder"), "motcua");
	a = cJSON_GetObjectItem(d, "applicant");
	assert_int_equal(cJSON_GetArraySize(a), 1);
	assert_null(cJSON_GetObjectItem(a, "email"));
	cJSON_Delete(d);
}

static char *
repeat(const char *s, size_t n)
{
	size_t len = strlen(s), i;
	char *out = malloc(n * len + 1);

	assert_non_null(out);
	for (i = 0; i < n; i++)
		memcpy(out + i * len, s, len);
	out[n * len] = '\0';
	return out;
}

#define UTF8 "not valid UTF-8 text (or contains control characters)"

static void
test_dossier_new__invalid(void **state)
{
	struct sandbox *sb = *state;
	char *name201 = repeat("a", HH_NAME_MAX + 1);
	char *name200 = repeat("ễ", HH_NAME_MAX / 3);	/* 198 bytes */
	char *email255 = repeat("e", 255), *text501 = repeat("a", 501);
	char *nameviet = repeat("ễ", HH_NAME_MAX / 3 + 1);	/* 201 */
	const char *docs_bad[] = { "Tờ khai", "" };
	const char *docs_long[] = { text501 };
	const char *docs_ctl[] = { "Tờ\tkhai" };
	const char *docs_many[HH_DOCS_MAX + 1];
	struct {
		const char *field, *value;
		const char *msg;
	} t[] = {
		{ "name", NULL, "applicant: missing" },
		{ "name", "", "applicant: missing" },
		{ "name", name201, "applicant: longer than 200 bytes" },
		{ "name", nameviet, "applicant: longer than 200 bytes" },
		{ "name", "Nguyễn\tVăn A", "applicant: " UTF8 },
		{ "name", "Nguy\xe1\xbb", "applicant: " UTF8 },
		{ "name", "An\x1b[2J", "applicant: " UTF8 },
		{ "id_number", "12345",
		    "id-number: 5 characters: " ID_RULE },
		{ "id_number", "123456789012345678901",
		    "id-number: 21 characters: " ID_RULE },
		{ "id_number", "",
		    "id-number: 0 characters: " ID_RULE },
		{ "id_number", "001085-012345",
		    "id-number: '-' is not allowed: " ID_RULE },
		{ "id_number", "00108501234đ",
		    "id-number: 'đ' is not allowed: " ID_RULE },
		{ "phone", "12345", "phone: 5 characters: "
		    "" PHONE_RULE },
		{ "phone", "091234567890123456789",
		    "phone: 21 characters: " PHONE_RULE },
		{ "phone", "0912 345 abc", "phone: 'a' is not allowed: "
		    "" PHONE_RULE },
		{ "phone", "0912/345/678", "phone: '/' is not allowed: "
		    "" PHONE_RULE },
		{ "email", email255, "email: longer than 254 bytes" },
		{ "email", "a@b\x01", "email: " UTF8 },
		{ "email", "example.vn", "email: not an e-mail address" },
		{ "email", "a b@example.vn", "email: not an e-mail address" },
		{ "address", text501, "address: longer than 500 bytes" },
		{ "address", "Số 1\nLê Lợi", "address: " UTF8 },
		{ "documents", "scaned:Tờ khai", "document: \"scaned\" is not "
		    "scanned, online, shown or database" },
		{ "documents", "shown:", "document: missing" },
		{ "documents", "shown:  ", "document: missing" },
		{ "channel", "fax", "channel: \"fax\" is not direct, online or "
		    "postal" },
		{ "channel", "Online", "channel: \"Online\" is not direct, "
		    "online or postal" },
		{ "channel", "", "channel: \"\" is not direct, online or "
		    "postal" },
		{ "channel", "a\x1b", "channel: \"a\\x1b\" is not direct, "
		    "online or postal" },
		{ "documents", "bad", "document: missing" },
		{ "documents", "long", "document: longer than 500 bytes" },
		{ "documents", "control", "document: " UTF8 },
		{ "documents", "many", "document: more than 100" },
	};
	struct hh_intake in;
	cJSON *d;
	size_t i;

	for (i = 0; i < HH_DOCS_MAX + 1; i++)
		docs_many[i] = "Tờ khai";
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		sandbox_intake(&in);
		if (strcmp(t[i].field, "name") == 0)
			in.name = t[i].value;
		else if (strcmp(t[i].field, "id_number") == 0)
			in.id_number = t[i].value;
		else if (strcmp(t[i].field, "phone") == 0)
			in.phone = t[i].value;
		else if (strcmp(t[i].field, "email") == 0)
			in.email = t[i].value;
		else if (strcmp(t[i].field, "address") == 0)
			in.address = t[i].value;
		else if (strcmp(t[i].field, "channel") == 0)
			in.channel = t[i].value;
		else if (strcmp(t[i].value, "bad") == 0)
			in.documents = docs_bad, in.ndocuments = 2;
		else if (strcmp(t[i].value, "long") == 0)
			in.documents = docs_long, in.ndocuments = 1;
		else if (strcmp(t[i].value, "control") == 0)
			in.documents = docs_ctl, in.ndocuments = 1;
		else if (strchr(t[i].value, ':') != NULL)
			in.documents = &t[i].value, in.ndocuments = 1;
		else
			in.documents = docs_many, in.ndocuments =
			    HH_DOCS_MAX + 1;
		d = (cJSON *)&d;	/* poison */
		if (hh_dossier_new(&d, &in, sb->c, sb->p, sb->cal,
		    sandbox_staff(sb, "lan")) != HH_EINVALID)
			fail_msg("%s = %s: accepted", t[i].field, t[i].value);
		assert_null(d);
		if (strcmp(hh_error_last(), t[i].msg) != 0)
			fail_msg("%s:\nmessage: %s\nwanted:  %s", t[i].field,
			    hh_error_last(), t[i].msg);
	}
	/* the limits themselves are fine */
	sandbox_intake(&in);
	in.name = name200;
	in.id_number = "123456";
	in.phone = "09123456789012345678";
	in.documents = docs_many;
	in.ndocuments = HH_DOCS_MAX;
	assert_int_equal(hh_dossier_new(&d, &in, sb->c, sb->p, sb->cal,
	    sandbox_staff(sb, "lan")), HH_OK);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(d,
	    "documents")), HH_DOCS_MAX);
	cJSON_Delete(d);
	free(name201);
	free(name200);
	free(nameviet);
	free(email255);
	free(text501);
}

/* Known keys in the stored order, then the others as they came, then the
 * events; the object itself is reordered. */
static void
test_dossier_format__key_order(void **state)
{
	cJSON *d = cJSON_Parse("{\"zeta\":1,\"events\":[],\"shares\":[],"
	    "\"status\":\"received\",\"alpha\":{\"b\":1,\"a\":2},"
	    "\"code\":\"C\",\"supplement\":{},\"class\":\"early\","
	    "\"returned_at\":\"r\",\"resolved_at\":\"s\",\"outcome\":\"o\","
	    "\"officer\":\"minh\",\"holder\":\"tp\",\"appointment_at\":\"t\","
	    "\"provisional\":true,\"due_at\":\"u\",\"effective_from\":\"v\","
	    "\"received_at\":\"w\",\"documents\":[\"d\"],\"channel\":\"x\","
	    "\"applicant\":{\"name\":\"n\"},\"procedure\":{\"code\":\"p\"},"
	    "\"schema\":1}");
	char *s, *line;

	(void)state;
	assert_non_null(d);
	s = hh_dossier_format(d);
	assert_string_equal(s, "{\n"
	    "\t\"schema\":\t1,\n"
	    "\t\"code\":\t\"C\",\n"
	    "\t\"procedure\":\t{\n\t\t\"code\":\t\"p\"\n\t},\n"
	    "\t\"applicant\":\t{\n\t\t\"name\":\t\"n\"\n\t},\n"
	    "\t\"channel\":\t\"x\",\n"
	    "\t\"documents\":\t[\"d\"],\n"
	    "\t\"received_at\":\t\"w\",\n"
	    "\t\"effective_from\":\t\"v\",\n"
	    "\t\"due_at\":\t\"u\",\n"
	    "\t\"provisional\":\ttrue,\n"
	    "\t\"appointment_at\":\t\"t\",\n"
	    "\t\"status\":\t\"received\",\n"
	    "\t\"holder\":\t\"tp\",\n"
	    "\t\"officer\":\t\"minh\",\n"
	    "\t\"outcome\":\t\"o\",\n"
	    "\t\"resolved_at\":\t\"s\",\n"
	    "\t\"returned_at\":\t\"r\",\n"
	    "\t\"class\":\t\"early\",\n"
	    "\t\"supplement\":\t{\n\t},\n"
	    "\t\"shares\":\t[],\n"
	    "\t\"zeta\":\t1,\n"
	    "\t\"alpha\":\t{\n\t\t\"b\":\t1,\n\t\t\"a\":\t2\n\t},\n"
	    "\t\"events\":\t[]\n"
	    "}\n");
	free(s);
	line = hh_json_print(d, 1);
	assert_string_equal(line, "{\"schema\":1,\"code\":\"C\",\"procedure\":"
	    "{\"code\":\"p\"},\"applicant\":{\"name\":\"n\"},\"channel\":\"x\","
	    "\"documents\":[\"d\"],\"received_at\":\"w\","
	    "\"effective_from\":\"v\",\"due_at\":\"u\",\"provisional\":true,"
	    "\"appointment_at\":\"t\",\"status\":\"received\","
	    "\"holder\":\"tp\",\"officer\":\"minh\",\"outcome\":\"o\","
	    "\"resolved_at\":\"s\",\"returned_at\":\"r\",\"class\":\"early\","
	    "\"supplement\":{},\"shares\":[],\"zeta\":1,"
	    "\"alpha\":{\"b\":1,\"a\":2},\"events\":[]}");
	free(line);
	/* a second time changes nothing */
	s = hh_dossier_format(d);
	line = hh_json_print(d, 0);
	assert_string_equal(s, line);
	free(s);
	free(line);
	cJSON_Delete(d);
}

static void
test_dossier_format__sparse(void **state)
{
	cJSON *d = cJSON_Parse("{\"b\":2,\"status\":\"x\",\"a\":1}");
	cJSON *e = cJSON_CreateObject();
	char *s;

	(void)state;
	s = hh_dossier_format(d);
	assert_string_equal(s, "{\n\t\"status\":\t\"x\",\n\t\"b\":\t2,\n"
	    "\t\"a\":\t1\n}\n");
	free(s);
	s = hh_dossier_format(e);
	assert_string_equal(s, "{\n}\n");
	free(s);
	cJSON_Delete(d);
	cJSON_Delete(e);
}

static void
test_dossier_event__append(void **state)
{
	cJSON *d = cJSON_CreateObject(), *det = cJSON_CreateObject();
	char *s;

	(void)state;
	/* the first event makes the list */
	hh_dossier_event(d, sandbox_at("2016-09-05T08:00"), "intake", "lan",
	    NULL);
	cJSON_AddStringToObject(det, "to", "tp");
	hh_dossier_event(d, sandbox_at("2016-09-05T02:00:00Z"), "route",
	    "lan", det);
	hh_dossier_event(d, sandbox_at("2016-09-06T10:30:15"), "done",
	    "minh", cJSON_CreateObject());
	s = hh_json_print(d, 1);
	assert_string_equal(s, "{\"events\":["
	    "{\"at\":\"2016-09-05T08:00:00+07:00\",\"action\":\"intake\","
	    "\"actor\":\"lan\"},"
	    "{\"at\":\"2016-09-05T09:00:00+07:00\",\"action\":\"route\","
	    "\"actor\":\"lan\",\"details\":{\"to\":\"tp\"}},"
	    "{\"at\":\"2016-09-06T10:30:15+07:00\",\"action\":\"done\","
	    "\"actor\":\"minh\",\"details\":{}}]}");
	free(s);
	assert_true(hh_dossier_last_at(d) == sandbox_at("2016-09-06T10:30:15"));
	cJSON_Delete(d);
}

static void
test_dossier_event__after_intake(void **state)
{
	cJSON *d = sandbox_dossier(*state, NULL), *ev;

	hh_dossier_event(d, sandbox_at("2016-09-05T09:00"), "route", "lan",
	    NULL);
	ev = cJSON_GetObjectItem(d, "events");
	assert_int_equal(cJSON_GetArraySize(ev), 2);
	assert_string_equal(hh_dossier_str(cJSON_GetArrayItem(ev, 0),
	    "action"), "intake");
	assert_string_equal(hh_dossier_str(cJSON_GetArrayItem(ev, 1),
	    "action"), "route");
	cJSON_Delete(d);
}

static void
test_dossier_str__table(void **state)
{
	static const struct {
		const char *key, *want;
	} t[] = {
		{ "code", "C-1" },
		{ "empty", "" },
		{ "number", "" },
		{ "null", "" },
		{ "list", "" },
		{ "object", "" },
		{ "missing", "" },
		{ "Code", "" },
	};
	cJSON *d = cJSON_Parse("{\"code\":\"C-1\",\"empty\":\"\","
	    "\"number\":1,\"null\":null,\"list\":[\"a\"],\"object\":{}}");
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		assert_string_equal(hh_dossier_str(d, t[i].key), t[i].want);
	assert_string_equal(hh_dossier_str(NULL, "code"), "");
	cJSON_Delete(d);
}

static void
test_dossier_last_at__table(void **state)
{
	static const struct {
		const char *json;
		const char *want;	/* NULL: 0 */
	} t[] = {
		{ "{}", NULL },
		{ "{\"events\":[]}", NULL },
		{ "{\"events\":{}}", NULL },
		{ "{\"events\":\"x\"}", NULL },
		{ "{\"events\":[{\"at\":\"2016-09-05T08:00:00+07:00\"}]}",
		    "2016-09-05T08:00" },
		/* the last event, even if not the latest */
		{ "{\"events\":[{\"at\":\"2016-09-06T08:00:00+07:00\"},"
		    "{\"at\":\"2016-09-05T08:00:00+07:00\"}]}",
		    "2016-09-05T08:00" },
		{ "{\"events\":[{\"at\":\"2016-09-06T08:00:00+07:00\"},"
		    "{\"at\":\"yesterday\"}]}", NULL },
		{ "{\"events\":[{\"at\":\"2016-09-06T08:00:00+07:00\"},"
		    "{}]}", NULL },
		{ "{\"events\":[{\"at\":20160905}]}", NULL },
	};
	cJSON *d;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		d = cJSON_Parse(t[i].json);
		assert_non_null(d);
		if (hh_dossier_last_at(d) != (t[i].want ?
		    sandbox_at(t[i].want) : 0))
			fail_msg("%s: wrong time", t[i].json);
		cJSON_Delete(d);
	}
}

int
main(int argc, char *argv[])
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dossier_path__good),
		cmocka_unit_test(test_dossier_path__bad),
		cmocka_unit_test(test_dossier_new__stored_form),
		cmocka_unit_test(test_dossier_new__every_field),
		cmocka_unit_test(test_dossier_new__provisional),
		cmocka_unit_test(test_dossier_new__invalid),
		cmocka_unit_test(test_dossier_format__key_order),
		cmocka_unit_test(test_dossier_format__sparse),
		cmocka_unit_test(test_dossier_event__append),
		cmocka_unit_test(test_dossier_event__after_intake),
		cmocka_unit_test(test_dossier_str__table),
		cmocka_unit_test(test_dossier_last_at__table),
	};

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("dossier", tests, sandbox_setup,
	    sandbox_teardown);
}
