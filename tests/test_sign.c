/* test_sign - the signing key, SSH signatures and allowed_signers, against
 * what OpenSSH itself makes of the same key (ssh-keygen 9.2) */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "hh.h"
#include "sandbox.h"

/* the key of seed 07 07 ... 07, and what ssh-keygen printed for it */
static const char pub_text[] = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOpKbGPi"
    "nFIKvvVQexMuxfmVR3auvr57kkIe6mkURtIs";
static const char fingerprint[] =
    "SHA256:z/fSv0Z0RZS+Lccbc6ZoOWwt/fbj1VFJGSBKQbo4icE";
/* ssh-keygen -Y sign -n git -f key msg, msg = "hello\n" */
static const char ssh_sig[] =
"-----BEGIN SSH SIGNATURE-----\n"
"U1NIU0lHAAAAAQAAADMAAAALc3NoLWVkMjU1MTkAAAAg6kpsY+KcUgq+9VB7Ey7F+ZVHdq\n"
"6+vnuSQh7qaRRG0iwAAAADZ2l0AAAAAAAAAAZzaGE1MTIAAABTAAAAC3NzaC1lZDI1NTE5\n"
"AAAAQA/O4as7wjTxSEfG1yqonyRO8bqWE+BzcYKtfy5UrV4l3Og0luN4a0FneoiI2XP6Io\n"
"QK+IVPTqtRNjfGZCZRMA8=\n"
"-----END SSH SIGNATURE-----\n";

static void
seven(struct hh_key *k)
{
	unsigned char seed[HH_KEY_SEED];

	memset(seed, 7, sizeof(seed));
	hh_key_from_seed(k, seed);
}

static void
test_sign__key_file(void **state)
{
	struct hh_key k, back;
	char *text, *pub, fp[HH_KEY_FPMAX];
	unsigned char p[HH_KEY_PUB];

	(void)state;
	seven(&k);
	pub = hh_key_public_text(k.pub);
	assert_string_equal(pub, pub_text);
	assert_int_equal(hh_key_public_parse(p, pub, strlen(pub)), HH_OK);
	assert_memory_equal(p, k.pub, HH_KEY_PUB);
	free(pub);
	hh_key_fingerprint(fp, k.pub);
	assert_string_equal(fp, fingerprint);
	text = hh_key_private_text(&k, "test@hh");
	assert_non_null(strstr(text, "-----BEGIN OPENSSH PRIVATE KEY-----\n"));
	assert_int_equal(hh_key_parse(&back, text, strlen(text)), HH_OK);
	assert_memory_equal(&back, &k, sizeof(k));
	/* one byte of the secret changed: the halves no longer agree */
	text[100] = text[100] == 'A' ? 'B' : 'A';
	assert_int_equal(hh_key_parse(&back, text, strlen(text)), HH_EINVALID);
	free(text);
	assert_int_equal(hh_key_parse(&back, pub_text, strlen(pub_text)),
	    HH_EINVALID);
	sandbox_error("not an OpenSSH private key");
	assert_int_equal(hh_key_public_parse(p, "ssh-rsa AAAA", 12),
	    HH_EINVALID);
	sandbox_error("not an ssh-ed25519 key");
}

static void
test_sign__ssh_keygen_agrees(void **state)
{
	struct hh_key k;
	unsigned char pub[HH_KEY_PUB];
	char *sig, *end;

	(void)state;
	seven(&k);
	/* Ed25519 is deterministic: the very bytes ssh-keygen made */
	sig = hh_key_sign(&k, "hello\n", 6);
	assert_string_equal(sig, ssh_sig);
	free(sig);
	assert_int_equal(hh_key_verify(pub, ssh_sig, strlen(ssh_sig),
	    "hello\n", 6), HH_OK);
	assert_memory_equal(pub, k.pub, HH_KEY_PUB);
	/* as git keeps it in the header: without the last line end */
	sig = hh_xstrdup(ssh_sig);
	end = strrchr(sig, '\n');
	*end = '\0';
	assert_int_equal(hh_key_verify(pub, sig, strlen(sig), "hello\n", 6),
	    HH_OK);
	free(sig);
	assert_int_equal(hh_key_verify(pub, ssh_sig, strlen(ssh_sig),
	    "hellO\n", 6), HH_EINVALID);
	sandbox_error("the signature does not match the commit (made for "
	    "other contents)");
}

