/* new.c: vorlage new [FILE]: the skeleton of a new Vorlage, valid as it
 * stands (check accepts it), with comments in German that say what each
 * part is and how to write it, and the xml-model processing instruction
 * that lets an XML editor check and complete it against the schema. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "cli.h"
#include "front/front.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The skeleton, its dates and the schema's address filled in by
 * skeleton(): %1 the schema's URI, then the letter's date (value, text),
 * the committee's session (value), the report month (value, text) and the
 * agreement's date (value, text). */
static const char skeleton_text[] =
"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
"<?xml-model href=\"%s\" type=\"application/xml\" "
"schematypens=\"http://www.w3.org/2001/XMLSchema\"?>\n"
"<!--\n"
"  Gerüst einer Vorlage des Landtags Nordrhein-Westfalen (vorlage new).\n"
"  Ersetzen Sie die Platzhalter (…); vorlage check DATEI prüft die Datei,\n"
"  vorlage build DATEI setzt sie als PDF.\n"
"\n"
"  Beim Schreiben: & schreiben Sie als &amp; und < als &lt;. Ein Leerzeichen,\n"
"  an dem nicht umbrochen werden darf, ist <festesLeerzeichen/>. Zitate und\n"
"  Titel stehen in <zitat>…</zitat>: die Anführungszeichen setzt das Programm.\n"
"  Hervorhebung: <betont>…</betont>, starke Hervorhebung: <wichtig>…</wichtig>.\n"
"  Ein Datum im Attribut wert: JJJJ-MM-TT (ein Monat: JJJJ-MM); der Text\n"
"  daneben muss dasselbe Datum nennen.\n"
"-->\n"
"<!-- wahlperiode: die Wahlperiode; nummer: Wahlperiode/laufende Nummer der\n"
"     Vorlage; verteiler: der Verteilerschlüssel (ein Großbuchstabe, zwei Ziffern) -->\n"
"<vorlage wahlperiode=\"18\" nummer=\"18/1\" verteiler=\"A01\" xml:lang=\"de\">\n"
"  <metadaten>\n"
"    <!-- das Datum des Anschreibens -->\n"
"    <datum wert=\"%s\">%s</datum>\n"
"    <absender>\n"
"      <zeile>Ministerium für …</zeile>\n"
"    </absender>\n"
"    <minister>Vorname Name</minister>\n"
"    <adressat>Präsident des Landtags Nordrhein-Westfalen</adressat>\n"
"    <!-- wer den Bericht erbeten hat; fraktion: seine Fraktion -->\n"
"    <anfrage fraktion=\"…\">Frau … MdL</anfrage>\n"
"    <!-- der Ausschuss; sitzung: der Tag seiner Sitzung -->\n"
"    <ausschuss sitzung=\"%s\">Ausschuss für …</ausschuss>\n"
"    <titel>Titel des Berichts</titel>\n"
"    <!-- der Monat, über den berichtet wird -->\n"
"    <berichtsmonat wert=\"%s\">%s</berichtsmonat>\n"
"  </metadaten>\n"
"  <!-- die Partner: id (Kleinbuchstaben, Ziffern und Bindestriche), art\n"
"       (staat, region, provinz, bundesstaat, woiwodschaft, oblast, gemeinschaft,\n"
"       union), land (der Ländercode nach ISO 3166, z. B. FR) -->\n"
"  <partnerverzeichnis>\n"
"    <partner id=\"musterregion\" art=\"region\" land=\"FR\">Musterregion</partner>\n"
"  </partnerverzeichnis>\n"
"  <anschreiben>\n"
"    <empfaenger>\n"
"      <zeile>Präsidenten des Landtags</zeile>\n"
"      <zeile>Nordrhein-Westfalen</zeile>\n"
"      <zeile>Platz des Landtags 1</zeile>\n"
"      <zeile>40221 Düsseldorf</zeile>\n"
"    </empfaenger>\n"
"    <anrede>Sehr geehrter Herr Landtagspräsident,</anrede>\n"
"    <absatz>anbei übersende ich den Bericht …</absatz>\n"
"    <gruss>Mit freundlichen Grüßen</gruss>\n"
"    <unterschrift>\n"
"      <name>Vorname Name</name>\n"
"    </unterschrift>\n"
"  </anschreiben>\n"
"  <bericht>\n"
"    <titelblatt>\n"
"      <zeile groesse=\"gross\">Bericht</zeile>\n"
"      <zeile abstand=\"vor\">Titel des Berichts</zeile>\n"
"    </titelblatt>\n"
"    <ueberschrift>Titel des Berichts</ueberschrift>\n"
"    <einleitung>\n"
"      <absatz>Der Anlass des Berichts …</absatz>\n"
"    </einleitung>\n"
"    <frage titel=\"Frage\">\n"
"      <absatz>Die erbetene Auskunft …</absatz>\n"
"    </frage>\n"
"    <antwort titel=\"Antwort\">\n"
"      <absatz>Die Antwort der Landesregierung …</absatz>\n"
"      <!-- eine Vereinbarung: parteien nennt die ids ihrer Partner, und jeder\n"
"           von ihnen steht im Titel als <partnerRef ref=\"id\">Name</partnerRef> -->\n"
"      <vereinbarung id=\"v-beispiel\" parteien=\"musterregion\">\n"
"        <titel>Vereinbarung mit <partnerRef ref=\"musterregion\">Musterregion</partnerRef></titel>\n"
"        <datum wert=\"%s\">%s</datum>\n"
"        <absatz>Der Inhalt der Vereinbarung …</absatz>\n"
"      </vereinbarung>\n"
"    </antwort>\n"
"  </bericht>\n"
"</vorlage>\n";

