/* hyphcache.c: a machine-local cache of a loaded libhyphen dictionary.
 *
 * libhyphen's loader builds its pattern automaton in about 2.3 s for
 * Debian's German dictionary (78 000 patterns; its hash chains make the
 * construction slow), while hyphenating with the automaton is fast. `make`
 * therefore loads each dictionary once with hnj_hyphen_load() and writes the
 * automaton as it is in memory (HyphenDict, HyphenState, HyphenTrans from
 * the installed <hyphen.h>) to DIC.cache; the program reads that file in one
 * call and turns the stored offsets back into pointers. libhyphen still does
 * all the hyphenation on the very same automaton.
 *
 * The cache names the dictionary's size and modification time and the sizes
 * of the three structures; when any of them differ (another dictionary,
 * another libhyphen ABI) the cache is ignored and the dictionary is loaded
 * the slow way. The file is mapped, not read: see CACHE_BASE. Nothing in it
 * is trusted: every field libhyphen will follow is checked first, and a
 * cache that fails any check is ignored the same way (check_level). */
#include "engine.h"
#include "hyph_int.h"

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <hyphen.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* libhyphen has two levels at most (compound and word patterns) */
enum { CACHE_MAX_LEVELS = 8 };

/* The depth of a state, as the cache stores it beside the automaton: the
 * length of the string that leads to it from state 0 (at most DEPTH), and
 * DOT when that string begins with the word-start '.'. */
enum { DEPTH = 0x7F, DOT = 0x80 };

static const char cache_magic[8] = { 'V', 'L', 'H', 'Y', 'C', '0', '3', '\n' };

typedef struct cache_header {
	char magic[8];
	uint32_t sz_dict, sz_state, sz_trans, nlevels;
	uint64_t dic_size;
	int64_t dic_mtime_sec, dic_mtime_nsec;
	uint64_t file_size;
	uint64_t base;       /* the address the pointers in the file are relative to */
	uint64_t first_dict; /* pointer to the first level */
	uint64_t depth[CACHE_MAX_LEVELS]; /* file offset of each level's state depths */
} cache_header;

typedef struct buf {
	unsigned char *p;
	size_t n, cap;
} buf;

/* Appends n bytes (NULL: zeros) aligned to 8; returns their offset. */
static size_t
buf_add(buf *b, const void *data, size_t n)
{
	size_t off = (b->n + 7) & ~(size_t)7;
	b->p = xgrow(b->p, &b->cap, off + n, 1);
	memset(b->p + b->n, 0, off - b->n);
	if (data)
		memcpy(b->p + off, data, n);
	else
		memset(b->p + off, 0, n);
	b->n = off + n;
	return off;
}

/* Where the cache would like to be mapped: pointers in the file are stored
 * for this address, so that a mapping there needs no relocation and none of
 * its pages is written (they stay shared with the page cache). Far above the
 * heap and below the stack; under AddressSanitizer inside its high memory.
 * Anywhere else works too, after relocation. */
#define CACHE_BASE ((uint64_t)0x200000000000)

static uint64_t
rel(size_t off)
{
	return CACHE_BASE + (uint64_t)off;
}

/* Copies one field of *src into the structure of type T at offset at. */
#define PUT_FIELD(b, at, T, src, f) \
	memcpy((b)->p + (at) + offsetof(T, f), &(src)->f, sizeof (src)->f)

/* Stores an offset where a pointer would be. */
static void
put_ptr(buf *b, size_t at, uint64_t off1)
{
	uintptr_t v = (uintptr_t)off1;
	memcpy(b->p + at, &v, sizeof v);
}

/* libhyphen keeps nohyphenl + 1 strings (nohyphenl counts the commas of
 * the NOHYPHEN line), one after the other. */
static size_t
nohyphen_bytes(const HyphenDict *d)
{
	size_t n = 0;
	const char *s = d->nohyphen;
	for (int i = 0; s && i <= d->nohyphenl; i++) {
		size_t l = strlen(s + n) + 1;
		n += l;
	}
	return n;
}

