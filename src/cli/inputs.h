/* SPDX-License-Identifier: MIT */
/* inputs.h: expand the command line's files and directories. */
#ifndef CV_CLI_INPUTS_H
#define CV_CLI_INPUTS_H

#include <stddef.h>

struct cv_inputs {
    char **paths;
    size_t count;
    size_t cap;
};

/* Adds `arg`: a file as given, or a directory's *.json and *.xml files
 * (recursively, sorted by name so runs are reproducible). A missing path
 * is still added: evaluating it reports it as unreadable. Returns 0, or
 * -1 when out of memory. */
int cv_inputs_add(struct cv_inputs *in, const char *arg);
/* Adds every path listed in the file `list` ("-": standard input), one
 * per line (directories expand as on the command line); blank lines are
 * skipped. Returns an exit code (exitcode.h). */
int cv_inputs_add_list(struct cv_inputs *in, const char *list);
void cv_inputs_free(struct cv_inputs *in);

#endif
