/* SPDX-License-Identifier: MIT */
/*
 * report_oscal_xml.c: the OSCAL assessment results in OSCAL's XML form
 * (report.oscal-ar.xml): the same document as report_oscal.c writes, by
 * the same identifiers, text and states (report_oscal.h), in the element
 * order of OSCAL's XML schema. Hand-written like template_xml.c: every
 * string has been through cv_oscal_text (nothing XML 1.0 forbids is
 * left) and is escaped here for element text or a quoted attribute.
 */
#include <stdio.h>
#include <string.h>

#include "report_oscal.h"
#include "view.h"


struct xw {
    struct cv_sink sink; /* view.h: chunks to the caller's callback */
    struct cv_strbuf t;  /* scratch for one text */
    int depth;
};


/* Clean text escaped; in an attribute also the quote, and the white
 * space attribute normalisation would turn into spaces. */
static void escape(struct cv_strbuf *sb, const char *s, size_t n, bool attr)
{
    size_t i;
    for (i = 0; i < n; i++) {
        char c = s[i];
        if (c == '&')
            cv_strbuf_puts(sb, "&amp;");
        else if (c == '<')
            cv_strbuf_puts(sb, "&lt;");
        else if (c == '>')
            cv_strbuf_puts(sb, "&gt;");
        else if (attr && c == '"')
            cv_strbuf_puts(sb, "&quot;");
        else if (attr && c == '\n')
            cv_strbuf_puts(sb, "&#10;");
        else if (attr && c == '\t')
            cv_strbuf_puts(sb, "&#9;");
        else
            cv_strbuf_putc(sb, c);
    }
}

static void xw_indent(struct xw *w)
{
    int i;
    for (i = 0; i < w->depth; i++)
        cv_strbuf_puts(&w->sink.buf, "  ");
}

/* "<name" and its attributes (pairs, NULL-terminated: values clean). */
static void xw_start(struct xw *w, const char *name, const char *const *attrs)
{
    size_t i;
    xw_indent(w);
    cv_strbuf_printf(&w->sink.buf, "<%s", name);
    for (i = 0; attrs && attrs[i]; i += 2) {
        cv_strbuf_printf(&w->sink.buf, " %s=\"", attrs[i]);
        escape(&w->sink.buf, attrs[i + 1], strlen(attrs[i + 1]), true);
        cv_strbuf_putc(&w->sink.buf, '"');
    }
}

static void xw_open(struct xw *w, const char *name, const char *const *attrs)
{
    xw_start(w, name, attrs);
    cv_strbuf_puts(&w->sink.buf, ">\n");
    w->depth++;
}

static void xw_empty(struct xw *w, const char *name, const char *const *attrs)
{
    xw_start(w, name, attrs);
    cv_strbuf_puts(&w->sink.buf, "/>\n");
}

static void xw_close(struct xw *w, const char *name)
{
    w->depth--;
    xw_indent(w);
    cv_strbuf_printf(&w->sink.buf, "</%s>\n", name);
}

/* <name>text</name>, the text clean. */
static void xw_leaf(struct xw *w, const char *name, const char *s, size_t n)
{
    xw_start(w, name, NULL);
    cv_strbuf_putc(&w->sink.buf, '>');
    escape(&w->sink.buf, s, n, false);
    cv_strbuf_printf(&w->sink.buf, "</%s>\n", name);
}

static void xw_leafz(struct xw *w, const char *name, const char *s)
{
    xw_leaf(w, name, s, strlen(s));
}

/* The scratch text as a leaf, then emptied. */
static void xw_leaf_t(struct xw *w, const char *name)
{
    cv_strbuf_fail(&w->sink.buf, cv_strbuf_status(&w->t));
    xw_leaf(w, name, w->t.ptr, w->t.len);
    cv_strbuf_reset(&w->t);
}

/* The scratch text as markup-multiline: a <p> per line. */
static void xw_multiline_t(struct xw *w, const char *name)
{
    const char *s = w->t.ptr, *end = s + w->t.len;
    bool any = false;
    cv_strbuf_fail(&w->sink.buf, cv_strbuf_status(&w->t));
    xw_open(w, name, NULL);
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *stop = nl ? nl : end;
        if (stop > s) { /* an empty line is no paragraph */
            xw_leaf(w, "p", s, (size_t)(stop - s));
            any = true;
        }
        s = nl ? nl + 1 : end;
    }
    if (!any)
        xw_leafz(w, "p", "-");
    xw_close(w, name);
    cv_strbuf_reset(&w->t);
}

