/* SPDX-License-Identifier: MIT */
/*
 * fuzz_xlsx.c: the registry-list readers (load/load_xlsx.c over libzip
 * and libxml2, load/load_csv.c).
 *
 * The input is read three ways:
 *   - as it is, by the CSV reader (any bytes are a candidate CSV file);
 *   - when it starts with "PK\3\4", as it is, by the workbook reader;
 *   - when it starts with "@@ ", as the parts of a workbook, each
 *     "@@ NAME\n" line followed by the part's bytes up to the next
 *     "\n@@ ", zipped (stored) in memory and given to the workbook reader.
 *     The fuzzer then mutates the XML of the parts instead of breaking
 *     the zip's checksums, which is where our code is.
 * Whatever the bytes, each reader returns a status and says why it
 * failed; tables that load keep table.h's invariants within the limits
 * (small, so that each one is reached), and libxml2 never prints.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../registry/zipbuild.h"
#include "base/arena.h"
#include "base/diag.h"
#include "base/unicode.h"
#include "fuzz.h"
#include "fuzz_util.h"
#include "load/table.h"

#define MAX_PARTS 32

static const struct cv_table_limits limits = {
    (size_t)1 << 20, /* max_file_bytes */
    (size_t)1 << 20, /* max_part_bytes */
    (size_t)4096,    /* max_cells */
    (size_t)64,      /* max_columns */
    (size_t)1024,    /* max_cell_bytes */
    (size_t)8,       /* max_sheets */
    (size_t)4 << 20  /* max_total_bytes */
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    FUZZ_SETUP(cv_global_init() == CV_OK);
    fuzz_forbid_libxml2_output();
    return 0;
}

/* table.h's promises. */
static void check_tables(const struct cv_sheets *t, bool csv)
{
    size_t s, r, c, slots = 0, cells = 0;
    FUZZ_CHECK(t->count >= 1 && t->count <= limits.max_sheets);
    FUZZ_CHECK(!csv || t->count == 1);
    for (s = 0; s < t->count; s++) {
        const struct cv_table *sh = &t->sheets[s];
        unsigned prev = 0;
        FUZZ_CHECK(sh->name && cv_utf8_valid(sh->name, strlen(sh->name)));
        FUZZ_CHECK(sh->nrows == 0 || sh->rows);
        for (r = 0; r < sh->nrows; r++) {
            const struct cv_table_row *row = &sh->rows[r];
            FUZZ_CHECK(row->number > prev);
            prev = row->number;
            FUZZ_CHECK(csv || row->number <= 1048576u);
            FUZZ_CHECK(row->ncells >= 1 && row->ncells <= limits.max_columns);
            FUZZ_CHECK(row->cells[row->ncells - 1] != NULL);
            slots += row->ncells;
            for (c = 0; c < row->ncells; c++) {
                const char *text = row->cells[c];
                size_t len;
                if (!text)
                    continue;
                len = strlen(text);
                FUZZ_CHECK(len > 0 && len <= limits.max_cell_bytes);
                FUZZ_CHECK(cv_utf8_valid(text, len));
                cells++;
            }
        }
    }
    FUZZ_CHECK(slots <= limits.max_cells);
    FUZZ_CHECK(cells <= slots);
}

static void run(bool csv, const char *buf, size_t len)
{
    struct cv_arena arena;
    struct cv_diags diags;
    struct cv_table_req req;
    struct cv_sheets tables;
    cv_status st;

    cv_arena_init(&arena);
    cv_diags_init(&diags, &arena, len % 2 ? CV_LANG_EN : CV_LANG_JA, 32);
    req.source = csv ? "lists/fuzz.csv" : "fuzz.xlsx";
    req.buf = buf;
    req.len = len;
    req.limits = &limits;
    req.arena = &arena;
    req.diags = &diags;
    st = csv ? cv_load_csv(&tables, &req) : cv_load_xlsx(&tables, &req);
    if (st == CV_OK)
        check_tables(&tables, csv);
    else
        FUZZ_CHECK(tables.count == 0 && tables.sheets == NULL);
    fuzz_check_diags(&diags, st);
    cv_arena_release(&arena);
}

/* "@@ NAME\nDATA\n@@ NAME\nDATA..." -> a stored zip of those parts */
static unsigned char *zip_parts(const char *p, size_t n, size_t *len_out)
{
    struct zb_entry parts[MAX_PARTS] = { { 0 } };
    char *names[MAX_PARTS];
    size_t count = 0, i;
    unsigned char *zip;
    const char *end = p + n;

    while (p < end && count < MAX_PARTS && end - p >= 3 &&
           memcmp(p, "@@ ", 3) == 0) {
        const char *name = p + 3, *nl, *next = NULL, *q;
        nl = memchr(name, '\n', (size_t)(end - name));
        if (!nl)
            break;
        for (q = nl + 1; q + 4 <= end; q++)
            if (memcmp(q, "\n@@ ", 4) == 0) {
                next = q;
                break;
            }
        names[count] = strndup(name, (size_t)(nl - name));
        FUZZ_SETUP(names[count] != NULL);
        memset(&parts[count], 0, sizeof(parts[count]));
        parts[count].name = names[count];
        parts[count].data = nl + 1;
        parts[count].len = (size_t)((next ? next : end) - (nl + 1));
        count++;
        p = next ? next + 1 : end;
    }
    zip = zb_build(parts, count, len_out);
    for (i = 0; i < count; i++)
        free(names[i]);
    return zip;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *buf = (const char *)data;
    run(true, buf, size);
    if (cv_table_is_zip(buf, size)) {
        run(false, buf, size);
    } else if (size >= 3 && memcmp(buf, "@@ ", 3) == 0) {
        size_t len = 0;
        unsigned char *zip = zip_parts(buf, size, &len);
        if (zip)
            run(false, (const char *)zip, len);
        free(zip);
    }
    return 0;
}
