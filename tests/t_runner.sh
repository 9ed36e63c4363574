# t_runner.sh: the runner's self-test. Each fixture in tests/fixtures/runner
# reports "ok" and then fails in one way (abort, signal, sanitizer report,
# exit status, time limit, a skip without a reason, no report at all): the run
# of that fixture alone must fail and name it. A good fixture must pass, with
# its skip counted apart.
. tests/lib.sh
runner() { # FIXTURE: runs the runner on it, output in $T/FIXTURE.log, status echoed
	TEST_SCRATCH=$T/scratch-$1 TEST_TIMEOUT=3 bash tests/run.sh "tests/fixtures/runner/$1.sh" >"$T/$1.log" 2>&1
	echo $?
}
for f in c-abort c-segv c-overflow c-heap c-leak exit1 killed hang skip-noreason silent sanreport; do
	rc=$(runner "$f")
	if [ "$rc" -ne 0 ] && grep -q "^failed in: $f.sh" "$T/$f.log" &&
		grep -qE '^[0-9]+ passed, [1-9][0-9]* failed' "$T/$f.log"; then
		ok "runner-fails-on-$f"
	else
		fail "runner-fails-on-$f" "rc $rc: $(tail -3 "$T/$f.log" | tr '\n' ' ')"
	fi
done
rc=$(runner good)
expect runner-passes-good-with-skip test "$rc" -eq 0 -a "$(tail -1 "$T/good.log")" = "1 passed, 0 failed, 1 skipped"
