/* hh-intake - receive dossiers at the one-stop desk */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "hh.h"

static const char usage[] =
"usage: hh-intake [-n] [-C dir] [--actor id] [--at time] [--json]\n"
"                 [--correction text]\n"
"                 --procedure code --applicant name [--id-number number]\n"
"                 [--phone phone] [--email email] [--address address]\n"
"                 [--channel direct | online | postal] [--document text ...]\n"
"                 [--receipt [--format text | html]]\n"
"       hh-intake [-n] [-C dir] [--actor id] [--json]\n"
"                 [--correction text] --batch file\n";

enum {
	OPT_PROCEDURE = HH_OPT_OWN,
	OPT_APPLICANT,
	OPT_ID,
	OPT_PHONE,
	OPT_EMAIL,
	OPT_ADDRESS,
	OPT_CHANNEL,
	OPT_DOCUMENT,
	OPT_RECEIPT,
	OPT_FORMAT,
};

static const struct option longopts[] = {
	HH_CLI_LONGOPTS,
	{ "procedure", required_argument, NULL, OPT_PROCEDURE },
	{ "applicant", required_argument, NULL, OPT_APPLICANT },
	{ "id-number", required_argument, NULL, OPT_ID },
	{ "phone", required_argument, NULL, OPT_PHONE },
	{ "email", required_argument, NULL, OPT_EMAIL },
	{ "address", required_argument, NULL, OPT_ADDRESS },
	{ "channel", required_argument, NULL, OPT_CHANNEL },
	{ "document", required_argument, NULL, OPT_DOCUMENT },
	{ "receipt", no_argument, NULL, OPT_RECEIPT },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ NULL, 0, NULL, 0 },
};

/* One batch line to an intake; the strings stay owned by the line. */
static int
from_line(struct hh_intake *in, const cJSON *line)
{
	static const char *const keys[] = { "procedure", "applicant",
	    "id_number", "phone", "email", "address", "channel", "documents",
	    "at", NULL };
	const char *at = NULL;
	int error;

	memset(in, 0, sizeof(*in));
	if ((error = hh_json_keys(line, keys)) < 0 ||
	    (error = hh_json_str(&in->procedure, line, "procedure")) < 0 ||
	    (error = hh_json_str(&in->name, line, "applicant")) < 0 ||
	    (error = hh_json_str(&in->id_number, line, "id_number")) < 0 ||
	    (error = hh_json_str(&in->phone, line, "phone")) < 0 ||
	    (error = hh_json_str(&in->email, line, "email")) < 0 ||
	    (error = hh_json_str(&in->address, line, "address")) < 0 ||
	    (error = hh_json_str(&in->channel, line, "channel")) < 0 ||
	    (error = hh_json_strv((const char ***)&in->documents,
	    &in->ndocuments, line, "documents")) < 0 ||
	    (error = hh_json_str(&at, line, "at")) < 0)
		return error;
	if (in->procedure == NULL)
		return hh_error_set(HH_EINVALID, "procedure: missing");
	return hh_cli_time(&in->at, at);
}

/*
 * With -n nothing is taken, so the store predicts the same code for every
 * dossier of one day: count the ones of that day already predicted.
 */
static void
predict(char *code, cJSON **dos, size_t i)
{
	size_t k, n = strlen(code) - 4;
	int seq = atoi(code + n);

	for (k = 0; k < i; k++)
		if (strncmp(hh_dossier_str(dos[k], "code"), code, n) == 0)
			seq++;
	if (seq > 9999)
		seq = 9999;
	code[n] = (char)('0' + seq / 1000);
	code[n + 1] = (char)('0' + seq / 100 % 10);
	code[n + 2] = (char)('0' + seq / 10 % 10);
	code[n + 3] = (char)('0' + seq % 10);
}

static int
print_dossier(struct hh_desk *d, cJSON *dos, const struct hh_cli *cli,
    struct hh_cli_forms *receipt)
{
	char *text;

	if (receipt != NULL) {
		hh_cli_forms_put(receipt, hh_form_receipt(d->center, d->actor,
		    dos, receipt->format));
		return 0;
	} else if (cli->json) {
		text = hh_dossier_format(dos);
		fputs(text, stdout);
	} else {
		printf("%s\n", hh_dossier_str(dos, "code"));
		return 0;
	}
	free(text);
	return 0;
}

