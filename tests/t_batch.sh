# t_batch.sh: build of several sources in one process (a batch), and the
# Makefile's pattern rule for a folder of sources.
. tests/lib.sh
SRC=xml/vorlage-18-1828.xml
d=$T/batch
rm -rf "$d"; mkdir -p "$d/src"
cp "$SRC" "$d/src/eins.xml"
sed 's|</absatz>|</absatzz>|' "$SRC" > "$d/src/kaputt.xml" # not well-formed: exit 1
cp "$SRC" "$d/src/zwei.xml"
"$VORLAGE" build "$d/src/eins.xml" "$d/src/kaputt.xml" "$d/src/zwei.xml" -d "$d/out" \
	>"$d/stdout" 2>"$d/stderr"; rc=$?
expect batch-exit-is-the-worst test "$rc" -eq 1
expect batch-others-written test -s "$d/out/eins.pdf" -a -s "$d/out/zwei.pdf"
expect batch-broken-not-written test ! -e "$d/out/kaputt.pdf"
expect batch-message-names-the-broken-file grep -q "^$d/src/kaputt.xml:[0-9]*:[0-9]*: error: " "$d/stderr"
expect batch-messages-only-of-the-broken-file test "$(grep -vc "^$d/src/kaputt.xml:" "$d/stderr")" -eq 0
expect batch-progress-line-per-source test "$(wc -l < "$d/stdout")" -eq 3
expect batch-progress-written grep -q "^\[3/3\] wrote $d/out/zwei.pdf (9 pages, PDF/A-1a)$" "$d/stdout"
expect batch-progress-failed grep -q "^\[2/3\] $d/src/kaputt.xml: not written$" "$d/stdout"
# the same bytes as one source alone
"$VORLAGE" build "$d/src/eins.xml" -o "$d/single.pdf" -q
expect batch-same-bytes-as-alone cmp -s "$d/single.pdf" "$d/out/eins.pdf"
expect batch-second-same-bytes cmp -s "$d/single.pdf" "$d/out/zwei.pdf"

# a missing source: exit 2, the others still written; -q: nothing on stdout
rm -rf "$d/out"
"$VORLAGE" build "$d/src/eins.xml" "$d/src/fehlt.xml" "$d/src/zwei.xml" -d "$d/out" -q \
	>"$d/stdout" 2>"$d/stderr"; rc=$?
expect batch-missing-exit-2 test "$rc" -eq 2
expect batch-missing-named grep -q "^$d/src/fehlt.xml: error: cannot open" "$d/stderr"
expect batch-missing-others-written test -s "$d/out/eins.pdf" -a -s "$d/out/zwei.pdf"
expect batch-quiet test ! -s "$d/stdout"

# -o names one PDF: with two sources a usage error, nothing written
"$VORLAGE" build "$d/src/eins.xml" "$d/src/zwei.xml" -o "$d/x.pdf" >"$d/stdout" 2>"$d/stderr"; rc=$?
expect batch-output-with-two-sources-exit-2 test "$rc" -eq 2
expect batch-output-with-two-sources-says-so grep -q -- "-o names one PDF, not one for each of 2 sources: use -d DIR" "$d/stderr"
expect batch-output-with-two-sources-nothing-written test ! -e "$d/x.pdf" -a ! -s "$d/stdout"

# two sources whose PDF would be the same file: the second is refused
mkdir -p "$d/other"
cp "$SRC" "$d/other/eins.xml"
"$VORLAGE" build "$d/src/eins.xml" "$d/other/eins.xml" -d "$d/same" -q 2>"$d/stderr"; rc=$?
expect batch-same-output-exit-2 test "$rc" -eq 2
expect batch-same-output-says-so grep -q "^$d/other/eins.xml: error: not written: $d/same/eins.pdf is the PDF of '$d/src/eins.xml' of this batch" "$d/stderr"
expect batch-same-output-first-written test -s "$d/same/eins.pdf"

# other commands but check take one source
"$VORLAGE" dump "$d/src/eins.xml" "$d/src/zwei.xml" >/dev/null 2>"$d/stderr"; rc=$?
expect batch-only-for-build test "$rc" -eq 2
expect batch-only-for-build-says-so grep -q "unexpected argument '$d/src/zwei.xml'" "$d/stderr"

# the Makefile's pattern rule: make -k -j2 batch over a folder
make -s -k -j2 batch SRC_DIR="$d/src" OUT_DIR="$d/make" BATCH_PROG="$VORLAGE" >"$d/make.out" 2>&1; rc=$?
expect batch-make-fails-for-the-broken-source test "$rc" -ne 0
expect batch-make-writes-the-others test -s "$d/make/eins.pdf" -a -s "$d/make/zwei.pdf" -a ! -e "$d/make/kaputt.pdf"
expect batch-make-same-bytes cmp -s "$d/single.pdf" "$d/make/eins.pdf"

# the help and the manual page describe batches
for w in "SOURCE.xml..." "DIR/NAME.pdf"; do
	expect "batch-help-mentions-$w" grep -qF -- "$w" <("$VORLAGE" --help)
done
for w in parallel array "make -j"; do
	expect "batch-manual-mentions-$w" grep -q -- "$w" docs/vorlage.1
	expect "batch-readme-mentions-$w" grep -q -- "$w" README.md
done

# Every input of every source of a batch is an input of the whole run: no
# PDF of the batch is written over one. A source named like another's PDF
# (build D/A.pdf A.xml -d D once replaced the source D/A.pdf, exit 0):
i=$T/inputs
rm -rf "$i"; mkdir -p "$i/D"
cp "$SRC" "$i/A.xml"
printf 'not a source\n' > "$i/D/A.pdf"
(cd "$i" && "$VORLAGE" build D/A.pdf A.xml -d D -q >"$i/stdout" 2>"$i/stderr"); rc=$?
expect batch-source-not-overwritten grep -qx 'not a source' "$i/D/A.pdf"
expect batch-source-not-overwritten-exit-2 test "$rc" -eq 2
expect batch-source-not-overwritten-says-so grep -qx 'D/A.pdf: error: cannot write: it is an input of this run' "$i/stderr"
# the image a later source names, and one an earlier source named (read
# already, still not to be lost): D/B.xml shows D/A.pdf, a PNG by its bytes
sed 's|bild="balken.png"|bild="A.pdf"|' tests/regress/abbildung/floats.xml > "$i/D/B.xml"
cp tests/regress/abbildung/balken.png "$i/D/A.pdf"
for order in "A.xml D/B.xml" "D/B.xml A.xml"; do
	n=${order%% *}; n=${n##*/}
	# shellcheck disable=SC2086 # two sources
	(cd "$i" && "$VORLAGE" build $order -d D -q >"$i/stdout" 2>"$i/stderr"); rc=$?
	expect "batch-image-of-$n-first-not-overwritten" cmp -s tests/regress/abbildung/balken.png "$i/D/A.pdf"
	expect "batch-image-of-$n-first-exit-2" test "$rc" -eq 2
	expect "batch-image-of-$n-first-other-written" test -s "$i/D/B.pdf"
	rm -f "$i/D/B.pdf"
done
