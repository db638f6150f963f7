/* SPDX-License-Identifier: MIT */
/* textedit.c: see textedit.h.
 *
 * The text is kept valid UTF-8 at all times (everything coming in passes
 * through textedit_clean), so stepping and rounding to a boundary can rely on
 * the plain lead/continuation byte structure.
 *
 * Undo keeps each change as a diff: where it starts, how many bytes it took
 * out and put in, and the caret and selection on both sides. A step holds
 * only the bytes its next move needs: while done, the removed bytes (undo
 * puts them back); while undone, the inserted bytes (redo puts them back).
 * The other side is in the text at that moment and is copied out when the
 * step flips. So typing and pasting cost the undo history nothing until they
 * are undone, and a huge paste can be undone without a copy being kept. */
#include "textedit.h"

#include "grow.h"
#include "utf8.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#define TEXTEDIT_MIN_CAP 16
#define TEXTEDIT_MIN_STEPS 16

enum textedit_kind {
    TEXTEDIT_TYPE,      /* typed text: runs join */
    TEXTEDIT_BACKSPACE, /* runs join */
    TEXTEDIT_DELETE,    /* runs join */
    TEXTEDIT_ALONE,     /* paste, cut, set, a selection deleted: never joins */
};

struct textedit_step {
    size_t at;       /* where the change starts */
    size_t removed;  /* bytes it took out of the text */
    size_t inserted; /* bytes it put in their place */
    /* Done: the removed bytes; undone: the inserted bytes (see the top).
     * A Backspace run keeps its removed bytes back to front, so each
     * Backspace appends instead of moving all the bytes before it. */
    char *bytes;
    size_t cap;
    bool reversed;
    enum textedit_kind kind;
    uint64_t id;
    size_t caret_before, anchor_before;
    size_t caret_after, anchor_after;
};

static bool textedit_is_continuation(char c)
{
    return ((unsigned char)c & 0xC0) == 0x80;
}

/* need counts the terminating NUL. Doubling keeps typing one character at a
 * time linear overall. */
static bool textedit_reserve(struct textedit *te, size_t need)
{
    return grow(&te->text, &te->cap, need, 1, TEXTEDIT_MIN_CAP);
}

/* Writes the cleaned form of s[0..len) to out when out is not NULL, and
 * returns its length either way, so a caller can measure, reserve, and only
 * then change anything. */
static size_t textedit_clean(const char *s, size_t len, char *out)
{
    size_t n = 0;
    size_t i = 0;

    while (i < len) {
        uint32_t cp;
        size_t step = utf8_decode(s + i, len - i, &cp);
        char unit[4];
        size_t k;

        if (cp == '\r') {
            /* A Windows or old Mac line end is one break. */
            if (i + 1 < len && s[i + 1] == '\n')
                step = 2;
            cp = '\n';
        } else if (cp != '\n' && cp != '\t' &&
                   (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))) {
            i += step;
            continue;
        }
        /* Re-encoding writes valid input back unchanged and turns an invalid
         * subpart into U+FFFD. */
        k = utf8_encode(cp, unit);
        if (out != NULL)
            memcpy(out + n, unit, k);
        n += k;
        i += step;
    }
    return n;
}

/* Text is valid, so backing over continuation bytes lands on a lead byte. */
static size_t textedit_floor(const char *text, size_t len, size_t offset)
{
    if (offset > len)
        offset = len;
    while (offset > 0 && offset < len && textedit_is_continuation(text[offset]))
        offset--;
    return offset;
}

static size_t textedit_prev(const struct textedit *te, size_t offset)
{
    return offset > 0 ? utf8_prev(te->text, te->len, offset) : 0;
}

static size_t textedit_next(const struct textedit *te, size_t offset)
{
    return offset < te->len ? utf8_next(te->text, te->len, offset) : te->len;
}

static uint32_t textedit_code_point_at(const struct textedit *te, size_t offset)
{
    uint32_t cp;

    utf8_decode(te->text + offset, te->len - offset, &cp);
    return cp;
}

