/* SPDX-License-Identifier: MIT */
/*
 * report_oscal.h: what the two forms of the OSCAL assessment results
 * (report_oscal.c: JSON, report_oscal_xml.c: XML) share, so that both
 * carry the same identifiers, the same text and the same states
 * (docs/report.md, "OSCAL assessment results").
 */
#ifndef CV_REPORT_OSCAL_H
#define CV_REPORT_OSCAL_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/strbuf.h"
#include "../base/uuid.h"
#include "../internal.h"

/* The OSCAL edition written: the one whose schema the tests validate
 * against. */
#define CV_OSCAL_VERSION "1.0.6"
/* The namespace of every prop cloudvet defines (a URI, as OSCAL's `ns`
 * must be; the project's URN family, like urn:cloudvet:questionnaire:1). */
#define CV_OSCAL_NS "urn:cloudvet:oscal:1"
#define CV_OSCAL_XMLNS "http://csrc.nist.gov/ns/oscal/1.0"

/* What every identifier of one run derives from. */
struct cv_oscal_run {
    const cv_report *report;
    cv_lang lang;
    struct cv_uuid ns;      /* UUIDv5(URL namespace, CV_OSCAL_NS) */
    char key[65];           /* SHA-256 of the criteria, date, language
                               and every input's SHA-256 and name */
    char stamp[21];         /* the as-of date, YYYY-MM-DDT00:00:00Z */
    char doc[CV_UUID_STR_LEN + 1];
    char result[CV_UUID_STR_LEN + 1];
    char profile[CV_UUID_STR_LEN + 1]; /* the back-matter resource */
};

cv_status cv_oscal_run_init(struct cv_oscal_run *run, const cv_report *report);

/* The UUID of one item of the run: `kind` ("subject", "finding",
 * "answer", "evidence"), the submission's place in the input order, the
 * criterion id (NULL for a subject) and the evidence index. */
cv_status cv_oscal_uuid(char out[CV_UUID_STR_LEN + 1],
                        const struct cv_oscal_run *run, const char *kind,
                        size_t sub, const char *crit_id, size_t k);

/* Text as both forms carry it: invalid UTF-8 and every character XML 1.0
 * forbids (controls but tab and line feed, U+FFFE, U+FFFF) become
 * U+FFFD, a CR or CR LF a line feed; everything else (bidi controls
 * too) is kept as the vendor wrote it. NULL: nothing. */
void cv_oscal_text(struct cv_strbuf *sb, const char *s);
/* The same made one line for OSCAL's string type (a prop's value: no
 * line break, no leading or trailing white space): line breaks and tabs
 * become spaces, white space at the ends is dropped. May append nothing. */
void cv_oscal_line(struct cv_strbuf *sb, const char *s);
/* An evidence URL as a URI reference: only http(s) URLs (true), with
 * every byte a URI may not hold percent-encoded; false (nothing
 * appended) for anything else. */
bool cv_oscal_href(struct cv_strbuf *sb, const char *url);

/* "satisfied" for `met` only: a claim, a partial answer, a criterion not
 * applicable or not answered is "not-satisfied" (the status prop says
 * which). */
const char *cv_oscal_state(const struct cv_result *r);

/* The texts of the document, in the run's language. */
void cv_oscal_doc_title(struct cv_strbuf *sb, const struct cv_oscal_run *run);
void cv_oscal_subject_title(struct cv_strbuf *sb, const cv_submission *s);
void cv_oscal_subject_text(struct cv_strbuf *sb, const cv_submission *s,
                           cv_lang lang);
void cv_oscal_answer_text(struct cv_strbuf *sb, const struct cv_result *r,
                          cv_lang lang);
void cv_oscal_evidence_text(struct cv_strbuf *sb,
                            const struct cv_evidence *e, cv_lang lang);
/* The finding's description: the reason (and where the facts are). */
void cv_oscal_finding_text(struct cv_strbuf *sb, const struct cv_result *r);
/* "002 §5(1)" of citation i. */
void cv_oscal_citation(struct cv_strbuf *sb, const struct cv_criterion *c,
                       size_t i);

/* The props of a finding and of a subject, as name/value pairs for both
 * writers: at most CV_OSCAL_MAX_PROPS, values as cv_oscal_line made them
 * (a prop whose value is empty is left out). */
#define CV_OSCAL_MAX_PROPS 8
struct cv_oscal_props {
    const char *name[CV_OSCAL_MAX_PROPS];
    char *value[CV_OSCAL_MAX_PROPS];
    size_t count;
};
cv_status cv_oscal_finding_props(struct cv_oscal_props *p,
                                 const struct cv_result *r);
cv_status cv_oscal_subject_props(struct cv_oscal_props *p,
                                 const cv_submission *s);
void cv_oscal_props_release(struct cv_oscal_props *p);

/* The writers (rows of writers.c). */
cv_status cv_report_oscal_ar(const cv_report *report, cv_write_fn write,
                             void *payload);
cv_status cv_report_oscal_ar_xml(const cv_report *report, cv_write_fn write,
                                 void *payload);

#endif
