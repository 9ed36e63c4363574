#!/usr/bin/python3
"""pdfa_check.py: checks a PDF against the parts of PDF/A-1 (ISO 19005-1)
that vorlage's output can break; the claim must be level A (PDF/A-1a), whose
tagging tests/pdfua_check.py judges.

usage: /usr/bin/python3 tests/pdfa_check.py FILE.pdf
       /usr/bin/python3 tests/pdfa_check.py --expect-plain FILE.pdf

Prints one line per clause, "ok CLAUSE FILE" or "FAIL CLAUSE FILE: why", and
exits 1 when any clause fails. --expect-plain is for --no-archival output: it
checks that the file does NOT claim PDF/A (no pdfaid in its metadata) and
that it still has a deterministic-looking trailer /ID.

Needs Debian's python3-pikepdf (so /usr/bin/python3, not another python3).

Not covered (see the end of the file for the list).
"""
import datetime
import re
import struct
import sys
import xml.etree.ElementTree as ET

try:
    import pikepdf
except ImportError:  # pragma: no cover
    print("FAIL setup %s: pikepdf missing: run with /usr/bin/python3"
          % (sys.argv[-1] if len(sys.argv) > 1 else "-"))
    sys.exit(1)

NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "xml": "http://www.w3.org/XML/1998/namespace",
}
FORBIDDEN_ACTIONS = {"/Launch", "/Sound", "/Movie", "/ResetForm", "/ImportData",
                     "/JavaScript"}


class Report:
    def __init__(self, path):
        self.path = path
        self.failed = False

    def ok(self, clause):
        print("ok %s %s" % (clause, self.path))

    def fail(self, clause, why):
        self.failed = True
        print("FAIL %s %s: %s" % (clause, self.path, why))

    def result(self, clause, problems):
        """problems: list of strings; the first few are shown."""
        if problems:
            more = "" if len(problems) <= 3 else " (and %d more)" % (len(problems) - 3)
            self.fail(clause, "; ".join(problems[:3]) + more)
        else:
            self.ok(clause)


def name(o):
    return str(o) if isinstance(o, pikepdf.Name) else None


def walk(pdf):
    """Yields (where, object) for every dictionary and stream reachable from
    the trailer, direct or indirect, once."""
    seen = set()
    stack = [("trailer", pdf.trailer)]
    while stack:
        where, o = stack.pop()
        if isinstance(o, (pikepdf.Dictionary, pikepdf.Stream, pikepdf.Array)):
            if o.is_indirect:
                key = o.objgen
                if key in seen:
                    continue
                seen.add(key)
                where = "%d %d R" % key
        if isinstance(o, pikepdf.Array):
            for i, v in enumerate(o):
                stack.append(("%s[%d]" % (where, i), v))
        elif isinstance(o, (pikepdf.Dictionary, pikepdf.Stream)):
            yield where, o
            d = o.stream_dict if isinstance(o, pikepdf.Stream) else o
            for k in list(d.keys()):
                if k in ("/Parent", "/P", "/Prev", "/Last", "/First", "/Next"):
                    # back links: reached anyway through the forward links
                    v = d.get(k)
                    if isinstance(v, (pikepdf.Dictionary, pikepdf.Stream)) and v.is_indirect:
                        stack.append(("%s%s" % (where, k), v))
                    continue
                stack.append(("%s%s" % (where, k), d.get(k)))


def filters(o):
    f = o.stream_dict.get("/Filter") if isinstance(o, pikepdf.Stream) else None
    if f is None:
        return []
    if isinstance(f, pikepdf.Array):
        return [str(x) for x in f]
    return [str(f)]


# ---- header, trailer ------------------------------------------------------