static uint32_t textedit_code_point_before(const struct textedit *te, size_t offset)
{
    return textedit_code_point_at(te, textedit_prev(te, offset));
}

/* ---- character classes --------------------------------------------------- */

enum textedit_class {
    TEXTEDIT_WORD,
    TEXTEDIT_SPACE,
    TEXTEDIT_NEWLINE,
    TEXTEDIT_PUNCTUATION,
};

/* Spaces, and the non-ASCII punctuation common enough in chat to be worth
 * splitting words at. Everything else outside ASCII counts as a letter, so
 * accented words, CJK runs and emoji stay whole without Unicode tables. */
static enum textedit_class textedit_class_of(uint32_t cp)
{
    if (cp == '\n')
        return TEXTEDIT_NEWLINE;
    if (cp == ' ' || cp == '\t')
        return TEXTEDIT_SPACE;
    if (cp < 0x80) {
        if (cp == '_' || (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
            (cp >= 'A' && cp <= 'Z'))
            return TEXTEDIT_WORD;
        return TEXTEDIT_PUNCTUATION;
    }
    if (cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) ||
        cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
        cp == 0x3000 || cp == 0xFEFF)
        return TEXTEDIT_SPACE;
    if (cp == 0xA1 || cp == 0xA7 || cp == 0xAB || cp == 0xB6 || cp == 0xBB ||
        cp == 0xBF || cp == 0xD7 || cp == 0xF7 ||
        (cp >= 0x2010 && cp <= 0x2027) || /* dashes, quotes, bullet, ellipsis */
        (cp >= 0x2030 && cp <= 0x205E) || /* per mille, primes, guillemets */
        (cp >= 0x3001 && cp <= 0x3003) || /* ideographic comma, full stop */
        (cp >= 0x3008 && cp <= 0x3011) || /* CJK brackets */
        (cp >= 0x3014 && cp <= 0x301F) ||
        (cp >= 0xFF01 && cp <= 0xFF0F) || /* fullwidth ASCII punctuation */
        (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
        (cp >= 0xFF5B && cp <= 0xFF65))
        return TEXTEDIT_PUNCTUATION;
    return TEXTEDIT_WORD;
}

static enum textedit_class textedit_class_at(const struct textedit *te, size_t offset)
{
    return textedit_class_of(textedit_code_point_at(te, offset));
}

static enum textedit_class textedit_class_before(const struct textedit *te,
                                                 size_t offset)
{
    return textedit_class_of(textedit_code_point_before(te, offset));
}

/* A '\n' is a stop of its own: from just after one, the move is to just
 * before it; skipping spaces and punctuation never crosses one. */
static size_t textedit_word_left(const struct textedit *te, size_t offset)
{
    if (offset > 0 && te->text[offset - 1] == '\n')
        return offset - 1;
    while (offset > 0) {
        enum textedit_class c = textedit_class_before(te, offset);

        if (c == TEXTEDIT_WORD || c == TEXTEDIT_NEWLINE)
            break;
        offset = textedit_prev(te, offset);
    }
    while (offset > 0 && textedit_class_before(te, offset) == TEXTEDIT_WORD)
        offset = textedit_prev(te, offset);
    return offset;
}

static size_t textedit_word_right(const struct textedit *te, size_t offset)
{
    if (offset < te->len && te->text[offset] == '\n')
        return offset + 1;
    while (offset < te->len) {
        enum textedit_class c = textedit_class_at(te, offset);

        if (c == TEXTEDIT_WORD || c == TEXTEDIT_NEWLINE)
            break;
        offset = textedit_next(te, offset);
    }
    while (offset < te->len && textedit_class_at(te, offset) == TEXTEDIT_WORD)
        offset = textedit_next(te, offset);
    return offset;
}

/* ---- undo history -------------------------------------------------------- */

static void textedit_step_release(struct textedit *te, struct textedit_step *s)
{
    te->undo_bytes -= s->cap;
    free(s->bytes);
    s->bytes = NULL;
    s->cap = 0;
}

static void textedit_drop_redo(struct textedit *te)
{
    for (size_t i = te->step_done; i < te->step_count; i++)
        textedit_step_release(te, &te->steps[i]);
    te->step_count = te->step_done;
}

/* Lets the n oldest done steps go; they stay applied, so a mark naming one
 * still counts as applied (see textedit_applied). At most
 * TEXTEDIT_MAX_STEPS entries move, and only when a step is let go. */
static void textedit_drop_oldest(struct textedit *te, size_t n)
{
    assert(n <= te->step_done);
    if (n == 0)
        return;
    for (size_t i = 0; i < n; i++)
        textedit_step_release(te, &te->steps[i]);
    memmove(te->steps, te->steps + n, (te->step_count - n) * sizeof *te->steps);
    te->step_count -= n;
    te->step_done -= n;
    te->dropped += n;
    if (te->step_done == 0)
        te->open = false;
}

static bool textedit_over(size_t count, size_t bytes)
{
    return count > TEXTEDIT_MAX_STEPS || bytes > TEXTEDIT_MAX_UNDO_BYTES;
}

/* Brings the history within its bounds without touching steps[keep]: first
 * the oldest done steps go, then the redo steps furthest from now. */
static void textedit_trim(struct textedit *te, size_t keep)
{
    size_t n = 0;
    size_t bytes = te->undo_bytes;

    while (n < te->step_done && n < keep &&
           textedit_over(te->step_count - n, bytes))
        bytes -= te->steps[n++].cap;
    textedit_drop_oldest(te, n);
    keep -= n;
    while (te->step_count > te->step_done && te->step_count - 1 > keep &&
           textedit_over(te->step_count, te->undo_bytes))
        textedit_step_release(te, &te->steps[--te->step_count]);
}

/* Room for one more done step once the redo steps are gone. */
static bool textedit_step_room(struct textedit *te)
{
    return grow(&te->steps, &te->step_cap, te->step_done + 1, sizeof *te->steps, TEXTEDIT_MIN_STEPS);
}

/* Makes s->bytes hold at least need bytes, keeping what is there. */
static bool textedit_step_grow(struct textedit *te, struct textedit_step *s, size_t need)
{
    size_t before = s->cap;

    /* Doubling must not carry a step that fits the budget past it. */
    if (!grow_max(&s->bytes, &s->cap, need, 1, TEXTEDIT_MIN_CAP,
                  need <= TEXTEDIT_MAX_UNDO_BYTES ? TEXTEDIT_MAX_UNDO_BYTES : SIZE_MAX))
        return false;
    te->undo_bytes += s->cap - before;
    return true;
}

static void textedit_copy_reversed(char *out, const char *in, size_t n)
{
    for (size_t i = 0; i < n; i++)
        out[i] = in[n - 1 - i];
}

/* A new typing run starts where a word ends: a space or newline typed after
 * something that is neither. */
static bool textedit_word_ends(const struct textedit *te, size_t at)
{
    enum textedit_class typed = textedit_class_at(te, at);
    enum textedit_class before;

    if (at == 0 || (typed != TEXTEDIT_SPACE && typed != TEXTEDIT_NEWLINE))
        return false;
    before = textedit_class_before(te, at);
    return before != TEXTEDIT_SPACE && before != TEXTEDIT_NEWLINE;
}

/* ---- changing the text --------------------------------------------------- */

/* Replaces [at, at + removed) with added bytes, leaving them for the caller
 * to write. Capacity must be reserved. */
static char *textedit_splice(struct textedit *te, size_t at, size_t removed, size_t added)
{
    assert(at + removed <= te->len);
    memmove(te->text + at + added, te->text + at + removed, te->len - at - removed + 1);
    te->len = te->len - removed + added;
    te->version++;
    return te->text + at;
}

/* The one way an edit changes the text: replaces [at, at + removed) with
 * src (cleaned first when clean is set), records it for undo (joining the
 * open step when kind allows) and leaves the caret after the new bytes, or
 * at the end with to_end. Nothing changes when memory runs out. */
static bool textedit_change(struct textedit *te, size_t at, size_t removed,
                            const char *src, size_t src_len, bool clean,
                            enum textedit_kind kind, bool to_end)
{
    size_t added = clean ? textedit_clean(src, src_len, NULL) : src_len;
    size_t top = te->step_done - 1; /* the step a join grows */
    size_t caret_before = te->caret, anchor_before = te->anchor;
    struct textedit_step *s;
    bool join = false;
    bool record;
    char *kept = NULL; /* the removed bytes of a new step */
    char *dst;

