/* test_font.c: the TrueType reader against Liberation Sans 2 (metric-compatible
 * with Arial, so the widths below are Arial's) and against broken files. */
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "engine/engine.h"
#include "unit.h"

#define REGULAR "fonts/LiberationSans-Regular.ttf"
#define BOLD "fonts/LiberationSans-Bold.ttf"

static diag d;
static FILE *sink;

static ts_font *
load(const char *path)
{
	diag_init(&d, "test_font", sink);
	return font_load(path, &d);
}

static void
test_font_metrics(void)
{
	ts_font *f = load(REGULAR);
	EXPECT(f != NULL);
	if (!f)
		return;
	EXPECT(font_units_per_em(f) == 2048);
	EXPECTF(font_ascender(f) == 1854, "%d", font_ascender(f));
	EXPECTF(font_descender(f) == -434, "%d", font_descender(f));
	EXPECTF(font_cap_height(f) == 1409, "%d", font_cap_height(f));
	EXPECT(d.nsyserrs == 0 && d.nerrors == 0);
	font_free(f);
}

static void
test_font_advances(void)
{
	ts_font *f = load(REGULAR);
	EXPECT(f != NULL);
	if (!f)
		return;
	static const struct { uint32_t cp; int adv; } w[] = {
		{ ' ', 569 }, { 'a', 1139 }, { 'W', 1933 }, { 'i', 455 }, { 'A', 1366 },
		{ 'T', 1251 }, { '.', 569 }, { 0xE4, 1139 }, { 0xDF, 1251 },
		{ 0x201E, 682 }, { 0x2013, 1139 }, { 0x20AC, 1139 },
	};
	for (size_t i = 0; i < sizeof w / sizeof w[0]; i++) {
		uint16_t g = font_glyph(f, w[i].cp);
		EXPECTF(g != 0 && font_advance(f, g) == w[i].adv, "U+%04X: glyph %u advance %d",
		    (unsigned)w[i].cp, g, g ? font_advance(f, g) : -1);
	}
	/* the glyph numbers themselves (cmap 3/1 format 4) */
	EXPECT(font_glyph(f, 'a') == 68);
	EXPECT(font_glyph(f, ' ') == 3);
	/* out-of-range glyph ids give the .notdef advance, not a crash */
	EXPECT(font_advance(f, 65535) == font_advance(f, 0));
	font_free(f);
}

static void
test_font_glyphs_present(void)
{
	ts_font *f = load(REGULAR);
	EXPECT(f != NULL);
	if (!f)
		return;
	static const uint32_t cps[] = { 0xE4, 0xF6, 0xFC, 0xC4, 0xD6, 0xDC, 0xDF, 0x201E,
		0x201C, 0x2013, 0x2014, 0x141, 0xF4, 0xE9, 0x20AC, 0xA7, 0xAD, 0x2019 };
	for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++)
		EXPECTF(font_glyph(f, cps[i]) != 0, "U+%04X", (unsigned)cps[i]);
	/* absent: a private-use code point, a CJK ideograph, beyond Unicode */
	EXPECT(font_glyph(f, 0xE123) == 0);
	EXPECT(font_glyph(f, 0x4E00) == 0);
	EXPECT(font_glyph(f, 0x110000) == 0);
	font_free(f);
}

static void
test_font_kerning(void)
{
	ts_font *f = load(REGULAR);
	EXPECT(f != NULL);
	if (!f)
		return;
	EXPECTF(font_kern_count(f) == 908, "%zu pairs", font_kern_count(f));
	uint16_t A = font_glyph(f, 'A'), V = font_glyph(f, 'V'), T = font_glyph(f, 'T');
	uint16_t o = font_glyph(f, 'o'), a = font_glyph(f, 'a'), v = font_glyph(f, 'v');
	EXPECTF(font_kern(f, A, V) == -152, "%d", font_kern(f, A, V));
	EXPECTF(font_kern(f, V, A) == -152, "%d", font_kern(f, V, A));
	EXPECTF(font_kern(f, T, o) == -227, "%d", font_kern(f, T, o));
	EXPECT(font_kern(f, a, v) == 0);           /* no pair */
	EXPECT(font_kern(f, 0, 0) == 0);
	EXPECT(font_kern(f, 65535, 65535) == 0);
	font_free(f);
}

static void
test_font_bold(void)
{
	ts_font *f = load(BOLD);
	EXPECT(f != NULL);
	if (!f)
		return;
	EXPECT(font_units_per_em(f) == 2048);
	/* Arial Bold: 'a' 1139, 'W' 1933, 'i' 569 */
	EXPECTF(font_advance(f, font_glyph(f, 'i')) == 569, "%d", font_advance(f, font_glyph(f, 'i')));
	EXPECT(font_advance(f, font_glyph(f, 'a')) == 1139);
	EXPECT(font_kern_count(f) > 0);
	font_free(f);
}

static unsigned char *
slurp(const char *path, size_t *n)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	unsigned char *p = malloc(1 << 20);
	*n = p ? fread(p, 1, 1 << 20, fp) : 0;
	fclose(fp);
	return p;
}

