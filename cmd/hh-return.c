/* hh-return - hand results to applicants, or record a withdrawal or a stop */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "hh.h"

static const char usage[] =
"usage: hh-return [-n] [-C dir] [--actor id] [--at time] [--json]\n"
"                 [--correction text] code ...\n"
"       hh-return [-n] [-C dir] [--actor id] [--at time] [--json]\n"
"                 [--correction text] code --withdraw [--reason text]\n"
"       hh-return [-n] [-C dir] [--actor id] [--at time] [--json]\n"
"                 [--correction text]\n"
"                 [--print [--format text | html]] code --stop --reason text\n"
"                 [--by applicant | agency] [--fee text]\n"
"       hh-return [-n] [-C dir] [--actor id] [--json]\n"
"                 [--correction text] --batch file\n";

enum {
	OPT_WITHDRAW = HH_OPT_OWN,
	OPT_REASON,
	OPT_STOP,
	OPT_BY,
	OPT_FEE,
	OPT_PRINT,
	OPT_FORMAT,
};

static const struct option longopts[] = {
	HH_CLI_LONGOPTS,
	{ "withdraw", no_argument, NULL, OPT_WITHDRAW },
	{ "reason", required_argument, NULL, OPT_REASON },
	{ "stop", no_argument, NULL, OPT_STOP },
	{ "by", required_argument, NULL, OPT_BY },
	{ "fee", required_argument, NULL, OPT_FEE },
	{ "print", no_argument, NULL, OPT_PRINT },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ NULL, 0, NULL, 0 },
};

/* The steps of the run: a line may take two (done, then return). */
struct run {
	struct hh_step *steps;
	const char **codes;
	size_t *from;		/* the operand or batch line of each step */
	size_t n, cap;
	int json, print;
	struct hh_cli_forms *forms;
	const struct hh_desk *d;
};

static void
add(struct run *r, const struct hh_step *st, const char *code, size_t from)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->steps = hh_xrealloc(r->steps, r->cap * sizeof(*r->steps));
		r->codes = hh_xrealloc(r->codes, r->cap * sizeof(*r->codes));
		r->from = hh_xrealloc(r->from, r->cap * sizeof(*r->from));
	}
	r->steps[r->n] = *st;
	r->codes[r->n] = code;
	r->from[r->n++] = from;
}

/* A return, preceded by the resolution (outcome granted) when the
 * dossier is still received or processing and no earlier line of the run
 * stepped it. */
static int
plan(struct run *r, struct hh_desk *d, const struct hh_step *st,
    const char *code, size_t from)
{
	struct hh_step done;
	struct hh_life lf;
	cJSON *dos = NULL;
	size_t i;
	int error;

	if (st->action == HH_STEP_RETURN) {
		for (i = 0; i < r->n; i++)
			if (strcmp(r->codes[i], code) == 0)
				break;
		if (i == r->n) {
			if ((error = hh_desk_load(&dos, d, code)) < 0)
				return error;
			/* the status its events give (hh_life_at) */
			if (hh_life_at(&lf, dos, INT64_MAX) == 1 &&
			    (lf.status == HH_STATUS_RECEIVED ||
			    lf.status == HH_STATUS_PROCESSING)) {
				hh_step_init(&done, HH_STEP_DONE, st->at);
				done.on_return = 1;
				add(r, &done, code, from);
			}
			cJSON_Delete(dos);
		}
	}
	add(r, st, code, from);
	return HH_OK;
}

static int
show(void *arg, size_t i, cJSON *dos)
{
	const struct run *r = arg;
	char *text;

	if (r->steps[i].action == HH_STEP_DONE)
		return 0;
	if (r->print && r->steps[i].action == HH_STEP_STOP) {
		hh_cli_forms_put(r->forms, hh_form_stop(r->d->center,
		    r->d->actor, dos, r->forms->format));
	} else if (r->json) {
		text = hh_dossier_format(dos);
		fputs(text, stdout);
		free(text);
	} else if (r->steps[i].action == HH_STEP_WITHDRAW)
		printf("%s withdrawn\n", hh_dossier_str(dos, "code"));
	else if (r->steps[i].action == HH_STEP_STOP)
		printf("%s stopped\n", hh_dossier_str(dos, "code"));
	else
		printf("%s %s\n", hh_dossier_str(dos, "code"),
		    hh_dossier_str(dos, "class"));
	return 0;
}

