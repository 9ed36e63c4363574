#!/usr/bin/env bash
# t_hostile_source.sh: hostile sources in the front end. A paragraph split into
# 100 000 pieces (comments, processing instructions, <festesLeerzeichen/>,
# <trennstelle/>) must check and build its model in linear time and memory:
# peak RSS at most 64 MiB above that of the small document it was made from
# (the plain build; memory, not time, so the test does not depend on load).
# A character the fonts lack is an error at its paragraph in the source.
cd "$(dirname "$0")/.." || exit 2
. tests/lib.sh
PLAIN=${VORLAGE_PLAIN:-$PWD/build/vorlage}
SRC=tests/regress/valid/minimal.xml
LIMIT_KB=$((64 * 1024))

peak_kb() { # peak RSS in KiB of `vorlage dump FILE`; the exit status in $T/hostile.rc
	# (address space capped at 1 GiB: a quadratic build fails fast, harming nobody)
	( ulimit -v 1048576; /usr/bin/time -f %M -o "$T/hostile.time" "$PLAIN" dump "$1" ) \
		>/dev/null 2>"$T/hostile.err"
	echo $? >"$T/hostile.rc"
	tail -n1 "$T/hostile.time"
}

base=$(peak_kb "$SRC")
# split NAME PIECE: the paragraph "Bitte legen Sie dar." followed by 100 000 PIECEs
split() {
	local name=$1 piece=$2 f="$T/hostile-$1.xml"
	{
		sed -n '1,/<frage/p' "$SRC"
		printf '<absatz>Bitte legen Sie dar.'
		yes "$piece" | head -n 100000 | tr -d '\n'
		printf '</absatz>\n'
		sed -n '/<\/frage>/,$p' "$SRC"
	} >"$f"
	local kb rc
	kb=$(peak_kb "$f"); rc=$(cat "$T/hostile.rc")
	if [ "$rc" = 0 ] && [ -n "$kb" ] && [ -n "$base" ] && [ $((kb - base)) -le $LIMIT_KB ]; then
		ok "hostile-split-$name"
	else
		fail "hostile-split-$name" "exit $rc, peak $kb KiB against $base KiB: $(head -2 "$T/hostile.err")"
	fi
	rm -f "$f"
}
split comment 'ab<!---->'
split pi 'ab<?x?>'
split nbsp 'ab<festesLeerzeichen/>'
split shy 'ab<trennstelle/>'

# a character the font lacks: exit 1, no PDF, the message at the paragraph
# (its text's line and column) in the source, naming the font
glyph() { # NAME CHAR MESSAGE-REGEX (after "FILE:43:15: error: ")
	local f="$T/glyph-$1.xml" out="$T/glyph-$1.pdf"
	sed "s|<absatz>Bitte legen Sie dar.</absatz>|<absatz>Bitte legen\n        Sie dar: $2.</absatz>|" "$SRC" >"$f"
	"$VORLAGE" build "$f" -o "$out" -q 2>"$T/glyph-$1.err"
	local rc=$?
	if [ $rc = 1 ] && [ ! -e "$out" ] && [ "$(wc -l <"$T/glyph-$1.err")" = 1 ] &&
		grep -qE "^$f:42:15: error: $3\$" "$T/glyph-$1.err"; then
		ok "no-glyph-at-source-$1"
	else
		fail "no-glyph-at-source-$1" "exit $rc: $(head -2 "$T/glyph-$1.err")"
	fi
}
glyph cjk '一' 'U\+4E00 \(一\) has no glyph in the font .*/LiberationSans-Regular\.ttf'
glyph astral '😀' 'U\+1F600 \(😀\) cannot be drawn: the font encoding ends at U\+FFFF'
