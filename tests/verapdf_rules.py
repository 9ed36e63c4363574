#!/usr/bin/python3
"""verapdf_rules.py: veraPDF's published validation rules for PDF/UA-1
(PDF_UA/PDFUA-1.xml) and PDF/A-1a (PDF_A/PDFA-1A.xml), evaluated by a
checker of our own on one PDF, each rule keyed by its clause and test number
as veraPDF reports it (7.21.4.2-2, 6.1.7-1, ...).

usage: /usr/bin/python3 tests/verapdf_rules.py [--profile ua|a1a|both] [--rule RULE]... FILE.pdf...
       /usr/bin/python3 tests/verapdf_rules.py --table [--profile ...]

Prints, for every rule of the chosen profiles (both by default) that the
table tests/verapdf_rules.txt does not mark "out", "ok RULE" or
"FAIL RULE: description (where)", and exits 1 when any failed (2 when the
file cannot be read at all). --rule restricts the run to the rules named.
Given several files, it prints "file PATH" before the lines of each and
exits with the worst status.
--table prints the table: RULE PROFILE STATUS.

The table says for each rule of both profiles whether it is implemented as
veraPDF computes it (impl), approximated (approx, the note says how), checked
only for the absence of a feature vorlage never writes (absent), or left out
(out). The properties the rules test are computed the way veraPDF's Java
model does (veraPDF-validation's org.verapdf.gf.model, veraPDF-parser), read
for that purpose and written anew here; where veraPDF's result depends on
the order it visits objects (headings, Note IDs) the order is the structure
tree's, depth first, as veraPDF's validator goes.

Needs Debian's python3-pikepdf (so /usr/bin/python3).
"""
import datetime
import os
import re
import struct
import sys
from xml.dom import minidom

try:
    import pikepdf
    from pikepdf import Array, Dictionary, Name, Stream, String
except ImportError:  # pragma: no cover
    print("FAIL setup: pikepdf missing: run with /usr/bin/python3")
    sys.exit(2)

OT = pikepdf.ObjectType
try:
    import decimal
    DECIMAL = decimal.Decimal
except ImportError:  # pragma: no cover
    DECIMAL = float
HERE = os.path.dirname(os.path.abspath(__file__))
TABLE = os.path.join(HERE, "verapdf_rules.txt")


# ---- the table ------------------------------------------------------------------

class RuleRow:
    def __init__(self, rule, profile, status, desc, note):
        self.rule, self.profile, self.status, self.desc, self.note = rule, profile, status, desc, note


def read_table(path=TABLE):
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            parts = line.split(None, 3)
            if len(parts) < 4 or parts[1] not in ("ua", "a1a") or \
                    parts[2] not in ("impl", "approx", "absent", "out"):
                raise SystemExit("%s:%d: bad table line: %s" % (path, n, line))
            desc, _, note = parts[3].partition(" -- ")
            rows.append(RuleRow(parts[0], parts[1], parts[2], desc.strip(), note.strip()))
    return rows


# ---- small helpers ----------------------------------------------------------------

def nm(o):
    """A name's text without the slash, else None."""
    if isinstance(o, Name):
        return str(o)[1:]
    return None


def txt(o):
    """A string's text (PDFDocEncoding or UTF-16 decoded), else None."""
    if isinstance(o, String):
        return str(o)
    return None


def num(o):
    if isinstance(o, (int, float)) and not isinstance(o, bool):
        return o
    try:
        import decimal
        if isinstance(o, decimal.Decimal):
            return float(o)
    except ImportError:  # pragma: no cover
        pass
    return None


def is_int(o):
    return isinstance(o, int) and not isinstance(o, bool)


def oid(o):
    """Where an object is: "12 0 R" for an indirect one."""
    try:
        if o.is_indirect:
            return "%d %d R" % o.objgen
    except Exception:
        pass
    return "direct object"


def key(o):
    try:
        if o.is_indirect:
            return o.objgen
    except Exception:
        pass
    return ("direct", id(o))


def get(d, k, default=None):
    try:
        v = d.get(k, default)
    except Exception:
        return default
    return v


def dvalues(d):
    """The values of a dictionary (pikepdf's have no values())."""
    try:
        return [d[k] for k in d.keys()]
    except Exception:
        return []


def as_list(o):
    if o is None:
        return []
    if isinstance(o, Array):
        return list(o)
    return [o]


def number_tree(node, out=None, seen=None):
    """A number tree flattened to {int: value}."""
    if out is None:
        out, seen = {}, set()
    if not isinstance(node, Dictionary) or key(node) in seen:
        return out
    seen.add(key(node))
    nums = get(node, "/Nums")
    if isinstance(nums, Array):
        for i in range(0, len(nums) - 1, 2):
            if is_int(nums[i]):
                out[int(nums[i])] = nums[i + 1]
    for kid in as_list(get(node, "/Kids")):
        number_tree(kid, out, seen)
    return out


def name_tree_values(node, out=None, seen=None):
    if out is None:
        out, seen = [], set()
    if not isinstance(node, Dictionary) or key(node) in seen:
        return out
    seen.add(key(node))
    names = get(node, "/Names")
    if isinstance(names, Array):
        for i in range(1, len(names), 2):
            out.append(names[i])
    for kid in as_list(get(node, "/Kids")):
        name_tree_values(kid, out, seen)
    return out


def read_stream(s):
    try:
        return s.read_bytes()
    except Exception:
        return None


# ---- the file as bytes: what pikepdf does not show ------------------------------

WS = b"\x00\t\n\x0c\r "
DELIMS = b"()<>[]{}/%"
EOLS = b"\r\n"
REGULAR_END = WS + DELIMS
NUM_RE = re.compile(rb"[+-]?(\d+\.?\d*|\.\d+)$")


class RawObj:
    def __init__(self, num, gen, offset):
        self.num, self.gen, self.offset = num, gen, offset
        self.header_ok = True      # EOL before the number, EOL after obj
        self.format_ok = True      # single white-space between N, G, obj
        self.end_ok = True         # EOL before and after endobj
        self.value = None          # the parsed object (python structures)
        self.stream = False
        self.stream_kw_ok = True
        self.endstream_ok = True
        self.data_start = None
        self.length_decl = None
        self.length_ok = True
        self.real_length = None


class Ref:
    def __init__(self, n, g):
        self.n, self.g = n, g

    def __repr__(self):
        return "%d %d R" % (self.n, self.g)


class RName:
    def __init__(self, raw, decoded):
        self.raw, self.decoded = raw, decoded

    def __eq__(self, other):
        return isinstance(other, RName) and self.decoded == other.decoded

    def __hash__(self):
        return hash(self.decoded)


class RawFile:
    """A linear reading of the file's bytes: header, objects with their
    spacing, streams with their real lengths, xref sections and trailers,
    hexadecimal strings, numbers and names as written."""

    def __init__(self, data):
        self.d = data
        self.objects = []
        self.hex_strings = []      # (where, digits, only_hex)
        self.ints = []             # (where, value) out of range
        self.reals = []
        self.long_names = []
        self.xrefs = []            # dicts: eol_ok, space_ok
        self.trailers = []         # parsed trailer dicts, in file order
        self.xref_stream = False
        self.problems = []
        self.where = "header"
        self._scan()

    # -- lexing
    def _skip_ws(self, p):
        d, n = self.d, len(self.d)
        while p < n:
            c = d[p]
            if c in WS:
                p += 1
            elif c == 0x25:  # comment
                while p < n and d[p] not in EOLS:
                    p += 1
            else:
                break
        return p

    def _token(self, p):
        """(kind, value, start, end) of the token at or after p."""
        d, n = self.d, len(self.d)
        p = self._skip_ws(p)
        if p >= n:
            return ("eof", None, p, p)
        c = d[p:p + 1]
        if c == b"(":
            depth, q = 0, p
            while q < n:
                ch = d[q]
                if ch == 0x5c:
                    q += 2
                    continue
                if ch == 0x28:
                    depth += 1
                elif ch == 0x29:
                    depth -= 1
                    if depth == 0:
                        return ("str", d[p + 1:q], p, q + 1)
                q += 1
            return ("str", d[p + 1:], p, n)
        if c == b"<":
            if d[p + 1:p + 2] == b"<":
                return ("<<", None, p, p + 2)
            q = d.find(b">", p + 1)
            if q < 0:
                q = n
            body = d[p + 1:q]
            digits = bytes(ch for ch in body if ch not in WS)
            only_hex = all(ch in b"0123456789abcdefABCDEF" for ch in digits)
            self.hex_strings.append((self.where, len(digits), only_hex))
            return ("hex", body, p, q + 1)
        if c == b">":
            if d[p + 1:p + 2] == b">":
                return (">>", None, p, p + 2)
            return ("junk", c, p, p + 1)
        if c in (b"[", b"]", b"{", b"}"):
            return (c.decode(), None, p, p + 1)
        if c == b"/":
            q = p + 1
            while q < n and d[q] not in REGULAR_END:
                q += 1
            raw = d[p + 1:q]
            dec = re.sub(rb"#([0-9a-fA-F]{2})", lambda m: bytes([int(m.group(1), 16)]), raw)
            if len(dec) > 127:
                self.long_names.append((self.where, len(dec)))
            return ("name", RName(raw, dec), p, q)
        q = p
        while q < n and d[q] not in REGULAR_END:
            q += 1
        if q == p:
            return ("junk", c, p, p + 1)
        word = d[p:q]
        if NUM_RE.match(word):
            if b"." in word:
                v = float(word)
                if not -32767.0 <= v <= 32767.0:
                    self.reals.append((self.where, v))
                return ("real", v, p, q)
            v = int(word)
            if not -2147483648 <= v <= 2147483647:
                self.ints.append((self.where, v))
            return ("int", v, p, q)
        return ("kw", word, p, q)

    def _value(self, p, stop=(b"endobj", b"stream")):
        """Parses one object starting at p; returns (value, end, stopper)
        where stopper is the keyword token that ended it at depth 0 when
        the object was followed by one of `stop` (None otherwise)."""
        stack = [[]]
        kinds = []
        while True:
            kind, val, s, e = self._token(p)
            if kind == "eof":
                break
            if kind == "kw" and val in stop and len(stack) == 1:
                items = stack[0]
                return (items[-1] if items else None), s, (val, s, e)
            p = e
            if kind in ("[", "<<"):
                stack.append([])
                kinds.append(kind)
                continue
            if kind in ("]", ">>"):
                if not kinds:
                    continue
                items = stack.pop()
                k = kinds.pop()
                if k == "<<":
                    dct = {}
                    for i in range(0, len(items) - 1, 2):
                        if isinstance(items[i], RName):
                            dct[items[i].decoded] = items[i + 1]
                    v = dct
                else:
                    v = items
                stack[-1].append(v)
            elif kind == "kw" and val == b"R":
                cur = stack[-1]
                if len(cur) >= 2 and isinstance(cur[-1], int) and isinstance(cur[-2], int):
                    g = cur.pop()
                    n_ = cur.pop()
                    cur.append(Ref(n_, g))
            elif kind == "kw" and val in (b"true", b"false"):
                stack[-1].append(val == b"true")
            elif kind == "kw" and val == b"null":
                stack[-1].append(None)
            elif kind in ("int", "real", "str", "hex", "name"):
                stack[-1].append(val if kind != "hex" else ("hex", val))
            else:
                stack[-1].append(("kw", val))
            if len(stack) == 1 and stop == ():
                return stack[0][-1], p, None
        items = stack[0]
        return (items[-1] if items else None), p, None

    def _eol_before(self, p):
        return p > 0 and self.d[p - 1] in EOLS

    def _scan(self):
        d = self.d
        n = len(d)
        self.header_offset = d.find(b"%PDF-", 0, 1024)
        h = max(self.header_offset, 0)
        e = h
        while e < n and d[e] not in EOLS:
            e += 1
        self.header = d[h:e].decode("latin-1")
        q = e
        if d[q:q + 2] == b"\r\n":
            q += 2
        elif q < n and d[q] in EOLS:
            q += 1
        self.comment = d[q:q + 5] if d[q:q + 1] == b"%" else b""
        p = e
        self.int_objects = {(int(m.group(1)), int(m.group(2))): int(m.group(3)) for m in
                            re.finditer(rb"(\d+)\s+(\d+)\s+obj\s+(\d+)\s+endobj", d)}
        obj_re = re.compile(rb"(\d+)(\s+)(\d+)(\s+)obj")
        while True:
            kind, val, s, e = self._token(p)
            if kind == "eof":
                break
            if kind == "int":
                m = obj_re.match(d, s)
                if not m:
                    p = e
                    continue
                self._object(m)
                p = self._after_object
                continue
            if kind == "kw" and val == b"xref":
                p = self._xref(e)
                continue
            if kind == "kw" and val == b"trailer":
                self.where = "trailer"
                v, p, _ = self._value(e, stop=())
                self.trailers.append(v if isinstance(v, dict) else {})
                continue
            p = e
        # the last %%EOF and what follows it
        eof = d.rfind(b"%%EOF")
        self.eof_offset = eof
        if eof < 0:
            self.post_eof = None
        else:
            tail = d[eof + 5:]
            if tail in (b"", b"\n", b"\r", b"\r\n"):
                self.post_eof = 0
            else:
                self.post_eof = len(tail)
        self._resolve_lengths()

    def _object(self, m):
        d = self.d
        o = RawObj(int(m.group(1)), int(m.group(3)), m.start())
        self.where = "object %d %d" % (o.num, o.gen)
        if m.start() > 0 and d[m.start() - 1] not in EOLS:
            o.header_ok = False
        if len(m.group(2)) != 1 or len(m.group(4)) != 1:
            o.format_ok = False
        p = m.end()
        if p >= len(d) or d[p] not in EOLS:
            o.header_ok = False
        v, p, stopper = self._value(p)
        o.value = v
        if stopper and stopper[0] == b"stream":
            o.stream = True
            q = stopper[2]
            if d[q:q + 2] == b"\r\n":
                o.data_start = q + 2
            elif d[q:q + 1] == b"\n":
                o.data_start = q + 1
            else:
                o.stream_kw_ok = False
                o.data_start = q + 1 if d[q:q + 1] == b"\r" else q
            o.length_decl = v.get(b"Length") if isinstance(v, dict) else None
            # find endstream: after Length when it is right, else the first one
            L = o.length_decl
            if isinstance(L, Ref):
                L = self.int_objects.get((L.n, L.g))
            if not isinstance(L, int) or isinstance(L, bool):
                L = None
            end_kw = None
            if L is not None and o.data_start + L <= len(d):
                kind, val, s, e = self._token_plain(o.data_start + L)
                if kind == "kw" and val == b"endstream":
                    end_kw = s
            o.length_ok_direct = end_kw is not None
            if end_kw is None:
                end_kw = d.find(b"endstream", o.data_start)
                if end_kw < 0:
                    end_kw = len(d)
            o.endstream_at = end_kw
            approx = end_kw - o.data_start
            a, b_ = d[end_kw - 2:end_kw - 1], d[end_kw - 1:end_kw]
            eol = 0
            if b_ == b"\n":
                if a == b"\r":
                    eol = 2 if L is None or approx - L > 1 else 1
                else:
                    eol = 1
            elif b_ == b"\r":
                eol = 1
            else:
                o.endstream_ok = False
            o.real_length = approx - eol
            p = end_kw + len(b"endstream")
            kind, val, s, e = self._token_plain(p)
            if kind == "kw" and val == b"endobj":
                stopper = (val, s, e)
            else:
                stopper = None
        if stopper and stopper[0] == b"endobj":
            s, e = stopper[1], stopper[2]
            if not self._eol_before(s):
                o.end_ok = False
            if e < len(d) and d[e] not in EOLS:
                o.end_ok = False
            self._after_object = e
        else:
            o.end_ok = False
            self._after_object = p
        if isinstance(v, dict) and v.get(b"Type") == RName(b"XRef", b"XRef"):
            self.xref_stream = True
        self.objects.append(o)

    def _token_plain(self, p):
        """A token without recording strings/numbers (used for lookahead)."""
        saved = (len(self.hex_strings), len(self.ints), len(self.reals), len(self.long_names))
        t = self._token(p)
        del self.hex_strings[saved[0]:]
        del self.ints[saved[1]:]
        del self.reals[saved[2]:]
        del self.long_names[saved[3]:]
        return t

    def _xref(self, p):
        d = self.d
        x = {"eol_ok": True, "space_ok": True, "offset": p}
        c = d[p:p + 1]
        if c == b"\r":
            q = p + 1
            if d[q:q + 1] == b"\n":
                q += 1
            if not d[q:q + 1].isdigit():
                x["eol_ok"] = False
        elif c != b"\n" or not d[p + 1:p + 2].isdigit():
            x["eol_ok"] = False
        q = p
        while True:
            q = self._skip_ws(q)
            m = re.compile(rb"(\d+)").match(d, q)
            if not m:
                break
            r = m.end()
            if d[r:r + 1] != b" " or not d[r + 1:r + 2].isdigit():
                x["space_ok"] = False
            m2 = re.compile(rb"\s*(\d+)").match(d, r)
            if not m2:
                break
            count = int(m2.group(1))
            r = self._skip_ws(m2.end())
            # entries: 20 bytes each (10-digit offset, 5-digit generation, n/f)
            ent = re.compile(rb"\d{10} \d{5} [nf]")
            for _ in range(count):
                if not ent.match(d, r):
                    break
                r = self._skip_ws(r + 18)
            q = r
        self.xrefs.append(x)
        return q

    def _resolve_lengths(self):
        direct = {}
        for o in self.objects:
            if isinstance(o.value, int) and not isinstance(o.value, bool):
                direct[(o.num, o.gen)] = o.value
        for o in self.objects:
            if not o.stream:
                continue
            L = o.length_decl
            if isinstance(L, Ref):
                L = direct.get((L.n, L.g))
            if not isinstance(L, int) or isinstance(L, bool):
                o.length_ok = False
                o.length_value = None
            else:
                o.length_value = L
                o.length_ok = (L == o.real_length)


# ---- fonts ------------------------------------------------------------------------

