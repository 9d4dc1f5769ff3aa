/*
 * docx: a paper form or its key as an editable A4 Word document
 * (WordprocessingML) in the national exam layout, as the PDF (pdf.c): on
 * every page a running header (occupation, level, kind, form) and the
 * footer "第 N 页 共 M 页" (PAGE and NUMPAGES fields); on every page of the
 * candidate's copy the sealed strip (密封线) in the binding margin; a
 * compact first page (facts, 注意事项, the 得分/总分人 table); a 得分/评分人
 * box before each part; short options side by side; 试卷结束 at the end.
 * The seed is in the key only. 宋体 and 黑体 are declared for East Asian
 * text, so Word and LibreOffice pick CJK fonts. Item text comes from
 * core-made HTML, which is small: p, ol, ul, li, code, strong, em, br and
 * tables of rubrics never reach it.
 */
#include "write/export.h"
#include "write/pdf.h"
#include "plan/paper.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const numerals[] = { "一", "二", "三", "四", "五", "六" };
static const char *const part_rules[ITEM_TYPES] = {
	"正确的在括号内填“√”，错误的填“×”",
	"选择一个正确的答案，将相应的字母填入题内的括号中",
	("选择两个或两个以上正确的答案，将相应的字母填入题内的括号中；"
	    "错选、少选、多选均不得分"),
	"按任务要求在规定时间内完成操作，并提交规定的成果",
	"结合本人工作实际作答，答辩时长以考评人员掌握为准",
};

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/" \
    "2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/" \
    "officeDocument/2006/relationships\""
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

static const char content_types[] = XML_DECL
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
    "content-types\"><Default Extension=\"rels\" ContentType=\"application/"
    "vnd.openxmlformats-package.relationships+xml\"/><Default Extension="
    "\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/"
    "document.xml\" ContentType=\"application/vnd.openxmlformats-"
    "officedocument.wordprocessingml.document.main+xml\"/><Override PartName="
    "\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-"
    "officedocument.wordprocessingml.styles+xml\"/><Override PartName="
    "\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-"
    "officedocument.wordprocessingml.footer+xml\"/><Override PartName="
    "\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-"
    "officedocument.wordprocessingml.header+xml\"/><Override PartName="
    "\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-"
    "officedocument.wordprocessingml.settings+xml\"/></Types>\n";

static const char package_rels[] = XML_DECL
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
    "relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas."
    "openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"word/document.xml\"/></Relationships>\n";

static const char document_rels[] = XML_DECL
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
    "relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas."
    "openxmlformats.org/officeDocument/2006/relationships/styles\" Target="
    "\"styles.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas."
    "openxmlformats.org/officeDocument/2006/relationships/footer\" Target="
    "\"footer1.xml\"/><Relationship Id=\"rId3\" Type=\"http://schemas."
    "openxmlformats.org/officeDocument/2006/relationships/header\" Target="
    "\"header1.xml\"/><Relationship Id=\"rId4\" Type=\"http://schemas."
    "openxmlformats.org/officeDocument/2006/relationships/settings\" "
    "Target=\"settings.xml\"/></Relationships>\n";

/*
 * A line ended by a line break (the stem before its options, one option
 * before the next) is not stretched to the margin: without this,
 * LibreOffice spread such lines of a justified paragraph character by
 * character across the page (Word's default is the same setting's off).
 */
static const char settings[] = XML_DECL
    "<w:settings " W_NS "><w:compat><w:doNotExpandShiftReturn/></w:compat>"
    "</w:settings>\n";

/* 五号 (10.5 pt) 宋体 body; 黑体 headings; 小四 for the title's kicker. */
static const char styles[] = XML_DECL
    "<w:styles " W_NS "><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts "
    "w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia="
    "\"宋体\" w:cs=\"Times New Roman\"/><w:sz w:val=\"21\"/><w:szCs w:val="
    "\"21\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/></w:rPr>"
    "</w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"60\" w:line="
    "\"300\" w:lineRule=\"auto\"/><w:jc w:val=\"both\"/></w:pPr>"
    "</w:pPrDefault></w:docDefaults>"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
    "<w:name w:val=\"Normal\"/><w:qFormat/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val="
    "\"Title\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr><w:spacing "
    "w:before=\"240\" w:after=\"240\"/><w:jc w:val=\"center\"/></w:pPr>"
    "<w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\""
    " w:eastAsia=\"黑体\"/><w:b/><w:sz w:val=\"36\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val="
    "\"heading 1\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/>"
    "<w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after="
    "\"120\"/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:rFonts w:ascii="
    "\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"黑体\"/>"
    "<w:b/><w:sz w:val=\"28\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val="
    "\"heading 2\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/>"
    "<w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"180\" w:after="
    "\"60\"/><w:outlineLvl w:val=\"1\"/></w:pPr><w:rPr><w:rFonts w:ascii="
    "\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"黑体\"/>"
    "<w:b/><w:sz w:val=\"24\"/></w:rPr></w:style>"
    "<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val="
    "\"Table Grid\"/><w:tblPr><w:tblBorders><w:top w:val=\"single\" w:sz="
    "\"4\" w:space=\"0\" w:color=\"000000\"/><w:left w:val=\"single\" w:sz="
    "\"4\" w:space=\"0\" w:color=\"000000\"/><w:bottom w:val=\"single\" "
    "w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/><w:right w:val=\"single\" "
    "w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/><w:insideH w:val=\"single\""
    " w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/><w:insideV w:val="
    "\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/></w:tblBorders>"
    "<w:tblCellMar><w:left w:w=\"80\" w:type=\"dxa\"/><w:right w:w=\"80\" "
    "w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style></w:styles>\n";

