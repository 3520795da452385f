/* dossier.c - dossiers: codes, paths, the stored form and their commits */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hh_impl.h"

#define NAME_MAX_BYTES 200
#define TEXT_MAX_BYTES 500
#define DOCS_MAX 100

int
hh_dossier_path(char **out, const char *code)
{
	const char *dash;
	size_t n;
	int i, mm;

	*out = NULL;
	n = code ? strlen(code) : 0;
	/* AGENCY-YYMMDD-NNNN */
	if (n < 14 || n > 48 || code[n - 5] != '-' || code[n - 12] != '-')
		goto bad;
	for (i = 1; i <= 11; i++)
		if (i != 5 && (code[n - i] < '0' || code[n - i] > '9'))
			goto bad;
	dash = code + n - 12;
	{
		char agency[40];

		memcpy(agency, code, (size_t)(dash - code));
		agency[dash - code] = '\0';
		if (!hh_agency_valid(agency))
			goto bad;
	}
	mm = (dash[3] - '0') * 10 + (dash[4] - '0');
	if (mm < 1 || mm > 12)
		goto bad;
	*out = hh_xasprintf("dossiers/20%.2s/%.2s/%s.json", dash + 1, dash + 3,
	    code);
	return HH_OK;
bad:
	return hh_error_set(HH_EINVALID,
	    "not a dossier code (AGENCY-YYMMDD-NNNN)");
}

const char *
hh_dossier_str(const cJSON *dossier, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(dossier, key);

	return cJSON_IsString(v) ? v->valuestring : "";
}

int64_t
hh_dossier_last_at(const cJSON *dossier)
{
	const cJSON *ev = cJSON_GetObjectItemCaseSensitive(dossier, "events");
	const cJSON *last = cJSON_IsArray(ev) ?
	    cJSON_GetArrayItem(ev, cJSON_GetArraySize(ev) - 1) : NULL;
	int64_t t;

	if (last == NULL || hh_time_parse(&t, hh_dossier_str(last, "at")) < 0)
		return 0;
	return t;
}

static void
add_time(cJSON *obj, const char *key, int64_t t)
{
	char buf[HH_TIME_MAX];

	hh_time_format(buf, t);
	cJSON_AddStringToObject(obj, key, buf);
}

void
hh_dossier_event(cJSON *dossier, int64_t at, const char *action,
    const char *actor, cJSON *details)
{
	cJSON *events = cJSON_GetObjectItemCaseSensitive(dossier, "events");
	cJSON *e = cJSON_CreateObject();

	if (events == NULL)
		events = cJSON_AddArrayToObject(dossier, "events");
	add_time(e, "at", at);
	cJSON_AddStringToObject(e, "action", action);
	cJSON_AddStringToObject(e, "actor", actor);
	if (details != NULL)
		cJSON_AddItemToObject(e, "details", details);
	cJSON_AddItemToArray(events, e);
}

/* The stored key order (hh-dossier(5)); other keys follow, events last. */
static const char *const order[] = {
	"schema", "code", "procedure", "applicant", "channel", "documents",
	"received_at", "effective_from", "due_at", "provisional",
	"appointment_at", "status", "holder", "officer", "outcome",
	"resolved_at", "returned_at", "class", "supplement", "shares",
};

char *
hh_dossier_format(cJSON *dossier)
{
	cJSON *copy = cJSON_CreateObject(), *v, *events;
	char *text, *out;
	size_t i, n;

	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if ((v = cJSON_DetachItemFromObjectCaseSensitive(dossier,
		    order[i])) != NULL)
			cJSON_AddItemToObject(copy, order[i], v);
	events = cJSON_DetachItemFromObjectCaseSensitive(dossier, "events");
	while ((v = dossier->child) != NULL) {
		cJSON_DetachItemViaPointer(dossier, v);
		cJSON_AddItemToObject(copy, v->string, v);
	}
	if (events)
		cJSON_AddItemToObject(copy, "events", events);
	/* hand the ordered members back to the caller's object */
	dossier->child = copy->child;
	copy->child = NULL;
	cJSON_Delete(copy);
	text = cJSON_Print(dossier);
	n = strlen(text);
	out = hh_xmalloc(n + 2);
	memcpy(out, text, n);
	out[n] = '\n';
	out[n + 1] = '\0';
	cJSON_free(text);
	return out;
}

