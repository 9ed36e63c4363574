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

# the schema violations libxml2 reports (its "Element '…'" messages)
set -- $(grep -l "^[^:]*:[0-9]*:[0-9]*: error: Element '" tests/regress/*/*.msg | sed 's/\.msg$/.xml/')
$VAL xml/vorlage.xsd "$@" >"$T/invalid.out" 2>&1
expect xerces-refuses-schema-violations test "$#" -ge 10 -a "$(grep -c '^invalid ' "$T/invalid.out")" -eq "$#"
grep '^valid ' "$T/invalid.out" | head -3
