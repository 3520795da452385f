/* csv.c - read a procedure catalogue from CSV (hh-procedures(5)) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core.h"

#define LINE_MAX_BYTES	4096	/* a physical line, without its end */
#define FIELD_MAX	500	/* a value; for documents, each document */
#define CODE_MAX	64
#define LIMIT_MAX	3650

enum col {
	C_CODE,
	C_NAME,
	C_FIELD,
	C_DEPARTMENT,
	C_LIMIT_VALUE,
	C_LIMIT_UNIT,
	C_DOCUMENTS,
	C_FEE,
	C_LEVEL,
	C_SOURCE,
	NCOL
};

static const struct {
	const char *name;
	int required;
} cols[NCOL] = {
	{ "code", 1 },
	{ "name", 1 },
	{ "field", 1 },
	{ "department", 1 },
	{ "limit_value", 1 },
	{ "limit_unit", 1 },
	{ "documents", 0 },
	{ "fee", 0 },
	{ "level", 0 },
	{ "source", 0 },
};

static const char *const units[] = {
	"working_days", "working_hours", "calendar_days",
};

static const char *const levels[] = { "bo", "tinh", "huyen", "xa" };

/* The reader: position in the text and the physical line. */
struct csv {
	const char *p, *end;
	const char *name;
	int line;
	size_t col;		/* bytes read on the current physical line */
};

/* One record: its fields, unquoted, each NUL-terminated in buf. */
struct row {
	char *buf;
	size_t len, cap;
	size_t *off, *flen;
	size_t n, ncap;
	int line;		/* where the record starts */
};

static int
nomem(void)
{
	return hh_error_set(HH_ERROR, "out of memory");
}

static void
putbyte(struct row *r, char ch)
{
	if (r->len == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 256;
		r->buf = hh_xrealloc(r->buf, r->cap);
	}
	r->buf[r->len++] = ch;
}

static void
newfield(struct row *r)
{
	if (r->n == r->ncap) {
		r->ncap = r->ncap ? r->ncap * 2 : 16;
		r->off = hh_xrealloc(r->off, r->ncap * sizeof(*r->off));
		r->flen = hh_xrealloc(r->flen, r->ncap * sizeof(*r->flen));
	}
	r->off[r->n] = r->len;
	r->flen[r->n] = 0;
	r->n++;
}

static void
endfield(struct row *r)
{
	r->flen[r->n - 1] = r->len - r->off[r->n - 1];
	putbyte(r, '\0');
}

static void
row_free(struct row *r)
{
	free(r->buf);
	free(r->off);
	free(r->flen);
}

/* 1 if the reader is at a line end (LF or CRLF). */
static int
at_eol(const struct csv *c)
{
	return c->p < c->end && (*c->p == '\n' ||
	    (*c->p == '\r' && c->p + 1 < c->end && c->p[1] == '\n'));
}

/* Step over one byte, keeping the physical line and its length. */
static int
step(struct csv *c)
{
	if (*c->p == '\n') {
		c->line++;
		c->col = 0;
	} else if (!at_eol(c) && ++c->col > LINE_MAX_BYTES)
		return hh_error_set(HH_EINVALID, "%s:%d: line longer than %d "
		    "bytes", c->name, c->line, LINE_MAX_BYTES);
	c->p++;
	return 0;
}

static int
skip_eol(struct csv *c)
{
	int error;

	if (*c->p == '\r' && (error = step(c)) < 0)
		return error;
	return step(c);
}

/*
 * Read the next record into r (RFC 4180: quoted fields may hold commas,
 * line ends and doubled quotes).  Blank lines are skipped.  Returns 1 for
 * a record, 0 at the end of the text.
 */
static int
read_row(struct csv *c, struct row *r)
{
	int error;

	r->len = r->n = 0;
	while (at_eol(c))
		if ((error = skip_eol(c)) < 0)
			return error;
	if (c->p >= c->end)
		return 0;
	r->line = c->line;
	for (;;) {
		newfield(r);
		if (c->p < c->end && *c->p == '"') {
			if ((error = step(c)) < 0)
				return error;
			for (;;) {
				if (c->p >= c->end)
					return hh_error_set(HH_EINVALID,
					    "%s:%d: unterminated quote",
					    c->name, r->line);
				if (*c->p == '"') {
					if ((error = step(c)) < 0)
						return error;
					if (c->p >= c->end || *c->p != '"')
						break;
				}
				putbyte(r, *c->p);
				if ((error = step(c)) < 0)
					return error;
			}
			if (c->p < c->end && *c->p != ',' && !at_eol(c))
				return hh_error_set(HH_EINVALID,
				    "%s:%d: text after a closing quote",
				    c->name, c->line);
		} else {
			while (c->p < c->end && *c->p != ',' && !at_eol(c)) {
				if (*c->p == '"')
					return hh_error_set(HH_EINVALID,
					    "%s:%d: quote inside an unquoted "
					    "field", c->name, c->line);
				putbyte(r, *c->p);
				if ((error = step(c)) < 0)
					return error;
			}
		}
		endfield(r);
		if (c->p >= c->end)
			return 1;
		if (at_eol(c)) {
			if ((error = skip_eol(c)) < 0)
				return error;
			return 1;
		}
		if ((error = step(c)) < 0)	/* the comma */
			return error;
	}
}

