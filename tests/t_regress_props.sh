#!/usr/bin/env bash
# t_regress_props.sh: what the feature cases of tests/regress promise, read
# off their box dumps (the goldens say what the layout is; this says what it
# must be, whatever a refresh writes); and the measures the template gives
# the blocks. The dumps are made here, in the default form (scaled points,
# every page), so that the page numbers and lengths are exact.
cd "$(dirname "$0")/.." || exit 2
. tests/lib.sh
R=tests/regress

dump() { # CASE: the default box dump of tests/regress/CASE.xml into $T/BASENAME.layout
	local d=$T/$(basename "$1").layout
	"$VORLAGE" layout "$R/$1.xml" >"$d" 2>"$d.err" || echo "  layout $1 failed: $(head -c 300 "$d.err")"
	echo "$d"
}

# the pages of a dump that hold a text item "WORD"
pages_with() { awk -v w="\"$2\"" '$1 == "page" { p = $2 } $1 == "text" && index($0, w) { print p }' "$1" | sort -u; }

# a long table: its header ("Betrag") on each of its pages, every row once
d=$(dump tabelle/long)
expect table-header-repeated test "$(pages_with "$d" Betrag | wc -l)" -ge 2
expect table-rows-once test "$(grep -c ' "Zeile"' "$d")" -eq 60
# a footnote longer than the room left continues on the next page
d=$(dump fussnoten/continued)
expect notes-on-several-pages test "$(pages_with "$d" Anmerkung | wc -l)" -ge 2
expect long-note-continues test "$(pages_with "$d" weitergeht. | wc -l)" -ge 2
# every note starts on the page of its mark, and nothing of the text area
# (text, a floated figure, a line forced below one) reaches into the notes
for c in continued bild-ueber-fortsetzung mehrere-im-absatz nach-geteilter zeile-unter-bild; do
	"$VORLAGE" layout "$R/fussnoten/$c.xml" --no-letter --points >"$T/notes-$c.layout" 2>&1
	out=$(/usr/bin/python3 tests/notes_check.py "$T/notes-$c.layout")
	expect "notes-on-their-page-$c" test -z "$out" -a -s "$T/notes-$c.layout"
	[ -z "$out" ] || printf '  %s\n' "$out" | head -3
done
# sections numbered by the template; a reference prints the number
d=$(dump abschnitte/numbered)
expect sections-numbered test "$(grep -c '"1.1.1' "$d")" -ge 2
# links carried onto their text
expect links-on-text grep -q 'link "mailto:info@example.org"' "$(dump verweise/links)"
# five figures, none lost, the floated ones in their order
figures=$(dump abbildung/floats)
expect figures-all-placed test "$(grep -c '^  image ' "$figures")" -eq 5
# enclosures after the closing, on the letter's page
expect enclosures-on-letter test "$(pages_with "$(dump anlagen/enclosures)" Anlagen)" = 0
# every word of the list's items is printed: 27 letters, "aa)" after "z)"
d=$(dump listen/nested)
expect list-markers-letters grep -q '"aa)"' "$d"
expect list-markers-roman grep -q '"iii."' "$d"

# the blocks' measures come from the template (bericht/fussnoten, tabellen,
# abbildungen, listen; anschreiben/anlagen): without those elements the
# defaults give today's layout (the case's golden); changed values move
# what they name
grep -v -e '^    <fussnoten ' -e '^    <tabellen ' -e '^    <abbildungen ' -e '^    <listen ' \
	-e '^    <anlagen ' templates/landtag-nrw.xml >"$T/tpl-defaults.xml"
sed -e 's/<fussnoten groessePt="9"/<fussnoten groessePt="8"/' -e 's/innenabstandPt="3"/innenabstandPt="6"/' \
	-e 's/aufloesungPpi="150"/aufloesungPpi="300"/' -e 's/<listen einzugMm="6"/<listen einzugMm="12"/' \
	-e 's/<anlagen einzugMm="5"/<anlagen einzugMm="10"/' templates/landtag-nrw.xml >"$T/tpl-changed.xml"
for c in fussnoten/continued tabelle/long abbildung/floats listen/nested anlagen/enclosures; do
	name=${c%%/*}
	if [ -f "$R/$c.opts" ]; then read -ra opts <"$R/$c.opts"; else opts=(--no-letter --points); fi
	"$VORLAGE" layout "$R/$c.xml" "${opts[@]}" -t "$T/tpl-defaults.xml" >"$T/$name.dflt" 2>&1
	expect "template-defaults-$name" cmp -s "$T/$name.dflt" "$R/$c.layout"
	"$VORLAGE" layout "$R/$c.xml" -t "$T/tpl-changed.xml" >"$T/$name.chg" 2>&1
	expect "template-changes-$name" bash -c '! cmp -s "$0" "$1"' "$T/$name.chg" "$T/$(basename "$c").layout"
done
expect template-note-size grep -q ' size 524288 ' "$T/fussnoten.chg"
# 300 pixels an inch: the first figure half as wide as at 150
w150=$(awk '$1 == "image" { print $4; exit }' "$figures")
w300=$(awk '$1 == "image" { print $4; exit }' "$T/abbildung.chg")
expect template-figure-ppi test "$((w150 / 2))" -eq "$w300"
# a footnote leading under the footnote size is refused like a style's
sed 's/<fussnoten groessePt="9"/<fussnoten groessePt="12"/' templates/landtag-nrw.xml >"$T/tpl-notes.xml"
expect template-note-leading bash -c '! "$0" layout tests/regress/fussnoten/continued.xml -t "$1" >/dev/null 2>"$2" &&
	grep -q "tpl-notes.xml:[0-9]*:[0-9]*: error: style .fussnoten.: leading 11 pt" "$2"' \
	"$VORLAGE" "$T/tpl-notes.xml" "$T/tpl-notes.err"