static void xw_multiline(struct xw *w, const char *name, const char *text)
{
    cv_strbuf_puts(&w->t, text);
    xw_multiline_t(w, name);
}

static void xw_prop(struct xw *w, const char *name, const char *value,
                    const char *group)
{
    const char *attrs[] = { "name", name, "ns", CV_OSCAL_NS, "value", value,
                            group ? "group" : NULL, group, NULL };
    xw_empty(w, "prop", attrs);
}

static void xw_props(struct xw *w, const struct cv_oscal_props *p)
{
    size_t i;
    for (i = 0; i < p->count; i++)
        xw_prop(w, p->name[i], p->value[i], NULL);
}

static void xml_metadata(struct xw *w, const struct cv_oscal_run *run)
{
    const cv_criteria *crit = run->report->crit;
    xw_open(w, "metadata", NULL);
    cv_oscal_doc_title(&w->t, run);
    xw_leaf_t(w, "title");
    xw_leafz(w, "last-modified", run->stamp);
    xw_leafz(w, "version", CV_VERSION_STRING);
    xw_leafz(w, "oscal-version", CV_OSCAL_VERSION);
    cv_oscal_line(&w->t, crit->profile.id);
    xw_prop(w, "profile-id", w->t.len ? w->t.ptr : "-", NULL);
    cv_strbuf_reset(&w->t);
    xw_prop(w, "criteria-sha256", crit->sha256, NULL);
    xw_prop(w, "language", run->lang == CV_LANG_EN ? "en" : "ja", NULL);
    xw_close(w, "metadata");
}

static void xml_import_ap(struct xw *w, const struct cv_oscal_run *run)
{
    char href[CV_UUID_STR_LEN + 2];
    const char *attrs[] = { "href", href, NULL };
    snprintf(href, sizeof(href), "#%s", run->profile);
    xw_open(w, "import-ap", attrs);
    xw_multiline(w, "remarks",
                 CV_L(run->lang,
                      "評価計画は cloudvet の評価基準 (profile) です: "
                      "back-matter の資料がそれを示します。",
                      "The assessment plan is cloudvet's profile: the "
                      "back-matter resource names it."));
    xw_close(w, "import-ap");
}

static cv_status xml_subjects(struct xw *w, const struct cv_oscal_run *run)
{
    const cv_report *report = run->report;
    char uuid[CV_UUID_STR_LEN + 1];
    const char *attrs[] = { "uuid", uuid, "type", "service", NULL };
    const char *status[] = { "state", "other", NULL };
    size_t i;
    cv_status st = CV_OK;
    if (report->count == 0)
        return CV_OK;
    xw_open(w, "local-definitions", NULL);
    for (i = 0; st == CV_OK && i < report->count; i++) {
        const cv_submission *s = report->subs[i];
        struct cv_oscal_props p;
        st = cv_oscal_uuid(uuid, run, "subject", i, NULL, 0);
        if (st == CV_OK)
            st = cv_oscal_subject_props(&p, s);
        if (st != CV_OK)
            break;
        xw_open(w, "component", attrs);
        cv_oscal_subject_title(&w->t, s);
        xw_leaf_t(w, "title");
        cv_oscal_subject_text(&w->t, s, run->lang);
        xw_multiline_t(w, "description");
        xw_props(w, &p);
        cv_oscal_props_release(&p);
        xw_empty(w, "status", status);
        xw_close(w, "component");
        cv_sink_flush(&w->sink, false);
    }
    xw_close(w, "local-definitions");
    return st;
}

static void xml_reviewed(struct xw *w, const struct cv_oscal_run *run)
{
    const struct cv_profile *prof = &run->report->crit->profile;
    size_t i, k;
    xw_open(w, "reviewed-controls", NULL);
    xw_multiline(w, "description",
                 CV_L(run->lang,
                      "評価基準 (profile) の各基準。根拠条項は props (group = "
                      "基準 ID) にあります。",
                      "Every criterion of the profile; the clauses each "
                      "cites are the props whose group is its id."));
    for (i = 0; i < prof->nentries; i++) {
        const struct cv_criterion *c = prof->entries[i].crit;
        for (k = 0; k < c->ncitations; k++) {
            cv_oscal_citation(&w->t, c, k);
            if (w->t.len)
                xw_prop(w, "clause", w->t.ptr, c->id);
            cv_strbuf_reset(&w->t);
        }
    }
    xw_open(w, "control-selection", NULL);
    if (prof->nentries == 0)
        xw_empty(w, "include-all", NULL);
    for (i = 0; i < prof->nentries; i++) {
        const char *attrs[] = { "control-id", prof->entries[i].crit->id,
                                NULL };
        xw_empty(w, "include-control", attrs);
    }
    xw_close(w, "control-selection");
    xw_close(w, "reviewed-controls");
}

