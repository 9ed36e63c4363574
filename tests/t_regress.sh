#!/usr/bin/env bash
# t_regress.sh: the regression cases of tests/regress, one folder per
# feature, each case FEATURE/CASE its source CASE.xml and its expectations
# beside it (tests/regress/README.md says more):
#   CASE.msg     the exact messages (stderr, "ROOT/" made relative); empty or
#                absent: none
#   CASE.layout  the expected box dump: the case is run through
#                `vorlage layout CASE.xml OPTIONS` (stdout compared with it);
#                without it through `vorlage check CASE.xml` (stdout empty)
#   CASE.opts    the layout's OPTIONS (default: --no-letter --points)
#   CASE.rc      the exit status, when it is not the one the messages imply
#                (1 with an "error:" among them, else 0)
# Each case prints one line "ok FEATURE/CASE" or "FAIL FEATURE/CASE: why",
# and after a failure an excerpt of the unified diff.
#
#   bash tests/t_regress.sh [PATH...]            every case, or those of PATH:
#                                                a case (with or without an
#                                                extension) or a feature folder
#   bash tests/t_regress.sh --refresh PATH...    writes the expectations of
#                                                those cases from what the program
#                                                prints (make regress-refresh)
cd "$(dirname "$0")/.." || exit 2
. tests/lib.sh
ROOT=$PWD
DEFAULT_OPTS="--no-letter --points"

refresh=false
if [ "${1:-}" = --refresh ]; then
	refresh=true
	shift
	[ $# -gt 0 ] || { echo "usage: t_regress.sh --refresh CASE|FEATURE-FOLDER..." >&2; exit 2; }
fi
[ $# -gt 0 ] || set -- tests/regress

# The cases of a folder: every name with a .xml, .msg or .layout (a case
# whose source is missing on purpose has only its expectations).
cases_in() {
	local f
	for f in "$1"/*.xml "$1"/*.msg "$1"/*.layout; do
		[ -e "$f" ] || [ -L "$f" ] || continue
		echo "${f%.*}"
	done | sort -u
}

# cases PATH...: the cases named, one a line, as tests/regress/FEATURE/CASE
cases() {
	local p d
	for p in "$@"; do
		p=${p%/}
		p=${p#./}
		case $p in /*) p=${p#"$ROOT"/} ;; esac
		if [ -d "$p" ] && [ "${p%.xml}" = "$p" ]; then
			if [ -n "$(cases_in "$p")" ]; then
				cases_in "$p"
			else
				for d in "$p"/*/; do cases_in "${d%/}"; done
			fi
		else
			case $p in *.xml | *.msg | *.layout | *.opts | *.rc) p=${p%.*} ;; esac
			echo "$p"
		fi
	done
}

# The exit status the messages imply.
implied_rc() {
	if grep -q ': error: ' "$1"; then echo 1; else echo 0; fi
}

# run CASE OUTDIR: runs the case, leaves OUTDIR/out, OUTDIR/msg, OUTDIR/rc
run() {
	local c=$1 o=$2 opts
	if [ -e "$c.layout" ]; then
		if [ -f "$c.opts" ]; then read -ra opts <"$c.opts"; else read -ra opts <<<"$DEFAULT_OPTS"; fi
		"$VORLAGE" layout "$c.xml" "${opts[@]}" >"$o/out" 2>"$o/err"
	else
		"$VORLAGE" check "$c.xml" >"$o/out" 2>"$o/err"
	fi
	echo $? >"$o/rc"
	sed "s|$ROOT/||g" "$o/err" >"$o/msg"
}

# A file of expectations rewritten only when it changes; an empty .msg and
# an implied .rc are not kept.
put() { # FILE NEW [keep-empty]
	if [ ! -s "$2" ] && [ "${3:-}" != keep-empty ]; then
		[ -e "$1" ] && { rm -f "$1"; echo "removed $1"; }
	elif ! cmp -s "$1" "$2"; then
		cp "$2" "$1"
		echo "wrote $1"
	fi
	return 0
}

n=0
while read -r c; do
	[ -n "$c" ] || continue
	n=$((n + 1))
	name=${c#tests/regress/}
	o=$T/regress/$name
	mkdir -p "$o"
	if ! [ -e "$c.xml" ] && ! [ -e "$c.msg" ] && ! [ -e "$c.layout" ]; then
		fail "$name" "no such case: $c.xml"
		continue
	fi
	run "$c" "$o"
	rc=$(cat "$o/rc")
	if $refresh; then
		[ -e "$c.layout" ] && put "$c.layout" "$o/out" keep-empty
		put "$c.msg" "$o/msg"
		if [ "$rc" != "$(implied_rc "$o/msg")" ]; then echo "$rc" >"$o/rc.want"; else : >"$o/rc.want"; fi
		put "$c.rc" "$o/rc.want"
		continue
	fi
	want_msg=$c.msg
	[ -e "$want_msg" ] || want_msg=/dev/null
	if [ -f "$c.rc" ]; then want_rc=$(head -n1 "$c.rc"); else want_rc=$(implied_rc "$want_msg"); fi
	if ! diff -u --label "$c.msg" --label messages "$want_msg" "$o/msg" >"$o/msg.diff"; then
		fail "$name" "messages differ"
		head -n 20 "$o/msg.diff"
	elif [ -e "$c.layout" ] && ! diff -u --label "$c.layout" --label layout "$c.layout" "$o/out" >"$o/layout.diff"; then
		fail "$name" "layout differs ($(grep -c '^[-+][^-+]' "$o/layout.diff") lines)"
		head -n 30 "$o/layout.diff"
	elif [ ! -e "$c.layout" ] && [ -s "$o/out" ]; then
		fail "$name" "check wrote to stdout: $(head -c 200 "$o/out")"
	elif [ "$rc" != "$want_rc" ]; then
		fail "$name" "exit $rc, want $want_rc"
	else
		ok "$name"
	fi
done < <(cases "$@")

if ! $refresh; then
	# every file of expectations belongs to a case
	stray=$(for f in tests/regress/*/*.opts tests/regress/*/*.rc; do
		[ -e "$f" ] || continue
		c=${f%.*}
		[ -e "$c.xml" ] || [ -e "$c.msg" ] || [ -e "$c.layout" ] || echo "$f"
	done)
	if [ "$*" = tests/regress ]; then
		expect regress-no-stray-files test -z "$stray"
		[ -z "$stray" ] || echo "  stray: $stray"
	fi
	[ "$n" -gt 0 ] || fail regress "no case found in $*"
fi
exit 0
