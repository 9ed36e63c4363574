#!/usr/bin/python3
"""pdfua_check.py: checks a PDF against the machine-checkable failure
conditions of the Matterhorn Protocol 1.1 (PDF/UA-1, ISO 14289-1) that a
tagged parliamentary document can break, plus the consistency of the
structure tree that those conditions take for granted.

usage: /usr/bin/python3 tests/pdfua_check.py FILE.pdf

Prints one line per checkpoint, "ok ID FILE" or "FAIL ID FILE: why", and exits
1 when any failed. ID is the Matterhorn index (01-005, 28-011, ...) or, for
the structure tree checks the protocol presupposes, one of
  tagged       /StructTreeRoot present, /MarkInfo /Marked true
  tree-links   every structure element's /P is the element whose /K holds it,
               every element is reached once, has /S
  mcid         each MCID occurs once on its page; every MCR (integer /K with
               the element's /Pg, or an /MCR dictionary) names an MCID that
               exists in that page's content
  parent-tree  every page with MCIDs has /StructParents; for each MCID the
               /ParentTree entry is an element whose /K holds that MCID on
               that page; /ParentTreeNextKey greater than every key

Needs Debian's python3-pikepdf (so /usr/bin/python3). The conditions not
judged are listed at the end of the file.
"""
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

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DC = "http://purl.org/dc/elements/1.1/"
PDFUAID = "http://www.aiim.org/pdfua/ns/id/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# ISO 32000-1, 14.8.4: the standard structure types.
STANDARD = set("""Document Part Art Sect Div BlockQuote Caption TOC TOCI Index
NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead
TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP
Warichu WT WP Figure Formula Form""".split())

PAINT = {"Tj", "TJ", "'", '"', "Do", "f", "F", "f*", "B", "B*", "b", "b*", "S", "s",
         "sh", "INLINE IMAGE"}
SHOW = {"Tj", "TJ", "'", '"'}
LANG_TAG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")


class Report:
    def __init__(self, path):
        self.path = path
        self.failed = False

    def result(self, cp, problems):
        """problems: list of strings; the first few are shown."""
        if problems:
            self.failed = True
            more = "" if len(problems) <= 3 else " (and %d more)" % (len(problems) - 3)
            print("FAIL %s %s: %s" % (cp, self.path, "; ".join(problems[:3]) + more))
        else:
            print("ok %s %s" % (cp, self.path))


def name(o):
    return str(o) if isinstance(o, pikepdf.Name) else None


def text(o):
    return str(o) if isinstance(o, pikepdf.String) else None


def key(o):
    return o.objgen if o.is_indirect else ("direct", id(o))


def is_dict(o):
    return isinstance(o, pikepdf.Dictionary)


# ---- the document model the checks share ----------------------------------

class Elem:
    def __init__(self, d, parent, depth):
        self.d = d
        self.parent = parent          # Elem or None (the StructTreeRoot)
        self.depth = depth
        self.children = []            # Elem
        self.mcrs = []                # (page key or None, mcid, stream key or None)
        self.objrs = []               # referenced objects
        self.s = name(d.get("/S"))

    def page(self):
        e = self
        while e is not None:
            pg = e.d.get("/Pg")
            if is_dict(pg):
                return pg
            e = e.parent
        return None


