"""t_layers.py: the house rules of src/, read from the sources.

- src/ holds stage folders only (base, engine, front, pdf, compose, cli);
- includes between folders run one way: a folder includes its own headers
  and the public headers of the folders below it (LOWER), never of a folder
  above or beside it, and never another folder's internal header (*_int.h,
  or any header not in PUBLIC);
- only the front end's XML reader includes libxml2, only the PDF back end
  includes libharu, only the engine's hyphenation includes libhyphen;
- no source file is longer than MAX_LINES lines;
- inside a folder that is a ladder (LADDER: the composer), a file includes
  only the headers of its own rung or the rungs below, so that the drivers
  call the blocks and the helpers, the blocks only the helpers, and nothing
  calls up.
Each rule is shown to fail on a broken copy of one file (mutations below).
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
MAX_LINES = 900

# What each folder may include from other folders (its own are always fine).
LOWER = {
    "base": set(),
    "engine": {"base"},
    "front": {"base", "engine"},
    "pdf": {"base", "engine"},
    "compose": {"base", "engine", "front"},
    "cli": {"base", "engine", "front", "pdf", "compose"},
}
PUBLIC = {
    "base/base.h", "engine/engine.h", "engine/layout.h", "front/front.h",
    "pdf/pdf.h", "compose/compose.h",
}
# System headers of a library: the only folders (and files) that include them.
LIBRARY = {
    "libxml/": ("front", {"xmlsrc.c", "xsdnames.c", "front_int.h"}),
    "hpdf": ("pdf", None),
    "hyphen.h": ("engine", {"hyph.c", "hyphcache.c", "hyph_int.h"}),
    "png.h": ("base", {"image.c"}),
}

# Folders whose files stand on rungs (by the stem of the file's name), lowest
# first: a .c or .h file includes the headers of its rung or below.
LADDER = {
    "compose": {"compose_util": 0, "compose_blocks": 1, "compose": 2},
}

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)


def problems(folder, name, text):
    """The rules one file breaks: a list of (rule, detail)."""
    out = []
    nlines = text.count("\n")
    if nlines > MAX_LINES:
        out.append(("file-length", "%d lines" % nlines))
    for kind, inc in INCLUDE.findall(text):
        if kind == "<":
            for prefix, (lib_folder, files) in LIBRARY.items():
                if inc.startswith(prefix) and (
                        folder != lib_folder or (files is not None and name not in files)):
                    out.append(("library", "%s includes <%s>" % (name, inc)))
            continue
        if "/" not in inc:
            if not (ROOT / "src" / folder / inc).exists():
                out.append(("include-missing", inc))
            rungs = LADDER.get(folder)
            if rungs is not None:
                mine, theirs = rungs.get(name.rsplit(".", 1)[0]), rungs.get(inc.rsplit(".", 1)[0])
                if mine is None or theirs is None:
                    out.append(("ladder", "%s/%s or %s has no rung" % (folder, name, inc)))
                elif theirs > mine:
                    out.append(("ladder", "%s/%s includes %s, a rung above" % (folder, name, inc)))
            continue
        other = inc.split("/")[0]
        if other == folder:
            out.append(("include-own-by-path", inc))
        elif other not in LOWER.get(folder, set()):
            out.append(("include-upwards", "%s/%s includes %s" % (folder, name, inc)))
        elif inc not in PUBLIC:
            out.append(("include-internal", "%s/%s includes %s" % (folder, name, inc)))
    return out


def check_tree():
    bad = []
    loose = [p.name for p in (ROOT / "src").iterdir() if p.is_file()]
    if loose:
        bad.append(("folders", "files outside a stage folder: " + " ".join(sorted(loose))))
    for d in sorted((ROOT / "src").iterdir()):
        if not d.is_dir():
            continue
        if d.name not in LOWER:
            bad.append(("folders", "unknown folder src/" + d.name))
            continue
        for f in sorted(d.glob("*.[ch]")):
            for rule, detail in problems(d.name, f.name, f.read_text()):
                bad.append((rule, "src/%s/%s: %s" % (d.name, f.name, detail)))
    return bad


def main():
    bad = check_tree()
    rules = ["folders", "include-upwards", "include-internal", "include-own-by-path",
             "include-missing", "library", "file-length", "ladder"]
    for rule in rules:
        hits = [d for r, d in bad if r == rule]
        print(("FAIL layers-%s: %s" % (rule, "; ".join(hits[:5]))) if hits else "ok layers-" + rule)
    # Each rule fails on a file broken that one way.
    mutations = [
        ("include-upwards", "engine", "x.c", '#include "front/front.h"\n'),
        ("include-upwards", "pdf", "x.c", '#include "compose/compose.h"\n'),
        ("include-internal", "compose", "x.c", '#include "engine/engine_int.h"\n'),
        ("include-own-by-path", "engine", "x.c", '#include "engine/engine.h"\n'),
        ("include-missing", "base", "x.c", '#include "nothere.h"\n'),
        ("library", "compose", "x.c", "#include <libxml/tree.h>\n"),
        ("library", "engine", "x.c", "#include <hpdf.h>\n"),
        ("file-length", "base", "x.c", "\n" * (MAX_LINES + 1)),
        ("ladder", "compose", "compose_util.c", '#include "compose_blocks.h"\n'),
        ("ladder", "compose", "compose_blocks.c", '#include "compose.h"\n'),
        ("ladder", "compose", "x.c", '#include "compose_util.h"\n'),
    ]
    for rule, folder, name, text in mutations:
        found = [r for r, _ in problems(folder, name, text)]
        n = "layers-mutation-%s-%s" % (rule, folder)
        if name != "x.c":
            n += "-" + name.split(".")[0]
        print(("ok " if rule in found else "FAIL ") + n)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
