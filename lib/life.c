/* life.c - the one life of a dossier, derived from its events */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core.h"

/*
 * Everything hh reports is a function of a dossier's events up to an
 * instant (DOMAIN Part A §7-9): a report for a period is computed as of
 * the last second of its last day, so that it reads the same whenever it
 * is printed.  This file is that function, and the one table of the
 * statuses and of the events' actions.
 */

/* The statuses of a dossier (hh-dossier(5)) and their Vietnamese names. */
static const char *const statuses[][2] = {
	[HH_STATUS_RECEIVED] = { "received", "Đã tiếp nhận" },
	[HH_STATUS_PROCESSING] = { "processing", "Đang giải quyết" },
	[HH_STATUS_WAITING_SUPPLEMENT] = { "waiting_supplement",
	    "Chờ bổ sung" },
	[HH_STATUS_RESOLVED] = { "resolved", "Đã giải quyết" },
	[HH_STATUS_RETURNED] = { "returned", "Đã trả kết quả" },
	[HH_STATUS_WITHDRAWN] = { "withdrawn", "Đã rút" },
	[HH_STATUS_STOPPED] = { "stopped", "Dừng giải quyết" },
};
#define NSTATUSES (sizeof(statuses) / sizeof(statuses[0]))

/* The actions of the events (hh-dossier(5)). */
static const char *const events[] = {
	[HH_EVENT_INTAKE] = "intake",
	[HH_EVENT_ROUTE] = "route",
	[HH_EVENT_SUPPLEMENT] = "supplement",
	[HH_EVENT_SUPPLIED] = "supplied",
	[HH_EVENT_DELAY] = "delay",
	[HH_EVENT_DONE] = "done",
	[HH_EVENT_RETURN] = "return",
	[HH_EVENT_WITHDRAW] = "withdraw",
	[HH_EVENT_STOP] = "stop",
	[HH_EVENT_AMEND] = "amend",
};
#define NEVENTS (sizeof(events) / sizeof(events[0]))

const char *
hh_life_status_name(enum hh_life_status s)
{
	return (size_t)s < NSTATUSES ? statuses[s][0] : NULL;
}

const char *
hh_life_status_label(enum hh_life_status s)
{
	return (size_t)s < NSTATUSES ? statuses[s][1] : NULL;
}

int
hh_life_status_parse(enum hh_life_status *out, const char *name)
{
	size_t i;

	for (i = 0; i < NSTATUSES; i++)
		if (strcmp(name, statuses[i][0]) == 0) {
			*out = (enum hh_life_status)i;
			return HH_OK;
		}
	return hh_error_set(HH_EINVALID, "\"%s\" is not received, processing, "
	    "waiting_supplement, resolved, returned, withdrawn or stopped",
	    hh_text_quote(name));
}

/* The event of an action; HH_EVENT_OTHER if none. */
static enum hh_life_event
event_of(const char *name)
{
	size_t i;

	for (i = 0; i < NEVENTS; i++)
		if (strcmp(name, events[i]) == 0)
			return (enum hh_life_event)i;
	return HH_EVENT_OTHER;
}

const char *
hh_life_event_name(enum hh_life_event e)
{
	return (size_t)e < NEVENTS ? events[e] : NULL;
}

int
hh_life_event_parse(enum hh_life_event *out, const char *name)
{
	enum hh_life_event e = event_of(name);

	if (e == HH_EVENT_OTHER)
		return hh_error_set(HH_EINVALID, "\"%s\" is not intake, route, "
		    "supplement, supplied, delay, done, return, withdraw, "
		    "stop or amend",
		    hh_text_quote(name));
	*out = e;
	return HH_OK;
}

void
hh_life_summarize(struct hh_life_sum *out, const cJSON *dos)
{
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(dos, "procedure");
	const cJSON *evs = cJSON_GetObjectItemCaseSensitive(dos, "events");
	const cJSON *e, *v, *det;
	struct hh_life_ev *s;
	size_t n = cJSON_IsArray(evs) ? (size_t)cJSON_GetArraySize(evs) : 0;

	out->field = hh_dossier_str(p, "field");
	out->dept = hh_dossier_str(p, "department");
	out->pcode = hh_dossier_str(p, "code");
	out->pname = hh_dossier_str(p, "name");
	out->channel = hh_dossier_str(dos, "channel");
	out->due0 = 0;
	v = cJSON_GetObjectItemCaseSensitive(dos, "due_at");
	if (cJSON_IsString(v))
		hh_time_parse(&out->due0, v->valuestring);
	out->events_ok = cJSON_IsArray(evs) && evs->child != NULL;
	/* most dossiers fit the struct's own room: no allocation */
	out->ev = n > HH_LIFE_SMALL ? hh_xmalloc(n * sizeof(*out->ev)) :
	    out->small;
	out->nev = 0;
	if (!cJSON_IsArray(evs))
		return;
	cJSON_ArrayForEach(e, evs) {
		s = &out->ev[out->nev++];
		memset(s, 0, sizeof(*s));
		v = cJSON_GetObjectItemCaseSensitive(e, "at");
		s->at_ok = cJSON_IsString(v) &&
		    hh_time_parse(&s->at, v->valuestring) == 0;
		s->event = (unsigned char)event_of(hh_dossier_str(e, "action"));
		det = cJSON_GetObjectItemCaseSensitive(e, "details");
		v = cJSON_GetObjectItemCaseSensitive(det, "due_at");
		if (cJSON_IsString(v) && s->event != HH_EVENT_ROUTE)
			s->due = hh_time_parse(&s->due_at, v->valuestring)
			    == 0 ? 1 : 2;
		if (s->event == HH_EVENT_ROUTE) {
			v = cJSON_GetObjectItemCaseSensitive(det, "officer");
			if (cJSON_IsString(v) && *v->valuestring)
				s->officer = v->valuestring;
		}
	}
}

