/*
 * quality_words: the rules that compare words or character n-grams:
 * word-clue (a stem word repeated by the key alone; the words come from
 * libfriso, Debian's Chinese segmenter, with the dictionary of the
 * friso-dict package), near-duplicate items and stems that restate a
 * knowledge point's heading (character bigrams). The only user of friso.h.
 */
#include "bank/bank.h"
#include "bank/quality_rules.h"
#include "core/util.h"

#include <friso.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef FRISO_DICT
#define FRISO_DICT "/usr/share/friso/dict/UTF-8/"
#endif

/* A word of a stem, with whether it is generic in the bank (is_generic). */
/* A word of the bank's stems and in how many theory stems it occurs. */
struct word_count {
	char *word;
	int stems;
	size_t last;            /* the last item counted, plus one */
};

struct quality_words {
	friso_t friso;
	friso_config_t config;
	friso_task_t task;
	struct word_count *table;       /* open addressing, size a power of 2 */
	size_t n_table, size_table;
	size_t theory;                  /* theory items in the bank */
};

struct quality_words *
quality_words_new(void)
{
	struct quality_words *w;
	struct stat st;

	if (stat(FRISO_DICT "friso.lex.ini", &st) != 0) {
		fprintf(stderr, "tiku: %sfriso.lex.ini: no friso dictionary; "
		    "install the Debian package friso-dict\n", FRISO_DICT);
		return NULL;
	}
	w = xcalloc(1, sizeof *w);
	w->friso = friso_new();
	w->config = friso_new_config();
	/* set here, not read from /etc/friso/friso.ini, so that an edited
	 * system file cannot change the findings */
	w->config->max_len = 5;
	w->config->r_name = 0;
	w->config->mix_len = 2;
	w->config->add_syn = 0;
	w->config->clr_stw = 1;
	w->config->keep_urec = 0;
	w->config->en_sseg = 0;
	friso_set_mode(w->config, __FRISO_COMPLEX_MODE__);
	w->friso->dic = friso_dic_new();
	friso_dic_load_from_ifile(w->friso, w->config, (fstring)FRISO_DICT,
	    w->config->max_len * 3);
	w->task = friso_new_task();
	return w;
}

void
quality_words_free(struct quality_words *w)
{
	size_t i;

	if (w == NULL)
		return;
	for (i = 0; i < w->size_table; i++)
		free(w->table[i].word);
	free(w->table);
	friso_free_task(w->task);
	friso_free_config(w->config);
	friso_free(w->friso);
	free(w);
}

/* Words of the question frame, not of the content. */
static const char *const frame_words[] = {
	"下列", "以下", "关于", "说法", "做法", "正确", "错误", "哪些", "哪个",
	"哪项", "属于", "主要", "应当", "应该", "可以", "需要", "选项", "其中",
	"什么", "一般", "通常", "进行", NULL,
};

static int
is_frame_word(const char *word)
{
	int i;

	for (i = 0; frame_words[i]; i++)
		if (strcmp(word, frame_words[i]) == 0)
			return 1;
	return 0;
}

static int
is_ascii_word(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || c == '_' || c == '.';
}

/* ASCII letters compared without case: friso lowercases Latin words. A
 * Latin word or number matches whole ("22" is not in "1022"). */
static int
contains_word(const char *text, const char *word)
{
	size_t n = strlen(word), len = strlen(text), at, i;
	int latin = is_ascii_word(word[0]);

	for (at = 0; at + n <= len; at++) {
		if (latin && ((at > 0 && is_ascii_word(text[at - 1])) ||
		    is_ascii_word(text[at + n])))
			continue;
		for (i = 0; i < n; i++) {
			unsigned char a = (unsigned char)text[at + i];
			unsigned char b = (unsigned char)word[i];

			if (a >= 'A' && a <= 'Z')
				a = (unsigned char)(a - 'A' + 'a');
			if (a != b)
				break;
		}
		if (i == n)
			return 1;
	}
	return 0;
}

