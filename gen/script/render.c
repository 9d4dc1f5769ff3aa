#include "script/render.h"
#include "script/sandbox.h"
#include "core/diag.h"
#include "core/rng.h"
#include "core/util.h"

#include <cmark.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <lauxlib.h>
#include <lua.h>
#include <stdlib.h>
#include <string.h>

#define HTML_TYPE "tiku.html"
#define RNG_TYPE "tiku.rng"
#define OUTPUT_TYPE "tiku.output"

struct render {
	lua_State *L;
	char *templates_dir, *lua_dir;
	const json_t *standard;         /* the model last pushed for generators */
	int standard_ref;               /* its read-only table, in the registry */
	char *generators_dir;           /* "generators.NAME" modules; or NULL */
};

/* Work charged for copying bytes, as the sandbox charges allocation. */
enum { BYTES_PER_INSTRUCTION = 16 };

static struct render *
self(lua_State *L)
{
	return sandbox_owner(L);
}

/* ---- core-made HTML: a userdata that templates cannot forge ---- */

static void
push_html(lua_State *L, const char *s, size_t len)
{
	char *p = lua_newuserdatauv(L, len + 1, 0);

	memcpy(p, s, len);
	p[len] = '\0';
	luaL_setmetatable(L, HTML_TYPE);
}

static int
html_tostring(lua_State *L)
{
	const char *p = luaL_checkudata(L, 1, HTML_TYPE);

	lua_pushstring(L, p);
	return 1;
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static void
push_json(lua_State *L, const json_t *j, int html)
{
	const struct render *r = self(L);

	switch (json_typeof(j)) {
	case JSON_OBJECT: {
		const char *key;
		json_t *v;

		if (j == r->standard && !html) {        /* the shared model */
			lua_rawgeti(L, LUA_REGISTRYINDEX, r->standard_ref);
			break;
		}

		luaL_checkstack(L, 8, "data nested too deeply");
		lua_createtable(L, 0, (int)json_object_size(j));
		json_object_foreach((json_t *)j, key, v) {
			push_json(L, v, strcmp(key, "html") == 0 ||
			    ends_with(key, "_html"));
			lua_setfield(L, -2, key);
		}
		sandbox_readonly(L);
		break;
	}
	case JSON_ARRAY: {
		size_t i;
		json_t *v;

		luaL_checkstack(L, 8, "data nested too deeply");
		lua_createtable(L, (int)json_array_size(j), 0);
		json_array_foreach(j, i, v) {
			push_json(L, v, html);
			lua_rawseti(L, -2, (lua_Integer)i + 1);
		}
		sandbox_readonly(L);
		break;
	}
	case JSON_STRING:
		if (html)
			push_html(L, json_string_value(j), json_string_length(j));
		else
			lua_pushlstring(L, json_string_value(j),
			    json_string_length(j));
		break;
	case JSON_INTEGER:
		lua_pushinteger(L, (lua_Integer)json_integer_value(j));
		break;
	case JSON_REAL:
		lua_pushnumber(L, json_real_value(j));
		break;
	case JSON_TRUE:
	case JSON_FALSE:
		lua_pushboolean(L, json_is_true(j));
		break;
	default:
		lua_pushnil(L);
		break;
	}
}

/* ---- output functions handed to a compiled template ---- */

/*
 * A page's output is memory the page holds: it counts against the cap,
 * and writing it against the budget. It lives in a userdata whose __gc
 * frees it, so that no error can leak it.
 */
static struct buf *
out_buf(lua_State *L)
{
	return lua_touserdata(L, lua_upvalueindex(1));
}

static void
escape_into(struct buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&#39;"); break;
		default: buf_putc(b, s[i]); break;
		}
	}
}

