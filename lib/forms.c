/* forms.c - the printed forms (Mẫu 01-05 of Circular 01/2018/TT-VPCP) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hh_impl.h"

void
hh_form_time(char buf[64], int64_t t)
{
	int y, m, d, min = hh_time_minute(t);

	hh_day_civil(hh_time_day(t), &y, &m, &d);
	snprintf(buf, 64, "%02d giờ %02d phút, ngày %02d/%02d/%04d", min / 60,
	    min % 60, d, m, y);
}

/* Text centred in a line of `width` columns (by display width). */
static void
centre(FILE *f, const char *s, size_t width)
{
	size_t w = hh_utf8_width(s), pad = w < width ? (width - w) / 2 : 0;

	fprintf(f, "%*s%s\n", (int)pad, "", s);
}

/* Two columns, the left one padded to 36 display columns. */
static void
columns(FILE *f, const char *left, const char *right)
{
	size_t w = hh_utf8_width(left);

	fprintf(f, "%s%*s%s\n", left, (int)(w < 36 ? 36 - w : 1), "", right);
}

static const char *
limit_text(const cJSON *limit, char buf[64])
{
	const cJSON *v = limit ? limit->child : NULL;
	const char *unit;

	if (v == NULL || !cJSON_IsNumber(v))
		return "";
	if (strcmp(v->string, "working_days") == 0)
		unit = "ngày làm việc";
	else if (strcmp(v->string, "working_hours") == 0)
		unit = "giờ làm việc";
	else
		unit = "ngày";
	if (v->valuedouble == 0 && strcmp(v->string, "working_days") == 0)
		snprintf(buf, 64, "trong ngày");
	else
		snprintf(buf, 64, "%g %s", v->valuedouble, unit);
	return buf;
}

static void
line_opt(FILE *f, const char *label, const char *v)
{
	fprintf(f, "%s: %s\n", label, v && *v ? v : "...................");
}

char *
hh_form_receipt(const struct hh_desk *d, const cJSON *dos)
{
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(dos, "procedure");
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(dos, "applicant");
	const cJSON *docs = cJSON_GetObjectItemCaseSensitive(dos, "documents");
	const cJSON *v;
	char *buf = NULL, t[64], lim[64], head[256];
	size_t len = 0;
	int64_t at;
	int i = 0;
	FILE *f = open_memstream(&buf, &len);

	if (f == NULL)
		abort();
	centre(f, d->center->name, 72);
	fputs("\n", f);
	centre(f, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", 72);
	snprintf(head, sizeof(head), "Mã hồ sơ: %s",
	    hh_dossier_str(dos, "code"));
	centre(f, head, 72);
	centre(f, "(Mẫu số 01, Thông tư 01/2018/TT-VPCP)", 72);
	fputs("\n", f);
	fprintf(f, "%s đã tiếp nhận hồ sơ của: %s\n", d->center->name,
	    hh_dossier_str(a, "name"));
	line_opt(f, "Địa chỉ", hh_dossier_str(a, "address"));
	line_opt(f, "Số điện thoại", hh_dossier_str(a, "phone"));
	line_opt(f, "Email", hh_dossier_str(a, "email"));
	fprintf(f, "Nội dung yêu cầu giải quyết: %s\n",
	    hh_dossier_str(p, "name"));
	fputs("1. Thành phần hồ sơ:\n", f);
	cJSON_ArrayForEach(v, docs)
		if (cJSON_IsString(v))
			fprintf(f, "   %d) %s\n", ++i, v->valuestring);
	if (i == 0)
		fputs("   (không có)\n", f);
	fputs("2. Số lượng hồ sơ: 01 bộ\n", f);
	fprintf(f, "3. Thời gian giải quyết hồ sơ theo quy định: %s\n",
	    limit_text(cJSON_GetObjectItemCaseSensitive(p, "limit"), lim));
	hh_time_parse(&at, hh_dossier_str(dos, "received_at"));
	hh_form_time(t, at);
	fprintf(f, "4. Thời gian nhận hồ sơ: %s\n", t);
	hh_time_parse(&at, hh_dossier_str(dos, "due_at"));
	hh_form_time(t, at);
	fprintf(f, "5. Thời gian trả kết quả giải quyết hồ sơ: %s\n", t);
	fprintf(f, "6. Đăng ký nhận kết quả tại: %s\n", d->center->name);
	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(dos,
	    "provisional")))
		fputs("   (hẹn tạm tính: lịch nghỉ năm này chưa được "
		    "công bố chính thức)\n", f);
	fputs("\n", f);
	columns(f, "NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ");
	columns(f, "(Ký và ghi rõ họ tên)", "(Ký và ghi rõ họ tên)");
	fputs("\n\n", f);
	columns(f, hh_dossier_str(a, "name"), d->actor ? d->actor->name : "");
	fclose(f);
	return buf;
}
