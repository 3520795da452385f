/* hh-notify - tell applicants of every change of their dossiers, once */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "hh.h"

static const char usage[] =
"usage: hh-notify [-C dir] [--mail] [--init]\n";

enum {
	OPT_MAIL = HH_OPT_OWN,
	OPT_INIT,
};

static const struct option longopts[] = {
	HH_CLI_LONGOPTS,
	{ "mail", no_argument, NULL, OPT_MAIL },
	{ "init", no_argument, NULL, OPT_INIT },
	{ NULL, 0, NULL, 0 },
};

/* A notice is delivered on stdout when its line is out of hh's hands. */
static int
emit(void *arg, const struct hh_notice *n)
{
	cJSON *v = hh_notice_json(n);
	char *line = hh_json_print(v, 1);

	(void)arg;
	cJSON_Delete(v);
	if (fputs(line, stdout) == EOF || putchar('\n') == EOF ||
	    fflush(stdout) == EOF) {
		free(line);
		return hh_error_set(HH_ERROR, "stdout: %s", strerror(errno));
	}
	free(line);
	return HH_OK;
}

static void
warn(void *arg, const char *msg)
{
	(void)arg;
	hh_cli_warn("%s", msg);
}

int
main(int argc, char *argv[])
{
	struct hh_cli cli = { .prog = "hh-notify", .usage = usage,
	    .accept = HH_CLI_DIR };
	struct hh_desk *d = NULL;
	size_t n = 0;
	int c, mail = 0, init = 0, status = HH_EXIT_FAIL;

	hh_cli_init(&cli);
	while ((c = getopt_long(argc, argv, HH_CLI_SHORTOPTS, longopts,
	    NULL)) != -1) {
		if (hh_cli_common(&cli, c, optarg))
			continue;
		switch (c) {
		case OPT_MAIL:
			mail = 1;
			break;
		case OPT_INIT:
			init = 1;
			break;
		default:
			hh_cli_usage(&cli);
		}
	}
	if (argc != optind) {
		hh_cli_warn("%s: no operand is taken (see hh-notify -h)",
		    hh_text_quote(argv[optind]));
		return HH_EXIT_USAGE;
	}
	if (mail && init) {
		hh_cli_warn("--init: not with --mail: it marks the history told, "
		    "telling no one (see hh-notify -h)");
		return HH_EXIT_USAGE;
	}
	if (hh_desk_open(&d, cli.dir) < 0) {
		hh_cli_warn("%s", hh_error_last());
		goto out;
	}
	hh_cli_notices(d->store);
	if ((init ? hh_notify_init(d) : hh_notify_run(d, mail, &n, emit, warn,
	    NULL)) < 0) {
		hh_cli_warn("%s", hh_error_last());
		goto out;
	}
	status = HH_EXIT_OK;
out:
	hh_desk_free(d);
	return hh_cli_exit(status);
}
