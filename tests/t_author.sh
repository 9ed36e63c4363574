#!/usr/bin/env bash
# t_author.sh: writing a Vorlage (issue 21): libxml2's errors retold with a
# hint, the source line with a caret on a terminal, --diagnostics=json, the
# command line (-o -, SOURCE -, check of several sources, help, did you
# mean, new) and the typed-quotation-marks warning. The German messages:
# tests/t_i18n.py; make install: tests/t_install.sh.
cd "$(dirname "$0")/.." || exit 2
. tests/lib.sh
M=tests/regress/valid/minimal.xml

# case NAME SED-SCRIPT: $T/NAME.xml is the minimal source changed by the script
case_src() { sed "$2" "$M" >"$T/$1.xml"; }

# msg NAME EXPECTED-STDERR [RC]: check of $T/NAME.xml prints exactly that
msg() {
	local name=$1 want=$2 want_rc=${3:-1} rc
	"$VORLAGE" check "$T/$name.xml" >"$T/out" 2>"$T/err"; rc=$?
	if [ "$rc" = "$want_rc" ] && [ "$(cat "$T/err")" = "$want" ] && [ ! -s "$T/out" ]; then
		ok "msg-$name"
	else
		fail "msg-$name" "exit $rc: $(head -3 "$T/err")"
	fi
}

# ---- libxml2's errors, retold ----------------------------------------------
case_src amp 's|Die Fraktion bat|Die Fraktion \& bat|'
msg amp "$T/amp.xml:39:28: error: a bare '&': write &amp; for an ampersand"
case_src amp-name 's|Die Fraktion bat|Die A\&B bat|'
msg amp-name "$T/amp-name.xml:39:20: error: '&B' is no complete reference (the ';' is missing): write &amp; for an ampersand"
case_src lt 's|Die Fraktion bat|Die Fraktion < 5 bat|'
msg lt "$T/lt.xml:39:28: error: a '<' that begins no element: write &lt; for a less-than sign"
case_src nbsp 's|Die Fraktion bat|Die\&nbsp;Fraktion bat|'
msg nbsp "$T/nbsp.xml:39:18: error: '&nbsp;' is unknown here: write <festesLeerzeichen/> for a space that never breaks"
case_src euro 's|Die Fraktion bat|Die \&euro; bat|'
msg euro "$T/euro.xml:39:19: error: '&euro;' is an HTML entity, unknown here: type the character € itself"
iconv -f UTF-8 -t LATIN1 "$M" >"$T/latin1.xml"
msg latin1 "$T/latin1.xml:9:17: error: the file is not saved as UTF-8 (the byte 0xE4 here is 'ä' in Latin-1 or Windows-1252): save the file as UTF-8"
iconv -f UTF-8 -t LATIN1 "$M" | sed 's/encoding="UTF-8"/encoding="ISO-8859-1"/' >"$T/latin1-declared.xml"
msg latin1-declared "$T/latin1-declared.xml:1:1: error: the file declares the encoding ISO-8859-1: save the file as UTF-8 and declare encoding=\"UTF-8\""
case_src element 's|<absatz>Die Fraktion|<absaz>Die Fraktion|; s|bat um Antwort.</absatz>|bat um Antwort.</absaz>|'
msg element "$T/element.xml:39:7: error: unknown element <absaz>: did you mean <absatz>? (allowed here: <absatz>)"
case_src element-list 's|<gruss>Mit|<gruesse>Mit|; s|Grüßen</gruss>|Grüßen</gruesse>|'
msg element-list "$T/element-list.xml:27:5: error: unknown element <gruesse>: did you mean <gruss>? (allowed here: <absatz>, <gruss>)"
# a misspelt attribute: the suggestion, and not also "titel is missing"
case_src attribute 's|<frage titel="Frage">|<frage titl="Frage">|'
msg attribute "$T/attribute.xml:41:12: error: <frage> has no attribute 'titl': did you mean 'titel'?"
case_src attribute-list 's|<gruss>|<gruss typ="x">|'
msg attribute-list "$T/attribute-list.xml:27:12: error: <gruss> has no attribute 'typ' (allowed: xml:lang)"
# all missing required attributes at once
case_src missing 's|<partner id="schlesien" art="woiwodschaft" land="PL">|<partner>|'
msg missing "$T/missing.xml:16:5: error: <partner> needs the attributes id, art, land"
# a pattern: an example of a valid value, not the regular expression
case_src pattern 's|verteiler="A06"|verteiler="a6"|'
msg pattern "$T/pattern.xml:2:44: error: verteiler=\"a6\" is not in the right form: write it like verteiler=\"A15, A12\""
case_src choice 's|art="woiwodschaft"|art="woiwodschft"|'
msg choice "$T/choice.xml:16:29: error: art=\"woiwodschft\" is not allowed: did you mean 'woiwodschaft'? (one of staat, region, provinz, bundesstaat, woiwodschaft, oblast, gemeinschaft, union)"
# dates: the form expected, the German way converted, a date that does not exist
case_src date 's|sitzung="2023-11-03"|sitzung="3. Nov"|'
msg date "$T/date.xml:11:16: error: '3. Nov' is no date: write it as YYYY-MM-DD, e.g. 2023-11-02"
case_src date-german 's|wert="2018-07-20"|wert="20.07.2018"|'
msg date-german "$T/date-german.xml:49:16: error: '20.07.2018' is written the German way: write 2018-07-20 (YYYY-MM-DD)"
case_src no-such-date 's|wert="2018-07-20"|wert="2018-02-30"|'
msg no-such-date "$T/no-such-date.xml:49:16: error: no such date '2018-02-30'"
case_src no-such-month 's|wert="2023-10"|wert="2023-13"|'
msg no-such-month "$T/no-such-month.xml:13:20: error: no such date '2023-13'"
# typed quotation marks where <zitat> belongs: a warning, exit 0
case_src quotes 's|<zitat>Vereinbarungen</zitat>|„Vereinbarungen“|'
msg quotes "$T/quotes.xml:26:41: warning: typed quotation marks around \"Vereinbarungen\": write <zitat>...</zitat>, which sets the quotation marks of its language" 0
# ... but not in a text that cannot hold a <zitat> (the signature's description)
expect quotes-only-where-zitat-may-stand bash -c '[ -z "$("$0" check xml/vorlage-18-1828.xml 2>&1)" ]' "$VORLAGE"