static void
out_write(lua_State *L, const char *s, size_t n, int escape)
{
	struct buf *b = out_buf(L);
	size_t before = b->len;

	/* an escaped byte takes up to six ("&quot;") */
	if ((escape ? n * 6 : n) > sandbox_room(L))
		luaL_error(L, "not enough memory");
	sandbox_charge(L, n / BYTES_PER_INSTRUCTION);
	if (escape)
		escape_into(b, s, n);
	else
		buf_add(b, s, n);
	sandbox_hold(L, b->len - before);
}

static void
out_free(lua_State *L, struct buf *b)
{
	sandbox_release(L, b->len);
	buf_free(b);
}

static int
out_gc(lua_State *L)
{
	out_free(L, lua_touserdata(L, 1));
	return 0;
}

static int
out_put(lua_State *L)
{
	size_t n;
	const char *s = luaL_checklstring(L, 1, &n);

	out_write(L, s, n, 0);
	return 0;
}

static int
out_escape(lua_State *L)
{
	size_t n;
	const char *s;

	if (lua_isnoneornil(L, 1))
		return luaL_error(L, "{{ }} of a nil value");
	if (luaL_testudata(L, 1, HTML_TYPE))
		return luaL_error(L, "{{ }} of HTML made by the core: print it "
		    "raw with {{{ }}}");
	s = luaL_tolstring(L, 1, &n);
	out_write(L, s, n, 1);
	return 0;
}

static int
out_raw(lua_State *L)
{
	const char *p = luaL_testudata(L, 1, HTML_TYPE);

	if (p == NULL)
		return luaL_error(L, "{{{ }}} prints only HTML made by the core "
		    "(Markdown, include()); use {{ }} to print text escaped");
	out_write(L, p, strlen(p), 0);
	return 0;
}

/* ---- the tiku.core module ---- */

static int
valid_name(const char *name)
{
	const char *p;

	if (*name == '\0' || *name == '/' || strstr(name, "..") != NULL)
		return 0;
	for (p = name; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("._-/", *p))
			return 0;
	return 1;
}

static char *
slurp(lua_State *L, const char *dir, const char *name, size_t *len)
{
	char *path;
	char *data;

	lua_pushfstring(L, "%s/%s", dir, name);
	path = xstrdup(lua_tostring(L, -1));
	lua_pop(L, 1);
	data = read_file(path, len);
	if (data == NULL)
		lua_pushfstring(L, "%s: %s", path, strerror(errno));
	free(path);
	return data;
}

static int
core_read_template(lua_State *L)
{
	struct render *r = self(L);
	const char *name = luaL_checkstring(L, 1);
	size_t len;
	char *data;

	if (!valid_name(name))
		return luaL_error(L, "bad template name '%s'", name);
	if ((data = slurp(L, r->templates_dir, name, &len)) == NULL)
		return lua_error(L);
	lua_pushlstring(L, data, len);
	free(data);
	lua_pushfstring(L, "%s/%s", r->templates_dir, name);
	return 2;
}

/*
 * compile(source, name): load template code in text mode. The prefix binds
 * the output functions and the template's environment, which arrive as
 * arguments; the chunk's own _ENV is an empty table, so nothing leaks.
 */
static int
core_compile(lua_State *L)
{
	size_t n;
	const char *src = luaL_checklstring(L, 1, &n);
	const char *name = luaL_checkstring(L, 2);
	struct buf code = {0};
	int rc;

	buf_puts(&code, "local _put, _esc, _raw, _ENV = ... ");
	buf_add(&code, src, n);
	lua_pushfstring(L, "@%s", name);
	rc = luaL_loadbufferx(L, code.data, code.len, lua_tostring(L, -1), "t");
	buf_free(&code);
	if (rc != LUA_OK)
		return lua_error(L);
	lua_newtable(L);
	lua_setupvalue(L, -2, 1);
	return 1;
}

/*
 * render(fn, data): run a compiled template with data as its variables,
 * falling back to the sandbox globals. Returns core-made HTML.
 */