class TrueType:
    """The tables of a TrueType program veraPDF reads: head (unitsPerEm),
    hhea (numberOfHMetrics), maxp (numGlyphs), hmtx (advance widths), cmap
    (its subtables' platform and encoding ids)."""

    def __init__(self, data):
        self.ok = False
        self.num_glyphs = 0
        self.widths = []
        self.cmaps = []
        try:
            self._parse(data)
            self.ok = True
        except (struct.error, KeyError, ValueError, ZeroDivisionError, IndexError):
            self.ok = False

    def _parse(self, d):
        n = struct.unpack(">H", d[4:6])[0]
        tables = {}
        for i in range(n):
            rec = d[12 + 16 * i:28 + 16 * i]
            tag, _, off, length = struct.unpack(">4sIII", rec)
            tables[tag] = (off, length)
        off = tables[b"head"][0]
        upem = struct.unpack(">H", d[off + 18:off + 20])[0]
        off = tables[b"maxp"][0]
        self.num_glyphs = struct.unpack(">H", d[off + 4:off + 6])[0]
        off = tables[b"hhea"][0]
        nmetrics = struct.unpack(">H", d[off + 34:off + 36])[0]
        off = tables[b"hmtx"][0]
        raw = d[off:off + 4 * nmetrics]
        if len(raw) < 4 * nmetrics:
            raise ValueError("short hmtx")
        q = 1000.0 / upem
        self.widths = [struct.unpack(">H", raw[4 * i:4 * i + 2])[0] * q for i in range(nmetrics)]
        if b"cmap" in tables:
            off = tables[b"cmap"][0]
            cnt = struct.unpack(">H", d[off + 2:off + 4])[0]
            for i in range(cnt):
                pid, eid = struct.unpack(">HH", d[off + 4 + 8 * i:off + 8 + 8 * i])
                self.cmaps.append((pid, eid))

    def width(self, gid):
        """veraPDF's width with check: the last width for glyphs past
        numberOfHMetrics, the first for ids past the glyph count."""
        if gid < len(self.widths):
            return self.widths[gid]
        if not self.widths:
            return 0.0
        if gid < self.num_glyphs:
            return self.widths[-1]
        return self.widths[0]


HEX = re.compile(rb"<([0-9A-Fa-f\s]*)>")


def parse_to_unicode(data):
    """A ToUnicode CMap as {code: text}; codes keyed with their byte length."""
    out = {}
    if data is None:
        return out

    def h(b):
        b = re.sub(rb"\s", b"", b)
        return bytes.fromhex(b.decode()) if len(b) % 2 == 0 else bytes.fromhex((b + b"0").decode())

    def u(b):
        try:
            return h(b).decode("utf-16-be", "surrogatepass")
        except (UnicodeDecodeError, ValueError):
            return None
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        items = HEX.findall(block)
        for i in range(0, len(items) - 1, 2):
            src = h(items[i])
            out[(len(src), int.from_bytes(src, "big"))] = u(items[i + 1])
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for m in re.finditer(rb"<([0-9A-Fa-f\s]*)>\s*<([0-9A-Fa-f\s]*)>\s*(<[0-9A-Fa-f\s]*>|\[[^\]]*\])", block):
            lo_b, hi_b = h(m.group(1)), h(m.group(2))
            lo, hi = int.from_bytes(lo_b, "big"), int.from_bytes(hi_b, "big")
            if hi - lo > 65536:
                continue
            dst = m.group(3)
            if dst.startswith(b"["):
                arr = HEX.findall(dst)
                for i, code in enumerate(range(lo, hi + 1)):
                    if i < len(arr):
                        out[(len(lo_b), code)] = u(arr[i])
            else:
                base = h(dst[1:-1])
                start = int.from_bytes(base, "big")
                for i, code in enumerate(range(lo, hi + 1)):
                    b = (start + i).to_bytes(max(len(base), 1) + (1 if start + i >= 256 ** max(len(base), 1) else 0), "big")
                    try:
                        out[(len(lo_b), code)] = b.decode("utf-16-be", "surrogatepass")
                    except UnicodeDecodeError:
                        out[(len(lo_b), code)] = None
    return out


# PDF 32000-1, 9.7.5.2, Table 118: the predefined CMaps (PDF/UA-1 7.21.3.3)
PREDEFINED_CMAPS = set("""Identity-H Identity-V GB-EUC-H GB-EUC-V GBpc-EUC-H GBpc-EUC-V GBK-EUC-H
GBK-EUC-V GBKp-EUC-H GBKp-EUC-V GBK2K-H GBK2K-V UniGB-UCS2-H UniGB-UCS2-V UniGB-UTF16-H
UniGB-UTF16-V B5pc-H B5pc-V HKscs-B5-H HKscs-B5-V ETen-B5-H ETen-B5-V ETenms-B5-H ETenms-B5-V
CNS-EUC-H CNS-EUC-V UniCNS-UCS2-H UniCNS-UCS2-V UniCNS-UTF16-H UniCNS-UTF16-V 83pv-RKSJ-H
90ms-RKSJ-H 90ms-RKSJ-V 90msp-RKSJ-H 90msp-RKSJ-V 90pv-RKSJ-H Add-RKSJ-H Add-RKSJ-V EUC-H EUC-V
Ext-RKSJ-H Ext-RKSJ-V H V UniJIS-UCS2-H UniJIS-UCS2-V UniJIS-UCS2-HW-H UniJIS-UCS2-HW-V
UniJIS-UTF16-H UniJIS-UTF16-V KSC-EUC-H KSC-EUC-V KSCms-UHC-H KSCms-UHC-V KSCms-UHC-HW-H
KSCms-UHC-HW-V KSCpc-EUC-H UniKS-UCS2-H UniKS-UCS2-V UniKS-UTF16-H UniKS-UTF16-V""".split())

STANDARD14 = set("""Times-Roman Times-Bold Times-Italic Times-BoldItalic Helvetica Helvetica-Bold
Helvetica-Oblique Helvetica-BoldOblique Courier Courier-Bold Courier-Oblique Courier-BoldOblique
Symbol ZapfDingbats""".split())


# the codes that have a glyph name in the standard encodings (PDF Reference, Appendix D)
_WIN = set(range(32, 127)) | (set(range(128, 256)) - {0x81, 0x8D, 0x8F, 0x90, 0x9D})
ENCODING_CODES = {
    "WinAnsiEncoding": _WIN,
    "MacRomanEncoding": set(range(32, 127)) | set(range(128, 256)),
    "StandardEncoding": set(range(32, 127)) | set(range(161, 172)) | set(range(174, 181)) |
    set(range(182, 190)) | {191} | set(range(193, 200)) | set(range(202, 204)) | set(range(205, 209)) |
    {225, 227, 232, 233, 234, 235, 241, 245, 248, 249, 250, 251},
    "MacExpertEncoding": set(range(32, 256)),
}


class Font:
    """A font dictionary as veraPDF's PDFont sees it. For Type0 fonts the
    descendant CIDFont is a Font of its own (self.descendant)."""

    def __init__(self, doc, d, parent=None):
        self.doc, self.d, self.parent = doc, d, parent
        self.subtype = nm(get(d, "/Subtype"))
        self.base_font = nm(get(d, "/BaseFont"))
        self.descendant = None
        self.program = None          # TrueType, or None
        self.program_kind = None     # "FontFile", "FontFile2", "FontFile3"
        self.program_stream = None
        self.rendering_modes = set()
        self.used_codes = {}          # code -> first place it is shown
        fd = get(d, "/FontDescriptor")
        self.fd = fd if isinstance(fd, Dictionary) else None
        if self.subtype == "Type0":
            df = as_list(get(d, "/DescendantFonts"))
            if df and isinstance(df[0], Dictionary):
                self.descendant = Font(doc, df[0], self)
            enc = get(d, "/Encoding")
            self.cmap_name = nm(enc)
            self.cmap_stream = enc if isinstance(enc, Stream) else None
            self.to_unicode = parse_to_unicode(read_stream(get(d, "/ToUnicode"))) \
                if isinstance(get(d, "/ToUnicode"), Stream) else None
        else:
            self.to_unicode = parse_to_unicode(read_stream(get(d, "/ToUnicode"))) \
                if isinstance(get(d, "/ToUnicode"), Stream) else None
        if self.fd is not None:
            for k in ("/FontFile", "/FontFile2", "/FontFile3"):
                s = get(self.fd, k)
                if isinstance(s, Stream):
                    self.program_kind, self.program_stream = k[1:], s
                    break
        if self.program_kind == "FontFile2" and self.subtype in ("TrueType", "CIDFontType2"):
            data = read_stream(self.program_stream)
            self.program = TrueType(data) if data is not None else None
        # CIDFontType2: the CIDToGIDMap
        self.cid_to_gid = None       # None: identity
        if self.subtype == "CIDFontType2":
            m = get(d, "/CIDToGIDMap")
            if isinstance(m, Stream):
                b = read_stream(m) or b""
                self.cid_to_gid = [(b[i] << 8) | (b[i + 1] if i + 1 < len(b) else 0) for i in range(0, len(b), 2)]
        self.widths_w = {}
        dw = num(get(d, "/DW"))
        self.dw = float(dw) if dw is not None else 1000.0
        w = get(d, "/W")
        if isinstance(w, Array):
            i, items = 0, list(w)
            while i < len(items):
                first = items[i]
                if not is_int(first) or i + 1 >= len(items):
                    break
                nxt = items[i + 1]
                if isinstance(nxt, Array):
                    for j, x in enumerate(nxt):
                        if num(x) is not None:
                            self.widths_w[int(first) + j] = float(num(x))
                    i += 2
                elif i + 2 < len(items) and is_int(nxt) and num(items[i + 2]) is not None:
                    for c in range(int(first), int(nxt) + 1):
                        self.widths_w[c] = float(num(items[i + 2]))
                    i += 3
                else:
                    break

    # -- names and kinds
    def name(self):
        return self.base_font or oid(self.d)

    def is_subset(self):
        """veraPDF: fontName.search(/[A-Z]{6}\\+/) == 0."""
        return bool(self.base_font and re.match(r"[A-Z]{6}\+", self.base_font))

    def contains_font_file(self):
        """veraPDF's containsFontFile: a program that was parsed. For
        Type0 fonts, the descendant's."""
        f = self.descendant if self.subtype == "Type0" else self
        if f is None or f.program_stream is None:
            return False
        if f.program_kind == "FontFile2":
            return f.program is not None and f.program.ok
        return True   # Type1 / CFF programs: not parsed here, taken as present

    def evaluable(self):
        """Glyph rules are computed for Type0 fonts with an Identity CMap and
        a CIDFontType2 descendant whose TrueType program parses."""
        return (self.subtype == "Type0" and self.cmap_name in ("Identity-H", "Identity-V")
                and self.descendant is not None and self.descendant.subtype == "CIDFontType2"
                and self.descendant.program is not None and self.descendant.program.ok)

    # -- CIDFontType2 (self is the descendant)
    def gid(self, cid):
        if self.cid_to_gid is None:
            return cid
        return self.cid_to_gid[cid] if 0 <= cid < len(self.cid_to_gid) else 0

    def contains_cid(self, cid):
        if cid == 0:
            return False
        if self.cid_to_gid is not None and not (0 <= cid < len(self.cid_to_gid)):
            return False
        return self.program is not None and self.gid(cid) < self.program.num_glyphs

    def cid_list(self):
        """veraPDF's CIDFontType2Program.getCIDList: with a map stream every
        CID below its length that contains_cid; with Identity, 0 ..
        numberOfHMetrics-1."""
        if self.cid_to_gid is not None:
            return [i for i in range(len(self.cid_to_gid)) if self.contains_cid(i)]
        return list(range(len(self.program.widths))) if self.program else []

    def cidset_bits(self):
        s = get(self.fd, "/CIDSet") if self.fd is not None else None
        if not isinstance(s, Stream):
            return None
        b = (read_stream(s) or b"")[:16384]
        return [(b[i >> 3] >> (7 - (i & 7))) & 1 for i in range(len(b) * 8)]

    # -- glyphs of a simple font
    def base_encoding(self):
        e = get(self.d, "/Encoding")
        if isinstance(e, Name):
            return str(e)[1:]
        if isinstance(e, Dictionary):
            b = get(e, "/BaseEncoding")
            if isinstance(b, Name):
                return nm(b)
        if self.subtype == "Type1" and self.base_font in STANDARD14 and \
                self.base_font not in ("Symbol", "ZapfDingbats"):
            return "StandardEncoding"   # the built-in encoding of the standard Latin fonts
        return None

    def differences(self):
        e = get(self.d, "/Encoding")
        out = {}
        if isinstance(e, Dictionary) and isinstance(get(e, "/Differences"), Array):
            code = None
            for x in e.Differences:
                if is_int(x):
                    code = int(x)
                elif isinstance(x, Name) and code is not None:
                    out[code] = str(x)[1:]
                    code += 1
        return out

    def simple_name(self, code):
        """The glyph name veraPDF takes from the font's encoding, or None
        (then the rules on names pass, as in veraPDF)."""
        d = self.differences()
        if code in d:
            return d[code]
        base = self.base_encoding()
        if base in ENCODING_CODES:
            if code in ENCODING_CODES[base]:
                return "g%d" % code      # a name of that encoding (which, does not matter here)
            return ".notdef"
        if code == 0 and self.subtype == "TrueType":
            return ".notdef"
        return None

    def simple_unicode(self, code):
        """Through the ToUnicode CMap, else from the glyph name (taken to be
        in the Adobe Glyph List when it is a name of a standard encoding or
        uniXXXX / a single letter or digit)."""
        if self.to_unicode is not None and (1, code) in self.to_unicode:
            return self.to_unicode[(1, code)]
        n = self.simple_name(code)
        if n is None or n == ".notdef":
            return None
        if re.match(r"^g\d+$", n) and code not in self.differences():
            return chr(code) if code < 128 else "?"
        m = re.match(r"^uni([0-9A-F]{4})$", n)
        if m:
            return chr(int(m.group(1), 16))
        if re.match(r"^[A-Za-z0-9]$", n):
            return n
        return None

    # -- glyphs of a Type0 font (self is the Type0 font)
    def glyph(self, code):
        """(present, name, width_program, width_dict, unicode) as veraPDF's
        Glyph for this code."""
        df = self.descendant
        cid = code   # Identity-H/V
        contains = df.contains_cid(cid)
        present = True if code == 0 else contains
        gname = None if contains else ".notdef"
        wp = df.program.width(df.gid(cid))
        wd = df.widths_w.get(cid, df.dw)
        uni = None
        if self.to_unicode is not None:
            uni = self.to_unicode.get((2, code))
        return present, gname, wp, wd, uni


# ---- content streams ----------------------------------------------------------------

# PDF Reference 1.4, Appendix A: the operators (6.2.10-1)
OPERATORS_14 = set("""b B b* B* BDC BI BMC BT BX c cm CS cs d d0 d1 Do DP EI EMC ET EX f F f* G g gs
h i ID j J K k l m M MP n q Q re RG rg ri s S SC sc SCN scn sh T* Tc Td TD Tf TJ Tj TL Tm Tr Ts Tw
Tz v w W W* y ' \"""".split())
TEXT_SHOW = {"Tj", "TJ", "'", '"'}
PATH_PAINT = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*"}
INTENTS = {"RelativeColorimetric", "AbsoluteColorimetric", "Perceptual", "Saturation"}
INLINE_CS = {"G": "DeviceGray", "RGB": "DeviceRGB", "CMYK": "DeviceCMYK", "I": "Indexed"}


class Group:
    """The content outside any marked-content sequence of one stream (a
    page, or a form XObject painted from inside marked content)."""

    def __init__(self, struct, tags, lang, tagged):
        self.struct, self.parents_tags, self.lang, self.tagged = struct, tags, lang, tagged
        self.tag = None
        self.mc = None

    def lang_value(self):
        return self.lang


class MC:
    """One marked-content sequence (BMC/BDC ... EMC), as veraPDF's
    SEMarkedContent / GFOpMarkedContent."""

    def __init__(self, doc, tag, props, outer, base, where, struct_parents):
        self.tag, self.props, self.outer, self.where = tag, props, outer, where
        self.mcid = None
        self.own_struct = None
        if isinstance(props, Dictionary):
            m = get(props, "/MCID")
            if is_int(m):
                self.mcid = int(m)
                self.own_struct = doc.parent_tree_mcid(struct_parents, self.mcid)
        enclosing = outer.struct if outer is not None else base.struct
        self.struct = self.own_struct if self.own_struct is not None else enclosing
        # parentsTags: the tags around the stream, those of the enclosing
        # sequences, and this one's own
        self.parents_tags = (outer.parents_tags if outer is not None else list(base.parents_tags)) + [tag or ""]
        self.tagged = doc.reaches_root(self.struct)
        self.lang = self.prop_string("/Lang")
        self.base = base

    def prop_string(self, k):
        if isinstance(self.props, Dictionary):
            return txt(get(self.props, k))
        return None

    def struct_parent_lang(self):
        e = self.own_struct
        seen = set()
        while isinstance(e, Dictionary) and key(e) not in seen:
            seen.add(key(e))
            la = txt(get(e, "/Lang"))
            if la is not None:
                return la
            e = get(e, "/P")
        return None

    def inherited_lang(self):
        la = self.struct_parent_lang()
        if la is not None:
            return la
        if self.outer is None:
            return self.base.lang
        if self.outer.lang is not None:
            return self.outer.lang
        return self.outer.inherited_lang()

    def lang_value(self):
        return self.lang if self.lang is not None else self.inherited_lang()


