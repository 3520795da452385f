/* json.c - reading members of untrusted JSON, and printing JSON one way */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core.h"

int
hh_json_keys(const cJSON *obj, const char *const *allowed)
{
	const cJSON *v, *w;
	const char *const *a;

	cJSON_ArrayForEach(v, obj) {
		for (a = allowed; *a; a++)
			if (strcmp(*a, v->string) == 0)
				break;
		if (*a == NULL)
			return hh_error_set(HH_EINVALID, "unknown key \"%s\"",
			    hh_text_quote(v->string));
		/* cJSON would read the first and ignore the second */
		for (w = obj->child; w != v; w = w->next)
			if (strcmp(w->string, v->string) == 0)
				return hh_error_set(HH_EINVALID,
				    "key \"%s\" given twice",
				    hh_text_quote(v->string));
	}
	return HH_OK;
}

int
hh_json_str(const char **out, const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	*out = NULL;
	if (v == NULL || cJSON_IsNull(v))
		return HH_OK;
	if (!cJSON_IsString(v))
		return hh_error_set(HH_EINVALID, "%s: not a string", key);
	*out = v->valuestring;
	return HH_OK;
}

int
hh_json_strv(const char ***out, size_t *n_out, const cJSON *obj,
    const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key), *e;
	const char **a;
	size_t n = 0;

	*out = NULL;
	*n_out = 0;
	if (v == NULL || cJSON_IsNull(v))
		return HH_OK;
	if (cJSON_IsString(v)) {
		a = hh_xmalloc(sizeof(*a));
		a[0] = v->valuestring;
		*out = a;
		*n_out = 1;
		return HH_OK;
	}
	if (!cJSON_IsArray(v))
		return hh_error_set(HH_EINVALID, "%s: not a list of strings",
		    key);
	a = hh_xmalloc(((size_t)cJSON_GetArraySize(v) + 1) * sizeof(*a));
	cJSON_ArrayForEach(e, v) {
		if (!cJSON_IsString(e)) {
			free(a);
			return hh_error_set(HH_EINVALID,
			    "%s: not a list of strings", key);
		}
		a[n++] = e->valuestring;
	}
	*out = a;
	*n_out = n;
	return HH_OK;
}

int
hh_json_text(char **out, const cJSON *obj, const char *key, const char *where,
    int need)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	char what[256];
	int error;

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
	snprintf(what, sizeof(what), "%s%s", where, key);
	if ((error = hh_text_check(what, v->valuestring, HH_TEXT_MAX, 0)) < 0)
		return error;
	*out = hh_xstrdup(v->valuestring);
	return HH_OK;
}

/* "line L, column C" of p in text of len bytes (columns count bytes,
 * from 1); "column C" in a text of one line (a batch line). */
static void
where_at(char buf[64], const char *text, size_t len, const char *p)
{
	const char *q;
	int line = 1, col = 1;

	for (q = text; q < p; q++)
		if (*q == '\n')
			line++, col = 1;
		else
			col++;
	if (memchr(text, '\n', len) == NULL ||
	    (memchr(text, '\n', len) == text + len - 1 && line == 1))
		snprintf(buf, 64, "column %d", col);
	else
		snprintf(buf, 64, "line %d, column %d", line, col);
}

static int
by_key(const void *a, const void *b)
{
	return strcmp((*(const cJSON *const *)a)->string,
	    (*(const cJSON *const *)b)->string);
}

/* The first key an object gives twice, or NULL (a small object compared
 * pair by pair, a large one sorted). */
static const char *
dup_key(const cJSON *v)
{
	const cJSON *e, *f, **keys;
	const char *found = NULL;
	size_t n = 0, i;

	for (e = v->child; e != NULL; e = e->next)
		n++;
	if (n <= 32) {
		for (e = v->child; e != NULL; e = e->next)
			for (f = e->next; f != NULL; f = f->next)
				/* the first byte decides most pairs */
				if (e->string[0] == f->string[0] &&
				    strcmp(e->string, f->string) == 0)
					return e->string;
		return NULL;
	}
	keys = hh_xmalloc(n * sizeof(*keys));
	for (e = v->child, i = 0; e != NULL; e = e->next)
		keys[i++] = e;
	qsort(keys, n, sizeof(*keys), by_key);
	for (i = 1; i < n && found == NULL; i++)
		if (strcmp(keys[i - 1]->string, keys[i]->string) == 0)
			found = keys[i]->string;
	free(keys);
	return found;
}

