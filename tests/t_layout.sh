# t_layout.sh: the box dump of the real source's layout against golden files
# (refresh them with `make refresh-references` after an intended change).
. tests/lib.sh
SRC=xml/vorlage-18-1828.xml
golden() { # NAME FILE ARGS...
	local name=$1 file=$2; shift 2
	if "$VORLAGE" layout "$SRC" "$@" >"$T/$name.layout" 2>"$T/$name.err" &&
		diff -u "$file" "$T/$name.layout" >"$T/$name.diff"; then
		ok "layout-golden-$name"
	else
		fail "layout-golden-$name" "$(head -12 "$T/$name.diff" "$T/$name.err" | tr '\n' ' ')"
	fi
}
golden vorlage tests/golden/vorlage-18-1828.layout
golden schlesien tests/golden/vorlage-18-1828-schlesien.layout --partner schlesien

# What the typesetting guarantees, read off the dump of the real source:
# no overfull line and at most two hyphenated lines in a row.
dump=$T/vorlage.layout
expect layout-no-overfull-line test "$(grep -c '^line .* overfull' "$dump")" -eq 0
run=$(awk '/^line /{ if ($0 ~ / hyphenated/) { r++; if (r > m) m = r } else r = 0 } END { print m + 0 }' "$dump")
expect layout-hyphen-runs-at-most-2 test "$run" -le 2
expect layout-has-hyphenated-lines test "$(grep -c '^line .* hyphenated' "$dump")" -gt 0

# No widow and no orphan in the real document: a paragraph broken over pages
# keeps at least two lines on each side (read off the dump's line records).
for d in "$T/vorlage.layout" "$T/schlesien.layout"; do
	bad=$(awk '$1 == "line" && $3 == "para" && $4 > 0 {
			key = $4 SUBSEP $2; n[key]++; pages[$4] = pages[$4] " " $2
		}
		END {
			split("", seen)
			for (k in n) { split(k, a, SUBSEP); parts[a[1]]++ }
			for (k in n) { split(k, a, SUBSEP); if (parts[a[1]] > 1 && n[k] < 2) bad++ }
			print bad + 0
		}' "$d")
	split=$(awk '$1 == "line" && $3 == "para" && $4 > 0 { p[$4 SUBSEP $2] = 1 }
		END { for (k in p) { split(k, a, SUBSEP); c[a[1]]++ } for (x in c) if (c[x] > 1) s++; print s + 0 }' "$d")
	expect "layout-no-widow-no-orphan-$(basename "$d" .layout)" test "$bad" -eq 0
	if [ "$(basename "$d")" = vorlage.layout ]; then
		expect layout-paragraphs-do-break-over-pages test "$split" -gt 0
	fi
done
