/* gen.c - a git fast-import stream of N dossiers, for make bench
 *
 * The fast path of the benchmarks: what hh-intake, hh-route and
 * hh-return would commit, one commit per step (same paths, JSON shape,
 * subjects, trailers, authors and dates), written as one stream for
 * `git fast-import` so that 100k dossiers take seconds, not minutes.
 *
 * usage: gen N AGENCY PARENT-COMMIT >stream
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct staff {
	const char *id, *name, *email, *dept;
};

/* The template's staff (records/center.json). */
static const struct staff desk = { "lan", "Nguyễn Thị Lan (mẫu)",
    "lan@example.vn", "motcua" };
static const struct staff officer = { "hoa", "Lê Thị Hoa (mẫu)",
    "hoa@example.vn", "tp" };

static const char *const procs[][3] = {
	{ "2.000815", "Chứng thực bản sao từ bản chính", "0" },
	{ "2.000884", "Chứng thực chữ ký", "0" },
	{ "2.000913", "Chứng thực việc sửa đổi, bổ sung hợp đồng", "2" },
	{ "2.000927", "Chứng thực hợp đồng, giao dịch", "2" },
};

static char buf[16384];
static int mark = 1;

static void
stamp(char *out, long t)
{
	time_t x = (time_t)t + 7 * 3600;
	struct tm tm;

	gmtime_r(&x, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%S+07:00", &tm);
}

/* One dossier file in the state after `steps` steps (1 intake .. 4). */
static int
dossier(char *out, size_t n, const char *code, int p, long at, int steps,
    int k)
{
	char t0[32], t1[32], t2[32], t3[32], due[32];
	const char *status[] = { "", "received", "processing", "resolved",
	    "returned" };
	int len;

	stamp(t0, at);
	stamp(t1, at + 3600);
	stamp(t2, at + 7200);
	stamp(t3, at + 10800);
	stamp(due, at + 86400 * 2);
	len = snprintf(out, n,
	    "{\n\t\"schema\":\t1,\n\t\"code\":\t\"%s\",\n"
	    "\t\"procedure\":\t{\n\t\t\"code\":\t\"%s\",\n\t\t\"name\":\t\"%s\",\n"
	    "\t\t\"field\":\t\"Chứng thực\",\n\t\t\"department\":\t\"tp\",\n"
	    "\t\t\"limit\":\t{\n\t\t\t\"working_days\":\t%s\n\t\t}\n\t},\n"
	    "\t\"applicant\":\t{\n\t\t\"name\":\t\"Người Thử %d\",\n"
	    "\t\t\"phone\":\t\"09%08d\"\n\t},\n"
	    "\t\"channel\":\t\"%s\",\n\t\"documents\":\t[\"Đơn đề nghị\"],\n"
	    "\t\"received_at\":\t\"%s\",\n\t\"effective_from\":\t\"%s\",\n"
	    "\t\"due_at\":\t\"%s\",\n\t\"provisional\":\tfalse,\n"
	    "\t\"status\":\t\"%s\",\n\t\"holder\":\t\"%s\",\n",
	    code, procs[p][0], procs[p][1], procs[p][2], k, k,
	    k % 3 ? "direct" : "online", t0, t0, due, status[steps],
	    steps >= 2 ? "tp" : "motcua");
	if (steps >= 3)
		len += snprintf(out + len, n - (size_t)len,
		    "\t\"outcome\":\t\"granted\",\n\t\"resolved_at\":\t\"%s\",\n",
		    t2);
	if (steps >= 4)
		len += snprintf(out + len, n - (size_t)len,
		    "\t\"returned_at\":\t\"%s\",\n", t3);
	if (steps >= 3)
		len += snprintf(out + len, n - (size_t)len,
		    "\t\"class\":\t\"early\",\n");
	len += snprintf(out + len, n - (size_t)len,
	    "\t\"events\":\t[{\n\t\t\t\"at\":\t\"%s\",\n"
	    "\t\t\t\"action\":\t\"intake\",\n\t\t\t\"actor\":\t\"lan\",\n"
	    "\t\t\t\"details\":\t{\n\t\t\t\t\"due_at\":\t\"%s\"\n\t\t\t}\n"
	    "\t\t}", t0, due);
	if (steps >= 2)
		len += snprintf(out + len, n - (size_t)len,
		    ", {\n\t\t\t\"at\":\t\"%s\",\n\t\t\t\"action\":\t\"route\",\n"
		    "\t\t\t\"actor\":\t\"lan\",\n\t\t\t\"details\":\t{\n"
		    "\t\t\t\t\"to\":\t\"tp\"\n\t\t\t}\n\t\t}", t1);
	if (steps >= 3)
		len += snprintf(out + len, n - (size_t)len,
		    ", {\n\t\t\t\"at\":\t\"%s\",\n\t\t\t\"action\":\t\"done\",\n"
		    "\t\t\t\"actor\":\t\"hoa\",\n\t\t\t\"details\":\t{\n"
		    "\t\t\t\t\"outcome\":\t\"granted\",\n"
		    "\t\t\t\t\"class\":\t\"early\"\n\t\t\t}\n\t\t}", t2);
	if (steps >= 4)
		len += snprintf(out + len, n - (size_t)len,
		    ", {\n\t\t\t\"at\":\t\"%s\",\n\t\t\t\"action\":\t\"return\",\n"
		    "\t\t\t\"actor\":\t\"lan\"\n\t\t}", t3);
	len += snprintf(out + len, n - (size_t)len, "]\n}\n");
	return len;
}

static void
commit(const char *path, const char *code, int p, const char *action,
    const struct staff *who, long when, const char *data, int len)
{
	printf("blob\nmark :%d\ndata %d\n%s\n", mark, len, data);
	printf("commit refs/heads/main\n"
	    "author %s <%s> %ld +0700\ncommitter %s <%s> %ld +0700\n",
	    who->name, who->email, when, who->name, who->email, when);
	snprintf(buf, sizeof(buf), "%s %s: %s %s\n\nDossier: %s\n"
	    "Action: %s\nActor: %s\n", action, code, procs[p][0], procs[p][1],
	    code, action, who->id);
	printf("data %zu\n%sM 100644 :%d %s\n\n", strlen(buf), buf, mark,
	    path);
	mark++;
}

int
main(int argc, char *argv[])
{
	static const char *const action[] = { "", "intake", "route", "done",
	    "return" };
	static char file[16384];
	long n, k, day, at, base = 1388534400;	/* 2014-01-01 UTC */
	int p, steps, s, seq = 0, len;
	long lastday = -1;
	char code[64], path[128];

	if (argc != 4) {
		fprintf(stderr, "usage: gen N AGENCY PARENT-COMMIT\n");
		return 2;
	}
	n = atol(argv[1]);
	printf("reset refs/heads/main\nfrom %s\n\n", argv[3]);
	for (k = 0; k < n; k++) {
		/* working days of 2014-2016, about n/750 dossiers a day */
		day = k * 750 / (n > 0 ? n : 1);
		day = day / 5 * 7 + day % 5 + 2;	/* skip weekends */
		at = base + day * 86400 + 8 * 3600 - 7 * 3600 +
		    (k % 300) * 60;
		seq = day == lastday ? seq + 1 : 1;
		lastday = day;
		{
			time_t x = (time_t)at + 7 * 3600;
			struct tm tm;

			gmtime_r(&x, &tm);
			snprintf(code, sizeof(code), "%s-%02d%02d%02d-%04d",
			    argv[2], tm.tm_year % 100, tm.tm_mon + 1,
			    tm.tm_mday, seq);
			snprintf(path, sizeof(path),
			    "dossiers/%04d/%02d/%s.json", tm.tm_year + 1900,
			    tm.tm_mon + 1, code);
		}
		p = (int)(k % 4);
		steps = k % 10 == 0 ? 1 : k % 10 == 1 ? 2 : 4;
		for (s = 1; s <= steps; s++) {
			len = dossier(file, sizeof(file), code, p, at, s,
			    (int)k);
			commit(path, code, p, action[s], s == 3 ? &officer :
			    &desk, at + (s - 1) * 3600, file, len);
		}
	}
	return 0;
}
