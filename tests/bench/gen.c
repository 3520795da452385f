/* gen.c - the history of a records tree of N dossiers, for make bench
 *
 * The fast path of the benchmarks.  hh-intake, hh-route and hh-return
 * commit one change at a time (about 25 ms a process); a tree of 100k
 * dossiers has some 350k such commits, which would take hours.  gen makes
 * the same commits as one stream for `git fast-import`: the dossiers are
 * built, stepped and formatted by the library itself (hh_dossier_new,
 * hh_step_apply, hh_dossier_format), with the catalogue, the centre and
 * the calendar committed in DIR, so every file is byte for byte what the
 * commands would write, every step is legal, and hh-check accepts the
 * result but for its signatures.  What differs from the commands: nothing
 * is locked or written to disk, a commit is recorded at its event time
 * (committer date = author date; the commands record "now"), and it is
 * not signed (git 2.39's fast-import carries no signature: hh-check
 * reports each one, make bench adds the verification's cost apart).
 *
 * The centre: N dossiers received at a steady rate (PER-MONTH a month,
 * default 1,000: the reference centre took 880) over the months ending
 * at END, so that a bigger N means more months, not fuller ones (never
 * before 2000: a month fills up beyond that), on working days in office
 * hours, in time order; the procedures
 * of the catalogue, same-day ones (chứng thực...) the most frequent;
 * channels direct 65 %, online 28 %, postal 7 %; the template's desk
 * staff receive, route to the procedure's department and its officer,
 * and hand results back.  Fates: 8 % asked for a supplement, 2 %
 * withdrawn, 4 % refused, results early (70 %), on time (22 %) or late
 * (8 %, some with an apology and a new date); steps that would fall
 * after END are not taken, so the last weeks stay open.  Commits come out
 * in the order of their event times, across dossiers.
 *
 * usage: gen N DIR END-EPOCH [PER-MONTH] >stream  (DIR: a records tree
 * made by hh-init; the stream continues its branch)
 *        gen --pack N DIR END-EPOCH [PER-MONTH]  (the same commits
 * written by gen as one pack in DIR, pack.c; prints the new head, for
 * git update-ref refs/heads/main)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "hh.h"

static int packmode;		/* --pack: write the pack, not a stream */
#include "pack.c"

enum fate {
	F_GRANTED,
	F_REFUSED,
	F_WITHDRAWN,
};

struct dos {
	cJSON *json;
	int proc;		/* index into procs */
	int sameday;		/* resolved and returned at the counter */
	enum fate fate;
	int cls;		/* wanted class: 0 early, 1 on time, 2 late */
	int supplement;		/* will be asked for one */
	int apology;		/* will apologise when late */
	const struct hh_staff *desk, *officer;
	struct hh_step next;	/* the step it waits for */
	const char *docs[1];
	char until[HH_TIME_MAX];
};

struct ev {
	int64_t at;
	uint64_t seq;
	struct dos *d;
};

static struct ev *heap;
static size_t nheap, capheap;
static uint64_t seqno;
static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static struct hh_desk *desk;
static struct hh_procedure **procs;
static int *weights, totalw;
static size_t nprocs;
static const struct hh_staff *desks[8];
static size_t ndesks;
static int64_t end;

static uint64_t
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* 0 .. n-1 */
static int
pick(int n)
{
	return (int)(rnd() % (uint64_t)n);
}

static int
heap_less(const struct ev *a, const struct ev *b)
{
	return a->at < b->at || (a->at == b->at && a->seq < b->seq);
}

static void
push(int64_t at, struct dos *d)
{
	struct ev e = { at, seqno++, d }, t;
	size_t i, p;

	if (nheap == capheap) {
		capheap = capheap ? capheap * 2 : 1024;
		heap = hh_xrealloc(heap, capheap * sizeof(*heap));
	}
	heap[i = nheap++] = e;
	while (i > 0 && heap_less(&heap[i], &heap[p = (i - 1) / 2])) {
		t = heap[p], heap[p] = heap[i], heap[i] = t;
		i = p;
	}
}

static struct ev
pop(void)
{
	struct ev top = heap[0], t;
	size_t i = 0, l, m;

	heap[0] = heap[--nheap];
	for (;;) {
		l = 2 * i + 1;
		m = i;
		if (l < nheap && heap_less(&heap[l], &heap[m]))
			m = l;
		if (l + 1 < nheap && heap_less(&heap[l + 1], &heap[m]))
			m = l + 1;
		if (m == i)
			break;
		t = heap[m], heap[m] = heap[i], heap[i] = t;
		i = m;
	}
	return top;
}

