/*
 * main: the command line. Each command loads the content, reports every
 * content error as "file:line: message" (exit 1), and otherwise does its
 * work. Usage errors and failed writes exit 2.
 */
#include "bank/bank.h"
#include "bank/quality.h"
#include "core/confine.h"
#include "plan/blueprint.h"
#include "plan/coverage.h"
#include "core/diag.h"
#include "read/import.h"
#include "write/export.h"
#include "bank/generate.h"
#include "bank/itemstats.h"
#include "script/render.h"
#include "core/dump.h"
#include "core/model.h"
#include "core/outdir.h"
#include "plan/paper.h"
#include "write/site.h"
#include "write/todo.h"
#include "write/coursedocs.h"
#include "plan/course.h"
#include "write/fontcut.h"
#include "write/typeset.h"
#include "plan/syllabus.h"
#include "analyse/analyse.h"
#include "analyse/anreport.h"
#include "analyse/score.h"
#include "core/util.h"

#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <libgen.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TIKU_VERSION "0.1.0"

enum { COURSE_SKIP_MAX = 366 };  /* a year of holidays at most */

/* --level all (tiku course): every level of the standard. */
enum { LEVEL_ALL = -1 };

struct options {
	const char *content;
	const char *templates;
	const char *lua;
	const char *out;
	unsigned long seed;
	int json;
	int level;
	unsigned formats;
	int coverage, todo;
	int quality;
	struct paper_request paper;
	int kind_given;
	const char *manifest;   /* audit: the manifest; import: the standard;
	                         * init: the folder */
	struct score_options score;
	char **scored;          /* analyse: the scored folders */
	size_t n_scored;
	int save;
	struct course_options course;   /* course: the calendar */
	long skip[COURSE_SKIP_MAX];     /* course: --skip */
	int start_given;
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
    "  import   a standard's published text into a content folder\n"
    "  init     a new, empty occupation's content folder\n"
    "  score    score a sitting's responses against its manifest\n"
    "  analyse  item and form statistics of scored sittings\n"
    "  course   a level's course: units, dated sessions, quizzes (教学进度表)\n"
    "\n"
    "Run 'tiku COMMAND --help' for a command's options.\n"
    "  --help       show this help\n"
    "  --version    show the version\n";

/*
 * A data folder given no option: ./NAME when it holds probe, else the one
 * that came with the binary, installed (BIN/../share/tiku/NAME) or in the
 * repository it was built in (gen/tiku: ../NAME), so that commands work
 * wherever they are run from. NULL when none holds probe.
 */
static const char *
default_dir(const char *name, const char *probe)
{
	static const char *const beside[] = { "../share/tiku/", "../" };
	static char found[3][PATH_MAX];
	static int used;
	char exe[PATH_MAX], here[PATH_MAX + 64], *bindir;
	struct stat st;
	ssize_t n;
	size_t i;

	snprintf(here, sizeof here, "%s%s", name, probe);
	if (stat(here, &st) == 0)
		return name;
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0 || used == 3)
		return NULL;
	exe[n] = '\0';
	bindir = dirname(exe);
	for (i = 0; i < sizeof beside / sizeof beside[0]; i++) {
		char *slot = found[used];

		snprintf(slot, PATH_MAX, "%s/%s%s", bindir, beside[i], name);
		snprintf(here, sizeof here, "%s%s", slot, probe);
		if (stat(here, &st) == 0) {
			used++;
			return slot;
		}
	}
	return NULL;
}

static void
report(struct diag *d)
{
	size_t n = diag_print(d, stderr);

	fprintf(stderr, "tiku: %zu problem%s found; nothing was written\n", n,
	    n == 1 ? "" : "s");
}

/*
 * Text to standard output, a newline after it if asked. A failed write (a
 * full disk, a closed pipe) is an error: exit status 2, not a short file.
 */
static int
put_stdout(const char *text, int newline)
{
	if (fputs(text, stdout) == EOF || (newline && putchar('\n') == EOF) ||
	    fflush(stdout) == EOF) {
		fprintf(stderr, "tiku: standard output: %s\n", strerror(errno));
		return 2;
	}
	return 0;
}

enum { OPT_CONTENT = 1, OPT_OUT, OPT_SEED, OPT_JSON, OPT_HELP, OPT_TEMPLATES,
    OPT_LUA, OPT_LEVEL, OPT_FORMAT, OPT_COVERAGE, OPT_KIND, OPT_FORMS,
    OPT_OVERLAP, OPT_CANDIDATES, OPT_EXPOSURE, OPT_QUALITY, OPT_TODO,
    OPT_FORM, OPT_THRESHOLD, OPT_SAVE, OPT_USE_FLAGGED, OPT_COVER_CORE, OPT_START,
    OPT_SESSION_HOURS, OPT_DAYS, OPT_SKIP };

struct command {
	const char *name;
	const char *args;       /* its usage line after the name */
	const char *help;       /* its options, one per line */
	const struct option *opts;
	int (*run)(struct options *);
};

/*
 * The generators run on a thread of their own while the items are read:
 * the two take a third and a half of loading the content, need only the
 * model, and so take one core each. The thread reads the standard through
 * a copy of its struct whose arena is its own, adopted when it is done;
 * its items and problems follow the authored ones as if made after them.
 */
struct generation {
	struct standard view;
	struct bank items;
	struct render *r;
	const char *content;
	struct diag d;
};

static void *
generate_items(void *p)
{
	struct generation *g = p;

	bank_generate(&g->items, &g->view, g->r, g->content, &g->d);
	return NULL;
}

/* Load the standard and the bank, generated items included. */
static void
load_bank(struct standard *s, struct bank *b, const struct options *o,
    struct diag *d)
{
	static const struct render_limits gen_limits = { 256u << 20, 500000 };
	struct generation g;
	pthread_t thread;
	int threaded = 0;
	size_t i;

