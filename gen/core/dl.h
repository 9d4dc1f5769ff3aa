/*
 * dl: a shared library opened when first needed (dlopen) and its
 * functions looked up by name, for the stacks only some commands use
 * (typesetting, reading PDFs, reading xlsx). A module lists its names
 * and, in the same order, where each address goes.
 */
#ifndef TIKU_DL_H
#define TIKU_DL_H

struct dl_lib {
	const char *name;               /* the soname, e.g. "libxml2.so.2" */
	const char *const *symbols;     /* NULL-terminated */
	void **const *slots;            /* slots[i] receives symbols[i] */
	int state;                      /* 0 not tried, 1 loaded, -1 failed */
	char why[256];                  /* the failure, for a message */
};

/*
 * A module's table of one library's functions, from an X-macro list of
 * their names SYMBOLS(X): the struct holding them is called lib in every
 * module, so that the helpers need no other argument:
 *
 *	static struct { SYMBOLS(DL_DECLARE) } lib;
 *	static const char *const names[] = { SYMBOLS(DL_NAME) NULL };
 *	static void **const slots[] = { SYMBOLS(DL_SLOT) };
 */
#define DL_DECLARE(f) __typeof__(f) *f;
#define DL_NAME(f) #f,
#define DL_SLOT(f) (void **)&lib.f,

/* Open the library once and fill every slot. Returns 0, or -1 with
 * lib->why (dlerror's text, or "NAME lacks SYMBOL"); later calls return
 * the first answer. */
int dl_load(struct dl_lib *lib);

#endif
