/* SPDX-License-Identifier: MIT */
/*
 * report_oscal.c: the OSCAL assessment results of a run (report.oscal-ar.json,
 * docs/report.md "OSCAL assessment results"), and what its XML form
 * (report_oscal_xml.c) shares with it: identifiers, text and states.
 *
 * One document per run: the profile is the assessment plan (a back-matter
 * resource import-ap points at), each submission a subject (a component
 * of the result's local definitions), each criterion of each submission a
 * finding with the vendor's answer and every evidence item as
 * observations. Every UUID is a UUIDv5 of the run's inputs, the only
 * timestamp the as-of date, so two runs write the same bytes.
 *
 * Written with cloudvet's own JSON string writer (cv_strbuf_json_string),
 * a submission at a time: observations for all submissions, then the
 * findings, so memory stays one submission's text whatever the run.
 */
#include "report_oscal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/sha256.h"
#include "../base/unicode.h"
#include "view.h"

/* ---- shared: identifiers ---- */

static void sub_key(struct cv_strbuf *sb, const cv_submission *s)
{
    cv_strbuf_puts(sb, s->sha256[0] ? s->sha256 : "-");
    cv_strbuf_putc(sb, ' ');
    cv_strbuf_puts(sb, s->file ? s->file : "");
    cv_strbuf_putc(sb, '\n');
}

static cv_status uuid_of(char out[CV_UUID_STR_LEN + 1],
                         const struct cv_uuid *ns, const char *name)
{
    struct cv_uuid u;
    cv_status st = cv_uuid_v5(&u, ns, name, strlen(name));
    if (st == CV_OK)
        cv_uuid_format(&u, out);
    return st;
}

cv_status cv_oscal_run_init(struct cv_oscal_run *run, const cv_report *report)
{
    struct cv_strbuf sb;
    char as_of[11];
    size_t i;
    cv_status st;

    memset(run, 0, sizeof(*run));
    run->report = report;
    run->lang = report->ctx->opts.lang;
    cv_date_format(report->ctx->as_of, as_of);
    snprintf(run->stamp, sizeof(run->stamp), "%sT00:00:00Z", as_of);
    st = cv_uuid_v5(&run->ns, &cv_uuid_ns_url, CV_OSCAL_NS,
                    strlen(CV_OSCAL_NS));
    if (st != CV_OK)
        return st;
    cv_strbuf_init(&sb, 0);
    cv_strbuf_printf(&sb, "cloudvet-oscal-ar/1\n%s\n%s\n%s\n",
                     report->crit->sha256, as_of,
                     run->lang == CV_LANG_EN ? "en" : "ja");
    for (i = 0; i < report->count; i++)
        sub_key(&sb, report->subs[i]);
    st = cv_strbuf_status(&sb);
    if (st == CV_OK)
        st = cv_sha256_hex(run->key, sb.ptr, sb.len);
    cv_strbuf_reset(&sb);
    if (st == CV_OK) {
        cv_strbuf_printf(&sb, "profile|%s", report->crit->sha256);
        st = cv_strbuf_status(&sb);
    }
    if (st == CV_OK)
        st = uuid_of(run->profile, &run->ns, sb.ptr);
    if (st == CV_OK)
        st = cv_oscal_uuid(run->doc, run, "assessment-results", 0, NULL, 0);
    if (st == CV_OK)
        st = cv_oscal_uuid(run->result, run, "result", 0, NULL, 0);
    cv_strbuf_release(&sb);
    return st;
}

cv_status cv_oscal_uuid(char out[CV_UUID_STR_LEN + 1],
                        const struct cv_oscal_run *run, const char *kind,
                        size_t sub, const char *crit_id, size_t k)
{
    struct cv_strbuf sb;
    cv_status st;
    cv_strbuf_init(&sb, 0);
    /* The submission's own hash too: the run key already changes with
     * every input, this keeps a bid's items apart from its neighbours'. */
    cv_strbuf_printf(&sb, "%s|%s|%zu|%s|%s|%zu", kind, run->key, sub,
                     sub < run->report->count &&
                             run->report->subs[sub]->sha256[0]
                         ? run->report->subs[sub]->sha256
                         : "-",
                     crit_id ? crit_id : "", k);
    st = cv_strbuf_status(&sb);
    if (st == CV_OK)
        st = uuid_of(out, &run->ns, sb.ptr);
    cv_strbuf_release(&sb);
    return st;
}

