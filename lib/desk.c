/* desk.c - the records tree at work: its configuration, the actor, dossiers
 * loaded, committed and taken in, and runs of steps */
#include <sys/stat.h>

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "desk.h"

#ifndef HH_SHAREDIR
#define HH_SHAREDIR "/usr/local/share/hh"
#endif

const char *
hh_desk_dir(const char *dir)
{
	const char *e;

	if (dir != NULL)
		return dir;
	if ((e = getenv("HH_RECORDS")) != NULL && *e)
		return e;
	return "records";
}

static int
is_template(const char *dir)
{
	char *p = hh_xasprintf("%s/records/center.json", dir);
	struct stat st;
	int ok = stat(p, &st) == 0;

	free(p);
	return ok;
}

const char *
hh_desk_share(void)
{
	static char buf[PATH_MAX];
	const char *e = hh_priv_env("HH_SHARE");
	ssize_t n;
	char *slash;

	if (e != NULL && *e)
		return e;
	if (is_template(HH_SHAREDIR))
		return HH_SHAREDIR;
	/* run from the source tree (the binaries sit at its top), or
	 * installed under another PREFIX than the one built for */
	if ((n = readlink("/proc/self/exe", buf, sizeof(buf) - 20)) > 0) {
		buf[n] = '\0';
		if ((slash = strrchr(buf, '/')) != NULL) {
			*slash = '\0';
			if (is_template(buf))
				return buf;
			strcpy(slash, "/../share/hh");
			if (is_template(buf))
				return buf;
		}
	}
	return HH_SHAREDIR;
}

void
hh_desk_free(struct hh_desk *d)
{
	if (d == NULL)
		return;
	hh_calendar_free(d->cal);
	hh_center_free(d->center);
	hh_mem_strv_free(d->refs);
	hh_store_free(d->store);
	free(d);
}

int
hh_desk_reload(struct hh_desk *d)
{
	char *text = NULL;
	size_t len;
	int error;

	hh_center_free(d->center);
	hh_calendar_free(d->cal);
	d->center = NULL;
	d->cal = NULL;
	d->actor = NULL;
	if ((error = hh_store_read(&text, &len, d->store, "center.json")) < 0) {
		if (error == HH_ENOTFOUND)
			error = hh_error_set(HH_ENOTFOUND,
			    "not a records tree (no center.json committed)");
		goto out;
	}
	if ((error = hh_center_parse(&d->center, text, len)) < 0)
		goto out;
	free(text);
	text = NULL;
	if ((error = hh_store_read(&text, &len, d->store, "calendar")) < 0 &&
	    error != HH_ENOTFOUND)
		goto out;
	if ((error = hh_calendar_parse(&d->cal, text ? text : "",
	    text ? len : 0, "calendar")) < 0)
		goto out;
	hh_calendar_set_hours(d->cal, &d->center->hours);
out:
	free(text);
	return error;
}

int
hh_desk_open(struct hh_desk **out, const char *dir)
{
	struct hh_desk *d = hh_xmalloc(sizeof(*d));
	int error;

	*out = NULL;
	memset(d, 0, sizeof(*d));
	dir = hh_desk_dir(dir);
	if ((error = hh_store_open(&d->store, dir)) < 0 ||
	    (error = hh_desk_reload(d)) < 0) {
		hh_error_prefix(error, "%s", hh_text_quote(dir));
		hh_desk_free(d);
		return error;
	}
	*out = d;
	return HH_OK;
}

const char *
hh_desk_actor_id(const char *id)
{
	const char *e;

	if (id != NULL)
		return id;
	e = getenv("HH_ACTOR");
	return e != NULL && *e ? e : NULL;
}

/* Who acts: id, else $HH_ACTOR, else the staff member whose login is the
 * real uid's; naming another needs an admin's login (the superuser, who
 * can bypass any check anyway, counts as one) or actor_override. */
