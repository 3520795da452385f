/* audit.c - checking the history of the records, commit by commit */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core.h"

/*
 * Pure logic: the caller walks the history (store.c) and hands over each
 * commit with the contents of the files it changed; the audit keeps the
 * configuration as of the commit being checked (center.json and calendar
 * at its parent) and replays each dossier step with the workflow's rules.
 */
/* A procedure of the catalogue as of the parent of the commit. */
struct proc {
	char *code;
	struct hh_procedure *p;
};
/* The highest 4-digit sequence of a day's codes so far. */
struct day {
	char *day;		/* "AGENCY-YYMMDD-" */
	int max;
	int listed;		/* seeded: its month's folder was listed */
};
struct hh_audit {
	struct hh_finding *v;
	size_t n, cap;
	struct hh_center *center;	/* as of the parent of the commit */
	struct hh_calendar *cal;
	struct proc *procs;		/* sorted by code */
	size_t nprocs;
	struct day *days;		/* sorted by day */
	size_t ndays;
	int partial;			/* seeded: days unseen are listed */
	hh_audit_list_fn *list;
	void *list_arg;
	int64_t last_recorded;		/* committer date of the parent */
	int64_t first;			/* of the root commit, or INT64_MIN */
	size_t checked;
	struct hh_signers *signers;	/* allowed_signers, as of the parent */
	struct hh_signers *signers_new;	/* as of the commit, if it changed */
	int signers_changed;
};

enum kind {
	K_OTHER,
	K_DOSSIER,
	K_CONFIG,
};

int
hh_audit_new(struct hh_audit **out)
{
	struct hh_audit *a = hh_xmalloc(sizeof(*a));

	memset(a, 0, sizeof(*a));
	a->first = INT64_MIN;
	*out = a;
	return HH_OK;
}

void
hh_audit_free(struct hh_audit *a)
{
	size_t i;

	if (a == NULL)
		return;
	for (i = 0; i < a->n; i++) {
		free(a->v[i].path);
		free(a->v[i].message);
	}
	free(a->v);
	hh_center_free(a->center);
	hh_calendar_free(a->cal);
	for (i = 0; i < a->nprocs; i++) {
		free(a->procs[i].code);
		hh_procedure_free(a->procs[i].p);
	}
	free(a->procs);
	for (i = 0; i < a->ndays; i++)
		free(a->days[i].day);
	free(a->days);
	hh_signers_free(a->signers);
	hh_signers_free(a->signers_new);
	free(a);
}

/*
 * The catalogue and the days' sequences as the history builds them, for
 * replaying intakes: sorted arrays (a few hundred procedures, a few
 * thousand days) of structs whose first member is their key.  The index
 * of key in the n elements of size bytes at v, or where it would go;
 * *found tells which.
 */
