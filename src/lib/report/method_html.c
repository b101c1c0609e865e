/* SPDX-License-Identifier: MIT */
/*
 * method_html.c: the 評価基準書 as one self-contained, printable page
 * (no script, no external resource; the same Content Security Policy as
 * report.html): the method's SHA-256 and how to check it, the scoring
 * rules, the tender's method part, every criterion with its clauses,
 * requirement, points and parameters, then every parameter with its
 * basis and source.
 *
 * Stable identifiers (docs/method.md): #method-sha256, #rules
 * (li#rule-<id>), #tender-method (tr#tender-<item>), #criteria
 * (tr#crit-<criterion id>), #parameters.
 *
 * Every string of the profile, the catalogue and the tender file is
 * cleaned (cv_view_text) and escaped: they can be a municipality's own
 * files.
 */
#include "escape.h"
#include "method.h"
#include "view.h"

#define ML(h, ja, en) CV_L((h)->lang, ja, en)

/* Any text of the data: cleaned, then escaped (safe in an attribute). */
static void text(struct cv_method_out *h, const char *s)
{
    cv_html_text(h->o, s, CV_HTML_ONE_LINE);
}

/* A built text (our sentence around data), then released. */
static void built(struct cv_method_out *h, struct cv_strbuf *sb)
{
    text(h, sb->ptr);
    cv_strbuf_fail(h->o, cv_strbuf_status(sb));
    cv_strbuf_reset(sb);
}

void cv_method_check_text(struct cv_strbuf *sb, const struct cv_method_doc *d)
{
    cv_strbuf_puts(sb, CV_L(d->lang, "確かめ方: ", "To check it: "));
    cv_strbuf_puts(sb, "cloudvet criteria show --format json --profile ");
    cv_strbuf_puts(sb, d->crit->profile.id);
    if (d->tender) {
        cv_strbuf_puts(sb, " --tender ");
        cv_strbuf_puts(sb, d->tender->file ? d->tender->file : "tender.json");
    }
    cv_strbuf_puts(sb, " | sha256sum");
    cv_strbuf_puts(sb, CV_L(d->lang,
        " (同じ基準ディレクトリで)。評価報告書にも同じ値が記載されます。",
        " (with the same criteria directory); every evaluation report "
        "of the tender shows the same value."));
}

static const char style[] =
    "*{box-sizing:border-box}"
    "body{font-family:'Noto Sans CJK JP','Noto Sans JP','Hiragino Kaku "
    "Gothic ProN','Yu Gothic',Meiryo,sans-serif;color:#1a1a1a;margin:0;"
    "padding:1em 1.5em;font-size:14px;line-height:1.5}"
    "h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.3em;border-bottom:2px "
    "solid #1a1a1a;margin-top:1.6em}"
    "table{border-collapse:collapse;margin:.5em 0}"
    "th,td{border:1px solid #999;padding:.25em .45em;vertical-align:top;"
    "text-align:left}thead th{background:#eef1f5}"
    ".num{text-align:right;white-space:nowrap}"
    ".mono{font-family:'Noto Sans Mono',Consolas,monospace;font-size:.85em;"
    "word-break:break-all}"
    ".hash{border:3px double #1a1a1a;padding:.4em .8em;margin:.5em 0}"
    ".must{font-weight:bold}"
    "small{color:#444}"
    "@media print{body{padding:0;font-size:10pt}thead{display:"
    "table-header-group}tr{break-inside:avoid}}";

