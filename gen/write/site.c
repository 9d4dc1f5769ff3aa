#include "write/site.h"
#include "write/pdf.h"
#include "write/typeset.h"
#include "write/pages.h"
#include "write/coursedocs.h"
#include "plan/course.h"
#include "bank/bank.h"
#include "core/diag.h"
#include "core/dump.h"
#include "core/media.h"
#include "write/epub.h"
#include "write/export.h"
#include "core/model.h"
#include "core/outdir.h"
#include "plan/paper.h"
#include "script/render.h"
#include "plan/syllabus.h"
#include "core/util.h"

#include <dirent.h>
#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* A page or script at rel; the content's images in it are pointed at
 * the top of the site (a script is read by pages as deep as itself). */
static int
write_string(struct outdir *o, const char *rel, const char *text)
{
	struct buf root = {0};
	char *moved;
	int rc;

	for (const char *c = rel; *c; c++)
		if (*c == '/')
			buf_puts(&root, "../");
	moved = media_relocate(text, root.data ? root.data : "");
	rc = outdir_write(o, rel, moved ? moved : text,
	    strlen(moved ? moved : text));
	free(moved);
	buf_free(&root);
	return rc;
}

/* The images the content shows, at media/PATH. Returns 0 or 2. */
static int
put_media(const struct standard *s, struct outdir *o)
{
	char path[4096], rel[4096], *data;
	size_t i, len;
	int rc = 0;

	for (i = 0; rc == 0 && i < s->n_media; i++) {
		snprintf(path, sizeof path, "%s/%s", s->dir, s->media[i]);
		snprintf(rel, sizeof rel, "media/%s", s->media[i]);
		if ((data = read_file(path, &len)) == NULL) {
			fprintf(stderr, "tiku: %s: %s\n", path, strerror(errno));
			return 2;
		}
		rc = outdir_write(o, rel, data, len) < 0 ? 2 : 0;
		free(data);
	}
	return rc;
}

static int
write_json(struct outdir *o, const char *rel, json_t *j)
{
	char *text = dump_string(j);
	int rc = write_string(o, rel, text);

	free(text);
	return rc;
}

static int study_pages(struct build *b, struct outdir *o,
    const struct bank *bank, const struct paper_spec *spec,
    const struct level *lv, json_t *paper_links);
static int course_page(struct build *b, struct outdir *o,
    const struct bank *bank, const struct level *lv, json_t *paper_links);
static int search_page(struct build *b, struct outdir *o,
    const struct bank *bank);

static int offline_files(struct build *b, struct outdir *o);
static int site_levels(struct build *b, struct outdir *o,
    const struct bank *bank, const struct paper_spec *spec,
    json_t *paper_links);

/* A level's bank page and ePub into the site. Returns 0, 1 or 2. */
static int bank_page(struct build *b, struct outdir *o,
    const struct bank *bank, const struct level *lv);

static int site_sample_papers(struct build *b, struct outdir *o,
    const struct bank *bank, const struct paper_spec *spec,
    const struct level *lv, json_t *links);

int
site_build(const struct standard *s, const struct bank *bank,
    const struct paper_spec *spec, const struct site_config *c,
    const char *out, struct diag *d)
{
	json_t *paper_links = json_object(), *data;
	struct build b;
	struct outdir o = {0};
	size_t css_len;
	char *page, *css;
	int rc = 1, erc = 0;

	if (build_open(&b, s, c, d) < 0) {
		json_decref(paper_links);
		return 1;
	}
	b.spec = spec;
	if (outdir_open(&o, out) < 0) {
		build_close(&b);
		json_decref(paper_links);
		return 2;
	}
	if ((css = read_asset(&b, "style.css", &css_len)) == NULL)
		goto fail;
	erc = outdir_write(&o, "style.css", css, css_len) < 0 ? 2 : 0;
	free(css);
	if (erc == 0) {
		if ((css = read_asset(&b, "paper.css", &css_len)) == NULL)
			goto fail;
		erc = outdir_write(&o, "paper.css", css, css_len) < 0 ? 2 : 0;
		free(css);
	}
	if (erc == 0) {
		if ((css = read_asset(&b, "tiku.js", &css_len)) == NULL)
			goto fail;
		erc = outdir_write(&o, "tiku.js", css, css_len) < 0 ? 2 : 0;
		free(css);
	}
	if (erc == 0) {
		if ((css = read_asset(&b, "present.js", &css_len)) == NULL)
			goto fail;
		erc = outdir_write(&o, "present.js", css, css_len) < 0 ? 2 : 0;
		free(css);
	}
	if (erc == 0) {
		char hash[17];

		/* every sample set records it: worked out once, before the
		 * workers fork, so that they share it */
		content_hash(s, bank, spec, hash);
		erc = site_levels(&b, &o, bank, spec, paper_links);
	}
	if (erc == 1)
		goto fail;
	if (erc == 2)
		goto fail_write;

	data = index_data(&b);
	json_object_set(data, "papers", paper_links);
	page = render_in_layout(&b, "index.html", "layout.html", data);
	json_decref(data);
	if (page == NULL)
		goto fail;
	erc = write_string(&o, "index.html", page);
	free(page);
	if (erc < 0 || write_json(&o, "data/standard.json", b.standard) < 0)
		goto fail_write;
	erc = put_media(s, &o);
	if (erc == 0)
		erc = offline_files(&b, &o);
	if (erc == 1)
		goto fail;
	if (erc == 2)
		goto fail_write;
	build_close(&b);
	json_decref(paper_links);
	return outdir_commit(&o) < 0 ? 2 : 0;
fail_write:
	rc = 2;
fail:
	outdir_abort(&o);
	build_close(&b);
	json_decref(paper_links);
	return rc;
}

/*
 * A level's part of the site, in two jobs that the workers share out:
 * part 0 its syllabus page and ePub and its bank page and ePub; part 1
 * its sample sets (whose links go into paper_links under the level's id),
 * study pages and course page, which read those links. Returns 0, 1 (in
 * b->d) or 2.
 */
enum { LEVEL_PARTS = 2 };

/* Job j: part j % LEVEL_PARTS of level j / LEVEL_PARTS; the job after
 * the levels' (NULL) is the search page, which needs only the bank. */
static const struct level *
job_level(const struct standard *s, size_t job)
{
	return job < s->n_levels * LEVEL_PARTS ? &s->levels[job /
	    LEVEL_PARTS] : NULL;
}

