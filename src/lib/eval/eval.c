/* SPDX-License-Identifier: MIT */
/* eval.c: the evaluation driver (see eval.h). */
#include "eval.h"

#include <stdio.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../base/suggest.h"
#include "../base/unicode.h"

void cv_check_say(struct cv_check *ck, const char *fmt, ...)
{
    va_list ap;
    if (ck->reason.len)
        cv_strbuf_puts(&ck->reason, CV_L(ck->lang, "。", "; "));
    va_start(ap, fmt);
    cv_strbuf_vprintf(&ck->reason, fmt, ap);
    va_end(ap);
}

/* Whether `path` is already one of the detail's locations. The list is
 * at most CV_DETAIL_MAX long, so the scan is bounded. */
static bool detail_has(const struct cv_strbuf *d, const char *path)
{
    size_t n = strlen(path);
    const char *p = d->ptr;
    while (p && *p) {
        const char *end = strstr(p, ", ");
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == n && memcmp(p, path, n) == 0)
            return true;
        p = end ? end + 2 : NULL;
    }
    return false;
}

void cv_check_at_path(struct cv_check *ck, const char *path)
{
    if (!path || !*path || detail_has(&ck->detail, path))
        return;
    if (ck->ndetail >= CV_DETAIL_MAX) {
        ck->detail_over++;
        return;
    }
    if (ck->detail.len)
        cv_strbuf_puts(&ck->detail, ", ");
    cv_strbuf_puts(&ck->detail, path);
    ck->ndetail++;
}

void cv_check_at(struct cv_check *ck, const struct cv_node *n)
{
    if (n)
        cv_check_at_path(ck, n->path);
}

const char *cv_check_label(const struct cv_check *ck, const char *dotted)
{
    const struct cv_unit_field *f =
        dotted ? cv_units_field(&ck->req->crit->tables.units, dotted) : NULL;
    if (f)
        return CV_L(ck->lang, f->label_ja, f->label_en);
    return CV_L(ck->lang, "記載の値", "a stated value");
}

const char *cv_check_value_label(const struct cv_check *ck,
                                 const char *field, const char *value)
{
    return cv_value_label(&ck->req->crit->tables.labels, field, value,
                          ck->lang);
}

const char *cv_check_gap(const struct cv_check *ck, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    unsigned char last = n ? (unsigned char)s[n - 1] : 0;
    if (ck->lang == CV_LANG_EN || last == 0 || last >= 0x80)
        return "";
    return last == ' ' || last == '(' ? "" : " ";
}

const char *cv_check_country(const struct cv_check *ck, const char *code)
{
    return cv_country_title(&ck->req->crit->tables.countries, code, ck->lang);
}

void cv_check_worsen(struct cv_check *ck, enum cv_facts f)
{
    if (f > ck->facts)
        ck->facts = f;
}

/* Bound at load (cv_checks_bind): a required member is always there,
 * with the type the kinds table gives it. */
const struct cv_node *cv_check_param(const struct cv_check *ck,
                                     const char *member)
{
    const struct cv_check_arg *arg = cv_criterion_arg(ck->crit, member);
    return arg ? arg->value : NULL;
}

static char *strip_company_forms(char *s)
{
    static const char *const forms[] = { "株式会社", "株式會社", "(株)",
                                         "有限会社", "(有)",     "合同会社",
                                         "co.,ltd.", "co.ltd.",  "inc.",
                                         "k.k.",     "ltd.",     ",", NULL };
    size_t i;
    for (i = 0; forms[i]; i++) {
        char *p;
        size_t n = strlen(forms[i]);
        while ((p = strstr(s, forms[i])) != NULL)
            memmove(p, p + n, strlen(p + n) + 1);
    }
    return s;
}

char *cv_names_fold(struct cv_arena *scratch, const char *s)
{
    char *f = s ? cv_fold_key(scratch, s, strlen(s)) : NULL;
    if (f)
        strip_company_forms(f);
    return f;
}

int cv_names_match_folded(const char *fa, const char *fb)
{
    if (!fa || !fb || !*fa || !*fb)
        return 0;
    return strstr(fa, fb) != NULL || strstr(fb, fa) != NULL;
}

int cv_names_match(struct cv_arena *scratch, const char *a, const char *b)
{
    if (!a || !b)
        return 0;
    return cv_names_match_folded(cv_names_fold(scratch, a),
                                 cv_names_fold(scratch, b));
}

