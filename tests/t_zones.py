"""t_zones.py: the letter's fixed zones (letterhead, address field, stamp,
info block) hold what the source puts there, or the build fails.

Too many recipient or sender lines, or a Vorlage number too wide for the
stamp, are an error at the source's element (FILE:LINE:COL, exit 1, no PDF),
never text printed over the next zone: the sources are the cases of
tests/regress/zonen, whose .msg holds the exact messages (t_regress.sh checks
that `vorlage layout` prints them and no dump; here the build). Long lines that still fit are set,
and then every word of the letter is on page 1, inside the page and inside
its zone. A template font size far below the schema's 4 pt is refused."""
import collections
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
import pdfwords as pw  # noqa: E402
from testlib import SRC, TMP, VORLAGE, check, done, run  # noqa: E402

MM = 72 / 25.4

with open(SRC, encoding='utf-8') as f:
    BASE = f.read()


def with_lines(text, element, lines):
    """The source with element's <zeile> children replaced by lines."""
    body = ''.join('      <zeile>%s</zeile>\n' % z for z in lines)
    out, n = re.subn(r'(<%s>\n).*?(    </%s>)' % (element, element),
                     lambda m: m.group(1) + body + m.group(2), text, count=1, flags=re.S)
    assert n == 1, element
    return out


def write(name, text):
    path = os.path.join(TMP, name)
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)
    return path


def refused(name, *extra):
    """The build of the case zonen/NAME fails with exit 1, writes no PDF and
    prints exactly the case's messages (NAME.msg)."""
    src = 'tests/regress/zonen/%s.xml' % name
    with open(src[:-len('.xml')] + '.msg', encoding='utf-8') as f:
        want = f.read()
    pdf = os.path.join(TMP, name + '.pdf')
    r = run(VORLAGE, 'build', src, '-o', pdf, '-q', *extra)
    check(name + '-exit-1', r.returncode == 1 and not os.path.exists(pdf),
          'exit %d: %s' % (r.returncode, r.stderr[-300:]))
    check(name + '-location', r.stderr == want, 'want %r, got %r' % (want, r.stderr[-400:]))


# ---- overflow: an error at the first line that does not fit ---------------
# (12 recipient lines: at the 7th; 30 sender lines: at the 7th)

refused('recipients-12')
refused('senders-30')
# the plain DIN 5008 template has zones of its own: the same holds there
refused('senders-30-din5008', '-t', 'templates/din5008.xml')

# six address lines are DIN 5008's Anschriftzone: they fit, seven do not
six = with_lines(BASE, 'empfaenger', ['Empfängerzeile %d' % i for i in range(1, 7)])
r = run(VORLAGE, 'layout', write('recipients-6.xml', six))
check('recipients-6-fit', r.returncode == 0, r.stderr[-300:])
refused('recipients-7')

# a Vorlage number too wide for the stamp: at the root's attribute
refused('stamp-number-wide')
wide = BASE.replace('nummer="18/1828"', 'nummer="18/182818281828182818281828"', 1)
# without a stamp (DIN 5008) the number is printed nowhere on page 1: fine
r = run(VORLAGE, 'layout', write('stamp-number-wide-din.xml', wide), '-t', 'templates/din5008.xml')
check('stamp-number-wide-no-stamp', r.returncode == 0, r.stderr[-300:])

# ---- long lines that fit: every word on page 1, inside its zone ------------

long_src = with_lines(BASE, 'absender', [
    'Der Minister für Bundes- und Europaangelegenheiten, Internationales sowie Medien '
    'des Landes Nordrhein-Westfalen',
    'Chef der Staatskanzlei und Beauftragter für die Zusammenarbeit mit den Partnerregionen',
    'Staatskanzlei'])
long_src = with_lines(long_src, 'empfaenger', [
    'Herrn Präsidenten des Landtags Nordrhein-Westfalen André Kuper MdL',
    'Donaudampfschifffahrtsgesellschaftskapitänsmützenabteilung',
    'Platz des Landtags 1, 40221 Düsseldorf'])
