/*
 * scoreout: scores.csv written row by row; the workbook and the centre
 * reports read it back, so they show exactly what the CSV holds.
 */
#include "analyse/scoreout.h"
#include "analyse/score.h"
#include "analyse/table.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

/* The first columns before the areas: candidate, name, centre, form, total. */
enum { FIXED_COLUMNS = 5 };

void
scoreout_csv_field(struct buf *b, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

/*
 * A number of points after sep, as %g writes it: whole numbers (nearly
 * every score) by hand, since printf's general path was a fifth of
 * scoring a million candidates.
 */
void
scoreout_points(struct buf *b, char sep, double v)
{
	char digits[24], *p = digits + sizeof digits;
	long n = (long)v;

	if ((double)n != v || n < 0 || n > 999999) {
		buf_printf(b, "%c%g", sep, v);
		return;
	}
	do
		*--p = (char)('0' + n % 10);
	while ((n /= 10) > 0);
	*--p = sep;
	buf_add(b, p, (size_t)(digits + sizeof digits - p));
}

static unsigned
types_present(const struct sitting *st)
{
	unsigned t = 0;
	size_t i;

	for (i = 0; i < st->n_items; i++)
		t |= 1u << st->items[i].type;
	return t;
}

void
scoreout_csv_header(FILE *f, const struct sitting *st)
{
	unsigned types = types_present(st);
	size_t a;
	int t;

	struct buf b = {0};

	fputs("candidate,name,centre,form,total", f);
	for (a = 0; a < st->n_areas; a++) {
		buf_putc(&b, ',');
		scoreout_csv_field(&b, st->areas[a]);
	}
	if (b.len)
		fputs(b.data, f);
	buf_free(&b);
	for (t = 0; t < ITEM_TYPES; t++)
		if (types & (1u << t))
			fprintf(f, ",%s", item_type_label((enum item_type)t));
	fputs(",result\n", f);
}

void
scoreout_csv_row(struct buf *b, const struct sitting *st, const char *cand,
    const char *name, const char *centre, long form, const double *pts)
{
	const struct sit_form *fm = &st->forms[form];
	double by_type[ITEM_TYPES] = {0}, total = 0, area;
	unsigned types = types_present(st);
	size_t a, k;
	int t;

	for (k = 0; k < fm->n; k++) {
		total += pts[k];
		by_type[st->items[fm->items[k].item].type] += pts[k];
	}
	scoreout_csv_field(b, cand);
	buf_putc(b, ',');
	scoreout_csv_field(b, name);
	buf_putc(b, ',');
	scoreout_csv_field(b, centre);
	buf_putc(b, ',');
	scoreout_csv_field(b, fm->code);
	scoreout_points(b, ',', total);
	for (a = 0; a < st->n_areas; a++) {
		area = 0;
		for (k = 0; k < fm->n; k++)
			if (st->items[fm->items[k].item].area_no == a)
				area += pts[k];
		scoreout_points(b, ',', area);
	}
	for (t = 0; t < ITEM_TYPES; t++)
		if (types & (1u << t))
			scoreout_points(b, ',', by_type[t]);
	buf_puts(b, total >= st->pass_mark ? ",合格\n" : ",不合格\n");
}

/* A centre's tally and, for its report, its rows as HTML. */
struct centre {
	char *name;
	size_t n, passed;
	double sum;
	struct buf rows;
};

static void
html_text(struct buf *b, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		default: buf_putc(b, *s);
		}
}

static struct centre *
centre_of(struct centre **cs, size_t *n, const char *name)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp((*cs)[i].name, name) == 0)
			return &(*cs)[i];
	*cs = xrealloc(*cs, (*n + 1) * sizeof **cs);
	memset(&(*cs)[*n], 0, sizeof **cs);
	(*cs)[*n].name = xstrdup(name);
	return &(*cs)[(*n)++];
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(((const struct centre *)a)->name,
	    ((const struct centre *)b)->name);
}

