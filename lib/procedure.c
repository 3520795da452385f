/* procedure.c - one procedure of the catalogue (hh-procedures(5)) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core.h"

void
hh_procedure_free(struct hh_procedure *p)
{
	if (p == NULL)
		return;
	free(p->code);
	free(p->name);
	free(p->field);
	free(p->department);
	free(p->fee);
	cJSON_Delete(p->json);
	free(p);
}

int
hh_procedure_parse(struct hh_procedure **out, const char *text, size_t len,
    const char *code, const struct hh_center *c)
{
	static const char *const units[] = { "working_days", "working_hours",
	    "calendar_days" };
	struct hh_procedure *p = hh_xmalloc(sizeof(*p));
	const cJSON *v, *lim = NULL;
	char where[128];
	const char *unit = NULL;
	size_t i;
	int error;

	*out = NULL;
	memset(p, 0, sizeof(*p));
	snprintf(where, sizeof(where), "procedures/%s.json: ",
	    code ? code : "?");
	if ((p->json = hh_json_parse(text, len)) == NULL) {
		error = hh_error_prefix(HH_EINVALID, "%.*s", (int)strlen(where)
		    - 2, where);
		goto out;
	}
	if (!cJSON_IsObject(p->json)) {
		error = hh_error_set(HH_EINVALID, "%snot a JSON object", where);
		goto out;
	}
	if ((error = hh_json_text(&p->code, p->json, "code", where, 1)) < 0 ||
	    (error = hh_json_text(&p->name, p->json, "name", where, 1)) < 0 ||
	    (error = hh_json_text(&p->field, p->json, "field", where, 1)) < 0 ||
	    (error = hh_json_text(&p->department, p->json, "department", where,
	    1)) < 0 ||
	    (error = hh_json_text(&p->fee, p->json, "fee", where, 0)) < 0)
		goto out;
	if (!hh_text_id(p->code) || (code && strcmp(code, p->code) != 0)) {
		error = hh_error_set(HH_EINVALID,
		    "%scode: \"%s\" does not match the file name", where,
		    p->code);
		goto out;
	}
	if (c && hh_center_dept(c, p->department) == NULL) {
		error = hh_error_set(HH_EINVALID,
		    "%sdepartment: unknown department \"%s\"", where,
		    p->department);
		goto out;
	}
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if ((v = cJSON_GetObjectItemCaseSensitive(p->json,
		    units[i])) == NULL)
			continue;
		if (lim != NULL) {
			error = hh_error_set(HH_EINVALID,
			    "%sboth %s and %s: give exactly one limit", where,
			    unit, units[i]);
			goto out;
		}
		lim = v;
		unit = units[i];
	}
	if (lim == NULL) {
		error = hh_error_set(HH_EINVALID, "%sno limit: give one of "
		    "working_days, working_hours, calendar_days", where);
		goto out;
	}
	if (!cJSON_IsNumber(lim)) {
		error = hh_error_set(HH_EINVALID, "%s%s: not a number", where,
		    unit);
		goto out;
	}
	if ((error = hh_deadline_limit(&p->limit, unit,
	    lim->valuedouble)) < 0) {
		hh_error_prefix(error, "%s%s", where, unit);
		goto out;
	}
	*out = p;
	p = NULL;
out:
	hh_procedure_free(p);
	return error;
}
