/*
 * pdf: a paper form or its key as an A4 PDF in the national exam layout,
 * typeset by tiku itself (typeset.c): on every page of the candidate's
 * copy the sealed strip, a running header and "第 N 页 共 M 页"; a compact
 * first page (title, exam facts, 注意事项, 得分/评分人 table); options in
 * one, two or four columns by their width; no item split across pages;
 * 试卷结束 at the end. The seed is printed in the key only.
 */
#ifndef TIKU_PDF_H
#define TIKU_PDF_H

#include "plan/assemble.h"
#include "write/typeset.h"

/*
 * The documents below are returned typeset, not written: a form's (or a
 * level's) PDFs are written together by typeset_write_all, which subsets
 * the fonts once for all. The caller frees each with typeset_free.
 */

/* The form (key = 0) or its key (key = 1). */
struct typeset *pdf_paper(const struct standard *s,
    const struct paper_set *set, const struct form *fm, int key);

/*
 * The answer sheet (答题卡) of form index i of a theory set, or, with
 * generic set, the level's generic sheet on which the candidate fills in
 * the form code. Geometry from plan/sheet.c.
 */
struct typeset *pdf_answer_sheet(const struct standard *s,
    const struct paper_set *set, size_t i, int generic);

/* "数字孪生应用技术员（三级/高级工）理论知识考试 A卷": the running header
 * of a form's documents; the caller frees it. */
char *pdf_header(const struct standard *s, const struct paper_set *set,
    const struct form *fm, const char *what);

/*
 * Paragraphs of core-made HTML as plain text, one string per paragraph or
 * list entry, list entries numbered ("1. ") or bulleted ("・"). Returns
 * their number; *out holds new strings in a new array, the caller frees
 * both.
 */
size_t pdf_paragraphs(const char *html, char ***out);

/* Core-made HTML as paragraphs in style st, numbered entries hanging. */
void pdf_html(struct typeset *t, const struct typeset_style *st,
    const char *html);

/*
 * The skill-exam document set (操作技能考核) of a skill or review form:
 * for skill tasks 考生准备通知单, 考场准备通知单, then per task
 * the 试题, the 评分记录表 and, where points are observed live, the
 * 现场观察记录; the 总成绩表. For review questions the panel's scoring
 * sheets with score bands and room for follow-up questions.
 */
struct typeset *pdf_skill_documents(const struct standard *s,
    const struct paper_set *set, const struct form *fm);

/* The same documents as one print HTML page (docs-L5-skill-A.html, with
 * style.css and paper.css beside it), each document from a new printed
 * page. Returns a new string, the caller frees it. */
char *skilldocs_html(const struct standard *s, const struct paper_set *set,
    const struct form *fm);
/* The same documents as a Word document at path, each from a new page.
 * Returns 0, or -1 with a message printed. */
int skilldocs_docx(const struct standard *s, const struct paper_set *set,
    const struct form *fm, const char *path);

#endif
