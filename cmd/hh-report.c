/* hh-report - on-time reports, the tracking book and lists of dossiers */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "hh.h"

static const char usage[] =
"usage: hh-report [-C dir] [--month YYYY-MM | --quarter YYYY-Qn | --year YYYY |\n"
"                 --from date --to date] [--period-15]\n"
"                 [--by field | department | procedure | officer | channel]\n"
"                 [--format text | csv | json | html | xlsx] [-o file]\n"
"                 [--wide] [--bom | --no-bom] [--no-cache] [--publish]\n"
"       hh-report [-C dir] --overdue [--due-within n] [--with-applicant]\n"
"                 [--format text | csv | json | html] [-o file]\n"
"                 [--bom | --no-bom]\n"
"       hh-report [-C dir] --list [--status status] [--holder dept]\n"
"                 [--procedure code] [--field field] [--applicant text]\n"
"                 [--phone number] [--id-number number] [--with-applicant]\n"
"                 [--received-from date] [--received-to date]\n"
"                 [--format text | csv | json | html] [-o file]\n"
"                 [--bom | --no-bom]\n"
"       hh-report [-C dir] --book [--month YYYY-MM | --quarter YYYY-Qn |\n"
"                 --year YYYY | --from date --to date] [--period-15]\n"
"                 [--format text | csv | json | html] [-o file]\n"
"                 [--bom | --no-bom]\n";

enum {
	OPT_MONTH = HH_OPT_OWN,
	OPT_QUARTER,
	OPT_YEAR,
	OPT_FROM,
	OPT_TO,
	OPT_PERIOD15,
	OPT_BY,
	OPT_FORMAT,
	OPT_OVERDUE,
	OPT_DUE_WITHIN,
	OPT_WITH_APPLICANT,
	OPT_LIST,
	OPT_STATUS,
	OPT_HOLDER,
	OPT_PROCEDURE,
	OPT_FIELD,
	OPT_APPLICANT,
	OPT_RECEIVED_FROM,
	OPT_RECEIVED_TO,
	OPT_BOOK,
	OPT_NO_CACHE,
	OPT_PUBLISH,
	OPT_PHONE,
	OPT_ID_NUMBER,
	OPT_WIDE,
	OPT_BOM,
	OPT_NO_BOM,
	OPT_LAST
};

static const struct option longopts[] = {
	HH_CLI_LONGOPTS,
	{ "month", required_argument, NULL, OPT_MONTH },
	{ "quarter", required_argument, NULL, OPT_QUARTER },
	{ "year", required_argument, NULL, OPT_YEAR },
	{ "from", required_argument, NULL, OPT_FROM },
	{ "to", required_argument, NULL, OPT_TO },
	{ "period-15", no_argument, NULL, OPT_PERIOD15 },
	{ "by", required_argument, NULL, OPT_BY },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "output", required_argument, NULL, 'o' },
	{ "overdue", no_argument, NULL, OPT_OVERDUE },
	{ "due-within", required_argument, NULL, OPT_DUE_WITHIN },
	{ "with-applicant", no_argument, NULL, OPT_WITH_APPLICANT },
	{ "list", no_argument, NULL, OPT_LIST },
	{ "status", required_argument, NULL, OPT_STATUS },
	{ "holder", required_argument, NULL, OPT_HOLDER },
	{ "procedure", required_argument, NULL, OPT_PROCEDURE },
	{ "field", required_argument, NULL, OPT_FIELD },
	{ "applicant", required_argument, NULL, OPT_APPLICANT },
	{ "received-from", required_argument, NULL, OPT_RECEIVED_FROM },
	{ "received-to", required_argument, NULL, OPT_RECEIVED_TO },
	{ "book", no_argument, NULL, OPT_BOOK },
	{ "no-cache", no_argument, NULL, OPT_NO_CACHE },
	{ "publish", no_argument, NULL, OPT_PUBLISH },
	{ "phone", required_argument, NULL, OPT_PHONE },
	{ "id-number", required_argument, NULL, OPT_ID_NUMBER },
	{ "wide", no_argument, NULL, OPT_WIDE },
	{ "bom", no_argument, NULL, OPT_BOM },
	{ "no-bom", no_argument, NULL, OPT_NO_BOM },
	{ NULL, 0, NULL, 0 },
};

