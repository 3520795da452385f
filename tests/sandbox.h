/* sandbox.h - throw-away folders for the unit tests */
#ifndef SANDBOX_H
#define SANDBOX_H

/* A new empty folder under $TMPDIR (static buffer), or NULL. */
const char *sandbox_init(void);
/* Remove the folder and everything in it. */
void sandbox_cleanup(void);

#endif /* SANDBOX_H */