static int
site_level_books(struct build *b, struct outdir *o, const struct bank *bank,
    const struct level *lv)
{
	char rel[256], *path, *page;
	struct plan p;
	json_t *data;
	int erc;

	plan_make(b->s, lv->number, &p);
	data = syllabus_data(b, lv->number, &p, "../", 0);
	page = render_in_layout(b, "syllabus.html", "layout.html", data);
	json_decref(data);
	if (page == NULL) {
		plan_free(&p);
		return 1;
	}
	snprintf(rel, sizeof rel, "%s/syllabus.html", lv->id);
	erc = write_string(o, rel, page) < 0 ? 2 : 0;
	free(page);
	snprintf(rel, sizeof rel, "downloads/syllabus-%s.epub", lv->id);
	if (erc == 0 && (path = outdir_path(o, rel)) != NULL) {
		erc = write_syllabus_epub(b, lv->number, &p, path);
		free(path);
	} else if (erc == 0)
		erc = 2;
	plan_free(&p);
	if (erc == 0)
		erc = bank_page(b, o, bank, lv);
	return erc;
}

static int
site_level_part(struct build *b, struct outdir *o, const struct bank *bank,
    const struct paper_spec *spec, const struct level *lv, int part,
    json_t *paper_links)
{
	json_t *links;
	int erc;

	if (lv == NULL)                 /* the job after the levels' */
		return search_page(b, o, bank);
	if (part == 0)
		return site_level_books(b, o, bank, lv);
	/* the level page reads its own sets from the object by level id */
	links = json_array();
	json_object_set_new(paper_links, lv->id, links);
	erc = site_sample_papers(b, o, bank, spec, lv, links);
	if (erc == 0)
		erc = study_pages(b, o, bank, spec, lv, paper_links);
	if (erc == 0)
		erc = course_page(b, o, bank, lv, paper_links);
	return erc;
}

/* A level built by a worker: what it printed and the links it made. */
struct level_job {
	FILE *err, *links;
};

/*
 * A worker's side: take jobs (a byte each: level * LEVEL_PARTS + part)
 * from the pipe until it is empty, each with stderr going to its job's
 * err and its links (part 1; "null" for part 0) written to its job's
 * links; stop at the first job that fails (its links stay empty).
 */
static void
worker(struct build *b, struct outdir *o, const struct bank *bank,
    const struct paper_spec *spec, struct level_job *jobs, int tokens)
{
	const struct standard *s = b->s;
	unsigned char job;

	while (read(tokens, &job, 1) == 1) {
		const struct level *lv = job_level(s, job);
		int part = job % LEVEL_PARTS, rc;
		json_t *links = json_object();

		fflush(stderr);
		if (dup2(fileno(jobs[job].err), STDERR_FILENO) < 0)
			break;
		rc = site_level_part(b, o, bank, spec, lv, part, links);
		if (rc == 0)
			rc = json_dumpf(lv && part ? json_object_get(links,
			    lv->id) : json_null(), jobs[job].links, JSON_COMPACT |
			    JSON_ENCODE_ANY) < 0 || fflush(jobs[job].links) != 0;
		json_decref(links);
		if (rc != 0)
			break;
		malloc_trim(0);         /* a job's garbage is not the next's */
	}
	fflush(NULL);
	/* _exit: the parent's atexit work and buffers are not the child's */
	_exit(0);
}

/*
 * A level's result: its messages copied to stderr and its links put into
 * paper_links; returns 0. Returns -1 when the worker did not finish it
 * (its messages dropped: the level is then built again here, so that its
 * diagnostics reach b->d as in a serial build).
 */
static int
level_finish(struct level_job *job, const struct level *lv,
    json_t *paper_links)
{
	json_t *links;
	char chunk[4096];
	size_t n;

	rewind(job->links);
	if ((links = json_loadf(job->links, JSON_DISABLE_EOF_CHECK |
	    JSON_DECODE_ANY, NULL)) == NULL)
		return -1;
	rewind(job->err);
	while ((n = fread(chunk, 1, sizeof chunk, job->err)) > 0)
		fwrite(chunk, 1, n, stderr);
	if (json_is_null(links))        /* part 0 makes no links */
		json_decref(links);
	else
		json_object_set_new(paper_links, lv->id, links);
	return 0;
}

static void
jobs_free(struct level_job *jobs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (jobs[i].err)
			fclose(jobs[i].err);
		if (jobs[i].links)
			fclose(jobs[i].links);
	}
	free(jobs);
}

/* Forking is safe only while no other thread may hold a lock. */
static int
single_threaded(void)
{
	DIR *d = opendir("/proc/self/task");
	struct dirent *e;
	int n = 0;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL)
		n += e->d_name[0] != '.';
	closedir(d);
	return n == 1;
}

/*
 * The levels' jobs and the search page's are independent (each writes
 * only its own files and links), so one forked worker per core takes the
 * next job from a
 * pipe as it finishes one: the jobs vary, and a fixed share of levels
 * left one core idle a third of the time. fork shares the loaded content,
 * the bank and the started Lua state at no cost, and the bytes written
 * are those of a serial build whichever worker made them. The fork must
 * come before anything starts a thread: Pango starts one to load
 * fontconfig, and a child forked while it held fontconfig's lock waited
 * for it forever, so each worker loads the fonts itself (and a process
 * that has threads builds serially). (A child per level cost a second of
 * page faults more: each new process touches fresh memory.) Messages are
 * printed in level order; a job no worker finished is done again here,
 * in order, so that the errors and the exit status are exactly the serial
 * build's. One core: no workers. Returns 0, 1 or 2.
 */
