/* arena.h: a bump allocator; everything of one document lives and dies together. */
#ifndef VORLAGE_ARENA_H
#define VORLAGE_ARENA_H

#include <stddef.h>

typedef struct arena arena;

arena *arena_new(void);
void arena_free(arena *a);              /* frees every allocation; NULL is fine */
void *arena_alloc(arena *a, size_t n);  /* aligned for any type; never NULL (exits on OOM) */
void *arena_zalloc(arena *a, size_t n); /* zeroed */
void *arena_array(arena *a, size_t n, size_t size); /* zeroed, overflow-checked */
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
size_t arena_bytes(const arena *a);     /* bytes reserved from the system, for the benchmark */

#endif
