# t_pathological.sh: inputs that break naive engines: a paragraph of 150 000
# words, a "word" of 100 000 letters, 20 000 words tied by no-break spaces,
# 5000 agreements. Each must end, and the laid-out pages must hold: no
# overfull line, nothing off the page. Each case also has a time budget on
# the plain (non-sanitizer) build of about five times what it took when the
# budget was set (0.8 s, 0.2 s, 0.04 s, 1.0 s; 1 s at least), so that a
# change from linear to quadratic time fails here.
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
budget() { case $1 in bigpara) echo 5 ;; longword) echo 1.5 ;; tied) echo 1 ;; many) echo 5 ;; esac; }
PLAIN=${VORLAGE_PLAIN:-build/vorlage}
for c in bigpara longword tied many; do
	if timeout "$(budget $c)" "$PLAIN" layout "$T/path-$c.xml" >/dev/null 2>"$T/path-$c.plain.err"; then
		ok "pathological-$c-within-$(budget $c)s"
	else
		fail "pathological-$c-within-$(budget $c)s" "exit $? (124: over the budget) $(head -2 "$T/path-$c.plain.err")"
	fi
	if timeout 120 "$VORLAGE" layout "$T/path-$c.xml" >"$T/path-$c.dump" 2>"$T/path-$c.err"; then
		ok "pathological-$c-ends"
	else
		fail "pathological-$c-ends" "$(head -3 "$T/path-$c.err")"
	fi
	expect "pathological-$c-no-overfull" test "$(grep -c '^page ' "$T/path-$c.dump")" -gt 0 \
	    -a "$(grep -c '^line .* overfull' "$T/path-$c.dump")" -eq 0
done
expect pathological-many-pages test "$(grep -c '^page ' "$T/path-many.dump")" -gt 1000
# the long word as PDF: every word box on the page (A4: 595 x 842 pt)
if timeout 1.5 "$PLAIN" build "$T/path-longword.xml" -o "$T/path-longword-plain.pdf" -q 2>/dev/null; then
	ok pathological-longword-pdf-within-1.5s
else
	fail pathological-longword-pdf-within-1.5s "exit $?"
fi
if timeout 120 "$VORLAGE" build "$T/path-longword.xml" -o "$T/path-longword.pdf" -q 2>"$T/path-lw.err"; then
	off=$(pdftotext -bbox "$T/path-longword.pdf" - | awk -F'"' '/<word/ { if ($2 < 0 || $6 > 595.3) n++ } END { print n + 0 }')
	expect pathological-longword-on-page test "$off" -eq 0
else
	fail pathological-longword-on-page "$(head -3 "$T/path-lw.err")"
fi
# the 5000 agreements as PDF: no array longer than PDF/A-1's 8191 elements
# (the section's thousands of kids go into NonStruct groups, whose kids
# name them as /P) and still PDF/UA by our checker
if timeout 60 "$PLAIN" build "$T/path-many.xml" -o "$T/path-many.pdf" -q 2>"$T/path-many-pdf.err"; then
	expect pathological-many-arrays-within-8191 /usr/bin/python3 -c '
import pikepdf, sys
p = pikepdf.open(sys.argv[1])
longest, groups = 0, 0
def walk(o):
    global longest
    if isinstance(o, pikepdf.Array):
        longest = max(longest, len(o))
        items = list(o)
    else:
        items = [v for _, v in o.items()]
    for x in items:
        if isinstance(x, (pikepdf.Array, pikepdf.Dictionary)) and not x.is_indirect:
            walk(x)
for o in p.objects:
    if isinstance(o, pikepdf.Stream):
        o = o.stream_dict
    if isinstance(o, (pikepdf.Array, pikepdf.Dictionary)):
        walk(o)
    if isinstance(o, pikepdf.Dictionary) and o.get("/S") == "/NonStruct":
        groups += 1
        assert str(o.P.S) == "/Sect" and all(k.P.objgen == o.objgen for k in o.K), "a group kid names another /P"
print(longest, "elements at most,", groups, "groups")
sys.exit(0 if longest <= 8191 and groups >= 2 else 1)
' "$T/path-many.pdf"
	out=$(/usr/bin/python3 tests/pdfua_check.py "$T/path-many.pdf" 2>&1)
	expect pathological-many-pdfua sh -c '! printf "%s\n" "$0" | grep -qv "^ok "' "$out"
else
	fail pathological-many-pdf "$(head -3 "$T/path-many-pdf.err")"
fi
