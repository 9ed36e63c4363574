/* main.c: the command line: check, dump, partners, build, annex, layout,
 * run, new, help (the commands and options: help.c). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/base.h"
#include "cli.h"
#include "compose/compose.h"
#include "engine/engine.h"
#include "front/front.h"
#include "pdf/pdf.h"

#define DEFAULT_TEMPLATE "templates/landtag-nrw.xml"

struct opts {
	const char *cmd, *source, *output, *dir, *tpl, *partner;
	const char **sources; /* build, check: every source of the batch (source: the one at work) */
	size_t nsources;
	bool all, archival, quiet, help, version;
	bool no_letter, points; /* layout: without the letter, lengths in pt */
	const char *from_page;  /* layout: the first page dumped (first_page) */
	size_t first_page;
};

typedef struct session {
	diag d;
	arena *a;
	struct opts o;
	vl_doc *doc;
	vl_template *tpl;
	hyph *h;
	ts_engine *e;
	res_table *res;        /* every font and image, read once for the whole process */
	unsigned char source_hash[32], template_hash[32]; /* for the PDF's ID */
	const char *progress;  /* a batch: "[k/n] " before each line of progress */
	const char **written;  /* a batch: the PDF of each source so far, or NULL */
	const char **batch_in; /* a batch: every source and every file they name */
	size_t nbatch_in;
} session;

/* After a usage message: the hint and the exit status. */
static int
usage_hint(const diag *d, const char *cmd)
{
	if (d->style == DIAG_JSON) /* standard error holds the JSON list only */
		return VL_EXIT_TROUBLE;
	if (cmd && cli_command_find(cmd) && strcmp(cmd, "help") != 0)
		fprintf(stderr, _("Try 'vorlage help %s'.\n"), cmd);
	else
		fputs(_("Try 'vorlage --help'.\n"), stderr);
	return VL_EXIT_TROUBLE;
}

/* A usage message (catalogue entry USAGE_NAME, no location), then the hint. */
#define USAGE_ERROR(name, d, ...) (MSG(USAGE_##name, d, NULL, 0, 0, __VA_ARGS__), \
	usage_hint(d, o->cmd))
#define USAGE_ERROR0(name, d) (MSG(USAGE_##name, d, NULL, 0, 0), usage_hint(d, o->cmd))

/* An unknown option, with the nearest known one. */
static int
unknown_option(struct opts *o, const char *a, diag *d)
{
	const char *near = cli_option_suggest(a);
	if (near)
		return USAGE_ERROR(OPTION_HINT, d, a, near);
	return USAGE_ERROR(OPTION, d, a);
}

/* How messages print: --diagnostics=STYLE (plain, caret, json) wherever
 * it stands, else with the source line and a caret on a terminal; colour
 * unless NO_COLOR is set or TERM is dumb. Read before the other options, so
 * that their messages print so too; false for an unknown style. */
static bool
diag_style_from(int argc, char **argv, diag *d, const char **bad)
{
	const char *t = getenv("TERM"), *nc = getenv("NO_COLOR");
	bool colour = !(nc && *nc) && !(t && !strcmp(t, "dumb"));
	enum diag_style style = isatty(STDERR_FILENO) ? DIAG_CARET : DIAG_PLAIN;
	*bad = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		const char *v = NULL;
		if (!strncmp(argv[i], "--diagnostics=", 14))
			v = argv[i] + 14;
		else if (!strcmp(argv[i], "--diagnostics") && i + 1 < argc)
			v = argv[++i];
		if (!v)
			continue;
		if (!strcmp(v, "plain"))
			style = DIAG_PLAIN;
		else if (!strcmp(v, "caret"))
			style = DIAG_CARET;
		else if (!strcmp(v, "json"))
			style = DIAG_JSON;
		else
			*bad = v;
	}
	diag_set_style(d, style, colour && isatty(STDERR_FILENO));
	return !*bad;
}