/* "report-考点一.html": the centre's name with path characters replaced. */
static char *
report_name(const char *centre)
{
	struct buf b = {0};

	buf_puts(&b, "report");
	if (*centre)
		buf_putc(&b, '-');
	for (; *centre; centre++)
		buf_putc(&b, (unsigned char)*centre >= 0x80 ||
		    strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789-_", *centre) ? *centre : '_');
	buf_puts(&b, ".html");
	return b.data;
}

static const char report_style[] =
    "body{font-family:'Noto Sans CJK SC',sans-serif;margin:2em;color:#222}"
    "table{border-collapse:collapse;font-size:14px}"
    "th,td{border:1px solid #bbb;padding:3px 8px;text-align:right}"
    "th{background:#eef2f7}td.t{text-align:left}"
    "tr.fail td{color:#a01010}";

static int
write_report(struct outdir *o, const struct sitting *st,
    const struct table_row *head, const struct centre *c)
{
	struct buf b = {0};
	char *name = report_name(c->name);
	size_t i;
	int rc;

	buf_printf(&b, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta "
	    "charset=\"utf-8\"><title>成绩报告 · ");
	html_text(&b, *c->name ? c->name : "全部考生");
	buf_printf(&b, "</title><style>%s</style></head><body>\n<h1>成绩报告</h1>"
	    "\n<p>考点：", report_style);
	html_text(&b, *c->name ? c->name : "（未填）");
	buf_printf(&b, "；%d 级%s；考生 %zu 人；平均分 %.1f；合格 %zu 人（%.1f%%）；"
	    "合格线 %d 分</p>\n<table><thead><tr><th>准考证号</th><th>姓名</th>"
	    "<th>卷别</th><th>总分</th>", st->level, strcmp(st->kind, "theory")
	    == 0 ? "理论知识考试" : strcmp(st->kind, "skill") == 0 ?
	    "操作技能考核" : "综合评审", c->n, c->n ? c->sum / c->n : 0, c->passed,
	    c->n ? 100.0 * c->passed / c->n : 0, st->pass_mark);
	for (i = FIXED_COLUMNS; i < head->n; i++) {
		buf_puts(&b, "<th>");
		html_text(&b, i + 1 == head->n ? "结果" : head->cells[i]);
		buf_puts(&b, "</th>");
	}
	buf_puts(&b, "</tr></thead>\n<tbody>\n");
	buf_add(&b, c->rows.data ? c->rows.data : "", c->rows.len);
	buf_puts(&b, "</tbody></table>\n</body></html>\n");
	rc = outdir_write(o, name, b.data, b.len);
	free(name);
	buf_free(&b);
	return rc;
}

static void
report_row(struct centre *c, const struct table_row *row)
{
	size_t i;

	buf_printf(&c->rows, "<tr%s>", strcmp(row->cells[row->n - 1],
	    "合格") == 0 ? "" : " class=\"fail\"");
	for (i = 0; i < row->n; i++) {
		if (i == 2)
			continue;               /* the centre: the report's own */
		buf_puts(&c->rows, i < 2 || i == 3 || i + 1 == row->n ?
		    "<td class=\"t\">" : "<td>");
		html_text(&c->rows, row->cells[i]);
		buf_puts(&c->rows, "</td>");
	}
	buf_puts(&c->rows, "</tr>\n");
}

struct book {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *head, *num;
};

static void
book_open(struct book *bk, const char *path, size_t rows)
{
	lxw_workbook_options opt = { .constant_memory = rows > 100000,
	    .tmpdir = NULL, .use_zip64 = rows > 100000 };
	static lxw_doc_properties props = { .title = "成绩单",
	    .created = 1704067200 };   /* fixed: the same sitting, the same bytes */

	bk->wb = workbook_new_opt(path, &opt);
	workbook_set_properties(bk->wb, &props);
	bk->ws = workbook_add_worksheet(bk->wb, "成绩单");
	bk->head = workbook_add_format(bk->wb);
	format_set_bold(bk->head);
	format_set_bg_color(bk->head, 0xEEF2F7);
	format_set_bottom(bk->head, LXW_BORDER_THIN);
	bk->num = workbook_add_format(bk->wb);
	format_set_num_format(bk->num, "0.0#");
	worksheet_freeze_panes(bk->ws, 1, 0);
	worksheet_set_column(bk->ws, 0, 0, 14, NULL);
}

static void
book_row(struct book *bk, const struct table_row *row, lxw_row_t r)
{
	static const char *const heads[] = { "准考证号", "姓名", "考点", "卷别",
	    "总分" };
	size_t i;

	for (i = 0; i < row->n; i++) {
		const char *v = row->cells[i];

		if (r == 0)
			worksheet_write_string(bk->ws, 0, (lxw_col_t)i,
			    i < FIXED_COLUMNS ? heads[i] : i + 1 == row->n ? "结果" :
			    v, bk->head);
		else if (i >= FIXED_COLUMNS - 1 && i + 1 < row->n && i != 3)
			worksheet_write_number(bk->ws, r, (lxw_col_t)i, atof(v),
			    bk->num);
		else
			worksheet_write_string(bk->ws, r, (lxw_col_t)i, v, NULL);
	}
}

/* The per-centre summary sheet. */
static void
book_centres(struct book *bk, const struct centre *cs, size_t n)
{
	lxw_worksheet *ws = workbook_add_worksheet(bk->wb, "考点汇总");
	static const char *const heads[] = { "考点", "考生", "平均分", "合格",
	    "合格率" };
	size_t i;
	lxw_col_t c;

	for (c = 0; c < 5; c++)
		worksheet_write_string(ws, 0, c, heads[c], bk->head);
	worksheet_freeze_panes(ws, 1, 0);
	for (i = 0; i < n; i++) {
		lxw_row_t r = (lxw_row_t)i + 1;

		worksheet_write_string(ws, r, 0, cs[i].name, NULL);
		worksheet_write_number(ws, r, 1, (double)cs[i].n, NULL);
		worksheet_write_number(ws, r, 2, cs[i].n ? cs[i].sum / cs[i].n : 0,
		    bk->num);
		worksheet_write_number(ws, r, 3, (double)cs[i].passed, NULL);
		worksheet_write_number(ws, r, 4, cs[i].n ? (double)cs[i].passed /
		    cs[i].n : 0, bk->num);
	}
}

static size_t
count_lines(const char *path)
{
	FILE *f = fopen(path, "r");
	size_t n = 0;
	int c;

	while (f && (c = getc(f)) != EOF)
		n += c == '\n';
	if (f)
		fclose(f);
	return n;
}

int
scoreout_derived(struct outdir *o, const struct sitting *st,
    unsigned formats)
{
	struct diag d = {0};
	char *csv = outdir_path(o, "scores.csv"), *xlsx = NULL;
	struct table *t = csv ? table_open(csv, &d) : NULL;
	struct table_row row, head = {0};
	struct centre *cs = NULL;
	struct book bk = {0};
	size_t n = 0, i;
	lxw_row_t r = 0;
	int rc = 0;

	if (t == NULL) {
		diag_print(&d, stderr);
		rc = -1;
		goto out;
	}
	if (formats & SCORE_XLSX) {
		xlsx = outdir_path(o, "scores.xlsx");
		book_open(&bk, xlsx, count_lines(csv));
	}
	while (table_next(t, &row, &d) == 1) {
		struct centre *c;

		if (bk.wb)
			book_row(&bk, &row, r);
		if (r++ == 0) {
			head.n = row.n;
			head.cells = xcalloc(row.n, sizeof *head.cells);
			for (i = 0; i < row.n; i++)
				head.cells[i] = xstrdup(row.cells[i]);
			continue;
		}
		c = centre_of(&cs, &n, row.cells[2]);
		c->n++;
		c->sum += atof(row.cells[4]);
		c->passed += strcmp(row.cells[row.n - 1], "合格") == 0;
		if (formats & SCORE_HTML)
			report_row(c, &row);
	}
	qsort(cs, n, sizeof *cs, by_name);
	if (bk.wb) {
		book_centres(&bk, cs, n);
		if (workbook_close(bk.wb) != LXW_NO_ERROR) {
			fprintf(stderr, "tiku: %s: cannot write the workbook\n", xlsx);
			rc = -1;
		}
	}
	for (i = 0; i < n && rc == 0 && (formats & SCORE_HTML); i++)
		rc = write_report(o, st, &head, &cs[i]);
out:
	for (i = 0; i < n; i++) {
		free(cs[i].name);
		buf_free(&cs[i].rows);
	}
	for (i = 0; i < head.n; i++)
		free(head.cells[i]);
	free(head.cells);
	free(cs);
	free(csv);
	free(xlsx);
	table_close(t);
	diag_free(&d);
	return rc;
}
