/*
 * anreport: the analysis as JSON, HTML with inline SVG, and xlsx. Numbers
 * are rounded to what a reader needs, so reruns give the same bytes.
 */
#include "analyse/anreport.h"
#include "core/util.h"

#include <errno.h>
#include <libgen.h>
#include <math.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

static json_t *
num(double x, int places)
{
	double f = pow(10, places);

	return isfinite(x) ? json_real(round(x * f) / f) : json_null();
}

static int
has_id(const struct sitting *st, const char *id)
{
	size_t i;

	for (i = 0; i < st->n_items; i++)
		if (strcmp(st->items[i].id, id) == 0)
			return 1;
	return 0;
}

static json_t *
item_json_of(const struct an_item *ai)
{
	json_t *o = json_object(), *opts = json_array(), *flags = json_array();
	char letters[OPTIONS_MAX + 1];
	int s, i;

	json_object_set_new(o, "id", json_string(ai->it->id));
	json_object_set_new(o, "file", json_string(ai->it->file));
	json_object_set_new(o, "line", json_integer(ai->it->line));
	json_object_set_new(o, "hash", json_string(ai->it->hash));
	json_object_set_new(o, "type", json_string(item_type_name(ai->it->type)));
	sitting_letters(ai->it, ai->it->key, letters);
	json_object_set_new(o, "key", json_string(letters));
	json_object_set_new(o, "label", json_integer(ai->it->difficulty));
	json_object_set_new(o, "n", json_integer((json_int_t)ai->n));
	json_object_set_new(o, "p", num(ai->p, 4));
	json_object_set_new(o, "r_drop", num(ai->r_drop, 4));
	json_object_set_new(o, "r_pb", num(ai->r_pb, 4));
	json_object_set_new(o, "d", num(ai->d, 4));
	json_object_set_new(o, "omit", num(ai->omit, 4));
	json_object_set_new(o, "b", num(ai->b, 4));
	json_object_set_new(o, "se", num(ai->se, 4));
	json_object_set_new(o, "infit", num(ai->infit, 4));
	json_object_set_new(o, "outfit", num(ai->outfit, 4));
	for (s = 0; s < ai->it->n_options; s++) {
		json_t *op = json_object();
		unsigned bit = 1u << s;

		sitting_letters(ai->it, bit, letters);
		json_object_set_new(op, "option", json_string(letters));
		json_object_set_new(op, "key", json_boolean(ai->it->key & bit));
		json_object_set_new(op, "share", num(ai->share[s], 4));
		json_object_set_new(op, "upper", num(ai->upper[s], 4));
		json_object_set_new(op, "lower", num(ai->lower[s], 4));
		json_array_append_new(opts, op);
	}
	json_object_set_new(o, "options", opts);
	for (i = 0; i < FLAG_KINDS; i++)
		if (ai->flags & (1u << i)) {
			char w[64];

			analysis_flag_words(1u << i, w, sizeof w);
			json_array_append_new(flags, json_string(w));
		}
	json_object_set_new(o, "flags", flags);
	return o;
}

