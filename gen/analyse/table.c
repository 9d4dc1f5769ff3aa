/*
 * table: CSV and xlsx response sheets as rows of cells. CSV is read line
 * by line (a quoted field may run over lines); a worksheet is streamed
 * through xmlTextReader, its shared strings read first.
 */
#include "analyse/table.h"
#include "core/dl.h"
#include "core/text.h"
#include "core/util.h"

#include <errno.h>
#include <libxml/xmlreader.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

struct table {
	char *path;
	FILE *csv;
	int csv_line;
	char *line;             /* getline's buffer */
	size_t line_cap;
	struct buf field, *cells;
	size_t n_cells, cap_cells;
	char **cell_ptr;

	xmlTextReaderPtr sheet;         /* xlsx */
	char *sheet_xml;
	char **shared;
	size_t n_shared;
};

/*
 * libxml2 is loaded when a workbook is read (dlopen): linked in, it and
 * the ICU it pulls in were a third of every command's start-up, and only
 * score and analyse read xlsx. Prototypes come from the headers.
 */
#define XML_LIB "libxml2.so.2"
#define XML_SYMBOLS(X) \
	X(xmlFreeTextReader) X(xmlReaderForMemory) \
	X(xmlTextReaderConstLocalName) X(xmlTextReaderConstValue) \
	X(xmlTextReaderDepth) X(xmlTextReaderGetAttribute) \
	X(xmlTextReaderIsEmptyElement) X(xmlTextReaderNodeType) \
	X(xmlTextReaderRead)
static struct {
	XML_SYMBOLS(DL_DECLARE)
	xmlFreeFunc *xmlFree;           /* a variable: the library's free */
} lib;
static const char *const xml_names[] = { XML_SYMBOLS(DL_NAME) "xmlFree", NULL };
static void **const xml_slots[] = { XML_SYMBOLS(DL_SLOT) (void **)&lib.xmlFree };
static struct dl_lib xml_lib = { XML_LIB, xml_names, xml_slots, 0, "" };

static int
xml_load(const char *path, struct diag *d)
{
	if (dl_load(&xml_lib) == 0)
		return 0;
	diag_add(d, path, 0, "cannot read xlsx workbooks: %s; install "
	    "Debian's libxml2 (make does), or save the sheet as CSV",
	    xml_lib.why);
	return -1;
}

static char *
zip_entry(zip_t *z, const char *name, size_t *len)
{
	zip_stat_t sb;
	zip_file_t *f;
	char *data;

	if (zip_stat(z, name, 0, &sb) < 0 || (f = zip_fopen(z, name, 0)) == NULL)
		return NULL;
	data = xmalloc(sb.size + 1);
	if (zip_fread(f, data, sb.size) != (zip_int64_t)sb.size) {
		free(data);
		zip_fclose(f);
		return NULL;
	}
	data[sb.size] = '\0';
	*len = sb.size;
	zip_fclose(f);
	return data;
}

/* The text of the <si> elements, in order. */
static void
read_shared(struct table *t, const char *xml, size_t len)
{
	xmlTextReaderPtr r = lib.xmlReaderForMemory(xml, (int)len, NULL, NULL,
	    XML_PARSE_NONET);
	struct buf text = {0};
	size_t cap = 0;
	int in_t = 0;

	while (r != NULL && lib.xmlTextReaderRead(r) == 1) {
		const char *name = (const char *)lib.xmlTextReaderConstLocalName(r);
		int type = lib.xmlTextReaderNodeType(r);

		if (type == XML_READER_TYPE_ELEMENT && strcmp(name, "si") == 0)
			buf_clear(&text);
		else if (type == XML_READER_TYPE_ELEMENT && strcmp(name, "t") == 0)
			in_t = !lib.xmlTextReaderIsEmptyElement(r);
		else if (type == XML_READER_TYPE_END_ELEMENT && strcmp(name, "t") == 0)
			in_t = 0;
		else if ((type == XML_READER_TYPE_TEXT ||
		    type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) && in_t)
			buf_puts(&text, (const char *)lib.xmlTextReaderConstValue(r));
		else if (type == XML_READER_TYPE_END_ELEMENT &&
		    strcmp(name, "si") == 0) {
			if (t->n_shared == cap) {
				cap = cap ? 2 * cap : 64;
				t->shared = xrealloc(t->shared, cap * sizeof *t->shared);
			}
			t->shared[t->n_shared++] = xstrdup(text.data ? text.data : "");
		}
	}
	lib.xmlFreeTextReader(r);
	buf_free(&text);
}

