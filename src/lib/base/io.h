/* SPDX-License-Identifier: MIT */
/* io.h: bounded whole-file reading. */
#ifndef CV_IO_H
#define CV_IO_H

#include <stddef.h>

#include "diag.h"

/*
 * Reads the regular file `path` into a malloc'ed buffer (NUL-terminated,
 * not counted in *len_out). Refuses directories, FIFOs and devices and
 * anything larger than `max_bytes`, with a diagnostic on `path`.
 * Returns CV_OK, CV_EIO, CV_ELIMIT or CV_ENOMEM.
 */
cv_status cv_io_read_file(char **buf_out, size_t *len_out, const char *path,
                          size_t max_bytes, struct cv_diags *diags);

#endif