class Content:
    """Everything the rules need from the content streams of the pages, the
    form XObjects they paint and the annotations' appearance streams."""

    def __init__(self, doc):
        self.doc = doc
        self.mcs = []
        self.items = []            # (kind, group, where, page_content)
        self.glyphs = {}           # (font key, code) -> (Font, where, modes)
        self.undefined_ops = []
        self.deep_q = []
        self.device = {"DeviceRGB": [], "DeviceCMYK": [], "DeviceGray": []}
        self.intents = []
        self.inline_images = []
        self.bad_ints, self.bad_reals, self.long_strings, self.long_names = [], [], [], []
        self.big_arrays = []
        self.form_paints = {}      # form key -> count
        self.fonts = {}            # font key -> Font
        self.parse_errors = []
        self.xobjects = {}         # key -> (stream, where)
        self.colour_spaces = []    # (cs object, where)
        self.shadings = []
        for i, page in enumerate(doc.pdf.pages):
            where = "page %d" % (i + 1)
            base = Group(None, [], None, False)
            sp = get(page.obj, "/StructParents")
            self.walk(page, get(page.obj, "/Resources"), base, where, sp if is_int(sp) else None,
                      page_content=True, depth=0, qdepth=0)
            for j, a in enumerate(as_list(get(page.obj, "/Annots"))):
                ap = get(a, "/AP") if isinstance(a, Dictionary) else None
                if not isinstance(ap, Dictionary):
                    continue
                for k in ("/N", "/R", "/D"):
                    v = get(ap, k)
                    streams = [v] if isinstance(v, Stream) else \
                        [x for x in dvalues(v) if isinstance(x, Stream)] if isinstance(v, Dictionary) else []
                    for s in streams:
                        self.walk(s, get(s, "/Resources"), Group(None, [], None, False),
                                  "%s annotation %d appearance" % (where, j + 1), None,
                                  page_content=False, depth=1, qdepth=0)

    def font(self, d):
        k = key(d)
        if k not in self.fonts:
            self.fonts[k] = Font(self.doc, d)
        return self.fonts[k]

    def note_operands(self, ops, where):
        for o in ops:
            self.note_value(o, where)

    def note_value(self, o, where):
        t = type(o)
        if t is bool:
            return
        if t is int:
            if not -2147483648 <= o <= 2147483647:
                self.bad_ints.append((where, o))
            return
        if t is float or t is DECIMAL:
            if not -32767.0 <= float(o) <= 32767.0:
                self.bad_reals.append((where, float(o)))
            return
        tc = getattr(o, "_type_code", None)
        if tc == OT.string:
            if len(bytes(o)) > 65535:
                self.long_strings.append((where, len(bytes(o))))
        elif tc == OT.name_:
            if len(str(o)[1:].encode("utf-8")) > 127:
                self.long_names.append((where, len(str(o))))
        elif tc == OT.array:
            if len(o) > 8191:
                self.big_arrays.append((where, len(o)))
            for x in o:
                self.note_value(x, where)
        elif tc == OT.dictionary:
            for x in dvalues(o):
                self.note_value(x, where)

    def resource(self, res, cat, name):
        if not isinstance(res, Dictionary):
            return None
        d = get(res, cat)
        if not isinstance(d, Dictionary):
            return None
        return get(d, name)

    def use_cs(self, cs, res, where, seen=None):
        """A colour space used: device spaces noted, ICCBased ones kept."""
        if seen is None:
            seen = set()
        if isinstance(cs, Name):
            n = str(cs)[1:]
            if n in self.device:
                self.device[n].append(where)
                return
            if n == "Pattern":
                return
            r = self.resource(res, "/ColorSpace", cs)
            if r is not None and key(r) not in seen:
                seen.add(key(r))
                self.use_cs(r, res, where, seen)
            return
        if isinstance(cs, Array) and len(cs) > 0:
            fam = nm(cs[0])
            self.colour_spaces.append((cs, where))
            if fam == "Indexed" and len(cs) > 1:
                self.use_cs(cs[1], res, where, seen)
            elif fam in ("Separation", "DeviceN") and len(cs) > 2:
                self.use_cs(cs[2], res, where, seen)
            elif fam == "Pattern" and len(cs) > 1:
                self.use_cs(cs[1], res, where, seen)

    def walk(self, owner, res, base, where, struct_parents, page_content, depth, qdepth):
        if depth > 12:
            return
        try:
            ops = pikepdf.parse_content_stream(owner)
        except Exception as e:   # pikepdf.PdfError and friends
            self.parse_errors.append("%s: %s" % (where, e))
            return
        stack = []                # open MCs
        gs = [{"font": None, "tr": 0}]
        q = qdepth
        for item in ops:
            operands, op = item
            if str(op) == "INLINE IMAGE" and operands and isinstance(operands[0], pikepdf.PdfInlineImage):
                item = operands[0]
                group = stack[-1] if stack else base
                self.inline_images.append((where, item))
                self.items.append(("image", group, where, page_content))
                try:
                    cs = item.obj.get("/CS", item.obj.get("/ColorSpace"))
                except Exception:
                    cs = None
                if isinstance(cs, Name) and str(cs)[1:] in INLINE_CS:
                    cs = Name("/" + INLINE_CS[str(cs)[1:]])
                if cs is not None and not (isinstance(cs, Name) and str(cs) == "/Indexed"):
                    self.use_cs(cs, res, where)
                continue
            op = str(op)
            self.note_operands(operands, where)
            if op not in OPERATORS_14:
                self.undefined_ops.append((where, op))
            if op == "q":
                q += 1
                if q > 28:
                    self.deep_q.append((where, q))
                gs.append(dict(gs[-1]))
            elif op == "Q":
                q = max(q - 1, 0)
                if len(gs) > 1:
                    gs.pop()
            elif op in ("BMC", "BDC"):
                tag = nm(operands[0]) if operands else None
                props = None
                if op == "BDC" and len(operands) > 1:
                    p = operands[1]
                    if isinstance(p, Name):
                        p = self.resource(res, "/Properties", p)
                    props = p if isinstance(p, Dictionary) else None
                mc = MC(self.doc, tag, props, stack[-1] if stack else None, base, where, struct_parents)
                self.mcs.append(mc)
                stack.append(mc)
            elif op == "EMC":
                if stack:
                    stack.pop()
            elif op == "Tf" and operands:
                f = self.resource(res, "/Font", operands[0])
                gs[-1]["font"] = self.font(f) if isinstance(f, Dictionary) else None
            elif op == "Tr" and operands and is_int(operands[0]):
                gs[-1]["tr"] = int(operands[0])
            elif op in TEXT_SHOW:
                group = stack[-1] if stack else base
                self.items.append(("text", group, where, page_content))
                f = gs[-1]["font"]
                if f is None:
                    continue
                f.rendering_modes.add(gs[-1]["tr"])
                strings = []
                if op == "TJ" and operands and isinstance(operands[0], Array):
                    strings = [bytes(x) for x in operands[0] if getattr(x, "_type_code", None) == OT.string]
                elif operands and getattr(operands[-1], "_type_code", None) == OT.string:
                    strings = [bytes(operands[-1])]
                two = f.subtype == "Type0"
                for s in strings:
                    codes = [(s[i] << 8) | (s[i + 1] if i + 1 < len(s) else 0) for i in range(0, len(s), 2)] \
                        if two else list(s)
                    for c in codes:
                        k = (key(f.d), c)
                        if k not in self.glyphs:
                            self.glyphs[k] = (f, where, set())
                        self.glyphs[k][2].add(gs[-1]["tr"])
            elif op in PATH_PAINT:
                group = stack[-1] if stack else base
                self.items.append(("path", group, where, page_content))
            elif op == "sh":
                group = stack[-1] if stack else base
                self.items.append(("shading", group, where, page_content))
                sh = self.resource(res, "/Shading", operands[0]) if operands else None
                if isinstance(sh, Dictionary):
                    self.shadings.append((sh, where))
                    if get(sh, "/ColorSpace") is not None:
                        self.use_cs(get(sh, "/ColorSpace"), res, where)
            elif op in ("rg", "RG"):
                self.device["DeviceRGB"].append(where)
            elif op in ("g", "G"):
                self.device["DeviceGray"].append(where)
            elif op in ("k", "K"):
                self.device["DeviceCMYK"].append(where)
            elif op in ("cs", "CS") and operands:
                self.use_cs(operands[0], res, where)
            elif op == "ri" and operands:
                self.intents.append((where, nm(operands[0])))
            elif op == "gs" and operands:
                g = self.resource(res, "/ExtGState", operands[0])
                if isinstance(g, Dictionary):
                    self.doc.extgstates.setdefault(key(g), (g, where))
            elif op == "Do" and operands:
                x = self.resource(res, "/XObject", operands[0])
                if not isinstance(x, Stream):
                    continue
                st = nm(get(x, "/Subtype"))
                self.xobjects.setdefault(key(x), (x, where))
                group = stack[-1] if stack else base
                if st == "Image":
                    self.items.append(("image", group, where, page_content))
                    if not get(x, "/ImageMask", False) and get(x, "/ColorSpace") is not None:
                        self.use_cs(get(x, "/ColorSpace"), res, where)
                elif st == "Form":
                    self.form_paints[key(x)] = self.form_paints.get(key(x), 0) + 1
                    inner = Group(group.struct, list(group.parents_tags), group.lang_value(),
                                  group.tagged)
                    fsp = get(x, "/StructParents")
                    xres = get(x, "/Resources")
                    self.walk(x, xres if isinstance(xres, Dictionary) else res, inner,
                              "%s form %s" % (where, oid(x)), fsp if is_int(fsp) else struct_parents,
                              page_content, depth + 1, q)


# ---- the structure tree ---------------------------------------------------------------

# veraPDF's TaggedPDFHelper: the standard types of PDF 1.4 (PDF/A-1) and PDF 1.7 (PDF/UA-1)
STD_COMMON = set("""Document Part Div Caption Sect NonStruct H P L LI Lbl LBody Table TR TH TD
Span Link Figure Formula Form""".split())
STD_14 = STD_COMMON | set("""Art BlockQuote TOC TOCI Index Private Quote Note Reference BibEntry
Code H1 H2 H3 H4 H5 H6""".split())
STD_17 = STD_14 | set("THead TBody TFoot Annot Ruby Warichu RB RT RP WT WP".split())
PASS_THROUGH = {"NonStruct", "Div", "Part"}


class Elem:
    def __init__(self, tree, d, index):
        self.tree, self.d, self.index = tree, d, index
        self.s = nm(get(d, "/S"))
        self.std = tree.standard(self.s)
        self.kids = []
        self.where = "%s %s" % (self.s, oid(d))

    # properties of veraPDF's PDStructElem and its typed subclasses
    def kid_types(self):
        out = []
        for k in self.kids:
            if k.std in PASS_THROUGH:
                out.extend(k.kid_types())
            elif k.std is not None:
                out.append(k.std)
        return out

    def significant_kids(self):
        out = []
        for k in self.kids:
            if k.std in PASS_THROUGH:
                out.extend(k.significant_kids())
            else:
                out.append(k)
        return out

    def parent_standard_type(self):
        p = get(self.d, "/P")
        seen = set()
        while isinstance(p, Dictionary) and key(p) not in seen:
            seen.add(key(p))
            if nm(get(p, "/Type")) == "StructTreeRoot":
                return "StructTreeRoot"
            t = self.tree.standard(nm(get(p, "/S")))
            if t not in PASS_THROUGH:
                return t
            p = get(p, "/P")
        return None

    def attr(self, name, kind, owner="Table"):
        """An attribute from /A (dictionary or array) or the class map, as
        veraPDF's AttributeHelper: owner /O must match, type must match."""
        def look(a):
            if isinstance(a, Array):
                for x in a:
                    v = look1(x)
                    if v is not None:
                        return v
            return look1(a)

        def look1(a):
            if isinstance(a, Dictionary) and nm(get(a, "/O")) == owner:
                v = get(a, name)
                if kind == "int" and is_int(v):
                    return int(v)
                if kind == "name" and isinstance(v, Name):
                    return str(v)[1:]
                if kind == "array" and isinstance(v, Array):
                    return v
            return None
        v = look(get(self.d, "/A"))
        if v is None:
            cm = self.tree.class_map
            c = get(self.d, "/C")
            if isinstance(cm, Dictionary):
                for cn in ([c] if isinstance(c, Name) else list(c) if isinstance(c, Array) else []):
                    if isinstance(cn, Name) and get(cm, cn) is not None:
                        v = look(get(cm, cn))
                        if v is not None:
                            break
        return v

    def colspan(self):
        v = self.attr("/ColSpan", "int")
        return 1 if v is None else v

    def rowspan(self):
        v = self.attr("/RowSpan", "int")
        return 1 if v is None else v


class StructTree:
    def __init__(self, doc, std, fast_stop):
        self.doc = doc
        self.std_set, self.fast_stop = std, fast_stop
        root = get(doc.pdf.Root, "/StructTreeRoot")
        self.root = root if isinstance(root, Dictionary) else None
        rm = get(self.root, "/RoleMap") if self.root is not None else None
        self.role_map = {}
        if isinstance(rm, Dictionary):
            for k, v in rm.items():
                if isinstance(v, Name):
                    self.role_map[k[1:]] = str(v)[1:]
        self.class_map = get(self.root, "/ClassMap") if self.root is not None else None
        self.elems = []
        if self.root is None:
            return
        seen = set()

        def kids_of(d):
            return [k for k in as_list(get(d, "/K")) if isinstance(k, Dictionary) and
                    nm(get(k, "/Type")) in (None, "StructElem")]

        # depth first, in /K order, each element once (as veraPDF's validator)
        stack = [(self.root, None, iter(kids_of(self.root)))]
        while stack:
            d, parent, it = stack[-1]
            kd = next(it, None)
            if kd is None:
                stack.pop()
                continue
            if key(kd) in seen:
                continue
            seen.add(key(kd))
            e = Elem(self, kd, len(self.elems))
            self.elems.append(e)
            if parent is not None:
                parent.kids.append(e)
            stack.append((kd, e, iter(kids_of(kd))))

    def standard(self, t):
        """veraPDF's TaggedPDFRoleMapHelper.getStandardType."""
        if t is None:
            return None
        visited = {t}
        res = self.role_map.get(t)
        if (self.fast_stop or res is None or res in visited) and t in self.std_set:
            return t
        while res is not None and res not in visited:
            if res in self.std_set:
                return res
            visited.add(res)
            res = self.role_map.get(res)
        return None

    def circular(self, t):
        if t is None:
            return False
        visited = {t}
        res = self.role_map.get(t)
        while res is not None:
            if res in visited:
                return True
            visited.add(res)
            res = self.role_map.get(res)
        return False

    def of_type(self, *types):
        return [e for e in self.elems if e.std in types]


class TableGrid:
    """veraPDF's GFSETable.checkTable: rows from TR kids and the TR kids of
    THead/TBody/TFoot; columns from the first row's ColSpans; the grid filled
    row by row until the first irregularity."""

    def __init__(self, table):
        self.table = table
        self.wrong_column_span_row = None
        self.wrong_row_span_column = None
        self.wrong_column_span = None
        self.intersections = set()      # element indexes
        self.connected = {}             # TD index -> (bool, unknown headers)
        rows = []
        for k in table.significant_kids():
            if k.std == "TR":
                rows.append(k)
            elif k.std in ("THead", "TBody", "TFoot"):
                rows.extend(c for c in k.significant_kids() if c.std == "TR")
        self.rows = rows
        nrows, r = 0, 0
        while r < len(rows):
            for c in rows[r].significant_kids():
                if c.std in ("TH", "TD"):
                    rs = c.rowspan()
                    nrows += rs
                    if rs > 1:
                        r += rs - 1
                    break
            r += 1
        self.nrows = nrows
        if nrows == 0:
            return
        ncols = sum(c.colspan() for c in rows[0].significant_kids() if c.std in ("TH", "TD"))
        self.ncols = ncols
        grid = [[None] * ncols for _ in range(nrows)]
        self.grid = grid
        self.regular = self._fill(rows, grid, nrows, ncols)
        if not self.regular:
            return
        ids = set()
        all_scoped = True
        for row in grid:
            for cell in row:
                if cell.std == "TH":
                    i = txt(get(cell.d, "/ID"))
                    if i:
                        ids.add(i)
                    if cell.attr("/Scope", "name") is None:
                        all_scoped = False
        if all_scoped:
            return
        self._headers(grid, ids, nrows, ncols)

    def _fill(self, rows, grid, nrows, ncols):
        self.pos = {}
        for rn, row in enumerate(rows):
            cn = 0
            for cell in row.significant_kids():
                if cell.std not in ("TD", "TH"):
                    continue
                cs, rs = cell.colspan(), cell.rowspan()
                while cn < ncols and grid[rn][cn] is not None:
                    cn += 1
                if cn + cs > ncols:
                    self.wrong_column_span_row = rn
                    return False
                if rn + rs > nrows:
                    self.wrong_row_span_column = cn
                    return False
                self.pos[cell.index] = (rn, cn)
                for i in range(rs):
                    for j in range(cs):
                        other = grid[rn + i][cn + j]
                        if other is not None:
                            self.intersections.add(cell.index)
                            self.intersections.add(other.index)
                            return False
                        grid[rn + i][cn + j] = cell
                cn += cs
        for rn in range(nrows):
            empty = sum(1 for c in grid[rn] if c is None)
            if empty:
                self.wrong_column_span_row = rn
                self.wrong_column_span = ncols - empty
                return False
        return True

    def _headers(self, grid, ids, nrows, ncols):
        def scoped(cell, value):
            if cell.std == "TH":
                sc = cell.attr("/Scope", "name")   # PDF/UA-1: no default scope
                return sc == "Both" or sc == value
            return False

        def found(rn, cn, rend, cend):
            if rn > 0:
                for c in range(cn, cend):
                    seen_th = False
                    for r in range(rn - 1, -1, -1):
                        if scoped(grid[r][c], "Column"):
                            return True
                        if grid[r][c].std == "TH":
                            seen_th = True
                        elif seen_th:
                            break
            if cn > 0:
                for r in range(rn, rend):
                    seen_th = False
                    for c in range(cn - 1, -1, -1):
                        if scoped(grid[r][c], "Row"):
                            return True
                        if grid[r][c].std == "TH":
                            seen_th = True
                        elif seen_th:
                            break
            return False
        for rn in range(nrows):
            for cn in range(ncols):
                cell = grid[rn][cn]
                if cell.std != "TD" or self.pos.get(cell.index) != (rn, cn):
                    continue
                hv = cell.attr("/Headers", "array")
                names = [str(x) for x in hv if isinstance(x, String)] if hv is not None else []
                ok = bool(names) and all(h in ids for h in names)
                if ok or found(rn, cn, rn + cell.rowspan(), cn + cell.colspan()):
                    self.connected[cell.index] = (True, "")
                    continue
                self.connected[cell.index] = (False, ",".join(h for h in names if h not in ids))
                return


# ---- XMP ----------------------------------------------------------------------------

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XMLNS = "http://www.w3.org/XML/1998/namespace"
NS_DC = "http://purl.org/dc/elements/1.1/"
NS_XMP = "http://ns.adobe.com/xap/1.0/"
NS_PDF = "http://ns.adobe.com/pdf/1.3/"
NS_RIGHTS = "http://ns.adobe.com/xap/1.0/rights/"
NS_MM = "http://ns.adobe.com/xap/1.0/mm/"
NS_PDFAID = "http://www.aiim.org/pdfa/ns/id/"
NS_PDFUAID = "http://www.aiim.org/pdfua/ns/id/"
NS_EXT = "http://www.aiim.org/pdfa/ns/extension/"
NS_SCHEMA = "http://www.aiim.org/pdfa/ns/schema#"
NS_PROPERTY = "http://www.aiim.org/pdfa/ns/property#"
NS_TYPE = "http://www.aiim.org/pdfa/ns/type#"
NS_FIELD = "http://www.aiim.org/pdfa/ns/field#"

