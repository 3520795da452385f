/*
 * lsan.c - linked into the binaries of make check-asan only.  LeakSanitizer
 * stops the process's threads with ptrace to look for leaks, which the
 * kernel refuses for a set-user-ID process (it is not dumpable), and it
 * cannot read ASAN_OPTIONS there either: its leak check is turned off in a
 * privileged process, and the unprivileged runs of the same code look for
 * leaks.
 */
#include "hh.h"

/* weak: some of the binaries (tests/bench/floor) have no libhh */
extern int hh_priv_active(void) __attribute__((weak));
int __lsan_is_turned_off(void);

int
__lsan_is_turned_off(void)
{
	return hh_priv_active != NULL && hh_priv_active();
}