static void xml_observation(struct xw *w, const struct cv_oscal_run *run,
                            const char *uuid, const char *subject,
                            const struct cv_result *r,
                            const struct cv_evidence *ev, size_t k)
{
    const char *id = r->entry->crit->id;
    const char *attrs[] = { "uuid", uuid, NULL };
    const char *subj[] = { "subject-uuid", subject, "type", "component",
                           NULL };
    xw_open(w, "observation", attrs);
    if (ev)
        cv_strbuf_printf(&w->t, CV_L(run->lang, "%s: 根拠資料 %zu",
                                     "%s: evidence %zu"),
                         id, k + 1);
    else
        cv_strbuf_printf(&w->t, CV_L(run->lang, "%s: 回答", "%s: answer"),
                         id);
    xw_leaf_t(w, "title");
    if (ev)
        cv_oscal_evidence_text(&w->t, ev, run->lang);
    else
        cv_oscal_answer_text(&w->t, r, run->lang);
    xw_multiline_t(w, "description");
    xw_leafz(w, "method", "EXAMINE");
    xw_empty(w, "subject", subj);
    if (ev) {
        struct cv_strbuf href;
        cv_strbuf_init(&href, 0);
        if (cv_oscal_href(&href, ev->url)) {
            const char *ha[] = { "href", href.ptr, NULL };
            xw_open(w, "relevant-evidence", ha);
        } else {
            xw_open(w, "relevant-evidence", NULL);
        }
        cv_strbuf_fail(&w->sink.buf, cv_strbuf_status(&href));
        cv_strbuf_release(&href);
        cv_oscal_evidence_text(&w->t, ev, run->lang);
        xw_multiline_t(w, "description");
        xw_close(w, "relevant-evidence");
    }
    xw_leafz(w, "collected", run->stamp);
    xw_close(w, "observation");
}

static cv_status xml_observations(struct xw *w,
                                  const struct cv_oscal_run *run)
{
    const cv_report *report = run->report;
    char subject[CV_UUID_STR_LEN + 1], uuid[CV_UUID_STR_LEN + 1];
    size_t i, j, k;
    cv_status st = CV_OK;
    for (i = 0; st == CV_OK && i < report->count; i++) {
        const cv_submission *s = report->subs[i];
        st = cv_oscal_uuid(subject, run, "subject", i, NULL, 0);
        for (j = 0; st == CV_OK && j < s->nresults; j++) {
            const struct cv_result *r = &s->results[j];
            const char *id = r->entry->crit->id;
            st = cv_oscal_uuid(uuid, run, "answer", i, id, 0);
            if (st == CV_OK)
                xml_observation(w, run, uuid, subject, r, NULL, 0);
            for (k = 0; st == CV_OK && k < r->nevidence; k++) {
                st = cv_oscal_uuid(uuid, run, "evidence", i, id, k);
                if (st == CV_OK)
                    xml_observation(w, run, uuid, subject, r,
                                    &r->evidence[k], k);
            }
            cv_sink_flush(&w->sink, false);
        }
    }
    return st;
}

static cv_status xml_finding(struct xw *w, const struct cv_oscal_run *run,
                             size_t sub, const struct cv_result *r)
{
    const struct cv_criterion *c = r->entry->crit;
    char uuid[CV_UUID_STR_LEN + 1];
    const char *attrs[] = { "uuid", uuid, NULL };
    const char *target[] = { "type", "objective-id", "target-id", c->id,
                             NULL };
    const char *status[] = { "state", cv_oscal_state(r), "reason",
                             r->status == CV_STATUS_MET ? "pass" : "fail",
                             NULL };
    struct cv_oscal_props p;
    size_t k;
    cv_status st = cv_oscal_uuid(uuid, run, "finding", sub, c->id, 0);
    if (st == CV_OK)
        st = cv_oscal_finding_props(&p, r);
    if (st != CV_OK)
        return st;
    xw_open(w, "finding", attrs);
    cv_strbuf_printf(&w->t, "%s: ", c->id);
    cv_oscal_line(&w->t, CV_TEXT(run->lang, c->title));
    xw_leaf_t(w, "title");
    cv_oscal_finding_text(&w->t, r);
    xw_multiline_t(w, "description");
    xw_props(w, &p);
    cv_oscal_props_release(&p);
    xw_open(w, "target", target);
    xw_empty(w, "status", status);
    xw_close(w, "target");
    for (k = 0; st == CV_OK && k <= r->nevidence; k++) {
        const char *rel[] = { "observation-uuid", uuid, NULL };
        st = k == 0 ? cv_oscal_uuid(uuid, run, "answer", sub, c->id, 0)
                    : cv_oscal_uuid(uuid, run, "evidence", sub, c->id, k - 1);
        xw_empty(w, "related-observation", rel);
    }
    xw_close(w, "finding");
    return st;
}

