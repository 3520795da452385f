/* notice.c - telling the applicant: a dossier's change as a notice */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core.h"

/*
 * From 1/7/2026 the applicant is told of every change of a dossier's
 * state: which agency and person, and when (DOMAIN Part A §19).  A notice
 * says that and nothing more: never the identity number, the address or
 * the phone (DOMAIN Part B §8); the applicant's address is kept apart,
 * for the envelope of the mail alone.
 */

void
hh_notice_clear(struct hh_notice *n)
{
	free(n->id);
	free(n->code);
	free(n->status);
	free(n->at);
	free(n->agency);
	free(n->actor);
	free(n->text);
	free(n->email);
	memset(n, 0, sizeof(*n));
}

int
hh_notice_address(const char *a)
{
	const char *at = strchr(a, '@');
	const unsigned char *p;

	if (at == NULL || at == a || at[1] == '\0' || strchr(at + 1, '@') ||
	    strlen(a) > 254)
		return 0;
	/* a bare address that no header could misread: printable ASCII, no
	 * blank, no quoting, no list, no route, no comment */
	for (p = (const unsigned char *)a; *p; p++)
		if (*p <= 0x20 || *p >= 0x7f || strchr("<>()[],;:\"\\", *p))
			return 0;
	return at[1] != '.' && a[strlen(a) - 1] != '.';
}

/* The unit holding the dossier: the centre for its one-stop unit (and for
 * a holder it does not know), else the department's name. */
static const char *
agency_of(const struct cJSON *dos, const struct hh_center *c)
{
	const char *holder = hh_dossier_str(dos, "holder");
	const struct hh_dept *d;

	if (c == NULL)
		return holder;
	if (strcmp(holder, c->desk_unit) == 0 ||
	    (d = hh_center_dept(c, holder)) == NULL)
		return c->name;
	return d->name;
}

int
hh_notice_make(struct hh_notice *out, const char *commit,
    const struct cJSON *dos, const struct hh_center *c, const char *author)
{
	const cJSON *evs = cJSON_GetObjectItemCaseSensitive(dos, "events");
	const cJSON *last = NULL, *e, *app;
	const struct hh_staff *who;
	enum hh_life_status st;
	const char *code = hh_dossier_str(dos, "code");
	const char *status = hh_dossier_str(dos, "status");
	const char *at, *email;
	int64_t t;
	int day, min, y, m, d;

	memset(out, 0, sizeof(*out));
	if (!cJSON_IsObject(dos))
		return hh_error_set(HH_EINVALID, "not a JSON object");
	if (*code == '\0')
		return hh_error_set(HH_EINVALID, "code: missing");
	if (hh_life_status_parse(&st, status) < 0)
		return hh_error_prefix(HH_EINVALID, "%s: status",
		    hh_text_quote(code));
	if (cJSON_IsArray(evs))
		cJSON_ArrayForEach(e, evs)
			last = e;
	at = hh_dossier_str(last, "at");
	if (last == NULL || hh_time_parse(&t, at) < 0)
		return hh_error_set(HH_EINVALID, "%s: events: no last event "
		    "with a time", hh_text_quote(code));
	who = c ? hh_center_staff(c, hh_dossier_str(last, "actor")) : NULL;
	out->id = hh_xasprintf("%s.%s", commit, code);
	out->code = hh_xstrdup(code);
	out->status = hh_xstrdup(status);
	out->at = hh_xstrdup(at);
	out->agency = hh_xstrdup(agency_of(dos, c));
	out->actor = hh_xstrdup(who ? who->name : author ? author :
	    hh_dossier_str(last, "actor"));
	day = hh_time_day(t);
	min = hh_time_minute(t);
	hh_time_civil(day, &y, &m, &d);
	out->text = hh_xasprintf("Hồ sơ %s: %s tại %s, %s, lúc %02d giờ %02d "
	    "phút ngày %02d/%02d/%04d.", code, hh_life_status_label(st),
	    out->agency, out->actor, min / 60, min % 60, d, m, y);
	app = cJSON_GetObjectItemCaseSensitive(dos, "applicant");
	email = hh_dossier_str(app, "email");
	if (*email != '\0')
		out->email = hh_xstrdup(email);
	return HH_OK;
}

cJSON *
hh_notice_json(const struct hh_notice *n)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "id", n->id);
	cJSON_AddStringToObject(o, "code", n->code);
	cJSON_AddStringToObject(o, "status", n->status);
	cJSON_AddStringToObject(o, "at", n->at);
	cJSON_AddStringToObject(o, "agency", n->agency);
	cJSON_AddStringToObject(o, "actor", n->actor);
	cJSON_AddStringToObject(o, "text", n->text);
	return o;
}