static void
write_file(const char *path, const unsigned char *p, size_t n)
{
	FILE *fp = fopen(path, "wb");
	if (!fp)
		return;
	fwrite(p, 1, n, fp);
	fclose(fp);
}

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Offset of a table's directory record, or 0. */
static size_t
record(const unsigned char *p, const char *tag)
{
	unsigned n = (unsigned)p[4] << 8 | p[5];
	for (unsigned i = 0; i < n; i++)
		if (memcmp(p + 12 + 16 * i, tag, 4) == 0)
			return 12 + 16 * (size_t)i;
	return 0;
}

static void
expect_broken(const char *path)
{
	ts_font *f = load(path);
	EXPECTF(f == NULL, "%s loaded", path);
	EXPECTF(d.nsyserrs == 1, "%s: %u errors", path, d.nsyserrs);
	font_free(f);
}

static void
test_font_corrupt(void)
{
	mkdir("tests/scratch", 0777);
	size_t n = 0;
	unsigned char *p = slurp(REGULAR, &n);
	EXPECT(p != NULL && n > 100000);
	if (!p)
		return;
	unsigned char *q = malloc(n);
	if (!q) {
		free(p);
		return;
	}
	/* truncated at many lengths: inside the header, the directory, tables */
	static const size_t cuts[] = { 0, 5, 12, 40, 200, 1000, 5000, 20000, 100000 };
	for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
		write_file("tests/scratch/font-truncated.ttf", p, cuts[i]);
		expect_broken("tests/scratch/font-truncated.ttf");
	}
	/* a kern table that claims more pairs than it has */
	memcpy(q, p, n);
	size_t r = record(q, "kern");
	EXPECT(r != 0);
	uint32_t koff = be32(q + r + 8);
	q[koff + 10] = 0xFF; q[koff + 11] = 0xFF;
	memcpy(q + r + 12, "\0\0\0\x20", 4); /* and a short length */
	write_file("tests/scratch/font-badkern.ttf", q, n);
	expect_broken("tests/scratch/font-badkern.ttf");
	/* a cmap subtable offset beyond the table */
	memcpy(q, p, n);
	r = record(q, "cmap");
	uint32_t coff = be32(q + r + 8);
	memset(q + coff + 8, 0x7F, 4); /* first encoding record's offset */
	write_file("tests/scratch/font-badcmap.ttf", q, n);
	expect_broken("tests/scratch/font-badcmap.ttf");
	/* a table offset past the end of the file */
	memcpy(q, p, n);
	r = record(q, "hmtx");
	memset(q + r + 8, 0xFF, 4);
	write_file("tests/scratch/font-badhmtx.ttf", q, n);
	expect_broken("tests/scratch/font-badhmtx.ttf");
	/* numberOfHMetrics larger than numGlyphs */
	memcpy(q, p, n);
	r = record(q, "hhea");
	uint32_t hoff = be32(q + r + 8);
	q[hoff + 34] = 0xFF; q[hoff + 35] = 0xFF;
	write_file("tests/scratch/font-badhhea.ttf", q, n);
	expect_broken("tests/scratch/font-badhhea.ttf");
	/* random bytes over the whole directory and tables, deterministic */
	unsigned seed = 12345;
	for (int round = 0; round < 200; round++) {
		memcpy(q, p, n);
		for (int k = 0; k < 64; k++) {
			seed = seed * 1103515245u + 12345u;
			size_t at = (seed >> 8) % (round < 100 ? 4096 : n);
			q[at] = (unsigned char)(seed >> 3);
		}
		write_file("tests/scratch/font-fuzz.ttf", q, n);
		diag_init(&d, "test_font", sink);
		ts_font *f = font_load("tests/scratch/font-fuzz.ttf", &d);
		if (f) { /* whatever loaded must answer queries safely */
			for (uint32_t c = 0; c < 0x300; c++) {
				uint16_t g = font_glyph(f, c);
				(void)font_advance(f, g);
				(void)font_kern(f, g, font_glyph(f, 'a'));
			}
		} else {
			EXPECT(d.nsyserrs == 1);
		}
		font_free(f);
	}
	free(q);
	free(p);
}

static void
put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}

static void
put32(unsigned char *p, uint32_t v)
{
	put16(p, v >> 16);
	put16(p + 2, v & 0xFFFF);
}

/* The regular face with its cmap replaced by one format 4 subtable of nseg
 * segments, segment i covering [starts(i), ends(i)] through one shared
 * glyphIdArray of 65 536 entries (idRangeOffset); its 16-bit length
 * overflows, so the table's length bounds it. Returns the file's size. */
