/*
 * quality_text: the item-writing rules that read one item's own wording:
 * the longest option, absolutes, 以上都对, unemphasised negatives, 多选
 * keys, misconduct distractors, and for skill tasks the rubric's facts
 * and split rules. Each lexicon is the README's, word for word.
 */
#include "bank/bank.h"
#include "bank/quality_rules.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t
quality_text_length(const char *s)
{
	size_t n = 0, len = strlen(s), i = 0;
	unsigned cp;

	while (i < len) {
		size_t k = utf8_decode(s + i, len - i, &cp);

		i += k ? k : 1;
		if (cp != ' ' && cp != 0x3000)
			n++;
	}
	return n;
}

static int
popcount(unsigned x)
{
	int n = 0;

	for (; x; x &= x - 1)
		n++;
	return n;
}

/* Does a sentence end at p (。；！？, their ASCII forms, or the text)? */
static int
sentence_end(const char *p)
{
	static const char *const marks[] = { "。", "；", "！", "？", NULL };
	int i;

	if (*p == ';' || *p == '!' || *p == '?' || *p == '\0')
		return 1;
	for (i = 0; marks[i]; i++)
		if (strncmp(p, marks[i], strlen(marks[i])) == 0)
			return 1;
	return 0;
}

/*
 * A lexicon entry is a word ("随意") or two parts that must occur in that
 * order within one sentence ("只要…就", "删除…记录"). Returns where it starts in text.
 */
static const char *
find_entry(const char *text, const char *entry)
{
	const char *dots = strstr(entry, "…"), *at;
	char first[64];
	size_t n;

	if (dots == NULL)
		return strstr(text, entry);
	n = (size_t)(dots - entry);
	if (n >= sizeof first)
		return NULL;
	memcpy(first, entry, n);
	first[n] = '\0';
	for (at = strstr(text, first); at; at = strstr(at + 1, first)) {
		const char *p = at + n;

		for (; !sentence_end(p); p++)
			if (strncmp(p, dots + 3, strlen(dots + 3)) == 0)
				return at;
	}
	return NULL;
}

/* The first entry of lexicon in text not inside one of the exceptions. */
static const char *
find_word(const char *text, const char *const *lexicon,
    const char *const *exceptions)
{
	int i, j;

	for (i = 0; lexicon[i]; i++) {
		const char *at = find_entry(text, lexicon[i]);

		for (; at; at = strstr(at + 1, lexicon[i])) {
			int excepted = 0;

			for (j = 0; exceptions && exceptions[j]; j++) {
				const char *e = strstr(text, exceptions[j]);

				for (; e; e = strstr(e + 1, exceptions[j]))
					if (e <= at && at < e +
					    strlen(exceptions[j]))
						excepted = 1;
			}
			if (!excepted)
				return lexicon[i];
			if (strstr(lexicon[i], "…"))
				break;
		}
	}
	return NULL;
}

/* Haladyna et al. 2002, guideline 24: choices about equal in length. */
static void
key_longest(struct quality_run *q, const struct item *it)
{
	size_t len[OPTIONS_MAX], kmin = (size_t)-1, kmax = 0, dmax = 0;
	int i, key = -1;

	for (i = 0; i < it->n_options; i++) {
		len[i] = quality_text_length(it->options[i].text);
		if (it->answer & (1u << i)) {
			kmin = len[i] < kmin ? len[i] : kmin;
			kmax = len[i] > kmax ? len[i] : kmax;
			key = i;
		} else
			dmax = len[i] > dmax ? len[i] : dmax;
	}
	if (key < 0 || dmax == 0)
		return;
	if (it->type == ITEM_SINGLE && kmax * 4 >= dmax * 5)
		quality_add(q, it, NULL, it->at.file, it->options[key].line,
		    Q_KEY_LONGEST, "the key %c (%zu characters) is the longest "
		    "option, a quarter longer than any distractor (at most %zu); "
		    "make the options alike in length", 'A' + key, kmax, dmax);
	else if (it->type == ITEM_MULTI && kmin > dmax)
		quality_add(q, it, NULL, it->at.file, it->at.line,
		    Q_KEY_LONGEST, "every key (%zu-%zu characters) is longer than "
		    "every distractor (at most %zu); make the options alike in "
		    "length", kmin, kmax, dmax);
}

