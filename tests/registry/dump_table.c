/* SPDX-License-Identifier: MIT */
/*
 * dump_table.c: reads one workbook or CSV file with the registry-list
 * readers (load/table.h) and prints what they return as JSON lines, for
 * tests/registry/test_tables.py to compare with what it wrote.
 *
 *   cv_dump_table [--lang ja|en] [--csv|--xlsx] [--limit NAME=N]... FILE
 *
 * Output, one JSON object per line, in this order:
 *   {"sheet": NAME, "index": I, "nrows": N[, "hidden": true]}  once per
 *     sheet, in workbook order,
 *   {"sheet": NAME, "row": R, "cells": [TEXT|null, ...]}  its rows;
 *   {"diag": {"severity", "code", "path", "line", "message"}}  each
 *     diagnostic;
 *   {"status": "ok" | cv_status_str(...)}   last.
 * The format is --csv/--xlsx, else a zip signature means xlsx. NAME of
 * --limit is a field of struct cv_table_limits. Exit status 0 when the
 * file was read, 1 when the reader failed, 2 on a usage error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/io.h"
#include "cloudvet.h"
#include "load/table.h"

static void put_json(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    if (!s) {
        fputs("null", stdout);
        return;
    }
    putchar('"');
    for (; *p; p++) {
        if (*p == '"' || *p == '\\')
            printf("\\%c", *p);
        else if (*p < 0x20 || *p == 0x7F)
            printf("\\u%04x", *p);
        else
            putchar(*p);
    }
    putchar('"');
}

static int set_limit(struct cv_table_limits *lim, const char *arg)
{
    static const struct {
        const char *name;
        size_t offset;
    } fields[] = {
        { "max_file_bytes", offsetof(struct cv_table_limits, max_file_bytes) },
        { "max_part_bytes", offsetof(struct cv_table_limits, max_part_bytes) },
        { "max_cells", offsetof(struct cv_table_limits, max_cells) },
        { "max_columns", offsetof(struct cv_table_limits, max_columns) },
        { "max_cell_bytes", offsetof(struct cv_table_limits, max_cell_bytes) },
        { "max_sheets", offsetof(struct cv_table_limits, max_sheets) },
        { "max_total_bytes",
          offsetof(struct cv_table_limits, max_total_bytes) },
    };
    const char *eq = strchr(arg, '=');
    char *end;
    unsigned long long v;
    size_t i;
    if (!eq)
        return -1;
    v = strtoull(eq + 1, &end, 10);
    if (*end || end == eq + 1)
        return -1;
    for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
        if (strlen(fields[i].name) == (size_t)(eq - arg) &&
            memcmp(fields[i].name, arg, (size_t)(eq - arg)) == 0) {
            size_t value = (size_t)v;
            memcpy((char *)lim + fields[i].offset, &value, sizeof(value));
            return 0;
        }
    return -1;
}

int main(int argc, char **argv)
{
    struct cv_table_limits lim = CV_TABLE_LIMITS_DEFAULT;
    struct cv_arena arena;
    struct cv_diags diags;
    struct cv_table_req req;
    struct cv_sheets tables;
    cv_lang lang = CV_LANG_EN;
    const char *path = NULL;
    int format = 0; /* 0 auto, 1 csv, 2 xlsx */
    char *buf = NULL;
    size_t len = 0, s;
    cv_status st;
    int i;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) {
            lang = strcmp(argv[++i], "ja") == 0 ? CV_LANG_JA : CV_LANG_EN;
        } else if (strcmp(argv[i], "--csv") == 0) {
            format = 1;
        } else if (strcmp(argv[i], "--xlsx") == 0) {
            format = 2;
        } else if (strcmp(argv[i], "--limit") == 0 && i + 1 < argc) {
            if (set_limit(&lim, argv[++i]) != 0) {
                fprintf(stderr, "cv_dump_table: bad --limit '%s'\n", argv[i]);
                return 2;
            }
        } else if (!path && argv[i][0] != '-') {
            path = argv[i];
        } else {
            fprintf(stderr,
                    "usage: cv_dump_table [--lang ja|en] [--csv|--xlsx] "
                    "[--limit NAME=N]... FILE\n");
            return 2;
        }
    }
    if (!path) {
        fprintf(stderr, "cv_dump_table: no file\n");
        return 2;
    }
    if (cv_global_init() != CV_OK)
        return 2;
    cv_arena_init(&arena);
    cv_diags_init(&diags, &arena, lang, 1000);
    st = cv_io_read_file(&buf, &len, path, (size_t)1 << 30, &diags);
    if (st == CV_OK) {
        req.source = path;
        req.buf = buf;
        req.len = len;
        req.limits = &lim;
        req.arena = &arena;
        req.diags = &diags;
        if (format == 0)
            format = cv_table_is_zip(buf, len) ? 2 : 1;
        st = format == 2 ? cv_load_xlsx(&tables, &req)
                         : cv_load_csv(&tables, &req);
    }
    if (st == CV_OK)
        for (s = 0; s < tables.count; s++) {
            const struct cv_table *t = &tables.sheets[s];
            fputs("{\"sheet\": ", stdout);
            put_json(t->name);
            printf(", \"index\": %zu, \"nrows\": %zu%s}\n", s, t->nrows,
                   t->hidden ? ", \"hidden\": true" : "");
            for (size_t r = 0; r < t->nrows; r++) {
                const struct cv_table_row *row = &t->rows[r];
                fputs("{\"sheet\": ", stdout);
                put_json(t->name);
                printf(", \"row\": %u, \"cells\": [", row->number);
                for (size_t c = 0; c < row->ncells; c++) {
                    if (c)
                        fputs(", ", stdout);
                    put_json(row->cells[c]);
                }
                fputs("]}\n", stdout);
            }
        }
    for (s = 0; s < diags.count; s++) {
        const cv_diag *d = &diags.items[s];
        printf("{\"diag\": {\"severity\": \"%s\", \"code\": \"%s\", "
               "\"path\": ",
               cv_severity_str(d->severity), cv_status_str(d->code));
        put_json(d->path);
        printf(", \"line\": %u, \"message\": ", d->line);
        put_json(d->message);
        fputs("}}\n", stdout);
    }
    printf("{\"status\": \"%s\"}\n", cv_status_str(st));
    free(buf);
    cv_arena_release(&arena);
    cv_global_cleanup();
    return st == CV_OK ? 0 : 1;
}