def check_header(rep, raw):
    m = re.match(rb"%PDF-1\.([0-7])\r?\n|%PDF-1\.([0-7])\r", raw)
    if not m:
        rep.fail("header", "no %PDF-1.x header line")
        return
    rest = raw[m.end():]
    line = re.match(rb"%([^\r\n]*)", rest)
    if not line or sum(1 for b in line.group(1)[:4] if b > 127) < 4:
        rep.fail("binary-comment", "line 2 is not a comment starting with four bytes above 127")
    else:
        rep.ok("binary-comment")
    rep.ok("header")


def check_id(rep, pdf):
    ident = pdf.trailer.get("/ID")
    if not isinstance(ident, pikepdf.Array) or len(ident) != 2:
        rep.fail("trailer-id", "trailer /ID missing or not two strings")
        return
    lens = [len(bytes(x)) for x in ident]
    if lens != [16, 16]:
        rep.fail("trailer-id", "/ID strings are %s bytes, not 16" % lens)
    else:
        rep.ok("trailer-id")


# ---- forbidden things -----------------------------------------------------

def check_objects(rep, pdf):
    enc = "/Encrypt" in pdf.trailer or pdf.is_encrypted
    rep.result("no-encrypt", ["trailer has /Encrypt"] if enc else [])
    lzw, embedded, js, actions, transp = [], [], [], [], []
    for where, o in walk(pdf):
        d = o.stream_dict if isinstance(o, pikepdf.Stream) else o
        if "/LZWDecode" in filters(o) or "/LZW" in filters(o):
            lzw.append(where)
        for k in ("/EmbeddedFiles", "/EF"):
            if k in d:
                embedded.append("%s has %s" % (where, k))
        for k in ("/JS", "/JavaScript", "/AA"):
            if k in d:
                js.append("%s has %s" % (where, k))
        s = name(d.get("/S"))
        if s in FORBIDDEN_ACTIONS:
            actions.append("%s is a %s action" % (where, s))
        if name(d.get("/Type")) == "/Action" and s is None:
            actions.append("%s: action without /S" % where)
        # 6.4: no transparency
        smask = d.get("/SMask")
        if smask is not None and name(smask) != "/None":
            transp.append("%s has /SMask" % where)
        for k in ("/CA", "/ca"):
            v = d.get(k)
            if v is not None and float(v) < 1.0:
                transp.append("%s has %s %s" % (where, k, float(v)))
        bm = d.get("/BM")
        if bm is not None and name(bm) not in ("/Normal", "/Compatible"):
            if not (isinstance(bm, pikepdf.Array) and all(
                    name(x) in ("/Normal", "/Compatible") for x in bm)):
                transp.append("%s has blend mode %s" % (where, bm))
        g = d.get("/Group")
        if isinstance(g, pikepdf.Dictionary) and name(g.get("/S")) == "/Transparency":
            transp.append("%s has a transparency group" % where)
        if name(d.get("/Subtype")) == "/Image" and "/SMask" in d:
            pass  # reported above
    rep.result("no-lzw", ["LZWDecode in " + w for w in lzw])
    rep.result("no-embedded-files", embedded)
    rep.result("no-javascript", js)
    rep.result("no-forbidden-actions", actions)
    rep.result("no-transparency", transp)


# ---- metadata -------------------------------------------------------------

def pdf_date(s):
    """D:YYYYMMDDHHmmSSOHH'mm' (trailing parts optional) -> aware datetime."""
    m = re.match(r"(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?"
                 r"(?:([Zz+\-])(?:(\d{2})'?(?:(\d{2})'?)?)?)?$", s.strip())
    if not m:
        raise ValueError("bad PDF date %r" % s)
    y, mo, d, h, mi, se = (int(x) if x else dflt for x, dflt in
                           zip(m.groups()[:6], (0, 1, 1, 0, 0, 0)))
    sign, oh, om = m.group(7), int(m.group(8) or 0), int(m.group(9) or 0)
    off = datetime.timedelta(hours=oh, minutes=om)
    if sign == "-":
        off = -off
    tz = datetime.timezone(off) if sign else datetime.timezone.utc
    return datetime.datetime(y, mo, d, h, mi, se, tzinfo=tz), bool(sign)


