/* SPDX-License-Identifier: MIT */
/* eval_conditions.c: the `conditions` check and the condition evaluator
 * that gradings share (see eval.h and criteria/README.md).
 *
 * Numbers are compared as the vendor wrote them, in the field's unit
 * (base/decimal.h): the interval the stated value commits to must pass
 * the test in full. What only the length of a month or of a business
 * day would decide, and what the vendor wrote as an approximation or a
 * target, is undecided: a person confirms it, it is never met. */
#include <stdio.h>
#include <string.h>

#include "eval.h"

/* Why a test came out as it did, for the reason. */
enum why {
    WHY_HOLDS,
    WHY_FAILS,
    WHY_MISSING,
    WHY_OPEN,    /* the vendor's bound promises too little */
    WHY_INEXACT, /* decided only by a unit of varying length */
    WHY_APPROX,  /* would hold, but is an approximation or target */
    WHY_UNREADABLE /* given, but the reader could not read it */
};

struct judged {
    enum cv_cond_outcome outcome;
    enum why why;
    const struct cv_node *node;
    struct cv_quantity plain; /* a number without a quantity (defensive) */
    const struct cv_quantity *q;
};

static const struct cv_unit_field *field_of(const struct cv_check *ck,
                                            const char *field)
{
    return cv_units_field(&ck->req->crit->tables.units, field);
}

static enum cv_qop qop_of(enum cv_cond_test t)
{
    switch (t) {
    case CV_TEST_GE:
        return CV_QOP_GE;
    case CV_TEST_GT:
        return CV_QOP_GT;
    case CV_TEST_LE:
        return CV_QOP_LE;
    case CV_TEST_LT:
        return CV_QOP_LT;
    default:
        return CV_QOP_EQ;
    }
}

/* The threshold as written in the catalogue or the profile (its JSON
 * number text), never the double it rounds to. */
static void threshold_of(const struct cv_cond *c, struct cv_decimal *t)
{
    if (!c->value->text ||
        cv_decimal_parse(t, c->value->text, c->value->text_len) !=
            CV_DECIMAL_OK)
        cv_decimal_from_double(t, c->value->number);
}

static void judge_number(struct judged *j, const struct cv_cond *c)
{
    struct cv_decimal t;
    const struct cv_node *n = j->node;
    j->q = n->quantity;
    if (!j->q) { /* not from the reader: read its text as a plain number */
        if (!n->text ||
            cv_quantity_plain(NULL, n->text, n->text_len, &j->plain) !=
                CV_QTY_SAME)
            return;
        j->q = &j->plain;
    }
    threshold_of(c, &t);
    switch (cv_quantity_test(j->q, qop_of(c->test), &t)) {
    case CV_QTEST_HOLDS:
        j->outcome = CV_COND_HOLDS;
        j->why = WHY_HOLDS;
        break;
    case CV_QTEST_OPEN:
        j->why = WHY_OPEN;
        break;
    case CV_QTEST_INEXACT:
        j->outcome = CV_COND_UNDECIDED;
        j->why = WHY_INEXACT;
        break;
    default:
        break;
    }
    if (j->outcome == CV_COND_HOLDS && j->q->approximate) {
        j->outcome = CV_COND_UNDECIDED;
        j->why = WHY_APPROX;
    }
}

static void judge_test(struct judged *j, struct cv_check *ck,
                       const struct cv_cond *c)
{
    const struct cv_node *n = cv_node_lookup(ck->req->doc, c->field);
    memset(j, 0, sizeof(*j));
    j->outcome = CV_COND_FAILS;
    j->why = WHY_FAILS;
    j->node = n;
    if (!n && cv_unread_touching(ck->req->unread, c->field)) {
        /* Given but unreadable: not the vendor's silence, so it neither
         * holds nor fails; a person reads what was meant. */
        j->outcome = CV_COND_UNDECIDED;
        j->why = WHY_UNREADABLE;
        return;
    }
    if (!n) {
        j->why = WHY_MISSING;
        return;
    }
    switch (c->test) {
    case CV_TEST_TRUE:
    case CV_TEST_FALSE:
        if (n->kind == CV_NODE_BOOL &&
            n->boolean == (c->test == CV_TEST_TRUE))
            j->outcome = CV_COND_HOLDS;
        break;
    case CV_TEST_PRESENT:
        if (n->kind != CV_NODE_STRING || n->text_len > 0)
            j->outcome = CV_COND_HOLDS;
        break;
    case CV_TEST_NONEMPTY:
        if (n->kind == CV_NODE_ARRAY && n->count > 0)
            j->outcome = CV_COND_HOLDS;
        break;
    default:
        if (n->kind == CV_NODE_NUMBER && c->value &&
            c->value->kind == CV_NODE_NUMBER)
            judge_number(j, c);
        else if (c->test == CV_TEST_EQ && c->value && n->text &&
                 c->value->text && strcmp(n->text, c->value->text) == 0)
            j->outcome = CV_COND_HOLDS;
        break;
    }
    if (j->outcome == CV_COND_HOLDS)
        j->why = WHY_HOLDS;
}

