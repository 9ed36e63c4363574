/* res.c: resource lookup relative to the executable or $VORLAGE_HOME. */
#include "base.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
	const char *dir = path_pop(buf);  /* build, asan, tests, bin … */
	/* build/asan/vorlage and build/tests/test_x sit one level deeper */
	if (dir && (strcmp(dir, "asan") == 0 || strcmp(dir, "tests") == 0)) {
		char *slash = strrchr(buf, '/');
		if (slash && strcmp(slash + 1, "build") == 0)
			path_pop(buf);
		else if (slash && strcmp(slash + 1, "asan") == 0) {
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
	return arena_printf(a, "%s/%s", res_root(a), rel);
}
