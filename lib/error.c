/* error.c - the last error message of the library */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core.h"

static char msg[HH_ERRMAX];

const char *
hh_error_last(void)
{
	return msg[0] ? msg : "unknown error";
}

int
hh_error_set(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return code;
}

int
hh_error_prefix(int code, const char *fmt, ...)
{
	char old[HH_ERRMAX];
	va_list ap;
	size_t n;

	memcpy(old, msg, sizeof(old));
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	n = strlen(msg);
	if (n + 2 < sizeof(msg)) {
		memcpy(msg + n, ": ", 3);
		strncat(msg, old, sizeof(msg) - n - 3);
	}
	return code;
}