/* Haladyna et al. 2002, guideline 28a: specific determiners; Moore et
 * al. 2023: absolute terms. */
static const char *const absolutes[] = {
	"一定", "绝对", "总是", "从不", "从来", "永远", "任何", "所有", "完全",
	"必然", "肯定", "只要…就", "最好", "最有效", "最佳", "最重要", "最安全",
	"最可靠", NULL,
};
static const char *const absolute_exceptions[] = {
	"一定程度", "一定的", "一定时间", "一定范围", "一定数量", "所有权",
	"所有者", "完全备份", NULL,
};

static void
absolute_words(struct quality_run *q, const struct item *it)
{
	const char *w;
	int i;

	if (it->type == ITEM_JUDGE) {
		if ((w = find_word(it->stem_text, absolutes,
		    absolute_exceptions)) != NULL)
			quality_add(q, it, NULL, it->at.file, it->at.line,
			    Q_ABSOLUTE, "absolute word '%s' in the 判断题's claim "
			    "gives its answer away; state the condition instead",
			    w);
		return;
	}
	for (i = 0; i < it->n_options; i++)
		if ((w = find_word(it->options[i].text, absolutes,
		    absolute_exceptions)) != NULL)
			quality_add(q, it, NULL, it->at.file, it->options[i].line,
			    Q_ABSOLUTE, "absolute word '%s' in option %c gives it "
			    "away; state the condition instead", w, 'A' + i);
}

/* Haladyna et al. 2002, guidelines 25 and 26: no 以上都对 / 以上都不对. */
static const char *const all_of_above[] = {
	"以上都", "以上均", "以上皆", "以上全", "上述都", "上述均", "上述皆",
	"上述全", NULL,
};

static void
all_of_the_above(struct quality_run *q, const struct item *it)
{
	const char *w;
	int i;

	for (i = 0; i < it->n_options; i++)
		if ((w = find_word(it->options[i].text, all_of_above, NULL)))
			quality_add(q, it, NULL, it->at.file, it->options[i].line,
			    Q_ALL_OF_ABOVE, "option %c '%s' lets partial knowledge "
			    "answer the item; write a plausible option instead",
			    'A' + i, it->options[i].text);
}

/* Haladyna et al. 2002, guideline 17: a negative stem, if any, emphasised. */
static const char *const negatives[] = {
	"不正确", "不属于", "不是", "不应", "不能", "不宜", "不包括", "不需要",
	"不必", "不符合", "不合理", "不恰当", "不妥", "不可", "不得", "错误的",
	NULL,
};
/* Bounds, not negations: "不得少于（　）" asks for a minimum. */
static const char *const negative_exceptions[] = {
	"不少于", "不得少于", "不低于", "不得低于", "不超过", "不得超过", "不大于",
	"不小于", "不高于", "不得高于", "不得大于", "不得小于", NULL,
};

/* Does the stem's HTML emphasise (strong or em) a 不 or 错? */
static int
negative_emphasised(const char *html)
{
	static const char *const open[] = { "<strong>", "<em>" };
	static const char *const close[] = { "</strong>", "</em>" };
	int k;

	for (k = 0; k < 2; k++) {
		const char *a = strstr(html, open[k]), *z;

		for (; a; a = strstr(z, open[k])) {
			if ((z = strstr(a, close[k])) == NULL)
				break;
			for (const char *c = a; c < z; c++)
				if (strncmp(c, "不", 3) == 0 ||
				    strncmp(c, "错", 3) == 0)
					return 1;
		}
	}
	return 0;
}

