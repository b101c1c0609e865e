/* SPDX-License-Identifier: MIT */
/* load_detect.c: choose the parser for a submission's bytes. */
#include "load.h"

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

enum cv_load_format cv_load_detect(const char *source, const char *buf,
                                   size_t len)
{
    size_t i = 0;
    const char *ext;
    /* Skip a UTF-8 byte order mark and blanks. */
    if (len >= 3 && (unsigned char)buf[0] == 0xEF &&
        (unsigned char)buf[1] == 0xBB && (unsigned char)buf[2] == 0xBF)
        i = 3;
    while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' ||
                       buf[i] == '\n'))
        i++;
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
