/* listing.c - the listings: --list, --overdue and the tracking book (Mẫu 06) */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core.h"

/*
 * --list: the dossiers now, filtered; --overdue: open now and past due or
 * due by a day; --book: Mẫu 06 for a period, numbered through each year
 * of receipt.  Each dossier's state is its life (life.c) as of the
 * query's time, never the keys a step stores beside the events.
 */
struct entry {
	long no;		/* book: number in the year */
	int year;		/* book: year of receipt */
	int overdue;		/* overdue: past its due instant */
	int64_t received, due, returned;
	int status;		/* enum hh_life_status; -1: none (overdue) */
	char *code, *procedure, *procedure_name, *holder;
	char *department, *applicant;
	char *phone, *id_number;	/* list --with-applicant: looked up */
};

struct hh_listing {
	struct hh_query q;	/* its strings are not kept */
	char *source, *center_name;
	const struct hh_center *center;	/* borrowed, for labels */
	int status;		/* HH_LIST: enum hh_life_status; -1: any */
	char *holder, *procedure;
	char *phone, *id_number;	/* normalised (number_norm) */
	char *fold_applicant, *fold_field;
	int year_start;		/* the book: 1 January of the first year */
	struct entry *v;
	size_t n, alloc;
};

void
hh_listing_free(struct hh_listing *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++) {
		free(l->v[i].code);
		free(l->v[i].procedure);
		free(l->v[i].procedure_name);
		free(l->v[i].holder);
		free(l->v[i].department);
		free(l->v[i].applicant);
		free(l->v[i].phone);
		free(l->v[i].id_number);
	}
	free(l->v);
	free(l->source);
	free(l->center_name);
	free(l->fold_applicant);
	free(l->fold_field);
	free(l->holder);
	free(l->procedure);
	free(l->phone);
	free(l->id_number);
	free(l);
}

/* A phone or identity number as --list compares them: spaces, dots,
 * dashes and brackets dropped, a phone's leading +84 read 0, an identity
 * number's letters capitals; NULL unless then 6 to 20 digits (a phone)
 * or letters and digits. */
static char *
number_norm(const char *s, int phone)
{
	char *v = hh_xmalloc(strlen(s) + 1), *o = v, *p;

	for (; *s; s++)
		if (strchr(" .-()", *s) == NULL)
			*o++ = *s >= 'a' && *s <= 'z' && !phone ?
			    (char)(*s - 'a' + 'A') : *s;
	*o = '\0';
	if (phone && strncmp(v, "+84", 3) == 0) {
		memmove(v + 1, v + 3, strlen(v + 3) + 1);
		*v = '0';
	}
	for (p = v; *p; p++)
		if (!((*p >= '0' && *p <= '9') ||
		    (!phone && *p >= 'A' && *p <= 'Z')))
			break;
	if (*p != '\0' || p - v < 6 || p - v > 20) {
		free(v);
		return NULL;
	}
	return v;
}

/* HH_EINVALID "what: no KIND \"id\" (nearest: a, b)", the known ids
 * nearest word, or with the known ids when none is near ("(WHOSE: a, b,
 * c)"). */
static int
unknown(const char *what, const char *kind, const char *whose,
    const char *id, const char *word, const char *const *known, size_t n)
{
	char near[256], all[256];
	size_t i, k = 0;

	all[0] = '\0';
	for (i = 0; i < n && k < sizeof(all); i++)
		k += (size_t)snprintf(all + k, sizeof(all) - k, "%s%s",
		    i ? ", " : "", known[i]);
	if (hh_text_nearest(near, sizeof(near), word, known, n, 0) > 0)
		return hh_error_set(HH_EINVALID, "%s: no %s \"%s\" (nearest: "
		    "%s)", what, kind, hh_text_quote(id), near);
	return hh_error_set(HH_EINVALID, "%s: no %s \"%s\" (%s: %s%s)",
	    what, kind, hh_text_quote(id), whose, all,
	    k >= sizeof(all) ? "..." : "");
}