/* The first instant at or after t in office hours of a working day,
 * plus up to jitter minutes (staying in the session). */
static int64_t
office(int64_t t, int jitter)
{
	const struct hh_hours *h = hh_calendar_hours(desk->cal);
	int day = hh_time_day(t), min = hh_time_minute(t), j;

	for (;;) {
		if (hh_calendar_working(desk->cal, day, NULL)) {
			if (min < h->am_start)
				min = h->am_start;
			if (min >= h->am_end && min < h->pm_start)
				min = h->pm_start;
			if (min < h->pm_end)
				break;
		}
		day++;
		min = h->am_start;
	}
	j = jitter > 0 ? pick(jitter) : 0;
	if (min < h->am_end && min + j >= h->am_end)
		j = h->am_end - 1 - min;
	else if (min >= h->pm_start && min + j >= h->pm_end)
		j = h->pm_end - 1 - min;
	if (hh_time_minute(t) == min && hh_time_day(t) == day && j == 0)
		return t;
	return hh_time_make(day, min + j) + pick(60);
}

/* t moved by n working days (office hours kept). */
static int64_t
workdays(int64_t t, int n)
{
	int day = hh_period_workdays(desk->cal, hh_time_day(t), n);

	return hh_time_make(day, hh_time_minute(t));
}

static const char *const surnames[] = { "Nguyễn", "Trần", "Lê", "Phạm",
    "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
    "Ngô", "Dương", "Lý" };
static const char *const middles[] = { "Văn", "Thị", "Hữu", "Đức",
    "Minh", "Ngọc", "Thanh", "Quốc", "Thu", "Xuân" };
static const char *const givens[] = { "An", "Bình", "Cường", "Dũng",
    "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng", "Hương", "Khánh",
    "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Phương", "Quân",
    "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vy", "Yến" };
static const char *const streets[] = { "Trần Hưng Đạo", "Lê Lợi",
    "Nguyễn Huệ", "Hai Bà Trưng", "Quang Trung", "Lý Thường Kiệt" };
static const char *const papers[] = { "Đơn đề nghị (bản chính)",
    "Căn cước công dân (bản sao)", "Giấy chứng nhận quyền sử dụng đất",
    "Hợp đồng (bản chính)", "Sổ hộ khẩu (bản sao)", "Tờ khai" };

#define N_(a) ((int)(sizeof(a) / sizeof(a[0])))

static void
emit(struct dos *d, const char *action, const struct hh_staff *who,
    int64_t at)
{
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(d->json,
	    "procedure");
	const char *code = hh_dossier_str(d->json, "code");
	char *path = NULL, *text, *msg;
	size_t len;

	if (hh_dossier_path(&path, code) < 0) {
		fprintf(stderr, "gen: %s: %s\n", code, hh_error_last());
		exit(1);
	}
	text = hh_dossier_format(d->json);
	msg = hh_xasprintf("%s %s: %s %s\n\nDossier: %s\nAction: %s\n"
	    "Actor: %s\n", action, code, hh_dossier_str(p, "code"),
	    hh_dossier_str(p, "name"), code, action, who->id);
	len = strlen(text);
	if (packmode) {
		char *author = hh_xasprintf("%s <%s> %lld +0700", who->name,
		    who->email, (long long)at);

		pack_commit(path, text, len, msg, author);
		free(author);
		free(text);
		free(msg);
		free(path);
		return;
	}
	printf("commit refs/heads/main\n"
	    "author %s <%s> %lld +0700\ncommitter %s <%s> %lld +0700\n"
	    "data %zu\n%s\nM 100644 inline %s\ndata %zu\n", who->name,
	    who->email, (long long)at, who->name, who->email, (long long)at,
	    strlen(msg), msg, path, len);
	fwrite(text, 1, len, stdout);
	fputs("\n\n", stdout);
	free(text);
	free(msg);
	free(path);
}

static int64_t
get_time(const cJSON *o, const char *key)
{
	int64_t t = 0;

	hh_time_parse(&t, hh_dossier_str(o, key));
	return t;
}

/* Decide the dossier's next step after its last event at `last`; 0 if it
 * is finished. */