static uint32_t
word_hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* The slot of word in the table; a new one if it is not there. */
static struct word_count *
word_slot(struct quality_words *w, const char *word)
{
	size_t i, mask;

	if ((w->n_table + 1) * 2 > w->size_table) {
		struct word_count *old = w->table;
		size_t n = w->size_table;

		w->size_table = n ? n * 2 : 1024;
		w->table = xcalloc(w->size_table, sizeof *w->table);
		w->n_table = 0;
		for (i = 0; i < n; i++)
			if (old[i].word) {
				*word_slot(w, old[i].word) = old[i];
				w->n_table++;
			}
		free(old);
	}
	mask = w->size_table - 1;
	for (i = word_hash(word) & mask; w->table[i].word; i = (i + 1) & mask)
		if (strcmp(w->table[i].word, word) == 0)
			return &w->table[i];
	return &w->table[i];
}

/* Call fn on every token of text that could be a clue. */
static void
each_word(struct quality_words *w, const char *text,
    void (*fn)(struct quality_words *, const char *, void *), void *arg)
{
	char *copy = xstrdup(text);

	friso_set_text(w->task, copy);
	while (w->config->next_token(w->friso, w->config, w->task) != NULL) {
		const char *word = w->task->token->word;

		if (w->task->token->type != __LEX_PUNC_WORDS__ &&
		    quality_text_length(word) >= 2 && !is_frame_word(word))
			fn(w, word, arg);
	}
	free(copy);
}

static void
count_word(struct quality_words *w, const char *word, void *arg)
{
	size_t item = *(size_t *)arg;
	struct word_count *c = word_slot(w, word);

	if (c->word == NULL) {
		c->word = xstrdup(word);
		w->n_table++;
	}
	if (c->last != item + 1) {
		c->stems++;
		c->last = item + 1;
	}
}

void
quality_words_index(struct quality_words *w, const struct bank *b)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		if (item_is_theory(&b->items[i])) {
			w->theory++;
			each_word(w, b->items[i].stem_text, count_word, &i);
		}
}

/*
 * Is word generic in this bank: in the stems of more than GENERIC_PERCENT
 * of its theory items, and of ten at least (数据, 平台, 设备)? Such a word repeated by the key
 * tells a candidate nothing (a document-frequency cut, as in tf-idf).
 */
enum { GENERIC_PERCENT = 3 };

static int
is_generic(struct quality_words *w, const char *word)
{
	struct word_count *c = w->size_table ? word_slot(w, word) : NULL;

	/* in a small bank no word is common enough to tell nothing */
	return c && c->word && c->stems >= 10 && (size_t)c->stems * 100 >
	    w->theory * GENERIC_PERCENT;
}

/* Haladyna et al. 2002, guideline 28b (clang associations); Moore et al.
 * 2023: word repeats. */
struct clue {
	const struct item *it;
	struct buf words;
	int found;
};

static void
clue_word(struct quality_words *w, const char *word, void *arg)
{
	struct clue *c = arg;
	int i, in_key = -1, in_other = 0;

	if ((c->words.data && strstr(c->words.data, word)) ||
	    is_generic(w, word))
		return;
	for (i = 0; i < c->it->n_options; i++) {
		if (!contains_word(c->it->options[i].text, word))
			continue;
		if (c->it->answer & (1u << i))
			in_key = in_key < 0 ? i : in_key;
		else
			in_other = 1;
	}
	if (in_key < 0 || in_other)
		return;
	buf_printf(&c->words, "%s'%s' (%c)", c->found ? ", " : "", word,
	    'A' + in_key);
	c->found++;
}

void
quality_words_clue(struct quality_words *w, struct quality_run *q,
    const struct item *it)
{
	struct clue c = { it, {0}, 0 };

	if (it->type != ITEM_SINGLE && it->type != ITEM_MULTI)
		return;
	each_word(w, it->stem_text, clue_word, &c);
	if (c.found)
		quality_add(q, it, NULL, it->at.file, it->at.line, Q_WORD_CLUE,
		    "stem word%s %s recur%s in the key and in no distractor; "
		    "reword the key or put the word in a distractor too",
		    c.found > 1 ? "s" : "", c.words.data, c.found > 1 ? "" : "s");
	buf_free(&c.words);
}

/* ---- character bigrams ---- */

struct grams {
	uint64_t *v;
	size_t n, cap;
};

