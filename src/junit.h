/* SPDX-License-Identifier: MIT */
/* junit: a JUnit XML report (one testsuite of test cases, each passed or
 * with a failure), the shape CI systems (Jenkins, GitLab, GitHub's test
 * reporters) read. Pure: it writes text into a buffer. Every string is
 * escaped for XML 1.0: & < > " ' as entities, invalid UTF-8 and the
 * characters XML cannot carry (controls other than tab, line feed and
 * carriage return; U+FFFE, U+FFFF) as U+FFFD, so any message makes a
 * well-formed report. */
#ifndef PONTE_JUNIT_H
#define PONTE_JUNIT_H

#include <stdbool.h>
#include <stddef.h>

struct json_buffer;

struct junit_case {
    const char *name;
    const char *classname; /* NULL: the suite's name */
    double seconds;        /* < 0: no time attribute */
    const char *failure;   /* NULL: passed; else the failure's message (one line) */
    const char *details;   /* the failure's text (may be NULL) */
};

/* The whole document: <?xml ...?><testsuites><testsuite name tests
 * failures time>...</testsuite></testsuites>. False when memory runs out. */
bool junit_write(struct json_buffer *out, const char *suite, double seconds, const struct junit_case *cases,
                 size_t count);

/* Appends s[0..len) escaped (see above). False when memory runs out. */
bool junit_escape_append(struct json_buffer *out, const char *s, size_t len);

#endif