static int
core_render(lua_State *L)
{
	struct buf *b;

	luaL_checktype(L, 1, LUA_TFUNCTION);
	lua_settop(L, 2);
	b = lua_newuserdatauv(L, sizeof *b, 0);         /* 3 */
	memset(b, 0, sizeof *b);
	luaL_setmetatable(L, OUTPUT_TYPE);
	lua_pushvalue(L, 1);                            /* the template */
	lua_pushvalue(L, 3);
	lua_pushcclosure(L, out_put, 1);
	lua_pushvalue(L, 3);
	lua_pushcclosure(L, out_escape, 1);
	lua_pushvalue(L, 3);
	lua_pushcclosure(L, out_raw, 1);
	/* env = setmetatable({}, {__index = data or globals}) */
	lua_newtable(L);
	lua_createtable(L, 0, 1);
	if (lua_istable(L, 2)) {
		/* data's own metatable would hide globals: chain explicitly */
		lua_getfield(L, LUA_REGISTRYINDEX, "tiku.lookup");
		lua_pushvalue(L, 2);
		lua_getfield(L, LUA_REGISTRYINDEX, "tiku.template_globals");
		lua_call(L, 2, 1);
	} else
		lua_getfield(L, LUA_REGISTRYINDEX, "tiku.template_globals");
	lua_setfield(L, -2, "__index");
	lua_setmetatable(L, -2);
	if (lua_pcall(L, 4, 0, 0) != LUA_OK) {
		out_free(L, b);
		return lua_error(L);
	}
	push_html(L, b->data ? b->data : "", b->len);
	out_free(L, b);
	return 1;
}

static int
core_markdown(lua_State *L)
{
	char *html = render_markdown(luaL_checkstring(L, 1));

	push_html(L, html, strlen(html));
	free(html);
	return 1;
}

static int
core_define(lua_State *L)
{
	luaL_checkstring(L, 1);
	lua_getfield(L, LUA_REGISTRYINDEX, "tiku.template_globals");
	lua_pushvalue(L, 1);
	lua_pushvalue(L, 2);
	lua_rawset(L, -3);
	return 0;
}

static const luaL_Reg core_funcs[] = {
	{ "read_template", core_read_template },
	{ "compile", core_compile },
	{ "render", core_render },
	{ "markdown", core_markdown },
	{ "define", core_define },
	{ NULL, NULL },
};

/* ---- require, limited to the lua directory ---- */

#define GENERATORS "generators."

static int
sandbox_require(lua_State *L)
{
	struct render *r = self(L);
	const char *name = luaL_checkstring(L, 1);
	struct buf file = {0};
	const char *dir, *base;
	size_t len, i;
	char *data;
	int rc;

	lua_getfield(L, LUA_REGISTRYINDEX, "tiku.loaded");
	if (lua_getfield(L, -1, name) != LUA_TNIL)
		return 1;
	lua_pop(L, 1);
	for (i = 0; name[i]; i++)
		if (!isalnum((unsigned char)name[i]) && name[i] != '_' &&
		    name[i] != '.')
			break;
	if (name[i] != '\0' || name[0] == '.' || strstr(name, ".."))
		return luaL_error(L, "module '%s' not found: modules come from "
		    "%s/ only", name, r->lua_dir);
	dir = r->lua_dir;
	base = name;
	if (r->generators_dir && strncmp(name, GENERATORS, sizeof GENERATORS -
	    1) == 0 && strchr(name + sizeof GENERATORS - 1, '.') == NULL) {
		/* a content folder's own generator */
		dir = r->generators_dir;
		base += sizeof GENERATORS - 1;
	}
	for (i = 0; base[i]; i++)
		buf_putc(&file, base[i] == '.' ? '/' : base[i]);
	buf_puts(&file, ".lua");
	data = slurp(L, dir, file.data, &len);
	if (data == NULL) {
		buf_free(&file);
		lua_pop(L, 1);
		return luaL_error(L, "module '%s' not found: modules come from "
		    "%s/ only", name, dir);
	}
	lua_pushfstring(L, "@%s/%s", dir, file.data);
	buf_free(&file);
	rc = luaL_loadbufferx(L, data, len, lua_tostring(L, -1), "t");
	free(data);
	if (rc != LUA_OK)
		return lua_error(L);
	lua_getfield(L, LUA_REGISTRYINDEX, "tiku.module_globals");
	lua_setupvalue(L, -2, 1);
	lua_pushstring(L, name);
	lua_call(L, 1, 1);
	if (lua_isnil(L, -1)) {
		lua_pop(L, 1);
		lua_pushboolean(L, 1);
	}
	lua_pushvalue(L, -1);
	lua_setfield(L, 2, name);       /* tiku.loaded[name] */
	return 1;
}

