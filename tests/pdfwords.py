"""pdfwords.py: the words of a Vorlage source as the layout sets them, and the
words of a PDF as pdftotext extracts them, for the tests that compare the two.
Stdlib only; run by /usr/bin/python3."""
import html
import re
import subprocess
import xml.etree.ElementTree as ET

XML_LANG = '{http://www.w3.org/XML/1998/namespace}lang'
QUOTES = {'de': ('\u201e', '\u201c'), 'en': ('\u201c', '\u201d')}


def inline_text(el, lang='de'):
    """The text of mixed content as set: zitat gets its quote marks,
    festesLeerzeichen is a no-break space, trennstelle vanishes."""
    lang = el.get(XML_LANG, lang)
    out = [el.text or '']
    for child in el:
        tag = child.tag
        if tag == 'festesLeerzeichen':
            out.append('\u00a0')
        elif tag == 'trennstelle':
            pass
        elif tag == 'zitat':
            q = QUOTES['de' if lang.startswith('de') else 'en']
            out.append(q[0] + inline_text(child, lang) + q[1])
        else:
            out.append(inline_text(child, lang))
        out.append(child.tail or '')
    return ''.join(out).replace('\u00ad', '')


def words(text):
    return text.replace('\u00a0', ' ').split()


def agreement_words(ag):
    w = words(inline_text(ag.find('titel')) + ' (' + ag.find('datum').text + ')')
    for p in ag.findall('absatz'):
        w += words(inline_text(p))
    return w


def group_intro_words(g):
    w = []
    for p in g.find('einleitung').findall('absatz'):
        w += words(inline_text(p))
    return w


def part_words(part):
    w = []
    for p in part.findall('absatz'):
        w += words(inline_text(p))
    return w


def report_words(root):
    """The report as set: title page, heading, intro, question, answer."""
    b = root.find('bericht')
    w = []
    for z in b.find('titelblatt').findall('zeile'):
        w += words(inline_text(z))
    w += words(inline_text(b.find('ueberschrift')))
    for p in b.find('einleitung').findall('absatz'):
        w += words(inline_text(p))
    fr = b.find('frage')
    w += words(fr.get('titel', 'Frage'))
    for p in fr.findall('absatz'):
        w += words(inline_text(p))
    an = b.find('antwort')
    w += words(an.get('titel', 'Antwort'))
    for item in an:
        if item.tag == 'absatz':
            w += words(inline_text(item))
        elif item.tag == 'vereinbarung':
            w += agreement_words(item)
        elif item.tag == 'gruppe':
            w += group_intro_words(item)
            for part in item.findall('teil'):
                w += part_words(part)
    return w


def letter_words(root):
    a = root.find('anschreiben')
    w = []
    for z in a.find('empfaenger').findall('zeile'):
        w += words(inline_text(z))
    w += words(root.find('metadaten/datum').text)
    w += words(inline_text(a.find('anrede')))
    for p in a.findall('absatz'):
        w += words(inline_text(p))
    w += words(inline_text(a.find('gruss')))
    w += words(a.find('unterschrift/name').text)
    return w


def printed_letter_words(root, stamp):
    """The cover letter's words as printed, in reading order: the letterhead
    (the sender's lines), the address, the Landtag's stamp (when the
    template has one), the date, the text, "gez." (when there is no
    signature image: the image is a figure, its description not printed),
    the signer's name."""
    m = root.find('metadaten')
    a = root.find('anschreiben')
    w = []
    for z in m.find('absender').findall('zeile'):
        w += words(inline_text(z))
    for z in a.find('empfaenger').findall('zeile'):
        w += words(inline_text(z))
    if stamp:
        w += words('LANDTAG NORDRHEIN-WESTFALEN %s. WAHLPERIODE VORLAGE %s %s' % (
            root.get('wahlperiode'), root.get('nummer'), root.get('verteiler')))
    w += words(m.find('datum').text)
    w += words(inline_text(a.find('anrede')))
    for p in a.findall('absatz'):
        w += words(inline_text(p))
    w += words(inline_text(a.find('gruss')))
    if a.find('unterschrift').get('bild') is None:
        w.append('gez.')
    w += words(a.find('unterschrift/name').text)
    return w