json_t *
anreport_json(const struct analysis *a)
{
	json_t *o = json_object(), *items = json_array(), *forms = json_array();
	size_t i;

	json_object_set_new(o, "candidates", json_integer((json_int_t)a->candidates));
	json_object_set_new(o, "rasch", json_pack("{s:s,s:b,s:i,s:b}", "estimator",
	    "CML, sum-0 normalisation", "linked", a->rasch_ok, "iterations",
	    a->rasch.iterations, "converged", a->rasch.converged));
	for (i = 0; i < a->n_items; i++)
		json_array_append_new(items, item_json_of(&a->items[i]));
	for (i = 0; i < a->n_groups; i++) {
		const struct an_group *g = &a->groups[i];
		json_t *fo = json_object(), *hist = json_array();
		int t;

		json_object_set_new(fo, "sitting", json_string(a->names[g->sitting]));
		json_object_set_new(fo, "form", json_string(
		    a->sittings[g->sitting].forms[g->form].code));
		json_object_set_new(fo, "n", json_integer((json_int_t)g->n));
		json_object_set_new(fo, "items", json_integer((json_int_t)g->k));
		json_object_set_new(fo, "mean", num(g->mean, 3));
		json_object_set_new(fo, "sd", num(g->sd, 3));
		json_object_set_new(fo, "alpha", num(g->alpha, 4));
		json_object_set_new(fo, "sem", num(g->sem, 3));
		json_object_set_new(fo, "pass_rate", num(g->pass_rate, 4));
		json_object_set_new(fo, "decision_consistency", num(g->consistency, 4));
		json_object_set_new(fo, "kappa", num(g->kappa, 4));
		json_object_set_new(fo, "drawn_difficulty", num(g->drawn, 3));
		json_object_set_new(fo, "p_mean", num(g->p_mean, 4));
		json_object_set_new(fo, "b_mean", num(g->b_mean, 4));
		for (t = 0; t <= g->full_marks; t++)
			json_array_append_new(hist, json_integer((json_int_t)g->hist[t]));
		json_object_set_new(fo, "histogram", hist);
		json_array_append_new(forms, fo);
	}
	json_object_set_new(o, "forms", forms);
	json_object_set_new(o, "items", items);
	return o;
}

static void
esc(struct buf *b, const char *s)
{
	for (; *s; s++)
		if (*s == '<')
			buf_puts(b, "&lt;");
		else if (*s == '&')
			buf_puts(b, "&amp;");
		else if (*s == '"')
			buf_puts(b, "&quot;");
		else
			buf_putc(b, *s);
}

/* A histogram of one form's totals. */
static void
svg_histogram(struct buf *b, const struct an_group *g)
{
	double top = 1;
	int t, w = 4;

	for (t = 0; t <= g->full_marks; t++)
		top = g->hist[t] > top ? g->hist[t] : top;
	buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
	    "height=\"140\" role=\"img\"><title>分数分布</title>",
	    (g->full_marks + 1) * w + 20);
	for (t = 0; t <= g->full_marks; t++) {
		int h = (int)lround(110 * g->hist[t] / top);

		if (h > 0)
			buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
			    "fill=\"%s\"/>", 10 + t * w, 120 - h, w - 1, h,
			    t >= g->pass_mark ? "#3a7" : "#c55");
	}
	buf_printf(b, "<line x1=\"%d\" x2=\"%d\" y1=\"5\" y2=\"122\" stroke=\"#333\" "
	    "stroke-dasharray=\"3\"/><text x=\"10\" y=\"136\" font-size=\"10\">0"
	    "</text><text x=\"%d\" y=\"136\" font-size=\"10\">%d</text></svg>",
	    10 + g->pass_mark * w, 10 + g->pass_mark * w,
	    (g->full_marks) * w, g->full_marks);
}

/* Item map: each item's b as a tick on a logit axis, flagged ones red. */
static void
svg_item_map(struct buf *b, const struct analysis *a)
{
	size_t i;
	int x;

	buf_puts(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" "
	    "height=\"90\" role=\"img\"><title>题目难度图（logit）</title>"
	    "<line x1=\"20\" x2=\"620\" y1=\"50\" y2=\"50\" stroke=\"#333\"/>");
	for (x = -4; x <= 4; x++)
		buf_printf(b, "<text x=\"%d\" y=\"75\" font-size=\"10\" text-anchor="
		    "\"middle\">%d</text>", 320 + x * 75, x);
	for (i = 0; i < a->n_items; i++) {
		double bb = a->items[i].b;

		if (!isfinite(bb))
			continue;
		bb = bb < -4 ? -4 : bb > 4 ? 4 : bb;
		buf_printf(b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"50\" "
		    "stroke=\"%s\"><title>", 320 + bb * 75, 320 + bb * 75,
		    a->items[i].flags ? 20 : 32, a->items[i].flags ? "#c22" : "#469");
		esc(b, a->items[i].it->id);
		buf_printf(b, " b=%.2f</title></line>", a->items[i].b);
	}
	buf_puts(b, "</svg>");
}