/* ---- shared: text ---- */

static void put_replacement(struct cv_strbuf *sb)
{
    cv_strbuf_puts(sb, "\xEF\xBF\xBD");
}

static unsigned long decode(const unsigned char *p, size_t n)
{
    if (n == 2)
        return ((unsigned long)(p[0] & 0x1f) << 6) | (p[1] & 0x3f);
    if (n == 3)
        return ((unsigned long)(p[0] & 0x0f) << 12) |
               ((unsigned long)(p[1] & 0x3f) << 6) | (p[2] & 0x3f);
    return ((unsigned long)(p[0] & 0x07) << 18) |
           ((unsigned long)(p[1] & 0x3f) << 12) |
           ((unsigned long)(p[2] & 0x3f) << 6) | (p[3] & 0x3f);
}

void cv_oscal_text(struct cv_strbuf *sb, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t len = s ? strlen(s) : 0, i = 0;
    while (i < len) {
        unsigned char c = p[i];
        size_t n;
        if (c == '\r') { /* XML parsers make CR and CR LF a line feed */
            cv_strbuf_putc(sb, '\n');
            i += i + 1 < len && p[i + 1] == '\n' ? 2 : 1;
            continue;
        }
        if (c < 0x80) {
            if (c < 0x20 && c != '\t' && c != '\n')
                put_replacement(sb);
            else
                cv_strbuf_putc(sb, (char)c);
            i++;
            continue;
        }
        n = cv_utf8_sequence(p + i, len - i);
        if (n == 0) {
            put_replacement(sb);
            i++;
            continue;
        }
        if (n == 3 && decode(p + i, n) >= 0xFFFE)
            put_replacement(sb); /* U+FFFE, U+FFFF: not XML characters */
        else
            cv_strbuf_put(sb, s + i, n);
        i += n;
    }
}

/* White space by the union of what the schema's `\s` may mean (ECMA-262
 * and Python's re): a prop value may neither start nor end with it. */
static bool is_space(unsigned long cp)
{
    return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20) ||
           cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
           cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

/* A line break in the schema's `.` (which matches none of them). */
static bool is_break(unsigned long cp)
{
    return cp == '\n' || cp == '\r' || cp == '\t' || cp == 0x85 ||
           cp == 0x2028 || cp == 0x2029;
}

void cv_oscal_line(struct cv_strbuf *sb, const char *s)
{
    struct cv_strbuf clean;
    const unsigned char *p;
    size_t i = 0, start = sb->len, keep = sb->len;
    bool any = false;
    cv_strbuf_init(&clean, 0);
    cv_oscal_text(&clean, s);
    p = (const unsigned char *)clean.ptr;
    while (i < clean.len) { /* clean holds valid UTF-8 only */
        size_t n = p[i] < 0x80 ? 1 : cv_utf8_sequence(p + i, clean.len - i);
        unsigned long cp = n == 1 ? p[i] : decode(p + i, n);
        if (n == 0)
            break;
        if (!is_space(cp)) {
            cv_strbuf_put(sb, clean.ptr + i, n);
            keep = sb->len;
            any = true;
        } else if (any) {
            if (is_break(cp))
                cv_strbuf_putc(sb, ' ');
            else
                cv_strbuf_put(sb, clean.ptr + i, n);
        }
        i += n;
    }
    cv_strbuf_truncate(sb, keep > start ? keep : start);
    cv_strbuf_fail(sb, cv_strbuf_status(&clean));
    cv_strbuf_release(&clean);
}

static bool starts_with_nocase(const char *s, const char *prefix)
{
    size_t i;
    for (i = 0; prefix[i]; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != prefix[i])
            return false;
    }
    return true;
}

static bool is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
           (c >= 'A' && c <= 'F');
}

/* RFC 3986's unreserved and reserved characters but '[' and ']' (only
 * for an IP literal, and a vendor's URL is not trusted to be one). */
static bool uri_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || strchr("-._~:/?#@!$&'()*+,;=", c);
}

