/* SPDX-License-Identifier: MIT */
/*
 * report_html.c: report.html, the page the evaluation committee reads and
 * prints. One self-contained file (no external CSS, fonts, scripts or
 * images: it opens on an internet-separated PC), as wide as the window:
 *   - the heading: the tender (id and title, from the submissions; a
 *     boxed warning naming the files when they name different tenders),
 *     the profile and the date; a table of contents (every section and
 *     every bid) that each section links back to;
 *   - the summary (profile and hash, date, counts, the method hash, the
 *     margin and sensitivity with the fragile flag, whether the ISMAP list
 *     was consulted and links checked online);
 *   - with a tender file, the award (#award): the tender's method, then
 *     the award table in award order with each bid's arithmetic, an
 *     unranked bid's state and reason, the margin and the sensitivity;
 *   - the ranking in cv_view_ranked order (rank, verdict, score, needs
 *     review, the failed or pending mandatory criteria in words) and the
 *     tie rule; with review decisions, their audit table (#decisions) and
 *     the stale ones apart; a decided result is marked wherever its status
 *     is shown;
 *   - the profile's parameters, every input's SHA-256;
 *   - two inline SVG charts drawn here (totals; score by category), every
 *     bid labelled by name;
 *   - the comparison table (bids as columns, criteria by category) in a
 *     box that scrolls both ways, header row and criterion column sticky;
 *     for print, copies of at most CMP_PAGE_BIDS bids each on landscape
 *     pages, since a print cannot repeat a sticky column;
 *   - a detail section per bid, on its own printed pages with a running
 *     header naming it: its ISMAP claims beside the rows of the ISMAP
 *     list they were compared to, status, points, reason (and where the
 *     facts are, smaller, below it), the vendor's own answer,
 *     explanation and evidence, the clauses cited, and with --online the
 *     outcome of every link;
 *   - where a provider leaves items to the customer, the residual
 *     obligations (利用者側の責任): a list of every bid's after the
 *     results (#residual) and one per bid (#bN-residual), each item
 *     marked in its row too.
 *
 * Hostile text: every string from a submission or a file name goes
 * through cv_view_text (controls and bidi overrides made visible) and
 * then the five HTML specials are escaped (cv_html_text, escape.h).
 * Vendor URLs become links only for http(s). The page has no script at
 * all, and its Content Security Policy forbids any, so even an escaping
 * bug could not run one.
 *
 * Size: vendor text is quoted through cv_view_quote (html_quote), each
 * field cut at CV_VIEW_QUOTE_MAX_CHARS, reasons and messages at
 * CV_VIEW_REASON_MAX_CHARS, the bid's name at CV_VIEW_NAME_MAX_CHARS
 * where it is repeated (tables, headings, charts), at most
 * CV_VIEW_LIST_MAX_ITEMS evidence per answer; report.json has it whole.
 *
 * Registry rows are hostile too (an imported list), and so is every
 * checked URL: a URL the link guard blocked is never made a link.
 *
 * Stable identifiers for tests and deep links (docs/report.md lists them
 * all): header#top (p#tender), #mixed-tenders, nav#toc, #summary
 * (#tender-id, #registry-note, #online-note), #results (#tie-rule),
 * #parameters, #inputs-section, #charts (svg#chart-totals,
 * svg#chart-categories), #comparison (div#comparison-scroll,
 * table#comparison-table, th.bid per bid; div.cmp-page per printed
 * part), section.bid#bid-N and, per result, #bN-<criterion id>; per bid
 * #bN-registry (table.regchecks), #bN-links (table.links), #bN-diags.
 *
 * Vendor text in the style sheet: the running headers are CSS strings
 * (css_string: every ASCII punctuation escaped), so a name cannot end the
 * string, the rule or the <style> element.
 */
#include <string.h>

#include "../base/unicode.h"
#include "escape.h"
#include "view.h"

struct html {
    struct cv_strbuf *o;
    const struct cv_view *v;
    cv_lang lang;
};

#define L(h, ja, en) CV_L((h)->lang, ja, en)

/* ---- escaping: escape.h; vendor text quoted and cut here ---- */

/* Vendor text (a submission's, a registry row's, a file name): cut at
 * `max` characters (0: CV_VIEW_QUOTE_MAX_CHARS) with the marker saying
 * report.json has it whole, then as cv_html_text. The cut comes
 * before the escaping, so it never splits an entity. */
static void html_quote(struct html *h, const char *s, size_t max,
                       bool lines)
{
    struct cv_strbuf cut;
    if (!s)
        return;
    cv_strbuf_init(&cut, 0);
    cv_view_quote(&cut, s, max, lines, h->lang);
    cv_html_text(h->o, cut.ptr, lines ? CV_HTML_BR : CV_HTML_ONE_LINE);
    cv_strbuf_fail(h->o, cv_strbuf_status(&cut));
    cv_strbuf_release(&cut);
}

/* Only http and https become links; anything else (javascript:, data:,
 * file:) is shown as text. */
static bool linkable_url(const char *url)
{
    return url && (strncmp(url, "https://", 8) == 0 ||
                   strncmp(url, "http://", 7) == 0) &&
           !strpbrk(url, " \t\r\n\"'<>`");
}

/* A vendor URL: a link only for http(s) and when `may_link` (never for a
 * URL the link guard refused), otherwise text. A URL longer than
 * CV_VIEW_QUOTE_MAX_CHARS is shown cut and never made a link (a cut URL
 * leads elsewhere; written twice, href and text, it would double). */
static void url_html(struct html *h, const char *url, bool may_link)
{
    struct cv_strbuf *o = h->o;
    if (may_link && linkable_url(url) &&
        cv_utf8_length(url, strlen(url)) <= CV_VIEW_QUOTE_MAX_CHARS) {
        cv_strbuf_puts(o, "<a rel=\"noopener noreferrer\" href=\"");
        cv_html_text(o, url, CV_HTML_ONE_LINE);
        cv_strbuf_puts(o, "\" class=\"mono\">");
        cv_html_text(o, url, CV_HTML_ONE_LINE);
        cv_strbuf_puts(o, "</a>");
    } else {
        cv_strbuf_puts(o, "<span class=\"mono\">");
        html_quote(h, url, 0, false);
        cv_strbuf_puts(o, "</span>");
    }
}

/* The bid's name, cut to `max` code points for a chart label. */
static void bid_name_cut(struct html *h, size_t bid, size_t max)
{
    struct cv_strbuf name;
    cv_strbuf_init(&name, 0);
    cv_view_bid_name(&name, h->v, bid);
    cv_view_cut(&name, max);
    cv_html_escape(h->o, name.ptr);
    cv_strbuf_fail(h->o, cv_strbuf_status(&name));
    cv_strbuf_release(&name);
}

/* The bid's name where the page repeats it (tables, headings, chart
 * titles): cut at CV_VIEW_NAME_MAX_CHARS; the bid's facts quote vendor
 * and service (up to CV_VIEW_QUOTE_MAX_CHARS each). */
static void bid_name(struct html *h, size_t bid)
{
    struct cv_strbuf name;
    cv_strbuf_init(&name, 0);
    cv_view_bid_label(&name, h->v, bid);
    cv_html_escape(h->o, name.ptr);
    cv_strbuf_fail(h->o, cv_strbuf_status(&name));
    cv_strbuf_release(&name);
}

static void points_pair(struct html *h, double pts, double max)
{
    char a[32], b[32];
    cv_view_points(a, pts);
    cv_view_points(b, max);
    cv_strbuf_printf(h->o, "%s&#8239;/&#8239;%s", a, b);
}

static const char *verdict_class(cv_verdict v)
{
    switch (v) {
    case CV_VERDICT_QUALIFIED: return "v-qualified";
    case CV_VERDICT_DISQUALIFIED: return "v-disqualified";
    case CV_VERDICT_INVALID: return "v-invalid";
    }
    return "";
}

/* The verdict's class, and "conditional" beside "v-qualified" for a bid
 * qualified only on condition (the verdict word stays report.json's). */
static const char *conditional_class(const cv_submission *s)
{
    return s->conditional ? " conditional" : "";
}

static void verdict_badge(struct html *h, const cv_submission *s)
{
    cv_strbuf_printf(h->o, "<span class=\"badge %s%s\">%s %s</span>",
                     verdict_class(s->verdict), conditional_class(s),
                     cv_view_bid_verdict_symbol(s),
                     cv_view_bid_verdict_word(s, h->lang));
}

/* A rank, with the conditional mark when the bid qualifies only on
 * condition; "–" when it is not ranked. */
static void rank_text(struct html *h, size_t bid)
{
    unsigned rank = cv_view_rank(h->v, bid);
    if (!rank) {
        cv_strbuf_puts(h->o, "–");
        return;
    }
    cv_strbuf_printf(h->o, "%u", rank);
    if (cv_view_conditional(h->v, bid))
        cv_strbuf_puts(h->o, "<span class=\"cond-mark\">"
                             CV_VIEW_CONDITIONAL_MARK "</span>");
}

static void status_label(struct html *h, cv_result_status s)
{
    cv_strbuf_printf(h->o, "<span class=\"sym\">%s</span> %s",
                     cv_view_status_symbol(s),
                     cv_view_status_word(s, h->lang));
}

/* ---- page frame ---- */

/* Screen: full width; the comparison scrolls both ways in its own box,
 * its header row and criterion column sticky, so any number of bids can
 * be read. Print: A4; the comparison is printed from its print-only
 * copies (cmp-page: at most CMP_PAGE_BIDS bids each, landscape, the
 * criterion column repeated), each bid's section on its own named page,
 * whose running header (page_rules) names the bid. */
static const char style[] =
    ":root{--met:#d9f2dc;--partial:#fff1c2;--bad:#fbd5d5;--none:#e6e6e6;"
    "--na:#f4f4f4;--ink:#1a1a1a;--line:#999}"
    "*{box-sizing:border-box}"
    "body{font-family:'Noto Sans CJK JP','Noto Sans JP','Hiragino Kaku "
    "Gothic ProN','Yu Gothic',Meiryo,sans-serif;color:var(--ink);"
    "margin:0;padding:1em 1.5em;font-size:14px;"
    "line-height:1.5;-webkit-print-color-adjust:exact;"
    "print-color-adjust:exact}"
    "h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.3em;border-bottom:2px "
    "solid var(--ink);margin-top:1.6em}h3{font-size:1.1em}"
    "p.tender{font-size:1.15em;margin:.2em 0}p.tender .tid{font-weight:bold}"
    ".lbl{color:#444;margin-right:.4em}"
    "table{border-collapse:collapse;margin:.5em 0}"
    "th,td{border:1px solid var(--line);padding:.25em .45em;"
    "vertical-align:top;text-align:left}"
    "thead th{background:#eef1f5}"
    ".num{text-align:right;white-space:nowrap}"
    ".mono{font-family:'Noto Sans Mono',Consolas,monospace;font-size:.85em;"
    "word-break:break-all}"
    ".scroll{overflow-x:auto}"
    ".print-only{display:none}"
    "nav#toc{border:1px solid var(--line);background:#fafafa;"
    "padding:.3em 1em;margin:1em 0}nav#toc h2{margin-top:.3em}"
    "nav#toc ol{margin:.2em 0;padding-left:1.6em}"
    "ol.toc-bids{columns:22em auto;column-gap:2em}"
    "ol.toc-bids li{break-inside:avoid}"
    ".to-top{font-size:.9em;text-align:right;margin:.4em 0}"
    ".warn-box{border:3px double #b3261e;padding:.4em .8em;margin:.5em 0;"
    "background:#fff3f3}"
    ".badge{display:inline-block;padding:0 .5em;border:2px solid;"
    "border-radius:3px;font-weight:bold;white-space:nowrap}"
    ".badge.v-qualified{border-color:#1e7b34;color:#1e7b34}"
    ".badge.v-disqualified{border-color:#b3261e;color:#b3261e;"
    "border-style:double;border-width:4px}"
    ".badge.v-invalid{border-color:#555;color:#555;border-style:dashed}"
    ".badge.v-qualified.conditional{border-color:#9c5700;color:#9c5700;"
    "border-style:dashed;background:var(--partial)}"
    "tr.r-qualified.conditional td{background:#fffbe8}"
    ".cond-mark{font-weight:bold;color:#9c5700}"
    ".pending-must{border:3px dashed #9c5700;padding:.4em .8em;margin:.5em 0;"
    "background:#fffbe8}"
    "table.params td.value{white-space:nowrap}"
    "tr.r-disqualified td{background:#fff3f3}"
    "tr.r-invalid td{background:#f2f2f2}"
    "td.rank{font-weight:bold;font-size:1.1em}"
    "ul.crits{margin:0;padding-left:1.1em}ul.crits li{margin:0}"
    ".st{white-space:nowrap}.st a{color:inherit;text-decoration:none;"
    "display:block}"
    ".sym{font-weight:bold;display:inline-block;min-width:1em;"
    "text-align:center}"
    ".st-met{background:var(--met)}"
    ".st-partial,.st-claimed{background:var(--partial)}"
    ".st-not_met,.st-contradicted{background:var(--bad)}"
    ".st-unanswered{background:var(--none)}"
    ".st-not_applicable,.st-none{background:var(--na)}"
    ".must{font-size:.8em;border:1px solid var(--ink);padding:0 .25em;"
    "margin-left:.3em;white-space:nowrap}"
    ".fail-must{outline:3px solid #b3261e;outline-offset:-3px;"
    "font-weight:bold}"
    ".cid{font-family:'Noto Sans Mono',Consolas,monospace;font-size:.85em;"
    "display:block;color:#444}"
    ".cid-i{font-family:'Noto Sans Mono',Consolas,monospace;font-size:.8em;"
    "color:#555;margin-left:.3em}"
    ;

