/* step.c - the steps of a dossier: which is legal, what it changes */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core.h"


/*
 * received -> processing <-> waiting_supplement -> resolved -> returned;
 * withdrawn from received, processing and waiting_supplement.  A received
 * dossier may also be resolved at once (same-day procedures, hh-return),
 * and the desk may ask for a supplement before routing it (received <->
 * waiting_supplement: Mẫu 02 at the intake stage).
 * The status is the one life.c derives from the events; a step's name is
 * its event's (HH_STEP_ROUTE is HH_EVENT_ROUTE, ...).
 */
#define EVENT(a) ((enum hh_life_event)(HH_EVENT_ROUTE + (int)(a)))

/* How the step is asked for on the command line, for error messages. */
static const char *const flags[] = {
	"--to", "--supplement", "--supplied", "--delay", "--done",
	"hh-return", "--withdraw", "--stop", "--amend",
};

#define NACTIONS ((int)(sizeof(flags) / sizeof(flags[0])))

const char *
hh_step_name(enum hh_action a)
{
	return (int)a >= 0 && (int)a < NACTIONS ?
	    hh_life_event_name(EVENT(a)) : "";
}

int
hh_step_parse(enum hh_action *out, const char *name)
{
	enum hh_life_event e;

	if (name == NULL || hh_life_event_parse(&e, name) < 0 ||
	    e == HH_EVENT_INTAKE)
		return hh_error_set(HH_EINVALID, "\"%s\" is not a step (route, "
		    "supplement, supplied, delay, done, return, withdraw, "
		    "stop, amend)",
		    hh_text_quote(name ? name : ""));
	*out = (enum hh_action)(e - HH_EVENT_ROUTE);
	return HH_OK;
}

void
hh_step_init(struct hh_step *s, enum hh_action a, int64_t at)
{
	memset(s, 0, sizeof(*s));
	s->action = a;
	s->at = at;
	s->days = -1;
}

static int
get_time(int64_t *out, const cJSON *obj, const char *key)
{
	const char *s = hh_dossier_str(obj, key);

	if (*s == '\0' || hh_time_parse(out, s) < 0)
		return -1;
	return 0;
}

static void
set_time(cJSON *obj, const char *key, int64_t t)
{
	char buf[HH_TIME_MAX];

	hh_time_format(buf, t);
	if (cJSON_GetObjectItemCaseSensitive(obj, key) != NULL)
		cJSON_ReplaceItemInObjectCaseSensitive(obj, key,
		    cJSON_CreateString(buf));
	else
		cJSON_AddStringToObject(obj, key, buf);
}

static void
set_str(cJSON *obj, const char *key, const char *v)
{
	if (cJSON_GetObjectItemCaseSensitive(obj, key) != NULL)
		cJSON_ReplaceItemInObjectCaseSensitive(obj, key,
		    cJSON_CreateString(v));
	else
		cJSON_AddStringToObject(obj, key, v);
}

static void
set_item(cJSON *obj, const char *key, cJSON *v)
{
	if (cJSON_GetObjectItemCaseSensitive(obj, key) != NULL)
		cJSON_ReplaceItemInObjectCaseSensitive(obj, key, v);
	else
		cJSON_AddItemToObject(obj, key, v);
}

/* A pending supplement request: there is one and it was not supplied. */
static const cJSON *
pending(const cJSON *dos)
{
	const cJSON *s = cJSON_GetObjectItemCaseSensitive(dos, "supplement");

	if (!cJSON_IsObject(s) ||
	    cJSON_GetObjectItemCaseSensitive(s, "supplied_at") != NULL)
		return NULL;
	return s;
}

/* 1 if the dossier may have another apology (delay): fewer than the
 * centre's apology.times so far. */
static int
may_delay(const cJSON *dos, const struct hh_center *c)
{
	const cJSON *e;
	int n = 0;

	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(dos, "events"))
		if (strcmp(hh_dossier_str(e, "action"),
		    hh_life_event_name(HH_EVENT_DELAY)) == 0)
			n++;
	return n < c->apology_times;
}

/* Whether the dossier's state (not the actor) permits the action; may:
 * MAY_DELAY if another apology is allowed, MAY_STOP if the dossier's rules
 * have stopping. */
#define MAY_DELAY 1
#define MAY_STOP 2
static const struct hh_rule_set *rules_of(const cJSON *,
    const struct hh_center *);
static int
state_allows(int may, enum hh_life_status st, enum hh_action a)
{
	/* a correction, before the result (hh-route(1) --amend) */
	if (a == HH_STEP_AMEND)
		return st == HH_STATUS_RECEIVED ||
		    st == HH_STATUS_PROCESSING ||
		    st == HH_STATUS_WAITING_SUPPLEMENT;
	switch (st) {
	case HH_STATUS_RECEIVED:
		return a == HH_STEP_ROUTE || a == HH_STEP_DONE ||
		    a == HH_STEP_SUPPLEMENT ||
		    a == HH_STEP_WITHDRAW || (a == HH_STEP_STOP &&
		    (may & MAY_STOP));
	case HH_STATUS_PROCESSING:
		return a == HH_STEP_ROUTE || a == HH_STEP_SUPPLEMENT ||
		    a == HH_STEP_DONE || a == HH_STEP_WITHDRAW ||
		    (a == HH_STEP_STOP && (may & MAY_STOP)) ||
		    (a == HH_STEP_DELAY && (may & MAY_DELAY));
	case HH_STATUS_WAITING_SUPPLEMENT:
		return a == HH_STEP_SUPPLIED || a == HH_STEP_WITHDRAW ||
		    (a == HH_STEP_STOP && (may & MAY_STOP));
	case HH_STATUS_RESOLVED:
		return a == HH_STEP_RETURN;
	default:
		return 0;
	}
}

/* "(allowed: --to, --done)" or "(nothing is allowed on a withdrawn
 * dossier)": the steps forward the state permits other than the action
 * tried (a correction, --amend, moves nothing on: not listed). */
static const char *
allowed(char buf[160], int may, enum hh_life_status st,
    enum hh_action tried)
{
	size_t n = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < NACTIONS; i++) {
		if ((enum hh_action)i == tried || i == HH_STEP_AMEND ||
		    !state_allows(may, st, (enum hh_action)i))
			continue;
		n += (size_t)snprintf(buf + n, 160 - n, "%s%s",
		    n ? ", " : "(allowed: ", flags[i]);
	}
	if (n == 0)
		snprintf(buf, 160, "(nothing is allowed on a %s dossier)",
		    hh_life_status_name(st));
	else
		snprintf(buf + n, 160 - n, ")");
	return buf;
}