static int
who(const struct hh_staff **out, struct hh_desk *d, const char *id)
{
	const struct hh_staff *me, *login;
	const char *self;
	char near[HH_NEAR_MAX];
	int error, bylogin = 0;

	/* who acts is who the kernel says runs us: the real uid's login */
	if ((error = hh_priv_login(&self)) < 0)
		return error;
	login = hh_center_login(d->center, self);
	if ((id = hh_desk_actor_id(id)) == NULL || *id == '\0') {
		if (login == NULL)
			return hh_error_set(HH_ENOTFOUND, "login %s: not a "
			    "staff member of this centre (give one a \"login\" "
			    "in center.json, or name the staff member with "
			    "--actor or HH_ACTOR)", hh_text_quote(self));
		id = login->id;
		bylogin = 1;
	}
	if (!hh_text_id(id))
		return hh_error_set(HH_EINVALID, "actor: bad staff id");
	if ((me = hh_center_staff(d->center, id)) == NULL)
		return hh_error_set(HH_ENOTFOUND,
		    "actor %s: not a staff member of this centre%s", id,
		    hh_center_nearest(near, d->center, 1, id));
	if (!bylogin && me != login && !d->center->actor_override &&
	    hh_priv_caller() != 0 && (login == NULL || strcmp(login->role,
	    "admin") != 0))
		return hh_error_set(HH_EREFUSED, "actor %s: login %s may act "
		    "only as %s (center.json actor_override is false)", id,
		    self, login && strcmp(login->id, self) != 0 ? login->id :
		    "itself");
	*out = me;
	return HH_OK;
}

int
hh_desk_actor(struct hh_desk *d, const char *id, const char *const *actions)
{
	const struct hh_staff *me = NULL;
	const char *const *a;
	char can[128];
	int error;

	d->actor = NULL;
	if ((error = who(&me, d, id)) < 0)
		return error;
	for (a = actions; *a; a++)
		if (hh_center_role_allows(me->role, *a)) {
			d->actor = me;
			return HH_OK;
		}
	hh_center_role_actions(can, me->role);
	return hh_error_set(HH_EREFUSED, "actor %s: role %s may not %s (%s "
	    "may: %s)", me->id, me->role, actions[0], me->role, can);
}

