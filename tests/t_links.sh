#!/usr/bin/env bash
# t_links.sh: links at the PDF's limits, on sources too large to commit
# (made here). A link's address is a PDF string, which holds at most 65535
# bytes (PDF/A-1's limit and libharu's): `check` refuses a longer one at its
# verweis (LINK_TOO_LONG), and `build` never fails on what `check` accepted
# (an address of 65535 bytes, an id of 70 000 letters).
cd "$(dirname "$0")/.." || exit 2
. tests/lib.sh

/usr/bin/python3 - "$T" <<'PY'
import sys
out = sys.argv[1]
s = open('tests/regress/valid/minimal.xml', encoding='utf-8').read()
base = 'https://example.org/'
def write(name, url, text='dar'):
    t = s.replace('<absatz>Bitte legen Sie dar.</absatz>',
        '<absatz>Bitte legen Sie\n<verweis url="%s">%s</verweis>.</absatz>' % (url, text))
    open(out + '/' + name + '.xml', 'w', encoding='utf-8').write(t)
write('at-limit', base + 'a' * (65535 - len(base)))
write('over-limit', base + 'a' * (65536 - len(base)))
# bytes, not characters: 32 758 letters ä are 65 516 bytes
write('over-limit-utf8', base + '\u00e4' * 32758, '')
ident = 'a' + 'b' * 70000
t = s.replace('    </antwort>', '      <abschnitt id="%s"><ueberschrift>Lang</ueberschrift>'
    '<absatz>Siehe <verweis ziel="%s"/>.</absatz></abschnitt>\n    </antwort>' % (ident, ident))
open(out + '/long-id.xml', 'w', encoding='utf-8').write(t)
PY

# NAME: check, then build; their exit codes and messages in $T/NAME.*
run() {
	"$VORLAGE" check "$T/$1.xml" >"$T/$1.check.out" 2>"$T/$1.check.err"
	echo $? >"$T/$1.check.rc"
	rm -f "$T/$1.pdf"
	"$VORLAGE" build "$T/$1.xml" -o "$T/$1.pdf" -q >"$T/$1.build.out" 2>"$T/$1.build.err"
	echo $? >"$T/$1.build.rc"
}

for c in at-limit long-id; do
	run $c
	expect "link-$c-check-accepts" test "$(cat "$T/$c.check.rc")" = 0 -a ! -s "$T/$c.check.err"
	if [ "$(cat "$T/$c.build.rc")" = 0 ] && [ ! -s "$T/$c.build.err" ] && [ -s "$T/$c.pdf" ]; then
		ok "link-$c-builds"
	else
		fail "link-$c-builds" "exit $(cat "$T/$c.build.rc"): $(head -3 "$T/$c.build.err")"
	fi
done
# the address whole in the PDF, the long id's link going to its section
expect link-at-limit-uri-whole /usr/bin/python3 -c '
import pikepdf, sys
p = pikepdf.open(sys.argv[1])
uris = [bytes(a.A.URI) for pg in p.pages for a in pg.get("/Annots", []) if "/A" in a]
sys.exit(0 if [len(u) for u in uris] == [65535] else 1)
' "$T/at-limit.pdf"
expect link-long-id-goes-to-its-page /usr/bin/python3 -c '
import pikepdf, sys
p = pikepdf.open(sys.argv[1])
dests = [a.Dest for pg in p.pages for a in pg.get("/Annots", []) if "/Dest" in a]
sys.exit(0 if len(dests) == 1 and dests[0][0].Type == "/Page" else 1)
' "$T/long-id.pdf"

for c in over-limit over-limit-utf8; do
	run $c
	line=$(grep -n '<verweis' "$T/$c.xml" | cut -d: -f1)
	n=$(/usr/bin/python3 -c 'import re,sys; print(len(re.search(r"url=\"([^\"]*)\"", open(sys.argv[1], encoding="utf-8").read()).group(1).encode()))' "$T/$c.xml")
	# at the verweis's text, the address itself when it has none
	col=$([ $c = over-limit ] && echo $((n + 17)) || echo 1)
	msg="$T/$c.xml:$line:$col: error: link address of $n bytes: a PDF string holds at most 65535"
	expect "link-$c-check-refuses" test "$(cat "$T/$c.check.rc")" = 1 -a "$(cat "$T/$c.check.err")" = "$msg"
	expect "link-$c-build-refuses" test "$(cat "$T/$c.build.rc")" = 1 -a "$(cat "$T/$c.build.err")" = "$msg" \
	    -a ! -e "$T/$c.pdf"
