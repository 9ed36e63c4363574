#!/usr/bin/env python3
"""t_messages.py: README.md's table of messages is the catalogue in
src/base/messages.h (DIAG_MESSAGES). With --write, rewrites the table in README.md
(`make messages`); without, checks that it is current."""
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BEGIN = "<!-- messages: generated from src/base/messages.h by `make messages` -->"
END = "<!-- end of messages -->"
EXIT = {"DIAG_WARNING": ("warning", "0"), "DIAG_ERROR": ("error", "1"), "DIAG_SYSERR": ("error", "2")}


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


def table(entries):
    rows = ["| code | level | exit | message |", "|---|---|---|---|"]
    for name, level, fmt in entries:
        lvl, code = EXIT[level]
        rows.append("| `%s` | %s | %s | `%s` |" % (name, lvl, code, fmt.replace("|", "\\|")))
    return "\n".join(rows)


def main():
    readme = ROOT / "README.md"
    text = readme.read_text()
    entries = catalogue()
    want = BEGIN + "\n" + table(entries) + "\n" + END
    have = re.search(re.escape(BEGIN) + r".*?" + re.escape(END), text, re.S)
    if "--write" in sys.argv:
        if not have:
            sys.exit("README.md has no message table markers")
        readme.write_text(text[:have.start()] + want + text[have.end():])
        return
    levels = [list(EXIT).index(level) for _, level, _ in entries]
    print(("ok" if len(entries) > 40 else "FAIL") + " messages-catalogue-parsed")
    print(("ok" if levels == sorted(levels) else "FAIL") + " messages-ordered-by-severity")
    if have and have.group(0) == want:
        print("ok messages-readme-current")
    else:
        print("FAIL messages-readme-current: run `make messages`")


main()
