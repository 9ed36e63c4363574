#!/usr/bin/python3
"""t_source_words.py: the XML source of Vorlage 18/1828 carries the original's
text word for word, and its structure agrees with the original.

The original is tests/data/seed-18-1828.txt (plain text, **bold** and *italic*
marked as in Markdown, page breaks as blank lines). The XML's printed words are
extracted the way the layout prints them: the stamp from the root's attributes,
„ and “ around each <zitat>, "(date)" after an agreement's title, the labels of
<frage> and <antwort>, the signature's description as text. Metadata and the
partner registry are not printed and are left out.

Prints "ok NAME" or "FAIL NAME: reason" per check. Standard library only.
"""
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SEED = os.path.join(HERE, "data", "seed-18-1828.txt")
XML = os.path.join(ROOT, "xml", "vorlage-18-1828.xml")
XSD = os.path.join(ROOT, "xml", "vorlage.xsd")
XS = "{http://www.w3.org/2001/XMLSchema}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# The agreements of the original, in order (headings with a bold partner and a date).
EXPECTED_AGREEMENTS = 14

MONTHS = {m: i + 1 for i, m in enumerate(
    "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split())}

failures = 0


def ok(name):
    print("ok " + name)


def fail(name, why):
    global failures
    failures += 1
    print("FAIL %s: %s" % (name, why.replace("\n", " | ")))


def check(name, cond, why=""):
    if cond:
        ok(name)
    else:
        fail(name, why or "condition false")


def words(text):
    """Words split on any whitespace (str.split treats U+00A0 as whitespace);
    soft hyphens removed."""
    return text.replace("\u00ad", "").split()


def first_difference(a, b, ctx=6):
    """None when equal, else a description of the first difference."""
    n = min(len(a), len(b))
    for i in range(n):
        if a[i] != b[i]:
            break
    else:
        if len(a) == len(b):
            return None
        i = n
    return "word %d: seed [...%s >>%s<< %s...] vs xml [...%s >>%s<< %s...] (seed %d words, xml %d)" % (
        i, " ".join(a[max(0, i - ctx):i]), a[i] if i < len(a) else "<end>",
        " ".join(a[i + 1:i + 1 + ctx]),
        " ".join(b[max(0, i - ctx):i]), b[i] if i < len(b) else "<end>",
        " ".join(b[i + 1:i + 1 + ctx]), len(a), len(b))


# --------------------------------------------------------------------------
# The seed

# Paragraphs that the original's page breaks split (blank line in the seed):
# the end of the first part and the start of the second.
PAGE_BREAK_SPLITS = [
    ("zum Thema \u201eKreislaufwirtschaft\u201c", "ausgerichtet."),
    ("in Skopje zudem", "auf Regierungsebene"),
    ("Auch in", "Bezug auf"),
    ("(u.a.", "KI.NRW"),
]


def read_seed():
    with open(SEED, encoding="utf-8") as f:
        text = f.read()
    # The one word hyphenated across a page break of the original.
    text = re.sub(r"Mi-\s*\n\s*nisteriums", "Ministeriums", text)
    # Paragraphs split by page breaks become one paragraph again.
    for end, start in PAGE_BREAK_SPLITS:
        pat = re.escape(end) + r"[ \t]*\n\s*\n\s*" + re.escape(start)
        text, n = re.subn(pat, end + " " + start, text)
        if n != 1:
            raise SystemExit("FAIL seed: page-break split %r/%r found %d times" % (end, start, n))
    return text


def seed_block_starts(text):
    """Word indices at which the seed's blocks (separated by blank lines) start."""
    starts, n = [], 0
    for block in re.split(r"\n\s*\n", text):
        w = seed_words(block)
        if w:
            starts.append(n)
            n += len(w)
    return starts, n


def seed_words(text):
    return words(text.replace("**", "").replace("*", ""))


def seed_agreement_headings(text):
    """Lines with a bold partner that end in a parenthesized date."""
    return [l for l in text.split("\n")
            if "**" in l and re.search(r"\((\d{1,2}\. )?[A-ZÄÖÜa-zäöü]+ \d{4}\)$", l)]


# --------------------------------------------------------------------------
# The XML

INLINE = {"partnerRef", "betont", "wichtig", "zitat", "festesLeerzeichen", "trennstelle"}


class Unknown(Exception):
    pass


def inline_text(el):
    """The printed text of a mixed-content element."""
    out = [el.text or ""]
    for c in el:
        if c.tag not in INLINE:
            raise Unknown("<%s> inside <%s>" % (c.tag, el.tag))
        if c.tag == "partnerRef":
            if len(c):
                raise Unknown("element inside <partnerRef>")
            out.append(c.text or "")
        elif c.tag in ("betont", "wichtig"):
            out.append(inline_text(c))
        elif c.tag == "zitat":
            out.append("\u201e" + inline_text(c) + "\u201c")
        elif c.tag == "festesLeerzeichen":
            out.append("\u00a0")
        elif c.tag == "trennstelle":
            out.append("\u00ad")
        out.append(c.tail or "")
    return "".join(out)


def only(el, tag):
    found = el.findall(tag)
    if len(found) != 1:
        raise Unknown("expected one <%s> in <%s>, found %d" % (tag, el.tag, len(found)))
    return found[0]


def expect_children(el, allowed):
    for c in el:
        if c.tag not in allowed:
            raise Unknown("unexpected <%s> in <%s>" % (c.tag, el.tag))


class Printed(list):
    """The printed units of the document: (kind, text) in print order, where
    kind is "absatz" for a paragraph of running text and "line" otherwise."""

    def append(self, text, kind="line"):
        super().append((kind, text))

    def texts(self):
        return [t for _, t in self]


def xml_printed(root):
    """The printed texts of the document, in the order the layout prints them."""
    out = Printed()
    meta = only(root, "metadaten")
    letter = only(root, "anschreiben")
    report = only(root, "bericht")
    expect_children(root, {"metadaten", "partnerverzeichnis", "anschreiben", "bericht"})

    expect_children(letter, {"empfaenger", "anrede", "absatz", "gruss", "unterschrift"})
    for z in only(letter, "empfaenger"):
        out.append(inline_text(z))
    # The stamp, generated from the root's attributes, then the letter's date.
    for line in ("LANDTAG", "NORDRHEIN-WESTFALEN", "%s. WAHLPERIODE" % root.get("wahlperiode"),
                 "VORLAGE", root.get("nummer"), root.get("verteiler")):
        out.append(line)
    out.append(only(meta, "datum").text or "")
    out.append(inline_text(only(letter, "anrede")))
    for a in letter.findall("absatz"):
        out.append(inline_text(a), "absatz")
    out.append(inline_text(only(letter, "gruss")))
    sig = only(letter, "unterschrift")
    expect_children(sig, {"beschreibung", "name"})
    for c in sig:
        out.append(c.text or "")

    expect_children(report, {"titelblatt", "ueberschrift", "einleitung", "frage", "antwort"})
    for z in only(report, "titelblatt"):
        out.append(inline_text(z))
    out.append(inline_text(only(report, "ueberschrift")))
    for a in only(report, "einleitung"):
        out.append(inline_text(a), "absatz")
    frage = only(report, "frage")
    out.append(frage.get("titel"))
    for a in frage:
        out.append(inline_text(a), "absatz")
    antwort = only(report, "antwort")
    out.append(antwort.get("titel"))
    for item in antwort:
        if item.tag == "absatz":
            out.append(inline_text(item), "absatz")
        elif item.tag == "vereinbarung":
            expect_children(item, {"titel", "datum", "absatz"})
            out.append(inline_text(only(item, "titel")))
            out.append("(" + (only(item, "datum").text or "") + ")")
            for a in item.findall("absatz"):
                out.append(inline_text(a), "absatz")
        elif item.tag == "gruppe":
            expect_children(item, {"einleitung", "teil"})
            for a in only(item, "einleitung"):
                out.append(inline_text(a), "absatz")
            for teil in item.findall("teil"):
                for a in teil:
                    out.append(inline_text(a), "absatz")
        else:
            raise Unknown("unexpected <%s> in <antwort>" % item.tag)
    return out


def german_date(text):
    """(year, month, day) of "4. März 2004", "02. November 2023", "Februar 2021"."""
    m = re.fullmatch(r"(?:(\d{1,2})\. )?(\S+) (\d{4})", " ".join(text.split()))
    if not m or m.group(2) not in MONTHS:
        return None
    return (int(m.group(3)), MONTHS[m.group(2)], int(m.group(1) or 0))


def iso_date(value):
    m = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", value or "")
    if not m:
        return None
    return (int(m.group(1)), int(m.group(2)), int(m.group(3) or 0))


# --------------------------------------------------------------------------

def main():
    seed = read_seed()
    try:
        tree = ET.parse(XML)
    except (OSError, ET.ParseError) as e:
        fail("xml-parses", str(e))
        return
    ok("xml-parses")
    root = tree.getroot()

    # 1. Word for word.
    try:
        printed = xml_printed(root)
    except Unknown as e:
        fail("source-words", "structure: %s" % e)
        printed = None
    if printed is not None:
        diff = first_difference(seed_words(seed), words(" ".join(printed.texts())))
        check("source-words", diff is None, diff or "")

        # Paragraphs: every block of the seed (page-break splits joined) starts a
        # printed unit of the XML, and every XML paragraph is exactly one block.
        starts, total = seed_block_starts(seed)
        bounds = set(starts) | {total}
        unit_starts, n, bad = set(), 0, []
        for kind, text in printed:
            w = words(text)
            unit_starts.add(n)
            if kind == "absatz" and (n not in bounds or n + len(w) not in bounds):
                bad.append("XML paragraph at word %d (%s ...) is not one seed paragraph"
                           % (n, " ".join(w[:6])))
            n += len(w)
        for st in starts:
            if st not in unit_starts:
                bad.append("seed paragraph at word %d runs on in the XML" % st)
        check("paragraphs-as-seed", not bad, "; ".join(bad[:3]))

    # 2. The partner registry and references.
    ids = [p.get("id") for p in root.iter("partner")]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    check("partner-ids-unique", not dup, "duplicates: %s" % dup)
    known = set(ids)
    bad = []
    for r in root.iter("partnerRef"):
        if r.get("ref") not in known:
            bad.append("partnerRef ref=%s (%s)" % (r.get("ref"), r.text))
    for v in root.iter("vereinbarung"):
        for p in (v.get("parteien") or "").split():
            if p not in known:
                bad.append("vereinbarung %s parteien %s" % (v.get("id"), p))
    for t in root.iter("teil"):
        if t.get("partner") not in known:
            bad.append("teil partner=%s" % t.get("partner"))
    check("partner-refs-resolve", not bad, "; ".join(bad))

    unreferenced = [p.get("id") for p in root.iter("partner")
                    if p.get("hauptkooperationspartner") != "true"
                    and not any(p.get("id") in (v.get("parteien") or "").split()
                                for v in root.iter("vereinbarung"))
                    and not any(p.get("id") == t.get("partner") for t in root.iter("teil"))
                    and not any(p.get("id") == r.get("ref") for r in root.iter("partnerRef"))]
    check("partners-used", not unreferenced,
          "partners with an agreement that nothing refers to: %s" % unreferenced)

    # 3. Agreements: number and order as in the seed.
    agreements = root.findall("./bericht/antwort/vereinbarung")
    headings = seed_agreement_headings(seed)
    check("agreement-count", len(agreements) == len(headings) == EXPECTED_AGREEMENTS,
          "xml %d, seed headings %d, expected %d" % (len(agreements), len(headings),
                                                    EXPECTED_AGREEMENTS))
    aids = [v.get("id") for v in agreements]
    check("agreement-ids-unique", len(set(aids)) == len(aids), "ids: %s" % aids)
    wrong = []
    for i, (v, h) in enumerate(zip(agreements, headings)):
        xw = words(inline_text(v.find("titel")) + " (" + (v.find("datum").text or "") + ")")
        sw = seed_words(h)
        if xw != sw:
            wrong.append("#%d %s: %s" % (i + 1, v.get("id"), first_difference(sw, xw, 3)))
            continue
        bold = re.findall(r"\*\*(.+?)\*\*", h)
        refs = [" ".join((r.text or "").replace("\u00ad", "").split())
                for r in v.find("titel").iter("partnerRef")]
        if bold != refs:
            wrong.append("#%d %s: partnerRefs %s, seed bold %s" % (i + 1, v.get("id"), refs, bold))
        parties = (v.get("parteien") or "").split()
        title_refs = [r.get("ref") for r in v.find("titel").iter("partnerRef")]
        if sorted(set(title_refs)) != sorted(set(parties)):
            wrong.append("#%d %s: parteien %s, partners in title %s" % (
                i + 1, v.get("id"), parties, title_refs))
    check("agreement-order", not wrong, "; ".join(wrong))

    # 4. Bold and italic as in the seed.
    seed_flat = seed.replace("\n\n", " ")
    seed_bold = [" ".join(b.split()) for b in re.findall(r"\*\*(.+?)\*\*", seed_flat)]
    xml_bold = [" ".join(inline_text(e).replace("\u00ad", "").split()) for e in root.iter()
                if e.tag in ("partnerRef", "wichtig")]
    check("bold-as-seed", seed_bold == xml_bold,
          first_difference(seed_bold, xml_bold, 2) or "")
    no_bold = re.sub(r"\*\*(.+?)\*\*", r"\1", seed_flat)
    seed_ital = [" ".join(b.split()) for b in re.findall(r"\*(.+?)\*", no_bold)]
    xml_ital = [" ".join(inline_text(e).split()) for e in root.iter("betont")]
    check("italic-as-seed", seed_ital == xml_ital,
          first_difference(seed_ital, xml_ital, 2) or "")
    nolang = [inline_text(e) for e in root.iter("betont") if e.get(XML_LANG) is None]
    check("foreign-phrases-tagged", not nolang, "betont without xml:lang: %s" % nolang)

    # 5. Dates: the text says what the value says.
    bad = []
    for e in root.iter():
        if e.tag in ("datum", "berichtsmonat"):
            if german_date(e.text or "") != iso_date(e.get("wert")):
                bad.append("<%s wert=%s>%s" % (e.tag, e.get("wert"), e.text))
    check("dates-consistent", not bad, "; ".join(bad))
    num = root.get("nummer") or ""
    check("number-matches-wahlperiode", num.split("/")[0] == root.get("wahlperiode"),
          "nummer %s, wahlperiode %s" % (num, root.get("wahlperiode")))

    # 6. The schema: validates without network, every element declaration documented.
    xmllint = shutil.which("xmllint")
    if not xmllint:
        fail("schema-validates", "xmllint not found (Debian package libxml2-utils)")
    else:
        r = subprocess.run([xmllint, "--noout", "--nonet", "--schema", XSD, XML],
                           capture_output=True, text=True)
        check("schema-validates", r.returncode == 0 and "validates" in r.stderr,
              (r.stderr or "").strip()[-400:])
    try:
        xsd = ET.parse(XSD).getroot()
        undocumented = []
        for tag in ("element", "complexType", "simpleType", "group", "attributeGroup"):
            for e in xsd.iter(XS + tag):
                if tag != "element" and e.get("name") is None:
                    continue  # anonymous types: documented by their element
                if e.find(XS + "annotation/" + XS + "documentation") is None:
                    undocumented.append("%s %s" % (tag, e.get("name") or e.get("ref")))
        check("xsd-documented", not undocumented, "undocumented: %s" % undocumented)
        remote = [i.get("schemaLocation") for i in xsd.iter(XS + "import")
                  if re.match(r"[a-z]+:", i.get("schemaLocation") or "")]
        check("xsd-local-imports", not remote, "remote schemaLocation: %s" % remote)
    except (OSError, ET.ParseError) as e:
        fail("xsd-documented", str(e))


if __name__ == "__main__":
    main()
    sys.exit(1 if failures else 0)
