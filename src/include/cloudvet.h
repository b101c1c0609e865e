/* SPDX-License-Identifier: MIT */
/*
 * cloudvet.h: the one public header of the cloudvet library.
 *
 * The library reads vendor questionnaires (JSON or XML), evaluates them
 * against a clause-cited criteria profile and writes the evaluation report.
 * It never prints, never exits and never reads the environment: everything
 * it has to say comes back as a status and as diagnostics.
 *
 * Pipeline:  cv_criteria_load (once per run, read-only afterwards)
 *            -> cv_submission_evaluate (per input: load, normalise, evaluate)
 *            -> cv_report_add / cv_report_write.
 *
 * Ownership: objects returned through `out` parameters belong to the caller
 * and are released with the matching _free function (all NULL-safe).
 * Strings returned by accessors are borrowed from the object they came from.
 */
#ifndef CLOUDVET_H
#define CLOUDVET_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define CV_NODISCARD __attribute__((warn_unused_result))
#else
#define CV_NODISCARD
#endif

#define CV_VERSION_STRING "0.1.0"

/* ---- status ------------------------------------------------------------ */

/** Result of every fallible call; values never change once released. */
typedef enum cv_status {
    CV_OK = 0,
    CV_ERROR = -1,       /* generic; details in diagnostics */
    CV_ENOMEM = -2,      /* an allocation failed */
    CV_EIO = -3,         /* a file could not be read or written */
    CV_EPARSE = -4,      /* a document is not well-formed JSON/XML */
    CV_EINVALID = -5,    /* well-formed, but not a valid questionnaire */
    CV_ECRITERIA = -6,   /* criteria, profile or data table is invalid */
    CV_ELIMIT = -7,      /* a cv_limits bound was exceeded */
    CV_EUSAGE = -8       /* an argument was out of range */
} cv_status;

/** A short English name for a status ("ok", "out of memory", ...). */
const char *cv_status_str(cv_status st);

/* ---- languages, limits, options ----------------------------------------- */

/** Language of every user-facing text the library produces. */
typedef enum cv_lang { CV_LANG_JA = 0, CV_LANG_EN = 1 } cv_lang;

/** Bounds applied to every input; a hit is a diagnostic naming the limit. */
typedef struct cv_limits {
    size_t max_input_bytes;  /* one submission or data file; default 16 MiB */
    unsigned max_depth;      /* nesting of objects/arrays/elements; 64 */
    size_t max_nodes;        /* values in one document; 200 000 */
    size_t max_string_bytes; /* one string value; 1 MiB */
    size_t max_diagnostics;  /* per submission; 1 000 */
    uint32_t regex_match_limit; /* pcre2 match limit; 100 000 */
} cv_limits;

#define CV_LIMITS_DEFAULT                                                     \
    {                                                                         \
        (size_t)16 << 20, 64u, (size_t)200000, (size_t)1 << 20,              \
            (size_t)1000, (uint32_t)100000                                    \
    }

/** Run options; start from CV_OPTIONS_INIT and change what you need. */
typedef struct cv_options {
    unsigned version;    /* CV_OPTIONS_VERSION */
    cv_lang lang;        /* CV_LANG_JA by default */
    cv_limits limits;
    char as_of[11];      /* evaluation date YYYY-MM-DD; required */
} cv_options;

#define CV_OPTIONS_VERSION 1u
#define CV_OPTIONS_INIT                                                       \
    {                                                                         \
        CV_OPTIONS_VERSION, CV_LANG_JA, CV_LIMITS_DEFAULT, { 0 }              \
    }

/* ---- diagnostics -------------------------------------------------------- */

typedef enum cv_severity {
    CV_SEV_NOTE = 0,
    CV_SEV_WARNING = 1,
    CV_SEV_ERROR = 2
} cv_severity;

/** "note", "warning" or "error" (the report's words). */
const char *cv_severity_str(cv_severity sev);

/**
 * One diagnostic. `path` is a JSON Pointer or an XPath (or "" when the
 * problem concerns the whole file); `line`/`column` are 1-based, 0 when
 * the parser does not know. `message` is in the run's language.
 */
typedef struct cv_diag {
    cv_severity severity;
    cv_status code;
    const char *source;
    const char *path;
    unsigned line;
    unsigned column;
    const char *message;
} cv_diag;

/* ---- opaque handles ------------------------------------------------------ */

typedef struct cv_ctx cv_ctx;               /* options + run diagnostics */
typedef struct cv_criteria cv_criteria;     /* profile + catalogue + tables */
typedef struct cv_submission cv_submission; /* one evaluated input */
typedef struct cv_report cv_report;         /* all submissions of a run */

/** Initialise the third-party libraries once per process. */
CV_NODISCARD cv_status cv_global_init(void);
void cv_global_cleanup(void);

/**
 * Create a run context. `opts->as_of` must be a valid YYYY-MM-DD date.
 * Returns CV_OK, CV_ENOMEM or CV_EUSAGE.
 */
CV_NODISCARD cv_status cv_ctx_new(cv_ctx **out, const cv_options *opts);
void cv_ctx_free(cv_ctx *ctx);

/** Run-level diagnostics (criteria loading, lint, usage). Borrowed. */
size_t cv_ctx_diag_count(const cv_ctx *ctx);
const cv_diag *cv_ctx_diag_at(const cv_ctx *ctx, size_t i);

/* ---- criteria ------------------------------------------------------------ */

/**
 * Load the schema, catalogue, data tables and a profile from `criteria_dir`.
 * `profile` is a profile id of `criteria_dir/profiles/`, a path to a
 * profile file, or NULL for the default profile. The result is read-only
 * and may be shared by threads. Errors are CV_ECRITERIA (details in the
 * ctx diagnostics), CV_EIO, CV_ENOMEM or CV_ELIMIT.
 */