static size_t
key_at(const void *v, size_t n, size_t size, const char *key, int *found)
{
	size_t lo = 0, hi = n, mid;
	int c;

	*found = 0;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(*(char *const *)(const void *)((const char *)v +
		    mid * size), key);
		if (c == 0) {
			*found = 1;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Room for one more element at index i of *v (n of size bytes). */
static void *
key_insert(void *v, size_t n, size_t size, size_t i)
{
	char *p = hh_xrealloc(v, (n + 1) * size);

	memmove(p + (i + 1) * size, p + i * size, (n - i) * size);
	return p;
}

static size_t
proc_at(const struct hh_audit *a, const char *code, int *found)
{
	return key_at(a->procs, a->nprocs, sizeof(*a->procs), code, found);
}

/* Take over p as the catalogue's code (NULL: it is gone). */
static void
proc_set(struct hh_audit *a, const char *code, struct hh_procedure *p)
{
	int found;
	size_t i = proc_at(a, code, &found);

	if (found) {
		hh_procedure_free(a->procs[i].p);
		if (p != NULL) {
			a->procs[i].p = p;
			return;
		}
		free(a->procs[i].code);
		memmove(a->procs + i, a->procs + i + 1, (a->nprocs - i - 1) *
		    sizeof(*a->procs));
		a->nprocs--;
		return;
	}
	if (p == NULL)
		return;
	a->procs = key_insert(a->procs, a->nprocs++, sizeof(*a->procs), i);
	a->procs[i].code = hh_xstrdup(code);
	a->procs[i].p = p;
}

static size_t
day_at(const struct hh_audit *a, const char *day, int *found)
{
	return key_at(a->days, a->ndays, sizeof(*a->days), day, found);
}

static struct day *
day_add(struct hh_audit *a, size_t i, const char *day, int max)
{
	a->days = key_insert(a->days, a->ndays++, sizeof(*a->days), i);
	a->days[i].day = hh_xstrdup(day);
	a->days[i].max = max;
	a->days[i].listed = 0;
	return &a->days[i];
}

/* The highest sequence of day in the tree of commit (the parent of the
 * one checked): known from the history walked, else (a check that
 * started later) from the tree's folder of that month. */
static int
day_max(struct hh_audit *a, const char *day, const char *commit,
    const char *dir)
{
	char **names = NULL;
	size_t i, n = 0;
	int found, max = 0, seq;
	size_t k = day_at(a, day, &found);

	/* seeded: the tree before the first commit that asks knows the
	 * day (days seen in the walk may lack the dossiers before its
	 * start), listed once; the walk adds the dossiers after it */
	if (found && (a->days[k].listed || !(a->partial && a->list != NULL &&
	    *commit)))
		return a->days[k].max;
	if (a->partial && a->list != NULL && *commit &&
	    a->list(&names, &n, a->list_arg, commit, dir) == HH_OK) {
		for (i = 0; i < n; i++)
			if ((seq = hh_dossier_seq(names[i], day)) > max)
				max = seq;
		hh_mem_strv_free(names);
	}
	if (!found)
		day_add(a, k, day, 0);
	if (max > a->days[k].max)
		a->days[k].max = max;
	a->days[k].listed = a->partial && a->list != NULL && *commit;
	return a->days[k].max;
}

/* A dossier file came into the tree: its day's highest sequence. */
static void
day_seen(struct hh_audit *a, const char *path)
{
	const char *base = strrchr(path, '/');
	char day[64];
	int found, seq;
	size_t n, k;

	base = base ? base + 1 : path;
	n = strlen(base);
	/* DAY-NNNN.json: the day is all but the last 9 bytes */
	if (n < 10 || n - 9 >= sizeof(day))
		return;
	snprintf(day, sizeof(day), "%.*s", (int)(n - 9), base);
	if ((seq = hh_dossier_seq(base, day)) == 0)
		return;
	k = day_at(a, day, &found);
	if (!found)
		day_add(a, k, day, seq);
	else if (seq > a->days[k].max)
		a->days[k].max = seq;
}

void
hh_audit_lister(struct hh_audit *a, hh_audit_list_fn *fn, void *arg)
{
	a->list = fn;
	a->list_arg = arg;
}

int
hh_audit_seed_procedure(struct hh_audit *a, const char *code,
    const char *text, size_t len)
{
	struct hh_procedure *p = NULL;
	int error;

	if ((error = hh_procedure_parse(&p, text, len, code, a->center)) < 0)
		return error;
	proc_set(a, code, p);
	return HH_OK;
}

void
hh_audit_add(struct hh_audit *a, const char *commit, const char *path,
    const char *fmt, ...)
{
	struct hh_finding *f;
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = hh_xvasprintf(fmt, ap);
	va_end(ap);
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 16;
		a->v = hh_xrealloc(a->v, a->cap * sizeof(*a->v));
	}
	f = &a->v[a->n++];
	snprintf(f->commit, sizeof(f->commit), "%s", commit ? commit : "");
	f->path = path ? hh_xstrdup(path) : NULL;
	f->message = msg;
}

const struct hh_finding *
hh_audit_findings(const struct hh_audit *a, size_t *n_out)
{
	*n_out = a->n;
	return a->v;
}

size_t
hh_audit_checked(const struct hh_audit *a)
{
	return a->checked;
}

/* Take over a calendar and fit it to the centre's office hours. */
static void
set_calendar(struct hh_audit *a, struct hh_calendar *cal)
{
	hh_calendar_free(a->cal);
	a->cal = cal;
	if (a->cal != NULL && a->center != NULL)
		hh_calendar_set_hours(a->cal, &a->center->hours);
}

int
hh_audit_seed_signers(struct hh_audit *a, const char *text, size_t len)
{
	hh_signers_free(a->signers);
	a->signers = NULL;
	return text == NULL ? HH_OK : hh_signers_parse(&a->signers, text, len);
}

int
hh_audit_seed(struct hh_audit *a, const char *center, size_t clen,
    const char *calendar, size_t callen, int64_t recorded)
{
	struct hh_calendar *cal = NULL;
	int error;

	hh_center_free(a->center);
	a->center = NULL;
	if (center != NULL && (error = hh_center_parse(&a->center, center,
	    clen)) < 0)
		return error;
	if ((error = hh_calendar_parse(&cal, calendar ? calendar : "",
	    calendar ? callen : 0, "calendar")) < 0)
		return error;
	set_calendar(a, cal);
	a->last_recorded = recorded;
	a->partial = 1;
	return HH_OK;
}

void
hh_audit_first(struct hh_audit *a, int64_t first)
{
	a->first = first;
}

char *
hh_audit_trailer(const char *msg, const char *key)
{
	const char *p, *last = NULL, *line, *end;
	size_t klen = strlen(key), n;
	char *found = NULL;

	/* the last paragraph: after the last blank line with text after it */
	for (p = msg; (p = strstr(p, "\n\n")) != NULL; p++)
		if (p[2 + strspn(p + 2, "\n")] != '\0')
			last = p + 2;
	if (last == NULL)
		return NULL;	/* a subject alone has no trailers */
	for (line = last; *line; line = *end ? end + 1 : end) {
		end = strchr(line, '\n');
		if (end == NULL)
			end = line + strlen(line);
		if ((size_t)(end - line) > klen + 1 &&
		    strncmp(line, key, klen) == 0 && line[klen] == ':' &&
		    line[klen + 1] == ' ') {
			n = (size_t)(end - line) - klen - 2;
			free(found);
			found = hh_xmalloc(n + 1);
			memcpy(found, line + klen + 2, n);
			found[n] = '\0';
		}
	}
	return found;
}

static enum kind
path_kind(const char *path)
{
	size_t n = strlen(path);

	if (strncmp(path, "dossiers/", 9) == 0)
		return K_DOSSIER;
	if (strcmp(path, "center.json") == 0 || strcmp(path, "calendar") == 0 ||
	    strcmp(path, "allowed_signers") == 0)
		return K_CONFIG;
	if (strncmp(path, "procedures/", 11) == 0 && n > 16 &&
	    strchr(path + 11, '/') == NULL &&
	    strcmp(path + n - 5, ".json") == 0)
		return K_CONFIG;
	return K_OTHER;
}

/* The code a dossier path stands for, if the path is the one hh would use
 * for that code; else NULL. */
static char *
path_code(const char *path)
{
	const char *base = strrchr(path, '/');
	char *code, *want = NULL;
	size_t n;

	base = base ? base + 1 : path;
	n = strlen(base);
	if (n < 6 || strcmp(base + n - 5, ".json") != 0)
		return NULL;
	code = hh_xmalloc(n - 4);
	memcpy(code, base, n - 5);
	code[n - 5] = '\0';
	if (hh_dossier_path(&want, code) < 0 || strcmp(want, path) != 0) {
		free(want);
		free(code);
		return NULL;
	}
	free(want);
	return code;
}

static int
is_time(const cJSON *v)
{
	int64_t t;

	return cJSON_IsString(v) && hh_time_parse(&t, v->valuestring) == 0;
}

/* A member of the wanted type: 's' string, 't' time, 'n' number, 'b'
 * bool, 'o' object, 'a' array. */
static int
want(const cJSON *obj, const char *where, const char *key, int type,
    int need)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	static const char *const what[] = { "a string", "an RFC 3339 time",
	    "a number", "true or false", "an object", "a list" };
	int ok, i;

	if (v == NULL)
		return need ? hh_error_set(HH_EINVALID, "%s%s: missing", where,
		    key) : HH_OK;
	switch (type) {
	case 's':
		ok = cJSON_IsString(v), i = 0;
		break;
	case 't':
		ok = is_time(v), i = 1;
		break;
	case 'n':
		ok = cJSON_IsNumber(v), i = 2;
		break;
	case 'b':
		ok = cJSON_IsBool(v), i = 3;
		break;
	case 'o':
		ok = cJSON_IsObject(v), i = 4;
		break;
	default:
		ok = cJSON_IsArray(v), i = 5;
		break;
	}
	return ok ? HH_OK : hh_error_set(HH_EINVALID, "%s%s: not %s", where,
	    key, what[i]);
}

