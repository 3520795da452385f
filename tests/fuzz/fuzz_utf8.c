/* fuzz_utf8 - hh_text_valid, hh_text_width and hh_text_fold on any bytes */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_text(data, size), *f;
	size_t n = strlen(s);
	int v0 = hh_text_valid((const char *)data, size, 0);
	int v1 = hh_text_valid((const char *)data, size, 1);

	/* allowing newlines only ever accepts more */
	if (v0 && !v1)
		abort();
	(void)hh_text_width(s);
	f = hh_text_fold(s);
	/* folding never makes text longer */
	if (strlen(f) > n)
		abort();
	/* valid text folds to valid text */
	if (hh_text_valid(s, n, 1) && !hh_text_valid(f, strlen(f), 1))
		abort();
	free(f);
	free(s);
	return 0;
}
