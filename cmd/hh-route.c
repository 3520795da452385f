/* hh-route - hand dossiers between departments and record their progress */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "hh.h"

static const char usage[] =
"usage: hh-route [-n] [-C dir] [--actor id] [--at time] [--json]\n"
"                [--correction text]\n"
"                code ... --to dept [--officer id] [--days n] [--note text]\n"
"       hh-route [-n] [-C dir] [--actor id] [--at time] [--json]\n"
"                [--correction text] [--print [--format text | html]]\n"
"                code --supplement reason [--document text ...]\n"
"       hh-route [-n] [-C dir] [--actor id] [--at time] [--json]\n"
"                [--correction text] code --supplied\n"
"       hh-route [-n] [-C dir] [--actor id] [--at time] [--json]\n"
"                [--correction text] [--print [--format text | html]]\n"
"                code --delay --until date --reason text\n"
"       hh-route [-n] [-C dir] [--actor id] [--at time] [--json]\n"
"                [--correction text] [--print [--format text | html]]\n"
"                code --done [--outcome granted | refused] [--reason text]\n"
"       hh-route [-n] [-C dir] [--actor id] [--at time] [--json]\n"
"                [--correction text]\n"
"                code --amend [--applicant name] [--phone p] [--email e]\n"
"                [--address a] [--id-number n] [--document text ...]\n"
"                --reason text\n"
"       hh-route [-n] [-C dir] [--actor id] [--json]\n"
"                [--correction text] [--print [--format text | html]]\n"
"                --batch file\n";

enum {
	OPT_TO = HH_OPT_OWN,
	OPT_OFFICER,
	OPT_DAYS,
	OPT_NOTE,
	OPT_SUPPLEMENT,
	OPT_DOCUMENT,
	OPT_SUPPLIED,
	OPT_DELAY,
	OPT_UNTIL,
	OPT_REASON,
	OPT_DONE,
	OPT_OUTCOME,
	OPT_PRINT,
	OPT_FORMAT,
	OPT_AMEND,
	OPT_APPLICANT,
	OPT_PHONE,
	OPT_EMAIL,
	OPT_ADDRESS,
	OPT_ID_NUMBER,
};

static const struct option longopts[] = {
	HH_CLI_LONGOPTS,
	{ "to", required_argument, NULL, OPT_TO },
	{ "officer", required_argument, NULL, OPT_OFFICER },
	{ "days", required_argument, NULL, OPT_DAYS },
	{ "note", required_argument, NULL, OPT_NOTE },
	{ "supplement", required_argument, NULL, OPT_SUPPLEMENT },
	{ "document", required_argument, NULL, OPT_DOCUMENT },
	{ "supplied", no_argument, NULL, OPT_SUPPLIED },
	{ "delay", no_argument, NULL, OPT_DELAY },
	{ "until", required_argument, NULL, OPT_UNTIL },
	{ "reason", required_argument, NULL, OPT_REASON },
	{ "done", no_argument, NULL, OPT_DONE },
	{ "outcome", required_argument, NULL, OPT_OUTCOME },
	{ "print", no_argument, NULL, OPT_PRINT },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "amend", no_argument, NULL, OPT_AMEND },
	{ "applicant", required_argument, NULL, OPT_APPLICANT },
	{ "phone", required_argument, NULL, OPT_PHONE },
	{ "email", required_argument, NULL, OPT_EMAIL },
	{ "address", required_argument, NULL, OPT_ADDRESS },
	{ "id-number", required_argument, NULL, OPT_ID_NUMBER },
	{ NULL, 0, NULL, 0 },
};

/* What the run prints after each step. */
struct out {
	struct hh_desk *d;
	const struct hh_step *steps;
	struct hh_cli_forms *forms;
	int json, print;
};

static int
has_form(const struct hh_step *st)
{
	return st->action == HH_STEP_SUPPLEMENT ||
	    st->action == HH_STEP_DELAY || (st->action == HH_STEP_DONE &&
	    st->outcome != NULL && strcmp(st->outcome, "refused") == 0);
}

static int
show(void *arg, size_t i, cJSON *dos)
{
	const struct out *o = arg;
	const struct hh_step *st = &o->steps[i];
	const struct hh_center *c = o->d->center;
	enum hh_format f = o->forms->format;
	char *text;

	if (o->print && has_form(st)) {
		if (st->action == HH_STEP_SUPPLEMENT)
			text = hh_form_supplement(c, o->d->actor, dos, f);
		else if (st->action == HH_STEP_DELAY)
			text = hh_form_apology(c, o->d->actor, dos, f);
		else
			text = hh_form_refusal(c, o->d->actor, dos, f);
		hh_cli_forms_put(o->forms, text);
		return 0;
	} else if (o->print && f == HH_FORMAT_HTML) {
		/* a batch's steps without a form: nothing in the page */
		return 0;
	} else if (o->json) {
		text = hh_dossier_format(dos);
	} else {
		printf("%s %s\n", hh_dossier_str(dos, "code"),
		    hh_dossier_str(dos, "status"));
		return 0;
	}
	fputs(text, stdout);
	free(text);
	return 0;
}