# the properties of the XMP 2004 schemas vorlage could write, with their types
PREDEFINED = {
    NS_DC: {"contributor": "Bag", "coverage": "Text", "creator": "Seq", "date": "Seq",
            "description": "Lang Alt", "format": "Text", "identifier": "Text", "language": "Bag",
            "publisher": "Bag", "relation": "Bag", "rights": "Lang Alt", "source": "Text",
            "subject": "Bag", "title": "Lang Alt", "type": "Bag"},
    NS_XMP: {"Advisory": "Bag", "BaseURL": "Text", "CreateDate": "Date", "CreatorTool": "Text",
             "Identifier": "Bag", "MetadataDate": "Date", "ModifyDate": "Date", "Nickname": "Text",
             "Thumbnails": "Alt"},
    NS_RIGHTS: {"Certificate": "Text", "Marked": "Boolean", "Owner": "Bag", "UsageTerms": "Lang Alt",
                "WebStatement": "Text"},
    NS_MM: {"DerivedFrom": "Resource", "DocumentID": "Text", "History": "Seq", "InstanceID": "Text",
            "ManagedFrom": "Resource", "Manager": "Text", "ManageTo": "Text", "ManageUI": "Text",
            "ManagerVariant": "Text", "RenditionClass": "Text", "RenditionParams": "Text",
            "VersionID": "Text", "Versions": "Seq", "LastURL": "Text", "RenditionOf": "Resource",
            "SaveID": "Integer"},
    NS_PDF: {"Keywords": "Text", "PDFVersion": "Text", "Producer": "Text"},
    NS_PDFAID: {"part": "Integer", "conformance": "Text", "amd": "Text"},
    NS_EXT: {"schemas": "Bag"},
}
# other XMP 2004 namespaces: accepted without a property list
OTHER_PREDEFINED = {"http://ns.adobe.com/xap/1.0/bj/", "http://ns.adobe.com/xap/1.0/t/pg/",
                    "http://ns.adobe.com/photoshop/1.0/", "http://ns.adobe.com/camera-raw-settings/1.0/",
                    "http://ns.adobe.com/tiff/1.0/", "http://ns.adobe.com/exif/1.0/",
                    "http://ns.adobe.com/exif/1.0/aux/", "http://ns.adobe.com/xmp/1.0/DynamicMedia/"}
VALUE_TYPES = set("""Boolean Date Integer Real Text AgentName GUID Locale MIMEType ProperName
RenditionClass ResourceEvent ResourceRef URI URL Version XPath Rational Thumbnail Job Dimensions Font
Colorant Lang FrameCount FrameRate Time Timecode BeatSpliceStretch Marker Media ProjectLink ResampleStretch
TimeScaleStretch CFAPattern DeviceSettings Flash OECF/SFR""".split()) | {"Lang Alt", "Choice", "Closed Choice", "Open Choice"}
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$")


def elements_of(node):
    return [c for c in node.childNodes if c.nodeType == c.ELEMENT_NODE]


def text_of(node):
    return "".join(c.data for c in node.childNodes if c.nodeType in (c.TEXT_NODE, c.CDATA_SECTION_NODE))


class Prop:
    def __init__(self, ns, local, prefix, node=None, value=None):
        self.ns, self.local, self.prefix, self.node, self.value = ns, local, prefix, node, value

    def kind(self):
        """Text, Bag, Seq, Alt, Lang Alt, Resource or None (empty)."""
        if self.node is None:
            return "Text"
        kids = elements_of(self.node)
        if self.node.getAttributeNS(RDF, "parseType") == "Resource":
            return "Resource"
        if self.node.getAttributeNS(RDF, "resource"):
            return "URI"
        if not kids:
            return "Text"
        if len(kids) == 1 and kids[0].namespaceURI == RDF:
            k = kids[0].localName
            if k == "Alt":
                lis = [li for li in elements_of(kids[0])]
                if lis and all(li.getAttributeNS(XMLNS, "lang") for li in lis):
                    return "Lang Alt"
                return "Alt"
            if k in ("Bag", "Seq"):
                return k
            if k == "Description":
                return "Resource"
        return "Resource"

    def text(self):
        if self.node is None:
            return self.value
        if self.kind() == "Text":
            return text_of(self.node)
        return None

    def items(self):
        kids = elements_of(self.node) if self.node is not None else []
        if len(kids) == 1 and kids[0].namespaceURI == RDF and kids[0].localName in ("Alt", "Bag", "Seq"):
            return [li for li in elements_of(kids[0]) if li.namespaceURI == RDF and li.localName == "li"]
        return []

    def lang_alt(self, lang="x-default"):
        items = self.items()
        for li in items:
            if li.getAttributeNS(XMLNS, "lang") == lang:
                return text_of(li)
        return None


def resource_fields(node):
    """The fields of an rdf:li / property with rdf:parseType="Resource" or a
    nested rdf:Description: [(ns, local, prefix, element)]."""
    out = []
    if node.getAttributeNS(RDF, "parseType") == "Resource":
        kids = elements_of(node)
    else:
        descs = [k for k in elements_of(node) if k.namespaceURI == RDF and k.localName == "Description"]
        kids = elements_of(descs[0]) if descs else elements_of(node)
    for k in kids:
        out.append((k.namespaceURI, k.localName, k.prefix, k))
    return out


class XMP:
    def __init__(self, data):
        self.data = data
        self.ok = False
        self.error = None
        self.props = []
        self.packet_attrs = {}
        m = re.search(rb"<\?xpacket\s+begin\s*=(.*?)\?>", data or b"", re.S)
        if m:
            for a in re.finditer(rb"(\w+)\s*=\s*(['\"])(.*?)\2", b"begin=" + m.group(1), re.S):
                self.packet_attrs[a.group(1).decode()] = a.group(3)
        try:
            self.dom = minidom.parseString(data)
        except Exception as e:   # expat errors
            self.error = "not well-formed XML: %s" % e
            return
        rdfs = self.dom.getElementsByTagNameNS(RDF, "RDF")
        root = self.dom.documentElement
        if not rdfs:
            self.error = "no rdf:RDF element"
            return
        if not ((root.namespaceURI == "adobe:ns:meta/" and root.localName == "xmpmeta") or root is rdfs[0]):
            self.error = "the root is %s, not x:xmpmeta or rdf:RDF" % root.tagName
            return
        for desc in elements_of(rdfs[0]):
            if desc.namespaceURI != RDF or desc.localName != "Description":
                self.error = "rdf:RDF holds %s, not rdf:Description" % desc.tagName
                return
            for i in range(desc.attributes.length):
                a = desc.attributes.item(i)
                if a.namespaceURI in (RDF, "http://www.w3.org/2000/xmlns/") or a.prefix in ("xmlns",) \
                        or a.name == "xmlns" or a.namespaceURI == XMLNS:
                    continue
                self.props.append(Prop(a.namespaceURI, a.localName, a.prefix, value=a.value))
            for k in elements_of(desc):
                self.props.append(Prop(k.namespaceURI, k.localName, k.prefix, node=k))
        self.ok = True

    def find(self, ns, local):
        for p in self.props:
            if p.ns == ns and p.local == local:
                return p
        return None

    def in_ns(self, ns):
        return [p for p in self.props if p.ns == ns]

    def extension_schemas(self):
        """[(schema fields, properties [fields], value types [fields, fields of fields])]"""
        out = []
        for p in self.props:
            if p.ns == NS_EXT and p.local == "schemas":
                for li in p.items():
                    out.append(li)
        return out


# ---- the document ---------------------------------------------------------------------

class Doc:
    def __init__(self, path):
        self.path = path
        with open(path, "rb") as f:
            self.bytes = f.read()
        self.pdf = pikepdf.open(path)
        self.root = self.pdf.Root
        self.extgstates = {}
        self._cache = {}

    def lazy(self, name, fn):
        if name not in self._cache:
            self._cache[name] = fn()
        return self._cache[name]

    @property
    def raw(self):
        return self.lazy("raw", lambda: RawFile(self.bytes))

    @property
    def content(self):
        return self.lazy("content", lambda: Content(self))

    def tree(self, profile):
        if profile == "ua":
            return self.lazy("tree-ua", lambda: StructTree(self, STD_17, False))
        return self.lazy("tree-a1a", lambda: StructTree(self, STD_14, True))

    @property
    def xmp(self):
        def load():
            m = get(self.root, "/Metadata")
            return XMP(read_stream(m)) if isinstance(m, Stream) else None
        return self.lazy("xmp", load)

    @property
    def catalog_lang(self):
        """veraPDF's gContainsCatalogLang."""
        return isinstance(get(self.root, "/Lang"), String)

    @property
    def struct_root(self):
        r = get(self.root, "/StructTreeRoot")
        return r if isinstance(r, Dictionary) else None

    @property
    def parent_tree(self):
        def load():
            r = self.struct_root
            return number_tree(get(r, "/ParentTree")) if r is not None else {}
        return self.lazy("parent-tree", load)

    def parent_tree_mcid(self, struct_parents, mcid):
        if struct_parents is None:
            return None
        arr = self.parent_tree.get(struct_parents)
        if isinstance(arr, Array) and 0 <= mcid < len(arr) and isinstance(arr[mcid], Dictionary):
            return arr[mcid]
        return None

    def struct_parent(self, annot):
        sp = get(annot, "/StructParent")
        if not is_int(sp):
            return None
        e = self.parent_tree.get(int(sp))
        return e if isinstance(e, Dictionary) else None

    def reaches_root(self, e):
        seen = set()
        while isinstance(e, Dictionary) and key(e) not in seen:
            if nm(get(e, "/Type")) == "StructTreeRoot":
                return True
            seen.add(key(e))
            e = get(e, "/P")
        return False

    # -- pages and annotations
    @property
    def annots(self):
        def load():
            out = []
            for i, page in enumerate(self.pdf.pages):
                for j, a in enumerate(as_list(get(page.obj, "/Annots"))):
                    if isinstance(a, Dictionary):
                        out.append((a, page, "page %d annotation %d (%s)" % (i + 1, j + 1, nm(get(a, "/Subtype")))))
            return out
        return self.lazy("annots", load)

    def crop_box(self, page):
        o = page.obj
        seen = set()
        box = None
        while isinstance(o, Dictionary) and key(o) not in seen:
            seen.add(key(o))
            for k in ("/CropBox", "/MediaBox"):
                if box is None and isinstance(get(o, k), Array):
                    box = [float(num(x) or 0) for x in get(o, k)]
            if box is not None:
                break
            o = get(o, "/Parent")
        return box or [0, 0, 612, 792]

    def outside_crop(self, a, page):
        r = get(a, "/Rect")
        if not isinstance(r, Array) or len(r) < 4:
            return None
        r = [float(num(x) or 0) for x in r]
        c = self.crop_box(page)
        return c[1] >= r[3] or c[0] >= r[2] or c[3] <= r[1] or c[2] <= r[0]

    @staticmethod
    def hidden(a):
        f = get(a, "/F")
        return is_int(f) and (int(f) & 2) == 2

    # -- every resource dictionary reachable from pages, forms, patterns, appearances
    @property
    def resources(self):
        def load():
            out, seen = [], set()

            def res(r, where):
                if not isinstance(r, Dictionary) or key(r) in seen:
                    return
                seen.add(key(r))
                out.append((r, where))
                for cat in ("/XObject", "/Pattern"):
                    d = get(r, cat)
                    if isinstance(d, Dictionary):
                        for k, x in d.items():
                            if isinstance(x, (Stream, Dictionary)):
                                res(get(x, "/Resources"), "%s %s %s" % (where, cat[1:], k))
                d = get(r, "/Font")
                if isinstance(d, Dictionary):
                    for k, f in d.items():
                        if isinstance(f, Dictionary) and nm(get(f, "/Subtype")) == "Type3":
                            res(get(f, "/Resources"), "%s Type3 font %s" % (where, k))
            for i, page in enumerate(self.pdf.pages):
                o, r = page.obj, None
                s2 = set()
                while isinstance(o, Dictionary) and key(o) not in s2 and r is None:
                    s2.add(key(o))
                    r = get(o, "/Resources")
                    o = get(o, "/Parent")
                res(r, "page %d" % (i + 1))
            for a, page, where in self.annots:
                ap = get(a, "/AP")
                if isinstance(ap, Dictionary):
                    for v in dvalues(ap):
                        streams = [v] if isinstance(v, Stream) else \
                            [x for x in dvalues(v) if isinstance(x, Stream)] if isinstance(v, Dictionary) else []
                        for s in streams:
                            res(get(s, "/Resources"), where + " appearance")
            form = get(self.root, "/AcroForm")
            if isinstance(form, Dictionary):
                res(get(form, "/DR"), "AcroForm /DR")
            return out
        return self.lazy("resources", load)

    def resource_items(self, cat):
        out, seen = [], set()
        for r, where in self.resources:
            d = get(r, cat)
            if isinstance(d, Dictionary):
                for k, v in d.items():
                    if isinstance(v, (Dictionary, Stream, Array)) and key(v) not in seen:
                        seen.add(key(v))
                        out.append((v, "%s %s %s" % (where, cat[1:], k)))
        return out

    @property
    def fonts(self):
        """Every font of the resources (Type0 fonts with their descendants)
        as Font objects shared with the content walk."""
        def load():
            c = self.content
            out = []
            seen = set()
            for f, where in self.resource_items("/Font"):
                if key(f) in seen:
                    continue
                seen.add(key(f))
                out.append((c.font(f), where))
            for k, f in c.fonts.items():
                if k not in seen:
                    seen.add(k)
                    out.append((f, "content"))
            return out
        return self.lazy("fonts", load)

    def all_fonts(self):
        """Fonts and descendant CIDFonts, each as a PDFont of veraPDF."""
        out = []
        for f, where in self.fonts:
            out.append((f, where))
            if f.descendant is not None:
                out.append((f.descendant, where + " descendant"))
        return out

    @property
    def xobjects(self):
        def load():
            out, seen = [], set()
            for x, where in self.resource_items("/XObject"):
                seen.add(key(x))
                out.append((x, where))
            for k, (x, where) in self.content.xobjects.items():
                if k not in seen:
                    out.append((x, where))
            return out
        return self.lazy("xobjects", load)

    def ext_gstates(self):
        out = list(self.resource_items("/ExtGState"))
        seen = {key(g) for g, _ in out}
        self.content
        for k, (g, where) in self.extgstates.items():
            if k not in seen:
                out.append((g, where))
        return out

    # -- every object, for the Cos-level rules
    def walk_objects(self):
        """Yields (object, where) for every indirect object and every direct
        object inside one."""
        containers = (OT.dictionary, OT.array, OT.stream)

        def inner(o, where, depth):
            yield o, where
            tc = getattr(o, "_type_code", None)
            if depth > 50:
                return
            if tc == OT.stream:
                children = dvalues(o.stream_dict)
            elif tc == OT.dictionary:
                children = dvalues(o)
            elif tc == OT.array:
                children = list(o)
            else:
                return
            for c in children:
                ct = getattr(c, "_type_code", None)
                if ct in containers:
                    if not c.is_indirect:
                        yield from inner(c, where, depth + 1)
                elif ct == OT.string:
                    yield c, where
        for o in self.pdf.objects:
            if getattr(o, "_type_code", None) not in containers + (OT.string,):
                continue
            w = oid(o)
            yield from inner(o, w, 0)
        yield from inner(self.pdf.trailer, "trailer", 0)

    @property
    def dicts(self):
        def load():
            return [(o, w) for o, w in self.walk_objects() if isinstance(o, (Dictionary, Stream))]
        return self.lazy("dicts", load)

    # -- actions, fields, widgets
    @property
    def actions(self):
        def load():
            out, seen = [], set()

            def add(a, where):
                while isinstance(a, Dictionary) and key(a) not in seen:
                    seen.add(key(a))
                    out.append((a, where))
                    nx = get(a, "/Next")
                    if isinstance(nx, Array):
                        for x in nx:
                            add(x, where + " /Next")
                        break
                    a = nx

            def aa(d, where):
                v = get(d, "/AA")
                if isinstance(v, Dictionary):
                    for k, x in v.items():
                        add(x, "%s /AA %s" % (where, k))
            oa = get(self.root, "/OpenAction")
            if isinstance(oa, Dictionary):
                add(oa, "catalog /OpenAction")
            aa(self.root, "catalog")
            for i, page in enumerate(self.pdf.pages):
                aa(page.obj, "page %d" % (i + 1))
            for a, page, where in self.annots:
                add(get(a, "/A"), where + " /A")
                aa(a, where)
            for o, where in self.outline_items:
                add(get(o, "/A"), where + " /A")
            for f, where in self.fields:
                aa(f, where)
            return out
        return self.lazy("actions", load)

    @property
    def outline_items(self):
        def load():
            out, seen = [], set()
            ol = get(self.root, "/Outlines")
            stack = [get(ol, "/First")] if isinstance(ol, Dictionary) else []
            while stack:
                o = stack.pop()
                while isinstance(o, Dictionary) and key(o) not in seen:
                    seen.add(key(o))
                    out.append((o, "outline item %r" % txt(get(o, "/Title"))))
                    if isinstance(get(o, "/First"), Dictionary):
                        stack.append(get(o, "/First"))
                    o = get(o, "/Next")
            return out
        return self.lazy("outlines", load)

    @property
    def fields(self):
        def load():
            out, seen = [], set()
            form = get(self.root, "/AcroForm")
            stack = list(as_list(get(form, "/Fields"))) if isinstance(form, Dictionary) else []
            while stack:
                f = stack.pop()
                if not isinstance(f, Dictionary) or key(f) in seen:
                    continue
                seen.add(key(f))
                out.append((f, "form field %r" % txt(get(f, "/T"))))
                stack.extend(as_list(get(f, "/Kids")))
            return out
        return self.lazy("fields", load)

    def field_value(self, d, k):
        seen = set()
        while isinstance(d, Dictionary) and key(d) not in seen:
            seen.add(key(d))
            v = get(d, k)
            if v is not None:
                return v
            d = get(d, "/Parent")
        return None


# ---- the rules ------------------------------------------------------------------------

CHECKS = {}


def rule(*ids):
    def deco(fn):
        for i in ids:
            assert i not in CHECKS, i
            CHECKS[i] = fn
        return fn
    return deco


def profile_of(rule_id):
    return "a1a" if ROWS_BY_RULE[rule_id].profile == "a1a" else "ua"


# -- metadata identification (5-x, 6.7.11-x)

@rule("5-1", "6.7.11-1")
def r_identification(doc, rid):
    x = doc.xmp
    if x is None or not x.ok:
        return []   # no MainXMPPackage: 7.1-8 / 6.7.2-1 / 6.7.9-1 judge
    ns = NS_PDFUAID if rid == "5-1" else NS_PDFAID
    return [] if x.in_ns(ns) else ["no %s property in the metadata" % ("pdfuaid" if rid == "5-1" else "pdfaid")]


def ident_prop(doc, ns, local):
    x = doc.xmp
    if x is None or not x.ok or not x.in_ns(ns):
        return False, None
    return True, x.find(ns, local)