static void
negative_stem(struct quality_run *q, const struct item *it)
{
	const char *question = it->stem_text, *c, *w;

	if (it->type != ITEM_SINGLE && it->type != ITEM_MULTI)
		return;
	/* the question is the last sentence: a negative in the case text
	 * before it is description, not the question */
	for (c = it->stem_text; (c = strstr(c, "。")) != NULL; c += 3)
		if (c[3] != '\0')
			question = c + 3;
	if ((w = find_word(question, negatives, negative_exceptions)) == NULL ||
	    negative_emphasised(it->stem_html))
		return;
	quality_add(q, it, NULL, it->at.file, it->at.line, Q_NEGATIVE,
	    "negative stem '%s' is not emphasised; write the negative word in "
	    "bold (**不**) or ask the positive question", w);
}

static void
multi_keys(struct quality_run *q, const struct item *it)
{
	int keys = popcount(it->answer), i;

	if (it->type != ITEM_MULTI || it->n_options == 0)
		return;
	if (keys == it->n_options)
		quality_add(q, it, NULL, it->at.file, it->at.line, Q_MULTI_KEYS,
		    "all %d options are keyed; a 多选题 needs a tempting "
		    "distractor", keys);
	else if (keys == it->n_options - 1) {
		for (i = 0; it->answer & (1u << i); i++)
			;
		quality_add(q, it, NULL, it->at.file, it->at.line, Q_MULTI_KEYS,
		    "%d of %d options are keyed and only %c is not; key fewer "
		    "and make the distractors tempting", keys, it->n_options,
		    'A' + i);
	}
}

/* Straw men: conduct no candidate would choose (Haladyna et al. 2002,
 * guidelines 29 and 30: plausible distractors from typical errors). */
static const char *const misconduct_words[] = {
	"伪造", "编造", "篡改", "私自", "擅自", "随意", "隐瞒", "跳过", "忽略",
	"绕过", "删除…记录", "删除…日志", "清空…数据", "共享…账号",
	"共用…账号", "关闭…日志", NULL,
};

static void
misconduct(struct quality_run *q, const struct item *it)
{
	const char *w;
	int i;

	if (it->type == ITEM_JUDGE) {
		if (!it->answer && (w = find_word(it->stem_text,
		    misconduct_words, NULL)) != NULL)
			quality_add(q, it, NULL, it->at.file, it->at.line,
			    Q_MISCONDUCT, "warning: the false claim describes "
			    "misconduct ('%s'), not a mistake; confirm and revise "
			    "it, or waive it", w);
		return;
	}
	for (i = 0; i < it->n_options; i++)
		if (!(it->answer & (1u << i)) && (w = find_word(
		    it->options[i].text, misconduct_words, NULL)) != NULL)
			quality_add(q, it, NULL, it->at.file, it->options[i].line,
			    Q_MISCONDUCT, "warning: distractor %c describes "
			    "misconduct ('%s'), not a mistake; confirm and revise "
			    "it, or waive it", 'A' + i, w);
}

void
quality_text_html(struct buf *out, const char *html)
{
	static const char *const ent[][2] = { { "&amp;", "&" },
	    { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" },
	    { "&#39;", "'" } };
	int in_tag = 0, k;

	for (; *html; html++) {
		if (in_tag) {
			in_tag = *html != '>';
			continue;
		}
		if (*html == '<') {
			in_tag = 1;
			buf_putc(out, ' ');
			continue;
		}
		for (k = 0; k < 5; k++)
			if (strncmp(html, ent[k][0], strlen(ent[k][0])) == 0)
				break;
		if (k < 5) {
			buf_puts(out, ent[k][1]);
			html += strlen(ent[k][0]) - 1;
		} else
			buf_putc(out, *html);
	}
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) ||
	    c == '_' || c == '-';
}

/* Is the number [a, z) a token of text (not part of a longer number)? */
static int
has_number(const char *text, const char *a, size_t n)
{
	const char *at;

	for (at = strstr(text, a); at; at = strstr(at + 1, a))
		if ((at == text || (!is_digit(at[-1]) && at[-1] != '.')) &&
		    !is_digit(at[n]) && !(at[n] == '.' && is_digit(at[n + 1])))
			return 1;
	return 0;
}

