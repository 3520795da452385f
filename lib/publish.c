/* publish.c - published reports: refs/tags/report/PERIOD, signed tags
 * holding a period's figures and their source (hh(7) Published reports) */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "desk.h"

#define TAG_PREFIX "report/"

int
hh_publish_name(char out[HH_PUBNAME_MAX], int from, int to)
{
	int y, m, d, y2, m2, d2, months;

	hh_time_civil(from, &y, &m, &d);
	hh_time_civil(to + 1, &y2, &m2, &d2);
	if (d != 1 || d2 != 1)
		return -1;
	months = (y2 * 12 + m2) - (y * 12 + m);
	if (months == 1)
		snprintf(out, HH_PUBNAME_MAX, TAG_PREFIX "%04d-%02d", y, m);
	else if (months == 3 && m % 3 == 1)
		snprintf(out, HH_PUBNAME_MAX, TAG_PREFIX "%04d-Q%d", y,
		    (m + 2) / 3);
	else if (months == 12 && m == 1)
		snprintf(out, HH_PUBNAME_MAX, TAG_PREFIX "%04d", y);
	else
		return -1;
	return 0;
}

/* The period of a tag's name, if it is one hh_publish_name makes. */
static int
name_period(int *from, int *to, const char *name)
{
	const char *s = name + strlen(TAG_PREFIX);
	char again[HH_PUBNAME_MAX];
	enum hh_period kind = strchr(s, 'Q') ? HH_PERIOD_QUARTER :
	    strlen(s) == 4 ? HH_PERIOD_YEAR : HH_PERIOD_MONTH;

	if (strncmp(name, TAG_PREFIX, strlen(TAG_PREFIX)) != 0 ||
	    hh_period_parse(from, to, kind, s, 0) < 0) {
		return -1;
	}
	if (hh_publish_name(again, *from, *to) < 0 ||
	    strcmp(again, name) != 0)
		return -1;
	return 0;
}

void
hh_published_free(struct hh_published *p)
{
	if (p == NULL)
		return;
	hh_store_tag_release(&p->tag);
	cJSON_Delete(p->report);
	free(p->bad);
	free(p);
}

/* Why p is not a good publication, or NULL. */
static char *
judge(struct hh_published *p, struct hh_store *s)
{
	struct hh_tag *t = &p->tag;
	struct hh_signers *sg = NULL;
	struct hh_report *r = NULL;
	unsigned char pub[HH_KEY_PUB];
	char *text = NULL, *want, *why = NULL;
	const char *body;
	size_t len;

	if (!t->annotated)
		return hh_xstrdup("a lightweight tag, not signed");
	if (!t->target_is_commit)
		return hh_xstrdup("not on a commit");
	want = hh_xasprintf("\ntag %s\n", p->name);
	if (strstr(t->payload, want) == NULL) {
		free(want);
		return hh_xstrdup("made as another tag");
	}
	free(want);
	if (t->sig == NULL)
		return hh_xstrdup("not signed");
	if (hh_key_verify(pub, t->sig, t->siglen, t->payload,
	    t->payload_len) < 0)
		return hh_xasprintf("signature: %s", hh_error_last());
	if (hh_store_read(&text, &len, s, HH_SIGNERS_FILE) < 0 ||
	    hh_signers_parse(&sg, text, len) < 0)
		why = hh_xasprintf("%s: %s", HH_SIGNERS_FILE, hh_error_last());
	else if (hh_signers_allow(sg, pub, t->when) < 0)
		why = hh_xstrdup(hh_error_last());
	hh_signers_free(sg);
	free(text);
	if (why != NULL)
		return why;
	/* the figures: the report's JSON after the subject line */
	body = strstr(t->message, "\n\n");
	p->report = body ? hh_json_parse(body + 2, strlen(body + 2)) : NULL;
	if (p->report == NULL ||
	    hh_report_from_json(&r, p->report, NULL) < 0)
		return hh_xstrdup("its message holds no report");
	if (r->from != p->from || r->to != p->to || r->by != HH_BY_FIELD)
		why = hh_xstrdup("its figures are of another period");
	else if (strcmp(r->source, t->target) != 0)
		why = hh_xasprintf("on %.10s, its figures from %.10s",
		    t->target, r->source);
	else if (!hh_store_contains(s, t->target))
		why = hh_xasprintf("its source %.10s is not in the history",
		    t->target);
	hh_report_free(r);
	return why;
}

