/* SPDX-License-Identifier: MIT */
/* test_saved: the saved-message list and its JSON file, in a fresh temporary
 * directory: put (add, replace, clean names), remove, a round trip through
 * the file, the forgiving shapes that import, every error naming where it
 * is, import's merge rules, and the data directory from the environment. */
#define _POSIX_C_SOURCE 200809L
#include "check.h"
#include "platform.h"
#include "saved.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[256];

static bool is(const struct saved *s, size_t i, const char *name, const char *text, enum saved_mode mode)
{
    return i < s->count && strcmp(s->items[i].name, name) == 0 && s->items[i].len == strlen(text) &&
           memcmp(s->items[i].text, text, strlen(text)) == 0 && s->items[i].mode == mode;
}

static bool parse(struct saved *s, const char *json, char *err, size_t errlen)
{
    return saved_parse(s, json, strlen(json), err, errlen);
}

static void test_put(void)
{
    struct saved s = {0};
    CHECK(saved_put(&s, "Order", "{\"id\": 1}", 9, SAVED_TEXT));
    CHECK(saved_put(&s, "Ping", "ping", 4, SAVED_TEXT));
    CHECK(saved_put(&s, "Bytes", "00 ff", 5, SAVED_HEX));
    CHECK(s.count == 3 && is(&s, 0, "Order", "{\"id\": 1}", SAVED_TEXT) && is(&s, 2, "Bytes", "00 ff", SAVED_HEX));
    /* The same name again replaces the text, in its place. */
    CHECK(saved_put(&s, "Order", "{\"id\": 2}", 9, SAVED_BASE64));
    CHECK(s.count == 3 && is(&s, 0, "Order", "{\"id\": 2}", SAVED_BASE64));
    CHECK(saved_find(&s, "Ping") == 1 && saved_find(&s, "ping") == -1);
    /* Names are cleaned: spaces around and in runs, control characters. */
    CHECK(saved_put(&s, "  two\twords \n ", "x", 1, SAVED_TEXT));
    CHECK(is(&s, 3, "two words", "x", SAVED_TEXT));
    /* No name: the first line that is not blank, cut at 40 characters. */
    CHECK(saved_put(&s, "", "\n   \nhello there\nsecond line", 27, SAVED_TEXT));
    CHECK(s.count == 5 && strcmp(s.items[4].name, "hello there") == 0);
    const char *long_text = "ação ação ação ação ação ação ação ação ação ação";
    CHECK(saved_put(&s, " ", long_text, strlen(long_text), SAVED_TEXT));
    CHECK(strcmp(s.items[5].name, "ação ação ação ação ação ação ação ação\xE2\x80\xA6") == 0);
    saved_remove(&s, 1);
    CHECK(s.count == 5 && saved_find(&s, "Ping") == -1 && is(&s, 1, "Bytes", "00 ff", SAVED_HEX));
    saved_remove(&s, 99); /* out of range: nothing */
    CHECK(s.count == 5);
    /* A name too long is cut on a code point, never inside one. */
    char name[400] = "";
    for (int i = 0; i < 100; i++)
        strcat(name, "ç");
    CHECK(saved_put(&s, name, "y", 1, SAVED_TEXT));
    size_t n = strlen(s.items[5].name);
    CHECK(n <= SAVED_NAME_MAX && n % 2 == 0 && n >= SAVED_NAME_MAX - 1);
    /* Invalid UTF-8 in a name becomes U+FFFD. */
    CHECK(saved_put(&s, "bad\xFFname", "z", 1, SAVED_TEXT));
    CHECK(strcmp(s.items[6].name, "bad\xEF\xBF\xBDname") == 0);
    /* Too long a text is refused, the list unchanged. */
    CHECK(!saved_put(&s, "big", "", SAVED_TEXT_MAX + 1, SAVED_TEXT));
    CHECK(s.count == 7);
    saved_free(&s);
    CHECK(s.count == 0 && s.items == NULL);
}

static void test_cap(void)
{
    struct saved s = {0};
    char name[32];
    bool ok = true;
    for (int i = 0; i < SAVED_MAX; i++) {
        snprintf(name, sizeof name, "m%d", i);
        ok = ok && saved_put(&s, name, "t", 1, SAVED_TEXT);
    }
    CHECK(ok && s.count == SAVED_MAX);
    CHECK(!saved_put(&s, "one more", "t", 1, SAVED_TEXT));
    CHECK(saved_put(&s, "m5", "replaced", 8, SAVED_TEXT)); /* a replacement still goes */
    CHECK(s.count == SAVED_MAX && is(&s, 5, "m5", "replaced", SAVED_TEXT));
    saved_free(&s);
}

