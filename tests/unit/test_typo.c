/* test_typo.c: the spaces typo_ties ties. Each case writes the text with '~'
 * for a space that must be tied and ' ' for one that may break. */
#include <stdlib.h>

#include "engine/engine_int.h"
#include "unit.h"

/* Runs typo_ties on `marked` with '~' replaced by ' ' and compares. */
static int
check(const char *lang, const char *marked)
{
	size_t n = strlen(marked);
	char *text = malloc(n + 1);
	unsigned char *tie = malloc(n + 1);
	if (!text || !tie) {
		free(text);
		free(tie);
		return 0;
	}
	for (size_t i = 0; i <= n; i++)
		text[i] = marked[i] == '~' ? ' ' : marked[i];
	memset(tie, 7, n + 1);
	typo_ties(text, n, lang, tie);
	int ok = tie[n] == 7; /* nothing written past len */
	char *got = malloc(n + 1);
	for (size_t i = 0; got && i < n; i++) {
		if (tie[i] > 1 || (tie[i] && text[i] != ' '))
			ok = 0;
		got[i] = tie[i] ? '~' : text[i];
	}
	if (got) {
		got[n] = '\0';
		if (strcmp(got, marked) != 0) {
			printf("  [%s] got \"%s\"\n       want \"%s\"\n", lang, got, marked);
			ok = 0;
		}
	}
	free(got);
	free(text);
	free(tie);
	return ok;
}

#define TIES(lang, s) EXPECTF(check(lang, s), "%s", s)

static void
test_typo_abbrev(void)
{
	TIES("de", "das gilt z.~B. für alle");
	TIES("de", "Länder, u.~a. Polen");
	TIES("de", "(z.~B. Kattowitz)");
	TIES("de", "v.~a. Polen, d.~h. Schlesien, o.~Ä.");
	TIES("de", "i.~d.~R. jährlich");
	TIES("de", "s.~o. und der Verein e.~V.");
	TIES("de", "wie z.~B., sagen wir");
	TIES("de-DE", "u.~a. NRW");
	/* negative: words, not abbreviations; no dot; three letters */
	TIES("de", "es gilt. Am Ende");
	TIES("de", "z B und u a");
	TIES("de", "bzw. die usw. und");
	TIES("de", "Sie kam. Er ging.");  /* "Er" has no dot */
	TIES("en", "e.g. z. B. i. e.");  /* not German: no abbreviation rule */
}

/* A known limit, by design: two short words each ending a sentence look
 * like an abbreviation chain ("Er. Es." is rare in running text). */
static void
test_typo_abbrev_sentence_end(void)
{
	TIES("de", "Sie. Er.~Es.");
}

static void
test_typo_title(void)
{
	TIES("de", "Dr.~Mustermann und Prof.~Dr.~Schmidt");
	TIES("de", "Nr.~5, Art.~3 Abs.~2, S.~17");
	TIES("de", "Hr.~Meier, Fr.~Schulze, St.~Martin");
	TIES("de", "nach §~5 und §§~7 ff.");
	TIES("de", "(Dr.~Meier)");
	/* negative */
	TIES("de", "Herrn André Kuper MdL");
	TIES("de", "Frau Blask MdL erbat");
	TIES("de", "Dr Meier und Nr 5");
	TIES("en", "Dr. Smith and No. 5");
}

static void
test_typo_date(void)
{
	TIES("de", "am 3.~November 2023");
	TIES("de", "02.~November 2023");
	TIES("de", "vom 16.–18.~April");
	TIES("de", "am 1.~Jan. und 24.~Dez.");
	TIES("de", "am 5.~März, am 6.~Mai.");
	TIES("de", "(12.~Oktober)");
	TIES("de", "bis 30.~SEPTEMBER");
	/* negative: year, three digits, no month, no dot, other language */
	TIES("de", "2023 November");
	TIES("de", "123. Oktober");
	TIES("de", "3. Platz");
	TIES("de", "3 Oktober");
	TIES("de", "im November 2023");
	TIES("en", "3. November");
}

static void
test_typo_period(void)
{
	TIES("de", "der 18.~Wahlperiode");
	TIES("de", "18.~WAHLPERIODE");
	TIES("de", "der 17.~Wahlperiode.");
	/* negative */
	TIES("de", "die Wahlperiode 18.");
	TIES("de", "18 Wahlperiode");
	TIES("en", "18. Wahlperiode");
}

static void
test_typo_range(void)
{
	TIES("de", "vom 23.~-~29.~Juli 2023");
	TIES("de", "2022~–~2023");
	TIES("en", "pages 10~-~12");
	TIES("pl", "1990~–~2000.");
	/* words around the dash: only the space before it (rule dash) */
	TIES("de", "Europa~– wo angesichts");
	TIES("de", "Jahre~- und 2023");
	TIES("de", "2023~- und");
	/* negative: a dash at the start or the end of the text */
	TIES("de", "- 5");
	TIES("de", "5 -");
}

static void
test_typo_dash(void)
{
	/* no line begins with a dash standing between words */
	TIES("de", "Nordrhein-Westfalen~- Ungarn finden");
	TIES("de", "gelebt und~– wo angesichts der Entwicklungen geboten~– in beiderseitigem");
	TIES("en", "regions~- The experiences");
	TIES("de", "Text~— und mehr");
	/* negative: hyphens inside words, a dash that ends the text */
	TIES("de", "Benelux-Union und Nordrhein-Westfalen");
	TIES("de", "am Ende -");
}

static void
test_typo_percent(void)
{
	TIES("de", "um 5~% gestiegen");
	TIES("en", "by 5~%.");
	TIES("de", "3,5~‰");
	/* negative: "Prozent" is not tied; a percent sign without a space */
	TIES("de", "5 Prozent");
	TIES("de", "5% mehr");
}

static void
test_typo_edges(void)
{
	unsigned char tie[4] = { 9, 9, 9, 9 };
	typo_ties("", 0, "de", tie);
	EXPECT(tie[0] == 9);
	typo_ties("  ", 2, NULL, tie);
	EXPECT(tie[0] == 0 && tie[1] == 0 && tie[2] == 9);
	/* only the first len bytes count */
	TIES("de", " z. ");
	TIES("de", "z.~B.  und  zwei  Spaces");
	TIES("de", "z.  B.");    /* two spaces: neither is tied */
	TIES("xx", "Dr. Meier 18. Oktober");
}

int
main(void)
{
	RUN(test_typo_abbrev);
	RUN(test_typo_abbrev_sentence_end);
	RUN(test_typo_title);
	RUN(test_typo_date);
	RUN(test_typo_period);
	RUN(test_typo_range);
	RUN(test_typo_dash);
	RUN(test_typo_percent);
	RUN(test_typo_edges);
	UNIT_EXIT();
}