static const char footer[] = XML_DECL
    "<w:ftr " W_NS "><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r>"
    "<w:t xml:space=\"preserve\">第 </w:t></w:r><w:fldSimple w:instr="
    "\" PAGE \"><w:r><w:t>1</w:t></w:r></w:fldSimple><w:r><w:t xml:space="
    "\"preserve\"> 页　共 </w:t></w:r><w:fldSimple w:instr=\" NUMPAGES \">"
    "<w:r><w:t>1</w:t></w:r></w:fldSimple><w:r><w:t xml:space=\"preserve\">"
    " 页</w:t></w:r></w:p></w:ftr>\n";

/*
 * Page geometry in twips: A4; the candidate's copy keeps a 3.5 cm binding
 * margin on the left for the sealed strip, which sits in it from 0.6 cm
 * to 2.2 cm off the edge, as tall as the text area.
 */
enum {
	PAGE_W = 11906, PAGE_H = 16838, MARGIN = 1247, MARGIN_TB = 1440,
	BINDING = 1985, STRIP_X = 340, STRIP_W = 907, OPTION_INDENT = 420
};

/*
 * The sealed strip: a floating one-cell table anchored to the page in the
 * header, so that it repeats on every page, its text turned to run bottom
 * to top (btLr) as on printed papers: the candidate's fields outside,
 * "密封线内不要答题" inside, the dashed seal line on the text's side. A
 * table cell is the one place WordprocessingML turns text without drawing
 * objects, and Word and LibreOffice both honour it in a header.
 */
static void
sealed_strip(struct buf *b)
{
	buf_printf(b, "<w:tbl><w:tblPr><w:tblpPr w:leftFromText=\"0\" "
	    "w:rightFromText=\"0\" w:vertAnchor=\"page\" w:horzAnchor=\"page\" "
	    "w:tblpX=\"%d\" w:tblpY=\"%d\"/><w:tblW w:w=\"%d\" w:type=\"dxa\"/>"
	    "<w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"0\" "
	    "w:type=\"dxa\"/><w:right w:w=\"0\" w:type=\"dxa\"/></w:tblCellMar>"
	    "</w:tblPr><w:tblGrid><w:gridCol w:w=\"%d\"/></w:tblGrid><w:tr>"
	    "<w:trPr><w:trHeight w:val=\"%d\" w:hRule=\"exact\"/></w:trPr><w:tc>"
	    "<w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/><w:tcBorders><w:right "
	    "w:val=\"dashed\" w:sz=\"6\" w:space=\"0\" w:color=\"000000\"/>"
	    "</w:tcBorders><w:textDirection w:val=\"btLr\"/><w:vAlign w:val="
	    "\"center\"/></w:tcPr>", STRIP_X, MARGIN_TB, STRIP_W, STRIP_W,
	    PAGE_H - 2 * MARGIN_TB, STRIP_W);
	buf_puts(b, "<w:p><w:pPr><w:spacing w:after=\"120\"/><w:jc w:val="
	    "\"center\"/></w:pPr><w:r><w:t xml:space=\"preserve\">姓名"
	    "______________　准考证号______________________　考场__________　"
	    "单位______________________</w:t></w:r></w:p>"
	    "<w:p><w:pPr><w:spacing w:after=\"0\"/><w:jc w:val=\"center\"/>"
	    "</w:pPr><w:r><w:rPr><w:sz w:val=\"18\"/></w:rPr><w:t>"
	    "密　封　线　内　不　要　答　题</w:t></w:r></w:p></w:tc></w:tr></w:tbl>");
}

/* The header part: the running header and, on the candidate's copy, the
 * sealed strip. */
static char *
header_part(const char *text, int strip)
{
	struct buf b = {0};

	buf_puts(&b, XML_DECL "<w:hdr " W_NS ">");
	if (strip)
		sealed_strip(&b);
	buf_puts(&b, "<w:p><w:pPr><w:pBdr><w:bottom w:val=\"single\" w:sz="
	    "\"4\" w:space=\"1\" w:color=\"000000\"/></w:pBdr><w:jc w:val="
	    "\"center\"/></w:pPr><w:r><w:rPr><w:sz w:val=\"18\"/></w:rPr>"
	    "<w:t xml:space=\"preserve\">");
	xml_text(&b, text);
	buf_puts(&b, "</w:t></w:r></w:p></w:hdr>\n");
	return b.data;
}

/* ---- paragraphs and runs ---- */

enum { RUN_BOLD = 1, RUN_ITALIC = 2, RUN_CODE = 4 };

#define OPEN_BRACKET "\xef\xbc\x88"	/* （ */
#define CLOSE_BRACKET "\xef\xbc\x89"	/* ） */
#define IDEO_SPACE "\xe3\x80\x80"	/* the ideographic space */
#define BODY_EM 210	/* an ideographic space of the 10.5 pt body, in twips */