CV_NODISCARD cv_status cv_criteria_load(cv_criteria **out, cv_ctx *ctx,
                                        const char *criteria_dir,
                                        const char *profile);
void cv_criteria_free(cv_criteria *crit);

/**
 * Check the whole catalogue, every profile and every data table in
 * `criteria_dir`, and resolve every citation of a source document against
 * the clause outline in documents.json; with `seeds_dir` (may be NULL),
 * also check that each document's text there is the one the outline was
 * built from (its SHA-256). With `profile` (may be NULL: a profile id of
 * `criteria_dir/profiles/` or a path to a profile file, such as a
 * municipality's own), also check that profile against the catalogue: the
 * parameters its checks and conditions name, their types, and that each
 * parameter it sets is used. Problems go to the ctx diagnostics; returns
 * CV_OK when there is none, CV_ECRITERIA otherwise.
 */
CV_NODISCARD cv_status cv_criteria_lint(cv_ctx *ctx, const char *criteria_dir,
                                        const char *seeds_dir,
                                        const char *profile);

/** Profile facts for printing (borrowed). */
const char *cv_criteria_profile_id(const cv_criteria *crit);
const char *cv_criteria_profile_version(const cv_criteria *crit);
const char *cv_criteria_sha256(const cv_criteria *crit);

/* ---- evaluation --------------------------------------------------------- */

typedef enum cv_verdict {
    CV_VERDICT_QUALIFIED = 0,
    CV_VERDICT_DISQUALIFIED = 1,
    CV_VERDICT_INVALID = 2
} cv_verdict;

typedef enum cv_result_status {
    CV_STATUS_MET = 0,
    CV_STATUS_CLAIMED,
    CV_STATUS_PARTIAL,
    CV_STATUS_NOT_MET,
    CV_STATUS_CONTRADICTED,
    CV_STATUS_UNANSWERED,
    CV_STATUS_NOT_APPLICABLE
} cv_result_status;

/** The report's word for a verdict / result status ("qualified", "met"). */
const char *cv_verdict_str(cv_verdict v);
const char *cv_result_status_str(cv_result_status s);

/*
 * The vocabulary people read: one table (src/lib/report/view.c) of the
 * status and verdict words and symbols and of the section and column
 * headings, shared by every human report format, `check` and the
 * terminal summary, so that a word means the same everywhere
 * (docs/report.md#words-and-symbols). Tokens such as "not_met" are for
 * programs (report.json, report.csv's `status`), never for people.
 */
/** "適合" / "met", "申告のみ (要確認)" / "claimed (check)", … */
const char *cv_status_word(cv_result_status s, cv_lang lang);
/** "○", "?", "△", "×", "!", "–", "/": readable without colour. */
const char *cv_status_symbol(cv_result_status s);
/** "適格" / "qualified", "失格" / "disqualified", "無効 (読み取れません)". */
const char *cv_verdict_word(cv_verdict v, cv_lang lang);
const char *cv_verdict_symbol(cv_verdict v);
/** A qualification on condition: "条件付き適格" / "conditionally
 * qualified", symbol "○※". */
const char *cv_conditional_word(cv_lang lang);
const char *cv_conditional_symbol(void);

/** The headings of sections and columns every human format shares. */
typedef enum cv_heading {
    CV_HEAD_REPORT_TITLE = 0, /* クラウドサービス評価報告書 */
    CV_HEAD_TENDER,           /* 入札案件 */
    CV_HEAD_TENDER_ID,        /* 案件番号 */
    CV_HEAD_TENDER_TITLE,     /* 件名 */
    CV_HEAD_PROFILE,          /* 評価基準 */
    CV_HEAD_CRITERIA_SHA256,  /* 基準の SHA-256 */
    CV_HEAD_AS_OF,            /* 評価日 */
    CV_HEAD_BIDS,             /* 入札 */
    CV_HEAD_RANKING,          /* 判定と順位 */
    CV_HEAD_BIDDER,           /* 入札者 */
    CV_HEAD_VERDICT,          /* 判定 */
    CV_HEAD_SCORE,            /* 得点 */
    CV_HEAD_RANK,             /* 順位 */
    CV_HEAD_NEEDS_REVIEW,     /* 要確認の件数 */
    CV_HEAD_FAILED_MANDATORY, /* 満たさない必須基準 */
    CV_HEAD_PENDING_MANDATORY, /* 確認待ちの必須基準 (申告のみ) */
    CV_HEAD_FILE,             /* ファイル */
    CV_HEAD_COMPARISON,       /* 比較表 */
    CV_HEAD_CRITERION,        /* 基準 */
    CV_HEAD_STATUS,           /* 結果 (of one criterion) */
    CV_HEAD_POINTS,           /* 得点 / 配点 */
    CV_HEAD_REASON,           /* 理由 */
    CV_HEAD_DETAIL,           /* 該当箇所 */
    CV_HEAD_CLAUSES,          /* 根拠条項 */
    CV_HEAD_REASONS,          /* 入札ごとの評価の理由 */
    CV_HEAD_PARAMETERS,       /* 評価基準のパラメータ */
    CV_HEAD_PARAMETER,        /* パラメータ */
    CV_HEAD_VALUE,            /* 値 */
    CV_HEAD_BASIS,            /* 根拠 */
    CV_HEAD_APPLIED_BY,       /* 用いる基準 */
    CV_HEAD_SOURCE,           /* 出典 */
    CV_HEAD_NOTE,             /* 注 */
    CV_HEAD_SYMBOLS,          /* 記号 */
    CV_HEAD_MANDATORY,        /* 必須 */
    CV_HEAD_BONUS,            /* 加点 */
    CV_HEAD_TO_CONFIRM,       /* 確認待ち */
    CV_HEAD_REGISTRY_CHECK,   /* ISMAP 登録簿との照合 */
    CV_HEAD_LINK_CHECKS,      /* リンクの確認 */
    CV_HEAD_DIAGNOSTICS,      /* 診断 */
    /* the award (tender, decisions, sensitivity) */
    CV_HEAD_AWARD,
    CV_HEAD_AWARD_RANK,
    CV_HEAD_PRICE,
    CV_HEAD_CEILING,
    CV_HEAD_TECHNICAL_POINTS,
    CV_HEAD_PRICE_POINTS,
    CV_HEAD_TOTAL_POINTS,
    CV_HEAD_ARITHMETIC,
    CV_HEAD_METHOD,
    CV_HEAD_METHOD_SHA256,
    CV_HEAD_SENSITIVITY,
    CV_HEAD_MARGIN,
    CV_HEAD_DECISIONS,
    CV_HEAD_DECIDED_BY,
    CV_HEAD_DECIDED_ON,
    CV_HEAD_TOOL_STATUS,
    CV_HEAD_DECISION,
    CV_HEAD_STALE_DECISIONS,
    CV_HEAD_COUNT
} cv_heading;