bool cv_oscal_href(struct cv_strbuf *sb, const char *url)
{
    size_t skip, i;
    bool fragment = false;
    if (!url)
        return false;
    skip = starts_with_nocase(url, "https://")  ? 8
           : starts_with_nocase(url, "http://") ? 7
                                                : 0;
    if (skip == 0 || url[skip] == '\0' || url[skip] == '/')
        return false;
    for (i = 0; url[i]; i++) {
        char c = url[i];
        bool pct = c == '%' && is_hex(url[i + 1]) && is_hex(url[i + 2]);
        if (pct || (uri_char(c) && !(c == '#' && fragment))) {
            cv_strbuf_putc(sb, c);
            fragment = fragment || c == '#';
        } else {
            cv_strbuf_printf(sb, "%%%02X", (unsigned)(unsigned char)c);
        }
    }
    return true;
}

const char *cv_oscal_state(const struct cv_result *r)
{
    return r->status == CV_STATUS_MET ? "satisfied" : "not-satisfied";
}

/* The tender the run is for: the tender file's title, else the one the
 * first bid that names one gives. */
static const char *tender_title(const cv_report *report, cv_lang lang)
{
    size_t i;
    if (report->tender) {
        const struct cv_text2 *t = &report->tender->def.title;
        if (CV_TEXT(lang, *t))
            return CV_TEXT(lang, *t);
        return t->ja ? t->ja : t->en;
    }
    for (i = 0; i < report->count; i++)
        if (report->subs[i]->tender_title)
            return report->subs[i]->tender_title;
    return NULL;
}

void cv_oscal_doc_title(struct cv_strbuf *sb, const struct cv_oscal_run *run)
{
    const char *tender = tender_title(run->report, run->lang);
    cv_strbuf_puts(sb, cv_view_heading(CV_HEAD_REPORT_TITLE, run->lang));
    cv_strbuf_puts(sb, CV_L(run->lang, "：", ": "));
    cv_oscal_line(sb, tender ? tender
                             : CV_TEXT(run->lang,
                                       run->report->crit->profile.title));
}

void cv_oscal_subject_title(struct cv_strbuf *sb, const cv_submission *s)
{
    size_t at = sb->len;
    cv_oscal_line(sb, s->service);
    if (sb->len == at)
        cv_oscal_line(sb, s->file);
    if (sb->len == at)
        cv_strbuf_puts(sb, "-");
}

static void labelled(struct cv_strbuf *sb, const char *label, const char *v)
{
    if (!v || !*v)
        return;
    if (sb->len)
        cv_strbuf_putc(sb, '\n');
    cv_strbuf_puts(sb, label);
    cv_oscal_text(sb, v);
}

void cv_oscal_subject_text(struct cv_strbuf *sb, const cv_submission *s,
                           cv_lang lang)
{
    struct cv_strbuf t;
    cv_strbuf_init(&t, 0);
    labelled(&t, CV_L(lang, "事業者: ", "vendor: "), s->vendor);
    labelled(&t, CV_L(lang, "サービス: ", "service: "), s->service);
    labelled(&t, CV_L(lang, "ファイル: ", "file: "), s->file);
    labelled(&t, CV_L(lang, "判定: ", "verdict: "),
             s->conditional ? cv_conditional_word(lang)
                            : cv_verdict_word(s->verdict, lang));
    cv_strbuf_put(sb, t.ptr, t.len);
    cv_strbuf_fail(sb, cv_strbuf_status(&t));
    cv_strbuf_release(&t);
}

void cv_oscal_answer_text(struct cv_strbuf *sb, const struct cv_result *r,
                          cv_lang lang)
{
    struct cv_strbuf t;
    cv_strbuf_init(&t, 0);
    labelled(&t, CV_L(lang, "回答: ", "response: "), r->response);
    labelled(&t, CV_L(lang, "説明: ", "explanation: "), r->explanation);
    labelled(&t, CV_L(lang, "回答の箇所: ", "answer at: "),
             r->answer_location);
    if (t.len == 0)
        cv_strbuf_puts(&t, CV_L(lang, "回答なし", "no answer"));
    cv_strbuf_put(sb, t.ptr, t.len);
    cv_strbuf_fail(sb, cv_strbuf_status(&t));
    cv_strbuf_release(&t);
}

