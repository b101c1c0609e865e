/* SPDX-License-Identifier: MIT */
/*
 * template_xml.c: the blank questionnaire in the XML form. Each answer
 * element is preceded by a comment with the question and its clauses, so
 * a vendor filling it in sees what is asked and why.
 */
#include <stdio.h>
#include <string.h>

#include "../base/strbuf.h"
#include "../internal.h"
#include "view.h"

static void put_escaped(struct cv_strbuf *sb, const char *s, bool comment)
{
    for (; *s; s++) {
        if (comment && s[0] == '-' && s[1] == '-')
            cv_strbuf_puts(sb, "- "); /* "--" may not appear in a comment */
        else if (!comment && *s == '<')
            cv_strbuf_puts(sb, "&lt;");
        else if (!comment && *s == '>')
            cv_strbuf_puts(sb, "&gt;");
        else if (!comment && *s == '&')
            cv_strbuf_puts(sb, "&amp;");
        else
            cv_strbuf_putc(sb, *s);
    }
}

static void indent(struct cv_strbuf *sb, int depth)
{
    int i;
    for (i = 0; i < depth; i++)
        cv_strbuf_puts(sb, "  ");
}

static void element(struct cv_strbuf *sb, const char *name,
                    const struct cv_schema *s, int depth)
{
    size_t i;
    if (depth > 16)
        return;
    if (s->types & CV_ST_ARRAY) {
        if (s->items && (s->items->types & CV_ST_OBJECT))
            element(sb, s->xml_item, s->items, depth);
        return;
    }
    indent(sb, depth);
    if (!(s->types & CV_ST_OBJECT)) {
        cv_strbuf_printf(sb, "<%s></%s>\n", name, name);
        return;
    }
    cv_strbuf_printf(sb, "<%s>\n", name);
    for (i = 0; i < s->nprops; i++) {
        const char *pn = s->props[i].name;
        if (strcmp(pn, "answers") == 0 || strcmp(pn, "evidence") == 0 ||
            strcmp(pn, "format") == 0)
            continue;
        element(sb, s->props[i].xml_name, s->props[i].schema, depth + 1);
    }
    indent(sb, depth);
    cv_strbuf_printf(sb, "</%s>\n", name);
}

cv_status cv_template_xml(const cv_criteria *crit, cv_lang lang,
                          cv_write_fn write, void *payload)
{
    struct cv_strbuf sb;
    size_t i, k;
    cv_status st;
    cv_strbuf_init(&sb, 0);
    cv_strbuf_puts(&sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<questionnaire "
                        "xmlns=\"urn:cloudvet:questionnaire:1\">\n"
                        "  <format>cloudvet-questionnaire/1</format>\n");
    for (i = 0; i < crit->schema->nprops; i++) {
        const struct cv_schema_prop *p = &crit->schema->props[i];
        if (strcmp(p->name, "answers") == 0 ||
            strcmp(p->name, "evidence") == 0 || strcmp(p->name, "format") == 0)
            continue;
        element(&sb, p->xml_name, p->schema, 1);
    }
    for (i = 0; i < crit->profile.nentries; i++) {
        const struct cv_profile_entry *e = &crit->profile.entries[i];
        const struct cv_criterion *c = e->crit;
        cv_strbuf_puts(&sb, "  <!-- ");
        if (e->mandatory)
            cv_strbuf_puts(&sb, CV_L(lang, "【必須】", "[mandatory] "));
        put_escaped(&sb, CV_TEXT(lang, c->title), true);
        cv_strbuf_puts(&sb, ": ");
        put_escaped(&sb, CV_TEXT(lang, c->requirement), true);
        for (k = 0; k < c->ncitations; k++) {
            cv_strbuf_puts(&sb, k ? "; " : " [");
            put_escaped(&sb, c->citations[k].document, true);
            cv_strbuf_putc(&sb, ' ');
            put_escaped(&sb, c->citations[k].clause, true);
        }
        cv_strbuf_puts(&sb, "] -->\n");
        if (e->nparams) {
            /* The thresholds the answer is judged by, with their basis
             * and source: a comment of their own, before the answer. */
            struct cv_strbuf params;
            cv_strbuf_init(&params, 0);
            cv_view_entry_params(&params, e, lang);
            cv_strbuf_puts(&sb, "  <!-- ");
            put_escaped(&sb, params.ptr, true);
            cv_strbuf_puts(&sb, " -->\n");
            cv_strbuf_fail(&sb, cv_strbuf_status(&params));
            cv_strbuf_release(&params);
        }
        cv_strbuf_puts(&sb, "  <answer>\n    <id>");
        put_escaped(&sb, c->id, false);
        cv_strbuf_puts(&sb, "</id>\n    <response></response>\n"
                            "    <explanation></explanation>\n"
                            "  </answer>\n");
    }
    cv_strbuf_puts(&sb, "</questionnaire>\n");
    st = cv_strbuf_status(&sb);
    if (st == CV_OK && write(sb.ptr, sb.len, payload) != 0)
        st = CV_EIO;
    cv_strbuf_release(&sb);
    return st;
}
