/*
 * main: the command line. Each command loads the content, reports every
 * content error as "file:line: message" (exit 1), and otherwise does its
 * work. Usage errors and failed writes exit 2.
 */
#include "bank/bank.h"
#include "core/confine.h"
#include "plan/blueprint.h"
#include "plan/coverage.h"
#include "core/diag.h"
#include "write/export.h"
#include "bank/generate.h"
#include "script/render.h"
#include "core/dump.h"
#include "core/model.h"
#include "core/outdir.h"
#include "plan/paper.h"
#include "write/site.h"
#include "plan/syllabus.h"
#include "core/util.h"

#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TIKU_VERSION "0.1.0"

struct options {
	const char *content;
	const char *templates;
	const char *lua;
	const char *out;
	unsigned long seed;
	int json;
	int level;
	unsigned formats;
	int coverage;
	struct paper_request paper;
	const char *manifest;
};

static const char usage_text[] =
    "usage: tiku COMMAND [options]\n"
    "\n"
    "Turn a national occupational standard written in Markdown into syllabi,\n"
    "item banks, exam papers and a self-study site.\n"
    "\n"
    "commands:\n"
    "  lint     check the content; list every problem as file:line: message\n"
    "  dump     print the standard model as JSON\n"
    "  build    write the whole site\n"
    "  syllabus write one level's training syllabus (培训大纲)\n"
    "  bank     write one level's item bank (题库)\n"
    "  paper    draw parallel paper forms with keys (试卷)\n"
    "  audit    re-check a paper manifest against the content\n"
    "  export   a level's bank as Moodle XML or an Excel sheet\n"
    "\n"
    "Run 'tiku COMMAND --help' for a command's options.\n"
    "  --help       show this help\n"
    "  --version    show the version\n";

static int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * A data folder given no option: ./NAME when it exists (NAME/standard for
 * content), else the one installed beside the binary (PREFIX/share/tiku).
 */
static const char *
default_dir(const char *name, const char *probe)
{
	static char installed[3][PATH_MAX];
	static int used;
	char exe[PATH_MAX], here[PATH_MAX];
	ssize_t n;

	snprintf(here, sizeof here, "%s%s", name, probe);
	if (is_dir(here))
		return name;
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0 && used < 3) {
		char *slot = installed[used];

		exe[n] = '\0';
		snprintf(slot, PATH_MAX, "%s/../share/tiku/%s", dirname(exe), name);
		snprintf(here, sizeof here, "%s%s", slot, probe);
		if (is_dir(here)) {
			used++;
			return slot;
		}
	}
	return name;
}

static void
report(struct diag *d)
{
	size_t n = diag_print(d, stderr);

	fprintf(stderr, "tiku: %zu problem%s found; nothing was written\n", n,
	    n == 1 ? "" : "s");
}

static int
load(struct standard *s, const char *dir, struct diag *d)
{
	if (content_confined(dir, d) == 0 && standard_load(s, dir, d) == 0) {
		standard_check(s, d);
		settings_load(s, dir, d);
	}
	if (d->n > 0) {
		report(d);
		return -1;
	}
	return 0;
}

enum { OPT_CONTENT = 1, OPT_OUT, OPT_SEED, OPT_JSON, OPT_HELP, OPT_TEMPLATES,
    OPT_LUA, OPT_LEVEL, OPT_FORMAT, OPT_COVERAGE, OPT_KIND, OPT_FORMS,
    OPT_OVERLAP, OPT_CANDIDATES, OPT_EXPOSURE };

struct command {
	const char *name;
	const char *args;       /* its usage line after the name */
	const char *help;       /* its options, one per line */
	const struct option *opts;
	int (*run)(struct options *);
};

/* Load the standard and the bank, generated items included. */
static void
load_bank(struct standard *s, struct bank *b, const struct options *o,
    struct diag *d)
{
	static const struct render_limits gen_limits = { 256u << 20, 500000 };
	struct render *r;

