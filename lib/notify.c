/* notify.c - telling the applicant: every change since the last run, once */
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "desk.h"

/*
 * The notices of hh-notify(1): one for each dossier a commit changed, in
 * the order of the first-parent history, oldest first.  What has been
 * delivered is the mark, DIR/.git/hh/notify, rewritten (atomically) after
 * each notice is out; one run at a time, under DIR/.git/hh/notify.lock.
 */
#define MARK "notify"
#define MARK_LOCK "notify.lock"
#define MARK_MAX 128

/* write all of buf to fd; 0, or errno */
static int
write_all(int fd, const char *buf, size_t len)
{
	ssize_t w;

	while (len > 0) {
		if ((w = write(fd, buf, len)) < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		buf += w;
		len -= (size_t)w;
	}
	return 0;
}

int
hh_notify_sendmail(const char *prog, const char *msg)
{
	struct sigaction ign, old;
	int in[2], ex[2], st, e = 0, werr;
	ssize_t r;
	pid_t pid;

	if (pipe(in) < 0)
		return hh_error_set(HH_ERROR, "pipe: %s", strerror(errno));
	if (pipe(ex) < 0) {
		e = errno;
		close(in[0]);
		close(in[1]);
		return hh_error_set(HH_ERROR, "pipe: %s", strerror(e));
	}
	/* the exec's error comes back through ex, closed by a good exec */
	fcntl(ex[1], F_SETFD, FD_CLOEXEC);
	fcntl(in[1], F_SETFD, FD_CLOEXEC);
	if ((pid = fork()) < 0) {
		e = errno;
		close(in[0]);
		close(in[1]);
		close(ex[0]);
		close(ex[1]);
		return hh_error_set(HH_ERROR, "fork: %s", strerror(e));
	}
	if (pid == 0) {
		/* the message on its input; what it says goes to stderr,
		 * never among the notices on stdout */
		close(ex[0]);
		if (dup2(in[0], 0) < 0 || dup2(2, 1) < 0)
			e = errno;
		else {
			if (in[0] != 0)
				close(in[0]);
			signal(SIGPIPE, SIG_DFL);
			hh_priv_drop();
			execl(prog, prog, "-t", "-oi", (char *)NULL);
			e = errno;
		}
		while (write(ex[1], &e, sizeof(e)) < 0 && errno == EINTR)
			;
		_exit(127);
	}
	close(in[0]);
	close(ex[1]);
	/* a program that stops reading is an error, not a SIGPIPE */
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGPIPE, &ign, &old);
	werr = write_all(in[1], msg, strlen(msg));
	close(in[1]);
	sigaction(SIGPIPE, &old, NULL);
	while ((r = read(ex[0], &e, sizeof(e))) < 0 && errno == EINTR)
		;
	close(ex[0]);
	if (r != (ssize_t)sizeof(e))
		e = 0;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return hh_error_set(HH_ERROR, "%s: %s", prog,
			    strerror(errno));
	if (e != 0)
		return hh_error_set(HH_ERROR, "%s: %s", prog, strerror(e));
	if (WIFSIGNALED(st))
		return hh_error_set(HH_ERROR, "%s: killed by signal %d", prog,
		    WTERMSIG(st));
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		return hh_error_set(HH_ERROR, "%s: exited with status %d", prog,
		    WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	if (werr != 0)
		return hh_error_set(HH_ERROR, "%s: did not read the message "
		    "(%s)", prog, strerror(werr));
	return HH_OK;
}

/* The program notify.sendmail names runs only if root or the caller owns
 * it and nobody else may write it: a setting of the tree must not make
 * anyone run a program another login could change. */
static int
sendmail_check(const char *prog)
{
	struct stat st;

	if (stat(prog, &st) < 0)
		return hh_error_set(HH_ERROR, "notify.sendmail %s: %s",
		    hh_text_quote(prog), strerror(errno));
	if (!S_ISREG(st.st_mode))
		return hh_error_set(HH_EREFUSED, "notify.sendmail %s: not a "
		    "regular file", hh_text_quote(prog));
	if ((st.st_uid != 0 && (long)st.st_uid != hh_priv_caller()) ||
	    (st.st_mode & 022))
		return hh_error_set(HH_EREFUSED, "notify.sendmail %s: %s: not "
		    "run", hh_text_quote(prog), st.st_mode & 022 ? "writable "
		    "by others than its owner" : "neither root's nor the "
		    "caller's");
	return HH_OK;
}

/* The From: address: notify.from, else hh@HOSTNAME. */
static int
mail_from(char **out, const struct hh_center *c)
{
	char host[256];

	*out = NULL;
	if (c->mail_from != NULL) {
		*out = hh_xstrdup(c->mail_from);
		return HH_OK;
	}
	if (gethostname(host, sizeof(host)) < 0)
		host[0] = '\0';
	host[sizeof(host) - 1] = '\0';
	*out = hh_xasprintf("hh@%s", host);
	if (!hh_notice_address(*out)) {
		free(*out);
		*out = NULL;
		return hh_error_set(HH_EINVALID, "no From: address (the host "
		    "name will not do): set notify.from in center.json");
	}
	return HH_OK;
}

/* The centre as of a blob of center.json (NULL if it does not parse:
 * the notices then name ids). */
static struct hh_center *
center_blob(struct hh_store *s, const char *id)
{
	struct hh_center *c = NULL;
	char *text;
	size_t len;

	if (hh_store_blob(&text, &len, s, id) < 0)
		return NULL;
	if (hh_center_parse(&c, text, len) < 0)
		c = NULL;
	free(text);
	return c;
}

/* Take the lock, then HEAD and its configuration. */
static int
begin(struct hh_desk *d)
{
	int error;

	if ((error = hh_store_private_lock(d->store, MARK_LOCK)) < 0 ||
	    (error = hh_store_refresh(d->store)) < 0 ||
	    (error = hh_desk_reload(d)) < 0)
		return error;
	return HH_OK;
}

static int
mark_write(struct hh_store *s, const char *id, long done)
{
	char *m = hh_notice_mark_format(id, done);
	int error = hh_store_private_write(s, MARK, m, strlen(m));

	free(m);
	return error;
}

int
hh_notify_init(struct hh_desk *d)
{
	int error;

	if ((error = begin(d)) < 0)
		return error;
	if (*hh_store_head(d->store) == '\0')
		return HH_OK;
	return mark_write(d->store, hh_store_head(d->store), -1);
}

/* The notices of commit c: its changes of a dossier's file (not a
 * removal), in path order. */
static int
is_notice(const struct hh_change *ch)
{
	return hh_scan_month(ch->path) >= 0 && ch->new_id[0] != '\0';
}

int
hh_notify_run(struct hh_desk *d, int mail, size_t *n_out,
    int (*emit)(void *arg, const struct hh_notice *n),
    void (*warn)(void *arg, const char *msg), void *arg)
{
	struct hh_store *s = d->store;
	struct hh_walk *w = NULL;
	struct hh_center *c = NULL, *nc;
	const struct hh_commit *cm;
	struct hh_notice n = { 0 };
	cJSON *dos;
	char mark[HH_OID_MAX] = "", since[HH_OID_MAX], last[HH_OID_MAX] = "";
	char *text = NULL, *from = NULL, *msg, *rev;
	const char *sp = NULL;
	size_t len, i, total, k;
	long done = -1, skip = 0;
	int error, rc;

	*n_out = 0;
	if ((error = begin(d)) < 0)
		return error;
	if (mail && ((error = sendmail_check(d->center->sendmail)) < 0 ||
	    (error = mail_from(&from, d->center)) < 0))
		return error;
	error = hh_store_private_read(&text, &len, s, MARK, MARK_MAX);
	if (error == HH_ENOTFOUND)
		error = HH_OK;
	else if (error == HH_OK) {
		error = hh_notice_mark_parse(mark, &done, text, len);
		if (error < 0)
			hh_error_prefix(error, "%s/.git/hh/%s", hh_store_dir(s),
			    MARK);
		else if (!hh_store_contains(s, mark))
			error = hh_error_set(HH_EREFUSED, "the mark %s "
			    "(.git/hh/%s) is not in the history of HEAD: was "
			    "the history rewritten? (hh-notify --init starts "
			    "again from HEAD)", mark, MARK);
		else if (done < 0)
			sp = strcpy(since, mark);
		else {
			/* the commit was left half-way: from its parent */
			skip = done;
			rev = hh_xasprintf("%s^", mark);
			if (hh_store_resolve(since, s, rev) == HH_OK)
				sp = since;
			free(rev);
		}
		free(text);
		text = NULL;
	}
	if (error < 0)
		goto out;
	if ((error = hh_store_walk_open(&w, s, sp)) < 0) {
		if (error == HH_ENOTFOUND)
			error = hh_error_set(HH_EREFUSED, "the mark %s "
			    "(.git/hh/%s) is not in the first-parent history "
			    "of HEAD", mark, MARK);
		goto out;
	}
	if (sp != NULL && hh_store_read_at(&text, &len, s, sp,
	    "center.json") == HH_OK) {
		if (hh_center_parse(&c, text, len) < 0)
			c = NULL;
		free(text);
		text = NULL;
	}
	while ((rc = hh_store_walk_next(&cm, w)) == 1) {
		if (cm->error != NULL) {
			error = hh_error_set(HH_ERROR, "commit %s: %s", cm->id,
			    cm->error);
			goto out;
		}
		total = 0;
		for (i = 0; i < cm->nchanges; i++) {
			if (strcmp(cm->changes[i].path, "center.json") == 0 &&
			    cm->changes[i].new_id[0] != '\0' &&
			    (nc = center_blob(s, cm->changes[i].new_id))) {
				hh_center_free(c);
				c = nc;
			}
			total += is_notice(&cm->changes[i]);
		}
		strcpy(last, cm->id);
		for (i = 0, k = 0; i < cm->nchanges; i++) {
			if (!is_notice(&cm->changes[i]))
				continue;
			k++;
			if (skip > 0 && strcmp(cm->id, mark) == 0 &&
			    (long)k <= skip)
				continue;
			if ((error = hh_store_blob(&text, &len, s,
			    cm->changes[i].new_id)) < 0)
				goto out;
			dos = hh_json_parse(text, len);
			free(text);
			text = NULL;
			error = hh_notice_make(&n, cm->id, dos, c, cm->author);
			cJSON_Delete(dos);
			if (error < 0) {
				msg = hh_xasprintf("commit %s: %s: %s (no "
				    "notice)", cm->id, cm->changes[i].path,
				    hh_error_last());
				warn(arg, msg);
				free(msg);
				hh_notice_clear(&n);
			} else {
				if (mail && n.email != NULL &&
				    !hh_notice_address(n.email)) {
					msg = hh_xasprintf("%s: applicant.email:"
					    " not a plain address (no mail)",
					    n.code);
					warn(arg, msg);
					free(msg);
				} else if (mail && n.email != NULL) {
					msg = hh_notice_mail(&n, from,
					    d->center->name, hh_priv_now());
					error = hh_notify_sendmail(
					    d->center->sendmail, msg);
					free(msg);
					if (error < 0) {
						hh_error_prefix(error, "%s",
						    n.code);
						goto out;
					}
				}
				if ((error = emit(arg, &n)) < 0)
					goto out;
				hh_notice_clear(&n);
				++*n_out;
			}
			if ((error = mark_write(s, cm->id, k == total ? -1 :
			    (long)k)) < 0)
				goto out;
		}
	}
	if (rc < 0) {
		error = rc;
		goto out;
	}
	/* the commits without a notice since: the next run starts here */
	if (*last != '\0')
		error = mark_write(s, last, -1);
out:
	hh_notice_clear(&n);
	hh_center_free(c);
	hh_store_walk_free(w);
	free(text);
	free(from);
	return error;
}
