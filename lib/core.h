/* core.h - the rules of hh: pure functions on values.  No store, no file,
 * no environment, no clock: what they need is handed to them (hh(7)
 * ARCHITECTURE).  A core file includes this header alone; make check-layers
 * proves it. */
#ifndef HH_CORE_H
#define HH_CORE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Ownership in one rule: an object handed back through an out-parameter
 * (struct hh_x **out) belongs to the caller, who releases it with
 * hh_x_free(); a pointer returned directly is borrowed and lives as long
 * as the object it came from.  Every hh_*_free() accepts NULL.
 *
 * Functions returning int give 0 (or a documented non-negative value) on
 * success and a negative HH_E* code on failure; the message is then in
 * hh_error_last().  The library never prints and never exits
 * (but cli.c, the commands' own shared part: desk.h).
 */

#define HH_VERSION "0.1"

/* Exit statuses shared by every command; see EXIT STATUS in hh(7). */
enum {
	HH_EXIT_OK = 0,
	HH_EXIT_FAIL = 1,
	HH_EXIT_USAGE = 2,
};

/* Library return codes. */
enum {
	HH_OK = 0,
	HH_ERROR = -1,		/* anything not listed below (I/O, git) */
	HH_ENOTFOUND = -2,	/* no such dossier, procedure, staff member */
	HH_EEXISTS = -3,	/* already exists */
	HH_EINVALID = -4,	/* bad value, bad JSON, failed validation */
	HH_EREFUSED = -5,	/* a rule forbids it (role, state, deadline) */
	HH_ECONFLICT = -6,	/* the branch moved under us: retry */
};

/* error.c - the last error message of the thread. */
#define HH_ERRMAX 512		/* the longest message kept */
const char *hh_error_last(void);	/* never NULL; borrowed */
int hh_error_set(int code, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));	/* returns code */
/* Prefix the current message with "prefix: " (for file:line context). */
int hh_error_prefix(int code, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));


/* mem.c - the x-allocators abort on out-of-memory (git's xmalloc rule: a
 * desk tool has nothing better to do); the one exception to "hh_<file>_". */
