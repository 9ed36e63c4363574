# t_fuzz_corpus.sh: the fuzz harness (every stage but the PDF) over the
# seed corpus and every invalid document, under ASan and UBSan: no crash,
# no leak, no undefined behaviour on any of them.
. tests/lib.sh
H=build/asan/fuzz_source
files=(xml/vorlage-18-1828.xml tests/valid/*.xml tests/invalid/*.xml tests/templates/*.xml)
out=$("$H" "${files[@]}" 2>"$T/fuzz.err"); rc=$?
n=$(printf '%s\n' "$out" | grep -c '^ok ')
if [ "$rc" -eq 0 ] && [ "$n" -eq "${#files[@]}" ] && [ ! -s "$T/fuzz.err" ]; then
	ok "fuzz-harness-corpus-${#files[@]}-files"
else
	fail "fuzz-harness-corpus" "rc $rc, $n of ${#files[@]}: $(head -c 600 "$T/fuzz.err")"
fi
