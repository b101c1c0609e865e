/* SPDX-License-Identifier: MIT */
/*
 * check_sarif.c: `check --format json` ("cloudvet-check/1") and
 * `--format sarif` (SARIF 2.1.0), both written with base/strbuf's JSON
 * strings (docs/check.md describes both).
 */
#include "check.h"

#include <string.h>

#define J(out, s) cv_strbuf_json_str((out), (s))

static const char *sarif_level(cv_severity sev)
{
    return sev == CV_SEV_ERROR ? "error"
           : sev == CV_SEV_WARNING ? "warning" : "note";
}

static void json_citations(struct cv_strbuf *out, const struct cv_criterion *c)
{
    size_t i;
    cv_strbuf_putc(out, '[');
    for (i = 0; i < c->ncitations; i++) {
        cv_strbuf_puts(out, i ? ",{\"document\":" : "{\"document\":");
        J(out, c->citations[i].document);
        cv_strbuf_puts(out, ",\"clause\":");
        J(out, c->citations[i].clause);
        cv_strbuf_putc(out, '}');
    }
    cv_strbuf_putc(out, ']');
}

/* ---- cloudvet-check/1 ---------------------------------------------------- */

static void json_item(struct cv_strbuf *out, const struct cv_check_item *it)
{
    cv_strbuf_puts(out, "{\"kind\":");
    J(out, it->res ? "criterion" : "diagnostic");
    cv_strbuf_puts(out, ",\"rule\":");
    J(out, cv_check_item_rule(it));
    cv_strbuf_puts(out, ",\"severity\":");
    J(out, cv_severity_str(it->sev));
    cv_strbuf_puts(out, ",\"message\":");
    J(out, cv_check_item_message(it));
    cv_strbuf_puts(out, ",\"path\":");
    J(out, it->path);
    cv_strbuf_printf(out, ",\"line\":%u,\"column\":%u", it->line, it->column);
    if (it->res) {
        const struct cv_result *r = it->res;
        cv_strbuf_puts(out, ",\"status\":");
        J(out, cv_result_status_str(r->status));
        cv_strbuf_printf(out, ",\"mandatory\":%s,\"disqualifies\":%s",
                         r->entry->mandatory ? "true" : "false",
                         cv_result_disqualifies(r) ? "true" : "false");
        cv_strbuf_puts(out, ",\"detail\":");
        J(out, r->detail);
        cv_strbuf_puts(out, ",\"clauses\":");
        json_citations(out, r->entry->crit);
    }
    cv_strbuf_putc(out, '}');
}

void cv_check_json(struct cv_strbuf *out, const struct cv_check_run *run)
{
    size_t i, k, count[4] = { 0, 0, 0, 0 };
    cv_strbuf_puts(out, "{\"format\":\"cloudvet-check/1\",\"as_of\":");
    J(out, run->ctx->opts.as_of);
    cv_strbuf_puts(out, ",\"profile\":{\"id\":");
    J(out, run->crit->profile.id);
    cv_strbuf_puts(out, ",\"version\":");
    J(out, run->crit->profile.version);
    cv_strbuf_puts(out, ",\"sha256\":");
    J(out, run->crit->sha256);
    cv_strbuf_printf(out, "},\"strict\":%s,\"submissions\":[",
                     run->strict ? "true" : "false");
    for (i = 0; i < run->nsubs; i++) {
        const struct cv_check_sub *cs = &run->subs[i];
        count[cs->outcome]++;
        cv_strbuf_puts(out, i ? ",\n{\"file\":" : "\n{\"file\":");
        J(out, cs->sub->file);
        cv_strbuf_puts(out, ",\"sha256\":");
        J(out, cs->sub->sha256);
        cv_strbuf_puts(out, ",\"verdict\":");
        J(out, cv_verdict_str(cs->sub->verdict));
        cv_strbuf_printf(out, ",\"conditional\":%s,\"outcome\":",
                         cs->sub->conditional ? "true" : "false");
        J(out, cv_check_outcome_str(cs->outcome));
        cv_strbuf_printf(out, ",\"score\":%.2f,\"max_score\":%.2f,"
                              "\"findings\":[",
                         cs->sub->score, cs->sub->max_score);
        for (k = 0; k < cs->nitems; k++) {
            cv_strbuf_puts(out, k ? ",\n " : "\n ");
            json_item(out, &cs->items[k]);
        }
        cv_strbuf_puts(out, "]}");
    }
    cv_strbuf_printf(out, "],\n\"summary\":{\"files\":%zu,\"qualifies\":%zu,"
                          "\"conditional\":%zu,\"fails\":%zu,"
                          "\"unreadable\":%zu}}\n",
                     run->nsubs, count[CV_CHECK_QUALIFIES],
                     count[CV_CHECK_CONDITIONAL], count[CV_CHECK_FAILS],
                     count[CV_CHECK_UNREADABLE]);
}

/* ---- SARIF 2.1.0 ------------------------------------------------------- */

/* A path as a URI reference: every byte but the unreserved ones and '/'
 * percent-encoded, so a space, a '#' or a Japanese file name stays one
 * relative reference ("<stdin>" becomes "%3Cstdin%3E"). */
static void uri_ref(struct cv_strbuf *out, const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    struct cv_strbuf u;
    const unsigned char *p;
    cv_strbuf_init(&u, 0);
    for (p = (const unsigned char *)(path ? path : ""); *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
            (*p >= '0' && *p <= '9') || strchr("-._~/", *p)) {
            cv_strbuf_putc(&u, (char)*p);
        } else {
            cv_strbuf_putc(&u, '%');
            cv_strbuf_putc(&u, hex[*p >> 4]);
            cv_strbuf_putc(&u, hex[*p & 15]);
        }
    }
    J(out, u.ptr);
    cv_strbuf_fail(out, cv_strbuf_status(&u));
    cv_strbuf_release(&u);
}