/* Option curves: each option's share by score decile. */
static void
svg_option_curves(struct buf *b, const struct analysis *a,
    const struct an_item *ai)
{
	static const char *const colour[] = { "#1b6", "#c33", "#36c", "#c80",
	    "#939", "#777" };
	size_t m = (size_t)a->max_score + 1;
	int o, bin;

	buf_puts(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"220\" "
	    "height=\"110\" role=\"img\"><title>选项曲线</title>"
	    "<rect x=\"10\" y=\"5\" width=\"200\" height=\"90\" fill=\"none\" "
	    "stroke=\"#bbb\"/>");
	for (o = 0; o < ai->it->n_options; o++) {
		buf_printf(b, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"%s\" "
		    "points=\"", colour[o], ai->it->key & (1u << o) ? "2.5" : "1");
		for (bin = 0; bin < 10; bin++) {
			double n = 0, c = 0;
			size_t t;

			for (t = (size_t)bin * m / 10; t < (size_t)(bin + 1) * m / 10; t++) {
				n += ai->takers[t];
				c += ai->chose[(size_t)o * m + t];
			}
			if (n > 0)
				buf_printf(b, "%d,%.1f ", 20 + bin * 20, 95 - 90 * c / n);
		}
		buf_puts(b, "\"/>");
	}
	buf_puts(b, "</svg>");
}

static void
html_items(struct buf *b, const struct analysis *a)
{
	size_t i;

	buf_puts(b, "<h2>题目统计</h2>\n<table><thead><tr><th>题目</th><th>位置</th>"
	    "<th>答案</th><th>人数</th><th>p</th><th>r(校正)</th><th>r(点二列)</th>"
	    "<th>D</th><th>未答</th><th>b</th><th>SE</th><th>infit</th>"
	    "<th>outfit</th><th>标记</th></tr></thead><tbody>\n");
	for (i = 0; i < a->n_items; i++) {
		const struct an_item *ai = &a->items[i];
		char key[OPTIONS_MAX + 1], flags[256];

		sitting_letters(ai->it, ai->it->key, key);
		analysis_flag_words(ai->flags, flags, sizeof flags);
		buf_printf(b, "<tr%s><td class=\"t\">", ai->flags ? " class=\"flag\"" :
		    "");
		esc(b, ai->it->id);
		buf_puts(b, "</td><td class=\"t\">");
		esc(b, ai->it->file);
		if (ai->it->line > 0)   /* a generated item: its generator file */
			buf_printf(b, ":%d", ai->it->line);
		buf_printf(b, "</td><td>%s</td><td>%zu</td><td>%.3f</td><td>%.3f"
		    "</td><td>%.3f</td><td>%.3f</td><td>%.3f</td><td>%.2f</td>"
		    "<td>%.2f</td><td>%.2f</td><td>%.2f</td><td class=\"t\">%s</td>"
		    "</tr>\n", key, ai->n, ai->p, ai->r_drop, ai->r_pb,
		    ai->d, ai->omit, ai->b, ai->se, ai->infit, ai->outfit, flags);
	}
	buf_puts(b, "</tbody></table>\n<h2>被标记题目的选项曲线</h2>\n"
	    "<p>横轴：总分十等分；纵轴：选择该选项的比例；粗线为答案。</p>\n");
	for (i = 0; i < a->n_items; i++)
		if (a->items[i].flags) {
			char flags[256];

			analysis_flag_words(a->items[i].flags, flags, sizeof flags);
			buf_puts(b, "<figure>");
			svg_option_curves(b, a, &a->items[i]);
			buf_puts(b, "<figcaption>");
			esc(b, a->items[i].it->id);
			buf_printf(b, "：%s</figcaption></figure>\n", flags);
		}
}

