/* SPDX-License-Identifier: MIT */
/* eval_conditions.c: the `conditions` check and the condition evaluator
 * that gradings share (see eval.h and criteria/README.md). */
#include <stdio.h>
#include <string.h>

#include "eval.h"

static const char *op_text(enum cv_cond_test t)
{
    switch (t) {
    case CV_TEST_GE:
        return "≥";
    case CV_TEST_LE:
        return "≤";
    case CV_TEST_GT:
        return ">";
    case CV_TEST_LT:
        return "<";
    default:
        return "=";
    }
}

static int compare(enum cv_cond_test t, double v, double want)
{
    switch (t) {
    case CV_TEST_GE:
        return v >= want;
    case CV_TEST_LE:
        return v <= want;
    case CV_TEST_GT:
        return v > want;
    case CV_TEST_LT:
        return v < want;
    default:
        return v == want;
    }
}

static int eval_test(struct cv_check *ck, const struct cv_cond *c,
                     bool describe, bool *seen)
{
    const struct cv_node *n = cv_node_lookup(ck->req->doc, c->field);
    cv_lang lang = ck->lang;
    int ok = 0;

    if (!n) {
        if (describe)
            cv_check_say(ck, CV_L(lang, "%s の記載なし", "%s not given"),
                         c->field);
        return 0;
    }
    *seen = true;
    switch (c->test) {
    case CV_TEST_TRUE:
    case CV_TEST_FALSE:
        ok = n->kind == CV_NODE_BOOL &&
             n->boolean == (c->test == CV_TEST_TRUE);
        break;
    case CV_TEST_PRESENT:
        ok = n->kind != CV_NODE_STRING || n->text_len > 0;
        break;
    case CV_TEST_NONEMPTY:
        ok = n->kind == CV_NODE_ARRAY && n->count > 0;
        break;
    default:
        if (n->kind == CV_NODE_NUMBER && c->value &&
            c->value->kind == CV_NODE_NUMBER)
            ok = compare(c->test, n->number, c->value->number);
        else if (c->test == CV_TEST_EQ && c->value && n->text && c->value->text)
            ok = strcmp(n->text, c->value->text) == 0;
        break;
    }
    if (describe) {
        const char *mark = ok ? "✓" : "✗";
        if (c->test >= CV_TEST_GE)
            cv_check_say(ck,
                         CV_L(lang, "%s %s = %s (要件: %s %s)",
                              "%s %s = %s (required: %s %s)"),
                         mark, c->field, n->text ? n->text : "?",
                         op_text(c->test),
                         c->value && c->value->text ? c->value->text : "?");
        else if (c->test == CV_TEST_NONEMPTY)
            cv_check_say(ck, "%s %s: %zu", mark, c->field,
                         n->kind == CV_NODE_ARRAY ? n->count : 0);
        else
            cv_check_say(ck, "%s %s = %s", mark, c->field,
                         n->kind == CV_NODE_STRING ? n->text
                         : n->text                 ? n->text
                                                   : "?");
    }
    return ok;
}

int cv_cond_eval(struct cv_check *ck, const struct cv_cond *c, bool describe,
                 bool *seen)
{
    size_t i;
    int any = 0, all = 1;
    if (!c)
        return 0;
    if (c->kind == CV_COND_TEST)
        return eval_test(ck, c, describe, seen);
    for (i = 0; i < c->nsubs; i++) {
        int r = cv_cond_eval(ck, c->subs[i], describe, seen);
        any |= r;
        all &= r;
    }
    return c->kind == CV_COND_ALL ? all : any;
}

cv_status cv_check_conditions(struct cv_check *ck)
{
    bool seen = false;
    int ok = cv_cond_eval(ck, ck->crit->require, true, &seen);
    if (!seen) {
        /* Nothing the tree names was given: no facts, and no reason text
         * listing a dozen missing fields. */
        cv_strbuf_reset(&ck->reason);
        ck->facts = CV_FACTS_NONE;
        return cv_strbuf_status(&ck->reason);
    }
    if (ok)
        ck->facts = CV_FACTS_MET;
    else if (ck->crit->partial_if &&
             cv_cond_eval(ck, ck->crit->partial_if, false, &seen))
        ck->facts = CV_FACTS_PARTIAL;
    else
        ck->facts = CV_FACTS_NOT_MET;
    return cv_strbuf_status(&ck->reason);
}
