#!/usr/bin/env bash
# t_verapdf.sh: every PDF the program writes, judged by tests/verapdf_rules.py
# (our checker of veraPDF's published PDF/UA-1 and PDF/A-1a rules, itself
# tested by tests/t_verapdf_checker.sh): the Vorlage in both templates,
# archival (both profiles) and --no-archival (PDF/UA-1 only), every annex
# (annex --all -d), and the example report in both templates. One case per
# file: "ok verapdf-FILE" when every rule passes but those of KNOWN_FAILING.
set -u
cd "$(dirname "$0")/.."
. tests/lib.sh
PY=/usr/bin/python3

# The rules veraPDF fails on today's output, each as RULE:FILES (FILES a
# comma-separated list of shell patterns of the file names below, without
# .pdf). Each is reported "ok known-failing-RULE-FILE" while it still fails
# and as a FAIL once it passes, so that the list stays honest; any other
# failing rule is a FAIL. The engine fixes of issue 19 ("What a screen
# reader hears") will empty it:
#   7.21.4.2-2  the CIDSet of each archival file names only the CIDs shown,
#               but veraPDF counts every CID below the CIDToGIDMap's length
#               whose glyph id is below the glyph count as present (the
#               --no-archival files write no CIDSet)
#   7.9-1       the example's Note elements (footnotes) have no /ID
#   7.2-43      the example's table of merged cells ("Programme und
#               Zielgruppen") writes no RowSpan/ColSpan: its rows fill 2 of
#               3 columns
KNOWN_FAILING="7.21.4.2-2:vorlage-landtag,vorlage-din,beispiel-*,*-anlage-*
7.9-1:beispiel-*
7.2-43:beispiel-*"

D="$T/verapdf"
rm -rf "$D"; mkdir -p "$D/anlagen"
if ! $PY -c 'import pikepdf' 2>/dev/null; then
	fail verapdf "python3-pikepdf is not installed (make deps installs it)"
	exit 1
fi
SRC=xml/vorlage-18-1828.xml
build() { # NAME ARGS...
	local n=$1; shift
	"$VORLAGE" "$@" -q 2>"$D/$n.err" || fail "build-$n" "$(head -3 "$D/$n.err")"
}
build vorlage-landtag build "$SRC" -t templates/landtag-nrw.xml -o "$D/vorlage-landtag.pdf"
build vorlage-landtag-plain build "$SRC" -t templates/landtag-nrw.xml --no-archival -o "$D/vorlage-landtag-plain.pdf"
build vorlage-din build "$SRC" -t templates/din5008.xml -o "$D/vorlage-din.pdf"
build vorlage-din-plain build "$SRC" -t templates/din5008.xml --no-archival -o "$D/vorlage-din-plain.pdf"
build annexes annex "$SRC" --all -d "$D/anlagen"
build beispiel-landtag build xml/beispiel-bericht.xml -t templates/landtag-nrw.xml -o "$D/beispiel-landtag.pdf"
build beispiel-din build xml/beispiel-bericht.xml -t templates/din5008.xml -o "$D/beispiel-din.pdf"
expect annexes-all-written test "$(ls "$D"/anlagen/*.pdf 2>/dev/null | wc -l)" -ge 16

known() { # RULE FILE: whether KNOWN_FAILING lists the rule for the file
	local r=$1 f=$2 entry pats p
	set -f
	for entry in $KNOWN_FAILING; do
		[ "${entry%%:*}" = "$r" ] || continue
		pats=${entry#*:}
		for p in ${pats//,/ }; do
			# shellcheck disable=SC2254
			case $f in $p) set +f; return 0 ;; esac
		done
	done
	set +f
	return 1
}

judge() { # PDF PROFILE
	local pdf=$1 profile=$2 f out rc bad r entry
	f=${pdf##*/}; f=${f%.pdf}
	out="$D/$f.out"
	$PY tests/verapdf_rules.py --profile "$profile" "$pdf" >"$out" 2>&1; rc=$?
	if [ $rc -ne 0 ] && [ $rc -ne 1 ] || grep -q '^FAIL setup' "$out"; then
		fail "verapdf-$f" "checker exit $rc: $(head -2 "$out" | tr '\n' ' ')"
		return
	fi
	bad=""
	while read -r r; do
		known "$r" "$f" || bad="$bad; $(grep -m1 "^FAIL $r:" "$out" | cut -c6- | cut -c1-300)"
	done < <(awk '$1 == "FAIL" {sub(":$", "", $2); print $2}' "$out")
	if [ -z "$bad" ]; then ok "verapdf-$f"; else fail "verapdf-$f" "${bad#; }"; fi
	set -f
	for entry in $KNOWN_FAILING; do
		set +f
		r=${entry%%:*}
		known "$r" "$f" || continue
		if grep -q "^FAIL $r:" "$out"; then
			ok "known-failing-$r-$f"
		elif grep -q "^ok $r\$" "$out"; then
			fail "known-failing-$r-$f" "passes now: take it out of KNOWN_FAILING"
		else
			fail "known-failing-$r-$f" "not evaluated for this file (profile $profile)"
		fi
	done
}

judge "$D/vorlage-landtag.pdf" both
judge "$D/vorlage-landtag-plain.pdf" ua
judge "$D/vorlage-din.pdf" both
judge "$D/vorlage-din-plain.pdf" ua
for f in "$D"/anlagen/*.pdf; do judge "$f" both; done
judge "$D/beispiel-landtag.pdf" both
judge "$D/beispiel-din.pdf" both