static int
site_levels(struct build *b, struct outdir *o, const struct bank *bank,
    const struct paper_spec *spec, json_t *paper_links)
{
	const struct standard *s = b->s;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	size_t n_jobs = s->n_levels * LEVEL_PARTS + 1, i, started = 0;
	size_t width = cores > 1 ? (size_t)cores : 1;
	struct level_job *jobs;
	unsigned char job;
	int erc = 0, tokens[2];
	pid_t *pids;

	if (width > n_jobs)
		width = n_jobs;
	if (width < 2 || n_jobs > 256 || !single_threaded() || pipe(tokens) < 0) {
		for (i = 0; i < n_jobs && erc == 0; i++)
			erc = site_level_part(b, o, bank, spec, job_level(s, i),
			    (int)(i % LEVEL_PARTS), paper_links);
		return erc;
	}
	jobs = xcalloc(n_jobs, sizeof *jobs);
	/* the sample sets (part 1, the PDFs) take longest: handed out first */
	for (i = 0; i < n_jobs; i++) {
		job = i + 1 == n_jobs ? (unsigned char)i : (unsigned char)((i %
		    s->n_levels) * LEVEL_PARTS + (i < s->n_levels));
		if (write(tokens[1], &job, 1) != 1 ||
		    (jobs[i].err = tmpfile()) == NULL ||
		    (jobs[i].links = tmpfile()) == NULL) {
			fprintf(stderr, "tiku: temporary file: %s\n", strerror(errno));
			jobs_free(jobs, n_jobs);
			close(tokens[0]);
			close(tokens[1]);
			return 2;
		}
	}
	close(tokens[1]);               /* the workers read to its end */
	fflush(NULL);
	malloc_trim(0);
	pids = xcalloc(width, sizeof *pids);
	for (started = 0; started < width; started++) {
		if ((pids[started] = fork()) < 0) {
			/* jobs no worker took are done here */
			fprintf(stderr, "tiku: fork: %s\n", strerror(errno));
			break;
		}
		if (pids[started] == 0)
			worker(b, o, bank, spec, jobs, tokens[0]);
	}
	close(tokens[0]);
	for (i = 0; i < started; i++)
		while (waitpid(pids[i], NULL, 0) < 0 && errno == EINTR)
			;
	free(pids);
	for (i = 0; i < n_jobs && erc == 0; i++)
		if (level_finish(&jobs[i], job_level(s, i), paper_links) < 0)
			erc = site_level_part(b, o, bank, spec, job_level(s, i),
			    (int)(i % LEVEL_PARTS), paper_links);
	jobs_free(jobs, n_jobs);
	return erc;
}

/* Write a finished file into dir: a temporary name, then rename. */
static int
put_file(const char *dir, const char *name, const char *data, size_t len)
{
	struct buf path = {0}, tmp = {0};
	FILE *f;
	int ok;

	buf_printf(&path, "%s/%s", dir, name);
	buf_printf(&tmp, "%s/.%s.tmp", dir, name);
	if ((f = fopen(tmp.data, "wb")) == NULL) {
		fprintf(stderr, "tiku: %s: %s\n", tmp.data, strerror(errno));
		ok = 0;
	} else {
		ok = fwrite(data, 1, len, f) == len;
		ok &= fclose(f) == 0;
		ok = ok && rename(tmp.data, path.data) == 0;
		if (!ok) {
			fprintf(stderr, "tiku: %s: %s\n", path.data, strerror(errno));
			remove(tmp.data);
		}
	}
	buf_free(&path);
	buf_free(&tmp);
	return ok ? 0 : -1;
}

/*
 * Write an ePub into dir through a temporary name, renamed into place
 * only when written: rc_of_write is what writing tmp returned (0, 1, 2).
 * Returns 0, 1 or 2.
 */
static int
place_book(const char *dir, const char *name, int rc_of_write, const char *tmp)
{
	struct buf path = {0};

	buf_printf(&path, "%s/%s", dir, name);
	if (rc_of_write == 0 && rename(tmp, path.data) < 0) {
		fprintf(stderr, "tiku: %s: %s\n", path.data, strerror(errno));
		rc_of_write = 2;
	}
	if (rc_of_write)
		remove(tmp);
	buf_free(&path);
	return rc_of_write;
}

/*
 * The files of one command into dir: the ePub already written at tmp
 * (book_rc is what writing it returned, -1 when there is none), then
 * STEM.html with style.css and STEM.json where given. Returns 0, 1 or 2.
 */
static int
put_outputs(const char *dir, const char *stem, int book_rc, const char *tmp,
    const char *html, const char *css, size_t css_len, const char *json)
{
	char name[512];

	if (book_rc >= 0) {
		snprintf(name, sizeof name, "%s.epub", stem);
		if ((book_rc = place_book(dir, name, book_rc, tmp)) != 0)
			return book_rc;
	}
	snprintf(name, sizeof name, "%s.html", stem);
	if (html && (put_file(dir, name, html, strlen(html)) < 0 ||
	    put_file(dir, "style.css", css, css_len) < 0))
		return 2;
	snprintf(name, sizeof name, "%s.json", stem);
	if (json && put_file(dir, name, json, strlen(json)) < 0)
		return 2;
	return 0;
}

/*
 * A page that stands alone outside the site (its stylesheet sits beside
 * it, no site navigation); data is consumed. Returns 0, or -1 with the
 * error in b->d.
 */
static int
standalone_page(struct build *b, const char *body, json_t *data, char **html,
    char **css, size_t *css_len)
{
	json_object_set_new(json_object_get(data, "page"), "standalone",
	    json_true());
	*html = render_in_layout(b, body, "layout.html", data);
	json_decref(data);
	if (*html == NULL || (*css = read_asset(b, "style.css", css_len)) == NULL)
		return -1;
	return 0;
}

/* Make the output directory of a command. Returns 0 or 2. */
static int
make_dir(const char *dir)
{
	if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
		fprintf(stderr, "tiku: %s: %s\n", dir, strerror(errno));
		return 2;
	}
	return 0;
}

int
site_syllabus(const struct standard *s, const struct site_config *c,
    int level, unsigned formats, const char *out, struct diag *d)
{
	const struct level *lv = standard_level(s, level);
	char *html = NULL, *css = NULL, *json = NULL;
	size_t css_len = 0;
	struct build b;
	struct plan p;
	int rc = 1;

	if (build_open(&b, s, c, d) < 0)
		return 1;
	plan_make(s, level, &p);
	if (formats & FORMAT_JSON) {
		json_t *j = plan_json(&p);

		json = dump_string(j);
		json_decref(j);
	}
	if ((formats & FORMAT_HTML) && standalone_page(&b, "syllabus.html",
	    syllabus_data(&b, level, &p, "", 0), &html, &css, &css_len) < 0)
		goto done;
	if ((rc = make_dir(out)) == 0) {
		char tmp[4096], stem[256];

		snprintf(tmp, sizeof tmp, "%s/.tiku-book.tmp", out);
		snprintf(stem, sizeof stem, "syllabus-%s", lv->id);
		rc = put_outputs(out, stem, formats & FORMAT_EPUB ?
		    write_syllabus_epub(&b, level, &p, tmp) : -1, tmp, html, css,
		    css_len, json);
	}
done:
	free(html);
	free(css);
	free(json);
	plan_free(&p);
	build_close(&b);
	return rc;
}

