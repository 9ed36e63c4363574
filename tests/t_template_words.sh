#!/usr/bin/env bash
# t_template_words.sh: the words the layout prints of its own (the template's
# <texte>, the page number formats) and the blocks' measures (bericht/tabellen,
# bericht/abbildungen) come from the template: a template with other words
# and measures changes the output accordingly, a template without them gives
# today's output, a template text is never a printf format, and bad values
# (a format with a missing, unknown or doubled placeholder, a word with one,
# a negative or too wide rule, a too large space) are refused at
# FILE:LINE:COL with exit 1.
cd "$(dirname "$0")/.." || exit 2
. tests/lib.sh
PY=/usr/bin/python3
TPL=templates/landtag-nrw.xml
SRC=xml/vorlage-18-1828.xml

# ---- without the new elements and attributes: today's output -------------

sed -e '/<!-- the words the layout prints/,/<\/texte>/d' \
	-e 's/ abstandVorPt="8" abstandNachPt="8"//' \
	-e 's/ kopflinienstaerkePt="0.8" zeilenlinienstaerkePt="0.3"//' \
	-e 's/ beschriftungsabstandPt="4"//' "$TPL" >"$T/defaults.xml"
expect defaults-stripped bash -c '! grep -q "<texte\|abstandVorPt\|kopflinienstaerkePt\|beschriftungsabstandPt" "$0"' \
	"$T/defaults.xml"
# the feature cases, named as the tests below name them
case_of() {
	case $1 in
	tabelle) echo tests/regress/tabelle/long.xml ;;
	abbildung) echo tests/regress/abbildung/floats.xml ;;
	anlagen) echo tests/regress/anlagen/enclosures.xml ;;
	verweise) echo tests/regress/verweise/links.xml ;;
	esac
}
for n in vorlage-18-1828 beispiel-bericht tabelle abbildung anlagen verweise; do
	src=$(case_of "$n"); [ -n "$src" ] || src=xml/$n.xml
	[ -f "$src" ] || { fail "defaults-layout-$n" "no source $src"; continue; }
	"$VORLAGE" layout "$src" >"$T/$n.ship" 2>&1
	"$VORLAGE" layout "$src" -t "$T/defaults.xml" >"$T/$n.dflt" 2>&1
	expect "defaults-layout-$n" cmp -s "$T/$n.ship" "$T/$n.dflt"
done
"$VORLAGE" layout "$SRC" --partner schlesien >"$T/annex.ship" 2>&1
"$VORLAGE" layout "$SRC" --partner schlesien -t "$T/defaults.xml" >"$T/annex.dflt" 2>&1
expect defaults-layout-annex cmp -s "$T/annex.ship" "$T/annex.dflt"

# ---- other words and measures ----------------------------------------------

sed -e 's/lesezeichen="Anschreiben"/lesezeichen="Cover letter"/' \
	-e 's/gezeichnet="gez."/gezeichnet="signed"/' \
	-e 's/unterschriftBild="Unterschrift von {name}"/unterschriftBild="Signature of {name}"/' \
	-e 's/anlage="Anlage" anlagen="Anlagen"/anlage="Enclosure" anlagen="Enclosures"/' \
	-e 's/landtag="LANDTAG"/landtag="PARLIAMENT"/' \
	-e 's/wahlperiode="{wahlperiode}. WAHLPERIODE"/wahlperiode="TERM {wahlperiode}"/' \
	-e 's/lesezeichen="Bericht"/lesezeichen="Report"/' \
	-e 's/abschnitt="Abschnitt" tabelle="Tabelle" abbildung="Abbildung"/abschnitt="Section" tabelle="Table" abbildung="Figure"/' \
	-e 's/titel="Anlage zu Vorlage {nummer} — Partnerschaft mit {partner}"/titel="{partner}: annex to submission {nummer}"/' \
	-e 's/untertitel="Vorlage {nummer} vom {datum}"/untertitel="Submission {nummer} of {datum}"/' \
	-e 's/<betreff vorlage="Vorlage {nummer}" anlage="Anlage zu Vorlage {nummer}: {partner}"/<betreff vorlage="Submission {nummer}" anlage="Annex to {nummer}: {partner}"/' \
	-e 's/format="- {seite} -" anlagenFormat="Seite {seite} von {seiten}"/format="%s %n page {seite} %d" anlagenFormat="page {seite} of {seiten}"/' \
	-e 's/kopflinienstaerkePt="0.8" zeilenlinienstaerkePt="0.3"/kopflinienstaerkePt="2" zeilenlinienstaerkePt="0"/' \
	-e 's/beschriftungsabstandPt="4"/beschriftungsabstandPt="20"/' "$TPL" >"$T/english.xml"