/* Whether the command takes what was given, and says so if not. */
static int
check_operands(struct opts *o, const cli_command *c, diag *d)
{
	if (o->nsources < c->min_sources) {
		if (!strcmp(c->name, "help") || !strcmp(c->name, "new"))
			return VL_EXIT_OK;
		return USAGE_ERROR(NO_SOURCE, d, o->cmd);
	}
	if (c->max_sources && o->nsources > c->max_sources)
		return USAGE_ERROR(ARGUMENT, d, o->sources[c->max_sources]);
	if (o->nsources > 1 && o->output)
		return USAGE_ERROR(OUTPUT_MANY, d, o->nsources);
	size_t stdin_uses = 0;
	for (size_t i = 0; i < o->nsources; i++)
		stdin_uses += !strcmp(o->sources[i], "-");
	if (stdin_uses > 1 && strcmp(c->name, "help") != 0)
		return MSG(STDIN_TWICE, d, NULL, 0, 0), usage_hint(d, o->cmd);
	return VL_EXIT_OK;
}

/* Reads the options and operands into o; returns an exit status, or -1
 * when the program is to go on. --help and --version print and end. */
static int
parse_args(int argc, char **argv, struct opts *o, diag *d)
{
	memset(o, 0, sizeof *o);
	o->archival = true;
	o->sources = xcalloc((size_t)argc, sizeof *o->sources);
	bool operands_only = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!operands_only && !strcmp(a, "--")) {
			operands_only = true;
			continue;
		}
		if (operands_only || a[0] != '-' || a[1] == '\0') { /* "-": standard input */
			if (!o->cmd) {
				o->cmd = a;
				if (!cli_command_find(a)) {
					const char *near = cli_command_suggest(a);
					o->cmd = NULL;
					return near ? USAGE_ERROR(COMMAND_HINT, d, a, near)
					    : USAGE_ERROR(COMMAND, d, a);
				}
			} else {
				o->sources[o->nsources++] = a;
			}
			continue;
		}
		const char *value;
		const cli_option *opt = cli_option_find(a, &value);
		if (!opt)
			return unknown_option(o, a, d);
		if (opt->arg && !value) {
			if (i + 1 >= argc)
				return USAGE_ERROR(VALUE, d, a);
			value = argv[++i];
		} else if (!opt->arg && value) {
			return unknown_option(o, a, d);
		}
		switch (opt->id) {
		case OPT_OUTPUT: o->output = value; break;
		case OPT_DIR: o->dir = value; break;
		case OPT_TEMPLATE: o->tpl = value; break;
		case OPT_PARTNER: o->partner = value; break;
		case OPT_ALL: o->all = true; break;
		case OPT_NO_ARCHIVAL: o->archival = false; break;
		case OPT_QUIET: o->quiet = true; break;
		case OPT_DIAGNOSTICS: break; /* read before (diag_style_from) */
		case OPT_HELP: o->help = true; break;
		case OPT_VERSION: o->version = true; break;
		case OPT_NO_LETTER: o->no_letter = true; break;
		case OPT_FROM_PAGE: o->from_page = value; break;
		case OPT_POINTS: o->points = true; break;
		}
	}
	if (o->help || (o->cmd && !strcmp(o->cmd, "help"))) {
		const char *topic = o->help ? o->cmd : o->nsources ? o->sources[0] : NULL;
		const cli_command *c = topic ? cli_command_find(topic) : NULL;
		if (topic && !c) {
			const char *near = cli_command_suggest(topic);
			return near ? USAGE_ERROR(COMMAND_HINT, d, topic, near)
			    : USAGE_ERROR(COMMAND, d, topic);
		}
		if (!o->help && o->nsources > 1)
			return USAGE_ERROR(ARGUMENT, d, o->sources[1]);
		if (c && strcmp(c->name, "help") != 0)
			cli_command_help(stdout, c);
		else
			cli_help(stdout);
		return VL_EXIT_OK;
	}
	if (o->version) {
		puts("vorlage " VORLAGE_VERSION);
		return VL_EXIT_OK;
	}
	if (!o->cmd)
		return USAGE_ERROR0(NO_COMMAND, d);
	int rc = check_operands(o, cli_command_find(o->cmd), d);
	if (rc != VL_EXIT_OK)
		return rc;
	if (o->from_page) {
		char *end;
		errno = 0;
		unsigned long long n = strtoull(o->from_page, &end, 10);
		if (errno || end == o->from_page || *end || o->from_page[0] == '-' || n > SIZE_MAX)
			return USAGE_ERROR(NUMBER, d, "--from-page", o->from_page);
		o->first_page = (size_t)n;
	}
	o->source = o->nsources ? o->sources[0] : NULL;
	return -1;
}

