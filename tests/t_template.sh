#!/usr/bin/env bash
# t_template.sh: the layout templates against their schema with xmllint (no
# network), and the schema's own conventions. The loader's checks beyond the
# schema are tested in tests/unit/test_template.c.
cd "$(dirname "$0")/.." || exit 2
. tests/lib.sh
XSD=templates/template.xsd
# valid NAME FILE: xmllint validates FILE; its messages only on failure
valid() {
	local out
	if out=$(xmllint --noout --nonet --schema "$XSD" "$2" 2>&1); then ok "$1"
	else fail "$1"; printf '%s\n' "$out" | head -5; fi
}

expect "template.xsd well-formed" xmllint --noout --nonet "$XSD"
for f in templates/*.xml; do
	valid "validates $(basename "$f")" "$f"
done

# every declared element, attribute and type carries English documentation
undocumented=$(xmllint --nonet --xpath 'count(//*[local-name()="element" or local-name()="attribute"
	or local-name()="simpleType" or local-name()="complexType" or local-name()="attributeGroup"]
	[@name][not(*[local-name()="annotation"]/*[local-name()="documentation"])])' "$XSD" 2>/dev/null)
expect "template.xsd documents every declaration" [ "$undocumented" = 0 ]

# the broken templates: only the schema violation fails xmllint; the others
# are schema-valid and refused by the loader's own checks
for f in tests/templates/bad-*.xml; do
	n=$(basename "$f")
	case "$n" in
	bad-schema.xml|bad-wellformed.xml|bad-fontsize-*.xml)
		expect "xmllint refuses $n" \
			bash -c '! xmllint --noout --nonet --schema "$0" "$1" 2>/dev/null' "$XSD" "$f" ;;
	bad-doctype.xml) ;;  # xmllint reads the internal subset; the loader refuses it
	*)
		valid "schema-valid $n" "$f" ;;
	esac
done
