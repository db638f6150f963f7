/* SPDX-License-Identifier: MIT */
/* test_ascii: ascii.h against <ctype.h> in the "C" locale (which a program
 * is in until it calls setlocale) for every byte, and the comparisons on the
 * cases that tell a folding from a bit trick: '@' and '`', '[' and '{', the
 * dotless i of a Turkish locale, bytes of 0x80 and above. */
#include "check.h"
#include "ascii.h"

#include <ctype.h>
#include <string.h>

static void test_classes(void)
{
    int bad = 0;

    for (int c = 0; c < 256; c++) {
        bad += ascii_lower(c) != tolower(c);
        bad += ascii_upper(c) != toupper(c);
        bad += ascii_is_upper(c) != (isupper(c) != 0);
        bad += ascii_is_lower(c) != (islower(c) != 0);
        bad += ascii_is_digit(c) != (isdigit(c) != 0);
        bad += ascii_is_alnum(c) != (isalnum(c) != 0);
        bad += ascii_is_xdigit(c) != (isxdigit(c) != 0);
        bad += ascii_is_space(c) != (isspace(c) != 0);
    }
    CHECK_MSG(bad == 0, "%d disagreements with the C locale", bad);
    CHECK(ascii_lower(-1) == -1 && ascii_upper(-1) == -1);
    CHECK(ascii_lower('I') == 'i' && ascii_upper('i') == 'I'); /* never dotless */
    CHECK(ascii_lower(0xC9) == 0xC9 && ascii_upper(0xE9) == 0xE9);
}

static void test_hex(void)
{
    static const char digits[] = "0123456789abcdef", upper[] = "ABCDEF";
    int bad = 0, count = 0;

    for (int i = 0; i < 16; i++)
        bad += ascii_hex_value(digits[i]) != i;
    for (int i = 0; i < 6; i++)
        bad += ascii_hex_value(upper[i]) != 10 + i;
    for (int c = 0; c < 256; c++)
        count += ascii_hex_value(c) >= 0;
    CHECK(bad == 0 && count == 22);
    CHECK(ascii_hex_value('g') == -1 && ascii_hex_value('G') == -1 && ascii_hex_value('@') == -1);
    CHECK(ascii_hex_value('`') == -1 && ascii_hex_value('/') == -1 && ascii_hex_value(':') == -1);
    CHECK(ascii_hex_value(0xC1) == -1 && ascii_hex_value(0xE1) == -1); /* 'A' and 'a' with the top bit */
}

static void test_compare(void)
{
    CHECK(ascii_casecmp("WSS", "wss") == 0);
    CHECK(ascii_casecmp("Authorization", "aUTHORIZATION") == 0);
    CHECK(ascii_casecmp("", "") == 0);
    CHECK(ascii_casecmp("@", "`") != 0);  /* 0x40 and 0x60: one bit apart, not one letter */
    CHECK(ascii_casecmp("[", "{") != 0);
    CHECK(ascii_casecmp("^", "~") != 0);
    CHECK(ascii_casecmp("\xC3\x89", "\xC3\xA9") != 0); /* É and é: ASCII only */
    CHECK(ascii_casecmp("a", "B") < 0 && ascii_casecmp("B", "a") > 0);
    CHECK(ascii_casecmp("abc", "ABCD") < 0 && ascii_casecmp("ABCD", "abc") > 0);
    CHECK(ascii_casecmp("\xFF", "a") > 0); /* bytes compare unsigned */
    CHECK(ascii_ncasecmp("Cookie: x", "COOKIE", 6) == 0);
    CHECK(ascii_ncasecmp("abc", "abd", 2) == 0 && ascii_ncasecmp("abc", "abd", 3) < 0);
    CHECK(ascii_ncasecmp("ab", "AB\0x", 4) == 0); /* stops after the NUL */
    CHECK(ascii_ncasecmp("x", "y", 0) == 0);
    CHECK(ascii_starts_with("WS://host", "ws://") && ascii_starts_with("Wss://", "wss://"));
    CHECK(!ascii_starts_with("ws:/", "ws://") && !ascii_starts_with("ws", "wss"));
    CHECK(ascii_starts_with("anything", ""));
    CHECK(ascii_starts_with("PT_br", "pt") && !ascii_starts_with("p", "pt"));
}

int main(void)
{
    test_classes();
    test_hex();
    test_compare();
    return check_summary("ascii");
}
