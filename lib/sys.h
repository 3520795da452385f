/* sys.h - the process: who runs hh, the clock, the files a caller names. */
#ifndef HH_SYS_H
#define HH_SYS_H

#include "core.h"

/*
 * priv.c - who runs hh.  A privileged install (hh(7)) makes the tools
 * set-user-ID to the records account: the kernel's real uid says who acts,
 * and nothing the caller controls (environment, umask, test hooks) is
 * trusted.  hh_priv_init() is the first call of every command.
 */
/* When privileged: keep only HH_RECORDS, HH_ACTOR, LANG, LC_*, TERM and a
 * fixed PATH in the environment, umask 027, and 0-2 open; otherwise umask
 * 007.  Returns 1 if privileged. */
int hh_priv_init(void);
int hh_priv_active(void);	/* real and effective ids differed */
/* The caller's uid: the real uid the process was started with. */
long hh_priv_caller(void);
/* getenv(), but a test hook (HH_NOW, HH_FSYNC, HH_SHARE, HH_LOCK_WAIT,
 * HH_KEY_SEED, HH_WITNESS_WAIT) is NULL when privileged. */
const char *hh_priv_env(const char *name);
/* The login name of the real uid, from the passwd database (never from
 * $LOGNAME or $USER); HH_EREFUSED if the uid has none. */
int hh_priv_login(const char **out);
/* Act with the caller's own rights and umask (1), or again with the
 * records account's (0): around every file the caller names (--batch,
 * -o, --from, --import-procedures), never the tree.  Nothing when not
 * privileged. */
void hh_priv_as_caller(int on);
/* For good, in a child about to run a program a setting names (the
 * sendmail of hh-notify): the caller's own ids and umask, real, effective
 * and saved, so that no setting of the tree runs as the records account.
 * Nothing when not privileged. */
void hh_priv_drop(void);
/* The clock: $HH_NOW (RFC 3339) when set and not privileged, else time(2). */
int64_t hh_priv_now(void);
/* The secret a new signing key comes from: the kernel's random source, or
 * the SHA-256 of $HH_KEY_SEED (reproducible examples; a test hook). */
int hh_priv_seed(unsigned char seed[HH_KEY_SEED]);

/* file.c - the files a caller names (a batch, a catalogue, -o FILE). */
/* The most hh reads of a file the caller names (a batch, a catalogue, a
 * configuration file): 16 MiB. */
#define HH_FILE_MAX (16 << 20)
/* Read a whole file of at most HH_FILE_MAX bytes (a FIFO is read, never
 * waited on at open); HH_ENOTFOUND if missing. *out is NUL-terminated. */
int hh_file_read(char **out, size_t *len_out, const char *path);
/* Write path atomically: a temporary file made with O_EXCL in the same
 * folder, mode 0666 less the umask, fsync, rename. */
int hh_file_write(const char *path, const char *data, size_t len, int dosync);

#endif /* HH_SYS_H */