static void head(struct cv_method_out *h)
{
    const struct cv_profile *p = &h->d->crit->profile;
    cv_strbuf_printf(h->o,
                     "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
                     "<meta charset=\"utf-8\">\n"
                     "<meta http-equiv=\"Content-Security-Policy\" "
                     "content=\"default-src 'none'; style-src "
                     "'unsafe-inline'\">\n"
                     "<meta name=\"generator\" content=\"cloudvet %s\">\n"
                     "<title>%s — ",
                     h->lang == CV_LANG_EN ? "en" : "ja", CV_VERSION_STRING,
                     ML(h, "評価基準書", "Scoring method"));
    text(h, CV_TEXT(h->lang, p->title));
    cv_strbuf_printf(h->o, "</title>\n<style>%s</style>\n</head>\n<body>\n"
                           "<header id=\"top\">\n<h1>%s</h1>\n",
                     style, ML(h, "評価基準書", "Scoring method"));
    if (h->d->tender) {
        cv_strbuf_printf(h->o, "<p id=\"tender\">%s: ",
                         ML(h, "入札案件", "Tender"));
        text(h, h->d->tender->id);
        cv_strbuf_puts(h->o, " ");
        text(h, CV_TEXT(h->lang, h->d->tender->title));
        cv_strbuf_puts(h->o, "</p>\n");
    }
    cv_strbuf_printf(h->o, "<p id=\"profile\">%s: ",
                     ML(h, "評価基準", "Profile"));
    text(h, CV_TEXT(h->lang, p->title));
    cv_strbuf_puts(h->o, " ");
    text(h, p->version);
    cv_strbuf_puts(h->o, " (<span class=\"mono\">");
    text(h, p->id);
    cv_strbuf_puts(h->o, "</span>)</p>\n</header>\n");
}

static void hash_box(struct cv_method_out *h)
{
    struct cv_strbuf *sb = h->sb;
    cv_strbuf_printf(h->o, "<section class=\"hash\" id=\"hash\">\n"
                           "<p>%s: <span class=\"mono\" id=\"method-sha256\">"
                           "%s</span></p>\n<p>",
                     ML(h, "評価基準書の SHA-256", "Method SHA-256"),
                     h->d->hash);
    cv_method_check_text(sb, h->d);
    built(h, sb);
    cv_strbuf_printf(h->o, "</p>\n<p><small>%s: <span class=\"mono\">%s"
                           "</span></small></p>\n</section>\n",
                     ML(h, "基準データの SHA-256", "Criteria SHA-256"),
                     h->d->crit->sha256);
}

static void rules(struct cv_method_out *h)
{
    struct cv_strbuf *sb = h->sb;
    unsigned r;
    cv_strbuf_printf(h->o, "<section id=\"rules\">\n<h2>%s</h2>\n<ol>\n",
                     ML(h, "採点と判定の規則", "Scoring and verdict rules"));
    for (r = 0; r < CV_METHOD_RULE_COUNT; r++) {
        cv_strbuf_printf(h->o, "<li id=\"rule-%s\">",
                         cv_method_rule_id((enum cv_method_rule)r));
        cv_method_rule_text(sb, h->d->crit, (enum cv_method_rule)r, h->lang);
        built(h, sb);
        cv_strbuf_puts(h->o, "</li>\n");
    }
    cv_strbuf_puts(h->o, "</ol>\n</section>\n");
}

static void tender_method(struct cv_method_out *h)
{
    struct cv_strbuf *sb = h->sb;
    unsigned i;
    if (!h->d->tender)
        return;
    cv_strbuf_printf(h->o, "<section id=\"tender-method\">\n<h2>%s</h2>\n"
                           "<table>\n<tbody>\n",
                     ML(h, "入札案件の評価方法", "The tender's method"));
    for (i = 0; i < CV_METHOD_T_COUNT; i++) {
        enum cv_method_tender_item it = (enum cv_method_tender_item)i;
        cv_strbuf_printf(h->o, "<tr id=\"tender-%s\"><th>%s</th><td>",
                         cv_method_tender_item_id(it),
                         cv_method_tender_item_title(it, h->lang));
        cv_method_tender_text(sb, h->d->tender, it, h->lang);
        built(h, sb);
        cv_strbuf_puts(h->o, "</td></tr>\n");
    }
    cv_strbuf_puts(h->o, "</tbody>\n</table>\n</section>\n");
}

/* Points of a status, "3" (weight × fraction, as eval rounds). */
static void status_points(struct cv_strbuf *sb, double weight,
                          double frac)
{
    cv_method_number(sb, cv_method_points(weight, frac));
}

static void crit_points(struct cv_method_out *h,
                        const struct cv_profile_entry *e)
{
    struct cv_strbuf *sb = h->sb;
    const struct cv_profile *p = &h->d->crit->profile;
    cv_method_number(sb, e->weight);
    built(h, sb);
    cv_strbuf_printf(h->o, "<br><small>%s ",
                     ML(h, "一部適合", "partial"));
    status_points(sb, e->weight, p->partial_fraction);
    built(h, sb);
    cv_strbuf_printf(h->o, "<br>%s ", ML(h, "申告のみ", "claimed"));
    status_points(sb, e->weight, p->claimed_fraction);
    built(h, sb);
    cv_strbuf_puts(h->o, "</small>");
}

