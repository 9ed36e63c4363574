/* hyph_int.h: reading the dictionary cache (hyphcache.c), for hyph.c only:
 * it needs libhyphen's types. */
#ifndef VORLAGE_HYPHCACHE_H
#define VORLAGE_HYPHCACHE_H

#include <hyphen.h>

#include <stddef.h>

typedef struct hyph_cache_map {
	void *p;
	size_t size;
} hyph_cache_map;

/* The dictionary stored in cache_path when that cache belongs to dic_path
 * (same size and modification time, same structure sizes) and passes every
 * check of the automaton libhyphen will walk (hyphcache.c);
 * NULL otherwise. The whole dictionary lives in the mapping m:
 * hyph_cache_unmap releases it (never hnj_hyphen_free). */
HyphenDict *hyph_cache_load(const char *cache_path, const char *dic_path, hyph_cache_map *m);
void hyph_cache_unmap(hyph_cache_map *m);

#endif
