"""t_vorlage.py: the Vorlage as PDF, checked with real tools (poppler, qpdf,
MuPDF, Ghostscript, pikepdf). One "ok NAME" / "FAIL NAME" line per check."""
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.dirname(__file__))
import pdfwords as pw  # noqa: E402
from testlib import SRC, TMP, VORLAGE, check, count_failures, done, run  # noqa: E402

MM = 72 / 25.4


def build(src, out, *extra):
    return run(VORLAGE, 'build', src, '-o', out, '-q', *extra)


pdf = os.path.join(TMP, 'vorlage.pdf')
r = build(SRC, pdf)
check('build-exit-0', r.returncode == 0 and os.path.exists(pdf), r.stderr[-500:])
if not os.path.exists(pdf):
    sys.exit(1)

root = pw.parse(SRC)
npages = int(re.search(r'Pages:\s+(\d+)', run('pdfinfo', pdf).stdout).group(1))

# every word of the report, in order
text, err = pw.pdf_text(pdf, 2)
expected = pw.report_words(root)
got = pw.pdf_words(text, expected)
diff = pw.first_difference(expected, got)
check('report-words-in-order', diff is None, diff and 'word %d: expected [%s] got [%s]' % diff)
check('pdftotext-no-warning', err.strip() == '', err[:300])

# page 1: the whole letter, in order, and nothing of the report
p1, _ = pw.pdf_text(pdf, 1, 1)
lw = pw.letter_words(root)
p1w = pw.pdf_words(p1, lw)
it = iter(p1w)
missing = [w for w in lw if not any(w == x for x in it)]
check('letter-words-on-page-1-in-order', not missing, 'missing from %r' % missing[:5])
# words of the report's title page and body that the letter does not use
report_only = {'Frage', 'Antwort', 'Beantwortung', 'Fraktion', 'Kattowitz', 'Shanxi.'}
check('page-1-nothing-of-report', not report_only & set(p1w), repr(report_only & set(p1w)))
for word in ('Łukasz', 'Pôlénergie', 'Grüßen', '\u201eAktueller', 'Staaten\u201c'):
    check('extractable-' + word, word in text + p1, word)

# fonts: all embedded subsets
fonts = run('pdffonts', pdf).stdout.splitlines()[2:]
check('fonts-listed', len(fonts) >= 3, '\n'.join(fonts))
check('fonts-all-embedded', all(' yes yes ' in f for f in fonts), '\n'.join(fonts))

# qpdf, MuPDF and Ghostscript accept it
q = run('qpdf', '--check', pdf)
check('qpdf-check-clean', q.returncode == 0 and 'WARNING' not in q.stdout + q.stderr,
      (q.stdout + q.stderr)[-400:])
m = run('mutool', 'draw', '-q', '-o', os.path.join(TMP, 'mu-%d.png'), '-r', '20', pdf)
# MuPDF's notice about its own build ("ICC support is not available") is not about the file
mu_err = [ln for ln in m.stderr.splitlines() if 'ICC support is not available' not in ln]
check('mutool-renders', m.returncode == 0 and not mu_err, m.stderr[:300])
g = run('gs', '-q', '-dBATCH', '-dNOPAUSE', '-dSAFER', '-sDEVICE=nullpage', pdf)
check('ghostscript-renders', g.returncode == 0 and 'rror' not in g.stdout + g.stderr,
      (g.stdout + g.stderr)[:300])
pp = run('pdftoppm', '-r', '20', '-png', pdf, os.path.join(TMP, 'pp'))
check('pdftoppm-renders', pp.returncode == 0 and pp.stderr.strip() == '', pp.stderr[:300])


def bbox_words(path, page):
    out = run('pdftotext', '-bbox', '-f', str(page), '-l', str(page), path, '-').stdout
    ws = []
    for m_ in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                          r'yMax="([\d.]+)">([^<]*)</word>', out):
        ws.append((float(m_.group(1)), float(m_.group(2)), float(m_.group(3)),
                   float(m_.group(4)), m_.group(5)))
    return ws


