/* hh-sync - read the other centres of the province, push this one */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hh.h"

static const char usage[] =
"usage: hh-sync [-C dir] [--quiet]\n";

#define SHORT 10	/* hex digits of a commit id shown */

enum {
	OPT_QUIET = HH_OPT_OWN,
};

static const struct option longopts[] = {
	HH_CLI_LONGOPTS,
	{ "quiet", no_argument, NULL, OPT_QUIET },
	{ NULL, 0, NULL, 0 },
};

/* A line on stdout unless quiet. */
static void __attribute__((format(printf, 2, 3)))
say(int quiet, const char *fmt, ...)
{
	char *line;
	va_list ap;

	if (quiet)
		return;
	va_start(ap, fmt);
	line = hh_xvasprintf(fmt, ap);
	va_end(ap);
	hh_cli_print(line);
	free(line);
}

/* Fetch every peer: 1 if one failed (each failure one line). */
static int
fetch_peers(struct hh_desk *d, const char *dir, int quiet)
{
	const struct hh_center *c = d->center;
	struct hh_fetched f;
	size_t i;
	int error, failed = 0;

	for (i = 0; i < c->npeers; i++) {
		error = hh_store_peer_fetch(&f, d->store, c->peers[i].agency,
		    c->peers[i].url);
		if (error == HH_EREFUSED || error == HH_ENOTFOUND) {
			hh_cli_warn("%s: peer %s refused: %s",
			    hh_text_quote(dir), c->peers[i].agency,
			    hh_error_last());
			failed = 1;
		} else if (error < 0) {
			hh_cli_warn("%s: peer %s not reached (tried again at "
			    "the next sync): %s", hh_text_quote(dir),
			    c->peers[i].agency, hh_error_last());
			failed = 1;
		} else if (f.commits == 0)
			say(quiet, "%s: peer %s at %.*s, nothing new\n", dir,
			    c->peers[i].agency, SHORT, f.after);
		else
			say(quiet, "%s: peer %s at %.*s, %zu new commit%s\n",
			    dir, c->peers[i].agency, SHORT, f.after,
			    f.commits, f.commits == 1 ? "" : "s");
	}
	return failed;
}

/* Push to every push_to remote: 1 if one failed. */
static int
push_all(struct hh_desk *d, const char *dir, int quiet)
{
	const struct hh_center *c = d->center;
	char head[HH_OID_MAX];
	size_t i;
	int same, error, failed = 0;

	for (i = 0; i < c->npush; i++) {
		error = hh_store_push(head, &same, d->store, c->push_to[i]);
		if (error == HH_EREFUSED || error == HH_ENOTFOUND) {
			hh_cli_warn("%s: push refused: %s",
			    hh_text_quote(dir), hh_error_last());
			failed = 1;
		} else if (error < 0) {
			hh_cli_warn("%s: push not reached (tried again at the "
			    "next sync): %s", hh_text_quote(dir),
			    hh_error_last());
			failed = 1;
		} else
			say(quiet, "%s: push %s at %.*s%s\n", dir,
			    c->push_to[i], SHORT, head,
			    same ? ", nothing new" : "");
	}
	return failed;
}

int
main(int argc, char *argv[])
{
	struct hh_cli cli = { .prog = "hh-sync", .usage = usage,
	    .accept = HH_CLI_DIR };
	struct hh_desk *d = NULL;
	const char *dir;
	int c, quiet = 0, failed, status = HH_EXIT_FAIL;

	hh_cli_init(&cli);
	while ((c = getopt_long(argc, argv, HH_CLI_SHORTOPTS, longopts,
	    NULL)) != -1) {
		if (hh_cli_common(&cli, c, optarg))
			continue;
		switch (c) {
		case OPT_QUIET:
			quiet = 1;
			break;
		default:
			hh_cli_usage(&cli);
		}
	}
	if (argc != optind) {
		hh_cli_warn("%s: no operand is taken (see hh-sync -h)",
		    hh_text_quote(argv[optind]));
		return HH_EXIT_USAGE;
	}
	dir = hh_desk_dir(cli.dir);
	if (hh_desk_open(&d, cli.dir) < 0) {
		hh_cli_warn("%s", hh_error_last());
		goto out;
	}
	hh_cli_notices(d->store);
	if (d->center->npeers == 0 && d->center->npush == 0) {
		hh_cli_warn("%s: center.json lists no peers and no push_to "
		    "(hh-center(5))", hh_text_quote(dir));
		goto out;
	}
	failed = fetch_peers(d, dir, quiet);
	failed |= push_all(d, dir, quiet);
	status = failed ? HH_EXIT_FAIL : HH_EXIT_OK;
out:
	hh_desk_free(d);
	return hh_cli_exit(status);
}
