/*
 * parse_standard: the .md files of content/standard → struct standard, via cmark.
 * Each file's first heading tells which part of the standard it holds;
 * the parts share one grammar of headings with printed numbers, numbered
 * list items, level tags, notes (block quotes) and fenced data blocks.
 */
#include "core/model.h"
#include "core/diag.h"
#include "core/media.h"
#include "core/text.h"

#include <cmark.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum part_kind { PART_PREFACE, PART_OVERVIEW, PART_BASIC, PART_WORK,
    PART_LEVEL, PART_WEIGHTS };

struct parser {
	struct standard *s;
	struct diag *d;
	const char *file;
};

static const char *const part_names[] = {
	"front matter", "overview", "basic requirements",
	"work requirements introduction", "level", "weight tables",
};

static int
line_of(cmark_node *n)
{
	return cmark_node_get_start_line(n);
}

static void
error(struct parser *p, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
error(struct parser *p, int line, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_add(p->d, p->file, line, "%s", msg);
}

static char *
node_text(struct parser *p, cmark_node *n)
{
	struct text_error e = {0};
	char *t = inline_text(&p->s->arena, n, &e);

	if (e.line)
		error(p, e.line, "%s", e.message);
	return t;
}

/* Report stray spaces and ASCII punctuation inside Chinese text. */
static void
check_text(struct parser *p, const char *text, int line, const char *what)
{
	char problem[256];

	if (*text == '\0')
		error(p, line, "empty %s", what);
	else if (text_hygiene(text, problem, sizeof problem))
		error(p, line, "%s", problem);
}

static struct note *
add_note(struct parser *p, struct note **notes, size_t *n, size_t *cap,
    cmark_node *quote)
{
	struct buf b = {0};
	cmark_node *c;
	struct note *note;

	for (c = cmark_node_first_child(quote); c; c = cmark_node_next(c)) {
		if (cmark_node_get_type(c) != CMARK_NODE_PARAGRAPH) {
			error(p, line_of(c), "a note (block quote) may hold "
			    "paragraphs only");
			continue;
		}
		buf_puts(&b, node_text(p, c));
	}
	note = ARENA_PUSH(&p->s->arena, *notes, *n, *cap);
	note->text = arena_strdup(&p->s->arena, b.data ? b.data : "");
	note->at.file = p->file;
	note->at.line = line_of(quote);
	check_text(p, note->text, note->at.line, "note");
	buf_free(&b);
	return note;
}

/*
 * Split a heading's text into its printed number and title: "1.8.1 培训
 *参考时长" → "1.8.1", "培训参考时长". A trailing dot is dropped ("1. 平台
 * 运维"). number is NULL when the heading starts with no number.
 */
static void
split_heading(struct parser *p, const char *text, char **number, char **title)
{
	size_t n = number_prefix(text);

	if (n == 0) {
		*number = NULL;
		*title = arena_strdup(&p->s->arena, text);
		return;
	}
	*number = arena_strndup(&p->s->arena, text,
	    text[n - 1] == '.' ? n - 1 : n);
	text += n;
	while (*text == ' ')
		text++;
	*title = arena_strdup(&p->s->arena, text);
}

/* ---- running text: preface, overview, work introduction ---- */

/*
 * A paragraph that starts with a code span is level-tagged: "`5 4` …".
 * The span is removed from the paragraph, valid or not, so a bad tag is
 * reported once. Returns the level mask, 0 when untagged or invalid.
 */
static unsigned
level_tag(struct parser *p, cmark_node *para, int line)
{
	cmark_node *first = cmark_node_first_child(para);
	unsigned mask = 0;

	if (first == NULL || cmark_node_get_type(first) != CMARK_NODE_CODE)
		return 0;
	if (parse_level_list(cmark_node_get_literal(first), &mask) < 0 ||
	    mask == 0) {
		error(p, line, "level tag `%s` must list level numbers 1-%d "
		    "separated by spaces", cmark_node_get_literal(first),
		    LEVEL_MAX);
		mask = 0;
	}
	cmark_node_free(first);
	return mask;
}

/* How to name a block in messages: cmark's type names are not for users. */
static const char *
block_name(cmark_node *n, char *buf, size_t size)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_PARAGRAPH:
		return "paragraph";
	case CMARK_NODE_LIST:
		return "list";
	case CMARK_NODE_BLOCK_QUOTE:
		return "note (block quote)";
	case CMARK_NODE_THEMATIC_BREAK:
		return "horizontal rule";
	case CMARK_NODE_HTML_BLOCK:
		return "raw HTML";
	case CMARK_NODE_HEADING:
		return "heading";
	case CMARK_NODE_CODE_BLOCK:
		snprintf(buf, size, "fenced block '%s'",
		    cmark_node_get_fence_info(n));
		return buf;
	default:
		return cmark_node_get_type_string(n);
	}
}