static int
code_char(int ch)
{
	return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
	    (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' || ch == '-';
}

/* A number of the form DIGITS[.DIGITS]; -1 if s is not one. */
static double
number(const char *s)
{
	const char *p = s;

	if (*p < '0' || *p > '9')
		return -1;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return -1;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p != '\0')
		return -1;
	return strtod(s, NULL);
}

/* 1 if s is one or more of bo, tinh, huyen, xa joined with "+". */
static int
level_valid(const char *s)
{
	const char *e;
	size_t i, n;

	for (;;) {
		e = strchr(s, '+');
		n = e ? (size_t)(e - s) : strlen(s);
		for (i = 0; i < sizeof(levels) / sizeof(levels[0]); i++)
			if (strlen(levels[i]) == n &&
			    strncmp(s, levels[i], n) == 0)
				break;
		if (i == sizeof(levels) / sizeof(levels[0]))
			return 0;
		if (e == NULL)
			return 1;
		s = e + 1;
	}
}

/* Split a documents value at ";" into a cJSON array of trimmed strings. */
static int
documents(cJSON **out, char *s, const char *name, int line)
{
	cJSON *arr = NULL, *item;
	char *e, *b, *t;
	int error = 0, i = 0;

	*out = NULL;
	if ((arr = cJSON_CreateArray()) == NULL)
		return nomem();
	while (*s != '\0') {
		i++;
		if ((e = strchr(s, ';')) != NULL)
			*e = '\0';
		for (b = s; *b == ' '; b++)
			;
		for (t = b + strlen(b); t > b && t[-1] == ' '; t--)
			;
		*t = '\0';
		if (*b == '\0') {
			error = hh_error_set(HH_EINVALID, "%s:%d: documents: "
			    "document %d is empty", name, line, i);
			goto out;
		}
		if (t - b > FIELD_MAX) {
			error = hh_error_set(HH_EINVALID, "%s:%d: documents: "
			    "document %d longer than %d bytes", name, line, i,
			    FIELD_MAX);
			goto out;
		}
		if ((item = cJSON_CreateString(b)) == NULL) {
			error = nomem();
			goto out;
		}
		if (!cJSON_AddItemToArray(arr, item)) {
			cJSON_Delete(item);
			error = nomem();
			goto out;
		}
		if (e == NULL)
			break;
		s = e + 1;
		if (*s == '\0') {
			error = hh_error_set(HH_EINVALID, "%s:%d: documents: "
			    "document %d is empty", name, line, i + 1);
			goto out;
		}
	}
	*out = arr;
	arr = NULL;
out:
	cJSON_Delete(arr);
	return error;
}

/* Map the header's columns; at[c] is the field index of column c or -1. */
static int
header(int at[NCOL], const struct row *r, const char *name)
{
	const char *h;
	size_t i;
	int c;

	for (c = 0; c < NCOL; c++)
		at[c] = -1;
	for (i = 0; i < r->n; i++) {
		h = r->buf + r->off[i];
		if (hh_text_problem(h, r->flen[i], 0) != NULL)
			return hh_error_set(HH_EINVALID, "%s:%d: column %zu: "
			    "not a column name", name, r->line, i + 1);
		for (c = 0; c < NCOL; c++)
			if (strcmp(h, cols[c].name) == 0)
				break;
		/* a spreadsheet's export where the decimal mark is a
		 * comma: a header of one field with ';' between names */
		if (c == NCOL && r->n == 1 && strchr(h, ';') != NULL)
			return hh_error_set(HH_EINVALID, "%s:%d: the fields "
			    "are separated by ';', not ',': export the sheet "
			    "as CSV with ',' between fields (and '.' in "
			    "numbers)", name, r->line);
		if (c == NCOL)
			return hh_error_set(HH_EINVALID, "%s:%d: unknown "
			    "column \"%s\"", name, r->line, h);
		if (at[c] != -1)
			return hh_error_set(HH_EINVALID, "%s:%d: duplicate "
			    "column \"%s\"", name, r->line, h);
		at[c] = (int)i;
	}
	for (c = 0; c < NCOL; c++)
		if (cols[c].required && at[c] == -1)
			return hh_error_set(HH_EINVALID, "%s:%d: missing "
			    "column \"%s\"", name, r->line, cols[c].name);
	return 0;
}