/** The heading in `lang`; "" for an id out of range. */
const char *cv_heading_text(cv_heading h, cv_lang lang);

/** One cited clause. */
typedef struct cv_citation {
    const char *document;
    const char *clause;
} cv_citation;

/** One criterion's result, as the report carries it. Borrowed. */
typedef struct cv_result_info {
    const char *id;
    const char *title;
    const char *category;
    int mandatory;
    cv_result_status status;
    double points;
    double max_points;
    const char *reason;
    size_t citation_count;
    const cv_citation *citations;
    int disqualifies; /* a mandatory criterion whose status disqualifies */
    /* The responsibility split the vendor's answer states (CAIQ v4 SSRM
     * Control Ownership): "provider", "customer", "shared_customer",
     * "third_party" or "shared_third_party". It never changes `status`. */
    const char *responsibility; /* NULL when the answer does not say */
    const char *customer_responsibilities; /* what the customer must do */
    int residual; /* the municipality must carry it (customer,
                     shared_customer, or a mark that could not be read) */
    /* Where the facts `reason` speaks of are in the vendor's file (JSON
     * Pointers, XPaths or workbook cells, joined by ", "), for a smaller
     * second line under the reason; NULL when none. */
    const char *detail;
} cv_result_info;

/**
 * Read, normalise and evaluate one submission held in memory. `name` is
 * the path as given (it is reported as such). A submission that cannot be
 * read as a questionnaire still yields CV_OK and a submission whose verdict
 * is CV_VERDICT_INVALID with its diagnostics: one bad file never stops a
 * run. Only CV_ENOMEM and CV_EUSAGE are returned as failures.
 */
CV_NODISCARD cv_status cv_submission_evaluate(cv_submission **out,
                                              cv_ctx *ctx,
                                              const cv_criteria *crit,
                                              const char *name,
                                              const void *buf, size_t len);

/**
 * Reads the file `path` and parses it with the submission reader (JSON or
 * XML), then frees the tree: nothing is normalised or evaluated. It
 * measures the reader alone (`cloudvet evaluate --parse-only`, the
 * benchmark's baseline). *bytes receives the size read. Returns CV_OK,
 * CV_EIO, CV_EPARSE, CV_ELIMIT or CV_ENOMEM.
 */
CV_NODISCARD cv_status cv_parse_file(cv_ctx *ctx, const char *path,
                                     size_t *bytes);

/** Like cv_submission_evaluate, reading the file `path` (size-capped). */
CV_NODISCARD cv_status cv_submission_evaluate_file(cv_submission **out,
                                                   cv_ctx *ctx,
                                                   const cv_criteria *crit,
                                                   const char *path);
void cv_submission_free(cv_submission *sub);

const char *cv_submission_file(const cv_submission *sub);
/** The SHA-256 of the submission's bytes, 64 hex digits; "" when the file
 * could not be read. Borrowed. */
const char *cv_submission_sha256(const cv_submission *sub);
const char *cv_submission_vendor(const cv_submission *sub);
const char *cv_submission_service(const cv_submission *sub);
/** The tender the bid answers: tender.id and tender.title as written, each
 * NULL when the bid does not say (or could not be read). */
const char *cv_submission_tender_id(const cv_submission *sub);
const char *cv_submission_tender_title(const cv_submission *sub);
cv_verdict cv_submission_verdict(const cv_submission *sub);
double cv_submission_score(const cv_submission *sub);
double cv_submission_max_score(const cv_submission *sub);
size_t cv_submission_needs_review(const cv_submission *sub);
/**
 * Whether a qualified submission qualifies only on condition: some
 * mandatory criterion is merely claimed (answered `yes` with no fact to
 * check), so a person must confirm it before the bid can be awarded.
 * 0 for every other verdict. The criteria to confirm are the pending
 * ones, in profile order; cv_submission_pending_at returns the criterion
 * id (borrowed), or NULL when `i` is out of range.
 */
int cv_submission_conditional(const cv_submission *sub);
size_t cv_submission_pending_count(const cv_submission *sub);
const char *cv_submission_pending_at(const cv_submission *sub, size_t i);
/** The bid's verdict as people read it (the vocabulary above), with a
 * qualification on condition said as such: "○※" "条件付き適格". */
const char *cv_submission_verdict_word(const cv_submission *sub,
                                       cv_lang lang);
const char *cv_submission_verdict_symbol(const cv_submission *sub);
size_t cv_submission_result_count(const cv_submission *sub);
/** Fills `out` with the i-th result; returns CV_EUSAGE when out of range. */
CV_NODISCARD cv_status cv_submission_result_at(const cv_submission *sub,
                                               size_t i,
                                               cv_result_info *out);
