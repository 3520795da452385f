/* form.c - the printed forms (Mẫu 01-05 of Circular 01/2018/TT-VPCP) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core.h"

void
hh_form_time(char buf[64], int64_t t)
{
	int y, m, d, min = hh_time_minute(t);

	hh_time_civil(hh_time_day(t), &y, &m, &d);
	snprintf(buf, 64, "%02d giờ %02d phút, ngày %02d/%02d/%04d", min / 60,
	    min % 60, d, m, y);
}

/* Text centred in a line of `width` columns (by display width). */
static void
centre(FILE *f, const char *s, size_t width)
{
	size_t w = hh_text_width(s), pad = w < width ? (width - w) / 2 : 0;

	fprintf(f, "%*s%s\n", (int)pad, "", s);
}

/* Two columns, the left one padded to 36 display columns. */
static void
columns(FILE *f, const char *left, const char *right)
{
	size_t w = hh_text_width(left);

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

/* The last event of the dossier with this action, or NULL. */
static const cJSON *
last_event(const cJSON *dos, const char *action)
{
	const cJSON *e, *found = NULL;

	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(dos, "events"))
		if (strcmp(hh_dossier_str(e, "action"), action) == 0)
			found = e;
	return found;
}

/* When the form of an event is issued: the time of the dossier's last
 * event with that action (0 if none: the first form set). */
static int64_t
issued(const cJSON *dos, const char *action)
{
	const cJSON *last = last_event(dos, action);
	int64_t t = 0;

	if (last != NULL)
		hh_time_parse(&t, hh_dossier_str(last, "at"));
	return t;
}

/* A form being written: text in memory, returned whole by form_close. */
struct form {
	FILE *f;
	char *buf;
	size_t len;
};

/*
 * Open a form and write its title block centred in width columns: the
 * body issuing it, the form's name, its number line (if any), the
 * "(Mẫu số NN, ...)" line, and a blank line: name and number those of
 * the form set in force on the day it is issued (hh_rules_forms_at).  Out
 * of memory aborts (the x-allocators' rule).
 */
static FILE *
form_open(struct form *m, const struct hh_center *c, const char *body,
    enum hh_form_kind kind, int64_t issued, const char *number,
    size_t width)
{
	const struct hh_form_set *fs = hh_rules_forms_at(c->rules, issued);
	char buf[128];

	m->buf = NULL;
	m->len = 0;
	if ((m->f = open_memstream(&m->buf, &m->len)) == NULL)
		abort();
	centre(m->f, body, width);
	fputs("\n", m->f);
	/* a form the set of its day lacks (a stop before 15/9/2025): the
	 * next set's title, without a number */
	if (fs->title[kind] == NULL && kind == HH_FORM_STOP)
		centre(m->f, "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ", width);
	else
		centre(m->f, fs->title[kind] ? fs->title[kind] : "", width);
	if (number != NULL)
		centre(m->f, number, width);
	snprintf(buf, sizeof(buf), "(Mẫu số %02d, %s)", fs->number[kind],
	    fs->circular);
	if (fs->number[kind] != 0)
		centre(m->f, buf, width);
	fputs("\n", m->f);
	return m->f;
}

/* The form's text (malloc'd). */
static char *
form_close(struct form *m)
{
	if (fclose(m->f) != 0 || m->buf == NULL)
		abort();
	return m->buf;
}

