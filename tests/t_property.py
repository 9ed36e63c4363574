#!/usr/bin/python3
"""t_property.py: what the check accepts, the layout sets whole, inside the
text area and without overprinting (issue 18: "one rule, proven by
property").

A generator writes random valid Vorlagen with every block of the report:
sections three deep with ids, lists nested three deep of every kind,
footnotes in every place the schema allows them (paragraphs of the report,
its introduction, agreements and groups), tables (row and column spans by
the grid's rule, header rows, fixed and shared widths, long captions, long
words in narrow columns), figures (tests/data/unterschrift.png or a PNG made
here), agreements, groups, page breaks, internal references to sections,
tables and figures, links, quotations, long words. For each document:

  - `vorlage check` must accept it (a refusal is the generator's mistake
    or the check's: reported with the message);
  - `vorlage build` must succeed, printing nothing but warnings, each at
    FILE:LINE:COL;
  - the box dump (`layout --no-letter --points`) must set every word the
    generator wrote into printed text (headings, paragraphs, list items,
    cells, captions, notes), maybe broken over lines;
  - every text item lies inside the text area (x from its left edge, x + w
    to its right edge plus TOL_RIGHT, baseline less ascender and baseline
    plus descender within its top and bottom; a raised footnote mark's
    ink, 0.75 of its size, below the top), the page number aside;
  - no two text items of a page overlap (boxes of their advance and of 0.75
    of their size above and 0.2 below the baseline, by more than a kern);
  - tests/pdfua_check.py passes on the PDF.

Figures' captions stay short enough for a page (a figure never splits:
PROPERTY_LONG_FIGURE_CAPTIONS=1 lets them grow and shows it run off the
bottom). PROPERTY_N documents (make test: 30; `make property`: 300), the first from
PROPERTY_SEED (default 1828); a failure names the document's seed, and
PROPERTY_SEED=S PROPERTY_N=1 makes that document again (kept in the
scratch directory)."""
import os
import random
import struct
import subprocess
import sys
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gendoc  # noqa: E402
from testlib import TMP, VORLAGE, check, done  # noqa: E402

N = int(os.environ.get('PROPERTY_N', 30))
SEED = int(os.environ.get('PROPERTY_SEED', 1828))
LONG_FIGURE_CAPTIONS = os.environ.get('PROPERTY_LONG_FIGURE_CAPTIONS') == '1'
# the box dump from the build without sanitizers when there is one (the
# build of the PDF runs under them): half the time
LAYOUT = os.environ.get('VORLAGE_PLAIN', VORLAGE)
if not os.access(LAYOUT, os.X_OK):
    LAYOUT = VORLAGE

# The default template's text area (landtag-nrw.xml: textbereich 25, 25,
# 165 × 252 mm) in points, its page number's baseline (12.7 mm) and the
# fonts' ascender and descender (Liberation Sans, em).
MM = 72 / 25.4
AREA = (25 * MM, 25 * MM, 190 * MM, 277 * MM)   # left, top, right, bottom
PAGENUM_Y = 12.7 * MM
ASC, DESC = 0.905, 0.212
EPS = 0.02          # the dump's two decimals
TOL_RIGHT = 0.5     # a line's end may protrude by this (rounding of widths)

SYLLABLES = ('ba be bi bo bu da de di do du fa fe fi ga ge go ha he hi ka ke ko la le li lo '
             'ma me mi mo na ne ni no ra re ri ro sa se si so ta te ti to wa we wi za ze '
             'zu ber der ter ung lich keit heit schaft tum nis sam bar ös äu ür').split()


