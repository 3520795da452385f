/* fuzz_time - hh_time_parse, hh_time_parse_day and hh_period_parse */
#include <stdio.h>

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_text(data, size), buf[HH_TIME_MAX];
	int64_t t, t2;
	int day, day2, from, to, k;

	if (hh_time_parse(&t, s) == 0) {
		/* what is printed parses back to the same instant */
		hh_time_format(buf, t);
		if (hh_time_parse(&t2, buf) < 0 || t2 != t)
			abort();
		(void)hh_time_day(t);
		(void)hh_time_minute(t);
	}
	if (hh_time_parse_day(&day, s) == 0) {
		hh_time_format_day(buf, day);
		if (hh_time_parse_day(&day2, buf) < 0 || day2 != day)
			abort();
		(void)hh_time_weekday(day);
	}
	for (k = 0; k < 3; k++)
		if (hh_period_parse(&from, &to, (enum hh_period)k, s, k == 0) ==
		    0 && to < from)
			abort();
	free(s);
	return 0;
}
