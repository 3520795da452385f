/* sigcost.c - what a signature costs hh: one signing (every commit) and
 * one verification (hh-check, every commit), of a commit of typical size,
 * in microseconds (the median of 9 rounds of 2000).  make bench prints it
 * beside hh-check's figure: the trees of make bench come from git
 * fast-import, which (git 2.39) cannot carry signatures.
 *
 * usage: sigcost
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hh.h"

#define ROUNDS 9
#define EACH 2000

static double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int
main(void)
{
	struct hh_key k;
	unsigned char seed[HH_KEY_SEED], pub[HH_KEY_PUB];
	char commit[460], *sig = NULL;
	double sign[ROUNDS], verify[ROUNDS], t;
	int r, i;

	memset(seed, 1, sizeof(seed));
	hh_key_from_seed(&k, seed);
	/* a commit's header and message are some 450 bytes */
	memset(commit, 'x', sizeof(commit) - 1);
	commit[sizeof(commit) - 1] = '\0';
	for (r = 0; r < ROUNDS; r++) {
		t = now_us();
		for (i = 0; i < EACH; i++) {
			free(sig);
			commit[i % 400] ^= 1;
			sig = hh_key_sign(&k, commit, strlen(commit));
		}
		sign[r] = (now_us() - t) / EACH;
		t = now_us();
		for (i = 0; i < EACH; i++)
			if (hh_key_verify(pub, sig, strlen(sig), commit,
			    strlen(commit)) < 0)
				return 1;
		verify[r] = (now_us() - t) / EACH;
	}
	free(sig);
	qsort(sign, ROUNDS, sizeof(double), cmp);
	qsort(verify, ROUNDS, sizeof(double), cmp);
	printf("%.1f %.1f\n", sign[ROUNDS / 2], verify[ROUNDS / 2]);
	return 0;
}
