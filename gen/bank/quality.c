/*
 * quality: runs the item-writing rules (quality_text.c, quality_words.c)
 * and the bank-wide shares over a resolved bank, matches findings with
 * the items' 豁免 lines, and prints the findings and the summary.
 */
#include "bank/bank.h"
#include "bank/quality.h"
#include "bank/quality_rules.h"
#include "core/util.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const rule_names[Q_RULES] = {
	"key-longest", "word-clue", "absolute-word", "all-of-above",
	"negative-stem", "multi-keys", "near-duplicate", "restates-heading",
	"misconduct", "rubric-fact", "rubric-split", "rubric-veto",
	"option-letter", "option-order", "key-longest-share", "judge-balance",
	"key-position", "judge-cue", "key-rank",
	"unused-waiver",
};

struct finding {
	char *file, *message;
	int line;
	enum quality_rule rule;
	int waived;
	int level, type;        /* -1 for a bank-level finding */
	size_t seq;
};

struct quality_run {
	const struct standard *s;
	const struct bank *b;
	struct finding *f;
	size_t n, cap;
	unsigned *used;         /* per item: bit r set when 豁免 of r applied */
};

int
quality_rule_known(const char *rule)
{
	int r;

	for (r = 0; r < Q_WAIVABLE; r++)
		if (strcmp(rule, rule_names[r]) == 0)
			return 1;
	return 0;
}

const char *
quality_rule_names(void)
{
	static char names[512];
	int r;

	if (names[0] == '\0')
		for (r = 0; r < Q_WAIVABLE; r++) {
			if (r > 0)
				strcat(names, ", ");
			strcat(names, rule_names[r]);
		}
	return names;
}

/* Does it hold a 豁免 of rule r? Marks the waiver used. */
static int
waives(struct quality_run *q, const struct item *it, enum quality_rule r)
{
	size_t i;

	for (i = 0; it && i < it->n_waivers; i++)
		if (strcmp(it->waivers[i].rule, rule_names[r]) == 0) {
			q->used[it - q->b->items] |= 1u << r;
			return 1;
		}
	return 0;
}

void
quality_add(struct quality_run *q, const struct item *it,
    const struct item *also, const char *file, int line, enum quality_rule r,
    const char *fmt, ...)
{
	struct finding *f;
	va_list ap;
	char msg[1024];
	int w;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	w = waives(q, it, r);
	w = waives(q, also, r) || w;
	if (q->n == q->cap) {
		q->cap = q->cap ? q->cap * 2 : 256;
		q->f = xrealloc(q->f, q->cap * sizeof *q->f);
	}
	f = &q->f[q->n];
	f->file = xstrdup(file ? file : "");
	f->message = xstrdup(msg);
	f->line = line;
	f->rule = r;
	f->waived = w;
	f->level = it ? it->level : -1;
	f->type = it ? (int)it->type : -1;
	f->seq = q->n++;
}

static int
popcount(unsigned x)
{
	int n = 0;

	for (; x; x &= x - 1)
		n++;
	return n;
}

/* Are the keys the strictly longest options? 1/chance in *odds. */
static int
keys_longest(const struct item *it, double *odds)
{
	size_t kmin = (size_t)-1, dmax = 0, len;
	int i, k = popcount(it->answer), n = it->n_options;
	double c = 1;

	for (i = 0; i < n; i++) {
		len = quality_text_length(it->options[i].text);
		if (it->answer & (1u << i))
			kmin = len < kmin ? len : kmin;
		else
			dmax = len > dmax ? len : dmax;
	}
	/* keys placed at random: the chance that they are the k longest of
	 * n is 1 / C(n, k) */
	for (i = 0; i < k; i++)
		c = c * (n - i) / (i + 1);
	*odds = c;
	return kmin > dmax;
}

/* The index of a single-choice key: its one bit in answer. */
static int
key_index(unsigned answer)
{
	int k;

	for (k = 0; !(answer & (1u << k)); k++)
		;
	return k;
}

static const char *
level_label(int level, char *buf, size_t size)
{
	if (level == 0)
		snprintf(buf, size, "B");
	else
		snprintf(buf, size, "L%d", level);
	return buf;
}

/* The share of keys that are the longest option, per level and type,
 * against the share chance gives (Haladyna et al. 2002, guideline 24). */
struct share {
	int items, longest;
	double chance;          /* sum of the items' chances */
};