static void
parse_facts(struct parser *p, cmark_node *code, struct section *sec)
{
	const char *cursor = cmark_node_get_literal(code);
	int line = line_of(code) + 1, rc;
	struct kv_line kv;

	while ((rc = kv_next(&p->s->arena, &cursor, &line, &kv)) != 0) {
		struct fact *f;

		if (rc < 0) {
			error(p, kv.line, "facts: expected 'key: value'");
			continue;
		}
		f = ARENA_PUSH(&p->s->arena, p->s->facts, p->s->n_facts,
		    p->s->cap_facts);
		f->key = kv.key;
		f->value = kv.value;
		f->section = sec;
		f->at.file = p->file;
		f->at.line = kv.line;
	}
}

static struct entry *
add_entry(struct parser *p, struct section *sec, enum entry_kind kind,
    int line)
{
	struct entry *e = ARENA_PUSH(&p->s->arena, sec->entries,
	    sec->n_entries, sec->cap_entries);

	e->kind = kind;
	e->at.file = p->file;
	e->at.line = line;
	return e;
}

static void
parse_text_list(struct parser *p, cmark_node *list, struct section *sec,
    unsigned inherited)
{
	cmark_node *item, *c;

	for (item = cmark_node_first_child(list); item;
	    item = cmark_node_next(item)) {
		struct entry *e = NULL;

		for (c = cmark_node_first_child(item); c; c = cmark_node_next(c)) {
			cmark_node_type t = cmark_node_get_type(c);

			if (t == CMARK_NODE_PARAGRAPH && e == NULL) {
				char *text;
				size_t n;

				e = add_entry(p, sec, ENTRY_ITEM, line_of(item));
				e->levels = level_tag(p, c, line_of(c));
				if (e->levels == 0)
					e->levels = inherited;
				text = node_text(p, c);
				n = paren_number(text, &e->number, &p->s->arena);
				e->text = text + n;
				check_text(p, e->text, e->at.line, "list item");
			} else if (t == CMARK_NODE_BLOCK_QUOTE && e != NULL) {
				add_note(p, &e->notes, &e->n_notes,
				    &e->cap_notes, c);
			} else {
				error(p, line_of(c), "a list item holds one "
				    "paragraph and optional notes (block quotes)");
			}
		}
	}
}

static void
parse_text_part(struct parser *p, cmark_node *doc, struct text_part *part)
{
	struct section *sec = NULL;
	unsigned pending = 0;
	cmark_node *n;

	part->file = p->file;
	for (n = cmark_node_first_child(doc); n; n = cmark_node_next(n)) {
		int line = line_of(n);

		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_HEADING:
			sec = ARENA_PUSH(&p->s->arena, part->sections,
			    part->n_sections, part->cap_sections);
			split_heading(p, node_text(p, n), &sec->number,
			    &sec->title);
			sec->depth = cmark_node_get_heading_level(n);
			sec->at.file = p->file;
			sec->at.line = line;
			check_text(p, sec->title, line, "heading");
			pending = 0;
			break;
		case CMARK_NODE_PARAGRAPH: {
			struct entry *e = add_entry(p, sec, ENTRY_PARAGRAPH, line);
			char *text;

			e->levels = level_tag(p, n, line);
			pending = e->levels;
			text = node_text(p, n);
			if (is_footnote_mark(text)) {
				e->kind = ENTRY_FOOTNOTE;
				pending = 0;
			}
			e->text = text;
			check_text(p, text, line, "paragraph");
			break;
		}
		case CMARK_NODE_LIST:
			parse_text_list(p, n, sec, pending);
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			if (sec->n_entries > 0) {
				struct entry *e = &sec->entries[sec->n_entries - 1];

				add_note(p, &e->notes, &e->n_notes,
				    &e->cap_notes, n);
			} else
				add_note(p, &sec->notes, &sec->n_notes,
				    &sec->cap_notes, n);
			break;
		case CMARK_NODE_CODE_BLOCK:
			if (strcmp(cmark_node_get_fence_info(n), "facts") == 0)
				parse_facts(p, n, sec);
			else
				error(p, line, "unknown fenced block '%s' here; "
				    "only 'facts' blocks belong in running text",
				    cmark_node_get_fence_info(n));
			break;
		case CMARK_NODE_HTML_BLOCK:
			error(p, line, "raw HTML is not allowed; write the text "
			    "as Markdown");
			break;
		default: {
			char name[160];

			error(p, line, "unexpected %s",
			    block_name(n, name, sizeof name));
			break;
		}
		}
	}
}

