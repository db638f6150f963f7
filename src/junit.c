/* SPDX-License-Identifier: MIT */
/* junit: a JUnit XML report written into a buffer (junit.h). */
#include "junit.h"

#include <stdio.h>
#include <string.h>

#include "json.h"
#include "utf8.h"

bool junit_escape_append(struct json_buffer *out, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = utf8_decode(s + i, len - i, &cp);
        const char *entity = NULL;
        switch (cp) {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = "&quot;"; break;
        case '\'': entity = "&apos;"; break;
        default: break;
        }
        bool allowed = cp == '\t' || cp == '\n' || cp == '\r' || (cp >= 0x20 && cp != 0x7f && cp != 0xFFFE && cp != 0xFFFF);
        bool ok;
        if (entity) {
            ok = json_buffer_append_text(out, entity);
        } else if (!allowed || cp == UTF8_REPLACEMENT) {
            ok = json_buffer_append(out, "\xEF\xBF\xBD", 3); /* (an invalid sequence decodes as U+FFFD too) */
        } else {
            ok = json_buffer_append(out, s + i, n);
        }
        if (!ok)
            return false;
        i += n;
    }
    return true;
}

static bool text(struct json_buffer *out, const char *s)
{
    return junit_escape_append(out, s, strlen(s));
}

static bool raw(struct json_buffer *out, const char *s)
{
    return json_buffer_append_text(out, s);
}

static bool seconds_attr(struct json_buffer *out, double seconds)
{
    if (!(seconds >= 0))
        return true;
    char tmp[64];
    snprintf(tmp, sizeof tmp, " time=\"%.3f\"", seconds > 1e12 ? 1e12 : seconds);
    return raw(out, tmp);
}

static bool one_case(struct json_buffer *out, const char *suite, const struct junit_case *c)
{
    bool ok = raw(out, "    <testcase name=\"") && text(out, c->name ? c->name : "") &&
              raw(out, "\" classname=\"") && text(out, c->classname ? c->classname : suite) && raw(out, "\"") &&
              seconds_attr(out, c->seconds);
    if (!ok)
        return false;
    if (!c->failure)
        return raw(out, "/>\n");
    return raw(out, ">\n      <failure message=\"") && text(out, c->failure) && raw(out, "\" type=\"difference\">") &&
           (!c->details || text(out, c->details)) && raw(out, "</failure>\n    </testcase>\n");
}

bool junit_write(struct json_buffer *out, const char *suite, double seconds, const struct junit_case *cases,
                 size_t count)
{
    size_t failures = 0;
    for (size_t i = 0; i < count; i++)
        failures += cases[i].failure != NULL;
    char tmp[96];
    snprintf(tmp, sizeof tmp, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\"", count, failures);
    if (!raw(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n  <testsuite name=\"") ||
        !text(out, suite) || !raw(out, tmp) || !seconds_attr(out, seconds) || !raw(out, ">\n"))
        return false;
    for (size_t i = 0; i < count; i++)
        if (!one_case(out, suite, &cases[i]))
            return false;
    return raw(out, "  </testsuite>\n</testsuites>\n");
}