class Doc:
    """Everything read once: pages, content marks, the structure tree."""

    def __init__(self, pdf):
        self.pdf = pdf
        self.cat = pdf.Root
        self.pages = [p.obj for p in pdf.pages]
        self.page_index = {p.objgen: i for i, p in enumerate(self.pages)}
        self.root = self.cat.get("/StructTreeRoot")
        rm = self.root.get("/RoleMap") if is_dict(self.root) else None
        self.rolemap = {str(k): name(rm.get(k)) for k in rm.keys()} if is_dict(rm) else {}
        self.elems = []
        self.tree_problems = []
        self._read_tree()
        self.marks = {}      # page index -> list of (mcid, where)
        self.stream_marks = {}  # form xobject key -> list of mcid
        self.content = []    # (page index, problems per checkpoint) filled by scan
        self.used = {}       # font key -> [font dict, set of code strings]
        self.paint_problems = {"01-003": [], "01-004": [], "01-005": []}
        self.parse_errors = []
        for i, pg in enumerate(self.pages):
            self._scan_page(i, pg)

    # structure tree
    def _read_tree(self):
        if not is_dict(self.root):
            return
        seen = set()
        stack = [(k, None, 0) for k in reversed(self._kids(self.root))]
        while stack:
            k, parent, depth = stack.pop()
            if isinstance(k, int):
                if parent is None:
                    self.tree_problems.append("the StructTreeRoot /K holds an MCID")
                    continue
                pg = parent.page()
                parent.mcrs.append((key(pg) if pg is not None else None, int(k), None))
                continue
            if not is_dict(k):
                continue
            t = name(k.get("/Type"))
            if t == "/MCR":
                if parent is None:
                    continue
                pg = k.get("/Pg") if is_dict(k.get("/Pg")) else parent.page()
                stm = k.get("/Stm")
                parent.mcrs.append((key(pg) if pg is not None else None, int(k.get("/MCID", -1)),
                                    key(stm) if isinstance(stm, pikepdf.Stream) else None))
                continue
            if t == "/OBJR":
                if parent is not None:
                    parent.objrs.append(k.get("/Obj"))
                continue
            kk = key(k)
            if kk in seen:
                self.tree_problems.append("element %s (%s) is reached twice" % (kk, k.get("/S")))
                continue
            seen.add(kk)
            e = Elem(k, parent, depth)
            self.elems.append(e)
            if parent is not None:
                parent.children.append(e)
            want = parent.d if parent is not None else self.root
            p = k.get("/P")
            if not is_dict(p) or key(p) != key(want):
                self.tree_problems.append("element %s /%s: /P is not the element that holds it"
                                          % (kk, (e.s or "?")[1:]))
            if e.s is None:
                self.tree_problems.append("element %s has no /S" % (kk,))
            for c in reversed(self._kids(k)):
                stack.append((c, e, depth + 1))

    @staticmethod
    def _kids(d):
        k = d.get("/K")
        if k is None:
            return []
        if isinstance(k, pikepdf.Array):
            return list(k)
        return [k]

    def mapped(self, s):
        """Standard type a structure type maps to, or None (no mapping or a cycle)."""
        seen = set()
        while s is not None and s[1:] not in STANDARD:
            if s in seen:
                return None
            seen.add(s)
            s = self.rolemap.get(s)
        return s[1:] if s else None

    # content streams
    def _scan_page(self, i, page):
        self.marks[i] = []
        self._scan(page, page.get("/Resources"), [], "page %d" % (i + 1), i, 0)

    def _scan(self, owner, res, stack, where, pi, depth):
        """stack: list of 'artifact' / 'tagged' / 'other' of the open sequences."""
        if depth > 8:
            return
        res = res if is_dict(res) else pikepdf.Dictionary()
        fonts = res.get("/Font") if is_dict(res.get("/Font")) else pikepdf.Dictionary()
        props = res.get("/Properties") if is_dict(res.get("/Properties")) else pikepdf.Dictionary()
        xobjs = res.get("/XObject") if is_dict(res.get("/XObject")) else pikepdf.Dictionary()
        try:
            ops = pikepdf.parse_content_stream(owner)
        except Exception as e:  # noqa: BLE001
            self.parse_errors.append("%s: content not parseable: %s" % (where, e))
            return
        font = None
        invisible = False
        base = len(stack)
        for operands, op in ops:
            op = str(op)
            if op in ("BDC", "BMC"):
                tag = name(operands[0]) if operands else None
                kind = "other"
                if tag == "/Artifact":
                    kind = "artifact"
                elif op == "BDC" and len(operands) > 1:
                    pl = operands[1]
                    if isinstance(pl, pikepdf.Name):
                        pl = props.get(str(pl))
                    if is_dict(pl) and "/MCID" in pl:
                        kind = "tagged"
                        m = int(pl.MCID)
                        if depth == 0 or not isinstance(owner, pikepdf.Stream) or \
                                "/StructParents" not in owner.stream_dict:
                            self.marks[pi].append((m, where))
                        if isinstance(owner, pikepdf.Stream) and depth > 0:
                            self.stream_marks.setdefault(key(owner), []).append(m)
                stack.append(kind)
            elif op == "EMC":
                if len(stack) > base:
                    stack.pop()
                else:
                    self.parse_errors.append("%s: EMC without an open sequence" % where)
            elif op == "Tf" and operands:
                f = fonts.get(str(operands[0]))
                font = f if is_dict(f) else None
            elif op == "Tr" and operands:
                invisible = int(operands[0]) == 3
            elif op == "Do" and operands:
                xo = xobjs.get(str(operands[0]))
                if isinstance(xo, pikepdf.Stream) and name(xo.stream_dict.get("/Subtype")) == "/Form":
                    self._scan(xo, xo.stream_dict.get("/Resources") or res, stack,
                               where + " form " + str(operands[0]), pi, depth + 1)
                    continue
            if op in SHOW and font is not None and not invisible:
                ent = self.used.setdefault(key(font), [font, set(), set()])
                args = list(operands[0]) if op == "TJ" else operands[-1:]
                for a in args:
                    if isinstance(a, pikepdf.String):
                        ent[1].add(bytes(a))
                ent[2].add(where)
            if op in PAINT:
                self._judge_paint(stack, op, where)
        if len(stack) > base:
            self.parse_errors.append("%s: %d marked-content sequence(s) not closed"
                                     % (where, len(stack) - base))
            del stack[base:]

    def _judge_paint(self, stack, op, where):
        kinds = [k for k in stack if k != "other"]
        if not kinds:
            self.paint_problems["01-005"].append("%s: %s outside any tagged or artifact sequence"
                                                 % (where, op))
        elif "artifact" in kinds and "tagged" in kinds:
            if kinds.index("tagged") < kinds.index("artifact"):
                self.paint_problems["01-003"].append("%s: %s in an Artifact inside tagged content"
                                                     % (where, op))
            else:
                self.paint_problems["01-004"].append("%s: %s in tagged content inside an Artifact"
                                                     % (where, op))


# ---- checkpoint 01: real content tagged ------------------------------------

