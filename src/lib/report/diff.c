/* SPDX-License-Identifier: MIT */
/*
 * diff.c: the list of differences between two rounds, and its three
 * writers (text, HTML, JSON "cloudvet-diff/1"; docs/diff.md).
 *
 * Every vendor string and file name passes cv_view_text (no control
 * characters, no bidi overrides: a terminal or a browser shows what the
 * file says, never what it pretends) before the format's own escaping.
 * The JSON writer keeps the values as they are (escaped): it is for
 * programs, which compare bytes.
 */
#include "diff.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/diag.h"
#include "base/strbuf.h"
#include "escape.h"
#include "view.h"

/* The text format cuts long values (explanations run to pages); HTML and
 * JSON keep them whole. */
#define TEXT_VALUE_MAX 160

void cv_diff_init(struct cv_diff *d, struct cv_arena *arena, cv_lang lang,
                  enum cv_diff_kind kind)
{
    memset(d, 0, sizeof(*d));
    d->arena = arena;
    d->lang = lang;
    d->kind = kind;
}

cv_status cv_diff_add(struct cv_diff *d, const struct cv_diff_item *item)
{
    if (d->count == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 32;
        struct cv_diff_item *items;
        if (cap < d->cap || cap > SIZE_MAX / sizeof(*items))
            return CV_ENOMEM;
        items = cv_arena_grow(d->arena, d->items, d->cap, cap, sizeof(*items));
        if (!items)
            return CV_ENOMEM;
        d->items = items;
        d->cap = cap;
    }
    d->items[d->count++] = *item;
    return CV_OK;
}

cv_status cv_diff_note(struct cv_diff *d, const char *text)
{
    if (d->nnotes == d->notes_cap) {
        size_t cap = d->notes_cap ? d->notes_cap * 2 : 4;
        const char **notes;
        if (cap < d->notes_cap || cap > SIZE_MAX / sizeof(*notes))
            return CV_ENOMEM;
        notes = cv_arena_grow(d->arena, (void *)d->notes, d->notes_cap, cap,
                              sizeof(*notes));
        if (!notes)
            return CV_ENOMEM;
        d->notes = notes;
        d->notes_cap = cap;
    }
    d->notes[d->nnotes++] = text;
    return CV_OK;
}

/* The words of each group and operation, one row each. */
static const struct {
    const char *name, *ja, *en;
} group_words[CV_DG_COUNT] = {
    [CV_DG_ANSWER] = { "answer", "回答", "Answers" },
    [CV_DG_FACT] = { "fact", "事実", "Facts" },
    [CV_DG_EVIDENCE] = { "evidence", "証跡", "Evidence" },
    [CV_DG_RESULT] = { "result", "結果", "Results" },
    [CV_DG_VERDICT] = { "verdict", "判定", "Verdicts" },
    [CV_DG_BID] = { "bid", "入札", "Bids" },
    [CV_DG_METHOD] = { "method", "評価方法", "Method" },
};

static const struct {
    const char *name, *ja, *en, *mark;
} op_words[] = {
    [CV_DOP_ADDED] = { "added", "追加", "added", "+" },
    [CV_DOP_REMOVED] = { "removed", "削除", "removed", "-" },
    [CV_DOP_CHANGED] = { "changed", "変更", "changed", "~" },
};

const char *cv_diff_group_word(enum cv_diff_group g, cv_lang lang)
{
    return CV_L(lang, group_words[g].ja, group_words[g].en);
}

const char *cv_diff_group_name(enum cv_diff_group g)
{
    return group_words[g].name;
}

const char *cv_diff_op_name(enum cv_diff_op op) { return op_words[op].name; }

static size_t group_count(const struct cv_diff *d, enum cv_diff_group g)
{
    size_t i, n = 0;
    for (i = 0; i < d->count; i++)
        n += d->items[i].group == g;
    return n;
}

static cv_status flush(struct cv_strbuf *sb, cv_write_fn write,
                       void *payload)
{
    cv_status st = cv_strbuf_status(sb);
    if (st == CV_OK && sb->len > 0 && write(sb->ptr, sb->len, payload) != 0)
        st = CV_EIO;
    cv_strbuf_reset(sb);
    return st;
}

/* A value as the human formats show it: a status or verdict in the
 * report's words ("met" -> 適合), anything else as it is. */
