#!/usr/bin/env bash
# t_pdfua.sh: every PDF the program writes is tagged PDF/UA-1
# (tests/pdfua_check.py): the Vorlage in both templates, plain and archival,
# with a signature image, every annex, and the examples of other shapes
# (own initiative, reporting period, enclosures only) in both templates. poppler reads the structure tree
# back (tests/structwords.py): its words in reading order are the words the
# source prints, every hyphenated word whole, page numbers (artifacts) not
# among them. Copies of our Vorlage broken one way each
# (tests/fixtures/pdfua_mutate.py) are rejected, and two builds are
# byte-identical.
set -u
cd "$(dirname "$0")/.."
. tests/lib.sh
PY=/usr/bin/python3
SRC=xml/vorlage-18-1828.xml
D=$T/pdfua; rm -rf "$D"; mkdir -p "$D/anlagen" "$D/sig" "$D/mut"
if ! $PY -c 'import pikepdf' 2>/dev/null; then
	fail pdfua "python3-pikepdf is not installed (make deps installs it)"
	exit 1
fi

build() { # NAME ARGS...: a build whose failure is reported
	local n=$1; shift
	"$VORLAGE" "$@" -q 2>"$D/$n.err" || fail "build-$n" "$(head -3 "$D/$n.err")"
}
build vorlage build "$SRC" -o "$D/vorlage.pdf"
build vorlage-again build "$SRC" -o "$D/vorlage-again.pdf"
build plain build "$SRC" --no-archival -o "$D/vorlage-plain.pdf"
build din build "$SRC" -t templates/din5008.xml -o "$D/vorlage-din.pdf"
build annexes annex "$SRC" --all -d "$D/anlagen"
sed 's|<unterschrift>|<unterschrift bild="unterschrift.png">|' "$SRC" >"$D/sig/vorlage.xml"
cp tests/data/unterschrift.png "$D/sig/"
build sig build "$D/sig/vorlage.xml" -o "$D/sig/vorlage-sig.pdf"
expect annexes-all-written test "$(ls "$D"/anlagen/*.pdf | wc -l)" -eq 16
# the examples of other shapes (own initiative, reporting period, enclosures
# only), in both templates
mkdir -p "$D/formen"
for s in eigeninitiative berichtszeitraum anlagen; do
	build "beispiel-$s" build "xml/beispiel-$s.xml" -o "$D/formen/beispiel-$s.pdf"
	build "beispiel-$s-din" build "xml/beispiel-$s.xml" -t templates/din5008.xml \
		-o "$D/formen/beispiel-$s-din.pdf"
done

# 1. The checker passes every file.
for f in "$D"/vorlage.pdf "$D"/vorlage-plain.pdf "$D"/vorlage-din.pdf "$D"/sig/vorlage-sig.pdf "$D"/anlagen/*.pdf \
	"$D"/formen/*.pdf; do
	n=${f##*/}
	out=$($PY tests/pdfua_check.py "$f" 2>&1); rc=$?
	if [ $rc -eq 0 ] && ! printf '%s\n' "$out" | grep -qv '^ok '; then
		ok "pdfua-${n%.pdf}"
	else
		fail "pdfua-${n%.pdf}" "$(printf '%s\n' "$out" | grep -v '^ok ' | head -3 | tr '\n' ' ')"
	fi
done

