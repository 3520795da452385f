/* hh-check - verify the history of the records */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "hh.h"

static const char usage[] =
"usage: hh-check [-C dir] [--since commit] [--anchor commit]... [--quiet]\n"
"                [--json]\n";

enum {
	OPT_SINCE = HH_OPT_OWN,
	OPT_ANCHOR,
	OPT_QUIET,
};

static const struct option longopts[] = {
	HH_CLI_LONGOPTS,
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "anchor", required_argument, NULL, OPT_ANCHOR },
	{ "quiet", no_argument, NULL, OPT_QUIET },
	{ NULL, 0, NULL, 0 },
};

#define SHORT 10	/* hex digits of a commit id in the findings */

/* Print the findings from *from on (text mode). */
static void
print_new(const struct hh_audit *a, size_t *from)
{
	const struct hh_finding *f;
	size_t i, n;

	f = hh_audit_findings(a, &n);
	for (i = *from; i < n; i++) {
		if (f[i].path != NULL)
			printf("%.*s: %s: %s\n", SHORT, f[i].commit, f[i].path,
			    f[i].message);
		else
			printf("%.*s: %s\n", SHORT, f[i].commit, f[i].message);
	}
	*from = n;
}

/* The contents a commit changed: new versions of every file (reading
 * them verifies their hashes), old versions of dossiers. */
static void
contents(struct hh_store *s, struct hh_audit *a, const struct hh_commit *c,
    struct hh_blob *old, struct hh_blob *new)
{
	size_t i;

	for (i = 0; i < c->nchanges; i++) {
		const struct hh_change *ch = &c->changes[i];
		char *data = NULL;
		size_t len = 0;

		old[i].data = new[i].data = NULL;
		old[i].len = new[i].len = 0;
		if (ch->new_id[0] && ch->new_mode != 0160000) {
			if (hh_store_blob(&data, &len, s, ch->new_id) < 0)
				hh_audit_add(a, c->id, ch->path, "unreadable: "
				    "%s", hh_error_last());
			new[i].data = data;
			new[i].len = len;
		}
		if (ch->old_id[0] && ch->old_mode == 0100644 &&
		    strncmp(ch->path, "dossiers/", 9) == 0) {
			if (hh_store_blob(&data, &len, s, ch->old_id) < 0)
				hh_audit_add(a, c->id, ch->path, "previous "
				    "version unreadable: %s", hh_error_last());
			old[i].data = data;
			old[i].len = len;
		}
	}
}

static int
check_history(struct hh_store *s, struct hh_audit *a, const char *since,
    int text, size_t *printed)
{
	const struct hh_commit *c;
	struct hh_walk *w = NULL;
	struct hh_blob *old = NULL, *new = NULL;
	char *center = NULL, *cal = NULL, base[HH_OID_MAX];
	size_t clen = 0, callen = 0, i, cap = 0;
	int error, rc;

	if (since != NULL) {
		if ((error = hh_store_resolve(base, s, since)) < 0)
			return hh_error_set(error, "--since: %s: no such "
			    "commit", hh_quote(since));
		if ((error = hh_store_read_at(&center, &clen, s, base,
		    "center.json")) < 0 && error != HH_ENOTFOUND)
			return error;
		if ((error = hh_store_read_at(&cal, &callen, s, base,
		    "calendar")) < 0 && error != HH_ENOTFOUND)
			goto out;
		if (hh_audit_seed(a, center, clen, cal, callen, 0) < 0)
			hh_audit_add(a, base, NULL, "--since: %s",
			    hh_error_last());
	}
	if ((error = hh_walk_open(&w, s, since)) < 0)
		goto out;
	while ((rc = hh_walk_next(&c, w)) > 0) {
		if (c->nchanges > cap) {
			cap = c->nchanges * 2;
			old = realloc(old, cap * sizeof(*old));
			new = realloc(new, cap * sizeof(*new));
			if (old == NULL || new == NULL)
				abort();
		}
		contents(s, a, c, old, new);
		hh_audit_commit(a, c, old, new);
		for (i = 0; i < c->nchanges; i++) {
			free((char *)old[i].data);
			free((char *)new[i].data);
		}
		if (text)
			print_new(a, printed);
	}
	error = rc < 0 ? rc : HH_OK;
out:
	hh_walk_free(w);
	free(old);
	free(new);
	free(center);
	free(cal);
	return error;
}

static void
check_disk(struct hh_store *s, struct hh_audit *a)
{
	static const char *const what[] = {
		"in the records but missing on disk",
		"differs from the records (edited by hand?)",
		"on disk but not in the records",
	};
	struct hh_diskdiff *v = NULL;
	char mark[HH_OID_MAX];
	size_t i, n;

	hh_store_exported(mark, s);
	if (*mark && strcmp(mark, hh_store_head(s)) != 0)
		hh_audit_add(a, hh_store_head(s), NULL, "the files on disk show "
		    "commit %.*s, not HEAD (the next hh command updates them)",
		    SHORT, mark);
	if (hh_store_disk_diff(&v, &n, s) < 0) {
		hh_audit_add(a, hh_store_head(s), NULL, "files on disk: %s",
		    hh_error_last());
		return;
	}
	for (i = 0; i < n; i++)
		hh_audit_add(a, hh_store_head(s), v[i].path, "%s",
		    what[v[i].what]);
	hh_diskdiff_free(v, n);
}