/* Text in all is bounded, so that whatever Ponte writes it reads back. */
static void test_budget(void)
{
    struct saved s = {0};
    size_t big = SAVED_TEXT_MAX;
    char *text = malloc(big);
    CHECK(text != NULL);
    if (!text)
        return;
    memset(text, 'a', big);
    char name[16];
    bool ok = true;
    for (unsigned i = 0; i < SAVED_TOTAL_MAX / SAVED_TEXT_MAX; i++) {
        snprintf(name, sizeof name, "big %u", i);
        ok = ok && saved_put(&s, name, text, big, SAVED_TEXT);
    }
    CHECK(ok && s.bytes == SAVED_TOTAL_MAX);
    CHECK(!saved_fits(&s, "one more", "x", 1) && !saved_put(&s, "one more", "x", 1, SAVED_TEXT));
    /* A smaller text under a name already there fits, and frees the rest. */
    CHECK(saved_fits(&s, "big 0", "x", 1) && saved_put(&s, "big 0", "x", 1, SAVED_TEXT));
    CHECK(s.bytes == SAVED_TOTAL_MAX - big + 1 && saved_put(&s, "one more", "x", 1, SAVED_TEXT));
    saved_remove(&s, 1);
    CHECK(s.bytes == SAVED_TOTAL_MAX - 2 * big + 2);
    /* Written at the most and read back. */
    char path[512], err[512];
    snprintf(path, sizeof path, "%s/budget.json", dir);
    CHECK(saved_store(&s, path, err, sizeof err));
    struct saved back = {0};
    CHECK(saved_load(&back, path, err, sizeof err) && back.count == s.count && back.bytes == s.bytes);
    /* A file with more than that in all is refused, and says so. */
    struct saved more = {0};
    size_t k;
    for (k = 0; k <= SAVED_TOTAL_MAX / SAVED_TEXT_MAX; k++) {
        snprintf(name, sizeof name, "m%zu", k);
        more.bytes = 0; /* (a list over the budget, as another tool could write) */
        saved_put(&more, name, text, big, SAVED_TEXT);
    }
    char *doc;
    size_t len;
    CHECK(more.count == k && saved_format(&more, &doc, &len));
    CHECK(!saved_parse(&back, doc, len, err, sizeof err) && strstr(err, "MiB of text in all") != NULL);
    free(doc);
    more.bytes = 0;
    saved_free(&more);
    saved_free(&back);
    saved_free(&s);
    free(text);
}

static void test_round_trip(void)
{
    struct saved s = {0}, back = {0};
    /* Everything that needs escaping, and characters that do not. */
    const char text[] = "quote \" backslash \\ tab \t newline \n nul \0 bell \x07 ação 😀 end";
    CHECK(saved_put(&s, "Tricky \"one\"", text, sizeof text - 1, SAVED_TEXT));
    CHECK(saved_put(&s, "Hex", "de ad be ef", 11, SAVED_HEX));
    CHECK(saved_put(&s, "B64", "aGk=", 4, SAVED_BASE64));
    char *doc;
    size_t len;
    CHECK(saved_format(&s, &doc, &len));
    CHECK(strlen(doc) == len);
    CHECK(strstr(doc, "\"version\": 1") != NULL);
    CHECK(strstr(doc, "\\u0000") != NULL && strstr(doc, "\\\"one\\\"") != NULL);
    char err[256];
    CHECK(saved_parse(&back, doc, len, err, sizeof err));
    CHECK(back.count == 3 && back.items[0].len == sizeof text - 1 &&
          memcmp(back.items[0].text, text, sizeof text - 1) == 0);
    CHECK(strcmp(back.items[0].name, "Tricky \"one\"") == 0 && back.items[0].mode == SAVED_TEXT);
    CHECK(is(&back, 1, "Hex", "de ad be ef", SAVED_HEX) && is(&back, 2, "B64", "aGk=", SAVED_BASE64));
    free(doc);
    /* An empty list is a document too. */
    struct saved empty = {0};
    CHECK(saved_format(&empty, &doc, &len));
    CHECK(saved_parse(&back, doc, len, err, sizeof err) && back.count == 0);
    free(doc);
    saved_free(&s);
    saved_free(&back);
}

