/* typo.h: typographic rules on the text of a paragraph that decide where a
 * space must not break: "z. B.", "Dr. Name", "18. Oktober", "18. Wahlperiode",
 * "16.–18. April", "5 %". The source's text is never changed. */
#ifndef VORLAGE_TYPO_H
#define VORLAGE_TYPO_H

#include <stddef.h>

/* text: a paragraph's whole text (UTF-8). Sets tie[i] = 1 for every byte i
 * that is an ASCII space which must not become a line break, 0 elsewhere. */
void typo_ties(const char *text, size_t len, const char *lang, unsigned char *tie);

#endif
