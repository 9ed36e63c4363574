#!/usr/bin/env bash
# tests/snapshot.sh DIR [PROGRAM]: writes every output the program makes of
# the repository's documents into DIR (the Vorlage in both templates, plain
# and archival, every annex, the signature-image variant, the example report,
# the box dumps of the feature cases and the model dumps) and prints their SHA-256 sums. Two snapshots compare a
# change that must not move a byte: diff <(tests/snapshot.sh a) <(…);
# SNAPSHOT_NO_ID=1 leaves the PDFs' /ID out (see the end).
set -eu
cd "$(dirname "$0")/.."
dir=$1; prog=${2:-$PWD/build/vorlage}
rm -rf "$dir"; mkdir -p "$dir/sig"
src=xml/vorlage-18-1828.xml
"$prog" build "$src" -o "$dir/vorlage.pdf" -q
"$prog" build "$src" -o "$dir/vorlage-plain.pdf" --no-archival -q
"$prog" build "$src" -t templates/din5008.xml -o "$dir/vorlage-din.pdf" -q
"$prog" annex "$src" --all -d "$dir/anlagen" -q
"$prog" layout "$src" > "$dir/vorlage.layout"
"$prog" layout "$src" -t templates/din5008.xml > "$dir/vorlage-din.layout"
"$prog" layout "$src" --partner schlesien > "$dir/schlesien.layout"
"$prog" dump "$src" > "$dir/vorlage.dump"
sed 's|<unterschrift>|<unterschrift bild="unterschrift.png">|' "$src" > "$dir/sig/vorlage.xml"
cp tests/data/unterschrift.png "$dir/sig/"
"$prog" build "$dir/sig/vorlage.xml" -o "$dir/sig/vorlage-sig.pdf" -q
# The example report in both templates and every feature case's box dump.
"$prog" build xml/beispiel-bericht.xml -o "$dir/beispiel.pdf" -q
"$prog" build xml/beispiel-bericht.xml -t templates/din5008.xml -o "$dir/beispiel-din.pdf" -q
"$prog" layout xml/beispiel-bericht.xml > "$dir/beispiel.layout"
"$prog" dump xml/beispiel-bericht.xml > "$dir/beispiel.dump"
mkdir -p "$dir/cases"
for f in tests/regress/*/*.layout; do c=${f%.layout}; n=${c#tests/regress/}; "$prog" layout "$c.xml" > "$dir/cases/${n//\//-}.layout" 2>&1 || true; done
# SNAPSHOT_NO_ID=1: each PDF's sum taken with its trailer /ID zeroed. The /ID
# hashes the inputs, the template's bytes among them, so a template edited
# without changing what it means (values written out that were defaults, a
# comment) moves every PDF by its /ID alone; this compares all the rest.
cd "$dir"
if [ "${SNAPSHOT_NO_ID:-0}" = 1 ]; then
	find . -type f ! -name '*.xml' ! -name '*.png' | sort | python3 -c '
import hashlib, re, sys
for p in sys.stdin.read().split("\n")[:-1]:
    b = open(p, "rb").read()
    if p.endswith(".pdf"):
        b, n = re.subn(rb"/ID \[ <[0-9A-F]{32}> <[0-9A-F]{32}> \]", b"/ID [ <0> <0> ]", b)
        if n != 1:
            sys.exit("%s: %d trailer IDs" % (p, n))
    print("%s  %s" % (hashlib.sha256(b).hexdigest(), p))'
else
	find . -type f ! -name '*.xml' ! -name '*.png' | sort | xargs sha256sum
fi
