/* SPDX-License-Identifier: MIT */
/*
 * eval_crypto.c: the `crypto` check (5(3)①, CRYPTREC LS-0001-2022R2).
 *
 * 5(3)① asks for encryption with the 電子政府推奨暗号リスト, "according
 * to the flow": data that is stored and data that is sent. So every flow
 * the criterion reads (its `facts`: encryption.at_rest, .in_transit, and
 * the hashes and signatures lists) is judged, and a flow the criterion
 * names but the submission leaves empty keeps the result from being met.
 *
 * Each string a vendor writes ("AES-256-GCM", "TLS_ECDHE_RSA_WITH_AES_
 * 128_GCM_SHA256") is squashed (NFKC, upper case, separators removed) and
 * split greedily by the longest token of criteria/data/cryptrec.json into
 * the techniques it names; a number sizes the technique before it (or the
 * next one). Every technique is classified by its list: only the
 * recommended lists (表1, 表2) pass; the candidate list, the monitored
 * list and anything unlisted fail, as the clause names the recommended
 * list. Key lengths are judged by the strength rules in force on the
 * evaluation date, and a strength that is allowed only for a while is
 * said so. Anything no token matches, a key length that is needed but not
 * given, or a technique stated without its partner (a mode without a
 * cipher) is not guessed at: it is a diagnostic at the item's location and
 * the result is unverified (claimed when answered yes, else not met).
 */
#include <stdio.h>
#include <string.h>

#include "../base/date.h"
#include "../base/overflow.h"
#include "../base/unicode.h"
#include "eval.h"

/* How one stated item fares; the worst of its techniques. */
enum verdict { V_OK = 0, V_REVIEW = 1, V_BAD = 2 };

/* What kind of item is judged: it decides what it must contain. */
enum item_kind { K_AT_REST, K_SUITE, K_HASH, K_SIGNATURE };

#define MAX_COMPS 12
#define MAX_FRAGMENT 48

struct comp {
    const struct cv_crypto_alg *alg;
    int size; /* key length in bits; 0 when not stated */
};

/* One stated item split into the techniques it names. */
struct item {
    struct comp comps[MAX_COMPS];
    size_t ncomps;
    int curve_bits;
    int total_bits; /* a length given for a multi-key mode's whole key */
    int pending;    /* a number read before anything it could size */
    bool pending_lost; /* a second such number: nothing to give it to */
    char unknown[MAX_FRAGMENT]; /* the first text no token matched */
    /* the whole-key reading was applied: cipher and its key length */
    const struct cv_crypto_alg *halved;
    int halved_bits;
};

/* The check's state across items. */
struct run {
    struct cv_check *ck;
    size_t counts[3];
    bool suite_sizes_unstated;
    /* the first technique whose strength is allowed only for a while */
    char transition[96];
    cv_day transition_until;
};

static const struct cv_tables *tables(const struct run *r)
{
    return &r->ck->req->crit->tables;
}

static char *squash(struct cv_arena *a, const char *s)
{
    char *t = cv_nfkc(a, s, strlen(s)), *r, *w;
    if (!t)
        return NULL;
    for (r = w = t; *r; r++) {
        char c = *r;
        if (strchr("-_ /.()#,+:;&", c))
            continue;
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        *w++ = c;
    }
    *w = '\0';
    return t;
}

static bool has_strength(const struct cv_crypto_alg *a)
{
    return a->family && (strcmp(a->family, "symmetric") == 0 ||
                         strcmp(a->family, "rsa") == 0 ||
                         strcmp(a->family, "dh") == 0 ||
                         strcmp(a->family, "ecc") == 0);
}

static bool is_symmetric(const struct cv_crypto_alg *a)
{
    return a->family && strcmp(a->family, "symmetric") == 0;
}

static bool category_is(const struct cv_crypto_alg *a, const char *cat)
{
    return a->category && strcmp(a->category, cat) == 0;
}

/* A cipher that carries the data: block, stream or authenticated. */
static bool cipher_category(const char *cat)
{
    return cat && (strncmp(cat, "block_cipher", 12) == 0 ||
                   strcmp(cat, "stream_cipher") == 0 ||
                   strcmp(cat, "aead") == 0);
}

static bool is_cipher(const struct cv_crypto_alg *a)
{
    return cipher_category(a->category);
}

static bool item_has(const struct item *it, bool (*pred)(const struct cv_crypto_alg *))
{
    size_t i;
    for (i = 0; i < it->ncomps; i++)
        if (pred(it->comps[i].alg))
            return true;
    return false;
}

static bool is_hash(const struct cv_crypto_alg *a)
{
    return category_is(a, "hash") || category_is(a, "mac");
}

static bool is_key_agreement(const struct cv_crypto_alg *a)
{
    return category_is(a, "key_agreement");
}

static bool is_rsa(const struct cv_crypto_alg *a)
{
    return a->family && strcmp(a->family, "rsa") == 0;
}

