#!/usr/bin/env bash
# leakcheck.sh (make leakcheck): valgrind over the unit tests and the
# program's commands on the real source; any error or leak fails.
set -u
cd "$(dirname "$0")/.."
VG="valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible --suppressions=tests/valgrind.supp"
T=tests/scratch/leak; rm -rf "$T"; mkdir -p "$T"
fails=0; runs=0
check() { # NAME COMMAND...
	local name=$1; shift
	runs=$((runs + 1))
	if $VG "$@" >"$T/$name.out" 2>"$T/$name.err"; rc=$?; [ $rc -ne 99 ]; then
		echo "ok leak-$name"
	else
		fails=$((fails + 1)); echo "FAIL leak-$name"; head -30 "$T/$name.err"
	fi
}
for t in build/tests/test_*; do [ -x "$t" ] && check "$(basename "$t")" "$t"; done
SRC=xml/vorlage-18-1828.xml
check check build/vorlage check "$SRC"
check dump build/vorlage dump "$SRC"
check layout build/vorlage layout "$SRC"
check build build/vorlage build "$SRC" -o "$T/v.pdf" -q
check annex-all build/vorlage annex "$SRC" --all -d "$T/anlagen" -q
check invalid build/vorlage check tests/regress/partner/unknown-party.xml
check bad-template build/vorlage build "$SRC" -o "$T/x.pdf" --template tests/templates/bad-schema.xml
echo "$((runs - fails)) passed, $fails failed"
[ $fails -eq 0 ]