/* The depth byte of every state of a level, breadth first from state 0;
 * false when a pattern is longer than DEPTH. */
static bool
level_depths(const HyphenDict *lv, unsigned char *depth)
{
	int ns = lv->num_states;
	int *queue = xmalloc((size_t)ns * sizeof *queue);
	unsigned char *seen = xcalloc((size_t)ns, 1);
	size_t qh = 0, qt = 0;
	bool ok = true;
	depth[0] = 0;
	seen[0] = 1;
	queue[qt++] = 0;
	while (qh < qt) {
		int si = queue[qh++];
		const HyphenState *st = &lv->states[si];
		for (int k = 0; k < st->num_trans; k++) {
			int t = st->trans[k].new_state;
			if (seen[t])
				continue;
			seen[t] = 1;
			if ((depth[si] & DEPTH) == DEPTH)
				ok = false;
			unsigned char dot = si == 0 ? (st->trans[k].ch == '.' ? DOT : 0) : depth[si] & DOT;
			depth[t] = (unsigned char)(((depth[si] & DEPTH) + 1) | dot);
			queue[qt++] = t;
		}
	}
	for (int si = 0; si < ns; si++)
		if (!seen[si])
			depth[si] = 0; /* never entered */
	free(queue);
	free(seen);
	return ok;
}