static void
key_share(struct quality_run *q, struct share sh[][ITEM_TYPES],
    const char *dir)
{
	size_t i;
	int l, t;
	char lb[8];

	for (i = 0; i < q->b->n; i++) {
		const struct item *it = &q->b->items[i];
		double odds;

		if (it->type != ITEM_SINGLE && it->type != ITEM_MULTI)
			continue;
		sh[it->level][it->type].items++;
		sh[it->level][it->type].longest += keys_longest(it, &odds);
		sh[it->level][it->type].chance += 1 / odds;
	}
	for (l = 0; l <= LEVEL_MAX; l++)
		for (t = ITEM_SINGLE; t <= ITEM_MULTI; t++) {
			struct share *s = &sh[l][t];

			/* outside half to half again the chance, on at least
			 * ten items: either way a test-wise candidate learns
			 * something from option length */
			if (s->items < 10 || (s->longest * 2 <= s->chance * 3 &&
			    s->longest * 2 >= s->chance))
				continue;
			quality_add(q, NULL, NULL, dir, 0, Q_KEY_LONGEST_SHARE,
			    "%s %s: the keys of %d of %d items are the longest "
			    "options (%d %%, chance %.0f %%); %s",
			    level_label(l, lb, sizeof lb),
			    item_type_label((enum item_type)t), s->longest,
			    s->items, s->longest * 100 / s->items,
			    s->chance * 100 / s->items, s->longest * 2 >
			    s->chance * 3 ? "shorten keys or lengthen distractors" :
			    "let the key be the longest option as often as chance");
		}
}

/* Items of one level and area, in bank order: judge and single ones. */
struct group {
	int level;
	const char *area;
	int judge, judge_true, single, keys[4];
};

static struct group *
find_group(struct group **g, size_t *n, size_t *cap, const struct item *it)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if ((*g)[i].level == it->level && strcmp((*g)[i].area,
		    it->area) == 0)
			return &(*g)[i];
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 32;
		*g = xrealloc(*g, *cap * sizeof **g);
	}
	memset(&(*g)[*n], 0, sizeof **g);
	(*g)[*n].level = it->level;
	(*g)[*n].area = it->area;
	return &(*g)[(*n)++];
}

/* 判断题 true within 40-60 % and single-choice key letters within 25 ± 5 %
 * per level and area; smaller groups are not judged, since one item moves
 * their shares by more than the tolerance. */
static void
balance(struct quality_run *q, const char *dir)
{
	struct group *g = NULL;
	size_t n = 0, cap = 0, i;
	char lb[8];
	int k;

	for (i = 0; i < q->b->n; i++) {
		const struct item *it = &q->b->items[i];
		struct group *gr;

		if (it->area == NULL || (it->type != ITEM_JUDGE &&
		    it->type != ITEM_SINGLE))
			continue;
		gr = find_group(&g, &n, &cap, it);
		if (it->type == ITEM_JUDGE) {
			gr->judge++;
			gr->judge_true += it->answer != 0;
		} else if (it->answer && it->answer < 16) {
			gr->single++;
			gr->keys[key_index(it->answer)]++;
		}
	}
	for (i = 0; i < n; i++) {
		struct group *gr = &g[i];

		level_label(gr->level, lb, sizeof lb);
		if (gr->judge >= 10 && (gr->judge_true * 10 < gr->judge * 4 ||
		    gr->judge_true * 10 > gr->judge * 6))
			quality_add(q, NULL, NULL, dir, 0, Q_JUDGE_BALANCE,
			    "%s %s: %d of %d 判断题 are true (%d %%); keep it "
			    "within 40-60 %%", lb, gr->area, gr->judge_true,
			    gr->judge, gr->judge_true * 100 / gr->judge);
		for (k = 0; gr->single >= 12 && k < 4; k++)
			if (gr->keys[k] * 100 < gr->single * 20 ||
			    gr->keys[k] * 100 > gr->single * 30) {
				quality_add(q, NULL, NULL, dir, 0, Q_KEY_POSITION,
				    "%s %s: the keys of %d 单选题 are A %d, B %d, "
				    "C %d, D %d; %c at %d %% is outside 20-30 %%",
				    lb, gr->area, gr->single, gr->keys[0],
				    gr->keys[1], gr->keys[2], gr->keys[3], 'A' + k,
				    gr->keys[k] * 100 / gr->single);
				break;
			}
	}
	free(g);
}

/*
 * 判断题 whose truth a qualifier gives away, across the bank: claims that
 * hedge (可能, 通常) are true and claims that sweep (只需, 能够) are false
 * when a writer follows habit, and a test-wise candidate learns the habit.
 * Each word of the lexicon found in at least 5 claims must leave between
 * a fifth and four fifths of them true. Up to 8 ids are named.
 */