	bank_load(b, s, o->content, d);
	if ((r = render_new(o->templates, o->lua, &gen_limits, d)) != NULL) {
		bank_generate(b, s, r, o->lua, d);
		render_free(r);
	}
	bank_resolve(b, s, d);
}

/* Load the standard and the bank; prints problems. Returns 0 or -1. */
static int
load_all(struct standard *s, struct bank *b, const struct options *o,
    struct diag *d)
{
	if (content_confined(o->content, d) == 0 &&
	    standard_load(s, o->content, d) == 0) {
		standard_check(s, d);
		settings_load(s, o->content, d);
		load_bank(s, b, o, d);
	}
	if (d->n > 0) {
		report(d);
		return -1;
	}
	return 0;
}

static int
cmd_lint(struct options *o)
{
	struct standard s = {0};
	struct bank b = {0};
	struct diag d = {0};
	int rc = 1;

	struct paper_spec spec;

	if (load(&s, o->content, &d) == 0) {
		load_bank(&s, &b, o, &d);
		spec_load(&spec, &s, o->content, &d);
		if (d.n)
			report(&d);
		else if (o->coverage)
			rc = coverage_report(&s, &b, &spec, stdout) ? 1 : 0;
		else
			rc = 0;
	}
	if (rc == 0)
		fprintf(stderr, "tiku: %s: no problems found (%zu items)\n",
		    o->content, b.n);
	bank_free(&b);
	diag_free(&d);
	standard_free(&s);
	return rc;
}

static int
cmd_dump(struct options *o)
{
	struct standard s = {0};
	struct diag d = {0};
	int rc = 1;

	if (load(&s, o->content, &d) == 0) {
		json_t *j = dump_standard(&s);
		char *text = dump_string(j);

		fputs(text, stdout);
		fputc('\n', stdout);
		free(text);
		json_decref(j);
		rc = fflush(stdout) == 0 ? 0 : 2;
	}
	diag_free(&d);
	standard_free(&s);
	return rc;
}

static int
cmd_syllabus(struct options *o)
{
	struct standard s = {0};
	struct diag d = {0};
	struct site_config c = { o->templates, o->lua, o->seed };
	int rc = 1;

	if (load(&s, o->content, &d) < 0)
		goto done;
	if (standard_level(&s, o->level) == NULL) {
		fprintf(stderr, "tiku syllabus: the standard has no level %d\n",
		    o->level);
		rc = 2;
		goto done;
	}
	if (o->formats == FORMAT_JSON && o->out == NULL) {
		struct plan p;
		json_t *j;
		char *text;

		plan_make(&s, o->level, &p);
		j = plan_json(&p);
		text = dump_string(j);
		puts(text);
		free(text);
		json_decref(j);
		plan_free(&p);
		rc = 0;
		goto done;
	}
	rc = site_syllabus(&s, &c, o->level, o->formats, o->out ? o->out : ".",
	    &d);
	if (rc == 1)
		report(&d);
done:
	diag_free(&d);
	standard_free(&s);
	return rc;
}

static int
cmd_build(struct options *o)
{
	struct standard s = {0};
	struct bank b = {0};
	struct diag d = {0};
	struct site_config c = { o->templates, o->lua, o->seed };
	int rc = 1;

	struct paper_spec spec;

	if (load_all(&s, &b, o, &d) == 0 &&
	    spec_load(&spec, &s, o->content, &d) == 0) {
		rc = site_build(&s, &b, &spec, &c, o->out, &d);
		if (rc == 1)
			report(&d);
		else if (rc == 0)
			fprintf(stderr, "tiku: wrote %s\n", o->out);
	} else if (d.n)
		report(&d);
	bank_free(&b);
	diag_free(&d);
	standard_free(&s);
	return rc;
}