/* ---- basic requirements ---- */

static void
parse_basic(struct parser *p, cmark_node *doc)
{
	struct arena *a = &p->s->arena;
	struct basic_area *area = NULL;
	struct basic_section *sec = NULL;
	cmark_node *n, *item, *c;

	p->s->basic_at.file = p->file;
	p->s->basic_at.line = line_of(doc);
	for (n = cmark_node_next(cmark_node_first_child(doc)); n;
	    n = cmark_node_next(n)) {
		int line = line_of(n), depth;
		char *number, *title;

		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_HEADING:
			depth = cmark_node_get_heading_level(n);
			split_heading(p, node_text(p, n), &number, &title);
			check_text(p, title, line, "heading");
			if (number == NULL) {
				error(p, line, "heading needs its printed number, "
				    "e.g. '## 2.1 %s'", title);
				continue;
			}
			if (depth == 2) {
				area = ARENA_PUSH(a, p->s->basic, p->s->n_basic,
				    p->s->cap_basic);
				area->number = number;
				area->name = title;
				area->at.file = p->file;
				area->at.line = line;
				sec = NULL;
			} else if (depth == 3 && area != NULL) {
				sec = ARENA_PUSH(a, area->sections,
				    area->n_sections, area->cap_sections);
				sec->number = number;
				sec->title = title;
				sec->id = arena_printf(a, "B-%s", number);
				sec->at.file = p->file;
				sec->at.line = line;
			} else
				error(p, line, "basic requirements use '##' for "
				    "areas and '###' for their sections");
			break;
		case CMARK_NODE_LIST:
			if (sec == NULL) {
				error(p, line, "numbered items must sit under a "
				    "'###' section");
				continue;
			}
			for (item = cmark_node_first_child(n); item;
			    item = cmark_node_next(item)) {
				struct requirement *r = NULL;

				for (c = cmark_node_first_child(item); c;
				    c = cmark_node_next(c)) {
					cmark_node_type t = cmark_node_get_type(c);

					if (t == CMARK_NODE_PARAGRAPH && r == NULL) {
						char *text = node_text(p, c);
						size_t k;

						r = ARENA_PUSH(a, sec->items,
						    sec->n_items, sec->cap_items);
						r->at.file = p->file;
						r->at.line = line_of(item);
						k = paren_number(text, &r->number, a);
						r->text = text + k;
						if (r->number == NULL) {
							error(p, r->at.line, "item needs "
							    "its printed number, e.g. "
							    "'- (1) …'");
							r->number = "?";
						}
						r->id = arena_printf(a, "%s.%s",
						    sec->id, r->number);
						check_text(p, r->text, r->at.line,
						    "item");
					} else if (t == CMARK_NODE_BLOCK_QUOTE && r)
						add_note(p, &r->notes, &r->n_notes,
						    &r->cap_notes, c);
					else
						error(p, line_of(c), "a list item "
						    "holds one paragraph and "
						    "optional notes");
				}
			}
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			if (sec != NULL)
				add_note(p, &sec->notes, &sec->n_notes,
				    &sec->cap_notes, n);
			else
				error(p, line, "a note must follow a '###' "
				    "section or an item");
			break;
		case CMARK_NODE_HTML_BLOCK:
			error(p, line, "raw HTML is not allowed; write the text "
			    "as Markdown");
			break;
		default: {
			char name[160];

			error(p, line, "unexpected %s in the basic requirements; "
			    "write numbered items '- (1) …'",
			    block_name(n, name, sizeof name));
			break;
		}
		}
	}
}

/* ---- one level's work requirements ---- */

enum req_list { REQ_NONE, REQ_SKILLS, REQ_KNOWLEDGE };

static void
parse_requirements(struct parser *p, cmark_node *list, struct level *lv,
    struct work_content *wc, enum req_list which)
{
	struct arena *a = &p->s->arena;
	cmark_node *item, *c;

