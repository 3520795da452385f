/* hh-init - create a records tree, or commit a change of its configuration */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <grp.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "hh.h"

static const char usage[] =
"usage: hh-init [-n] [--actor id] [--agency code] [--name text]\n"
"               [--group group] [--from folder] [--import-procedures file]\n"
"               [--rotate-key] [--witness url] [dir]\n"
"       hh-init [-C dir] [--json] --list departments | staff | procedures\n";

enum {
	OPT_AGENCY = HH_OPT_OWN,
	OPT_NAME,
	OPT_GROUP,
	OPT_IMPORT,
	OPT_FROM,
	OPT_ROTATE,
	OPT_WITNESS,
	OPT_LIST,
};

static const struct option longopts[] = {
	HH_CLI_LONGOPTS,
	{ "agency", required_argument, NULL, OPT_AGENCY },
	{ "name", required_argument, NULL, OPT_NAME },
	{ "group", required_argument, NULL, OPT_GROUP },
	{ "import-procedures", required_argument, NULL, OPT_IMPORT },
	{ "from", required_argument, NULL, OPT_FROM },
	{ "rotate-key", no_argument, NULL, OPT_ROTATE },
	{ "witness", required_argument, NULL, OPT_WITNESS },
	{ "list", required_argument, NULL, OPT_LIST },
	{ NULL, 0, NULL, 0 },
};

/* The configuration files: center.json, calendar, procedures/<code>.json. */
struct conf {
	struct hh_file *f;
	char **paths, **data;
	size_t n, cap;
};

static void
conf_put(struct conf *c, const char *path, char *data)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->paths[i], path) == 0) {
			free(c->data[i]);
			c->data[i] = data;
			return;
		}
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->paths = hh_xrealloc(c->paths, c->cap * sizeof(*c->paths));
		c->data = hh_xrealloc(c->data, c->cap * sizeof(*c->data));
	}
	c->paths[c->n] = hh_xstrdup(path);
	c->data[c->n++] = data;
}

static void
conf_free(struct conf *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->paths[i]);
		free(c->data[i]);
	}
	free(c->paths);
	free(c->data);
	free(c->f);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* HH_EINVALID unless path is a regular file (a folder if dir), not a
 * symbolic link: the records tree must not lead out of itself. */
static int
no_link(const char *path, int dir)
{
	struct stat st;

	if (lstat(path, &st) < 0)
		return errno == ENOENT ? HH_OK : hh_error_set(HH_ERROR,
		    "%s: %s", path, strerror(errno));
	if (dir ? !S_ISDIR(st.st_mode) : !S_ISREG(st.st_mode))
		return hh_error_set(HH_EINVALID, "%s: not a %s%s", path,
		    dir ? "directory" : "regular file",
		    S_ISLNK(st.st_mode) ? " (a symbolic link)" : "");
	return HH_OK;
}

/* Read center.json, calendar and the procedures in procdir into c;
 * intree: they are in a records tree, where no symbolic link is taken. */
static int
collect(struct conf *c, const char *center, const char *calendar,
    const char *procdir, int intree)
{
	struct dirent *e;
	struct stat st;
	char **names = NULL, *path, *data;
	size_t n = 0, i;
	DIR *dp;
	int error;

	if (intree && ((error = no_link(center, 0)) < 0 ||
	    (error = no_link(calendar, 0)) < 0 ||
	    (error = no_link(procdir, 1)) < 0))
		return error;
	if ((error = hh_file_read(&data, NULL, center)) < 0)
		return error;
	conf_put(c, "center.json", data);
	if ((error = hh_file_read(&data, NULL, calendar)) < 0)
		return error;
	conf_put(c, "calendar", data);
	if ((dp = opendir(procdir)) == NULL)
		return hh_error_set(HH_ERROR, "%s: %s", procdir,
		    strerror(errno));
	while ((e = readdir(dp)) != NULL) {
		size_t len = strlen(e->d_name);

		if (len < 6 || strcmp(e->d_name + len - 5, ".json") != 0)
			continue;
		names = hh_xrealloc(names, (n + 1) * sizeof(*names));
		names[n++] = hh_xstrdup(e->d_name);
	}
	closedir(dp);
	qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n && error == HH_OK; i++) {
		path = hh_xasprintf("%s/%s", procdir, names[i]);
		if (lstat(path, &st) < 0)
			error = hh_error_set(HH_ERROR, "%s: %s", path,
			    strerror(errno));
		else if (!S_ISREG(st.st_mode))
			error = hh_error_set(HH_EINVALID,
			    "%s: not a regular file%s", path,
			    S_ISLNK(st.st_mode) ? " (a symbolic link)" : "");
		else if ((error = hh_file_read(&data, NULL, path)) == HH_OK) {
			free(path);
			path = hh_xasprintf("procedures/%s", names[i]);
			conf_put(c, path, data);
		}
		free(path);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return error;
}