static int
cmd_paper(struct options *o)
{
	struct standard s = {0};
	struct bank b = {0};
	struct diag d = {0};
	struct site_config c = { o->templates, o->lua, o->seed };
	struct paper_spec spec;
	struct paper_set set;
	struct buf why = {0};
	int rc = 1;

	if (load_all(&s, &b, o, &d) < 0)
		goto done;
	if (spec_load(&spec, &s, o->content, &d) < 0) {
		report(&d);
		goto done;
	}
	if (standard_level(&s, o->level) == NULL) {
		fprintf(stderr, "tiku paper: the standard has no level %d\n",
		    o->level);
		rc = 2;
		goto done;
	}
	o->paper.level = o->level;
	o->paper.seed = o->seed;
	if (paper_assemble(&s, &b, &spec, &o->paper, &set, &why) < 0) {
		fprintf(stderr, "%stiku paper: the bank cannot meet the request; "
		    "nothing was written\n", why.data ? why.data : "");
		buf_free(&why);
		goto done;
	}
	fprintf(stderr, "tiku paper: level %d %s, %zu form%s, seed %llu: "
	    "solved in %.2f s\n", o->level, paper_kind_name(o->paper.kind),
	    set.n_forms, set.n_forms == 1 ? "" : "s",
	    (unsigned long long)o->seed, set.solve_seconds);
	if (o->formats == FORMAT_JSON && o->out == NULL) {
		rc = paper_manifest_write(&s, &b, &spec, &set, stdout) < 0 ||
		    fflush(stdout) ? 2 : 0;
	} else {
		rc = site_papers(&s, &b, &spec, &c, &set, o->formats,
		    o->out ? o->out : ".", &d);
		if (rc == 1)
			report(&d);
	}
	paper_set_free(&set);
done:
	bank_free(&b);
	diag_free(&d);
	standard_free(&s);
	return rc;
}

static int
cmd_audit(struct options *o)
{
	struct standard s = {0};
	struct bank b = {0};
	struct diag d = {0};
	struct paper_spec spec;
	json_error_t err;
	json_t *man;
	int rc = 1, n;

	if ((man = json_load_file(o->manifest, 0, &err)) == NULL) {
		fprintf(stderr, "%s:%d: not a JSON manifest: %s\n", o->manifest,
		    err.line, err.text);
		return 2;
	}
	if (load_all(&s, &b, o, &d) < 0 ||
	    spec_load(&spec, &s, o->content, &d) < 0) {
		if (d.n)
			report(&d);
		goto done;
	}
	n = paper_audit(&s, &b, &spec, man, stdout);
	if (n == 0)
		printf("%s: %zu form%s meet the weight tables, the spec and the "
		    "overlap, family and enemy rules\n", o->manifest,
		    json_array_size(json_object_get(man, "forms")),
		    json_array_size(json_object_get(man, "forms")) == 1 ? "" : "s");
	else
		printf("%s: %d violation%s\n", o->manifest, n, n == 1 ? "" : "s");
	rc = n ? 1 : 0;
done:
	json_decref(man);
	bank_free(&b);
	diag_free(&d);
	standard_free(&s);
	return rc;
}

/* The items of a level's pool, ordered as the bank page: by area. */
static const struct item **
pool_items(const struct standard *s, const struct bank *b, int level,
    size_t *n)
{
	const struct item **v = xcalloc(b->n + 1, sizeof *v);
	const struct weight_table *tables[] = { &s->weights[WEIGHTS_THEORY],
	    &s->weights[WEIGHTS_SKILL] };
	size_t i, r, t;

	*n = 0;
	for (t = 0; t < 2; t++)
		for (r = 0; r < tables[t]->n_rows; r++) {
			if (tables[t]->rows[r].percent[level] <= 0)
				continue;
			for (i = 0; i < b->n; i++) {
				const struct item *it = &b->items[i];

				if (item_is_theory(it) == (t == 0) && it->area &&
				    strcmp(it->area, tables[t]->rows[r].area) == 0 &&
				    item_in_pool(s, it, level))
					v[(*n)++] = it;
			}
		}
	return v;
}

