/* test_form - the printed forms (Mẫu 01-06) on a fixed dossier, as text
 * and as HTML */
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

#define CENTRE "Bộ phận Một cửa huyện Thử"
#define SUBJECT "Nguyễn Văn A"
#define TEXT HH_FORMAT_TEXT
#define HTML HH_FORMAT_HTML
/* The national heading beside the centre's name, and the date. */
#define NATION1 "     " CENTRE "       CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
#define NATION2 "                                        Độc lập - Tự do - " \
    "Hạnh phúc"
#define NATION3 "                                              ---------------"
/* 60 columns of name, and a document name longer than a line */
#define LONG_NAME "Nguyễn Thị Phương Thảo Hoàng Trần Lê Phạm Vũ Đặng Bùi Đỗ Hoà"
#define LONG_DOC "Giấy_chứng_nhận_quyền_sử_dụng_đất_quyền_sở_hữu_nhà_ở_và_" \
    "tài_sản_khác_gắn_liền_với_đất_bản_sao_có_chứng_thực"

static const char *const docs[] = { "Tờ khai thay đổi hộ tịch",
    "Bản sao CCCD" };

/*
 * The fixed dossier at each stage of its life: received by lan on Monday
 * 5/9/2016 at 08:00 with every applicant field, sent to tp (2 days), a
 * supplement asked by minh, supplied, an apology (new date 16/9), sent on
 * to tnmt, refused by thu, handed back by hoa.
 */
enum stage {
	RECEIVED,
	WAITING,
	DELAYED,
	REFUSED,
	RETURNED,
};

static cJSON *
dossier(const struct sandbox *sb, enum stage stage)
{
	struct hh_intake in;
	struct hh_step st;
	cJSON *d;

	sandbox_intake(&in);
	in.id_number = "001085012345";
	in.phone = "0912 345 678";
	in.email = "a@example.vn";
	in.address = "Số 1, đường Lê Lợi, thị trấn Thử";
	in.documents = docs;
	in.ndocuments = 2;
	d = sandbox_dossier(sb, &in);
	if (stage == RECEIVED)
		return d;
	sandbox_route(sb, d, "lan", "tp", 2, "2016-09-05T09:00");
	hh_step_init(&st, HH_STEP_SUPPLEMENT, 0);
	st.reason = "Thiếu tờ khai";
	st.documents = docs;
	st.ndocuments = 2;
	sandbox_step(sb, d, "minh", &st, "2016-09-06T09:00");
	if (stage == WAITING)
		return d;
	hh_step_init(&st, HH_STEP_SUPPLIED, 0);
	sandbox_step(sb, d, "minh", &st, "2016-09-07T09:00");
	hh_step_init(&st, HH_STEP_DELAY, 0);
	st.reason = "Chờ xác minh";
	st.until = "2016-09-16";
	sandbox_step(sb, d, "minh", &st, "2016-09-08T10:00");
	if (stage == DELAYED)
		return d;
	sandbox_route(sb, d, "minh", "tnmt", 1, "2016-09-09T09:00");
	hh_step_init(&st, HH_STEP_DONE, 0);
	st.outcome = "refused";
	st.reason = "Không đủ điều kiện";
	sandbox_step(sb, d, "thu", &st, "2016-09-12T10:00");
	if (stage == REFUSED)
		return d;
	hh_step_init(&st, HH_STEP_RETURN, 0);
	sandbox_step(sb, d, "hoa", &st, "2016-09-13T10:00");
	return d;
}

/* Line n (from 0) of text, copied; "" past the end. */
static char *
line(const char *text, size_t n)
{
	const char *p = text, *end;

	while (n-- > 0 && (p = strchr(p, '\n')) != NULL)
		p++;
	if (p == NULL || *p == '\0')
		return hh_xstrdup("");
	end = strchr(p, '\n');
	return hh_xasprintf("%.*s", (int)(end ? end - p : (long)strlen(p)), p);
}

/* Lines from..from+n of text are want (n strings). */
static void
lines_are(const char *text, size_t from, const char *const *want, size_t n)
{
	size_t i;
	char *l;

	for (i = 0; i < n; i++) {
		l = line(text, from + i);
		if (strcmp(l, want[i]) != 0)
			fail_msg("line %zu:\ngot:    \"%s\"\nwanted: \"%s\"",
			    from + i, l, want[i]);
		free(l);
	}
}

/* The text has the line want, whole. */
static void
has_line(const char *text, const char *want)
{
	size_t n = strlen(want);
	const char *p = text;

	for (; (p = strstr(p, want)) != NULL; p++)
		if ((p == text || p[-1] == '\n') &&
		    (p[n] == '\n' || p[n] == '\0'))
			return;
	fail_msg("no line \"%s\" in:\n%s", want, text);
}

/* The last line of text is name, centred in the right-hand column. */
static void
last_right(const char *text, const char *name)
{
	char *want = hh_xasprintf("%*s%s", (int)(36 + (36 -
	    hh_text_width(name)) / 2), "", name);
	size_t n = 0;
	const char *p;
	char *l;

	for (p = text; *p; p++)
		n += *p == '\n';
	l = line(text, n - 1);
	if (strcmp(l, want) != 0)
		fail_msg("last line:\ngot:    \"%s\"\nwanted: \"%s\"", l,
		    want);
	free(l);
	free(want);
}

static size_t
count_lines(const char *text)
{
	size_t n = 0;

	for (; *text; text++)
		n += *text == '\n';
	return n;
}

/*
 * No line of text is wider than 72 columns; every form ends with a
 * newline.
 */