static int
is_gram_char(unsigned cp)
{
	return is_cjk(cp) || (cp >= '0' && cp <= '9') || (cp >= 'a' &&
	    cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

static void
add_grams(struct grams *g, const char *text)
{
	size_t len = strlen(text), i = 0;
	unsigned prev = 0, cp;

	while (i < len) {
		size_t k = utf8_decode(text + i, len - i, &cp);

		i += k ? k : 1;
		if (cp >= 'A' && cp <= 'Z')
			cp += 'a' - 'A';
		if (!is_gram_char(cp)) {
			prev = 0;
			continue;
		}
		if (prev) {
			if (g->n == g->cap) {
				g->cap = g->cap ? g->cap * 2 : 64;
				g->v = xrealloc(g->v, g->cap * sizeof *g->v);
			}
			g->v[g->n++] = (uint64_t)prev << 21 | cp;
		}
		prev = cp;
	}
}

static int
gram_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void
sort_grams(struct grams *g)
{
	size_t i, n = 0;

	if (g->n == 0)
		return;
	qsort(g->v, g->n, sizeof *g->v, gram_cmp);
	for (i = 0; i < g->n; i++)
		if (n == 0 || g->v[n - 1] != g->v[i])
			g->v[n++] = g->v[i];
	g->n = n;
}

static size_t
common_grams(const struct grams *a, const struct grams *b)
{
	size_t i = 0, j = 0, n = 0;

	while (i < a->n && j < b->n) {
		if (a->v[i] == b->v[j]) {
			n++;
			i++;
			j++;
		} else if (a->v[i] < b->v[j])
			i++;
		else
			j++;
	}
	return n;
}

/* ---- restates-heading ---- */

static const char *
knowledge_text(const struct standard *s, const char *id)
{
	size_t i, j, k, m;

	for (i = 0; i < s->n_basic; i++)
		for (j = 0; j < s->basic[i].n_sections; j++) {
			const struct basic_section *sec = &s->basic[i].sections[j];

			if (strcmp(sec->id, id) == 0)
				return sec->title;
			for (k = 0; k < sec->n_items; k++)
				if (strcmp(sec->items[k].id, id) == 0)
					return sec->items[k].text;
		}
	for (i = 0; i < s->n_levels; i++)
		for (j = 0; j < s->levels[i].n_functions; j++)
			for (k = 0; k < s->levels[i].functions[j].n_work; k++) {
				const struct work_content *wc =
				    &s->levels[i].functions[j].work[k];

				for (m = 0; m < wc->n_knowledge; m++)
					if (strcmp(wc->knowledge[m].id, id) == 0)
						return wc->knowledge[m].text;
			}
	return NULL;
}

/* The stem without the words of the question frame. */
static void
strip_frame(struct buf *out, const char *stem)
{
	static const char *const frame[] = { "下列", "以下", "关于", "有关",
	    "说法", "做法", "描述", "叙述", "正确", "错误", "哪些", "哪个",
	    "哪项", "哪一项", "属于", "包括", "主要", "的是", "的有", "中",
	    "是", "有", "的", NULL };
	int i;

	while (*stem) {
		for (i = 0; frame[i]; i++)
			if (strncmp(stem, frame[i], strlen(frame[i])) == 0)
				break;
		if (frame[i]) {
			stem += strlen(frame[i]);
			buf_putc(out, ' ');
		} else
			buf_putc(out, *stem++);
	}
}

/* The stem is a heading: it asks for the knowledge point by name and
 * gives no case to apply it to (Haladyna et al. 2002, guideline 3). */
void
quality_words_heading(struct quality_run *q, const struct standard *s,
    const struct item *it)
{
	struct grams stem = {0}, heading = {0};
	struct buf bare = {0};
	size_t i, common;

	if (it->type != ITEM_SINGLE && it->type != ITEM_MULTI)
		return;
	strip_frame(&bare, it->stem_text);
	add_grams(&stem, bare.data ? bare.data : "");
	sort_grams(&stem);
	for (i = 0; i < it->n_knowledge && stem.n > 0; i++) {
		const char *t = knowledge_text(s, it->knowledge[i]);

		if (t == NULL)
			continue;
		heading.n = 0;
		add_grams(&heading, t);
		sort_grams(&heading);
		common = common_grams(&stem, &heading);
		/* half the stem's bigrams, the frame left out, are the heading's */
		if (common * 2 >= stem.n) {
			quality_add(q, it, NULL, it->at.file, it->at.line,
			    Q_RESTATES_HEADING, "the stem restates the heading of "
			    "%s ('%s') and gives no case; ask about a situation "
			    "where the knowledge is used", it->knowledge[i], t);
			break;
		}
	}
	free(stem.v);
	free(heading.v);
	buf_free(&bare);
}

/* ---- near-duplicate ---- */

/* What two items share when they duplicate each other: stem and key. */
static void
item_grams(const struct item *it, struct grams *g)
{
	struct buf text = {0};
	int i;

	buf_puts(&text, it->stem_text);
	for (i = 0; i < it->n_options; i++)
		if (it->answer & (1u << i)) {
			buf_putc(&text, '\n');
			buf_puts(&text, it->options[i].text);
		}
	if (it->type == ITEM_SKILL) {
		quality_text_html(&text, it->parts_html[PART_SCENARIO]);
		quality_text_html(&text, it->parts_html[PART_TASKS]);
	}
	add_grams(g, text.data ? text.data : "");
	sort_grams(g);
	buf_free(&text);
}

/* Jaccard similarity of bigram sets at or above which two items are
 * near-duplicates: the pairs at 40 % and more in the default bank were
 * the same question reworded. */
enum { DUP_PERCENT = 40 };

struct pair {
	size_t a, b;            /* a is reported; b is the other */
	size_t percent;
};

/* Reports a near-duplicate pair at the authored item of the two (a
 * generated one has no line to hold a 豁免), and of the variants of one
 * generator only the closest to an authored item. */
static void
report_pairs(struct quality_run *q, const struct bank *b, struct pair *p,
    size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		const struct item *x = &b->items[p[i].a], *y = &b->items[p[i].b];
		int best = 1;

		for (j = 0; j < n && y->generated; j++)
			if (j != i && p[j].a == p[i].a && strcmp(b->items[p[j].b].family,
			    y->family) == 0 && (p[j].percent > p[i].percent ||
			    (p[j].percent == p[i].percent && j < i)))
				best = 0;
		if (best)
			quality_add(q, x, y, x->at.file, x->at.line,
			    Q_NEAR_DUPLICATE, "%s and %s share %zu %% of their "
			    "stem and key (character bigrams); merge them or make "
			    "them test different things", x->id, y->id,
			    p[i].percent);
	}
}

void
quality_words_duplicates(struct quality_run *q, const struct bank *b)
{
	struct grams *g = xcalloc(b->n ? b->n : 1, sizeof *g);
	struct pair *pairs = NULL;
	size_t i, j, n = 0, cap = 0;

	for (i = 0; i < b->n; i++)
		item_grams(&b->items[i], &g[i]);
	for (i = 0; i < b->n; i++)
		for (j = i + 1; j < b->n; j++) {
			const struct item *x = &b->items[i], *y = &b->items[j];
			size_t lo = g[i].n < g[j].n ? g[i].n : g[j].n;
			size_t hi = g[i].n + g[j].n - lo, common, all;

			/* the Jaccard index is at most lo / hi */
			if (lo * 100 < hi * DUP_PERCENT || lo == 0 ||
			    x->type != y->type ||
			    strcmp(x->family, y->family) == 0)
				continue;
			common = common_grams(&g[i], &g[j]);
			all = g[i].n + g[j].n - common;
			if (common * 100 < all * DUP_PERCENT)
				continue;
			if (n == cap) {
				cap = cap ? cap * 2 : 16;
				pairs = xrealloc(pairs, cap * sizeof *pairs);
			}
			/* report at the later authored item */
			pairs[n].a = y->generated && !x->generated ? i : j;
			pairs[n].b = pairs[n].a == i ? j : i;
			pairs[n++].percent = common * 100 / all;
		}
	report_pairs(q, b, pairs, n);
	free(pairs);
	for (i = 0; i < b->n; i++)
		free(g[i].v);
	free(g);
}
