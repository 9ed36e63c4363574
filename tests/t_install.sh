#!/usr/bin/env bash
# t_install.sh: make install into a scratch DESTDIR/PREFIX: the program,
# its resources in PREFIX/share/vorlage, the manual; the installed program
# finds them without VORLAGE_HOME, from any directory, and makes the same
# bytes as the build tree's; its messages are German under de_*; uninstall
# takes everything away again.
cd "$(dirname "$0")/.." || exit 2
. tests/lib.sh
ROOT=$PWD
PLAIN=${VORLAGE_PLAIN:-$ROOT/build/vorlage}
dest=$T/dest
prefix=/opt/vorlage-test
rm -rf "$dest"
if env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -s install DESTDIR="$dest" PREFIX="$prefix" >"$T/make.out" 2>&1; then
	ok install-runs
else
	fail install-runs "$(tail -3 "$T/make.out")"
fi
bin=$dest$prefix/bin/vorlage
data=$dest$prefix/share/vorlage
expect install-program test -x "$bin"
for f in templates/landtag-nrw.xml templates/din5008.xml templates/template.xsd xml/vorlage.xsd \
	xml/xml.xsd fonts/LiberationSans-Regular.ttf hyph_de_DE.dic hyph_de_DE.dic.cache \
	hyph_en_US.dic hyph_en_US.dic.cache sRGB.icc locale/de/LC_MESSAGES/vorlage.mo; do
	expect "install-has-$f" test -s "$data/$f"
done
expect install-man-page test -s "$dest$prefix/share/man/man1/vorlage.1"
# a cache is valid for the dictionary of its time: both times kept
expect install-keeps-dictionary-times test "$(stat -c %y "$data/hyph_de_DE.dic")" = \
	"$(stat -c %y build/share/hyph_de_DE.dic)"

# from another directory, without VORLAGE_HOME: the same bytes
mkdir -p "$T/elsewhere"
"$PLAIN" build xml/vorlage-18-1828.xml -o "$T/tree.pdf" -q
(cd "$T/elsewhere" && env -u VORLAGE_HOME "$bin" build "$ROOT/xml/vorlage-18-1828.xml" \
	-o installed.pdf -q) 2>"$T/err"
expect installed-same-pdf cmp -s "$T/tree.pdf" "$T/elsewhere/installed.pdf"
expect installed-quiet test ! -s "$T/err"
(cd "$T/elsewhere" && env -u VORLAGE_HOME "$bin" build "$ROOT/xml/vorlage-18-1828.xml" \
	-t "$data/templates/din5008.xml" -o din.pdf -q)
"$PLAIN" build xml/vorlage-18-1828.xml -t templates/din5008.xml -o "$T/tree-din.pdf" -q
expect installed-same-pdf-din cmp -s "$T/tree-din.pdf" "$T/elsewhere/din.pdf"
# the schema, the locale and new from the installed tree
sed 's|Die Fraktion bat|Die Fraktion \& bat|' tests/regress/valid/minimal.xml >"$T/amp.xml"
(cd "$T/elsewhere" && env -u VORLAGE_HOME LANG=de_DE.UTF-8 "$bin" check "$T/amp.xml") 2>"$T/err"
expect installed-german grep -q "Fehler: ein einzelnes „&“" "$T/err"
(cd "$T/elsewhere" && env -u VORLAGE_HOME "$bin" new neu.xml -q && env -u VORLAGE_HOME "$bin" check neu.xml) \
	>"$T/out" 2>&1
expect installed-new-checks test ! -s "$T/out"
expect installed-new-names-installed-schema grep -q "href=\"file://$data/xml/vorlage.xsd\"" "$T/elsewhere/neu.xml"

env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -s uninstall DESTDIR="$dest" PREFIX="$prefix" >"$T/make.out" 2>&1
expect uninstall-removes-all test -z "$(find "$dest" -type f)"
