#include "write/export.h"
#include "core/util.h"
#include "core/zipmem.h"

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

enum { NAME_CHARS = 30 };

/*
 * A question's name in Moodle's list: the first NAME_CHARS characters of
 * what the candidate reads (the stem, or a task's 任务), white space
 * collapsed, "…" when cut. The id stays the idnumber.
 */
static void
moodle_name(struct buf *b, const struct item *it)
{
	const char *src = it->stem_text;
	char *text = NULL;
	struct buf name = {0};
	int chars = 0, space = 0;
	const char *p;

	if (src == NULL || *src == '\0') {
		text = html_text(it->parts_html[PART_TASKS]);
		src = text;
	}
	for (p = src; *p && chars < NAME_CHARS; p++) {
		if (*p == ' ' || *p == '\n' || *p == '\t') {
			space = name.len > 0;
			continue;
		}
		if (space && ++chars == NAME_CHARS)
			break;
		if (space)
			buf_putc(&name, ' ');
		space = 0;
		/* a whole character at a time: never cut a UTF-8 sequence */
		buf_putc(&name, *p);
		while (((unsigned char)p[1] & 0xC0) == 0x80)
			buf_putc(&name, *++p);
		chars++;
	}
	for (; *p == ' ' || *p == '\n' || *p == '\t'; p++)
		;
	if (*p)
		buf_puts(&name, "…");
	xml_text(b, name.len ? name.data : it->id);
	buf_free(&name);
	free(text);
}

static void
moodle_question(struct buf *b, const struct item *it)
{
	static const char *const types[] = {
		"truefalse", "multichoice", "multichoice", "essay", "essay" };
	size_t k;
	int i, keys = 0;

	buf_printf(b, "  <question type=\"%s\">\n    <name><text>", types[it->type]);
	moodle_name(b, it);
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

time_t
content_time(const char *modified)
{
	struct tm tm = {0};

	if (modified == NULL || sscanf(modified, "%d-%d-%d", &tm.tm_year,
	    &tm.tm_mon, &tm.tm_mday) != 3)
		tm.tm_year = 2024, tm.tm_mon = 1, tm.tm_mday = 1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_hour = 12;
	return timegm(&tm);
}

int
zip_write(const char *path, const struct zip_part *parts, size_t n,
    const char *modified)
{
	/* entry times from the content's date: the same content, same bytes */
	time_t mtime = content_time(modified);
	struct zipmem z;
	zip_t *za;
	size_t i;

	if (zipmem_open(&z, path) < 0)
		return -1;
	za = z.za;
	for (i = 0; i < n; i++) {
		zip_source_t *src = zip_source_buffer(za, parts[i].data,
		    parts[i].len, 0);
		zip_int64_t idx;

		if (src == NULL || (idx = zip_file_add(za, parts[i].name, src,
		    ZIP_FL_ENC_UTF_8)) < 0) {
			zip_source_free(src);
			goto fail;
		}
		zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_DEFLATE,
		    ZIPMEM_LEVEL);
		zip_file_set_mtime(za, (zip_uint64_t)idx, mtime, 0);
	}
	return zipmem_close(&z, path);
fail:
	fprintf(stderr, "tiku: %s: %s\n", path, zip_strerror(za));
	zipmem_discard(&z);
	return -1;
}
