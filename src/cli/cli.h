/* cli.h: what the files of the command line share: the commands and
 * options (help.c: their table, the help texts, the suggestions) and the
 * skeleton of a new Vorlage (new.c). */
#ifndef VORLAGE_CLI_H
#define VORLAGE_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "base/base.h"

/* Texts in the language of the messages (po/de.po): _() translates,
 * N_() marks a text translated where it is used, P_() picks the singular
 * or plural form. tools/mkpot.py collects all three. */
#define _(s) diag_tr(s)
#define N_(s) s
#define P_(s, p, n) diag_trn(s, p, n)

#define VORLAGE_VERSION "1.0.0"

/* A command: its name, how many sources it takes, its synopsis (after
 * the name) and its help (N_). */
typedef struct cli_command {
	const char *name;
	unsigned min_sources, max_sources; /* max 0: any number */
	const char *synopsis;
	const char *summary;  /* one line, for the list of commands */
	const char *help;     /* a paragraph, for `vorlage help NAME` */
} cli_command;

/* The command called name, or NULL. */
const cli_command *cli_command_find(const char *name);

enum cli_option_id {
	OPT_OUTPUT, OPT_DIR, OPT_TEMPLATE, OPT_PARTNER, OPT_ALL, OPT_NO_ARCHIVAL, OPT_QUIET,
	OPT_DIAGNOSTICS, OPT_HELP, OPT_VERSION, OPT_NO_LETTER, OPT_FROM_PAGE, OPT_POINTS
};

/* An option: its short and long name (either may be NULL), whether it
 * takes a value, and the commands it is for ("*": every command). */
typedef struct cli_option {
	char shortopt;
	const char *longopt;
	const char *arg;      /* the value's name in the help, NULL: none */
	const char *commands; /* names separated by spaces, or "*" */
	const char *help;     /* N_ */
	enum cli_option_id id;
} cli_option;

/* The option arg names (-o, --output, --output=x), or NULL; *value points
 * after the '=' of --name=value, else NULL. */
const cli_option *cli_option_find(const char *arg, const char **value);

/* The name of a command or long option nearest to a misspelt one, or NULL. */
const char *cli_command_suggest(const char *name);
const char *cli_option_suggest(const char *arg);

/* The help: of the program, or of one command. */
void cli_help(FILE *out);
void cli_command_help(FILE *out, const cli_command *c);

/* vorlage new [FILE]: writes the skeleton of a new Vorlage to FILE (never
 * over an existing file) or, for NULL or "-", to standard output; schema
 * is the schema's path for the xml-model processing instruction. Returns
 * an enum vl_exit after a message on failure. */
int cli_new(const char *file, const char *schema, bool quiet, arena *a, diag *d);

#endif
