/* fuzz_procedure - hh_procedure_parse, alone and against the test centre */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_desk *fd = fuzz_desk();
	struct hh_procedure *p = NULL;
	int64_t due, start;
	int prov;

	if (hh_procedure_parse(&p, (const char *)data, size, NULL, NULL) == 0)
		hh_procedure_free(p);
	else if (p != NULL)
		abort();
	if (hh_procedure_parse(&p, (const char *)data, size, "T-HT03",
	    fd->c) == 0) {
		/* its limit gives a due date from a Monday morning */
		if (hh_deadline_due(&due, &start, &prov, fd->cal,
		    1473037200 /* 2016-09-05T08:00+07 */, &p->limit) == 0 &&
		    due < start)
			abort();
		hh_procedure_free(p);
	}
	return 0;
}
