# tests/lib.sh: helpers for the shell tests. Source it; each check prints
# "ok NAME" or "FAIL NAME".
VORLAGE=${VORLAGE:-$PWD/build/asan/vorlage}
T=${TMPDIR_TESTS:-$PWD/tests/scratch}
mkdir -p "$T"
ok() { echo "ok $1"; }
fail() { echo "FAIL $1${2:+: $2}"; }
# expect NAME CONDITION-COMMAND...
expect() { local n=$1; shift; if "$@"; then ok "$n"; else fail "$n"; fi; }
# refused NAME SED-SCRIPT ATTRIBUTE MESSAGE...: the template $TPL changed by
# the script, laid out with the source $SRC, is refused with exit 1, each
# MESSAGE (an extended regular expression) at the line of ATTRIBUTE in the
# changed template
refused() {
	local name=$1 script=$2 at=$3 f=$T/bad-$1.xml line rc msg ok=1
	shift 3
	sed "$script" "$TPL" >"$f"
	if cmp -s "$f" "$TPL"; then fail "refused-$name" "the script changed nothing"; return; fi
	line=$(grep -n "$at=" "$f" | head -1 | cut -d: -f1)
	"$VORLAGE" layout "$SRC" -t "$f" >/dev/null 2>"$f.err"
	rc=$?
	for msg in "$@"; do
		grep -Eq "^$f:$line:[0-9]+: error: $msg\$" "$f.err" || ok=0
	done
	if [ "$rc" = 1 ] && [ "$ok" = 1 ]; then ok "refused-$name"
	else fail "refused-$name" "exit $rc: $(head -3 "$f.err" | tr '\n' ' ')"; fi
}