	memset(&g, 0, sizeof g);
	g.view = *s;
	g.view.arena.head = NULL;
	g.content = o->content;
	if ((g.r = render_new(o->templates, o->lua, &gen_limits, d)) != NULL)
		threaded = pthread_create(&thread, NULL, generate_items, &g) == 0;
	bank_load(b, s, o->content, d);
	if (threaded)
		pthread_join(thread, NULL);
	else if (g.r != NULL)
		generate_items(&g);
	if (g.r != NULL)
		render_free(g.r);
	arena_adopt(&s->arena, &g.view.arena);
	for (i = 0; i < g.items.n; i++)
		*ARENA_PUSH(&s->arena, b->items, b->n, b->cap) = g.items.items[i];
	diag_adopt(d, &g.d);
	bank_resolve(b, s, d);
	itemstats_load(b, &s->arena, o->content, d);
}

/*
 * The inputs stay in their directories: no link out, no FIFO or device,
 * no huge file. Checked before anything is read. Returns 0 or -1 (in d).
 */
static int
inputs_confined(const struct options *o, struct diag *d)
{
	int rc = content_confined(o->content, "content", d);

	if (content_confined(o->templates, "templates", d) < 0)
		rc = -1;
	if (content_confined(o->lua, "Lua modules", d) < 0)
		rc = -1;
	return rc;
}

/*
 * Read the standard and its settings, and the bank when b is given, as
 * far as they can be read: the bank is checked even when the standard has
 * errors, so one run lists every problem. Problems gather in d. Returns 0
 * when the standard could be parsed, else -1.
 */
static int
read_all(struct standard *s, struct bank *b, const struct options *o,
    struct diag *d)
{
	if (inputs_confined(o, d) < 0 || standard_load(s, o->content, d) < 0)
		return -1;
	standard_check(s, d);
	settings_load(s, o->content, d);
	if (b != NULL)
		load_bank(s, b, o, d);
	return 0;
}

/* Read the standard (and the bank); prints problems. Returns 0 or -1. */
static int
load_all(struct standard *s, struct bank *b, const struct options *o,
    struct diag *d)
{
	read_all(s, b, o, d);
	if (d->n > 0) {
		report(d);
		return -1;
	}
	return 0;
}

/* lint --coverage --todo: the stubs, and where they went. */
static void
write_todo(const struct standard *s, const struct bank *b,
    const char *content, int *rc)
{
	int n = todo_write(s, b, content);

	if (n < 0)
		*rc = 2;
	else
		fprintf(stderr, "tiku lint: %d stub file%s in %s/todo: fill them in, "
		    "then move them into %s/items\n", n, n == 1 ? "" : "s",
		    content, content);
}

static int
load(struct standard *s, const struct options *o, struct diag *d)
{
	return load_all(s, NULL, o, d);
}

/*
 * The settings' course_hours and course_method against every level's
 * units: what tiku course and tiku build would refuse, each problem
 * once though several levels find it.
 */
static void
lint_courses(const struct standard *s, const struct bank *b, struct diag *d)
{
	size_t i, j, k;

	for (i = 0; i < s->n_levels; i++) {
		struct course_options opt = { s->levels[i].number,
		    course_parse_date(s->modified), 4, 0x1f, NULL, 0 };
		struct diag one = {0};
		struct course c;

		if (course_make(s, b, &opt, &c, &one) == 0)
			course_free(&c);
		for (j = 0; j < one.n; j++) {
			const struct diag_entry *e = &one.entries[j];

			for (k = 0; k < d->n; k++)
				if (d->entries[k].line == e->line &&
				    strcmp(d->entries[k].file, e->file) == 0 &&
				    strcmp(d->entries[k].message, e->message) == 0)
					break;
			if (k == d->n)
				diag_add(d, e->file, e->line, "%s", e->message);
		}
		diag_free(&one);
	}
}