/* The vendor's answer for a criterion: by its id or a profile alias. */
static const struct cv_node *find_answer(const struct cv_eval_req *req,
                                         const char *id)
{
    const struct cv_node *answers = cv_node_lookup(req->doc, "answers");
    const struct cv_profile *p = &req->crit->profile;
    const struct cv_node *a;
    for (a = answers ? answers->first : NULL; a; a = a->next) {
        const char *aid = cv_node_str(a, "id");
        size_t i;
        if (!aid)
            continue;
        if (strcmp(aid, id) == 0)
            return a;
        for (i = 0; i < p->naliases; i++)
            if (strcmp(p->aliases[i].from, aid) == 0 &&
                strcmp(p->aliases[i].to, id) == 0)
                return a;
    }
    return NULL;
}

/* One answer with an id, and where it stands in the document. */
struct answer_ref {
    const char *id;
    size_t index;
};

static int by_id_then_index(const void *pa, const void *pb)
{
    const struct answer_ref *a = pa, *b = pb;
    int c = strcmp(a->id, b->id);
    if (c)
        return c;
    return a->index < b->index ? -1 : a->index > b->index;
}

/* Whether answer id `aid` (or the criterion an alias maps it to) is a
 * criterion of the profile. */
static bool names_a_criterion(const struct cv_profile *p, const char *aid)
{
    const char *target = aid;
    size_t i;
    for (i = 0; i < p->naliases; i++)
        if (strcmp(p->aliases[i].from, aid) == 0)
            target = p->aliases[i].to;
    for (i = 0; i < p->nentries; i++)
        if (strcmp(p->entries[i].crit->id, target) == 0)
            return true;
    return false;
}

/* The ids an answer may carry: the profile's criteria, then its
 * aliases (for "did you mean"). */
static size_t answer_id_count(const struct cv_profile *p)
{
    return p->nentries + p->naliases;
}

static const char *answer_id_at(const void *set, size_t i)
{
    const struct cv_profile *p = set;
    return i < p->nentries ? p->entries[i].crit->id
                           : p->aliases[i - p->nentries].from;
}

static cv_status warn_answer(const struct cv_eval_req *req,
                             const struct cv_node *a, const char *aid,
                             bool known, bool repeated)
{
    struct cv_loc loc = { req->source, a->path, a->line, a->column };
    cv_lang lang = req->diags->lang;
    cv_status st = CV_OK;
    const char *near = known ? NULL
                             : cv_near_unique(aid, &req->crit->profile,
                                              answer_id_count(
                                                  &req->crit->profile),
                                              answer_id_at);
    if (near)
        st = cv_diags_add(req->diags, CV_SEV_WARNING, CV_EINVALID, &loc,
                          CV_L(lang,
                               "回答 id '%s' はこのプロファイルの基準に"
                               "ありません。もしかして '%s' ですか?",
                               "answer id '%s' is not a criterion of "
                               "this profile; did you mean '%s'?"),
                          aid, near);
    else if (!known)
        st = cv_diags_add(req->diags, CV_SEV_WARNING, CV_EINVALID, &loc,
                          CV_L(lang,
                               "回答 id '%s' はこのプロファイルの基準に"
                               "ありません",
                               "answer id '%s' is not a criterion of "
                               "this profile"),
                          aid);
    if (st == CV_OK && repeated)
        st = cv_diags_add(req->diags, CV_SEV_WARNING, CV_EINVALID, &loc,
                          CV_L(lang,
                               "回答 '%s' が重複しています (最初の"
                               "回答を使います)",
                               "answer '%s' given twice (the first "
                               "is used)"),
                          aid);
    return st;
}

/* Warn about answers that name no criterion of the profile, and about
 * answers given twice. The repeats are found by sorting, not by
 * comparing every pair: a file may hold as many answers as max_nodes
 * allows, and a quadratic scan of them was a way to hold the run. */
