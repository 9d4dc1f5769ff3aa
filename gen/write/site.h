/*
 * site: renders pages and books from the model through the templates and
 * writes them into an output tree. The whole site goes through outdir, so
 * a failed build leaves the previous site as it was.
 */
#ifndef TIKU_SITE_H
#define TIKU_SITE_H

struct diag;
struct standard;

struct site_config {
	const char *templates;  /* the templates directory */
	const char *lua;        /* the Lua modules directory */
	unsigned long seed;
};

enum { FORMAT_HTML = 1, FORMAT_EPUB = 2, FORMAT_JSON = 4, FORMAT_MOODLE = 8,
    FORMAT_XLSX = 16, FORMAT_QTI = 32, FORMAT_DOCX = 64,
    FORMAT_PDF = 128 };

struct bank;
struct paper_spec;

/* Write the whole site into out. Returns 0, 1 (content errors in d) or 2. */
int site_build(const struct standard *s, const struct bank *b,
    const struct paper_spec *spec, const struct site_config *c,
    const char *out, struct diag *d);
/*
 * Write one level's syllabus in the given formats into the directory out
 * (created if needed; files there are replaced one by one, each only after
 * everything rendered). Returns 0, 1 or 2 as site_build.
 */
int site_syllabus(const struct standard *s, const struct site_config *c,
    int level, unsigned formats, const char *out, struct diag *d);

/* Write one level's item bank like site_syllabus: bank-LN.html, .epub, .json;
 * spec's 评分通则 go with the rubrics. */
int site_bank(const struct standard *s, const struct bank *b,
    const struct paper_spec *spec, const struct site_config *c, int level,
    unsigned formats, const char *out, struct diag *d);

struct paper_set;

/* Write a drawn set: each form and key as HTML (with style.css), the set
 * as one ePub, and the manifest; like site_syllabus. */
int site_papers(const struct standard *s, const struct bank *b,
    const struct paper_spec *spec, const struct site_config *c,
    const struct paper_set *set, unsigned formats, const char *out,
    struct diag *d);

#endif