/* The comparison: sticky header row and criterion column. */
static const char style_table[] =
    "div.grid{overflow:auto;max-height:calc(100vh - 3em);width:fit-content;"
    "max-width:100%;"
    "border:1px solid var(--line);margin:.5em 0}"
    "#comparison-table{border-collapse:separate;border-spacing:0;margin:0}"
    "#comparison-table th,#comparison-table td{border:0;"
    "border-right:1px solid var(--line);border-bottom:1px solid var(--line)}"
    "#comparison-table thead th{position:sticky;top:0;z-index:2;"
    "background:#eef1f5}"
    "#comparison-table tbody th{position:sticky;left:0;z-index:1;"
    "background:#fff;min-width:16em;max-width:24em}"
    "#comparison-table thead th.corner{left:0;z-index:3;min-width:16em}"
    "#comparison-table tr.grp-h th{background:#dfe6ee}"
    "#comparison-table tbody.totals th{background:#f7f7f7}"
    "th.bid{width:10em;min-width:8em;text-align:center;"
    "vertical-align:bottom;overflow-wrap:anywhere}"
    "th.bid .hscore{display:block;font-weight:normal;white-space:nowrap}"
    "#comparison-table th.bid.v-disqualified,.cmp-print th.bid.v-disqualified"
    "{background:#fbd5d5;border-top:4px double #b3261e}"
    "#comparison-table th.bid.v-invalid,.cmp-print th.bid.v-invalid"
    "{background:#e6e6e6}"
    "tr.grp-h th,tr.grp-h td{background:#dfe6ee;font-weight:bold}"
    "tbody.totals th,tbody.totals td{background:#f7f7f7}"
    ;

static const char style_detail[] =
    "blockquote.vendor{margin:.3em 0;padding:.2em .6em;border-left:4px "
    "solid var(--line);background:#fafafa}"
    ".reason{margin:0 0 .3em}.cite{margin:.3em 0 0;font-size:.9em}"
    ".detail{font-family:'Noto Sans Mono',Consolas,monospace;"
    "font-size:.78em;color:#555;margin:0 0 .4em;word-break:break-all}"
    "ul.evidence{margin:.2em 0;padding-left:1.2em}"
    "table.lost th{white-space:nowrap}"
    "dl.facts{display:grid;grid-template-columns:max-content auto;"
    "gap:.1em 1em}dl.facts dt{font-weight:bold}dl.facts dd{margin:0}"
    ".disq{border:3px double #b3261e;padding:.4em .8em;margin:.5em 0}"
    "svg text{font-family:inherit;font-size:12px}"
    "svg{max-width:100%;height:auto}"
    "dd.reg-warn{border:3px double #b3261e;padding:.2em .5em}"
    ".tone-good{background:var(--met)}.tone-check{background:var(--partial)}"
    ".tone-bad{background:var(--bad)}.tone-none{background:var(--none)}"
    "td.out{white-space:nowrap;font-weight:bold}"
    "dl.rr{display:grid;grid-template-columns:max-content auto;gap:0 .6em;"
    "margin:0;font-size:.9em}dl.rr dt{color:#444}dl.rr dd{margin:0}"
    "footer{margin-top:2em;font-size:.85em;color:#444}"
    ".fragile{border:3px double #b3261e;padding:0 .4em;font-weight:bold}"
    "td.arith{font-size:.85em}.decided{font-weight:bold}"
    ".tool-st,.decision{font-size:.85em;color:#444;display:block}"
    ;

/* Print: named pages (see page_rules), the print-only copies. */
static const char style_print[] =
    "@page{size:A4;margin:14mm 12mm;@bottom-right{content:counter(page) "
    "\" / \" counter(pages);font-size:8pt}}"
    "@page wide{size:A4 landscape;margin:12mm 10mm}"
    "@media print{body{font-size:9pt;padding:0}"
    ".screen-only{display:none!important}"
    ".print-only{display:block}"
    "div.cmp-page{page:wide;break-before:page}"
    "table.cmp-print{width:100%;table-layout:fixed;font-size:7.5pt;"
    "margin:0}"
    "table.cmp-print th,table.cmp-print td{padding:.15em .3em;"
    "overflow-wrap:anywhere}"
    "table.cmp-print .st{white-space:normal}"
    "table.cmp-print th.bid{max-width:none;min-width:0}"
    "col.crit-w{width:20%}col.crit-n{width:30%}"
    "tr.cmp-label th{background:#fff;font-size:9pt;text-align:left}"
    ".scroll{overflow:visible}"
    "section.bid{break-before:page}"
    "thead{display:table-header-group}tr{break-inside:avoid}"
    "h2,h3{break-after:avoid}a{color:inherit;text-decoration:none}"
    "svg{break-inside:avoid}}";

/* Text inside a CSS string ("…"): every ASCII character but letters,
 * digits and the space as a hex escape, so no quote, backslash, line
 * break or "</style>" can end the string or the style element. `s` is
 * already cleaned for display. */
static void css_string(struct cv_strbuf *o, const char *s)
{
    const unsigned char *p;
    cv_strbuf_putc(o, '"');
    for (p = (const unsigned char *)s; *p; p++) {
        if (*p >= 0x80 || *p == ' ' || (*p >= '0' && *p <= '9') ||
            (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))
            cv_strbuf_putc(o, (char)*p);
        else
            cv_strbuf_printf(o, "\\%x ", (unsigned)*p);
    }
    cv_strbuf_putc(o, '"');
}

/* The running header of each bid's printed pages: a named page per bid
 * whose top margin names it ("3. vendor / service — ✗ 失格"), as
 * Chromium has no string-set to carry a heading into the margin. */
static void page_rules(struct html *h)
{
    struct cv_strbuf name;
    size_t b;
    cv_strbuf_init(&name, 0);
    for (b = 0; b < h->v->nbids; b++) {
        const cv_submission *s = cv_view_bid(h->v, b);
        cv_strbuf_reset(&name);
        cv_strbuf_printf(&name, "%zu. ", b + 1);
        cv_view_bid_label(&name, h->v, b);
        cv_strbuf_printf(&name, " — %s %s", cv_view_bid_verdict_symbol(s),
                         cv_view_bid_verdict_word(s, h->lang));
        cv_strbuf_printf(h->o, "@page bid%zu{@top-left{content:", b + 1);
        css_string(h->o, name.ptr);
        cv_strbuf_printf(h->o, ";font-size:8pt;color:#444}}"
                               "#bid-%zu{page:bid%zu}",
                         b + 1, b + 1);
    }
    cv_strbuf_fail(h->o, cv_strbuf_status(&name));
    cv_strbuf_release(&name);
}

/* The tender the bids answer, as they name it: the first line a reader
 * sees, so that a report is never taken for another tender's. */
static void tender_line(struct html *h)
{
    const char *id = cv_view_tender_id(h->v);
    const char *title = cv_view_tender_title(h->v);
    cv_strbuf_printf(h->o, "<p class=\"tender\" id=\"tender\">"
                           "<span class=\"lbl\">%s</span>",
                     L(h, "案件", "Tender"));
    if (!id && !title) {
        cv_strbuf_printf(h->o, "%s</p>\n",
                         L(h, "(入札に案件番号・案件名の記載がありません)",
                           "(no submission names the tender)"));
        return;
    }
    cv_strbuf_puts(h->o, "<span class=\"tid mono\">");
    html_quote(h, id ? id : "–", 0, false);
    cv_strbuf_puts(h->o, "</span> ");
    html_quote(h, title ? title : "", 0, false);
    cv_strbuf_puts(h->o, "</p>\n");
}

/* When the bids name different tenders (a run with
 * --allow-mixed-tenders), said before anything is ranked: the tender the
 * page is titled with, and every file that names another or none. */
static void mixed_tenders(struct html *h)
{
    const struct cv_view *v = h->v;
    size_t b;
    if (!cv_view_mixed_tenders(v))
        return;
    cv_strbuf_printf(h->o, "<div class=\"warn-box\" id=\"mixed-tenders\">"
                           "<p><strong><span class=\"sym\">!</span> %s"
                           "</strong> %s <span class=\"mono\">",
                     L(h, "異なる案件の入札が含まれています。",
                       "The bids name different tenders."),
                     L(h, "順位は同じ案件の入札の間でのみ意味を持ちます。"
                          "次のファイルは案件番号が",
                       "A ranking means something only among the bids of "
                       "one tender. These files do not name"));
    html_quote(h, cv_view_tender_id(v), 0, false);
    cv_strbuf_printf(h->o, "</span>%s</p>\n<ul>\n",
                     L(h, " と異なります:", ":"));
    for (b = 0; b < v->nbids; b++) {
        const cv_submission *s = cv_view_bid(v, b);
        if (s->tender_id && strcmp(s->tender_id, cv_view_tender_id(v)) == 0)
            continue;
        cv_strbuf_printf(h->o, "<li data-bid=\"%zu\"><a href=\"#bid-%zu\">"
                               "%zu. ",
                         b + 1, b + 1, b + 1);
        bid_name(h, b);
        cv_strbuf_puts(h->o, "</a> — <span class=\"mono\">");
        html_quote(h, s->file, 0, false);
        cv_strbuf_printf(h->o, "</span>: %s <span class=\"mono\">",
                         L(h, "案件番号", "tender"));
        html_quote(h, s->tender_id ? s->tender_id : "–", 0, false);
        cv_strbuf_puts(h->o, "</span></li>\n");
    }
    cv_strbuf_puts(h->o, "</ul></div>\n");
}

static void page_head(struct html *h)
{
    const struct cv_profile *p = &h->v->crit->profile;
    cv_strbuf_printf(h->o,
                     "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
                     "<meta charset=\"utf-8\">\n"
                     "<meta http-equiv=\"Content-Security-Policy\" "
                     "content=\"default-src 'none'; style-src "
                     "'unsafe-inline'; img-src data:\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, "
                     "initial-scale=1\">\n"
                     "<meta name=\"generator\" content=\"cloudvet %s\">\n"
                     "<title>",
                     h->lang == CV_LANG_EN ? "en" : "ja", CV_VERSION_STRING);
    cv_html_escape(h->o, L(h, "クラウドサービス評価報告書",
                           "Cloud service evaluation report"));
    if (cv_view_tender_id(h->v)) {
        cv_strbuf_puts(h->o, " — ");
        html_quote(h, cv_view_tender_id(h->v), CV_VIEW_NAME_MAX_CHARS,
                   false);
    }
    cv_strbuf_puts(h->o, " — ");
    cv_html_escape(h->o, CV_TEXT(h->lang, p->title));
    cv_strbuf_printf(h->o, " (%s)</title>\n<style>%s%s%s%s", h->v->as_of,
                     style, style_table, style_detail, style_print);
    page_rules(h);
    cv_strbuf_puts(h->o, "</style>\n</head>\n<body>\n<header id=\"top\">\n"
                         "<h1>");
    cv_html_escape(h->o, L(h, "クラウドサービス評価報告書",
                           "Cloud service evaluation report"));
    cv_strbuf_puts(h->o, "</h1>\n");
    tender_line(h);
    cv_strbuf_printf(h->o, "<p class=\"profile\"><span class=\"lbl\">%s"
                           "</span>",
                     L(h, "評価基準", "Profile"));
    cv_html_escape(h->o, CV_TEXT(h->lang, p->title));
    cv_strbuf_printf(h->o, " — %s %s</p>\n</header>\n",
                     L(h, "評価日", "as of"), h->v->as_of);
    mixed_tenders(h);
}

/* The way back to the table of contents, at the end of every section
 * (the screen only). */
static void to_top(struct html *h)
{
    cv_strbuf_printf(h->o, "<p class=\"to-top screen-only\"><a href=\"#top\">"
                           "↑ %s</a></p>\n",
                     L(h, "目次に戻る", "Back to the contents"));
}

/* The table of contents: every section, and every bid with its verdict
 * and score (the screen only: a print has no use for links). */