void cv_oscal_evidence_text(struct cv_strbuf *sb,
                            const struct cv_evidence *e, cv_lang lang)
{
    struct cv_strbuf t;
    cv_strbuf_init(&t, 0);
    labelled(&t, CV_L(lang, "資料: ", "title: "), e->title);
    labelled(&t, "URL: ", e->url);
    labelled(&t, CV_L(lang, "ページ: ", "page: "), e->page);
    labelled(&t, CV_L(lang, "節: ", "section: "), e->section);
    labelled(&t, CV_L(lang, "引用: ", "quote: "), e->quote);
    labelled(&t, CV_L(lang, "記載箇所: ", "given at: "), e->location);
    if (t.len == 0)
        cv_strbuf_puts(&t, CV_L(lang, "(記載なし)", "(nothing stated)"));
    cv_strbuf_put(sb, t.ptr, t.len);
    cv_strbuf_fail(sb, cv_strbuf_status(&t));
    cv_strbuf_release(&t);
}

void cv_oscal_finding_text(struct cv_strbuf *sb, const struct cv_result *r)
{
    cv_oscal_text(sb, r->reason);
    if (r->detail && *r->detail) {
        cv_strbuf_putc(sb, '\n');
        cv_oscal_text(sb, r->detail);
    }
}

void cv_oscal_citation(struct cv_strbuf *sb, const struct cv_criterion *c,
                       size_t i)
{
    struct cv_strbuf t;
    cv_strbuf_init(&t, 0);
    cv_strbuf_printf(&t, "%s %s", c->citations[i].document,
                     c->citations[i].clause);
    cv_oscal_line(sb, t.ptr);
    cv_strbuf_fail(sb, cv_strbuf_status(&t));
    cv_strbuf_release(&t);
}

/* ---- shared: props ---- */

static cv_status add_prop(struct cv_oscal_props *p, const char *name,
                          const char *raw)
{
    struct cv_strbuf v;
    cv_status st;
    if (!raw || p->count >= CV_OSCAL_MAX_PROPS)
        return CV_OK;
    cv_strbuf_init(&v, 0);
    cv_oscal_line(&v, raw);
    st = cv_strbuf_status(&v);
    if (st == CV_OK && v.len) {
        p->name[p->count] = name;
        p->value[p->count] = cv_strbuf_detach(&v, NULL);
        if (!p->value[p->count])
            st = CV_ENOMEM;
        else
            p->count++;
    }
    cv_strbuf_release(&v);
    return st;
}

cv_status cv_oscal_finding_props(struct cv_oscal_props *p,
                                 const struct cv_result *r)
{
    char points[32];
    cv_status st;
    memset(p, 0, sizeof(*p));
    cv_view_points(points, r->points); /* as the other formats print it */
    st = add_prop(p, "status", cv_result_status_str(r->status));
    if (st == CV_OK)
        st = add_prop(p, "mandatory", r->entry->mandatory ? "true" : "false");
    if (st == CV_OK)
        st = add_prop(p, "points", points);
    if (st == CV_OK && r->decided)
        st = add_prop(p, "tool-status", cv_result_status_str(r->tool_status));
    return st;
}

cv_status cv_oscal_subject_props(struct cv_oscal_props *p,
                                 const cv_submission *s)
{
    cv_status st;
    memset(p, 0, sizeof(*p));
    st = add_prop(p, "file", s->file);
    if (st == CV_OK && s->sha256[0])
        st = add_prop(p, "sha256", s->sha256);
    if (st == CV_OK)
        st = add_prop(p, "vendor", s->vendor);
    if (st == CV_OK)
        st = add_prop(p, "service", s->service);
    if (st == CV_OK)
        st = add_prop(p, "verdict", cv_verdict_str(s->verdict));
    if (st == CV_OK)
        st = add_prop(p, "conditional", s->conditional ? "true" : "false");
    return st;
}

void cv_oscal_props_release(struct cv_oscal_props *p)
{
    size_t i;
    for (i = 0; i < p->count; i++)
        free(p->value[i]);
    p->count = 0;
}

/* ---- JSON ---- */

/* The writer: the text so far, and per nesting level whether a member
 * was written (the comma before the next). Flushed to `write` once it
 * holds a chunk. */
#define JW_MAX_DEPTH 16

struct jw {
    struct cv_sink sink; /* view.h: chunks to the caller's callback */
    int depth;
    bool any[JW_MAX_DEPTH];
};