static int
cmd_export(struct options *o)
{
	struct standard s = {0};
	struct bank b = {0};
	struct diag d = {0};
	const struct item **items = NULL;
	size_t n;
	int rc = 1;

	if (load_all(&s, &b, o, &d) < 0)
		goto done;
	if (standard_level(&s, o->level) == NULL) {
		fprintf(stderr, "tiku export: the standard has no level %d\n",
		    o->level);
		rc = 2;
		goto done;
	}
	items = pool_items(&s, &b, o->level, &n);
	if (o->formats == FORMAT_MOODLE) {
		char *xml = export_moodle(&s, items, n, o->level, NULL);
		FILE *f = o->out ? fopen(o->out, "wb") : stdout;

		if (f == NULL) {
			fprintf(stderr, "tiku: %s: %s\n", o->out, strerror(errno));
			rc = 2;
		} else {
			fputs(xml, f);
			rc = (o->out ? fclose(f) : fflush(f)) == 0 ? 0 : 2;
		}
		free(xml);
	} else if (o->formats == FORMAT_XLSX)
		rc = export_xlsx(&s, items, n, o->out ? o->out : "bank.xlsx") < 0 ?
		    2 : 0;
	else
		rc = export_qti(&s, items, n, o->level, NULL, o->out ? o->out :
		    "bank-qti.zip") < 0 ? 2 : 0;
done:
	free((void *)items);
	bank_free(&b);
	diag_free(&d);
	standard_free(&s);
	return rc;
}

static int
cmd_bank(struct options *o)
{
	struct standard s = {0};
	struct bank b = {0};
	struct diag d = {0};
	struct site_config c = { o->templates, o->lua, o->seed };
	int rc = 1;

	if (load_all(&s, &b, o, &d) < 0)
		goto done;
	if (standard_level(&s, o->level) == NULL) {
		fprintf(stderr, "tiku bank: the standard has no level %d\n",
		    o->level);
		rc = 2;
		goto done;
	}
	if (o->formats == FORMAT_JSON && o->out == NULL) {
		json_t *j = bank_json(&s, &b, o->level);
		char *text = dump_string(j);

		puts(text);
		free(text);
		json_decref(j);
		rc = 0;
		goto done;
	}
	rc = site_bank(&s, &b, &c, o->level, o->formats, o->out ? o->out : ".",
	    &d);
	if (rc == 1)
		report(&d);
done:
	bank_free(&b);
	diag_free(&d);
	standard_free(&s);
	return rc;
}

static const struct option lint_opts[] = {
	{ "content", required_argument, NULL, OPT_CONTENT },
	{ "lua", required_argument, NULL, OPT_LUA },
	{ "coverage", no_argument, NULL, OPT_COVERAGE },
	{ "help", no_argument, NULL, OPT_HELP },
	{ NULL, 0, NULL, 0 },
};

static const struct option dump_opts[] = {
	{ "content", required_argument, NULL, OPT_CONTENT },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "help", no_argument, NULL, OPT_HELP },
	{ NULL, 0, NULL, 0 },
};

static const struct option build_opts[] = {
	{ "content", required_argument, NULL, OPT_CONTENT },
	{ "templates", required_argument, NULL, OPT_TEMPLATES },
	{ "lua", required_argument, NULL, OPT_LUA },
	{ "out", required_argument, NULL, OPT_OUT },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "help", no_argument, NULL, OPT_HELP },
	{ NULL, 0, NULL, 0 },
};

static const struct option bank_opts[] = {
	{ "content", required_argument, NULL, OPT_CONTENT },
	{ "templates", required_argument, NULL, OPT_TEMPLATES },
	{ "lua", required_argument, NULL, OPT_LUA },
	{ "level", required_argument, NULL, OPT_LEVEL },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "out", required_argument, NULL, OPT_OUT },
	{ "help", no_argument, NULL, OPT_HELP },
	{ NULL, 0, NULL, 0 },
};