    assert(at + removed <= te->len);
    if (removed == 0 && added == 0)
        return false;
    /* open is cleared by every undo, redo and caret move, so an open step is
     * the newest and the caret is still where it left it. */
    if (te->open && te->caret == te->anchor) {
        s = &te->steps[top];
        if (s->kind != kind)
            join = false;
        else if (kind == TEXTEDIT_TYPE)
            join = removed == 0 && at == s->at + s->inserted;
        else if (kind == TEXTEDIT_BACKSPACE)
            join = added == 0 && at + removed == s->at;
        else if (kind == TEXTEDIT_DELETE)
            join = added == 0 && at == s->at;
    }

    /* A step bigger than the whole budget cannot be kept: the change still
     * happens, and the history before it, which no longer fits the text,
     * goes with it. */
    record = (join ? te->steps[top].removed : 0) + removed <= TEXTEDIT_MAX_UNDO_BYTES;
    if (record && removed > 0) {
        if (join) {
            s = &te->steps[top];
            if (!textedit_step_grow(te, s, s->removed + removed))
                return false;
        } else {
            kept = malloc(removed);
            if (kept == NULL)
                return false;
        }
    }
    if (added > SIZE_MAX - 1 - (te->len - removed) ||
        !textedit_reserve(te, te->len - removed + added + 1) ||
        (record && !textedit_step_room(te))) {
        free(kept);
        return false;
    }