static int
worst(int a, int b)
{
	return a > b ? a : b;
}

/* The exit status of the messages since the counts were taken. */
static int
status_since(const diag *d, unsigned errors, unsigned syserrs)
{
	return d->nsyserrs > syserrs ? VL_EXIT_TROUBLE
	    : d->nerrors > errors ? VL_EXIT_INVALID : VL_EXIT_OK;
}

static bool
session_load_source(session *s)
{
	unsigned errors = s->d.nerrors, syserrs = s->d.nsyserrs;
	s->doc = vl_load(s->o.source, res_path(s->a, "xml/vorlage.xsd"), &s->d);
	if (s->doc)
		vl_check(s->doc, &s->d);
	/* the images decoded once, here: what the layout measures and the PDF
	 * embeds; for the commands that lay out the Vorlage (an annex draws
	 * no image, dump and partners nothing) */
	const char *cmd = s->o.cmd;
	bool draws = !strcmp(cmd, "check") || !strcmp(cmd, "build") || !strcmp(cmd, "run") ||
	    (!strcmp(cmd, "layout") && !s->o.partner);
	if (s->doc && draws && status_since(&s->d, errors, syserrs) == VL_EXIT_OK)
		vl_check_images(s->doc, s->res, s->o.archival, &s->d);
	return s->doc && status_since(&s->d, errors, syserrs) == VL_EXIT_OK;
}

/* Template, dictionaries, fonts. */
static bool
session_load_layout(session *s)
{
	const char *tpl = s->o.tpl ? s->o.tpl : res_path(s->a, DEFAULT_TEMPLATE);
	s->tpl = tpl_load(tpl, res_path(s->a, "templates/template.xsd"), &s->d);
	if (!s->tpl)
		return false;
	s->h = hyph_new();
	for (size_t i = 0; i < s->tpl->nhyph; i++)
		if (hyph_add_language(s->h, s->tpl->hyph[i].lang, s->tpl->hyph[i].path, &s->d) != 0)
			return false;
	s->e = ts_engine_new(s->tpl->fonts, s->res, s->h, &s->d);
	if (s->e)
		memcpy(s->template_hash, s->tpl->sha256, sizeof s->template_hash);
	return s->e != NULL;
}

/* The source's SHA-256 for the PDF's ID: of the bytes the front end read
 * and parsed (the file is read once). */
static bool
session_hash_source(session *s)
{
	memcpy(s->source_hash, s->doc->sha256, sizeof s->source_hash);
	return true;
}

static void
session_free(session *s)
{
	ts_engine_free(s->e);
	hyph_free(s->h);
	tpl_free(s->tpl);
	vl_doc_free(s->doc);
	res_table_free(s->res);
	arena_free(s->a);
	free(s->o.sources);
}

/* Creation date: SOURCE_DATE_EPOCH when set, else the letter's date (as
 * compose set it), never the clock. */
static bool
doc_set_date(session *s, ts_info *out)
{
	const char *env = getenv("SOURCE_DATE_EPOCH");
	if (!env || !*env)
		return true;
	char *end;
	errno = 0;
	long long v = strtoll(env, &end, 10);
	if (errno || *end || v < 0 || v > 253402300799LL) {
		MSG(BAD_EPOCH, &s->d, NULL, 0, 0, env);
		return false;
	}
	time_t t = (time_t)v;
	struct tm tm;
	gmtime_r(&t, &tm);
	out->year = tm.tm_year + 1900;
	out->month = tm.tm_mon + 1;
	out->day = tm.tm_mday;
	out->hour = tm.tm_hour;
	out->minute = tm.tm_min;
	out->second = tm.tm_sec;
	return true;
}

/* "vorlage-18-1828" from the number "18/1828". */
static const char *
doc_stem(session *s)
{
	char *stem = arena_printf(s->a, "vorlage-%s", s->doc->meta.number);
	for (char *p = stem; *p; p++)
		if (*p == '/')
			*p = '-';
	return stem;
}

