#include "write/export.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

void
xml_text(struct buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		default:
			if (c >= 0x20 || c == '\t' || c == '\n')
				buf_putc(b, (char)c);
			break;
		}
	}
}

/* A Moodle <text> holding HTML, escaped (Moodle unescapes it). */
static void
moodle_html(struct buf *b, const char *tag, const char *html)
{
	buf_printf(b, "    <%s format=\"html\"><text>", tag);
	xml_text(b, html);
	buf_printf(b, "</text></%s>\n", tag);
}

/* Moodle category paths separate with '/'; a slash in a name doubles. */
static void
category_part(struct buf *b, const char *name)
{
	buf_putc(b, '/');
	for (; *name; name++) {
		if (*name == '/')
			buf_putc(b, '/');
		buf_putc(b, *name);
	}
}

static const struct work_content *
find_wc(const struct standard *s, int level, const char *number)
{
	const struct level *lv = standard_level(s, level);
	size_t f, w;

	for (f = 0; lv && number && f < lv->n_functions; f++)
		for (w = 0; w < lv->functions[f].n_work; w++)
			if (strcmp(lv->functions[f].work[w].number, number) == 0)
				return &lv->functions[f].work[w];
	return NULL;
}

static void
moodle_category(struct buf *b, const struct standard *s, int level,
    const char *form, const struct item *it)
{
	struct buf path = {0};
	const struct work_content *wc = find_wc(s, it->level, it->wc_number);

	buf_puts(&path, "$course$/top");
	category_part(&path, s->name);
	category_part(&path, standard_level(s, level)->name);
	if (form) {
		char name[64];

		snprintf(name, sizeof name, "%s卷", form);
		category_part(&path, name);
	} else {
		category_part(&path, it->area);
		if (wc) {
			char name[256];

			snprintf(name, sizeof name, "%s%s %s", it->level != level ?
			    standard_level(s, it->level)->name : "", wc->number,
			    wc->name);
			category_part(&path, name);
		}
	}
	buf_puts(b, "  <question type=\"category\">\n    <category><text>");
	xml_text(b, path.data);
	buf_puts(b, "</text></category>\n  </question>\n");
	buf_free(&path);
}

static void
moodle_tags(struct buf *b, const struct item *it)
{
	size_t k;

	buf_printf(b, "    <tags>\n      <tag><text>难度%d</text></tag>\n",
	    it->difficulty);
	for (k = 0; k < it->n_knowledge; k++) {
		buf_puts(b, "      <tag><text>");
		xml_text(b, it->knowledge[k]);
		buf_puts(b, "</text></tag>\n");
	}
	buf_puts(b, "    </tags>\n");
}

char *
task_html(const struct item *it)
{
	static const char *const labels[] = { "情境", "环境与材料", "任务", "提交物" };
	struct buf b = {0};
	int i;

	buf_printf(&b, "<p><strong>时限</strong> %d 分钟，%d 分</p>", it->minutes,
	    it->points);
	for (i = 0; i < TASK_PARTS; i++)
		if (*it->parts_html[i])
			buf_printf(&b, "<p><strong>%s</strong></p>%s", labels[i],
			    it->parts_html[i]);
	return b.data;
}