/* Which actions each field of a step goes with: the one shape rule, for
 * hh-route's flags, the batch lines of hh-route and hh-return, and the
 * events replayed. */
#define BIT(a) HH_STEP_BIT(a)
static const struct {
	const char *key;
	unsigned actions;
} shape[] = {
	{ "to", BIT(HH_STEP_ROUTE) },
	{ "officer", BIT(HH_STEP_ROUTE) },
	{ "days", BIT(HH_STEP_ROUTE) },
	{ "note", BIT(HH_STEP_ROUTE) },
	{ "documents", BIT(HH_STEP_SUPPLEMENT) | BIT(HH_STEP_AMEND) },
	{ "until", BIT(HH_STEP_DELAY) },
	{ "outcome", BIT(HH_STEP_DONE) },
	{ "reason", BIT(HH_STEP_SUPPLEMENT) | BIT(HH_STEP_DELAY) |
	    BIT(HH_STEP_DONE) | BIT(HH_STEP_WITHDRAW) | BIT(HH_STEP_STOP) |
	    BIT(HH_STEP_AMEND) },
	{ "by", BIT(HH_STEP_STOP) },
	{ "fee", BIT(HH_STEP_STOP) },
	{ "applicant", BIT(HH_STEP_AMEND) },
	{ "id_number", BIT(HH_STEP_AMEND) },
	{ "phone", BIT(HH_STEP_AMEND) },
	{ "email", BIT(HH_STEP_AMEND) },
	{ "address", BIT(HH_STEP_AMEND) },
};
#define NSHAPE (sizeof(shape) / sizeof(shape[0]))

static int
has(const struct hh_step *st, size_t field)
{
	switch (field) {
	case 0: return st->to != NULL;
	case 1: return st->officer != NULL;
	case 2: return st->days >= 0;
	case 3: return st->note != NULL;
	case 4: return st->documents != NULL;
	case 5: return st->until != NULL;
	case 6: return st->outcome != NULL;
	case 7: return st->reason != NULL;
	case 8: return st->by != NULL;
	case 9: return st->fee != NULL;
	case 10: return st->name != NULL;
	case 11: return st->id_number != NULL;
	case 12: return st->phone != NULL;
	case 13: return st->email != NULL;
	default: return st->address != NULL;
	}
}

/* "supplement, delay, done or withdraw": the names of actions. */
static void
names_of(char buf[128], unsigned actions, const char *last)
{
	size_t n = 0, left = 0;
	int i;

	for (i = 0; i < NACTIONS; i++)
		left += (actions & BIT(i)) != 0;
	buf[0] = '\0';
	for (i = 0; i < NACTIONS; i++) {
		if (!(actions & BIT(i)))
			continue;
		left--;
		n += (size_t)snprintf(buf + n, 128 - n, "%s%s", n == 0 ? "" :
		    left == 0 ? last : ", ", hh_step_name((enum hh_action)i));
	}
}

int
hh_step_shape(const struct hh_step *st, unsigned actions)
{
	char buf[128];
	size_t i;

	for (i = 0; i < NSHAPE; i++)
		if (has(st, i) && !(shape[i].actions & BIT(st->action))) {
			names_of(buf, shape[i].actions & actions, " or ");
			return hh_error_set(HH_EINVALID, "%s: only with %s",
			    shape[i].key, *buf ? buf : "another step");
		}
	return HH_OK;
}

int
hh_step_fields(struct hh_step *st, const char ***docs_out, const cJSON *obj)
{
	const cJSON *days = cJSON_GetObjectItemCaseSensitive(obj, "days");
	int error;

	*docs_out = NULL;
	if ((error = hh_json_str(&st->to, obj, "to")) < 0 ||
	    (error = hh_json_str(&st->officer, obj, "officer")) < 0 ||
	    (error = hh_json_str(&st->note, obj, "note")) < 0 ||
	    (error = hh_json_str(&st->reason, obj, "reason")) < 0 ||
	    (error = hh_json_str(&st->until, obj, "until")) < 0 ||
	    (error = hh_json_str(&st->outcome, obj, "outcome")) < 0 ||
	    (error = hh_json_str(&st->by, obj, "by")) < 0 ||
	    (error = hh_json_str(&st->fee, obj, "fee")) < 0 ||
	    (error = hh_json_str(&st->name, obj, "applicant")) < 0 ||
	    (error = hh_json_str(&st->id_number, obj, "id_number")) < 0 ||
	    (error = hh_json_str(&st->phone, obj, "phone")) < 0 ||
	    (error = hh_json_str(&st->email, obj, "email")) < 0 ||
	    (error = hh_json_str(&st->address, obj, "address")) < 0 ||
	    (error = hh_json_strv(docs_out, &st->ndocuments, obj,
	    "documents")) < 0)
		return error;
	st->documents = *docs_out;
	if (days != NULL && !cJSON_IsNull(days)) {
		if (!cJSON_IsNumber(days) || days->valuedouble < 0)
			return hh_error_set(HH_EINVALID,
			    "days: not a number of working days");
		st->days = days->valuedouble;
	}
	st->on_return = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(obj,
	    "on_return"));
	return HH_OK;
}

/* The key of a batch line that asks for each action ("" for return: a
 * line without one), and the keys that go with it. */
static const struct {
	enum hh_action a;
	const char *key;
	const char *const keys[9];
} line_keys[] = {
	{ HH_STEP_ROUTE, "to", { "to", "officer", "days", "note" } },
	{ HH_STEP_SUPPLEMENT, "supplement", { "supplement", "documents" } },
	{ HH_STEP_SUPPLIED, "supplied", { "supplied" } },
	{ HH_STEP_DELAY, "delay", { "delay", "until", "reason" } },
	{ HH_STEP_DONE, "done", { "done", "outcome", "reason" } },
	{ HH_STEP_RETURN, "", { NULL } },
	{ HH_STEP_WITHDRAW, "withdraw", { "withdraw", "reason" } },
	{ HH_STEP_STOP, "stop", { "stop", "reason", "by", "fee" } },
	{ HH_STEP_AMEND, "amend", { "amend", "reason", "applicant",
	    "id_number", "phone", "email", "address", "documents" } },
};
#define NLINE (sizeof(line_keys) / sizeof(line_keys[0]))

