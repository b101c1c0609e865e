/* SPDX-License-Identifier: MIT */
/* io.c: read a whole regular file under a size cap (see io.h). */
#include "io.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

cv_status cv_io_read_file(char **buf_out, size_t *len_out, const char *path,
                          size_t max_bytes, struct cv_diags *diags)
{
    struct cv_loc loc = { path, NULL, 0, 0 };
    cv_lang lang = diags->lang;
    struct stat st;
    char *buf = NULL;
    size_t len = 0, cap;
    cv_status rc = CV_OK;
    int fd;

    *buf_out = NULL;
    *len_out = 0;
    /* O_NONBLOCK: opening a FIFO must not hang waiting for a writer. */
    fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return cv_diags_fail(diags, CV_EIO, &loc,
                             CV_L(lang, "ファイルを開けません: %s",
                                  "cannot open file: %s"),
                             strerror(errno));
    if (fstat(fd, &st) != 0) {
        rc = cv_diags_fail(diags, CV_EIO, &loc, "%s", strerror(errno));
        goto out;
    }
    if (!S_ISREG(st.st_mode)) {
        rc = cv_diags_fail(diags, CV_EIO, &loc,
                           CV_L(lang, "通常のファイルではありません",
                                "not a regular file"));
        goto out;
    }
    if ((unsigned long long)st.st_size > max_bytes) {
        rc = cv_diags_fail(
            diags, CV_ELIMIT, &loc,
            CV_L(lang,
                 "ファイルが大きすぎます (%lld バイト、上限 max_input_bytes = "
                 "%zu バイト)",
                 "file too large (%lld bytes; limit max_input_bytes is %zu "
                 "bytes)"),
            (long long)st.st_size, max_bytes);
        goto out;
    }
    cap = (size_t)st.st_size + 1;
    buf = malloc(cap);
    if (!buf) {
        rc = CV_ENOMEM;
        goto out;
    }
    /* The file may grow while we read: never read past the cap. */
    for (;;) {
        ssize_t n;
        if (len + 1 == cap) {
            char *nb;
            if (cap - 1 >= max_bytes + 1) {
                rc = cv_diags_fail(diags, CV_ELIMIT, &loc,
                                   CV_L(lang, "ファイルが大きすぎます",
                                        "file too large"));
                goto out;
            }
            cap = cap * 2 > max_bytes + 2 ? max_bytes + 2 : cap * 2;
            nb = realloc(buf, cap);
            if (!nb) {
                rc = CV_ENOMEM;
                goto out;
            }
            buf = nb;
        }
        n = read(fd, buf + len, cap - 1 - len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            rc = cv_diags_fail(diags, CV_EIO, &loc,
                               CV_L(lang, "読み取りに失敗しました: %s",
                                    "read failed: %s"),
                               strerror(errno));
            goto out;
        }
        if (n == 0)
            break;
        len += (size_t)n;
    }
    if (len > max_bytes) {
        rc = cv_diags_fail(diags, CV_ELIMIT, &loc,
                           CV_L(lang, "ファイルが大きすぎます",
                                "file too large"));
        goto out;
    }
    buf[len] = '\0';
    *buf_out = buf;
    *len_out = len;
    buf = NULL;
out:
    free(buf);
    close(fd);
    return rc;
}
