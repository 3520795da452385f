/* gitfloor.c - the floor of every hh command: a process that links
 * libgit2, calls git_libgit2_init and exits
 *
 * Debian's libgit2 (built with mbedTLS) parses the system's CA bundle,
 * /etc/ssl/certs/ca-certificates.crt, in git_libgit2_init, whether or not
 * the process will ever open an HTTPS connection: about 10 ms on the
 * benchmark's VM.  Every hh command pays it (and exec, the dynamic
 * loader, libsodium's and cJSON's start), so make bench shows this beside
 * the per-process figures.  What it links is what hh links.
 *
 * usage: gitfloor
 */
#include <git2.h>
#include <sodium.h>

int
main(void)
{
	if (git_libgit2_init() < 0 || sodium_init() < 0)
		return 1;
	git_libgit2_shutdown();
	return 0;
}