def xmp_date(s):
    m = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"
                 r"(Z|[+\-]\d{2}:\d{2})?)?)?)?$", s.strip())
    if not m:
        raise ValueError("bad XMP date %r" % s)
    g = m.groups()
    y, mo, d, h, mi, se = (int(x) if x else dflt for x, dflt in
                           zip(g[:6], (0, 1, 1, 0, 0, 0)))
    tzs = g[6]
    if tzs in (None, "Z"):
        tz = datetime.timezone.utc
    else:
        off = datetime.timedelta(hours=int(tzs[1:3]), minutes=int(tzs[4:6]))
        tz = datetime.timezone(-off if tzs[0] == "-" else off)
    return datetime.datetime(y, mo, d, h, mi, se, tzinfo=tz), tzs is not None


def xmp_prop(root, ns, local):
    """Value of a simple property (element or attribute form) or None."""
    uri = NS[ns]
    for desc in root.iter("{%s}Description" % NS["rdf"]):
        if "{%s}%s" % (uri, local) in desc.attrib:
            return desc.attrib["{%s}%s" % (uri, local)]
        el = desc.find("{%s}%s" % (uri, local))
        if el is not None:
            return el.text or ""
    return None


def xmp_lang_alt(root, ns, local):
    uri = NS[ns]
    for desc in root.iter("{%s}Description" % NS["rdf"]):
        el = desc.find("{%s}%s" % (uri, local))
        if el is None:
            continue
        lis = el.findall("{%s}Alt/{%s}li" % (NS["rdf"], NS["rdf"]))
        for li in lis:
            if li.get("{%s}lang" % NS["xml"]) == "x-default":
                return li.text or ""
        return lis[0].text or "" if lis else None
    return None


def xmp_seq(root, ns, local):
    uri = NS[ns]
    for desc in root.iter("{%s}Description" % NS["rdf"]):
        el = desc.find("{%s}%s" % (uri, local))
        if el is None:
            continue
        lis = el.findall("{%s}Seq/{%s}li" % (NS["rdf"], NS["rdf"]))
        return [li.text or "" for li in lis]
    return None


def read_metadata(pdf):
    """(root element or None, raw bytes or None, problems)"""
    m = pdf.Root.get("/Metadata")
    if not isinstance(m, pikepdf.Stream):
        return None, None, ["catalog has no /Metadata stream"]
    problems = []
    if name(m.stream_dict.get("/Type")) != "/Metadata":
        problems.append("/Type is not /Metadata")
    if name(m.stream_dict.get("/Subtype")) != "/XML":
        problems.append("/Subtype is not /XML%s" % (
            " (it has /SubType)" if "/SubType" in m.stream_dict else ""))
    if "/Filter" in m.stream_dict:
        problems.append("metadata stream has a /Filter")
    raw = m.read_bytes()
    head = re.match(rb"\s*<\?xpacket\s+([^?]*)\?>", raw)
    if not head:
        problems.append("no <?xpacket begin=...?> header")
    else:
        attrs = head.group(1)
        if re.search(rb"\b(bytes|encoding)\s*=", attrs):
            problems.append("xpacket header has bytes= or encoding= (6.7.5)")
        if not re.search(rb"begin\s*=", attrs) or not re.search(rb"\bid\s*=\s*[\"']W5M0MpCehiHzreSzNTczkc9d[\"']", attrs):
            problems.append("xpacket header lacks begin= or the standard id")
    if not re.search(rb"<\?xpacket\s+end\s*=\s*[\"'][rw][\"']\s*\?>\s*$", raw):
        problems.append("no <?xpacket end=...?> trailer")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        problems.append("metadata is not UTF-8")
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as e:
        problems.append("metadata is not well-formed XML: %s" % e)
        root = None
    return root, raw, problems