def annex_words(root, pid):
    """The words of a partner's annex: its heading, the Vorlage's number,
    date and title, then the partner's agreements and group parts."""
    number = root.get('nummer')
    name = next(p.text.strip() for p in root.find('partnerverzeichnis') if p.get('id') == pid)
    w = words('Anlage zu Vorlage %s \u2014 Partnerschaft mit %s' % (number, name))
    w += words('Vorlage %s vom %s' % (number, root.find('metadaten/datum').text))
    w += words(root.find('metadaten/titel').text)
    for item in root.find('bericht/antwort'):
        if item.tag == 'vereinbarung' and pid in item.get('parteien').split():
            w += agreement_words(item)
        elif item.tag == 'gruppe':
            for part in item.findall('teil'):
                if part.get('partner') == pid:
                    w += group_intro_words(item) + part_words(part)
    return w


WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                  r'yMax="([\d.]+)">([^<]*)</word>|<page ')


def pdf_text(path, first=None, last=None):
    """The text of a PDF, one line per printed line, pages separated by form
    feeds. Built from pdftotext's word boxes: its plain output joins lines
    that end in a hyphen and drops the hyphen ("Hauts-de-" + "France"), which
    would hide exactly the breaks these tests look at."""
    cmd = ['pdftotext', '-enc', 'UTF-8', '-bbox']
    if first:
        cmd += ['-f', str(first)]
    if last:
        cmd += ['-l', str(last)]
    r = subprocess.run(cmd + [path, '-'], capture_output=True, text=True)
    out, line, y = [], [], None
    for m in WORD.finditer(r.stdout):
        if m.group(0).startswith('<page'):
            if line:
                out.append(' '.join(line))
            if out:
                out.append('\f')
            line, y = [], None
            continue
        y0 = float(m.group(2))
        if y is not None and abs(y0 - y) > 2 and line:
            out.append(' '.join(line))
            line = []
        y = y0
        line.append(html.unescape(m.group(5)))
    if line:
        out.append(' '.join(line))
    return '\n'.join(out), r.stderr


PAGENUM = re.compile(r'^\s*(-\s*\d+\s*-|Seite \d+ von \d+)\s*$')


def pdf_words(text, expected):
    """Words of extracted text with page-number lines removed and line-end
    hyphens resolved against the expected words: a word ending in '-' at a
    line end is joined with the next line's first word, keeping the hyphen
    when the expected text has it there."""
    lines = [ln for ln in text.replace('\f', '\n').split('\n') if not PAGENUM.match(ln)]
    toks = []
    for ln in lines:
        ws = words(ln)
        if ws:
            toks.append(ws)
    flat = toks
    out = []
    exp = set(expected)
    pending = None
    soft = False
    for ws in flat:
        ws = list(ws)
        if pending is not None:
            first = ws[0]
            keep = pending + first
            drop = pending[:-1] + first
            if soft:  # an added hyphen: the word goes on, always
                ws[0] = drop
            elif keep in exp and drop not in exp:
                ws[0] = keep
            elif drop in exp or pending not in exp:
                ws[0] = drop
            else:  # "Bundes- und": a hyphen that ends a word
                out.append(pending)
            pending = None
        # vorlage draws the hyphen it adds at a break as U+00AD (soft hyphen)
        soft = ws[-1].endswith('\u00ad')
        if soft or (ws[-1].endswith('-') and len(ws[-1]) > 1 and ws[-1].rstrip('-')
                    and ws[-1][-2].isalpha()):
            pending = ws.pop()
        out.extend(ws)
    if pending is not None:
        out.append(pending)
    return out


def first_difference(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i, ' '.join(a[max(0, i - 5):i + 5]), ' '.join(b[max(0, i - 5):i + 5])
    if len(a) != len(b):
        i = min(len(a), len(b))
        return i, ' '.join(a[i - 5:i + 5]), ' '.join(b[i - 5:i + 5])
    return None


def parse(path):
    return ET.parse(path).getroot()