#define BIT(o) (1UL << ((o) - HH_OPT_OWN))
#define PERIOD (BIT(OPT_MONTH) | BIT(OPT_QUARTER) | BIT(OPT_YEAR) | \
	BIT(OPT_FROM) | BIT(OPT_TO) | BIT(OPT_PERIOD15))
#define FILTERS (BIT(OPT_STATUS) | BIT(OPT_HOLDER) | BIT(OPT_PROCEDURE) | \
	BIT(OPT_FIELD) | BIT(OPT_APPLICANT) | BIT(OPT_RECEIVED_FROM) | \
	BIT(OPT_RECEIVED_TO) | BIT(OPT_PHONE) | BIT(OPT_ID_NUMBER) | \
	BIT(OPT_WITH_APPLICANT))
#define MODES (BIT(OPT_OVERDUE) | BIT(OPT_LIST) | BIT(OPT_BOOK))

/* The long name of the lowest option of the bits set (BIT()). */
static const char *
opt_name(unsigned long bits)
{
	const struct option *o;

	for (o = longopts; o->name != NULL; o++)
		if (o->val >= HH_OPT_OWN && o->val < OPT_LAST &&
		    (bits & BIT(o->val)) && !(bits & (BIT(o->val) - 1)))
			return o->name;
	return "?";
}

/* The options of a mode (0: the report). */
static unsigned long
allowed_in(unsigned long mode)
{
	unsigned long allowed = BIT(OPT_FORMAT) | BIT(OPT_BOM) |
	    BIT(OPT_NO_BOM) | mode;

	if (mode == 0)
		allowed |= PERIOD | BIT(OPT_BY) | BIT(OPT_NO_CACHE) |
		    BIT(OPT_PUBLISH) | BIT(OPT_WIDE);
	else if (mode == BIT(OPT_BOOK))
		allowed |= PERIOD;
	else if (mode == BIT(OPT_OVERDUE))
		allowed |= BIT(OPT_DUE_WITHIN) | BIT(OPT_WITH_APPLICANT);
	else
		allowed |= FILTERS;
	return allowed;
}

/* An option (bit) that mode does not take: "--status: only with --list",
 * "--by: not with --book". */
static _Noreturn void
usage_mode(const struct hh_cli *cli, unsigned long bit, unsigned long mode)
{
	static const unsigned long modes[] = { BIT(OPT_LIST),
	    BIT(OPT_OVERDUE), BIT(OPT_BOOK) };
	char with[64] = "";
	size_t i, n = 0;

	if (mode != 0)
		hh_cli_usage_error(cli, "--%s: not with --%s", opt_name(bit),
		    opt_name(mode));
	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		if (allowed_in(modes[i]) & bit)
			n += (size_t)snprintf(with + n, sizeof(with) - n,
			    "%s--%s", n ? " or " : "", opt_name(modes[i]));
	hh_cli_usage_error(cli, "--%s: only with %s", opt_name(bit), with);
}

static int
report_one(void *arg, const cJSON *dossier)
{
	return hh_report_add(arg, dossier);
}

static int
listing_one(void *arg, const cJSON *dossier)
{
	return hh_listing_add(arg, dossier);
}

/* A day option; an error names the option. */
static int
day_arg(int *out, const char *opt, const char *s)
{
	if (hh_time_parse_day(out, s) < 0) {
		hh_cli_warn("--%s: %s", opt, hh_error_last());
		return -1;
	}
	return 0;
}

/* The period named by the options, or the last complete month. */
static int
period(int *from, int *to, const char *const *arg, unsigned long seen,
    int64_t now)
{
	static const struct {
		int opt;
		enum hh_period kind;
		const char *name;
	} kinds[] = {
		{ OPT_MONTH, HH_PERIOD_MONTH, "month" },
		{ OPT_QUARTER, HH_PERIOD_QUARTER, "quarter" },
		{ OPT_YEAR, HH_PERIOD_YEAR, "year" },
	};
	int shift15 = (seen & BIT(OPT_PERIOD15)) != 0;
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		if (!(seen & BIT(kinds[i].opt)))
			continue;
		if (hh_period_parse(from, to, kinds[i].kind,
		    arg[kinds[i].opt - HH_OPT_OWN], shift15) < 0) {
			hh_cli_warn("--%s: %s",
			    kinds[i].name, hh_error_last());
			return -1;
		}
		return 0;
	}
	if (seen & BIT(OPT_FROM)) {
		if (day_arg(from, "from", arg[OPT_FROM - HH_OPT_OWN]) < 0 ||
		    day_arg(to, "to", arg[OPT_TO - HH_OPT_OWN]) < 0)
			return -1;
		if (*to < *from) {
			hh_cli_warn("--to: before --from");
			return -1;
		}
		return 0;
	}
	hh_period_last_month(from, to, hh_time_day(now), shift15);
	return 0;
}