int
hh_listing_new(struct hh_listing **out, const struct hh_query *q,
    const struct hh_center *c, const char *source)
{
	struct hh_listing *l;
	enum hh_life_status st = HH_STATUS_RECEIVED;
	char *phone, *id;
	int y, m, d;

	*out = NULL;
	if (q->kind == HH_BOOK && q->from > q->to)
		return hh_error_set(HH_EINVALID, "the period ends before it "
		    "starts");
	if (q->status != NULL && hh_life_status_parse(&st, q->status) < 0)
		return hh_error_prefix(HH_EINVALID, "status");
	if (q->applicant != NULL &&
	    !hh_text_valid(q->applicant, strlen(q->applicant), 0))
		return hh_error_set(HH_EINVALID, "applicant: not valid UTF-8 "
		    "text (or contains control characters)");
	/* a typo lists nothing, which reads as "no dossier there" */
	if (q->holder != NULL && c != NULL && hh_center_dept(c, q->holder) ==
	    NULL && strcmp(q->holder, c->desk_unit) != 0) {
		const char *ids[64];
		size_t i, n = 0;

		ids[n++] = c->desk_unit;
		for (i = 0; i < c->ndepts && n < 64; i++)
			if (strcmp(c->depts[i].id, c->desk_unit) != 0)
				ids[n++] = c->depts[i].id;
		return unknown("holder", "department", "the centre's",
		    q->holder, q->holder, ids, n);
	}
	if (q->procedure != NULL && q->procedures != NULL) {
		size_t i;

		for (i = 0; i < q->nprocedures; i++)
			if (strcmp(q->procedure, q->procedures[i]) == 0)
				break;
		if (i == q->nprocedures)
			return unknown("procedure", "procedure",
			    "the catalogue's", q->procedure, q->procedure,
			    q->procedures, q->nprocedures);
	}
	if (q->field != NULL && q->fields != NULL) {
		char *f = hh_text_fold(q->field);
		size_t i;
		int error = HH_OK;

		for (i = 0; i < q->nfields && strcmp(f, q->fields[i]) != 0; i++)
			;
		if (i == q->nfields)
			error = unknown("field", "field", "the catalogue's",
			    q->field, f, q->fields, q->nfields);
		free(f);
		if (error < 0)
			return error;
	}
	if ((phone = q->phone ? number_norm(q->phone, 1) : NULL) == NULL &&
	    q->phone != NULL)
		return hh_error_set(HH_EINVALID, "phone: not a phone number "
		    "(6 to 20 digits; spaces, dots, dashes, brackets and a "
		    "leading +84 allowed)");
	if ((id = q->id_number ? number_norm(q->id_number, 0) : NULL) ==
	    NULL && q->id_number != NULL) {
		free(phone);
		return hh_error_set(HH_EINVALID, "id-number: not an identity "
		    "number (6 to 20 letters and digits; spaces, dots and "
		    "dashes allowed)");
	}
	l = hh_xmalloc(sizeof(*l));
	memset(l, 0, sizeof(*l));
	l->q = *q;
	l->center = c;
	l->center_name = hh_xstrdup(c ? c->name : "");
	l->source = hh_xstrdup(source ? source : "");
	if (q->kind == HH_BOOK) {
		l->q.at = hh_period_end(q->to);
		if (q->at < l->q.at)
			l->q.at = q->at;
	}
	if (q->applicant)
		l->fold_applicant = hh_text_fold(q->applicant);
	if (q->field)
		l->fold_field = hh_text_fold(q->field);
	l->status = q->status ? (int)st : -1;
	if (q->holder)
		l->holder = hh_xstrdup(q->holder);
	if (q->procedure)
		l->procedure = hh_xstrdup(q->procedure);
	l->phone = phone;
	l->id_number = id;
	l->q.status = l->q.holder = l->q.procedure = NULL;
	l->q.field = l->q.applicant = l->q.phone = l->q.id_number = NULL;
	l->q.procedures = l->q.fields = NULL;
	if (q->kind == HH_BOOK) {
		hh_time_civil(q->from, &y, &m, &d);
		l->year_start = hh_time_from_civil(y, 1, 1);
	}
	*out = l;
	return HH_OK;
}

static int
get_time(int64_t *out, const cJSON *dos, const char *key)
{
	const char *s = hh_dossier_str(dos, key);

	*out = 0;
	if (*s == '\0')
		return HH_OK;
	if (hh_time_parse(out, s) < 0)
		return hh_error_set(HH_EINVALID, "%s: not a time", key);
	return HH_OK;
}

/* Does dos, received then and now in status st, pass the --list
 * filters? */