def check_01(rep, doc):
    """01-003 Content marked as Artifact is present inside tagged content.
    01-004 Tagged content is present inside content marked as Artifact.
    01-005 Content is neither marked as Artifact nor tagged as real content.
    A painting operator is judged by the marked-content sequences open
    around it, through form XObjects."""
    for cp in ("01-003", "01-004"):
        rep.result(cp, doc.paint_problems[cp])
    rep.result("01-005", doc.parse_errors + doc.paint_problems["01-005"])


def check_01_007(rep, doc):
    """01-007 Suspects entry has a value of true."""
    mi = doc.cat.get("/MarkInfo")
    bad = is_dict(mi) and mi.get("/Suspects") is not None and bool(mi.get("/Suspects"))
    rep.result("01-007", ["/MarkInfo /Suspects is true"] if bad else [])


# ---- the structure tree itself ----------------------------------------------

def check_tagged(rep, doc):
    probs = []
    if not is_dict(doc.root):
        probs.append("catalog has no /StructTreeRoot")
    elif not doc.elems:
        probs.append("the structure tree has no elements")
    mi = doc.cat.get("/MarkInfo")
    if not is_dict(mi) or not bool(mi.get("/Marked", False)):
        probs.append("/MarkInfo /Marked is not true")
    rep.result("tagged", probs)


def check_tree_links(rep, doc):
    rep.result("tree-links", doc.tree_problems)


def check_mcid(rep, doc):
    probs = []
    exist = {}
    for pi, marks in doc.marks.items():
        pk = key(doc.pages[pi])
        counts = {}
        for m, where in marks:
            counts[m] = counts.get(m, 0) + 1
        for m, n in sorted(counts.items()):
            if n > 1:
                probs.append("page %d: MCID %d occurs %d times" % (pi + 1, m, n))
        exist[pk] = set(counts)
    stream_exist = {k: set(v) for k, v in doc.stream_marks.items()}
    refs = {}
    for e in doc.elems:
        for pk, m, sk in e.mcrs:
            label = "/%s" % (e.s or "?")[1:]
            if sk is not None:
                if m not in stream_exist.get(sk, ()):
                    probs.append("%s refers to MCID %d in a stream that lacks it" % (label, m))
                continue
            if pk is None:
                probs.append("%s refers to MCID %d without a page (/Pg)" % (label, m))
                continue
            if pk not in doc.page_index:
                probs.append("%s refers to MCID %d on an object that is not a page" % (label, m))
                continue
            pi = doc.page_index[pk]
            if m not in exist.get(pk, ()):
                probs.append("%s refers to MCID %d, absent from page %d" % (label, m, pi + 1))
            refs.setdefault((pk, m), []).append(label)
    for (pk, m), labels in refs.items():
        if len(labels) > 1:
            probs.append("page %d MCID %d is claimed by %d elements"
                         % (doc.page_index[pk] + 1, m, len(labels)))
    rep.result("mcid", probs)


def number_tree(node, out, probs, depth=0):
    if depth > 32 or not is_dict(node):
        return
    nums = node.get("/Nums")
    if isinstance(nums, pikepdf.Array):
        items = list(nums)
        if len(items) % 2:
            probs.append("/Nums has an odd number of items")
        for i in range(0, len(items) - 1, 2):
            k = int(items[i])
            if k in out:
                probs.append("parent tree key %d occurs twice" % k)
            out[k] = items[i + 1]
    kids = node.get("/Kids")
    if isinstance(kids, pikepdf.Array):
        for kid in kids:
            number_tree(kid, out, probs, depth + 1)


def parent_tree(doc, probs):
    out = {}
    if is_dict(doc.root):
        number_tree(doc.root.get("/ParentTree"), out, probs)
    return out


def check_parent_tree(rep, doc):
    probs = []
    if not is_dict(doc.root):
        rep.result("parent-tree", ["no /StructTreeRoot"])
        return
    if not is_dict(doc.root.get("/ParentTree")):
        probs.append("/StructTreeRoot has no /ParentTree")
    pt = parent_tree(doc, probs)
    by_key = {key(e.d): e for e in doc.elems}
    for pi, marks in doc.marks.items():
        if not marks:
            continue
        page = doc.pages[pi]
        sp = page.get("/StructParents")
        if sp is None:
            probs.append("page %d has MCIDs but no /StructParents" % (pi + 1))
            continue
        arr = pt.get(int(sp))
        if not isinstance(arr, pikepdf.Array):
            probs.append("page %d: parent tree has no array under key %d" % (pi + 1, int(sp)))
            continue
        pk = key(page)
        for m, _ in marks:
            if m >= len(arr) or not is_dict(arr[m]):
                probs.append("page %d MCID %d: no parent tree entry" % (pi + 1, m))
                continue
            e = by_key.get(key(arr[m]))
            if e is None:
                probs.append("page %d MCID %d: parent tree entry is not an element of the tree"
                             % (pi + 1, m))
            elif not any(r[0] == pk and r[1] == m and r[2] is None for r in e.mcrs):
                probs.append("page %d MCID %d: parent tree names /%s, whose /K lacks it"
                             % (pi + 1, m, (e.s or "?")[1:]))
    nk = doc.root.get("/ParentTreeNextKey")
    if nk is not None and pt and int(nk) <= max(pt):
        probs.append("/ParentTreeNextKey %d is not above the largest key %d" % (int(nk), max(pt)))
    rep.result("parent-tree", probs)