static int
check_text(const char *what, const char *s, size_t max, int need)
{
	if (s == NULL || *s == '\0')
		return need ? hh_error_set(HH_EINVALID, "%s: missing", what) :
		    HH_OK;
	if (strlen(s) > max)
		return hh_error_set(HH_EINVALID, "%s: longer than %zu bytes",
		    what, max);
	if (!hh_utf8_valid(s, strlen(s), 0))
		return hh_error_set(HH_EINVALID, "%s: not valid UTF-8 text "
		    "(or contains control characters)", what);
	return HH_OK;
}

static int
check_chars(const char *what, const char *s, const char *allowed,
    size_t min, size_t max)
{
	size_t n;

	if (s == NULL)
		return HH_OK;
	n = strlen(s);
	if (n < min || n > max || strspn(s, allowed) != n)
		return hh_error_set(HH_EINVALID, "%s: not a valid %s", what,
		    what);
	return HH_OK;
}

static void
add_opt(cJSON *obj, const char *key, const char *v)
{
	if (v != NULL && *v)
		cJSON_AddStringToObject(obj, key, v);
}

int
hh_dossier_new(cJSON **out, struct hh_desk *d, const struct hh_intake *in)
{
	static const char alnum[] = "0123456789"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
	struct hh_procedure *p = NULL;
	cJSON *dos = NULL, *v, *det;
	const char *channel = in->channel ? in->channel : "direct";
	int64_t due, start;
	int error, prov = 0;
	size_t i;

	*out = NULL;
	if ((error = check_text("applicant", in->name, NAME_MAX_BYTES, 1)) < 0 ||
	    (error = check_chars("id-number", in->id_number, alnum, 6,
	    20)) < 0 ||
	    (error = check_chars("phone", in->phone, "0123456789+ .-()", 6,
	    20)) < 0 ||
	    (error = check_text("email", in->email, 254, 0)) < 0 ||
	    (error = check_text("address", in->address, TEXT_MAX_BYTES,
	    0)) < 0)
		return error;
	if (in->email && *in->email && (strchr(in->email, '@') == NULL ||
	    strchr(in->email, ' ')))
		return hh_error_set(HH_EINVALID, "email: not an e-mail address");
	if (strcmp(channel, "direct") && strcmp(channel, "online") &&
	    strcmp(channel, "postal"))
		return hh_error_set(HH_EINVALID, "channel: \"%s\" is not "
		    "direct, online or postal", hh_quote(channel));
	if (in->ndocuments > DOCS_MAX)
		return hh_error_set(HH_EINVALID, "document: more than %d",
		    DOCS_MAX);
	for (i = 0; i < in->ndocuments; i++)
		if ((error = check_text("document", in->documents[i],
		    TEXT_MAX_BYTES, 1)) < 0)
			return error;
	/* hh_desk_procedure would refuse it too, showing it whole */
	if (!hh_id_valid(in->procedure))
		return hh_error_set(HH_EINVALID, "procedure: bad code \"%s\"",
		    hh_quote(in->procedure));
	if ((error = hh_desk_procedure(&p, d, in->procedure)) < 0)
		return error;
	if ((error = hh_due(&due, &start, &prov, d->cal, in->at,
	    &p->limit)) < 0)
		goto out;

	dos = cJSON_CreateObject();
	cJSON_AddNumberToObject(dos, "schema", 1);
	cJSON_AddStringToObject(dos, "code", "");
	v = cJSON_AddObjectToObject(dos, "procedure");
	cJSON_AddStringToObject(v, "code", p->code);
	cJSON_AddStringToObject(v, "name", p->name);
	cJSON_AddStringToObject(v, "field", p->field);
	cJSON_AddStringToObject(v, "department", p->department);
	cJSON_AddNumberToObject(cJSON_AddObjectToObject(v, "limit"),
	    hh_unit_name(p->limit.unit), p->limit.value);
	v = cJSON_AddObjectToObject(dos, "applicant");
	add_opt(v, "name", in->name);
	add_opt(v, "id_number", in->id_number);
	add_opt(v, "phone", in->phone);
	add_opt(v, "email", in->email);
	add_opt(v, "address", in->address);
	cJSON_AddStringToObject(dos, "channel", channel);
	v = cJSON_AddArrayToObject(dos, "documents");
	for (i = 0; i < in->ndocuments; i++)
		cJSON_AddItemToArray(v, cJSON_CreateString(in->documents[i]));
	add_time(dos, "received_at", in->at);
	add_time(dos, "effective_from", start);
	add_time(dos, "due_at", due);
	cJSON_AddBoolToObject(dos, "provisional", prov);
	cJSON_AddStringToObject(dos, "status", "received");
	cJSON_AddStringToObject(dos, "holder", d->actor->department);
	det = cJSON_CreateObject();
	add_time(det, "due_at", due);
	hh_dossier_event(dos, in->at, "intake", d->actor->id, det);
	*out = dos;
	error = HH_OK;
out:
	hh_procedure_free(p);
	return error;
}

