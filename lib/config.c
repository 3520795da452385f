/* config.c - centre settings, procedures and calendar at HEAD */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hh_impl.h"

#ifndef HH_SHAREDIR
#define HH_SHAREDIR "/usr/local/share/hh"
#endif

#define TEXT_MAX 500

/* A required (or optional, if !need) string member, checked. */
static int
get_text(char **out, const cJSON *obj, const char *key, const char *where,
    int need)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	*out = NULL;
	if (v == NULL || cJSON_IsNull(v)) {
		if (!need)
			return HH_OK;
		return hh_error_set(HH_EINVALID, "%s%s: missing", where, key);
	}
	if (!cJSON_IsString(v))
		return hh_error_set(HH_EINVALID, "%s%s: not a string", where,
		    key);
	if (need && v->valuestring[0] == '\0')
		return hh_error_set(HH_EINVALID, "%s%s: empty", where, key);
	if (strlen(v->valuestring) > TEXT_MAX ||
	    !hh_utf8_valid(v->valuestring, strlen(v->valuestring), 0))
		return hh_error_set(HH_EINVALID,
		    "%s%s: not valid UTF-8 text of at most %d bytes", where,
		    key, TEXT_MAX);
	*out = hh_xstrdup(v->valuestring);
	return HH_OK;
}

/* "HH:MM" to minutes. */
static int
parse_hhmm(int *out, const cJSON *v, const char *what)
{
	int h, m, n = 0;

	if (!cJSON_IsString(v) || sscanf(v->valuestring, "%2d:%2d%n", &h, &m,
	    &n) != 2 || n != 5 || v->valuestring[n] || h > 23 || m > 59 ||
	    h < 0 || m < 0)
		return hh_error_set(HH_EINVALID,
		    "center.json: %s: expected HH:MM", what);
	*out = h * 60 + m;
	return HH_OK;
}

static int
parse_session(int *start, int *end, const cJSON *hours, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(hours, key);
	char what[64];
	int error;

	snprintf(what, sizeof(what), "office_hours.%s", key);
	if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) != 2)
		return hh_error_set(HH_EINVALID,
		    "center.json: %s: expected [\"HH:MM\", \"HH:MM\"]", what);
	if ((error = parse_hhmm(start, cJSON_GetArrayItem(v, 0), what)) < 0 ||
	    (error = parse_hhmm(end, cJSON_GetArrayItem(v, 1), what)) < 0)
		return error;
	if (*end <= *start)
		return hh_error_set(HH_EINVALID,
		    "center.json: %s: ends before it starts", what);
	return HH_OK;
}

static const char *const roles[] = { "desk", "officer", "admin", "auditor" };

int
hh_role_allows(const char *role, const char *action)
{
	static const char *const desk[] = { "intake", "return", "withdraw",
	    NULL };
	static const char *const officer[] = { "route", "supplement",
	    "supplied", "delay", "done", NULL };
	const char *const *p;

	if (strcmp(role, "admin") == 0)
		return 1;
	if (strcmp(role, "desk") == 0)
		p = desk;
	else if (strcmp(role, "officer") == 0)
		p = officer;
	else
		return 0;
	for (; *p; p++)
		if (strcmp(*p, action) == 0)
			return 1;
	return 0;
}

void
hh_center_free(struct hh_center *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->ndepts; i++) {
		free(c->depts[i].id);
		free(c->depts[i].name);
	}
	for (i = 0; i < c->nstaff; i++) {
		free(c->staff[i].id);
		free(c->staff[i].name);
		free(c->staff[i].email);
		free(c->staff[i].role);
		free(c->staff[i].department);
		free(c->staff[i].login);
	}
	free(c->depts);
	free(c->staff);
	free(c->agency_code);
	free(c->name);
	free(c);
}

const struct hh_staff *
hh_center_staff(const struct hh_center *c, const char *id)
{
	size_t i;

	for (i = 0; id && i < c->nstaff; i++)
		if (strcmp(c->staff[i].id, id) == 0)
			return &c->staff[i];
	return NULL;
}

const struct hh_staff *
hh_center_login(const struct hh_center *c, const char *login)
{
	size_t i;

	for (i = 0; login && i < c->nstaff; i++)
		if (c->staff[i].login && strcmp(c->staff[i].login, login) == 0)
			return &c->staff[i];
	return NULL;
}

const struct hh_dept *
hh_center_dept(const struct hh_center *c, const char *id)
{
	size_t i;

	for (i = 0; id && i < c->ndepts; i++)
		if (strcmp(c->depts[i].id, id) == 0)
			return &c->depts[i];
	return NULL;
}