int
hh_publish_read(struct hh_published **out, struct hh_store *s,
    const char *name)
{
	struct hh_published *p;
	int error;

	*out = NULL;
	p = hh_xmalloc(sizeof(*p));
	memset(p, 0, sizeof(*p));
	snprintf(p->name, sizeof(p->name), "%s", name);
	if ((error = hh_store_tag_read(&p->tag, s, name)) < 0) {
		free(p);
		return error;
	}
	if (strlen(name) >= sizeof(p->name) ||
	    name_period(&p->from, &p->to, name) < 0)
		p->bad = hh_xstrdup("not the name of a period hh publishes");
	else
		p->bad = judge(p, s);
	*out = p;
	return HH_OK;
}

int
hh_publish_list(struct hh_published ***out, size_t *n_out,
    struct hh_store *s)
{
	struct hh_published **v = NULL, *p;
	char **refs = NULL;
	size_t n, i, k = 0;
	int error;

	*out = NULL;
	*n_out = 0;
	if ((error = hh_store_refs(&refs, &n, s)) < 0)
		return error;
	for (i = 0; i < n; i++) {
		if (strncmp(refs[i], "refs/tags/" TAG_PREFIX,
		    strlen("refs/tags/" TAG_PREFIX)) != 0)
			continue;
		if ((error = hh_publish_read(&p, s, refs[i] +
		    strlen("refs/tags/"))) < 0)
			break;
		v = hh_xrealloc(v, (k + 1) * sizeof(*v));
		v[k++] = p;
	}
	hh_mem_strv_free(refs);
	if (error < 0) {
		hh_publish_list_free(v, k);
		return error;
	}
	*out = v;
	*n_out = k;
	return HH_OK;
}

void
hh_publish_list_free(struct hh_published **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		hh_published_free(v[i]);
	free(v);
}

int
hh_publish_check(struct hh_desk *d, int64_t at)
{
	struct hh_published *p = NULL;
	const char *name;
	int day = hh_time_day(at), from, to, error;
	size_t i;

	/* the names say the periods: only a tag whose period holds the
	 * event is read (and verified), so a step of today reads none */
	if (d->refs == NULL && (error = hh_store_refs(&d->refs, &d->nrefs,
	    d->store)) < 0)
		return error;
	for (i = 0; i < d->nrefs; i++) {
		if (strncmp(d->refs[i], "refs/tags/" TAG_PREFIX,
		    strlen("refs/tags/" TAG_PREFIX)) != 0)
			continue;
		name = d->refs[i] + strlen("refs/tags/");
		if (name_period(&from, &to, name) < 0 || day < from ||
		    day > to)
			continue;
		if (d->correction != NULL && d->actor != NULL &&
		    strcmp(d->actor->role, "admin") == 0)
			continue;
		if ((error = hh_publish_read(&p, d->store, name)) < 0)
			return error;
		/* a tag that does not verify publishes nothing (hh-check
		 * names it) */
		if (p->bad == NULL)
			error = hh_error_set(HH_EREFUSED, "in %s, published "
			    "(source %.10s): an admin's correction "
			    "(--correction TEXT)", p->name, p->tag.target);
		hh_published_free(p);
		if (error < 0)
			return error;
	}
	return HH_OK;
}

int
hh_publish_remembered(char **out, struct hh_store *s)
{
	size_t len;
	int error;

	if ((error = hh_store_private_read(out, &len, s, "published",
	    1 << 20)) == HH_ENOTFOUND) {
		*out = hh_xstrdup("");
		return HH_OK;
	}
	return error;
}

const char *
hh_publish_remembered_id(const char *text, const char *name, char
    id[HH_OID_MAX])
{
	size_t n = strlen(name);
	const char *p;

	for (p = text; *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 :
	    p + strlen(p)) {
		if (strncmp(p, name, n) != 0 || p[n] != ' ')
			continue;
		snprintf(id, HH_OID_MAX, "%.*s", (int)strcspn(p + n + 1, "\n"),
		    p + n + 1);
		return id;
	}
	return NULL;
}