void
hh_life_release(struct hh_life_sum *sum)
{
	if (sum == NULL)
		return;
	if (sum->ev != sum->small)
		free(sum->ev);
	sum->ev = NULL;
	sum->nev = 0;
}

/*
 * The legal due in force is the due_at of the latest event carrying one,
 * except a route's: that is the share of the time given to a department,
 * not the legal due.  An apology (delay) gives a new appointment, not a
 * new due: it changes nothing here.
 */
int
hh_life_of_sum(struct hh_life *lf, const struct hh_life_sum *d, int64_t t)
{
	const struct hh_life_ev *s;
	size_t i;
	int routed = 0;

	memset(lf, 0, sizeof(*lf));
	lf->status = HH_STATUS_RECEIVED;
	if (!d->events_ok)
		return hh_error_set(HH_EINVALID, "events: missing");
	for (i = 0; i < d->nev; i++) {
		s = &d->ev[i];
		if (!s->at_ok)
			return hh_error_set(HH_EINVALID, "events[%zu].at: not "
			    "a time", i);
		if (i == 0) {
			if (s->event != HH_EVENT_INTAKE)
				return hh_error_set(HH_EINVALID,
				    "events[0]: not an intake");
			lf->received = s->at;
			if (s->at > t)
				return 0;
			/* the due on the receipt, if the event lacks it */
			lf->due = d->due0;
		}
		if (s->at > t)
			continue;
		if (s->due == 2)
			return hh_error_set(HH_EINVALID, "events[%zu].details."
			    "due_at: not a time", i);
		if (s->due == 1 && lf->closed == 0)
			lf->due = s->due_at;
		if (s->event == HH_EVENT_RETURN) {
			lf->returned = s->at;
			lf->status = HH_STATUS_RETURNED;
		}
		if (lf->closed != 0)
			continue;
		switch (s->event) {
		case HH_EVENT_ROUTE:
			routed = 1;
			lf->status = HH_STATUS_PROCESSING;
			if (s->officer != NULL)
				lf->officer = s->officer;
			break;
		case HH_EVENT_SUPPLEMENT:
			lf->waiting = 1;
			lf->status = HH_STATUS_WAITING_SUPPLEMENT;
			break;
		case HH_EVENT_SUPPLIED:
			/* back where it was asked: at the desk (a supplement
			 * asked at intake) or with the department */
			lf->waiting = 0;
			lf->status = routed ? HH_STATUS_PROCESSING :
			    HH_STATUS_RECEIVED;
			break;
		case HH_EVENT_DONE:
		case HH_EVENT_RETURN:
			lf->closed = s->at;
			lf->waiting = 0;
			lf->class = hh_deadline_classify(s->at, lf->due);
			if (s->event == HH_EVENT_DONE)
				lf->status = HH_STATUS_RESOLVED;
			break;
		case HH_EVENT_WITHDRAW:
			lf->closed = s->at;
			lf->waiting = 0;
			lf->withdrawn = 1;
			lf->status = HH_STATUS_WITHDRAWN;
			break;
		case HH_EVENT_STOP:	/* dừng giải quyết: closed, no result */
			lf->closed = s->at;
			lf->waiting = 0;
			lf->stopped = 1;
			lf->status = HH_STATUS_STOPPED;
			break;
		default:	/* intake again, delay, amend (a correction:
				 * no status, no due), another action */
			break;
		}
	}
	return 1;
}

int
hh_life_at(struct hh_life *lf, const cJSON *dos, int64_t t)
{
	struct hh_life_sum sum;
	int rc;

	hh_life_summarize(&sum, dos);
	rc = hh_life_of_sum(lf, &sum, t);
	hh_life_release(&sum);
	return rc;
}
