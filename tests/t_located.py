#!/usr/bin/python3
"""t_located.py: every message of the report's blocks has a place (issue 18:
the table's and the forced-break warnings printed no FILE:LINE:COL, and in a
batch one could not tell which source a warning belonged to).

Two sources in one batch (`vorlage build A.xml B.xml -d DIR`), each with a
word too long for its line in a paragraph, a footnote, a list item, a table's
caption, header and body cell (a 10 mm column) and a heading: every message
printed is FILE:LINE:COL of its own source, at the element the word is in
(the lines differ between the two sources: B has its blocks two lines
lower), and each source gets one message per place."""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gendoc  # noqa: E402
from testlib import TMP, VORLAGE, check, done  # noqa: E402

LONG = 'Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherung' * 2

# (what, the block's XML with {w} for the long word); each place's line is
# where its element starts
BLOCKS = [
    ('paragraph', '    <absatz>Ein Absatz mit {w} darin.</absatz>\n'),
    ('footnote', '    <absatz>Mit Fußnote<fussnote>Eine Fußnote mit {w}.</fussnote>.</absatz>\n'),
    ('list item', '    <liste art="zahlen"><eintrag><absatz>Punkt {w}</absatz></eintrag></liste>\n'),
    ('table', '    <tabelle>\n'
              '      <beschriftung>Beschriftung {w}</beschriftung>\n'
              '      <spalten><spalte breite="12mm"/><spalte/></spalten>\n'
              '      <kopf><zeile><zelle>Kopf</zelle><zelle>{w}</zelle></zeile></kopf>\n'
              '      <rumpf><zeile><zelle>{w}</zelle><zelle>b</zelle></zeile></rumpf>\n'
              '    </tabelle>\n'),
    ('heading', '    <abschnitt><ueberschrift>Kopf {w}</ueberschrift><absatz>x</absatz></abschnitt>\n'),
]


def source(path, pad):
    body = '    <absatz>Davor.</absatz>\n' * pad + ''.join(b.format(w=LONG) for _, b in BLOCKS)
    text, first = gendoc.document(body)
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)
    # the lines of the elements that hold the long word
    places = []
    for i, ln in enumerate(text.split('\n'), 1):
        for m in re.finditer(LONG, ln):
            places.append(i)
    return places


def main():
    d = os.path.join(TMP, 'located')
    os.makedirs(d, exist_ok=True)
    a, b = os.path.join(d, 'a.xml'), os.path.join(d, 'b.xml')
    la, lb = source(a, 0), source(b, 2)
    r = subprocess.run([VORLAGE, 'build', a, b, '-d', os.path.join(d, 'out'), '-q'],
                       capture_output=True, text=True)
    msgs = gendoc.messages(r.stderr)
    check('located-exit', r.returncode == 0, 'exit %d: %s' % (r.returncode, r.stderr[:300]))
    unplaced = [m for m in msgs if m[0] not in (a, b) or not m[1]]
    check('located-every-message', msgs and not unplaced,
          '; '.join(m[4] for m in unplaced[:3]) or 'no message')
    for path, lines in ((a, la), (b, lb)):
        got = sorted(ln for f, ln, _, _, _ in msgs if f == path)
        n = os.path.basename(path)
        check('located-%s-one-per-word' % n, len(got) == len(lines),
              '%d messages for %d long words: %s' % (len(got), len(lines), got))
        # each message on the line of the word's element or above it, and
        # not above the block that holds it
        off = [ln for ln in got if ln not in lines and ln + 1 not in lines and ln + 2 not in lines]
        check('located-%s-at-the-word' % n, not off, 'lines %s, words on %s' % (off, lines))
    check('located-sources-apart', sorted(ln for f, ln, _, _, _ in msgs if f == b) ==
          sorted(ln + 2 for f, ln, _, _, _ in msgs if f == a), 'B is A two lines lower')
    done()


if __name__ == '__main__':
    main()