int
hh_audit_schema(const cJSON *dos, const char *code)
{
	static const char *const top[][2] = {
		{ "code", "s" }, { "procedure", "o" }, { "applicant", "o" },
		{ "channel", "s" }, { "documents", "a" },
		{ "received_at", "t" }, { "due_at", "t" },
		{ "provisional", "b" }, { "status", "s" }, { "holder", "s" },
		{ "events", "a" },
	};
	static const char *const opt[][2] = {
		{ "effective_from", "t" }, { "appointment_at", "t" },
		{ "officer", "s" }, { "outcome", "s" }, { "resolved_at", "t" },
		{ "returned_at", "t" }, { "class", "s" },
		{ "supplement", "o" }, { "shares", "a" }, { "rules", "s" },
	};
	const cJSON *v, *e;
	enum hh_life_status stored;
	struct hh_life lf;
	const char *status;
	char where[64];
	size_t i;
	int error, k = 0;

	if (!cJSON_IsObject(dos))
		return hh_error_set(HH_EINVALID, "not a JSON object");
	v = cJSON_GetObjectItemCaseSensitive(dos, "schema");
	if (!cJSON_IsNumber(v) || v->valuedouble != 1)
		return hh_error_set(HH_EINVALID, "schema: not 1");
	for (i = 0; i < sizeof(top) / sizeof(top[0]); i++)
		if ((error = want(dos, "", top[i][0], top[i][1][0], 1)) < 0)
			return error;
	for (i = 0; i < sizeof(opt) / sizeof(opt[0]); i++)
		if ((error = want(dos, "", opt[i][0], opt[i][1][0], 0)) < 0)
			return error;
	if (code != NULL && strcmp(hh_dossier_str(dos, "code"), code) != 0)
		return hh_error_set(HH_EINVALID, "code: \"%s\" does not match "
		    "the file name",
		    hh_text_quote(hh_dossier_str(dos, "code")));
	v = cJSON_GetObjectItemCaseSensitive(dos, "procedure");
	if ((error = want(v, "procedure.", "code", 's', 1)) < 0 ||
	    (error = want(v, "procedure.", "name", 's', 1)) < 0 ||
	    (error = want(v, "procedure.", "limit", 'o', 1)) < 0)
		return error;
	v = cJSON_GetObjectItemCaseSensitive(dos, "applicant");
	if ((error = want(v, "applicant.", "name", 's', 1)) < 0)
		return error;
	/* a document: a name (written before §18), or a name and how it
	 * came */
	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(dos,
	    "documents")) {
		snprintf(where, sizeof(where), "documents[%d]", k++);
		if (cJSON_IsString(e))
			continue;
		if (!cJSON_IsObject(e) || !cJSON_IsString(
		    cJSON_GetObjectItemCaseSensitive(e, "name")))
			return hh_error_set(HH_EINVALID, "%s: not a document "
			    "name or {\"name\", \"source\"}", where);
		status = hh_dossier_doc_source(e, dos);
		if (strcmp(status, "scanned") && strcmp(status, "online") &&
		    strcmp(status, "shown") && strcmp(status, "database"))
			return hh_error_set(HH_EINVALID, "%s.source: \"%s\" is "
			    "not scanned, online, shown or database", where,
			    hh_text_quote(status));
	}
	k = 0;
	status = hh_dossier_str(dos, "status");
	if (hh_life_status_parse(&stored, status) < 0)
		return hh_error_set(HH_EINVALID, "status: unknown status "
		    "\"%s\"", hh_text_quote(status));
	v = cJSON_GetObjectItemCaseSensitive(dos, "events");
	if (cJSON_GetArraySize(v) == 0)
		return hh_error_set(HH_EINVALID, "events: empty");
	cJSON_ArrayForEach(e, v) {
		snprintf(where, sizeof(where), "events[%d].", k++);
		if (!cJSON_IsObject(e))
			return hh_error_set(HH_EINVALID, "%.*s: not an object",
			    (int)strlen(where) - 1, where);
		if ((error = want(e, where, "at", 't', 1)) < 0 ||
		    (error = want(e, where, "action", 's', 1)) < 0 ||
		    (error = want(e, where, "actor", 's', 1)) < 0 ||
		    (error = want(e, where, "details", 'o', 0)) < 0)
			return error;
	}
	/* the one life: the status stored is the one the events give */
	if ((error = hh_life_at(&lf, dos, INT64_MAX)) < 0)
		return error;
	if (lf.status != stored)
		return hh_error_set(HH_EINVALID, "status: %s, but its events "
		    "say %s", status, hh_life_status_name(lf.status));
	return HH_OK;
}