/* "2.5" working days: a number >= 0 in halves. */
static int
parse_days(double *out, const char *s)
{
	char *end;

	/* digits and a point only: strtod would take 0x10, 1e3, " 2" */
	if (*s == '\0' || strspn(s, "0123456789.") != strlen(s))
		return -1;
	*out = strtod(s, &end);
	if (*end != '\0' || !isfinite(*out) || *out < 0 ||
	    *out > 3650 || *out * 2 != floor(*out * 2))
		return -1;
	return 0;
}

/* The steps hh-route takes (hh-return takes the others). */
#define ACTIONS (HH_STEP_BIT(HH_STEP_ROUTE) | \
    HH_STEP_BIT(HH_STEP_SUPPLEMENT) | HH_STEP_BIT(HH_STEP_SUPPLIED) | \
    HH_STEP_BIT(HH_STEP_DELAY) | HH_STEP_BIT(HH_STEP_DONE) | \
    HH_STEP_BIT(HH_STEP_AMEND))

int
main(int argc, char *argv[])
{
	struct hh_cli cli = { .prog = "hh-route", .usage = usage,
	    .accept = HH_CLI_DIR | HH_CLI_ACTOR |
	    HH_CLI_AT | HH_CLI_JSON | HH_CLI_BATCH | HH_CLI_DRY |
	    HH_CLI_CORRECTION };
	static const char *const acts[] = { "route", "supplement",
	    "supplied", "delay", "done", "intake", NULL };
	struct hh_desk *d = NULL;
	struct hh_batch *b = NULL;
	struct hh_step one, *steps = NULL;
	struct hh_cli_forms forms = { HH_FORMAT_TEXT, 0 };
	struct out o;
	const char **docs = NULL, **codes = NULL, *where, *asked = NULL;
	const char *format = NULL;
	char **named = NULL;
	size_t i, n = 0, ndocs = 0, failed = 0;
	int64_t at;
	int c, nkind = 0, print = 0, day, status = HH_EXIT_FAIL;

	hh_cli_init(&cli);
	hh_step_init(&one, HH_STEP_ROUTE, 0);
	while ((c = getopt_long(argc, argv, HH_CLI_SHORTOPTS, longopts,
	    NULL)) != -1) {
		if (hh_cli_common(&cli, c, optarg))
			continue;
		switch (c) {
		case OPT_TO:
			one.action = HH_STEP_ROUTE;
			one.to = optarg;
			nkind++;
			break;
		case OPT_OFFICER:
			one.officer = optarg;
			break;
		case OPT_DAYS:
			if (parse_days(&one.days, optarg) < 0)
				hh_cli_usage_error(&cli, "--days: \"%s\" is "
				    "not a number of working days",
				    hh_text_quote(optarg));
			break;
		case OPT_NOTE:
			one.note = optarg;
			break;
		case OPT_SUPPLEMENT:
			one.action = HH_STEP_SUPPLEMENT;
			asked = optarg;
			nkind++;
			break;
		case OPT_DOCUMENT:
			docs = hh_xrealloc(docs, (ndocs + 1) * sizeof(*docs));
			docs[ndocs++] = optarg;
			break;
		case OPT_SUPPLIED:
			one.action = HH_STEP_SUPPLIED;
			nkind++;
			break;
		case OPT_DELAY:
			one.action = HH_STEP_DELAY;
			nkind++;
			break;
		case OPT_UNTIL:
			if (hh_time_parse_day(&day, optarg) < 0)
				hh_cli_usage_error(&cli, "--until: %s",
				    hh_error_last());
			one.until = optarg;
			break;
		case OPT_REASON:
			one.reason = optarg;
			break;
		case OPT_DONE:
			one.action = HH_STEP_DONE;
			nkind++;
			break;
		case OPT_OUTCOME:
			if (strcmp(optarg, "granted") &&
			    strcmp(optarg, "refused"))
				hh_cli_usage_error(&cli, "--outcome: \"%s\" "
				    "is not granted or refused",
				    hh_text_quote(optarg));
			one.outcome = optarg;
			break;
		case OPT_PRINT:
			print = 1;
			break;
		case OPT_FORMAT:
			format = optarg;
			break;
		case OPT_AMEND:
			one.action = HH_STEP_AMEND;
			nkind++;
			break;
		case OPT_APPLICANT:
			one.name = optarg;
			break;
		case OPT_PHONE:
			one.phone = optarg;
			break;
		case OPT_EMAIL:
			one.email = optarg;
			break;
		case OPT_ADDRESS:
			one.address = optarg;
			break;
		case OPT_ID_NUMBER:
			one.id_number = optarg;
			break;
		default:
			hh_cli_usage(&cli);
		}
	}
	one.documents = docs;
	one.ndocuments = ndocs;
	if (format != NULL && !print) {
		hh_cli_usage_error(&cli, "--format: only with --print");
	}
	if (format != NULL && hh_cli_forms_format(&forms, format) < 0) {
		hh_cli_warn("--format: %s", hh_error_last());
		free(docs);
		return HH_EXIT_USAGE;
	}
	argc -= optind;
	argv += optind;
	if (cli.batch != NULL) {
		if (argc != 0 || nkind != 0 || cli.at || one.officer ||
		    one.days >= 0 || one.note || docs || one.until ||
		    one.reason || one.outcome || one.name || one.phone ||
		    one.email || one.address || one.id_number)
			hh_cli_usage_error(&cli, "--batch: its lines give the "
			    "codes and the steps, not operands or options");
	} else {
		/* exactly one step, and only the flags that go with it */
		if (nkind != 1)
			hh_cli_usage_error(&cli, "%s: --to, --supplement, "
			    "--supplied, --delay, --done or --amend", nkind ?
			    "one step at a time" : "no step");
		if (one.action == HH_STEP_AMEND && one.reason == NULL)
			hh_cli_usage_error(&cli, "--amend: --reason is needed");
		if (argc < 1)
			hh_cli_usage_error(&cli, "no dossier code");
		if (argc > 1 && one.action != HH_STEP_ROUTE)
			hh_cli_usage_error(&cli, "one dossier code at a "
			    "time: only --to takes several");
		/* --supplement's argument is its reason: no --reason too */
		if (asked != NULL && one.reason != NULL)
			hh_cli_usage_error(&cli, "--reason: not with "
			    "--supplement, whose argument is the reason");
		if (hh_step_shape(&one, ACTIONS) < 0)
			hh_cli_usage_error(&cli, "--%s", hh_error_last());
		if (one.action == HH_STEP_DELAY && one.until == NULL)
			hh_cli_usage_error(&cli, "--delay needs --until");
		if (one.action == HH_STEP_DELAY && one.reason == NULL)
			hh_cli_usage_error(&cli, "--delay needs --reason");
		if (print && !has_form(&one))
			hh_cli_usage_error(&cli, "--print: only with "
			    "--supplement, --delay or --done --outcome "
			    "refused");
		if (asked != NULL)
			one.reason = asked;
	}

	if (hh_desk_open(&d, cli.dir) < 0) {
		hh_cli_warn("%s", hh_error_last());
		goto out;
	}
	d->correction = cli.correction;
	hh_cli_notices(d->store);
	if (hh_desk_actor(d, cli.actor, acts) < 0) {
		hh_cli_warn("%s", hh_error_last());
		goto out;
	}
	if (cli.batch != NULL) {
		if (hh_cli_batch_read(&b, cli.batch) < 0) {
			hh_cli_warn("%s", hh_error_last());
			goto out;
		}
		steps = hh_xcalloc(b->n, sizeof(*steps));
		codes = hh_xcalloc(b->n, sizeof(*codes));
		for (n = 0; n < b->n; n++)
			if (hh_cli_step_line(&steps[n], &codes[n], b->v[n],
			    ACTIONS) < 0) {
				hh_cli_warn("%s:%zu: %s",
				    strcmp(cli.batch, "-") ?
				    hh_text_quote(cli.batch) : "stdin",
				    b->line[n], hh_error_last());
				n++;
				goto out;
			}
	} else {
		if (hh_cli_time(&at, cli.at) < 0) {
			hh_cli_warn("--at: %s",
			    hh_error_last());
			goto out;
		}
		one.at = at;
		if ((named = hh_cli_codes(d, argv, (size_t)argc)) == NULL)
			goto out;
		n = (size_t)argc;
		steps = hh_xcalloc(n, sizeof(*steps));
		codes = hh_xcalloc(n, sizeof(*codes));
		for (i = 0; i < n; i++) {
			steps[i] = one;
			codes[i] = named[i];
		}
		one.documents = NULL;
	}
	o.d = d;
	o.steps = steps;
	o.json = cli.json;
	o.print = print;
	o.forms = &forms;
	if (hh_desk_steps(d, codes, steps, n, cli.dry, &failed, show,
	    &o) < 0) {
		if (b != NULL) {
			where = strcmp(cli.batch, "-") ? cli.batch : "stdin";
			hh_cli_warn("%s:%zu: %s: %s",
			    hh_text_quote(where), b->line[failed],
			    hh_text_quote(codes[failed]), hh_error_last());
		} else
			hh_cli_warn("%s: %s",
			    hh_text_quote(codes[failed]), hh_error_last());
		goto out;
	}
	status = HH_EXIT_OK;
out:
	hh_cli_forms_end(&forms);
	for (i = 0; b != NULL && steps != NULL && i < n; i++)
		free((void *)steps[i].documents);
	free(steps);
	free(codes);
	hh_mem_strv_free(named);
	free(docs);
	hh_cli_batch_free(b);
	hh_desk_free(d);
	return hh_cli_exit(status);
}
