/* hh-check - verify the history of the records */
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "hh.h"

static const char usage[] =
"usage: hh-check [-C dir] [--full | --since commit] [--anchor commit]...\n"
"                [--quiet] [--json] [--witness]\n";

enum {
	OPT_SINCE = HH_OPT_OWN,
	OPT_ANCHOR,
	OPT_QUIET,
	OPT_WITNESS,
	OPT_FULL,
};

static const struct option longopts[] = {
	HH_CLI_LONGOPTS,
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "anchor", required_argument, NULL, OPT_ANCHOR },
	{ "quiet", no_argument, NULL, OPT_QUIET },
	{ "witness", no_argument, NULL, OPT_WITNESS },
	{ "full", no_argument, NULL, OPT_FULL },
	{ NULL, 0, NULL, 0 },
};

#define SHORT 10	/* hex digits of a commit id in the findings */

/* Print the findings from *from on (text mode). */
static void
print_new(const struct hh_audit *a, size_t *from)
{
	const struct hh_finding *f;
	size_t i, n;
	char *line, *p;

	f = hh_audit_findings(a, &n);
	for (i = *from; i < n; i++) {
		line = f[i].path != NULL ? hh_xasprintf("%.*s: %s: %s", SHORT,
		    f[i].commit, f[i].path, f[i].message) :
		    hh_xasprintf("%.*s: %s", SHORT, f[i].commit, f[i].message);
		/* one finding, one line: what a forged commit put in a path
		 * or a trailer is shown, never acted on */
		for (p = line; (p = strchr(p, '\n')) != NULL; )
			*p = '\r';
		hh_cli_print(line);
		putchar('\n');
		free(line);
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

/* The head the last clean check verified (.git/hh/verified, the records
 * account's: the head, and on a second line the instant, in ns, at which
 * that check began if it compared the files on disk), into out, and that
 * instant into *disk_at (0 if none); "" if there is none to trust.  1 if
 * HEAD contains it. */
static int
read_verified(struct hh_store *s, char out[HH_OID_MAX], int64_t *disk_at)
{
	char *text = NULL, *nl, *end;
	size_t len;
	long long at;

	*out = '\0';
	*disk_at = 0;
	if (hh_store_private_read(&text, &len, s, "verified", 128) < 0)
		return 0;
	if ((nl = strchr(text, '\n')) != NULL) {
		*nl++ = '\0';
		errno = 0;
		at = strtoll(nl, &end, 10);
		if (errno == 0 && end != nl && *end == '\n' && at > 0)
			*disk_at = at;
	}
	/* one too long is not a commit: contained in nothing */
	snprintf(out, HH_OID_MAX, "%s", text);
	free(text);
	return *out && hh_store_contains(s, out);
}

/* The head the last clean check verified must still be in the history:
 * a branch moved back and replayed shows, with no --anchor. */
static void
check_verified(struct hh_store *s, struct hh_audit *a, const char *verified,
    int contained)
{
	if (*verified && !contained)
		hh_audit_add(a, hh_store_head(s), NULL, "HEAD does not contain "
		    "%.*s, the head hh-check last found clean: the branch was "
		    "moved back", SHORT, verified);
}

/* hh-log's history index (hh-records(5)) damaged, or listing other
 * commits than the history has: reported (the next hh-log rebuilds it). */
static void
check_history_index(struct hh_store *s, struct hh_audit *a, int full,
    struct hh_seen *seen)
{
	if (hh_store_log_check(s, full, seen) < 0)
		hh_audit_add(a, hh_store_head(s), NULL, "history index: %s "
		    "(the next hh-log rebuilds it)", hh_error_last());
}

/* hh_audit_list_fn: a folder of the tree as of commit. */
static int
list_at(char ***names, size_t *n, void *arg, const char *commit,
    const char *dir)
{
	int error = hh_store_list_at(names, n, arg, commit, dir);

	return error == HH_ENOTFOUND ? HH_OK : error;
}

/* The catalogue as of base, for the intakes replayed after it. */
static int
seed_catalogue(struct hh_store *s, struct hh_audit *a, const char *base)
{
	char **names = NULL, *path, *text, *code;
	size_t n = 0, i, len, k;
	int error;

	if ((error = hh_store_list_at(&names, &n, s, base, "procedures")) < 0)
		return error == HH_ENOTFOUND ? HH_OK : error;
	for (i = 0; i < n && error == HH_OK; i++) {
		k = strlen(names[i]);
		if (k <= 5 || strcmp(names[i] + k - 5, ".json") != 0)
			continue;
		path = hh_xasprintf("procedures/%s", names[i]);
		code = hh_xasprintf("%.*s", (int)(k - 5), names[i]);
		text = NULL;
		if ((error = hh_store_read_at(&text, &len, s, base,
		    path)) == HH_OK && hh_audit_seed_procedure(a, code, text,
		    len) < 0)
			hh_audit_add(a, base, path, "--since: %s",
			    hh_error_last());
		free(text);
		free(path);
		free(code);
	}
	hh_mem_strv_free(names);
	return error;
}

static int
check_history(struct hh_store *s, struct hh_audit *a, const char *since,
    int text, size_t *printed, struct hh_seen *seen)
{
	const struct hh_commit *c;
	struct hh_walk *w = NULL;
	struct hh_blob *old = NULL, *new = NULL;
	const char *base = since;
	char *center = NULL, *cal = NULL, *signers = NULL;
	char *sig, *data;
	size_t clen = 0, callen = 0, slen = 0, siglen = 0, dlen = 0, i, cap = 0;
	int64_t first, recorded;
	int error, rc;

	if (since != NULL) {
		if ((error = hh_store_read_at(&center, &clen, s, base,
		    "center.json")) < 0 && error != HH_ENOTFOUND)
			return error;
		if ((error = hh_store_read_at(&cal, &callen, s, base,
		    "calendar")) < 0 && error != HH_ENOTFOUND)
			goto out;
		if ((error = hh_store_read_at(&signers, &slen, s, base,
		    HH_SIGNERS_FILE)) < 0 && error != HH_ENOTFOUND)
			goto out;
		if (hh_audit_seed_signers(a, signers, slen) < 0)
			hh_audit_add(a, base, HH_SIGNERS_FILE, "--since: %s",
			    hh_error_last());
		if ((error = hh_store_recorded(&recorded, s, base)) < 0)
			goto out;
		if (hh_audit_seed(a, center, clen, cal, callen, recorded) < 0)
			hh_audit_add(a, base, NULL, "--since: %s",
			    hh_error_last());
		else if (seed_catalogue(s, a, base) < 0)
			goto out;
		hh_audit_lister(a, list_at, s);
		if (hh_store_root(&first, s) == HH_OK)
			hh_audit_first(a, first);
	}
	if ((error = hh_store_walk_open(&w, s, since)) < 0)
		goto out;
	while ((rc = hh_store_walk_next(&c, w)) > 0) {
		if (c->nchanges > cap) {
			cap = c->nchanges * 2;
			old = hh_xrealloc(old, cap * sizeof(*old));
			new = hh_xrealloc(new, cap * sizeof(*new));
		}
		hh_store_seen_add(seen, c);
		contents(s, a, c, old, new);
		hh_audit_commit(a, c, old, new);
		if ((error = hh_store_signature(&sig, &siglen, &data, &dlen, s,
		    c->id)) < 0 && error != HH_ENOTFOUND)
			hh_audit_add(a, c->id, NULL, "signature unreadable: %s",
			    hh_error_last());
		hh_audit_signature(a, c, sig, siglen, data, dlen);
		free(sig);
		free(data);
		for (i = 0; i < c->nchanges; i++) {
			free((char *)old[i].data);
			free((char *)new[i].data);
		}
		if (text)
			print_new(a, printed);
	}
	error = rc < 0 ? rc : HH_OK;
out:
	hh_store_walk_free(w);
	free(old);
	free(new);
	free(center);
	free(cal);
	free(signers);
	return error;
}

/* The files on disk against the commit they should show: the branch's
 * at the moment they are compared, with no hh writer exporting meanwhile
 * (hh_store_disk_compare), which is later than the snapshot if desks
 * committed since; the findings name it. */
static int
check_disk(struct hh_store *s, struct hh_audit *a, const char *dir,
    int64_t since)
{
	static const char *const what[] = {
		"in the records but missing on disk",
		"differs from the records (edited by hand?)",
		"on disk but not in the records",
	};
	struct hh_diskdiff *v = NULL;
	char at[HH_OID_MAX], mark[HH_OID_MAX];
	const char *c;
	size_t i, n;
	int error;

	error = hh_store_disk_compare(&v, &n, at, mark, s, since);
	c = *at ? at : hh_store_head(s);
	if (error == HH_ECONFLICT) {
		/* no finding: there is nothing wrong to report */
		hh_cli_warn("%s: note: the files on disk were "
		    "not compared: %s", hh_text_quote(dir), hh_error_last());
		return 0;
	}
	if (error < 0) {
		hh_audit_add(a, c, NULL, "files on disk: %s", hh_error_last());
		return 0;
	}
	if (*mark && !hh_store_descends(s, c, mark))
		hh_audit_add(a, c, NULL, "HEAD does not contain %.*s, the last "
		    "commit hh wrote: the branch was moved back", SHORT, mark);
	else if (*mark && strcmp(mark, c) != 0)
		hh_audit_add(a, c, NULL, "the files on disk show commit %.*s, "
		    "not HEAD (the next hh command updates them)", SHORT, mark);
	for (i = 0; i < n; i++)
		hh_audit_add(a, c, v[i].path, "%s", what[v[i].what]);
	hh_store_diskdiff_free(v, n);
	return 1;
}

/*
 * The repository is hh's: nothing in it that git would act on when an
 * auditor runs git log -p, git show or git gc on the tree.  DIR/.git/config
 * holds what hh-init writes, what git gc adds (nothing) and what a git
 * clone of the tree writes, with those values; any other key is reported,
 * and one that names a program git runs (a diff driver's textconv, a
 * filter, a pager, an alias...) or another file it reads (an include)
 * says so.
 */
static const struct {
	const char *name;
	const char *values;	/* '|' between them; NULL: any */
} hh_keys[] = {
	{ "core.repositoryformatversion", "0" },
	{ "core.filemode", "true|false" },
	{ "core.bare", "true" },		/* false too in a clone */
	{ "core.sharedrepository", "0660|0640" },
	{ "core.logallrefupdates", "always|true|false" },	/* hh-init: always */
	{ "remote.origin.url", NULL },
	{ "remote.origin.fetch", "+refs/heads/*:refs/remotes/origin/*" },
	{ "branch.main.remote", "origin" },
	{ "branch.main.merge", "refs/heads/main" },
	{ "gpg.format", "ssh" },
	{ "gpg.ssh.allowedsignersfile", "" },	/* the tree's own: signers() */
	{ "remote.witness.url", NULL },		/* hh-init --witness */
	{ "remote.witness.push", "refs/heads/main:refs/heads/main" },
};

/* Sections and keys (the name's last part) that name a program. */
static const char *const program_sections[] = { "alias", "filter", "gpg",
    "credential", "pager", "uploadpack", "receive", "sequence", "difftool",
    "mergetool", "browser", "man", NULL };
static const char *const program_keys[] = { "textconv", "command",
    "driver", "cmd", "editor", "pager", "sshcommand", "askpass", "gitproxy",
    "fsmonitor", "hookspath", "helper", "program", "uploadpack",
    "receivepack", "process", "clean", "smudge", "alternaterefscommand",
    "difffilter", "external", "packobjectshook", "browser", NULL };
static const char *const file_keys[] = { "attributesfile", "excludesfile",
    "worktree", NULL };

static int
in_list(const char *const *v, const char *s, size_t n)
{
	for (; *v != NULL; v++)
		if (strlen(*v) == n && strncmp(*v, s, n) == 0)
			return 1;
	return 0;
}

/* 1 if value is one of list ("true|false"). */
static int
value_in(const char *value, const char *list)
{
	size_t n;

	if (value == NULL)
		return 0;
	for (;;) {
		n = strcspn(list, "|");
		if (strlen(value) == n && strncmp(value, list, n) == 0)
			return 1;
		if (list[n] == '\0')
			return 0;
		list += n + 1;
	}
}

/* Why a key that is not hh's matters: "" if only because it is not. */
static const char *
key_reason(const char *name)
{
	const char *dot = strchr(name, '.'), *last = strrchr(name, '.');
	size_t n = dot ? (size_t)(dot - name) : strlen(name);

	if (n == 7 && strncmp(name, "include", 7) == 0)
		return " (git would read another file)";
	if (n == 9 && strncmp(name, "includeif", 9) == 0)
		return " (git would read another file)";
	if (in_list(program_sections, name, n) ||
	    (last && in_list(program_keys, last + 1, strlen(last + 1))))
		return " (a program git would run)";
	if (last && in_list(file_keys, last + 1, strlen(last + 1)))
		return " (git would read another file)";
	if (strcmp(name, "mailmap.file") == 0 ||
	    strcmp(name, "mailmap.blob") == 0)
		return " (git log would show other authors)";
	return "";
}

/* git's gpg.ssh.allowedSignersFile names the tree's own allowed_signers
 * (hh-init): any other file would make git trust other keys. */
static void
signers_key(struct hh_store *s, struct hh_audit *a, const char *k,
    const char *val)
{
	char *abs = realpath(hh_store_dir(s), NULL), *want;
	struct stat a1, a2;

	want = hh_xasprintf("%s/%s", abs ? abs : hh_store_dir(s),
	    HH_SIGNERS_FILE);
	/* the same file, by whatever path (a bind mount, a moved tree
	 * names none: reported) */
	if (val == NULL || *val != '/' || stat(val, &a1) < 0 ||
	    stat(want, &a2) < 0 || a1.st_dev != a2.st_dev ||
	    a1.st_ino != a2.st_ino)
		hh_audit_add(a, hh_store_head(s), ".git/config", "key %s = %s "
		    "is not hh's (hh writes %s: git would trust the keys "
		    "another file lists)", k, hh_text_quote(val ? val : ""),
		    hh_text_quote(want));
	free(abs);
	free(want);
}

static void
check_config(struct hh_store *s, struct hh_audit *a)
{
	const char *head = hh_store_head(s), *k, *val, *vals;
	struct hh_gitkey *v = NULL;
	char *want, *p;
	size_t i, j, n, m;
	int clone = 0;

	if (hh_store_config_keys(&v, &n, s) < 0) {
		hh_audit_add(a, head, ".git/config", "%s", hh_error_last());
		return;
	}
	for (i = 0; i < n; i++)
		if (strcmp(v[i].name, "remote.origin.url") == 0)
			clone = 1;
	for (i = 0; i < n; i++) {
		k = v[i].name;
		val = v[i].value;
		for (j = 0; j < sizeof(hh_keys) / sizeof(hh_keys[0]); j++)
			if (strcmp(k, hh_keys[j].name) == 0)
				break;
		if (j == sizeof(hh_keys) / sizeof(hh_keys[0])) {
			hh_audit_add(a, head, ".git/config", "key %s is not "
			    "hh's%s", hh_text_quote(k), key_reason(k));
			continue;
		}
		if (hh_keys[j].values != NULL && *hh_keys[j].values == '\0') {
			signers_key(s, a, k, val);
			continue;
		}
		if (strcmp(k, "remote.witness.url") == 0) {
			if (!hh_store_witness_url_ok(val))
				hh_audit_add(a, head, ".git/config", "key %s = "
				    "%s is not hh's (hh writes a path or a "
				    "file://, git:// or ssh:// URL)", k,
				    hh_text_quote(val ? val : ""));
			continue;
		}
		if (hh_keys[j].values == NULL) {
			/* the remote git fetches from: a path or URL, but
			 * ext:: runs a command */
			if (val == NULL || strncmp(val, "ext::", 5) == 0)
				hh_audit_add(a, head, ".git/config", "key %s = "
				    "%s is not hh's (a program git would run)",
				    k, hh_text_quote(val ? val : ""));
			continue;
		}
		if (value_in(val, hh_keys[j].values) ||
		    (clone && strcmp(k, "core.bare") == 0 &&
		    value_in(val, "false")))
			continue;
		/* "true|false": "hh writes true or false" */
		want = hh_xstrdup("");
		for (vals = hh_keys[j].values; *vals; vals += m +
		    (vals[m] == '|')) {
			m = strcspn(vals, "|");
			p = hh_xasprintf("%s%s%.*s", want, *want ? " or " : "",
			    (int)m, vals);
			free(want);
			want = p;
		}
		hh_audit_add(a, head, ".git/config", "key %s = %s is not hh's "
		    "(hh writes %s)", k, val ? hh_text_quote(val) : "(none)",
		    want);
		free(want);
	}
	hh_store_gitkeys_free(v, n);
}

/* The entries of DIR/.git/name (*v, to free), or 0 with a finding when
 * it cannot be read or is no folder: a symbolic link, through which git
 * would "what ... where it leads". */
static size_t
git_folder(struct hh_gitfile **v, struct hh_store *s, struct hh_audit *a,
    const char *name, const char *what)
{
	const char *head = hh_store_head(s);
	char *path = hh_xasprintf(".git/%s", name);
	size_t n = 0;
	int type;

	*v = NULL;
	if (hh_store_git_folder(v, &n, &type, s, name) < 0)
		hh_audit_add(a, head, path, "%s", hh_error_last());
	else if (type == 'l')
		hh_audit_add(a, head, path, "a symbolic link (git would %s "
		    "where it leads)", what);
	else if (type != 0 && type != 'd')
		hh_audit_add(a, head, path, "not a folder");
	free(path);
	return n;
}

/* DIR/.git/hooks: git runs a hook by its name; the *.sample files that
 * git init (and libgit2's) leaves are never run. */
static void
check_hooks(struct hh_store *s, struct hh_audit *a)
{
	const char *head = hh_store_head(s);
	struct hh_gitfile *v = NULL;
	char *path;
	size_t i, n, len;

	if ((n = git_folder(&v, s, a, "hooks", "run the hooks")) == 0)
		return;
	for (i = 0; i < n; i++) {
		len = strlen(v[i].name);
		if (v[i].type == 'f' && len > 7 &&
		    strcmp(v[i].name + len - 7, ".sample") == 0)
			continue;
		/* a name made by anyone: shown as hh_text_quote shows it */
		path = hh_xasprintf(".git/hooks/%s", hh_text_quote(v[i].name));
		hh_audit_add(a, head, path, "a hook (a program git would run)");
		free(path);
	}
	hh_store_gitfiles_free(v, n);
}

/* DIR/.git/info: exclude (git init's) and refs (git gc's) are harmless;
 * attributes can attach diff drivers and filters, grafts change the
 * history git shows. */
static void
check_info(struct hh_store *s, struct hh_audit *a)
{
	const char *head = hh_store_head(s), *name;
	struct hh_gitfile *v = NULL;
	char *path;
	size_t i, n;

	if ((n = git_folder(&v, s, a, "info", "read the files")) == 0)
		return;
	for (i = 0; i < n; i++) {
		name = v[i].name;
		path = hh_xasprintf(".git/info/%s", hh_text_quote(name));
		if (strcmp(name, "attributes") == 0) {
			if (v[i].type != 'f' || v[i].size > 0)
				hh_audit_add(a, head, path, "attributes (they "
				    "can make git run a program)");
		} else if (strcmp(name, "grafts") == 0)
			hh_audit_add(a, head, path, "grafts (git would show "
			    "another history)");
		else if (strcmp(name, "exclude") == 0 ||
		    strcmp(name, "refs") == 0) {
			if (v[i].type != 'f')
				hh_audit_add(a, head, path, "not a regular "
				    "file");
		} else
			hh_audit_add(a, head, path, "not hh's");
		free(path);
	}
	hh_store_gitfiles_free(v, n);
}

/* Files of the snapshot git reads itself: .gitattributes in any folder
 * (checked out in a clone, they apply to git log -p there), .mailmap at
 * the top.  Each commit that added one has its finding already ("not a
 * file of the records"); this one is about what git sees now. */
static void
check_tree(struct hh_store *s, struct hh_audit *a)
{
	static const char *const names[] = { ".gitattributes", ".mailmap",
	    NULL };
	const char *head = hh_store_head(s), *base;
	char **v = NULL;
	size_t i, n;

	if (hh_store_find(&v, &n, s, names) < 0) {
		hh_audit_add(a, head, NULL, "unreadable: %s", hh_error_last());
		return;
	}
	for (i = 0; i < n; i++) {
		base = strrchr(v[i], '/') ? strrchr(v[i], '/') + 1 : v[i];
		if (strcmp(v[i], ".mailmap") == 0)
			hh_audit_add(a, head, v[i], "a mailmap (git log would "
			    "show other authors)");
		else if (strcmp(base, ".gitattributes") == 0)
			hh_audit_add(a, head, hh_text_quote(v[i]),
			    "attributes (they can make git run a program)");
	}
	hh_mem_strv_free(v);
}

/* DIR/.git/objects/info/alternates: git (and libgit2) would read
 * objects from another repository; refs/replace/: git log would show
 * other objects than the commits name (libgit2 would not). */
static void
check_objects(struct hh_store *s, struct hh_audit *a)
{
	const char *head = hh_store_head(s);
	struct hh_gitfile *v = NULL;
	char **refs = NULL, *path;
	size_t i, n;
	int type;

	if (hh_store_git_folder(&v, &n, &type, s, "objects/info") < 0)
		hh_audit_add(a, head, ".git/objects/info", "%s",
		    hh_error_last());
	for (i = 0; i < n; i++)
		if (strcmp(v[i].name, "alternates") == 0 ||
		    strcmp(v[i].name, "http-alternates") == 0) {
			path = hh_xasprintf(".git/objects/info/%s",
			    v[i].name);
			hh_audit_add(a, head, path, "alternates (git would "
			    "read objects from another repository)");
			free(path);
		}
	hh_store_gitfiles_free(v, n);
	if (hh_store_refs(&refs, &n, s) < 0) {
		hh_audit_add(a, head, ".git/refs", "%s", hh_error_last());
		return;
	}
	for (i = 0; i < n; i++)
		if (strncmp(refs[i], "refs/replace/", 13) == 0)
			hh_audit_add(a, head, hh_text_quote(refs[i]),
			    "a replace "
			    "ref (git log would show another object)");
	hh_mem_strv_free(refs);
}

/* The signing key is the records account's alone: readable by no other
 * login (in a tree a group's logins share unprivileged, by its group). */
static void
check_key(struct hh_store *s, struct hh_audit *a)
{
	char *path = hh_xasprintf("%s/.git/hh/key", hh_store_dir(s));
	char *hh = hh_xasprintf("%s/.git/hh", hh_store_dir(s));
	struct stat st, dir;

	if (lstat(path, &st) == 0 && stat(hh, &dir) == 0) {
		if (!S_ISREG(st.st_mode))
			hh_audit_add(a, hh_store_head(s), ".git/hh/key",
			    "not a regular file");
		else if ((long)st.st_uid != hh_store_owner(s) ||
		    (st.st_mode & 007) || ((st.st_mode & 070) &&
		    !(dir.st_mode & 020)))
			hh_audit_add(a, hh_store_head(s), ".git/hh/key",
			    "mode %04o, owner %ld: readable by others than the "
			    "records account (whoever read it can sign as the "
			    "tree: hh-init --rotate-key)",
			    (unsigned)(st.st_mode & 07777), (long)st.st_uid);
	}
	free(path);
	free(hh);
}

static void
check_repo(struct hh_store *s, struct hh_audit *a)
{
	check_key(s, a);
	check_config(s, a);
	check_hooks(s, a);
	check_info(s, a);
	check_objects(s, a);
	check_tree(s, a);
}

static void
check_anchors(struct hh_store *s, struct hh_audit *a, char **anchors,
    size_t n)
{
	char id[HH_OID_MAX];
	size_t i;

	for (i = 0; i < n; i++) {
		if (hh_store_resolve_snapshot(id, s, anchors[i]) < 0)
			hh_audit_add(a, anchors[i], NULL, "anchor: no such "
			    "commit in the records (history rewritten?)");
		else if (!hh_store_contains(s, id))
			hh_audit_add(a, id, NULL, "anchor: not in the history "
			    "of HEAD (history rewritten)");
	}
}

/*
 * --witness: the witness's head must be in the history checked; only
 * then, and if nothing else was found, is that history pushed to it (a
 * fast-forward, or the witness refuses).  -1 and a warning if the
 * witness could not be reached (no finding: nothing is known to be
 * wrong); *note what it holds now.
 */
static int
check_witness(struct hh_store *s, struct hh_audit *a, const char *dir,
    const char *url, char **note)
{
	const char *head = hh_store_head(s);
	char w[HH_OID_MAX];
	size_t nfind;
	int known, error;

	*note = NULL;
	if (hh_store_witness_head(w, &known, s, url) < 0) {
		hh_cli_warn("%s: warning: witness not reached (neither "
		    "compared nor pushed): %s", hh_text_quote(dir),
		    hh_error_last());
		return -1;
	}
	if (*w && !known)
		hh_audit_add(a, w, NULL, "the witness's head is not in the "
		    "records: the branch was moved back and the commits after "
		    "it removed");
	else if (*w && !hh_store_contains(s, w))
		hh_audit_add(a, head, NULL, "HEAD does not contain %.*s, the "
		    "witness's head: the branch was moved back", SHORT, w);
	hh_audit_findings(a, &nfind);
	if (nfind > 0 || !*head)
		return 0;
	if ((error = hh_store_witness_push(s, url)) == HH_EREFUSED)
		hh_audit_add(a, head, NULL, "the witness refused HEAD: %s",
		    hh_error_last());
	else if (error < 0) {
		hh_cli_warn("%s: warning: witness not pushed: %s",
		    hh_text_quote(dir), hh_error_last());
		return -1;
	} else
		*note = hh_xasprintf("%s: witness %s at %.*s\n", dir, url,
		    SHORT, head);
	return 0;
}

/*
 * Published reports (hh(7) Published reports): every report tag must
 * verify; one hh published or found good must still be there, the same;
 * a report whose count today differs is listed with the commits after
 * its source that changed it: a notice for an admin's correction (a
 * Correction: trailer), a finding for any other.  *notes: the notices.
 */
static void
check_published(const char *dir, struct hh_audit *a, char **notes)
{
	struct hh_desk *d = NULL;
	struct hh_published **v = NULL, *p;
	struct hh_report *r = NULL;
	struct hh_pubchange *ch = NULL;
	struct hh_buf nb = { NULL, 0, 0 };
	char *mem = NULL, *line, *name, id[HH_OID_MAX];
	const char *head;
	size_t n = 0, i, j, nch;
	int64_t now = hh_priv_now();

	*notes = NULL;
	/* a configuration hh cannot read has its findings already */
	if (hh_desk_open(&d, dir) < 0)
		return;
	head = hh_store_head(d->store);
	if (hh_publish_list(&v, &n, d->store) < 0 ||
	    hh_publish_remembered(&mem, d->store) < 0) {
		hh_audit_add(a, head, ".git/refs/tags/report", "%s",
		    hh_error_last());
		goto out;
	}
	/* deleted or moved since it was published */
	for (line = mem; *line; line += strcspn(line, "\n") +
	    (line[strcspn(line, "\n")] != '\0')) {
		name = hh_xasprintf("%.*s", (int)strcspn(line, " \n"), line);
		hh_publish_remembered_id(mem, name, id);
		for (i = 0; i < n && strcmp(v[i]->name, name) != 0; i++)
			;
		if (i == n)
			hh_audit_add(a, head, NULL, "refs/tags/%s: published "
			    "as %.*s, now deleted", name, SHORT, id);
		else if (strcmp(v[i]->tag.id, id) != 0)
			hh_audit_add(a, head, NULL, "refs/tags/%s: published "
			    "as %.*s, now moved to %.*s", name, SHORT, id,
			    SHORT, v[i]->tag.id);
		free(name);
	}
	for (i = 0; i < n; i++) {
		p = v[i];
		if (p->bad != NULL) {
			hh_audit_add(a, p->tag.id, NULL, "refs/tags/%s: not "
			    "a good publication: %s", p->name, p->bad);
			continue;
		}
		if (hh_publish_remembered_id(mem, p->name, id) == NULL)
			hh_publish_remember(d->store, p->name, p->tag.id);
		if (hh_publish_recount(&r, d, p->from, p->to, now) < 0) {
			hh_audit_add(a, head, NULL, "%s: %s", p->name,
			    hh_error_last());
			continue;
		}
		if (hh_publish_differs(p, r) &&
		    hh_publish_changes(&ch, &nch, d, p) == HH_OK) {
			if (nch == 0)
				hh_audit_add(a, head, NULL, "%s, published "
				    "(source %.*s): today's count differs, "
				    "and no commit since changed it", p->name,
				    SHORT, p->tag.target);
			for (j = 0; j < nch; j++) {
				if (ch[j].correction != NULL &&
				    ch[j].by_admin) {
					hh_table_printf(&nb, "%s: revised "
					    "since published (source %.*s): "
					    "%.*s, Correction: %s\n",
					    p->name, SHORT, p->tag.target,
					    SHORT, ch[j].id,
					    ch[j].correction);
					continue;
				}
				hh_audit_add(a, ch[j].id, NULL, "%s, "
				    "published (source %.*s): its figures "
				    "changed without an admin's correction "
				    "(no Correction: trailer%s)", p->name,
				    SHORT, p->tag.target,
				    ch[j].correction ? " by an admin" : "");
			}
			hh_pubchanges_free(ch, nch);
			ch = NULL;
		}
		hh_report_free(r);
		r = NULL;
	}
	if (nb.len > 0)
		*notes = hh_table_done(&nb);
out:
	free(mem);
	hh_publish_list_free(v, n);
	hh_desk_free(d);
}

static void
print_json(const struct hh_store *s, const struct hh_audit *a,
    const char *since, const char *notes)
{
	const struct hh_finding *f;
	cJSON *root = cJSON_CreateObject(), *arr, *o;
	const char *p;
	char *one;
	size_t i, n;

	cJSON_AddStringToObject(root, "head", hh_store_head(s));
	cJSON_AddNumberToObject(root, "commits_checked",
	    (double)hh_audit_checked(a));
	if (since != NULL)
		cJSON_AddStringToObject(root, "since", since);
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
	/* the revisions of published reports made as corrections */
	arr = cJSON_AddArrayToObject(root, "notices");
	for (p = notes; p != NULL && *p; p += strcspn(p, "\n") + 1) {
		one = hh_xasprintf("%.*s", (int)strcspn(p, "\n"), p);
		cJSON_AddItemToArray(arr, cJSON_CreateString(one));
		free(one);
	}
	hh_cli_json(root, 0);
}

int
main(int argc, char *argv[])
{
	struct hh_cli cli = { .prog = "hh-check", .usage = usage,
	    .accept = HH_CLI_DIR | HH_CLI_JSON };
	struct hh_store *s = NULL;
	struct hh_audit *a = NULL;
	const char *dir, *since = NULL, *after;
	char verified[HH_OID_MAX], base[HH_OID_MAX], *line, *wurl = NULL, *wnote = NULL, *pnotes = NULL;
	char **anchors = NULL;
	size_t nanchors = 0, printed = 0, nfind;
	int c, quiet = 0, witness = 0, wdown = 0, full = 0, kept, compared = 0;
	int status = HH_EXIT_FAIL;
	int64_t began, disk_at;
	struct timespec ts;
	struct hh_seen *seen = NULL;

	/* the instant the files on disk are compared from (the kernel's
	 * clock, as a file's ctime: HH_NOW moves the records' clock only) */
	clock_gettime(CLOCK_REALTIME, &ts);
	began = (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
	hh_cli_init(&cli);
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
			    !hh_text_valid(optarg, strlen(optarg), 0)) {
				hh_cli_warn("--anchor: \"%s\" is not a commit "
				    "name", hh_text_quote(optarg));
				goto out;
			}
			anchors = hh_xrealloc(anchors, (nanchors + 1) *
			    sizeof(*anchors));
			anchors[nanchors++] = optarg;
			break;
		case OPT_QUIET:
			quiet = 1;
			break;
		case OPT_WITNESS:
			witness = 1;
			break;
		case OPT_FULL:
			full = 1;
			break;
		default:
			hh_cli_usage(&cli);
		}
	}
	if (optind != argc || (full && since != NULL))
		hh_cli_usage(&cli);

	dir = hh_desk_dir(cli.dir);
	hh_audit_new(&a);
	if (hh_store_open(&s, dir) < 0) {
		hh_cli_warn("%s: %s", hh_text_quote(dir),
		    hh_error_last());
		goto out;
	}
	hh_cli_notices(s);
	if (witness && hh_store_witness_url(&wurl, s) < 0) {
		hh_cli_warn("%s: --witness: %s (hh-init --witness URL sets "
		    "one)", hh_text_quote(dir), hh_error_last());
		goto out;
	}
	/* the nightly check: the commits since the head last found clean,
	 * when HEAD still contains it (else the whole history, and a
	 * finding) */
	kept = read_verified(s, verified, &disk_at);
	after = NULL;
	if (since != NULL) {
		/* HEAD~3 is counted from the snapshot: the commit checked */
		if (hh_store_resolve_snapshot(base, s, since) < 0) {
			hh_cli_warn("%s: --since: %s: no such commit",
			    hh_text_quote(dir), hh_text_quote(since));
			goto out;
		}
		after = base;
	} else if (!full && kept)
		after = verified;
	seen = hh_store_seen_new(after);
	if (check_history(s, a, after, !cli.json, &printed, seen) < 0) {
		hh_cli_warn("%s: %s", hh_text_quote(dir),
		    hh_error_last());
		goto out;
	}
	if (*hh_store_head(s)) {
		/* the files changed since the last clean check began (2 s
		 * before: a file system's coarser clock), unless --full */
		compared = check_disk(s, a, dir, !full && kept && disk_at > 0 ?
		    disk_at - 2000000000 : 0);
		check_repo(s, a);
	}
	check_anchors(s, a, anchors, nanchors);
	check_verified(s, a, verified, kept);
	if (*hh_store_head(s))
		check_history_index(s, a, full, seen);
	if (*hh_store_head(s))
		check_published(dir, a, &pnotes);
	if (witness)
		wdown = check_witness(s, a, dir, wurl, &wnote) < 0;
	hh_audit_findings(a, &nfind);
	/* a head found clean is remembered where only the records account
	 * writes (a check that cannot write it, on a read-only mount or
	 * unprivileged, remembers nothing) */
	if (nfind == 0 && *hh_store_head(s)) {
		line = compared ? hh_xasprintf("%s\n%lld\n", hh_store_head(s),
		    (long long)began) : hh_xasprintf("%s\n", hh_store_head(s));
		hh_store_private_write(s, "verified", line, strlen(line));
		free(line);
		line = NULL;
	}
	if (cli.json)
		print_json(s, a, after, pnotes);
	else {
		print_new(a, &printed);
		if (!quiet && pnotes != NULL)
			hh_cli_print(pnotes);
		if (!quiet && wnote != NULL)
			hh_cli_print(wnote);
		if (!quiet) {
			line = hh_xasprintf("%s: HEAD %.*s: %zu commit%s "
			    "checked%s%.*s%s, %zu finding%s\n", dir, SHORT,
			    hh_store_head(s), hh_audit_checked(a),
			    hh_audit_checked(a) == 1 ? "" : "s",
			    after == verified ? " since " : "", SHORT,
			    after == verified ? verified : "",
			    after == verified ? " (found clean before)" : "",
			    nfind, nfind == 1 ? "" : "s");
			hh_cli_print(line);
			free(line);
		}
	}
	status = nfind || wdown ? HH_EXIT_FAIL : HH_EXIT_OK;
out:
	hh_store_seen_free(seen);
	free(wurl);
	free(wnote);
	free(pnotes);
	free(anchors);
	hh_audit_free(a);
	hh_store_free(s);
	return hh_cli_exit(status);
}