static char *
html_report(const struct analysis *a)
{
	struct buf b = {0};
	size_t i;

	buf_printf(&b, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset="
	    "\"utf-8\"><title>考试分析报告</title><style>body{font-family:"
	    "'Noto Sans CJK SC',sans-serif;margin:2em;color:#222}table{border-"
	    "collapse:collapse;font-size:13px}th,td{border:1px solid #bbb;padding:"
	    "2px 6px;text-align:right}th{background:#eef2f7}td.t{text-align:left}"
	    "tr.flag td{background:#fdecea}figure{display:inline-block;margin:"
	    "6px}</style></head><body>\n<h1>考试分析报告</h1>\n<p>考生 %zu 人；"
	    "题目 %zu 道；Rasch 标定：条件极大似然（CML），难度和为 0，%s，"
	    "迭代 %d 次。</p>\n<h2>试卷</h2>\n<table><thead><tr><th>场次</th>"
	    "<th>卷别</th><th>人数</th><th>平均分</th><th>标准差</th><th>KR-20</th>"
	    "<th>SEM</th><th>合格率</th><th>判定一致性</th><th>κ</th>"
	    "<th>组卷难度（1–5）</th><th>平均 p</th><th>平均 b</th><th>分数分布"
	    "</th></tr></thead><tbody>\n", a->candidates, a->n_items,
	    a->rasch_ok ? "各卷经共同题连成一个量尺" : "各卷未经共同题相连",
	    a->rasch.iterations);
	for (i = 0; i < a->n_groups; i++) {
		const struct an_group *g = &a->groups[i];

		if (g->n < 2)
			continue;
		buf_puts(&b, "<tr><td class=\"t\">");
		esc(&b, a->names[g->sitting]);
		buf_puts(&b, "</td><td class=\"t\">");
		esc(&b, a->sittings[g->sitting].forms[g->form].code);
		buf_printf(&b, "</td><td>%zu</td><td>%.1f</td><td>%.1f</td><td>%.3f"
		    "</td><td>%.2f</td><td>%.3f</td><td>%.3f</td><td>%.3f</td>"
		    "<td>%.2f</td><td>%.3f</td><td>%.2f</td><td>", g->n, g->mean, g->sd,
		    g->alpha, g->sem, g->pass_rate, g->consistency, g->kappa,
		    g->drawn, g->p_mean, g->b_mean);
		svg_histogram(&b, g);
		buf_puts(&b, "</td></tr>\n");
	}
	buf_puts(&b, "</tbody></table>\n<h2>题目难度图</h2>\n");
	svg_item_map(&b, a);
	html_items(&b, a);
	buf_puts(&b, "</body></html>\n");
	return b.data;
}

static int
write_xlsx(const struct analysis *a, const char *path)
{
	static lxw_doc_properties props = { .title = "考试分析",
	    .created = 1704067200 };
	static const char *const heads[] = { "题目", "文件", "行", "答案", "人数",
	    "p", "r(校正)", "r(点二列)", "D", "未答", "b", "SE", "infit",
	    "outfit", "标记" };
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws;
	lxw_format *head, *dec;
	size_t i;
	lxw_col_t c;

	if (wb == NULL)
		return -1;
	workbook_set_properties(wb, &props);
	ws = workbook_add_worksheet(wb, "题目统计");
	head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_bg_color(head, 0xEEF2F7);
	dec = workbook_add_format(wb);
	format_set_num_format(dec, "0.000");
	for (c = 0; c < 15; c++)
		worksheet_write_string(ws, 0, c, heads[c], head);
	worksheet_freeze_panes(ws, 1, 1);
	for (i = 0; i < a->n_items; i++) {
		const struct an_item *ai = &a->items[i];
		lxw_row_t r = (lxw_row_t)i + 1;
		double v[] = { ai->p, ai->r_drop, ai->r_pb, ai->d, ai->omit, ai->b,
		    ai->se, ai->infit, ai->outfit };
		char key[OPTIONS_MAX + 1], flags[256];
		size_t j;

		sitting_letters(ai->it, ai->it->key, key);
		analysis_flag_words(ai->flags, flags, sizeof flags);
		worksheet_write_string(ws, r, 0, ai->it->id, NULL);
		worksheet_write_string(ws, r, 1, ai->it->file, NULL);
		worksheet_write_number(ws, r, 2, ai->it->line, NULL);
		worksheet_write_string(ws, r, 3, key, NULL);
		worksheet_write_number(ws, r, 4, (double)ai->n, NULL);
		for (j = 0; j < sizeof v / sizeof v[0]; j++)
			if (isfinite(v[j]))
				worksheet_write_number(ws, r, (lxw_col_t)(5 + j), v[j], dec);
		worksheet_write_string(ws, r, 14, flags, NULL);
	}
	return workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
}

