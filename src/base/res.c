/* res.c: resource lookup relative to the executable or $VORLAGE_HOME, and
 * the resource table: each file read once, each image decoded once.
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

/* ---- the resource table ------------------------------------------------- */

/* RES_GONE: an entry whose file could not be read, or whose image was let
 * go (res_table_trim); no look-up finds it, its spellings are resolved
 * anew. */
enum res_kind { RES_FILE, RES_IMAGE, RES_GONE };

/* One file of one kind. A file's bytes stay; an image keeps its pixels
 * (the file's bytes are freed once decoded), or why it did not decode. */
typedef struct res_entry {
	enum res_kind kind;
	file_id id;
	unsigned char *data;   /* RES_FILE */
	size_t len;
	image_png img;         /* RES_IMAGE, when ok */
	bool ok;
	char *why;             /* RES_IMAGE, when not ok */
} res_entry;

/* A spelling of a path already resolved to an entry. */
typedef struct res_alias {
	char *path;
	enum res_kind kind;
	size_t entry;
} res_alias;

/* Two open-addressing hash sets of indices + 1 (0 is free): aliases by
 * spelling and kind, entries by identity and kind; each at most half full.
 * A source with 10 000 figures of 10 000 spellings costs 20 000 look-ups,
 * not 10^8 comparisons. */
typedef struct res_set {
	size_t *slot;
	size_t cap;     /* a power of two, or 0 */
} res_set;

struct res_table {
	res_entry *e;
	size_t n, cap;
	res_alias *al;
	size_t nal, alcap;
	res_set by_path, by_id;
	res_counts counts;
};

static uint64_t
hash_bytes(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 1099511628211u; /* FNV-1a */
	return h;
}

static uint64_t
hash_path(const char *path, enum res_kind kind)
{
	unsigned char k = (unsigned char)kind;
	return hash_bytes(hash_bytes(14695981039346656037u, &k, 1), path, strlen(path));
}

static uint64_t
hash_id(file_id id, enum res_kind kind)
{
	unsigned char k = (unsigned char)kind;
	uint64_t h = hash_bytes(14695981039346656037u, &k, 1);
	h = hash_bytes(h, &id.dev, sizeof id.dev);
	return hash_bytes(h, &id.ino, sizeof id.ino);
}

static bool
alias_is(const res_table *t, size_t i, const char *path, enum res_kind kind)
{
	return t->al[i].kind == kind && strcmp(t->al[i].path, path) == 0;
}

static bool
entry_is(const res_table *t, size_t i, file_id id, enum res_kind kind)
{
	return t->e[i].kind == kind && t->e[i].id.dev == id.dev && t->e[i].id.ino == id.ino;
}

/* The slot of hash h in s: the first free one from h's on. */
static size_t
set_free_slot(const res_set *s, uint64_t h)
{
	size_t m = s->cap - 1, k = (size_t)h & m;
	while (s->slot[k])
		k = (k + 1) & m;
	return k;
}

static uint64_t
alias_hash(const res_table *t, size_t i)
{
	return hash_path(t->al[i].path, t->al[i].kind);
}

static uint64_t
entry_hash(const res_table *t, size_t i)
{
	return hash_id(t->e[i].id, t->e[i].kind);
}

/* Adds index i (of n in all) to s, doubling it first when half full. */
static void
set_add(res_table *t, res_set *s, size_t i, size_t n, uint64_t (*hash)(const res_table *, size_t))
{
	if (2 * n >= s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 64;
		res_set grown = { xcalloc(cap, sizeof *grown.slot), cap };
		for (size_t k = 0; k < s->cap; k++)
			if (s->slot[k])
				grown.slot[set_free_slot(&grown, hash(t, s->slot[k] - 1))] = s->slot[k];
		free(s->slot);
		*s = grown;
	}
	s->slot[set_free_slot(s, hash(t, i))] = i + 1;
}

/* The alias of a spelling, or -1. */
static long
find_alias(const res_table *t, const char *path, enum res_kind kind)
{
	if (!t->by_path.cap)
		return -1;
	size_t m = t->by_path.cap - 1;
	for (size_t k = (size_t)hash_path(path, kind) & m; t->by_path.slot[k]; k = (k + 1) & m)
		if (alias_is(t, t->by_path.slot[k] - 1, path, kind))
			return (long)(t->by_path.slot[k] - 1);
	return -1;
}

/* The entry of a file's identity, or -1. */
static long
find_entry(const res_table *t, file_id id, enum res_kind kind)
{
	if (!t->by_id.cap)
		return -1;
	size_t m = t->by_id.cap - 1;
	for (size_t k = (size_t)hash_id(id, kind) & m; t->by_id.slot[k]; k = (k + 1) & m)
		if (entry_is(t, t->by_id.slot[k] - 1, id, kind))
			return (long)(t->by_id.slot[k] - 1);
	return -1;
}