static void toc(struct html *h)
{
    const struct cv_view *v = h->v;
    size_t b;
    cv_strbuf_printf(h->o, "<nav id=\"toc\" class=\"screen-only\">\n"
                           "<h2>%s</h2>\n<ol class=\"toc-sections\">\n"
                           "<li><a href=\"#summary\">%s</a></li>\n",
                     L(h, "目次", "Contents"),
                     L(h, "評価の概要", "Summary"));
    if (cv_view_awarded(v))
        cv_strbuf_printf(h->o, "<li><a href=\"#award\">%s</a></li>\n",
                         cv_view_heading(CV_HEAD_AWARD, h->lang));
    cv_strbuf_printf(h->o, "<li><a href=\"#results\">%s</a></li>\n",
                     L(h, "判定と順位", "Verdicts and ranking"));
    if (cv_view_any_decisions(v))
        cv_strbuf_printf(h->o, "<li><a href=\"#decisions\">%s</a></li>\n",
                         cv_view_heading(CV_HEAD_DECISIONS, h->lang));
    if (cv_view_any_residual(v))
        cv_strbuf_printf(h->o, "<li><a href=\"#residual\">%s</a></li>\n",
                         cv_view_residual_title(h->lang));
    cv_strbuf_printf(h->o, "<li><a href=\"#parameters\">%s</a></li>\n"
                           "<li><a href=\"#inputs-section\">%s</a></li>\n"
                           "<li><a href=\"#charts\">%s</a></li>\n"
                           "<li><a href=\"#comparison\">%s</a></li>\n"
                           "<li>%s\n<ol class=\"toc-bids\">\n",
                     L(h, "評価基準のパラメータ", "Profile parameters"),
                     L(h, "評価した入力", "Inputs evaluated"),
                     L(h, "得点の比較", "Scores compared"),
                     L(h, "比較表", "Comparison"),
                     L(h, "入札ごとの詳細", "Each bid in detail"));
    for (b = 0; b < v->nbids; b++) {
        const cv_submission *s = cv_view_bid(v, b);
        cv_strbuf_printf(h->o, "<li value=\"%zu\"><a href=\"#bid-%zu\">",
                         b + 1, b + 1);
        bid_name(h, b);
        cv_strbuf_printf(h->o, "</a> <span class=\"sym\">%s</span>",
                         cv_view_bid_verdict_symbol(s));
        if (s->verdict != CV_VERDICT_INVALID) {
            cv_strbuf_puts(h->o, " ");
            points_pair(h, s->score, s->max_score);
        }
        cv_strbuf_puts(h->o, "</li>\n");
    }
    cv_strbuf_puts(h->o, "</ol></li>\n</ol>\n</nav>\n");
}

/* ---- summary ---- */

/* Whether the ISMAP list was consulted, which edition and how old; a
 * list not consulted or too old is boxed and said in words, so that no
 * reader takes the vendors' ISMAP claims for checked ones. Then whether
 * the links were requested. */
static void registry_facts(struct html *h)
{
    const struct cv_view *v = h->v;
    enum cv_view_tone tone = cv_view_registry_tone(v);
    struct cv_strbuf sb;
    cv_strbuf_init(&sb, 0);
    cv_strbuf_printf(h->o, "<dt>%s</dt><dd id=\"registry-note\" "
                           "class=\"reg reg-%s%s\"><strong>"
                           "<span class=\"sym\">%s</span> %s</strong> — ",
                     L(h, "ISMAP 登録簿", "ISMAP registry"),
                     !v->registry.checked ? "unchecked"
                     : v->registry.stale  ? "stale"
                                          : "checked",
                     tone == CV_TONE_GOOD ? "" : " reg-warn",
                     cv_view_registry_symbol(v), cv_view_registry_word(v));
    cv_view_registry_text(&sb, v);
    cv_html_escape(h->o, sb.ptr);
    if (v->registry.checked) {
        cv_strbuf_fail(h->o, cv_strbuf_status(&sb));
        cv_strbuf_reset(&sb);
        cv_view_registry_snapshot(&sb, v);
        cv_strbuf_puts(h->o, " (<span class=\"mono\">");
        cv_html_escape(h->o, sb.ptr);
        cv_strbuf_puts(h->o, "</span>)");
    }
    cv_strbuf_printf(h->o, "</dd>\n<dt>%s</dt><dd id=\"online-note\" "
                           "class=\"%s\">%s</dd>\n",
                     L(h, "リンクの確認", "Links"),
                     v->online ? "online" : "offline",
                     cv_view_online_text(v));
    cv_strbuf_fail(h->o, cv_strbuf_status(&sb));
    cv_strbuf_release(&sb);
}

/* The tender's id and title as facts (vendor text: quoted), "–" when
 * no bid gives them. */
static void tender_facts(struct html *h)
{
    const char *id = cv_view_tender_id(h->v);
    const char *title = cv_view_tender_title(h->v);
    cv_strbuf_printf(h->o, "<dt>%s</dt><dd id=\"tender-id\" class=\"mono\">",
                     L(h, "案件番号", "Tender id"));
    html_quote(h, id ? id : "–", 0, false);
    cv_strbuf_printf(h->o, "</dd>\n<dt>%s</dt><dd id=\"tender-title\">",
                     L(h, "案件名", "Tender title"));
    html_quote(h, title ? title : "–", 0, false);
    cv_strbuf_puts(h->o, "</dd>\n");
}

/* Escapes the text built in `sb` and empties it. */
static void put_built(struct html *h, struct cv_strbuf *sb)
{
    cv_html_escape(h->o, sb->ptr ? sb->ptr : "");
    cv_strbuf_fail(h->o, cv_strbuf_status(sb));
    cv_strbuf_reset(sb);
}

/* The published method's hash (always), and with an award the margin
 * and the fragile flag: what the committee checks first. */
static void method_facts(struct html *h)
{
    const struct cv_view *v = h->v;
    struct cv_strbuf sb;
    cv_strbuf_printf(h->o, "<dt>%s</dt><dd><span class=\"mono\" "
                           "id=\"method-sha256\">%s</span><br><small "
                           "id=\"method-sha256-note\">",
                     cv_view_heading(CV_HEAD_METHOD_SHA256, h->lang),
                     cv_view_method_sha256(v));
    cv_html_escape(h->o, cv_view_method_hash_note(h->lang));
    cv_strbuf_puts(h->o, "</small></dd>\n");
    if (!cv_view_sens_computed(v))
        return;
    cv_strbuf_init(&sb, 0);
    cv_strbuf_printf(h->o, "<dt>%s</dt><dd id=\"margin\">",
                     cv_view_heading(CV_HEAD_MARGIN, h->lang));
    cv_view_margin_text(&sb, v);
    put_built(h, &sb);
    cv_strbuf_printf(h->o, "</dd>\n<dt>%s</dt><dd id=\"sensitivity-note\">",
                     cv_view_heading(CV_HEAD_SENSITIVITY, h->lang));
    if (v->report->sens.fragile) {
        cv_strbuf_puts(h->o, "<span class=\"fragile\" id=\"fragile-flag\">");
        cv_html_escape(h->o, cv_view_fragile_flag(h->lang));
        cv_strbuf_puts(h->o, "</span> ");
    }
    cv_view_sensitivity_text(&sb, v);
    put_built(h, &sb);
    cv_strbuf_puts(h->o, "</dd>\n");
    cv_strbuf_release(&sb);
}

static void summary(struct html *h)
{
    const struct cv_view *v = h->v;
    const struct cv_profile *p = &v->crit->profile;
    size_t b, count[3] = { 0, 0, 0 }, conditional = 0;
    for (b = 0; b < v->nbids; b++) {
        count[cv_view_bid(v, b)->verdict]++;
        conditional += cv_view_conditional(v, b);
    }
    cv_strbuf_printf(h->o, "<section id=\"summary\">\n<h2>%s</h2>\n"
                           "<dl class=\"facts\">\n",
                     L(h, "評価の概要", "Summary"));
    tender_facts(h);
    cv_strbuf_printf(h->o, "<dt>%s</dt><dd>", L(h, "評価基準", "Profile"));
    cv_html_escape(h->o, CV_TEXT(h->lang, p->title));
    cv_strbuf_puts(h->o, " (<span class=\"mono\">");
    cv_html_escape(h->o, p->id);
    cv_strbuf_putc(h->o, ' ');
    cv_html_escape(h->o, p->version);
    cv_strbuf_printf(h->o, "</span>)</dd>\n<dt>%s</dt><dd class=\"mono\" "
                           "id=\"profile-sha256\">%s</dd>\n"
                           "<dt>%s</dt><dd id=\"as-of\">%s</dd>\n"
                           "<dt>%s</dt><dd>",
                     L(h, "基準の SHA-256", "Criteria SHA-256"),
                     v->crit->sha256, L(h, "評価日", "Evaluation date"),
                     v->as_of, L(h, "入札", "Bids"));
    cv_strbuf_printf(h->o, L(h, "%zu 件 (適格 %zu, 条件付き適格 %zu, 失格 %zu, "
                                "無効 %zu)",
                             "%zu (qualified %zu, conditionally qualified "
                             "%zu, disqualified %zu, invalid %zu)"),
                     v->nbids, count[CV_VERDICT_QUALIFIED] - conditional,
                     conditional, count[CV_VERDICT_DISQUALIFIED],
                     count[CV_VERDICT_INVALID]);
    cv_strbuf_puts(h->o, "</dd>\n");
    method_facts(h);
    registry_facts(h);
    cv_strbuf_puts(h->o, "</dl>\n");
    to_top(h);
    cv_strbuf_puts(h->o, "</section>\n");
}

/* Every input with its SHA-256: which bytes were judged. */
static void inputs(struct html *h, struct cv_sink *sink)
{
    const struct cv_view *v = h->v;
    size_t b;
    cv_strbuf_printf(h->o, "<section id=\"inputs-section\">\n<h2>%s</h2>\n"
                           "<p>%s</p>\n"
                           "<div class=\"scroll\"><table id=\"inputs\">\n"
                           "<thead><tr><th>#</th><th>%s</th><th>%s</th>"
                           "<th>SHA-256</th></tr></thead>\n<tbody>\n",
                     L(h, "評価した入力", "Inputs evaluated"),
                     L(h, "各ファイルの SHA-256 で、評価したバイト列を特定できます。",
                       "The SHA-256 of each file identifies the exact bytes "
                       "judged."),
                     L(h, "入札者", "Bidder"), L(h, "ファイル", "File"));
    for (b = 0; b < v->nbids; b++) {
        const cv_submission *s = cv_view_bid(v, b);
        cv_strbuf_printf(h->o, "<tr><td class=\"num\">%zu</td><td>"
                               "<a href=\"#bid-%zu\">",
                         b + 1, b + 1);
        bid_name(h, b);
        cv_strbuf_puts(h->o, "</a></td><td class=\"mono\">");
        html_quote(h, s->file, 0, false);
        cv_strbuf_printf(h->o, "</td><td class=\"mono\">%s</td></tr>\n",
                         s->sha256[0] ? s->sha256 : "–");
        cv_sink_flush(sink, false);
    }
    cv_strbuf_puts(h->o, "</tbody>\n</table></div>\n");
    to_top(h);
    cv_strbuf_puts(h->o, "</section>\n");
}

/* Every parameter of the profile: the value applied, what it rests on
 * (the clause, a guideline beyond it, or the profile's own choice), the
 * criteria that apply it and its source. */
static void parameters(struct html *h)
{
    const struct cv_profile *p = &h->v->crit->profile;
    struct cv_strbuf sb;
    size_t i;
    cv_strbuf_printf(h->o, "<section id=\"parameters\">\n<h2>%s</h2>\n"
                           "<p>%s</p>\n"
                           "<div class=\"scroll\"><table class=\"params\">\n"
                           "<thead><tr><th>%s</th><th>%s</th><th>%s</th>"
                           "<th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
                     L(h, "評価基準のパラメータ", "Profile parameters"),
                     L(h, "各基準が用いた基準値と設定です。条項が定めていない"
                          "値は、指針の値かプロファイルの選択であることを示し"
                          "ます。",
                       "The thresholds and settings the criteria applied. A "
                       "value the clause itself does not state is marked as "
                       "a guideline's or as this profile's choice."),
                     L(h, "パラメータ", "Parameter"), L(h, "値", "Value"),
                     L(h, "根拠の種類", "Basis"),
                     L(h, "用いる基準", "Applied by"),
                     L(h, "出典", "Source"));
    cv_strbuf_init(&sb, 0);
    for (i = 0; i < p->nparams; i++) {
        const struct cv_param *prm = &p->params[i];
        /* The name is a profile's (a municipality's file): escaped. */
        cv_strbuf_puts(h->o, "<tr id=\"param-");
        cv_html_escape(h->o, prm->name);
        cv_strbuf_printf(h->o, "\" data-basis=\"%s\"><td class=\"mono\">",
                         cv_param_basis_str(prm->basis));
        cv_html_escape(h->o, prm->name);
        cv_strbuf_puts(h->o, "</td><td class=\"value mono\">");
        cv_view_param_value(&sb, prm);
        cv_html_escape(h->o, sb.ptr);
        cv_strbuf_fail(h->o, cv_strbuf_status(&sb));
        cv_strbuf_reset(&sb);
        cv_strbuf_printf(h->o, "</td><td class=\"basis\">%s</td><td>",
                         cv_view_basis_word(prm->basis, h->lang));
        cv_view_param_users(&sb, h->v, prm, "\n");
        cv_html_text(h->o, sb.ptr, CV_HTML_BR);
        cv_strbuf_fail(h->o, cv_strbuf_status(&sb));
        cv_strbuf_reset(&sb);
        cv_strbuf_puts(h->o, "</td><td class=\"source\">");
        cv_html_text(h->o, prm->source, CV_HTML_ONE_LINE);
        if (prm->note) {
            cv_strbuf_printf(h->o, "<br><small>%s: ", L(h, "注", "note"));
            cv_html_text(h->o, prm->note, CV_HTML_ONE_LINE);
            cv_strbuf_puts(h->o, "</small>");
        }
        cv_strbuf_puts(h->o, "</td></tr>\n");
    }
    cv_strbuf_release(&sb);
    cv_strbuf_puts(h->o, "</tbody>\n</table></div>\n");
    to_top(h);
    cv_strbuf_puts(h->o, "</section>\n");
}

/* ---- results ---- */

/* One mandatory criterion of a bid, in words and linked to its row: the
 * symbol, the criterion's title, then its status and id in small type
 * (the id for whoever looks it up in the catalogue). */