static void
one_run(struct buf *b, const char *text, size_t len, unsigned style)
{
	struct buf t = {0};

	if (len == 0)
		return;
	buf_add(&t, text, len);
	buf_puts(b, "<w:r>");
	if (style) {
		buf_puts(b, "<w:rPr>");
		if (style & RUN_CODE)
			buf_puts(b, "<w:rFonts w:ascii=\"Courier New\" w:hAnsi="
			    "\"Courier New\"/>");
		if (style & RUN_BOLD)
			buf_puts(b, "<w:b/>");
		if (style & RUN_ITALIC)
			buf_puts(b, "<w:i/>");
		buf_puts(b, "</w:rPr>");
	}
	buf_puts(b, "<w:t xml:space=\"preserve\">");
	xml_text(b, t.data);
	buf_puts(b, "</w:t></w:r>");
	buf_free(&t);
}

/* The length of an answer bracket at s ("（", ideographic spaces, "）"),
 * or 0; *spaces gets the number of spaces. */
static size_t
answer_bracket(const char *s, size_t len, int *spaces)
{
	size_t n = strlen(OPEN_BRACKET);

	if (len < 2 * n || strncmp(s, OPEN_BRACKET, n) != 0)
		return 0;
	for (*spaces = 0; n + 3 <= len && strncmp(s + n, IDEO_SPACE, 3) == 0;
	    n += 3)
		++*spaces;
	if (*spaces == 0 || len - n < 3 || strncmp(s + n, CLOSE_BRACKET, 3) != 0)
		return 0;
	return n + 3;
}

/*
 * Text as runs. An answer bracket "（　）" is written as "（）" with the
 * width of its spaces as letter spacing after "（": Word and LibreOffice
 * broke lines inside it at ideographic spaces, and at no-break spaces too
 * when the bracket met the margin; they never break between "（" and "）".
 */
static void
run(struct buf *b, const char *text, size_t len, unsigned style)
{
	size_t start = 0, i, n;
	int spaces;

	for (i = 0; i < len; i++) {
		if ((n = answer_bracket(text + i, len - i, &spaces)) == 0)
			continue;
		one_run(b, text + start, i - start, style);
		/* the space inside as letter spacing after "（": "（）" is one
		 * unbreakable pair to a line breaker; spaces are not (a no-break
		 * space still let LibreOffice hang it past the margin and break
		 * before "）") */
		buf_printf(b, "<w:r><w:rPr><w:rFonts w:hint=\"eastAsia\"/>"
		    "<w:spacing w:val=\"%d\"/></w:rPr><w:t>" OPEN_BRACKET
		    "</w:t></w:r><w:r><w:rPr><w:rFonts w:hint=\"eastAsia\"/>"
		    "</w:rPr><w:t>" CLOSE_BRACKET "</w:t></w:r>",
		    spaces * BODY_EM);
		start = i + n;
		i = start - 1;
	}
	one_run(b, text + start, len - start, style);
}

static void
text_run(struct buf *b, const char *text, unsigned style)
{
	run(b, text, strlen(text), style);
}

/* A paragraph's start; indent in twips (0: none), style an id or NULL;
 * keep holds it on one page with the next one. */
static void
keep_para(struct buf *b, const char *style, int indent, const char *jc,
    int keep)
{
	buf_puts(b, "<w:p>");
	if (style || indent || jc || keep) {
		buf_puts(b, "<w:pPr>");
		if (style)
			buf_printf(b, "<w:pStyle w:val=\"%s\"/>", style);
		if (keep)
			buf_puts(b, "<w:keepNext/><w:keepLines/>");
		if (indent)
			buf_printf(b, "<w:ind w:left=\"%d\"/>", indent);
		if (jc)
			buf_printf(b, "<w:jc w:val=\"%s\"/>", jc);
		buf_puts(b, "</w:pPr>");
	}
}

static void
para(struct buf *b, const char *style, int indent, const char *jc)
{
	keep_para(b, style, indent, jc, 0);
}

static void
text_para(struct buf *b, const char *style, const char *text)
{
	para(b, style, 0, NULL);
	text_run(b, text, 0);
	buf_puts(b, "</w:p>");
}

/* A paragraph of formatted text: names from content can be long, so no
 * fixed buffer. */