# no text outside the text area (25 mm left, 20 mm right; 25 mm top, 20 mm
# bottom) on the report's pages, except the page number in the top margin
outside = []
for page in range(2, npages + 1):
    for x0, y0, x1, y1, w in bbox_words(pdf, page):
        if re.fullmatch(r'-?\d+-?|-', w) and y1 < 25 * MM:
            continue  # "- 2 -"
        if x0 < 25 * MM - 0.5 or x1 > (210 - 20) * MM + 0.5 or y0 < 25 * MM - 4 or \
                y1 > (297 - 20) * MM + 0.5:
            outside.append((page, w, round(x0 / MM, 1), round(x1 / MM, 1),
                            round(y0 / MM, 1), round(y1 / MM, 1)))
check('report-text-inside-text-area', not outside, repr(outside[:5]))

# justified lines end at the text area's right edge (190 mm) as a viewer
# draws them: font expansion (Tz) and the word positions (TJ) agree
edges = {}
for x0, y0, x1, y1, w in bbox_words(pdf, 3):
    edges[round(y0)] = max(edges.get(round(y0), 0), x1)
flush = [e for e in edges.values() if abs(e - 190 * MM) < 0.1]
check('justified-lines-flush-right', len(flush) >= 20 and
      all(e < 190 * MM + 0.1 for e in edges.values()), repr(sorted(edges.values())[-5:]))

# the stamp's lines inside its box (top right of page 1)
p1b = bbox_words(pdf, 1)
stamp = [b for b in p1b if b[4] in ('LANDTAG', 'NORDRHEIN-WESTFALEN', 'WAHLPERIODE',
                                    'VORLAGE', '18/1828', 'A06')]
check('stamp-lines-present', len(stamp) == 6, repr([b[4] for b in stamp]))
check('stamp-lines-top-right', all(b[0] > 120 * MM and b[3] < 60 * MM for b in stamp),
      repr(stamp))
# the page numbers of the report from its second page on
nums = [w for page in range(3, npages + 1) for w in pw.pdf_text(pdf, page, page)[0].split('\n')
        if pw.PAGENUM.match(w)]
check('page-numbers-from-report-page-2', len(nums) == npages - 2 and
      re.fullmatch(r'-\s*2\s*-', nums[0].strip()) is not None,
      repr(nums))

# the stamp's values come from the metadata
src2 = os.path.join(TMP, 'stamp.xml')
with open(SRC, encoding='utf-8') as f:
    s = f.read()
s = s.replace('nummer="18/1828" verteiler="A06"', 'nummer="18/2345" verteiler="A11"', 1)
with open(src2, 'w', encoding='utf-8') as f:
    f.write(s)
pdf2 = os.path.join(TMP, 'stamp.pdf')
r2 = build(src2, pdf2)
t2 = pw.pdf_text(pdf2, 1, 1)[0] if r2.returncode == 0 else ''
check('stamp-follows-metadata', '18/2345' in t2 and 'A11' in t2 and '18/1828' not in t2,
      r2.stderr[-300:])

# the PDF is never written over an input
src10 = os.path.join(TMP, 'self.xml')
with open(src10, 'w', encoding='utf-8') as f:
    f.write(s)
r10 = build(src10, src10)
with open(src10, encoding='utf-8') as f:
    same = f.read() == s
check('refuses-to-overwrite-source', r10.returncode == 2 and same and 'input' in r10.stderr,
      r10.stderr[-300:])
tcopy = os.path.join(TMP, 'tpl-copy.xml')
shutil.copy('templates/landtag-nrw.xml', tcopy)
r11 = build(SRC, tcopy, '--template', tcopy)
check('refuses-to-overwrite-template', r11.returncode == 2 and
      open(tcopy, 'rb').read() == open('templates/landtag-nrw.xml', 'rb').read(), r11.stderr[-300:])