/* ---- the random source of parametric items ---- */

/* The table behind list (a read-only view's data), or an argument error. */
static void
push_list(lua_State *L, int arg)
{
	luaL_checktype(L, arg, LUA_TTABLE);
	if (sandbox_rawtable(L, arg) < 0)
		luaL_argerror(L, arg, "a plain list, without a metatable");
}

static int
rng_int(lua_State *L)
{
	struct rng *g = luaL_checkudata(L, 1, RNG_TYPE);
	lua_Integer a = luaL_checkinteger(L, 2), b = luaL_checkinteger(L, 3);
	/* unsigned: b - a may not fit a lua_Integer */
	uint64_t span = (uint64_t)b - (uint64_t)a;

	luaL_argcheck(L, a <= b, 3, "empty range");
	if (span == UINT64_MAX)         /* the whole range: no bound to draw */
		lua_pushinteger(L, (lua_Integer)rng_next(g));
	else
		lua_pushinteger(L, (lua_Integer)((uint64_t)a +
		    rng_below(g, span + 1)));
	return 1;
}

static int
rng_unit_l(lua_State *L)
{
	lua_pushnumber(L, rng_unit(luaL_checkudata(L, 1, RNG_TYPE)));
	return 1;
}

/* Lists are read raw: a __len or __index of the generator's own could
 * run any length of loop here, or raise outside a protected call. */
static int
rng_pick(lua_State *L)
{
	struct rng *g = luaL_checkudata(L, 1, RNG_TYPE);
	lua_Unsigned n;

	push_list(L, 2);
	n = lua_rawlen(L, -1);
	luaL_argcheck(L, n > 0, 2, "empty list");
	lua_rawgeti(L, -1, 1 + (lua_Integer)rng_below(g, (uint64_t)n));
	return 1;
}

/* A shuffled copy (Fisher-Yates), so read-only lists can be shuffled. */
static int
rng_shuffle(lua_State *L)
{
	struct rng *g = luaL_checkudata(L, 1, RNG_TYPE);
	lua_Integer n, i;

	push_list(L, 2);
	n = (lua_Integer)lua_rawlen(L, -1);
	sandbox_charge(L, (lua_Unsigned)n * 4);
	luaL_argcheck(L, n <= INT_MAX, 2, "list too long");
	lua_createtable(L, (int)n, 0);
	for (i = 1; i <= n; i++) {
		lua_rawgeti(L, -2, i);
		lua_rawseti(L, -2, i);
	}
	for (i = n; i > 1; i--) {
		lua_Integer j = 1 + (lua_Integer)rng_below(g, (uint64_t)i);

		lua_rawgeti(L, -1, i);
		lua_rawgeti(L, -2, j);
		lua_rawseti(L, -3, i);
		lua_rawseti(L, -2, j);
	}
	return 1;
}

static const luaL_Reg rng_methods[] = {
	{ "int", rng_int }, { "unit", rng_unit_l }, { "pick", rng_pick },
	{ "shuffle", rng_shuffle }, { NULL, NULL },
};

