/* cli.c - what every hh command does alike: options, messages, batches */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "desk.h"

#define BATCH_LINE_MAX 65536
#define BATCH_LINES_MAX 100000
#define BATCH_BYTES_MAX (64 << 20)

static const char *prog = "hh";

void
hh_cli_init(const struct hh_cli *cli)
{
	hh_priv_init();	/* first: nothing the caller set is trusted */
	prog = cli->prog;
}

void
hh_cli_warn(const char *fmt, ...)
{
	va_list ap;
	char *msg, *v;

	va_start(ap, fmt);
	msg = hh_xvasprintf(fmt, ap);
	va_end(ap);
	/* one line, nothing a terminal would act on */
	for (v = msg; (v = strchr(v, '\n')) != NULL; )
		*v = '\r';
	v = hh_text_visible(msg, strlen(msg));
	fprintf(stderr, "%s: %s\n", prog, v ? v : msg);
	free(v);
	free(msg);
}

int
hh_cli_print(const char *text)
{
	char *v = hh_text_visible(text, strlen(text));
	int rc = fputs(v ? v : text, stdout);

	free(v);
	return rc == EOF ? -1 : 0;
}

int
hh_cli_exit(int status)
{
	if (fflush(stdout) == EOF || ferror(stdout)) {
		hh_cli_warn("stdout: %s", strerror(errno));
		return HH_EXIT_FAIL;
	}
	return status;
}

void
hh_cli_json(cJSON *v, int line)
{
	char *text = hh_json_print(v, line);

	fputs(text, stdout);
	if (line)
		putchar('\n');
	free(text);
	cJSON_Delete(v);
}

int
hh_cli_step_line(struct hh_step *st, const char **code, const cJSON *line,
    unsigned actions)
{
	const char *at, **docs;
	int64_t t;
	int error;

	if ((error = hh_step_line(st, code, &at, &docs, line, actions)) ==
	    HH_OK && (error = hh_cli_time(&t, at)) < 0)
		hh_error_prefix(error, "%s: at", hh_text_quote(*code));
	if (error < 0) {
		free(docs);
		st->documents = NULL;
		return error;
	}
	st->at = t;
	return HH_OK;
}

int
hh_cli_forms_format(struct hh_cli_forms *p, const char *arg)
{
	if (strcmp(arg, "text") == 0)
		p->format = HH_FORMAT_TEXT;
	else if (strcmp(arg, "html") == 0)
		p->format = HH_FORMAT_HTML;
	else
		return hh_error_set(HH_EINVALID, "\"%s\" is not text or html",
		    hh_text_quote(arg));
	return HH_OK;
}

void
hh_cli_forms_put(struct hh_cli_forms *p, char *form)
{
	if (p->format == HH_FORMAT_HTML && p->n == 0)
		fputs(hh_form_page_begin(), stdout);
	/* a forged name in a dossier is shown, not acted on */
	hh_cli_print(form);
	free(form);
	p->n++;
}

void
hh_cli_forms_end(struct hh_cli_forms *p)
{
	if (p->format == HH_FORMAT_HTML && p->n > 0)
		fputs(hh_form_page_end(), stdout);
	p->n = 0;
}

static void
notice(void *arg, const char *msg)
{
	(void)arg;
	hh_cli_warn("%s", msg);
}

void
hh_cli_notices(struct hh_store *s)
{
	hh_store_notify(s, notice, NULL);
}

char **
hh_cli_codes(struct hh_desk *d, char *const *names, size_t n)
{
	char **v = hh_xcalloc(n + 1, sizeof(*v));
	size_t i;

	for (i = 0; i < n; i++)
		if (hh_desk_code(&v[i], d, names[i]) < 0) {
			hh_cli_warn("%s: %s", hh_text_quote(names[i]),
			    hh_error_last());
			hh_mem_strv_free(v);
			return NULL;
		}
	return v;
}

