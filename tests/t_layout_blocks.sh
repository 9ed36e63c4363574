#!/usr/bin/env bash
# t_layout_blocks.sh: the blocks beyond paragraphs, one small source per
# feature (tests/layout/FEATURE.xml) against its box dump (FEATURE.layout),
# and the example report (xml/beispiel-bericht.xml) against its golden
# dumps; what each feature promises, read off the dumps; the example's PDF
# through the PDF/A and PDF/UA checkers. Refresh the dumps with
# `make refresh-references` after an intended change.
cd "$(dirname "$0")/.." || exit 2
. tests/lib.sh
PY=/usr/bin/python3

for src in tests/layout/*.xml; do
	name=$(basename "$src" .xml)
	if "$VORLAGE" layout "$src" >"$T/$name.layout" 2>"$T/$name.err" &&
		diff -u "${src%.xml}.layout" "$T/$name.layout" >"$T/$name.diff" && [ ! -s "$T/$name.err" ]; then
		ok "layout-block-$name"
	else
		fail "layout-block-$name" "$(head -12 "$T/$name.diff" "$T/$name.err" | tr '\n' ' ')"
	fi
done

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

# the pages of a dump that hold a text item "WORD"
pages_with() { awk -v w="\"$2\"" '$1 == "page" { p = $2 } $1 == "text" && index($0, w) { print p }' "$1" | sort -u; }

# a long table: its header ("Betrag") on each of its pages, every row once
d=$T/tabelle.layout
expect table-header-repeated test "$(pages_with "$d" Betrag | wc -l)" -ge 2
expect table-rows-once test "$(grep -c ' "Zeile"' "$d")" -eq 60
# a footnote longer than the room left continues on the next page
d=$T/fussnoten.layout
expect notes-on-several-pages test "$(pages_with "$d" Anmerkung | wc -l)" -ge 2
expect long-note-continues test "$(pages_with "$d" weitergeht. | wc -l)" -ge 2
# sections numbered by the template; a reference prints the number
d=$T/abschnitte.layout
expect sections-numbered test "$(grep -c '"1.1.1' "$d")" -ge 2
# links carried onto their text
expect links-on-text grep -q 'link "mailto:info@example.org"' "$T/verweise.layout"
# five figures, none lost, the floated ones in their order
expect figures-all-placed test "$(grep -c '^  image ' "$T/abbildung.layout")" -eq 5
# enclosures after the closing, on the letter's page
expect enclosures-on-letter test "$(pages_with "$T/anlagen.layout" Anlagen)" = 0
# every word of the list's items is printed: 27 letters, "aa)" after "z)"
expect list-markers-letters grep -q '"aa)"' "$T/listen.layout"
expect list-markers-roman grep -q '"iii."' "$T/listen.layout"

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

# the blocks' measures come from the template (bericht/fussnoten, tabellen,
# abbildungen, listen; anschreiben/anlagen): without those elements the
# defaults give today's layout; changed values move what they name
grep -v -e '^    <fussnoten ' -e '^    <tabellen ' -e '^    <abbildungen ' -e '^    <listen ' \
	-e '^    <anlagen ' templates/landtag-nrw.xml >"$T/tpl-defaults.xml"
sed -e 's/<fussnoten groessePt="9"/<fussnoten groessePt="8"/' -e 's/innenabstandPt="3"/innenabstandPt="6"/' \
	-e 's/aufloesungPpi="150"/aufloesungPpi="300"/' -e 's/<listen einzugMm="6"/<listen einzugMm="12"/' \
	-e 's/<anlagen einzugMm="5"/<anlagen einzugMm="10"/' templates/landtag-nrw.xml >"$T/tpl-changed.xml"
for name in fussnoten tabelle abbildung listen anlagen; do
	"$VORLAGE" layout "tests/layout/$name.xml" -t "$T/tpl-defaults.xml" >"$T/$name.dflt" 2>&1
	expect "template-defaults-$name" cmp -s "$T/$name.dflt" "tests/layout/$name.layout"
	"$VORLAGE" layout "tests/layout/$name.xml" -t "$T/tpl-changed.xml" >"$T/$name.chg" 2>&1
	expect "template-changes-$name" bash -c '! cmp -s "$0" "$1"' "$T/$name.chg" "tests/layout/$name.layout"
done
expect template-note-size grep -q ' size 524288 ' "$T/fussnoten.chg"
# 300 pixels an inch: the first figure half as wide as at 150
w150=$(awk '$1 == "image" { print $4; exit }' tests/layout/abbildung.layout)
w300=$(awk '$1 == "image" { print $4; exit }' "$T/abbildung.chg")
expect template-figure-ppi test "$((w150 / 2))" -eq "$w300"
# a footnote leading under the footnote size is refused like a style's
sed 's/<fussnoten groessePt="9"/<fussnoten groessePt="12"/' templates/landtag-nrw.xml >"$T/tpl-notes.xml"
expect template-note-leading bash -c '! "$0" layout tests/layout/fussnoten.xml -t "$1" >/dev/null 2>"$2" &&
	grep -q "tpl-notes.xml:[0-9]*:[0-9]*: error: style .fussnoten.: leading 11 pt" "$2"' \
	"$VORLAGE" "$T/tpl-notes.xml" "$T/tpl-notes.err"
