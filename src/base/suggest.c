/* suggest.c: the nearest of a list of names to a misspelt one, for the
 * "did you mean …?" of a message (an element, an attribute, a value, a
 * command or an option). */
#include "base.h"

#include <ctype.h>
#include <stdlib.h>

/* Names longer than this are compared on their first SUGGEST_MAX bytes:
 * the table below stays on the stack and the cost bounded. */
#define SUGGEST_MAX 63

static int
lower(unsigned char c)
{
	return c < 0x80 ? tolower(c) : c;
}

size_t
suggest_distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	if (n > SUGGEST_MAX)
		n = SUGGEST_MAX;
	if (m > SUGGEST_MAX)
		m = SUGGEST_MAX;
	/* the optimal string alignment distance: insertions, deletions,
	 * substitutions and swaps of two neighbours cost 1 each; a letter in
	 * the other case costs nothing here (the caller sees the names
	 * differ, so an answer of 0 still means "only the case") */
	size_t d[SUGGEST_MAX + 1][SUGGEST_MAX + 1];
	for (size_t i = 0; i <= n; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= m; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= n; i++)
		for (size_t j = 1; j <= m; j++) {
			int ca = lower((unsigned char)a[i - 1]), cb = lower((unsigned char)b[j - 1]);
			size_t best = d[i - 1][j - 1] + (ca != cb);
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && ca == lower((unsigned char)b[j - 2]) &&
			    lower((unsigned char)a[i - 2]) == cb && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[n][m];
}

const char *
suggest_nearest(const char *word, const char *const *names, size_t n)
{
	size_t len = strlen(word);
	/* how far a name may be from the word and still be meant: one slip in
	 * a short word, two in a longer one, three in a long one */
	size_t limit = len <= 3 ? 1 : len <= 6 ? 2 : 3;
	const char *best = NULL;
	size_t best_d = limit + 1;
	for (size_t i = 0; i < n; i++) {
		if (!names[i] || strcmp(names[i], word) == 0)
			continue;
		size_t dist = suggest_distance(word, names[i]);
		if (dist < best_d && dist < len) {
			best = names[i];
			best_d = dist;
		}
	}
	return best;
}