size_t cv_submission_diag_count(const cv_submission *sub);
const cv_diag *cv_submission_diag_at(const cv_submission *sub, size_t i);

/* ---- reports ------------------------------------------------------------- */

/** The formats of one report (docs/report.md); all carry the
 * same facts. */
typedef enum cv_report_format {
    CV_REPORT_JSON = 0, /* report.json: the contract for programs */
    CV_REPORT_HTML = 1, /* report.html: self-contained page for the committee */
    CV_REPORT_CSV = 2,  /* report.csv: one row per bid x criterion */
    CV_REPORT_MD = 3,   /* report.md: summary and comparison */
    CV_REPORT_XLSX = 4, /* report.xlsx: workbook (file output only) */
    CV_REPORT_NDJSON = 5, /* report.ndjson: a line per submission */
    CV_REPORT_OSCAL_AR = 6,    /* report.oscal-ar.json: OSCAL assessment
                                  results (1.0.6), JSON */
    CV_REPORT_OSCAL_AR_XML = 7 /* report.oscal-ar.xml: the same in XML */
} cv_report_format;

#define CV_REPORT_FORMAT_COUNT 8

/**
 * What the table of report writers (src/lib/report/writers.c) says of a
 * format: every list of formats (--format, its help, the default set, the
 * record, what --out - takes) is read from it, so adding a format is
 * its writer's file and one row there (and its constant above).
 */
typedef struct cv_report_format_info {
    const char *name;    /* as --format takes it: "json", ... */
    const char *ext;     /* the file is report.<ext> */
    int file_only;       /* written only to a named file (XLSX): not to a
                            stream, not to --out - */
    int by_default;      /* in the set `evaluate` writes without --format */
    int per_submission;  /* one line per submission, written as results
                            come (ndjson: rank is null); cv_report_write
                            also writes it whole */
} cv_report_format_info;

/** The format's row; CV_EUSAGE when `fmt` is not a format. */
CV_NODISCARD cv_status cv_report_format_info_of(cv_report_format fmt,
                                                cv_report_format_info *out);
/** "json", "html", "csv", "md", "xlsx", "ndjson", "oscal-ar",
 * "oscal-ar-xml"; "?" when unknown. */
const char *cv_report_format_name(cv_report_format fmt);
/** The format named `name`; returns CV_EUSAGE for an unknown name. */
CV_NODISCARD cv_status cv_report_format_parse(const char *name,
                                              cv_report_format *out);

/** A write callback: returns 0 on success, non-zero to abort the write. */
typedef int (*cv_write_fn)(const char *buf, size_t len, void *payload);

/**
 * Writes `s` (NULL = "") made safe to show a person, by the same rule as
 * every human report format: invalid UTF-8, controls and non-characters
 * become U+FFFD, invisible and bidi characters a visible "[U+202E]"; tab
 * and line breaks become a space unless `keep_lines` is non-zero. For a
 * terminal, so a vendor's string cannot move the cursor or reorder a
 * line. CV_ENOMEM, or CV_EIO when `write` fails.
 */
CV_NODISCARD cv_status cv_text_display(const char *s, int keep_lines,
                                       cv_write_fn write, void *payload);

/**
 * The same, cut after `max_chars` displayed characters (0: 500, the cap
 * of one vendor field in the human formats) and then marked, in `lang`,
 * as cut with the full text in report.json (which `evaluate` writes): a
 * megabyte of vendor text is not printed whole on a terminal either.
 */
CV_NODISCARD cv_status cv_text_quote(const char *s, size_t max_chars,
                                     int keep_lines, cv_lang lang,
                                     cv_write_fn write, void *payload);

CV_NODISCARD cv_status cv_report_new(cv_report **out, cv_ctx *ctx,
                                     const cv_criteria *crit);
/** Append a submission (the report takes ownership, also on failure). */
CV_NODISCARD cv_status cv_report_add(cv_report *report, cv_submission *sub);
/** Rank the qualified submissions; call once after the last add. */
void cv_report_finish(cv_report *report);
size_t cv_report_count(const cv_report *report);
const cv_submission *cv_report_at(const cv_report *report, size_t i);
/** Rank of the i-th submission: 1-based, 0 when not qualified. */
unsigned cv_report_rank_at(const cv_report *report, size_t i);

/**
 * Serialise the report through `write`. The bytes depend only on the
 * criteria, the options and the inputs (no clock, no host): identical runs
 * give identical bytes. Returns CV_EIO when `write` fails, CV_ENOMEM, and
 * CV_EUSAGE for a file-only format (CV_REPORT_XLSX: a zip written by a
 * library that only writes named files: use cv_report_write_file).
 */
CV_NODISCARD cv_status cv_report_write(const cv_report *report,
                                       cv_report_format fmt,
                                       cv_write_fn write, void *payload);

/**
 * Serialise the report into the file `path` (created or replaced), any
 * format. The caller makes it atomic: write a temporary name in the
 * target directory, then rename. Returns CV_EIO (with a diagnostic in the
 * report's ctx) when the file cannot be written.
 */
CV_NODISCARD cv_status cv_report_write_file(const cv_report *report,
                                            cv_report_format fmt,
                                            const char *path);
void cv_report_free(cv_report *report);

/**
 * The SHA-256 of the file `path` (64 lower-case hex digits and a NUL in
 * hex_out), read through a read-only mapping, so a report of any size
 * is hashed without a copy (the publisher's record.json). CV_EIO when
 * the file cannot be read, CV_ELIMIT when it does not fit in memory.
 */
CV_NODISCARD cv_status cv_sha256_file_hex(const char *path, char hex_out[65]);