static int
cmd_lint(struct options *o)
{
	struct standard s = {0};
	struct bank b = {0};
	struct diag d = {0};
	int rc = 1;

	struct paper_spec spec = {0};

	/* every problem in one run: the items even when the standard has
	 * errors, the paper specs too */
	if (read_all(&s, &b, o, &d) == 0)
		spec_load(&spec, &s, o->content, &d);
	if (d.n == 0)
		lint_courses(&s, &b, &d);
	if (d.n)
		report(&d);
	else {          /* --coverage and --quality together: both reports */
		rc = 0;
		if (o->coverage) {
			rc = coverage_report(&s, &b, &spec, stdout) ? 1 : 0;
			if (o->todo)
				write_todo(&s, &b, o->content, &rc);
		}
		if (o->quality && quality_check(&s, &b, stdout) != 0)
			rc = 1;
	}
	if (rc == 0)
		fprintf(stderr, "tiku: %s: no problems found (%zu items)\n",
		    o->content, b.n);
	spec_free(&spec);
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

	if (load(&s, o, &d) == 0) {
		json_t *j = dump_standard(&s);
		char *text = dump_string(j);

		rc = put_stdout(text, 1);
		free(text);
		json_decref(j);
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

	if (load(&s, o, &d) < 0)
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
		rc = put_stdout(text, 1);
		free(text);
		json_decref(j);
		plan_free(&p);
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

/*
 * Before the content is loaded (the cut reads the fonts while the process
 * is small) and before anything starts a thread: the faces cut to the
 * characters of the content, the templates and the Lua modules.
 */
static void
prepare_fonts(const struct options *o)
{
	const char *const dirs[] = { o->content, o->templates, o->lua, NULL };

	fontcut_prepare(dirs);
}

static int
cmd_build(struct options *o)
{
	struct standard s = {0};
	struct bank b = {0};
	struct diag d = {0};
	struct site_config c = { o->templates, o->lua, o->seed };
	int rc = 1;

	struct paper_spec spec = {0};

	prepare_fonts(o);
	/* load_all reports its own problems: each is printed once */
	if (load_all(&s, &b, o, &d) < 0)
		;
	else if (spec_load(&spec, &s, o->content, &d) < 0)
		report(&d);
	else {
		rc = site_build(&s, &b, &spec, &c, o->out, &d);
		if (rc == 1)
			report(&d);
		else if (rc == 0)
			fprintf(stderr, "tiku: wrote %s\n", o->out);
	}
	spec_free(&spec);
	bank_free(&b);
	diag_free(&d);
	standard_free(&s);
	return rc;
}

/* --kind review on a level the standard gives no 综合评审. */
static void
no_review(const struct standard *s, int level)
{
	struct buf with = {0};
	size_t i;

	for (i = 0; i < s->n_levels; i++)
		if (s->levels[i].has_review)
			buf_printf(&with, "%s%d", with.data ? ", " : "",
			    s->levels[i].number);
	fprintf(stderr, "tiku paper: level %d (%s) has no comprehensive review "
	    "(综合评审)%s%s\n", level, standard_level(s, level)->name,
	    with.data ? "; levels with one: " : "; no level of this standard "
	    "has one", with.data ? with.data : "");
	buf_free(&with);
}

static int
cmd_paper(struct options *o)
{
	struct standard s = {0};
	struct bank b = {0};
	struct diag d = {0};
	struct site_config c = { o->templates, o->lua, o->seed };
	struct paper_spec spec = {0};
	struct paper_set set;
	struct buf why = {0};
	int rc = 1;

	if (o->formats & FORMAT_PDF)
		prepare_fonts(o);
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
	if (o->paper.kind == PAPER_REVIEW &&
	    !standard_level(&s, o->level)->has_review) {
		no_review(&s, o->level);
		rc = 2;
		goto done;
	}
	if (o->paper.cover_core && o->paper.kind != PAPER_THEORY) {
		fprintf(stderr, "tiku paper: --cover-core applies to theory papers "
		    "(the X marks are on knowledge points); drop it or use --kind "
		    "theory\n");
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
	    "solved in %.2f s (%s)\n", o->level,
	    paper_kind_name(o->paper.kind), set.n_forms,
	    set.n_forms == 1 ? "" : "s", (unsigned long long)o->seed,
	    set.solve_seconds, set.solver);
	if (o->formats == FORMAT_JSON && o->out == NULL) {
		int w = paper_manifest_write(&s, &b, &spec, &set, stdout);

		rc = put_stdout("", 1) || w < 0 ? 2 : 0;
	} else {
		rc = site_papers(&s, &b, &spec, &c, &set, o->formats,
		    o->out ? o->out : ".", &d);
		if (rc == 1)
			report(&d);
	}
	paper_set_free(&set);
done:
	spec_free(&spec);
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
	struct paper_spec spec = {0};
	json_error_t err;
	json_t *man;
	int rc = 1, n;

	if ((man = json_load_file(o->manifest, 0, &err)) == NULL) {
		fprintf(stderr, "%s:%d: not a JSON manifest: %s\n", o->manifest,
		    err.line, err.text);
		return 2;
	}
	if (load_all(&s, &b, o, &d) < 0)
		goto done;
	if (spec_load(&spec, &s, o->content, &d) < 0) {
		report(&d);
		goto done;
	}
	n = paper_audit(&s, &b, &spec, man, stdout);
	if (n == 0)
		printf("%s: %zu form%s meet the weight tables, the spec and the "
		    "overlap, family and enemy rules%s\n", o->manifest,
		    json_array_size(json_object_get(man, "forms")),
		    json_array_size(json_object_get(man, "forms")) == 1 ? "" : "s",
		    json_is_true(json_object_get(json_object_get(man, "options"),
		    "cover_core")) ? ", every X point on every form" : "");
	else
		printf("%s: %d violation%s\n", o->manifest, n, n == 1 ? "" : "s");
	rc = put_stdout("", 0) ? 2 : n ? 1 : 0;
done:
	json_decref(man);
	spec_free(&spec);
	bank_free(&b);
	diag_free(&d);
	standard_free(&s);
	return rc;
}

static int
cmd_score(struct options *o)
{
	struct standard s = {0};
	struct bank b = {0};
	struct diag d = {0};
	int rc = 1;

	if (load_all(&s, &b, o, &d) == 0) {
		o->score.out = o->out != NULL ? o->out : "scored";
		switch (score_run(&b, &o->score, &d)) {
		case 0:
			fprintf(stderr, "tiku score: wrote %s\n", o->score.out);
			rc = 0;
			break;
		case -1:
			report(&d);
			break;
		default:
			rc = 2;
		}
	}
	bank_free(&b);
	diag_free(&d);
	standard_free(&s);
	return rc;
}

static int
cmd_analyse(struct options *o)
{
	struct analysis a;
	struct diag d = {0};
	struct outdir out = {0};
	const char *dir = o->out != NULL ? o->out : "analysis";
	int rc = 1;

	if (analysis_run(&a, o->scored, o->n_scored, &d) < 0)
		report(&d);
	else if (outdir_open(&out, dir) < 0 || anreport_write(&a, &out) < 0 ||
	    outdir_commit(&out) < 0 || (o->save &&
	    anreport_save(&a, o->content) < 0))
		rc = 2;
	else {
		fprintf(stderr, "tiku analyse: %zu candidates, %zu items: wrote %s\n",
		    a.candidates, a.n_items, dir);
		rc = 0;
	}
	outdir_abort(&out);
	analysis_free(&a);
	diag_free(&d);
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

		if (o->out)
			rc = outdir_put_file(o->out, xml, strlen(xml)) < 0 ? 2 : 0;
		else
			rc = put_stdout(xml, 0);
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
	struct paper_spec spec = {0};
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

		rc = put_stdout(text, 1);
		free(text);
		json_decref(j);
		goto done;
	}
	if (spec_load(&spec, &s, o->content, &d) < 0) {
		report(&d);
		goto done;
	}
	rc = site_bank(&s, &b, &spec, &c, o->level, o->formats,
	    o->out ? o->out : ".", &d);
	if (rc == 1)
		report(&d);
done:
	spec_free(&spec);
	bank_free(&b);
	diag_free(&d);
	standard_free(&s);
	return rc;
}

static int
cmd_import(struct options *o)
{
	struct diag unclear = {0}, d = {0};
	struct stat st;
	const char *out = o->out ? o->out : "content";
	int rc;

	if (o->out == NULL && stat(out, &st) == 0) {
		fprintf(stderr, "tiku import: ./content exists; name the folder to "
		    "write with --out DIR\n");
		return 2;
	}
	rc = import_standard(o->manifest, out, &unclear, &d);
	if (rc == 1)
		report(&d);
	else if (rc == 0) {
		size_t n = diag_print(&unclear, stderr);

		fprintf(stderr, "tiku import: wrote %s", out);
		if (n)
			fprintf(stderr, "; %zu place%s to settle by hand (above)", n,
			    n == 1 ? "" : "s");
		fputc('\n', stderr);
	}
	diag_free(&unclear);
	diag_free(&d);
	return rc;
}

static int
cmd_init(struct options *o)
{
	struct diag d = {0};
	struct stat st;
	int rc;

	if (stat(o->manifest, &st) == 0) {
		fprintf(stderr, "tiku init: %s exists; name a new folder\n",
		    o->manifest);
		return 2;
	}
	if ((rc = import_init(o->manifest, &d)) == 1)
		report(&d);
	else if (rc == 0)
		fprintf(stderr, "tiku init: wrote %s: replace the placeholders in "
		    "（） and lint it\n", o->manifest);
	diag_free(&d);
	return rc;
}

/*
 * The skip dates must each take a teaching day of the course: one on a
 * day off, before the start or after the end skips nothing, which is a
 * typo more often than not. Returns 0, or -1 with the reasons printed.
 */
/*
 * Every --skip date a teaching day within the course; with --level all,
 * within the longest of the levels' courses (a shorter one has ended).
 */
static int
skips_used(const struct course *cs, size_t n)
{
	const struct course *c = &cs[0];
	long last = 0;
	size_t i;
	int rc = 0;

	for (i = 0; i < n; i++)
		if (cs[i].n_sessions &&
		    cs[i].sessions[cs[i].n_sessions - 1].date > last)
			last = cs[i].sessions[cs[i].n_sessions - 1].date;
	for (i = 0; i < c->opt.n_skip; i++) {
		long day = c->opt.skip[i];
		char date[11], edge[11];

		course_format_date(day, date);
		if (!(c->opt.days & (1u << course_weekday(day)))) {
			fprintf(stderr, "tiku course: --skip %s is not a teaching day "
			    "(--days): drop it or add its weekday\n", date);
			rc = -1;
		} else if (day < c->opt.start || day > last) {
			course_format_date(day < c->opt.start ? c->opt.start : last,
			    edge);
			fprintf(stderr, "tiku course: --skip %s is %s the course "
			    "(%s %s): drop it\n", date, day < c->opt.start ?
			    "before" : "after", day < c->opt.start ? "it starts" :
			    "its last session is", edge);
			rc = -1;
		}
	}
	return rc;
}

/* Say what was written: a quiet success left teachers wondering. */
static void
course_wrote(const struct standard *s, const struct course *c,
    const char *out)
{
	char first[11] = "", last[11] = "";

	if (c->n_sessions) {
		course_format_date(c->sessions[0].date, first);
		course_format_date(c->sessions[c->n_sessions - 1].date, last);
	}
	fprintf(stderr, "tiku course: level %d (%s): %zu sessions, %s to %s; "
	    "wrote %s/*-L%d.*\n", c->plan.level,
	    standard_level(s, c->plan.level)->name, c->n_sessions, first, last,
	    out, c->plan.level);
}

/* The levels --level names: one, or every level of the standard (all). */
static size_t
course_levels(const struct standard *s, int level, int *out)
{
	size_t i;

	if (level != LEVEL_ALL) {
		out[0] = level;
		return 1;
	}
	for (i = 0; i < s->n_levels; i++)
		out[i] = s->levels[i].number;
	return s->n_levels;
}

static int
cmd_course(struct options *o)
{
	struct standard s = {0};
	struct bank b = {0};
	struct diag d = {0};
	struct site_config cfg = { o->templates, o->lua, o->seed };
	struct course cs[LEVEL_MAX];
	int levels[LEVEL_MAX], rc = 1;
	size_t n = 0, i, planned = 0;

	if (o->formats & FORMAT_PDF)
		prepare_fonts(o);
	if (load_all(&s, &b, o, &d) < 0)
		goto done;
	if (o->level != LEVEL_ALL && standard_level(&s, o->level) == NULL) {
		fprintf(stderr, "tiku course: the standard has no level %d; give "
		    "one of", o->level);
		for (i = 0; i < s.n_levels; i++)
			fprintf(stderr, " %d", s.levels[i].number);
		fputs(" or all\n", stderr);
		rc = 2;
		goto done;
	}
	if (!o->start_given)
		o->course.start = course_parse_date(s.modified);
	/* plan every level before writing any: a bad setting writes nothing */
	n = course_levels(&s, o->level, levels);
	for (planned = 0; planned < n; planned++) {
		o->course.level = levels[planned];
		if (course_make(&s, &b, &o->course, &cs[planned], &d) < 0) {
			report(&d);
			goto free_courses;
		}
	}
	if (skips_used(cs, n) < 0)
		rc = 2;
	else if (o->formats == FORMAT_JSON && o->out == NULL) {
		json_t *j = course_json(&s, &cs[0]);
		char *text = dump_string(j);

		rc = put_stdout(text, 1);
		free(text);
		json_decref(j);
	} else
		for (i = 0, rc = 0; i < n && rc == 0; i++) {
			rc = coursedocs_write(&s, &b, &cs[i], o->formats, &cfg,
			    o->out ? o->out : ".", &d);
			if (rc == 0)
				course_wrote(&s, &cs[i], o->out ? o->out : ".");
		}
	if (rc == 1)
		report(&d);
free_courses:
	for (i = 0; i < planned; i++)
		course_free(&cs[i]);
done:
	bank_free(&b);
	diag_free(&d);
	standard_free(&s);
	return rc;
}

static const struct option course_opts[] = {
	{ "content", required_argument, NULL, OPT_CONTENT },
	{ "templates", required_argument, NULL, OPT_TEMPLATES },
	{ "lua", required_argument, NULL, OPT_LUA },
	{ "level", required_argument, NULL, OPT_LEVEL },
	{ "start", required_argument, NULL, OPT_START },
	{ "session-hours", required_argument, NULL, OPT_SESSION_HOURS },
	{ "days", required_argument, NULL, OPT_DAYS },
	{ "skip", required_argument, NULL, OPT_SKIP },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "out", required_argument, NULL, OPT_OUT },
	{ "help", no_argument, NULL, OPT_HELP },
	{ NULL, 0, NULL, 0 },
};