	for (item = cmark_node_first_child(list); item;
	    item = cmark_node_next(item)) {
		struct requirement *r = NULL;

		for (c = cmark_node_first_child(item); c; c = cmark_node_next(c)) {
			cmark_node_type t = cmark_node_get_type(c);

			if (t == CMARK_NODE_PARAGRAPH && r == NULL) {
				char *text = node_text(p, c);
				size_t k = number_prefix(text);

				if (which == REQ_SKILLS)
					r = ARENA_PUSH(a, wc->skills,
					    wc->n_skills, wc->cap_skills);
				else
					r = ARENA_PUSH(a, wc->knowledge,
					    wc->n_knowledge, wc->cap_knowledge);
				r->at.file = p->file;
				r->at.line = line_of(item);
				if (k == 0) {
					error(p, r->at.line, "item needs its "
					    "printed number, e.g. '- %s.1 …'",
					    wc->number);
					r->number = "?";
				} else
					r->number = arena_strndup(a, text,
					    text[k - 1] == '.' ? k - 1 : k);
				text += k;
				while (*text == ' ')
					text++;
				r->text = text;
				r->id = arena_printf(a, "%s-%c%s", lv->id,
				    which == REQ_SKILLS ? 'S' : 'K', r->number);
				check_text(p, r->text, r->at.line,
				    which == REQ_SKILLS ? "skill" :
				    "knowledge item");
			} else if (t == CMARK_NODE_BLOCK_QUOTE && r != NULL)
				add_note(p, &r->notes, &r->n_notes,
				    &r->cap_notes, c);
			else
				error(p, line_of(c), "a list item holds one "
				    "paragraph and optional notes (block quotes)");
		}
	}
}

static void
parse_level(struct parser *p, cmark_node *doc, struct level *lv)
{
	struct arena *a = &p->s->arena;
	struct function *fn = NULL;
	struct work_content *wc = NULL;
	enum req_list which = REQ_NONE;
	cmark_node *n;

	for (n = cmark_node_next(cmark_node_first_child(doc)); n;
	    n = cmark_node_next(n)) {
		int line = line_of(n), depth;
		char *number, *title;

		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_HEADING:
			depth = cmark_node_get_heading_level(n);
			split_heading(p, node_text(p, n), &number, &title);
			if (depth == 4) {
				if (wc == NULL)
					error(p, line, "'%s' must sit under a work "
					    "content ('###' heading)", title);
				else if (number == NULL &&
				    strcmp(title, "技能要求") == 0)
					which = REQ_SKILLS;
				else if (number == NULL &&
				    strcmp(title, "相关知识要求") == 0)
					which = REQ_KNOWLEDGE;
				else {
					error(p, line, "unknown heading '%s'; a work "
					    "content has '#### 技能要求' and "
					    "'#### 相关知识要求'", title);
					which = REQ_NONE;
				}
				continue;
			}
			check_text(p, title, line, "heading");
			if (number == NULL) {
				error(p, line, "heading needs its printed number, "
				    "e.g. '%s 1. %s'", depth == 2 ? "##" : "###",
				    title);
				continue;
			}
			which = REQ_NONE;
			if (depth == 2) {
				char *end;
				long no = strtol(number, &end, 10);

				fn = ARENA_PUSH(a, lv->functions, lv->n_functions,
				    lv->cap_functions);
				if (*end != '\0' || no <= 0) {
					error(p, line, "a function's number is a "
					    "whole number ('## 1. %s')", title);
					no = 0;
				}
				fn->number = (int)no;
				fn->id = arena_printf(a, "%s-F%d", lv->id, fn->number);
				fn->name = title;
				fn->at.file = p->file;
				fn->at.line = line;
				wc = NULL;
			} else if (depth == 3) {
				if (fn == NULL) {
					error(p, line, "a work content must sit under "
					    "a function ('##' heading)");
					wc = NULL;
					continue;
				}
				wc = ARENA_PUSH(a, fn->work, fn->n_work,
				    fn->cap_work);
				wc->number = number;
				wc->id = arena_printf(a, "%s-W%s", lv->id, number);
				wc->name = title;
				wc->at.file = p->file;
				wc->at.line = line;
			} else
				error(p, line, "a level uses '##' for functions, "
				    "'###' for work contents and '####' for "
				    "技能要求 and 相关知识要求");
			break;
		case CMARK_NODE_LIST:
			if (wc == NULL || which == REQ_NONE)
				error(p, line, "skills and knowledge items must sit "
				    "under a work content, below '#### 技能要求' or "
				    "'#### 相关知识要求'");
			else
				parse_requirements(p, n, lv, wc, which);
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			if (wc != NULL)
				add_note(p, &wc->notes, &wc->n_notes,
				    &wc->cap_notes, n);
			else
				error(p, line, "a note must follow a work content "
				    "or an item");
			break;
		case CMARK_NODE_HTML_BLOCK:
			error(p, line, "raw HTML is not allowed; write the text "
			    "as Markdown");
			break;
		default: {
			char name[160];

			error(p, line, "unexpected %s in the work requirements",
			    block_name(n, name, sizeof name));
			break;
		}
		}
	}
}

/* ---- weight tables ---- */

