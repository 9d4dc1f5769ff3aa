#include "script/render.h"
#include "core/diag.h"
#include "core/rng.h"
#include "core/util.h"

#include <cmark.h>
#include <ctype.h>
#include <errno.h>
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define HTML_TYPE "tiku.html"
#define RNG_TYPE "tiku.rng"
#define OUTPUT_TYPE "tiku.output"

struct render {
	lua_State *L;
	char *templates_dir, *lua_dir;
	size_t used, cap;               /* bytes held by the state and output */
	unsigned long steps_left;       /* thousands of instructions */
	unsigned long steps;
	unsigned work;                  /* charged instructions, < 1000 */
	double deadline;                /* seconds on CLOCK_MONOTONIC */
	int timed_out;
};

enum {
	HOOK_EVERY = 1000,              /* instructions between count hooks */
	BYTES_PER_INSTRUCTION = 16,     /* what copying a byte costs */
	/*
	 * The time limit: a second per ten million instructions of budget,
	 * many times what Lua needs. It stops the instructions whose work
	 * grows with their operands (comparing long strings, passing huge
	 * varargs), which no count can see.
	 */
	STEPS_PER_SECOND = 10000,
};

static void count_hook(lua_State *L, lua_Debug *ar);

/*
 * Charge work done in C (allocating, copying, shifting elements) to the
 * instruction budget. Once it is spent, the hook runs at every
 * instruction: a template's pcall cannot swallow the error for good.
 * Returns 0, or -1 when the budget is spent.
 */
static int
budget_charge(struct render *r, lua_Unsigned instructions)
{
	lua_Unsigned steps = instructions / HOOK_EVERY;

	r->work += (unsigned)(instructions % HOOK_EVERY);
	if (r->work >= HOOK_EVERY) {
		r->work -= HOOK_EVERY;
		steps++;
	}
	if (steps < r->steps_left) {
		r->steps_left -= (unsigned long)steps;
		return 0;
	}
	if (r->steps_left > 0 && r->L != NULL)
		lua_sethook(r->L, count_hook, LUA_MASKCOUNT, 1);
	r->steps_left = 0;
	return -1;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static unsigned long
time_limit(const struct render *r)
{
	return r->steps / STEPS_PER_SECOND + 1;
}

/* A fresh budget for one page, module or generator call. */
static void
budget_reset(struct render *r)
{
	r->steps_left = r->steps;
	r->work = 0;
	r->deadline = now() + (double)time_limit(r);
	r->timed_out = 0;
	lua_sethook(r->L, count_hook, LUA_MASKCOUNT, HOOK_EVERY);
}

/*
 * The allocator counts every byte and refuses past the cap. Growth is
 * work too (string.rep, concatenation): it is charged to the budget.
 */
static void *
capped_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	struct render *r = ud;

	if (ptr == NULL)
		osize = 0;
	if (nsize == 0) {
		free(ptr);
		r->used -= osize;
		return NULL;
	}
	if (nsize > osize && r->used + (nsize - osize) > r->cap)
		return NULL;
	ptr = realloc(ptr, nsize);
	if (ptr != NULL) {
		r->used = r->used - osize + nsize;
		if (nsize > osize)
			budget_charge(r,
			    (nsize - osize) / BYTES_PER_INSTRUCTION);
	}
	return ptr;
}

static struct render *
self(lua_State *L)
{
	void *ud;

	lua_getallocf(L, &ud);
	return ud;
}

/* Raise the budget error at the Lua function level levels up. */
static int
budget_error(lua_State *L, int level)
{
	struct render *r = self(L);
	lua_Debug ar;

	if (lua_getstack(L, level, &ar) && lua_getinfo(L, "Sl", &ar) &&
	    ar.source[0] == '@' && ar.currentline > 0)
		lua_pushfstring(L, "%s:%d: ", ar.source + 1, ar.currentline);
	else
		lua_pushliteral(L, "");
	if (r->timed_out)
		lua_pushfstring(L, "time limit of %d s exceeded: an endless "
		    "loop?", (int)time_limit(r));
	else
		lua_pushfstring(L, "instruction budget of %d million exceeded: "
		    "an endless loop?", (int)(r->steps / 1000));
	lua_concat(L, 2);
	return lua_error(L);
}

