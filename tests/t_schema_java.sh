# t_schema_java.sh: the schemas read by a second implementation. The program
# validates with libxml2; here the JDK's validator (javax.xml.validation,
# derived from Apache Xerces-J; tests/XsdValidate.java) must agree: every
# source and template of the repository is valid, and every document of
# tests/regress that libxml2 refuses for a schema violation is invalid too.
. tests/lib.sh
if ! command -v java >/dev/null; then
	fail schema-java "java not found (make deps installs default-jdk-headless)"
	exit 1
fi
VAL="java tests/XsdValidate.java"
valid_all() { # NAME SCHEMA FILES...: every file valid
	local name=$1 xsd=$2; shift 2
	$VAL "$xsd" "$@" >"$T/$name.out" 2>&1
	local n bad
	n=$(grep -c '^valid ' "$T/$name.out")
	bad=$(grep -v '^valid ' "$T/$name.out" | head -3 | tr '\n' ' ')
	expect "$name" test "$n" -eq $# -a -z "$bad"
	[ -z "$bad" ] || echo "  $bad"
}
valid_all xerces-sources-valid xml/vorlage.xsd xml/vorlage-18-1828.xml xml/beispiel-*.xml \
	$(for f in tests/regress/*/*.xml; do [ -f "$f" ] && ! [ -s "${f%.xml}.msg" ] && echo "$f"; done)
valid_all xerces-templates-valid templates/template.xsd templates/*.xml

# the schema violations libxml2 reports: the cases whose messages (read as
# JSON) are those xmlmsg.c retells libxml2's validation errors in, or
# libxml2's own text of one
set -- $(for f in tests/regress/*/*.xml; do
	[ -s "${f%.xml}.msg" ] || continue
	[ -f "$f" ] || continue
	"$VORLAGE" check --diagnostics=json "$f" 2>&1 >/dev/null | /usr/bin/python3 -c '
import json, sys
schema = {"SCHEMA_INVALID", "ELEMENT_UNKNOWN_HINT", "ELEMENT_UNKNOWN", "ELEMENT_NOT_HERE",
          "ELEMENT_EXTRA", "CHILD_MISSING", "CHILD_MISSING_ONE_OF", "ROOT_WRONG",
          "TEXT_NOT_ALLOWED", "ELEMENT_IN_TEXT", "MUST_BE_EMPTY", "ATTR_MISSING",
          "ATTRS_MISSING", "ATTR_UNKNOWN_HINT", "ATTR_UNKNOWN", "ATTR_NONE", "ATTR_CHOICE",
          "ATTR_CHOICE_HINT", "TEXT_CHOICE", "ATTR_FORM", "TEXT_FORM", "ATTR_PATTERN",
          "TEXT_PATTERN", "ATTR_EMPTY", "TEXT_EMPTY", "ATTR_TOO_LARGE", "ATTR_TOO_SMALL",
          "ATTR_TOO_SMALL_EXCL", "DATE_FORM", "MONTH_FORM", "DAY_OR_MONTH_FORM",
          "DATE_GERMAN", "NO_SUCH_DATE"}
sys.exit(0 if any(m["code"] in schema for m in json.load(sys.stdin)) else 1)' && echo "$f"
done)
$VAL xml/vorlage.xsd "$@" >"$T/invalid.out" 2>&1
expect xerces-refuses-schema-violations test "$#" -ge 10 -a "$(grep -c '^invalid ' "$T/invalid.out")" -eq "$#"
grep '^valid ' "$T/invalid.out" | head -3
