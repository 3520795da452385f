/* priv.c - who runs hh, and whether it runs privileged */
#define _GNU_SOURCE		/* setresuid(2) */
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "sys.h"

/*
 * A privileged install makes every tool set-user-ID (and set-group-ID) to
 * the records account, which alone can write the records tree (hh(7)).
 * The caller is then whoever the kernel says the real uid is; what the
 * caller hands the process (environment, umask, open descriptors) is not
 * trusted, and the files the caller names are opened with the caller's
 * own rights (hh_priv_as_caller), never the account's.
 */
static int privileged = -1;
static mode_t caller_umask = 022;
static uid_t account_uid, caller_uid;
static gid_t account_gid, caller_gid;

int
hh_priv_active(void)
{
	if (privileged < 0) {
		privileged = getuid() != geteuid() || getgid() != getegid();
		caller_uid = getuid();
		caller_gid = getgid();
	}
	return privileged;
}

long
hh_priv_caller(void)
{
	hh_priv_active();
	return (long)caller_uid;
}

/* What a privileged process keeps of its environment. */
static int
kept(const char *entry)
{
	static const char *const names[] = { "HH_RECORDS=", "HH_ACTOR=",
	    "LANG=", "TERM=", NULL };
	const char *const *n;

	if (strncmp(entry, "LC_", 3) == 0)
		return 1;
	for (n = names; *n; n++)
		if (strncmp(entry, *n, strlen(*n)) == 0)
			return 1;
	return 0;
}

int
hh_priv_init(void)
{
	extern char **environ;
	char **keep, **e;
	size_t n = 0, i;
	int fd;

	if (!hh_priv_active()) {
		umask(007);	/* records are protected data */
		return 0;
	}
	account_uid = geteuid();
	account_gid = getegid();
	/*
	 * The real ids become the account's too, the caller's kept as the
	 * saved ones (for hh_priv_as_caller): libgit2 tests paths with
	 * access(2), which asks about the real ids, and the caller may not
	 * read the tree at all.
	 */
	if (setresgid(account_gid, account_gid, caller_gid) < 0 ||
	    setresuid(account_uid, account_uid, caller_uid) < 0)
		abort();
	/* 0, 1 and 2 are open, so that no file of the tree becomes one */
	for (fd = 0; fd < 3; fd++)
		if (fcntl(fd, F_GETFD) < 0 && open("/dev/null", O_RDWR) != fd)
			abort();
	caller_umask = umask(027);
	for (e = environ; *e; e++)
		n++;
	keep = hh_xmalloc((n + 1) * sizeof(*keep));
	for (i = 0, e = environ; *e; e++)
		if (kept(*e))
			keep[i++] = hh_xstrdup(*e);
	keep[i] = NULL;
	clearenv();
	for (i = 0; keep[i]; i++)
		putenv(keep[i]);	/* owned by the environment now */
	free(keep);
	setenv("PATH", "/usr/bin:/bin", 1);
	return 1;
}

const char *
hh_priv_env(const char *name)
{
	static const char *const hooks[] = { "HH_NOW", "HH_FSYNC",
	    "HH_SHARE", "HH_LOCK_WAIT", "HH_KEY_SEED", "HH_WITNESS_WAIT",
	    NULL };
	const char *const *h;

	if (hh_priv_active())
		for (h = hooks; *h; h++)
			if (strcmp(*h, name) == 0)
				return NULL;
	return getenv(name);
}

int
hh_priv_login(const char **out)
{
	static char name[256];
	const struct passwd *pw;
	uid_t uid = (uid_t)hh_priv_caller();

	*out = NULL;
	if ((pw = getpwuid(uid)) == NULL || pw->pw_name == NULL ||
	    strlen(pw->pw_name) >= sizeof(name))
		return hh_error_set(HH_EREFUSED, "uid %ld has no login name "
		    "(no passwd entry): refused", (long)uid);
	strcpy(name, pw->pw_name);
	*out = name;
	return HH_OK;
}

void
hh_priv_as_caller(int on)
{
	if (!hh_priv_active())
		return;
	if (on) {
		umask(caller_umask);
		if (setegid(caller_gid) < 0 || seteuid(caller_uid) < 0)
			abort();
	} else {
		if (seteuid(account_uid) < 0 || setegid(account_gid) < 0)
			abort();
		umask(027);
	}
}

void
hh_priv_drop(void)
{
	if (!hh_priv_active())
		return;
	umask(caller_umask);
	if (setresgid(caller_gid, caller_gid, caller_gid) < 0 ||
	    setresuid(caller_uid, caller_uid, caller_uid) < 0)
		abort();
}

int64_t
hh_priv_now(void)
{
	const char *s = hh_priv_env("HH_NOW");
	int64_t t;

	/* A malformed $HH_NOW is ignored: the commands check it first. */
	if (s != NULL && *s != '\0' && hh_time_parse(&t, s) == 0)
		return t;
	return (int64_t)time(NULL);
}

int
hh_priv_seed(unsigned char seed[HH_KEY_SEED])
{
	const char *s = hh_priv_env("HH_KEY_SEED");
	size_t got = 0;
	ssize_t n;

	if (s != NULL && *s != '\0') {
		crypto_hash_sha256(seed, (const unsigned char *)s, strlen(s));
		return HH_OK;
	}
	while (got < HH_KEY_SEED) {
		if ((n = getrandom(seed + got, HH_KEY_SEED - got, 0)) < 0) {
			if (errno == EINTR)
				continue;
			return hh_error_set(HH_ERROR, "getrandom: %s",
			    strerror(errno));
		}
		got += (size_t)n;
	}
	return HH_OK;
}