/* Which action the line asks for. */
static int
line_action(enum hh_action *out, const cJSON *line, unsigned actions)
{
	const cJSON *v;
	char buf[128];
	size_t i, n = 0;

	*out = HH_STEP_RETURN;
	for (i = 0; i < NLINE; i++) {
		if (!(actions & BIT(line_keys[i].a)) || !*line_keys[i].key)
			continue;
		v = cJSON_GetObjectItemCaseSensitive(line, line_keys[i].key);
		if (v == NULL || cJSON_IsNull(v) || cJSON_IsFalse(v))
			continue;
		/* to and supplement carry their value; the others a flag */
		if (!cJSON_IsTrue(v) && line_keys[i].a != HH_STEP_ROUTE &&
		    line_keys[i].a != HH_STEP_SUPPLEMENT)
			return hh_error_set(HH_EINVALID, "%s: not true or "
			    "false", line_keys[i].key);
		*out = line_keys[i].a;
		n++;
	}
	if (n == 1 || (n == 0 && (actions & BIT(HH_STEP_RETURN))))
		return HH_OK;
	buf[0] = '\0';
	for (i = 0; i < NLINE; i++)
		if ((actions & BIT(line_keys[i].a)) && *line_keys[i].key)
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf),
			    "%s%s", *buf ? ", " : "", line_keys[i].key);
	return hh_error_set(HH_EINVALID, "one of %s is needed", buf);
}

static int
n_has(const char *const *v, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return 1;
	return 0;
}

int
hh_step_line(struct hh_step *st, const char **code, const char **at,
    const char ***docs_out, const cJSON *line, unsigned actions)
{
	const char *keys[2 + NLINE * 8 + 1], *sup = NULL;
	enum hh_action a;
	size_t i, j, n = 0;
	int error;

	hh_step_init(st, HH_STEP_RETURN, 0);
	*code = *at = NULL;
	*docs_out = NULL;
	keys[n++] = "code";
	keys[n++] = "at";
	for (i = 0; i < NLINE; i++)
		for (j = 0; (actions & BIT(line_keys[i].a)) &&
		    line_keys[i].keys[j] != NULL; j++)
			if (!n_has(keys, n, line_keys[i].keys[j]))
				keys[n++] = line_keys[i].keys[j];
	keys[n] = NULL;
	if ((error = hh_json_keys(line, keys)) < 0 ||
	    (error = hh_json_str(code, line, "code")) < 0)
		return error;
	if (*code == NULL)
		return hh_error_set(HH_EINVALID, "code: missing");
	if ((error = hh_json_str(at, line, "at")) < 0 ||
	    (error = line_action(&a, line, actions)) < 0 ||
	    (error = hh_json_str(&sup, line, "supplement")) < 0 ||
	    (error = hh_step_fields(st, docs_out, line)) < 0)
		goto fail;
	st->action = a;
	if (sup != NULL && st->reason != NULL) {
		error = hh_error_set(HH_EINVALID, "reason: not with supplement "
		    "(the supplement is the reason)");
		goto fail;
	}
	if (sup != NULL)
		st->reason = sup;
	if ((error = hh_step_shape(st, actions)) < 0)
		goto fail;
	return HH_OK;
fail:
	return hh_error_prefix(error, "%s", hh_text_quote(*code));
}

/* The role rules: admin anything; officers the route..done steps on
 * dossiers their department holds; desk staff return, withdraw, forward a
 * received dossier still at the desk (Decree 61 Art. 18), resolve one
 * while handing the result over (hh-return) and correct what they took in
 * at intake, the applicant's data and the documents (amend), wherever
 * the dossier is. */
static int
check_role(const cJSON *dos, enum hh_life_status status,
    const struct hh_step *st, const struct hh_staff *me,
    const struct hh_center *c, const char *state)
{
	const char *holder = hh_dossier_str(dos, "holder");
	const char *verb = hh_step_name(st->action);
	char can[128];

	if (strcmp(me->role, "admin") == 0)
		return HH_OK;
	if (strcmp(me->role, "desk") == 0) {
		if (st->action == HH_STEP_RETURN ||
		    st->action == HH_STEP_WITHDRAW ||
		    st->action == HH_STEP_STOP ||
		    st->action == HH_STEP_AMEND)
			return HH_OK;
		if (st->action == HH_STEP_DONE && st->on_return)
			return HH_OK;
		/* at the desk, before routing: forward it, or ask for a
		 * supplement (Mẫu 02, stage intake) and record it supplied */
		if (st->action == HH_STEP_ROUTE ||
		    st->action == HH_STEP_SUPPLEMENT ||
		    st->action == HH_STEP_SUPPLIED) {
			if ((status == HH_STATUS_RECEIVED ||
			    status == HH_STATUS_WAITING_SUPPLEMENT) &&
			    strcmp(holder, c->desk_unit) == 0)
				return HH_OK;
			return hh_error_set(HH_EREFUSED, "%s: actor %s (desk) "
			    "may %s only %s dossier still held by %s", state,
			    me->id, st->action == HH_STEP_ROUTE ? "route" :
			    "ask or record a supplement", st->action ==
			    HH_STEP_ROUTE ? "a received" : "on a", c->desk_unit);
		}
		return hh_error_set(HH_EREFUSED, "%s: actor %s (desk) may not "
		    "%s (desk may: intake, return, withdraw, stop, amend, and "
		    "route or ask a supplement of a dossier at the desk)", state,
		    me->id, verb);
	}
	if (strcmp(me->role, "officer") == 0 &&
	    hh_center_role_allows(me->role, verb)) {
		if (strcmp(holder, me->department) == 0)
			return HH_OK;
		return hh_error_set(HH_EREFUSED, "%s: actor %s (officer, %s) "
		    "acts only on dossiers held by %s", state, me->id,
		    me->department, me->department);
	}
	hh_center_role_actions(can, me->role);
	return hh_error_set(HH_EREFUSED, "%s: actor %s (%s) may not %s "
	    "(%s may: %s)", state, me->id, me->role, verb, me->role, can);
}