static void
add_alias(res_table *t, const char *path, enum res_kind kind, size_t entry)
{
	t->al = xgrow(t->al, &t->alcap, t->nal + 1, sizeof *t->al);
	size_t n = strlen(path);
	char *copy = xmalloc(n + 1);
	memcpy(copy, path, n + 1);
	t->al[t->nal] = (res_alias){ copy, kind, entry };
	set_add(t, &t->by_path, t->nal, t->nal + 1, alias_hash);
	t->nal++;
}

/* The entry of path of this kind: known by the spelling, or by the
 * identity of the file it opens (fd then closed, *fd -1); else a new
 * entry of the file's identity, with the file open in *fd for the caller
 * to read into it. -1 after file_read's message when the file cannot be
 * opened. */
static long
lookup(res_table *t, const char *path, enum res_kind kind, int *fd, diag *d)
{
	*fd = -1;
	long a = find_alias(t, path, kind);
	if (a >= 0 && t->e[t->al[a].entry].kind == kind)
		return (long)t->al[a].entry;
	file_id id;
	int f = file_open(path, &id, d);
	if (f < 0)
		return -1;
	long k = find_entry(t, id, kind);
	if (k >= 0) {
		close(f);
	} else {
		t->e = xgrow(t->e, &t->cap, t->n + 1, sizeof *t->e);
		t->e[t->n] = (res_entry){ .kind = kind, .id = id };
		set_add(t, &t->by_id, t->n, t->n + 1, entry_hash);
		k = (long)t->n++;
		*fd = f;
	}
	if (a >= 0)
		t->al[a].entry = (size_t)k; /* its entry was gone */
	else
		add_alias(t, path, kind, (size_t)k);
	return k;
}

res_table *
res_table_new(void)
{
	return xcalloc(1, sizeof(res_table));
}

void
res_table_free(res_table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++) {
		free(t->e[i].data);
		free(t->e[i].why);
		image_png_free(&t->e[i].img);
	}
	for (size_t i = 0; i < t->nal; i++)
		free(t->al[i].path);
	free(t->e);
	free(t->al);
	free(t->by_path.slot);
	free(t->by_id.slot);
	free(t);
}

/* Reads the new entry's file, open in fd; false after a message, the entry
 * gone (the next request opens the file again). */
static bool
read_entry(res_table *t, res_entry *e, int fd, const char *path, const char *what, size_t max,
    diag *d)
{
	t->counts.reads++;
	e->data = (unsigned char *)file_read_fd(fd, path, what, max, &e->len, d);
	if (!e->data)
		e->kind = RES_GONE;
	return e->data != NULL;
}

const unsigned char *
res_file(res_table *t, const char *path, const char *what, size_t max, size_t *len, diag *d)
{
	int fd;
	long k = lookup(t, path, RES_FILE, &fd, d);
	if (k < 0 || (fd >= 0 && !read_entry(t, &t->e[k], fd, path, what, max, d)))
		return NULL;
	const res_entry *e = &t->e[k];
	if (e->len > max) {
		MSG(FILE_TOO_LARGE, d, path, 0, 0, what, (unsigned long long)e->len, max);
		return NULL;
	}
	*len = e->len;
	return e->data;
}

const image_png *
res_image(res_table *t, const char *path, const char *what, diag *d)
{
	int fd;
	long k = lookup(t, path, RES_IMAGE, &fd, d);
	if (k < 0)
		return NULL;
	res_entry *e = &t->e[k];
	if (fd >= 0) {
		if (!read_entry(t, e, fd, path, what, IMAGE_MAX_BYTES, d))
			return NULL;
		char why[IMAGE_WHY_MAX];
		t->counts.decodes++;
		e->ok = image_png_decode(e->data, e->len, &e->img, why);
		if (!e->ok) {
			size_t n = strlen(why);
			e->why = xmalloc(n + 1);
			memcpy(e->why, why, n + 1);
		}
		free(e->data); /* the pixels are what is used from now on */
		e->data = NULL;
		e->len = 0;
	}
	if (!e->ok) {
		MSG(IMAGE_BROKEN, d, path, 0, 0, what, e->why);
		return NULL;
	}
	return &e->img;
}

void
res_table_trim(res_table *t, size_t max)
{
	size_t held = 0;
	for (size_t i = 0; i < t->n; i++)
		if (t->e[i].kind == RES_IMAGE && t->e[i].ok)
			held += (size_t)t->e[i].img.width * t->e[i].img.height *
			    (t->e[i].img.channels + (t->e[i].img.alpha != NULL));
	if (held <= max)
		return;
	for (size_t i = 0; i < t->n; i++)
		if (t->e[i].kind == RES_IMAGE) {
			image_png_free(&t->e[i].img);
			free(t->e[i].why);
			t->e[i].why = NULL;
			t->e[i].kind = RES_GONE;
		}
}

res_counts
res_table_counts(const res_table *t)
{
	return t->counts;
}
