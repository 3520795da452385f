/* test_form - the printed forms (Mẫu 01-05) on a fixed dossier */
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
/* The right-hand column of the signatures. */
#define RIGHT "                                    "

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

static size_t
count_lines(const char *text)
{
	size_t n = 0;

	for (; *text; text++)
		n += *text == '\n';
	return n;
}

/*
 * No line of text is wider than 72 columns, but those starting with one
 * of wide (NULL-ended): prose the forms print unwrapped, and the table of
 * Mẫu 05, which are wider today.  Every form ends with a newline.
 */
static void
fits(const char *text, const char *const *wide)
{
	const char *p, *end;
	const char *const *w;
	size_t n = 0, cols;
	char *l;

	assert_true(*text != '\0' && text[strlen(text) - 1] == '\n');
	for (p = text; (end = strchr(p, '\n')) != NULL; p = end + 1, n++) {
		l = hh_xasprintf("%.*s", (int)(end - p), p);
		for (w = wide; *w != NULL; w++)
			if (strncmp(l, *w, strlen(*w)) == 0)
				break;
		if (*w == NULL && (cols = hh_text_width(l)) > 72)
			fail_msg("line %zu is %zu columns: %s", n, cols, l);
		free(l);
	}
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
	static const char *const head[] = {
		"                       " CENTRE,
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
		"   1) Tờ khai thay đổi hộ tịch (scanned)",
		"   2) Bản sao CCCD (scanned)",
		"2. Số lượng hồ sơ: 01 bộ",
		"3. Thời gian giải quyết hồ sơ theo quy định: 3 ngày làm việc",
		"4. Thời gian nhận hồ sơ: 08 giờ 00 phút, ngày 05/09/2016",
		"5. Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, "
		    "ngày 08/09/2016",
		"6. Đăng ký nhận kết quả tại: " CENTRE,
		"",
		"NGƯỜI NỘP HỒ SƠ                     NGƯỜI TIẾP NHẬN HỒ SƠ",
		"(Ký và ghi rõ họ tên)               (Ký và ghi rõ họ tên)",
		"",
		"",
		SUBJECT "                        Trần Thị Lan",
	};
	static const char *const wide[] = { "5. Thời gian trả kết quả", NULL };
	struct sandbox *sb = *state;
	cJSON *d = dossier(sb, RECEIVED);
	char *s = hh_form_receipt(sb->c, sandbox_staff(sb, "lan"), d);

	lines_are(s, 0, head, sizeof(head) / sizeof(head[0]));
	assert_int_equal(count_lines(s), sizeof(head) / sizeof(head[0]));
	fits(s, wide);
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
	s = hh_form_receipt(sb->c, NULL, d);
	has_line(s, "Địa chỉ: ...................");
	has_line(s, "Số điện thoại: ...................");
	has_line(s, "Email: ...................");
	has_line(s, "   (không có)");
	has_line(s, "4. Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 04/03/2030");
	has_line(s, "5. Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 "
	    "phút, ngày 07/03/2030");
	has_line(s, "   (hẹn tạm tính: lịch nghỉ năm này chưa được công bố "
	    "chính thức)");
	l = line(s, count_lines(s) - 1);
	assert_string_equal(l, SUBJECT "                        ");
	free(l);
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
	s = hh_form_receipt(sb->c, NULL, d);
	has_line(s, "4. Thời gian nhận hồ sơ: 07 giờ 00 phút, ngày 01/01/1970");
	has_line(s, "5. Thời gian trả kết quả giải quyết hồ sơ: 07 giờ 00 "
	    "phút, ngày 01/01/1970");
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
		s = hh_form_receipt(sb->c, NULL, d);
		want = hh_xasprintf("3. Thời gian giải quyết hồ sơ theo quy "
		    "định: %s", t[i].words);
		has_line(s, want);
		free(want);
		free(s);
	}
	cJSON_Delete(d);
}