# ---- checkpoint 02: role mapping -------------------------------------------

def check_02(rep, doc):
    """02-001 One or more non-standard tag's mapping does not terminate with
    a standard type. 02-003 A circular mapping exists. 02-004 One or more
    standard types are remapped. Every type the tree uses and every key of
    /RoleMap is followed; a chain that runs into a cycle is 02-003's, not
    02-001's."""
    no_end, cycles, remapped = [], [], []
    used = {e.s for e in doc.elems if e.s}
    for s in sorted(used | set(doc.rolemap)):
        if s[1:] in STANDARD:
            if s in doc.rolemap:
                remapped.append("standard type %s is mapped to %s" % (s, doc.rolemap[s]))
            continue
        chain, cur = [s], s
        while True:
            nxt = doc.rolemap.get(cur)
            if nxt is None:
                no_end.append("%s ends at %s, not a standard type" % (" -> ".join(chain), cur))
                break
            if nxt[1:] in STANDARD:
                break
            if nxt in chain:
                cycles.append("%s -> %s" % (" -> ".join(chain), nxt))
                break
            chain.append(nxt)
            cur = nxt
    rep.result("02-001", no_end)
    rep.result("02-003", cycles)
    rep.result("02-004", remapped)


# ---- checkpoint 06, 07: metadata, viewer preferences ------------------------

def read_xmp(doc):
    m = doc.cat.get("/Metadata")
    if not isinstance(m, pikepdf.Stream):
        return None, "catalog has no /Metadata stream"
    try:
        return ET.fromstring(m.read_bytes()), None
    except ET.ParseError as e:
        return None, "metadata is not well-formed XML: %s" % e


def xmp_values(root, ns, local):
    """Texts (with their xml:lang) of a property in element or attribute form."""
    out = []
    for desc in root.iter("{%s}Description" % RDF):
        if "{%s}%s" % (ns, local) in desc.attrib:
            out.append((desc.attrib["{%s}%s" % (ns, local)], None))
        for el in desc.findall("{%s}%s" % (ns, local)):
            lis = el.findall(".//{%s}li" % RDF)
            if lis:
                out += [(li.text or "", li.get(XML_LANG)) for li in lis]
            else:
                out.append((el.text or "", None))
    return out


def check_06(rep, doc):
    """06-001 Document does not contain an XMP metadata stream. 06-002 The
    XMP metadata stream in the Catalog dictionary does not include the PDF/UA
    identifier. 06-003 XMP metadata stream does not contain dc:title."""
    root, err = read_xmp(doc)
    rep.result("06-001", [err] if err else [])
    if root is None:
        rep.result("06-002", ["no readable XMP metadata"])
        rep.result("06-003", ["no readable XMP metadata"])
        return
    part = [v.strip() for v, _ in xmp_values(root, PDFUAID, "part")]
    rep.result("06-002", [] if part == ["1"] else
               ["pdfuaid:part is %s, not 1" % (part or "absent")])
    titles = [v for v, _ in xmp_values(root, DC, "title") if v.strip()]
    rep.result("06-003", [] if titles else ["no non-empty dc:title"])


def check_07(rep, doc):
    """07-001 ViewerPreferences dictionary of the Catalog dictionary does not
    contain a DisplayDocTitle entry. 07-002 ... contains a DisplayDocTitle
    entry with a value of false."""
    vp = doc.cat.get("/ViewerPreferences")
    v = vp.get("/DisplayDocTitle") if is_dict(vp) else None
    rep.result("07-001", ["no /ViewerPreferences /DisplayDocTitle"] if v is None else [])
    rep.result("07-002", ["/DisplayDocTitle is false"] if v is not None and not bool(v) else [])


# ---- checkpoint 09: appropriate tags (tables and lists) ---------------------

def label(doc, e):
    m = doc.mapped(e.s)
    return m if m is not None else (e.s or "?")[1:]


def check_09_004(rep, doc):
    """09-004 A table-related structure element is used in a way that does not
    conform to the syntax defined in ISO 32000-1, Table 337: Table holds
    TR, or THead? TBody+ TFoot? (and a Caption); THead/TBody/TFoot hold TR;
    TR holds TH/TD; TH/TD sit in a TR."""
    probs = []
    for e in doc.elems:
        t = doc.mapped(e.s)
        kids = [doc.mapped(c.s) for c in e.children]
        par = doc.mapped(e.parent.s) if e.parent is not None else None
        if t == "Table":
            rows = [k for k in kids if k != "Caption"]
            if not rows:
                probs.append("Table without rows")
            groups = [k for k in rows if k in ("THead", "TBody", "TFoot")]
            bad = [k for k in rows if k not in ("TR", "THead", "TBody", "TFoot")]
            if bad:
                probs.append("Table holds %s" % ", ".join(sorted(set(str(b) for b in bad))))
            elif groups and len(groups) != len(rows):
                probs.append("Table mixes TR with THead/TBody/TFoot")
            elif groups:
                order = "".join({"THead": "h", "TBody": "b", "TFoot": "f"}[k] for k in groups)
                if not re.fullmatch("h?b+f?", order):
                    probs.append("Table row groups in the order %s" % " ".join(groups))
            if e.mcrs:
                probs.append("Table holds content directly")
        elif t in ("THead", "TBody", "TFoot"):
            if par != "Table":
                probs.append("%s inside %s, not Table" % (t, par))
            if any(k != "TR" for k in kids) or e.mcrs:
                probs.append("%s holds something other than TR" % t)
        elif t == "TR":
            if par not in ("Table", "THead", "TBody", "TFoot"):
                probs.append("TR inside %s" % par)
            if any(k not in ("TH", "TD") for k in kids) or e.mcrs:
                probs.append("TR holds something other than TH/TD")
        elif t in ("TH", "TD"):
            if par != "TR":
                probs.append("%s inside %s, not TR" % (t, label(doc, e.parent) if e.parent else "the root"))
    rep.result("09-004", probs)