done

# Links on one page: its /Annots, and its array in the parent tree (one
# element per tagged piece of text), hold at most 8191 elements (PDF/A-1).
# In a template with a 4 pt paragraph style one page holds some 12 000
# links: the build is refused at the first link too many (exit 1, nothing
# written), as at the first change of language too many; 8000 links build.
sed 's|<absatz schnitt="normal" groessePt="11" zeilenabstandPt="16"|<absatz schnitt="normal" groessePt="4" zeilenabstandPt="4.5"|' \
	templates/landtag-nrw.xml >"$T/klein.xml"
expect links-small-template-made grep -q 'groessePt="4" zeilenabstandPt="4.5"' "$T/klein.xml"
/usr/bin/python3 - "$T" <<'PY'
import sys
out = sys.argv[1]
s = open('tests/regress/valid/minimal.xml', encoding='utf-8').read()
i = s.index('    <ueberschrift>Vereinbarungen</ueberschrift>')
j = s.index('  </bericht>')
def write(name, body):
    open(out + '/' + name + '.xml', 'w', encoding='utf-8').write(
        s[:i] + '    <ueberschrift>Vereinbarungen</ueberschrift>\n' + body + s[j:])
# one a line, so that a message's line names the link
write('links12000', '<absatz>' + ''.join('<verweis url="https://example.org/%d">x</verweis>\n' % k
    for k in range(12000)) + '</absatz>\n')
write('links8000', '<absatz>' + ''.join('<verweis url="https://example.org/%d">x</verweis>\n' % k
    for k in range(8000)) + '</absatz>\n')
write('langs9000', '<absatz>' + ''.join('<betont xml:lang="en">x</betont> y\n'
    for k in range(9000)) + '</absatz>\n')
PY
page_build() { # NAME: build with the small template; exit code and messages in $T
	rm -f "$T/$1.pdf"
	"$VORLAGE" build "$T/$1.xml" -t "$T/klein.xml" -o "$T/$1.pdf" -q >"$T/$1.out" 2>"$T/$1.err"
	echo $? >"$T/$1.rc"
}
page_build links12000
# the 8192nd link of the page (the report's first, page 3) is on line 38 + 8191
msg="$T/links12000.xml:8229:41: error: page 3 would hold more than 8191 links: a PDF/A-1 array (the page's annotations) holds at most that many"
expect links-too-many-on-a-page-refused test "$(cat "$T/links12000.rc")" = 1 -a ! -e "$T/links12000.pdf"
expect links-too-many-on-a-page-says-where test "$(cat "$T/links12000.err")" = "$msg"
page_build langs9000
msg="$T/langs9000.xml:4133:23: error: page 3 would hold more than 8191 pieces of tagged text (links, changes of language): a PDF/A-1 array (the page's in the parent tree) holds at most that many"
expect tags-too-many-on-a-page-refused test "$(cat "$T/langs9000.rc")" = 1 -a ! -e "$T/langs9000.pdf"
expect tags-too-many-on-a-page-says-where test "$(cat "$T/langs9000.err")" = "$msg"
page_build links8000
expect links-8000-on-a-page-build test "$(cat "$T/links8000.rc")" = 0 -a ! -s "$T/links8000.err"
expect links-8000-on-a-page-annots /usr/bin/python3 -c '
import pikepdf, sys
p = pikepdf.open(sys.argv[1])
sys.exit(0 if [len(pg.get("/Annots", [])) for pg in p.pages] == [0, 0, 8000] else 1)
' "$T/links8000.pdf"
out=$(/usr/bin/python3 tests/pdfua_check.py "$T/links8000.pdf" 2>&1)
expect links-8000-on-a-page-pdfua sh -c '! printf "%s\n" "$0" | grep -qv "^ok "' "$out"
