# tests/lib.sh: helpers for the shell tests. Source it; each check prints
# "ok NAME" or "FAIL NAME".
VORLAGE=${VORLAGE:-$PWD/build/asan/vorlage}
T=${TMPDIR_TESTS:-$PWD/tests/scratch}
mkdir -p "$T"
ok() { echo "ok $1"; }
fail() { echo "FAIL $1${2:+: $2}"; }
# expect NAME CONDITION-COMMAND...
expect() { local n=$1; shift; if "$@"; then ok "$n"; else fail "$n"; fi; }
