/* SPDX-License-Identifier: MIT */
/* unicode: the few Unicode character properties font's run splitter needs
 * to keep a character and what modifies it in one run, and to prefer a
 * colour face for emoji. Tables from Unicode 15.0. Pure. */
#ifndef PONTE_UNICODE_H
#define PONTE_UNICODE_H

#include <stdbool.h>
#include <stdint.h>

/* Default_Ignorable_Code_Point: invisible (joiners, variation selectors,
 * bidi controls, tags ...), never looked up in a face and never a box. */
bool unicode_is_ignorable(uint32_t cp);

/* Extends the character before it: an ignorable, a combining mark of the
 * common blocks, an emoji modifier (skin tone) or the keycap. */
bool unicode_is_extender(uint32_t cp);

/* Emoji_Presentation=Yes: drawn as an emoji even without U+FE0F. */
bool unicode_is_emoji_presentation(uint32_t cp);

#endif
