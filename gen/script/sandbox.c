/*
 * sandbox: the Lua 5.4 state that templates, modules and generators run in.
 * It owns what keeps untrusted Lua in bounds: the capped allocator, the
 * instruction budget and time limit (a count hook that pcall cannot
 * swallow), the guards on library functions that loop in C, read-only data
 * views, the safe globals, and how Lua errors become diagnostics.
 */
#include "script/sandbox.h"
#include "core/diag.h"
#include "core/util.h"

#include <ctype.h>
#include <lauxlib.h>
#include <lualib.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct sandbox {
	lua_State *L;
	void *owner;
	size_t used, cap;               /* bytes held by the state and output */
	unsigned long steps_left;       /* thousands of instructions */
	unsigned long steps;
	unsigned work;                  /* charged instructions, < 1000 */
	double deadline;                /* CPU seconds of the process */
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
budget_charge(struct sandbox *s, lua_Unsigned instructions)
{
	lua_Unsigned steps = instructions / HOOK_EVERY;

	s->work += (unsigned)(instructions % HOOK_EVERY);
	if (s->work >= HOOK_EVERY) {
		s->work -= HOOK_EVERY;
		steps++;
	}
	if (steps < s->steps_left) {
		s->steps_left -= (unsigned long)steps;
		return 0;
	}
	if (s->steps_left > 0 && s->L != NULL)
		lua_sethook(s->L, count_hook, LUA_MASKCOUNT, 1);
	s->steps_left = 0;
	return -1;
}

/*
 * The process's CPU time, not the wall clock: on a loaded machine a page
 * that does little may wait for seconds, and must not be taken for an
 * endless loop (tests failed so under a load of 30).
 */
static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static unsigned long
time_limit(const struct sandbox *s)
{
	return s->steps / STEPS_PER_SECOND + 1;
}

static struct sandbox *
self(lua_State *L)
{
	void *ud;

	lua_getallocf(L, &ud);
	return ud;
}

/* A fresh budget for one page, module or generator call. */
void
sandbox_reset(lua_State *L)
{
	struct sandbox *s = self(L);

	s->steps_left = s->steps;
	s->work = 0;
	s->deadline = now() + (double)time_limit(s);
	s->timed_out = 0;
	lua_sethook(s->L, count_hook, LUA_MASKCOUNT, HOOK_EVERY);
}

/*
 * The allocator counts every byte and refuses past the cap. Growth is
 * work too (string.rep, concatenation): it is charged to the budget.
 */
static void *
capped_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	struct sandbox *s = ud;

	if (ptr == NULL)
		osize = 0;
	if (nsize == 0) {
		free(ptr);
		s->used -= osize;
		return NULL;
	}
	if (nsize > osize && s->used + (nsize - osize) > s->cap)
		return NULL;
	ptr = realloc(ptr, nsize);
	if (ptr != NULL) {
		s->used = s->used - osize + nsize;
		if (nsize > osize)
			budget_charge(s,
			    (nsize - osize) / BYTES_PER_INSTRUCTION);
	}
	return ptr;
}

/* Raise the budget error at the Lua function level levels up. */
static int
budget_error(lua_State *L, int level)
{
	struct sandbox *s = self(L);
	lua_Debug ar;

	if (lua_getstack(L, level, &ar) && lua_getinfo(L, "Sl", &ar) &&
	    ar.source[0] == '@' && ar.currentline > 0)
		lua_pushfstring(L, "%s:%d: ", ar.source + 1, ar.currentline);
	else
		lua_pushliteral(L, "");
	if (s->timed_out)
		lua_pushfstring(L, "time limit of %d s exceeded: an endless "
		    "loop?", (int)time_limit(s));
	else
		lua_pushfstring(L, "instruction budget of %d million exceeded: "
		    "an endless loop?", (int)(s->steps / 1000));
	lua_concat(L, 2);
	return lua_error(L);
}

/* Every thousand instructions (every one once the budget is spent). */
static void
count_hook(lua_State *L, lua_Debug *ar)
{
	struct sandbox *s = self(L);

	(void)ar;
	if (s->steps_left > 0 && now() > s->deadline) {
		s->timed_out = 1;
		budget_charge(s, (lua_Unsigned)-1);
	}
	if (budget_charge(s, HOOK_EVERY) < 0)
		budget_error(L, 0);     /* level 0: the function running */
}

/* Charge a library function's work before it does it. */
void
sandbox_charge(lua_State *L, lua_Unsigned instructions)
{
	if (budget_charge(self(L), instructions) < 0)
		budget_error(L, 1);
}

size_t
sandbox_room(lua_State *L)
{
	struct sandbox *s = self(L);

	return s->cap - s->used;
}

void
sandbox_hold(lua_State *L, size_t bytes)
{
	self(L)->used += bytes;
}

void
sandbox_release(lua_State *L, size_t bytes)
{
	self(L)->used -= bytes;
}

size_t
sandbox_cap(lua_State *L)
{
	return self(L)->cap;
}