static const struct option paper_opts[] = {
	{ "content", required_argument, NULL, OPT_CONTENT },
	{ "templates", required_argument, NULL, OPT_TEMPLATES },
	{ "lua", required_argument, NULL, OPT_LUA },
	{ "level", required_argument, NULL, OPT_LEVEL },
	{ "kind", required_argument, NULL, OPT_KIND },
	{ "forms", required_argument, NULL, OPT_FORMS },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "max-overlap", required_argument, NULL, OPT_OVERLAP },
	{ "candidates", required_argument, NULL, OPT_CANDIDATES },
	{ "exposure", required_argument, NULL, OPT_EXPOSURE },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "out", required_argument, NULL, OPT_OUT },
	{ "help", no_argument, NULL, OPT_HELP },
	{ NULL, 0, NULL, 0 },
};

static const struct option export_opts[] = {
	{ "content", required_argument, NULL, OPT_CONTENT },
	{ "lua", required_argument, NULL, OPT_LUA },
	{ "level", required_argument, NULL, OPT_LEVEL },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "out", required_argument, NULL, OPT_OUT },
	{ "help", no_argument, NULL, OPT_HELP },
	{ NULL, 0, NULL, 0 },
};

static const struct option audit_opts[] = {
	{ "content", required_argument, NULL, OPT_CONTENT },
	{ "lua", required_argument, NULL, OPT_LUA },
	{ "help", no_argument, NULL, OPT_HELP },
	{ NULL, 0, NULL, 0 },
};

static const struct option syllabus_opts[] = {
	{ "content", required_argument, NULL, OPT_CONTENT },
	{ "templates", required_argument, NULL, OPT_TEMPLATES },
	{ "lua", required_argument, NULL, OPT_LUA },
	{ "level", required_argument, NULL, OPT_LEVEL },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "out", required_argument, NULL, OPT_OUT },
	{ "help", no_argument, NULL, OPT_HELP },
	{ NULL, 0, NULL, 0 },
};

#define CONTENT_HELP \
    "  --content DIR   the content folder (default: ./content)\n"
#define TEMPLATE_HELP \
    "  --templates DIR the page templates (default: ./templates)\n" \
    "  --lua DIR       the Lua modules (default: ./lua)\n"

