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

cJSON *
hh_json_parse(const char *text, size_t len)
{
	const char *end = NULL;
	cJSON *v = cJSON_ParseWithLengthOpts(text, len, &end, 0);

	if (v == NULL)
		return NULL;
	/* cJSON stops after the first value: what follows is not ignored */
	while (end < text + len && (*end == ' ' || *end == '\t' ||
	    *end == '\n' || *end == '\r'))
		end++;
	if (end != text + len) {
		cJSON_Delete(v);
		return NULL;
	}
	return v;
}

char *
hh_json_print(const cJSON *v, int line)
{
	char *text = line ? cJSON_PrintUnformatted(v) : cJSON_Print(v), *out;
	size_t n;

	if (text == NULL)
		abort();
	n = strlen(text);
	out = hh_xmalloc(n + 2);
	memcpy(out, text, n);
	out[n] = line ? '\0' : '\n';
	out[n + 1] = '\0';
	cJSON_free(text);
	return out;
}