int
hh_publish_remember(struct hh_store *s, const char *name, const char *id)
{
	char *text = NULL, *all, old[HH_OID_MAX];
	int error;

	if ((error = hh_publish_remembered(&text, s)) < 0)
		return error;
	/* the first id seen is kept: a tag moved since is the finding */
	if (hh_publish_remembered_id(text, name, old) != NULL) {
		free(text);
		return HH_OK;
	}
	all = hh_xasprintf("%s%s %s\n", text, name, id);
	error = hh_store_private_write(s, "published", all, strlen(all));
	free(all);
	free(text);
	return error;
}

int
hh_publish(char id_out[HH_OID_MAX], struct hh_desk *d,
    const struct hh_report *r, int64_t now)
{
	struct hh_published *old = NULL;
	struct hh_author a;
	char name[HH_PUBNAME_MAX], end[HH_TIME_MAX], *json, *msg;
	int error;

	if (hh_publish_name(name, r->from, r->to) < 0)
		return hh_error_set(HH_EINVALID, "only a month, a quarter or "
		    "a year is published");
	if (hh_period_end(r->to) > now) {
		hh_time_format(end, hh_period_end(r->to));
		return hh_error_set(HH_EREFUSED, "%s: the period ends %s, "
		    "after now: not published", name, end);
	}
	if ((error = hh_publish_read(&old, d->store, name)) == HH_OK) {
		if (old->bad == NULL)
			error = hh_error_set(HH_EEXISTS, "%s: already "
			    "published (source %.10s): a tag is never "
			    "replaced", name, old->tag.target);
		else
			error = hh_error_set(HH_EEXISTS, "%s: exists, and is "
			    "no good publication (%s): a tag is never "
			    "replaced (hh-check)", name, old->bad);
		hh_published_free(old);
		return error;
	}
	if (error != HH_ENOTFOUND)
		return error;
	json = hh_render_report(r, HH_FORMAT_JSON);
	msg = hh_xasprintf("%s: Biểu 06 from %s\n\n%s", name, r->source,
	    json);
	free(json);
	/* the tagger is the centre: a publication is the centre's act */
	a.name = d->center->name;
	a.email = d->center->agency_code;
	a.when = now;
	error = hh_store_tag_create(id_out, d->store, name, r->source, &a,
	    msg);
	free(msg);
	if (error == HH_EEXISTS)
		error = hh_error_set(HH_EEXISTS, "%s: already published "
		    "meanwhile: a tag is never replaced", name);
	/* remembered for hh-check: a tag deleted or moved is a finding */
	if (error == HH_OK && hh_publish_remember(d->store, name,
	    id_out) < 0)
		return hh_error_prefix(HH_ERROR, "%s published as %.10s, but "
		    "not remembered", name, id_out);
	return error;
}

int
hh_publish_recount(struct hh_report **out, struct hh_desk *d, int from,
    int to, int64_t now)
{
	int error;

	if ((error = hh_report_new(out, from, to, now, HH_BY_FIELD,
	    d->center, hh_store_head(d->store))) < 0)
		return error;
	if ((error = hh_cache_report(*out, d->store)) < 0 ||
	    (error = hh_report_finish(*out)) < 0) {
		hh_report_free(*out);
		*out = NULL;
	}
	return error;
}

int
hh_publish_differs(const struct hh_published *p, const struct hh_report *r)
{
	char *text = hh_render_report(r, HH_FORMAT_JSON);
	cJSON *now = hh_json_parse(text, strlen(text));
	int same;

	free(text);
	same = now != NULL &&
	    cJSON_Compare(cJSON_GetObjectItemCaseSensitive(now, "rows"),
	    cJSON_GetObjectItemCaseSensitive(p->report, "rows"), 1) &&
	    cJSON_Compare(cJSON_GetObjectItemCaseSensitive(now, "total"),
	    cJSON_GetObjectItemCaseSensitive(p->report, "total"), 1);
	cJSON_Delete(now);
	return !same;
}

/* What blob id (a dossier; "" none) adds to a report of p's period. */
static int
contrib(struct hh_report **out, struct hh_desk *d,
    const struct hh_published *p, const char *id)
{
	cJSON *dos;
	char *text = NULL;
	size_t len;
	int error;

	if ((error = hh_report_new(out, p->from, p->to, INT64_MAX,
	    HH_BY_FIELD, d->center, "")) < 0)
		return error;
	if (*id == '\0')
		return hh_report_finish(*out);
	if ((error = hh_store_blob(&text, &len, d->store, id)) < 0)
		return error;
	if ((dos = hh_json_parse(text, len)) != NULL && cJSON_IsObject(dos))
		hh_report_add(*out, dos);
	cJSON_Delete(dos);
	free(text);
	return hh_report_finish(*out);
}