static int
level_column(struct parser *p, const char *cell)
{
	size_t i;
	char *end;
	long v = strtol(cell, &end, 10);

	if (*cell && *end == '\0' && v >= 1 && v <= LEVEL_MAX &&
	    standard_level(p->s, (int)v))
		return (int)v;
	for (i = 0; i < p->s->n_levels; i++)
		if (strcmp(p->s->levels[i].name, cell) == 0)
			return p->s->levels[i].number;
	return 0;
}

static void
parse_weight_block(struct parser *p, cmark_node *code, const char *title)
{
	struct arena *a = &p->s->arena;
	const char *info = cmark_node_get_fence_info(code);
	const char *lit = cmark_node_get_literal(code), *eol;
	int line = line_of(code) + 1, columns[LEVEL_MAX + 1], n_columns = -1;
	struct weight_table *t;
	enum weight_kind kind;
	int i;

	if (strcmp(info, "weights theory") == 0)
		kind = WEIGHTS_THEORY;
	else if (strcmp(info, "weights skill") == 0)
		kind = WEIGHTS_SKILL;
	else {
		error(p, line_of(code), "unknown fenced block '%s'; weight tables "
		    "are 'weights theory' or 'weights skill'", info);
		return;
	}
	t = &p->s->weights[kind];
	if (t->present) {
		error(p, line_of(code), "second 'weights %s' table (the first "
		    "is at %s:%d)", weight_kind_name(kind), t->at.file,
		    t->at.line);
		return;
	}
	t->present = 1;
	t->title = arena_strdup(a, title ? title : "");
	t->at.file = p->file;
	t->at.line = line_of(code);
	for (i = 0; i <= LEVEL_MAX; i++)
		t->total[i] = WEIGHT_NONE;

	for (; *lit; lit = *eol ? eol + 1 : eol, line++) {
		char *cells[LEVEL_MAX + 1];
		int n_cells;

		eol = strchr(lit, '\n');
		if (eol == NULL)
			eol = lit + strlen(lit);
		if (span_is_blank(lit, eol) || is_separator_row(lit, eol))
			continue;
		n_cells = split_row(a, lit, eol, cells, LEVEL_MAX + 1);
		if (n_cells < 0) {
			error(p, line, "a table row has more than %d cells",
			    LEVEL_MAX + 1);
			if (n_columns < 0)
				return; /* no header: no row can be read */
			continue;
		}
		if (n_columns < 0) {
			/* The header: which level each column holds. */
			n_columns = n_cells - 1;
			for (i = 1; i < n_cells; i++) {
				columns[i] = level_column(p, cells[i]);
				if (columns[i] == 0)
					error(p, line, "column '%s' is not a level "
					    "declared in the levels fact", cells[i]);
				else
					t->levels |= 1u << columns[i];
			}
			continue;
		}
		if (n_cells - 1 != n_columns) {
			error(p, line, "row has %d cells, the header has %d",
			    n_cells, n_columns + 1);
			continue;
		}
		{
			struct weight_row *row = NULL;
			int *values;
			char *slash;

			if (strcmp(cells[0], "合计") == 0)
				values = t->total;
			else {
				row = ARENA_PUSH(a, t->rows, t->n_rows, t->cap_rows);
				row->at.file = p->file;
				row->at.line = line;
				slash = strchr(cells[0], '/');
				if (slash) {
					*slash = '\0';
					row->group = cells[0];
					row->area = slash + 1;
					trim(row->group);
					trim(row->area);
				} else {
					row->group = "";
					row->area = cells[0];
				}
				if (*row->area == '\0')
					error(p, line, "row has no area name");
				for (i = 0; i <= LEVEL_MAX; i++)
					row->percent[i] = WEIGHT_NONE;
				values = row->percent;
			}
			for (i = 1; i < n_cells; i++) {
				int v = parse_percent(cells[i]);

				if (v == -2)
					error(p, line, "weight '%s' is not a whole "
					    "percentage or '—'", cells[i]);
				else if (columns[i] > 0)
					values[columns[i]] = v;
			}
		}
	}
	if (n_columns < 0)
		error(p, t->at.line, "weight table is empty");
}

static void
parse_weights(struct parser *p, cmark_node *doc)
{
	const char *title = NULL;
	cmark_node *n;

	for (n = cmark_node_next(cmark_node_first_child(doc)); n;
	    n = cmark_node_next(n)) {
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_HEADING: {
			char *number;
			char *t;

			split_heading(p, node_text(p, n), &number, &t);
			title = t;
			check_text(p, t, line_of(n), "heading");
			break;
		}
		case CMARK_NODE_CODE_BLOCK:
			parse_weight_block(p, n, title);
			break;
		default: {
			char name[160];

			error(p, line_of(n), "unexpected %s; the weight tables "
			    "part holds headings and 'weights' blocks",
			    block_name(n, name, sizeof name));
			break;
		}
		}
	}
}

