/* peer.c - the other centres of the province (hh-center(5) peers,
 * push_to; hh-sync(1)) and the git URLs hh reaches */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core.h"

/* 1 if s starts with "include", in any case (ASCII: a capital is its
 * small letter without 0x20). */
static int
include_at(const char *s)
{
	static const char w[] = "include";
	size_t k;

	for (k = 0; w[k]; k++)
		if ((s[k] | 0x20) != w[k])
			return 0;
	return 1;
}

int
hh_peer_url_ok(const char *url)
{
	static const char *const schemes[] = { "file://", "git://", "ssh://",
	    NULL };
	const char *const *sc, *rest = NULL, *p;

	if (url == NULL || *url == '\0' || strlen(url) > 1024 ||
	    !hh_text_valid(url, strlen(url), 0))
		return 0;
	/* what git would take for an option, a quoted or escaped value of
	 * the configuration, a %-escape; and "include", which the store
	 * refuses anywhere in DIR/.git/config (check_config) */
	for (p = url; *p; p++)
		if (*p == '"' || *p == '\\' || *p == '%' || *p == ' ' ||
		    *p == '\t' || *p == ';' || *p == '#' ||
		    include_at(p))
			return 0;
	if (url[0] == '/')
		return url[1] != '\0';
	for (sc = schemes; *sc; sc++)
		if (strncmp(url, *sc, strlen(*sc)) == 0)
			rest = url + strlen(*sc);
	if (rest == NULL)
		return 0;
	if (strncmp(url, "file://", 7) == 0)
		return rest[0] == '/' && rest[1] != '\0';
	/* host[:port]/path: a host, then a path */
	p = strchr(rest, '/');
	return p != NULL && p > rest && rest[0] != '-' && p[1] != '\0';
}

const struct hh_peer *
hh_peer_find(const struct hh_center *c, const char *agency)
{
	size_t i;

	for (i = 0; agency && i < c->npeers; i++)
		if (strcmp(c->peers[i].agency, agency) == 0)
			return &c->peers[i];
	return NULL;
}

void
hh_peer_free(struct hh_center *c)
{
	size_t i;

	for (i = 0; i < c->npeers; i++) {
		free(c->peers[i].agency);
		free(c->peers[i].name);
		free(c->peers[i].url);
		free(c->peers[i].key);
	}
	free(c->peers);
	for (i = 0; i < c->npush; i++)
		free(c->push_to[i]);
	free(c->push_to);
}

static int
bad_url(const char *where, const char *url)
{
	return hh_error_set(HH_EINVALID, "%s\"%s\" is not a path nor a "
	    "file://, git:// or ssh:// URL", where, hh_text_quote(url));
}

static int
parse_peer(struct hh_center *c, struct hh_peer *p, const cJSON *v,
    const char *where)
{
	static const char *const keys[] = { "agency", "name", "url", "key",
	    NULL };
	unsigned char pub[HH_KEY_PUB];
	char what[96];
	size_t i;
	int error;

	if (!cJSON_IsObject(v) || (error = hh_json_keys(v, keys)) < 0)
		return hh_error_set(HH_EINVALID, "%.*s: expected "
		    "{\"agency\": CODE, \"name\": TEXT, \"url\": URL, "
		    "\"key\": KEY}", (int)strlen(where) - 1, where);
	if ((error = hh_json_text(&p->agency, v, "agency", where, 1)) < 0 ||
	    (error = hh_json_text(&p->name, v, "name", where, 1)) < 0 ||
	    (error = hh_json_text(&p->url, v, "url", where, 1)) < 0 ||
	    (error = hh_json_text(&p->key, v, "key", where, 0)) < 0)
		return error;
	if (!hh_text_agency(p->agency))
		return hh_error_set(HH_EINVALID, "%sagency: \"%s\" is not an "
		    "agency identifier", where, hh_text_quote(p->agency));
	if (strcmp(p->agency, c->agency_code) == 0)
		return hh_error_set(HH_EINVALID, "%sagency: \"%s\" is this "
		    "centre's own agency_code", where, p->agency);
	if (hh_peer_find(c, p->agency) != p)
		return hh_error_set(HH_EINVALID, "%sagency: \"%s\" is listed "
		    "twice", where, p->agency);
	snprintf(what, sizeof(what), "%surl: ", where);
	if (!hh_peer_url_ok(p->url))
		return bad_url(what, p->url);
	for (i = 0; &c->peers[i] != p; i++)
		if (strcmp(c->peers[i].url, p->url) == 0)
			return hh_error_set(HH_EINVALID, "%surl: also the url "
			    "of %s", where, c->peers[i].agency);
	if (p->key != NULL && hh_key_public_parse(pub, p->key,
	    strlen(p->key)) < 0)
		return hh_error_set(HH_EINVALID, "%skey: not an ssh-ed25519 "
		    "public key", where);
	return HH_OK;
}

int
hh_peer_parse(struct hh_center *c, const cJSON *root)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, "peers");
	const cJSON *v;
	char where[64];
	size_t i = 0, j;
	int error;

	if (arr != NULL && !cJSON_IsArray(arr))
		return hh_error_set(HH_EINVALID,
		    "center.json: peers: expected a list");
	if (arr != NULL && cJSON_GetArraySize(arr) > 0)
		c->peers = hh_xmalloc((size_t)cJSON_GetArraySize(arr) *
		    sizeof(*c->peers));
	cJSON_ArrayForEach(v, arr) {
		snprintf(where, sizeof(where), "center.json: peers[%zu].", i);
		memset(&c->peers[i], 0, sizeof(c->peers[i]));
		c->npeers = ++i;
		if ((error = parse_peer(c, &c->peers[i - 1], v, where)) < 0)
			return error;
	}
	arr = cJSON_GetObjectItemCaseSensitive(root, "push_to");
	if (arr != NULL && !cJSON_IsArray(arr))
		return hh_error_set(HH_EINVALID,
		    "center.json: push_to: expected a list of URLs");
	if (arr != NULL && cJSON_GetArraySize(arr) > 0)
		c->push_to = hh_xmalloc((size_t)cJSON_GetArraySize(arr) *
		    sizeof(*c->push_to));
	i = 0;
	cJSON_ArrayForEach(v, arr) {
		snprintf(where, sizeof(where), "center.json: push_to[%zu]: ",
		    i);
		if (!cJSON_IsString(v))
			return hh_error_set(HH_EINVALID, "%sexpected a URL",
			    where);
		if (!hh_peer_url_ok(v->valuestring))
			return bad_url(where, v->valuestring);
		for (j = 0; j < i; j++)
			if (strcmp(c->push_to[j], v->valuestring) == 0)
				return hh_error_set(HH_EINVALID, "%s\"%s\" is "
				    "listed twice", where, v->valuestring);
		c->push_to[i] = hh_xstrdup(v->valuestring);
		c->npush = ++i;
	}
	return HH_OK;
}