static int
parse_depts(struct hh_center *c, const cJSON *arr)
{
	const cJSON *v;
	char where[64];
	size_t i = 0;
	int error;

	if (!cJSON_IsArray(arr) || cJSON_GetArraySize(arr) == 0)
		return hh_error_set(HH_EINVALID,
		    "center.json: departments: expected a non-empty list");
	c->depts = hh_xmalloc((size_t)cJSON_GetArraySize(arr) *
	    sizeof(*c->depts));
	cJSON_ArrayForEach(v, arr) {
		struct hh_dept *d = &c->depts[i];

		snprintf(where, sizeof(where), "center.json: departments[%zu].",
		    i);
		d->id = d->name = NULL;
		c->ndepts = ++i;
		if ((error = get_text(&d->id, v, "id", where, 1)) < 0 ||
		    (error = get_text(&d->name, v, "name", where, 1)) < 0)
			return error;
		if (!hh_id_valid(d->id))
			return hh_error_set(HH_EINVALID, "%sid: bad id \"%s\"",
			    where, d->id);
		if (hh_center_dept(c, d->id) != d)
			return hh_error_set(HH_EINVALID,
			    "%sid: duplicate id \"%s\"", where, d->id);
	}
	return HH_OK;
}

static int
parse_staff(struct hh_center *c, const cJSON *arr)
{
	const cJSON *v;
	char where[64];
	size_t i = 0, r;
	int error, admins = 0;

	if (!cJSON_IsArray(arr) || cJSON_GetArraySize(arr) == 0)
		return hh_error_set(HH_EINVALID,
		    "center.json: staff: expected a non-empty list");
	c->staff = hh_xmalloc((size_t)cJSON_GetArraySize(arr) *
	    sizeof(*c->staff));
	cJSON_ArrayForEach(v, arr) {
		struct hh_staff *m = &c->staff[i];

		snprintf(where, sizeof(where), "center.json: staff[%zu].", i);
		memset(m, 0, sizeof(*m));
		c->nstaff = ++i;
		if ((error = get_text(&m->id, v, "id", where, 1)) < 0 ||
		    (error = get_text(&m->name, v, "name", where, 1)) < 0 ||
		    (error = get_text(&m->email, v, "email", where, 1)) < 0 ||
		    (error = get_text(&m->role, v, "role", where, 1)) < 0 ||
		    (error = get_text(&m->department, v, "department", where,
		    1)) < 0 ||
		    (error = get_text(&m->login, v, "login", where, 0)) < 0)
			return error;
		if (!hh_id_valid(m->id))
			return hh_error_set(HH_EINVALID, "%sid: bad id \"%s\"",
			    where, m->id);
		if (hh_center_staff(c, m->id) != m)
			return hh_error_set(HH_EINVALID,
			    "%sid: duplicate id \"%s\"", where, m->id);
		if (m->login == NULL)
			m->login = hh_xstrdup(m->id);
		else if (!hh_id_valid(m->login))
			return hh_error_set(HH_EINVALID, "%slogin: bad login "
			    "name \"%s\"", where, hh_quote(m->login));
		if (hh_center_login(c, m->login) != m)
			return hh_error_set(HH_EINVALID, "%slogin: \"%s\" is "
			    "already the login of %s", where, m->login,
			    hh_center_login(c, m->login)->id);
		if (strchr(m->email, '@') == NULL || strchr(m->email, '<') ||
		    strchr(m->email, '>'))
			return hh_error_set(HH_EINVALID,
			    "%semail: not an e-mail address", where);
		if (strchr(m->name, '<') || strchr(m->name, '>'))
			return hh_error_set(HH_EINVALID,
			    "%sname: must not contain < or >", where);
		for (r = 0; r < sizeof(roles) / sizeof(roles[0]); r++)
			if (strcmp(m->role, roles[r]) == 0)
				break;
		if (r == sizeof(roles) / sizeof(roles[0]))
			return hh_error_set(HH_EINVALID,
			    "%srole: unknown role \"%s\" (desk, officer, "
			    "admin or auditor)", where, m->role);
		if (hh_center_dept(c, m->department) == NULL)
			return hh_error_set(HH_EINVALID,
			    "%sdepartment: unknown department \"%s\"", where,
			    m->department);
		admins += strcmp(m->role, "admin") == 0;
	}
	if (admins == 0)
		return hh_error_set(HH_EINVALID,
		    "center.json: staff: no admin");
	return HH_OK;
}