static int
list_match(const struct hh_listing *l, const cJSON *dos, int64_t received,
    enum hh_life_status st)
{
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(dos, "procedure");
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(dos, "applicant");
	const struct hh_query *q = &l->q;
	char *f;
	int ok = 1, day = hh_time_day(received);

	if ((l->status >= 0 && (int)st != l->status) ||
	    (l->holder && strcmp(l->holder, hh_dossier_str(dos,
	    "holder")) != 0) ||
	    (l->procedure && strcmp(l->procedure, hh_dossier_str(p,
	    "code")) != 0) ||
	    day < q->from || day > q->to)
		return 0;
	if (l->fold_field) {
		f = hh_text_fold(hh_dossier_str(p, "field"));
		ok = strcmp(f, l->fold_field) == 0;
		free(f);
	}
	if (ok && l->fold_applicant) {
		f = hh_text_fold(hh_dossier_str(a, "name"));
		ok = strstr(f, l->fold_applicant) != NULL;
		free(f);
	}
	if (ok && l->phone) {
		f = number_norm(hh_dossier_str(a, "phone"), 1);
		ok = f != NULL && strcmp(f, l->phone) == 0;
		free(f);
	}
	if (ok && l->id_number) {
		f = number_norm(hh_dossier_str(a, "id_number"), 0);
		ok = f != NULL && strcmp(f, l->id_number) == 0;
		free(f);
	}
	return ok;
}

int
hh_listing_add(struct hh_listing *l, const cJSON *dos)
{
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(dos, "procedure");
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(dos, "applicant");
	const struct hh_dept *dept;
	struct hh_life_sum sum;
	struct entry e;
	struct hh_life lf;
	int64_t received, due;
	int error, y, m, d;

	memset(&e, 0, sizeof(e));
	e.status = -1;
	switch (l->q.kind) {
	case HH_LIST:
		if ((error = get_time(&received, dos, "received_at")) < 0 ||
		    (error = get_time(&due, dos, "due_at")) < 0)
			return error;
		/* the status its events give now; received later (a clock
		 * ahead of this one): as its events leave it */
		hh_life_summarize(&sum, dos);
		if ((error = hh_life_of_sum(&lf, &sum, l->q.at)) == 0)
			error = hh_life_of_sum(&lf, &sum, INT64_MAX);
		hh_life_release(&sum);
		if (error < 0)
			return error;
		if (!list_match(l, dos, received, lf.status))
			return 0;
		e.received = received;
		e.due = due;
		e.status = (int)lf.status;
		e.holder = hh_xstrdup(hh_dossier_str(dos, "holder"));
		if (l->q.with_applicant) {
			e.applicant = hh_xstrdup(hh_dossier_str(a, "name"));
			if (l->phone)
				e.phone = hh_xstrdup(hh_dossier_str(a,
				    "phone"));
			if (l->id_number)
				e.id_number = hh_xstrdup(hh_dossier_str(a,
				    "id_number"));
		}
		break;
	case HH_OVERDUE:
		/* open now; waiting for a supplement: the clock is stopped */
		if ((error = hh_life_at(&lf, dos, l->q.at)) <= 0)
			return error;
		if (lf.closed != 0 || lf.waiting)
			return 0;
		due = lf.due;
		if (due >= l->q.at && (l->q.until == INT_MIN ||
		    hh_time_day(due) > l->q.until))
			return 0;
		e.received = lf.received;
		e.due = due;
		e.overdue = due < l->q.at;
		e.holder = hh_xstrdup(hh_dossier_str(dos, "holder"));
		if (l->q.with_applicant)
			e.applicant = hh_xstrdup(hh_dossier_str(a, "name"));
		break;
	case HH_BOOK:
		if ((error = hh_life_at(&lf, dos, l->q.at)) <= 0)
			return error;
		hh_time_civil(hh_time_day(lf.received), &y, &m, &d);
		/* the year's numbering starts with its first dossier */
		if (hh_time_day(lf.received) < l->year_start)
			return 0;
		e.year = y;
		e.received = lf.received;
		e.due = lf.due;
		e.returned = lf.returned;
		e.status = (int)lf.status;
		e.applicant = hh_xstrdup(hh_dossier_str(a, "name"));
		e.department = hh_xstrdup(hh_dossier_str(p, "department"));
		if (l->center && (dept = hh_center_dept(l->center,
		    e.department)) != NULL) {
			free(e.department);
			e.department = hh_xstrdup(dept->name);
		}
		break;
	}
	e.code = hh_xstrdup(hh_dossier_str(dos, "code"));
	e.procedure = hh_xstrdup(hh_dossier_str(p, "code"));
	e.procedure_name = hh_xstrdup(hh_dossier_str(p, "name"));
	if (l->n == l->alloc) {
		l->alloc = l->alloc ? l->alloc * 2 : 256;
		l->v = hh_xrealloc(l->v, l->alloc * sizeof(*l->v));
	}
	l->v[l->n++] = e;
	return 1;
}