/* mkdir -p for the directory part of an output path. */
static bool
make_dirs(diag *d, const char *dir)
{
	char buf[4096];
	if (snprintf(buf, sizeof buf, "%s", dir) >= (int)sizeof buf) {
		MSG(PATH_TOO_LONG, d, dir, 0, 0);
		return false;
	}
	for (char *p = buf + 1;; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;
			*p = '\0';
			if (mkdir(buf, 0777) != 0 && errno != EEXIST) {
				MSG(CANNOT_MKDIR, d, buf, 0, 0, strerror(errno));
				return false;
			}
			*p = c;
			if (!c)
				break;
		}
	}
	return true;
}

/* Every file the run reads: a PDF is never written over one of them. */
static size_t
run_inputs(session *s, const char ***out)
{
	const vl_template *t = s->tpl;
	const char **in = arena_array(s->a, 8 + 2 * t->nhyph + TS_NFACES + s->nbatch_in,
	    sizeof *in);
	size_t n = 0;
	in[n++] = s->o.source;
	for (size_t i = 0; i < s->nbatch_in; i++)
		in[n++] = s->batch_in[i];
	in[n++] = t->path;
	in[n++] = t->icc_path;
	in[n++] = res_path(s->a, "xml/vorlage.xsd");
	in[n++] = res_path(s->a, "templates/template.xsd");
	for (int f = 0; f < TS_NFACES; f++)
		in[n++] = t->fonts[f];
	for (size_t i = 0; i < t->nhyph; i++) {
		in[n++] = t->hyph[i].path;
		in[n++] = arena_printf(s->a, "%s" HYPH_CACHE_SUFFIX, t->hyph[i].path);
	}
	*out = in;
	return n;
}

/* The PDF to standard output (not to a terminal): rendered into memory,
 * the same bytes as into a file. */
static int
write_stdout(session *s, const ts_layout *out, const render_opts *ro)
{
	if (isatty(STDOUT_FILENO)) {
		MSG(STDOUT_TERMINAL, &s->d, NULL, 0, 0);
		return VL_EXIT_TROUBLE;
	}
	unsigned char *data;
	size_t len;
	int rc = render_pdf_mem(out, ro, &data, &len, &s->d);
	if (rc == VL_EXIT_OK && (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)) {
		MSG(STDOUT_WRITE, &s->d, NULL, 0, 0);
		rc = VL_EXIT_TROUBLE;
	}
	free(data);
	return rc;
}

static int
write_doc(session *s, ts_layout *out, const ts_info *info, const char *variant, const char *path)
{
	render_opts ro = { .archival = s->o.archival, .icc_path = s->tpl->icc_path, .info = *info,
		.variant = variant, .drop_pages = true, .res = s->res };
	ro.info.creator = "vorlage";
	ro.info.producer = "vorlage with libharu";
	memcpy(ro.source_hash, s->source_hash, sizeof ro.source_hash);
	memcpy(ro.template_hash, s->template_hash, sizeof ro.template_hash);
	const char **inputs;
	ro.ninputs = run_inputs(s, &inputs);
	ro.inputs = inputs;
	if (!doc_set_date(s, &ro.info))
		return VL_EXIT_TROUBLE;
	if (!strcmp(path, "-")) /* -o -: standard output, which holds the PDF only */
		return write_stdout(s, out, &ro);
	int rc = render_pdf(out, &ro, path, &s->d);
	if (rc == VL_EXIT_OK && !s->o.quiet) {
		printf(P_("%swrote %s (%zu page%s)\n", "%swrote %s (%zu pages%s)\n", out->npages),
		    s->progress ? s->progress : "", path, out->npages,
		    s->o.archival ? ", PDF/A-1a" : "");
		if (s->progress)
			fflush(stdout); /* progress shows as it happens */
	}
	return rc;
}

