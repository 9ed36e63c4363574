/* base.h: the base of the program, which every stage uses and which uses
 * no stage: arenas and allocation, the message catalogue and its printer,
 * files (bounded non-blocking reads, atomic writes), UTF-8, the table grid,
 * SHA-256, the resource root and the resource table, the PNG reader and the
 * TrueType (sfnt) reader. */
#ifndef VORLAGE_BASE_H
#define VORLAGE_BASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* arena.h: a bump allocator; everything of one document lives and dies together. */


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

/* base.h: the one place that prints diagnostics and keeps the exit status,
 * with the catalogue of every message the program prints (front end,
 * engine, back end, composer: every message is a catalogue entry).
 *
 * Each message is one entry of DIAG_MESSAGES: its name, its level and its
 * printf format, with the types of its arguments. From that one list come
 * the enum of codes (MSG_NAME), the table in diag.c (name, level, format;
 * README.md's table is generated from it: tests/t_messages.py) and one small
 * function per message, msg_NAME(d, file, line, col, args…), which hands its
 * format literal and its typed arguments to the printf-checked diag_emit: the
 * compiler checks every format against its arguments, and every call site
 * against the argument types. Call it as MSG(NAME, d, file, line, col, …).
 * The entries are ordered by severity (tests/unit/test_diag.c checks it). */


/* Exit codes of the program, documented in README.md. */
enum vl_exit {
	VL_EXIT_OK = 0,      /* success */
	VL_EXIT_INVALID = 1, /* the document or template is invalid */
	VL_EXIT_TROUBLE = 2  /* usage, unreadable file, missing resource, unwritable output, no memory */
};

enum diag_level {
	DIAG_WARNING, /* printed; exit status unchanged */
	DIAG_ERROR,   /* the input is invalid: exit status 1 */
	DIAG_SYSERR   /* trouble outside the input: exit status 2 */
};

/* Argument lists of the entries: the parameters of msg_NAME after the
 * location, and the arguments it passes on with the format. */
#define DIAG_A0 (), ()
#define DIAG_A1(t1) (, t1 a1), (, a1)
#define DIAG_A2(t1, t2) (, t1 a1, t2 a2), (, a1, a2)
#define DIAG_A3(t1, t2, t3) (, t1 a1, t2 a2, t3 a3), (, a1, a2, a3)
#define DIAG_A4(t1, t2, t3, t4) (, t1 a1, t2 a2, t3 a3, t4 a4), (, a1, a2, a3, a4)
#define DIAG_A5(t1, t2, t3, t4, t5) (, t1 a1, t2 a2, t3 a3, t4 a4, t5 a5), (, a1, a2, a3, a4, a5)

#include "messages.h" /* DIAG_MESSAGES: the catalogue */

#define DIAG_ENUM_(name, lvl, fmt, args) MSG_##name,
enum diag_code {
	DIAG_MESSAGES(DIAG_ENUM_)
	DIAG_NMSGS
};
#undef DIAG_ENUM_

/* An entry of the catalogue (diag_catalogue[code]). */
typedef struct diag_entry {
	const char *name;
	enum diag_level level;
	const char *format;
} diag_entry;
extern const diag_entry diag_catalogue[];

/* How messages are printed: one line each; on a terminal also the source
 * line with a caret under the column; or a JSON list of objects. */
enum diag_style {
	DIAG_PLAIN,
	DIAG_CARET,
	DIAG_JSON
};

/* A diagnostics sink. Passed explicitly; no global state (but the
 * language of the messages: diag_locale). */
typedef struct diag_held diag_held;
typedef struct diag_source diag_source;
typedef struct diag {
	FILE *out;          /* where messages go (stderr in the program); NULL: count only */
	const char *prog;   /* program name for messages without a location */
	unsigned nwarnings;
	unsigned nerrors;   /* DIAG_ERROR messages */
	unsigned nsyserrs;  /* DIAG_SYSERR messages */
	int worst;          /* the worst level seen, -1 for none */
	int holding;        /* diag_hold: messages wait for diag_release */
	diag_held *held;
	size_t nheld, capheld;
	enum diag_style style;
	bool colour;        /* DIAG_CARET: with ANSI colours */
	bool lint;          /* also the warnings on style (typed quotation marks): check */
	size_t nprinted;    /* messages printed (DIAG_JSON: objects in the list) */
	diag_source *sources; /* DIAG_CARET: the last few source texts (diag_source) */
	size_t nsources;
} diag;

