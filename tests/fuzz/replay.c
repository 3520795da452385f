/* replay.c - a main() for the fuzz targets without libFuzzer: runs each
 * file named (or each file of each folder named) through the target once.
 * make check replays the seed corpus and tests/fuzz/regress/ this way. */
#include <sys/stat.h>

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hh.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
one(const char *path)
{
	char *data = NULL;
	size_t len;

	if (hh_file_read(&data, &len, path) < 0) {
		fprintf(stderr, "replay: %s\n", hh_error_last());
		return 1;
	}
	LLVMFuzzerTestOneInput((const uint8_t *)data, len);
	free(data);
	return 0;
}

int
main(int argc, char *argv[])
{
	struct dirent *e;
	struct stat st;
	char *path;
	DIR *dp;
	int i, n = 0, status = 0;

	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &st) < 0 || !S_ISDIR(st.st_mode)) {
			status |= one(argv[i]);
			n++;
			continue;
		}
		if ((dp = opendir(argv[i])) == NULL) {
			perror(argv[i]);
			return 1;
		}
		while ((e = readdir(dp)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			path = hh_xasprintf("%s/%s", argv[i], e->d_name);
			status |= one(path);
			free(path);
			n++;
		}
		closedir(dp);
	}
	printf("%d inputs\n", n);
	return status;
}