/* Set --agency and --name in center.json. */
static int
patch_center(struct conf *c, const char *agency, const char *name)
{
	cJSON *root = hh_json_parse(c->data[0], strlen(c->data[0]));

	if (root == NULL)
		return hh_error_prefix(HH_EINVALID, "center.json");
	if (agency && !hh_text_agency(agency)) {
		cJSON_Delete(root);
		return hh_error_set(HH_EINVALID, "--agency: \"%s\" is not an "
		    "agency identifier (capitals, digits and dots, e.g. "
		    "H15.50.05.13 or 000.17.22.H56)", hh_text_quote(agency));
	}
	if (agency)
		cJSON_ReplaceItemInObjectCaseSensitive(root, "agency_code",
		    cJSON_CreateString(agency));
	if (name)
		cJSON_ReplaceItemInObjectCaseSensitive(root, "name",
		    cJSON_CreateString(name));
	free(c->data[0]);
	c->data[0] = hh_json_print(root, 0);
	cJSON_Delete(root);
	return HH_OK;
}

static int
import_csv(struct conf *c, const char *file)
{
	struct hh_center *center = NULL;
	cJSON *arr = NULL, *p;
	char *text = NULL, *path;
	size_t len;
	int error;

	hh_priv_as_caller(1);	/* the caller's file,
	    with the caller's rights */
	error = hh_file_read(&text, &len, file);
	hh_priv_as_caller(0);
	/* the departments checked here, where the CSV's lines are known */
	if (error < 0 || (error = hh_center_parse(&center, c->data[0],
	    strlen(c->data[0]))) < 0 ||
	    (error = hh_csv_procedures_in(&arr, text, len, file,
	    center)) < 0)
		goto out;
	cJSON_ArrayForEach(p, arr) {
		path = hh_xasprintf("procedures/%s.json",
		    cJSON_GetObjectItemCaseSensitive(p, "code")->valuestring);
		conf_put(c, path, hh_json_print(p, 0));
		free(path);
	}
out:
	hh_center_free(center);
	cJSON_Delete(arr);
	free(text);
	return error;
}

/* The whole configuration checked as one. */
static int
validate(struct conf *c, struct hh_center **center)
{
	struct hh_calendar *cal = NULL;
	struct hh_procedure *p = NULL;
	char code[128];
	size_t i, nproc = 0;
	int error;

	if ((error = hh_center_parse(center, c->data[0],
	    strlen(c->data[0]))) < 0)
		return error;
	if ((error = hh_calendar_parse(&cal, c->data[1], strlen(c->data[1]),
	    "calendar")) < 0)
		return error;
	hh_calendar_free(cal);
	for (i = 2; i < c->n; i++) {
		size_t len = strlen(c->paths[i]);

		snprintf(code, sizeof(code), "%.*s", (int)(len - 16),
		    c->paths[i] + 11);
		if ((error = hh_procedure_parse(&p, c->data[i],
		    strlen(c->data[i]), code, *center)) < 0)
			return error;
		hh_procedure_free(p);
		nproc++;
	}
	if (nproc == 0)
		return hh_error_set(HH_EINVALID,
		    "procedures: the catalogue is empty");
	return HH_OK;
}

/* Files that differ from HEAD, and procedures gone from disk. */
static size_t
changes(struct conf *c, struct hh_store *s)
{
	char **names = NULL, *old, *path;
	size_t i, j, n = 0, nnames;

	c->f = hh_xcalloc(c->n + 1, sizeof(*c->f));
	for (i = 0; i < c->n; i++) {
		if (hh_store_read(&old, NULL, s, c->paths[i]) == HH_OK &&
		    strcmp(old, c->data[i]) == 0) {
			free(old);
			continue;
		}
		free(old);
		c->f[n].path = c->paths[i];
		c->f[n].data = c->data[i];
		c->f[n++].len = strlen(c->data[i]);
	}
	if (hh_store_list(&names, &nnames, s, "procedures") < 0)
		return n;
	for (j = 0; j < nnames; j++) {
		path = hh_xasprintf("procedures/%s", names[j]);
		for (i = 0; i < c->n; i++)
			if (strcmp(c->paths[i], path) == 0)
				break;
		if (i == c->n) {
			c->f = hh_xrealloc(c->f, (n + 1) * sizeof(*c->f));
			conf_put(c, path, NULL);	/* keeps path alive */
			c->f[n].path = c->paths[c->n - 1];
			c->f[n].data = NULL;
			c->f[n++].len = 0;
		}
		free(path);
	}
	hh_mem_strv_free(names);
	return n;
}