static cv_status check_answer_ids(const struct cv_eval_req *req)
{
    const struct cv_node *answers = cv_node_lookup(req->doc, "answers");
    const struct cv_node *a;
    struct answer_ref *refs = NULL;
    bool *repeated = NULL;
    size_t n = 0, i;
    cv_status st = CV_OK;

    for (a = answers ? answers->first : NULL; a; a = a->next)
        n += cv_node_str(a, "id") != NULL;
    if (n == 0)
        return CV_OK;
    refs = calloc(n, sizeof(*refs));
    repeated = calloc(n, sizeof(*repeated));
    if (!refs || !repeated) {
        st = CV_ENOMEM;
        goto out;
    }
    n = 0;
    for (a = answers->first; a; a = a->next) {
        const char *aid = cv_node_str(a, "id");
        if (aid) {
            refs[n].id = aid;
            refs[n].index = n;
            n++;
        }
    }
    qsort(refs, n, sizeof(*refs), by_id_then_index);
    for (i = 1; i < n; i++)
        if (strcmp(refs[i].id, refs[i - 1].id) == 0)
            repeated[refs[i].index] = true;
    /* Back in document order, so the warnings read top to bottom. */
    i = 0;
    for (a = answers->first; a && st == CV_OK; a = a->next) {
        const char *aid = cv_node_str(a, "id");
        if (!aid)
            continue;
        st = warn_answer(req, a, aid, names_a_criterion(&req->crit->profile,
                                                        aid),
                         repeated[i]);
        i++;
    }
out:
    free(refs);
    free(repeated);
    return st;
}

static const char *copy(struct cv_arena *a, const char *s)
{
    return s ? cv_arena_strdup(a, s) : NULL;
}

static cv_status copy_evidence(struct cv_result *r, struct cv_arena *a,
                               const struct cv_node *list)
{
    const struct cv_node *e;
    size_t i = 0;
    if (!list || list->count == 0)
        return CV_OK;
    r->evidence = cv_arena_calloc(a, list->count, sizeof(*r->evidence));
    if (!r->evidence)
        return CV_ENOMEM;
    for (e = list->first; e; e = e->next, i++) {
        r->evidence[i].title = copy(a, cv_node_str(e, "title"));
        r->evidence[i].url = copy(a, cv_node_str(e, "url"));
        r->evidence[i].page = copy(a, cv_node_str(e, "page"));
        r->evidence[i].section = copy(a, cv_node_str(e, "section"));
        r->evidence[i].quote = copy(a, cv_node_str(e, "note"));
        r->evidence[i].location = copy(a, e->path);
    }
    r->nevidence = i;
    return CV_OK;
}

/* The kind's row of the table (check_kinds.c), found when the catalogue
 * was loaded: an unknown kind never gets this far. */
static cv_status run_check(struct cv_check *ck)
{
    return ck->crit->check->run(ck);
}

/* Lays the answer over the facts (see eval.h and report-v1.md). */
static cv_result_status combine(const struct cv_check *ck, const char *resp,
                                struct cv_strbuf *why)
{
    cv_lang lang = ck->lang;
    bool yes = resp && strcmp(resp, "yes") == 0;
    bool no = resp && strcmp(resp, "no") == 0;
    bool partial = resp && strcmp(resp, "partial") == 0;
    bool na = resp && strcmp(resp, "na") == 0;