/* Does a number followed by z count points or things (5分, 18条)? */
static int
is_count(const char *z)
{
	static const char *const words[] = { "分", "条", "处", "项", "个", "次",
	    "行", "列", "步", "组", "种", "类", "张", "份", "页", "名", "人",
	    NULL };
	int i;

	for (i = 0; words[i]; i++)
		if (strncmp(z, words[i], strlen(words[i])) == 0)
			return 1;
	return 0;
}

/* Numbers the rubric computes ("=288", "≈3.66") are results, not facts
 * the materials owe: add them to the given text. */
static void
add_results(struct buf *given, const char *line)
{
	static const char *const signs[] = { "=", "＝", "≈", NULL };
	const char *p;
	int i;

	for (i = 0; signs[i]; i++)
		for (p = strstr(line, signs[i]); p; p = strstr(p + 1, signs[i])) {
			const char *a = p + strlen(signs[i]), *z;

			while (*a == ' ')
				a++;
			if (strncmp(a, "−", 3) == 0)
				a += 3;
			for (z = a; is_digit(*z) || (*z == '.' && is_digit(z[1]));
			    z++)
				;
			if (z > a)
				buf_printf(given, " %.*s ", (int)(z - a), a);
		}
}

/*
 * The first fact a rubric line scores that the materials never give: a
 * number (not a count below 10, not points "N分") or a file name
 * ("config.ini", 《联调方案》). Returns it in fact, or 0.
 */
static int
unsupported_fact(const char *line, const char *given, char *fact,
    size_t size)
{
	const char *p = line;

	while (*p) {
		const char *a = p, *z;

		if (is_digit(*p)) {
			while (is_digit(*p) || (*p == '.' && is_digit(p[1])))
				p++;
			z = p;
			while (*z == ' ')
				z++;
			/* points, deductions and counts are the rubric's own */
			if (is_count(z) || p - a == 1)
				continue;
			snprintf(fact, size, "%.*s", (int)(p - a), a);
			if (!has_number(given, fact, (size_t)(p - a)))
				return 1;
		} else if (is_name_char(*p)) {
			while (is_name_char(*p))
				p++;
			if (*p == '.' && ((p[1] >= 'a' && p[1] <= 'z') ||
			    (p[1] >= 'A' && p[1] <= 'Z'))) {
				p++;
				while (is_name_char(*p))
					p++;
				snprintf(fact, size, "%.*s", (int)(p - a), a);
				if (!strstr(given, fact))
					return 1;
			}
		} else if (strncmp(p, "《", 3) == 0 &&
		    (z = strstr(p, "》")) != NULL) {
			p = z + 3;
			snprintf(fact, size, "%.*s", (int)(p - a), a);
			if (!strstr(given, fact))
				return 1;
		} else
			p++;
	}
	return 0;
}

/* Does the line say how its points split: 扣, 各, 每, "（2分）", all or
 * nothing (不得分), or a partial score "得2分"? */
static int
has_split_rule(const char *line)
{
	static const char *const marks[] = { "扣", "各", "每", "分）", "不得分",
	    NULL };
	const char *p;
	int i;

	for (i = 0; marks[i]; i++)
		if (strstr(line, marks[i]))
			return 1;
	for (p = strstr(line, "得"); p; p = strstr(p + 3, "得"))
		if ((p[3] >= '0' && p[3] <= '9') || strncmp(p + 3, "一", 3) == 0 ||
		    strncmp(p + 3, "两", 3) == 0 || strncmp(p + 3, "二", 3) == 0 ||
		    strncmp(p + 3, "三", 3) == 0)
			return 1;
	return 0;
}

/* The items of the longest list "A、B、C" (or "A、B和C") in the line,
 * outside 《》 titles, （） asides and examples (，如 …): a line that
 * scores a list scores several parts. */
static int
list_items_of(const char *line)
{
	int best = 1, run = 1, title = 0, example = 0;
	const char *p;

	for (p = line; *p; p++) {
		if (strncmp(p, "，如", 6) == 0 || strncmp(p, "，例如", 9) == 0)
			example = 1;    /* an example's list, up to the next ； */
		else if (strncmp(p, "；", 3) == 0)
			example = 0;
		if (example)
			continue;
		if (strncmp(p, "《", 3) == 0 || strncmp(p, "（", 3) == 0)
			title++;
		else if ((strncmp(p, "》", 3) == 0 || strncmp(p, "）", 3) == 0) &&
		    title)
			title--;
		else if (!title && strncmp(p, "、", 3) == 0)
			run++;
		else if (!title && (strncmp(p, "，", 3) == 0 ||
		    strncmp(p, "；", 3) == 0 || strncmp(p, "。", 3) == 0)) {
			best = run > best ? run : best;
			run = 1;
		}
	}
	return run > best ? run : best;
}