int
hh_desk_procedures(char ***out, size_t *n_out, struct hh_desk *d)
{
	size_t i, k, n, len;
	int error;

	*n_out = 0;
	if ((error = hh_store_list(out, &n, d->store, "procedures")) < 0)
		return error;
	for (i = k = 0; i < n; i++) {
		len = strlen((*out)[i]);
		if (len > 5 && strcmp((*out)[i] + len - 5, ".json") == 0) {
			(*out)[i][len - 5] = '\0';
			(*out)[k++] = (*out)[i];
		} else
			free((*out)[i]);
	}
	(*out)[k] = NULL;
	*n_out = k;
	return HH_OK;
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
hh_desk_fields(char ***out, size_t *n_out, struct hh_desk *d)
{
	struct hh_procedure *p;
	char **codes = NULL;
	size_t i, k, n;
	int error;

	*out = NULL;
	*n_out = 0;
	if ((error = hh_desk_procedures(&codes, &n, d)) < 0)
		return error;
	*out = hh_xcalloc(n + 1, sizeof(**out));
	for (i = 0; i < n; i++) {
		if ((error = hh_desk_procedure(&p, d, codes[i])) < 0) {
			hh_mem_strv_free(codes);
			hh_mem_strv_free(*out);
			*out = NULL;
			return error;
		}
		(*out)[i] = hh_text_fold(p->field);
		hh_procedure_free(p);
	}
	hh_mem_strv_free(codes);
	if (n > 1)
		qsort(*out, n, sizeof(**out), str_cmp);
	for (i = k = 0; i < n; i++)
		if (k > 0 && strcmp((*out)[k - 1], (*out)[i]) == 0)
			free((*out)[i]);
		else
			(*out)[k++] = (*out)[i];
	(*out)[k] = NULL;
	*n_out = k;
	return HH_OK;
}

int
hh_desk_procedure(struct hh_procedure **out, struct hh_desk *d,
    const char *code)
{
	char *path, *text = NULL, **codes = NULL, near[256] = "";
	size_t len, n = 0;
	int error;

	*out = NULL;
	if (!hh_text_id(code))
		return hh_error_set(HH_EINVALID, "procedure: bad code \"%s\"",
		    hh_text_quote(code));
	path = hh_xasprintf("procedures/%s.json", code);
	error = hh_store_read(&text, &len, d->store, path);
	free(path);
	if (error == HH_ENOTFOUND) {
		/* a typo: the codes it is nearest */
		if (hh_desk_procedures(&codes, &n, d) == HH_OK)
			hh_text_nearest(near, sizeof(near), code,
			    (const char *const *)codes, n, 0);
		hh_mem_strv_free(codes);
		return hh_error_set(HH_ENOTFOUND, "procedure %s: not in the "
		    "catalogue%s%s%s", code, *near ? " (nearest: " : "", near,
		    *near ? ")" : "");
	}
	if (error < 0)
		return error;
	error = hh_procedure_parse(out, text, len, code, d->center);
	free(text);
	return error;
}

int
hh_desk_when(struct hh_desk *d, int64_t at)
{
	char t[HH_TIME_MAX];
	int error;

	if (!d->first_known) {
		if ((error = hh_store_root(&d->first, d->store)) < 0)
			return error;
		d->first_known = 1;
	}
	if ((error = hh_step_when(at, hh_priv_now(), d->first, d->actor,
	    d->center, d->cal)) < 0 ||
	    (error = hh_publish_check(d, at)) < 0) {
		hh_time_format(t, at);
		return hh_error_prefix(error, "--at %s", t);
	}
	return HH_OK;
}

int
hh_desk_new(cJSON **out, struct hh_desk *d, const struct hh_intake *in)
{
	struct hh_procedure *p = NULL;
	int error;

	*out = NULL;
	if ((error = hh_desk_when(d, in->at)) < 0)
		return error;
	if ((error = hh_desk_procedure(&p, d, in->procedure)) == HH_OK)
		error = hh_dossier_new(out, in, d->center, p, d->cal,
		    d->actor);
	hh_procedure_free(p);
	return error;
}

int
hh_desk_calendar(struct hh_calendar **out, const char *dir)
{
	struct hh_desk *d = NULL;
	struct hh_center *c = NULL;
	char *path = NULL, *text = NULL;
	size_t len;
	int error;

	*out = NULL;
	if ((error = hh_desk_open(&d, dir)) == HH_OK) {
		*out = d->cal;
		d->cal = NULL;
		hh_desk_free(d);
		return HH_OK;
	}
	if (dir != NULL || error != HH_ENOTFOUND)
		return error;
	/* no records tree: the shipped template */
	path = hh_xasprintf("%s/records/center.json", hh_desk_share());
	if ((error = hh_file_read(&text, &len, path)) < 0 ||
	    (error = hh_center_parse(&c, text, len)) < 0)
		goto out;
	free(text);
	free(path);
	text = NULL;
	path = hh_xasprintf("%s/records/calendar", hh_desk_share());
	if ((error = hh_file_read(&text, &len, path)) < 0 ||
	    (error = hh_calendar_parse(out, text, len, path)) < 0)
		goto out;
	hh_calendar_set_hours(*out, &c->hours);
out:
	hh_center_free(c);
	free(text);
	free(path);
	return error;
}

int
hh_desk_load(cJSON **out, struct hh_desk *d, const char *code)
{
	char *path = NULL, *text = NULL;
	size_t len;
	int error;

	*out = NULL;
	if ((error = hh_dossier_path(&path, code)) < 0)
		return error;
	if ((error = hh_store_read(&text, &len, d->store, path)) < 0) {
		if (error == HH_ENOTFOUND)
			error = hh_error_set(HH_ENOTFOUND, "no such dossier");
		goto out;
	}
	if ((*out = hh_json_parse(text, len)) == NULL ||
	    !cJSON_IsObject(*out) ||
	    strcmp(hh_dossier_str(*out, "code"), code) != 0) {
		cJSON_Delete(*out);
		*out = NULL;
		error = hh_error_set(HH_EINVALID, "%s: not a valid dossier",
		    path);
	}
out:
	free(text);
	free(path);
	return error;
}

/* 1 if s (n bytes) is the end of an agency: capitals, digits and dots,
 * no two dots in a row (hh_text_agency's, cut anywhere). */
static int
agency_tail(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == '.' ? i + 1 < n && s[i + 1] == '.' :
		    !((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'A' &&
		    s[i] <= 'Z')))
			return 0;
	return 1;
}

/* The month folder of a dossier named name and the end its code has
 * (hh(7) Dossier codes): today's sequence NNNN, the day's YYMMDD-NNNN, or
 * a suffix of a code from its day on; HH_EINVALID for anything else. */
