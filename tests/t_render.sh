#!/usr/bin/env bash
# t_render.sh: the PDFs the unit test test_render writes, checked with real
# readers: qpdf, poppler (pdftotext, pdffonts, pdfinfo, pdfimages), mupdf,
# Ghostscript and pikepdf. The unit test runs here, in a sandbox of this
# test's own (tests/sandbox.sh), so nothing depends on another test's files.
cd "$(dirname "$0")/.." || exit 2
. tests/lib.sh
. tests/sandbox.sh
rm -rf "$T/box"; sandbox "$PWD" "$T/box"
U=$T/box/tests/scratch  # where test_render writes
PDF=$U/render1.pdf
IMG=$U/render_img.pdf
PY=/usr/bin/python3

(cd "$T/box" && "$OLDPWD/build/tests/test_render") >"$T/test_render.out" 2>&1
if [ -s "$PDF" ] && [ -s "$IMG" ]; then
	ok render_pdf_exists
else
	fail render_pdf_exists "test_render wrote no PDF: $(grep -v '^ok' "$T/test_render.out" | head -3 | tr '\n' ' ')"
	exit 1
fi

# qpdf: structure and streams, no warnings at all.
out=$(qpdf --check "$PDF" 2>&1); rc=$?
if [ $rc -eq 0 ] && ! grep -qi warning <<<"$out"; then ok render_qpdf_check
else fail render_qpdf_check "rc $rc: $(head -5 <<<"$out")"; fi

# pdftotext: no warning (libharu's own ToUnicode CMap makes poppler print
# "Invalid 'begincidrange' operator"), and the words come back.
txt=$(pdftotext -enc UTF-8 "$PDF" - 2>"$T/render_pdftotext.err"); rc=$?
if [ $rc -eq 0 ] && [ ! -s "$T/render_pdftotext.err" ]; then ok render_pdftotext_quiet
else fail render_pdftotext_quiet "rc $rc: $(head -3 "$T/render_pdftotext.err")"; fi
missing=
for w in Łukasz Pôlénergie Grüßen „Zitat“ – ß ä ö ü Ärger Öl Übel Wasser Wörter Fußnote; do
	grep -qF -- "$w" <<<"$txt" || missing="$missing $w"
done
if [ -z "$missing" ]; then ok render_pdftotext_words; else fail render_pdftotext_words "missing:$missing"; fi
line=$(grep -F Łukasz <<<"$txt")
expect render_pdftotext_line [ "$line" = "Łukasz Pôlénergie Grüßen „Zitat“ – ß" ]

# No CID-keyed ToUnicode left anywhere in the file.
if qpdf --qdf --object-streams=disable "$PDF" - 2>/dev/null | grep -aq begincidrange; then
	fail render_no_cidrange; else ok render_no_cidrange; fi

# pdffonts: four faces, each an embedded subset, CID TrueType, with ToUnicode.
fonts=$(pdffonts "$PDF" 2>&1 | tail -n +3)
n=$(grep -c . <<<"$fonts")
good=$(grep -cE 'CID TrueType +Identity-H +yes +yes +yes' <<<"$fonts")
if [ "$n" -eq 4 ] && [ "$good" -eq 4 ]; then ok render_pdffonts
else fail render_pdffonts "$fonts"; fi

# pdfinfo: UTF-8 information and the fixed dates.
info=$(pdfinfo -enc UTF-8 "$PDF" 2>&1)
expect render_info_title grep -q '^Title: *Mitteilung über Größen$' <<<"$info"
expect render_info_author grep -q '^Author: *Senat der Freien Hansestadt$' <<<"$info"
expect render_info_keywords grep -q '^Keywords: *Vorlage, Bürgerschaft$' <<<"$info"
expect render_info_date grep -q '^CreationDate: *Tue Mar  5 10:20:30 2024 UTC$' <<<"$info"
expect render_info_pages grep -q '^Pages: *2$' <<<"$info"
expect render_info_a4 grep -q '^Page size: *595.276 x 841.89 pts (A4)$' <<<"$info"