static cv_status xml_result(struct xw *w, const struct cv_oscal_run *run)
{
    const cv_report *report = run->report;
    const char *attrs[] = { "uuid", run->result, NULL };
    size_t i, j;
    cv_status st;
    xw_open(w, "result", attrs);
    cv_strbuf_printf(&w->t, CV_L(run->lang, "cloudvet による評価 (%.10s)",
                                 "cloudvet evaluation (%.10s)"),
                     run->stamp);
    xw_leaf_t(w, "title");
    cv_strbuf_printf(&w->t,
                     CV_L(run->lang,
                          "入札 %zu 件を評価基準の各基準で判定した結果です。"
                          "satisfied は基準を満たした (met) ものだけで、"
                          "cloudvet の判定は props の status にあります。",
                          "%zu submission(s) judged by every criterion "
                          "of the profile. Only a criterion met is "
                          "satisfied; cloudvet's own status is the "
                          "status prop."),
                     report->count);
    xw_multiline_t(w, "description");
    xw_leafz(w, "start", run->stamp);
    xw_leafz(w, "end", run->stamp);
    st = xml_subjects(w, run);
    if (st == CV_OK) {
        xml_reviewed(w, run);
        st = xml_observations(w, run);
    }
    for (i = 0; st == CV_OK && i < report->count; i++) {
        for (j = 0; st == CV_OK && j < report->subs[i]->nresults; j++)
            st = xml_finding(w, run, i, &report->subs[i]->results[j]);
        cv_sink_flush(&w->sink, false);
    }
    xw_close(w, "result");
    return st;
}

static void xml_back_matter(struct xw *w, const struct cv_oscal_run *run)
{
    const cv_criteria *crit = run->report->crit;
    const char *attrs[] = { "uuid", run->profile, NULL };
    xw_open(w, "back-matter", NULL);
    xw_open(w, "resource", attrs);
    cv_oscal_line(&w->t, CV_TEXT(run->lang, crit->profile.title));
    xw_leaf_t(w, "title");
    cv_oscal_line(&w->t, crit->profile.id);
    xw_prop(w, "profile-id", w->t.len ? w->t.ptr : "-", NULL);
    cv_strbuf_reset(&w->t);
    cv_oscal_line(&w->t, crit->profile.version);
    xw_prop(w, "profile-version", w->t.len ? w->t.ptr : "-", NULL);
    cv_strbuf_reset(&w->t);
    xw_prop(w, "criteria-sha256", crit->sha256, NULL);
    if (run->report->method_sha256[0])
        xw_prop(w, "method-sha256", run->report->method_sha256, NULL);
    xw_close(w, "resource");
    xw_close(w, "back-matter");
}

cv_status cv_report_oscal_ar_xml(const cv_report *report, cv_write_fn write,
                                 void *payload)
{
    struct cv_oscal_run run;
    struct xw w;
    cv_status st = cv_oscal_run_init(&run, report);
    if (st != CV_OK)
        return st;
    memset(&w, 0, sizeof(w));
    cv_sink_init(&w.sink, write, payload);
    cv_strbuf_init(&w.t, 0);
    cv_strbuf_puts(&w.sink.buf, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    cv_strbuf_printf(&w.sink.buf,
                     "<assessment-results xmlns=\"" CV_OSCAL_XMLNS
                     "\" uuid=\"%s\">\n",
                     run.doc);
    w.depth = 1;
    xml_metadata(&w, &run);
    xml_import_ap(&w, &run);
    st = xml_result(&w, &run);
    if (st == CV_OK)
        xml_back_matter(&w, &run);
    xw_close(&w, "assessment-results");
    if (st == CV_OK)
        st = cv_strbuf_status(&w.t);
    if (st == CV_OK)
        st = cv_sink_finish(&w.sink);
    else
        cv_strbuf_release(&w.sink.buf);
    cv_strbuf_release(&w.t);
    return st;
}