static void
para_printf(struct buf *b, const char *style, const char *jc,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
para_printf(struct buf *b, const char *style, const char *jc,
    const char *fmt, ...)
{
	struct buf t = {0};
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	t.data = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(t.data, (size_t)n + 1, fmt, ap);
	va_end(ap);
	para(b, style, 0, jc);
	text_run(b, t.data, 0);
	buf_puts(b, "</w:p>");
	free(t.data);
}

/*
 * Core-made HTML as paragraphs indented by indent. prefix opens the first
 * paragraph ("1. "), suffix closes the last ("（　　）"). Lists become
 * paragraphs led by "1." or "•". keep: each paragraph is kept whole and
 * with the next one.
 */
static void
html_paras(struct buf *b, const char *html, int indent, const char *prefix,
    const char *suffix, int keep)
{
	struct buf text = {0};
	unsigned style = 0;
	int open = 0, depth = 0, counter[8] = {0}, ordered[8] = {0};
	const char *s = html;

#define FLUSH() (run(b, text.data, text.len, style), buf_clear(&text))
#define OPEN() do { if (!open) { keep_para(b, NULL, indent + 360 * depth, NULL, keep); \
	open = 1; if (prefix) { text_run(b, prefix, 0); prefix = NULL; } } \
	} while (0)
	while (*s) {
		if (*s == '<') {
			const char *end = strchr(s, '>');
			size_t n = end ? (size_t)(end - s) + 1 : strlen(s);
			unsigned flag = 0;

			FLUSH();
			if (strncmp(s, "<p>", 3) == 0 || strncmp(s, "<p ", 3) == 0)
				OPEN();
			else if (strncmp(s, "</p>", 4) == 0 ||
			    strncmp(s, "</li>", 5) == 0) {
				if (open)
					buf_puts(b, "</w:p>");
				open = 0;
			} else if (strncmp(s, "<ol", 3) == 0 ||
			    strncmp(s, "<ul", 3) == 0) {
				if (open)
					buf_puts(b, "</w:p>");
				open = 0;
				if (depth < 7) {
					depth++;
					ordered[depth] = s[1] == 'o';
					counter[depth] = 0;
				}
			} else if (strncmp(s, "</ol>", 5) == 0 ||
			    strncmp(s, "</ul>", 5) == 0) {
				if (depth > 0)
					depth--;
			} else if (strncmp(s, "<li", 3) == 0) {
				char mark[16];

				if (open)
					buf_puts(b, "</w:p>");
				open = 0;
				OPEN();
				if (ordered[depth])
					snprintf(mark, sizeof mark, "%d. ",
					    ++counter[depth]);
				else
					snprintf(mark, sizeof mark, "• ");
				text_run(b, mark, 0);
			} else if (strncmp(s, "<br", 3) == 0) {
				OPEN();
				buf_puts(b, "<w:r><w:br/></w:r>");
			} else if (strncmp(s + 1 + (s[1] == '/'), "strong>", 7) == 0)
				flag = RUN_BOLD;
			else if (strncmp(s + 1 + (s[1] == '/'), "em>", 3) == 0)
				flag = RUN_ITALIC;
			else if (strncmp(s + 1 + (s[1] == '/'), "code>", 5) == 0)
				flag = RUN_CODE;
			if (flag)
				style = s[1] == '/' ? style & ~flag : style | flag;
			s += n;
			continue;
		}
		if (*s == '\n' && !open) {
			s++;
			continue;
		}
		OPEN();
		if (*s == '&') {
			size_t n;
			const char *ch = html_entity(s, &n);

			buf_puts(&text, ch ? ch : "&");
			s += n;
		} else if (*s == '\n') {
			buf_putc(&text, ' ');
			s++;
		} else
			buf_putc(&text, *s++);
	}
	FLUSH();
	if (!open && suffix) {
		/* the suffix belongs to the last paragraph: reopen it */
		if (b->len >= 6 && strcmp(b->data + b->len - 6, "</w:p>") == 0)
			b->data[b->len -= 6] = '\0';
		else
			OPEN();
		open = 1;
	}
	if (open || prefix) {
		OPEN();
		if (suffix)
			text_run(b, suffix, 0);
		buf_puts(b, "</w:p>");
	}
#undef OPEN
#undef FLUSH
	buf_free(&text);
}

/* ---- tables ---- */

static void
table_open(struct buf *b, const int *widths, int n)
{
	int i;

	buf_puts(b, "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW "
	    "w:w=\"0\" w:type=\"auto\"/><w:jc w:val=\"center\"/></w:tblPr>"
	    "<w:tblGrid>");
	for (i = 0; i < n; i++)
		buf_printf(b, "<w:gridCol w:w=\"%d\"/>", widths[i]);
	buf_puts(b, "</w:tblGrid>");
}

static void
cell_open(struct buf *b, int width)
{
	buf_printf(b, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/>"
	    "<w:vAlign w:val=\"center\"/></w:tcPr>", width);
}

static void
text_cell(struct buf *b, int width, const char *text, int bold)
{
	cell_open(b, width);
	para(b, NULL, 0, "center");
	text_run(b, text, bold ? RUN_BOLD : 0);
	buf_puts(b, "</w:p></w:tc>");
}

/* ---- the documents ---- */

struct part {
	enum item_type type;
	size_t first, n;
	int points;
};

/* A form's items as parts of one type each, in paper order. */
static size_t
form_parts(const struct form *fm, struct part *parts, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < fm->n; i++) {
		const struct form_item *fi = &fm->items[i];

		if (n == 0 || parts[n - 1].type != fi->it->type) {
			if (n == max)
				break;
			parts[n].type = fi->it->type;
			parts[n].first = i;
			parts[n].n = 0;
			parts[n].points = 0;
			n++;
		}
		parts[n - 1].n++;
		parts[n - 1].points += fi->points;
	}
	return n;
}

/*
 * The compact first page, as the PDF's: title, the exam facts on one
 * line, 注意事项, and the 题号/分值/得分 table with 总分 and 总分人; the
 * first part follows on the same page. No seed: that is in the key.
 */