static int
code_shape(char dir[32], char **tail, int *today, const char *name,
    int64_t now)
{
	const char *seq = strrchr(name, '-'), *date;
	size_t ns;
	int y, m, dd, day;

	*tail = NULL;
	seq = seq ? seq + 1 : name;
	ns = strlen(seq);
	*today = seq == name;
	if ((ns != 4 && ns != 6 && ns != 7) ||
	    strspn(seq, "0123456789") != ns || strspn(seq, "0") == ns)
		goto bad;
	if (*today) {
		hh_time_civil(hh_time_day(now), &y, &m, &dd);
		if (y < 2000 || y > 2099)
			return hh_error_set(HH_EINVALID, "today is in %d: "
			    "dossier codes cover 2000-2099", y);
		*tail = hh_xasprintf("%02d%02d%02d-%s", y % 100, m, dd, seq);
	} else {
		if (seq - name < 7 || hh_text_digits(seq - 7, 6) < 0)
			goto bad;
		date = seq - 7;
		if (date != name && (date[-1] != '-' ||
		    !agency_tail(name, (size_t)(date - 1 - name))))
			goto bad;
		y = 2000 + hh_text_digits(date, 2);
		m = hh_text_digits(date + 2, 2);
		dd = hh_text_digits(date + 4, 2);
		day = hh_time_from_civil(y, m, dd);
		if (m < 1 || m > 12 || dd < 1)
			goto bad;
		hh_time_civil(day, &y, &m, &dd);
		if (hh_text_digits(date + 2, 2) != m ||
		    hh_text_digits(date + 4, 2) != dd)
			goto bad;
		*tail = hh_xstrdup(name);
	}
	snprintf(dir, 32, "dossiers/%04d/%02d", y, m);
	return HH_OK;
bad:
	return hh_error_set(HH_EINVALID, "not a dossier code "
	    "(AGENCY-YYMMDD-NNNN), nor a short one (YYMMDD-NNNN, "
	    "today's NNNN)");
}

/* 1 if file name "CODE.json" is a code that ends with tail; the code's
 * length in *len. */
static int
code_ends(const char *name, const char *tail, size_t *len)
{
	size_t n = strlen(name), nt = strlen(tail);

	if (n < 5 || strcmp(name + n - 5, ".json") != 0 || n - 5 < nt)
		return 0;
	*len = n - 5;
	return strncmp(name + *len - nt, tail, nt) == 0;
}

int
hh_desk_code(char **out, struct hh_desk *d, const char *name)
{
	char dir[32], *tail, **names = NULL, **near = NULL, buf[HH_ERRMAX];
	char ids[HH_ERRMAX], day[HH_TIME_MAX];
	size_t n, i, k, len, found = 0, nt, exact = SIZE_MAX, first = 0;
	int64_t now = hh_priv_now();
	int error, today;

	*out = NULL;
	if ((error = code_shape(dir, &tail, &today, name, now)) < 0)
		return error;
	if ((error = hh_store_list(&names, &n, d->store, dir)) < 0)
		goto out;
	ids[0] = '\0';
	for (i = k = 0; i < n; i++) {
		if (!code_ends(names[i], tail, &len))
			continue;
		if (len == strlen(name) && strncmp(names[i], name, len) == 0)
			exact = i;
		if (found++ == 0)
			first = i;
		if (k < sizeof(ids) - 1 && found <= 8)
			k += (size_t)snprintf(ids + k, sizeof(ids) - k,
			    "%s%.*s", found > 1 ? ", " : "", (int)len,
			    names[i]);
	}
	if (exact != SIZE_MAX || found == 1) {
		i = exact != SIZE_MAX ? exact : first;
		*out = hh_xasprintf("%.*s", (int)(strlen(names[i]) - 5),
		    names[i]);
	} else if (found > 1) {
		error = hh_error_set(HH_EINVALID, "ambiguous: %s%s", ids,
		    found > 8 ? ", ..." : "");
	} else {
		/* the codes of the folder cut to the name's length, nearest */
		nt = strlen(tail);
		near = hh_xcalloc(n + 1, sizeof(*near));
		for (i = k = 0; i < n; i++)
			if (code_ends(names[i], "", &len) && len >= nt)
				near[k++] = hh_xasprintf("%.*s", (int)nt,
				    names[i] + len - nt);
		hh_text_nearest(buf, sizeof(buf), tail,
		    (const char *const *)near, k, 2);
		hh_time_format_day(day, hh_time_day(now));
		error = hh_error_set(HH_ENOTFOUND, "no such dossier%s%s%s%s%s",
		    today ? " received today, " : "", today ? day : "",
		    *buf ? " (nearest: " : "", buf, *buf ? ")" : "");
	}
out:
	hh_mem_strv_free(near);
	hh_mem_strv_free(names);
	free(tail);
	return error;
}

