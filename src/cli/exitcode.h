/* SPDX-License-Identifier: MIT */
/* exitcode.h: the cloudvet command's exit codes (also in README.md). */
#ifndef CV_EXITCODE_H
#define CV_EXITCODE_H

enum cv_exit {
    CV_EXIT_OK = 0,           /* done; for `check`: it would qualify */
    CV_EXIT_NOT_QUALIFIED = 1, /* `check`: it would not qualify */
    CV_EXIT_USAGE = 2,        /* bad arguments; `check`: unreadable input */
    CV_EXIT_INPUT = 3,        /* `evaluate`: an input was invalid (the report
                                 is still written and lists it) */
    CV_EXIT_CRITERIA = 4,     /* criteria, profile or data table invalid */
    CV_EXIT_INTERNAL = 5,     /* the report was not written: the output
                                 directory is unwritable or full, or out
                                 of memory */
    CV_EXIT_CONDITIONAL = 6,  /* `check`: it would qualify only once a
                                 person confirms the mandatory criteria
                                 that are merely claimed */
    CV_EXIT_PARTIAL = 7       /* `evaluate`: some report formats could not
                                 be written; the others are published and
                                 record.json says which failed and why
                                 (takes precedence over 3) */
};

#endif