/* ---- item banks ---- */

int
site_bank(const struct standard *s, const struct bank *bank,
    const struct paper_spec *spec, const struct site_config *c, int level,
    unsigned formats, const char *out, struct diag *d)
{
	const struct level *lv = standard_level(s, level);
	char *html = NULL, *css = NULL, *json = NULL;
	size_t css_len = 0;
	struct build b;
	int rc = 1;

	if (build_open(&b, s, c, d) < 0)
		return 1;
	b.spec = spec;
	if (formats & FORMAT_JSON) {
		json_t *j = bank_json(s, bank, level);

		json = dump_string(j);
		json_decref(j);
	}
	if ((formats & FORMAT_HTML) && standalone_page(&b, "bank.html",
	    bank_data(&b, bank, level, "", 0), &html, &css, &css_len) < 0)
		goto done;
	if ((rc = make_dir(out)) == 0) {
		char tmp[4096], stem[256];

		snprintf(tmp, sizeof tmp, "%s/.tiku-book.tmp", out);
		snprintf(stem, sizeof stem, "bank-%s", lv->id);
		rc = put_outputs(out, stem, formats & FORMAT_EPUB ?
		    write_bank_epub(&b, bank, level, tmp) : -1, tmp, html, css,
		    css_len, json);
	}
done:
	free(html);
	free(css);
	free(json);
	build_close(&b);
	return rc;
}

static int
bank_page(struct build *b, struct outdir *o, const struct bank *bank,
    const struct level *lv)
{
	json_t *data = bank_data(b, bank, lv->number, "../", 0);
	json_t *parts = bank_split(data), *part;
	char rel[256], *path, *page;
	size_t i;
	int rc = 0;

	/* the index, then pages of a section each (or part of one) */
	page = render_in_layout(b, "bank.html", "layout.html", data);
	json_decref(data);
	snprintf(rel, sizeof rel, "%s/bank.html", lv->id);
	rc = page == NULL ? 1 : write_string(o, rel, page) < 0 ? 2 : 0;
	free(page);
	json_array_foreach(parts, i, part) {
		if (rc)
			break;
		page = render_in_layout(b, "bank.html", "layout.html", part);
		snprintf(rel, sizeof rel, "%s/%s", lv->id, json_string_value(
		    json_object_get(part, "file")));
		rc = page == NULL ? 1 : write_string(o, rel, page) < 0 ? 2 : 0;
		free(page);
	}
	json_decref(parts);
	if (rc)
		return rc;
	snprintf(rel, sizeof rel, "downloads/bank-%s.epub", lv->id);
	if ((path = outdir_path(o, rel)) == NULL)
		return 2;
	rc = write_bank_epub(b, bank, lv->number, path);
	free(path);
	return rc;
}

/* ---- paper sets ---- */

static int
by_item_id(const void *a, const void *b)
{
	return strcmp((*(const struct item *const *)a)->id,
	    (*(const struct item *const *)b)->id);
}

/* A zip-based export written at tmp by write (its 0 or -1), placed as
 * dir/name. Returns 0 or 2. */
static int
place_export(const char *dir, const char *name, int write_rc, const char *tmp)
{
	return place_book(dir, name, write_rc < 0 ? 2 : 0, tmp);
}

/* The files a form's tasks name, beside its documents as ID-NAME. */
static int
put_attachments(const struct standard *s, const struct form *fm,
    const char *out)
{
	size_t i, k, len;
	char path[4096], name[512], *data;
	int rc = 0;

	for (i = 0; rc == 0 && i < fm->n; i++)
		for (k = 0; rc == 0 && k < fm->items[i].it->n_attachments; k++) {
			const char *a = fm->items[i].it->attachments[k];
			const char *base = strrchr(a, '/');

			snprintf(path, sizeof path, "%s/%s", s->dir, a);
			snprintf(name, sizeof name, "%s-%s", fm->items[i].it->id,
			    base ? base + 1 : a);
			if ((data = read_file(path, &len)) == NULL) {
				fprintf(stderr, "tiku: %s: %s\n", path, strerror(errno));
				return 2;
			}
			rc = put_file(out, name, data, len) < 0 ? 2 : 0;
			free(data);
		}
	return rc;
}

/* docs[i] written as dir/names[i], by way of staging files beside tmp;
 * the documents are freed. Returns 0 or 2. */
static int
place_pdfs(const char *dir, struct typeset *docs[], char names[][256],
    size_t n, const char *tmp)
{
	char *paths[4];
	size_t i;
	int rc;

	for (i = 0; i < n; i++)
		paths[i] = xprintf("%s.%zu", tmp, i);
	rc = typeset_write_all(docs, (const char *const *)paths, n) < 0 ? 2 : 0;
	for (i = 0; i < n; i++) {
		rc = place_book(dir, names[i], rc, paths[i]);
		free(paths[i]);
		typeset_free(docs[i]);
	}
	return rc;
}

/* A form and its key as PDF; for theory also its answer sheet and,
 * with the first form, the level's generic sheet; for skill and review
 * the exam's document set and the tasks' attachments. Returns 0 or 2. */
static int
put_pdfs(const struct standard *s, const struct paper_set *set,
    const struct form *fm, const char *out, const char *tmp)
{
	const char *lid = standard_level(s, set->req.level)->id;
	const char *kind = paper_kind_name(set->req.kind);
	struct typeset *docs[4];
	char names[4][256];
	size_t n = 0;
	int rc;

	snprintf(names[n], sizeof *names, "paper-%s-%s-%s.pdf", lid, kind,
	    fm->code);
	docs[n++] = pdf_paper(s, set, fm, 0);
	snprintf(names[n], sizeof *names, "key-%s-%s-%s.pdf", lid, kind, fm->code);
	docs[n++] = pdf_paper(s, set, fm, 1);
	if (set->req.kind != PAPER_THEORY) {
		snprintf(names[n], sizeof *names, "docs-%s-%s-%s.pdf", lid, kind,
		    fm->code);
		docs[n++] = pdf_skill_documents(s, set, fm);
	} else {
		snprintf(names[n], sizeof *names, "sheet-%s-%s-%s.pdf", lid, kind,
		    fm->code);
		docs[n++] = pdf_answer_sheet(s, set, (size_t)(fm - set->forms), 0);
		/* the level's generic sheet, once per set */
		if (fm == set->forms) {
			snprintf(names[n], sizeof *names, "sheet-%s-%s.pdf", lid,
			    kind);
			docs[n++] = pdf_answer_sheet(s, set, 0, 1);
		}
	}
	rc = place_pdfs(out, docs, names, n, tmp);
	return rc == 0 && set->req.kind != PAPER_THEORY ?
	    put_attachments(s, fm, out) : rc;
}