int
hyph_cache_build(const char *dic_path, const char *cache_path, diag *d)
{
	struct stat st;
	if (stat(dic_path, &st) != 0) {
		MSG(CANNOT_OPEN, d, dic_path, 0, 0, strerror(errno));
		return -1;
	}
	HyphenDict *dict = hnj_hyphen_load(dic_path);
	if (!dict) {
		MSG(HYPH_BROKEN, d, dic_path, 0, 0);
		return -1;
	}
	buf b = { 0 };
	cache_header h = { .sz_dict = sizeof(HyphenDict), .sz_state = sizeof(HyphenState),
		.sz_trans = sizeof(HyphenTrans), .dic_size = (uint64_t)st.st_size,
		.dic_mtime_sec = (int64_t)st.st_mtim.tv_sec,
		.dic_mtime_nsec = (int64_t)st.st_mtim.tv_nsec };
	memcpy(h.magic, cache_magic, sizeof h.magic);
	h.base = CACHE_BASE;
	size_t hoff = buf_add(&b, &h, sizeof h);

	size_t prev_dict = 0;
	for (const HyphenDict *lv = dict; lv; lv = lv->nextlevel) {
		/* Field by field into zeroed space (copying whole structures,
		 * or building them on the stack, may leave their padding
		 * undefined): the same dictionary always gives the same cache. */
		size_t doff = buf_add(&b, NULL, sizeof(HyphenDict));
		PUT_FIELD(&b, doff, HyphenDict, lv, lhmin);
		PUT_FIELD(&b, doff, HyphenDict, lv, rhmin);
		PUT_FIELD(&b, doff, HyphenDict, lv, clhmin);
		PUT_FIELD(&b, doff, HyphenDict, lv, crhmin);
		PUT_FIELD(&b, doff, HyphenDict, lv, nohyphenl);
		PUT_FIELD(&b, doff, HyphenDict, lv, num_states);
		PUT_FIELD(&b, doff, HyphenDict, lv, cset);
		PUT_FIELD(&b, doff, HyphenDict, lv, utf8);
		if (prev_dict)
			put_ptr(&b, prev_dict + offsetof(HyphenDict, nextlevel), rel(doff));
		else
			h.first_dict = rel(doff);
		put_ptr(&b, doff + offsetof(HyphenDict, nextlevel), 0);
		h.nlevels++;
		size_t nh = nohyphen_bytes(lv);
		put_ptr(&b, doff + offsetof(HyphenDict, nohyphen),
		    lv->nohyphen ? rel(buf_add(&b, lv->nohyphen, nh)) : 0);
		size_t soff = buf_add(&b, NULL, sizeof(HyphenState) * (size_t)lv->num_states);
		put_ptr(&b, doff + offsetof(HyphenDict, states), rel(soff));
		for (int i = 0; i < lv->num_states; i++) {
			const HyphenState *s = &lv->states[i];
			size_t at = soff + sizeof(HyphenState) * (size_t)i;
			/* libhyphen sets replindex and replcut only for states with
			 * a replacement (and reads them only then) */
			if (s->repl) {
				PUT_FIELD(&b, at, HyphenState, s, replindex);
				PUT_FIELD(&b, at, HyphenState, s, replcut);
			}
			PUT_FIELD(&b, at, HyphenState, s, fallback_state);
			PUT_FIELD(&b, at, HyphenState, s, num_trans);
			put_ptr(&b, at + offsetof(HyphenState, match),
			    s->match ? rel(buf_add(&b, s->match, strlen(s->match) + 1)) : 0);
			put_ptr(&b, at + offsetof(HyphenState, repl),
			    s->repl ? rel(buf_add(&b, s->repl, strlen(s->repl) + 1)) : 0);
			size_t toff = 0;
			if (s->num_trans > 0) {
				toff = buf_add(&b, NULL, sizeof(HyphenTrans) * (size_t)s->num_trans);
				for (int k = 0; k < s->num_trans; k++) {
					size_t t = toff + sizeof(HyphenTrans) * (size_t)k;
					PUT_FIELD(&b, t, HyphenTrans, &s->trans[k], ch);
					PUT_FIELD(&b, t, HyphenTrans, &s->trans[k], new_state);
				}
			}
			put_ptr(&b, at + offsetof(HyphenState, trans), s->num_trans > 0 ? rel(toff) : 0);
		}
		prev_dict = doff;
		unsigned char *depth = xmalloc((size_t)lv->num_states + 1);
		bool deep_ok = h.nlevels <= CACHE_MAX_LEVELS && level_depths(lv, depth);
		if (deep_ok)
			h.depth[h.nlevels - 1] = buf_add(&b, depth, (size_t)lv->num_states);
		free(depth);
		if (!deep_ok) {
			MSG(HYPH_UNCACHEABLE, d, dic_path, 0, 0);
			hnj_hyphen_free(dict);
			free(b.p);
			return -1;
		}
	}
	hnj_hyphen_free(dict);
	buf_add(&b, NULL, 8); /* the file ends in zeros: every string in it is terminated */
	h.file_size = b.n;
	memcpy(b.p + hoff, &h, sizeof h);

	/* never a half-written cache, never written over the dictionary */
	const char *inputs[] = { dic_path };
	int rc = file_write_atomic(cache_path, b.p, b.n, inputs, 1, d) == VL_EXIT_OK ? 0 : -1;
	free(b.p);
	return rc;
}

/* The mapping: pointers in it must point inside it. */
typedef struct span {
	uintptr_t lo, hi;
} span;

/* p is inside the mapping with room for need bytes and aligned to align. */
static bool
inside(span m, const void *p, size_t need, size_t align)
{
	uintptr_t v = (uintptr_t)p;
	return v >= m.lo && v <= m.hi && m.hi - v >= need && v % align == 0;
}

/* s is a string inside the mapping; its length into *len. */
static bool
string_inside(span m, const char *s, size_t *len)
{
	if (!inside(m, s, 1, 1))
		return false;
	const char *z = memchr(s, '\0', m.hi - (uintptr_t)s);
	if (!z)
		return false;
	*len = (size_t)(z - s);
	return true;
}

/* Relocates one stored pointer by delta (the mapping is not at the address
 * the file was written for) and checks that it stays inside the mapping. */
static bool
relocate(span m, intptr_t delta, void *field, size_t need, size_t align)
{
	uintptr_t v;
	memcpy(&v, field, sizeof v);
	if (!v)
		return true;
	v += (uintptr_t)delta;
	if (!inside(m, (const void *)v, need, align))
		return false;
	memcpy(field, &v, sizeof v);
	return true;
}