static void
judge_cues(struct quality_run *q, const char *dir)
{
	static const char *const cues[] = { "可能", "一般", "通常", "往往",
		"不一定", "不能", "只需", "即可", "只要", "能够", "直接", "一律",
		"因此", NULL };
	struct buf ids = {0};
	size_t i, c;

	for (c = 0; cues[c]; c++) {
		int n = 0, yes = 0;

		buf_clear(&ids);
		for (i = 0; i < q->b->n; i++) {
			const struct item *it = &q->b->items[i];

			if (it->type != ITEM_JUDGE || strstr(it->stem_text,
			    cues[c]) == NULL)
				continue;
			n++;
			yes += it->answer != 0;
			if (n <= 8)
				buf_printf(&ids, "%s%s", n > 1 ? ", " : "", it->id);
		}
		if (n >= 5 && (yes * 5 < n || yes * 5 > n * 4))
			quality_add(q, NULL, NULL, dir, 0, Q_JUDGE_CUE,
			    "'%s' is in %d 判断题 and %d of them are true (%d %%): "
			    "the word gives the answer away; make the share "
			    "20-80 %% (%s%s)", cues[c], n, yes, yes * 100 / n,
			    ids.data, n > 8 ? ", …" : "");
	}
	buf_free(&ids);
}

/*
 * key-rank: a generator's single-choice variants of one kind (its params'
 * "kind", else the whole family) in fixed order. A candidate who practises
 * on the family sees them all, and learns where the key of that kind of
 * question stands when it stands at one place in more than half of them
 * (chance: one in the number of options). Judged from 6 variants on.
 */
struct rank_group {
	const char *family, *file;
	char kind[64];
	int n, at[OPTIONS_MAX];
};

static void
params_kind(const char *params, char *kind, size_t size)
{
	json_t *j = params ? json_loads(params, 0, NULL) : NULL;
	const char *k = json_string_value(json_object_get(j, "kind"));

	snprintf(kind, size, "%s", k ? k : "");
	json_decref(j);
}

static void
key_ranks(struct quality_run *q)
{
	struct rank_group *g = NULL;
	size_t n = 0, i, j;
	int k, best;
	char kind[64];

	for (i = 0; i < q->b->n; i++) {
		const struct item *it = &q->b->items[i];

		if (!it->generated || !it->fixed_order ||
		    it->type != ITEM_SINGLE || it->answer == 0)
			continue;
		params_kind(it->params, kind, sizeof kind);
		for (j = 0; j < n && (strcmp(g[j].family, it->family) ||
		    strcmp(g[j].kind, kind)); j++)
			;
		if (j == n) {
			g = xrealloc(g, ++n * sizeof *g);
			memset(&g[j], 0, sizeof *g);
			g[j].family = it->family;
			g[j].file = it->at.file;
			memcpy(g[j].kind, kind, sizeof kind);
		}
		g[j].n++;
		g[j].at[key_index(it->answer)]++;
	}
	for (j = 0; j < n; j++) {
		for (best = 0, k = 1; k < OPTIONS_MAX; k++)
			if (g[j].at[k] > g[j].at[best])
				best = k;
		if (g[j].n >= 6 && g[j].at[best] * 2 > g[j].n)
			quality_add(q, NULL, NULL, g[j].file, 0, Q_KEY_RANK,
			    "%s%s%s: the key is option %c in %d of %d variants "
			    "(options in fixed order); vary where the key "
			    "stands", g[j].family, g[j].kind[0] ? " kind " : "",
			    g[j].kind, 'A' + best, g[j].at[best], g[j].n);
	}
	free(g);
}

static void
unused_waivers(struct quality_run *q)
{
	size_t i, j;
	int r;

	for (i = 0; i < q->b->n; i++) {
		const struct item *it = &q->b->items[i];

		for (j = 0; j < it->n_waivers; j++) {
			for (r = 0; r < Q_WAIVABLE; r++)
				if (strcmp(it->waivers[j].rule, rule_names[r]) == 0)
					break;
			if (r < Q_WAIVABLE && !(q->used[i] & (1u << r)))
				quality_add(q, NULL, NULL, it->at.file,
				    it->waivers[j].line, Q_UNUSED_WAIVER,
				    "%s waives %s, which finds nothing in it; "
				    "remove the 豁免", it->id, rule_names[r]);
		}
	}
}