def info_string(info, key):
    v = info.get(key) if info is not None else None
    if v is None:
        return None
    return str(v)


def check_metadata(rep, pdf):
    root, raw, problems = read_metadata(pdf)
    rep.result("metadata-stream", problems)
    if root is None:
        rep.fail("pdfaid", "no readable metadata")
        rep.fail("info-xmp", "no readable metadata")
        return
    part = xmp_prop(root, "pdfaid", "part")
    conf = xmp_prop(root, "pdfaid", "conformance")
    # level A: vorlage's files are tagged (tests/pdfua_check.py judges the
    # structure; Preflight checks level B and the extension schema rules)
    if part != "1" or conf != "A":
        rep.fail("pdfaid", "pdfaid:part %r, pdfaid:conformance %r (want 1, A)" % (part, conf))
    else:
        rep.ok("pdfaid")

    info = pdf.trailer.get("/Info")
    probs = []
    pairs = [
        ("/Title", xmp_lang_alt(root, "dc", "title")),
        ("/Subject", xmp_lang_alt(root, "dc", "description")),
        ("/Keywords", xmp_prop(root, "pdf", "Keywords")),
        ("/Producer", xmp_prop(root, "pdf", "Producer")),
        ("/Creator", xmp_prop(root, "xmp", "CreatorTool")),
    ]
    creators = xmp_seq(root, "dc", "creator")
    pairs.append(("/Author", None if creators is None else
                  (creators[0] if len(creators) == 1 else "; ".join(creators))))
    for key, xv in pairs:
        iv = info_string(info, key)
        if iv is None and xv is None:
            continue
        if iv is None:
            probs.append("XMP has %s but Info does not" % key[1:])
        elif xv is None:
            probs.append("Info %s has no XMP counterpart" % key[1:])
        elif iv != xv:
            probs.append("Info %s %r != XMP %r" % (key[1:], iv, xv))
    if creators is not None and len(creators) > 1:
        probs.append("dc:creator has %d entries, Info /Author one string" % len(creators))
    for key, local in (("/CreationDate", "CreateDate"), ("/ModDate", "ModifyDate")):
        iv, xv = info_string(info, key), xmp_prop(root, "xmp", local)
        if iv is None and xv is None:
            continue
        if iv is None or xv is None:
            probs.append("%s only in %s" % (key[1:], "XMP" if iv is None else "Info"))
            continue
        try:
            a, atz = pdf_date(iv)
            b, btz = xmp_date(xv)
        except ValueError as e:
            probs.append(str(e))
            continue
        if a != b:
            probs.append("Info %s %s != XMP %s %s" % (key[1:], iv, local, xv))
        elif atz != btz:
            probs.append("%s: time zone in one of Info/XMP only" % key[1:])
    rep.result("info-xmp", probs)


def check_plain(rep, pdf):
    m = pdf.Root.get("/Metadata")
    claims = False
    if isinstance(m, pikepdf.Stream):
        claims = b"pdfaid" in m.read_bytes()
    if claims:
        rep.fail("plain", "metadata claims PDF/A (pdfaid) in a --no-archival file")
    else:
        rep.ok("plain")


# ---- output intent --------------------------------------------------------

