/* center.c - the centre's settings (hh-center(5)): departments, staff, roles */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core.h"

/* "HH:MM" to minutes. */
static int
parse_hhmm(int *out, const cJSON *v, const char *what)
{
	const char *s = cJSON_IsString(v) ? v->valuestring : "";
	int h, m;

	/* digits only: sscanf's %d would take " 7:30", "+7:30", "07:+5" */
	if (strlen(s) != 5 || strspn(s, "0123456789") != 2 || s[2] != ':' ||
	    strspn(s + 3, "0123456789") != 2)
		return hh_error_set(HH_EINVALID,
		    "center.json: %s: expected HH:MM", what);
	h = (s[0] - '0') * 10 + (s[1] - '0');
	m = (s[3] - '0') * 10 + (s[4] - '0');
	if (h > 23 || m > 59)
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
hh_center_role_allows(const char *role, const char *action)
{
	static const char *const desk[] = { "intake", "supplement",
	    "supplied", "return", "withdraw", "stop", NULL };
	static const char *const officer[] = { "route", "supplement",
	    "supplied", "delay", "done", "stop", NULL };
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
	free(c->desk_unit);
	free(c->place);
	free(c->sendmail);
	free(c->mail_from);
	hh_peer_free(c);
	hh_rules_free(c->rules);
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

const char *
hh_center_nearest(char buf[HH_NEAR_MAX], const struct hh_center *c,
    int staff, const char *id)
{
	const char **ids;
	size_t i, n = staff ? c->nstaff : c->ndepts;

	ids = hh_xcalloc(n + 1, sizeof(*ids));
	for (i = 0; i < n; i++)
		ids[i] = staff ? c->staff[i].id : c->depts[i].id;
	if (hh_text_nearest(buf + 11, HH_NEAR_MAX - 12, id, ids, n, 0) > 0) {
		memcpy(buf, " (nearest: ", 11);
		strcat(buf, ")");
	} else
		buf[0] = '\0';
	free(ids);
	return buf;
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
		if ((error = hh_json_text(&d->id, v, "id", where, 1)) < 0 ||
		    (error = hh_json_text(&d->name, v, "name", where, 1)) < 0)
			return error;
		if (!hh_text_id(d->id))
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
		if ((error = hh_json_text(&m->id, v, "id", where, 1)) < 0 ||
		    (error = hh_json_text(&m->name, v, "name", where, 1)) < 0 ||
		    (error = hh_json_text(&m->email, v, "email", where,
		    1)) < 0 ||
		    (error = hh_json_text(&m->role, v, "role", where, 1)) < 0 ||
		    (error = hh_json_text(&m->department, v, "department",
		    where, 1)) < 0 ||
		    (error = hh_json_text(&m->login, v, "login", where, 0)) < 0)
			return error;
		if (!hh_text_id(m->id))
			return hh_error_set(HH_EINVALID, "%sid: bad id \"%s\"",
			    where, m->id);
		if (hh_center_staff(c, m->id) != m)
			return hh_error_set(HH_EINVALID,
			    "%sid: duplicate id \"%s\"", where, m->id);
		if (m->login == NULL)
			m->login = hh_xstrdup(m->id);
		else if (!hh_text_id(m->login))
			return hh_error_set(HH_EINVALID, "%slogin: bad login "
			    "name \"%s\"", where, hh_text_quote(m->login));
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

static int
parse_apology(struct hh_center *c, const cJSON *v)
{
	static const char *const keys[] = { "times", "working_days_before",
	    NULL };
	const cJSON *n;

	if (!cJSON_IsObject(v) || hh_json_keys(v, keys) < 0)
		return hh_error_set(HH_EINVALID, "center.json: apology: expected "
		    "{\"times\": N, \"working_days_before\": N}");
	n = cJSON_GetObjectItemCaseSensitive(v, "times");
	if (n != NULL && (!cJSON_IsNumber(n) || n->valuedouble < 1 ||
	    n->valuedouble > 10 || n->valuedouble != (int)n->valuedouble))
		return hh_error_set(HH_EINVALID, "center.json: apology.times: "
		    "expected a whole number from 1 to 10");
	if (n != NULL)
		c->apology_times = (int)n->valuedouble;
	n = cJSON_GetObjectItemCaseSensitive(v, "working_days_before");
	if (n != NULL && (!cJSON_IsNumber(n) || n->valuedouble < 0 ||
	    n->valuedouble > 30 || n->valuedouble != (int)n->valuedouble))
		return hh_error_set(HH_EINVALID, "center.json: "
		    "apology.working_days_before: expected a whole number "
		    "from 0 to 30");
	if (n != NULL)
		c->apology_days = (int)n->valuedouble;
	return HH_OK;
}

/* "notify": {"sendmail": "/usr/sbin/sendmail", "from": "hh@..."} */
static int
parse_notify(struct hh_center *c, const cJSON *v)
{
	static const char *const keys[] = { "sendmail", "from", NULL };
	int error;

	if (v != NULL && (!cJSON_IsObject(v) || hh_json_keys(v, keys) < 0))
		return hh_error_set(HH_EINVALID, "center.json: notify: expected "
		    "{\"sendmail\": \"/path\", \"from\": \"address\"}");
	if (v != NULL && ((error = hh_json_text(&c->sendmail, v, "sendmail",
	    "center.json: notify.", 0)) < 0 ||
	    (error = hh_json_text(&c->mail_from, v, "from",
	    "center.json: notify.", 0)) < 0))
		return error;
	if (c->sendmail == NULL)
		c->sendmail = hh_xstrdup("/usr/sbin/sendmail");
	else if (c->sendmail[0] != '/')
		return hh_error_set(HH_EINVALID, "center.json: notify.sendmail: "
		    "not an absolute path");
	if (c->mail_from != NULL && !hh_notice_address(c->mail_from))
		return hh_error_set(HH_EINVALID, "center.json: notify.from: "
		    "not a plain e-mail address (name@domain)");
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
	if ((root = hh_json_parse(text, len)) == NULL) {
		error = hh_error_prefix(HH_EINVALID, "center.json");
		goto out;
	}
	if (!cJSON_IsObject(root)) {
		error = hh_error_set(HH_EINVALID,
		    "center.json: not a JSON object");
		goto out;
	}
	if ((error = hh_json_text(&c->agency_code, root, "agency_code",
	    "center.json: ", 1)) < 0 ||
	    (error = hh_json_text(&c->name, root, "name", "center.json: ",
	    1)) < 0)
		goto out;
	if (!hh_text_agency(c->agency_code)) {
		error = hh_error_set(HH_EINVALID,
		    "center.json: agency_code: \"%s\" is not an agency "
		    "identifier (capitals, digits and dots, e.g. H15.50.05.13 "
		    "or 000.17.22.H56)", hh_text_quote(c->agency_code));
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
	if ((error = hh_calendar_hours_check(&c->hours)) < 0) {
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
	if ((error = hh_rules_parse(&c->rules, root)) < 0)
		goto out;
	/* how many apologies (Mẫu 04) a dossier may have, and how early
	 * (DOMAIN Part A §13): {"times": 1, "working_days_before": 1} */
	c->apology_times = 1;
	c->apology_days = 1;
	if ((v = cJSON_GetObjectItemCaseSensitive(root, "apology")) != NULL &&
	    (error = parse_apology(c, v)) < 0)
		goto out;
	/* the one-stop unit (Bộ phận Một cửa), which need not be one of the
	 * departments: the staff at its desk are seconded from them */
	if ((error = hh_json_text(&c->desk_unit, root, "desk_unit",
	    "center.json: ", 0)) < 0)
		goto out;
	if (c->desk_unit == NULL)
		c->desk_unit = hh_xstrdup("motcua");
	else if (!hh_text_id(c->desk_unit)) {
		error = hh_error_set(HH_EINVALID, "center.json: desk_unit: "
		    "\"%s\" is not an id", hh_text_quote(c->desk_unit));
		goto out;
	}
	/* the place a form's date line names ("Hưng Hà, ngày ...") */
	if ((error = hh_json_text(&c->place, root, "place", "center.json: ",
	    0)) < 0)
		goto out;
	if (c->place != NULL && *c->place == '\0') {
		free(c->place);
		c->place = NULL;
	}
	/* how far back a step's --at may go for anyone but an admin
	 * (hh_step_when): 2 working days */
	c->backdate_days = 2;
	if ((v = cJSON_GetObjectItemCaseSensitive(root,
	    "backdate_working_days")) != NULL) {
		if (!cJSON_IsNumber(v) || v->valuedouble < 0 ||
		    v->valuedouble > HH_BACKDATE_MAX ||
		    v->valuedouble != (int)v->valuedouble) {
			error = hh_error_set(HH_EINVALID, "center.json: "
			    "backdate_working_days: expected a whole number "
			    "from 0 to %d", HH_BACKDATE_MAX);
			goto out;
		}
		c->backdate_days = (int)v->valuedouble;
	}
	if ((v = cJSON_GetObjectItemCaseSensitive(root, "actor_override"))) {
		if (!cJSON_IsBool(v)) {
			error = hh_error_set(HH_EINVALID, "center.json: "
			    "actor_override: expected true or false");
			goto out;
		}
		c->actor_override = cJSON_IsTrue(v);
	}
	if ((error = parse_notify(c, cJSON_GetObjectItemCaseSensitive(root,
	    "notify"))) < 0)
		goto out;
	if ((error = parse_depts(c, cJSON_GetObjectItemCaseSensitive(root,
	    "departments"))) < 0 ||
	    (error = parse_staff(c, cJSON_GetObjectItemCaseSensitive(root,
	    "staff"))) < 0 ||
	    (error = hh_peer_parse(c, root)) < 0)
		goto out;
	*out = c;
	c = NULL;
out:
	cJSON_Delete(root);
	hh_center_free(c);
	return error;
}

void
hh_center_role_actions(char buf[128], const char *role)
{
	static const char *const all[] = { "intake", "route", "supplement",
	    "supplied", "delay", "done", "return", "withdraw", "stop", NULL };
	const char *const *a;
	size_t n = 0;

	buf[0] = '\0';
	for (a = all; *a; a++)
		if (hh_center_role_allows(role, *a))
			n += (size_t)snprintf(buf + n, 128 - n, "%s%s",
			    n ? ", " : "", *a);
	if (n == 0)
		snprintf(buf, 128, "nothing");
}