static int
check_route(const cJSON *dos, const struct hh_step *st,
    const struct hh_center *c, const char *state)
{
	const struct hh_staff *o;
	struct hh_limit lim;
	char depts[160], near[HH_NEAR_MAX];
	size_t i, n = 0;
	int error;

	if (st->to == NULL || *st->to == '\0')
		return hh_error_set(HH_EINVALID, "%s: route: no department "
		    "given", state);
	if (hh_center_dept(c, st->to) == NULL) {
		depts[0] = '\0';
		for (i = 0; i < c->ndepts && n < sizeof(depts); i++)
			n += (size_t)snprintf(depts + n, sizeof(depts) - n,
			    "%s%s", i ? ", " : "", c->depts[i].id);
		if (*hh_center_nearest(near, c, 0, st->to))
			return hh_error_set(HH_ENOTFOUND, "%s: no department "
			    "\"%s\"%s", state, hh_text_quote(st->to), near);
		return hh_error_set(HH_ENOTFOUND, "%s: no department \"%s\" "
		    "(departments: %s)", state, hh_text_quote(st->to), depts);
	}
	if (strcmp(st->to, hh_dossier_str(dos, "holder")) == 0)
		return hh_error_set(HH_EREFUSED, "%s: already held by %s "
		    "(route to another department)", state,
		    hh_text_quote(st->to));
	if (st->officer != NULL) {
		if ((o = hh_center_staff(c, st->officer)) == NULL)
			return hh_error_set(HH_ENOTFOUND, "%s: officer %s: not "
			    "a staff member of this centre%s", state,
			    hh_text_quote(st->officer), hh_center_nearest(near,
			    c, 1, st->officer));
		if (strcmp(o->department, st->to) != 0)
			return hh_error_set(HH_EINVALID, "%s: officer %s "
			    "works in %s, not %s", state, o->id,
			    o->department, hh_text_quote(st->to));
	}
	if (st->days >= 0 && (error = hh_deadline_limit(&lim, "working_days",
	    st->days)) < 0)
		return hh_error_prefix(error, "%s: days", state);
	return hh_text_check("note", st->note, HH_TEXT_MAX, 0);
}

static int
check_delay(const cJSON *dos, const struct hh_step *st,
    const struct hh_center *c, const struct hh_calendar *cal,
    const char *state, int64_t *appt_out, int64_t *from_out)
{
	const struct hh_rule_set *rs;
	char buf[HH_TIME_MAX], ok[160], n[16];
	int64_t due, appt;
	int day, error;

	if ((error = hh_text_check("reason", st->reason, HH_TEXT_MAX,
	    1)) < 0)
		return error;
	if (st->until == NULL)
		return hh_error_set(HH_EINVALID, "until: missing");
	if ((error = hh_time_parse_day(&day, st->until)) < 0)
		return hh_error_prefix(error, "until %s",
		    hh_text_quote(st->until));
	if (get_time(&due, dos, "due_at") < 0)
		return hh_error_set(HH_EINVALID, "not a valid dossier: due_at");
	/* a later apology (apology.times > 1) moves the appointment the
	 * applicant holds, so it is measured against that one */
	if (get_time(&appt, dos, "appointment_at") == 0 && appt > due)
		due = appt;
	hh_time_format(buf, due);
	if (!hh_deadline_delay_ok(cal, st->at, due, c->apology_days)) {
		/* a delay is checked here only when the state allows it */
		rs = rules_of(dos, c);
		allowed(ok, MAY_DELAY | (rs != NULL && rs->stop ? MAY_STOP :
		    0), HH_STATUS_PROCESSING, HH_STEP_DELAY);
		if (c->apology_days == 0)
			return hh_error_set(HH_EREFUSED, "%s, due %s: an "
			    "apology must be made by the due instant %s", state,
			    buf, ok);
		snprintf(n, sizeof(n), "%d", c->apology_days);
		return hh_error_set(HH_EREFUSED, "%s, due %s: an apology must "
		    "be made no later than %s working day%s before the due "
		    "day %s", state, buf, c->apology_days == 1 ? "one" : n,
		    c->apology_days == 1 ? "" : "s", ok);
	}
	if (!hh_calendar_working(cal, day, NULL))
		return hh_error_set(HH_EINVALID, "%s: --until %s is not a "
		    "working day", state, hh_text_quote(st->until));
	appt = hh_time_make(day, c->hours.pm_end);
	if (appt <= due)
		return hh_error_set(HH_EINVALID, "%s: --until %s is not after "
		    "the due date %s", state, hh_text_quote(st->until), buf);
	*appt_out = appt;
	*from_out = due;
	return HH_OK;
}

/* Stopping (dừng giải quyết, DOMAIN Part A §12) is a step of the rule sets
 * that have it (2025): a dossier received under the 2018 rules is
 * withdrawn, as it always was.  The dossier's rule set: the one it
 * records, else the one of its day of receipt (a dossier written before
 * hh recorded it); NULL if neither is the centre's. */
static const struct hh_rule_set *
rules_of(const cJSON *dos, const struct hh_center *c)
{
	const char *id = hh_dossier_str(dos, "rules");
	int64_t t;

	if (*id != '\0')
		return hh_rules_set(c->rules, id);
	if (get_time(&t, dos, "received_at") == 0)
		return hh_rules_set_at(c->rules, t);
	return NULL;
}

/* The applicant's members a correction may change, in the order an
 * intake writes them: the member of "applicant", the step's field. */
static const struct {
	const char *key;
	size_t off;
} amend_keys[] = {
	{ "name", offsetof(struct hh_step, name) },
	{ "id_number", offsetof(struct hh_step, id_number) },
	{ "phone", offsetof(struct hh_step, phone) },
	{ "email", offsetof(struct hh_step, email) },
	{ "address", offsetof(struct hh_step, address) },
};
#define NAMEND (sizeof(amend_keys) / sizeof(amend_keys[0]))

static const char **
amend_field(struct hh_step *st, size_t i)
{
	return (const char **)(void *)((char *)st + amend_keys[i].off);
}

static const char *
amend_value(const struct hh_step *st, size_t i)
{
	return *amend_field((struct hh_step *)st, i);
}

static int
amend_known(const char *key)
{
	size_t i;

	for (i = 0; i < NAMEND; i++)
		if (strcmp(key, amend_keys[i].key) == 0)
			return 1;
	return 0;
}

