/* report.c - the on-time report of Biểu 06: the dossiers counted */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core.h"

/*
 * Each dossier is counted from its life (life.c) as of the report's end:
 * the last second of the period, or now if the period is not over.
 */
static const char *const by_names[] = { "field", "department", "procedure",
    "officer", "channel" };

int
hh_report_by_parse(enum hh_report_by *out, const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(by_names) / sizeof(by_names[0]); i++)
		if (strcmp(s, by_names[i]) == 0) {
			*out = (enum hh_report_by)i;
			return HH_OK;
		}
	return hh_error_set(HH_EINVALID, "\"%s\" is not field, department, "
	    "procedure, officer or channel", hh_text_quote(s));
}

const char *
hh_report_by_name(enum hh_report_by by)
{
	return by_names[by];
}

static const char *
channel_label(const char *ch)
{
	if (strcmp(ch, "online") == 0)
		return "Trực tuyến";
	if (strcmp(ch, "postal") == 0)
		return "Dịch vụ bưu chính";
	if (strcmp(ch, "direct") == 0)
		return "Trực tiếp";
	return ch;
}

void
hh_report_free(struct hh_report *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nrows; i++) {
		free(r->rows[i].key);
		free(r->rows[i].label);
	}
	free(r->rows);
	free(r->hashes);
	free(r->total.key);
	free(r->total.label);
	free(r->source);
	free(r->center_name);
	free(r);
}

int
hh_report_new(struct hh_report **out, int from, int to, int64_t now,
    enum hh_report_by by, const struct hh_center *c, const char *source)
{
	struct hh_report *r;

	*out = NULL;
	if (from > to)
		return hh_error_set(HH_EINVALID, "the period ends before it "
		    "starts");
	r = hh_xmalloc(sizeof(*r));
	memset(r, 0, sizeof(*r));
	r->from = from;
	r->to = to;
	r->start = hh_time_make(from, 0);
	r->end = hh_period_end(to);
	if (now < r->end)
		r->end = now;
	r->by = by;
	r->center = c;
	r->center_name = hh_xstrdup(c ? c->name : "");
	r->source = hh_xstrdup(source ? source : "");
	r->total.key = hh_xstrdup("total");
	r->total.label = hh_xstrdup("Tổng số");
	*out = r;
	return HH_OK;
}

static struct hh_report_row *
row_for(struct hh_report *r, const char *key, const char *label)
{
	struct hh_report_row *row;
	uint32_t h = hh_text_hash(key);
	size_t i;

	for (i = 0; i < r->nrows; i++)
		if (r->hashes[i] == h && strcmp(r->rows[i].key, key) == 0)
			return &r->rows[i];
	if (r->nrows == r->alloc) {
		r->alloc = r->alloc ? r->alloc * 2 : 32;
		r->rows = hh_xrealloc(r->rows, r->alloc * sizeof(*r->rows));
		r->hashes = hh_xrealloc(r->hashes,
		    r->alloc * sizeof(*r->hashes));
	}
	row = &r->rows[r->nrows];
	memset(row, 0, sizeof(*row));
	row->key = hh_xstrdup(key);
	row->label = hh_xstrdup(label);
	r->hashes[r->nrows++] = h;
	return row;
}

/* The row key and label of a dossier. */
static void
key_of(const struct hh_report *r, const struct hh_life_sum *d,
    const struct hh_life *lf, const char **key, const char **label)
{
	const struct hh_dept *dept;
	const struct hh_staff *st;

	*key = *label = "";
	switch (r->by) {
	case HH_BY_FIELD:
		*key = *label = d->field;
		break;
	case HH_BY_DEPARTMENT:
		*key = *label = d->dept;
		if (r->center && (dept = hh_center_dept(r->center,
		    *key)) != NULL)
			*label = dept->name;
		break;
	case HH_BY_PROCEDURE:
		*key = d->pcode;
		*label = d->pname;
		break;
	case HH_BY_OFFICER:
		if (lf->officer == NULL) {
			*key = "-";
			*label = "Chưa phân công";
			break;
		}
		*key = *label = lf->officer;
		if (r->center && (st = hh_center_staff(r->center,
		    *key)) != NULL)
			*label = st->name;
		break;
	case HH_BY_CHANNEL:
		*key = d->channel;
		*label = channel_label(*key);
		break;
	}
	if (**key == '\0')
		*key = "-";
}