class Gen:
    """One random document: its body's XML, the words it prints, the files
    it needs beside it."""

    def __init__(self, seed):
        self.r = random.Random(seed)
        self.words = []         # every word printed as written
        self.targets = []       # ids a verweis ziel may name
        self.nid = 0
        self.pngs = set()
        self.notes = 0

    def uid(self, kind):
        self.nid += 1
        return '%s-%d' % (kind, self.nid)

    def word(self, long=False):
        r = self.r
        n = r.randint(12, 30) if long else r.randint(1, 4)
        w = ''.join(r.choice(SYLLABLES) for _ in range(n))
        if r.random() < 0.2:
            w = w.capitalize()
        self.words.append(w)
        return w

    def text(self, lo, hi, long_p=0.03):
        return ' '.join(self.word(self.r.random() < long_p) for _ in range(self.r.randint(lo, hi)))

    def inline(self, lo, hi, links=True, notes=False):
        """Mixed content: words, now and then in markup, a link, a
        reference (filled in at the end), a footnote."""
        r = self.r
        parts = []
        for _ in range(r.randint(1, 3)):
            x = r.random()
            t = self.text(lo, hi)
            if x < 0.1:
                t = '<betont>%s</betont>' % t
            elif x < 0.2:
                t = '<wichtig>%s</wichtig>' % t
            elif x < 0.3:
                t = '<zitat>%s</zitat>' % t
            elif x < 0.35 and links:
                t = '<verweis url="https://example.org/%s">%s</verweis>' % (self.uid('u'), t)
            elif x < 0.4 and links:
                t += ' siehe @REF@'
                self.words.append('siehe')
            parts.append(t)
            if notes and r.random() < 0.3:
                parts[-1] += '<fussnote>%s</fussnote>' % self.inline(3, 40, links, False)
                self.notes += 1
        return ' '.join(parts)

    def para(self, notes=True):
        return '<absatz>%s</absatz>' % self.inline(2, 40, True, notes)

    # ---- blocks -------------------------------------------------------

    def lst(self, depth, ind):
        r = self.r
        kind = r.choice(['punkte', 'zahlen', 'buchstaben', 'roemisch'])
        n = r.choice([1, 2, 3, 5, 12, 30]) if depth == 0 else r.randint(1, 6)
        out = ['%s<liste art="%s">' % (ind, kind)]
        for _ in range(n):
            items = [self.para(notes=False)]
            for _ in range(r.choice([0, 0, 0, 1, 2])):
                if depth < 2 and r.random() < 0.4:
                    items.append('\n' + self.lst(depth + 1, ind + '    ') + ind + '  ')
                else:
                    items.append(self.para(notes=False))
            out.append('%s  <eintrag>%s</eintrag>' % (ind, ''.join(items)))
        out.append('%s</liste>' % ind)
        return '\n'.join(out) + '\n'

    def rows(self, ncols, nrows, head):
        """Rows of one part by the grid's rule, every column filled."""
        r = self.r
        held = [0] * ncols
        out = []
        for k in range(nrows):
            cells, c = [], 0
            while True:
                while c < ncols and held[c]:
                    c += 1
                if c >= ncols:
                    break
                run = 0
                while c + run < ncols and not held[c + run]:
                    run += 1
                cs = r.randint(1, run) if r.random() < 0.3 else 1
                left = nrows - k
                rs = r.randint(2, min(3, left)) if left > 1 and r.random() < 0.2 else 1
                if head:
                    body = self.text(1, 3, 0)
                elif r.random() < 0.1 and (out or cells):  # empty, never the first
                    body = ''
                else:
                    body = self.inline(1, 12 if r.random() < 0.9 else 120, True, False)
                cells.append([cs, rs, body, c])
                for i in range(c, c + cs):
                    held[i] = rs
                c += cs
            nxt = [max(0, h - 1) for h in held]
            if k + 1 < nrows and all(nxt):
                cs, rs, body, c0 = cells[-1]
                cells[-1][1] = 1
                for i in range(c0, c0 + cs):
                    nxt[i] = 0
            held = nxt
            out.append('        <zeile>%s</zeile>\n' % ''.join(
                '<zelle%s%s>%s</zelle>' % (' spalten="%d"' % cs if cs > 1 else '',
                                           ' zeilen="%d"' % rs if rs > 1 else '', body)
                for cs, rs, body, _ in cells))
        return ''.join(out)

    def table(self, ind):
        r = self.r
        ncols = r.randint(1, 5)
        cols = []
        fixed = 0
        for _ in range(ncols):
            if r.random() < 0.25 and fixed < 100:
                w = r.choice([12, 15, 20, 30, 40])
                fixed += w
                cols.append('<spalte breite="%dmm"%s/>' % (w, r.choice(['', ' ausrichtung="rechts"'])))
            else:
                cols.append('<spalte breite="%d*"%s/>' % (
                    r.randint(1, 4), r.choice(['', '', ' ausrichtung="zentriert"',
                                               ' ausrichtung="dezimal"'])))
        s = ind + '<tabelle'
        cap = r.random() < 0.6
        if cap and r.random() < 0.7:
            tid = self.uid('tab')
            self.targets.append(tid)
            s += ' id="%s"' % tid
        s += '>\n'
        if cap:
            long = r.random() < 0.1
            s += ind + '  <beschriftung>%s</beschriftung>\n' % self.inline(
                200 if long else 2, 400 if long else 15, True, False)
        s += ind + '  <spalten>%s</spalten>\n' % ''.join(cols)
        nh = r.choice([0, 0, 1, 1, 2])
        if nh:
            s += ind + '  <kopf>\n' + self.rows(ncols, nh, True) + ind + '  </kopf>\n'
        s += ind + '  <rumpf>\n' + self.rows(ncols, r.choice([1, 2, 4, 8, 30]), False) + \
            ind + '  </rumpf>\n'
        return s + ind + '</tabelle>\n'

    def figure(self, ind):
        r = self.r
        png = r.choice(['unterschrift.png', 'balken.png', 'hoch.png'])
        self.pngs.add(png)
        s = ind + '<abbildung bild="%s"' % png
        cap = r.random() < 0.7
        if cap and r.random() < 0.7:
            fid = self.uid('abb')
            self.targets.append(fid)
            s += ' id="%s"' % fid
        s += '><alternativtext>Ein Bild</alternativtext>'
        if cap:
            # a figure never splits (flow_figure.c): a caption longer than
            # the page's room below its image runs off the bottom, so long
            # ones only with PROPERTY_LONG_FIGURE_CAPTIONS=1
            long = r.random() < 0.1
            hi = 200 if LONG_FIGURE_CAPTIONS else 40
            s += '<beschriftung>%s</beschriftung>' % self.inline(
                hi // 2 if long else 2, hi if long else 12, True, False)
        return s + '</abbildung>\n'

    def agreement(self, ind):
        self.words += ['Erklärung', 'mit']
        s = (ind + '<vereinbarung id="%s" parteien="schlesien">'
             '<titel>Erklärung mit <partnerRef ref="schlesien">Schlesien</partnerRef> %s</titel>'
             '<datum wert="2018-07-20">20. Juli 2018</datum>' % (self.uid('v'), self.text(1, 5)))
        for _ in range(self.r.randint(1, 2)):
            s += self.para(notes=True)
        return s + '</vereinbarung>\n'

    def group(self, ind):
        self.words += ['Partnerschaft', 'mit']
        s = (ind + '<gruppe id="%s"><einleitung><absatz>Partnerschaft mit '
             '<partnerRef ref="sichuan">Sichuan</partnerRef> %s</absatz></einleitung>'
             '<teil partner="sichuan">%s</teil></gruppe>\n' % (
                 self.uid('g'), self.inline(1, 20, True, True), self.para(notes=True)))
        return s

    def blocks(self, level, n, ind):
        r = self.r
        out = []
        for _ in range(n):
            x = r.random()
            if x < 0.3:
                out.append(ind + self.para() + '\n')
            elif x < 0.45:
                out.append(self.lst(0, ind))
            elif x < 0.62:
                out.append(self.table(ind))
            elif x < 0.72:
                out.append(self.figure(ind))
            elif x < 0.77:
                out.append(self.agreement(ind))
            elif x < 0.81:
                out.append(self.group(ind))
            elif x < 0.83:
                out.append(ind + '<seitenumbruch/>\n')
            elif level < 3:
                sid = self.uid('abs')
                if r.random() < 0.6:
                    self.targets.append(sid)
                head = self.text(1, 8 if r.random() < 0.9 else 40)
                out.append('%s<abschnitt id="%s"><ueberschrift>%s</ueberschrift>\n%s%s</abschnitt>\n' % (
                    ind, sid, head, self.blocks(level + 1, r.randint(1, 4), ind + '  '), ind))
            else:
                out.append(ind + self.para() + '\n')
        return ''.join(out)

    def body(self):
        s = ''
        if self.r.random() < 0.5:
            s += '    <einleitung>%s</einleitung>\n' % ''.join(
                self.para() for _ in range(self.r.randint(1, 2)))
        s += self.blocks(1, self.r.randint(3, 12), '    ')
        # the references, to targets anywhere in the document
        while '@REF@' in s:
            ref = ('<verweis ziel="%s"/>' % self.r.choice(self.targets)) if self.targets else 'nichts'
            s = s.replace('@REF@', ref, 1)
            if not self.targets:
                self.words.append('nichts')
        return s


def png(path, w, h):
    """An RGB PNG of w × h pixels, stripes."""
    raw = b''.join(b'\0' + bytes(c for x in range(w) for c in (x * 7 % 256, y * 5 % 256, 128))
                   for y in range(h))
    def chunk(t, d):
        c = struct.pack('>I', len(d)) + t + d
        return c + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    data = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0)) + \
        chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b'')
    with open(path, 'wb') as f:
        f.write(data)


