/* desk.h - the records tree at work, and what every command shares. */
#ifndef HH_DESK_H
#define HH_DESK_H

#include "store.h"

/*
 * desk.c - the configuration at HEAD, the actor, dossiers loaded,
 * committed and taken in, and runs of steps.
 */
/* The records tree opened with its configuration at HEAD. */
struct hh_desk {
	struct hh_store *store;
	struct hh_center *center;
	struct hh_calendar *cal;
	const struct hh_staff *actor;	/* NULL until hh_desk_actor */
	int64_t first;			/* hh_store_root, once known */
	int first_known;
	const char *correction;		/* --correction: the Correction:
					 * trailer of every commit */
	char **refs;			/* hh_store_refs, once known */
	size_t nrefs;
};
/* dir NULL: $HH_RECORDS, else ./records. */
int hh_desk_open(struct hh_desk **out, const char *dir);
/* Reload the configuration from the store's current snapshot. */
int hh_desk_reload(struct hh_desk *d);
/* Resolve the acting staff member (id NULL: $HH_ACTOR, else the staff
 * member whose login is the real uid's; naming another needs an admin's
 * login, root or actor_override) and check that their role allows the
 * first or another of actions (NULL-ended; hh_step_check then rules on
 * each step).  HH_EREFUSED "actor X: role R may not A (R may: ...)". */
int hh_desk_actor(struct hh_desk *d, const char *id,
    const char *const *actions);
/* The staff id named: id (--actor), else $HH_ACTOR, else NULL. */
const char *hh_desk_actor_id(const char *id);
/* The codes of the catalogue at HEAD (procedures/CODE.json), sorted,
 * NULL-ended; free with hh_mem_strv_free. */
int hh_desk_procedures(char ***out, size_t *n_out, struct hh_desk *d);
/* The fields of the catalogue at HEAD, folded (hh_text_fold), sorted,
 * each once, NULL-ended; every procedure is read. */
int hh_desk_fields(char ***out, size_t *n_out, struct hh_desk *d);
/* The procedure code at HEAD; HH_ENOTFOUND if there is none. */
int hh_desk_procedure(struct hh_procedure **out, struct hh_desk *d,
    const char *code);
void hh_desk_free(struct hh_desk *d);
/* The records tree to use: dir, else $HH_RECORDS, else "./records". */
const char *hh_desk_dir(const char *dir);
/* Where the shipped template lives (records/ and procedures/). */
const char *hh_desk_share(void);
/* Calendar and office hours at HEAD of the records tree dir; when dir is
 * NULL and no records tree is found there, the shipped template's. */
int hh_desk_calendar(struct hh_calendar **out, const char *dir);

/* Whether the desk's actor may record a step (an intake too) at time at
 * now: hh_step_when with the clock (hh_priv_now), the tree's first commit
 * and the configuration at HEAD; errors read "--at T: why".  hh_desk_new
 * and hh_desk_steps ask it of every dossier and step. */
int hh_desk_when(struct hh_desk *d, int64_t at);
/* hh_dossier_new with the procedure from the catalogue at HEAD and the
 * desk's calendar and actor, at a time hh_desk_when allows. */
int hh_desk_new(struct cJSON **out, struct hh_desk *d,
    const struct hh_intake *in);
/* The dossier code at the snapshot; HH_ENOTFOUND if there is none. */
int hh_desk_load(struct cJSON **out, struct hh_desk *d, const char *code);
/* The code of the dossier the user names (hh(7) Dossier codes): a code
 * AGENCY-YYMMDD-NNNN, or the end of one from its day on (YYMMDD-NNNN,
 * H26-YYMMDD-NNNN), or today's sequence NNNN (today by hh_priv_now),
 * looked for in its month's folder of the snapshot alone; a code that is
 * the whole name of one wins.  HH_EINVALID "not a dossier code (...)" or
 * "ambiguous: CODE, CODE"; HH_ENOTFOUND "no such dossier (nearest:
 * CODE)".  *out malloc'd. */
int hh_desk_code(char **out, struct hh_desk *d, const char *name);
/* The next free code of the day of at, in the snapshot. */
int hh_desk_next_code(char **out, struct hh_desk *d, int64_t at);
/* Give the new dossier the day's next code and commit it (lock held or
 * not); retries when another writer took the code. */
int hh_desk_intake(struct hh_desk *d, struct cJSON *dossier);
/* Commit a changed dossier (its last event names action and time); the
 * caller holds the lock and loaded the dossier under it. */