static const struct command commands[] = {
	{ "lint", "[--content DIR] [--lua DIR] [--coverage]",
	    "Check the standard, the settings, the paper specs and the item bank,\n"
	    "and report every problem as file:line: message. Exits 1 when there\n"
	    "are problems.\n\n" CONTENT_HELP
	    "  --lua DIR       the Lua modules, with the item generators\n"
	    "  --coverage      also report the bank against its minimums (items\n"
	    "                  per knowledge point, tasks per work content, enough\n"
	    "                  items for 3 disjoint theory forms per level); exits 1\n"
	    "                  when one is not met\n",
	    lint_opts, cmd_lint },
	{ "dump", "--json [--content DIR]",
	    "Print the whole standard model as JSON on standard output.\n\n"
	    CONTENT_HELP "  --json          JSON output (the only format)\n",
	    dump_opts, cmd_dump },
	{ "build", "[--content DIR] [--out DIR] [--seed S]",
	    "Write the whole site into DIR. The previous DIR is replaced only\n"
	    "when everything was written.\n\n" CONTENT_HELP
	    TEMPLATE_HELP
	    "  --out DIR       where to write the site (default: site)\n"
	    "  --seed S        seed for the sample papers (default: 1)\n",
	    build_opts, cmd_build },
	{ "syllabus", "--level N [--format html,epub,json] [--out DIR]",
	    "Write the training syllabus of level N: an HTML page (with its\n"
	    "style.css), an ePub and the hours plan as JSON. With --format json\n"
	    "and no --out, the plan goes to standard output.\n\n"
	    CONTENT_HELP TEMPLATE_HELP
	    "  --level N       the level (5 = lowest … 1 = highest)\n"
	    "  --format LIST   html, epub, json, comma-separated (default: all)\n"
	    "  --out DIR       where to write (default: the current directory)\n",
	    syllabus_opts, cmd_syllabus },
	{ "bank", "--level N [--format html,epub,json] [--out DIR]",
	    "Write the item bank of level N: every item the level may draw, by\n"
	    "area, as an HTML page (with its style.css), an ePub and JSON. With\n"
	    "--format json and no --out, the JSON goes to standard output.\n\n"
	    CONTENT_HELP TEMPLATE_HELP
	    "  --level N       the level (5 = lowest … 1 = highest)\n"
	    "  --format LIST   html, epub, json, comma-separated (default: all)\n"
	    "  --out DIR       where to write (default: the current directory)\n",
	    bank_opts, cmd_bank },
	{ "paper", "--level N --kind theory|skill|review [--forms K] [--seed S]\n"
	    "       [--max-overlap P] [--candidates N [--exposure E]]\n"
	    "       [--format html,epub,json,docx,moodle,qti,pdf] [--out DIR]",
	    "Draw K parallel paper forms of level N from the bank: points per area\n"
	    "equal the weight tables, item counts equal content/papers.md, and\n"
	    "the same content, seed and options give the same bytes. Writes each\n"
	    "form and its key as HTML, the set as one ePub, and the manifest;\n"
	    "on request each form and key as Word, each form as a Moodle XML\n"
	    "quiz, the set as one QTI 3.0 package, and each form, key and\n"
	    "(theory) answer sheet or (skill, review) exam document set as PDF\n"
	    "in the national exam layout.\n"
	    "With --format json and no --out, the manifest goes to standard\n"
	    "output. When the bank cannot meet the request, nothing is written.\n\n"
	    CONTENT_HELP TEMPLATE_HELP
	    "  --level N         the level (5 = lowest … 1 = highest)\n"
	    "  --kind KIND       theory, skill or review (levels 2 and 1)\n"
	    "  --forms K         parallel forms, assembled together (default 1)\n"
	    "  --seed S          the seed (default 1)\n"
	    "  --max-overlap P   share of a form's items that may also be on\n"
	    "                    other forms, 0-1 (default 0: none)\n"
	    "  --candidates N    N per-candidate papers by the stratified sampler\n"
	    "  --exposure E      with --candidates: no item on more than this\n"
	    "                    share of the papers (default 0.35)\n"
	    "  --format LIST     html, epub, json, docx, moodle, qti, pdf\n"
	    "                    (default: html,epub,json)\n"
	    "  --out DIR         where to write (default: the current directory)\n",
	    paper_opts, cmd_paper },
	{ "export", "--level N --format moodle|qti|xlsx [--out FILE]",
	    "Export level N's bank for other systems: Moodle XML (categories level\n"
	    "▸ area ▸ work content; standard output without --out), an IMS QTI\n"
	    "3.0 content package (default bank-qti.zip) or an Excel sheet in the\n"
	    "columns of Chinese exam platforms' bulk import (default bank.xlsx).\n\n"
	    CONTENT_HELP
	    "  --level N       the level (5 = lowest … 1 = highest)\n"
	    "  --format F      moodle, qti or xlsx\n"
	    "  --out FILE      where to write\n",
	    export_opts, cmd_export },
	{ "audit", "MANIFEST [--content DIR]",
	    "Re-check a paper manifest against the content: points per area equal\n"
	    "the weight table, type counts equal the spec, overlap, family and\n"
	    "enemy rules hold, the content is unchanged. Exits 1 with the\n"
	    "violations otherwise.\n\n" CONTENT_HELP,
	    audit_opts, cmd_audit },
};

static void
command_usage(const struct command *c, FILE *f)
{
	fprintf(f, "usage: tiku %s %s\n\n%s", c->name, c->args, c->help);
}