/* The stated value in words: "4 時間", "「９９．９」(99.9 %)", "「はい」",
 * "3 件" (ja); "4 h", "'９９．９' (99.9 %)", "yes", "3 items" (en). The
 * value must be there (j->node). */
static void put_value(struct cv_strbuf *sb, const struct cv_check *ck,
                      const struct judged *j)
{
    cv_lang lang = ck->lang;
    const struct cv_node *n = j->node;
    const struct cv_quantity *q =
        j->q ? j->q : n->kind == CV_NODE_NUMBER ? n->quantity : NULL;
    struct cv_decimal plain;
    if (q) {
        /* The number as written; the reading too when it had a unit or
         * a bound word, or was not plain ASCII. */
        const char *unit = cv_unit_name(q->field_unit, lang);
        if (n->text && cv_decimal_parse(&plain, n->text, n->text_len) ==
                           CV_DECIMAL_OK) {
            cv_strbuf_printf(sb, "%s%s%s", n->text, *unit ? " " : "", unit);
        } else {
            cv_strbuf_printf(sb, CV_L(lang, "「%s」(", "'%s' ("),
                             n->text ? n->text : "?");
            cv_quantity_describe(sb, q, lang);
            cv_strbuf_putc(sb, ')');
        }
    } else if (n->kind == CV_NODE_BOOL) {
        cv_strbuf_puts(sb, n->boolean ? CV_L(lang, "「はい」", "yes")
                                      : CV_L(lang, "「いいえ」", "no"));
    } else if (n->kind == CV_NODE_ARRAY) {
        if (lang == CV_LANG_EN)
            cv_strbuf_printf(sb, "%zu item%s", n->count,
                             n->count == 1 ? "" : "s");
        else
            cv_strbuf_printf(sb, "%zu 件", n->count);
    } else if (n->kind == CV_NODE_STRING && n->text_len == 0) {
        cv_strbuf_puts(sb, CV_L(lang, "空欄", "empty"));
    } else {
        cv_strbuf_printf(sb, CV_L(lang, "「%s」", "'%s'"),
                         n->text ? n->text : "?");
    }
}

/* "稼働率は 99.95 % で、" / "availability: 99.95 %, ": the field by its
 * label and the value stated. A quoted Japanese value needs no blanks. */
static void put_stated(struct cv_strbuf *sb, const struct cv_check *ck,
                       const struct cv_cond *c, const struct judged *j)
{
    struct cv_strbuf v;
    bool quoted;
    cv_strbuf_init(&v, 0);
    put_value(&v, ck, j);
    quoted = strncmp(v.ptr, "「", strlen("「")) == 0;
    if (ck->lang == CV_LANG_EN)
        cv_strbuf_printf(sb, "%s: %s", cv_check_label(ck, c->field), v.ptr);
    else
        cv_strbuf_printf(sb, "%s%sは%s%s%sで、", cv_check_label(ck, c->field),
                         cv_check_gap(ck, cv_check_label(ck, c->field)),
                         quoted ? "" : " ", v.ptr, cv_check_gap(ck, v.ptr));
    cv_strbuf_fail(sb, cv_strbuf_status(&v));
    cv_strbuf_release(&v);
}

