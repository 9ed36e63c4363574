#!/usr/bin/env bash
# t_template_bounds.sh: the template's measures for the report's blocks are
# bounded (issue 18: a cell padding of 1,000 pt set text beyond the page, an
# indent of 0 printed markers over the text): the schema bounds each
# (innenabstandPt 0 to 20, a cell's zeilenabstandPt up to 100, einzugMm 0 to
# 50, abstandMm 0 to 20, eintragAbstandPt 0 to 100), the loader what depends
# on the page (three levels of a list's indent leave half the width lists
# are set in: TPL_LIST_INDENT; a cell's line with its padding fits in half
# the text area: TPL_CELL_LINE), each refused at FILE:LINE:COL with exit 1;
# the bounds themselves are accepted, and an indent of 0 sets the markers
# beside the text, never over it.
cd "$(dirname "$0")/.." || exit 2
. tests/lib.sh
TPL=templates/landtag-nrw.xml
SRC=tests/regress/listen/breite-marken.xml

# ATTR_TOO_LARGE: NAME="VALUE" is too large: at most MAX
max() { echo "$1=\"$2\" is too large: at most $3"; }

refused cell-padding 's/innenabstandPt="3"/innenabstandPt="1000"/' innenabstandPt \
	"$(max innenabstandPt 1000 20)"
refused cell-leading 's/<tabellen zeilenabstandPt="14"/<tabellen zeilenabstandPt="150"/' \
	'tabellen zeilenabstandPt' "$(max zeilenabstandPt 150 100)"
refused list-indent 's/<listen einzugMm="6"/<listen einzugMm="60"/' 'listen einzugMm' \
	"$(max einzugMm 60 50)"
refused list-gap 's/<listen einzugMm="6" abstandMm="2"/<listen einzugMm="6" abstandMm="25"/' \
	'listen einzugMm' "$(max abstandMm 25 20)"
refused entry-space 's/eintragAbstandPt="2"/eintragAbstandPt="200"/' eintragAbstandPt \
	"$(max eintragAbstandPt 200 100)"
refused enclosure-indent 's/<anlagen einzugMm="5"/<anlagen einzugMm="51"/' 'anlagen einzugMm' \
	"$(max einzugMm 51 50)"
# in the schema's bounds, but too much for the page
refused list-indent-page 's/<listen einzugMm="6"/<listen einzugMm="30"/' 'listen einzugMm' \
	"'listen': three levels of the indent \(30 mm each\) leave less than half the width lists are set in \(165 mm\)"
refused enclosure-indent-page 's/<anlagen einzugMm="5"/<anlagen einzugMm="40"/' 'anlagen einzugMm' \
	"'anlagen': three levels of the indent \(40 mm each\) leave less than half the width lists are set in \(165 mm\)"
refused cell-line-page 's/<textbereich xMm="25" yMm="25" breiteMm="165" hoeheMm="252"/<textbereich xMm="25" yMm="25" breiteMm="165" hoeheMm="60"/; s/<tabellen zeilenabstandPt="14" innenabstandPt="3"/<tabellen zeilenabstandPt="100" innenabstandPt="20"/' \
	innenabstandPt "a table cell's line with its padding \(140 pt\) is taller than half the text area \(170.079 pt\)"

# the bounds are accepted
sed -e 's/innenabstandPt="3"/innenabstandPt="20"/' -e 's/<listen einzugMm="6" abstandMm="2"/<listen einzugMm="0" abstandMm="20"/' \
	"$TPL" >"$T/bounds.xml"
"$VORLAGE" layout "$SRC" -t "$T/bounds.xml" --no-letter --points >"$T/bounds.layout" 2>"$T/bounds.err"
expect bounds-accepted test $? = 0 -a ! -s "$T/bounds.err"

# an indent of 0: each marker ends the gap (2 mm) before its text
sed -e 's/<listen einzugMm="6"/<listen einzugMm="0"/' "$TPL" >"$T/indent0.xml"
"$VORLAGE" layout "$SRC" -t "$T/indent0.xml" --no-letter --points >"$T/indent0.layout" 2>"$T/indent0.err"
expect indent0-accepted test $? = 0 -a ! -s "$T/indent0.err"
# "100." then "Punkt": the marker ends 5.67 pt (2 mm) before the text (the
# dump's two decimals of x and w: 5.66 to 5.68)
bad=$(awk '$1 == "text" && prev != "" && $3 == py { g = $2 - px; n++; if (g < 5.655 || g > 5.685) b++ }
	$1 == "text" { if ($NF ~ /^"[0-9ivx]+\."$/) { prev = $NF; px = $2 + $4; py = $3 } else prev = "" }
	END { print (n >= 100 ? b + 0 : "none") }' "$T/indent0.layout")
expect indent0-gap test "$bad" = 0
