/* test_hyphcache.c: the dictionary cache gives libhyphen the very automaton
 * its loader builds, and a cache that does not belong to its dictionary, or
 * is damaged, is ignored (the dictionary is then loaded the slow way). Uses
 * the English dictionary, whose slow load takes milliseconds. */
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <fcntl.h>
#include <unistd.h>

#include "engine/engine.h"
#include "engine/hyph_int.h"
#include "unit.h"

#define DIC "tests/scratch/hc/en.dic"
#define CACHE "tests/scratch/hc/en.dic.cache"

static const char *const words[] = {
	"transition", "experiences", "innovation", "exchange", "fellowships",
	"regions", "summit", "cities", "metropolitan", "economic", "congress",
	"hyphenation", "typesetting", "parliamentary", "representatives",
};

static int
copy_file(const char *from, const char *to)
{
	FILE *a = fopen(from, "rb"), *b = fopen(to, "wb");
	char buf[65536];
	size_t n;
	int rc = a && b ? 0 : -1;
	while (rc == 0 && (n = fread(buf, 1, sizeof buf, a)) > 0)
		rc = fwrite(buf, 1, n, b) == n ? 0 : -1;
	if (a)
		fclose(a);
	if (b && fclose(b) != 0)
		rc = -1;
	return rc;
}

/* All points of all words as one string, to compare two hyphenators. */
static void
points(const hyph *h, char *out, size_t cap)
{
	size_t k = 0;
	for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
		hyph_point p[32];
		size_t n = hyph_token(h, "en", words[w], strlen(words[w]), p, 32);
		for (size_t i = 0; i < n && k + 8 < cap; i++)
			k += (size_t)snprintf(out + k, cap - k, "%u,", (unsigned)p[i].offset);
		if (k + 2 < cap)
			out[k++] = ';';
	}
	out[k] = '\0';
}

static hyph *
load(diag *d)
{
	hyph *h = hyph_new();
	EXPECT(hyph_add_language(h, "en", DIC, d) == 0);
	return h;
}

static void
test_cache_same_points(void)
{
	diag d;
	diag_init(&d, "test", NULL);
	mkdir("tests/scratch", 0777);
	mkdir("tests/scratch/hc", 0777);
	remove(CACHE);
	EXPECT(copy_file("build/share/hyph_en_US.dic", DIC) == 0);
	hyph *slow = load(&d);
	EXPECT(hyph_cache_build(DIC, CACHE, &d) == 0);
	hyph_cache_map m = { 0 };
	HyphenDict *dict = hyph_cache_load(CACHE, DIC, &m);
	EXPECT(dict != NULL && m.p != NULL);
	hyph_cache_unmap(&m);
	hyph *fast = load(&d);
	char a[4096], b[4096];
	points(slow, a, sizeof a);
	points(fast, b, sizeof b);
	EXPECT_STR(a, b);
	EXPECT(strlen(a) > 30); /* the words do get points */
	EXPECT(d.nsyserrs == 0);
	hyph_free(slow);
	hyph_free(fast);
}

/* Each damaged or foreign cache is refused by hyph_cache_load; the
 * hyphenator still works through the slow path. */
static void
test_cache_refused(void)
{
	diag d;
	diag_init(&d, "test", NULL);
	hyph_cache_map m = { 0 };
	struct stat st;
	EXPECT(stat(CACHE, &st) == 0);
	long size = (long)st.st_size;

	/* truncated */
	EXPECT(truncate(CACHE, size / 2) == 0);
	EXPECT(hyph_cache_load(CACHE, DIC, &m) == NULL);
	/* rebuilt, then the magic damaged */
	EXPECT(hyph_cache_build(DIC, CACHE, &d) == 0);
	FILE *f = fopen(CACHE, "r+b");
	EXPECT(f && fputc('X', f) != EOF && fclose(f) == 0);
	EXPECT(hyph_cache_load(CACHE, DIC, &m) == NULL);
	/* rebuilt, then a pointer in the middle damaged */
	EXPECT(hyph_cache_build(DIC, CACHE, &d) == 0);
	f = fopen(CACHE, "r+b");
	EXPECT(f && fseek(f, size / 2 & ~7L, SEEK_SET) == 0);
	for (int i = 0; f && i < 64; i++)
		fputc(0x7f, f);
	EXPECT(f && fclose(f) == 0);
	EXPECT(hyph_cache_load(CACHE, DIC, &m) == NULL);
	/* rebuilt, then the dictionary changes (another modification time) */
	EXPECT(hyph_cache_build(DIC, CACHE, &d) == 0);
	EXPECT(hyph_cache_load(CACHE, DIC, &m) != NULL);
	hyph_cache_unmap(&m);
	struct timespec times[2] = { { .tv_sec = 1000000000 }, { .tv_sec = 1000000000 } };
	EXPECT(utimensat(AT_FDCWD, DIC, times, 0) == 0);
	EXPECT(hyph_cache_load(CACHE, DIC, &m) == NULL);

	hyph *h = load(&d);
	hyph_point p[8];
	EXPECT(hyph_token(h, "en", "transition", 10, p, 8) > 0);
	EXPECT(d.nsyserrs == 0);
	hyph_free(h);
}

