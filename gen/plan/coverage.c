#include "plan/coverage.h"
#include "bank/itemstats.h"
#include "bank/bank.h"
#include "plan/blueprint.h"

#include <stdlib.h>
#include <string.h>

/* Theory items (by type) naming a knowledge id. */
static void
count_knowledge(const struct bank *b, const char *id, int n[ITEM_TYPES])
{
	size_t i, k;

	memset(n, 0, sizeof(int) * ITEM_TYPES);
	for (i = 0; i < b->n; i++)
		for (k = 0; k < b->items[i].n_knowledge; k++)
			if (strcmp(b->items[i].knowledge[k], id) == 0) {
				n[b->items[i].type]++;
				break;
			}
}

int
coverage_knowledge_items(const struct bank *b, const char *id)
{
	int n[ITEM_TYPES];

	count_knowledge(b, id, n);
	return n[ITEM_JUDGE] + n[ITEM_SINGLE] + n[ITEM_MULTI];
}

static int
knowledge_line(FILE *f, const struct bank *b, const char *id,
    const char *text)
{
	int n[ITEM_TYPES], total;

	count_knowledge(b, id, n);
	total = n[ITEM_JUDGE] + n[ITEM_SINGLE] + n[ITEM_MULTI];
	fprintf(f, "  %-12s %3d %3d %3d  %3d%s  %s\n", id, n[ITEM_JUDGE],
	    n[ITEM_SINGLE], n[ITEM_MULTI], total,
	    total < MIN_THEORY_PER_KNOWLEDGE ? " !" : "  ", text);
	return total < MIN_THEORY_PER_KNOWLEDGE;
}

/* The statistics of past sittings (content/stats/): every item that has
 * them, flagged ones marked; nothing when there are none. */
static void
stats_lines(FILE *f, const struct bank *b)
{
	size_t i, n = 0;

	for (i = 0; i < b->n; i++)
		n += b->items[i].stat != NULL;
	if (n == 0)
		return;
	fprintf(f, "\nItem statistics from content/stats/ (%zu items; p, "
	    "corrected r, Rasch b, infit, outfit, flags)\n", n);
	for (i = 0; i < b->n; i++) {
		const struct item *it = &b->items[i];
		const struct item_stat *st = it->stat;

		if (st == NULL)
			continue;
		fprintf(f, "  %-14s %5.2f %5.2f %6.2f %5.2f %5.2f%s%s  %s:%d\n",
		    it->id, st->p, st->r_drop, st->b, st->infit, st->outfit,
		    st->flags[0] ? "  ! " : "", st->flags, it->at.file, it->at.line);
	}
}

int
coverage_report(const struct standard *s, const struct bank *b,
    const struct paper_spec *spec, FILE *f)
{
	int failures = 0;
	size_t i, j, k, m;

	fprintf(f, "Theory items per knowledge point (judge single multi, "
	    "total; at least %d)\n", MIN_THEORY_PER_KNOWLEDGE);
	for (i = 0; i < s->n_basic; i++)
		for (j = 0; j < s->basic[i].n_sections; j++) {
			const struct basic_section *sec = &s->basic[i].sections[j];

			if (sec->n_items == 0)
				failures += knowledge_line(f, b, sec->id, sec->title);
			for (k = 0; k < sec->n_items; k++)
				failures += knowledge_line(f, b, sec->items[k].id,
				    sec->items[k].text);
		}
	for (i = 0; i < s->n_levels; i++) {
		const struct level *lv = &s->levels[i];

		for (j = 0; j < lv->n_functions; j++)
			for (k = 0; k < lv->functions[j].n_work; k++) {
				const struct work_content *wc = &lv->functions[j].work[k];

				for (m = 0; m < wc->n_knowledge; m++)
					failures += knowledge_line(f, b,
					    wc->knowledge[m].id, wc->knowledge[m].text);
			}
	}

	fprintf(f, "\nSkill tasks per work content (at least %d)\n",
	    MIN_TASKS_PER_WORK_CONTENT);
	for (i = 0; i < s->n_levels; i++) {
		const struct level *lv = &s->levels[i];

		for (j = 0; j < lv->n_functions; j++)
			for (k = 0; k < lv->functions[j].n_work; k++) {
				const struct work_content *wc = &lv->functions[j].work[k];
				int n = 0;

				for (m = 0; m < b->n; m++)
					n += b->items[m].type == ITEM_SKILL &&
					    b->items[m].work_content &&
					    strcmp(b->items[m].work_content, wc->id) == 0;
				fprintf(f, "  %-10s %3d%s  %s\n", wc->id, n,
				    n < MIN_TASKS_PER_WORK_CONTENT ? " !" : "  ",
				    wc->name);
				failures += n < MIN_TASKS_PER_WORK_CONTENT;
			}
	}

	fprintf(f, "\nReview questions per function (levels with a review; at "
	    "least %d)\n", MIN_REVIEW_PER_FUNCTION);
	for (i = 0; i < s->n_levels; i++) {
		const struct level *lv = &s->levels[i];

		if (!lv->has_review)
			continue;
		for (j = 0; j < lv->n_functions; j++) {
			int n = 0;

			for (m = 0; m < b->n; m++)
				n += b->items[m].type == ITEM_REVIEW &&
				    b->items[m].function &&
				    strcmp(b->items[m].function,
				    lv->functions[j].id) == 0;
			fprintf(f, "  %-10s %3d%s  %s\n", lv->functions[j].id, n,
			    n < MIN_REVIEW_PER_FUNCTION ? " !" : "  ",
			    lv->functions[j].name);
			failures += n < MIN_REVIEW_PER_FUNCTION;
		}
	}

	for (i = 0; i < s->n_levels; i++) {
		const struct level *lv = &s->levels[i];
		struct blueprint bp;
		struct buf why = {0};
		int rc = blueprint_make(s, b, spec, lv->number, COVERAGE_FORMS,
		    &bp, &why);

		fprintf(f, "\nLevel %d (%s): theory blueprint per form, and the "
		    "pool for %d disjoint forms\n", lv->number, lv->name,
		    COVERAGE_FORMS);
		fprintf(f, "  %-14s %6s  %-14s %-16s %s\n", "area", "points",
		    "judge/single/multi", "pool j/s/m", "own points (needed)");
		for (j = 0; j < bp.n_areas; j++) {
			const struct blueprint_area *a = &bp.areas[j];
			char counts[32], pool[32], own[48];

			snprintf(counts, sizeof counts, "%d/%d/%d", a->count[0],
			    a->count[1], a->count[2]);
			snprintf(pool, sizeof pool, "%d/%d/%d", a->pool[0],
			    a->pool[1], a->pool[2]);
			if (a->is_function)
				snprintf(own, sizeof own, "%d (%d)", a->own_pool_points,
				    a->own_needed * COVERAGE_FORMS);
			else
				snprintf(own, sizeof own, "—");
			fprintf(f, "  %-14s %6d  %-18s %-16s %s\n", a->area, a->weight,
			    counts, pool, own);
		}
		if (rc < 0) {
			const char *line = why.data ? why.data : "infeasible\n";

			while (*line) {
				const char *eol = strchr(line, '\n');
				int len = eol ? (int)(eol - line) : (int)strlen(line);

				fprintf(f, "  ! %.*s\n", len, line);
				line += len + (eol != NULL);
			}
			failures++;
		}
		buf_free(&why);
	}
	stats_lines(f, b);
	fprintf(f, "\n%s: %d minimum%s not met\n", failures ? "FAIL" : "OK",
	    failures, failures == 1 ? "" : "s");
	return failures;
}