void *hh_xmalloc(size_t n);
void *hh_xrealloc(void *p, size_t n);	/* n 0 is 1 */
void *hh_xcalloc(size_t n, size_t size);	/* zeroed */
char *hh_xstrdup(const char *s);
char *hh_xasprintf(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
char *hh_xvasprintf(const char *fmt, va_list ap)
    __attribute__((format(printf, 1, 0)));
/* A NULL-terminated vector and its strings. */
void hh_mem_strv_free(char **v);

/* text.c - UTF-8 text and identifiers. */
#define HH_NAME_MAX 200		/* bytes of an applicant's name */
#define HH_TEXT_MAX 500		/* of a reason, note, document, address */
#define HH_DOCS_MAX 100		/* documents of a dossier or a request */
enum {
	HH_TEXT_LINES = 1,	/* newline and tab allowed */
	HH_TEXT_TAB = 2,	/* tab allowed */
};
/* NULL if s is valid UTF-8 without control characters (but those allow
 * lets through) or invisible ones, else what is wrong: "not valid UTF-8
 * text", "control character" or "bidirectional control or zero-width
 * character".  The one validator. */
const char *hh_text_problem(const char *s, size_t len, int allow);
/* The code point of the UTF-8 sequence at s (len bytes left) in *cp, and
 * its length; 0 if it is not UTF-8 (overlong, a surrogate, cut short). */
size_t hh_text_decode(const char *s, size_t len, unsigned long *cp);
/* 1 if c is a bidirectional control or a zero-width character (ZWNJ and
 * ZWJ aside), which no name or text hh keeps may hold. */
int hh_text_invisible(unsigned long c);
/* s (len bytes) for a terminal: control characters but the line end,
 * invisible ones and bytes not UTF-8 written \xHH; NULL when s needs
 * none, else the new text (malloc'd).  Every text output passes here. */
char *hh_text_visible(const char *s, size_t len);
/* 1 if hh_text_problem finds none. */
int hh_text_valid(const char *s, size_t len, int allow);
/* The one check of a text field: HH_EINVALID "what: missing" (when need
 * and s is NULL or empty), "what: longer than max bytes", "what: not valid
 * UTF-8 text (or contains control characters)", "what: contains a
 * bidirectional control or zero-width character". */
int hh_text_check(const char *what, const char *s, size_t max, int need);
/* Display width of UTF-8 text in terminal columns (Vietnamese: 1 a char). */
size_t hh_text_width(const char *s);
/* Untrusted text (an argument, a code, a file name) for an error message:
 * control characters and bytes that are not UTF-8 as \xHH, a backslash
 * as \\, and more than 64 columns cut to 48 and "…(N bytes)".  Borrowed
 * from a ring of 4 static buffers (valid for the next 3 calls); NULL gives
 * "(null)". */
const char *hh_text_quote(const char *s);
/* Lower-case ASCII fold of Vietnamese text without diacritics, malloc'd. */
char *hh_text_fold(const char *s);
/* 1 if id matches [A-Za-z0-9][A-Za-z0-9._-]* and is at most 64 bytes. */
int hh_text_id(const char *id);
/* 1 if s is an agency identifier, opaque (DOMAIN Part A §17): 2 to 32
 * capitals, digits and dots, no dot first, last or twice in a row. */
int hh_text_agency(const char *s);
/* The value of the n decimal digits at s, or -1 if one is not a digit. */
int hh_text_digits(const char *s, int n);
/* FNV-1a of s: the one string hash of hh's in-memory tables. */
uint32_t hh_text_hash(const char *s);
/* The known ids nearest word (Damerau-Levenshtein on bytes, at most cap
 * edits; cap 0: a third of word's length, rounded up), at most
 * HH_NEAREST_MAX of them in their order, "a, b" in buf ("" if none);
 * how many.  What an error names for an unknown id ("nearest: a, b"). */
#define HH_NEAREST_MAX 5
size_t hh_text_nearest(char *buf, size_t size, const char *word,
    const char *const *known, size_t n, size_t cap);

/* json.c - members of untrusted JSON, and the one way hh prints JSON. */
struct cJSON;
/* HH_EINVALID naming the first key of obj not in allowed (NULL-ended), or
 * a key given twice. */
int hh_json_keys(const struct cJSON *obj, const char *const *allowed);
/* A string member or NULL if absent; HH_EINVALID if not a string. */
int hh_json_str(const char **out, const struct cJSON *obj, const char *key);
/* A string or list of strings member (borrowed strings; free the array). */
int hh_json_strv(const char ***out, size_t *n_out, const struct cJSON *obj,
    const char *key);
/* A text member copied (malloc'd), checked by hh_text_check; errors read
 * "<where><key>: why"; absent is HH_OK with NULL unless need. */
int hh_json_text(char **out, const struct cJSON *obj, const char *key,
    const char *where, int need);
/* text as one JSON value, nothing but white space after it (cJSON alone
 * would ignore '{"a":1} {"b":2}' after the first), no object giving a key
 * twice; NULL if not, the error saying where ("line 3, column 5: not
 * valid JSON", "staff[4]: key "role" given twice"). */
struct cJSON *hh_json_parse(const char *text, size_t len);
/* v as JSON text (malloc'd): line 0, indented with tabs and ending in a
 * newline (the stored form); line 1, on one line without a newline.
 * Every string escaped as JSON requires (a tab as \t). */
char *hh_json_print(const struct cJSON *v, int line);

/*
 * time.c - instants and days.  An instant is seconds since the epoch; hh
 * shows every instant in Vietnam's time, UTC+07:00 (no daylight saving).
 * A day is a local calendar day numbered from 1970-01-01 = 0.
 */
#define HH_TZ_OFFSET (7 * 3600)
#define HH_TIME_MAX 32		/* buffer size for hh_time_format */
/* RFC 3339: YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM|-HH:MM]; a space may replace
 * the T; without an offset the time is local (+07:00).  HH_EINVALID with
 * a message naming what is wrong ("month 13 out of range"). */
int hh_time_parse(int64_t *out, const char *s);
/* Local day YYYY-MM-DD; HH_EINVALID on impossible dates. */
int hh_time_parse_day(int *out, const char *s);
/* 2016-09-30T08:15:00+07:00 */
void hh_time_format(char buf[HH_TIME_MAX], int64_t t);
void hh_time_format_day(char buf[HH_TIME_MAX], int day);	/* 2016-09-30 */
int hh_time_day(int64_t t);		/* local day of an instant */
int hh_time_minute(int64_t t);		/* minutes since local midnight */
int64_t hh_time_make(int day, int minute);	/* local day + minutes */
int hh_time_from_civil(int y, int m, int d);
void hh_time_civil(int day, int *y, int *m, int *d);	/* its inverse */
int hh_time_weekday(int day);		/* 0 Sunday .. 6 Saturday */

/* lunar.c - the Vietnamese lunar calendar (UTC+07:00). */
struct hh_lunar {
	int day, month, year;	/* lunar day 1..30, month 1..12, year */
	int leap;		/* 1 if the month is a leap (nhuận) month */
};
void hh_lunar_from_day(struct hh_lunar *out, int day);	/* the lunar date */
/* The local day of lunar D/M (not leap) of lunar year Y. */
int hh_lunar_to_day(int ld, int lm, int ly);

/*
 * calendar.c - working days and office hours.  The calendar file lists
 * exceptions (hh-calendar(5)); a year the file covers (it has at least one
 * "off" line in it) is taken from the file alone, any other year from the
 * statutory holidays of the Labor Code, marked provisional.  A line marked
 * "provisional" (not yet announced) makes its days provisional.
 */
struct hh_calendar;
struct hh_hours {
	int am_start, am_end, pm_start, pm_end;	/* minutes since midnight */
	int cutoff;				/* minutes since midnight */
};
#define HH_HOURS_DEFAULT { 450, 690, 810, 1020, 900 }
/* Parse calendar text; errors read "name:LINE: message". */
int hh_calendar_parse(struct hh_calendar **out, const char *text,
    size_t len, const char *name);
/* The office hours and cut-off the calendar counts with (default
 * HH_HOURS_DEFAULT), and those it has. */
void hh_calendar_set_hours(struct hh_calendar *cal, const struct hh_hours *h);
const struct hh_hours *hh_calendar_hours(const struct hh_calendar *cal);
/* 1 if day is a working day, 0 if off; *provisional (may be NULL) is set
 * to 1 when the answer comes from the statutory fallback or from a line
 * marked provisional, else to 0. */
int hh_calendar_working(const struct hh_calendar *cal, int day,
    int *provisional);
/* The note of the file line (or statutory holiday) naming day, or NULL. */
const char *hh_calendar_note(const struct hh_calendar *cal, int day);
/* 1 if the file lists day as a worked Saturday/Sunday (làm bù). */
int hh_calendar_swapped(const struct hh_calendar *cal, int day);
/* 1 if year has an "off" line in the file (is not provisional). */
int hh_calendar_covered(const struct hh_calendar *cal, int year);
/* HH_EINVALID unless am_start < am_end <= pm_start < pm_end <= 24:00 and
 * the cut-off lies from am_start to pm_end; check before set_hours. */
int hh_calendar_hours_check(const struct hh_hours *h);
void hh_calendar_free(struct hh_calendar *cal);

/* deadline.c - due instants and on-time classes (DOMAIN Part A §3-7). */
enum hh_unit {
	HH_WORKING_DAYS,
	HH_WORKING_HOURS,
	HH_CALENDAR_DAYS,
};
struct hh_limit {
	enum hh_unit unit;
	double value;		/* >= 0; working days in halves */
};
/* unit is "working_days", "working_hours" or "calendar_days". */
int hh_deadline_limit(struct hh_limit *out, const char *unit, double value);
const char *hh_deadline_unit(enum hh_unit unit);	/* its name */
/* When the clock starts for something received at t (cut-off, days off,
 * between sessions). */
int64_t hh_deadline_start(const struct hh_calendar *cal, int64_t t,
    int *provisional);
/* Due instant of a limit counted from receipt at t. */
int hh_deadline_due(int64_t *due_out, int64_t *start_out, int *provisional,
    const struct hh_calendar *cal, int64_t t, const struct hh_limit *lim);
/* Supplement rule "pause": due moved by the working time between
 * stopped and resumed. */
int64_t hh_deadline_pause(const struct hh_calendar *cal, int64_t due,
    int64_t stopped, int64_t resumed, int *provisional);
/* 1 if an apology asked at t for a dossier due at due is in time: no
 * later than days_before working days before the due day (0: by the due
 * instant), else 0. */
int hh_deadline_delay_ok(const struct hh_calendar *cal, int64_t t, int64_t due,
    int days_before);
enum hh_class {
	HH_EARLY,
	HH_ON_TIME,
	HH_LATE,
};
/* Early before the due day, on time on it until the due instant, else
 * late (DOMAIN Part A §7). */
enum hh_class hh_deadline_classify(int64_t done, int64_t due);
const char *hh_deadline_class(enum hh_class c);	/* early on_time late */

/* csv.c - a procedure catalogue in CSV. */
struct cJSON;
/* Parse a procedure catalogue in CSV (hh-procedures(5)) into a cJSON array
 * of procedure objects in file order and canonical key order.  Errors read
 * "name:LINE: message" and name the column. */
int hh_csv_procedures(struct cJSON **out, const char *text, size_t len,
    const char *name);
/* The same, each department one of c's: "name:LINE: department: unknown
 * department "x" (nearest: tp)". */
struct hh_center;
int hh_csv_procedures_in(struct cJSON **out, const char *text, size_t len,
    const char *name, const struct hh_center *c);


/*
 * rules.c - the rule sets and form sets in force by date (DOMAIN Part A
 * §10): center.json "rule_sets" and "form_sets" (hh-center(5)), else the
 * law's table (2018 from 21/8/2018, 2025 from 1/7/2025; the forms of
 * Circular 01/2018, then of Circular 03/2025 from 15/9/2025).  A row is in
 * force from its day until the next row's; the first also before it.
 */
struct hh_rule_set {
	char *id;		/* "2018", "2025": recorded in each dossier */
	int day;		/* in force from this local day */
	char *basis;		/* the decree, for printing */
	int stop;		/* dừng giải quyết is a step (2025) */
};
enum hh_form_kind {
	HH_FORM_RECEIPT,	/* Mẫu 01 */
	HH_FORM_SUPPLEMENT,
	HH_FORM_REFUSAL,
	HH_FORM_APOLOGY,
	HH_FORM_STOP,		/* Mẫu 05 of 2025; none before */
	HH_FORM_CONTROL,
	HH_FORM_BOOK,
	HH_FORM_KINDS,
};
struct hh_form_set {
	int day;
	char *circular;			/* "Thông tư 03/2025/TT-VPCP" */
	int number[HH_FORM_KINDS];	/* 0: no such form */
	char *title[HH_FORM_KINDS];
};
struct hh_rules {
	struct hh_rule_set *sets;
	size_t nsets;
	struct hh_form_set *forms;
	size_t nforms;
};
/* The tables of center.json's root (its keys absent: the law's). */
int hh_rules_parse(struct hh_rules **out, const struct cJSON *center);
void hh_rules_free(struct hh_rules *r);
/* The rule set in force at t (received then: the dossier's for life). */
const struct hh_rule_set *hh_rules_set_at(const struct hh_rules *r,
    int64_t t);
/* The rule set named id, or NULL. */
const struct hh_rule_set *hh_rules_set(const struct hh_rules *r,
    const char *id);
/* The form of the reporting regime for a period ending on day (Biểu số
 * 06/VPCP/KSTT from 15/12/2020, Circular 05/2025 from 15/2/2026), or NULL
 * before any (the reference centre's 2016). */
const char *hh_rules_report_at(int day);	/* the law's table alone */
/* The forms in force at t (a form is numbered by the day it is issued). */
const struct hh_form_set *hh_rules_forms_at(const struct hh_rules *r,
    int64_t t);

/* center.c - the centre's settings (hh-center(5)): departments, staff,
 * roles. */
struct hh_dept {
	char *id, *name;
};
struct hh_staff {
	char *id, *name, *email, *role, *department;
	char *login;		/* the login that acts as them (default: id) */
};
struct hh_center {
	char *agency_code, *name;
	char *desk_unit;	/* the one-stop unit: holds received dossiers */
	char *place;		/* printed before a form's date, or NULL */
	struct hh_hours hours;
	int pause;		/* supplement rule: 0 restart, 1 pause */
	int actor_override;	/* --actor may name anyone */
	int apology_times;	/* apologies (Mẫu 04) a dossier may have: 1 */
	int apology_days;	/* working days before the due day: 1 */
	int backdate_days;	/* working days a step may go back: 2 */
	struct hh_rules *rules;	/* rule sets and form sets by date */
	struct hh_dept *depts;
	size_t ndepts;
	struct hh_staff *staff;
	size_t nstaff;
	/* "notify": the applicant's notices by mail (hh-notify(1)) */
	char *sendmail;		/* the program: /usr/sbin/sendmail */
	char *mail_from;	/* the From: address, or NULL: hh@HOSTNAME */
	/* the province (hh-sync(1)): the other centres, where this one
	 * pushes */
	struct hh_peer *peers;
	size_t npeers;
	char **push_to;
	size_t npush;
};
/* The most backdate_working_days may be (about 380 years). */
#define HH_BACKDATE_MAX 100000
/* Parse and validate center.json; errors read "center.json: key: why". */
int hh_center_parse(struct hh_center **out, const char *text, size_t len);
/* The staff member, department by id, or NULL. */
const struct hh_staff *hh_center_staff(const struct hh_center *c,
    const char *id);
/* The staff member whose login is login, or NULL. */
const struct hh_staff *hh_center_login(const struct hh_center *c,
    const char *login);
const struct hh_dept *hh_center_dept(const struct hh_center *c,
    const char *id);
void hh_center_free(struct hh_center *c);
/* " (nearest: a, b)": the ids of c's departments, or staff, nearest id
 * (hh_text_nearest), or "" if none is near; buf. */
#define HH_NEAR_MAX 128
const char *hh_center_nearest(char buf[HH_NEAR_MAX],
    const struct hh_center *c, int staff, const char *id);
/* 1 if role may do action ("intake", "route", ..., "configure"). */
int hh_center_role_allows(const char *role, const char *action);

/* "route, supplement, ..." that role may do, or "nothing". */
void hh_center_role_actions(char buf[128], const char *role);

/* peer.c - the other centres of the province (center.json "peers" and
 * "push_to", hh-center(5); hh-sync(1)). */
struct hh_peer {
	char *agency;		/* its agency_code */
	char *name;
	char *url;		/* where its records tree is read */
	char *key;		/* its signing key's public line, or NULL */
};
/* 1 if url is one hh reaches: an absolute path, or a file://, git:// or
 * ssh:// URL with a path, nothing git or its configuration would read as
 * more than a URL. */
int hh_peer_url_ok(const char *url);
/* "peers" and "push_to" of center.json's root, validated, into c (whose
 * agency_code is parsed); errors read "center.json: peers[1].url: why". */
int hh_peer_parse(struct hh_center *c, const struct cJSON *root);
/* The peer whose agency is agency, or NULL. */
const struct hh_peer *hh_peer_find(const struct hh_center *c,
    const char *agency);
/* What hh_peer_parse allocated. */
void hh_peer_free(struct hh_center *c);

/* procedure.c - one procedure of the catalogue (hh-procedures(5)). */
struct hh_procedure {
	char *code, *name, *field, *department;
	char *fee;		/* the fee or charge as text, NULL if none given */
	struct hh_limit limit;
	struct cJSON *json;	/* the whole file */
};
/* Parse and validate a procedure; code (if not NULL) must match, and its
 * department must be one of c's (if c is not NULL). */
int hh_procedure_parse(struct hh_procedure **out, const char *text,
    size_t len, const char *code, const struct hh_center *c);
void hh_procedure_free(struct hh_procedure *p);

/*
 * dossier.c - dossiers (hh-dossier(5)): dossiers/YYYY/MM/<code>.json, one
 * commit per change.
 */
/* The most bytes a dossier may hold (hh-dossier(5)): hh-report reads no
 * larger file from disk, and a larger dossier in the records is an error. */
#define HH_DOSSIER_MAX (1 << 20)
struct hh_intake {
	const char *procedure, *name, *id_number, *phone, *email, *address;
	const char *channel;		/* NULL: direct */
	const char *const *documents;
	size_t ndocuments;
	int64_t at;
};
/* The codes of the day of at begin "AGENCY-YYMMDD-" (out); HH_EINVALID
 * outside 2000-2099. */
int hh_dossier_day(char out[64], const char *agency, int64_t at);
/* The sequence of a file name "DAY-NNNN.json" of that day's folder, hh's
 * own 4 digits (an imported 6- or 7-digit one is not hh's); 0 if none.
 * The next code of a day is one past the highest. */
int hh_dossier_seq(const char *name, const char *day);
/* Path of a dossier code; HH_EINVALID if code is not AGENCY-YYMMDD-NNNN. */
int hh_dossier_path(char **out, const char *code);
/* A new dossier for in (code not yet set), validated: procedure p, the due
 * instants from cal, received by actor and held by c's one-stop unit. */
int hh_dossier_new(struct cJSON **out, const struct hh_intake *in,
    const struct hh_center *c, const struct hh_procedure *p,
    const struct hh_calendar *cal, const struct hh_staff *actor);
/* One applicant member of an intake or a correction, key "name",
 * "id_number", "phone", "email" or "address" (NULL or "" is absent, which
 * a name may not be): HH_EINVALID naming the option ("id-number: not a
 * valid id-number"). */
int hh_dossier_applicant_check(const char *key, const char *value);
/* The "documents" of texts[0..n) as given at intake, "[SOURCE:]NAME"
 * (the channel's source when none is named): HH_EINVALID for a bad one
 * or more than HH_DOCS_MAX. */
int hh_dossier_documents(struct cJSON **out, const char *const *texts,
    size_t n, const char *channel);
/* A document of the dossier's "documents": its name, and how it came
 * (scanned, online, shown or database; the channel's default for a
 * document written before hh recorded it). */
const char *hh_dossier_doc_name(const struct cJSON *doc);
const char *hh_dossier_doc_source(const struct cJSON *doc,
    const struct cJSON *dossier);
/* The documents as they were given at intake, "SOURCE:NAME" (a name
 * alone for one written before hh recorded sources), NULL-ended; free
 * with hh_mem_strv_free. */
char **hh_dossier_doc_texts(const struct cJSON *dossier);
/* The dossier as stored: fixed key order, tabs, trailing newline. */
char *hh_dossier_format(struct cJSON *dossier);
/* Append an event {at, action, actor, details} (details may be NULL and is
 * taken over). */
void hh_dossier_event(struct cJSON *dossier, int64_t at, const char *action,
    const char *actor, struct cJSON *details);
/* Getters on a dossier (borrowed; "" when absent). */
const char *hh_dossier_str(const struct cJSON *dossier, const char *key);
/* Time of the last event (0 if none). */
int64_t hh_dossier_last_at(const struct cJSON *dossier);


/*
 * step.c - the life of a dossier as pure functions on its JSON (no
 * store), so that hh-check can replay the events (hh-route(1)):
 * received -> processing <-> waiting_supplement -> resolved -> returned,
 * and withdrawn from received, processing or waiting_supplement.
 */
enum hh_action {
	HH_STEP_ROUTE,
	HH_STEP_SUPPLEMENT,
	HH_STEP_SUPPLIED,
	HH_STEP_DELAY,
	HH_STEP_DONE,
	HH_STEP_RETURN,
	HH_STEP_WITHDRAW,
	HH_STEP_STOP,		/* dừng giải quyết, 2025 rules */
	HH_STEP_AMEND,		/* a correction of the applicant's data or
				 * the documents, before the result */
};
/* One step; strings are borrowed.  Start from hh_step_init. */
struct hh_step {
	enum hh_action action;
	int64_t at;			/* when it was done */
	const char *to;			/* route: department id */
	const char *officer;		/* route: staff id, or NULL */
	double days;			/* route: the department's share in
					 * working days; < 0: none */
	const char *note;		/* route, or NULL */
	const char *reason;		/* supplement, delay, done, withdraw */
	const char *const *documents;	/* supplement: documents asked for */
	size_t ndocuments;
	const char *until;		/* delay: YYYY-MM-DD of the new date */
	const char *outcome;		/* done: "granted" (NULL), "refused" */
	int on_return;			/* done: recorded by hh-return at the
					 * counter (a desk role may) */
	const char *by;			/* stop: "applicant" (NULL) or
					 * "agency" */
	const char *fee;		/* stop: a fee settled, or NULL */
	/* amend: the applicant's members corrected, NULL: unchanged, "":
	 * removed (not the name); documents, when given, the whole list
	 * as at intake ("[SOURCE:]NAME") */
	const char *name, *id_number, *phone, *email, *address;
};
/* The actions as bits, for the sets below: HH_STEP_BIT(HH_STEP_ROUTE). */
#define HH_STEP_BIT(a) (1u << (a))
#define HH_STEP_ALL 0x1ffu
/* The one shape rule: HH_EINVALID "officer: only with route" for a field
 * of st its action does not take (actions: the ones named in the message,
 * those the caller offers). */
int hh_step_shape(const struct hh_step *st, unsigned actions);
/* The fields of a step from a JSON object (a batch line, an event's
 * details): to, officer, days, note, reason, until, outcome, documents,
 * on_return, by, fee, and an amend's applicant (the name), id_number,
 * phone, email, address; strings borrowed, *docs_out the caller's to free.  HH_EINVALID
 * for a member of the wrong type. */
int hh_step_fields(struct hh_step *st, const char ***docs_out,
    const struct cJSON *obj);
/* A batch line of hh-route(1) or hh-return(1) as a step, for the actions
 * the command offers: {"code", "at", and the action's keys: "to" (route),
 * "supplement": reason, "supplied", "delay", "done", "withdraw", "stop",
 * "amend": true; none: return}.  *code, *at (NULL: now) borrowed from the line, the
 * step's time left 0 for the caller; errors name the code. */
int hh_step_line(struct hh_step *st, const char **code, const char **at,
    const char ***docs_out, const struct cJSON *line, unsigned actions);
/* The correction an amend event's details name (details.fields:
 * "applicant.name", "applicant.id_number", "applicant.phone",
 * "applicant.email", "applicant.address", "documents"), with the values
 * dossier, the version it made, holds (an absent member is ""): the step
 * to replay (hh-check).  Only those members are set; *docs_out (for
 * hh_mem_strv_free) holds the documents.  HH_EINVALID "fields: ...". */
int hh_step_amended(struct hh_step *st, char ***docs_out,
    const struct cJSON *details, const struct cJSON *dossier);
/* The event action, commit verb and Action: trailer ("route", ...). */
const char *hh_step_name(enum hh_action a);
/* The step of an event's name; HH_EINVALID for another. */
int hh_step_parse(enum hh_action *out, const char *name);
/* Zero the step, set action and time; days -1 (no share). */
void hh_step_init(struct hh_step *s, enum hh_action a, int64_t at);
/* Whether actor may take step on dossier now: HH_EREFUSED (state, role,
 * deadline), HH_EINVALID (bad value, --at before the last event) or
 * HH_ENOTFOUND (department, officer), with a one-line message that names
 * the status and what it allows, e.g. "status withdrawn: cannot return
 * (nothing is allowed on a withdrawn dossier)". */
int hh_step_check(const struct cJSON *dossier, const struct hh_step *step,
    const struct hh_staff *actor, const struct hh_center *c,
    const struct hh_calendar *cal);
/* A route's share (st->days) ends by the dossier's due instant (its
 * appointment, if later): HH_EREFUSED naming the most working days left
 * if not.  Checked when a step is recorded (the desk), not on replay:
 * shares recorded before the rule stay legal. */
int hh_step_share_check(const struct cJSON *dossier, const struct hh_step *st,
    const struct hh_calendar *cal);
/* Whether a step (an intake too) at time at may be recorded at now by
 * actor in a tree whose first commit was recorded at first (INT64_MIN:
 * unknown): HH_EREFUSED "before the records tree was created (its first
 * commit, T)" for anyone; for anyone but an admin, HH_EREFUSED "more than
 * N working days back (center.json backdate_working_days): an admin's
 * step" when more than N = c->backdate_days working days of cal lie after
 * at's day up to now's: at's day must be no earlier than the working day
 * N working days before now's working day (the last working day up to
 * now's day, counted as 0).  The one rule of hh-intake, hh-route,
 * hh-return and hh-check. */
int hh_step_when(int64_t at, int64_t now, int64_t first,
    const struct hh_staff *actor, const struct hh_center *c,
    const struct hh_calendar *cal);
/* Check, then change the dossier's fields and append the event; the
 * dossier is unchanged on failure. */
int hh_step_apply(struct cJSON *dossier, const struct hh_step *step,
    const struct hh_staff *actor, const struct hh_center *c,
    const struct hh_calendar *cal);

/* The formats of printed output (table.c, form.c). */
enum hh_format {
	HH_FORMAT_TEXT,
	HH_FORMAT_CSV,
	HH_FORMAT_JSON,
	HH_FORMAT_HTML,
};

/*
 * form.c - the printed forms of Circular 01/2018/TT-VPCP and, from
 * 15/9/2025, of Circular 03/2025/TT-VPCP: number and title by the day a
 * form is issued (hh_rules_forms_at).  Each carries the national heading,
 * its issuing unit (and number line), place and date, and signatures.
 * Each takes the centre, the staff member who prints it (or NULL), the
 * dossier and a format, and returns malloc'd text: HH_FORMAT_TEXT, 72
 * display columns at most a line; HH_FORMAT_HTML, one <section
 * class="form"> of the page between hh_form_page_begin() and
 * hh_form_page_end() (A4, a form a sheet).  One description of each
 * form makes both.
 */
/* "08 giờ 15 phút, ngày 30/09/2016" */
void hh_form_time(char buf[64], int64_t t);
/* The HTML page around forms: <!DOCTYPE html> ... <body>, its inline
 * style (print CSS, A4) the only one; and </body></html>. */
const char *hh_form_page_begin(void);
const char *hh_form_page_end(void);
/* Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả, each document with
 * where it comes from; in HTML a QR code of the dossier code. */
char *hh_form_receipt(const struct hh_center *c, const struct hh_staff *actor,
    const struct cJSON *dossier, enum hh_format f);
/* Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ, from the dossier's
 * supplement request: its stage (intake or appraisal) and who issued it
 * (its "by", else the actor of the last supplement event). */
char *hh_form_supplement(const struct hh_center *c,
    const struct hh_staff *actor, const struct cJSON *dossier,
    enum hh_format f);
/* Mẫu 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ, with the reason of the
 * last "done" event. */
char *hh_form_refusal(const struct hh_center *c, const struct hh_staff *actor,
    const struct cJSON *dossier, enum hh_format f);
/* Mẫu 04: Phiếu xin lỗi và hẹn lại ngày trả kết quả (2018), Văn bản xin
 * lỗi và đề nghị gia hạn (2025), from the last "delay" event (its
 * due_before, reason and signer) and appointment_at, with every earlier
 * extension. */
char *hh_form_apology(const struct hh_center *c, const struct hh_staff *actor,
    const struct cJSON *dossier, enum hh_format f);
/* Mẫu 05 of Circular 03/2025: Thông báo dừng giải quyết hồ sơ, from the
 * last "stop" event: who asked, the stage reached, the reason and any
 * fee. */
char *hh_form_stop(const struct hh_center *c, const struct hh_staff *actor,
    const struct cJSON *dossier, enum hh_format f);
/* Mẫu 05 (2018), 06 (2025): Phiếu kiểm soát quá trình giải quyết hồ sơ:
 * one row a hand-over (from the dossier's shares) with the handing unit's
 * result, then each department's times and class. */
char *hh_form_control(const struct hh_center *c, const struct hh_staff *actor,
    const struct cJSON *dossier, enum hh_format f);


/*
 * The reports (hh-report(1)), computed from the dossiers' events: life.c
 * derives a dossier's life, period.c names the periods, report.c counts
 * the on-time report of Biểu 06 and render.c prints it, listing.c makes
 * the tracking book (Mẫu 06) and the lists, table.c lays out their text,
 * CSV and HTML.  scan.c and cache.c (desk.h) read the dossiers.
 */

/*
 * life.c - the one life of a dossier, derived from its events as of an
 * instant (DOMAIN Part A §7-9): received -> processing <->
 * waiting_supplement -> resolved -> returned, or withdrawn.  The one
 * table of the statuses and of the events' actions (hh-dossier(5)).
 */
enum hh_life_status {
	HH_STATUS_RECEIVED,
	HH_STATUS_PROCESSING,
	HH_STATUS_WAITING_SUPPLEMENT,
	HH_STATUS_RESOLVED,
	HH_STATUS_RETURNED,
	HH_STATUS_WITHDRAWN,
	HH_STATUS_STOPPED,	/* dừng giải quyết (2025 rules) */
};
/* "received", "processing", ...; NULL if s is none of them. */
const char *hh_life_status_name(enum hh_life_status s);
/* The Vietnamese name ("Đã tiếp nhận") the printed listings show. */
const char *hh_life_status_label(enum hh_life_status s);
/* HH_EINVALID "\"X\" is not received, processing, ... or withdrawn". */
int hh_life_status_parse(enum hh_life_status *out, const char *name);
enum hh_life_event {
	HH_EVENT_INTAKE,
	HH_EVENT_ROUTE,
	HH_EVENT_SUPPLEMENT,
	HH_EVENT_SUPPLIED,
	HH_EVENT_DELAY,
	HH_EVENT_DONE,
	HH_EVENT_RETURN,
	HH_EVENT_WITHDRAW,
	HH_EVENT_STOP,
	HH_EVENT_AMEND,
	HH_EVENT_OTHER,		/* an action of none of the above */
};
/* The action of an event: "intake", "route", ...; NULL for HH_EVENT_OTHER. */
const char *hh_life_event_name(enum hh_life_event e);
/* HH_EINVALID "\"X\" is not intake, route, ..., return or withdraw". */
int hh_life_event_parse(enum hh_life_event *out, const char *name);
/* A dossier's life as of an instant. */
struct hh_life {
	int64_t received;	/* the intake */
	int64_t closed;		/* resolution or withdrawal; 0: open */
	int64_t returned;	/* 0: not returned */
	int64_t due;		/* legal due in force (at the closing) */
	int withdrawn;
	int stopped;		/* closed by a stop (dừng giải quyết) */
	enum hh_class class;	/* of the resolution */
	int waiting;		/* waiting for a supplement: clock stopped */
	enum hh_life_status status;
	const char *officer;	/* the last officer routed to, or NULL */
};
/* An event reduced to what the life reads. */
struct hh_life_ev {
	int64_t at, due_at;
	const char *officer;	/* route: details.officer, or NULL */
	unsigned char event;	/* enum hh_life_event */
	unsigned char at_ok;	/* at is a time */
	unsigned char due;	/* details.due_at (not a route's): 0 none,
				 * 1 a time, 2 not a time */
};
/* A dossier reduced to what its life and the on-time report read: what
 * the summary cache keeps (hh_cache_report), so that a report reads the
 * same from it as from the files.  Strings are borrowed.  ev points into
 * small when the events fit (no allocation): never copy the struct. */
#define HH_LIFE_SMALL 32
struct hh_life_sum {
	const char *field, *dept, *pcode, *pname;	/* the procedure's */
	const char *channel;
	int64_t due0;		/* the dossier's due_at; 0 if none */
	int events_ok;		/* events is a non-empty array */
	struct hh_life_ev *ev;
	size_t nev;
	struct hh_life_ev small[HH_LIFE_SMALL];
};
/* Summarize dossier (its strings borrowed); hh_life_release after. */
void hh_life_summarize(struct hh_life_sum *out, const struct cJSON *dossier);
/* What hh_life_summarize allocated (nothing up to HH_LIFE_SMALL events). */
void hh_life_release(struct hh_life_sum *sum);
/* The life as of t: 1 if received by t, 0 if not (*out then holds the
 * receipt only); HH_EINVALID "events: missing", "events[0]: not an
 * intake", "events[N].at: not a time", "events[N].details.due_at: not a
 * time" (events after t are not read).  The legal due in force is the
 * due_at of the latest event carrying one, except a route's (a
 * department's share of the time); a done or a return closes it. */
int hh_life_of_sum(struct hh_life *out, const struct hh_life_sum *sum,
    int64_t t);
/* hh_life_of_sum of the dossier (out's strings borrowed from it). */
int hh_life_at(struct hh_life *out, const struct cJSON *dossier, int64_t t);

/* period.c - the periods of a report and working days. */
enum hh_period {
	HH_PERIOD_MONTH,	/* YYYY-MM */
	HH_PERIOD_QUARTER,	/* YYYY-Qn */
	HH_PERIOD_YEAR,		/* YYYY */
};
/* The first and last day of a period; shift15: the 15th-to-14th
 * convention (month M runs from the 15th of M-1 to the 14th of M). */
int hh_period_parse(int *from_out, int *to_out, enum hh_period kind,
    const char *s, int shift15);
/* The last month (of either convention) that ended before day today. */
void hh_period_last_month(int *from_out, int *to_out, int today,
    int shift15);
/* The n-th working day after day (day itself if n is 0). */
int hh_period_workdays(const struct hh_calendar *cal, int day, int n);
/* The last second of day: what a period ending on it is counted as of. */
int64_t hh_period_end(int day);

/*
 * table.c - the text buffer, and the table every text, CSV and HTML
 * output shares (columns aligned by display width, RFC 4180, escaped
 * HTML).
 */
/* enum hh_format: with form.c, above */
/* "text", "csv", "json" or "html". */
int hh_table_format_parse(enum hh_format *out, const char *s);
/* A growable string; start from { NULL, 0, 0 }; s is NUL-terminated. */
struct hh_buf {
	char *s;
	size_t len, cap;
};
/* Append n bytes of s (NULs too) to b. */
void hh_table_put(struct hh_buf *b, const char *s, size_t n);
/* Append the string s. */
void hh_table_puts(struct hh_buf *b, const char *s);
/* Append printf's output. */
void hh_table_printf(struct hh_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Append n blanks. */
void hh_table_pad(struct hh_buf *b, size_t n);
/* End a line without trailing blanks. */
void hh_table_eol(struct hh_buf *b);
/* b's string ("" if nothing was put); it stays the caller's to free. */
char *hh_table_done(struct hh_buf *b);
/* s as HTML text or attribute value (& < > " ' escaped). */
void hh_table_html_text(struct hh_buf *b, const char *s);
/* s as one CSV field: quoted if it holds a comma, a quote or a break. */
void hh_table_csv_field(struct hh_buf *b, const char *s);
/* An HTML page (A4 landscape, print styles) up to its <body>. */
void hh_table_html_begin(struct hh_buf *b, const char *title);
/* A day as the printed tables show it: "30/09/2016". */
void hh_table_day(char buf[HH_TIME_MAX], int day);
/* An instant as they show it: "30/09/2016 08:15". */
void hh_table_time(char buf[HH_TIME_MAX], int64_t t);
/* Rows of ncols cells; the arrays are borrowed, the cells are the
 * table's.  Start from all zeros. */
struct hh_table {
	size_t ncols;
	const char *const *heads;	/* Vietnamese headings */
	const char *const *groups;	/* a heading over several, or NULL */
	const char *const *keys;	/* CSV header */
	const int *right;		/* right-aligned (numbers) */
	char **cells;			/* nrows * ncols */
	size_t nrows, alloc;
	size_t nbody;			/* rows before the total rows */
};
/* A row of ncols malloc'd cells, taken over. */
void hh_table_add(struct hh_table *t, char **cells);
/* The cell at row, col (borrowed). */
const char *hh_table_cell(const struct hh_table *t, size_t row, size_t col);
/* Drop column col; the arrays (of ncols - 1) receive the others' heads,
 * groups, keys and alignments. */
void hh_table_drop(struct hh_table *t, size_t col, const char **heads,
    const char **groups, const char **keys, int *right);
/* Columns two spaces apart, group headings over their columns, a rule
 * under the headings and before the totals. */
void hh_table_text(struct hh_buf *b, const struct hh_table *t);
/* The keys' line, then the rows, CRLF-terminated. */
void hh_table_csv(struct hh_buf *b, const struct hh_table *t);
/* A <table>: group headings span their columns, totals in bold. */
void hh_table_html(struct hh_buf *b, const struct hh_table *t);
/* The cells (t itself is the caller's). */
void hh_table_release(struct hh_table *t);

/* report.c - the on-time report of Biểu 06, counted as of the last second
 * of a period (or now, if it is not over) from each dossier's life. */
enum hh_report_by {
	HH_BY_FIELD,
	HH_BY_DEPARTMENT,	/* the procedure's (cơ quan chủ trì) */
	HH_BY_PROCEDURE,
	HH_BY_OFFICER,		/* the last routed to by the end */
	HH_BY_CHANNEL,
};
/* "field", "department", "procedure", "officer" or "channel". */
int hh_report_by_parse(enum hh_report_by *out, const char *s);
/* The name hh_report_by_parse reads. */
const char *hh_report_by_name(enum hh_report_by by);
/* The columns of Biểu 06 and two more; every row satisfies
 * carried + online + direct = resolved + withdrawn + stopped + open. */
struct hh_counts {
	long received;		/* carried + online + direct (column 3) */
	long online, direct;	/* new in the period; direct counts postal */
	long carried;		/* received before, open at the start */
	long resolved, early, on_time, late;
	long open;		/* within + overdue + waiting */
	long within, overdue;	/* at the end, against the legal due */
	long waiting;		/* waiting for a supplement: clock stopped */
	long withdrawn;
	long stopped;		/* dừng giải quyết: closed like a withdrawal */
};
struct hh_report_row {
	char *key, *label;
	struct hh_counts n;
};
struct hh_report {
	int from, to;		/* the period's days, inclusive */
	int64_t start;		/* its first instant */
	int64_t end;		/* counted as of: its last second, or now */
	enum hh_report_by by;
	char *source;		/* the records commit */
	char *center_name;
	const struct hh_center *center;	/* borrowed, for labels; or NULL */
	struct hh_report_row *rows;	/* sorted by hh_report_finish */
	size_t nrows, alloc;
	uint32_t *hashes;
	struct hh_report_row total;
};
/* An empty report on days from..to as of min(its end, now); HH_EINVALID
 * if to < from. */
int hh_report_new(struct hh_report **out, int from, int to, int64_t now,
    enum hh_report_by by, const struct hh_center *c, const char *source);
/* Count a dossier: 1 if it is in the report, 0 if not (received after
 * the end, closed before the start); HH_EINVALID if its events are bad. */
int hh_report_add(struct hh_report *r, const struct cJSON *dossier);
/* hh_report_add of the dossier sum was made from (the summary cache). */
int hh_report_add_sum(struct hh_report *r, const struct hh_life_sum *sum);
/* hh_report_add_sum in parts, for the summary store (cache.c), which
 * knows some lives without computing them: whether a life received by the
 * end is counted (not closed before the start); the row of a dossier (made
 * if new); a life counted times times into a row's counts (online: the
 * channel is "online").  hh_report_clear empties the rows (counted
 * again). */
int hh_report_counts(const struct hh_report *r, const struct hh_life *lf);
struct hh_report_row *hh_report_row_of(struct hh_report *r,
    const struct hh_life_sum *sum, const struct hh_life *lf);
void hh_report_tally(const struct hh_report *r, struct hh_counts *n,
    const struct hh_life *lf, int online, long times);
void hh_report_clear(struct hh_report *r);
/* Sort the rows and sum the total; HH_ERROR naming the row if a row
 * breaks the invariant (a bug). */
int hh_report_finish(struct hh_report *r);
/* (early + on_time) / resolved in hundredths of a per cent, rounded half
 * up (5776 for 57.76 %); -1 if nothing was resolved. */
int hh_report_rate(const struct hh_counts *n);
/* The report, its rows and strings. */
void hh_report_free(struct hh_report *r);

/* render.c - the on-time report printed: text, CSV (the period and source
 * on every line), JSON (hh_json_print), HTML with an SVG chart of the
 * rates; malloc'd.  Text and HTML carry the form's label and legal
 * basis, the period and the signers, and print figures as Vietnamese
 * does (12.321; 57,76); CSV and JSON keep 12321 and 57.76.  The text
 * fits HH_REPORT_WIDTH columns, in three parts, labels cut if need be. */
#define HH_REPORT_WIDTH 80
char *hh_render_report(const struct hh_report *r, enum hh_format f);
/* The same, the text at most width columns wide (0: the one wide table,
 * every label whole). */
char *hh_render_report_width(const struct hh_report *r, enum hh_format f,
    size_t width);
/* The report's columns: 0 STT, 1 key, 2 label, 3-16 the figures of
 * hh_render_values, 17 the rate.  Its heading, and its group's heading
 * (NULL: none) in *group; NULL past the last. */
#define HH_REPORT_NVALUES 14
const char *hh_render_head(const struct hh_report *r, size_t col,
    const char **group);
/* The lines the printed report begins with (the form, its basis, the
 * title, the unit, the period, the grouping, the source), each ending in
 * a newline; malloc'd. */
char *hh_render_heading(const struct hh_report *r);
/* The figures of columns 3 to 16 of a row, in order. */
void hh_render_values(long v[HH_REPORT_NVALUES], const struct hh_counts *n);

/* listing.c - listings: --list (the dossiers' state now, filtered),
 * --overdue (open now and past due or due by a day), --book (Mẫu 06 for
 * a period); each dossier's state is its life as of the query's time. */
enum hh_listing_kind {
	HH_LIST,
	HH_OVERDUE,
	HH_BOOK,
};
struct hh_query {
	enum hh_listing_kind kind;
	int64_t at;		/* now */
	/* HH_LIST: NULL matches all; field and applicant are compared
	 * after hh_text_fold, applicant as a substring; status is the
	 * life's as of at (as of its last event if received after at) */
	const char *status, *holder, *procedure, *field, *applicant;
	/* HH_LIST: the applicant's phone or identity number, compared
	 * exactly once normalised (spaces, dots, dashes, brackets dropped;
	 * a phone's +84 read 0; an identity number's letters capitals) */
	const char *phone, *id_number;
	/* HH_LIST: the catalogue's codes that procedure must be one of
	 * (NULL: not checked) */
	const char *const *procedures;
	size_t nprocedures;
	/* HH_LIST: the catalogue's fields, folded, that field must be one of
	 * once folded (NULL: not checked) */
	const char *const *fields;
	size_t nfields;
	int from, to;		/* received days (HH_LIST) or the period */
	int until;		/* HH_OVERDUE: also due by this day; INT_MIN:
				 * past due only */
	int with_applicant;	/* HH_OVERDUE, HH_LIST: show names (and the
				 * numbers looked up) */
};
struct hh_listing;
/* The query's strings are copied. */
int hh_listing_new(struct hh_listing **out, const struct hh_query *q,
    const struct hh_center *c, const char *source);
/* 1 if the dossier was taken, 0 if not; HH_EINVALID if malformed. */
int hh_listing_add(struct hh_listing *l, const struct cJSON *dossier);
/* Sort (by receipt; --overdue by due) and number the book's rows through
 * each calendar year of receipt. */
void hh_listing_finish(struct hh_listing *l);
/* The dossiers taken (after hh_listing_finish: those listed). */
size_t hh_listing_count(const struct hh_listing *l);
/* The listing in format f (malloc'd). */
char *hh_listing_format(const struct hh_listing *l, enum hh_format f);
/* The listing and its entries. */
void hh_listing_free(struct hh_listing *l);


/* A commit as hh reads it (from store.c's walk; audit.c checks it).  Ids
 * are 40 hex digits; "" stands for "absent". */
#define HH_OID_MAX 41		/* a hex commit or blob id and its NUL */
struct hh_change {
	char *path;		/* a file (blob) path, never a folder */
	char old_id[HH_OID_MAX], new_id[HH_OID_MAX];
	unsigned old_mode, new_mode;	/* 0100644 for a regular file */
};
struct hh_commit {
	char id[HH_OID_MAX];
	char parent[HH_OID_MAX];	/* first parent; "" for a root commit */
	size_t nparents;
	char *author, *email, *committer, *committer_email, *message;
	int64_t author_date, committer_date;
	int author_offset, committer_offset;	/* minutes east of UTC */
	struct hh_change *changes;	/* against the first parent, by path */
	size_t nchanges;
	char *error;		/* why changes could not be listed, or NULL */
};

/* render.c, report.c: published reports. */
/* The report rebuilt from its JSON (hh_render_report's, as a published
 * tag holds it); HH_EINVALID naming what is not valid. */
int hh_report_from_json(struct hh_report **out, const struct cJSON *j,
    const struct hh_center *c);
/* A published report (refs/tags/report/PERIOD): the commits after its
 * source that changed its figures, and today's figures if they differ. */
struct hh_pubchange {
	char id[HH_OID_MAX];
	char *author, *subject;
	int64_t at;			/* the author date: the event */
	char *correction;		/* its Correction: trailer, or NULL */
	int by_admin;			/* its author an admin then */
};
struct hh_publication {
	const char *tag;		/* "report/2016-09" */
	const char *tag_id;
	int64_t at;			/* the tagger's date */
	const struct hh_report *revised;	/* NULL: unchanged */
	const struct hh_pubchange *changes;
	size_t nchanges;
};
/* r (the published figures) with p in format f: the text's, HTML's
 * "Số liệu điều chỉnh sau khi công bố" section, CSV's last column
 * "figures" (published, revised), JSON's "published" and "revised". */
char *hh_render_published(const struct hh_report *r,
    const struct hh_publication *p, enum hh_format f);
/* The same, the text at most width columns wide (hh_render_report_width). */
char *hh_render_published_width(const struct hh_report *r,
    const struct hh_publication *p, enum hh_format f, size_t width);

/*
 * audit.c - checking the history (hh-check(1)) and reading it (hh-log(1)):
 * pure functions on commits from hh_store_walk_next and the contents of the
 * files they changed.
 */
struct hh_audit;
struct hh_finding {
	char commit[HH_OID_MAX];
	char *path;		/* or NULL */
	char *message;
};
struct hh_blob {
	const char *data;	/* NULL: absent (or unreadable) */
	size_t len;
};
int hh_audit_new(struct hh_audit **out);	/* an empty check */
void hh_audit_free(struct hh_audit *a);
/* The configuration and recording time as of the commit the check starts
 * after (hh-check --since); texts may be NULL. */
int hh_audit_seed(struct hh_audit *a, const char *center, size_t clen,
    const char *calendar, size_t callen, int64_t recorded);
/* The allowed_signers file as of that commit (NULL: none). */
int hh_audit_seed_signers(struct hh_audit *a, const char *text, size_t len);
/* The signature of commit c (sig NULL: unsigned) over data, checked
 * against the keys allowed_signers listed before c, at c's committer
 * time; after hh_audit_commit(c), which reads c's own allowed_signers. */
void hh_audit_signature(struct hh_audit *a, const struct hh_commit *c,
    const char *sig, size_t siglen, const char *data, size_t len);
/* The committer date of the root commit (hh_store_root), for a check that
 * starts after it; one from the root takes it from the root commit. */
void hh_audit_first(struct hh_audit *a, int64_t first);
/* A procedure of the catalogue as of that commit (after hh_audit_seed). */
int hh_audit_seed_procedure(struct hh_audit *a, const char *code,
    const char *text, size_t len);
/* How a seeded check lists a folder as of a commit (the month of an
 * intake whose day the history walked did not show): hh_store_list_at. */
typedef int hh_audit_list_fn(char ***names_out, size_t *n_out, void *arg,
    const char *commit, const char *dir);
void hh_audit_lister(struct hh_audit *a, hh_audit_list_fn *fn, void *arg);
/* Check one commit, oldest first; old[i] and new[i] are the contents of
 * c->changes[i] before and after.  Findings accumulate in a. */
void hh_audit_commit(struct hh_audit *a, const struct hh_commit *c,
    const struct hh_blob *old, const struct hh_blob *new);
void hh_audit_add(struct hh_audit *a, const char *commit, const char *path,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* All findings so far (borrowed), in the order found. */
const struct hh_finding *hh_audit_findings(const struct hh_audit *a,
    size_t *n_out);
size_t hh_audit_checked(const struct hh_audit *a);	/* commits seen */
/* HH_EINVALID naming the first key of dossier that is missing or of the
 * wrong type (hh-dossier(5)); code (if not NULL) must match. */
int hh_audit_schema(const struct cJSON *dossier, const char *code);
/* Field-by-field changes from old (NULL: none) to new, one line each
 * ("status: received → processing", "+ events[1]: route by minh at
 * ..."); free with hh_mem_strv_free. */
int hh_audit_diff(char ***out, size_t *n_out, const struct cJSON *old,
    const struct cJSON *new);
/* The value of trailer key ("Action") in a commit message's last
 * paragraph (malloc'd), or NULL. */
char *hh_audit_trailer(const char *message, const char *key);
/* Mask applicant.id_number: 001085012345 -> 0010******45. */
void hh_audit_mask(struct cJSON *dossier);

/*
 * notice.c - telling the applicant (DOMAIN Part A §19, hh-notify(1)): a
 * change of a dossier as a notice, its JSON line and its mail.  A notice
 * carries no identity number, address or phone; the applicant's e-mail
 * address is kept for the envelope alone, never printed.
 */
struct hh_notice {
	char *id;		/* COMMIT.CODE: stable, unique */
	char *code, *status;	/* the status after the change */
	char *at;		/* the event's instant, as stored */
	char *agency;		/* the unit holding the dossier after it */
	char *actor;		/* the staff member's name */
	char *text;		/* the Vietnamese sentence */
	char *email;		/* the applicant's address, or NULL */
};
/* The notice of commit for dossier as that commit left it, the centre c as
 * of that commit (NULL: ids stand for names), author the commit's author
 * (the name when the event's actor is not on c's staff).  HH_EINVALID
 * "CODE: ..." for a dossier without code, status or a last event. */
int hh_notice_make(struct hh_notice *out, const char *commit,
    const struct cJSON *dossier, const struct hh_center *c,
    const char *author);
void hh_notice_clear(struct hh_notice *n);	/* frees, and zeroes */
/* {"id", "code", "status", "at", "agency", "actor", "text"}. */
struct cJSON *hh_notice_json(const struct hh_notice *n);
/* 1 if a is a bare address (name@domain) safe in a header: printable
 * ASCII, no blank, quote, bracket, comma, colon or semicolon. */
int hh_notice_address(const char *a);
/* The RFC 5322 message of n to n->email (a bare address) from from (one
 * too), signed with the centre's name (may be NULL), dated now: UTF-8 text,
 * 8bit, encoded words in the header, Message-ID <ID@from's domain>. */
char *hh_notice_mail(const struct hh_notice *n, const char *from,
    const char *center, int64_t now);
/* The delivery mark (DIR/.git/hh/notify): "COMMIT\n" (every notice of
 * COMMIT delivered: *done -1) or "COMMIT N\n" (its first N). */
int hh_notice_mark_parse(char id[HH_OID_MAX], long *done, const char *text,
    size_t len);
char *hh_notice_mark_format(const char *id, long done);

/*
 * sign.c - the centre's signing key (Ed25519) and its signatures in
 * OpenSSH's formats, the ones git verifies itself (gpg.format = ssh):
 * SSHSIG in the namespace "git", the allowed-signers file (hh(7) SIGNED
 * COMMITS).
 */
#define HH_KEY_SEED 32		/* bytes of the secret a key comes from */
#define HH_KEY_PUB 32
#define HH_KEY_FPMAX 64		/* "SHA256:" and 43 base64 digits */
struct hh_key {
	unsigned char pub[HH_KEY_PUB];
	unsigned char sec[64];	/* the seed, then pub: libsodium's */
};
void hh_key_from_seed(struct hh_key *k, const unsigned char seed[HH_KEY_SEED]);
/* The private key file as ssh-keygen writes it (unencrypted: hh signs
 * unattended); comment names the key.  The caller frees it. */
char *hh_key_private_text(const struct hh_key *k, const char *comment);
/* Read such a file; HH_EINVALID if it is not one (or is encrypted). */
int hh_key_parse(struct hh_key *k, const char *text, size_t len);
/* "ssh-ed25519 AAAA...", the public key's line; the caller frees it. */
char *hh_key_public_text(const unsigned char pub[HH_KEY_PUB]);
int hh_key_public_parse(unsigned char pub[HH_KEY_PUB], const char *text,
    size_t len);
/* "SHA256:...", as ssh-keygen -l shows it. */
void hh_key_fingerprint(char out[HH_KEY_FPMAX],
    const unsigned char pub[HH_KEY_PUB]);
/* The armored SSH signature of data (what git puts in a commit's gpgsig
 * header, without the last line end); the caller frees it. */
char *hh_key_sign(const struct hh_key *k, const char *data, size_t len);
/* HH_OK if sig is a good signature of data; pub gets the signing key
 * (when the signature could be read).  HH_EINVALID saying why not. */
int hh_key_verify(unsigned char pub[HH_KEY_PUB], const char *sig,
    size_t siglen, const char *data, size_t len);
/* The allowed-signers file: who may sign, from when until when. */
struct hh_signer {
	char *principal;
	unsigned char pub[HH_KEY_PUB];
	int64_t after, before;	/* valid-after, valid-before; 0: none */
};
struct hh_signers {
	struct hh_signer *v;
	size_t n;
};
int hh_signers_parse(struct hh_signers **out, const char *text, size_t len);
void hh_signers_free(struct hh_signers *s);
/* HH_OK if a line allows pub at instant when; HH_EREFUSED saying why. */
int hh_signers_allow(const struct hh_signers *s,
    const unsigned char pub[HH_KEY_PUB], int64_t when);
/* An instant as allowed_signers writes it: 20261202043900Z. */
void hh_signers_time(char out[HH_TIME_MAX], int64_t t);

#endif /* HH_CORE_H */