static int
entry_cmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	if (x->received != y->received)
		return x->received < y->received ? -1 : 1;
	return strcmp(x->code, y->code);
}

static int
due_cmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	return strcmp(x->code, y->code);
}

void
hh_listing_finish(struct hh_listing *l)
{
	size_t i, o = 0;
	long no = 0;
	int year = 0;

	if (l->n > 1)	/* qsort(NULL, 0) is undefined */
		qsort(l->v, l->n, sizeof(*l->v),
		    l->q.kind == HH_OVERDUE ? due_cmp : entry_cmp);
	if (l->q.kind != HH_BOOK)
		return;
	/* number through each calendar year, then keep the period */
	for (i = 0; i < l->n; i++) {
		if (l->v[i].year != year) {
			year = l->v[i].year;
			no = 0;
		}
		l->v[i].no = ++no;
		if (hh_time_day(l->v[i].received) < l->q.from) {
			free(l->v[i].code);
			free(l->v[i].procedure);
			free(l->v[i].procedure_name);
			free(l->v[i].applicant);
			free(l->v[i].department);
			continue;
		}
		l->v[o++] = l->v[i];
	}
	l->n = o;
}

size_t
hh_listing_count(const struct hh_listing *l)
{
	return l->n;
}

/* An entry's status keyword, or its Vietnamese name (vn). */
static const char *
status_of(const struct entry *e, int vn)
{
	enum hh_life_status s = (enum hh_life_status)e->status;

	return vn ? hh_life_status_label(s) : hh_life_status_name(s);
}

static char *
fmt_time(int64_t t, int machine)
{
	char buf[HH_TIME_MAX];

	if (t == 0)
		return hh_xstrdup("");
	if (machine)
		hh_time_format(buf, t);
	else
		hh_table_time(buf, t);
	return hh_xstrdup(buf);
}

#define LCOLS_MAX 10

/* The listing as a table; machine (CSV): times in RFC 3339, keywords,
 * and a last column naming the source on every line. */