    /* Nothing can fail from here on. */
    if (record && removed > 0) {
        char *out = join ? te->steps[top].bytes + te->steps[top].removed : kept;

        if (kind == TEXTEDIT_BACKSPACE)
            textedit_copy_reversed(out, te->text + at, removed);
        else
            memcpy(out, te->text + at, removed);
    }
    dst = textedit_splice(te, at, removed, added);
    if (clean)
        textedit_clean(src, src_len, dst);
    else if (added > 0)
        memcpy(dst, src, added);
    te->caret = to_end ? te->len : at + added;
    te->anchor = te->caret;

    if (join && kind == TEXTEDIT_TYPE && textedit_word_ends(te, at))
        join = false;
    if (!record) {
        textedit_drop_redo(te);
        textedit_drop_oldest(te, te->step_done);
        te->open = false;
        return true;
    }
    if (join) {
        s = &te->steps[top];
        s->removed += removed;
        s->inserted += added;
        if (kind == TEXTEDIT_BACKSPACE)
            s->at = at;
    } else {
        textedit_drop_redo(te);
        s = &te->steps[te->step_done++];
        te->step_count = te->step_done;
        *s = (struct textedit_step){
            .at = at,
            .removed = removed,
            .inserted = added,
            .bytes = kept,
            .cap = kept ? removed : 0,
            .reversed = kind == TEXTEDIT_BACKSPACE,
            .kind = kind,
            .id = ++te->last_id,
            .caret_before = caret_before,
            .anchor_before = anchor_before,
        };
        te->undo_bytes += s->cap;
    }
    s->caret_after = te->caret;
    s->anchor_after = te->anchor;
    te->open = kind != TEXTEDIT_ALONE;
    textedit_trim(te, te->step_done - 1);
    return true;
}

bool textedit_undo(struct textedit *te)
{
    struct textedit_step *s;
    char *copy = NULL;
    bool keep;

    if (te->step_done == 0)
        return false;
    s = &te->steps[te->step_done - 1];
    /* The inserted bytes are needed to redo; when they cannot be kept, the
     * undo still happens and redo is given up. */
    keep = s->inserted == 0 ||
           (s->inserted <= TEXTEDIT_MAX_UNDO_BYTES &&
            (copy = malloc(s->inserted)) != NULL);
    if (!textedit_reserve(te, te->len - s->inserted + s->removed + 1)) {
        free(copy);
        return false;
    }
    if (copy != NULL)
        memcpy(copy, te->text + s->at, s->inserted);
    {
        char *dst = textedit_splice(te, s->at, s->inserted, s->removed);

        if (s->reversed)
            textedit_copy_reversed(dst, s->bytes, s->removed);
        else if (s->removed > 0)
            memcpy(dst, s->bytes, s->removed);
    }
    textedit_step_release(te, s);
    s->bytes = copy;
    s->cap = copy ? s->inserted : 0;
    s->reversed = false;
    te->undo_bytes += s->cap;
    te->caret = s->caret_before;
    te->anchor = s->anchor_before;
    te->step_done--;
    te->open = false;
    if (keep)
        textedit_trim(te, te->step_done);
    else
        textedit_drop_redo(te);
    return true;
}

bool textedit_redo(struct textedit *te)
{
    struct textedit_step *s;
    char *copy = NULL;
    bool keep;

    if (te->step_done == te->step_count)
        return false;
    s = &te->steps[te->step_done];
    /* The removed bytes are needed to undo again; when they cannot be kept,
     * the redo still happens and this step and all before it are let go. */
    keep = s->removed == 0 ||
           (s->removed <= TEXTEDIT_MAX_UNDO_BYTES &&
            (copy = malloc(s->removed)) != NULL);
    if (!textedit_reserve(te, te->len - s->removed + s->inserted + 1)) {
        free(copy);
        return false;
    }
    if (copy != NULL)
        memcpy(copy, te->text + s->at, s->removed);
    {
        char *dst = textedit_splice(te, s->at, s->removed, s->inserted);

        if (s->inserted > 0)
            memcpy(dst, s->bytes, s->inserted);
    }
    textedit_step_release(te, s);
    s->bytes = copy;
    s->cap = copy ? s->removed : 0;
    s->reversed = false;
    te->undo_bytes += s->cap;
    te->caret = s->caret_after;
    te->anchor = s->anchor_after;
    te->step_done++;
    te->open = false;
    if (keep)
        textedit_trim(te, te->step_done - 1);
    else
        textedit_drop_oldest(te, te->step_done);
    return true;
}

struct textedit_mark textedit_mark(const struct textedit *te)
{
    if (te->step_done == 0)
        return (struct textedit_mark){0, 0};
    return (struct textedit_mark){te->steps[te->step_done - 1].id,
                                  te->dropped + te->step_done};
}

/* The done steps sit at consecutive depths above the ones let go, so the
 * step at mark.depth is found in O(1). A step undone, replaced and then let
 * go after some thousand more steps would be misread as applied; nothing
 * that asks is still walking by then. */
bool textedit_applied(const struct textedit *te, struct textedit_mark mark)
{
    if (mark.id == 0 || mark.depth <= te->dropped)
        return true;
    if (mark.depth - te->dropped > te->step_done)
        return false;
    return te->steps[mark.depth - te->dropped - 1].id == mark.id;
}

/* ---- the calls ----------------------------------------------------------- */

bool textedit_init(struct textedit *te)
{
    memset(te, 0, sizeof *te);
    if (!textedit_reserve(te, 1))
        return false;
    te->text[0] = '\0';
    return true;
}

void textedit_free(struct textedit *te)
{
    te->step_done = 0;
    textedit_drop_redo(te);
    free(te->steps);
    free(te->text);
    memset(te, 0, sizeof *te);
}

bool textedit_set(struct textedit *te, const char *text, size_t len)
{
    size_t n = textedit_clean(text, len, NULL);
    size_t prefix = 0, suffix = 0;
    char *clean;
    bool ok;

    clean = malloc(n ? n : 1);
    if (clean == NULL)
        return false;
    textedit_clean(text, len, clean);
    /* Only the part that differs goes into the step, so loading a message
     * much like the draft keeps the history small. */
    while (prefix < n && prefix < te->len && clean[prefix] == te->text[prefix])
        prefix++;
    while (suffix < n - prefix && suffix < te->len - prefix &&
           clean[n - 1 - suffix] == te->text[te->len - 1 - suffix])
        suffix++;
    if (prefix == n && n == te->len) {
        /* Same text: nothing to undo, only the caret moves. */
        te->open = false;
        te->caret = te->anchor = te->len;
        free(clean);
        return true;
    }
    ok = textedit_change(te, prefix, te->len - prefix - suffix, clean + prefix,
                         n - prefix - suffix, false, TEXTEDIT_ALONE, true);
    free(clean);
    return ok;
}

void textedit_clear(struct textedit *te)
{
    textedit_drop_redo(te);
    textedit_drop_oldest(te, te->step_done);
    te->open = false;
    /* A sent paste should not keep its buffer for the rest of the session. */
    if (te->cap > 64 * 1024) {
        char *text = realloc(te->text, TEXTEDIT_MIN_CAP);

        if (text != NULL) {
            te->text = text;
            te->cap = TEXTEDIT_MIN_CAP;
        }
    }
    te->text[0] = '\0';
    te->len = 0;
    te->caret = 0;
    te->anchor = 0;
    te->version++;
}

static bool textedit_put(struct textedit *te, const char *text, size_t len,
                         enum textedit_kind kind)
{
    size_t start, end;