/*
 * What one generated table may hold: enough for any exam item, and a
 * bound on what a generator can make the bank hold per variant.
 */
enum { TABLE_BYTES_MAX = 64 * 1024, TABLE_VALUES_MAX = 4096, TABLE_DEPTH_MAX = 16 };

struct conversion {
	size_t bytes, values;
	char err[160];
};

static json_t *
conversion_error(struct conversion *c, const char *what)
{
	snprintf(c->err, sizeof c->err, "%s", what);
	return NULL;
}

static json_t *to_json(lua_State *L, int idx, int depth, struct conversion *c);

/* A string value or key: valid UTF-8, and counted. */
static int
string_ok(lua_State *L, int idx, struct conversion *c)
{
	size_t n;
	const char *p = lua_tolstring(L, idx, &n);

	if (utf8_invalid_at(p, n) != n) {
		conversion_error(c, "a string is not valid UTF-8");
		return 0;
	}
	if ((c->bytes += n) > TABLE_BYTES_MAX) {
		snprintf(c->err, sizeof c->err, "the table holds over %d KiB of "
		    "text; an item needs far less", TABLE_BYTES_MAX / 1024);
		return 0;
	}
	return 1;
}

/* The sequence 1..n of the table at idx (raw: no metamethod runs). */
static json_t *
array_to_json(lua_State *L, int idx, lua_Unsigned n, int depth,
    struct conversion *c)
{
	json_t *o = json_array(), *v;
	lua_Unsigned i;

	for (i = 1; i <= n; i++) {
		lua_rawgeti(L, idx, (lua_Integer)i);
		v = to_json(L, -1, depth + 1, c);
		lua_pop(L, 1);
		if (v == NULL) {
			json_decref(o);
			return NULL;
		}
		json_array_append_new(o, v);
	}
	return o;
}

static json_t *
object_to_json(lua_State *L, int idx, int depth, struct conversion *c)
{
	json_t *o = json_object(), *v;

	lua_pushnil(L);
	while (lua_next(L, idx)) {
		if (lua_type(L, -2) != LUA_TSTRING) {
			lua_pop(L, 2);
			json_decref(o);
			return conversion_error(c, "item table keys must be strings");
		}
		if (lua_type(L, -1) == LUA_TFUNCTION) {
			lua_pop(L, 1);
			continue;
		}
		if (!string_ok(L, -2, c) ||
		    (v = to_json(L, -1, depth + 1, c)) == NULL) {
			lua_pop(L, 2);
			json_decref(o);
			return NULL;
		}
		json_object_set_new(o, lua_tostring(L, -2), v);
		lua_pop(L, 1);
	}
	return o;
}

/*
 * A Lua value as JSON: sequences become arrays, other tables objects. It
 * runs outside any protected call, so nothing here may raise: tables are
 * read raw (a generator's __len or __index never runs) and the stack is
 * checked, not grown by force.
 */
static json_t *
to_json(lua_State *L, int idx, int depth, struct conversion *c)
{
	json_t *j;

	idx = lua_absindex(L, idx);
	if (++c->values > TABLE_VALUES_MAX)
		return conversion_error(c, "the table holds over 4096 values; an "
		    "item needs far fewer");
	switch (lua_type(L, idx)) {
	case LUA_TSTRING:
		if (!string_ok(L, idx, c))
			return NULL;
		return json_stringn(lua_tostring(L, idx), lua_rawlen(L, idx));
	case LUA_TBOOLEAN:
		return json_boolean(lua_toboolean(L, idx));
	case LUA_TNUMBER:
		if (lua_isinteger(L, idx))
			return json_integer((json_int_t)lua_tointeger(L, idx));
		if ((j = json_real(lua_tonumber(L, idx))) == NULL)
			return conversion_error(c, "a number is NaN or infinite");
		return j;
	case LUA_TTABLE:
		if (depth > TABLE_DEPTH_MAX || !lua_checkstack(L, 4))
			return conversion_error(c, "item table nested too deeply");
		sandbox_rawtable(L, idx);       /* a read-only view's data */
		if (lua_rawlen(L, -1) > 0)
			j = array_to_json(L, lua_gettop(L), lua_rawlen(L, -1),
			    depth, c);
		else
			j = object_to_json(L, lua_gettop(L), depth, c);
		lua_pop(L, 1);
		return j;
	default:
		return conversion_error(c, "item tables hold strings, numbers, "
		    "booleans and tables");
	}
}