/* The cache's bytes, to damage and restore. */
static unsigned char *pristine;
static size_t pristine_size;

static int
write_at(size_t off, const void *p, size_t n)
{
	int fd = open(CACHE, O_WRONLY);
	int rc = fd >= 0 && pwrite(fd, p, n, (off_t)off) == (ssize_t)n ? 0 : -1;
	if (fd >= 0)
		close(fd);
	return rc;
}

/* Restores the whole cache (its modification time does not matter). */
static void
restore(void)
{
	write_at(0, pristine, pristine_size);
}

/* Every word through libhyphen on dict: must neither crash nor hang. */
static void
hyphenate_all(HyphenDict *dict)
{
	for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
		char hy[64];
		char **rep = NULL;
		int *pos = NULL, *cut = NULL;
		hnj_hyphen_hyphenate2(dict, words[w], (int)strlen(words[w]), hy, NULL, &rep, &pos, &cut);
		if (rep) {
			for (size_t k = 0; k < strlen(words[w]); k++)
				free(rep[k]);
			free(rep);
		}
		free(pos);
		free(cut);
	}
}

/* The depth of every state of a level (trusted: the pristine automaton). */
static int *
depths(const HyphenDict *lv)
{
	int ns = lv->num_states;
	int *depth = malloc((size_t)ns * sizeof *depth), *queue = malloc((size_t)ns * sizeof *queue);
	for (int i = 0; i < ns; i++)
		depth[i] = -1;
	size_t qh = 0, qt = 0;
	depth[0] = 0;
	queue[qt++] = 0;
	while (qh < qt) {
		int s = queue[qh++];
		for (int k = 0; k < lv->states[s].num_trans; k++) {
			int t = lv->states[s].trans[k].new_state;
			if (depth[t] < 0) {
				depth[t] = depth[s] + 1;
				queue[qt++] = t;
			}
		}
	}
	free(queue);
	return depth;
}

/* One field changed by hand at a time, each of which made the old loader
 * hand libhyphen an automaton it crashes or loops on: each cache is
 * refused, and the dictionary still loads (the slow way) and hyphenates. */