/*
 * What a correction changes: the names of the members whose value
 * differs from the dossier's, each checked as at intake ("applicant.phone",
 * ..., "documents", in that order), and the new document list (*docs,
 * NULL if it is unchanged).  The reason is needed; HH_EINVALID "nothing to
 * amend" when every value given is the dossier's.
 */
static int
amend_changes(const cJSON *dos, const struct hh_step *st, cJSON **fields,
    cJSON **docs)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(dos, "applicant");
	const char *v;
	char name[32];
	size_t i;
	int error;

	*fields = *docs = NULL;
	if ((error = hh_text_check("reason", st->reason, HH_TEXT_MAX, 1)) < 0)
		return error;
	/* each as at intake; "" removes a member, but not the name */
	for (i = 0; i < NAMEND; i++)
		if ((v = amend_value(st, i)) != NULL && (*v != '\0' ||
		    i == 0) && (error = hh_dossier_applicant_check(
		    amend_keys[i].key, v)) < 0)
			return error;
	if (st->documents != NULL && (error = hh_dossier_documents(docs,
	    st->documents, st->ndocuments, hh_dossier_str(dos,
	    "channel"))) < 0)
		return error;
	*fields = cJSON_CreateArray();
	for (i = 0; i < NAMEND; i++) {
		/* "" removes a member: the same as one never written */
		if ((v = amend_value(st, i)) == NULL ||
		    strcmp(v, hh_dossier_str(a, amend_keys[i].key)) == 0)
			continue;
		snprintf(name, sizeof(name), "applicant.%s", amend_keys[i].key);
		cJSON_AddItemToArray(*fields, cJSON_CreateString(name));
	}
	if (*docs != NULL && cJSON_Compare(*docs,
	    cJSON_GetObjectItemCaseSensitive(dos, "documents"), 1)) {
		cJSON_Delete(*docs);
		*docs = NULL;
	}
	if (*docs != NULL)
		cJSON_AddItemToArray(*fields, cJSON_CreateString("documents"));
	if (cJSON_GetArraySize(*fields) == 0) {
		cJSON_Delete(*fields);
		*fields = NULL;
		return hh_error_set(HH_EINVALID, "nothing to amend: every "
		    "value given is the dossier's already");
	}
	return HH_OK;
}

/* The applicant as corrected, its members in the intake's order (any
 * other member of an older dossier kept after them); the documents
 * replaced; the event names the members changed and the reason, never
 * their values (the file holds the new ones, its history the old). */
static int
apply_amend(cJSON *dos, const struct hh_step *st, cJSON *det)
{
	cJSON *a = cJSON_GetObjectItemCaseSensitive(dos, "applicant");
	cJSON *fields, *docs, *n, *v;
	const char *nv;
	size_t i;
	int error;

	if ((error = amend_changes(dos, st, &fields, &docs)) < 0)
		return error;
	n = cJSON_CreateObject();
	for (i = 0; i < NAMEND; i++) {
		v = cJSON_GetObjectItemCaseSensitive(a, amend_keys[i].key);
		if ((nv = amend_value(st, i)) != NULL) {
			if (*nv != '\0')
				cJSON_AddStringToObject(n, amend_keys[i].key,
				    nv);
		} else if (v != NULL)
			cJSON_AddItemToObject(n, amend_keys[i].key,
			    cJSON_Duplicate(v, 1));
	}
	cJSON_ArrayForEach(v, a)
		if (cJSON_GetObjectItemCaseSensitive(n, v->string) == NULL &&
		    !amend_known(v->string))
			cJSON_AddItemToObject(n, v->string,
			    cJSON_Duplicate(v, 1));
	set_item(dos, "applicant", n);
	if (docs != NULL)
		set_item(dos, "documents", docs);
	cJSON_AddItemToObject(det, "fields", fields);
	cJSON_AddStringToObject(det, "reason", st->reason);
	return HH_OK;
}

int
hh_step_amended(struct hh_step *st, char ***docs_out, const cJSON *det,
    const cJSON *dos)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(dos, "applicant");
	const cJSON *f;
	char name[32];
	size_t i;

	*docs_out = NULL;
	for (i = 0; i < NAMEND; i++)
		*amend_field(st, i) = NULL;
	st->documents = NULL;
	st->ndocuments = 0;
	f = cJSON_GetObjectItemCaseSensitive(det, "fields");
	if (!cJSON_IsArray(f))
		return hh_error_set(HH_EINVALID, "fields: not a list");
	cJSON_ArrayForEach(f, f) {
		for (i = 0; i < NAMEND; i++) {
			snprintf(name, sizeof(name), "applicant.%s",
			    amend_keys[i].key);
			if (cJSON_IsString(f) && strcmp(f->valuestring,
			    name) == 0)
				break;
		}
		if (i < NAMEND)
			*amend_field(st, i) = hh_dossier_str(a,
			    amend_keys[i].key);
		else if (cJSON_IsString(f) && strcmp(f->valuestring,
		    "documents") == 0 && *docs_out == NULL) {
			*docs_out = hh_dossier_doc_texts(dos);
			st->documents = (const char *const *)*docs_out;
			while (st->documents[st->ndocuments] != NULL)
				st->ndocuments++;
		} else
			return hh_error_set(HH_EINVALID, "fields: \"%s\" is "
			    "not a member a correction changes",
			    hh_text_quote(cJSON_IsString(f) ? f->valuestring :
			    ""));
	}
	return HH_OK;
}

/* A stop's reason (required), fee and who asked (the state and the rules
 * are checked before). */
static int
check_stop(const struct hh_step *st)
{
	int error;

	if ((error = hh_text_check("reason", st->reason, HH_TEXT_MAX, 1)) < 0 ||
	    (error = hh_text_check("fee", st->fee, HH_TEXT_MAX, 0)) < 0)
		return error;
	if (st->by != NULL && strcmp(st->by, "applicant") &&
	    strcmp(st->by, "agency"))
		return hh_error_set(HH_EINVALID, "by: \"%s\" is not applicant "
		    "or agency", hh_text_quote(st->by));
	return HH_OK;
}

