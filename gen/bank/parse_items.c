/*
 * parse_items: the .md files of content/items → struct item, via cmark. An item is a
 * "## ID" heading, a header list ("- 题型：单选题"), and a body in the
 * layout of Chinese 题库: stem, options "A. …", "答案：", "解析："; skill
 * tasks and review questions use labelled paragraphs instead.
 */
#include "bank/bank.h"
#include "bank/quality.h"
#include "core/diag.h"
#include "core/media.h"
#include "core/text.h"

#include <cmark.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct iparser {
	struct standard *s;
	struct bank *b;
	struct diag *d;
	const char *file;
	int type_reported;      /* a bad 题型 was already reported */
};

static void
ierror(struct iparser *p, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
ierror(struct iparser *p, int line, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_add(p->d, p->file, line, "%s", msg);
}

static int
line_of(cmark_node *n)
{
	return cmark_node_get_start_line(n);
}

static const char *const type_labels[ITEM_TYPES] = {
	"判断题", "单选题", "多选题", "操作技能题", "综合评审",
};
static const char *const type_names[ITEM_TYPES] = {
	"judge", "single", "multi", "skill", "review",
};

const char *
item_type_name(enum item_type t)
{
	return type_names[t];
}

const char *
item_type_label(enum item_type t)
{
	return type_labels[t];
}

int
item_is_theory(const struct item *it)
{
	return it->type <= ITEM_MULTI;
}

/* HTML of a node in cmark's safe mode, without the <p> of a lone line. */
static char *
node_html(struct iparser *p, cmark_node *n, int strip_p)
{
	char *html = cmark_render_html(n, CMARK_OPT_DEFAULT);
	size_t len = strlen(html);
	char *out;

	while (len > 0 && html[len - 1] == '\n')
		html[--len] = '\0';
	if (strip_p && len >= 7 && strncmp(html, "<p>", 3) == 0 &&
	    strcmp(html + len - 4, "</p>") == 0 &&
	    strstr(html + 3, "<p>") == NULL)
		out = arena_strndup(&p->s->arena, html + 3, len - 7);
	else
		out = arena_strdup(&p->s->arena, html);
	free(html);
	return out;
}

static char *
node_plain(struct iparser *p, cmark_node *n)
{
	struct text_error e = {0};
	char *t = inline_text(&p->s->arena, n, &e);

	if (e.line)
		ierror(p, e.line, "%s", e.message);
	return t;
}

/*
 * If a paragraph starts with "LABEL：" (or ':'), cut the label off its
 * first text node and return the label's index in labels, else -1.
 */
static int
take_label(cmark_node *para, const char *const *labels)
{
	cmark_node *first = cmark_node_first_child(para);
	const char *lit, *v;
	int i;

	if (first == NULL || cmark_node_get_type(first) != CMARK_NODE_TEXT)
		return -1;
	lit = cmark_node_get_literal(first);
	for (i = 0; labels[i]; i++) {
		size_t n = strlen(labels[i]);

		if (strncmp(lit, labels[i], n) != 0)
			continue;
		v = lit + n;
		if (*v == ':')
			v++;
		else if (strncmp(v, "：", 3) == 0)
			v += 3;
		else
			continue;
		while (*v == ' ')
			v++;
		{
			char *rest = xstrdup(v);

			cmark_node_set_literal(first, rest);
			free(rest);
		}
		return i;
	}
	return -1;
}

/* Does this line start with an option letter "A." "B．" "C、"? */
static int
option_letter(cmark_node *first)
{
	const char *lit;

	if (first == NULL || cmark_node_get_type(first) != CMARK_NODE_TEXT)
		return -1;
	lit = cmark_node_get_literal(first);
	if (lit[0] < 'A' || lit[0] > 'E')
		return -1;
	if (lit[1] == '.' || lit[1] == ' ' ||
	    strncmp(lit + 1, "．", 3) == 0 || strncmp(lit + 1, "、", 3) == 0)
		return lit[0] - 'A';
	return -1;
}

static void
strip_option_letter(cmark_node *first)
{
	const char *lit = cmark_node_get_literal(first) + 1;
	char *rest;

	if (*lit == '.' || *lit == ' ')
		lit++;
	else
		lit += 3;
	while (*lit == ' ')
		lit++;
	rest = xstrdup(lit);
	cmark_node_set_literal(first, rest);
	free(rest);
}

/* Move the inlines of para from *cursor up to the next line break into a
 * new paragraph; *cursor moves past the break. */
static cmark_node *
take_line(cmark_node **cursor)
{
	cmark_node *line = cmark_node_new(CMARK_NODE_PARAGRAPH), *n, *next = NULL;

	for (n = *cursor; n; n = next) {
		cmark_node_type t = cmark_node_get_type(n);

		next = cmark_node_next(n);
		if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) {
			cmark_node_free(n);
			break;
		}
		cmark_node_append_child(line, n);
	}
	*cursor = next;
	return line;
}