def check_09_005(rep, doc):
    """09-005 A list-related structure element is used in a way that does not
    conform to Table 336 in ISO 32000-1: L holds LI (a Caption, nested L);
    LI sits in an L and holds Lbl and/or LBody; LBody sits in an LI."""
    probs = []
    for e in doc.elems:
        t = doc.mapped(e.s)
        kids = [doc.mapped(c.s) for c in e.children]
        par = doc.mapped(e.parent.s) if e.parent is not None else None
        if t == "L":
            bad = [k for k in kids if k not in ("LI", "Caption", "L")]
            if bad or e.mcrs:
                probs.append("L holds %s" % ", ".join(sorted(set(str(b) for b in bad)) or ["content"]))
        elif t == "LI":
            if par != "L":
                probs.append("LI inside %s, not L" % par)
            if any(k not in ("Lbl", "LBody") for k in kids) or e.mcrs:
                probs.append("LI holds something other than Lbl/LBody")
        elif t == "LBody" and par != "LI":
            probs.append("LBody inside %s, not LI" % par)
    rep.result("09-005", probs)


def check_15_003(rep, doc):
    """15-003 In a table not organized with Headers attributes and IDs, a
    <TH> cell does not contain a Scope attribute."""
    probs = []

    def attrs(e):
        a = e.d.get("/A")
        items = list(a) if isinstance(a, pikepdf.Array) else [a]
        return [x for x in items if is_dict(x)]

    for t in doc.elems:
        if doc.mapped(t.s) != "Table":
            continue
        cells, stack = [], list(t.children)
        while stack:
            c = stack.pop()
            if doc.mapped(c.s) in ("TH", "TD"):
                cells.append(c)
            elif doc.mapped(c.s) != "Table":
                stack.extend(c.children)
        if any("/Headers" in a for c in cells for a in attrs(c)):
            continue
        for c in cells:
            if doc.mapped(c.s) == "TH" and not any(
                    name(a.get("/O")) == "/Table" and "/Scope" in a for a in attrs(c)):
                probs.append("TH %s has no /Scope" % (c.d.objgen,))
    rep.result("15-003", probs)


# ---- checkpoint 11: natural language ------------------------------------------

def lang_ok(v):
    return isinstance(v, pikepdf.String) and bool(LANG_TAG.match(str(v)))


def check_11(rep, doc):
    """11-001 Natural language for text in page content cannot be determined.
    11-006 Natural language for document metadata cannot be determined.
    The language of an MCID is the /Lang of the nearest element holding it,
    else the catalog's /Lang. Metadata: the catalog /Lang, or an xml:lang
    other than x-default on every dc:title/dc:description entry."""
    probs = []
    cat_lang = doc.cat.get("/Lang")
    if cat_lang is not None and not lang_ok(cat_lang):
        probs.append("catalog /Lang %r is not a language tag" % str(cat_lang))
    for e in doc.elems:
        v = e.d.get("/Lang")
        if v is not None and not lang_ok(v):
            probs.append("/%s has /Lang %r" % ((e.s or "?")[1:], str(v)))
    if not lang_ok(cat_lang):
        for e in doc.elems:
            if not e.mcrs:
                continue
            a = e
            while a is not None and not lang_ok(a.d.get("/Lang")):
                a = a.parent
            if a is None:
                probs.append("the text of /%s (MCID %s) has no language"
                             % ((e.s or "?")[1:], ",".join(str(m[1]) for m in e.mcrs)))
    rep.result("11-001", probs)
    meta = []
    if not lang_ok(cat_lang):
        root, _ = read_xmp(doc)
        if root is not None:
            for local in ("title", "description"):
                for v, lang in xmp_values(root, DC, local):
                    if not lang or lang == "x-default" or not LANG_TAG.match(lang):
                        meta.append("dc:%s %r: no catalog /Lang and xml:lang %s"
                                    % (local, v[:30], lang))
    rep.result("11-006", meta)


# ---- checkpoint 13, 14: figures, headings ------------------------------------

def check_13_004(rep, doc):
    """13-004 <Figure> tag alternative or replacement text missing."""
    probs = []
    for e in doc.elems:
        if doc.mapped(e.s) == "Figure":
            alt = text(e.d.get("/Alt")) or text(e.d.get("/ActualText"))
            if not alt or not alt.strip():
                probs.append("Figure %s has neither /Alt nor /ActualText" % (e.d.objgen,))
    rep.result("13-004", probs)


