/* SPDX-License-Identifier: MIT */
/* out.c: terminal-safe printing for the CLI (see out.h). */
#include "out.h"

#include <stdarg.h>
#include <string.h>

void cv_cli_put_safe(FILE *f, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    while (*p) {
        if (*p < 0x20 || *p == 0x7f) {
            fprintf(f, "\\x%02x", *p);
            p++;
        } else if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
            fprintf(f, "\\u%04x", p[1]); /* C1 controls */
            p += 2;
        } else if (p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0xAA &&
                   p[2] <= 0xAE) {
            fprintf(f, "\\u%04x", 0x2000 + (p[2] - 0x80)); /* LRE..RLO */
            p += 3;
        } else if (p[0] == 0xE2 && p[1] == 0x81 && p[2] >= 0xA6 &&
                   p[2] <= 0xA9) {
            fprintf(f, "\\u%04x", 0x2040 + (p[2] - 0x80)); /* LRI..PDI */
            p += 3;
        } else {
            fputc(*p, f);
            p++;
        }
    }
}

void cv_cli_print_diag(FILE *f, const cv_diag *d)
{
    cv_cli_put_safe(f, d->source && *d->source ? d->source : "<input>");
    if (d->line) {
        fprintf(f, ":%u", d->line);
        if (d->column)
            fprintf(f, ":%u", d->column);
    }
    fputs(": ", f);
    if (d->path && *d->path) {
        cv_cli_put_safe(f, d->path);
        fputs(": ", f);
    }
    fprintf(f, "%s: ", cv_severity_str(d->severity));
    cv_cli_put_safe(f, d->message);
    fputc('\n', f);
}

void cv_cli_error(const char *fmt, ...)
{
    va_list ap;
    fputs("cloudvet: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int cv_cli_file_write(const char *buf, size_t len, void *payload)
{
    return fwrite(buf, 1, len, payload) == len ? 0 : -1;
}