/* Check the value of column c (its generic and its own rules). */
static int
check(const char *v[NCOL], const size_t len[NCOL], enum col c,
    const char **unit, double *value, const char *name, int line)
{
	const char *msg, *p;
	size_t u;

	if (cols[c].required && len[c] == 0)
		return hh_error_set(HH_EINVALID, "%s:%d: %s: empty", name,
		    line, cols[c].name);
	if ((msg = hh_text_problem(v[c], len[c], 0)) != NULL)
		return hh_error_set(HH_EINVALID, "%s:%d: %s: %s", name, line,
		    cols[c].name, msg);
	if (c != C_DOCUMENTS && len[c] > FIELD_MAX)
		return hh_error_set(HH_EINVALID, "%s:%d: %s: longer than %d "
		    "bytes", name, line, cols[c].name, FIELD_MAX);
	switch (c) {
	case C_CODE:
		for (p = v[c]; code_char((unsigned char)*p); p++)
			;
		if (*p != '\0' || strchr("._-", v[c][0]) != NULL)
			return hh_error_set(HH_EINVALID, "%s:%d: code: \"%s\" "
			    "is not a valid code", name, line, v[c]);
		if (len[c] > CODE_MAX)
			return hh_error_set(HH_EINVALID, "%s:%d: code: longer "
			    "than %d bytes", name, line, CODE_MAX);
		break;
	case C_DEPARTMENT:
		for (p = v[c]; (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9'); p++)
			;
		if (*p != '\0')
			return hh_error_set(HH_EINVALID, "%s:%d: department: "
			    "\"%s\" is not a department id", name, line, v[c]);
		break;
	case C_LIMIT_VALUE:
		if ((*value = number(v[c])) < 0)
			return hh_error_set(HH_EINVALID, "%s:%d: limit_value: "
			    "\"%s\" is not a non-negative number", name, line,
			    v[c]);
		if (*value > LIMIT_MAX)
			return hh_error_set(HH_EINVALID, "%s:%d: limit_value: "
			    "%s is more than %d", name, line, v[c], LIMIT_MAX);
		break;
	case C_LIMIT_UNIT:
		for (u = 0; u < sizeof(units) / sizeof(units[0]); u++)
			if (strcmp(v[c], units[u]) == 0)
				*unit = units[u];
		if (*unit == NULL)
			return hh_error_set(HH_EINVALID, "%s:%d: limit_unit: "
			    "unknown unit \"%s\"", name, line, v[c]);
		/* Below 3650, so the casts are exact. */
		if (*unit == units[0] &&
		    *value * 2 != (double)(long)(*value * 2))
			return hh_error_set(HH_EINVALID, "%s:%d: limit_value: "
			    "%s working days is not a multiple of 0.5", name,
			    line, v[C_LIMIT_VALUE]);
		if (*unit == units[2] && *value != (double)(long)*value)
			return hh_error_set(HH_EINVALID, "%s:%d: limit_value: "
			    "%s calendar days is not a whole number", name,
			    line, v[C_LIMIT_VALUE]);
		break;
	case C_LEVEL:
		if (len[c] > 0 && !level_valid(v[c]))
			return hh_error_set(HH_EINVALID, "%s:%d: level: "
			    "unknown level \"%s\"", name, line, v[c]);
		break;
	default:
		break;
	}
	return 0;
}

static int
add_string(cJSON *obj, const char *key, const char *s)
{
	if (*s == '\0') {
		if (cJSON_AddNullToObject(obj, key) == NULL)
			return nomem();
	} else if (cJSON_AddStringToObject(obj, key, s) == NULL)
		return nomem();
	return 0;
}

/* Validate one record and build its procedure object. */
static int
procedure(cJSON **out, struct row *r, const int at[NCOL], const char *name)
{
	cJSON *obj = NULL, *docs = NULL;
	const char *v[NCOL], *unit = NULL;
	size_t len[NCOL];
	char none[1] = "";
	double value = 0;
	int c, error = 0;

	*out = NULL;
	for (c = 0; c < NCOL; c++) {
		v[c] = at[c] == -1 ? "" : r->buf + r->off[at[c]];
		len[c] = at[c] == -1 ? 0 : r->flen[at[c]];
	}
	for (c = 0; c < NCOL; c++)
		if ((error = check(v, len, c, &unit, &value, name,
		    r->line)) < 0)
			return error;
	/* Last: documents() cuts its field up in place. */
	if ((error = documents(&docs, at[C_DOCUMENTS] == -1 ? none :
	    r->buf + r->off[at[C_DOCUMENTS]], name, r->line)) < 0)
		return error;

	if ((obj = cJSON_CreateObject()) == NULL) {
		error = nomem();
		goto out;
	}
	if ((error = add_string(obj, "code", v[C_CODE])) < 0 ||
	    (error = add_string(obj, "name", v[C_NAME])) < 0 ||
	    (error = add_string(obj, "field", v[C_FIELD])) < 0 ||
	    (error = add_string(obj, "department", v[C_DEPARTMENT])) < 0)
		goto out;
	if (cJSON_AddNumberToObject(obj, unit, value) == NULL) {
		error = nomem();
		goto out;
	}
	if (!cJSON_AddItemToObject(obj, "documents", docs)) {
		error = nomem();
		goto out;
	}
	docs = NULL;
	if ((error = add_string(obj, "fee", v[C_FEE])) < 0 ||
	    (error = add_string(obj, "level",
	    len[C_LEVEL] > 0 ? v[C_LEVEL] : "huyen")) < 0 ||
	    (error = add_string(obj, "source", v[C_SOURCE])) < 0)
		goto out;
	*out = obj;
	obj = NULL;
out:
	cJSON_Delete(docs);
	cJSON_Delete(obj);
	return error;
}

/* A row's department is one of the centre's. */
static int
known_dept(const struct hh_center *center, const char *dept,
    const char *name, int line)
{
	char near[HH_NEAR_MAX], all[160];
	size_t i, n = 0;

	if (center == NULL || hh_center_dept(center, dept) != NULL)
		return 0;
	if (*hh_center_nearest(near, center, 0, dept))
		return hh_error_set(HH_EINVALID, "%s:%d: department: unknown "
		    "department \"%s\"%s", name, line, dept, near);
	all[0] = '\0';
	for (i = 0; i < center->ndepts && n < sizeof(all); i++)
		n += (size_t)snprintf(all + n, sizeof(all) - n, "%s%s",
		    i ? ", " : "", center->depts[i].id);
	return hh_error_set(HH_EINVALID, "%s:%d: department: unknown "
	    "department \"%s\" (departments: %s)", name, line, dept, all);
}

int
hh_csv_procedures(struct cJSON **out, const char *text, size_t len,
    const char *name)
{
	return hh_csv_procedures_in(out, text, len, name, NULL);
}

int
hh_csv_procedures_in(struct cJSON **out, const char *text, size_t len,
    const char *name, const struct hh_center *center)
{
	struct csv c;
	struct row r;
	cJSON *arr = NULL, *obj = NULL, *it;
	const char *code;
	int *lines = NULL;
	size_t ncols, nrows = 0, cap = 0, i;
	int at[NCOL], error = 0, got;

	*out = NULL;
	memset(&r, 0, sizeof(r));
	c.p = text;
	c.end = text + len;
	c.name = name;
	c.line = 1;
	c.col = 0;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		c.p += 3;

	if ((error = got = read_row(&c, &r)) < 0)
		goto out;
	if (got == 0) {
		error = hh_error_set(HH_EINVALID, "%s:1: empty file", name);
		goto out;
	}
	if ((error = header(at, &r, name)) < 0)
		goto out;
	ncols = r.n;
	if ((arr = cJSON_CreateArray()) == NULL) {
		error = nomem();
		goto out;
	}
	while ((got = read_row(&c, &r)) > 0) {
		if (r.n != ncols) {
			error = hh_error_set(HH_EINVALID, "%s:%d: %zu fields, "
			    "the header has %zu", name, r.line, r.n, ncols);
			goto out;
		}
		if ((error = procedure(&obj, &r, at, name)) < 0 ||
		    (error = known_dept(center, r.buf +
		    r.off[at[C_DEPARTMENT]], name, r.line)) < 0)
			goto out;
		/* Catalogues hold hundreds of rows: a linear search will do. */
		code = r.buf + r.off[at[C_CODE]];
		i = 0;
		cJSON_ArrayForEach(it, arr) {
			if (strcmp(cJSON_GetObjectItemCaseSensitive(it,
			    "code")->valuestring, code) == 0)
				break;
			i++;
		}
		if (it != NULL) {
			error = hh_error_set(HH_EINVALID, "%s:%d: code: "
			    "duplicate \"%s\" (first on line %d)", name, r.line,
			    code, lines[i]);
			goto out;
		}
		if (nrows == cap) {
			cap = cap ? cap * 2 : 64;
			lines = hh_xrealloc(lines, cap * sizeof(*lines));
		}
		if (!cJSON_AddItemToArray(arr, obj)) {
			error = nomem();
			goto out;
		}
		obj = NULL;
		lines[nrows++] = r.line;
	}
	if ((error = got) < 0)
		goto out;
	if (nrows == 0) {
		error = hh_error_set(HH_EINVALID, "%s:%d: no data rows", name,
		    c.line);
		goto out;
	}
	*out = arr;
	arr = NULL;
out:
	free(lines);
	row_free(&r);
	cJSON_Delete(obj);
	cJSON_Delete(arr);
	return error;
}
