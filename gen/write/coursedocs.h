/*
 * coursedocs: the documents of tiku course, rendered from a planned
 * struct course (plan/course.h): course-LN.json (the contract) and
 * course-LN.ics (the schedule as RFC 5545 events).
 */
#ifndef TIKU_COURSEDOCS_H
#define TIKU_COURSEDOCS_H

#include "plan/course.h"

enum { COURSE_ICS = 512 };      /* beside write/site.h's FORMAT_* bits */

/* The schedule as an iCalendar file: one VEVENT per session, UIDs and
 * DTSTAMP from the content, CRLF lines folded at 75 octets. Returns a new
 * string; the caller frees it. */
char *coursedocs_ics(const struct standard *s, const struct course *c);

/*
 * Write the formats (FORMAT_JSON, COURSE_ICS) of c into the directory
 * out, together: into a staging directory first, moved in only when
 * every file was written. Returns 0, or 2 with the message printed.
 */
int coursedocs_write(const struct standard *s, const struct course *c,
    unsigned formats, const char *out);

#endif