int hh_desk_commit(struct hh_desk *d, struct cJSON *dossier);
/* Take steps[i] on dossier codes[i] as d's actor: every step is checked
 * (hh_desk_when, then on its dossier),
 * on its dossier as the earlier steps leave it, before any is written;
 * then one commit each, under the lock, on the dossier loaded at that
 * moment (redone on HH_ECONFLICT); several steps are one group commit
 * (hh_store_defer), published together or not at all.  dry: check only.
 * done (may be NULL) is then called for each step with the dossier as it
 * now is; a negative return stops.  On failure *failed_out is the
 * failing step. */
int hh_desk_steps(struct hh_desk *d, const char *const *codes,
    const struct hh_step *steps, size_t n, int dry, size_t *failed_out,
    int (*done)(void *arg, size_t i, struct cJSON *dossier), void *arg);


/*
 * publish.c - published reports (hh-report --publish, hh(7) Published
 * reports): the annotated tag refs/tags/report/PERIOD on the report's
 * source commit, its message "report/PERIOD: Biểu 06 from SOURCE", a blank
 * line and the report's JSON (by field), signed with the tree's key as
 * git signs tags (gpg.format=ssh); the tagger is the centre (its name and
 * agency code).  PERIOD is YYYY-MM, YYYY-Qn or YYYY.
 */
#define HH_PUBNAME_MAX 32
/* "report/2016-09" for the days from..to of a month, quarter or year; -1
 * for any other period. */
int hh_publish_name(char out[HH_PUBNAME_MAX], int from, int to);
struct hh_published {
	char name[HH_PUBNAME_MAX];	/* "report/2016-09" */
	struct hh_tag tag;
	int from, to;			/* the period's days */
	struct cJSON *report;		/* the figures (NULL if bad) */
	char *bad;			/* why it is no good publication: not
					 * signed by a key allowed_signers
					 * allows at the tagger's date, not an
					 * annotated tag on its report's
					 * source in the history; or NULL */
};
/* refs/tags/NAME, judged; HH_ENOTFOUND if there is none. */
int hh_publish_read(struct hh_published **out, struct hh_store *s,
    const char *name);
void hh_published_free(struct hh_published *p);
/* Every refs/tags/report/... by name. */
int hh_publish_list(struct hh_published ***out, size_t *n_out,
    struct hh_store *s);
void hh_publish_list_free(struct hh_published **v, size_t n);
/* The rule hh_desk_when asks: an event at in a period published by a
 * good tag needs an admin's --correction; HH_EREFUSED "in report/2016-09,
 * published (source 1a2b3c4d5e): an admin's correction (--correction
 * TEXT)". */
int hh_publish_check(struct hh_desk *d, int64_t at);
/* Tag report r (a month, quarter or year over by now, by field, counted
 * from the snapshot under the writers' lock) on its source:
 * HH_EREFUSED if the period is not over, HH_EEXISTS naming the tag and
 * its source if it is published (never replaced). */
int hh_publish(char id_out[HH_OID_MAX], struct hh_desk *d,
    const struct hh_report *r, int64_t now);
/* DIR/.git/hh/published: the tags published, "NAME ID" lines (text
 * malloc'd, "" if there is none); the id remembered for name, or NULL;
 * name remembered as id unless it is already (the tree's owner alone). */
int hh_publish_remembered(char **out, struct hh_store *s);
const char *hh_publish_remembered_id(const char *text, const char *name,
    char id[HH_OID_MAX]);
int hh_publish_remember(struct hh_store *s, const char *name,
    const char *id);
/* The report of from..to by field counted today (the summary cache). */
int hh_publish_recount(struct hh_report **out, struct hh_desk *d, int from,
    int to, int64_t now);
/* 1 if r's rows or total differ from p's published figures. */
int hh_publish_differs(const struct hh_published *p,
    const struct hh_report *r);
/* The commits after p's source (first-parent history of the snapshot)
 * that changed what a dossier adds to p's report, oldest first. */
int hh_publish_changes(struct hh_pubchange **out, size_t *n_out,
    struct hh_desk *d, const struct hh_published *p);
void hh_pubchanges_free(struct hh_pubchange *v, size_t n);

/*
 * scan.c - the dossiers of the store's snapshot, read fast: each from its
 * file on disk when that hashes to the snapshot's blob (a regular file,
 * not a link, of at most HH_DOSSIER_MAX bytes), else from git, parsed in
 * an arena.  A file edited, removed or replaced without a commit changes
 * nothing, and one the snapshot lacks is not read.  No lock is needed.
 */
/* Call fn on every dossier of the snapshot in the folders of the months
 * from..to (days; INT_MIN, INT_MAX: all), in path order; the dossier is
 * valid until fn returns.  HH_EINVALID, prefixed with the path, for a
 * dossier that is no JSON object or larger than HH_DOSSIER_MAX; fn's
 * negative result stops the scan and is returned. */
