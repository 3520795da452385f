/* test_notice - telling the applicant: the notice, its JSON line, its mail,
 * the delivery mark, and center.json's notify settings */
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

#define COMMIT "0123456789abcdef0123456789abcdef01234567"

/* A dossier routed to tp by lan, its applicant with every personal datum. */
static const char dossier[] =
"{\"schema\":1,\"code\":\"" SANDBOX_CODE "\",\"rules\":\"2018\","
"\"procedure\":{\"code\":\"T-HT03\",\"name\":\"Thay đổi\",\"field\":"
"\"Hộ tịch\",\"department\":\"tp\",\"limit\":{\"working_days\":3}},"
"\"applicant\":{\"name\":\"Nguyễn Văn An\",\"id_number\":\"001085012345\","
"\"phone\":\"0912345678\",\"email\":\"an@example.vn\","
"\"address\":\"12 Lê Lợi, Thái Bình\"},"
"\"channel\":\"direct\",\"documents\":[],"
"\"received_at\":\"2016-09-05T09:15:00+07:00\","
"\"status\":\"processing\",\"holder\":\"tp\",\"officer\":\"minh\","
"\"events\":[{\"at\":\"2016-09-05T09:15:00+07:00\",\"action\":\"intake\","
"\"actor\":\"lan\",\"details\":{}},{\"at\":\"2016-09-05T10:00:00+07:00\","
"\"action\":\"route\",\"actor\":\"lan\",\"details\":{\"to\":\"tp\","
"\"officer\":\"minh\"}}]}";

static const char line[] =
"{\"id\":\"" COMMIT "." SANDBOX_CODE "\",\"code\":\"" SANDBOX_CODE "\","
"\"status\":\"processing\",\"at\":\"2016-09-05T10:00:00+07:00\","
"\"agency\":\"Phòng Tư pháp\",\"actor\":\"Trần Thị Lan\","
"\"text\":\"Hồ sơ " SANDBOX_CODE ": Đang giải quyết tại Phòng Tư pháp, "
"Trần Thị Lan, lúc 10 giờ 00 phút ngày 05/09/2016.\"}";

static const char mail[] =
"From: =?UTF-8?B?QuG7mSBwaOG6rW4gTeG7mXQgY+G7rWEgaHV54buHbiBUaA==?=\n"
" =?UTF-8?B?4but?= <motcua@thu.example.vn>\n"
"To: an@example.vn\n"
"Subject: =?UTF-8?B?SOG7kyBzxqEgMDAwLjAwLjIxLkg1NC0xNjA5MDUtMDAwMTog?=\n"
" =?UTF-8?B?xJBhbmcgZ2nhuqNpIHF1eeG6v3Q=?=\n"
"Date: Mon, 05 Sep 2016 10:00:07 +0700\n"
"Message-ID: <" COMMIT "." SANDBOX_CODE "@thu.example.vn>\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"
"Auto-Submitted: auto-generated\n"
"\n"
"Hồ sơ " SANDBOX_CODE ": Đang giải quyết tại Phòng Tư pháp, Trần Thị Lan, "
"lúc 10 giờ 00 phút ngày 05/09/2016.\n"
"\n"
"-- \n"
"Bộ phận Một cửa huyện Thử\n";

static char *
notice_line(const struct hh_notice *n)
{
	cJSON *v = hh_notice_json(n);
	char *s = hh_json_print(v, 1);

	cJSON_Delete(v);
	return s;
}

static void
test_notice__json_and_text(void **state)
{
	struct hh_center *c = sandbox_center();
	cJSON *dos = hh_json_parse(dossier, strlen(dossier));
	struct hh_notice n;
	char *s;

	(void)state;
	assert_int_equal(hh_notice_make(&n, COMMIT, dos, c, "git"), HH_OK);
	s = notice_line(&n);
	assert_string_equal(s, line);
	/* no identity number, phone, address or name in what is printed */
	assert_null(strstr(s, "001085012345"));
	assert_null(strstr(s, "0912345678"));
	assert_null(strstr(s, "Lê Lợi"));
	assert_null(strstr(s, "Nguyễn Văn An"));
	assert_null(strstr(s, "an@example.vn"));
	assert_string_equal(n.email, "an@example.vn");
	free(s);
	hh_notice_clear(&n);
	assert_null(n.id);
	cJSON_Delete(dos);
	hh_center_free(c);
}