@rule("5-2", "6.7.11-2")
def r_part(doc, rid):
    present, p = ident_prop(doc, NS_PDFUAID if rid == "5-2" else NS_PDFAID, "part")
    if not present:
        return []
    v = p.text() if p is not None else None
    return [] if v is not None and v.strip() == "1" else ["part is %r" % v]


@rule("6.7.11-3")
def r_conformance(doc, rid):
    present, p = ident_prop(doc, NS_PDFAID, "conformance")
    if not present:
        return []
    v = p.text() if p is not None else None
    return [] if v is not None and v.strip() == "A" else ["conformance is %r" % v]


@rule("5-3", "5-4", "5-5", "6.7.11-4", "6.7.11-5", "6.7.11-6")
def r_ident_prefix(doc, rid):
    ns, want, local = {
        "5-3": (NS_PDFUAID, "pdfuaid", "part"), "5-4": (NS_PDFUAID, "pdfuaid", "amd"),
        "5-5": (NS_PDFUAID, "pdfuaid", "corr"), "6.7.11-4": (NS_PDFAID, "pdfaid", "part"),
        "6.7.11-5": (NS_PDFAID, "pdfaid", "conformance"), "6.7.11-6": (NS_PDFAID, "pdfaid", "amd")}[rid]
    present, p = ident_prop(doc, ns, local)
    if not present or p is None:
        return []
    return [] if p.prefix == want else ["%s:%s written with the prefix %r" % (want, local, p.prefix)]


# -- file structure

@rule("6.1-1")
def r_header_ua(doc, rid):
    h = doc.raw.header
    return [] if re.match(r"^%PDF-1\.[0-7]$", h) else ["header %r" % h]


@rule("6.1.2-1")
def r_header(doc, rid):
    r = doc.raw
    if r.header_offset == 0 and re.search(r"%PDF-\d\.\d", r.header):
        return []
    return ["header %r at offset %d" % (r.header, r.header_offset)]


@rule("6.1.2-2")
def r_header_comment(doc, rid):
    c = doc.raw.comment
    if len(c) >= 5 and all(b > 127 for b in c[1:5]):
        return []
    return ["second line %r" % c]


def last_trailer(doc):
    r = doc.raw
    if r.trailers:
        return r.trailers[-1]
    for o in reversed(r.objects):
        if isinstance(o.value, dict) and o.value.get(b"Type") == RName(b"XRef", b"XRef"):
            return o.value
    return {}


def linearized(doc):
    r = doc.raw
    return bool(r.objects) and isinstance(r.objects[0].value, dict) and b"Linearized" in r.objects[0].value


@rule("6.1.3-1")
def r_trailer_id(doc, rid):
    if linearized(doc):
        t = doc.raw.trailers[0] if doc.raw.trailers else {}
        return [] if t.get(b"ID") is not None else ["the first page trailer has no /ID"]
    return [] if last_trailer(doc).get(b"ID") is not None else ["the last trailer has no /ID"]


@rule("6.1.3-2")
def r_no_encrypt(doc, rid):
    enc = any(b"Encrypt" in t for t in doc.raw.trailers) or b"Encrypt" in last_trailer(doc) or doc.pdf.is_encrypted
    return ["the trailer has /Encrypt"] if enc else []


@rule("6.1.3-3")
def r_post_eof(doc, rid):
    p = doc.raw.post_eof
    if p is None:
        return ["no %%EOF"]
    return [] if p == 0 else ["%d bytes after the last %%%%EOF" % p]


@rule("6.1.3-4")
def r_linearized_id(doc, rid):
    if not linearized(doc) or not doc.raw.trailers:
        return []
    a, b = doc.raw.trailers[0].get(b"ID"), last_trailer(doc).get(b"ID")
    if a is None or b is None:
        return []
    return [] if repr(a) == repr(b) else ["first page /ID differs from the last trailer's"]


@rule("6.1.4-1")
def r_xref_space(doc, rid):
    return ["xref at offset %d" % x["offset"] for x in doc.raw.xrefs if not x["space_ok"]]


@rule("6.1.4-2")
def r_xref_eol(doc, rid):
    return ["xref at offset %d" % x["offset"] for x in doc.raw.xrefs if not x["eol_ok"]]


@rule("6.1.4-3")
def r_xref_stream(doc, rid):
    return ["a cross-reference stream"] if doc.raw.xref_stream else []


@rule("6.1.6-1")
def r_hex_even(doc, rid):
    return ["%s: %d digits" % (w, n) for w, n, _ in doc.raw.hex_strings if n % 2]


@rule("6.1.6-2")
def r_hex_digits(doc, rid):
    return [w for w, _, ok in doc.raw.hex_strings if not ok]


@rule("6.1.7-1")
def r_stream_length(doc, rid):
    return ["object %d %d: /Length %s, %s bytes" % (o.num, o.gen, o.length_value, o.real_length)
            for o in doc.raw.objects if o.stream and not o.length_ok]


@rule("6.1.7-2")
def r_stream_eol(doc, rid):
    out = []
    for o in doc.raw.objects:
        if o.stream and not o.stream_kw_ok:
            out.append("object %d %d: stream not followed by CRLF or LF" % (o.num, o.gen))
        if o.stream and not o.endstream_ok:
            out.append("object %d %d: endstream not preceded by an EOL" % (o.num, o.gen))
    return out


@rule("6.1.7-3")
def r_stream_f(doc, rid):
    return ["%s has %s" % (w, k) for o, w in doc.dicts if isinstance(o, Stream)
            for k in ("/F", "/FFilter", "/FDecodeParms") if k in o.stream_dict]


@rule("6.1.8-1")
def r_obj_spacing(doc, rid):
    return ["object %d %d" % (o.num, o.gen) for o in doc.raw.objects
            if not (o.header_ok and o.format_ok and o.end_ok)]


def filters(o):
    f = get(o, "/Filter")
    return [nm(x) for x in as_list(f)]


@rule("6.1.10-1")
def r_lzw(doc, rid):
    return [w for o, w in doc.dicts if isinstance(o, Stream) and "LZWDecode" in filters(o)]


@rule("6.1.10-2")
def r_lzw_inline(doc, rid):
    out = []
    for w, im in doc.content.inline_images:
        f = as_list(im.obj.get("/F", im.obj.get("/Filter")))
        if any(nm(x) in ("LZWDecode", "LZW") for x in f):
            out.append(w)
    return out


def file_specs(doc):
    return [(o, w) for o, w in doc.dicts if isinstance(o, Dictionary) and not isinstance(o, Stream)
            and (nm(get(o, "/Type")) == "Filespec" or "/EF" in o)]


@rule("6.1.11-1")
def r_ef(doc, rid):
    return [w for o, w in file_specs(doc) if "/EF" in o]


@rule("7.11-1")
def r_ef_ua(doc, rid):
    out = []
    for o, w in file_specs(doc):
        if "/EF" in o and not (txt(get(o, "/F")) and txt(get(o, "/UF"))):
            out.append(w)
    return out


@rule("6.1.11-2")
def r_embedded_files(doc, rid):
    names = get(doc.root, "/Names")
    return ["catalog /Names has /EmbeddedFiles"] if isinstance(names, Dictionary) and "/EmbeddedFiles" in names else []


@rule("6.1.12-1")
def r_int_range(doc, rid):
    return ["%s: %d" % x for x in doc.raw.ints + doc.content.bad_ints]


@rule("6.1.12-2")
def r_real_range(doc, rid):
    return ["%s: %g" % x for x in doc.raw.reals + doc.content.bad_reals]


@rule("6.1.12-3")
def r_string_len(doc, rid):
    out = ["%s: %d bytes" % (w, len(bytes(o))) for o, w in doc.walk_objects()
           if isinstance(o, String) and len(bytes(o)) > 65535]
    return out + ["%s: %d bytes" % x for x in doc.content.long_strings]


@rule("6.1.12-4")
def r_name_len(doc, rid):
    return ["%s: %d bytes" % x for x in doc.raw.long_names + doc.content.long_names]


@rule("6.1.12-5")
def r_array_len(doc, rid):
    out = ["%s: %d elements" % (w, len(o)) for o, w in doc.walk_objects()
           if isinstance(o, Array) and len(o) > 8191]
    return out + ["%s: %d elements" % x for x in doc.content.big_arrays]


@rule("6.1.12-6")
def r_dict_len(doc, rid):
    out = []
    for o, w in doc.dicts:
        n = len(o.stream_dict.keys()) if isinstance(o, Stream) else len(o.keys())
        if n > 4095:
            out.append("%s: %d entries" % (w, n))
    return out


@rule("6.1.12-7")
def r_indirects(doc, rid):
    n = len(doc.raw.objects) or len(doc.pdf.objects)
    return [] if n <= 8388607 else ["%d indirect objects" % n]


@rule("6.1.12-8")
def r_q_depth(doc, rid):
    return ["%s: depth %d" % x for x in doc.content.deep_q]


def colour_space_arrays(doc):
    out = list(doc.content.colour_spaces)
    for cs, w in doc.resource_items("/ColorSpace"):
        out.append((cs, w))
    for x, w in doc.xobjects:
        cs = get(x, "/ColorSpace")
        if isinstance(cs, Array):
            out.append((cs, w))
    seen, res = set(), []
    stack = list(out)
    while stack:
        cs, w = stack.pop()
        if not isinstance(cs, Array) or key(cs) in seen and cs.is_indirect:
            continue
        if cs.is_indirect:
            seen.add(key(cs))
        res.append((cs, w))
        fam = nm(cs[0]) if len(cs) else None
        if fam == "Indexed" and len(cs) > 1:
            stack.append((cs[1], w))
        elif fam in ("Separation", "DeviceN") and len(cs) > 2:
            stack.append((cs[2], w))
    return res


@rule("6.1.12-9")
def r_devicen(doc, rid):
    return ["%s: %d components" % (w, len(cs[1])) for cs, w in colour_space_arrays(doc)
            if nm(cs[0]) == "DeviceN" and len(cs) > 1 and isinstance(cs[1], Array) and len(cs[1]) > 8]


def embedded_cmaps(doc):
    out = []
    for f, w in doc.used_fonts():
        if f.subtype == "Type0" and f.cmap_stream is not None:
            out.append((f.cmap_stream, "%s (%s)" % (w, f.name())))
    return out


@rule("6.1.12-10")
def r_max_cid(doc, rid):
    out = []
    for s, w in embedded_cmaps(doc):
        data = read_stream(s) or b""
        mx = 0
        for block in re.findall(rb"begincidrange(.*?)endcidrange", data, re.S):
            for m in re.finditer(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\d+)", block):
                mx = max(mx, int(m.group(3)) + int(m.group(2), 16) - int(m.group(1), 16))
        for block in re.findall(rb"begincidchar(.*?)endcidchar", data, re.S):
            for m in re.finditer(rb"<([0-9A-Fa-f]+)>\s*(\d+)", block):
                mx = max(mx, int(m.group(2)))
        if mx > 65535:
            out.append("%s: CID %d" % (w, mx))
    return out


@rule("6.1.13-1")
def r_ocproperties(doc, rid):
    return ["the catalog has /OCProperties"] if "/OCProperties" in doc.root else []


def oc_configs(doc):
    oc = get(doc.root, "/OCProperties")
    if not isinstance(oc, Dictionary):
        return []
    out = []
    if isinstance(get(oc, "/D"), Dictionary):
        out.append((get(oc, "/D"), "/OCProperties /D"))
    for i, c in enumerate(as_list(get(oc, "/Configs"))):
        if isinstance(c, Dictionary):
            out.append((c, "/OCProperties /Configs %d" % i))
    return out


@rule("7.10-1")
def r_oc_name(doc, rid):
    return [w for c, w in oc_configs(doc) if not txt(get(c, "/Name"))]


@rule("7.10-2")
def r_oc_as(doc, rid):
    return [w for c, w in oc_configs(doc) if "/AS" in c]


# -- the catalog

@rule("6.2-1", "6.8.2.2-1")
def r_marked(doc, rid):
    mi = get(doc.root, "/MarkInfo")
    if isinstance(mi, Dictionary) and get(mi, "/Marked") is True:
        return []
    return ["/MarkInfo %s" % ("missing" if mi is None else "without /Marked true")]


@rule("7.1-4")
def r_suspects(doc, rid):
    mi = get(doc.root, "/MarkInfo")
    return ["/MarkInfo /Suspects true"] if isinstance(mi, Dictionary) and get(mi, "/Suspects") is True else []


@rule("7.1-8", "6.7.2-1")
def r_metadata(doc, rid):
    m = get(doc.root, "/Metadata")
    if isinstance(m, Stream) and nm(get(m, "/Type")) == "Metadata" and nm(get(m, "/Subtype")) == "XML":
        return []
    return ["catalog /Metadata %s" % ("missing" if m is None else "without /Type /Metadata /Subtype /XML")]


@rule("6.7.2-2")
def r_metadata_filter(doc, rid):
    m = get(doc.root, "/Metadata")
    return ["the catalog's metadata stream has /Filter"] if isinstance(m, Stream) and "/Filter" in m.stream_dict else []


@rule("7.1-9")
def r_dc_title(doc, rid):
    x = doc.xmp
    if x is None or not x.ok:
        return []
    return [] if x.find(NS_DC, "title") is not None else ["no dc:title"]


@rule("7.1-10")
def r_display_doc_title(doc, rid):
    vp = get(doc.root, "/ViewerPreferences")
    if isinstance(vp, Dictionary) and get(vp, "/DisplayDocTitle") is True:
        return []
    return ["/ViewerPreferences %s" % ("missing" if vp is None else "without /DisplayDocTitle true")]


@rule("7.1-11", "6.8.3.3-1")
def r_struct_tree_root(doc, rid):
    return [] if doc.struct_root is not None else ["no /StructTreeRoot"]


@rule("6.6.2-3")
def r_catalog_aa(doc, rid):
    return ["the catalog has /AA"] if "/AA" in doc.root else []


@rule("7.2-2")
def r_outline_lang(doc, rid):
    if doc.catalog_lang:
        return []
    return [w for o, w in doc.outline_items]


# -- structure: role mapping, parents, kids

def ua_tree(doc):
    return doc.tree("ua")


@rule("7.1-5", "6.8.3.4-1")
def r_non_standard(doc, rid):
    t = doc.tree(profile_of(rid))
    return [e.where for e in t.elems if e.s not in t.std_set and t.standard(e.s) is None]


@rule("7.1-6")
def r_circular(doc, rid):
    t = ua_tree(doc)
    return [e.where for e in t.elems if t.circular(e.s)]


@rule("6.8.3.4-2")
def r_circular_a1(doc, rid):
    t = doc.tree("a1a")
    return [e.where for e in t.elems if e.s not in t.std_set and t.circular(e.s)]


@rule("7.1-7")
def r_remapped(doc, rid):
    t = ua_tree(doc)
    out = []
    for e in t.elems:
        if e.s in t.std_set:
            if e.std != e.s:
                out.append("%s mapped to %s" % (e.where, e.std))
        elif e.std is not None and t.standard(e.std) != e.std:
            out.append("%s: its standard type %s is remapped" % (e.where, e.std))
    return out


@rule("7.1-12")
def r_parent(doc, rid):
    return [e.where for e in ua_tree(doc).elems if get(e.d, "/P") is None]


PARENT_RULES = {
    "7.2-4": ("TR", ("Table", "THead", "TBody", "TFoot")), "7.2-5": ("THead", ("Table",)),
    "7.2-6": ("TBody", ("Table",)), "7.2-7": ("TFoot", ("Table",)), "7.2-8": ("TH", ("TR",)),
    "7.2-9": ("TD", ("TR",)), "7.2-17": ("LI", ("L",)), "7.2-18": ("LBody", ("LI",)),
    "7.2-26": ("TOCI", ("TOC",)),
}


@rule(*PARENT_RULES)
def r_parent_type(doc, rid):
    of, types = PARENT_RULES[rid]
    return ["%s in %s" % (e.where, e.parent_standard_type()) for e in ua_tree(doc).of_type(of)
            if e.parent_standard_type() not in types]


KIDS_RULES = {
    "7.2-3": ("Table", {"TR", "THead", "TBody", "TFoot", "Caption"}),
    "7.2-10": ("TR", {"TH", "TD"}), "7.2-19": ("L", {"L", "LI", "Caption"}),
    "7.2-20": ("LI", {"Lbl", "LBody"}), "7.2-27": ("TOC", {"TOC", "TOCI", "Caption"}),
    "7.2-36": ("THead", {"TR"}), "7.2-37": ("TBody", {"TR"}), "7.2-38": ("TFoot", {"TR"}),
}


@rule(*KIDS_RULES)
def r_kid_types(doc, rid):
    of, allowed = KIDS_RULES[rid]
    out = []
    for e in ua_tree(doc).of_type(of):
        bad = [t for t in e.kid_types() if t not in allowed]
        if bad:
            out.append("%s holds %s" % (e.where, ", ".join(sorted(set(bad)))))
    return out


COUNT_RULES = {"7.2-11": ("THead", 1), "7.2-12": ("TFoot", 1), "7.2-39": ("Caption", 1)}


@rule(*COUNT_RULES)
def r_kid_count(doc, rid):
    of, most = COUNT_RULES[rid]
    return ["%s has %d %s" % (e.where, e.kid_types().count(of), of) for e in ua_tree(doc).of_type("Table")
            if e.kid_types().count(of) > most]


@rule("7.2-13", "7.2-14")
def r_table_body(doc, rid):
    part = "TFoot" if rid == "7.2-13" else "THead"
    return [e.where for e in ua_tree(doc).of_type("Table")
            if part in e.kid_types() and "TBody" not in e.kid_types()]


@rule("7.2-16")
def r_table_caption(doc, rid):
    return [e.where for e in ua_tree(doc).of_type("Table") if "Caption" in e.kid_types()[1:-1]]


@rule("7.2-28", "7.2-40")
def r_caption_first(doc, rid):
    of = "TOC" if rid == "7.2-28" else "L"
    return [e.where for e in ua_tree(doc).of_type(of) if "Caption" in e.kid_types()[1:]]


@rule("7.4.4-1")
def r_one_h(doc, rid):
    return [e.where for e in ua_tree(doc).elems if e.kid_types().count("H") > 1]


HN = ("H1", "H2", "H3", "H4", "H5", "H6")


@rule("7.4.2-1")
def r_heading_levels(doc, rid):
    out, last = [], 0
    for e in ua_tree(doc).of_type(*HN):
        level = int(e.std[1])
        if level > last + 1:
            out.append("%s after H%d" % (e.where, last) if last else "%s is the first heading" % e.where)
        last = level
    return out


