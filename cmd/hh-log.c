/* hh-log - show the history of a dossier as the records hold it */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "hh.h"

static const char usage[] =
"usage: hh-log [-C dir] [--json] [--form [--format text | html]] [--full]\n"
"              code\n";

enum {
	OPT_FORM = HH_OPT_OWN,
	OPT_FULL,
	OPT_FORMAT,
};

static const struct option longopts[] = {
	HH_CLI_LONGOPTS,
	{ "form", no_argument, NULL, OPT_FORM },
	{ "full", no_argument, NULL, OPT_FULL },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ NULL, 0, NULL, 0 },
};

/* One version of the dossier: the commit that made it and what changed. */
struct version {
	const struct hh_commit *c;
	cJSON *dos;		/* NULL: deleted, or not valid JSON */
	char **changes;
	size_t nchanges;
	char *action;		/* the Action: trailer, or NULL */
};

static void
print_text(const char *code, const struct version *v, size_t n,
    const cJSON *last)
{
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(last, "procedure");
	const cJSON *e, *det;
	char at[HH_TIME_MAX], rec[HH_TIME_MAX], *s, *buf = NULL;
	size_t i, k, len = 0;
	FILE *f;

	/* written whole through hh_cli_print: a forged author, trailer or
	 * path cannot drive the auditor's terminal */
	if ((f = open_memstream(&buf, &len)) == NULL)
		abort();

	fprintf(f, "dossier %s: %s %s\n", code, hh_dossier_str(p, "code"),
	    hh_dossier_str(p, "name"));
	fprintf(f, "status %s, held by %s\n", hh_dossier_str(last, "status"),
	    hh_dossier_str(last, "holder"));
	for (i = 0; i < n; i++) {
		hh_time_format(at, v[i].c->author_date);
		hh_time_format(rec, v[i].c->committer_date);
		fprintf(f, "\ncommit %s\n", v[i].c->id);
		fprintf(f, "Author:   %s <%s>\n", v[i].c->author, v[i].c->email);
		fprintf(f, "Event:    %s\n", at);
		fprintf(f, "Recorded: %s\n", rec);
		fprintf(f, "Action:   %s\n", v[i].action ? v[i].action :
		    "(no Action: trailer)");
		if (v[i].dos == NULL)
			fprintf(f, "    (file deleted or not valid JSON)\n");
		for (k = 0; k < v[i].nchanges; k++)
			fprintf(f, "    %s\n", v[i].changes[k]);
	}
	fprintf(f, "\nevents:\n");
	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(last,
	    "events")) {
		fprintf(f, "    %s  %-10s %s", hh_dossier_str(e, "at"),
		    hh_dossier_str(e, "action"), hh_dossier_str(e, "actor"));
		det = cJSON_GetObjectItemCaseSensitive(e, "details");
		if (det != NULL && det->child != NULL) {
			s = hh_json_print(det, 1);
			fprintf(f, "%*s %s", (int)(strlen(hh_dossier_str(e,
			    "actor")) < 10 ? 10 - strlen(hh_dossier_str(e,
			    "actor")) : 0), "", s);
			free(s);
		}
		fprintf(f, "\n");
	}
	if (fclose(f) != 0 || buf == NULL)
		abort();
	hh_cli_print(buf);
	free(buf);
}

static void
print_json(const char *code, const struct version *v, size_t n,
    const cJSON *last)
{
	cJSON *root = cJSON_CreateObject(), *arr, *o, *ch;
	char t[HH_TIME_MAX];
	const cJSON *ev;
	size_t i, k;

	cJSON_AddStringToObject(root, "code", code);
	arr = cJSON_AddArrayToObject(root, "commits");
	for (i = 0; i < n; i++) {
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "id", v[i].c->id);
		cJSON_AddStringToObject(o, "author", v[i].c->author);
		cJSON_AddStringToObject(o, "email", v[i].c->email);
		hh_time_format(t, v[i].c->author_date);
		cJSON_AddStringToObject(o, "author_date", t);
		hh_time_format(t, v[i].c->committer_date);
		cJSON_AddStringToObject(o, "committer_date", t);
		if (v[i].action)
			cJSON_AddStringToObject(o, "action", v[i].action);
		else
			cJSON_AddNullToObject(o, "action");
		ch = cJSON_AddArrayToObject(o, "changes");
		for (k = 0; k < v[i].nchanges; k++)
			cJSON_AddItemToArray(ch,
			    cJSON_CreateString(v[i].changes[k]));
		cJSON_AddItemToArray(arr, o);
	}
	ev = cJSON_GetObjectItemCaseSensitive(last, "events");
	cJSON_AddItemToObject(root, "events", ev ? cJSON_Duplicate(ev, 1) :
	    cJSON_CreateArray());
	hh_cli_json(root, 0);
}

