/* sandbox.h - throw-away folders and the shared fixtures of the unit tests
 *
 * Every helper but sandbox_init fails the running cmocka test (fail_msg)
 * instead of returning an error.  Tests run from the top of the project,
 * where tests/fixtures/ and records/calendar are.
 */
#ifndef SANDBOX_H
#define SANDBOX_H

#include <stddef.h>
#include <stdint.h>

struct cJSON;
struct hh_center;
struct hh_calendar;
struct hh_procedure;
struct hh_staff;
struct hh_step;
struct hh_intake;

/* A new empty folder under $TMPDIR (static buffer), or NULL. */
const char *sandbox_init(void);
/* Remove the folder and everything in it. */
void sandbox_cleanup(void);

/* A file read whole and NUL-terminated (malloc'd); len may be NULL. */
char *sandbox_read(const char *path, size_t *len);
/* A file written whole (path under the sandbox, or anywhere). */
void sandbox_write(const char *path, const char *data, size_t len);
/* RFC 3339 time and YYYY-MM-DD day (hh_time_parse, hh_time_parse_day). */
int64_t sandbox_at(const char *s);
int sandbox_day(const char *s);
/* The test's failure unless hh_error_last() is exactly want. */
void sandbox_error(const char *want);
/* Set the member at path ("staff[1].id", "office_hours.morning[0]") of
 * root to the JSON text json, added if absent; json NULL removes it. */
void sandbox_json_set(struct cJSON *root, const char *path,
    const char *json);
/* text with sandbox_json_set applied, as one line of JSON (malloc'd). */
char *sandbox_json_edit(const char *text, const char *path,
    const char *json);

/* The test centre, its file: departments motcua, tp, tnmt; staff lan and
 * hoa (desk, motcua), minh (officer, tp), thu (officer, tnmt), admin,
 * kiemtra (auditor). */
#define SANDBOX_CENTER "tests/fixtures/center.json"
/* The dossier code of sandbox_dossier, received Monday 5/9/2016. */
#define SANDBOX_CODE "000.00.21.H54-160905-0001"
/* Procedure T-HT03 of department tp, 3 working days. */
#define SANDBOX_PROCEDURE "{\"code\":\"T-HT03\",\"name\":\"Thay đổi\"," \
	"\"field\":\"Hộ tịch\",\"department\":\"tp\",\"working_days\":3}"

struct hh_center *sandbox_center(void);		/* SANDBOX_CENTER */
/* The shipped records/calendar with c's office hours (c may be NULL). */
struct hh_calendar *sandbox_calendar(const struct hh_center *c);
struct hh_procedure *sandbox_procedure(const struct hh_center *c);
/* The shipped calendar alone (default office hours), as a cmocka state. */
int sandbox_setup_calendar(void **state);
int sandbox_teardown_calendar(void **state);

/* The three together, as a cmocka state (setup and teardown). */
struct sandbox {
	struct hh_center *c;
	struct hh_calendar *cal;
	struct hh_procedure *p;
};
int sandbox_setup(void **state);
int sandbox_teardown(void **state);
/* The staff member id of the centre (the test fails if there is none). */
const struct hh_staff *sandbox_staff(const struct sandbox *sb,
    const char *id);
/* The intake of sandbox_dossier: applicant Nguyễn Văn A alone, procedure
 * T-HT03, Monday 5/9/2016 at 08:00. */
void sandbox_intake(struct hh_intake *in);
/* The dossier hh_dossier_new makes of in (NULL: sandbox_intake's) with
 * SANDBOX_PROCEDURE, the calendar and actor lan, coded SANDBOX_CODE:
 * received, held by motcua, due Thursday 8/9 at 17:00. */
struct cJSON *sandbox_dossier(const struct sandbox *sb,
    const struct hh_intake *in);
/* hh_step_apply by actor at time when (RFC 3339); the test fails if it is
 * refused. */
void sandbox_step(const struct sandbox *sb, struct cJSON *d,
    const char *actor, struct hh_step *st, const char *when);
/* A route step to department to (days < 0: no share). */
void sandbox_route(const struct sandbox *sb, struct cJSON *d,
    const char *actor, const char *to, double days, const char *when);

#endif /* SANDBOX_H */
