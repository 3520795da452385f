/* fuzz_code - dossier codes, ids and agency codes: nothing that passes
 * can name a path outside dossiers/YYYY/MM/ */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_text(data, size), *path = NULL;
	size_t i;

	if (hh_dossier_path(&path, s) == 0) {
		/* dossiers/YYYY/MM/<code>.json, the code one component */
		if (strncmp(path, "dossiers/20", 11) != 0 ||
		    strlen(path) != 17 + strlen(s) + 5 || path[13] != '/' ||
		    path[16] != '/' || strncmp(path + 17, s, strlen(s)) != 0 ||
		    strcmp(path + 17 + strlen(s), ".json") != 0 ||
		    strchr(s, '/') != NULL)
			abort();
		for (i = 0; path[i]; i++)
			if ((unsigned char)path[i] < 0x21 ||
			    (unsigned char)path[i] > 0x7e)
				abort();
		free(path);
	} else if (path != NULL)
		abort();
	if (hh_text_id(s) && (s[0] == '.' || strchr(s, '/') ||
	    strlen(s) > 64))
		abort();
	if (hh_text_agency(s) && (s[0] == '.' || strchr(s, '/')))
		abort();
	free(s);
	return 0;
}
