#include "core/dump.h"
#include "core/model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_t *
str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *
notes_json(const struct note *notes, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_string(notes[i].text));
	return a;
}

static json_t *
levels_json(unsigned mask)
{
	json_t *a = json_array();
	int l;

	/* In the standard's order: from the lowest level (largest number). */
	for (l = LEVEL_MAX; l >= 1; l--)
		if (mask & (1u << l))
			json_array_append_new(a, json_integer(l));
	return a;
}

static json_t *
requirement_json(const struct requirement *r)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_string(r->number));
	json_object_set_new(o, "uid", json_string(r->id));
	json_object_set_new(o, "text", json_string(r->text));
	if (r->n_notes)
		json_object_set_new(o, "notes", notes_json(r->notes, r->n_notes));
	return o;
}

static json_t *
requirements_json(const struct requirement *r, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, requirement_json(&r[i]));
	return a;
}

static json_t *
level_json(const struct level *lv)
{
	json_t *o = json_object(), *fns = json_array();
	size_t i, j;

	json_object_set_new(o, "level", json_integer(lv->number));
	json_object_set_new(o, "id", json_string(lv->id));
	json_object_set_new(o, "name", json_string(lv->name));
	json_object_set_new(o, "training_hours", json_integer(lv->training_hours));
	json_object_set_new(o, "has_review", json_boolean(lv->has_review));
	for (i = 0; i < lv->n_functions; i++) {
		const struct function *fn = &lv->functions[i];
		json_t *f = json_object(), *wcs = json_array();

		json_object_set_new(f, "no", json_integer(fn->number));
		json_object_set_new(f, "id", json_string(fn->id));
		json_object_set_new(f, "name", json_string(fn->name));
		for (j = 0; j < fn->n_work; j++) {
			const struct work_content *wc = &fn->work[j];
			json_t *w = json_object();

			json_object_set_new(w, "id", json_string(wc->number));
			json_object_set_new(w, "uid", json_string(wc->id));
			json_object_set_new(w, "name", json_string(wc->name));
			json_object_set_new(w, "skills",
			    requirements_json(wc->skills, wc->n_skills));
			json_object_set_new(w, "knowledge",
			    requirements_json(wc->knowledge, wc->n_knowledge));
			if (wc->n_notes)
				json_object_set_new(w, "notes",
				    notes_json(wc->notes, wc->n_notes));
			json_array_append_new(wcs, w);
		}
		json_object_set_new(f, "work_contents", wcs);
		json_array_append_new(fns, f);
	}
	json_object_set_new(o, "functions", fns);
	return o;
}

static json_t *
basic_json(const struct standard *s)
{
	json_t *areas = json_array(), *o = json_object();
	size_t i, j;

	for (i = 0; i < s->n_basic; i++) {
		const struct basic_area *a = &s->basic[i];
		json_t *ao = json_object(), *secs = json_array();

		json_object_set_new(ao, "no", json_string(a->number));
		json_object_set_new(ao, "name", json_string(a->name));
		for (j = 0; j < a->n_sections; j++) {
			const struct basic_section *sec = &a->sections[j];
			json_t *so = json_object();

			json_object_set_new(so, "no", json_string(sec->number));
			json_object_set_new(so, "id", json_string(sec->id));
			json_object_set_new(so, "title", json_string(sec->title));
			json_object_set_new(so, "items",
			    requirements_json(sec->items, sec->n_items));
			if (sec->n_notes)
				json_object_set_new(so, "notes",
				    notes_json(sec->notes, sec->n_notes));
			json_array_append_new(secs, so);
		}
		json_object_set_new(ao, "sections", secs);
		json_array_append_new(areas, ao);
	}
	json_object_set_new(o, "areas", areas);
	return o;
}

static json_t *
weights_json(const struct standard *s, const struct weight_table *t)
{
	json_t *o = json_object();
	size_t i, r;

	for (i = 0; i < s->n_levels; i++) {
		int l = s->levels[i].number;
		json_t *col = json_object();
		char key[4];

		for (r = 0; r < t->n_rows; r++)
			if (t->rows[r].percent[l] != WEIGHT_NONE)
				json_object_set_new(col, t->rows[r].area,
				    json_integer(t->rows[r].percent[l]));
		snprintf(key, sizeof key, "%d", l);
		json_object_set_new(o, key, col);
	}
	return o;
}