static void crit_item(struct html *h, size_t bid, const struct cv_result *r)
{
    const struct cv_criterion *c = r->entry->crit;
    cv_strbuf_printf(h->o, "<li><a href=\"#b%zu-%s\"><span class=\"sym\">"
                           "%s</span> ",
                     bid + 1, c->id, cv_view_status_symbol(r->status));
    cv_html_escape(h->o, CV_TEXT(h->lang, c->title));
    cv_strbuf_printf(h->o, "</a><span class=\"cid-i\">%s · %s</span></li>",
                     cv_view_status_word(r->status, h->lang), c->id);
}

/* The mandatory criteria only claimed: what a person must confirm
 * before the bid qualifies. */
static void pending_links(struct html *h, size_t bid)
{
    const struct cv_result *r;
    size_t i;
    cv_strbuf_puts(h->o, "<ul class=\"crits pending-list\">");
    for (i = 0; (r = cv_view_pending(h->v, bid, i)) != NULL; i++)
        crit_item(h, bid, r);
    cv_strbuf_puts(h->o, "</ul>");
}

/* The mandatory criteria that disqualified the bid; nothing for a bid
 * that failed none. */
static void failed_links(struct html *h, size_t bid)
{
    const cv_submission *s = cv_view_bid(h->v, bid);
    size_t i, n = 0;
    for (i = 0; i < s->nresults; i++) {
        const struct cv_result *r = &s->results[i];
        if (!cv_view_disqualifies(r))
            continue;
        if (n++ == 0)
            cv_strbuf_puts(h->o, "<ul class=\"crits failed\">");
        crit_item(h, bid, r);
    }
    if (n)
        cv_strbuf_puts(h->o, "</ul>");
}

/* Every bid's residual obligations at a glance, each linked to the
 * bid's list: omitted when no bid has one. */
static void residual_summary(struct html *h)
{
    const struct cv_view *v = h->v;
    size_t b, i;
    if (!cv_view_any_residual(v))
        return;
    cv_strbuf_printf(h->o, "<section id=\"residual\">\n<h2>%s</h2>\n"
                           "<p class=\"residual-intro\">%s</p>\n<ul>\n",
                     cv_view_residual_title(h->lang),
                     cv_view_residual_intro(h->lang));
    for (b = 0; b < v->nbids; b++) {
        const cv_submission *s = cv_view_bid(v, b);
        size_t n = 0;
        if (cv_view_residual_count(v, b) == 0)
            continue;
        cv_strbuf_printf(h->o, "<li data-bid=\"%zu\"><a href=\"#b%zu-"
                               "residual\">",
                         b + 1, b + 1);
        bid_name(h, b);
        cv_strbuf_puts(h->o, "</a>: ");
        for (i = 0; i < s->nresults; i++) {
            const struct cv_result *r = &s->results[i];
            if (r->residual)
                cv_strbuf_printf(h->o, "%s<a href=\"#b%zu-%s\">%s</a>",
                                 n++ ? ", " : "", b + 1, r->entry->crit->id,
                                 r->entry->crit->id);
        }
        cv_strbuf_puts(h->o, "</li>\n");
    }
    cv_strbuf_puts(h->o, "</ul>\n");
    to_top(h);
    cv_strbuf_puts(h->o, "</section>\n");
}

/* How the rows are ordered and ties broken, in words under the table. */
static void ranking_rule(struct html *h)
{
    if (cv_view_awarded(h->v)) {
        cv_strbuf_printf(h->o, "<p class=\"tie-rule\" id=\"tie-rule\">%s</p>\n",
                         cv_view_award_order_note(h->lang));
        return;
    }
    cv_strbuf_printf(h->o, "<p class=\"tie-rule\" id=\"tie-rule\">%s %s%s"
                           "</p>\n",
                     L(h, "並び順: 適格の入札を順位順に、次に条件付き適格、"
                          "失格 (得点順)、読み取れないファイルの順です。"
                          "同点の扱い:",
                       "Order: qualified bids by rank, then conditionally "
                       "qualified ones, then disqualified ones (by score), "
                       "then files that could not be read. Ties:"),
                     cv_view_tie_rule(h->v), L(h, "。", "."));
}

/* One row of the ranking: rank, bid, verdict, score, needs review, and
 * what stands between the bid and a qualification (the mandatory
 * criteria it failed, those to confirm, or an unreadable file). */
static void ranking_row(struct html *h, size_t b)
{
    const cv_submission *s = cv_view_bid(h->v, b);
    cv_strbuf_printf(h->o, "<tr class=\"r-%s%s\" data-bid=\"%zu\">"
                           "<td class=\"num rank\">",
                     cv_verdict_str(s->verdict), conditional_class(s), b + 1);
    rank_text(h, b);
    cv_strbuf_printf(h->o, "</td><td><a href=\"#bid-%zu\">%zu. ", b + 1,
                     b + 1);
    bid_name(h, b);
    cv_strbuf_puts(h->o, "</a></td><td>");
    verdict_badge(h, s);
    cv_strbuf_puts(h->o, "</td><td class=\"num score\">");
    if (s->verdict != CV_VERDICT_INVALID)
        points_pair(h, s->score, s->max_score);
    else
        cv_strbuf_puts(h->o, "–");
    cv_strbuf_printf(h->o, "</td><td class=\"num\">%zu</td><td>",
                     s->needs_review);
    if (s->verdict == CV_VERDICT_INVALID)
        /* To the reader's diagnostics: why the file could not be read. */
        cv_strbuf_printf(h->o, "<a href=\"#%s%zu%s\">%s</a>",
                         s->diags.count ? "b" : "bid-", b + 1,
                         s->diags.count ? "-diags" : "",
                         L(h, "ファイルを読み取れませんでした (詳細の指摘を参照)",
                           "the file could not be read (see its "
                           "diagnostics)"));
    else if (s->conditional) {
        cv_strbuf_printf(h->o, "<span class=\"pending\">%s:</span>",
                         L(h, "確認待ち (申告のみ)", "to confirm (claimed only)"));
        pending_links(h, b);
    } else
        failed_links(h, b);
    cv_strbuf_puts(h->o, "</td></tr>\n");
}

/* The ranking, in cv_view_ranked order: the committee's first table. */
static void results(struct html *h, struct cv_sink *sink)
{
    const struct cv_view *v = h->v;
    size_t k;
    bool any = false;
    cv_strbuf_printf(h->o,
                     "<section id=\"results\">\n<h2>%s</h2>\n"
                     "<div class=\"scroll\"><table id=\"results-table\">\n"
                     "<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
                     "<th>%s</th><th>%s</th></tr></thead>\n"
                     "<tbody>\n",
                     L(h, "判定と順位", "Verdicts and ranking"),
                     L(h, "順位", "Rank"), L(h, "入札者", "Bidder"),
                     L(h, "判定", "Verdict"), L(h, "得点", "Score"),
                     L(h, "要確認", "Needs review"),
                     L(h, "満たさない必須基準・確認待ち",
                       "Failed mandatory criteria, or to confirm"));
    for (k = 0; k < v->nbids; k++) {
        size_t b = cv_view_ranked(v, k);
        ranking_row(h, b);
        any = any || cv_view_bid(v, b)->conditional;
        cv_sink_flush(sink, false);
    }
    cv_strbuf_puts(h->o, "</tbody>\n</table></div>\n");
    ranking_rule(h);
    if (any)
        cv_strbuf_printf(h->o, "<p class=\"cond-note\">%s</p>\n",
                         cv_view_conditional_note(h->lang));
    to_top(h);
    cv_strbuf_puts(h->o, "</section>\n");
}

/* ---- the award (a tender file), the committee's decisions ---- */

/* One fact of the tender: built text, escaped. */
static void tender_fact(struct html *h, cv_heading head, const char *id,
                        struct cv_strbuf *sb)
{
    cv_strbuf_printf(h->o, "<dt>%s</dt><dd id=\"%s\">",
                     cv_view_heading(head, h->lang), id);
    put_built(h, sb);
    cv_strbuf_puts(h->o, "</dd>\n");
}

/* The tender file's method as the committee published it. */
static void tender_method(struct html *h, const struct cv_tender_def *t)
{
    struct cv_strbuf sb;
    cv_strbuf_init(&sb, 0);
    cv_strbuf_puts(h->o, "<dl class=\"facts\" id=\"tender-method\">\n");
    cv_view_text(&sb, t->id, false);
    tender_fact(h, CV_HEAD_TENDER_ID, "award-tender-id", &sb);
    cv_view_text(&sb, cv_view_tender_title(h->v), false);
    tender_fact(h, CV_HEAD_TENDER_TITLE, "award-tender-title", &sb);
    cv_view_tender_method_text(&sb, t, h->lang);
    tender_fact(h, CV_HEAD_METHOD, "award-method", &sb);
    if (t->ceiling > 0)
        cv_view_yen(&sb, t->ceiling, h->lang);
    else
        cv_strbuf_puts(&sb, "–");
    cv_strbuf_puts(&sb, "; ");
    cv_view_tax_text(&sb, t, h->lang);
    tender_fact(h, CV_HEAD_CEILING, "award-ceiling", &sb);
    cv_strbuf_printf(h->o, "<dt>%s</dt><dd id=\"award-rounding\">",
                     L(h, "端数処理", "Rounding"));
    cv_view_rounding_text(&sb, t, h->lang);
    put_built(h, &sb);
    cv_strbuf_printf(h->o, "</dd>\n<dt>%s</dt><dd id=\"award-tie-break\">",
                     L(h, "同点の場合", "Ties"));
    cv_view_tie_chain_text(&sb, t, h->lang);
    put_built(h, &sb);
    cv_strbuf_printf(h->o, "</dd>\n<dt>%s</dt><dd id=\"award-minimum\">",
                     L(h, "最低基準点", "Minimum technical points"));
    cv_view_minimum_text(&sb, t, h->lang);
    put_built(h, &sb);
    cv_strbuf_puts(h->o, "</dd>\n</dl>\n");
    cv_strbuf_release(&sb);
}

static void award_number(struct html *h, double x, bool has)
{
    char a[40];
    if (!has) {
        cv_strbuf_puts(h->o, "–");
        return;
    }
    cv_view_award_points(a, h->v, x);
    cv_strbuf_puts(h->o, a);
}

/* One bid of the award: figures and the arithmetic, or for a bid left
 * out the state and the reason. */
static void award_row(struct html *h, size_t b, struct cv_strbuf *sb)
{
    const struct cv_award_bid *ab = cv_view_award_bid(h->v, b);
    bool ranked = ab->state == CV_AWARD_RANKED && ab->rank;
    bool additive = cv_view_tender(h->v)->method == CV_TENDER_ADDITIVE;
    cv_strbuf_printf(h->o, "<tr class=\"aw-%s\" data-bid=\"%zu\">"
                           "<td class=\"num rank\">",
                     ranked ? "ranked" : "unranked", b + 1);
    if (ranked)
        cv_strbuf_printf(h->o, "%u%s", ab->rank, ab->lot ? "=" : "");
    else
        cv_strbuf_puts(h->o, "–");
    cv_strbuf_printf(h->o, "</td><td><a href=\"#bid-%zu\">%zu. ", b + 1,
                     b + 1);
    bid_name(h, b);
    cv_strbuf_puts(h->o, "</a></td><td class=\"num price\">");
    if (ab->bid)
        cv_view_yen(sb, ab->price, h->lang);
    else
        cv_strbuf_puts(sb, "–");
    put_built(h, sb);
    cv_strbuf_puts(h->o, "</td><td class=\"num technical\">");
    award_number(h, ab->technical, cv_view_award_has_technical(h->v, b));
    cv_strbuf_puts(h->o, "</td><td class=\"num price-points\">");
    award_number(h, ab->price_points, additive && ranked);
    cv_strbuf_puts(h->o, "</td><td class=\"num total\">");
    award_number(h, ab->total, ranked);
    cv_strbuf_puts(h->o, "</td><td class=\"arith\">");
    if (!ranked) {
        cv_strbuf_puts(h->o, "<strong class=\"aw-state\">");
        cv_view_award_unranked(sb, h->v, b);
        put_built(h, sb);
        cv_strbuf_puts(h->o, "</strong>");
        if (ab->arithmetic && *ab->arithmetic)
            cv_strbuf_puts(h->o, "<br>");
    }
    if (ab->arithmetic)
        html_quote(h, ab->arithmetic, CV_VIEW_REASON_MAX_CHARS, false);
    if (ab->lot)
        cv_strbuf_printf(h->o, "<br>%s", L(h, "同点: くじで決定",
                                          "tied: a lot decides"));
    cv_strbuf_puts(h->o, "</td></tr>\n");
}

/* The award ranking on 総合評価点: the committee's first ranking when a
 * tender file was given; then the margin and the sensitivity. */