void
hh_audit_mask(cJSON *dos)
{
	cJSON *a = cJSON_GetObjectItemCaseSensitive(dos, "applicant");
	cJSON *v = cJSON_GetObjectItemCaseSensitive(a, "id_number");
	size_t n, i, head, tail;
	char *m;

	if (!cJSON_IsString(v))
		return;
	n = strlen(v->valuestring);
	head = n >= 8 ? 4 : n >= 3 ? 1 : 0;
	tail = n >= 8 ? 2 : n >= 3 ? 1 : 0;
	m = hh_xstrdup(v->valuestring);
	for (i = head; i + tail < n; i++)
		m[i] = '*';
	cJSON_ReplaceItemInObjectCaseSensitive(a, "id_number",
	    cJSON_CreateString(m));
	free(m);
}

/*
 * Field-by-field differences, one line each:
 *   status: received → processing
 *   + shares[0]: {...}
 *   + events[1]: route by minh at 2016-09-01T09:00:00+07:00
 */
struct lines {
	char **v;
	size_t n, cap;
};

static void
lines_add(struct lines *l, char *s)
{
	if (l->n + 1 >= l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = hh_xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = s;
	l->v[l->n] = NULL;
}

/* A value as a reader wants it: strings bare, the rest as JSON. */
static char *
show(const cJSON *v)
{
	if (cJSON_IsString(v))
		return hh_xstrdup(v->valuestring);
	return hh_json_print(v, 1);
}

static void
diff_add(struct lines *l, const char *sign, const char *path,
    const cJSON *v)
{
	char *s;

	if (strncmp(path, "events[", 7) == 0 && strchr(path + 7, '.') ==
	    NULL && cJSON_IsObject(v)) {
		lines_add(l, hh_xasprintf("%s %s: %s by %s at %s", sign, path,
		    hh_dossier_str(v, "action"), hh_dossier_str(v, "actor"),
		    hh_dossier_str(v, "at")));
		return;
	}
	if (strcmp(path, "events") == 0 && cJSON_IsArray(v)) {
		int i = 0;
		const cJSON *e;

		cJSON_ArrayForEach(e, v) {
			s = hh_xasprintf("events[%d]", i++);
			diff_add(l, sign, s, e);
			free(s);
		}
		return;
	}
	s = show(v);
	lines_add(l, hh_xasprintf("%s %s: %s", sign, path, s));
	free(s);
}

static void
diff_value(struct lines *l, const char *path, const cJSON *a,
    const cJSON *b)
{
	const cJSON *x, *y;
	char *sub, *sa, *sb;
	int i, na, nb;

	if (cJSON_IsObject(a) && cJSON_IsObject(b)) {
		cJSON_ArrayForEach(y, b) {
			sub = *path ? hh_xasprintf("%s.%s", path, y->string) :
			    hh_xstrdup(y->string);
			if ((x = cJSON_GetObjectItemCaseSensitive(a,
			    y->string)) != NULL)
				diff_value(l, sub, x, y);
			else
				diff_add(l, "+", sub, y);
			free(sub);
		}
		cJSON_ArrayForEach(x, a) {
			if (cJSON_GetObjectItemCaseSensitive(b, x->string))
				continue;
			sub = *path ? hh_xasprintf("%s.%s", path, x->string) :
			    hh_xstrdup(x->string);
			diff_add(l, "-", sub, x);
			free(sub);
		}
		return;
	}
	if (cJSON_IsArray(a) && cJSON_IsArray(b)) {
		na = cJSON_GetArraySize(a);
		nb = cJSON_GetArraySize(b);
		for (i = 0; i < na || i < nb; i++) {
			sub = hh_xasprintf("%s[%d]", path, i);
			x = cJSON_GetArrayItem(a, i);
			y = cJSON_GetArrayItem(b, i);
			if (x && y)
				diff_value(l, sub, x, y);
			else
				diff_add(l, y ? "+" : "-", sub, y ? y : x);
			free(sub);
		}
		return;
	}
	if (cJSON_Compare(a, b, 1))
		return;
	sa = show(a);
	sb = show(b);
	lines_add(l, hh_xasprintf("%s: %s \xe2\x86\x92 %s", path, sa, sb));
	free(sa);
	free(sb);
}

int
hh_audit_diff(char ***out, size_t *n_out, const cJSON *old, const cJSON *new)
{
	struct lines l = { NULL, 0, 0 };
	cJSON *empty = NULL;

	if (old == NULL)
		old = empty = cJSON_CreateObject();
	diff_value(&l, "", old, new);
	cJSON_Delete(empty);
	if (l.v == NULL) {
		l.v = hh_xmalloc(sizeof(*l.v));
		l.v[0] = NULL;
	}
	*out = l.v;
	*n_out = l.n;
	return HH_OK;
}

/* The step an event records, for replaying it (strings borrowed from ev;
 * docs is the caller's to free). */
static int
event_step(struct hh_step *st, const char ***docs, const cJSON *ev,
    int64_t at)
{
	const cJSON *det = cJSON_GetObjectItemCaseSensitive(ev, "details");
	enum hh_action act;
	int error;

	*docs = NULL;
	if ((error = hh_step_parse(&act, hh_dossier_str(ev, "action"))) < 0)
		return error;
	hh_step_init(st, act, at);
	if (!cJSON_IsObject(det))
		return HH_OK;
	return hh_step_fields(st, docs, det);
}

/* Top-level keys on which two dossiers differ, "status, holder". */
static char *
differing_keys(const cJSON *a, const cJSON *b)
{
	const cJSON *x, *y;
	char *out = hh_xstrdup(""), *t;

	cJSON_ArrayForEach(y, b) {
		x = cJSON_GetObjectItemCaseSensitive(a, y->string);
		if (x != NULL && cJSON_Compare(x, y, 1))
			continue;
		t = hh_xasprintf("%s%s%s", out, *out ? ", " : "", y->string);
		free(out);
		out = t;
	}
	cJSON_ArrayForEach(x, a) {
		if (cJSON_GetObjectItemCaseSensitive(b, x->string))
			continue;
		t = hh_xasprintf("%s%s-%s", out, *out ? ", " : "", x->string);
		free(out);
		out = t;
	}
	return out;
}

struct ctx {
	struct hh_audit *a;
	const struct hh_commit *c;
	char *action, *actor, *dossier;	/* trailers */
	const struct hh_staff *staff;	/* the author, if staff and Actor: */
};

#define FIND(x, path, ...) hh_audit_add((x)->a, (x)->c->id, path, __VA_ARGS__)

/* The staff member the commit names, if it is its author; NULL after a
 * finding. */
static const struct hh_staff *
author_staff(struct ctx *x, const struct hh_center *center)
{
	const struct hh_staff *s;
	size_t i;

	if (center == NULL) {
		FIND(x, NULL, "no valid center.json before this commit: "
		    "cannot check its author");
		return NULL;
	}
	if (x->actor == NULL) {
		/* no Actor: trailer (found already): still, who is it? */
		for (i = 0; i < center->nstaff; i++)
			if (strcmp(center->staff[i].name, x->c->author) == 0 &&
			    strcmp(center->staff[i].email, x->c->email) == 0)
				return NULL;
		FIND(x, NULL, "author %s <%s> is not a staff member",
		    x->c->author, x->c->email);
		return NULL;
	}
	if ((s = hh_center_staff(center, x->actor)) == NULL) {
		FIND(x, NULL, "actor %s: not a staff member", x->actor);
		return NULL;
	}
	if (strcmp(s->name, x->c->author) != 0 ||
	    strcmp(s->email, x->c->email) != 0) {
		FIND(x, NULL, "author %s <%s> is not staff member %s (%s <%s>)",
		    x->c->author, x->c->email, s->id, s->name, s->email);
		return NULL;
	}
	return s;
}

/* The intake's input as the committed dossier gives it (strings borrowed
 * from dos; in->documents the caller's to free, hh_mem_strv_free). */
static void
intake_of(struct hh_intake *in, const cJSON *dos, int64_t at)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(dos, "applicant");
	char **v;
	size_t n = 0;

	memset(in, 0, sizeof(*in));
	in->procedure = hh_dossier_str(cJSON_GetObjectItemCaseSensitive(dos,
	    "procedure"), "code");
	in->name = hh_dossier_str(a, "name");
	in->id_number = hh_dossier_str(a, "id_number");
	in->phone = hh_dossier_str(a, "phone");
	in->email = hh_dossier_str(a, "email");
	in->address = hh_dossier_str(a, "address");
	in->channel = hh_dossier_str(dos, "channel");
	in->at = at;
	/* a document as it was given: "source:name" */
	v = hh_dossier_doc_texts(dos);
	while (v[n] != NULL)
		n++;
	in->documents = (const char *const *)v;
	in->ndocuments = n;
	/* absent members are NULL to hh_dossier_new, not "" */
	if (!*in->id_number)
		in->id_number = NULL;
	if (!*in->phone)
		in->phone = NULL;
	if (!*in->email)
		in->email = NULL;
	if (!*in->address)
		in->address = NULL;
	if (!*in->channel)
		in->channel = NULL;
}

