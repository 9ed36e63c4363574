#!/usr/bin/python3
"""structwords.py: the words of a tagged PDF in the order of its structure
tree, as a screen reader would meet them, read by poppler's
`pdfinfo -struct-text` (not by our own code).

usage: structwords.py FILE.pdf                      prints the words, one a line
       structwords.py FILE.pdf --words WORDS.txt    compares with the words of a
                                                    text file (split on blanks)
       structwords.py FILE.pdf --source SRC.xml     compares with the words a
                                                    Vorlage source sets (the
                                                    letter, then the report, as
                                                    tests/pdfwords.py reads them)
       structwords.py FILE.pdf --vorlage SRC.xml [--stamp]
                                                    the same with all the letter
                                                    prints: letterhead, stamp,
                                                    "gez." (pdfwords.printed_letter_words)
       structwords.py FILE.pdf --annex SRC.xml ID   compares with the words of
                                                    partner ID's annex
       --real-spaces (anywhere): the file draws real spaces, so an inline
       element (Span) is not a word boundary
Comparing prints "ok structwords FILE" or "FAIL structwords FILE: word N ..."
with the first difference and exits 1 on a difference.

What poppler does (22.12), which decides what this can see:
  - it prints each structure element's own text as one quoted line per run
    of content between child elements; artifacts are left out, /Alt and
    /ActualText are not printed;
  - within one marked-content sequence it concatenates the strings shown,
    adding no space for a line break, a Td or a TJ offset: only space glyphs
    separate words. Here the quoted lines are joined with a space between
    block elements and with nothing at an inline element's edges (Span), so
    words must be separated by real spaces (vorlage draws them, also at
    line ends);
  - an element with an integer /K and no /Pg collects that MCID from every
    page; it needs no /MarkInfo, /ParentTree or /StructParents, so its
    reading says nothing about their correctness (tests/pdfua_check.py does).
"""
import os
import re
import subprocess
import sys

QUOTED = re.compile(r'^\s*"(.*)"\s*$')


# --real-spaces: the file draws a space glyph wherever its text has a space
# (vorlage does), so an inline element's text is joined to the text around
# it as it is; without, with a space like every other run.
REAL_SPACES = False


def struct_text(path):
    """The text poppler reads from the structure tree: the quoted runs in
    order, a space between them (with --real-spaces: only between blocks)."""
    r = subprocess.run(["pdfinfo", "-enc", "UTF-8", "-struct-text", path],
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit("FAIL structwords %s: pdfinfo: %s" % (path, r.stderr.strip()[:300]))
    out, gap = [], False
    for line in r.stdout.splitlines():
        m = QUOTED.match(line)
        if m:
            out.append((" " if gap else "") + m.group(1))
            gap = False
        elif "(inline)" not in line or not REAL_SPACES:
            gap = True
    if not REAL_SPACES:
        return " ".join(m.group(1) for m in map(QUOTED.match, r.stdout.splitlines()) if m)
    return "".join(out)


def words(path):
    # str.split treats U+00A0 as a blank; soft hyphens are not letters: a
    # line that ends in one (an added hyphen, also at a page break, where
    # the word's halves are two marked-content sequences) goes on in the next
    return re.sub("\u00ad\\s*", "", struct_text(path)).split()


def source_words(src):
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import pdfwords
    root = pdfwords.parse(src)
    return pdfwords.letter_words(root) + pdfwords.report_words(root)


def first_difference(got, want, ctx=5):
    n = min(len(got), len(want))
    i = next((j for j in range(n) if got[j] != want[j]), n)
    if i == n and len(got) == len(want):
        return None
    return "word %d: pdf [...%s >>%s<< %s] vs expected [...%s >>%s<< %s] (%d and %d words)" % (
        i, " ".join(got[max(0, i - ctx):i]), got[i] if i < len(got) else "<end>",
        " ".join(got[i + 1:i + 1 + ctx]), " ".join(want[max(0, i - ctx):i]),
        want[i] if i < len(want) else "<end>", " ".join(want[i + 1:i + 1 + ctx]),
        len(got), len(want))


def pdfwords_module():
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import pdfwords
    return pdfwords


def main(argv):
    global REAL_SPACES
    REAL_SPACES = "--real-spaces" in argv
    argv = [a for a in argv if a != "--real-spaces"]
    ok = len(argv) == 2 or (len(argv) == 4 and argv[2] in ("--words", "--source", "--vorlage")) \
        or (len(argv) == 5 and argv[2:5:2] in (["--vorlage", "--stamp"],) ) \
        or (len(argv) == 5 and argv[2] == "--annex")
    if not ok:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    got = words(argv[1])
    if len(argv) == 2:
        print("\n".join(got))
        return 0
    if argv[2] == "--words":
        with open(argv[3], encoding="utf-8") as f:
            want = f.read().split()
    elif argv[2] == "--source":
        want = source_words(argv[3])
    elif argv[2] == "--vorlage":
        pw = pdfwords_module()
        root = pw.parse(argv[3])
        want = pw.printed_letter_words(root, argv[-1] == "--stamp") + pw.report_words(root)
    else:
        pw = pdfwords_module()
        want = pw.annex_words(pw.parse(argv[3]), argv[4])
    diff = first_difference(got, want)
    if diff:
        print("FAIL structwords %s: %s" % (argv[1], diff))
        return 1
    print("ok structwords %s" % argv[1])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