struct hh_report_row *
hh_report_row_of(struct hh_report *r, const struct hh_life_sum *d,
    const struct hh_life *lf)
{
	const char *key, *label;

	key_of(r, d, lf, &key, &label);
	return row_for(r, key, label);
}

int
hh_report_counts(const struct hh_report *r, const struct hh_life *lf)
{
	return !(lf->received < r->start && lf->closed != 0 &&
	    lf->closed < r->start);	/* closed before the period */
}

void
hh_report_tally(const struct hh_report *r, struct hh_counts *n,
    const struct hh_life *lf, int online, long times)
{
	if (lf->received < r->start)
		n->carried += times;
	else if (online)
		n->online += times;
	else
		n->direct += times;
	n->received += times;
	if (lf->closed != 0 && lf->withdrawn) {
		n->withdrawn += times;
	} else if (lf->closed != 0 && lf->stopped) {
		n->stopped += times;
	} else if (lf->closed != 0) {
		n->resolved += times;
		if (lf->class == HH_EARLY)
			n->early += times;
		else if (lf->class == HH_ON_TIME)
			n->on_time += times;
		else
			n->late += times;
	} else {
		n->open += times;
		if (lf->waiting)
			n->waiting += times;
		else if (r->end <= lf->due)
			n->within += times;
		else
			n->overdue += times;
	}
}

void
hh_report_clear(struct hh_report *r)
{
	size_t i;

	for (i = 0; i < r->nrows; i++) {
		free(r->rows[i].key);
		free(r->rows[i].label);
	}
	r->nrows = 0;
}

int
hh_report_add_sum(struct hh_report *r, const struct hh_life_sum *d)
{
	struct hh_life lf;
	int rc;

	if ((rc = hh_life_of_sum(&lf, d, r->end)) <= 0)
		return rc;
	if (!hh_report_counts(r, &lf))
		return 0;
	hh_report_tally(r, &hh_report_row_of(r, d, &lf)->n, &lf,
	    strcmp(d->channel, "online") == 0, 1);
	return 1;
}

int
hh_report_add(struct hh_report *r, const cJSON *dos)
{
	struct hh_life_sum sum;
	int rc;

	hh_life_summarize(&sum, dos);
	rc = hh_report_add_sum(r, &sum);
	hh_life_release(&sum);
	return rc;
}

static int
row_cmp(const void *a, const void *b)
{
	const struct hh_report_row *x = a, *y = b;
	char *fx = hh_text_fold(x->label), *fy = hh_text_fold(y->label);
	int c = strcmp(fx, fy);

	free(fx);
	free(fy);
	if (c == 0)
		c = strcmp(x->label, y->label);
	return c != 0 ? c : strcmp(x->key, y->key);
}

static int
check_row(const struct hh_report_row *row)
{
	const struct hh_counts *n = &row->n;
	long fresh = n->online + n->direct;

	if (n->carried + fresh != n->resolved + n->withdrawn + n->stopped +
	    n->open ||
	    n->received != n->carried + fresh ||
	    n->resolved != n->early + n->on_time + n->late ||
	    n->open != n->within + n->overdue + n->waiting)
		return hh_error_set(HH_ERROR, "row %s: carried+new != "
		    "resolved+withdrawn+stopped+open (%ld+%ld != "
		    "%ld+%ld+%ld+%ld)", row->key, n->carried, fresh,
		    n->resolved, n->withdrawn, n->stopped, n->open);
	return HH_OK;
}

int
hh_report_finish(struct hh_report *r)
{
	struct hh_counts *t = &r->total.n;
	const struct hh_counts *n;
	size_t i;
	int error;

	if (r->nrows > 1)	/* qsort(NULL, 0) is undefined */
		qsort(r->rows, r->nrows, sizeof(*r->rows), row_cmp);
	memset(t, 0, sizeof(*t));
	for (i = 0; i < r->nrows; i++) {
		n = &r->rows[i].n;
		if ((error = check_row(&r->rows[i])) < 0)
			return error;
		t->received += n->received;
		t->carried += n->carried;
		t->online += n->online;
		t->direct += n->direct;
		t->resolved += n->resolved;
		t->early += n->early;
		t->on_time += n->on_time;
		t->late += n->late;
		t->open += n->open;
		t->within += n->within;
		t->overdue += n->overdue;
		t->waiting += n->waiting;
		t->withdrawn += n->withdrawn;
		t->stopped += n->stopped;
	}
	return check_row(&r->total);
}