/* Every thousand instructions (every one once the budget is spent). */
static void
count_hook(lua_State *L, lua_Debug *ar)
{
	struct render *r = self(L);

	(void)ar;
	if (r->steps_left > 0 && now() > r->deadline) {
		r->timed_out = 1;
		budget_charge(r, (lua_Unsigned)-1);
	}
	if (budget_charge(r, HOOK_EVERY) < 0)
		budget_error(L, 0);     /* level 0: the function running */
}

/* Charge a library function's work before it does it. */
static void
charge_call(lua_State *L, lua_Unsigned instructions)
{
	if (budget_charge(self(L), instructions) < 0)
		budget_error(L, 1);
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

/* ---- read-only data ---- */

static int
readonly_newindex(lua_State *L)
{
	return luaL_error(L, "template data is read-only (assigning '%s')",
	    luaL_tolstring(L, 2, NULL));
}

static int
readonly_len(lua_State *L)
{
	lua_Integer n = luaL_len(L, lua_upvalueindex(1));

	lua_pushinteger(L, n);
	return 1;
}

static int
readonly_next(lua_State *L)
{
	lua_settop(L, 2);
	if (lua_next(L, lua_upvalueindex(1)))
		return 2;
	lua_pushnil(L);
	return 1;
}

static int
readonly_pairs(lua_State *L)
{
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_pushcclosure(L, readonly_next, 1);
	lua_pushvalue(L, 1);
	lua_pushnil(L);
	return 3;
}

/* Turn the table on top of the stack into a read-only view of it. */
static void
make_readonly(lua_State *L)
{
	int real = lua_gettop(L);

	lua_newtable(L);                        /* the proxy */
	lua_createtable(L, 0, 5);               /* its metatable */
	lua_pushvalue(L, real);
	lua_setfield(L, -2, "__index");
	lua_pushcfunction(L, readonly_newindex);
	lua_setfield(L, -2, "__newindex");
	lua_pushvalue(L, real);
	lua_pushcclosure(L, readonly_len, 1);
	lua_setfield(L, -2, "__len");
	lua_pushvalue(L, real);
	lua_pushcclosure(L, readonly_pairs, 1);
	lua_setfield(L, -2, "__pairs");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, -2);
	lua_replace(L, real);
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
	switch (json_typeof(j)) {
	case JSON_OBJECT: {
		const char *key;
		json_t *v;

		luaL_checkstack(L, 8, "data nested too deeply");
		lua_createtable(L, 0, (int)json_object_size(j));
		json_object_foreach((json_t *)j, key, v) {
			push_json(L, v, strcmp(key, "html") == 0 ||
			    ends_with(key, "_html"));
			lua_setfield(L, -2, key);
		}
		make_readonly(L);
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
		make_readonly(L);
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
	struct render *r = self(L);
	struct buf *b = out_buf(L);
	size_t before = b->len;

	/* an escaped byte takes up to six ("&quot;") */
	if ((escape ? n * 6 : n) > r->cap - r->used)
		luaL_error(L, "not enough memory");
	charge_call(L, n / BYTES_PER_INSTRUCTION);
	if (escape)
		escape_into(b, s, n);
	else
		buf_add(b, s, n);
	r->used += b->len - before;
}

static void
out_free(lua_State *L, struct buf *b)
{
	self(L)->used -= b->len;
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

static int
sandbox_require(lua_State *L)
{
	struct render *r = self(L);
	const char *name = luaL_checkstring(L, 1);
	struct buf file = {0};
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
	for (i = 0; name[i]; i++)
		buf_putc(&file, name[i] == '.' ? '/' : name[i]);
	buf_puts(&file, ".lua");
	data = slurp(L, r->lua_dir, file.data, &len);
	if (data == NULL) {
		buf_free(&file);
		lua_pop(L, 1);
		return luaL_error(L, "module '%s' not found: modules come from "
		    "%s/ only", name, r->lua_dir);
	}
	lua_pushfstring(L, "@%s/%s", r->lua_dir, file.data);
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

static int
rng_int(lua_State *L)
{
	struct rng *g = luaL_checkudata(L, 1, RNG_TYPE);
	lua_Integer a = luaL_checkinteger(L, 2), b = luaL_checkinteger(L, 3);

	luaL_argcheck(L, a <= b, 3, "empty range");
	lua_pushinteger(L, a + (lua_Integer)rng_below(g,
	    (uint64_t)(b - a) + 1));
	return 1;
}

static int
rng_unit_l(lua_State *L)
{
	lua_pushnumber(L, rng_unit(luaL_checkudata(L, 1, RNG_TYPE)));
	return 1;
}

static int
rng_pick(lua_State *L)
{
	struct rng *g = luaL_checkudata(L, 1, RNG_TYPE);
	lua_Integer n = luaL_len(L, 2);

	luaL_argcheck(L, n > 0, 2, "empty list");
	lua_geti(L, 2, 1 + (lua_Integer)rng_below(g, (uint64_t)n));
	return 1;
}

/* A shuffled copy (Fisher-Yates), so read-only lists can be shuffled. */
static int
rng_shuffle(lua_State *L)
{
	struct rng *g = luaL_checkudata(L, 1, RNG_TYPE);
	lua_Integer n = luaL_len(L, 2), i;

	lua_createtable(L, (int)n, 0);
	for (i = 1; i <= n; i++) {
		lua_geti(L, 2, i);
		lua_seti(L, -2, i);
	}
	for (i = n; i > 1; i--) {
		lua_Integer j = 1 + (lua_Integer)rng_below(g, (uint64_t)i);

		lua_geti(L, -1, i);
		lua_geti(L, -2, j);
		lua_seti(L, -3, i);
		lua_seti(L, -2, j);
	}
	return 1;
}

static const luaL_Reg rng_methods[] = {
	{ "int", rng_int }, { "unit", rng_unit_l }, { "pick", rng_pick },
	{ "shuffle", rng_shuffle }, { NULL, NULL },
};

/* A Lua value as JSON: sequences become arrays, other tables objects. */
static json_t *
lua_to_json(lua_State *L, int idx, int depth, const char **err)
{
	idx = lua_absindex(L, idx);
	switch (lua_type(L, idx)) {
	case LUA_TSTRING:
		return json_stringn(lua_tostring(L, idx), luaL_len(L, idx));
	case LUA_TBOOLEAN:
		return json_boolean(lua_toboolean(L, idx));
	case LUA_TNUMBER:
		if (lua_isinteger(L, idx))
			return json_integer((json_int_t)lua_tointeger(L, idx));
		return json_real(lua_tonumber(L, idx));
	case LUA_TTABLE: {
		lua_Integer n = luaL_len(L, idx), i;
		json_t *o;

		if (depth > 16) {
			*err = "item table nested too deeply";
			return NULL;
		}
		if (n > 0) {
			o = json_array();
			for (i = 1; i <= n; i++) {
				json_t *v;

				lua_geti(L, idx, i);
				v = lua_to_json(L, -1, depth + 1, err);
				lua_pop(L, 1);
				if (v == NULL) {
					json_decref(o);
					return NULL;
				}
				json_array_append_new(o, v);
			}
			return o;
		}
		o = json_object();
		lua_pushnil(L);
		while (lua_next(L, idx)) {
			json_t *v;

			if (lua_type(L, -2) != LUA_TSTRING) {
				lua_pop(L, 2);
				*err = "item table keys must be strings";
				json_decref(o);
				return NULL;
			}
			if (lua_type(L, -1) == LUA_TFUNCTION) {
				lua_pop(L, 1);
				continue;
			}
			if ((v = lua_to_json(L, -1, depth + 1, err)) == NULL) {
				lua_pop(L, 2);
				json_decref(o);
				return NULL;
			}
			json_object_set_new(o, lua_tostring(L, -2), v);
			lua_pop(L, 1);
		}
		return o;
	}
	default:
		*err = "item tables hold strings, numbers, booleans and tables";
		return NULL;
	}
}

/* ---- library functions that loop in C ---- */

/* Does a Lua error message start with its "file:line:"? */
static int
has_position(const char *msg)
{
	const char *colon = strchr(msg, ':');

	return colon != NULL && isdigit((unsigned char)colon[1]);
}

/*
 * A few library functions can loop without end inside one call, where
 * neither the hook nor the clock sees them. They are wrapped: upvalue 1
 * is the library's own function, called once the arguments are known to
 * be bounded, upvalue 4 its quoted name. With the wrapper between, its
 * errors would name no line and '?' for the function: they get the
 * caller's line and the name.
 */
static int
call_library(lua_State *L)
{
	int n = lua_gettop(L);
	const char *msg;

	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	if (lua_pcall(L, n, LUA_MULTRET, 0) == LUA_OK)
		return lua_gettop(L);
	if ((msg = lua_tostring(L, -1)) != NULL && !has_position(msg)) {
		luaL_where(L, 1);
		luaL_gsub(L, msg, "'?'", lua_tostring(L, lua_upvalueindex(4)));
		lua_concat(L, 2);
	}
	return lua_error(L);
}

/* string.rep("", n) loops n times to make nothing. */
static int
guard_rep(lua_State *L)
{
	size_t len, sep_len;

	luaL_checklstring(L, 1, &len);
	luaL_checkinteger(L, 2);
	luaL_optlstring(L, 3, "", &sep_len);
	if (len + sep_len > 0)
		return call_library(L);
	lua_pushliteral(L, "");
	return 1;
}

/* table.move copies as many elements as its arguments say: charge them. */
static int
guard_move(lua_State *L)
{
	lua_Integer f = luaL_checkinteger(L, 2), e = luaL_checkinteger(L, 3);

	if (e >= f)
		charge_call(L, (lua_Unsigned)e - (lua_Unsigned)f + 1);
	return call_library(L);
}

/*
 * table.insert and table.remove shift as many elements as __len says: a
 * template's own __len could make that any number.
 */
static int
guard_len(lua_State *L)
{
	if (luaL_getmetafield(L, 1, "__len") != LUA_TNIL) {
		int ours = lua_tocfunction(L, -1) == readonly_len;

		lua_pop(L, 1);
		if (!ours)
			return luaL_argerror(L, 1, "table with its own __len");
	}
	return call_library(L);
}

enum { PATTERN_WORK_MAX = 1000000000 };

/* Does byte c match the class %cl (a, d, s, w, …, or an escaped byte)? */
static int
class_match(int c, int cl)
{
	int res;

	switch (tolower(cl)) {
	case 'a': res = isalpha(c); break;
	case 'c': res = iscntrl(c); break;
	case 'd': res = isdigit(c); break;
	case 'g': res = isgraph(c); break;
	case 'l': res = islower(c); break;
	case 'p': res = ispunct(c); break;
	case 's': res = isspace(c); break;
	case 'u': res = isupper(c); break;
	case 'w': res = isalnum(c); break;
	case 'x': res = isxdigit(c); break;
	default: return cl == c;
	}
	return isupper(cl) ? !res : res != 0;
}

/* Does byte c match the class p[0 .. len): '.', %x, [set] or a byte? */
static int
single_match(int c, const unsigned char *p, size_t len)
{
	size_t i = 1;
	int negate = 0;

	if (p[0] == '.')
		return 1;
	if (p[0] == '%')
		return class_match(c, p[1]);
	if (p[0] != '[')
		return c == p[0];
	if (p[1] == '^') {
		negate = 1;
		i = 2;
	}
	for (; i < len - 1; i++) {
		if (p[i] == '%' && i + 1 < len - 1) {
			if (class_match(c, p[++i]))
				return !negate;
		} else if (i + 2 < len - 1 && p[i + 1] == '-') {
			if (p[i] <= c && c <= p[i + 2])
				return !negate;
			i += 2;
		} else if (p[i] == c)
			return !negate;
	}
	return negate;
}

/* The length of the class at p (as Lua's classEnd), or 0 if malformed. */
static size_t
class_len(const unsigned char *p, size_t m)
{
	size_t i = 1;

	if (p[0] == '%')
		return m >= 2 ? 2 : 0;
	if (p[0] != '[')
		return 1;
	if (i < m && p[i] == '^')
		i++;
	do {
		if (i >= m)
			return 0;
		if (p[i++] == '%' && i < m)
			i++;
	} while (i < m && p[i] != ']');
	return i < m ? i + 1 : 0;
}

/* The longest run of bytes of s that the class matches. */
static double
longest_run(const unsigned char *s, size_t n, const unsigned char *p,
    size_t len)
{
	size_t i, run = 0, longest = 0;

	for (i = 0; i < n; i++) {
		run = single_match(s[i], p, len) ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	return (double)longest;
}

/*
 * An upper bound on the steps of Lua's backtracking matcher: from each
 * start, every quantified class may try each length of its longest run
 * in s, for each choice made before it (%b and back-references: any
 * length). Linear in s for the usual patterns; products of long runs for
 * the pathological ones. Finding the runs is work too.
 */
static double
pattern_work(const unsigned char *s, size_t n, const unsigned char *p,
    size_t m, int anchored)
{
	double work = (double)m + 1, scanned = 0;
	size_t i = 0, len;

	if (anchored && m > 0 && p[0] == '^')
		i = 1;
	else
		work *= (double)n + 1;
	while (i < m && work <= PATTERN_WORK_MAX &&
	    scanned <= PATTERN_WORK_MAX) {
		if (p[i] == '(' || p[i] == ')') {
			i++;
			continue;
		}
		if (p[i] == '%' && i + 1 < m && (p[i + 1] == 'b' ||
		    (p[i + 1] >= '1' && p[i + 1] <= '9'))) {
			work *= (double)n + 1;
			i += p[i + 1] == 'b' ? 4 : 2;
			continue;
		}
		if (p[i] == '%' && i + 1 < m && p[i + 1] == 'f') {
			i += 2;
			len = i < m ? class_len(p + i, m - i) : 0;
			i += len ? len : 1;
			continue;
		}
		if ((len = class_len(p + i, m - i)) == 0)
			break;          /* malformed: Lua reports it */
		if (i + len < m && strchr("*+-", p[i + len])) {
			/* the run is looked for only when the length of s
			 * could be too much: a scan per call would make a
			 * template engine's many anchored matches quadratic */
			double bound = work * ((double)n + 1);

			if (bound > PATTERN_WORK_MAX) {
				bound = work * (longest_run(s, n, p + i, len) + 1);
				scanned += (double)n;
			}
			work = bound;
			len++;
		} else if (i + len < m && p[i + len] == '?') {
			work *= 2;
			len++;
		}
		i += len;
	}
	return work > scanned ? work : scanned;
}

/* string.find, match, gmatch and gsub: refuse what could run for hours. */
static int
guard_pattern(lua_State *L)
{
	size_t n, m;
	const char *s = luaL_checklstring(L, 1, &n);
	const char *p = luaL_checklstring(L, 2, &m);
	int anchored = lua_toboolean(L, lua_upvalueindex(2));
	double work;

	if (lua_toboolean(L, lua_upvalueindex(3)) && lua_toboolean(L, 4))
		work = ((double)n + 1) * ((double)m + 1);       /* plain find */
	else
		work = pattern_work((const unsigned char *)s, n,
		    (const unsigned char *)p, m, anchored);
	if (work > PATTERN_WORK_MAX)
		return luaL_error(L, "pattern '%s' could backtrack for hours "
		    "on %d bytes; use a plain find or a simpler pattern", p,
		    (int)n);
	return call_library(L);
}

/* Replace lib.name by guard; upvalues: the original, flags, the name. */
static void
wrap(lua_State *L, const char *lib, const char *name, lua_CFunction guard,
    int anchored, int plain)
{
	lua_getglobal(L, lib);
	lua_getfield(L, -1, name);
	lua_pushboolean(L, anchored);
	lua_pushboolean(L, plain);
	lua_pushfstring(L, "'%s'", name);
	lua_pushcclosure(L, guard, 4);
	lua_setfield(L, -2, name);
	lua_pop(L, 1);
}

static void
wrap_libraries(lua_State *L)
{
	wrap(L, LUA_STRLIBNAME, "rep", guard_rep, 0, 0);
	wrap(L, LUA_STRLIBNAME, "find", guard_pattern, 1, 1);
	wrap(L, LUA_STRLIBNAME, "match", guard_pattern, 1, 0);
	wrap(L, LUA_STRLIBNAME, "gmatch", guard_pattern, 0, 0);
	wrap(L, LUA_STRLIBNAME, "gsub", guard_pattern, 1, 0);
	wrap(L, LUA_TABLIBNAME, "move", guard_move, 0, 0);
	wrap(L, LUA_TABLIBNAME, "insert", guard_len, 0, 0);
	wrap(L, LUA_TABLIBNAME, "remove", guard_len, 0, 0);
}

/* ---- building the sandbox ---- */

static const char *const safe_base[] = {
	"assert", "error", "ipairs", "next", "pairs", "pcall", "select",
	"tonumber", "tostring", "type", "xpcall", "rawequal", "rawlen",
	"rawget", "rawset", "setmetatable", "getmetatable", "_VERSION", NULL,
};

static const char *const safe_libs[] = {
	"string", "table", "math", "utf8", NULL,
};

/* A userdata type with one metamethod, its metatable hidden from Lua. */
static void
sealed_type(lua_State *L, const char *name, const char *event,
    lua_CFunction fn)
{
	luaL_newmetatable(L, name);
	lua_pushcfunction(L, fn);
	lua_setfield(L, -2, event);
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 1);
}

/* A fresh globals table: safe base functions and copies of the libraries. */
static void
push_globals(lua_State *L)
{
	int i;

	lua_newtable(L);
	for (i = 0; safe_base[i]; i++) {
		lua_getglobal(L, safe_base[i]);
		lua_setfield(L, -2, safe_base[i]);
	}
	for (i = 0; safe_libs[i]; i++) {
		lua_newtable(L);
		lua_getglobal(L, safe_libs[i]);
		lua_pushnil(L);
		while (lua_next(L, -2)) {
			lua_pushvalue(L, -2);
			lua_insert(L, -2);
			lua_settable(L, -5);
		}
		lua_pop(L, 1);
		if (strcmp(safe_libs[i], "string") == 0) {
			lua_pushnil(L);         /* no bytecode */
			lua_setfield(L, -2, "dump");
		}
		lua_setfield(L, -2, safe_libs[i]);
	}
	lua_pushcfunction(L, sandbox_require);
	lua_setfield(L, -2, "require");
	lua_pushvalue(L, -1);
	lua_setfield(L, -2, "_G");
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
	static const luaL_Reg libs[] = {
		{ LUA_GNAME, luaopen_base }, { LUA_STRLIBNAME, luaopen_string },
		{ LUA_TABLIBNAME, luaopen_table }, { LUA_MATHLIBNAME, luaopen_math },
		{ LUA_UTF8LIBNAME, luaopen_utf8 }, { NULL, NULL },
	};
	const luaL_Reg *lib;

	for (lib = libs; lib->func; lib++) {
		luaL_requiref(L, lib->name, lib->func, 1);
		lua_pop(L, 1);
	}
	/* getmetatable("") must not hand out the string library */
	lua_pushliteral(L, "");
	lua_getmetatable(L, -1);
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 2);

	luaL_newmetatable(L, RNG_TYPE);
	luaL_newlib(L, rng_methods);
	lua_setfield(L, -2, "__index");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 1);

	sealed_type(L, OUTPUT_TYPE, "__gc", out_gc);
	sealed_type(L, HTML_TYPE, "__tostring", html_tostring);

	wrap_libraries(L);
	push_globals(L);
	lua_setfield(L, LUA_REGISTRYINDEX, "tiku.module_globals");
	push_globals(L);
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

/*
 * Message handler: give errors without a position the position of the
 * innermost template or module line on the stack.
 */
static int
msgh(lua_State *L)
{
	const char *msg = lua_tostring(L, 1);
	lua_Debug ar;
	int level;

	if (msg == NULL) {
		msg = luaL_tolstring(L, 1, NULL);
		lua_replace(L, 1);
	}
	if (has_position(msg))
		return 1;
	for (level = 0; lua_getstack(L, level, &ar); level++) {
		lua_getinfo(L, "Sl", &ar);
		if (ar.source[0] == '@' && ar.currentline > 0) {
			lua_pushfstring(L, "%s:%d: %s", ar.source + 1,
			    ar.currentline, msg);
			return 1;
		}
	}
	return 1;
}

/* Split "file:line: message" into a diagnostic. */
static void
lua_diag(struct diag *d, const char *fallback_file, const char *msg)
{
	const char *colon = strchr(msg, ':');
	char *end;
	long line;

	if (colon && colon > msg && isdigit((unsigned char)colon[1])) {
		line = strtol(colon + 1, &end, 10);
		if (*end == ':' && line > 0) {
			char *file = xmalloc((size_t)(colon - msg) + 1);

			memcpy(file, msg, (size_t)(colon - msg));
			file[colon - msg] = '\0';
			diag_add(d, file, (int)line, "%s", end[1] == ' ' ?
			    end + 2 : end + 1);
			free(file);
			return;
		}
	}
	diag_add(d, fallback_file, 0, "%s", msg);
}

struct render *
render_new(const char *templates_dir, const char *lua_dir,
    const struct render_limits *limits, struct diag *d)
{
	struct render *r = xcalloc(1, sizeof *r);

	r->templates_dir = xstrdup(templates_dir);
	r->lua_dir = xstrdup(lua_dir);
	r->cap = limits->memory;
	r->steps = limits->steps;
	r->steps_left = limits->steps;
	if ((r->L = lua_newstate(capped_alloc, r)) == NULL)
		die("cannot create a Lua state");
	budget_reset(r);
	lua_pushcfunction(r->L, msgh);
	lua_pushcfunction(r->L, setup);
	if (lua_pcall(r->L, 0, 0, 1) != LUA_OK) {
		lua_diag(d, lua_dir, lua_tostring(r->L, -1));
		render_free(r);
		return NULL;
	}
	lua_settop(r->L, 0);
	return r;
}

char *
render_page(struct render *r, const char *name, const json_t *data,
    struct diag *d)
{
	lua_State *L = r->L;
	const char *html;
	char *result = NULL;
	char where[512];
	int rc;

	snprintf(where, sizeof where, "%s/%s", r->templates_dir, name);
	budget_reset(r);
	lua_settop(L, 0);
	lua_pushcfunction(L, msgh);
	lua_getfield(L, LUA_REGISTRYINDEX, "tiku.engine");
	lua_getfield(L, -1, "render");
	lua_remove(L, -2);
	lua_pushstring(L, name);
	push_json(L, data, 0);
	rc = lua_pcall(L, 2, 1, 1);
	/* A nested render rethrows a memory error as an ordinary one. */
	if (rc != LUA_OK && lua_isstring(L, -1) &&
	    ends_with(lua_tostring(L, -1), "not enough memory"))
		rc = LUA_ERRMEM;
	if (rc == LUA_ERRMEM)
		diag_add(d, where, 0, "the template exceeded the memory cap of "
		    "%zu MiB", r->cap >> 20);
	else if (rc != LUA_OK)
		lua_diag(d, where, lua_tostring(L, -1));
	else if ((html = luaL_testudata(L, -1, HTML_TYPE)) == NULL)
		diag_add(d, where, 0, "the template engine returned no HTML");
	else
		result = xstrdup(html);
	lua_settop(L, 0);
	lua_gc(L, LUA_GCCOLLECT);
	return result;
}

void
render_free(struct render *r)
{
	if (r == NULL)
		return;
	if (r->L)
		lua_close(r->L);
	free(r->templates_dir);
	free(r->lua_dir);
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

	budget_reset(r);
	lua_settop(L, 0);
	lua_pushcfunction(L, msgh);
	lua_pushcfunction(L, sandbox_require);
	lua_pushstring(L, module);
	if (lua_pcall(L, 1, 1, 1) != LUA_OK) {
		lua_diag(d, r->lua_dir, lua_tostring(L, -1));
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

json_t *
render_module_info(struct render *r, const char *module, struct diag *d)
{
	const char *err = NULL;
	json_t *j;

	if (require_module(r, module, d) < 0)
		return NULL;
	if ((j = lua_to_json(r->L, -1, 0, &err)) == NULL)
		diag_add(d, r->lua_dir, 0, "module '%s': %s", module, err);
	lua_settop(r->L, 0);
	return j;
}

json_t *
render_generate(struct render *r, const char *module, int variant,
    unsigned long long seed, const json_t *standard, struct diag *d)
{
	lua_State *L = r->L;
	const char *err = NULL;
	struct rng *g;
	json_t *j = NULL;

	if (require_module(r, module, d) < 0)
		return NULL;
	if (lua_getfield(L, -1, "generate") != LUA_TFUNCTION) {
		diag_add(d, r->lua_dir, 0, "module '%s' has no generate(rng, "
		    "standard) function", module);
		lua_settop(L, 0);
		return NULL;
	}
	g = lua_newuserdatauv(L, sizeof *g, 0);
	rng_seed(g, seed);
	luaL_setmetatable(L, RNG_TYPE);
	push_json(L, standard, 0);
	lua_pushinteger(L, variant);
	if (lua_pcall(L, 3, 1, 1) != LUA_OK)
		lua_diag(d, r->lua_dir, lua_tostring(L, -1));
	else if (!lua_istable(L, -1))
		diag_add(d, r->lua_dir, 0, "%s.generate must return an item table",
		    module);
	else if ((j = lua_to_json(L, -1, 0, &err)) == NULL)
		diag_add(d, r->lua_dir, 0, "%s.generate: %s", module, err);
	lua_settop(L, 0);
	return j;
}