int
hh_cli_common(struct hh_cli *cli, int c, const char *arg)
{
	static const struct {
		int c;
		unsigned bit;
	} bits[] = {
		{ 'C', HH_CLI_DIR }, { 'n', HH_CLI_DRY },
		{ HH_OPT_ACTOR, HH_CLI_ACTOR }, { HH_OPT_AT, HH_CLI_AT },
		{ HH_OPT_JSON, HH_CLI_JSON }, { HH_OPT_BATCH, HH_CLI_BATCH },
		{ HH_OPT_CORRECTION, HH_CLI_CORRECTION },
	};
	size_t i;

	for (i = 0; i < sizeof(bits) / sizeof(bits[0]); i++)
		if (bits[i].c == c && !(cli->accept & bits[i].bit))
			return 0;
	switch (c) {
	case 'C':
		/* no system call takes it; said here, where it is quoted,
		 * not in a message that would show it whole */
		if (strlen(arg) >= PATH_MAX) {
			hh_cli_warn("%s: %s", hh_text_quote(arg),
			    strerror(ENAMETOOLONG));
			exit(HH_EXIT_FAIL);
		}
		cli->dir = arg;
		return 1;
	case 'n':
		cli->dry = 1;
		return 1;
	case HH_OPT_ACTOR:
		cli->actor = arg;
		return 1;
	case HH_OPT_AT:
		cli->at = arg;
		return 1;
	case HH_OPT_JSON:
		cli->json = 1;
		return 1;
	case HH_OPT_BATCH:
		cli->batch = arg;
		return 1;
	case HH_OPT_CORRECTION:
		/* one line of a commit's trailers */
		if (hh_text_check("--correction", arg, 500, 1) < 0 ||
		    (strpbrk(arg, "\r\n") != NULL &&
		    hh_error_set(HH_EINVALID, "--correction: more than one "
		    "line") < 0)) {
			hh_cli_warn("%s", hh_error_last());
			exit(HH_EXIT_FAIL);
		}
		cli->correction = arg;
		return 1;
	case 'h':
		fputs(cli->usage, stdout);
		exit(hh_cli_exit(HH_EXIT_OK));
	case HH_OPT_VERSION:
		printf("%s %s\n", cli->prog, HH_VERSION);
		exit(hh_cli_exit(HH_EXIT_OK));
	}
	return 0;
}

_Noreturn void
hh_cli_usage(const struct hh_cli *cli)
{
	fputs(cli->usage, stderr);
	exit(HH_EXIT_USAGE);
}

_Noreturn void
hh_cli_usage_error(const struct hh_cli *cli, const char *fmt, ...)
{
	va_list ap;
	char *why;

	va_start(ap, fmt);
	why = hh_xvasprintf(fmt, ap);
	va_end(ap);
	hh_cli_warn("%s (see %s -h)", why, cli->prog);
	free(why);
	exit(HH_EXIT_USAGE);
}

int
hh_cli_time(int64_t *out, const char *s)
{
	int64_t now = hh_priv_now();
	int error;

	if (s == NULL) {
		*out = now;
		return HH_OK;
	}
	if ((error = hh_time_parse(out, s)) < 0)
		return error;
	if (*out > now)
		return hh_error_set(HH_EINVALID, "%s: in the future",
		    hh_text_quote(s));
	return HH_OK;
}

void
hh_cli_batch_free(struct hh_batch *b)
{
	size_t i;

	if (b == NULL)
		return;
	for (i = 0; i < b->n; i++)
		cJSON_Delete(b->v[i]);
	free(b->v);
	free(b->line);
	free(b);
}

/* 1 if the JSON text has the escape \u0000 (not \\u0000): cJSON would
 * end the string there and the rest would be dropped without a word. */
static int
nul_escape(const char *s, size_t len)
{
	size_t i, n;

	for (i = 0; i + 6 <= len; i++) {
		if (s[i] != '\\' || s[i + 1] != 'u' ||
		    strncmp(s + i + 2, "0000", 4) != 0)
			continue;
		for (n = 0; n < i && s[i - 1 - n] == '\\'; n++)
			;
		if (n % 2 == 0)
			return 1;
	}
	return 0;
}

