/* fuzz_dossier - a stored dossier as hostile input: every workflow step
 * checked and applied on it, its forms, reports, listings, hh-check's
 * schema check, hh-log's diff and mask */
#include "fuzz.h"

static const char *const docs[] = { "Tờ khai", "Bản sao CCCD" };

static void
steps(cJSON *dos, struct fuzz_desk *fd, int64_t at)
{
	struct hh_step st;
	cJSON *copy;
	int a;

	for (a = HH_STEP_ROUTE; a <= HH_STEP_WITHDRAW; a++) {
		hh_step_init(&st, (enum hh_action)a, at);
		switch (a) {
		case HH_STEP_ROUTE:
			st.to = "tp";
			st.officer = "minh";
			st.days = 2;
			st.note = "ghi chú";
			break;
		case HH_STEP_SUPPLEMENT:
			st.reason = "thiếu giấy tờ";
			st.documents = docs;
			st.ndocuments = 2;
			break;
		case HH_STEP_DELAY:
			st.reason = "chậm";
			st.until = "2016-10-20";
			break;
		case HH_STEP_DONE:
			st.outcome = at % 2 ? "refused" : "granted";
			st.reason = "lý do";
			break;
		case HH_STEP_WITHDRAW:
			st.reason = "rút";
			break;
		}
		(void)hh_step_check(dos, &st, fd->d.actor, fd->c, fd->cal);
		copy = cJSON_Duplicate(dos, 1);
		if (copy != NULL && hh_step_apply(copy, &st, fd->d.actor,
		    fd->c, fd->cal) == 0)
			free(hh_dossier_format(copy));
		cJSON_Delete(copy);
	}
}

/* Every form of the dossier in format f. */
static void
form(struct fuzz_desk *fd, const cJSON *dos, enum hh_format f)
{
	const struct hh_center *c = fd->d.center;

	free(hh_form_receipt(c, fd->d.actor, dos, f));
	free(hh_form_supplement(c, fd->d.actor, dos, f));
	free(hh_form_refusal(c, fd->d.actor, dos, f));
	free(hh_form_apology(c, fd->d.actor, dos, f));
	free(hh_form_stop(c, fd->d.actor, dos, f));
	free(hh_form_control(c, fd->d.actor, dos, f));
}

static void
reports(const cJSON *dos, struct fuzz_desk *fd)
{
	struct hh_report *r = NULL;
	struct hh_listing *l = NULL;
	struct hh_query q;
	int from = hh_time_from_civil(2016, 1, 1);
	int to = hh_time_from_civil(2016, 12, 31);
	int k;

	if (hh_report_new(&r, from, to, 1483228799, HH_BY_DEPARTMENT, fd->c,
	    "0000000") == 0) {
		(void)hh_report_add(r, dos);
		if (hh_report_finish(r) == 0)
			free(hh_render_report(r, HH_FORMAT_TEXT));
		hh_report_free(r);
	}
	for (k = HH_LIST; k <= HH_BOOK; k++) {
		memset(&q, 0, sizeof(q));
		q.kind = (enum hh_listing_kind)k;
		q.at = 1475280000;
		q.from = from;
		q.to = to;
		q.until = hh_time_from_civil(2016, 10, 5);
		q.with_applicant = 1;
		if (hh_listing_new(&l, &q, fd->c, "0000000") < 0)
			continue;
		(void)hh_listing_add(l, dos);
		hh_listing_finish(l);
		free(hh_listing_format(l, HH_FORMAT_CSV));
		hh_listing_free(l);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_desk *fd = fuzz_desk();
	cJSON *dos = cJSON_ParseWithLength((const char *)data, size);
	char **diff = NULL;
	size_t n;
	int64_t last;

	if (!cJSON_IsObject(dos)) {
		cJSON_Delete(dos);
		return 0;
	}
	last = hh_dossier_last_at(dos);
	steps(dos, fd, last + 3600);
	steps(dos, fd, 1475283600);	/* 2016-10-01T08:00+07:00 */
	form(fd, dos, HH_FORMAT_TEXT);
	form(fd, dos, HH_FORMAT_HTML);
	reports(dos, fd);
	(void)hh_audit_schema(dos, NULL);
	if (hh_audit_diff(&diff, &n, NULL, dos) == 0)
		hh_mem_strv_free(diff);
	hh_audit_mask(dos);
	free(hh_dossier_format(dos));
	cJSON_Delete(dos);
	return 0;
}
