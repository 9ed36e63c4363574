/* help.c: the commands and options of the command line, their help (in the
 * language of the messages) and the "did you mean" of a misspelt one. */
#include "cli.h"

#include <string.h>

static const cli_command commands[] = {
	{ "check", 1, 0, "SOURCE.xml...",
	  N_("check sources: the schema, the rules of the format, the typesetting"),
	  N_("Checks each source as build would, without writing anything: the schema, the "
	     "rules the schema cannot say (partners, dates, numbers, references), then the "
	     "layout and the PDF in memory (a character the fonts lack, a line that does not "
	     "fit its zone). Warns of typed quotation marks where <zitat> belongs. Prints "
	     "nothing when all is well.") },
	{ "dump", 1, 1, "SOURCE.xml",
	  N_("print the document model as text"),
	  N_("Prints the document model read from the source, one node a line.") },
	{ "partners", 1, 1, "SOURCE.xml",
	  N_("list the partners' ids, kinds and names"),
	  N_("Lists each partner of the source: its id (for annex --partner), its kind and its "
	     "name, and whether it has an agreement.") },
	{ "build", 1, 0, "SOURCE.xml... [-o OUT.pdf | -d DIR]",
	  N_("write the Vorlage (cover letter and report) as PDF"),
	  N_("Writes the Vorlage, the cover letter and the report, as one PDF/A-1a file: "
	     "out/vorlage-WP-NR.pdf, or the file of -o (- for standard output). Several sources "
	     "make a batch: the template, fonts and dictionaries are loaded once, each source's "
	     "PDF is DIR/NAME.pdf with -d, and a source that fails does not stop the others. "
	     "SOURCE - reads the source from standard input.") },
	{ "annex", 1, 1, "SOURCE.xml (--partner ID [-o OUT.pdf] | --all [-d DIR])",
	  N_("write the annex of one partner, or of every partner"),
	  N_("Writes the annex of the agreements with one partner (--partner ID), or one annex "
	     "for each partner with at least one agreement (--all, into out/anlagen or -d "
	     "DIR).") },
	{ "layout", 1, 1, "SOURCE.xml [--partner ID] [--no-letter] [--from-page N] [--points]",
	  N_("print the laid-out pages as a box dump"),
	  N_("Prints the laid-out pages of the Vorlage (or of a partner's annex) as text: every "
	     "box with its position, for tests and for finding out why a page breaks where it "
	     "does.") },
	{ "run", 1, 1, "SOURCE.xml",
	  N_("build the Vorlage and all annexes into out/"),
	  N_("Writes the Vorlage into out/ and the annex of every partner with agreements into "
	     "out/anlagen (or -d DIR).") },
	{ "new", 0, 1, "[FILE]",
	  N_("write the skeleton of a new Vorlage"),
	  N_("Writes a valid, commented skeleton of a Vorlage to FILE, or to standard output "
	     "without FILE; never over an existing file. Its first lines name the schema, so "
	     "that an XML editor can check and complete the source while it is written.") },
	{ "help", 0, 1, "[COMMAND]",
	  N_("this help, or the help of one command"),
	  N_("Prints the help of the program, or of COMMAND (as COMMAND --help does).") },
};

static const cli_option options[] = {
	{ 'o', "--output", "FILE", "build annex",
	  N_("the PDF to write; - writes it to standard output"), OPT_OUTPUT },
	{ 'd', "--dir", "DIR", "build annex run",
	  N_("the directory of a batch's PDFs (DIR/NAME.pdf) and of the annexes"), OPT_DIR },
	{ 't', "--template", "FILE", "check build annex layout run",
	  N_("the layout template (default templates/landtag-nrw.xml)"), OPT_TEMPLATE },
	{ 'p', "--partner", "ID", "annex layout",
	  N_("the partner of the annex"), OPT_PARTNER },
	{ 'a', "--all", NULL, "annex",
	  N_("every partner with at least one agreement"), OPT_ALL },
	{ 0, "--no-archival", NULL, "build annex run",
	  N_("a tagged PDF/UA-1 file without the PDF/A-1a claim"), OPT_NO_ARCHIVAL },
	{ 'q', "--quiet", NULL, "*",
	  N_("print nothing but diagnostics"), OPT_QUIET },
	{ 0, "--diagnostics", "plain|caret|json", "*",
	  N_("how messages are printed: lines; lines with the source line and a caret (the "
	     "default on a terminal); a JSON list on standard error"), OPT_DIAGNOSTICS },
	{ 0, "--no-letter", NULL, "layout",
	  N_("without the cover letter and the report's title page"), OPT_NO_LETTER },
	{ 0, "--from-page", "N", "layout",
	  N_("from page N on, counted from 0"), OPT_FROM_PAGE },
	{ 0, "--points", NULL, "layout",
	  N_("lengths in points with two decimals"), OPT_POINTS },
	{ 'h', "--help", NULL, "*", N_("this help"), OPT_HELP },
	{ 'V', "--version", NULL, "*", N_("the program's version"), OPT_VERSION },
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])
#define NOPTIONS (sizeof options / sizeof options[0])