def check_14(rep, doc):
    """14-002 Does use numbered headings, but the first heading tag is not
    <H1>. 14-003 Numbered heading levels in descending sequence are skipped
    (Example: <H3> follows directly after <H1>). Headings in the order of
    the structure tree (depth first)."""
    levels = []
    for e in doc.elems:
        m = doc.mapped(e.s)
        if m and re.fullmatch(r"H[1-6]", m):
            levels.append(int(m[1]))
    rep.result("14-002", [] if not levels or levels[0] == 1 else
               ["the first heading is H%d" % levels[0]])
    skips = ["H%d follows H%d" % (b, a) for a, b in zip(levels, levels[1:]) if b > a + 1]
    rep.result("14-003", skips)


# ---- checkpoint 28: annotations ---------------------------------------------

def check_28(rep, doc):
    """28-008 A page containing an annotation does not contain a Tabs entry.
    28-009 A page containing an annotation has a Tabs entry with a value
    other than S. 28-011 A link annotation is not nested within a <Link>
    tag. 28-012 A link annotation does not include an alternate description
    in its Contents entry."""
    p008, p009, p011, p012 = [], [], [], []
    holders = {}
    for e in doc.elems:
        for o in e.objrs:
            if is_dict(o):
                holders.setdefault(key(o), []).append(e)
    probs = []
    pt = parent_tree(doc, probs)
    for i, page in enumerate(doc.pages):
        annots = page.get("/Annots")
        annots = [a for a in annots if is_dict(a)] if isinstance(annots, pikepdf.Array) else []
        if not annots:
            continue
        tabs = page.get("/Tabs")
        if tabs is None:
            p008.append("page %d has annotations but no /Tabs" % (i + 1))
        elif name(tabs) != "/S":
            p009.append("page %d: /Tabs %s" % (i + 1, tabs))
        for a in annots:
            if name(a.get("/Subtype")) != "/Link":
                continue
            where = "page %d link %s" % (i + 1, a.objgen if a.is_indirect else "(direct)")
            hs = holders.get(key(a), [])
            if not hs:
                p011.append("%s: no OBJR in the structure tree" % where)
            elif any(doc.mapped(h.s) != "Link" for h in hs):
                p011.append("%s: held by /%s, not Link" % (where, (hs[0].s or "?")[1:]))
            sp = a.get("/StructParent")
            if sp is None:
                p011.append("%s: no /StructParent" % where)
            else:
                t = pt.get(int(sp))
                if not is_dict(t) or not any(key(t) == key(h.d) for h in hs):
                    p011.append("%s: /StructParent %d does not lead to its Link element"
                                % (where, int(sp)))
            c = text(a.get("/Contents"))
            if not c or not c.strip():
                p012.append("%s has no /Contents" % where)
    rep.result("28-008", p008)
    rep.result("28-009", p009)
    rep.result("28-011", p011)
    rep.result("28-012", p012)


# ---- checkpoint 10, 31: fonts --------------------------------------------------

def parse_cmap(data):
    """A ToUnicode CMap: ({code bytes: destination bytes (UTF-16BE)}, problems)."""
    out = {}
    tokens = re.findall(rb"<[0-9A-Fa-f\s]*>|\[|\]|begin\w+|end\w+", data)
    hexb = lambda t: bytes.fromhex(t[1:-1].decode("ascii"))  # noqa: E731
    mode = None
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t in (b"beginbfchar", b"beginbfrange", b"begincodespacerange"):
            mode = t[5:]
            i += 1
            continue
        if t.startswith(b"end"):
            mode = None
            i += 1
            continue
        if mode == b"bfchar" and i + 1 < len(tokens):
            out[hexb(t)] = hexb(tokens[i + 1])
            i += 2
        elif mode == b"bfrange" and i + 2 < len(tokens):
            lo, hi = hexb(t), hexb(tokens[i + 1])
            n = len(lo)
            a, b = int.from_bytes(lo, "big"), int.from_bytes(hi, "big")
            if tokens[i + 2] == b"[":
                j = i + 3
                c = a
                while j < len(tokens) and tokens[j] != b"]":
                    out[c.to_bytes(n, "big")] = hexb(tokens[j])
                    c += 1
                    j += 1
                i = j + 1
            else:
                dst = hexb(tokens[i + 2])
                for c in range(a, min(b, a + 0xFFFF) + 1):
                    d = bytearray(dst)
                    if d:
                        last = d[-1] + (c - a)
                        d[-1] = last & 0xFF
                        if last > 0xFF and len(d) > 1:
                            d[-2] = (d[-2] + (last >> 8)) & 0xFF
                    out[c.to_bytes(n, "big")] = bytes(d)
                i += 3
        else:
            i += 1
    return out


def codes(font, s):
    """The character codes of a shown string: 2 bytes for Type0 fonts with an
    Identity or two-byte CMap, else 1 byte."""
    if name(font.get("/Subtype")) == "/Type0":
        return [s[i:i + 2] for i in range(0, len(s) - 1, 2)]
    return [s[i:i + 1] for i in range(len(s))]