/**
 * Writes one evaluated submission as one line of JSON (ndjson): the
 * submission object of report.json plus "format": "cloudvet-result/1",
 * "as_of" and the "profile" (id, version, sha256), so each line stands on
 * its own. "rank" is null: ranking needs the whole batch. For streaming a
 * batch of any size in constant memory (docs/report.md).
 */
CV_NODISCARD cv_status cv_submission_write_ndjson(const cv_ctx *ctx,
                                                  const cv_criteria *crit,
                                                  const cv_submission *sub,
                                                  cv_write_fn write,
                                                  void *payload);

/* ---- check output -------------------------------------------------------- */

/*
 * What `cloudvet check` writes (docs/check.md): the vendor's pre-check in
 * the form a person or a CI pipeline reads. Every format carries the same
 * findings: each diagnostic of the reader and normaliser, and each
 * criterion a bid does not fully meet, with its location and cited clause,
 * sorted by file, line and column. The table of formats is
 * src/lib/report/check_writers.c.
 */
typedef enum cv_check_format {
    CV_CHECK_TEXT = 0,  /* gcc-style lines with caret excerpts, for people */
    CV_CHECK_JSON = 1,  /* "cloudvet-check/1" */
    CV_CHECK_SARIF = 2, /* SARIF 2.1.0, for code review */
    CV_CHECK_JUNIT = 3  /* JUnit XML: a test case per criterion */
} cv_check_format;

#define CV_CHECK_FORMAT_COUNT 4

/** "text", "json", "sarif", "junit"; "?" when unknown. */
const char *cv_check_format_name(cv_check_format fmt);
/** The format named `name`; CV_EUSAGE for an unknown name. */
CV_NODISCARD cv_status cv_check_format_parse(const char *name,
                                             cv_check_format *out);

/** What one checked submission comes to (the CLI maps it to its exit
 * code). With `strict`, a warning diagnostic fails the bid as well. */
typedef enum cv_check_outcome {
    CV_CHECK_QUALIFIES = 0,
    CV_CHECK_CONDITIONAL = 1, /* qualifies once a person confirms claims */
    CV_CHECK_FAILS = 2,       /* would not qualify (or a warning, strict) */
    CV_CHECK_UNREADABLE = 3   /* not a questionnaire */
} cv_check_outcome;

cv_check_outcome cv_check_outcome_of(const cv_submission *sub, int strict);

/** The bytes a submission was read from, for the text format's caret
 * excerpts (borrowed; bytes NULL: no excerpt). */
typedef struct cv_check_source {
    const char *bytes;
    size_t len;
} cv_check_source;

typedef struct cv_check_options {
    int strict;                     /* warnings fail (--strict) */
    const char *tool_version;       /* SARIF tool.driver.version; NULL:
                                       CV_VERSION_STRING */
    const char *information_uri;    /* SARIF informationUri; NULL: none */
    const cv_check_source *sources; /* parallel to `subs`, or NULL */
    unsigned excerpt_width;         /* characters of an excerpt; 0: 100 */
} cv_check_options;

/**
 * Writes the findings of `subs[0..n)` (checked against `crit`) in `fmt`.
 * Submissions are written in the order of their file names, each one's
 * findings by line and column (stable). The bytes depend only on the
 * inputs, the criteria and the options. CV_EIO when `write` fails,
 * CV_ENOMEM, CV_EUSAGE for an unknown format.
 */
CV_NODISCARD cv_status cv_check_write(const cv_ctx *ctx,
                                      const cv_criteria *crit,
                                      const cv_submission *const *subs,
                                      size_t n, cv_check_format fmt,
                                      const cv_check_options *opts,
                                      cv_write_fn write, void *payload);

/* ---- registries ---------------------------------------------------------- */

/*
 * A snapshot of the ISMAP cloud service list (docs/registry.md). Import
 * reads the list as distributed (.xlsx, or CSV) and finds its columns by
 * their Japanese headers; the snapshot is kept in our own JSON format,
 * named "ismap-<as_of>.json" by the list's date. With a snapshot in use,
 * every ISMAP / ISMAP-LIU certification of a submission is looked up and
 * the report shows the row it was compared to; without one, the report
 * says that the registry was not checked.
 */
typedef struct cv_registry cv_registry;

typedef struct cv_import_options {
    const char *columns;   /* "field=header,...": headers that differ from
                              criteria/data/ismap-list.json; or NULL */
    const char *list_date; /* the list's as-of date YYYY-MM-DD; NULL: the
                              ctx's as_of */
    const char *source;    /* recorded as the source (the URL of --from);
                              NULL: the name given */
} cv_import_options;

/** Import a list held in memory; `name` decides nothing but is reported.
 * Errors (with ctx diagnostics): CV_EPARSE, CV_EINVALID (no header row),
 * CV_ELIMIT, CV_EUSAGE (bad columns or date), CV_ENOMEM. */
CV_NODISCARD cv_status cv_registry_import(cv_registry **out, cv_ctx *ctx,
                                          const cv_criteria *crit,
                                          const char *name, const void *buf,
                                          size_t len,
                                          const cv_import_options *opts);
/** Like cv_registry_import, reading the file `path` (size-capped). */
CV_NODISCARD cv_status cv_registry_import_file(cv_registry **out,
                                               cv_ctx *ctx,
                                               const cv_criteria *crit,
                                               const char *path,
                                               const cv_import_options *opts);
/** The snapshot's bytes (format cloudvet-registry/1). */
CV_NODISCARD cv_status cv_registry_write(const cv_registry *reg,
                                         cv_write_fn write, void *payload);
/** Read one snapshot file. CV_EIO, CV_EPARSE, CV_EINVALID, CV_ENOMEM. */
CV_NODISCARD cv_status cv_registry_open(cv_registry **out, cv_ctx *ctx,
                                        const char *path);
