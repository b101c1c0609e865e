/* SPDX-License-Identifier: MIT */
/* out.c: terminal-safe printing for the CLI (see out.h). */
#include "out.h"

#include <stdarg.h>
#include <stdbool.h>
#include <string.h>

void cv_cli_put_safe(FILE *f, const char *s)
{
    /* The library's display rule, the one every human report format
     * uses: the terminal shows a vendor's string as the reports do. Out
     * of memory, nothing of it is printed raw: one U+FFFD stands for it. */
    if (cv_text_display(s, 0, cv_cli_file_write, f) != CV_OK)
        fputs("\xEF\xBF\xBD", f);
}

/* Set once from main, before any thread starts. */
static cv_lang marker_lang = CV_LANG_JA;

void cv_cli_set_lang(cv_lang lang)
{
    marker_lang = lang;
}

void cv_cli_put_quoted(FILE *f, const char *s, size_t max_chars)
{
    if (cv_text_quote(s, max_chars, 0, marker_lang, cv_cli_file_write, f) !=
        CV_OK)
        fputs("\xEF\xBF\xBD", f);
}

/* A workbook cell ("Sheet!C12"): JSON Pointers and XPaths start with
 * '/', a cell reference never does. It is printed where a line number
 * would be, file:Sheet!C12, the way a vendor finds it in Excel. */
static bool is_cell_path(const cv_diag *d)
{
    return d->line == 0 && d->path && d->path[0] && d->path[0] != '/';
}

void cv_cli_print_diag(FILE *f, const cv_diag *d)
{
    cv_cli_put_quoted(f, d->source && *d->source ? d->source : "<input>",
                      CV_CLI_PATH_MAX_CHARS);
    if (is_cell_path(d)) {
        fputc(':', f);
        cv_cli_put_quoted(f, d->path, CV_CLI_PATH_MAX_CHARS);
        fprintf(f, ": %s: ", cv_severity_str(d->severity));
        cv_cli_put_quoted(f, d->message, CV_CLI_MESSAGE_MAX_CHARS);
        fputc('\n', f);
        return;
    }
    if (d->line) {
        fprintf(f, ":%u", d->line);
        if (d->column)
            fprintf(f, ":%u", d->column);
    }
    fputs(": ", f);
    if (d->path && *d->path) {
        cv_cli_put_quoted(f, d->path, CV_CLI_PATH_MAX_CHARS);
        fputs(": ", f);
    }
    fprintf(f, "%s: ", cv_severity_str(d->severity));
    cv_cli_put_quoted(f, d->message, CV_CLI_MESSAGE_MAX_CHARS);
    fputc('\n', f);
}

void cv_cli_error(const char *fmt, ...)
{
    /* Its arguments can be paths found in a folder of submissions: the
     * whole line is cleaned like any other text we did not write. */
    char line[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    fputs("cloudvet: ", stderr);
    cv_cli_put_safe(stderr, line);
    fputc('\n', stderr);
}

int cv_cli_file_write(const char *buf, size_t len, void *payload)
{
    return fwrite(buf, 1, len, payload) == len ? 0 : -1;
}