static void
cover(struct buf *b, const struct standard *s, const struct paper_set *set,
    const struct form *fm, const struct part *parts, size_t n_parts)
{
	const struct level *lv = standard_level(s, set->req.level);
	static const char *const notes[] = {
		"1. 考试时间为 %d 分钟，满分 100 分，%d 分（含）以上为合格。",
		"2. 请首先按要求在试卷的标封处填写您的姓名、准考证号、考场和所在单位的名称。",
		"3. 请仔细阅读各种题目的回答要求，在规定的位置填写您的答案。",
		"4. 不要在试卷上乱写乱画，不要在标封区填写无关的内容。",
	};
	int w[8], cw;
	char v[64];
	size_t i;

	para_printf(b, NULL, "center", "%s（%s）", s->name, lv->name);
	para_printf(b, "Title", NULL, "%s试卷（%s卷）", paper_kind_label(set->req.kind),
	    fm->code);
	para_printf(b, NULL, "center", "职业编码 %s　考试时间 %d 分钟　满分 100 分"
	    "　合格分数 %d 分　试卷代码 %s", s->code ? s->code : "", set->minutes,
	    s->pass_mark, fm->code);
	text_para(b, "Heading2", "注　意　事　项");
	for (i = 0; i < sizeof notes / sizeof notes[0]; i++)
		para_printf(b, NULL, NULL, notes[i], set->minutes, s->pass_mark);

	/* one column per part, the total and who totalled */
	cw = (PAGE_W - BINDING - MARGIN) / (int)(n_parts + 3);
	for (i = 0; i < n_parts + 3 && i < 8; i++)
		w[i] = cw;
	table_open(b, w, (int)(n_parts + 3));
	buf_puts(b, "<w:tr>");
	text_cell(b, cw, "题　号", 1);
	for (i = 0; i < n_parts; i++)
		text_cell(b, cw, numerals[i], 1);
	text_cell(b, cw, "总　分", 1);
	text_cell(b, cw, "总分人", 1);
	buf_puts(b, "</w:tr><w:tr>");
	text_cell(b, cw, "分　值", 1);
	for (i = 0; i < n_parts; i++) {
		snprintf(v, sizeof v, "%d", parts[i].points);
		text_cell(b, cw, v, 0);
	}
	text_cell(b, cw, "100", 0);
	text_cell(b, cw, "", 0);
	buf_puts(b, "</w:tr><w:tr>");
	text_cell(b, cw, "得　分", 1);
	for (i = 0; i <= n_parts + 1; i++)
		text_cell(b, cw, "", 0);
	buf_puts(b, "</w:tr></w:tbl>");
}

/*
 * A part's heading with the 得分/评分人 fields a marker fills in, on the
 * heading's line at the right margin. Not a box of its own: LibreOffice
 * splits a keep-with-next chain that starts with a table or a boxed
 * paragraph, and then items break across pages.
 */
static void
part_heading(struct buf *b, size_t p, enum item_type type)
{
	buf_printf(b, "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/><w:tabs><w:tab "
	    "w:val=\"right\" w:pos=\"%d\"/></w:tabs></w:pPr>",
	    PAGE_W - BINDING - MARGIN);
	text_run(b, numerals[p], 0);
	text_run(b, "、", 0);
	text_run(b, paper_section_title(type), 0);
	buf_puts(b, "<w:r><w:tab/></w:r>");
	buf_puts(b, "<w:r><w:rPr><w:b w:val=\"0\"/><w:sz w:val=\"21\"/></w:rPr>"
	    "<w:t xml:space=\"preserve\">得分 ________　评分人 ________</w:t>"
	    "</w:r></w:p>");
}

static void
task_parts(struct buf *b, const struct item *it)
{
	static const char *const labels[] = { "情境", "环境与材料", "任务", "提交物" };
	int k;

	for (k = 0; k < TASK_PARTS; k++)
		if (*it->parts_html[k]) {
			para(b, NULL, 0, NULL);
			text_run(b, labels[k], RUN_BOLD);
			buf_puts(b, "</w:p>");
			html_paras(b, it->parts_html[k], 0, NULL, NULL, 0);
		}
}

/* An item's last paragraph need not stay with the next item: drop its
 * keepNext (every paragraph from start has one). */
static void
unkeep_last(struct buf *b, size_t start)
{
	static const char keep[] = "<w:keepNext/>";
	char *p, *last = NULL;

	for (p = b->data + start; (p = strstr(p, keep)) != NULL; p++)
		last = p;
	if (last == NULL)
		return;
	memmove(last, last + sizeof keep - 1,
	    b->len - (size_t)(last - b->data) - (sizeof keep - 1) + 1);
	b->len -= sizeof keep - 1;
}

/*
 * Option widths in twips, estimated: an East Asian character is a full
 * em of 五号 (210 twips), anything else about half. Word lays the text out
 * itself, so the estimate errs wide.
 */
static int
text_width(const char *s)
{
	int w = 0;

	for (; *s; s++)
		if ((*s & 0xc0) == 0x80)
			continue;
		else
			w += (unsigned char)*s >= 0xe0 ? 210 : 116;
	return w;
}