/* ---- facts ---- */

static const char *const known_facts[] = {
	"name", "code", "levels", "training_hours", "review_levels",
	"pass_mark", "invigilator_ratio", "invigilators_min",
	"examiner_ratio", "examiners_min", "review_panel_min",
	"theory_minutes", "skill_minutes", "review_minutes", NULL,
};

static const char *const required_facts[] = {
	"name", "code", "levels", "training_hours", "pass_mark",
	"theory_minutes", "skill_minutes", NULL,
};

static void
fact_error(struct diag *d, const struct fact *f, const char *msg)
{
	diag_add(d, f->at.file, f->at.line, "fact '%s': %s", f->key, msg);
}

static int
fact_int(struct diag *d, const struct fact *f)
{
	char *end;
	long v = strtol(f->value, &end, 10);

	if (*f->value == '\0' || *end != '\0' || v <= 0 || v > 100000) {
		fact_error(d, f, "expected a positive whole number");
		return 0;
	}
	return (int)v;
}

static void
apply_levels(struct standard *s, struct diag *d, const struct fact *f)
{
	struct pair pairs[LEVEL_MAX + 1];
	int i, n = split_pairs(&s->arena, f->value, pairs, LEVEL_MAX + 1);

	if (n <= 0) {
		fact_error(d, f, "expected 'N=name, …', e.g. '5=五级/初级工'");
		return;
	}
	for (i = 0; i < n; i++) {
		char *end;
		long v = strtol(pairs[i].key, &end, 10);
		struct level *lv;

		if (*end != '\0' || v < 1 || v > LEVEL_MAX) {
			fact_error(d, f, "level numbers run from 1 to 9");
			continue;
		}
		if (standard_level(s, (int)v)) {
			fact_error(d, f, "a level is declared twice");
			continue;
		}
		lv = &s->levels[s->n_levels++];
		lv->number = (int)v;
		lv->id = arena_printf(&s->arena, "L%ld", v);
		lv->name = pairs[i].value;
	}
}

static void
apply_level_numbers(struct standard *s, struct diag *d, const struct fact *f)
{
	struct pair pairs[LEVEL_MAX + 1];
	int i, n = split_pairs(&s->arena, f->value, pairs, LEVEL_MAX + 1);

	if (n <= 0) {
		fact_error(d, f, "expected 'N=hours, …', e.g. '5=160'");
		return;
	}
	for (i = 0; i < n; i++) {
		struct level *lv = standard_level(s, atoi(pairs[i].key));
		char *end;
		long v = strtol(pairs[i].value, &end, 10);

		if (lv == NULL)
			fact_error(d, f, "names a level not declared in 'levels'");
		else if (*end != '\0' || v <= 0 || v > 10000)
			fact_error(d, f, "hours must be whole numbers 1-10000");
		else
			lv->training_hours = (int)v;
	}
}

static void
apply_review_levels(struct standard *s, struct diag *d, const struct fact *f)
{
	unsigned mask = 0;
	int l;

	if (parse_level_list(f->value, &mask) < 0) {
		fact_error(d, f, "expected level numbers, e.g. '2, 1'");
		return;
	}
	for (l = 1; l <= LEVEL_MAX; l++) {
		struct level *lv = standard_level(s, l);

		if (!(mask & (1u << l)))
			continue;
		if (lv == NULL)
			fact_error(d, f, "names a level not declared in 'levels'");
		else
			lv->has_review = 1;
	}
}