int
hh_cli_batch_read(struct hh_batch **out, const char *file)
{
	struct hh_batch *b = hh_xmalloc(sizeof(*b));
	const char *name = strcmp(file, "-") == 0 ? "stdin" : file;
	FILE *f;
	char *buf = NULL;
	size_t cap = 0, lineno = 0, alloc = 0, total = 0;
	ssize_t len;
	struct stat st;
	const char *why;
	cJSON *v;
	int error = HH_OK;

	*out = NULL;
	memset(b, 0, sizeof(*b));
	/* the caller's file, opened with the caller's rights */
	hh_priv_as_caller(1);
	f = strcmp(file, "-") == 0 ? stdin : fopen(file, "r");
	hh_priv_as_caller(0);
	if (f == NULL) {
		free(b);
		return hh_error_set(errno == ENOENT ? HH_ENOTFOUND : HH_ERROR,
		    "%s: %s", hh_text_quote(file), strerror(errno));
	}
	if (f != stdin && fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size > BATCH_BYTES_MAX) {
		fclose(f);
		free(b);
		return hh_error_set(HH_EINVALID, "%s: larger than %d MiB",
		    hh_text_quote(name), BATCH_BYTES_MAX >> 20);
	}
	while ((len = getline(&buf, &cap, f)) >= 0) {
		lineno++;
		if ((total += (size_t)len) > BATCH_BYTES_MAX) {
			error = hh_error_set(HH_EINVALID, "%s:%zu: more than "
			    "%d MiB", hh_text_quote(name), lineno,
			    BATCH_BYTES_MAX >> 20);
			break;
		}
		if (len > 0 && buf[len - 1] == '\n')
			buf[--len] = '\0';
		/* a spreadsheet's or Windows' line end */
		if (len > 0 && buf[len - 1] == '\r')
			buf[--len] = '\0';
		if (len > BATCH_LINE_MAX) {
			error = hh_error_set(HH_EINVALID, "%s:%zu: line longer "
			    "than %d bytes", hh_text_quote(name), lineno,
			    BATCH_LINE_MAX);
			break;
		}
		if (strspn(buf, " \t") == (size_t)len)
			continue;
		if ((why = hh_text_problem(buf, (size_t)len, HH_TEXT_TAB)) !=
		    NULL) {
			error = hh_error_set(HH_EINVALID, "%s:%zu: %s",
			    hh_text_quote(name), lineno, why);
			break;
		}
		if (nul_escape(buf, (size_t)len)) {
			error = hh_error_set(HH_EINVALID, "%s:%zu: \\u0000 (a "
			    "NUL character) in a string", hh_text_quote(name),
			    lineno);
			break;
		}
		if ((v = hh_json_parse(buf, (size_t)len)) == NULL) {
			error = hh_error_prefix(HH_EINVALID, "%s:%zu",
			    hh_text_quote(name), lineno);
			break;
		}
		if (!cJSON_IsObject(v)) {
			cJSON_Delete(v);
			error = hh_error_set(HH_EINVALID, "%s:%zu: not a JSON "
			    "object", hh_text_quote(name), lineno);
			break;
		}
		if (b->n == BATCH_LINES_MAX) {
			cJSON_Delete(v);
			error = hh_error_set(HH_EINVALID, "%s: more than %d "
			    "lines", hh_text_quote(name), BATCH_LINES_MAX);
			break;
		}
		if (b->n == alloc) {
			alloc = alloc ? alloc * 2 : 64;
			b->v = hh_xrealloc(b->v, alloc * sizeof(*b->v));
			b->line = hh_xrealloc(b->line,
			    alloc * sizeof(*b->line));
		}
		b->v[b->n] = v;
		b->line[b->n++] = lineno;
	}
	if (error == HH_OK && ferror(f))
		error = hh_error_set(HH_ERROR, "%s: read error",
		    hh_text_quote(name));
	if (error == HH_OK && b->n == 0)
		error = hh_error_set(HH_EINVALID, "%s: no lines",
		    hh_text_quote(name));
	free(buf);
	if (f != stdin)
		fclose(f);
	if (error < 0) {
		hh_cli_batch_free(b);
		return error;
	}
	*out = b;
	return HH_OK;
}
