/* SPDX-License-Identifier: MIT */
/*
 * corpus_main.c: runs a fuzz target without libFuzzer, as an ordinary
 * test (libgit2's standalone_driver.c, zstd's regression_driver.c).
 *
 *   fuzz_corpus_<target> PATH...
 *
 * Each PATH is a file or a directory whose files (not dot files, not
 * README.md, in name order) are given to LLVMFuzzerTestOneInput one at a
 * time, each in a buffer of exactly its size so that ASan sees a read
 * past the end. A target reports a broken property by aborting, so a
 * failure is the process dying (with the sanitizer's report and the name
 * of the input printed just before); a run that finishes prints
 * "N passed, 0 failed".
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static size_t passed;

/* Reads the whole file into a buffer of exactly its size. */
static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    unsigned char *buf;
    size_t n;

    if (!f || fstat(fileno(f), &st) != 0 || st.st_size < 0) {
        fprintf(stderr, "fuzz_corpus: cannot read %s: %s\n", path,
                strerror(errno));
        if (f)
            fclose(f);
        return -1;
    }
    n = (size_t)st.st_size;
    buf = malloc(n ? n : 1);
    if (!buf || fread(buf, 1, n, f) != n) {
        fprintf(stderr, "fuzz_corpus: cannot read %s\n", path);
        free(buf);
        fclose(f);
        return -1;
    }
    fclose(f);
    printf("%s\n", path);
    fflush(stdout);
    LLVMFuzzerTestOneInput(buf, n);
    free(buf);
    passed++;
    return 0;
}

static int skip(const struct dirent *e)
{
    return e->d_name[0] != '.' && strcmp(e->d_name, "README.md") != 0;
}

static int run_path(const char *path)
{
    struct stat st;
    struct dirent **names;
    int n, i, rc = 0;

    if (stat(path, &st) != 0) {
        fprintf(stderr, "fuzz_corpus: %s: %s\n", path, strerror(errno));
        return -1;
    }
    if (!S_ISDIR(st.st_mode))
        return run_file(path);
    n = scandir(path, &names, skip, alphasort);
    if (n < 0) {
        fprintf(stderr, "fuzz_corpus: %s: %s\n", path, strerror(errno));
        return -1;
    }
    for (i = 0; i < n; i++) {
        size_t len = strlen(path) + strlen(names[i]->d_name) + 2;
        char *child = malloc(len);
        if (!child) {
            rc = -1;
        } else {
            snprintf(child, len, "%s/%s", path, names[i]->d_name);
            if (rc == 0)
                rc = run_path(child);
        }
        free(child);
        free(names[i]);
    }
    free(names);
    return rc;
}

int main(int argc, char **argv)
{
    int i;
    if (argc < 2) {
        fprintf(stderr, "usage: %s CORPUS_DIR_OR_FILE...\n", argv[0]);
        return 2;
    }
    LLVMFuzzerInitialize(&argc, &argv);
    for (i = 1; i < argc; i++) {
        if (run_path(argv[i]) != 0) {
            printf("%zu passed, 1 failed\n", passed);
            return 1;
        }
    }
    printf("%zu passed, 0 failed\n", passed);
    return 0;
}
