/* fuzz.h - what the libFuzzer targets share: a NUL-terminated copy of the
 * input, the test centre and the shipped calendar. */
#ifndef FUZZ_H
#define FUZZ_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "hh.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input as a C string (it may hold NULs: C code sees the first part). */
static inline char *
fuzz_text(const uint8_t *data, size_t size)
{
	char *s = hh_xmalloc(size + 1);

	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* The test centre of tests/fixtures/center.json, inline so that a target
 * runs from any folder. */
static const char fuzz_center_json[] =
"{\"agency_code\": \"000.00.21.H54\", \"name\": \"Bộ phận Một cửa\","
" \"office_hours\": {\"morning\": [\"07:30\", \"11:30\"],"
" \"afternoon\": [\"13:30\", \"17:00\"]}, \"cutoff\": \"15:00\","
" \"supplement\": \"pause\", \"actor_override\": true,"
" \"departments\": [{\"id\": \"motcua\", \"name\": \"Một cửa\"},"
" {\"id\": \"tp\", \"name\": \"Tư pháp\"},"
" {\"id\": \"tnmt\", \"name\": \"Tài nguyên\"}],"
" \"staff\": [{\"id\": \"lan\", \"name\": \"Lan\", \"email\": \"lan@x.vn\","
" \"role\": \"desk\", \"department\": \"motcua\"},"
" {\"id\": \"minh\", \"name\": \"Minh\", \"email\": \"minh@x.vn\","
" \"role\": \"officer\", \"department\": \"tp\"},"
" {\"id\": \"admin\", \"name\": \"Admin\", \"email\": \"admin@x.vn\","
" \"role\": \"admin\", \"department\": \"motcua\"}]}";

/* A calendar covering 2016 (enough for deadlines to be computed). */
static const char fuzz_calendar_text[] =
"2016-01-01 off Tết Dương lịch\n"
"2016-02-06..2016-02-14 off Tết Bính Thân\n"
"2016-04-16 work làm bù\n"
"2016-04-18 off Giỗ Tổ\n"
"2016-05-02..2016-05-03 off 30/4, 1/5\n"
"2016-09-02..2016-09-04 off Quốc khánh\n";

struct fuzz_desk {
	struct hh_desk d;
	struct hh_center *c;
	struct hh_calendar *cal;
};

/* A desk without a store: centre, calendar, actor admin (forms, steps). */
static inline struct fuzz_desk *
fuzz_desk(void)
{
	static struct fuzz_desk fd;
	static int ready;

	if (!ready) {
		if (hh_center_parse(&fd.c, fuzz_center_json,
		    strlen(fuzz_center_json)) < 0 ||
		    hh_calendar_parse(&fd.cal, fuzz_calendar_text,
		    strlen(fuzz_calendar_text), "calendar") < 0)
			abort();
		hh_calendar_set_hours(fd.cal, &fd.c->hours);
		fd.d.store = NULL;
		fd.d.center = fd.c;
		fd.d.cal = fd.cal;
		fd.d.actor = hh_center_staff(fd.c, "admin");
		ready = 1;
	}
	return &fd;
}

#endif /* FUZZ_H */