@rule("7.4.4-2", "7.4.4-3")
def r_h_and_hn(doc, rid):
    out, used_h, used_hn = [], False, False
    for e in ua_tree(doc).elems:
        if e.std == "H":
            if used_hn and rid == "7.4.4-2":
                out.append(e.where)
            used_h = True
        elif e.std in HN:
            if used_h and rid == "7.4.4-3":
                out.append(e.where)
            used_hn = True
    return out


# -- tables

def grids(doc):
    def load():
        return {e.index: TableGrid(e) for e in ua_tree(doc).of_type("Table")}
    return doc.lazy("grids", load)


@rule("7.2-15")
def r_intersect(doc, rid):
    cells = set()
    for g in grids(doc).values():
        cells |= g.intersections
    t = ua_tree(doc)
    return [t.elems[i].where for i in sorted(cells) if t.elems[i].std in ("TH", "TD")]


@rule("7.2-41", "7.2-42", "7.2-43")
def r_regular(doc, rid):
    out = []
    for g in grids(doc).values():
        if rid == "7.2-41" and g.wrong_row_span_column is not None:
            out.append("%s: column %d spans past the last row" % (g.table.where, g.wrong_row_span_column))
        if rid == "7.2-42" and g.wrong_column_span_row is not None and g.wrong_column_span is None:
            out.append("%s: row %d spans past the %d columns of the first row"
                       % (g.table.where, g.wrong_column_span_row, g.ncols))
        if rid == "7.2-43" and g.wrong_column_span_row is not None and g.wrong_column_span is not None:
            out.append("%s: row %d fills %d of %d columns" % (g.table.where, g.wrong_column_span_row,
                                                              g.wrong_column_span, g.ncols))
    return out


@rule("7.5-1", "7.5-2")
def r_headers(doc, rid):
    out = []
    t = ua_tree(doc)
    for g in grids(doc).values():
        for i, (ok, unknown) in g.connected.items():
            if ok:
                continue
            if rid == "7.5-1" and unknown == "":
                out.append("%s in %s" % (t.elems[i].where, g.table.where))
            if rid == "7.5-2" and unknown != "":
                out.append("%s names %s" % (t.elems[i].where, unknown))
    return out


# -- alternative descriptions, IDs, languages of structure elements

@rule("7.3-1", "7.7-1")
def r_alt(doc, rid):
    of = "Figure" if rid == "7.3-1" else "Formula"
    return [e.where for e in ua_tree(doc).of_type(of)
            if not txt(get(e.d, "/Alt")) and txt(get(e.d, "/ActualText")) is None]


@rule("7.9-1")
def r_note_id(doc, rid):
    return [e.where for e in ua_tree(doc).of_type("Note") if not txt(get(e.d, "/ID"))]


@rule("7.9-2")
def r_note_id_unique(doc, rid):
    seen, out = set(), []
    for e in ua_tree(doc).of_type("Note"):
        i = txt(get(e.d, "/ID"))
        if i is None:
            continue
        if i in seen:
            out.append("%s: ID %r" % (e.where, i))
        seen.add(i)
    return out


def parent_lang(e):
    p = get(e.d, "/P")
    seen = {key(e.d)}
    while isinstance(p, Dictionary) and key(p) not in seen:
        seen.add(key(p))
        if isinstance(get(p, "/Lang"), String):
            return txt(get(p, "/Lang"))
        p = get(p, "/P")
    return None


@rule("7.2-21", "7.2-22", "7.2-23")
def r_elem_lang(doc, rid):
    k = {"7.2-21": "/ActualText", "7.2-22": "/Alt", "7.2-23": "/E"}[rid]
    if doc.catalog_lang:
        return []
    return [e.where for e in ua_tree(doc).elems if txt(get(e.d, k)) is not None
            and not isinstance(get(e.d, "/Lang"), String) and parent_lang(e) is None]


LANG_UA = re.compile(r"^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$")
LANG_A1 = re.compile(r"^[a-zA-Z]{1,8}(-[a-zA-Z]{1,8})*$")


def cos_langs(doc, profile):
    out = []
    if isinstance(get(doc.root, "/Lang"), String):
        out.append((txt(doc.root.Lang), "catalog /Lang"))
    for e in doc.tree(profile).elems:
        if isinstance(get(e.d, "/Lang"), String):
            out.append((txt(e.d.Lang), e.where))
    for mc in doc.content.mcs:
        if mc.lang is not None:
            out.append((mc.lang, "%s marked content %s" % (mc.where, mc.tag)))
    return out


@rule("7.2-29")
def r_lang_tag(doc, rid):
    return ["%s %r" % (w, v) for v, w in cos_langs(doc, "ua") if not LANG_UA.match(v)]


@rule("6.8.4-1")
def r_lang_tag_a1(doc, rid):
    return ["%s %r" % (w, v) for v, w in cos_langs(doc, "a1a") if v != "" and not LANG_A1.match(v)]


# -- marked content

@rule("7.1-1")
def r_artifact_in_tagged(doc, rid):
    return ["%s (MCID of %s)" % (mc.where, oid(mc.struct)) for mc in doc.content.mcs
            if mc.tag == "Artifact" and mc.tagged]


@rule("7.1-2")
def r_tagged_in_artifact(doc, rid):
    return ["%s %s (%s)" % (mc.where, mc.tag, oid(mc.struct)) for mc in doc.content.mcs
            if mc.tagged and "Artifact" in mc.parents_tags]


@rule("7.1-3")
def r_untagged(doc, rid):
    out = {}
    for kind, group, where, page_content in doc.content.items:
        if not page_content:
            continue
        if not group.tagged and "Artifact" not in group.parents_tags:
            n = "%s: %s%s" % (where, kind, " in %s" % group.tag if group.tag else "")
            out[n] = out.get(n, 0) + 1
    return ["%s (%d)" % (k, v) if v > 1 else k for k, v in out.items()]


@rule("7.2-30", "7.2-31", "7.2-32")
def r_span_lang(doc, rid):
    k = {"7.2-30": "/ActualText", "7.2-31": "/Alt", "7.2-32": "/E"}[rid]
    if doc.catalog_lang:
        return []
    return [mc.where for mc in doc.content.mcs if mc.tag == "Span" and mc.prop_string(k) is not None
            and mc.lang is None and mc.inherited_lang() is None]


@rule("7.2-34")
def r_text_lang(doc, rid):
    if doc.catalog_lang:
        return []
    out = set()
    for kind, group, where, page_content in doc.content.items:
        if kind == "text" and group.lang_value() is None:
            out.add(where)
    return sorted(out)


@rule("7.2-33")
def r_xmp_lang(doc, rid):
    x = doc.xmp
    if x is None or not x.ok or doc.catalog_lang:
        return []
    return ["%s:%s" % (p.prefix, p.local) for p in x.props
            if p.kind() in ("Lang Alt", "Alt") and p.lang_alt("x-default") is not None]


# -- annotations

def visible(doc, a, page):
    return not (doc.outside_crop(a, page) is True or doc.hidden(a))


def struct_parent_std(doc, a):
    e = doc.struct_parent(a)
    return ua_tree(doc).standard(nm(get(e, "/S"))) if e is not None else None


def subtype(a):
    return nm(get(a, "/Subtype"))


@rule("7.18.1-1")
def r_annot_tag(doc, rid):
    return ["%s in %s" % (w, struct_parent_std(doc, a)) for a, page, w in doc.annots
            if subtype(a) not in ("Widget", "PrinterMark", "Link") and visible(doc, a, page)
            and struct_parent_std(doc, a) != "Annot"]


def struct_alt(doc, a):
    e = doc.struct_parent(a)
    return txt(get(e, "/Alt")) if e is not None else None


@rule("7.18.1-2")
def r_annot_contents(doc, rid):
    return [w for a, page, w in doc.annots if subtype(a) != "Widget" and visible(doc, a, page)
            and not txt(get(a, "/Contents")) and not struct_alt(doc, a)]


@rule("7.2-24")
def r_annot_lang(doc, rid):
    if doc.catalog_lang:
        return []
    out = []
    for a, page, w in doc.annots:
        e = doc.struct_parent(a)
        if txt(get(a, "/Contents")) is not None and not (e is not None and isinstance(get(e, "/Lang"), String)):
            out.append(w)
    return out


def widgets(doc):
    return [(a, page, w) for a, page, w in doc.annots if subtype(a) == "Widget"]


@rule("7.18.1-3")
def r_widget_tu(doc, rid):
    return [w for a, page, w in widgets(doc) if visible(doc, a, page)
            and not txt(doc.field_value(a, "/TU")) and not struct_alt(doc, a)]


@rule("7.2-25")
def r_field_lang(doc, rid):
    if doc.catalog_lang:
        return []
    return [w for f, w in doc.fields if get(f, "/TU") is not None]


@rule("7.18.2-1")
def r_trapnet(doc, rid):
    return [w for a, page, w in doc.annots if subtype(a) == "TrapNet" and visible(doc, a, page)]


@rule("7.18.3-1")
def r_tabs(doc, rid):
    return ["page %d: /Tabs %s" % (i + 1, get(p.obj, "/Tabs")) for i, p in enumerate(doc.pdf.pages)
            if as_list(get(p.obj, "/Annots")) and nm(get(p.obj, "/Tabs")) != "S"]


@rule("7.18.4-1")
def r_widget_form(doc, rid):
    return ["%s in %s" % (w, struct_parent_std(doc, a)) for a, page, w in widgets(doc)
            if visible(doc, a, page) and struct_parent_std(doc, a) != "Form"]


@rule("7.18.4-2")
def r_form_elem(doc, rid):
    out = []
    for e in ua_tree(doc).of_type("Form"):
        if e.attr("/Role", "name", owner="PrintField") is not None:
            continue
        kids = [k for k in as_list(get(e.d, "/K"))]
        ok = len(kids) == 1 and isinstance(kids[0], Dictionary) and nm(get(kids[0], "/Type")) == "OBJR" \
            and isinstance(get(kids[0], "/Obj"), Dictionary) and subtype(kids[0].Obj) == "Widget"
        if not ok:
            out.append(e.where)
    return out


@rule("7.18.5-1")
def r_link_tag(doc, rid):
    return ["%s in %s" % (w, struct_parent_std(doc, a)) for a, page, w in doc.annots
            if subtype(a) == "Link" and visible(doc, a, page) and struct_parent_std(doc, a) != "Link"]


@rule("7.18.5-2")
def r_link_contents(doc, rid):
    return [w for a, page, w in doc.annots if subtype(a) == "Link" and visible(doc, a, page)
            and not txt(get(a, "/Contents"))]


@rule("7.18.8-1")
def r_printermark(doc, rid):
    return [w for a, page, w in doc.annots if subtype(a) == "PrinterMark" and visible(doc, a, page)
            and doc.struct_parent(a) is not None]


def media_clips(doc):
    return [(o, w) for o, w in doc.dicts if nm(get(o, "/Type")) == "MediaClip" or
            (nm(get(o, "/S")) == "MCD" and ("/D" in o or "/CT" in o))]


@rule("7.18.6.2-1")
def r_media_ct(doc, rid):
    return [w for o, w in media_clips(doc) if nm(get(o, "/S")) == "MCD" and get(o, "/CT") is None]


@rule("7.18.6.2-2")
def r_media_alt(doc, rid):
    out = []
    for o, w in media_clips(doc):
        if nm(get(o, "/S")) != "MCD":
            continue
        alt = get(o, "/Alt")
        if not (isinstance(alt, Array) and len(alt) % 2 == 0 and len(alt) > 0 and
                all(isinstance(x, String) for x in alt)):
            out.append(w)
    return out


ANNOT_TYPES_14 = {"Text", "Link", "FreeText", "Line", "Square", "Circle", "Highlight", "Underline",
                  "Squiggly", "StrikeOut", "Stamp", "Ink", "Popup", "Widget", "PrinterMark", "TrapNet"}


@rule("6.5.2-1")
def r_annot_types(doc, rid):
    return [w for a, page, w in doc.annots if subtype(a) not in ANNOT_TYPES_14]


@rule("6.5.3-1")
def r_annot_ca(doc, rid):
    return [w for a, page, w in doc.annots if get(a, "/CA") is not None and num(get(a, "/CA")) != 1]


@rule("6.5.3-2")
def r_annot_flags(doc, rid):
    out = []
    for a, page, w in doc.annots:
        f = get(a, "/F")
        if not is_int(f) or (int(f) & 4) != 4 or int(f) & (1 | 2 | 32):
            out.append("%s: /F %s" % (w, f))
    return out


def output_cs(doc):
    """gOutputCS: the colour space of the GTS_PDFA1 output intent's profile."""
    cs = None
    for oi in as_list(get(doc.root, "/OutputIntents")):
        if isinstance(oi, Dictionary) and nm(get(oi, "/S")) == "GTS_PDFA1":
            h = icc_header(get(oi, "/DestOutputProfile"))
            if h is not None:
                cs = h["colorSpace"]
    return cs


@rule("6.5.3-3")
def r_annot_colour(doc, rid):
    if output_cs(doc) == "RGB ":
        return []
    return [w for a, page, w in doc.annots if "/C" in a or "/IC" in a]


def ap_keys(a):
    ap = get(a, "/AP")
    return None if not isinstance(ap, Dictionary) else "&".join(sorted(k[1:] for k in ap.keys()))


@rule("6.5.3-4")
def r_ap_n(doc, rid):
    return ["%s: /AP %s" % (w, ap_keys(a)) for a, page, w in doc.annots if ap_keys(a) not in (None, "N")]


@rule("6.5.3-5", "6.5.3-6")
def r_ap_type(doc, rid):
    out = []
    for a, page, w in doc.annots:
        if ap_keys(a) != "N":
            continue
        n = a.AP.N
        btn = subtype(a) == "Widget" and nm(doc.field_value(a, "/FT")) == "Btn"
        if rid == "6.5.3-5" and btn:
            if not (isinstance(n, Dictionary) and not isinstance(n, Stream) and
                    len(n.keys()) > 0 and all(isinstance(v, Stream) for v in dvalues(n))):
                out.append(w)
        if rid == "6.5.3-6" and not btn and not isinstance(n, Stream):
            out.append(w)
    return out


ACTIONS_OK = {"GoTo", "GoToR", "Thread", "URI", "Named", "SubmitForm"}


@rule("6.6.1-1")
def r_actions(doc, rid):
    return ["%s: /S %s" % (w, nm(get(a, "/S"))) for a, w in doc.actions if nm(get(a, "/S")) not in ACTIONS_OK]


@rule("6.6.1-2")
def r_named(doc, rid):
    return ["%s: /N %s" % (w, nm(get(a, "/N"))) for a, w in doc.actions if nm(get(a, "/S")) == "Named"
            and nm(get(a, "/N")) not in ("NextPage", "PrevPage", "FirstPage", "LastPage")]


@rule("6.6.1-3", "6.6.2-1")
def r_widget_actions(doc, rid):
    k = "/A" if rid == "6.6.1-3" else "/AA"
    return [w for a, page, w in widgets(doc) if k in a]


@rule("6.6.2-2")
def r_field_aa(doc, rid):
    return [w for f, w in doc.fields if "/AA" in f]


@rule("6.9-1")
def r_need_appearances(doc, rid):
    f = get(doc.root, "/AcroForm")
    return ["/AcroForm /NeedAppearances true"] if isinstance(f, Dictionary) and get(f, "/NeedAppearances") is True else []


@rule("6.9-2")
def r_widget_ap(doc, rid):
    return [w for a, page, w in widgets(doc) if get(a, "/AP") is None]


@rule("7.15-1")
def r_xfa(doc, rid):
    f = get(doc.root, "/AcroForm")
    xfa = get(f, "/XFA") if isinstance(f, Dictionary) else None
    if xfa is None:
        return []
    parts = [xfa] if isinstance(xfa, Stream) else [x for x in as_list(xfa) if isinstance(x, Stream)]
    data = b"".join(read_stream(s) or b"" for s in parts)
    return ["dynamicRender required"] if re.search(rb"<dynamicRender>\s*required\s*</dynamicRender>", data) else []


@rule("7.16-1")
def r_encrypt_p(doc, rid):
    enc = None
    for t in doc.raw.trailers + [last_trailer(doc)]:
        if b"Encrypt" in t:
            enc = t[b"Encrypt"]
    if enc is None:
        return []
    if isinstance(enc, Ref):
        for o in doc.raw.objects:
            if (o.num, o.gen) == (enc.n, enc.g):
                enc = o.value
    p = enc.get(b"P") if isinstance(enc, dict) else None
    if isinstance(p, int) and (p & 512) == 512:
        return []
    return ["/Encrypt /P %s" % p]


# -- XObjects, images, graphics states

def images(doc):
    """(dict-like, where, inline) for image XObjects and inline images."""
    out = [(x, w, False) for x, w in doc.xobjects if nm(get(x, "/Subtype")) == "Image"]
    for w, im in doc.content.inline_images:
        out.append((im.obj, w + " inline image", True))
    return out


def image_value(d, inline, long, short):
    v = get(d, long)
    if v is None and inline:
        v = get(d, short)
    return v


@rule("6.2.4-1")
def r_alternates(doc, rid):
    return [w for d, w, inline in images(doc) if "/Alternates" in d]


@rule("6.2.4-2")
def r_opi(doc, rid):
    return [w for x, w in doc.xobjects if "/OPI" in x]


@rule("6.2.4-3")
def r_interpolate(doc, rid):
    return [w for d, w, inline in images(doc) if image_value(d, inline, "/Interpolate", "/I") is True]


@rule("6.2.4-4")
def r_bpc(doc, rid):
    out = []
    for d, w, inline in images(doc):
        if image_value(d, inline, "/ImageMask", "/IM") is True:
            continue
        b = image_value(d, inline, "/BitsPerComponent", "/BPC")
        if b is not None and not (is_int(b) and int(b) in (1, 2, 4, 8)):
            out.append("%s: %s" % (w, b))
    return out


@rule("6.2.4-5")
def r_mask_bpc(doc, rid):
    out = []
    for d, w, inline in images(doc):
        if image_value(d, inline, "/ImageMask", "/IM") is not True:
            continue
        b = image_value(d, inline, "/BitsPerComponent", "/BPC")
        if b is not None and not (is_int(b) and int(b) == 1):
            out.append("%s: %s" % (w, b))
    return out


def forms(doc):
    return [(x, w) for x, w in doc.xobjects if nm(get(x, "/Subtype")) == "Form"]


@rule("6.2.5-1")
def r_ps_form(doc, rid):
    return [w for x, w in forms(doc) if nm(get(x, "/Subtype2")) == "PS" or "/PS" in x]


