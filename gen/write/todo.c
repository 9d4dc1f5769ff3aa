/*
 * todo: one stub file per knowledge point short of its minimum of theory
 * items, so that a writer fills blanks instead of copying headers.
 */
#include "write/todo.h"
#include "bank/bank.h"
#include "core/model.h"
#include "core/outdir.h"
#include "core/util.h"
#include "plan/coverage.h"

#include <stdio.h>
#include <string.h>

/* The stub of one knowledge point: n blank single-choice items. */
static int
stub(struct outdir *o, const char *id, const char *text, int n)
{
	struct buf md = {0}, name = {0};
	int i, rc;

	buf_printf(&md, "# 待写：%s %s\n", id, text);
	for (i = 1; i <= n; i++)
		buf_printf(&md, "\n## %s-%02d\n\n- 知识点：%s\n- 题型：单选题\n"
		    "- 难度：2\n\n（题干）（　）。\n\nA. \nB. \nC. \nD. \n\n答案：\n\n"
		    "解析：\n", id, i, id);
	buf_printf(&name, "%s.md", id);
	rc = outdir_write(o, name.data, md.data, md.len);
	buf_free(&md);
	buf_free(&name);
	return rc;
}

static int
check(struct outdir *o, const struct bank *b, const char *id,
    const char *text, int *files)
{
	int have = coverage_knowledge_items(b, id);

	if (have >= MIN_THEORY_PER_KNOWLEDGE)
		return 0;
	(*files)++;
	return stub(o, id, text, MIN_THEORY_PER_KNOWLEDGE - have);
}

int
todo_write(const struct standard *s, const struct bank *b, const char *dir)
{
	struct outdir o;
	struct buf target = {0};
	size_t i, j, k, m;
	int files = 0, rc = 0;

	buf_printf(&target, "%s/todo", dir);
	if (outdir_open_content(&o, target.data) < 0) {
		buf_free(&target);
		return -1;
	}
	buf_free(&target);
	for (i = 0; i < s->n_basic && rc == 0; i++)
		for (j = 0; j < s->basic[i].n_sections && rc == 0; j++) {
			const struct basic_section *sec = &s->basic[i].sections[j];

			if (sec->n_items == 0)
				rc = check(&o, b, sec->id, sec->title, &files);
			for (k = 0; k < sec->n_items && rc == 0; k++)
				rc = check(&o, b, sec->items[k].id, sec->items[k].text,
				    &files);
		}
	for (i = 0; i < s->n_levels && rc == 0; i++)
		for (j = 0; j < s->levels[i].n_functions; j++)
			for (k = 0; k < s->levels[i].functions[j].n_work; k++) {
				const struct work_content *wc =
				    &s->levels[i].functions[j].work[k];

				for (m = 0; m < wc->n_knowledge && rc == 0; m++)
					rc = check(&o, b, wc->knowledge[m].id,
					    wc->knowledge[m].text, &files);
			}
	if (rc == 0 && outdir_commit(&o) == 0)
		return files;
	outdir_abort(&o);
	return -1;
}
