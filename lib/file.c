/* file.c - the files a caller names: read whole, written atomically */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sys.h"

int
hh_file_read(char **out, size_t *len_out, const char *path)
{
	struct stat st;
	char *buf = NULL;
	size_t len = 0, cap = 0;
	ssize_t n;
	int fd;

	*out = NULL;
	/* O_NONBLOCK: a FIFO left where a file was expected cannot hang us
	 * in open(); reading one is fine (a shell's <(...)) */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0) {
		if (errno == ENOENT)
			return hh_error_set(HH_ENOTFOUND, "%s: no such file",
			    path);
		return hh_error_set(HH_ERROR, "%s: %s", path,
		    strerror(errno));
	}
	if (fstat(fd, &st) < 0 || S_ISDIR(st.st_mode) ||
	    (S_ISREG(st.st_mode) && st.st_size > HH_FILE_MAX)) {
		close(fd);
		return S_ISDIR(st.st_mode) ? hh_error_set(HH_EINVALID,
		    "%s: a directory, not a file", path) :
		    hh_error_set(HH_EINVALID, "%s: larger than %d MiB", path,
		    HH_FILE_MAX >> 20);
	}
	if (!S_ISREG(st.st_mode))
		fcntl(fd, F_SETFL, 0);	/* a pipe: wait for the writer */
	for (;;) {
		if (cap - len < 4096)
			buf = hh_xrealloc(buf, cap = cap ? cap * 2 : 8192);
		if ((n = read(fd, buf + len, cap - len - 1)) < 0 &&
		    errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if ((len += (size_t)n) > HH_FILE_MAX)
			break;
	}
	close(fd);
	if (n < 0 || len > HH_FILE_MAX) {
		free(buf);
		return n < 0 ? hh_error_set(HH_ERROR, "%s: %s", path,
		    strerror(errno)) : hh_error_set(HH_EINVALID,
		    "%s: larger than %d MiB", path, HH_FILE_MAX >> 20);
	}
	buf[len] = '\0';
	*out = buf;
	if (len_out)
		*len_out = len;
	return HH_OK;
}

int
hh_file_write(const char *path, const char *data, size_t len, int dosync)
{
	char *tmp = hh_xasprintf("%s.tmp-XXXXXX", path);
	int fd, error = HH_ERROR;
	size_t off = 0;
	ssize_t n;
	mode_t mask;

	/* made with O_EXCL: a file or link someone put in the way is never
	 * written through; the mode is what the umask gives a new file */
	if ((fd = mkstemp(tmp)) < 0) {
		hh_error_set(HH_ERROR, "%s: %s", path, strerror(errno));
		goto out;
	}
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) < 0) {
		hh_error_set(HH_ERROR, "%s: %s", path, strerror(errno));
		close(fd);
		unlink(tmp);
		goto out;
	}
	while (off < len) {
		if ((n = write(fd, data + off, len - off)) < 0) {
			if (errno == EINTR)
				continue;
			hh_error_set(HH_ERROR, "%s: %s", path, strerror(errno));
			close(fd);
			unlink(tmp);
			goto out;
		}
		off += (size_t)n;
	}
	if ((dosync && fsync(fd) < 0) || close(fd) < 0) {
		hh_error_set(HH_ERROR, "%s: %s", path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	if (rename(tmp, path) < 0) {
		hh_error_set(HH_ERROR, "%s: %s", path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	error = HH_OK;
out:
	free(tmp);
	return error;
}
