/* SPDX-License-Identifier: MIT */
/*
 * publish.h: one report set, published as one step.
 *
 * `cloudvet evaluate --out DIR` never changes DIR file by file. It locks
 * DIR, writes the whole new set (every asked format, report.ndjson when
 * streamed, record.json and with --sign record.sig last) into a staging
 * directory beside DIR
 * (".DIR.new-XXXXXX" in the same parent, so on the same file system),
 * syncs it, and swaps the two directories with one
 * renameat2(RENAME_EXCHANGE). A reader, a crash or kill -9 at any moment
 * sees the old set or the new set, never a mix; the old set, now at the
 * staging name, is then removed (or by the next run, if this one dies).
 *
 * Because the directory is replaced as a whole, DIR may hold nothing but
 * cloudvet's own files (report.<format>, report.ndjson, record.json,
 * record.sig, and the manifest.json and hidden temporary files of older
 * versions): anything else is named and the run refuses before it
 * changes anything.
 *
 * Where the file system cannot exchange two directories (EINVAL, ENOSYS),
 * or DIR is a mount point (EXDEV, EBUSY), the run refuses with a message
 * saying so and the old set is left as it was: there is no fallback that
 * could show a mix.
 */
#ifndef CV_CLI_PUBLISH_H
#define CV_CLI_PUBLISH_H

#include <stdbool.h>

#include "cloudvet.h"
#include "write.h"

/* The steps of a publish, in order (the fault hook's points). */
enum cv_cli_publish_step {
    CV_PUBLISH_LOCKED = 0, /* DIR exists, is locked and was checked */
    CV_PUBLISH_STAGED,     /* the staging directory exists */
    CV_PUBLISH_FILE,       /* one file of the set is complete (detail) */
    CV_PUBLISH_RECORD,     /* record.json (and record.sig) complete */
    CV_PUBLISH_SYNCED,     /* staging synced; the exchange comes next */
    CV_PUBLISH_EXCHANGED,  /* the new set is DIR, the old one is staged */
    CV_PUBLISH_CLEANUP,    /* one file of the old set removed (detail) */
    CV_PUBLISH_STEP_COUNT
};

/*
 * Fault injection for tests/cli/test_publish.c, which links this file
 * directly: NULL in the cloudvet command, where nothing sets it. When
 * set, it is called at every step with the step and a detail (a file
 * name or ""); a non-zero return makes that step fail as an I/O error
 * (EIO) would. A hook may also end the process there (a kill).
 */
extern int (*cv_cli_publish_fault)(enum cv_cli_publish_step step,
                                   const char *detail);

struct cv_cli_publish;

/*
 * Creates DIR when it does not exist, locks it against another run,
 * checks that it holds only cloudvet's files, removes what a killed run
 * left beside it, and creates the staging directory. Prints why not and
 * returns an exit code (CV_EXIT_INTERNAL); *out is NULL then.
 */
int cv_cli_publish_begin(struct cv_cli_publish **out, const char *dir,
                         cv_lang lang);

/* Opens report.ndjson in the staging directory, streamed while the
 * batch runs; write through `*write`, `*payload`. Returns an exit code. */
int cv_cli_publish_stream(struct cv_cli_publish *p, cv_write_fn *write,
                          void **payload);
/* A streamed write failed with `st`: the stream's format is dropped from
 * the set, with the reason (the errno of the failed write, else `st`). */
void cv_cli_publish_stream_failed(struct cv_cli_publish *p, cv_status st);

/* Records one input for record.json: its path as reported and its
 * SHA-256 ("" when it could not be read). Returns an exit code. */
int cv_cli_publish_input(struct cv_cli_publish *p, const char *file,
                         const char *sha256);

/* Writes every format of `set` into the staging directory. A format that
 * fails is printed with its reason and left out; the others go on. */
void cv_cli_publish_reports(struct cv_cli_publish *p, const cv_report *report,
                            cv_cli_formats set, const cv_ctx *ctx);

/*
 * What record.json says of the run beyond its files (docs/record.md):
 * the options as given (the invocation `verify --rerun` repeats), the
 * report (its method hash; NULL for an ndjson-only run), the tender and
 * decisions files (or NULL), the registry snapshot used (its directory
 * and file name, or NULL) and the key to sign the record with (or NULL).
 * All borrowed until the commit.
 */
struct cli;
struct cv_cli_record {
    const struct cli *cli;
    const cv_report *report;
    const cv_tender *tender;
    const cv_decisions *decisions;
    const char *registry_dir;
    const char *registry_name;
    const char *sign_key;
};
void cv_cli_publish_describe(struct cv_cli_publish *p,
                             const struct cv_cli_record *rec);

/* --sign KEY checked before anything is evaluated: the key must be a
 * readable Ed25519 private key, and the set must go to a directory (a
 * record is not written to stdout). Prints why not; CV_EXIT_USAGE. */
int cv_cli_publish_check_key(const char *key, bool to_stdout, cv_lang lang);

/*
 * Closes the streams, writes record.json (and record.sig when a key was
 * described) and publishes the set.
 * Returns CV_EXIT_OK; CV_EXIT_PARTIAL when some formats failed and the
 * others were published; CV_EXIT_INTERNAL when nothing was published
 * (the old set is as it was).
 */
int cv_cli_publish_commit(struct cv_cli_publish *p, const cv_criteria *crit,
                          const char *as_of);

/* The formats of the published set (after a commit). */
cv_cli_formats cv_cli_publish_written(const struct cv_cli_publish *p,
                                      bool *ndjson);

/* Releases `p` (NULL is fine); before a commit, drops the staging
 * directory, leaving DIR as it was. Unlocks DIR. */
void cv_cli_publish_end(struct cv_cli_publish *p);

#endif