static void test_shapes(void)
{
    struct saved s = {0};
    char err[256];
    /* A bare array; bare strings; a missing mode and name; unknown keys
     * (also nested) skipped; \u escapes, a pair among them; a BOM. */
    CHECK(parse(&s,
                "\xEF\xBB\xBF[\"just text\", {\"text\": \"\\u00e7\\ud83d\\ude00\", \"extra\": [1, {\"a\": null}], "
                "\"n\": -1.5e3}, {\"name\": \"N\", \"text\": \"t\", \"mode\": \"hex\", \"more\": true}]",
                err, sizeof err));
    CHECK(s.count == 3 && is(&s, 0, "just text", "just text", SAVED_TEXT));
    CHECK(is(&s, 1, "ç😀", "ç😀", SAVED_TEXT) && is(&s, 2, "N", "t", SAVED_HEX));
    /* A lone surrogate escape becomes U+FFFD. */
    CHECK(parse(&s, "[{\"name\": \"x\", \"text\": \"a\\ud800b\\udc00\"}]", err, sizeof err));
    CHECK(is(&s, 0, "x", "a\xEF\xBF\xBD" "b\xEF\xBF\xBD", SAVED_TEXT));
    /* The object form with other members around. */
    CHECK(parse(&s, "{\"app\": \"another tool\", \"messages\": [], \"version\": 3}", err, sizeof err));
    CHECK(s.count == 0);
    /* Two messages called alike in one file: the later text wins, once. */
    CHECK(parse(&s, "[{\"name\": \"a\", \"text\": \"1\"}, {\"name\": \"a\", \"text\": \"2\"}]", err, sizeof err));
    CHECK(s.count == 1 && is(&s, 0, "a", "2", SAVED_TEXT));
    saved_free(&s);
}

/* The error for json starts with where, and holds what. */
static void bad(const char *json, const char *where, const char *what)
{
    struct saved s = {0};
    char err[256] = "";
    bool ok = parse(&s, json, err, sizeof err);
    CHECK(!ok);
    CHECK(s.count == 0 && s.items == NULL);
    bool good = strncmp(err, where, strlen(where)) == 0 && strstr(err, what) != NULL;
    CHECK(good);
    if (!good)
        fprintf(stderr, "# for %s: got \"%s\", wanted \"%s...%s\"\n", json, err, where, what);
    saved_free(&s);
}

static void test_errors(void)
{
    bad("", "line 1, column 1", "empty");
    bad("   \n  ", "line 2, column 3", "empty");
    bad("hello", "line 1, column 1", "starts with");
    bad("{\"version\": 1}", "line 1, column 1", "no \"messages\"");
    bad("{\"messages\": {}}", "line 1, column 14", "must be a list");
    bad("[{\"name\": \"a\"}]", "line 1, column 2", "without \"text\"");
    bad("[{\"text\": 5}]", "line 1, column 11", "\"text\" must be a string");
    bad("[{\"text\": \"a\", \"mode\": \"octal\"}]", "line 1, column 24", "\"octal\" is none of");
    bad("[\n  {\"text\": \"a\"},\n  {\"text\": \"b\" \"name\": \"c\"}\n]", "line 3, column 16", "'}' expected");
    bad("[{\"text\": \"a\"}] x", "line 1, column 17", "more after");
    bad("[{\"text\": \"a\"} {\"text\": \"b\"}]", "line 1, column 16", "',' or ']' expected");
    bad("[{\"text\": \"abc", "line 1, column 15", "ends inside a string");
    bad("[{\"text\": \"a\\qb\"}]", "line 1, column 13", "unknown escape \\q");
    bad("[{\"text\": \"a\\u12G4\"}]", "line 1, column", "four hex digits");
    bad("[{\"text\": \"a\tb\"}]", "line 1, column 13", "control character");
    bad("[{\"text\": \"a\xC3(\"}]", "line 1, column 12", "not valid UTF-8");
    bad("[{\"text\": \"a\", \"x\": 01}]", "line 1, column 21", "a value expected");
    bad("[{\"text\": \"a\", \"x\": tru}]", "line 1, column 21", "a value expected");
    bad("[1]", "line 1, column 2", "a message");
    bad("[{\"text\": \"a\",}]", "line 1, column 15", "member name");
    bad("[{\"text\": \"a\"}", "line 1, column 15", "ends where ']'");
    /* Nesting deep enough to exhaust a naive reader's stack. */
    char deep[4000] = "[{\"text\": \"a\", \"x\": ";
    for (int i = 0; i < 1000; i++)
        strcat(deep, "[");
    bad(deep, "line 1, column", "nested deeper");
    /* More messages than a list holds. */
    size_t cap = 20 + (size_t)(SAVED_MAX + 1) * 16;
    char *many = malloc(cap);
    CHECK(many != NULL);
    if (many) {
        strcpy(many, "[");
        for (int i = 0; i <= SAVED_MAX; i++)
            sprintf(many + strlen(many), "%s{\"text\":\"%d\"}", i ? "," : "", i);
        strcat(many, "]");
        bad(many, "line 1, column", "more than 1000 messages");
        free(many);
    }
}

