/* srcpath.c: files a source names by a path relative to itself (the
 * signature image, figures), whether they stay inside the source's
 * directory once symbolic links are resolved, and the list of them all. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "front.h"

#include <stdlib.h>
#include <string.h>

const char *
vl_source_file(arena *a, const char *source, const char *rel, bool *inside, bool *exists)
{
	const char *slash = strrchr(source, '/');
	const char *path = rel[0] == '/' || !slash ? rel
	    : arena_printf(a, "%.*s/%s", (int)(slash - source), source, rel);
	const char *dir = slash ? (slash == source ? "/" : arena_strndup(a, source,
	    (size_t)(slash - source))) : ".";
	char *rdir = realpath(dir, NULL), *rfile = realpath(path, NULL);
	*inside = true;
	*exists = rfile != NULL;
	if (rdir && rfile) {
		size_t n = strlen(rdir);
		*inside = strncmp(rfile, rdir, n) == 0 &&
		    (rfile[n] == '/' || (n == 1 && rdir[0] == '/'));
	}
	free(rdir);
	free(rfile);
	return path;
}

typedef struct file_list {
	arena *a;
	const char *source;
	const char **files;
	size_t n, cap;
} file_list;

static void
add_file(file_list *l, const char *rel)
{
	bool inside, exists;
	if (!rel)
		return;
	/* a copy: vl_source_file may return rel itself, the doc's */
	const char *path = arena_strdup(l->a, vl_source_file(l->a, l->source, rel, &inside,
	    &exists));
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 8;
		const char **f = arena_array(l->a, cap, sizeof *f);
		if (l->n)
			memcpy(f, l->files, l->n * sizeof *f);
		l->files = f;
		l->cap = cap;
	}
	l->files[l->n++] = path;
}

static void
item_file(const vl_item *it, void *ctx)
{
	if (it->kind == VL_ITEM_FIGURE)
		add_file(ctx, it->u.figure.image);
}

size_t
vl_source_files(const vl_doc *doc, arena *a, const char ***out)
{
	file_list l = { a, doc->path, NULL, 0, 0 };
	add_file(&l, doc->letter.signature_image);
	vl_items_walk(doc->report.answer, doc->report.nanswer, item_file, &l);
	*out = l.files;
	return l.n;
}