/* The formats each command writes. */
static unsigned
allowed_formats(const struct command *c)
{
	if (c->run == cmd_export)
		return FORMAT_MOODLE | FORMAT_QTI | FORMAT_XLSX;
	if (c->run == cmd_paper)
		return FORMAT_HTML | FORMAT_EPUB | FORMAT_JSON | FORMAT_DOCX |
		    FORMAT_MOODLE | FORMAT_QTI | FORMAT_PDF;
	return FORMAT_HTML | FORMAT_EPUB | FORMAT_JSON;
}

static const char *
formats_of(const struct command *c)
{
	if (c->run == cmd_export)
		return "one of moodle, qti, xlsx";
	if (c->run == cmd_paper)
		return "html, epub, json, docx, moodle, qti, pdf (comma-separated)";
	return "html, epub, json (comma-separated)";
}

static int
parse_formats(const char *arg, unsigned *formats)
{
	char *copy = xstrdup(arg), *tok, *save = NULL;
	int rc = 0;

	*formats = 0;
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",",
	    &save)) {
		if (strcmp(tok, "html") == 0)
			*formats |= FORMAT_HTML;
		else if (strcmp(tok, "epub") == 0)
			*formats |= FORMAT_EPUB;
		else if (strcmp(tok, "json") == 0)
			*formats |= FORMAT_JSON;
		else if (strcmp(tok, "moodle") == 0)
			*formats |= FORMAT_MOODLE;
		else if (strcmp(tok, "xlsx") == 0)
			*formats |= FORMAT_XLSX;
		else if (strcmp(tok, "qti") == 0)
			*formats |= FORMAT_QTI;
		else if (strcmp(tok, "docx") == 0)
			*formats |= FORMAT_DOCX;
		else if (strcmp(tok, "pdf") == 0)
			*formats |= FORMAT_PDF;
		else
			rc = -1;
	}
	free(copy);
	return rc < 0 || *formats == 0 ? -1 : 0;
}

static int
parse_seed(const char *arg, unsigned long *seed)
{
	char *end;

	if (*arg == '\0' || *arg == '-')
		return -1;
	*seed = strtoul(arg, &end, 10);
	return *end == '\0' ? 0 : -1;
}