static void jw_newline(struct jw *w)
{
    int i;
    cv_strbuf_putc(&w->sink.buf, '\n');
    for (i = 0; i < w->depth; i++)
        cv_strbuf_puts(&w->sink.buf, "  ");
}

/* The separator and key of the next member (key NULL: an array item). */
static void jw_key(struct jw *w, const char *key)
{
    if (w->any[w->depth])
        cv_strbuf_putc(&w->sink.buf, ',');
    w->any[w->depth] = true;
    jw_newline(w);
    if (key) {
        cv_strbuf_json_str(&w->sink.buf, key);
        cv_strbuf_puts(&w->sink.buf, ": ");
    }
}

static void jw_open(struct jw *w, const char *key, char bracket)
{
    jw_key(w, key);
    cv_strbuf_putc(&w->sink.buf, bracket);
    if (w->depth + 1 >= JW_MAX_DEPTH) {
        cv_strbuf_fail(&w->sink.buf, CV_ERROR); /* a bug of ours, not data */
        return;
    }
    w->depth++;
    w->any[w->depth] = false;
}

static void jw_close(struct jw *w, char bracket)
{
    bool had = w->any[w->depth];
    if (w->depth > 0)
        w->depth--;
    if (had)
        jw_newline(w);
    cv_strbuf_putc(&w->sink.buf, bracket);
}

/* A string already clean (ours, or through cv_oscal_text/line). */
static void jw_str(struct jw *w, const char *key, const char *s, size_t n)
{
    jw_key(w, key);
    cv_strbuf_json_string(&w->sink.buf, s, n);
}

static void jw_strz(struct jw *w, const char *key, const char *s)
{
    jw_str(w, key, s, strlen(s));
}

/* The text a builder made in a scratch buffer, which is then emptied. */
static void jw_buf(struct jw *w, const char *key, struct cv_strbuf *t)
{
    cv_strbuf_fail(&w->sink.buf, cv_strbuf_status(t));
    jw_str(w, key, t->ptr, t->len);
    cv_strbuf_reset(t);
}

static void jw_prop(struct jw *w, const char *name, const char *value,
                    const char *group)
{
    jw_open(w, NULL, '{');
    jw_strz(w, "name", name);
    jw_strz(w, "ns", CV_OSCAL_NS);
    jw_strz(w, "value", value);
    if (group)
        jw_strz(w, "group", group);
    jw_close(w, '}');
}

static void jw_props(struct jw *w, const struct cv_oscal_props *p)
{
    size_t i;
    if (p->count == 0)
        return;
    jw_open(w, "props", '[');
    for (i = 0; i < p->count; i++)
        jw_prop(w, p->name[i], p->value[i], NULL);
    jw_close(w, ']');
}

static void json_metadata(struct jw *w, const struct cv_oscal_run *run,
                          struct cv_strbuf *t)
{
    const cv_criteria *crit = run->report->crit;
    jw_open(w, "metadata", '{');
    cv_oscal_doc_title(t, run);
    jw_buf(w, "title", t);
    jw_strz(w, "last-modified", run->stamp);
    jw_strz(w, "version", CV_VERSION_STRING);
    jw_strz(w, "oscal-version", CV_OSCAL_VERSION);
    jw_open(w, "props", '[');
    cv_oscal_line(t, crit->profile.id);
    jw_prop(w, "profile-id", t->len ? t->ptr : "-", NULL);
    cv_strbuf_reset(t);
    jw_prop(w, "criteria-sha256", crit->sha256, NULL);
    jw_prop(w, "language", run->lang == CV_LANG_EN ? "en" : "ja", NULL);
    jw_close(w, ']');
    jw_close(w, '}');
}

static void json_import_ap(struct jw *w, const struct cv_oscal_run *run,
                           struct cv_strbuf *t)
{
    jw_open(w, "import-ap", '{');
    cv_strbuf_printf(t, "#%s", run->profile);
    jw_buf(w, "href", t);
    jw_strz(w, "remarks",
            CV_L(run->lang,
                 "評価計画は cloudvet の評価基準 (profile) です: "
                 "back-matter の資料がそれを示します。",
                 "The assessment plan is cloudvet's profile: the "
                 "back-matter resource names it."));
    jw_close(w, '}');
}

