#!/usr/bin/env bash
# The test runner of `make test`.
#
#   bash tests/run.sh              every test: the unit test binaries built with
#                                  ASan and UBSan, then tests/t_*.sh, tests/t_*.py
#   bash tests/run.sh FILE...      only these (a unit binary, a .sh or a .py file)
#
# A test prints one line per case: "ok NAME", "FAIL NAME[: why]" or
# "skip NAME: why" (a skip must say why). The runner records each test's own
# exit status and counts as a failure, under the test's name:
#   - an exit status other than 0 (a crash, an abort, exit 1 without a FAIL line),
#   - a death by signal, whatever the test printed before,
#   - a report of AddressSanitizer, LeakSanitizer or UndefinedBehaviorSanitizer,
#   - running past its time limit (TEST_TIMEOUT seconds, 600 by default),
#   - a test that reports no case at all, or a skip without a reason.
# Tests run in parallel (TEST_JOBS, 2 by default), each with a scratch
# directory of its own ($TMPDIR_TESTS = tests/scratch/NAME): no test reads what
# another leaves behind. C unit tests, which write to tests/scratch relative to
# their working directory, run in a private copy of the repository's top level
# made of symbolic links. The last line is "N passed, N failed, N skipped".
set -u
cd "$(dirname "$0")/.." || exit 2
# The tests compare the English messages; the program speaks German under a
# de_* locale (po/de.po), which tests/t_i18n.sh asks for itself.
unset LANGUAGE LC_ALL LC_MESSAGES
export LANG=C.UTF-8
ROOT=$PWD
export VORLAGE="${VORLAGE:-$ROOT/build/asan/vorlage}"
export VORLAGE_PLAIN="${VORLAGE_PLAIN:-$ROOT/build/vorlage}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
TEST_TIMEOUT=${TEST_TIMEOUT:-600}
TEST_JOBS=${TEST_JOBS:-2}
SCRATCH=${TEST_SCRATCH:-$ROOT/tests/scratch}
. tests/sandbox.sh

# One test: runs FILE, leaves its output in $SCRATCH/NAME.out, its exit
# status in NAME.rc and its time in NAME.time.
run_one() {
	local file=$1 name dir rc start end
	name=$(basename "$file")
	dir=$SCRATCH/$name
	rm -rf "$dir"; mkdir -p "$dir"
	start=$(date +%s%N)
	case $file in
	*.sh) TMPDIR_TESTS=$dir timeout -k 5 "$TEST_TIMEOUT" bash "$file" >"$dir.out" 2>&1 ;;
	*.py) TMPDIR_TESTS=$dir timeout -k 5 "$TEST_TIMEOUT" /usr/bin/python3 "$file" >"$dir.out" 2>&1 ;;
	*)
		local box=$dir/root
		sandbox "$ROOT" "$box"
		case $file in /*) ;; *) file=$ROOT/$file ;; esac
		(cd "$box" && TMPDIR_TESTS=$box/tests/scratch timeout -k 5 "$TEST_TIMEOUT" "$file") >"$dir.out" 2>&1 ;;
	esac
	rc=$?
	end=$(date +%s%N)
	echo "$rc" >"$dir.rc"
	echo $(((end - start) / 1000000)) >"$dir.time"
}

# Reads a finished test's files, prints its report and adds to the counts.
passed=0; failed=0; skipped=0; failures=()
report() {
	local name=$1 out rc ms p f s bad
	out=$SCRATCH/$name.out
	rc=$(cat "$SCRATCH/$name.rc" 2>/dev/null || echo 125)
	ms=$(cat "$SCRATCH/$name.time" 2>/dev/null || echo 0)
	grep -E '^(ok|FAIL|skip) ' "$out" | sed "s|^|[$name] |"
	grep -vE '^(ok|FAIL|skip) ' "$out" | grep -v '^$' | head -40 | sed "s|^|[$name]   |"
	p=$(grep -cE '^ok ' "$out")
	f=$(grep -cE '^FAIL ' "$out")
	s=$(grep -cE '^skip [^:]+: .' "$out")
	bad=$(grep -cE '^skip ' "$out")
	bad=$((bad - s))
	if [ "$bad" -gt 0 ]; then
		echo "FAIL $name: $bad skip line(s) without a reason"; f=$((f + bad))
	fi
	if grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error: |SUMMARY: (Address|Leak|UndefinedBehavior)Sanitizer' "$out"; then
		echo "FAIL $name: sanitizer report"; f=$((f + 1))
	fi
	if [ "$rc" -eq 124 ] || { [ "$rc" -eq 137 ] && [ "$ms" -ge $((TEST_TIMEOUT * 1000)) ]; }; then
		echo "FAIL $name: no result within $TEST_TIMEOUT s"; f=$((f + 1))
	elif [ "$rc" -gt 128 ]; then
		echo "FAIL $name: killed by signal $((rc - 128))"; f=$((f + 1))
	elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "FAIL $name: exited $rc without naming a failed case"; f=1
	fi
	if [ $((p + f + s)) -eq 0 ]; then
		echo "FAIL $name: reported no case"; f=1
	fi
	printf '[%s] %d ok, %d failed, %d skipped in %d.%d s\n' "$name" "$p" "$f" "$s" \
	    $((ms / 1000)) $((ms % 1000 / 100))
	passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
	[ "$f" -gt 0 ] && failures+=("$name")
	return 0
}

if [ "${1:-}" = --one ]; then
	run_one "$2"
	exit 0
fi

if [ $# -gt 0 ]; then
	tests=("$@")
else
	tests=()
	for t in build/asan/tests/test_*; do [ -x "$t" ] && tests+=("$t"); done
	for t in tests/t_*.sh tests/t_*.py; do [ -f "$t" ] && tests+=("$t"); done
fi
for t in "${tests[@]}"; do
	if [ ! -e "$t" ]; then
		echo "no such test: $t" >&2
		exit 2
	fi
done
mkdir -p "$SCRATCH"
start=$(date +%s)
printf '%s\0' "${tests[@]}" | xargs -0 -n 1 -P "$TEST_JOBS" bash "$ROOT/tests/run.sh" --one
for t in "${tests[@]}"; do
	report "$(basename "$t")"
done
[ ${#failures[@]} -gt 0 ] && echo "failed in: ${failures[*]}"
echo "tests took $(($(date +%s) - start)) s with $TEST_JOBS jobs"
if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
