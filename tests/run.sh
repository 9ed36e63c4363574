#!/usr/bin/env bash
# The test runner: every unit test binary and every test script, each of which
# prints one line "ok NAME" or "FAIL NAME" per case. Ends with "N passed, N failed".
# The program under test is the ASan/UBSan build unless VORLAGE is set.
set -u
cd "$(dirname "$0")/.."
export VORLAGE="${VORLAGE:-$PWD/build/asan/vorlage}"
export VORLAGE_PLAIN="$PWD/build/vorlage"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export TMPDIR_TESTS="$PWD/tests/scratch"
rm -rf "$TMPDIR_TESTS"; mkdir -p "$TMPDIR_TESTS"

passed=0; failed=0; failures=()
count() { # reads a test's output, echoes it, counts ok/FAIL lines
	local name=$1 out=$2 rc=$3 p f
	printf '%s\n' "$out" | grep -E '^(ok|FAIL) ' | sed "s|^|[$name] |"
	printf '%s\n' "$out" | grep -vE '^(ok|FAIL) ' | grep -v '^$' | sed "s|^|[$name]   |" | head -40
	p=$(printf '%s\n' "$out" | grep -cE '^ok ')
	f=$(printf '%s\n' "$out" | grep -cE '^FAIL ')
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1; echo "FAIL $name: exited $rc without naming a failed case"
	fi
	passed=$((passed + p)); failed=$((failed + f))
	[ "$f" -gt 0 ] && failures+=("$name")
}

for t in build/asan/tests/test_*; do
	[ -x "$t" ] || continue
	out=$("$t" 2>&1); count "$(basename "$t")" "$out" $?
done
for t in tests/t_*.sh; do
	[ -f "$t" ] || continue
	out=$(bash "$t" 2>&1); count "$(basename "$t")" "$out" $?
done
for t in tests/t_*.py; do
	[ -f "$t" ] || continue
	out=$(/usr/bin/python3 "$t" 2>&1); count "$(basename "$t")" "$out" $?
done

[ ${#failures[@]} -gt 0 ] && echo "failed in: ${failures[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
