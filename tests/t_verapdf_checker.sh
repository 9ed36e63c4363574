#!/usr/bin/env bash
# t_verapdf_checker.sh: tests/verapdf_rules.py, our checker of veraPDF's
# PDF/UA-1 and PDF/A-1a rules, on files whose answer is known, before
# tests/t_verapdf.sh lets it judge vorlage's output:
#  - its table (tests/verapdf_rules.txt) lists every rule of both profiles
#    once (106 of PDFUA-1.xml, 135 of PDFA-1A.xml), and every rule it
#    evaluates is broken by a mutation or has a "none" line saying why not;
#  - the example report, with the faults veraPDF finds in today's output
#    mended (tests/fixtures/verapdf_mutate.py --repair), passes every rule,
#    and every rule that fails on the unmended file passes on the mended one;
#  - each copy of the mended file broken one way fails exactly the rules its
#    mutation names (none, for the copies that change something harmless).
set -u
cd "$(dirname "$0")/.."
. tests/lib.sh
PY=/usr/bin/python3
D="$T/verapdf-checker"
rm -rf "$D"; mkdir -p "$D/m"
if ! $PY -c 'import pikepdf' 2>/dev/null; then
	fail verapdf-checker "python3-pikepdf is not installed (make deps installs it)"
	exit 1
fi

# failed FILE: the rules the checker fails on FILE, sorted, space separated
failed() { awk '$1 == "FAIL" {sub(":$", "", $2); print $2}' "$1" | sort | tr '\n' ' '; }

# 1. The table: both profiles, every rule once, every evaluated rule tested.
$PY tests/verapdf_rules.py --table >"$D/table" || fail table-reads
expect table-ua-106-rules test "$(awk '$2 == "ua"' "$D/table" | wc -l)" -eq 106
expect table-a1a-135-rules test "$(awk '$2 == "a1a"' "$D/table" | wc -l)" -eq 135
expect table-rules-once test -z "$(awk '{print $1}' "$D/table" | sort | uniq -d)"
$PY tests/fixtures/verapdf_mutate.py --list >"$D/mutations" || fail mutations-list
untested=$(awk '$3 != "out" {print $1}' "$D/table" | while read -r r; do
	awk -v r="$r" '$1 == "none" {sub(":$", "", $2); if ($2 == r) f = 1}
		$1 != "none" {for (i = 2; i <= NF; i++) if ($i == r) f = 1}
		END {exit !f}' "$D/mutations" || printf '%s ' "$r"
done)
if [ -z "$untested" ]; then ok every-rule-has-a-mutation; else fail every-rule-has-a-mutation "untested: $untested"; fi

# 2. The example report, as vorlage writes it and mended.
if ! "$VORLAGE" build xml/beispiel-bericht.xml -o "$D/beispiel.pdf" -q 2>"$D/build.err"; then
	fail build-beispiel "$(head -3 "$D/build.err")"
	exit 1
fi
$PY tests/fixtures/verapdf_mutate.py "$D/beispiel.pdf" --repair "$D/base.pdf" 2>"$D/repair.err" ||
	fail repair "$(head -3 "$D/repair.err")"
$PY tests/verapdf_rules.py "$D/beispiel.pdf" >"$D/beispiel.out" 2>&1
$PY tests/verapdf_rules.py "$D/base.pdf" >"$D/base.out" 2>&1; rc=$?
n=$(grep -c '^ok ' "$D/base.out")
if [ $rc -eq 0 ] && [ "$n" -eq "$(awk '$3 != "out"' "$D/table" | wc -l)" ] && [ -z "$(failed "$D/base.out")" ]; then
	ok mended-passes-every-rule
else
	fail mended-passes-every-rule "exit $rc, $n ok, failed [$(failed "$D/base.out")]"
fi
still=""
for r in $(failed "$D/beispiel.out"); do
	grep -q "^ok $r\$" "$D/base.out" || still="$still $r"
done
if [ -z "$still" ]; then ok repair-mends-every-failure; else fail repair-mends-every-failure "still failing:$still"; fi

# 3. Each mutation fails exactly its rules (one checker run for all copies).
$PY tests/fixtures/verapdf_mutate.py "$D/base.pdf" --all "$D/m" >"$D/applied" 2>"$D/applied.log" ||
	fail mutations-apply "$(head -3 "$D/applied.log")"
files=$(awk '$1 != "skip" {print d "/" $1 ".pdf"}' d="$D/m" "$D/applied")
# shellcheck disable=SC2086
$PY tests/verapdf_rules.py $files >"$D/all.out" 2>&1
awk -v d="$D/m/" '/^file / {f = $2; sub("^" d, "", f); sub(".pdf$", "", f); next} {print > (d f ".out")}' "$D/all.out"
n=0
while read -r m rules; do
	if [ "$m" = skip ]; then
		fail "checker-catches-${rules%%:*}" "mutation not applied: ${rules#*: }"
		continue
	fi
	n=$((n + 1))
	got=$(failed "$D/m/$m.out")
	# shellcheck disable=SC2086
	want=$( [ -n "$rules" ] && printf '%s\n' $rules | sort | tr '\n' ' ')
	name="checker-catches-$m"
	[ -z "$rules" ] && name="checker-accepts-$m"
	if [ "$got" = "$want" ] && ! grep -q '^FAIL setup' "$D/m/$m.out"; then
		ok "$name"
	else
		fail "$name" "failed [$got], expected [$want]$(grep -m1 '^FAIL setup' "$D/m/$m.out")"
	fi
done <"$D/applied"
expect mutations-applied test "$n" -ge 200