/* The condition in words: "12 時間以内", "「はい」", "1 件以上". */
static void put_condition(struct cv_strbuf *sb, const struct cv_check *ck,
                          const struct cv_cond *c)
{
    cv_lang lang = ck->lang;
    const struct cv_unit_field *f = field_of(ck, c->field);
    const struct cv_unit *u = f ? f->unit : NULL;
    const char *unit = cv_unit_name(u, lang), *sep = *unit ? " " : "";
    const char *v = c->value && c->value->text ? c->value->text : "?";
    switch (c->test) {
    case CV_TEST_TRUE:
        cv_strbuf_puts(sb, CV_L(lang, "「はい」", "yes"));
        return;
    case CV_TEST_FALSE:
        cv_strbuf_puts(sb, CV_L(lang, "「いいえ」", "no"));
        return;
    case CV_TEST_PRESENT:
        cv_strbuf_puts(sb, CV_L(lang, "記載があること", "a stated value"));
        return;
    case CV_TEST_NONEMPTY:
        cv_strbuf_puts(sb, CV_L(lang, "1 件以上", "at least one item"));
        return;
    default:
        break;
    }
    if (lang != CV_LANG_EN) {
        const char *op = c->test == CV_TEST_GE   ? "以上"
                         : c->test == CV_TEST_GT ? "超"
                         : c->test == CV_TEST_LE ? cv_unit_at_most_ja(u)
                         : c->test == CV_TEST_LT ? "未満"
                                                 : "ちょうど";
        cv_strbuf_printf(sb, "%s%s%s%s", v, sep, unit, op);
    } else {
        const char *op = c->test == CV_TEST_GE   ? "at least"
                         : c->test == CV_TEST_GT ? "more than"
                         : c->test == CV_TEST_LE ? "at most"
                         : c->test == CV_TEST_LT ? "less than"
                                                 : "exactly";
        cv_strbuf_printf(sb, "%s %s%s%s", op, v, sep, unit);
    }
}

/* A test compares a number with a threshold (not yes/no, given, listed). */
static bool is_threshold(const struct cv_cond *c)
{
    return c->kind == CV_COND_TEST && c->test >= CV_TEST_GE;
}

/* Why a number that would pass decides nothing: "月の長さは一定でない
 * ため" / "months have no fixed length". */
static void put_undecided_why(struct cv_strbuf *sb, const struct cv_check *ck,
                              const struct judged *j)
{
    if (j->why == WHY_APPROX)
        cv_strbuf_printf(sb,
                         CV_L(ck->lang,
                              "概数・目標の値 (「%s」) は約束された値では"
                              "ないため",
                              "an approximation or target ('%s') is no "
                              "commitment"),
                         j->q->approx_word ? j->q->approx_word : "?");
    else
        cv_strbuf_printf(sb,
                         CV_L(ck->lang, "%sの長さは一定でないため",
                              "%s have no fixed length"),
                         cv_unit_name(j->q->unit, ck->lang));
}

/* One test of the requirement as one sentence: what was required, what
 * the vendor stated, and how it came out. */
static void put_requirement(struct cv_strbuf *sb, const struct cv_check *ck,
                            const struct cv_cond *c, const struct judged *j)
{
    cv_lang lang = ck->lang;
    const char *label = cv_check_label(ck, c->field);
    if (j->why == WHY_MISSING || j->why == WHY_UNREADABLE) {
        cv_strbuf_printf(sb,
                         j->why == WHY_MISSING
                             ? CV_L(lang, "%s%sの記載がありません (要件: ",
                                    "%s%s is not stated (required: ")
                             : CV_L(lang, "%s%sの値が読めず、判断できません "
                                          "(要確認。要件: ",
                                    "%s%s could not be read, so it cannot be "
                                    "decided (to be confirmed; required: "),
                         label, cv_check_gap(ck, label));
        put_condition(sb, ck, c);
        cv_strbuf_putc(sb, ')');
        return;
    }
    put_stated(sb, ck, c, j);
    if (j->why == WHY_HOLDS && !is_threshold(c)) {
        cv_strbuf_puts(sb, CV_L(lang, "要件を満たしています", ", as required"));
        return;
    }
    switch (j->why) {
    case WHY_HOLDS:
        cv_strbuf_puts(sb, CV_L(lang, "要件 (", ", which meets the "
                                               "requirement ("));
        break;
    case WHY_OPEN:
        cv_strbuf_puts(sb, CV_L(lang, "この書き方では要件 (",
                                ", a bound that does not guarantee the "
                                "requirement ("));
        break;
    case WHY_INEXACT:
    case WHY_APPROX:
        if (lang == CV_LANG_EN)
            cv_strbuf_puts(sb, "; ");
        put_undecided_why(sb, ck, j);
        cv_strbuf_puts(sb, CV_L(lang, "、要件 (", ", so whether it meets "
                                                 "the requirement ("));
        break;
    default:
        cv_strbuf_puts(sb, CV_L(lang, "要件 (", ", which does not meet the "
                                               "requirement ("));
        break;
    }
    put_condition(sb, ck, c);
    switch (j->why) {
    case WHY_HOLDS:
        cv_strbuf_puts(sb, CV_L(lang, ") を満たしています", ")"));
        break;
    case WHY_OPEN:
        cv_strbuf_puts(sb, CV_L(lang, ") を満たすと言えません", ")"));
        break;
    case WHY_INEXACT:
    case WHY_APPROX:
        cv_strbuf_puts(sb, CV_L(lang, ") を満たすか確定できません (要確認)",
                                ") cannot be decided (to be confirmed)"));
        break;
    default:
        cv_strbuf_puts(sb, CV_L(lang, ") を満たしていません", ")"));
        break;
    }
}