int hh_scan_dossiers(struct hh_store *s, int from, int to,
    int (*fn)(void *arg, const struct cJSON *dossier), void *arg);
/* hh_scan_dossiers, fn given the path too ("dossiers/YYYY/MM/NAME.json"). */
int hh_scan_paths(struct hh_store *s, int from, int to,
    int (*fn)(void *arg, const char *path, const struct cJSON *dossier),
    void *arg);
/* The dossiers at paths[0..n) read from the snapshot's blobs (never the
 * files), in that order, as a scan reads them; fn gets dossier NULL for a
 * path the snapshot lacks.  Errors as hh_scan_dossiers'. */
int hh_scan_blobs(struct hh_store *s, const char *const *paths, size_t n,
    int (*fn)(void *arg, const char *path, const struct cJSON *dossier),
    void *arg);
/* year * 12 + month of the folder of a path a scan reads
 * ("dossiers/YYYY/MM/NAME.json", no dot file), or -1 if it reads none. */
int hh_scan_month(const char *path);

/* cache.c - the summary cache of the on-time report,
 * DIR/.git/hh/cache/report: every dossier as its struct hh_life_sum. */
/* hh_report_add for every dossier of the store's snapshot up to r's
 * period, from the cache: derived and disposable, brought up to the
 * snapshot from the dossiers the commits since changed, made again by a
 * scan when missing, damaged, not on the history or not trusted
 * (hh_store_private_read); saved only by the tree's owner
 * (hh_store_private_write), else counted in memory.  No lock is needed:
 * what it reads is the snapshot's.  The counts are those of
 * hh_scan_dossiers with hh_report_add. */
int hh_cache_report(struct hh_report *r, struct hh_store *s);

/* xlsx.c - the on-time reports r[0..n) as a spreadsheet written to file
 * (hh_file_write): one sheet a report (a grouping), its figures number
 * cells, the headings frozen. */
int hh_xlsx_report(const char *file, struct hh_report *const *r, size_t n);

/*
 * notify.c - telling the applicant (hh-notify(1)): the notices of every
 * dossier change since the mark DIR/.git/hh/notify, oldest first, one run
 * at a time (DIR/.git/hh/notify.lock, waiting $HH_LOCK_WAIT seconds).
 */
/* Each notice: piped to the centre's sendmail if mail and the applicant
 * has an address, then given to emit, then the mark moves past it.  A
 * sendmail or emit failure stops the run ("CODE: /usr/sbin/sendmail:
 * exited with status 75"), that notice undelivered; a dossier that makes
 * no notice goes to warn.  HH_EREFUSED if the mark is not in HEAD's
 * history.  No mark: from the first commit.  *n_out: notices delivered. */
int hh_notify_run(struct hh_desk *d, int mail, size_t *n_out,
    int (*emit)(void *arg, const struct hh_notice *n),
    void (*warn)(void *arg, const char *msg), void *arg);
/* Mark HEAD as delivered (a centre turning notices on late). */
int hh_notify_init(struct hh_desk *d);
/* Run prog -t -oi with msg on its input (its output to stderr): HH_ERROR
 * "PROG: exited with status N" unless it exits 0 having read it all. */
int hh_notify_sendmail(const char *prog, const char *msg);

/*
 * cli.c - what every command shares: the common options (hh(7)), the one
 * way a command says something went wrong, and how it ends.  The only
 * part of the library that prints or exits: it is the commands' own.
 * A command's getopt_long table starts with HH_CLI_LONGOPTS; its own long
 * options use values from HH_OPT_OWN up.
 */
enum {
	HH_OPT_ACTOR = 1000,
	HH_OPT_AT,
	HH_OPT_JSON,
	HH_OPT_BATCH,
	HH_OPT_VERSION,
	HH_OPT_CORRECTION,
	HH_OPT_OWN = 1100,
};
#define HH_CLI_SHORTOPTS "C:hn"
#define HH_CLI_LONGOPTS \
	{ "actor", required_argument, NULL, HH_OPT_ACTOR }, \
	{ "at", required_argument, NULL, HH_OPT_AT }, \
	{ "json", no_argument, NULL, HH_OPT_JSON }, \
	{ "batch", required_argument, NULL, HH_OPT_BATCH }, \
	{ "correction", required_argument, NULL, HH_OPT_CORRECTION }, \
	{ "dry-run", no_argument, NULL, 'n' }, \
	{ "help", no_argument, NULL, 'h' }, \
	{ "version", no_argument, NULL, HH_OPT_VERSION }