expect english-template-changed bash -c '[ "$(diff "$0" "$1" | grep -c "^>")" -ge 10 ]' "$TPL" "$T/english.xml"

# words: in the layout (bookmarks, page labels) and the PDF's text
"$VORLAGE" layout "$SRC" -t "$T/english.xml" >"$T/vorlage.en" 2>"$T/vorlage.en.err"
expect words-outline-letter grep -q '^outline 0 page 0 .* "Cover letter"$' "$T/vorlage.en"
expect words-label-letter grep -q '^label 0 "Cover letter" none' "$T/vorlage.en"
expect words-outline-report grep -q '^outline 0 page 1 .* "Report"$' "$T/vorlage.en"
expect words-no-german-bookmark bash -c '! grep -q "^\(outline\|label\) .*\"\(Anschreiben\|Bericht\)\"" "$0"' \
	"$T/vorlage.en"
"$VORLAGE" build "$SRC" -t "$T/english.xml" -o "$T/vorlage.en.pdf" -q 2>"$T/build.en.err"
pdftotext "$T/vorlage.en.pdf" "$T/vorlage.en.txt" 2>/dev/null
expect words-stamp grep -q '^PARLIAMENT$' "$T/vorlage.en.txt"
expect words-stamp-term grep -q '^TERM 18$' "$T/vorlage.en.txt"
expect words-signed bash -c 'grep -q "^signed$" "$0" && ! grep -q "gez\." "$0"' "$T/vorlage.en.txt"
# a template text is no printf format: its % signs are printed as they stand
expect words-pagenum-literal grep -q '%s %n page 2 %d$' "$T/vorlage.en.txt"
expect words-subject bash -c 'pdfinfo "$0" | grep -q "^Subject: *Submission 18/1828$"' "$T/vorlage.en.pdf"

# the annex: heading, title, subtitle, page numbers, subject
annex=$T/annex.en.pdf
"$VORLAGE" annex "$SRC" --partner schlesien -t "$T/english.xml" -o "$annex" -q 2>"$T/annex.en.err"
pdftotext "$annex" "$T/annex.en.txt" 2>/dev/null
expect words-annex-heading grep -q '^Schlesien: annex to submission 18/1828$' "$T/annex.en.txt"
expect words-annex-subtitle grep -q '^Submission 18/1828 of ' "$T/annex.en.txt"
expect words-annex-pagenum grep -q 'page 1 of [0-9]*$' "$T/annex.en.txt"
expect words-annex-info bash -c 'pdfinfo "$0" >"$1" &&
	grep -q "^Title: *Schlesien: annex to submission 18/1828$" "$1" &&
	grep -q "^Subject: *Annex to 18/1828: Schlesien$" "$1"' "$annex" "$T/annex.en.info"

# the enclosures' label, a figure's and a table's caption, a link's target
for n in anlagen abbildung; do
	"$VORLAGE" build "$(case_of "$n")" -t "$T/english.xml" -o "$T/$n.en.pdf" -q 2>"$T/$n.en.err"
	pdftotext "$T/$n.en.pdf" "$T/$n.en.txt" 2>/dev/null
done
expect words-enclosures bash -c 'grep -q "^Enclosures$" "$0" && ! grep -q "^Anlagen$" "$0"' "$T/anlagen.en.txt"
expect words-figure bash -c 'grep -q "^Figure 1: " "$0" && ! grep -q "Abbildung [0-9]:" "$0"' \
	"$T/abbildung.en.txt"
"$VORLAGE" build xml/beispiel-bericht.xml -t "$T/english.xml" -o "$T/beispiel.en.pdf" -q 2>"$T/beispiel.en.err"
pdftotext "$T/beispiel.en.pdf" "$T/beispiel.en.txt" 2>/dev/null
expect words-table bash -c 'grep -q "^Table 1: " "$0" && ! grep -q "Tabelle [0-9]:" "$0"' "$T/beispiel.en.txt"
# the links' /Contents name their targets in the template's words
$PY - "$T/beispiel.en.pdf" >"$T/links.en" 2>&1 <<'EOF'
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
for page in pdf.pages:
    for a in page.get('/Annots') or []:
        if '/Contents' in a:
            print(str(a.Contents))
EOF
expect words-link-table grep -q '^Table 1$' "$T/links.en"
expect words-link-section grep -q '^Section 1\.1 ' "$T/links.en"
expect words-link-no-german bash -c '! grep -q "Tabelle\|Abschnitt" "$0"' "$T/links.en"
# the alternative text of a signature image the source does not describe
mkdir -p "$T/sig"
sed -e 's|<unterschrift>|<unterschrift bild="unterschrift.png">|' -e '/<beschreibung xml:lang="en">/d' \
	"$SRC" >"$T/sig/vorlage.xml"