static void test_import(void)
{
    struct saved into = {0}, from = {0};
    CHECK(saved_put(&into, "A", "one", 3, SAVED_TEXT));
    CHECK(saved_put(&into, "B", "two", 3, SAVED_TEXT));
    CHECK(saved_put(&into, "B (2)", "other", 5, SAVED_TEXT));
    CHECK(saved_put(&from, "A", "one", 3, SAVED_TEXT));    /* already there: skipped */
    CHECK(saved_put(&from, "B", "changed", 7, SAVED_TEXT)); /* name taken twice: B (3) */
    CHECK(saved_put(&from, "C", "new", 3, SAVED_TEXT));    /* new */
    CHECK(saved_put(&from, "D", "one", 3, SAVED_HEX));     /* new (another mode) */
    size_t added, skipped;
    CHECK(saved_import(&into, &from, &added, &skipped));
    CHECK(added == 3 && skipped == 1 && into.count == 6);
    CHECK(is(&into, 3, "B (3)", "changed", SAVED_TEXT) && is(&into, 4, "C", "new", SAVED_TEXT) &&
          is(&into, 5, "D", "one", SAVED_HEX));
    /* Importing the same again adds nothing. */
    CHECK(saved_import(&into, &from, &added, &skipped));
    CHECK(added == 0 && skipped == 4 && into.count == 6);
    saved_free(&into);
    saved_free(&from);
}

static void test_file(void)
{
    char path[512], err[512];
    snprintf(path, sizeof path, "%s/saved.json", dir);
    struct saved s = {0};
    /* No file yet: an empty list, no error. */
    CHECK(saved_load(&s, path, err, sizeof err) && s.count == 0);
    CHECK(saved_put(&s, "Hello", "olá", 4, SAVED_TEXT));
    CHECK(saved_put(&s, "Hex", "00", 2, SAVED_HEX));
    CHECK(saved_store(&s, path, err, sizeof err));
    char tmp[600];
    snprintf(tmp, sizeof tmp, "%s.new", path);
    CHECK(access(tmp, F_OK) != 0); /* the temporary file is gone */
    struct saved back = {0};
    CHECK(saved_load(&back, path, err, sizeof err));
    CHECK(back.count == 2 && is(&back, 0, "Hello", "olá", SAVED_TEXT) && is(&back, 1, "Hex", "00", SAVED_HEX));
    /* A broken file: the error names the file and where. */
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        fputs("{\"messages\": [\n{\"text\": }]}", f);
        fclose(f);
    }
    CHECK(!saved_load(&back, path, err, sizeof err) && back.count == 0);
    CHECK(strstr(err, path) == err && strstr(err, "line 2, column 10") != NULL);
    /* Unreadable: a directory in its place. */
    char sub[600];
    snprintf(sub, sizeof sub, "%s/adir", dir);
    CHECK(platform_make_dirs(sub));
    CHECK(!saved_load(&back, sub, err, sizeof err) && err[0]);
    /* Cannot write: into a directory that does not exist. */
    snprintf(sub, sizeof sub, "%s/missing/saved.json", dir);
    CHECK(!saved_store(&s, sub, err, sizeof err) && strstr(err, "cannot write") != NULL);
    saved_free(&s);
    saved_free(&back);
}

int main(void)
{
    snprintf(dir, sizeof dir, "%s/ponte-saved-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_put();
    test_cap();
    test_budget();
    test_round_trip();
    test_shapes();
    test_errors();
    test_import();
    test_file();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "# could not remove %s\n", dir);
    return check_summary("saved");
}