static void
test_sign__bad_signatures(void **state)
{
	static const char *const bad[] = {
		"",
		"-----BEGIN SSH SIGNATURE-----\n",
		"-----BEGIN SSH SIGNATURE-----\n!!!!\n"
		"-----END SSH SIGNATURE-----\n",
		"-----BEGIN SSH SIGNATURE-----\nU1NIU0lH\n"
		"-----END SSH SIGNATURE-----\n",
		"-----BEGIN PGP SIGNATURE-----\nU1NIU0lH\n"
		"-----END PGP SIGNATURE-----\n",
	};
	unsigned char pub[HH_KEY_PUB];
	char *s;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(hh_key_verify(pub, bad[i], strlen(bad[i]),
		    "x", 1), HH_EINVALID);
	/* text after the armor */
	s = hh_xasprintf("%sjunk\n", ssh_sig);
	assert_int_equal(hh_key_verify(pub, s, strlen(s), "hello\n", 6),
	    HH_EINVALID);
	free(s);
	/* another namespace ("file" for ssh-keygen -n file): the same blob
	 * with "git" spelt otherwise fails to parse or to verify */
	s = hh_xstrdup(ssh_sig);
	s[30 + 66] = s[30 + 66] == 'A' ? 'B' : 'A';
	assert_int_equal(hh_key_verify(pub, s, strlen(s), "hello\n", 6),
	    HH_EINVALID);
	free(s);
}

static void
test_sign__signers(void **state)
{
	struct hh_signers *sg = (struct hh_signers *)&sg;
	struct hh_key k, other;
	unsigned char seed[HH_KEY_SEED];
	char *text, t[HH_TIME_MAX], fp[HH_KEY_FPMAX];
	int64_t t0;

	(void)state;
	seven(&k);
	memset(seed, 9, sizeof(seed));
	hh_key_from_seed(&other, seed);
	assert_int_equal(hh_time_parse(&t0, "2016-10-01T08:00:00+07:00"), 0);
	hh_signers_time(t, t0);
	assert_string_equal(t, "20161001010000Z");
	text = hh_xasprintf("# comment\n\n"
	    "H54 namespaces=\"git\",valid-before=\"20161001010000Z\" %s\n"
	    "H54 namespaces=\"git\",valid-after=\"20161001010000Z\" "
	    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOpKbGPinFIKvvVQexMuxfmVR3a"
	    "uvr57kkIe6mkURtIs a comment\n", pub_text);
	assert_int_equal(hh_signers_parse(&sg, text, strlen(text)), HH_OK);
	free(text);
	assert_int_equal(sg->n, 2);
	assert_string_equal(sg->v[0].principal, "H54");
	assert_true(sg->v[0].before == t0 && sg->v[0].after == 0);
	assert_true(sg->v[1].after == t0 && sg->v[1].before == 0);
	/* both lines are the same key: valid at every instant */
	assert_int_equal(hh_signers_allow(sg, k.pub, t0 - 86400), HH_OK);
	assert_int_equal(hh_signers_allow(sg, k.pub, t0), HH_OK);
	assert_int_equal(hh_signers_allow(sg, other.pub, t0), HH_EREFUSED);
	hh_key_fingerprint(fp, other.pub);
	text = hh_xasprintf("signed by %s, a key allowed_signers does not list",
	    fp);
	sandbox_error(text);
	free(text);
	hh_signers_free(sg);
	/* one key until t0: at t0 still, a second later no more */
	text = hh_xasprintf("H54 valid-before=\"20161001010000Z\" %s\n",
	    pub_text);
	assert_int_equal(hh_signers_parse(&sg, text, strlen(text)), HH_OK);
	free(text);
	assert_int_equal(hh_signers_allow(sg, k.pub, t0), HH_OK);
	assert_int_equal(hh_signers_allow(sg, k.pub, t0 + 1), HH_EREFUSED);
	sandbox_error("signed by SHA256:z/fSv0Z0RZS+Lccbc6ZoOWwt/fbj1VFJGSBKQbo4"
	    "icE at 2016-10-01T08:00:01+07:00, when allowed_signers did not "
	    "allow it (valid-before)");
	hh_signers_free(sg);
	text = hh_xasprintf("H54 valid-after=\"20161001\" %s\n", pub_text);
	assert_int_equal(hh_signers_parse(&sg, text, strlen(text)), HH_EINVALID);
	sandbox_error("allowed_signers line 1: not \"PRINCIPAL [namespaces="
	    "\"git\",valid-after=\"YYYYMMDDHHMMSSZ\",valid-before=\"...\"] "
	    "ssh-ed25519 KEY\"");
	assert_null(sg);
	free(text);
	text = hh_xasprintf("H54 cert-authority %s\n", pub_text);
	assert_int_equal(hh_signers_parse(&sg, text, strlen(text)), HH_EINVALID);
	free(text);
	text = hh_xasprintf("%s\n", pub_text);	/* no principal */
	assert_int_equal(hh_signers_parse(&sg, text, strlen(text)), HH_EINVALID);
	free(text);
}

int
main(int argc, char *argv[])
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sign__key_file),
		cmocka_unit_test(test_sign__ssh_keygen_agrees),
		cmocka_unit_test(test_sign__bad_signatures),
		cmocka_unit_test(test_sign__signers),
	};

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("sign", tests, NULL, NULL);
}
