#!/usr/bin/env python3
"""t_messages.py: the DIAGNOSTICS section of the manual page docs/vorlage.1
lists the catalogue in src/base/messages.h (DIAG_MESSAGES). With --write, rewrites
that list between its marker comments (`make messages`); without, checks
that it is current."""
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs/vorlage.1"
BEGIN = ".\\\" messages: generated from src/base/messages.h by make messages"
END = ".\\\" end of messages"
# The levels in order of severity, and the heading of each in the page.
HEADS = {
    "DIAG_WARNING": "Warnings (the exit status is unchanged)",
    "DIAG_ERROR": "Errors in the input (exit status 1)",
    "DIAG_SYSERR": "Other trouble (exit status 2)",
}


def catalogue():
    text = (ROOT / "src/base/messages.h").read_text()
    body = text[text.index("#define DIAG_MESSAGES(X)"):text.rindex("#endif")]
    body = re.sub(r"/\*.*?\*/", "", body, flags=re.S).replace("\\\n", " ")
    entries = []
    for m in re.finditer(r'X\((\w+),\s*(DIAG_\w+),\s*((?:"(?:[^"\\]|\\.)*"\s*)+)', body):
        fmt = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(3)))
        fmt = fmt.replace('\\"', '"').replace("%%", "%")
        entries.append((m.group(1), m.group(2), fmt))
    return entries


def roff_text(s):
    """s as roff text lines of at most 80 bytes, broken at single spaces
    (which roff joins again), backslashes escaped, no line beginning with a
    control character."""
    lines, line = [], ""
    for word in s.replace("\\", "\\e").split(" "):
        if line and len((line + " " + word).encode()) > 80:
            lines.append(line)
            line = word
        else:
            line = line + " " + word if line else word
    lines.append(line)
    return "\n".join("\\&" + l if l[:1] in (".", "'") else l for l in lines)


def section(entries):
    lines = [BEGIN]
    level = None
    for name, lvl, fmt in entries:
        if lvl != level:
            if level is not None:
                lines.append(".El")
            lines += [".Ss " + HEADS[lvl], ".Bl -tag -width Ds"]
            level = lvl
        lines += [".It Sy " + name, roff_text(fmt)]
    if level is not None:
        lines.append(".El")
    lines.append(END)
    return "\n".join(lines)


def main():
    text = PAGE.read_text()
    entries = catalogue()
    want = section(entries)
    have = re.search(re.escape(BEGIN) + r".*?" + re.escape(END), text, re.S)
    if "--write" in sys.argv:
        if not have:
            sys.exit("docs/vorlage.1 has no message list markers")
        PAGE.write_text(text[:have.start()] + want + text[have.end():])
        return
    levels = [list(HEADS).index(level) for _, level, _ in entries]
    print(("ok" if len(entries) > 40 else "FAIL") + " messages-catalogue-parsed")
    print(("ok" if levels == sorted(levels) else "FAIL") + " messages-ordered-by-severity")
    if have and have.group(0) == want:
        print("ok messages-manpage-current")
    else:
        print("FAIL messages-manpage-current: run `make messages`")


main()