/*
 * An intake replayed: hh_dossier_new of the committed applicant, channel
 * and documents at the event's time, with the procedure of the catalogue
 * and the configuration before the commit, coded one past the day's
 * highest sequence in the tree before it, must give the committed file
 * byte for byte.  What a forger would bend (the limit, the due instant,
 * the receipt time, a procedure not in the catalogue, the code) is named.
 * A dossier written before hh recorded its rule set or its documents'
 * sources keeps those members as they are.
 */
static void
replay_intake(struct ctx *x, const struct hh_change *ch, const cJSON *new,
    const struct hh_blob *nb, int64_t t, const struct hh_staff *s)
{
	const struct hh_center *c = x->a->center;
	const cJSON *d;
	struct hh_intake in;
	cJSON *replay = NULL;
	char day[64], *dir = NULL, *want = NULL, *text = NULL, *keys = NULL;
	const char *code = hh_dossier_str(new, "code");
	int found, y, m, dd, legacy = 1;
	size_t k;

	intake_of(&in, new, t);
	k = proc_at(x->a, in.procedure, &found);
	if (!found) {
		FIND(x, ch->path, "procedure %s is not in the catalogue before "
		    "this commit", hh_text_quote(in.procedure));
		goto out;
	}
	if (hh_dossier_new(&replay, &in, c, x->a->procs[k].p, x->a->cal,
	    s) < 0) {
		FIND(x, ch->path, "not an intake hh makes: %s",
		    hh_error_last());
		goto out;
	}
	/* the code: one past the day's highest in the tree before */
	if (hh_dossier_day(day, c->agency_code, t) == 0) {
		hh_time_civil(hh_time_day(t), &y, &m, &dd);
		dir = hh_xasprintf("dossiers/%04d/%02d", y, m);
		want = hh_xasprintf("%s%04d", day, day_max(x->a, day,
		    x->c->parent, dir) + 1);
		if (strcmp(want, code) != 0)
			FIND(x, ch->path, "code %s, but the next code of its "
			    "day was %s", hh_text_quote(code), want);
	}
	cJSON_ReplaceItemInObjectCaseSensitive(replay, "code",
	    cJSON_CreateString(code));
	if (cJSON_GetObjectItemCaseSensitive(new, "rules") == NULL)
		cJSON_DeleteItemFromObjectCaseSensitive(replay, "rules");
	cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(new,
	    "documents"))
		legacy &= cJSON_IsString(d);
	if (legacy)
		cJSON_ReplaceItemInObjectCaseSensitive(replay, "documents",
		    cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(new,
		    "documents"), 1));
	text = hh_dossier_format(replay);
	if (strlen(text) != nb->len || memcmp(text, nb->data, nb->len) != 0) {
		keys = differing_keys(replay, new);
		FIND(x, ch->path, "the file is not what an intake of its "
		    "applicant at %s makes (%s)", hh_dossier_str(
		    cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(new,
		    "events"), 0), "at"), *keys ? keys : "layout");
	}