# 2. The structure tree read back by poppler: the printed words in order.
words() { # NAME PDF ARGS...
	local n=$1 f=$2; shift 2
	out=$($PY tests/structwords.py "$f" "$@" --real-spaces 2>&1)
	if [ "${out%% *}" = ok ]; then ok "structwords-$n"; else fail "structwords-$n" "$out"; fi
}
words vorlage "$D/vorlage.pdf" --vorlage "$SRC" --stamp
words plain "$D/vorlage-plain.pdf" --vorlage "$SRC" --stamp
words din "$D/vorlage-din.pdf" --vorlage "$SRC"
words sig "$D/sig/vorlage-sig.pdf" --vorlage "$D/sig/vorlage.xml" --stamp
for f in "$D"/anlagen/*.pdf; do
	id=${f##*-anlage-}; id=${id%.pdf}
	words "annex-$id" "$f" --annex "$SRC" "$id"
done
# hyphenated lines exist (pdftotext shows the added hyphens, drawn as
# U+00AD, at line ends), and each such word is whole in the structure text
pdfinfo -enc UTF-8 -struct-text "$D/vorlage.pdf" >"$D/vorlage.struct"
expect struct-text-hyphenated-words-whole $PY -c '
import sys
sys.path.insert(0, "tests")
import pdfwords, structwords
structwords.REAL_SPACES = True
have = set(structwords.words(sys.argv[1]))
lines = [l.split() for l in pdfwords.pdf_text(sys.argv[1])[0].replace("\f", "\n").split("\n")]
lines = [l for l in lines if l]
joined = [a[-1][:-1] + b[0] for a, b in zip(lines, lines[1:]) if a[-1].endswith("\u00ad")]
missing = [w for w in joined if w not in have]
print(len(joined), "hyphenated words, not whole:", missing[:5])
sys.exit(0 if len(joined) >= 10 and not missing else 1)
' "$D/vorlage.pdf"
# page numbers ("- 2 -" in the Landtag's layout, "Seite 2 von 9" in DIN's)
# are artifacts
expect struct-text-no-page-numbers sh -c "! grep -qE -e '\"-[0-9]+-' '$D/vorlage.struct'"
expect struct-text-no-page-numbers-din sh -c "! pdfinfo -struct-text '$D/vorlage-din.pdf' | grep -qE 'Seite [0-9]+ von'"
# the English titles are Spans with /Lang en
expect span-lang-en sh -c "$PY -c '
import pikepdf, sys
p = pikepdf.open(sys.argv[1])
n = 0
def walk(e):
    global n
    k = e.get(\"/K\")
    for c in (k if isinstance(k, pikepdf.Array) else [k]):
        if isinstance(c, pikepdf.Dictionary) and \"/S\" in c:
            if str(c.S) == \"/Span\" and str(c.get(\"/Lang\")) == \"en\":
                n += 1
            walk(c)
walk(p.Root.StructTreeRoot)
sys.exit(0 if n >= 3 else 1)
' '$D/vorlage.pdf'"
# the signature image is a Figure with the source's description as /Alt
expect figure-alt $PY -c '
import pikepdf, sys
p = pikepdf.open(sys.argv[1])
alts = [str(o.get("/Alt")) for o in p.objects if isinstance(o, pikepdf.Dictionary) and o.get("/S") == "/Figure"]
sys.exit(0 if len(alts) == 1 and "handwritten signature" in alts[0] else 1)
' "$D/sig/vorlage-sig.pdf"
# the description is English (xml:lang="en") in a German document: the
# Figure carries /Lang en, the language its /Alt is read in
expect figure-lang $PY -c '
import pikepdf, sys
p = pikepdf.open(sys.argv[1])
figs = [o for o in p.objects if isinstance(o, pikepdf.Dictionary) and o.get("/S") == "/Figure"]
sys.exit(0 if len(figs) == 1 and str(figs[0].get("/Lang")) == "en" and str(p.Root.Lang) == "de" else 1)
' "$D/sig/vorlage-sig.pdf"

# 3. Byte-reproducible with the tags.
expect reproducible cmp -s "$D/vorlage.pdf" "$D/vorlage-again.pdf"

# 4. Our documents broken one way each: the checker fails at least the
# named checkpoints. The Vorlage has no table, list, link or footnote; the
# example report (xml/beispiel-bericht.xml) has all of them, so every
# mutation applies to one of the two.
build beispiel build xml/beispiel-bericht.xml -o "$D/beispiel.pdf"
# the example's references inside the document (verweis ziel) are links:
# a direct /Dest [page /XYZ null top null] to the page the target begins on
# (its label on that page, below top), described by /Contents, held by
# a Link element through /StructParent with an /OBJR of the annotation
expect internal-links $PY -c '
import pikepdf, subprocess, sys
p = pikepdf.open(sys.argv[1])
index = {pg.obj.objgen: i for i, pg in enumerate(p.pages)}
tree = p.Root.StructTreeRoot.ParentTree.Nums
parents = {int(tree[i]): tree[i + 1] for i in range(0, len(tree), 2)}
want = {"Tabelle 1": "Tabelle 1:", "Abschnitt 1.1 Zuständigkeiten": "Zuständigkeiten", "Tabelle 2": "Tabelle 2:"}
seen = set()
for pg in p.pages:
    for a in pg.get("/Annots", []):
        if "/Dest" not in a:
            continue
        d, what = a.Dest, str(a.Contents)
        assert "/A" not in a and not d.is_indirect and str(d[1]) == "/XYZ", what
        assert d[2] is None and d[4] is None, what
        n = index[d[0].objgen]
        h = float(pg.MediaBox[3])
        text = subprocess.run(["pdftotext", "-f", str(n + 1), "-l", str(n + 1), "-y", str(int(h - float(d[3]))),
            "-x", "0", "-W", "1000", "-H", "1000", sys.argv[1], "-"], capture_output=True, text=True).stdout
        assert want[what] in text, (what, n, text[:80])
        link = parents[int(a.StructParent)]
        assert str(link.S) == "/Link", what
        k = link.K if isinstance(link.K, pikepdf.Array) else [link.K]
        assert any(isinstance(x, pikepdf.Dictionary) and x.get("/Type") == "/OBJR" and x.Obj.objgen == a.objgen for x in k), what
        seen.add(what)
sys.exit(0 if seen == set(want) else 1)
' "$D/beispiel.pdf"
# a reference from an agreement to a section of the report: a link in the
# report, none in the agreement's annex (the section is not there), where
# the number is a Span, not a Link without annotation
mkdir -p "$D/xref"
sed 's|jährlichen Austausch von Beispielen vor.</absatz>|jährlichen Austausch von Beispielen vor (Abschnitt <verweis ziel="zustaendigkeit"/>).</absatz>|' \
	xml/beispiel-bericht.xml >"$D/xref/b.xml"
cp xml/beispiel-balken.png "$D/xref/"
build xref-report build "$D/xref/b.xml" -o "$D/xref/report.pdf"
build xref-annex annex "$D/xref/b.xml" --partner musterregion -o "$D/xref/annex.pdf"
expect xref-annex-no-dangling-link $PY -c '
import pikepdf, sys
def links(f):
    p = pikepdf.open(f)
    return [o for o in p.objects if isinstance(o, pikepdf.Dictionary) and o.get("/S") == "/Link"]
report, annex = links(sys.argv[1]), links(sys.argv[2])
sys.exit(0 if len(report) == 8 and not annex else 1)
' "$D/xref/report.pdf" "$D/xref/annex.pdf"
mutate() { # PDF NAME: every mutation of PDF that applies; counts in $n, skipped in $D/skipped-NAME
	n=0
	: >"$D/skipped-$2"
	mkdir -p "$D/mut-$2"
	$PY tests/fixtures/pdfua_mutate.py "$1" --all "$D/mut-$2" >"$D/applied-$2" 2>"$D/applied-$2.log" ||
		fail "mutations-apply-$2" "$(head -3 "$D/applied-$2.log")"
	while read -r m cps; do
		case $m in skip) echo "${cps%%:*}" >>"$D/skipped-$2"; continue ;; esac
		n=$((n + 1))
		out=$($PY tests/pdfua_check.py "$D/mut-$2/$m.pdf" 2>&1); rc=$?
		failed=" $(printf '%s\n' "$out" | awk '$1 == "FAIL" {print $2}' | tr '\n' ' ')"
		miss=""
		for cp in $cps; do
			case $failed in *" $cp "*) ;; *) miss="$miss $cp" ;; esac
		done
		if [ $rc -eq 1 ] && [ -z "$miss" ]; then
			ok "checker-catches-$m-in-$2"
		else
			fail "checker-catches-$m-in-$2" "exit $rc, not failed:$miss"
		fi
	done <"$D/applied-$2"
}
mutate "$D/vorlage.pdf" vorlage
expect mutations-applied-to-vorlage test "$n" -ge 20
mutate "$D/beispiel.pdf" beispiel
expect mutations-applied-to-beispiel test "$n" -ge 30
both=$(sort "$D/skipped-vorlage" "$D/skipped-beispiel" | uniq -d | tr '\n' ' ')
expect every-mutation-applies-to-one-document test -z "$both"

# 5. A link back to an earlier page: the program frees each page once it is
# drawn, so where the destinations begin must be known before the first page.
# The example with its only internal links on a later page, pointing back.
mkdir -p "$D/back"
cp xml/beispiel-balken.png "$D/back/"
$PY - "$D/back/back.xml" <<'PY'
import sys
s = open('xml/beispiel-bericht.xml', encoding='utf-8').read()
s = s.replace('in Tabelle <verweis ziel="t-betraege"/>, die Zuständigkeiten in Abschnitt\n'
              '        <verweis ziel="zustaendigkeit"/>.', 'in der Tabelle unten.')
s = s.replace('<absatz>Die Zuordnung der Programme zeigt Tabelle <verweis ziel="t-programme"/>.</absatz>',
              '<absatz>Der Überblick steht in Abschnitt <verweis ziel="ueberblick"/>, '
              'die Beträge in Tabelle <verweis ziel="t-betraege"/>.</absatz>')
assert s.count('ziel=') == 2, s.count('ziel=')
open(sys.argv[1], 'w', encoding='utf-8').write(s)
PY
build back build "$D/back/back.xml" -o "$D/back/back.pdf"
expect links-back-to-earlier-pages $PY -c '
import sys, pikepdf
p = pikepdf.open(sys.argv[1])
at = {pg.obj.objgen: i for i, pg in enumerate(p.pages)}
found = [(i, at.get(a.Dest[0].objgen)) for i, pg in enumerate(p.pages)
         for a in (pg.obj.get("/Annots") or []) if a.get("/Dest") is not None]
sys.exit(0 if len(found) == 2 and all(t is not None and t < i for i, t in found) else 1)
' "$D/back/back.pdf"