    if (na && ck->crit->na_allowed) {
        cv_strbuf_puts(why, CV_L(lang, "該当なし (na) と回答され、この基準は"
                                       "該当なしを認めています",
                                 "answered na, which this criterion allows"));
        return CV_STATUS_NOT_APPLICABLE;
    }
    if (na)
        cv_strbuf_puts(why, CV_L(lang, "該当なし (na) と回答されましたが、"
                                       "この基準では認められません",
                                 "answered na, which this criterion does "
                                 "not allow"));
    switch (ck->facts) {
    case CV_FACTS_NONE:
        if (yes) {
            cv_strbuf_puts(why, CV_L(lang,
                                     "「はい」と回答されていますが、検証できる"
                                     "事実の記載がありません (要確認)",
                                     "answered yes, but no facts were given "
                                     "that the tool can verify (to be "
                                     "confirmed by a person)"));
            return CV_STATUS_CLAIMED;
        }
        if (partial) {
            cv_strbuf_puts(why, CV_L(lang, "「一部」と回答されています",
                                     "answered partial"));
            return CV_STATUS_PARTIAL;
        }
        if (no || na) {
            if (no)
                cv_strbuf_puts(why, CV_L(lang, "「いいえ」と回答されています",
                                         "answered no"));
            return CV_STATUS_NOT_MET;
        }
        cv_strbuf_puts(why, CV_L(lang, "回答も事実の記載もありません",
                                 "neither an answer nor facts were given"));
        return CV_STATUS_UNANSWERED;
    case CV_FACTS_MET:
        if (no) {
            cv_strbuf_puts(why, CV_L(lang,
                                     "事実は要件を満たしていますが「いいえ」と"
                                     "回答されています (要確認)",
                                     "the facts satisfy the requirement but "
                                     "the answer is no (to be reviewed)"));
            return CV_STATUS_CONTRADICTED;
        }
        return na ? CV_STATUS_NOT_MET : CV_STATUS_MET;
    case CV_FACTS_UNVERIFIED:
        if (yes) {
            cv_strbuf_puts(why, CV_L(lang,
                                     "「はい」と回答されていますが、確認できない"
                                     "事実があります (要確認)",
                                     "answered yes, but some facts could not "
                                     "be verified (to be confirmed by a "
                                     "person)"));
            return CV_STATUS_CLAIMED;
        }
        cv_strbuf_puts(why, CV_L(lang,
                                 "確認できない事実があり、要件を満たすとは"
                                 "判断できません",
                                 "some facts could not be verified, so the "
                                 "requirement is not shown to be met"));
        return CV_STATUS_NOT_MET;
    case CV_FACTS_PARTIAL:
        if (yes) {
            cv_strbuf_puts(why, CV_L(lang,
                                     "「はい」と回答されていますが、事実は一部"
                                     "しか満たしていません",
                                     "answered yes, but the facts satisfy "
                                     "the requirement only in part"));
            return CV_STATUS_CONTRADICTED;
        }
        return na ? CV_STATUS_NOT_MET : CV_STATUS_PARTIAL;
    case CV_FACTS_NOT_MET:
        if (yes) {
            cv_strbuf_puts(why, CV_L(lang,
                                     "「はい」と回答されていますが、事実がそれを"
                                     "否定しています",
                                     "answered yes, but the facts refute "
                                     "it"));
            return CV_STATUS_CONTRADICTED;
        }
        return CV_STATUS_NOT_MET;
    case CV_FACTS_CONTRADICTED:
        cv_strbuf_puts(why, CV_L(lang, "記載された事実どうしが矛盾しています",
                                 "the stated facts contradict each other"));
        return CV_STATUS_CONTRADICTED;
    }
    return CV_STATUS_UNANSWERED;
}

static double round2(double v)
{
    return floor(v * 100.0 + 0.5) / 100.0;
}

static double points_for(const struct cv_check *ck,
                         const struct cv_profile_entry *e,
                         cv_result_status s)
{
    const struct cv_profile *p = &ck->req->crit->profile;
    double frac;
    switch (s) {
    case CV_STATUS_MET:
        frac = ck->crit->has_grading ? ck->crit->grading_base + ck->bonus : 1.0;
        break;
    case CV_STATUS_PARTIAL:
        frac = p->partial_fraction;
        break;
    case CV_STATUS_CLAIMED:
        frac = p->claimed_fraction;
        break;
    default:
        frac = 0.0;
        break;
    }
    if (frac > 1.0)
        frac = 1.0;
    return round2(e->weight * frac);
}

/* Grading bonuses apply only to met facts; the reason names each, earned
 * or missed, with the points it is worth (its share of the weight): a
 * committee sees why a bid lost a point, not only that it did. */
static void grade(struct cv_check *ck)
{
    const struct cv_profile *p = &ck->req->crit->profile;
    double weight = 0.0;
    size_t i;
    for (i = 0; i < p->nentries; i++)
        if (p->entries[i].crit == ck->crit)
            weight = p->entries[i].weight;
    for (i = 0; i < ck->crit->nbonus; i++) {
        const struct cv_bonus *b = &ck->crit->bonus[i];
        double points = round2(b->add * weight);
        bool seen = false;
        bool earned =
            cv_cond_judge(ck, b->when, false, &seen) == CV_COND_HOLDS;
        if (earned)
            ck->bonus += b->add;
        cv_cond_say_bonus(ck, b->when, CV_TEXT(ck->lang, b->label), points,
                          earned);
    }
}

/* A value the criterion reads was given but could not be read (the
 * normaliser dropped it with an error, wherever it came from: a JSON
 * Pointer, an XPath or a workbook cell): the facts it has cannot show the
 * requirement met, whatever the rest says. Returns the field, or NULL;
 * *fact is the criterion's fact it touches. */