static int
plan(struct dos *d, int64_t last)
{
	const char *st = hh_dossier_str(d->json, "status");
	int64_t due = get_time(d->json, "due_at"), t;
	struct hh_step *s = &d->next;
	int dueday = hh_time_day(due);

	if (strcmp(st, "returned") == 0 || strcmp(st, "withdrawn") == 0)
		return 0;
	if (strcmp(st, "resolved") == 0) {
		hh_step_init(s, HH_STEP_RETURN,
		    office(workdays(last, pick(4)), 90));
		return 1;
	}
	if (strcmp(st, "received") == 0) {
		if (d->fate == F_WITHDRAWN && d->sameday) {
			hh_step_init(s, HH_STEP_WITHDRAW, last + 300 +
			    pick(1800));
			s->reason = "Công dân xin rút hồ sơ";
			return 1;
		}
		if (d->sameday) {
			/* hh-return at the counter: done, then return */
			t = office(last + 600 + pick(7200), 30);
			if (hh_time_day(t) > dueday && d->cls != 2)
				t = last + 60;
			hh_step_init(s, HH_STEP_DONE, t);
			s->on_return = 1;
			return 1;
		}
		hh_step_init(s, HH_STEP_ROUTE, office(last + pick(4 * 3600),
		    20));
		s->to = procs[d->proc]->department;
		s->officer = d->officer->id;
		return 1;
	}
	if (strcmp(st, "waiting_supplement") == 0) {
		if (d->fate == F_WITHDRAWN) {
			hh_step_init(s, HH_STEP_WITHDRAW,
			    office(workdays(last, 2 + pick(10)), 60));
			s->reason = "Công dân không bổ sung hồ sơ, xin rút";
			return 1;
		}
		hh_step_init(s, HH_STEP_SUPPLIED,
		    office(workdays(last, 1 + pick(8)), 90));
		return 1;
	}
	/* processing */
	if (d->supplement && cJSON_GetObjectItemCaseSensitive(d->json,
	    "supplement") == NULL) {
		hh_step_init(s, HH_STEP_SUPPLEMENT,
		    office(workdays(last, pick(3)), 120));
		s->reason = "Thiếu giấy tờ theo quy định";
		s->documents = d->docs;
		s->ndocuments = 1;
		return 1;
	}
	if (d->fate == F_WITHDRAWN) {
		hh_step_init(s, HH_STEP_WITHDRAW,
		    office(workdays(last, 1 + pick(5)), 60));
		s->reason = "Công dân xin rút hồ sơ";
		return 1;
	}
	if (d->cls == 2 && d->apology && cJSON_GetObjectItemCaseSensitive(
	    d->json, "appointment_at") == NULL) {
		t = office(last + 1800, 60);
		if (hh_deadline_delay_ok(desk->cal, t, due,
		    desk->center->apology_days)) {
			hh_step_init(s, HH_STEP_DELAY, t);
			hh_time_format_day(d->until, hh_period_workdays(desk->cal,
			    dueday, 3 + pick(5)));
			s->until = d->until;
			s->reason = "Cần xác minh thêm tại thực địa";
			return 1;
		}
		d->apology = 0;
	}
	hh_step_init(s, HH_STEP_DONE, 0);
	if (d->cls == 0 && hh_time_day(last) + 1 < dueday) {
		/* early: a working day before the due day */
		t = last + (int64_t)(rnd() % (uint64_t)(hh_time_make(dueday,
		    0) - last));
		t = office(t, 0);
		if (hh_time_day(t) >= dueday)
			t = office(last + 3600, 60);
	} else if (d->cls != 2) {
		/* on time: on the due day, before the due instant */
		t = office(hh_time_make(dueday, 0), 0);
		if (t > due)
			t = due;
		t += (int64_t)(rnd() % (uint64_t)(due - t + 1));
	} else {
		t = office(workdays(due, 1 + pick(8)), 120);
	}
	if (t < last)
		t = last;
	s->at = t;
	if (d->fate == F_REFUSED) {
		s->outcome = "refused";
		s->reason = "Hồ sơ không đủ điều kiện theo quy định";
	}
	return 1;
}

static void
schedule(struct dos *d, int64_t last)
{
	if (plan(d, last) && d->next.at <= end) {
		if (d->next.at < last)
			d->next.at = last;
		push(d->next.at, d);
		return;
	}
	cJSON_Delete(d->json);
	free(d);
}