static void
fits(const char *text)
{
	const char *p, *end;
	size_t n = 0, cols;
	char *l;

	assert_true(*text != '\0' && text[strlen(text) - 1] == '\n');
	for (p = text; (end = strchr(p, '\n')) != NULL; p = end + 1, n++) {
		l = hh_xasprintf("%.*s", (int)(end - p), p);
		if ((cols = hh_text_width(l)) > 72)
			fail_msg("line %zu is %zu columns: %s", n, cols, l);
		free(l);
	}
}

/* The text has the line of s centred in the right-hand column. */
static void
has_right(const char *text, const char *s)
{
	char *want = hh_xasprintf("%*s%s", (int)(36 + (36 -
	    hh_text_width(s)) / 2), "", s);

	has_line(text, want);
	free(want);
}

/* The heading every form opens with: the unit beside the nation, the
 * date (and place) in the right column. */
static void
heading(const char *s, const char *date)
{
	assert_non_null(strstr(s, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"));
	assert_non_null(strstr(s, "Độc lập - Tự do - Hạnh phúc\n"));
	has_line(s, NATION3);
	has_right(s, date);
}

static void
test_form_time__vietnamese(void **state)
{
	static const struct {
		const char *at, *words;
	} t[] = {
		{ "2016-09-30T08:15", "08 giờ 15 phút, ngày 30/09/2016" },
		{ "2016-09-05T17:00:00+07:00",
		    "17 giờ 00 phút, ngày 05/09/2016" },
		{ "2016-09-05T00:00", "00 giờ 00 phút, ngày 05/09/2016" },
		{ "2016-12-31T23:59:59", "23 giờ 59 phút, ngày 31/12/2016" },
		/* in Vietnam's time whatever the offset given */
		{ "2016-12-31T17:30:00Z", "00 giờ 30 phút, ngày 01/01/2017" },
		{ "2016-03-01T01:05:00+09:00",
		    "23 giờ 05 phút, ngày 29/02/2016" },
		{ "1900-01-01T07:00", "07 giờ 00 phút, ngày 01/01/1900" },
	};
	char buf[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		hh_form_time(buf, sandbox_at(t[i].at));
		assert_string_equal(buf, t[i].words);
	}
}

static void
test_form_receipt__lines(void **state)
{
	static const char *const want[] = {
		NATION1,
		NATION2,
		NATION3,
		"                                         ngày 05 tháng 09 năm "
		    "2016",
		"",
		"                GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
		"                  Mã hồ sơ: " SANDBOX_CODE,
		"                 (Mẫu số 01, Thông tư 01/2018/TT-VPCP)",
		"",
		CENTRE " đã tiếp nhận hồ sơ của: " SUBJECT,
		"Địa chỉ: Số 1, đường Lê Lợi, thị trấn Thử",
		"Số điện thoại: 0912 345 678",
		"Email: a@example.vn",
		"Nội dung yêu cầu giải quyết: Thay đổi",
		"1. Thành phần hồ sơ:",
		"   1) Tờ khai thay đổi hộ tịch (bản giấy, đã số hóa)",
		"   2) Bản sao CCCD (bản giấy, đã số hóa)",
		"2. Số lượng hồ sơ: 01 bộ",
		"3. Thời gian giải quyết hồ sơ theo quy định: 3 ngày làm việc",
		"4. Thời gian nhận hồ sơ: 08 giờ 00 phút, ngày 05/09/2016",
		"5. Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, "
		    "ngày",
		"   08/09/2016",
		"6. Đăng ký nhận kết quả tại: " CENTRE,
		"7. Phí, lệ phí: ...................",
		"",
		"          NGƯỜI NỘP HỒ SƠ                  NGƯỜI TIẾP NHẬN HỒ "
		    "SƠ",
		"       (Ký và ghi rõ họ tên)               (Ký và ghi rõ họ "
		    "tên)",
		"",
		"",
		"",
		"            " SUBJECT "                        Trần Thị Lan",
	};
	struct sandbox *sb = *state;
	cJSON *d = dossier(sb, RECEIVED);
	char *s = hh_form_receipt(sb->c, sandbox_staff(sb, "lan"), d, TEXT);

	lines_are(s, 0, want, sizeof(want) / sizeof(want[0]));
	assert_int_equal(count_lines(s), sizeof(want) / sizeof(want[0]));
	fits(s);
	free(s);
	/* the catalogue's fee, as recorded at intake */
	sandbox_json_set(d, "procedure.fee", "\"50.000 đồng\"");
	s = hh_form_receipt(sb->c, NULL, d, TEXT);
	has_line(s, "7. Phí, lệ phí: 50.000 đồng");
	free(s);
	cJSON_Delete(d);
}

/* Nothing but the name; a provisional due date; no one to sign. */
static void
test_form_receipt__sparse(void **state)
{
	struct sandbox *sb = *state;
	struct hh_intake in;
	cJSON *d;
	char *s, *l;

	sandbox_intake(&in);
	in.at = sandbox_at("2030-03-04T09:00");
	d = sandbox_dossier(sb, &in);
	s = hh_form_receipt(sb->c, NULL, d, TEXT);
	has_line(s, "Địa chỉ: ...................");
	has_line(s, "Số điện thoại: ...................");
	has_line(s, "Email: ...................");
	has_line(s, "   (không có)");
	has_line(s, "4. Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 04/03/2030");
	has_line(s, "5. Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 "
	    "phút, ngày");
	has_line(s, "   07/03/2030");
	has_line(s, "   (hẹn tạm tính: lịch nghỉ năm này chưa được công bố "
	    "chính thức)");
	l = line(s, count_lines(s) - 1);
	assert_string_equal(l, "            " SUBJECT);
	free(l);
	fits(s);
	free(s);
	cJSON_Delete(d);
}

/* A dossier without its times (not one hh makes): the epoch, as in the
 * other forms, never what the stack held. */
static void
test_form_receipt__no_times(void **state)
{
	struct sandbox *sb = *state;
	cJSON *d = dossier(sb, RECEIVED);
	char *s;

	sandbox_json_set(d, "received_at", NULL);
	sandbox_json_set(d, "due_at", "\"soon\"");
	s = hh_form_receipt(sb->c, NULL, d, TEXT);
	has_line(s, "4. Thời gian nhận hồ sơ: 07 giờ 00 phút, ngày 01/01/1970");
	has_line(s, "5. Thời gian trả kết quả giải quyết hồ sơ: 07 giờ 00 "
	    "phút, ngày");
	has_line(s, "   01/01/1970");
	free(s);
	cJSON_Delete(d);
}

static void
test_form_receipt__limits(void **state)
{
	static const struct {
		const char *limit, *words;
	} t[] = {
		{ "{\"working_days\":3}", "3 ngày làm việc" },
		{ "{\"working_days\":0}", "trong ngày" },
		{ "{\"working_days\":0.5}", "0.5 ngày làm việc" },
		{ "{\"working_hours\":4}", "4 giờ làm việc" },
		{ "{\"working_hours\":0}", "0 giờ làm việc" },
		{ "{\"calendar_days\":15}", "15 ngày" },
		{ "{}", "" },
		{ "{\"working_days\":\"3\"}", "" },
	};
	struct sandbox *sb = *state;
	cJSON *d = dossier(sb, RECEIVED);
	char *s, *want;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		sandbox_json_set(d, "procedure.limit", t[i].limit);
		s = hh_form_receipt(sb->c, NULL, d, TEXT);
		want = hh_xasprintf("3. Thời gian giải quyết hồ sơ theo quy "
		    "định: %s", t[i].words);
		if (!*t[i].words)
			want[strlen(want) - 1] = '\0';	/* no blank after */
		has_line(s, want);
		free(want);
		free(s);
	}
	cJSON_Delete(d);
}

/* Documents with where they come from, or plain names: those come the
 * dossier's way (online, else paper scanned at the desk). */
static void
test_form_receipt__documents(void **state)
{
	struct sandbox *sb = *state;
	cJSON *d = dossier(sb, RECEIVED);
	char *s;

	sandbox_json_set(d, "documents", "[\"Tờ khai\", "
	    "{\"name\": \"Bản sao CCCD\", \"source\": \"online\"}, "
	    "{\"name\": \"CCCD\", \"source\": \"shown\"}, "
	    "{\"name\": \"Thông tin cư trú\", \"source\": \"database\"}, "
	    "{\"name\": \"Giấy khai sinh\", \"source\": \"scanned\"}, "
	    "{\"name\": \"Đơn\"}]");
	s = hh_form_receipt(sb->c, NULL, d, TEXT);
	has_line(s, "   1) Tờ khai (bản giấy, đã số hóa)");
	has_line(s, "   2) Bản sao CCCD (bản điện tử nộp trực tuyến)");
	has_line(s, "   3) CCCD (xuất trình để đối chiếu, không lưu)");
	has_line(s, "   4) Thông tin cư trú (khai thác từ cơ sở dữ liệu quốc "
	    "gia)");
	has_line(s, "   5) Giấy khai sinh (bản giấy, đã số hóa)");
	has_line(s, "   6) Đơn (bản giấy, đã số hóa)");
	free(s);
	sandbox_json_set(d, "channel", "\"online\"");
	s = hh_form_receipt(sb->c, NULL, d, TEXT);
	has_line(s, "   1) Tờ khai (bản điện tử nộp trực tuyến)");
	has_line(s, "   5) Giấy khai sinh (bản giấy, đã số hóa)");
	has_line(s, "   6) Đơn (bản điện tử nộp trực tuyến)");
	free(s);
	cJSON_Delete(d);
}

/* The place of center.json before the date; absent, the date alone. */
static void
test_form__place(void **state)
{
	struct sandbox *sb = *state;
	cJSON *d = dossier(sb, RECEIVED);
	char *s;

	s = hh_form_receipt(sb->c, NULL, d, TEXT);
	heading(s, "ngày 05 tháng 09 năm 2016");
	free(s);
	sb->c->place = hh_xstrdup("Hưng Hà");
	s = hh_form_receipt(sb->c, NULL, d, TEXT);
	heading(s, "Hưng Hà, ngày 05 tháng 09 năm 2016");
	free(s);
	s = hh_form_receipt(sb->c, NULL, d, HTML);
	assert_non_null(strstr(s, "<p class=\"date\">Hưng Hà, ngày 05 tháng "
	    "09 năm 2016</p>"));
	free(s);
	free(sb->c->place);
	/* a long one wraps in its column */
	sb->c->place = hh_xstrdup("Thị trấn Hưng Hà, huyện Hưng Hà, tỉnh "
	    "Thái Bình");
	s = hh_form_receipt(sb->c, NULL, d, TEXT);
	fits(s);
	has_line(s, "                                      Thị trấn Hưng Hà, "
	    "huyện Hưng Hà,");
	has_line(s, "                                    tỉnh Thái Bình, ngày "
	    "05 tháng 09 năm");
	free(s);
	free(sb->c->place);
	sb->c->place = NULL;
	cJSON_Delete(d);
}

static void
test_form_supplement__lines(void **state)
{
	static const char *const want[] = {
		NATION1,
		" Số: " SANDBOX_CODE "/HDHS     Độc lập - Tự do - Hạnh phúc",
		NATION3,
		"                                         ngày 06 tháng 09 năm "
		    "2016",
		"",
		"                PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
		"                 (Mẫu số 02, Thông tư 01/2018/TT-VPCP)",
		"",
		CENTRE " tiếp nhận hồ sơ của Ông/Bà: " SUBJECT,
		"Nội dung yêu cầu giải quyết: Thay đổi",
		"Địa chỉ: Số 1, đường Lê Lợi, thị trấn Thử",
		"Số điện thoại: 0912 345 678",
		"Email: a@example.vn",
		"Giai đoạn yêu cầu bổ sung: thẩm định, giải quyết hồ sơ",
		"Người yêu cầu bổ sung: Phạm Văn Minh, Phòng Tư pháp",
		"Yêu cầu Ông/Bà bổ sung, hoàn thiện hồ sơ gồm những nội dung "
		    "sau:",
		"+-----+------------------------------------------------+"
		    "----------+",
		"| STT | Tên giấy tờ (bản chính, bản sao có chứng thực  | "
		    "Số lượng |",
		"|     | hoặc bản chụp)                                 | "
		    "         |",
		"+-----+------------------------------------------------+"
		    "----------+",
		"| 1   | Tờ khai thay đổi hộ tịch                       | "
		    "01 bản   |",
		"+-----+------------------------------------------------+"
		    "----------+",
		"| 2   | Bản sao CCCD                                   | "
		    "01 bản   |",
		"+-----+------------------------------------------------+"
		    "----------+",
		"Lý do: Thiếu tờ khai",
		"Hồ sơ bổ sung, hoàn thiện Ông/Bà nộp tại " CENTRE ".",
		"Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà "
		    "liên hệ với",
		"Phạm Văn Minh, Phòng Tư pháp (email: minh@example.vn) để được "
		    "hướng dẫn.",
		"",
		"                                              NGƯỜI HƯỚNG DẪN",
		"                                           (Ký và ghi rõ họ "
		    "tên)",
		"",
		"",
		"",
		"                                               Phạm Văn Minh",
	};
	struct sandbox *sb = *state;
	cJSON *d = dossier(sb, WAITING);
	char *s = hh_form_supplement(sb->c, sandbox_staff(sb, "minh"), d,
	    TEXT);

	lines_are(s, 0, want, sizeof(want) / sizeof(want[0]));
	assert_int_equal(count_lines(s), sizeof(want) / sizeof(want[0]));
	fits(s);
	free(s);
	/* no documents named: the reason says what */
	sandbox_json_set(d, "supplement.documents", "[]");
	s = hh_form_supplement(sb->c, NULL, d, TEXT);
	has_line(s, "   (theo lý do nêu dưới đây)");
	assert_null(strstr(s, "| STT |"));
	free(s);
	cJSON_Delete(d);
}

/* The stage and the issuer, as recorded, or from the events. */
static void
test_form_supplement__stage(void **state)
{
	struct sandbox *sb = *state;
	cJSON *d = dossier(sb, WAITING);
	char *s;

	/* asked at the desk before routing, by lan: the one-stop unit */
	sandbox_json_set(d, "supplement.stage", "\"intake\"");
	sandbox_json_set(d, "supplement.by", "\"lan\"");
	s = hh_form_supplement(sb->c, NULL, d, TEXT);
	has_line(s, "Giai đoạn yêu cầu bổ sung: tiếp nhận hồ sơ");
	has_line(s, "Người yêu cầu bổ sung: Trần Thị Lan, " CENTRE);
	has_line(s, "Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, "
	    "Ông/Bà liên hệ với");
	has_line(s, "Trần Thị Lan, " CENTRE " (email: lan@example.vn) để "
	    "được");
	has_right(s, "Trần Thị Lan");
	fits(s);
	free(s);
	/* in appraisal, by thu: her department, whoever prints it */
	sandbox_json_set(d, "supplement.stage", "\"appraisal\"");
	sandbox_json_set(d, "supplement.by", "\"thu\"");
	s = hh_form_supplement(sb->c, sandbox_staff(sb, "lan"), d, TEXT);
	has_line(s, "Giai đoạn yêu cầu bổ sung: thẩm định, giải quyết hồ sơ");
	has_line(s, "Người yêu cầu bổ sung: Đỗ Thị Thu, Phòng Tài nguyên và "
	    "Môi trường");
	has_line(s, "Đỗ Thị Thu, Phòng Tài nguyên và Môi trường (email: "
	    "thu@example.vn) để");
	free(s);
	/* an older dossier: neither recorded; no route before the
	 * supplement event is intake, and its actor issued it, at his own
	 * department whatever the stage */
	sandbox_json_set(d, "supplement.stage", NULL);
	sandbox_json_set(d, "supplement.by", NULL);
	sandbox_json_set(d, "events[1].action", "\"note\"");
	s = hh_form_supplement(sb->c, NULL, d, TEXT);
	has_line(s, "Giai đoạn yêu cầu bổ sung: tiếp nhận hồ sơ");
	has_line(s, "Người yêu cầu bổ sung: Phạm Văn Minh, Phòng Tư pháp");
	assert_null(strstr(s, "Minh tại"));
	free(s);
	/* no supplement event either: no one named */
	sandbox_json_set(d, "events[2].action", "\"note\"");
	s = hh_form_supplement(sb->c, NULL, d, TEXT);
	assert_null(strstr(s, "Người yêu cầu bổ sung"));
	has_line(s, "người hướng dẫn, " CENTRE " để được hướng dẫn.");
	free(s);
	cJSON_Delete(d);
}

static void
test_form_refusal__lines(void **state)
{
	static const char *const want[] = {
		"Mã hồ sơ: " SANDBOX_CODE,
		CENTRE " tiếp nhận hồ sơ của: " SUBJECT,
		"Địa chỉ: Số 1, đường Lê Lợi, thị trấn Thử",
		"Số điện thoại: 0912 345 678",
		"Email: a@example.vn",
		"Nội dung yêu cầu giải quyết: Thay đổi",
		"Thời gian nhận hồ sơ: 08 giờ 00 phút, ngày 05/09/2016",
		"Sau khi xem xét, đối chiếu hồ sơ, Phòng Tư pháp không tiếp "
		    "nhận, giải",
		"quyết hồ sơ này với lý do cụ thể như sau:",
		"   Không đủ điều kiện",
		"Mọi vướng mắc, Ông/Bà liên hệ với Đỗ Thị Thu, Phòng Tài "
		    "nguyên và Môi",
		"trường (email: thu@example.vn) để được hướng dẫn.",
		"Xin trân trọng thông báo!",
		"",
		"          NGƯỜI NỘP HỒ SƠ              NGƯỜI TỪ CHỐI GIẢI QUYẾT "
		    "HỒ SƠ",
		"       (Ký và ghi rõ họ tên)               (Ký và ghi rõ họ "
		    "tên)",
		"",
		"",
		"",
		"            " SUBJECT "                         Đỗ Thị Thu",
	};
	struct sandbox *sb = *state;
	cJSON *d = dossier(sb, REFUSED);
	char *s = hh_form_refusal(sb->c, sandbox_staff(sb, "thu"), d, TEXT);

	heading(s, "ngày 12 tháng 09 năm 2016");
	has_line(s, "                PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ");
	has_line(s, "                 (Mẫu số 03, Thông tư 01/2018/TT-VPCP)");
	lines_are(s, 8, want, sizeof(want) / sizeof(want[0]));
	assert_int_equal(count_lines(s), 8 + sizeof(want) / sizeof(want[0]));
	fits(s);
	free(s);
	cJSON_Delete(d);
}

static void
test_form_apology__lines(void **state)
{
	static const char *const want[] = {
		"           Phòng Tư pháp             CỘNG HÒA XÃ HỘI CHỦ "
		    "NGHĨA VIỆT NAM",
		NATION2,
		NATION3,
		"                                         ngày 08 tháng 09 năm "
		    "2016",
		"",
		"               PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
		"                 (Mẫu số 04, Thông tư 01/2018/TT-VPCP)",
		"",
		"Kính gửi: Ông/Bà " SUBJECT,
		"Địa chỉ: Số 1, đường Lê Lợi, thị trấn Thử",
		"Số điện thoại: 0912 345 678",
		"Vào 08 giờ 00 phút, ngày 05/09/2016, " CENTRE " tiếp nhận",
		"hồ sơ của Ông/Bà, do Trần Thị Lan tiếp nhận.",
		"Mã hồ sơ: " SANDBOX_CODE,
		"Thời gian hẹn trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, "
		    "ngày",
		"12/09/2016.",
		"Tuy nhiên đến nay, Phòng Tư pháp chưa trả kết quả giải quyết "
		    "hồ sơ của",
		"Ông/Bà đúng hạn.",
		"Lý do: Chờ xác minh",
		"Sự chậm trễ này đã gây phiền hà, tốn kém chi phí đi lại của "
		    "Ông/Bà.",
		"Phòng Tư pháp xin lỗi Ông/Bà và đề nghị gia hạn, hẹn trả kết "
		    "quả giải",
		"quyết hồ sơ vào 17 giờ 00 phút, ngày 16/09/2016.",
		"Các lần gia hạn trước: không",
		"Xin trân trọng cảm ơn sự hợp tác của Ông/Bà!",
		"",
		"Nơi nhận:",
		"- Như trên;",
		"- Bộ phận tiếp nhận và trả kết quả;",
		"- Lưu: VT.",
		"",
		"                                             THỦ TRƯỞNG CƠ "
		    "QUAN",
		"                                      (Ký, ghi rõ họ tên và "
		    "đóng dấu)",
		"",
		"",
		"",
		"                                               Phạm Văn Minh",
	};
	struct sandbox *sb = *state;
	cJSON *d = dossier(sb, DELAYED);
	char *s = hh_form_apology(sb->c, NULL, d, TEXT);

	lines_are(s, 0, want, sizeof(want) / sizeof(want[0]));
	assert_int_equal(count_lines(s), sizeof(want) / sizeof(want[0]));
	fits(s);
	free(s);
	/* held by no department: the centre apologises; an unknown clerk is
	 * named by id */
	sandbox_json_set(d, "holder", "\"nowhere\"");
	sandbox_json_set(d, "events[0].actor", "\"ghost\"");
	s = hh_form_apology(sb->c, NULL, d, TEXT);
	lines_are(s, 0, (const char *const []){ NATION1 }, 1);
	has_line(s, "Vào 08 giờ 00 phút, ngày 05/09/2016, " CENTRE
	    " tiếp nhận");
	has_line(s, "hồ sơ của Ông/Bà, do ghost tiếp nhận.");
	assert_non_null(strstr(s, "Tuy nhiên đến nay, " CENTRE " chưa trả"));
	free(s);
	cJSON_Delete(d);
}

/* The instant an extension moves, and every earlier extension. */
static void
test_form_apology__extensions(void **state)
{
	struct sandbox *sb = *state;
	cJSON *d = dossier(sb, DELAYED);
	cJSON *events = cJSON_GetObjectItemCaseSensitive(d, "events");
	int last = cJSON_GetArraySize(events) - 1;
	cJSON *e;
	char *s;

	/* the one recorded now: its due_before is the instant moved */
	sandbox_json_set(d, "events[4].details.due_before",
	    "\"2016-09-14T17:00:00+07:00\"");
	assert_string_equal(hh_dossier_str(cJSON_GetArrayItem(events, last),
	    "action"), "delay");
	s = hh_form_apology(sb->c, NULL, d, TEXT);
	has_line(s, "Thời gian hẹn trả kết quả giải quyết hồ sơ: 17 giờ 00 "
	    "phút, ngày");
	has_line(s, "14/09/2016.");
	has_line(s, "Các lần gia hạn trước: không");
	free(s);
	/* two earlier ones, one of them from before due_before (appended,
	 * then the last again: cJSON 1.7.15 cannot insert) */
	e = cJSON_DetachItemFromArray(events, last);
	cJSON_AddItemToArray(events, cJSON_Parse("{\"action\": "
	    "\"delay\", \"at\": \"2016-09-07T10:00:00+07:00\", \"actor\": "
	    "\"minh\", \"details\": {\"until\": \"2016-09-14\", \"reason\": "
	    "\"x\", \"due_before\": \"2016-09-12T17:00:00+07:00\"}}"));
	cJSON_AddItemToArray(events, cJSON_Parse("{\"action\": "
	    "\"delay\", \"at\": \"2016-09-06T10:00:00+07:00\", \"actor\": "
	    "\"minh\", \"details\": {\"until\": \"2016-09-13T17:00:00+07:00\","
	    " \"reason\": \"y\"}}"));
	cJSON_AddItemToArray(events, e);
	s = hh_form_apology(sb->c, NULL, d, TEXT);
	has_line(s, "Các lần gia hạn trước:");
	has_line(s, "   2) ngày 06/09/2016: hẹn lại đến 17 giờ 00 phút, ngày "
	    "13/09/2016");
	has_line(s, "   1) ngày 07/09/2016: từ 17 giờ 00 phút, ngày 12/09/2016 "
	    "đến ngày");
	has_line(s, "      14/09/2016");
	assert_null(strstr(s, "Các lần gia hạn trước: không"));
	fits(s);
	free(s);
	/* signed by who recorded the delay */
	sandbox_json_set(d, "events[6].actor", "\"thu\"");
	s = hh_form_apology(sb->c, sandbox_staff(sb, "minh"), d, TEXT);
	last_right(s, "Đỗ Thị Thu");
	free(s);
	cJSON_Delete(d);
}

static void
test_form_control__lines(void **state)
{
	static const char *const head[] = {
		NATION1,
		NATION2,
		NATION3,
		"                                         ngày 13 tháng 09 năm "
		    "2016",
		"",
		"               PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
		"                 (Mẫu số 05, Thông tư 01/2018/TT-VPCP)",
		"",
		"Mã hồ sơ: " SANDBOX_CODE,
		"Tên người nộp hồ sơ: " SUBJECT,
		"Địa chỉ: Số 1, đường Lê Lợi, thị trấn Thử",
		"Số điện thoại: 0912 345 678",
		"Email: a@example.vn",
		"Thủ tục: T-HT03 Thay đổi",
		"Ngày nhận hồ sơ: 08 giờ 00 phút, ngày 05/09/2016",
		"Ngày hẹn trả kết quả: 17 giờ 00 phút, ngày 12/09/2016",
		"Ngày hẹn lại (Mẫu 04): 17 giờ 00 phút, ngày 16/09/2016",
		"Cơ quan chủ trì giải quyết: Phòng Tư pháp",
		"Cơ quan phối hợp giải quyết: Phòng Tài nguyên và Môi trường",
		"",
		"+------------------------+-------------------+-----------+"
		    "-------------+",
		"| TÊN CƠ QUAN            | THỜI GIAN GIAO,   | KẾT QUẢ   | "
		    "GHI CHÚ     |",
	};
	static const char *const rows[] = {
		"| 7. Giao: Bộ phận Một   | 10 giờ 00 phút,   | Đúng hạn  | "
		    "Trả kết quả |",
		"| cửa                    | ngày 13/09/2016   |           | "
		    "            |",
		"| 8. Nhận: Nguyễn Văn A  |                   |           | "
		    "            |",
		"| (người nộp)            |                   |           | "
		    "            |",
	};
	struct sandbox *sb = *state;
	cJSON *d = dossier(sb, RETURNED);
	char *s = hh_form_control(sb->c, sandbox_staff(sb, "hoa"), d, TEXT);

	lines_are(s, 0, head, sizeof(head) / sizeof(head[0]));
	has_line(s, "| 1. Giao: Bộ phận Một   | 09 giờ 00 phút,   |           "
	    "| Hạn: 17 giờ |");
	has_line(s, "| 4. Nhận: Phòng Tài     | ngày 09/09/2016   |           "
	    "| 00 phút,    |");
	has_line(s, "| 5. Giao: Phòng Tài     | 10 giờ 00 phút,   | Đúng hạn  "
	    "| Từ chối     |");
	lines_are(s, count_lines(s) - 20, rows, 4);
	has_line(s, "Kết quả theo cơ quan:");
	has_line(s, "  - Phòng Tư pháp: nhận 09 giờ 00 phút, ngày 05/09/2016; "
	    "giao 09 giờ 00");
	has_line(s, "    phút, ngày 09/09/2016; hạn 17 giờ 00 phút, ngày "
	    "09/09/2016; Đúng hạn");
	has_line(s, "  Toàn bộ hồ sơ: Đúng hạn");
	has_line(s, "                                           NGƯỜI TIẾP "
	    "NHẬN HỒ SƠ");
	last_right(s, "Trần Thị Lan");
	assert_int_equal(count_lines(s), 63);
	fits(s);
	free(s);
	cJSON_Delete(d);
}

/* Before any hand-over: one header row, no department yet. */
static void
test_form_control__received(void **state)
{
	struct sandbox *sb = *state;
	cJSON *d = dossier(sb, RECEIVED);
	char *s = hh_form_control(sb->c, NULL, d, TEXT);

	has_line(s, "Cơ quan phối hợp giải quyết: không");
	has_line(s, "Ngày hẹn trả kết quả: 17 giờ 00 phút, ngày 08/09/2016");
	assert_null(strstr(s, "Ngày hẹn lại"));
	has_line(s, "  (hồ sơ chưa chuyển đến cơ quan giải quyết)");
	fits(s);
	free(s);
	cJSON_Delete(d);
}

static void
test_form_stop__lines(void **state)
{
	struct sandbox *sb = *state;
	cJSON *d = dossier(sb, WAITING);
	char *s;

	sandbox_json_set(d, "events[3]", "{\"action\": \"stop\", \"at\": "
	    "\"2025-09-16T10:00:00+07:00\", \"actor\": \"lan\", \"details\": "
	    "{\"by\": \"agency\", \"stage\": \"processing\", \"reason\": "
	    "\"Theo quyết định\", \"fee\": \"50.000 đồng\"}}");
	s = hh_form_stop(sb->c, sandbox_staff(sb, "lan"), d, TEXT);
	lines_are(s, 0, (const char *const []){ NATION1, "Số: "
	    SANDBOX_CODE "/TB-DGQ    Độc lập - Tự do - Hạnh phúc" }, 2);
	heading(s, "ngày 16 tháng 09 năm 2025");
	has_line(s, "                    THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ");
	has_line(s, "                 (Mẫu số 05, Thông tư 03/2025/TT-VPCP)");
	has_line(s, "Lý do: Theo quyết định");
	has_line(s, "Phí, lệ phí đã thu: 50.000 đồng");
	has_line(s, "                                              NGƯỜI THÔNG "
	    "BÁO");
	last_right(s, "Trần Thị Lan");
	fits(s);
	free(s);
	cJSON_Delete(d);
}

/* Every form at every stage: the heading, its number by the day it is
 * issued, 72 columns with a 60-column name and a document name longer
 * than a line. */
static void
test_form__all_fit(void **state)
{
	static char *(*const forms[])(const struct hh_center *,
	    const struct hh_staff *, const cJSON *, enum hh_format) = {
		hh_form_receipt, hh_form_supplement, hh_form_refusal,
		hh_form_apology, hh_form_stop, hh_form_control,
	};
	struct sandbox *sb = *state;
	enum stage st;
	size_t i;
	cJSON *d;
	char *s;

	assert_int_equal(hh_text_width(LONG_NAME), 60);
	for (st = RECEIVED; st <= RETURNED; st++) {
		d = dossier(sb, st);
		sandbox_json_set(d, "applicant.name", "\"" LONG_NAME "\"");
		sandbox_json_set(d, "applicant.address", "\"" LONG_NAME ", "
		    LONG_NAME "\"");
		sandbox_json_set(d, "documents", "[\"" LONG_DOC "\", {\"name\":"
		    " \"" LONG_NAME " " LONG_DOC "\", \"source\": "
		    "\"database\"}]");
		if (st != RECEIVED)
			sandbox_json_set(d, "supplement.documents", "[\""
			    LONG_DOC "\", \"" LONG_NAME "\"]");
		for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
			s = forms[i](sb->c, sandbox_staff(sb, "lan"), d, TEXT);
			fits(s);
			has_line(s, NATION3);
			assert_non_null(strstr(s, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA "
			    "VIỆT NAM\n"));
			assert_non_null(strstr(s, "Độc lập - Tự do - Hạnh "
			    "phúc\n"));
			assert_non_null(strstr(s, " tháng "));
			assert_non_null(strstr(s, "Thông tư 01/2018/TT-VPCP)") ?
			    s : strstr(s, "DỪNG GIẢI QUYẾT"));
			free(s);
		}
		cJSON_Delete(d);
	}
}