int
hh_center_parse(struct hh_center **out, const char *text, size_t len)
{
	struct hh_center *c = hh_xmalloc(sizeof(*c));
	struct hh_hours def = HH_HOURS_DEFAULT;
	cJSON *root = NULL;
	const cJSON *v, *hours;
	int error;

	*out = NULL;
	memset(c, 0, sizeof(*c));
	c->hours = def;
	if ((root = cJSON_ParseWithLength(text, len)) == NULL ||
	    !cJSON_IsObject(root)) {
		error = hh_error_set(HH_EINVALID,
		    "center.json: not a JSON object");
		goto out;
	}
	if ((error = get_text(&c->agency_code, root, "agency_code",
	    "center.json: ", 1)) < 0 ||
	    (error = get_text(&c->name, root, "name", "center.json: ", 1)) < 0)
		goto out;
	if (!hh_agency_valid(c->agency_code)) {
		error = hh_error_set(HH_EINVALID,
		    "center.json: agency_code: \"%s\" is not of the form "
		    "000.00.21.H54", c->agency_code);
		goto out;
	}
	if ((hours = cJSON_GetObjectItemCaseSensitive(root, "office_hours"))) {
		if ((error = parse_session(&c->hours.am_start, &c->hours.am_end,
		    hours, "morning")) < 0 ||
		    (error = parse_session(&c->hours.pm_start,
		    &c->hours.pm_end, hours, "afternoon")) < 0)
			goto out;
		if (c->hours.pm_start < c->hours.am_end) {
			error = hh_error_set(HH_EINVALID, "center.json: "
			    "office_hours: afternoon starts before morning "
			    "ends");
			goto out;
		}
	}
	if ((v = cJSON_GetObjectItemCaseSensitive(root, "cutoff")) &&
	    (error = parse_hhmm(&c->hours.cutoff, v, "cutoff")) < 0)
		goto out;
	if ((error = hh_hours_check(&c->hours)) < 0) {
		hh_error_prefix(error, "center.json: office_hours");
		goto out;
	}
	if ((v = cJSON_GetObjectItemCaseSensitive(root, "supplement"))) {
		if (cJSON_IsString(v) && strcmp(v->valuestring, "pause") == 0)
			c->pause = 1;
		else if (!cJSON_IsString(v) ||
		    strcmp(v->valuestring, "restart") != 0) {
			error = hh_error_set(HH_EINVALID, "center.json: "
			    "supplement: expected \"restart\" or \"pause\"");
			goto out;
		}
	}
	if ((v = cJSON_GetObjectItemCaseSensitive(root, "actor_override"))) {
		if (!cJSON_IsBool(v)) {
			error = hh_error_set(HH_EINVALID, "center.json: "
			    "actor_override: expected true or false");
			goto out;
		}
		c->actor_override = cJSON_IsTrue(v);
	}
	if ((error = parse_depts(c, cJSON_GetObjectItemCaseSensitive(root,
	    "departments"))) < 0 ||
	    (error = parse_staff(c, cJSON_GetObjectItemCaseSensitive(root,
	    "staff"))) < 0)
		goto out;
	*out = c;
	c = NULL;
out:
	cJSON_Delete(root);
	hh_center_free(c);
	return error;
}

void
hh_procedure_free(struct hh_procedure *p)
{
	if (p == NULL)
		return;
	free(p->code);
	free(p->name);
	free(p->field);
	free(p->department);
	cJSON_Delete(p->json);
	free(p);
}

int
hh_procedure_parse(struct hh_procedure **out, const char *text, size_t len,
    const char *code, const struct hh_center *c)
{
	static const char *const units[] = { "working_days", "working_hours",
	    "calendar_days" };
	struct hh_procedure *p = hh_xmalloc(sizeof(*p));
	const cJSON *v, *lim = NULL;
	char where[128];
	const char *unit = NULL;
	size_t i;
	int error;

	*out = NULL;
	memset(p, 0, sizeof(*p));
	snprintf(where, sizeof(where), "procedures/%s.json: ",
	    code ? code : "?");
	if ((p->json = cJSON_ParseWithLength(text, len)) == NULL ||
	    !cJSON_IsObject(p->json)) {
		error = hh_error_set(HH_EINVALID, "%snot a JSON object", where);
		goto out;
	}
	if ((error = get_text(&p->code, p->json, "code", where, 1)) < 0 ||
	    (error = get_text(&p->name, p->json, "name", where, 1)) < 0 ||
	    (error = get_text(&p->field, p->json, "field", where, 1)) < 0 ||
	    (error = get_text(&p->department, p->json, "department", where,
	    1)) < 0)
		goto out;
	if (!hh_id_valid(p->code) || (code && strcmp(code, p->code) != 0)) {
		error = hh_error_set(HH_EINVALID,
		    "%scode: \"%s\" does not match the file name", where,
		    p->code);
		goto out;
	}
	if (c && hh_center_dept(c, p->department) == NULL) {
		error = hh_error_set(HH_EINVALID,
		    "%sdepartment: unknown department \"%s\"", where,
		    p->department);
		goto out;
	}
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if ((v = cJSON_GetObjectItemCaseSensitive(p->json,
		    units[i])) == NULL)
			continue;
		if (lim != NULL) {
			error = hh_error_set(HH_EINVALID,
			    "%sboth %s and %s: give exactly one limit", where,
			    unit, units[i]);
			goto out;
		}
		lim = v;
		unit = units[i];
	}
	if (lim == NULL) {
		error = hh_error_set(HH_EINVALID, "%sno limit: give one of "
		    "working_days, working_hours, calendar_days", where);
		goto out;
	}
	if (!cJSON_IsNumber(lim)) {
		error = hh_error_set(HH_EINVALID, "%s%s: not a number", where,
		    unit);
		goto out;
	}
	if ((error = hh_limit_make(&p->limit, unit, lim->valuedouble)) < 0) {
		hh_error_prefix(error, "%s%s", where, unit);
		goto out;
	}
	*out = p;
	p = NULL;