/* The common options a command takes (struct hh_cli accept); -h and
 * --version are taken by all. */
enum {
	HH_CLI_DIR = 1 << 0,	/* -C dir */
	HH_CLI_ACTOR = 1 << 1,	/* --actor id */
	HH_CLI_AT = 1 << 2,	/* --at time */
	HH_CLI_JSON = 1 << 3,	/* --json */
	HH_CLI_BATCH = 1 << 4,	/* --batch file */
	HH_CLI_DRY = 1 << 5,	/* -n, --dry-run */
	HH_CLI_CORRECTION = 1 << 6,	/* --correction text: the steps'
					 * trailer (hh_publish_check) */
};
/* Filled by field name: { .prog = "hh-log", .usage = usage, .accept =
 * HH_CLI_DIR | HH_CLI_JSON }. */
struct hh_cli {
	const char *prog;	/* "hh-intake" */
	const char *usage;	/* the man page's SYNOPSIS, "usage: ..." */
	unsigned accept;	/* HH_CLI_*: the common options it takes */
	const char *dir, *actor, *at, *batch, *correction;
	int json, dry;
};
/* The first call of every command: hh_priv_init, and the program name
 * for hh_cli_warn. */
void hh_cli_init(const struct hh_cli *cli);
/* 1 if c was a common option the command accepts (stored in cli), 0 if
 * not (the command's own, or a usage error); -h and --version print and
 * exit 0 (1 if stdout fails); -C longer than PATH_MAX says so and exits 1. */
int hh_cli_common(struct hh_cli *cli, int c, const char *arg);
/* Usage on stderr, exit 2. */
_Noreturn void hh_cli_usage(const struct hh_cli *cli);
/* A usage error that says what is wrong, on one line before the pointer
 * to the synopsis: "hh-route: --delay needs --reason (see hh-route -h)",
 * exit 2. */
_Noreturn void hh_cli_usage_error(const struct hh_cli *cli, const char *fmt,
    ...) __attribute__((format(printf, 2, 3)));
/* "prog: message" on stderr: the one way a command reports. */
void hh_cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* text on stdout as hh_text_visible shows it (every text output:
 * reports, lists, forms, hh-log, hh-check); -1 on a write error. */
int hh_cli_print(const char *text);
/* How a command ends: stdout flushed, and a write error ("prog: stdout:
 * No space left on device") turns status into HH_EXIT_FAIL. */
int hh_cli_exit(int status);
/* v printed on stdout by hh_json_print (line: on one line), and freed. */
void hh_cli_json(struct cJSON *v, int line);
/* hh_step_line with the line's time by hh_cli_time ("CODE: at: why");
 * st->documents is the caller's to free. */
int hh_cli_step_line(struct hh_step *st, const char **code,
    const struct cJSON *line, unsigned actions);
/* The codes of the dossiers names[0..n) name (hh_desk_code), NULL-ended
 * (hh_mem_strv_free); NULL, said as "NAME: why", if one names none. */
char **hh_cli_codes(struct hh_desk *d, char *const *names, size_t n);
/* The store's notices (hh_store_notify) as hh_cli_warn lines. */
void hh_cli_notices(struct hh_store *s);
/*
 * The printed forms of a run (--receipt, --print, --form) in --format text
 * or html: text one after the other; HTML one page (hh_form_page_begin
 * before the first form, hh_form_page_end after the last), each form a
 * section printed on sheets of its own.
 */
struct hh_cli_forms {
	enum hh_format format;	/* HH_FORMAT_TEXT or HH_FORMAT_HTML */
	int n;			/* forms printed so far */
};
/* --format's argument: "text" or "html" (HH_EINVALID, "\"pdf\" is not
 * text or html"). */
int hh_cli_forms_format(struct hh_cli_forms *p, const char *arg);
/* Print a form made in p->format on stdout, and free it. */
void hh_cli_forms_put(struct hh_cli_forms *p, char *form);
/* The end of the run: an HTML page that was begun is ended. */
void hh_cli_forms_end(struct hh_cli_forms *p);
/* --at: parsed, not in the future; NULL means now. */
int hh_cli_time(int64_t *out, const char *s);
/* A batch: JSON Lines from file ("-": stdin), every line an object.
 * Errors read "file:LINE: why". */
struct hh_batch {
	struct cJSON **v;
	size_t *line;		/* the file's line number of each */
	size_t n;
};
int hh_cli_batch_read(struct hh_batch **out, const char *file);
void hh_cli_batch_free(struct hh_batch *b);

#endif /* HH_DESK_H */