/*
 * A set's forms for other systems: each form and its key as Word, each
 * form as a Moodle XML quiz, and the whole set as one QTI package.
 * Returns 0 or 2.
 */
static int
put_exports(const struct standard *s, const struct paper_set *set,
    unsigned formats, const char *out)
{
	const char *lid = standard_level(s, set->req.level)->id;
	const char *kind = paper_kind_name(set->req.kind);
	struct buf tmp = {0}, name = {0};
	int rc = 0;
	size_t i, j;

	buf_printf(&tmp, "%s/.tiku-export.tmp", out);
	for (i = 0; rc == 0 && i < set->n_forms; i++) {
		const struct form *fm = &set->forms[i];
		const struct item **v = xcalloc(fm->n + 1, sizeof *v);

		for (j = 0; j < fm->n; j++)
			v[j] = fm->items[j].it;
		if (formats & FORMAT_DOCX) {
			buf_clear(&name);
			buf_printf(&name, "paper-%s-%s-%s.docx", lid, kind, fm->code);
			rc = place_export(out, name.data,
			    export_docx(s, set, fm, 0, tmp.data), tmp.data);
			buf_clear(&name);
			buf_printf(&name, "key-%s-%s-%s.docx", lid, kind, fm->code);
			if (rc == 0)
				rc = place_export(out, name.data,
				    export_docx(s, set, fm, 1, tmp.data), tmp.data);
			buf_clear(&name);
			buf_printf(&name, "docs-%s-%s-%s.docx", lid, kind, fm->code);
			if (rc == 0 && set->req.kind != PAPER_THEORY)
				rc = place_export(out, name.data,
				    skilldocs_docx(s, set, fm, tmp.data), tmp.data);
		}
		if (rc == 0 && (formats & FORMAT_PDF))
			rc = put_pdfs(s, set, fm, out, tmp.data);
		if (rc == 0 && (formats & FORMAT_MOODLE)) {
			char *xml = export_moodle(s, v, fm->n, set->req.level,
			    fm->code);

			buf_clear(&name);
			buf_printf(&name, "moodle-%s-%s-%s.xml", lid, kind, fm->code);
			rc = put_file(out, name.data, xml, strlen(xml)) < 0 ? 2 : 0;
			free(xml);
		}
		free(v);
	}
	if (rc == 0 && (formats & FORMAT_QTI)) {
		/* every item once, by id */
		size_t total = 0, n = 0;
		const struct item **v;

		for (i = 0; i < set->n_forms; i++)
			total += set->forms[i].n;
		v = xcalloc(total + 1, sizeof *v);
		for (i = 0; i < set->n_forms; i++)
			for (j = 0; j < set->forms[i].n; j++)
				v[n++] = set->forms[i].items[j].it;
		qsort(v, n, sizeof *v, by_item_id);
		for (i = j = 0; i < n; i++)
			if (j == 0 || v[j - 1] != v[i])
				v[j++] = v[i];
		n = j;
		buf_clear(&name);
		buf_printf(&name, "qti-%s-%s.zip", lid, kind);
		rc = place_export(out, name.data, export_qti(s, v, n,
		    set->req.level, set, tmp.data), tmp.data);
		free(v);
	}
	buf_free(&tmp);
	buf_free(&name);
	return rc;
}

struct page_media {
	const struct standard *s;
	const char *out;
	json_t *seen;           /* the images copied, as keys */
	int rc;
};

/* An image a page of a set shows (path: "media/…"), copied beside it
 * once, its directories made as needed. */
static void
copy_media(const char *path, void *arg)
{
	struct page_media *m = arg;
	struct buf to = {0};
	char from[4096], *data = NULL, *slash;
	size_t len = 0;

	if (m->rc || json_object_get(m->seen, path) != NULL ||
	    media_type(path) == NULL)
		return;
	json_object_set_new(m->seen, path, json_true());
	snprintf(from, sizeof from, "%s/%s", m->s->dir, path + strlen("media/"));
	buf_printf(&to, "%s/%s", m->out, path);
	for (slash = to.data + strlen(m->out) + 1; m->rc == 0 &&
	    (slash = strchr(slash, '/')) != NULL; slash++) {
		*slash = '\0';
		m->rc = make_dir(to.data);
		*slash = '/';
	}
	if (m->rc == 0 && (data = read_file(from, &len)) == NULL) {
		fprintf(stderr, "tiku: %s: %s\n", from, strerror(errno));
		m->rc = 2;
	} else if (m->rc == 0) {
		m->rc = outdir_put_file(to.data, data, len) < 0 ? 2 : 0;
		free(data);
	}
	buf_free(&to);
}

/*
 * A set's forms and keys as pages (out/NAME.html, with the images they
 * show under out/media/) and as one ePub, one
 * form at a time: each document is rendered, written and freed before the
 * next, the ePub's documents kept in files under parts until the book is
 * zipped, so memory stays flat in the number of forms (per-candidate
 * papers). Returns 0, 1 or 2.
 */
