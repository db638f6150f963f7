/* SPDX-License-Identifier: MIT */
/* pmd: see pmd.h. The answer's grammar is RFC 7692 section 7 over RFC
 * 6455's extension list: name *( ";" param [ "=" value ] ), values plain or
 * quoted, spaces and tabs around each part. */
#include "pmd.h"

#include <stdio.h>
#include <string.h>

#include "ascii.h"

bool pmd_available(unsigned long version, char *why, size_t n)
{
    if (version >= PMD_FIRST_GOOD_LWS)
        return true;
    if (why)
        snprintf(why, n,
                 "compression (permessage-deflate) is not offered: libwebsockets %lu.%lu.%lu loops on an "
                 "uncompressed frame or a pong once it is agreed (fixed in %lu.%lu.%lu)",
                 version / 1000000, version / 1000 % 1000, version % 1000, PMD_FIRST_GOOD_LWS / 1000000,
                 PMD_FIRST_GOOD_LWS / 1000 % 1000, PMD_FIRST_GOOD_LWS % 1000);
    return false;
}

#define WHY(...) (snprintf(why, n, __VA_ARGS__), false)

static const char *skip_space(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    return p;
}

/* The part [start, end) without the spaces around it. */
static void trim(const char **start, const char **end)
{
    *start = skip_space(*start, *end);
    while (*end > *start && ((*end)[-1] == ' ' || (*end)[-1] == '\t'))
        (*end)--;
}

static bool is(const char *s, const char *e, const char *word)
{
    size_t len = strlen(word);
    return (size_t)(e - s) == len && ascii_ncasecmp(s, word, len) == 0;
}

/* A window size: 8 to 15, plain or quoted. */
static bool window_bits(const char *v, const char *e, unsigned char *out)
{
    if (e - v >= 2 && *v == '"' && e[-1] == '"')
        v++, e--;
    if (e - v < 1 || e - v > 2)
        return false;
    unsigned bits = 0;
    for (const char *p = v; p < e; p++) {
        if (!ascii_is_digit((unsigned char)*p))
            return false;
        bits = bits * 10 + (unsigned)(*p - '0');
    }
    if (bits < 8 || bits > 15)
        return false;
    *out = (unsigned char)bits;
    return true;
}

/* One "name[=value]" parameter of the answer. */
static bool parameter(const char *s, const char *e, struct pmd_agreed *a, unsigned *seen, char *why, size_t n)
{
    const char *eq = memchr(s, '=', (size_t)(e - s));
    const char *name_end = eq ? eq : e, *v = eq ? eq + 1 : e, *v_end = e;
    trim(&s, &name_end);
    trim(&v, &v_end);
    static const char *const names[] = {"server_no_context_takeover", "client_no_context_takeover",
                                        "server_max_window_bits", "client_max_window_bits"};
    unsigned which = 0;
    while (which < 4 && !is(s, name_end, names[which]))
        which++;
    if (which == 4)
        return WHY("the server's compression answer has an unknown parameter '%.*s'", (int)(name_end - s), s);
    if (*seen & 1u << which)
        return WHY("the server's compression answer names %s twice", names[which]);
    *seen |= 1u << which;
    if (which < 2) {
        if (eq)
            return WHY("the server's compression answer gives %s a value", names[which]);
        if (which == 0)
            a->server_no_takeover = true;
        else
            a->client_no_takeover = true;
        return true;
    }
    /* A window size: RFC 7692 7.1.2 wants a value in an answer. */
    unsigned char *bits = which == 2 ? &a->server_window_bits : &a->client_window_bits;
    if (!eq || !window_bits(v, v_end, bits))
        return WHY("the server's compression answer has %s not from 8 to 15 ('%.*s')", names[which],
                   (int)(v_end - v), eq ? v : "");
    return true;
}

bool pmd_parse_answer(const char *answer, struct pmd_agreed *out, char *why, size_t n)
{
    struct pmd_agreed a = {0};
    *out = a;
    const char *p = answer ? answer : "", *end = p + strlen(p);
    p = skip_space(p, end);
    if (p == end)
        return true; /* nothing agreed */
    if (memchr(p, ',', (size_t)(end - p)))
        return WHY("the server's answer agrees to more than one extension (%s)", answer);
    const char *semi = memchr(p, ';', (size_t)(end - p));
    const char *name = p, *name_end = semi ? semi : end;
    trim(&name, &name_end);
    if (!is(name, name_end, "permessage-deflate"))
        return WHY("the server agreed to an extension Ponte did not offer (%.*s)", (int)(name_end - name), name);
    a.on = true;
    a.client_window_bits = a.server_window_bits = 15; /* RFC 7692: the largest, unless said */
    unsigned seen = 0;
    while (semi) {
        const char *s = semi + 1;
        semi = memchr(s, ';', (size_t)(end - s));
        if (!parameter(s, semi ? semi : end, &a, &seen, why, n))
            return false;
    }
    *out = a;
    return true;
}