static void sarif_rules(struct cv_strbuf *out, const struct cv_check_run *run)
{
    const struct cv_profile *p = &run->crit->profile;
    cv_lang lang = run->lang;
    size_t i;
    cv_strbuf_puts(out, "\"rules\":[{\"id\":\"" CV_CHECK_INPUT_RULE "\","
                        "\"name\":\"InputDiagnostic\",\"shortDescription\":"
                        "{\"text\":");
    J(out, CV_L(lang, "質問票の読み取りと検証の診断",
                "diagnostics of reading and validating the questionnaire"));
    cv_strbuf_puts(out, "},\"defaultConfiguration\":{\"level\":\"error\"}}");
    for (i = 0; i < p->nentries; i++) {
        const struct cv_profile_entry *e = &p->entries[i];
        const struct cv_criterion *c = e->crit;
        cv_strbuf_puts(out, ",\n{\"id\":");
        J(out, c->id);
        cv_strbuf_puts(out, ",\"name\":");
        J(out, c->id);
        cv_strbuf_puts(out, ",\"shortDescription\":{\"text\":");
        J(out, CV_TEXT(lang, c->title) ? CV_TEXT(lang, c->title) : c->id);
        cv_strbuf_puts(out, "},\"fullDescription\":{\"text\":");
        J(out, CV_TEXT(lang, c->requirement) ? CV_TEXT(lang, c->requirement)
                                             : c->id);
        cv_strbuf_printf(out, "},\"defaultConfiguration\":{\"level\":\"%s\"},"
                              "\"properties\":{\"mandatory\":%s,"
                              "\"category\":",
                         e->mandatory ? "error" : "warning",
                         e->mandatory ? "true" : "false");
        J(out, c->category);
        cv_strbuf_puts(out, ",\"clauses\":");
        json_citations(out, c);
        cv_strbuf_puts(out, "}}");
    }
    cv_strbuf_putc(out, ']');
}

/* The rule's index in tool.driver.rules: 0 is the input rule. */
static size_t rule_index(const struct cv_check_run *run,
                         const struct cv_check_item *it)
{
    const struct cv_profile *p = &run->crit->profile;
    size_t i;
    for (i = 0; it->res && i < p->nentries; i++)
        if (&p->entries[i] == it->res->entry)
            return i + 1;
    return 0;
}

static void sarif_result(struct cv_strbuf *out, const struct cv_check_run *run,
                         const struct cv_check_sub *cs,
                         const struct cv_check_item *it)
{
    cv_strbuf_puts(out, "{\"ruleId\":");
    J(out, cv_check_item_rule(it));
    cv_strbuf_printf(out, ",\"ruleIndex\":%zu,\"level\":\"%s\","
                          "\"message\":{\"text\":",
                     rule_index(run, it), sarif_level(it->sev));
    J(out, *cv_check_item_message(it) ? cv_check_item_message(it) : "-");
    cv_strbuf_puts(out, "},\"locations\":[{\"physicalLocation\":"
                        "{\"artifactLocation\":{\"uri\":");
    uri_ref(out, cs->sub->file);
    cv_strbuf_putc(out, '}');
    if (it->line) {
        cv_strbuf_printf(out, ",\"region\":{\"startLine\":%u", it->line);
        if (it->column)
            cv_strbuf_printf(out, ",\"startColumn\":%u", it->column);
        cv_strbuf_putc(out, '}');
    }
    cv_strbuf_putc(out, '}');
    if (it->path[0]) {
        cv_strbuf_puts(out, ",\"logicalLocations\":[{\"fullyQualifiedName\":");
        J(out, it->path);
        cv_strbuf_puts(out, ",\"kind\":\"member\"}]");
    }
    cv_strbuf_puts(out, "}]");
    if (it->res) {
        cv_strbuf_puts(out, ",\"properties\":{\"status\":");
        J(out, cv_result_status_str(it->res->status));
        cv_strbuf_printf(out, ",\"disqualifies\":%s}",
                         cv_result_disqualifies(it->res) ? "true" : "false");
    }
    cv_strbuf_putc(out, '}');
}

void cv_check_sarif(struct cv_strbuf *out, const struct cv_check_run *run)
{
    size_t i, k, n = 0;
    cv_strbuf_puts(out, "{\"$schema\":\"https://json.schemastore.org/"
                        "sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":"
                        "[{\"tool\":{\"driver\":{\"name\":\"cloudvet\","
                        "\"version\":");
    J(out, run->tool_version);
    cv_strbuf_puts(out, ",\"semanticVersion\":");
    J(out, run->tool_version);
    if (run->information_uri) {
        cv_strbuf_puts(out, ",\"informationUri\":");
        J(out, run->information_uri);
    }
    cv_strbuf_puts(out, ",\n");
    sarif_rules(out, run);
    cv_strbuf_puts(out, "}},\n\"results\":[");
    for (i = 0; i < run->nsubs; i++)
        for (k = 0; k < run->subs[i].nitems; k++) {
            cv_strbuf_puts(out, n++ ? ",\n" : "\n");
            sarif_result(out, run, &run->subs[i], &run->subs[i].items[k]);
        }
    cv_strbuf_puts(out, "],\n\"properties\":{\"profile\":");
    J(out, run->crit->profile.id);
    cv_strbuf_puts(out, ",\"as_of\":");
    J(out, run->ctx->opts.as_of);
    cv_strbuf_puts(out, "}}]}\n");
}
