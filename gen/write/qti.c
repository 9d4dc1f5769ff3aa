/*
 * qti: an IMS QTI 3.0 content package. Items carry their response
 * declaration and the standard match_correct response processing (so a
 * 多选 scores only for the exact set); explanations and rubrics go in
 * scorer/tutor rubric blocks, never in what the candidate sees. A paper
 * set adds one qti-assessment-test per form, a section per item type in
 * paper order, each item weighted by its points.
 */
#include "write/export.h"
#include "plan/paper.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QTI_NS "http://www.imsglobal.org/xsd/imsqtiasi_v3p0"
#define QTI_XSD "https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/" \
    "imsqti_asiv3p0_v1p0.xsd"
#define CP_NS "http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1"
#define CP_XSD "https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/" \
    "imsqtiv3p0_imscpv1p2_v1p0.xsd"
#define MATCH_CORRECT "https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/" \
    "match_correct.xml"

static const char xml_decl[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

/* A QTI identifier is an NCName: item ids that start with a digit, dot or
 * hyphen get a prefix. */
static void
qti_id(struct buf *b, const char *id)
{
	char c = *id;

	if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')))
		buf_puts(b, "item-");
	buf_puts(b, id);
}

static void
item_href(struct buf *b, const struct item *it)
{
	buf_puts(b, "items/");
	qti_id(b, it->id);
	buf_puts(b, ".xml");
}

/* Scoring guidance for the views given: the schema wants its use. */
static void
rubric_block(struct buf *b, const char *view, const char *html)
{
	buf_printf(b, "    <qti-rubric-block use=\"scoring\" view=\"%s\">"
	    "<qti-content-body>", view);
	buf_puts(b, html);
	buf_puts(b, "</qti-content-body></qti-rubric-block>\n");
}

static void
choice_item(struct buf *b, const struct item *it)
{
	int i, multiple = it->type == ITEM_MULTI;

	buf_printf(b, "  <qti-response-declaration identifier=\"RESPONSE\" "
	    "cardinality=\"%s\" base-type=\"identifier\">\n"
	    "    <qti-correct-response>", multiple ? "multiple" : "single");
	if (it->type == ITEM_JUDGE)
		buf_printf(b, "<qti-value>%s</qti-value>", it->answer ? "T" : "F");
	else
		for (i = 0; i < it->n_options; i++)
			if ((it->answer >> i) & 1)
				buf_printf(b, "<qti-value>%c</qti-value>", 'A' + i);
	buf_puts(b, "</qti-correct-response>\n  </qti-response-declaration>\n"
	    "  <qti-outcome-declaration identifier=\"SCORE\" cardinality=\"single\""
	    " base-type=\"float\" normal-maximum=\"1\">"
	    "<qti-default-value><qti-value>0</qti-value></qti-default-value>"
	    "</qti-outcome-declaration>\n  <qti-item-body>\n    ");
	buf_puts(b, it->stem_html);
	/* options labelled A, B, C … as on paper (the key names them so);
	 * 正确 and 错误 need no label */
	buf_printf(b, "\n    <qti-choice-interaction class=\"%s\" "
	    "response-identifier=\"RESPONSE\" shuffle=\"%s\" max-choices=\"%d\" "
	    "min-choices=\"%d\">\n", it->type == ITEM_JUDGE ? "qti-labels-none" :
	    "qti-labels-upper-alpha",
	    it->type == ITEM_JUDGE || it->fixed_order ? "false" : "true",
	    multiple ? it->n_options : 1, multiple ? 2 : 1);
	if (it->type == ITEM_JUDGE)
		buf_puts(b, "      <qti-simple-choice identifier=\"T\">正确"
		    "</qti-simple-choice>\n      <qti-simple-choice identifier="
		    "\"F\">错误</qti-simple-choice>\n");
	else
		for (i = 0; i < it->n_options; i++)
			buf_printf(b, "      <qti-simple-choice identifier=\"%c\">%s"
			    "</qti-simple-choice>\n", 'A' + i, it->options[i].html);
	buf_puts(b, "    </qti-choice-interaction>\n");
	rubric_block(b, "scorer tutor", it->explanation_html);
	buf_puts(b, "  </qti-item-body>\n  <qti-response-processing template=\""
	    MATCH_CORRECT "\"/>\n");
}

/* A task or review question: an extended-text response, scored by a
 * person against the rubric. */
static void
scored_item(struct buf *b, const struct item *it)
{
	struct buf rubric = {0};
	char *task = it->type == ITEM_SKILL ? task_html(it) : NULL;
	size_t k;

	buf_printf(b, "  <qti-response-declaration identifier=\"RESPONSE\" "
	    "cardinality=\"single\" base-type=\"string\"/>\n"
	    "  <qti-outcome-declaration identifier=\"SCORE\" cardinality=\"single\""
	    " base-type=\"float\" external-scored=\"human\" normal-maximum="
	    "\"%d\"/>\n  <qti-item-body>\n    ",
	    it->points);
	buf_puts(b, task ? task : it->stem_html);
	buf_printf(b, "\n    <qti-extended-text-interaction response-identifier="
	    "\"RESPONSE\" expected-lines=\"%d\"/>\n", task ? 15 : 10);
	buf_printf(&rubric, "<table><thead><tr><th>%s</th><th>分值</th></tr>"
	    "</thead><tbody>", task ? "评分要点" : "评审要点");
	for (k = 0; k < it->n_rubric; k++) {
		buf_printf(&rubric, "<tr><td>%s</td><td>", it->rubric[k].html);
		if (it->rubric[k].veto)
			buf_puts(&rubric, "否决");
		else
			buf_printf(&rubric, "%d", it->rubric[k].points);
		buf_puts(&rubric, "</td></tr>");
	}
	buf_printf(&rubric, "<tr><th>合计</th><th>%d</th></tr></tbody></table>",
	    it->points);
	rubric_block(b, "scorer", rubric.data);
	buf_puts(b, "  </qti-item-body>\n");
	buf_free(&rubric);
	free(task);
}

static char *
item_xml(const struct item *it)
{
	struct buf b = {0};

	buf_puts(&b, xml_decl);
	buf_puts(&b, "<qti-assessment-item xmlns=\"" QTI_NS "\" xmlns:xsi="
	    "\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\""
	    QTI_NS " " QTI_XSD "\" identifier=\"");
	qti_id(&b, it->id);
	buf_printf(&b, "\" title=\"%s %s\" adaptive=\"false\" time-dependent="
	    "\"false\" xml:lang=\"zh-CN\">\n", item_type_label(it->type), it->id);
	if (item_is_theory(it))
		choice_item(&b, it);
	else
		scored_item(&b, it);
	buf_puts(&b, "</qti-assessment-item>\n");
	return b.data;
}

static char *
test_xml(const struct standard *s, const struct paper_set *set,
    const struct form *fm)
{
	const struct level *lv = standard_level(s, set->req.level);
	struct buf b = {0};
	int type = -1, section = 0;
	size_t i;

	buf_puts(&b, xml_decl);
	buf_printf(&b, "<qti-assessment-test xmlns=\"" QTI_NS "\" xmlns:xsi="
	    "\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\""
	    QTI_NS " " QTI_XSD "\" identifier=\"TEST-%s-%s-%s\" title=\"",
	    lv->id, paper_kind_name(set->req.kind), fm->code);
	xml_text(&b, s->name);
	buf_puts(&b, "（");
	xml_text(&b, lv->name);
	buf_printf(&b, "）%s卷（种子 %llu）\" tool-name=\"tiku\">\n",
	    fm->code, (unsigned long long)set->req.seed);
	/* what a runner reports: the score, its maximum and the verdict */
	buf_puts(&b, "  <qti-outcome-declaration identifier=\"SCORE\" cardinality="
	    "\"single\" base-type=\"float\" normal-maximum=\"100\">"
	    "<qti-default-value><qti-value>0</qti-value></qti-default-value>"
	    "</qti-outcome-declaration>\n"
	    "  <qti-outcome-declaration identifier=\"MAXSCORE\" cardinality="
	    "\"single\" base-type=\"float\"><qti-default-value><qti-value>100"
	    "</qti-value></qti-default-value></qti-outcome-declaration>\n"
	    "  <qti-outcome-declaration identifier=\"PASS\" cardinality="
	    "\"single\" base-type=\"boolean\"><qti-default-value><qti-value>"
	    "false</qti-value></qti-default-value></qti-outcome-declaration>\n");
	if (set->minutes > 0)
		buf_printf(&b, "  <qti-time-limits max-time=\"%d\"/>\n",
		    set->minutes * 60);
	buf_puts(&b, "  <qti-test-part identifier=\"P1\" navigation-mode="
	    "\"nonlinear\" submission-mode=\"simultaneous\">\n");
	for (i = 0; i < fm->n; i++) {
		const struct form_item *fi = &fm->items[i];

		if ((int)fi->it->type != type) {
			if (type >= 0)
				buf_puts(&b, "    </qti-assessment-section>\n");
			type = (int)fi->it->type;
			buf_printf(&b, "    <qti-assessment-section identifier=\"S%d\" "
			    "title=\"%s\" visible=\"true\">\n", ++section,
			    paper_section_title(fi->it->type));
		}
		buf_puts(&b, "      <qti-assessment-item-ref identifier=\"");
		qti_id(&b, fi->it->id);
		buf_puts(&b, "\" href=\"../");
		item_href(&b, fi->it);
		/* the score a choice item gives is 0 or 1: weight it by its
		 * points; a scored item's maximum is its points already */
		if (item_is_theory(fi->it))
			buf_printf(&b, "\"><qti-weight identifier=\"W\" value=\"%d\"/>"
			    "</qti-assessment-item-ref>\n", fi->points);
		else
			buf_puts(&b, "\"/>\n");
	}
	if (type >= 0)
		buf_puts(&b, "    </qti-assessment-section>\n");
	buf_puts(&b, "  </qti-test-part>\n  <qti-outcome-processing>\n"
	    "    <qti-set-outcome-value identifier=\"SCORE\"><qti-sum>"
	    "<qti-test-variables variable-identifier=\"SCORE\" weight-identifier="
	    "\"W\"/></qti-sum></qti-set-outcome-value>\n");
	buf_printf(&b, "    <qti-set-outcome-value identifier=\"PASS\"><qti-gte>"
	    "<qti-variable identifier=\"SCORE\"/><qti-base-value base-type="
	    "\"float\">%d</qti-base-value></qti-gte></qti-set-outcome-value>\n"
	    "  </qti-outcome-processing>\n</qti-assessment-test>\n", s->pass_mark);
	return b.data;
}

static void
resource(struct buf *b, const char *id, const char *type, const char *href)
{
	buf_printf(b, "    <resource identifier=\"%s\" type=\"%s\" href=\"%s\">\n"
	    "      <file href=\"%s\"/>\n", id, type, href, href);
}

int
export_qti(const struct standard *s, const struct item *const *items,
    size_t n, int level, const struct paper_set *set, const char *path)
{
	size_t n_tests = set ? set->n_forms : 0, n_parts = 1 + n + n_tests;
	struct zip_part *parts = xcalloc(n_parts, sizeof *parts);
	struct buf man = {0}, name = {0}, href = {0};
	size_t i, j;
	int rc;

	buf_printf(&man, "%s<manifest xmlns=\"" CP_NS "\" xmlns:xsi=\"http://www."
	    "w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"" CP_NS " "
	    CP_XSD "\" identifier=\"MANIFEST-%s-%s\">\n  <metadata><schema>QTI "
	    "Package</schema><schemaversion>3.0.0</schemaversion></metadata>\n"
	    "  <organizations/>\n  <resources>\n", xml_decl,
	    standard_level(s, level)->id, set ? paper_kind_name(set->req.kind) :
	    "bank");
	for (i = 0; i < n_tests; i++) {
		const struct form *fm = &set->forms[i];

		buf_clear(&name);
		buf_printf(&name, "tests/%s.xml", fm->code);
		buf_clear(&href);
		buf_printf(&href, "TEST-%s", fm->code);
		resource(&man, href.data, "imsqti_test_xmlv3p0", name.data);
		for (j = 0; j < fm->n; j++) {
			buf_puts(&man, "      <dependency identifierref=\"");
			qti_id(&man, fm->items[j].it->id);
			buf_puts(&man, "\"/>\n");
		}
		buf_puts(&man, "    </resource>\n");
		parts[1 + n + i].name = xstrdup(name.data);
		parts[1 + n + i].data = test_xml(s, set, fm);
	}
	for (i = 0; i < n; i++) {
		buf_clear(&name);
		qti_id(&name, items[i]->id);
		buf_clear(&href);
		item_href(&href, items[i]);
		resource(&man, name.data, "imsqti_item_xmlv3p0", href.data);
		buf_puts(&man, "    </resource>\n");
		parts[1 + i].name = xstrdup(href.data);
		parts[1 + i].data = item_xml(items[i]);
	}
	buf_puts(&man, "  </resources>\n</manifest>\n");
	parts[0].name = "imsmanifest.xml";
	parts[0].data = man.data;
	for (i = 0; i < n_parts; i++)
		parts[i].len = strlen(parts[i].data);
	rc = zip_write(path, parts, n_parts, s->modified);
	for (i = 1; i < n_parts; i++) {
		free((char *)parts[i].name);
		free((char *)parts[i].data);
	}
	free(parts);
	buf_free(&man);
	buf_free(&name);
	buf_free(&href);
	return rc;
}
