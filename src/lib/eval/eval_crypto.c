/* SPDX-License-Identifier: MIT */
/*
 * eval_crypto.c: the `crypto` check (5(3)①, CRYPTREC LS-0001-2022R2).
 *
 * Each algorithm string a vendor writes ("AES-256-GCM",
 * "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256") is squashed (NFKC, upper case,
 * separators removed) and split greedily by the longest token of
 * criteria/data/cryptrec.json; numbers become key lengths. Every
 * component is classified by its list, and key lengths by the strength
 * rules in force on the evaluation date. Recommended is fine; candidate
 * is only partial (it is not the 電子政府推奨暗号リスト the clause names);
 * monitored (compatibility only) and unlisted fail.
 */
#include <stdio.h>
#include <string.h>

#include "../base/overflow.h"
#include "../base/unicode.h"
#include "eval.h"

enum verdict { V_OK = 0, V_PARTIAL = 1, V_BAD = 2 };

struct parsed {
    const struct cv_crypto_alg *algs[8];
    size_t nalgs;
    int numbers[4];
    size_t nnumbers;
    int curve_bits;
    bool unknown;
};

static char *squash(struct cv_arena *a, const char *s)
{
    char *t = cv_nfkc(a, s, strlen(s)), *r, *w;
    if (!t)
        return NULL;
    for (r = w = t; *r; r++) {
        char c = *r;
        if (c == '-' || c == '_' || c == ' ' || c == '/' || c == '.' ||
            c == '(' || c == ')' || c == '#' || c == ',')
            continue;
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        *w++ = c;
    }
    *w = '\0';
    return t;
}

static void add_alg(struct parsed *p, const struct cv_crypto_alg *a)
{
    if (a && p->nalgs < 8)
        p->algs[p->nalgs++] = a;
}

static void tokenise(const struct cv_tables *t, const char *s,
                     struct parsed *p)
{
    size_t i = 0, n = strlen(s);
    while (i < n) {
        const struct cv_crypto_token *best = NULL;
        size_t best_len = 0, k;
        for (k = 0; k < t->ntokens; k++) {
            const char *m = t->tokens[k].match;
            size_t len;
            /* Most tokens differ at the first byte: checking it first
             * keeps a long string (up to max_string_bytes) cheap. */
            if (m[0] != s[i])
                continue;
            len = strlen(m);
            if (len > best_len && len <= n - i && memcmp(s + i, m, len) == 0) {
                best = &t->tokens[k];
                best_len = len;
            }
        }
        if (best) {
            if (!best->ignore) {
                add_alg(p, best->alg);
                add_alg(p, best->mode);
                if (best->curve_bits)
                    p->curve_bits = best->curve_bits;
            }
            i += best_len;
        } else if (s[i] >= '0' && s[i] <= '9') {
            int v = 0;
            while (i < n && s[i] >= '0' && s[i] <= '9') {
                if (v < 1000000)
                    v = v * 10 + (s[i] - '0');
                i++;
            }
            if (p->nnumbers < 4)
                p->numbers[p->nnumbers++] = v;
        } else {
            p->unknown = true;
            i++;
        }
    }
}

static const char *list_name(cv_lang lang, enum cv_crypto_list l)
{
    switch (l) {
    case CV_LIST_RECOMMENDED:
        return CV_L(lang, "電子政府推奨暗号リスト", "e-Government recommended");
    case CV_LIST_RECOMMENDED_PQC:
        return CV_L(lang, "電子政府推奨暗号リスト (PQC)",
                    "e-Government recommended (PQC)");
    case CV_LIST_CANDIDATE:
        return CV_L(lang, "推奨候補暗号リスト", "candidate list");
    case CV_LIST_MONITORED:
        return CV_L(lang, "運用監視暗号リスト (互換性維持のみ)",
                    "monitored list (compatibility only)");
    default:
        return CV_L(lang, "CRYPTREC リストに記載なし", "not on the CRYPTREC list");
    }
}

static int security_bits(const struct cv_tables *t,
                         const struct cv_crypto_alg *a, int size)
{
    size_t i, k;
    if (a->security_bits)
        return a->security_bits;
    if (!a->family || strcmp(a->family, "symmetric") == 0)
        return size;
    for (i = 0; i < t->nfamilies; i++) {
        const struct cv_strength_family *f = &t->families[i];
        int bits = 0;
        if (strcmp(f->name, a->family) != 0)
            continue;
        for (k = 0; k < f->npairs; k++)
            if (size >= f->pairs[k].size)
                bits = f->pairs[k].bits;
        return bits;
    }
    return -1; /* no strength rule for this family */
}