/* "<action> <code>: <procedure code> <name>" and the trailers. */
static char *
message(const cJSON *dos, const char *action, const char *actor,
    const char *correction)
{
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(dos, "procedure");
	const char *code = hh_dossier_str(dos, "code");

	return hh_xasprintf("%s %s: %s %s\n\nDossier: %s\nAction: %s\n"
	    "Actor: %s\n%s%s%s", action, code, hh_dossier_str(p, "code"),
	    hh_dossier_str(p, "name"), code, action, actor,
	    correction ? "Correction: " : "", correction ? correction : "",
	    correction ? "\n" : "");
}

int
hh_desk_commit(struct hh_desk *d, cJSON *dos)
{
	const cJSON *ev = cJSON_GetObjectItemCaseSensitive(dos, "events");
	const cJSON *last = cJSON_GetArrayItem(ev, cJSON_GetArraySize(ev) - 1);
	const char *action = hh_dossier_str(last, "action");
	struct hh_author a;
	struct hh_file f;
	char *path = NULL, *text = NULL, *msg = NULL;
	int error;

	if ((error = hh_dossier_path(&path, hh_dossier_str(dos, "code"))) < 0)
		return error;
	text = hh_dossier_format(dos);
	/* what the reports would refuse to read is never written */
	if (strlen(text) > HH_DOSSIER_MAX) {
		error = hh_error_set(HH_EREFUSED, "%s: %zu bytes, more than a "
		    "dossier may hold (%d MiB)", hh_dossier_str(dos, "code"),
		    strlen(text), HH_DOSSIER_MAX >> 20);
		free(text);
		free(path);
		return error;
	}
	msg = message(dos, action, d->actor->id, d->correction);
	a.name = d->actor->name;
	a.email = d->actor->email;
	a.when = hh_dossier_last_at(dos);
	f.path = path;
	f.data = text;
	f.len = strlen(text);
	error = hh_store_commit(d->store, &f, 1, &a, msg);
	free(msg);
	free(text);
	free(path);
	return error;
}


/* The next free code of the day of `at`: one past the highest stored. */
int
hh_desk_next_code(char **out, struct hh_desk *d, int64_t at)
{
	char **names = NULL, *dir, day[64];
	size_t n, i;
	int y, m, dd, seq, max = 0, error;

	if ((error = hh_dossier_day(day, d->center->agency_code, at)) < 0)
		return error;
	hh_time_civil(hh_time_day(at), &y, &m, &dd);
	dir = hh_xasprintf("dossiers/%04d/%02d", y, m);
	error = hh_store_list(&names, &n, d->store, dir);
	free(dir);
	if (error < 0)
		return error;
	for (i = 0; i < n; i++)
		if ((seq = hh_dossier_seq(names[i], day)) > max)
			max = seq;
	hh_mem_strv_free(names);
	if (max >= 9999)
		return hh_error_set(HH_EREFUSED,
		    "9999 dossiers already received on that day");
	*out = hh_xasprintf("%s%04d", day, max + 1);
	return HH_OK;
}

/* fn until the branch stays where it was while fn committed: on
 * HH_ECONFLICT the snapshot is brought up to the branch and fn runs again
 * (the lock held, another writer is a plain-git commit or a crash's). */
static int
retry(struct hh_desk *d, int (*fn)(struct hh_desk *, void *), void *arg)
{
	int error = HH_ECONFLICT, tries;

	for (tries = 0; tries < 100 && error == HH_ECONFLICT; tries++)
		if ((error = fn(d, arg)) == HH_ECONFLICT &&
		    hh_store_refresh(d->store) < 0)
			return HH_ERROR;
	return error;
}

static int
intake_once(struct hh_desk *d, void *arg)
{
	cJSON *dossier = arg;
	char *code = NULL;
	int error;

	if ((error = hh_desk_next_code(&code, d,
	    hh_dossier_last_at(dossier))) < 0)
		return error;
	cJSON_ReplaceItemInObjectCaseSensitive(dossier, "code",
	    cJSON_CreateString(code));
	free(code);
	return hh_desk_commit(d, dossier);
}

int
hh_desk_intake(struct hh_desk *d, cJSON *dossier)
{
	int error;

	if ((error = hh_store_lock(d->store)) < 0)
		return error;
	error = retry(d, intake_once, dossier);
	hh_store_unlock(d->store);
	return error;
}

