/* SPDX-License-Identifier: MIT */
/*
 * eval_residual.c: the responsibility split an answer states, and the
 * residual obligations it leaves the customer (see eval.h).
 *
 * A provider answering a CSA CAIQ v4 question marks who owns the control
 * (SSRM Control Ownership) and may say what the customer must do (CSC
 * Responsibilities); the questionnaire carries both on the answer
 * (`responsibility`, `customer_responsibilities`). A criterion whose
 * answer the provider marks CSC-owned or shared with the customer is a
 * residual obligation of the municipality, which every report lists.
 *
 * It never changes the status. "The customer does this" is not evidence
 * that the service does it (so it cannot raise a claim to met), and it is
 * not a refutation either (the facts may still show the requirement met):
 * the rules decide the status exactly as without it, and the committee
 * sees the obligation beside the result.
 */
#include "eval.h"

#include <string.h>

/* The values of the schema's `answers[].responsibility` enumeration and
 * whether each leaves the control with the customer. Provider-owned and
 * outsourced controls (third_party, shared_third_party) are carried by
 * the provider or its subcontractor: recorded, not residual. */
static const struct responsibility_kind {
    const char *value;
    bool residual;
} responsibility_kinds[] = {
    { "provider", false },
    { "customer", true },
    { "shared_customer", true },
    { "third_party", false },
    { "shared_third_party", false },
    /* A reader met a mark no table knows (a workbook's ownership cell,
     * reported at the cell): the customer's until a person reads it. */
    { "unclear", true },
};

/* A value the table does not know (the schema grew without it) is taken
 * as the customer's until a person reads it: an obligation the committee
 * does not see is the worse mistake. */
static bool leaves_it_to_customer(const char *value)
{
    size_t i;
    for (i = 0; i < sizeof(responsibility_kinds) /
                        sizeof(responsibility_kinds[0]);
         i++)
        if (strcmp(responsibility_kinds[i].value, value) == 0)
            return responsibility_kinds[i].residual;
    return true;
}

/* Whether `path` is the answer's own `responsibility` member (the JSON
 * Pointer ".../responsibility", the XPath ".../responsibility" or
 * ".../responsibility[2]" of a repeated element). */
static bool is_responsibility_path(const char *path, const char *answer)
{
    static const char member[] = "/responsibility";
    size_t n = strlen(answer);
    if (strncmp(path, answer, n) != 0 ||
        strncmp(path + n, member, sizeof(member) - 1) != 0)
        return false;
    path += n + sizeof(member) - 1;
    return *path == '\0' || *path == '[';
}

/* The reader reported an error at the answer's responsibility (a value
 * outside the enumeration, the wrong type, a repeated element): what the
 * provider meant is unknown. */
static bool responsibility_unreadable(const struct cv_eval_req *req,
                                      const struct cv_node *ans)
{
    const struct cv_diags *d = req->diags;
    size_t i;
    if (!ans->path)
        return false;
    for (i = 0; i < d->count; i++)
        if (d->items[i].severity == CV_SEV_ERROR && d->items[i].path &&
            is_responsibility_path(d->items[i].path, ans->path))
            return true;
    return false;
}

cv_status cv_eval_responsibility(struct cv_result *r,
                                 const struct cv_eval_req *req,
                                 const struct cv_node *ans)
{
    const char *who, *text;
    if (!ans)
        return CV_OK;
    who = cv_node_str(ans, "responsibility");
    text = cv_node_str(ans, "customer_responsibilities");
    if (who && strcmp(who, "unclear") == 0) {
        r->responsibility_unread = true;
        r->residual = true;
    } else if (who) {
        r->responsibility = cv_arena_strdup(req->arena, who);
        if (!r->responsibility)
            return CV_ENOMEM;
        r->residual = leaves_it_to_customer(who);
    }
    if (text) {
        r->customer_responsibilities = cv_arena_strdup(req->arena, text);
        if (!r->customer_responsibilities)
            return CV_ENOMEM;
    }
    /* Given but unreadable: the diagnostic says where; the obligation is
     * listed for a person to settle rather than silently dropped. */
    if (responsibility_unreadable(req, ans)) {
        r->responsibility_unread = true;
        r->residual = true;
    }
    return CV_OK;
}