# a page break forced from the source: the Ghana agreement starts a page
src9 = os.path.join(TMP, 'pagebreak.xml')
with open(src9, 'w', encoding='utf-8') as f:
    f.write(s.replace('<vereinbarung id="v-2021-ghana"', '<seitenumbruch/><vereinbarung id="v-2021-ghana"', 1))
pdf9 = os.path.join(TMP, 'pagebreak.pdf')
r9 = build(src9, pdf9)
starts = []
if r9.returncode == 0:
    for page_text in pw.pdf_text(pdf9)[0].split('\f'):
        body = [ln for ln in page_text.split('\n') if ln.strip() and not pw.PAGENUM.match(ln)]
        starts.append(body[0] if body else '')
check('forced-page-break', any(st.startswith('Gemeinsame Absichtserklärung über die weitere')
                               for st in starts), r9.stderr[-300:] or repr(starts))

# bookmarks and document information
try:
    import pikepdf
    with pikepdf.open(pdf) as p:
        with p.open_outline() as ol:
            titles = []
            stack = list(ol.root)
            while stack:
                it_ = stack.pop(0)
                titles.append(str(it_.title))
                stack = list(it_.children) + stack
        info = p.docinfo
        need = ['Anschreiben', 'Bericht', 'Frage', 'Antwort', 'Deutschsprachige Gemeinschaft Belgiens',
                'Schlesien, Hauts-de-France', 'Vereinigtes Königreich', 'Sichuan']
        check('bookmarks', all(n in titles for n in need), repr(titles))
        check('info-title', str(info.get('/Title', '')) ==
              'Aktueller Umsetzungsstand der Vereinbarungen NRWs mit ausländischen Staaten',
              str(info.get('/Title')))
        check('info-subject', '18/1828' in str(info.get('/Subject', '')), str(info.get('/Subject')))
        check('info-keywords', 'Hauts-de-France' in str(info.get('/Keywords', '')) and
              'Jiangsu' in str(info.get('/Keywords', '')), str(info.get('/Keywords')))
        check('page-labels', '/PageLabels' in p.Root, 'no /PageLabels')
except ImportError as e:
    check('pikepdf-available', False, str(e))

# the second template: a plain DIN 5008 letter, no stamp
pdf3 = os.path.join(TMP, 'din5008.pdf')
r3 = build(SRC, pdf3, '--template', 'templates/din5008.xml')
t3 = pw.pdf_text(pdf3, 1, 1)[0] if r3.returncode == 0 else ''
check('din5008-template-builds', r3.returncode == 0, r3.stderr[-300:])
check('din5008-no-stamp', 'WAHLPERIODE' not in t3 and 'Herrn André Kuper MdL' in t3, t3[:200])
t3all = pw.pdf_text(pdf3)[0]
check('din5008-seite-x-von-y', re.search(r'Seite 2 von \d+', t3all) is not None, '')

# a signature image: missing file is a clear error, no PDF written; the
# source and its exact message are the case tests/regress/unterschrift/bild-fehlt
src4 = 'tests/regress/unterschrift/bild-fehlt.xml'
with open(src4[:-len('.xml')] + '.msg', encoding='utf-8') as f:
    want4 = f.read()
pdf4 = os.path.join(TMP, 'sig.pdf')
r4 = build(src4, pdf4)
check('signature-missing-image-error', r4.returncode == 2 and not os.path.exists(pdf4) and
      r4.stderr == want4, 'exit %d: %r' % (r4.returncode, r4.stderr[-300:]))
check('gez-without-image', 'gez.' in p1, '')