static void award(struct html *h, struct cv_sink *sink)
{
    const struct cv_view *v = h->v;
    const struct cv_tender_def *t = cv_view_tender(v);
    struct cv_strbuf sb;
    size_t k;
    if (!t || !cv_view_awarded(v))
        return;
    cv_strbuf_printf(h->o, "<section id=\"award\">\n<h2>%s</h2>\n",
                     cv_view_heading(CV_HEAD_AWARD, h->lang));
    tender_method(h, t);
    cv_strbuf_printf(h->o,
                     "<div class=\"scroll\"><table id=\"award-table\">\n"
                     "<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
                     "<th>%s</th><th>%s</th><th>%s</th></tr></thead>\n"
                     "<tbody>\n",
                     cv_view_heading(CV_HEAD_AWARD_RANK, h->lang),
                     cv_view_heading(CV_HEAD_BIDDER, h->lang),
                     cv_view_heading(CV_HEAD_PRICE, h->lang),
                     cv_view_heading(CV_HEAD_TECHNICAL_POINTS, h->lang),
                     cv_view_heading(CV_HEAD_PRICE_POINTS, h->lang),
                     cv_view_heading(CV_HEAD_TOTAL_POINTS, h->lang),
                     cv_view_heading(CV_HEAD_ARITHMETIC, h->lang));
    cv_strbuf_init(&sb, 0);
    for (k = 0; k < v->nbids; k++) {
        award_row(h, cv_view_ranked(v, k), &sb);
        cv_sink_flush(sink, false);
    }
    cv_strbuf_printf(h->o, "</tbody>\n</table></div>\n<h3>%s</h3>\n"
                           "<p id=\"award-margin\">%s: ",
                     cv_view_heading(CV_HEAD_SENSITIVITY, h->lang),
                     cv_view_heading(CV_HEAD_MARGIN, h->lang));
    cv_view_margin_text(&sb, v);
    put_built(h, &sb);
    cv_strbuf_puts(h->o, "</p>\n<p id=\"sensitivity\">");
    if (v->report->sens.fragile) {
        cv_strbuf_puts(h->o, "<span class=\"fragile\">");
        cv_html_escape(h->o, cv_view_fragile_flag(h->lang));
        cv_strbuf_puts(h->o, "</span> ");
    }
    cv_view_sensitivity_text(&sb, v);
    put_built(h, &sb);
    cv_strbuf_puts(h->o, "</p>\n");
    cv_strbuf_release(&sb);
    to_top(h);
    cv_strbuf_puts(h->o, "</section>\n");
}

/* One decision of the audit table: bid, criterion, the tool's status →
 * the decision, who, when, why, and whether it was applied. */
static void decision_row(struct html *h, size_t b,
                         const struct cv_decision_note *n)
{
    const struct cv_decision *d = n->decision;
    const struct cv_result *r = cv_view_decision_result(h->v, b, d);
    cv_strbuf_printf(h->o, "<tr class=\"dec-%s\" data-bid=\"%zu\"><td>"
                           "<a href=\"#bid-%zu\">%zu. ",
                     n->fate == CV_DECISION_APPLIED ? "applied" : "stale",
                     b + 1, b + 1, b + 1);
    bid_name(h, b);
    cv_strbuf_puts(h->o, "</a></td><td class=\"mono\">");
    if (r)
        cv_strbuf_printf(h->o, "<a href=\"#b%zu-%s\">", b + 1,
                         r->entry->crit->id);
    html_quote(h, d->criterion, CV_VIEW_NAME_MAX_CHARS, false);
    cv_strbuf_printf(h->o, "%s</td><td>", r ? "</a>" : "");
    if (r)
        status_label(h, cv_view_tool_status(r));
    else
        cv_strbuf_puts(h->o, "–");
    cv_strbuf_puts(h->o, " → <strong>");
    status_label(h, d->status);
    cv_strbuf_puts(h->o, "</strong></td><td>");
    html_quote(h, d->by, CV_VIEW_NAME_MAX_CHARS, false);
    cv_strbuf_puts(h->o, "</td><td class=\"mono\">");
    html_quote(h, d->on, CV_VIEW_NAME_MAX_CHARS, false);
    cv_strbuf_puts(h->o, "</td><td class=\"dec-reason\">");
    html_quote(h, d->reason, 0, true);
    cv_strbuf_printf(h->o, "</td><td class=\"fate\">%s",
                     cv_view_fate_word(n->fate, h->lang));
    if (n->fate != CV_DECISION_APPLIED && n->message) {
        cv_strbuf_puts(h->o, "<br><small>");
        html_quote(h, n->message, CV_VIEW_REASON_MAX_CHARS, false);
        cv_strbuf_puts(h->o, "</small>");
    }
    cv_strbuf_puts(h->o, "</td></tr>\n");
}

static void decision_table(struct html *h, const char *id, bool stale_only,
                           struct cv_sink *sink)
{
    const struct cv_view *v = h->v;
    size_t k, i;
    cv_strbuf_printf(h->o, "<div class=\"scroll\"><table id=\"%s\">\n"
                           "<thead><tr><th>%s</th><th>%s</th><th>%s → %s</th>"
                           "<th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>"
                           "</thead>\n<tbody>\n",
                     id, cv_view_heading(CV_HEAD_BIDDER, h->lang),
                     cv_view_heading(CV_HEAD_CRITERION, h->lang),
                     cv_view_heading(CV_HEAD_TOOL_STATUS, h->lang),
                     cv_view_heading(CV_HEAD_DECISION, h->lang),
                     cv_view_heading(CV_HEAD_DECIDED_BY, h->lang),
                     cv_view_heading(CV_HEAD_DECIDED_ON, h->lang),
                     cv_view_heading(CV_HEAD_REASON, h->lang),
                     L(h, "適用", "Applied"));
    for (k = 0; k < v->nbids; k++) {
        size_t b = cv_view_ranked(v, k);
        const cv_submission *s = cv_view_bid(v, b);
        for (i = 0; i < s->ndecisions; i++)
            if (!stale_only || s->decisions[i].fate != CV_DECISION_APPLIED)
                decision_row(h, b, &s->decisions[i]);
        cv_sink_flush(sink, false);
    }
    cv_strbuf_puts(h->o, "</tbody>\n</table></div>\n");
}

/* The audit table of the committee's decisions, every bid's; the stale
 * ones again under their own heading, as they changed nothing. */
static void decisions(struct html *h, struct cv_sink *sink)
{
    if (!cv_view_any_decisions(h->v))
        return;
    cv_strbuf_printf(h->o, "<section id=\"decisions\">\n<h2>%s</h2>\n<p>%s"
                           "</p>\n",
                     cv_view_heading(CV_HEAD_DECISIONS, h->lang),
                     L(h, "審査委員会が記録した判断です。適用した判断は、"
                          "その基準の結果と得点をツールの判定に代えて"
                          "定めます。",
                       "The decisions the committee recorded. An applied "
                       "decision sets the criterion's status and points in "
                       "place of the tool's."));
    decision_table(h, "decisions-table", false, sink);
    if (cv_view_any_stale(h->v)) {
        cv_strbuf_printf(h->o, "<h3 id=\"stale-decisions\">%s</h3>\n<p>%s"
                               "</p>\n",
                         cv_view_heading(CV_HEAD_STALE_DECISIONS, h->lang),
                         L(h, "判断の後に入札ファイルか基準が変わったため、"
                              "次の判断は適用していません。改めて判断して"
                              "ください。",
                           "The bid's file or the criterion changed after "
                           "these decisions were made; they were not "
                           "applied. Decide again."));
        decision_table(h, "stale-decisions-table", true, sink);
    }
    to_top(h);
    cv_strbuf_puts(h->o, "</section>\n");
}

/* ---- charts (inline SVG) ---- */

/* Every bar and row of a chart is labelled with the bid's number and
 * name on two lines (vendor, then service), each cut at
 * CHART_NAME_CHARS; the row's <title> has the name whole. */
#define CHART_LABEL_W 300
#define CHART_NAME_CHARS 22
#define CHART_BAR_W 380
#define CHART_ROW_H 38

/* `s` cleaned and cut to `max` characters, escaped. */
static void svg_cut(struct html *h, const char *s, size_t max)
{
    struct cv_strbuf t;
    cv_strbuf_init(&t, 0);
    cv_view_text(&t, s, false);
    cv_view_cut(&t, max);
    cv_html_escape(h->o, t.ptr);
    cv_strbuf_fail(h->o, cv_strbuf_status(&t));
    cv_strbuf_release(&t);
}

static void chart_label(struct html *h, size_t bid, int y)
{
    const cv_submission *s = cv_view_bid(h->v, bid);
    cv_strbuf_puts(h->o, "<title>");
    bid_name(h, bid);
    cv_strbuf_printf(h->o, "</title><text class=\"bid-label\" x=\"4\" "
                           "y=\"%d\">%zu. ",
                     y + 15, bid + 1);
    if (!s->vendor && !s->service) {
        bid_name_cut(h, bid, CHART_NAME_CHARS);
        cv_strbuf_puts(h->o, "</text>");
        return;
    }
    svg_cut(h, s->vendor ? s->vendor : "?", CHART_NAME_CHARS);
    cv_strbuf_printf(h->o, "</text><text x=\"22\" y=\"%d\" "
                           "font-size=\"11\" fill=\"#444\">",
                     y + 31);
    if (s->service)
        svg_cut(h, s->service, CHART_NAME_CHARS);
    cv_strbuf_puts(h->o, "</text>");
}

static void hatch_pattern(struct html *h)
{
    /* A hatch, so a disqualified bar differs from a qualified one in
     * black and white too. */
    cv_strbuf_puts(h->o,
                   "<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" "
                   "patternUnits=\"userSpaceOnUse\" "
                   "patternTransform=\"rotate(45)\"><rect width=\"6\" "
                   "height=\"6\" fill=\"#f2c4c4\"/><line x1=\"0\" y1=\"0\" "
                   "x2=\"0\" y2=\"6\" stroke=\"#b3261e\" stroke-width=\"2\"/>"
                   "</pattern></defs>\n");
}

static void totals_bar(struct html *h, size_t bid, int y)
{
    const cv_submission *s = cv_view_bid(h->v, bid);
    int pct = cv_view_percent(s->score, s->max_score);
    int w = CHART_BAR_W * pct / 100;
    /* Only an unconditionally qualified bar goes without words. */
    bool plain = s->verdict == CV_VERDICT_QUALIFIED && !s->conditional;
    char a[32], m[32];
    cv_strbuf_printf(h->o, "<g class=\"bar %s\" data-bid=\"%zu\">",
                     verdict_class(s->verdict), bid + 1);
    chart_label(h, bid, y);
    if (s->verdict == CV_VERDICT_INVALID) {
        cv_strbuf_printf(h->o, "<text x=\"%d\" y=\"%d\">%s %s</text></g>\n",
                         CHART_LABEL_W, y + 22,
                         cv_view_verdict_symbol(s->verdict),
                         cv_view_verdict_word(s->verdict, h->lang));
        return;
    }
    cv_view_points(a, s->score);
    cv_view_points(m, s->max_score);
    cv_strbuf_printf(h->o,
                     "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"20\" "
                     "fill=\"none\" stroke=\"#999\"/>"
                     "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"20\" "
                     "fill=\"%s\" stroke=\"#333\"/>"
                     "<text x=\"%d\" y=\"%d\">%s / %s (%d%%)%s%s</text></g>\n",
                     CHART_LABEL_W, y + 8, CHART_BAR_W, CHART_LABEL_W, y + 8,
                     w,
                     s->verdict == CV_VERDICT_QUALIFIED ? "#3b6ea8"
                                                        : "url(#hatch)",
                     CHART_LABEL_W + CHART_BAR_W + 8, y + 22, a, m, pct,
                     plain ? "" : " ",
                     plain ? "" : cv_view_bid_verdict_word(s, h->lang));
}

static void chart_totals(struct html *h)
{
    size_t b, n = h->v->nbids;
    int height = (int)n * CHART_ROW_H + 8;
    cv_strbuf_printf(h->o,
                     "<figure>\n<svg id=\"chart-totals\" role=\"img\" "
                     "aria-labelledby=\"chart-totals-title\" "
                     "xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
                     "height=\"%d\" viewBox=\"0 0 %d %d\">"
                     "<title id=\"chart-totals-title\">%s</title>\n",
                     CHART_LABEL_W + CHART_BAR_W + 220, height,
                     CHART_LABEL_W + CHART_BAR_W + 220, height,
                     L(h, "合計得点 (配点に対する割合)",
                       "Total score (share of the maximum)"));
    hatch_pattern(h);
    for (b = 0; b < n; b++)
        totals_bar(h, b, (int)b * CHART_ROW_H);
    cv_strbuf_printf(h->o, "</svg>\n<figcaption>%s</figcaption>\n</figure>\n",
                     L(h, "合計得点。斜線は失格 (必須基準を満たさない) 入札。",
                       "Total score. Hatched bars are disqualified bids "
                       "(a mandatory criterion failed)."));
}

/* Score by category: a row per bid (labelled like the totals), a column
 * per category, its title slanted above it so that any number of bids
 * and categories stays legible. */
#define CAT_CELL_W 64
#define CAT_HEAD_H 130

static void category_cell(struct html *h, size_t g, size_t bid, int x, int y)
{
    const struct cv_view_group *grp = &h->v->groups[g];
    int pct, w;
    if (cv_view_bid(h->v, bid)->nresults == 0) {
        cv_strbuf_printf(h->o, "<text x=\"%d\" y=\"%d\">–</text>", x + 24,
                         y + 22);
        return;
    }
    pct = cv_view_percent(grp->points[bid], grp->max_points[bid]);
    w = (CAT_CELL_W - 8) * pct / 100;
    cv_strbuf_printf(h->o,
                     "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"20\" "
                     "fill=\"#f0f0f0\" stroke=\"#bbb\"/>"
                     "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"20\" "
                     "fill=\"#9cb8d8\"/>"
                     "<text x=\"%d\" y=\"%d\">%d%%</text>",
                     x, y + 8, CAT_CELL_W - 8, x, y + 8, w, x + 4, y + 22,
                     pct);
}