static size_t
font_with_cmap4(const unsigned char *p, size_t n, unsigned char *q, size_t nseg,
    unsigned (*starts)(size_t), unsigned (*ends)(size_t))
{
	memcpy(q, p, n);
	size_t at = (n + 3) & ~(size_t)3;
	memset(q + n, 0, at - n);
	unsigned char *c = q + at;
	put16(c, 0);
	put16(c + 2, 1);            /* one encoding record: 3/1 at 12 */
	put16(c + 4, 3);
	put16(c + 6, 1);
	put32(c + 8, 12);
	unsigned char *t = c + 12;
	size_t segx2 = 2 * nseg;
	put16(t, 4);
	put16(t + 2, 0);            /* length: overflowed */
	put16(t + 6, (unsigned)segx2);
	unsigned char *e = t + 14, *s = e + segx2 + 2, *dl = s + segx2, *ro = dl + segx2;
	unsigned char *gids = ro + segx2;
	for (size_t i = 0; i < nseg; i++) {
		put16(e + 2 * i, ends(i));
		put16(s + 2 * i, starts(i));
		put16(dl + 2 * i, 0);
		put16(ro + 2 * i, (unsigned)(gids - (ro + 2 * i))); /* to glyphIdArray[0] */
	}
	for (size_t k = 0; k < 65536; k++)
		put16(gids + 2 * k, 3 + k % 100);
	size_t len = (size_t)(gids + 2 * 65536 - c);
	size_t r = record(q, "cmap");
	put32(q + r + 8, (uint32_t)at);
	put32(q + r + 12, (uint32_t)len);
	return at + len;
}

static unsigned seg_zero(size_t i) { (void)i; return 0; }
static unsigned seg_full(size_t i) { (void)i; return 0xFFFE; }
static unsigned seg_rising(size_t i) { return (unsigned)(0xFFFE - (999 - i)); }

static long
max_rss_kb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* 1000 format-4 segments over the whole range: the same 1000 (out of
 * order: refused with an error), or each ending one later (all overlapping:
 * the earlier segment wins, 65 535 code points in all). Either way
 * quickly, in little memory (it took 2 GB). */
static void
test_font_cmap_overlap(void)
{
	size_t n = 0;
	unsigned char *p = slurp(REGULAR, &n);
	EXPECT(p != NULL);
	if (!p)
		return;
	unsigned char *q = malloc(n + 200000);
	if (!q) {
		free(p);
		return;
	}
	long rss0 = max_rss_kb();
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	size_t m = font_with_cmap4(p, n, q, 1000, seg_zero, seg_full);
	write_file("tests/scratch/font-cmap-same.ttf", q, m);
	expect_broken("tests/scratch/font-cmap-same.ttf");
	m = font_with_cmap4(p, n, q, 1000, seg_zero, seg_rising);
	write_file("tests/scratch/font-cmap-overlap.ttf", q, m);
	ts_font *f = load("tests/scratch/font-cmap-overlap.ttf");
	EXPECT(f != NULL);
	if (f) {
		EXPECT(font_glyph(f, 'A') == 3 + 'A' % 100);   /* segment 0, from 0 */
		EXPECT(font_glyph(f, 0xFC18) == 3 + 0xFC18 % 100); /* segment 1's one code point */
		EXPECT(font_glyph(f, 0xFFFF) == 0);
	}
	font_free(f);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	long grew = max_rss_kb() - rss0;
	EXPECTF(s < 2 && grew < 100 * 1024, "%.2f s, %ld KB more memory", s, grew);
	free(q);
	free(p);
}

/* A kerning pair of -32768 units (16 em) moves a glyph by one em at most. */
static void
test_font_kern_clamped(void)
{
	size_t n = 0;
	unsigned char *p = slurp(REGULAR, &n);
	EXPECT(p != NULL);
	if (!p)
		return;
	size_t r = record(p, "kern");
	uint32_t koff = be32(p + r + 8);
	const unsigned char *pair = p + koff + 4 + 14; /* the first pair of the first subtable */
	uint16_t left = (uint16_t)(pair[0] << 8 | pair[1]), right = (uint16_t)(pair[2] << 8 | pair[3]);
	p[koff + 4 + 14 + 4] = 0x80;
	p[koff + 4 + 14 + 5] = 0x00;
	write_file("tests/scratch/font-bigkern.ttf", p, n);
	ts_font *f = load("tests/scratch/font-bigkern.ttf");
	EXPECT(f != NULL);
	if (f)
		EXPECTF(font_kern(f, left, right) == -font_units_per_em(f), "%d",
		    font_kern(f, left, right));
	font_free(f);
	p[koff + 4 + 14 + 4] = 0x7F;
	p[koff + 4 + 14 + 5] = 0xFF;
	write_file("tests/scratch/font-bigkern.ttf", p, n);
	f = load("tests/scratch/font-bigkern.ttf");
	if (f)
		EXPECT(font_kern(f, left, right) == font_units_per_em(f));
	font_free(f);
	free(p);
}

static void
test_font_missing_file(void)
{
	expect_broken("tests/scratch/no-such-font.ttf");
	expect_broken("Makefile");
}

int
main(void)
{
	sink = fopen("/dev/null", "w");
	RUN(test_font_metrics);
	RUN(test_font_advances);
	RUN(test_font_glyphs_present);
	RUN(test_font_kerning);
	RUN(test_font_bold);
	RUN(test_font_corrupt);
	RUN(test_font_cmap_overlap);
	RUN(test_font_kern_clamped);
	RUN(test_font_missing_file);
	if (sink)
		fclose(sink);
	UNIT_EXIT();
}