static bool is_signature(const struct cv_crypto_alg *a)
{
    return category_is(a, "signature");
}

/* Authenticated by itself: no MAC needs to be named beside it. */
static bool is_authenticated(const struct cv_crypto_alg *a)
{
    return category_is(a, "aead") || category_is(a, "mode_aead");
}

static bool is_listed(const struct cv_crypto_alg *a)
{
    return a->list == CV_LIST_RECOMMENDED || a->list == CV_LIST_RECOMMENDED_PQC;
}

static bool size_allowed(const struct cv_crypto_alg *a, int size)
{
    size_t k;
    if (a->nkey_bits == 0)
        return true;
    for (k = 0; k < a->nkey_bits; k++)
        if (a->key_bits[k] == size)
            return true;
    return false;
}

static void add_comp(struct item *it, const struct cv_crypto_alg *a)
{
    if (!a)
        return;
    if (it->ncomps == MAX_COMPS) {
        /* More techniques than any real name holds: a person reads it. */
        if (!it->unknown[0])
            snprintf(it->unknown, sizeof(it->unknown), "…");
        return;
    }
    it->comps[it->ncomps].alg = a;
    it->comps[it->ncomps].size = 0;
    if (it->pending && has_strength(a)) {
        it->comps[it->ncomps].size = it->pending;
        it->pending = 0;
    }
    it->ncomps++;
}

/* A number sizes the multi-key mode just before it (its whole key), or
 * the latest technique still without a size, or the next one. */
static void add_number(struct item *it, int n)
{
    size_t i;
    if (it->ncomps && it->comps[it->ncomps - 1].alg->key_parts > 1) {
        if (!it->total_bits)
            it->total_bits = n;
        return;
    }
    for (i = it->ncomps; i-- > 0;)
        if (has_strength(it->comps[i].alg) && it->comps[i].size == 0) {
            it->comps[i].size = n;
            return;
        }
    if (it->pending)
        it->pending_lost = true;
    else
        it->pending = n;
}

static void note_unknown(struct item *it, const char *s, size_t len)
{
    size_t n = strlen(it->unknown);
    /* Whole UTF-8 sequences only, so the fragment stays valid text. */
    while (len && n + cv_utf8_sequence((const unsigned char *)s, len) <
                      sizeof(it->unknown)) {
        size_t k = cv_utf8_sequence((const unsigned char *)s, len);
        if (k == 0)
            k = 1;
        memcpy(it->unknown + n, s, k);
        n += k;
        s += k;
        len -= k;
    }
    it->unknown[n] = '\0';
}

static const struct cv_crypto_token *longest_token(const struct cv_tables *t,
                                                   const char *s, size_t n)
{
    const struct cv_crypto_token *best = NULL;
    size_t best_len = 0, k;
    for (k = 0; k < t->ntokens; k++) {
        const char *m = t->tokens[k].match;
        size_t len;
        /* Most tokens differ at the first byte: checking it first keeps a
         * long string (up to max_string_bytes) cheap. */
        if (m[0] != s[0])
            continue;
        len = strlen(m);
        if (len > best_len && len <= n && memcmp(s, m, len) == 0) {
            best = &t->tokens[k];
            best_len = len;
        }
    }
    return best;
}

static void tokenise(const struct cv_tables *t, const char *s,
                     struct item *it)
{
    size_t i = 0, n = strlen(s), run_start = 0;
    bool in_unknown = false, recorded = false;
    while (i < n) {
        const struct cv_crypto_token *tk = longest_token(t, s + i, n - i);
        if (tk || (s[i] >= '0' && s[i] <= '9')) {
            if (in_unknown && !recorded) {
                note_unknown(it, s + run_start, i - run_start);
                recorded = true;
            }
            in_unknown = false;
        }
        if (tk) {
            if (!tk->ignore) {
                add_comp(it, tk->alg);
                add_comp(it, tk->mode);
                if (tk->curve_bits)
                    it->curve_bits = tk->curve_bits;
            }
            i += strlen(tk->match);
        } else if (s[i] >= '0' && s[i] <= '9') {
            int v = 0;
            while (i < n && s[i] >= '0' && s[i] <= '9') {
                if (v < 1000000)
                    v = v * 10 + (s[i] - '0');
                i++;
            }
            add_number(it, v);
        } else {
            if (!in_unknown)
                run_start = i;
            in_unknown = true;
            i++;
        }
    }
    if (in_unknown && !recorded)
        note_unknown(it, s + run_start, n - run_start);
}

static void share_sizes(struct item *it)
{
    size_t i, j;
    for (i = 0; i < it->ncomps; i++) {
        struct comp *c = &it->comps[i];
        if (!has_strength(c->alg) || c->size)
            continue;
        if (c->alg->family && strcmp(c->alg->family, "ecc") == 0 &&
            it->curve_bits) {
            c->size = it->curve_bits;
            continue;
        }
        /* "RSA 2048 PSS": one key length for the one key. */
        for (j = 0; j < it->ncomps && !c->size; j++)
            if (j != i && it->comps[j].size && it->comps[j].alg->family &&
                strcmp(it->comps[j].alg->family, c->alg->family) == 0)
                c->size = it->comps[j].size;
    }
}