static const char *mark_of(const struct judged *j)
{
    return j->outcome == CV_COND_HOLDS       ? "✓"
           : j->outcome == CV_COND_UNDECIDED ? "?"
                                             : "✗";
}

static void say_test(struct cv_check *ck, const struct cv_cond *c,
                     const struct judged *j)
{
    struct cv_strbuf sb;
    cv_strbuf_init(&sb, 0);
    put_requirement(&sb, ck, c, j);
    if (cv_strbuf_status(&sb) == CV_OK)
        cv_check_say(ck, "%s %s", mark_of(j), sb.ptr);
    else
        cv_strbuf_fail(&ck->reason, cv_strbuf_status(&sb));
    cv_strbuf_release(&sb);
    cv_check_at(ck, j->node);
}

enum cv_cond_outcome cv_cond_judge(struct cv_check *ck,
                                   const struct cv_cond *c, bool describe,
                                   bool *seen)
{
    size_t i;
    bool holds = false, fails = false, undecided = false;
    if (!c)
        return CV_COND_FAILS;
    if (c->kind == CV_COND_TEST) {
        struct judged j;
        judge_test(&j, ck, c);
        if (j.node)
            *seen = true;
        if (describe)
            say_test(ck, c, &j);
        return j.outcome;
    }
    /* Kleene's three-valued all / any. */
    for (i = 0; i < c->nsubs; i++) {
        enum cv_cond_outcome r = cv_cond_judge(ck, c->subs[i], describe, seen);
        holds |= r == CV_COND_HOLDS;
        fails |= r == CV_COND_FAILS;
        undecided |= r == CV_COND_UNDECIDED;
    }
    if (c->kind == CV_COND_ALL)
        return fails       ? CV_COND_FAILS
               : undecided ? CV_COND_UNDECIDED
                           : CV_COND_HOLDS;
    return holds       ? CV_COND_HOLDS
           : undecided ? CV_COND_UNDECIDED
                       : CV_COND_FAILS;
}

int cv_cond_eval(struct cv_check *ck, const struct cv_cond *c, bool describe,
                 bool *seen)
{
    return cv_cond_judge(ck, c, describe, seen) == CV_COND_HOLDS;
}

/* What a missed bonus's test found, after "— ": "記載は 4 時間",
 * "記載なし" for a bonus of one test; "VPN・閉域接続は「いいえ」" (the
 * field named) within a bonus of several. */