static int
write_forms(struct build *b, const struct paper_set *set, unsigned formats,
    const char *out)
{
	const struct level *lv = standard_level(b->s, set->req.level);
	unsigned want = ((formats & FORMAT_HTML) ? RENDER_HTML : 0) |
	    ((formats & FORMAT_EPUB) ? RENDER_XHTML : 0);
	struct book *bk = NULL;
	struct buf parts = {0}, part = {0}, book = {0};
	struct page_media m = { b->s, out, NULL, 0 };
	size_t f;
	int key, rc = 0;

	if (want == 0)
		return 0;
	m.seen = json_object();
	buf_printf(&parts, "%s/.tiku-book-parts", out);
	if ((formats & FORMAT_EPUB) && ((bk = set_book_open(b, set)) == NULL ||
	    make_dir(parts.data) != 0))
		rc = bk == NULL ? 1 : 2;
	for (key = 0; rc == 0 && key < 2; key++)
		for (f = 0; rc == 0 && f < set->n_forms; f++) {
			struct rendered r;

			if (render_form(b, set, f, key, "", 1, want, &r) != 0) {
				rc = 1;
				break;
			}
			if (r.html && put_file(out, r.name, r.html,
			    strlen(r.html)) < 0)
				rc = 2;
			if (rc == 0 && r.html) {
				media_each(r.html, copy_media, &m);
				rc = m.rc;
			}
			buf_clear(&part);
			buf_printf(&part, "%s/%s", parts.data, r.name);
			if (rc == 0 && r.xhtml) {
				rc = outdir_put_file(part.data, r.xhtml,
				    strlen(r.xhtml)) < 0 ||
				    chmod(part.data, 0666) < 0 ? 2 : 0;
				if (rc == 0)
					set_book_add(bk, &r, part.data);
			}
			free(r.html);
			free(r.xhtml);
		}
	if (bk) {
		char *tmp = arena_printf((struct arena *)&b->s->arena,
		    "%s/.tiku-book.tmp", out);

		buf_printf(&book, "papers-%s-%s.epub", lv->id,
		    paper_kind_name(set->req.kind));
		if (rc == 0)
			rc = place_book(out, book.data, set_book_write(bk, tmp), tmp);
		else
			set_book_free(bk);
	}
	if (formats & FORMAT_EPUB)
		outdir_remove_tree(parts.data);
	buf_free(&parts);
	buf_free(&part);
	buf_free(&book);
	json_decref(m.seen);
	return rc;
}

static int
write_set(const struct standard *s, const struct bank *bank,
    const struct paper_spec *spec, const struct site_config *c,
    const struct paper_set *set, unsigned formats, const char *out,
    struct diag *d)
{
	const struct level *lv = standard_level(s, set->req.level);
	size_t css_len = 0, pcss_len = 0;
	char *css = NULL, *pcss = NULL;
	struct build b;
	int rc = 1;

	if (build_open(&b, s, c, d) < 0)
		return 1;
	if ((formats & FORMAT_HTML) &&
	    ((css = read_asset(&b, "style.css", &css_len)) == NULL ||
	    (pcss = read_asset(&b, "paper.css", &pcss_len)) == NULL))
		goto done;
	if ((rc = write_forms(&b, set, formats, out)) != 0)
		goto done;
	rc = 2;
	if (formats & FORMAT_HTML) {
		if (put_file(out, "style.css", css, css_len) < 0)
			goto done;
		if (put_file(out, "paper.css", pcss, pcss_len) < 0)
			goto done;
		/* a skill or review form's document set, for print */
		size_t i;
		char name[256];

		for (i = 0; set->req.kind != PAPER_THEORY && i < set->n_forms; i++) {
			char *html = skilldocs_html(s, set, &set->forms[i]);
			int w;

			snprintf(name, sizeof name, "docs-%s-%s-%s.html", lv->id,
			    paper_kind_name(set->req.kind), set->forms[i].code);
			w = put_file(out, name, html, strlen(html));
			free(html);
			if (w < 0)
				goto done;
		}
	}
	if ((rc = put_exports(s, set, formats, out)) != 0)
		goto done;
	rc = 2;
	if (formats & FORMAT_JSON) {
		/* written form by form: out is the set's staging directory */
		char path[4096];
		FILE *f;

		snprintf(path, sizeof path, "%s/manifest-%s-%s.json", out, lv->id,
		    paper_kind_name(set->req.kind));
		int w;

		if ((f = fopen(path, "w")) == NULL) {
			fprintf(stderr, "tiku: %s: %s\n", path, strerror(errno));
			goto done;
		}
		w = paper_manifest_write(s, bank, spec, set, f);
		if (fclose(f) != 0 || w < 0) {
			fprintf(stderr, "tiku: %s: %s\n", path, strerror(errno));
			goto done;
		}
	}
	rc = 0;
done:
	free(css);
	free(pcss);
	build_close(&b);
	return rc;
}

/*
 * A set appears whole or not at all: its files are written into a staging
 * directory inside out, then moved in together, so that a failure midway
 * cannot leave new forms beside an old key or manifest.
 */
int
site_papers(const struct standard *s, const struct bank *bank,
    const struct paper_spec *spec, const struct site_config *c,
    const struct paper_set *set, unsigned formats, const char *out,
    struct diag *d)
{
	char *stage;
	int rc;

	if ((rc = make_dir(out)) != 0)
		return rc;
	if ((stage = outdir_stage(out)) == NULL)
		return 2;
	rc = write_set(s, bank, spec, c, set, formats, stage, d);
	if (outdir_unstage(stage, out, rc == 0) < 0 && rc == 0)
		rc = 2;
	free(stage);
	return rc;
}

/* A level's sample PDFs, one per set, written together (their fonts
 * subset once) when its sets are done. */
struct level_pdfs {
	struct typeset *docs[3];
	char *paths[3];
	size_t n;
};

/* Write them unless rc (the sets' result) is an error; free them.
 * Returns rc, or 2 if a PDF could not be written. */
static int
level_pdfs(struct level_pdfs *p, int rc)
{
	size_t i;

	if (rc == 0 && p->n > 0 && typeset_write_all(p->docs,
	    (const char *const *)p->paths, p->n) < 0)
		rc = 2;
	for (i = 0; i < p->n; i++) {
		typeset_free(p->docs[i]);
		free(p->paths[i]);
	}
	return rc;
}

/*
 * The sample sets of the site: for a level, three theory forms, one skill
 * form, and a review form where the level has a review, each with keys,
 * an ePub and its manifest, under LN/papers/. Returns 0, 1 or 2; on a
 * bank that cannot meet them, 1 with the reason in d.
 */
