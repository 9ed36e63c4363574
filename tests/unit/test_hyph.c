/* test_hyph.c: hyphenation points with Debian's dictionaries. The expected
 * German strings are Duden hyphenations (with HYPH_LEFTMIN 2/HYPH_RIGHTMIN 3
 * and HYPH_MINWORD 6 applied), not merely what the patterns say: words the
 * patterns get wrong are left out (see the report) or, where the patterns
 * only miss points, checked as a subset of the Duden points.
 * Notation: '-' where a hyphen is added (HYPH_ADD), '|' for a break after an
 * existing hyphen or slash (HYPH_EXPLICIT); soft hyphens are not shown. */
#include <stdlib.h>

#include "engine/engine.h"
#include "unit.h"

static hyph *H;
static diag D;

/* The token with its points marked, into a static buffer. */
static const char *
mark(const char *lang, const char *tok)
{
	static char out[1024];
	hyph_point p[64];
	size_t len = strlen(tok), n = hyph_token(H, lang, tok, len, p, 64), k = 0, at = 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i].offset == 0 || p[i].offset >= len || (i && p[i].offset <= p[i - 1].offset))
			return "(bad offsets)";
		if (p[i].kind != HYPH_ADD && p[i].kind != HYPH_EXPLICIT)
			return "(bad kind)";
	}
	for (size_t i = 0; i <= n && k < sizeof out - 8; i++) {
		size_t end = i < n ? p[i].offset : len;
		for (; at < end && k < sizeof out - 8; at++) {
			if ((unsigned char)tok[at] == 0xC2 && (unsigned char)tok[at + 1] == 0xAD) {
				at++; /* soft hyphen: not shown */
				continue;
			}
			out[k++] = tok[at];
		}
		if (i < n)
			out[k++] = p[i].kind == HYPH_ADD ? '-' : '|';
	}
	out[k] = '\0';
	return out;
}

/* The token without its hyphenation marks: "Part-ner" -> "Partner". */
static void
plain(const char *marked, char *out)
{
	for (; *marked; marked++)
		if (*marked != '-')
			*out++ = *marked;
	*out = '\0';
}

static void
expect_de(const char *marked)
{
	char tok[256];
	plain(marked, tok);
	EXPECT_STR(mark("de", tok), marked);
}

static void
test_hyph_load(void)
{
	diag_init(&D, "test_hyph", NULL);
	H = hyph_new();
	EXPECT(hyph_add_language(H, "de", "build/share/hyph_de_DE.dic", &D) == 0);
	EXPECT(hyph_add_language(H, "en", "build/share/hyph_en_US.dic", &D) == 0);
	EXPECT(D.nsyserrs == 0);
	/* a missing file and a file that is no dictionary: one error each */
	EXPECT(hyph_add_language(H, "fr", "build/share/no-such.dic", &D) != 0);
	EXPECT(D.nsyserrs == 1);
	EXPECT(hyph_add_language(H, "fr", "tests/unit/unit.h", &D) != 0);
	EXPECT(D.nsyserrs == 2);
	EXPECT(hyph_add_language(H, "", "build/share/hyph_de_DE.dic", &D) != 0);
	EXPECT(D.nsyserrs == 3);
}