/* One line of allowed_signers (hh-records(5)). */
static void
signer_line(struct hh_buf *b, const char *principal,
    const unsigned char pub[HH_KEY_PUB], int64_t after, int64_t before)
{
	char t[HH_TIME_MAX], *key = hh_key_public_text(pub);

	hh_table_printf(b, "%s namespaces=\"git\"", principal);
	if (after != 0) {
		hh_signers_time(t, after);
		hh_table_printf(b, ",valid-after=\"%s\"", t);
	}
	if (before != 0) {
		hh_signers_time(t, before);
		hh_table_printf(b, ",valid-before=\"%s\"", t);
	}
	hh_table_printf(b, " %s\n", key);
	free(key);
}

/*
 * A new signing key for the tree, into *k, and the allowed_signers text
 * that lists it: the keys before it kept, the one signing until now (if
 * any) valid until now, the new one from now (from the start, in a new
 * tree).  The key is written as pending; hh_store_key_commit takes it
 * once the commit is in.
 */
static int
new_key(char **text, struct hh_key *k, int *pending, struct hh_store *s,
    const struct hh_center *center, int create)
{
	struct hh_buf b = { NULL, 0, 0 };
	struct hh_signers *sg = NULL;
	unsigned char seed[HH_KEY_SEED], cur[HH_KEY_PUB];
	char *old = NULL;
	size_t len, i;
	int64_t now = hh_priv_now();
	int error, signing = 0;

	*text = NULL;
	if ((error = hh_priv_seed(seed)) < 0)
		return error;
	hh_key_from_seed(k, seed);
	memset(seed, 0, sizeof(seed));
	if (!create) {
		if ((error = hh_store_key_public(cur, s)) == HH_OK)
			signing = 1;
		else if (error != HH_ENOTFOUND)
			return error;
		if (signing && memcmp(cur, k->pub, HH_KEY_PUB) == 0)
			return hh_error_set(HH_EEXISTS, "--rotate-key: the "
			    "new key is the one in use (HH_KEY_SEED unchanged?)");
		error = hh_store_read(&old, &len, s, HH_SIGNERS_FILE);
		if (error == HH_OK)
			error = hh_signers_parse(&sg, old, len);
		free(old);
		if (error < 0 && error != HH_ENOTFOUND)
			return error;
	}
	hh_table_puts(&b, "# allowed_signers - the keys that sign this records "
	    "tree's commits, and when\n# (hh-records(5)); git verifies with "
	    "it: git log --show-signature\n");
	for (i = 0; sg != NULL && i < sg->n; i++) {
		const struct hh_signer *o = &sg->v[i];

		signer_line(&b, o->principal, o->pub, o->after,
		    signing && o->before == 0 &&
		    memcmp(o->pub, cur, HH_KEY_PUB) == 0 ? now : o->before);
	}
	hh_signers_free(sg);
	signer_line(&b, center->agency_code, k->pub, signing ? now : 0, 0);
	*pending = signing;
	if ((error = hh_store_key_set(s, k, signing)) < 0) {
		free(hh_table_done(&b));
		return error;
	}
	*text = hh_table_done(&b);
	return HH_OK;
}

static int
is_empty_dir(const char *dir)
{
	struct dirent *e;
	DIR *dp = opendir(dir);
	int empty = 1;

	if (dp == NULL)
		return errno == ENOENT;
	while (empty && (e = readdir(dp)) != NULL)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			empty = 0;
	closedir(dp);
	return empty;
}

/*
 * --witness: the witness is made if it is a local folder not there yet,
 * reached, and given the branch; only then is it written in
 * DIR/.git/config.  A failure leaves the configuration as it was and
 * removes what was made.
 */
