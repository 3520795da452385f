/* test_csv.c - hh_csv_procedures: the CSV procedure catalogue */
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

#define FIXTURES "tests/fixtures/"
#define HEAD "code,name,field,department,limit_value,limit_unit\n"
#define ROW(s) "1.000001," s
#define OK_TAIL ",tp,3,working_days\n"

/* Parse text and compare the unformatted JSON with want. */
static void
parse_ok(const char *text, size_t len, const char *want)
{
	cJSON *arr = (cJSON *)0x1;
	char *got;
	int rc;

	rc = hh_csv_procedures(&arr, text, len, "procedures.csv");
	if (rc != 0)
		fail_msg("%s", hh_error_last());
	assert_non_null(arr);
	got = cJSON_PrintUnformatted(arr);
	assert_non_null(got);
	assert_string_equal(got, want);
	cJSON_free(got);
	cJSON_Delete(arr);
}

static void
parse_bad(const char *text, size_t len, const char *name, const char *msg)
{
	cJSON *arr = (cJSON *)0x1;
	int rc;

	rc = hh_csv_procedures(&arr, text, len, name);
	if (rc != HH_EINVALID)
		fail_msg("%s: returned %d, not HH_EINVALID", msg, rc);
	assert_null(arr);
	assert_string_equal(hh_error_last(), msg);
}

static void
test_csv_procedures__fixture(void **state)
{
	size_t len;
	char *text;

	(void)state;
	text = sandbox_read(FIXTURES "procedures-ok.csv", &len);
	parse_ok(text, len, "["
	    "{\"code\":\"2.000815\",\"name\":\"Thủ tục chứng thực bản sao "
	    "từ bản chính giấy tờ, văn bản do cơ quan tổ chức có thẩm "
	    "quyền của Việt Nam cấp hoặc chứng nhận\",\"field\":"
	    "\"Chứng thực\",\"department\":\"tp\",\"working_days\":0,"
	    "\"documents\":[],\"fee\":null,\"level\":\"huyen+xa\","
	    "\"source\":\"TuanHuu168/CongBot@b8849f3:Data/file_data_3.md"
	    "#line53 (copy of Bình Thuận QĐ 1766/QĐ-UBND 03/08/2020, "
	    "Phụ lục 01 mục A)\"},"
	    "{\"code\":\"YB-TN17\",\"name\":\"Đăng ký thế chấp bằng quyền "
	    "sử dụng đất\",\"field\":\"Tài nguyên Môi trường\","
	    "\"department\":\"vpdk\",\"working_days\":0.5,"
	    "\"documents\":[],\"fee\":null,\"level\":\"huyen\","
	    "\"source\":\"tamviettech/e-par@061674d:SQL/"
	    "db-mot-cua-Yen_Bai.sql#t_r3_record_type:TN17 + public_html/"
	    "apps/r3/xml-config/TN17/TN17_workflow.xml#totaltime=0.5\"},"
	    "{\"code\":\"1.012774\",\"name\":\"Cho phép chuyển mục đích "
	    "sử dụng đất đối với trường hợp thuộc diện chấp thuận chủ "
	    "trương đầu tư, chấp thuận nhà đầu tư theo quy định của pháp "
	    "luật về đầu tư mà người xin chuyển mục đích sử dụng đất là "
	    "cá nhân\",\"field\":\"Đất đai\",\"department\":\"tnmt\","
	    "\"calendar_days\":20,\"documents\":[],\"fee\":null,"
	    "\"level\":\"huyen\",\"source\":null},"
	    "{\"code\":\"TEST-01\",\"name\":\"Thủ tục thử nghiệm \\\"mẫu\\\", "
	    "chỉ dùng để kiểm thử\",\"field\":\"Thử nghiệm\","
	    "\"department\":\"motcua\",\"working_hours\":4,"
	    "\"documents\":[\"Đơn đề nghị (theo mẫu)\",\"Bản sao giấy tờ "
	    "tùy thân\",\"Giấy ủy quyền, nếu có\"],\"fee\":\"50.000 đồng\","
	    "\"level\":\"tinh+huyen\",\"source\":null}]");
	free(text);
}