def text_area_faults(pages):
    out = []
    left, top, right, bottom = AREA
    for p, items in pages.items():
        for k, it in enumerate(items):
            if abs(it['y'] - PAGENUM_Y) < EPS:
                continue  # the page number
            s = it['size']
            # a raised mark (a footnote's number after its word, smaller and
            # above the word's baseline): its ink, not its ascender, below
            # the top (the line's place is its word's ascender)
            prev = items[k - 1] if k else None
            asc = 0.75 if prev and prev['size'] > s and prev['y'] > it['y'] else ASC
            if (it['x'] < left - EPS or it['x'] + it['w'] > right + TOL_RIGHT or
                    it['y'] - asc * s < top - EPS or it['y'] + DESC * s > bottom + EPS):
                out.append('page %d: "%s" at %.2f,%.2f w %.2f' % (p, it['text'], it['x'], it['y'],
                                                                  it['w']))
    return out


def overlaps(pages):
    out = []
    for p, items in pages.items():
        v = sorted(items, key=lambda i: i['y'])
        for i, a in enumerate(v):
            for b in v[i + 1:]:
                if b['y'] - a['y'] > 0.95 * max(a['size'], b['size']):
                    break
                ox = min(a['x'] + a['w'], b['x'] + b['w']) - max(a['x'], b['x'])
                oy = min(a['y'] + 0.2 * a['size'], b['y'] + 0.2 * b['size']) - \
                    max(a['y'] - 0.75 * a['size'], b['y'] - 0.75 * b['size'])
                if ox > 0.15 * min(a['size'], b['size']) and oy > 0.5:
                    out.append('page %d: "%s" and "%s"' % (p, a['text'], b['text']))
    return out