static int
site_sample_papers(struct build *b, struct outdir *o, const struct bank *bank,
    const struct paper_spec *spec, const struct level *lv, json_t *links)
{
	struct { enum paper_kind kind; int forms; } sets[] = {
		{ PAPER_THEORY, 3 }, { PAPER_SKILL, 1 }, { PAPER_REVIEW, 1 },
	};
	struct level_pdfs pdfs = { { NULL }, { NULL }, 0 };
	size_t k, i;
	int rc = 0;

	for (k = 0; k < 3; k++) {
		struct paper_request req;
		struct paper_set set;
		struct rendered *r = NULL;
		struct buf why = {0};
		size_t n = 0;
		char rel[512], *path, *text;
		json_t *group;

		if (sets[k].kind == PAPER_REVIEW && !lv->has_review)
			continue;
		memset(&req, 0, sizeof req);
		req.level = lv->number;
		req.kind = sets[k].kind;
		req.forms = sets[k].forms;
		req.seed = b->c->seed;
		if (paper_assemble(b->s, bank, spec, &req, &set, &why) < 0) {
			/* a small bank still gets its site, without sample papers */
			const char *reason = why.data ? why.data : "";
			int len = (int)strcspn(reason, "\n");

			fprintf(stderr, "tiku: note: no sample %s papers for level %d: "
			    "%.*s%s\n", paper_kind_name(req.kind), lv->number, len,
			    reason, reason[len] && reason[len + 1] ? " …" : "");
			buf_free(&why);
			continue;
		}
		if (render_set(b, &set, "../../", 0, &r, &n) != 0) {
			free_rendered(r, n);
			paper_set_free(&set);
			return level_pdfs(&pdfs, 1);
		}
		group = json_object();
		json_object_set_new(group, "kind", json_string(paper_kind_name(
		    req.kind)));
		json_object_set_new(group, "forms", json_array());
		rc = 0;
		for (i = 0; i < n && rc == 0; i++) {
			snprintf(rel, sizeof rel, "%s/papers/%s", lv->id, r[i].name);
			rc = write_string(o, rel, r[i].html) < 0 ? 2 : 0;
		}
		/* render_set gives the papers, then their keys in the same order */
		for (i = 0; i < set.n_forms; i++) {
			json_t *f = json_object();

			json_object_set_new(f, "code", json_string(set.forms[i].code));
			json_object_set_new(f, "paper", json_sprintf("%s/papers/%s",
			    lv->id, r[i].name));
			json_object_set_new(f, "key", json_sprintf("%s/papers/%s",
			    lv->id, r[i + set.n_forms].name));
			json_array_append_new(json_object_get(group, "forms"), f);
		}
		snprintf(rel, sizeof rel, "downloads/papers-%s-%s.epub", lv->id,
		    paper_kind_name(req.kind));
		json_object_set_new(group, "epub", json_string(rel));
		if (rc == 0 && (path = outdir_path(o, rel)) != NULL) {
			rc = write_set_epub(b, &set, r, n, path);
			free(path);
		} else if (rc == 0)
			rc = 2;
		/* the first form printable as PDF: one per set keeps the build
		 * fast; the level's are written together, after its sets */
		snprintf(rel, sizeof rel, "downloads/paper-%s-%s-%s.pdf", lv->id,
		    paper_kind_name(req.kind), set.forms[0].code);
		json_object_set_new(group, "pdf", json_string(rel));
		if (rc == 0 && (pdfs.paths[pdfs.n] = outdir_path(o, rel)) != NULL)
			pdfs.docs[pdfs.n++] = pdf_paper(b->s, &set, &set.forms[0], 0);
		else if (rc == 0)
			rc = 2;
		snprintf(rel, sizeof rel, "%s/papers/manifest-%s.json", lv->id,
		    paper_kind_name(req.kind));
		json_object_set_new(group, "manifest", json_string(rel));
		if (rc == 0) {
			text = manifest_text(b, bank, spec, &set);
			rc = write_string(o, rel, text) < 0 ? 2 : 0;
			free(text);
		}
		json_array_append_new(links, group);
		free_rendered(r, n);
		paper_set_free(&set);
		if (rc)
			break;
	}
	return level_pdfs(&pdfs, rc);
}


/* Render a body template in the site layout and write it at rel. */
static int
site_page(struct build *b, struct outdir *o, const char *rel,
    const char *body, json_t *data)
{
	char *page = render_in_layout(b, body, "layout.html", data);
	int rc;

	if (page == NULL)
		return 1;
	rc = write_string(o, rel, page) < 0 ? 2 : 0;
	free(page);
	return rc;
}

static json_t *
level_page_data(struct build *b, const struct level *lv, const char *what,
    const char *page_title, json_t *paper_links)
{
	json_t *data = json_object(), *crumbs = json_array();
	char title[256];

	snprintf(title, sizeof title, "%s%s", lv->name, page_title);
	json_array_append_new(crumbs, crumb("index.html", b->s->name));
	if (what) {
		char href[64];

		snprintf(href, sizeof href, "%s/index.html", lv->id);
		json_array_append_new(crumbs, crumb(href, lv->name));
	}
	json_array_append_new(crumbs, crumb(NULL, what ? page_title : lv->name));
	json_object_set_new(data, "page", page_json(title, "../", crumbs));
	json_object_set_new(json_object_get(data, "page"), "script",
	    json_sprintf("../data/%s.js", lv->id));
	json_object_set(data, "standard", b->standard);
	json_object_set_new(data, "level", json_pack("{s:i,s:s,s:s,s:i,s:b}",
	    "level", lv->number, "id", lv->id, "name", lv->name,
	    "training_hours", lv->training_hours, "has_review", lv->has_review));
	json_object_set(data, "papers", paper_links);
	return data;
}

/*
 * A level's self-study pages: its landing page, practice and mock exams,
 * and the data script they read (six mock forms drawn like per-candidate
 * papers, no item on more than half of them). Returns 0, 1 or 2.
 */
static int
study_pages(struct build *b, struct outdir *o, const struct bank *bank,
    const struct paper_spec *spec, const struct level *lv,
    json_t *paper_links)
{
	static const struct { const char *file, *body, *title; } pages[] = {
		{ "index.html", "level.html", NULL },
		{ "practice.html", "practice.html", "练习" },
		{ "mock.html", "mock.html", "模拟考试" },
	};
	struct paper_request req;
	struct paper_set mock;
	struct buf why = {0};
	char rel[256], *script;
	size_t i;
	int rc = 0;

	memset(&req, 0, sizeof req);
	req.level = lv->number;
	req.kind = PAPER_THEORY;
	req.candidates = 6;
	req.exposure = 0.5;
	req.seed = b->c->seed;
	if (paper_assemble(b->s, bank, spec, &req, &mock, &why) < 0) {
		/* a small bank: practice only, and the board is told why */
		const char *reason = why.data ? why.data : "";
		int len = (int)strcspn(reason, "\n");

		fprintf(stderr, "tiku: note: no mock exams for level %d: %.*s%s\n",
		    lv->number, len, reason, reason[len] && reason[len + 1] ?
		    " …" : "");
		memset(&mock, 0, sizeof mock);
		mock.minutes = spec->theory_minutes;
	}
	buf_free(&why);
	script = level_script(b, bank, lv->number, &mock);
	snprintf(rel, sizeof rel, "data/%s.js", lv->id);
	rc = write_string(o, rel, script) < 0 ? 2 : 0;
	free(script);
	for (i = 0; i < 3 && rc == 0; i++) {
		json_t *data = level_page_data(b, lv, pages[i].title ?
		    pages[i].title : NULL, pages[i].title ? pages[i].title : "",
		    paper_links);

		json_object_set_new(data, "mock_forms",
		    json_integer((json_int_t)mock.n_forms));
		json_object_set_new(data, "minutes", json_integer(mock.minutes));
		json_object_set_new(data, "pass_mark",
		    json_integer(b->s->pass_mark));
		snprintf(rel, sizeof rel, "%s/%s", lv->id, pages[i].file);
		rc = site_page(b, o, rel, pages[i].body, data);
		json_decref(data);
	}
	paper_set_free(&mock);
	return rc;
}