int
anreport_write(const struct analysis *a, struct outdir *o)
{
	json_t *j = anreport_json(a);
	char *text = json_dumps(j, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	char *html = html_report(a), *xlsx = outdir_path(o, "analysis.xlsx");
	int rc = 0;

	if (outdir_write(o, "analysis.json", text, strlen(text)) < 0 ||
	    outdir_write(o, "report.html", html, strlen(html)) < 0)
		rc = -1;
	else if (xlsx == NULL || write_xlsx(a, xlsx) < 0) {
		fprintf(stderr, "tiku: %s: cannot write the workbook\n",
		    xlsx ? xlsx : "analysis.xlsx");
		rc = -1;
	}
	free(text);
	free(html);
	free(xlsx);
	json_decref(j);
	return rc;
}

/* The statistics of one sitting's items that others can steer by. */
static json_t *
saved_items(const struct analysis *a, size_t s)
{
	json_t *items = json_array();
	size_t i;

	for (i = 0; i < a->n_items; i++) {
		const struct an_item *ai = &a->items[i];
		json_t *o;
		char flags[256];

		if (ai->n == 0 || !has_id(&a->sittings[s], ai->it->id))
			continue;
		analysis_flag_words(ai->flags, flags, sizeof flags);
		o = json_object();
		json_object_set_new(o, "id", json_string(ai->it->id));
		json_object_set_new(o, "hash", json_string(ai->it->hash));
		json_object_set_new(o, "file", json_string(ai->it->file));
		json_object_set_new(o, "line", json_integer(ai->it->line));
		json_object_set_new(o, "n", json_integer((json_int_t)ai->n));
		json_object_set_new(o, "p", num(ai->p, 4));
		json_object_set_new(o, "r_drop", num(ai->r_drop, 4));
		json_object_set_new(o, "d", num(ai->d, 4));
		json_object_set_new(o, "b", num(ai->b, 4));
		json_object_set_new(o, "se", num(ai->se, 4));
		json_object_set_new(o, "infit", num(ai->infit, 4));
		json_object_set_new(o, "outfit", num(ai->outfit, 4));
		json_object_set_new(o, "flags", json_string(flags));
		json_array_append_new(items, o);
	}
	return items;
}

int
anreport_save(const struct analysis *a, const char *content)
{
	char dir[4096], path[8192], tmp[8300];
	size_t s;

	snprintf(dir, sizeof dir, "%s/stats", content);
	if (mkdir(dir, 0777) < 0 && errno != EEXIST) {
		fprintf(stderr, "tiku: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	for (s = 0; s < a->n_sittings; s++) {
		char *copy = xstrdup(a->names[s]), *name = basename(copy), *c;
		json_t *o = json_object();
		int rc;

		for (c = name; *c; c++)
			if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
			    (*c >= '0' && *c <= '9') || *c == '-' || *c == '_' ||
			    (unsigned char)*c >= 0x80))
				*c = '_';
		snprintf(path, sizeof path, "%s/%s.json", dir, name);
		snprintf(tmp, sizeof tmp, "%s.tmp", path);
		json_object_set_new(o, "sitting", json_string(name));
		json_object_set_new(o, "level", json_integer(a->sittings[s].level));
		json_object_set_new(o, "kind", json_string(a->sittings[s].kind));
		json_object_set_new(o, "scale", json_string("Rasch CML, sum-0 over "
		    "the items analysed together"));
		json_object_set_new(o, "items", saved_items(a, s));
		rc = json_dump_file(o, tmp, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
		json_decref(o);
		free(copy);
		if (rc < 0 || rename(tmp, path) < 0) {
			fprintf(stderr, "tiku: %s: cannot write the statistics: %s\n",
			    path, strerror(errno));
			remove(tmp);
			return -1;
		}
		fprintf(stderr, "tiku analyse: saved %s\n", path);
	}
	return 0;
}
