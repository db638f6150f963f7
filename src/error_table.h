/* SPDX-License-Identifier: MIT */
/* error_table: the shared pieces of an error list written as an X-macro,
 * X(code, text), one row per error (url.h, proxy.h): the row macros that
 * make the enum and the table of English words, the lookup, and the step
 * from a code to a message buffer. Errors are data: a caller tests the
 * code, a person reads the words (or their translation, keyed by them). */
#ifndef PONTE_ERROR_TABLE_H
#define PONTE_ERROR_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* enum x_error { X_OK, X_ERRORS(ERROR_TABLE_ENUM) X_ERROR_COUNT }; */
#define ERROR_TABLE_ENUM(code, text) code,
/* static const char *const texts[X_ERROR_COUNT] = { X_ERRORS(ERROR_TABLE_TEXT) }; */
#define ERROR_TABLE_TEXT(code, text) [code] = text,

/* Defines `const char *function(type error)`, the words of each error: its
 * table is the initialisers that follow count (rows of ERROR_TABLE_TEXT);
 * "" for a code without words (the OK) or out of range. */
#define ERROR_TABLE_DEFINE(function, type, count, ...)                                             \
    const char *function(type error)                                                               \
    {                                                                                              \
        static const char *const texts[count] = {__VA_ARGS__};                                     \
        return (unsigned)error < (count) && texts[error] ? texts[error] : "";                     \
    }

/* For the functions that report with words: text (an error's, "" for none)
 * into err[errlen] when there is an error; true when there is none. */
static inline bool error_table_words(const char *text, char *err, size_t errlen)
{
    if (*text != '\0' && errlen > 0)
        snprintf(err, errlen, "%s", text);
    return *text == '\0';
}

#endif