# every pattern of both schemas has an example in xmlmsg.c's table
missing_patterns=$(for x in xml/vorlage.xsd templates/template.xsd; do
	xmllint --nonet --xpath '//*[local-name()="pattern"]/@value' "$x" 2>/dev/null |
		sed 's/ value="/\n/g' | sed -n 's/"$//p'
done | sort -u | while IFS= read -r p; do
	c=$(printf '%s' "$p" | sed 's/\\/\\\\/g')
	grep -qF "{ \"$c\"," src/front/xmlmsg.c || echo "$p"
done)
if [ -z "$missing_patterns" ]; then ok patterns-have-examples; else fail patterns-have-examples "$missing_patterns"; fi

# ---- the source line and a caret -------------------------------------------
on_tty() { # on_tty ENV... -- ARGS...: stderr of the program on a pseudo-terminal
	/usr/bin/python3 - "$VORLAGE" "$@" <<'EOF'
import os, pty, subprocess, sys
args = sys.argv[1:]
prog, i = args[0], args.index("--")
env = dict(os.environ)
for kv in args[1:i]:
    k, v = kv.split("=", 1)
    if v == "-": env.pop(k, None)
    else: env[k] = v
m, s = pty.openpty()
subprocess.run([prog] + args[i + 1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=s, env=env)
os.close(s)
out = b""
while True:
    try:
        chunk = os.read(m, 65536)
    except OSError:
        break
    if not chunk: break
    out += chunk
sys.stdout.buffer.write(out.replace(b"\r\n", b"\n"))
EOF
}
ESC=$(printf '\033')
on_tty NO_COLOR=- TERM=xterm -- check "$T/amp.xml" >"$T/tty"
expect caret-source-line grep -qF '   39 |       <absatz>Die Fraktion & bat um Antwort.</absatz>' "$T/tty"
expect caret-under-column grep -qF "      |                            ${ESC}[1;32m^" "$T/tty"
expect caret-colour grep -qF "${ESC}[1;31merror:${ESC}[0m" "$T/tty"
on_tty NO_COLOR=1 -- check "$T/amp.xml" >"$T/tty"
expect caret-no-color bash -c '! grep -q "$(printf "\033")" "$0" && grep -qxF "      |                            ^" "$0"' "$T/tty"
on_tty NO_COLOR=- TERM=dumb -- check "$T/amp.xml" >"$T/tty"
expect caret-term-dumb bash -c '! grep -q "$(printf "\033")" "$0" && grep -q "|.*\^" "$0"' "$T/tty"
on_tty NO_COLOR=- TERM=xterm -- check --diagnostics=plain "$T/amp.xml" >"$T/tty"
expect caret-plain-on-tty bash -c '[ "$(wc -l <"$0")" = 1 ] && ! grep -q "$(printf "\033")" "$0"' "$T/tty"
"$VORLAGE" check "$T/amp.xml" 2>"$T/err"
expect caret-none-off-tty test "$(wc -l <"$T/err")" = 1
"$VORLAGE" check --diagnostics=caret "$T/amp.xml" 2>"$T/err"
expect caret-asked-for bash -c '[ "$(wc -l <"$0")" = 3 ] && ! grep -q "$(printf "\033")" "$0"' "$T/err"
# a long line is shown around its column
"$VORLAGE" check --diagnostics=caret tests/regress/xml/too-deep.xml 2>"$T/err"
expect caret-long-line bash -c '[ "$(sed -n 2p "$0" | wc -c)" -lt 200 ]' "$T/err"

# ---- JSON ------------------------------------------------------------------
json_ok() { # FILE: a JSON list of objects with exactly the six keys
	/usr/bin/python3 -c '
import json, sys
msgs = json.load(open(sys.argv[1]))
assert isinstance(msgs, list), "not a list"
for m in msgs:
    assert set(m) == {"file", "line", "column", "severity", "code", "message"}, m
print(len(msgs))' "$1"
}
# quotes, a backslash and a control character in the messages and file names
case_src 'json"q' 's|art="woiwodschaft"|art="wo\\\&quot;i"|'
cp "$T/amp.xml" "$T/json	tab.xml"
"$VORLAGE" check --diagnostics=json "$T/json\"q.xml" "$T/json	tab.xml" "$T/missing.xml" /nonexistent.xml >"$T/out" 2>"$T/json"; rc=$?
n=$(json_ok "$T/json" 2>"$T/json.err")
expect json-valid test "$n" = 4
expect json-exit-worst test "$rc" = 2
expect json-stdout-empty test ! -s "$T/out"
/usr/bin/python3 -c '
import json, sys
m = json.load(open(sys.argv[1]))
assert m[0]["message"] == "art=\"wo\\\"i\" is not allowed: write one of staat, region, provinz, bundesstaat, woiwodschaft, oblast, gemeinschaft, union", m[0]
assert m[0]["line"] == 16 and m[0]["severity"] == "error" and m[0]["code"] == "ATTR_CHOICE"
assert m[1]["file"].endswith("json\ttab.xml") and m[1]["code"] == "AMP_BARE" and m[1]["column"] == 28
assert m[2]["code"] == "ATTRS_MISSING"
assert m[3]["line"] is None and m[3]["code"] == "CANNOT_OPEN"' "$T/json" 2>"$T/json.err"
expect json-fields test $? = 0
"$VORLAGE" check --diagnostics=json xml/vorlage-18-1828.xml 2>"$T/json"
expect json-empty-list test "$(cat "$T/json")" = "[]"
"$VORLAGE" frobnicate --diagnostics=json 2>"$T/json"
n=$(json_ok "$T/json" 2>/dev/null)
expect json-usage-error test "$n" = 1
"$VORLAGE" check --diagnostics=yaml "$M" 2>"$T/err"; rc=$?
expect json-bad-style bash -c '[ "$0" = 2 ] && grep -q "takes plain, caret or json" "$1"' "$rc" "$T/err"

# ---- the command line ------------------------------------------------------
SRC=xml/vorlage-18-1828.xml
"$VORLAGE" build "$SRC" -o "$T/file.pdf" -q
"$VORLAGE" build "$SRC" -o - >"$T/stdout.pdf" 2>"$T/err"
expect stdout-pdf-identical cmp -s "$T/file.pdf" "$T/stdout.pdf"
expect stdout-pdf-no-progress test ! -s "$T/err"
"$VORLAGE" annex "$SRC" --partner schlesien -o "$T/annex.pdf" -q
"$VORLAGE" annex "$SRC" --partner schlesien -o - >"$T/annex-stdout.pdf"
expect stdout-annex-identical cmp -s "$T/annex.pdf" "$T/annex-stdout.pdf"
rc=$(/usr/bin/python3 -c '
import os, pty, subprocess, sys
m, s = pty.openpty()
r = subprocess.run(sys.argv[1:], stdout=s, stderr=subprocess.PIPE)
os.close(s)
print(r.returncode, "terminal" in r.stderr.decode())' "$VORLAGE" build "$SRC" -o -)
expect stdout-not-a-terminal test "$rc" = "2 True"
"$VORLAGE" build - -o - <"$SRC" >"$T/stdin.pdf"
expect stdin-source-identical cmp -s "$T/file.pdf" "$T/stdin.pdf"
"$VORLAGE" check - <"$T/amp.xml" 2>"$T/err"; rc=$?
expect stdin-named-in-messages bash -c '[ "$0" = 1 ] && grep -qx "<stdin>:39:28: error: a bare .*" "$1"' "$rc" "$T/err"
"$VORLAGE" check - - </dev/null 2>"$T/err"; rc=$?
expect stdin-once bash -c '[ "$0" = 2 ] && grep -q "can be read only once" "$1"' "$rc" "$T/err"
head -c 9000000 /dev/zero | tr '\0' ' ' | "$VORLAGE" check - 2>"$T/err"; rc=$?
expect stdin-size-limit bash -c '[ "$0" = 1 ] && grep -qx "<stdin>: error: document too large: more than 8388608 bytes" "$1"' "$rc" "$T/err"
"$VORLAGE" check "$SRC" "$M" xml/beispiel-bericht.xml >"$T/out" 2>&1; rc=$?
expect check-several-valid bash -c '[ "$0" = 0 ] && [ ! -s "$1" ]' "$rc" "$T/out"
"$VORLAGE" check "$SRC" "$T/amp.xml" "$T/pattern.xml" 2>"$T/err"; rc=$?
expect check-several-reports-each bash -c '[ "$0" = 1 ] && [ "$(wc -l <"$1")" = 2 ]' "$rc" "$T/err"
# check lays the source out: a character the fonts lack is found before build
case_src glyph 's|Die Fraktion bat|Die Fraktion ☃ bat|'
"$VORLAGE" check "$T/glyph.xml" 2>"$T/err"; rc=$?
"$VORLAGE" build "$T/glyph.xml" -o "$T/glyph.pdf" -q 2>"$T/build.err"; brc=$?
expect check-finds-what-build-refuses bash -c '[ "$0" != 0 ] && [ "$0" = "$1" ] && grep -q "U+2603" "$2" && cmp -s "$2" "$3"' "$rc" "$brc" "$T/err" "$T/build.err"
# help and suggestions
"$VORLAGE" help build >"$T/out"; rc=$?
expect help-command bash -c '[ "$0" = 0 ] && grep -q "^usage: vorlage build" "$1" && grep -q -- "--output" "$1" && ! grep -q -- "--partner" "$1"' "$rc" "$T/out"
"$VORLAGE" annex --help >"$T/out2"; rc=$?
expect help-option-per-command bash -c '[ "$0" = 0 ] && grep -q "^usage: vorlage annex" "$1" && grep -q -- "--partner" "$1"' "$rc" "$T/out2"
"$VORLAGE" help >"$T/out"; rc=$?
expect help-general bash -c '[ "$0" = 0 ] && grep -q "new " "$1" && grep -q "help " "$1"' "$rc" "$T/out"
"$VORLAGE" biuld "$SRC" >"$T/out" 2>"$T/err"; rc=$?
expect suggest-command bash -c '[ "$0" = 2 ] && grep -qx "vorlage: error: unknown command .biuld.: did you mean .build.?" "$1"' "$rc" "$T/err"
"$VORLAGE" build "$SRC" --outptu x.pdf >"$T/out" 2>"$T/err"; rc=$?
expect suggest-option bash -c '[ "$0" = 2 ] && grep -qx "vorlage: error: unknown option .--outptu.: did you mean .--output.?" "$1"' "$rc" "$T/err"
"$VORLAGE" help biuld 2>"$T/err"; rc=$?
expect suggest-help-topic bash -c '[ "$0" = 2 ] && grep -q "did you mean .build.?" "$1"' "$rc" "$T/err"
# new: a valid skeleton, never over a file
rm -f "$T/neu.xml"
"$VORLAGE" new "$T/neu.xml" >"$T/out" 2>"$T/err"; rc=$?
expect new-writes bash -c '[ "$0" = 0 ] && [ -s "$1" ] && grep -q "^wrote " "$2"' "$rc" "$T/neu.xml" "$T/out"
expect new-check-accepts bash -c '"$0" check "$1" >/dev/null 2>&1' "$VORLAGE" "$T/neu.xml"
expect new-schema-valid bash -c 'xmllint --noout --nonet --schema xml/vorlage.xsd "$0" 2>/dev/null' "$T/neu.xml"
expect new-xml-model grep -q '^<?xml-model href="file:///.*/xml/vorlage.xsd" type="application/xml" schematypens="http://www.w3.org/2001/XMLSchema"?>$' "$T/neu.xml"
expect new-commented grep -q '<!--' "$T/neu.xml"
expect new-builds bash -c '"$0" build "$1" -o "$2" -q' "$VORLAGE" "$T/neu.xml" "$T/neu.pdf"
echo changed >"$T/keep.xml"
"$VORLAGE" new "$T/keep.xml" 2>"$T/err"; rc=$?
expect new-refuses-overwrite bash -c '[ "$0" = 2 ] && [ "$(cat "$1")" = changed ] && grep -q "exists already" "$2"' "$rc" "$T/keep.xml" "$T/err"
ln -sf "$T/keep.xml" "$T/link.xml"
"$VORLAGE" new "$T/link.xml" 2>/dev/null; rc=$?
expect new-refuses-symlink bash -c '[ "$0" = 2 ] && [ "$(cat "$1")" = changed ]' "$rc" "$T/keep.xml"
SOURCE_DATE_EPOCH=1700000000 "$VORLAGE" new | "$VORLAGE" check - 2>"$T/err"; rc=$?
expect new-to-stdout bash -c '[ "$0" = 0 ] && [ ! -s "$1" ]' "$rc" "$T/err"
