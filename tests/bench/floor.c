/* floor.c - the per-file floor of a report: open and read every dossier
 *
 * What any reader of the files on disk must pay at least: for each
 * .json file in DIR/dossiers/YYYY/MM/ one openat(2), one read(2) into a reused
 * buffer and one close(2), in readdir order; no parsing.  make bench compares hh-report
 * with it.  Prints the number of files and bytes read.
 *
 * usage: floor DIR
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char buf[1 << 20];
static long files;
static long long bytes;

/* Read the files two folders down from fd (closed by this); -1 if fd is
 * not a folder. */
static int
walk(int fd, int depth)
{
	DIR *d = fdopendir(fd);
	struct dirent *e;
	ssize_t r;
	size_t n;
	int sub;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (depth < 2) {
			if ((sub = openat(dirfd(d), e->d_name,
			    O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0)
				walk(sub, depth + 1);
			continue;
		}
		n = strlen(e->d_name);
		if (n < 6 || strcmp(e->d_name + n - 5, ".json") != 0)
			continue;
		if ((sub = openat(dirfd(d), e->d_name,
		    O_RDONLY | O_CLOEXEC)) < 0)
			continue;
		/* one read: the buffer is larger than any dossier */
		while ((r = read(sub, buf, sizeof(buf))) > 0) {
			bytes += r;
			if ((size_t)r < sizeof(buf))
				break;
		}
		close(sub);
		files++;
	}
	closedir(d);
	return 0;
}

int
main(int argc, char *argv[])
{
	char path[4096];
	int fd;

	if (argc != 2) {
		fprintf(stderr, "usage: floor DIR\n");
		return 2;
	}
	snprintf(path, sizeof(path), "%s/dossiers", argv[1]);
	if ((fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0 ||
	    walk(fd, 0) < 0) {
		perror(path);
		return 1;
	}
	printf("%ld files, %lld bytes\n", files, bytes);
	return 0;
}
