# layers.sh - the library's layers as hh(7) ARCHITECTURE draws them, proved
# on the built objects.  Run by make check-layers, which passes the layers'
# object lists (CORE, SYS, STORE, DESK), CC and HHFLAGS.
set -eu
ntest=0
nfail=0
ok() { ntest=$((ntest + 1)); echo "ok $ntest - $1"; }
notok() { ntest=$((ntest + 1)); nfail=$((nfail + 1)); echo "not ok $ntest - $1"; }

# What a core object may call besides the core, cJSON and libqrencode's
# QRcode_* (pure computation: the receipt's QR code) and libsodium's crypto_*
# and sodium_* (signatures, hashes, base64): memory, strings,
# numbers, and formatting into memory.  No file, descriptor, environment,
# clock, process or terminal.
LIBC='abort calloc free malloc realloc qsort
memchr memcmp memcpy memmove memset
strchr strcmp strcspn strlen strncat strncmp strncpy strpbrk strrchr strspn
strstr
strtod strtok_r strtol strtoll strtoul
snprintf vsnprintf __isoc99_sscanf sscanf
open_memstream fclose fprintf fputc fputs fwrite
ceil floor fmod llround lround round sin cos
__assert_fail __stack_chk_fail'

T=$(mktemp -d "${TMPDIR:-/tmp}/hh-layers.XXXXXX")
trap 'rm -rf "$T"' EXIT

echo "1..4"

# 1. each file includes its own layer's header and nothing else of hh's
bad=
layer() {
	h=$1; shift
	for o; do
		c=${o%.o}.c
		got=$(sed -n 's/^#include "\(.*\)"/\1/p' "$c" | tr '\n' ' ')
		[ "$got" = "$h " ] || bad="$bad $c($got)"
	done
}
layer core.h $CORE
layer sys.h $SYS
layer store.h $STORE
layer desk.h $DESK
for pair in core.h: sys.h:core.h store.h:sys.h desk.h:store.h hh.h:desk.h; do
	h=lib/${pair%%:*}
	want=${pair#*:}
	got=$(sed -n 's/^#include "\(.*\)"/\1/p' "$h" | tr '\n' ' ')
	[ "$got" = "${want:+$want }" ] || bad="$bad $h($got)"
done
if [ -z "$bad" ]; then ok "every file includes its layer's header alone"; else
	notok "every file includes its layer's header alone"
	echo "#   wrong:$bad"
fi

# 2. the core objects call only the core, cJSON and pure libc
for o in $CORE; do nm --defined-only "$o"; done |
    awk '$2 ~ /^[TDRB]$/ { print $3 }' | sort -u >"$T/defined"
printf '%s\n' $LIBC | sort -u >"$T/libc"
for o in $CORE; do nm -u "$o" | awk -v o="$o" '{ print $2, o }'; done |
    sort -u >"$T/used"
cat "$T/defined" "$T/libc" >"$T/allowed"
# A sanitizer's hooks are the build's, not the code's; a fortified call
# (__fprintf_chk) is the function it checks.
awk 'NR == FNR { ok[$1] = 1; next }
    { f = $1 }
    f ~ /^__(asan|ubsan|sanitizer|lsan)_/ { next }
    f ~ /^__[a-z_]+_chk$/ { f = substr(f, 3, length(f) - 6) }
    !(f in ok) && f !~ /^cJSON_/ && f !~ /^QRcode_/ && f !~ /^(crypto|sodium)_/' "$T/allowed" "$T/used" >"$T/outside"
if [ ! -s "$T/outside" ]; then ok "the core calls only the core, cJSON, QRcode_*, libsodium and pure libc"
else
	notok "the core calls only the core, cJSON, QRcode_*, libsodium and pure libc"
	sed 's/^/#   /' "$T/outside" | head -20
fi

# 3. a core file calling the store does not compile
printf '#include "core.h"\nint f(void);\nint\nf(void)\n{\n\treturn hh_store_open(0, "records");\n}\n' >"$T/probe.c"
if $CC $HHFLAGS -fsyntax-only "$T/probe.c" 2>"$T/err"; then
	notok "a core file calling hh_store_open fails to build"
elif grep -q "hh_store_open" "$T/err"; then
	ok "a core file calling hh_store_open fails to build"
else
	notok "a core file calling hh_store_open fails to build (for another reason)"
	sed 's/^/#   /' "$T/err" | head -5
fi

# 4. ... and neither does one asking for the desk's types
printf '#include "core.h"\nint f(struct hh_desk *d);\nint\nf(struct hh_desk *d)\n{\n\treturn d->actor != 0;\n}\n' >"$T/probe2.c"
if $CC $HHFLAGS -fsyntax-only "$T/probe2.c" 2>"$T/err"; then
	notok "a core file reading struct hh_desk fails to build"
else
	ok "a core file reading struct hh_desk fails to build"
fi


[ "$nfail" = 0 ]