char *
hh_form_receipt(const struct hh_center *c, const struct hh_staff *actor,
    const cJSON *dos)
{
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(dos, "procedure");
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(dos, "applicant");
	const cJSON *docs = cJSON_GetObjectItemCaseSensitive(dos, "documents");
	const cJSON *v;
	struct form m;
	char t[64], lim[64], head[256];
	int64_t at = 0;
	int i = 0;
	FILE *f;

	snprintf(head, sizeof(head), "Mã hồ sơ: %s",
	    hh_dossier_str(dos, "code"));
	f = form_open(&m, c, c->name, HH_FORM_RECEIPT, issued(dos, "intake"),
	    head, 72);
	fprintf(f, "%s đã tiếp nhận hồ sơ của: %s\n", c->name,
	    hh_dossier_str(a, "name"));
	line_opt(f, "Địa chỉ", hh_dossier_str(a, "address"));
	line_opt(f, "Số điện thoại", hh_dossier_str(a, "phone"));
	line_opt(f, "Email", hh_dossier_str(a, "email"));
	fprintf(f, "Nội dung yêu cầu giải quyết: %s\n",
	    hh_dossier_str(p, "name"));
	fputs("1. Thành phần hồ sơ:\n", f);
	cJSON_ArrayForEach(v, docs)
		if (*hh_dossier_doc_name(v))
			fprintf(f, "   %d) %s (%s)\n", ++i,
			    hh_dossier_doc_name(v),
			    hh_dossier_doc_source(v, dos));
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
	fprintf(f, "6. Đăng ký nhận kết quả tại: %s\n", c->name);
	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(dos,
	    "provisional")))
		fputs("   (hẹn tạm tính: lịch nghỉ năm này chưa được "
		    "công bố chính thức)\n", f);
	fputs("\n", f);
	columns(f, "NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ");
	columns(f, "(Ký và ghi rõ họ tên)", "(Ký và ghi rõ họ tên)");
	fputs("\n\n", f);
	columns(f, hh_dossier_str(a, "name"), actor ? actor->name : "");
	return form_close(&m);
}

/* "ngày 06 tháng 09 năm 2016" */
static void
date_words(char buf[64], int64_t t)
{
	int y, m, d;

	hh_time_civil(hh_time_day(t), &y, &m, &d);
	snprintf(buf, 64, "ngày %02d tháng %02d năm %04d", d, m, y);
}

static void
applicant(FILE *f, const cJSON *a)
{
	line_opt(f, "Địa chỉ", hh_dossier_str(a, "address"));
	line_opt(f, "Số điện thoại", hh_dossier_str(a, "phone"));
	line_opt(f, "Email", hh_dossier_str(a, "email"));
}

/* "<place/date line>" then one signature right of centre. */
static void
signature(FILE *f, int64_t t, const char *who, const char *hint,
    const char *name)
{
	char date[64];

	date_words(date, t);
	columns(f, "", date);
	columns(f, "", who);
	columns(f, "", hint);
	fputs("\n\n", f);
	if (name != NULL && *name)
		columns(f, "", name);
}

char *
hh_form_supplement(const struct hh_center *c, const struct hh_staff *actor,
    const cJSON *dos)
{
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(dos, "procedure");
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(dos, "applicant");
	const cJSON *s = cJSON_GetObjectItemCaseSensitive(dos, "supplement");
	const cJSON *v;
	struct form m;
	char num[128];
	int64_t at = 0;
	int i = 0;
	FILE *f;

	snprintf(num, sizeof(num), "Số: %s/HDHS", hh_dossier_str(dos, "code"));
	f = form_open(&m, c, c->name, HH_FORM_SUPPLEMENT, issued(dos,
	    "supplement"), num, 72);
	fprintf(f, "%s tiếp nhận hồ sơ của Ông/Bà: %s\n", c->name,
	    hh_dossier_str(a, "name"));
	fprintf(f, "Nội dung yêu cầu giải quyết: %s\n",
	    hh_dossier_str(p, "name"));
	applicant(f, a);
	fputs("Yêu cầu Ông/Bà bổ sung, hoàn thiện hồ sơ gồm những nội dung "
	    "sau:\n", f);
	fputs("   STT  Tên giấy tờ (bản chính, bản sao có chứng thực hoặc "
	    "bản chụp)\n", f);
	cJSON_ArrayForEach(v, cJSON_GetObjectItemCaseSensitive(s, "documents"))
		if (cJSON_IsString(v))
			fprintf(f, "   %3d  %s: 01 bản\n", ++i,
			    v->valuestring);
	if (i == 0)
		fputs("   (theo lý do nêu dưới đây)\n", f);
	fprintf(f, "Lý do: %s\n", hh_dossier_str(s, "reason"));
	fprintf(f, "Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, "
	    "Ông/Bà liên hệ với %s tại %s để được hướng dẫn.\n",
	    actor ? actor->name : "người hướng dẫn", c->name);
	fputs("\n", f);
	hh_time_parse(&at, hh_dossier_str(s, "requested_at"));
	signature(f, at, "NGƯỜI HƯỚNG DẪN", "(Ký và ghi rõ họ tên)",
	    actor ? actor->name : "");
	return form_close(&m);
}