static void
add_html(struct buf *b, const char *html)
{
	if (b->len)
		buf_putc(b, '\n');
	buf_puts(b, html);
}

static void
add_text(struct buf *b, const char *text)
{
	if (*text == '\0')
		return;
	if (b->len)
		buf_putc(b, '\n');
	buf_puts(b, text);
}

/* ---- the header ---- */

static const char *const header_keys[] = {
	"知识点", "工作内容", "职业功能", "题型", "难度", "分值", "时限", "标签",
	"互斥", "选项顺序", "豁免", "超时", NULL,
};

/* Split "a、b, c" into an arena array. */
static char **
split_ids(struct iparser *p, const char *value, size_t *n)
{
	char *copy = arena_strdup(&p->s->arena, value), *tok, *save = NULL;
	char **out = NULL;
	size_t cap = 0;
	char *c;

	*n = 0;
	/* full-width separators become spaces */
	for (c = copy; *c; c++) {
		if (strncmp(c, "、", 3) == 0 || strncmp(c, "，", 3) == 0 ||
		    strncmp(c, "；", 3) == 0)
			memset(c, ' ', 3);
		else if (*c == ',' || *c == ';')
			*c = ' ';
	}
	for (tok = strtok_r(copy, " ", &save); tok; tok = strtok_r(NULL, " ",
	    &save))
		*ARENA_PUSH(&p->s->arena, out, *n, cap) = tok;
	return out;
}

/* A whole number at the start of v; *rest points past it. -1 if none. */
static int
leading_number(const char *v, const char **rest)
{
	long n = 0;

	if (!isdigit((unsigned char)*v))
		return -1;
	while (isdigit((unsigned char)*v) && n < 100000)
		n = n * 10 + (*v++ - '0');
	*rest = v;
	return (int)n;
}

/* "豁免：RULE 理由": the rule must be one a reviewer may waive, and the
 * reason must be there, so that every waiver can be reviewed in turn. */
static void
parse_waiver(struct iparser *p, struct item *it, char *value, int line)
{
	struct waiver *w;
	char *rest = value;

	while (*rest && *rest != ' ' && strncmp(rest, "　", 3) != 0)
		rest++;
	w = ARENA_PUSH(&p->s->arena, it->waivers, it->n_waivers,
	    it->cap_waivers);
	w->rule = arena_strndup(&p->s->arena, value, (size_t)(rest - value));
	while (*rest == ' ' || strncmp(rest, "　", 3) == 0)
		rest += *rest == ' ' ? 1 : 3;
	w->reason = rest;
	w->line = line;
	if (!quality_rule_known(w->rule))
		ierror(p, line, "豁免 names unknown rule '%s'; a waiver names one "
		    "of: %s", w->rule, quality_rule_names());
	else if (*rest == '\0')
		ierror(p, line, "豁免 of '%s' needs a reason: '豁免：%s 理由'",
		    w->rule, w->rule);
}

