#!/usr/bin/env bash
# t_hostile.sh: hostile and broken inputs at the program's edges: where the
# PDF may be written (only a regular file or a missing path, never an input
# of the run under another name), files that would block (FIFOs), a
# signature image leading out of the source's directory, an image too large
# to decode, signals during the write, a long output name.
cd "$(dirname "$0")/.." || exit 2
. tests/lib.sh
PLAIN=${VORLAGE_PLAIN:-$PWD/build/vorlage}
H=$T/hostile
rm -rf "$H"; mkdir -p "$H"
SRC=xml/vorlage-18-1828.xml
TPL=templates/landtag-nrw.xml
# run OUT... : the program with a time limit (a FIFO must never block it)
run() { timeout 60 "$VORLAGE" "$@" >"$H/out.log" 2>"$H/err.log"; }
no_temp() { ! ls -a "$1" | grep -q '^\..*\.pdf\.'; }

# ---- where the output may go -------------------------------------------

mkfifo "$H/fifo.pdf"
run build "$SRC" -o "$H/fifo.pdf" -q; rc=$?
expect out-fifo-refused test $rc -eq 2 -a -p "$H/fifo.pdf"
expect out-fifo-message grep -q 'fifo.pdf: error: cannot write: not a regular file' "$H/err.log"

ln -s /dev/null "$H/null.pdf"
run build "$SRC" -o "$H/null.pdf" -q; rc=$?
expect out-device-refused test $rc -eq 2 -a -L "$H/null.pdf" -a -c /dev/null

mkdir "$H/dir.pdf"
run build "$SRC" -o "$H/dir.pdf" -q; rc=$?
expect out-directory-refused test $rc -eq 2 -a -d "$H/dir.pdf"

# every input of the run under another name (a hard link): refused, untouched
i=0
for f in "$SRC" "$TPL" fonts/LiberationSans-Regular.ttf fonts/LiberationSans-BoldItalic.ttf \
    build/share/sRGB.icc build/share/hyph_de_DE.dic build/share/hyph_en_US.dic.cache xml/vorlage.xsd; do
	i=$((i + 1))
	sum=$(sha256sum <"$f")
	ln "$f" "$H/input-$i.pdf" || { fail "out-input-$i" "cannot link $f"; continue; }
	run build "$SRC" -o "$H/input-$i.pdf" -q; rc=$?
	if [ $rc -eq 2 ] && [ "$(sha256sum <"$f")" = "$sum" ] && [ "$H/input-$i.pdf" -ef "$f" ] &&
	   grep -q 'it is an input of this run' "$H/err.log"; then ok "out-input-$(basename "$f")"
	else fail "out-input-$(basename "$f")" "rc $rc: $(head -2 "$H/err.log")"; fi
done

# the signature image named as the output
mkdir -p "$H/sig"
sed 's|<unterschrift>|<unterschrift bild="unterschrift.png">|' "$SRC" >"$H/sig/vorlage.xml"
cp tests/data/unterschrift.png "$H/sig/"
sum=$(sha256sum <"$H/sig/unterschrift.png")
run build "$H/sig/vorlage.xml" -o "$H/sig/unterschrift.png" -q; rc=$?
expect out-signature-refused test $rc -eq 2 -a "$(sha256sum <"$H/sig/unterschrift.png")" = "$sum"

# a name of 254 bytes is a valid name: the temporary name must fit NAME_MAX
long=$(printf 'a%.0s' $(seq 250)).pdf
run build "$SRC" -o "$H/$long" -q; rc=$?
expect out-long-name test $rc -eq 0 -a -s "$H/$long"
expect out-long-name-no-temp no_temp "$H"

# ---- files that would block ----------------------------------------------

mkfifo "$H/tpl.fifo"
run build "$SRC" -t "$H/tpl.fifo" -o "$H/t.pdf" -q; rc=$?
expect fifo-template test $rc -eq 2 -a ! -e "$H/t.pdf"

# a template whose font, ICC profile or dictionary is a FIFO
mkfifo "$H/res.fifo"
for kind in font icc dict; do
	case $kind in
	font) pat='fonts/LiberationSans-Bold.ttf' ;;
	icc) pat='build/share/sRGB.icc' ;;
	dict) pat='build/share/hyph_en_US.dic' ;;
	esac
	sed "s|datei=\"$pat\"|datei=\"$H/res.fifo\"|" "$TPL" >"$H/tpl-$kind.xml"
	run build "$SRC" -t "$H/tpl-$kind.xml" -o "$H/t.pdf" -q; rc=$?
	if [ $rc -eq 2 ] && [ ! -e "$H/t.pdf" ] && grep -q 'res.fifo' "$H/err.log"; then ok "fifo-$kind"
	else fail "fifo-$kind" "rc $rc: $(head -2 "$H/err.log")"; fi
done

# a dictionary whose cache is a FIFO: the cache is not used, nothing blocks
cp build/share/hyph_en_US.dic "$H/en.dic"
mkfifo "$H/en.dic.cache"
sed "s|datei=\"build/share/hyph_en_US.dic\"|datei=\"$H/en.dic\"|" "$TPL" >"$H/tpl-cache.xml"
run build "$SRC" -t "$H/tpl-cache.xml" -o "$H/t.pdf" -q; rc=$?
expect fifo-dict-cache test $rc -eq 0 -a -s "$H/t.pdf"

