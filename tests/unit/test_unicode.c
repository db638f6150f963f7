/* SPDX-License-Identifier: MIT */
/* unicode: the properties font's run splitter relies on, at the edges of
 * their ranges, and their totals over every code point (Unicode 15.0's own
 * counts, which an unsorted or mistyped range would change). */
#include <stdint.h>

#include "check.h"
#include "unicode.h"

static void test_ignorable(void)
{
    CHECK(!unicode_is_ignorable(0) && !unicode_is_ignorable('a') && !unicode_is_ignorable(' '));
    CHECK(unicode_is_ignorable(0x00AD)); /* soft hyphen: the first range */
    CHECK(!unicode_is_ignorable(0x00AC) && !unicode_is_ignorable(0x00AE));
    CHECK(unicode_is_ignorable(0x034F)); /* combining grapheme joiner */
    CHECK(unicode_is_ignorable(0x200B) && unicode_is_ignorable(0x200D) && unicode_is_ignorable(0x200F));
    CHECK(!unicode_is_ignorable(0x200A) && !unicode_is_ignorable(0x2010));
    CHECK(unicode_is_ignorable(0x2060) && unicode_is_ignorable(0x206F));
    CHECK(!unicode_is_ignorable(0x205F) && !unicode_is_ignorable(0x2070));
    CHECK(unicode_is_ignorable(0xFE00) && unicode_is_ignorable(0xFE0E) && unicode_is_ignorable(0xFE0F));
    CHECK(!unicode_is_ignorable(0xFDFF) && !unicode_is_ignorable(0xFE10));
    CHECK(unicode_is_ignorable(0xFEFF)); /* byte order mark */
    CHECK(unicode_is_ignorable(0x1D173) && unicode_is_ignorable(0x1D17A));
    CHECK(!unicode_is_ignorable(0x1D172) && !unicode_is_ignorable(0x1D17B));
    CHECK(unicode_is_ignorable(0xE0000) && unicode_is_ignorable(0xE007F) && unicode_is_ignorable(0xE0FFF));
    CHECK(!unicode_is_ignorable(0xDFFFF) && !unicode_is_ignorable(0xE1000)); /* past the last range */
    CHECK(!unicode_is_ignorable(0x10FFFF) && !unicode_is_ignorable(UINT32_MAX));
}

static void test_extender(void)
{
    CHECK(!unicode_is_extender(0) && !unicode_is_extender('e') && !unicode_is_extender(0x00E9));
    /* Every ignorable extends (joiners, variation selectors, tags). */
    CHECK(unicode_is_extender(0x200D) && unicode_is_extender(0xFE0F) && unicode_is_extender(0xE0067));
    CHECK(unicode_is_extender(0x00AD));
    CHECK(unicode_is_extender(0x0300) && unicode_is_extender(0x0301) && unicode_is_extender(0x036F));
    CHECK(!unicode_is_extender(0x02FF) && !unicode_is_extender(0x0370));
    CHECK(unicode_is_extender(0x0483) && unicode_is_extender(0x0489) && !unicode_is_extender(0x048A));
    CHECK(unicode_is_extender(0x20D0) && unicode_is_extender(0x20E3) && unicode_is_extender(0x20FF));
    CHECK(!unicode_is_extender(0x20CF) && !unicode_is_extender(0x2100));
    CHECK(unicode_is_extender(0x3099) && unicode_is_extender(0x309A));
    CHECK(!unicode_is_extender(0x3098) && !unicode_is_extender(0x309B));
    CHECK(unicode_is_extender(0xFE20) && unicode_is_extender(0xFE2F) && !unicode_is_extender(0xFE30));
    /* The skin tones: the last range. */
    CHECK(unicode_is_extender(0x1F3FB) && unicode_is_extender(0x1F3FF));
    CHECK(!unicode_is_extender(0x1F3FA) && !unicode_is_extender(0x1F400));
    CHECK(!unicode_is_extender(0x10FFFF) && !unicode_is_extender(UINT32_MAX));
}

static void test_emoji_presentation(void)
{
    CHECK(!unicode_is_emoji_presentation('#') && !unicode_is_emoji_presentation('1'));
    /* Emoji by default only with U+FE0F: text presentation. */
    CHECK(!unicode_is_emoji_presentation(0x2764) && !unicode_is_emoji_presentation(0x263A));
    CHECK(!unicode_is_emoji_presentation(0x00A9) && !unicode_is_emoji_presentation(0x2122));
    CHECK(unicode_is_emoji_presentation(0x231A) && unicode_is_emoji_presentation(0x231B)); /* the first range */
    CHECK(!unicode_is_emoji_presentation(0x2319) && !unicode_is_emoji_presentation(0x231C));
    CHECK(unicode_is_emoji_presentation(0x2705) && unicode_is_emoji_presentation(0x2B55));
    CHECK(unicode_is_emoji_presentation(0x1F004) && !unicode_is_emoji_presentation(0x1F005));
    /* Regional indicators: a flag is two of them. */
    CHECK(unicode_is_emoji_presentation(0x1F1E6) && unicode_is_emoji_presentation(0x1F1FF));
    CHECK(!unicode_is_emoji_presentation(0x1F1E5) && !unicode_is_emoji_presentation(0x1F200));
    CHECK(unicode_is_emoji_presentation(0x1F600) && unicode_is_emoji_presentation(0x1F64F));
    CHECK(unicode_is_emoji_presentation(0x1F440) && !unicode_is_emoji_presentation(0x1F441));
    CHECK(unicode_is_emoji_presentation(0x1F442));
    CHECK(unicode_is_emoji_presentation(0x1F3FB)); /* a skin tone alone shows as a swatch */
    CHECK(unicode_is_emoji_presentation(0x1FAF0) && unicode_is_emoji_presentation(0x1FAF8)); /* the last */
    CHECK(!unicode_is_emoji_presentation(0x1FAF9) && !unicode_is_emoji_presentation(UINT32_MAX));
}

/* Totals over all of Unicode: DerivedCoreProperties.txt 15.0 counts 4174
 * Default_Ignorable_Code_Point, emoji-data.txt 15.0 counts 1205
 * Emoji_Presentation; the extenders are those and 334 more, U+034F in both. */
static void test_totals(void)
{
    unsigned ignorable = 0, extender = 0, emoji = 0;
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
        ignorable += unicode_is_ignorable(cp);
        extender += unicode_is_extender(cp);
        emoji += unicode_is_emoji_presentation(cp);
    }
    CHECK(ignorable == 4174);
    CHECK(extender == 4174 + 334 - 1);
    CHECK(emoji == 1205);
}

int main(void)
{
    test_ignorable();
    test_extender();
    test_emoji_presentation();
    test_totals();
    return check_summary("unicode");
}