static const char *shown(const struct cv_diff_item *it, const char *value,
                         cv_lang lang)
{
    int i;
    if (!value)
        return NULL;
    if (it->value_kind == CV_DV_STATUS)
        for (i = CV_STATUS_MET; i <= CV_STATUS_NOT_APPLICABLE; i++)
            if (strcmp(value, cv_result_status_str((cv_result_status)i)) == 0)
                return cv_view_status_word((cv_result_status)i, lang);
    if (it->value_kind == CV_DV_VERDICT)
        for (i = CV_VERDICT_QUALIFIED; i <= CV_VERDICT_INVALID; i++)
            if (strcmp(value, cv_verdict_str((cv_verdict)i)) == 0)
                return cv_view_verdict_word((cv_verdict)i, lang);
    return value;
}

/* ---- text ---------------------------------------------------------------- */

/* `s` cleaned and cut to TEXT_VALUE_MAX code points. */
static void text_value(struct cv_strbuf *o, const char *s, cv_lang lang)
{
    struct cv_strbuf v;
    if (!s) {
        cv_strbuf_puts(o, CV_L(lang, "(なし)", "(none)"));
        return;
    }
    cv_strbuf_init(&v, 0);
    cv_view_text(&v, s, false);
    cv_view_cut(&v, TEXT_VALUE_MAX);
    if (cv_strbuf_status(&v) != CV_OK)
        cv_strbuf_fail(o, cv_strbuf_status(&v));
    else
        cv_strbuf_put(o, v.ptr ? v.ptr : "", v.len);
    cv_strbuf_release(&v);
}

/* file:line:column: path, gcc-like (what an editor jumps to). */
static void text_loc(struct cv_strbuf *o, const char *file,
                     const struct cv_diff_loc *loc)
{
    cv_view_text(o, file, false);
    if (loc->line > 0)
        cv_strbuf_printf(o, ":%u:%u", loc->line, loc->column);
    if (loc->path && *loc->path) {
        cv_strbuf_puts(o, ": ");
        cv_view_text(o, loc->path, false);
    }
}

static void text_item(struct cv_strbuf *o, const struct cv_diff *d,
                      const struct cv_diff_item *it)
{
    bool in_new = it->op != CV_DOP_REMOVED;
    text_loc(o, in_new ? d->new_file : d->old_file,
             in_new ? &it->new_loc : &it->old_loc);
    cv_strbuf_printf(o, ": %s %s ", op_words[it->op].mark,
                     CV_L(d->lang, op_words[it->op].ja, op_words[it->op].en));
    if (it->bid) {
        cv_view_text(o, it->bid, false);
        cv_strbuf_puts(o, " ");
    }
    cv_view_text(o, it->subject, false);
    cv_strbuf_puts(o, ": ");
    text_value(o, shown(it, it->old_value, d->lang), d->lang);
    cv_strbuf_puts(o, " → ");
    text_value(o, shown(it, it->new_value, d->lang), d->lang);
    if (it->op == CV_DOP_CHANGED && it->old_loc.path &&
        (!it->new_loc.path || strcmp(it->old_loc.path, it->new_loc.path) ||
         it->old_loc.line != it->new_loc.line)) {
        cv_strbuf_puts(o, CV_L(d->lang, " (旧: ", " (old: "));
        text_loc(o, d->old_file, &it->old_loc);
        cv_strbuf_puts(o, ")");
    }
    cv_strbuf_putc(o, '\n');
}

cv_status cv_diff_write_text(const struct cv_diff *d, cv_write_fn write,
                             void *payload)
{
    struct cv_strbuf o;
    cv_status st = CV_OK;
    size_t i, g;
    cv_strbuf_init(&o, 0);
    cv_strbuf_puts(&o, "--- ");
    cv_view_text(&o, d->old_file, false);
    cv_strbuf_puts(&o, "\n+++ ");
    cv_view_text(&o, d->new_file, false);
    cv_strbuf_putc(&o, '\n');
    for (i = 0; i < d->nnotes; i++) {
        cv_strbuf_puts(&o, CV_L(d->lang, "注意: ", "note: "));
        cv_view_text(&o, d->notes[i], false);
        cv_strbuf_putc(&o, '\n');
    }
    for (g = 0; g < CV_DG_COUNT && st == CV_OK; g++) {
        size_t n = group_count(d, (enum cv_diff_group)g);
        if (n == 0)
            continue;
        cv_strbuf_printf(&o, "\n%s (%zu)\n",
                         cv_diff_group_word((enum cv_diff_group)g, d->lang),
                         n);
        for (i = 0; i < d->count; i++)
            if (d->items[i].group == (enum cv_diff_group)g)
                text_item(&o, d, &d->items[i]);
        st = flush(&o, write, payload);
    }
    if (st == CV_OK) {
        if (d->count == 0)
            cv_strbuf_puts(&o, CV_L(d->lang, "\n違いはありません\n",
                                    "\nno differences\n"));
        else
            cv_strbuf_printf(&o, CV_L(d->lang, "\n違い: %zu 件\n",
                                      "\n%zu differences\n"),
                             d->count);
        st = flush(&o, write, payload);
    }
    cv_strbuf_release(&o);
    return st;
}