static int
open_xlsx(struct table *t, struct diag *d)
{
	zip_t *z;
	char *xml;
	size_t len;
	int err;

	if (xml_load(t->path, d) < 0)
		return -1;
	if ((z = zip_open(t->path, ZIP_RDONLY, &err)) == NULL) {
		diag_add(d, t->path, 0, "not a readable xlsx workbook (zip error "
		    "%d); save it again from the spreadsheet, or as CSV", err);
		return -1;
	}
	if ((xml = zip_entry(z, "xl/sharedStrings.xml", &len)) != NULL) {
		read_shared(t, xml, len);
		free(xml);
	}
	t->sheet_xml = zip_entry(z, "xl/worksheets/sheet1.xml", &len);
	zip_discard(z);
	if (t->sheet_xml == NULL) {
		diag_add(d, t->path, 0, "the workbook has no first worksheet "
		    "(xl/worksheets/sheet1.xml); save it again, or as CSV");
		return -1;
	}
	t->sheet = lib.xmlReaderForMemory(t->sheet_xml, (int)len, NULL, NULL,
	    XML_PARSE_NONET | XML_PARSE_HUGE);
	return t->sheet != NULL ? 0 : -1;
}

struct table *
table_open(const char *path, struct diag *d)
{
	struct table *t = xcalloc(1, sizeof *t);
	unsigned char sig[4] = {0};
	FILE *f;

	t->path = xstrdup(path);
	if ((f = fopen(path, "rb")) == NULL) {
		diag_add(d, path, 0, "cannot read the responses: %s",
		    strerror(errno));
		table_close(t);
		return NULL;
	}
	if (fread(sig, 1, 4, f) == 4 && memcmp(sig, "PK\3\4", 4) == 0) {
		fclose(f);
		if (open_xlsx(t, d) < 0) {
			table_close(t);
			return NULL;
		}
		return t;
	}
	rewind(f);
	t->csv = f;
	return t;
}

const char *
table_path(const struct table *t)
{
	return t->path;
}

static void
cell_end(struct table *t)
{
	struct buf tmp;

	if (t->n_cells == t->cap_cells) {
		size_t i, old = t->cap_cells;

		t->cap_cells = old ? 2 * old : 32;
		t->cells = xrealloc(t->cells, t->cap_cells * sizeof *t->cells);
		t->cell_ptr = xrealloc(t->cell_ptr, t->cap_cells *
		    sizeof *t->cell_ptr);
		for (i = old; i < t->cap_cells; i++)
			memset(&t->cells[i], 0, sizeof t->cells[i]);
	}
	/* the field's buffer becomes the cell's, the cell's old one the next
	 * field's: no copy */
	tmp = t->cells[t->n_cells];
	t->cells[t->n_cells++] = t->field;
	t->field = tmp;
	buf_clear(&t->field);
}

static void
finish_row(struct table *t, struct table_row *row)
{
	size_t i;

	for (i = 0; i < t->n_cells; i++) {
		struct buf *c = &t->cells[i];

		if (c->data == NULL)
			buf_add(c, "", 0);
		/* by the known length: a strlen per cell showed in scoring
		 * a million rows of 100 cells */
		c->len = trim_len(c->data, c->len);
		t->cell_ptr[i] = c->data;
	}
	row->cells = t->cell_ptr;
	row->n = t->n_cells;
}

static int
is_blank(const struct table *t)
{
	size_t i;

	for (i = 0; i < t->n_cells; i++)
		if (t->cells[i].data[0] != '\0')
			return 0;
	return 1;
}

/* One CSV record; a quoted field may hold commas, quotes and newlines. */
static int
csv_next(struct table *t, struct table_row *row, struct diag *d)
{
	for (;;) {
		ssize_t n;
		int quoted = 0, start;
		char *p;

		t->n_cells = 0;
		buf_clear(&t->field);
		if ((n = getline(&t->line, &t->line_cap, t->csv)) < 0)
			return 0;
		start = ++t->csv_line;
		p = t->line;
		if (start == 1 && strncmp(p, "\xef\xbb\xbf", 3) == 0)
			p += 3;
		for (;;) {
			char c = *p++;

			if (quoted && c == '\0') {
				if ((n = getline(&t->line, &t->line_cap, t->csv)) < 0) {
					diag_add(d, t->path, start, "a quoted field is "
					    "never closed; close the '\"' or double it "
					    "('\"\"') inside the field");
					return -1;
				}
				t->csv_line++;
				p = t->line;
				continue;
			}
			if (!quoted && t->field.len == 0 && c != '"' && c != ',' &&
			    c != '\0' && c != '\n' && c != '\r') {
				/* an unquoted field: up to its end at once */
				size_t run = strcspn(p - 1, ",\r\n");

				buf_add(&t->field, p - 1, run);
				p += run - 1;
				continue;
			}
			if (quoted && c == '"' && *p == '"') {
				buf_putc(&t->field, '"');
				p++;
			} else if (quoted && c == '"')
				quoted = 0;
			else if (quoted)
				buf_putc(&t->field, c);
			else if (c == '"' && t->field.len == 0)
				quoted = 1;
			else if (c == ',')
				cell_end(t);
			else if (c == '\0' || c == '\n' || (c == '\r' &&
			    (*p == '\n' || *p == '\0')))
				break;
			else
				buf_putc(&t->field, c);
		}
		cell_end(t);
		finish_row(t, row);
		row->line = start;
		if (!is_blank(t))
			return 1;
	}
}