static int
set_witness(struct hh_store *s, const char *dir, const char *arg, int dry)
{
	char *url, cwd[4096], head[HH_OID_MAX];
	int created = 0, known, status = HH_EXIT_FAIL;

	/* a relative path: from where hh-init was run */
	if (arg[0] != '/' && strstr(arg, "://") == NULL &&
	    getcwd(cwd, sizeof(cwd)) != NULL)
		url = hh_xasprintf("%s/%s", cwd, arg);
	else
		url = hh_xstrdup(arg);
	if (!hh_store_witness_url_ok(url)) {
		hh_cli_warn("--witness: \"%s\" is not a path nor a file://, "
		    "git:// or ssh:// URL (without blanks, quotes, %% ; #)",
		    hh_text_quote(arg));
		goto out;
	}
	if (dry) {
		printf("%s: witness %s valid\n", dir, url);
		status = HH_EXIT_OK;
		goto out;
	}
	if (hh_store_witness_create(&created, s, url) < 0 ||
	    hh_store_witness_head(head, &known, s, url) < 0 ||
	    hh_store_witness_push(s, url) < 0 ||
	    hh_store_witness_set(s, url) < 0) {
		hh_cli_warn("%s: witness %s", hh_text_quote(dir),
		    hh_error_last());
		if (created)
			hh_store_witness_remove(url);
		goto out;
	}
	printf("%s: witness %s at %s\n", dir, arg, hh_store_head(s));
	status = HH_EXIT_OK;
out:
	free(url);
	return status;
}

/* One id, name (and more with json) of what --list lists. */
static void
list_put(cJSON *a, FILE *f, const char *id, const char *name,
    const char *role, const char *dept)
{
	char *v;
	cJSON *o;

	/* the tab is the separator: the name shown as hh_text_visible
	 * shows it, on its own */
	if (f != NULL) {
		v = hh_text_visible(name, strlen(name));
		fprintf(f, "%s\t%s\n", id, v ? v : name);
		free(v);
		return;
	}
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", id);
	cJSON_AddStringToObject(o, "name", name);
	if (role != NULL)
		cJSON_AddStringToObject(o, "role", role);
	if (dept != NULL)
		cJSON_AddStringToObject(o, "department", dept);
	cJSON_AddItemToArray(a, o);
}

/* --list: the departments, staff or procedures at HEAD of dir, one "id
 * TAB name" a line, or a JSON array. */
static int
list(const char *dir, const char *what, int json)
{
	struct hh_desk *d = NULL;
	struct hh_procedure *p;
	cJSON *a = json ? cJSON_CreateArray() : NULL;
	char **names = NULL, *buf = NULL;
	size_t i, n = 0, len = 0;
	FILE *f = NULL;
	int status = HH_EXIT_FAIL;

	if (!json && (f = open_memstream(&buf, &len)) == NULL)
		abort();
	if (hh_desk_open(&d, dir) < 0 || (*what == 'p' &&
	    hh_desk_procedures(&names, &n, d) < 0)) {
		hh_cli_warn("%s", hh_error_last());
		goto out;
	}
	hh_cli_notices(d->store);
	if (*what == 'd')
		for (i = 0; i < d->center->ndepts; i++)
			list_put(a, f, d->center->depts[i].id,
			    d->center->depts[i].name, NULL, NULL);
	else if (*what == 's')
		for (i = 0; i < d->center->nstaff; i++)
			list_put(a, f, d->center->staff[i].id,
			    d->center->staff[i].name, d->center->staff[i].role,
			    d->center->staff[i].department);
	for (i = 0; i < n; i++) {
		if (hh_desk_procedure(&p, d, names[i]) < 0) {
			hh_cli_warn("%s", hh_error_last());
			goto out;
		}
		list_put(a, f, p->code, p->name, NULL, p->department);
		hh_procedure_free(p);
	}
	status = HH_EXIT_OK;
out:
	if (f != NULL && fclose(f) != 0)
		abort();
	if (status == HH_EXIT_OK && json)
		hh_cli_json(a, 0);
	else
		cJSON_Delete(a);
	if (status == HH_EXIT_OK && buf != NULL)
		fputs(buf, stdout);
	free(buf);
	hh_mem_strv_free(names);
	hh_desk_free(d);
	return status;
}