/* ---- HTML ---------------------------------------------------------------- */

/* Cleaned for display, then escaped (escape.h); kept line breaks stay
 * "\n": the cells are white-space:pre-wrap. */
static void html_text(struct cv_strbuf *o, const char *s, bool keep_lines)
{
    cv_html_text(o, s, keep_lines ? CV_HTML_NEWLINES : CV_HTML_ONE_LINE);
}

static void html_loc(struct cv_strbuf *o, const struct cv_diff_loc *loc)
{
    if (!loc->path)
        return;
    html_text(o, loc->path, false);
    if (loc->line > 0)
        cv_strbuf_printf(o, " (%u:%u)", loc->line, loc->column);
}

static void html_item(struct cv_strbuf *o, const struct cv_diff *d,
                      const struct cv_diff_item *it)
{
    cv_strbuf_printf(o, "<tr class=\"%s\"><td>%s</td><td>",
                     op_words[it->op].name,
                     CV_L(d->lang, op_words[it->op].ja, op_words[it->op].en));
    if (it->bid) {
        html_text(o, it->bid, false);
        cv_strbuf_puts(o, "<br>");
    }
    html_text(o, it->subject, false);
    cv_strbuf_puts(o, "</td><td class=\"old\">");
    if (it->old_value)
        html_text(o, shown(it, it->old_value, d->lang), true);
    cv_strbuf_puts(o, "</td><td class=\"new\">");
    if (it->new_value)
        html_text(o, shown(it, it->new_value, d->lang), true);
    cv_strbuf_puts(o, "</td><td class=\"loc\">");
    html_loc(o, &it->old_loc);
    cv_strbuf_puts(o, "</td><td class=\"loc\">");
    html_loc(o, &it->new_loc);
    cv_strbuf_puts(o, "</td></tr>\n");
}

static const char html_style[] =
    "body{font-family:sans-serif;margin:2em}"
    "table{border-collapse:collapse;width:100%;margin-bottom:1.5em}"
    "th,td{border:1px solid #999;padding:.3em .5em;vertical-align:top;"
    "text-align:left;white-space:pre-wrap;word-break:break-word}"
    "th{background:#eee}.old{background:#fdecea}.new{background:#e8f5e9}"
    ".loc{font-family:monospace;font-size:.85em}"
    ".note{background:#fff8e1;padding:.5em;border:1px solid #e0c060}";

static void html_head(struct cv_strbuf *o, const struct cv_diff *d)
{
    const char *title = CV_L(d->lang, "提出物の差分", "What changed");
    cv_strbuf_printf(o,
                     "<!DOCTYPE html>\n<html lang=\"%s\"><head>"
                     "<meta charset=\"utf-8\"><title>%s</title>"
                     "<style>%s</style></head><body>\n<h1>%s</h1>\n<p>",
                     d->lang == CV_LANG_EN ? "en" : "ja", title, html_style,
                     title);
    cv_strbuf_puts(o, CV_L(d->lang, "旧: ", "old: "));
    html_text(o, d->old_file, false);
    cv_strbuf_puts(o, "<br>");
    cv_strbuf_puts(o, CV_L(d->lang, "新: ", "new: "));
    html_text(o, d->new_file, false);
    cv_strbuf_puts(o, "</p>\n");
}

cv_status cv_diff_write_html(const struct cv_diff *d, cv_write_fn write,
                             void *payload)
{
    struct cv_strbuf o;
    cv_status st;
    size_t i, g;
    cv_strbuf_init(&o, 0);
    html_head(&o, d);
    for (i = 0; i < d->nnotes; i++) {
        cv_strbuf_puts(&o, "<p class=\"note\">");
        html_text(&o, d->notes[i], false);
        cv_strbuf_puts(&o, "</p>\n");
    }
    st = flush(&o, write, payload);
    for (g = 0; g < CV_DG_COUNT && st == CV_OK; g++) {
        size_t n = group_count(d, (enum cv_diff_group)g);
        if (n == 0)
            continue;
        cv_strbuf_printf(
            &o, "<h2>%s (%zu)</h2>\n<table><tr><th>%s</th><th>%s</th>"
                "<th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
            cv_diff_group_word((enum cv_diff_group)g, d->lang), n,
            CV_L(d->lang, "変更", "change"), CV_L(d->lang, "対象", "item"),
            CV_L(d->lang, "旧", "old"), CV_L(d->lang, "新", "new"),
            CV_L(d->lang, "旧の位置", "old location"),
            CV_L(d->lang, "新の位置", "new location"));
        for (i = 0; i < d->count; i++)
            if (d->items[i].group == (enum cv_diff_group)g)
                html_item(&o, d, &d->items[i]);
        cv_strbuf_puts(&o, "</table>\n");
        st = flush(&o, write, payload);
    }
    if (st == CV_OK) {
        if (d->count == 0)
            cv_strbuf_printf(&o, "<p>%s</p>\n",
                             CV_L(d->lang, "違いはありません",
                                  "No differences."));
        cv_strbuf_puts(&o, "</body></html>\n");
        st = flush(&o, write, payload);
    }
    cv_strbuf_release(&o);
    return st;
}