static void
test_form_supplement__lines(void **state)
{
	static const char *const head[] = {
		"                       " CENTRE,
		"",
		"                PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
		"                   Số: " SANDBOX_CODE "/HDHS",
		"                 (Mẫu số 02, Thông tư 01/2018/TT-VPCP)",
		"",
		CENTRE " tiếp nhận hồ sơ của Ông/Bà: " SUBJECT,
		"Nội dung yêu cầu giải quyết: Thay đổi",
		"Địa chỉ: Số 1, đường Lê Lợi, thị trấn Thử",
		"Số điện thoại: 0912 345 678",
		"Email: a@example.vn",
		"Yêu cầu Ông/Bà bổ sung, hoàn thiện hồ sơ gồm những nội dung "
		    "sau:",
		"   STT  Tên giấy tờ (bản chính, bản sao có chứng thực hoặc "
		    "bản chụp)",
		"     1  Tờ khai thay đổi hộ tịch: 01 bản",
		"     2  Bản sao CCCD: 01 bản",
		"Lý do: Thiếu tờ khai",
		"Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà "
		    "liên hệ với Phạm Văn Minh tại " CENTRE " để được hướng "
		    "dẫn.",
		"",
		RIGHT "ngày 06 tháng 09 năm 2016",
		RIGHT "NGƯỜI HƯỚNG DẪN",
		RIGHT "(Ký và ghi rõ họ tên)",
		"",
		"",
		RIGHT "Phạm Văn Minh",
	};
	static const char *const wide[] = { "Trong quá trình", NULL };
	struct sandbox *sb = *state;
	cJSON *d = dossier(sb, WAITING);
	char *s = hh_form_supplement(sb->c, sandbox_staff(sb, "minh"), d);

	lines_are(s, 0, head, sizeof(head) / sizeof(head[0]));
	assert_int_equal(count_lines(s), sizeof(head) / sizeof(head[0]));
	fits(s, wide);
	free(s);
	/* no one to sign, no documents named */
	sandbox_json_set(d, "supplement.documents", "[]");
	s = hh_form_supplement(sb->c, NULL, d);
	has_line(s, "   (theo lý do nêu dưới đây)");
	has_line(s, "Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, "
	    "Ông/Bà liên hệ với người hướng dẫn tại " CENTRE " để được "
	    "hướng dẫn.");
	has_line(s, RIGHT "(Ký và ghi rõ họ tên)");
	assert_int_equal(count_lines(s), sizeof(head) / sizeof(head[0]) - 2);
	free(s);
	cJSON_Delete(d);
}

static void
test_form_refusal__lines(void **state)
{
	static const char *const head[] = {
		"                       " CENTRE,
		"",
		"                PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
		"                 (Mẫu số 03, Thông tư 01/2018/TT-VPCP)",
		"",
		"Mã hồ sơ: " SANDBOX_CODE,
		CENTRE " tiếp nhận hồ sơ của: " SUBJECT,
		"Địa chỉ: Số 1, đường Lê Lợi, thị trấn Thử",
		"Số điện thoại: 0912 345 678",
		"Email: a@example.vn",
		"Nội dung yêu cầu giải quyết: Thay đổi",
		"Thời gian nhận hồ sơ: 08 giờ 00 phút, ngày 05/09/2016",
		"Sau khi xem xét, đối chiếu hồ sơ, Phòng Tư pháp không tiếp "
		    "nhận, giải quyết hồ sơ này với lý do cụ thể như sau:",
		"   Không đủ điều kiện",
		"Mọi vướng mắc, Ông/Bà liên hệ " CENTRE " để được hướng dẫn.",
		"Xin trân trọng thông báo!",
		"",
		RIGHT "ngày 12 tháng 09 năm 2016",
		"NGƯỜI NỘP HỒ SƠ                     NGƯỜI TIẾP NHẬN HỒ SƠ",
		"(Ký và ghi rõ họ tên)               (Ký và ghi rõ họ tên)",
		"",
		"",
		SUBJECT "                        Đỗ Thị Thu",
	};
	static const char *const wide[] = { "Sau khi xem xét",
	    "Mọi vướng mắc", NULL };
	struct sandbox *sb = *state;
	cJSON *d = dossier(sb, REFUSED);
	char *s = hh_form_refusal(sb->c, sandbox_staff(sb, "thu"), d);

	lines_are(s, 0, head, sizeof(head) / sizeof(head[0]));
	assert_int_equal(count_lines(s), sizeof(head) / sizeof(head[0]));
	fits(s, wide);
	free(s);
	cJSON_Delete(d);
}

static void
test_form_apology__lines(void **state)
{
	static const char *const head[] = {
		"                             Phòng Tư pháp",
		"",
		"               PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
		"                 (Mẫu số 04, Thông tư 01/2018/TT-VPCP)",
		"",
		"Kính gửi: Ông/Bà " SUBJECT,
		"Địa chỉ: Số 1, đường Lê Lợi, thị trấn Thử",
		"Số điện thoại: 0912 345 678",
		"Vào 08 giờ 00 phút, ngày 05/09/2016, " CENTRE " tiếp nhận hồ "
		    "sơ của Ông/Bà, do Trần Thị Lan tiếp nhận.",
		"Mã hồ sơ: " SANDBOX_CODE,
		"Thời gian hẹn trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, "
		    "ngày 12/09/2016.",
		"Tuy nhiên đến nay, Phòng Tư pháp chưa trả kết quả giải quyết "
		    "hồ sơ của Ông/Bà đúng hạn.",
		"Lý do: Chờ xác minh",
		"Sự chậm trễ này đã gây phiền hà, tốn kém chi phí đi lại của "
		    "Ông/Bà. Phòng Tư pháp xin lỗi Ông/Bà và hẹn trả kết quả "
		    "giải quyết hồ sơ vào 17 giờ 00 phút, ngày 16/09/2016.",
		"Xin trân trọng cảm ơn sự hợp tác của Ông/Bà!",
		"",
		"Nơi nhận:",
		"- Như trên;",
		"- Bộ phận tiếp nhận và trả kết quả;",
		"- Lưu: VT.",
		"",
		RIGHT "ngày 08 tháng 09 năm 2016",
		RIGHT "THỦ TRƯỞNG CƠ QUAN",
		RIGHT "(Ký, ghi rõ họ tên và đóng dấu)",
		"",
		"",
	};
	static const char *const wide[] = { "Vào ", "Thời gian hẹn trả",
	    "Tuy nhiên", "Sự chậm trễ", NULL };
	struct sandbox *sb = *state;
	cJSON *d = dossier(sb, DELAYED);
	char *s = hh_form_apology(sb->c, sandbox_staff(sb, "minh"), d);

	lines_are(s, 0, head, sizeof(head) / sizeof(head[0]));
	assert_int_equal(count_lines(s), sizeof(head) / sizeof(head[0]));
	fits(s, wide);
	free(s);
	/* held by no department: the centre apologises; an unknown clerk is
	 * named by id */
	sandbox_json_set(d, "holder", "\"nowhere\"");
	sandbox_json_set(d, "events[0].actor", "\"ghost\"");
	s = hh_form_apology(sb->c, NULL, d);
	lines_are(s, 0, (const char *const []){ "                       "
	    CENTRE }, 1);
	has_line(s, "Vào 08 giờ 00 phút, ngày 05/09/2016, " CENTRE " tiếp nhận "
	    "hồ sơ của Ông/Bà, do ghost tiếp nhận.");
	has_line(s, "Tuy nhiên đến nay, " CENTRE " chưa trả kết quả giải quyết "
	    "hồ sơ của Ông/Bà đúng hạn.");
	free(s);
	cJSON_Delete(d);
}