static void crit_grading(struct cv_method_out *h,
                         const struct cv_criterion *c, double weight)
{
    struct cv_strbuf *sb = h->sb;
    size_t i;
    if (!c->has_grading) {
        cv_strbuf_puts(h->o, "–");
        return;
    }
    cv_strbuf_printf(h->o, "%s ", ML(h, "基礎", "base"));
    status_points(sb, weight, c->grading_base);
    built(h, sb);
    for (i = 0; i < c->nbonus; i++) {
        cv_strbuf_puts(h->o, "<br>+");
        status_points(sb, weight, c->bonus[i].add);
        built(h, sb);
        cv_strbuf_puts(h->o, " ");
        text(h, CV_TEXT(h->lang, c->bonus[i].label));
    }
}

static void crit_params(struct cv_method_out *h,
                        const struct cv_profile_entry *e)
{
    struct cv_strbuf *sb = h->sb;
    size_t i;
    if (e->nparams == 0) {
        cv_strbuf_puts(h->o, "–");
        return;
    }
    for (i = 0; i < e->nparams; i++) {
        const struct cv_entry_param *ep = &e->params[i];
        if (i)
            cv_strbuf_puts(h->o, "<br>");
        cv_strbuf_puts(h->o, "<span class=\"mono\">");
        cv_view_entry_param(sb, ep);
        built(h, sb);
        cv_strbuf_printf(h->o, "</span> <small>[%s%s]</small>",
                         cv_view_basis_word(ep->param->basis, h->lang),
                         ep->required ? "" : ML(h, "、加点", ", bonus"));
    }
}

static void crit_row(struct cv_method_out *h, size_t k,
                     const struct cv_profile_entry *e)
{
    struct cv_strbuf *sb = h->sb;
    const struct cv_criterion *c = e->crit;
    const struct cv_category *cat =
        cv_tables_category(&h->d->crit->tables, c->category);
    cv_strbuf_puts(h->o, "<tr id=\"crit-");
    text(h, c->id);
    cv_strbuf_printf(h->o, "\"><td class=\"num\">%zu</td><td class=\"mono\">",
                     k + 1);
    text(h, c->id);
    cv_strbuf_puts(h->o, "</td><td><b>");
    text(h, CV_TEXT(h->lang, c->title));
    cv_strbuf_puts(h->o, "</b><br>");
    text(h, CV_TEXT(h->lang, c->requirement));
    cv_strbuf_puts(h->o, "</td><td>");
    text(h, cat ? CV_TEXT(h->lang, cat->title) : c->category);
    cv_strbuf_puts(h->o, "</td><td>");
    cv_view_citations(sb, c, "\n");
    built(h, sb);
    cv_strbuf_printf(h->o, "</td><td class=\"%s\">%s",
                     e->mandatory ? "must" : "",
                     e->mandatory ? ML(h, "必須", "mandatory")
                                  : ML(h, "加点", "graded"));
    if (e->mandatory && e->partial_qualifies)
        cv_strbuf_printf(h->o, "<br><small>%s</small>",
                         ML(h, "一部適合でも失格としない",
                            "partial does not disqualify"));
    if (c->na_allowed)
        cv_strbuf_printf(h->o, "<br><small>%s</small>",
                         ML(h, "該当なしを認める", "may be not applicable"));
    cv_strbuf_puts(h->o, "</td><td class=\"num\">");
    crit_points(h, e);
    cv_strbuf_puts(h->o, "</td><td>");
    crit_grading(h, c, e->weight);
    cv_strbuf_puts(h->o, "</td><td>");
    crit_params(h, e);
    cv_strbuf_puts(h->o, "</td></tr>\n");
}

