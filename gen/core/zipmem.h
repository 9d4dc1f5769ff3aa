/*
 * zipmem: a zip archive (ePub, docx, export packages) built in memory and
 * written to its path in one piece. libzip's zip_open(path) writes a
 * temporary file named with OpenSSL's random numbers, and starting
 * OpenSSL was 7 % of a small ePub's run.
 */
#ifndef TIKU_ZIPMEM_H
#define TIKU_ZIPMEM_H

#include <zip.h>

/* Deflate's level: 6, zlib's default. 9 took a tenth of a small ePub's
 * run for files under 1 % smaller. */
#define ZIPMEM_LEVEL 6

struct zipmem {
	zip_t *za;              /* add entries here */
	zip_source_t *src;      /* the archive's bytes */
};

/* A new empty archive. Returns 0, or -1 with a message naming path. */
int zipmem_open(struct zipmem *z, const char *path);
/* The same written through a file at path as libzip does (src NULL): for
 * archives whose entries come from files, too large to hold (a book of
 * many per-candidate papers). */
int zipmem_open_file(struct zipmem *z, const char *path);
/* Write the archive to path and free it. Returns 0, or -1 with a
 * message printed. */
int zipmem_close(struct zipmem *z, const char *path);
/* Free an archive that will not be written. */
void zipmem_discard(struct zipmem *z);

#endif