void diag_init(diag *d, const char *prog, FILE *out);

/* Sets how d prints (DIAG_PLAIN by default). */
void diag_set_style(diag *d, enum diag_style style, bool colour);

/* For DIAG_CARET: keeps a copy of the len bytes of the source file (the
 * last few sources only), so that a message on it can show its line. Does
 * nothing in the other styles. */
void diag_source_text(diag *d, const char *file, const char *text, size_t len);

/* Ends the messages (DIAG_JSON: closes the list, "[]" when there was no
 * message) and frees what d keeps. */
void diag_finish(diag *d);

/* The language of the messages, for the whole program: German when the
 * locale asks for it (LC_ALL, LC_MESSAGES, LANG; de_*), English otherwise.
 * The translations are GNU gettext catalogues (domain "vorlage") under
 * localedir (LOCALEDIR/de/LC_MESSAGES/vorlage.mo). Only LC_MESSAGES is
 * set: numbers keep their decimal point. Call once, before any message. */
void diag_locale(const char *localedir);

/* msgid in the language of the messages (msgid itself when untranslated
 * or before diag_locale); diag_trn: the singular or plural form for n. */
const char *diag_tr(const char *msgid) __attribute__((format_arg(1)));
const char *diag_trn(const char *msgid, const char *plural, unsigned long n)
    __attribute__((format_arg(1), format_arg(2)));

/* Prints catalogue message `code` as FILE:LINE:COL: level: text (line 0:
 * FILE: level: text; no file: PROG: level: text; the file "-" is named
 * <stdin>) and counts its level. The format must be the catalogue's: call
 * it through msg_NAME (MSG). The text is printed in the language of the
 * messages: the translation of the format, with the same arguments. */
