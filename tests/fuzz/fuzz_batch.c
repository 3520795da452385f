/* fuzz_batch - hh_cli_batch_read on any file, then what the commands ask of
 * each line (hh_json_keys, hh_json_str, hh_json_strv) */
#include <stdio.h>
#include <unistd.h>

#include "fuzz.h"

static const char *const keys[] = { "procedure", "applicant", "id_number",
    "phone", "email", "address", "channel", "documents", "at", "code", "to",
    "officer", "days", "note", "supplement", "supplied", "delay", "until",
    "reason", "done", "outcome", "withdraw", NULL };

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	struct hh_batch *b = NULL;
	const char **v, *s;
	size_t i, n, k;
	int64_t t;
	FILE *f;

	if (path[0] == '\0')
		snprintf(path, sizeof(path), "/tmp/fuzz_batch.%ld",
		    (long)getpid());
	if ((f = fopen(path, "wb")) == NULL ||
	    fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	if (hh_cli_batch_read(&b, path) < 0) {
		if (b != NULL)
			abort();
		return 0;
	}
	for (i = 0; i < b->n; i++) {
		if (!cJSON_IsObject(b->v[i]))
			abort();
		(void)hh_json_keys(b->v[i], keys);
		for (k = 0; keys[k]; k++) {
			if (hh_json_str(&s, b->v[i], keys[k]) == 0 && s &&
			    strcmp(keys[k], "at") == 0)
				(void)hh_cli_time(&t, s);
			if (hh_json_strv(&v, &n, b->v[i], keys[k]) == 0)
				free(v);
		}
	}
	hh_cli_batch_free(b);
	return 0;
}