/*
 * A key given twice in an object, anywhere in v: cJSON keeps both and
 * reads the first, other readers (jq, python) the last, so a document
 * could say one thing to hh and another to its reviewers.  The path
 * ("staff[4]", "procedure.limit") is made only for the message, on the
 * way back.
 */
static int
twice(const cJSON *v, char *path, size_t size)
{
	const cJSON *e;
	const char *key;
	char here[128], rest[256];
	int k = 0;

	if (!cJSON_IsObject(v) && !cJSON_IsArray(v))
		return 0;
	if (cJSON_IsObject(v) && (key = dup_key(v)) != NULL) {
		snprintf(path, size, "key \"%s\" given twice",
		    hh_text_quote(key));
		return 1;
	}
	for (e = v->child; e != NULL; e = e->next, k++) {
		if (!twice(e, path, size))
			continue;
		if (cJSON_IsObject(v))
			snprintf(here, sizeof(here), "%s", hh_text_quote(
			    e->string));
		else
			snprintf(here, sizeof(here), "[%d]", k);
		/* "a.b: why", "a[1]: why", "[1].a: why" */
		snprintf(rest, sizeof(rest), "%s", path);
		snprintf(path, size, "%s%s%s", here, strncmp(rest, "key \"",
		    5) == 0 ? ": " : *rest == '[' ? "" : ".", rest);
		return 1;
	}
	return 0;
}

cJSON *
hh_json_parse(const char *text, size_t len)
{
	const char *end = NULL;
	cJSON *v = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	char at[64], why[512];

	if (v == NULL) {
		where_at(at, text, len, end != NULL && end >= text &&
		    end <= text + len ? end : text);
		hh_error_set(HH_EINVALID, "%s: not valid JSON", at);
		return NULL;
	}
	/* cJSON stops after the first value: what follows is not ignored */
	while (end < text + len && (*end == ' ' || *end == '\t' ||
	    *end == '\n' || *end == '\r'))
		end++;
	if (end != text + len) {
		where_at(at, text, len, end);
		hh_error_set(HH_EINVALID, "%s: more after the JSON value", at);
		cJSON_Delete(v);
		return NULL;
	}
	if (twice(v, why, sizeof(why))) {
		hh_error_set(HH_EINVALID, "%s", why);
		cJSON_Delete(v);
		return NULL;
	}
	return v;
}

/*
 * cJSON escapes C0 but writes DEL, C1 and the invisible characters
 * (hh_text_invisible) as they are: written \uXXXX here, so that no JSON hh
 * prints can drive a terminal through jq -r or a pager.  They can only be
 * inside strings, where the escape means the same character.  NULL when
 * text has none (always, for what hh wrote itself).
 */
static char *
json_visible(const char *text)
{
	size_t len = strlen(text), i = 0, o = 0, n;
	unsigned long c;
	char *out = NULL;

	for (;;) {
		for (i = 0; i < len; i += n) {
			if ((n = hh_text_decode(text + i, len - i, &c)) == 0) {
				n = 1;
				c = 'x';	/* not UTF-8: left to readers */
			}
			if (c == 0x7f || (c >= 0x80 && c < 0xa0) ||
			    hh_text_invisible(c)) {
				if (out != NULL)
					snprintf(out + o, 7, "\\u%04lx", c);
				o += 6;
			} else {
				if (out != NULL)
					memcpy(out + o, text + i, n);
				o += n;
			}
		}
		if (out != NULL || o == len)
			break;
		out = hh_xmalloc(o + 1);
		o = 0;
	}
	if (out != NULL)
		out[o] = '\0';
	return out;
}

char *
hh_json_print(const cJSON *v, int line)
{
	char *text = line ? cJSON_PrintUnformatted(v) : cJSON_Print(v), *out;
	char *vis;
	size_t n;

	if (text == NULL)
		abort();
	vis = json_visible(text);
	n = strlen(vis ? vis : text);
	out = hh_xmalloc(n + 2);
	memcpy(out, vis ? vis : text, n);
	out[n] = line ? '\0' : '\n';
	out[n + 1] = '\0';
	free(vis);
	cJSON_free(text);
	return out;
}