static void
test_form_control__lines(void **state)
{
	static const char *const head[] = {
		"                           " CENTRE,
		"",
		"                   PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
		"                     (Mẫu số 05, Thông tư 01/2018/TT-VPCP)",
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
		"+----------------------------+------------------------+"
		    "------------+----------------+",
		"| TÊN CƠ QUAN                | THỜI GIAN GIAO, NHẬN   | "
		    "KẾT QUẢ    | GHI CHÚ        |",
	};
	static const char *const rows[] = {
		"| 7. Giao: Bộ phận Một cửa   | 10 giờ 00 phút, ngày   | "
		    "Đúng hạn   | Trả kết quả    |",
		"| 8. Nhận: Nguyễn Văn A      | 13/09/2016             | "
		    "           |                |",
		"| (người nộp)                |                        | "
		    "           |                |",
	};
	static const char *const wide[] = { "+-", "| ", "  - ", NULL };
	struct sandbox *sb = *state;
	cJSON *d = dossier(sb, RETURNED);
	char *s = hh_form_control(sb->c, sandbox_staff(sb, "hoa"), d);

	lines_are(s, 0, head, sizeof(head) / sizeof(head[0]));
	has_line(s, "| 1. Giao: Bộ phận Một cửa   | 09 giờ 00 phút, ngày   | "
	    "           | Hạn: 17 giờ 00 |");
	has_line(s, "| 4. Nhận: Phòng Tài nguyên  | 09/09/2016             | "
	    "           | phút, ngày     |");
	has_line(s, "| và Môi trường              | Người giao: Phạm Văn   | "
	    "           | 12/09/2016     |");
	has_line(s, "| 5. Giao: Phòng Tài nguyên  | 10 giờ 00 phút, ngày   | "
	    "Đúng hạn   | Từ chối giải   |");
	lines_are(s, count_lines(s) - 9, rows, 3);
	has_line(s, "Kết quả theo cơ quan:");
	has_line(s, "  - Phòng Tư pháp: nhận 09 giờ 00 phút, ngày 05/09/2016; "
	    "giao 09 giờ 00 phút, ngày 09/09/2016; hạn 17 giờ 00 phút, ngày "
	    "09/09/2016; Đúng hạn");
	has_line(s, "  Toàn bộ hồ sơ: Đúng hạn");
	assert_int_equal(count_lines(s), 47);
	fits(s, wide);
	free(s);
	cJSON_Delete(d);
}

/* Before any hand-over: one header row, no department yet. */
static void
test_form_control__received(void **state)
{
	struct sandbox *sb = *state;
	cJSON *d = dossier(sb, RECEIVED);
	char *s = hh_form_control(sb->c, NULL, d);
	char *l = line(s, count_lines(s) - 1);

	has_line(s, "Cơ quan phối hợp giải quyết: không");
	has_line(s, "Ngày hẹn trả kết quả: 17 giờ 00 phút, ngày 08/09/2016");
	assert_null(strstr(s, "Ngày hẹn lại"));
	assert_string_equal(l, "  (hồ sơ chưa chuyển đến cơ quan giải "
	    "quyết)");
	assert_int_equal(count_lines(s), 24);
	free(l);
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
		cmocka_unit_test(test_form_supplement__lines),
		cmocka_unit_test(test_form_refusal__lines),
		cmocka_unit_test(test_form_apology__lines),
		cmocka_unit_test(test_form_control__lines),
		cmocka_unit_test(test_form_control__received),
	};

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("form", tests, sandbox_setup,
	    sandbox_teardown);
}
