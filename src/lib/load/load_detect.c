/* SPDX-License-Identifier: MIT */
/* load_detect.c: choose the parser for a submission's bytes. */
#include "load.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static const char *extension(const char *source)
{
    const char *dot = source ? strrchr(source, '.') : NULL;
    const char *slash = source ? strrchr(source, '/') : NULL;
    if (!dot || (slash && dot < slash))
        return "";
    return dot + 1;
}

static size_t skip_blanks(const char *buf, size_t len, size_t i)
{
    while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' ||
                       buf[i] == '\n'))
        i++;
    return i;
}

/* Whether buf[i..] is `word` (not NUL-terminated buf: bounded by len). */
static bool at(const char *buf, size_t len, size_t i, const char *word)
{
    size_t n = strlen(word);
    return i <= len && len - i >= n && memcmp(buf + i, word, n) == 0;
}

/* cloudvet's own output formats, which a questionnaire never declares. */
static const char *const own_formats[] = { "\"cloudvet-report/",
                                           "\"cloudvet-result/" };

/* `{ "format" : "cloudvet-report/...` from the '{' at i. */
static bool is_own_report(const char *buf, size_t len, size_t i)
{
    size_t k;
    i = skip_blanks(buf, len, i + 1);
    if (!at(buf, len, i, "\"format\""))
        return false;
    i = skip_blanks(buf, len, i + 8);
    if (!at(buf, len, i, ":"))
        return false;
    i = skip_blanks(buf, len, i + 1);
    for (k = 0; k < sizeof(own_formats) / sizeof(own_formats[0]); k++)
        if (at(buf, len, i, own_formats[k]))
            return true;
    return false;
}

enum cv_load_format cv_load_detect(const char *source, const char *buf,
                                   size_t len)
{
    size_t i = 0;
    const char *ext;
    /* Skip a UTF-8 byte order mark and blanks. */
    if (len >= 3 && (unsigned char)buf[0] == 0xEF &&
        (unsigned char)buf[1] == 0xBB && (unsigned char)buf[2] == 0xBF)
        i = 3;
    i = skip_blanks(buf, len, i);
    if (i < len && buf[i] == '{' && is_own_report(buf, len, i))
        return CV_LOAD_REPORT;
    if (i < len && (buf[i] == '{' || buf[i] == '['))
        return CV_LOAD_JSON;
    if (i < len && buf[i] == '<')
        return CV_LOAD_XML;
    ext = extension(source);
    if (strcmp(ext, "json") == 0 || strcmp(ext, "JSON") == 0)
        return CV_LOAD_JSON;
    if (strcmp(ext, "xml") == 0 || strcmp(ext, "XML") == 0)
        return CV_LOAD_XML;
    return CV_LOAD_AUTO;
}