/**
 * The snapshot of `dir` for the ctx's as_of date: the newest one dated on
 * or before it, else the oldest. *out is NULL (and CV_OK) when `dir` does
 * not exist or holds none. Unreadable snapshot files are ctx warnings.
 */
CV_NODISCARD cv_status cv_registry_select(cv_registry **out, cv_ctx *ctx,
                                          const char *dir);
const char *cv_registry_file_name(const cv_registry *reg); /* ismap-D.json */
const char *cv_registry_source(const cv_registry *reg);
const char *cv_registry_as_of(const cv_registry *reg);
const char *cv_registry_sheet(const cv_registry *reg);
size_t cv_registry_row_count(const cv_registry *reg);
void cv_registry_free(cv_registry *reg);

/**
 * Look certifications up in `reg` (borrowed: it must outlive every
 * evaluation of the ctx). A snapshot older than `max_age_days` on the
 * evaluation date is used but flagged stale in the report.
 */
CV_NODISCARD cv_status cv_ctx_use_registry(cv_ctx *ctx, const cv_registry *reg,
                                           unsigned max_age_days);

/* ---- online checks -------------------------------------------------------- */

/** --online: evidence links are requested (HEAD, small GET), guarded
 * against SSRF (see SECURITY.md). Defaults in CV_ONLINE_OPTIONS_INIT. */
typedef struct cv_online_options {
    int allow_private;         /* --allow-private: loopback, private,
                                  shared and unique-local addresses */
    long connect_timeout_ms;   /* 5 000 */
    long timeout_ms;           /* 15 000 per link, redirects included */
    unsigned max_parallel;     /* 8 requests at once per submission */
    unsigned max_per_host;     /* 2 connections per host, over the whole
                                  process (every worker thread together) */
    size_t max_links;          /* distinct URLs per submission: 256; more
                                  are not checked (a warning says so) */
    const char *const *resolve;/* "host:port:address" pins (like curl
                                  --resolve; the guard still applies);
                                  NULL-terminated, or NULL */
    const char *ca_file;       /* extra CA bundle, or NULL */
    long budget_ms;            /* link checks of one submission end after
                                  60 000; links unfinished then are not
                                  checked (a warning says so) */
    long run_budget_ms;        /* link checks of the whole run end 600 000
                                  after cv_ctx_go_online; the same */
} cv_online_options;

#define CV_ONLINE_OPTIONS_INIT                                                \
    {                                                                         \
        0, 5000L, 15000L, 8u, 2u, (size_t)256, NULL, NULL, 60000L, 600000L    \
    }

/** Turn on link checks for every later evaluation of the ctx (the
 * options are copied; `resolve` is borrowed). */
CV_NODISCARD cv_status cv_ctx_go_online(cv_ctx *ctx,
                                        const cv_online_options *opts);

/**
 * GET `url` into memory (at most max_bytes) under the same SSRF guard, with
 * the ctx's online options (or the defaults). *buf is malloc'd for the
 * caller. Returns CV_OK, CV_EIO (blocked, failed or not 2xx: a ctx
 * diagnostic says which), CV_ELIMIT or CV_ENOMEM.
 */
CV_NODISCARD cv_status cv_download(cv_ctx *ctx, const char *url,
                                   size_t max_bytes, char **buf,
                                   size_t *len);

/* ---- workbooks ----------------------------------------------------------- */

/**
 * Read every workbook (.xlsx) of the run through the mapping file `path`
 * (docs/mappings.md) instead of choosing among the built-in ones. The
 * file is checked like a profile, against the schema and the catalogue;
 * errors (a file that cannot be read included) are ctx diagnostics. Call
 * before evaluating. Returns CV_OK, CV_ECRITERIA or CV_ENOMEM.
 */
CV_NODISCARD cv_status cv_criteria_use_mapping(cv_criteria *crit,
                                               cv_ctx *ctx,
                                               const char *path);

/** The mapping cv_criteria_use_mapping set: its id, file and the SHA-256
 * of the bytes compiled (borrowed). Returns 0 when none was set. */
int cv_criteria_mapping(const cv_criteria *crit, const char **id,
                        const char **file, const char **sha256);

/**
 * Who answered, for workbooks that do not say (a METI check list or a
 * CAIQ often names the vendor and the service only in prose): used when
 * the sheet gives no vendor or service name, before the file name. Either
 * may be NULL. The strings are copied. Returns CV_OK or CV_ENOMEM.
 */
CV_NODISCARD cv_status cv_ctx_set_answerer(cv_ctx *ctx, const char *vendor,
                                           const char *service);

/** Whether `path` has an extension some submission reader claims (.json,
 * .xml, .xlsx, ...): what a directory walk picks up. */
int cv_input_extension_known(const char *path);

/* ---- the award: tender, review decisions, sensitivity --------------------- */

/*
 * A tender file (docs/tender.md): the tender's id and title, its profile,
 * the 予定価格, the scoring method (technical-only, additive 技術点 +
 * 価格点, division 技術点 ÷ 価格), rounding, tie-break chain, 最低基準点
 * and each bidder's price. Checked like a profile against the loaded
 * criteria; errors are ctx diagnostics (CV_ECRITERIA, CV_EIO, CV_ENOMEM).
 */
typedef struct cv_tender cv_tender;
CV_NODISCARD cv_status cv_tender_load(cv_tender **out, cv_ctx *ctx,
                                      const cv_criteria *crit,
                                      const char *path);
void cv_tender_free(cv_tender *t);
const char *cv_tender_id(const cv_tender *t);
const char *cv_tender_file(const cv_tender *t);
/** SHA-256 of the tender file's bytes (64 hex digits). */
const char *cv_tender_sha256(const cv_tender *t);