    /* Input that cleans to nothing leaves a selection alone. */
    if (textedit_clean(text, len, NULL) == 0)
        return false;
    textedit_selection(te, &start, &end);
    return textedit_change(te, start, end - start, text, len, true, kind, false);
}

bool textedit_insert(struct textedit *te, const char *text, size_t len)
{
    return textedit_put(te, text, len, TEXTEDIT_TYPE);
}

bool textedit_paste(struct textedit *te, const char *text, size_t len)
{
    return textedit_put(te, text, len, TEXTEDIT_ALONE);
}

bool textedit_backspace(struct textedit *te)
{
    if (textedit_delete_selection(te))
        return true;
    if (te->caret == 0)
        return false;
    return textedit_change(te, textedit_prev(te, te->caret),
                           te->caret - textedit_prev(te, te->caret), NULL, 0,
                           false, TEXTEDIT_BACKSPACE, false);
}

bool textedit_delete(struct textedit *te)
{
    if (textedit_delete_selection(te))
        return true;
    if (te->caret == te->len)
        return false;
    return textedit_change(te, te->caret, textedit_next(te, te->caret) - te->caret,
                           NULL, 0, false, TEXTEDIT_DELETE, false);
}

bool textedit_delete_selection(struct textedit *te)
{
    size_t start, end;

    textedit_selection(te, &start, &end);
    if (start == end)
        return false;
    return textedit_change(te, start, end - start, NULL, 0, false,
                           TEXTEDIT_ALONE, false);
}

size_t textedit_line_start(const struct textedit *te, size_t offset)
{
    offset = textedit_floor(te->text, te->len, offset);
    while (offset > 0 && te->text[offset - 1] != '\n')
        offset--;
    return offset;
}

size_t textedit_line_end(const struct textedit *te, size_t offset)
{
    const char *nl;

    offset = textedit_floor(te->text, te->len, offset);
    nl = memchr(te->text + offset, '\n', te->len - offset);
    return nl ? (size_t)(nl - te->text) : te->len;
}

void textedit_move(struct textedit *te, enum textedit_move move, bool extend)
{
    size_t start, end;
    size_t to = te->caret;
    bool collapse = !extend && textedit_has_selection(te);

    textedit_selection(te, &start, &end);
    switch (move) {
    case TEXTEDIT_LEFT:
        to = collapse ? start : textedit_prev(te, to);
        break;
    case TEXTEDIT_RIGHT:
        to = collapse ? end : textedit_next(te, to);
        break;
    case TEXTEDIT_WORD_LEFT:
        to = textedit_word_left(te, to);
        break;
    case TEXTEDIT_WORD_RIGHT:
        to = textedit_word_right(te, to);
        break;
    case TEXTEDIT_LINE_START:
        to = textedit_line_start(te, to);
        break;
    case TEXTEDIT_LINE_END:
        to = textedit_line_end(te, to);
        break;
    case TEXTEDIT_DOC_START:
        to = 0;
        break;
    case TEXTEDIT_DOC_END:
        to = te->len;
        break;
    }
    te->open = false;
    te->caret = to;
    if (!extend)
        te->anchor = to;
}

void textedit_select_all(struct textedit *te)
{
    te->open = false;
    te->anchor = 0;
    te->caret = te->len;
}

void textedit_select_word(struct textedit *te, size_t offset)
{
    size_t start, end;
    enum textedit_class c;

    te->open = false;
    offset = textedit_floor(te->text, te->len, offset);
    /* Past the last character of a line, the click means what is before. */
    if (offset > 0 && (offset == te->len || te->text[offset] == '\n') &&
        te->text[offset - 1] != '\n')
        offset = textedit_prev(te, offset);
    if (offset == te->len || te->text[offset] == '\n') {
        te->caret = te->anchor = offset; /* an empty line */
        return;
    }
    c = textedit_class_at(te, offset);
    start = offset;
    end = textedit_next(te, offset);
    if (c != TEXTEDIT_PUNCTUATION) {
        while (start > 0 && textedit_class_before(te, start) == c)
            start = textedit_prev(te, start);
        while (end < te->len && textedit_class_at(te, end) == c)
            end = textedit_next(te, end);
    }
    te->anchor = start;
    te->caret = end;
}

void textedit_select_line(struct textedit *te, size_t offset)
{
    te->open = false;
    te->anchor = textedit_line_start(te, offset);
    te->caret = textedit_line_end(te, offset);
}

bool textedit_has_selection(const struct textedit *te)
{
    return te->caret != te->anchor;
}

void textedit_selection(const struct textedit *te, size_t *start, size_t *end)
{
    if (te->caret < te->anchor) {
        *start = te->caret;
        *end = te->anchor;
    } else {
        *start = te->anchor;
        *end = te->caret;
    }
}

/* Binary search over boundaries, assuming a prefix never gets narrower as it
 * grows: O(log n) calls to width(), where a call per boundary would make a
 * click on a long line cost O(n^2) in a measuring font. */
size_t textedit_offset_at_x(const char *text, size_t len, int x,
                            textedit_width_fn width, void *user)
{
    size_t lo = 0, hi = len; /* width(lo) < x <= width(hi) */
    int lo_width, hi_width;

    lo_width = width(user, text, 0);
    if (len == 0 || x <= lo_width)
        return 0;
    hi_width = width(user, text, len);
    if (x >= hi_width)
        return len;
    while (utf8_next(text, len, lo) < hi) {
        size_t mid = textedit_floor(text, len, lo + (hi - lo) / 2);
        int mid_width;

        if (mid <= lo)
            mid = utf8_next(text, len, lo);
        mid_width = width(user, text, mid);
        if (mid_width < x) {
            lo = mid;
            lo_width = mid_width;
        } else {
            hi = mid;
            hi_width = mid_width;
        }
    }
    /* Nearest of the two; exactly halfway goes after the character, as a
     * click on a glyph's right half does. */
    return 2 * (long long)x >= (long long)lo_width + hi_width ? hi : lo;
}

size_t textedit_offset_at(const struct textedit *te, int x,
                          textedit_width_fn width, void *user)
{
    return textedit_offset_at_x(te->text, te->len, x, width, user);
}

void textedit_set_caret(struct textedit *te, size_t offset, bool extend)
{
    te->open = false;
    te->caret = textedit_floor(te->text, te->len, offset);
    if (!extend)
        te->anchor = te->caret;
}