static void put_missed_test(struct cv_strbuf *sb, struct cv_check *ck,
                            const struct cv_cond *c, bool named)
{
    cv_lang lang = ck->lang;
    struct judged j;
    judge_test(&j, ck, c);
    cv_check_at(ck, j.node);
    if (named)
        cv_strbuf_printf(sb, CV_L(lang, "%s%s", "%s%s: "),
                         cv_check_label(ck, c->field),
                         cv_check_gap(ck, cv_check_label(ck, c->field)));
    if (j.why == WHY_MISSING) {
        cv_strbuf_puts(sb, named ? CV_L(lang, "の記載なし", "not stated")
                                 : CV_L(lang, "記載なし", "not stated"));
        return;
    }
    if (j.why == WHY_UNREADABLE) {
        cv_strbuf_puts(sb, named ? CV_L(lang, "の値が読めません", "unreadable")
                                 : CV_L(lang, "読めない値", "unreadable"));
        return;
    }
    {
        struct cv_strbuf v;
        cv_strbuf_init(&v, 0);
        put_value(&v, ck, &j);
        if (!named)
            cv_strbuf_puts(sb, CV_L(lang, "記載は", "stated: "));
        else
            cv_strbuf_puts(sb, CV_L(lang, "は", ""));
        if (lang != CV_LANG_EN && strncmp(v.ptr, "「", strlen("「")) != 0)
            cv_strbuf_putc(sb, ' ');
        cv_strbuf_puts(sb, v.ptr);
        cv_strbuf_fail(sb, cv_strbuf_status(&v));
        cv_strbuf_release(&v);
    }
    if (j.why == WHY_OPEN)
        cv_strbuf_puts(sb, CV_L(lang, " (この書き方では満たすと言えません)",
                                " (a bound that does not guarantee it)"));
    else if (j.why == WHY_INEXACT || j.why == WHY_APPROX) {
        cv_strbuf_puts(sb, " (");
        put_undecided_why(sb, ck, &j);
        cv_strbuf_puts(sb, CV_L(lang, "確定できません)", ")"));
    }
}

/* Every test of `c` that does not hold, named, joined. */
static void put_missed_tests(struct cv_strbuf *sb, struct cv_check *ck,
                             const struct cv_cond *c, size_t *n)
{
    bool seen = false;
    if (c->kind != CV_COND_TEST) {
        size_t i;
        for (i = 0; i < c->nsubs; i++)
            put_missed_tests(sb, ck, c->subs[i], n);
        return;
    }
    if (cv_cond_judge(ck, c, false, &seen) == CV_COND_HOLDS)
        return;
    if ((*n)++)
        cv_strbuf_puts(sb, CV_L(ck->lang, "、", ", "));
    put_missed_test(sb, ck, c, true);
}

void cv_cond_say_bonus(struct cv_check *ck, const struct cv_cond *c,
                       const char *label, double points, bool earned)
{
    cv_lang lang = ck->lang;
    struct cv_strbuf sb;
    size_t n = 0;
    if (!c)
        return;
    cv_strbuf_init(&sb, 0);
    cv_strbuf_puts(&sb, earned ? CV_L(lang, "加点: ", "bonus: ")
                               : CV_L(lang, "加点なし: ", "no bonus: "));
    if (is_threshold(c)) { /* named by its condition: "RTO 1 時間以内" */
        cv_strbuf_printf(&sb, "%s ", cv_check_label(ck, c->field));
        put_condition(&sb, ck, c);
    } else {
        cv_strbuf_puts(&sb, label ? label : "?");
    }
    cv_strbuf_printf(&sb, " (+%g)", points);
    if (!earned) {
        cv_strbuf_puts(&sb, " — ");
        if (c->kind == CV_COND_TEST)
            put_missed_test(&sb, ck, c, false);
        else
            put_missed_tests(&sb, ck, c, &n);
    }
    if (cv_strbuf_status(&sb) == CV_OK)
        cv_check_say(ck, "%s", sb.ptr);
    else
        cv_strbuf_fail(&ck->reason, cv_strbuf_status(&sb));
    cv_strbuf_release(&sb);
}

cv_status cv_check_conditions(struct cv_check *ck)
{
    bool seen = false;
    enum cv_cond_outcome ok =
        cv_cond_judge(ck, ck->crit->require, true, &seen);
    if (!seen) {
        /* Nothing the tree names was given: no facts, and no reason text
         * listing a dozen missing fields. */
        cv_strbuf_reset(&ck->reason);
        ck->facts = CV_FACTS_NONE;
        return cv_strbuf_status(&ck->reason);
    }
    if (ok == CV_COND_HOLDS)
        ck->facts = CV_FACTS_MET;
    else if (ok == CV_COND_UNDECIDED)
        ck->facts = CV_FACTS_UNVERIFIED; /* a person confirms it */
    else if (ck->crit->partial_if &&
             cv_cond_judge(ck, ck->crit->partial_if, false, &seen) ==
                 CV_COND_HOLDS)
        ck->facts = CV_FACTS_PARTIAL;
    else
        ck->facts = CV_FACTS_NOT_MET;
    return cv_strbuf_status(&ck->reason);
}