/**
 * Rank the report's bids by the tender's method (call before
 * cv_report_finish; `t` is borrowed and must outlive the report).
 */
CV_NODISCARD cv_status cv_report_use_tender(cv_report *report,
                                            const cv_tender *t);

/** One bid's award figures (after cv_report_finish with a tender). */
typedef struct cv_award_info {
    const char *state;      /* "ranked", "not_qualified", "no_price",
                               "over_ceiling", "below_minimum" */
    long long price;        /* 入札価格, yen (0: none) */
    double technical;       /* 技術点 (rounded by the tender's rule) */
    double price_points;    /* 価格点 */
    double total;           /* 総合評価点 / 評価値 */
    unsigned rank;          /* 1-based; 0: not ranked */
    const char *arithmetic; /* the computation, in the run's language */
    const char *reason;     /* why not ranked, or NULL */
} cv_award_info;

/** CV_EUSAGE when no tender was used or `i` is out of range. */
CV_NODISCARD cv_status cv_report_award_at(const cv_report *report, size_t i,
                                          cv_award_info *out);

/**
 * The sensitivity of the final ranking (award, or technical without a
 * tender): the margin between first and second, and whether a single
 * weight or the split moved by ±10 % would change first place. Returns
 * 0 when there were fewer than two ranked bids. `note` (may be NULL)
 * receives one sentence in the run's language (borrowed).
 */
int cv_report_sensitivity(const cv_report *report, double *margin,
                          int *fragile, const char **note);

/** SHA-256 of the published scoring method (`criteria show`), of the
 * report's criteria and tender (64 hex digits; borrowed). */
const char *cv_report_method_sha256(const cv_report *report);

/*
 * The committee's review decisions (docs/decisions.md): a decisions file
 * (JSON), or report.xlsx with its 審査記入 sheet filled in. Each decision
 * names the bid and the criterion with the hashes they had; a decision
 * whose bid bytes or criterion changed since is stale and not applied.
 */
typedef struct cv_decisions cv_decisions;
CV_NODISCARD cv_status cv_decisions_load(cv_decisions **out, cv_ctx *ctx,
                                         const cv_criteria *crit,
                                         const char *path);
void cv_decisions_free(cv_decisions *d);
const char *cv_decisions_file(const cv_decisions *d);
const char *cv_decisions_sha256(const cv_decisions *d);
/** Apply `d` to every later evaluation of the ctx (borrowed). */
CV_NODISCARD cv_status cv_ctx_use_decisions(cv_ctx *ctx,
                                            const cv_decisions *d);
/** How many decisions were applied to / found stale for a submission. */
size_t cv_submission_decisions_applied(const cv_submission *sub);
size_t cv_submission_decisions_stale(const cv_submission *sub);

/* ---- the published method ------------------------------------------------- */

/** The formats of the 評価基準書 (`cloudvet criteria show`). */
typedef enum cv_method_format {
    CV_METHOD_JSON = 0, /* canonical: its SHA-256 is the method's */
    CV_METHOD_HTML = 1,
    CV_METHOD_MD = 2,
    CV_METHOD_XLSX = 3  /* file output only */
} cv_method_format;

/**
 * Write the 評価基準書 of `crit` (and of `tender`'s method, may be NULL).
 * The JSON form is canonical and language-independent; its SHA-256 is
 * what cv_method_sha256_hex gives and every report of the tender shows.
 */
CV_NODISCARD cv_status cv_method_write(cv_ctx *ctx, const cv_criteria *crit,
                                       const cv_tender *tender,
                                       cv_method_format fmt,
                                       cv_write_fn write, void *payload);
CV_NODISCARD cv_status cv_method_write_file(cv_ctx *ctx,
                                            const cv_criteria *crit,
                                            const cv_tender *tender,
                                            cv_method_format fmt,
                                            const char *path);
CV_NODISCARD cv_status cv_method_sha256_hex(const cv_criteria *crit,
                                            const cv_tender *tender,
                                            char hex_out[65]);

/* ---- changes between rounds ---------------------------------------------- */

/** The formats of `cloudvet diff`. */
typedef enum cv_diff_format {
    CV_DIFF_TEXT = 0,
    CV_DIFF_HTML = 1,
    CV_DIFF_JSON = 2
} cv_diff_format;

/**
 * What changed between two rounds: `old_path` and `new_path` are two
 * submissions of one bidder (any input form: each is read, normalised and
 * evaluated) or two report.json files. Every answer, fact and evidence
 * that changed, and every status, point and verdict that moved. *changes
 * receives the number of differences. CV_EUSAGE when one is a report and
 * the other a submission; read errors are ctx diagnostics.
 */
CV_NODISCARD cv_status cv_diff_files(cv_ctx *ctx, const cv_criteria *crit,
                                     const char *old_path,
                                     const char *new_path,
                                     cv_diff_format fmt, cv_write_fn write,
                                     void *payload, size_t *changes);

/* ---- signatures ------------------------------------------------------------ */

/**
 * Ed25519 (RFC 8032) through OpenSSL's libcrypto, which the library
 * already uses for SHA-256. Keys are PEM files (PKCS#8 private key,
 * SubjectPublicKeyInfo public key: `openssl genpkey -algorithm ed25519`).
 * The signature is 64 bytes, written as 128 hex digits.
 */
CV_NODISCARD cv_status cv_sign_ed25519(const char *key_path,
                                       const void *msg, size_t len,
                                       char sig_hex[129],
                                       char pub_hex[65]);
/** CV_OK when `sig_hex` is a valid signature of msg by the public key
 * (a PEM file, or a private key file whose public half is used);
 * CV_EINVALID when not; CV_EIO when the key cannot be read. */
CV_NODISCARD cv_status cv_verify_ed25519(const char *key_path,
                                         const void *msg, size_t len,
                                         const char *sig_hex);