/* Times needle occurs in hay. */
static int
count(const char *hay, const char *needle)
{
	int n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

/*
 * A choice item as one paragraph kept whole (w:keepLines): the stem, then
 * a line break before each row of options, in 4, 2 or 1 columns (tab
 * stops), the most that fit the widest, as the PDF's; wrapped lines hang
 * under the stem's text. One paragraph because LibreOffice does not always
 * honour keep-with-next: a chain of stem and option paragraphs split at a
 * page end now and then. Returns 0 if the item does not fit one paragraph
 * (a stem or option of several paragraphs or a list), and writes nothing.
 */
static int
choice_item(struct buf *b, const struct form_item *fi, const char *no)
{
	const int avail = PAGE_W - BINDING - MARGIN - OPTION_INDENT;
	struct buf stem = {0};
	char *text[OPTIONS_MAX];
	const char *runs;
	int n, k, cols = 4, widest = 0, c;

	for (n = 0; fi->order[n]; n++) {
		const char *html = fi->it->options[fi->order[n] - 'A'].html;

		if (strstr(html, "<li") || strstr(html, "<br") ||
		    count(html, "<p") > 1)
			return 0;
	}
	html_paras(&stem, fi->it->stem_html, 0, no, NULL, 0);
	if (count(stem.data, "<w:p>") != 1 || strstr(stem.data, "<w:pPr>")) {
		buf_free(&stem);
		return 0;
	}
	for (k = 0; k < n; k++) {
		int w;

		text[k] = html_text(fi->it->options[fi->order[k] - 'A'].html);
		w = text_width(text[k]) + 3 * 210;
		widest = w > widest ? w : widest;
	}
	if (widest > avail / 4)
		cols = widest <= avail / 2 ? 2 : 1;
	buf_puts(b, "<w:p><w:pPr><w:keepNext/><w:keepLines/>");
	if (cols > 1) {
		buf_puts(b, "<w:tabs>");
		for (c = 1; c < cols; c++)
			buf_printf(b, "<w:tab w:val=\"left\" w:pos=\"%d\"/>",
			    OPTION_INDENT + c * avail / cols);
		buf_puts(b, "</w:tabs>");
	}
	buf_printf(b, "<w:ind w:left=\"%d\" w:hanging=\"%d\"/></w:pPr>",
	    OPTION_INDENT, OPTION_INDENT);
	runs = stem.data + strlen("<w:p>");
	buf_add(b, runs, strlen(runs) - strlen("</w:p>"));
	for (k = 0; k < n; k++) {
		char letter[8];

		snprintf(letter, sizeof letter, "%c. ", 'A' + k);
		buf_puts(b, k % cols == 0 ? "<w:r><w:br/></w:r>" :
		    "<w:r><w:tab/></w:r>");
		text_run(b, letter, 0);
		text_run(b, text[k], 0);
		free(text[k]);
	}
	buf_puts(b, "</w:p>");
	buf_free(&stem);
	return 1;
}

static void
paper_body(struct buf *b, const struct form *fm, const struct part *parts,
    size_t n_parts)
{
	size_t p, i;

	for (p = 0; p < n_parts; p++) {
		const struct part *pt = &parts[p];
		char rule[512];

		part_heading(b, p, pt->type);
		/* the rules stay with the part's first item */
		if (pt->type == ITEM_SKILL || pt->type == ITEM_REVIEW)
			snprintf(rule, sizeof rule, "（%s。共 %zu 题，共 %d 分。）",
			    part_rules[pt->type], pt->n, pt->points);
		else
			snprintf(rule, sizeof rule, "（%s。共 %zu 题，每题 %d 分，"
			    "共 %d 分。）", part_rules[pt->type], pt->n,
			    fm->items[pt->first].points, pt->points);
		keep_para(b, NULL, 0, NULL, 1);
		text_run(b, rule, 0);
		buf_puts(b, "</w:p>");
		for (i = pt->first; i < pt->first + pt->n; i++) {
			const struct form_item *fi = &fm->items[i];
			const struct item *it = fi->it;
			char no[64];
			size_t start;

			if (it->type == ITEM_SKILL) {
				para_printf(b, "Heading2", NULL, "试题 %zu（%d 分，%d 分钟）",
				    i + 1, fi->points, it->minutes);
				task_parts(b, it);
				continue;
			}
			if (it->type == ITEM_REVIEW) {
				para_printf(b, "Heading2", NULL, "答辩题 %zu（%d 分）", i + 1,
				    fi->points);
				html_paras(b, it->stem_html, 0, NULL, NULL, 0);
				continue;
			}
			snprintf(no, sizeof no, "%zu. ", i + 1);
			start = b->len;
			/* a 判断题 is answered in brackets after it; choice
			 * stems carry their own */
			if (it->type == ITEM_JUDGE)
				html_paras(b, it->stem_html, 0, no, "（　　）", 1);
			else if (!choice_item(b, fi, no)) {
				int k;

				html_paras(b, it->stem_html, 0, no, NULL, 1);
				for (k = 0; fi->order[k]; k++) {
					char letter[8];

					snprintf(letter, sizeof letter, "%c. ", 'A' + k);
					html_paras(b, it->options[fi->order[k] - 'A'].html,
					    OPTION_INDENT, letter, NULL, 1);
				}
			}
			/* the paper's last item stays with 试卷结束 */
			if (p + 1 < n_parts || i + 1 < pt->first + pt->n)
				unkeep_last(b, start);
		}
	}
}

/* The letters of a choice key in this form's option order. */
static void
form_answer(const struct form_item *fi, char *out)
{
	int k, n = 0;

	if (fi->it->type == ITEM_JUDGE) {
		strcpy(out, fi->it->answer ? "√" : "×");
		return;
	}
	for (k = 0; fi->order[k]; k++)
		if (fi->it->answer & (1u << (fi->order[k] - 'A')))
			out[n++] = (char)('A' + k);
	out[n] = '\0';
}

static void
rubric_table(struct buf *b, const struct item *it)
{
	static const int w[] = { 7200, 1400 };
	char v[32];
	size_t k;

	table_open(b, w, 2);
	buf_puts(b, "<w:tr>");
	text_cell(b, 7200, it->type == ITEM_SKILL ? "评分要点" : "评审要点", 1);
	text_cell(b, 1400, "分值", 1);
	buf_puts(b, "</w:tr>");
	for (k = 0; k < it->n_rubric; k++) {
		buf_puts(b, "<w:tr>");
		cell_open(b, 7200);
		html_paras(b, it->rubric[k].html, 0, NULL, NULL, 0);
		buf_puts(b, "</w:tc>");
		snprintf(v, sizeof v, "%d", it->rubric[k].points);
		text_cell(b, 1400, it->rubric[k].veto ? "否决" : v, 0);
		buf_puts(b, "</w:tr>");
	}
	snprintf(v, sizeof v, "%d", it->points);
	buf_puts(b, "<w:tr>");
	text_cell(b, 7200, "合计", 1);
	text_cell(b, 1400, v, 1);
	buf_puts(b, "</w:tr></w:tbl>");
}

static void
key_body(struct buf *b, const struct standard *s, const struct paper_set *set,
    const struct form *fm, const struct part *parts, size_t n_parts)
{
	const struct level *lv = standard_level(s, set->req.level);
	static const int w[] = { 860, 860, 860, 860, 860, 860, 860, 860, 860,
		860 };
	size_t p, i, c;

	para_printf(b, NULL, "center", "%s（%s）", s->name, lv->name);
	para_printf(b, "Title", NULL, "%s答案与评分标准（%s卷）",
	    paper_kind_label(set->req.kind), fm->code);
	para_printf(b, NULL, "center", "试卷代码 %s · 组卷种子 %llu · 满分 100 "
	    "分，%d 分（含）以上合格 · 平均难度 %.3f", fm->code,
	    (unsigned long long)set->req.seed, s->pass_mark, fm->difficulty_mean);
	for (p = 0; p < n_parts; p++) {
		const struct part *pt = &parts[p];

		para_printf(b, "Heading1", NULL, "%s、%s（共 %d 分）", numerals[p],
		    paper_section_title(pt->type), pt->points);
		if (pt->type == ITEM_SKILL || pt->type == ITEM_REVIEW) {
			for (i = pt->first; i < pt->first + pt->n; i++) {
				para_printf(b, "Heading2", NULL, "%s %zu（%d 分）  %s",
				    pt->type == ITEM_SKILL ? "试题" : "答辩题", i + 1,
				    fm->items[i].points, fm->items[i].it->id);
				rubric_table(b, fm->items[i].it);
			}
			continue;
		}
		table_open(b, w, 10);
		for (i = pt->first; i < pt->first + pt->n; i += 5) {
			buf_puts(b, "<w:tr>");
			for (c = i; c < i + 5; c++) {
				char no[24], answer[OPTIONS_MAX + 4];

				if (c >= pt->first + pt->n) {
					text_cell(b, 860, "", 0);
					text_cell(b, 860, "", 0);
					continue;
				}
				snprintf(no, sizeof no, "%zu", c + 1);
				form_answer(&fm->items[c], answer);
				text_cell(b, 860, no, 1);
				text_cell(b, 860, answer, 0);
			}
			buf_puts(b, "</w:tr>");
		}
		buf_puts(b, "</w:tbl>");
		if (pt->type == ITEM_MULTI)
			text_para(b, NULL, "多选题全部选对得分，错选、少选、多选均"
			    "不得分。");
		text_para(b, "Heading2", "解析");
		for (i = pt->first; i < pt->first + pt->n; i++) {
			const struct item *it = fm->items[i].it;
			struct buf pre = {0};
			size_t k;

			buf_printf(&pre, "%zu. 【%s", i + 1, it->id);
			for (k = 0; k < it->n_knowledge; k++)
				buf_printf(&pre, " %s", it->knowledge[k]);
			buf_puts(&pre, "】");
			html_paras(b, it->explanation_html, 0, pre.data, NULL, 0);
			buf_free(&pre);
		}
	}
}

/*
 * The package around a document body (the XML inside w:body): A4,
 * margins 2.54 cm top and bottom, 2.2 cm right and left, 3.5 cm left on
 * a candidate's copy for the sealed strip (strip); the header part with
 * the running header text and, with strip, the sealed strip.
 */
static int
package(const struct standard *s, const char *body, const char *header,
    int strip, const char *path)
{
	struct buf doc = {0};
	struct zip_part z[8];
	char *hdr;
	int rc, i;

	buf_puts(&doc, XML_DECL "<w:document " W_NS "><w:body>");
	buf_puts(&doc, body);
	buf_printf(&doc, "<w:sectPr><w:headerReference w:type=\"default\" r:id="
	    "\"rId3\"/><w:footerReference w:type=\"default\" r:id=\"rId2\"/>"
	    "<w:pgSz w:w=\"%d\" w:h=\"%d\"/><w:pgMar w:top=\"%d\" w:right="
	    "\"%d\" w:bottom=\"%d\" w:left=\"%d\" w:header=\"851\" w:footer="
	    "\"850\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>\n",
	    PAGE_W, PAGE_H, MARGIN_TB, MARGIN, MARGIN_TB, strip ? BINDING : MARGIN);
	hdr = header_part(header, strip);
	z[0].name = "[Content_Types].xml", z[0].data = content_types;
	z[1].name = "_rels/.rels", z[1].data = package_rels;
	z[2].name = "word/_rels/document.xml.rels", z[2].data = document_rels;
	z[3].name = "word/document.xml", z[3].data = doc.data;
	z[4].name = "word/styles.xml", z[4].data = styles;
	z[5].name = "word/footer1.xml", z[5].data = footer;
	z[6].name = "word/header1.xml", z[6].data = hdr;
	z[7].name = "word/settings.xml", z[7].data = settings;
	for (i = 0; i < 8; i++)
		z[i].len = strlen(z[i].data);
	rc = zip_write(path, z, 8, s->modified);
	buf_free(&doc);
	free(hdr);
	return rc;
}

int
export_docx(const struct standard *s, const struct paper_set *set,
    const struct form *fm, int key, const char *path)
{
	struct part parts[ITEM_TYPES + 1];
	size_t n_parts = form_parts(fm, parts, ITEM_TYPES + 1);
	struct buf body = {0};
	char *header;
	int rc;

	if (key)
		key_body(&body, s, set, fm, parts, n_parts);
	else {
		cover(&body, s, set, fm, parts, n_parts);
		paper_body(&body, fm, parts, n_parts);
		para(&body, "Heading2", 0, "center");
		text_run(&body, "—— 试卷结束 ——", 0);
		buf_puts(&body, "</w:p>");
	}
	header = pdf_header(s, set, fm, key ? "答案与评分标准" : "试卷");
	rc = package(s, body.data, header, !key, path);
	free(header);
	buf_free(&body);
	return rc;
}

/* ---- documents written by other modules (skilldocs.c) ---- */

void
docx_title(struct buf *b, const char *kicker, const char *title, int new_page)
{
	if (new_page)
		buf_puts(b, "<w:p><w:pPr><w:pageBreakBefore/></w:pPr></w:p>");
	para(b, NULL, 0, "center");
	text_run(b, kicker, RUN_BOLD);
	buf_puts(b, "</w:p>");
	text_para(b, "Title", title);
}

/* Text with its line breaks as w:br. */
static void
lines_run(struct buf *b, const char *text, unsigned style)
{
	const char *nl;

	while ((nl = strchr(text, '\n')) != NULL) {
		run(b, text, (size_t)(nl - text), style);
		buf_puts(b, "<w:r><w:br/></w:r>");
		text = nl + 1;
	}
	run(b, text, strlen(text), style);
}

void
docx_text(struct buf *b, const char *text, int heading, int center)
{
	para(b, heading ? "Heading2" : NULL, 0, center ? "center" : NULL);
	lines_run(b, text, 0);
	buf_puts(b, "</w:p>");
}

void
docx_html(struct buf *b, const char *html)
{
	html_paras(b, html, 0, NULL, NULL, 0);
}

void
docx_row(struct buf *b, int n, const char *const *cells, const double *widths,
    int first, int center)
{
	double total = 0;
	int i, w[32];

	for (i = 0; i < n && i < 32; i++)
		total += widths[i];
	for (i = 0; i < n && i < 32; i++)
		w[i] = (int)((PAGE_W - 2 * MARGIN) * widths[i] / total);
	if (first)
		table_open(b, w, n < 32 ? n : 32);
	buf_puts(b, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
	for (i = 0; i < n && i < 32; i++) {
		cell_open(b, w[i]);
		para(b, NULL, 0, center || first ? "center" : "left");
		lines_run(b, cells[i], first ? RUN_BOLD : 0);
		buf_puts(b, "</w:p></w:tc>");
	}
	buf_puts(b, "</w:tr>");
}

void
docx_table_end(struct buf *b)
{
	/* a paragraph after the table: two tables in a row would merge */
	buf_puts(b, "</w:tbl><w:p/>");
}

int
docx_write(const struct standard *s, const char *body, const char *header,
    const char *path)
{
	return package(s, body, header, 0, path);
}

/* The course documents (lessonplan.c): the occupation's name as running
 * header, no sealed strip. */
int
export_docx_package(const struct standard *s, const char *body,
    const char *path)
{
	return package(s, body, s->name, 0, path);
}