/* The schema's path as a file: URI (bytes outside the unreserved ones
 * percent-encoded). */
static const char *
file_uri(arena *a, const char *path)
{
	char *abs = realpath(path, NULL);
	const char *p = abs ? abs : path;
	size_t n = strlen(p);
	char *out = arena_alloc(a, 8 + 3 * n + 1), *o = out;
	o += sprintf(o, "file://");
	for (; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    strchr("/-._~", c))
			*o++ = (char)c;
		else
			o += sprintf(o, "%%%02X", c);
	}
	*o = 0;
	free(abs);
	return out;
}

/* Today (or SOURCE_DATE_EPOCH's day, for reproducible output). */
static struct tm
today(void)
{
	time_t t = time(NULL);
	const char *env = getenv("SOURCE_DATE_EPOCH");
	if (env && *env) {
		char *end;
		long long v = strtoll(env, &end, 10);
		if (!*end && v >= 0 && v <= 253402300799LL)
			t = (time_t)v;
	}
	struct tm tm;
	gmtime_r(&t, &tm);
	return tm;
}

static const char *
iso(arena *a, vl_date d)
{
	return d.day ? arena_printf(a, "%04d-%02d-%02d", d.year, d.month, d.day)
	    : arena_printf(a, "%04d-%02d", d.year, d.month);
}

static const char *
skeleton(arena *a, const char *schema)
{
	struct tm tm = today();
	vl_date letter = { tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, { 0, 0 } };
	/* the report is on the month before the letter's; the agreement of its first day */
	vl_date month = { letter.year, letter.month - 1, 0, { 0, 0 } };
	if (month.month == 0) {
		month.month = 12;
		month.year--;
	}
	vl_date agreement = month;
	agreement.day = 1;
	return arena_printf(a, skeleton_text, file_uri(a, schema), iso(a, letter),
	    vl_date_format(a, letter, false), iso(a, letter), iso(a, month),
	    vl_date_format(a, month, false), iso(a, agreement), vl_date_format(a, agreement, false));
}

static bool
write_all(int fd, const char *s, size_t n)
{
	while (n) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		s += w;
		n -= (size_t)w;
	}
	return true;
}

int
cli_new(const char *file, const char *schema, bool quiet, arena *a, diag *d)
{
	const char *text = skeleton(a, schema);
	size_t n = strlen(text);
	if (!file || !strcmp(file, "-")) {
		if (fwrite(text, 1, n, stdout) != n) {
			MSG(STDOUT_WRITE, d, NULL, 0, 0);
			return VL_EXIT_TROUBLE;
		}
		return VL_EXIT_OK;
	}
	/* O_EXCL: an existing file (or a link to one) is never written over */
	int fd = open(file, O_WRONLY | O_CREAT | O_EXCL, 0666);
	if (fd < 0) {
		if (errno == EEXIST)
			MSG(NEW_EXISTS, d, file, 0, 0);
		else
			MSG(CANNOT_WRITE, d, file, 0, 0, strerror(errno));
		return VL_EXIT_TROUBLE;
	}
	bool ok = write_all(fd, text, n);
	int err = errno;
	if (close(fd) != 0 && ok) {
		ok = false;
		err = errno;
	}
	if (!ok) {
		unlink(file);
		MSG(CANNOT_WRITE, d, file, 0, 0, strerror(err));
		return VL_EXIT_TROUBLE;
	}
	if (!quiet)
		printf(_("wrote %s\n"), file);
	return VL_EXIT_OK;
}
