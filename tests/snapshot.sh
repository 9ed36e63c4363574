#!/usr/bin/env bash
# tests/snapshot.sh DIR [PROGRAM]: writes every output the program makes of
# the repository's documents into DIR (the Vorlage in both templates, plain
# and archival, every annex, the signature-image variant, the example report,
# the box dumps of the feature cases and the model dumps) and prints their SHA-256 sums. Two snapshots compare a
# change that must not move a byte: diff <(tests/snapshot.sh a) <(…).
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
cd "$dir" && find . -type f ! -name '*.xml' ! -name '*.png' | sort | xargs sha256sum
