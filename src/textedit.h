/* textedit: the pure editing model behind a one-line text box.
 *
 * Holds UTF-8 text that is always valid, a caret and a selection anchor (both
 * byte offsets on code point boundaries). Knows nothing of SDL or drawing:
 * the widget maps keys and mouse onto these calls and draws the result. */
#ifndef PONTE_TEXTEDIT_H
#define PONTE_TEXTEDIT_H

#include <stdbool.h>
#include <stddef.h>

struct textedit {
    char *text;    /* NUL-terminated, valid UTF-8, never NULL after init */
    size_t len;    /* bytes, without the NUL */
    size_t cap;
    size_t caret;  /* byte offset, on a code point boundary */
    size_t anchor; /* other end of the selection; == caret when none */
};

enum textedit_move {
    TEXTEDIT_LEFT,       /* one code point */
    TEXTEDIT_RIGHT,
    TEXTEDIT_WORD_LEFT,  /* to the start of the previous word */
    TEXTEDIT_WORD_RIGHT, /* to the end of the next word */
    TEXTEDIT_HOME,
    TEXTEDIT_END,
};

/* Measures the width of text[0..len) in whatever unit the caller lays out in. */
typedef int (*textedit_width_fn)(void *user, const char *text, size_t len);

bool textedit_init(struct textedit *te);
void textedit_free(struct textedit *te);

/* Replaces the whole text; caret at the end, no selection. */
bool textedit_set(struct textedit *te, const char *text, size_t len);
void textedit_clear(struct textedit *te);

/* Inserts at the caret, replacing the selection if there is one. The input
 * is cleaned for a single line: invalid UTF-8 becomes U+FFFD, CR LF / LF / CR
 * / TAB become one space each, other control characters (C0, DEL, C1) are
 * dropped. Returns false only when memory runs out (text unchanged). */
bool textedit_insert(struct textedit *te, const char *text, size_t len);

/* Deletes the selection, else the code point before (backspace) or after
 * (delete) the caret. Return true when the text changed. */
bool textedit_backspace(struct textedit *te);
bool textedit_delete(struct textedit *te);

/* Moves the caret; with extend the anchor stays (selection grows), without it
 * a selection collapses (LEFT/RIGHT collapse to its start/end, like editors do). */
void textedit_move(struct textedit *te, enum textedit_move move, bool extend);

void textedit_select_all(struct textedit *te);
bool textedit_has_selection(const struct textedit *te);
/* Selection as [*start, *end) with start <= end (equal when none). */
void textedit_selection(const struct textedit *te, size_t *start, size_t *end);
/* Deletes the selection; true when there was one. */
bool textedit_delete_selection(struct textedit *te);

/* The code point boundary nearest to x, where x is measured from the start of
 * the text with width(). Used to place the caret on a click. */
size_t textedit_offset_at(const struct textedit *te, int x,
                          textedit_width_fn width, void *user);

/* Places the caret at offset (rounded down to a code point boundary and
 * clamped); with extend the anchor stays. */
void textedit_set_caret(struct textedit *te, size_t offset, bool extend);

#endif