static void
test_cache_crafted(void)
{
	diag d;
	diag_init(&d, "test", NULL);
	EXPECT(hyph_cache_build(DIC, CACHE, &d) == 0);
	FILE *f = fopen(CACHE, "rb");
	struct stat st;
	EXPECT(f && stat(CACHE, &st) == 0);
	pristine_size = (size_t)st.st_size;
	pristine = malloc(pristine_size);
	EXPECT(f && fread(pristine, 1, pristine_size, f) == pristine_size);
	if (f)
		fclose(f);
	hyph_cache_map m = { 0 };
	HyphenDict *dict = hyph_cache_load(CACHE, DIC, &m);
	EXPECT(dict != NULL);
	if (!dict)
		return;
	/* the level with the patterns (the last), its depths, and the file
	 * offsets of what is changed below */
	HyphenDict *lv = dict;
	while (lv->nextlevel)
		lv = lv->nextlevel;
	int *depth = depths(lv);
	const unsigned char *base = m.p;
	size_t states = (size_t)((const unsigned char *)lv->states - base);
	int leaf = -1, shallow = -1, longest = -1;
	size_t longest_len = 0;
	for (int i = 1; i < lv->num_states; i++) {
		const HyphenState *s = &lv->states[i];
		if (leaf < 0 && s->num_trans == 0 && !s->trans && depth[i] >= 2)
			leaf = i;
		if (s->match && depth[i] >= 1 && (shallow < 0 || depth[i] < depth[shallow]))
			shallow = i;
		if (s->match && strlen(s->match) > longest_len) {
			longest_len = strlen(s->match);
			longest = i;
		}
	}
	EXPECT(leaf > 0 && shallow > 0 && longest > 0 && longest_len > (size_t)depth[shallow] + 1);
	uint64_t long_match = 0;
	size_t nohyphen = 0;
	if (longest > 0)
		memcpy(&long_match, (const unsigned char *)&lv->states[longest] +
		    offsetof(HyphenState, match), sizeof long_match);
	for (HyphenDict *l = dict; l; l = l->nextlevel)
		if (l->nohyphen)
			nohyphen = (size_t)((const unsigned char *)l->nohyphen - base);
	hyph_cache_unmap(&m);
	free(depth);
	if (leaf < 0 || shallow < 0 || longest < 0)
		return;

	int one = 1, self = leaf, big = -2;
	uint32_t many_levels = 0xFFFFFFFFu;
	const struct {
		const char *what;
		size_t off;
		const void *val;
		size_t n;
	} cases[] = {
		{ "num_trans 1 without transitions", states + (size_t)leaf * sizeof(HyphenState) +
		    offsetof(HyphenState, num_trans), &one, sizeof one },
		{ "a state falling back to itself", states + (size_t)leaf * sizeof(HyphenState) +
		    offsetof(HyphenState, fallback_state), &self, sizeof self },
		{ "a fallback to -2", states + (size_t)leaf * sizeof(HyphenState) +
		    offsetof(HyphenState, fallback_state), &big, sizeof big },
		{ "a match longer than its state's depth", states + (size_t)shallow * sizeof(HyphenState) +
		    offsetof(HyphenState, match), &long_match, sizeof long_match },
		{ "an empty nohyphen string", nohyphen, "", 1 },
		{ "4 billion levels", 8 + 3 * sizeof(uint32_t), &many_levels, sizeof many_levels },
	};
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		if (cases[c].off == 0)
			continue; /* no nohyphen in this dictionary */
		EXPECT(write_at(cases[c].off, cases[c].val, cases[c].n) == 0);
		HyphenDict *bad = hyph_cache_load(CACHE, DIC, &m);
		EXPECTF(bad == NULL, "%s: accepted", cases[c].what);
		if (bad) {
			hyph_cache_unmap(&m);
		} else {
			hyph *h = load(&d);
			hyph_point p[8];
			EXPECTF(hyph_token(h, "en", "transition", 10, p, 8) > 0, "%s", cases[c].what);
			hyph_free(h);
		}
		restore();
	}
	EXPECT(nohyphen > 0);
	EXPECT(d.nsyserrs == 0);
	/* restored: accepted again */
	dict = hyph_cache_load(CACHE, DIC, &m);
	EXPECT(dict != NULL);
	if (dict)
		hyph_cache_unmap(&m);
}

static void
hang(int sig)
{
	(void)sig;
	static const char msg[] = "FAIL test_cache_random_flips: hung\n";
	if (write(1, msg, sizeof msg - 1) < 0)
		_exit(1);
	_exit(1);
}

/* Thousands of random changes of one byte of a real cache: each is
 * refused or gives an automaton libhyphen runs on without a signal (ASan
 * and UBSan would raise one) and without hanging (an alarm would). */
static void
test_cache_random_flips(void)
{
	if (!pristine)
		return;
	signal(SIGALRM, hang);
	alarm(300);
	uint64_t x = 0x9E3779B97F4A7C15u; /* xorshift64: the same flips every run */
	size_t refused = 0, loaded = 0;
	enum { FLIPS = 4000 };
	for (int i = 0; i < FLIPS; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		size_t off = (size_t)(x % pristine_size);
		unsigned char v = (x >> 40) & 1 ? (unsigned char)(x >> 48)                /* any byte */
						: (unsigned char)(pristine[off] ^ (1u << (x >> 41) % 8)); /* one bit */
		if (v == pristine[off])
			v ^= 0x01;
		EXPECT(write_at(off, &v, 1) == 0);
		hyph_cache_map m = { 0 };
		HyphenDict *dict = hyph_cache_load(CACHE, DIC, &m);
		if (dict) {
			loaded++;
			hyphenate_all(dict);
			hyph_cache_unmap(&m);
		} else {
			refused++;
		}
		EXPECT(write_at(off, &pristine[off], 1) == 0);
	}
	alarm(0);
	printf("  %d one-byte changes: %zu refused, %zu loaded and hyphenated\n", FLIPS, refused, loaded);
	EXPECT(refused > 0 && loaded > 0);
	free(pristine);
	pristine = NULL;
}

int
main(void)
{
	RUN(test_cache_same_points);
	RUN(test_cache_refused);
	RUN(test_cache_crafted);
	RUN(test_cache_random_flips);
	UNIT_EXIT();
}
