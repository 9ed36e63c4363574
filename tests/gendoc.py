"""gendoc.py: what the generated-document tests (t_table_spans.py,
t_property.py) share: a valid Vorlage around a report body of their own,
the box dump read back (pages, text items, the words they set), and the
messages of a run by source line. Stdlib only; run by /usr/bin/python3."""
import re

# The source around the report's blocks: valid/minimal.xml's letter and
# title page; BODY is replaced by the blocks (bericht's choice of blocks,
# without frage/antwort).
HEAD = '''<?xml version="1.0" encoding="UTF-8"?>
<vorlage wahlperiode="18" nummer="18/1828" verteiler="A06" xml:lang="de">
  <metadaten>
    <datum wert="2023-11-02">02. November 2023</datum>
    <absender>
      <zeile>Der Minister</zeile>
    </absender>
    <minister>Nathanael Liminski</minister>
    <adressat>Präsident des Landtags Nordrhein-Westfalen</adressat>
    <anfrage fraktion="SPD">Frau Blask MdL</anfrage>
    <ausschuss sitzung="2023-11-03">Ausschuss für Europa und Internationales</ausschuss>
    <titel>Vereinbarungen</titel>
    <berichtsmonat wert="2023-10">Oktober 2023</berichtsmonat>
  </metadaten>
  <partnerverzeichnis>
    <partner id="schlesien" art="woiwodschaft" land="PL">Schlesien</partner>
    <partner id="hauts-de-france" art="region" land="FR">Hauts-de-France</partner>
    <partner id="sichuan" art="provinz" land="CN">Sichuan</partner>
    <partner id="japan" art="staat" land="JP" hauptkooperationspartner="true">Japan</partner>
  </partnerverzeichnis>
  <anschreiben>
    <empfaenger>
      <zeile>Präsidenten des Landtags</zeile>
    </empfaenger>
    <anrede>Sehr geehrter Herr Landtagspräsident,</anrede>
    <absatz>anbei den Bericht zum Thema <zitat>Vereinbarungen</zitat>.</absatz>
    <gruss>Mit freundlichen Grüßen</gruss>
    <unterschrift>
      <name>Nathanael Liminski</name>
    </unterschrift>
  </anschreiben>
  <bericht>
    <titelblatt>
      <zeile groesse="gross">Bericht</zeile>
      <zeile abstand="vor">(Oktober 2023)</zeile>
    </titelblatt>
    <ueberschrift>Vereinbarungen</ueberschrift>
'''
TAIL = '''  </bericht>
</vorlage>
'''


def document(body):
    """The source text with body (lines of XML) as the report's blocks;
    also the number of the body's first line in the file."""
    return HEAD + body + TAIL, HEAD.count('\n') + 1


MESSAGE = re.compile(r'^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): '
                     r'(?P<level>warning|error): (?P<text>.*)$')


def messages(stderr):
    """The located messages of a run: (file, line, col, level, text); a
    message without a place is returned with file None."""
    out = []
    for ln in stderr.splitlines():
        m = MESSAGE.match(ln)
        if m:
            out.append((m.group('file'), int(m.group('line')), int(m.group('col')),
                        m.group('level'), m.group('text')))
        elif ': warning: ' in ln or ': error: ' in ln:
            level = 'warning' if ': warning: ' in ln else 'error'
            out.append((None, 0, 0, level, ln))
    return out


TEXT = re.compile(r'^  text (\S+) (\S+) (\S+) (\S+) face (\S+) size (\S+) "((?:[^"\\]|\\.)*)"')
PAGE = re.compile(r'^page (\d+) items')


def unquote(s):
    s = re.sub(r'\\x([0-9A-F]{2})', lambda m: chr(int(m.group(1), 16)), s)
    return re.sub(r'\\(.)', r'\1', s)


def dump_pages(text):
    """The box dump (--points) as pages: {page: [item, ...]}, an item a dict
    with x, y, w, size, face and text, in the dump's order."""
    pages, cur = {}, None
    for ln in text.splitlines():
        m = PAGE.match(ln)
        if m:
            cur = pages.setdefault(int(m.group(1)), [])
            continue
        m = TEXT.match(ln)
        if m and cur is not None:
            cur.append({'x': float(m.group(1)), 'y': float(m.group(2)), 'w': float(m.group(3)),
                        'face': m.group(5), 'size': float(m.group(6)),
                        'text': unquote(m.group(7))})
    return pages


def dump_lines(items):
    """The printed lines of one page: runs of items in the dump's order on
    one baseline, each further to the right and less than 1.5 of its size
    from the last (the next cell's line on the same baseline is a line of
    its own); each line a list of words, a word the items that touch
    (kerning splits words into items)."""
    lines, line, last = [], [], None
    for it in items:
        if last is not None and (it['y'] != last['y'] or it['x'] < last['x'] or
                                 it['x'] - (last['x'] + last['w']) > 1.5 * it['size']):
            lines.append(line)
            line, last = [], None
        if last is not None and it['x'] - (last['x'] + last['w']) < 0.2 * it['size'] and line:
            line[-1] += it['text']
        else:
            line.append(it['text'])
        last = it
    if line:
        lines.append(line)
    return lines


def bare(w):
    """A printed word without the punctuation around it (quotation marks,
    brackets, stops), a hyphen at its end kept: it may break the word."""
    end = '-' if w.endswith('-') and len(w) > 1 else ''
    core = w[:-1] if end else w
    i, j = 0, len(core)
    while i < j and not core[i].isalnum():
        i += 1
    while j > i and not core[j - 1].isalnum():
        j -= 1
    return core[i:j] + end if i < j else w


def set_words(pages):
    """Every word the pages set (items that touch joined, punctuation around
    it dropped)."""
    words = set()
    for items in pages.values():
        for line in dump_lines(items):
            words.update(bare(w) for w in line)
    return words


class Words:
    """Finds a source's words in what the box dump sets: whole, or broken
    over lines, each piece but the last ending in the hyphen the break adds
    (wherever the pieces are: the dump does not say which line continues
    which, the next one of a cell may stand beside another cell's)."""

    def __init__(self, pages):
        self.words = set_words(pages)
        self.pieces = {w[:-1] for w in self.words if w.endswith('-') and len(w) > 1}

    def has(self, w):
        if w in self.words:
            return True
        n = len(w)
        reach = [False] * (n + 1)  # w[:k] is a chain of broken pieces
        for k in range(1, n):
            reach[k] = w[:k] in self.pieces
        for k in range(1, n):
            if not reach[k]:
                continue
            if w[k:] in self.words:
                return True
            for j in range(k + 1, n):
                if not reach[j] and w[k:j] in self.pieces:
                    reach[j] = True
        return False