static int
year_start(int day)
{
	int y, m, d;

	hh_time_civil(day, &y, &m, &d);
	return hh_time_from_civil(y, 1, 1);
}

/* Write text to file atomically (a temporary file, then rename), with
 * the caller's own rights, or to stdout; text, CSV and HTML as
 * hh_text_visible shows them (JSON escapes everything itself), after
 * UTF-8's byte-order mark if bom. */
static int
output(const char *file, const char *text, enum hh_format fmt, int bom)
{
	char *v = fmt == HH_FORMAT_JSON ? NULL :
	    hh_text_visible(text, strlen(text)), *all;
	int error;

	if (v != NULL)
		text = v;
	all = hh_xasprintf("%s%s", bom ? "\xef\xbb\xbf" : "", text);
	free(v);
	if (file == NULL) {
		fputs(all, stdout);
		free(all);
		return 0;
	}
	hh_priv_as_caller(1);
	error = hh_file_write(file, all, strlen(all), 1);
	hh_priv_as_caller(0);
	free(all);
	if (error < 0) {
		hh_cli_warn("%s", hh_error_last());
		return -1;
	}
	return 0;
}

/* The report by by of the period, counted from the summary cache or, if
 * scan, from the dossiers themselves. */
static int
report_by(struct hh_report **out, struct hh_desk *d, int from, int to,
    int64_t now, enum hh_report_by by, int scan)
{
	int error;

	if ((error = hh_report_new(out, from, to, now, by, d->center,
	    hh_store_head(d->store))) < 0)
		return error;
	/* dossiers received after the end are not in the report; the
	 * summary cache gives the same counts as the files */
	error = scan ? hh_scan_dossiers(d->store, INT_MIN, to, report_one,
	    *out) : hh_cache_report(*out, d->store);
	return error < 0 ? error : hh_report_finish(*out);
}

/* The spreadsheet: r's grouping alone, or every grouping, a sheet each,
 * with the caller's own rights. */
static int
spreadsheet(const char *file, struct hh_desk *d, struct hh_report *r,
    int every, int64_t now, int scan)
{
	struct hh_report *rs[HH_BY_CHANNEL + 1];
	size_t n = 0, i;
	int by, error = 0;

	for (by = HH_BY_FIELD; every && error == 0 && by <= HH_BY_CHANNEL;
	    by++) {
		rs[n] = NULL;
		if (by == (int)r->by)
			rs[n++] = r;
		else if ((error = report_by(&rs[n++], d, r->from, r->to, now,
		    (enum hh_report_by)by, scan)) < 0)
			break;
	}
	if (!every)
		rs[n++] = r;
	if (error == 0) {
		hh_priv_as_caller(1);
		error = hh_xlsx_report(file, rs, n);
		hh_priv_as_caller(0);
	}
	for (i = 0; i < n; i++)
		if (rs[i] != r)
			hh_report_free(rs[i]);
	if (error < 0)
		hh_cli_warn("%s", hh_error_last());
	return error;
}

/* A period published (refs/tags/report/PERIOD): its figures, and today's
 * if they differ; *text stays NULL if it is not published. */
static int
published(char **text, struct hh_desk *d, const struct hh_report *r,
    enum hh_format fmt, size_t width)
{
	struct hh_published *p = NULL;
	struct hh_report *pr = NULL;
	struct hh_pubchange *ch = NULL;
	struct hh_publication pub;
	char name[HH_PUBNAME_MAX];
	size_t n = 0;
	int error;