static const struct option init_opts[] = {
	{ "help", no_argument, NULL, OPT_HELP },
	{ NULL, 0, NULL, 0 },
};

static const struct option import_opts[] = {
	{ "out", required_argument, NULL, OPT_OUT },
	{ "help", no_argument, NULL, OPT_HELP },
	{ NULL, 0, NULL, 0 },
};

static const struct option lint_opts[] = {
	{ "content", required_argument, NULL, OPT_CONTENT },
	{ "lua", required_argument, NULL, OPT_LUA },
	{ "coverage", no_argument, NULL, OPT_COVERAGE },
	{ "quality", no_argument, NULL, OPT_QUALITY },
	{ "todo", no_argument, NULL, OPT_TODO },
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
	{ "use-flagged", no_argument, NULL, OPT_USE_FLAGGED },
	{ "cover-core", no_argument, NULL, OPT_COVER_CORE },
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

static const struct option score_opts[] = {
	{ "content", required_argument, NULL, OPT_CONTENT },
	{ "lua", required_argument, NULL, OPT_LUA },
	{ "out", required_argument, NULL, OPT_OUT },
	{ "form", required_argument, NULL, OPT_FORM },
	{ "threshold", required_argument, NULL, OPT_THRESHOLD },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "help", no_argument, NULL, OPT_HELP },
	{ NULL, 0, NULL, 0 },
};

