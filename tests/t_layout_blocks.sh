#!/usr/bin/env bash
# t_layout_blocks.sh: the example report (xml/beispiel-bericht.xml), which
# uses every block beyond paragraphs, against its golden dumps, and its PDF
# through the PDF/A and PDF/UA checkers. (The blocks one feature at a time:
# tests/regress, run by t_regress.sh; what they promise: t_regress_props.sh.)
# Refresh the dumps with `make refresh-references` after an intended change.
cd "$(dirname "$0")/.." || exit 2
. tests/lib.sh
PY=/usr/bin/python3

if "$VORLAGE" layout xml/beispiel-bericht.xml >"$T/beispiel.layout" 2>"$T/beispiel.err" &&
	diff -u tests/golden/beispiel-bericht.layout "$T/beispiel.layout" >"$T/beispiel.diff"; then
	ok layout-golden-beispiel
else
	fail layout-golden-beispiel "$(head -12 "$T/beispiel.diff" "$T/beispiel.err" | tr '\n' ' ')"
fi
if "$VORLAGE" dump xml/beispiel-bericht.xml >"$T/beispiel.dump" 2>"$T/beispiel-dump.err" &&
	diff -u tests/golden/beispiel-bericht.dump "$T/beispiel.dump" >"$T/beispiel-dump.diff"; then
	ok dump-golden-beispiel
else
	fail dump-golden-beispiel "$(head -12 "$T/beispiel-dump.diff" | tr '\n' ' ')"
fi

# the example as PDF: archival and accessible by our checkers
if "$VORLAGE" build xml/beispiel-bericht.xml -o "$T/beispiel.pdf" -q 2>"$T/build.err"; then
	ok build-beispiel
	for chk in pdfa_check pdfua_check; do
		if $PY tests/$chk.py "$T/beispiel.pdf" >"$T/$chk.out" 2>&1 && ! grep -q '^FAIL' "$T/$chk.out"; then
			ok "beispiel-$chk"
		else
			fail "beispiel-$chk" "$(grep -m3 '^FAIL' "$T/$chk.out" | tr '\n' ' ')"
		fi
	done
else
	fail build-beispiel "$(head -3 "$T/build.err")"
fi
