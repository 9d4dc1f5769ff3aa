/*
 * fuzz_common: what the libFuzzer targets share. The parsers read
 * directories, so each target writes its input into files of a private
 * scratch directory (removed at exit) and loads them from there.
 */
#ifndef TIKU_FUZZ_COMMON_H
#define TIKU_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * The project's top directory (content/, lua/, templates/): $TIKU_TOP,
 * else the current directory. Exits when content/standard is not there.
 */
const char *fuzz_top(void);
/* $TIKU_FUZZ_VERBOSE is set: print each input's diagnostics. */
extern int fuzz_verbose;

/*
 * A new empty directory under $TMPDIR (else /tmp), removed at exit; the
 * first call also sets fuzz_verbose.
 */
const char *fuzz_scratch(void);
/* A path under dir: a new string, the caller frees it. */
char *fuzz_path(const char *dir, const char *name);
void fuzz_mkdir(const char *path);
/* Replace path with exactly these bytes; exits on failure. */
void fuzz_write(const char *path, const void *data, size_t size);
/* Copy every regular file of from/ into to/. */
void fuzz_copy_dir(const char *from, const char *to);

#endif
