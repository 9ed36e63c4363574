# t_pathological.sh: inputs that break naive engines: a paragraph of 150 000
# words, a "word" of 100 000 letters, 20 000 words tied by no-break spaces,
# 5000 agreements. Each must end (a
# generous timeout guards against a hang; no timing is asserted), and the
# laid-out pages must hold: no overfull line, nothing off the page.
. tests/lib.sh
SRC=xml/vorlage-18-1828.xml
/usr/bin/python3 - "$SRC" "$T" <<'PY'
import sys
src = open(sys.argv[1], encoding='utf-8').read()
out = sys.argv[2]
words = open('tests/data/paras.txt', encoding='utf-8').read().split()
anchor = '<absatz>Im Rahmen dieser Leitlinien'
big = ' '.join(words * 60)
open(out + '/path-bigpara.xml', 'w', encoding='utf-8').write(
    src.replace(anchor, '<absatz>' + big + '</absatz>' + anchor, 1))
long = 'Donau' + 'dampfschifffahrts' * 6000
open(out + '/path-longword.xml', 'w', encoding='utf-8').write(
    src.replace(anchor, '<absatz>Ein ' + long + ' Wort.</absatz>' + anchor, 1))
tied = '\u00a0'.join(words[:20000])
open(out + '/path-tied.xml', 'w', encoding='utf-8').write(
    src.replace(anchor, '<absatz>' + tied + '</absatz>' + anchor, 1))
i = src.index('<vereinbarung id="v-2021-ghana"')
j = src.index('</vereinbarung>', i) + len('</vereinbarung>')
ag = src[i:j]
many = ''.join(ag.replace('id="v-2021-ghana"', 'id="v-ghana-%d"' % k) for k in range(5000))
open(out + '/path-many.xml', 'w', encoding='utf-8').write(src[:i] + many + src[j:])
PY
for c in bigpara longword tied many; do
	if timeout 300 "$VORLAGE" layout "$T/path-$c.xml" >"$T/path-$c.dump" 2>"$T/path-$c.err"; then
		ok "pathological-$c-ends"
	else
		fail "pathological-$c-ends" "$(head -3 "$T/path-$c.err")"
	fi
	expect "pathological-$c-no-overfull" test "$(grep -c '^page ' "$T/path-$c.dump")" -gt 0 \
	    -a "$(grep -c '^line .* overfull' "$T/path-$c.dump")" -eq 0
done
expect pathological-many-pages test "$(grep -c '^page ' "$T/path-many.dump")" -gt 1000
# the long word as PDF: every word box on the page (A4: 595 x 842 pt)
if timeout 300 "$VORLAGE" build "$T/path-longword.xml" -o "$T/path-longword.pdf" -q 2>"$T/path-lw.err"; then
	off=$(pdftotext -bbox "$T/path-longword.pdf" - | awk -F'"' '/<word/ { if ($2 < 0 || $6 > 595.3) n++ } END { print n + 0 }')
	expect pathological-longword-on-page test "$off" -eq 0
else
	fail pathological-longword-on-page "$(head -3 "$T/path-lw.err")"
fi