/* Dossiers by code, for checking a run of steps. */
struct cache {
	char **codes;
	cJSON **dos;
	size_t cap;
};

static size_t
slot(const struct cache *c, const char *code)
{
	size_t i;

	for (i = hh_text_hash(code) & (c->cap - 1); c->codes[i] != NULL &&
	    strcmp(c->codes[i], code) != 0; i = (i + 1) & (c->cap - 1))
		;
	return i;
}

static int
steps_check(struct hh_desk *d, const char *const *codes,
    const struct hh_step *steps, size_t n, size_t *failed_out,
    cJSON **after)
{
	struct cache c;
	size_t i, k;
	int error = HH_OK;

	for (c.cap = 16; c.cap < 2 * n; c.cap *= 2)
		;
	c.codes = hh_xcalloc(c.cap, sizeof(*c.codes));
	c.dos = hh_xcalloc(c.cap, sizeof(*c.dos));
	for (i = 0; i < n; i++) {
		k = slot(&c, codes[i]);
		if (c.codes[k] == NULL) {
			if ((error = hh_desk_load(&c.dos[k], d,
			    codes[i])) < 0)
				break;
			c.codes[k] = hh_xstrdup(codes[i]);
		}
		if ((error = hh_desk_when(d, steps[i].at)) < 0 ||
		    (error = hh_step_apply(c.dos[k], &steps[i], d->actor,
		    d->center, d->cal)) < 0 ||
		    (error = hh_step_share_check(c.dos[k], &steps[i],
		    d->cal)) < 0)
			break;
		if (after != NULL)
			after[i] = cJSON_Duplicate(c.dos[k], 1);
	}
	*failed_out = i;
	for (k = 0; k < c.cap; k++) {
		free(c.codes[k]);
		cJSON_Delete(c.dos[k]);
	}
	free(c.codes);
	free(c.dos);
	return error;
}

/* One step on the stored dossier, the lock held: load, apply, commit. */
struct one_step {
	const char *code;
	const struct hh_step *st;
	cJSON *dos;		/* the dossier committed */
};

static int
step_once(struct hh_desk *d, void *arg)
{
	struct one_step *o = arg;
	int error;

	cJSON_Delete(o->dos);
	o->dos = NULL;
	if ((error = hh_desk_load(&o->dos, d, o->code)) < 0 ||
	    (error = hh_step_apply(o->dos, o->st, d->actor, d->center,
	    d->cal)) < 0 ||
	    (error = hh_step_share_check(o->dos, o->st, d->cal)) < 0)
		return error;
	return hh_desk_commit(d, o->dos);
}

int
hh_desk_steps(struct hh_desk *d, const char *const *codes,
    const struct hh_step *steps, size_t n, int dry, size_t *failed_out,
    int (*done)(void *arg, size_t i, struct cJSON *dossier), void *arg)
{
	struct one_step one;
	cJSON **after;
	size_t i;
	int error, locked = 0, deferred = 0;

	*failed_out = 0;
	after = hh_xcalloc(n ? n : 1, sizeof(*after));
	if (!dry) {
		if ((error = hh_store_lock(d->store)) < 0)
			goto out;
		locked = 1;
	}
	/* every step is checked before any is written */
	if ((error = steps_check(d, codes, steps, n, failed_out, after)) < 0)
		goto out;
	if (!dry) {
		/* several steps are one group commit (hh_store_defer): a
		 * commit each, published together or not at all */
		if (n > 1) {
			if ((error = hh_store_defer(d->store)) < 0)
				goto out;
			deferred = 1;
		}
		for (i = 0; i < n; i++) {
			*failed_out = i;
			one.code = codes[i];
			one.st = &steps[i];
			one.dos = after[i];
			error = retry(d, step_once, &one);
			after[i] = one.dos;
			if (error < 0)
				goto out;
		}
		if (deferred) {
			deferred = 0;
			if ((error = hh_store_flush(d->store)) < 0)
				goto out;
		}
	}
	for (i = 0; done != NULL && i < n; i++) {
		*failed_out = i;
		if ((error = done(arg, i, after[i])) < 0)
			goto out;
	}
	error = HH_OK;
out:
	for (i = 0; i < n; i++)
		cJSON_Delete(after[i]);
	free(after);
	if (locked)
		hh_store_unlock(d->store);
	return error;
}
