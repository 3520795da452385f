/* rules.c - the rule sets and form sets in force by date (DOMAIN Part A §10) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core.h"

/*
 * The law's own table, used when center.json has no "rule_sets" or
 * "form_sets" (hh-center(5)): a later decree adds a row there, not here.
 */
static const struct {
	const char *id, *from, *basis;
	int stop;
} rule_rows[] = {
	{ "2018", "2018-08-21", "Nghị định 61/2018/NĐ-CP, sửa đổi bởi Nghị "
	    "định 107/2021/NĐ-CP", 0 },
	{ "2025", "2025-07-01", "Nghị định 118/2025/NĐ-CP, sửa đổi bởi Nghị "
	    "định 367/2025/NĐ-CP", 1 },
};

static const char *const kinds[HH_FORM_KINDS + 1] = {
	"receipt", "supplement", "refusal", "apology", "stop", "control",
	"book", NULL,
};

static const struct {
	const char *from, *circular;
	struct {
		int number;
		const char *title;
	} form[HH_FORM_KINDS];
} form_rows[] = {
	{ "2018-08-21", "Thông tư 01/2018/TT-VPCP", {
		{ 1, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" },
		{ 2, "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" },
		{ 3, "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" },
		{ 4, "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" },
		{ 0, NULL },
		{ 5, "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" },
		{ 6, "SỔ THEO DÕI HỒ SƠ" },
	} },
	{ "2025-09-15", "Thông tư 03/2025/TT-VPCP", {
		{ 1, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" },
		{ 2, "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" },
		{ 3, "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" },
		{ 4, "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" },
		{ 5, "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" },
		{ 6, "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" },
		{ 7, "SỔ THEO DÕI HỒ SƠ" },
	} },
};

/* The reporting regime the on-time report follows, by the period's last
 * day (DOMAIN Part B §5.2, Part A §20): none named before Circular
 * 01/2020; its Biểu 06 from 15/12/2020; Circular 05/2025 from 15/2/2026,
 * whose table was not retrieved (hh keeps Biểu 06's columns). */
static const struct {
	const char *from, *name;
} report_rows[] = {
	{ "2020-12-15", "Biểu số 06/VPCP/KSTT, Thông tư 01/2020/TT-VPCP" },
	{ "2026-02-15", "Thông tư 05/2025/TT-VPCP (các cột của Biểu số "
	    "06/VPCP/KSTT)" },
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

void
hh_rules_free(struct hh_rules *r)
{
	size_t i, k;

	if (r == NULL)
		return;
	for (i = 0; i < r->nsets; i++) {
		free(r->sets[i].id);
		free(r->sets[i].basis);
	}
	for (i = 0; i < r->nforms; i++) {
		free(r->forms[i].circular);
		for (k = 0; k < HH_FORM_KINDS; k++)
			free(r->forms[i].title[k]);
	}
	free(r->sets);
	free(r->forms);
	free(r);
}

/* "from": a day; rows in order of it, the first from any day at all. */
static int
row_day(int *out, const cJSON *row, const char *where, int prev)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(row, "from");

	if (!cJSON_IsString(v) || hh_time_parse_day(out, v->valuestring) < 0)
		return hh_error_set(HH_EINVALID, "%sfrom: expected YYYY-MM-DD",
		    where);
	if (*out <= prev)
		return hh_error_set(HH_EINVALID, "%sfrom: not after the row "
		    "before", where);
	return HH_OK;
}

static int
parse_sets(struct hh_rules *r, const cJSON *arr)
{
	const cJSON *v, *stop;
	char where[64];
	int error, prev = -1000000;

	if (!cJSON_IsArray(arr) || cJSON_GetArraySize(arr) == 0)
		return hh_error_set(HH_EINVALID,
		    "center.json: rule_sets: expected a non-empty list");
	r->sets = hh_xcalloc((size_t)cJSON_GetArraySize(arr),
	    sizeof(*r->sets));
	cJSON_ArrayForEach(v, arr) {
		struct hh_rule_set *s = &r->sets[r->nsets];

		snprintf(where, sizeof(where), "center.json: rule_sets[%zu].",
		    r->nsets++);
		if ((error = hh_json_text(&s->id, v, "id", where, 1)) < 0 ||
		    (error = hh_json_text(&s->basis, v, "basis", where, 1)) < 0 ||
		    (error = row_day(&s->day, v, where, prev)) < 0)
			return error;
		if (!hh_text_id(s->id))
			return hh_error_set(HH_EINVALID, "%sid: bad id \"%s\"",
			    where, hh_text_quote(s->id));
		stop = cJSON_GetObjectItemCaseSensitive(v, "stop");
		if (stop != NULL && !cJSON_IsBool(stop))
			return hh_error_set(HH_EINVALID, "%sstop: expected true "
			    "or false", where);
		s->stop = cJSON_IsTrue(stop);
		prev = s->day;
	}
	return HH_OK;
}

static int
parse_forms(struct hh_rules *r, const cJSON *arr)
{
	const cJSON *v, *forms, *f, *n;
	char where[96];
	size_t k;
	int error, prev = -1000000;

	if (!cJSON_IsArray(arr) || cJSON_GetArraySize(arr) == 0)
		return hh_error_set(HH_EINVALID,
		    "center.json: form_sets: expected a non-empty list");
	r->forms = hh_xcalloc((size_t)cJSON_GetArraySize(arr),
	    sizeof(*r->forms));
	cJSON_ArrayForEach(v, arr) {
		struct hh_form_set *s = &r->forms[r->nforms];

		snprintf(where, sizeof(where), "center.json: form_sets[%zu].",
		    r->nforms++);
		if ((error = hh_json_text(&s->circular, v, "circular", where,
		    1)) < 0 || (error = row_day(&s->day, v, where, prev)) < 0)
			return error;
		prev = s->day;
		forms = cJSON_GetObjectItemCaseSensitive(v, "forms");
		if (!cJSON_IsObject(forms) || (error = hh_json_keys(forms,
		    kinds)) < 0)
			return hh_error_set(HH_EINVALID, "%sforms: expected "
			    "{\"receipt\": {\"number\": N, \"title\": TEXT}, "
			    "...}", where);
		for (k = 0; k < HH_FORM_KINDS; k++) {
			if ((f = cJSON_GetObjectItemCaseSensitive(forms,
			    kinds[k])) == NULL)
				continue;
			snprintf(where, sizeof(where), "center.json: "
			    "form_sets[%zu].forms.%s.", r->nforms - 1,
			    kinds[k]);
			n = cJSON_GetObjectItemCaseSensitive(f, "number");
			if (!cJSON_IsNumber(n) || n->valuedouble < 1 ||
			    n->valuedouble > 99 ||
			    n->valuedouble != (int)n->valuedouble)
				return hh_error_set(HH_EINVALID, "%snumber: "
				    "expected 1 to 99", where);
			s->number[k] = (int)n->valuedouble;
			if ((error = hh_json_text(&s->title[k], f, "title",
			    where, 1)) < 0)
				return error;
		}
	}
	return HH_OK;
}

static void
defaults(struct hh_rules *r, int sets, int forms)
{
	size_t i, k;

	if (sets) {
		r->nsets = NELEM(rule_rows);
		r->sets = hh_xcalloc(r->nsets, sizeof(*r->sets));
		for (i = 0; i < r->nsets; i++) {
			r->sets[i].id = hh_xstrdup(rule_rows[i].id);
			r->sets[i].basis = hh_xstrdup(rule_rows[i].basis);
			r->sets[i].stop = rule_rows[i].stop;
			hh_time_parse_day(&r->sets[i].day, rule_rows[i].from);
		}
	}
	if (forms) {
		r->nforms = NELEM(form_rows);
		r->forms = hh_xcalloc(r->nforms, sizeof(*r->forms));
		for (i = 0; i < r->nforms; i++) {
			r->forms[i].circular = hh_xstrdup(form_rows[i].circular);
			hh_time_parse_day(&r->forms[i].day, form_rows[i].from);
			for (k = 0; k < HH_FORM_KINDS; k++) {
				r->forms[i].number[k] =
				    form_rows[i].form[k].number;
				if (form_rows[i].form[k].title != NULL)
					r->forms[i].title[k] = hh_xstrdup(
					    form_rows[i].form[k].title);
			}
		}
	}
}

int
hh_rules_parse(struct hh_rules **out, const cJSON *center)
{
	struct hh_rules *r = hh_xcalloc(1, sizeof(*r));
	const cJSON *sets = cJSON_GetObjectItemCaseSensitive(center,
	    "rule_sets");
	const cJSON *forms = cJSON_GetObjectItemCaseSensitive(center,
	    "form_sets");
	int error;

	*out = NULL;
	if ((sets != NULL && (error = parse_sets(r, sets)) < 0) ||
	    (forms != NULL && (error = parse_forms(r, forms)) < 0)) {
		hh_rules_free(r);
		return error;
	}
	defaults(r, sets == NULL, forms == NULL);
	*out = r;
	return HH_OK;
}

const struct hh_rule_set *
hh_rules_set_at(const struct hh_rules *r, int64_t t)
{
	int day = hh_time_day(t);
	size_t i;

	for (i = r->nsets; i > 1 && r->sets[i - 1].day > day; i--)
		;
	return &r->sets[i - 1];
}

const struct hh_rule_set *
hh_rules_set(const struct hh_rules *r, const char *id)
{
	size_t i;

	for (i = 0; i < r->nsets; i++)
		if (strcmp(r->sets[i].id, id) == 0)
			return &r->sets[i];
	return NULL;
}

const char *
hh_rules_report_at(int day)
{
	const char *name = NULL;
	size_t i;
	int from;

	for (i = 0; i < NELEM(report_rows); i++)
		if (hh_time_parse_day(&from, report_rows[i].from) == 0 &&
		    from <= day)
			name = report_rows[i].name;
	return name;
}

const struct hh_form_set *
hh_rules_forms_at(const struct hh_rules *r, int64_t t)
{
	int day = hh_time_day(t);
	size_t i;

	for (i = r->nforms; i > 1 && r->forms[i - 1].day > day; i--)
		;
	return &r->forms[i - 1];
}
