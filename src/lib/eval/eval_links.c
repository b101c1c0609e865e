/* SPDX-License-Identifier: MIT */
/*
 * eval_links.c: which URLs of a submission are checked with --online, and
 * how each check's outcome reads in the report.
 *
 * The questionnaire has URLs only as `url` members (evidence anywhere,
 * sla.url, isolation.url), so every string member named `url` is one.
 */
#include <stdio.h>
#include <string.h>

#include "eval.h"

static void count_urls(const struct cv_node *n, size_t *count)
{
    const struct cv_node *c;
    for (c = n->first; c; c = c->next) {
        if (c->kind == CV_NODE_STRING && c->name &&
            strcmp(c->name, "url") == 0)
            (*count)++;
        else if (c->kind == CV_NODE_OBJECT || c->kind == CV_NODE_ARRAY)
            count_urls(c, count);
    }
}

static void gather_urls(const struct cv_node *n, struct cv_link *out,
                        size_t *i)
{
    const struct cv_node *c;
    for (c = n->first; c; c = c->next) {
        if (c->kind == CV_NODE_STRING && c->name &&
            strcmp(c->name, "url") == 0) {
            out[*i].pointer = c->path ? c->path : "";
            out[*i].check.url = c->text;
            (*i)++;
        } else if (c->kind == CV_NODE_OBJECT || c->kind == CV_NODE_ARRAY) {
            gather_urls(c, out, i);
        }
    }
}

/* Recursion depth is bounded by the reader's max_depth. */
cv_status cv_eval_collect_links(struct cv_link **out, size_t *n,
                                const struct cv_node *doc, struct cv_arena *a)
{
    size_t count = 0, i = 0;
    *out = NULL;
    *n = 0;
    if (!doc)
        return CV_OK;
    count_urls(doc, &count);
    if (count == 0)
        return CV_OK;
    *out = cv_arena_calloc(a, count, sizeof(**out));
    if (!*out)
        return CV_ENOMEM;
    gather_urls(doc, *out, &i);
    *n = i;
    return CV_OK;
}

const char *cv_link_outcome_str(enum cv_link_outcome o)
{
    static const char *const names[] = { "ok",     "http_error",
                                         "blocked", "failed",
                                         "invalid", "not_checked" };
    return (unsigned)o < sizeof(names) / sizeof(names[0]) ? names[o] : "?";
}

static const char *class_words(enum cv_addr_class c, cv_lang lang)
{
    switch (c) {
    case CV_ADDR_LOOPBACK:
        return CV_L(lang, "ループバック", "loopback");
    case CV_ADDR_PRIVATE:
        return CV_L(lang, "プライベート", "private");
    case CV_ADDR_UNIQUE_LOCAL:
        return CV_L(lang, "ユニークローカル", "unique-local");
    case CV_ADDR_SHARED:
        return CV_L(lang, "共有 (CGNAT)", "shared (CGNAT)");
    case CV_ADDR_LINK_LOCAL:
        return CV_L(lang, "リンクローカル (クラウドのメタデータを含む)",
                    "link-local (cloud metadata among them)");
    case CV_ADDR_MULTICAST:
        return CV_L(lang, "マルチキャスト", "multicast");
    case CV_ADDR_UNSPECIFIED:
        return CV_L(lang, "未指定", "unspecified");
    case CV_ADDR_RESERVED:
        return CV_L(lang, "予約済み", "reserved");
    case CV_ADDR_PUBLIC:
        break;
    }
    return CV_L(lang, "公開", "public");
}

static void describe_blocked(struct cv_strbuf *sb, const struct cv_link_check *c,
                             cv_lang lang)
{
    bool hop = c->blocked_url && c->url && strcmp(c->blocked_url, c->url) != 0;
    if (c->blocked_scheme)
        cv_strbuf_printf(sb,
                         CV_L(lang,
                              "ブロック: スキーム '%s' は http/https では"
                              "ありません",
                              "blocked: scheme '%s' is not http or https"),
                         c->blocked_scheme);
    else
        cv_strbuf_printf(sb,
                         CV_L(lang,
                              "ブロック: %s は%sアドレスです (SSRF 防止; "
                              "イントラネットでは --allow-private)",
                              "blocked: %s is a %s address (SSRF guard; "
                              "--allow-private for an intranet)"),
                         c->blocked_addr ? c->blocked_addr : "?",
                         class_words(c->blocked_class, lang));
    if (hop)
        cv_strbuf_printf(sb, CV_L(lang, "、リダイレクト先 %s",
                                  ", at the redirect to %s"),
                         c->blocked_url);
}

/* Neither reachable nor unreachable: not (fully) requested. Says why, so
 * a reader knows it is to be checked by hand, not held against the bid. */
static void not_checked(struct cv_strbuf *sb, bool over_budget, cv_lang lang)
{
    if (over_budget)
        cv_strbuf_puts(sb, CV_L(lang,
                                "確認していません (リンク確認の時間の予算切れ"
                                "; 手で確認してください)",
                                "not checked (the link-check time budget "
                                "was exhausted; check it by hand)"));
    else
        cv_strbuf_puts(sb, CV_L(lang,
                                "確認していません (URL 数の上限; 手で確認して"
                                "ください)",
                                "not checked (limit on URLs; check it by "
                                "hand)"));
}

static void describe(struct cv_strbuf *sb, const struct cv_link_check *c,
                     cv_lang lang)
{
    switch (c->outcome) {
    case CV_LINK_OK:
    case CV_LINK_HTTP_ERROR:
        cv_strbuf_printf(sb, "HTTP %ld %s (%s", c->http_status,
                         c->content_type ? c->content_type : "-",
                         c->method ? c->method : "-");
        if (c->redirects)
            cv_strbuf_printf(sb, CV_L(lang, "、リダイレクト %u 回",
                                      ", %u redirects"),
                             c->redirects);
        cv_strbuf_putc(sb, ')');
        break;
    case CV_LINK_BLOCKED:
        describe_blocked(sb, c, lang);
        break;
    case CV_LINK_FAILED:
        cv_strbuf_printf(sb, CV_L(lang, "取得できません: %s",
                                  "could not be fetched: %s"),
                         c->error ? c->error : "?");
        break;
    case CV_LINK_INVALID:
        cv_strbuf_puts(sb, CV_L(lang, "URL として読めません",
                                "not a URL"));
        break;
    case CV_LINK_NOT_CHECKED:
        not_checked(sb, true, lang);
        break;
    }
}

cv_status cv_eval_describe_links(struct cv_link *links, size_t n,
                                 cv_lang lang, struct cv_arena *a)
{
    struct cv_strbuf sb;
    size_t i;
    cv_status st = CV_OK;
    cv_strbuf_init(&sb, 0);
    for (i = 0; i < n && st == CV_OK; i++) {
        cv_strbuf_reset(&sb);
        if (links[i].checked)
            describe(&sb, &links[i].check, lang);
        else
            not_checked(&sb, links[i].over_budget, lang);
        st = cv_strbuf_status(&sb);
        if (st == CV_OK &&
            !(links[i].message = cv_arena_strndup(a, sb.ptr ? sb.ptr : "",
                                                  sb.len)))
            st = CV_ENOMEM;
    }
    cv_strbuf_release(&sb);
    return st;
}
