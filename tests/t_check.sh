#!/usr/bin/env bash
# t_check.sh: `vorlage check` and `vorlage dump` on what tests/regress
# (t_regress.sh, one small source a case with its exact messages) cannot
# hold: the real source, the schema read by xmllint, sources too large to
# commit (made here), the golden model dump.
cd "$(dirname "$0")/.." || exit 2
. tests/lib.sh

# run_check FILE: runs `check`, leaves stdout, stderr and the exit code in $T
run_check() {
	"$VORLAGE" check "$1" >"$T/check.out" 2>"$T/check.err"
	echo $? >"$T/check.rc"
}

# The real source: exit 0, nothing printed at all.
for f in xml/vorlage-18-1828.xml; do
	name=check-valid-$(basename "$f" .xml)
	run_check "$f"
	if [ "$(cat "$T/check.rc")" = 0 ] && [ ! -s "$T/check.out" ] && [ ! -s "$T/check.err" ]; then
		ok "$name"
	else
		fail "$name" "exit $(cat "$T/check.rc"): $(head -5 "$T/check.err")"
	fi
done

# The schema itself accepts the real source (independently of our loader).
if ! command -v xmllint >/dev/null; then
	fail check-xmllint-schema "xmllint not found (Debian package libxml2-utils)"
else
	if xmllint --noout --nonet --schema xml/vorlage.xsd xml/vorlage-18-1828.xml 2>"$T/xmllint.err"; then
		ok check-xmllint-schema
	else
		fail check-xmllint-schema "$(head -5 "$T/xmllint.err")"
	fi
fi

# Deep nesting: ~160 KB, 10000 nested zitat/betont: the depth error, fast,
# no stack overflow.
{
	sed -n '1,/<frage/p' tests/regress/valid/minimal.xml
	printf '<absatz>'
	for ((i = 0; i < 5000; i++)); do printf '<zitat><betont>'; done
	printf 'tief'
	for ((i = 0; i < 5000; i++)); do printf '</betont></zitat>'; done
	printf '</absatz>\n'
	sed -n '/<\/frage>/,$p' tests/regress/valid/minimal.xml
} >"$T/deep.xml"
start=$(date +%s)
timeout 20 "$VORLAGE" check "$T/deep.xml" >"$T/check.out" 2>"$T/check.err"
rc=$?
secs=$(($(date +%s) - start))
if [ "$rc" = 1 ] && [ "$secs" -le 5 ] && [ ! -s "$T/check.out" ] &&
	[ "$(wc -l <"$T/check.err")" = 1 ] &&
	grep -q "^$T/deep.xml:[0-9]*:[0-9]*: error: document nested too deeply (more than 64 levels)$" "$T/check.err"; then
	ok check-deep-10000
else
	fail check-deep-10000 "exit $rc after ${secs}s: $(head -3 "$T/check.err")"
fi

# Larger than VL_MAX_INPUT_BYTES (8 MiB): refused before parsing, exit 1.
head -c 9000000 /dev/zero | tr '\0' ' ' >"$T/big.xml"
run_check "$T/big.xml"
if [ "$(cat "$T/check.rc")" = 1 ] && [ ! -s "$T/check.out" ] &&
	[ "$(cat "$T/check.err")" = "$T/big.xml: error: document too large: 9000000 bytes (the limit is 8388608)" ]; then
	ok check-too-large
else
	fail check-too-large "exit $(cat "$T/check.rc"): $(head -3 "$T/check.err")"
fi
rm -f "$T/big.xml"

# The golden dump of the real source.
if "$VORLAGE" dump xml/vorlage-18-1828.xml >"$T/dump.out" 2>"$T/dump.err" &&
	diff -u tests/golden/vorlage-18-1828.dump "$T/dump.out" >"$T/dump.diff"; then
	ok dump-golden
else
	fail dump-golden "$(head -3 "$T/dump.err")"
	head -40 "$T/dump.diff"
fi