static int
same_counts(const struct hh_report *a, const struct hh_report *b)
{
	size_t i;

	if (a->nrows != b->nrows ||
	    memcmp(&a->total.n, &b->total.n, sizeof(a->total.n)) != 0)
		return 0;
	for (i = 0; i < a->nrows; i++)
		if (strcmp(a->rows[i].key, b->rows[i].key) != 0 ||
		    memcmp(&a->rows[i].n, &b->rows[i].n,
		    sizeof(a->rows[i].n)) != 0)
			return 0;
	return 1;
}

/* The value of trailer key ("Correction") in msg, malloc'd, or NULL. */
static char *
trailer(const char *msg, const char *key)
{
	size_t n = strlen(key);
	const char *p, *e;

	for (p = msg; (p = strstr(p, key)) != NULL; p += n) {
		if ((p != msg && p[-1] != '\n') || p[n] != ':' ||
		    p[n + 1] != ' ')
			continue;
		p += n + 2;
		e = strchr(p, '\n');
		return e ? hh_xasprintf("%.*s", (int)(e - p), p) :
		    hh_xstrdup(p);
	}
	return NULL;
}

void
hh_pubchanges_free(struct hh_pubchange *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].author);
		free(v[i].subject);
		free(v[i].correction);
	}
	free(v);
}

int
hh_publish_changes(struct hh_pubchange **out, size_t *n_out,
    struct hh_desk *d, const struct hh_published *p)
{
	struct hh_pubchange *v = NULL, *c;
	struct hh_report *a = NULL, *b = NULL;
	const struct hh_commit *cm;
	const struct hh_staff *st;
	struct hh_center *conf;
	struct hh_walk *w = NULL;
	int y, m, dd, last, month, rc, error, changed;
	size_t n = 0, i, len;
	char *actor, *text;

	*out = NULL;
	*n_out = 0;
	hh_time_civil(p->to, &y, &m, &dd);
	last = y * 12 + m;
	if ((error = hh_store_walk_open(&w, d->store, p->tag.target)) < 0)
		return error;
	while ((rc = hh_store_walk_next(&cm, w)) == 1) {
		changed = 0;
		for (i = 0; i < cm->nchanges && !changed; i++) {
			month = hh_scan_month(cm->changes[i].path);
			/* received after the period: never in its report */
			if (month < 0 || month > last)
				continue;
			if ((error = contrib(&a, d, p,
			    cm->changes[i].old_id)) < 0 ||
			    (error = contrib(&b, d, p,
			    cm->changes[i].new_id)) < 0)
				goto out;
			changed = !same_counts(a, b);
			hh_report_free(a);
			hh_report_free(b);
			a = b = NULL;
		}
		if (!changed)
			continue;
		v = hh_xrealloc(v, (n + 1) * sizeof(*v));
		c = &v[n++];
		memset(c, 0, sizeof(*c));
		snprintf(c->id, sizeof(c->id), "%s", cm->id);
		c->author = hh_xstrdup(cm->author ? cm->author : "");
		c->subject = hh_xasprintf("%.*s", (int)strcspn(cm->message,
		    "\n"), cm->message);
		c->at = cm->author_date;
		c->correction = trailer(cm->message, "Correction");
		/* an admin by the configuration before the commit, as
		 * hh-check decides every role */
		actor = trailer(cm->message, "Actor");
		conf = NULL;
		if (actor != NULL && *cm->parent && hh_store_read_at(&text,
		    &len, d->store, cm->parent, "center.json") == HH_OK) {
			if (hh_center_parse(&conf, text, len) < 0)
				conf = NULL;
			free(text);
		}
		st = conf ? hh_center_staff(conf, actor) : NULL;
		c->by_admin = st != NULL && strcmp(st->role, "admin") == 0;
		hh_center_free(conf);
		free(actor);
	}
	if (rc < 0)
		error = rc;
out:
	hh_report_free(a);
	hh_report_free(b);
	hh_store_walk_free(w);
	if (error < 0) {
		hh_pubchanges_free(v, n);
		return error;
	}
	*out = v;
	*n_out = n;
	return HH_OK;
}
