/* SPDX-License-Identifier: MIT */
/* inputs.c: command-line inputs (see inputs.h). */
#include "inputs.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "exitcode.h"

static int push(struct cv_inputs *in, const char *path)
{
    char *copy;
    if (in->count == in->cap) {
        size_t ncap = in->cap ? in->cap * 2 : 32;
        char **n = realloc(in->paths, ncap * sizeof(*n));
        if (!n)
            return -1;
        in->paths = n;
        in->cap = ncap;
    }
    copy = strdup(path);
    if (!copy)
        return -1;
    in->paths[in->count++] = copy;
    return 0;
}

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int wanted(const char *name)
{
    size_t n = strlen(name);
    return name[0] != '.' &&
           ((n > 5 && strcmp(name + n - 5, ".json") == 0) ||
            (n > 4 && strcmp(name + n - 4, ".xml") == 0));
}

static int add_dir(struct cv_inputs *in, const char *dir, int depth)
{
    DIR *d;
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0, i;
    int rc = 0;
    if (depth > 16)
        return 0;
    d = opendir(dir);
    if (!d)
        return push(in, dir);
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 32;
            char **nn = realloc(names, ncap * sizeof(*nn));
            if (!nn) {
                rc = -1;
                break;
            }
            names = nn;
            cap = ncap;
        }
        names[n] = strdup(e->d_name);
        if (!names[n]) {
            rc = -1;
            break;
        }
        n++;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof(*names), cmp);
    for (i = 0; i < n && rc == 0; i++) {
        size_t len = strlen(dir) + strlen(names[i]) + 2;
        char *path = malloc(len);
        struct stat st;
        if (!path) {
            rc = -1;
            break;
        }
        snprintf(path, len, "%s%s%s", dir,
                 dir[strlen(dir) - 1] == '/' ? "" : "/", names[i]);
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
            rc = add_dir(in, path, depth + 1);
        else if (wanted(names[i]))
            rc = push(in, path);
        free(path);
    }
    for (i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

int cv_inputs_add(struct cv_inputs *in, const char *arg)
{
    struct stat st;
    if (stat(arg, &st) == 0 && S_ISDIR(st.st_mode))
        return add_dir(in, arg, 0);
    return push(in, arg);
}

int cv_inputs_add_list(struct cv_inputs *in, const char *list)
{
    FILE *f = strcmp(list, "-") == 0 ? stdin : fopen(list, "r");
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = CV_EXIT_OK;
    if (!f) {
        fprintf(stderr, "cloudvet: --files-from: %s: %s\n", list,
                strerror(errno));
        return CV_EXIT_USAGE;
    }
    while (rc == CV_EXIT_OK && (n = getline(&line, &cap, f)) >= 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n > 0)
            rc = cv_inputs_add(in, line) == 0 ? CV_EXIT_OK : CV_EXIT_INTERNAL;
    }
    if (rc == CV_EXIT_OK && ferror(f)) {
        fprintf(stderr, "cloudvet: --files-from: %s: %s\n", list,
                strerror(errno));
        rc = CV_EXIT_USAGE;
    }
    free(line);
    if (f != stdin)
        fclose(f);
    return rc;
}

void cv_inputs_free(struct cv_inputs *in)
{
    size_t i;
    for (i = 0; i < in->count; i++)
        free(in->paths[i]);
    free(in->paths);
    in->paths = NULL;
    in->count = in->cap = 0;
}