@rule("6.2.6-1", "7.20-1")
def r_ref(doc, rid):
    return [w for x, w in forms(doc) if "/Ref" in x]


@rule("6.2.7-1")
def r_ps_xobject(doc, rid):
    return [w for x, w in doc.xobjects if nm(get(x, "/Subtype")) == "PS"]


@rule("7.20-2")
def r_form_mcids(doc, rid):
    out = []
    for x, w in forms(doc):
        if doc.content.form_paints.get(key(x), 0) > 1 and re.search(rb"/MCID\s+\d", read_stream(x) or b""):
            out.append("%s painted %d times" % (w, doc.content.form_paints[key(x)]))
    return out


@rule("6.4-2")
def r_xobject_smask(doc, rid):
    return [w for x, w in doc.xobjects if "/SMask" in x]


@rule("6.4-3")
def r_transparency_group(doc, rid):
    out = []
    for i, p in enumerate(doc.pdf.pages):
        g = get(p.obj, "/Group")
        if isinstance(g, Dictionary) and nm(get(g, "/S")) == "Transparency":
            out.append("page %d" % (i + 1))
    for x, w in forms(doc):
        g = get(x, "/Group")
        if isinstance(g, Dictionary) and nm(get(g, "/S")) == "Transparency":
            out.append(w)
    return out


@rule("6.2.8-1")
def r_tr(doc, rid):
    return [w for g, w in doc.ext_gstates() if "/TR" in g]


@rule("6.2.8-2")
def r_tr2(doc, rid):
    return [w for g, w in doc.ext_gstates() if "/TR2" in g and nm(get(g, "/TR2")) != "Default"]


@rule("6.4-1")
def r_gs_smask(doc, rid):
    return [w for g, w in doc.ext_gstates() if "/SMask" in g and nm(get(g, "/SMask")) != "None"]


@rule("6.4-4")
def r_bm(doc, rid):
    out = []
    for g, w in doc.ext_gstates():
        if "/BM" in g:
            bm = get(g, "/BM")
            v = nm(bm) if isinstance(bm, Name) else nm(bm[0]) if isinstance(bm, Array) and len(bm) else None
            if v not in ("Normal", "Compatible"):
                out.append("%s: /BM %s" % (w, bm))
    return out


@rule("6.4-5", "6.4-6")
def r_alpha(doc, rid):
    k = "/CA" if rid == "6.4-5" else "/ca"
    return ["%s: %s %s" % (w, k, get(g, k)) for g, w in doc.ext_gstates()
            if get(g, k) is not None and abs(float(num(get(g, k)) or 0) - 1.0) >= 0.000001]


@rule("6.2.9-1")
def r_intents(doc, rid):
    out = [(w, n) for w, n in doc.content.intents]
    for g, w in doc.ext_gstates():
        if "/RI" in g:
            out.append((w, nm(get(g, "/RI"))))
    for d, w, inline in images(doc):
        v = get(d, "/Intent")
        if v is not None:
            out.append((w, nm(v)))
    return ["%s: %s" % (w, n) for w, n in out if n not in INTENTS]


@rule("6.2.10-1")
def r_operators(doc, rid):
    out = {}
    for w, op in doc.content.undefined_ops:
        out.setdefault("%s: %s" % (w, op), 0)
    return list(out) + ["cannot read %s" % e for e in doc.content.parse_errors]


# -- colour

def icc_header(s):
    if not isinstance(s, Stream):
        return None
    d = read_stream(s)
    if d is None or len(d) < 128:
        return None
    return {"version": d[8] + (d[9] >> 4) / 10.0, "deviceClass": d[12:16].decode("latin-1"),
            "colorSpace": d[16:20].decode("latin-1")}


def output_profiles(doc):
    out = []
    for i, oi in enumerate(as_list(get(doc.root, "/OutputIntents"))):
        if isinstance(oi, Dictionary) and get(oi, "/DestOutputProfile") is not None:
            out.append((oi.DestOutputProfile, "output intent %d" % (i + 1)))
    return out


def input_profiles(doc):
    out, seen = [], set()
    for cs, w in colour_space_arrays(doc):
        if nm(cs[0]) == "ICCBased" and len(cs) > 1 and key(cs[1]) not in seen:
            seen.add(key(cs[1]))
            out.append((cs[1], w))
    return out


@rule("6.2.2-1")
def r_output_profile(doc, rid):
    out = []
    for s, w in output_profiles(doc):
        h = icc_header(s)
        if h is None or h["deviceClass"] not in ("prtr", "mntr") or \
                h["colorSpace"] not in ("RGB ", "CMYK", "GRAY") or h["version"] >= 3.0:
            out.append("%s: %s" % (w, h))
    return out


@rule("6.2.2-2")
def r_output_intents_same(doc, rid):
    ps = output_profiles(doc)
    if len(as_list(get(doc.root, "/OutputIntents"))) > 1 and len({key(s) for s, w in ps}) > 1:
        return ["%d different profiles" % len({key(s) for s, w in ps})]
    return []


@rule("6.2.3.2-1")
def r_input_profile(doc, rid):
    out = []
    for s, w in input_profiles(doc):
        h = icc_header(s)
        if h is None or h["deviceClass"] not in ("prtr", "mntr", "scnr", "spac") or \
                h["colorSpace"] not in ("RGB ", "CMYK", "GRAY", "Lab ") or h["version"] >= 3.0:
            out.append("%s: %s" % (w, h))
    return out


@rule("6.2.3.2-2")
def r_icc_n(doc, rid):
    out = []
    for s, w in output_profiles(doc) + input_profiles(doc):
        h = icc_header(s)
        n = get(s, "/N") if isinstance(s, Stream) else None
        cs = h["colorSpace"] if h else None
        good = is_int(n) and ((n == 1 and cs == "GRAY") or (n == 3 and cs in ("RGB ", "Lab ")) or
                              (n == 4 and cs == "CMYK"))
        if not good:
            out.append("%s: /N %s, colour space %r" % (w, n, cs))
    return out


@rule("6.2.3.3-1", "6.2.3.3-2", "6.2.3.3-3")
def r_device(doc, rid):
    space, need = {"6.2.3.3-1": ("DeviceRGB", "RGB "), "6.2.3.3-2": ("DeviceCMYK", "CMYK"),
                   "6.2.3.3-3": ("DeviceGray", None)}[rid]
    ocs = output_cs(doc)
    if (need is None and ocs is not None) or (need is not None and ocs == need):
        return []
    return sorted(set(doc.content.device[space]))


# -- fonts

def used_fonts(doc):
    """Fonts shown by the content streams, as veraPDF reaches PDFont objects
    (through Tf), with their descendant CIDFonts."""
    out = []
    for k, f in doc.content.fonts.items():
        out.append((f, "font %s" % f.name()))
    return out


Doc.used_fonts = used_fonts


def all_used(doc):
    out = []
    for f, w in doc.used_fonts():
        out.append((f, w))
        if f.descendant is not None:
            out.append((f.descendant, w + " (its CIDFont)"))
    return out


def modes(f):
    return (f.parent or f).rendering_modes


SIMPLE = ("Type1", "MMType1", "TrueType", "Type3")


@rule("6.3.2-1")
def r_font_type(doc, rid):
    return [w for f, w in all_used(doc) if nm(get(f.d, "/Type")) != "Font"]


@rule("6.3.2-2")
def r_font_subtype(doc, rid):
    return ["%s: %s" % (w, f.subtype) for f, w in all_used(doc) if f.subtype not in
            ("Type1", "MMType1", "TrueType", "Type3", "Type0", "CIDFontType0", "CIDFontType2")]


@rule("6.3.2-3")
def r_base_font(doc, rid):
    return [w for f, w in all_used(doc) if f.subtype != "Type3" and f.base_font is None]


def is_standard14(f):
    return f.subtype in ("Type1", "TrueType") and f.base_font in STANDARD14 and f.program_stream is None


@rule("6.3.2-4", "6.3.2-5", "6.3.2-6")
def r_simple_widths(doc, rid):
    out = []
    for f, w in all_used(doc):
        if f.subtype not in SIMPLE or is_standard14(f):
            continue
        fc, lc, ws = get(f.d, "/FirstChar"), get(f.d, "/LastChar"), get(f.d, "/Widths")
        if rid == "6.3.2-4" and fc is None:
            out.append(w)
        if rid == "6.3.2-5" and lc is None:
            out.append(w)
        if rid == "6.3.2-6" and not (isinstance(ws, Array) and is_int(fc) and is_int(lc) and
                                     len(ws) == int(lc) - int(fc) + 1):
            out.append(w)
    return out


@rule("6.3.2-7")
def r_program_subtype(doc, rid):
    out = []
    for f, w in all_used(doc):
        if f.program_stream is not None:
            st = nm(get(f.program_stream, "/Subtype"))
            if st not in (None, "Type1C", "CIDFontType0C"):
                out.append("%s: %s" % (w, st))
    return out


@rule("7.21.4.1-1", "6.3.4-1")
def r_embedded(doc, rid):
    out = []
    for f, w in all_used(doc):
        if f.subtype in ("Type3", "Type0") or modes(f) == {3}:
            continue
        if not f.contains_font_file():
            out.append(w)
    return out


def cid_info(f):
    """(registry, ordering, supplement) of a CIDSystemInfo dictionary."""
    d = get(f, "/CIDSystemInfo")
    if not isinstance(d, Dictionary):
        return None, None, None
    s = get(d, "/Supplement")
    return txt(get(d, "/Registry")), txt(get(d, "/Ordering")), int(s) if is_int(s) else None


@rule("7.21.3.1-1", "6.3.3.1-1")
def r_cid_system_info(doc, rid):
    out = []
    for f, w in doc.used_fonts():
        if f.subtype != "Type0" or f.cmap_name in ("Identity-H", "Identity-V"):
            continue
        if f.cmap_stream is None:
            out.append("%s: predefined CMap %s (not evaluated)" % (w, f.cmap_name))
            continue
        a = cid_info(f.descendant.d) if f.descendant else (None, None, None)
        b = cid_info(f.cmap_stream)
        ok = a[0] is not None and a[1] is not None and a[0] == b[0] and a[1] == b[1]
        if rid == "7.21.3.1-1":
            ok = ok and a[2] is not None and b[2] is not None and a[2] <= b[2]
        if not ok:
            out.append("%s: CIDFont %s, CMap %s" % (w, a, b))
    return out


@rule("7.21.3.2-1", "6.3.3.2-1")
def r_cid_to_gid(doc, rid):
    out = []
    for f, w in all_used(doc):
        if f.subtype != "CIDFontType2":
            continue
        m = get(f.d, "/CIDToGIDMap")
        if isinstance(m, Stream) or (isinstance(m, Name) and str(m) == "/Identity"):
            continue
        if rid == "7.21.3.2-1" and not f.contains_font_file():
            continue
        if rid == "6.3.3.2-1" and modes(f) == {3}:
            continue
        out.append(w)
    return out


@rule("7.21.3.3-1", "6.3.3.3-1")
def r_cmap_embedded(doc, rid):
    allowed = PREDEFINED_CMAPS if rid == "7.21.3.3-1" else {"Identity-H", "Identity-V"}
    return ["%s: %s" % (w, f.cmap_name) for f, w in doc.used_fonts()
            if f.subtype == "Type0" and f.cmap_stream is None and f.cmap_name not in allowed]


@rule("7.21.3.3-2", "6.3.3.3-2")
def r_wmode(doc, rid):
    out = []
    for s, w in embedded_cmaps(doc):
        m = re.search(rb"/WMode\s+(\d+)\s+def", read_stream(s) or b"")
        inner = int(m.group(1)) if m else 0
        outer = int(get(s, "/WMode")) if is_int(get(s, "/WMode")) else 0
        if inner != outer:
            out.append("%s: /WMode %d, program %d" % (w, outer, inner))
    return out


@rule("7.21.3.3-3")
def r_usecmap(doc, rid):
    out = []
    for s, w in embedded_cmaps(doc):
        names = []
        u = get(s, "/UseCMap")
        if isinstance(u, Name):
            names.append(str(u)[1:])
        elif isinstance(u, Stream):
            names.append(nm(get(u, "/CMapName")))
        names += [m.decode("latin-1") for m in re.findall(rb"/([^\s/]+)\s+usecmap", read_stream(s) or b"")]
        out += ["%s uses %s" % (w, n) for n in names if n not in PREDEFINED_CMAPS]
    return out


def glyph_rows(doc):
    """Per glyph shown: (font, code, where, modes, evaluable, (present, name, wp, wd, uni))."""
    def load():
        out = []
        for (fk, code), (f, where, ms) in sorted(doc.content.glyphs.items(), key=lambda kv: (str(kv[0][0]), kv[0][1])):
            g = f.glyph(code) if f.evaluable() else None
            out.append((f, code, where, ms, g))
        return out
    return doc.lazy("glyphs", load)


def glyph_where(f, code, where):
    return "%s code %04X on %s" % (f.name(), code, where) if f.subtype == "Type0" else \
        "%s code %d on %s" % (f.name(), code, where)


def not_evaluated(f):
    return "font %s (%s%s) not evaluated by this checker" % (
        f.name(), f.subtype, "/" + f.descendant.subtype if f.descendant else "")


def glyph_kind(f):
    """How the glyph rules treat a font: "cid" (computed as veraPDF does),
    "simple" (names and Unicode from the encoding; no program to read when
    not embedded), "unknown" (a Subtype no rule knows: 6.3.2-2 judges) or
    "other" (not evaluated by this checker: fails)."""
    if f.evaluable():
        return "cid"
    if f.subtype in ("Type1", "MMType1", "TrueType"):
        return "simple"
    if f.subtype not in ("Type0", "Type3"):
        return "unknown"
    return "other"


def uniq(out):
    return sorted(set(out), key=out.index)


@rule("7.21.4.1-2", "6.3.5-1", "7.21.5-1", "6.3.6-1")
def r_glyph_program(doc, rid):
    """Presence (7.21.4.1-2, 6.3.5-1) and width (7.21.5-1, 6.3.6-1) of the
    glyphs shown in a mode other than 3. veraPDF's properties are null
    (the rule passes) for fonts without a program."""
    width = rid in ("7.21.5-1", "6.3.6-1")
    out = []
    for f, code, where, ms, g in glyph_rows(doc):
        if ms == {3}:
            continue
        kind = glyph_kind(f)
        if kind == "cid":
            if width and abs(g[2] - g[3]) > 1:
                out.append("%s: program %.1f, dictionary %.1f" % (glyph_where(f, code, where), g[2], g[3]))
            elif not width and not g[0]:
                out.append(glyph_where(f, code, where))
        elif kind == "simple":
            if f.program_stream is not None:
                out.append(not_evaluated(f))
        elif kind == "other":
            out.append(not_evaluated(f))
    return uniq(out)


@rule("7.21.7-1", "6.3.8-1")
def r_to_unicode(doc, rid):
    out = []
    for f, code, where, ms, g in glyph_rows(doc):
        kind = glyph_kind(f)
        if kind == "cid" and g[4] is None:
            out.append(glyph_where(f, code, where))
        elif kind == "simple" and f.simple_unicode(code) is None:
            out.append(glyph_where(f, code, where))
        elif kind == "other":
            out.append(not_evaluated(f))
    return uniq(out)


@rule("7.21.7-2")
def r_unicode_values(doc, rid):
    out = []
    for f, code, where, ms, g in glyph_rows(doc):
        kind = glyph_kind(f)
        u = g[4] if kind == "cid" else f.simple_unicode(code) if kind == "simple" else None
        if u is not None and any(c in u for c in "\u0000\ufffe\ufeff"):
            out.append("%s maps to %r" % (glyph_where(f, code, where), u))
    return out


@rule("7.21.8-1")
def r_notdef(doc, rid):
    out = []
    for f, code, where, ms, g in glyph_rows(doc):
        kind = glyph_kind(f)
        if kind == "cid" and g[1] == ".notdef":
            out.append(glyph_where(f, code, where))
        elif kind == "simple" and f.simple_name(code) == ".notdef":
            out.append(glyph_where(f, code, where))
        elif kind == "other":
            out.append(not_evaluated(f))
    return uniq(out)


def cid_fonts(doc):
    return [(f.descendant, w) for f, w in doc.used_fonts()
            if f.subtype == "Type0" and f.descendant is not None]


@rule("7.21.4.2-2")
def r_cidset_ua(doc, rid):
    out = []
    for df, w in cid_fonts(doc):
        if not df.contains_font_file() or not df.is_subset():
            continue
        bits = df.cidset_bits()
        if bits is None:
            continue
        if df.subtype != "CIDFontType2" or df.program is None:
            out.append(not_evaluated(df.parent))
            continue
        missing = [c for c in df.cid_list() if c != 0 and not (c < len(bits) and bits[c])]
        length = max([i for i, b in enumerate(bits) if b], default=-1) + 1
        extra = [i for i in range(1, length) if bits[i] and not df.contains_cid(i)]
        if missing or extra:
            why = []
            if missing:
                why.append("%d CIDs of the font program not in CIDSet (%s%s)" % (
                    len(missing), ", ".join(str(c) for c in missing[:8]), ", ..." if len(missing) > 8 else ""))
            if extra:
                why.append("CIDSet names %d CIDs the program lacks (%s)" % (len(extra), ", ".join(map(str, extra[:8]))))
            out.append("%s: %s; CIDToGIDMap %s, %d glyphs" % (
                df.name(), "; ".join(why),
                "Identity" if df.cid_to_gid is None else "of %d CIDs" % len(df.cid_to_gid),
                df.program.num_glyphs))
    return out


@rule("6.3.5-3")
def r_cidset_a1(doc, rid):
    out = []
    used = {}
    for f, code, where, ms, g in glyph_rows(doc):
        used.setdefault(key(f.d), []).append(code)
    for df, w in cid_fonts(doc):
        if not df.is_subset():
            continue
        bits = df.cidset_bits()
        if bits is None:
            out.append("%s: no CIDSet" % df.name())
            continue
        if not df.contains_font_file():
            out.append("%s: font program not parsed" % df.name())
            continue
        if not df.parent.evaluable():
            out.append(not_evaluated(df.parent))
            continue
        missing = sorted({c for c in used.get(key(df.parent.d), []) if c != 0 and df.contains_cid(c)
                          and not (c < len(bits) and bits[c])})
        if missing:
            out.append("%s: CIDs shown but not in CIDSet: %s" % (df.name(), ", ".join(map(str, missing[:8]))))
    return out


@rule("7.21.4.2-1", "6.3.5-2")
def r_type1_charset(doc, rid):
    return ["%s: Type1 fonts are not evaluated by this checker" % w for f, w in all_used(doc)
            if f.subtype in ("Type1", "MMType1")]