static const struct option analyse_opts[] = {
	{ "content", required_argument, NULL, OPT_CONTENT },
	{ "out", required_argument, NULL, OPT_OUT },
	{ "save", no_argument, NULL, OPT_SAVE },
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
#define LUA_HELP \
    "  --lua DIR       the Lua modules (default: ./lua, else the installed\n" \
    "                  or built-in ones)\n"
#define TEMPLATE_HELP \
    "  --templates DIR the page templates (default: ./templates, else the\n" \
    "                  installed or built-in ones)\n" LUA_HELP

static const struct command commands[] = {
	{ "lint", "[--content DIR] [--lua DIR] [--coverage [--todo] | --quality]",
	    "Check the standard, the settings, the paper specs and the item bank,\n"
	    "and report every problem as file:line: message. Exits 1 when there\n"
	    "are problems.\n\n" CONTENT_HELP
	    "  --lua DIR       the Lua modules, with the item generators\n"
	    "  --coverage      also report the bank against its minimums (items\n"
	    "                  per knowledge point, tasks per work content, enough\n"
	    "                  items for 3 disjoint theory forms per level); exits 1\n"
	    "                  when one is not met\n"
	    "  --quality       also report item-writing flaws as file:line: rule:\n"
	    "                  message, with a summary per level, type and rule;\n"
	    "                  exits 1 on any finding not waived by a 豁免 line\n"
	    "  --todo          with --coverage: write DIR/todo/ID.md, blank items\n"
	    "                  for each knowledge point short of its minimum\n",
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
	    "       [--max-overlap P] [--candidates N [--exposure E]] [--cover-core]\n"
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
	    "  --use-flagged     also draw items content/stats/ flags\n"
	    "  --cover-core      theory: every knowledge point settings.md marks\n"
	    "                    X (core) on every form\n"
	    "  --format LIST     html, epub, json, docx, moodle, qti, pdf\n"
	    "                    (default: html,epub,json)\n"
	    "  --out DIR         where to write (default: the current directory)\n",
	    paper_opts, cmd_paper },
	{ "export", "--level N --format moodle|qti|xlsx [--out FILE] [--lua DIR]",
	    "Export level N's bank for other systems: Moodle XML (categories level\n"
	    "▸ area ▸ work content; standard output without --out), an IMS QTI\n"
	    "3.0 content package (default bank-qti.zip) or an Excel sheet in the\n"
	    "columns of Chinese exam platforms' bulk import (default bank.xlsx).\n\n"
	    CONTENT_HELP LUA_HELP
	    "  --level N       the level (5 = lowest … 1 = highest)\n"
	    "  --format F      moodle, qti or xlsx\n"
	    "  --out FILE      where to write\n",
	    export_opts, cmd_export },
	{ "init", "DIR",
	    "Write a new content folder DIR: the smallest standard (one level,\n"
	    "one function, placeholders in （）) that lints clean, settings.md,\n"
	    "papers.md, items/ and generators/. Import the real standard over it,\n"
	    "or replace the placeholders by hand.\n",
	    init_opts, cmd_init },
	{ "import", "FILE [--out DIR]",
	    "Read a national occupational standard as published (the PDF, or text\n"
	    "extracted from it) and write a content folder: standard/*.md with the\n"
	    "facts its text states, settings.md, papers.md and an empty items/.\n"
	    "Places the rules cannot decide are listed as FILE:LINE: what is\n"
	    "unclear, for a person to settle in the Markdown.\n\n"
	    "  --out DIR       where to write (default: ./content, if absent)\n",
	    import_opts, cmd_import },
	{ "audit", "MANIFEST [--content DIR] [--lua DIR]",
	    "Re-check a paper manifest against the content: points per area equal\n"
	    "the weight table, type counts equal the spec, overlap, family and\n"
	    "enemy rules hold, the content is unchanged. Exits 1 with the\n"
	    "violations otherwise.\n\n" CONTENT_HELP LUA_HELP,
	    audit_opts, cmd_audit },
	{ "score", "MANIFEST RESPONSES [--out DIR] [--form CODE] [--threshold P]\n"
	    "       [--format csv,xlsx,html]",
	    "Score a sitting: the responses (CSV or xlsx: one column per item or\n"
	    "one answer string; Moodle's quiz responses report; examiners' sheets\n"
	    "of rubric points) against the paper manifest, each answer read in\n"
	    "its form's option order. Writes scores.csv, scores.xlsx (成绩单),\n"
	    "report-CENTRE.html, and sitting.json with responses.tsv for tiku\n"
	    "analyse. Every malformed row is listed; then nothing is written.\n\n"
	    CONTENT_HELP
	    "  --out DIR       the output folder, replaced whole (default: scored)\n"
	    "  --form CODE     the form a Moodle report answers\n"
	    "  --threshold P   examiners: list tasks whose examiners differ by\n"
	    "                  more than P points (default 2)\n"
	    "  --format LIST   csv, xlsx, html (default: all; csv is always\n"
	    "                  written)\n",
	    score_opts, cmd_score },
	{ "analyse", "SCORED... [--out DIR] [--save [--content DIR]]",
	    "Analyse scored sittings (folders tiku score wrote): classical item\n"
	    "statistics, per-form reliability and decision consistency, a Rasch\n"
	    "calibration of all forms on one scale through their common items,\n"
	    "and flags with the item's file:line. Writes analysis.json,\n"
	    "report.html and analysis.xlsx.\n\n"
	    "  --out DIR       the output folder, replaced whole (default: analysis)\n"
	    "  --save          also write each sitting's item statistics into\n"
	    "                  the content's stats/ folder, for tiku paper\n"
	    CONTENT_HELP,
	    analyse_opts, cmd_analyse },
	{ "course", "--level N|all [--start YYYY-MM-DD] [--session-hours H]\n"
	    "       [--days mon,tue,…] [--skip YYYY-MM-DD,…]\n"
	    "       [--format json,ics,docx,xlsx,html,pdf]\n"
	    "       [--out DIR]",
	    "Plan level N's course down to the session: learning units (one per\n"
	    "work content and basic-requirement section) with theory and practice\n"
	    "hours that add up to the syllabus's, their share of the assessment,\n"
	    "dated sessions on the teaching days, and a classroom quiz of five\n"
	    "bank items per theory session. Writes course-LN.json,\n"
	    "course-LN.ics, course-LN.docx (course specification, assessment,\n"
	    "schedule) and lessons-LN.docx (a lesson plan per session, its\n"
	    "steps from TEMPLATES/lesson-steps.txt), schedule-LN.xlsx and\n"
	    "course-LN.html (with each quiz in a presentation mode); on request\n"
	    "course-LN.pdf and lessons-LN.pdf (printed like the exam kit); with\n"
	    "--format json and no --out, the JSON goes to standard output.\n\n"
	    CONTENT_HELP TEMPLATE_HELP
	    "  --level N|all        the level (5 = lowest … 1 = highest), or all\n"
	    "                       of them (content loaded once)\n"
	    "  --start DATE         the first day (default: the content's date,\n"
	    "                       settings.md modified)\n"
	    "  --session-hours H    hours taught a day, 1-8 (default 4)\n"
	    "  --days LIST          teaching weekdays, of mon,tue,wed,thu,fri,sat,\n"
	    "                       sun (default mon,tue,wed,thu,fri)\n"
	    "  --skip LIST          dates without class (holidays), each a\n"
	    "                       teaching day within the course\n"
	    "  --format LIST        json, ics, docx, xlsx, html, pdf (default: all\n"
	    "                       but pdf)\n"
	    "  --out DIR            where to write (default: the current directory)\n",
	    course_opts, cmd_course },
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
	if (c->run == cmd_course)
		return FORMAT_JSON | COURSE_ICS | FORMAT_DOCX | FORMAT_XLSX |
		    FORMAT_HTML | FORMAT_PDF;
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
	if (c->run == cmd_course)
		return "json, ics, docx, xlsx, html, pdf (comma-separated)";
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
		else if (strcmp(tok, "ics") == 0)
			*formats |= COURSE_ICS;
		else
			rc = -1;
	}
	free(copy);
	return rc < 0 || *formats == 0 ? -1 : 0;
}