static cv_status json_subjects(struct jw *w, const struct cv_oscal_run *run,
                               struct cv_strbuf *t)
{
    const cv_report *report = run->report;
    char uuid[CV_UUID_STR_LEN + 1];
    size_t i;
    cv_status st = CV_OK;
    if (report->count == 0)
        return CV_OK;
    jw_open(w, "local-definitions", '{');
    jw_open(w, "components", '[');
    for (i = 0; st == CV_OK && i < report->count; i++) {
        const cv_submission *s = report->subs[i];
        struct cv_oscal_props p;
        st = cv_oscal_uuid(uuid, run, "subject", i, NULL, 0);
        if (st == CV_OK)
            st = cv_oscal_subject_props(&p, s);
        if (st != CV_OK)
            break;
        jw_open(w, NULL, '{');
        jw_strz(w, "uuid", uuid);
        jw_strz(w, "type", "service");
        cv_oscal_subject_title(t, s);
        jw_buf(w, "title", t);
        cv_oscal_subject_text(t, s, run->lang);
        jw_buf(w, "description", t);
        jw_props(w, &p);
        cv_oscal_props_release(&p);
        jw_open(w, "status", '{');
        jw_strz(w, "state", "other");
        jw_close(w, '}');
        jw_close(w, '}');
        cv_sink_flush(&w->sink, false);
    }
    jw_close(w, ']');
    jw_close(w, '}');
    return st;
}

static void json_reviewed(struct jw *w, const struct cv_oscal_run *run,
                          struct cv_strbuf *t)
{
    const struct cv_profile *prof = &run->report->crit->profile;
    size_t i;
    bool any_citation = false;
    jw_open(w, "reviewed-controls", '{');
    jw_strz(w, "description",
            CV_L(run->lang,
                 "評価基準 (profile) の各基準。根拠条項は props (group = "
                 "基準 ID) にあります。",
                 "Every criterion of the profile; the clauses each cites "
                 "are the props whose group is its id."));
    for (i = 0; i < prof->nentries; i++)
        any_citation = any_citation || prof->entries[i].crit->ncitations;
    if (any_citation) {
        jw_open(w, "props", '[');
        for (i = 0; i < prof->nentries; i++) {
            const struct cv_criterion *c = prof->entries[i].crit;
            size_t k;
            for (k = 0; k < c->ncitations; k++) {
                cv_oscal_citation(t, c, k);
                if (t->len)
                    jw_prop(w, "clause", t->ptr, c->id);
                cv_strbuf_reset(t);
            }
        }
        jw_close(w, ']');
    }
    jw_open(w, "control-selections", '[');
    jw_open(w, NULL, '{');
    if (prof->nentries == 0) {
        jw_open(w, "include-all", '{');
        jw_close(w, '}');
    } else {
        jw_open(w, "include-controls", '[');
        for (i = 0; i < prof->nentries; i++) {
            jw_open(w, NULL, '{');
            jw_strz(w, "control-id", prof->entries[i].crit->id);
            jw_close(w, '}');
        }
        jw_close(w, ']');
    }
    jw_close(w, '}');
    jw_close(w, ']');
    jw_close(w, '}');
}

/* The observation of the answer to one criterion, or (`ev` non-NULL) of
 * one evidence item given for it. */
static void json_observation(struct jw *w, const struct cv_oscal_run *run,
                             const char *uuid, const char *subject,
                             const struct cv_result *r,
                             const struct cv_evidence *ev, size_t k,
                             struct cv_strbuf *t)
{
    const char *id = r->entry->crit->id;
    jw_open(w, NULL, '{');
    jw_strz(w, "uuid", uuid);
    if (ev)
        cv_strbuf_printf(t, CV_L(run->lang, "%s: 根拠資料 %zu",
                                 "%s: evidence %zu"),
                         id, k + 1);
    else
        cv_strbuf_printf(t, CV_L(run->lang, "%s: 回答", "%s: answer"), id);
    jw_buf(w, "title", t);
    if (ev)
        cv_oscal_evidence_text(t, ev, run->lang);
    else
        cv_oscal_answer_text(t, r, run->lang);
    jw_buf(w, "description", t);
    jw_open(w, "methods", '[');
    jw_strz(w, NULL, "EXAMINE");
    jw_close(w, ']');
    jw_open(w, "subjects", '[');
    jw_open(w, NULL, '{');
    jw_strz(w, "subject-uuid", subject);
    jw_strz(w, "type", "component");
    jw_close(w, '}');
    jw_close(w, ']');
    if (ev) {
        jw_open(w, "relevant-evidence", '[');
        jw_open(w, NULL, '{');
        if (cv_oscal_href(t, ev->url))
            jw_buf(w, "href", t);
        cv_oscal_evidence_text(t, ev, run->lang);
        jw_buf(w, "description", t);
        jw_close(w, '}');
        jw_close(w, ']');
    }
    jw_strz(w, "collected", run->stamp);
    jw_close(w, '}');
}