static void
apply_facts(struct standard *s, struct diag *d)
{
	size_t i, j;

	/* levels first: the other facts refer to them */
	for (i = 0; i < s->n_facts; i++)
		if (strcmp(s->facts[i].key, "levels") == 0 && s->n_levels == 0)
			apply_levels(s, d, &s->facts[i]);
	for (i = 0; i < s->n_facts; i++) {
		const struct fact *f = &s->facts[i];
		const char *k = f->key;

		for (j = 0; known_facts[j] && strcmp(known_facts[j], k); j++)
			;
		if (known_facts[j] == NULL) {
			diag_add(d, f->at.file, f->at.line, "unknown fact '%s' "
			    "(see content/standard/README.md for the keys)", k);
			continue;
		}
		for (j = 0; j < i; j++)
			if (strcmp(s->facts[j].key, k) == 0)
				break;
		if (j < i) {
			diag_add(d, f->at.file, f->at.line, "fact '%s' is given "
			    "twice (first at line %d)", k, s->facts[j].at.line);
			continue;
		}
		if (strcmp(k, "name") == 0)
			s->name = f->value;
		else if (strcmp(k, "code") == 0)
			s->code = f->value;
		else if (strcmp(k, "training_hours") == 0)
			apply_level_numbers(s, d, f);
		else if (strcmp(k, "review_levels") == 0)
			apply_review_levels(s, d, f);
		else if (strcmp(k, "pass_mark") == 0)
			s->pass_mark = fact_int(d, f);
		else if (strcmp(k, "theory_minutes") == 0)
			s->theory_minutes = fact_int(d, f);
		else if (strcmp(k, "skill_minutes") == 0)
			s->skill_minutes = fact_int(d, f);
		else if (strcmp(k, "review_minutes") == 0)
			s->review_minutes = fact_int(d, f);
		else if (strcmp(k, "invigilators_min") == 0)
			s->invigilators_min = fact_int(d, f);
		else if (strcmp(k, "examiners_min") == 0)
			s->examiners_min = fact_int(d, f);
		else if (strcmp(k, "review_panel_min") == 0)
			s->review_panel_min = fact_int(d, f);
		else if (strcmp(k, "invigilator_ratio") == 0)
			s->invigilator_ratio = f->value;
		else if (strcmp(k, "examiner_ratio") == 0)
			s->examiner_ratio = f->value;
	}
}

static void
check_required_facts(struct standard *s, struct diag *d)
{
	const char *file = s->overview.file;
	size_t i, j;
	int review = 0;

	for (i = 0; i < s->n_levels; i++)
		review |= s->levels[i].has_review;
	for (i = 0; required_facts[i]; i++) {
		for (j = 0; j < s->n_facts; j++)
			if (strcmp(s->facts[j].key, required_facts[i]) == 0)
				break;
		if (j == s->n_facts)
			diag_add(d, file, 0, "missing fact '%s' (see "
			    "content/standard/README.md)", required_facts[i]);
	}
	if (review && s->review_minutes == 0)
		diag_add(d, file, 0, "missing fact 'review_minutes': "
		    "'review_levels' names levels with a review");
	for (i = 0; i < s->n_levels; i++)
		if (s->levels[i].training_hours == 0)
			diag_add(d, file, 0, "fact 'training_hours' gives no "
			    "hours for level %d (%s)", s->levels[i].number,
			    s->levels[i].name);
}

/* ---- files ---- */

struct source {
	char *path;
	cmark_node *doc;
	enum part_kind kind;
	char *number, *title;
	int line;
};

static int
source_cmp(const void *pa, const void *pb)
{
	return strcmp(((const struct source *)pa)->path,
	    ((const struct source *)pb)->path);
}

static int
classify(struct parser *p, struct source *src)
{
	cmark_node *first = cmark_node_first_child(src->doc);

	if (first == NULL || cmark_node_get_type(first) != CMARK_NODE_HEADING ||
	    cmark_node_get_heading_level(first) != 1) {
		error(p, first ? line_of(first) : 1, "a file of the standard "
		    "starts with a '#' heading that names its part (see "
		    "content/standard/README.md)");
		return -1;
	}
	src->line = line_of(first);
	split_heading(p, node_text(p, first), &src->number, &src->title);
	if (src->number == NULL)
		src->kind = PART_PREFACE;
	else if (strcmp(src->number, "1") == 0)
		src->kind = PART_OVERVIEW;
	else if (strcmp(src->number, "2") == 0)
		src->kind = PART_BASIC;
	else if (strcmp(src->number, "3") == 0)
		src->kind = PART_WORK;
	else if (strncmp(src->number, "3.", 2) == 0 &&
	    strchr(src->number + 2, '.') == NULL)
		src->kind = PART_LEVEL;
	else if (strcmp(src->number, "4") == 0)
		src->kind = PART_WEIGHTS;
	else {
		error(p, src->line, "unknown part '%s': a file's first heading "
		    "is numbered 1, 2, 3, 3.N or 4, or has no number",
		    src->number);
		return -1;
	}
	return 0;
}