static const struct {
	const char *what;
	const char *text;
	const char *want;
} goods[] = {
	{ "required columns only, BOM, CRLF, no final line end",
	    "\xef\xbb\xbf" "limit_unit,code,limit_value,name,department,field"
	    "\r\ncalendar_days,1.000001,15,Thủ tục một,tp,Tư pháp\r\n"
	    "working_days,A-1,2.5,Thủ tục hai,tp,Tư pháp",
	    "[{\"code\":\"1.000001\",\"name\":\"Thủ tục một\",\"field\":"
	    "\"Tư pháp\",\"department\":\"tp\",\"calendar_days\":15,"
	    "\"documents\":[],\"fee\":null,\"level\":\"huyen\","
	    "\"source\":null},"
	    "{\"code\":\"A-1\",\"name\":\"Thủ tục hai\",\"field\":"
	    "\"Tư pháp\",\"department\":\"tp\",\"working_days\":2.5,"
	    "\"documents\":[],\"fee\":null,\"level\":\"huyen\","
	    "\"source\":null}]" },
	{ "quoted commas, doubled quotes, blank lines, limits at the edges",
	    HEAD "\n\n\"1.1\",\"a, \"\"b\"\"\",\"\"\"c\"\"\",x9,3650,"
	    "working_days\n\n1.2,d,e,f,0.0,working_hours\n",
	    "[{\"code\":\"1.1\",\"name\":\"a, \\\"b\\\"\",\"field\":"
	    "\"\\\"c\\\"\",\"department\":\"x9\",\"working_days\":3650,"
	    "\"documents\":[],\"fee\":null,\"level\":\"huyen\","
	    "\"source\":null},"
	    "{\"code\":\"1.2\",\"name\":\"d\",\"field\":\"e\","
	    "\"department\":\"f\",\"working_hours\":0,\"documents\":[],"
	    "\"fee\":null,\"level\":\"huyen\",\"source\":null}]" },
	{ "all four levels, one document",
	    "code,name,field,department,limit_value,limit_unit,level,"
	    "documents\n1,a,b,c,1,working_days,bo+tinh+huyen+xa, Tờ khai \n",
	    "[{\"code\":\"1\",\"name\":\"a\",\"field\":\"b\","
	    "\"department\":\"c\",\"working_days\":1,"
	    "\"documents\":[\"Tờ khai\"],\"fee\":null,"
	    "\"level\":\"bo+tinh+huyen+xa\",\"source\":null}]" },
};

static void
test_csv_procedures__good_table(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(goods) / sizeof(goods[0]); i++) {
		print_message("# %s\n", goods[i].what);
		parse_ok(goods[i].text, strlen(goods[i].text), goods[i].want);
	}
}