static int key_parts(const struct item *it)
{
    size_t i;
    for (i = 0; i < it->ncomps; i++)
        if (it->comps[i].alg->key_parts > 1)
            return it->comps[i].alg->key_parts;
    return 1;
}

/* A key length given for a multi-key mode's whole key (XTS: two keys):
 * the conservative reading is the smaller cipher key when that is a key
 * length of the cipher (AES-XTS 256 = two AES-128 keys). */
static void apply_total(struct item *it)
{
    int parts = key_parts(it);
    size_t i;
    if (!it->total_bits || parts < 2)
        return;
    for (i = 0; i < it->ncomps; i++) {
        struct comp *c = &it->comps[i];
        int part = it->total_bits / parts;
        if (!is_symmetric(c->alg) || c->size)
            continue;
        if (it->total_bits % parts == 0 && size_allowed(c->alg, part) &&
            c->alg->nkey_bits) {
            c->size = part;
            it->halved = c->alg;
            it->halved_bits = part;
        } else {
            c->size = it->total_bits;
        }
    }
}

/* The key length of the item's key_bits member, when it has one. */
static void apply_field_bits(struct item *it, int bits)
{
    size_t i;
    if (bits <= 0)
        return;
    if (key_parts(it) > 1) {
        if (!it->total_bits)
            it->total_bits = bits;
        return;
    }
    for (i = 0; i < it->ncomps; i++)
        if (has_strength(it->comps[i].alg) && it->comps[i].size == 0) {
            it->comps[i].size = bits;
            return;
        }
    /* Written twice, differently ("AES-128", key_bits 256): the lower. */
    for (i = 0; i < it->ncomps; i++)
        if (has_strength(it->comps[i].alg) && it->comps[i].size > bits)
            it->comps[i].size = bits;
}

static void parse_item(const struct run *r, const char *text, int bits,
                       struct item *it)
{
    char *sq = squash(r->ck->req->arena, text);
    memset(it, 0, sizeof(*it));
    if (!sq)
        return;
    tokenise(tables(r), sq, it);
    apply_field_bits(it, bits);
    if (it->pending) {
        /* "256 GCM", nothing after the number to give it to */
        if (key_parts(it) > 1 && !it->total_bits)
            it->total_bits = it->pending;
        else
            it->pending_lost = true;
        it->pending = 0;
    }
    apply_total(it);
    share_sizes(it);
}

/* Why a technique of list `l` fails, as the end of a sentence about it. */
static const char *list_name(cv_lang lang, enum cv_crypto_list l)
{
    switch (l) {
    case CV_LIST_RECOMMENDED:
        return CV_L(lang, "電子政府推奨暗号リストにあります",
                    "on the e-Government recommended list");
    case CV_LIST_RECOMMENDED_PQC:
        return CV_L(lang, "電子政府推奨暗号リスト (PQC) にあります",
                    "on the e-Government recommended list (PQC)");
    case CV_LIST_CANDIDATE:
        return CV_L(lang,
                    "推奨候補暗号リストにのみあり、電子政府推奨暗号リストに"
                    "ありません",
                    "only on the candidate list, not the e-Government "
                    "recommended list");
    case CV_LIST_MONITORED:
        return CV_L(lang,
                    "運用監視暗号リストにのみあり (互換性維持に限る)、電子政府"
                    "推奨暗号リストにありません",
                    "only on the monitored list (compatibility only), not the "
                    "e-Government recommended list");
    case CV_LIST_UNLISTED:
        break;
    }
    return CV_L(lang, "CRYPTREC 暗号リストにありません",
                "not on the CRYPTREC list");
}