def descendant(font):
    if name(font.get("/Subtype")) == "/Type0":
        d = font.get("/DescendantFonts")
        if isinstance(d, pikepdf.Array) and len(d) and is_dict(d[0]):
            return d[0]
    return font


def tounicode_exempt(font):
    """31-027's exceptions: no ToUnicode needed."""
    sub = name(font.get("/Subtype"))
    enc = font.get("/Encoding")
    encn = name(enc) or (name(enc.get("/BaseEncoding")) if is_dict(enc) else None)
    if sub == "/Type0":
        csi = descendant(font).get("/CIDSystemInfo")
        return is_dict(csi) and text(csi.get("/Registry")) == "Adobe" and \
            text(csi.get("/Ordering")) in ("GB1", "CNS1", "Japan1", "Korea1")
    if encn in ("/MacRomanEncoding", "/MacExpertEncoding", "/WinAnsiEncoding"):
        return True
    if sub == "/TrueType":
        fd = font.get("/FontDescriptor")
        flags = int(fd.get("/Flags", 0)) if is_dict(fd) else 0
        return bool(flags & 32) and not flags & 4
    return False  # Type1/Type3: the glyph names are not judged here


def check_fonts(rep, doc):
    """31-009 For a font used by text intended to be rendered the font
    program is not embedded. 31-027 A font dictionary does not contain the
    ToUnicode entry and none of the exceptions holds. 10-001 Character code
    cannot be mapped to Unicode. 31-028 One or more Unicode values specified
    in the ToUnicode CMap are zero (0). 31-029 ... are equal to either U+FEFF
    or U+FFFE. 31-030 One or more characters used in text showing operators
    reference the .notdef glyph."""
    p009, p027, p010, p028, p029, p030 = [], [], [], [], [], []
    for font, strings, _where in doc.used.values():
        base = str(font.get("/BaseFont", "?"))
        sub = name(font.get("/Subtype"))
        desc = descendant(font)
        fd = desc.get("/FontDescriptor")
        prog = None
        if sub != "/Type3":
            for k in ("/FontFile", "/FontFile2", "/FontFile3"):
                if is_dict(fd) and isinstance(fd.get(k), pikepdf.Stream):
                    prog = fd.get(k)
            if prog is None:
                p009.append("%s is not embedded" % base)
        drawn = set()
        for s in strings:
            drawn.update(codes(font, s))
        tu = font.get("/ToUnicode")
        if isinstance(tu, pikepdf.Stream):
            cmap = parse_cmap(tu.read_bytes())
            for c, d in sorted(cmap.items()):
                u = d.decode("utf-16-be", "replace") if len(d) % 2 == 0 else None
                if d and all(b == 0 for b in d):
                    p028.append("%s: code <%s> maps to 0" % (base, c.hex()))
                elif u in ("\ufeff", "\ufffe"):
                    p029.append("%s: code <%s> maps to U+%04X" % (base, c.hex(), ord(u)))
            missing = sorted(c for c in drawn if not cmap.get(c))
            p010 += ["%s: code <%s> is drawn but not in its ToUnicode" % (base, c.hex())
                     for c in missing]
        elif not tounicode_exempt(font):
            p027.append("%s (%s) has no /ToUnicode" % (base, sub))
            p010.append("%s: no /ToUnicode, so no code can be mapped" % base)
        p030 += notdef(font, desc, prog, drawn, base)
    rep.result("31-009", p009)
    rep.result("31-027", p027)
    rep.result("10-001", p010)
    rep.result("31-028", p028)
    rep.result("31-029", p029)
    rep.result("31-030", p030)


def tt_tables(data):
    num = struct.unpack(">H", data[4:6])[0]
    tabs = {}
    for i in range(num):
        tag, _cs, off, ln = struct.unpack(">4sIII", data[12 + 16 * i:28 + 16 * i])
        tabs[tag.decode("latin-1")] = data[off:off + ln]
    return tabs


def tt_cmap(tabs, want):
    """{code: gid} of the first format-4 subtable among the (pid, eid) in want."""
    t = tabs.get("cmap", b"")
    if len(t) < 4:
        return None
    subs = {}
    for i in range(struct.unpack(">H", t[2:4])[0]):
        pid, eid, off = struct.unpack(">HHI", t[4 + 8 * i:12 + 8 * i])
        subs[(pid, eid)] = off
    for pe in want:
        off = subs.get(pe)
        if off is None or struct.unpack(">H", t[off:off + 2])[0] != 4:
            continue
        sub = t[off:]
        n = struct.unpack(">H", sub[6:8])[0] // 2
        ends = struct.unpack(">%dH" % n, sub[14:14 + 2 * n])
        starts = struct.unpack(">%dH" % n, sub[16 + 2 * n:16 + 4 * n])
        deltas = struct.unpack(">%dh" % n, sub[16 + 4 * n:16 + 6 * n])
        ro_at = 16 + 6 * n
        ros = struct.unpack(">%dH" % n, sub[ro_at:ro_at + 2 * n])
        out = {}
        for s in range(n):
            for c in range(starts[s], ends[s] + 1):
                if ros[s] == 0:
                    g = (c + deltas[s]) & 0xFFFF
                else:
                    at = ro_at + 2 * s + ros[s] + 2 * (c - starts[s])
                    g = struct.unpack(">H", sub[at:at + 2])[0] if at + 2 <= len(sub) else 0
                    g = (g + deltas[s]) & 0xFFFF if g else 0
                out[c] = g
        return out
    return None