int
main(int argc, char *argv[])
{
	struct hh_cli cli = { .prog = "hh-init", .usage = usage,
	    .accept = HH_CLI_DIR | HH_CLI_ACTOR | HH_CLI_DRY | HH_CLI_JSON };
	struct hh_desk *d = NULL;
	struct hh_store *s = NULL;
	struct hh_center *center = NULL;
	const struct hh_staff *actor = NULL;
	const char *dir, *agency = NULL, *name = NULL, *group = NULL;
	const char *import = NULL, *from = NULL, *witness = NULL, *id;
	const char *what = NULL;
	struct conf conf = { 0 };
	struct hh_author a;
	struct hh_key key;
	char *p1 = NULL, *p2 = NULL, *p3 = NULL, *msg = NULL, *signers = NULL;
	char fp[HH_KEY_FPMAX];
	size_t n, i;
	int c, create, rotate = 0, pending = 0, error, status = HH_EXIT_FAIL;

	memset(&key, 0, sizeof(key));
	hh_cli_init(&cli);
	while ((c = getopt_long(argc, argv, HH_CLI_SHORTOPTS, longopts,
	    NULL)) != -1) {
		if (hh_cli_common(&cli, c, optarg))
			continue;
		switch (c) {
		case OPT_AGENCY:
			agency = optarg;
			break;
		case OPT_NAME:
			name = optarg;
			break;
		case OPT_GROUP:
			group = optarg;
			break;
		case OPT_IMPORT:
			import = optarg;
			break;
		case OPT_FROM:
			from = optarg;
			break;
		case OPT_ROTATE:
			rotate = 1;
			break;
		case OPT_WITNESS:
			witness = optarg;
			break;
		case OPT_LIST:
			what = optarg;
			break;
		default:
			hh_cli_usage(&cli);
		}
	}
	if (what != NULL) {
		if (optind != argc || agency || name || group || import ||
		    from || rotate || witness || cli.actor || cli.dry)
			hh_cli_usage(&cli);
		if (strcmp(what, "departments") && strcmp(what, "staff") &&
		    strcmp(what, "procedures")) {
			hh_cli_warn("--list: \"%s\" is not departments, "
			    "staff or procedures", hh_text_quote(what));
			return HH_EXIT_USAGE;
		}
		return hh_cli_exit(list(cli.dir, what, cli.json));
	}
	if (cli.json)
		hh_cli_usage(&cli);
	/* the folder is the operand, not -C, and checked as -C is */
	if (argc - optind > 1 || cli.dir)
		hh_cli_usage(&cli);
	if (optind < argc)
		hh_cli_common(&cli, 'C', argv[optind]);
	dir = hh_desk_dir(cli.dir);
	create = is_empty_dir(dir);
	/* the records account makes trees only where root says */
	if (create && hh_priv_active() && hh_priv_caller() != 0) {
		hh_cli_warn("%s: only root creates a records tree "
		    "(a privileged install, hh(7))", hh_text_quote(dir));
		goto out;
	}
	if (create && (from || rotate)) {
		hh_cli_warn("%s: %s: only for a records tree "
		    "that exists (a new one starts from the template%s)",
		    hh_text_quote(dir), from ? "--from" : "--rotate-key",
		    from ? "" : " and makes its key");
		goto out;
	}
	if (witness && (create || agency || name || group || import ||
	    from || rotate)) {
		hh_cli_warn("%s: --witness: alone, for a records tree that "
		    "exists", hh_text_quote(dir));
		goto out;
	}
	if (create) {
		const char *share = hh_desk_share();

		p1 = hh_xasprintf("%s/records/center.json", share);
		p2 = hh_xasprintf("%s/records/calendar", share);
		p3 = hh_xasprintf("%s/procedures", share);
	} else {
		if (hh_desk_open(&d, dir) < 0) {
			hh_cli_warn("%s", hh_error_last());
			goto out;
		}
		hh_cli_notices(d->store);
		if (group) {
			hh_cli_warn("%s: --group: only when "
			    "creating a records tree", hh_text_quote(dir));
			goto out;
		}
		if (hh_desk_actor(d, cli.actor,
		    (const char *const[]){ "configure", NULL }) < 0) {
			hh_cli_warn("%s", hh_error_last());
			goto out;
		}
		actor = d->actor;
		if (witness) {
			status = set_witness(d->store, dir, witness, cli.dry);
			goto out;
		}
		p1 = hh_xasprintf("%s/center.json", from ? from : dir);
		p2 = hh_xasprintf("%s/calendar", from ? from : dir);
		p3 = hh_xasprintf("%s/procedures", from ? from : dir);
	}
	/* the caller's folder is read with the caller's rights */
	if (from)
		hh_priv_as_caller(1);
	error = collect(&conf, p1, p2, p3, !create && !from);
	if (from)
		hh_priv_as_caller(0);
	if (error < 0 ||
	    ((agency || name) && patch_center(&conf, agency, name) < 0) ||
	    (import && import_csv(&conf, import) < 0) ||
	    validate(&conf, &center) < 0) {
		hh_cli_warn("%s", hh_error_last());
		goto out;
	}
	if (create) {
		id = hh_desk_actor_id(cli.actor);
		for (i = 0; !id && i < center->nstaff; i++)
			if (strcmp(center->staff[i].role, "admin") == 0)
				id = center->staff[i].id;
		if ((actor = hh_center_staff(center, id)) == NULL ||
		    !hh_center_role_allows(actor->role, "configure")) {
			hh_cli_warn("actor %s: not an admin of "
			    "the new centre", hh_text_quote(id));
			goto out;
		}
		/* before anything is made (-n checks it too) */
		if (group && getgrnam(group) == NULL) {
			hh_cli_warn("--group: no such group %s",
			    hh_text_quote(group));
			goto out;
		}
	}
	if (cli.dry) {
		printf("%s: configuration valid\n", dir);
		status = HH_EXIT_OK;
		goto out;
	}
	/* the umask is hh_priv_init's; the modes are hh_store_create's */
	if (create && mkdir(dir, 0700) < 0 && errno != EEXIST) {
		hh_cli_warn("%s: %s", hh_text_quote(dir),
		    strerror(errno));
		goto out;
	}
	if (create && hh_store_create(&s, dir, group) < 0) {
		hh_cli_warn("%s: %s", hh_text_quote(dir),
		    hh_error_last());
		goto out;
	}
	if (s != NULL)
		hh_cli_notices(s);
	if (!create)
		s = d->store;
	if (hh_store_lock(s) < 0) {
		hh_cli_warn("%s: %s", hh_text_quote(dir),
		    hh_error_last());
		goto out;
	}
	if ((create || rotate) && new_key(&signers, &key, &pending, s, center,
	    create) < 0) {
		hh_store_unlock(s);
		hh_cli_warn("%s: %s", hh_text_quote(dir), hh_error_last());
		goto out;
	}
	if (signers != NULL) {
		conf_put(&conf, HH_SIGNERS_FILE, signers);
		signers = NULL;
	}
	n = changes(&conf, s);
	if (n == 0) {
		hh_store_unlock(s);
		printf("%s: nothing to commit, configuration unchanged\n", dir);
		status = HH_EXIT_OK;
		goto out;
	}
	hh_key_fingerprint(fp, key.pub);
	msg = create ?
	    hh_xasprintf("init %s: %s\n\nAction: configure\nActor: %s\n",
	    center->agency_code, center->name, actor->id) : rotate ?
	    hh_xasprintf("configure %s: signing key %s\n\nAction: configure\n"
	    "Actor: %s\n", center->agency_code, fp, actor->id) :
	    hh_xasprintf("configure %s: %zu file%s\n\nAction: configure\n"
	    "Actor: %s\n", center->agency_code, n, n == 1 ? "" : "s",
	    actor->id);
	a.name = actor->name;
	a.email = actor->email;
	a.when = hh_priv_now();
	if (hh_store_commit(s, conf.f, n, &a, msg) < 0) {
		hh_store_unlock(s);
		hh_cli_warn("%s: %s", hh_text_quote(dir),
		    hh_error_last());
		goto out;
	}
	/* the commit listing the new key is in: sign with it from now */
	if (pending && hh_store_key_commit(s) < 0) {
		hh_store_unlock(s);
		hh_cli_warn("%s: %s", hh_text_quote(dir), hh_error_last());
		goto out;
	}
	hh_store_unlock(s);
	printf("%s: %s %s (%zu file%s)\n", dir, create ? "created" :
	    "configured", hh_store_head(s), n, n == 1 ? "" : "s");
	if (create || rotate)
		printf("%s: signing key %s\n", dir, fp);
	status = HH_EXIT_OK;
out:
	if (create)
		hh_store_free(s);
	hh_desk_free(d);
	hh_center_free(center);
	conf_free(&conf);
	memset(&key, 0, sizeof(key));
	free(signers);
	free(p1);
	free(p2);
	free(p3);
	free(msg);
	return hh_cli_exit(status);
}