static int
parse_score_formats(const char *arg, unsigned *formats)
{
	char *copy = xstrdup(arg), *tok, *save = NULL;
	int rc = 0;

	*formats = SCORE_CSV;
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",",
	    &save))
		if (strcmp(tok, "xlsx") == 0)
			*formats |= SCORE_XLSX;
		else if (strcmp(tok, "html") == 0)
			*formats |= SCORE_HTML;
		else if (strcmp(tok, "csv") != 0)
			rc = -1;
	free(copy);
	return rc;
}

/*
 * A whole number lo..hi in decimal digits, nothing else: no sign, no
 * spaces, no wrapping (4294967301 is not level 5). Returns 0 or -1.
 */
static int
parse_number(const char *arg, unsigned long long lo, unsigned long long hi,
    unsigned long long *v)
{
	char *end;

	if (*arg < '0' || *arg > '9')
		return -1;
	errno = 0;
	*v = strtoull(arg, &end, 10);
	return *end == '\0' && errno == 0 && *v >= lo && *v <= hi ? 0 : -1;
}

/* A numeric option; prints the usage error (exit status 2) if out of range. */
static int
number_option(const struct command *c, const char *opt, const char *arg,
    unsigned long long lo, unsigned long long hi, unsigned long long *v)
{
	if (parse_number(arg, lo, hi, v) == 0)
		return 0;
	fprintf(stderr, "tiku %s: %s takes a whole number %llu-%llu, not '%s'\n",
	    c->name, opt, lo, hi, arg);
	return -1;
}