int
main(int argc, char *argv[])
{
	struct hh_cli cli = { .prog = "hh-intake", .usage = usage,
	    .accept = HH_CLI_DIR | HH_CLI_ACTOR |
	    HH_CLI_AT | HH_CLI_JSON | HH_CLI_BATCH | HH_CLI_DRY |
	    HH_CLI_CORRECTION };
	struct hh_desk *d = NULL;
	struct hh_batch *b = NULL;
	struct hh_intake one;
	struct hh_cli_forms forms = { HH_FORMAT_TEXT, 0 };
	const char **docs = NULL, *format = NULL;
	cJSON **dos = NULL;
	char *code = NULL;
	size_t i, n = 0;
	int c, receipt = 0, status = HH_EXIT_FAIL;

	hh_cli_init(&cli);
	memset(&one, 0, sizeof(one));
	while ((c = getopt_long(argc, argv, HH_CLI_SHORTOPTS, longopts,
	    NULL)) != -1) {
		if (hh_cli_common(&cli, c, optarg))
			continue;
		switch (c) {
		case OPT_PROCEDURE:
			one.procedure = optarg;
			break;
		case OPT_APPLICANT:
			one.name = optarg;
			break;
		case OPT_ID:
			one.id_number = optarg;
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
		case OPT_CHANNEL:
			one.channel = optarg;
			break;
		case OPT_DOCUMENT:
			docs = hh_xrealloc(docs, (one.ndocuments + 1) *
			    sizeof(*docs));
			docs[one.ndocuments++] = optarg;
			break;
		case OPT_RECEIPT:
			receipt = 1;
			break;
		case OPT_FORMAT:
			format = optarg;
			break;
		default:
			hh_cli_usage(&cli);
		}
	}
	one.documents = docs;
	if (optind != argc)
		hh_cli_usage(&cli);
	if (cli.batch != NULL && (one.procedure || one.name || cli.at ||
	    receipt)) {
		hh_cli_warn("--batch: the lines give the "
		    "dossiers (no --procedure, --applicant, --at, --receipt)");
		hh_cli_usage(&cli);
	}
	if (format != NULL && !receipt) {
		hh_cli_warn("--format: only with --receipt (see hh-intake -h)");
		return HH_EXIT_USAGE;
	}
	if (format != NULL && hh_cli_forms_format(&forms, format) < 0) {
		hh_cli_warn("--format: %s", hh_error_last());
		return HH_EXIT_USAGE;
	}
	if (cli.batch == NULL && (one.procedure == NULL || one.name == NULL)) {
		hh_cli_warn("%s: missing (see hh-intake -h)",
		    one.procedure == NULL ? "--procedure" : "--applicant");
		return HH_EXIT_USAGE;
	}

	if (hh_desk_open(&d, cli.dir) < 0) {
		hh_cli_warn("%s", hh_error_last());
		goto out;
	}
	d->correction = cli.correction;
	hh_cli_notices(d->store);
	if (hh_desk_actor(d, cli.actor,
	    (const char *const[]){ "intake", NULL }) < 0) {
		hh_cli_warn("%s", hh_error_last());
		goto out;
	}
	/* every dossier is checked before any is written */
	if (cli.batch != NULL) {
		if (hh_cli_batch_read(&b, cli.batch) < 0) {
			hh_cli_warn("%s", hh_error_last());
			goto out;
		}
		dos = hh_xcalloc(b->n, sizeof(*dos));
		for (i = 0; i < b->n; i++, n++) {
			struct hh_intake in;

			if (from_line(&in, b->v[i]) < 0 ||
			    hh_desk_new(&dos[i], d, &in) < 0) {
				free((void *)in.documents);
				hh_cli_warn("%s:%zu: %s",
				    strcmp(cli.batch, "-") ?
				    hh_text_quote(cli.batch) : "stdin",
				    b->line[i], hh_error_last());
				goto out;
			}
			free((void *)in.documents);
		}
	} else {
		dos = hh_xcalloc(1, sizeof(*dos));
		if (hh_cli_time(&one.at, cli.at) < 0) {
			hh_cli_warn("--at: %s",
			    hh_error_last());
			goto out;
		}
		if (hh_desk_new(&dos[0], d, &one) < 0) {
			hh_cli_warn("%s", hh_error_last());
			goto out;
		}
		n = 1;
	}
	/* one lock for the whole batch: other writers wait, not retry */
	if (!cli.dry && hh_store_lock(d->store) < 0) {
		hh_cli_warn("%s", hh_error_last());
		goto out;
	}
	/* a batch is one group commit: one commit a dossier, synced and
	 * published together (hh_store_defer) */
	if (!cli.dry && cli.batch != NULL && hh_store_defer(d->store) < 0) {
		hh_cli_warn("%s", hh_error_last());
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (cli.dry) {
			if (hh_desk_next_code(&code, d,
			    hh_dossier_last_at(dos[i])) < 0) {
				hh_cli_warn("%s",
				    hh_error_last());
				goto out;
			}
			predict(code, dos, i);
			cJSON_ReplaceItemInObjectCaseSensitive(dos[i], "code",
			    cJSON_CreateString(code));
			free(code);
			code = NULL;
		} else if (hh_desk_intake(d, dos[i]) < 0) {
			hh_cli_warn("%s", hh_error_last());
			goto out;
		}
		if (cli.dry || cli.batch == NULL)
			print_dossier(d, dos[i], &cli, receipt ? &forms :
			    NULL);
	}
	if (!cli.dry && cli.batch != NULL) {
		if (hh_store_flush(d->store) < 0) {
			hh_cli_warn("%s (no dossier of the batch "
			    "was taken)", hh_error_last());
			goto out;
		}
		for (i = 0; i < n; i++)
			print_dossier(d, dos[i], &cli, receipt ? &forms :
			    NULL);
	}
	status = HH_EXIT_OK;
out:
	hh_cli_forms_end(&forms);
	for (i = 0; dos && i < n; i++)
		cJSON_Delete(dos[i]);
	free(dos);
	free(docs);
	hh_cli_batch_free(b);
	hh_desk_free(d);
	return hh_cli_exit(status);
}
