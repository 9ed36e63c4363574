# t_archival.sh: every PDF of `vorlage run` is PDF/A-1b by the checker and
# byte-reproducible: twice, from two directories, with SOURCE_DATE_EPOCH;
# a changed word changes the document ID.
. tests/lib.sh
CHECK="/usr/bin/python3 tests/pdfa_check.py"
SRC=$PWD/xml/vorlage-18-1828.xml
A=$T/arch-a; B=$T/arch-b
rm -rf "$A" "$B"; mkdir -p "$A" "$B"

# `run` writes into out/ of the working directory: run it in two directories
(cd "$A" && "$VORLAGE" run "$SRC" -q) 2>"$T/arch-a.log"; rc=$?
expect run-exit-0 test "$rc" -eq 0
(cd "$B" && "$VORLAGE" run "$SRC" -q) 2>"$T/arch-b.log"
n=0
for f in "$A"/out/*.pdf "$A"/out/anlagen/*.pdf; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	name=${f#"$A"/}
	if out=$($CHECK "$f" 2>&1); then ok "pdfa-$name"; else fail "pdfa-$name" "$(printf '%s\n' "$out" | grep FAIL | head -3 | tr '\n' ' ')"; fi
	expect "same-bytes-two-dirs-$name" cmp -s "$f" "$B/$name"
done
expect "run-wrote-17-pdfs" test "$n" -eq 17

# SOURCE_DATE_EPOCH sets the dates, and only the dates
SOURCE_DATE_EPOCH=1700000000 "$VORLAGE" build "$SRC" -o "$T/epoch.pdf" -q
expect epoch-date-in-info grep -aq "D:20231114221320Z" "$T/epoch.pdf"
expect epoch-date-in-xmp grep -aq "2023-11-14T22:13:20Z" "$T/epoch.pdf"
if $CHECK "$T/epoch.pdf" >/dev/null 2>&1; then ok epoch-pdfa; else fail epoch-pdfa; fi
SOURCE_DATE_EPOCH=soon "$VORLAGE" build "$SRC" -o "$T/epoch2.pdf" -q 2>"$T/epoch2.log"; rc=$?
expect epoch-invalid-exit-2 test "$rc" -eq 2 -a ! -e "$T/epoch2.pdf"

# without SOURCE_DATE_EPOCH the letter's date, never the clock
expect letter-date-in-info grep -aq "D:20231102000000Z" "$A/out/vorlage-18-1828.pdf"

# a changed word changes the ID
sed 's/Forschungsk Kooperation/Forschungskooperation/' "$SRC" > "$T/changed.xml"
"$VORLAGE" build "$T/changed.xml" -o "$T/changed.pdf" -q
id() { /usr/bin/python3 -c 'import pikepdf,sys; print(bytes(pikepdf.open(sys.argv[1]).trailer.ID[0]).hex())' "$1"; }
id1=$(id "$A/out/vorlage-18-1828.pdf"); id2=$(id "$T/changed.pdf")
expect changed-word-changes-id test -n "$id1" -a "$id1" != "$id2"
# the Vorlage and an annex of the same source have different IDs
id3=$(id "$A/out/anlagen/vorlage-18-1828-anlage-ghana.pdf")
expect annex-id-differs test -n "$id3" -a "$id1" != "$id3"
