# t_fuzz_corpus.sh: each fuzz harness (tests/fuzz) as a plain program over
# its corpus, under ASan and UBSan: no crash, no leak, no undefined
# behaviour on any input. The inputs that once crashed a harness
# (tests/fuzz/regress-NAME) are part of its corpus for good.
. tests/lib.sh
shopt -s nullglob
# harness NAME FILE...: every file once, an "ok" for each, nothing on stderr
harness() {
	local name=$1 out rc n
	shift
	out=$("build/asan/fuzz_$name" "$@" 2>"$T/fuzz-$name.err"); rc=$?
	n=$(printf '%s\n' "$out" | grep -c '^ok ')
	if [ "$rc" -eq 0 ] && [ "$n" -eq "$#" ] && [ ! -s "$T/fuzz-$name.err" ]; then
		ok "fuzz-$name-corpus-$#-files"
	else
		fail "fuzz-$name-corpus" "rc $rc, $n of $#: $(head -c 600 "$T/fuzz-$name.err")"
	fi
}
export TMPDIR=$T
harness source xml/vorlage-18-1828.xml tests/regress/*/*.xml tests/templates/*.xml \
	tests/fuzz/seeds-source/* tests/fuzz/regress-source/*
# the PDF stage is slow under the sanitizers: the documents that lay out,
# and what once crashed it
harness pdf xml/vorlage-18-1828.xml tests/regress/valid/*.xml tests/fuzz/seeds-source/* \
	tests/regress/absatz/empty-paragraph.xml tests/fuzz/regress-pdf/*
harness template templates/*.xml tests/templates/*.xml tests/regress/valid/minimal.xml \
	tests/fuzz/regress-template/*
