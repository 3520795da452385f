/* fuzz_csv - hh_csv_procedures on any catalogue */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_desk *fd = fuzz_desk();
	struct hh_procedure *p = NULL;
	cJSON *arr = NULL, *e;
	char *text;

	if (hh_csv_procedures(&arr, (const char *)data, size, "fuzz.csv") < 0) {
		if (arr != NULL)
			abort();
		return 0;
	}
	/* every procedure it makes is one hh_procedure_parse accepts */
	cJSON_ArrayForEach(e, arr) {
		text = cJSON_Print(e);
		if (hh_procedure_parse(&p, text, strlen(text), NULL, NULL) < 0)
			abort();
		hh_procedure_free(p);
		cJSON_free(text);
	}
	(void)fd;
	cJSON_Delete(arr);
	return 0;
}