static const char *unreadable_fact(const struct cv_check *ck,
                                   const char **fact)
{
    size_t k;
    for (k = 0; k < ck->crit->nfacts; k++) {
        const char *f = cv_unread_touching(ck->req->unread,
                                           ck->crit->facts[k]);
        if (f) {
            *fact = ck->crit->facts[k];
            return f;
        }
    }
    return NULL;
}

/* Caps met (or partial) facts at "could not be verified" when a value the
 * criterion reads was unreadable: nothing unknown is ignored. */
static void cap_unreadable(struct cv_check *ck)
{
    const char *bad, *fact = NULL;
    const struct cv_unit_field *f;
    if (ck->facts != CV_FACTS_MET && ck->facts != CV_FACTS_PARTIAL)
        return;
    bad = unreadable_fact(ck, &fact);
    if (!bad)
        return;
    /* The field's own label, else that of the fact it lies under. */
    f = cv_units_field(&ck->req->crit->tables.units, bad);
    cv_check_say(ck, CV_L(ck->lang, "? %sに読めない値があり、要件を満たすとは"
                                    "確認できません (診断を参照)",
                          "? %s has a value that could not be read, so the "
                          "requirement is not shown to be met (see the "
                          "diagnostics)"),
                 cv_check_label(ck, f ? bad : fact));
    /* Only the field is known here; the diagnostic has its location. */
    cv_check_at_path(ck, bad);
    ck->facts = CV_FACTS_UNVERIFIED;
}

/* The detail line of the result: the facts' locations, then the
 * answer's when the reason speaks of it; NULL when there are none. */
static cv_status keep_detail(struct cv_check *ck, struct cv_result *r,
                             const struct cv_node *ans, bool about_answer)
{
    if (about_answer && ans)
        cv_check_at(ck, cv_node_member(ans, "response"));
    if (ck->detail_over)
        cv_strbuf_printf(&ck->detail, " … (+%zu)", ck->detail_over);
    if (cv_strbuf_status(&ck->detail) != CV_OK)
        return cv_strbuf_status(&ck->detail);
    if (ck->detail.len == 0)
        return CV_OK;
    r->detail =
        cv_arena_strndup(ck->req->arena, ck->detail.ptr, ck->detail.len);
    return r->detail ? CV_OK : CV_ENOMEM;
}

static cv_status eval_one(const struct cv_eval_req *req,
                          const struct cv_profile_entry *e,
                          struct cv_result *r)
{
    struct cv_check ck;
    struct cv_strbuf why;
    const struct cv_node *ans = find_answer(req, e->crit->id);
    const char *resp = ans ? cv_node_str(ans, "response") : NULL;
    cv_status st;

    memset(&ck, 0, sizeof(ck));
    ck.req = req;
    ck.crit = e->crit;
    ck.lang = req->diags->lang;
    cv_strbuf_init(&ck.reason, 0);
    cv_strbuf_init(&ck.detail, 0);
    cv_strbuf_init(&why, 0);
    st = run_check(&ck);
    if (st == CV_OK) {
        cap_unreadable(&ck);
        st = cv_check_links(&ck);
    }
    if (st == CV_OK && ck.facts == CV_FACTS_MET)
        grade(&ck);
    if (st != CV_OK)
        goto out;
    r->entry = e;
    r->status = combine(&ck, resp, &why);
    r->max_points = r->status == CV_STATUS_NOT_APPLICABLE ? 0.0 : e->weight;
    r->points = points_for(&ck, e, r->status);
    if (why.len && ck.reason.len)
        cv_strbuf_puts(&ck.reason, CV_L(ck.lang, "。", "; "));
    cv_strbuf_put(&ck.reason, why.ptr, why.len);
    if (ck.reason.len == 0 && r->status == CV_STATUS_MET)
        cv_strbuf_puts(&ck.reason, CV_L(ck.lang, "要件を満たしています",
                                        "the requirement is satisfied"));
    st = cv_strbuf_status(&ck.reason);
    if (st != CV_OK)
        goto out;
    st = keep_detail(&ck, r, ans, why.len > 0 && resp);
    if (st != CV_OK)
        goto out;
    r->reason = cv_arena_strndup(req->arena, ck.reason.ptr, ck.reason.len);
    r->response = copy(req->arena, resp);
    r->explanation = copy(req->arena, ans ? cv_node_str(ans, "explanation")
                                          : NULL);
    r->answer_location = ans ? copy(req->arena, ans->path) : NULL;
    r->answer_line = ans ? ans->line : 0;
    r->answer_column = ans ? ans->column : 0;
    if (!r->reason || (resp && !r->response) || (ans && !r->answer_location))
        st = CV_ENOMEM;
    if (st == CV_OK)
        st = copy_evidence(r, req->arena,
                           ans ? cv_node_member(ans, "evidence") : NULL);
    /* After the status is set, and without touching it. */
    if (st == CV_OK)
        st = cv_eval_responsibility(r, req, ans);
out:
    cv_strbuf_release(&ck.reason);
    cv_strbuf_release(&ck.detail);
    cv_strbuf_release(&why);
    return st;
}

