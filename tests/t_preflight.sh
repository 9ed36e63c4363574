# t_preflight.sh: Apache PDFBox Preflight, the PDF/A-1b validator Debian
# ships, over every PDF the program calls archival: the Vorlage in both
# templates, every annex, the Vorlage with a signature image, the example
# report and the examples of other shapes in both templates. Then the
# agreement of our own checker (tests/pdfa_check.py) with Preflight: on
# copies of the Vorlage broken one way each (tests/fixtures/pdfa_mutate.py),
# every breakage Preflight rejects, ours rejects too.
. tests/lib.sh
J=/usr/share/java
CP=$J/preflight.jar:$J/pdfbox2.jar:$J/fontbox2.jar:$J/xmpbox.jar:$J/commons-logging.jar:$J/javax.activation.jar:$J/jaxb-api.jar
preflight() { # DIR: every PDF in DIR (nothing else may be there), one JVM
	java -Djava.awt.headless=true -cp "$CP" org.apache.pdfbox.preflight.Validator_A1b batch "$1" 2>&1 |
		grep -v -e '^$' -e 'FileSystemFontProvider' -e '^WARNING: '
}
for j in preflight pdfbox2 fontbox2 xmpbox; do
	if [ ! -f "$J/$j.jar" ]; then
		fail preflight-installed "$J/$j.jar missing (make deps installs libpdfbox2-java)"
		exit 1
	fi
done
SRC=xml/vorlage-18-1828.xml
D=$T/pdf; mkdir -p "$D" "$T/sig"
"$VORLAGE" build "$SRC" -o "$D/vorlage.pdf" -q 2>"$T/build.err" || fail build-vorlage "$(head -3 "$T/build.err")"
"$VORLAGE" build "$SRC" -t templates/din5008.xml -o "$D/vorlage-din5008.pdf" -q 2>>"$T/build.err" ||
	fail build-din5008 "$(head -3 "$T/build.err")"
"$VORLAGE" annex "$SRC" --all -d "$D" -q 2>>"$T/build.err" || fail build-annexes "$(head -3 "$T/build.err")"
sed 's|<unterschrift>|<unterschrift bild="unterschrift.png">|' "$SRC" >"$T/sig/vorlage.xml"
cp tests/data/unterschrift.png "$T/sig/"
"$VORLAGE" build "$T/sig/vorlage.xml" -o "$D/vorlage-unterschrift.pdf" -q 2>>"$T/build.err" ||
	fail build-signature "$(head -3 "$T/build.err")"
# the example of every element of the format (sections, lists, tables,
# footnotes, links, a figure, enclosures)
"$VORLAGE" build xml/beispiel-bericht.xml -o "$D/beispiel-bericht.pdf" -q 2>>"$T/build.err" ||
	fail build-beispiel "$(head -3 "$T/build.err")"
"$VORLAGE" build xml/beispiel-bericht.xml -t templates/din5008.xml -o "$D/beispiel-bericht-din5008.pdf" -q \
	2>>"$T/build.err" || fail build-beispiel-din5008 "$(head -3 "$T/build.err")"
# the examples of other shapes: own initiative, reporting period, a letter
# sending enclosures only
for s in eigeninitiative berichtszeitraum anlagen; do
	"$VORLAGE" build "xml/beispiel-$s.xml" -o "$D/beispiel-$s.pdf" -q 2>>"$T/build.err" ||
		fail "build-beispiel-$s" "$(head -3 "$T/build.err")"
	"$VORLAGE" build "xml/beispiel-$s.xml" -t templates/din5008.xml -o "$D/beispiel-$s-din5008.pdf" -q \
		2>>"$T/build.err" || fail "build-beispiel-$s-din5008" "$(head -3 "$T/build.err")"
done
n=$(find "$D" -name '*.pdf' | grep -c .)
expect preflight-has-all-outputs test "$n" -eq 27
# the PDF/UA checker too on the example in the DIN layout (t_pdfua.sh has
# the Landtag layout)
expect pdfua-beispiel-din5008 /usr/bin/python3 tests/pdfua_check.py "$D/beispiel-bericht-din5008.pdf"
preflight "$D" >"$T/preflight.out"
for f in "$D"/*.pdf; do
	b=${f##*/}
	if grep -qxF "The file $b is a valid PDF/A-1b file" "$T/preflight.out"; then
		ok "preflight-${b%.pdf}"
	else
		fail "preflight-${b%.pdf}" "$(grep -A3 -F "The file $b " "$T/preflight.out" | tail -n +2 | head -3 | tr '\n' ' ')"
	fi
done

# Agreement on broken copies.
M=$T/mut; mkdir -p "$M"
MUTS="info-title xmp-date annot-noflag smask unembed icc-v4 lzw-free-js capheight-drop dest-indirect cidset-drop cidset-extra"
for m in $MUTS; do
	/usr/bin/python3 tests/fixtures/pdfa_mutate.py "$D/vorlage.pdf" "$M/$m.pdf" "$m" 2>"$T/mut-$m.err" ||
		fail "mutation-$m" "$(head -2 "$T/mut-$m.err")"
done
preflight "$M" >"$T/preflight-mut.out"
rejected=0
for m in $MUTS; do
	if grep -qxF "The file $m.pdf is a valid PDF/A-1b file" "$T/preflight-mut.out"; then
		pf=valid
	elif grep -qF "The file $m.pdf is not a valid" "$T/preflight-mut.out"; then
		pf=invalid; rejected=$((rejected + 1))
	else
		pf=unknown
	fi
	/usr/bin/python3 tests/pdfa_check.py "$M/$m.pdf" >"$T/check-$m.out" 2>&1; rc=$?
	case $pf in
	invalid) expect "checker-agrees-with-preflight-$m" test "$rc" -eq 1 ;;
	valid)   expect "checker-stricter-than-preflight-$m" test "$rc" -eq 1 ;;
	*)       fail "checker-agrees-with-preflight-$m" "no Preflight verdict" ;;
	esac
done
# the clauses found by Preflight are the ones ours learnt from it
expect preflight-rejects-the-known-breakages test "$rejected" -ge 9
