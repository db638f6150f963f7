/* SPDX-License-Identifier: MIT */
/* mo: the .mo reader on catalogs built here byte by byte (both byte orders,
 * sorted or not, broken in each way mo_open must refuse) and on the real
 * po/pt_BR.po that meson compiled (its path in argv[1]). */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "mo.h"

struct entry {
    const char *key; /* may hold a NUL (a plural msgid): key_len says */
    size_t key_len;
    const char *text;
    size_t text_len;
};

static void put32(unsigned char *p, uint32_t v, bool big)
{
    for (int i = 0; i < 4; i++)
        p[big ? 3 - i : i] = (unsigned char)(v >> (8 * i));
}

/* A catalog as msgfmt lays it out: header, originals table, translations
 * table, then the strings. Returns its size. */
static size_t build(unsigned char *buf, size_t cap, const struct entry *e, uint32_t n, bool big)
{
    size_t strings = 28 + (size_t)n * 16, at = strings;
    memset(buf, 0, cap);
    put32(buf, 0x950412de, big);
    put32(buf + 4, 0, big);
    put32(buf + 8, n, big);
    put32(buf + 12, 28, big);
    put32(buf + 16, 28 + n * 8, big);
    for (uint32_t i = 0; i < n; i++) {
        put32(buf + 28 + i * 8, (uint32_t)e[i].key_len, big);
        put32(buf + 28 + i * 8 + 4, (uint32_t)at, big);
        memcpy(buf + at, e[i].key, e[i].key_len);
        at += e[i].key_len + 1;
        put32(buf + 28 + n * 8 + i * 8, (uint32_t)e[i].text_len, big);
        put32(buf + 28 + n * 8 + i * 8 + 4, (uint32_t)at, big);
        memcpy(buf + at, e[i].text, e[i].text_len);
        at += e[i].text_len + 1;
    }
    CHECK(at <= cap);
    return at;
}

#define E(k, t) {k, sizeof k - 1, t, sizeof t - 1}

static void test_built(void)
{
    static const struct entry sorted[] = {
        E("", "Content-Type: text/plain; charset=UTF-8\n"),
        E("Connected", "Conectado"),
        E("Sent", "Enviado"),
        E("empty", ""),
        E("filter\004Sent", "Enviadas"),
        E("one match\0%llu matches", "um resultado\0%llu resultados"),
    };
    static const struct entry unsorted[] = {
        E("zebra", "zebra-pt"),
        E("apple", "ma\xC3\xA7\xC3\xA3"),
    };
    static unsigned char buf[1024];
    struct mo_catalog mo;
    for (int big = 0; big < 2; big++) {
        size_t size = build(buf, sizeof buf, sorted, 6, big);
        CHECK(mo_open(&mo, buf, size));
        CHECK(mo.sorted && mo.swapped == (big != 0) && mo.count == 6);
        CHECK(!strcmp(mo_lookup(&mo, "Connected"), "Conectado"));
        CHECK(!strcmp(mo_lookup(&mo, "Sent"), "Enviado"));
        CHECK(!strcmp(mo_lookup(&mo, "filter\004Sent"), "Enviadas"));
        CHECK(!strcmp(mo_lookup(&mo, "one match"), "um resultado"));
        CHECK(mo_lookup(&mo, "empty") == NULL);
        CHECK(mo_lookup(&mo, "") == NULL && mo_lookup(&mo, NULL) == NULL);
        CHECK(mo_lookup(&mo, "Connecte") == NULL && mo_lookup(&mo, "Connectedd") == NULL);
        CHECK(mo_lookup(&mo, "A") == NULL && mo_lookup(&mo, "zzz") == NULL);

        /* Every truncation is refused, never read past. */
        for (size_t cut = 0; cut < size; cut++)
            CHECK_MSG(!mo_open(&mo, buf, cut), "accepted %zu of %zu bytes", cut, size);
        CHECK(mo_open(&mo, buf, size));

        size = build(buf, sizeof buf, unsorted, 2, big);
        CHECK(mo_open(&mo, buf, size) && !mo.sorted);
        CHECK(!strcmp(mo_lookup(&mo, "apple"), "ma\xC3\xA7\xC3\xA3"));
        CHECK(!strcmp(mo_lookup(&mo, "zebra"), "zebra-pt"));
        CHECK(mo_lookup(&mo, "mango") == NULL);
    }

    size_t size = build(buf, sizeof buf, sorted, 6, false);
    unsigned char bad[1024];
    /* Wrong magic; a major revision we do not know. */
    memcpy(bad, buf, size);
    bad[0] ^= 1;
    CHECK(!mo_open(&mo, bad, size));
    memcpy(bad, buf, size);
    put32(bad + 4, 2u << 16, false);
    CHECK(!mo_open(&mo, bad, size));
    /* Revision 1 (minor revisions too) keeps the layout. */
    memcpy(bad, buf, size);
    put32(bad + 4, 1u << 16 | 1, false);
    CHECK(mo_open(&mo, bad, size));
    /* A count whose tables run past the end, or wrap 32 bits. */
    memcpy(bad, buf, size);
    put32(bad + 8, 1000, false);
    CHECK(!mo_open(&mo, bad, size));
    memcpy(bad, buf, size);
    put32(bad + 8, 0x20000000, false);
    CHECK(!mo_open(&mo, bad, size));
    /* A string offset outside, a length through the end, a missing NUL. */
    memcpy(bad, buf, size);
    put32(bad + 28 + 4, (uint32_t)size, false);
    CHECK(!mo_open(&mo, bad, size));
    memcpy(bad, buf, size);
    put32(bad + 28 + 6 * 8 + 8, 0xFFFFFFFF, false);
    CHECK(!mo_open(&mo, bad, size));
    memcpy(bad, buf, size);
    bad[size - 1] = 'x';
    CHECK(!mo_open(&mo, bad, size));
    CHECK(!mo_open(&mo, NULL, 0) && mo_lookup(&mo, "Sent") == NULL);
    /* An empty catalog is a catalog. */
    size = build(buf, sizeof buf, NULL, 0, false);
    CHECK(mo_open(&mo, buf, size) && mo_lookup(&mo, "Sent") == NULL);
}

/* The catalog meson built from po/pt_BR.po. */
static void test_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    CHECK_MSG(f != NULL, "cannot open %s", path);
    if (!f)
        return;
    static unsigned char data[1 << 16];
    size_t size = fread(data, 1, sizeof data, f);
    fclose(f);
    struct mo_catalog mo;
    CHECK(size > 0 && size < sizeof data && mo_open(&mo, data, size));
    CHECK(mo.sorted && mo.count > 100);
    CHECK(!strcmp(mo_lookup(&mo, "Send message"), "Enviar mensagem"));
    CHECK(!strcmp(mo_lookup(&mo, "filter\004Sent"), "Enviadas"));
    CHECK(!strcmp(mo_lookup(&mo, "Sent"), "Enviado"));
}

int main(int argc, char **argv)
{
    test_built();
    if (argc > 1)
        test_file(argv[1]);
    return check_summary("mo");
}
