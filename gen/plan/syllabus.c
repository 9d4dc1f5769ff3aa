#include "plan/syllabus.h"
#include "core/model.h"

#include <stdlib.h>
#include <string.h>

void
apportion(const int *weights, size_t n, int total, int *out)
{
	long sum = 0, given = 0;
	long *rem = xcalloc(n ? n : 1, sizeof *rem);
	size_t i;

	for (i = 0; i < n; i++)
		sum += weights[i] > 0 ? weights[i] : 0;
	for (i = 0; i < n; i++) {
		long w = weights[i] > 0 ? weights[i] : 0;

		out[i] = sum ? (int)(w * total / sum) : 0;
		rem[i] = sum ? w * total % sum : 0;
		given += out[i];
	}
	/* Largest remainder keeps the sum exact; ties go to the earlier. */
	while (given < total && sum > 0) {
		size_t best = n;

		for (i = 0; i < n; i++)
			if (weights[i] > 0 && rem[i] >= 0 &&
			    (best == n || rem[i] > rem[best]))
				best = i;
		out[best]++;
		rem[best] = -1;
		given++;
	}
	free(rem);
}

int
plan_make(const struct standard *s, int level, struct plan *p)
{
	const struct level *lv = standard_level(s, level);
	const struct weight_table *th = &s->weights[WEIGHTS_THEORY];
	const struct weight_table *sk = &s->weights[WEIGHTS_SKILL];
	int *tw, *sw, *th_out, *sk_out;
	size_t i, j, n = 0;

	memset(p, 0, sizeof *p);
	if (lv == NULL)
		return -1;
	p->level = level;
	p->training_hours = lv->training_hours;
	p->theory_share = s->theory_share[level];
	/* round half up, in integers */
	p->theory_hours = (lv->training_hours * p->theory_share + 50) / 100;
	p->practice_hours = lv->training_hours - p->theory_hours;

	/* Modules: the theory table's areas, then skill-only areas. */
	p->modules = xcalloc(th->n_rows + sk->n_rows + 1, sizeof *p->modules);
	for (i = 0; i < th->n_rows; i++) {
		const struct weight_row *r = &th->rows[i];
		const struct weight_row *k = weights_row(sk, r->area);

		if (r->percent[level] == WEIGHT_NONE &&
		    (k == NULL || k->percent[level] == WEIGHT_NONE))
			continue;
		p->modules[n].area = r->area;
		p->modules[n].group = r->group;
		p->modules[n].theory_weight = r->percent[level];
		p->modules[n].skill_weight = k ? k->percent[level] : WEIGHT_NONE;
		n++;
	}
	for (i = 0; i < sk->n_rows; i++) {
		const struct weight_row *k = &sk->rows[i];

		if (k->percent[level] == WEIGHT_NONE || weights_row(th, k->area))
			continue;
		p->modules[n].area = k->area;
		p->modules[n].group = "";
		p->modules[n].theory_weight = WEIGHT_NONE;
		p->modules[n].skill_weight = k->percent[level];
		n++;
	}
	p->n_modules = n;
	for (i = 0; i < n; i++)
		for (j = 0; j < lv->n_functions; j++)
			if (strcmp(lv->functions[j].name, p->modules[i].area) == 0)
				p->modules[i].function_id = lv->functions[j].id;

	tw = xcalloc(n + 1, sizeof *tw);
	sw = xcalloc(n + 1, sizeof *sw);
	th_out = xcalloc(n + 1, sizeof *th_out);
	sk_out = xcalloc(n + 1, sizeof *sk_out);
	for (i = 0; i < n; i++) {
		tw[i] = p->modules[i].theory_weight;
		sw[i] = p->modules[i].skill_weight;
	}
	apportion(tw, n, p->theory_hours, th_out);
	apportion(sw, n, p->practice_hours, sk_out);
	for (i = 0; i < n; i++) {
		p->modules[i].theory_hours = th_out[i];
		p->modules[i].practice_hours = sk_out[i];
	}
	free(tw);
	free(sw);
	free(th_out);
	free(sk_out);

	/* Higher levels cover the lower ones, listed before it (5 first). */
	for (i = 0; i < s->n_levels; i++)
		if (&s->levels[i] == lv)
			break;
	while (i-- > 0)
		p->includes |= 1u << s->levels[i].number;
	return 0;
}

void
plan_free(struct plan *p)
{
	free(p->modules);
	memset(p, 0, sizeof *p);
}

static json_t *
weight_json(int w)
{
	return w == WEIGHT_NONE ? json_null() : json_integer(w);
}

json_t *
plan_json(const struct plan *p)
{
	json_t *o = json_object(), *mods = json_array(), *inc = json_array();
	size_t i;
	int l;

	json_object_set_new(o, "level", json_integer(p->level));
	json_object_set_new(o, "training_hours", json_integer(p->training_hours));
	json_object_set_new(o, "theory_share", json_integer(p->theory_share));
	json_object_set_new(o, "theory_hours", json_integer(p->theory_hours));
	json_object_set_new(o, "practice_hours", json_integer(p->practice_hours));
	for (i = 0; i < p->n_modules; i++) {
		const struct module_hours *m = &p->modules[i];
		json_t *mo = json_object();

		json_object_set_new(mo, "area", json_string(m->area));
		json_object_set_new(mo, "group", json_string(m->group));
		json_object_set_new(mo, "function", m->function_id ?
		    json_string(m->function_id) : json_null());
		json_object_set_new(mo, "theory_weight",
		    weight_json(m->theory_weight));
		json_object_set_new(mo, "skill_weight", weight_json(m->skill_weight));
		json_object_set_new(mo, "theory_hours", json_integer(m->theory_hours));
		json_object_set_new(mo, "practice_hours",
		    json_integer(m->practice_hours));
		json_object_set_new(mo, "hours",
		    json_integer(m->theory_hours + m->practice_hours));
		json_array_append_new(mods, mo);
	}
	json_object_set_new(o, "modules", mods);
	for (l = LEVEL_MAX; l >= 1; l--)
		if (p->includes & (1u << l))
			json_array_append_new(inc, json_integer(l));
	json_object_set_new(o, "includes_levels", inc);
	return o;
}
