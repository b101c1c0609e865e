/* SPDX-License-Identifier: MIT */
/*
 * readers.c: the table of submission readers, and how a submission's
 * bytes choose one.
 *
 * The content decides first (a zip is a workbook, '{' or '[' is JSON, '<'
 * is XML, whatever the file is called), then the extension; the first row
 * whose test accepts the bytes wins, so the more specific tests come
 * first (cloudvet's own report before JSON). Adding a format is one
 * reader file and one row here.
 */
#include "load.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "table.h"

static size_t skip_blanks(const char *buf, size_t len, size_t i)
{
    while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' ||
                       buf[i] == '\n'))
        i++;
    return i;
}

/* Where the content starts: after a UTF-8 byte order mark and blanks. */
static size_t content_start(const char *buf, size_t len)
{
    size_t i = 0;
    if (len >= 3 && (unsigned char)buf[0] == 0xEF &&
        (unsigned char)buf[1] == 0xBB && (unsigned char)buf[2] == 0xBF)
        i = 3;
    return skip_blanks(buf, len, i);
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

/* `{ "format" : "cloudvet-report/...`: the member cloudvet always writes
 * first in report.json and in each report.ndjson line. */
static bool is_own_report(const char *buf, size_t len)
{
    size_t i = content_start(buf, len), k;
    if (!at(buf, len, i, "{"))
        return false;
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

/* `{ "system-security-plan"`: an OSCAL SSP in JSON (the model's one
 * top-level member, NIST OSCAL SSP model JSON reference). */
static bool is_oscal_ssp_json(const char *buf, size_t len)
{
    size_t i = content_start(buf, len);
    if (!at(buf, len, i, "{"))
        return false;
    i = skip_blanks(buf, len, i + 1);
    return at(buf, len, i, "\"system-security-plan\"");
}

/* The first start tag (after the declaration, comments and processing
 * instructions, within the first 64 KiB) is <system-security-plan>, with
 * or without a prefix, and names the OSCAL namespace. The XML reader then
 * checks the namespace properly. */
#define SNIFF_BYTES ((size_t)65536)

static bool is_oscal_ssp_xml(const char *buf, size_t len)
{
    static const char ns[] = "http://csrc.nist.gov/ns/oscal/1.0";
    size_t lim = len, i, end, name;
    if (lim > SNIFF_BYTES)
        lim = SNIFF_BYTES;
    i = content_start(buf, lim);
    while (i < lim && buf[i] == '<' &&
           (at(buf, lim, i, "<?") || at(buf, lim, i, "<!--"))) {
        const char *close = at(buf, lim, i, "<?") ? "?>" : "-->";
        size_t k = i + 2;
        while (k < lim && !at(buf, lim, k, close))
            k++;
        if (k >= lim)
            return false;
        i = skip_blanks(buf, lim, k + strlen(close));
    }
    if (!at(buf, lim, i, "<"))
        return false;
    for (end = i + 1; end < lim && buf[end] != '>'; end++)
        ;
    if (end >= lim)
        return false;
    for (name = i + 1; name < end && buf[name] != ' ' && buf[name] != '\t' &&
                       buf[name] != '\r' && buf[name] != '\n' &&
                       buf[name] != '>' && buf[name] != '/';
         name++)
        ;
    {
        size_t k, start = i + 1;
        for (k = i + 1; k < name; k++)
            if (buf[k] == ':')
                start = k + 1;
        if (name - start != strlen("system-security-plan") ||
            memcmp(buf + start, "system-security-plan", name - start) != 0)
            return false;
        for (k = name; k + sizeof(ns) - 1 <= end; k++)
            if (memcmp(buf + k, ns, sizeof(ns) - 1) == 0)
                return true;
    }
    return false;
}

static bool starts_like_json(const char *buf, size_t len)
{
    size_t i = content_start(buf, len);
    return i < len && (buf[i] == '{' || buf[i] == '[');
}

static bool starts_like_xml(const char *buf, size_t len)
{
    size_t i = content_start(buf, len);
    return i < len && buf[i] == '<';
}

static bool starts_like_zip(const char *buf, size_t len)
{
    return cv_table_is_zip(buf, len) != 0;
}

/* A report handed in as a bid: refused, saying what it is. */
static cv_status refuse_report(struct cv_node **out,
                               const struct cv_load_req *req)
{
    struct cv_loc loc = { req->source, "/format", 0, 0 };
    *out = NULL;
    return cv_diags_fail(req->diags, CV_EPARSE, &loc, "%s",
                         CV_L(req->diags->lang,
                              "これは cloudvet の報告書 (report.json / "
                              "report.ndjson) で、質問票ではありません",
                              "this is a cloudvet report (report.json or "
                              "report.ndjson), not a questionnaire"));
}

static const char *const report_ext[] = { NULL };
static const char *const json_ext[] = { "json", NULL };
static const char *const xml_ext[] = { "xml", NULL };
static const char *const xlsx_ext[] = { "xlsx", "xlsm", NULL };

static const struct cv_reader readers[] = {
    { "report", report_ext, is_own_report, CV_READ_TREE, false,
      refuse_report, NULL },
    { "oscal-ssp-json", report_ext, is_oscal_ssp_json, CV_READ_OSCAL, false,
      cv_load_json, NULL },
    { "oscal-ssp-xml", report_ext, is_oscal_ssp_xml, CV_READ_OSCAL, true,
      cv_load_xml_oscal, NULL },
    { "json", json_ext, starts_like_json, CV_READ_TREE, false, cv_load_json,
      NULL },
    { "xml", xml_ext, starts_like_xml, CV_READ_ELEMENTS, false, cv_load_xml,
      NULL },
    { "xlsx", xlsx_ext, starts_like_zip, CV_READ_SHEETS, false, NULL,
      cv_load_xlsx },
};

#define NREADERS (sizeof(readers) / sizeof(readers[0]))

static const char *extension(const char *source)
{
    const char *dot = source ? strrchr(source, '.') : NULL;
    const char *slash = source ? strrchr(source, '/') : NULL;
    if (!dot || (slash && dot < slash))
        return "";
    return dot + 1;
}

/* ASCII case-insensitive equality (extensions are ASCII). */
static bool same_word(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char ca = (*a >= 'A' && *a <= 'Z') ? (char)(*a + 32) : *a;
        char cb = (*b >= 'A' && *b <= 'Z') ? (char)(*b + 32) : *b;
        if (ca != cb)
            return false;
    }
    return *a == *b;
}

const struct cv_reader *cv_reader_find(const char *source, const char *buf,
                                       size_t len)
{
    const char *ext = extension(source);
    size_t i, k;
    for (i = 0; i < NREADERS; i++)
        if (readers[i].recognise(buf, len))
            return &readers[i];
    for (i = 0; i < NREADERS; i++)
        for (k = 0; readers[i].extensions[k]; k++)
            if (same_word(ext, readers[i].extensions[k]))
                return &readers[i];
    return NULL;
}

bool cv_reader_extension(const char *source)
{
    const char *ext = extension(source);
    size_t i, k;
    for (i = 0; i < NREADERS; i++)
        for (k = 0; readers[i].extensions[k]; k++)
            if (same_word(ext, readers[i].extensions[k]))
                return true;
    return false;
}
