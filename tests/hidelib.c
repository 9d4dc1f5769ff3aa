/*
 * LD_PRELOAD shim for the tests: dlopen of a library whose name contains
 * $HIDE_LIB fails as it does on a machine without it, so the message tiku
 * prints then is tested without uninstalling anything.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char hidden[512];

void *
dlopen(const char *file, int flags)
{
	static void *(*real)(const char *, int);
	const char *hide = getenv("HIDE_LIB");

	if (file != NULL && hide != NULL && *hide && strstr(file, hide)) {
		snprintf(hidden, sizeof hidden, "%s: cannot open shared object "
		    "file: No such file or directory", file);
		return NULL;
	}
	if (real == NULL)
		*(void **)&real = dlsym(RTLD_NEXT, "dlopen");
	return real(file, flags);
}

char *
dlerror(void)
{
	static char *(*real)(void);
	static char last[512];

	if (hidden[0]) {
		memcpy(last, hidden, sizeof last);
		hidden[0] = '\0';
		return last;
	}
	if (real == NULL)
		*(void **)&real = dlsym(RTLD_NEXT, "dlerror");
	return real();
}
