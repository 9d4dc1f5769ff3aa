/*
 * zipmem: libzip writes the archive into a buffer source, kept past
 * zip_close so that its bytes can be read back and written out.
 */
#include "core/zipmem.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>

int
zipmem_open(struct zipmem *z, const char *path)
{
	zip_error_t ze;

	zip_error_init(&ze);
	z->za = NULL;
	if ((z->src = zip_source_buffer_create(NULL, 0, 0, &ze)) != NULL &&
	    (z->za = zip_open_from_source(z->src, ZIP_TRUNCATE, &ze)) == NULL)
		zip_source_free(z->src);
	if (z->za == NULL)
		fprintf(stderr, "tiku: %s: %s\n", path, zip_error_strerror(&ze));
	else
		zip_source_keep(z->src);        /* outlives zip_close */
	zip_error_fini(&ze);
	return z->za ? 0 : -1;
}

int
zipmem_open_file(struct zipmem *z, const char *path)
{
	zip_error_t ze;
	int err;

	z->src = NULL;
	if ((z->za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err)) != NULL)
		return 0;
	zip_error_init_with_code(&ze, err);
	fprintf(stderr, "tiku: %s: %s\n", path, zip_error_strerror(&ze));
	zip_error_fini(&ze);
	return -1;
}

/* The bytes the closed archive left in src, written to path. */
static int
source_to_file(zip_source_t *src, const char *path)
{
	zip_stat_t st;
	char *data;
	FILE *f;
	int ok;

	if (zip_source_stat(src, &st) < 0 || !(st.valid & ZIP_STAT_SIZE) ||
	    zip_source_open(src) < 0)
		return -1;
	data = xmalloc(st.size ? st.size : 1);
	ok = zip_source_read(src, data, st.size) == (zip_int64_t)st.size;
	zip_source_close(src);
	if (ok && (f = fopen(path, "wb")) != NULL) {
		ok = fwrite(data, 1, st.size, f) == st.size;
		ok = (fclose(f) == 0) && ok;
	} else
		ok = 0;
	free(data);
	return ok ? 0 : -1;
}

int
zipmem_close(struct zipmem *z, const char *path)
{
	int rc = -1;

	if (zip_close(z->za) < 0) {
		fprintf(stderr, "tiku: %s: %s\n", path, zip_strerror(z->za));
		zip_discard(z->za);
	} else if (z->src == NULL)
		rc = 0;                 /* libzip wrote the file */
	else if ((rc = source_to_file(z->src, path)) < 0)
		perror(path);
	if (z->src)
		zip_source_free(z->src);
	z->za = NULL;
	z->src = NULL;
	return rc;
}

void
zipmem_discard(struct zipmem *z)
{
	if (z->za)
		zip_discard(z->za);
	if (z->src)
		zip_source_free(z->src);
	z->za = NULL;
	z->src = NULL;
}
