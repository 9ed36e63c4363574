#!/usr/bin/env bash
# t_shapes.sh: the examples of other shapes than 18/1828's (xml/beispiel-
# eigeninitiative.xml, -berichtszeitraum.xml, -anlagen.xml: invented
# content) against their golden dumps (tests/golden; `make
# refresh-references` rewrites them), checked without a message, through
# the PDF/A and PDF/UA checkers in both templates; and what each shape
# promises, read off the PDF: the pages there are (no title page, no
# report), the page labels and the report's bookmark, the printed words
# that come from the new fields and none that stand for a missing one,
# the document information from the source or its defaults.
cd "$(dirname "$0")/.." || exit 2
. tests/lib.sh
PY=/usr/bin/python3
SHAPES="eigeninitiative berichtszeitraum anlagen"

for s in $SHAPES; do
	src=xml/beispiel-$s.xml
	out=$("$VORLAGE" check "$src" 2>&1); rc=$?
	expect "check-$s" test "$rc" -eq 0 -a -z "$out"
	for k in layout dump; do
		if "$VORLAGE" "$k" "$src" >"$T/$s.$k" 2>"$T/$s.$k.err" &&
			diff -u "tests/golden/beispiel-$s.$k" "$T/$s.$k" >"$T/$s.$k.diff"; then
			ok "$k-golden-$s"
		else
			fail "$k-golden-$s" "$(head -12 "$T/$s.$k.diff" "$T/$s.$k.err" | tr '\n' ' ')"
		fi
	done
	for tpl in landtag-nrw din5008; do
		pdf=$T/$s-$tpl.pdf
		if ! "$VORLAGE" build "$src" -t "templates/$tpl.xml" -o "$pdf" -q 2>"$T/$s-$tpl.err"; then
			fail "build-$s-$tpl" "$(head -3 "$T/$s-$tpl.err")"
			continue
		fi
		for chk in pdfa_check pdfua_check; do
			if $PY tests/$chk.py "$pdf" >"$T/$s-$tpl.$chk" 2>&1 && ! grep -q '^FAIL' "$T/$s-$tpl.$chk"; then
				ok "$chk-$s-$tpl"
			else
				fail "$chk-$s-$tpl" "$(grep -m3 '^FAIL' "$T/$s-$tpl.$chk" | tr '\n' ' ')"
			fi
		done
	done
done

# pages, labels, bookmarks and document information as a reader sees them
# (pikepdf), the text as pdftotext extracts it
facts() { # PDF: one line per fact
	$PY - "$1" <<'PY'
import sys, pikepdf
p = pikepdf.open(sys.argv[1])
print("pages", len(p.pages))
nums = p.Root.PageLabels.Nums
print("labels", " ".join("%d:%s" % (int(nums[i]), str(nums[i + 1].get("/P", "")) +
      ("D" if "/S" in nums[i + 1] else "")) for i in range(0, len(nums), 2)))
index = {pg.obj.objgen: i for i, pg in enumerate(p.pages)}
o = p.Root.Outlines.First
while o is not None:
    print("outline", str(o.Title), index[o.Dest[0].objgen])
    o = o.get("/Next")
info = p.docinfo
for k in ("/Author", "/Subject", "/Keywords"):
    print(k[1:].lower(), str(info[k]) if k in info else "(none)")
PY
}
has() { grep -qxF "$2" "$1"; }

# own initiative: letter, title page, report; no partners: no keywords
f=$T/eigeninitiative-landtag-nrw.pdf
facts "$f" >"$T/e.facts" 2>&1
expect own-initiative-pages has "$T/e.facts" "pages 3"
expect own-initiative-labels has "$T/e.facts" "labels 0:Anschreiben 1:D"
expect own-initiative-report-bookmark has "$T/e.facts" "outline Bericht 1"
expect own-initiative-author-first-sender-line has "$T/e.facts" "author BEISPIEL – kein amtliches Dokument"
expect own-initiative-subject-template has "$T/e.facts" "subject Vorlage 18/9997"
expect own-initiative-no-keywords has "$T/e.facts" "keywords (none)"
pdftotext -layout -f 1 -l 1 "$f" "$T/e1.txt"
expect own-initiative-date-once test "$(grep -o '6. Mai 2024' "$T/e1.txt" | wc -l)" -eq 1
expect own-initiative-gez grep -q 'gez\.' "$T/e1.txt"
expect own-initiative-subject-line grep -q 'BEISPIEL: Stand der Musterbibliotheken' "$T/e1.txt"

# a reporting period, no title page: the report on page 2, numbered from it
f=$T/berichtszeitraum-landtag-nrw.pdf
facts "$f" >"$T/b.facts" 2>&1
expect period-pages has "$T/b.facts" "pages 2"
expect period-labels has "$T/b.facts" "labels 0:Anschreiben 1:D"
expect period-report-bookmark-at-heading has "$T/b.facts" "outline Bericht 1"
expect period-author-from-source has "$T/b.facts" "author Musterministerium für Beispielangelegenheiten (Beispiel)"
expect period-subject-from-source has "$T/b.facts" "subject BEISPIEL: Jahresbericht zur Musterförderung, Berichtszeitraum 2023"
expect period-keywords-from-source has "$T/b.facts" "keywords Beispiel, Musterförderung, Jahresbericht"
pdftotext -layout -f 1 -l 1 "$f" "$T/b1.txt"
expect period-distribution-codes grep -q 'A15, A12' "$T/b1.txt"
for w in Aktenzeichen 'BSP 1 – 0000/2024' Auskunft Telefon E-Mail 'beispiel@example.org' Datum \
	'i. A.' Referatsleiterin; do
	expect "period-letter-prints-${w// /_}" grep -qF "$w" "$T/b1.txt"
done
# the date in the information block, not on a date line of its own
expect period-date-once test "$(grep -o '11. März 2024' "$T/b1.txt" | wc -l)" -eq 1
expect period-no-gez sh -c "! grep -q 'gez\.' '$T/b1.txt'"
pdftotext -f 2 -l 2 "$f" "$T/b2.txt"
expect period-heading-first test "$(grep -m1 . "$T/b2.txt")" = "BEISPIEL: Die Musterförderung im Berichtszeitraum 2023"
expect period-first-page-unnumbered sh -c "! grep -qx -- '- 1 -' '$T/b2.txt'"

# enclosures only: one page, no report, no bookmark of one
f=$T/anlagen-landtag-nrw.pdf
facts "$f" >"$T/a.facts" 2>&1
expect enclosures-only-one-page has "$T/a.facts" "pages 1"
expect enclosures-only-label has "$T/a.facts" "labels 0:Anschreiben"
expect enclosures-only-no-report-bookmark sh -c "! grep -q '^outline Bericht' '$T/a.facts'"
pdftotext -layout "$f" "$T/a1.txt"
for w in '1. Musterplan' '2. Übersicht' '3. Erfundenes' 'i. V.' 'Staatssekretär' Anlagen; do
	expect "enclosures-only-prints-${w// /_}" grep -qF "$w" "$T/a1.txt"
done
# the sender's markup: "Die Ministerin" bold, the lines above it regular
expect sender-by-markup $PY -c '
import re, subprocess, sys
d = subprocess.run([sys.argv[1], "layout", "xml/beispiel-anlagen.xml", "--points"],
                   capture_output=True, text=True).stdout
faces = {m.group(2): m.group(1) for m in re.finditer(r"face (\w+) size 10\.00 \"([^\"]+)\"", d)}
sys.exit(0 if faces.get("Ministerin") == "bold" and faces.get("Musterministerium") == "regular" else 1)
' "$VORLAGE"