/*
 * Where a command writes, checked before any work: build replaces a tree
 * tiku wrote; the others put files into a directory (export: the one its
 * file goes in); none touches the content, templates or Lua directories.
 */
static int
out_refused(const struct command *c, const struct options *o)
{
	const char *keep[] = { o->content, o->templates, o->lua, NULL };
	char *dir;
	int rc;

	if (c->run == cmd_build)
		return outdir_allowed(o->out, OUTDIR_REPLACE, keep) < 0;
	if (c->run == cmd_score || c->run == cmd_analyse)
		return outdir_allowed(o->out ? o->out : c->run == cmd_score ?
		    "scored" : "analysis", OUTDIR_REPLACE, keep) < 0;
	if (c->run == cmd_export && o->out != NULL) {
		dir = xstrdup(o->out);
		rc = outdir_allowed(dirname(dir), OUTDIR_WRITE_INTO, keep);
		free(dir);
		return rc < 0;
	}
	if (c->run == cmd_syllabus || c->run == cmd_bank ||
	    c->run == cmd_paper || c->run == cmd_course)
		return outdir_allowed(o->out ? o->out : ".", OUTDIR_WRITE_INTO,
		    keep) < 0;
	return 0;
}

/*
 * A command that needs a data folder found none, or was given one without
 * the file that marks it: say so and name the option. Returns 1 when so.
 */
static int
missing_dir(const struct command *c, const char *option, const char *dir,
    const char *probe, const char *what)
{
	const struct option *op;
	char path[PATH_MAX + 64];
	struct stat st;

	for (op = c->opts; op->name; op++)
		if (strcmp(op->name, option + 2) == 0)
			break;
	if (op->name == NULL)
		return 0;
	if (dir == NULL) {
		fprintf(stderr, "tiku %s: no %s found (looked in ./%s, and in "
		    "../share/tiku/%s and ../%s beside the binary); name the folder "
		    "with %s DIR\n", c->name, what, option + 2, option + 2,
		    option + 2, option);
		return 1;
	}
	snprintf(path, sizeof path, "%s/%s", dir, probe);
	if (stat(path, &st) == 0)
		return 0;
	fprintf(stderr, "tiku %s: %s %s: no %s there, so it is not a folder of "
	    "%s; name the right one with %s DIR\n", c->name, option, dir, probe,
	    what, option);
	return 1;
}

/* --skip: dates, comma-separated, at most COURSE_SKIP_MAX. */
static int
skip_option(const char *arg, struct options *o)
{
	char *copy = xstrdup(arg), *tok, *save = NULL;
	int rc = 0;

	o->course.n_skip = 0;
	for (tok = strtok_r(copy, ",", &save); tok && rc == 0;
	    tok = strtok_r(NULL, ",", &save)) {
		long day = course_parse_date(tok);

		if (day < 0) {
			fprintf(stderr, "tiku course: --skip takes calendar dates "
			    "YYYY-MM-DD, comma-separated, not '%s'\n", tok);
			rc = -1;
		} else if (o->course.n_skip == COURSE_SKIP_MAX) {
			fprintf(stderr, "tiku course: --skip lists more than %d dates; "
			    "a course with more days off than a year has days: give "
			    "fewer\n", COURSE_SKIP_MAX);
			rc = -1;
		} else
			o->skip[o->course.n_skip++] = day;
	}
	free(copy);
	o->course.skip = o->skip;
	return rc;
}

