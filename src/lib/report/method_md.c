/* SPDX-License-Identifier: MIT */
/*
 * method_md.c: the 評価基準書 in Markdown (GitHub/GitLab-flavoured
 * tables), for review threads and for pasting into a 公告's draft: the
 * method's SHA-256 and how to check it, the rules, the tender's method
 * part, the criteria and the parameters.
 *
 * Every string of the profile, the catalogue and the tender file is
 * cleaned (cv_view_text: line breaks become spaces, so no text ends a
 * table row) and every ASCII character with a meaning in a cell is
 * backslash-escaped, as report.md does: a municipality's title cannot
 * break a cell, open raw HTML, a link or an image.
 */
#include "escape.h"
#include "method.h"
#include "view.h"

#define ML(m, ja, en) CV_L((m)->lang, ja, en)

/* Any text of the data: cleaned, then escaped for a cell. The profile's
 * sources keep their URLs as links (as in report.md). */
static void text(struct cv_method_out *m, const char *s)
{
    cv_md_text(m->o, s, false);
}

static void built(struct cv_method_out *m, struct cv_strbuf *sb)
{
    text(m, sb->ptr);
    cv_strbuf_fail(m->o, cv_strbuf_status(sb));
    cv_strbuf_reset(sb);
}

static void head(struct cv_method_out *m)
{
    struct cv_strbuf *sb = m->sb;
    const struct cv_profile *p = &m->d->crit->profile;
    cv_strbuf_printf(m->o, "# %s\n\n", ML(m, "評価基準書", "Scoring method"));
    if (m->d->tender) {
        cv_strbuf_printf(m->o, "- %s: ", ML(m, "入札案件", "Tender"));
        text(m, m->d->tender->id);
        cv_strbuf_puts(m->o, " ");
        text(m, CV_TEXT(m->lang, m->d->tender->title));
        cv_strbuf_puts(m->o, "\n");
    }
    cv_strbuf_printf(m->o, "- %s: ", ML(m, "評価基準", "Profile"));
    text(m, CV_TEXT(m->lang, p->title));
    cv_strbuf_puts(m->o, " ");
    text(m, p->version);
    cv_strbuf_puts(m->o, " (`");
    text(m, p->id);
    cv_strbuf_printf(m->o, "`)\n- **%s: `%s`**\n- ",
                     ML(m, "評価基準書の SHA-256", "Method SHA-256"),
                     m->d->hash);
    cv_method_check_text(sb, m->d);
    built(m, sb);
    cv_strbuf_printf(m->o, "\n- %s: `%s`\n\n",
                     ML(m, "基準データの SHA-256", "Criteria SHA-256"),
                     m->d->crit->sha256);
}

static void rules(struct cv_method_out *m)
{
    struct cv_strbuf *sb = m->sb;
    unsigned r;
    cv_strbuf_printf(m->o, "## %s\n\n",
                     ML(m, "採点と判定の規則", "Scoring and verdict rules"));
    for (r = 0; r < CV_METHOD_RULE_COUNT; r++) {
        cv_strbuf_printf(m->o, "%u. ", r + 1);
        cv_method_rule_text(sb, m->d->crit, (enum cv_method_rule)r, m->lang);
        built(m, sb);
        cv_strbuf_puts(m->o, "\n");
    }
    cv_strbuf_puts(m->o, "\n");
}

static void tender_method(struct cv_method_out *m)
{
    struct cv_strbuf *sb = m->sb;
    unsigned i;
    if (!m->d->tender)
        return;
    cv_strbuf_printf(m->o, "## %s\n\n| %s | %s |\n| --- | --- |\n",
                     ML(m, "入札案件の評価方法", "The tender's method"),
                     ML(m, "項目", "Item"), ML(m, "内容", "Statement"));
    for (i = 0; i < CV_METHOD_T_COUNT; i++) {
        enum cv_method_tender_item it = (enum cv_method_tender_item)i;
        cv_strbuf_printf(m->o, "| %s | ",
                         cv_method_tender_item_title(it, m->lang));
        cv_method_tender_text(sb, m->d->tender, it, m->lang);
        built(m, sb);
        cv_strbuf_puts(m->o, " |\n");
    }
    cv_strbuf_puts(m->o, "\n");
}

static void crit_params(struct cv_method_out *m,
                        const struct cv_profile_entry *e)
{
    struct cv_strbuf *sb = m->sb;
    size_t i;
    if (e->nparams == 0) {
        cv_strbuf_puts(m->o, "–");
        return;
    }
    for (i = 0; i < e->nparams; i++) {
        const struct cv_entry_param *ep = &e->params[i];
        if (i)
            cv_strbuf_puts(m->o, "<br>");
        cv_view_entry_param(sb, ep);
        cv_strbuf_printf(sb, " [%s%s]",
                         cv_view_basis_word(ep->param->basis, m->lang),
                         ep->required ? "" : ML(m, "、加点", ", bonus"));
        built(m, sb);
    }
}