static void
test_notice__mail(void **state)
{
	struct hh_center *c = sandbox_center();
	cJSON *dos = hh_json_parse(dossier, strlen(dossier));
	struct hh_notice n;
	char *m;

	(void)state;
	assert_int_equal(hh_notice_make(&n, COMMIT, dos, c, NULL), HH_OK);
	m = hh_notice_mail(&n, "motcua@thu.example.vn", c->name,
	    sandbox_at("2016-09-05T10:00:07+07:00"));
	assert_string_equal(m, mail);
	assert_null(strstr(m, "001085012345"));
	assert_null(strstr(m, "Nguyễn Văn An"));
	free(m);
	hh_notice_clear(&n);
	cJSON_Delete(dos);
	hh_center_free(c);
}

/* The one-stop unit is the centre; a department is named; an actor not
 * on the staff is the commit's author; without a centre, ids. */
static void
test_notice__agency_and_actor(void **state)
{
	struct hh_center *c = sandbox_center();
	cJSON *dos = hh_json_parse(dossier, strlen(dossier));
	struct hh_notice n;

	(void)state;
	sandbox_json_set(dos, "holder", "\"motcua\"");
	sandbox_json_set(dos, "status", "\"resolved\"");
	sandbox_json_set(dos, "events[1].actor", "\"khach\"");
	sandbox_json_set(dos, "events[1].at", "\"2016-09-06T15:10:00+07:00\"");
	assert_int_equal(hh_notice_make(&n, COMMIT, dos, c, "Người Khác"),
	    HH_OK);
	assert_string_equal(n.agency, "Bộ phận Một cửa huyện Thử");
	assert_string_equal(n.actor, "Người Khác");
	assert_string_equal(n.text, "Hồ sơ " SANDBOX_CODE ": Đã giải quyết "
	    "tại Bộ phận Một cửa huyện Thử, Người Khác, lúc 15 giờ 10 phút "
	    "ngày 06/09/2016.");
	hh_notice_clear(&n);
	assert_int_equal(hh_notice_make(&n, COMMIT, dos, NULL, NULL), HH_OK);
	assert_string_equal(n.agency, "motcua");
	assert_string_equal(n.actor, "khach");
	hh_notice_clear(&n);
	sandbox_json_set(dos, "applicant.email", NULL);
	assert_int_equal(hh_notice_make(&n, COMMIT, dos, c, NULL), HH_OK);
	assert_null(n.email);
	hh_notice_clear(&n);
	cJSON_Delete(dos);
	hh_center_free(c);
}

static void
test_notice__bad_dossiers(void **state)
{
	cJSON *dos = hh_json_parse(dossier, strlen(dossier));
	struct hh_notice n;

	(void)state;
	sandbox_json_set(dos, "status", "\"lost\"");
	assert_int_equal(hh_notice_make(&n, COMMIT, dos, NULL, NULL),
	    HH_EINVALID);
	assert_null(n.id);
	sandbox_json_set(dos, "status", "\"processing\"");
	sandbox_json_set(dos, "events", "[]");
	assert_int_equal(hh_notice_make(&n, COMMIT, dos, NULL, NULL),
	    HH_EINVALID);
	sandbox_error(SANDBOX_CODE ": events: no last event with a time");
	assert_int_equal(hh_notice_make(&n, COMMIT, NULL, NULL, NULL),
	    HH_EINVALID);
	cJSON_Delete(dos);
}