int
hh_report_rate(const struct hh_counts *n)
{
	long good = n->early + n->on_time;

	if (n->resolved <= 0)
		return -1;
	/* hundredths of a per cent, rounded half up, in integers */
	return (int)((good * 20000 + n->resolved) / (n->resolved * 2));
}

static int
counts_json(struct hh_counts *n, const cJSON *row)
{
	static const struct {
		const char *group, *key;
		size_t off;
	} f[] = {
		{ "received", "total", offsetof(struct hh_counts, received) },
		{ "received", "carried", offsetof(struct hh_counts, carried) },
		{ "received", "online", offsetof(struct hh_counts, online) },
		{ "received", "direct", offsetof(struct hh_counts, direct) },
		{ "resolved", "total", offsetof(struct hh_counts, resolved) },
		{ "resolved", "early", offsetof(struct hh_counts, early) },
		{ "resolved", "on_time", offsetof(struct hh_counts, on_time) },
		{ "resolved", "late", offsetof(struct hh_counts, late) },
		{ "open", "total", offsetof(struct hh_counts, open) },
		{ "open", "within", offsetof(struct hh_counts, within) },
		{ "open", "overdue", offsetof(struct hh_counts, overdue) },
		{ "open", "waiting_supplement",
		    offsetof(struct hh_counts, waiting) },
		{ NULL, "withdrawn", offsetof(struct hh_counts, withdrawn) },
		{ NULL, "stopped", offsetof(struct hh_counts, stopped) },
	};
	const cJSON *g, *v;
	size_t i;

	memset(n, 0, sizeof(*n));
	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		g = f[i].group ? cJSON_GetObjectItemCaseSensitive(row,
		    f[i].group) : row;
		v = cJSON_GetObjectItemCaseSensitive(g, f[i].key);
		if (!cJSON_IsNumber(v) || v->valuedouble < 0 ||
		    v->valuedouble > 1e12)
			return hh_error_set(HH_EINVALID, "%s%s%s: not a count",
			    f[i].group ? f[i].group : "", f[i].group ? "." :
			    "", f[i].key);
		*(long *)((char *)n + f[i].off) = (long)v->valuedouble;
	}
	return HH_OK;
}

int
hh_report_from_json(struct hh_report **out, const cJSON *j,
    const struct hh_center *c)
{
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(j, "period");
	const cJSON *rows = cJSON_GetObjectItemCaseSensitive(j, "rows");
	const cJSON *row, *k, *l;
	const char *src = hh_dossier_str(j, "source");
	enum hh_report_by by;
	struct hh_report *r = NULL;
	int64_t asof;
	int from, to, error;

	*out = NULL;
	if (hh_time_parse_day(&from, hh_dossier_str(p, "from")) < 0 ||
	    hh_time_parse_day(&to, hh_dossier_str(p, "to")) < 0 ||
	    hh_time_parse(&asof, hh_dossier_str(p, "as_of")) < 0)
		return hh_error_set(HH_EINVALID, "period: not valid");
	if (hh_report_by_parse(&by, hh_dossier_str(j, "by")) < 0)
		return hh_error_set(HH_EINVALID, "by: not valid");
	if (!cJSON_IsArray(rows))
		return hh_error_set(HH_EINVALID, "rows: not a list");
	if ((error = hh_report_new(&r, from, to, asof, by, c, src)) < 0)
		return error;
	cJSON_ArrayForEach(row, rows) {
		k = cJSON_GetObjectItemCaseSensitive(row, "key");
		l = cJSON_GetObjectItemCaseSensitive(row, "label");
		if (!cJSON_IsString(k) || !cJSON_IsString(l)) {
			error = hh_error_set(HH_EINVALID, "rows: a row "
			    "without key or label");
			goto fail;
		}
		if ((error = counts_json(&row_for(r, k->valuestring,
		    l->valuestring)->n, row)) < 0)
			goto fail;
	}
	if ((error = counts_json(&r->total.n,
	    cJSON_GetObjectItemCaseSensitive(j, "total"))) < 0)
		goto fail;
	*out = r;
	return HH_OK;
fail:
	hh_report_free(r);
	return error;
}