static void
listing_table(struct hh_table *t, const struct hh_listing *l, int machine,
    const char **heads, const char **keys, int *right)
{
	static const char *const list_h[] = { "Mã hồ sơ", "Thủ tục",
	    "Trạng thái", "Nơi giữ", "Nhận hồ sơ", "Hạn giải quyết",
	    "Người nộp", "Điện thoại", "Số giấy tờ" };
	static const char *const list_k[] = { "code", "procedure", "status",
	    "holder", "received_at", "due_at", "applicant", "phone",
	    "id_number" };
	static const char *const over_h[] = { "Mã hồ sơ", "Thủ tục",
	    "Tên thủ tục", "Nơi giữ", "Hạn giải quyết", "Tình trạng",
	    "Người nộp" };
	static const char *const over_k[] = { "code", "procedure",
	    "procedure_name", "holder", "due_at", "state", "applicant" };
	static const char *const book_h[] = { "TT", "Mã hồ sơ", "Tên TTHC",
	    "Tên cá nhân, tổ chức", "Cơ quan chủ trì", "Nhận hồ sơ",
	    "Hẹn trả", "Trả kết quả", "Tình trạng" };
	static const char *const book_k[] = { "no", "code", "procedure_name",
	    "applicant", "department", "received_at", "due_at",
	    "returned_at", "status" };
	const char *const *h, *const *k;
	const struct entry *e;
	char *c[LCOLS_MAX];
	size_t i, j, n;

	memset(t, 0, sizeof(*t));
	switch (l->q.kind) {
	case HH_LIST:
		h = list_h, k = list_k, n = 6;
		break;
	case HH_OVERDUE:
		h = over_h, k = over_k, n = l->q.with_applicant ? 7 : 6;
		break;
	default:
		h = book_h, k = book_k, n = 9;
		break;
	}
	for (j = 0; j < n; j++) {
		heads[j] = h[j];
		keys[j] = k[j];
		right[j] = l->q.kind == HH_BOOK && j == 0;
	}
	/* --list --with-applicant: the name, then the numbers looked up */
	for (j = 6; l->q.kind == HH_LIST && l->q.with_applicant && j < 9;
	    j++)
		if (j == 6 || (j == 7 && l->phone) || (j == 8 &&
		    l->id_number)) {
			heads[n] = h[j];
			keys[n] = k[j];
			right[n++] = 0;
		}
	if (machine) {
		heads[n] = keys[n] = "source";
		right[n++] = 0;
	}
	t->ncols = n;
	t->heads = heads;
	t->keys = keys;
	t->right = right;
	for (i = 0; i < l->n; i++) {
		e = &l->v[i];
		switch (l->q.kind) {
		case HH_LIST:
			c[0] = hh_xstrdup(e->code);
			c[1] = hh_xstrdup(e->procedure);
			c[2] = hh_xstrdup(status_of(e, 0));
			c[3] = hh_xstrdup(e->holder);
			c[4] = fmt_time(e->received, machine);
			c[5] = fmt_time(e->due, machine);
			j = 6;
			if (e->applicant)
				c[j++] = hh_xstrdup(e->applicant);
			if (e->phone)
				c[j++] = hh_xstrdup(e->phone);
			if (e->id_number)
				c[j++] = hh_xstrdup(e->id_number);
			break;
		case HH_OVERDUE:
			c[0] = hh_xstrdup(e->code);
			c[1] = hh_xstrdup(e->procedure);
			c[2] = hh_xstrdup(e->procedure_name);
			c[3] = hh_xstrdup(e->holder);
			c[4] = fmt_time(e->due, machine);
			c[5] = hh_xstrdup(machine ? (e->overdue ? "overdue" :
			    "due") : (e->overdue ? "Quá hạn" : "Sắp đến hạn"));
			if (l->q.with_applicant)
				c[6] = hh_xstrdup(e->applicant);
			break;
		default:
			c[0] = hh_xasprintf("%ld", e->no);
			c[1] = hh_xstrdup(e->code);
			c[2] = hh_xstrdup(e->procedure_name);
			c[3] = hh_xstrdup(e->applicant);
			c[4] = hh_xstrdup(e->department);
			c[5] = fmt_time(e->received, machine);
			c[6] = fmt_time(e->due, machine);
			c[7] = fmt_time(e->returned, machine);
			c[8] = hh_xstrdup(status_of(e, !machine));
			break;
		}
		if (machine)
			c[n - 1] = hh_xstrdup(l->source);
		hh_table_add(t, c);
	}
	t->nbody = t->nrows;
}

static void
add_time(cJSON *o, const char *key, int64_t t)
{
	char buf[HH_TIME_MAX];

	if (t == 0) {
		cJSON_AddNullToObject(o, key);
		return;
	}
	hh_time_format(buf, t);
	cJSON_AddStringToObject(o, key, buf);
}

static void
listing_json(struct hh_buf *b, const struct hh_listing *l)
{
	cJSON *o = cJSON_CreateObject(), *v, *a;
	const struct entry *e;
	char day[HH_TIME_MAX], *text;
	size_t i;

	if (l->q.kind == HH_BOOK) {
		v = cJSON_AddObjectToObject(o, "period");
		hh_time_format_day(day, l->q.from);
		cJSON_AddStringToObject(v, "from", day);
		hh_time_format_day(day, l->q.to);
		cJSON_AddStringToObject(v, "to", day);
		hh_time_format(day, l->q.at);
		cJSON_AddStringToObject(v, "as_of", day);
	} else if (l->q.kind == HH_OVERDUE) {
		hh_time_format(day, l->q.at);
		cJSON_AddStringToObject(o, "as_of", day);
	}
	cJSON_AddStringToObject(o, "source", l->source);
	a = cJSON_AddArrayToObject(o, "dossiers");
	for (i = 0; i < l->n; i++) {
		e = &l->v[i];
		v = cJSON_CreateObject();
		if (l->q.kind == HH_BOOK)
			cJSON_AddNumberToObject(v, "no", (double)e->no);
		cJSON_AddStringToObject(v, "code", e->code);
		cJSON_AddStringToObject(v, "procedure", e->procedure);
		if (l->q.kind != HH_LIST)
			cJSON_AddStringToObject(v, "procedure_name",
			    e->procedure_name);
		if (e->applicant)
			cJSON_AddStringToObject(v, "applicant", e->applicant);
		if (e->phone)
			cJSON_AddStringToObject(v, "phone", e->phone);
		if (e->id_number)
			cJSON_AddStringToObject(v, "id_number", e->id_number);
		if (e->department)
			cJSON_AddStringToObject(v, "department",
			    e->department);
		if (e->holder)
			cJSON_AddStringToObject(v, "holder", e->holder);
		if (e->status >= 0)
			cJSON_AddStringToObject(v, "status", status_of(e, 0));
		add_time(v, "received_at", e->received);
		add_time(v, "due_at", e->due);
		if (l->q.kind == HH_BOOK)
			add_time(v, "returned_at", e->returned);
		if (l->q.kind == HH_OVERDUE)
			cJSON_AddBoolToObject(v, "overdue", e->overdue);
		cJSON_AddItemToArray(a, v);
	}
	text = hh_json_print(o, 0);
	hh_table_puts(b, text);
	free(text);
	cJSON_Delete(o);
}

