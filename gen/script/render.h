/*
 * render: page templates run in a sandboxed Lua 5.4 state. Templates live
 * in the templates directory, Lua modules (the template engine among them)
 * in the lua directory; data comes in as JSON built by the core and reaches
 * templates as read-only tables. Errors are content errors: they go to the
 * diag list as "templates/NAME:LINE: message".
 */
#ifndef TIKU_RENDER_H
#define TIKU_RENDER_H

#include <jansson.h>
#include <stddef.h>

struct diag;
struct render;

/* Limits of one render_page call. */
struct render_limits {
	size_t memory;          /* bytes the whole state may hold */
	unsigned long steps;    /* Lua instructions, in thousands */
};

/*
 * Create the sandbox and load the engine (lua_dir/template.lua). Returns
 * NULL after adding the reason to d.
 */
struct render *render_new(const char *templates_dir, const char *lua_dir,
    const struct render_limits *limits, struct diag *d);
/*
 * Render templates_dir/name with the members of data (a JSON object) as its
 * variables. Keys "html" and those ending in "_html" hold HTML made by
 * the core and may be printed raw. Returns a new string the caller frees, or NULL with the
 * error added to d.
 */
char *render_page(struct render *r, const char *name, const json_t *data,
    struct diag *d);
/*
 * Render the template body with data, then each of the n layouts with the
 * same data and body_html, the body's output (rendered once for all).
 * pages[i] gets layout i's page, a new string. Returns 0, or -1 with the
 * error in d and every pages[i] NULL.
 */
int render_in_layouts(struct render *r, const char *body,
    const char *const layouts[], size_t n, const json_t *data, char *pages[],
    struct diag *d);
void render_free(struct render *r);
/*
 * Declare the model's dump read-only for the run: its Lua table is built
 * once (sealed read-only), handed to generators, and reused wherever that
 * same json_t appears in a page's data. The dump is held (incref'd) until
 * another one is shared or r is freed; it must not change meanwhile.
 */
void render_share_standard(struct render *r, const json_t *standard);

/*
 * Where modules named "generators.NAME" come from: dir/NAME.lua, the
 * content folder's own generators (dir is copied; NULL: none). Every
 * other module comes from lua_dir.
 */
void render_set_generators(struct render *r, const char *dir);
/*
 * Parametric items: require the module (e.g. "generators.data_volume") and
 * return its fields other than functions as JSON, or NULL (error in d).
 */
json_t *render_module_info(struct render *r, const char *module,
    struct diag *d);
/*
 * Call module.generate(rng, standard, variant) with an rng seeded by seed
 * (see rng.h; methods int(a, b), unit(), pick(list), shuffle(list)), the
 * standard as read-only data and the variant number (1, 2, …). Returns
 * the item table it gives back as JSON, or NULL (error in d).
 */
json_t *render_generate(struct render *r, const char *module, int variant,
    unsigned long long seed, const json_t *standard, struct diag *d);

/* HTML for inline Markdown, rendered by cmark in safe mode; caller frees. */
char *render_markdown(const char *markdown);

#endif