cp tests/data/unterschrift.png "$T/sig/"
"$VORLAGE" build "$T/sig/vorlage.xml" -t "$T/english.xml" -o "$T/sig/en.pdf" -q 2>"$T/sig.err"
$PY - "$T/sig/en.pdf" >"$T/sig/alt" 2>&1 <<'EOF'
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
todo = [pdf.Root.StructTreeRoot]
while todo:
    n = todo.pop()
    if isinstance(n, pikepdf.Dictionary):
        if n.get('/S') == '/Figure' and '/Alt' in n:
            print(str(n.Alt))
        k = n.get('/K')
        todo.extend(k if isinstance(k, pikepdf.Array) else [k] if k is not None else [])
EOF
expect words-signature-alt grep -q '^Signature of Nathanael Liminski$' "$T/sig/alt"

# measures: a 2 pt rule under the header rows, no rules between body rows,
# the caption 16 pt further below its image
"$VORLAGE" layout "$(case_of tabelle)" -t "$T/english.xml" >"$T/tabelle.en" 2>&1
expect measures-header-rule grep -q '^  rule [0-9]* [0-9]* [0-9]* 131072$' "$T/tabelle.en"
# 0.3 pt rules: the three fold marks only (page 0), none in the tables
expect measures-row-rules bash -c '[ "$(grep -c "^  rule .* 19660$" "$0")" -gt 3 ] &&
	[ "$(grep -c "^  rule .* 19660$" "$1")" -eq 3 ]' "$T/tabelle.ship" "$T/tabelle.en"
"$VORLAGE" layout "$(case_of abbildung)" -t "$T/english.xml" >"$T/abbildung.en" 2>&1
caption_y() { awk '$1 == "image" { img = 1; next } img && $1 == "text" { print $3; exit }' "$1"; }
y4=$(caption_y "$T/abbildung.ship"); y20=$(caption_y "$T/abbildung.en")
expect measures-caption-gap test "$((y20 - y4))" -eq $((16 * 65536))

# ---- bad values: refused at FILE:LINE:COL ----------------------------------

refused pagenum-missing 's/format="- {seite} -"/format="- page -"/' format \
	"'format' lacks the placeholder \{seite\}"
refused pagenum-unknown 's/format="- {seite} -"/format="- {seite} {sete} -"/' format \
	"unknown placeholder '\{sete\}' in 'format' \(it takes \{seite\}, \{seiten\}\)"
refused pagenum-twice 's/anlagenFormat="Seite {seite} von {seiten}"/anlagenFormat="{seite} {seite}"/' \
	anlagenFormat "'anlagenFormat' has the placeholder \{seite\} more than once"
refused pagenum-unclosed 's/format="- {seite} -"/format="- {seite -"/' format \
	"unknown placeholder '\{seite -' in 'format' \(it takes \{seite\}, \{seiten\}\)" \
	"'format' lacks the placeholder \{seite\}"
refused annex-title-unknown 's/Partnerschaft mit {partner}"/Partnerschaft mit {partnr}"/' titel \
	"unknown placeholder '\{partnr\}' in 'titel' \(it takes \{nummer\}, \{partner\}\)" \
	"'titel' lacks the placeholder \{partner\}"
refused stamp-term-missing 's/wahlperiode="{wahlperiode}. WAHLPERIODE"/wahlperiode="WAHLPERIODE"/' \
	wahlperiode "'wahlperiode' lacks the placeholder \{wahlperiode\}"
refused word-placeholder 's/tabelle="Tabelle"/tabelle="Tabelle {nummer}"/' tabelle \
	"unknown placeholder '\{nummer\}' in 'tabelle' \(it takes none\)"
refused rule-negative 's/kopflinienstaerkePt="0.8"/kopflinienstaerkePt="-0.5"/' kopflinienstaerkePt \
	"kopflinienstaerkePt=\"-0.5\" is too small: at least 0"
refused rule-too-wide 's/zeilenlinienstaerkePt="0.3"/zeilenlinienstaerkePt="12"/' zeilenlinienstaerkePt \
	"zeilenlinienstaerkePt=\"12\" is too large: at most 10"
refused space-too-large 's/beschriftungsabstandPt="4"/beschriftungsabstandPt="150"/' beschriftungsabstandPt \
	"beschriftungsabstandPt=\"150\" is too large: at most 100"
refused word-blank 's/gezeichnet="gez."/gezeichnet="  "/' gezeichnet \
	"the attribute gezeichnet of <anschreiben> is empty: give it a value"