static cv_status json_observations(struct jw *w,
                                   const struct cv_oscal_run *run,
                                   struct cv_strbuf *t)
{
    const cv_report *report = run->report;
    char subject[CV_UUID_STR_LEN + 1], uuid[CV_UUID_STR_LEN + 1];
    size_t i, j, k;
    cv_status st = CV_OK;
    jw_open(w, "observations", '[');
    for (i = 0; st == CV_OK && i < report->count; i++) {
        const cv_submission *s = report->subs[i];
        st = cv_oscal_uuid(subject, run, "subject", i, NULL, 0);
        for (j = 0; st == CV_OK && j < s->nresults; j++) {
            const struct cv_result *r = &s->results[j];
            const char *id = r->entry->crit->id;
            st = cv_oscal_uuid(uuid, run, "answer", i, id, 0);
            if (st == CV_OK)
                json_observation(w, run, uuid, subject, r, NULL, 0, t);
            for (k = 0; st == CV_OK && k < r->nevidence; k++) {
                st = cv_oscal_uuid(uuid, run, "evidence", i, id, k);
                if (st == CV_OK)
                    json_observation(w, run, uuid, subject, r,
                                     &r->evidence[k], k, t);
            }
            cv_sink_flush(&w->sink, false);
        }
    }
    jw_close(w, ']');
    return st;
}

static cv_status json_finding(struct jw *w, const struct cv_oscal_run *run,
                              size_t sub, const struct cv_result *r,
                              struct cv_strbuf *t)
{
    const struct cv_criterion *c = r->entry->crit;
    char uuid[CV_UUID_STR_LEN + 1];
    struct cv_oscal_props p;
    size_t k;
    cv_status st = cv_oscal_uuid(uuid, run, "finding", sub, c->id, 0);
    if (st == CV_OK)
        st = cv_oscal_finding_props(&p, r);
    if (st != CV_OK)
        return st;
    jw_open(w, NULL, '{');
    jw_strz(w, "uuid", uuid);
    cv_strbuf_printf(t, "%s: ", c->id);
    cv_oscal_line(t, CV_TEXT(run->lang, c->title));
    jw_buf(w, "title", t);
    cv_oscal_finding_text(t, r);
    jw_buf(w, "description", t);
    jw_props(w, &p);
    cv_oscal_props_release(&p);
    jw_open(w, "target", '{');
    jw_strz(w, "type", "objective-id");
    jw_strz(w, "target-id", c->id);
    jw_open(w, "status", '{');
    jw_strz(w, "state", cv_oscal_state(r));
    jw_strz(w, "reason", r->status == CV_STATUS_MET ? "pass" : "fail");
    jw_close(w, '}');
    jw_close(w, '}');
    jw_open(w, "related-observations", '[');
    for (k = 0; st == CV_OK && k <= r->nevidence; k++) {
        st = k == 0 ? cv_oscal_uuid(uuid, run, "answer", sub, c->id, 0)
                    : cv_oscal_uuid(uuid, run, "evidence", sub, c->id, k - 1);
        jw_open(w, NULL, '{');
        jw_strz(w, "observation-uuid", uuid);
        jw_close(w, '}');
    }
    jw_close(w, ']');
    jw_close(w, '}');
    return st;
}

static cv_status json_findings(struct jw *w, const struct cv_oscal_run *run,
                               struct cv_strbuf *t)
{
    const cv_report *report = run->report;
    size_t i, j;
    cv_status st = CV_OK;
    jw_open(w, "findings", '[');
    for (i = 0; st == CV_OK && i < report->count; i++) {
        for (j = 0; st == CV_OK && j < report->subs[i]->nresults; j++)
            st = json_finding(w, run, i, &report->subs[i]->results[j], t);
        cv_sink_flush(&w->sink, false);
    }
    jw_close(w, ']');
    return st;
}