int
main(int argc, char *argv[])
{
	struct hh_cli cli = { .prog = "hh-return", .usage = usage,
	    .accept = HH_CLI_DIR | HH_CLI_ACTOR |
	    HH_CLI_AT | HH_CLI_JSON | HH_CLI_BATCH | HH_CLI_DRY |
	    HH_CLI_CORRECTION };
	static const char *const ret[] = { "return", "withdraw", NULL };
	static const char *const any[] = { "return", "withdraw", "stop",
	    NULL };
	static const char *const wd[] = { "withdraw", NULL };
	static const char *const sp[] = { "stop", NULL };
	struct hh_desk *d = NULL;
	struct hh_batch *b = NULL;
	struct hh_step one;
	struct hh_cli_forms forms = { HH_FORMAT_TEXT, 0 };
	struct run r;
	const char *code, *reason = NULL, *file = NULL, *by = NULL;
	const char *fee = NULL, *format = NULL;
	char **named = NULL;
	size_t i, failed = 0;
	int64_t at;
	int c, withdraw = 0, stop = 0, print = 0, status = HH_EXIT_FAIL;

	hh_cli_init(&cli);
	memset(&r, 0, sizeof(r));
	while ((c = getopt_long(argc, argv, HH_CLI_SHORTOPTS, longopts,
	    NULL)) != -1) {
		if (hh_cli_common(&cli, c, optarg))
			continue;
		switch (c) {
		case OPT_WITHDRAW:
			withdraw = 1;
			break;
		case OPT_REASON:
			reason = optarg;
			break;
		case OPT_STOP:
			stop = 1;
			break;
		case OPT_BY:
			by = optarg;
			break;
		case OPT_FEE:
			fee = optarg;
			break;
		case OPT_PRINT:
			print = 1;
			break;
		case OPT_FORMAT:
			format = optarg;
			break;
		default:
			hh_cli_usage(&cli);
		}
	}
	if (format != NULL && !print) {
		hh_cli_usage_error(&cli, "--format: only with --print");
	}
	if (format != NULL && hh_cli_forms_format(&forms, format) < 0) {
		hh_cli_warn("--format: %s", hh_error_last());
		return HH_EXIT_USAGE;
	}
	argc -= optind;
	argv += optind;
	if (cli.batch != NULL && (argc != 0 || withdraw || stop || reason ||
	    by || fee || print || cli.at))
		hh_cli_usage_error(&cli, "--batch: its lines give the codes "
		    "and the steps, not operands or options");
	if (cli.batch == NULL) {
		if (argc < 1)
			hh_cli_usage_error(&cli, "no dossier code");
		if (withdraw && stop)
			hh_cli_usage_error(&cli, "--withdraw or --stop, not "
			    "both");
		if ((withdraw || stop) && argc != 1)
			hh_cli_usage_error(&cli, "--%s: one dossier code at a "
			    "time", withdraw ? "withdraw" : "stop");
		if (reason && !withdraw && !stop)
			hh_cli_usage_error(&cli, "--reason: only with "
			    "--withdraw or --stop");
		if (stop && reason == NULL)
			hh_cli_usage_error(&cli, "--stop needs --reason");
		if ((by || fee || print) && !stop)
			hh_cli_usage_error(&cli, "--%s: only with --stop",
			    by ? "by" : fee ? "fee" : "print");
	}
	r.json = cli.json;
	r.print = print;
	r.forms = &forms;

	if (hh_desk_open(&d, cli.dir) < 0) {
		hh_cli_warn("%s", hh_error_last());
		goto out;
	}
	d->correction = cli.correction;
	hh_cli_notices(d->store);
	r.d = d;
	if (hh_desk_actor(d, cli.actor, withdraw ? wd : stop ? sp :
	    cli.batch ? any : ret) < 0) {
		hh_cli_warn("%s", hh_error_last());
		goto out;
	}
	if (cli.batch != NULL) {
		file = strcmp(cli.batch, "-") ? cli.batch : "stdin";
		if (hh_cli_batch_read(&b, cli.batch) < 0) {
			hh_cli_warn("%s", hh_error_last());
			goto out;
		}
		for (i = 0; i < b->n; i++)
			/* no documents go with these steps */
			if (hh_cli_step_line(&one, &code, b->v[i],
			    HH_STEP_BIT(HH_STEP_RETURN) |
			    HH_STEP_BIT(HH_STEP_WITHDRAW) |
			    HH_STEP_BIT(HH_STEP_STOP)) < 0 ||
			    plan(&r, d, &one, code, i) < 0) {
				hh_cli_warn("%s:%zu: %s",
				    hh_text_quote(file), b->line[i],
				    hh_error_last());
				goto out;
			}
	} else {
		if (hh_cli_time(&at, cli.at) < 0) {
			hh_cli_warn("--at: %s",
			    hh_error_last());
			goto out;
		}
		if ((named = hh_cli_codes(d, argv, (size_t)argc)) == NULL)
			goto out;
		for (i = 0; i < (size_t)argc; i++) {
			hh_step_init(&one, withdraw ? HH_STEP_WITHDRAW : stop ?
			    HH_STEP_STOP : HH_STEP_RETURN, at);
			one.reason = reason;
			one.by = by;
			one.fee = fee;
			if (plan(&r, d, &one, named[i], i) < 0) {
				hh_cli_warn("%s: %s",
				    hh_text_quote(named[i]), hh_error_last());
				goto out;
			}
		}
	}
	if (hh_desk_steps(d, r.codes, r.steps, r.n, cli.dry, &failed, show,
	    &r) < 0) {
		if (b != NULL)
			hh_cli_warn("%s:%zu: %s: %s",
			    hh_text_quote(file), b->line[r.from[failed]],
			    hh_text_quote(r.codes[failed]), hh_error_last());
		else
			hh_cli_warn("%s: %s",
			    hh_text_quote(r.codes[failed]), hh_error_last());
		goto out;
	}
	status = HH_EXIT_OK;
out:
	hh_cli_forms_end(&forms);
	free(r.steps);
	free(r.codes);
	free(r.from);
	hh_mem_strv_free(named);
	hh_cli_batch_free(b);
	hh_desk_free(d);
	return hh_cli_exit(status);
}
