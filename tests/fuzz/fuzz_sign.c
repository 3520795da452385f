/* fuzz_sign - what a forged commit or tree can hand hh-check: an SSH
 * signature over a commit (hh_key_verify), an allowed_signers file
 * (hh_signers_parse) and a private key file (hh_key_parse).  The input's
 * first byte chooses which; none may crash, and what parses is whole. */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hh_signers *sg = NULL;
	struct hh_key k;
	unsigned char pub[HH_KEY_PUB];
	const char *text = (const char *)data + 1;
	size_t i, n = size ? size - 1 : 0;

	if (size == 0)
		return 0;
	switch (data[0] % 3) {
	case 0:
		/* the signature's commit: the input itself */
		(void)hh_key_verify(pub, text, n, text, n);
		break;
	case 1:
		if (hh_signers_parse(&sg, text, n) < 0) {
			if (sg != NULL)
				abort();
			return 0;
		}
		for (i = 0; i < sg->n; i++)
			if (sg->v[i].principal == NULL ||
			    *sg->v[i].principal == '\0')
				abort();
		(void)hh_signers_allow(sg, pub, 0);
		hh_signers_free(sg);
		break;
	default:
		if (hh_key_parse(&k, text, n) == HH_OK) {
			/* a key it takes is one it writes back the same */
			char *again = hh_key_private_text(&k, "x");
			struct hh_key k2;

			if (hh_key_parse(&k2, again, strlen(again)) < 0 ||
			    memcmp(&k, &k2, sizeof(k)) != 0)
				abort();
			free(again);
		}
		break;
	}
	return 0;
}