/* ---- JSON ---------------------------------------------------------------- */

/* A JSON string; the input is valid UTF-8 (the loaders' guarantee), so
 * only quotes, backslashes and control characters need escaping.
 * U+2028/2029 are escaped too, for readers that embed it in script. */

static void json_loc(struct cv_strbuf *o, const struct cv_diff_loc *loc)
{
    if (!loc->path) {
        cv_strbuf_puts(o, "null");
        return;
    }
    cv_strbuf_puts(o, "{\"path\":");
    cv_strbuf_json_str(o, loc->path);
    if (loc->line > 0)
        cv_strbuf_printf(o, ",\"line\":%u,\"column\":%u", loc->line,
                         loc->column);
    else
        cv_strbuf_puts(o, ",\"line\":null,\"column\":null");
    cv_strbuf_putc(o, '}');
}

static void json_item(struct cv_strbuf *o, const struct cv_diff_item *it)
{
    cv_strbuf_printf(o, "    {\"group\":\"%s\",\"op\":\"%s\",\"bid\":",
                     group_words[it->group].name, op_words[it->op].name);
    cv_strbuf_json_str(o, it->bid);
    cv_strbuf_puts(o, ",\"subject\":");
    cv_strbuf_json_str(o, it->subject);
    cv_strbuf_puts(o, ",\"old\":");
    cv_strbuf_json_str(o, it->old_value);
    cv_strbuf_puts(o, ",\"new\":");
    cv_strbuf_json_str(o, it->new_value);
    cv_strbuf_puts(o, ",\"old_location\":");
    json_loc(o, &it->old_loc);
    cv_strbuf_puts(o, ",\"new_location\":");
    json_loc(o, &it->new_loc);
    cv_strbuf_putc(o, '}');
}

cv_status cv_diff_write_json(const struct cv_diff *d, cv_write_fn write,
                             void *payload)
{
    struct cv_strbuf o;
    cv_status st = CV_OK;
    size_t i, g;
    cv_strbuf_init(&o, 0);
    cv_strbuf_printf(&o, "{\n  \"format\": \"cloudvet-diff/1\",\n"
                         "  \"kind\": \"%s\",\n  \"old\": ",
                     d->kind == CV_DIFF_REPORTS ? "reports" : "submissions");
    cv_strbuf_json_str(&o, d->old_file);
    cv_strbuf_puts(&o, ",\n  \"new\": ");
    cv_strbuf_json_str(&o, d->new_file);
    cv_strbuf_puts(&o, ",\n  \"notes\": [");
    for (i = 0; i < d->nnotes; i++) {
        if (i)
            cv_strbuf_putc(&o, ',');
        cv_strbuf_json_str(&o, d->notes[i]);
    }
    cv_strbuf_printf(&o, "],\n  \"count\": %zu,\n  \"counts\": {", d->count);
    for (g = 0; g < CV_DG_COUNT; g++)
        cv_strbuf_printf(&o, "%s\"%s\":%zu", g ? "," : "",
                         group_words[g].name,
                         group_count(d, (enum cv_diff_group)g));
    cv_strbuf_puts(&o, "},\n  \"changes\": [");
    for (i = 0; i < d->count && st == CV_OK; i++) {
        cv_strbuf_puts(&o, i ? ",\n" : "\n");
        json_item(&o, &d->items[i]);
        if (o.len > 65536)
            st = flush(&o, write, payload);
    }
    if (st == CV_OK) {
        cv_strbuf_puts(&o, d->count ? "\n  ]\n}\n" : "]\n}\n");
        st = flush(&o, write, payload);
    }
    cv_strbuf_release(&o);
    return st;
}