def check_output_intent(rep, pdf):
    intents = pdf.Root.get("/OutputIntents")
    probs = []
    found = []
    if isinstance(intents, pikepdf.Array):
        for oi in intents:
            if name(oi.get("/S")) == "/GTS_PDFA1":
                found.append(oi)
    if not found:
        rep.fail("output-intent", "no /OutputIntents entry with /S /GTS_PDFA1")
        return
    profiles = set()
    for oi in found:
        if "/DestOutputProfile " in oi or any(k.endswith(" ") for k in oi.keys()):
            probs.append("key spelled with a trailing blank (libharu's \"DestOutputProfile \")")
        prof = oi.get("/DestOutputProfile")
        if not isinstance(prof, pikepdf.Stream):
            probs.append("no /DestOutputProfile stream")
            continue
        profiles.add(prof.objgen)
        data = prof.read_bytes()
        if len(data) < 128 or data[36:40] != b"acsp":
            probs.append("DestOutputProfile is not an ICC profile")
            continue
        if data[8] != 2:
            probs.append("ICC profile version %d.%d, PDF/A-1 needs 2.x" % (data[8], data[9] >> 4))
        n = {b"RGB ": 3, b"GRAY": 1, b"CMYK": 4}.get(data[16:20])
        pn = prof.stream_dict.get("/N")
        if pn is None or int(pn) != n:
            probs.append("/N %s does not match the profile's colour space %r" % (pn, data[16:20]))
        if "/OutputConditionIdentifier" not in oi:
            probs.append("no /OutputConditionIdentifier")
    if len(profiles) > 1:
        probs.append("more than one destination profile (6.2.2)")
    rep.result("output-intent", probs)


# ---- fonts ----------------------------------------------------------------

def tt_tables(data):
    if len(data) < 12:
        raise ValueError("font program too short")
    num = struct.unpack(">H", data[4:6])[0]
    tabs = {}
    for i in range(num):
        tag, _cs, off, ln = struct.unpack(">4sIII", data[12 + 16 * i:28 + 16 * i])
        tabs[tag.decode("latin-1")] = data[off:off + ln]
    return tabs


class TrueType:
    """The parts of an embedded TrueType program the checks need."""

    def __init__(self, data):
        t = tt_tables(data)
        for need in ("head", "maxp", "loca", "glyf", "hhea", "hmtx"):
            if need not in t:
                raise ValueError("font program lacks '%s'" % need)
        self.upem = struct.unpack(">H", t["head"][18:20])[0]
        loc_format = struct.unpack(">h", t["head"][50:52])[0]
        self.num_glyphs = struct.unpack(">H", t["maxp"][4:6])[0]
        n = self.num_glyphs + 1
        if loc_format == 0:
            self.loca = [2 * x for x in struct.unpack(">%dH" % n, t["loca"][:2 * n])]
        else:
            self.loca = list(struct.unpack(">%dI" % n, t["loca"][:4 * n]))
        nh = struct.unpack(">H", t["hhea"][34:36])[0]
        hm = t["hmtx"]
        self.adv = [struct.unpack(">H", hm[4 * i:4 * i + 2])[0] for i in range(nh)]

    def glyph_len(self, gid):
        return self.loca[gid + 1] - self.loca[gid]

    def width(self, gid):
        a = self.adv[gid] if gid < len(self.adv) else self.adv[-1]
        return a * 1000.0 / self.upem