char *
hh_form_refusal(const struct hh_center *c, const struct hh_staff *actor,
    const cJSON *dos)
{
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(dos, "procedure");
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(dos, "applicant");
	const cJSON *e = last_event(dos, "done");
	const cJSON *det = cJSON_GetObjectItemCaseSensitive(e, "details");
	const struct hh_dept *dept;
	struct form m;
	char t[64], date[64];
	int64_t at = 0;
	FILE *f = form_open(&m, c, c->name, HH_FORM_REFUSAL, issued(dos,
	    "done"), NULL, 72);

	fprintf(f, "Mã hồ sơ: %s\n", hh_dossier_str(dos, "code"));
	fprintf(f, "%s tiếp nhận hồ sơ của: %s\n", c->name,
	    hh_dossier_str(a, "name"));
	applicant(f, a);
	fprintf(f, "Nội dung yêu cầu giải quyết: %s\n",
	    hh_dossier_str(p, "name"));
	hh_time_parse(&at, hh_dossier_str(dos, "received_at"));
	hh_form_time(t, at);
	fprintf(f, "Thời gian nhận hồ sơ: %s\n", t);
	dept = hh_center_dept(c, hh_dossier_str(p, "department"));
	fprintf(f, "Sau khi xem xét, đối chiếu hồ sơ, %s không tiếp nhận, "
	    "giải quyết hồ sơ này với lý do cụ thể như sau:\n",
	    dept ? dept->name : c->name);
	fprintf(f, "   %s\n", hh_dossier_str(det, "reason"));
	fprintf(f, "Mọi vướng mắc, Ông/Bà liên hệ %s để được hướng dẫn.\n",
	    c->name);
	fputs("Xin trân trọng thông báo!\n\n", f);
	hh_time_parse(&at, hh_dossier_str(e, "at"));
	date_words(date, at);
	columns(f, "", date);
	columns(f, "NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ");
	columns(f, "(Ký và ghi rõ họ tên)", "(Ký và ghi rõ họ tên)");
	fputs("\n\n", f);
	columns(f, hh_dossier_str(a, "name"), actor ? actor->name : "");
	return form_close(&m);
}

