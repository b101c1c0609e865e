/* SPDX-License-Identifier: MIT */
/*
 * report_md.c: report.md, the summary and the comparison table for review
 * threads (GitHub/GitLab-flavoured tables). The detail per criterion is in
 * the HTML, XLSX and JSON forms.
 *
 * Every text from a submission is cleaned (view.h) and each ASCII
 * character with a meaning inside a table cell is backslash-escaped
 * (CommonMark allows it for any punctuation), so vendor text can neither
 * break a cell with `|`, nor open emphasis, code, a link, an image, raw
 * HTML, an entity or (GitLab) math.
 */
#include <string.h>

#include "view.h"

static void md_text(struct cv_strbuf *out, const char *s)
{
    struct cv_strbuf clean;
    const char *p;
    cv_strbuf_init(&clean, 0);
    cv_view_text(&clean, s, false);
    for (p = clean.ptr; *p; p++) {
        if (strchr("\\`*_[]()<>|~&!#$", *p) && *p != '\0')
            cv_strbuf_putc(out, '\\');
        cv_strbuf_putc(out, *p);
    }
    cv_strbuf_fail(out, cv_strbuf_status(&clean));
    cv_strbuf_release(&clean);
}

static void bid_name(struct cv_strbuf *out, const struct cv_view *v,
                     size_t bid)
{
    struct cv_strbuf name;
    cv_strbuf_init(&name, 0);
    cv_view_bid_name(&name, v, bid);
    md_text(out, name.ptr);
    cv_strbuf_fail(out, cv_strbuf_status(&name));
    cv_strbuf_release(&name);
}

static void summary(struct cv_strbuf *out, const struct cv_view *v)
{
    const struct cv_profile *p = &v->crit->profile;
    size_t b, count[3] = { 0, 0, 0 };
    for (b = 0; b < v->nbids; b++)
        count[cv_view_bid(v, b)->verdict]++;
    cv_strbuf_printf(out, "# %s\n\n",
                     CV_L(v->lang, "クラウドサービス評価報告書",
                          "Cloud service evaluation report"));
    cv_strbuf_printf(out, "- %s: %s (`%s` %s)\n",
                     CV_L(v->lang, "評価基準", "Profile"),
                     CV_TEXT(v->lang, p->title), p->id, p->version);
    cv_strbuf_printf(out, "- %s: `%s`\n",
                     CV_L(v->lang, "基準の SHA-256", "Criteria SHA-256"),
                     v->crit->sha256);
    cv_strbuf_printf(out, "- %s: %s\n", CV_L(v->lang, "評価日", "As of"),
                     v->as_of);
    cv_strbuf_printf(out, CV_L(v->lang,
                               "- 入札: %zu 件 (適格 %zu, 失格 %zu, 無効 %zu)\n\n",
                               "- Bids: %zu (qualified %zu, disqualified %zu, "
                               "invalid %zu)\n\n"),
                     v->nbids, count[CV_VERDICT_QUALIFIED],
                     count[CV_VERDICT_DISQUALIFIED],
                     count[CV_VERDICT_INVALID]);
}

/* The mandatory criteria that disqualified the bid, as "ID, ID". */
static void failed_list(struct cv_strbuf *out, const struct cv_view *v,
                        size_t bid)
{
    const cv_submission *s = cv_view_bid(v, bid);
    size_t i, n = 0;
    for (i = 0; i < s->nresults; i++) {
        if (!cv_view_disqualifies(&s->results[i]))
            continue;
        cv_strbuf_printf(out, "%s%s %s", n++ ? ", " : "",
                         s->results[i].entry->crit->id,
                         cv_view_status_symbol(s->results[i].status));
    }
}