def one(seed, d):
    """None, or why the document of this seed fails."""
    g = Gen(seed)
    body = g.body()
    src = os.path.join(d, 'p%d.xml' % seed)
    with open(src, 'w', encoding='utf-8') as f:
        f.write(gendoc.document(body)[0])
    for name in g.pngs:
        dst = os.path.join(d, name)
        if not os.path.exists(dst):
            if name == 'unterschrift.png':
                with open('tests/data/unterschrift.png', 'rb') as i, open(dst, 'wb') as o:
                    o.write(i.read())
            else:
                png(dst, *((600, 120) if name == 'balken.png' else (200, 900)))
    r = subprocess.run([VORLAGE, 'check', src], capture_output=True, text=True)
    # check lays the document out: the layout's warnings (a word broken by
    # force) are no refusal; an error or a non-zero exit is
    if r.returncode != 0 or ': error: ' in r.stderr:
        return 'refused', 'check: %s' % r.stderr.strip()[:400]
    pdf = os.path.join(d, 'p%d.pdf' % seed)
    r = subprocess.run([VORLAGE, 'build', src, '-o', pdf, '-q'], capture_output=True, text=True)
    why = []
    if r.returncode != 0:
        why.append('build: exit %d: %s' % (r.returncode, r.stderr.strip()[:400]))
    for f, line, _, level, text in gendoc.messages(r.stderr):
        if level != 'warning' or f != src or not line:
            why.append('build message: %s' % text[:200])
            break
    lay = subprocess.run([LAYOUT, 'layout', src, '--no-letter', '--points'],
                         capture_output=True, text=True)
    pages = gendoc.dump_pages(lay.stdout)
    found = gendoc.Words(pages)
    lost = [w for w in g.words if not found.has(w)]
    if lost:
        why.append('%d of %d words not set: %s' % (len(lost), len(g.words), ' '.join(lost[:5])))
    out = text_area_faults(pages)
    if out:
        why.append('%d items outside the text area: %s' % (len(out), '; '.join(out[:3])))
    ov = overlaps(pages)
    if ov:
        why.append('%d overlaps: %s' % (len(ov), '; '.join(ov[:3])))
    if r.returncode == 0:
        u = subprocess.run(['/usr/bin/python3', 'tests/pdfua_check.py', pdf],
                           capture_output=True, text=True)
        if u.returncode != 0:
            bad = [ln for ln in u.stdout.splitlines() if ln.startswith('FAIL')]
            why.append('pdfua_check: %s' % '; '.join(bad[:3]))
    if why:
        return 'failed', '; '.join(why)
    os.remove(pdf)
    return 'ok', (len(g.words), len(pages), g.notes)


def main():
    d = os.path.join(TMP, 'property')
    os.makedirs(d, exist_ok=True)
    counts = {'ok': 0, 'refused': 0, 'failed': 0}
    words = pages = notes = 0
    for k in range(N):
        seed = SEED + k
        res, info = one(seed, d)
        counts[res] += 1
        if res == 'ok':
            words += info[0]
            pages += info[1]
            notes += info[2]
        else:
            check('property-%d' % seed, False, '%s (PROPERTY_SEED=%d PROPERTY_N=1)' % (info, seed))
    print('# %d documents: %d whole, %d refused by the check, %d failed; %d words, %d pages, '
          '%d footnotes set' % (N, counts['ok'], counts['refused'], counts['failed'], words, pages,
                                notes))
    check('property-all', counts['failed'] == 0 and counts['refused'] == 0,
          '%d failed, %d refused' % (counts['failed'], counts['refused']))
    done()


if __name__ == '__main__':
    main()
