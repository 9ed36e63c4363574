/* res.c: resource lookup relative to the executable or $VORLAGE_HOME.
 *
 * Two layouts: the build tree (build/vorlage, build/asan/vorlage,
 * build/tests/x: the repository holds templates/, xml/, fonts/ and
 * build/share/ the generated files: dictionaries, caches, the ICC profile,
 * the compiled translations), and the installed one (make install:
 * PREFIX/bin/vorlage and PREFIX/share/vorlage/ with templates/, xml/,
 * fonts/ and, at its top, what the build tree keeps in build/share/). */
#include "base.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The directory under the installation prefix that make install fills. */
#define RES_INSTALLED "share/vorlage"
/* Where the build tree keeps the generated resources; the installed
 * layout keeps them at its top, and a relative path "build/share/x" (as
 * the templates name the dictionaries) resolves there. */
#define RES_BUILD_SHARE "build/share/"

/* Cuts the last path component off p in place; returns that component. */
static const char *
path_pop(char *p)
{
	char *slash = strrchr(p, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	return slash + 1;
}

static bool
is_file(const char *dir, const char *rel)
{
	char p[PATH_MAX];
	struct stat st;
	return snprintf(p, sizeof p, "%s/%s", dir, rel) < (int)sizeof p && stat(p, &st) == 0 &&
	    S_ISREG(st.st_mode);
}

const char *
res_root(arena *a)
{
	const char *env = getenv("VORLAGE_HOME");
	if (env && *env)
		return arena_strdup(a, env);
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	if (n <= 0)
		return ".";
	buf[n] = '\0';
	path_pop(buf);                    /* the executable's name */
	/* installed: PREFIX/bin/vorlage beside PREFIX/share/vorlage/ */
	char inst[PATH_MAX];
	const char *slash = strrchr(buf, '/');
	if (slash && snprintf(inst, sizeof inst, "%.*s/" RES_INSTALLED, (int)(slash - buf), buf) <
	    (int)sizeof inst && is_file(inst, "xml/vorlage.xsd"))
		return arena_strdup(a, inst);
	const char *dir = path_pop(buf);  /* build, asan, tests … */
	/* build/asan/vorlage and build/tests/test_x sit one level deeper */
	if (dir && (strcmp(dir, "asan") == 0 || strcmp(dir, "tests") == 0)) {
		char *s = strrchr(buf, '/');
		if (s && strcmp(s + 1, "build") == 0)
			path_pop(buf);
		else if (s && strcmp(s + 1, "asan") == 0) {
			path_pop(buf);  /* build/asan/tests */
			path_pop(buf);
		}
	}
	return arena_strdup(a, buf[0] ? buf : "/");
}

const char *
res_path(arena *a, const char *rel)
{
	if (rel[0] == '/')
		return rel;
	const char *root = res_root(a);
	/* the installed layout (its top holds the ICC profile) */
	if (strncmp(rel, RES_BUILD_SHARE, strlen(RES_BUILD_SHARE)) == 0 && is_file(root, "sRGB.icc"))
		rel += strlen(RES_BUILD_SHARE);
	return arena_printf(a, "%s/%s", root, rel);
}