out:
	hh_mem_strv_free((char **)(void *)in.documents);
	cJSON_Delete(replay);
	free(dir);
	free(want);
	free(text);
	free(keys);
}

static void
check_dossier(struct ctx *x, const struct hh_change *ch,
    const struct hh_blob *ob, const struct hh_blob *nb)
{
	const struct hh_staff *s;
	const struct hh_rule_set *rs;
	cJSON *old = NULL, *new = NULL, *replay = NULL, *oev, *nev, *ev;
	const char **docs = NULL;
	struct hh_step st;
	char *code = path_code(ch->path), *text = NULL, *keys = NULL;
	char **amended = NULL;
	char at[HH_TIME_MAX];
	int64_t t, last, received;
	int i, nold, nnew;

	if (code == NULL) {
		FIND(x, ch->path, "not a dossier path "
		    "(dossiers/YYYY/MM/CODE.json)");
		goto out;
	}
	if (x->dossier != NULL && strcmp(x->dossier, code) != 0)
		FIND(x, ch->path, "Dossier: trailer %s does not match the path",
		    x->dossier);
	if (nb->data == NULL) {
		if (ch->new_id[0] == '\0')
			FIND(x, ch->path, "dossier deleted");
		goto out;
	}
	if (ob->data != NULL && (old = hh_json_parse(ob->data,
	    ob->len)) == NULL)
		FIND(x, ch->path, "the previous version is not valid JSON");
	if ((new = hh_json_parse(nb->data, nb->len)) == NULL) {
		FIND(x, ch->path, "not valid JSON");
		goto out;
	}
	if (hh_audit_schema(new, code) < 0) {
		FIND(x, ch->path, "invalid dossier: %s", hh_error_last());
		goto out;
	}
	oev = cJSON_GetObjectItemCaseSensitive(old, "events");
	nev = cJSON_GetObjectItemCaseSensitive(new, "events");
	nold = old ? cJSON_GetArraySize(oev) : 0;
	nnew = cJSON_GetArraySize(nev);
	if (ob->data != NULL && old == NULL)
		goto out;
	if (nnew != nold + 1) {
		FIND(x, ch->path, "%d events added (one commit records exactly "
		    "one)", nnew - nold);
		goto out;
	}
	for (i = 0; i < nold; i++)
		if (!cJSON_Compare(cJSON_GetArrayItem(oev, i),
		    cJSON_GetArrayItem(nev, i), 1)) {
			FIND(x, ch->path, "events[%d] was changed after it was "
			    "recorded", i);
			goto out;
		}
	ev = cJSON_GetArrayItem(nev, nold);
	hh_time_parse(&t, hh_dossier_str(ev, "at"));
	if (x->action && strcmp(hh_dossier_str(ev, "action"), x->action))
		FIND(x, ch->path, "event %s does not match Action: %s",
		    hh_dossier_str(ev, "action"), x->action);
	if (x->actor && strcmp(hh_dossier_str(ev, "actor"), x->actor))
		FIND(x, ch->path, "event actor %s does not match Actor: %s",
		    hh_dossier_str(ev, "actor"), x->actor);
	if (t != x->c->author_date) {
		hh_time_format(at, x->c->author_date);
		FIND(x, ch->path, "event time %s is not the author date %s",
		    hh_dossier_str(ev, "at"), at);
	}
	/* back-dated further than the rule allowed when it was recorded,
	 * by anyone but an admin of the configuration before it, or before
	 * the tree was created (hh_step_when) */
	if (x->a->center != NULL && x->a->cal != NULL && hh_step_when(t,
	    x->c->committer_date, x->a->first, x->staff, x->a->center,
	    x->a->cal) < 0) {
		hh_time_format(at, x->c->committer_date);
		FIND(x, ch->path, "event time %s, recorded %s: %s",
		    hh_dossier_str(ev, "at"), at, hh_error_last());
	}
	last = old ? hh_dossier_last_at(old) : 0;
	if (old != NULL && t < last)
		FIND(x, ch->path, "event time %s is before the previous event",
		    hh_dossier_str(ev, "at"));
	s = x->staff;
	if (old == NULL) {
		/* intake: a new dossier, received, held by the actor's
		 * department */
		if (strcmp(hh_dossier_str(ev, "action"),
		    hh_life_event_name(HH_EVENT_INTAKE)) != 0)
			FIND(x, ch->path, "new dossier whose event is %s, not "
			    "intake", hh_dossier_str(ev, "action"));
		else if (s != NULL && !hh_center_role_allows(s->role, "intake"))
			FIND(x, ch->path, "actor %s (%s) may not intake",
			    s->id, s->role);
		if (strcmp(hh_dossier_str(new, "status"),
		    hh_life_status_name(HH_STATUS_RECEIVED)) != 0)
			FIND(x, ch->path, "new dossier with status %s",
			    hh_dossier_str(new, "status"));
		/* the rule set of its day of receipt, for its whole life */
		if (x->a->center != NULL && cJSON_GetObjectItemCaseSensitive(new,
		    "rules") != NULL && hh_time_parse(&received,
		    hh_dossier_str(new, "received_at")) == 0 &&
		    strcmp(hh_dossier_str(new, "rules"), (rs = hh_rules_set_at(
		    x->a->center->rules, received))->id) != 0)
			FIND(x, ch->path, "rules %s, but it was received under "
			    "%s", hh_dossier_str(new, "rules"), rs->id);
		if (x->a->center != NULL && strcmp(hh_dossier_str(new,
		    "holder"), x->a->center->desk_unit) != 0)
			FIND(x, ch->path, "new dossier held by %s, not by the "
			    "one-stop unit %s", hh_dossier_str(new, "holder"),
			    x->a->center->desk_unit);
		if (s != NULL && x->a->center != NULL && x->a->cal != NULL &&
		    strcmp(hh_dossier_str(ev, "action"),
		    hh_life_event_name(HH_EVENT_INTAKE)) == 0)
			replay_intake(x, ch, new, nb, t, s);
		goto out;
	}
	if (strcmp(hh_dossier_str(old, "code"), code) != 0) {
		FIND(x, ch->path, "the previous version has code %s",
		    hh_dossier_str(old, "code"));
		goto out;
	}
	if (s == NULL || x->a->cal == NULL)
		goto out;
	/* replay the step on the previous version with the rules and the
	 * configuration of the time: it must be legal and give this file */
	if (event_step(&st, &docs, ev, t) < 0 || (st.action ==
	    HH_STEP_AMEND && hh_step_amended(&st, &amended,
	    cJSON_GetObjectItemCaseSensitive(ev, "details"), new) < 0)) {
		FIND(x, ch->path, "event: %s", hh_error_last());
		goto out;
	}
	replay = cJSON_Duplicate(old, 1);
	if (hh_step_apply(replay, &st, s, x->a->center, x->a->cal) < 0) {
		FIND(x, ch->path, "illegal step: %s", hh_error_last());
		goto out;
	}
	text = hh_dossier_format(replay);
	if (strlen(text) != nb->len || memcmp(text, nb->data, nb->len) != 0) {
		keys = differing_keys(replay, new);
		FIND(x, ch->path, "the file is not what the %s step makes of "
		    "the previous version (%s)", hh_dossier_str(ev, "action"),
		    *keys ? keys : "layout");
	}
out:
	free(keys);
	free(text);
	free(docs);
	hh_mem_strv_free(amended);
	cJSON_Delete(replay);
	cJSON_Delete(old);
	cJSON_Delete(new);
	free(code);
}

