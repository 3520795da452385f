/* hh.h - the shared library behind the hh-* commands */
#ifndef HH_H
#define HH_H

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
 * hh_error_last().  The library never prints and never exits.
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

/* error.c */
const char *hh_error_last(void);	/* never NULL; borrowed */
int hh_error_set(int code, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));	/* returns code */
/* Prefix the current message with "prefix: " (for file:line context). */
int hh_error_prefix(int code, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* util.c */
void *hh_xmalloc(size_t n);		/* aborts on out-of-memory */
void *hh_xrealloc(void *p, size_t n);
char *hh_xstrdup(const char *s);
char *hh_xasprintf(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
/* 1 if s is valid UTF-8 without control characters (tab allowed if tab). */
int hh_utf8_valid(const char *s, size_t len, int allow_newline);
/* Display width of UTF-8 text in terminal columns (Vietnamese: 1 a char). */
size_t hh_utf8_width(const char *s);
/* Untrusted text (an argument, a code, a file name) for an error message:
 * control characters and bytes that are not UTF-8 as \xHH, a backslash
 * as \\, and more than 64 columns cut to 48 and "…(N bytes)".  Borrowed
 * from a ring of 4 static buffers (valid for the next 3 calls); NULL gives
 * "(null)". */
const char *hh_quote(const char *s);
/* Lower-case ASCII fold of Vietnamese text without diacritics, malloc'd. */
char *hh_fold(const char *s);
/* 1 if id matches [A-Za-z0-9][A-Za-z0-9._-]* and is at most 64 bytes. */
int hh_id_valid(const char *id);
/* 1 if s is an agency identifier: digits, capitals and dots (QCVN 102). */
int hh_agency_valid(const char *s);
/* The most hh reads of a file the caller names (a batch, a catalogue, a
 * configuration file): 16 MiB. */
#define HH_FILE_MAX (16 << 20)
/* Read a whole file of at most HH_FILE_MAX bytes (a FIFO is read, never
 * waited on at open); HH_ENOTFOUND if missing. *out is NUL-terminated. */
int hh_file_read(char **out, size_t *len_out, const char *path);
/* Write path atomically: a temporary file made with O_EXCL in the same
 * folder, mode 0666 less the umask, fsync, rename. */
int hh_file_write(const char *path, const char *data, size_t len, int dosync);

/*
 * store.c - the records tree in git; the only code that touches libgit2.
 * A store holds a snapshot: the commit HEAD named when it was opened,
 * locked or last committed to.  Reads come from the snapshot.
 */
struct hh_store;
struct hh_file {
	const char *path;	/* relative to the records tree */
	const char *data;	/* NULL: remove the file */
	size_t len;
};
struct hh_author {
	const char *name, *email;
	int64_t when;		/* author date: the event time */
};
/* Open the records tree dir (dir/.git, no upward search). */
int hh_store_open(struct hh_store **out, const char *dir);
/* Create dir/.git (bare, group-shared, not world-readable); dir exists. */
int hh_store_create(struct hh_store **out, const char *dir,
    const char *group);
int hh_store_refresh(struct hh_store *s);	/* snapshot := HEAD */
/* Take the writers' lock (nestable), refresh, and bring the files on disk
 * up to HEAD.  Released by hh_store_unlock or by the process's death.
 * Waits $HH_LOCK_WAIT (30) seconds at most, saying so after 2. */
int hh_store_lock(struct hh_store *s);
void hh_store_unlock(struct hh_store *s);
/* For readers: snapshot := HEAD, and the files on disk brought up to it
 * when the lock is free and the tree writable (else left as they are:
 * readers check them against the snapshot).  Never waits. */
int hh_store_sync(struct hh_store *s);
/* Hex id of the snapshot commit ("" before the first commit). */
const char *hh_store_head(const struct hh_store *s);
const char *hh_store_dir(const struct hh_store *s);
/* Content of path in the snapshot; HH_ENOTFOUND if absent. */
int hh_store_read(char **out, size_t *len_out, struct hh_store *s,
    const char *path);
/* Sorted names in folder path of the snapshot (NULL-terminated; empty if
 * the folder is absent); free with hh_strv_free. */
int hh_store_list(char ***names_out, size_t *n_out, struct hh_store *s,
    const char *path);
void hh_strv_free(char **v);
/* One commit on the snapshot with files changed, author a (committer: the
 * same person, now); the branch moves by compare-and-swap.  HH_ECONFLICT
 * if it moved meanwhile (refresh and redo), HH_EEXISTS if nothing
 * changed.  Then the files are written to disk. */
int hh_store_commit(struct hh_store *s, const struct hh_file *files,
    size_t n, const struct hh_author *a, const char *msg);
/* Group commit, the lock held: until hh_store_flush, each hh_store_commit
 * makes its commit on the snapshot (the next one builds on it) but neither
 * syncs, nor moves the branch, nor writes the files.  hh_store_flush syncs
 * the objects once (syncfs), moves the branch by compare-and-swap from
 * where it was at hh_store_defer to the last commit (HH_ECONFLICT and
 * nothing published if it moved), then writes the files and syncs them
 * once.  Nestable; a process that dies before the flush published
 * nothing. */
int hh_store_defer(struct hh_store *s);
int hh_store_flush(struct hh_store *s);
void hh_store_free(struct hh_store *s);

/*
 * store.c: history - the first-parent history of the snapshot, read only.
 * Ids are 40 hex digits; "" stands for "absent".
 */
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
struct hh_walk;
/* Walk the snapshot's first-parent history oldest first, starting after
 * commit since (NULL: from the root commit); HH_ENOTFOUND if since is not
 * on that history.  Each commit comes with its changed files. */
int hh_walk_open(struct hh_walk **out, struct hh_store *s, const char *since);
size_t hh_walk_count(const struct hh_walk *w);
/* 1 and *out (borrowed until the next call) while commits remain, 0 at the
 * end.  A commit whose trees are unreadable comes with error set. */
int hh_walk_next(const struct hh_commit **out, struct hh_walk *w);
void hh_walk_free(struct hh_walk *w);
/* The commits of the snapshot's first-parent history in which the blob at
 * path differs from the first parent's, newest first, each with one change
 * (path).  Found by comparing blob ids, not by reading messages. */
int hh_store_log(struct hh_commit **out, size_t *n_out, struct hh_store *s,
    const char *path);
void hh_commits_free(struct hh_commit *v, size_t n);
/* The content of a blob (read and hash-verified). */
int hh_store_blob(char **out, size_t *len_out, struct hh_store *s,
    const char *id);
/* The content of path in commit rev; HH_ENOTFOUND if absent. */
int hh_store_read_at(char **out, size_t *len_out, struct hh_store *s,
    const char *rev, const char *path);
/* Resolve rev (an id, a short id, a ref) to a commit id; HH_ENOTFOUND. */
int hh_store_resolve(char out[HH_OID_MAX], struct hh_store *s,
    const char *rev);
/* 1 if commit id is the snapshot or one of its ancestors, else 0. */
int hh_store_contains(struct hh_store *s, const char *id);
/* Files under the records tree that disagree with the snapshot: hashed as
 * git blobs and compared with the snapshot's ids, plus files on disk the
 * snapshot does not have.  Sorted by path. */
enum hh_disk {
	HH_DISK_MISSING,	/* in the snapshot, not on disk */
	HH_DISK_DIFFERS,	/* content (or type) differs */
	HH_DISK_EXTRA,		/* on disk, not in the snapshot */
};
struct hh_diskdiff {
	char *path;
	enum hh_disk what;
};
int hh_store_disk_diff(struct hh_diskdiff **out, size_t *n_out,
    struct hh_store *s);
void hh_diskdiff_free(struct hh_diskdiff *v, size_t n);
/* The uid owning the records tree (its DIR/.git): the records account in
 * a privileged install (hh(7)), else the login that made it. */
long hh_store_owner(const struct hh_store *s);
/*
 * hh's own files under DIR/.git/hh (name: "cache/report", "worktree"),
 * never through a symbolic link.  hh_store_private_read refuses (HH_EINVALID,
 * naming why) a file that is not regular, is larger than max bytes, or is
 * not owned by the tree's owner or writable by anyone else (it could have
 * been forged); HH_ENOTFOUND if absent.  hh_store_private_write replaces
 * it atomically (a temporary file made with O_EXCL, renamed; mode 0640),
 * making its folder; HH_EREFUSED, nothing written, unless the process is
 * the tree's owner (another login's file would not be trusted).
 */
int hh_store_private_read(char **out, size_t *len_out, struct hh_store *s,
    const char *name, size_t max);
int hh_store_private_write(struct hh_store *s, const char *name,
    const char *data, size_t len);
/* The entries of folder path in the snapshot with their blob ids, sorted
 * by name (empty if the folder is absent); for checking files on disk
 * against the records. */
struct hh_entry {
	char *name;
	char id[HH_OID_MAX];
	int is_tree;
};
int hh_store_entries(struct hh_entry **out, size_t *n_out,
    struct hh_store *s, const char *path);
void hh_entries_free(struct hh_entry *v, size_t n);
/* The git blob id of data (what the snapshot names it if it is there). */
void hh_store_hash(char out[HH_OID_MAX], const char *data, size_t len);
/* The commit the files on disk were exported from (DIR/.git/hh/worktree);
 * "" when there is no such marker (a clone). */
void hh_store_exported(char out[HH_OID_MAX], struct hh_store *s);
/* hh_store_disk_diff against the commit the branch names (*commit_out,
 * "" if none) while no hh writer exports, with hh_store_exported's
 * *marker_out of that moment: while desks work it may be later than the
 * snapshot.  Compared holding the writers' lock shared (writers wait,
 * nothing is written); where it cannot be held (no lock file, no access
 * to it), the branch and the marker are read before and after, and the
 * comparison is redone until they stay the same: HH_ECONFLICT if they
 * keep changing. */
int hh_store_disk_compare(struct hh_diskdiff **out, size_t *n_out,
    char commit_out[HH_OID_MAX], char marker_out[HH_OID_MAX],
    struct hh_store *s);
/* hh_store_resolve, with HEAD, @ and the branch ("main",
 * "refs/heads/main"), alone or before ~ or ^, naming the snapshot even
 * after the branch moved: "HEAD~3" is the third commit before it. */
int hh_store_resolve_snapshot(char out[HH_OID_MAX], struct hh_store *s,
    const char *rev);
/*
 * What git would act on beyond the records, for hh-check; nothing is read
 * through a symbolic link.  hh_store_config_keys: the keys of
 * DIR/.git/config, that file alone, in file order, named as libgit2 names
 * them (section and key in lower case: "diff.x.textconv"; value NULL for
 * a key without "="); an include (include.path, includeif.*.path) is
 * listed, never followed.  Empty if there is no such file; HH_EINVALID
 * naming why ("a symbolic link", "not a regular file", "larger than ...",
 * "not valid: ...") for a file git would read otherwise than hh does.
 */
struct hh_gitkey {
	char *name, *value;
};
int hh_store_config_keys(struct hh_gitkey **out, size_t *n_out,
    struct hh_store *s);
void hh_gitkeys_free(struct hh_gitkey *v, size_t n);
/* Folder DIR/.git/name ("hooks", "info"): *type_out 'd' and its entries,
 * sorted by name, if it is a folder; else 0 if absent, 'l' a symbolic
 * link, 'f' a file, '?' anything else, and no entry. */
struct hh_gitfile {
	char *name;
	int type;		/* 'f' regular file, 'd', 'l', '?' */
	long long size;
};
int hh_store_git_folder(struct hh_gitfile **out, size_t *n_out,
    int *type_out, struct hh_store *s, const char *name);
void hh_gitfiles_free(struct hh_gitfile *v, size_t n);
/* The paths of the snapshot whose last component is one of names
 * (NULL-ended), sorted (NULL-terminated; free with hh_strv_free). */
int hh_store_find(char ***paths_out, size_t *n_out, struct hh_store *s,
    const char *const *names);
/* The names of every reference of the repository ("refs/heads/main"),
 * sorted (NULL-terminated; free with hh_strv_free). */
int hh_store_refs(char ***names_out, size_t *n_out, struct hh_store *s);

/*
 * priv.c - who runs hh.  A privileged install (hh(7)) makes the tools
 * set-user-ID to the records account: the kernel's real uid says who acts,
 * and nothing the caller controls (environment, umask, test hooks) is
 * trusted.  hh_priv_init() is the first call of every command.
 */
/* When privileged: keep only HH_RECORDS, HH_ACTOR, LANG, LC_*, TERM and a
 * fixed PATH in the environment, umask 027, and 0-2 open; otherwise umask
 * 007.  Returns 1 if privileged. */
int hh_priv_init(void);
int hh_privileged(void);	/* real and effective ids differed */
/* The caller's uid: the real uid the process was started with. */
long hh_caller(void);
/* getenv(), but a test hook (HH_NOW, HH_FSYNC, HH_SHARE, HH_LOCK_WAIT) is
 * NULL when privileged. */
const char *hh_env(const char *name);
/* The login name of the real uid, from the passwd database (never from
 * $LOGNAME or $USER); HH_EREFUSED if the uid has none. */
int hh_login(const char **out);
/* Act with the caller's own rights and umask (1), or again with the
 * records account's (0): around every file the caller names (--batch,
 * -o, --from, --import-procedures), never the tree.  Nothing when not
 * privileged. */
void hh_as_caller(int on);

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
int hh_date_parse(int *out, const char *s);
/* 2016-09-30T08:15:00+07:00 */
void hh_time_format(char buf[HH_TIME_MAX], int64_t t);
void hh_date_format(char buf[HH_TIME_MAX], int day);
int hh_time_day(int64_t t);		/* local day of an instant */
int hh_time_minute(int64_t t);		/* minutes since local midnight */
int64_t hh_time_make(int day, int minute);	/* local day + minutes */
int hh_day_from_civil(int y, int m, int d);
void hh_day_civil(int day, int *y, int *m, int *d);
int hh_day_weekday(int day);		/* 0 Sunday .. 6 Saturday */
int64_t hh_time_now(void);		/* $HH_NOW (RFC 3339) if set, else the clock */

/* lunar.c - the Vietnamese lunar calendar (UTC+07:00). */
struct hh_lunar {
	int day, month, year;	/* lunar day 1..30, month 1..12, year */
	int leap;		/* 1 if the month is a leap (nhuận) month */
};
void hh_lunar_from_day(struct hh_lunar *out, int day);
/* The local day of lunar D/M (not leap) of lunar year Y. */
int hh_lunar_to_day(int ld, int lm, int ly);

/*
 * calendar.c - working days and office hours.  The calendar file lists
 * exceptions (hh-calendar(5)); a year the file covers (it has at least one
 * "off" line in it) is taken from the file alone, any other year from the
 * statutory holidays of the Labor Code, marked provisional.
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
void hh_calendar_set_hours(struct hh_calendar *cal, const struct hh_hours *h);
const struct hh_hours *hh_calendar_hours(const struct hh_calendar *cal);
/* 1 if day is a working day, 0 if off; *provisional (may be NULL) is set
 * to 1 when the answer comes from the statutory fallback. */
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
int hh_hours_check(const struct hh_hours *h);
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
int hh_limit_make(struct hh_limit *out, const char *unit, double value);
const char *hh_unit_name(enum hh_unit unit);
/* When the clock starts for something received at t (cut-off, days off,
 * between sessions). */
int64_t hh_clock_start(const struct hh_calendar *cal, int64_t t,
    int *provisional);
/* Due instant of a limit counted from receipt at t. */
int hh_due(int64_t *due_out, int64_t *start_out, int *provisional,
    const struct hh_calendar *cal, int64_t t, const struct hh_limit *lim);
/* Supplement rule "pause": due moved by the working time between
 * stopped and resumed. */
int64_t hh_due_pause(const struct hh_calendar *cal, int64_t due,
    int64_t stopped, int64_t resumed, int *provisional);
/* 1 if an apology asked at t for a dossier due at due is in time (no
 * later than one working day before the due day), else 0. */
int hh_delay_allowed(const struct hh_calendar *cal, int64_t t, int64_t due);
enum hh_class {
	HH_EARLY,
	HH_ON_TIME,
	HH_LATE,
};
enum hh_class hh_classify(int64_t done, int64_t due);
const char *hh_class_name(enum hh_class c);	/* early on_time late */

/* csvimport.c */
struct cJSON;
/* Parse a procedure catalogue in CSV (hh-procedures(5)) into a cJSON array
 * of procedure objects in file order and canonical key order.  Errors read
 * "name:LINE: message" and name the column. */
int hh_csv_procedures(struct cJSON **out, const char *text, size_t len,
    const char *name);

/*
 * config.c - the centre's settings (hh-center(5)), its procedures
 * (hh-procedures(5)) and the calendar, as committed at HEAD.
 */
struct cJSON;
struct hh_dept {
	char *id, *name;
};
struct hh_staff {
	char *id, *name, *email, *role, *department;
	char *login;		/* the login that acts as them (default: id) */
};
struct hh_center {
	char *agency_code, *name;
	struct hh_hours hours;
	int pause;		/* supplement rule: 0 restart, 1 pause */
	int actor_override;	/* --actor may name anyone */
	struct hh_dept *depts;
	size_t ndepts;
	struct hh_staff *staff;
	size_t nstaff;
};
struct hh_procedure {
	char *code, *name, *field, *department;
	struct hh_limit limit;
	struct cJSON *json;	/* the whole file */
};
/* Parse and validate center.json; errors read "center.json: key: why". */
int hh_center_parse(struct hh_center **out, const char *text, size_t len);
const struct hh_staff *hh_center_staff(const struct hh_center *c,
    const char *id);
/* The staff member whose login is login, or NULL. */
const struct hh_staff *hh_center_login(const struct hh_center *c,
    const char *login);
const struct hh_dept *hh_center_dept(const struct hh_center *c,
    const char *id);
void hh_center_free(struct hh_center *c);
/* Parse and validate a procedure; code (if not NULL) must match, and its
 * department must be one of c's (if c is not NULL). */
int hh_procedure_parse(struct hh_procedure **out, const char *text,
    size_t len, const char *code, const struct hh_center *c);
void hh_procedure_free(struct hh_procedure *p);
/* 1 if role may do action ("intake", "route", ..., "configure"). */
int hh_role_allows(const char *role, const char *action);

/* The records tree opened with its configuration at HEAD. */
struct hh_desk {
	struct hh_store *store;
	struct hh_center *center;
	struct hh_calendar *cal;
	const struct hh_staff *actor;	/* NULL until hh_desk_actor */
};
/* dir NULL: $HH_RECORDS, else ./records. */
int hh_desk_open(struct hh_desk **out, const char *dir);
/* Reload the configuration from the store's current snapshot. */
int hh_desk_reload(struct hh_desk *d);
/* Resolve the acting staff member (id NULL: $HH_ACTOR, else the staff
 * member whose login is the real uid's) and check that their role allows
 * action; naming another needs an admin's login, root or actor_override. */
int hh_desk_actor(struct hh_desk *d, const char *id, const char *action);
/* The procedure code at HEAD; HH_ENOTFOUND if there is none. */
int hh_desk_procedure(struct hh_procedure **out, struct hh_desk *d,
    const char *code);
void hh_desk_free(struct hh_desk *d);
/* The records tree to use: dir, else $HH_RECORDS, else "./records". */
const char *hh_records_dir(const char *dir);
/* Where the shipped template lives (records/ and procedures/). */
const char *hh_share_dir(void);
/* Calendar and office hours at HEAD of the records tree dir; when dir is
 * NULL and no records tree is found there, the shipped template's. */
int hh_calendar_load(struct hh_calendar **out, const char *dir);

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
/* Path of a dossier code; HH_EINVALID if code is not AGENCY-YYMMDD-NNNN. */
int hh_dossier_path(char **out, const char *code);
/* A new dossier for in (code not yet set), validated; the actor is d's. */
int hh_dossier_new(struct cJSON **out, struct hh_desk *d,
    const struct hh_intake *in);
/* The dossier as stored: fixed key order, tabs, trailing newline. */
char *hh_dossier_format(struct cJSON *dossier);
/* The dossier code at the snapshot; HH_ENOTFOUND if there is none. */
int hh_dossier_load(struct cJSON **out, struct hh_desk *d, const char *code);
/* The next free code of the day of at, in the snapshot. */
int hh_dossier_next_code(char **out, struct hh_desk *d, int64_t at);
/* Give the new dossier the day's next code and commit it (lock held or
 * not); retries when another writer took the code. */
int hh_dossier_intake(struct hh_desk *d, struct cJSON *dossier);
/* Commit a changed dossier (its last event names action and time); the
 * caller holds the lock and loaded the dossier under it. */
int hh_dossier_commit(struct hh_desk *d, struct cJSON *dossier);
/* Append an event {at, action, actor, details} (details may be NULL and is
 * taken over). */
void hh_dossier_event(struct cJSON *dossier, int64_t at, const char *action,
    const char *actor, struct cJSON *details);
/* Getters on a dossier (borrowed; "" when absent). */
const char *hh_dossier_str(const struct cJSON *dossier, const char *key);
/* Time of the last event (0 if none). */
int64_t hh_dossier_last_at(const struct cJSON *dossier);

/*
 * cli.c - what every command shares.  Options common to all (see hh(7)):
 * -C dir, --actor ID, --at TIME, --json, -n, --batch FILE, -h, --version.
 * A command's getopt_long table starts with HH_CLI_LONGOPTS; its own long
 * options use values from HH_OPT_OWN up.
 */
enum {
	HH_OPT_ACTOR = 1000,
	HH_OPT_AT,
	HH_OPT_JSON,
	HH_OPT_BATCH,
	HH_OPT_VERSION,
	HH_OPT_OWN = 1100,
};
#define HH_CLI_SHORTOPTS "C:hn"
#define HH_CLI_LONGOPTS \
	{ "actor", required_argument, NULL, HH_OPT_ACTOR }, \
	{ "at", required_argument, NULL, HH_OPT_AT }, \
	{ "json", no_argument, NULL, HH_OPT_JSON }, \
	{ "batch", required_argument, NULL, HH_OPT_BATCH }, \
	{ "dry-run", no_argument, NULL, 'n' }, \
	{ "help", no_argument, NULL, 'h' }, \
	{ "version", no_argument, NULL, HH_OPT_VERSION }
struct hh_cli {
	const char *prog;	/* "hh-intake" */
	const char *usage;	/* the man page's SYNOPSIS, "usage: ..." */
	const char *dir, *actor, *at, *batch;
	int json, dry;
};
/* 1 if c was a common option (stored in cli); -h and --version print and
 * exit 0. */
int hh_cli_common(struct hh_cli *cli, int c, const char *arg);
/* Usage on stderr, exit 2. */
_Noreturn void hh_cli_usage(const struct hh_cli *cli);
/* --at: parsed, not in the future; NULL means now. */
int hh_cli_time(int64_t *out, const char *s);
/* A batch: JSON Lines from file ("-": stdin), every line an object.
 * Errors read "file:LINE: why". */
struct hh_batch {
	struct cJSON **v;
	size_t *line;		/* the file's line number of each */
	size_t n;
};
int hh_batch_read(struct hh_batch **out, const char *file);
void hh_batch_free(struct hh_batch *b);
/* HH_EINVALID naming the first key of obj not in allowed (NULL-ended). */
int hh_json_keys(const struct cJSON *obj, const char *const *allowed);
/* A string member or NULL if absent; HH_EINVALID if not a string. */
int hh_json_str(const char **out, const struct cJSON *obj, const char *key);
/* A string or list of strings member (borrowed strings; free the array). */
int hh_json_strv(const char ***out, size_t *n_out, const struct cJSON *obj,
    const char *key);

/* forms.c - the printed forms of Circular 01/2018/TT-VPCP, UTF-8 text. */
/* "08 giờ 15 phút, ngày 30/09/2016" */
void hh_form_time(char buf[64], int64_t t);
/* Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả (malloc'd). */
char *hh_form_receipt(const struct hh_desk *d, const struct cJSON *dossier);
/* Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ, from the dossier's
 * supplement request; signed by d's actor (malloc'd). */
char *hh_form_supplement(const struct hh_desk *d,
    const struct cJSON *dossier);
/* Mẫu 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ, with the reason of the
 * last "done" event (malloc'd). */
char *hh_form_refusal(const struct hh_desk *d, const struct cJSON *dossier);
/* Mẫu 04: Phiếu xin lỗi và hẹn lại ngày trả kết quả, from the last "delay"
 * event and appointment_at (malloc'd). */
char *hh_form_apology(const struct hh_desk *d, const struct cJSON *dossier);
/* Mẫu 05: Phiếu kiểm soát quá trình giải quyết hồ sơ: one row a hand-over
 * (from the dossier's shares) with the handing unit's result, then each
 * department's times and class (malloc'd). */
char *hh_form_control(const struct hh_desk *d, const struct cJSON *dossier);

/*
 * workflow.c - the life of a dossier as pure functions on its JSON (no
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
	const char *outcome;		/* done: "granted" (NULL) or "refused" */
	int on_return;			/* done: recorded by hh-return at the
					 * counter (a desk role may) */
};
/* The event action, commit verb and Action: trailer ("route", ...). */
const char *hh_action_name(enum hh_action a);
int hh_action_parse(enum hh_action *out, const char *name);
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
/* Check, then change the dossier's fields and append the event; the
 * dossier is unchanged on failure. */
int hh_step_apply(struct cJSON *dossier, const struct hh_step *step,
    const struct hh_staff *actor, const struct hh_center *c,
    const struct hh_calendar *cal);
/* "route, supplement, ..." that role may do, or "nothing". */
void hh_role_actions(char buf[128], const char *role);
/* hh_desk_actor for the first of actions (NULL-ended) the actor's role
 * allows; hh_step_check then rules on each step.  The error is the one for
 * actions[0], with what the role may do. */
int hh_step_actor(struct hh_desk *d, const char *id,
    const char *const *actions);
/* Take steps[i] on dossier codes[i] as d's actor: every step is checked,
 * on its dossier as the earlier steps leave it, before any is written;
 * then one commit each, under the lock, on the dossier loaded at that
 * moment (redone on HH_ECONFLICT); several steps are one group commit
 * (hh_store_defer), published together or not at all.  dry: check only.
 * done (may be NULL) is then called for each step with the dossier as it
 * now is; a negative return stops.  On failure *failed_out is the
 * failing step. */
int hh_steps_run(struct hh_desk *d, const char *const *codes,
    const struct hh_step *steps, size_t n, int dry, size_t *failed_out,
    int (*done)(void *arg, size_t i, struct cJSON *dossier), void *arg);

/*
 * report.c - reports computed from the dossiers' events (hh-report(1)):
 * the on-time report of Biểu 06 as of the last second of a period, the
 * tracking book (Mẫu 06) and listings.  Formatters return malloc'd text.
 */
enum hh_format {
	HH_FORMAT_TEXT,
	HH_FORMAT_CSV,
	HH_FORMAT_JSON,
	HH_FORMAT_HTML,
};
/* "text", "csv", "json" or "html". */
int hh_format_parse(enum hh_format *out, const char *s);
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
int hh_report_workdays(const struct hh_calendar *cal, int day, int n);
enum hh_report_by {
	HH_BY_FIELD,
	HH_BY_DEPARTMENT,	/* the procedure's (cơ quan chủ trì) */
	HH_BY_PROCEDURE,
	HH_BY_OFFICER,		/* the last routed to by the end */
	HH_BY_CHANNEL,
};
int hh_report_by_parse(enum hh_report_by *out, const char *s);
const char *hh_report_by_name(enum hh_report_by by);
/* The columns of Biểu 06 and two more; every row satisfies
 * carried + online + direct = resolved + withdrawn + open. */
struct hh_counts {
	long received;		/* carried + online + direct (column 3) */
	long online, direct;	/* new in the period; direct counts postal */
	long carried;		/* received before, open at the start */
	long resolved, early, on_time, late;
	long open;		/* within + overdue + waiting */
	long within, overdue;	/* at the end, against the legal due */
	long waiting;		/* waiting for a supplement: clock stopped */
	long withdrawn;
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
/* Sort the rows and sum the total; HH_ERROR naming the row if a row
 * breaks the invariant (a bug). */
int hh_report_finish(struct hh_report *r);
/* (early + on_time) / resolved in hundredths of a per cent, rounded half
 * up (5776 for 57.76 %); -1 if nothing was resolved. */
int hh_report_rate(const struct hh_counts *n);
char *hh_report_format(const struct hh_report *r, enum hh_format f);
void hh_report_free(struct hh_report *r);
/* Call fn on every dossier of the store's snapshot in the folders of the
 * months from..to (days; INT_MIN, INT_MAX: all), in path order.  Each is
 * read from its file on disk when that hashes to the snapshot's blob (a
 * regular file, not a link, of at most HH_DOSSIER_MAX bytes), else from
 * git: a file edited, removed or replaced without a commit changes
 * nothing, and one the snapshot lacks is not read.  No lock is needed.
 * HH_EINVALID, prefixed with the path, for a dossier that is no JSON
 * object or larger than HH_DOSSIER_MAX; fn's negative result stops the
 * scan and is returned. */
int hh_report_scan(struct hh_store *s, int from, int to,
    int (*fn)(void *arg, const struct cJSON *dossier), void *arg);
/* hh_report_add for every dossier of the store's snapshot up to r's
 * period, from the summary cache DIR/.git/hh/cache/report: derived and
 * disposable, brought up to the snapshot from the dossiers the commits
 * since changed, made again by hh_report_scan when missing, damaged, not
 * on the history or not trusted (hh_store_private_read); saved only by
 * the tree's owner (hh_store_private_write), else counted in memory.  No
 * lock is needed: what it reads is the snapshot's.  The counts are those
 * of hh_report_scan with hh_report_add. */
int hh_report_scan_cached(struct hh_report *r, struct hh_store *s);
/* Listings: --list (the dossiers' state now, filtered), --overdue (open
 * now and past due or due by a day), --book (Mẫu 06 for a period). */
enum hh_listing_kind {
	HH_LIST,
	HH_OVERDUE,
	HH_BOOK,
};
struct hh_query {
	enum hh_listing_kind kind;
	int64_t at;		/* now */
	/* HH_LIST: NULL matches all; field and applicant are compared
	 * after hh_fold, applicant as a substring */
	const char *status, *holder, *procedure, *field, *applicant;
	int from, to;		/* received days (HH_LIST) or the period */
	int until;		/* HH_OVERDUE: also due by this day; INT_MIN:
				 * past due only */
	int with_applicant;	/* HH_OVERDUE: show names */
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
size_t hh_listing_count(const struct hh_listing *l);
char *hh_listing_format(const struct hh_listing *l, enum hh_format f);
void hh_listing_free(struct hh_listing *l);

/*
 * audit.c - checking the history (hh-check(1)) and reading it (hh-log(1)):
 * pure functions on commits from hh_walk_next and the contents of the
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
int hh_audit_new(struct hh_audit **out);
void hh_audit_free(struct hh_audit *a);
/* The configuration and recording time as of the commit the check starts
 * after (hh-check --since); texts may be NULL. */
int hh_audit_seed(struct hh_audit *a, const char *center, size_t clen,
    const char *calendar, size_t callen, int64_t recorded);
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
 * ..."); free with hh_strv_free. */
int hh_audit_diff(char ***out, size_t *n_out, const struct cJSON *old,
    const struct cJSON *new);
/* The value of trailer key ("Action") in a commit message's last
 * paragraph (malloc'd), or NULL. */
char *hh_audit_trailer(const char *message, const char *key);
/* Mask applicant.id_number: 001085012345 -> 0010******45. */
void hh_audit_mask(struct cJSON *dossier);

#endif /* HH_H */