static void
step(struct dos *d)
{
	const struct hh_staff *who = d->next.action == HH_STEP_ROUTE ||
	    d->next.action == HH_STEP_RETURN ||
	    d->next.action == HH_STEP_WITHDRAW ||
	    (d->next.action == HH_STEP_DONE && d->next.on_return) ? d->desk :
	    d->officer;
	int64_t at = d->next.at;
	int ret = d->next.on_return;

	if (hh_step_apply(d->json, &d->next, who, desk->center,
	    desk->cal) < 0) {
		fprintf(stderr, "gen: %s: %s: %s\n",
		    hh_dossier_str(d->json, "code"),
		    hh_step_name(d->next.action), hh_error_last());
		exit(1);
	}
	emit(d, hh_step_name(d->next.action), who, at);
	if (ret) {
		/* the return at once (hh-return) */
		hh_step_init(&d->next, HH_STEP_RETURN, at);
		step(d);
		return;
	}
	schedule(d, at);
}

static void
intake(int64_t at, int seq)
{
	struct dos *d = hh_xmalloc(sizeof(*d));
	struct hh_intake in;
	const char *docs[3];
	char name[96], phone[16], idn[16], addr[96], code[64];
	int y, m, dd, w, i, r;

	memset(d, 0, sizeof(*d));
	for (w = pick(totalw), i = 0; w >= weights[i]; i++)
		w -= weights[i];
	d->proc = i;
	d->sameday = procs[i]->limit.value == 0;
	r = pick(100);
	d->fate = r < 2 ? F_WITHDRAWN : r < 6 ? F_REFUSED : F_GRANTED;
	r = pick(100);
	d->cls = r < 70 ? 0 : r < 92 ? 1 : 2;
	d->supplement = !d->sameday && pick(100) < 8;
	d->apology = pick(100) < 40;
	d->desk = desks[pick((int)ndesks)];
	d->officer = NULL;
	for (r = 0; r < (int)desk->center->nstaff; r++)
		if (strcmp(desk->center->staff[r].role, "officer") == 0 &&
		    strcmp(desk->center->staff[r].department,
		    procs[i]->department) == 0)
			d->officer = &desk->center->staff[r];
	if (d->officer == NULL)
		d->sameday = 1;
	if (d->sameday && d->fate == F_REFUSED)
		d->fate = F_GRANTED;	/* hh-return grants */
	d->docs[0] = papers[pick(N_(papers))];

	memset(&in, 0, sizeof(in));
	snprintf(name, sizeof(name), "%s %s %s", surnames[pick(N_(surnames))],
	    middles[pick(N_(middles))], givens[pick(N_(givens))]);
	in.name = name;
	in.procedure = procs[i]->code;
	if (pick(10) < 7) {
		snprintf(idn, sizeof(idn), "0%02d%09d", pick(96),
		    pick(1000000000));
		in.id_number = idn;
	}
	snprintf(phone, sizeof(phone), "09%08d", pick(100000000));
	in.phone = phone;
	if (pick(10) < 4) {
		snprintf(addr, sizeof(addr), "%d %s, tổ %d", 1 + pick(300),
		    streets[pick(N_(streets))], 1 + pick(20));
		in.address = addr;
	}
	r = pick(100);
	in.channel = r < 65 ? "direct" : r < 93 ? "online" : "postal";
	for (w = 1 + pick(3), r = 0; r < w; r++)
		docs[r] = papers[(r * 2 + pick(2)) % N_(papers)];
	in.documents = docs;
	in.ndocuments = (size_t)w;
	in.at = at;
	desk->actor = d->desk;
	/* hh_desk_new's dossier, recorded at its event time (so within
	 * hh_step_when's limit, which hh_desk_new judges by the clock) */
	if (hh_dossier_new(&d->json, &in, desk->center, procs[i], desk->cal,
	    desk->actor) < 0) {
		fprintf(stderr, "gen: intake: %s\n", hh_error_last());
		exit(1);
	}
	hh_time_civil(hh_time_day(at), &y, &m, &dd);
	snprintf(code, sizeof(code), "%s-%02d%02d%02d-%04d",
	    desk->center->agency_code, y % 100, m, dd, seq);
	cJSON_ReplaceItemInObjectCaseSensitive(d->json, "code",
	    cJSON_CreateString(code));
	emit(d, "intake", d->desk, at);
	schedule(d, at);
}

static int
cmp64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