# the signature image a FIFO
mkdir -p "$H/sigfifo"
cp "$H/sig/vorlage.xml" "$H/sigfifo/"
mkfifo "$H/sigfifo/unterschrift.png"
run build "$H/sigfifo/vorlage.xml" -o "$H/sf.pdf" -q; rc=$?
expect fifo-signature test $rc -eq 2 -a ! -e "$H/sf.pdf"

# a figure's image a FIFO: `check` reads its first bytes and must not wait
mkdir -p "$H/figfifo"
cp xml/beispiel-bericht.xml "$H/figfifo/"
mkfifo "$H/figfifo/beispiel-balken.png"
run check "$H/figfifo/beispiel-bericht.xml"; rc=$?
expect fifo-figure test $rc -eq 1
expect fifo-figure-message grep -q "beispiel-balken.png' is not a PNG" "$H/err.log"

# ---- the signature image ----------------------------------------------------

# a symbolic link leading out of the source's directory: refused
mkdir -p "$H/siglink" "$H/elsewhere"
cp "$H/sig/vorlage.xml" "$H/siglink/"
cp tests/data/unterschrift.png "$H/elsewhere/secret.png"
ln -s ../elsewhere/secret.png "$H/siglink/unterschrift.png"
run build "$H/siglink/vorlage.xml" -o "$H/sl.pdf" -q; rc=$?
expect signature-symlink-outside test $rc -eq 1 -a ! -e "$H/sl.pdf"
expect signature-symlink-message grep -q "signature image 'unterschrift.png' leads outside the source's directory" "$H/err.log"
# a link inside the directory is fine
cp tests/data/unterschrift.png "$H/siglink/real.png"
ln -sf real.png "$H/siglink/unterschrift.png"
run build "$H/siglink/vorlage.xml" -o "$H/sl.pdf" -q; rc=$?
expect signature-symlink-inside test $rc -eq 0 -a -s "$H/sl.pdf"

# its size is known at layout: the box dump shows the width (120 x 40 px at
# the template's height), and a broken PNG is an error before any layout
run layout "$H/sig/vorlage.xml"; rc=$?
w=$(awk '$1 == "image" { print $4 }' "$H/out.log")
h=$(awk '$1 == "image" { print $5 }' "$H/out.log")
expect layout-signature-width test $rc -eq 0 -a -n "$w" -a "${w:-0}" -gt 0 -a "${w:-0}" = "$(( (${h:-0} * 3) ))"
mkdir -p "$H/sigbad"
cp "$H/sig/vorlage.xml" "$H/sigbad/"
printf '\x89PNG\r\n\x1a\nbroken' >"$H/sigbad/unterschrift.png"
run layout "$H/sigbad/vorlage.xml"; rc=$?
expect layout-broken-png test $rc -eq 2 -a ! -s "$H/out.log"
expect layout-broken-png-message grep -q 'unterschrift.png: error: cannot load signature image: broken PNG' "$H/err.log"

# more than 4 megapixels: refused at once, with the size
/usr/bin/python3 - "$H/sigbig/unterschrift.png" <<'PY'
import os, struct, sys, zlib
path = sys.argv[1]
os.makedirs(os.path.dirname(path), exist_ok=True)
w = h = 2100
def chunk(t, d):
    return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
raw = (b'\0' + b'\xff' * w) * h
with open(path, 'wb') as f:
    f.write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 0, 0, 0, 0))
            + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b''))
PY
cp "$H/sig/vorlage.xml" "$H/sigbig/"
run build "$H/sigbig/vorlage.xml" -o "$H/big.pdf" -q; rc=$?
expect png-too-large test $rc -eq 2 -a ! -e "$H/big.pdf"
expect png-too-large-message grep -q '2100 x 2100 pixels, more than' "$H/err.log"

# ---- signals during the write --------------------------------------------

# fsync held back 3 s: the temporary file exists while the signal comes;
# the handler removes it and the program dies of the signal
for sig in TERM HUP; do
	d=$H/signal-$sig
	mkdir -p "$d"
	strace -f -o /dev/null -e trace=fsync -e inject=fsync:delay_enter=3000000 \
	    "$PLAIN" build "$SRC" -o "$d/out.pdf" -q 2>"$d/err.log" &
	tracer=$!
	for _ in $(seq 100); do
		ls -a "$d" | grep -q '^\.out\.pdf\.' && break
		sleep 0.1
	done
	child=$(pgrep -P $tracer | head -1)
	had_temp=no
	ls -a "$d" | grep -q '^\.out\.pdf\.' && had_temp=yes
	[ -n "$child" ] && kill -s "$sig" "$child"
	{ wait $tracer; } 2>/dev/null; rc=$?
	if [ $had_temp = yes ] && no_temp "$d" && [ ! -e "$d/out.pdf" ]; then ok "signal-$sig-cleans-up"
	else fail "signal-$sig-cleans-up" "temp seen: $had_temp, rc $rc, left: $(ls -a "$d" | tr '\n' ' ')"; fi
done

rm -rf "$H"
