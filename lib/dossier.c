/* dossier.c - dossiers: codes, paths, a new one, the stored form */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core.h"


/* AGENCY-YYMMDD-NNNN: hh issues 4-digit daily sequences; 6 and 7 digits
 * come on dossiers imported from ministry systems.  The agency holds no
 * dash, so the last two dashes split the code. */
int
hh_dossier_path(char **out, const char *code)
{
	const char *dash, *seq;
	char agency[40];
	size_t n, ns, na, i;
	int mm, dd, day, y, m2, d2;

	*out = NULL;
	n = code ? strlen(code) : 0;
	if (n < 14 || n > 48 || (seq = strrchr(code, '-')) == NULL)
		goto bad;
	seq++;
	ns = (size_t)(code + n - seq);
	if ((ns != 4 && ns != 6 && ns != 7) || (size_t)(seq - code) < 8 ||
	    seq[-8] != '-')
		goto bad;
	dash = seq - 8;
	for (i = 0; i < ns; i++)
		if (seq[i] < '0' || seq[i] > '9')
			goto bad;
	for (i = 1; i <= 6; i++)
		if (dash[i] < '0' || dash[i] > '9')
			goto bad;
	if (strspn(seq, "0") == ns)	/* a sequence from 1 */
		goto bad;
	na = (size_t)(dash - code);
	if (na >= sizeof(agency))
		goto bad;
	memcpy(agency, code, na);
	agency[na] = '\0';
	if (!hh_text_agency(agency))
		goto bad;
	/* a day that exists (20YY-MM-DD) */
	mm = (dash[3] - '0') * 10 + (dash[4] - '0');
	dd = (dash[5] - '0') * 10 + (dash[6] - '0');
	if (mm < 1 || mm > 12 || dd < 1)
		goto bad;
	day = hh_time_from_civil(2000 + (dash[1] - '0') * 10 + (dash[2] - '0'),
	    mm, dd);
	hh_time_civil(day, &y, &m2, &d2);
	if (m2 != mm || d2 != dd)
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
	"schema", "code", "rules", "procedure", "applicant", "channel", "documents",
	"received_at", "effective_from", "due_at", "provisional",
	"appointment_at", "status", "holder", "officer", "outcome",
	"resolved_at", "returned_at", "class", "supplement", "shares",
};

char *
hh_dossier_format(cJSON *dossier)
{
	cJSON *copy = cJSON_CreateObject(), *v, *events;
	size_t i;

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
	return hh_json_print(dossier, 0);
}

/* s (if not NULL) is min to max of the allowed characters, which rule
 * says in words; the error names the first character not allowed, or
 * the length (not the value: it is the applicant's). */
static int
check_chars(const char *what, const char *s, const char *allowed,
    const char *rule, size_t min, size_t max)
{
	size_t n, bad, len = 1;
	unsigned char c;
	char ch[24];

	if (s == NULL)
		return HH_OK;
	n = strlen(s);
	if ((bad = strspn(s, allowed)) != n) {
		c = (unsigned char)s[bad];
		/* a UTF-8 character whole */
		while (c >= 0xc0 && len < 4 && ((unsigned char)s[bad + len] &
		    0xc0) == 0x80)
			len++;
		if (c < 0x20 || c == 0x7f)
			snprintf(ch, sizeof(ch), "a control character");
		else if (c == ' ')
			snprintf(ch, sizeof(ch), "a blank");
		else
			snprintf(ch, sizeof(ch), "'%.*s'", (int)len, s + bad);
		return hh_error_set(HH_EINVALID, "%s: %s is not allowed: %s, "
		    "%zu to %zu", what, ch, rule, min, max);
	}
	if (n < min || n > max)
		return hh_error_set(HH_EINVALID, "%s: %zu characters: %s, %zu "
		    "to %zu", what, n, rule, min, max);
	return HH_OK;
}

static void
add_opt(cJSON *obj, const char *key, const char *v)
{
	if (v != NULL && *v)
		cJSON_AddStringToObject(obj, key, v);
}