/* A form's number and title are those of the day it is issued: the
 * forms of Circular 03/2025 from 15/9/2025. */
static void
test_form__by_date(void **state)
{
	static const struct {
		char *(*form)(const struct hh_center *,
		    const struct hh_staff *, const cJSON *, enum hh_format);
		const char *event, *title, *number;
	} t[] = {
		{ hh_form_receipt, "events[0].at", "GIẤY TIẾP NHẬN HỒ SƠ VÀ "
		    "HẸN TRẢ KẾT QUẢ",
		    "(Mẫu số 01, Thông tư 03/2025/TT-VPCP)" },
		{ hh_form_supplement, "events[2].at", "PHIẾU YÊU CẦU BỔ SUNG, "
		    "HOÀN THIỆN HỒ SƠ",
		    "(Mẫu số 02, Thông tư 03/2025/TT-VPCP)" },
		{ hh_form_apology, "events[4].at", "VĂN BẢN XIN LỖI VÀ ĐỀ "
		    "NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
		    "(Mẫu số 04, Thông tư 03/2025/TT-VPCP)" },
		{ hh_form_control, "events[4].at", "PHIẾU KIỂM SOÁT QUÁ TRÌNH "
		    "GIẢI QUYẾT HỒ SƠ",
		    "(Mẫu số 06, Thông tư 03/2025/TT-VPCP)" },
	};
	struct sandbox *sb = *state;
	cJSON *d;
	char *s;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		d = dossier(sb, DELAYED);
		sandbox_json_set(d, t[i].event,
		    "\"2025-09-15T10:00:00+07:00\"");
		s = t[i].form(sb->c, NULL, d, TEXT);
		assert_non_null(strstr(s, t[i].title));
		assert_non_null(strstr(s, t[i].number));
		heading(s, "ngày 15 tháng 09 năm 2025");
		fits(s);
		free(s);
		s = t[i].form(sb->c, NULL, d, HTML);
		assert_non_null(strstr(s, t[i].number));
		free(s);
		cJSON_Delete(d);
	}
}