int
hh_dossier_load(cJSON **out, struct hh_desk *d, const char *code)
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
	if ((*out = cJSON_ParseWithLength(text, len)) == NULL ||
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

/* "<action> <code>: <procedure code> <name>" and the trailers. */
static char *
message(const cJSON *dos, const char *action, const char *actor)
{
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(dos, "procedure");
	const char *code = hh_dossier_str(dos, "code");

	return hh_xasprintf("%s %s: %s %s\n\nDossier: %s\nAction: %s\n"
	    "Actor: %s\n", action, code, hh_dossier_str(p, "code"),
	    hh_dossier_str(p, "name"), code, action, actor);
}

static int
commit_one(struct hh_desk *d, cJSON *dos)
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
	msg = message(dos, action, d->actor->id);
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

int
hh_dossier_commit(struct hh_desk *d, cJSON *dossier)
{
	return commit_one(d, dossier);
}

/* The next free code of the day of `at`: one past the highest stored. */
int
hh_dossier_next_code(char **out, struct hh_desk *d, int64_t at)
{
	char **names = NULL, *dir, prefix[64];
	size_t n, i, plen;
	int y, m, day, seq, max = 0, error;

	hh_day_civil(hh_time_day(at), &y, &m, &day);
	if (y < 2000 || y > 2099)
		return hh_error_set(HH_EINVALID, "received in %d: dossier "
		    "codes cover 2000-2099", y);
	snprintf(prefix, sizeof(prefix), "%s-%02d%02d%02d-",
	    d->center->agency_code, y % 100, m, day);
	plen = strlen(prefix);
	dir = hh_xasprintf("dossiers/%04d/%02d", y, m);
	error = hh_store_list(&names, &n, d->store, dir);
	free(dir);
	if (error < 0)
		return error;
	for (i = 0; i < n; i++)
		if (strncmp(names[i], prefix, plen) == 0 &&
		    sscanf(names[i] + plen, "%4d", &seq) == 1 && seq > max)
			max = seq;
	hh_strv_free(names);
	if (max >= 9999)
		return hh_error_set(HH_EREFUSED,
		    "9999 dossiers already received on that day");
	*out = hh_xasprintf("%s%04d", prefix, max + 1);
	return HH_OK;
}

int
hh_dossier_intake(struct hh_desk *d, cJSON *dossier)
{
	int64_t at = hh_dossier_last_at(dossier);
	char *code = NULL;
	int error, tries;

	if ((error = hh_store_lock(d->store)) < 0)
		return error;
	for (tries = 0; tries < 100; tries++) {
		if ((error = hh_dossier_next_code(&code, d, at)) < 0)
			break;
		cJSON_ReplaceItemInObjectCaseSensitive(dossier, "code",
		    cJSON_CreateString(code));
		free(code);
		code = NULL;
		if ((error = commit_one(d, dossier)) != HH_ECONFLICT)
			break;
		if ((error = hh_store_refresh(d->store)) < 0)
			break;
	}
	hh_store_unlock(d->store);
	return error;
}
