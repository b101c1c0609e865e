/* SPDX-License-Identifier: MIT */
/* inputs.h: expand the command line's files and directories. */
#ifndef CV_CLI_INPUTS_H
#define CV_CLI_INPUTS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "cloudvet.h"

/* How many directories below the one given a walk descends; deeper ones
 * are skipped with a warning naming this limit. */
#define CV_INPUTS_MAX_DEPTH 16

struct cv_inputs {
    char **paths;
    size_t count;
    size_t cap;
    cv_lang lang;   /* of the warnings about skipped entries */
    bool skip_dir;  /* a directory never walked (--out): skip_dev/ino */
    dev_t skip_dev;
    ino_t skip_ino;
    size_t skipped; /* entries left out of a walk, each with a warning */
};

/* The language of the warnings, and the directory a walk must never
 * enter (evaluate's --out, so a run never reads its own reports; NULL or
 * "-": none). Call before adding; a directory that does not exist yet
 * cannot be inside the tree. */
void cv_inputs_setup(struct cv_inputs *in, cv_lang lang, const char *skip);
/* Adds `arg`: a file as given (a symlink named here is followed: the user
 * chose it), or a directory's *.json and *.xml regular files, recursively
 * up to CV_INPUTS_MAX_DEPTH, sorted by name so runs are reproducible.
 * Inside a directory nothing is followed or opened that is not a regular
 * file or a directory: symlinks, FIFOs, sockets and devices are skipped,
 * each with a warning on stderr naming it (and where a link points); so
 * is the setup's skip directory and anything too deep. A missing path is
 * still added: evaluating it reports it as unreadable. Returns 0, or -1
 * when out of memory. */
int cv_inputs_add(struct cv_inputs *in, const char *arg);
/* Adds every path listed in the file `list` ("-": standard input), one
 * per line (directories expand as on the command line); blank lines are
 * skipped. Returns an exit code (exitcode.h). */
int cv_inputs_add_list(struct cv_inputs *in, const char *list);
void cv_inputs_free(struct cv_inputs *in);

#endif
