/* fuzz_center - hh_center_parse on any center.json */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hh_center *c = NULL;
	size_t i;

	if (hh_center_parse(&c, (const char *)data, size) == 0) {
		for (i = 0; i < c->nstaff; i++)
			if (hh_center_staff(c, c->staff[i].id) == NULL ||
			    hh_center_dept(c, c->staff[i].department) == NULL ||
			    !hh_text_id(c->staff[i].id))
				abort();
		if (hh_calendar_hours_check(&c->hours) < 0)
			abort();
		hh_center_free(c);
	} else if (c != NULL)
		abort();
	return 0;
}