int
hh_dossier_day(char out[64], const char *agency, int64_t at)
{
	int y, m, d;

	hh_time_civil(hh_time_day(at), &y, &m, &d);
	if (y < 2000 || y > 2099)
		return hh_error_set(HH_EINVALID, "received in %d: dossier "
		    "codes cover 2000-2099", y);
	snprintf(out, 64, "%s-%02d%02d%02d-", agency, y % 100, m, d);
	return HH_OK;
}

int
hh_dossier_seq(const char *name, const char *day)
{
	size_t plen = strlen(day);

	/* the 4-digit codes hh issued, DAY-NNNN.json: a dossier imported
	 * with a 6- or 7-digit sequence of the same day is not one of them */
	if (strncmp(name, day, plen) != 0 ||
	    strspn(name + plen, "0123456789") != 4 ||
	    strcmp(name + plen + 4, ".json") != 0)
		return 0;
	return hh_text_digits(name + plen, 4);
}

/* How a document came (DOMAIN Part A §18, Circular 03/2025 Art. 5). */
static const char *const sources[] = { "scanned", "online", "shown",
    "database" };
#define NSOURCES (sizeof(sources) / sizeof(sources[0]))

/* The source of a document given without one: the channel's way. */
static const char *
channel_source(const char *channel)
{
	return strcmp(channel, "online") == 0 ? "online" : "scanned";
}

/*
 * A document as given at intake, "[SOURCE:]NAME": a leading run of
 * lower-case letters and a colon name its source, which must be one of
 * sources[]; without one, the channel's default (online for an online
 * dossier, else scanned).
 */
static int
document(cJSON **out, const char *text, const char *channel)
{
	const char *source = channel_source(channel);
	size_t n = strspn(text, "abcdefghijklmnopqrstuvwxyz"), i;
	int error;

	*out = NULL;
	if (n > 0 && text[n] == ':') {
		for (i = 0; i < NSOURCES; i++)
			if (strlen(sources[i]) == n &&
			    strncmp(text, sources[i], n) == 0)
				break;
		if (i == NSOURCES)
			return hh_error_set(HH_EINVALID, "document: \"%.*s\" "
			    "is not scanned, online, shown or database",
			    (int)n, text);
		source = sources[i];
		text += n + 1;
		text += strspn(text, " ");
	}
	if ((error = hh_text_check("document", text, HH_TEXT_MAX, 1)) < 0)
		return error;
	*out = cJSON_CreateObject();
	cJSON_AddStringToObject(*out, "name", text);
	cJSON_AddStringToObject(*out, "source", source);
	return HH_OK;
}

const char *
hh_dossier_doc_name(const cJSON *doc)
{
	if (cJSON_IsString(doc))
		return doc->valuestring;
	return hh_dossier_str(doc, "name");
}

const char *
hh_dossier_doc_source(const cJSON *doc, const cJSON *dossier)
{
	const char *s = hh_dossier_str(doc, "source");

	if (*s != '\0')
		return s;
	/* a dossier written before hh recorded it: the channel's default */
	return channel_source(hh_dossier_str(dossier, "channel"));
}

char **
hh_dossier_doc_texts(const cJSON *dossier)
{
	const cJSON *docs = cJSON_GetObjectItemCaseSensitive(dossier,
	    "documents"), *d;
	char **v;
	size_t n = 0;

	v = hh_xmalloc(((size_t)cJSON_GetArraySize(docs) + 1) * sizeof(*v));
	cJSON_ArrayForEach(d, docs)
		v[n++] = cJSON_IsString(d) ? hh_xstrdup(d->valuestring) :
		    hh_xasprintf("%s:%s", hh_dossier_doc_source(d, dossier),
		    hh_dossier_doc_name(d));
	v[n] = NULL;
	return v;
}

int
hh_dossier_applicant_check(const char *key, const char *v)
{
	static const char alnum[] = "0123456789"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
	int error;

	if (strcmp(key, "name") == 0)
		return hh_text_check("applicant", v, HH_NAME_MAX, 1);
	if (strcmp(key, "id_number") == 0)
		return check_chars("id-number", v, alnum,
		    "letters and digits only", 6, 20);
	if (strcmp(key, "phone") == 0)
		return check_chars("phone", v, "0123456789+ .-()",
		    "digits, blanks and + . - ( ) only", 6, 20);
	if (strcmp(key, "address") == 0)
		return hh_text_check("address", v, HH_TEXT_MAX, 0);
	if ((error = hh_text_check("email", v, 254, 0)) < 0)
		return error;
	if (v && *v && (strchr(v, '@') == NULL || strchr(v, ' ')))
		return hh_error_set(HH_EINVALID,
		    "email: not an e-mail address");
	return HH_OK;
}

