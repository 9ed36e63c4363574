#!/usr/bin/env bash
# t_pdfa.sh: PDF/A-1b output (src/pdf/pdfa.c) against tests/pdfa_check.py.
#  - a PDF made with plain libharu and its own PDF/A helper must be REJECTED;
#  - a document drawn by render_pdf() (tests/fixtures/pdfa_sample.c, built
#    here from the sources) passes, is byte-identical when made twice, and its
#    --no-archival twin is plain;
#  - copies of it broken one way each (tests/fixtures/pdfa_mutate.py) fail;
#  - the program's Vorlage passes too.
set -u
cd "$(dirname "$0")/.."
. tests/lib.sh
PY=/usr/bin/python3
CHECK="$PY tests/pdfa_check.py"
D="$T/pdfa"
rm -rf "$D"; mkdir -p "$D"
ICC=/usr/share/color/icc/sRGB.icc
FONT=fonts/LiberationSans-Regular.ttf
[ -f "$FONT" ] || FONT=/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf

# 1. libharu alone
if cc -std=c11 -o "$D/plain_libharu" tests/fixtures/plain_libharu.c -lhpdf 2>"$D/cc1.log" &&
   "$D/plain_libharu" "$FONT" "$D/libharu.pdf" "$ICC" 2>>"$D/cc1.log"; then
	out=$($CHECK "$D/libharu.pdf"); rc=$?
	if [ $rc -eq 1 ] && printf '%s\n' "$out" | grep -q '^FAIL metadata-stream' &&
	   printf '%s\n' "$out" | grep -q '^FAIL cidset'; then
		ok libharu-pdfa-rejected
	else
		fail libharu-pdfa-rejected "checker exit $rc: $(printf '%s' "$out" | grep FAIL | tr '\n' ' ')"
	fi
else
	fail libharu-pdfa-rejected "cannot build or run plain_libharu: $(head -3 "$D/cc1.log")"
fi

# 2. render_pdf + pdfa_apply, built from the sources (the rest of the program
#    need not compile); with ASan/UBSan when available.
SRCS="tests/fixtures/pdfa_sample.c $(echo src/pdf/*.c src/base/*.c) src/engine/layout.c"
CFL="-std=c11 -D_POSIX_C_SOURCE=200809L -O1 -g -Isrc"
SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"
if ! cc $CFL $SAN -o "$D/sample" $SRCS -lhpdf -lpng -lz -lm 2>"$D/cc2.log"; then
	cc $CFL -o "$D/sample" $SRCS -lhpdf -lpng -lz -lm 2>"$D/cc2.log"
fi
if [ -x "$D/sample" ] && "$D/sample" "$D/a1.pdf" 2>"$D/run.log"; then
	out=$($CHECK "$D/a1.pdf"); rc=$?
	if [ $rc -eq 0 ]; then ok sample-pdfa; else fail sample-pdfa "$(printf '%s' "$out" | grep FAIL | tr '\n' ' ')"; fi
	sleep 1  # a second later: nothing may depend on the clock
	"$D/sample" "$D/a2.pdf" 2>>"$D/run.log"
	h1=$(sha256sum <"$D/a1.pdf"); h2=$(sha256sum <"$D/a2.pdf" 2>/dev/null)
	expect sample-reproducible test "$h1" = "$h2"
	if "$D/sample" "$D/p1.pdf" --no-archival 2>>"$D/run.log"; then
		out=$($CHECK --expect-plain "$D/p1.pdf"); rc=$?
		if [ $rc -eq 0 ]; then ok sample-plain; else fail sample-plain "$(printf '%s' "$out" | grep FAIL | tr '\n' ' ')"; fi
	else
		fail sample-plain "sample --no-archival failed: $(head -3 "$D/run.log")"
	fi
	printf '\x00\x00\x1b\x0a' >"$D/bad.icc"
	if "$D/sample" "$D/bad.pdf" --icc "$D/bad.icc" 2>>"$D/run.log"; then
		fail sample-bad-icc "accepted a broken ICC profile"
	else
		expect sample-bad-icc test ! -e "$D/bad.pdf"
	fi
	# 3. the checker notices each kind of breakage
	for m in cidset-drop cidset-extra info-title xmp-date annot-noflag smask unembed icc-v4 lzw-free-js; do
		if $PY tests/fixtures/pdfa_mutate.py "$D/a1.pdf" "$D/m-$m.pdf" "$m" 2>"$D/mut.log"; then
			if $CHECK "$D/m-$m.pdf" >/dev/null; then fail "checker-catches-$m"; else ok "checker-catches-$m"; fi
		else
			fail "checker-catches-$m" "mutation failed: $(head -2 "$D/mut.log")"
		fi
	done
else
	fail sample-pdfa "cannot build or run the sample: $(head -5 "$D/cc2.log" "$D/run.log" 2>/dev/null)"
fi

# 4. the program itself, once it builds
SRC=xml/vorlage-18-1828.xml
PROG=${VORLAGE:-build/asan/vorlage}
if [ ! -x "$PROG" ]; then
	fail program-pdfa "$PROG not built"
else
	if "$PROG" build "$SRC" -o "$D/v1.pdf" 2>"$D/prog.log"; then
		out=$($CHECK "$D/v1.pdf"); rc=$?
		if [ $rc -eq 0 ]; then ok program-pdfa; else fail program-pdfa "$(printf '%s' "$out" | grep FAIL | tr '\n' ' ')"; fi
		"$PROG" build "$SRC" -o "$D/v2.pdf" 2>>"$D/prog.log"
		expect program-reproducible cmp -s "$D/v1.pdf" "$D/v2.pdf"
		if "$PROG" build "$SRC" -o "$D/v3.pdf" --no-archival 2>>"$D/prog.log"; then
			if $CHECK --expect-plain "$D/v3.pdf" >/dev/null; then ok program-plain; else fail program-plain; fi
		else
			fail program-plain "$(head -3 "$D/prog.log")"
		fi
	else
		fail program-pdfa "vorlage build failed: $(head -5 "$D/prog.log")"
	fi
fi