/* The value at idx as JSON, or NULL with the reason in err. */
static json_t *
lua_to_json(lua_State *L, int idx, char err[static 160])
{
	struct conversion c = {0};
	json_t *j;

	if ((j = to_json(L, idx, 0, &c)) == NULL)
		memcpy(err, c.err, sizeof c.err);
	return j;
}

/* lookup(data, globals): an __index function trying data, then globals. */
static const char lookup_src[] =
    "local data, globals = ...\n"
    "return function(_, k)\n"
    "  local v = data[k]\n"
    "  if v == nil then v = globals[k] end\n"
    "  return v\n"
    "end\n";

static int
setup(lua_State *L)
{
	sandbox_open(L);
	luaL_newmetatable(L, RNG_TYPE);
	luaL_newlib(L, rng_methods);
	lua_setfield(L, -2, "__index");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 1);

	sandbox_sealed_type(L, OUTPUT_TYPE, "__gc", out_gc);
	sandbox_sealed_type(L, HTML_TYPE, "__tostring", html_tostring);

	sandbox_push_globals(L, sandbox_require);
	lua_setfield(L, LUA_REGISTRYINDEX, "tiku.module_globals");
	sandbox_push_globals(L, sandbox_require);
	lua_setfield(L, LUA_REGISTRYINDEX, "tiku.template_globals");
	lua_newtable(L);
	luaL_newlib(L, core_funcs);
	lua_setfield(L, -2, "tiku.core");
	lua_setfield(L, LUA_REGISTRYINDEX, "tiku.loaded");
	if (luaL_loadbufferx(L, lookup_src, sizeof lookup_src - 1, "=lookup",
	    "t") != LUA_OK)
		return lua_error(L);
	lua_setfield(L, LUA_REGISTRYINDEX, "tiku.lookup");

	/* Load the engine through the sandboxed require. */
	lua_pushcfunction(L, sandbox_require);
	lua_pushliteral(L, "template");
	lua_call(L, 1, 1);
	lua_setfield(L, LUA_REGISTRYINDEX, "tiku.engine");
	return 0;
}

struct render *
render_new(const char *templates_dir, const char *lua_dir,
    const struct render_limits *limits, struct diag *d)
{
	struct render *r = xcalloc(1, sizeof *r);

	r->standard_ref = LUA_NOREF;
	r->templates_dir = xstrdup(templates_dir);
	r->lua_dir = xstrdup(lua_dir);
	r->L = sandbox_new(limits->memory, limits->steps, r);
	lua_pushcfunction(r->L, sandbox_msgh);
	lua_pushcfunction(r->L, setup);
	if (lua_pcall(r->L, 0, 0, 1) != LUA_OK) {
		sandbox_diag(d, lua_dir, lua_tostring(r->L, -1));
		render_free(r);
		return NULL;
	}
	lua_settop(r->L, 0);
	return r;
}

/*
 * Call the engine's render(name, the data view at index view) under a
 * fresh budget. Leaves the page's HTML (a userdata) on the stack and
 * returns 0, or returns -1 with the error in d and the stack as it was.
 */