static int
run_command(const struct command *c, int argc, char **argv)
{
	struct options o;
	int ch;

	memset(&o, 0, sizeof o);
	o.seed = 1;
	o.paper.forms = 1;
	o.paper.exposure = 0.35;
	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":", c->opts, NULL)) != -1) {
		switch (ch) {
		case OPT_CONTENT:
			o.content = optarg;
			break;
		case OPT_OUT:
			o.out = optarg;
			break;
		case OPT_SEED:
			if (parse_seed(optarg, &o.seed) < 0) {
				fprintf(stderr, "tiku %s: --seed takes a whole "
				    "number, not '%s'\n", c->name, optarg);
				return 2;
			}
			break;
		case OPT_JSON:
			o.json = 1;
			break;
		case OPT_COVERAGE:
			o.coverage = 1;
			break;
		case OPT_KIND:
			if (strcmp(optarg, "theory") == 0)
				o.paper.kind = PAPER_THEORY;
			else if (strcmp(optarg, "skill") == 0)
				o.paper.kind = PAPER_SKILL;
			else if (strcmp(optarg, "review") == 0)
				o.paper.kind = PAPER_REVIEW;
			else {
				fprintf(stderr, "tiku %s: --kind is theory, skill or "
				    "review, not '%s'\n", c->name, optarg);
				return 2;
			}
			break;
		case OPT_FORMS:
		case OPT_CANDIDATES: {
			char *end;
			long v = strtol(optarg, &end, 10);

			if (*end || v < 1 || v > (ch == OPT_FORMS ? 26 : 1000000)) {
				fprintf(stderr, "tiku %s: %s takes a whole number 1-%d, "
				    "not '%s'\n", c->name, ch == OPT_FORMS ? "--forms" :
				    "--candidates", ch == OPT_FORMS ? 26 : 1000000,
				    optarg);
				return 2;
			}
			if (ch == OPT_FORMS)
				o.paper.forms = (int)v;
			else
				o.paper.candidates = (int)v;
			break;
		}
		case OPT_OVERLAP:
		case OPT_EXPOSURE: {
			char *end;
			double v = strtod(optarg, &end);

			if (*end || !(v >= 0 && v <= 1)) {
				fprintf(stderr, "tiku %s: %s takes a share 0-1, not "
				    "'%s'\n", c->name, ch == OPT_OVERLAP ?
				    "--max-overlap" : "--exposure", optarg);
				return 2;
			}
			if (ch == OPT_OVERLAP)
				o.paper.max_overlap = v;
			else
				o.paper.exposure = v;
			break;
		}
		case OPT_TEMPLATES:
			o.templates = optarg;
			break;
		case OPT_LUA:
			o.lua = optarg;
			break;
		case OPT_LEVEL: {
			char *end;

			o.level = (int)strtol(optarg, &end, 10);
			if (*end || o.level < 1 || o.level > LEVEL_MAX) {
				fprintf(stderr, "tiku %s: --level takes a level "
				    "number 1-%d, not '%s'\n", c->name, LEVEL_MAX,
				    optarg);
				return 2;
			}
			break;
		}
		case OPT_FORMAT:
			if (parse_formats(optarg, &o.formats) < 0) {
				fprintf(stderr, "tiku %s: --format takes %s, not "
				    "'%s'\n", c->name, formats_of(c), optarg);
				return 2;
			}
			break;
		case OPT_HELP:
			command_usage(c, stdout);
			return 0;
		case ':':
			fprintf(stderr, "tiku %s: option '%s' needs a value\n",
			    c->name, argv[optind - 1]);
			return 2;
		default:
			fprintf(stderr, "tiku %s: unknown option '%s'\n"
			    "Run 'tiku %s --help' for the options.\n", c->name,
			    argv[optind - 1], c->name);
			return 2;
		}
	}
	if (c->run == cmd_audit && optind == argc - 1)
		o.manifest = argv[optind++];
	else if (c->run == cmd_audit) {
		fprintf(stderr, "tiku audit: name one manifest file\n");
		return 2;
	}
	if (optind < argc) {
		fprintf(stderr, "tiku %s: unexpected argument '%s'\n"
		    "Run 'tiku %s --help' for the options.\n", c->name,
		    argv[optind], c->name);
		return 2;
	}
	if (c->run == cmd_dump && !o.json) {
		fprintf(stderr, "tiku dump: say --json (the only format)\n");
		return 2;
	}
	if ((c->run == cmd_syllabus || c->run == cmd_bank ||
	    c->run == cmd_paper || c->run == cmd_export) && o.level == 0) {
		fprintf(stderr, "tiku %s: say which level: --level N\n", c->name);
		return 2;
	}
	if (c->run == cmd_export && o.formats != FORMAT_MOODLE &&
	    o.formats != FORMAT_QTI && o.formats != FORMAT_XLSX) {
		fprintf(stderr, "tiku export: say one format: --format moodle, qti "
		    "or xlsx\n");
		return 2;
	}
	if (o.formats & ~allowed_formats(c)) {
		fprintf(stderr, "tiku %s: --format takes %s\n", c->name,
		    formats_of(c));
		return 2;
	}
	if (o.formats == 0)
		o.formats = FORMAT_HTML | FORMAT_EPUB | FORMAT_JSON;
	if (o.content == NULL)
		o.content = default_dir("content", "/standard");
	if (o.templates == NULL)
		o.templates = default_dir("templates", "");
	if (o.lua == NULL)
		o.lua = default_dir("lua", "");
	if (o.out == NULL && c->run == cmd_build)
		o.out = "site";
	return c->run(&o);
}

int
main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		fputs(usage_text, stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(usage_text, stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("tiku %s\n", TIKU_VERSION);
		return 0;
	}
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return run_command(&commands[i], argc - 1, argv + 1);
	fprintf(stderr, "tiku: unknown command '%s'\n"
	    "Run 'tiku --help' for the commands.\n", argv[1]);
	return 2;
}