/* "BC12" -> column 54 (0-based); -1 when malformed. */
static long
column_of(const char *ref)
{
	long col = 0;

	if (ref == NULL || *ref < 'A' || *ref > 'Z')
		return -1;
	for (; *ref >= 'A' && *ref <= 'Z'; ref++)
		col = col * 26 + (*ref - 'A' + 1);
	return col - 1;
}

/* A <c> element's value: shared string, inline string or number. */
static void
xlsx_cell(struct table *t, const char *type)
{
	xmlTextReaderPtr r = t->sheet;
	int depth = lib.xmlTextReaderDepth(r), in_text = 0;

	buf_clear(&t->field);
	if (lib.xmlTextReaderIsEmptyElement(r))
		return;
	while (lib.xmlTextReaderRead(r) == 1 && lib.xmlTextReaderDepth(r) > depth) {
		int nt = lib.xmlTextReaderNodeType(r);
		const char *name = (const char *)lib.xmlTextReaderConstLocalName(r);

		if (nt == XML_READER_TYPE_ELEMENT)
			in_text = strcmp(name, "v") == 0 || strcmp(name, "t") == 0;
		else if (nt == XML_READER_TYPE_END_ELEMENT)
			in_text = 0;
		else if (in_text && (nt == XML_READER_TYPE_TEXT ||
		    nt == XML_READER_TYPE_SIGNIFICANT_WHITESPACE))
			buf_puts(&t->field, (const char *)lib.xmlTextReaderConstValue(r));
	}
	if (type != NULL && strcmp(type, "s") == 0 && t->field.data) {
		long k = strtol(t->field.data, NULL, 10);
		const char *s = k >= 0 && (size_t)k < t->n_shared ?
		    t->shared[k] : "";

		buf_clear(&t->field);
		buf_puts(&t->field, s);
	}
}

static int
xlsx_next(struct table *t, struct table_row *row, struct diag *d)
{
	xmlTextReaderPtr r = t->sheet;
	int ret;

	t->n_cells = 0;
	row->line = 0;
	while ((ret = lib.xmlTextReaderRead(r)) == 1) {
		const char *name = (const char *)lib.xmlTextReaderConstLocalName(r);
		int nt = lib.xmlTextReaderNodeType(r);

		if (nt == XML_READER_TYPE_ELEMENT && strcmp(name, "row") == 0) {
			char *rn = (char *)lib.xmlTextReaderGetAttribute(r,
			    (const xmlChar *)"r");

			t->n_cells = 0;
			row->line = rn ? atoi(rn) : row->line + 1;
			(*lib.xmlFree)(rn);
			if (lib.xmlTextReaderIsEmptyElement(r))
				continue;
		} else if (nt == XML_READER_TYPE_ELEMENT &&
		    strcmp(name, "c") == 0) {
			char *ref = (char *)lib.xmlTextReaderGetAttribute(r,
			    (const xmlChar *)"r");
			char *type = (char *)lib.xmlTextReaderGetAttribute(r,
			    (const xmlChar *)"t");
			long col = ref ? column_of(ref) : (long)t->n_cells;
			struct buf value = {0};

			xlsx_cell(t, type);
			buf_add(&value, t->field.data ? t->field.data : "",
			    t->field.len);
			buf_clear(&t->field);
			while (col >= 0 && col < 16384 && (long)t->n_cells < col)
				cell_end(t);            /* skipped empty cells */
			buf_add(&t->field, value.data, value.len);
			cell_end(t);
			buf_free(&value);
			(*lib.xmlFree)(ref);
			(*lib.xmlFree)(type);
		} else if (nt == XML_READER_TYPE_END_ELEMENT &&
		    strcmp(name, "row") == 0) {
			finish_row(t, row);
			if (!is_blank(t))
				return 1;
		}
	}
	if (ret < 0) {
		diag_add(d, t->path, row->line, "the worksheet's XML is broken; "
		    "save the workbook again, or as CSV");
		return -1;
	}
	return 0;
}

int
table_next(struct table *t, struct table_row *row, struct diag *d)
{
	return t->csv != NULL ? csv_next(t, row, d) : xlsx_next(t, row, d);
}

void
table_close(struct table *t)
{
	size_t i;

	if (t == NULL)
		return;
	if (t->csv)
		fclose(t->csv);
	if (t->sheet)
		lib.xmlFreeTextReader(t->sheet);
	free(t->sheet_xml);
	for (i = 0; i < t->n_shared; i++)
		free(t->shared[i]);
	free(t->shared);
	for (i = 0; i < t->cap_cells; i++)
		buf_free(&t->cells[i]);
	free(t->cells);
	free(t->cell_ptr);
	buf_free(&t->field);
	free(t->line);
	free(t->path);
	free(t);
}