static int
call_template(struct render *r, const char *name, int view, struct diag *d)
{
	lua_State *L = r->L;
	int h, rc;
	char where[512];

	snprintf(where, sizeof where, "%s/%s", r->templates_dir, name);
	sandbox_reset(L);
	lua_pushcfunction(L, sandbox_msgh);
	h = lua_gettop(L);
	lua_getfield(L, LUA_REGISTRYINDEX, "tiku.engine");
	lua_getfield(L, -1, "render");
	lua_remove(L, -2);
	lua_pushstring(L, name);
	lua_pushvalue(L, view);
	rc = lua_pcall(L, 2, 1, h);
	lua_remove(L, h);
	/* A nested render rethrows a memory error as an ordinary one. */
	if (rc != LUA_OK && lua_isstring(L, -1) &&
	    ends_with(lua_tostring(L, -1), "not enough memory"))
		rc = LUA_ERRMEM;
	if (rc == LUA_ERRMEM)
		diag_add(d, where, 0, "the template exceeded the memory cap of "
		    "%zu MiB", sandbox_cap(L) >> 20);
	else if (rc != LUA_OK)
		sandbox_diag(d, where, lua_tostring(L, -1));
	else if (luaL_testudata(L, -1, HTML_TYPE) == NULL)
		diag_add(d, where, 0, "the template engine returned no HTML");
	else
		return 0;
	lua_pop(L, 1);
	return -1;
}

char *
render_page(struct render *r, const char *name, const json_t *data,
    struct diag *d)
{
	lua_State *L = r->L;
	char *result = NULL;

	lua_settop(L, 0);
	push_json(L, data, 0);
	if (call_template(r, name, 1, d) == 0)
		result = xstrdup(lua_touserdata(L, -1));
	lua_settop(L, 0);
	lua_gc(L, LUA_GCCOLLECT);
	return result;
}

/*
 * The data is converted to Lua once for the body and all its layouts:
 * the conversion was half of a page's time, and a layout reads little of
 * it. body_html goes into the view's table, which templates cannot write.
 */
int
render_in_layouts(struct render *r, const char *body,
    const char *const layouts[], size_t n, const json_t *data, char *pages[],
    struct diag *d)
{
	lua_State *L = r->L;
	size_t i;
	int rc = 0;

	for (i = 0; i < n; i++)
		pages[i] = NULL;
	lua_settop(L, 0);
	push_json(L, data, 0);
	if (call_template(r, body, 1, d) < 0)
		rc = -1;
	else {
		sandbox_rawtable(L, 1);
		lua_pushvalue(L, 2);
		lua_setfield(L, -2, "body_html");
		lua_settop(L, 1);
	}
	for (i = 0; i < n && rc == 0; i++) {
		if (call_template(r, layouts[i], 1, d) < 0)
			rc = -1;
		else
			pages[i] = xstrdup(lua_touserdata(L, -1));
		lua_settop(L, 1);
	}
	if (rc < 0)
		for (i = 0; i < n; i++) {
			free(pages[i]);
			pages[i] = NULL;
		}
	lua_settop(L, 0);
	lua_gc(L, LUA_GCCOLLECT);
	return rc;
}

/* The model is read-only: its table is built once, not once per
 * generator variant or page (it was 17 % of a site build, pushed again for
 * each of 250 pages). */
void
render_share_standard(struct render *r, const json_t *standard)
{
	lua_State *L = r->L;

	if (r->standard == standard)
		return;
	luaL_unref(L, LUA_REGISTRYINDEX, r->standard_ref);
	json_decref((json_t *)r->standard);
	r->standard = NULL;
	r->standard_ref = LUA_NOREF;
	push_json(L, standard, 0);
	r->standard_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	/* held, so that its address cannot come back as another model */
	r->standard = json_incref((json_t *)standard);
}

void
render_set_generators(struct render *r, const char *dir)
{
	free(r->generators_dir);
	r->generators_dir = dir ? xstrdup(dir) : NULL;
}

void
render_free(struct render *r)
{
	if (r == NULL)
		return;
	sandbox_close(r->L);
	json_decref((json_t *)r->standard);
	free(r->templates_dir);
	free(r->lua_dir);
	free(r->generators_dir);
	free(r);
}