static bool any_result(const cv_report *report)
{
    size_t i;
    for (i = 0; i < report->count; i++)
        if (report->subs[i]->nresults)
            return true;
    return false;
}

static cv_status json_result(struct jw *w, const struct cv_oscal_run *run,
                             struct cv_strbuf *t)
{
    cv_status st;
    jw_open(w, "results", '[');
    jw_open(w, NULL, '{');
    jw_strz(w, "uuid", run->result);
    cv_strbuf_printf(t, CV_L(run->lang, "cloudvet による評価 (%.10s)",
                             "cloudvet evaluation (%.10s)"),
                     run->stamp);
    jw_buf(w, "title", t);
    cv_strbuf_printf(t, CV_L(run->lang,
                             "入札 %zu 件を評価基準の各基準で判定した結果です。"
                             "satisfied は基準を満たした (met) ものだけで、"
                             "cloudvet の判定は props の status にあります。",
                             "%zu submission(s) judged by every criterion "
                             "of the profile. Only a criterion met is "
                             "satisfied; cloudvet's own status is the "
                             "status prop."),
                     run->report->count);
    jw_buf(w, "description", t);
    jw_strz(w, "start", run->stamp);
    jw_strz(w, "end", run->stamp);
    st = json_subjects(w, run, t);
    if (st == CV_OK)
        json_reviewed(w, run, t);
    if (st == CV_OK && any_result(run->report))
        st = json_observations(w, run, t);
    if (st == CV_OK && any_result(run->report))
        st = json_findings(w, run, t);
    jw_close(w, '}');
    jw_close(w, ']');
    return st;
}

static void json_back_matter(struct jw *w, const struct cv_oscal_run *run,
                             struct cv_strbuf *t)
{
    const cv_criteria *crit = run->report->crit;
    jw_open(w, "back-matter", '{');
    jw_open(w, "resources", '[');
    jw_open(w, NULL, '{');
    jw_strz(w, "uuid", run->profile);
    cv_oscal_line(t, CV_TEXT(run->lang, crit->profile.title));
    jw_buf(w, "title", t);
    jw_open(w, "props", '[');
    cv_oscal_line(t, crit->profile.id);
    jw_prop(w, "profile-id", t->len ? t->ptr : "-", NULL);
    cv_strbuf_reset(t);
    cv_oscal_line(t, crit->profile.version);
    jw_prop(w, "profile-version", t->len ? t->ptr : "-", NULL);
    cv_strbuf_reset(t);
    jw_prop(w, "criteria-sha256", crit->sha256, NULL);
    if (run->report->method_sha256[0])
        jw_prop(w, "method-sha256", run->report->method_sha256, NULL);
    jw_close(w, ']');
    jw_close(w, '}');
    jw_close(w, ']');
    jw_close(w, '}');
}

cv_status cv_report_oscal_ar(const cv_report *report, cv_write_fn write,
                             void *payload)
{
    struct cv_oscal_run run;
    struct jw w;
    struct cv_strbuf t;
    cv_status st = cv_oscal_run_init(&run, report);
    if (st != CV_OK)
        return st;
    memset(&w, 0, sizeof(w));
    cv_sink_init(&w.sink, write, payload);
    cv_strbuf_init(&t, 0);
    cv_strbuf_putc(&w.sink.buf, '{');
    w.depth = 1;
    jw_open(&w, "assessment-results", '{');
    jw_strz(&w, "uuid", run.doc);
    json_metadata(&w, &run, &t);
    json_import_ap(&w, &run, &t);
    st = json_result(&w, &run, &t);
    if (st == CV_OK)
        json_back_matter(&w, &run, &t);
    jw_close(&w, '}');
    w.depth = 0;
    cv_strbuf_puts(&w.sink.buf, "\n}\n");
    if (st == CV_OK)
        st = cv_strbuf_status(&t);
    if (st == CV_OK)
        st = cv_sink_finish(&w.sink);
    else
        cv_strbuf_release(&w.sink.buf);
    cv_strbuf_release(&t);
    return st;
}