/* HTML: every user text escaped, nothing fetched, A4; the receipt's QR
 * code. */
static void
test_form__html(void **state)
{
	static char *(*const forms[])(const struct hh_center *,
	    const struct hh_staff *, const cJSON *, enum hh_format) = {
		hh_form_receipt, hh_form_supplement, hh_form_refusal,
		hh_form_apology, hh_form_stop, hh_form_control,
	};
	const char *page = hh_form_page_begin();
	struct sandbox *sb = *state;
	cJSON *d = dossier(sb, RETURNED);
	size_t i;
	char *s;

	assert_non_null(strstr(page, "<!DOCTYPE html>"));
	assert_non_null(strstr(page, "<meta charset=\"utf-8\">"));
	assert_non_null(strstr(page, "<style>"));
	assert_non_null(strstr(page, "size: A4"));
	assert_non_null(strstr(page, "\"Times New Roman\""));
	assert_non_null(strstr(page, "serif"));
	assert_non_null(strstr(page, "break-after: page"));
	assert_null(strstr(page, "http"));
	assert_null(strstr(page, "src="));
	assert_null(strstr(page, "url("));
	assert_null(strstr(page, "<script"));
	assert_null(strstr(page, "<link"));
	assert_string_equal(hh_form_page_end(), "</body>\n</html>\n");
	sandbox_json_set(d, "applicant.name", "\"<b>&\\\"'\"");
	sandbox_json_set(d, "documents", "[\"<i>x</i>\"]");
	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		s = forms[i](sb->c, sandbox_staff(sb, "lan"), d, HTML);
		assert_true(strncmp(s, "<section class=\"form\">", 22) == 0);
		assert_non_null(strstr(s, "</section>\n"));
		assert_non_null(strstr(s, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT "
		    "NAM"));
		assert_non_null(strstr(s, "Độc lập - Tự do - Hạnh phúc"));
		assert_non_null(strstr(s, "<table class=\"head\">"));
		assert_non_null(strstr(s, "<p class=\"date\">ngày "));
		assert_non_null(strstr(s, "<table class=\"sign\">"));
		if (forms[i] != hh_form_apology)
			assert_non_null(strstr(s,
			    "&lt;b&gt;&amp;&quot;&#39;"));
		assert_null(strstr(s, "<b>&"));
		assert_null(strstr(s, "http"));
		assert_null(strstr(s, "src="));
		assert_true((strstr(s, "<svg") != NULL) ==
		    (forms[i] == hh_form_receipt));
		free(s);
	}
	s = hh_form_receipt(sb->c, NULL, d, HTML);
	assert_non_null(strstr(s, "&lt;i&gt;x&lt;/i&gt;"));
	assert_null(strstr(s, "<i>"));
	assert_non_null(strstr(s, "<svg viewBox=\"0 0 "));
	assert_non_null(strstr(s, "aria-label=\"" SANDBOX_CODE "\""));
	assert_non_null(strstr(s, "<path fill=\"#000\" d=\"M4 4h7v1h-7z"));
	free(s);
	cJSON_Delete(d);
}

int
main(int argc, char *argv[])
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_form_time__vietnamese),
		cmocka_unit_test(test_form_receipt__lines),
		cmocka_unit_test(test_form_receipt__sparse),
		cmocka_unit_test(test_form_receipt__no_times),
		cmocka_unit_test(test_form_receipt__limits),
		cmocka_unit_test(test_form_receipt__documents),
		cmocka_unit_test(test_form__place),
		cmocka_unit_test(test_form_supplement__lines),
		cmocka_unit_test(test_form_supplement__stage),
		cmocka_unit_test(test_form_refusal__lines),
		cmocka_unit_test(test_form_apology__lines),
		cmocka_unit_test(test_form_apology__extensions),
		cmocka_unit_test(test_form_control__lines),
		cmocka_unit_test(test_form_control__received),
		cmocka_unit_test(test_form_stop__lines),
		cmocka_unit_test(test_form__all_fit),
		cmocka_unit_test(test_form__by_date),
		cmocka_unit_test(test_form__html),
	};

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("form", tests, sandbox_setup,
	    sandbox_teardown);
}
