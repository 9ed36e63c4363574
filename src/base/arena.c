/* arena.c: chunked bump allocation for per-document memory. */
#include "base.h"

#include <stdalign.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct chunk {
	struct chunk *next;
	size_t size, used;
	alignas(max_align_t) unsigned char data[];
};

struct arena {
	struct chunk *head;
	size_t total;
};

enum { ARENA_CHUNK = 64 * 1024 };

arena *
arena_new(void)
{
	return xcalloc(1, sizeof(arena));
}

void
arena_free(arena *a)
{
	if (!a)
		return;
	for (struct chunk *c = a->head, *n; c; c = n) {
		n = c->next;
		free(c);
	}
	free(a);
}

void *
arena_alloc(arena *a, size_t n)
{
	const size_t al = alignof(max_align_t);
	if (n > SIZE_MAX - al)
		diag_oom();
	n = (n + al - 1) & ~(al - 1);
	struct chunk *c = a->head;
	if (!c || c->size - c->used < n) {
		size_t sz = n > ARENA_CHUNK ? n : ARENA_CHUNK;
		c = xmalloc(sizeof *c + sz);
		c->size = sz;
		c->used = 0;
		/* A big block gets its own chunk behind the current one so the
		 * current chunk's free space is not wasted. */
		if (a->head && sz > ARENA_CHUNK) {
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
		a->total += sz;
	}
	void *p = c->data + c->used;
	c->used += n;
	return p;
}

void *
arena_zalloc(arena *a, size_t n)
{
	void *p = arena_alloc(a, n);
	memset(p, 0, n);
	return p;
}

void *
arena_array(arena *a, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		diag_oom();
	return arena_zalloc(a, n * size);
}

char *
arena_strndup(arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *
arena_printf(arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		diag_oom();
	char *p = arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

size_t
arena_bytes(const arena *a)
{
	return a->total;
}