static void
check_anchors(struct hh_store *s, struct hh_audit *a, char **anchors,
    size_t n)
{
	char id[HH_OID_MAX];
	size_t i;

	for (i = 0; i < n; i++) {
		if (hh_store_resolve(id, s, anchors[i]) < 0)
			hh_audit_add(a, anchors[i], NULL, "anchor: no such "
			    "commit in the records (history rewritten?)");
		else if (!hh_store_contains(s, id))
			hh_audit_add(a, id, NULL, "anchor: not in the history "
			    "of HEAD (history rewritten)");
	}
}

static void
print_json(const struct hh_store *s, const struct hh_audit *a)
{
	const struct hh_finding *f;
	cJSON *root = cJSON_CreateObject(), *arr, *o;
	char *text;
	size_t i, n;

	cJSON_AddStringToObject(root, "head", hh_store_head(s));
	cJSON_AddNumberToObject(root, "commits_checked",
	    (double)hh_audit_checked(a));
	arr = cJSON_AddArrayToObject(root, "findings");
	f = hh_audit_findings(a, &n);
	for (i = 0; i < n; i++) {
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "commit", f[i].commit);
		if (f[i].path != NULL)
			cJSON_AddStringToObject(o, "path", f[i].path);
		cJSON_AddStringToObject(o, "message", f[i].message);
		cJSON_AddItemToArray(arr, o);
	}
	text = cJSON_Print(root);
	printf("%s\n", text);
	cJSON_free(text);
	cJSON_Delete(root);
}

int
main(int argc, char *argv[])
{
	struct hh_cli cli = { "hh-check", usage, NULL, NULL, NULL, NULL, 0,
	    0 };
	struct hh_store *s = NULL;
	struct hh_audit *a = NULL;
	const char *dir, *since = NULL;
	char **anchors = NULL;
	size_t nanchors = 0, printed = 0, nfind;
	int c, quiet = 0, status = HH_EXIT_FAIL;

	hh_priv_init();	/* first: nothing the caller set is trusted */
	while ((c = getopt_long(argc, argv, HH_CLI_SHORTOPTS, longopts,
	    NULL)) != -1) {
		if (hh_cli_common(&cli, c, optarg))
			continue;
		switch (c) {
		case OPT_SINCE:
			since = optarg;
			break;
		case OPT_ANCHOR:
			/* a finding names it: text, not control characters */
			if (*optarg == '\0' ||
			    !hh_utf8_valid(optarg, strlen(optarg), 0)) {
				fprintf(stderr, "hh-check: --anchor: \"%s\" "
				    "is not a commit name\n", hh_quote(optarg));
				goto out;
			}
			anchors = realloc(anchors, (nanchors + 1) *
			    sizeof(*anchors));
			if (anchors == NULL)
				abort();
			anchors[nanchors++] = optarg;
			break;
		case OPT_QUIET:
			quiet = 1;
			break;
		default:
			hh_cli_usage(&cli);
		}
	}
	if (optind != argc || cli.actor || cli.at || cli.batch || cli.dry)
		hh_cli_usage(&cli);

	dir = hh_records_dir(cli.dir);
	hh_audit_new(&a);
	if (hh_store_open(&s, dir) < 0) {
		fprintf(stderr, "hh-check: %s: %s\n", hh_quote(dir),
		    hh_error_last());
		goto out;
	}
	if (check_history(s, a, since, !cli.json, &printed) < 0) {
		fprintf(stderr, "hh-check: %s: %s\n", hh_quote(dir),
		    hh_error_last());
		goto out;
	}
	if (*hh_store_head(s))
		check_disk(s, a);
	check_anchors(s, a, anchors, nanchors);
	hh_audit_findings(a, &nfind);
	if (cli.json)
		print_json(s, a);
	else {
		print_new(a, &printed);
		if (!quiet)
			printf("%s: HEAD %.*s: %zu commit%s checked, %zu "
			    "finding%s\n", dir, SHORT, hh_store_head(s),
			    hh_audit_checked(a),
			    hh_audit_checked(a) == 1 ? "" : "s", nfind,
			    nfind == 1 ? "" : "s");
	}
	status = nfind ? HH_EXIT_FAIL : HH_EXIT_OK;
out:
	free(anchors);
	hh_audit_free(a);
	hh_store_free(s);
	if (fflush(stdout) == EOF || ferror(stdout)) {
		perror("hh-check: stdout");
		status = HH_EXIT_FAIL;
	}
	return status;
}