static void criteria(struct cv_method_out *h)
{
    const struct cv_profile *p = &h->d->crit->profile;
    size_t i;
    cv_strbuf_printf(h->o,
                     "<section id=\"criteria\">\n<h2>%s</h2>\n<table>\n"
                     "<thead><tr><th>#</th><th>ID</th><th>%s</th><th>%s</th>"
                     "<th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
                     "<th>%s</th></tr></thead>\n<tbody>\n",
                     ML(h, "評価基準", "Criteria"),
                     ML(h, "基準と要件", "Criterion and requirement"),
                     ML(h, "分類", "Category"),
                     ML(h, "根拠条項", "Clauses"),
                     ML(h, "必須", "Mandatory"),
                     ML(h, "配点", "Points"),
                     ML(h, "加点", "Grading"),
                     ML(h, "用いる値", "Values applied"));
    for (i = 0; i < p->nentries; i++)
        crit_row(h, i, &p->entries[i]);
    cv_strbuf_puts(h->o, "</tbody>\n</table>\n</section>\n");
}

static void param_users(struct cv_method_out *h,
                        const struct cv_param *prm)
{
    const struct cv_profile *p = &h->d->crit->profile;
    size_t i, k, n = 0;
    for (i = 0; i < p->nentries; i++)
        for (k = 0; k < p->entries[i].nparams; k++)
            if (p->entries[i].params[k].param == prm) {
                if (n++)
                    cv_strbuf_puts(h->o, "<br>");
                text(h, p->entries[i].crit->id);
                break;
            }
    if (n == 0)
        cv_strbuf_puts(h->o, "–");
}

static void parameters(struct cv_method_out *h)
{
    struct cv_strbuf *sb = h->sb;
    const struct cv_profile *p = &h->d->crit->profile;
    size_t i;
    cv_strbuf_printf(h->o,
                     "<section id=\"parameters\">\n<h2>%s</h2>\n<table>\n"
                     "<thead><tr><th>%s</th><th>%s</th><th>%s</th>"
                     "<th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
                     ML(h, "評価基準のパラメータ", "Parameters"),
                     ML(h, "パラメータ", "Parameter"), ML(h, "値", "Value"),
                     ML(h, "根拠の種類", "Basis"),
                     ML(h, "用いる基準", "Applied by"),
                     ML(h, "出典", "Source"));
    for (i = 0; i < p->nparams; i++) {
        const struct cv_param *prm = &p->params[i];
        cv_strbuf_puts(h->o, "<tr><td class=\"mono\">");
        text(h, prm->name);
        cv_strbuf_puts(h->o, "</td><td class=\"mono\">");
        cv_view_param_value(sb, prm);
        built(h, sb);
        cv_strbuf_printf(h->o, "</td><td>%s</td><td>",
                         cv_view_basis_word(prm->basis, h->lang));
        param_users(h, prm);
        cv_strbuf_puts(h->o, "</td><td>");
        text(h, prm->source);
        if (prm->note) {
            cv_strbuf_printf(h->o, "<br><small>%s: ", ML(h, "注", "note"));
            text(h, prm->note);
            cv_strbuf_puts(h->o, "</small>");
        }
        cv_strbuf_puts(h->o, "</td></tr>\n");
    }
    cv_strbuf_puts(h->o, "</tbody>\n</table>\n</section>\n");
}

static void foot(struct cv_method_out *h)
{
    cv_strbuf_printf(h->o, "<footer><p>cloudvet %s</p></footer>\n"
                           "</body>\n</html>\n",
                     CV_VERSION_STRING);
}

cv_status cv_method_write_page(const struct cv_method_doc *d,
                               const cv_method_part *parts, size_t nparts,
                               cv_write_fn write, void *payload)
{
    struct cv_strbuf page, sb;
    struct cv_method_out out;
    cv_status st;
    size_t i;
    cv_strbuf_init(&page, 0);
    cv_strbuf_init(&sb, 0);
    out.o = &page;
    out.sb = &sb;
    out.d = d;
    out.lang = d->lang;
    for (i = 0; i < nparts; i++)
        parts[i](&out);
    st = cv_strbuf_status(&page);
    if (st == CV_OK && write(page.ptr, page.len, payload) != 0)
        st = CV_EIO;
    cv_strbuf_release(&sb);
    cv_strbuf_release(&page);
    return st;
}

cv_status cv_method_html(const struct cv_method_doc *d, cv_write_fn write,
                         void *payload)
{
    static const cv_method_part parts[] = {
        head, hash_box, rules, tender_method, criteria, parameters, foot,
    };
    return cv_method_write_page(d, parts, sizeof(parts) / sizeof(parts[0]),
                                write, payload);
}