/* Clauses joined by "，" or "；"; a clause opening with an example or a
 * restatement (如, 即, 包括) belongs, up to the next "；", to the one
 * before. */
static int
parts_of(const char *line)
{
	static const char *const same[] = { "如", "例如", "比如", "即",
	    "包括", "其中", NULL };
	int parts = 1, i, in_example = 0;
	const char *p;

	for (p = line; *p; p++) {
		int semi = strncmp(p, "；", 3) == 0;

		if (strncmp(p, "，", 3) && !semi)
			continue;
		if (semi)
			in_example = 0;
		for (i = 0; same[i]; i++)
			if (strncmp(p + 3, same[i], strlen(same[i])) == 0)
				break;
		if (same[i])
			in_example = 1;
		else if (!in_example && p[3] != '\0' && strcmp(p + 3, "。"))
			parts++;
		p += 2;
	}
	return parts;
}

/* Lines worth several parts with no split rule: skill rubrics and the
 * 要点 of review questions alike (examiners score both line by line). */
static void
rubric_split(struct quality_run *q, const struct item *it)
{
	size_t i;
	int parts;

	for (i = 0; i < it->n_rubric; i++) {
		const struct score_point *sp = &it->rubric[i];

		parts = parts_of(sp->text);
		if (list_items_of(sp->text) > parts)
			parts = list_items_of(sp->text);
		if (!sp->veto && sp->points >= 2 && parts >= 2 &&
		    !has_split_rule(sp->text))
			quality_add(q, it, NULL, sp->at.file, sp->at.line,
			    Q_RUBRIC_SPLIT, "%d points for %d parts with no split "
			    "rule; give each part its points or say what to deduct",
			    sp->points, parts);
	}
}

static void
rubric(struct quality_run *q, const struct item *it)
{
	struct buf given = {0};
	char fact[128];
	size_t i, vetoes = 0;

	if (it->type == ITEM_REVIEW)
		rubric_split(q, it);
	if (it->type != ITEM_SKILL)
		return;
	for (i = 0; i < it->n_rubric; i++)
		vetoes += it->rubric[i].veto != 0;
	/* the guide: a skill task names what voids it */
	if (vetoes == 0)
		quality_add(q, it, NULL, it->at.file, it->at.line, Q_RUBRIC_VETO,
		    "a skill task with no 否决 line; name what voids the task "
		    "(an unsafe step, production data destroyed …), or waive "
		    "with the reason nothing can");
	quality_text_html(&given, it->parts_html[PART_SCENARIO]);
	buf_putc(&given, '\n');
	quality_text_html(&given, it->parts_html[PART_MATERIALS]);
	buf_putc(&given, '\n');
	quality_text_html(&given, it->parts_html[PART_TASKS]);
	for (i = 0; i < it->n_rubric; i++)
		add_results(&given, it->rubric[i].text);
	for (i = 0; i < it->n_rubric; i++)
		if (unsupported_fact(it->rubric[i].text, given.data, fact,
		    sizeof fact))
			quality_add(q, it, NULL, it->rubric[i].at.file,
			    it->rubric[i].at.line, Q_RUBRIC_FACT, "the rubric scores "
			    "'%s', which 情境, 环境与材料 and 任务 never give; state "
			    "it in the materials", fact);
	rubric_split(q, it);
	buf_free(&given);
}

/*
 * Forms and exports shuffle the options and re-letter the key, but not
 * the 解析: one that says "C把…" points at another option on every form
 * where C moved. A capital A-E standing alone is taken for an option's
 * letter unless a unit, mark or space follows or precedes it (E类火灾,
 * A柱, A→B, L×E×C, 45 A, °C), as technical names and units do.
 */