int
main(int argc, char *argv[])
{
	struct hh_cli cli = { .prog = "hh-log", .usage = usage,
	    .accept = HH_CLI_DIR | HH_CLI_JSON };
	struct hh_desk *d = NULL;
	struct hh_commit *log = NULL;
	struct version *v = NULL;
	const cJSON *prev = NULL, *last = NULL;
	struct hh_cli_forms forms = { HH_FORMAT_TEXT, 0 };
	char *path = NULL, *text = NULL, *code = NULL;
	char why[HH_ERRMAX] = "no such dossier";
	const char *format = NULL;
	size_t n = 0, i, k, len;
	int c, wantform = 0, full = 0, error, status = HH_EXIT_FAIL;

	hh_cli_init(&cli);
	while ((c = getopt_long(argc, argv, HH_CLI_SHORTOPTS, longopts,
	    NULL)) != -1) {
		if (hh_cli_common(&cli, c, optarg))
			continue;
		switch (c) {
		case OPT_FORM:
			wantform = 1;
			break;
		case OPT_FULL:
			full = 1;
			break;
		case OPT_FORMAT:
			format = optarg;
			break;
		default:
			hh_cli_usage(&cli);
		}
	}
	if (format != NULL && !wantform) {
		hh_cli_warn("--format: only with --form (see hh-log -h)");
		return HH_EXIT_USAGE;
	}
	if (format != NULL && hh_cli_forms_format(&forms, format) < 0) {
		hh_cli_warn("--format: %s", hh_error_last());
		return HH_EXIT_USAGE;
	}
	if (argc - optind != 1 || (wantform && cli.json))
		hh_cli_usage(&cli);

	if (hh_desk_open(&d, cli.dir) < 0) {
		hh_cli_warn("%s", hh_error_last());
		goto out;
	}
	hh_cli_notices(d->store);
	/* a code the snapshot no longer has may be in the history */
	if ((error = hh_desk_code(&code, d, argv[optind])) < 0) {
		snprintf(why, sizeof(why), "%s", hh_error_last());
		if (error != HH_ENOTFOUND ||
		    hh_dossier_path(&path, argv[optind]) < 0) {
			hh_cli_warn("%s: %s", hh_text_quote(argv[optind]), why);
			goto out;
		}
		code = hh_xstrdup(argv[optind]);
	} else if (hh_dossier_path(&path, code) < 0) {
		hh_cli_warn("%s: %s", hh_text_quote(code), hh_error_last());
		goto out;
	}
	if (hh_store_log(&log, &n, d->store, path) < 0) {
		hh_cli_warn("%s: %s", hh_text_quote(code), hh_error_last());
		goto out;
	}
	if (n == 0) {
		hh_cli_warn("%s: %s", hh_text_quote(code), why);
		goto out;
	}
	/* oldest first: each version against the one before */
	v = hh_xcalloc(n, sizeof(*v));
	for (i = 0; i < n; i++) {
		const struct hh_commit *lc = &log[n - 1 - i];

		v[i].c = lc;
		v[i].action = hh_audit_trailer(lc->message, "Action");
		if (lc->changes[0].new_id[0] == '\0')
			continue;
		if (hh_store_blob(&text, &len, d->store,
		    lc->changes[0].new_id) < 0) {
			hh_cli_warn("%s: %s",
			    hh_text_quote(code), hh_error_last());
			goto out;
		}
		if ((v[i].dos = hh_json_parse(text, len)) != NULL) {
			if (!full)
				hh_audit_mask(v[i].dos);
			hh_audit_diff(&v[i].changes, &v[i].nchanges, prev,
			    v[i].dos);
			prev = last = v[i].dos;
		}
		free(text);
		text = NULL;
	}
	if (last == NULL) {
		hh_cli_warn("%s: no valid version of the dossier",
		    hh_text_quote(code));
		goto out;
	}
	if (wantform) {
		hh_cli_forms_put(&forms, hh_form_control(d->center, d->actor,
		    last, forms.format));
		hh_cli_forms_end(&forms);
	} else if (cli.json)
		print_json(code, v, n, last);
	else
		print_text(code, v, n, last);
	status = HH_EXIT_OK;
out:
	for (i = 0; v && i < n; i++) {
		cJSON_Delete(v[i].dos);
		for (k = 0; k < v[i].nchanges; k++)
			free(v[i].changes[k]);
		free(v[i].changes);
		free(v[i].action);
	}
	free(v);
	hh_store_commits_free(log, n);
	hh_desk_free(d);
	free(path);
	free(code);
	free(text);
	return hh_cli_exit(status);
}