/* A configuration file as committed; the new centre (if center.json
 * changed and is valid) is handed back through center_out. */
static void
check_config(struct ctx *x, const struct hh_change *ch,
    const struct hh_blob *nb, const struct hh_center *center,
    struct hh_center **center_out, struct hh_calendar **cal_out)
{
	struct hh_procedure *p = NULL;
	char *code;
	size_t n;

	if (strcmp(ch->path, "allowed_signers") == 0) {
		/* the keys the next commits are checked with */
		hh_signers_free(x->a->signers_new);
		x->a->signers_new = NULL;
		x->a->signers_changed = 1;
		if (nb->data != NULL && hh_signers_parse(&x->a->signers_new,
		    nb->data, nb->len) < 0)
			FIND(x, ch->path, "invalid: %s", hh_error_last());
	}
	if (nb->data == NULL) {
		if (ch->new_id[0] == '\0' && strncmp(ch->path, "procedures/",
		    11) != 0)
			FIND(x, ch->path, "configuration file deleted");
		/* a procedure taken out of the catalogue */
		if (ch->new_id[0] == '\0' && strncmp(ch->path, "procedures/",
		    11) == 0 && strlen(ch->path) > 16) {
			code = hh_xasprintf("%.*s", (int)(strlen(ch->path) -
			    16), ch->path + 11);
			proc_set(x->a, code, NULL);
			free(code);
		}
		return;
	}
	if (strcmp(ch->path, "center.json") == 0) {
		if (hh_center_parse(center_out, nb->data, nb->len) < 0)
			FIND(x, ch->path, "invalid: %s", hh_error_last());
		return;
	}
	if (strcmp(ch->path, "calendar") == 0) {
		if (hh_calendar_parse(cal_out, nb->data, nb->len,
		    "calendar") < 0)
			FIND(x, ch->path, "invalid: %s", hh_error_last());
		return;
	}
	if (strcmp(ch->path, "allowed_signers") == 0)
		return;
	n = strlen(ch->path);
	code = hh_xmalloc(n);
	snprintf(code, n, "%.*s", (int)(n - 16), ch->path + 11);
	if (hh_procedure_parse(&p, nb->data, nb->len, code, center) < 0)
		FIND(x, ch->path, "invalid: %s", hh_error_last());
	/* the catalogue the next intakes are replayed with (an invalid
	 * procedure leaves it out: an intake of it is a finding) */
	proc_set(x->a, code, p);
	free(code);
}