out:
	hh_procedure_free(p);
	return error;
}

const char *
hh_records_dir(const char *dir)
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
hh_share_dir(void)
{
	static char buf[PATH_MAX];
	const char *e = hh_env("HH_SHARE");
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
	dir = hh_records_dir(dir);
	if ((error = hh_store_open(&d->store, dir)) < 0 ||
	    (error = hh_desk_reload(d)) < 0) {
		hh_error_prefix(error, "%s", hh_quote(dir));
		hh_desk_free(d);
		return error;
	}
	*out = d;
	return HH_OK;
}

int
hh_desk_actor(struct hh_desk *d, const char *id, const char *action)
{
	const struct hh_staff *me, *login;
	const char *self;
	int error, bylogin = 0;

	/* who acts is who the kernel says runs us: the real uid's login */
	if ((error = hh_login(&self)) < 0)
		return error;
	login = hh_center_login(d->center, self);
	if (id == NULL)
		id = getenv("HH_ACTOR");
	if (id == NULL || *id == '\0') {
		if (login == NULL)
			return hh_error_set(HH_ENOTFOUND, "login %s: not a "
			    "staff member of this centre (give one a \"login\" "
			    "in center.json, or name the staff member with "
			    "--actor or HH_ACTOR)", hh_quote(self));
		id = login->id;
		bylogin = 1;
	}
	if (!hh_id_valid(id))
		return hh_error_set(HH_EINVALID, "actor: bad staff id");
	if ((me = hh_center_staff(d->center, id)) == NULL)
		return hh_error_set(HH_ENOTFOUND,
		    "actor %s: not a staff member of this centre", id);
	/*
	 * Naming someone else needs an admin's login (the superuser, who can
	 * bypass any check anyway, counts as one) or actor_override.
	 */
	if (!bylogin && me != login && !d->center->actor_override &&
	    hh_caller() != 0 && (login == NULL || strcmp(login->role,
	    "admin") != 0))
		return hh_error_set(HH_EREFUSED, "actor %s: login %s may act "
		    "only as %s (center.json actor_override is false)", id,
		    self, login && strcmp(login->id, self) != 0 ? login->id :
		    "itself");
	if (!hh_role_allows(me->role, action))
		return hh_error_set(HH_EREFUSED,
		    "actor %s: role %s may not %s", id, me->role, action);
	d->actor = me;
	return HH_OK;
}

int
hh_desk_procedure(struct hh_procedure **out, struct hh_desk *d,
    const char *code)
{
	char *path, *text = NULL;
	size_t len;
	int error;

	*out = NULL;
	if (!hh_id_valid(code))
		return hh_error_set(HH_EINVALID, "procedure: bad code \"%s\"",
		    hh_quote(code));
	path = hh_xasprintf("procedures/%s.json", code);
	error = hh_store_read(&text, &len, d->store, path);
	free(path);
	if (error == HH_ENOTFOUND)
		return hh_error_set(HH_ENOTFOUND,
		    "procedure %s: not in the catalogue", code);
	if (error < 0)
		return error;
	error = hh_procedure_parse(out, text, len, code, d->center);
	free(text);
	return error;
}

int
hh_calendar_load(struct hh_calendar **out, const char *dir)
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
	path = hh_xasprintf("%s/records/center.json", hh_share_dir());
	if ((error = hh_file_read(&text, &len, path)) < 0 ||
	    (error = hh_center_parse(&c, text, len)) < 0)
		goto out;
	free(text);
	free(path);
	text = NULL;
	path = hh_xasprintf("%s/records/calendar", hh_share_dir());
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
