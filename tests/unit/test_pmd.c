/* SPDX-License-Identifier: MIT */
/* pmd: the version gate on both sides of 4.3.3 and the answers a server
 * can give to Ponte's offer, good and bad, one row each. */
#include <string.h>

#include "check.h"
#include "pmd.h"

static const struct answer {
    const char *text;
    bool ok;
    struct pmd_agreed agreed;
    const char *why; /* a part of the reason when not ok */
} answers[] = {
    {NULL, true, {0}, NULL},
    {"", true, {0}, NULL},
    {"  ", true, {0}, NULL},
    {"permessage-deflate", true, {true, 15, 15, false, false}, NULL},
    /* python3-websockets' answer to PMD_OFFER. */
    {"permessage-deflate; server_max_window_bits=12; client_max_window_bits=12", true,
     {true, 12, 12, false, false}, NULL},
    /* node's ws server's. */
    {"permessage-deflate; client_max_window_bits=15", true, {true, 15, 15, false, false}, NULL},
    {"permessage-deflate; server_no_context_takeover; client_no_context_takeover", true,
     {true, 15, 15, true, true}, NULL},
    {"Permessage-Deflate ;\tclient_no_context_takeover ; server_max_window_bits = \"9\"", true,
     {true, 15, 9, true, false}, NULL},
    {"permessage-deflate; client_max_window_bits=8", true, {true, 8, 15, false, false}, NULL},
    {"permessage-deflate; client_max_window_bits", false, {0}, "client_max_window_bits not from 8 to 15"},
    {"permessage-deflate; server_max_window_bits=16", false, {0}, "server_max_window_bits not from 8 to 15"},
    {"permessage-deflate; server_max_window_bits=7", false, {0}, "not from 8 to 15 ('7')"},
    {"permessage-deflate; server_max_window_bits=1x", false, {0}, "not from 8 to 15"},
    {"permessage-deflate; server_max_window_bits=", false, {0}, "not from 8 to 15"},
    {"permessage-deflate; server_no_context_takeover=1", false, {0}, "gives server_no_context_takeover a value"},
    {"permessage-deflate; server_no_context_takeover; server_no_context_takeover", false, {0},
     "names server_no_context_takeover twice"},
    {"permessage-deflate; x_foo", false, {0}, "unknown parameter 'x_foo'"},
    {"x-webkit-deflate-frame", false, {0}, "did not offer (x-webkit-deflate-frame)"},
    {"permessage-deflate, permessage-deflate", false, {0}, "more than one extension"},
};

static void test_answers(void)
{
    for (size_t i = 0; i < sizeof answers / sizeof answers[0]; i++) {
        const struct answer *a = &answers[i];
        struct pmd_agreed got;
        memset(&got, 0x55, sizeof got);
        char why[200] = "";
        bool ok = pmd_parse_answer(a->text, &got, why, sizeof why);
        const char *shown = a->text ? a->text : "(none)";
        CHECK_MSG(ok == a->ok, "%s: %s", shown, why);
        if (ok) {
            CHECK_MSG(got.on == a->agreed.on && got.client_window_bits == a->agreed.client_window_bits &&
                          got.server_window_bits == a->agreed.server_window_bits &&
                          got.client_no_takeover == a->agreed.client_no_takeover &&
                          got.server_no_takeover == a->agreed.server_no_takeover,
                      "%s: on %d, bits %d/%d, no takeover %d/%d", shown, got.on, got.client_window_bits,
                      got.server_window_bits, got.client_no_takeover, got.server_no_takeover);
        } else {
            CHECK_MSG(strstr(why, a->why) != NULL, "%s: '%s' does not say '%s'", shown, why, a->why);
            CHECK_MSG(!got.on, "%s: a refused answer agrees to nothing", shown);
        }
    }
}

static void test_gate(void)
{
    char why[200] = "unchanged";
    /* Debian 12's 4.1.6 and the last faulty 4.3.2: never offered. */
    CHECK(!pmd_available(4001006, why, sizeof why));
    CHECK_MSG(strstr(why, "libwebsockets 4.1.6") && strstr(why, "fixed in 4.3.3") && !strchr(why, '\n'), "%s",
              why);
    CHECK(!pmd_available(4003002, why, sizeof why));
    CHECK_MSG(strstr(why, "libwebsockets 4.3.2 loops") != NULL, "%s", why);
    CHECK(!pmd_available(4003002, NULL, 0));
    /* 4.3.3 (the fix), Debian 13's 4.3.5, and later. */
    snprintf(why, sizeof why, "unchanged");
    CHECK(pmd_available(4003003, why, sizeof why));
    CHECK(pmd_available(4003005, why, sizeof why));
    CHECK(pmd_available(4004000, why, sizeof why));
    CHECK(!strcmp(why, "unchanged"));
    CHECK(!strcmp(PMD_OFFER, "permessage-deflate; client_max_window_bits"));
}

int main(void)
{
    test_answers();
    test_gate();
    return check_summary("pmd");
}