static void chart_categories(struct html *h)
{
    const struct cv_view *v = h->v;
    size_t g, b;
    /* Room on the right for the last slanted title. */
    int width = CHART_LABEL_W + (int)v->ngroups * CAT_CELL_W + 120;
    int height = CAT_HEAD_H + (int)v->nbids * CHART_ROW_H + 8;
    cv_strbuf_printf(h->o,
                     "<figure>\n<svg id=\"chart-categories\" role=\"img\" "
                     "aria-labelledby=\"chart-categories-title\" "
                     "xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
                     "height=\"%d\" viewBox=\"0 0 %d %d\">"
                     "<title id=\"chart-categories-title\">%s</title>\n",
                     width, height, width, height,
                     L(h, "分類別の得点率 (入札ごと)",
                       "Score by category, per bid"));
    for (g = 0; g < v->ngroups; g++) {
        int x = CHART_LABEL_W + (int)g * CAT_CELL_W + 16;
        cv_strbuf_printf(h->o, "<text class=\"cat-label\" x=\"%d\" y=\"%d\" "
                               "transform=\"rotate(-40 %d %d)\" "
                               "font-weight=\"bold\">",
                         x, CAT_HEAD_H - 6, x, CAT_HEAD_H - 6);
        cv_html_escape(h->o, CV_TEXT(h->lang, v->groups[g].cat->title));
        cv_strbuf_puts(h->o, "</text>");
    }
    for (b = 0; b < v->nbids; b++) {
        int y = CAT_HEAD_H + (int)b * CHART_ROW_H;
        cv_strbuf_printf(h->o, "\n<g class=\"cat-row\" data-bid=\"%zu\">",
                         b + 1);
        chart_label(h, b, y);
        for (g = 0; g < v->ngroups; g++)
            category_cell(h, g, b, CHART_LABEL_W + (int)g * CAT_CELL_W, y);
        cv_strbuf_puts(h->o, "</g>");
    }
    cv_strbuf_printf(h->o, "\n</svg>\n<figcaption>%s</figcaption>\n"
                           "</figure>\n",
                     L(h, "分類ごとの得点 / 配点 (%)。行は入札、列は分類。",
                       "Points / maximum per category (%). A row per bid, "
                       "a column per category."));
}

static void charts(struct html *h)
{
    cv_strbuf_printf(h->o, "<section id=\"charts\">\n<h2>%s</h2>\n",
                     L(h, "得点の比較", "Scores compared"));
    chart_totals(h);
    chart_categories(h);
    to_top(h);
    cv_strbuf_puts(h->o, "</section>\n");
}

/* ---- comparison table ---- */

/* On screen the comparison is one table in a box that scrolls both ways
 * (header row and criterion column sticky). A print cannot repeat a
 * sticky column, so the page also holds print-only copies of at most
 * CMP_PAGE_BIDS bids each, every one with the criterion column and a
 * header row saying which bids it holds (repeated on each page). */
#define CMP_PAGE_BIDS 8

/* Which part of the comparison a table shows: bids [first, last), part
 * `part` of `parts`; `screen` for the one scrolling table (ids, links and
 * data-criterion only there, so each is unique in the page). */
struct cmp_part {
    size_t first, last, part, parts;
    bool screen;
};

static void bid_head(struct html *h, size_t b, bool screen)
{
    const cv_submission *s = cv_view_bid(h->v, b);
    cv_strbuf_printf(h->o, "<th scope=\"col\" class=\"bid %s%s\" "
                           "data-bid=\"%zu\">",
                     verdict_class(s->verdict), conditional_class(s), b + 1);
    if (screen)
        cv_strbuf_printf(h->o, "<a href=\"#bid-%zu\">", b + 1);
    cv_strbuf_printf(h->o, "<span class=\"bid-name\">%zu. ", b + 1);
    bid_name(h, b);
    cv_strbuf_puts(h->o, "</span>");
    if (screen)
        cv_strbuf_puts(h->o, "</a>");
    cv_strbuf_puts(h->o, "<br>");
    verdict_badge(h, s);
    cv_strbuf_puts(h->o, "<span class=\"hscore\">");
    if (s->verdict == CV_VERDICT_INVALID)
        cv_strbuf_puts(h->o, "–");
    else
        points_pair(h, s->score, s->max_score);
    cv_strbuf_puts(h->o, "</span></th>");
}

/* "入札 9〜16 / 40 (その 2/5)": the print copy's label. */
static void part_label(struct html *h, const struct cmp_part *cp)
{
    cv_strbuf_printf(h->o, "<tr class=\"cmp-label\"><th colspan=\"%zu\">%s — ",
                     cp->last - cp->first + 1, L(h, "比較表", "Comparison"));
    if (cp->last - cp->first == 1)
        cv_strbuf_printf(h->o, L(h, "入札 %zu / %zu", "bid %zu of %zu"),
                         cp->first + 1, h->v->nbids);
    else
        cv_strbuf_printf(h->o, L(h, "入札 %zu〜%zu / %zu", "bids %zu–%zu of %zu"),
                         cp->first + 1, cp->last, h->v->nbids);
    cv_strbuf_printf(h->o, L(h, " (その %zu/%zu)", " (part %zu of %zu)"),
                     cp->part, cp->parts);
    cv_strbuf_puts(h->o, "</th></tr>\n");
}

static void comparison_head(struct html *h, const struct cmp_part *cp)
{
    size_t b;
    if (cp->screen)
        cv_strbuf_puts(h->o, "<div class=\"grid screen-only\" "
                             "id=\"comparison-scroll\">"
                             "<table id=\"comparison-table\">\n");
    else
        cv_strbuf_printf(h->o, "<div class=\"cmp-page print-only\" "
                               "data-first=\"%zu\" data-last=\"%zu\">"
                               "<table class=\"cmp-print\"><colgroup>"
                               "<col class=\"crit-%s\"><col span=\"%zu\">"
                               "</colgroup>\n",
                         cp->first + 1, cp->last,
                         cp->last - cp->first > 4 ? "w" : "n",
                         cp->last - cp->first);
    cv_strbuf_puts(h->o, "<thead>");
    if (!cp->screen)
        part_label(h, cp);
    cv_strbuf_printf(h->o, "<tr><th scope=\"col\" class=\"corner\">%s</th>",
                     L(h, "基準", "Criterion"));
    for (b = cp->first; b < cp->last; b++)
        bid_head(h, b, cp->screen);
    cv_strbuf_puts(h->o, "</tr></thead>\n");
}

static void totals_rows(struct html *h, const struct cmp_part *cp)
{
    const struct cv_view *v = h->v;
    size_t b;
    cv_strbuf_printf(h->o, "<tbody class=\"totals\">\n<tr class=\"row-score\">"
                           "<th scope=\"row\">%s</th>",
                     L(h, "合計得点", "Total score"));
    for (b = cp->first; b < cp->last; b++) {
        const cv_submission *s = cv_view_bid(v, b);
        cv_strbuf_puts(h->o, "<td class=\"num\">");
        points_pair(h, s->score, s->max_score);
        cv_strbuf_puts(h->o, "</td>");
    }
    cv_strbuf_printf(h->o, "</tr>\n<tr class=\"row-rank\"><th scope=\"row\">"
                           "%s</th>",
                     L(h, "順位", "Rank"));
    for (b = cp->first; b < cp->last; b++) {
        cv_strbuf_puts(h->o, "<td class=\"num\">");
        rank_text(h, b);
        cv_strbuf_puts(h->o, "</td>");
    }
    cv_strbuf_printf(h->o, "</tr>\n<tr class=\"row-review\"><th scope=\"row\">"
                           "%s</th>",
                     L(h, "要確認の件数", "Needs review"));
    for (b = cp->first; b < cp->last; b++)
        cv_strbuf_printf(h->o, "<td class=\"num\">%zu</td>",
                         cv_view_bid(v, b)->needs_review);
    cv_strbuf_printf(h->o, "</tr>\n<tr class=\"row-failed\"><th scope=\"row\">"
                           "%s</th>",
                     L(h, "満たさない必須基準", "Failed mandatory criteria"));
    for (b = cp->first; b < cp->last; b++) {
        cv_strbuf_puts(h->o, "<td>");
        failed_links(h, b);
        cv_strbuf_puts(h->o, "</td>");
    }
    cv_strbuf_puts(h->o, "</tr>\n</tbody>\n");
}

static void criterion_heading(struct html *h, const struct cv_profile_entry *e)
{
    cv_strbuf_printf(h->o, "<span class=\"cid\">%s</span>", e->crit->id);
    cv_html_escape(h->o, CV_TEXT(h->lang, e->crit->title));
    if (e->mandatory)
        cv_strbuf_printf(h->o, "<span class=\"must\">%s</span>",
                         L(h, "必須", "mandatory"));
}

static void comparison_row(struct html *h, size_t row,
                           const struct cmp_part *cp)
{
    const struct cv_profile_entry *e = &h->v->crit->profile.entries[row];
    size_t b;
    if (cp->screen)
        cv_strbuf_printf(h->o, "<tr data-criterion=\"%s\">", e->crit->id);
    else
        cv_strbuf_puts(h->o, "<tr>");
    cv_strbuf_puts(h->o, "<th scope=\"row\">");
    criterion_heading(h, e);
    cv_strbuf_puts(h->o, "</th>");
    for (b = cp->first; b < cp->last; b++) {
        const struct cv_result *r = cv_view_result(h->v, b, row);
        if (!r) {
            cv_strbuf_puts(h->o, "<td class=\"st st-none\">–</td>");
            continue;
        }
        cv_strbuf_printf(h->o, "<td class=\"st st-%s%s\">",
                         cv_result_status_str(r->status),
                         cv_view_disqualifies(r) ? " fail-must" : "");
        if (cp->screen)
            cv_strbuf_printf(h->o, "<a href=\"#b%zu-%s\">", b + 1,
                             e->crit->id);
        status_label(h, r->status);
        if (r->decided)
            cv_strbuf_printf(h->o, " <span class=\"decided\">%s</span>",
                             cv_view_decided_mark(h->lang));
        cv_strbuf_puts(h->o, "<br>");
        points_pair(h, r->points, r->max_points);
        cv_strbuf_puts(h->o, cp->screen ? "</a></td>" : "</td>");
    }
    cv_strbuf_puts(h->o, "</tr>\n");
}

static void comparison_table(struct html *h, const struct cmp_part *cp,
                             struct cv_sink *sink)
{
    const struct cv_view *v = h->v;
    size_t g, k, b;
    comparison_head(h, cp);
    totals_rows(h, cp);
    for (g = 0; g < v->ngroups; g++) {
        const struct cv_view_group *grp = &v->groups[g];
        if (cp->screen)
            cv_strbuf_printf(h->o, "<tbody class=\"grp\" "
                                   "data-category=\"%s\">\n",
                             grp->cat->id);
        else
            cv_strbuf_puts(h->o, "<tbody>\n");
        cv_strbuf_puts(h->o, "<tr class=\"grp-h\"><th scope=\"rowgroup\">");
        cv_html_escape(h->o, CV_TEXT(h->lang, grp->cat->title));
        cv_strbuf_puts(h->o, "</th>");
        for (b = cp->first; b < cp->last; b++) {
            cv_strbuf_puts(h->o, "<td class=\"num\">");
            if (cv_view_bid(v, b)->nresults)
                points_pair(h, grp->points[b], grp->max_points[b]);
            cv_strbuf_puts(h->o, "</td>");
        }
        cv_strbuf_puts(h->o, "</tr>\n");
        for (k = 0; k < grp->nrows; k++)
            comparison_row(h, grp->rows[k], cp);
        cv_strbuf_puts(h->o, "</tbody>\n");
        cv_sink_flush(sink, false);
    }
    cv_strbuf_puts(h->o, "</table></div>\n");
}

static void comparison(struct html *h, struct cv_sink *sink)
{
    size_t n = h->v->nbids;
    struct cmp_part cp = { 0, n, 1, 1, true };
    cv_strbuf_printf(h->o,
                     "<section id=\"comparison\">\n<h2>%s</h2>\n<p>%s</p>\n",
                     L(h, "比較表", "Comparison"),
                     L(h, "各欄は判定と得点 / 配点。欄を選ぶと理由と根拠に移ります。"
                          "太枠は失格の原因となった必須基準です。表は縦横に"
                          "スクロールでき、見出し行と基準の列は固定されます。"
                          "印刷では 8 入札ずつ横向きのページに分かれます。",
                       "Each cell gives the status and points / maximum; "
                       "select it for the reason and evidence. A heavy "
                       "frame marks a mandatory criterion that "
                       "disqualified the bid. The table scrolls both ways "
                       "with its header row and criterion column fixed; "
                       "printed, it is split into landscape pages of 8 "
                       "bids each."));
    comparison_table(h, &cp, sink);
    cp.screen = false;
    cp.parts = (n + CMP_PAGE_BIDS - 1) / CMP_PAGE_BIDS;
    for (cp.first = 0; cp.first < n; cp.first += CMP_PAGE_BIDS) {
        cp.last = n - cp.first < CMP_PAGE_BIDS ? n : cp.first + CMP_PAGE_BIDS;
        cp.part = cp.first / CMP_PAGE_BIDS + 1;
        comparison_table(h, &cp, sink);
    }
    to_top(h);
    cv_strbuf_puts(h->o, "</section>\n");
}

/* ---- detail per bid ---- */

