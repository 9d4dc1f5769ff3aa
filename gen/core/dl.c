#include "core/dl.h"

#include <dlfcn.h>
#include <stdio.h>

int
dl_load(struct dl_lib *lib)
{
	void *h;
	size_t i;

	if (lib->state != 0)
		return lib->state > 0 ? 0 : -1;
	lib->state = -1;
	if ((h = dlopen(lib->name, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		snprintf(lib->why, sizeof lib->why, "%s", dlerror());
		return -1;
	}
	/* a void * stored as a function pointer: POSIX dlsym's documented
	 * use; a dependency's symbols are found through the handle too */
	for (i = 0; lib->symbols[i]; i++)
		if ((*lib->slots[i] = dlsym(h, lib->symbols[i])) == NULL) {
			snprintf(lib->why, sizeof lib->why, "%s lacks %s",
			    lib->name, lib->symbols[i]);
			return -1;
		}
	lib->state = 1;
	return 0;
}