def simple_truetype(doc):
    return [(f, w) for f, w in all_used(doc) if f.subtype == "TrueType"]


def symbolic(f):
    fl = get(f.fd, "/Flags") if f.fd is not None else None
    return is_int(fl) and (int(fl) & 4) == 4


AGL_LIKE = re.compile(r"^(uni[0-9A-F]{4}|u[0-9A-F]{4,6}|[A-Za-z0-9]|space|period|comma|hyphen)$")


@rule("7.21.6-2")
def r_truetype_encoding(doc, rid):
    out = []
    for f, w in simple_truetype(doc):
        if symbolic(f):
            continue
        base = f.base_encoding()
        diffs = f.differences()
        ok = base in ("MacRomanEncoding", "WinAnsiEncoding")
        if ok and diffs:
            ok = all(AGL_LIKE.match(n) for n in diffs.values()) and f.program is not None \
                and f.program.ok and (3, 1) in f.program.cmaps
        if not ok:
            out.append("%s: /Encoding %s%s" % (w, base, " with /Differences" if diffs else ""))
    return out


@rule("7.21.6-3", "6.3.7-2")
def r_symbolic_encoding(doc, rid):
    return [w for f, w in simple_truetype(doc) if symbolic(f) and "/Encoding" in f.d]


@rule("6.3.7-1")
def r_nonsymbolic_encoding(doc, rid):
    out = []
    for f, w in simple_truetype(doc):
        if symbolic(f):
            continue
        e = get(f.d, "/Encoding")
        base = nm(e) if isinstance(e, Name) else nm(get(e, "/BaseEncoding")) if isinstance(e, Dictionary) else None
        diffs = isinstance(e, Dictionary) and "/Differences" in e
        if base not in ("MacRomanEncoding", "WinAnsiEncoding") or diffs:
            out.append("%s: /Encoding %s%s" % (w, base, " with /Differences" if diffs else ""))
    return out


@rule("7.21.6-1", "7.21.6-4", "6.3.7-3")
def r_truetype_cmaps(doc, rid):
    out = []
    for f, w in simple_truetype(doc):
        if f.program is None or not f.program.ok:
            continue
        n, has30 = len(f.program.cmaps), (3, 0) in f.program.cmaps
        sym = symbolic(f)
        if rid == "7.21.6-1" and not sym and not (n > 1 if has30 else n > 0):
            out.append("%s: cmap subtables %s" % (w, f.program.cmaps))
        if rid == "7.21.6-4" and sym and not (n == 1 or has30):
            out.append("%s: cmap subtables %s" % (w, f.program.cmaps))
        if rid == "6.3.7-3" and sym and n != 1:
            out.append("%s: cmap subtables %s" % (w, f.program.cmaps))
    return out


# -- XMP (PDF/A-1)

def metadata_streams(doc):
    out = []
    m = get(doc.root, "/Metadata")
    if isinstance(m, Stream):
        out.append((m, "catalog metadata"))
    for o, w in doc.dicts:
        if isinstance(o, Stream) and nm(get(o, "/Type")) == "Metadata" and not (isinstance(m, Stream) and key(o) == key(m)):
            out.append((o, w))
    return out


@rule("6.7.5-1", "6.7.5-2")
def r_xpacket(doc, rid):
    attr = "bytes" if rid == "6.7.5-1" else "encoding"
    out = []
    for s, w in metadata_streams(doc):
        x = XMP(read_stream(s)) if s is not get(doc.root, "/Metadata") else doc.xmp
        if x is not None and attr in x.packet_attrs:
            out.append("%s: xpacket %s=%r" % (w, attr, x.packet_attrs[attr].decode("latin-1")))
    return out


@rule("6.7.9-1")
def r_xmp_wellformed(doc, rid):
    out = []
    for s, w in metadata_streams(doc):
        x = XMP(read_stream(s))
        if not x.ok:
            out.append("%s: %s" % (w, x.error))
    return out


SCHEMA_FIELDS = {
    "definition": (NS_SCHEMA, "pdfaSchema", {"schema": "Text", "namespaceURI": "URI", "prefix": "Text",
                                              "property": "Seq", "valueType": "Seq"}),
    "property": (NS_PROPERTY, "pdfaProperty", {"name": "Text", "valueType": "Text", "category": "Text",
                                                "description": "Text"}),
    "valueType": (NS_TYPE, "pdfaType", {"type": "Text", "namespaceURI": "URI", "prefix": "Text",
                                         "description": "Text", "field": "Seq"}),
    "field": (NS_FIELD, "pdfaField", {"name": "Text", "valueType": "Text", "description": "Text"}),
}


class ExtObject:
    """An extension schema object (definition, property, valueType, field)."""

    def __init__(self, kind, node, where):
        self.kind, self.node, self.where = kind, node, where
        self.fields = resource_fields(node)

    def field(self, local):
        ns = SCHEMA_FIELDS[self.kind][0]
        for f_ns, f_local, prefix, el in self.fields:
            if f_ns == ns and f_local == local:
                return prefix, el
        return None, None

    def text_field(self, local):
        prefix, el = self.field(local)
        if el is None:
            return None, None
        p = Prop(None, local, prefix, node=el)
        return prefix, (p.text() if p.kind() == "Text" else None)

    def seq(self, local):
        prefix, el = self.field(local)
        if el is None:
            return None, None
        p = Prop(None, local, prefix, node=el)
        return prefix, (p.items() if p.kind() == "Seq" else False)


def ext_objects(doc):
    def load():
        x = doc.xmp
        out = []
        if x is None or not x.ok:
            return out
        for i, li in enumerate(x.extension_schemas()):
            d = ExtObject("definition", li, "schema %d" % (i + 1))
            out.append(d)
            for kind, local in (("property", "property"), ("valueType", "valueType")):
                _, items = d.seq(local)
                for j, it in enumerate(items or []):
                    o = ExtObject(kind, it, "%s %s %d" % (d.where, kind, j + 1))
                    out.append(o)
                    if kind == "valueType":
                        _, fields = o.seq("field")
                        for k, fi in enumerate(fields or []):
                            out.append(ExtObject("field", fi, "%s field %d" % (o.where, k + 1)))
        return out
    return doc.lazy("ext", load)


@rule("6.7.8-1")
def r_ext_undefined(doc, rid):
    out = []
    for o in ext_objects(doc):
        ns, _, fields = SCHEMA_FIELDS[o.kind]
        for f_ns, f_local, prefix, el in o.fields:
            if f_ns != ns or f_local not in fields:
                out.append("%s: %s" % (o.where, el.tagName))
    return out


@rule("6.7.8-2")
def r_ext_container(doc, rid):
    x = doc.xmp
    if x is None or not x.ok:
        return []
    return ["pdfaExtension:schemas as %s with the prefix %s" % (p.kind(), p.prefix)
            for p in x.props if p.ns == NS_EXT and p.local == "schemas"
            and not (p.kind() == "Bag" and p.prefix == "pdfaExtension")]


URI_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:\S*$")
EXT_TEXT_RULES = {
    "6.7.8-3": ("definition", "schema", "Text", True), "6.7.8-4": ("definition", "namespaceURI", "URI", True),
    "6.7.8-5": ("definition", "prefix", "Text", True), "6.7.8-8": ("property", "name", "Text", True),
    "6.7.8-11": ("property", "description", "Text", True), "6.7.8-12": ("valueType", "type", "Text", True),
    "6.7.8-13": ("valueType", "namespaceURI", "URI", True), "6.7.8-14": ("valueType", "prefix", "Text", True),
    "6.7.8-15": ("valueType", "description", "Text", True), "6.7.8-17": ("field", "name", "Text", False),
    "6.7.8-19": ("field", "description", "Text", False),
}


@rule(*EXT_TEXT_RULES)
def r_ext_text(doc, rid):
    kind, local, typ, required = EXT_TEXT_RULES[rid]
    want = SCHEMA_FIELDS[kind][1]
    out = []
    for o in ext_objects(doc):
        if o.kind != kind:
            continue
        prefix, value = o.text_field(local)
        if prefix is None and not required:
            continue
        ok = value is not None and prefix == want and (typ != "URI" or URI_RE.match(value.strip()))
        if not ok:
            out.append("%s: %s:%s %r" % (o.where, prefix, local, value))
    return out


EXT_SEQ_RULES = {"6.7.8-6": ("definition", "property"), "6.7.8-7": ("definition", "valueType"),
                 "6.7.8-16": ("valueType", "field")}


@rule(*EXT_SEQ_RULES)
def r_ext_seq(doc, rid):
    kind, local = EXT_SEQ_RULES[rid]
    want = SCHEMA_FIELDS[kind][1]
    out = []
    for o in ext_objects(doc):
        if o.kind != kind:
            continue
        prefix, items = o.seq(local)
        if prefix is None:
            continue
        if items is False or prefix != want:
            out.append("%s: %s:%s is not a Seq" % (o.where, prefix, local))
    return out


def defined_value_types(doc):
    out = set()
    for o in ext_objects(doc):
        if o.kind == "valueType":
            _, t = o.text_field("type")
            if t:
                out.add(t.strip())
    return out


def value_type_known(t, defined):
    t = (t or "").strip()
    if t in VALUE_TYPES or t in defined:
        return True
    m = re.match(r"^(bag|seq|alt|Bag|Seq|Alt|Closed Choice of|Open Choice of)\s+(.+)$", t)
    return bool(m) and value_type_known(m.group(2), defined)


@rule("6.7.8-9", "6.7.8-18")
def r_ext_value_type(doc, rid):
    kind = "property" if rid == "6.7.8-9" else "field"
    want = SCHEMA_FIELDS[kind][1]
    defined = defined_value_types(doc)
    out = []
    for o in ext_objects(doc):
        if o.kind != kind:
            continue
        prefix, value = o.text_field("valueType")
        if not (value is not None and prefix == want and value_type_known(value, defined)):
            out.append("%s: %s:valueType %r" % (o.where, prefix, value))
    return out


@rule("6.7.8-10")
def r_ext_category(doc, rid):
    out = []
    for o in ext_objects(doc):
        if o.kind != "property":
            continue
        prefix, value = o.text_field("category")
        if not (value is not None and value.strip() in ("internal", "external") and prefix == "pdfaProperty"):
            out.append("%s: %s:category %r" % (o.where, prefix, value))
    return out


def extension_properties(doc):
    """{(namespace URI, property name): value type} defined in the package."""
    out = {}
    for o in ext_objects(doc):
        if o.kind != "definition":
            continue
        _, uri = o.text_field("namespaceURI")
        _, props = o.seq("property")
        for it in props or []:
            p = ExtObject("property", it, "")
            _, name = p.text_field("name")
            _, vt = p.text_field("valueType")
            if uri and name:
                out[(uri.strip(), name.strip())] = (vt or "").strip()
    return out


@rule("6.7.9-2")
def r_xmp_defined(doc, rid):
    x = doc.xmp
    if x is None or not x.ok:
        return []
    ext = extension_properties(doc)
    out = []
    for p in x.props:
        if p.ns in PREDEFINED and p.local in PREDEFINED[p.ns]:
            continue
        if p.ns in OTHER_PREDEFINED or (p.ns, p.local) in ext:
            continue
        out.append("%s:%s (%s)" % (p.prefix, p.local, p.ns))
    return out


def value_ok(p, t):
    k = p.kind()
    t = t.strip()
    if t in ("Lang Alt",):
        return k == "Lang Alt"
    if t in ("Bag", "Seq", "Alt") or re.match(r"^(bag|seq|alt) ", t, re.I):
        want = t.split()[0].capitalize()
        return k == want or (want == "Alt" and k == "Lang Alt")
    if t == "Resource":
        return k == "Resource"
    if t == "Integer":
        return k == "Text" and re.match(r"^[+-]?\d+$", (p.text() or "").strip()) is not None
    if t == "Real":
        return k == "Text" and re.match(r"^[+-]?(\d+\.?\d*|\.\d+)$", (p.text() or "").strip()) is not None
    if t == "Boolean":
        return k == "Text" and (p.text() or "").strip() in ("True", "False")
    if t == "Date":
        return k == "Text" and DATE_RE.match((p.text() or "").strip()) is not None
    if t in ("Text", "URI", "URL", "MIMEType", "AgentName", "ProperName", "GUID", "Locale", "RenditionClass"):
        return k in ("Text", "URI")
    return True   # structured value types: not judged


@rule("6.7.9-3")
def r_xmp_types(doc, rid):
    x = doc.xmp
    if x is None or not x.ok:
        return []
    ext = extension_properties(doc)
    out = []
    for p in x.props:
        t = PREDEFINED.get(p.ns, {}).get(p.local) or ext.get((p.ns, p.local))
        if t and not value_ok(p, t):
            out.append("%s:%s is %s, not %s" % (p.prefix, p.local, p.kind(), t))
    return out


# -- the document information dictionary against the metadata (6.7.3)

def pdf_date(s):
    m = re.match(r"^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+\-])?(\d{2})?'?(\d{2})?'?$", s or "")
    if not m:
        return None
    y, mo, d, h, mi, se = (int(g) if g else dflt for g, dflt in zip(m.groups()[:6], (0, 1, 1, 0, 0, 0)))
    tz = datetime.timezone.utc
    if m.group(7) in ("+", "-"):
        off = datetime.timedelta(hours=int(m.group(8) or 0), minutes=int(m.group(9) or 0))
        tz = datetime.timezone(off if m.group(7) == "+" else -off)
    try:
        return datetime.datetime(y, mo, d, h, mi, se, tzinfo=tz)
    except ValueError:
        return None


def xmp_date(s):
    m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$",
                 (s or "").strip())
    if not m:
        return None
    y, mo, d, h, mi, se = (int(g) if g else dflt for g, dflt in zip(m.groups()[:6], (0, 1, 1, 0, 0, 0)))
    tz = datetime.timezone.utc
    if m.group(7) and m.group(7) != "Z":
        sign = 1 if m.group(7)[0] == "+" else -1
        tz = datetime.timezone(sign * datetime.timedelta(hours=int(m.group(7)[1:3]), minutes=int(m.group(7)[4:6])))
    try:
        return datetime.datetime(y, mo, d, h, mi, se, tzinfo=tz)
    except ValueError:
        return None


def xmp_text(doc, ns, local, mode="text"):
    x = doc.xmp
    if x is None or not x.ok:
        return None
    p = x.find(ns, local)
    if p is None:
        return None
    if mode == "lang":
        v = p.lang_alt("x-default")
        if v is None and p.items():
            v = text_of(p.items()[0])
        return v
    if mode == "seq":
        return [text_of(li) for li in p.items()]
    return p.text()


INFO_RULES = {
    "6.7.3-2": ("/Title", NS_DC, "title", "lang"), "6.7.3-4": ("/Subject", NS_DC, "description", "lang"),
    "6.7.3-5": ("/Keywords", NS_PDF, "Keywords", "text"), "6.7.3-6": ("/Creator", NS_XMP, "CreatorTool", "text"),
    "6.7.3-7": ("/Producer", NS_PDF, "Producer", "text"),
}


def info(doc):
    i = get(doc.pdf.trailer, "/Info")
    return i if isinstance(i, Dictionary) else None


@rule(*INFO_RULES)
def r_info(doc, rid):
    k, ns, local, mode = INFO_RULES[rid]
    i = info(doc)
    v = txt(get(i, k)) if i is not None else None
    if v is None:
        return []
    x = xmp_text(doc, ns, local, mode)
    return [] if v == x else ["Info %s %r, metadata %r" % (k, v, x)]


@rule("6.7.3-3")
def r_info_author(doc, rid):
    i = info(doc)
    v = txt(get(i, "/Author")) if i is not None else None
    if v is None:
        return []
    x = xmp_text(doc, NS_DC, "creator", "seq")
    if x is not None and len(x) == 1 and x[0] == v:
        return []
    return ["Info /Author %r, dc:creator %r" % (v, x)]


@rule("6.7.3-1", "6.7.3-8")
def r_info_dates(doc, rid):
    k, local = ("/CreationDate", "CreateDate") if rid == "6.7.3-1" else ("/ModDate", "ModifyDate")
    i = info(doc)
    v = txt(get(i, k)) if i is not None else None
    if v is None:
        return []
    x = xmp_text(doc, NS_XMP, local)
    a, b = pdf_date(v), xmp_date(x)
    return [] if a is not None and b is not None and a == b else ["Info %s %r, xmp:%s %r" % (k, v, local, x)]


# ---- running ------------------------------------------------------------------------

ROWS = read_table()
ROWS_BY_RULE = {r.rule: r for r in ROWS}


def run(path, profiles, only=None):
    missing = [r.rule for r in ROWS if r.status != "out" and r.rule not in CHECKS]
    stray = [k for k in CHECKS if k not in ROWS_BY_RULE]
    if missing or stray:
        print("FAIL setup: table and checks disagree: no check for %s; not in the table: %s" % (missing, stray))
        return 2
    try:
        doc = Doc(path)
    except Exception as e:   # unreadable file
        print("FAIL setup: cannot read %s: %s" % (path, e))
        return 2
    failed = False
    for r in ROWS:
        if r.status == "out" or r.profile not in profiles or (only and r.rule not in only):
            continue
        try:
            problems = CHECKS[r.rule](doc, r.rule)
        except Exception as e:  # a bug here, or a file this checker cannot follow
            problems = ["checker error %s: %s" % (type(e).__name__, e)]
        if problems:
            failed = True
            more = "" if len(problems) <= 3 else "; and %d more" % (len(problems) - 3)
            print("FAIL %s: %s (%s%s)" % (r.rule, r.desc, "; ".join(str(p) for p in problems[:3]), more))
        else:
            print("ok %s" % r.rule)
    return 1 if failed else 0


def main(argv):
    args = argv[1:]
    profiles = {"ua", "a1a"}
    only = set()
    table = False
    paths = []
    while args:
        a = args.pop(0)
        if a == "--profile" and args:
            v = args.pop(0)
            profiles = {"ua", "a1a"} if v == "both" else {v}
        elif a == "--rule" and args:
            only.add(args.pop(0))
        elif a == "--table":
            table = True
        elif not a.startswith("--"):
            paths.append(a)
        else:
            paths = None
            break
    if table and paths == []:
        for r in ROWS:
            if r.profile in profiles:
                print(r.rule, r.profile, r.status)
        return 0
    if not paths or not profiles <= {"ua", "a1a"}:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    if len(paths) == 1:
        return run(paths[0], profiles, only)
    worst = 0
    for p in paths:
        print("file %s" % p)
        sys.stdout.flush()
        worst = max(worst, run(p, profiles, only))
    return worst


if __name__ == "__main__":
    sys.exit(main(sys.argv))