static void evidence_item(struct html *h, const struct cv_evidence *e)
{
    cv_strbuf_puts(h->o, "<li>");
    html_quote(h, e->title ? e->title : L(h, "(無題)", "(untitled)"), 0,
               false);
    if (e->url) {
        cv_strbuf_puts(h->o, " — ");
        url_html(h, e->url, true);
    }
    if (e->page) {
        cv_strbuf_printf(h->o, ", %s ", L(h, "ページ", "page"));
        html_quote(h, e->page, 0, false);
    }
    if (e->section) {
        cv_strbuf_puts(h->o, ", § ");
        html_quote(h, e->section, 0, false);
    }
    if (e->quote) {
        cv_strbuf_puts(h->o, "<blockquote class=\"vendor quote\">");
        html_quote(h, e->quote, 0, true);
        cv_strbuf_puts(h->o, "</blockquote>");
    }
    cv_strbuf_puts(h->o, "</li>");
}

/* The item that ends a list cut at CV_VIEW_LIST_MAX_ITEMS. */
static void more_items(struct html *h, size_t more)
{
    struct cv_strbuf sb;
    cv_strbuf_init(&sb, 0);
    cv_view_more_items(&sb, more, h->lang);
    cv_strbuf_puts(h->o, "<li class=\"more\">");
    cv_html_escape(h->o, sb.ptr);
    cv_strbuf_puts(h->o, "</li>");
    cv_strbuf_fail(h->o, cv_strbuf_status(&sb));
    cv_strbuf_release(&sb);
}

/* "document clause; document clause" */
static void citation_list(struct html *h, const struct cv_criterion *c)
{
    struct cv_strbuf list;
    cv_strbuf_init(&list, 0);
    cv_view_citations(&list, c, "; ");
    cv_html_escape(h->o, list.ptr);
    cv_strbuf_fail(h->o, cv_strbuf_status(&list));
    cv_strbuf_release(&list);
}

/* The provider's word on who carries the item (only where the answer
 * says), and for a residual obligation the sentence the committee must
 * not miss, with what the provider says the customer must do. */
static void responsibility_para(struct html *h, const struct cv_result *r)
{
    if (!cv_view_has_responsibility(r))
        return;
    cv_strbuf_printf(h->o, "<p class=\"responsibility%s\">%s: ",
                     r->residual ? " residual" : "",
                     L(h, "責任分担", "Responsibility"));
    cv_html_text(h->o,
                 *cv_view_responsibility_word(r, h->lang)
                     ? cv_view_responsibility_word(r, h->lang)
                     : "–",
                 CV_HTML_ONE_LINE);
    if (r->residual)
        cv_strbuf_printf(h->o, " — <strong>%s</strong>",
                         cv_view_residual_note(h->lang));
    cv_strbuf_puts(h->o, "</p>");
    if (r->customer_responsibilities && *r->customer_responsibilities) {
        cv_strbuf_printf(h->o, "<p>%s:</p><blockquote class=\"vendor "
                               "customer-duty\">",
                         L(h, "利用者が行うこと (提供者の記載)",
                           "What the customer must do (the provider's "
                           "words)"));
        html_quote(h, r->customer_responsibilities, 0, true);
        cv_strbuf_puts(h->o, "</blockquote>");
    }
}

static void detail_cell(struct html *h, const struct cv_result *r)
{
    const struct cv_criterion *c = r->entry->crit;
    cv_strbuf_puts(h->o, "<td><p class=\"reason\">");
    html_quote(h, r->reason, CV_VIEW_REASON_MAX_CHARS, true);
    cv_strbuf_puts(h->o, "</p>");
    if (r->detail && *r->detail) {
        /* Where the facts are in the vendor's file, for whoever checks. */
        cv_strbuf_puts(h->o, "<div class=\"detail\">");
        html_quote(h, r->detail, CV_VIEW_REASON_MAX_CHARS, true);
        cv_strbuf_puts(h->o, "</div>");
    }
    if (r->response) {
        cv_strbuf_printf(h->o, "<p class=\"response\">%s: ",
                         L(h, "回答", "Answer"));
        cv_html_text(h->o, cv_view_response_word(r->response, h->lang),
                     CV_HTML_ONE_LINE);
        cv_strbuf_puts(h->o, "</p>");
    }
    if (r->explanation && *r->explanation) {
        cv_strbuf_puts(h->o, "<blockquote class=\"vendor explanation\">");
        html_quote(h, r->explanation, 0, true);
        cv_strbuf_puts(h->o, "</blockquote>");
    }
    if (r->nevidence) {
        size_t i;
        cv_strbuf_printf(h->o, "<p>%s:</p><ul class=\"evidence\">",
                         L(h, "提出された根拠資料", "Evidence given"));
        for (i = 0; i < r->nevidence && i < CV_VIEW_LIST_MAX_ITEMS; i++)
            evidence_item(h, &r->evidence[i]);
        if (r->nevidence > CV_VIEW_LIST_MAX_ITEMS)
            more_items(h, r->nevidence - CV_VIEW_LIST_MAX_ITEMS);
        cv_strbuf_puts(h->o, "</ul>");
    }
    responsibility_para(h, r);
    cv_strbuf_printf(h->o, "<p class=\"cite\">%s: ",
                     L(h, "根拠条項", "Clauses"));
    citation_list(h, c);
    cv_strbuf_puts(h->o, "</p></td>");
}

/* A status the committee decided: the mark, the tool's own status
 * beside it, and who decided when and why. */
static void decided_label(struct html *h, const struct cv_result *r)
{
    struct cv_strbuf sb;
    if (!r->decided)
        return;
    cv_strbuf_init(&sb, 0);
    cv_strbuf_printf(h->o, " <span class=\"decided\">%s</span>"
                           "<span class=\"tool-st\">",
                     cv_view_decided_mark(h->lang));
    cv_view_tool_status_text(&sb, r, h->lang);
    put_built(h, &sb);
    cv_strbuf_puts(h->o, "</span><span class=\"decision\">");
    cv_view_decision_text(&sb, r, h->lang);
    cv_view_cut(&sb, CV_VIEW_REASON_MAX_CHARS);
    put_built(h, &sb);
    cv_strbuf_puts(h->o, "</span>");
    cv_strbuf_release(&sb);
}

static void detail_row(struct html *h, size_t bid, const struct cv_result *r)
{
    cv_strbuf_printf(h->o, "<tr id=\"b%zu-%s\"><th scope=\"row\">", bid + 1,
                     r->entry->crit->id);
    criterion_heading(h, r->entry);
    cv_strbuf_printf(h->o, "</th><td class=\"st st-%s%s\">",
                     cv_result_status_str(r->status),
                     cv_view_disqualifies(r) ? " fail-must" : "");
    status_label(h, r->status);
    decided_label(h, r);
    cv_strbuf_puts(h->o, "</td><td class=\"num\">");
    points_pair(h, r->points, r->max_points);
    cv_strbuf_puts(h->o, "</td>");
    detail_cell(h, r);
    cv_strbuf_puts(h->o, "</tr>\n");
}

static void bid_facts(struct html *h, size_t bid)
{
    const cv_submission *s = cv_view_bid(h->v, bid);
    if (s->conditional) {
        /* First in the bid's section: what stands between the bid and
         * its qualification. */
        cv_strbuf_printf(h->o, "<p class=\"pending-must\">%s: ",
                         L(h, "条件付き適格。次の必須基準は申告のみで、人が"
                              "確認するまで適格と確定しません",
                           "Conditionally qualified. These mandatory "
                           "criteria are only claimed; the bid qualifies "
                           "once a person has confirmed them"));
        pending_links(h, bid);
        cv_strbuf_puts(h->o, "</p>\n");
    }
    cv_strbuf_printf(h->o, "<dl class=\"facts\"><dt>%s</dt><dd>",
                     L(h, "事業者", "Vendor"));
    html_quote(h, s->vendor ? s->vendor : "–", 0, false);
    cv_strbuf_printf(h->o, "</dd><dt>%s</dt><dd>",
                     L(h, "サービス", "Service"));
    html_quote(h, s->service ? s->service : "–", 0, false);
    cv_strbuf_printf(h->o, "</dd><dt>%s</dt><dd class=\"mono\">",
                     L(h, "ファイル", "File"));
    html_quote(h, s->file, 0, false);
    cv_strbuf_printf(h->o, "</dd><dt>SHA-256</dt><dd class=\"mono\">%s</dd>"
                           "<dt>%s</dt><dd>",
                     s->sha256[0] ? s->sha256 : "–", L(h, "得点", "Score"));
    points_pair(h, s->score, s->max_score);
    cv_strbuf_printf(h->o, "</dd><dt>%s</dt><dd>", L(h, "順位", "Rank"));
    rank_text(h, bid);
    cv_strbuf_printf(h->o, "</dd><dt>%s</dt><dd>%zu</dd></dl>\n",
                     L(h, "要確認", "Needs review"), s->needs_review);
    if (s->verdict == CV_VERDICT_DISQUALIFIED) {
        cv_strbuf_printf(h->o, "<p class=\"disq\">%s: ",
                         L(h, "失格の理由 (満たさない必須基準)",
                           "Disqualified by these mandatory criteria"));
        failed_links(h, bid);
        cv_strbuf_puts(h->o, "</p>\n");
    }
}

static void diagnostics(struct html *h, size_t bid)
{
    const cv_submission *s = cv_view_bid(h->v, bid);
    size_t i;
    if (s->diags.count == 0)
        return;
    cv_strbuf_printf(h->o, "<h3 id=\"b%zu-diags\">%s</h3>\n"
                           "<table class=\"diags\"><thead><tr>"
                           "<th>%s</th><th>%s</th><th>%s</th></tr></thead>"
                           "<tbody>\n",
                     bid + 1, L(h, "読み取り時の指摘", "Diagnostics"),
                     L(h, "種類", "Severity"), L(h, "位置", "Location"),
                     L(h, "内容", "Message"));
    for (i = 0; i < s->diags.count; i++) {
        const cv_diag *d = &s->diags.items[i];
        struct cv_strbuf loc;
        cv_strbuf_init(&loc, 0);
        cv_view_location(&loc, d);
        cv_strbuf_printf(h->o, "<tr class=\"sev-%s\"><td>%s</td>"
                               "<td class=\"mono\">",
                         cv_severity_str(d->severity),
                         cv_view_severity_word(d->severity, h->lang));
        html_quote(h, loc.ptr, 0, false);
        cv_strbuf_puts(h->o, "</td><td>");
        html_quote(h, d->message, CV_VIEW_REASON_MAX_CHARS, false);
        cv_strbuf_puts(h->o, "</td></tr>\n");
        cv_strbuf_fail(h->o, cv_strbuf_status(&loc));
        cv_strbuf_release(&loc);
    }
    cv_strbuf_puts(h->o, "</tbody></table>\n");
}

static void detail_table(struct html *h, size_t bid, struct cv_sink *sink)
{
    const cv_submission *s = cv_view_bid(h->v, bid);
    size_t i;
    cv_strbuf_printf(h->o, "<table class=\"detail\"><thead><tr>"
                           "<th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
                           "</tr></thead>\n<tbody>\n",
                     L(h, "基準", "Criterion"), L(h, "判定", "Status"),
                     L(h, "得点", "Points"),
                     L(h, "理由・回答・根拠・条項",
                       "Reason, answer, evidence and clauses"));
    for (i = 0; i < s->nresults; i++) {
        detail_row(h, bid, &s->results[i]);
        cv_sink_flush(sink, false);
    }
    cv_strbuf_puts(h->o, "</tbody></table>\n");
}

/* The criteria that cost the bid points, before the full detail: what
 * the committee asks first ("why did it lose points, under which
 * clause"), each linked to its row. */
static void lost_points(struct html *h, size_t bid)
{
    const cv_submission *s = cv_view_bid(h->v, bid);
    size_t i, n = 0;
    for (i = 0; i < s->nresults; i++) {
        const struct cv_result *r = &s->results[i];
        const struct cv_criterion *c = r->entry->crit;
        char lost[32];
        if (!(r->points < r->max_points - 1e-9))
            continue;
        if (n++ == 0)
            cv_strbuf_printf(h->o, "<h3>%s</h3>\n<table class=\"lost\">"
                                   "<thead><tr><th>%s</th><th>%s</th>"
                                   "<th>%s</th><th>%s</th></tr></thead>"
                                   "<tbody>\n",
                             L(h, "減点の内訳", "Where points were lost"),
                             L(h, "基準", "Criterion"),
                             L(h, "判定", "Status"), L(h, "減点", "Lost"),
                             L(h, "根拠条項", "Clauses"));
        cv_strbuf_printf(h->o, "<tr><td><a href=\"#b%zu-%s\">%s</a> ",
                         bid + 1, c->id, c->id);
        cv_html_escape(h->o, CV_TEXT(h->lang, c->title));
        cv_strbuf_printf(h->o, "</td><td class=\"st st-%s%s\">",
                         cv_result_status_str(r->status),
                         cv_view_disqualifies(r) ? " fail-must" : "");
        status_label(h, r->status);
        cv_view_points(lost, r->max_points - r->points);
        cv_strbuf_printf(h->o, "</td><td class=\"num\">−%s", lost);
        cv_strbuf_puts(h->o, "</td><td>");
        citation_list(h, c);
        cv_strbuf_puts(h->o, "</td></tr>\n");
    }
    if (n)
        cv_strbuf_puts(h->o, "</tbody></table>\n");
}

/* ---- registry and link checks per bid ---- */

/* Hostile text already cleaned into `sb` (by a cv_view_ helper): escaped
 * into the page, its failure passed on, the buffer emptied for reuse. */