def write_png(path, w, h, alpha):
    """A small PNG: a blue stroke on white (RGB), or with an alpha channel."""
    import struct
    import zlib
    rows = b''
    for y in range(h):
        row = b''
        for x in range(w):
            ink = abs(y - h // 2 - (x % 20 - 10) // 3) < 2
            px = (20, 40, 160) if ink else (255, 255, 255)
            row += bytes(px) + (bytes([255 if ink else 0]) if alpha else b'')
        rows += b'\x00' + row

    def chunk(t, d):
        return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    ihdr = struct.pack('>IIBBBBB', w, h, 8, 6 if alpha else 2, 0, 0, 0)
    with open(path, 'wb') as f:
        f.write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', ihdr) + chunk(b'IDAT', zlib.compress(rows))
                + chunk(b'IEND', b''))


sigdir = os.path.join(TMP, 'sig')
os.makedirs(sigdir, exist_ok=True)
src5 = os.path.join(sigdir, 'vorlage.xml')
with open(src5, 'w', encoding='utf-8') as f:
    f.write(s.replace('<unterschrift>', '<unterschrift bild="unterschrift.png">', 1))
write_png(os.path.join(sigdir, 'unterschrift.png'), 120, 40, False)
pdf5 = os.path.join(TMP, 'sig-ok.pdf')
r5 = build(src5, pdf5)
t5 = pw.pdf_text(pdf5, 1, 1)[0] if r5.returncode == 0 else ''
check('signature-image-drawn', r5.returncode == 0 and 'gez.' not in t5 and
      'Nathanael Liminski' in t5 and '/Image' in open(pdf5, 'rb').read().decode('latin-1'),
      r5.stderr[-300:])


def blue_pixels(pdf_path):
    """Bluish pixels of page 1 rendered at 30 dpi (PPM, colour)."""
    base = os.path.join(TMP, 'blue')
    run('pdftoppm', '-r', '30', '-f', '1', '-l', '1', '-singlefile', pdf_path, base)
    with open(base + '.ppm', 'rb') as f:
        data = f.read()
    head = data.split(maxsplit=4)
    w, h = int(head[1]), int(head[2])
    pix = data[len(data) - 3 * w * h:]
    return sum(1 for i in range(0, len(pix), 3) if pix[i + 2] - pix[i] > 60)


check('signature-image-visible', r5.returncode == 0 and blue_pixels(pdf5) > 20 and
      blue_pixels(pdf) == 0, 'no blue ink on the rendered letter')
a5 = run('/usr/bin/python3', 'tests/pdfa_check.py', pdf5) if r5.returncode == 0 else None
check('signature-image-pdfa', a5 is not None and a5.returncode == 0, a5 and a5.stdout[-300:])
write_png(os.path.join(sigdir, 'unterschrift.png'), 120, 40, True)
pdf6 = os.path.join(TMP, 'sig-alpha.pdf')
r6 = build(src5, pdf6)
# refused by the check, at the element naming the image (exit 1: the source
# asks for what a PDF/A cannot hold), before anything is laid out
check('signature-alpha-refused-in-pdfa', r6.returncode == 1 and not os.path.exists(pdf6) and
      re.search(r"vorlage\.xml:\d+:\d+: error: signature image 'unterschrift\.png' has "
                r"transparency, which PDF/A-1 forbids", r6.stderr) is not None, r6.stderr[-300:])
r7 = build(src5, os.path.join(TMP, 'sig-alpha-plain.pdf'), '--no-archival')
check('signature-alpha-plain-ok', r7.returncode == 0, r7.stderr[-300:])
with open(os.path.join(sigdir, 'unterschrift.png'), 'wb') as f:
    f.write(b'\x89PNG\r\n\x1a\nbroken')
pdf8 = os.path.join(TMP, 'sig-broken.pdf')
r8 = build(src5, pdf8)
check('signature-broken-png-error', r8.returncode == 2 and not os.path.exists(pdf8) and
      'unterschrift.png' in r8.stderr, r8.stderr[-300:])

# rendered pages against the stored references
rp = run('/usr/bin/python3', 'tests/refpages.py', pdf, 'check')
print(rp.stdout.strip())
count_failures(rp.stdout.count('FAIL '))
done()
