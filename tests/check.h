/* SPDX-License-Identifier: MIT */
/* check.h: the test harness. CHECK() is always compiled in (NDEBUG does not
 * remove it), counts, and on failure prints the file, line and expression.
 * A test's main() ends with `return check_summary("name");`, which prints
 * "name: N passed, N failed" and returns 1 if anything failed. */
#ifndef PONTE_CHECK_H
#define PONTE_CHECK_H

#include <stdio.h>

static int check_passed_count;
static int check_failed_count;

#define CHECK(expr)                                                          \
    do {                                                                     \
        if (expr) {                                                          \
            check_passed_count++;                                            \
        } else {                                                             \
            check_failed_count++;                                            \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, \
                    #expr);                                                  \
        }                                                                    \
    } while (0)

/* CHECK with a printf-style explanation printed on failure. */
#define CHECK_MSG(expr, ...)                                                 \
    do {                                                                     \
        if (expr) {                                                          \
            check_passed_count++;                                            \
        } else {                                                             \
            check_failed_count++;                                            \
            fprintf(stderr, "%s:%d: CHECK failed: %s: ", __FILE__, __LINE__, \
                    #expr);                                                  \
            fprintf(stderr, __VA_ARGS__);                                    \
            fputc('\n', stderr);                                             \
        }                                                                    \
    } while (0)

static inline int check_summary(const char *name)
{
    printf("%s: %d passed, %d failed\n", name, check_passed_count,
           check_failed_count);
    fflush(stdout);
    return check_failed_count > 0 || check_passed_count == 0;
}

#endif