static void
base64(struct hh_buf *b, const unsigned char *s, size_t n)
{
	static const char tab[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char q[4];
	size_t i;
	uint32_t v;

	for (i = 0; i < n; i += 3) {
		v = (uint32_t)s[i] << 16;
		if (i + 1 < n)
			v |= (uint32_t)s[i + 1] << 8;
		if (i + 2 < n)
			v |= s[i + 2];
		q[0] = tab[v >> 18 & 63];
		q[1] = tab[v >> 12 & 63];
		q[2] = i + 1 < n ? tab[v >> 6 & 63] : '=';
		q[3] = i + 2 < n ? tab[v & 63] : '=';
		hh_table_put(b, q, 4);
	}
}

/* s as header text: itself if plain ASCII, else RFC 2047 encoded words of
 * whole characters, at most 75 bytes each, folded onto lines of their
 * own. */
static void
header_text(struct hh_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i, k, start;
	int plain = 1;

	for (i = 0; i < n; i++)
		if (p[i] >= 0x7f || p[i] < 0x20)
			plain = 0;
	if (plain) {
		hh_table_puts(b, s);
		return;
	}
	for (start = 0; start < n; start = k) {
		/* 36 bytes are 48 of base64: 60 with =?UTF-8?B? and ?= */
		for (k = start; k < n && k - start < 36; ) {
			i = k + 1;
			while (i < n && (p[i] & 0xc0) == 0x80)
				i++;
			if (i - start > 36)
				break;
			k = i;
		}
		if (k == start)	/* no whole character fits: cannot be */
			k = n;
		if (start > 0)
			hh_table_puts(b, "\n ");
		hh_table_puts(b, "=?UTF-8?B?");
		base64(b, p + start, k - start);
		hh_table_puts(b, "?=");
	}
}

char *
hh_notice_mail(const struct hh_notice *n, const char *from,
    const char *center, int64_t now)
{
	static const char *const wd[] = { "Sun", "Mon", "Tue", "Wed", "Thu",
	    "Fri", "Sat" };
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct hh_buf b = { NULL, 0, 0 };
	const char *domain = strchr(from, '@') + 1;
	char *subject;
	int day = hh_time_day(now), min = hh_time_minute(now), y, m, d;

	hh_time_civil(day, &y, &m, &d);
	hh_table_puts(&b, "From: ");
	if (center != NULL && *center != '\0') {
		header_text(&b, center);
		hh_table_puts(&b, " ");
	}
	hh_table_printf(&b, "<%s>\n", from);
	hh_table_printf(&b, "To: %s\n", n->email);
	subject = hh_xasprintf("Hồ sơ %s: %s", n->code, n->status);
	{
		enum hh_life_status st;

		if (hh_life_status_parse(&st, n->status) == HH_OK) {
			free(subject);
			subject = hh_xasprintf("Hồ sơ %s: %s", n->code,
			    hh_life_status_label(st));
		}
	}
	hh_table_puts(&b, "Subject: ");
	header_text(&b, subject);
	free(subject);
	hh_table_printf(&b, "\nDate: %s, %02d %s %04d %02d:%02d:%02d +0700\n",
	    wd[hh_time_weekday(day)], d, mon[m - 1], y, min / 60, min % 60,
	    (int)(now - hh_time_make(day, min)));
	hh_table_printf(&b, "Message-ID: <%s@%s>\n", n->id, domain);
	hh_table_puts(&b, "MIME-Version: 1.0\n"
	    "Content-Type: text/plain; charset=UTF-8\n"
	    "Content-Transfer-Encoding: 8bit\n"
	    "Auto-Submitted: auto-generated\n\n");
	hh_table_printf(&b, "%s\n", n->text);
	if (center != NULL && *center != '\0')
		hh_table_printf(&b, "\n-- \n%s\n", center);
	return hh_table_done(&b);
}

int
hh_notice_mark_parse(char id[HH_OID_MAX], long *done, const char *text,
    size_t len)
{
	size_t i;
	long k = -1;

	for (i = 0; i < 40 && i < len && strchr("0123456789abcdef", text[i]) &&
	    text[i] != '\0'; i++)
		;
	if (i != 40)
		goto bad;
	if (len > 41 && text[40] == ' ') {
		k = 0;
		for (i = 41; i < len && text[i] >= '0' && text[i] <= '9' &&
		    k < 1000000; i++)
			k = k * 10 + (text[i] - '0');
		if (i == 41 || k >= 1000000)
			goto bad;
	} else
		i = 40;
	if (i + 1 != len || text[i] != '\n')
		goto bad;
	memcpy(id, text, 40);
	id[40] = '\0';
	*done = k;
	return HH_OK;
bad:
	return hh_error_set(HH_EINVALID, "not \"COMMIT\" or \"COMMIT N\" on "
	    "one line");
}

char *
hh_notice_mark_format(const char *id, long done)
{
	return done < 0 ? hh_xasprintf("%s\n", id) :
	    hh_xasprintf("%s %ld\n", id, done);
}