char *
hh_form_apology(const struct hh_center *c, const struct hh_staff *actor,
    const cJSON *dos)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(dos, "applicant");
	const cJSON *e = last_event(dos, "delay");
	const cJSON *det = cJSON_GetObjectItemCaseSensitive(e, "details");
	const cJSON *in = last_event(dos, "intake");
	const struct hh_staff *clerk;
	const struct hh_dept *dept;
	const char *agency;
	struct form m;
	char t[64];
	int64_t at = 0;
	FILE *f;

	(void)actor;	/* every form takes the same three */
	/* issued by the department that holds the dossier */
	dept = hh_center_dept(c, hh_dossier_str(dos, "holder"));
	agency = dept ? dept->name : c->name;
	f = form_open(&m, c, agency, HH_FORM_APOLOGY, issued(dos, "delay"),
	    NULL, 72);
	fprintf(f, "Kính gửi: Ông/Bà %s\n", hh_dossier_str(a, "name"));
	line_opt(f, "Địa chỉ", hh_dossier_str(a, "address"));
	line_opt(f, "Số điện thoại", hh_dossier_str(a, "phone"));
	hh_time_parse(&at, hh_dossier_str(dos, "received_at"));
	hh_form_time(t, at);
	clerk = hh_center_staff(c, hh_dossier_str(in, "actor"));
	fprintf(f, "Vào %s, %s tiếp nhận hồ sơ của Ông/Bà, do %s tiếp "
	    "nhận.\n", t, c->name, clerk ? clerk->name :
	    hh_dossier_str(in, "actor"));
	fprintf(f, "Mã hồ sơ: %s\n", hh_dossier_str(dos, "code"));
	hh_time_parse(&at, hh_dossier_str(dos, "due_at"));
	hh_form_time(t, at);
	fprintf(f, "Thời gian hẹn trả kết quả giải quyết hồ sơ: %s.\n", t);
	fprintf(f, "Tuy nhiên đến nay, %s chưa trả kết quả giải quyết hồ sơ "
	    "của Ông/Bà đúng hạn.\n", agency);
	fprintf(f, "Lý do: %s\n", hh_dossier_str(det, "reason"));
	hh_time_parse(&at, hh_dossier_str(dos, "appointment_at"));
	hh_form_time(t, at);
	fprintf(f, "Sự chậm trễ này đã gây phiền hà, tốn kém chi phí đi lại "
	    "của Ông/Bà. %s xin lỗi Ông/Bà và hẹn trả kết quả giải quyết hồ "
	    "sơ vào %s.\n", agency, t);
	fputs("Xin trân trọng cảm ơn sự hợp tác của Ông/Bà!\n\n", f);
	fputs("Nơi nhận:\n- Như trên;\n- Bộ phận tiếp nhận và trả kết quả;\n"
	    "- Lưu: VT.\n\n", f);
	hh_time_parse(&at, hh_dossier_str(e, "at"));
	signature(f, at, "THỦ TRƯỞNG CƠ QUAN",
	    "(Ký, ghi rõ họ tên và đóng dấu)", "");
	return form_close(&m);
}

/* Mẫu 05: the class words of a share or a dossier ("" if none). */
static const char *
class_words(const char *cls)
{
	if (strcmp(cls, "early") == 0)
		return "Trước hạn";
	if (strcmp(cls, "on_time") == 0)
		return "Đúng hạn";
	if (strcmp(cls, "late") == 0)
		return "Quá hạn";
	return "";
}

static const char *
dept_name(const struct hh_center *c, const char *id)
{
	const struct hh_dept *dp = hh_center_dept(c, id);

	return dp ? dp->name : id;
}

static const char *
staff_name(const struct hh_center *c, const char *id)
{
	const struct hh_staff *s = hh_center_staff(c, id);

	return s ? s->name : id;
}

/* "08 giờ 15 phút, ngày 30/09/2016" of a time member, or "". */
static const char *
form_time_of(char buf[64], const cJSON *obj, const char *key)
{
	int64_t t;

	buf[0] = '\0';
	if (hh_time_parse(&t, hh_dossier_str(obj, key)) == 0)
		hh_form_time(buf, t);
	return buf;
}

/* Word-wrap text (lines split at \n) to width display columns. */
static size_t
wrap(char ***out, const char *text, size_t width)
{
	char **v = NULL, *copy = hh_xstrdup(text), *line, *word, *cur;
	char *lsave = NULL, *wsave = NULL, *t;
	size_t n = 0;

	for (line = strtok_r(copy, "\n", &lsave); line;
	    line = strtok_r(NULL, "\n", &lsave)) {
		cur = NULL;
		for (word = strtok_r(line, " ", &wsave); word;
		    word = strtok_r(NULL, " ", &wsave)) {
			if (cur != NULL && hh_text_width(cur) + 1 +
			    hh_text_width(word) <= width) {
				t = hh_xasprintf("%s %s", cur, word);
				free(cur);
				cur = t;
				continue;
			}
			if (cur != NULL) {
				v = hh_xrealloc(v, (n + 1) * sizeof(*v));
				v[n++] = cur;
			}
			cur = hh_xstrdup(word);
		}
		v = hh_xrealloc(v, (n + 1) * sizeof(*v));
		v[n++] = cur ? cur : hh_xstrdup("");
	}
	free(copy);
	*out = v;
	return n;
}