char *
render_markdown(const char *markdown)
{
	char *html = cmark_markdown_to_html(markdown, strlen(markdown),
	    CMARK_OPT_DEFAULT);
	char *copy;

	if (html == NULL)
		die("out of memory rendering Markdown");
	copy = xstrdup(html);
	free(html);
	return copy;
}

/* Require module on a clean stack; pushes it. Returns 0 or -1 (in d). */
static int
require_module(struct render *r, const char *module, struct diag *d)
{
	lua_State *L = r->L;

	sandbox_reset(L);
	lua_settop(L, 0);
	lua_pushcfunction(L, sandbox_msgh);
	lua_pushcfunction(L, sandbox_require);
	lua_pushstring(L, module);
	if (lua_pcall(L, 1, 1, 1) != LUA_OK) {
		sandbox_diag(d, r->lua_dir, lua_tostring(L, -1));
		lua_settop(L, 0);
		return -1;
	}
	if (!lua_istable(L, -1)) {
		diag_add(d, r->lua_dir, 0, "module '%s' must return a table",
		    module);
		lua_settop(L, 0);
		return -1;
	}
	return 0;
}

/* The file a module comes from: generators.g is GENERATORS_DIR/g.lua
 * (the content's own), any other a.b is LUA_DIR/a/b.lua. */
static const char *
module_file(const struct render *r, const char *module, char *file,
    size_t size)
{
	const char *dir = r->lua_dir;
	size_t i, n;

	if (r->generators_dir && strncmp(module, GENERATORS,
	    sizeof GENERATORS - 1) == 0) {
		dir = r->generators_dir;
		module += sizeof GENERATORS - 1;
	}
	n = (size_t)snprintf(file, size, "%s/", dir);
	for (i = 0; module[i] && n + 5 < size; i++)
		file[n++] = module[i] == '.' ? '/' : module[i];
	snprintf(file + n, size - n, ".lua");
	return file;
}

json_t *
render_module_info(struct render *r, const char *module, struct diag *d)
{
	char err[160], file[4096];
	json_t *j;

	if (require_module(r, module, d) < 0)
		return NULL;
	if ((j = lua_to_json(r->L, -1, err)) == NULL)
		diag_add(d, module_file(r, module, file, sizeof file), 0,
		    "module '%s': %s", module, err);
	lua_settop(r->L, 0);
	return j;
}

json_t *
render_generate(struct render *r, const char *module, int variant,
    unsigned long long seed, const json_t *standard, struct diag *d)
{
	lua_State *L = r->L;
	char err[160], file[4096];
	struct rng *g;
	json_t *j = NULL;

	if (require_module(r, module, d) < 0)
		return NULL;
	lua_pushliteral(L, "generate");
	if (lua_rawget(L, -2) != LUA_TFUNCTION) {     /* no __index runs */
		diag_add(d, r->lua_dir, 0, "module '%s' has no generate(rng, "
		    "standard) function", module);
		lua_settop(L, 0);
		return NULL;
	}
	g = lua_newuserdatauv(L, sizeof *g, 0);
	rng_seed(g, seed);
	luaL_setmetatable(L, RNG_TYPE);
	render_share_standard(r, standard);
	lua_rawgeti(L, LUA_REGISTRYINDEX, r->standard_ref);
	lua_pushinteger(L, variant);
	if (lua_pcall(L, 3, 1, 1) != LUA_OK)
		sandbox_diag(d, r->lua_dir, lua_tostring(L, -1));
	else if (!lua_istable(L, -1))
		diag_add(d, r->lua_dir, 0, "%s.generate must return an item table",
		    module);
	else if ((j = lua_to_json(L, -1, err)) == NULL)
		diag_add(d, module_file(r, module, file, sizeof file), 0,
		    "%s.generate, variant %d: %s", module, variant, err);
	lua_settop(L, 0);
	return j;
}