const char *
html_entity(const char *s, size_t *len)
{
	static const struct { const char *ent, *ch; } ents[] = {
		{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
		{ "&quot;", "\"" }, { "&#39;", "'" },
	};
	size_t k;

	for (k = 0; k < sizeof ents / sizeof ents[0]; k++)
		if (strncmp(s, ents[k].ent, strlen(ents[k].ent)) == 0) {
			*len = strlen(ents[k].ent);
			return ents[k].ch;
		}
	*len = 1;
	return NULL;
}

char *
html_text(const char *html)
{
	struct buf b = {0};

	while (*html) {
		const char *ch;
		size_t n;

		if (*html == '<') {
			/* a block's end becomes a line break */
			if (strncmp(html, "</p>", 4) == 0 || strncmp(html, "</li>", 5) == 0)
				buf_putc(&b, '\n');
			while (*html && *html != '>')
				html++;
			if (*html)
				html++;
			continue;
		}
		if ((ch = html_entity(html, &n)) != NULL) {
			buf_puts(&b, ch);
			html += n;
		} else
			buf_putc(&b, *html++);
	}
	while (b.len && b.data[b.len - 1] == '\n')
		b.data[--b.len] = '\0';
	return b.data ? b.data : xstrdup("");
}

int
item_points(const struct item *it)
{
	return it->type == ITEM_MULTI ? 2 : item_is_theory(it) ? 1 : it->points;
}

static void
moodle_question(struct buf *b, const struct item *it)
{
	static const char *const types[] = {
		"truefalse", "multichoice", "multichoice", "essay", "essay" };
	size_t k;
	int i, keys = 0;

	buf_printf(b, "  <question type=\"%s\">\n    <name><text>", types[it->type]);
	xml_text(b, it->id);
	buf_puts(b, "</text></name>\n");
	if (it->type == ITEM_SKILL) {
		char *task = task_html(it);

		moodle_html(b, "questiontext", task);
		free(task);
	} else
		moodle_html(b, "questiontext", it->stem_html);
	if (item_is_theory(it))
		moodle_html(b, "generalfeedback", it->explanation_html);
	buf_printf(b, "    <defaultgrade>%d</defaultgrade>\n", item_points(it));
	buf_puts(b, "    <penalty>0</penalty>\n    <hidden>0</hidden>\n");
	buf_puts(b, "    <idnumber>");
	xml_text(b, it->id);
	buf_puts(b, "</idnumber>\n");
	switch (it->type) {
	case ITEM_JUDGE:
		buf_printf(b, "    <answer fraction=\"%d\" format=\"moodle_auto_format\">"
		    "<text>true</text></answer>\n", it->answer ? 100 : 0);
		buf_printf(b, "    <answer fraction=\"%d\" format=\"moodle_auto_format\">"
		    "<text>false</text></answer>\n", it->answer ? 0 : 100);
		break;
	case ITEM_SINGLE:
	case ITEM_MULTI:
		for (i = 0; i < it->n_options; i++)
			keys += (it->answer >> i) & 1;
		buf_printf(b, "    <single>%s</single>\n    <shuffleanswers>%d"
		    "</shuffleanswers>\n    <answernumbering>ABCD</answernumbering>\n",
		    it->type == ITEM_SINGLE ? "true" : "false", !it->fixed_order);
		for (i = 0; i < it->n_options; i++) {
			char fraction[16];

			/* multiple answers: the keys share 100 %; a wrong choice
			 * takes 100 % away, so only the exact set scores full */
			if ((it->answer >> i) & 1)
				snprintf(fraction, sizeof fraction, "%.5g",
				    100.0 / keys);
			else
				snprintf(fraction, sizeof fraction, "%s",
				    it->type == ITEM_SINGLE ? "0" : "-100");
			buf_printf(b, "    <answer fraction=\"%s\" format=\"html\">"
			    "<text>", fraction);
			xml_text(b, it->options[i].html);
			buf_puts(b, "</text></answer>\n");
		}
		break;
	default: {
		struct buf rubric = {0};

		if (it->type == ITEM_SKILL)
			buf_puts(b, "    <responseformat>editor</responseformat>\n"
			    "    <responsefieldlines>15</responsefieldlines>\n"
			    "    <attachments>3</attachments>\n");
		else
			buf_puts(b, "    <responseformat>editor</responseformat>\n"
			    "    <responsefieldlines>10</responsefieldlines>\n"
			    "    <attachments>0</attachments>\n");
		buf_printf(&rubric, "<table><tr><th>%s</th><th>分值</th></tr>",
		    it->type == ITEM_SKILL ? "评分要点" : "评审要点");
		for (k = 0; k < it->n_rubric; k++) {
			if (it->rubric[k].veto)
				buf_printf(&rubric, "<tr><td>%s</td><td>否决</td></tr>",
				    it->rubric[k].html);
			else
				buf_printf(&rubric, "<tr><td>%s</td><td>%d</td></tr>",
				    it->rubric[k].html, it->rubric[k].points);
		}
		buf_printf(&rubric, "<tr><th>合计</th><th>%d</th></tr></table>",
		    it->points);
		moodle_html(b, "graderinfo", rubric.data);
		buf_free(&rubric);
		break;
	}
	}
	moodle_tags(b, it);
	buf_puts(b, "  </question>\n");
}

char *
export_moodle(const struct standard *s, const struct item *const *items,
    size_t n, int level, const char *form)
{
	struct buf b = {0};
	const char *last_area = NULL, *last_wc = NULL;
	int last_level = -1;
	size_t i;

	buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n");
	for (i = 0; i < n; i++) {
		const struct item *it = items[i];

		/* a category line whenever the category changes */
		if (form ? i == 0 : (last_area == NULL ||
		    strcmp(last_area, it->area) || last_level != it->level ||
		    (last_wc == NULL) != (it->wc_number == NULL) ||
		    (last_wc && strcmp(last_wc, it->wc_number))))
			moodle_category(&b, s, level, form, it);
		last_area = it->area;
		last_wc = it->wc_number;
		last_level = it->level;
		moodle_question(&b, it);
	}
	buf_puts(&b, "</quiz>\n");
	return b.data;
}

/* ---- xlsx ---- */

static const char xlsx_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-"
    "package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd."
    "openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
    "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
    "</Types>\n";

static const char xlsx_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
    "relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas."
    "openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"xl/workbook.xml\"/></Relationships>\n";

static const char xlsx_workbook[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/"
    "main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships\"><sheets><sheet name=\"题库\" sheetId=\"1\" r:id=\"rId1\"/>"
    "</sheets></workbook>\n";

static const char xlsx_workbook_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
    "relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas."
    "openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
    "Target=\"worksheets/sheet1.xml\"/></Relationships>\n";

static const char *const xlsx_columns[] = {
	"题型", "题干", "选项A", "选项B", "选项C", "选项D", "选项E", "答案",
	"解析", "难度", "知识点", "职业功能", "分值", "试题编号", "题组",
};
enum { XLSX_COLUMNS = 15 };

static void
cell(struct buf *b, int row, int col, const char *text)
{
	buf_printf(b, "<c r=\"%c%d\" t=\"inlineStr\"><is><t>",
	    'A' + col, row);
	xml_text(b, text ? text : "");
	buf_puts(b, "</t></is></c>");
}

static void
number_cell(struct buf *b, int row, int col, int v)
{
	buf_printf(b, "<c r=\"%c%d\"><v>%d</v></c>", 'A' + col, row, v);
}

/* Plain text of a rubric, one "N分：…" line per point. */
static char *
rubric_text(const struct item *it)
{
	struct buf b = {0};
	size_t k;

	for (k = 0; k < it->n_rubric; k++) {
		if (k)
			buf_putc(&b, '\n');
		if (it->rubric[k].veto)
			buf_printf(&b, "否决：%s", it->rubric[k].text);
		else
			buf_printf(&b, "%d分：%s", it->rubric[k].points,
			    it->rubric[k].text);
	}
	return b.data ? b.data : xstrdup("");
}

int
export_xlsx(const struct standard *s, const struct item *const *items,
    size_t n, const char *path)
{
	struct buf sheet = {0};
	struct zip_part parts[5];
	int rc, c;
	size_t i;

	buf_puts(&sheet, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone="
	    "\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/"
	    "spreadsheetml/2006/main\"><sheetData><row r=\"1\">");
	for (c = 0; c < XLSX_COLUMNS; c++)
		cell(&sheet, 1, c, xlsx_columns[c]);
	buf_puts(&sheet, "</row>");
	for (i = 0; i < n; i++) {
		const struct item *it = items[i];
		int row = (int)i + 2, k;
		char answer[8] = "";
		char *knowledge, *rubric = NULL;
		struct buf kb = {0};

		buf_printf(&sheet, "<row r=\"%d\">", row);
		cell(&sheet, row, 0, item_type_label(it->type));
		if (it->type == ITEM_SKILL) {
			char *task = task_html(it), *text = html_text(task);

			cell(&sheet, row, 1, text);
			free(task);
			free(text);
		} else
			cell(&sheet, row, 1, it->stem_text);
		for (k = 0; k < OPTIONS_MAX; k++)
			cell(&sheet, row, 2 + k, k < it->n_options ?
			    it->options[k].text : "");
		if (it->type == ITEM_JUDGE)
			snprintf(answer, sizeof answer, "%s", it->answer ? "正确" :
			    "错误");
		else if (item_is_theory(it))
			for (k = 0, c = 0; k < it->n_options; k++)
				if ((it->answer >> k) & 1)
					answer[c++] = (char)('A' + k);
		cell(&sheet, row, 7, answer);
		if (item_is_theory(it))
			cell(&sheet, row, 8, it->explanation_text);
		else {
			rubric = rubric_text(it);
			cell(&sheet, row, 8, rubric);
			free(rubric);
		}
		number_cell(&sheet, row, 9, it->difficulty);
		for (k = 0; k < (int)it->n_knowledge; k++)
			buf_printf(&kb, "%s%s", k ? "、" : "", it->knowledge[k]);
		knowledge = kb.data ? kb.data : xstrdup("");
		cell(&sheet, row, 10, knowledge);
		free(knowledge);
		cell(&sheet, row, 11, it->area);
		number_cell(&sheet, row, 12, item_points(it));
		cell(&sheet, row, 13, it->id);
		cell(&sheet, row, 14, it->family);
		buf_puts(&sheet, "</row>");
	}
	buf_puts(&sheet, "</sheetData></worksheet>\n");

	parts[0].name = "[Content_Types].xml", parts[0].data = xlsx_types;
	parts[1].name = "_rels/.rels", parts[1].data = xlsx_rels;
	parts[2].name = "xl/workbook.xml", parts[2].data = xlsx_workbook;
	parts[3].name = "xl/_rels/workbook.xml.rels",
	    parts[3].data = xlsx_workbook_rels;
	parts[4].name = "xl/worksheets/sheet1.xml", parts[4].data = sheet.data;
	for (c = 0; c < 5; c++)
		parts[c].len = strlen(parts[c].data);
	rc = zip_write(path, parts, 5, s->modified);
	buf_free(&sheet);
	return rc;
}

int
zip_write(const char *path, const struct zip_part *parts, size_t n,
    const char *modified)
{
	struct tm tm = {0};
	time_t mtime;
	zip_t *za;
	size_t i;
	int err;

	/* entry times from the content's date: the same content, same bytes */
	if (modified == NULL || sscanf(modified, "%d-%d-%d", &tm.tm_year,
	    &tm.tm_mon, &tm.tm_mday) != 3)
		tm.tm_year = 2024, tm.tm_mon = 1, tm.tm_mday = 1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_hour = 12;
	mtime = timegm(&tm);
	if ((za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err)) == NULL) {
		fprintf(stderr, "tiku: %s: cannot create the file\n", path);
		return -1;
	}
	for (i = 0; i < n; i++) {
		zip_source_t *src = zip_source_buffer(za, parts[i].data,
		    parts[i].len, 0);
		zip_int64_t idx;

		if (src == NULL || (idx = zip_file_add(za, parts[i].name, src,
		    ZIP_FL_ENC_UTF_8)) < 0) {
			zip_source_free(src);
			goto fail;
		}
		zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_DEFLATE, 9);
		zip_file_set_mtime(za, (zip_uint64_t)idx, mtime, 0);
	}
	if (zip_close(za) == 0)
		return 0;
fail:
	fprintf(stderr, "tiku: %s: %s\n", path, zip_strerror(za));
	zip_discard(za);
	return -1;
}