void *
sandbox_owner(lua_State *L)
{
	return self(L)->owner;
}

lua_State *
sandbox_new(size_t memory, unsigned long steps, void *owner)
{
	struct sandbox *s = xcalloc(1, sizeof *s);

	s->owner = owner;
	s->cap = memory;
	s->steps = steps;
	s->steps_left = steps;
	if ((s->L = lua_newstate(capped_alloc, s)) == NULL)
		die("cannot create a Lua state");
	sandbox_reset(s->L);
	return s->L;
}

void
sandbox_close(lua_State *L)
{
	struct sandbox *s;

	if (L == NULL)
		return;
	s = self(L);
	lua_close(L);
	free(s);
}

/* ---- read-only data ---- */

static int
readonly_newindex(lua_State *L)
{
	return luaL_error(L, "template data is read-only (assigning '%s')",
	    luaL_tolstring(L, 2, NULL));
}

/* The real table behind proxy (at index 1), pushed. */
static void
push_real(lua_State *L)
{
	lua_getmetatable(L, 1);
	lua_pushliteral(L, "__index");
	lua_rawget(L, -2);
	lua_remove(L, -2);
}

static int
readonly_len(lua_State *L)
{
	push_real(L);
	lua_pushinteger(L, luaL_len(L, -1));
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
	push_real(L);
	lua_pushcclosure(L, readonly_next, 1);
	lua_pushvalue(L, 1);
	lua_pushnil(L);
	return 3;
}

/*
 * Turn the table on top of the stack into a read-only view of it. The
 * metamethods find the real table through __index, so that a view costs
 * two tables and no closures: templates' data has one per object.
 */
void
sandbox_readonly(lua_State *L)
{
	int real = lua_gettop(L);

	lua_newtable(L);                        /* the proxy */
	lua_createtable(L, 0, 5);               /* its metatable */
	lua_pushvalue(L, real);
	lua_setfield(L, -2, "__index");
	lua_pushcfunction(L, readonly_newindex);
	lua_setfield(L, -2, "__newindex");
	lua_pushcfunction(L, readonly_len);
	lua_setfield(L, -2, "__len");
	lua_pushcfunction(L, readonly_pairs);
	lua_setfield(L, -2, "__pairs");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, -2);
	lua_replace(L, real);
}
int
sandbox_rawtable(lua_State *L, int idx)
{
	int foreign = 0;

	idx = lua_absindex(L, idx);
	if (lua_getmetatable(L, idx)) {
		lua_pushliteral(L, "__len");
		if (lua_rawget(L, -2) == LUA_TFUNCTION &&
		    lua_tocfunction(L, -1) == readonly_len) {
			lua_pushliteral(L, "__index");
			lua_rawget(L, -3);
			lua_replace(L, -3);
			lua_pop(L, 1);
			return 0;
		}
		lua_pop(L, 2);
		foreign = 1;
	}
	lua_pushvalue(L, idx);
	return foreign ? -1 : 0;
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
		sandbox_charge(L, (lua_Unsigned)e - (lua_Unsigned)f + 1);
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

void
sandbox_sealed_type(lua_State *L, const char *name, const char *event,
    lua_CFunction fn)
{
	luaL_newmetatable(L, name);
	lua_pushcfunction(L, fn);
	lua_setfield(L, -2, event);
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 1);
}

void
sandbox_push_globals(lua_State *L, lua_CFunction require)
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
		lua_setfield(L, -2, safe_libs[i]);
	}
	lua_pushcfunction(L, require);
	lua_setfield(L, -2, "require");
	lua_pushvalue(L, -1);
	lua_setfield(L, -2, "_G");
}

void
sandbox_open(lua_State *L)
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
	/* no bytecode: ("").dump reaches the library itself, not a copy */
	lua_getglobal(L, LUA_STRLIBNAME);
	lua_pushnil(L);
	lua_setfield(L, -2, "dump");
	lua_pop(L, 1);
	wrap_libraries(L);
}

/* ---- errors ---- */

/*
 * Message handler: give errors without a position the position of the
 * innermost template or module line on the stack.
 */
int
sandbox_msgh(lua_State *L)
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
/*
 * A message made by Lua code can hold any bytes: control characters (a
 * terminal's escape sequences, newlines that forge more diagnostics) are
 * shown as \xNN.
 */
static char *
escape_controls(const char *msg)
{
	struct buf b = {0};

	buf_puts(&b, "");
	for (; *msg; msg++)
		if ((unsigned char)*msg < 0x20 || *msg == 0x7f)
			buf_printf(&b, "\\x%02X", (unsigned char)*msg);
		else
			buf_putc(&b, *msg);
	return b.data;
}

void
sandbox_diag(struct diag *d, const char *fallback_file, const char *text)
{
	char *msg = escape_controls(text ? text : "(an error that is not a "
	    "string)");
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
			free(msg);
			return;
		}
	}
	diag_add(d, fallback_file, 0, "%s", msg);
	free(msg);
}