	*text = NULL;
	if (hh_publish_name(name, r->from, r->to) < 0)
		return 0;
	if ((error = hh_publish_read(&p, d->store, name)) == HH_ENOTFOUND)
		return 0;
	if (error < 0) {
		hh_cli_warn("%s", hh_error_last());
		return -1;
	}
	if (p->bad != NULL) {
		hh_cli_warn("%s: no good publication (%s): refused (hh-check "
		    "names it)", name, p->bad);
		hh_published_free(p);
		return -1;
	}
	memset(&pub, 0, sizeof(pub));
	pub.tag = p->name;
	pub.tag_id = p->tag.id;
	pub.at = p->tag.when;
	if ((error = hh_report_from_json(&pr, p->report, d->center)) < 0 ||
	    (hh_publish_differs(p, r) &&
	    (error = hh_publish_changes(&ch, &n, d, p)) < 0)) {
		hh_cli_warn("%s: %s", name, hh_error_last());
		hh_report_free(pr);
		hh_published_free(p);
		return -1;
	}
	if (hh_publish_differs(p, r)) {
		pub.revised = r;
		pub.changes = ch;
		pub.nchanges = n;
	}
	*text = hh_render_published_width(pr, &pub, fmt, width);
	hh_pubchanges_free(ch, n);
	hh_report_free(pr);
	hh_published_free(p);
	return 0;
}

