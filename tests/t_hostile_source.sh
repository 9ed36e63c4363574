#!/usr/bin/env bash
# t_hostile_source.sh: hostile sources in the front end. A paragraph split into
# 100 000 pieces (comments, processing instructions, <festesLeerzeichen/>,
# <trennstelle/>) must check and build its model in linear time and memory:
# peak RSS at most 64 MiB above that of the small document it was made from
# (the plain build; memory, not time, so the test does not depend on load).
cd "$(dirname "$0")/.." || exit 2
. tests/lib.sh
PLAIN=${VORLAGE_PLAIN:-$PWD/build/vorlage}
SRC=tests/valid/minimal.xml
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
