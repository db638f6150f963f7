/* SPDX-License-Identifier: MIT */
/* textedit: the pure editing model behind the multi-line message composer.
 *
 * Holds UTF-8 text that is always valid (it may hold '\n' and '\t'), a caret
 * and a selection anchor (both byte offsets on code point boundaries), and an
 * undo history of the changes. Knows nothing of SDL or drawing: the widget
 * maps keys and mouse onto these calls, lays out the lines and draws them. */
#ifndef PONTE_TEXTEDIT_H
#define PONTE_TEXTEDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Undo keeps at most this many steps and this many bytes of removed or
 * inserted text, letting the oldest go first. */
#define TEXTEDIT_MAX_STEPS 1000
#define TEXTEDIT_MAX_UNDO_BYTES (8u << 20)

struct textedit_step; /* private to textedit.c */

struct textedit {
    char *text;    /* NUL-terminated, valid UTF-8, never NULL after init */
    size_t len;    /* bytes, without the NUL */
    size_t cap;
    size_t caret;  /* byte offset, on a code point boundary */
    size_t anchor; /* other end of the selection; == caret when none */

    /* Undo: steps[0..step_done) can be undone, newest last;
     * steps[step_done..step_count) can be redone, next first. */
    struct textedit_step *steps;
    size_t step_count, step_done, step_cap;
    size_t undo_bytes;  /* held by the steps, at most TEXTEDIT_MAX_UNDO_BYTES */
    uint64_t last_id;   /* of the newest step made; ids only grow */
    uint64_t dropped;   /* done steps let go at the bottom: they stay applied */
    bool open;          /* the newest step may still grow (a typing, Backspace or Delete run) */
    uint64_t version;   /* bumped on every change of the text: layouts cache on it */
};

enum textedit_move {
    TEXTEDIT_LEFT,        /* one code point */
    TEXTEDIT_RIGHT,
    TEXTEDIT_WORD_LEFT,   /* to the start of the previous word */
    TEXTEDIT_WORD_RIGHT,  /* to the end of the next word */
    TEXTEDIT_LINE_START,  /* Home: the logical line, between '\n's */
    TEXTEDIT_LINE_END,    /* End */
    TEXTEDIT_DOC_START,   /* Ctrl+Home */
    TEXTEDIT_DOC_END,     /* Ctrl+End */
    /* The names the one-line box used; on one line they are the same moves. */
    TEXTEDIT_HOME = TEXTEDIT_LINE_START,
    TEXTEDIT_END = TEXTEDIT_LINE_END,
};

/* Measures the width of text[0..len) in whatever unit the caller lays out in. */
typedef int (*textedit_width_fn)(void *user, const char *text, size_t len);

/* Names one undo step, so a caller that made a change (the history walk)
 * can later ask whether it has been undone. id 0 names no step. */
struct textedit_mark {
    uint64_t id;
    uint64_t depth;
};

bool textedit_init(struct textedit *te);
void textedit_free(struct textedit *te);

/* Replaces the whole text as one undoable step (undo brings back the old
 * text, caret and selection); caret at the end, no selection. Cleaned like
 * an insertion. Returns false only when memory runs out (text unchanged). */
bool textedit_set(struct textedit *te, const char *text, size_t len);

/* Empties the text and forgets the undo and redo history: the fresh start
 * after a message is sent. */
void textedit_clear(struct textedit *te);

/* Inserts typed text at the caret, replacing the selection if there is one.
 * The input is cleaned: invalid UTF-8 becomes U+FFFD, CR LF and a lone CR
 * become LF, TAB and LF stay, other control characters (C0, DEL, C1) are
 * dropped. Consecutive typing joins one undo step until a word ends (a space
 * or newline typed after a non-space) or anything else happens in between.
 * Returns true when the text changed: false when the input cleans to
 * nothing or memory runs out (text unchanged). */
bool textedit_insert(struct textedit *te, const char *text, size_t len);

/* Like textedit_insert, but always an undo step of its own (Ctrl+V). */
bool textedit_paste(struct textedit *te, const char *text, size_t len);

/* Deletes the selection (an undo step of its own), else the code point
 * before (backspace) or after (delete) the caret; a run of Backspaces, or of
 * Deletes, is one undo step. Return true when the text changed. */
bool textedit_backspace(struct textedit *te);
bool textedit_delete(struct textedit *te);

/* Take back or redo one step, restoring the text and the caret and
 * selection as they were. True when something changed. A new change after
 * an undo forgets what could have been redone. */
bool textedit_undo(struct textedit *te);
bool textedit_redo(struct textedit *te);

/* Moves the caret; with extend the anchor stays (selection grows), without it
 * a selection collapses (LEFT/RIGHT collapse to its start/end, like editors
 * do). Word moves treat a '\n' as a stop of its own. */
void textedit_move(struct textedit *te, enum textedit_move move, bool extend);

void textedit_select_all(struct textedit *te);
/* Double click: selects the word under offset, or the run of spaces, or the
 * one punctuation character. At the end of a line it takes what is before. */
void textedit_select_word(struct textedit *te, size_t offset);
/* Triple click: selects the logical line under offset, without its '\n'. */
void textedit_select_line(struct textedit *te, size_t offset);

bool textedit_has_selection(const struct textedit *te);
/* Selection as [*start, *end) with start <= end (equal when none). */
void textedit_selection(const struct textedit *te, size_t *start, size_t *end);
/* Deletes the selection (Ctrl+X), an undo step of its own; true when there
 * was one. */
bool textedit_delete_selection(struct textedit *te);

/* The start of the logical line holding offset, and its end (the offset of
 * its '\n', or len). offset is rounded down to a code point boundary. */
size_t textedit_line_start(const struct textedit *te, size_t offset);
size_t textedit_line_end(const struct textedit *te, size_t offset);

/* The code point boundary in text[0..len) nearest to x, where x is measured
 * from text with width(). text must start on a boundary; pass a visual line
 * without its '\n'. Ties go after the character, as a click on a glyph's
 * right half does. O(log len) calls to width(). */
size_t textedit_offset_at_x(const char *text, size_t len, int x,
                            textedit_width_fn width, void *user);
/* The same over the whole text (a one-line box). */
size_t textedit_offset_at(const struct textedit *te, int x,
                          textedit_width_fn width, void *user);

/* Places the caret at offset (rounded down to a code point boundary and
 * clamped); with extend the anchor stays. */
void textedit_set_caret(struct textedit *te, size_t offset, bool extend);

/* The newest step that undo would take back ({0, 0} when there is none). */
struct textedit_mark textedit_mark(const struct textedit *te);
/* False once the step mark names has been undone (and not redone); true
 * while it stands, also after it is too old to undo. */
bool textedit_applied(const struct textedit *te, struct textedit_mark mark);

#endif