/*
 * A level's teacher page (tiku course's HTML): the course from the
 * content's date, Monday to Friday, 4 hours a day, quizzes in
 * presentation mode. Returns 0, 1 (settings errors in d) or 2.
 */
static int
course_page(struct build *b, struct outdir *o, const struct bank *bank,
    const struct level *lv, json_t *paper_links)
{
	struct course_options opt = { lv->number,
	    course_parse_date(b->s->modified), 4, 0x1f, NULL, 0 };
	struct course c;
	json_t *data, *more;
	char rel[256];
	int rc;

	if (course_make(b->s, bank, &opt, &c, b->d) < 0)
		return 1;
	data = level_page_data(b, lv, "教学", "教学", paper_links);
	json_object_set_new(json_object_get(data, "page"), "script",
	    json_string("../present.js"));
	more = coursedocs_page_data(b->s, &c);
	json_object_update(data, more);
	json_decref(more);
	snprintf(rel, sizeof rel, "%s/course.html", lv->id);
	rc = site_page(b, o, rel, "course.html", data);
	json_decref(data);
	course_free(&c);
	return rc;
}

/* The search page and its index. Returns 0, 1 or 2. */
static int
search_page(struct build *b, struct outdir *o, const struct bank *bank)
{
	json_t *data = json_object(), *crumbs = json_array();
	char *script = search_script(b, bank);
	int rc;

	rc = write_string(o, "data/search.js", script) < 0 ? 2 : 0;
	free(script);
	json_array_append_new(crumbs, crumb("index.html", b->s->name));
	json_array_append_new(crumbs, crumb(NULL, "搜索"));
	json_object_set_new(data, "page", page_json("搜索", "", crumbs));
	json_object_set_new(json_object_get(data, "page"), "script",
	    json_string("data/search.js"));
	json_object_set(data, "standard", b->standard);
	if (rc == 0)
		rc = site_page(b, o, "search.html", "search.html", data);
	json_decref(data);
	return rc;
}

/* ---- installable and offline over http(s) ---- */

/* What the service worker caches at install: every level's pages and
 * data; banks, papers and books are cached when first opened. */
static json_t *
precache_list(const struct standard *s)
{
	static const char *const shared[] = { "index.html", "search.html",
	    "style.css", "tiku.js", "present.js", "icon.svg",
	    "manifest.webmanifest",
	    "data/search.js", NULL };
	static const char *const per_level[] = { "index.html", "syllabus.html",
	    "practice.html", "mock.html", "course.html", NULL };
	json_t *a = json_array();
	size_t i, k;

	for (k = 0; shared[k]; k++)
		json_array_append_new(a, json_string(shared[k]));
	for (i = 0; i < s->n_levels; i++) {
		for (k = 0; per_level[k]; k++)
			json_array_append_new(a, json_sprintf("%s/%s", s->levels[i].id,
			    per_level[k]));
		json_array_append_new(a, json_sprintf("data/%s.js",
		    s->levels[i].id));
	}
	for (i = 0; i < s->n_media; i++)
		json_array_append_new(a, json_sprintf("media/%s", s->media[i]));
	return a;
}

/*
 * The web app manifest, the icon and the service worker. The worker's
 * cache is named for a digest (FNV-1a) of the files it precaches, so a
 * new build replaces what an installed copy holds, and the same build
 * gives the same bytes. Returns 0, 1 or 2.
 */
static int
offline_files(struct build *b, struct outdir *o)
{
	json_t *list = precache_list(b->s), *v, *manifest;
	unsigned long long digest = 1469598103934665603ULL;
	char *icon, *worker, *text, *list_text, *path;
	size_t len, i, k;
	struct buf out = {0};
	int rc = 0;

	manifest = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:[{s:s,s:s,s:s}]}",
	    "name", b->s->name, "short_name", b->s->name, "lang", "zh-CN",
	    "start_url", "index.html", "scope", "./", "display", "standalone",
	    "background_color", "#ffffff", "theme_color", "#0b5cad", "icons",
	    "src", "icon.svg", "sizes", "any", "type", "image/svg+xml");
	text = dump_string(manifest);
	json_decref(manifest);
	rc = write_string(o, "manifest.webmanifest", text) < 0 ? 2 : 0;
	free(text);
	if (rc == 0 && (icon = read_asset(b, "icon.svg", &len)) != NULL) {
		rc = outdir_write(o, "icon.svg", icon, len) < 0 ? 2 : 0;
		free(icon);
	} else if (rc == 0)
		rc = 1;
	json_array_foreach(list, i, v) {
		char *data;

		if (rc || (path = outdir_path(o, json_string_value(v))) == NULL)
			break;
		data = read_file(path, &len);
		free(path);
		for (k = 0; data != NULL && k < len; k++)
			digest = (digest ^ (unsigned char)data[k]) * 1099511628211ULL;
		free(data);
	}
	if (rc == 0 && (worker = read_asset(b, "sw.js", &len)) != NULL) {
		list_text = json_dumps(list, JSON_COMPACT);
		buf_printf(&out, "var VERSION = \"%016llx\";\nvar PRECACHE = %s;\n%s",
		    digest, list_text, worker);
		rc = write_string(o, "sw.js", out.data) < 0 ? 2 : 0;
		free(list_text);
		free(worker);
	} else if (rc == 0)
		rc = 1;
	buf_free(&out);
	json_decref(list);
	return rc;
}
