/*
 * simulate: a sitting with known item parameters, for tests/analyse.sh.
 * Reads a paper manifest and the level's bank JSON; writes, into OUT:
 * responses.csv (one column per item, letters as printed on each form),
 * truth.tsv (id, b, a, what was planted) and matrix.csv (candidates x
 * items, the points each scored, NA where the form did not hold the item)
 * for R. Abilities N(0,1); P(right) = 1 / (1 + exp(-a (theta - b))), a = 1
 * for Rasch data, a in [0.75, 1.33] for 2PL data. Planted on the first
 * form's 25th, 30th and 35th items (single choice): a wrong key (the
 * able choose another option), no discrimination (right at 0.5 for all),
 * a dead distractor (never chosen).
 * usage: simulate MANIFEST BANK.json rasch|2pl CANDIDATES SEED OUT
 */
#include "core/rng.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { WRONG_KEY = 1, NO_DISC, DEAD };

struct sim_item {
	const char *id, *type;
	double b, a;
	int n_options, points, planted;
	unsigned key;           /* bank options; judge: 1 true, 2 false */
	int column;
};

static struct sim_item items[2048];
static size_t n_items;

static double
normal(struct rng *r)
{
	double u = rng_unit(r), v = rng_unit(r);

	return sqrt(-2 * log(u + 1e-300)) * cos(2 * M_PI * v);
}

static struct sim_item *
item_of(const json_t *bank, const json_t *mi, struct rng *r, int model2)
{
	const char *id = json_string_value(json_object_get(mi, "id"));
	const json_t *bi = NULL, *answer;
	struct sim_item *it;
	size_t i;

	for (i = 0; i < n_items; i++)
		if (strcmp(items[i].id, id) == 0)
			return &items[i];
	it = &items[n_items];
	it->column = (int)n_items++;
	it->id = id;
	it->type = json_string_value(json_object_get(mi, "type"));
	it->points = (int)json_integer_value(json_object_get(mi, "points"));
	it->b = -2 + 3.5 * rng_unit(r);
	it->a = model2 ? exp(log(0.75) + (log(1.33) - log(0.75)) * rng_unit(r)) : 1;
	json_array_foreach(json_object_get(bank, "items"), i, bi)
		if (strcmp(json_string_value(json_object_get(bi, "id")), id) == 0)
			break;
	answer = json_object_get(bi, "answer");
	if (strcmp(it->type, "judge") == 0) {
		it->n_options = 2;
		it->key = json_is_true(answer) ? 1 : 2;
	} else {
		const char *s = json_string_value(answer);

		it->n_options = (int)json_array_size(json_object_get(bi, "options"));
		for (; *s; s++)
			it->key |= 1u << (*s - 'A');
	}
	return it;
}

/* The response (bank options) of a candidate of ability theta. */
static unsigned
respond(const struct sim_item *it, double theta, struct rng *r)
{
	double p = 1 / (1 + exp(-it->a * (theta - it->b)));
	unsigned wrong;
	int o, first;

	if (it->planted == NO_DISC)
		p = 0.5;
	if (it->planted == WRONG_KEY) {
		/* the able choose the first distractor; the others guess among
		 * the rest, the bank's key among them */
		first = __builtin_ctz(~it->key);
		if (rng_unit(r) < p)
			return 1u << first;
		do
			o = (int)rng_below(r, (uint64_t)it->n_options);
		while (o == first);
		return 1u << o;
	}
	if (rng_unit(r) < p)
		return it->key;
	if (rng_unit(r) < 0.01)
		return 0;                       /* no answer */
	if (strcmp(it->type, "judge") == 0)
		return 3 - it->key;
	if (strcmp(it->type, "multi") == 0)
		return it->key ^ (1u << rng_below(r, (uint64_t)it->n_options));
	do {
		o = (int)rng_below(r, (uint64_t)it->n_options);
		wrong = 1u << o;
	} while ((wrong & it->key) || (it->planted == DEAD &&
	    o == __builtin_ctz(~it->key)));
	return wrong;
}

/* Bank options as the letters printed on a form (order[k] = bank letter
 * of shown option k). */