int
main(int argc, char *argv[])
{
	struct hh_cli cli = { .prog = "hh-report", .usage = usage,
	    .accept = HH_CLI_DIR | HH_CLI_JSON };
	struct hh_desk *d = NULL;
	struct hh_report *r = NULL;
	struct hh_listing *l = NULL;
	struct hh_query q;
	enum hh_report_by by = HH_BY_FIELD;
	enum hh_format fmt = HH_FORMAT_TEXT;
	const char *arg[OPT_LAST - HH_OPT_OWN], *file = NULL, *env;
	unsigned long seen = 0, mode, allowed;
	char *text = NULL, *end, id[HH_OID_MAX], **codes = NULL;
	char **fields = NULL;
	int64_t now, t;
	size_t len, width;
	long n;
	int c, from = 0, to = 0, error, xlsx = 0, bom = 0;
	int status = HH_EXIT_FAIL;

	hh_cli_init(&cli);
	memset(arg, 0, sizeof(arg));
	memset(&q, 0, sizeof(q));
	while ((c = getopt_long(argc, argv, HH_CLI_SHORTOPTS "o:", longopts,
	    NULL)) != -1) {
		if (c == 'o') {
			file = optarg;
			continue;
		}
		if (c == 'n' || c == HH_OPT_ACTOR || c == HH_OPT_AT ||
		    c == HH_OPT_BATCH)
			hh_cli_usage(&cli);
		if (hh_cli_common(&cli, c, optarg))
			continue;
		if (c < HH_OPT_OWN || c >= OPT_LAST ||
		    ((seen & BIT(c)) && c != OPT_PERIOD15))
			hh_cli_usage(&cli);
		seen |= BIT(c);
		arg[c - HH_OPT_OWN] = optarg;
	}
	if (optind != argc)
		hh_cli_usage_error(&cli, "%s: no operand is taken",
		    hh_text_quote(argv[optind]));

	/* one mode, and only the options of that mode */
	mode = seen & MODES;
	if (mode & (mode - 1))
		hh_cli_usage_error(&cli, "--list, --book or --overdue, one at "
		    "a time");
	allowed = allowed_in(mode);
	if (seen & ~allowed)
		usage_mode(&cli, seen & ~allowed & (~(seen & ~allowed) + 1),
		    mode);
	if ((seen & BIT(OPT_BOM)) && (seen & BIT(OPT_NO_BOM)))
		hh_cli_usage_error(&cli, "--bom: not with --no-bom");
	/* at most one period, --from with --to, --period-15 with a named
	 * period */
	n = !!(seen & BIT(OPT_MONTH)) + !!(seen & BIT(OPT_QUARTER)) +
	    !!(seen & BIT(OPT_YEAR)) + !!(seen & BIT(OPT_FROM));
	if (n > 1)
		hh_cli_usage_error(&cli, "one period: --month, --quarter, "
		    "--year or --from and --to");
	if (!(seen & BIT(OPT_FROM)) != !(seen & BIT(OPT_TO)))
		hh_cli_usage_error(&cli, "%s", seen & BIT(OPT_FROM) ?
		    "--from needs --to" : "--to needs --from");
	if ((seen & BIT(OPT_PERIOD15)) && (seen & BIT(OPT_FROM)))
		hh_cli_usage_error(&cli, "--period-15: with --month, "
		    "--quarter or --year, not --from");
	/* what is published is the report by field */
	if ((seen & BIT(OPT_PUBLISH)) && (seen & BIT(OPT_BY))) {
		hh_cli_warn("--publish: not with --by (the report published "
		    "is by field)");
		hh_cli_usage(&cli);
	}

	if ((env = hh_priv_env("HH_NOW")) != NULL && *env != '\0' &&
	    hh_time_parse(&t, env) < 0) {
		hh_cli_warn("HH_NOW: %s", hh_error_last());
		goto out;
	}
	now = hh_priv_now();
	if (cli.json)
		fmt = HH_FORMAT_JSON;
	if ((seen & BIT(OPT_FORMAT)) &&
	    strcmp(arg[OPT_FORMAT - HH_OPT_OWN], "xlsx") == 0 && mode == 0)
		xlsx = 1;
	else if ((seen & BIT(OPT_FORMAT)) &&
	    hh_table_format_parse(&fmt, arg[OPT_FORMAT - HH_OPT_OWN]) < 0) {
		if (mode == 0)
			hh_cli_warn("--format: \"%s\" is not text, csv, json, "
			    "html or xlsx",
			    hh_text_quote(arg[OPT_FORMAT - HH_OPT_OWN]));
		else
			hh_cli_warn("--format: %s", hh_error_last());
		goto out;
	}
	if (xlsx && file == NULL) {
		hh_cli_warn("--format xlsx: needs -o file");
		goto out;
	}
	if ((seen & BIT(OPT_WIDE)) && (xlsx || fmt != HH_FORMAT_TEXT)) {
		hh_cli_warn("--wide: only with --format text");
		goto out;
	}
	if ((seen & (BIT(OPT_BOM) | BIT(OPT_NO_BOM))) &&
	    (xlsx || fmt != HH_FORMAT_CSV)) {
		hh_cli_warn("--%s: only with --format csv",
		    seen & BIT(OPT_BOM) ? "bom" : "no-bom");
		goto out;
	}
	/* a CSV file is for a spreadsheet, which reads UTF-8 only after the
	 * mark; standard output is for programs */
	len = file != NULL ? strlen(file) : 0;
	bom = fmt == HH_FORMAT_CSV && !xlsx && ((seen & BIT(OPT_BOM)) ||
	    (!(seen & BIT(OPT_NO_BOM)) && len >= 4 &&
	    strcasecmp(file + len - 4, ".csv") == 0));
	if ((seen & BIT(OPT_BY)) &&
	    hh_report_by_parse(&by, arg[OPT_BY - HH_OPT_OWN]) < 0) {
		hh_cli_warn("--by: %s", hh_error_last());
		goto out;
	}
	q.at = now;
	q.from = INT_MIN;
	q.to = INT_MAX;
	q.until = INT_MIN;
	if (mode == 0 || mode == BIT(OPT_BOOK)) {
		if (period(&from, &to, arg, seen, now) < 0)
			goto out;
	} else if (mode == BIT(OPT_LIST)) {
		q.kind = HH_LIST;
		q.status = arg[OPT_STATUS - HH_OPT_OWN];
		q.holder = arg[OPT_HOLDER - HH_OPT_OWN];
		q.procedure = arg[OPT_PROCEDURE - HH_OPT_OWN];
		q.field = arg[OPT_FIELD - HH_OPT_OWN];
		q.applicant = arg[OPT_APPLICANT - HH_OPT_OWN];
		q.phone = arg[OPT_PHONE - HH_OPT_OWN];
		q.id_number = arg[OPT_ID_NUMBER - HH_OPT_OWN];
		q.with_applicant = (seen & BIT(OPT_WITH_APPLICANT)) != 0;
		if (((seen & BIT(OPT_RECEIVED_FROM)) &&
		    day_arg(&q.from, "received-from",
		    arg[OPT_RECEIVED_FROM - HH_OPT_OWN]) < 0) ||
		    ((seen & BIT(OPT_RECEIVED_TO)) &&
		    day_arg(&q.to, "received-to",
		    arg[OPT_RECEIVED_TO - HH_OPT_OWN]) < 0))
			goto out;
		/* the filters are checked before the records are opened */
		if (hh_listing_new(&l, &q, NULL, NULL) < 0) {
			hh_cli_warn("%s", hh_error_last());
			goto out;
		}
		hh_listing_free(l);
		l = NULL;
	} else {
		q.kind = HH_OVERDUE;
		q.with_applicant = (seen & BIT(OPT_WITH_APPLICANT)) != 0;
	}

	if (hh_desk_open(&d, cli.dir) < 0) {
		hh_cli_warn("%s", hh_error_last());
		goto out;
	}
	hh_cli_notices(d->store);
	if (seen & BIT(OPT_DUE_WITHIN)) {
		n = strtol(arg[OPT_DUE_WITHIN - HH_OPT_OWN], &end, 10);
		if (*arg[OPT_DUE_WITHIN - HH_OPT_OWN] == '\0' || *end != '\0' ||
		    n < 0 || n > 366) {
			hh_cli_warn("--due-within: \"%s\" is "
			    "not a number of working days (0-366)",
			    hh_text_quote(arg[OPT_DUE_WITHIN - HH_OPT_OWN]));
			goto out;
		}
		q.until = hh_period_workdays(d->cal, hh_time_day(now), (int)n);
	}
	/* the files brought up to HEAD if this login may write them; no
	 * lock is held: every file is checked against the snapshot.  A
	 * publication holds the writers' lock: its source is HEAD. */
	if ((seen & BIT(OPT_PUBLISH)) ? hh_store_lock(d->store) < 0 :
	    hh_store_sync(d->store) < 0) {
		hh_cli_warn("%s", hh_error_last());
		goto out;
	}
	if (mode == 0) {
		error = report_by(&r, d, from, to, now, by,
		    (seen & BIT(OPT_NO_CACHE)) != 0);
	} else {
		if (mode == BIT(OPT_BOOK)) {
			q.kind = HH_BOOK;
			q.from = from;
			q.to = to;
		}
		/* --procedure one of the catalogue's */
		if (q.procedure != NULL && hh_desk_procedures(&codes,
		    &q.nprocedures, d) < 0) {
			hh_cli_warn("%s", hh_error_last());
			goto out;
		}
		q.procedures = (const char *const *)codes;
		/* --field one of the catalogue's, folded */
		if (q.field != NULL && hh_desk_fields(&fields, &q.nfields,
		    d) < 0) {
			hh_cli_warn("%s", hh_error_last());
			goto out;
		}
		q.fields = (const char *const *)fields;
		if (hh_listing_new(&l, &q, d->center,
		    hh_store_head(d->store)) < 0) {
			hh_cli_warn("%s", hh_error_last());
			goto out;
		}
		/* the book numbers from the first dossier of the year */
		error = hh_scan_dossiers(d->store,
		    q.kind == HH_BOOK ? year_start(from) : q.from,
		    q.kind == HH_OVERDUE ? INT_MAX : q.to, listing_one, l);
	}
	if (error < 0) {
		hh_cli_warn("%s", hh_error_last());
		goto out;
	}
	if (r != NULL && (seen & BIT(OPT_PUBLISH)) &&
	    hh_publish(id, d, r, now) < 0) {
		hh_cli_warn("%s", hh_error_last());
		goto out;
	}
	if (xlsx) {
		if (spreadsheet(file, d, r, !(seen & BIT(OPT_BY)), now,
		    (seen & BIT(OPT_NO_CACHE)) != 0) < 0)
			goto out;
		status = HH_EXIT_OK;
		goto out;
	}
	width = seen & BIT(OPT_WIDE) ? 0 : HH_REPORT_WIDTH;
	if (r != NULL && by == HH_BY_FIELD) {
		if (published(&text, d, r, fmt, width) < 0)
			goto out;
	}
	if (text != NULL) {
		;
	} else if (r != NULL) {
		text = hh_render_report_width(r, fmt, width);
	} else {
		hh_listing_finish(l);
		text = hh_listing_format(l, fmt);
	}
	if (output(file, text, fmt, bom) < 0)
		goto out;
	status = HH_EXIT_OK;
out:
	free(text);
	hh_report_free(r);
	hh_listing_free(l);
	hh_mem_strv_free(codes);
	hh_mem_strv_free(fields);
	hh_desk_free(d);
	return hh_cli_exit(status);
}