static int
finding_cmp(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Findings per rule of one level and type, as "rule N, rule N". */
static void
print_group(struct quality_run *q, FILE *out, int level, int type,
    int items, const struct share *sh, int judge, int judge_true)
{
	int per_rule[Q_RULES] = {0}, total = 0, r;
	size_t i;
	char lb[8];
	const char *sep = ": ";

	for (i = 0; i < q->n; i++)
		if (!q->f[i].waived && q->f[i].level == level &&
		    q->f[i].type == type) {
			per_rule[q->f[i].rule]++;
			total++;
		}
	fprintf(out, "  %-3s %s %5d items %4d findings",
	    level_label(level, lb, sizeof lb),
	    item_type_label((enum item_type)type), items, total);
	for (r = 0; r < Q_RULES; r++)
		if (per_rule[r]) {
			fprintf(out, "%s%s %d", sep, rule_names[r], per_rule[r]);
			sep = ", ";
		}
	if (sh && sh->items)
		fprintf(out, "; keys longest %d %% (chance %.0f %%)",
		    sh->longest * 100 / sh->items, sh->chance * 100 / sh->items);
	if (type == ITEM_JUDGE && judge)
		fprintf(out, "; true %d %%", judge_true * 100 / judge);
	fputc('\n', out);
}

static void
print_summary(struct quality_run *q, FILE *out, struct share sh[][ITEM_TYPES])
{
	int items[LEVEL_MAX + 1][ITEM_TYPES] = {{0}};
	int jt[LEVEL_MAX + 1] = {0}, r, t, waived = 0, total = 0;
	int levels[LEVEL_MAX + 1], n_levels = 0, l;
	size_t i;

	for (i = 0; i < q->b->n; i++) {
		const struct item *it = &q->b->items[i];

		items[it->level][it->type]++;
		jt[it->level] += it->type == ITEM_JUDGE && it->answer;
	}
	levels[n_levels++] = 0;
	for (i = 0; i < q->s->n_levels; i++)
		levels[n_levels++] = q->s->levels[i].number;
	fprintf(out, "summary by level and type (unwaived findings):\n");
	for (l = 0; l < n_levels; l++)
		for (t = 0; t < ITEM_TYPES; t++)
			if (items[levels[l]][t])
				print_group(q, out, levels[l], t,
				    items[levels[l]][t], t == ITEM_SINGLE ||
				    t == ITEM_MULTI ? &sh[levels[l]][t] : NULL,
				    items[levels[l]][ITEM_JUDGE], jt[levels[l]]);
	fprintf(out, "summary by rule (unwaived, waived):\n");
	for (r = 0; r < Q_RULES; r++) {
		int n = 0, w = 0;

		for (i = 0; i < q->n; i++)
			if (q->f[i].rule == (enum quality_rule)r) {
				n += !q->f[i].waived;
				w += q->f[i].waived;
			}
		fprintf(out, "  %-18s %5d %5d\n", rule_names[r], n, w);
		total += n;
		waived += w;
	}
	fprintf(out, "quality: %zu items, %d findings, %d waived\n", q->b->n,
	    total, waived);
}

int
quality_check(const struct standard *s, const struct bank *b, FILE *out)
{
	struct quality_run q = { s, b, NULL, 0, 0, NULL };
	struct share sh[LEVEL_MAX + 1][ITEM_TYPES];
	struct quality_words *w;
	char *dir;
	size_t i;
	int unwaived = 0;

	if ((w = quality_words_new()) == NULL)
		return -1;
	memset(sh, 0, sizeof sh);
	q.used = xcalloc(b->n + 1, sizeof *q.used);
	dir = xmalloc(strlen(s->dir) + sizeof "/items");
	sprintf(dir, "%s/items", s->dir);
	quality_words_index(w, b);
	for (i = 0; i < b->n; i++) {
		quality_text_item(&q, &b->items[i]);
		quality_words_clue(w, &q, &b->items[i]);
		quality_words_heading(&q, s, &b->items[i]);
	}
	quality_words_duplicates(&q, b);
	key_share(&q, sh, dir);
	balance(&q, dir);
	judge_cues(&q, dir);
	key_ranks(&q);
	unused_waivers(&q);
	qsort(q.f, q.n, sizeof *q.f, finding_cmp);
	for (i = 0; i < q.n; i++)
		if (!q.f[i].waived) {
			unwaived++;
			if (q.f[i].line > 0)
				fprintf(out, "%s:%d: %s: %s\n", q.f[i].file,
				    q.f[i].line, rule_names[q.f[i].rule],
				    q.f[i].message);
			else
				fprintf(out, "%s: %s: %s\n", q.f[i].file,
				    rule_names[q.f[i].rule], q.f[i].message);
		}
	print_summary(&q, out, sh);
	for (i = 0; i < q.n; i++) {
		free(q.f[i].file);
		free(q.f[i].message);
	}
	free(q.f);
	free(q.used);
	free(dir);
	quality_words_free(w);
	return unwaived;
}