static void put_clean(struct html *h, struct cv_strbuf *sb)
{
    html_quote(h, sb->ptr, 0, false);
    cv_strbuf_fail(h->o, cv_strbuf_status(sb));
    cv_strbuf_reset(sb);
}

static void outcome_cell(struct html *h, enum cv_view_tone tone,
                         const char *symbol, const char *word)
{
    cv_strbuf_printf(h->o, "<td class=\"out tone-%s\"><span class=\"sym\">"
                           "%s</span> %s</td>",
                     cv_view_tone_str(tone), symbol, word);
}

static void registry_row_dd(struct html *h, const char *cls, const char *dt,
                            const char *value)
{
    cv_strbuf_printf(h->o, "<dt>%s</dt><dd class=\"rr-%s\">", dt, cls);
    html_quote(h, value ? value : "–", 0, false);
    cv_strbuf_puts(h->o, "</dd>");
}

/* The row of the ISMAP list the claim was compared to, or "—". */
static void registry_row_cell(struct html *h, const struct cv_registry_row *r)
{
    if (!r) {
        cv_strbuf_puts(h->o, "<td class=\"rr-none\">—</td>");
        return;
    }
    cv_strbuf_printf(h->o, "<td><dl class=\"rr\"><dt>%s</dt>"
                           "<dd class=\"rr-row\">%u</dd>",
                     L(h, "行", "Row"), r->row);
    registry_row_dd(h, "number", L(h, "登録番号", "Number"), r->number);
    registry_row_dd(h, "service", L(h, "サービス", "Service"), r->service);
    registry_row_dd(h, "provider", L(h, "事業者", "Provider"), r->provider);
    registry_row_dd(h, "scheme", L(h, "制度", "Scheme"), r->scheme);
    registry_row_dd(h, "registered", L(h, "登録日", "Registered"),
                    r->registered);
    registry_row_dd(h, "expires", L(h, "有効期限", "Expires"), r->expires);
    cv_strbuf_puts(h->o, "</dl></td>");
}

/* Each ISMAP / ISMAP-LIU claim of the bid beside the list's row: what the
 * committee must confirm (5(1)①), shown whatever the outcome. */
static void registry_checks(struct html *h, size_t bid)
{
    const cv_submission *s = cv_view_bid(h->v, bid);
    struct cv_strbuf sb;
    size_t i;
    cv_strbuf_printf(h->o, "<h3 id=\"b%zu-registry\">%s</h3>\n", bid + 1,
                     L(h, "ISMAP 登録簿との照合", "ISMAP registry check"));
    if (s->nregchecks == 0) {
        cv_strbuf_printf(h->o, "<p class=\"regchecks-none\">%s</p>\n",
                         L(h, "ISMAP・ISMAP-LIU の登録の申告はありません。",
                           "No ISMAP or ISMAP-LIU registration is claimed."));
        return;
    }
    cv_strbuf_printf(h->o, "<table class=\"regchecks\"><thead><tr>"
                           "<th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
                           "</tr></thead>\n<tbody>\n",
                     L(h, "申告 (制度・登録番号)", "Claim (scheme, number)"),
                     L(h, "照合結果", "Outcome"),
                     L(h, "ISMAP クラウドサービスリストの行",
                       "Row of the ISMAP list"),
                     L(h, "説明", "Finding"));
    cv_strbuf_init(&sb, 0);
    for (i = 0; i < s->nregchecks; i++) {
        const struct cv_regcheck *rc = &s->regchecks[i];
        cv_strbuf_printf(h->o, "<tr class=\"regcheck\" id=\"b%zu-reg-%zu\" "
                               "data-outcome=\"%s\"><td class=\"claim\">"
                               "<span class=\"claim-id\">",
                         bid + 1, rc->index, cv_reg_outcome_str(rc->outcome));
        cv_view_reg_claim(&sb, rc);
        put_clean(h, &sb);
        cv_strbuf_puts(h->o, "</span><span class=\"cid\">");
        cv_view_reg_location(&sb, rc);
        put_clean(h, &sb);
        cv_strbuf_puts(h->o, "</span></td>");
        outcome_cell(h, cv_view_reg_tone(rc->outcome),
                     cv_view_reg_symbol(rc->outcome),
                     cv_view_reg_word(rc->outcome, h->lang));
        registry_row_cell(h, rc->row);
        cv_strbuf_puts(h->o, "<td class=\"message\">");
        html_quote(h, rc->message, CV_VIEW_REASON_MAX_CHARS, false);
        cv_strbuf_puts(h->o, "</td></tr>\n");
    }
    cv_strbuf_puts(h->o, "</tbody></table>\n");
    cv_strbuf_release(&sb);
}

static void text_or_dash(struct html *h, const char *s)
{
    if (s && *s)
        html_quote(h, s, 0, false);
    else
        cv_strbuf_puts(h->o, "–");
}

static void link_row(struct html *h, const struct cv_link *l)
{
    const struct cv_link_check *c = &l->check;
    bool blocked = l->checked && c->outcome == CV_LINK_BLOCKED;
    cv_strbuf_printf(h->o, "<tr class=\"link\" data-outcome=\"%s\"><td>",
                     cv_view_link_outcome(l));
    url_html(h, c->url, !blocked);
    cv_strbuf_puts(h->o, "<span class=\"cid\">");
    text_or_dash(h, l->pointer);
    cv_strbuf_puts(h->o, "</span></td>");
    outcome_cell(h, cv_view_link_tone(l), cv_view_link_symbol(l),
                 cv_view_link_word(l, h->lang));
    if (l->checked && c->http_status)
        cv_strbuf_printf(h->o, "<td class=\"num http\">%ld</td>",
                         c->http_status);
    else
        cv_strbuf_puts(h->o, "<td class=\"num http\">–</td>");
    cv_strbuf_puts(h->o, "<td class=\"mono ctype\">");
    text_or_dash(h, l->checked ? c->content_type : NULL);
    cv_strbuf_puts(h->o, "</td><td class=\"final\">");
    /* Where redirects led is shown, never offered as a link. */
    if (l->checked && c->final_url)
        url_html(h, c->final_url, false);
    else
        cv_strbuf_puts(h->o, "–");
    cv_strbuf_puts(h->o, "</td><td class=\"mono at\">");
    text_or_dash(h, l->checked ? c->checked_at : NULL);
    cv_strbuf_puts(h->o, "</td><td class=\"message\">");
    html_quote(h, l->message, CV_VIEW_REASON_MAX_CHARS, false);
    cv_strbuf_puts(h->o, "</td></tr>\n");
}

/* --online: every URL of the bid and what requesting it gave. */
static void link_checks(struct html *h, size_t bid, struct cv_sink *sink)
{
    const cv_submission *s = cv_view_bid(h->v, bid);
    size_t i;
    if (!s->online)
        return;
    cv_strbuf_printf(h->o, "<h3 id=\"b%zu-links\">%s</h3>\n", bid + 1,
                     L(h, "リンクの確認", "Link checks"));
    if (s->nlinks == 0) {
        cv_strbuf_printf(h->o, "<p class=\"links-none\">%s</p>\n",
                         L(h, "確認する URL はありません。",
                           "No URL to check."));
        return;
    }
    cv_strbuf_printf(h->o, "<table class=\"links\"><thead><tr><th>URL</th>"
                           "<th>%s</th><th>HTTP</th><th>%s</th><th>%s</th>"
                           "<th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
                     L(h, "結果", "Outcome"), L(h, "種類", "Content type"),
                     L(h, "最終 URL", "Final URL"),
                     L(h, "確認日時 (UTC)", "Checked at (UTC)"),
                     L(h, "説明", "Finding"));
    for (i = 0; i < s->nlinks; i++) {
        link_row(h, &s->links[i]);
        cv_sink_flush(sink, false);
    }
    cv_strbuf_puts(h->o, "</tbody></table>\n");
}

/* The bid's residual obligations, each linked to its row: what the
 * municipality takes on with this bid. Omitted when there is none. */
static void residual_list(struct html *h, size_t bid)
{
    const cv_submission *s = cv_view_bid(h->v, bid);
    size_t i;
    if (cv_view_residual_count(h->v, bid) == 0)
        return;
    cv_strbuf_printf(h->o, "<h3 id=\"b%zu-residual\">%s</h3>\n"
                           "<p class=\"residual-intro\">%s</p>\n"
                           "<table class=\"residual\"><thead><tr>"
                           "<th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
                           "</tr></thead>\n<tbody>\n",
                     bid + 1, cv_view_residual_title(h->lang),
                     cv_view_residual_intro(h->lang),
                     L(h, "基準", "Criterion"), L(h, "根拠条項", "Clauses"),
                     L(h, "責任分担", "Responsibility"),
                     L(h, "利用者が行うこと (提供者の記載)",
                       "What the customer must do (the provider's words)"));
    for (i = 0; i < s->nresults; i++) {
        const struct cv_result *r = &s->results[i];
        const struct cv_criterion *c = r->entry->crit;
        if (!r->residual)
            continue;
        cv_strbuf_printf(h->o, "<tr class=\"residual\" "
                               "data-criterion=\"%s\"><td>"
                               "<a href=\"#b%zu-%s\">%s</a> ",
                         c->id, bid + 1, c->id, c->id);
        cv_html_escape(h->o, CV_TEXT(h->lang, c->title));
        cv_strbuf_puts(h->o, "</td><td>");
        citation_list(h, c);
        cv_strbuf_puts(h->o, "</td><td>");
        cv_html_text(h->o, cv_view_responsibility_word(r, h->lang),
                     CV_HTML_ONE_LINE);
        cv_strbuf_printf(h->o, "<br><strong>%s</strong></td>"
                               "<td class=\"customer-duty\">",
                         cv_view_residual_note(h->lang));
        if (r->customer_responsibilities && *r->customer_responsibilities)
            html_quote(h, r->customer_responsibilities, 0, true);
        else
            cv_strbuf_puts(h->o, "–");
        cv_strbuf_puts(h->o, "</td></tr>\n");
    }
    cv_strbuf_puts(h->o, "</tbody></table>\n");
}

static void bid_detail(struct html *h, size_t bid, struct cv_sink *sink)
{
    const cv_submission *s = cv_view_bid(h->v, bid);
    cv_strbuf_printf(h->o, "<section class=\"bid %s%s\" id=\"bid-%zu\">\n"
                           "<h2>%zu. ",
                     verdict_class(s->verdict), conditional_class(s),
                     bid + 1, bid + 1);
    bid_name(h, bid);
    cv_strbuf_puts(h->o, " ");
    verdict_badge(h, s);
    cv_strbuf_puts(h->o, "</h2>\n");
    bid_facts(h, bid);
    lost_points(h, bid);
    residual_list(h, bid);
    if (s->nresults) {
        registry_checks(h, bid);
        detail_table(h, bid, sink);
    }
    link_checks(h, bid, sink);
    diagnostics(h, bid);
    to_top(h);
    cv_strbuf_puts(h->o, "</section>\n");
}

static void legend_footer(struct html *h)
{
    static const cv_result_status all[] = {
        CV_STATUS_MET,       CV_STATUS_PARTIAL,      CV_STATUS_CLAIMED,
        CV_STATUS_NOT_MET,   CV_STATUS_CONTRADICTED, CV_STATUS_UNANSWERED,
        CV_STATUS_NOT_APPLICABLE
    };
    size_t i;
    cv_strbuf_printf(h->o, "<footer>\n<p>%s: ", L(h, "凡例", "Legend"));
    for (i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
        cv_strbuf_printf(h->o, "%s<span class=\"st st-%s\">",
                         i ? " " : "", cv_result_status_str(all[i]));
        status_label(h, all[i]);
        cv_strbuf_puts(h->o, "</span>");
    }
    cv_strbuf_printf(h->o, "</p>\n<p>%s</p>\n<p>cloudvet %s</p>\n</footer>\n"
                           "</body>\n</html>\n",
                     L(h, "「申告のみ」と「矛盾」は人による確認が必要です。"
                          "必須基準が不適合・一部適合 (プロファイルが認める"
                          "ものを除く)・矛盾・未回答の入札は失格です。必須"
                          "基準に申告のみのものがある入札は条件付き適格で、"
                          "確認されるまで適格と確定しません。",
                       "'Claimed' and 'contradicted' need a person to "
                       "confirm. A bid with a mandatory criterion not met, "
                       "partial (unless the profile accepts it), "
                       "contradicted or unanswered is disqualified; one "
                       "with a mandatory criterion only claimed is "
                       "conditionally qualified until a person confirms "
                       "it."),
                     CV_VERSION_STRING);
}

cv_status cv_report_html(const cv_report *report, cv_write_fn write,
                         void *payload)
{
    struct cv_view v;
    struct cv_sink sink;
    struct html h;
    size_t b;
    cv_status st = cv_view_build(&v, report);
    if (st != CV_OK) {
        cv_view_release(&v);
        return st;
    }
    cv_sink_init(&sink, write, payload);
    h.o = &sink.buf;
    h.v = &v;
    h.lang = v.lang;
    page_head(&h);
    toc(&h);
    summary(&h);
    award(&h, &sink);
    results(&h, &sink);
    decisions(&h, &sink);
    residual_summary(&h);
    parameters(&h);
    inputs(&h, &sink);
    charts(&h);
    cv_sink_flush(&sink, false);
    comparison(&h, &sink);
    for (b = 0; b < v.nbids; b++)
        bid_detail(&h, b, &sink);
    legend_footer(&h);
    st = cv_sink_finish(&sink);
    cv_view_release(&v);
    return st;
}