static void
test_notice__address(void **state)
{
	(void)state;
	assert_true(hh_notice_address("an@example.vn"));
	assert_true(hh_notice_address("a.b+c@x.example.vn"));
	assert_false(hh_notice_address("an"));
	assert_false(hh_notice_address("@example.vn"));
	assert_false(hh_notice_address("an@"));
	assert_false(hh_notice_address("a@b@c"));
	assert_false(hh_notice_address("An <an@example.vn>"));
	assert_false(hh_notice_address("an@example.vn\nBcc: x@y.vn"));
	assert_false(hh_notice_address("an@example.vn,x@y.vn"));
	assert_false(hh_notice_address("ân@example.vn"));
}

static void
test_notice__mark(void **state)
{
	char id[HH_OID_MAX], *s;
	long done = 7;

	(void)state;
	assert_int_equal(hh_notice_mark_parse(id, &done, COMMIT "\n", 41),
	    HH_OK);
	assert_string_equal(id, COMMIT);
	assert_int_equal(done, -1);
	assert_int_equal(hh_notice_mark_parse(id, &done, COMMIT " 2\n", 43),
	    HH_OK);
	assert_int_equal(done, 2);
	assert_int_equal(hh_notice_mark_parse(id, &done, COMMIT, 40),
	    HH_EINVALID);
	sandbox_error("not \"COMMIT\" or \"COMMIT N\" on one line");
	assert_int_equal(hh_notice_mark_parse(id, &done, COMMIT " \n", 42),
	    HH_EINVALID);
	assert_int_equal(hh_notice_mark_parse(id, &done, "0123\n", 5),
	    HH_EINVALID);
	assert_int_equal(hh_notice_mark_parse(id, &done,
	    "0123456789ABCDEF0123456789abcdef01234567\n", 41), HH_EINVALID);
	s = hh_notice_mark_format(COMMIT, -1);
	assert_string_equal(s, COMMIT "\n");
	free(s);
	s = hh_notice_mark_format(COMMIT, 3);
	assert_string_equal(s, COMMIT " 3\n");
	free(s);
}

/* center.json "notify": defaults, settings, and what is refused. */
static void
test_notice__center_settings(void **state)
{
	struct hh_center *c = sandbox_center();
	char *base = sandbox_read(SANDBOX_CENTER, NULL), *text;
	static const struct {
		const char *json, *msg;
	} bad[] = {
		{ "[]", "center.json: notify: expected {\"sendmail\": "
		    "\"/path\", \"from\": \"address\"}" },
		{ "{\"mailer\": \"/bin/true\"}", "center.json: notify: "
		    "expected {\"sendmail\": \"/path\", \"from\": "
		    "\"address\"}" },
		{ "{\"sendmail\": \"sendmail\"}", "center.json: "
		    "notify.sendmail: not an absolute path" },
		{ "{\"from\": \"Hệ thống <hh@x.vn>\"}", "center.json: "
		    "notify.from: not a plain e-mail address (name@domain)" },
	};
	size_t i;

	(void)state;
	assert_string_equal(c->sendmail, "/usr/sbin/sendmail");
	assert_null(c->mail_from);
	hh_center_free(c);
	text = sandbox_json_edit(base, "notify", "{\"sendmail\": "
	    "\"/opt/mail/sendmail\", \"from\": \"motcua@thu.example.vn\"}");
	assert_int_equal(hh_center_parse(&c, text, strlen(text)), HH_OK);
	assert_string_equal(c->sendmail, "/opt/mail/sendmail");
	assert_string_equal(c->mail_from, "motcua@thu.example.vn");
	hh_center_free(c);
	free(text);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		c = (struct hh_center *)&c;
		text = sandbox_json_edit(base, "notify", bad[i].json);
		assert_int_equal(hh_center_parse(&c, text, strlen(text)),
		    HH_EINVALID);
		assert_null(c);
		sandbox_error(bad[i].msg);
		free(text);
	}
	free(base);
}

int
main(int argc, char *argv[])
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_notice__json_and_text),
		cmocka_unit_test(test_notice__mail),
		cmocka_unit_test(test_notice__agency_and_actor),
		cmocka_unit_test(test_notice__bad_dossiers),
		cmocka_unit_test(test_notice__address),
		cmocka_unit_test(test_notice__mark),
		cmocka_unit_test(test_notice__center_settings),
	};

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("notice", tests, NULL, NULL);
}