#define M05_COLS 4
static const size_t m05_width[M05_COLS] = { 26, 22, 10, 14 };

static void
m05_rule(FILE *f)
{
	size_t i, j;

	for (i = 0; i < M05_COLS; i++) {
		fputc('+', f);
		for (j = 0; j < m05_width[i] + 2; j++)
			fputc('-', f);
	}
	fputs("+\n", f);
}

static void
m05_row(FILE *f, const char *const cell[M05_COLS])
{
	char **lines[M05_COLS];
	size_t n[M05_COLS], i, k, rows = 0, w;

	for (i = 0; i < M05_COLS; i++) {
		n[i] = wrap(&lines[i], cell[i], m05_width[i]);
		if (n[i] > rows)
			rows = n[i];
	}
	for (k = 0; k < rows; k++) {
		for (i = 0; i < M05_COLS; i++) {
			const char *s = k < n[i] ? lines[i][k] : "";

			w = hh_text_width(s);
			fprintf(f, "| %s%*s ", s, (int)(w < m05_width[i] ?
			    m05_width[i] - w : 0), "");
		}
		fputs("|\n", f);
	}
	m05_rule(f);
	for (i = 0; i < M05_COLS; i++) {
		for (k = 0; k < n[i]; k++)
			free(lines[i][k]);
		free(lines[i]);
	}
}

/* The actor of the n-th event with this action, or "". */
static const char *
nth_actor(const cJSON *dos, const char *action, int nth)
{
	const cJSON *e;

	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(dos, "events"))
		if (strcmp(hh_dossier_str(e, "action"), action) == 0 &&
		    nth-- == 0)
			return hh_dossier_str(e, "actor");
	return "";
}

