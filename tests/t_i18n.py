#!/usr/bin/env python3
"""t_i18n.py: the messages in German and English (GNU gettext, po/de.po).

- po/de.po translates every entry of the catalogue (src/base/messages.h) and
  every other text of the template tools/mkpot.py makes (msgcmp), with the
  printf conversions of the English (msgfmt --check-format);
- under LANG=de_DE.UTF-8 (also LC_ALL, LC_MESSAGES; whether or not the
  locale is installed) every message of a set of bad inputs is the German
  text of its catalogue entry, none the English one, and the level words are
  German; under LANG=C, and under LC_ALL=C whatever LANG says, English;
- the help is German too.
Each message is matched against its entry's format (the JSON output names
the entry), so a message that stayed English is found."""
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path



def ok(name):
    print("ok " + name)


def fail(name, why=""):
    print("FAIL %s%s" % (name, ": " + why if why else ""))


ROOT = Path(__file__).resolve().parent.parent
PROG = os.environ.get("VORLAGE", str(ROOT / "build/asan/vorlage"))
T = Path(os.environ.get("TMPDIR_TESTS", ROOT / "tests/scratch/t_i18n.py"))
T.mkdir(parents=True, exist_ok=True)
MINIMAL = (ROOT / "tests/regress/valid/minimal.xml").read_text()


def catalogue():
    """{NAME: English format} from src/base/messages.h."""
    text = (ROOT / "src/base/messages.h").read_text()
    body = text[text.index("#define DIAG_MESSAGES(X)"):text.rindex("#endif")]
    body = re.sub(r"/\*.*?\*/", "", body, flags=re.S).replace("\\\n", " ")
    out = {}
    for m in re.finditer(r'X\((\w+),\s*(DIAG_\w+),\s*((?:"(?:[^"\\]|\\.)*"\s*)+)', body):
        out[m.group(1)] = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(3)))
    return out


def unescape(s):
    return s.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


def po_entries(path):
    """{msgid: msgstr} of a .po file (C escapes kept, as in the source)."""
    entries, cur, key = {}, {}, None
    for line in Path(path).read_text().splitlines() + [""]:
        if not line.strip():
            if "msgid" in cur:
                entries[cur["msgid"]] = cur.get("msgstr", cur.get("msgstr[0]", ""))
            cur, key = {}, None
            continue
        if line.startswith("#"):
            continue
        m = re.match(r'^(msgid|msgid_plural|msgstr|msgstr\[\d\]) "(.*)"$', line)
        if m:
            key = m.group(1)
            cur[key] = m.group(2)
        elif line.startswith('"') and key:
            cur[key] += line[1:-1]
    return entries


def fmt_regex(fmt):
    """A printf format (C escapes as in the source) as an anchored regex."""
    s = unescape(fmt)
    out, i = "", 0
    for m in re.finditer(r"%(%|[-+ #0]*\d*(?:\.(?:\*|\d+))?(?:ll|l|z|h)?[sdiuxXfgc])", s):
        out += re.escape(s[i:m.start()])
        out += "%" if m.group(1) == "%" else "(.*?)"
        i = m.end()
    out += re.escape(s[i:])
    return re.compile("^" + out + "$", re.S)


def run(args, env_changes, stdin=None):
    env = {k: v for k, v in os.environ.items()
           if k not in ("LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LOCPATH")}
    env.update(env_changes)
    return subprocess.run([PROG] + args, env=env, capture_output=True, text=True, input=stdin)


