# t_manpages.sh: every manual page in docs/ (sections 1, 5 and 7) is clean
# under both linters: groff's (-ww: all warnings) and mandoc's (-T lint: its
# errors, warnings and style messages). Either prints nothing for a clean page.
. tests/lib.sh
pages=(docs/*.[157])
if [ ! -e "${pages[0]}" ]; then
	fail manpages-exist "no page in docs/"
	exit 0
fi
ok manpages-exist
for page in "${pages[@]}"; do
	name=$(basename "$page")
	if command -v groff >/dev/null; then
		out=$(groff -man -ww -z "$page" 2>&1)
		if [ -z "$out" ]; then ok "manpage-groff-$name"; else fail "manpage-groff-$name" "$(echo "$out" | head -3)"; fi
	else
		echo "skip manpage-groff-$name: groff is not installed"
	fi
	if command -v mandoc >/dev/null; then
		out=$(mandoc -T lint "$page" 2>&1)
		if [ -z "$out" ]; then ok "manpage-mandoc-$name"; else fail "manpage-mandoc-$name" "$(echo "$out" | head -3)"; fi
	else
		echo "skip manpage-mandoc-$name: mandoc is not installed (make deps)"
	fi
done
