/*
 * confine: content, templates and Lua modules stay inside their
 * directories and within bounds. A
 * symbolic link in the content tree may point elsewhere in the tree, never
 * out of it, so a shared content repository cannot make tiku read (and
 * publish) files such as a user's keys; names hold no control characters;
 * no file is larger than CONTENT_FILE_MAX, which keeps memory bounded.
 */
#ifndef TIKU_CONFINE_H
#define TIKU_CONFINE_H

struct diag;

/* The largest content file tiku reads: the whole default standard is
 * 0.2 MB, its largest item file 0.1 MB. */
#define CONTENT_FILE_MAX (16L << 20)

/*
 * Report, as errors in d, every link under dir that leads out of it, every
 * name with a control character, every file that is not a regular one (a
 * FIFO, a device, a socket) and every file over the limit. what names the
 * directory in messages ("content", "templates", "Lua"). Returns 0 when
 * there is none, else -1.
 */
int content_confined(const char *dir, const char *what, struct diag *d);

#endif