int
hh_step_check(const cJSON *dos, const struct hh_step *st,
    const struct hh_staff *me, const struct hh_center *c,
    const struct hh_calendar *cal)
{
	const char *holder = hh_dossier_str(dos, "holder"), *status;
	char state[128], ok[160], at[HH_TIME_MAX], last[HH_TIME_MAX];
	char times[32];
	const cJSON *ev, *sup;
	cJSON *fields, *docs;
	struct hh_life lf;
	int64_t t;
	size_t i;
	const struct hh_rule_set *rs;
	int error, may;

	if ((int)st->action < 0 || (int)st->action >= NACTIONS)
		return hh_error_set(HH_EINVALID, "not a step");
	/* the status its events give: the one life */
	if ((error = hh_life_at(&lf, dos, INT64_MAX)) < 0)
		return hh_error_prefix(HH_EINVALID, "not a valid dossier");
	status = hh_life_status_name(lf.status);
	if (*holder != '\0' && lf.status != HH_STATUS_RETURNED &&
	    lf.status != HH_STATUS_WITHDRAWN)
		snprintf(state, sizeof(state), "status %s (held by %s)",
		    status, holder);
	else
		snprintf(state, sizeof(state), "status %s", status);

	/* the state first: it is what the user most needs to hear */
	rs = rules_of(dos, c);
	may = (may_delay(dos, c) ? MAY_DELAY : 0) |
	    (rs != NULL && rs->stop ? MAY_STOP : 0);
	if (!state_allows(may, lf.status, st->action)) {
		if (st->action == HH_STEP_STOP && rs != NULL && !rs->stop &&
		    state_allows(may | MAY_STOP, lf.status, st->action))
			return hh_error_set(HH_EREFUSED, "%s: received under "
			    "the %s rules, which have no stopping (use "
			    "--withdraw)", state, rs->id);
		sup = pending(dos);
		if (st->action == HH_STEP_SUPPLIED && sup == NULL &&
		    lf.status == HH_STATUS_PROCESSING)
			return hh_error_set(HH_EREFUSED, "%s: --supplied needs "
			    "a pending supplement request %s", state,
			    allowed(ok, may, lf.status, st->action));
		if (st->action == HH_STEP_SUPPLEMENT && sup != NULL)
			return hh_error_set(HH_EREFUSED, "%s: a supplement "
			    "request is already pending since %s %s", state,
			    hh_dossier_str(sup, "requested_at"),
			    allowed(ok, may, lf.status, st->action));
		if (st->action == HH_STEP_DELAY && !(may & MAY_DELAY)) {
			snprintf(times, sizeof(times), "%d times",
			    c->apology_times);
			return hh_error_set(HH_EREFUSED, "%s: an apology was "
			    "already made (new appointment %s); it is allowed "
			    "%s %s", state, hh_dossier_str(dos,
			    "appointment_at"), c->apology_times == 1 ? "once" :
			    times, allowed(ok, may, lf.status, st->action));
		}
		if (st->action == HH_STEP_RETURN &&
		    (lf.status == HH_STATUS_RECEIVED ||
		    lf.status == HH_STATUS_PROCESSING))
			return hh_error_set(HH_EREFUSED, "%s: cannot return "
			    "before the result is ready %s", state,
			    allowed(ok, may, lf.status, st->action));
		return hh_error_set(HH_EREFUSED, "%s: cannot %s %s", state,
		    hh_step_name(st->action), allowed(ok, may, lf.status,
		    st->action));
	}
	if (st->at < hh_dossier_last_at(dos)) {
		ev = cJSON_GetObjectItemCaseSensitive(dos, "events");
		ev = cJSON_GetArrayItem(ev, cJSON_GetArraySize(ev) - 1);
		hh_time_format(at, st->at);
		hh_time_format(last, hh_dossier_last_at(dos));
		return hh_error_set(HH_EINVALID, "%s: --at %s is earlier than "
		    "the last event (%s at %s)", state, at,
		    hh_dossier_str(ev, "action"), last);
	}
	if (me == NULL)
		return hh_error_set(HH_EINVALID, "no actor");
	if ((error = check_role(dos, lf.status, st, me, c, state)) < 0)
		return error;

	switch (st->action) {
	case HH_STEP_ROUTE:
		return check_route(dos, st, c, state);
	case HH_STEP_SUPPLEMENT:
		if ((error = hh_text_check("reason", st->reason,
		    HH_TEXT_MAX, 1)) < 0)
			return error;
		if (st->ndocuments > HH_DOCS_MAX)
			return hh_error_set(HH_EINVALID, "document: more than "
			    "%d", HH_DOCS_MAX);
		for (i = 0; i < st->ndocuments; i++)
			if ((error = hh_text_check("document",
			    st->documents[i], HH_TEXT_MAX, 1)) < 0)
				return error;
		return HH_OK;
	case HH_STEP_SUPPLIED:
		sup = pending(dos);
		if (get_time(&t, sup, "requested_at") < 0)
			return hh_error_set(HH_EINVALID, "not a valid dossier: "
			    "supplement: requested_at");
		/* the due date moves from there (an unreadable one left it
		 * unset and the pause rule counting for ever) */
		if (get_time(&t, dos, "due_at") < 0)
			return hh_error_set(HH_EINVALID, "not a valid dossier: "
			    "due_at");
		return HH_OK;
	case HH_STEP_DELAY:
		return check_delay(dos, st, c, cal, state, &t, &t);
	case HH_STEP_DONE:
		if (st->outcome != NULL && strcmp(st->outcome, "granted") &&
		    strcmp(st->outcome, "refused"))
			return hh_error_set(HH_EINVALID, "outcome: \"%s\" is "
			    "not granted or refused",
			    hh_text_quote(st->outcome));
		if (get_time(&t, dos, "due_at") < 0)
			return hh_error_set(HH_EINVALID, "not a valid dossier: "
			    "due_at");
		return hh_text_check("reason", st->reason, HH_TEXT_MAX,
		    st->outcome != NULL && strcmp(st->outcome, "refused") == 0);
	case HH_STEP_WITHDRAW:
		return hh_text_check("reason", st->reason, HH_TEXT_MAX, 0);
	case HH_STEP_STOP:
		return check_stop(st);
	case HH_STEP_AMEND:
		error = amend_changes(dos, st, &fields, &docs);
		cJSON_Delete(fields);
		cJSON_Delete(docs);
		return error;
	case HH_STEP_RETURN:
		return HH_OK;
	}
	return HH_OK;
}