static int min_bits(const struct cv_check *ck)
{
    const struct cv_tables *t = &ck->req->crit->tables;
    int bits = 0;
    size_t i;
    for (i = 0; i < t->nmin_bits; i++)
        if (ck->req->as_of >= t->min_bits[i].from_day)
            bits = t->min_bits[i].bits;
    return bits;
}

static bool is_strength_family(const struct cv_crypto_alg *a)
{
    return a->family && (strcmp(a->family, "symmetric") == 0 ||
                         strcmp(a->family, "rsa") == 0 ||
                         strcmp(a->family, "dh") == 0 ||
                         strcmp(a->family, "ecc") == 0);
}

/* Judges one stated algorithm; `bits` is a key length given beside it. */
static enum verdict judge(struct cv_check *ck, const char *label,
                          const char *text, int bits, bool in_suite)
{
    const struct cv_tables *t = &ck->req->crit->tables;
    cv_lang lang = ck->lang;
    struct parsed p;
    char *sq = squash(ck->req->arena, text);
    enum verdict v = V_OK;
    bool has_kex = false;
    size_t i;

    memset(&p, 0, sizeof(p));
    if (sq)
        tokenise(t, sq, &p);
    if (p.nalgs == 0) {
        cv_check_say(ck, CV_L(lang, "✗ %s '%s': CRYPTREC の暗号として識別"
                                    "できません",
                              "✗ %s '%s': not identified as a CRYPTREC "
                              "algorithm"),
                     label, text);
        return V_BAD;
    }
    for (i = 0; i < p.nalgs; i++)
        if (strcmp(p.algs[i]->name, "ECDH") == 0 ||
            strcmp(p.algs[i]->name, "DH") == 0)
            has_kex = true;
    for (i = 0; i < p.nalgs; i++) {
        const struct cv_crypto_alg *a = p.algs[i];
        enum verdict av = V_OK;
        /* In a TLS suite without (EC)DHE, RSA is key transport with
         * RSAES-PKCS1-v1_5, which is on the monitored list only. */
        if (in_suite && !has_kex && strcmp(a->name, "RSA") == 0) {
            const struct cv_crypto_alg *kt =
                cv_tables_alg(t, "RSAES-PKCS1-v1_5");
            if (kt)
                a = kt;
        }
        if (a->list == CV_LIST_CANDIDATE)
            av = V_PARTIAL;
        else if (a->list == CV_LIST_MONITORED || a->list == CV_LIST_UNLISTED)
            av = V_BAD;
        if (av != V_OK)
            cv_check_say(ck, "%s %s '%s': %s — %s", av == V_BAD ? "✗" : "△",
                         label, text, a->name, list_name(lang, a->list));
        if (av == V_OK && is_strength_family(a)) {
            int size = p.curve_bits ? p.curve_bits
                       : bits       ? bits
                       : p.nnumbers ? p.numbers[0]
                                    : 0;
            int sec = size ? security_bits(t, a, size) : 0;
            if (size && a->nkey_bits) {
                bool allowed = false;
                for (size_t k = 0; k < a->nkey_bits; k++)
                    allowed |= a->key_bits[k] == size;
                if (!allowed && strcmp(a->family, "symmetric") == 0) {
                    cv_check_say(ck,
                                 CV_L(lang, "✗ %s '%s': %s に %d ビット鍵は"
                                            "ありません",
                                      "✗ %s '%s': %s has no %d-bit key"),
                                 label, text, a->name, size);
                    av = V_BAD;
                }
            }
            if (av == V_OK && sec > 0 && sec < min_bits(ck)) {
                cv_check_say(ck,
                             CV_L(lang,
                                  "✗ %s '%s': %s %d ビットの安全性は %d ビット"
                                  "で、評価日に必要な %d ビットに足りません",
                                  "✗ %s '%s': %s with %d bits gives %d-bit "
                                  "security, below the %d bits required on "
                                  "the evaluation date"),
                             label, text, a->name, size, sec, min_bits(ck));
                av = V_BAD;
            }
        }
        if (av > v)
            v = av;
    }
    return v;
}

static enum verdict judge_tls_version(struct cv_check *ck, const char *label,
                                      const char *text)
{
    const struct cv_tables *t = &ck->req->crit->tables;
    char *key = cv_fold_key(ck->req->arena, text, strlen(text));
    const char *k = key;
    size_t i;
    if (!key)
        return V_BAD;
    if (strncmp(k, "tls", 3) == 0)
        k += 3;
    if (*k == 'v')
        k++;
    for (i = 0; i < t->ntls; i++) {
        const char *tk = t->tls[i].key;
        if (strncmp(tk, "tls", 3) == 0)
            tk += 3;
        if (*tk == 'v')
            tk++;
        if (strcmp(tk, k) == 0) {
            if (t->tls[i].accepted)
                return V_OK;
            cv_check_say(ck, CV_L(ck->lang, "✗ %s '%s': 使用できない"
                                               "プロトコル版です",
                                  "✗ %s '%s': protocol version not "
                                  "acceptable"),
                         label, text);
            return V_BAD;
        }
    }
    cv_check_say(ck, CV_L(ck->lang, "✗ %s '%s': 未知のプロトコル版です",
                          "✗ %s '%s': unknown protocol version"),
                 label, text);
    return V_BAD;
}