static void
parse_header(struct iparser *p, struct item *it, cmark_node *list,
    int *has_type, int *has_difficulty)
{
	cmark_node *li;

	for (li = cmark_node_first_child(list); li; li = cmark_node_next(li)) {
		cmark_node *para = cmark_node_first_child(li);
		const char *text, *colon, *v, *rest;
		int line = line_of(li), k, n;
		char *key, *value;

		if (para == NULL || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
			continue;
		text = node_plain(p, para);
		colon = find_colon(text, text + strlen(text), &v);
		if (colon == NULL) {
			ierror(p, line, "header line needs 'key：value'");
			continue;
		}
		key = arena_strndup(&p->s->arena, text, (size_t)(colon - text));
		value = arena_strdup(&p->s->arena, v);
		trim(key);
		trim(value);
		for (k = 0; header_keys[k] && strcmp(header_keys[k], key); k++)
			;
		switch (k) {
		case 0:
			it->knowledge = split_ids(p, value, &it->n_knowledge);
			break;
		case 1:
			it->work_content = value;
			break;
		case 2:
			it->function = value;
			break;
		case 3:
			for (n = 0; n < ITEM_TYPES && strcmp(type_labels[n], value); n++)
				;
			if (n == ITEM_TYPES) {
				ierror(p, line, "unknown 题型 '%s'; use 判断题, 单选题, "
				    "多选题, 操作技能题 or 综合评审", value);
				p->type_reported = 1;
			} else {
				it->type = (enum item_type)n;
				*has_type = 1;
			}
			break;
		case 4:
			n = leading_number(value, &rest);
			if (n < 1 || n > 5 || *rest)
				ierror(p, line, "难度 must be a whole number 1-5, not "
				    "'%s'", value);
			else
				it->difficulty = n;
			*has_difficulty = 1;
			break;
		case 5:
			n = leading_number(value, &rest);
			if (n <= 0 || (*rest && strcmp(rest, "分")))
				ierror(p, line, "分值 must be a positive whole number, "
				    "not '%s'", value);
			else
				it->points = n;
			break;
		case 6:
			n = leading_number(value, &rest);
			if (n <= 0 || (*rest && strcmp(rest, "分钟") &&
			    strcmp(rest, "min") && strcmp(rest, " min")))
				ierror(p, line, "时限 must be minutes, e.g. '40分钟', "
				    "not '%s'", value);
			else
				it->minutes = n;
			break;
		case 7:
			it->tags = split_ids(p, value, &it->n_tags);
			break;
		case 8:
			it->enemies = split_ids(p, value, &it->n_enemies);
			break;
		case 9:
			if (strcmp(value, "固定") == 0)
				it->fixed_order = 1;
			else
				ierror(p, line, "选项顺序 can only be '固定'");
			break;
		case 10:
			parse_waiver(p, it, value, line);
			break;
		case 11:
			it->overtime = arena_strdup(&p->s->arena, value);
			break;
		default:
			ierror(p, line, "unknown header key '%s'; known: 知识点, "
			    "工作内容, 职业功能, 题型, 难度, 分值, 时限, 标签, 互斥, "
			    "选项顺序, 豁免, 超时", key);
			break;
		}
	}
}

/* ---- bodies ---- */

static const char *const theory_labels[] = { "答案", "解析", NULL };

static void
parse_answer(struct iparser *p, struct item *it, const char *text, int line)
{
	const char *c = text;
	int seen = 0;

	it->answer = 0;
	if (it->type == ITEM_JUDGE) {
		static const char *const yes[] = { "正确", "对", "√", "✓", NULL };
		static const char *const no[] = { "错误", "错", "×", "✗", NULL };
		int i;

		for (i = 0; yes[i]; i++)
			if (strcmp(text, yes[i]) == 0) {
				it->answer = 1;
				return;
			}
		for (i = 0; no[i]; i++)
			if (strcmp(text, no[i]) == 0)
				return;
		ierror(p, line, "判断题 answer must be 正确 or 错误, not '%s'", text);
		return;
	}
	for (; *c; c++) {
		if (*c == ' ' || *c == ',')
			continue;
		if (strncmp(c, "、", 3) == 0 || strncmp(c, "，", 3) == 0) {
			c += 2;
			continue;
		}
		if (*c < 'A' || *c > 'E') {
			ierror(p, line, "answer '%s' must be option letters A-E",
			    text);
			it->answer = 0;
			return;
		}
		if (it->answer & (1u << (*c - 'A')))
			ierror(p, line, "answer '%s' names %c twice", text, *c);
		it->answer |= 1u << (*c - 'A');
		seen = 1;
	}
	if (!seen)
		ierror(p, line, "答案 is empty");
}

static void
parse_options(struct iparser *p, struct item *it, cmark_node *para,
    struct buf *stem_html, struct buf *stem_text)
{
	cmark_node *cursor = cmark_node_first_child(para);
	int line = line_of(para);

	for (; cursor; line++) {
		int letter = option_letter(cursor);
		cmark_node *line_node;

		if (letter < 0 && it->n_options == 0) {
			/* stem text that runs into the options */
			line_node = take_line(&cursor);
			add_html(stem_html, node_html(p, line_node, 0));
			add_text(stem_text, node_plain(p, line_node));
			cmark_node_free(line_node);
			continue;
		}
		if (letter != it->n_options) {
			ierror(p, line_of(para), "option %c is out of order or "
			    "not an option line ('%c. …' expected)",
			    letter < 0 ? '?' : 'A' + letter, 'A' + it->n_options);
			return;
		}
		if (it->n_options == OPTIONS_MAX) {
			ierror(p, line_of(para), "more than %d options",
			    OPTIONS_MAX);
			return;
		}
		strip_option_letter(cursor);
		line_node = take_line(&cursor);
		it->options[it->n_options].html = node_html(p, line_node, 1);
		it->options[it->n_options].text = node_plain(p, line_node);
		it->options[it->n_options].line = line;
		it->n_options++;
		cmark_node_free(line_node);
	}
}

static int
paragraph_has_options(cmark_node *para)
{
	cmark_node *n = cmark_node_first_child(para);

	for (; n; n = cmark_node_next(n)) {
		cmark_node_type t = cmark_node_get_type(n);

		if (n == cmark_node_first_child(para) && option_letter(n) >= 0)
			return 1;
		if ((t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) &&
		    option_letter(cmark_node_next(n)) == 0)
			return 1;
	}
	return 0;
}

static void
parse_theory_body(struct iparser *p, struct item *it, cmark_node *n,
    cmark_node *end)
{
	struct buf sh = {0}, st = {0}, eh = {0}, et = {0};
	int state = 0, answered = 0;    /* 0 stem, 1 after options, 2 解析 */
	cmark_node *next;

	for (; n != end; n = next) {
		int line = line_of(n), label = -1;

		next = cmark_node_next(n);
		if (cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK) {
			ierror(p, line, "raw HTML is not allowed; write the text "
			    "as Markdown");
			continue;
		}
		if (cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH)
			label = take_label(n, theory_labels);
		if (label == 0) {
			parse_answer(p, it, node_plain(p, n), line);
			answered = 1;
			state = state < 1 ? 1 : state;
		} else if (label == 1) {
			add_html(&eh, node_html(p, n, 0));
			add_text(&et, node_plain(p, n));
			state = 2;
		} else if (state == 2) {
			add_html(&eh, node_html(p, n, 0));
			if (cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH)
				add_text(&et, node_plain(p, n));
		} else if (it->type != ITEM_JUDGE &&
		    cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH &&
		    paragraph_has_options(n)) {
			if (it->n_options > 0)
				ierror(p, line, "options must be one block of "
				    "lines 'A. …', 'B. …'");
			else
				parse_options(p, it, n, &sh, &st);
			state = 1;
		} else if (state == 0) {
			add_html(&sh, node_html(p, n, 0));
			if (cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH)
				add_text(&st, node_plain(p, n));
		} else
			ierror(p, line, "unexpected text after the options; "
			    "expected '答案：' or '解析：'");
	}
	it->stem_html = arena_strdup(&p->s->arena, sh.data ? sh.data : "");
	it->stem_text = arena_strdup(&p->s->arena, st.data ? st.data : "");
	it->explanation_html = arena_strdup(&p->s->arena, eh.data ? eh.data : "");
	it->explanation_text = arena_strdup(&p->s->arena, et.data ? et.data : "");
	if (!answered)
		ierror(p, it->at.line, "item %s has no '答案：'", it->id);
	buf_free(&sh);
	buf_free(&st);
	buf_free(&eh);
	buf_free(&et);
}

/* "职业素养 2分：…" and "现场观察 4分：…" mark what kind of point it is. */
static const char *
score_kind(struct score_point *sp, const char *lit, int allow)
{
	static const char *const kinds[] = { "职业素养", "现场观察" };
	int k;

	for (k = 0; allow && k < 2; k++)
		if (strncmp(lit, kinds[k], strlen(kinds[k])) == 0) {
			lit += strlen(kinds[k]);
			while (*lit == ' ')
				lit++;
			if (k == 0)
				sp->professional = 1;
			else
				sp->observed = 1;
		}
	return lit;
}

/* "6分：…" or "否决：…" list items into the rubric. */
static void
parse_score_list(struct iparser *p, struct item *it, cmark_node *list,
    int allow_veto)
{
	static const char *const veto_label[] = { "否决", NULL };
	cmark_node *li;

	for (li = cmark_node_first_child(list); li; li = cmark_node_next(li)) {
		cmark_node *para = cmark_node_first_child(li), *first;
		struct score_point *sp;
		const char *lit, *rest;
		int pts, line = line_of(li);

		if (para == NULL || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
			continue;
		sp = ARENA_PUSH(&p->s->arena, it->rubric, it->n_rubric,
		    it->cap_rubric);
		sp->at.file = p->file;
		sp->at.line = line;
		if (take_label(para, veto_label) == 0) {
			if (!allow_veto)
				ierror(p, line, "否决 items belong to skill tasks only");
			sp->veto = 1;
		} else {
			first = cmark_node_first_child(para);
			lit = first && cmark_node_get_type(first) ==
			    CMARK_NODE_TEXT ? cmark_node_get_literal(first) : "";
			lit = score_kind(sp, lit, allow_veto);
			pts = leading_number(lit, &rest);
			if (pts < 0 || strncmp(rest, "分", 3) != 0 ||
			    (strncmp(rest + 3, "：", 3) && rest[3] != ':')) {
				ierror(p, line, "scoring point must start with "
				    "'N分：' (or '否决：' for a veto)");
			} else {
				const char *after = rest + 3 + (rest[3] == ':' ? 1 : 3);
				char *copy;

				while (*after == ' ')
					after++;
				copy = xstrdup(after);
				cmark_node_set_literal(first, copy);
				free(copy);
				sp->points = pts;
			}
		}
		sp->html = node_html(p, para, 1);
		sp->text = node_plain(p, para);
		if (*sp->text == '\0')
			ierror(p, line, "empty scoring point");
	}
}

static const char *const task_labels[] = {
	"情境", "环境与材料", "任务", "提交物", "评分标准", "考场准备", "参考答案",
	"附件", NULL,
};
enum { LABEL_RUBRIC = 4, LABEL_STATION, LABEL_REFERENCE, LABEL_ATTACHMENTS };

/*
 * "附件：" list entries: files under the content directory that ship with
 * the skill-exam documents; each must exist, inside the content.
 */
static void
parse_attachments(struct iparser *p, struct item *it, cmark_node *list)
{
	cmark_node *li;
	size_t cap = 0;

	for (li = cmark_node_first_child(list); li; li = cmark_node_next(li)) {
		char *path = node_plain(p, li), *full;
		int line = line_of(li);
		struct stat st;

		if (*path == '\0')
			continue;
		if (path[0] == '/' || strstr(path, "..") != NULL) {
			ierror(p, line, "attachment '%s' of %s must be a path inside "
			    "the content directory, without '..'", path, it->id);
			continue;
		}
		full = arena_printf(&p->s->arena, "%s/%s", p->s->dir, path);
		if (stat(full, &st) < 0 || !S_ISREG(st.st_mode)) {
			ierror(p, line, "attachment '%s' of %s does not exist; put "
			    "the file at %s or correct the path", path, it->id, full);
			continue;
		}
		*ARENA_PUSH(&p->s->arena, it->attachments, it->n_attachments,
		    cap) = path;
	}
}

static void
parse_skill_body(struct iparser *p, struct item *it, cmark_node *n,
    cmark_node *end)
{
	struct buf parts[TASK_PARTS], station = {0}, reference = {0};
	int current = -1, k;
	cmark_node *next;

	memset(parts, 0, sizeof parts);
	for (; n != end; n = next) {
		int line = line_of(n), label = -1;

		next = cmark_node_next(n);
		if (cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK) {
			ierror(p, line, "raw HTML is not allowed; write the text "
			    "as Markdown");
			continue;
		}
		if (cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH &&
		    (label = take_label(n, task_labels)) >= 0) {
			current = label;
			if (cmark_node_first_child(n) == NULL ||
			    (cmark_node_get_type(cmark_node_first_child(n)) ==
			    CMARK_NODE_TEXT && *cmark_node_get_literal(
			    cmark_node_first_child(n)) == '\0' &&
			    cmark_node_next(cmark_node_first_child(n)) == NULL))
				continue;
		}
		if (current < 0)
			ierror(p, line, "a skill task's text starts with a label: "
			    "情境：, 环境与材料：, 任务：, 提交物：, 评分标准：");
		else if (current == LABEL_STATION)
			add_html(&station, node_html(p, n, 0));
		else if (current == LABEL_REFERENCE)
			add_html(&reference, node_html(p, n, 0));
		else if (current == LABEL_ATTACHMENTS) {
			if (cmark_node_get_type(n) == CMARK_NODE_LIST)
				parse_attachments(p, it, n);
			else
				ierror(p, line, "附件 is a list of '- path' lines, "
				    "paths under the content directory");
		} else if (current == LABEL_RUBRIC) {
			if (cmark_node_get_type(n) == CMARK_NODE_LIST)
				parse_score_list(p, it, n, 1);
			else
				ierror(p, line, "评分标准 is a list of '- N分：…' and "
				    "'- 否决：…' lines");
		} else
			add_html(&parts[current], node_html(p, n, 0));
	}
	for (k = 0; k < TASK_PARTS; k++) {
		it->parts_html[k] = arena_strdup(&p->s->arena,
		    parts[k].data ? parts[k].data : "");
		buf_free(&parts[k]);
	}
	it->station_html = arena_strdup(&p->s->arena, station.data ?
	    station.data : "");
	it->reference_html = arena_strdup(&p->s->arena, reference.data ?
	    reference.data : "");
	buf_free(&station);
	buf_free(&reference);
	it->stem_html = it->parts_html[PART_SCENARIO];
	it->stem_text = "";
	if (*it->parts_html[PART_SCENARIO] == '\0')
		ierror(p, it->at.line, "skill task %s has no '情境：'", it->id);
	if (*it->parts_html[PART_TASKS] == '\0')
		ierror(p, it->at.line, "skill task %s has no '任务：'", it->id);
	if (it->n_rubric == 0)
		ierror(p, it->at.line, "skill task %s has no '评分标准：'", it->id);
}

static void
parse_review_body(struct iparser *p, struct item *it, cmark_node *n,
    cmark_node *end)
{
	static const char *const labels[] = { "要点", NULL };
	struct buf sh = {0}, st = {0};
	int in_points = 0;
	cmark_node *next;

	for (; n != end; n = next) {
		int line = line_of(n);

		next = cmark_node_next(n);
		if (cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK) {
			ierror(p, line, "raw HTML is not allowed; write the text "
			    "as Markdown");
			continue;
		}
		if (cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH &&
		    take_label(n, labels) == 0) {
			in_points = 1;
			continue;
		}
		if (!in_points) {
			add_html(&sh, node_html(p, n, 0));
			if (cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH)
				add_text(&st, node_plain(p, n));
		} else if (cmark_node_get_type(n) == CMARK_NODE_LIST)
			parse_score_list(p, it, n, 0);
		else
			ierror(p, line, "要点 is a list of '- N分：…' lines");
	}
	it->stem_html = arena_strdup(&p->s->arena, sh.data ? sh.data : "");
	it->stem_text = arena_strdup(&p->s->arena, st.data ? st.data : "");
	if (it->n_rubric == 0)
		ierror(p, it->at.line, "review question %s has no '要点：'", it->id);
	buf_free(&sh);
	buf_free(&st);
}

static void
parse_item(struct iparser *p, cmark_node *heading, cmark_node *end)
{
	struct item *it = ARENA_PUSH(&p->s->arena, p->b->items, p->b->n,
	    p->b->cap);
	cmark_node *header = cmark_node_next(heading);
	int has_type = 0, has_difficulty = 0;

	it->id = node_plain(p, heading);
	it->at.file = p->file;
	it->at.line = line_of(heading);
	it->family = it->id;
	it->stem_html = it->stem_text = "";
	it->explanation_html = it->explanation_text = "";
	it->station_html = it->reference_html = "";
	if (!bank_valid_id(it->id))
		ierror(p, it->at.line, "item id '%s' may hold letters, digits, "
		    "'.' and '-' only", it->id);
	if (header == end || cmark_node_get_type(header) != CMARK_NODE_LIST) {
		ierror(p, it->at.line, "item %s needs a header list (- 题型：…, "
		    "- 难度：…, - 知识点：…) right after its id", it->id);
		p->b->n--;      /* reported; nothing more can be checked */
		return;
	}
	parse_header(p, it, header, &has_type, &has_difficulty);
	if (!has_type) {
		if (!p->type_reported)
			ierror(p, it->at.line, "item %s has no 题型", it->id);
		p->type_reported = 0;
		p->b->n--;
		return;
	}
	if (!has_difficulty)
		ierror(p, it->at.line, "item %s has no 难度", it->id);
	switch (it->type) {
	case ITEM_SKILL:
		parse_skill_body(p, it, cmark_node_next(header), end);
		break;
	case ITEM_REVIEW:
		parse_review_body(p, it, cmark_node_next(header), end);
		break;
	default:
		parse_theory_body(p, it, cmark_node_next(header), end);
		break;
	}
}

static int
parse_file(struct iparser *p, const char *path)
{
	size_t len;
	char *data = read_text(path, "", &len, p->d);
	cmark_node *doc, *n, *item = NULL;

	p->file = path;
	if (data == NULL)
		return -1;
	doc = cmark_parse_document(data, len, CMARK_OPT_DEFAULT);
	free(data);
	media_check(p->s, doc, path, p->d);
	for (n = cmark_node_first_child(doc); n; n = cmark_node_next(n)) {
		int h = cmark_node_get_type(n) == CMARK_NODE_HEADING ?
		    cmark_node_get_heading_level(n) : 0;

		if (h == 1 && item == NULL)
			continue;       /* the file's title */
		if (h == 2) {
			if (item)
				parse_item(p, item, n);
			item = n;
		} else if (item == NULL)
			ierror(p, line_of(n), "text before the first item; items "
			    "start with '## ID'");
		else if (h == 1)
			ierror(p, line_of(n), "a '#' heading inside the items; "
			    "items start with '## ID'");
	}
	if (item)
		parse_item(p, item, NULL);
	cmark_node_free(doc);
	return 0;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
bank_load(struct bank *b, struct standard *s, const char *dir,
    struct diag *d)
{
	struct iparser p = { s, b, d, NULL, 0 };
	char *path = arena_printf(&s->arena, "%s/items", dir);
	char **names = NULL;
	size_t n = 0, cap = 0, i, before = d->n;
	struct dirent *de;
	DIR *dp;

	if ((dp = opendir(path)) == NULL) {
		if (errno == ENOENT)
			return 0;       /* a standard without a bank yet */
		diag_add(d, path, 0, "cannot read the item bank: %s",
		    strerror(errno));
		return -1;
	}
	while ((de = readdir(dp)) != NULL) {
		size_t len = strlen(de->d_name);

		if (len < 4 || strcmp(de->d_name + len - 3, ".md") ||
		    strcmp(de->d_name, "README.md") == 0 || de->d_name[0] == '.')
			continue;
		*ARENA_PUSH(&s->arena, names, n, cap) =
		    arena_printf(&s->arena, "%s/%s", path, de->d_name);
	}
	closedir(dp);
	if (n > 1)         /* qsort may not be given NULL, even for none */
		qsort(names, n, sizeof *names, name_cmp);
	for (i = 0; i < n; i++)
		parse_file(&p, names[i]);
	return d->n > before ? -1 : 0;
}

void
bank_free(struct bank *b)
{
	/* everything else lives in the standard's arena */
	free((void *)b->by_id);
	memset(b, 0, sizeof *b);
}
