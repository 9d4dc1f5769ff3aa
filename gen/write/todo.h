/*
 * todo: item stubs for a writer. For every knowledge point with fewer
 * theory items than the minimum, a Markdown file of blank items (headers
 * filled, stem, options, key and explanation to write) in CONTENT/todo/,
 * which replaces the previous todo/ whole. A stub cannot pass lint until
 * filled: its key is empty.
 */
#ifndef TIKU_TODO_H
#define TIKU_TODO_H

struct bank;
struct standard;

/* Write the stubs under dir/todo; returns the number of stub files, or
 * -1 after a failed write (printed). */
int todo_write(const struct standard *s, const struct bank *b,
    const char *dir);

#endif