static const struct {
	const char *text;
	const char *want;
} bads[] = {
	/* The file as a whole. */
	{ "", "procedures.csv:1: empty file" },
	{ "\xef\xbb\xbf\r\n\n", "procedures.csv:1: empty file" },
	{ HEAD, "procedures.csv:2: no data rows" },
	{ HEAD "\n\n", "procedures.csv:4: no data rows" },
	/* The header. */
	{ "code,name,field,department,limit_value,limit_unit,weeks\n"
	    "1,a,b,c,1,working_days,x\n",
	    "procedures.csv:1: unknown column \"weeks\"" },
	{ "code,name,field,department,limit_value\n1,a,b,c,1\n",
	    "procedures.csv:1: missing column \"limit_unit\"" },
	{ "code,name,field,department,limit_value,limit_unit,name\n",
	    "procedures.csv:1: duplicate column \"name\"" },
	{ "code,Name,field,department,limit_value,limit_unit\n",
	    "procedures.csv:1: unknown column \"Name\"" },
	{ "code,name\x01,field,department,limit_value,limit_unit\n",
	    "procedures.csv:1: column 2: not a column name" },
	/* a spreadsheet's export with ';': a hint, not "unknown column" */
	{ "code;name;field;department;limit_value;limit_unit\n"
	    "1;a;b;c;0,5;working_days\n",
	    "procedures.csv:1: the fields are separated by ';', not ',': "
	    "export the sheet as CSV with ',' between fields (and '.' in "
	    "numbers)" },
	/* one column of that name: still an unknown column */
	{ "code,name;field\n", "procedures.csv:1: unknown column "
	    "\"name;field\"" },
	/* The shape of a record. */
	{ HEAD ROW("a,b,c,1\n"), "procedures.csv:2: 5 fields, the header "
	    "has 6" },
	{ HEAD ROW("a,b,c,1,working_days,x\n"), "procedures.csv:2: 7 "
	    "fields, the header has 6" },
	{ HEAD ROW("\"a,b,c,1,working_days\n"),
	    "procedures.csv:2: unterminated quote" },
	{ HEAD ROW("\"a\"b,c,d,1,working_days\n"),
	    "procedures.csv:2: text after a closing quote" },
	{ HEAD ROW("a\"b,c,d,1,working_days\n"),
	    "procedures.csv:2: quote inside an unquoted field" },
	{ HEAD ROW("\"a\nb\",c,d,1,working_days\n"),
	    "procedures.csv:2: name: control character" },
	{ HEAD ROW("a,b" OK_TAIL) "\n" "1.2,\"a\r\nb\",c,d,1,working_days\n",
	    "procedures.csv:4: name: control character" },
	{ HEAD ROW("a,b" OK_TAIL) "\r\n\r\n1.3,a,b\tc" OK_TAIL,
	    "procedures.csv:5: field: control character" },
	{ HEAD "\r\n" ROW("a,b" OK_TAIL) "1.2,a\rb,c" OK_TAIL,
	    "procedures.csv:4: name: control character" },
	/* code */
	{ HEAD ",a,b" OK_TAIL, "procedures.csv:2: code: empty" },
	{ HEAD "2/000815,a,b" OK_TAIL, "procedures.csv:2: code: "
	    "\"2/000815\" is not a valid code" },
	{ HEAD ".hidden,a,b" OK_TAIL, "procedures.csv:2: code: \".hidden\" "
	    "is not a valid code" },
	{ HEAD "-x,a,b" OK_TAIL, "procedures.csv:2: code: \"-x\" is not a "
	    "valid code" },
	{ HEAD "2.000 815,a,b" OK_TAIL, "procedures.csv:2: code: "
	    "\"2.000 815\" is not a valid code" },
	{ HEAD "Mã,a,b" OK_TAIL, "procedures.csv:2: code: \"Mã\" is not "
	    "a valid code" },
	/* name, field: text */
	{ HEAD ROW(",b" OK_TAIL), "procedures.csv:2: name: empty" },
	{ HEAD ROW("a," OK_TAIL), "procedures.csv:2: field: empty" },
	{ HEAD ROW("a\tb,c" OK_TAIL), "procedures.csv:2: name: control "
	    "character" },
	{ HEAD ROW("a\x7f,c" OK_TAIL), "procedures.csv:2: name: control "
	    "character" },
	{ HEAD ROW("a\xc2\x85,c" OK_TAIL), "procedures.csv:2: name: "
	    "control character" },
	{ HEAD ROW("a,T\xe1\xbb\x2a pháp" OK_TAIL), "procedures.csv:2: "
	    "field: not valid UTF-8 text" },
	{ HEAD ROW("a,b\xff" OK_TAIL), "procedures.csv:2: field: not "
	    "valid UTF-8 text" },
	{ HEAD ROW("\xc0\xaf,b" OK_TAIL), "procedures.csv:2: name: not "
	    "valid UTF-8 text" },
	{ HEAD ROW("\xed\xa0\x80,b" OK_TAIL), "procedures.csv:2: name: "
	    "not valid UTF-8 text" },
	{ HEAD ROW("\xf4\x90\x80\x80,b" OK_TAIL), "procedures.csv:2: "
	    "name: not valid UTF-8 text" },
	{ HEAD ROW("a\xe1\xbb,b" OK_TAIL), "procedures.csv:2: name: not "
	    "valid UTF-8 text" },
	{ HEAD ROW("a,b,c,1,working_days\xe1") "\n", "procedures.csv:2: "
	    "limit_unit: not valid UTF-8 text" },
	/* department */
	{ HEAD ROW("a,b,,3,working_days\n"), "procedures.csv:2: "
	    "department: empty" },
	{ HEAD ROW("a,b,Tư pháp,3,working_days\n"), "procedures.csv:2: "
	    "department: \"Tư pháp\" is not a department id" },
	{ HEAD ROW("a,b,TP,3,working_days\n"), "procedures.csv:2: "
	    "department: \"TP\" is not a department id" },
	{ HEAD ROW("a,b,t-p,3,working_days\n"), "procedures.csv:2: "
	    "department: \"t-p\" is not a department id" },
	/* limit_value, limit_unit */
	{ HEAD ROW("a,b,tp,,working_days\n"), "procedures.csv:2: "
	    "limit_value: empty" },
	{ HEAD ROW("a,b,tp,-1,working_days\n"), "procedures.csv:2: "
	    "limit_value: \"-1\" is not a non-negative number" },
	{ HEAD ROW("a,b,tp,1e3,working_days\n"), "procedures.csv:2: "
	    "limit_value: \"1e3\" is not a non-negative number" },
	{ HEAD ROW("a,b,tp,.5,working_days\n"), "procedures.csv:2: "
	    "limit_value: \".5\" is not a non-negative number" },
	{ HEAD ROW("a,b,tp,5.,working_days\n"), "procedures.csv:2: "
	    "limit_value: \"5.\" is not a non-negative number" },
	{ HEAD ROW("a,b,tp,0x10,working_days\n"), "procedures.csv:2: "
	    "limit_value: \"0x10\" is not a non-negative number" },
	{ HEAD ROW("a,b,tp,2.3,working_days\n"), "procedures.csv:2: "
	    "limit_value: 2.3 working days is not a multiple of 0.5" },
	{ HEAD ROW("a,b,tp,1.5,calendar_days\n"), "procedures.csv:2: "
	    "limit_value: 1.5 calendar days is not a whole number" },
	{ HEAD ROW("a,b,tp,3650.5,working_days\n"), "procedures.csv:2: "
	    "limit_value: 3650.5 is more than 3650" },
	{ HEAD ROW("a,b,tp,99999999999999999999999,calendar_days\n"),
	    "procedures.csv:2: limit_value: 99999999999999999999999 is "
	    "more than 3650" },
	{ HEAD ROW("a,b,tp,3,weeks\n"), "procedures.csv:2: limit_unit: "
	    "unknown unit \"weeks\"" },
	{ HEAD ROW("a,b,tp,3,\n"), "procedures.csv:2: limit_unit: empty" },
	{ HEAD ROW("a,b,tp,3,unknown\n"), "procedures.csv:2: limit_unit: "
	    "unknown unit \"unknown\"" },
	{ HEAD ROW("a,b,tp,3,Working_days\n"), "procedures.csv:2: "
	    "limit_unit: unknown unit \"Working_days\"" },
	/* optional columns */
	{ "code,name,field,department,limit_value,limit_unit,level\n"
	    "1,a,b,c,1,working_days,quan\n", "procedures.csv:2: level: "
	    "unknown level \"quan\"" },
	{ "code,name,field,department,limit_value,limit_unit,level\n"
	    "1,a,b,c,1,working_days,huyen+\n", "procedures.csv:2: level: "
	    "unknown level \"huyen+\"" },
	{ "code,name,field,department,limit_value,limit_unit,level\n"
	    "1,a,b,c,1,working_days,Huyen\n", "procedures.csv:2: level: "
	    "unknown level \"Huyen\"" },
	{ "code,name,field,department,limit_value,limit_unit,documents\n"
	    "1,a,b,c,1,working_days,x;;y\n", "procedures.csv:2: documents: "
	    "document 2 is empty" },
	{ "code,name,field,department,limit_value,limit_unit,documents\n"
	    "1,a,b,c,1,working_days,x; \n", "procedures.csv:2: documents: "
	    "document 2 is empty" },
	{ "code,name,field,department,limit_value,limit_unit,documents\n"
	    "1,a,b,c,1,working_days,x;\n", "procedures.csv:2: documents: "
	    "document 2 is empty" },
	{ "code,name,field,department,limit_value,limit_unit,fee\n"
	    "1,a,b,c,1,working_days,\x1b[31m\n", "procedures.csv:2: fee: "
	    "control character" },
	{ "code,name,field,department,limit_value,limit_unit,source\n"
	    "1,a,b,c,1,working_days,\xfe\n", "procedures.csv:2: source: "
	    "not valid UTF-8 text" },
};