static int security_bits(const struct cv_tables *t,
                         const struct cv_crypto_alg *a, int size)
{
    size_t i, k;
    if (a->security_bits)
        return a->security_bits;
    if (is_symmetric(a))
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

static int min_bits(const struct run *r)
{
    const struct cv_tables *t = tables(r);
    int bits = 0;
    size_t i;
    for (i = 0; i < t->nmin_bits; i++)
        if (r->ck->req->as_of >= t->min_bits[i].from_day)
            bits = t->min_bits[i].bits;
    return bits;
}

/* The first day after the evaluation date from which `sec` bits are no
 * longer enough, or 0 when no later rule asks for more. */
static cv_day insufficient_from(const struct run *r, int sec)
{
    const struct cv_tables *t = tables(r);
    size_t i;
    for (i = 0; i < t->nmin_bits; i++)
        if (t->min_bits[i].from_day > r->ck->req->as_of &&
            t->min_bits[i].bits > sec)
            return t->min_bits[i].from_day;
    return 0;
}

/* Says why an item needs a person, in the reason and as a diagnostic at
 * the item's location. */
static cv_status review(struct run *r, const struct cv_node *at,
                        const char *label, const char *text,
                        const char *why)
{
    struct cv_check *ck = r->ck;
    struct cv_diags *d = ck->req->diags;
    struct cv_loc loc = { ck->req->source, at ? at->path : "",
                          at ? at->line : 0, at ? at->column : 0 };
    size_t i;
    cv_check_at(ck, at);
    cv_check_say(ck, CV_L(ck->lang, "? %s「%s」: %s (要確認)",
                          "? %s '%s': %s (to be confirmed)"),
                 label, text, why);
    /* Several criteria may read the same item: one diagnostic is enough. */
    for (i = 0; i < d->count; i++)
        if (d->items[i].path && strcmp(d->items[i].path, loc.path) == 0 &&
            strstr(d->items[i].message, why))
            return CV_OK;
    return cv_diags_add(d, CV_SEV_WARNING, CV_EINVALID, &loc,
                        CV_L(ck->lang, "暗号の記載 '%s' を判定できません: %s",
                             "cannot classify the encryption entry '%s': %s"),
                        text, why);
}

static void note_transition(struct run *r, const struct comp *c, int sec)
{
    cv_day until = insufficient_from(r, sec);
    if (!until || r->transition[0])
        return;
    snprintf(r->transition, sizeof(r->transition), "%s %d", c->alg->name,
             c->size);
    r->transition_until = until;
}

/* The key length of one technique against the strength rules. */
static enum verdict judge_strength(struct run *r, const struct cv_node *at,
                                   const char *label, const char *text,
                                   const struct comp *c, enum item_kind kind,
                                   cv_status *st)
{
    struct cv_check *ck = r->ck;
    cv_lang lang = ck->lang;
    const struct cv_crypto_alg *a = c->alg;
    struct comp sized = *c;
    int sec, need = min_bits(r);
    char why[160];

    if (!sized.size && a->nkey_bits) {
        size_t k;
        /* not stated: the weakest key length the technique has */
        sized.size = a->key_bits[0];
        for (k = 1; k < a->nkey_bits; k++)
            if (a->key_bits[k] < sized.size)
                sized.size = a->key_bits[k];
    }
    if (!sized.size) {
        if (kind == K_SUITE) {
            /* A suite name never carries the key-exchange group or the
             * certificate key: those are judged where they are stated. */
            r->suite_sizes_unstated = true;
            return V_OK;
        }
        snprintf(why, sizeof(why),
                 CV_L(lang, "%s の鍵長が記載されていません",
                      "no key length is given for %s"),
                 a->name);
        *st = review(r, at, label, text, why);
        return V_REVIEW;
    }
    if (!size_allowed(a, sized.size)) {
        cv_check_at(ck, at);
        cv_check_say(ck, CV_L(lang, "✗ %s「%s」: %s に %d ビットの鍵はありません",
                              "✗ %s '%s': %s has no %d-bit key"),
                     label, text, a->name, sized.size);
        return V_BAD;
    }
    sec = security_bits(tables(r), a, sized.size);
    if (sec < 0) {
        snprintf(why, sizeof(why),
                 CV_L(lang, "%s の強度の基準がありません",
                      "no strength rule for %s"),
                 a->name);
        *st = review(r, at, label, text, why);
        return V_REVIEW;
    }
    if (sec < need) {
        cv_check_at(ck, at);
        cv_check_say(ck,
                     CV_L(lang,
                          "✗ %s「%s」: %s %d ビットの安全性は %d ビットで、評価日"
                          "に必要な %d ビットに足りません",
                          "✗ %s '%s': %s with %d bits gives %d-bit security, "
                          "below the %d bits required on the evaluation date"),
                     label, text, a->name, sized.size, sec, need);
        return V_BAD;
    }
    note_transition(r, &sized, sec);
    return V_OK;
}

/* A technique that must be stated with another (a mode with a block
 * cipher, HMAC with a hash): with the wrong partner it fails; with none,
 * a person reads it. */
static enum verdict judge_partner(struct run *r, const struct cv_node *at,
                                  const char *label, const char *text,
                                  const struct item *it, const struct comp *c,
                                  cv_status *st)
{
    cv_lang lang = r->ck->lang;
    size_t i, k;
    char why[160];
    if (c->alg->nneeds == 0)
        return V_OK;
    for (i = 0; i < it->ncomps; i++)
        for (k = 0; k < c->alg->nneeds; k++)
            if (&it->comps[i] != c &&
                category_is(it->comps[i].alg, c->alg->needs[k]))
                return V_OK;
    /* A mode beside a cipher it cannot take (XTS with 3DES) fails. */
    for (i = 0; cipher_category(c->alg->needs[0]) && i < it->ncomps; i++)
        if (is_cipher(it->comps[i].alg) && &it->comps[i] != c) {
            cv_check_at(r->ck, at);
            cv_check_say(r->ck,
                         CV_L(lang, "✗ %s「%s」: %s は %s と組み合わせられません"
                                    " (使えるもの: %s)",
                              "✗ %s '%s': %s cannot be used with %s (it "
                              "needs: %s)"),
                         label, text, c->alg->name, it->comps[i].alg->name,
                         c->alg->needs[0]);
            return V_BAD;
        }
    snprintf(why, sizeof(why),
             CV_L(lang, "%s と組み合わせる暗号 (%s) が記載されていません",
                  "%s is stated without the technique it needs (%s)"),
             c->alg->name, c->alg->needs[0]);
    *st = review(r, at, label, text, why);
    return V_REVIEW;
}

static enum verdict judge_comp(struct run *r, const struct cv_node *at,
                               const char *label, const char *text,
                               const struct item *it, const struct comp *c,
                               enum item_kind kind, cv_status *st)
{
    enum verdict v;
    if (!is_listed(c->alg)) {
        cv_check_at(r->ck, at);
        cv_check_say(r->ck, CV_L(r->ck->lang, "✗ %s「%s」の %s は%s%s",
                                 "✗ %s '%s': %s is%s%s"),
                     label, text, c->alg->name,
                     c->alg->list == CV_LIST_UNLISTED ||
                             r->ck->lang == CV_LANG_EN
                         ? " "
                         : "",
                     list_name(r->ck->lang, c->alg->list));
        return V_BAD;
    }
    v = judge_partner(r, at, label, text, it, c, st);
    if (v != V_OK || *st != CV_OK)
        return v;
    if (has_strength(c->alg))
        return judge_strength(r, at, label, text, c, kind, st);
    return V_OK;
}

static bool squashed_prefix(const struct run *r, const char *sq,
                            const char *word)
{
    char *w = squash(r->ck->req->arena, word);
    return w && *w && strncmp(sq, w, strlen(w)) == 0;
}

/* Suite grammar: RSA without (EC)DH key agreement is RSA key transport;
 * an OpenSSL-style name without any key exchange is RSA key transport
 * too; a TLS 1.3 name (prefix, no separator) names no key exchange. */
static void read_suite_roles(const struct run *r, const char *text,
                             struct item *it, bool *complete)
{
    const struct cv_tls_suites *ts = &tables(r)->tls_suites;
    char *sq = squash(r->ck->req->arena, text);
    bool iana = false, kex = item_has(it, is_key_agreement);
    size_t i;
    *complete = true;
    for (i = 0; sq && i < ts->nprefixes; i++)
        iana |= squashed_prefix(r, sq, ts->prefixes[i]);
    if (kex)
        return;
    if (item_has(it, is_rsa)) {
        for (i = 0; i < it->ncomps; i++)
            if (is_rsa(it->comps[i].alg))
                it->comps[i].alg = ts->rsa_key_transport;
        return;
    }
    if (iana)
        return;
    if (item_has(it, is_hash))
        add_comp(it, ts->implicit_key_exchange);
    else
        *complete = false;
}

/* What an item must hold to be judged at all; NULL when it holds it. */
static const char *missing_part(const struct item *it, enum item_kind kind,
                                bool suite_complete, cv_lang lang)
{
    switch (kind) {
    case K_AT_REST:
        if (!item_has(it, is_cipher))
            return CV_L(lang, "暗号方式 (ブロック暗号など) が記載されていません",
                        "no cipher is named");
        break;
    case K_SUITE:
        if (!suite_complete)
            return CV_L(lang, "鍵交換が記載されていません (暗号スイート名では"
                              "ありません)",
                        "no key exchange is named (not a cipher suite name)");
        if (!item_has(it, is_cipher))
            return CV_L(lang, "暗号方式が記載されていません",
                        "no cipher is named");
        if (!item_has(it, is_hash) && !item_has(it, is_authenticated))
            return CV_L(lang, "MAC・ハッシュ関数が記載されていません",
                        "no MAC or hash is named");
        break;
    case K_HASH:
        if (!item_has(it, is_hash))
            return CV_L(lang, "ハッシュ関数が記載されていません",
                        "no hash function is named");
        break;
    case K_SIGNATURE:
        if (!item_has(it, is_signature))
            return CV_L(lang, "署名方式が記載されていません",
                        "no signature scheme is named");
        break;
    }
    return NULL;
}

/* Judges one stated item; `bits` is a key length given beside it. */
static cv_status judge(struct run *r, const struct cv_node *at,
                       const char *label, const char *text, int bits,
                       enum item_kind kind)
{
    cv_lang lang = r->ck->lang;
    struct item it;
    enum verdict v = V_OK;
    bool suite_complete = true;
    const char *missing;
    cv_status st = CV_OK;
    size_t i;

    parse_item(r, text, bits, &it);
    if (kind == K_SUITE)
        read_suite_roles(r, text, &it, &suite_complete);
    if (it.ncomps == 0) {
        st = review(r, at, label, text,
                    CV_L(lang, "CRYPTREC 暗号リストの技術として識別できません",
                         "not recognised as a technique of the CRYPTREC "
                         "list"));
        r->counts[V_REVIEW]++;
        return st;
    }
    for (i = 0; i < it.ncomps && st == CV_OK; i++) {
        enum verdict cv = judge_comp(r, at, label, text, &it, &it.comps[i],
                                     kind, &st);
        if (cv > v)
            v = cv;
    }
    if (st == CV_OK && v != V_BAD &&
        (missing = missing_part(&it, kind, suite_complete, lang)) != NULL) {
        st = review(r, at, label, text, missing);
        v = V_REVIEW;
    }
    if (st == CV_OK && v != V_BAD && (it.unknown[0] || it.pending_lost)) {
        char why[160];
        snprintf(why, sizeof(why),
                 CV_L(lang, "'%s' を識別できません",
                      "'%s' is not recognised"),
                 it.unknown[0] ? it.unknown
                               : CV_L(lang, "数値", "a number"));
        st = review(r, at, label, text, why);
        v = V_REVIEW;
    }
    if (st == CV_OK && v == V_OK && it.halved) {
        cv_check_at(r->ck, at);
        cv_check_say(r->ck,
                     CV_L(lang, "%s「%s」: 鍵長 %d ビットは XTS の鍵全体として、"
                                "%s %d ビット鍵 2 本 (%s-%d 相当) と読みます "
                                "(安全側の読み方)",
                          "%s '%s': the %d-bit key is read as the whole XTS "
                          "key, two %s keys of %d bits (%s-%d strength; the "
                          "conservative reading)"),
                     label, text, it.total_bits, it.halved->name,
                     it.halved_bits, it.halved->name, it.halved_bits);
    }
    r->counts[v]++;
    return st;
}

static const char *strip_tls(const char *k)
{
    if (strncmp(k, "tls", 3) == 0)
        k += 3;
    if (*k == 'v')
        k++;
    return k;
}

static bool version_matches(const struct cv_tls_version *v, const char *part)
{
    size_t i;
    if (strcmp(strip_tls(v->key), strip_tls(part)) == 0)
        return true;
    for (i = 0; i < v->naliases; i++)
        if (strcmp(strip_tls(v->aliases[i]), strip_tls(part)) == 0 ||
            strcmp(v->aliases[i], part) == 0)
            return true;
    return false;
}

static cv_status judge_version_part(struct run *r, const struct cv_node *at,
                                    const char *label, const char *text,
                                    const char *part, bool alone)
{
    const struct cv_tables *t = tables(r);
    size_t i;
    for (i = 0; i < t->ntls; i++) {
        if (!version_matches(&t->tls[i], part))
            continue;
        if (t->tls[i].accepted) {
            r->counts[V_OK]++;
            return CV_OK;
        }
        cv_check_at(r->ck, at);
        if (alone)
            cv_check_say(r->ck, CV_L(r->ck->lang,
                                     "✗ %s「%s」は使用できない版です",
                                     "✗ %s '%s' is not an acceptable "
                                     "version"),
                         label, text);
        else
            cv_check_say(r->ck, CV_L(r->ck->lang,
                                     "✗ %s「%s」のうち %s は使用できない版です",
                                     "✗ %s '%s': %s is not an acceptable "
                                     "version"),
                         label, text, t->tls[i].version);
        r->counts[V_BAD]++;
        return CV_OK;
    }
    r->counts[V_REVIEW]++;
    return review(r, at, label, text,
                  CV_L(r->ck->lang, "未知のプロトコル版です",
                       "unknown protocol version"));
}

/* "TLS 1.2 / 1.3", "1.2、1.3": each version on its own. */
static cv_status judge_version(struct run *r, const struct cv_node *at,
                               const char *label, const char *text)
{
    char *key = cv_fold_key(r->ck->req->arena, text, strlen(text));
    char *p, *part;
    cv_status st = CV_OK;
    bool alone;
    if (!key)
        return CV_ENOMEM;
    for (p = key; (p = strstr(p, "、")) != NULL;)
        memcpy(p, ",  ", 3);
    alone = key[strcspn(key, "/,;")] == '\0';
    for (part = key; st == CV_OK && part; part = p) {
        char *end = part + strcspn(part, "/,;");
        p = *end ? end + 1 : NULL;
        *end = '\0';
        while (*part == ' ')
            part++;
        for (end = part + strlen(part); end > part && end[-1] == ' ';)
            *--end = '\0';
        if (*part)
            st = judge_version_part(r, at, label, text, part, alone);
    }
    return st;
}

/* Versions are TLS versions only when the protocol is TLS (or unstated). */
static bool protocol_is_tls(const struct run *r, const char *protocol)
{
    const struct cv_tls_suites *ts = &tables(r)->tls_suites;
    char *key;
    size_t i;
    if (!protocol)
        return true;
    key = cv_fold_key(r->ck->req->arena, protocol, strlen(protocol));
    for (i = 0; key && i < ts->nprotocols; i++)
        if (strncmp(key, ts->protocols[i], strlen(ts->protocols[i])) == 0)
            return true;
    return false;
}

static int node_bits(const struct cv_node *e)
{
    double kb;
    return cv_node_num(e, "key_bits", &kb) ? cv_double_to_int(kb) : 0;
}

static bool reads(const struct cv_check *ck, const char *field)
{
    size_t i;
    for (i = 0; i < ck->crit->nfacts; i++)
        if (strcmp(ck->crit->facts[i], field) == 0)
            return true;
    return false;
}

static size_t judged(const struct run *r)
{
    return r->counts[V_OK] + r->counts[V_REVIEW] + r->counts[V_BAD];
}

static cv_status judge_at_rest(struct run *r, const struct cv_node *rest)
{
    const struct cv_node *e;
    cv_status st = CV_OK;
    const char *label = cv_check_label(r->ck, "encryption.at_rest");
    for (e = rest ? rest->first : NULL; e && st == CV_OK; e = e->next) {
        const char *alg = cv_node_str(e, "algorithm");
        const char *mode = cv_node_str(e, "mode");
        const struct cv_node *at = cv_node_member(e, "algorithm");
        if (!alg && !mode)
            continue;
        if (alg && mode) {
            /* one scheme: the mode's partner is the algorithm */
            size_t n = strlen(alg) + strlen(mode) + 2;
            char *both = cv_arena_alloc(r->ck->req->arena, n);
            if (!both)
                return CV_ENOMEM;
            snprintf(both, n, "%s %s", alg, mode);
            st = judge(r, at, label, both, node_bits(e), K_AT_REST);
        } else {
            st = judge(r, at ? at : cv_node_member(e, "mode"), label,
                       alg ? alg : mode, node_bits(e), K_AT_REST);
        }
    }
    return st;
}

static cv_status judge_in_transit(struct run *r, const struct cv_node *transit)
{
    const struct cv_node *e, *v;
    cv_status st = CV_OK;
    const struct cv_check *ck = r->ck;
    for (e = transit ? transit->first : NULL; e && st == CV_OK; e = e->next) {
        const char *protocol = cv_node_str(e, "protocol");
        const struct cv_node *vers = cv_node_member(e, "versions");
        const struct cv_node *suites = cv_node_member(e, "cipher_suites");
        bool tls = protocol_is_tls(r, protocol);
        if (!tls) {
            r->counts[V_REVIEW]++;
            st = review(r, cv_node_member(e, "protocol"),
                        cv_check_label(ck, "encryption.in_transit.protocol"),
                        protocol,
                        CV_L(r->ck->lang, "TLS ではないプロトコルの版は判定"
                                          "できません",
                             "the versions of a protocol other than TLS "
                             "cannot be classified"));
        }
        for (v = vers ? vers->first : NULL; tls && v && st == CV_OK;
             v = v->next)
            if (v->kind == CV_NODE_STRING)
                st = judge_version(
                    r, v, cv_check_label(ck, "encryption.in_transit.versions"),
                    v->text);
        for (v = suites ? suites->first : NULL; v && st == CV_OK; v = v->next)
            if (v->kind == CV_NODE_STRING)
                st = judge(r, v,
                           cv_check_label(ck,
                                          "encryption.in_transit.cipher_suites"),
                           v->text, 0, K_SUITE);
    }
    return st;
}

static cv_status judge_lists(struct run *r, const struct cv_node *hashes,
                             const struct cv_node *sigs)
{
    const struct cv_node *e;
    cv_status st = CV_OK;
    const char *label = cv_check_label(r->ck, "encryption.hashes");
    for (e = hashes ? hashes->first : NULL; e && st == CV_OK; e = e->next)
        if (e->kind == CV_NODE_STRING)
            st = judge(r, e, label, e->text, 0, K_HASH);
    label = cv_check_label(r->ck, "encryption.signatures");
    for (e = sigs ? sigs->first : NULL; e && st == CV_OK; e = e->next) {
        const char *alg = cv_node_str(e, "algorithm");
        const char *curve = cv_node_str(e, "curve");
        const struct cv_node *at = cv_node_member(e, "algorithm");
        if (alg && curve) {
            size_t n = strlen(alg) + strlen(curve) + 2;
            char *both = cv_arena_alloc(r->ck->req->arena, n);
            if (!both)
                return CV_ENOMEM;
            snprintf(both, n, "%s %s", alg, curve);
            st = judge(r, at, label, both, node_bits(e), K_SIGNATURE);
        } else if (alg) {
            st = judge(r, at, label, alg, node_bits(e), K_SIGNATURE);
        }
    }
    return st;
}

/* The reason's closing sentences and the facts' verdict. */
static void conclude(struct run *r, size_t rest_items, size_t transit_items)
{
    struct cv_check *ck = r->ck;
    cv_lang lang = ck->lang;
    bool need_rest = reads(ck, "encryption.at_rest");
    bool need_transit = reads(ck, "encryption.in_transit");

    if (judged(r) == 0) {
        /* Nothing to classify (the blank template): no facts, never met. */
        cv_check_say(ck, CV_L(lang, "判定できる暗号の記載がありません",
                              "no encryption technique is stated"));
        ck->facts = CV_FACTS_NONE;
        return;
    }
    cv_check_say(ck, CV_L(lang, "暗号の記載 %zu 項目を %s で判定しました "
                                "(要件: 電子政府推奨暗号リストの技術。適合 "
                                "%zu、要確認 %zu、不適合 %zu)",
                          "%zu encryption items were classified against %s "
                          "(required: techniques of the e-Government "
                          "recommended list; %zu fine, %zu to review, %zu "
                          "failing)"),
                 judged(r), tables(r)->crypto_edition, r->counts[V_OK],
                 r->counts[V_REVIEW], r->counts[V_BAD]);
    bool no_rest = need_rest && rest_items == 0;
    bool no_transit = need_transit && transit_items == 0;
    if (r->counts[V_BAD]) {
        ck->facts = CV_FACTS_NOT_MET;
        return;
    }
    if (no_rest && no_transit) {
        /* Hashes or signatures alone are not the encryption 5(3)① asks
         * for: nothing of it is stated, so a yes stays a claim. */
        cv_check_say(ck, CV_L(lang, "保存時・通信時の暗号化の記載がありません",
                              "neither encryption at rest nor in transit "
                              "is stated"));
        ck->facts = CV_FACTS_NONE;
        return;
    }
    if (r->counts[V_REVIEW]) {
        ck->facts = CV_FACTS_UNVERIFIED;
        return;
    }
    if (no_rest || no_transit) {
        /* An unstated flow refutes nothing: it is a claim a person
         * confirms (a yes is claimed), never a contradiction. */
        cv_check_say(ck, no_rest
                             ? CV_L(lang, "? 保存時の暗号化の記載がありません "
                                          "(5(3)① は保存時と通信時の流れに"
                                          "応じた暗号化を求めます)",
                                    "? encryption at rest is not stated "
                                    "(5(3)① asks for encryption of stored "
                                    "and of transmitted data)")
                             : CV_L(lang, "? 通信時の暗号化の記載がありません "
                                          "(5(3)① は保存時と通信時の流れに"
                                          "応じた暗号化を求めます)",
                                    "? encryption in transit is not stated "
                                    "(5(3)① asks for encryption of stored "
                                    "and of transmitted data)"));
        ck->facts = CV_FACTS_UNVERIFIED;
        return;
    }
    ck->facts = CV_FACTS_MET;
    if (r->suite_sizes_unstated)
        cv_check_say(ck, CV_L(lang, "暗号スイートの鍵交換の鍵長 (DH 群・曲線) "
                                    "はスイート名に含まれないため判定して"
                                    "いません",
                              "the key-exchange sizes of the cipher suites "
                              "(DH group, curve) are not part of their names "
                              "and were not judged"));
    if (r->transition[0]) {
        char until[11];
        cv_date_format(r->transition_until - 1, until);
        cv_check_say(ck, CV_L(lang, "注: %s の安全性は新たな暗号化・署名には"
                                    " %s まで認められます (以降はより強い"
                                    "鍵長が必要)",
                              "note: the strength of %s is allowed for new "
                              "encryption and signing only until %s (a "
                              "stronger key is needed after that)"),
                     r->transition, until);
    }
}

cv_status cv_check_crypto(struct cv_check *ck)
{
    const struct cv_node *doc = ck->req->doc;
    struct run r;
    size_t rest_items, transit_items;
    cv_status st = CV_OK;

    memset(&r, 0, sizeof(r));
    r.ck = ck;
    /* The lists judged, where the reason's count speaks of them all. */
    cv_check_at(ck, cv_node_lookup(doc, "encryption"));
    if (reads(ck, "encryption.at_rest"))
        st = judge_at_rest(&r, cv_node_lookup(doc, "encryption.at_rest"));
    rest_items = judged(&r);
    if (st == CV_OK && reads(ck, "encryption.in_transit"))
        st = judge_in_transit(&r,
                              cv_node_lookup(doc, "encryption.in_transit"));
    transit_items = judged(&r) - rest_items;
    if (st == CV_OK && (reads(ck, "encryption.hashes") ||
                        reads(ck, "encryption.signatures")))
        st = judge_lists(&r,
                         reads(ck, "encryption.hashes")
                             ? cv_node_lookup(doc, "encryption.hashes")
                             : NULL,
                         reads(ck, "encryption.signatures")
                             ? cv_node_lookup(doc, "encryption.signatures")
                             : NULL);
    if (st != CV_OK)
        return st;
    conclude(&r, rest_items, transit_items);
    return cv_strbuf_status(&ck->reason);
}