static void ranking(struct cv_strbuf *out, const struct cv_view *v)
{
    size_t b;
    cv_strbuf_printf(out, "## %s\n\n| # | %s | %s | %s | %s | %s | %s | %s |\n"
                          "|---:|---|---|---:|---:|---:|---|---|\n",
                     CV_L(v->lang, "結果", "Results"),
                     CV_L(v->lang, "入札者", "Bidder"),
                     CV_L(v->lang, "判定", "Verdict"),
                     CV_L(v->lang, "得点", "Score"),
                     CV_L(v->lang, "順位", "Rank"),
                     CV_L(v->lang, "要確認", "Needs review"),
                     CV_L(v->lang, "満たさない必須基準",
                          "Failed mandatory criteria"),
                     CV_L(v->lang, "ファイル", "File"));
    for (b = 0; b < v->nbids; b++) {
        const cv_submission *s = cv_view_bid(v, b);
        char score[32], max[32];
        unsigned rank = cv_view_rank(v, b);
        cv_view_points(score, s->score);
        cv_view_points(max, s->max_score);
        cv_strbuf_printf(out, "| %zu | ", b + 1);
        bid_name(out, v, b);
        cv_strbuf_printf(out, " | %s %s | %s / %s | ",
                         cv_view_verdict_symbol(s->verdict),
                         cv_view_verdict_word(s->verdict, v->lang), score,
                         max);
        if (rank)
            cv_strbuf_printf(out, "%u", rank);
        else
            cv_strbuf_puts(out, "–");
        cv_strbuf_printf(out, " | %zu | ", s->needs_review);
        failed_list(out, v, b);
        cv_strbuf_puts(out, " | ");
        md_text(out, s->file);
        cv_strbuf_puts(out, " |\n");
    }
    cv_strbuf_putc(out, '\n');
}

static void comparison_head(struct cv_strbuf *out, const struct cv_view *v)
{
    size_t b;
    cv_strbuf_printf(out, "## %s\n\n", CV_L(v->lang, "比較表", "Comparison"));
    cv_strbuf_puts(out, CV_L(v->lang,
                             "記号: ○ 適合, △ 一部適合, ? 申告のみ (要確認), "
                             "× 不適合, ! 矛盾 (要確認), – 未回答, / 対象外。"
                             "各欄は記号と得点/配点。**必須**の × ! – は失格。\n\n",
                             "Symbols: ○ met, △ partial, ? claimed (check), "
                             "× not met, ! contradicted (check), – unanswered, "
                             "/ not applicable. Each cell: symbol and points / "
                             "max. × ! – on a **mandatory** criterion "
                             "disqualifies.\n\n"));
    cv_strbuf_printf(out, "| %s |", CV_L(v->lang, "基準", "Criterion"));
    for (b = 0; b < v->nbids; b++)
        cv_strbuf_printf(out, " %zu |", b + 1);
    cv_strbuf_puts(out, "\n|---|");
    for (b = 0; b < v->nbids; b++)
        cv_strbuf_puts(out, ":---:|");
    cv_strbuf_putc(out, '\n');
}

static void comparison_row(struct cv_strbuf *out, const struct cv_view *v,
                           size_t row)
{
    const struct cv_profile_entry *e = &v->crit->profile.entries[row];
    size_t b;
    cv_strbuf_printf(out, "| %s%s%s %s |", e->mandatory ? "**" : "",
                     e->crit->id, e->mandatory ? "**" : "",
                     CV_TEXT(v->lang, e->crit->title));
    for (b = 0; b < v->nbids; b++) {
        const struct cv_result *r = cv_view_result(v, b, row);
        char pts[32], max[32];
        if (!r) {
            cv_strbuf_puts(out, " |");
            continue;
        }
        cv_view_points(pts, r->points);
        cv_view_points(max, r->max_points);
        cv_strbuf_printf(out, " %s %s/%s |", cv_view_status_symbol(r->status),
                         pts, max);
    }
    cv_strbuf_putc(out, '\n');
}

static void comparison(struct cv_strbuf *out, const struct cv_view *v)
{
    size_t g, k, b;
    comparison_head(out, v);
    for (g = 0; g < v->ngroups; g++) {
        const struct cv_view_group *grp = &v->groups[g];
        cv_strbuf_printf(out, "| *%s* |", CV_TEXT(v->lang, grp->cat->title));
        for (b = 0; b < v->nbids; b++) {
            char pts[32], max[32];
            if (cv_view_bid(v, b)->nresults == 0) {
                cv_strbuf_puts(out, " |");
                continue;
            }
            cv_view_points(pts, grp->points[b]);
            cv_view_points(max, grp->max_points[b]);
            cv_strbuf_printf(out, " *%s/%s* |", pts, max);
        }
        cv_strbuf_putc(out, '\n');
        for (k = 0; k < grp->nrows; k++)
            comparison_row(out, v, grp->rows[k]);
    }
    cv_strbuf_putc(out, '\n');
}

cv_status cv_report_md(const cv_report *report, cv_write_fn write,
                       void *payload)
{
    struct cv_view v;
    struct cv_sink sink;
    cv_status st = cv_view_build(&v, report);
    if (st == CV_OK) {
        cv_sink_init(&sink, write, payload);
        summary(&sink.buf, &v);
        ranking(&sink.buf, &v);
        comparison(&sink.buf, &v);
        st = cv_sink_finish(&sink);
    }
    cv_view_release(&v);
    return st;
}