void diag_emit(diag *d, enum diag_code code, const char *file, unsigned line,
    unsigned col, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Messages emitted from diag_hold on wait (counted at once) and are printed
 * by diag_release, in the order of their line and column (then emission). */
void diag_hold(diag *d);
void diag_release(diag *d);

#define DIAG_UNPAREN_(...) __VA_ARGS__
#define DIAG_FN_(name, lvl, fmt, params, args) \
	static inline void msg_##name(diag *d, const char *file, unsigned line, \
	    unsigned col DIAG_UNPAREN_ params) \
	{ diag_emit(d, MSG_##name, file, line, col, fmt DIAG_UNPAREN_ args); }
#define DIAG_GEN_(name, lvl, fmt, sig) DIAG_FN_(name, lvl, fmt, sig)
DIAG_MESSAGES(DIAG_GEN_)
#undef DIAG_GEN_
#undef DIAG_FN_

/* MSG(NAME, d, file, line, col, args…): print catalogue message NAME. */
#define MSG(name, ...) msg_##name(__VA_ARGS__)

/* The exit status the worst message so far calls for (enum vl_exit). */
int diag_exit_status(const diag *d);

/* Out of memory: print and exit with VL_EXIT_TROUBLE. Used by the allocators. */
_Noreturn void diag_oom(void);

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grow an array of `size`-byte elements to hold at least `need`; returns new capacity. */
void *xgrow(void *p, size_t *cap, size_t need, size_t size);

/* suggest.c: for the "did you mean …?" of a message. The edit distance of
 * a and b (insertions, deletions, substitutions, swaps of neighbours; case
 * ignored), and the name of names nearest to word when it is near enough
 * to be what was meant (NULL otherwise, and never word itself). */
size_t suggest_distance(const char *a, const char *b);
const char *suggest_nearest(const char *word, const char *const *names, size_t n);

/* file.h: reading a whole file and writing one atomically, bounded, with one
 * set of messages. */



/* Reads the regular file path (opened without blocking: a FIFO or a device
 * is refused, never waited on) of at most max bytes into a malloc'd buffer with a NUL
 * after its *len bytes; returns NULL after one message otherwise: "cannot
 * open: …", "cannot open: is a directory", "cannot read: …" (trouble, exit
 * 2), and for a file above max: with what NULL the file is an input document
 * (the source, a template) and "document too large: …" makes it invalid
 * (exit 1); else what names the resource ("font") and "font too large: …" is
 * trouble (exit 2). */
char *file_read(const char *path, const char *what, size_t max, size_t *len, diag *d);

/* A file's identity: its device and inode (another name of it, a link to
 * it, has the same). */
typedef struct file_id {
	uint64_t dev, ino;
} file_id;

/* Opens path as file_read does (without blocking, a regular file only) and
 * gives its identity (id may be NULL); the descriptor, or -1 after
 * file_read's message. file_read_fd then reads it as file_read reads a path,
 * and closes it. */
int file_open(const char *path, file_id *id, diag *d);
char *file_read_fd(int fd, const char *path, const char *what, size_t max, size_t *len, diag *d);

/* Reads up to n bytes from the start of the regular file path (opened as
 * file_read does: a FIFO or a device is never waited on) into buf; returns
 * how many, 0 when path is no readable regular file. Prints nothing. */
size_t file_head(const char *path, void *buf, size_t n);

/* Can path be read as a regular file (opened as file_read does, then
 * closed)? 0 when it can; else the errno of the failure, or
 * FILE_NOT_REGULAR for a directory, a FIFO or a device. Prints nothing. */
#define FILE_NOT_REGULAR (-1)
int file_probe(const char *path);
/* The same with file_read's message on failure (for a file another library
 * then opens by its name: a dictionary). */
bool file_check(const char *path, diag *d);

/* Writes len bytes to a temporary file beside path and renames it into
 * place only when complete: path is never left half-written. Writes only
 * over a regular file or a missing path, and never over one of the ninputs
 * files of inputs (compared by device and inode, so another name of an input
 * is refused too). SIGINT, SIGTERM and SIGHUP during the write remove the
 * temporary file. Returns an enum vl_exit, after one DIAG_SYSERR message on
 * failure. */
int file_write_atomic(const char *path, const void *data, size_t len,
    const char *const *inputs, size_t ninputs, diag *d);

/* stdin.c: the bytes of standard input, the source "-": read on the first
 * call (at most max bytes; more is "document too large", exit 1), kept
 * until stdin_free, with a NUL after them. NULL after one message. */
const char *stdin_bytes(size_t max, size_t *len, diag *d);
void stdin_free(void);

/* utf8.h: the one UTF-8 decoder and encoder, strict (RFC 3629): no overlong
 * forms, no surrogates, nothing above U+10FFFF; and the one whitespace test. */


#define UTF8_REPLACEMENT 0xFFFDu

/* Decodes the sequence at s (n bytes available) into *cp; returns its
 * length (1 to 4), or 0 when it is malformed or cut short. */
size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* Decodes the code point at s[*i] (len bytes in all) and advances *i past it;
 * a malformed sequence gives U+FFFD and advances one byte. */
uint32_t utf8_next(const char *s, size_t len, size_t *i);

/* Encodes cp (at most U+10FFFF, no surrogate) into out; returns 1 to 4, or 0
 * for a value that has no encoding. */
size_t utf8_encode(uint32_t cp, char out[4]);

/* Whether the len bytes at s are well-formed UTF-8. */
bool utf8_valid(const char *s, size_t len);

/* XML white space (U+0020, U+0009, U+000A, U+000D): what separates words in
 * the source. */
/* Character classes, the one definition of each (utf8.c): a letter is one of
 * the Latin, Greek and Cyrillic scripts the fonts carry (ASCII, Latin-1,
 * Latin Extended-A and -B, Greek, Cyrillic, Latin Extended Additional); an
 * upper-case letter one of ASCII, Latin-1 and Latin Extended-A; a digit
 * is ASCII. */
bool utf8_is_letter(uint32_t c);
bool utf8_is_upper(uint32_t c);
static inline bool
utf8_is_lower(uint32_t c)
{
	return utf8_is_letter(c) && !utf8_is_upper(c);
}
static inline bool
utf8_is_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

static inline bool
utf8_is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* grid.h: the one rule that places a table's cells in its columns, which
 * the check (front) and the layout (engine) both follow. A row's cells go
 * left to right, each into the next column that no cell above spanning
 * rows still holds; from there it takes colspan columns and rowspan rows.
 * It may not run into a column held from above (GRID_SPAN_HELD), past the
 * last column (GRID_SPAN_RIGHT) or below the end of its part of the table,
 * the header or the body (GRID_SPAN_BELOW): the check refuses each at the
 * cell, the layout cuts the span there. A cell for which no column is left
 * (GRID_NO_COLUMN) has no place: the check refuses it, the layout leaves
 * it out with a warning. */

enum grid_fault {
	GRID_NO_COLUMN = 1u << 0,
	GRID_SPAN_RIGHT = 1u << 1,
	GRID_SPAN_HELD = 1u << 2,
	GRID_SPAN_BELOW = 1u << 3
};

typedef struct grid {
	size_t ncols;
	size_t *free_from;  /* per column: the first row no cell above holds it in */
	size_t end;         /* the end of the part being placed (rowspans stop there) */
	size_t row, col;    /* the row being filled; where its next cell's search starts */
} grid;

/* Where a cell goes: its first column (the number of columns with
 * GRID_NO_COLUMN) and the columns and rows it takes, cut as the faults
 * say; want: the columns it asked for; held: the column held from above
 * that cut it (SIZE_MAX: none). */
typedef struct grid_cell {
	size_t col, colspan, rowspan;
	size_t want, held;
} grid_cell;

/* A grid of ncols columns; free_from: ncols entries, which it fills. */
void grid_init(grid *g, size_t ncols, size_t *free_from);
/* The rows from the next one to end (exclusive) are one part of the table. */
void grid_part(grid *g, size_t end);
/* Row r begins (rows in order). */
void grid_row(grid *g, size_t r);
/* The row's next cell (a span below 1 counts as 1): its place into *out;
 * returns its faults (enum grid_fault, 0: none). */
unsigned grid_place(grid *g, int colspan, int rowspan, grid_cell *out);
/* How many columns the current row covers (held from above or by its own
 * cells): ncols when it is complete. */
size_t grid_row_filled(const grid *g);

/* sha256.h: SHA-256 (FIPS 180-4), for the document ID and reproducibility
 * checks. No global state. */


typedef struct sha256_ctx {
	uint32_t h[8];
	uint64_t len;            /* bytes hashed so far */
	unsigned char buf[64];
	size_t nbuf;
} sha256_ctx;

void sha256_init(sha256_ctx *c);
void sha256_update(sha256_ctx *c, const void *data, size_t len);
void sha256_final(sha256_ctx *c, unsigned char out[32]);

/* One call: out = SHA-256(data[0..len)). */
void sha256(const void *data, size_t len, unsigned char out[32]);

/* Lower-case hex of a digest into hex[65]. */
void sha256_hex(const unsigned char digest[32], char hex[65]);

/* res.h: finding the project's resources (schema, templates, fonts,
 * dictionaries, ICC profile) relative to the program, never by a compiled-in
 * absolute path; and the resource table, where the files the layout and the
 * back end share are read once. */


/* The resource root: $VORLAGE_HOME if set, else for an installed program
 * (PREFIX/bin/vorlage) PREFIX/share/vorlage when it holds the schema, else
 * the parent of the directory holding the executable (build/vorlage → the
 * repository), else ".". */
const char *res_root(arena *a);
/* root + "/" + rel; an absolute rel is returned as is. In the installed
 * layout (the root holds sRGB.icc) "build/share/x" is root + "/x". */
const char *res_path(arena *a, const char *rel);

/* image.h: the one PNG reader (libpng), which decodes an image once into
 * 8-bit rows that the layout takes the size of and the PDF back end embeds
 * as they are: what was checked is what gets drawn. */



/* Larger images are refused before they are decoded: a signature needs a
 * few hundred thousand pixels; 20000 x 20000 would take 1.2 GB and most of a
 * minute. Any shape within the count is taken (1 x 4194304 too: libpng's
 * own limits of width and height are set to it), and the file is at most
 * IMAGE_MAX_BYTES. */
#define IMAGE_MAX_PIXELS (4u << 20)
#define IMAGE_MAX_BYTES (32u << 20)

typedef struct image_png {
	uint32_t width, height;  /* pixels */
	unsigned channels;       /* 1 gray, 3 RGB */
	/* height rows of width * channels bytes, 8 bits a sample, without
	 * padding: a palette expanded to RGB, fewer bits scaled up to 8, 16
	 * bits rounded to 8, an interlaced image whole */
	unsigned char *pixels;
	/* height rows of width bytes of opacity (an alpha channel, or a tRNS
	 * chunk's colour or palette entries); NULL when every pixel is opaque */
	unsigned char *alpha;
} image_png;

/* The longest reason image_png_decode gives. */
#define IMAGE_WHY_MAX 200

/* Decodes the PNG in the len bytes at data into *img (pixels and alpha
 * from malloc: image_png_free); false with the reason in why ("not a PNG
 * file", "broken PNG: …", "W x H pixels, more than the N allowed"). Reads
 * only the chunks an image needs (IHDR, PLTE, tRNS, IDAT, IEND): text,
 * colour profiles and every other ancillary chunk are skipped unread, so
 * that none is inflated. */
bool image_png_decode(const unsigned char *data, size_t len, image_png *img,
    char why[IMAGE_WHY_MAX]);
void image_png_free(image_png *img);

/* The resource table (res.c): the files that the engine, the composer and
 * the back end share, each read once and each image decoded once, kept
 * until the table is freed. A file is known by its identity (device and
 * inode), so that every spelling of its path ("a.png", "./a.png", "d//a.png",
 * a link) is one entry; a spelling once resolved is not looked up again, so
 * the back end gets what the layout measured even when the file changes or
 * goes in between. Owned by its caller (the program's session: one for the
 * whole process), passed down; no global state. */
typedef struct res_table res_table;

res_table *res_table_new(void);
void res_table_free(res_table *t);   /* NULL is fine */

/* The bytes of the regular file path (what names it in messages: "font"),
 * read at the first request and the same bytes after; NULL after
 * file_read's message (then asked again next time). At most max bytes.
 * The bytes (*len of them, then a NUL) belong to the table. */
const unsigned char *res_file(res_table *t, const char *path, const char *what, size_t max,
    size_t *len, diag *d);

/* The image of the PNG file path, decoded at the first request (what names
 * it in messages: "image", "signature image"). NULL after a message on path
 * ("cannot open: …", "cannot load WHAT: broken PNG: …"); a file that did not
 * decode is not decoded again, its message is printed again on every
 * request. The image belongs to the table. */
const image_png *res_image(res_table *t, const char *path, const char *what, diag *d);

/* Lets every image go (a later request decodes it again; what earlier ones
 * returned is freed) when the decoded images hold more than max bytes, the
 * bytes of fonts and other files kept: between the documents of a batch,
 * so that a batch holds at most one document's images beyond max, not all
 * of its images. */
void res_table_trim(res_table *t, size_t max);
/* What a batch keeps decoded from one document for the next (the same
 * signature image in each: decoded once): 16 MiB, one of the largest
 * images. */
#define RES_IMAGES_KEEP (16u << 20)

/* How many times the table has read a file and decoded an image (the
 * tests count them). */
typedef struct res_counts {
	size_t reads, decodes;
} res_counts;
res_counts res_table_counts(const res_table *t);

/* sfnt.h: reading a TrueType (sfnt) file: its big-endian numbers, bounds,
 * and the table directory. Shared by the metrics reader (font.c) and the
 * subsetter (ttf_subset.c). */


/* n bytes at p: a file or one of its tables. */
typedef struct sfnt_span {
	const unsigned char *p;
	size_t n;
} sfnt_span;

static inline uint16_t
sfnt_u16(const unsigned char *p)
{
	return (uint16_t)((unsigned)p[0] << 8 | p[1]);
}

static inline int16_t
sfnt_s16(const unsigned char *p)
{
	uint16_t u = sfnt_u16(p);
	return u < 0x8000 ? (int16_t)u : (int16_t)((int)u - 0x10000);
}

static inline uint32_t
sfnt_u32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* True when [off, off+len) lies inside b. */
static inline bool
sfnt_fits(sfnt_span b, size_t off, size_t len)
{
	return off <= b.n && len <= b.n - off;
}

/* The table tag of font into *out: 1; 0 when the font has none; -1 when
 * the table directory or the table runs past the end of the file (*out
 * empty unless 1). */
static inline int
sfnt_table(sfnt_span font, const char *tag, sfnt_span *out)
{
	*out = (sfnt_span){ NULL, 0 };
	if (!sfnt_fits(font, 0, 12) || !sfnt_fits(font, 12, (size_t)sfnt_u16(font.p + 4) * 16))
		return -1;
	uint16_t ntables = sfnt_u16(font.p + 4);
	for (uint16_t i = 0; i < ntables; i++) {
		const unsigned char *r = font.p + 12 + (size_t)i * 16;
		if (memcmp(r, tag, 4) != 0)
			continue;
		uint32_t off = sfnt_u32(r + 8), len = sfnt_u32(r + 12);
		if (!sfnt_fits(font, off, len))
			return -1;
		*out = (sfnt_span){ font.p + off, len };
		return 1;
	}
	return 0;
}

#endif