int
hh_dossier_documents(cJSON **out, const char *const *texts, size_t n,
    const char *channel)
{
	cJSON *doc;
	size_t i;
	int error;

	*out = NULL;
	if (n > HH_DOCS_MAX)
		return hh_error_set(HH_EINVALID, "document: more than %d",
		    HH_DOCS_MAX);
	*out = cJSON_CreateArray();
	for (i = 0; i < n; i++) {
		if ((error = document(&doc, texts[i], channel)) < 0) {
			cJSON_Delete(*out);
			*out = NULL;
			return error;
		}
		cJSON_AddItemToArray(*out, doc);
	}
	return HH_OK;
}

int
hh_dossier_new(cJSON **out, const struct hh_intake *in,
    const struct hh_center *c, const struct hh_procedure *p,
    const struct hh_calendar *cal, const struct hh_staff *actor)
{
	cJSON *dos = NULL, *v, *det, *docs;
	const char *channel = in->channel ? in->channel : "direct";
	int64_t due, start;
	int error, prov = 0;

	*out = NULL;
	if ((error = hh_dossier_applicant_check("name", in->name)) < 0 ||
	    (error = hh_dossier_applicant_check("id_number",
	    in->id_number)) < 0 ||
	    (error = hh_dossier_applicant_check("phone", in->phone)) < 0 ||
	    (error = hh_dossier_applicant_check("email", in->email)) < 0 ||
	    (error = hh_dossier_applicant_check("address",
	    in->address)) < 0)
		return error;
	if (strcmp(channel, "direct") && strcmp(channel, "online") &&
	    strcmp(channel, "postal"))
		return hh_error_set(HH_EINVALID, "channel: \"%s\" is not "
		    "direct, online or postal", hh_text_quote(channel));
	if ((error = hh_dossier_documents(&docs, in->documents,
	    in->ndocuments, channel)) < 0)
		return error;
	if ((error = hh_deadline_due(&due, &start, &prov, cal, in->at,
	    &p->limit)) < 0) {
		cJSON_Delete(docs);
		return error;
	}

	dos = cJSON_CreateObject();
	cJSON_AddNumberToObject(dos, "schema", 1);
	cJSON_AddStringToObject(dos, "code", "");
	/* the rules it was received under, for its whole life */
	cJSON_AddStringToObject(dos, "rules", hh_rules_set_at(c->rules,
	    in->at)->id);
	v = cJSON_AddObjectToObject(dos, "procedure");
	cJSON_AddStringToObject(v, "code", p->code);
	cJSON_AddStringToObject(v, "name", p->name);
	cJSON_AddStringToObject(v, "field", p->field);
	cJSON_AddStringToObject(v, "department", p->department);
	cJSON_AddNumberToObject(cJSON_AddObjectToObject(v, "limit"),
	    hh_deadline_unit(p->limit.unit), p->limit.value);
	add_opt(v, "fee", p->fee);
	v = cJSON_AddObjectToObject(dos, "applicant");
	add_opt(v, "name", in->name);
	add_opt(v, "id_number", in->id_number);
	add_opt(v, "phone", in->phone);
	add_opt(v, "email", in->email);
	add_opt(v, "address", in->address);
	cJSON_AddStringToObject(dos, "channel", channel);
	cJSON_AddItemToObject(dos, "documents", docs);
	add_time(dos, "received_at", in->at);
	add_time(dos, "effective_from", start);
	add_time(dos, "due_at", due);
	cJSON_AddBoolToObject(dos, "provisional", prov);
	cJSON_AddStringToObject(dos, "status",
	    hh_life_status_name(HH_STATUS_RECEIVED));
	cJSON_AddStringToObject(dos, "holder", c->desk_unit);
	det = cJSON_CreateObject();
	add_time(det, "due_at", due);
	hh_dossier_event(dos, in->at, hh_life_event_name(HH_EVENT_INTAKE),
	    actor->id, det);
	*out = dos;
	return HH_OK;
}