const cli_command *
cli_command_find(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

const cli_option *
cli_option_find(const char *arg, const char **value)
{
	*value = NULL;
	if (arg[0] != '-')
		return NULL;
	if (arg[1] != '-') { /* -x */
		for (size_t i = 0; i < NOPTIONS && arg[1] && !arg[2]; i++)
			if (options[i].shortopt == arg[1])
				return &options[i];
		return NULL;
	}
	const char *eq = strchr(arg, '=');
	size_t n = eq ? (size_t)(eq - arg) : strlen(arg);
	for (size_t i = 0; i < NOPTIONS; i++)
		if (strlen(options[i].longopt) == n && !strncmp(options[i].longopt, arg, n)) {
			*value = eq ? eq + 1 : NULL;
			return &options[i];
		}
	return NULL;
}

const char *
cli_command_suggest(const char *name)
{
	const char *names[NCOMMANDS];
	for (size_t i = 0; i < NCOMMANDS; i++)
		names[i] = commands[i].name;
	return suggest_nearest(name, names, NCOMMANDS);
}

const char *
cli_option_suggest(const char *arg)
{
	char word[64];
	const char *eq = strchr(arg, '=');
	size_t n = eq ? (size_t)(eq - arg) : strlen(arg);
	if (n >= sizeof word)
		return NULL;
	memcpy(word, arg, n);
	word[n] = 0;
	const char *names[NOPTIONS];
	for (size_t i = 0; i < NOPTIONS; i++)
		names[i] = options[i].longopt;
	/* "-output" and "output" are meant as "--output" too */
	char dashed[70];
	snprintf(dashed, sizeof dashed, "%s%s", word[0] == '-' && word[1] == '-' ? "" :
	    word[0] == '-' ? "-" : "--", word);
	return suggest_nearest(dashed, names, NOPTIONS);
}

/* Prints text (translated) from column indent on, wrapped at 79 columns,
 * the first line from column first (already written). */
static void
wrap(FILE *out, const char *text, int first, int indent)
{
	int col = first;
	const char *p = text;
	while (*p) {
		while (*p == ' ')
			p++;
		const char *e = p;
		int w = 0;
		while (*e && *e != ' ') {
			if (((unsigned char)*e & 0xC0) != 0x80)
				w++;
			e++;
		}
		if (col > indent && col + 1 + w > 79) {
			fprintf(out, "\n%*s", indent, "");
			col = indent;
		} else if (col > indent) {
			fputc(' ', out);
			col++;
		} else if (col < indent) {
			fprintf(out, "%*s", indent - col, "");
			col = indent;
		}
		fwrite(p, 1, (size_t)(e - p), out);
		col += w;
		p = e;
	}
	fputc('\n', out);
}

static bool
option_for(const cli_option *o, const char *cmd)
{
	if (!cmd || !strcmp(o->commands, "*"))
		return true;
	size_t n = strlen(cmd);
	for (const char *p = o->commands; (p = strstr(p, cmd)) != NULL; p += n)
		if ((p == o->commands || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return true;
	return false;
}

static void
print_options(FILE *out, const char *cmd)
{
	for (size_t i = 0; i < NOPTIONS; i++) {
		const cli_option *o = &options[i];
		if (!option_for(o, cmd))
			continue;
		char head[64];
		const char *sep = o->arg ? (o->id == OPT_DIAGNOSTICS ? "=" : " ") : "";
		int n;
		if (o->shortopt)
			n = snprintf(head, sizeof head, "  -%c, %s%s%s", o->shortopt, o->longopt, sep,
			    o->arg ? o->arg : "");
		else
			n = snprintf(head, sizeof head, "      %s%s%s", o->longopt, sep,
			    o->arg ? o->arg : "");
		fputs(head, out);
		if (n >= 24) {
			fputc('\n', out);
			n = 0;
		}
		wrap(out, _(o->help), n, 24);
	}
}

static void
print_tail(FILE *out)
{
	fputc('\n', out);
	wrap(out, _("The creation date written into a PDF is SOURCE_DATE_EPOCH when set, else the "
	    "date of the letter: the same inputs always give the same bytes."), 0, 0);
	fputc('\n', out);
	wrap(out, _("Messages are in German under a German locale (LC_ALL, LC_MESSAGES or LANG "
	    "de_*), else in English; NO_COLOR (or TERM=dumb) turns their colours off. "
	    "VORLAGE_HOME names the directory of the templates, schemas and fonts."), 0, 0);
	fputc('\n', out);
	wrap(out, _("exit status: 0 success; 1 the document or template is invalid (each problem "
	    "printed as FILE:LINE:COL: error: message); 2 other trouble (usage, unreadable file, "
	    "missing resource, unwritable output)."), 0, 0);
}

void
cli_help(FILE *out)
{
	fprintf(out, "%s vorlage COMMAND SOURCE.xml [%s]\n\n", _("usage:"), _("OPTIONS"));
	wrap(out, _("Typesets the XML source of a Vorlage of the Landtag Nordrhein-Westfalen."), 0, 0);
	fprintf(out, "\n%s\n", _("commands:"));
	for (size_t i = 0; i < NCOMMANDS; i++) {
		int n = fprintf(out, "  %-9s%s", commands[i].name, commands[i].synopsis);
		if (n >= 40) {
			fputc('\n', out);
			n = 0;
		}
		wrap(out, _(commands[i].summary), n, 40);
	}
	fprintf(out, "\n%s\n", _("options:"));
	print_options(out, NULL);
	fputc('\n', out);
	wrap(out, _("vorlage help COMMAND (or COMMAND --help) tells more about a command."), 0, 0);
	print_tail(out);
}

void
cli_command_help(FILE *out, const cli_command *c)
{
	fprintf(out, "%s vorlage %s %s\n\n", _("usage:"), c->name, c->synopsis);
	wrap(out, _(c->help), 0, 0);
	fprintf(out, "\n%s\n", _("options:"));
	print_options(out, c->name);
	print_tail(out);
}