static void crit_row(struct cv_method_out *m,
                     const struct cv_profile_entry *e)
{
    struct cv_strbuf *sb = m->sb;
    const struct cv_profile *p = &m->d->crit->profile;
    const struct cv_criterion *c = e->crit;
    cv_strbuf_puts(m->o, "| `");
    text(m, c->id);
    cv_strbuf_puts(m->o, "` | **");
    text(m, CV_TEXT(m->lang, c->title));
    cv_strbuf_puts(m->o, "**<br>");
    text(m, CV_TEXT(m->lang, c->requirement));
    cv_strbuf_puts(m->o, " | ");
    cv_view_citations(sb, c, ", ");
    built(m, sb);
    cv_strbuf_printf(m->o, " | %s", e->mandatory ? ML(m, "必須", "mandatory")
                                                 : ML(m, "加点", "graded"));
    if (e->mandatory && e->partial_qualifies)
        cv_strbuf_printf(m->o, " (%s)", ML(m, "一部適合でも失格としない",
                                           "partial does not disqualify"));
    cv_strbuf_puts(m->o, " | ");
    cv_method_number(sb, e->weight);
    cv_strbuf_puts(sb, CV_L(m->lang, " (一部適合 ", " (partial "));
    cv_method_number(sb, cv_method_points(e->weight, p->partial_fraction));
    cv_strbuf_puts(sb, CV_L(m->lang, "、申告のみ ", ", claimed "));
    cv_method_number(sb, cv_method_points(e->weight, p->claimed_fraction));
    cv_strbuf_putc(sb, ')');
    if (c->has_grading) {
        size_t i;
        cv_strbuf_puts(sb, CV_L(m->lang, "; 基礎 ", "; base "));
        cv_method_number(sb, cv_method_points(e->weight, c->grading_base));
        for (i = 0; i < c->nbonus; i++) {
            cv_strbuf_puts(sb, ", +");
            cv_method_number(sb, cv_method_points(e->weight, c->bonus[i].add));
            cv_strbuf_putc(sb, ' ');
            cv_strbuf_puts(sb, CV_TEXT(m->lang, c->bonus[i].label));
        }
    }
    built(m, sb);
    cv_strbuf_puts(m->o, " | ");
    crit_params(m, e);
    cv_strbuf_puts(m->o, " |\n");
}

static void criteria(struct cv_method_out *m)
{
    const struct cv_profile *p = &m->d->crit->profile;
    size_t i;
    cv_strbuf_printf(m->o, "## %s\n\n| ID | %s | %s | %s | %s | %s |\n"
                           "| --- | --- | --- | --- | --- | --- |\n",
                     ML(m, "評価基準", "Criteria"),
                     ML(m, "基準と要件", "Criterion and requirement"),
                     ML(m, "根拠条項", "Clauses"), ML(m, "必須", "Mandatory"),
                     ML(m, "配点", "Points"),
                     ML(m, "用いる値", "Values applied"));
    for (i = 0; i < p->nentries; i++)
        crit_row(m, &p->entries[i]);
    cv_strbuf_puts(m->o, "\n");
}

static void parameters(struct cv_method_out *m)
{
    struct cv_strbuf *sb = m->sb;
    const struct cv_profile *p = &m->d->crit->profile;
    size_t i;
    cv_strbuf_printf(m->o, "## %s\n\n| %s | %s | %s | %s |\n"
                           "| --- | --- | --- | --- |\n",
                     ML(m, "評価基準のパラメータ", "Parameters"),
                     ML(m, "パラメータ", "Parameter"), ML(m, "値", "Value"),
                     ML(m, "根拠の種類", "Basis"), ML(m, "出典", "Source"));
    for (i = 0; i < p->nparams; i++) {
        const struct cv_param *prm = &p->params[i];
        cv_strbuf_puts(m->o, "| ");
        text(m, prm->name);
        cv_strbuf_puts(m->o, " | ");
        cv_view_param_value(sb, prm);
        built(m, sb);
        cv_strbuf_printf(m->o, " | %s | ",
                         cv_view_basis_word(prm->basis, m->lang));
        text(m, prm->source);
        if (prm->note) {
            cv_strbuf_printf(m->o, " (%s: ", ML(m, "注", "note"));
            text(m, prm->note);
            cv_strbuf_puts(m->o, ")");
        }
        cv_strbuf_puts(m->o, " |\n");
    }
}

cv_status cv_method_md(const struct cv_method_doc *d, cv_write_fn write,
                       void *payload)
{
    static const cv_method_part parts[] = {
        head, rules, tender_method, criteria, parameters,
    };
    return cv_method_write_page(d, parts, sizeof(parts) / sizeof(parts[0]),
                                write, payload);
}