/* DIR/NAME.pdf for the source NAME.xml (any other name: NAME.pdf beside). */
static const char *
dir_path(session *s, const char *dir, const char *source)
{
	const char *base = strrchr(source, '/');
	base = base ? base + 1 : source;
	size_t n = strlen(base);
	if (n > 4 && !strcmp(base + n - 4, ".xml"))
		n -= 4;
	return arena_printf(s->a, "%s/%.*s.pdf", dir, (int)n, base);
}

/* The PDF of source k of a batch is not that of an earlier one (copies of
 * one Vorlage share its number, sources in two directories their names). */
static bool
batch_output_free(session *s, size_t k, const char *path)
{
	if (!s->written)
		return true;
	for (size_t i = 0; i < k; i++)
		if (s->written[i] && !strcmp(s->written[i], path)) {
			MSG(SAME_OUTPUT, &s->d, s->o.sources[k], 0, 0, path, s->o.sources[i]);
			return false;
		}
	s->written[k] = path;
	return true;
}

static int
cmd_build(session *s, size_t k)
{
	const char *path = s->o.output;
	if (!path) {
		const char *dir = s->o.dir ? s->o.dir : "out";
		if (!make_dirs(&s->d, dir))
			return VL_EXIT_TROUBLE;
		path = s->o.dir ? dir_path(s, dir, s->o.source)
		    : arena_printf(s->a, "out/%s.pdf", doc_stem(s));
	}
	if (!batch_output_free(s, k, path))
		return VL_EXIT_TROUBLE;
	ts_layout *out = compose_vorlage(s->doc, s->tpl, s->e, &s->d);
	ts_info info;
	compose_vorlage_info(s->doc, s->tpl, s->a, &info);
	int rc = out ? write_doc(s, out, &info, "vorlage", path) : VL_EXIT_INVALID;
	ts_layout_free(out);
	return rc;
}

static int
unknown_partner(session *s, const char *id)
{
	MSG(UNKNOWN_PARTNER_ID, &s->d, s->o.source, 0, 0, id);
	for (size_t i = 0; i < s->doc->npartners && s->d.style != DIAG_JSON; i++)
		fprintf(stderr, "  %s\n", s->doc->partners[i].id);
	return VL_EXIT_INVALID;
}

static int
annex_one(session *s, int partner, const char *path)
{
	ts_layout *out = compose_annex(s->doc, s->tpl, s->e, partner, &s->d);
	if (!out)
		return VL_EXIT_INVALID;
	const char *variant = arena_printf(s->a, "annex:%s", s->doc->partners[partner].id);
	ts_info info;
	compose_annex_info(s->doc, s->tpl, partner, s->a, &info);
	int rc = write_doc(s, out, &info, variant, path);
	ts_layout_free(out);
	return rc;
}

static const char *
annex_path(session *s, const char *dir, int partner)
{
	return arena_printf(s->a, "%s/%s-anlage-%s.pdf", dir, doc_stem(s),
	    s->doc->partners[partner].id);
}

static int
cmd_annex_all(session *s, const char *dir)
{
	if (!make_dirs(&s->d, dir))
		return VL_EXIT_TROUBLE;
	int worst = VL_EXIT_OK;
	for (size_t i = 0; i < s->doc->npartners; i++) {
		if (!compose_partner_has_agreements(s->doc, (int)i))
			continue;
		/* one failing partner does not stop the others */
		int rc = annex_one(s, (int)i, annex_path(s, dir, (int)i));
		if (rc > worst)
			worst = rc;
	}
	return worst;
}

static int
cmd_annex(session *s)
{
	if (s->o.all == (s->o.partner != NULL)) {
		MSG(USAGE_ANNEX, &s->d, NULL, 0, 0);
		return VL_EXIT_TROUBLE;
	}
	if (s->o.all)
		return cmd_annex_all(s, s->o.dir ? s->o.dir : "out/anlagen");
	int p = vl_partner_find(s->doc, s->o.partner);
	if (p < 0)
		return unknown_partner(s, s->o.partner);
	const char *path = s->o.output;
	if (!path) {
		if (!make_dirs(&s->d, "out/anlagen"))
			return VL_EXIT_TROUBLE;
		path = annex_path(s, "out/anlagen", p);
	}
	return annex_one(s, p, path);
}

