/*
 * sandbox: the Lua 5.4 state untrusted Lua runs in (templates, modules,
 * generators). Base, string, table, math and utf8 only; a memory cap; an
 * instruction budget and a time limit per call, enforced by a count hook
 * that a script's pcall cannot swallow; guards on the library functions
 * that loop in C; read-only views of data. Lua errors become diagnostics
 * "file:line: message".
 */
#ifndef TIKU_SANDBOX_H
#define TIKU_SANDBOX_H

#include <lua.h>
#include <stddef.h>

struct diag;

/*
 * A new state whose allocator holds at most memory bytes and whose calls
 * get steps thousand instructions each; owner is kept for sandbox_owner.
 * No library is open yet (sandbox_open). Dies if no state can be made.
 */
lua_State *sandbox_new(size_t memory, unsigned long steps, void *owner);
/* Close L and free what sandbox_new made; NULL does nothing. */
void sandbox_close(lua_State *L);
void *sandbox_owner(lua_State *L);

/*
 * Open the safe libraries in L and wrap their functions that could loop
 * in C without the hook seeing it (string.rep, the pattern functions,
 * table.move, insert, remove). Raises on memory errors: call it protected.
 */
void sandbox_open(lua_State *L);
/*
 * Push a fresh globals table: the safe base functions, copies of the
 * libraries without string.dump, require as given, and _G.
 */
void sandbox_push_globals(lua_State *L, lua_CFunction require);
/* Register a userdata type with one metamethod, its metatable hidden. */
void sandbox_sealed_type(lua_State *L, const char *name, const char *event,
    lua_CFunction fn);
/* Replace the table on top of the stack by a read-only view of it. */
void sandbox_readonly(lua_State *L);

/*
 * Push the table at idx, or for a read-only view the data behind it, for
 * raw access. Returns 0, or -1 when the table has a metatable of its own
 * (pushed all the same). Raises nothing.
 */
int sandbox_rawtable(lua_State *L, int idx);

/* A fresh budget (instructions and time) for one call into Lua. */
void sandbox_reset(lua_State *L);
/* Charge work done in C; raises the budget error once it is spent. */
void sandbox_charge(lua_State *L, lua_Unsigned instructions);
/*
 * Memory held outside Lua's allocator (a page's output) counts against
 * the cap too: the bytes left, then what is taken and given back.
 */
size_t sandbox_room(lua_State *L);
void sandbox_hold(lua_State *L, size_t bytes);
void sandbox_release(lua_State *L, size_t bytes);
size_t sandbox_cap(lua_State *L);

/*
 * Message handler for lua_pcall: an error without a position gets the
 * position of the innermost template or module line on the stack.
 */
int sandbox_msgh(lua_State *L);
/*
 * Add "file:line: message" to d as a diagnostic (fallback_file if none),
 * control characters shown as \xNN.
 */
void sandbox_diag(struct diag *d, const char *fallback_file,
    const char *msg);

#endif