# mupdf and Ghostscript draw it without a word (mupdf's note about its own
# build lacking ICC support is not about the file).
mutool draw -r 36 -o "$T/render_%d.png" "$PDF" >"$T/render_mutool.out" 2>&1; rc=$?
out=$(grep -v -e 'ICC support is not available' -e '^page ' "$T/render_mutool.out")
if [ $rc -eq 0 ] && [ -z "$out" ] && [ -s "$T/render_1.png" ]; then ok render_mutool
else fail render_mutool "rc $rc: $(head -3 <<<"$out")"; fi
out=$(gs -q -dBATCH -dNOPAUSE -dSAFER -sDEVICE=nullpage "$PDF" 2>&1); rc=$?
if [ $rc -eq 0 ] && [ -z "$out" ]; then ok render_gs; else fail render_gs "rc $rc: $(head -3 <<<"$out")"; fi

# Outline, page labels, language, operators: read back with pikepdf.
out=$("$PY" - "$PDF" <<'EOF' 2>&1
import sys, pikepdf
p = pikepdf.open(sys.argv[1])
r = p.Root
def titles(node, depth=0):
    o = node.get('/First')
    while o is not None:
        yield depth, str(o.Title), o
        yield from titles(o, depth + 1)
        o = o.get('/Next')
got = [(d, t) for d, t, _ in titles(r.Outlines)]
want = [(0, 'Mitteilung des Senats'), (1, 'Begründung – Größe'), (0, 'Anlage „Übersicht“')]
assert got == want, got
for d, t, o in titles(r.Outlines):
    dest = o.Dest
    assert str(dest[1]) == '/XYZ' and dest[2] is None and dest[4] is None, dest
last = list(titles(r.Outlines))[-1][2]
assert last.Dest[0].objgen == p.pages[1].obj.objgen, 'outline to page 2'
assert str(r.PageMode) == '/UseOutlines'
assert str(r.Lang) == 'de-DE'
nums = list(r.PageLabels.Nums)
assert nums[0] == 0 and str(nums[1].P) == 'Anschreiben' and '/S' not in nums[1], nums
assert nums[2] == 1 and str(nums[3].P) == 'Anlage ' and str(nums[3].S) == '/D' and nums[3].St == 1, nums
for i, page in enumerate(p.pages):
    ops = [str(op) for _, op in pikepdf.parse_content_stream(page)]
    assert ops.count('BT') == 1 and ops.count('ET') == 1, (i, ops.count('BT'))
    assert 'Tj' not in ops and ops.count('TJ') >= 1, i
for name, f in p.pages[0].Resources.Font.items():
    cmap = f.ToUnicode.read_bytes().decode('ascii')
    assert 'beginbfchar' in cmap and 'begincidrange' not in cmap, name
    assert '/CMapType 2' in cmap and '<0000> <FFFF>' in cmap, name
    for block in cmap.split('beginbfchar')[1:]:
        assert block.split('endbfchar')[0].count('\n') - 1 <= 100, name
print('fine')
EOF
)
if [ "$out" = fine ]; then ok render_structure; else fail render_structure "$(tail -3 <<<"$out")"; fi

# The document with a signature image: one image object, drawn twice.
if [ -s "$IMG" ]; then
	imgs=$(pdfimages -list "$IMG" 2>/dev/null | tail -n +3)
	objs=$(awk '{print $11}' <<<"$imgs" | sort -u | grep -c .)
	if [ "$(grep -c . <<<"$imgs")" -eq 2 ] && [ "$objs" -eq 1 ]; then ok render_image
	else fail render_image "$imgs"; fi
	out=$(qpdf --check "$IMG" 2>&1) && ! grep -qi warning <<<"$out" && ok render_image_qpdf || fail render_image_qpdf
else
	fail render_image "$IMG missing"
fi

# Failures the unit test provoked left nothing behind: no output for a
# missing or broken PNG, no directory created, no temporary file; the file
# rendered over an existing one is a PDF now.
expect render_nopng_no_file [ ! -e "$U/render_nopng.pdf" ]
expect render_badpng_no_file [ ! -e "$U/render_badpng.pdf" ]
expect render_missing_dir_untouched [ ! -e "$U/no-such-dir" ]
left=$(find "$U" -maxdepth 2 -name '.*.pdf.*' | head -3)
expect render_no_temp_files [ -z "$left" ]
expect render_replaced [ "$(head -c 5 "$U/render_keep.pdf" 2>/dev/null)" = "%PDF-" ]