static void
test_csv_procedures__bad_table(void **state)
{
	size_t i;
	size_t len;
	char *text;

	(void)state;
	for (i = 0; i < sizeof(bads) / sizeof(bads[0]); i++) {
		/* A copy of exactly len bytes, so valgrind sees any read
		 * past the end. */
		len = strlen(bads[i].text);
		text = malloc(len ? len : 1);
		assert_non_null(text);
		memcpy(text, bads[i].text, len);
		parse_bad(text, len, "procedures.csv", bads[i].want);
		free(text);
	}
}

/* Cases a string literal cannot hold: NUL bytes, long values and lines. */
static void
test_csv_procedures__bad_built(void **state)
{
	static const char nul[] = HEAD "1.000001,a\0b,c" OK_TAIL;
	cJSON *arr = NULL;
	char *text, *p, code[65];
	size_t n, k;

	(void)state;
	parse_bad(nul, sizeof(nul) - 1, "procedures.csv",
	    "procedures.csv:2: name: control character");

	n = strlen(HEAD) + 6000;
	text = calloc(1, n);
	assert_non_null(text);

	/* A code of 64 bytes is allowed, one of 65 is not. */
	memset(code, 'C', 64);
	code[64] = '\0';
	snprintf(text, n, HEAD "%s,a,b" OK_TAIL, code);
	assert_int_equal(hh_csv_procedures(&arr, text, strlen(text), "x"), 0);
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(
	    cJSON_GetArrayItem(arr, 0), "code")->valuestring, code);
	cJSON_Delete(arr);
	snprintf(text, n, HEAD "%sC,a,b" OK_TAIL, code);
	parse_bad(text, strlen(text), "procedures.csv",
	    "procedures.csv:2: code: longer than 64 bytes");

	/* A name of 500 bytes is allowed, one of 501 is not. */
	p = text + sprintf(text, HEAD "1.1,");
	memset(p, 'x', 500);
	strcpy(p + 500, ",b" OK_TAIL);
	assert_int_equal(hh_csv_procedures(&arr, text, strlen(text), "x"), 0);
	cJSON_Delete(arr);
	p = text + sprintf(text, HEAD "1.1,");
	memset(p, 'x', 501);
	strcpy(p + 501, ",b" OK_TAIL);
	parse_bad(text, strlen(text), "procedures.csv",
	    "procedures.csv:2: name: longer than 500 bytes");

	/* A line of exactly 4096 bytes is read (and fails on the name). */
	k = 4096 - strlen("1.1,") - strlen(",b,tp,3,working_days");
	p = text + sprintf(text, HEAD "1.1,");
	memset(p, 'x', k);
	strcpy(p + k, ",b" OK_TAIL);
	parse_bad(text, strlen(text), "procedures.csv",
	    "procedures.csv:2: name: longer than 500 bytes");
	/* One of 4097 bytes is not. */
	p = text + sprintf(text, HEAD "1.1,a,b" OK_TAIL "1.2,");
	memset(p, 'x', k + 1);
	strcpy(p + k + 1, ",b" OK_TAIL);
	parse_bad(text, strlen(text), "procedures.csv",
	    "procedures.csv:3: line longer than 4096 bytes");
	/* The CR of a CRLF does not count: 4096 bytes, then CRLF inside a
	 * quoted field, which is then a control character. */
	p = text + sprintf(text, HEAD "1.1,");
	memset(p, 'x', 400);
	p += 400;
	p += sprintf(p, ",\"");
	memset(p, 'y', 4096 - 406);
	strcpy(p + 4096 - 406, "\r\n\"" OK_TAIL);
	parse_bad(text, strlen(text), "procedures.csv",
	    "procedures.csv:2: field: control character");
	free(text);
}

static void
test_csv_procedures__bad_fixtures(void **state)
{
	static const struct {
		const char *file;
		const char *want;
	} cases[] = {
		{ "procedures-bad-quote.csv", "procedures-bad-quote.csv:3: "
		    "unterminated quote" },
		{ "procedures-bad-dup.csv", "procedures-bad-dup.csv:4: code: "
		    "duplicate \"1.000001\" (first on line 2)" },
	};
	char path[256], *text;
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(path, sizeof(path), FIXTURES "%s", cases[i].file);
		text = sandbox_read(path, &len);
		parse_bad(text, len, cases[i].file, cases[i].want);
		free(text);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_procedures__fixture),
		cmocka_unit_test(test_csv_procedures__good_table),
		cmocka_unit_test(test_csv_procedures__bad_table),
		cmocka_unit_test(test_csv_procedures__bad_built),
		cmocka_unit_test(test_csv_procedures__bad_fixtures),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
