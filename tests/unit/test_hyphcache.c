/* test_hyphcache.c: the dictionary cache gives libhyphen the very automaton
 * its loader builds, and a cache that does not belong to its dictionary, or
 * is damaged, is ignored (the dictionary is then loaded the slow way). Uses
 * the English dictionary, whose slow load takes milliseconds. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <fcntl.h>
#include <unistd.h>

#include "hyph.h"
#include "hyphcache.h"
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

int
main(void)
{
	RUN(test_cache_same_points);
	RUN(test_cache_refused);
	UNIT_EXIT();
}
