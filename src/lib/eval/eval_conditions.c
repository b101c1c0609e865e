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

static const char *label_of(const struct cv_check *ck, const char *field)
{
    const struct cv_unit_field *f = field_of(ck, field);
    return f ? CV_L(ck->lang, f->label_ja, f->label_en) : field;
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

/* "RTO 4 時間", "稼働率 '９９．９' (99.9 %)", "約款・SLA の公開: はい". */
static void put_subject(struct cv_strbuf *sb, const struct cv_check *ck,
                        const struct cv_cond *c, const struct judged *j)
{
    cv_lang lang = ck->lang;
    const struct cv_node *n = j->node;
    const struct cv_quantity *q =
        j->q ? j->q : n && n->kind == CV_NODE_NUMBER ? n->quantity : NULL;
    struct cv_decimal plain;
    cv_strbuf_puts(sb, label_of(ck, c->field));
    if (!n && j->why == WHY_UNREADABLE) {
        cv_strbuf_puts(sb, CV_L(lang, ": 読めない値 (診断を参照)",
                                ": a value that could not be read (see the "
                                "diagnostics)"));
    } else if (!n) {
        cv_strbuf_puts(sb, CV_L(lang, ": 記載なし", ": not given"));
    } else if (q) {
        /* The number as written; the reading too when it had a unit or
         * a bound word, or was not plain ASCII. */
        const char *unit = cv_unit_name(q->field_unit, lang);
        if (n->text && cv_decimal_parse(&plain, n->text, n->text_len) ==
                           CV_DECIMAL_OK)
            cv_strbuf_printf(sb, " %s%s%s", n->text, *unit ? " " : "", unit);
        else {
            cv_strbuf_printf(sb, " '%s' (", n->text ? n->text : "?");
            cv_quantity_describe(sb, q, lang);
            cv_strbuf_putc(sb, ')');
        }
    } else if (n->kind == CV_NODE_BOOL) {
        cv_strbuf_puts(sb, n->boolean ? CV_L(lang, ": はい", ": yes")
                                      : CV_L(lang, ": いいえ", ": no"));
    } else if (n->kind == CV_NODE_ARRAY) {
        cv_strbuf_printf(sb, CV_L(lang, ": %zu 件", ": %zu items"), n->count);
    } else if (n->kind == CV_NODE_STRING && n->text_len == 0) {
        cv_strbuf_puts(sb, CV_L(lang, ": 空欄", ": empty"));
    } else {
        cv_strbuf_printf(sb, ": %s", n->text ? n->text : "?");
    }
}

/* The condition in words: "12 時間以内", "はい", "1 件以上". */
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

/* Why an approximation decides nothing, before the condition. */
static void put_approx(struct cv_strbuf *sb, const struct cv_check *ck,
                       const struct judged *j)
{
    cv_strbuf_printf(sb,
                     CV_L(ck->lang,
                          "概数・目標の値 ('%s') は約束された値ではないため",
                          "an approximation or target ('%s') is no "
                          "commitment, so"),
                     j->q->approx_word ? j->q->approx_word : "?");
}

/* One test in words, as part of the requirement or of a bonus's
 * full-marks condition. */
static void put_outcome(struct cv_strbuf *sb, const struct cv_check *ck,
                        const struct cv_cond *c, const struct judged *j,
                        bool requirement)
{
    cv_lang lang = ck->lang;
    const char *role =
        requirement ? CV_L(lang, "要件", "the requirement of")
                    : CV_L(lang, "満点の条件", "the full-marks condition of");
    put_subject(sb, ck, c, j);
    if (requirement && c->test < CV_TEST_GE) {
        /* yes/no, given, listed: the value says it; a failure names what
         * was required. */
        if (j->outcome != CV_COND_HOLDS) {
            cv_strbuf_puts(sb, CV_L(lang, " (要件: ", " (required: "));
            put_condition(sb, ck, c);
            cv_strbuf_putc(sb, ')');
        }
        return;
    }
    cv_strbuf_puts(sb, ": ");
    switch (j->why) {
    case WHY_HOLDS:
        cv_strbuf_printf(sb, CV_L(lang, "%s ", "meets %s "), role);
        put_condition(sb, ck, c);
        cv_strbuf_puts(sb, CV_L(lang, "を満たす", ""));
        break;
    case WHY_MISSING:
    case WHY_FAILS:
        cv_strbuf_printf(sb, CV_L(lang, "%s ", "does not meet %s "), role);
        put_condition(sb, ck, c);
        cv_strbuf_puts(sb, CV_L(lang, "を満たさない", ""));
        break;
    case WHY_OPEN:
        cv_strbuf_printf(sb,
                         CV_L(lang, "記載の範囲では%s ",
                              "the stated bound does not guarantee %s "),
                         role);
        put_condition(sb, ck, c);
        cv_strbuf_puts(sb, CV_L(lang, "を満たすと言えない", ""));
        break;
    case WHY_UNREADABLE:
        cv_strbuf_printf(sb,
                         CV_L(lang, "%s ", "it cannot be decided whether it "
                                           "meets %s "),
                         role);
        put_condition(sb, ck, c);
        cv_strbuf_puts(sb, CV_L(lang, "を満たすか判断できない (要確認)",
                                " (to be confirmed)"));
        break;
    case WHY_INEXACT:
    case WHY_APPROX:
        if (j->why == WHY_APPROX)
            put_approx(sb, ck, j);
        else
            cv_strbuf_printf(sb,
                             CV_L(lang, "%s の長さは一定でないため",
                                  "%s have no fixed length, so"),
                             cv_unit_name(j->q->unit, lang));
        cv_strbuf_printf(sb,
                         CV_L(lang, "、%s ", " it cannot be decided whether "
                                             "it meets %s "),
                         role);
        put_condition(sb, ck, c);
        cv_strbuf_puts(sb, CV_L(lang, "を満たすか確定できない (要確認)",
                                " (to be confirmed)"));
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
    put_outcome(&sb, ck, c, j, true);
    if (cv_strbuf_status(&sb) == CV_OK)
        cv_check_say(ck, "%s %s", mark_of(j), sb.ptr);
    else
        cv_strbuf_fail(&ck->reason, cv_strbuf_status(&sb));
    cv_strbuf_release(&sb);
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

void cv_cond_say_missed(struct cv_check *ck, const struct cv_cond *c,
                        double points)
{
    struct judged j;
    struct cv_strbuf sb;
    bool seen = false;
    if (!c)
        return;
    if (c->kind != CV_COND_TEST) {
        size_t i;
        for (i = 0; i < c->nsubs; i++)
            if (cv_cond_judge(ck, c->subs[i], false, &seen) != CV_COND_HOLDS)
                cv_cond_say_missed(ck, c->subs[i], points);
        return;
    }
    judge_test(&j, ck, c);
    cv_strbuf_init(&sb, 0);
    put_outcome(&sb, ck, c, &j, false);
    if (cv_strbuf_status(&sb) == CV_OK)
        cv_check_say(ck, "%s (−%g)", sb.ptr, points);
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
