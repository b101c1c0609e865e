/* SPDX-License-Identifier: MIT */
/*
 * cloudvet_method.c: the published scoring method (評価基準書) through
 * the public API: the canonical JSON (criteria/method.c) and the human
 * formats (report/method_*.c), with the method's SHA-256.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "criteria/method.h"
#include "internal.h"
#include "report/method.h"

static const struct cv_tender_def *tender_def(const cv_tender *t)
{
    return t ? &t->def : NULL;
}

cv_status cv_method_sha256_hex(const cv_criteria *crit, const cv_tender *tender,
                               char hex_out[65])
{
    if (!crit || !hex_out)
        return CV_EUSAGE;
    hex_out[0] = '\0';
    return cv_method_sha256(hex_out, crit, tender_def(tender));
}

/* The canonical bytes, whole (a few hundred kilobytes at most). */
static cv_status write_json(const cv_criteria *crit, const cv_tender *tender,
                            cv_write_fn write, void *payload)
{
    struct cv_strbuf sb;
    cv_status st;
    cv_strbuf_init(&sb, CV_STRBUF_DEFAULT_MAX);
    st = cv_method_json(&sb, crit, tender_def(tender));
    if (st == CV_OK && write(sb.ptr, sb.len, payload) != 0)
        st = CV_EIO;
    cv_strbuf_release(&sb);
    return st;
}

cv_status cv_method_write(cv_ctx *ctx, const cv_criteria *crit,
                          const cv_tender *tender, cv_method_format fmt,
                          cv_write_fn write, void *payload)
{
    char hash[65];
    struct cv_method_doc d;
    cv_status st;
    if (!ctx || !crit || !write)
        return CV_EUSAGE;
    if (fmt == CV_METHOD_JSON)
        return write_json(crit, tender, write, payload);
    if (fmt != CV_METHOD_HTML && fmt != CV_METHOD_MD) {
        struct cv_loc loc = { "", "", 0, 0 };
        return cv_diags_fail(&ctx->diags, CV_EUSAGE, &loc, "%s",
                             CV_L(ctx->opts.lang,
                                  "XLSX の評価基準書はファイルにだけ書けます",
                                  "the XLSX scoring method is written only "
                                  "to a named file"));
    }
    st = cv_method_sha256(hash, crit, tender_def(tender));
    if (st != CV_OK)
        return st;
    d.crit = crit;
    d.tender = tender_def(tender);
    d.lang = ctx->opts.lang;
    d.hash = hash;
    return fmt == CV_METHOD_HTML ? cv_method_html(&d, write, payload)
                                 : cv_method_md(&d, write, payload);
}

static int file_write(const char *buf, size_t len, void *payload)
{
    return fwrite(buf, 1, len, payload) == len ? 0 : -1;
}

static cv_status cannot_write(cv_ctx *ctx, const char *path, int err)
{
    struct cv_loc loc = { path, "", 0, 0 };
    return cv_diags_fail(&ctx->diags, CV_EIO, &loc,
                         CV_L(ctx->opts.lang, "書き込めません: %s",
                              "cannot write: %s"),
                         err ? strerror(err) : "I/O");
}

cv_status cv_method_write_file(cv_ctx *ctx, const cv_criteria *crit,
                               const cv_tender *tender, cv_method_format fmt,
                               const char *path)
{
    FILE *f;
    cv_status st;
    if (!ctx || !crit || !path)
        return CV_EUSAGE;
    if (fmt == CV_METHOD_XLSX) {
        char hash[65];
        struct cv_method_doc d;
        st = cv_method_sha256(hash, crit, tender_def(tender));
        if (st != CV_OK)
            return st;
        d.crit = crit;
        d.tender = tender_def(tender);
        d.lang = ctx->opts.lang;
        d.hash = hash;
        errno = 0;
        st = cv_method_xlsx(&d, path);
        return st == CV_EIO ? cannot_write(ctx, path, errno) : st;
    }
    f = fopen(path, "wb");
    if (!f)
        return cannot_write(ctx, path, errno);
    st = cv_method_write(ctx, crit, tender, fmt, file_write, f);
    if (fclose(f) != 0 && st == CV_OK)
        st = cannot_write(ctx, path, errno);
    else if (st == CV_EIO)
        st = cannot_write(ctx, path, errno);
    return st;
}
