/*
 * main: the command line. Each command loads the content, reports every
 * content error as "file:line: message" (exit 1), and otherwise does its
 * work. Usage errors and failed writes exit 2.
 */
#include "diag.h"
#include "dump.h"
#include "model.h"
#include "outdir.h"
#include "util.h"

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
	const char *out;
	unsigned long seed;
	int json;
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
 * Without --content: ./content when it holds a standard, else the content
 * installed beside the binary (PREFIX/share/tiku/content).
 */
static const char *
default_content(void)
{
	static char installed[PATH_MAX];
	char exe[PATH_MAX];
	ssize_t n;

	if (is_dir("content/standard"))
		return "content";
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		snprintf(installed, sizeof installed, "%s/../share/tiku/content",
		    dirname(exe));
		if (is_dir(installed))
			return installed;
	}
	return "content";
}

static int
load(struct standard *s, const char *dir, struct diag *d)
{
	if (standard_load(s, dir, d) == 0)
		standard_check(s, d);
	if (d->n > 0) {
		size_t n = diag_print(d, stderr);

		fprintf(stderr, "tiku: %zu problem%s found; nothing was written\n",
		    n, n == 1 ? "" : "s");
		return -1;
	}
	return 0;
}

enum { OPT_CONTENT = 1, OPT_OUT, OPT_SEED, OPT_JSON, OPT_HELP };

struct command {
	const char *name;
	const char *args;       /* its usage line after the name */
	const char *help;       /* its options, one per line */
	const struct option *opts;
	int (*run)(struct options *);
};

static int
cmd_lint(struct options *o)
{
	struct standard s = {0};
	struct diag d = {0};
	int rc;

	rc = load(&s, o->content, &d) < 0 ? 1 : 0;
	if (rc == 0)
		fprintf(stderr, "tiku: %s: no problems found\n", o->content);
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
cmd_build(struct options *o)
{
	struct standard s = {0};
	struct diag d = {0};
	struct outdir out = {0};
	int rc = 1;

	if (load(&s, o->content, &d) < 0)
		goto done;
	rc = 2;
	if (outdir_open(&out, o->out) < 0)
		goto done;
	{
		json_t *j = dump_standard(&s);
		char *text = dump_string(j);
		int w = outdir_write(&out, "data/standard.json", text,
		    strlen(text));

		free(text);
		json_decref(j);
		if (w < 0) {
			outdir_abort(&out);
			goto done;
		}
	}
	if (outdir_commit(&out) < 0)
		goto done;
	fprintf(stderr, "tiku: wrote %s\n", o->out);
	rc = 0;
done:
	diag_free(&d);
	standard_free(&s);
	return rc;
}

static const struct option content_opts[] = {
	{ "content", required_argument, NULL, OPT_CONTENT },
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
	{ "out", required_argument, NULL, OPT_OUT },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "help", no_argument, NULL, OPT_HELP },
	{ NULL, 0, NULL, 0 },
};

#define CONTENT_HELP \
    "  --content DIR   the content folder (default: ./content)\n"

static const struct command commands[] = {
	{ "lint", "[--content DIR]",
	    "Check the standard and report every problem as file:line: message.\n"
	    "Exits 1 when there are problems.\n\n" CONTENT_HELP,
	    content_opts, cmd_lint },
	{ "dump", "--json [--content DIR]",
	    "Print the whole standard model as JSON on standard output.\n\n"
	    CONTENT_HELP "  --json          JSON output (the only format)\n",
	    dump_opts, cmd_dump },
	{ "build", "[--content DIR] [--out DIR] [--seed S]",
	    "Write the whole site into DIR. The previous DIR is replaced only\n"
	    "when everything was written.\n\n" CONTENT_HELP
	    "  --out DIR       where to write the site (default: site)\n"
	    "  --seed S        seed for the sample papers (default: 1)\n",
	    build_opts, cmd_build },
};

static void
command_usage(const struct command *c, FILE *f)
{
	fprintf(f, "usage: tiku %s %s\n\n%s", c->name, c->args, c->help);
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
	struct options o = { NULL, "site", 1, 0 };
	int ch;

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
	if (o.content == NULL)
		o.content = default_content();
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