static int
cmd_layout(session *s)
{
	ts_layout *out;
	if (s->o.partner) {
		int p = vl_partner_find(s->doc, s->o.partner);
		if (p < 0)
			return unknown_partner(s, s->o.partner);
		out = compose_annex(s->doc, s->tpl, s->e, p, &s->d);
	} else {
		out = compose_vorlage(s->doc, s->tpl, s->e, &s->d);
	}
	if (!out)
		return VL_EXIT_INVALID;
	ts_dump_opts dump = { s->o.first_page, s->o.points };
	if (s->o.no_letter && dump.first_page < out->front_pages)
		dump.first_page = out->front_pages;
	ts_layout_dump_opts(out, &dump, stdout);
	ts_layout_free(out);
	return VL_EXIT_OK;
}

static int
cmd_partners(session *s)
{
	for (size_t i = 0; i < s->doc->npartners; i++) {
		const vl_partner *p = &s->doc->partners[i];
		printf("%-26s %-13s %s%s\n", p->id, vl_partner_kind_names[p->kind], p->name,
		    p->main_partner ? " (Hauptkooperationspartner)"
		    : compose_partner_has_agreements(s->doc, (int)i) ? "" : _(" (no agreement)"));
	}
	return VL_EXIT_OK;
}

/* The inputs of every source of a batch, before its first PDF is written:
 * the sources themselves and the images they name. Without them, the PDF
 * of one source could replace another source (build D/A.pdf A.xml -d D)
 * or the image of a source not yet built. Each source is parsed here
 * without messages; the loop below reports on it. */
static void
batch_collect_inputs(session *s)
{
	diag quiet;
	diag_init(&quiet, "vorlage", NULL);
	size_t n = s->o.nsources, cap = 2 * n;
	s->batch_in = arena_array(s->a, cap, sizeof *s->batch_in);
	for (size_t k = 0; k < n; k++) {
		s->batch_in[s->nbatch_in++] = s->o.sources[k];
		vl_doc *doc = vl_load(s->o.sources[k], res_path(s->a, "xml/vorlage.xsd"), &quiet);
		if (!doc)
			continue;
		const char **files;
		size_t nfiles = vl_source_files(doc, s->a, &files);
		if (s->nbatch_in + nfiles + n > cap) {
			cap = 2 * (s->nbatch_in + nfiles + n);
			const char **in = arena_array(s->a, cap, sizeof *in);
			memcpy(in, s->batch_in, s->nbatch_in * sizeof *in);
			s->batch_in = in;
		}
		for (size_t i = 0; i < nfiles; i++)
			s->batch_in[s->nbatch_in++] = files[i];
		vl_doc_free(doc);
	}
}

/* build, of one source or of a batch: each source loaded, checked, laid out
 * and written in turn, the template, fonts and dictionaries loaded once
 * (after the first valid source, as for a single one). A source that fails
 * does not stop the others; the status is the worst. Only a template or
 * resource that cannot be loaded stops the batch. */
static int
run_build(session *s)
{
	size_t n = s->o.nsources;
	bool batch = n > 1, layout = false;
	if (batch) {
		s->written = arena_array(s->a, n, sizeof *s->written);
		batch_collect_inputs(s);
	}
	int worst_rc = VL_EXIT_OK;
	for (size_t k = 0; k < n; k++) {
		unsigned errors = s->d.nerrors, syserrs = s->d.nsyserrs;
		s->o.source = s->o.sources[k];
		if (batch)
			s->progress = arena_printf(s->a, "[%zu/%zu] ", k + 1, n);
		int rc = VL_EXIT_OK;
		if (session_load_source(s)) {
			if (!layout && !session_load_layout(s))
				return worst(worst_rc, diag_exit_status(&s->d));
			layout = true;
			if (session_hash_source(s))
				rc = cmd_build(s, k);
		}
		rc = worst(rc, status_since(&s->d, errors, syserrs));
		if (rc != VL_EXIT_OK && batch && !s->o.quiet) {
			printf(_("%s%s: not written\n"), s->progress, s->o.source);
			fflush(stdout);
		}
		vl_doc_free(s->doc);
		s->doc = NULL;
		worst_rc = worst(worst_rc, rc);
		/* the next source's images on top of at most RES_IMAGES_KEEP of these */
		res_table_trim(s->res, RES_IMAGES_KEEP);
	}
	return worst_rc;
}