static void
listing_heading(struct hh_buf *b, const struct hh_listing *l, int html)
{
	char from[HH_TIME_MAX], to[HH_TIME_MAX], at[HH_TIME_MAX];
	const char *title = l->q.kind == HH_BOOK ? "Sổ theo dõi hồ sơ" :
	    l->q.kind == HH_OVERDUE ? "Hồ sơ quá hạn và sắp đến hạn" :
	    "Danh sách hồ sơ";
	struct hh_buf line = { NULL, 0, 0 };

	if (html) {
		hh_table_html_begin(b, title);
		hh_table_puts(b, "<h1>");
		hh_table_html_text(b, title);
		hh_table_puts(b, "</h1>\n");
	} else {
		hh_table_printf(b, "%s\n", title);
	}
	if (*l->center_name)
		hh_table_puts(&line, l->center_name);
	if (l->q.kind == HH_BOOK) {
		hh_table_day(from, l->q.from);
		hh_table_day(to, l->q.to);
		hh_table_printf(&line, "%sTừ ngày %s đến ngày %s",
		    line.len ? "\n" : "", from, to);
	} else if (l->q.kind == HH_OVERDUE) {
		hh_table_time(at, l->q.at);
		hh_table_printf(&line, "%sĐến %s", line.len ? "\n" : "", at);
	}
	hh_table_printf(&line, "%sNguồn: bản ghi %s", line.len ? "\n" : "",
	    *l->source ? l->source : "-");
	if (html) {
		char *s = hh_table_done(&line), *nl;

		for (; s; s = nl) {
			if ((nl = strchr(s, '\n')) != NULL)
				*nl++ = '\0';
			hh_table_puts(b, "<p class=\"meta\">");
			hh_table_html_text(b, s);
			hh_table_puts(b, "</p>\n");
		}
	} else {
		hh_table_printf(b, "%s\n\n", hh_table_done(&line));
	}
	free(line.s);
}

char *
hh_listing_format(const struct hh_listing *l, enum hh_format f)
{
	const char *heads[LCOLS_MAX], *keys[LCOLS_MAX];
	int right[LCOLS_MAX];
	struct hh_buf b = { NULL, 0, 0 };
	struct hh_table t;

	if (f == HH_FORMAT_JSON) {
		listing_json(&b, l);
		return hh_table_done(&b);
	}
	listing_table(&t, l, f == HH_FORMAT_CSV, heads, keys, right);
	switch (f) {
	case HH_FORMAT_CSV:
		hh_table_csv(&b, &t);
		break;
	case HH_FORMAT_HTML:
		listing_heading(&b, l, 1);
		hh_table_html(&b, &t);
		hh_table_puts(&b, "</body>\n</html>\n");
		break;
	default:
		/* nothing overdue or due: nothing at all, so that the morning
		 * cron line mails only when there is news */
		if (t.nrows == 0 && l->q.kind == HH_OVERDUE)
			break;
		listing_heading(&b, l, 0);
		if (t.nrows > 0)
			hh_table_text(&b, &t);
		else
			hh_table_puts(&b, "(không có hồ sơ)\n");
		break;
	}
	hh_table_release(&t);
	return hh_table_done(&b);
}