static void tally(size_t *counts, enum verdict v)
{
    counts[v]++;
}

cv_status cv_check_crypto(struct cv_check *ck)
{
    const struct cv_node *doc = ck->req->doc;
    const struct cv_node *rest = cv_node_lookup(doc, "encryption.at_rest");
    const struct cv_node *transit = cv_node_lookup(doc, "encryption.in_transit");
    const struct cv_node *hashes = cv_node_lookup(doc, "encryption.hashes");
    const struct cv_node *sigs = cv_node_lookup(doc, "encryption.signatures");
    const struct cv_node *e, *v;
    size_t counts[3] = { 0, 0, 0 }, i = 0, checked;
    char label[64];
    double kb;

    if (!rest && !transit && !hashes && !sigs)
        return CV_OK;
    for (e = rest ? rest->first : NULL; e; e = e->next, i++) {
        const char *alg = cv_node_str(e, "algorithm");
        const char *mode = cv_node_str(e, "mode");
        int bits = cv_node_num(e, "key_bits", &kb) ? cv_double_to_int(kb) : 0;
        snprintf(label, sizeof(label), "at_rest[%zu]", i);
        if (alg)
            tally(counts, judge(ck, label, alg, bits, false));
        if (mode)
            tally(counts, judge(ck, label, mode, 0, false));
    }
    for (e = transit ? transit->first : NULL, i = 0; e; e = e->next, i++) {
        const struct cv_node *vers = cv_node_member(e, "versions");
        const struct cv_node *suites = cv_node_member(e, "cipher_suites");
        size_t j = 0;
        for (v = vers ? vers->first : NULL; v; v = v->next, j++) {
            snprintf(label, sizeof(label), "in_transit[%zu].versions[%zu]", i,
                     j);
            if (v->kind == CV_NODE_STRING)
                tally(counts, judge_tls_version(ck, label, v->text));
        }
        for (v = suites ? suites->first : NULL, j = 0; v; v = v->next, j++) {
            snprintf(label, sizeof(label),
                     "in_transit[%zu].cipher_suites[%zu]", i, j);
            if (v->kind == CV_NODE_STRING)
                tally(counts, judge(ck, label, v->text, 0, true));
        }
    }
    for (v = hashes ? hashes->first : NULL, i = 0; v; v = v->next, i++) {
        snprintf(label, sizeof(label), "hashes[%zu]", i);
        if (v->kind == CV_NODE_STRING)
            tally(counts, judge(ck, label, v->text, 0, false));
    }
    for (e = sigs ? sigs->first : NULL, i = 0; e; e = e->next, i++) {
        const char *alg = cv_node_str(e, "algorithm");
        const char *curve = cv_node_str(e, "curve");
        int bits = cv_node_num(e, "key_bits", &kb) ? cv_double_to_int(kb) : 0;
        snprintf(label, sizeof(label), "signatures[%zu]", i);
        if (alg && curve) {
            char both[256];
            snprintf(both, sizeof(both), "%s %s", alg, curve);
            tally(counts, judge(ck, label, both, bits, false));
        } else if (alg) {
            tally(counts, judge(ck, label, alg, bits, false));
        }
    }
    checked = counts[V_OK] + counts[V_PARTIAL] + counts[V_BAD];
    cv_check_say(ck, CV_L(ck->lang, "%zu 項目を %s で判定 (適合 %zu)",
                          "%zu items classified against %s (%zu fine)"),
                 checked, ck->req->crit->tables.crypto_edition, counts[V_OK]);
    if (counts[V_BAD])
        ck->facts = CV_FACTS_NOT_MET;
    else if (counts[V_PARTIAL])
        ck->facts = CV_FACTS_PARTIAL;
    else
        ck->facts = CV_FACTS_MET;
    if (ck->facts == CV_FACTS_MET &&
        (!rest || rest->count == 0 || !transit || transit->count == 0)) {
        cv_check_say(ck, CV_L(ck->lang,
                              "保存時と通信時の両方の暗号化の記載が必要です",
                              "both encryption at rest and in transit must "
                              "be stated"));
        ck->facts = CV_FACTS_PARTIAL;
    }
    return cv_strbuf_status(&ck->reason);
}
