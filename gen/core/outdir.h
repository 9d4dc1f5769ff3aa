/*
 * outdir: write a tree of output files so that the target directory is
 * replaced only when everything was written. Files go into a temporary
 * directory beside the target, which is swapped into place on commit.
 */
#ifndef TIKU_OUTDIR_H
#define TIKU_OUTDIR_H

#include <stddef.h>

struct outdir {
	char *target;           /* owned */
	char *tmp;              /* owned; the directory being written */
};

/* Create the temporary directory. Returns 0, or -1 with a message printed. */
int outdir_open(struct outdir *o, const char *target);
/*
 * Write data to relpath inside the tree, creating directories. relpath
 * must be relative and must not climb out ("..", absolute paths).
 * Returns 0, or -1 with a message printed.
 */
int outdir_write(struct outdir *o, const char *relpath, const void *data,
    size_t len);
/*
 * The full path of relpath inside the tree, its directories created, for
 * writers that need a file name (libzip). Returns a new string the caller
 * frees, or NULL with a message printed.
 */
char *outdir_path(struct outdir *o, const char *relpath);
/* Replace the target with the tree. Returns 0, or -1 (target unchanged). */
int outdir_commit(struct outdir *o);
/* Remove the temporary tree; the target is left as it was. */
void outdir_abort(struct outdir *o);

#endif