/** Like cv_verify_ed25519 with the raw 32-byte public key given as 64 hex
 * digits (the key a signature file embeds). CV_EINVALID when not. */
CV_NODISCARD cv_status cv_verify_ed25519_raw(const char *pub_hex,
                                             const void *msg, size_t len,
                                             const char *sig_hex);

/* ---- records --------------------------------------------------------------- */

/*
 * The record of a run (docs/record.md), DIR/record.json, read back for
 * `cloudvet verify`. A record handed over for checking is anyone's file:
 * it is read by the library's strict JSON reader within bounds of its own
 * (32 MiB, a million values, 16 levels of nesting) and refused when it
 * is not JSON or its `format` is not "cloudvet-record/1" (a ctx
 * diagnostic with its JSON Pointer, line and column).
 *
 * A member of the wrong type inside an accepted record is no refusal:
 * the accessors give NULL or 0 for it, and verify names it as a
 * difference. Strings are borrowed from the record.
 */
typedef struct cv_record cv_record;

/** CV_OK, or CV_EIO (the file cannot be read), CV_EPARSE (not JSON),
 * CV_ELIMIT (over the bounds), CV_EINVALID (not a cloudvet record),
 * CV_ENOMEM. */
CV_NODISCARD cv_status cv_record_open(cv_record **out, cv_ctx *ctx,
                                      const char *path);
void cv_record_free(cv_record *rec);

/** The exact bytes of the record file (what record.sig signs). */
const void *cv_record_bytes(const cv_record *rec, size_t *len);

/** One entry of `files`: an output of the set. */
typedef struct cv_record_output {
    const char *name;   /* a plain file name of DIR (not "", ".", "..",
                           no '/'), else NULL: never a path outside DIR */
    const char *format; /* NULL when absent or not a string */
    const char *sha256; /* NULL when absent or not a string */
    uint64_t bytes;     /* when has_bytes */
    int has_bytes;      /* `bytes` is a non-negative integer */
    int valid;          /* name, sha256 and bytes are all usable */
} cv_record_output;

/** Whether the record has a `files` array at all. */
int cv_record_has_outputs(const cv_record *rec);
size_t cv_record_output_count(const cv_record *rec);
/** CV_EUSAGE when `i` is out of range. */
CV_NODISCARD cv_status cv_record_output_at(const cv_record *rec, size_t i,
                                           cv_record_output *out);

/** A file the run read outside DIR: an entry of `inputs`, or the
 * `tender`, `decisions`, `mapping` or `registry` file. */
typedef struct cv_record_input {
    const char *kind;   /* "input", "tender", "decisions", "mapping",
                           "registry" */
    const char *file;   /* the path as recorded; NULL when absent, empty
                           or not a string */
    const char *sha256; /* NULL when null (unreadable when recorded),
                           absent or not a string */
} cv_record_input;

/** The entries of `inputs` (every item of the array, in its order). */
size_t cv_record_input_count(const cv_record *rec);
CV_NODISCARD cv_status cv_record_input_at(const cv_record *rec, size_t i,
                                          cv_record_input *out);
/** The other files pinned: `tender`, `decisions`, `mapping`, `registry`,
 * in that order, each only when the record has it as an object. */
size_t cv_record_pinned_count(const cv_record *rec);
CV_NODISCARD cv_status cv_record_pinned_at(const cv_record *rec, size_t i,
                                           cv_record_input *out);

/** Whether `invocation.online` is true (such a run cannot be re-run). */
int cv_record_online(const cv_record *rec);
/** Whether the record has an `invocation.args` array. */
int cv_record_has_args(const cv_record *rec);
size_t cv_record_arg_count(const cv_record *rec);
/** The i-th argument; NULL when it is not a string or out of range. */
const char *cv_record_arg_at(const cv_record *rec, size_t i);

/** A signature file (record.sig) of a record. */
typedef struct cv_record_signature {
    const char *public_key; /* as written: 64 hex digits expected */
    const char *signature;  /* as written: 128 hex digits expected */
} cv_record_signature;

/**
 * Read the bytes of a signature file (`source` names it in diagnostics):
 * CV_OK when it is JSON of format "cloudvet-signature/1", algorithm
 * "ed25519", with the key and signature as strings (checking them is
 * cv_verify_ed25519*'s); else CV_EPARSE, CV_ELIMIT or CV_EINVALID with
 * a ctx diagnostic, or CV_ENOMEM. The strings live as long as `rec`.
 */
CV_NODISCARD cv_status cv_record_signature_parse(cv_record *rec, cv_ctx *ctx,
                                                 const char *source,
                                                 const void *buf, size_t len,
                                                 cv_record_signature *out);

/* ---- suggestions ---------------------------------------------------------- */

/** The edit distance behind every "did you mean" (optimal string
 * alignment: insertions, deletions, substitutions and neighbour swaps,
 * ASCII letters without case); (size_t)-1 when a word is over 64 bytes. */
size_t cv_edit_distance(const char *a, const char *b);

/* ---- template ------------------------------------------------------------ */

/* CV_DOC_XLSX: cloudvet's own workbook (docs/workbook.md), binary. */
typedef enum cv_doc_format {
    CV_DOC_JSON = 0,
    CV_DOC_XML = 1,
    CV_DOC_XLSX = 2
} cv_doc_format;

/**
 * Write a blank questionnaire for the profile of `crit`: every fact section
 * with empty (null) values and one answer per criterion carrying its
 * question and cited clauses.
 */
CV_NODISCARD cv_status cv_template_write(cv_ctx *ctx, const cv_criteria *crit,
                                         cv_doc_format fmt, cv_write_fn write,
                                         void *payload);

#ifdef __cplusplus
}
#endif

#endif /* CLOUDVET_H */