/* The share still open (no done_at), or NULL. */
static cJSON *
open_share(cJSON *dos)
{
	cJSON *shares = cJSON_GetObjectItemCaseSensitive(dos, "shares");
	cJSON *last = cJSON_GetArrayItem(shares,
	    cJSON_GetArraySize(shares) - 1);

	if (!cJSON_IsObject(last) ||
	    cJSON_GetObjectItemCaseSensitive(last, "done_at") != NULL)
		return NULL;
	return last;
}

/* The department leaves the dossier at t: early, on time or late against
 * its own share, or against the dossier's due instant when it had none. */
static void
close_share(cJSON *dos, int64_t t, int classify)
{
	cJSON *sh = open_share(dos);
	int64_t due;

	if (sh == NULL)
		return;
	set_time(sh, "done_at", t);
	if (!classify)
		return;
	if (get_time(&due, sh, "due_at") < 0 &&
	    get_time(&due, dos, "due_at") < 0)
		return;
	set_str(sh, "class", hh_deadline_class(hh_deadline_classify(t, due)));
}

static int
apply_route(cJSON *dos, const struct hh_step *st,
    const struct hh_calendar *cal, cJSON *det)
{
	cJSON *shares, *sh;
	struct hh_limit lim;
	int64_t due = 0;
	int error;

	if (st->days >= 0 && ((error = hh_deadline_limit(&lim, "working_days",
	    st->days)) < 0 ||
	    (error = hh_deadline_due(&due, NULL, NULL, cal, st->at, &lim)) < 0))
		return error;
	close_share(dos, st->at, 1);
	if ((shares = cJSON_GetObjectItemCaseSensitive(dos, "shares")) ==
	    NULL)
		shares = cJSON_AddArrayToObject(dos, "shares");
	sh = cJSON_CreateObject();
	cJSON_AddStringToObject(sh, "department", st->to);
	if (st->officer != NULL)
		cJSON_AddStringToObject(sh, "officer", st->officer);
	set_time(sh, "from", st->at);
	cJSON_AddStringToObject(det, "to", st->to);
	if (st->officer != NULL)
		cJSON_AddStringToObject(det, "officer", st->officer);
	if (st->days >= 0) {
		cJSON_AddNumberToObject(sh, "days", st->days);
		set_time(sh, "due_at", due);
		cJSON_AddNumberToObject(det, "days", st->days);
		set_time(det, "due_at", due);
	}
	if (st->note != NULL && *st->note)
		cJSON_AddStringToObject(det, "note", st->note);
	cJSON_AddItemToArray(shares, sh);
	set_str(dos, "holder", st->to);
	if (st->officer != NULL)
		set_str(dos, "officer", st->officer);
	else
		cJSON_DeleteItemFromObjectCaseSensitive(dos, "officer");
	return HH_OK;
}

static int
apply_supplied(cJSON *dos, const struct hh_step *st,
    const struct hh_center *c, const struct hh_calendar *cal, cJSON *det)
{
	cJSON *sup = (cJSON *)pending(dos), *lv, *sh, *days;
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(dos, "procedure");
	struct hh_limit lim;
	int64_t asked, due, appt, sdue;
	int error, prov = 0;

	get_time(&asked, sup, "requested_at");
	get_time(&due, dos, "due_at");
	sh = open_share(dos);
	if (c->pause) {
		due = hh_deadline_pause(cal, due, asked, st->at, &prov);
		prov |= cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(dos,
		    "provisional"));
		if (get_time(&appt, dos, "appointment_at") == 0)
			set_time(dos, "appointment_at", hh_deadline_pause(cal,
			    appt, asked, st->at, NULL));
		if (sh != NULL && get_time(&sdue, sh, "due_at") == 0)
			set_time(sh, "due_at", hh_deadline_pause(cal, sdue,
			    asked, st->at, NULL));
	} else {
		/* Decree 61 Art. 19.4: counted again from the beginning */
		lv = cJSON_GetObjectItemCaseSensitive(p, "limit");
		lv = lv ? lv->child : NULL;
		if (lv == NULL || !cJSON_IsNumber(lv))
			return hh_error_set(HH_EINVALID, "not a valid dossier: "
			    "procedure: limit");
		if ((error = hh_deadline_limit(&lim, lv->string,
		    lv->valuedouble)) < 0 ||
		    (error = hh_deadline_due(&due, NULL, &prov, cal, st->at,
		    &lim)) < 0)
			return error;
		if (get_time(&appt, dos, "appointment_at") == 0 &&
		    appt <= due)
			cJSON_DeleteItemFromObjectCaseSensitive(dos,
			    "appointment_at");
		days = cJSON_GetObjectItemCaseSensitive(sh, "days");
		if (cJSON_IsNumber(days) && hh_deadline_limit(&lim,
		    "working_days", days->valuedouble) == 0 &&
		    hh_deadline_due(&sdue, NULL, NULL, cal, st->at, &lim) == 0)
			set_time(sh, "due_at", sdue);
	}
	set_time(sup, "supplied_at", st->at);
	set_time(dos, "due_at", due);
	set_item(dos, "provisional", cJSON_CreateBool(prov));
	set_time(det, "due_at", due);
	return HH_OK;
}