def bad_inputs():
    """Sources whose messages name no English word as an argument."""
    cases = {
        "amp": ("Die Fraktion bat", "Die Fraktion & bat"),
        "lt": ("Die Fraktion bat", "Die Fraktion < 5 bat"),
        "nbsp": ("Die Fraktion bat", "Die&nbsp;Fraktion bat"),
        "element": ("<gruss>Mit freundlichen Grüßen</gruss>", "<gruesse>Mit freundlichen Grüßen</gruesse>"),
        "attribute": ('<frage titel="Frage">', '<frage titl="Frage">'),
        "missing": ('<partner id="schlesien" art="woiwodschaft" land="PL">', "<partner>"),
        "pattern": ('verteiler="A06"', 'verteiler="a6"'),
        "choice": ('art="woiwodschaft"', 'art="woiwodschft"'),
        "date": ('sitzung="2023-11-03"', 'sitzung="3. Nov"'),
        "date-german": ('wert="2018-07-20"', 'wert="20.07.2018"'),
        "no-such-date": ('wert="2018-07-20"', 'wert="2018-02-30"'),
        "quotes": ("<zitat>Vereinbarungen</zitat>", "„Vereinbarungen“"),
        "unknown-partner": ('<partnerRef ref="sichuan">', '<partnerRef ref="chengdu">'),
        "date-text": ("20. Juli 2018", "21. Juli 2018"),
        "empty-paragraph": ("<absatz>Bitte legen Sie dar.</absatz>", "<absatz> </absatz>"),
    }
    files = []
    for name, (a, b) in cases.items():
        assert a in MINIMAL, name
        p = T / (name + ".xml")
        p.write_text(MINIMAL.replace(a, b, 1))
        files.append(str(p))
    latin1 = T / "latin1.xml"
    latin1.write_bytes(MINIMAL.encode("latin-1"))
    files.append(str(latin1))
    files.append(str(T / "does-not-exist.xml"))
    return files


def check_language(name, env, formats, other, files):
    """Every message of check FILES under env is its entry's text in
    formats (po msgstr or English), none the other language's."""
    r = run(["check", "--diagnostics=json"] + files, env)
    try:
        msgs = json.loads(r.stderr)
    except ValueError:
        fail(name, "no JSON: " + r.stderr[:200])
        return
    bad = []
    for m in msgs:
        fmt = formats.get(m["code"])
        if fmt is None or not fmt_regex(fmt).match(m["message"]):
            bad.append("%s: %r" % (m["code"], m["message"]))
        elif other.get(m["code"]) != fmt and fmt_regex(other[m["code"]]).match(m["message"]):
            bad.append("%s in the other language: %r" % (m["code"], m["message"]))
    codes = {m["code"] for m in msgs}
    if len(msgs) < len(files) or len(codes) < 12:
        bad.append("only %d messages (%d codes)" % (len(msgs), len(codes)))
    if bad:
        fail(name, "; ".join(bad[:4]))
    else:
        ok(name)


