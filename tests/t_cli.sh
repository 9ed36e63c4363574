# t_cli.sh: the command line: help, version, usage errors and their exit codes.
. tests/lib.sh
SRC=xml/vorlage-18-1828.xml
out=$("$VORLAGE" --help 2>&1); rc=$?
expect cli-help-exit-0 test "$rc" -eq 0
for w in check dump partners build annex layout run --output --dir --template --partner --all \
	--no-archival --quiet --version --no-letter --from-page --points SOURCE_DATE_EPOCH "exit status"; do
	case "$out" in *"$w"*) ;; *) fail "cli-help-mentions-$w"; continue ;; esac
	ok "cli-help-mentions-$w"
done
for w in check dump partners build annex layout run no-archival no-letter from-page points \
	SOURCE_DATE_EPOCH VORLAGE_HOME; do
	expect "cli-manual-mentions-$w" grep -q -- "$w" docs/vorlage.1
done
expect cli-version grep -q '^vorlage [0-9]' <("$VORLAGE" --version)
usage() { # NAME EXPECTED-TEXT ARGS...
	local name=$1 text=$2; shift 2
	"$VORLAGE" "$@" >"$T/cli.out" 2>"$T/cli.err"; local rc=$?
	if [ $rc -eq 2 ] && grep -q -- "$text" "$T/cli.err" && [ ! -s "$T/cli.out" ]; then
		ok "cli-$name"
	else
		fail "cli-$name" "rc $rc: $(head -2 "$T/cli.err")"
	fi
}
usage no-arguments "no command given"
usage unknown-command "unknown command 'frobnicate'" frobnicate "$SRC"
usage unknown-option "unknown option '--fast'" build "$SRC" --fast
usage missing-source "needs a SOURCE.xml" build
usage option-without-value "needs a value" build "$SRC" -o
usage extra-argument "unexpected argument" dump "$SRC" "$SRC"
usage annex-needs-one "exactly one of --partner ID and --all" annex "$SRC"
usage from-page-not-a-number "option '--from-page' needs a number, not '2x'" layout "$SRC" --from-page 2x
usage from-page-negative "option '--from-page' needs a number, not '-1'" layout "$SRC" --from-page -1
usage annex-not-both "exactly one of --partner ID and --all" annex "$SRC" --all --partner ghana
usage missing-template "no-such-template.xml: error: cannot open: " build "$SRC" -t "$T/no-such-template.xml" -o "$T/x.pdf"
expect cli-no-pdf-after-usage-error test ! -e "$T/x.pdf"
"$VORLAGE" check "$SRC" >"$T/cli.out" 2>&1
expect cli-check-silent test ! -s "$T/cli.out"
"$VORLAGE" build "$SRC" -o "$T/cli.pdf" >"$T/cli.out" 2>&1
expect cli-build-says-what-it-wrote grep -q "^wrote $T/cli.pdf (9 pages, PDF/A-1a)" "$T/cli.out"
# the dump's options: the report without the letter and title page, from a
# page on, lengths in points; past the last page only the document's lines
"$VORLAGE" layout "$SRC" --no-letter --points >"$T/cli.layout" 2>"$T/cli.err"
expect cli-layout-no-letter bash -c 'head -2 "$0" | tr "\n" " " | grep -q "^doc 595.28 841.89 pages [0-9]* pt from 2 page 2 items " && ! grep -q "^page [01] " "$0"' "$T/cli.layout"
expect cli-layout-from-page-past-end bash -c '"$0" layout "$1" --from-page 99 | grep -c "^page " | grep -qx 0' "$VORLAGE" "$SRC"