static int
run_command(const struct command *c, int argc, char **argv)
{
	struct options o;
	unsigned long long v;
	int ch;

	memset(&o, 0, sizeof o);
	o.seed = 1;
	o.paper.forms = 1;
	o.paper.exposure = 0.35;
	o.score.threshold = 2;
	o.score.formats = SCORE_CSV | SCORE_XLSX | SCORE_HTML;
	o.course.session_hours = 4;
	o.course.days = 0x1f;   /* Monday to Friday */
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
			/* manifests record it as a JSON integer: 63 bits */
			if (number_option(c, "--seed", optarg, 0, INT64_MAX, &v) < 0)
				return 2;
			o.seed = v;
			break;
		case OPT_JSON:
			o.json = 1;
			break;
		case OPT_COVERAGE:
			o.coverage = 1;
			break;
		case OPT_QUALITY:
			o.quality = 1;
			break;
		case OPT_TODO:
			o.todo = 1;
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
			o.kind_given = 1;
			break;
		case OPT_FORMS:
			if (number_option(c, "--forms", optarg, 1, 26, &v) < 0)
				return 2;
			o.paper.forms = (int)v;
			break;
		case OPT_CANDIDATES:
			if (number_option(c, "--candidates", optarg, 1, 1000000,
			    &v) < 0)
				return 2;
			o.paper.candidates = (int)v;
			break;
		case OPT_OVERLAP:
		case OPT_EXPOSURE: {
			char *end;
			double share = strtod(optarg, &end);

			if (*end || !(share >= 0 && share <= 1)) {
				fprintf(stderr, "tiku %s: %s takes a share 0-1, not "
				    "'%s'\n", c->name, ch == OPT_OVERLAP ?
				    "--max-overlap" : "--exposure", optarg);
				return 2;
			}
			if (ch == OPT_OVERLAP)
				o.paper.max_overlap = share;
			else
				o.paper.exposure = share;
			break;
		}
		case OPT_TEMPLATES:
			o.templates = optarg;
			break;
		case OPT_LUA:
			o.lua = optarg;
			break;
		case OPT_LEVEL:
			if (c->run == cmd_course && strcmp(optarg, "all") == 0) {
				o.level = LEVEL_ALL;
				break;
			}
			if (number_option(c, "--level", optarg, 1, LEVEL_MAX,
			    &v) < 0)
				return 2;
			o.level = (int)v;
			break;
		case OPT_FORM:
			o.score.form = optarg;
			break;
		case OPT_START:
			if ((o.course.start = course_parse_date(optarg)) < 0) {
				fprintf(stderr, "tiku course: --start takes a calendar "
				    "date YYYY-MM-DD, not '%s'\n", optarg);
				return 2;
			}
			o.start_given = 1;
			break;
		case OPT_SESSION_HOURS:
			if (number_option(c, "--session-hours", optarg, 1, 8, &v) < 0)
				return 2;
			o.course.session_hours = (int)v;
			break;
		case OPT_DAYS:
			if (course_parse_days(optarg, &o.course.days) < 0 ||
			    o.course.days == 0) {
				fprintf(stderr, "tiku course: --days takes weekdays of "
				    "mon,tue,wed,thu,fri,sat,sun, comma-separated, at "
				    "least one, not '%s'\n", optarg);
				return 2;
			}
			break;
		case OPT_SKIP:
			if (skip_option(optarg, &o) < 0)
				return 2;
			break;
		case OPT_SAVE:
			o.save = 1;
			break;
		case OPT_USE_FLAGGED:
			o.paper.use_flagged = 1;
			break;
		case OPT_COVER_CORE:
			o.paper.cover_core = 1;
			break;
		case OPT_THRESHOLD: {
			char *end;

			o.score.threshold = strtod(optarg, &end);
			if (*end || !(o.score.threshold >= 0)) {
				fprintf(stderr, "tiku %s: --threshold takes points >= 0, "
				    "not '%s'\n", c->name, optarg);
				return 2;
			}
			break;
		}
		case OPT_FORMAT:
			if (c->run == cmd_score) {
				if (parse_score_formats(optarg, &o.score.formats) < 0) {
					fprintf(stderr, "tiku score: --format takes csv, "
					    "xlsx, html (comma-separated), not '%s'\n",
					    optarg);
					return 2;
				}
				break;
			}
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
	if ((c->run == cmd_audit || c->run == cmd_import || c->run == cmd_init) &&
	    optind == argc - 1)
		o.manifest = argv[optind++];
	else if (c->run == cmd_audit || c->run == cmd_import || c->run == cmd_init) {
		fprintf(stderr, "tiku %s: name one %s\n", c->name,
		    c->run == cmd_audit ? "manifest file" : c->run == cmd_import ?
		    "standard file" : "folder");
		return 2;
	}
	if (o.todo && !o.coverage) {
		fprintf(stderr, "tiku lint: --todo goes with --coverage\n");
		return 2;
	}
	if (c->run == cmd_score && optind == argc - 2) {
		o.score.manifest = argv[optind++];
		o.score.responses = argv[optind++];
	} else if (c->run == cmd_score) {
		fprintf(stderr, "tiku score: name the manifest and the responses\n");
		return 2;
	}
	if (c->run == cmd_analyse && optind == argc) {
		fprintf(stderr, "tiku analyse: name one or more scored folders\n");
		return 2;
	} else if (c->run == cmd_analyse) {
		o.scored = argv + optind;
		o.n_scored = (size_t)(argc - optind);
		optind = argc;
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
	    c->run == cmd_paper || c->run == cmd_export ||
	    c->run == cmd_course) && o.level == 0) {
		fprintf(stderr, "tiku %s: say which level: --level N\n", c->name);
		return 2;
	}
	if (o.level == LEVEL_ALL && o.formats == FORMAT_JSON && o.out == NULL) {
		fprintf(stderr, "tiku course: --level all writes a JSON file per "
		    "level: give --out DIR\n");
		return 2;
	}
	if (c->run == cmd_paper && !o.kind_given) {
		fprintf(stderr, "tiku paper: say which paper: --kind theory, skill "
		    "or review\n");
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
	if (o.formats == 0 && c->run == cmd_course)
		o.formats = FORMAT_JSON | COURSE_ICS | FORMAT_DOCX | FORMAT_XLSX |
		    FORMAT_HTML;
	if (o.formats == 0)
		o.formats = FORMAT_HTML | FORMAT_EPUB | FORMAT_JSON;
	if (o.content == NULL && (o.content = default_dir("content",
	    "/standard")) == NULL)
		o.content = "content";
	if (o.templates == NULL)
		o.templates = default_dir("templates", "/layout.html");
	if (o.lua == NULL)
		o.lua = default_dir("lua", "/template.lua");
	if (missing_dir(c, "--templates", o.templates, "layout.html",
	    "page templates") ||
	    missing_dir(c, "--lua", o.lua, "template.lua", "Lua modules"))
		return 2;
	if (o.templates == NULL)        /* a command that renders no page */
		o.templates = "templates";
	if (o.lua == NULL)
		o.lua = "lua";
	if (o.out == NULL && c->run == cmd_build)
		o.out = "site";
	if (out_refused(c, &o))
		return 2;
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
		if (strcmp(argv[1], commands[i].name) == 0) {
			int rc = run_command(&commands[i], argc - 1, argv + 1);

			typeset_release_fonts();
			return rc;
		}
	fprintf(stderr, "tiku: unknown command '%s'\n"
	    "Run 'tiku --help' for the commands.\n", argv[1]);
	return 2;
}