def main():
    cat = catalogue()
    n_entries = (ROOT / "src/base/messages.h").read_text().count("\tX(")
    if len(cat) == n_entries:
        ok("catalogue-read-whole")
    else:
        fail("catalogue-read-whole", "%d of %d entries" % (len(cat), n_entries))
    de_po = po_entries(ROOT / "po/de.po")

    # coverage: every catalogue entry translated, the formats compatible
    untranslated = [n for n, f in cat.items() if not de_po.get(f)]
    if untranslated:
        fail("po-covers-catalogue", "no German for " + ", ".join(untranslated[:8]))
    else:
        ok("po-covers-catalogue")
    pot = T / "vorlage.pot"
    r = subprocess.run(["/usr/bin/python3", str(ROOT / "tools/mkpot.py"), str(pot)],
                       capture_output=True, text=True)
    if r.returncode != 0 or not shutil.which("msgcmp"):
        fail("po-covers-template", r.stderr[:200] or "msgcmp missing (package gettext)")
    else:
        r = subprocess.run(["msgcmp", str(ROOT / "po/de.po"), str(pot)], capture_output=True, text=True)
        if r.returncode == 0:
            ok("po-covers-template")
        else:
            fail("po-covers-template", r.stderr.strip()[:300])
    r = subprocess.run(["msgfmt", "--check-format", "--check-header", "-o", "/dev/null",
                        str(ROOT / "po/de.po")], capture_output=True, text=True)
    if r.returncode == 0:
        ok("po-check-format")
    else:
        fail("po-check-format", r.stderr.strip()[:300])
    # the test of coverage fails on a catalogue entry without translation
    short = T / "short.po"
    short.write_text((ROOT / "po/de.po").read_text().replace(
        'msgstr "leeres Dokument"', 'msgstr ""'))
    r = subprocess.run(["msgcmp", str(short), str(pot)], capture_output=True, text=True)
    if r.returncode != 0:
        ok("po-coverage-test-catches-a-gap")
    else:
        fail("po-coverage-test-catches-a-gap", "msgcmp accepted an untranslated entry")

    german = {n: de_po.get(f, "") for n, f in cat.items()}
    english = dict(cat)
    files = bad_inputs()
    check_language("german-under-LANG", {"LANG": "de_DE.UTF-8"}, german, english, files)
    check_language("german-under-LC_ALL", {"LC_ALL": "de_DE.UTF-8", "LANG": "C"}, german, english, files)
    check_language("german-under-LC_MESSAGES", {"LC_MESSAGES": "de_AT.UTF-8"}, german, english, files)
    check_language("english-under-LANG-C", {"LANG": "C"}, english, german, files)
    check_language("english-under-LC_ALL-C", {"LC_ALL": "C", "LANG": "de_DE.UTF-8"}, english, german, files)
    check_language("english-without-locale", {}, english, german, files)

    # with the German locale really installed (a private copy: LOCPATH)
    loc = T / "locale"
    loc.mkdir(exist_ok=True)
    if shutil.which("localedef") and subprocess.run(
            ["localedef", "-i", "de_DE", "-f", "UTF-8", str(loc / "de_DE.UTF-8")],
            capture_output=True).returncode in (0, 1) and (loc / "de_DE.UTF-8").exists():
        check_language("german-with-installed-locale",
                       {"LANG": "de_DE.UTF-8", "LOCPATH": str(loc)}, german, english, files)
    else:
        print("skip german-with-installed-locale: localedef cannot build de_DE.UTF-8 here")

    # the level words and the plain lines
    r = run(["check", "--diagnostics=plain", files[0], str(T / "quotes.xml")], {"LANG": "de_DE.UTF-8"})
    lines = r.stderr.splitlines()
    if len(lines) == 2 and ": Fehler: " in lines[0] and ": Warnung: " in lines[1]:
        ok("german-level-words")
    else:
        fail("german-level-words", r.stderr[:200])
    r = run(["check", files[0]], {"LANG": "C"})
    if ": error: a bare '&'" in r.stderr:
        ok("english-level-words")
    else:
        fail("english-level-words", r.stderr[:200])
    # a usage error and its hint, the help
    r = run(["biuld"], {"LANG": "de_DE.UTF-8"})
    if r.returncode == 2 and "unbekannter Befehl „biuld“: meinten Sie „build“?" in r.stderr \
            and "vorlage --help" in r.stderr and "Try" not in r.stderr:
        ok("german-usage")
    else:
        fail("german-usage", r.stderr[:200])
    r = run(["--help"], {"LANG": "de_DE.UTF-8"})
    if r.returncode == 0 and r.stdout.startswith("Aufruf: vorlage") and "Befehle:" in r.stdout \
            and "Optionen:" in r.stdout and "Rückgabewert" in r.stdout:
        ok("german-help")
    else:
        fail("german-help", r.stdout[:200])
    # numbers keep their decimal point (only LC_MESSAGES is German)
    r = run(["build", str(ROOT / "xml/vorlage-18-1828.xml"), "-o", str(T / "de.pdf"), "-q"],
            {"LC_ALL": "de_DE.UTF-8", "LOCPATH": str(loc)})
    r2 = run(["build", str(ROOT / "xml/vorlage-18-1828.xml"), "-o", str(T / "c.pdf"), "-q"], {"LANG": "C"})
    if r.returncode == 0 and r2.returncode == 0 and (T / "de.pdf").read_bytes() == (T / "c.pdf").read_bytes():
        ok("german-locale-same-pdf")
    else:
        fail("german-locale-same-pdf", r.stderr[:200])


main()
