#!/usr/bin/env bash
# t_pdfua_checker.sh: tests/pdfua_check.py, the PDF/UA-1 checker, on files
# whose answer is known, before it judges vorlage's tagged output:
#  - a correct two-page PDF/UA document (tests/fixtures/pdfua_sample.py,
#    pikepdf alone) passes with every checkpoint ok;
#  - each copy broken one way (tests/fixtures/pdfua_mutate.py) fails exactly
#    the checkpoints the mutation names, no fewer and no others;
#  - poppler reads the sample's structure tree back with its words in order
#    (tests/structwords.py over pdfinfo -struct-text).
set -u
cd "$(dirname "$0")/.."
. tests/lib.sh
PY=/usr/bin/python3
D="$T/pdfua"
rm -rf "$D"; mkdir -p "$D"
SAMPLE="$D/sample.pdf"

# Every checkpoint the checker reports, in its order.
CHECKPOINTS="tagged tree-links mcid parent-tree 01-003 01-004 01-005 01-007 02-001
02-003 02-004 06-001 06-002 06-003 07-001 07-002 09-004 09-005 11-001 11-006 13-004
14-002 14-003 15-003 28-008 28-009 28-011 28-012 31-009 31-027 10-001 31-028 31-029 31-030"

if ! $PY -c 'import pikepdf' 2>/dev/null; then
	echo "skip pdfua-checker: python3-pikepdf is not installed"
	exit 0
fi
if ! $PY tests/fixtures/pdfua_sample.py "$SAMPLE" 2>"$D/sample.log"; then
	fail sample-builds "$(head -3 "$D/sample.log")"
	exit 1
fi
ok sample-builds

# 1. The sample passes, every checkpoint reported once and ok.
out=$($PY tests/pdfua_check.py "$SAMPLE" 2>&1); rc=$?
got=$(printf '%s\n' "$out" | awk '{print $2}' | tr '\n' ' ')
want=$(echo $CHECKPOINTS)
if [ $rc -eq 0 ] && [ "$got" = "$want " ] && ! printf '%s\n' "$out" | grep -qv '^ok '; then
	ok checker-passes-sample
else
	fail checker-passes-sample "exit $rc: $(printf '%s\n' "$out" | grep -v '^ok ' | head -3 | tr '\n' ' ') reported [$got]"
fi

# 2. Each mutation: the checker exits 1 and fails exactly the named checkpoints.
# (all copies written by one run of the mutator; the checker runs once per copy)
$PY tests/fixtures/pdfua_mutate.py --list >"$D/mutations" || fail mutations-list
$PY tests/fixtures/pdfua_mutate.py "$SAMPLE" --all "$D" >"$D/applied" 2>"$D/applied.log" ||
	fail mutations-apply "$(head -3 "$D/applied.log")"
n=0
while read -r m cps; do
	n=$((n + 1))
	if ! grep -q "^$m " "$D/applied"; then
		fail "checker-catches-$m" "mutation not applied: $(grep "^skip $m:" "$D/applied")"
		continue
	fi
	out=$($PY tests/pdfua_check.py "$D/$m.pdf" 2>&1); rc=$?
	failed=$(printf '%s\n' "$out" | awk '$1 == "FAIL" {print $2}' | sort | tr '\n' ' ')
	want=$(printf '%s\n' $cps | sort | tr '\n' ' ')
	if [ $rc -eq 1 ] && [ "$failed" = "$want" ]; then
		ok "checker-catches-$m"
	else
		fail "checker-catches-$m" "exit $rc, failed [$failed], expected [$want]"
	fi
done <"$D/mutations"
expect mutations-cover-all-named test "$n" -ge 33

# 3. poppler reads the words back from the structure tree, in reading order.
if command -v pdfinfo >/dev/null; then
	cat >"$D/words.txt" <<'EOF'
Bericht über die Zusammenarbeit
Dieser Absatz beginnt auf der ersten Seite und geht auf der zweiten Seite weiter, ohne Bruch im Satz.
Größe und Form
Mehr steht im Internetangebot.
1. Erster Punkt 2. Zweiter Punkt
Name Wert Alpha 1
Der Ausdruck fair play gilt auch hier.
EOF
	out=$($PY tests/structwords.py "$SAMPLE" --words "$D/words.txt" 2>&1)
	if [ "${out%% *}" = ok ]; then ok struct-text-words; else fail struct-text-words "$out"; fi
	# and the comparison notices words out of order
	sed 's/Erster Punkt/Punkt Erster/' "$D/words.txt" >"$D/wrong.txt"
	$PY tests/structwords.py "$SAMPLE" --words "$D/wrong.txt" >"$D/wrong.out" 2>&1
	expect struct-text-words-notice-order test $? -eq 1 -a "$(grep -c '>>Erster<<' "$D/wrong.out")" -eq 1
else
	echo "skip struct-text-words: pdfinfo (poppler-utils) not installed"
fi