int
main(int argc, char *argv[])
{
	const struct hh_hours *h;
	char **names = NULL, code[64];
	size_t n, i, k, nn;
	int64_t *times;
	int day, first, last, ndays, seq = 0, lastday = -1;
	double per, acc = 0, rate = 1000, span;
	struct ev e;

	if (argc > 1 && strcmp(argv[1], "--pack") == 0) {
		packmode = 1;
		argv++;
		argc--;
	}
	if (argc != 4 && argc != 5) {
		fprintf(stderr, "usage: gen N DIR END-EPOCH [PER-MONTH] "
		    ">stream\n       gen --pack N DIR END-EPOCH [PER-MONTH]\n");
		return 2;
	}
	n = (size_t)atol(argv[1]);
	end = atoll(argv[3]);
	if (argc == 5 && (rate = atof(argv[4])) < 1) {
		fprintf(stderr, "gen: %s: not a number of dossiers a month\n",
		    argv[4]);
		return 2;
	}
	if (hh_desk_open(&desk, argv[2]) < 0 ||
	    hh_store_list(&names, &nn, desk->store, "procedures") < 0) {
		fprintf(stderr, "gen: %s: %s\n", argv[2], hh_error_last());
		return 1;
	}
	procs = hh_xmalloc(nn * sizeof(*procs));
	weights = hh_xmalloc(nn * sizeof(*weights));
	for (i = 0; i < nn; i++) {
		snprintf(code, sizeof(code), "%.*s",
		    (int)strlen(names[i]) - 5, names[i]);
		if (hh_desk_procedure(&procs[nprocs], desk, code) < 0)
			continue;
		/* same-day and short procedures are the daily bread */
		weights[nprocs] = procs[nprocs]->limit.value == 0 ? 6 :
		    procs[nprocs]->limit.value <= 5 ? 3 : 1;
		totalw += weights[nprocs++];
	}
	hh_mem_strv_free(names);
	for (i = 0; i < desk->center->nstaff && ndesks < 8; i++)
		if (strcmp(desk->center->staff[i].role, "desk") == 0)
			desks[ndesks++] = &desk->center->staff[i];
	if (nprocs == 0 || ndesks == 0) {
		fprintf(stderr, "gen: no procedures or no desk staff\n");
		return 1;
	}

	/* the calendar days back from END that N takes at the rate */
	span = (double)n / rate * (365.2425 / 12);
	last = hh_time_day(end);
	first = last - (int)span + 1;
	if (first > last)
		first = last;
	if (first < hh_time_from_civil(2000, 1, 1))
		first = hh_time_from_civil(2000, 1, 1);
	for (ndays = 0, day = first; day <= last; day++)
		ndays += hh_calendar_working(desk->cal, day, NULL);
	per = (double)n / ndays;
	h = hh_calendar_hours(desk->cal);
	times = hh_xmalloc((size_t)(per + 2) * sizeof(*times));
	if (packmode)
		pack_open(argv[2], hh_store_head(desk->store));
	else
		printf("reset refs/heads/main\nfrom %s\n\n",
		    hh_store_head(desk->store));
	for (day = first, k = 0; day <= last && k < n; day++) {
		if (!hh_calendar_working(desk->cal, day, NULL))
			continue;
		acc += per;
		nn = (size_t)acc;
		acc -= (double)nn;
		if (day == last || k + nn > n)
			nn = n - k;
		times = hh_xrealloc(times, (nn + 1) * sizeof(*times));
		for (i = 0; i < nn; i++) {
			int mins = h->am_end - h->am_start + h->pm_end -
			    h->pm_start, x = pick(mins);

			x += x < h->am_end - h->am_start ? h->am_start :
			    h->pm_start - (h->am_end - h->am_start);
			times[i] = hh_time_make(day, x) + pick(60);
		}
		qsort(times, nn, sizeof(*times), cmp64);
		for (i = 0; i < nn; i++, k++) {
			/* the steps due before this intake go first */
			while (nheap > 0 && heap[0].at <= times[i]) {
				e = pop();
				step(e.d);
			}
			if (times[i] > end)
				break;
			seq = day == lastday ? seq + 1 : 1;
			lastday = day;
			intake(times[i], seq);
		}
	}
	while (nheap > 0) {
		e = pop();
		step(e.d);
	}
	fprintf(stderr, "gen: %zu dossiers from %d days\n", k, ndays);
	if (packmode)
		pack_close();
	free(times);
	hh_desk_free(desk);
	return 0;
}