static bool
relocate_level(span m, intptr_t delta, HyphenDict *lv)
{
	int ns = lv->num_states; /* read once: relocation writes may overlap */
	if (ns < 0 || (size_t)ns > (m.hi - m.lo) / sizeof(HyphenState) ||
	    !relocate(m, delta, &lv->nextlevel, sizeof(HyphenDict), _Alignof(HyphenDict)) ||
	    !relocate(m, delta, &lv->nohyphen, 1, 1) ||
	    !relocate(m, delta, &lv->states, sizeof(HyphenState) * (size_t)ns, _Alignof(HyphenState)))
		return false;
	HyphenState *states = lv->states;
	size_t max_trans = (m.hi - m.lo) / sizeof(HyphenTrans);
	for (int i = 0; i < ns; i++) {
		HyphenState *st = &states[i];
		int nt = st->num_trans;
		if (nt < 0 || (size_t)nt > max_trans ||
		    !relocate(m, delta, &st->match, 1, 1) || !relocate(m, delta, &st->repl, 1, 1) ||
		    !relocate(m, delta, &st->trans, sizeof(HyphenTrans) * (size_t)nt, _Alignof(HyphenTrans)))
			return false;
	}
	return true;
}

/* Everything libhyphen follows in one level, read only (after any
 * relocation). hnj_hyphen_hyphenate2 starts at state 0, follows a state's
 * num_trans transitions (trans[k].new_state) and, when none matches, its
 * fallback_state until -1; at each state it writes the digits of `match`
 * into its output, ending at the current letter; it walks nohyphenl + 1
 * strings of nohyphen. The cache stores each state's depth (see DEPTH),
 * which is checked, not trusted:
 * - cset is terminated; nohyphen's strings lie in the file, none empty (an
 *   empty one makes libhyphen write before its buffer);
 * - states, and each state's transitions, lie in the file, aligned;
 * - state 0 has depth 0; every transition leads to a state one deeper, with
 *   DOT set when it leaves state 0 by '.' and inherited otherwise: so after
 *   reading letter i of the word, the state's depth is at most i + 1, and
 *   i + 1 only on the path from the word's start (its '.');
 * - every fallback leads to a strictly shallower state (state 0's to -1):
 *   no cycle, so no endless loop;
 * - a match is at most depth + 1 digits long, at most depth under DOT: it
 *   never reaches before the word;
 * - no replacements (non-standard hyphenation; hyph.c does not use them and
 *   neither dictionary has any): such a dictionary is not cached.
 * One pass over the states in file order. */
static bool
check_level(span m, const HyphenDict *lv, const unsigned char *depth)
{
	if (!memchr(lv->cset, '\0', sizeof lv->cset))
		return false;
	if (lv->nohyphen) {
		if (lv->nohyphenl < 0 || lv->nohyphenl > 1 << 20)
			return false;
		const char *s = lv->nohyphen;
		for (int i = 0; i <= lv->nohyphenl; i++) {
			size_t len;
			if (!string_inside(m, s, &len) || len == 0)
				return false;
			s += len + 1;
		}
	}
	int ns = lv->num_states;
	if (ns < 1 || (size_t)ns > (m.hi - m.lo) / sizeof(HyphenState) ||
	    !inside(m, lv->states, sizeof(HyphenState) * (size_t)ns, _Alignof(HyphenState)) ||
	    !inside(m, depth, (size_t)ns, 1) || depth[0] != 0)
		return false;
	const HyphenState *states = lv->states;
	size_t max_trans = (m.hi - m.lo) / sizeof(HyphenTrans); /* no division per state */
	for (int si = 0; si < ns; si++) {
		const HyphenState *st = &states[si];
		unsigned d = depth[si] & DEPTH;
		int nt = st->num_trans, fb = st->fallback_state;
		if (nt < 0 || (nt > 0 && (d == DEPTH || (size_t)nt > max_trans ||
		    !inside(m, st->trans, sizeof(HyphenTrans) * (size_t)nt, _Alignof(HyphenTrans)))))
			return false;
		for (int k = 0; k < nt; k++) {
			int t = st->trans[k].new_state;
			unsigned char dot = si == 0 ? (st->trans[k].ch == '.' ? DOT : 0) : depth[si] & DOT;
			if (t <= 0 || t >= ns || depth[t] != ((d + 1) | dot))
				return false;
		}
		if (fb != -1 && (fb < 0 || fb >= ns || (depth[fb] & DEPTH) >= d))
			return false;
		size_t len;
		if (st->match && (!string_inside(m, st->match, &len) ||
		    len > d + ((depth[si] & DOT) ? 0 : 1)))
			return false;
		if (st->repl)
			return false;
	}
	return true;
}