static void
shown(const struct sim_item *it, unsigned mask, const char *order, FILE *f)
{
	int k;

	if (strcmp(it->type, "judge") == 0) {
		fputs(mask == 1 ? "T" : mask == 2 ? "F" : "", f);
		return;
	}
	for (k = 0; k < it->n_options; k++) {
		int bank = order && *order ? order[k] - 'A' : k;

		if (mask & (1u << bank))
			fputc('A' + k, f);
	}
}

int
main(int argc, char **argv)
{
	json_t *man, *bank, *forms, *fo, *mi;
	struct rng r;
	FILE *resp, *truth, *matrix;
	char path[4096];
	size_t f, i, c, n, maxk = 0;
	int model2, *score;

	if (argc != 7) {
		fprintf(stderr, "usage: simulate MANIFEST BANK.json rasch|2pl N SEED OUT\n");
		return 2;
	}
	man = json_load_file(argv[1], 0, NULL);
	bank = json_load_file(argv[2], 0, NULL);
	if (man == NULL || bank == NULL)
		return 2;
	model2 = strcmp(argv[3], "2pl") == 0;
	n = strtoul(argv[4], NULL, 10);
	rng_seed(&r, strtoull(argv[5], NULL, 10));
	forms = json_object_get(man, "forms");
	json_array_foreach(forms, f, fo) {
		json_array_foreach(json_object_get(fo, "items"), i, mi)
			item_of(bank, mi, &r, model2);
		maxk = json_array_size(json_object_get(fo, "items")) > maxk ?
		    json_array_size(json_object_get(fo, "items")) : maxk;
	}
	fo = json_array_get(forms, 0);
	item_of(bank, json_array_get(json_object_get(fo, "items"), 24), &r,
	    model2)->planted = WRONG_KEY;
	item_of(bank, json_array_get(json_object_get(fo, "items"), 29), &r,
	    model2)->planted = NO_DISC;
	item_of(bank, json_array_get(json_object_get(fo, "items"), 34), &r,
	    model2)->planted = DEAD;
	snprintf(path, sizeof path, "%s/responses.csv", argv[6]);
	resp = fopen(path, "w");
	snprintf(path, sizeof path, "%s/truth.tsv", argv[6]);
	truth = fopen(path, "w");
	snprintf(path, sizeof path, "%s/matrix.csv", argv[6]);
	matrix = fopen(path, "w");
	if (resp == NULL || truth == NULL || matrix == NULL)
		return 2;
	fputs("id\tb\ta\tplanted\n", truth);
	for (i = 0; i < n_items; i++)
		fprintf(truth, "%s\t%.6f\t%.6f\t%s\n", items[i].id, items[i].b,
		    items[i].a, (const char *[]){ "-", "wrong key",
		    "no discrimination", "dead distractor" }[items[i].planted]);
	fputs("candidate,form", resp);
	for (i = 1; i <= maxk; i++)
		fprintf(resp, ",%zu", i);
	fputc('\n', resp);
	for (i = 0; i < n_items; i++)
		fprintf(matrix, "%s%s", i ? "," : "form,", items[i].id);
	fputc('\n', matrix);
	score = calloc(n_items + 1, sizeof *score);
	for (c = 0; c < n; c++) {
		double theta = normal(&r);

		fo = json_array_get(forms, c % json_array_size(forms));
		for (i = 0; i < n_items; i++)
			score[i] = -1;
		fprintf(resp, "C%06zu,%s", c + 1, json_string_value(
		    json_object_get(fo, "code")));
		json_array_foreach(json_object_get(fo, "items"), i, mi) {
			struct sim_item *it = item_of(bank, mi, &r, model2);
			unsigned m = respond(it, theta, &r);

			fputc(',', resp);
			shown(it, m, json_string_value(json_object_get(mi,
			    "options_order")), resp);
			score[it->column] = m == it->key ? it->points : 0;
		}
		fputc('\n', resp);
		fputs(json_string_value(json_object_get(fo, "code")), matrix);
		for (i = 0; i < n_items; i++)
			if (score[i] < 0)
				fputs(",NA", matrix);
			else
				fprintf(matrix, ",%d", score[i]);
		fputc('\n', matrix);
	}
	free(score);
	fclose(resp);
	fclose(truth);
	fclose(matrix);
	json_decref(man);
	json_decref(bank);
	return 0;
}