static int
load_sources(struct parser *p, const char *dir, struct source **out,
    size_t *n_out)
{
	struct standard *s = p->s;
	char *path = arena_printf(&s->arena, "%s/standard", dir);
	struct source *srcs = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	DIR *dp;

	if ((dp = opendir(path)) == NULL) {
		diag_add(p->d, path, 0, "cannot read the standard: %s",
		    strerror(errno));
		return -1;
	}
	while ((de = readdir(dp)) != NULL) {
		size_t len = strlen(de->d_name);

		if (len < 4 || strcmp(de->d_name + len - 3, ".md") ||
		    strcmp(de->d_name, "README.md") == 0 || de->d_name[0] == '.')
			continue;
		ARENA_PUSH(&s->arena, srcs, n, cap)->path =
		    arena_printf(&s->arena, "%s/%s", path, de->d_name);
	}
	closedir(dp);
	if (n == 0) {
		diag_add(p->d, path, 0, "no .md files: the standard is missing");
		return -1;
	}
	qsort(srcs, n, sizeof *srcs, source_cmp);
	*out = srcs;
	*n_out = n;
	return 0;
}

static int
read_source(struct parser *p, struct source *src)
{
	size_t len;
	char *data = read_text(src->path, "", &len, p->d);

	p->file = src->path;
	if (data == NULL)
		return -1;
	src->doc = cmark_parse_document(data, len, CMARK_OPT_DEFAULT);
	free(data);
	media_check(p->s, src->doc, src->path, p->d);
	return classify(p, src);
}

int
standard_load(struct standard *s, const char *dir, struct diag *d)
{
	struct parser p = { s, d, NULL };
	struct source *srcs = NULL, *overview = NULL;
	const struct source *seen[PART_WEIGHTS + 1] = {0};
	size_t n = 0, i;
	size_t errors_before = d->n;

	s->dir = dir;
	if (load_sources(&p, dir, &srcs, &n) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		struct source *src = &srcs[i];

		*ARENA_PUSH(&s->arena, s->files, s->n_files, s->cap_files) =
		    src->path;
		if (read_source(&p, src) < 0) {
			src->kind = (enum part_kind)-1;
			continue;
		}
		if (src->kind != PART_LEVEL) {
			if (seen[src->kind]) {
				error(&p, src->line, "second %s file (the first "
				    "is %s)", part_names[src->kind],
				    seen[src->kind]->path);
				src->kind = (enum part_kind)-1;
				continue;
			}
			seen[src->kind] = src;
		}
		if (src->kind == PART_OVERVIEW)
			overview = src;
	}
	/* The overview declares the levels that the other parts refer to. */
	if (overview == NULL)
		diag_add(d, arena_printf(&s->arena, "%s/standard", dir), 0,
		    "no overview: one file must start with '# 1 职业概况' or "
		    "another '# 1' heading");
	else {
		p.file = overview->path;
		parse_text_part(&p, overview->doc, &s->overview);
		apply_facts(s, d);
		check_required_facts(s, d);
	}
	for (i = 0; i < n; i++) {
		struct source *src = &srcs[i];

		p.file = src->path;
		switch ((int)src->kind) {
		case PART_PREFACE:
			parse_text_part(&p, src->doc, &s->preface);
			break;
		case PART_WORK:
			parse_text_part(&p, src->doc, &s->work_intro);
			break;
		case PART_BASIC:
			parse_basic(&p, src->doc);
			break;
		case PART_WEIGHTS:
			parse_weights(&p, src->doc);
			break;
		case PART_LEVEL: {
			struct level *lv = NULL;
			size_t k;

			for (k = 0; k < s->n_levels; k++)
				if (strcmp(s->levels[k].name, src->title) == 0)
					lv = &s->levels[k];
			if (lv == NULL)
				error(&p, src->line, "'%s' is not a level declared "
				    "in the levels fact", src->title);
			else if (lv->part_number != NULL)
				error(&p, src->line, "level %d (%s) is already "
				    "given in %s", lv->number, lv->name,
				    lv->at.file);
			else {
				lv->part_number = src->number;
				lv->at.file = src->path;
				lv->at.line = src->line;
				parse_level(&p, src->doc, lv);
			}
			break;
		}
		default:
			break;
		}
	}
	for (i = 0; i < n; i++)
		if (srcs[i].doc)
			cmark_node_free(srcs[i].doc);
	return d->n > errors_before ? -1 : 0;
}

void
standard_free(struct standard *s)
{
	arena_free(&s->arena);
}

struct level *
standard_level(const struct standard *s, int number)
{
	size_t i;

	for (i = 0; i < s->n_levels; i++)
		if (s->levels[i].number == number)
			return (struct level *)&s->levels[i];
	return NULL;
}

const struct weight_row *
weights_row(const struct weight_table *t, const char *area)
{
	size_t i;

	for (i = 0; i < t->n_rows; i++)
		if (strcmp(t->rows[i].area, area) == 0)
			return &t->rows[i];
	return NULL;
}

const char *
weight_kind_name(enum weight_kind k)
{
	return k == WEIGHTS_THEORY ? "theory" : "skill";
}