src = write('long-lines.xml', long_src)
pdf = os.path.join(TMP, 'long-lines.pdf')
r = run(VORLAGE, 'build', src, '-o', pdf, '-q')
check('long-lines-build', r.returncode == 0 and 'error' not in r.stderr, r.stderr[-300:])
if r.returncode == 0:
    root = pw.parse(src)
    text, _ = pw.pdf_text(pdf, 1, 1)
    expected = pw.printed_letter_words(root, stamp=True)
    got = pw.pdf_words(text, expected)
    missing = collections.Counter(expected) - collections.Counter(got)
    check('long-lines-every-word-on-page-1', not missing, repr(list(missing)[:5]))
    # the letter's own text in order (the letterhead and the stamp stand side by side)
    it = iter(got)
    lw = pw.letter_words(root)
    check('long-lines-letter-in-order', all(any(w == x for x in it) for w in lw), '')

    out = run('pdftotext', '-bbox', '-f', '1', '-l', '1', pdf, '-').stdout
    boxes = [(float(m.group(1)) / MM, float(m.group(2)) / MM, float(m.group(3)) / MM,
              float(m.group(4)) / MM, m.group(5)) for m in pw.WORD.finditer(out) if m.group(1)]
    outside = [b for b in boxes if b[0] < 0 or b[1] < 0 or b[2] > 210 or b[3] > 297]
    check('long-lines-inside-page', boxes and not outside, repr(outside[:3]))

    def zone_words(x0, y0, x1, y1, expected):
        """The words set inside a zone, in order, and the boxes that cross its edge."""
        lines, y = [], None
        crossing = []
        for b in boxes:
            ins = b[0] >= x0 - 0.5 and b[1] >= y0 - 0.5 and b[2] <= x1 + 0.5 and b[3] <= y1 + 0.5
            out_ = b[2] < x0 or b[0] > x1 or b[3] < y0 or b[1] > y1
            if not ins and not out_:
                crossing.append(b)
            if not ins:
                continue
            if y is None or abs(b[1] - y) > 1:
                lines.append([])
            y = b[1]
            lines[-1].append(b[4])
        text = '\n'.join(' '.join(ln) for ln in lines)
        return pw.pdf_words(text, expected), crossing, len(lines)

    senders = pw.words(' '.join(z.text for z in root.find('metadaten/absender')))
    got, crossing, _ = zone_words(25, 15, 25 + 110, 15 + 27, senders)
    check('long-lines-letterhead-in-zone', got == senders and not crossing,
          'zone %r, crossing %r' % (pw.first_difference(senders, got), crossing[:3]))
    zeilen = root.find('anschreiben/empfaenger')
    recips = pw.words(' '.join(pw.inline_text(z) for z in zeilen))
    got, crossing, nlines = zone_words(20, 45, 20 + 85, 45 + 45, recips)
    check('long-lines-address-in-zone', got == recips and not crossing,
          'zone %r, crossing %r' % (pw.first_difference(recips, got), crossing[:3]))
    # the long lines were broken: more lines than zeilen, none of them lost
    check('long-lines-address-wrapped', nlines > len(zeilen), '%d lines' % nlines)

# ---- a template font size of 0.00001 pt: refused by the schema ------------

with open('templates/landtag-nrw.xml', encoding='utf-8') as f:
    tpl = f.read()
tiny = write('tiny-font.xml', re.sub(r'(<absatz schnitt="normal" groessePt=")11(")',
                                     r'\g<1>0.00001\2', tpl, count=1))
r = run(VORLAGE, 'build', SRC, '-t', tiny, '-o', os.path.join(TMP, 'tiny.pdf'), '-q')
check('template-font-size-tiny-refused', r.returncode == 1 and
      'groessePt="0.00001" is too small: at least 4' in r.stderr and
      not os.path.exists(os.path.join(TMP, 'tiny.pdf')),
      r.stderr[-300:])

done()