int
hh_step_apply(cJSON *dos, const struct hh_step *st,
    const struct hh_staff *me, const struct hh_center *c,
    const struct hh_calendar *cal)
{
	cJSON *det, *v, *docs;
	const char *outcome, *stage;
	struct hh_life lf;
	int64_t due, appt = 0;
	size_t i;
	int error;

	if ((error = hh_step_check(dos, st, me, c, cal)) < 0)
		return error;
	det = cJSON_CreateObject();
	switch (st->action) {
	case HH_STEP_ROUTE:
		if ((error = apply_route(dos, st, cal, det)) < 0)
			goto fail;
		break;
	case HH_STEP_SUPPLEMENT:
		/* Mẫu 02 records its stage and who issued it */
		hh_life_at(&lf, dos, INT64_MAX);
		stage = lf.status == HH_STATUS_RECEIVED ? "intake" :
		    "appraisal";
		v = cJSON_CreateObject();
		set_time(v, "requested_at", st->at);
		cJSON_AddStringToObject(v, "reason", st->reason);
		cJSON_AddStringToObject(v, "stage", stage);
		cJSON_AddStringToObject(v, "by", me->id);
		cJSON_AddStringToObject(det, "reason", st->reason);
		cJSON_AddStringToObject(det, "stage", stage);
		docs = cJSON_AddArrayToObject(v, "documents");
		for (i = 0; i < st->ndocuments; i++)
			cJSON_AddItemToArray(docs,
			    cJSON_CreateString(st->documents[i]));
		if (st->ndocuments > 0)
			cJSON_AddItemToObject(det, "documents",
			    cJSON_Duplicate(docs, 1));
		set_item(dos, "supplement", v);
		break;
	case HH_STEP_SUPPLIED:
		if ((error = apply_supplied(dos, st, c, cal, det)) < 0)
			goto fail;
		break;
	case HH_STEP_DELAY:
		/* Mẫu 04: the instant it extends (the due, or the earlier
		 * appointment) and the new one */
		check_delay(dos, st, c, cal, "", &appt, &due);
		set_time(dos, "appointment_at", appt);
		cJSON_AddStringToObject(det, "until", st->until);
		cJSON_AddStringToObject(det, "reason", st->reason);
		set_time(det, "due_before", due);
		set_time(det, "appointment_at", appt);
		break;
	case HH_STEP_DONE:
		outcome = st->outcome ? st->outcome : "granted";
		get_time(&due, dos, "due_at");
		close_share(dos, st->at, 1);
		/* the result goes back to the one-stop unit, to be returned */
		set_str(dos, "holder", c->desk_unit);
		set_str(dos, "outcome", outcome);
		set_time(dos, "resolved_at", st->at);
		set_str(dos, "class",
		    hh_deadline_class(hh_deadline_classify(st->at, due)));
		cJSON_AddStringToObject(det, "outcome", outcome);
		if (st->reason != NULL && *st->reason)
			cJSON_AddStringToObject(det, "reason", st->reason);
		cJSON_AddStringToObject(det, "class",
		    hh_deadline_class(hh_deadline_classify(st->at, due)));
		if (st->on_return)
			cJSON_AddTrueToObject(det, "on_return");
		break;
	case HH_STEP_RETURN:
		set_time(dos, "returned_at", st->at);
		break;
	case HH_STEP_WITHDRAW:
		close_share(dos, st->at, 0);
		if (st->reason != NULL && *st->reason)
			cJSON_AddStringToObject(det, "reason", st->reason);
		break;
	case HH_STEP_STOP:
		/* the stage reached, who asked, the reason and any fee;
		 * the notice (Mẫu 05) is handed out at the desk */
		hh_life_at(&lf, dos, INT64_MAX);
		close_share(dos, st->at, 0);
		cJSON_AddStringToObject(det, "reason", st->reason);
		cJSON_AddStringToObject(det, "by", st->by ? st->by :
		    "applicant");
		cJSON_AddStringToObject(det, "stage",
		    hh_life_status_name(lf.status));
		if (st->fee != NULL && *st->fee)
			cJSON_AddStringToObject(det, "fee", st->fee);
		set_str(dos, "outcome", "stopped");
		set_str(dos, "holder", c->desk_unit);
		break;
	case HH_STEP_AMEND:
		if ((error = apply_amend(dos, st, det)) < 0)
			goto fail;
		break;
	}
	hh_dossier_event(dos, st->at, hh_step_name(st->action), me->id, det);
	/* the status is what the events now say (they were checked above) */
	hh_life_at(&lf, dos, INT64_MAX);
	set_str(dos, "status", hh_life_status_name(lf.status));
	return HH_OK;
fail:
	cJSON_Delete(det);
	return error;
}

int
hh_step_share_check(const cJSON *dos, const struct hh_step *st,
    const struct hh_calendar *cal)
{
	struct hh_limit lim;
	char buf[HH_TIME_MAX], ends[HH_TIME_MAX], most[64];
	int64_t due, appt, t;
	double n;
	int error;

	if (st->action != HH_STEP_ROUTE || st->days < 0 ||
	    get_time(&due, dos, "due_at") < 0)
		return HH_OK;
	if (get_time(&appt, dos, "appointment_at") == 0 && appt > due)
		due = appt;
	if ((error = hh_deadline_limit(&lim, "working_days", st->days)) < 0 ||
	    (error = hh_deadline_due(&t, NULL, NULL, cal, st->at, &lim)) < 0)
		return hh_error_prefix(error, "days");
	if (t <= due)
		return HH_OK;
	hh_time_format(ends, t);
	hh_time_format(buf, due);
	/* the most halves of a day that still end in time */
	for (n = 0; n < st->days; n += 0.5) {
		if (hh_deadline_limit(&lim, "working_days", n) < 0 ||
		    hh_deadline_due(&t, NULL, NULL, cal, st->at, &lim) < 0 ||
		    t > due)
			break;
	}
	if (n == 0)
		snprintf(most, sizeof(most), "no working day remains "
		    "(route without --days)");
	else
		snprintf(most, sizeof(most), "at most %g working day%s "
		    "remain%s", n - 0.5, n - 0.5 == 1 ? "" : "s",
		    n - 0.5 == 1 ? "s" : "");
	return hh_error_set(HH_EREFUSED, "--days %g would end %s, after the "
	    "dossier is due (%s): %s", st->days, ends, buf, most);
}

int
hh_step_when(int64_t at, int64_t now, int64_t first,
    const struct hh_staff *actor, const struct hh_center *c,
    const struct hh_calendar *cal)
{
	char t[HH_TIME_MAX];
	int day = hh_time_day(at), today = hh_time_day(now), d, n = 0;

	if (at < first) {
		hh_time_format(t, first);
		return hh_error_set(HH_EREFUSED, "before the records tree was "
		    "created (its first commit, %s)", t);
	}
	if (actor != NULL && strcmp(actor->role, "admin") == 0)
		return HH_OK;
	/* the working days after at's day up to today's: no more than N
	 * (fewer days than N: none to count) */
	if (day >= today || today - day <= c->backdate_days)
		return HH_OK;
	for (d = day + 1; d <= today; d++)
		if (hh_calendar_working(cal, d, NULL) &&
		    ++n > c->backdate_days)
			return hh_error_set(HH_EREFUSED, "more than %d working "
			    "day%s back (center.json backdate_working_days): "
			    "an admin's step", c->backdate_days,
			    c->backdate_days == 1 ? "" : "s");
	return HH_OK;
}