def cid_to_gid(cidfont, num_glyphs):
    m = cidfont.get("/CIDToGIDMap")
    if isinstance(m, pikepdf.Stream):
        b = m.read_bytes()
        return list(struct.unpack(">%dH" % (len(b) // 2), b[:len(b) // 2 * 2]))
    return list(range(num_glyphs))  # /Identity or absent


def w_widths(cidfont):
    """CID -> width from /W (and /DW)."""
    out = {}
    w = cidfont.get("/W")
    if not isinstance(w, pikepdf.Array):
        return out
    items = list(w)
    i = 0
    while i < len(items):
        first = int(items[i])
        nxt = items[i + 1]
        if isinstance(nxt, pikepdf.Array):
            for k, v in enumerate(nxt):
                out[first + k] = float(v)
            i += 2
        else:
            last, v = int(nxt), float(items[i + 2])
            for c in range(first, last + 1):
                out[c] = v
            i += 3
    return out


def used_codes(pdf):
    """font dict objgen -> set of byte strings shown with it (page contents,
    form XObjects, annotation appearances are not followed)."""
    used = {}

    def scan(content_owner, resources, depth=0):
        if depth > 8 or resources is None:
            return
        fonts = resources.get("/Font") or pikepdf.Dictionary()
        cur = None
        try:
            ops = pikepdf.parse_content_stream(content_owner)
        except Exception:  # noqa: BLE001 - reported as unreadable elsewhere
            return
        for operands, op in ops:
            op = str(op)
            if op == "Tf" and operands:
                f = fonts.get(str(operands[0]))
                cur = f if isinstance(f, pikepdf.Dictionary) else None
            elif op in ("Tj", "'", '"', "TJ") and cur is not None:
                key = cur.objgen if cur.is_indirect else id(cur)
                s = used.setdefault(key, [cur, set()])[1]
                args = operands[-1:] if op != "TJ" else list(operands[0])
                for a in args:
                    if isinstance(a, pikepdf.String):
                        s.add(bytes(a))
            elif op == "Do" and operands:
                xo = (resources.get("/XObject") or {}).get(str(operands[0]))
                if isinstance(xo, pikepdf.Stream) and name(xo.get("/Subtype")) == "/Form":
                    scan(xo, xo.get("/Resources") or resources, depth + 1)

    for page in pdf.pages:
        scan(page, page.obj.get("/Resources"))
    return used


def check_fonts(rep, pdf):
    embed, cidset, widths = [], [], []
    used = used_codes(pdf)
    fonts = [(w, o) for w, o in walk(pdf)
             if isinstance(o, pikepdf.Dictionary) and name(o.get("/Type")) == "/Font"]
    seen_desc = set()
    for where, f in fonts:
        sub = name(f.get("/Subtype"))
        if sub in ("/Type3", "/Type0"):
            continue  # Type3: no program; Type0: checked through its descendant
        base = str(f.get("/BaseFont", "?"))
        fd = f.get("/FontDescriptor")
        if not isinstance(fd, pikepdf.Dictionary):
            embed.append("%s (%s) has no FontDescriptor" % (base, where))
            continue
        prog = None
        for k in ("/FontFile", "/FontFile2", "/FontFile3"):
            if isinstance(fd.get(k), pikepdf.Stream):
                prog = (k, fd.get(k))
        if prog is None:
            embed.append("%s is not embedded" % base)
            continue
        if sub not in ("/CIDFontType2", "/CIDFontType0"):
            continue
        subset = re.match(r"/[A-Z]{6}\+", base) is not None
        cs = fd.get("/CIDSet")
        if cs is None:
            if subset:
                cidset.append("%s: subset CID font without /CIDSet (6.3.5)" % base)
            continue
        if sub != "/CIDFontType2" or prog[0] != "/FontFile2":
            continue  # CFF CID fonts: not checked further
        try:
            tt = TrueType(prog[1].read_bytes())
        except (ValueError, struct.error) as e:
            cidset.append("%s: cannot read the font program: %s" % (base, e))
            continue
        bits = cs.read_bytes()
        declared = {i for i in range(len(bits) * 8) if bits[i >> 3] & (0x80 >> (i & 7))}
        cmap = cid_to_gid(f, tt.num_glyphs)
        # ISO 19005-1 6.3.5: the CIDSet identifies the CIDs "present in the
        # embedded CIDFont file". A CID is present when the CIDToGIDMap sends
        # it to a glyph of the program: a GID below numGlyphs, not 0. The
        # program cannot tell an empty glyph that was embedded on purpose
        # (space, no-break space: loca length 0) from a slot a subsetter
        # emptied (libharu keeps every GID and empties the unused ones). So:
        #   - every CID whose glyph has an outline must be declared;
        #   - a declared CID must map to a glyph of the program, and if that
        #     glyph is empty it must be one the content shows (else the set
        #     claims a glyph the subset dropped);
        #   - every CID the content shows with a glyph of its own (GID != 0)
        #     must be declared.
        # CID 0 (.notdef) is ignored, as veraPDF does.
        shown = set()
        entry = used.get(f.objgen) if f.is_indirect else None
        parents = [u for u in used.values()
                   if name(u[0].get("/Subtype")) == "/Type0"
                   and any(d.objgen == f.objgen for d in u[0].get("/DescendantFonts", []))]
        for font0, codes in parents:
            if name(font0.get("/Encoding")) in ("/Identity-H", "/Identity-V"):
                for s in codes:
                    shown.update(struct.unpack(">%dH" % (len(s) // 2), s[:len(s) // 2 * 2]))
        del entry
        probs = []
        for cid in range(1, len(cmap)):
            g = cmap[cid]
            if 0 < g < tt.num_glyphs and tt.glyph_len(g) > 0 and cid not in declared:
                probs.append("CID %d (GID %d) has an outline but is not in /CIDSet" % (cid, g))
        for cid in sorted(declared - {0}):
            g = cmap[cid] if cid < len(cmap) else None
            if g is None or g >= tt.num_glyphs:
                probs.append("CID %d in /CIDSet has no glyph in the program" % cid)
            elif g == 0:
                probs.append("CID %d in /CIDSet maps to .notdef" % cid)
            elif tt.glyph_len(g) == 0 and cid not in shown:
                # an empty glyph the content never shows: present only if it is
                # the same glyph as a shown CID (U+00A0 and U+0020 -> space)
                if not any(cmap[c] == g for c in shown if c < len(cmap)):
                    probs.append("CID %d in /CIDSet maps to an empty glyph nothing shows" % cid)
        for cid in sorted(shown):
            g = cmap[cid] if cid < len(cmap) else 0
            if g != 0 and cid not in declared:
                probs.append("CID %d is shown but not in /CIDSet" % cid)
        cidset.extend("%s: %s" % (base, p) for p in probs)
        # 6.3.6: the widths in /W agree with the program (1/1000 em tolerance)
        ws = w_widths(f)
        dw = float(f.get("/DW", 1000))
        for cid in sorted(shown):
            g = cmap[cid] if cid < len(cmap) else 0
            if g >= tt.num_glyphs:
                continue
            have = ws.get(cid, dw)
            want = tt.width(g)
            if abs(have - want) > 1.0:
                widths.append("%s: CID %d width %g, program %g" % (base, cid, have, want))
        seen_desc.add(fd.objgen if fd.is_indirect else id(fd))
    rep.result("fonts-embedded", embed)
    rep.result("cidset", cidset)
    rep.result("glyph-widths", widths)


# ---- annotations ----------------------------------------------------------

def check_annotations(rep, pdf):
    probs = []
    for i, page in enumerate(pdf.pages):
        for a in page.obj.get("/Annots", []) or []:
            f = a.get("/F")
            sub = str(a.get("/Subtype", "?"))
            if f is None:
                probs.append("page %d: %s annotation without /F" % (i + 1, sub))
                continue
            f = int(f)
            if not f & 4:
                probs.append("page %d: %s annotation /F %d lacks Print" % (i + 1, sub, f))
            if f & (1 | 2 | 32):
                probs.append("page %d: %s annotation /F %d is invisible, hidden or noview"
                             % (i + 1, sub, f))
            if name(a.get("/Subtype")) in ("/Sound", "/Movie", "/FileAttachment"):
                probs.append("page %d: %s annotation is forbidden" % (i + 1, sub))
    rep.result("annotations", probs)


# PDF 1.4, table 5.19: the keys every FontDescriptor must have (PDFBox
# Preflight's clause 3.1.2 checks them; CapHeight was once missing here).
DESCRIPTOR_KEYS = ("/Type", "/FontName", "/Flags", "/FontBBox", "/ItalicAngle",
                   "/Ascent", "/Descent", "/CapHeight", "/StemV")


def check_descriptors(rep, pdf):
    probs = []
    for where, o in walk(pdf):
        if isinstance(o, pikepdf.Dictionary) and name(o.get("/Type")) == "/FontDescriptor":
            missing = [k for k in DESCRIPTOR_KEYS if k not in o]
            if missing:
                probs.append("%s (%s) lacks %s" % (o.get("/FontName", "?"), where, " ".join(missing)))
    rep.result("font-descriptor-keys", probs)


def check_outline(rep, pdf):
    """Each outline item's /Dest is an array [page /XYZ …] or a name, written
    in the item itself (PDF 1.4, 8.2.1; Preflight's 1.2.3 cannot read an
    indirect destination array)."""
    probs = []
    outlines = pdf.Root.get("/Outlines")
    item = outlines.get("/First") if outlines is not None else None
    stack, seen = [], set()
    while item is not None or stack:
        if item is None:
            item = stack.pop()
            continue
        og = item.objgen
        if og in seen:
            probs.append("outline item %s is reached twice" % (og,))
            break
        seen.add(og)
        d = item.get("/Dest")
        if d is not None:
            if d.is_indirect:
                probs.append("outline item %s: /Dest is an indirect object" % (og,))
            elif isinstance(d, pikepdf.Array):
                if len(d) < 2 or not isinstance(d[0], pikepdf.Dictionary) or \
                        name(d[0].get("/Type")) != "/Page":
                    probs.append("outline item %s: /Dest does not start with a page" % (og,))
        elif item.get("/A") is None:
            probs.append("outline item %s: neither /Dest nor /A" % (og,))
        if item.get("/Next") is not None:
            stack.append(item.get("/Next"))
        item = item.get("/First")
    rep.result("outline-destinations", probs)


def main(argv):
    plain = False
    args = argv[1:]
    if args and args[0] == "--expect-plain":
        plain = True
        args = args[1:]
    if len(args) != 1:
        print("usage: pdfa_check.py [--expect-plain] FILE.pdf", file=sys.stderr)
        return 2
    path = args[0]
    rep = Report(path)
    try:
        raw = open(path, "rb").read()
        pdf = pikepdf.open(path)
    except Exception as e:  # noqa: BLE001
        rep.fail("open", str(e))
        return 1
    check_header(rep, raw)
    check_id(rep, pdf)
    if plain:
        check_plain(rep, pdf)
        return 1 if rep.failed else 0
    check_objects(rep, pdf)
    check_metadata(rep, pdf)
    check_output_intent(rep, pdf)
    check_fonts(rep, pdf)
    check_descriptors(rep, pdf)
    check_outline(rep, pdf)
    check_annotations(rep, pdf)
    return 1 if rep.failed else 0


# Not covered here (a full validator such as veraPDF does these):
#  - colour spaces used in content without a matching output intent
#    (6.2.3: DeviceCMYK with an RGB intent etc.) and ICC-based colour spaces;
#  - content stream operators and limits (6.1.12 implementation limits, 6.2.10
#    undefined operators), inline images, the /Interpolate and /Alternates
#    of images, OPI, PostScript XObjects, rendering intents;
#  - XMP beyond the properties compared: extension schemas (6.7.8), the
#    validity of every property's value type, dc:creator with several authors;
#  - font programs other than TrueType CID fonts in detail (Type1 /CharSet,
#    CFF CIDSets), the simple fonts' /Widths against the program, symbolic
#    TrueType cmap rules (6.3.7), fonts used only in annotation appearances
#    or patterns;
#  - file structure (6.1.4 xref formatting, 6.1.6 hex strings, 6.1.7 stream
#    keywords and /Length, 6.1.8 object numbers) beyond what qpdf/pikepdf
#    accept when opening the file;
#  - interactive forms (6.9), digital signatures, optional content, the
#    /NeedAppearances flag, annotation appearance streams (6.5.3).
if __name__ == "__main__":
    sys.exit(main(sys.argv))
