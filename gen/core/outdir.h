/*
 * outdir: write a tree of output files so that the target directory is
 * replaced only when everything was written. Files go into a temporary
 * directory beside the target, which is swapped into place on commit.
 */
#ifndef TIKU_OUTDIR_H
#define TIKU_OUTDIR_H

#include <stddef.h>

/* The file that marks a directory as tiku's output, written in every tree. */
#define OUTDIR_MARKER ".tiku-output"

/* What an output path may be: a tree to replace, or a directory to write into. */
enum outdir_use { OUTDIR_REPLACE, OUTDIR_WRITE_INTO };

/*
 * May target be used so? Never the root, the working directory or a
 * directory holding it, one of the keep directories (NULL-terminated: the
 * content, templates and Lua directories), a directory holding one, or a
 * directory inside one. A tree to replace must be absent, empty, or
 * marked as tiku's (OUTDIR_MARKER; or, from before the marker, holding
 * tiku.js and data/standard.json). Returns 0, or -1 with the reason
 * printed as "tiku: --out TARGET: ...".
 */
int outdir_allowed(const char *target, enum outdir_use use,
    const char *const *keep);

struct outdir {
	char *target;           /* owned */
	char *tmp;              /* owned; the directory being written */
};

/* Create the temporary directory, the marker in it. Returns 0, or -1 with
 * a message printed. */
int outdir_open(struct outdir *o, const char *target);
/* The same for a tree the user goes on editing as content (import, init,
 * lint --todo): no marker, so that no later --out may replace it. */
int outdir_open_content(struct outdir *o, const char *target);
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

/*
 * Replace the file at path with data: written under a temporary name
 * beside it, renamed over it only when every byte was written. Returns 0,
 * or -1 with a message printed (the old file intact).
 */
int outdir_put_file(const char *path, const void *data, size_t len);

/*
 * Files that must appear together (a paper set) are written into a
 * staging directory inside dir, then moved into dir only when all were
 * written. outdir_stage returns the new staging path (the caller frees
 * it) or NULL with a message printed; outdir_unstage moves its files in
 * when ok, and removes it in any case. Returns 0, or -1 (message printed).
 */
char *outdir_stage(const char *dir);
int outdir_unstage(const char *stage, const char *dir, int ok);
/* Remove path and everything under it (links not followed). */
void outdir_remove_tree(const char *path);

#endif
