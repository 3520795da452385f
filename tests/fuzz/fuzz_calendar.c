/* fuzz_calendar - hh_calendar_parse and the questions asked of it */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hh_calendar *cal = NULL;
	struct hh_limit lim = { HH_WORKING_DAYS, 15 };
	int64_t due, start, t = 1473037200;	/* 2016-09-05T08:00+07:00 */
	int day, prov;

	if (hh_calendar_parse(&cal, (const char *)data, size, "calendar") < 0) {
		if (cal != NULL)
			abort();
		return 0;
	}
	for (day = hh_time_from_civil(2016, 8, 25);
	    day < hh_time_from_civil(2016, 10, 5); day++) {
		(void)hh_calendar_working(cal, day, &prov);
		(void)hh_calendar_note(cal, day);
		(void)hh_calendar_swapped(cal, day);
	}
	(void)hh_calendar_covered(cal, 2016);
	if (hh_deadline_due(&due, &start, &prov, cal, t, &lim) == 0 && due < t)
		abort();
	hh_calendar_free(cal);
	return 0;
}