char *
hh_form_control(const struct hh_center *c, const struct hh_staff *actor,
    const cJSON *dos)
{
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(dos, "procedure");
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(dos, "applicant");
	const cJSON *shares = cJSON_GetObjectItemCaseSensitive(dos, "shares");
	const cJSON *sh, *prev = NULL;
	const char *desk, *main_dept, *status, *cell[M05_COLS];
	struct hh_life lf;
	char *c0, *c1, *c3, *co = hh_xstrdup(""), *t;
	char t1[64], t2[64];
	struct form m;
	int i = 0;
	FILE *f;

	(void)actor;	/* every form takes the same three */
	desk = hh_center_staff(c, nth_actor(dos, "intake", 0)) ?
	    hh_center_staff(c, nth_actor(dos, "intake", 0))->department
	    : hh_dossier_str(dos, "holder");
	main_dept = hh_dossier_str(p, "department");
	status = hh_life_at(&lf, dos, INT64_MAX) < 0 ? "" :
	    hh_life_status_name(lf.status);
	cJSON_ArrayForEach(sh, shares) {
		const char *dep = hh_dossier_str(sh, "department");

		if (strcmp(dep, main_dept) == 0 || strstr(co,
		    dept_name(c, dep)) != NULL)
			continue;
		t = hh_xasprintf("%s%s%s", co, *co ? ", " : "",
		    dept_name(c, dep));
		free(co);
		co = t;
	}

	/* centred in 80 columns: the table below is wider than 72 */
	f = form_open(&m, c, c->name, HH_FORM_CONTROL,
	    hh_dossier_last_at(dos), NULL, 80);
	fprintf(f, "Mã hồ sơ: %s\n", hh_dossier_str(dos, "code"));
	fprintf(f, "Tên người nộp hồ sơ: %s\n", hh_dossier_str(a, "name"));
	line_opt(f, "Địa chỉ", hh_dossier_str(a, "address"));
	line_opt(f, "Số điện thoại", hh_dossier_str(a, "phone"));
	line_opt(f, "Email", hh_dossier_str(a, "email"));
	fprintf(f, "Thủ tục: %s %s\n", hh_dossier_str(p, "code"),
	    hh_dossier_str(p, "name"));
	fprintf(f, "Ngày nhận hồ sơ: %s\n", form_time_of(t1, dos,
	    "received_at"));
	fprintf(f, "Ngày hẹn trả kết quả: %s\n", form_time_of(t1, dos,
	    "due_at"));
	if (*form_time_of(t2, dos, "appointment_at"))
		fprintf(f, "Ngày hẹn lại (Mẫu 04): %s\n", t2);
	fprintf(f, "Cơ quan chủ trì giải quyết: %s\n", dept_name(c, main_dept));
	fprintf(f, "Cơ quan phối hợp giải quyết: %s\n", *co ? co : "không");
	fputs("\n", f);

	m05_rule(f);
	cell[0] = "TÊN CƠ QUAN";
	cell[1] = "THỜI GIAN GIAO, NHẬN HỒ SƠ";
	cell[2] = "KẾT QUẢ GIẢI QUYẾT HỒ SƠ";
	cell[3] = "GHI CHÚ";
	m05_row(f, cell);
	/* one row a hand-over; the result is the handing unit's */
	cJSON_ArrayForEach(sh, shares) {
		const char *from = prev ? hh_dossier_str(prev, "department") :
		    desk;
		const char *officer = hh_dossier_str(sh, "officer");

		c0 = hh_xasprintf("%d. Giao: %s\n%d. Nhận: %s", i * 2 + 1,
		    dept_name(c, from), i * 2 + 2,
		    dept_name(c, hh_dossier_str(sh, "department")));
		c1 = hh_xasprintf("%s\nNgười giao: %s\nNgười nhận: %s",
		    form_time_of(t1, sh, "from"),
		    staff_name(c, nth_actor(dos, "route", i)),
		    *officer ? staff_name(c, officer) : "");
		c3 = *form_time_of(t2, sh, "due_at") ?
		    hh_xasprintf("Hạn: %s", t2) : hh_xstrdup("");
		cell[0] = c0;
		cell[1] = c1;
		cell[2] = prev ? class_words(hh_dossier_str(prev, "class")) :
		    "";
		cell[3] = c3;
		m05_row(f, cell);
		free(c0);
		free(c1);
		free(c3);
		prev = sh;
		i++;
	}
	if (*hh_dossier_str(dos, "resolved_at")) {
		c0 = hh_xasprintf("%d. Giao: %s\n%d. Nhận: %s", i * 2 + 1,
		    dept_name(c, prev ? hh_dossier_str(prev, "department") :
		    desk), i * 2 + 2, dept_name(c, desk));
		c1 = hh_xstrdup(form_time_of(t1, dos, "resolved_at"));
		cell[0] = c0;
		cell[1] = c1;
		cell[2] = class_words(hh_dossier_str(prev ? prev : dos,
		    "class"));
		cell[3] = strcmp(hh_dossier_str(dos, "outcome"), "refused") ==
		    0 ? "Từ chối giải quyết" : "Có kết quả";
		m05_row(f, cell);
		free(c0);
		free(c1);
		i++;
	}
	if (strcmp(status, hh_life_status_name(HH_STATUS_RETURNED)) == 0) {
		c0 = hh_xasprintf("%d. Giao: %s\n%d. Nhận: %s (người nộp)",
		    i * 2 + 1, dept_name(c, desk), i * 2 + 2,
		    hh_dossier_str(a, "name"));
		c1 = hh_xstrdup(form_time_of(t1, dos, "returned_at"));
		cell[0] = c0;
		cell[1] = c1;
		cell[2] = class_words(hh_dossier_str(dos, "class"));
		cell[3] = "Trả kết quả";
		m05_row(f, cell);
		free(c0);
		free(c1);
	} else if (strcmp(status,
	    hh_life_status_name(HH_STATUS_WITHDRAWN)) == 0) {
		cell[0] = "Rút hồ sơ";
		cell[1] = "";
		cell[2] = "";
		cell[3] = "Người nộp rút hồ sơ";
		m05_row(f, cell);
	}

	/* each department's time with the dossier, as the table implies */
	fputs("\nKết quả theo cơ quan:\n", f);
	if (cJSON_GetArraySize(shares) == 0)
		fputs("  (hồ sơ chưa chuyển đến cơ quan giải quyết)\n", f);
	cJSON_ArrayForEach(sh, shares) {
		const char *cls = class_words(hh_dossier_str(sh, "class"));

		fprintf(f, "  - %s: nhận %s",
		    dept_name(c, hh_dossier_str(sh, "department")),
		    form_time_of(t1, sh, "from"));
		if (*form_time_of(t2, sh, "done_at"))
			fprintf(f, "; giao %s", t2);
		if (*form_time_of(t2, sh, "due_at"))
			fprintf(f, "; hạn %s", t2);
		fprintf(f, "; %s\n", *cls ? cls : *hh_dossier_str(sh,
		    "done_at") ? "không xếp loại" : "đang giải quyết");
	}
	if (*class_words(hh_dossier_str(dos, "class")))
		fprintf(f, "  Toàn bộ hồ sơ: %s\n",
		    class_words(hh_dossier_str(dos, "class")));
	free(co);
	return form_close(&m);
}

