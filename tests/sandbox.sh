# tests/sandbox.sh: sandbox ROOT BOX makes BOX a private copy of the
# repository's top level for a C unit test, which reads fonts/, xml/, … and
# writes tests/scratch relative to its working directory: every entry of ROOT
# but tests/ as a symbolic link, and tests/ with links to all but scratch/,
# which is a real, empty directory.
sandbox() {
	local root=$1 box=$2 e
	mkdir -p "$box/tests/scratch"
	for e in "$root"/* "$root"/.[!.]*; do
		[ -e "$e" ] || continue
		[ "${e##*/}" = tests ] || ln -s "$e" "$box/"
	done
	for e in "$root"/tests/*; do
		[ "${e##*/}" = scratch ] || ln -s "$e" "$box/tests/"
	done
}
