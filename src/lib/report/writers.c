/* SPDX-License-Identifier: MIT */
/* writers.c: the table of report writers (see writers.h). */
#include "writers.h"

#include "report_oscal.h"

#include <string.h>

/* report.ndjson written whole: every submission's line, in input order
 * (the CLI streams the same lines as results come, in bounded memory). */
static cv_status ndjson_report(const cv_report *report, cv_write_fn write,
                               void *payload)
{
    size_t i;
    cv_status st = CV_OK;
    for (i = 0; i < report->count && st == CV_OK; i++)
        st = cv_ndjson_line(report->ctx, report->crit, report->subs[i], write,
                            payload);
    return st;
}

/* In the enum's order (checked below): the index is the format. A new
 * format is its writer and one row here. Columns: format, --format name,
 * extension, title in messages, in the default set, per submission,
 * stream writer, named-file writer. */
static const struct cv_report_writer writers[] = {
    { CV_REPORT_JSON, "json", "json", "JSON", true, false,
      cv_report_json, NULL },
    { CV_REPORT_HTML, "html", "html", "HTML", true, false,
      cv_report_html, NULL },
    { CV_REPORT_CSV, "csv", "csv", "CSV", true, false,
      cv_report_csv, NULL },
    { CV_REPORT_MD, "md", "md", "Markdown", true, false,
      cv_report_md, NULL },
    { CV_REPORT_XLSX, "xlsx", "xlsx", "XLSX", true, false,
      NULL, cv_report_xlsx },
    { CV_REPORT_NDJSON, "ndjson", "ndjson", "NDJSON", false, true,
      ndjson_report, NULL },
    /* OSCAL assessment results (report_oscal.c, report_oscal_xml.c):
     * for programs that speak OSCAL, only when asked. */
    { CV_REPORT_OSCAL_AR, "oscal-ar", "oscal-ar.json", "OSCAL AR", false,
      false, cv_report_oscal_ar, NULL },
    { CV_REPORT_OSCAL_AR_XML, "oscal-ar-xml", "oscal-ar.xml", "OSCAL AR XML",
      false, false, cv_report_oscal_ar_xml, NULL },
};

_Static_assert(sizeof(writers) / sizeof(writers[0]) == CV_REPORT_FORMAT_COUNT,
               "one writer per cv_report_format");

const struct cv_report_writer *cv_report_writer_of(cv_report_format fmt)
{
    if ((unsigned)fmt >= CV_REPORT_FORMAT_COUNT)
        return NULL;
    return writers[fmt].format == fmt ? &writers[fmt] : NULL;
}

const struct cv_report_writer *cv_report_writer_named(const char *name)
{
    size_t i;
    for (i = 0; name && i < CV_REPORT_FORMAT_COUNT; i++)
        if (strcmp(writers[i].name, name) == 0)
            return &writers[i];
    return NULL;
}