char *
hh_form_stop(const struct hh_center *c, const struct hh_staff *actor,
    const cJSON *dos)
{
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(dos, "procedure");
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(dos, "applicant");
	const cJSON *e = last_event(dos, "stop");
	const cJSON *det = cJSON_GetObjectItemCaseSensitive(e, "details");
	enum hh_life_status stage = HH_STATUS_RECEIVED;
	struct form m;
	char t[64], num[128];
	int64_t at = 0;
	FILE *f;

	snprintf(num, sizeof(num), "Số: %s/TB-DGQ", hh_dossier_str(dos, "code"));
	f = form_open(&m, c, c->name, HH_FORM_STOP, issued(dos, "stop"), num,
	    72);
	fprintf(f, "Kính gửi: Ông/Bà %s\n", hh_dossier_str(a, "name"));
	applicant(f, a);
	fprintf(f, "Mã hồ sơ: %s\n", hh_dossier_str(dos, "code"));
	fprintf(f, "Nội dung yêu cầu giải quyết: %s\n",
	    hh_dossier_str(p, "name"));
	hh_time_parse(&at, hh_dossier_str(dos, "received_at"));
	hh_form_time(t, at);
	fprintf(f, "Thời gian nhận hồ sơ: %s\n", t);
	fprintf(f, "%s thông báo dừng giải quyết hồ sơ nêu trên\n", c->name);
	fprintf(f, "%s.\n", strcmp(hh_dossier_str(det, "by"), "agency") == 0 ?
	    "theo quyết định của cơ quan có thẩm quyền" :
	    "theo đề nghị của người nộp hồ sơ");
	hh_life_status_parse(&stage, hh_dossier_str(det, "stage"));
	fprintf(f, "Giai đoạn đã giải quyết: %s\n", hh_life_status_label(stage));
	fprintf(f, "Lý do: %s\n", hh_dossier_str(det, "reason"));
	line_opt(f, "Phí, lệ phí đã thu", hh_dossier_str(det, "fee"));
	fputs("Xin trân trọng thông báo!\n\n", f);
	hh_time_parse(&at, hh_dossier_str(e, "at"));
	signature(f, at, "NGƯỜI THÔNG BÁO", "(Ký và ghi rõ họ tên)",
	    actor ? actor->name : "");
	return form_close(&m);
}