/* check, of one source or several: each source's schema and rules, then
 * what build would refuse: the Vorlage laid out and its PDF made in memory
 * (a character the fonts lack, a line that leaves its zone), with the
 * template, fonts and dictionaries loaded once. Nothing is written. */
static int
run_check(session *s)
{
	bool layout = false;
	int worst_rc = VL_EXIT_OK;
	s->d.lint = true; /* the warnings on style too */
	for (size_t k = 0; k < s->o.nsources; k++) {
		unsigned errors = s->d.nerrors, syserrs = s->d.nsyserrs;
		s->o.source = s->o.sources[k];
		if (session_load_source(s)) {
			s->d.lint = false; /* not for the template */
			if (!layout && !session_load_layout(s))
				return worst(worst_rc, diag_exit_status(&s->d));
			layout = true;
			ts_layout *out = compose_vorlage(s->doc, s->tpl, s->e, &s->d);
			if (out) {
				render_opts ro = { .archival = s->o.archival,
					.icc_path = s->tpl->icc_path, .res = s->res };
				compose_vorlage_info(s->doc, s->tpl, s->a, &ro.info);
				unsigned char *data = NULL;
				size_t len;
				render_pdf_mem(out, &ro, &data, &len, &s->d);
				free(data);
				ts_layout_free(out);
			}
			s->d.lint = true;
		}
		worst_rc = worst(worst_rc, status_since(&s->d, errors, syserrs));
		vl_doc_free(s->doc);
		s->doc = NULL;
	}
	return worst_rc;
}

/* Loads what the command needs and runs it; returns its exit status. */
static int
run_command(session *s)
{
	const char *cmd = s->o.cmd;
	if (!strcmp(cmd, "new"))
		return cli_new(s->o.source, res_path(s->a, "xml/vorlage.xsd"), s->o.quiet, s->a,
		    &s->d);
	if (!strcmp(cmd, "build"))
		return run_build(s);
	if (!strcmp(cmd, "check"))
		return run_check(s);
	if (!session_load_source(s))
		return diag_exit_status(&s->d);
	if (!strcmp(cmd, "dump")) {
		vl_dump(s->doc, stdout);
		return VL_EXIT_OK;
	}
	if (!strcmp(cmd, "partners"))
		return cmd_partners(s);
	if (!session_load_layout(s) || !session_hash_source(s))
		return diag_exit_status(&s->d);
	if (!strcmp(cmd, "annex"))
		return cmd_annex(s);
	if (!strcmp(cmd, "layout"))
		return cmd_layout(s);
	/* run: the Vorlage, then every annex, into out/ */
	s->o.output = NULL;
	const char *dir = s->o.dir;
	s->o.dir = NULL; /* build: out/vorlage-WP-NR.pdf */
	int rc = cmd_build(s, 0);
	s->o.dir = dir;
	return worst(rc, cmd_annex_all(s, s->o.dir ? s->o.dir : "out/anlagen"));
}

int
main(int argc, char **argv)
{
	session s;
	memset(&s, 0, sizeof s);
	diag_init(&s.d, "vorlage", stderr);
	s.a = arena_new();
	s.res = res_table_new();
	/* the messages' language (German under de_*), then how they print */
	diag_locale(res_path(s.a, "build/share/locale"));
	const char *bad_style;
	int rc;
	if (!diag_style_from(argc, argv, &s.d, &bad_style)) {
		MSG(USAGE_DIAGNOSTICS, &s.d, NULL, 0, 0, bad_style);
		rc = usage_hint(&s.d, NULL);
	} else if ((rc = parse_args(argc, argv, &s.o, &s.d)) < 0) {
		rc = run_command(&s);
		rc = worst(rc, diag_exit_status(&s.d));
	}
	if (fflush(stdout) != 0) {
		MSG(STDOUT_WRITE, &s.d, NULL, 0, 0);
		rc = VL_EXIT_TROUBLE;
	}
	diag_finish(&s.d);
	session_free(&s);
	stdin_free();
	return rc;
}