/* Disqualified when any mandatory criterion fails; otherwise qualified,
 * on condition when some mandatory criterion is only claimed (a claim is
 * not a fact: the committee must confirm it before the award). */
static cv_status decide_verdict(struct cv_eval_out *out, struct cv_arena *a)
{
    size_t i, n = 0;
    for (i = 0; i < out->nresults; i++) {
        if (cv_result_disqualifies(&out->results[i])) {
            out->verdict = CV_VERDICT_DISQUALIFIED;
            return CV_OK;
        }
        n += cv_result_pending(&out->results[i]);
    }
    out->verdict = CV_VERDICT_QUALIFIED;
    if (n == 0)
        return CV_OK;
    out->pending = cv_arena_calloc(a, n, sizeof(*out->pending));
    if (!out->pending)
        return CV_ENOMEM;
    for (i = 0; i < out->nresults; i++)
        if (cv_result_pending(&out->results[i]))
            out->pending[out->npending++] = i;
    out->conditional = true;
    return CV_OK;
}

cv_status cv_eval_document(struct cv_eval_out *out,
                           const struct cv_eval_req *request)
{
    const struct cv_profile *p = &request->crit->profile;
    struct cv_eval_req with_registry = *request;
    const struct cv_eval_req *req = &with_registry;
    size_t i;
    cv_status st;

    memset(out, 0, sizeof(*out));
    st = check_answer_ids(req);
    if (st == CV_OK)
        st = cv_eval_registry(&out->regchecks, &out->nregchecks, req);
    if (st != CV_OK)
        return st;
    /* The checks see the registry findings (eval_cert.c). */
    with_registry.regchecks = out->regchecks;
    with_registry.nregchecks = out->nregchecks;
    out->results = cv_arena_calloc(req->arena, p->nentries,
                                   sizeof(*out->results));
    if (!out->results)
        return CV_ENOMEM;
    for (i = 0; i < p->nentries; i++) {
        struct cv_result *r = &out->results[i];
        st = eval_one(req, &p->entries[i], r);
        if (st != CV_OK)
            return st;
        out->nresults++;
    }
    return cv_eval_aggregate(out, req->arena);
}

cv_status cv_eval_aggregate(struct cv_eval_out *out, struct cv_arena *a)
{
    size_t i;
    out->score = 0.0;
    out->max_score = 0.0;
    out->needs_review = 0;
    out->conditional = false;
    out->pending = NULL;
    out->npending = 0;
    for (i = 0; i < out->nresults; i++) {
        const struct cv_result *r = &out->results[i];
        out->score += r->points;
        out->max_score += r->max_points;
        if (r->status == CV_STATUS_CLAIMED ||
            r->status == CV_STATUS_CONTRADICTED)
            out->needs_review++;
    }
    out->score = round2(out->score);
    out->max_score = round2(out->max_score);
    return decide_verdict(out, a);
}

bool cv_result_disqualifies(const struct cv_result *r)
{
    if (!r->entry->mandatory)
        return false;
    switch (r->status) {
    case CV_STATUS_NOT_MET:
    case CV_STATUS_CONTRADICTED:
    case CV_STATUS_UNANSWERED:
        return true;
    case CV_STATUS_PARTIAL:
        return !r->entry->partial_qualifies;
    case CV_STATUS_MET:
    case CV_STATUS_CLAIMED:
    case CV_STATUS_NOT_APPLICABLE:
        break;
    }
    return false;
}