def notdef(font, desc, prog, drawn, base):
    """31-030 for CIDFontType2 (through the CIDToGIDMap) and simple TrueType
    fonts (through the embedded cmap, as a viewer looks glyphs up)."""
    probs = []
    dsub = name(desc.get("/Subtype"))
    nglyphs = None
    tabs = None
    if isinstance(prog, pikepdf.Stream) and name(font.get("/Subtype")) in ("/Type0", "/TrueType"):
        try:
            tabs = tt_tables(prog.read_bytes())
            nglyphs = struct.unpack(">H", tabs["maxp"][4:6])[0]
        except (KeyError, struct.error, ValueError):
            tabs = None
    if dsub == "/CIDFontType2" and name(font.get("/Encoding")) in ("/Identity-H", "/Identity-V"):
        m = desc.get("/CIDToGIDMap")
        gids = None
        if isinstance(m, pikepdf.Stream):
            b = m.read_bytes()
            gids = struct.unpack(">%dH" % (len(b) // 2), b[:len(b) // 2 * 2])
        for c in sorted(drawn):
            cid = int.from_bytes(c, "big")
            g = cid if gids is None else (gids[cid] if cid < len(gids) else 0)
            if g == 0 or (nglyphs is not None and g >= nglyphs):
                probs.append("%s: CID %d draws GID %d (.notdef)" % (base, cid, g))
    elif name(font.get("/Subtype")) == "/TrueType" and tabs is not None:
        fd = desc.get("/FontDescriptor")
        symbolic = bool(int(fd.get("/Flags", 0)) & 4) if is_dict(fd) else False
        if symbolic:
            cm = tt_cmap(tabs, [(3, 0), (1, 0)])
            look = lambda c: (cm.get(0xF000 + c) or cm.get(c)) if cm else None  # noqa: E731
        else:
            cm = tt_cmap(tabs, [(3, 1)])
            # WinAnsi is close enough to Latin-1 for the codes a program sets
            look = lambda c: cm.get(c) if cm else None  # noqa: E731
        if cm is None:
            return ["%s: no usable cmap in the font program" % base]
        for c in sorted(drawn):
            if not look(c[0]):
                probs.append("%s: code %d draws .notdef" % (base, c[0]))
    return probs


def main(argv):
    if len(argv) != 2:
        print("usage: pdfua_check.py FILE.pdf", file=sys.stderr)
        return 2
    path = argv[1]
    rep = Report(path)
    try:
        pdf = pikepdf.open(path)
        doc = Doc(pdf)
    except Exception as e:  # noqa: BLE001
        rep.result("open", [str(e)])
        return 1
    check_tagged(rep, doc)
    check_tree_links(rep, doc)
    check_mcid(rep, doc)
    check_parent_tree(rep, doc)
    check_01(rep, doc)
    check_01_007(rep, doc)
    check_02(rep, doc)
    check_06(rep, doc)
    check_07(rep, doc)
    check_09_004(rep, doc)
    check_09_005(rep, doc)
    check_11(rep, doc)
    check_13_004(rep, doc)
    check_14(rep, doc)
    check_15_003(rep, doc)
    check_28(rep, doc)
    check_fonts(rep, doc)
    return 1 if rep.failed else 0


# Not judged here (a person, or a full validator such as veraPDF / PAC, does):
#  - everything Matterhorn marks "human": whether artifacts really are
#    artifacts and real content really is content (01-001, 01-002), whether
#    the structure types fit the content (01-006, 09-001..003: reading order
#    as heard, semantic nesting), the quality of alt text and of dc:title
#    (06-004, 13-00x), whether the declared language is the right one
#    (11-007), colour and contrast (04), flicker and sound (03, 05), headers
#    and footers being artifacts (18), OCR (08);
#  - the language of /Alt, /ActualText and /E (11-002), of outline items
#    (11-003), of annotation /Contents (11-004), of form fields (11-005);
#  - TOC, Ruby and Warichu syntax (09-006..008), H and H# tags (14-006,
#    14-007), Note IDs (19), optional content (20), embedded files (21),
#    forms, widgets and other annotation subtypes (28-002..007, 28-010,
#    28-014..018), reference XObjects and forms with MCIDs used twice (30),
#    security (26);
#  - fonts beyond what is drawn: CMaps other than Identity-H/V (codes are
#    split as 2 bytes for every Type0 font), Type1/Type3 glyph names against
#    the Adobe Glyph List (31-027 treats such fonts without ToUnicode as
#    failing), CFF CID fonts for .notdef, widths and CIDSet (31-011..016, see
#    tests/pdfa_check.py), the symbolic/non-symbolic TrueType cmap and
#    Encoding rules (31-017..026), fonts used only in annotation appearances;
#  - the Matterhorn checks of PDF/A-like file structure, and whether the text
#    a reader speaks is in the right order: tests/structwords.py compares
#    what poppler reads from the structure tree with the source's words.
if __name__ == "__main__":
    sys.exit(main(sys.argv))