static json_t *
weight_groups_json(const struct weight_table *t)
{
	json_t *o = json_object();
	size_t r;

	for (r = 0; r < t->n_rows; r++)
		json_object_set_new(o, t->rows[r].area,
		    json_string(t->rows[r].group));
	return o;
}

static json_t *
part_json(const struct text_part *part)
{
	json_t *secs = json_array();
	size_t i, j;

	for (i = 0; i < part->n_sections; i++) {
		const struct section *sec = &part->sections[i];
		json_t *so = json_object(), *entries = json_array();

		json_object_set_new(so, "no", str_or_null(sec->number));
		json_object_set_new(so, "title", json_string(sec->title));
		json_object_set_new(so, "depth", json_integer(sec->depth));
		for (j = 0; j < sec->n_entries; j++) {
			const struct entry *e = &sec->entries[j];
			json_t *eo = json_object();
			static const char *const kinds[] = {
				"paragraph", "item", "footnote" };

			json_object_set_new(eo, "kind", json_string(kinds[e->kind]));
			if (e->number)
				json_object_set_new(eo, "no", json_string(e->number));
			json_object_set_new(eo, "text", json_string(e->text));
			if (e->levels)
				json_object_set_new(eo, "levels",
				    levels_json(e->levels));
			if (e->n_notes)
				json_object_set_new(eo, "notes",
				    notes_json(e->notes, e->n_notes));
			json_array_append_new(entries, eo);
		}
		json_object_set_new(so, "entries", entries);
		if (sec->n_notes)
			json_object_set_new(so, "notes",
			    notes_json(sec->notes, sec->n_notes));
		json_array_append_new(secs, so);
	}
	return secs;
}

/* Each fact's key and the number of the section that states it, so that
 * text citing a rule cites this standard's section ("1.9.4"). */
static json_t *
fact_sections(const struct standard *s)
{
	json_t *o = json_object();
	size_t i;

	for (i = 0; i < s->n_facts; i++)
		if (s->facts[i].section && s->facts[i].section->number)
			json_object_set_new(o, s->facts[i].key,
			    json_string(s->facts[i].section->number));
	return o;
}

json_t *
dump_standard(const struct standard *s)
{
	json_t *o = json_object(), *levels = json_array(), *facts = json_object();
	size_t i;

	json_object_set_new(o, "code", str_or_null(s->code));
	json_object_set_new(o, "name", str_or_null(s->name));
	json_object_set_new(facts, "pass_mark", json_integer(s->pass_mark));
	json_object_set_new(facts, "full_marks", json_integer(100));
	json_object_set_new(facts, "theory_minutes",
	    json_integer(s->theory_minutes));
	json_object_set_new(facts, "skill_minutes", json_integer(s->skill_minutes));
	json_object_set_new(facts, "review_minutes",
	    json_integer(s->review_minutes));
	json_object_set_new(facts, "invigilator_ratio",
	    str_or_null(s->invigilator_ratio));
	json_object_set_new(facts, "invigilators_min",
	    json_integer(s->invigilators_min));
	json_object_set_new(facts, "examiner_ratio",
	    str_or_null(s->examiner_ratio));
	json_object_set_new(facts, "examiners_min", json_integer(s->examiners_min));
	json_object_set_new(facts, "review_panel_min",
	    json_integer(s->review_panel_min));
	json_object_set_new(o, "facts", facts);
	json_object_set_new(o, "fact_sections", fact_sections(s));
	for (i = 0; i < s->n_levels; i++)
		json_array_append_new(levels, level_json(&s->levels[i]));
	json_object_set_new(o, "levels", levels);
	json_object_set_new(o, "basic_requirements", basic_json(s));
	json_object_set_new(o, "theory_weights",
	    weights_json(s, &s->weights[WEIGHTS_THEORY]));
	json_object_set_new(o, "skill_weights",
	    weights_json(s, &s->weights[WEIGHTS_SKILL]));
	json_object_set_new(o, "weight_groups",
	    weight_groups_json(&s->weights[WEIGHTS_THEORY]));
	json_object_set_new(o, "preface", part_json(&s->preface));
	json_object_set_new(o, "overview", part_json(&s->overview));
	json_object_set_new(o, "work_intro", part_json(&s->work_intro));
	return o;
}

char *
dump_string(const json_t *j)
{
	char *s = json_dumps(j, JSON_INDENT(1) | JSON_PRESERVE_ORDER);

	if (s == NULL) {
		fputs("tiku: out of memory while writing JSON\n", stderr);
		exit(2);
	}
	return s;
}