void
hh_audit_commit(struct hh_audit *a, const struct hh_commit *c,
    const struct hh_blob *old, const struct hh_blob *new)
{
	struct ctx x = { a, c, NULL, NULL, NULL, NULL };
	struct hh_center *center = NULL;
	struct hh_calendar *cal = NULL;
	const struct hh_staff *s;
	const char *subj = c->message;
	char *want = NULL, at[HH_TIME_MAX], rec[HH_TIME_MAX];
	size_t i, ndossiers = 0, nconfig = 0;

	a->checked++;
	if (c->nparents == 0 && a->first == INT64_MIN)
		a->first = c->committer_date;
	if (c->nparents > 1)
		FIND(&x, NULL, "merge commit (hh makes none): only the first "
		    "parent's line is checked");
	if (c->error != NULL) {
		FIND(&x, NULL, "unreadable: %s", c->error);
		goto out;
	}
	if (c->nchanges == 0)
		FIND(&x, NULL, "changes no file");
	for (i = 0; i < c->nchanges; i++) {
		const struct hh_change *ch = &c->changes[i];

		switch (path_kind(ch->path)) {
		case K_DOSSIER:
			ndossiers++;
			break;
		case K_CONFIG:
			nconfig++;
			break;
		default:
			FIND(&x, ch->path, "not a file of the records");
			break;
		}
		if (ch->new_id[0] != '\0' && ch->new_mode != 0100644)
			FIND(&x, ch->path, "mode %06o, not a plain file",
			    ch->new_mode);
	}
	x.action = hh_audit_trailer(c->message, "Action");
	x.actor = hh_audit_trailer(c->message, "Actor");
	x.dossier = hh_audit_trailer(c->message, "Dossier");
	if (c->author_offset != HH_TZ_OFFSET / 60 ||
	    c->committer_offset != HH_TZ_OFFSET / 60)
		FIND(&x, NULL, "dates not in +07:00 (hh writes none other)");
	if (c->author_date > c->committer_date) {
		hh_time_format(at, c->author_date);
		hh_time_format(rec, c->committer_date);
		FIND(&x, NULL, "event time %s is after its recording %s", at,
		    rec);
	}
	if (c->committer_date < a->last_recorded) {
		hh_time_format(rec, c->committer_date);
		FIND(&x, NULL, "recorded %s, before its parent", rec);
	}
	if (ndossiers > 0 && nconfig > 0)
		FIND(&x, NULL, "changes dossiers and configuration together");
	if (ndossiers > 1)
		FIND(&x, NULL, "changes %zu dossiers (one commit per dossier)",
		    ndossiers);
	if (ndossiers > 0) {
		if (x.dossier == NULL || x.action == NULL || x.actor == NULL)
			FIND(&x, NULL, "no %s trailer", x.dossier == NULL ?
			    "Dossier:" : x.action == NULL ? "Action:" :
			    "Actor:");
		else {
			want = hh_xasprintf("%s %s: ", x.action, x.dossier);
			if (strncmp(subj, want, strlen(want)) != 0)
				FIND(&x, NULL, "subject does not begin \"%s\"",
				    want);
		}
		x.staff = author_staff(&x, a->center);
		for (i = 0; i < c->nchanges; i++)
			if (path_kind(c->changes[i].path) == K_DOSSIER)
				check_dossier(&x, &c->changes[i], &old[i],
				    &new[i]);
		/* the days' sequences, for the next intakes */
		for (i = 0; i < c->nchanges; i++)
			if (path_kind(c->changes[i].path) == K_DOSSIER &&
			    c->changes[i].new_id[0] != '\0')
				day_seen(a, c->changes[i].path);
	}
	if (nconfig > 0) {
		/* center.json first: procedures are checked against it */
		for (i = 0; i < c->nchanges; i++)
			if (strcmp(c->changes[i].path, "center.json") == 0)
				check_config(&x, &c->changes[i], &new[i],
				    NULL, &center, &cal);
		for (i = 0; i < c->nchanges; i++)
			if (path_kind(c->changes[i].path) == K_CONFIG &&
			    strcmp(c->changes[i].path, "center.json") != 0)
				check_config(&x, &c->changes[i], &new[i],
				    center ? center : a->center, &center,
				    &cal);
		if (x.action == NULL || x.actor == NULL)
			FIND(&x, NULL, "no %s trailer", x.action == NULL ?
			    "Action:" : "Actor:");
		else if (strcmp(x.action, "configure") != 0)
			FIND(&x, NULL, "configuration changed by a commit with "
			    "Action: %s", x.action);
		if (strncmp(subj, "init ", 5) != 0 &&
		    strncmp(subj, "configure ", 10) != 0)
			FIND(&x, NULL,
			    "subject does not begin \"configure\" or "
			    "\"init\"");
		/* the first commit is judged by the centre it creates */
		s = author_staff(&x, c->parent[0] ? a->center : center);
		if (s != NULL && !hh_center_role_allows(s->role, "configure"))
			FIND(&x, NULL, "actor %s (%s) may not configure: only "
			    "an admin may", s->id, s->role);
	}
	if (center != NULL) {
		hh_center_free(a->center);
		a->center = center;
		center = NULL;
		if (cal == NULL && a->cal != NULL)
			hh_calendar_set_hours(a->cal, &a->center->hours);
	}
	if (cal != NULL) {
		set_calendar(a, cal);
		cal = NULL;
	}
	if (a->cal == NULL) {
		hh_calendar_parse(&cal, "", 0, "calendar");
		set_calendar(a, cal);
		cal = NULL;
	}
out:
	if (c->committer_date > a->last_recorded)
		a->last_recorded = c->committer_date;
	hh_center_free(center);
	hh_calendar_free(cal);
	free(want);
	free(x.action);
	free(x.actor);
	free(x.dossier);
}

void
hh_audit_signature(struct hh_audit *a, const struct hh_commit *c,
    const char *sig, size_t siglen, const char *data, size_t len)
{
	struct ctx x = { a, c, NULL, NULL, NULL, NULL };
	/* the keys before the commit decide; the commit that begins signing
	 * (the root, or the first to list a key) is signed by one it lists */
	const struct hh_signers *use = a->signers != NULL ? a->signers :
	    a->signers_changed ? a->signers_new : NULL;
	unsigned char pub[HH_KEY_PUB];
	int good = 0;

	if (use == NULL)
		good = 1;	/* history from before the tree signed */
	else if (sig == NULL)
		FIND(&x, NULL, "not signed (allowed_signers lists the keys "
		    "that sign every commit)");
	else if (hh_key_verify(pub, sig, siglen, data, len) < 0)
		FIND(&x, NULL, "signature: %s", hh_error_last());
	else if (hh_signers_allow(use, pub, c->committer_date) < 0)
		FIND(&x, NULL, "%s", hh_error_last());
	else
		good = 1;
	/* keys listed by a commit that is not itself well signed allow
	 * nothing: the next commits are checked with the keys before it */
	if (a->signers_changed && !good && a->signers != NULL) {
		FIND(&x, "allowed_signers", "changed by a commit not signed by "
		    "a key it allowed: the keys before it still decide");
		hh_signers_free(a->signers_new);
		a->signers_new = NULL;
		a->signers_changed = 0;
	}
	if (a->signers_changed) {
		hh_signers_free(a->signers);
		a->signers = a->signers_new;
		a->signers_new = NULL;
		a->signers_changed = 0;
	}
}
