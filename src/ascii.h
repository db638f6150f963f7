/* SPDX-License-Identifier: MIT */
/* ascii: the character classes and case folding of ASCII alone, the same in
 * every locale. What Ponte compares without regard to case (URL schemes, host
 * names, header names, option values, language codes) is ASCII by its
 * grammar; <ctype.h>'s tolower and isalnum follow the C library's locale,
 * and strcasecmp is POSIX's and locale-bound too. Bytes of 0x80 and above
 * are never letters or digits here. Header only: each is a line or two. */
#ifndef PONTE_ASCII_H
#define PONTE_ASCII_H

#include <stdbool.h>
#include <stddef.h>

static inline bool ascii_is_upper(int c)
{
    return c >= 'A' && c <= 'Z';
}

static inline bool ascii_is_lower(int c)
{
    return c >= 'a' && c <= 'z';
}

static inline bool ascii_is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static inline bool ascii_is_alnum(int c)
{
    return ascii_is_upper(c) || ascii_is_lower(c) || ascii_is_digit(c);
}

/* The six of C's isspace in the "C" locale: space, \t \n \v \f \r. */
static inline bool ascii_is_space(int c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* c in A-Z to a-z; every other value as it is. */
static inline int ascii_lower(int c)
{
    return ascii_is_upper(c) ? c + ('a' - 'A') : c;
}

/* c in a-z to A-Z; every other value as it is. */
static inline int ascii_upper(int c)
{
    return ascii_is_lower(c) ? c - ('a' - 'A') : c;
}

/* The value of the hex digit c (0-9, a-f, A-F), or -1. */
static inline int ascii_hex_value(int c)
{
    if (ascii_is_digit(c))
        return c - '0';
    c = ascii_lower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static inline bool ascii_is_xdigit(int c)
{
    return ascii_hex_value(c) >= 0;
}

/* strncasecmp for ASCII: compares at most n bytes, stopping after a NUL;
 * < 0, 0 or > 0 as a sorts before, with or after b once folded to lower
 * case (bytes compared as unsigned char). */
static inline int ascii_ncasecmp(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int d = ascii_lower((unsigned char)a[i]) - ascii_lower((unsigned char)b[i]);

        if (d != 0 || a[i] == '\0')
            return d;
    }
    return 0;
}

/* strcasecmp for ASCII. */
static inline int ascii_casecmp(const char *a, const char *b)
{
    return ascii_ncasecmp(a, b, (size_t)-1);
}

/* Whether s starts with prefix, case aside. */
static inline bool ascii_starts_with(const char *s, const char *prefix)
{
    size_t n = 0;

    while (prefix[n] != '\0')
        n++;
    return ascii_ncasecmp(s, prefix, n) == 0;
}

#endif