bool cv_result_pending(const struct cv_result *r)
{
    return r->entry->mandatory && r->status == CV_STATUS_CLAIMED;
}

const struct cv_link *cv_eval_link(const struct cv_eval_req *req,
                                   const char *field)
{
    const struct cv_node *n = cv_node_lookup(req->doc, field);
    size_t i;
    for (i = 0; n && n->path && i < req->nlinks; i++)
        if (strcmp(req->links[i].pointer, n->path) == 0)
            return &req->links[i];
    return NULL;
}

static bool is_document_type(const struct cv_check *ck, const char *type)
{
    const struct cv_node *types = cv_check_param(ck, "link_types"), *t;
    for (t = types ? types->first : NULL; t && type; t = t->next)
        if (t->kind == CV_NODE_STRING &&
            strncasecmp(type, t->text, t->text_len) == 0)
            return true;
    return false;
}

/* A failure that says nothing about the vendor's document: the network
 * between this PC and the server (DNS, connect, TLS, timeout) or a server
 * error that may pass (5xx, 429). Such a check refutes nothing: the claim
 * stays for a person. A 4xx answer, a refused address or a page that is
 * not a document is the server's own word, and counts. */
static bool link_failure_is_ours(const struct cv_link_check *c)
{
    if (c->outcome == CV_LINK_FAILED)
        return true;
    return c->outcome == CV_LINK_HTTP_ERROR &&
           (c->http_status >= 500 || c->http_status == 429);
}

/* With --online, a link the criterion names ("link") must resolve to a
 * document: a published SLA that cannot be fetched is not published. A
 * link that was not requested (over the URL limit or the time budget) is
 * neither: the vendor's word stands as a claim for a person to check. */
cv_status cv_check_links(struct cv_check *ck)
{
    const char *field = cv_node_str(ck->crit->check_node, "link");
    const struct cv_link *l;
    cv_lang lang = ck->lang;
    const char *what;
    if (!field || !ck->req->online || !(l = cv_eval_link(ck->req, field)))
        return CV_OK;
    what = cv_check_label(ck, field);
    cv_check_at_path(ck, l->pointer);
    if (!l->checked) {
        cv_check_say(ck, CV_L(lang, "? %sは確認していません (%s)",
                              "? the %s was not checked (%s)"),
                     what, l->message);
        cv_check_worsen(ck, CV_FACTS_UNVERIFIED);
        return cv_strbuf_status(&ck->reason);
    }
    if (l->check.outcome == CV_LINK_OK &&
        is_document_type(ck, l->check.content_type)) {
        cv_check_say(ck, CV_L(lang, "✓ %sを開くと文書が返りました (HTTP %ld %s)",
                              "✓ the %s resolves to a document (HTTP %ld "
                              "%s)"),
                     what, l->check.http_status, l->check.content_type);
        return cv_strbuf_status(&ck->reason);
    }
    if (l->check.outcome == CV_LINK_OK)
        cv_check_say(ck, CV_L(lang, "✗ %sを開くと文書ではないものが返りました "
                                    "(種類 %s。要件: 公開された文書)",
                              "✗ the %s is not a document (content type "
                              "%s; required: a published document)"),
                     what, l->check.content_type ? l->check.content_type
                                                 : "-");
    else if (l->check.outcome == CV_LINK_BLOCKED)
        cv_check_say(ck, CV_L(lang, "✗ %sの取得を拒否しました (%s)",
                              "✗ the %s was refused (%s)"),
                     what, l->message);
    else if (link_failure_is_ours(&l->check)) {
        cv_check_say(ck, CV_L(lang, "? %sをこの PC から確認できませんでした (%s)",
                              "? the %s could not be checked from this PC "
                              "(%s)"),
                     what, l->message);
        cv_check_worsen(ck, CV_FACTS_UNVERIFIED);
        return cv_strbuf_status(&ck->reason);
    } else
        cv_check_say(ck, CV_L(lang, "✗ %sを開いても文書が得られません (%s。"
                                    "要件: 公開された文書)",
                              "✗ the %s does not resolve to a document (%s; "
                              "required: a published document)"),
                     what, l->message);
    cv_check_worsen(ck, CV_FACTS_NOT_MET);
    return cv_strbuf_status(&ck->reason);
}