HyphenDict *
hyph_cache_load(const char *cache_path, const char *dic_path, hyph_cache_map *m)
{
	struct stat st, cst;
	int fd = -1;
	void *map = MAP_FAILED;
	cache_header h = { .base = 0 };
	/* (without blocking: a FIFO is no cache) */
	if (stat(dic_path, &st) != 0 || (fd = open(cache_path, O_RDONLY | O_NONBLOCK)) < 0)
		return NULL;
	bool ok = fstat(fd, &cst) == 0 && S_ISREG(cst.st_mode) && cst.st_size >= (off_t)sizeof h &&
	    cst.st_size <= (off_t)256 * 1024 * 1024 &&
	    pread(fd, &h, sizeof h, 0) == (ssize_t)sizeof h &&
	    memcmp(h.magic, cache_magic, sizeof h.magic) == 0 &&
	    h.sz_dict == sizeof(HyphenDict) && h.sz_state == sizeof(HyphenState) &&
	    h.sz_trans == sizeof(HyphenTrans) && h.file_size == (uint64_t)cst.st_size &&
	    h.dic_size == (uint64_t)st.st_size &&
	    h.dic_mtime_sec == (int64_t)st.st_mtim.tv_sec &&
	    h.dic_mtime_nsec == (int64_t)st.st_mtim.tv_nsec &&
	    h.nlevels >= 1 && h.nlevels <= CACHE_MAX_LEVELS &&
	    h.base % 4096 == 0 && h.first_dict >= h.base &&
	    h.first_dict - h.base <= h.file_size - sizeof(HyphenDict) &&
	    (h.first_dict - h.base) % _Alignof(HyphenDict) == 0;
	size_t size = (size_t)cst.st_size;
	if (ok) {
		/* Private and writable: relocation (and nothing else) writes. */
		map = mmap((void *)(uintptr_t)h.base, size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
		ok = map != MAP_FAILED && ((unsigned char *)map)[size - 1] == 0;
	}
	close(fd);
	span sp = { (uintptr_t)map, (uintptr_t)map + size };
	intptr_t delta = (intptr_t)(sp.lo - (uintptr_t)h.base);
	HyphenDict *first = ok ? (HyphenDict *)(h.first_dict + (uintptr_t)delta) : NULL;
	/* the levels, each checked to lie in the file before it is read; at
	 * most nlevels of them (a cycle of levels ends there) */
	HyphenDict *levels[CACHE_MAX_LEVELS];
	uint32_t nl = 0;
	for (HyphenDict *lv = first; ok && lv; lv = lv->nextlevel) {
		ok = nl < h.nlevels && inside(sp, lv, sizeof *lv, _Alignof(HyphenDict)) &&
		    (delta == 0 || relocate_level(sp, delta, lv));
		if (ok)
			levels[nl++] = lv;
	}
	ok = ok && nl == h.nlevels;
	for (uint32_t i = 0; ok && i < nl; i++)
		ok = h.depth[i] < size && check_level(sp, levels[i], (unsigned char *)map + h.depth[i]);
	if (!ok) {
		if (map != MAP_FAILED)
			munmap(map, size);
		return NULL;
	}
	m->p = map;
	m->size = size;
	return first;
}

void
hyph_cache_unmap(hyph_cache_map *m)
{
	if (m->p)
		munmap(m->p, m->size);
	m->p = NULL;
}