static const unsigned letter_neighbours[] = {
	0x7C7B /* 类 */, 0x7EA7 /* 级 */, 0x67F1 /* 柱 */, 0x7EBF /* 线 */,
	0x76F8 /* 相 */, 0x578B /* 型 */, 0x533A /* 区 */, 0x76D8 /* 盘 */,
	0x7AEF /* 端 */, 0x53E3 /* 口 */, 0x6BB5 /* 段 */, 0x9636 /* 阶 */,
	0x2192 /* → */, 0xFF1D /* ＝ */, 0x00D7 /* × */, 0x00B7 /* · */,
	0x2014 /* — */, 0x00B0 /* ° */, 0
};

static int
is_neighbour(unsigned cp)
{
	int i;

	if (cp < 0x80)          /* part of a Latin word, number or path */
		return cp == ' ' || cp == '_' || cp == '.' || cp == '/' ||
		    cp == '+' || cp == '-' || cp == '#' || cp == '=' ||
		    (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' &&
		    (cp | 0x20) <= 'z');
	for (i = 0; letter_neighbours[i]; i++)
		if (cp == letter_neighbours[i])
			return 1;
	return 0;
}

static void
option_letters(struct quality_run *q, const struct item *it)
{
	const char *t = it->explanation_text;
	size_t len = strlen(t), i = 0, k;
	unsigned cp, before = 0, after;

	if (it->fixed_order || it->n_options < 2)
		return;
	while (i < len) {
		k = utf8_decode(t + i, len - i, &cp);
		k = k ? k : 1;
		after = 0;
		if (i + k < len)
			utf8_decode(t + i + k, len - i - k, &after);
		if (cp >= 'A' && cp < 'A' + (unsigned)it->n_options &&
		    !is_neighbour(before) && !is_neighbour(after)) {
			quality_add(q, it, NULL, it->at.file, it->at.line,
			    Q_OPTION_LETTER, "解析 names option %c by its letter, "
			    "but forms shuffle the options; name the option by "
			    "what it says", (char)cp);
			return;
		}
		before = cp;
		i += k;
	}
}

/*
 * option-order: options that are numbers (a value, perhaps after 约, with at
 * most a unit or a short verdict after it: 0.10 MPa, 99.31%，不合格,
 * 192.168.1.20, 约5天) are a scale read in order (Haladyna et al. 2002,
 * guideline 21: place choices in logical or numerical order); forms
 * shuffle options unless the item fixes them, so 0.10, 1.50, 0.40 would
 * reach the candidate in any order.
 */
static int
is_number_option(const char *s)
{
	while (*s == ' ')
		s++;
	if (!strncmp(s, "约", strlen("约")))
		s += strlen("约");
	if (*s == '-' || *s == '+')
		s++;
	else if (!strncmp(s, "−", strlen("−")))
		s += strlen("−");
	if (!is_digit(*s))
		return 0;
	while (is_digit(*s) || *s == '.' || *s == ',' || *s == ':' ||
	    *s == '/' || *s == ' ')
		s++;
	return quality_text_length(s) <= 8;
}

static void
option_order(struct quality_run *q, const struct item *it)
{
	int i;

	if (it->fixed_order || it->n_options < 3)
		return;
	for (i = 0; i < it->n_options; i++)
		if (!is_number_option(it->options[i].text))
			return;
	quality_add(q, it, NULL, it->at.file, it->at.line, Q_OPTION_ORDER,
	    "every option is a number, but forms shuffle the options; "
	    "put them in order and add 选项顺序：固定");
}

void
quality_text_item(struct quality_run *q, const struct item *it)
{
	if (it->type == ITEM_SINGLE || it->type == ITEM_MULTI) {
		key_longest(q, it);
		all_of_the_above(q, it);
		negative_stem(q, it);
		multi_keys(q, it);
		option_letters(q, it);
		option_order(q, it);
	}
	if (item_is_theory(it)) {
		absolute_words(q, it);
		misconduct(q, it);
	}
	rubric(q, it);
}