/* Compounds and long words from the Vorlage 18/1828. */
static void
test_hyph_german_compounds(void)
{
	static const char *const words[] = {
		"Part-ner-schafts-er-klä-rung", "Land-tags-prä-si-dent",
		"Re-gie-rungs-kom-mis-sion", "Ko-ope-ra-ti-ons-ver-ein-ba-rung",
		"Hoch-schul-zu-sam-men-ar-beit", "For-schungs-zu-sam-men-ar-beit",
		"Agrar-wis-sen-schaf-ten", "Di-gi-ta-li-sie-rung", "Ener-gie-sou-ve-rä-ni-tät",
		"Kreis-lauf-wirt-schaft", "Struk-tur-wan-del", "Wirt-schafts-kon-gres-ses",
		"Lan-des-ju-gend-or-ches-ter", "Re-gi-o-nal-par-la-ments", "Staats-kanz-lei",
		"Lan-des-re-gie-rung", "Ver-ein-ba-run-gen", "Um-set-zungs-stand",
		"Ab-sichts-er-klä-rung", "Zi-vil-ge-sell-schaft", "Wirt-schafts-mi-nis-ter",
		"Mi-nis-ter-prä-si-dent", "Ent-wick-lun-gen", "Ver-an-stal-tung",
		"Un-ter-stüt-zung", "Be-zie-hun-gen", "Her-aus-for-de-run-gen", "Wie-der-auf-bau",
		"Ener-gie-ver-sor-gung", "Kli-ma-part-ner-schaft", "Düs-sel-dorf",
		"Deutsch-spra-chi-gen", "Ge-ne-ral-kon-sul", "Halb-lei-ter-sek-tor",
		"Ju-gend-li-chen", "Re-gie-rungs-kon-sul-ta-tion", "Wis-sen-schafts-ko-ope-ra-tion",
		"Ver-wal-tungs-aus-tausch", "Städ-te-part-ner-schaf-ten", "Ex-per-ten-aus-tausch",
		"Wirt-schafts-för-de-rung", "De-kar-bo-ni-sie-rung", "Ak-ti-vi-tä-ten",
		"Be-voll-mäch-tig-ter", "Un-ter-neh-mens-de-le-ga-tion", "Len-kungs-aus-schus-ses",
		"Nord-ma-ze-do-nien", "Groß-bri-tan-nien", "ver-ant-wort-lich",
		"zi-vil-ge-sell-schaft-li-chen", "re-gel-mä-ßig", "aus-län-di-schen",
		"stell-ver-tre-ten-den", "Wirt-schafts-be-zie-hun-gen", "Schle-si-ens",
		"Kat-to-witz", "No-vem-ber", "Ok-to-ber", "Ener-gie-ef-fi-zi-enz", "Schiff-fahrt",
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		expect_de(words[i]);
}

/* Words the patterns hyphenate correctly but incompletely: every point found
 * must be a Duden point (a subset), and the missing ones are noted. */
static void
test_hyph_german_incomplete(void)
{
	static const char *const duden[] = {
		"Schü-ler-aus-tausch-pro-gramme", /* patterns miss ler-aus */
		"Eu-ro-pa-an-ge-le-gen-hei-ten",  /* patterns miss pa-an */
		"Hoch-schul-al-li-anz",           /* patterns miss schul-al */
		"Nord-ame-ri-ka",                 /* patterns miss Nord-ame */
		"Be-ant-wor-tung",                /* patterns miss Be-ant */
	};
	for (size_t i = 0; i < sizeof duden / sizeof duden[0]; i++) {
		char tok[256];
		plain(duden[i], tok);
		const char *got = mark("de", tok);
		/* walk both: every '-' in got must be at a '-' in duden[i] */
		const char *g = got, *w = duden[i];
		int ok = 1, points = 0;
		while (*g && *w) {
			if (*g == '-') {
				if (*w != '-') { ok = 0; break; }
				g++; w++; points++;
			} else if (*w == '-') {
				w++;
			} else if (*g == *w) {
				g++; w++;
			} else {
				ok = 0;
				break;
			}
		}
		EXPECTF(ok && !*g && points >= 1, "%s: got %s", duden[i], got);
	}
}

static void
test_hyph_minmax(void)
{
	/* shorter than HYPH_MINWORD letters: never broken */
	expect_de("Thema");
	expect_de("Union");
	expect_de("Ebene");
	expect_de("Ar-beit"); /* 6 letters: broken */
	/* HYPH_RIGHTMIN: the patterns' teu-er, adres-se, li-en and a-ne dropped */
	expect_de("Aben-teuer");
	expect_de("Adresse");
	expect_de("Ober-ita-lien");
	expect_de("Oze-ane");
	/* HYPH_LEFTMIN 2 letters: Er-in-ne-rung keeps its two-letter start */
	expect_de("Er-in-ne-rung");
	/* every point keeps >= 2 letters before and >= 3 after */
	static const char *const toks[] = { "Erinnerung", "Ameisen", "Ozeane", "Abende",
		"Oberitalien", "Idealismus", "Ökonomie", "übereinander" };
	for (size_t i = 0; i < sizeof toks / sizeof toks[0]; i++) {
		hyph_point p[32];
		size_t len = strlen(toks[i]);
		size_t n = hyph_token(H, "de", toks[i], len, p, 32);
		for (size_t k = 0; k < n; k++) {
			/* all letters are ASCII except the leading Ö/ü (2 bytes) */
			size_t before = p[k].offset, after = len - p[k].offset;
			if ((unsigned char)toks[i][0] >= 0x80)
				before--;
			EXPECTF(before >= 2 && after >= 3, "%s at %u", toks[i], p[k].offset);
		}
	}
	/* max limits the output */
	hyph_point p[2];
	const char *w = "Partnerschaftserklärung";
	EXPECT(hyph_token(H, "de", w, strlen(w), p, 2) == 2);
	EXPECT(p[0].offset == 4 && p[1].offset == 7);
	EXPECT(hyph_token(H, "de", w, strlen(w), p, 0) == 0);
}

static void
test_hyph_case_and_umlauts(void)
{
	/* capitals and umlauts are lowercased in the dictionary's charset */
	expect_de("Über-ein-kom-men");
	/* all capitals count as an acronym: headings stay whole */
	EXPECT_STR(mark("de", "ÜBEREINKOMMEN"), "ÜBEREINKOMMEN");
	expect_de("Ärz-te-kam-mer");
	expect_de("Grü-ßen");
	/* "de-DE", "de_AT", "DE" all use the German dictionary */
	EXPECT_STR(mark("de-DE", "Landesregierung"), "Lan-des-re-gie-rung");
	EXPECT_STR(mark("de_AT", "Landesregierung"), "Lan-des-re-gie-rung");
	EXPECT_STR(mark("DE", "Landesregierung"), "Lan-des-re-gie-rung");
	/* a letter outside ISO-8859-1: no pattern points for that word */
	EXPECT_STR(mark("de", "Łódźer"), "Łódźer");
	EXPECT_STR(mark("de", "Woiwodschaft"), "Woi-wod-schaft");
}

static void
test_hyph_english(void)
{
	EXPECT_STR(mark("en", "transition"), "tran-si-tion");
	EXPECT_STR(mark("en", "experiences"), "ex-pe-ri-ences");
	EXPECT_STR(mark("en", "Innovation"), "In-no-va-tion");
	EXPECT_STR(mark("en", "Exchange"), "Ex-change");
	EXPECT_STR(mark("en", "Fellowships"), "Fel-low-ships");
	EXPECT_STR(mark("en-GB", "development"), "de-vel-op-ment");
	EXPECT_STR(mark("en-US", "Environment"), "En-vi-ron-ment");
	/* UTF-8 dictionary: a non-ASCII word maps back to the right bytes */
	const char *naive = "naïveties";
	hyph_point p[8];
	size_t n = hyph_token(H, "en", naive, strlen(naive), p, 8);
	for (size_t i = 0; i < n; i++) /* never inside the 2-byte ï */
		EXPECT(p[i].offset != 3);
}

static void
test_hyph_other_languages(void)
{
	/* no dictionary: no pattern points, explicit and soft hyphens still count */
	EXPECT_STR(mark("pl", "Województwo"), "Województwo");
	EXPECT_STR(mark("pl", "Kattowitz"), "Kattowitz");
	EXPECT_STR(mark("pl", "Bielsko-Biała"), "Bielsko-|Biała");
	EXPECT_STR(mark("pl", "Woje\xC2\xADwództwo"), "Woje-wództwo");
	EXPECT_STR(mark("fr", "Hauts-de-France"), "Hauts-|de-|France");
	EXPECT_STR(mark(NULL, "Landesregierung"), "Landesregierung");
	EXPECT_STR(mark("", "Landesregierung"), "Landesregierung");
	EXPECT_STR(mark("deu", "Landesregierung"), "Landesregierung");
}

static void
test_hyph_punctuation(void)
{
	EXPECT_STR(mark("de", "\xE2\x80\x9EKreislaufwirtschaft\xE2\x80\x9C"),
	    "\xE2\x80\x9EKreis-lauf-wirt-schaft\xE2\x80\x9C");
	EXPECT_STR(mark("de", "(Schlesien)"), "(Schle-sien)");
	EXPECT_STR(mark("de", "Kattowitz,"), "Kat-to-witz,");
	EXPECT_STR(mark("de", "Zusammenarbeit."), "Zu-sam-men-ar-beit.");
	EXPECT_STR(mark("de", "\"Digitalisierung\"!"), "\"Di-gi-ta-li-sie-rung\"!");
	EXPECT_STR(mark("de", "**Hauptkooperationspartnern**."), "**Haupt-ko-ope-ra-ti-ons-part-nern**.");
	EXPECT_STR(mark("de", "\xE2\x80\x9A" "Staaten\xE2\x80\x98"), "\xE2\x80\x9A" "Staa-ten\xE2\x80\x98");
	EXPECT_STR(mark("de", "..."), "...");
	EXPECT_STR(mark("de", ""), "");
}

static void
test_hyph_abbreviations(void)
{
	EXPECT_STR(mark("de", "bzw."), "bzw.");
	EXPECT_STR(mark("de", "MdL"), "MdL");
	EXPECT_STR(mark("de", "u.a."), "u.a.");
	EXPECT_STR(mark("de", "z.B."), "z.B.");
	EXPECT_STR(mark("de", "KI.NRW"), "KI.NRW");
	EXPECT_STR(mark("de", "NRW.Global"), "NRW.Global");
	EXPECT_STR(mark("de", "MERICS"), "MERICS");
	EXPECT_STR(mark("de", "MWIKE"), "MWIKE");
	EXPECT_STR(mark("de", "NRWs"), "NRWs");
	EXPECT_STR(mark("de", "LANDTAG"), "LANDTAG");
	EXPECT_STR(mark("de", "Ministerium."), "Mi-nis-te-rium.");
	EXPECT_STR(mark("de", "Abteilungs."), "Ab-tei-lungs.");
	EXPECT_STR(mark("de", "NRWUSA."), "NRWUSA.");
	/* one capital and lowercase runs: an ordinary word */
	EXPECT_STR(mark("de", "Landtag"), "Land-tag");
}

static void
test_hyph_numbers(void)
{
	EXPECT_STR(mark("de", "2023"), "2023");
	EXPECT_STR(mark("de", "1980er"), "1980er");
	EXPECT_STR(mark("de", "10-jährige"), "10-jährige");   /* decided: unbroken */
	EXPECT_STR(mark("de", "2022-2023"), "2022-2023");
	EXPECT_STR(mark("de", "16.\xE2\x80\x93" "18."), "16.\xE2\x80\x93" "18.");
	EXPECT_STR(mark("de", "18/1828"), "18/1828");
	EXPECT_STR(mark("de", "Covid19Verordnung"), "Covid19Verordnung");
	/* hyphens between words still break when a part has digits */
	EXPECT_STR(mark("de", "NRW2030-Strategie"), "NRW2030-|Strategie");
	EXPECT_STR(mark("de", "G20-Gipfeltreffen"), "G20-Gipfeltreffen"); /* one letter before */
}

static void
test_hyph_explicit(void)
{
	EXPECT_STR(mark("de", "Nordrhein-Westfalen"), "Nord-rhein-|West-fa-len");
	EXPECT_STR(mark("de", "Nordrhein-Westfalens,"), "Nord-rhein-|West-fa-lens,");
	EXPECT_STR(mark("de", "Benelux-Union"), "Be-ne-lux-|Union");
	EXPECT_STR(mark("de", "Know-how-Austausch"), "Know-|how-|Aus-tausch");
	EXPECT_STR(mark("de", "NRW-USA-Jahres."), "NRW-|USA-|Jah-res.");
	EXPECT_STR(mark("de", "Corona-Pandemie"), "Co-rona-|Pan-de-mie");
	EXPECT_STR(mark("de", "nordrhein-westfälischen"), "nord-rhein-|west-fä-li-schen");
	EXPECT_STR(mark("de", "Hauts-de-France"), "Hauts-|de-|France");
	/* U+2010 HYPHEN and the en dash between words */
	EXPECT_STR(mark("de", "Nordrhein\xE2\x80\x90Westfalen"), "Nord-rhein\xE2\x80\x90|West-fa-len");
	EXPECT_STR(mark("de", "Nord\xE2\x80\x93Süd"), "Nord\xE2\x80\x93|Süd");
	/* at the ends of a token: stripped, no point */
	EXPECT_STR(mark("de", "Bundes-"), "Bun-des-");
	EXPECT_STR(mark("de", "-regionen"), "-re-gi-o-nen");
	EXPECT_STR(mark("de", "Staats-"), "Staats-");
	/* too few letters on one side of the hyphen */
	EXPECT_STR(mark("de", "E-Mail"), "E-Mail");
	EXPECT_STR(mark("de", "US-Bundesstaat"), "US-|Bun-des-staat");
	EXPECT_STR(mark("de", "Know-ab"), "Know-ab");
	/* a slash between words */
	EXPECT_STR(mark("de", "Benelux/Nordrhein-Westfalen\xE2\x80\x9C."),
	    "Be-ne-lux/|Nord-rhein-|West-fa-len\xE2\x80\x9C.");
	EXPECT_STR(mark("de", "DGB/VHS"), "DGB/|VHS");
}

static void
test_hyph_soft_hyphens(void)
{
	/* soft hyphens replace the pattern points */
	EXPECT_STR(mark("de", "Partner\xC2\xADschafts\xC2\xAD" "erklärung"), "Partner-schafts-erklärung");
	EXPECT_STR(mark("de", "Mitglied\xC2\xADstaaten"), "Mitglied-staaten");
	hyph_point p[4];
	const char *t = "Mitglied\xC2\xADstaaten";
	EXPECT(hyph_token(H, "de", t, strlen(t), p, 4) == 1);
	EXPECT(p[0].offset == 10 && p[0].kind == HYPH_ADD); /* the byte after U+00AD */
	/* soft hyphen with an explicit hyphen: both */
	EXPECT_STR(mark("de", "Nordrhein-West\xC2\xAD" "falen"), "Nordrhein-|West-falen");
	/* soft hyphens at the ends are stripped like punctuation: patterns apply */
	EXPECT_STR(mark("de", "\xC2\xAD" "Landtag\xC2\xAD"), "Land-tag");
}

static void
test_hyph_urls_and_bad_input(void)
{
	EXPECT_STR(mark("de", "https://www.land.nrw/de/partnerschaften"), "https://www.land.nrw/de/partnerschaften");
	EXPECT_STR(mark("de", "www.landtag.nrw.de"), "www.landtag.nrw.de");
	EXPECT_STR(mark("de", "poststelle@stk.nrw.de"), "poststelle@stk.nrw.de");
	/* invalid UTF-8: nothing */
	EXPECT_STR(mark("de", "Landes\xFFregierung"), "Landes\xFFregierung");
	EXPECT_STR(mark("de", "Landes\xC3"), "Landes\xC3");
	/* a part longer than 63 letters: no pattern points (explicit ones stay) */
	char longw[200];
	memset(longw, 'a', 100);
	memcpy(longw + 100, "-Landesregierung", 17);
	{
		char want[200];
		memset(want, 'a', 70);
		memcpy(want + 70, "-|Lan-des-re-gie-rung", 22);
		EXPECT_STR(mark("de", longw + 30), want);
	}
	/* a very long token: no points at all, no crash */
	char *huge = malloc(100001);
	if (huge) {
		for (size_t i = 0; i < 100000; i++)
			huge[i] = i % 11 == 10 ? '-' : 'e';
		huge[100000] = '\0';
		hyph_point p[8];
		EXPECT(hyph_token(H, "de", huge, 100000, p, 8) == 0);
		free(huge);
	}
	/* a length shorter than the string: only that prefix counts */
	hyph_point p[8];
	EXPECT(hyph_token(H, "de", "Landesregierung", 6, p, 8) == 1 && p[0].offset == 3);
}

int
main(void)
{
	RUN(test_hyph_load);
	RUN(test_hyph_german_compounds);
	RUN(test_hyph_german_incomplete);
	RUN(test_hyph_minmax);
	RUN(test_hyph_case_and_umlauts);
	RUN(test_hyph_english);
	RUN(test_hyph_other_languages);
	RUN(test_hyph_punctuation);
	RUN(test_hyph_abbreviations);
	RUN(test_hyph_numbers);
	RUN(test_hyph_explicit);
	RUN(test_hyph_soft_hyphens);
	RUN(test_hyph_urls_and_bad_input);
	hyph_free(H);
	UNIT_EXIT();
}
